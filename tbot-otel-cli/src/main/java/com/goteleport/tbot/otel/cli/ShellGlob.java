package com.goteleport.tbot.otel.cli;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shell pattern's file name read as a Java regex, for {@link TbotNameMatch#globMatchesTbot}: its
 * {@code *}, {@code ?} and bracket expressions with POSIX classes, equivalence classes and collating
 * symbols ({@code [[:alpha:]]}, {@code [[=o=]]}, {@code [[.o.]]}: each shell's matching), ksh's
 * groups ({@code @(o|x)}, {@code ?(o)}, {@code *(o)}, {@code +(o)}, {@code !(x)}: ksh and mksh by
 * default, bash with {@code extglob}; ksh93's {@code {1,2}(o)} and {@code ~(i)}, {@code ~(E)}
 * options, a regex dialect's rest read by {@link Ksh93Regex}) and zsh's ({@code (o|x)}; a group
 * that ends a pattern may be zsh's qualifiers, read so too; zsh's {@code [!]} as any one character;
 * with {@link GlobOptions#zshExtended} {@code x#}, {@code x##}, {@code ^x}, {@code x~y} and {@code
 * (#i)}). Each part it cannot tell matches more rather than less; a word the shell refuses (a
 * {@code (} with no {@code )}) matches nothing.
 */
final class ShellGlob {

  // The longest [...] a pattern is read with: a longer one is not told (it may match); a glob's
  // set is a few characters.
  static final int SET_CHARS = 256;
  // More groups, or groups deeper, than a pattern is read with: not told. A name has one or two;
  // inline code read as a pattern (print(len(str(1)))) has more, few of them repeated.
  private static final int GROUPS = 64;
  private static final int REPEATED = 8; // *(...), +(...), ?(...): each a loop Java's regex backtracks through
  private static final int DEPTH = 8;
  // More ways through the groups' choices than this (the product of their counts) are not told:
  // Java's regex tries each where several match alike (tbo(||||||||) ten times, ~(E)(|) forty
  // times: minutes). A name's group has two or three.
  private static final long PATHS = 4096;
  // The longest class name or collating element read: past it, its [ is one of the set's characters.
  private static final int ELEMENT_CHARS = 32;

  static final Map<String, String> CLASSES = Map.ofEntries(
      Map.entry("alpha", "\\p{Alpha}"), Map.entry("upper", "\\p{Upper}"), Map.entry("lower", "\\p{Lower}"),
      Map.entry("digit", "\\p{Digit}"), Map.entry("alnum", "\\p{Alnum}"), Map.entry("xdigit", "\\p{XDigit}"),
      Map.entry("space", "\\s"), Map.entry("blank", "\\p{Blank}"), Map.entry("punct", "\\p{Punct}"),
      Map.entry("print", "\\p{Print}"), Map.entry("graph", "\\p{Graph}"), Map.entry("cntrl", "\\p{Cntrl}"),
      Map.entry("word", "\\w"));
  // An element no shell here names so (an unknown class, a collating element of many characters)
  // may match any character.
  private static final String ANY = "\\s\\S";
  // ksh93's repeated group, {n}(...) or {n,m}(...), up to its (.
  static final Pattern KSH_REPEAT = Pattern.compile("\\{[0-9]{0,9}(?:,[0-9]{0,9})?\\}\\(");

  private final String name;
  private final String file;
  private final boolean zshExtended;
  private final boolean foldLiterals; // nocaseglob: a letter of the pattern matches either case
  private final boolean kshGroups; // *(x) is ksh's group, not zsh's * and a group
  private final StringBuilder regex = new StringBuilder();
  private int at;
  private boolean pattern;
  private boolean letter;
  private boolean untold; // a set too long to match: it may
  private boolean unread; // groups too many or too deep: the rest is not read, and may match
  private boolean broken; // a ( with no ), or a ) or | with no (: the shell refuses the word
  private boolean noCase; // zsh's (#i), ksh93's ~(i)
  private int groups;
  private int repeated;
  private long paths = 1;
  // The first ] at or after closeFrom (-1: none), so that a long name of brackets is read in linear time.
  private int closeFrom = -1;
  private int close = -1;

  private ShellGlob(String name, String file, GlobOptions options, boolean kshGroups) {
    this.name = name;
    this.file = file;
    this.zshExtended = options.zshExtended();
    this.foldLiterals = options.noCase();
    this.kshGroups = kshGroups;
  }

  /**
   * Whether {@code name} (a file name, no separator) is a pattern that may match {@code file}, with
   * the {@code options} its string may set: {@code *(x)}, {@code ?(x)}, {@code @(x)} ... read as
   * ksh's groups, and again as zsh reads them (without KSH_GLOB: a {@code *} and a group, {@code
   * *(x)#bot}, {@code *(x|)bot}).
   */
  static boolean mayMatch(String name, String file, GlobOptions options) {
    if (mayMatch(name, file, options, true)) {
      return true;
    }
    for (int k = 0; k + 1 < name.length(); k++) {
      if (name.charAt(k + 1) == '(' && "?*+@!".indexOf(name.charAt(k)) >= 0) {
        return mayMatch(name, file, options, false);
      }
    }
    return false;
  }

  private static boolean mayMatch(String name, String file, GlobOptions options, boolean kshGroups) {
    ShellGlob glob = new ShellGlob(name, file, options, kshGroups);
    int least = glob.sequence(0);
    if (glob.broken) {
      return false;
    }
    if (glob.unread) {
      return true;
    }
    if (!glob.pattern || !glob.letter) {
      return false; // * or [a-z]* alone would name every program, and names none
    }
    if (glob.untold) {
      return true;
    }
    if (least > file.length()) {
      return false; // more single characters than the file has (and a long regex is not compiled)
    }
    try {
      // Case ignored as nocaseglob ignores it (a letter either case, a class as written: zsh's and
      // bash's TB[^[:upper:]]T matches tbot, which Java's CASE_INSENSITIVE refuses), and as Java does.
      String regex = glob.regex.toString();
      return Pattern.matches(regex, file)
          || (options.noCase() || glob.noCase) && Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(file).matches();
    } catch (java.util.regex.PatternSyntaxException e) {
      return true; // not told: it may match
    }
  }

  // Reads parts up to the name's end, or up to a group's | or ), and gives the fewest characters
  // they match.
  private int sequence(int depth) {
    int least = 0;
    boolean star = false; // a run of * is one .*, which would otherwise share a name's characters among them
    int item = -1; // where the last character, set or group starts in the regex, for zsh's x# (-1: none)
    int itemLeast = 0;
    char itemChar = 0; // the last item's character, where it is one the name has in so many words
    Cut cut = null; // zsh's ^ or ~ here: the rest of the sequence is read, then dropped
    while (at < name.length() && !unread) {
      char c = name.charAt(at);
      if (c == '|' || c == ')') {
        broken |= depth == 0; // a ) with no ( is a syntax error
        break;
      }
      if (c == '~' && at + 1 < name.length() && name.charAt(at + 1) == '(') {
        least += kshOptions(depth);
        item = -1;
        star = false;
        continue;
      }
      if (zshExtended && cut != null && (c == '^' || c == '~') && at + 1 < name.length() && name.charAt(at + 1) == '^') {
        cut.doubled = true; // ^x~^tbot: what follows is what matches
      }
      if (zshExtended && (c == '^' || c == '~' && at > 0) && cut == null) {
        cut = new Cut(c, least, at + 1 < name.length() && name.charAt(at + 1) == '^');
        pattern = true;
        item = -1; // a # right after the cut repeats nothing before it
        at++;
        continue;
      }
      if (zshExtended && item >= 0 && (c == '#' || name.startsWith("(#c", at))) {
        least -= repeat(item, itemChar) ? 0 : itemLeast;
        item = -1;
        continue;
      }
      if (zshExtended && name.startsWith("(#", at)) {
        zshFlags();
        continue;
      }
      Matcher repeat = c == '{' ? KSH_REPEAT.matcher(name).region(at, name.length()) : null;
      boolean kshRepeat = repeat != null && repeat.lookingAt();
      boolean zshFlagsNext = zshExtended && name.startsWith("(#", at + 1); // *(#qN) is * and qualifiers
      if (kshRepeat || c == '(' || kshGroups && "?*+@!".indexOf(c) >= 0 && at + 1 < name.length()
          && name.charAt(at + 1) == '(' && !zshFlagsNext) {
        item = regex.length();
        itemChar = 0;
        itemLeast = group(kshRepeat ? '{' : c, kshRepeat ? repeat.end() - at : c == '(' ? 1 : 2, depth);
        least += itemLeast;
        star = false;
        continue;
      }
      at++;
      if (c == '*') {
        if (!star) {
          regex.append(".*");
        }
        pattern = true;
        star = true;
        item = -1;
        continue;
      }
      star = false;
      least++;
      item = regex.length();
      itemLeast = 1;
      itemChar = 0;
      if (c == '?') {
        regex.append('.');
        pattern = true;
      } else if (c == '[' && bracket(at - 1)) {
        pattern = true;
      } else if (c == '[' && at + 1 < name.length() && "!^".indexOf(name.charAt(at)) >= 0 && name.charAt(at + 1) == ']') {
        regex.append('.'); // zsh's [!] and [^]: any one character (the shells' read no set there)
        pattern = true;
        at += 2;
      } else {
        boolean fold = foldLiterals && Character.toLowerCase(c) != Character.toUpperCase(c);
        regex.append(fold ? "[" + Character.toLowerCase(c) + Character.toUpperCase(c) + "]" : Pattern.quote(String.valueOf(c)));
        letter |= Character.isLetter(c);
        itemChar = c;
      }
    }
    if (cut != null) {
      regex.setLength(cut.regexAt);
      regex.append(cut.negated ? ".*" : ""); // ^x: anything but x; x~y: x (but not y)
      letter = cut.doubled ? letter : cut.letter; // ^^tbot, *~^tbot: tbot's letters, and only its
      least = cut.least;
    }
    return least;
  }

  // Where zsh's ^ or ~ cut a sequence, and what was read before it; doubled, a ^ right after it.
  private final class Cut {
    final boolean negated;
    boolean doubled;
    final int regexAt = regex.length();
    final boolean letter = ShellGlob.this.letter;
    final int least;

    Cut(char op, int least, boolean doubled) {
      negated = op == '^';
      this.least = least;
      this.doubled = doubled;
    }
  }

  // zsh's x#, x## or x(#cN,M) at at, after the item whose regex starts at item: x any number of
  // times (read so for (#c...) too), or at least once. Whether at least once. A loop of a character
  // the file has not (in either case) costs no backtracking, and is not counted (%h#%s#%an#...).
  private boolean repeat(int item, char itemChar) {
    pattern = true;
    boolean count = name.charAt(at) == '(';
    int end = count ? name.indexOf(')', at) : at;
    if (end < 0) {
      broken = true;
      at = name.length();
      return true;
    }
    boolean twice = !count && end + 1 < name.length() && name.charAt(end + 1) == '#';
    at = end + (twice ? 2 : 1);
    boolean matchesNone = itemChar != 0 && file.toLowerCase(Locale.ROOT).indexOf(Character.toLowerCase(itemChar)) < 0
        && file.toUpperCase(Locale.ROOT).indexOf(Character.toUpperCase(itemChar)) < 0;
    if (!matchesNone && ++repeated > REPEATED) {
      unread = true; // a loop Java's regex backtracks through, each
      return true;
    }
    if (matchesNone && !twice) {
      regex.setLength(item); // none of it, here: the regex does not grow (x# 4,000 times overflowed Java's stack)
      return false;
    }
    regex.insert(item, "(?:").append(twice ? ")+" : ")*");
    return twice;
  }

  // zsh's globbing flags, (#i) and the like at at: (#i) and (#l) ignore case, (#a1) matches with
  // errors (read as anything: not read), the others (anchors, backreferences) match no character,
  // nor do the qualifiers after a q ((#qN.am+1): a's there are access times).
  private void zshFlags() {
    int end = name.indexOf(')', at);
    if (end < 0) {
      broken = true;
      at = name.length();
      return;
    }
    pattern = true;
    for (int k = at + 2; k < end && name.charAt(k) != 'q'; k++) {
      char flag = name.charAt(k);
      noCase |= flag == 'i' || flag == 'l';
      unread |= flag == 'a' && k + 1 < end && Character.isDigit(name.charAt(k + 1));
    }
    at = end + 1;
  }

  // ksh93's ~(options) at at, for the rest of the pattern, or ~(options:pattern), a group: i ignores
  // case; a regex dialect's rest (E, P, ...) is read by Ksh93Regex. Gives the fewest characters it
  // matches.
  private int kshOptions(int depth) {
    int close = name.indexOf(')', at);
    if (close < 0) {
      broken = true;
      at = name.length();
      return 0;
    }
    int colon = name.substring(at, close).indexOf(':') + at; // within the options: a far : is another's
    boolean group = colon >= at;
    String options = name.substring(at + 2, group ? colon : close);
    boolean dialect = Ksh93Regex.isDialect(options);
    pattern = true;
    noCase |= options.indexOf('i') >= 0;
    if (group) {
      int least = group('@', colon + 1 - at, depth);
      untold |= dialect; // a regex in a group: not read, it may match
      return dialect ? 0 : least;
    }
    at = close + 1;
    if (dialect && depth > 0) {
      untold = true; // in a group, up to its ): not read (what follows is read as a glob, to its end)
    } else if (dialect) {
      String rest = name.substring(at);
      letter |= rest.chars().anyMatch(Character::isLetter);
      at = name.length();
      String read = Ksh93Regex.anywhere(options, rest);
      untold |= read == null;
      regex.append(read == null ? "" : read);
    }
    return 0;
  }

  // A group from its operator ((, ?, *, +, @, ! or ksh93's {n,m}; opLength characters with its ()
  // at at: its choices, and, where it ends the name, zsh's reading of it as qualifiers (the
  // operator a character of the pattern, the group nothing). Gives the fewest characters it matches.
  private int group(char op, int opLength, int depth) {
    pattern = true;
    if (depth >= DEPTH || ++groups > GROUPS || "*+?{".indexOf(op) >= 0 && ++repeated > REPEATED) {
      unread = true;
      return 0;
    }
    at += opLength;
    int start = regex.length();
    boolean letterBefore = letter;
    regex.append("(?:(?:");
    int least = Integer.MAX_VALUE;
    long choices = 1;
    while (true) {
      least = Math.min(least, sequence(depth + 1));
      if (unread) {
        return 0;
      }
      if (at >= name.length()) {
        broken = true;
        return 0;
      }
      if (name.charAt(at++) == ')') {
        break;
      }
      regex.append('|');
      choices++;
    }
    paths = Math.min(PATHS + 1, paths * choices);
    untold |= paths > PATHS;
    regex.append(')');
    if (op == '?' || op == '*' || op == '{') {
      regex.append(op == '?' ? '?' : '*'); // ksh93's {n,m}(x): any number of times, which errs toward matching
      least = 0;
    } else if (op == '+') {
      regex.append('+');
    } else if (op == '!') {
      regex.setLength(start); // anything but its choices: taken as anything, its letters not the name's
      regex.append("(?:.*");
      letter = letterBefore;
      least = 0;
    }
    if (at == name.length() && op != '{') { // zsh's qualifiers: tbo*(.) is tbo*
      regex.append('|').append(op == '*' ? ".*" : op == '?' ? "." : op == '(' ? "" : Pattern.quote(String.valueOf(op)));
      least = op == '(' || op == '*' ? 0 : Math.min(least, 1);
    }
    regex.append(')');
    return least;
  }

  // Reads the bracket expression at open into the regex, and whether it is one (a [ with no ] is
  // a character of the name).
  private boolean bracket(int open) {
    int k = open + 1;
    boolean not = k < name.length() && (name.charAt(k) == '!' || name.charAt(k) == '^');
    int first = not ? k + 1 : k; // a ] here is one of the set's characters
    if (nextClose(first + 1) < 0) {
      return false;
    }
    StringBuilder set = new StringBuilder(not ? "[^" : "[");
    boolean many = false; // a range or a class: the set holds no letter of its own
    boolean letters = false;
    for (k = first; k < name.length() && (name.charAt(k) != ']' || k == first); k++) {
      if (k - first >= SET_CHARS) {
        untold = true; // a long set: Java's regex recurses once a character of it
        at = nextClose(k) < 0 ? name.length() : nextClose(k) + 1;
        return true;
      }
      char m = name.charAt(k);
      int end = m == '[' && k + 1 < name.length() && ":=.".indexOf(name.charAt(k + 1)) >= 0
          ? elementEnd(k + 2, name.charAt(k + 1)) : -1;
      if (end >= 0) {
        String inside = name.substring(k + 2, end);
        boolean isClass = name.charAt(k + 1) == ':';
        String element = isClass ? CLASSES.get(inside) : inside.length() == 1 ? member(inside.charAt(0)) : null;
        set.append(element == null ? ANY : element);
        many |= isClass;
        letters |= !isClass && inside.length() == 1 && Character.isLetter(inside.charAt(0));
        k = end + 1;
        continue;
      }
      many |= m == '-' && k > first && k + 1 < name.length() && name.charAt(k + 1) != ']';
      letters |= Character.isLetter(m);
      set.append(m == '-' ? "-" : member(m));
    }
    if (k >= name.length()) {
      return false;
    }
    if (not && name.charAt(open + 1) == '^') {
      // dash and mksh take [^o] as a set of ^ and o, the others as [!o]: either.
      regex.append("(?:").append(set).append("]|[\\^").append(set, 2, set.length()).append("])");
    } else {
      regex.append(set).append(']');
    }
    letter |= letters && !many;
    at = k + 1;
    return true;
  }

  // Where a [:, [= or [. element's closing :], =] or .] starts, or -1 (its [ is then one of the
  // set's characters): at the next ], within ELEMENT_CHARS (a class's name is a word).
  private int elementEnd(int from, char kind) {
    int end = nextClose(from);
    return end > from && end - from <= ELEMENT_CHARS + 1 && name.charAt(end - 1) == kind ? end - 1 : -1;
  }

  // The first ] at or after from, or -1.
  private int nextClose(int from) {
    if (closeFrom < 0 || from < closeFrom || close >= 0 && from > close) {
      closeFrom = from;
      close = name.indexOf(']', from);
    }
    return close;
  }

  private static String member(char m) {
    return Character.isLetterOrDigit(m) ? String.valueOf(m) : "\\" + m;
  }
}
