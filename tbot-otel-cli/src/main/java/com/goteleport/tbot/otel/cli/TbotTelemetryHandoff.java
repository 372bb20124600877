package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.internal.env.GoBool;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Keeps one start from being counted twice. Today's Go tbot sends its own start event when {@value
 * Consent#ENV_TELEPORT} parses as true with Go's {@code strconv.ParseBool}; exec counts the same
 * start. So when that variable would turn tbot's own telemetry on, exec takes it over: the child
 * gets {@code TELEPORT_ANONYMOUS_TELEMETRY=0}, unless {@code --keep-tbot-telemetry} is given.
 *
 * <p>This is decided from the environment alone, before the child starts, so it never waits for
 * tbot's config to be read. Consequences, all in the direction of sending less: if exec then does
 * not send (another source says no, or the config cannot be read), the start is not counted at
 * all; a "no" given to exec (a flag, {@code DO_NOT_TRACK}) also silences tbot's own telemetry. A
 * yes set on tbot's command line, which exec does not rewrite, is left to tbot ({@link
 * #countedByTbot}).
 */
final class TbotTelemetryHandoff {

  private TbotTelemetryHandoff() {}

  /** Whether today's Go tbot would send its own telemetry with this environment. */
  static boolean tbotWouldSend(Map<String, String> env) {
    String value = env.get(Consent.ENV_TELEPORT);
    return value != null && GoBool.TRUE.contains(value);
  }

  /**
   * Why exec leaves the count to tbot, or {@code null}: a launcher on tbot's command line turns
   * tbot's own telemetry on after the handoff ({@code env TELEPORT_ANONYMOUS_TELEMETRY=1 tbot
   * start}), and exec passes that line on as given, so tbot counts the start itself. Unless kept,
   * exec does not count it again.
   */
  @Nullable
  static String countedByTbot(ShellString.Line command, Map<String, String> env, boolean keepTbotTelemetry) {
    // As ShellString reads it: a shell's plain -c string sets its NAME=VALUE too. null: no line read for tbot.
    List<String> line = command.words();
    if (keepTbotTelemetry || line == null
        || !tbotWouldSend(LauncherEnvironment.asTbotGetsIt(line, childEnvironment(env, false)))) {
      return null;
    }
    return "tbot sends its own start event: " + Consent.ENV_TELEPORT + " turns it on on tbot's command line,"
        + " which exec passes on as given (--keep-tbot-telemetry sends both)";
  }

  /** The child's environment: {@code env}, with tbot's own telemetry turned off unless kept. */
  static Map<String, String> childEnvironment(Map<String, String> env, boolean keepTbotTelemetry) {
    Map<String, String> child = Main.mutableCopy(env);
    if (!keepTbotTelemetry && tbotWouldSend(env)) {
      child.put(Consent.ENV_TELEPORT, "0");
    }
    return child;
  }
}
