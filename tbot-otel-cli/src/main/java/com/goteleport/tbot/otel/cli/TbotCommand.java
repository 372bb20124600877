package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.config.TbotConfigReader;
import com.goteleport.tbot.otel.event.DestinationCounts;
import com.goteleport.tbot.otel.internal.text.ShownWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Which tbot command a command line runs, as tbot's parser (kingpin) reads it. Only {@code tbot
 * start} starts an agent, so only it is counted: {@code tbot version} or {@code tbot init} under
 * exec records nothing. A program that is not tbot (a wrapper script) is counted only from a config
 * exec is given (its own -c, or TBOT_CONFIG_PATH or TBOT_CONFIG in its environment), as the config
 * the wrapper's tbot reads, and its no, cannot be seen ({@link StartInputs#forCommand}); a shell's
 * {@code -c} string is read as the line it runs when it is one plain command, and one that names
 * tbot otherwise records nothing ({@link ShellString}). Both forms of start are read: {@code tbot
 * start -c tbot.yaml} (the config's outputs) and {@code tbot start database --destination ...} (one
 * output of that kind, added to the config's).
 */
final class TbotCommand {

  private static final Set<String> HELP = Set.of("help", "help-long", "help-man");

  // tbot's flags of every command (tool/tbot/main.go, lib/tbot/cli/globals.go; --insecure and
  // --log-format were start's before start had KINDs), and kingpin's own.
  private static final Set<String> GLOBAL = Set.of(
      "debug", "config", "config-string", "fips", "trace", "trace-exporter", "insecure", "log-format",
      "mem-profile", "cpu-profile", "trace-profile", "help", "help-long", "help-man", "completion-bash",
      "completion-script-bash", "completion-script-zsh");

  // tbot's bool flags, global and the classic start's (globals.go, start_legacy.go; --scoped, for
  // scoped bots, the KINDs' too: gravitational/teleport#65351, 19.x, and its 18.x backport #65970 of
  // April 2026): no value. kingpin takes --no-X for each.
  private static final Set<String> BOOLS = Set.of("debug", "fips", "trace", "insecure", "oneshot", "scoped");

  // The classic start's own flags exec knows (start_legacy.go, tbot.mdx): the KINDs' others
  // (--destination, --storage, --join-uri ...) it does not take, nor configure's -o.
  private static final Set<String> CLASSIC_FLAGS = Set.of("auth-server", "proxy-server", "token", "ca-pin",
      "certificate-ttl", "renewal-interval", "join-method", "oneshot", "scoped", "diag-addr", "pid-file",
      "destination-dir", "data-dir");

  // Flags exec knows that no KIND takes: the classic start's, and configure's -o.
  private static final Set<String> NOT_A_KINDS = Set.of("destination-dir", "data-dir", "output");

  // An output's flags (start_shared.go's sharedDestinationArgs), and the KINDs that write no
  // output and do not take them, by name and alias: noop, tunnels, proxies, the workload identity API
  // (start_empty.go, start_*_tunnel.go, start_application_proxy.go, start_workload_identity_api.go).
  private static final Set<String> DESTINATION_FLAGS = Set.of("destination", "reader-user", "reader-group");
  private static final Set<String> KINDS_WITHOUT_OUTPUT = Set.of("noop", "no-op", "application-tunnel", "app-tunnel",
      "database-tunnel", "db-tunnel", "application-proxy", "app-proxy", "workload-identity-api");

  // kingpin's hidden flags that print shell completions and exit 0 before any command runs: a
  // tbot given one starts nothing, though exec would take its status 0 for a start.
  private static final Set<String> COMPLETION =
      Set.of("completion-bash", "completion-script-bash", "completion-script-zsh");

  // `tbot start KIND` subcommands with an output of one access kind: their config type, by name
  // and alias (lib/tbot/cli/start_database.go, start_kubernetes*.go, start_application.go).
  private static final Map<String, String> OUTPUT_KINDS = Map.ofEntries(
      Map.entry("database", "database"),
      Map.entry("db", "database"),
      Map.entry("kubernetes", "kubernetes"),
      Map.entry("k8s", "kubernetes"),
      Map.entry("kubernetes/v2", "kubernetes/v2"),
      Map.entry("k8s/v2", "kubernetes/v2"),
      Map.entry("application", "application"),
      Map.entry("app", "application"));

  /** The KINDs with an output of one access kind, by name and alias: their config type (for the tests). */
  static Map<String, String> outputKinds() {
    return OUTPUT_KINDS;
  }

  /** The KINDs that write no output, by name and alias (for the tests). */
  static Set<String> kindsWithoutOutput() {
    return KINDS_WITHOUT_OUTPUT;
  }

  // What describe() says of a command line with an @FILE argument.
  private static final String ARGS_FILE_COMMAND = "with an @FILE argument";
  // And of one that runs tbot from env -S's string, which exec does not parse either.
  private static final String SPLIT_STRING_COMMAND = "in env -S's string";
  // And of one with an env -S string exec does not split exactly, which may name tbot or set a no.
  private static final String INEXACT_SPLIT_STRING = "behind env -S's string, which exec does not split exactly";

  // And of one that runs tbot from a shell's -c string that is not one plain command.
  private static final String SHELL_STRING_COMMAND = "in a shell's -c string exec does not parse";

  // And of one with a shell string too long, or with too many ${NAME:-WORD}, to read each way it may
  // name tbot (StringReadings.notReadEachWay).
  private static final String STRING_NOT_READ_EACH_WAY = "with a shell string exec does not read each way";

  // Which strings those are, for both reasons: from StringReadings' bounds, so that the figures
  // cannot drift from them.
  private static final String NOT_READ_EACH_WAY = "with more than " + StringReadings.CHOICES
      + " parameters with a word (${NAME:-WORD}, ${NAME+WORD} ...), or longer than its readings allow (about "
      + Math.round(StringReadings.READ_CHARS / 1e6) + " million characters in all: " + StringReadings.CHOICES
      + " such parameters in " + kib(StringReadings.CHOICES) + ", " + StringReadings.CHOICES / 2 + " in "
      + kib(StringReadings.CHOICES / 2) + ", none in " + kib(0) + ")";

  private static String kib(int parameters) {
    return Math.round(StringReadings.longestReadEachWay(parameters) / 1024.0) + " KiB";
  }

  // And of one behind such a string, which a program in front of tbot may run: a no it exports
  // (LauncherEnvironment reads its words for one) may be in a reading not made.
  private static final String BEHIND_STRING_NOT_READ_EACH_WAY = "behind a shell string exec does not read each way";

  // And of one longer than exec reads (LineBound.tooLong), whatever it names.
  private static final String TOO_LONG_COMMAND = "a line longer than exec reads";

  // And of one that runs tbot from a shell's arguments, after a string that may change what it gets.
  private static final String BEHIND_STRING_COMMAND = "behind a shell's -c string exec does not parse";

  // And of one whose environment a program in front of it sets from files (envdir DIR, chpst -e DIR).
  private static final String ENV_FILES_COMMAND = "with an environment from files exec does not read";

  // And of one that names tbot in a string among another program's arguments (a shell exec does
  // not read, script -c, watch, ssh HOST ...), which that program may run as shell code.
  private static final String STRING_COMMAND = "in a string exec does not parse";

  // And of a start kingpin refuses: an argument after a '--' that start (or its KIND) does not take.
  private static final String REFUSED_COMMAND = "start with an argument after '--' it does not take";

  // And of one whose classic start, chosen by a flag of its own, is given a word: it takes none.
  private static final String CLASSIC_REFUSED = "start with an argument its classic start does not take";

  // And of one whose KIND is given a word: no KIND takes one either.
  private static final String KIND_REFUSED = "start with an argument its KIND does not take";

  // And of one whose word after start cannot name a KIND (a config file's name, a path).
  private static final String NOT_A_KIND = "start with a word after it that cannot name a KIND";

  // And of one with a flag exec knows where the command chosen by then does not take it.
  private static final String FLAG_REFUSED = "start with a flag it does not take there";

  // And of one with a bool flag given a value (--oneshot=true): kingpin's lexer makes the value an
  // argument of its own, which no command takes (parser.go, flags.go), so tbot refuses it anywhere.
  private static final String BOOL_VALUE_REFUSED = "with a value given to a flag that takes none";

  // And of one that a runuser -u in front of it does not run as given: it refuses it (or prints its
  // help), or its getopt takes an option after its command, which tbot then does not get.
  private static final String RUNUSER_CHANGED = "runuser -u running other than the line as given";

  // And of one whose su (or runuser without -u) refuses its options or prints its help: it runs nothing.
  private static final String SU_RUNS_NOTHING = "su running nothing";

  // And of one whose start-stop-daemon stops, tests, prints or refuses its options: it starts nothing.
  private static final String DAEMON_STARTS_NOTHING = "start-stop-daemon starting nothing";

  // And of one whose script or csh runs nothing, and exits 0 (ShellString.Kind.RUNS_NOTHING).
  private static final String RUNS_NOTHING = "a script or shell running nothing";

  // What a start's KIND can be named (kubernetes/v2, k8s, spiffe-svid ...): a word not of this shape
  // (tbot.yaml, Foo, -c or @FILE after '--') names no command, and kingpin refuses it.
  private static final Pattern KIND_NAME = Pattern.compile("[a-z][a-z0-9/-]*");

  // tbot's commands (start, spiffe-inspect, ssh-multiplexer-proxy-command ...): lower case and '-'.
  private static final Pattern COMMAND_NAME = Pattern.compile("[a-z][a-z-]{0,39}");

  // tbot's commands whose names are longer than a short word (tool/tbot, lib/tbot/cli; the
  // kingpin model's): shown by name. A word of that shape that is neither may be a token of lower-case
  // letters or a passphrase's words joined by '-' (correct-horse-battery-staple).
  private static final Set<String> LONG_COMMANDS =
      Set.of("copy-binaries", "spiffe-inspect", "ssh-proxy-command", "ssh-multiplexer-proxy-command");

  private final boolean tbot;
  @Nullable private final String command;
  private final DestinationCounts outputs;
  private final boolean legacyStart;
  // Behind a program that is not a launcher, where the command word may be that program's value.
  private final boolean wordMayBeAValue;

  private TbotCommand(boolean tbot, @Nullable String command, DestinationCounts outputs, boolean legacyStart) {
    this(tbot, command, outputs, legacyStart, false);
  }

  private TbotCommand(
      boolean tbot, @Nullable String command, DestinationCounts outputs, boolean legacyStart, boolean wordMayBeAValue) {
    this.tbot = tbot;
    this.command = command;
    this.outputs = outputs;
    this.legacyStart = legacyStart;
    this.wordMayBeAValue = wordMayBeAValue;
  }

  /**
   * Reads {@code commandLine} ({@code commandLine.get(0)} is the program, tbot or a launcher of it),
   * a shell's plain {@code -c} string as the line it runs ({@link ShellString}).
   */
  static TbotCommand of(List<String> commandLine) {
    return of(commandLine, Map.of());
  }

  /** As {@link #of(List)}, under exec's environment {@code env}, whose startup code a shell may run. */
  static TbotCommand of(List<String> commandLine, Map<String, String> env) {
    return of(ShellString.commandLine(commandLine, env), env);
  }

  /** As {@link #of(List, Map)}, for the line {@link ShellString#commandLine} read (exec reads it once). */
  static TbotCommand of(ShellString.Line line, Map<String, String> env) {
    if (line.kind() == ShellString.Kind.TOO_LONG) {
      return new TbotCommand(true, TOO_LONG_COMMAND, DestinationCounts.NONE, false);
    }
    if (line.notReadEachWay() && line.kind() != ShellString.Kind.RUNS_NOTHING) {
      return new TbotCommand(true, STRING_NOT_READ_EACH_WAY, DestinationCounts.NONE, false);
    }
    if (line.kind() == ShellString.Kind.NOT_READ) {
      return new TbotCommand(true, SHELL_STRING_COMMAND, DestinationCounts.NONE, false);
    }
    if (line.kind() == ShellString.Kind.BEHIND_A_STRING) {
      return new TbotCommand(true, BEHIND_STRING_COMMAND, DestinationCounts.NONE, false);
    }
    if (line.kind() == ShellString.Kind.RUNS_NOTHING) {
      return new TbotCommand(true, RUNS_NOTHING, DestinationCounts.NONE, false);
    }
    List<String> words = line.words();
    TbotCommand read = read(words, env);
    return new TbotCommand(
        read.tbot, read.command, read.outputs, read.legacyStart, Launcher.tbotBehindOtherProgram(words));
  }

  private static TbotCommand read(List<String> commandLine, Map<String, String> env) {
    if (Launcher.runuserChangesTheLine(commandLine)) {
      return new TbotCommand(true, RUNUSER_CHANGED, DestinationCounts.NONE, false);
    }
    if (Launcher.suRunsNothing(commandLine)) {
      return new TbotCommand(true, SU_RUNS_NOTHING, DestinationCounts.NONE, false);
    }
    if (Launcher.daemonStartsNothing(commandLine)) {
      return new TbotCommand(true, DAEMON_STARTS_NOTHING, DestinationCounts.NONE, false);
    }
    if (LauncherEnvironment.environmentFromFiles(commandLine, env)) {
      // A no, or another config, may be in those files: which, is unknown (as for env -S's string).
      return new TbotCommand(true, ENV_FILES_COMMAND, DestinationCounts.NONE, false);
    }
    if (Launcher.tbotInSplitString(commandLine)) {
      return new TbotCommand(true, SPLIT_STRING_COMMAND, DestinationCounts.NONE, false);
    }
    if (Launcher.splitStringNotExact(commandLine)) {
      return new TbotCommand(true, INEXACT_SPLIT_STRING, DestinationCounts.NONE, false);
    }
    List<String> line = Launcher.tbotLine(commandLine);
    if (line.isEmpty() || !ProgramName.isTbot(line.get(0))) {
      // Not a wrapper's, as far as can be told: a string that names tbot may be shell code its
      // program runs (fish -c, script -c, watch ...), whose tbot reads a config, and a no, unseen.
      return ShellString.tbotInAString(commandLine)
          ? new TbotCommand(true, commandLine.stream().anyMatch(StringReadings::notReadEachWay)
              ? STRING_NOT_READ_EACH_WAY : STRING_COMMAND, DestinationCounts.NONE, false)
          : new TbotCommand(false, null, DestinationCounts.NONE, false);
    }
    // The words in front of tbot, where LauncherEnvironment looks for a no: one a string there may
    // set only in a reading of it not made (${A:-0}${B:+1}: 0, not 01) is unseen.
    int at = LauncherChain.tbotAt(commandLine);
    if (commandLine.subList(0, at < 0 ? commandLine.size() : at).stream().anyMatch(StringReadings::notReadEachWay)) {
      return new TbotCommand(true, BEHIND_STRING_NOT_READ_EACH_WAY, DestinationCounts.NONE, false);
    }
    List<TbotArgs.Arg> args = TbotArgs.split(line.subList(1, line.size()));
    List<String> words = new ArrayList<>(); // the command, then its subcommand, if any
    boolean classic = false; // kingpin chose start's default subcommand before any KIND
    boolean surelyClassic = false; // ... for a flag exec knows, which no newer tbot made global
    int dashesAt = -1; // how many words came before the first read after a '--'
    boolean misplaced = false; // a flag exec knows where the command chosen by then does not take it
    boolean mayBeAKind = false; // a word came after a flag exec does not know chose the classic start
    for (int a = 0; a < args.size(); a++) {
      TbotArgs.Arg arg = args.get(a);
      if (arg.isWord()) {
        if (surelyClassic && !(a > 0 && mayTakeTheNextWord(args.get(a - 1)))) {
          // The classic start takes no argument: kingpin refuses the word ("unexpected app"), '--'
          // before it or not, and tbot exits before reading its config. A word right after a flag
          // exec does not know may be that flag's value in a newer tbot: not judged.
          return new TbotCommand(true, CLASSIC_REFUSED, DestinationCounts.NONE, false);
        }
        mayBeAKind |= classic && !surelyClassic;
        if (!classic && words.size() >= 2 && words.get(0).equals("start") && !(dashesAt >= 0 && dashesAt <= 1)
            && !(a > 0 && mayTakeTheNextWord(args.get(a - 1)))) {
          // Nor does a KIND take one ("unexpected x"), but for the word right after a flag exec does
          // not know (the KIND's own --listen, --service ...), '--' between or not: its value.
          return new TbotCommand(true, KIND_REFUSED, DestinationCounts.NONE, false);
        }
        if (!classic && words.equals(List.of("start")) && !arg.afterDashes()
            && !KIND_NAME.matcher(arg.value()).matches()
            && !(a > 0 && mayTakeTheNextWord(args.get(a - 1)))) {
          // A word that cannot name a KIND (tbot.yaml, ./x, Foo): kingpin refuses it ("unexpected
          // tbot.yaml") and tbot exits before reading its config. An unknown word of a KIND's shape
          // is counted: a newer tbot may have that KIND. After '--', see REFUSED_COMMAND below.
          return new TbotCommand(true, NOT_A_KIND, DestinationCounts.NONE, false);
        }
        if (arg.afterDashes() && dashesAt < 0) {
          dashesAt = words.size();
        }
        if (!classic) {
          words.add(arg.value());
        }
      } else if (arg.value() != null && isBool(arg.flag())) {
        return new TbotCommand(true, BOOL_VALUE_REFUSED, DestinationCounts.NONE, false);
      } else if (TbotArgs.ARGS_FILE.equals(arg.flag())) {
        // tbot's flags and command are partly in a file exec does not read: which config (and
        // which no) tbot reads is unknown, so nothing is counted.
        return new TbotCommand(true, ARGS_FILE_COMMAND, DestinationCounts.NONE, false);
      } else if (HELP.contains(arg.flag())) {
        return new TbotCommand(true, "help", DestinationCounts.NONE, false); // tbot prints its help and exits
      } else if (COMPLETION.contains(arg.flag())) {
        return new TbotCommand(true, "--" + arg.flag(), DestinationCounts.NONE, false);
      } else if (arg.attached() && words.equals(List.of("start")) && !classic && !isGlobal(arg.flag())) {
        // kingpin lexes -aVALUE before it knows -a (the classic start's, chosen only when start
        // fails to take it): as a bool and a second flag -VALUE, and then refuses -a without its
        // value ("expected argument for flag '-a'").
        return new TbotCommand(true, FLAG_REFUSED, DestinationCounts.NONE, false);
      } else {
        if (words.equals(List.of("start")) && !isGlobal(arg.flag())) {
          // start itself has no flags: kingpin tries this one on its default subcommand, the classic
          // start, which then refuses any KIND after it.
          classic = true;
          surelyClassic |= isKnown(arg.flag());
        }
        // After a flag exec does not know chose the classic start, a word may be a newer tbot's KIND
        // (that flag a global one there), whose flags follow: not judged.
        misplaced |= !mayBeAKind && !(classic && !surelyClassic) && misplaced(arg.flag(), words, classic);
      }
    }
    if (words.isEmpty()) {
      return new TbotCommand(true, null, DestinationCounts.NONE, false);
    }
    String command = words.get(0);
    String kind = words.size() > 1 ? words.get(1) : null;
    boolean start = command.equals("start");
    if (start && dashesAt >= 0 && dashesAt <= 1
        && (words.size() > 2 || kind != null && !KIND_NAME.matcher(kind).matches())) {
      // After a '--' before the KIND, kingpin reads every word as an argument (parser.go): a KIND's
      // name or none, then nothing, as no start takes arguments; it refuses the rest ("unexpected
      // -c"), and tbot exits before reading its config. Words after a KIND are not judged: there a
      // KIND's own flag exec does not know may have taken the word after a '--' as its value.
      return new TbotCommand(true, REFUSED_COMMAND, DestinationCounts.NONE, false);
    }
    if (start && misplaced) {
      // kingpin refuses it ("unknown long flag"), and tbot exits before reading its config.
      return new TbotCommand(true, FLAG_REFUSED, DestinationCounts.NONE, false);
    }
    return new TbotCommand(true, command, start ? outputs(kind, args) : DestinationCounts.NONE,
        start && (kind == null || kind.equals("legacy")));
  }

  /**
   * Whether {@code flag}, a flag exec knows, is given where the command kingpin has chosen by then
   * ({@code words} read so far; {@code classic} if the classic start) does not take it: a flag
   * exec does not know may be a newer tbot's anywhere, and is not judged.
   */
  private static boolean misplaced(String flag, List<String> words, boolean classic) {
    if (!isKnown(flag) || isGlobal(flag)) {
      return false;
    }
    String name = flag.startsWith("no-") ? flag.substring(3) : flag;
    if (words.isEmpty()) {
      return true; // no command yet: only the global flags (kingpin has no default command there)
    }
    if (!words.get(0).equals("start")) {
      return false; // not judged: only a start is counted
    }
    if (classic || words.size() == 1 || words.get(1).equals("legacy")) {
      return !CLASSIC_FLAGS.contains(name);
    }
    return NOT_A_KINDS.contains(name)
        || DESTINATION_FLAGS.contains(name) && KINDS_WITHOUT_OUTPUT.contains(words.get(1));
  }

  private static boolean isGlobal(String flag) {
    return GLOBAL.contains(flag.startsWith("no-") ? flag.substring(3) : flag);
  }

  private static boolean isBool(String flag) {
    return BOOLS.contains(flag.startsWith("no-") ? flag.substring(3) : flag);
  }

  /** Whether exec knows whether {@code flag} takes a value, as tbot does. */
  private static boolean isKnown(String flag) {
    return isBool(flag) || TbotArgs.takesValue(flag);
  }

  /** Whether {@code arg}, a flag exec split without a value, may take the word after it in a newer tbot. */
  private static boolean mayTakeTheNextWord(TbotArgs.Arg arg) {
    return !arg.isWord() && arg.value() == null && !isKnown(arg.flag());
  }

  /** One output for a {@code start KIND} that writes one: a kind of its own, or identity and the like. */
  private static DestinationCounts outputs(@Nullable String kind, List<TbotArgs.Arg> args) {
    if (kind == null) {
      return DestinationCounts.NONE; // the classic start: the config's outputs only
    }
    if (OUTPUT_KINDS.containsKey(kind)) {
      return TbotConfigReader.oneOutput(OUTPUT_KINDS.get(kind));
    }
    // identity (ssh, id), spiffe-svid, workload-identity-x509 ... write to --destination; tunnels,
    // proxies, noop and bot-api do not.
    for (TbotArgs.Arg arg : args) {
      if ("destination".equals(arg.flag())) {
        return TbotConfigReader.oneOutput(kind);
      }
    }
    return DestinationCounts.NONE;
  }

  /** Whether the line names tbot; {@code false} for a program that is not tbot (a wrapper script). */
  boolean namesTbot() {
    return tbot;
  }

  /**
   * Whether exec records a start for it: tbot start, or a program that is not tbot (only from a
   * config exec is given: {@link StartInputs#forCommand}).
   */
  boolean counted() {
    return !tbot || "start".equals(command);
  }

  /** What exec's debug line calls it, e.g. {@code tbot version}. */
  String describe() {
    if (RUNUSER_CHANGED.equals(command) || SU_RUNS_NOTHING.equals(command) || DAEMON_STARTS_NOTHING.equals(command)
        || RUNS_NOTHING.equals(command) || TOO_LONG_COMMAND.equals(command)) {
      return command; // whatever it names, a wrapper too: nothing runs as given, or the line is not read
    }
    if (!tbot || command == null) {
      return !tbot ? "not tbot" : "tbot without a command";
    }
    // The word after a flag exec does not know may be that flag's value (-t TOKEN), and this line
    // reaches tbot's log: shown only in the shape of tbot's command names, as a short word or one
    // of tbot's longer names, and not at all behind a program that is not a launcher (htpasswd -b
    // FILE tbot PASSWORD).
    // A refused start's text names that word too (start): not shown there either.
    boolean ours = command.equals(ARGS_FILE_COMMAND) || command.equals(SPLIT_STRING_COMMAND)
        || command.equals(INEXACT_SPLIT_STRING)
        || command.equals(SHELL_STRING_COMMAND) || command.equals(BEHIND_STRING_COMMAND)
        || command.equals(STRING_COMMAND) || command.equals(ENV_FILES_COMMAND)
        || command.equals(STRING_NOT_READ_EACH_WAY) || command.equals(BEHIND_STRING_NOT_READ_EACH_WAY)
        || refused() && !wordMayBeAValue
        || command.startsWith("--") && COMPLETION.contains(command.substring(2));
    return ours || !wordMayBeAValue && COMMAND_NAME.matcher(command).matches()
            && (ShownWords.shortWord(command) || LONG_COMMANDS.contains(command))
        ? "tbot " + command
        : "tbot with a command word not shown (it may be a value)";
  }

  /** Why exec records nothing for it (when not {@link #counted()}), for exec's debug line and preview. */
  String whyNotCounted() {
    if (SHELL_STRING_COMMAND.equals(command)) {
      // The string's words are not shown: they may hold a token.
      return "COMMAND runs tbot " + SHELL_STRING_COMMAND + ": exec reads only one plain command there (words,"
          + " quotes, NAME=VALUE, exec; in sh's kind then only > FILE, >> FILE, 2>&1 ...) run by a shell it knows"
          + " (sh, bash, dash ...; for su and runuser the user's login shell in /etc/passwd, for flock, script"
          + " and sudo -s $SHELL's, for sudo -s only with no $ in its words) that reads no startup file first"
          + " (fish only with -N, csh and tcsh with -f, zsh with -f), so which config, and which no, tbot reads is"
          + " unknown";
    }
    if (TOO_LONG_COMMAND.equals(command)) {
      return "COMMAND is longer than exec reads: more than " + LineBound.MAX_WORDS + " words, or more than about "
          + LineBound.LINE_READ_CHARS / StringReadings.READ_CHARS + " million characters to read (a shell string"
          + " once in each way exec reads it, the line once for each shell, su, sudo, env and the like on it), so which"
          + " config, and which no, a tbot there reads is not looked for";
    }
    if (STRING_NOT_READ_EACH_WAY.equals(command)) {
      return "COMMAND has a shell string exec does not read each way it may name tbot: one " + NOT_READ_EACH_WAY
          + ", is taken to name tbot, so which config, and which no, a tbot there reads is unknown";
    }
    if (BEHIND_STRING_NOT_READ_EACH_WAY.equals(command)) {
      return "COMMAND runs tbot " + BEHIND_STRING_NOT_READ_EACH_WAY + ": a string in front of tbot "
          + NOT_READ_EACH_WAY + ", may set a no for tbot in a reading not made, so which no tbot gets is unknown";
    }
    if (BEHIND_STRING_COMMAND.equals(command)) {
      // Nor are these: a token may be among them.
      return "COMMAND runs tbot " + BEHIND_STRING_COMMAND + ": a string that names no tbot may run code, set"
          + " tbot's environment or add to its arguments before the tbot after it; only an exact pass-through"
          + " (exec \"$@\", \"$@\", in sh's kind maybe ending in > FILE, >> FILE, 2>&1 ...; fish's exec $argv,"
          + " csh's exec $argv:q) is looked through, so which config, and which no, tbot reads is unknown";
    }
    if (ENV_FILES_COMMAND.equals(command)) {
      return "COMMAND sets tbot's environment from files exec does not read (envdir DIR, s6-envdir DIR, chpst -e"
          + " DIR, with-contenv, envfile FILE, direnv exec DIR, a .env loader: dotenv, dotenvx run, env-cmd, pipenv"
          + " run, foreman, honcho or forego run, overmind, heroku local, mise exec, uv run given --env-file or"
          + " UV_ENV_FILE; or a secrets service:"
          + " op run, doppler run, infisical run, chamber exec, berglas exec, sops exec-env, envconsul, summon,"
          + " teller run, bws run, railway run, envchain;"
          + " su's, sudo's, runuser's or doas's PAM session where"
          + " /etc/environment or the like names DO_NOT_TRACK ...; sudo -i's login shell, which reads"
          + " /etc/profile and ~/.profile first): a DO_NOT_TRACK or TBOT_CONFIG_PATH there is"
          + " tbot's, so which config, and which no, it reads is unknown";
    }
    if (STRING_COMMAND.equals(command)) {
      // Nor are these words: they may hold a token too.
      return "COMMAND names tbot " + STRING_COMMAND + ": a program's argument of more than one word (a shell's"
          + " -c string exec does not read, script -c, watch, ssh HOST ...) may be run as shell code, so which"
          + " config, and which no, that tbot reads is unknown";
    }
    if (RUNUSER_CHANGED.equals(command)) {
      return "COMMAND's runuser -u does not run it as given: with -u it refuses -l, -c, -s, -f and a '-' operand,"
          + " and its getopt takes options anywhere before a '--', also after its command, which it then refuses or"
          + " does not pass on (give runuser -u USER -- COMMAND)";
    }
    if (SU_RUNS_NOTHING.equals(command)) {
      return "COMMAND's su (or runuser without -u) runs nothing: it refuses -u (runuser's), an option it does not"
          + " know, ambiguous or without its value, and -m or -p with -w, and prints its help or version for -h or -V"
          + " (give su USER -c 'COMMAND', or runuser -u USER -- COMMAND)";
    }
    if (DAEMON_STARTS_NOTHING.equals(command)) {
      return "COMMAND's start-stop-daemon starts nothing: it starts only with -S/--start (not --stop or --status),"
          + " a program (-x/--exec, -a/--startas) and a matching option, and exits without starting it for -t/--test,"
          + " -H/--help, -V/--version, a second command, or an option it does not know, ambiguous or without its"
          + " value";
    }
    if (INEXACT_SPLIT_STRING.equals(command)) {
      return "COMMAND has an env -S string with env's escapes, ${NAME} or #, which exec does not split exactly:"
          + " it may set a no for tbot, or run tbot, where exec cannot see";
    }
    if (RUNS_NOTHING.equals(command)) {
      return "COMMAND runs nothing, and exits 0: script prints its help or version for -h, -V, --help or --version"
          + " anywhere among its options, and runs no $SHELL set empty; csh's and tcsh's last -c without its string"
          + " runs none";
    }
    return refused() && !wordMayBeAValue
        ? "COMMAND runs tbot " + command + ": tbot refuses the line and starts nothing"
        : "COMMAND runs " + describe() + ", and only tbot start is counted";
  }

  /** Whether tbot refuses the line for an argument it does not take. */
  private boolean refused() {
    return REFUSED_COMMAND.equals(command) || CLASSIC_REFUSED.equals(command) || KIND_REFUSED.equals(command)
        || NOT_A_KIND.equals(command)
        || FLAG_REFUSED.equals(command) || BOOL_VALUE_REFUSED.equals(command);
  }

  /** Whether it is tbot's classic start ({@code tbot start} or {@code tbot start legacy}). */
  boolean legacyStart() {
    return legacyStart;
  }

  /** Outputs the command line itself adds to those of the config file. */
  DestinationCounts outputs() {
    return outputs;
  }
}
