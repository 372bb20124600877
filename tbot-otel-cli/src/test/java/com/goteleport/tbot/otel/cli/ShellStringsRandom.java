package com.goteleport.tbot.otel.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded command lines of the shapes exec reads a shell string in ({@code sh -c STRING}, behind
 * {@code env}, {@code nice}, {@code timeout}, with option clusters and arguments after the string),
 * for {@link ShellStringDifferentialTest}: the string is sh's grammar around a tbot invocation (no
 * flags in their spellings, {@code -c FILE}, {@code NAME=VALUE} in front, {@code exec}), its words
 * quoted every way, with operators, redirections, expansions, keywords, comments, continuations and
 * random characters. Its vocabulary runs nothing but tbot (a fake one), true, false, echo, printf,
 * {@code :}, env, nice, timeout, command, eval, wait, cd . and the shells, and it writes only
 * relative files (log, err, out, x) and /dev/null: the lines are safe to run in a temporary directory.
 */
final class ShellStringsRandom {

  /** The shells a line may name, in front of its string; bash's $'...' only where bash runs it. */
  private final List<String> shells;
  private final Random random;
  // This line's string is clean: plainly quoted words, no noise, operators or expansions (about
  // half the lines), so that many are read as tbot's; the others are what exec gives up on, or not.
  private boolean clean;

  private static final List<String> NO_FLAGS = List.of("--no-anonymous-analytics", "--no-anonymous-analytics=true",
      "--no-anonymous-analytics=false", "--anonymous-analytics=false", "--anonymous-analytics=0",
      "--anonymous-analytics=F", "--anonymous-analytics=no", "--anonymous-analytics=");
  private static final List<String> OTHER_FLAGS = List.of("--anonymous-analytics", "--anonymous-analytics=true",
      "--anonymous-analytics=1", "-c", "no.yaml", "-cno.yaml", "-dc", "--config=no.yaml", "--config", "--oneshot",
      "-d", "--", "--token", "--destination-dir", "out", "DO_NOT_TRACK=1", "identity", "a b", "", "-", "@x", "--debug", "it's", "say \"hi\"", "--token=a'b\"c");
  private static final List<String> NAMES = List.of("DO_NOT_TRACK", "TELEPORT_ANONYMOUS_TELEMETRY",
      "TBOT_CONFIG_PATH", "X", "A_1", "LANG");
  private static final List<String> VALUES = List.of("1", "0", "", "false", "true", "no", "off", "FALSE", "n",
      "x.yaml", "no.yaml", "a b", "$X", "${X}");
  private static final List<String> EXPANSIONS = List.of("$X", "${X}", "\"$X\"", "$1", "\"$@\"", "$@", "$0",
      "$(echo --no-anonymous-analytics)", "`echo -c`", "*", "?", "[a-z]*", "~", "~/x", "{a,b}", "$((1))", "$'-d'",
      "${X:-no.yaml}", "$HOME");
  private static final List<String> BEFORE = List.of("true; ", ": && ", "false || ", "DO_NOT_TRACK=1; ",
      "export DO_NOT_TRACK=1; ", "export DO_NOT_TRACK=1\n", "alias tbot='tbot --no-anonymous-analytics'\n",
      "unset X; ", "cd . && ", "set -e; ", "set -- --no-anonymous-analytics; ", "X=1\n", "# comment\n",
      "true\n", "readonly DO_NOT_TRACK=1; ", "set -a; X=1 ");
  private static final List<String> AFTER = List.of("; true", " && true", " || true", " | true", " & wait",
      "; echo done", "\ntrue", " # --no-anonymous-analytics", " #", ";", "\n", " ;", "; :");
  private static final List<String> REDIRECTIONS = List.of(" >> log", " 2>&1", " > log 2>&1", " >/dev/null",
      " 2>err", " >&2", " < /dev/null", " 3>x", " 2>&1 >log", ">log", " 1>>out", " >'a log'", " 2> err 1>&2",
      " >", " 12>log", " >|log", " <<<x", " 0<x");
  private static final List<String> COMMANDS = List.of("exec", "command", "env", "nice", "timeout 5", "eval",
      "exec env", "env DO_NOT_TRACK=1", "env -u DO_NOT_TRACK", "builtin", "time", "exec --");
  // tbot named as the shell makes it: joined by a \-newline, a parameter's default (two in one word
  // too: the shell picks each by its operator; a word with a lone {, or a quoted or escaped }, which
  // is text there, or an expansion inside it or between them that gives nothing, a default inside
  // a default's word, arithmetic, a quoted opener), bash's $'...' escapes, or around an expansion that
  // gives nothing (t${X}bot, tb$(true)ot). A name made by an expansion's value (A=tb; ${A}ot,
  // $TBOT) is none to exec, as a wrapper script's tbot is (docs/cli.md): not generated.
  private static final List<String> SPLICED = List.of("t\\\nbot", "tb\\\not", "${X:-tbot}", "${X-tbot}",
      "\"${X:=tbot}\"", "${X:+x}tbot", "${X:-tbot}${Y:+.sh}", "t${X:-b}${Y:+q}ot", "${X:-tb}${Y:+x}ot",
      "$'\\x74bot'", "$'\\164bot'", "t$'\\x62'ot", "$'t\\u0062ot'", "t${X}bot", "tb$(true)ot", "t`:`bot",
      "tb${Y: +x}ot", "${X:-tb}${Y:+{x}ot", "${X:-tb}${Y:+\"}\"}ot", "t${Y:+'}'}bot", "tb${Y:+\\}}ot",
      "${X:-tb}${Y:+$(echo })}ot", "${X:-tb}${Y:+${Z}}ot", "${X:-tb}$Y${Z:+x}ot", "${X-${Y-tb}}ot",
      "${X-tb}${Y+$((1))}ot", "${X-tb}${Y+'${'}ot", "t${Y:+$(echo ')')}${X-bot}", "${W-t$(:)bot}",
      ": '$(';${X-${Y-tb}}ot", "tb{$(:)ot,x}", "tb{o{t,x},y}", "IFS=-; ${X:-tbot-x}",
      "${PATH%%:*}/tb[[:alpha:]]t", "${PATH%%:*}/tb[[=o=]]t", "${PATH%%:*}/tb@(o)t", "${PATH%%:*}/tb(o|x)t",
      "tb{o,x}{t,}", "{t..t}b{o,}t", "tb{?,x}t", "IFS=-; t${X:-bot-x}", "${PATH%%:*}/tb@(@(o))t",
      "shopt -s nocaseglob; ${PATH%%:*}/TB?T", "setopt extendedglob; ${PATH%%:*}/tbx#ot", "setopt braceccl; tb{o}t",
      "${PATH%%:*}/tb{1}(o)t", "${PATH%%:*}/~(E)tbo+t", "IFS=-; ${X:-tb{o,x}t-x}");
  private static final String NOISE = " \t\n'\"\\$`;|<>()*?[]{}~#!^=%-";

  ShellStringsRandom(long seed, List<String> shells) {
    this.random = new Random(seed);
    this.shells = List.copyOf(shells);
  }

  /** The next command line: a launcher or none, a shell, its options, its string, its arguments. */
  List<String> next() {
    List<String> line = new ArrayList<>();
    switch (random.nextInt(8)) {
      case 0 -> line.addAll(List.of("env", pick(NAMES) + "=" + pick(List.of("1", "0", "", "x.yaml"))));
      case 1 -> line.addAll(List.of("nice", "-n", "1"));
      case 2 -> line.addAll(List.of("timeout", "20"));
      case 3 -> line.addAll(List.of("env", "-u", "X", "nice"));
      default -> { }
    }
    String shell = pick(shells);
    boolean bash = shell.equals("bash");
    line.addAll(shell.equals("busybox") ? List.of("busybox", "sh") : List.of(shell));
    line.addAll(pick(List.of(List.of("-c"), List.of("-c"), List.of("-c"), List.of("-ec"), List.of("-e", "-c"),
        List.of("-c", "--"), List.of("-xc"), List.of("-o", "errexit", "-c"), List.of("+e", "-c"), List.of("-ce"),
        List.of("-uc"), bash ? List.of("--norc", "-c") : List.of("-fc"), bash ? List.of("-l", "-c") : List.of("-c"))));
    if (random.nextInt(12) == 0) {
      // A pass-through of the shell's arguments to a tbot after it, or one that is not exact.
      line.add(pick(List.of("exec \"$@\"", "\"$@\"", "exec \"$@\" >> log 2>&1", "DO_NOT_TRACK=1 exec \"$@\"",
          "exec \"$@\" --no-anonymous-analytics", "exec $@", "exec \"$@\" 3>x", "exec \"$@\"; true")));
      line.add("sh");
      line.add("tbot");
      List<String> flags = flags(3);
      if (!flags.isEmpty() && flags.get(0).equals("--")) {
        // Launcher reads a -- right after such a tbot as a wrapper's end of options, and tbot gets
        // it: not generated (a known difference, which exec's reading makes no less safe).
        flags.set(0, "--oneshot");
      }
      line.addAll(flags);
      return line;
    }
    String string = string(bash);
    if (random.nextInt(10) == 0) {
      string = pick(List.of("sh", "dash", bash ? "bash" : "sh")) + " -c " + singleQuoted(string); // a string in a string
    }
    line.add(string);
    switch (random.nextInt(6)) {
      case 0 -> line.add("sh");
      case 1 -> line.addAll(List.of("sh", "--no-anonymous-analytics"));
      case 2 -> line.addAll(List.of("x", "-c", "no.yaml", "DO_NOT_TRACK=1"));
      default -> { }
    }
    return line;
  }

  /** A string: a tbot invocation, maybe with noise, then what may go around it. */
  private String string(boolean bash) {
    clean = random.nextInt(20) < 9;
    StringBuilder core = new StringBuilder();
    int assignments = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0;
    for (int k = 0; k < assignments; k++) {
      core.append(word(pick(NAMES) + "=" + pick(VALUES), bash, true)).append(separator());
    }
    if (random.nextInt(3) == 0) {
      core.append(clean ? pick(List.of("exec", "env", "nice", "exec env")) : pick(COMMANDS)).append(separator());
    }
    // tbot's name, or one the shell makes tbot of: a continuation or an empty expansion inside it.
    core.append(!clean && random.nextInt(8) == 0 ? pick(SPLICED) : word("tbot", bash, false));
    if (random.nextInt(10) != 0) {
      core.append(separator()).append(word(random.nextInt(8) == 0 ? pick(List.of("init", "version", "")) : "start",
          bash, false));
    }
    for (String flag : flags(random.nextInt(5))) {
      core.append(separator()).append(!clean && random.nextInt(6) == 0 ? pick(EXPANSIONS) : word(flag, bash, false));
    }
    if (random.nextInt(4) == 0) {
      core.append(pick(clean ? REDIRECTIONS.subList(0, 11) : REDIRECTIONS));
    }
    for (int k = !clean && random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0; k > 0; k--) {
      int at = random.nextInt(core.length() + 1);
      core.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
    }
    String string = core.toString();
    switch (clean ? -1 : random.nextInt(9)) {
      case 0 -> string = "if true; then " + string + "; fi";
      case 1 -> string = "! " + string;
      case 2 -> string = "{ " + string + "; }";
      case 3 -> string = "( " + string + " )";
      case 4 -> string = "for i in 1; do " + string + "; done";
      default -> { }
    }
    if (!clean && random.nextInt(3) == 0) {
      string = pick(BEFORE) + string;
    }
    if (!clean && random.nextInt(3) == 0) {
      string = string + pick(AFTER);
    }
    if (random.nextInt(8) == 0) {
      string = pick(List.of("\n", "  ", "\n\n  ", "\t", " \\\n")) + string;
    }
    if (random.nextInt(8) == 0) {
      string = string + pick(List.of("\n", "  ", " \\\n", "\t\n"));
    }
    return string;
  }

  /** {@code n} flags, each a no one time in six. */
  private List<String> flags(int n) {
    List<String> flags = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      flags.add(random.nextInt(6) == 0 ? pick(NO_FLAGS) : pick(OTHER_FLAGS));
    }
    return flags;
  }

  /** {@code word} as the shell gets it back, quoted one of many ways (or, rarely, one that changes it). */
  private String word(String word, boolean bash, boolean assignment) {
    if (assignment && random.nextInt(3) != 0) {
      int eq = word.indexOf('=');
      return word.substring(0, eq + 1) + word(word.substring(eq + 1), bash, false); // the name plain
    }
    switch (clean ? random.nextInt(7) : random.nextInt(9)) {
      case 0, 1 -> {
        return word.isEmpty() ? "''" : word; // as it is, plain or not
      }
      case 2 -> {
        return singleQuoted(word);
      }
      case 3 -> {
        return doubleQuoted(word);
      }
      case 4 -> {
        if (clean) {
          return word(word, bash, false);
        }
        StringBuilder b = new StringBuilder();
        for (char ch : word.toCharArray()) {
          b.append(random.nextBoolean() || " \t'\"\\$`".indexOf(ch) >= 0 ? "\\" : "").append(ch);
        }
        return word.isEmpty() ? "\"\"" : b.toString();
      }
      case 5, 6 -> {
        // Adjacent parts, each quoted its own way, maybe with empty quotes: one word.
        StringBuilder b = new StringBuilder();
        int from = 0;
        while (from < word.length() || b.length() == 0) {
          int to = Math.min(word.length(), from + 1 + random.nextInt(3));
          String part = word.substring(from, to);
          b.append(switch (random.nextInt(4)) {
            case 0 -> singleQuoted(part);
            case 1 -> doubleQuoted(part);
            case 2 -> "''" + (part.isEmpty() ? "" : singleQuoted(part));
            default -> part.matches("[A-Za-z0-9_./,:@%+=-]+") ? part : singleQuoted(part);
          });
          from = to;
        }
        return b.toString();
      }
      case 7 -> {
        // bash's $'...'; dash reads it as $ and a quoted string.
        // Some of its characters as escapes (\xHH, octal), as bash decodes them.
        StringBuilder escaped = new StringBuilder();
        for (char c : word.toCharArray()) {
          escaped.append(switch (c == '\\' || c == '\'' || c >= 0x80 ? 0 : random.nextInt(6)) {
            case 0 -> c == '\\' || c == '\'' ? "\\" + c : String.valueOf(c);
            case 1 -> String.format("\\x%02x", (int) c);
            case 2 -> String.format("\\%03o", (int) c);
            default -> String.valueOf(c);
          });
        }
        return (bash || random.nextInt(4) == 0) ? "$'" + escaped + "'" : singleQuoted(word);
      }
      default -> {
        return word.replace(" ", random.nextBoolean() ? "\\ " : "\" \"");
      }
    }
  }

  private String separator() {
    return clean ? pick(List.of(" ", " ", " ", "  ", "\t", " \\\n ", " '' "))
        : pick(List.of(" ", " ", " ", " ", "  ", "\t", " \\\n ", " \\\n", "\\\n ", "\n", " '' "));
  }

  private <T> T pick(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  static String singleQuoted(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private static String doubleQuoted(String word) {
    return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`") + "\"";
  }

  /** {@code line} as Java string literals, every character a reader can tell apart. */
  static String escaped(List<String> line) {
    StringBuilder b = new StringBuilder("[");
    for (String word : line) {
      b.append(b.length() > 1 ? ", " : "").append('"');
      for (char ch : word.toCharArray()) {
        switch (ch) {
          case '\n' -> b.append("\\n");
          case '\t' -> b.append("\\t");
          case '"' -> b.append("\\\"");
          case '\\' -> b.append("\\\\");
          default -> b.append(ch < ' ' || ch >= 0x7f ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
        }
      }
      b.append('"');
    }
    return b.append(']').toString();
  }
}
