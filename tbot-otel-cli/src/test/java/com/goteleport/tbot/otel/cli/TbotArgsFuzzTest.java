package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.goteleport.tbot.otel.consent.Consent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Any command line as exec's COMMAND, read as exec reads tbot's (docs/testing.md, Fuzzing): the
 * input is the arguments, program first, separated by NUL bytes, as in /proc/PID/cmdline.
 */
class TbotArgsFuzzTest {

  // The RFD's no, as a flag tbot is given: each spelling ChildArgs documents.
  private static final List<String> NO_FLAGS = List.of(
      "--no-anonymous-analytics", "--no-anonymous-analytics=true", "--anonymous-analytics=false",
      "--anonymous-analytics=0", "--anonymous-analytics=F");

  private static final Map<String, String> YES = Map.of(Consent.ENV_TELEPORT, "1");
  private static final Map<String, String> NO = Map.of(Consent.ENV_TELEPORT, "0");

  /**
   * Holds that reading the line (TbotCommand, ChildArgs, Launcher, StartFlags.merge) never throws;
   * and that a no is never outvoted, as Consent and StartFlags.merge document ("a no from either
   * side is a no"), with every other source saying yes (exec's --anonymous-analytics,
   * TELEPORT_ANONYMOUS_TELEMETRY=1, a config file's yes): a no flag added to tbot's own arguments
   * (after the program, or before their first --), TELEPORT_ANONYMOUS_TELEMETRY=0 in exec's
   * environment, or {@code env} (or {@code sudo}) {@code TELEPORT_ANONYMOUS_TELEMETRY=0} in front of
   * any line, leading, behind another launcher ({@code nice}, {@code timeout 10}) or in {@code env
   * -S}'s string.
   */
  @FuzzTest(maxDuration = "3m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void commandLine(byte[] bytes) {
    List<String> command = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\0", -1)));
    if (command.get(0).isEmpty() && command.size() == 1) {
      return; // exec refuses an empty COMMAND before reading it
    }
    AnalyticsOptions yes = new AnalyticsOptions();
    yes.optIn = true;

    Consent consent = consent(yes, command, YES);
    assertNotNull(consent);
    TbotCommand what = TbotCommand.of(command);
    assertNotNull(what.describe());
    ShellString.commandLine(command, Map.of());
    ChildArgs.parse(command).configElsewhere(LauncherEnvironment.environment(command, YES));
    LauncherEnvironment.asTbotGetsIt(command, YES);
    LauncherDirectory.directory(command);

    assertTrue(consent(yes, command, NO).refused(), "TELEPORT_ANONYMOUS_TELEMETRY=0 outvoted");
    // In front of any line, whether it names tbot or not (a wrapper's start counts too).
    // Leading, behind another launcher (nice, timeout 10), or in env -S's string.
    List<List<String>> launchers = List.of(List.of("env", Consent.ENV_TELEPORT + "=0"),
        List.of("sudo", Consent.ENV_TELEPORT + "=0"), List.of("nice", "env", Consent.ENV_TELEPORT + "=0"),
        List.of("timeout", "10", "sudo", Consent.ENV_TELEPORT + "=0"), List.of("env", "-S", Consent.ENV_TELEPORT + "=0"));
    List<String> launcher = launchers.get(bytes.length % launchers.size());
    List<String> underEnv = new ArrayList<>(launcher);
    underEnv.addAll(command);
    assertTrue(consent(yes, underEnv, YES).refused(), launcher + " outvoted");

    List<String> line = Launcher.tbotLine(command);
    if (line.isEmpty() || !ProgramName.isTbot(line.get(0)) || ShellString.commandLine(command, Map.of()).words() != command) {
      return; // not tbot: its flags are another program's (a shell's, whose string tbot's words are)
    }
    int tbot = command.size() - line.size();
    String no = NO_FLAGS.get(bytes.length % NO_FLAGS.size());
    int dashes = line.indexOf("--");
    for (int at : new int[] {tbot + 1, dashes < 0 ? command.size() : tbot + dashes}) {
      List<String> withNo = new ArrayList<>(command);
      withNo.add(at, no);
      assertTrue(consent(yes, withNo, YES).refused(), no + " at " + at + " outvoted");
    }
  }

  /**
   * exec's consent for {@code command}, as StartInputs.forCommand resolves it, with a config file's
   * yes; a no where exec records nothing: a shell's string it does not parse, or a line it does not
   * count (one that runs nothing, as {@code sh -c ''} with tbot in $0's place). Config words in
   * front of tbot ({@link ConfigsInFront}) are left out: they only add a no, read from files.
   */
  private static Consent consent(AnalyticsOptions own, List<String> command, Map<String, String> env) {
    List<String> line = ShellString.commandLine(command, env).words(); // null: no line read
    if (line == null || !TbotCommand.of(command, env).counted()) {
      return Consent.resolve(Boolean.FALSE, null, Map.of()); // nothing recorded, so nothing sent
    }
    StartFlags flags = StartFlags.merge(own, ChildArgs.parse(line), TbotCommand.of(command, env));
    return Consent.resolve(flags.consentFlag(), Boolean.TRUE, LauncherEnvironment.environment(line, env));
  }
}
