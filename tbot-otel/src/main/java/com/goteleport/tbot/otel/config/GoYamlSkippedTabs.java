package com.goteleport.tbot.otel.config;

import java.io.StringReader;
import javax.annotation.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.ScannerImpl;
import org.yaml.snakeyaml.tokens.ScalarToken;
import org.yaml.snakeyaml.tokens.Token;

/**
 * Tabs Go's YAML scanner skips between values where snakeyaml's stops at them: the text is read
 * again with spaces for them. Decided on the config's tokens as snakeyaml scans them; Go's
 * (yaml.v3's scannerc.go) counts a tab as one column, as snakeyaml does. The tabs Go refuses and
 * snakeyaml reads: {@link GoYamlRefusedTabs}.
 */
final class GoYamlSkippedTabs {

  /**
   * How many characters the reads again of a text may take in all, each place with tabs Go skips
   * where snakeyaml stopped counting the text twice (the scan up to it, the read again from the
   * text's start): one place in a text at the size limit, hundreds in a config of tbot's size (a
   * few KB). snakeyaml reads a long value slowly (its reader copies the value again every 1 024
   * characters: 0.4 s for one of 1 MiB), so this is counted in reads of the largest file, not in
   * time: 16 of them took 5 to 7 s.
   */
  static final long MAX_READ_AGAIN = 2L * ConfigText.MAX_FILE_BYTES;

  private GoYamlSkippedTabs() {}

  /**
   * {@code text} with the run of blanks snakeyaml stopped at ({@code e}: a tab that cannot start a
   * token, or a space after one in [ ] or { }) written with spaces for its tabs, where Go's scanner
   * skips those tabs; {@code null} where it does not, or snakeyaml stopped for another reason. Go's
   * scanner skips a tab before a token in [ ] or { }, and, outside them, where no key may start:
   * after a value (not a literal or folded one), an alias, anchor or tag, the end of [ ] or { },
   * ---, ..., a directive, or the : of a key written on that line before it; not at a line's start,
   * nor after -, ? or the : of a key that ? opened (yaml_parser_scan_to_next_token and where it
   * sets simple_key_allowed). A tab it skips is a space to it, and one column, as to snakeyaml.
   */
  @Nullable
  static String spaced(String text, MarkedYAMLException e, LoaderOptions options) {
    Mark mark = e.getProblemMark();
    String problem = e.getProblem() == null ? "" : e.getProblem();
    // snakeyaml's words for a tab between tokens, after a tag (where it wants a space), and after a
    // literal's or folded value's | or > with its indicators, which Go's skips as blanks there
    boolean header = "while scanning a block scalar".equals(e.getContext())
        && (problem.startsWith("expected chomping or indentation indicators, but found")
            || problem.startsWith("expected a comment or a line break, but found"));
    if (mark == null || !(problem.contains("that cannot start any token") || header
        || ("while scanning a tag".equals(e.getContext()) && problem.startsWith("expected ' ', but found")))) {
      return null;
    }
    int at;
    try {
      at = text.offsetByCodePoints(0, mark.getIndex()); // marks count code points
    } catch (IndexOutOfBoundsException outside) {
      return null;
    }
    if (at >= text.length() || !blank(text.charAt(at)) || !markedAt(text, at, mark)) {
      return null; // another text than this one's (a scan of a part), or not a blank
    }
    int start = at;
    while (start > 0 && blank(text.charAt(start - 1))) {
      start--;
    }
    int end = at;
    while (end < text.length() && blank(text.charAt(end))) {
      end++;
    }
    String run = text.substring(start, end);
    if (run.indexOf('\t') < 0 || (header ? !blockScalarHeader(text, start) :
        !goSkipsTabsAt(text.substring(0, start), mark.getLine(), options))) {
      return null;
    }
    return text.substring(0, start) + run.replace('\t', ' ') + text.substring(end);
  }

  /**
   * Whether Go's scanner skips a tab right after {@code before} (which ends between tokens, on
   * line {@code line}), from its tokens as snakeyaml scans them.
   */
  private static boolean goSkipsTabsAt(String before, int line, LoaderOptions options) {
    // " : " ends what snakeyaml would otherwise refuse at the text's end, a key it requires (a
    // value at a block's indentation) whose : is not there: its tokens come out, and the ones the
    // : adds, from the end on, are not looked at.
    int end = before.codePointCount(0, before.length());
    ScannerImpl scanner = new ScannerImpl(new StreamReader(new StringReader(before + " : ")), options);
    Token last = null;
    int flow = 0;
    boolean simpleKey = false; // whether the key a : outside [ ] and { } ends was written on its line
    boolean simpleValue = false;
    try {
      while (!scanner.checkToken(Token.ID.StreamEnd)) {
        Token token = scanner.getToken();
        if (token.getStartMark().getIndex() >= end) {
          break;
        }
        switch (token.getTokenId()) {
          case FlowMappingStart:
          case FlowSequenceStart:
            flow++;
            last = token;
            break;
          case FlowMappingEnd:
          case FlowSequenceEnd:
            flow--;
            last = token;
            break;
          case Key: { // a key written on its line: no mark of its own; after ?: the ?'s
            boolean written = token.getStartMark().getIndex() == token.getEndMark().getIndex();
            simpleKey = flow == 0 ? written : simpleKey;
            last = written ? last : token;
            break;
          }
          case Value:
            if (flow == 0) {
              simpleValue = simpleKey;
              simpleKey = false;
            }
            last = token;
            break;
          case BlockEntry:
            simpleKey = flow == 0 ? false : simpleKey;
            last = token;
            break;
          case StreamStart:
          case BlockMappingStart:
          case BlockSequenceStart:
          case BlockEnd:
          case Comment:
            break;
          default:
            last = token;
            break;
        }
      }
    } catch (MarkedYAMLException e) {
      if (e.getProblemMark() == null || e.getProblemMark().getIndex() < end) {
        return false;
      }
      // the " : " refused, past every token before it
    } catch (YAMLException e) {
      return false;
    }
    if (flow > 0) {
      return true;
    }
    if (last == null || last.getEndMark().getLine() != line) {
      return false; // a line's start: a key may start
    }
    switch (last.getTokenId()) {
      case Scalar:
        return ((ScalarToken) last).getStyle() != DumperOptions.ScalarStyle.LITERAL
            && ((ScalarToken) last).getStyle() != DumperOptions.ScalarStyle.FOLDED;
      case Alias:
      case Anchor:
      case Tag:
      case FlowMappingEnd:
      case FlowSequenceEnd:
      case DocumentStart:
      case DocumentEnd:
      case Directive:
        return true;
      case Value:
        return simpleValue;
      default: // -, ?, a , outside [ ] or { }
        return false;
    }
  }

  /** Whether {@code text} has a literal's or folded value's | or > and its indicators before {@code at}. */
  private static boolean blockScalarHeader(String text, int at) {
    int i = at;
    while (i > 0 && "+-0123456789".indexOf(text.charAt(i - 1)) >= 0) {
      i--;
    }
    return at - i <= 2 && i > 0 && (text.charAt(i - 1) == '|' || text.charAt(i - 1) == '>');
  }

  private static boolean blank(char c) {
    return c == ' ' || c == '\t';
  }

  /** Whether {@code mark} is at {@code at} in {@code text} by its line and column too. */
  private static boolean markedAt(String text, int at, Mark mark) {
    int line = 0;
    int column = 0;
    for (int i = 0; i < at; i++) {
      char c = text.charAt(i);
      if (GoYamlText.BREAKS.indexOf(c) >= 0 && !(c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n')) {
        line++;
        column = 0;
      } else if (c != '\uFEFF' && !Character.isLowSurrogate(c)) {
        column++;
      }
    }
    return line == mark.getLine() && column == mark.getColumn();
  }
}
