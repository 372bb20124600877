package com.goteleport.tbot.otel.config;

import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a config's text where Go's YAML scanner and parser read it otherwise than snakeyaml, on
 * the text itself: byte order marks, directives, and what follows the first document (Go's parser
 * reads on past it to find its end, snakeyaml stops).
 */
final class GoYamlText {

  /** What follows the first document's value. */
  enum After {
    /** Nothing but blanks, comments and {@code ...}. */
    NOTHING,
    /** The next document's {@code ---}, at the start of a line. */
    DOCUMENT,
    /** A directive, at the start of a line. */
    DIRECTIVE,
    /** A tab among a line's leading blanks, which Go's scanner, reading on for a token, refuses. */
    TAB,
    /** Anything else. */
    TEXT
  }

  private static final Pattern GO_DIRECTIVE = Pattern.compile("%(YAML[ \t]+1\\.1|TAG[ \t].*)([ \t].*)?");

  /** The characters that break a line in YAML 1.1, as Go's scanner reads it (CR LF is one break). */
  static final String BREAKS = "\n\r\u0085\u2028\u2029";

  private GoYamlText() {}

  /**
   * Whether {@code text} starts with two byte order marks: Go's YAML skips the second too, then
   * reads the first line as indented by one (a key on it alone is read, and the lines after it are
   * not), where snakeyaml reads the mark into the first key.
   */
  static boolean startsWithTwoMarks(String text) {
    return text.startsWith("\uFEFF\uFEFF");
  }

  /**
   * Refuses a directive Go's YAML refuses (a line that starts with %, to it as to snakeyaml):
   * another than %YAML 1.1 and %TAG, which snakeyaml reads through. Such a line in a quoted
   * value that goes over lines, where Go reads it as text, is refused too.
   */
  static void checkDirectives(String text) {
    // Directives before the first document must have --- after them (snakeyaml read the text
    // without: none, as if empty, or the rest as the document).
    int directive = -1; // the last one's line
    int line = text.startsWith("\uFEFF") ? 1 : 0;
    for (; line < text.length(); line = nextLine(text, line)) {
      if (text.charAt(line) == '%') {
        directive = line;
      } else if (text.startsWith("---", line) || !blankOrComment(text, line)) {
        break;
      }
    }
    if (directive >= 0 && line >= text.length()) {
      // Nothing after them: the line after the last is blank or none, so name the last.
      throw refusal("directives with no --- after them, which Go's YAML refuses; write --- on a line after this one",
          markAt(text, directive));
    }
    if (directive >= 0 && !text.startsWith("---", line)) {
      throw refusal("directives with no --- after them, which Go's YAML refuses; write --- on a line before this one",
          markAt(text, line));
    }
    for (int at = text.indexOf('%'); at >= 0; at = text.indexOf('%', at + 1)) {
      if (at > 0 && (BREAKS + "\uFEFF").indexOf(text.charAt(at - 1)) < 0) {
        continue;
      }
      int end = at;
      while (end < text.length() && BREAKS.indexOf(text.charAt(end)) < 0) {
        end++;
      }
      if (!GO_DIRECTIVE.matcher(text.substring(at, end)).matches()) {
        throw refusal("a directive Go's YAML refuses (it takes %YAML 1.1 and %TAG only); remove it", markAt(text, at));
      }
    }
  }

  /**
   * Where what follows {@code root} in {@code text} starts, past blanks, comments and {@code ...}
   * (its index, or the text's length for nothing): {@link #after} says what it is.
   */
  static int afterIndex(String text, Node root) {
    int i;
    try {
      i = text.offsetByCodePoints(0, root.getEndMark().getIndex()); // marks count code points
    } catch (IndexOutOfBoundsException e) {
      return text.length();
    }
    boolean leading = i == 0 || BREAKS.indexOf(text.charAt(i - 1)) >= 0; // among a line's leading blanks
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\t' && leading) {
        return i;
      }
      if (c == '#') {
        while (i < text.length() && BREAKS.indexOf(text.charAt(i)) < 0) {
          i++;
        }
      } else if (c == ' ' || c == '\t' || c == '\uFEFF' || BREAKS.indexOf(c) >= 0) {
        leading |= BREAKS.indexOf(c) >= 0;
        i++;
      } else if (c == '.' && marker(text, i)) {
        i += 3; // after ..., Go's scanner still reads what comes next: --- or a directive
        leading = false; // a tab after ... on its line Go skips
      } else {
        return i;
      }
    }
    return i;
  }

  /** What is at {@code at} in {@code text}, which {@link #afterIndex} gave. */
  static After after(String text, int at) {
    if (at >= text.length()) {
      return After.NOTHING;
    }
    char c = text.charAt(at);
    if (c == '\t') {
      return After.TAB; // afterIndex stops at a tab among a line's leading blanks only
    }
    if (c == '-' && marker(text, at)) {
      return After.DOCUMENT;
    }
    return c == '%' && (at == 0 || BREAKS.indexOf(text.charAt(at - 1)) >= 0) ? After.DIRECTIVE : After.TEXT;
  }

  /** Whether a --- or ... at a line's start, with a blank, a break or the text's end after it, is at {@code i}. */
  private static boolean marker(String text, int i) {
    boolean lineStart = i == 0 || BREAKS.indexOf(text.charAt(i - 1)) >= 0;
    int after = i + 3;
    return lineStart && (text.startsWith("---", i) || text.startsWith("...", i))
        && (after == text.length() || (" \t" + BREAKS).indexOf(text.charAt(after)) >= 0);
  }

  /**
   * The refusal {@code problem} of the place {@code mark}: snakeyaml's marked error, which
   * YamlDocument reports with its line, as snakeyaml's own.
   */
  static YAMLException refusal(String problem, Mark mark) {
    return new Refusal(problem, mark);
  }

  /**
   * The refusal {@code problem} of no one place in the text (tabs in too many places), which
   * YamlDocument reports as it does a marked one, with no line.
   */
  static YAMLException refusal(String problem) {
    return new Refusal(problem, null);
  }

  /**
   * A refusal of tbot-otel's own, whose problem holds nothing of the text (YamlDocument reports it
   * as it is; snakeyaml's own problems may quote what they found).
   */
  static final class Refusal extends MarkedYAMLException {
    private static final long serialVersionUID = 1L;

    Refusal(String problem, @Nullable Mark mark) {
      super(null, null, problem, mark);
    }
  }

  /**
   * The mark of {@code at}, a char's index in {@code text}, for an error's line: lines as snakeyaml
   * counts them (CR LF one break), index and column in code points as its marks count them. The
   * mark holds nothing of the text.
   */
  static Mark markAt(String text, int at) {
    int line = 0;
    int lineStart = 0;
    for (int i = 0; i < at; i++) {
      char c = text.charAt(i);
      if (BREAKS.indexOf(c) >= 0 && !(c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n')) {
        line++;
        lineStart = i + 1;
      }
    }
    return new Mark("text", text.codePointCount(0, at), line, text.codePointCount(lineStart, at), new int[0], 0);
  }

  /** Where the line after the one at {@code at} starts, or the text's length. */
  private static int nextLine(String text, int at) {
    int i = at;
    while (i < text.length() && BREAKS.indexOf(text.charAt(i)) < 0) {
      i++;
    }
    return i + 1;
  }

  private static boolean blankOrComment(String text, int at) {
    for (int i = at; i < text.length() && BREAKS.indexOf(text.charAt(i)) < 0; i++) {
      char c = text.charAt(i);
      if (c == '#') {
        return true;
      }
      if (c != ' ' && c != '\t' && c != '\uFEFF') {
        return false;
      }
    }
    return true;
  }
}
