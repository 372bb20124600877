package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.AnonymousAnalytics;
import com.goteleport.tbot.otel.config.ConfigException;
import com.goteleport.tbot.otel.config.Endpoints;
import com.goteleport.tbot.otel.export.OtlpJson;
import com.goteleport.tbot.otel.internal.export.CollectorPath;
import com.goteleport.tbot.otel.internal.export.ProxyRoute;
import com.goteleport.tbot.otel.internal.text.ShownWords;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.annotation.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Shows exactly what start, or exec for a command, would send, without sending, with or without consent. */
@Command(
    name = "preview",
    mixinStandardHelpOptions = true,
    // [OPTIONS] in the synopsis: the full one ran to seven lines of brackets and split --[no-]oneshot
    // across two; the options are listed one per line below it.
    abbreviateSynopsis = true,
    versionProvider = VersionProvider.class,
    footerHeading = HelpText.ENVIRONMENT_HEADING,
    footer = {HelpText.ENVIRONMENT, PreviewCommand.FOOTER},
    description = {
      "Prints the exact OTLP request start would send (OTLP JSON on stdout) and sends nothing.",
      "With --format text, prints the same event as lines of plain text, one field each.",
      "Given a COMMAND, prints what exec would send for it instead; the command is not run.",
      "A line on stderr says whether it would be sent with these settings, and where",
      "(and which setting chose the endpoint)."
    })
final class PreviewCommand implements Callable<Integer> {

  static final String FOOTER =
      "Exit status: 0, whether or not it would be sent; 1 for a bad config file or%n"
          + "endpoint, a Java runtime that cannot render the request, or a stdout that%n"
          + "cannot be written; 2 for bad flags or a command line the JVM's charset would%n"
          + "change.%n";

  @Mixin AnalyticsOptions options = new AnalyticsOptions();
  @Mixin PreviewAccepts accepted = new PreviewAccepts();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = PreviewFormat.Converter.class,
      description = "json (the default): the request as one line of OTLP JSON, for a program. text: the "
          + "same event, one field per line (attribute run_mode: continuous), for a person.")
  PreviewFormat format = PreviewFormat.JSON;

  @Parameters(
      paramLabel = "COMMAND",
      arity = "0..*",
      description = "As exec's, after '--' (-- tbot start -c FILE): read as exec reads it, never run.")
  List<String> command = new ArrayList<>();

  private final CliContext ctx;
  private CommandSpec spec;

  PreviewCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /** Everything from the first non-option on is COMMAND, as for exec. */
  @Spec
  void setSpec(CommandSpec spec) {
    this.spec = spec;
    spec.parser().stopAtPositional(true);
  }

  @Override
  public Integer call() throws ConfigException {
    String who = command.isEmpty() ? "start" : "exec";
    if (!command.isEmpty()) {
      ExecCommand.refuseUnpassable(spec, command, ctx.processEnvironment()); // as exec, before reading anything
    }
    // exec runs COMMAND's first word as a program: a flag or a shell's assignment there is no
    // program (127), so it would record nothing. Read on, the line would be blamed on a config that
    // cannot be seen, or said to be sent.
    String unrunnable = command.isEmpty() ? null : unrunnable(command.get(0));
    if (unrunnable != null) {
      return recordsNothing(unrunnable);
    }
    // COMMAND's line, read once as exec reads it, and handed on; null for start's preview.
    ShellString.Line line = command.isEmpty() ? null : ShellString.commandLine(command, ctx.env());
    StartInputs inputs =
        line == null ? StartInputs.resolve(options, ctx.env()) : StartInputs.forCommand(options, line, ctx.env());
    if (inputs == null) {
      return recordsNothing(TbotCommand.of(line, ctx.env()).whyNotCounted());
    }
    String request;
    try {
      request = format == PreviewFormat.TEXT // in the platform's line breaks, as println ends it
          ? OtlpJson.exportRequestLines(inputs.event()).stripTrailing().replace("\n", System.lineSeparator())
          : OtlpJson.exportRequest(inputs.event());
    } catch (IllegalStateException e) { // the Java runtime cannot render it: one line saying why
      // The SDK reads the environment as it builds: where the JVM cannot, that is the cause to name,
      // not the NoClassDefFoundError it left.
      String unreadable = ctx.processEnvironment() ? Main.unreadableEnvironment() : null;
      ctx.err().println("tbot-otel: cannot render the preview: " + (unreadable != null ? unreadable : e.getMessage()));
      return Main.EXIT_FAILURE;
    }
    ctx.out().println(request);
    for (String replaced : inputs.replacements()) {
      ctx.err().println("tbot-otel: " + replaced + ".");
    }
    if (ctx.out().checkError()) {
      // A full disk or a closed pipe: PrintStream keeps quiet about it, and a script would take an
      // empty or cut file for what would be sent.
      ctx.err().println("tbot-otel: cannot write the preview to stdout; nothing was sent.");
      return Main.EXIT_FAILURE;
    }
    ctx.err().println(
        "tbot-otel: preview only, nothing was sent. With these settings " + who + " " + verdict(inputs, line));
    return 0;
  }

  private int recordsNothing(String why) {
    ctx.err().println("tbot-otel: preview only, nothing was sent. exec would record nothing: " + why + ".");
    return 0;
  }

  /**
   * Why exec could not run COMMAND's first word, {@code program}, or {@code null}: a flag put after
   * '--' by mistake (preview -- --debug), or a shell's assignment, which no shell runs here to set
   * (preview -- TELEPORT_BOT_TOKEN=... tbot start). Named as exec's own error names it, never with a
   * value.
   */
  @Nullable
  private static String unrunnable(String program) {
    if (ExecCommand.isFlag(program)) {
      return "COMMAND starts with a flag, " + ExecCommand.shownFlag(program) + ", which exec could not run (exit "
          + "127): name the program first (preview -- tbot start ...), and put tbot-otel's own flags before '--'";
    }
    if (ShellStringWords.isAssignment(program)) {
      String name = ExecCommand.shownName(program);
      return "COMMAND starts with a variable's assignment, " + ExecCommand.shownAssignment(program) + ", which exec "
          + "could not run (exit 127): no shell runs here to set it; put env in front (preview -- env "
          + (name != null ? name : "NAME") + "=VALUE tbot ...)";
    }
    return null;
  }

  /**
   * What start, or exec, would do with the request: send it, and where, or not, and which source
   * said so. With an exit timeout of 0, start's close would give the send up before it could
   * connect, so start sends nothing (it builds nothing); exec's send has tbot's run to happen in,
   * and still goes. {@code line}: exec's command line, as read ({@code null} for start).
   */
  private String verdict(StartInputs inputs, @Nullable ShellString.Line line) {
    String why = " (" + inputs.consentReason() + ").";
    if (!inputs.consent().granted()) {
      return "would send nothing" + why;
    }
    if (command.isEmpty() && accepted.exitTimeout != null && accepted.exitTimeout.isZero()) {
      return "would send nothing, as an exit timeout of 0 cancels the send at once" + why;
    }
    String tbotCounts =
        line == null ? null : TbotTelemetryHandoff.countedByTbot(line, ctx.env(), accepted.keepTbotTelemetry);
    if (tbotCounts != null) {
      return "would send nothing, as " + tbotCounts + why;
    }
    URI to = inputs.endpoint() == null ? URI.create(AnonymousAnalytics.DEFAULT_ENDPOINT) : inputs.endpoint();
    // Which setting to change, where several may set it: a misspelled variable shows as the default.
    String from = inputs.endpointSource() == null ? "the default endpoint" : "endpoint from " + inputs.endpointSource();
    return "would send it to " + shown(to) + ProxyRoute.describe(to, ctx.env()) + " (" + inputs.consentReason() + "; "
        + from + ")." + pathWarning(to) + portWarning(to);
  }

  /**
   * A warning for an endpoint whose path a collector takes no logs at ({@link CollectorPath}), or
   * "": its URL is used as given, so a collector's address without {@code /v1/logs} is posted to
   * {@code /}, answered 404 (the send's {@code --debug} line says so too, after the fact). Another
   * path is not quoted, as {@link #shown} does not: it may hold a secret.
   */
  private static String pathWarning(URI to) {
    switch (CollectorPath.of(to)) {
      case NONE:
        return " Its URL names no path, so it would post to /: a collector takes OTLP logs at /v1/logs and answers"
            + " 404 elsewhere; give " + Endpoints.origin(to) + "/v1/logs.";
      case UNCLEAN:
        return " Its path has an empty, . or .. segment: a collector answers it with a redirect to the cleaned path,"
            + " which the send does not follow; give the path without them.";
      case OTHER:
        return " Its path does not end in /v1/logs, where a collector takes OTLP logs: unless a reverse proxy in"
            + " front of the collector routes it there, the send is answered 404.";
      default:
        return "";
    }
  }

  /** A warning for OTLP/gRPC's port, where an OTLP/HTTP request fails as a reset or a closed answer. */
  private static String portWarning(URI to) {
    return to.getPort() == 4317
        ? " Port 4317 is OTLP/gRPC's: a collector takes OTLP/HTTP, which start sends, on 4318 by default."
        : "";
  }

  /**
   * {@code to} whole where its path is plain words ({@code /v1/logs}); else its scheme, host and
   * port, as start's notice names it: a collector may take a token in its path, and this line
   * lands in CI logs too.
   */
  private static String shown(URI to) {
    return ShownWords.plainUrlPath(to.getRawPath())
        ? to.toString()
        : Endpoints.origin(to) + "/... (path not shown: it may hold a secret)";
  }
}
