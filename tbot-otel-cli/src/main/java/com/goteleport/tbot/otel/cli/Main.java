package com.goteleport.tbot.otel.cli;

import static java.util.Objects.requireNonNull;

import com.goteleport.tbot.otel.config.ConfigException;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.internal.env.VariableNames;
import com.goteleport.tbot.otel.internal.export.DebugLine;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.annotation.Nullable;
import picocli.CommandLine;

/** The {@code tbot-otel} command line. */
public final class Main {

  /** Exit code for bad flags: usage errors. */
  static final int EXIT_USAGE = 2;
  /**
   * Exit code for every other failure: bad input that is not a flag (a config file, an endpoint), an
   * unexpected error, or a preview that cannot be rendered or written.
   */
  static final int EXIT_FAILURE = 1;

  private Main() {}

  /** Runs the CLI and exits with its code. */
  public static void main(String[] args) {
    Map<String, String> env;
    try {
      env = System.getenv();
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Error e) {
      // From JDK 25 an unknown -Djdk.lang.Process.launchMechanism (a JAVA_TOOL_OPTIONS typo) fails
      // the environment's class initializer, for good. Run without it: Consent's own read of the
      // process's no fails again and says no, and exec's start fails as on any JDK (126).
      env = Map.of();
      withoutEnvironment();
    }
    System.exit(run(args, new CliContext(environment(env, VariableNames.windows()), System.out, System.err, true)));
  }

  /**
   * Sets what picocli would otherwise look up in the environment, and fail on: the standard help
   * options' names (a variable may rename them) and whether to colour help (NO_COLOR, TERM).
   */
  private static void withoutEnvironment() {
    System.setProperty("picocli.help.name.0", "-h");
    System.setProperty("picocli.help.name.1", "--help");
    System.setProperty("picocli.version.name.0", "-V");
    System.setProperty("picocli.version.name.1", "--version");
    System.setProperty("picocli.ansi", "false");
  }

  /**
   * Runs the CLI with the given environment and streams; returns the exit code. A null name or value
   * in {@code env} is no variable.
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    requireNonNull(args, "args");
    requireNonNull(out, "out");
    requireNonNull(err, "err");
    return run(args, new CliContext(environment(requireNonNull(env, "env"), VariableNames.windows()), out, err, false));
  }

  /**
   * The environment as tbot reads it. On Windows a variable's name has no case (Go's os.Getenv
   * finds {@code teleport_anonymous_telemetry=0} for TELEPORT_ANONYMOUS_TELEMETRY), but the JDK's
   * {@code System.getenv()} map there is case-sensitive: a no, or a self-hoster's endpoint, in
   * another case would go unseen.
   */
  // Visible for testing
  static Map<String, String> environment(Map<String, String> env, boolean windows) {
    if (!windows) {
      return copy(env);
    }
    SortedMap<String, String> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        continue;
      }
      // Two names that differ only in case (a host's copy of the case-sensitive System.getenv()
      // there) are one variable, which tbot reads in whichever comes first: a no among them stays.
      String had = names.get(e.getKey());
      // The value's own no: not Consent.resolve, which a no of exec's own process (DO_NOT_TRACK,
      // -Dotel.sdk.disabled) makes true for every value, keeping the first of a yes and a no.
      if (had == null || !Consent.saysNo(e.getKey().toUpperCase(Locale.ROOT), had)) {
        names.put(e.getKey(), e.getValue());
      }
    }
    return Collections.unmodifiableSortedMap(names);
  }

  /** A copy of {@code env} to change, whose names have no case where {@code env}'s have none. */
  static Map<String, String> mutableCopy(Map<String, String> env) {
    return env instanceof SortedMap<String, String> sorted ? new TreeMap<>(sorted) : new HashMap<>(env);
  }

  // Not Map.copyOf: two variables whose names differ only in bytes the locale cannot decode read as
  // one name, and a duplicate key must not stop exec from running tbot. A host's null name or value
  // (System.getenv() has none) is no variable, as the library reads it: the child's environment
  // would throw on it.
  private static Map<String, String> copy(Map<String, String> env) {
    Map<String, String> copy = new HashMap<>();
    env.forEach((name, value) -> {
      if (name != null && value != null) {
        copy.put(name, value);
      }
    });
    return Collections.unmodifiableMap(copy);
  }

  // Visible for testing
  static int run(String[] args, CliContext ctx) {
    PrintStream out = ctx.out();
    PrintStream err = ctx.err();
    ExecCommand exec = new ExecCommand(ctx);
    CommandLine cli =
        new CommandLine(new TbotOtelCommand())
            .addSubcommand("start", new StartCommand(ctx))
            .addSubcommand("preview", new PreviewCommand(ctx))
            .addSubcommand("exec", exec)
            // As tbot's parser: a flag given twice takes its last value (-c a -c b reads b). The
            // consent flags are two booleans, so a "no" among them still wins.
            .setOverwrittenOptionsAllowed(true)
            // exec passes COMMAND on unchanged, and preview reads it as exec does: an @FILE is the
            // child's (tbot's parser expands it itself), not for picocli to replace by its words.
            .setExpandAtFiles(false)
            // In the streams' own charsets, as the CLI's error lines are.
            .setOut(new PrintWriter(new StreamWriter(out), true))
            .setErr(new PrintWriter(new StreamWriter(err), true))
            .setParameterExceptionHandler(
                (e, a) -> {
                  boolean forExec = forExec(e, a);
                  // A mistake in exec's own flags must not keep tbot from running (a typo in an
                  // image's entrypoint would stop every pod's tbot): with a COMMAND after '--',
                  // it runs, analytics off.
                  @Nullable String[] command = forExec && !exec.called() ? commandAfterDashes(a, exec) : null;
                  err.println("tbot-otel: " + oneLine(UsageError.message(e, a)).replaceFirst("\\.$", "")
                      + (command != null ? "; analytics is off for this run, and the command runs" : "")
                      + "; see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
                  if (command != null) {
                    return run(command, ctx);
                  }
                  return forExec ? ExecCommand.EXIT_OWN_ERROR : EXIT_USAGE;
                })
            .setExecutionExceptionHandler(
                (e, c, p) -> {
                  if (e instanceof ConfigException) {
                    err.println("tbot-otel: " + e.getMessage());
                  } else {
                    err.println("tbot-otel: unexpected error: " + oneLine(String.valueOf(e)));
                  }
                  return EXIT_FAILURE;
                });
    if ("dumb".equals(ctx.env().get("TERM"))) {
      // A terminal that takes no escape sequences (Emacs' shell, emacspeak): picocli would colour help all the same.
      cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    }
    try {
      return cli.execute(args);
    } catch (Throwable e) {
      // picocli's own steps after exec's command has exited can fail too: a class it loads only
      // then, from a jar overwritten in place meanwhile (an upgrade by cp or curl -o). The
      // command's status is exec's all the same, with nothing printed after the command's output.
      @Nullable Integer status = exec.childStatus();
      if (status == null) {
        // An Error no command caught (a heap or a stack too small for picocli or for a command's
        // own work): one line, not the JVM's stack trace.
        try {
          err.println("tbot-otel: unexpected error: " + oneLine(String.valueOf(e)));
        } catch (Throwable unprintable) {
          // the heap is still full: the status says it
        }
        return EXIT_FAILURE;
      }
      return status;
    }
  }

  /**
   * Whether {@code e} refuses an exec line: exec's own, or the top level's where the line names
   * exec before any {@code --} ({@code tbot-otel --debug exec -- tbot start}). A misspelt exec is
   * the top level's, as it names no command.
   */
  private static boolean forExec(CommandLine.ParameterException e, String[] args) {
    if (e.getCommandLine().getCommand() instanceof ExecCommand) {
      return true;
    }
    return e.getCommandLine().getCommand() instanceof TbotOtelCommand && execAt(args) >= 0;
  }

  /**
   * Where {@code args} name exec as their command: the first word that is no flag, before any
   * {@code --}; -1 if that word is another (a misspelt command, or {@code start exec}) or there is
   * none.
   */
  private static int execAt(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) {
        return -1;
      }
      if (!args[i].startsWith("-")) {
        return args[i].equals("exec") ? i : -1;
      }
    }
    return -1;
  }

  /**
   * {@code exec --no-anonymous-analytics [--keep-tbot-telemetry] -- COMMAND} for the COMMAND after
   * the {@code --} that ends exec's flags in {@code args}; {@code null} where exec cannot tell
   * where COMMAND begins: no such {@code --}, or a word before it that is neither a flag nor the
   * value of one of exec's that takes one (exec's COMMAND begins at its first such word, and a
   * {@code --} after it is COMMAND's own: {@code ssh host -- cmd}), or an empty COMMAND. exec then
   * refuses the line as before. {@code --keep-tbot-telemetry} among exec's flags is kept.
   */
  @Nullable
  static String[] commandAfterDashes(String[] args, ExecCommand exec) {
    int at = execAt(args);
    boolean keep = false;
    for (int i = at + 1; at >= 0 && i < args.length; i++) {
      String word = args[i];
      if (word.equals("--")) {
        if (i + 1 == args.length || args[i + 1].isEmpty()) {
          return null;
        }
        List<String> line = new ArrayList<>(List.of("exec", "--no-anonymous-analytics"));
        if (keep) {
          line.add("--keep-tbot-telemetry");
        }
        line.add("--");
        line.addAll(Arrays.asList(args).subList(i + 1, args.length));
        return line.toArray(new String[0]);
      }
      if (word.length() < 2 || !word.startsWith("-")) {
        return null;
      }
      if (word.startsWith("--keep-tbot-telemetry")) {
        keep = word.equals("--keep-tbot-telemetry") || word.equalsIgnoreCase("--keep-tbot-telemetry=true");
      }
      if (word.indexOf('=') < 0 && exec.takesValue(word)) {
        i++; // its value, whatever the word
      }
    }
    return null;
  }

  static void debug(CliContext ctx, boolean debug, String message) {
    if (debug) {
      ctx.err().println(DebugLine.PREFIX + DebugLine.oneLine(message));
    }
  }

  /**
   * Why this JVM cannot read its environment, with the fix where it is known, or {@code null} where
   * it can. From JDK 25 an unknown {@code -Djdk.lang.Process.launchMechanism} fails the
   * environment's class initializer (main ran without it); the JDK's own words then sit in a
   * NoClassDefFoundError's cause.
   */
  @Nullable
  static String unreadableEnvironment() {
    try {
      System.getenv();
      return null;
    } catch (Error e) {
      String fix = launchMechanismFix(e);
      return "the JVM cannot read its environment" + (fix != null ? ": " + fix : " (" + errorWords(e) + ")");
    }
  }

  /**
   * The cause and its fix where {@code e}, from the JDK's process or environment code, comes of an
   * unknown {@code -Djdk.lang.Process.launchMechanism} (a JAVA_TOOL_OPTIONS typo), else {@code null}.
   */
  @Nullable
  static String launchMechanismFix(Error e) {
    return launchMechanismFix(e, System.getProperty("jdk.lang.Process.launchMechanism"));
  }

  // Visible for testing: the option's value given, not set in the test's own JVM.
  @Nullable
  static String launchMechanismFix(Error e, @Nullable String mechanism) {
    if (mechanism == null || !errorWords(e).contains("launch mechanism")) {
      return null;
    }
    return "-Djdk.lang.Process.launchMechanism=" + oneLine(mechanism) + " names no launch mechanism this JVM "
        + "supports; remove or correct that option (in JAVA_TOOL_OPTIONS or on the java command line)";
  }

  /** {@code e} and, where it has one, its cause's message (a NoClassDefFoundError's words), on one line. */
  static String errorWords(Error e) {
    Throwable cause = e.getCause();
    return oneLine(cause != null ? e + ": " + cause.getMessage() : String.valueOf(e));
  }

  /** {@code s} on one line, its runs of white space one space each ("" for null). */
  static String oneLine(@Nullable String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }
}
