package com.goteleport.tbot.otel.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.internal.text.ShownWords;
import com.goteleport.tbot.otel.testing.SecretShapes;
import com.goteleport.tbot.otel.testing.SecretShapes.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded property over the config reader's refusals, whose one line lands in CI, Kubernetes and
 * journald logs: whatever the shape of a secret ({@link SecretShapes}: a token, letters alone in
 * mixed or lower case, digits, hex, base64 or base64url, a passphrase of words joined by {@code -},
 * {@code _} or {@code .}) and whatever role it plays in tbot's YAML (a plain, quoted or
 * escaped value; a key, anchor, alias, tag or tag handle; a directive; a comment; an endpoint's
 * user info or query; a bad value of a fixed-word field) and whatever damage the text then takes
 * (cut, an indicator, tab or quote put in, a line repeated, dropped or indented otherwise), no
 * message of any way in (parse, a file, TBOT_CONFIG's and --config-string's base64; the full reading
 * and the consent-only one; the endpoint's check after a reading) holds 6 characters of it in a
 * row (of a passphrase, 6 that hold characters of two of its words: one word is a short word), and
 * each message is one line. A value shown by policy ({@code got 'maybe'}: a short word,
 * or a number, in a field of fixed words) is the one exception. A run found is checked again on
 * the same case with another secret of its shape: wording that holds it for both is not the
 * secret's. Seeded; {@code -DconfigErrors.seed=N -DconfigErrors.configs=N} runs others.
 */
class ConfigErrorsQuoteNoSecretTest {

  private static final long SEED = Long.getLong("configErrors.seed", 0x7B07_5EC2L);
  private static final int CONFIGS = Integer.getInteger("configErrors.configs", 3000);
  /** One case in this many is also read as a file (and the file's consent), which costs a write. */
  private static final int FILE_EVERY = 4;
  private static final String SOURCE = "tbot.yaml";
  private static final List<String> WAYS = List.of("parse", "file", "file consent", "TBOT_CONFIG",
      "TBOT_CONFIG consent", "--config-string");

  @Test
  void noRefusalQuotesASecretOfTheText(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("tbot.yaml");
    Map<String, Leak> leaks = new TreeMap<>(); // by the message's shape: the shortest text
    int refused = 0;
    int leaked = 0;
    long start = System.nanoTime();
    for (int i = 0; i < CONFIGS; i++) {
      long caseSeed = new SplittableRandom(SEED + 0x9E3779B97F4A7C15L * i).nextLong();
      Secret secret = SecretShapes.next(new Random(caseSeed ^ 0x5DEECE66DL));
      String text = text(caseSeed, secret.text());
      boolean utf16 = new Random(caseSeed).nextInt(8) == 0;
      for (String way : WAYS) {
        if (way.startsWith("file") && i % FILE_EVERY != 0) {
          continue; // decoded as base64 text is: read as a file a quarter of the time, for its cost
        }
        String message = messageOf(way, text, utf16, file);
        if (message == null) {
          continue;
        }
        refused++;
        String problem = problem(message, secret);
        if (problem != null && problem.startsWith("quotes ")) {
          // Fixed wording of the library's or snakeyaml's that happens to hold 6 of its characters
          // holds them for another secret too: the same text with each character of the secret
          // replaced by another of its kind, a digit by a digit, a hex letter by a hex letter.
          String again = messageOf(way, text(caseSeed, secret.other().text()), utf16, file);
          if (again != null && again.contains(problem.substring("quotes ".length()))) {
            problem = null;
          }
        }
        if (problem != null) {
          leaked++;
          Leak leak = new Leak(way + " (a secret of shape " + secret.shape() + ")", problem, secret.hiddenIn(text),
              secret.hiddenIn(message));
          leaks.merge(shape(leak.message()), leak, (a, b) -> b.text().length() < a.text().length() ? b : a);
        }
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("seed %d: %d configs (%d ways in each, 1 in %d also as a file): %d refusals checked,"
        + " %d leaks in %d shapes, %d ms%n", SEED, CONFIGS, WAYS.size() - 2, FILE_EVERY, refused, leaked, leaks.size(),
        millis);
    StringBuilder report = new StringBuilder();
    leaks.values().stream().sorted((a, b) -> a.text().length() - b.text().length()).limit(12).forEach(leak ->
        report.append("\n  ").append(leak.way()).append(" of ").append(visible(leak.text())).append("\n    ")
            .append(leak.problem().startsWith("quotes ") ? "quotes SECRET" : leak.problem()).append(": ")
            .append(leak.message()));
    if (!leaks.isEmpty()) {
      System.out.println(report);
    }
    assertTrue(leaks.isEmpty(), leaks.size() + " shapes of message quote the secret or are not one line:" + report);
    assertTrue(refused > CONFIGS, "the damage must get many texts refused: " + refused);
  }

  /** What one counter-example shows: the way in, its problem, the text and message without the secret. */
  private record Leak(String way, String problem, String text, String message) {}

  // ---- the ways in

  /** The message of {@code way} for {@code text}, or null if the text was taken. */
  @Nullable
  private static String messageOf(String way, String text, boolean utf16, Path file) throws IOException {
    byte[] bytes = utf16 ? utf16(text) : text.getBytes(StandardCharsets.UTF_8);
    String base64 = Base64.getEncoder().encodeToString(bytes);
    try {
      TbotConfig config;
      switch (way) {
        case "parse":
          config = TbotConfigReader.parse(text, SOURCE);
          break;
        case "file":
          Files.write(file, bytes);
          config = TbotConfigSource.resolve(file.toString(), Map.of()).read();
          break;
        case "file consent":
          Files.write(file, bytes);
          TbotConfigSource.resolve(null, Map.of(TbotConfigSource.ENV_CONFIG_PATH, file.toString())).readConsent();
          return null;
        case "TBOT_CONFIG":
          config = TbotConfigSource.resolve(null, Map.of(TbotConfigSource.ENV_CONFIG, base64)).read();
          break;
        case "TBOT_CONFIG consent":
          TbotConfigReader.readConsentBase64(base64, TbotConfigSource.ENV_CONFIG);
          return null;
        case "--config-string":
          config = TbotConfigSource.resolve(null, base64, Map.of()).read();
          break;
        default:
          throw new AssertionError(way);
      }
      // What the CLI's start does with the endpoint a config gives (no flag, no variable).
      Endpoints.resolve(null, null, config.anonymousAnalyticsEndpoint());
      return null;
    } catch (ConfigException e) {
      return e.getMessage();
    } catch (RuntimeException | StackOverflowError e) {
      // A host catches ConfigException: anything else is a failure in itself, and its message is checked too.
      return "UNEXPECTED " + e.getClass().getName() + ": " + e.getMessage();
    }
  }

  private static byte[] utf16(String text) {
    // With its byte order mark, as Windows PowerShell 5 writes a file; Go's YAML takes it.
    return ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE);
  }

  // ---- the property

  /** What is wrong with {@code message}, or null: "quotes X" for a run X of the secret in it. */
  @Nullable
  private static String problem(String message, Secret secret) {
    if (message.startsWith("UNEXPECTED ")) {
      return "not a ConfigException";
    }
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      int type = Character.getType(c);
      if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
        return "not one line";
      }
    }
    String run = secret.quotedIn(withoutShownWords(message));
    return run == null ? null : "quotes " + run;
  }

  private static final Pattern GOT = Pattern.compile("got '([^']*)'");

  /**
   * {@code message} without the values a field of fixed words shows by policy (TbotConfigReader's
   * describe): a short word, or a number of up to 12 characters ({@code got 'v3'}, {@code got '2'}).
   */
  private static String withoutShownWords(String message) {
    Matcher got = GOT.matcher(message);
    StringBuilder out = new StringBuilder();
    while (got.find()) {
      String word = got.group(1);
      boolean shown = ShownWords.shortWord(word) || word.length() <= 12 && word.matches("-?[0-9][0-9.E-]*");
      got.appendReplacement(out, Matcher.quoteReplacement(shown ? "got '...'" : got.group()));
    }
    return got.appendTail(out).toString();
  }

  /** A message's shape: without its source and line numbers, so that one leak is reported once. */
  private static String shape(String message) {
    return message.replaceFirst("^(\\S*tbot\\.yaml|TBOT_CONFIG|--config-string): ", "").replaceAll("\\d+", "N");
  }

  private static String visible(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  // ---- configs

  private static final List<String> V2 = List.of(
      "# tbot config for the deploy bot",
      "version: v2",
      "proxy_server: teleport.example.com:443",
      "oneshot: true",
      "onboarding:",
      "  join_method: github",
      "  token: github-bot",
      "storage:",
      "  type: memory",
      "outputs:",
      "  - type: identity",
      "    destination:",
      "      type: directory",
      "      path: /opt/machine-id",
      "  - type: kubernetes/v2",
      "    selectors: [{name: prod}]",
      "    destination: {type: directory, path: /opt/kube}",
      "services:",
      "  - type: database-tunnel",
      "    listen: tcp://127.0.0.1:25432",
      "    service: pg");

  private static final List<String> V1 = List.of(
      "# tbot v1",
      "auth_server: teleport.example.com:3025",
      "oneshot: false",
      "onboarding:",
      "  join_method: token",
      "  token: bot-token",
      "storage:",
      "  directory: /var/lib/teleport/bot",
      "destinations:",
      "  - directory: /opt/machine-id",
      "  - directory: /opt/machine-id/db",
      "    database:",
      "      service: postgres",
      "      username: reader",
      "  - directory: /opt/machine-id/app",
      "    app: grafana");

  private static final List<String> KEYS = List.of("token", "join_method", "proxy_server", "auth_server",
      "anonymous_analytics", "anonymous_analytics_endpoint", "oneshot", "version", "onboarding", "outputs",
      "services", "destinations", "join_uri", "storage", "certificate_ttl", "app", "kubernetes_cluster");

  /** The text of case {@code caseSeed} with {@code s} as its secret: the same for any secret of one shape. */
  private static String text(long caseSeed, String s) {
    Random r = new Random(caseSeed);
    r.nextInt(8); // the case's encoding, drawn by the caller
    boolean v2 = r.nextBoolean();
    List<String> lines = new ArrayList<>(v2 ? V2 : V1);
    if (r.nextInt(3) == 0) {
      lines.add(1, "anonymous_analytics: " + (r.nextBoolean() ? "true" : "false"));
    }
    String[] around = placed(r, s, lines);
    String text = around[0] + String.join(r.nextInt(6) == 0 ? "\r\n" : "\n", lines) + "\n" + around[1];
    return damaged(r, text);
  }

  /** Puts {@code s} into {@code lines} in one role; returns what goes before and after them. */
  private static String[] placed(Random r, String s, List<String> lines) {
    String k = KEYS.get(r.nextInt(KEYS.size()));
    String before = "";
    String after = "";
    switch (r.nextInt(16)) {
      case 0, 1, 2 -> put(r, lines, k + ": " + value(r, s));
      case 3, 4 -> put(r, lines, key(r, s));
      case 5 -> put(r, lines, anchored(r, s, k));
      case 6 -> put(r, lines, tagged(r, s, k));
      case 7 -> {
        String[] tag = tagDirective(r, s);
        before = tag[0];
        put(r, lines, k + ": " + tag[1]);
      }
      case 8 -> before = directive(r, s);
      case 9 -> {
        String[] document = document(r, s);
        before = document[0];
        after = document[1];
      }
      case 10 -> put(r, lines, flow(r, s, k));
      case 11 -> put(r, lines, comment(r, s, k));
      case 12 -> put(r, lines, tabbed(r, s, k));
      case 13 -> put(r, lines, "anonymous_analytics_endpoint: " + endpoint(r, s));
      case 14 -> put(r, lines, badField(r, s));
      default -> {
        before = pick(r, List.of("\uFEFF", "\uFEFF\uFEFF", "\uFEFF# " + s + "\n", "\uFEFF" + s + "\n"));
        put(r, lines, k + ": " + value(r, s));
      }
    }
    return new String[] {before, after};
  }

  /** Puts a snippet at the top level, or under onboarding:, indented. */
  private static void put(Random r, List<String> lines, String snippet) {
    List<String> put = List.of(snippet.split("\n", -1));
    int onboarding = lines.indexOf("onboarding:");
    if (r.nextInt(3) == 0 && onboarding >= 0) {
      List<String> indented = new ArrayList<>();
      for (String line : put) {
        indented.add("  " + line);
      }
      lines.addAll(onboarding + 1, indented);
      return;
    }
    List<Integer> tops = new ArrayList<>();
    for (int i = 0; i <= lines.size(); i++) {
      if (i == lines.size() || !lines.get(i).startsWith(" ")) {
        tops.add(i);
      }
    }
    lines.addAll(tops.get(r.nextInt(tops.size())), put);
  }

  private static String value(Random r, String s) {
    return pick(r, List.of(
        s, "'" + s + "'", "\"" + s + "\"", "\"\\U" + s + "\"", "\"\\u" + s + "\"", "\"\\x" + s + "\"",
        "\"\\U0010" + s + "\"", "\"a\\" + s + "\"", "\"\\" + s + "\"", "\"\\u00e9" + s + "\"", "\"" + s,
        "'" + s, s + "\"", "|\n  " + s, "|" + s, ">" + s, "|-\n\t" + s, "|2\n " + s, ">\n" + s,
        "@" + s, "`" + s, "%" + s, "- " + s, s + ": x: y", s + " : " + s, "0x" + s, "0b" + s, "0o" + s,
        "0" + s, "1e" + s, "." + s, "+" + s, "~" + s, s + "\u00e9", s + "\u0085" + s, s + "\u2028",
        "\u0001" + s, s + "\u007f", "\"" + s + "\u0007\"", "\u00a0" + s, "\"\\N" + s + "\"", s.repeat(40),
        "2024-01-01T" + s, "12:30:" + s, "'" + s + "''" + s + "'", "\"" + s + "\\\n  " + s + "\""));
  }

  private static String key(Random r, String s) {
    return pick(r, List.of(
        s + ": v", s + ":", "\"" + s + "\": v", "'" + s + "': v", s + ": 1\n" + s + ": 2", "? " + s + "\n: v",
        "? [" + s + "]\n: v", "[" + s + "]: v", "{" + s + ": 1}: v", s, s + ":x", "\"\\U" + s + "\": v",
        s.repeat(40) + ": v", "- " + s, "? " + s + "\n" + s, s + ": 1\n\"" + s + "\": 2",
        "? " + s + "\n? " + s, "!!binary " + s + ": v", "!!str " + s + ": v", "\"" + s + "\": 1\n'" + s + "': 2"));
  }

  private static String anchored(Random r, String s, String k) {
    return pick(r, List.of(
        k + ": &" + s + " v", k + ": *" + s, "a: &" + s + " v\n" + k + ": *" + s, k + ": &" + s + ". v",
        k + ": &" + s, "<<: *" + s, k + ": &" + s + "\n  - a", "*" + s + ": v", "&" + s + " " + k + ": v",
        k + ": *" + s + ".x", k + ": &" + s + "@ v", k + ": [*" + s + "]", k + ": {*" + s + ": 1}",
        "a: &" + s + " {x: 1}\nb: &" + s + " {y: 2}\n" + k + ": *" + s, k + ": &" + s + " &" + s + " v",
        "<<: " + s, "<<: [" + s + "]", "<<: {" + s + ": 1}", "<<: [*" + s + "]", "<<: !!map " + s,
        "a: &" + s + " [1]\n<<: *" + s, "a: &" + s + " {k: 1, k: 2}\n<<: *" + s, "<<: &" + s + " {a: 1}\n<<: *"
            + s, "a: &" + s + " {b: *" + s + "}\n" + k + ": *" + s));
  }

  private static String tagged(Random r, String s, String k) {
    return pick(r, List.of(
        k + ": !" + s + " x", k + ": !!" + s + " x", k + ": !h!" + s + " x", k + ": !<" + s + "> x",
        k + ": !" + s + "!x y", k + ": !%" + s + " x", k + ": !a%" + s.substring(0, 2) + s + " x", k + ": !<" + s,
        k + ": !" + s + "\u00e9 x", k + ": !" + s + "{ x", k + ": !!int " + s, k + ": !!bool " + s,
        k + ": !!binary " + s, k + ": !!binary " + s + "!", k + ": !!float " + s, k + ": !!timestamp " + s,
        k + ": !!timestamp 2024-01-01T" + s, k + ": !!timestamp 2024-01-" + s, k + ": !!null " + s,
        k + ": !!str " + s, k + ": !!seq " + s, k + ": !!map " + s, k + ": !!merge " + s,
        k + ": !!set {" + s + "}", k + ": !!omap [" + s + "]", k + ": !!pairs [" + s + "]", k + ": !!int 0x" + s,
        k + ": !!float 1." + s, k + ": !!bool \"" + s + "\"", k + ": !!timestamp '" + s + "'",
        "!" + s + " " + k + ": v", "!!int " + s + ": v", k + ": !!map [" + s + "]", k + ": !!str [" + s + "]",
        k + ": !!seq {" + s + ": 1}", k + ": !!int \"" + s + "\"", k + ": !!timestamp 2001-12-14t21:59:43." + s));
  }

  /** A %TAG directive with the secret in it, or one that defines a handle the value uses with the secret. */
  private static String[] tagDirective(Random r, String s) {
    return pick(r, List.of(
        new String[] {"%TAG !h! tag:example.com,2000:\n---\n", "!h!" + s + " x"},
        new String[] {"%TAG !" + s + "! tag:example.com,2000:\n---\n", "!" + s + "!x y"},
        new String[] {"%TAG !" + s + "! a:\n%TAG !" + s + "! b:\n---\n", "x"},
        new String[] {"%TAG !h! " + s + "\n---\n", "!h!x y"},
        new String[] {"%TAG !h! tag:" + s + "%zz\n---\n", "!h!x y"},
        new String[] {"%TAG ! " + s + "\n---\n", "!x y"},
        new String[] {"%TAG !h! tag:x\n", "!h!" + s + " y"},
        new String[] {"%TAG !h! tag:x\n---\n", "!h!%" + s + " y"},
        new String[] {"%TAG !" + s + " tag:x\n---\n", "x"},
        new String[] {"%TAG !h! !" + s + "\u00e9\n---\n", "!h!x y"}));
  }

  private static String directive(Random r, String s) {
    return pick(r, List.of(
        "%YAML 1.1 " + s + "\n---\n", "%" + s + "\n---\n", "%YAML " + s + "\n---\n", "%YAML 1." + s + "\n---\n",
        "%YAML 1.1\n%YAML 1.1 " + s + "\n---\n", "%YAML 1.1 #" + s + "\n---\n", "%" + s + " x\n---\n",
        "%YAML 1.1\n" + s + "\n---\n", "%YAML 2.0 " + s + "\n---\n", "%YAML 1.1\n%" + s + "\n---\n",
        "%TAG\t!" + s + "! x\n---\n", "%YAML\t" + s + "\n---\n"));
  }

  /** What goes before the config and after it with a document's marker. */
  private static String[] document(Random r, String s) {
    return pick(r, List.of(
        new String[] {"--- " + s + "\n", ""}, new String[] {"--- !" + s + "\n", ""},
        new String[] {"--- &" + s + "\n", ""}, new String[] {"--- *" + s + "\n", ""},
        new String[] {"--- \"" + s + "\n", ""}, new String[] {"", "---\n" + s + ": 1\n"},
        new String[] {"", "---\n*" + s + "\n"}, new String[] {"", "---\n!" + s + " x\n"},
        new String[] {"", "--- \"" + s + "\n"}, new String[] {"", "...\n" + s + "\n"},
        new String[] {"", "---\n&" + s + ". x\n"}, new String[] {"", "--- |\n\t" + s + "\n"},
        new String[] {"", s + "\n"}, new String[] {"", "---\n%" + s + "\n"}, new String[] {"", "...\n%" + s + "\n"},
        new String[] {"", "--- {" + s + "\n"}, new String[] {"", "---\n\t" + s + "\n"}));
  }

  private static String flow(Random r, String s, String k) {
    return pick(r, List.of(
        k + ": [" + s + ", x]", k + ": {" + s + "}", k + ": {a: " + s + "}", k + ": [" + s, k + ": {" + s + ": [",
        k + ": [a, " + s + "}", "outputs: [{type: " + s + "}]", "outputs: [" + s + "]", k + ": {" + s + ": 1, "
            + s + ": 2}", k + ": [" + s + ": 1]", k + ": {? " + s + "}", k + ": [? " + s + " : x]",
        k + ": [\"" + s + "\" x]", k + ": {a: b " + s + " : c}", k + ": [" + s + "]]", k + ": {" + s + "}}",
        k + ": [a\n" + s + "]", k + ": [- " + s + "]", k + ": {" + s + ": {" + s + ": [" + s + "]}}x"));
  }

  private static String comment(Random r, String s, String k) {
    return pick(r, List.of(
        "# " + s, k + ": v # " + s, k + ": v#" + s, k + ": \"v\"#" + s, k + ": 'v'" + s, k + ": \"v\"" + s,
        k + ": [v]" + s, k + ": |" + s + "\n  x", k + ": |\t#" + s + "\n  x", k + ": &a" + s + "#x v",
        "#" + s + "\n" + k + ": [", k + ": v\n # " + s + "\n  x: y"));
  }

  private static String tabbed(Random r, String s, String k) {
    return pick(r, List.of(
        k + ":\t" + s, "\t" + s + ": 1", k + ": v\t#" + s, k + ": \"v\"\t" + s, "\t" + k + ": " + s,
        k + ":\n\t" + s, k + ":\n  -\t" + s, k + ":\n \t" + s + ": x", k + ": |\n\t" + s, k + ": [\n\t" + s + "]",
        k + ": \t&" + s + " x", s + "\t: x", k + ": {\n\t" + s + ": 1}", "? " + s + "\n:\t" + s));
  }

  private static String endpoint(Random r, String s) {
    return pick(r, List.of(
        "https://bot:" + s + "@example.com/v1/logs", "https://" + s + "@example.com/v1/logs",
        "https://example.com/v1/logs?token=" + s, "https://example.com/v1/logs#" + s, s, "http://" + s,
        "https://example.com:" + s + "/v1/logs", "ftp://" + s + "@example.com/", "https://[" + s + "]/",
        "https://example.com/" + s + "%zz", "https://" + s + "@/", "\"https://example.com/\\U" + s + "\"",
        "https://example.com/v1/logs?" + s, "https://" + s + ".example.com:99999/", "https://example.com/" + s
            + "\u00e9 x", "[https://" + s + "@example.com]", "https://example.com/ " + s, "//" + s + "@example.com/",
        "https://" + s + ":" + s + "@example.com:4318/v1/logs?" + s + "#" + s, "https://%" + s + "/",
        "https://010." + s + "/", "https://[::ffff:010.1.2.3%25" + s + "]/", "https://" + s + "\u00e9.example/"));
  }

  private static String badField(Random r, String s) {
    return pick(r, List.of(
        "anonymous_analytics: " + s, "anonymous_analytics: \"" + s + "\"", "anonymous_analytics: [" + s + "]",
        "anonymous_analytics: {" + s + ": 1}", "version: " + s, "version: \"" + s + "\"", "version: [" + s + "]",
        "oneshot: " + s, "oneshot: '" + s + "'", "anonymous_analytics: !!str " + s, "anonymous_analytics: 0x" + s,
        "join_uri: tbot+proxy+" + s + "://x", "join_uri: " + s, "join_uri: [" + s + "]", "onboarding: " + s,
        "onboarding:\n  join_method: [" + s + "]", "onboarding:\n  join_method: {" + s + ": 1}",
        "version: v2\noutputs:\n  - " + s, "version: v2\noutputs:\n  - type: " + s,
        "version: v2\noutputs:\n  - type: [" + s + "]", "version: v2\noutputs:\n  - {" + s + ": 1}",
        "version: v2\noutputs:\n  - ? [" + s + "]\n    : x", "destinations:\n  - " + s,
        "destinations:\n  - app: [" + s + "]", "destinations:\n  - database: {service: [" + s + "]}",
        "destinations:\n  - app: " + s + "\n    kubernetes_cluster: " + s, "outputs: " + s, "destinations: " + s,
        "anonymous_analytics_endpoint: [" + s + "]", "anonymous_analytics_endpoint: {" + s + ": 1}",
        "anonymous_analytics: 2001-12-14t" + s, "anonymous_analytics: 1" + s, "anonymous_analytics: " + s + ".5",
        "version: v2\noutputs:\n  - type: " + s + "\n    destination: {}", "onboarding:\n  " + s + ": [1]"));
  }

  // ---- damage

  private static final List<String> DAMAGE = List.of(
      ":", ": ", "- ", "? ", "{", "}", "[", "]", ",", "*", "&", "!", "!!", "%", "\\", "\"", "'", "\t", "|", ">",
      "#", "@", "`", "\n", "\n---\n", "\n...\n", "\uFEFF", "<<: ", " !!int ", "\n  ", "\\U", "\\x", "\\u", " ",
      "\n\t", "\r", "\u0085", "\u2028", "%TAG ", "\n%YAML 1.1\n", "!<", "&a ", "*a ", "!!binary ", "!!timestamp ");

  /** {@code text} after up to three blows: a cut, an indicator put in, a line repeated, re-indented or dropped. */
  private static String damaged(Random r, String text) {
    String out = text;
    for (int blows = r.nextInt(4); blows > 0; blows--) {
      List<String> lines = new ArrayList<>(List.of(out.split("\n", -1)));
      int line = r.nextInt(lines.size());
      switch (r.nextInt(7)) {
        case 0 -> out = out.substring(0, r.nextInt(out.length() + 1));
        case 1, 2 -> {
          int at = r.nextInt(out.length() + 1);
          out = out.substring(0, at) + pick(r, DAMAGE) + out.substring(at);
        }
        case 3 -> {
          lines.add(line, lines.get(line));
          out = String.join("\n", lines);
        }
        case 4 -> {
          String l = lines.get(line);
          lines.set(line, r.nextBoolean() ? " ".repeat(1 + r.nextInt(3)) + l : l.replaceFirst("^ {1,3}", ""));
          out = String.join("\n", lines);
        }
        case 5 -> {
          lines.remove(line);
          out = String.join("\n", lines);
        }
        default -> {
          int other = r.nextInt(lines.size());
          String l = lines.get(line);
          lines.set(line, lines.get(other));
          lines.set(other, l);
          out = String.join("\n", lines);
        }
      }
    }
    return out;
  }

  private static <T> T pick(Random r, List<T> options) {
    return options.get(r.nextInt(options.size()));
  }
}
