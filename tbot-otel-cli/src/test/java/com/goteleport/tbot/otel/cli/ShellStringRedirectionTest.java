package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.cli.ShellString.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a shell string's output redirections are read (ShellString.plainWords, redirection, added,
 * commandWords): cases PIT (2026-12-05) found untested, and one gap found beside them.
 * ShellStringLineTest has the tables of accepted and refused shapes.
 */
class ShellStringRedirectionTest {

  private static final Map<String, String> NONE = Map.of();

  @TempDir Path dir;

  /**
   * A config that is a link to exec's own output passes the text check (no dev/ in its name): with
   * its stdout appended to a file (a unit's StandardOutput=file:), tbot, whose output the string
   * moves, reads the string's target there, exec its own output. Refused by what the path is
   * (stat only). Red before: read, and a review's preview said it would send while such a tbot read
   * a no.
   */
  @Test
  void aConfigThatIsExecsOwnOutputIsRefused() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("cfg.yaml"), Paths.get("/proc/self/fd/1"));
    Path stderr = Files.createSymbolicLink(dir.resolve("err.yaml"), Paths.get("/proc/self/fd/2"));
    for (Path config : List.of(link, stderr)) {
      assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("sh", "-c", "tbot start -c " + config + " >> tbot.yaml"), NONE).kind());
      assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("sh", "-c", "tbot start --config=" + config + " >> tbot.yaml"), NONE).kind());
      assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("env", "TBOT_CONFIG_PATH=" + config, "sh", "-c", "tbot start > x"), NONE).kind());
      List<String> passedOn = List.of("sh", "-c", "exec \"$@\" >> tbot.yaml 2>&1", "sh", "tbot", "start", "-c",
          config.toString());
      assertEquals(Kind.BEHIND_A_STRING, ShellString.commandLine(passedOn, NONE).kind(), "behind a pass-through");
    }
    Path plain = Files.writeString(dir.resolve("tbot.yaml"), "version: v2\n");
    assertEquals(List.of("tbot", "start", "-c", plain.toString()),
        ShellString.commandLine(List.of("sh", "-c", "tbot start -c " + plain + " >> tbot.log 2>&1"), NONE).words());
  }

  /**
   * A config named relative to a directory of file descriptors ({@code env -C /dev}, {@code sudo -D
   * /proc/self/fd}) is one too: under {@code >> tbot.yaml} tbot reads tbot.yaml through its
   * stdout, exec its own stdout. Refused as commandWords says, where the directory is given without
   * its trailing slash as well. Red before: {@code env -C /dev} and {@code --chdir=/proc} were read.
   */
  @Test
  void aDirectoryOfFileDescriptorsInFrontOfTheShellIsRefused() {
    for (List<String> line : List.of(List.of("env", "-C", "/dev", "sh", "-c", "tbot start -c stdout >> tbot.yaml"),
        List.of("env", "-C/dev", "sh", "-c", "tbot start -c stdout >> tbot.yaml"),
        List.of("env", "--chdir=/proc", "sh", "-c", "tbot start -c self/fd/1 >> tbot.yaml"),
        List.of("env", "-C", "/dev/", "sh", "-c", "tbot start -c stdout >> tbot.yaml"),
        List.of("env", "--chdir=dev", "sh", "-c", "tbot start -c stdout >> tbot.yaml"),
        List.of("sh", "-c", "tbot start -c /dev >> tbot.yaml"))) {
      assertEquals(Kind.NOT_READ, ShellString.commandLine(line, NONE).kind(), line.toString());
    }
    // A word that merely has dev or proc in it, or ends in them, is no such directory.
    assertEquals(List.of("tbot", "start", "-c", "/etc/tbot/devices.yaml"),
        ShellString.commandLine(List.of("sh", "-c", "tbot start -c /etc/tbot/devices.yaml >> tbot.log"), NONE).words());
    assertEquals(List.of("env", "-C", "/srv/tbot-dev", "tbot", "start", "--name", "svc-proc"), ShellString.commandLine(
        List.of("env", "-C", "/srv/tbot-dev", "sh", "-c", "tbot start --name svc-proc >> tbot.log"), NONE).words());
  }

  /**
   * A string that ends in {@code >&} or {@code 2>&} is a syntax error (bash 5.2, dash and busybox
   * sh exit 2, running nothing): not read, and exec throws nothing looking past its end. One that
   * ends in a word of one digit passes it to tbot ({@code echo a 2} prints "a 2").
   */
  @Test
  void aDupCutShortAtTheEndIsRefusedAndALastDigitIsAWord() {
    for (String string : List.of("tbot start >&", "tbot start 2>&", "tbot start -c tbot.yaml >log 1>&")) {
      for (List<String> line : List.of(List.of("sh", "-c", string), List.of("bash", "-c", string),
          List.of("busybox", "sh", "-c", string))) {
        assertEquals(Kind.NOT_READ, ShellString.commandLine(line, NONE).kind(), line.toString());
      }
    }
    assertEquals(List.of("tbot", "start", "-c", "tbot.yaml", "2"),
        ShellString.commandLine(List.of("sh", "-c", "tbot start -c tbot.yaml 2"), NONE).words());
    assertEquals(List.of("tbot", "start", "2"), ShellString.commandLine(List.of("sh", "-c", "tbot start 2\n"), NONE).words());
  }
}
