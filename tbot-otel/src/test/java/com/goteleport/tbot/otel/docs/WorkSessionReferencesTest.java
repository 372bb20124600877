package com.goteleport.tbot.otel.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No Markdown file of the repository (README.md, docs/, every module's and example's README.md)
 * names a work session by its ordinal or as "this session", "the session's": a contributor cannot
 * tell when "the seventeenth session" was or what it changed. Such a passage gives a date and, where
 * it identifies code, a commit or the change itself.
 *
 * <p>Other sessions (PAM's, tmux's {@code new-session}, su's {@code --session-command}, a ClickHouse
 * client's) mostly pass by the pattern's shape; the few it would catch are exempt by their exact
 * text, file by file, in {@link #EXEMPT}.
 */
class WorkSessionReferencesTest {

  private static final String ORDINAL = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
      + "|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
      + "|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth"
      + "|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-"
      + "(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
      + "|\\d+(?:st|nd|rd|th)";
  private static final String DETERMINER =
      "this|that|the|its|previous|next|last|same|one|each|every|later|earlier|whole|work";

  /** An ordinal or a determiner, then "session" (also plural, possessive, across a line break). */
  private static final Pattern SESSION = Pattern.compile(
      "\\b(?:" + ORDINAL + "|" + DETERMINER + ")\\s+sessions?(?:['\u2019]s?)?(?![\\w-])", Pattern.CASE_INSENSITIVE);

  /** Matches that are some other program's session, by file (from the root) and exact text. */
  static final Map<String, List<String>> EXEMPT = Map.of(
      "collector-config/README.md", List.of("as its session's database")); // ClickHouse's session

  @Test
  void noMarkdownFileNamesAWorkSession() throws IOException {
    Path root = DocLinksTest.repositoryRoot();
    List<Path> docs = DocLinksTest.markdownFiles(root);
    assertTrue(docs.stream().anyMatch(p -> p.endsWith(Path.of("docs", "testing.md"))), "found the docs: " + docs);
    List<String> found = new ArrayList<>();
    for (Path doc : docs) {
      String name = root.relativize(doc).toString().replace('\\', '/');
      found.addAll(references(name, Files.readString(doc, StandardCharsets.UTF_8)));
    }
    assertTrue(found.isEmpty(), () -> "Markdown that names a work session, which a contributor cannot place:"
        + " give the date and the commit (short hash) or the change instead (file:line: text)\n"
        + String.join("\n", found));
  }

  @Test
  void ordinalsAndThisSessionAreFoundWithTheirLines() {
    String text = String.join("\n",
        "Re-run in the twenty-fifth session (the second command).",
        "In the seventeenth session `EndpointsTest` pinned it; since the forty-second",
        "session that bound is 10 s, after the 8th session's changes.",
        "(Sixth session, same machine), one of this session\u2019s runs, the session's first commit,",
        "the thirty-third and thirty-fourth sessions' paragraphs, the later sessions' code.");
    assertEquals(List.of(
        "x.md:1: twenty-fifth session",
        "x.md:2: seventeenth session",
        "x.md:2: forty-second session",
        "x.md:3: 8th session's",
        "x.md:4: Sixth session",
        "x.md:4: this session\u2019s",
        "x.md:4: the session's",
        "x.md:5: thirty-fourth sessions'",
        "x.md:5: later sessions'"), references("x.md", text));
  }

  @Test
  void otherProgramsSessionsPass() {
    String text = String.join("\n",
        "`sudo`, `runuser` or `doas`, whose PAM session's pam_env may set them,",
        "also `su USER -c` (or `--session-command`), `tmux new-session 'tbot start'`,",
        "umask, working directory, process group and session, and its signal mask.");
    assertEquals(List.of(), references("docs/cli.md", text));
    String clickHouse = "The exporter always connects with `default` as its session's database, whatever";
    assertEquals(List.of(), references("collector-config/README.md", clickHouse));
    assertEquals(List.of("docs/other.md:1: its session's"), references("docs/other.md", clickHouse),
        "an exemption holds in its own file only");
  }

  /** The work-session references in {@code text}, each as {@code file:line: match}. */
  static List<String> references(String file, String text) {
    List<int[]> exempt = new ArrayList<>();
    for (String phrase : EXEMPT.getOrDefault(file, List.of())) {
      Matcher e = Pattern.compile(Pattern.quote(phrase).replace(" ", "\\E\\s+\\Q")).matcher(text);
      while (e.find()) {
        exempt.add(new int[] {e.start(), e.end()});
      }
    }
    List<String> out = new ArrayList<>();
    Matcher m = SESSION.matcher(text);
    while (m.find()) {
      int start = m.start();
      int end = m.end();
      if (exempt.stream().noneMatch(r -> r[0] <= start && end <= r[1])) {
        long line = 1 + text.substring(0, start).chars().filter(c -> c == '\n').count();
        out.add(file + ":" + line + ": " + m.group().replaceAll("\\s+", " "));
      }
    }
    return out;
  }
}
