package com.goteleport.tbot.otel.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code AnonymousAnalytics}' class Javadoc example is README's library snippet, line for line (its
 * end), and compiles on its own against the library: javadoc compiles no example, and README's
 * snippet is the one {@code ReadmeSnippetIT} compiles and runs, so the example cannot drift from it
 * or from the API unseen.
 */
class JavadocExampleTest {

  private static final Pattern JAVADOC_EXAMPLE = Pattern.compile("<pre>\\{@code\\n(.*?)\\n \\* }</pre>", Pattern.DOTALL);
  private static final Pattern README_SNIPPET = Pattern.compile("<!-- snippet:library[^>]*-->\\s*```java\\n(.*?)```",
      Pattern.DOTALL);

  @Test
  void theClassJavadocsExampleIsLinesOfTheReadmeSnippet() throws IOException {
    List<String> example = stripped(example());
    List<String> snippet = stripped(snippet());
    assertTrue(example.size() > 5, "an example of some length: " + example);
    assertTrue(Collections.indexOfSubList(snippet, example) >= 0,
        "AnonymousAnalytics' example is a run of README's snippet's lines:\n" + String.join("\n", example));
  }

  @Test
  void theClassJavadocsExampleCompiles(@TempDir Path dir) throws IOException {
    // README's imports, and the names its snippet declares before the example's lines.
    StringBuilder source = new StringBuilder();
    for (String line : snippet().split("\n")) {
      if (line.startsWith("import ")) {
        source.append(line).append('\n');
      }
    }
    source.append("class Example {\n  void run(Consent consent, URI endpoint, Map<String, String> env, TbotConfig config)"
        + " throws Exception {\n").append(example()).append("\n  }\n}\n");
    Path file = Files.writeString(dir.resolve("Example.java"), source);
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int rc = ToolProvider.getSystemJavaCompiler().run(null, errors, errors, "-d", dir.toString(), "-Xlint:none",
        "-cp", System.getProperty("java.class.path"), file.toString());
    assertEquals(0, rc, source + "\n" + errors.toString(StandardCharsets.UTF_8));
  }

  /** The class Javadoc's {@code <pre>{@code ...}</pre>} example, without its leading {@code " * "}. */
  private static String example() throws IOException {
    Path file = DocLinksTest.repositoryRoot().resolve("tbot-otel/src/main/java/com/goteleport/tbot/otel/AnonymousAnalytics.java");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String classJavadoc = text.substring(0, text.indexOf("public final class AnonymousAnalytics"));
    Matcher m = JAVADOC_EXAMPLE.matcher(classJavadoc);
    assertTrue(m.find(), "the class Javadoc has an example");
    return m.group(1).replaceAll("(?m)^ \\* ?", "");
  }

  private static String snippet() throws IOException {
    String readme = Files.readString(DocLinksTest.repositoryRoot().resolve("README.md"), StandardCharsets.UTF_8);
    Matcher m = README_SNIPPET.matcher(readme);
    assertTrue(m.find(), "README has the library snippet");
    return m.group(1);
  }

  /** Each line without its indent, blank lines left out: the two are indented differently. */
  private static List<String> stripped(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        lines.add(line.strip());
      }
    }
    return lines;
  }
}
