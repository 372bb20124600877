package com.goteleport.tbot.otel.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/testing.md's list of the tests that read the docs (the paragraph "The docs are checked
 * against the code by ...") names every such test class, and only test classes.
 *
 * <p>The rule, over every module's {@code src/test/java}: a test class ({@code *Test} or {@code *IT},
 * as Surefire and Failsafe pick them) reads the docs if its source, outside comments, has a string
 * literal that is, as a whole, a path of a doc: {@code README.md} or {@code dir/README.md},
 * {@code docs}, or {@code docs/...}, with any {@code ../} before it (so {@code Path.of("..", "docs",
 * "cli.md")} counts; a message such as {@code "docs/cli.md has no errors block"} does not); or if it
 * names ({@code Other.NAME}) a {@code static final} field of another test source whose initializer
 * has such a literal or names such a field ({@code ConformanceFile.PATH}, {@code CliDocsTest.DOC}).
 * A doc read through a helper method with the path inside the helper is not seen; the classes that
 * do so today also name a path themselves. Listed classes the rule does not see (a check of the
 * Javadoc, say) may stay listed; a listed name must be a test class.
 */
class DocTestsListTest {

  static final String DOC = "docs/testing.md";
  static final String OPENING = "The docs are checked against the code by";

  private static final Pattern DOC_PATH = Pattern.compile("(\\.\\./)*(docs(/[\\w./-]*)?|([\\w.-]+/)*README\\.md)");
  private static final Pattern TEST_CLASS = Pattern.compile("[A-Z]\\w*(Test|IT)");
  private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");
  private static final Pattern LITERAL = Pattern.compile("\"#(\\d+)\"");
  private static final Pattern CONSTANT =
      Pattern.compile("\\bstatic\\s+final\\s+[\\w<>\\[\\]?,.\\s]+?\\s(\\w+)\\s*=\\s*([^;]*);");

  /** A source without comments, each string literal replaced by {@code "#i"}, and the literals. */
  record Code(String text, List<String> literals) {

    static Code of(String source) {
      StringBuilder out = new StringBuilder();
      List<String> literals = new ArrayList<>();
      int i = 0;
      int n = source.length();
      while (i < n) {
        char c = source.charAt(i);
        if (source.startsWith("//", i)) {
          i = lineEnd(source, i);
        } else if (source.startsWith("/*", i)) {
          int end = source.indexOf("*/", i + 2);
          i = end < 0 ? n : end + 2;
          out.append(' ');
        } else if (source.startsWith("\"\"\"", i)) {
          int end = source.indexOf("\"\"\"", i + 3);
          end = end < 0 ? n : end;
          out.append("\"#").append(literals.size()).append('"');
          literals.add(source.substring(i + 3, end));
          i = Math.min(n, end + 3);
        } else if (c == '"' || c == '\'') {
          StringBuilder value = new StringBuilder();
          int j = i + 1;
          while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
            if (source.charAt(j) == '\\' && j + 1 < n) {
              value.append(source.charAt(j));
              j++;
            }
            value.append(source.charAt(j));
            j++;
          }
          if (c == '"') {
            out.append("\"#").append(literals.size()).append('"');
            literals.add(value.toString());
          }
          i = j + 1;
        } else {
          out.append(c);
          i++;
        }
      }
      return new Code(out.toString(), literals);
    }

    private static int lineEnd(String s, int from) {
      int end = s.indexOf('\n', from);
      return end < 0 ? s.length() : end;
    }

    /** Whether {@code text} (a part of this code) has a literal that is a doc's path. */
    boolean namesADocPath(String part) {
      Matcher m = LITERAL.matcher(part);
      while (m.find()) {
        if (DOC_PATH.matcher(literals.get(Integer.parseInt(m.group(1)))).matches()) {
          return true;
        }
      }
      return false;
    }
  }

  /** The test classes, of {@code sources} (simple name to source), that read the docs by the rule above. */
  static Set<String> readers(Map<String, String> sources) {
    Map<String, Code> code = new TreeMap<>();
    sources.forEach((name, source) -> code.put(name, Code.of(source)));
    Set<String> constants = new HashSet<>(); // "Class.FIELD"
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Map.Entry<String, Code> e : code.entrySet()) {
        Matcher m = CONSTANT.matcher(e.getValue().text());
        while (m.find()) {
          String constant = e.getKey() + "." + m.group(1);
          if (!constants.contains(constant)
              && (e.getValue().namesADocPath(m.group(2)) || namesOne(m.group(2), constants, e.getKey()))) {
            grew = constants.add(constant);
          }
        }
      }
    }
    Set<String> out = new TreeSet<>();
    code.forEach((name, c) -> {
      if (TEST_CLASS.matcher(name).matches() && (c.namesADocPath(c.text()) || namesOne(c.text(), constants, name))) {
        out.add(name);
      }
    });
    return out;
  }

  private static boolean namesOne(String text, Set<String> constants, String self) {
    for (String constant : constants) {
      if (!constant.startsWith(self + ".")
          && Pattern.compile("\\b" + Pattern.quote(constant) + "\\b").matcher(text).find()) {
        return true;
      }
    }
    return false;
  }

  /** The test-class names the list's paragraph spells in code spans. */
  static Set<String> listed(String testingMd) {
    int start = testingMd.indexOf(OPENING);
    assertTrue(start >= 0, DOC + " has no paragraph opening '" + OPENING + "'");
    int end = testingMd.indexOf("\n\n", start);
    Matcher m = CODE_SPAN.matcher(testingMd.substring(start, end < 0 ? testingMd.length() : end));
    Set<String> out = new TreeSet<>();
    while (m.find()) {
      if (TEST_CLASS.matcher(m.group(1)).matches()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  /** Every module's test sources, simple name to text. */
  static Map<String, String> testSources(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (rel.matches("[^/]+/src/test/java/.*\\.java") && Files.isRegularFile(p)) {
          String name = p.getFileName().toString().replaceFirst("\\.java$", "");
          out.merge(name, Files.readString(p, StandardCharsets.UTF_8), (a, b) -> a + "\n" + b);
        }
      }
    }
    return out;
  }

  /** The problems: readers the list leaves out, and listed names that are no test class. */
  static List<String> problems(Set<String> listed, Map<String, String> sources) {
    List<String> problems = new ArrayList<>();
    Set<String> unlisted = new TreeSet<>(readers(sources));
    unlisted.removeAll(listed);
    if (!unlisted.isEmpty()) {
      problems.add("tests that read docs/ or a README.md, missing from " + DOC + "'s list ('" + OPENING + "'): "
          + unlisted);
    }
    Set<String> unknown = new TreeSet<>(listed);
    unknown.removeIf(sources::containsKey);
    if (!unknown.isEmpty()) {
      problems.add("names in " + DOC + "'s list ('" + OPENING + "') that are no test class: " + unknown);
    }
    return problems;
  }

  @Test
  void theListNamesEveryTestThatReadsTheDocsAndOnlyTestClasses() throws IOException {
    Path root = DocLinksTest.repositoryRoot();
    Map<String, String> sources = testSources(root);
    assertTrue(sources.keySet().containsAll(
        List.of("DocLinksTest", "CliDocsTest", "EnvironmentDocsTest", "VmExampleTest")),
        "found every module's test sources: " + sources.keySet());
    Set<String> listed = listed(Files.readString(root.resolve(DOC), StandardCharsets.UTF_8));
    assertTrue(listed.size() > 20, "the list read: " + listed);
    assertEquals(List.of(), problems(listed, sources));
  }

  @Test
  void theRuleSeesPathsAndConstantsButNotMessagesOrComments() {
    Map<String, String> sources = Map.ofEntries(
        Map.entry("LiteralTest", "class A { String r = read(\"docs/cli.md\"); }"),
        Map.entry("PartsTest", "class B { Path p = Path.of(\"..\", \"docs\", \"cli.md\"); }"),
        Map.entry("ExampleTest", "class C { String r = Files.readString(DIR.resolve(\"README.md\")); }"),
        Map.entry("UpIT", "class D { Path p = Paths.get(\"../collector-config/README.md\"); }"),
        Map.entry("Holder", "class E { static final String PATH = \"docs/conformance/cases.json\"; }"),
        Map.entry("ChainTest", "class F { static final String FILE = Holder.PATH; void t() { read(\"x\"); } }"),
        Map.entry("ViaChainTest", "class G { void t() { read(ChainTest.FILE); } }"),
        Map.entry("MessageTest", "class H { void t() { fail(\"docs/cli.md has no errors block\"); } }"),
        Map.entry("CommentTest",
            "class I { // reads \"docs/cli.md\"\n /* \"README.md\" */ String u = \"https://x//docs\"; }"),
        Map.entry("CharTest", "class J { char q = '\"'; String s = \"docs/x.md: \"; }"),
        Map.entry("OwnConstantTest", "class K { static final String DOC = \"other\"; String s = Holder.PATHS; }"));
    assertEquals(Set.of("LiteralTest", "PartsTest", "ExampleTest", "UpIT", "ChainTest", "ViaChainTest"),
        readers(sources));
  }

  @Test
  void aMissingReaderAndAListedNonTestAreReported() {
    Map<String, String> sources = Map.of(
        "ReadsTest", "class A { String r = read(\"docs/cli.md\"); }",
        "ListedTest", "class B { String r = read(\"README.md\"); }",
        "OtherTest", "class C {}");
    Set<String> listed = listed("x\n\n" + OPENING + " `ListedTest`, `OtherTest` (Javadoc), `GoneTest`,"
        + " `AnonymousAnalytics`' example.\n\n`LaterTest`\n");
    assertEquals(Set.of("ListedTest", "OtherTest", "GoneTest"), listed);
    assertEquals(List.of(
        "tests that read docs/ or a README.md, missing from " + DOC + "'s list ('" + OPENING + "'): [ReadsTest]",
        "names in " + DOC + "'s list ('" + OPENING + "') that are no test class: [GoneTest]"),
        problems(listed, sources));
  }
}
