package com.goteleport.tbot.otel.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What issues 3 and 5 ask of the README itself: its two commands (the demo, whose jar is the one
 * the examples module builds, and the tests, which {@code .ci/run} runs exactly), the consent rule
 * stated as one sentence, and a "What is collected and why" that links the catalogue, the rule and
 * the redirect and names the opt-outs; and requirements that name the Python the tests run.
 */
class ReadmeContractTest {

  private static final Pattern SH_BLOCK = Pattern.compile("^```sh\\n(.*?)\\n```", Pattern.MULTILINE | Pattern.DOTALL);

  @Test
  void ciRunRunsExactlyTheReadmesTestCommand() throws IOException {
    Path root = DocLinksTest.repositoryRoot();
    List<String> commands = blocks(section(readme(root), "## The two commands"));
    assertEquals(2, commands.size(), "the two commands, one sh block each: " + commands);
    Path ci = root.resolve(".ci/run");
    assertTrue(Files.isExecutable(ci), ".ci/run is executable");
    List<String> run = new ArrayList<>();
    for (String line : Files.readAllLines(ci, StandardCharsets.UTF_8)) {
      String l = line.strip();
      // The shell's settings (set, umask: the jars' entry modes, ReproducibleJarIT) run nothing.
      if (!l.isEmpty() && !l.startsWith("#") && !l.startsWith("set ") && !l.startsWith("cd ")
          && !l.equals("umask 022")) {
        run.add(l);
      }
    }
    // Before it, only the shells some tests run exec's strings in, installed where they can be
    // (best effort: that script always exits 0).
    assertEquals(List.of(".ci/install-shells", "exec " + commands.get(1)), run,
        ".ci/run runs the README's test command and nothing else, after the shells' install");
    String install = Files.readString(root.resolve(".ci/install-shells"), StandardCharsets.UTF_8);
    assertTrue(Files.isExecutable(root.resolve(".ci/install-shells")) && install.strip().endsWith("exit 0")
        && !install.contains("set -e"), ".ci/install-shells never fails the run");
  }

  @Test
  void theDemoCommandRunsTheJarTheExamplesModuleBuilds() throws IOException {
    Path root = DocLinksTest.repositoryRoot();
    String demo = blocks(section(readme(root), "## The two commands")).get(0);
    Matcher jar = Pattern.compile("java -jar (examples/target/(\\S+\\.jar))$").matcher(demo);
    assertTrue(demo.startsWith("mvn -q -DskipTests package && ") && jar.find(), "build, then run the demo: " + demo);
    String pom = Files.readString(root.resolve("examples/pom.xml"), StandardCharsets.UTF_8);
    assertTrue(pom.contains("<outputFile>${project.build.directory}/" + jar.group(2) + "</outputFile>"),
        "examples/pom.xml builds " + jar.group(1));
  }

  @Test
  void theConsentRuleIsOneSentence() throws IOException {
    String consent = section(readme(DocLinksTest.repositoryRoot()), "## Consent");
    assertTrue(consent.contains("The event is sent only if at least one source says yes and none says no."),
        "README.md, Consent: the rule in one sentence, as issue 3 words it");
  }

  @Test
  void whatIsCollectedLinksTheCatalogueTheRuleTheOptOutsAndTheRedirect() throws IOException {
    String section = section(readme(DocLinksTest.repositoryRoot()), "## What is collected and why");
    for (String link : List.of("(docs/attributes.md)", "(#consent)", "(#where-the-data-goes)")) {
      assertTrue(section.contains(link), "README.md, What is collected and why, links " + link);
    }
    for (String optOut : List.of("--no-anonymous-analytics", "anonymous_analytics: false",
        "TELEPORT_ANONYMOUS_TELEMETRY=0", "DO_NOT_TRACK=1", "OTEL_SDK_DISABLED=true")) {
      assertTrue(section.contains("`" + optOut + "`"), "README.md, What is collected and why, names the opt-out " + optOut);
    }
  }

  /**
   * The README's requirements give the Python that docs/testing.md gives, and name each test that
   * runs {@code python3} itself (the collector tests' own comes from {@code pypi-env.sh}): they once
   * said "Python 3 with venv for the collector tests" while {@code ExecIT} needed 3.9.
   */
  @Test
  void theRequirementsNameThePythonTheTestsRun() throws IOException {
    Path root = DocLinksTest.repositoryRoot();
    String readme = readme(root);
    int at = readme.indexOf("\nRequirements: ");
    assertTrue(at >= 0, "README.md has its Requirements");
    String requirements = readme.substring(at, readme.indexOf("\n\n", at)).replace('\n', ' ');
    Matcher testing = Pattern.compile("Python (3\\.\\d+) or later")
        .matcher(Files.readString(root.resolve("docs/testing.md"), StandardCharsets.UTF_8));
    assertTrue(testing.find(), "docs/testing.md names the Python the tests need");
    assertTrue(requirements.contains("Python " + testing.group(1) + "+"),
        "README.md's requirements give Python " + testing.group(1) + "+, as docs/testing.md does: " + requirements);
    List<String> running = new ArrayList<>();
    for (String module : List.of("tbot-otel", "tbot-otel-cli", "collector-config", "examples")) {
      Path tests = root.resolve(module).resolve("src/test/java");
      try (Stream<Path> files = Files.walk(tests)) {
        for (Path f : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
          if (Files.readString(f, StandardCharsets.UTF_8).contains("python3")) {
            running.add(f.getFileName().toString().replace(".java", ""));
          }
        }
      }
    }
    assertTrue(!running.isEmpty(), "some test runs python3");
    for (String test : running) {
      if (!test.equals("ReadmeContractTest")) {
        assertTrue(requirements.contains("`" + test + "`"), "README.md's requirements name " + test
            + ", which runs python3: " + requirements);
      }
    }
  }

  /**
   * The library snippet looks no variable up with {@code env.get}: {@code env} is {@code
   * System.getenv()}, whose map is case-sensitive on Windows, where tbot (Go's os.Getenv) reads a
   * name in any case, so a self-hoster's {@code teleport_anonymous_telemetry_address} would go
   * unseen and the event to Teleport's collector. {@code System.getenv(NAME)} has no case there.
   */
  @Test
  void theLibrarySnippetReadsNoVariableThroughTheCaseSensitiveMap() throws IOException {
    String readme = readme(DocLinksTest.repositoryRoot());
    int from = readme.indexOf("<!-- snippet:library");
    int to = readme.indexOf("<!-- /snippet:library -->");
    assertTrue(from >= 0 && to > from, "README.md has its library snippet");
    String snippet = readme.substring(from, to);
    assertTrue(!snippet.contains("env.get("), "README.md's library snippet: read a variable with System.getenv(NAME), "
        + "which has no case on Windows, as tbot reads it; not with System.getenv().get(NAME)");
    assertTrue(snippet.contains("System.getenv(Endpoints.ENV_ADDRESS)"), snippet);
  }

  private static String readme(Path root) throws IOException {
    return Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
  }

  /** The text from {@code heading} to the next heading of its level. */
  private static String section(String markdown, String heading) {
    int at = markdown.indexOf("\n" + heading + "\n");
    assertTrue(at >= 0, "README.md has " + heading);
    int end = markdown.indexOf("\n## ", at + heading.length() + 2);
    return markdown.substring(at, end < 0 ? markdown.length() : end);
  }

  private static List<String> blocks(String markdown) {
    List<String> out = new ArrayList<>();
    Matcher m = SH_BLOCK.matcher(markdown);
    while (m.find()) {
      out.add(m.group(1).strip());
    }
    return out;
  }
}
