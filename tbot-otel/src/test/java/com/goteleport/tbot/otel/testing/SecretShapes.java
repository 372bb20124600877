package com.goteleport.tbot.otel.testing;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Secrets in the shapes real ones take, for the seeded properties that no line of tbot-otel quotes
 * one (ConfigErrorsQuoteNoSecretTest, CommandLinesEchoNoSecretTest): a token of letters, digits and
 * base64's signs; letters alone, in mixed case (base62 that drew no digit) or in lower case (some
 * tokens and passphrases); digits alone; hex in either case (Teleport's join tokens); base64 with
 * its padding, base64url with its {@code -} and {@code _}; words joined by a separator ({@code
 * correct-horse-battery-staple}). Each is 20 characters or more: longer than a short word
 * (ShownWords.shortWord), which a line may show; a passphrase's one word is a short word too, and
 * only a run over two of its words counts ({@link Secret#runs()}).
 */
public final class SecretShapes {

  /** The shortest run of a secret's characters counted as quoted. */
  public static final int WINDOW = 6;

  /** How a secret is written. */
  public enum Shape {
    TOKEN, LETTERS, LOWER_CASE, DIGITS, HEX, HEX_UPPER, BASE64, BASE64URL, PASSPHRASE
  }

  private static final String BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String SYMBOLS = "+/=_-";
  private static final String SEPARATORS = "-_.";
  private static final Pattern SYMBOLS_ONLY = Pattern.compile("[" + Pattern.quote(SYMBOLS) + "]{" + WINDOW + "}");

  // Common words of at most 12 letters, some of them in tbot-otel's own wording (token, config,
  // start): a passphrase's single word is a short word, and may be shown.
  private static final List<String> WORDS = List.of(
      "correct", "horse", "battery", "staple", "apple", "river", "mountain", "yellow", "window", "garden",
      "silver", "orange", "purple", "castle", "dragon", "pepper", "thunder", "forest", "pencil", "marble",
      "rocket", "candle", "monkey", "planet", "harbor", "violin", "tiger", "lemon", "cloud", "storm",
      "basket", "bridge", "coffee", "winter", "summer", "autumn", "spring", "shadow", "mirror", "canyon",
      "token", "config", "start", "secret", "value", "analytics", "telemetry", "preview", "version", "method",
      "example", "endpoint", "anonymous", "identity", "proxy", "server", "output", "service", "default", "level",
      "blue", "red", "cat", "dog", "sun", "moon", "tree", "fish", "bird", "gold",
      "elephant", "strawberry", "grasshopper", "lighthouse", "playground", "watermelon", "blackboard", "snowflake");

  private SecretShapes() {}

  /** A secret of {@code shape}, written {@code text}. */
  public record Secret(Shape shape, String text) {

    /**
     * Another secret of this one's shape and length: each letter or digit replaced by another of
     * its kind (a digit by a digit, a hex letter by a hex letter, a letter in its case), signs and
     * separators kept. A run of this secret in a line that holds it for the other too is the
     * tool's own wording, not the secret.
     */
    public Secret other() {
      StringBuilder out = new StringBuilder();
      for (char c : text.toCharArray()) {
        out.append(in(c, '0', 10) ? (char) ('0' + (c - '0' + 3) % 10)
            : in(c, 'a', 6) ? (char) ('a' + (c - 'a' + 2) % 6)
            : in(c, 'A', 6) ? (char) ('A' + (c - 'A' + 2) % 6)
            : in(c, 'g', 20) ? (char) ('g' + (c - 'g' + 5) % 20)
            : in(c, 'G', 20) ? (char) ('G' + (c - 'G' + 5) % 20)
            : c);
      }
      return new Secret(shape, out.toString());
    }

    /**
     * The runs of {@link #WINDOW} characters of it that no line may hold: all of them, but of a
     * passphrase only those that hold characters of two of its words (a word alone is a short word,
     * which a line may show; the passphrase is not).
     */
    public List<String> runs() {
      List<String> runs = new ArrayList<>();
      for (int i = 0; i + WINDOW <= text.length(); i++) {
        String run = text.substring(i, i + WINDOW);
        if (shape != Shape.PASSPHRASE || spansWords(run)) {
          runs.add(run);
        }
      }
      return runs;
    }

    /** The first of its {@link #runs()} that {@code line} holds, or null. */
    @Nullable
    public String quotedIn(String line) {
      for (String run : runs()) {
        if (line.contains(run)) {
          return run;
        }
      }
      return null;
    }

    /**
     * {@code s} with each of its runs of {@link #WINDOW} or more characters of this secret (of a
     * passphrase, of two of its words or more) written SECRET.
     */
    public String hiddenIn(String s) {
      StringBuilder out = new StringBuilder();
      int i = 0;
      while (i < s.length()) {
        int longest = 0;
        for (int from = 0; from < text.length(); from++) {
          int n = 0;
          while (i + n < s.length() && from + n < text.length() && s.charAt(i + n) == text.charAt(from + n)) {
            n++;
          }
          if (shape != Shape.PASSPHRASE || spansWords(text.substring(from, from + n))) {
            longest = Math.max(longest, n); // not a passphrase's one word: it may be the tool's own
          }
        }
        if (longest >= WINDOW) {
          out.append("SECRET");
          i += longest;
        } else {
          out.append(s.charAt(i++));
        }
      }
      return out.toString();
    }

    private static boolean spansWords(String run) {
      for (int i = 1; i < run.length() - 1; i++) {
        if (SEPARATORS.indexOf(run.charAt(i)) >= 0) {
          return true;
        }
      }
      return false;
    }

    private static boolean in(char c, char first, int count) {
      return c >= first && c < first + count;
    }
  }

  /**
   * A secret of a random shape, 20 to 40 characters (a passphrase may be longer): digits never
   * start with 0 (an octal number), and no run of {@link #WINDOW} is signs alone ({@link
   * Secret#other()} changes every run).
   */
  public static Secret next(Random r) {
    Shape[] shapes = Shape.values();
    // A token as often as two other shapes: it is the commonest, and has the most characters.
    int i = r.nextInt(shapes.length + 1);
    Shape shape = i == shapes.length ? Shape.TOKEN : shapes[i];
    while (true) {
      String text = text(r, shape);
      if (!SYMBOLS_ONLY.matcher(text).find()) {
        return new Secret(shape, text);
      }
    }
  }

  private static String text(Random r, Shape shape) {
    int length = 20 + r.nextInt(21);
    StringBuilder s = new StringBuilder();
    switch (shape) {
      case TOKEN -> {
        for (int i = 0; i < length; i++) {
          s.append(r.nextInt(8) == 0 ? pick(r, SYMBOLS) : pick(r, BASE62));
        }
      }
      case LETTERS -> {
        for (int i = 0; i < length; i++) {
          s.append(pick(r, LETTERS));
        }
      }
      case LOWER_CASE -> {
        for (int i = 0, n = 24 + r.nextInt(17); i < n; i++) {
          s.append((char) ('a' + r.nextInt(26)));
        }
      }
      case DIGITS -> {
        s.append((char) ('1' + r.nextInt(6))); // other() adds 3: still no leading 0
        for (int i = 1; i < length; i++) {
          s.append((char) ('0' + r.nextInt(10)));
        }
      }
      case HEX -> {
        for (int i = 0; i < 32; i++) {
          s.append(pick(r, "0123456789abcdef"));
        }
      }
      case HEX_UPPER -> {
        for (int i = 0; i < 40; i++) {
          s.append(pick(r, "0123456789ABCDEF"));
        }
      }
      case BASE64, BASE64URL -> {
        byte[] bytes = new byte[16 + r.nextInt(13)];
        r.nextBytes(bytes);
        s.append(shape == Shape.BASE64 ? Base64.getEncoder().encodeToString(bytes)
            : Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
      }
      case PASSPHRASE -> {
        char separator = r.nextInt(4) == 0 ? pick(r, SEPARATORS) : '-';
        int words = 3 + r.nextInt(4);
        String word = "";
        for (int i = 0; i < words || s.length() < 20; i++) {
          word = WORDS.get(r.nextInt(WORDS.size()));
          s.append(i == 0 ? "" : separator).append(word);
        }
        // Joined by '.', a last word of 4 letters or fewer is a file name's extension (cat.dog.bird),
        // and a missing file's name with one is shown by design (ShownWords.fileName).
        while (separator == '.' && word.length() <= 4) {
          word = WORDS.get(r.nextInt(WORDS.size()));
          s.append(separator).append(word);
        }
      }
      default -> throw new AssertionError(shape);
    }
    return s.toString();
  }

  private static char pick(Random r, String from) {
    return from.charAt(r.nextInt(from.length()));
  }
}
