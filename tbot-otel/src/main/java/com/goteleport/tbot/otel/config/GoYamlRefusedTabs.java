package com.goteleport.tbot.otel.config;

import java.io.StringReader;
import java.util.Arrays;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.ScannerImpl;
import org.yaml.snakeyaml.tokens.ScalarToken;
import org.yaml.snakeyaml.tokens.Token;

/**
 * Tabs Go's YAML scanner refuses and snakeyaml's reads, refused, on the config's tokens as
 * snakeyaml scans them. Go's (yaml.v3's scannerc.go) counts a tab as one column, as snakeyaml does.
 * The tabs Go skips where snakeyaml stops: {@link GoYamlSkippedTabs}.
 */
final class GoYamlRefusedTabs {

  private GoYamlRefusedTabs() {}

  /**
   * Refuses a tab Go's scanner refuses and snakeyaml's reads: among a literal's or folded value's
   * indentation ({@link #tabInIndentation}), and after a plain value's line break in [ ] or { },
   * where Go reads the blanks and breaks up to the next character as the value's and refuses a tab
   * among a line's leading blanks left of one past the enclosing block's indentation ("found a tab
   * character that violates indentation"). Only the first document is looked at, as only it
   * was parsed; {@code text} is what was parsed, {@code original} the text as written (the same
   * but for tabs {@link GoYamlSkippedTabs#spaced} wrote as spaces). Each refusal names the tab's
   * line, as snakeyaml's errors do.
   */
  static void check(String text, String original, LoaderOptions options) {
    if (original.indexOf('\t') < 0) {
      return;
    }
    int[] codePoints = null; // marks count code points
    ScannerImpl scanner = new ScannerImpl(new StreamReader(new StringReader(text)), options);
    int[] indents = new int[8];
    int depth = 0;
    int indent = -1;
    int flow = 0;
    boolean content = false;
    int tab = -1; // the refused tab's index in codePoints
    boolean inBlockScalar = false;
    try {
      while (tab < 0 && !scanner.checkToken(Token.ID.StreamEnd)) {
        Token token = scanner.getToken();
        switch (token.getTokenId()) {
          case BlockMappingStart:
          case BlockSequenceStart:
            if (depth == indents.length) {
              indents = Arrays.copyOf(indents, depth * 2);
            }
            indents[depth++] = indent;
            indent = token.getStartMark().getColumn();
            break;
          case BlockEnd:
            indent = depth > 0 ? indents[--depth] : -1;
            break;
          case FlowMappingStart:
          case FlowSequenceStart:
            flow++;
            break;
          case FlowMappingEnd:
          case FlowSequenceEnd:
            flow--;
            break;
          case Scalar: {
            DumperOptions.ScalarStyle style = ((ScalarToken) token).getStyle();
            boolean block = style == DumperOptions.ScalarStyle.LITERAL || style == DumperOptions.ScalarStyle.FOLDED;
            if (block || (flow > 0 && style == DumperOptions.ScalarStyle.PLAIN)) {
              if (codePoints == null) {
                codePoints = original.codePoints().toArray();
              }
              tab = block ? tabInIndentation(codePoints, token, indent) : tabLeftOf(codePoints, token, indent + 1);
              inBlockScalar = block;
            }
            break;
          }
          case DocumentStart:
          case DocumentEnd:
            if (content) {
              return;
            }
            break;
          default:
            break;
        }
        content |= token.getTokenId() != Token.ID.StreamStart && token.getTokenId() != Token.ID.DocumentStart;
      }
    } catch (YAMLException e) {
      // what follows the first document: not parsed, so not looked at
    }
    if (tab >= 0) {
      // snakeyaml's marked error, for the line; the mark holds nothing of the text
      throw GoYamlText.refusal(inBlockScalar
          ? "a tab among a literal's or folded value's indentation (the lines after | or >), which Go's YAML refuses;"
              + " replace the tab with spaces"
          : "a tab among a line's leading blanks in [ ] or { }, not right of the indentation of the block around it,"
              + " which Go's YAML refuses; replace the tab with spaces",
          GoYamlText.markAt(original, original.offsetByCodePoints(0, tab))); // tab counts code points
    }
  }

  /**
   * The index of a tab among the indentation of the literal or folded value {@code token} (in a
   * block indented {@code blockIndent}), or -1, as Go's scanner checks (yaml_parser_scan_block_scalar_breaks):
   * left of its indentation, or after the leading spaces of the lines before its first, which gives
   * it. snakeyaml reads such a tab into the value.
   */
  private static int tabInIndentation(int[] text, Token token, int blockIndent) {
    int i = token.getStartMark().getIndex() + 1; // past | or >
    int increment = 0; // the header's indentation digit, right after | or > or after + or - there
    if (i < text.length && (text[i] == '+' || text[i] == '-')) {
      i++;
    }
    if (i < text.length && text[i] >= '1' && text[i] <= '9') {
      increment = text[i] - '0';
    }
    while (i < text.length && GoYamlText.BREAKS.indexOf(text[i]) < 0) {
      i++;
    }
    int indent = increment == 0 ? 0 : Math.max(blockIndent, 0) + increment;
    int most = 0;
    int column = 0;
    i = afterBreak(text, i);
    while (i < text.length) {
      while (i < text.length && text[i] == ' ' && (indent == 0 || column < indent)) {
        i++;
        column++;
      }
      most = Math.max(most, column);
      if (i < text.length && text[i] == '\t' && (indent == 0 || column < indent)) {
        return i;
      }
      if (i < text.length && GoYamlText.BREAKS.indexOf(text[i]) >= 0) {
        i = afterBreak(text, i);
        column = 0;
        continue;
      }
      if (indent == 0) {
        indent = Math.max(Math.max(most, blockIndent + 1), 1);
      }
      if (i >= text.length || column < indent) {
        return -1; // the value ended
      }
      while (i < text.length && GoYamlText.BREAKS.indexOf(text[i]) < 0) {
        i++;
      }
      if (i < text.length) {
        i = afterBreak(text, i);
        column = 0;
      }
    }
    return -1;
  }

  /** The index past the line break at {@code i} (CR LF is one), or past the text's end. */
  private static int afterBreak(int[] text, int i) {
    return i < text.length && text[i] == '\r' && i + 1 < text.length && text[i + 1] == '\n' ? i + 2 : i + 1;
  }

  /**
   * The index of a tab among a line's leading blanks left of {@code minColumn}, from the plain value
   * {@code token}'s start to the next character after it (Go's check), or -1.
   */
  private static int tabLeftOf(int[] text, Token token, int minColumn) {
    int end = token.getEndMark().getIndex();
    int column = token.getStartMark().getColumn();
    boolean leadingBlanks = false;
    for (int i = token.getStartMark().getIndex(); i < text.length; i++) {
      int c = text[i];
      if (GoYamlText.BREAKS.indexOf(c) >= 0) {
        leadingBlanks = true;
        column = 0;
      } else if (c == ' ' || c == '\t') {
        if (c == '\t' && leadingBlanks && column < minColumn) {
          return i;
        }
        column++;
      } else if (i >= end) {
        return -1;
      } else {
        leadingBlanks = false;
        column++;
      }
    }
    return -1;
  }
}
