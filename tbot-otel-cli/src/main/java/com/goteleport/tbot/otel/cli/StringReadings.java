package com.goteleport.tbot.otel.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * The texts a string of shell code may read as, for whether it names tbot ({@link #namesTbot}) and
 * which words of it may be a no ({@link #wordsForANo}): in each of its spellings ({@code $'...'}
 * decoded or not), each parameter with a word given that word or nothing ({@code ${X:-tbot}}),
 * other expansions read as empty, quotes and escapes dropped. Not parsed: a shell's words are
 * {@link ShellStringWords}'. Bounded ({@link #CHOICES}, {@link #READ_CHARS}): a string that cannot
 * be read each way names tbot ({@link #notReadEachWay}).
 */
final class StringReadings {

  // Characters that make an argument more than one word, or shell code: a string that may be run.
  private static final String STRING_BREAKS = " \t\n\r;&|<>()`$";

  /** Whether {@code arg} has a blank or a shell's operator or expansion: more than one plain word. */
  static boolean isString(String arg) {
    for (int k = 0; k < arg.length(); k++) {
      if (STRING_BREAKS.indexOf(arg.charAt(k)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The words {@code arg} may hold where it is a string of shell code ({@link #isString}), read for
   * a no only: a {@code NAME=VALUE} that says no ({@link LauncherEnvironment}) or tbot's no flag
   * ({@link ChildArgs}), which a program that runs the string may hand to tbot. Its quotes ({@code
   * $'...'} and {@code $"..."} too), escapes and {@code \}-newlines dropped, and a parameter's
   * default, or arithmetic, taken for its value ({@code ${X:-false}}, {@code $((0))}), as the shell
   * may hand them on: the words of each of {@link #anyReading}'s texts, split at blanks and the
   * shell's operators, each once; not parsed, so a word that only looks like one errs toward a no.
   * None for a single plain word.
   */
  static List<String> wordsForANo(String arg) {
    if (!isString(arg)) {
      return List.of();
    }
    Set<String> words = new LinkedHashSet<>();
    Predicate<String> add = text -> {
      for (String word : text.replace("$((", "").replace("}", "").split("[\\s;&|<>()`]+")) {
        if (!word.isEmpty()) {
          words.add(word);
        }
      }
      return false; // so that every text is read
    };
    for (String spelling : spellings(arg)) {
      if (anyReading(spelling, "", add) == null) {
        String joined = joined(spelling);
        add.test(unquoted(joined, "", 0, true));
        add.test(unquoted(joined, "", ~0L, true));
        add.test(unquoted(joined, "", 0, false));
      }
    }
    return List.copyOf(words);
  }

  /**
   * {@code string} as written, with its {@code $'...'} quotes decoded ({@link AnsiCQuotes}) where it
   * has any (sh and dash take {@code $'} for a {@code $} and a quote, bash, ksh and zsh decode it),
   * and with every such numeric escape decoded wherever it stands ({@link
   * AnsiCQuotes#escapesDecoded}), and echo's {@code \0NNN} ({@link AnsiCQuotes#echoEscapesDecoded}):
   * a string inside this one may decode it. Also as cmd and PowerShell read it ({@code cmd /c},
   * {@code pwsh -Command}; any string, as more readings only add reasons not to send): each {@code
   * \} a path separator ({@code C:\Teleport\tbot.exe}), where sh drops it as an escape, and
   * PowerShell's ways to set a variable as {@code NAME=VALUE} ({@code $env:NAME = VALUE}, {@code
   * Set-Item Env:NAME VALUE}, {@code [Environment]::SetEnvironmentVariable('NAME', VALUE)}).
   */
  private static List<String> spellings(String string) {
    List<String> spellings = new ArrayList<>(List.of(string));
    for (String other : List.of(AnsiCQuotes.decoded(string), AnsiCQuotes.escapesDecoded(string),
        AnsiCQuotes.echoEscapesDecoded(string), string.replace('\\', '/'), powerShellAssignments(string))) {
      if (!spellings.contains(other)) {
        spellings.add(other);
      }
    }
    return spellings;
  }

  // PowerShell's ways to set a variable, any case, as NAME=VALUE (a value's quotes are read off as
  // sh's would be): $env:NAME = VALUE (${env:NAME}, +=), Set-Item/New-Item Env:NAME VALUE (si, ni,
  // -Path, -Value), and [System.Environment]::SetEnvironmentVariable('NAME', 'VALUE'[, TARGET]).
  private static final Pattern PS_ENV =
      Pattern.compile("(?i)\\$\\{?env:([A-Za-z_][A-Za-z0-9_]*)\\}?\\s*\\+?=\\s*");
  private static final Pattern PS_ITEM = Pattern.compile(
      "(?i)(?<![\\w-])(?:Set-Item|New-Item|si|ni)\\s+(?:-Path\\s+)?(['\"]?)Env:\\\\?([A-Za-z_][A-Za-z0-9_]*)\\1"
          + "\\s+(?:-Value\\s+)?");
  private static final Pattern PS_SET = Pattern.compile(
      "(?i)\\[(?:System\\.)?Environment\\]::SetEnvironmentVariable\\(\\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\\1\\s*,"
          + "\\s*(['\"]?)([^'\",)]*)\\3[^)]*\\)");

  private static String powerShellAssignments(String string) {
    // Each form names env ($env:, Env:, Environment): a string without it, most, skips three scans,
    // which each of exec's readers would repeat over a long script.
    if (!mentionsEnv(string)) {
      return string;
    }
    String env = PS_ENV.matcher(string).replaceAll("$1=");
    return PS_SET.matcher(PS_ITEM.matcher(env).replaceAll("$2=")).replaceAll("$2=$4 ");
  }

  // Whether string holds "env" in any case (| 0x20 is an ASCII letter's lower case, and maps no other
  // character to n or v): one pass, as every string is asked.
  private static boolean mentionsEnv(String string) {
    for (int i = 0, last = string.length() - 3; i <= last; i++) {
      if ((string.charAt(i) | 0x20) == 'e' && (string.charAt(i + 1) | 0x20) == 'n'
          && (string.charAt(i + 2) | 0x20) == 'v') {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code test} holds for one of the texts of {@code string} as the shell may join its
   * words ({@link #unquoted}), tried one at a time: each parameter with its word given its word or
   * nothing, on its own (the shell picks by its operator: {@code ${X:-tbot}${Y:+.sh}} is tbot), and
   * the text with no parameter read (quoted, escaped or in a comment, {@code ${A[} is none: the code
   * up to a {@code ]:-}} runs); and each of the first again with every other expansion read as empty
   * ({@link #EXPANSION}: {@code t${X}bot}, {@code ${X:-tb}${Y: +x}ot}). Null, none tried, for a
   * string of more than {@link #CHOICES} such parameters, or one whose texts would be more than
   * {@link #READ_CHARS} characters in all: a long inline script would cost seconds and megabytes.
   */
  @Nullable
  private static Boolean anyReading(String string, String operator, Predicate<String> test) {
    return anyReading(string, operator, UnaryOperator.identity(), test);
  }

  // As anyReading, each parameter's word given as wordAs makes it.
  @Nullable
  private static Boolean anyReading(String string, String operator, UnaryOperator<String> wordAs, Predicate<String> test) {
    String joined = joined(string);
    int count = choices(joined);
    if (count < 0) {
      return null;
    }
    Set<String> tried = new HashSet<>();
    for (long words = 0; words < 1L << count; words++) {
      for (String text : List.of(unquoted(joined, operator, words, wordAs), unquotedEmptied(joined, words, wordAs))) {
        if (tried.add(text) && test.test(text)) {
          return true;
        }
      }
    }
    String none = unquoted(joined, operator, 0, false);
    return tried.add(none) && test.test(none);
  }

  // How many parameters with a word joined has; -1 for more than CHOICES, or for too many
  // characters in all its readings (READ_CHARS).
  private static int choices(String joined) {
    int count = parameters(joined, true, CHOICES + 1).size();
    return count > CHOICES || joined.length() > longestReadEachWay(count) ? -1 : count;
  }

  /**
   * The longest string with {@code parameters} parameters with a word (at most {@link #CHOICES})
   * that is read each way: its 2^(k+1)+1 texts within {@link #READ_CHARS}.
   */
  static long longestReadEachWay(int parameters) {
    return READ_CHARS / ((2L << parameters) + 1);
  }

  /**
   * Whether {@code arg} is a string of shell code ({@link #isString}) that {@link #namesTbot} does
   * not read each way it may be joined: too long, or with too many parameters with a word, so it
   * names tbot (for preview's and --debug's reason).
   */
  static boolean notReadEachWay(String arg) {
    if (!isString(arg)) {
      return false;
    }
    for (String spelling : spellings(arg)) {
      if (choices(joined(spelling)) < 0) {
        return true;
      }
    }
    return false;
  }

  // An expansion with no expansion inside, which may give nothing: ${NAME...} of any form (t${X}bot,
  // a substring ${Y: +x}; one with a $(...) or `...` inside is left for a later pass, as their )
  // or } may be its), $NAME, $1, $@, $(...) and `...`. Read as empty, the text around it may
  // join into tbot's name (tb$(true)ot runs tbot).
  private static final Pattern EXPANSION = Pattern.compile(
      "\\$\\{(?:[^{}$`]|\\$(?!\\())*+\\}|\\$\\([^()]*\\)|`[^`]*`|\\$[A-Za-z_][A-Za-z0-9_]*|\\$[0-9@*#?$!-]");

  // More parameters with a word in one string than this are not read in each choice of their words
  // (2^CHOICES texts): such a string names tbot, and its no is read as before (each with its word,
  // or none, or no parameter read).
  static final int CHOICES = 8;

  // Nor are those of a string whose texts would be longer than this in all (2^(k+1)+1 texts of its
  // length: 8 parameters in a 2 KiB script, 4 in 31 KiB, none in 341 KiB), which would cost seconds
  // and more heap than a small JVM has (125 KiB with 8: 15 s, 64 MiB short); at most ~1 s this way.
  static final long READ_CHARS = 1L << 20;

  // The characters exec's readers read word in: a plain word's, or a string's in each spelling,
  // once a reading (anyReading's; three for one not read each way).
  static long readChars(String word) {
    if (!isString(word)) {
      return word.length();
    }
    long chars = 0;
    for (String spelling : spellings(word)) {
      String joined = joined(spelling);
      int count = choices(joined);
      chars += (count < 0 ? 3 : (2L << count) + 1) * joined.length();
    }
    return chars;
  }

  private static String joined(String string) {
    return string.replace("\\\n", "").replace("$'", "'").replace("$\"", "\"");
  }

  /**
   * {@code joined}'s text ({@link #joined}: {@code \}-newlines dropped, bash's {@code $'...'} and
   * {@code $"..."} read as quotes) as the shell joins its words: quotes and escapes dropped; with
   * {@code parameters}, the k-th parameter with its word ({@link #parameters}) replaced by
   * that word where bit k of {@code words} is set, else by nothing, and any other parameter's name
   * and operator (PARAMETER_OPERATOR there) by {@code operator}; without, no parameter replaced.
   */
  private static String unquoted(String joined, String operator, long words, boolean parameters) {
    return parameters ? unquoted(joined, operator, words, UnaryOperator.identity()) : dropQuotes(joined);
  }

  // As unquoted with parameters, each word given as wordAs makes it.
  private static String unquoted(String joined, String operator, long words, UnaryOperator<String> wordAs) {
    return dropQuotes(replaced(defaults(joined, words, wordAs), false, m -> operator));
  }

  /**
   * As {@link #unquoted} with parameters, every other expansion read as empty ({@link #EXPANSION}):
   * inside out, so that one left with nothing inside is emptied too ({@code ${Y:+${Z}}}, {@code
   * ${Y:+$(echo x)}}), to {@link #NESTING} levels.
   */
  private static String unquotedEmptied(String joined, long words, UnaryOperator<String> wordAs) {
    // Each parameter's word, or nothing, between EDGEs, so that an expansion in front of it ends
    // there: in $Y${Z:+x}ot, $Y, not $Yot, is emptied.
    int[] k = {0};
    String text = replaced(joined, true,
        m -> EDGE + ((words >>> Math.min(k[0]++, 63) & 1) != 0 ? wordAs.apply(joined.substring(m[2], m[3])) : "") + EDGE);
    return dropQuotes(expansionsEmptied(text).replace(String.valueOf(EDGE), ""));
  }

  /**
   * {@code text} with its expansions read as empty ({@link #EXPANSION}), inside out, so that one
   * left with nothing inside is emptied too, to {@link #NESTING} levels.
   */
  static String expansionsEmptied(String text) {
    for (int level = 0; level < NESTING && (text.indexOf('$') >= 0 || text.indexOf('`') >= 0); level++) {
      String emptied = EXPANSION.matcher(text).replaceAll("");
      if (emptied.length() == text.length()) {
        break;
      }
      text = emptied;
    }
    return text;
  }

  // A character no argument holds (the system's are C strings).
  private static final char EDGE = '\0';

  // How deep expansions inside expansions are emptied, each level a pass over the text.
  private static final int NESTING = 4;

  // The k-th parameter with its word replaced by that word where bit k of words is set, else by nothing.
  private static String defaults(String joined, long words, UnaryOperator<String> wordAs) {
    int[] k = {0};
    return replaced(joined, true,
        m -> (words >>> Math.min(k[0]++, 63) & 1) != 0 ? wordAs.apply(joined.substring(m[2], m[3])) : "");
  }

  // text with each parameter parameters finds replaced by what replacement gives for it.
  private static String replaced(String text, boolean withWord, Function<int[], String> replacement) {
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    for (int[] m : parameters(text, withWord, Integer.MAX_VALUE)) {
      out.append(text, last, m[0]).append(replacement.apply(m));
      last = m[1];
    }
    return out.append(text, last, text.length()).toString();
  }

  private static String dropQuotes(String joined) {
    return joined.replace("'", "").replace("\"", "").replace("\\", "");
  }

  // A parameter's name (an array's element too) and operator up to the word it may expand to:
  // ${TBOT:-tbot}, ${TBOT+tbot}, ${A[0]:-tbot}; as the regex \$\{[A-Za-z0-9_@*#?$!]*(\[[^\]}]*\])?:?[-=+?]
  // (PARAMETER_OPERATOR) finds them. With withWord, one with its word and closing brace, the word
  // holding no } and no ${, $( or ` (a lone { is text there: sh, dash, bash and busybox close
  // ${Y:+{x} at its first }; a } in $(echo }) is not its end): it expands to its word or to the
  // parameter's value (empty, or a name an expansion makes: none), so both are tried in its
  // place, where they join the text around it as the shell joins them (${APP:-tbot}.log names no
  // tbot; ${DIR:-/usr/bin}/tbot, t${X:-}bot and ${X:+x}tbot do). A nested one's outer part is left
  // to PARAMETER_OPERATOR. Found by hand, as Matcher.find would find them, each {start, end} (and
  // the word's {start, end}), at most `most` of them: the regex scanned to the next ] or brace again
  // from each ${ and each ? of a name (${a[ x 30 000: 92 s of CPU; ${ and 30 000 ?s: 46 s).
  private static List<int[]> parameters(String text, boolean withWord, int most) {
    int n = text.length();
    int[] closer = new int[n + 1]; // the first ] or } at or after each index; n for none
    int[] brace = new int[n + 1]; // the first }, or ${, $( or ` (a nested expansion)
    closer[n] = n;
    brace[n] = n;
    for (int i = n - 1; i >= 0; i--) {
      char c = text.charAt(i);
      closer[i] = c == ']' || c == '}' ? i : closer[i + 1];
      brace[i] = c == '}' || c == '`' || (c == '{' || c == '(') && i > 0 && text.charAt(i - 1) == '$' ? i : brace[i + 1];
    }
    List<int[]> found = new ArrayList<>();
    for (int s = text.indexOf("${"); s >= 0 && found.size() < most; ) {
      int[] m = parameterAt(text, s, withWord, closer, brace);
      if (m != null) {
        found.add(m);
      }
      s = text.indexOf("${", m != null ? m[1] : s + 1);
    }
    return found;
  }

  static final String PARAMETER_NAME_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_@*#?$!";

  // The parameter the regex matches at s ("${"), trying its name's lengths longest first, each with
  // an element's [...] and then without, each with a ':' and then without.
  @Nullable
  private static int[] parameterAt(String text, int s, boolean withWord, int[] closer, int[] brace) {
    int n = text.length();
    int e = s + 2;
    while (e < n && PARAMETER_NAME_CHARS.indexOf(text.charAt(e)) >= 0) {
      e++;
    }
    for (int l = e; l >= s + 2; l--) {
      if (l < n && text.charAt(l) == '[' && closer[l + 1] < n && text.charAt(closer[l + 1]) == ']') {
        int[] m = afterName(text, s, closer[l + 1] + 1, withWord, brace);
        if (m != null) {
          return m;
        }
      }
      int[] m = afterName(text, s, l, withWord, brace);
      if (m != null) {
        return m;
      }
    }
    return null;
  }

  @Nullable
  private static int[] afterName(String text, int s, int at, boolean withWord, int[] brace) {
    int[] m = at < text.length() && text.charAt(at) == ':' ? afterColon(text, s, at + 1, withWord, brace) : null;
    return m != null ? m : afterColon(text, s, at, withWord, brace);
  }

  @Nullable
  private static int[] afterColon(String text, int s, int at, boolean withWord, int[] brace) {
    if (at >= text.length() || "-=+?".indexOf(text.charAt(at)) < 0) {
      return null;
    }
    if (!withWord) {
      return new int[] {s, at + 1};
    }
    int end = brace[at + 1];
    return end < text.length() && text.charAt(end) == '}' ? new int[] {s, end + 1, at + 1, end} : null;
  }

  // Where namesTbot splits a reading's text into words.
  private static final String WORD_BREAKS = "[\\s;&|<>()`$={},#]+";

  /**
   * Whether a word of {@code string} names tbot: split at blanks and at the shell's operators and
   * expansions ({@code cd /opt&&tbot start}, {@code $(tbot ...)}), at {@code #} (a comment ends at
   * its line's end, which a {@code \}-newline in it does not join: {@code exec #\<newline>tbot
   * start} runs tbot), at {@code =} (zsh's {@code
   * =tbot}) and at a brace expansion's {@code {}, {@code }} and {@code ,} ({@code {tbot,start}}),
   * a parameter with its word read with that word and without it in its place, each on its own
   * ({@link #anyReading}: {@code ${TBOT:-tbot}}, {@code ${TBOT+tbot}}, {@code ${A[0]:-tbot}}, {@code
   * ${X:-tbot}${Y:+.sh}}, but not {@code ${APP:-tbot}.log}), and with none read,
   * its {@code \}-newlines (which join a word: {@code tb\<newline>ot}), quotes
   * (bash's {@code $'...'} and {@code $"..."} too: {@code t$'b'ot}) and escapes dropped, and read
   * again with {@code $'...'} decoded ({@code $'\x74bot'}); a word names tbot too where the shell
   * may expand it into tbot's name ({@link TbotNameMatch}: a pattern, whole with its groups, a brace
   * expansion, text around an expansion that gives nothing, {@link SplicedName}) or split it there
   * at what the string sets {@code IFS} to ({@link AssignedIfs}), each pattern read with the options
   * the string sets for its patterns ({@link GlobOptions}: with zsh's {@code BRACE_CCL} the string
   * is read again with its braces of no {@code ,} as brackets). A string too long, or with too many
   * parameters, to read each way names tbot.
   */
  static boolean namesTbot(String string) {
    return namesTbot(string, GlobOptions.NONE);
  }

  /**
   * As {@link #namesTbot(String)}, with the options the line that runs the string may set for its
   * patterns too ({@code bash -O nocaseglob -c STRING}, {@code zsh -o extendedglob -c STRING}).
   */
  static boolean namesTbot(String string, GlobOptions lineOptions) {
    GlobOptions options = GlobOptions.of(string).or(lineOptions);
    Set<String> checked = new HashSet<>();
    Predicate<String> hasTbot = hasTbot(checked, options, UnaryOperator.identity());
    List<String> spellings = spellings(string);
    String bracketed = options.braceClasses() ? BraceWords.asBrackets(string) : string;
    if (!spellings.contains(bracketed)) {
      // zsh's BRACE_CCL: a brace with no , is a set of characters, in a default's word too (the
      // string as written only: each spelling more is read each way again).
      spellings.add(bracketed);
    }
    for (String spelling : spellings) {
      String joined = joined(spelling);
      if (TbotNameMatch.joinsIntoTbot(dropQuotes(joined)) || SplicedName.mayNameTbot(joined)) {
        return true;
      }
      Boolean read = anyReading(spelling, " ", hasTbot);
      if (read == null || read) {
        return true;
      }
      if (joined.indexOf("${") < 0) {
        continue; // no parameter's word for IFS to split
      }
      // Read again with each parameter's word split where what the string sets IFS to splits it:
      // as written, with its quotes dropped (eval 'IF''S=-') and removed as the shell removes them
      // (a string in this one: sh -c 'IFS='\'' -'\''; ...).
      for (AssignedIfs ifs : AssignedIfs.of(joined + "\n" + dropQuotes(joined) + "\n" + SplicedName.quotesRemoved(joined))) {
        if (SplicedName.mayNameTbot(joined, ifs)
            || Boolean.TRUE.equals(anyReading(spelling, " ", ifs::blanked, hasTbot(checked, options, ifs::blanked)))) {
          return true;
        }
      }
    }
    return false;
  }

  // Whether a reading's text names tbot: a word of it (wordsNameTbot), or one of its brace
  // expansions' words (BraceWords, each default's word given as wordAs makes it).
  private static Predicate<String> hasTbot(Set<String> checked, GlobOptions options, UnaryOperator<String> wordAs) {
    return text -> {
      if (wordsNameTbot(text, checked, options)) {
        return true;
      }
      if (text.indexOf('{') < 0) {
        return false;
      }
      List<String> expanded = BraceWords.of(text, checked, wordAs);
      if (expanded == null) {
        return true; // too many words to read: they may
      }
      for (String word : expanded) {
        if (wordsNameTbot(word, checked, options)) {
          return true;
        }
      }
      return false;
    };
  }

  // Whether a word of text, split at WORD_BREAKS, names tbot or is a pattern that matches it, or a
  // pattern's word the split takes apart is (each word once: checked).
  private static boolean wordsNameTbot(String text, Set<String> checked, GlobOptions options) {
    for (String word : text.split(WORD_BREAKS)) {
      if (!word.isEmpty() && checked.add(word) && (ProgramName.isTbot(word) || TbotNameMatch.globMatchesTbot(word, options))) {
        return true;
      }
    }
    if (text.indexOf('(') >= 0 || text.indexOf("[=") >= 0 || options.zshExtended() && text.indexOf('#') >= 0) {
      for (String word : TbotNameMatch.patternWords(text, options)) {
        if (checked.add(word) && TbotNameMatch.globMatchesTbot(word, options)) {
          return true;
        }
      }
    }
    return false;
  }

  private StringReadings() {}
}
