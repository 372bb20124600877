package com.goteleport.tbot.otel.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bash's, ksh's and zsh's {@code $'...'} quotes, decoded as those shells decode them ({@code
 * $'\x74bot'} is {@code tbot}), and the numeric escapes a string inside a string, or echo and
 * printf's {@code %b}, may decode wherever they stand. {@link ShellString} drops quotes and escapes
 * to read a string's words; without these a name or a no written with such escapes would be read
 * as other text.
 */
final class AnsiCQuotes {

  private AnsiCQuotes() {}

  /**
   * {@code string} with each {@code $'...'} outside other quotes replaced by {@code '...'} holding
   * its decoded text ({@code \xHH}, {@code \NNN} octal, {@code &#92;uHHHH}, {@code &#92;UHHHHHHHH}, {@code
   * \cX} and the letter escapes); {@code string} itself where it has none. A backslash in front of
   * any other character stays, as the shells keep it.
   */
  static String decoded(String string) {
    if (!string.contains("$'")) {
      return string;
    }
    StringBuilder out = new StringBuilder(string.length());
    int i = 0;
    char quote = 0;
    while (i < string.length()) {
      char c = string.charAt(i);
      if (quote != 0) {
        out.append(c);
        if (quote == '"' && c == '\\' && i + 1 < string.length()) {
          out.append(string.charAt(++i));
        } else if (c == quote) {
          quote = 0;
        }
        i++;
      } else if (c == '\\' && i + 1 < string.length()) {
        out.append(c).append(string.charAt(i + 1));
        i += 2;
      } else if (c == '$' && string.startsWith("'", i + 1)) {
        i = decode(string, i + 2, out.append('\''));
      } else {
        if (c == '\'' || c == '"') {
          quote = c;
        }
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /**
   * {@code string} with every {@code \xHH}, octal {@code \NNN}, {@code &#92;uHHHH} and {@code
   * &#92;UHHHHHHHH} escape decoded wherever it stands, quoted or not: the text a string of shell code
   * inside {@code string} may decode ({@code bash -c 'exec $'\''\164bot'\'' start'}).
   */
  static String escapesDecoded(String string) {
    if (string.indexOf('\\') < 0) {
      return string;
    }
    return ESCAPE.matcher(string).replaceAll(m -> {
      String e = m.group();
      boolean hex = e.charAt(1) == 'x' || e.charAt(1) == 'u' || e.charAt(1) == 'U';
      long value = Long.parseLong(e.substring(hex ? 2 : 1), hex ? 16 : 8);
      int codePoint = (int) Math.min(hex ? value : value & 0xff, Character.MAX_CODE_POINT);
      return Matcher.quoteReplacement(new String(Character.toChars(codePoint)));
    });
  }

  /**
   * {@code string} with every {@code \0} and up to three octal digits decoded wherever it stands:
   * what echo (dash's, zsh's, bash's with -e) and printf's {@code %b} read ({@code \0164} is t),
   * where {@link #escapesDecoded} reads {@code \016} and a 4.
   */
  static String echoEscapesDecoded(String string) {
    if (string.indexOf("\\0") < 0) {
      return string;
    }
    return ECHO_ESCAPE.matcher(string).replaceAll(m -> Matcher.quoteReplacement(
        String.valueOf((char) (Integer.parseInt(m.group().substring(2), 8) & 0xff))));
  }

  private static final Pattern ECHO_ESCAPE = Pattern.compile("\\\\0[0-7]{1,3}");

  // bash's numeric escapes: backslash and xHH, uHHHH, UHHHHHHHH, or an octal NNN.
  private static final Pattern ESCAPE =
      Pattern.compile("\\\\(?:x[0-9A-Fa-f]{1,2}|u[0-9A-Fa-f]{1,4}|U[0-9A-Fa-f]{1,8}|[0-7]{1,3})");

  /** Decodes from {@code from}, just past {@code $'}, to its closing quote; returns the index after it. */
  private static int decode(String s, int from, StringBuilder out) {
    int i = from;
    while (i < s.length()) {
      char c = s.charAt(i++);
      if (c == '\'') {
        out.append('\'');
        return i;
      }
      if (c != '\\' || i >= s.length()) {
        out.append(c);
        continue;
      }
      char e = s.charAt(i++);
      switch (e) {
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'e', 'E' -> out.append('\u001b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'v' -> out.append('\u000b');
        case '\\', '\'', '"', '?' -> out.append(e);
        case 'c' -> {
          if (i < s.length()) {
            out.append((char) (s.charAt(i++) & 0x1f));
          }
        }
        case 'x', 'u', 'U' -> {
          int max = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          int end = i;
          while (end < s.length() && end - i < max && Character.digit(s.charAt(end), 16) >= 0) {
            end++;
          }
          if (end == i) {
            out.append('\\').append(e);
          } else {
            out.appendCodePoint(Math.min(Integer.parseInt(s.substring(i, end), 16), Character.MAX_CODE_POINT));
            i = end;
          }
        }
        default -> {
          if (e >= '0' && e <= '7') {
            int end = i;
            while (end < s.length() && end - i < 2 && s.charAt(end) >= '0' && s.charAt(end) <= '7') {
              end++;
            }
            out.append((char) (Integer.parseInt(s.substring(i - 1, end), 8) & 0xff));
            i = end;
          } else {
            out.append('\\').append(e);
          }
        }
      }
    }
    out.append('\'');
    return i;
  }
}
