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
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;

/**
 * docs/testing.md's "Changing the event schema" checklist names what is there: every file and
 * test class it names exists, and every file outside the tests that spells a per-kind count's key
 * (the key a new count copies: {@code _kubernetes_access}, {@code KUBERNETES_ACCESS}), and every
 * file, tests included, that lists the join methods, is named in it, by its path or its file name,
 * so a new copy of the schema cannot be left out of the list.
 */
class SchemaChecklistTest {

  static final String DOC = "docs/testing.md";
  static final String HEADING = "## Changing the event schema";
  /** The list of what changes when tbot gains an output type or a start KIND. */
  static final String KIND_HEADING = "## When tbot gains an output type or a start KIND";

  private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");
  private static final Pattern FILE = Pattern.compile("[\\w./-]+\\.(java|md|yaml|sql|go|lua|txt|jsonl?)");
  private static final Pattern TEST_CLASS = Pattern.compile("[A-Z]\\w*(Test|IT)");

  /** The checklist: from its heading to the next heading of its level or above. */
  static String checklist(String testingMd) {
    return section(testingMd, HEADING);
  }

  /** The section under {@code heading}, up to the next heading of its level or above. */
  static String section(String testingMd, String heading) {
    int start = testingMd.indexOf("\n" + heading + "\n");
    assertTrue(start >= 0, DOC + " has no '" + heading + "' section");
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
      String text = rel.contains("/src/test/") || rel.equals(DOC) ? null : text(p);
      if (text == null) {
        continue;
      }
      String lower = text.toLowerCase(Locale.ROOT);
      if (kinds.stream().anyMatch(lower::contains)) {
        out.add(rel);
      }
    }
    return out;
  }

  /**
   * The files, tests included, that list the join methods (spell two thirds of the schema's or more,
   * each as a word of its own: tbot's flag takes fewer than the schema knows), but the checklist's own.
   */
  static Set<String> listingJoinMethods(Path root, Set<Path> files) throws IOException {
    List<Pattern> methods = Attribute.JOIN_TYPE.allowedValues().stream().filter(m -> !m.equals(Attribute.UNKNOWN))
        .map(m -> Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(m) + "(?![A-Za-z0-9_])")).toList();
    Set<String> out = new TreeSet<>();
    for (Path p : files) {
      String rel = root.relativize(p).toString().replace('\\', '/');
      String text = text(p);
      if (!rel.equals(DOC) && text != null
          && methods.stream().filter(m -> m.matcher(text).find()).count() * 3 >= methods.size() * 2) {
        out.add(rel);
      }
    }
    return out;
  }

  /** {@code p}'s text, or {@code null} for a file of more than 1 MB or not UTF-8. */
  @Nullable
  private static String text(Path p) throws IOException {
    if (Files.size(p) > 1_000_000) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(p))).toString();
    } catch (CharacterCodingException binary) {
      return null;
    }
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
  void theChecklistNamesWhatExistsEveryCopyOfTheKindsAndEveryListOfJoinMethods() throws IOException {
    Path root = DocLinksTest.repositoryRoot();
    String checklist = checklist(Files.readString(root.resolve(DOC), StandardCharsets.UTF_8));
    Set<Path> files = files(root);
    assertEquals(List.of(), missing(checklist, files, root),
        DOC + "'s checklist names files or tests that do not exist");
    String kinds = section(Files.readString(root.resolve(DOC), StandardCharsets.UTF_8), KIND_HEADING);
    assertEquals(List.of(), missing(kinds, files, root), DOC + "'s '" + KIND_HEADING + "' names files or tests that"
        + " do not exist");
    assertTrue(spans(kinds).size() > 15, "the list read: " + spans(kinds));
    List<String> spans = spans(checklist);
    assertEquals(List.of(), unnamed(spans, spellingAKind(root, files)), "files that spell a per-kind count's key,"
        + " not named in " + DOC + "'s '" + HEADING + "' (name each where a schema change touches it)");
    Set<String> listing = listingJoinMethods(root, files);
    assertEquals(List.of(), unnamed(spans, listing), "files that list the join methods, not named in " + DOC + "'s '"
        + HEADING + "' (name each where a join method tbot gains must be added)");
    assertTrue(listing.contains("tbot-otel/src/main/java/com/goteleport/tbot/otel/event/Attribute.java"),
        "the schema lists the join methods: " + listing);
    assertTrue(spans.size() > 20, "the checklist read: " + spans);
  }

  /** The files of {@code rels} that no span names, by path, by file name or, for a test, by class name. */
  private static List<String> unnamed(List<String> spans, Set<String> rels) {
    return rels.stream().filter(rel -> {
      String name = rel.substring(rel.lastIndexOf('/') + 1);
      return !spans.contains(rel) && !spans.contains(name)
          && !(TEST_CLASS.matcher(name.replaceFirst("\\.java$", "")).matches() && spans.contains(name.replaceFirst("\\.java$", "")));
    }).toList();
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
