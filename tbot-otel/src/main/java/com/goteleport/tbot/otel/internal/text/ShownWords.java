package com.goteleport.tbot.otel.internal.text;

import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Which of a user's words an error line may quote. Such lines land in CI, Kubernetes and journald
 * logs, and a word out of place is often a secret (a join token pasted into the wrong field, or
 * tbot's {@code --token=...} taken as the value of a flag given none): a short word or a flag's
 * name is shown, a missing file's path if it names a file, a URL's path if it is plain words (a
 * word or two to a segment), and a variable's name if it is written as one; anything else is not.
 * Loaded only when something is refused, and by the CLI's preview.
 *
 * <p>This class is internal and is not part of tbot-otel's public API. Its APIs are unstable and can
 * change at any time.
 */
public final class ShownWords {

  // The shape of tbot's and tbot-otel's long flag names; anything else after a dash may be a value.
  private static final Pattern LONG_FLAG = Pattern.compile("--[A-Za-z][A-Za-z0-9_-]{0,39}");
  // A file name's extension (tbot.yaml, tbot.yml, tbot.json): a dot and a few letters at its end.
  private static final Pattern EXTENSION = Pattern.compile(".*[^./\\\\]\\.[A-Za-z]{1,4}");
  // A variable's name as they are written: words of letters in one case joined by '_'.
  private static final Pattern VARIABLE = Pattern.compile("_*(?:[A-Z]+|[a-z]+)(?:_+(?:[A-Z]+|[a-z]+))*_*");
  // A URL path's plain segment: a word of letters or two joined by '-' or '_' (logs, otlp,
  // otel-logs), or a version (v1, v2). Each word as long as a short word at most, in one case or
  // capitalized: a token of letters alone (sEcReTtOkEn...) is not a word, and three words or more
  // joined are a passphrase's shape (correct-horse-battery-staple).
  private static final String PLAIN_WORD = "(?:[a-z]{1,12}|[A-Z]{1,12}|[A-Z][a-z]{1,11})";
  private static final Pattern PLAIN_SEGMENT =
      Pattern.compile(PLAIN_WORD + "(?:[-_]" + PLAIN_WORD + ")?|v[0-9]{1,3}");

  private ShownWords() {}

  /**
   * Whether {@code word} may be quoted: a short word, as a typo of a fixed word is ({@code maybe},
   * {@code v3}, {@code 30s}): at most 12 ASCII letters, digits or dots. A token is longer or has
   * other characters.
   */
  public static boolean shortWord(String word) {
    if (word.length() > 12) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c >= 128 || !Character.isLetterOrDigit(c) && c != '.') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code path}, a file the user named that is not there, may be quoted: its file name
   * ends in an extension ({@code tbot.yaml}, {@code missing.yml}), which a token does not. A word
   * given where a path was expected ({@code -c TOKEN}) is not, nor a short one: it may be the rest
   * of a word, as of tbot's {@code -tTOKEN} read as a bundle of short flags whose {@code -c} takes
   * what follows.
   */
  public static boolean fileName(String path) {
    return EXTENSION.matcher(path).matches();
  }

  /**
   * Whether {@code name}, the part before '=' of a word taken for a variable's assignment, may be
   * quoted: words of letters in one case joined by '_', as variables are named ({@code
   * TELEPORT_BOT_TOKEN}, {@code http_proxy}). A token with a '=' (base64's padding) is not.
   */
  public static boolean variableName(String name) {
    return VARIABLE.matcher(name).matches();
  }

  /**
   * Whether {@code rawPath}, a URL's path, may be quoted: empty, or segments of a word or two
   * ({@code logs}, {@code otel-logs}: up to 12 letters each, in one case or capitalized) or versions
   * ({@code v1}), as {@code /v1/logs}. A segment with more, as a collector that takes a token in its
   * path has ({@code /ingest/TOKEN/v1/logs}, a passphrase's words joined), is not.
   */
  public static boolean plainUrlPath(String rawPath) {
    for (String segment : rawPath.split("/", -1)) {
      if (!segment.isEmpty() && !PLAIN_SEGMENT.matcher(segment).matches()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The flag {@code word} names: {@code --token} of {@code --token=VALUE}, {@code -t} of {@code
   * -tVALUE} (what follows a short flag's letter may be its value); null for a word of no flag's
   * shape.
   */
  @Nullable
  public static String flagName(String word) {
    if (word.startsWith("--")) {
      int eq = word.indexOf('=');
      String name = eq < 0 ? word : word.substring(0, eq);
      return LONG_FLAG.matcher(name).matches() ? name : null;
    }
    if (word.length() >= 2 && word.charAt(0) == '-' && word.charAt(1) < 128 && Character.isLetter(word.charAt(1))) {
      return word.substring(0, 2);
    }
    return null;
  }

  /**
   * {@code word}, of a flag's shape, as it may be shown: its name, then {@code =...} or {@code ...}
   * for a value attached ({@code --token=...}, {@code -t...}); null for a word of no flag's shape.
   */
  @Nullable
  public static String withoutValue(String word) {
    String name = flagName(word);
    if (name == null || name.equals(word)) {
      return name;
    }
    return name + (word.charAt(name.length()) == '=' ? "=..." : "...");
  }
}
