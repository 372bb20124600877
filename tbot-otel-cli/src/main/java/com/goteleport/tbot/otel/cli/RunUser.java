package com.goteleport.tbot.otel.cli;

import java.util.List;
import javax.annotation.Nullable;

/**
 * util-linux's {@code runuser -u USER [--] COMMAND}, as its getopt_long reads it (login-utils/
 * su-common.c): it runs COMMAND itself, as {@code sudo -u} does, in exec's root and directory and
 * with exec's environment but for HOME, USER, LOGNAME and maybe PATH (it refuses {@code -l} with
 * {@code -u}). Without {@code -u} it is su, which runs the user's shell ({@link ShellString}).
 *
 * <p>Its optstring has no '+': getopt permutes, so runuser takes its options anywhere before a
 * {@code --}, after its command too ({@code runuser -u bot tbot start -c tbot.yaml} is refused for
 * runuser's own -c), and drops that {@code --} from its command ({@code runuser -u bot tbot --
 * start} runs {@code tbot start}). With POSIXLY_CORRECT set it would stop at its command: not read
 * here, where the line then records nothing.
 */
final class RunUser {

  private static final String NAME = "runuser";

  // "c:fg:G:lmpPs:u:hVw:" and its long options, in su-common.c's order; --session-command is 'C'.
  private static final String LETTERS = "cfgGlmpPsuhVw";
  private static final String VALUE_LETTERS = "cgGsuw";
  private static final List<String> LONG = List.of("command", "session-command", "fast", "login",
      "preserve-environment", "pty", "shell", "group", "supp-group", "user", "whitelist-environment", "help",
      "version");
  private static final String LONG_LETTERS = "cCflpPsgGuwhV";
  // With -u, runuser refuses -c, --session-command, -f, -l and -s ("mutually exclusive"), and -h
  // and -V print and exit 0: none runs a command.
  private static final String RUNS_NOTHING = "cCflshV";

  private final int command;
  private final int dashes;
  private final boolean asGiven;

  private RunUser(int command, int dashes, boolean asGiven) {
    this.command = command;
    this.dashes = dashes;
    this.asGiven = asGiven;
  }

  /** Whether {@code word} names runuser ({@code /usr/sbin/runuser} too). */
  static boolean is(String word) {
    return ProgramName.launcherName(word).equals(NAME);
  }

  /**
   * runuser's arguments from {@code from} (the word after its name) in {@code line}, if they give
   * {@code -u} ({@code --user}); {@code null} for the su form, which does not.
   */
  @Nullable
  static RunUser read(List<String> line, int from) {
    Options options = Options.scan(line, from);
    String seen = options.seen();
    if (seen.indexOf("u") < 0) {
      return null;
    }
    int command = options.command();
    int dashes = options.dashes();
    if (command < 0 && dashes >= 0 && dashes + 1 < line.size()) {
      command = dashes + 1;
    }
    boolean runsNothing = seen.indexOf("?") >= 0 || command < 0;
    for (int k = 0; k < RUNS_NOTHING.length(); k++) {
      runsNothing |= seen.indexOf(RUNS_NOTHING.substring(k, k + 1)) >= 0;
    }
    // A '-' as its first operand asks for a login shell, which runuser refuses with -u.
    runsNothing |= command >= 0 && line.get(command).equals("-") || options.exclusive();
    return new RunUser(command < 0 ? line.size() : command, command >= 0 && dashes > command ? dashes : -1,
        !runsNothing && !options.optionAfterCommand());
  }

  /**
   * Whether su (or runuser without {@code -u}, which is su), given the arguments from {@code from}
   * in {@code line}, runs nothing: its getopt refuses an option it does not know, an ambiguous one
   * or one without its value; su refuses {@code -u} ({@code --user}), runuser's, after getopt took
   * it with its value ("Try 'su --help'"), and {@code -m} or {@code -p} with {@code -w}; {@code -h}
   * and {@code -V} print and exit 0.
   */
  static boolean suRunsNothing(List<String> line, int from) {
    Options options = Options.scan(line, from);
    String seen = options.seen();
    return seen.indexOf("?") >= 0 || seen.indexOf("u") >= 0 || seen.indexOf("h") >= 0 || seen.indexOf("V") >= 0
        || options.exclusive();
  }

  /**
   * The options of su's and runuser's getopt_long: the letters given ({@code seen}, '?' for an
   * error), where the first operand is and the {@code --} (-1 for none), and whether an option came
   * after that operand.
   */
  private record Options(String seen, int command, int dashes, boolean optionAfterCommand) {

    static Options scan(List<String> line, int from) {
      StringBuilder seen = new StringBuilder(); // the letters of the options given, '?' for an error
      boolean optionAfterCommand = false;
      int command = -1;
      int dashes = -1;
      for (int i = from; i < line.size(); i++) {
        String arg = line.get(i);
        if (arg.equals("--")) {
          dashes = i;
          break;
        }
        if (!arg.startsWith("-") || arg.equals("-")) {
          command = command < 0 ? i : command;
          continue;
        }
        optionAfterCommand |= command >= 0;
        boolean takesValue = false;
        boolean valueGiven = false;
        if (arg.startsWith("--")) {
          int eq = arg.indexOf('=');
          int at = longOption(arg.substring(2, eq < 0 ? arg.length() : eq));
          char letter = at < 0 ? '?' : LONG_LETTERS.charAt(at); // unknown or ambiguous: getopt_long's error
          seen.append(letter);
          takesValue = letter == 'C' || VALUE_LETTERS.indexOf(letter) >= 0;
          valueGiven = eq >= 0;
          seen.append(valueGiven && !takesValue ? "?" : ""); // --login=x: refused
        } else {
          for (int c = 1; c < arg.length() && !takesValue; c++) {
            char letter = LETTERS.indexOf(arg.charAt(c)) < 0 ? '?' : arg.charAt(c);
            seen.append(letter);
            takesValue = VALUE_LETTERS.indexOf(letter) >= 0;
            valueGiven = c + 1 < arg.length(); // the rest of the cluster
          }
        }
        if (takesValue && !valueGiven) {
          // The next argument, whatever it is ('--' too); none: getopt's error.
          seen.append(i + 1 < line.size() ? "" : "?");
          i++;
        }
      }
      return new Options(seen.toString(), command, dashes, optionAfterCommand);
    }

    /**
     * Whether -m or -p (--preserve-environment) is given with -w (--whitelist-environment), which
     * su and runuser alike refuse ("mutually exclusive arguments"), running nothing.
     */
    boolean exclusive() {
      return (seen.indexOf('m') >= 0 || seen.indexOf('p') >= 0) && seen.indexOf('w') >= 0;
    }
  }

  /**
   * Which of {@link #LONG} {@code name} is, exactly or as its only prefix, as getopt_long finds it;
   * -1 for none, or an ambiguous one (--s is --session-command, --shell or --supp-group).
   */
  private static int longOption(String name) {
    String found = GetoptLong.match(LONG, name);
    return found == null ? -1 : LONG.indexOf(found);
  }

  /** Where the command runuser runs starts: the first word after its options (or its {@code --}). */
  int commandAt() {
    return command;
  }

  /** Where the {@code --} that ends runuser's options is, when it comes after its command (dropped); -1 if not. */
  int dashesAt() {
    return dashes;
  }

  /**
   * Whether runuser runs its command as the line gives it: not when it refuses the line or prints
   * its help, nor when it takes an option after its command (getopt permutes), which that command
   * then does not get.
   */
  boolean runsAsGiven() {
    return asGiven;
  }
}
