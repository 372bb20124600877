package com.goteleport.tbot.otel.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * The characters a shell string sets {@code IFS} to, for {@link StringReadings#namesTbot}: the shell
 * splits an expansion's value at them, so a string that sets it splits a parameter's word there too
 * ({@code IFS=-; ${X:-tbot-start}} runs tbot), not only at blanks.
 */
final class AssignedIfs {

  // IFS=, IFS+= (also after export, local, readonly or typeset) and ${IFS=...}, ${IFS:=...}; not a
  // longer name (OLDIFS=) nor a read ($IFS).
  private static final Pattern ASSIGNMENT = Pattern.compile("(?<![\\w$])IFS\\+?=|\\$\\{IFS:?=");

  private AssignedIfs() {}

  /**
   * The characters {@code string} sets {@code IFS} to, all its assignments together; {@code ""}
   * where one of them is not told (an expansion's value: {@code IFS=$OLD}); null where it sets none,
   * or only to nothing ({@code while IFS= read}, which splits nothing).
   */
  @Nullable
  static String of(String string) {
    if (!string.contains("IFS")) {
      return null;
    }
    StringBuilder chars = new StringBuilder();
    Matcher m = ASSIGNMENT.matcher(string);
    while (m.find()) {
      boolean braced = string.charAt(m.start()) == '$';
      char quote = 0;
      for (int k = m.end(); k < string.length(); k++) {
        char c = string.charAt(k);
        if (quote == 0 && (" \t\n;&|<>()".indexOf(c) >= 0 || braced && c == '}')) {
          break;
        }
        if (quote == 0 && c == '$' && k + 1 < string.length() && string.charAt(k + 1) == '\'') {
          chars.append(chars.indexOf("$") < 0 ? "$" : ""); // sh's $ and quoted text; the others'
          continue; // decoded spelling is read apart
        }
        if (quote != '\'' && (c == '$' || c == '`')) {
          return ""; // a value: any character may be in it
        }
        if (c == '\'' && quote != '"' || c == '"' && quote != '\'') {
          quote = quote == 0 ? c : 0;
        } else if (c == '\\' && quote != '\'' && k + 1 < string.length()) {
          chars.append(string.charAt(++k));
        } else if (chars.indexOf(String.valueOf(c)) < 0) {
          chars.append(c);
        }
      }
    }
    return chars.length() == 0 ? null : chars.toString();
  }

  /**
   * Whether {@code word} holds tbot's name as a field the shell may split it into at {@code ifs}'s
   * characters (each of them where {@code ifs} is {@code ""}: a name anywhere in it).
   */
  static boolean splitsIntoTbot(String word, String ifs) {
    if (ifs.isEmpty()) {
      return word.toLowerCase(java.util.Locale.ROOT).contains("tbot");
    }
    StringBuilder set = new StringBuilder("[");
    ifs.chars().forEach(c -> set.append(String.format("\\x{%x}", c)));
    for (String field : word.split(set.append("]+").toString())) {
      if (ProgramName.isTbot(field) || TbotNameMatch.globMatchesTbot(field)) {
        return true;
      }
    }
    return false;
  }
}
