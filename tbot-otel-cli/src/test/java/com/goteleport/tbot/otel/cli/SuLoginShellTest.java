package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.goteleport.tbot.otel.cli.ShellString.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * su (and runuser without -u) runs its string in the target user's login shell from the password
 * database: zsh reads ~/.zshenv and fish its config.fish even for a -c string, either of which may
 * export DO_NOT_TRACK, so a string su hands to them is not read (nothing recorded), as an explicit
 * {@code zsh -c} without -f is not. Where that shell is unknown (a user only in LDAP, say), bash is
 * assumed, as before.
 */
class SuLoginShellTest {

  @TempDir Path dir;

  private Path passwd() throws IOException {
    return Files.writeString(dir.resolve("passwd"), String.join("\n",
        "root:x:0:0:root:/root:/bin/bash",
        "zed:x:1001:1001:Zed,,,:/home/zed:/usr/bin/zsh",
        "fin:x:1002:1002::/home/fin:/usr/bin/fish",
        "bea:x:1003:1003::/home/bea:/bin/bash",
        "dee:x:1004:1004::/home/dee:/bin/dash",
        "emp:x:1005:1005::/home/emp:",
        "tsh:x:1006:1006::/home/tsh:/bin/tcsh",
        ""), StandardCharsets.ISO_8859_1);
  }

  private int roots;

  /** StringHandOff's answer with {@code passwd} (maybe missing, or a directory) as etc/passwd. */
  private String shell(Map<String, String> env, Path passwd, String... line) {
    List<String> words = List.of(line);
    try {
      Path root = Files.createDirectories(dir.resolve("root" + roots++).resolve("etc")).getParent();
      if (Files.isDirectory(passwd)) {
        Files.createDirectories(root.resolve("etc/passwd"));
      } else if (Files.exists(passwd)) {
        Files.copy(passwd, root.resolve("etc/passwd"));
      }
      return SystemFilesFixture.under(root, () -> StringHandOff.shell(words.get(0), env, List.of(), words, 1));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theTargetUsersLoginShellRunsTheString() throws IOException {
    Path p = passwd();
    assertEquals("zsh", shell(Map.of(), p, "su", "zed", "-c", "tbot start"));
    assertEquals("fish", shell(Map.of(), p, "su", "fin", "-c", "tbot start"));
    assertEquals("tcsh", shell(Map.of(), p, "su", "-c", "tbot start", "tsh"), "getopt permutes: user after -c");
    assertEquals("bash", shell(Map.of(), p, "su", "bea", "-c", "tbot start"));
    assertEquals("dash", shell(Map.of(), p, "runuser", "dee", "-c", "tbot start"));
    assertEquals("sh", shell(Map.of(), p, "su", "emp", "-c", "tbot start"), "an empty shell field is /bin/sh");
    assertEquals("bash", shell(Map.of(), p, "su", "-c", "tbot start"), "no user: root");
    assertEquals("zsh", shell(Map.of(), p, "su", "-c", "tbot start", "--", "zed"));
  }

  @Test
  void aShellThatReadsItsStartupFilesIsNotRead() throws IOException {
    Path p = passwd();
    for (String user : List.of("zed", "fin", "tsh")) {
      assertFalse(ShellOptions.readsNoStartupFile(shell(Map.of(), p, "su", user, "-c", "tbot start")), user);
    }
  }

  @Test
  void anUnknownUserOrDatabaseIsAssumedBash() throws IOException {
    assertEquals("bash", shell(Map.of(), passwd(), "su", "ldapuser", "-c", "tbot start"));
    assertEquals("bash", shell(Map.of(), dir.resolve("missing"), "su", "zed", "-c", "tbot start"));
    assertEquals("bash", shell(Map.of(), dir, "su", "zed", "-c", "tbot start"), "a directory, not a file");
  }

  @Test
  void shellOptionAndPreservedShellNeverHideALoginShellThatReadsStartupFiles() throws IOException {
    Path p = passwd();
    assertEquals("dash", shell(Map.of(), p, "su", "-s", "/bin/dash", "bea", "-c", "tbot start"));
    assertEquals("dash", shell(Map.of(), p, "su", "--shell=/bin/dash", "bea", "-c", "tbot start"));
    // A caller other than root gets the login shell where it is not in /etc/shells: zsh may run.
    assertEquals("zsh", shell(Map.of(), p, "su", "-s", "/bin/sh", "zed", "-c", "tbot start"));
    // -m, -p, --preserve-environment: $SHELL, as exec's or set in front of su, where set.
    assertEquals("fish", shell(Map.of("SHELL", "/usr/bin/fish"), p, "su", "-m", "bea", "-c", "tbot start"));
    assertEquals("fish", shell(Map.of("SHELL", "/usr/bin/fish"), p, "su", "--preserve", "bea", "-c", "tbot start"));
    assertEquals("bash", shell(Map.of("SHELL", "/bin/bash"), p, "su", "-p", "bea", "-c", "tbot start"));
    assertEquals("bash", shell(Map.of("SHELL", "/usr/bin/fish"), p, "su", "bea", "-c", "tbot start"), "no -m");
    assertEquals("zsh", shell(Map.of("SHELL", "/bin/bash"), p, "su", "-m", "zed", "-c", "tbot start"));
  }

  @Test
  void onThisMachineSuToAUserWithoutAShellIsNotRead() throws IOException {
    // The real password database: a system user whose shell is nologin or false (nobody, daemon)
    // runs no string at all; exec read it as bash's and counted tbot. Now: not read, nothing recorded.
    String user = null;
    for (String entry : Files.readAllLines(Paths.get("/etc/passwd"), StandardCharsets.ISO_8859_1)) {
      String[] f = entry.split(":", -1);
      if (f.length == 7 && (f[6].endsWith("/nologin") || f[6].endsWith("/false")) && !f[0].isEmpty()) {
        user = f[0];
        break;
      }
    }
    assertNotNull(user, "this machine's /etc/passwd has a user without a login shell (nobody, daemon)");
    List<String> nologin = List.of("su", user, "-c", "tbot start -c tbot.yaml");
    assertEquals(Kind.NOT_READ,
        SystemFilesFixture.under(Paths.get("/"), () -> ShellString.commandLine(nologin, Map.of())).kind(), user);
    List<String> unknown = List.of("su", "no-such-user-here", "-c", "tbot start");
    assertEquals(Kind.READ, SystemFilesFixture.under(Paths.get("/"), () -> ShellString.commandLine(unknown, Map.of())).kind());
  }

  @Test
  void suRunsItsStringInItsShellOptionsShellWithThatShellsRules() {
    // rbash refuses output redirections and runs no tbot: read as rbash's, not bash's.
    assertEquals(List.of("su", "--", "tbot", "start"), ShellString.commandLine(
        List.of("su", "-s", "/bin/bash", "no-such-user-here", "-c", "tbot start > /var/log/tbot.log"), Map.of()).words());
    assertEquals(Kind.NOT_READ, ShellString.commandLine(
        List.of("su", "-s", "/bin/rbash", "no-such-user-here", "-c", "tbot start > /var/log/tbot.log"), Map.of()).kind());
  }

  // review 2026-12-05
  @Test
  void aPasswdLineIsFoundAsGlibcFindsItAfterLeadingBlanks() throws IOException {
    // glibc's files backend skips a line's leading blanks (checked with a throwaway user whose
    // line began with two spaces: getent passwd found it, su ran its zsh, and ~/.zshenv's
    // DO_NOT_TRACK=1 reached the command). Red before: not found, bash assumed, the string read.
    Path p = Files.writeString(dir.resolve("passwd"), String.join("\n",
        "  zed:x:1001:1001::/home/zed:/usr/bin/zsh",
        "\tfin:x:1002:1002::/home/fin:/usr/bin/fish",
        " #bea:x:1003:1003::/home/bea:/usr/bin/zsh",
        "bea:x:1003:1003::/home/bea:/bin/bash",
        ""), StandardCharsets.ISO_8859_1);
    assertEquals("zsh", shell(Map.of(), p, "su", "zed", "-c", "tbot start"));
    assertEquals("fish", shell(Map.of(), p, "runuser", "fin", "-c", "tbot start"));
    assertEquals("bash", shell(Map.of(), p, "su", "bea", "-c", "tbot start"), "a comment is no entry");
  }

  @Test
  void aUserWithoutALoginShellRunsSusShellOptionsShell() throws IOException {
    // The common container line: root runs su -s /bin/sh -c '...' for a system user whose login
    // shell is nologin (checked: su -s /bin/sh nobody -c 'echo $0' prints sh). su takes -s's (or
    // with -m $SHELL's) shell, or, for a caller not root, runs nologin, which runs nothing: either
    // way no other shell runs tbot. Needless refusal before (since the login shell was read): nologin.
    Path p = Files.writeString(dir.resolve("passwd"), String.join("\n",
        "svc:x:999:999::/nonexistent:/usr/sbin/nologin", "off:x:998:998::/:/bin/false", ""),
        StandardCharsets.ISO_8859_1);
    assertEquals("sh", shell(Map.of(), p, "su", "-s", "/bin/sh", "svc", "-c", "tbot start"));
    assertEquals("dash", shell(Map.of(), p, "runuser", "--shell=/bin/dash", "off", "-c", "tbot start"));
    assertEquals("bash", shell(Map.of("SHELL", "/bin/bash"), p, "su", "-m", "svc", "-c", "tbot start"));
    assertEquals("zsh", shell(Map.of(), p, "su", "-s", "/usr/bin/zsh", "svc", "-c", "tbot start"));
    assertEquals("nologin", shell(Map.of("SHELL", "/bin/bash"), p, "su", "svc", "-c", "tbot start"), "no -s, no -m");
  }

  // mutation 2026-12-05

  /**
   * su's user may come after its {@code --} (getopt ends su's options there): {@code su -- zed -c
   * STRING} runs zed's zsh with {@code -c STRING}; and a {@code --} may end the line, where su runs
   * root's shell, and exec throws nothing. Checked with su 2.38.1: {@code su -- root -c 'echo $0'}
   * prints bash, {@code su -- daemon -c ...} runs nologin, {@code su -c 'id -un' --} prints root.
   */
  @Test
  void aUserAfterSusDashesIsTheTarget() throws IOException {
    Path p = passwd();
    assertEquals("zsh", shell(Map.of(), p, "su", "--", "zed", "-c", "tbot start"));
    assertEquals("fish", shell(Map.of(), p, "runuser", "--", "fin", "-c", "tbot start"));
    assertEquals("bash", shell(Map.of(), p, "su", "--"), "no user: root");
    assertEquals("bash", shell(Map.of(), p, "su", "-c", "tbot start", "--"), "no user: root");
    assertNull(StringHandOff.read("su", List.of("su", "--"), 1));
    assertEquals("tbot start", StringHandOff.read("su", List.of("su", "-c", "tbot start", "--"), 1).string());
  }

  /**
   * su's {@code -p} keeps {@code $SHELL} as {@code -m} does; {@code -f} (csh's fast start) does not.
   * Checked with su 2.38.1 as root: {@code SHELL=/bin/dash su -p root -c 'echo $0'} prints dash,
   * with {@code -f} bash.
   */
  @Test
  void suKeepsShellWithPOnly() throws IOException {
    Path p = passwd();
    Map<String, String> fish = Map.of("SHELL", "/usr/bin/fish");
    assertEquals("fish", shell(fish, p, "su", "-p", "bea", "-c", "tbot start"));
    assertEquals("fish", shell(fish, p, "su", "-fp", "bea", "-c", "tbot start"));
    assertEquals("bash", shell(fish, p, "su", "-f", "bea", "-c", "tbot start"));
  }

  /**
   * With {@code -m} or {@code -p} and {@code $SHELL} set empty, su runs "" (no shell at all: su
   * 2.38.1 as root, {@code SHELL= su -m root -c 'echo x'}: "failed to execute", exit 127), not the
   * login shell, as script does (flock takes /bin/sh there): nothing runs, nothing is read. Red
   * before: read as bash's, and counted.
   */
  @Test
  void anEmptyPreservedShellRunsNothing() throws IOException {
    Path p = passwd();
    assertFalse(ShellOptions.readsNoStartupFile(shell(Map.of("SHELL", ""), p, "su", "-m", "bea", "-c", "tbot start")));
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("su", "-m", "no-such-user-here", "-c", "tbot start"), Map.of("SHELL", "")).kind());
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("env", "SHELL=", "runuser", "-p", "no-such-user-here", "-c", "tbot start"),
        Map.of("SHELL", "/bin/bash")).kind());
    assertEquals("bash", shell(Map.of("SHELL", ""), p, "su", "bea", "-c", "tbot start"), "no -m: the login shell");
  }
}
