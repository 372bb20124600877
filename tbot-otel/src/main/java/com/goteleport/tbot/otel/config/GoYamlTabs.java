package com.goteleport.tbot.otel.config;

import java.io.StringReader;
import java.util.Arrays;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.ScannerImpl;
import org.yaml.snakeyaml.tokens.ScalarToken;
import org.yaml.snakeyaml.tokens.Token;

/**
 * Tabs Go's YAML scanner reads otherwise than snakeyaml's, on the config's tokens as snakeyaml
 * scans them. Go's (yaml.v3's scannerc.go) counts a tab as one column, as snakeyaml does.
 */
final class GoYamlTabs {

  private static final String BREAKS = "\n\r\u0085\u2028\u2029";

  private GoYamlTabs() {}

  /**
   * Refuses a tab Go's scanner refuses and snakeyaml's reads: after a plain value's line break in
   * [ ] or { }, Go reads the blanks and breaks up to the next character as the value's and refuses
   * a tab among a line's leading blanks left of one past the enclosing block's indentation ("found
   * a tab character that violates indentation"). Only the first document is looked at, as only it
   * was parsed; {@code text} is what was parsed.
   */
  static void checkPlainValueBreaks(String text, LoaderOptions options) {
    if (text.indexOf('\t') < 0) {
      return;
    }
    int[] codePoints = null; // marks count code points
    ScannerImpl scanner = new ScannerImpl(new StreamReader(new StringReader(text)), options);
    int[] indents = new int[8];
    int depth = 0;
    int indent = -1;
    int flow = 0;
    boolean content = false;
    boolean refused = false;
    try {
      while (!refused && !scanner.checkToken(Token.ID.StreamEnd)) {
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
          case Scalar:
            if (flow > 0 && ((ScalarToken) token).getPlain()) {
              if (codePoints == null) {
                codePoints = text.codePoints().toArray();
              }
              refused = !tabsRightOf(codePoints, token, indent + 1);
            }
            break;
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
    if (refused) {
      throw new YAMLException("a tab left of the indentation of the block around it, after a plain value's line"
          + " break in [ ] or { }, which Go's YAML refuses");
    }
  }

  /**
   * Whether, from the plain value {@code token}'s start to the next character after it, no tab is
   * among a line's leading blanks left of {@code minColumn} (Go's check).
   */
  private static boolean tabsRightOf(int[] text, Token token, int minColumn) {
    int end = token.getEndMark().getIndex();
    int column = token.getStartMark().getColumn();
    boolean leadingBlanks = false;
    for (int i = token.getStartMark().getIndex(); i < text.length; i++) {
      int c = text[i];
      if (BREAKS.indexOf(c) >= 0) {
        leadingBlanks = true;
        column = 0;
      } else if (c == ' ' || c == '\t') {
        if (c == '\t' && leadingBlanks && column < minColumn) {
          return false;
        }
        column++;
      } else if (i >= end) {
        return true;
      } else {
        leadingBlanks = false;
        column++;
      }
    }
    return true;
  }
}
