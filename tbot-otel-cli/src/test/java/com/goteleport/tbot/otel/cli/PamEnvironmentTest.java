package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PAM session's pam_env sets its command's variables from files: checked on Debian 12 with
 * DO_NOT_TRACK=1 in /etc/environment, {@code su nobody -s /bin/sh -c 'echo $DO_NOT_TRACK'} printed
 * 1, and with Ubuntu's /etc/pam.d/sudo ({@code session required pam_env.so readenv=1}) {@code sudo
 * -u nobody env} showed it too. exec does not read those files: where one names a variable that may
 * say no (or tbot's config), a tbot behind su, sudo, runuser or doas records nothing. Red before:
 * sudo's tbot was counted, the no lost.
 */
class PamEnvironmentTest {

  @TempDir Path dir;

  private int roots;

  /** A machine tree with the fixture's etc/passwd and {@code text} at {@code file}. */
  private Path root(String file, String text) throws IOException {
    Path root = dir.resolve("root" + roots++);
    Files.createDirectories(root.resolve("etc"));
    Files.createDirectories(root.resolve(file).getParent());
    Files.writeString(root.resolve(file), text);
    Files.copy(SystemFilesFixture.ROOT.resolve("etc/passwd"), root.resolve("etc/passwd"));
    return root;
  }

  private static boolean counted(Path root, String... line) {
    return SystemFilesFixture.under(root, () -> TbotCommand.of(List.of(line), Map.of()).counted());
  }

  @Test
  void aNoThePamSessionMaySetRecordsNothingBehindItsLaunchers() throws IOException {
    List<Path> roots = List.of(
        root("etc/environment", "PATH=\"/usr/bin\"\nDO_NOT_TRACK=1\n"),
        root("etc/security/pam_env.conf", "TBOT_CONFIG_PATH DEFAULT=/etc/no.yaml\n"),
        root("etc/default/locale", "export TELEPORT_ANONYMOUS_TELEMETRY=0\n"),
        root("usr/etc/environment", "OTEL_SDK_DISABLED=true\n"),
        root("etc/environment", "TBOT_CONFIG=e30K\n"),
        // As Consent reads it: OpenTelemetry Java's spellings of the same name.
        root("etc/environment", "otel_sdk_disabled=true\n"),
        root("etc/security/pam_env.conf", "Otel_Sdk_Disabled DEFAULT=true\n"));
    for (Path root : roots) {
      for (String[] line : List.of(new String[] {"sudo", "-u", "bot", "tbot", "start", "-c", "tbot.yaml"},
          new String[] {"su", "bot", "-c", "tbot start -c tbot.yaml"},
          new String[] {"runuser", "-u", "bot", "--", "tbot", "start"},
          new String[] {"doas", "-u", "bot", "tbot", "start"},
          new String[] {"nice", "sudo", "tbot", "start"})) {
        assertFalse(counted(root, line), root + " " + List.of(line));
      }
      assertTrue(counted(root, "nice", "tbot", "start"), "no PAM session: " + root);
      assertTrue(counted(root, "flock", "/tmp/l", "tbot", "start"), "flock opens none: " + root);
    }
  }

  @Test
  void filesThatNameNoneLeaveTheLineRead() throws IOException {
    Path root = root("etc/environment", "PATH=\"/usr/local/bin:/usr/bin\"\nLANG=C.UTF-8\n");
    assertTrue(counted(root, "sudo", "-u", "bot", "tbot", "start", "-c", "tbot.yaml"));
    assertTrue(counted(root, "su", "bot", "-c", "tbot start -c tbot.yaml"));
    assertTrue(counted(SystemFilesFixture.ROOT, "sudo", "tbot", "start"), "none there at all");
  }

  @Test
  void aLineOfManySessionsReadsTheFilesOnce() throws IOException {
    // The files are the machine's, the same for each su, sudo, runuser or doas on the line: read
    // once for it, at the first. Red before: read again for each, 40 us a word, 2 to 3 s of CPU for
    // TbotCommandTest's line of 60 000 (here 6 reads for 6, and 0 for a line with none).
    CountedFiles files = new CountedFiles(root("etc/environment", "LANG=C.UTF-8\n"));
    String[] line = {"sudo", "su", "runuser", "doas", "sudo", "su", "tbot", "start"};
    assertTrue(SystemFilesFixture.under(files.root(), () -> TbotCommand.of(List.of(line), Map.of()).counted()));
    assertEquals(1, files.opened("etc/environment"), List.of(line).toString());
    assertTrue(SystemFilesFixture.under(files.root(), () -> TbotCommand.of(List.of("nice", "tbot", "start"), Map.of())
        .counted()));
    assertEquals(1, files.opened("etc/environment"), "no PAM session on the line");
  }

  @Test
  void aFileThatCannotBeReadWholeMay() throws IOException {
    // A FIFO would block a read (never opened: not a regular file); a directory, or a file over
    // the bound, is not read either: each may hold a no.
    Path fifo = root("etc/default/locale", "");
    Files.delete(fifo.resolve("etc/default/locale"));
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.resolve("etc/default/locale").toString()).start();
    try {
      assertEquals(0, mkfifo.waitFor());
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    Path directory = root("etc/security/x", "");
    Files.createDirectories(directory.resolve("etc/environment"));
    Path large = root("etc/environment", "A=" + "x".repeat((1 << 20) + 1) + "\n");
    for (Path root : List.of(fifo, directory, large)) {
      assertFalse(counted(root, "sudo", "tbot", "start"), root.toString());
    }
  }
}
