package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.config.TbotConfigReader;
import com.goteleport.tbot.otel.event.DestinationCounts;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The merge rule of exec's own flags and tbot's command line, and start's flags taken as given. */
class StartFlagsTest {

  /** exec's flags {@code own} merged with tbot's command line {@code line}, as exec merges them. */
  static StartFlags merged(AnalyticsOptions own, String... line) {
    List<String> command = List.of(line);
    return StartFlags.merge(own, ChildArgs.parse(command), TbotCommand.of(command));
  }

  @Test
  void startTakesItsFlagsAsGivenWithNoCommandLineBehindThem() {
    AnalyticsOptions own = new AnalyticsOptions();
    own.config = "own.yaml";
    own.optOut(true);
    own.endpoint = "http://127.0.0.1:4318/v1/logs";
    own.oneshot = false;
    own.joinMethod = "github";
    own.destinationDir = "/out";
    own.tbotVersion = "18.1.0";
    assertEquals(new StartFlags("own.yaml", null, Boolean.FALSE, "--no-anonymous-analytics",
        "http://127.0.0.1:4318/v1/logs", false, "github",
        "/out", "18.1.0", DestinationCounts.NONE, false, false, null), StartFlags.of(own));
  }

  @Test
  void withoutItsOwnConfigExecReadsTbotsConfigFileOrString() {
    StartFlags file = merged(new AnalyticsOptions(), "tbot", "start", "-c", "child.yaml");
    assertEquals("child.yaml", file.config());
    assertNull(file.configString());
    assertNull(file.shadowedCommand(), "nothing is shadowed");
    StartFlags string = merged(new AnalyticsOptions(), "tbot", "start", "--config-string", "e30=");
    assertNull(string.config());
    assertEquals("e30=", string.configString());
  }

  @Test
  void execsOwnConfigReplacesTbotsWhichIsStillAskedForANo() {
    List<String> line = List.of("tbot", "start", "-c", "child.yaml", "--config-string", "e30=");
    for (String config : new String[] {"own.yaml", ""}) { // given empty, it is still exec's own
      AnalyticsOptions own = new AnalyticsOptions();
      own.config = config;
      StartFlags flags = merged(own, line.toArray(new String[0]));
      assertEquals(config, flags.config());
      assertEquals("", flags.configString(), "given empty: TBOT_CONFIG is not read either");
      assertEquals(ChildArgs.parse(line), flags.shadowedCommand());
    }
  }

  @ParameterizedTest(name = "exec {0}, tbot {1}: {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "-     | -                         | -",
        "-     | --anonymous-analytics     | -", // tbot's yes is tbot's own, not exec's
        "-     | --no-anonymous-analytics  | false",
        "true  | -                         | true",
        "true  | --anonymous-analytics=0   | false",
        "false | -                         | false",
        "false | --anonymous-analytics     | false",
      })
  void aNoOnEitherSideIsANoAndOnlyExecsYesIsAYes(
      @Nullable Boolean execs, @Nullable String tbots, @Nullable Boolean expected) {
    AnalyticsOptions own = new AnalyticsOptions();
    if (execs != null) {
      own.optIn(execs);
    }
    assertEquals(expected, merged(own, line(tbots, "start")).consentFlag());
  }

  @ParameterizedTest(name = "exec {0}, tbot {1} {2}: {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        // tbot's classic start sets oneshot from --no-oneshot when given; its start KIND commands
        // only ever turn it on (start_legacy.go and start_shared.go in tbot's cli package).
        "-     | --no-oneshot | start          | false",
        "-     | --no-oneshot | start legacy   | false",
        "-     | --no-oneshot | start identity | -",
        "-     | --oneshot    | start identity | true",
        "-     | --oneshot    | start          | true",
        "-     | -            | start          | -",
        // exec's own flag wins either way
        "true  | --no-oneshot | start          | true",
        "false | --oneshot    | start identity | false",
      })
  void execsOneshotWinsAndTbotsNoCountsOnlyInTheClassicStart(
      @Nullable Boolean execs, @Nullable String tbots, String command, @Nullable Boolean expected) {
    AnalyticsOptions own = new AnalyticsOptions();
    own.oneshot = execs;
    assertEquals(expected, merged(own, line(tbots, command)).oneshot());
  }

  @Test
  void execsJoinMethodAndDestinationWinElseTbotsFillIn() {
    String[] line = {"tbot", "start", "--join-method", "github", "--destination-dir", "/out"};
    StartFlags filled = merged(new AnalyticsOptions(), line);
    assertEquals("github", filled.joinMethod());
    assertEquals("/out", filled.destinationDir());
    AnalyticsOptions own = new AnalyticsOptions();
    own.joinMethod = "kubernetes";
    own.destinationDir = "/own";
    StartFlags kept = merged(own, line);
    assertEquals("kubernetes", kept.joinMethod());
    assertEquals("/own", kept.destinationDir());
    // Given empty, exec's flag is not given, as start's is: tbot's own fills in, which tbot uses.
    own.joinMethod = "";
    own.destinationDir = "";
    StartFlags empty = merged(own, line);
    assertEquals("github", empty.joinMethod());
    assertEquals("/out", empty.destinationDir());
  }

  @Test
  void outputsAndOnboardingComeFromTheCommandLineAndTheRestFromExec() {
    AnalyticsOptions own = new AnalyticsOptions();
    own.endpoint = "http://127.0.0.1:4318/v1/logs";
    own.tbotVersion = "18.1.0";
    StartFlags flags = merged(own, "tbot", "start", "database", "--token", "abc", "--destination", "/db");
    assertEquals(TbotConfigReader.oneOutput("database"), flags.commandOutputs());
    assertTrue(flags.onboardingFromCommand());
    assertTrue(flags.tokenFromCommand());
    assertEquals("http://127.0.0.1:4318/v1/logs", flags.endpoint());
    assertEquals("18.1.0", flags.tbotVersion());
    StartFlags emptyToken = merged(new AnalyticsOptions(), "tbot", "start", "--token=");
    assertFalse(emptyToken.onboardingFromCommand());
    assertTrue(emptyToken.tokenFromCommand());
    StartFlags none = merged(new AnalyticsOptions(), "tbot", "start");
    assertEquals(DestinationCounts.NONE, none.commandOutputs());
    assertFalse(none.tokenFromCommand());
    assertNull(none.destinationDir());
  }

  /** {@code tbot COMMAND... FLAG}, without the flag if {@code null}. */
  private static String[] line(@Nullable String flag, String command) {
    List<String> line = new ArrayList<>(List.of("tbot"));
    line.addAll(List.of(command.split(" ")));
    if (flag != null) {
      line.add(flag);
    }
    return line.toArray(new String[0]);
  }
}
