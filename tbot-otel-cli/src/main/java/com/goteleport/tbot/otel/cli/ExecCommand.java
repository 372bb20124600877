package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.config.ConfigException;
import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.internal.env.VariableNames;
import com.goteleport.tbot.otel.internal.text.Printable;
import com.goteleport.tbot.otel.internal.text.ShownWords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs today's tbot (or any command) as a child and records {@code tbot.start} for it from the
 * same config and flags. The child comes first: it starts before anything about analytics is read,
 * keeps exec's stdin, stdout and stderr, receives the signals exec receives, and its exit status is
 * exec's. The event is resolved and made ready on another thread while the child runs, and sent
 * once the child has run {@link #CONFIRM_AFTER} or exited with 0; any problem with it is skipped
 * silently (shown with {@code --debug}). After the child exits, exec waits at most the exit
 * timeout for delivery.
 */
@Command(
    name = "exec",
    mixinStandardHelpOptions = true,
    abbreviateSynopsis = true,
    versionProvider = VersionProvider.class,
    footerHeading = HelpText.ENVIRONMENT_HEADING,
    footer = {HelpText.ENVIRONMENT, ExecCommand.FOOTER},
    description = {
      "Runs COMMAND (today's tbot) and records tbot.start for it, only with consent.",
      "For each flag not given to exec, exec reads COMMAND's own: -c/--config,",
      "--config-string, --[no-]oneshot, --join-method, --join-uri, --token, --ca-pin",
      "and --destination-dir. The start counts once COMMAND has run 1 s or exited",
      "with 0. COMMAND keeps stdin, stdout and stderr, gets SIGINT, SIGTERM, SIGHUP",
      "and SIGUSR1, and its exit status is exec's (128+N if killed by signal N).",
      "Once COMMAND runs, analytics never delays or stops it: analytics errors are",
      "ignored. A flag of exec's own that cannot be parsed turns analytics off for",
      "the run, with one line; COMMAND after '--' still runs."
    })
final class ExecCommand implements Callable<Integer> {

  static final String FOOTER =
      "With TELEPORT_ANONYMOUS_TELEMETRY=1 today's tbot sends its own start event;%n"
          + "exec then gives COMMAND TELEPORT_ANONYMOUS_TELEMETRY=0 so that no start is%n"
          + "counted twice; exec counts it if it records it (not for a no from another%n"
          + "setting, or a config it cannot read). --keep-tbot-telemetry keeps both.%n"
          + "Exit status: COMMAND's; 125 if exec cannot tell what to run (no COMMAND, a%n"
          + "bad exec flag with no '--' right after them, a flag's value taken for it) or a%n"
          + "command line the JVM's charset would change (COMMAND is not run); 126 if%n"
          + "COMMAND cannot be run, 127 if it is not found.%n";

  /**
   * Exit status for exec's own usage errors, COMMAND not run: as env, timeout and chroot have it,
   * so that a script tells them from COMMAND's own 2 (tbot's, or any program's).
   */
  static final int EXIT_OWN_ERROR = 125;
  /** Exit status when the command is found but cannot be run, as in a shell. */
  private static final int EXIT_CANNOT_RUN = 126;
  /** Exit status when the command is not found, as in a shell. */
  private static final int EXIT_NOT_FOUND = 127;

  @Mixin AnalyticsOptions options = new AnalyticsOptions();
  @Mixin Sending sending = new Sending();

  @Option(
      names = "--keep-tbot-telemetry",
      description = "Leave TELEPORT_ANONYMOUS_TELEMETRY as it is for COMMAND, so that today's tbot "
          + "may send its own start event too (the same start is then counted twice).")
  boolean keepTbotTelemetry;

  @Parameters(
      paramLabel = "COMMAND",
      arity = "0..*",
      description = "The command to run and its arguments, after '--', e.g. -- tbot start -c tbot.yaml.")
  List<String> command = new ArrayList<>();

  private CommandSpec spec;

  /** How long the child must run, unless it exits with 0 before, for its start to count. */
  private static final Duration CONFIRM_AFTER = Duration.ofSeconds(1);

  // Completed by the waiting thread; the send writes its request only once it says yes. Made in
  // call(): every command line builds an ExecCommand, and CompletableFuture's first use sets up
  // ForkJoinPool, which start and preview have no use for.
  @Nullable private volatile CompletableFuture<Boolean> confirmed;

  // Set by the analytics thread just before it claims the event (settled); closed after the child exits.
  @Nullable private volatile AnonymousAnalytics analytics;

  // Who settled a late event first: exec, giving up on an analytics thread still resolving it
  // (the thread then records nothing and prints no notice after the line that says so), or the
  // thread, about to record it (exec then says nothing of it). One of the two, never both.
  private final AtomicBoolean settled = new AtomicBoolean();

  // The child's exit status, set as soon as it is known.
  @Nullable private volatile Integer childStatus;

  // Set as call() begins: a usage error after that is about COMMAND itself, not exec's flags.
  private volatile boolean called;

  private final CliContext ctx;

  ExecCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /** Everything from the first non-option on is COMMAND, even without '--'. */
  @Spec
  void setSpec(CommandSpec spec) {
    this.spec = spec;
    spec.parser().stopAtPositional(true);
  }

  @Override
  public Integer call() {
    called = true;
    if (command.isEmpty() || command.get(0).isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "exec needs a command after '--', e.g. exec -- tbot start -c tbot.yaml");
    }
    refuseUnpassable(spec, command, ctx.processEnvironment());
    CompletableFuture<Boolean> confirmed = new CompletableFuture<>();
    this.confirmed = confirmed;
    Map<String, String> childEnv = TbotTelemetryHandoff.childEnvironment(ctx.env(), keepTbotTelemetry);
    try (SignalForwarding signals = SignalForwarding.install(this::debug, VariableNames.windows())) {
      Process child;
      long attempt = System.currentTimeMillis();
      try {
        child = start(childEnv);
      } catch (IOException e) {
        String why = reason(e);
        String program = command.get(0);
        if (notFound(e) && interpreterHintApplies(program, System.getenv("PATH"), VariableNames.windows())) {
          // The kernel's ENOENT also means a missing #! interpreter or dynamic loader.
          why += ", though the file exists: its interpreter (#!) or dynamic loader is missing, "
              + "e.g. a glibc binary on musl (Alpine)";
        } else if (!isFlag(program) && program.indexOf('=') < 0) {
          why += fix(program, e); // a flag's or an assignment's own fix follows in cannotRun
        }
        ctx.err().println("tbot-otel: cannot run " + Printable.of(cannotRun(command.get(0), why)));
        return notFound(e) ? EXIT_NOT_FOUND : EXIT_CANNOT_RUN;
      } catch (Error e) {
        // The JDK's own for a launch mechanism it does not know (-Djdk.lang.Process.launchMechanism,
        // a JAVA_TOOL_OPTIONS typo), or an OutOfMemoryError at a thread limit: one line, never a
        // stack trace. (That OutOfMemoryError can come from the JDK's reaper thread, after the
        // command started: exec can then neither wait for it nor pass it signals.)
        // From JDK 25 that launch mechanism Error came at the environment's first read: here is a
        // NoClassDefFoundError, whose cause carries its words. For that one, the option and its fix.
        String fix = Main.launchMechanismFix(e);
        if (fix == null && stopStartedAnyway(attempt)) {
          // The command started, then the JDK could not start the thread that waits for it (a
          // process or thread limit): exec can neither wait for it, nor pass it signals, nor give
          // its status, and a supervisor told it failed would start another beside it.
          ctx.err().println("tbot-otel: cannot watch " + Printable.of(cannotRun(command.get(0), "it started, but "
              + Main.errorWords(e) + "; it was sent SIGTERM: raise the process and thread limit (ulimit -u, a"
              + " cgroup's pids.max)")));
          return EXIT_CANNOT_RUN;
        }
        ctx.err().println(
            "tbot-otel: cannot run " + Printable.of(cannotRun(command.get(0), fix != null ? fix : Main.errorWords(e))));
        return EXIT_CANNOT_RUN;
      }
      signals.attach(child);
      // From here on the child runs: nothing may end exec before it, nor change its status.
      Thread resolver = null;
      boolean zeroConfirms = true; // an exit 0 before the second is a start
      try {
        if (!childEnv.equals(ctx.env())) {
          debug("COMMAND got TELEPORT_ANONYMOUS_TELEMETRY=0: tbot does not count this start; exec does, if it records it");
        }
        Consent early = StartInputs.consentBeforeConfig(options, ctx.env());
        if (early.refused()) {
          // A "no" from the flag or the environment is final: no thread, no config file read.
          if (options.debug) { // the reason costs a second resolve: only for its reader
            debug("nothing sent: " + StartInputs.reason(early, options.noFlag));
          }
        } else {
          zeroConfirms = !ShellString.hidesExitStatus(command);
          resolver = startRecording();
        }
      } catch (Throwable e) { // e.g. a class this jar no longer has: it was overwritten in place
        skipped(e);
      }
      int status = waitFor(child, resolver == null ? null : confirmed, zeroConfirms);
      childStatus = status;
      if (resolver != null) {
        try {
          finishAnalytics(resolver);
        } catch (Throwable e) {
          skipped(e);
        }
      }
      return status;
    }
  }

  /**
   * The command's exit status once exec has waited for it; {@code null} before, or if it never ran.
   * {@link Main} returns it should picocli itself fail after {@link #call} has returned it.
   */
  @Nullable
  Integer childStatus() {
    return childStatus;
  }

  /**
   * Whether {@link #call} has begun: picocli has read exec's flags, and a usage error now is about
   * COMMAND (none, a flag's value taken for it, a word the JVM cannot pass on).
   */
  boolean called() {
    return called;
  }

  /** Whether {@code word} names one of exec's flags that takes a value (as its next word, if not after '='). */
  boolean takesValue(String word) {
    OptionSpec option = spec.findOption(word);
    return option != null && option.arity().max() > 0;
  }

  /** Says why analytics stopped, with --debug only; never throws (not even for a full heap). */
  private void skipped(Throwable e) {
    try {
      debug("analytics skipped, the command runs anyway: " + e);
    } catch (Throwable outOfMemory) {
      // not even that: the command's status is what matters
    }
  }

  /**
   * Waits for delivery after the child exited, at most the exit timeout in all. The budget starts
   * when the child exits, not when it started: the send had the whole run of tbot to finish.
   */
  private void finishAnalytics(Thread resolver) {
    long deadline = System.nanoTime() + sending.exitTimeout.toNanos();
    join(resolver, sending.exitTimeout);
    if (!settled.compareAndSet(false, true)) {
      // The analytics thread claimed the event, and published its instance before it did: closed
      // here whether or not its recordStart has run yet (one that runs later is refused), so that
      // no send of exec's starts after it returns.
      AnonymousAnalytics recorded = this.analytics;
      if (recorded != null) {
        recorded.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      }
    } else if (resolver.isAlive()) {
      // Still reading the config or building the send (a child that exited at once, a short exit
      // timeout): nothing was recorded, which --debug says as for every other outcome.
      debug("nothing sent: the exit timeout (" + sending.exitTimeout.toMillis()
          + " ms) was spent before the event was ready");
    }
  }

  private Process start(Map<String, String> wanted) throws IOException {
    ProcessBuilder builder = ClosedStdio.guard(new ProcessBuilder(command).inheritIO());
    Map<String, String> child = builder.environment();
    if (ctx.processEnvironment()) {
      // The child inherits this process's environment, bytes and all; only the variables exec
      // changes are set. One set from a Java string is re-encoded in the JVM's charset, so a name
      // or value outside it would reach tbot changed ('?' in the C/POSIX locale).
      boolean windows = VariableNames.windows();
      for (String name : changed(ctx.env(), wanted)) {
        set(child, name, wanted.get(name), windows);
      }
    } else {
      child.clear();
      child.putAll(wanted);
    }
    return builder.start();
  }

  /**
   * Sets {@code name} to {@code value} in the child's environment {@code child}, or removes it for
   * {@code null}. On Windows a name has no case, but the JDK's map for the child is case-sensitive
   * and a parent (Git Bash, Cygwin) may hand on two spellings of one variable: the others go too,
   * or tbot could read one left as it was (TELEPORT_ANONYMOUS_TELEMETRY=1 beside the handoff's 0).
   */
  static void set(Map<String, String> child, String name, @Nullable String value, boolean windows) {
    if (windows) {
      child.keySet().removeIf(other -> !other.equals(name) && other.equalsIgnoreCase(name));
    }
    if (value != null) {
      child.put(name, value);
    } else {
      child.remove(name);
    }
  }

  private static Set<String> changed(Map<String, String> given, Map<String, String> wanted) {
    Set<String> names = new HashSet<>();
    for (String name : given.keySet()) {
      if (!Objects.equals(given.get(name), wanted.get(name))) {
        names.add(name);
      }
    }
    for (String name : wanted.keySet()) {
      if (!Objects.equals(given.get(name), wanted.get(name))) {
        names.add(name);
      }
    }
    return names;
  }

  /**
   * Starts {@link #recordStart} on a daemon thread; {@code null} if no thread could be had (a
   * process at its thread limit): tbot, already running, runs on without analytics.
   */
  @Nullable
  private Thread startRecording() {
    try {
      Runnable work = this::recordStart;
      Thread resolver = ctx.threads() == null ? new Thread(work) : ctx.threads().newThread(work);
      resolver.setName("tbot-otel-exec-analytics");
      resolver.setDaemon(true);
      resolver.start();
      return resolver;
    } catch (Throwable e) { // e.g. OutOfMemoryError: unable to create native thread
      skipped(e);
      return null;
    }
  }

  /** Resolves, records and sends the event; runs beside the child and never throws. */
  private void recordStart() {
    try {
      resolveAndRecord();
    } catch (Throwable outOfMemory) {
      // Saying why failed too (a full heap): nothing may leave this thread, or the JVM's default
      // uncaught-exception handler prints it on stderr.
    }
  }

  private void resolveAndRecord() {
    try {
      CompletableFuture<Boolean> confirmed = this.confirmed;
      if (Boolean.FALSE.equals(confirmed.getNow(null))) {
        debug("nothing sent: the start was not confirmed (COMMAND failed at once)");
        return; // not even the SDK is loaded, nor the collector contacted
      }
      // COMMAND's line, read once and handed on (reading it may read machine files: a su's user's
      // shell in /etc/passwd); here, on this thread, as the config is: never before the child starts.
      ShellString.Line line = ShellString.commandLine(command, ctx.env());
      StartInputs inputs = StartInputs.forCommand(options, line, ctx.env());
      if (inputs == null) {
        if (options.debug) { // the reason reads the launchers again (su's PAM files): only for its reader
          debug("nothing recorded: " + TbotCommand.of(line, ctx.env()).whyNotCounted());
        }
        return;
      }
      String tbotCounts = TbotTelemetryHandoff.countedByTbot(line, ctx.env(), keepTbotTelemetry);
      if (inputs.consent().granted() && tbotCounts != null) {
        debug("nothing sent: " + tbotCounts);
        return;
      }
      AnonymousAnalytics analytics = sending.analytics(inputs, ctx, options.debug);
      if (!analytics.enabled()) {
        debug("nothing sent: " + inputs.consentReason());
        return;
      }
      this.analytics = analytics; // before the claim: exec's thread closes it once it sees the claim
      if (!settled.compareAndSet(false, true)) {
        return; // exec has said nothing was sent, and is exiting
      }
      // exec's event comes from its own flags and tbot's command line, and preview reads both as
      // exec does; the line is not repeated here, as it may hold a token.
      ctx.err().println("tbot-otel: "
          + analytics.notice("see it by running this same line with 'preview' in place of 'exec'"));
      analytics.recordStart(inputs.event(), confirmed);
    } catch (ConfigException e) {
      debug("analytics skipped, the command runs anyway: " + e.getMessage());
    } catch (Throwable e) { // even an Error: the child must run on, and nothing may be printed
      debug("analytics skipped, the command runs anyway: " + e);
    }
  }

  /**
   * Waits for the child and returns its status, confirming the start on the way ({@code
   * confirmed}, if any): once the child has run {@link #CONFIRM_AFTER}, or if it exits with 0
   * before ({@code zeroConfirms}: not under script without -e, which exits 0 whatever tbot did).
   * A tbot that fails at once refused its config or flags, and tbot itself counts a start only
   * once its config is read, so that one is not counted.
   */
  private static int waitFor(Process child, @Nullable CompletableFuture<Boolean> confirmed, boolean zeroConfirms) {
    long confirmAt = System.nanoTime() + CONFIRM_AFTER.toNanos();
    boolean interrupted = false;
    try {
      while (true) {
        try {
          if (confirmed != null && !confirmed.isDone()) {
            if (child.waitFor(Math.max(0, confirmAt - System.nanoTime()), TimeUnit.NANOSECONDS)) {
              confirmed.complete(zeroConfirms && child.exitValue() == 0);
            } else if (System.nanoTime() - confirmAt >= 0) {
              confirmed.complete(Boolean.TRUE);
            }
            continue;
          }
          // Java reports a child killed by signal N as 128+N, as a shell does.
          return child.waitFor();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // An interrupt (a host that runs exec in-process and is told to stop) does not cut this wait
  // short, as it does not cut the send's in close: it is bounded by the exit timeout anyway, and a
  // confirmed start would otherwise be dropped. The interrupt is kept for the caller.
  private static void join(Thread thread, Duration timeout) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, timeout.toMillis()));
    boolean interrupted = false;
    try {
      for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
        try {
          thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
          return; // it ended, or the time is up
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Refuses, with one line, a COMMAND exec cannot run as the user meant before anything is read: a
   * boolean flag's value taken for the program, or a word the JVM cannot pass on unchanged. preview
   * refuses the same lines.
   */
  static void refuseUnpassable(CommandSpec spec, List<String> command, boolean processEnvironment) {
    String problem = FlagValueAsCommand.problem(spec, command);
    if (problem == null) {
      problem = CommandCharset.problem(command, processEnvironment);
    }
    if (problem != null) {
      throw new ParameterException(spec.commandLine(), problem);
    }
  }

  /**
   * {@code 'PROGRAM': WHY}, where a program named {@code NAME=VALUE} (a shell's assignment in front
   * of the command, {@code exec -- TELEPORT_BOT_TOKEN=... tbot start}, which exec runs as a program)
   * is named without its value, which may be a secret, and by NAME only if written as a variable's
   * ({@link ShownWords#variableName}), with the fix: no shell runs it, env does.
   */
  // Visible for testing
  static String cannotRun(String program, String why) {
    if (isFlag(program)) {
      // tbot's flags right after '--' (exec -- -c tbot.yaml --token=...): the first is no
      // program, and its value may be a secret.
      return shownFlag(program) + ": " + why.replace(program, "...")
          + "; COMMAND starts with a flag: name the program first (exec -- tbot start ...)";
    }
    if (program.indexOf('=') < 0) {
      return "'" + program + "': " + why;
    }
    boolean variable = ShellStringWords.isAssignment(program); // as a shell would set it
    String name = variable ? shownName(program) : null;
    boolean named = name != null;
    String shown = variable ? shownAssignment(program) : "'...' (its name holds '=', not shown: it may be a secret)";
    // The JDK's own words, where no errno was found in them, name the program too.
    return shown + ": " + why.replace(program, "...")
        + (variable ? "; exec runs no shell to set " + (named ? name : "a variable")
            + ": put env in front (exec -- env " + (named ? name : "NAME") + "=VALUE tbot ...)" : "");
  }

  /**
   * The name a shell's assignment ({@link ShellStringWords#isAssignment}) sets, where it may be
   * shown: a token with a '=' (base64's padding) has a shell's name before it too, so only a name
   * written as variables are; null otherwise.
   */
  @Nullable
  static String shownName(String assignment) {
    String name = assignment.substring(0, assignment.indexOf('='));
    return ShownWords.variableName(name) ? name : null;
  }

  /** A shell's assignment, quoted, without its value (which may be a secret). */
  static String shownAssignment(String assignment) {
    String name = shownName(assignment);
    return name != null ? "'" + name + "=...'" : "'...=...' (not shown: it may be a secret)";
  }

  /** Whether COMMAND's first word, {@code program}, is a flag: no program, but one misplaced. */
  static boolean isFlag(String program) {
    return program.startsWith("-") && program.length() > 1;
  }

  /** A flag, quoted, without a value it may carry (which may be a secret). */
  static String shownFlag(String flag) {
    String name = ShownWords.withoutValue(flag);
    return name != null ? "'" + name + "'"
        : flag.length() <= 2 ? "'" + flag + "'" : "'...' (not shown: it may be a secret)"; // "--"
  }

  // Visible for testing
  static boolean notFound(IOException e) {
    Matcher m = errno(e);
    return m != null && m.group(1).equals("2"); // ENOENT
  }

  /**
   * Whether a {@code program} the system did not find is a file all the same: a path, or a name
   * found on {@code path}, this JVM's PATH, which is where {@link ProcessBuilder} looks for it.
   * Never on Windows: the kernel's ENOENT for a missing #! interpreter or dynamic loader is the
   * hint's reason, and Windows has neither (its "not found" for a file that is there is a {@code
   * tbot} without {@code .exe}), so the PATH is only ever split at Unix's ':'.
   */
  // Visible for testing
  static boolean interpreterHintApplies(String program, @Nullable String path, boolean windows) {
    if (windows) {
      return false;
    }
    try {
      if (program.contains("/")) {
        return Files.isRegularFile(Paths.get(program));
      }
      for (String dir : (path == null ? "" : path).split(":", -1)) {
        Path candidate = Paths.get(dir.isEmpty() ? "." : dir, program);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return true;
        }
      }
      return false;
    } catch (RuntimeException e) { // a name this JVM cannot make a path of
      return false;
    }
  }

  /** The system's reason, e.g. "No such file or directory"; else the whole message on one line. */
  // Visible for testing
  static String reason(IOException e) {
    Matcher m = errno(e);
    String detail = m == null ? null : m.group(2) != null ? m.group(2) : m.group(3);
    return detail == null ? Main.oneLine(String.valueOf(e.getMessage())) : detail.trim();
  }

  // The JDK's wording: "Cannot run program "x": error=2, No such file or directory" up to JDK 23,
  // "Cannot run program "x": Exec failed, error: 2 (No such file or directory) " from JDK 24 on.
  private static final Pattern ERRNO = Pattern.compile("error(?:=|: )(\\d+)(?:, (.*)| \\((.*)\\))");

  /**
   * Sends SIGTERM to this process's newest child if it started since {@code since} (epoch ms, less
   * a second for the clock's grain): the command, started though ProcessBuilder.start threw. The
   * newest only: an orphan re-parented to this process (as PID 1 or a subreaper, in a container)
   * may have started in that second too. Returns whether there was one. Reads /proc (no thread:
   * none could be created); never throws.
   */
  // Visible for testing
  static boolean stopStartedAnyway(long since) {
    try {
      ProcessHandle newest = null;
      long newestStart = since - 1000;
      for (java.util.Iterator<ProcessHandle> i = ProcessHandle.current().children().iterator(); i.hasNext(); ) {
        ProcessHandle c = i.next();
        java.util.Optional<java.time.Instant> started = c.info().startInstant();
        if (started.isPresent() && started.get().toEpochMilli() >= newestStart) {
          newest = c;
          newestStart = started.get().toEpochMilli();
        }
      }
      return newest != null && newest.destroy();
    } catch (Throwable unreadable) {
      return false; // a SecurityManager's no, or no heap: the plain line, as before
    }
  }

  /**
   * The fix for a {@code program} that could not start: not found (a name on no directory of PATH,
   * or a path that names nothing), or denied (a directory, or a file without its execute bit);
   * else nothing, the reason alone.
   */
  private static String fix(String program, IOException e) {
    Matcher m = errno(e);
    boolean path = program.contains("/") || (VariableNames.windows() && program.contains("\\"));
    if (m != null && m.group(1).equals("2")) {
      return path ? "; check the path" : "; no directory on PATH holds it: give its full path";
    }
    if (m != null && m.group(1).equals("13") && path) {
      try {
        return Files.isDirectory(Paths.get(program))
            ? "; it is a directory: name the program in it" : "; make it executable (chmod +x) or check its permissions";
      } catch (RuntimeException unreadable) {
        return ""; // an invalid path, or a SecurityManager's no
      }
    }
    return "";
  }

  @Nullable
  private static Matcher errno(IOException e) {
    Matcher m = ERRNO.matcher(String.valueOf(e.getMessage()));
    return m.find() ? m : null;
  }

  private void debug(String message) {
    Main.debug(ctx, options.debug, message);
  }
}
