package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.config.TbotConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * A command string a shell runs: {@code sh -c STRING} (any cluster with {@code c}, for the shells
 * of {@link ShellOptions}, {@code busybox sh} too), {@code su USER -c STRING}, {@code flock FILE -c
 * STRING} and {@code script -c STRING}, which hand it to a shell ({@link StringHandOff}), and
 * {@code start-stop-daemon --exec /bin/sh -- -c STRING} ({@link StartStopDaemon}). A container's
 * entrypoint is often {@code sh -c 'tbot start -c /etc/tbot.yaml'}: its tbot reads that config's
 * no, which a wrapper's line does not show. exec reads such a string only when it is one plain
 * command, as if its words followed directly; a string that names tbot otherwise records nothing,
 * as {@code env -S}'s does (see {@link Launcher#tbotInSplitString}): which config, and which no,
 * that tbot reads is unknown. A string that names no tbot, with tbot in the words after it, is
 * looked through to that tbot only when it is an exact pass-through of them ({@code exec "$@"}, in
 * sh's kind maybe ending in a plain string's output redirections): any other may change what it
 * gets first. The options of those programs are read by their own types, a string's words by
 * {@link ShellStringWords} and its texts by {@link StringReadings}, and {@link LineBound} bounds the
 * line; this one reads the line they make.
 */
final class ShellString {

  // The keywords of fish and csh, where a simple command's name would be: fish's and, or and not
  // run the command after them or not by the last status. Their plain words are otherwise sh's but
  // for fish's %self (its PID) and its NAME=VALUE in front of exec, which it does not pass on, and
  // csh's NAME=VALUE, which it runs as a command, and \-newline in double quotes, which it keeps
  // (checked against fish 3.6, tcsh 6.24 and bsd-csh: ShellStringTest).
  private static final Set<String> FISH_RESERVED = Set.of("and", "or", "not", "!", "begin", "end", "if", "else",
      "switch", "case", "while", "for", "function", "return", "break", "continue");
  private static final Set<String> CSH_RESERVED = Set.of("if", "then", "else", "endif", "foreach", "while", "end",
      "switch", "case", "breaksw", "endsw", "default", "repeat", "goto", "onintr");

  // What names tbot's config file, which exec reads as its own file: under redirections, a path
  // through a file descriptor (/dev/stdout, /proc/self/fd/1) is another file to tbot.
  private static final String CONFIG_PATH = TbotConfigSource.ENV_CONFIG_PATH;
  private static final List<String> DESCRIPTOR_PATHS = List.of("dev/", "proc/");
  private static final List<String> OWN_OUTPUTS = List.of("/proc/self/fd/1", "/proc/self/fd/2");

  // A pass-through ("$@") as the one plain word commandWords reads in its place: its redirections
  // are then read as a plain string's.
  private static final String PASSED_ON = "arguments";

  // Words that make a string no simple command where its command should be.
  private static final Set<String> RESERVED = Set.of("if", "then", "else", "elif", "fi", "case", "esac", "for",
      "select", "while", "until", "do", "done", "function", "in", "coproc");

  // Builtins that run their words as shell code (eval 'tbot start -c no.yaml', trap 'tbot ...' EXIT,
  // eval DO_NOT_TRACK=1 tbot start), and those that run the builtin named after them (command eval
  // ..., builtin eval ..., bash's time eval ...): their tbot, and what it gets, is not the line read.
  private static final Set<String> CODE_BUILTINS = Set.of("eval", "trap", ".", "source", "fc");
  private static final Set<String> BUILTIN_PREFIXES = Set.of("command", "builtin", "time");

  // bash sources $BASH_ENV before any -c string (not as sh, not in posix mode: not told apart here),
  // and bash, also as sh, defines the functions exported as BASH_FUNC_NAME%% (tbot, exec ...): code
  // from exec's environment that may export a no or another config.
  private static final String BASH_ENV = "BASH_ENV";
  private static final String EXPORTED_FUNCTION = "BASH_FUNC_";
  // bash, also as sh, turns on the options SHELLOPTS lists (keyword: tbot start DO_NOT_TRACK=1
  // sets it for tbot, not as its argument).
  private static final String SHELLOPTS = "SHELLOPTS";

  // Passes over strings within strings (sh -c "sh -c '...'"): the last only finds none left, so seven are read.
  private static final int NESTING = 8;

  /** What {@link #commandLine} makes of a command line. */
  enum Kind {
    /** A line exec reads: the command itself, or the line a shell's plain string makes of it. */
    READ,
    /**
     * A string that names tbot, not read: not one plain command, or a shell that may change what
     * tbot gets before running it.
     */
    NOT_READ,
    /** Its program runs nothing (script -V, csh -c without its string). */
    RUNS_NOTHING,
    /**
     * A tbot behind a string that may change what it gets, no exact pass-through ({@code
     * DO_NOT_TRACK=1 exec "$@"}).
     */
    BEHIND_A_STRING,
    /**
     * A line longer than exec reads ({@link LineBound#tooLong}): more than {@link
     * LineBound#MAX_WORDS} words, or more than {@link LineBound#LINE_READ_CHARS} characters to read,
     * its strings' readings counted.
     */
    TOO_LONG
  }

  /**
   * A command line as exec reads it: its {@code kind}, and where that is {@link Kind#READ} the line
   * read ({@code words}; {@code null} for any other kind); for another, whether a string of the line
   * its reading ended at is one exec does not read each way ({@link
   * StringReadings#notReadEachWay}), for its reason.
   */
  record Line(Kind kind, @Nullable List<String> words, boolean notReadEachWay) {

    static Line read(List<String> words) {
      return new Line(Kind.READ, words, false);
    }

    /**
     * A line of {@code kind}, one other than {@link Kind#READ}: no words are read; {@code line}'s
     * strings, one of which ended its reading: is one of them a string not read each way it may name
     * tbot ({@link StringReadings#notReadEachWay})?
     */
    static Line of(Kind kind, List<String> line) {
      return new Line(kind, null, line.stream().anyMatch(StringReadings::notReadEachWay));
    }
  }

  private ShellString() {}

  /**
   * The command line exec reads for {@code command}: {@code command} itself, or where a shell runs
   * a {@code -c} string that is one plain command, the programs in front of that shell followed by
   * the string's command ({@code sudo sh -c 'exec tbot start'} is read as {@code sudo tbot start};
   * its {@code NAME=VALUE} words as {@code env NAME=VALUE}, which sets them as the shell does; behind
   * su, as behind su). {@link Kind#NOT_READ} where a string that names tbot is not read: not one
   * plain command, or a shell that may change what tbot gets before running it ({@code bash -l}, or
   * bash with {@code BASH_ENV} in {@code env}, exec's environment, or set in front of it); {@link
   * Kind#RUNS_NOTHING} where nothing runs; {@link Kind#BEHIND_A_STRING} where a tbot runs behind a
   * string that is no exact pass-through.
   */
  static Line commandLine(List<String> command, Map<String, String> env) {
    List<String> line = command;
    int from = 0;
    for (int depth = 0; depth < NESTING; depth++) {
      if (LineBound.tooLong(line)) { // also the line a string's words make
        return new Line(Kind.TOO_LONG, null, false);
      }
      Pass next = readOnce(line, from, env);
      if (next.step() == Step.AS_IT_IS) {
        return Line.read(line);
      }
      if (next.step() != Step.STRING_READ) {
        return Line.of(next.step().kind, line);
      }
      line = next.line();
      from = next.from();
    }
    return Line.of(Kind.NOT_READ, line); // still a string in a string: not read
  }

  /**
   * What one pass over a line ({@link #readOnce}), or a string in it ({@link #commandRead}), gives:
   * read on, look on, or an end; {@code kind}: what a line whose reading ends there is.
   */
  private enum Step {
    /** A string read: the line with the string's command in its place ({@link Pass#line}): read on. */
    STRING_READ(Kind.READ),
    /** The line is read as it is: no string to read, or one that runs no program or no tbot. */
    AS_IT_IS(Kind.READ),
    /**
     * {@link #commandRead}'s: a string that names no tbot, maybe a wrapper of a tbot after it ("$@"):
     * look on along the line.
     */
    LOOK_ON(Kind.READ),
    NOT_READ(Kind.NOT_READ),
    RUNS_NOTHING(Kind.RUNS_NOTHING),
    BEHIND_A_STRING(Kind.BEHIND_A_STRING);

    final Kind kind;

    Step(Kind kind) {
      this.kind = kind;
    }
  }

  /**
   * A {@link Step}; for {@link Step#STRING_READ} the line read and where its words not yet read
   * start: those in front of a string read are not read again.
   */
  private record Pass(Step step, List<String> line, int from) {

    static Pass of(Step step) {
      return new Pass(step, List.of(), 0);
    }
  }

  /**
   * {@code line} with its first shell string at or after {@code from} replaced by its command
   * ({@link Step#STRING_READ}); {@code line} as it is; or how its reading ends: {@link
   * Step#NOT_READ} for a string that names tbot and is not read, {@link Step#RUNS_NOTHING}, {@link
   * Step#BEHIND_A_STRING}.
   */
  private static Pass readOnce(List<String> line, int from, Map<String, String> env) {
    Pass asItIs = Pass.of(Step.AS_IT_IS);
    if (line.isEmpty() || ProgramName.isTbot(line.get(0))) {
      return asItIs;
    }
    boolean suRead = false;
    boolean scriptRead = false; // as su: a script or start-stop-daemon among the first one's
    boolean daemonRead = false; // arguments is none that runs, and is not read again
    Descriptors descriptors = new Descriptors(line);
    LinePatterns patterns = new LinePatterns(line);
    EnvironmentCode environmentCode = new EnvironmentCode(line, env);
    LaterWords later = new LaterWords(line);
    for (int i = from; i < line.size(); i++) {
      if (ProgramName.isTbot(line.get(i)) && !(i + 1 < line.size() && handsOn(line.get(i + 1)))) {
        // tbot's own arguments from here (nice tbot start --destination /srv/sh -c no.yaml): a
        // shell's name among them is a value of tbot's. One right after it is not (gosu tbot sh -c).
        return asItIs;
      }
      String name = ProgramName.launcherName(line.get(i));
      boolean su = StringHandOff.isSu(name);
      if (su && suRead) {
        // su's options, user and its shell's arguments run to the end of the line, all read once:
        // a su among them is none su runs (and reading each again would take quadratic time).
        continue;
      }
      RunUser runuser = RunUser.is(name) ? RunUser.read(line, i + 1) : null;
      if (runuser != null) {
        // runuser -u runs its command itself, as a launcher does: read from there (its USER, tbot
        // too, is no program). One that does not run it as given records nothing (see TbotCommand).
        if (!runuser.runsAsGiven()) {
          return asItIs;
        }
        i = runuser.commandAt() - 1;
        continue;
      }
      if (name.equals("sudo") && sudoShellNotRead(line, i, env, later)) {
        return Pass.of(Step.NOT_READ);
      }
      if (su && RunUser.suRunsNothing(line, i + 1)) {
        return asItIs; // su refuses its options, or prints its help: it runs no string (see TbotCommand)
      }
      boolean script = StringHandOff.isScript(name);
      boolean daemon = StartStopDaemon.is(name);
      if (script && scriptRead || daemon && daemonRead) {
        continue;
      }
      if (script && StringHandOff.scriptRunsNothing(line, i + 1, env, line.subList(0, i))) {
        return Pass.of(Step.RUNS_NOTHING);
      }
      suRead |= su;
      scriptRead |= script;
      daemonRead |= daemon;
      StartStopDaemon.Program program = daemon ? StartStopDaemon.shell(line, i + 1) : null;
      if (program != null) {
        String shell = ProgramName.launcherName(program.path());
        ShellOptions.Found found = ShellOptions.read(shell, line, program.dashesAt() + 1);
        if (found == null) {
          continue;
        }
        boolean plain = found.plain() && !environmentCode.runsBefore(shell, i);
        // Its options too (--chdir DIR is tbot's directory): words in front of the shell.
        List<String> words =
            plain ? commandWords(found.string(), shell, env, line.subList(0, program.dashesAt())) : null;
        Pass read = commandRead(line, i, false, words, found.string(), program, shell, patterns);
        if (read.step() == Step.LOOK_ON || read.step() == Step.AS_IT_IS) {
          boolean passThrough = plain && isPassThrough(found.string(), shell, env, descriptors);
          read = lookedOn(read, later, program.dashesAt(), passThrough);
        }
        if (read.step() != Step.LOOK_ON) {
          return read;
        }
        continue;
      }
      int shellAt = i;
      if (name.equals("busybox") && i + 1 < line.size()
          && ShellOptions.isSh(ProgramName.launcherName(line.get(i + 1)))) {
        shellAt = i + 1;
      } else if (!ShellOptions.reads(name) && !StringHandOff.is(name)) {
        continue;
      }
      String shellName = ProgramName.launcherName(line.get(shellAt));
      boolean direct = ShellOptions.reads(shellName);
      ShellOptions.Found found = direct
          ? ShellOptions.read(shellName, line, shellAt + 1)
          : StringHandOff.read(name, line, shellAt + 1);
      if (found != null && found.runsNothing()) {
        return Pass.of(Step.RUNS_NOTHING);
      }
      if (found == null) {
        continue; // no string: a script file, or tbot in the arguments, read as any program's
      }
      // A handed-on string runs in a shell that may be one exec does not read (fish drops a
      // NAME=VALUE in front of exec, tcsh sets none), or that reads its startup files: script,
      // flock and su give it no -f, -N.
      String shell = direct ? shellName : StringHandOff.shell(name, env, line.subList(0, i), line, shellAt + 1);
      boolean plain = found.plain() && (direct || ShellOptions.readsNoStartupFile(shell))
          && !environmentCode.runsBefore(shell, i);
      List<String> words = plain ? commandWords(found.string(), shell, env, line.subList(0, i)) : null;
      Pass read = commandRead(line, i, su, words, found.string(), null, shell, patterns);
      if (read.step() == Step.LOOK_ON || read.step() == Step.AS_IT_IS) {
        // Only a shell's own arguments are passed on ("$@"): flock's and script's are none of its.
        boolean passThrough = direct && plain && isPassThrough(found.string(), shell, env, descriptors);
        read = lookedOn(read, later, shellAt, passThrough);
      }
      if (read.step() != Step.LOOK_ON) {
        return read;
      }
    }
    return asItIs;
  }

  /**
   * Whether the sudo at {@code at} is given -s (--shell) and runs a command that names tbot in a
   * shell that may change what it gets: sudo passes its command's words to the caller's $SHELL (its
   * login shell where unset) as a -c string, escaped but for $, which that shell expands; a shell
   * that reads startup files first (zsh, fish, csh) may export a no there. sudo drops BASH_ENV and
   * SHELLOPTS, so sh's kind but zsh reads none.
   */
  private static boolean sudoShellNotRead(List<String> line, int at, Map<String, String> env, LaterWords later) {
    List<LauncherChain.Option> options = new ArrayList<>();
    int command = LauncherChain.readOptions("sudo", line, at + 1, line.size(), options, new ArrayList<>());
    boolean shell = false;
    for (LauncherChain.Option o : options) {
      shell |= o.is('s') || o.isLong("shell");
    }
    if (!shell || !later.namesTbotFrom(command)) {
      return false;
    }
    @Nullable String caller = StringHandOff.sudoShell(env, line.subList(0, at));
    return later.expandsFrom(command) || caller == null || !ShellOptions.readsNoStartupFile(caller);
  }

  /**
   * {@code read}, {@link Step#LOOK_ON} or {@link Step#AS_IT_IS} for a string that names no tbot, as
   * it is; or {@link Step#BEHIND_A_STRING} where a word after {@code at} names tbot and the string
   * is no exact pass-through of it ({@code passThrough}): it may run code first ({@code . /vault/env
   * && exec "$@"}), set its environment ({@code DO_NOT_TRACK=1 exec "$@"}) or add to its arguments
   * ({@code exec "$@" -c no.yaml}), so which config, and which no, that tbot reads is unknown.
   */
  private static Pass lookedOn(Pass read, LaterWords later, int at, boolean passThrough) {
    return passThrough || !later.namesTbotFrom(at + 1) ? read : Pass.of(Step.BEHIND_A_STRING);
  }

  /**
   * Whether a word of a line from an index on names tbot ({@link StringReadings#namesTbot}), or has
   * a {@code $}: each word read once for all the shells and sudos along the line that ask, from the
   * end (each asking again took time quadratic in the line: 300 {@code sh -c ':;'} in front of 14
   * long words, 17 s of CPU).
   */
  private static final class LaterWords {
    private final List<String> line;
    private int namingTbot = -2; // the last word that names tbot; -1 for none, -2 not yet read
    private int expanding = -2; // ... that has a $

    LaterWords(List<String> line) {
      this.line = line;
    }

    boolean namesTbotFrom(int k) {
      if (namingTbot == -2) {
        namingTbot = last(StringReadings::namesTbot);
      }
      return namingTbot >= k;
    }

    boolean expandsFrom(int k) {
      if (expanding == -2) {
        expanding = last(word -> word.indexOf('$') >= 0);
      }
      return expanding >= k;
    }

    private int last(Predicate<String> test) {
      for (int k = line.size() - 1; k >= 0; k--) {
        if (test.test(line.get(k))) {
          return k;
        }
      }
      return -1;
    }
  }

  /**
   * Whether {@code string} only runs its shell's arguments as they are: {@code exec "$@"} or {@code
   * "$@"}, fish's {@code exec $argv}, csh's {@code exec $argv:q} (each checked by hand), nothing more
   * but, in sh's kind, the output redirections a plain string may end in ({@code exec "$@" >> log
   * 2>&1}), read by {@link #commandWords} as that string's, the pass-through as one plain word; its
   * line's other words (tbot's among them: $1 ...) are the words that may name a file descriptor.
   */
  private static boolean isPassThrough(String string, String shell, Map<String, String> env, Descriptors line) {
    String args = ShellOptions.isFish(shell) ? "$argv" : ShellOptions.isCsh(shell) ? "$argv:q" : "\"$@\"";
    String passThrough = string.startsWith("exec " + args) ? "exec " + args : string.startsWith(args) ? args : null;
    if (passThrough == null) {
      return false;
    }
    String rest = string.substring(passThrough.length());
    if (rest.isEmpty()) {
      return true;
    }
    if (rest.charAt(0) != ' ' && rest.charAt(0) != '\t') {
      return false; // "$@"x, "$@"'', "$@">log: another word, or one not told apart
    }
    List<String> words = commandWords(PASSED_ON + rest, shell, env, List.of());
    return words != null && words.size() == 1 && words.get(0).equals(PASSED_ON)
        && (rest.indexOf('>') < 0 || !line.namedBesides(string));
  }

  /**
   * The words of a line that may name a file descriptor ({@link #namesDescriptor}), counted once
   * for all its shells' strings: a line of many pass-throughs is read in linear time.
   */
  private static final class Descriptors {
    private final List<String> line;
    private int count = -1;

    Descriptors(List<String> line) {
      this.line = line;
    }

    /**
     * Whether a word of the line other than {@code string}, one of its words (sh's -c string is a
     * word as given), may name a file descriptor: the string's own targets name none tbot reads.
     */
    boolean namedBesides(String string) {
      if (count < 0) {
        count = 0;
        for (String word : line) {
          count += namesDescriptor(word) ? 1 : 0;
        }
      }
      return count > (namesDescriptor(string) ? 1 : 0);
    }
  }

  /**
   * The options a line sets for its strings' patterns ({@code bash -O nocaseglob -c STRING}), read
   * once, when a string of it is first read for tbot's name.
   */
  private static final class LinePatterns {
    private final List<String> line;
    @Nullable private GlobOptions options;

    LinePatterns(List<String> line) {
      this.line = line;
    }

    GlobOptions get() {
      if (options == null) {
        options = GlobOptions.of(line);
      }
      return options;
    }
  }

  /**
   * The line read for a string a shell at {@code i} runs: {@code line}'s words in front of it, su
   * with them ({@code su}), then the string's {@code words} ({@code null} where it is not one plain
   * command), its {@code NAME=VALUE} words as env's; behind start-stop-daemon ({@code daemon}), its
   * options with the string's program in the shell's place, and its other words after its '--'.
   * {@link Step#NOT_READ} for a string that names tbot and is not read; else {@link Step#LOOK_ON}
   * (a string that runs nothing, or a script that names no tbot, maybe a wrapper of a tbot in its
   * arguments: "$@") or {@link Step#AS_IT_IS} (a string that runs no program, or names no tbot where
   * it runs a builtin or a compound command). {@code patterns}: the options the line sets for the
   * string's patterns.
   */
  private static Pass commandRead(List<String> line, int i, boolean su, @Nullable List<String> words, String string,
      @Nullable StartStopDaemon.Program daemon, String shell, LinePatterns patterns) {
    if (words == null || words.isEmpty()) {
      return Pass.of(words == null && StringReadings.namesTbot(string, patterns.get()) ? Step.NOT_READ : Step.LOOK_ON);
    }
    List<String> read = new ArrayList<>(line.subList(0, i));
    if (su) {
      read.add(line.get(i)); // its command runs as another user, elsewhere: see LauncherChain
      read.add("--"); // and su's options were read already: the string's words are none of them
    }
    int command = 0;
    while (command < words.size() && ShellStringWords.isAssignment(words.get(command))) {
      command++;
    }
    if (command > 0) {
      read.add("env");
      read.addAll(words.subList(0, command));
    }
    boolean exec = command < words.size() && words.get(command).equals("exec");
    if (command > 0 && (ShellOptions.isCsh(shell) || exec && ShellOptions.isFish(shell))) {
      // csh runs NAME=VALUE as a command; fish does not pass it on to the program exec runs.
      return Pass.of(StringReadings.namesTbot(string, patterns.get()) ? Step.NOT_READ : Step.AS_IT_IS);
    }
    command += exec ? 1 : 0;
    if (command >= words.size()) {
      return Pass.of(Step.AS_IT_IS); // runs no program: the shell's line, as it was
    }
    Set<String> reserved =
        ShellOptions.isFish(shell) ? FISH_RESERVED : ShellOptions.isCsh(shell) ? CSH_RESERVED : Set.of();
    if (RESERVED.contains(words.get(command)) || reserved.contains(words.get(command))
        || words.get(command).startsWith("-")) {
      // A compound command, or exec's own options.
      return Pass.of(StringReadings.namesTbot(string, patterns.get()) ? Step.NOT_READ : Step.AS_IT_IS);
    }
    if (runsCode(words, command)) {
      return Pass.of(StringReadings.namesTbot(string, patterns.get()) ? Step.NOT_READ : Step.AS_IT_IS);
    }
    int next = read.size();
    if (daemon != null) {
      // start-stop-daemon runs the string's program itself, with the words after it: read from
      // start-stop-daemon again, whose --chdir and --chroot are tbot's.
      List<String> options = new ArrayList<>(line.subList(i, daemon.dashesAt() + 1));
      options.set(daemon.at() - i, daemon.prefix() + words.get(command));
      read.addAll(options);
      read.addAll(words.subList(command + 1, words.size()));
      return new Pass(Step.STRING_READ, read, next);
    }
    read.addAll(words.subList(command, words.size()));
    return new Pass(Step.STRING_READ, read, next);
  }

  /**
   * Whether a shell of a line runs code from its environment before a -c string, or takes options
   * from it: {@code BASH_ENV} (bash), an exported function or {@code SHELLOPTS} (bash, or sh, which
   * may be bash), in {@code env} or set by a {@code NAME=VALUE} word in front of it ({@code env
   * BASH_ENV=... bash -c}). Where the line first sets one is found once for all its shells: a line
   * of many pass-throughs is read in linear time.
   */
  private static final class EnvironmentCode {
    private final List<String> line;
    private final Map<String, String> env;
    private boolean read;
    private boolean inEnvForSh;
    private boolean inEnvForBash;
    private int firstForSh;
    private int firstForBash;

    EnvironmentCode(List<String> line, Map<String, String> env) {
      this.line = line;
      this.env = env;
    }

    /** Whether {@code shell}, the word at {@code at}, runs such code first. */
    boolean runsBefore(String shell, int at) {
      boolean bash = shell.equals("bash") || shell.equals("rbash");
      if (!bash && !shell.equals("sh")) {
        return false;
      }
      if (!read) {
        read = true;
        for (Map.Entry<String, String> e : env.entrySet()) {
          inEnvForSh |= runsCode(false, e.getKey(), e.getValue());
          inEnvForBash |= runsCode(true, e.getKey(), e.getValue());
        }
        firstForSh = line.size();
        firstForBash = line.size();
        for (int k = line.size() - 1; k >= 0; k--) {
          String word = line.get(k);
          int eq = word.indexOf('=');
          if (eq > 0 && runsCode(false, word.substring(0, eq), word.substring(eq + 1))) {
            firstForSh = k;
          }
          if (eq > 0 && runsCode(true, word.substring(0, eq), word.substring(eq + 1))) {
            firstForBash = k;
          }
        }
      }
      return bash ? inEnvForBash || firstForBash < at : inEnvForSh || firstForSh < at;
    }
  }

  private static boolean runsCode(boolean bash, String name, String value) {
    return name.startsWith(EXPORTED_FUNCTION) || name.equals(SHELLOPTS) && !value.isEmpty()
        || bash && name.equals(BASH_ENV) && !value.isEmpty();
  }

  /** Whether the command at {@code at} runs its words as shell code, itself or behind command, builtin or time. */
  private static boolean runsCode(List<String> words, int at) {
    int k = at;
    while (k < words.size() && (BUILTIN_PREFIXES.contains(words.get(k)) || k > at && words.get(k).startsWith("-"))) {
      k++; // command -p, time -p: their options
    }
    return k < words.size() && CODE_BUILTINS.contains(words.get(k));
  }

  /** Whether {@code word} names a program that may run a -c string: a shell, su, flock, script or busybox. */
  private static boolean handsOn(String word) {
    String name = ProgramName.launcherName(word);
    return ShellOptions.reads(name) || StringHandOff.is(name) || name.equals("busybox");
  }

  /**
   * {@link ShellStringWords#plainWords}, but {@code null} for a string with redirections whose tbot
   * may read its config through a file descriptor they move ({@code -c /dev/stdout >> tbot.yaml}:
   * tbot reads tbot.yaml, exec its own stdout): a word, a word in front of the shell ({@code
   * before}) or {@code TBOT_CONFIG_PATH} in {@code env} with dev/ or proc/ in it, or whose last part
   * (after a {@code /} or {@code =}) is dev or proc (a directory: {@code env -C /dev ... -c
   * stdout}), or exec's own directory under /dev or /proc.
   * Any such may be one, or name its directory: refused, not told apart.
   */
  @Nullable
  private static List<String> commandWords(String string, String shell, Map<String, String> env, List<String> before) {
    List<String> words = ShellStringWords.plainWords(string, shell);
    if (words == null || string.indexOf('>') < 0) {
      return words; // no redirection: a plain string has no '>' otherwise
    }
    List<String> named = new ArrayList<>(words);
    named.addAll(before);
    named.add(env.getOrDefault(CONFIG_PATH, ""));
    // A relative config is found from exec's directory (getcwd's: no link in it) as from tbot's.
    String directory = System.getProperty("user.dir", "") + "/";
    if (directory.startsWith("/dev/") || directory.startsWith("/proc/")) {
      return null;
    }
    for (String word : named) {
      if (namesDescriptor(word)) {
        return null;
      }
    }
    return words;
  }

  /**
   * Whether {@code word} has dev/ or proc/ in it, or its last part is dev or proc, or it is exec's
   * own output (see {@link #commandWords}).
   */
  private static boolean namesDescriptor(String word) {
    // Its last part, after a '/' or '=', may be the directory itself: env -C /dev, --chdir=/proc.
    String last = word.substring(Math.max(word.lastIndexOf('/'), word.lastIndexOf('=')) + 1) + '/';
    for (String path : DESCRIPTOR_PATHS) {
      if (word.contains(path) || last.equals(path)) {
        return true;
      }
    }
    return isExecsOutput(word);
  }

  /**
   * Whether {@code word}, as a path (after a {@code NAME=} or an option's {@code =}), is exec's own
   * stdout or stderr: a link to /dev/stdout passes the text check, and tbot, whose output the
   * string moves, would read another file there. stat only: nothing is opened.
   */
  private static boolean isExecsOutput(String word) {
    String path = word.substring(word.indexOf('=') + 1);
    if (path.isEmpty()) {
      return false;
    }
    try {
      Path file = Paths.get(path);
      if (!Files.exists(file)) {
        return false;
      }
      for (String descriptor : OWN_OUTPUTS) {
        Path own = Paths.get(descriptor);
        if (Files.exists(own) && Files.isSameFile(file, own)) {
          return true;
        }
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return true; // not told: it may be
    }
  }

  /**
   * Whether an argument of {@code line} (not its program) is a string of more than one word, or of
   * shell code, that names tbot: one its program may run as shell code ({@code fish -c 'tbot start
   * -c tbot.yaml'}, {@code script -c STRING}, {@code watch STRING}, {@code ssh HOST STRING}). A
   * single word naming tbot is looked through as any program's (see {@link Launcher#tbotLine}).
   */
  static boolean tbotInAString(List<String> line) {
    LinePatterns patterns = new LinePatterns(line);
    for (int i = 1; i < line.size(); i++) {
      String arg = line.get(i);
      if (!ProgramName.isTbot(arg) && StringReadings.isString(arg) && StringReadings.namesTbot(arg, patterns.get())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code command}'s status may hide its tbot's: util-linux script without -e or --return
   * runs it (exits 0 whatever it exits), or a string of more than one word names script, which a
   * shell may run so. Then an exit 0 at once is no sign of a start (see ExecCommand). So for a line
   * longer than exec reads ({@link LineBound#tooLong}).
   */
  static boolean hidesExitStatus(List<String> command) {
    if (LineBound.tooLong(command)) {
      // Not read (nothing is recorded for it), nor here, on exec's main thread: each script reads
      // the line's options on for an -e, 1000 of them in front of 1.8 MB of options 12 s of CPU.
      return true;
    }
    for (int i = 0; i < command.size(); i++) {
      String word = command.get(i);
      if (StringHandOff.isScript(ProgramName.launcherName(word)) && !StringHandOff.scriptReturns(command, i + 1)
          || StringReadings.isString(word) && namesScript(word)) {
        return true;
      }
    }
    return false;
  }

  private static boolean namesScript(String string) {
    for (String word : string.replace("'", "").replace("\"", "").split("[\\s;&|<>()`$={},]+")) {
      if (!word.isEmpty() && StringHandOff.isScript(ProgramName.launcherName(word))) {
        return true;
      }
    }
    return false;
  }

}
