package com.goteleport.tbot.otel.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.testing.Cli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the docs tell a user to type or expect, against the code: every tbot-otel command line they
 * show is one the CLI takes, self-hosting.md's "what would be sent" previews its own {@code start}
 * line, the default endpoint and the notice line are the code's, benchmarks.md says how each
 * benchmark script is built, and tbot refuses the analytics keys only before 17.2.8.
 */
class DocClaimsTest {

  // A command in a shell block: java [JVM flags] -jar ...tbot-otel.jar COMMAND ...
  private static final Pattern JAR_COMMAND =
      Pattern.compile("java (?:-\\S+ +)*-jar +\\S*tbot-otel\\.jar +((?:start|preview|exec)\\b.*)");
  // Inline: `tbot-otel exec --flag ... -- tbot start ...`, `preview -- tbot start ...`.
  private static final Pattern INLINE_COMMAND = Pattern.compile("`(?:tbot-otel )?((?:start|preview|exec) -[^`]*)`");

  @Test
  void everyDocumentedCommandLineIsOneTheCliTakes() {
    Map<String, List<String>> commands = commandLines(DocLinksTest.repositoryRoot());
    assertTrue(commands.size() >= 10, "found the documented commands: " + commands.keySet());
    List<String> refused = new ArrayList<>();
    commands.forEach((where, args) -> {
      // preview takes every flag of start and exec and sends nothing (privacy.md: any start or exec
      // line becomes its preview by changing that one word); only a usage error is exit status 2.
      List<String> asPreview = new ArrayList<>(args);
      asPreview.set(0, "preview");
      Cli.Result r = Cli.run(Map.of(), asPreview.toArray(new String[0]));
      if (r.exitCode() == 2) {
        refused.add(where + " -> " + r.stderr().strip());
      }
    });
    assertEquals(List.of(), refused, "documented command lines the CLI refuses");
  }

  @Test
  void aCommandLineWithAFlagTheCliLacksIsRefused() {
    Cli.Result r = Cli.run(Map.of(), "preview", "--anonymous-analytics", "--endpoint", "http://127.0.0.1:4318/v1/logs");
    assertEquals(2, r.exitCode(), r.stderr());
  }

  @Test
  void selfHostingsPreviewIsItsStartLineWithPreviewForStart() {
    String doc = read(DocLinksTest.repositoryRoot().resolve("docs/self-hosting.md"));
    List<String> start = onlyCommand(section(doc, "## 3. "), "start");
    List<String> preview = onlyCommand(section(doc, "## 4. "), "preview");
    List<String> expected = new ArrayList<>(start);
    expected.set(0, "preview");
    assertEquals(expected, preview, "self-hosting.md: step 4's preview shows what step 3's start sends");
  }

  @Test
  void theDefaultEndpointIsTheCodes() {
    Path root = DocLinksTest.repositoryRoot();
    String origin = AnonymousAnalytics.DEFAULT_ENDPOINT.substring(0, AnonymousAnalytics.DEFAULT_ENDPOINT.indexOf("/v1/"));
    Pattern mention = Pattern.compile("https://anonymous-analytics\\.[^\\s`)'\"]*");
    int seen = 0;
    for (Path doc : markdown(root)) {
      Matcher m = mention.matcher(read(doc));
      while (m.find()) {
        seen++;
        String url = m.group().replaceAll("[.,;:]+$", "");
        assertTrue(url.equals(AnonymousAnalytics.DEFAULT_ENDPOINT) || url.equals(origin),
            root.relativize(doc) + " names " + url + "; the default is " + AnonymousAnalytics.DEFAULT_ENDPOINT);
      }
    }
    assertTrue(seen >= 4, "the docs name the default endpoint");
  }

  @Test
  void privacysNoticeLineIsTheCodes() {
    String doc = read(DocLinksTest.repositoryRoot().resolve("docs/privacy.md"));
    Matcher block = Pattern.compile("```text\\n([^\\n]*)\\n```").matcher(section(doc, "## What you see"));
    assertTrue(block.find(), "privacy.md shows the notice line");
    String notice = AnonymousAnalytics.builder().setConsent(Consent.resolve(true, null, Map.of())).build()
        .notice("see it by running this same line with 'preview' in place of 'start'"); // as start says
    assertEquals("tbot-otel: " + notice, block.group(1), "privacy.md, What you see");
  }

  /**
   * privacy.md says what the connection itself shows, beyond the request: the sender's address to
   * the collector, and the collector's host name to the network, in the DNS lookup and the TLS
   * server name (SNI, which ProxyTest reads from the ClientHello).
   */
  @Test
  void privacySaysWhatTheConnectionShows() {
    String doc = read(DocLinksTest.repositoryRoot().resolve("docs/privacy.md"))
        .replaceAll("\\s+", " ");
    String host = java.net.URI.create(AnonymousAnalytics.DEFAULT_ENDPOINT).getHost();
    Matcher m = Pattern.compile("[^.]*\\bIP address\\b[^.]*\\bDNS\\b[^.]*\\bSNI\\b[^.]*`"
        + Pattern.quote(host) + "`").matcher(doc);
    assertTrue(m.find(), "privacy.md: one sentence names the IP address the collector sees, and the DNS"
        + " lookup and TLS SNI that show the network `" + host + "`");
  }

  /**
   * Where a doc or an example's file says tbot refuses or rejects the analytics keys (or keys it does
   * not know), it says which tbot: one "before 17.2.8", as cli.md's "YAML keys" has it (from 17.2.8
   * tbot's config reads past them). The claims found are those naming the keys after the verb: "it"
   * for them is not seen. The VM and Kubernetes READMEs still said "today's tbot refuses"
   * after the rest were corrected.
   */
  @Test
  void whereADocSaysTbotRefusesTheKeysItSaysBefore1728() throws IOException {
    Path root = DocLinksTest.repositoryRoot();
    Pattern claim = Pattern.compile(
        "(?i)\\btbot\\b[^.]{0,80}\\b(?:refuses|rejects)\\b[^.]{0,80}(?:anonymous_analytics|\\bkeys?\\b)");
    List<Path> files = new ArrayList<>(markdown(root));
    try (Stream<Path> examples = Files.walk(root.resolve("examples"))) {
      examples.filter(p -> !p.toString().contains("/target/") && Files.isRegularFile(p))
          .filter(p -> p.getFileName().toString().matches(".*\\.(ya?ml|service)|Dockerfile.*"))
          .forEach(files::add);
    }
    List<String> wrong = new ArrayList<>();
    int seen = 0;
    for (Path f : files) {
      String text = read(f);
      if (!f.toString().endsWith(".md")) {
        text = text.replaceAll("(?m)^\\s*#\\s?", ""); // a config's comments, as prose
      }
      // The release's dots would end [^.] runs: spelled without them, it stays inside the claim.
      Matcher m = claim.matcher(text.replaceAll("\\s+", " ").replace("17.2.8", "17_2_8"));
      while (m.find()) {
        seen++;
        if (!m.group().contains("before 17_2_8")) { // not "from 17.2.8", which reads past them
          wrong.add(root.relativize(f) + ": " + m.group());
        }
      }
    }
    assertTrue(seen >= 5, "the docs say which tbot refuses the keys: " + seen);
    assertEquals(List.of(), wrong, "only tbot before 17.2.8 refuses the analytics keys (docs/cli.md, YAML keys)");
  }

  /**
   * Where a doc says what {@code version} is without --tbot-version, it says {@code unknown}, as
   * every command reports it (start and preview too, StartInputs): tbot-otel's own version is no
   * tbot's. GitHubActionsExampleTest holds cli.md's Precedence to the CLI.
   */
  @Test
  void whatTheDocsSayVersionIsWithoutTbotVersionIsUnknown() {
    Path root = DocLinksTest.repositoryRoot();
    Pattern claim = Pattern.compile("(?i)(?:without `--tbot-version`,?|`--tbot-version`[^.]{0,60}?(?:\\(else|without it,))"
        + " (?:`version` is|it reports) ([^.;()]+)");
    List<String> wrong = new ArrayList<>();
    int seen = 0;
    for (Path doc : markdown(root)) {
      Matcher m = claim.matcher(read(doc).replaceAll("\\s+", " "));
      while (m.find()) {
        seen++;
        if (!m.group(1).startsWith("`unknown`")) {
          wrong.add(root.relativize(doc) + ": " + m.group());
        }
      }
    }
    assertTrue(seen >= 3, "the docs say what version is without --tbot-version: " + seen);
    assertEquals(List.of(), wrong, "without --tbot-version, version is unknown");
  }

  @Test
  void benchmarksMdSaysHowEachScriptIsBuilt() throws IOException {
    Path root = DocLinksTest.repositoryRoot();
    String doc = read(root.resolve("docs/benchmarks.md"));
    Pattern build = Pattern.compile("(?m)^\\s*mvn [^\\n]*?(-pl \\S+ -am)");
    List<String> wrong = new ArrayList<>();
    try (var scripts = Files.list(root.resolve("benchmarks"))) {
      for (Path script : scripts.filter(p -> p.toString().endsWith(".sh")).sorted().toList()) {
        String name = script.getFileName().toString();
        Matcher m = build.matcher(read(script));
        if (m.find()) { // it builds first: the page names what, as the command line says
          if (!doc.contains(m.group(1))) {
            wrong.add(name + " builds with " + m.group(1) + ", which benchmarks.md does not name");
          }
        } else if (!Pattern.compile("mvn [^`\\n]*package && benchmarks/" + Pattern.quote(name)).matcher(doc).find()) {
          wrong.add(name + " builds nothing; benchmarks.md shows no build before it");
        }
      }
    }
    assertEquals(List.of(), wrong, "benchmarks.md on how the scripts are built");
  }

  // ---- extraction

  /** Each documented command line, as its words from the subcommand on, keyed by file and line. */
  static Map<String, List<String>> commandLines(Path root) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Path doc : markdown(root)) {
      String text = read(doc);
      for (String line : shellLines(text)) {
        Matcher m = JAR_COMMAND.matcher(line);
        if (m.find()) {
          out.put(root.relativize(doc) + ": " + line.strip(), words(m.group(1)));
        }
      }
      Matcher inline = INLINE_COMMAND.matcher(text);
      while (inline.find()) {
        String command = inline.group(1).replaceAll("\\s+", " ");
        if (!command.matches(".*\\b[A-Z]{4,}\\b.*")) { // `preview -- COMMAND` is a form, not a command line
          out.put(root.relativize(doc) + ": `" + command + "`", words(command));
        }
      }
    }
    return out;
  }

  /** The lines of the fenced blocks marked sh, bash or nothing, continuation lines joined. */
  static List<String> shellLines(String markdown) {
    List<String> out = new ArrayList<>();
    boolean inFence = false;
    boolean shell = false;
    StringBuilder pending = new StringBuilder();
    for (String line : markdown.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("```")) {
        shell = !inFence && trimmed.matches("```(sh|bash)?");
        inFence = !inFence;
        pending.setLength(0);
        continue;
      }
      if (inFence && shell) {
        if (trimmed.endsWith("\\")) {
          pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
        } else {
          out.add(pending.append(trimmed).toString());
          pending.setLength(0);
        }
      }
    }
    return out;
  }

  // Shell words: a comment ends the line; placeholders ([flags]) are dropped.
  private static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    for (String w : line.replaceAll("\\s#.*$", "").trim().split("\\s+")) {
      if (!w.matches("\\[[a-z]+\\]")) {
        words.add(w);
      }
    }
    return words;
  }

  private static List<String> onlyCommand(String section, String subcommand) {
    List<List<String>> found = new ArrayList<>();
    for (String line : shellLines(section)) {
      Matcher m = JAR_COMMAND.matcher(line);
      if (m.find() && m.group(1).startsWith(subcommand + " ")) {
        found.add(words(m.group(1)));
      }
    }
    assertEquals(1, found.size(), "one " + subcommand + " command in the section: " + found);
    assertFalse(found.get(0).isEmpty());
    return found.get(0);
  }

  private static String section(String doc, String heading) {
    int at = doc.indexOf("\n" + heading);
    assertTrue(at >= 0, "no section " + heading);
    int end = doc.indexOf("\n## ", at + 1);
    return doc.substring(at, end < 0 ? doc.length() : end);
  }

  private static List<Path> markdown(Path root) {
    try {
      return DocLinksTest.markdownFiles(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
