package com.goteleport.tbot.otel.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.event.Attribute;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/testing.md's "Changing the event schema" checklist names what is there: every file and
 * test class it names exists, and every file outside the tests that spells a per-kind count's key
 * (the key a new count copies: {@code _kubernetes_access}, {@code KUBERNETES_ACCESS}) is named in it,
 * by its path or its file name, so a new copy of the schema cannot be left out of the list.
 */
class SchemaChecklistTest {

  static final String DOC = "docs/testing.md";
  static final String HEADING = "## Changing the event schema";

  private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");
  private static final Pattern FILE = Pattern.compile("[\\w./-]+\\.(java|md|yaml|sql|go|lua|txt|json)");
  private static final Pattern TEST_CLASS = Pattern.compile("[A-Z]\\w*(Test|IT)");

  /** The checklist: from its heading to the next heading of its level or above. */
  static String checklist(String testingMd) {
    int start = testingMd.indexOf("\n" + HEADING + "\n");
    assertTrue(start >= 0, DOC + " has no '" + HEADING + "' section");
    int end = testingMd.indexOf("\n## ", start + 1);
    return testingMd.substring(start, end < 0 ? testingMd.length() : end);
  }

  /** The code spans of {@code text}. */
  static List<String> spans(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = CODE_SPAN.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The named files and test classes that do not exist in the repository. */
  static List<String> missing(String checklist, Set<Path> files, Path root) {
    Set<String> fileNames = files.stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    List<String> missing = new ArrayList<>();
    for (String span : spans(checklist)) {
      if (FILE.matcher(span).matches()) {
        boolean found = span.contains("/") ? Files.isRegularFile(root.resolve(span)) : fileNames.contains(span);
        if (!found) {
          missing.add(span);
        }
      } else if (TEST_CLASS.matcher(span).matches() && !fileNames.contains(span + ".java")) {
        missing.add(span);
      }
    }
    return missing;
  }

  /** The files outside tests and build output that spell a per-kind count's key, but the checklist's own. */
  static Set<String> spellingAKind(Path root, Set<Path> files) throws IOException {
    List<String> kinds = Attribute.DESTINATIONS_CONFIGURED.parts().stream()
        .map(p -> p.key().substring(Attribute.DESTINATIONS_CONFIGURED.key().length()).toLowerCase(Locale.ROOT))
        .toList();
    Set<String> out = new TreeSet<>();
    for (Path p : files) {
      String rel = root.relativize(p).toString().replace('\\', '/');
      if (rel.contains("/src/test/") || rel.equals(DOC) || Files.size(p) > 1_000_000) {
        continue;
      }
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(p))).toString();
      } catch (CharacterCodingException binary) {
        continue;
      }
      String lower = text.toLowerCase(Locale.ROOT);
      if (kinds.stream().anyMatch(lower::contains)) {
        out.add(rel);
      }
    }
    return out;
  }

  /** The repository's files, without .git and build output. */
  static Set<Path> files(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile)
          .filter(p -> {
            String rel = root.relativize(p).toString().replace('\\', '/');
            return !rel.startsWith(".git/") && !rel.contains("target/") && !rel.contains("node_modules/");
          })
          .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }
  }

  @Test
  void theChecklistNamesWhatExistsAndEveryCopyOfTheKinds() throws IOException {
    Path root = DocLinksTest.repositoryRoot();
    String checklist = checklist(Files.readString(root.resolve(DOC), StandardCharsets.UTF_8));
    Set<Path> files = files(root);
    assertEquals(List.of(), missing(checklist, files, root),
        DOC + "'s checklist names files or tests that do not exist");
    List<String> spans = spans(checklist);
    List<String> unnamed = new ArrayList<>();
    for (String rel : spellingAKind(root, files)) {
      if (!spans.contains(rel) && !spans.contains(rel.substring(rel.lastIndexOf('/') + 1))) {
        unnamed.add(rel);
      }
    }
    assertEquals(List.of(), unnamed, "files that spell a per-kind count's key, not named in " + DOC + "'s '"
        + HEADING + "' (name each where a schema change touches it)");
    assertTrue(spans.size() > 20, "the checklist read: " + spans);
  }

  @Test
  void aMissingFileOrClassIsReported() throws IOException {
    Path root = DocLinksTest.repositoryRoot();
    Set<Path> files = files(root);
    String list = "\n" + HEADING + "\n\n`Attribute.java`, `docs/attributes.md`, `SchemaCatalogTest`, `filter/complete`,"
        + " `Atribute.java`, `docs/attribute.md`, `SchemaCatalogueTest`\n";
    assertEquals(List.of("Atribute.java", "docs/attribute.md", "SchemaCatalogueTest"),
        missing(checklist(list), files, root));
  }
}
