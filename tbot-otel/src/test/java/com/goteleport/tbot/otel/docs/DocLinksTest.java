package com.goteleport.tbot.otel.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link in the repository's Markdown (README.md, docs/, collector-config/, examples/)
 * names a file or folder that exists, and every {@code #anchor} a heading of its target, as GitHub
 * renders it; a link whose text names a file leads to that file. Links inside code (fenced blocks,
 * backtick spans) and absolute URLs are not checked.
 */
class DocLinksTest {

  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$", Pattern.MULTILINE);
  private static final Pattern FENCE = Pattern.compile("^[ \\t]*```.*?^[ \\t]*```", Pattern.MULTILINE | Pattern.DOTALL);
  private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");
  private static final Pattern NAMED_LINK = Pattern.compile("\\[([^\\]]*)\\]\\(([^)\\s]+)\\)");

  @Test
  void everyRelativeLinkInTheDocsResolves() throws IOException {
    Path root = repositoryRoot();
    List<Path> docs = markdownFiles(root);
    assertTrue(docs.size() >= 10, "found the docs: " + docs);
    assertEquals(List.of(), brokenLinks(root, docs), "broken relative links (file: link)");
  }

  @Test
  void aMissingFileOrHeadingIsReported(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("docs"));
    Files.writeString(dir.resolve("docs/a.md"), "# A\n\n## Two words, `code`\n", StandardCharsets.UTF_8);
    Path readme = Files.writeString(dir.resolve("README.md"), String.join("\n",
        "[fine](docs/a.md) [fine](docs/a.md#two-words-code) [fine](docs/) [fine](#top) [web](https://example.com/x)",
        "`[in code](nowhere.md)`",
        "```",
        "[in a fence](nowhere.md)",
        "```",
        "# Top",
        "[gone](docs/b.md) [no heading](docs/a.md#three) [up too far](../../x.md) [here](#nothing)",
        ""), StandardCharsets.UTF_8);
    assertEquals(List.of("README.md: docs/b.md", "README.md: docs/a.md#three", "README.md: ../../x.md",
        "README.md: #nothing"), brokenLinks(dir, List.of(readme)));
  }

  @Test
  void aLinkNamedAfterAFileLinksToThatFile() throws IOException {
    Path root = repositoryRoot();
    assertEquals(List.of(), misnamedLinks(root, markdownFiles(root)), "links whose text names another file (file: link)");
  }

  @Test
  void aLinkToTheFolderOfTheFileItNamesIsReported(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(dir.resolve("config/a.yaml"), "a: 1\n", StandardCharsets.UTF_8);
    Path readme = Files.writeString(dir.resolve("README.md"), String.join("\n",
        "[config/a.yaml](config/a.yaml) [`a.yaml`](config/a.yaml#x) [config/](config/) [the config](config/)",
        "[pitest.org](https://pitest.org) `[config/a.yaml](config/)`",
        "[config/a.yaml](config/) [`a.yaml`](config/b.yaml)",
        ""), StandardCharsets.UTF_8);
    assertEquals(List.of("README.md: [config/a.yaml](config/)", "README.md: [`a.yaml`](config/b.yaml)"),
        misnamedLinks(dir, List.of(readme)));
  }

  @Test
  void headingsGetGitHubsAnchors() {
    assertEquals(Set.of("exec-usage-metrics-for-todays-tbot", "tbot-otel---help", "4-verify",
        "appcds-how-much-of-the-cost-is-loading-classes", "a", "a-1"), anchors(String.join("\n",
        "## exec: usage metrics for today's tbot",
        "### `tbot-otel --help`",
        "## 4. Verify",
        "## AppCDS: how much of the cost is loading classes?",
        "# A",
        "# A",
        "```",
        "# not a heading",
        "```")));
  }

  static List<String> brokenLinks(Path root, List<Path> docs) throws IOException {
    List<String> broken = new ArrayList<>();
    Map<Path, Set<String>> anchorsOf = new HashMap<>();
    for (Path doc : docs) {
      String text = CODE_SPAN.matcher(FENCE.matcher(read(doc)).replaceAll("")).replaceAll("");
      Matcher m = LINK.matcher(text);
      while (m.find()) {
        String link = m.group(1);
        if (link.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
          continue; // https:, mailto: ...
        }
        int hash = link.indexOf('#');
        String file = hash < 0 ? link : link.substring(0, hash);
        Path target = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
        boolean ok = target.startsWith(root) && Files.exists(target);
        if (ok && hash >= 0) {
          ok = Files.isRegularFile(target)
              && anchorsOf.computeIfAbsent(target, t -> anchors(read(t))).contains(link.substring(hash + 1));
        }
        if (!ok) {
          broken.add(root.relativize(doc) + ": " + link);
        }
      }
    }
    return broken;
  }

  /**
   * Links whose text is a file name or path ({@code collector-config/self-hosted.yaml}) but whose
   * target is another file or a folder: a reader clicks the name and lands elsewhere.
   */
  static List<String> misnamedLinks(Path root, List<Path> docs) throws IOException {
    List<String> misnamed = new ArrayList<>();
    for (Path doc : docs) {
      Matcher m = NAMED_LINK.matcher(withoutCodeSpansButLinkTexts(FENCE.matcher(read(doc)).replaceAll("")));
      while (m.find()) {
        String name = m.group(1).replace("`", "");
        String link = m.group(2);
        if (link.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*") || !name.matches("[\\w./-]*\\.[a-z]{2,4}")) {
          continue; // an absolute URL, or text that names no file
        }
        int hash = link.indexOf('#');
        String file = hash < 0 ? link : link.substring(0, hash);
        String fileName = name.substring(name.lastIndexOf('/') + 1);
        if (!file.equals(fileName) && !file.endsWith("/" + fileName)) {
          misnamed.add(root.relativize(doc) + ": " + m.group());
        }
      }
    }
    return misnamed;
  }

  // Code spans go, as in brokenLinks, but for a link's whole text: `[x](y)` is no link, [`x`](y) is.
  private static String withoutCodeSpansButLinkTexts(String text) {
    StringBuilder out = new StringBuilder();
    Matcher span = CODE_SPAN.matcher(text);
    while (span.find()) {
      boolean linkText = span.start() > 0 && text.charAt(span.start() - 1) == '['
          && text.startsWith("](", span.end());
      span.appendReplacement(out, linkText ? Matcher.quoteReplacement(span.group()) : "");
    }
    return span.appendTail(out).toString();
  }

  /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, -1, -2 for repeats. */
  static Set<String> anchors(String markdown) {
    Set<String> out = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    Matcher m = HEADING.matcher(FENCE.matcher(markdown).replaceAll(""));
    while (m.find()) {
      String slug = m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
      int n = seen.merge(slug, 1, Integer::sum) - 1;
      out.add(n == 0 ? slug : slug + "-" + n);
    }
    return out;
  }

  static List<Path> markdownFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p))
          .filter(p -> {
            String rel = root.relativize(p).toString().replace('\\', '/');
            return !rel.startsWith(".") && !rel.contains("/.") && !rel.matches("(.*/)?(target|node_modules)/.*");
          })
          .sorted()
          .toList();
    }
  }

  static Path repositoryRoot() {
    return RepositoryFiles.root();
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
