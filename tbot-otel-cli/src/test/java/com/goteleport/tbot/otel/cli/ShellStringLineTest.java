package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.cli.ShellString.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The line exec reads for a shell's -c string, word for word: TbotCommandTest and ExecArgsTest see
 * it only through what is counted, which several wrong lines share (PIT, docs/testing.md).
 */
class ShellStringLineTest {

  /**
   * fish's -c takes its string as a value (-cSTRING, or the next word; -c again runs one more), and
   * its options stop at the first operand. Its plain words are sh's but for %self (its PID) and a
   * NAME=VALUE in front of exec, which it does not pass on; and, not, or, begin ... are its keywords.
   * Checked against fish 3.6 (ShellStringTest runs it where installed). Red before: not read.
   */
  @Test
  void fishsStringIsReadWhereItsWordsAreShs() {
    Map<String, String> none = Map.of();
    for (List<String> line : List.of(List.of("fish", "-N", "-c", "exec tbot start -c '/etc/tbot.yaml'"),
        List.of("/usr/bin/fish", "--no-config", "-c", "tbot start -c /etc/tbot.yaml"),
        List.of("fish", "-Nc", "tbot start -c /etc/tbot.yaml"), List.of("fish", "-Nctbot start -c /etc/tbot.yaml"),
        List.of("fish", "--no-c", "--command=tbot start -c /etc/tbot.yaml", "arg"), List.of("fish", "-PN", "--comm",
            "tbot start -c /etc/tbot.yaml"), List.of("fish", "-d", "all", "-N", "-c", "tbot start -c \\\n/etc/tbot.yaml"))) {
      assertEquals(List.of("tbot", "start", "-c", "/etc/tbot.yaml"), ShellString.commandLine(line, none).words(), line.toString());
    }
    assertEquals(List.of("env", "DO_NOT_TRACK=1", "tbot", "start"),
        ShellString.commandLine(List.of("fish", "-N", "-c", "DO_NOT_TRACK=1 tbot start"), none).words());
    for (List<String> line : List.of(List.of("fish", "-N", "-c", "tbot start -c %self.yaml"),
        List.of("fish", "-N", "-c", "TBOT_CONFIG_PATH=/etc/yes.yaml exec tbot start"),
        List.of("fish", "-N", "-c", "or tbot start"), List.of("fish", "-N", "-c", "begin; tbot start; end"),
        List.of("fish", "-N", "-c", "not tbot start"),
        List.of("fish", "-c", "tbot version", "-c", "tbot start"), List.of("fish", "-i", "-c", "tbot start"),
        List.of("fish", "-l", "-c", "tbot start"), List.of("fish", "-C", "true", "-c", "tbot start"),
        List.of("fish", "--init-command=true", "-c", "tbot start"), List.of("fish", "-n", "-c", "tbot start"),
        List.of("fish", "--features", "qmark-noglob", "-c", "tbot start"))) {
      assertEquals(Kind.NOT_READ, ShellString.commandLine(line, none).kind(), line.toString());
    }
    // Not fish's string: its options end at the first operand (a script file), and -- ends them too.
    for (List<String> line : List.of(List.of("fish", "run.fish", "-c", "tbot start"),
        List.of("fish", "--", "-c", "tbot start"))) {
      assertSame(line, ShellString.commandLine(line, none).words(), line.toString());
    }
  }

  /**
   * csh and tcsh take -c's string as the word right after the cluster with c, and read options on
   * after it. Their plain words are sh's but for NAME=VALUE, which they run as a command, and a
   * \-newline in double quotes, which they keep; if, foreach, repeat ... are their keywords. Checked
   * against tcsh 6.24 and bsd-csh. Red before: not read.
   */
  @Test
  void cshsStringIsReadWhereItsWordsAreShs() {
    Map<String, String> none = Map.of();
    for (List<String> line : List.of(List.of("tcsh", "-f", "-c", "exec tbot start -c '/etc/tbot.yaml'"),
        List.of("/bin/csh", "-fc", "tbot start -c /etc/tbot.yaml"), List.of("tcsh", "-cf", "tbot start -c /etc/tbot.yaml"),
        List.of("bsd-csh", "-e", "-c", "tbot start -c \"/etc/tbot.yaml\"", "-xf"))) {
      assertEquals(List.of("tbot", "start", "-c", "/etc/tbot.yaml"), ShellString.commandLine(line, none).words(), line.toString());
    }
    for (List<String> line : List.of(List.of("tcsh", "-f", "-c", "DO_NOT_TRACK=1 tbot start"),
        List.of("tcsh", "-f", "-c", "tbot start -c \"a\\\nb.yaml\""), List.of("csh", "-f", "-c", "repeat 2 tbot start"),
        List.of("tcsh", "-f", "-c", "if (1) tbot start"), List.of("tcsh", "-fic", "tbot start"),
        List.of("tcsh", "-f", "-l", "-c", "tbot start"), List.of("tcsh", "-f", "-c", "tbot start", "-i"),
        List.of("tcsh", "-f", "-m", "-c", "tbot start"), List.of("tcsh", "-f", "-c", "tbot start", "-c", "tbot version"))) {
      assertEquals(Kind.NOT_READ, ShellString.commandLine(line, none).kind(), line.toString());
    }
    // -c takes the next word, an option's shape or not: csh runs "-f" here, with tbot start as its
    // argument, no exact pass-through: nothing is recorded.
    assertEquals(Kind.BEHIND_A_STRING, ShellString.commandLine(List.of("tcsh", "-f", "-c", "-f", "tbot start"), none).kind());
    List<String> dashF = List.of("tcsh", "-f", "-c", "-f", "start");
    assertSame(dashF, ShellString.commandLine(dashF, none).words());
  }

  /**
   * start-stop-daemon runs its --exec (or --startas) PROGRAM with the words after its '--': a shell
   * there runs its -c string, read as the string's program in the shell's place, so that
   * start-stop-daemon's --chdir and --chroot are still read for it. Red before: not read (a string
   * that names tbot: nothing recorded).
   */
  @Test
  void startStopDaemonRunningAShellRunsItsString() {
    Map<String, String> none = Map.of();
    assertEquals(List.of("start-stop-daemon", "--start", "--exec", "tbot", "--", "start", "-c", "/etc/tbot.yaml"),
        ShellString.commandLine(List.of("start-stop-daemon", "--start", "--exec", "/bin/sh", "--", "-c",
            "exec tbot start -c /etc/tbot.yaml"), none).words());
    assertEquals(List.of("env", "A=1", "start-stop-daemon", "-S", "-p", "/run/x", "-a", "/usr/local/bin/tbot", "-b",
        "--", "start"), ShellString.commandLine(List.of("start-stop-daemon", "-S", "-p", "/run/x", "-a", "/bin/bash",
            "-b", "--", "-ec", "A=1 /usr/local/bin/tbot start", "bash"), none).words());
    assertEquals(List.of("nice", "start-stop-daemon", "--start", "--startas=tbot", "-p/r", "--chdir", "/d", "--",
        "start"), ShellString.commandLine(List.of("nice", "start-stop-daemon", "--start", "--startas=/bin/sh", "-p/r",
            "--chdir", "/d", "--", "-c", "tbot start"), none).words());
    assertEquals(List.of("start-stop-daemon", "-Sxtbot", "--", "start"),
        ShellString.commandLine(List.of("start-stop-daemon", "-Sx/bin/dash", "--", "-c", "tbot start"), none).words());
    // Lines Launcher reads as tbot's start, its program attached to an option or not (red before:
    // -Sxtbot and --startas=tbot were not read as tbot, and the line counted as a wrapper's).
    for (List<String> line : List.of(List.of("start-stop-daemon", "-Sx/bin/dash", "--", "-c", "tbot start"),
        List.of("nice", "start-stop-daemon", "--start", "--startas=/bin/sh", "-p/r", "--", "-c", "tbot start"),
        List.of("start-stop-daemon", "-S", "--exec=/bin/sh", "--", "-c", "exec tbot start"))) {
      assertEquals("tbot start", TbotCommand.of(line).describe(), line.toString());
    }
    // Not read: two programs (--exec matches, --startas runs), a shell exec does not read, an option's
    // value, a word before its '--' (sh's script file), no matching option (it refuses the line).
    for (List<String> line : List.of(
        List.of("start-stop-daemon", "-S", "-x", "/bin/sh", "x.sh", "--", "-c", "tbot start"),
        List.of("start-stop-daemon", "-S", "-a", "/bin/sh", "--", "-c", "tbot start"),
        List.of("start-stop-daemon", "-S", "--exec", "/bin/sh", "--startas", "/bin/sh", "--", "-c", "tbot start"),
        List.of("start-stop-daemon", "-S", "--exec", "/usr/bin/fish", "--", "-c", "tbot start"),
        List.of("start-stop-daemon", "-S", "-p", "-x", "/bin/sh", "--", "-c", "tbot start"))) {
      assertSame(line, ShellString.commandLine(line, none).words(), line.toString());
      assertFalse(TbotCommand.of(line).counted(), line.toString());
    }
    assertEquals(Kind.NOT_READ, ShellString.commandLine(
        List.of("start-stop-daemon", "-S", "-x", "/bin/sh", "--", "-c", "cd /; tbot start"), none).kind());
  }

  /**
   * util-linux script runs -c's string (its last) as $SHELL -c STRING, or /bin/sh's: read as that
   * shell's where exec reads that shell. Its getopt permutes, so its options may follow its FILE.
   * flock's string runs in $SHELL too. Red before: script's line was a wrapper's (a string that
   * names tbot: nothing recorded), and flock's string was read as sh's under any $SHELL (fish drops
   * a NAME=VALUE in front of exec, and expands %self; pwsh's quoting is its own).
   */
  @Test
  void scriptAndFlockRunTheirStringInShell() {
    Map<String, String> none = Map.of();
    assertEquals(List.of("tbot", "start", "-c", "/etc/tbot.yaml"),
        ShellString.commandLine(List.of("script", "-qc", "tbot start -c /etc/tbot.yaml", "/dev/null"), none).words());
    assertEquals(List.of("nice", "tbot", "start"),
        ShellString.commandLine(List.of("nice", "/usr/bin/script", "/dev/null", "-q", "--command", "exec tbot start"), none).words());
    assertEquals(List.of("env", "A=1", "tbot", "start"), ShellString.commandLine(
        List.of("script", "-T", "-c", "-O", "log", "--comm=tbot version", "-etfile", "-c", "A=1 tbot start"), none).words());
    assertEquals(List.of("tbot", "start"),
        ShellString.commandLine(List.of("script", "-c", "tbot start"), Map.of("SHELL", "/bin/bash")).words());
    // A value that looks like -c is the option's before it: no string; a -c after -- is a FILE.
    List<String> noString = List.of("script", "-O", "-c", "tbot start");
    assertSame(noString, ShellString.commandLine(noString, none).words());
    List<String> dashes = List.of("script", "--", "-c", "tbot start");
    assertSame(dashes, ShellString.commandLine(dashes, none).words());
    // An option script does not know, or one it cannot tell apart (--log: -in, -out, -io, -timing),
    // it refuses: no string read, the line as it is (found by fuzzing: it threw).
    for (String option : List.of("--bogus", "--log")) {
      List<String> refused = List.of("script", option, "-c", "tbot start -c x.yaml");
      assertSame(refused, ShellString.commandLine(refused, none).words(), option);
    }
    // A $SHELL exec does not read (elvish, pwsh ...) runs a string whose tbot is not known: not read.
    for (Map<String, String> env : List.of(Map.of("SHELL", "/usr/bin/elvish"), Map.of("SHELL", "/usr/bin/pwsh"))) {
      assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("script", "-qc", "tbot start", "/dev/null"), env).kind(), env.toString());
      assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("flock", "/tmp/l", "-c", "tbot start"), env).kind(), env.toString());
    }
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("env", "SHELL=/usr/bin/nu", "flock", "/tmp/l", "-c", "tbot start"), none).kind());
    // fish's, by fish's rules: it does not pass a NAME=VALUE in front of exec on.
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("env", "SHELL=/usr/bin/fish", "flock", "/tmp/l", "-c",
        "TBOT_CONFIG_PATH=/etc/yes.yaml exec tbot start"), none).kind());
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("script", "-c", "tbot start"), Map.of("SHELL", "/bin/bash", "BASH_ENV", "/x")).kind());
    assertEquals(List.of("tbot", "start"),
        ShellString.commandLine(List.of("flock", "/tmp/l", "-c", "tbot start"), Map.of("SHELL", "")).words());
    // sudo, doas, su and runuser give their command the target user's SHELL (sudo -u nobody env shows
    // /usr/sbin/nologin), which exec does not know, unless a SHELL= after them sets it.
    Map<String, String> sh = Map.of("SHELL", "/bin/sh");
    for (List<String> line : List.of(List.of("sudo", "-u", "bot", "script", "-qec", "tbot start", "/dev/null"),
        List.of("doas", "-u", "bot", "flock", "/tmp/l", "-c", "tbot start"),
        List.of("su", "bot", "-c", "flock /tmp/l -c 'tbot start'"),
        List.of("runuser", "-u", "bot", "--", "script", "-c", "tbot start"))) {
      assertEquals(Kind.NOT_READ, ShellString.commandLine(line, sh).kind(), line.toString());
    }
    assertEquals(List.of("sudo", "SHELL=/bin/sh", "tbot", "start"),
        ShellString.commandLine(List.of("sudo", "SHELL=/bin/sh", "script", "-qc", "tbot start"), sh).words());
    // su's -s SHELL runs the string in that shell: one exec does not read, not read. Red before: read as bash's.
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("su", "-s", "/usr/bin/fish", "bot", "-c", "tbot start"), none).kind());
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("runuser", "--shell=/bin/tcsh", "-c", "tbot start", "bot"), none).kind());
    assertEquals(List.of("su", "--", "tbot", "start"),
        ShellString.commandLine(List.of("su", "-s/bin/sh", "bot", "-c", "tbot start"), none).words());
  }

  @Test
  void aPlainStringIsReadAsTheProgramsInFrontOfItsShellAndItsCommand() {
    assertEquals(List.of("tbot", "start"), ShellString.commandLine(List.of("busybox", "sh", "-c", "tbot start"), Map.of()).words());
    assertEquals(List.of("nice", "tbot", "start"),
        ShellString.commandLine(List.of("nice", "/bin/busybox", "ash", "-c", "exec tbot start"), Map.of()).words());
    // Its NAME=VALUE words as env's, and only where there are some.
    assertEquals(List.of("sudo", "env", "A_1=x", "tbot", "start"),
        ShellString.commandLine(List.of("sudo", "sh", "-c", "A_1=x exec tbot start"), Map.of()).words());
    assertEquals(List.of("env", "AZaz_09=1", "tbot", "start"),
        ShellString.commandLine(List.of("sh", "-c", "AZaz_09=1 tbot start"), Map.of()).words());
    // A word that is no NAME=VALUE to a shell is the command: a name with a digit first, another
    // character, or none.
    for (String word : List.of("9A=1", "a-b=1", "A:=1", "A/=1")) {
      assertEquals(List.of(word, "tbot", "start"), ShellString.commandLine(List.of("sh", "-c", word + " tbot start"), Map.of()).words(),
          word);
    }
    // A word that starts with '=' is not read (zsh expands =tbot to tbot's path).
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("sh", "-c", "=1 tbot start"), Map.of()).kind());
    // -- ends the shell's options; the string is the operand after it.
    assertEquals(List.of("tbot", "start"), ShellString.commandLine(List.of("sh", "-c", "--", "tbot start"), Map.of()).words());
  }

  @Test
  void suAndFlockTakeTheirStringAsTheirOptionsDo() {
    // su's --command, or a unique prefix of it, with its value after '=' or next; su stays in front.
    for (List<String> line : List.of(List.of("su", "bot", "--command", "tbot start"),
        List.of("su", "--comm=tbot start", "bot"), List.of("su", "--shell", "/bin/sh", "bot", "-c", "tbot start"),
        List.of("runuser", "-s", "/bin/sh", "-ctbot start", "bot"), List.of("su", "--pty", "-c", "tbot start", "bot"))) {
      assertEquals(List.of(line.get(0), "--", "tbot", "start"), ShellString.commandLine(line, Map.of()).words(), line.toString());
    }
    // A login shell's profile may set anything.
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("su", "--login", "bot", "-c", "tbot start"), Map.of()).kind());
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("su", "--log", "bot", "--command=tbot start"), Map.of()).kind());
    // flock's long options take their values, then FILE, then -c or --command.
    assertEquals(List.of("tbot", "start"),
        ShellString.commandLine(List.of("flock", "--timeout", "5", "/tmp/l", "--command", "tbot start"), Map.of()).words());
    assertEquals(List.of("tbot", "start"),
        ShellString.commandLine(List.of("flock", "--conflict-exit-code=3", "/tmp/l", "-c", "tbot start"), Map.of()).words());
  }

  @Test
  void suRunsItsSessionCommandStringAsItsCommandString() {
    // su's --session-command is -c without a new session (su(1)): its string is read as -c's.
    assertEquals(List.of("su", "--", "tbot", "start"),
        ShellString.commandLine(List.of("su", "bot", "--session-command", "tbot start"), Map.of()).words());
    assertEquals(List.of("su", "--", "tbot", "start"), ShellString.commandLine(List.of("su", "--session-c=tbot start", "bot"), Map.of()).words());
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("su", "bot", "--session-command", "tbot start; echo"), Map.of()).kind());
    // Only tbot start is counted: before, the line was a wrapper's, counted from exec's own flags.
    assertFalse(TbotCommand.of(List.of("su", "bot", "--session-command", "tbot version")).counted());
  }

  @Test
  void aLineThatEndsWhereAValueShouldBeIsItsOwn() {
    // Never thrown into the host: an option without its value, at the end of the line.
    for (List<String> line : List.of(List.of("busybox"), List.of("nice", "busybox"), List.of("sh", "-c"),
        List.of("bash", "-o"), List.of("sh", "-ec", "-o"), List.of("su", "bot", "-c"), List.of("su", "--command"),
        List.of("flock", "/tmp/l", "-c"), List.of("flock", "-w"), List.of("flock", "--timeout"), List.of("script", "-c"),
        List.of("script", "--command"), List.of("script", "-q", "-O"), List.of("script", "--log-out"),
        List.of("fish", "-c"), List.of("fish", "-N", "-c"), List.of("fish", "--command"),
        List.of("fish", "-N", "--init-command"), List.of("bash", "--login"), List.of("bash", "--rcfile"),
        List.of("zsh", "-o"), List.of("zsh", "-fo"), List.of("tcsh", "-f"), List.of("start-stop-daemon", "-S", "-x"),
        List.of("start-stop-daemon", "--start", "--exec"))) {
      assertSame(line, ShellString.commandLine(line, Map.of()).words(), line.toString());
    }
    // A string of command's or time's own words alone runs no builtin after them (a mutant threw).
    assertEquals(List.of("time", "-p"), ShellString.commandLine(List.of("sh", "-c", "time -p"), Map.of()).words());
    // An empty SHELLOPTS or BASH_ENV turns on nothing and sources nothing: for bash, and for sh,
    // which may be bash (PIT: sh's own look-up read the '=' as the value's).
    for (String shell : List.of("bash", "sh")) {
      assertEquals(List.of("env", "SHELLOPTS=", "BASH_ENV=", "tbot", "start"), ShellString.commandLine(
          List.of("env", "SHELLOPTS=", "BASH_ENV=", shell, "-c", "tbot start"), Map.of()).words(), shell);
    }
    // A string that ends in a backslash is a script: one that names tbot is not read.
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("sh", "-c", "tbot start \\"), Map.of()).kind());
  }

  @Test
  void aStringThatNamesNoTbotLeavesTheLineAsItIs() {
    for (List<String> line : List.of(List.of("sh", "-c", "exec -a x ./run.sh"), List.of("sh", "-c", "if ./run.sh"),
        List.of("./run.sh", "start"), List.of("sh", "-c", "eval ./run.sh"), List.of("tcsh", "-f", "-c", "A=1 ./run.sh"),
        List.of("fish", "-N", "-c", "A=1 exec ./run.sh"))) {
      assertSame(line, ShellString.commandLine(line, Map.of()).words(), line.toString());
    }
    // The same strings naming tbot are not read: eval runs its words as code; csh runs A=1 as a
    // command, fish does not pass it on to exec's program.
    for (List<String> line : List.of(List.of("sh", "-c", "eval tbot start"), List.of("tcsh", "-f", "-c", "A=1 tbot start"),
        List.of("fish", "-N", "-c", "A=1 exec tbot start"))) {
      assertEquals(Kind.NOT_READ, ShellString.commandLine(line, Map.of()).kind(), line.toString());
    }
  }

  @Test
  void aShellsNameAmongTbotsWordsIsNoShellButRightAfterTbot() {
    // A shell's name among tbot's own words is a value of tbot's, no shell (its -c no.yaml is tbot's).
    List<String> tbots = List.of("nice", "tbot", "start", "--destination-dir", "/srv/sh", "-c", "no.yaml");
    assertSame(tbots, ShellString.commandLine(tbots, Map.of()).words());
    // One right after a tbot is a shell: here tbot is gosu's user.
    assertEquals(List.of("gosu", "tbot", "tbot", "start"),
        ShellString.commandLine(List.of("gosu", "tbot", "sh", "-c", "tbot start"), Map.of()).words());
  }

  /**
   * A shell start-stop-daemon runs is looked through to the tbot after its string only for an exact
   * pass-through, as a shell run directly is. Before: no fast test ran it (PIT: no coverage).
   */
  @Test
  void startStopDaemonsShellIsLookedThroughOnlyForAPassThrough() {
    List<String> passThrough = List.of("start-stop-daemon", "-S", "-x", "/bin/sh", "--", "-c", "exec \"$@\"", "sh",
        "/usr/local/bin/tbot", "start");
    assertSame(passThrough, ShellString.commandLine(passThrough, Map.of()).words());
    assertEquals(Kind.BEHIND_A_STRING, ShellString.commandLine(List.of("start-stop-daemon", "-S", "-x", "/bin/sh",
        "--", "-c", "DO_NOT_TRACK=1 exec \"$@\"", "sh", "/usr/local/bin/tbot", "start"), Map.of()).kind());
  }

  @Test
  void aWordWithAQuotedNameAndEqualsIsNotRead() {
    // The shell runs 'A'=1 and A"=1" as commands, not assignments: such a string is not read.
    for (String string : List.of("A\"=1\" tbot start", "'A'=1'x' tbot start", "tbot start 'A'=1")) {
      assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("sh", "-c", string), Map.of()).kind(), string);
    }
  }

  @Test
  void stringsWithinStringsAreReadToABoundAndNotPast() {
    String string = "tbot start";
    for (int depth = 1; depth <= 12; depth++) {
      List<String> line = List.of("sh", "-c", string);
      // Seven strings, one in another, are read; the eighth is not (PIT: the bound as <= read it).
      if (depth <= 8) {
        ShellString.Line read = ShellString.commandLine(line, Map.of());
        assertEquals(depth <= 7 ? Kind.READ : Kind.NOT_READ, read.kind(), "depth " + depth);
        assertEquals(depth <= 7 ? List.of("tbot", "start") : null, read.words(), "depth " + depth);
      }
      if (depth == 12) {
        // Far deeper: not read, so nothing is recorded (an empty line would be a wrapper's, counted).
        // (One more, 1 MB with its quotes, is longer than exec reads: not read either.)
        assertEquals(Kind.NOT_READ, ShellString.commandLine(line, Map.of()).kind());
      }
      string = "sh -c '" + string.replace("'", "'\"'\"'") + "'";
    }
  }
  /**
   * fish reads its config files and universal variables (set -Ux DO_NOT_TRACK 1) for every -c,
   * unless -N/--no-config; csh and tcsh their .cshrc/.tcshrc unless -f; zsh its ~/.zshenv unless
   * -f (NO_RCS; /etc/zshenv, a system file as sudoers is, is read even then). Any of them may set
   * tbot's DO_NOT_TRACK or alias tbot: their string is read only without them. script and flock
   * give $SHELL no such option. Red before: each was read.
   */
  @Test
  void aShellThatReadsItsStartupFilesHasItsStringNotRead() {
    Map<String, String> none = Map.of();
    for (List<String> line : List.of(List.of("fish", "-c", "tbot start"), List.of("fish", "-P", "-c", "tbot start"),
        List.of("fish", "--command=tbot start"), List.of("tcsh", "-c", "tbot start"), List.of("csh", "-ec", "tbot start"),
        List.of("zsh", "-c", "tbot start"), List.of("zsh", "-f", "+f", "-c", "tbot start"),
        List.of("zsh", "-f", "-o", "rcs", "-c", "tbot start"), List.of("zsh", "--rcs", "-c", "tbot start"),
        List.of("start-stop-daemon", "-S", "-x", "/bin/zsh", "--", "-c", "tbot start"),
        List.of("su", "-s", "/bin/zsh", "bot", "-c", "tbot start"))) {
      assertEquals(Kind.NOT_READ, ShellString.commandLine(line, none).kind(), line.toString());
    }
    for (String shell : List.of("/usr/bin/fish", "/bin/tcsh", "/bin/csh", "/bin/zsh")) {
      Map<String, String> env = Map.of("SHELL", shell);
      assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("flock", "/tmp/l", "-c", "tbot start"), env).kind(), shell);
      assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("script", "-qc", "tbot start", "/dev/null"), env).kind(), shell);
    }
    // zsh's -f is NO_RCS; --no-rcs, --norcs, -o no_rcs, -o NORCS and +o rcs too (zsh's option names
    // ignore case and '_', and a long option's '-').
    for (List<String> line : List.of(List.of("zsh", "-f", "-c", "tbot start"), List.of("zsh", "-fc", "tbot start"),
        List.of("zsh", "--no-rcs", "-c", "tbot start"), List.of("zsh", "--norcs", "-c", "tbot start"),
        List.of("zsh", "-o", "no_rcs", "-c", "tbot start"), List.of("zsh", "-o", "NORCS", "-c", "tbot start"),
        List.of("zsh", "+o", "rcs", "-c", "tbot start"), List.of("/usr/bin/zsh", "-e", "-f", "-c", "tbot start"))) {
      assertEquals(List.of("tbot", "start"), ShellString.commandLine(line, none).words(), line.toString());
    }
    assertEquals(List.of("start-stop-daemon", "-S", "-x", "tbot", "--", "start"), ShellString.commandLine(
        List.of("start-stop-daemon", "-S", "-x", "/bin/zsh", "--", "-fc", "tbot start"), none).words());
  }

  /**
   * A string exec does not read that names no tbot, with tbot in the words after it, may run code
   * before it (. /vault/secrets/config && exec "$@"), set its environment (DO_NOT_TRACK=1 exec "$@")
   * or add to its arguments (exec "$@" -c no.yaml): only an exact pass-through ("$@", exec "$@";
   * fish's exec $argv, csh's exec $argv:q) is looked through, in a shell that reads no startup file.
   * Red before: each was looked through as a wrapper of the tbot after it.
   */
  @Test
  void onlyAnExactPassThroughIsLookedThroughToTheTbotAfterIt() {
    Map<String, String> none = Map.of();
    for (List<String> line : List.of(
        List.of("sh", "-c", ". /vault/secrets/config && exec \"$@\"", "--", "tbot", "start", "-c", "yes.yaml"),
        List.of("sh", "-c", "DO_NOT_TRACK=1 exec \"$@\"", "sh", "tbot", "start"),
        List.of("bash", "-c", "exec \"$@\" -c no.yaml", "bash", "tbot", "start", "-c", "yes.yaml"),
        List.of("fish", "-N", "-c", "set -x DO_NOT_TRACK 1; exec $argv", "tbot", "start"),
        List.of("tcsh", "-f", "-c", "setenv DO_NOT_TRACK 1; exec $argv:q", "tbot", "start"),
        List.of("bash", "-l", "-c", "exec \"$@\"", "bash", "tbot", "start"),
        List.of("fish", "-c", "exec $argv", "tbot", "start"), List.of("sh", "-c", "exec", "sh", "tbot", "start"),
        List.of("sh", "-c", "exec \"$@\"", "sh", "sh", "-c", "DO_NOT_TRACK=1 \"$@\"", "sh", "tbot", "start"),
        List.of("nice", "sh", "-c", "./run.sh \"$@\"", "sh", "/usr/local/bin/tbot", "start"),
        // Among a program's words, which it may run itself, after a start-stop-daemon that starts
        // nothing or a script without a string (mutants read no word after them but another such).
        List.of("./run.sh", "start-stop-daemon", "--status", "sh", "-c", "cd /srv && exec \"$@\"", "sh", "tbot",
            "start"),
        List.of("./run.sh", "script", "log", "--", "sh", "-c", "cd /srv && exec \"$@\"", "sh", "tbot", "start"))) {
      assertEquals(Kind.BEHIND_A_STRING, ShellString.commandLine(line, none).kind(), line.toString());
      TbotCommand command = TbotCommand.of(line);
      assertFalse(command.counted(), line.toString());
      assertTrue(command.whyNotCounted().startsWith("COMMAND runs tbot behind a shell's -c string exec does not"
          + " parse"), command.whyNotCounted());
    }
    for (List<String> line : List.of(List.of("sh", "-c", "exec \"$@\"", "sh", "tbot", "start"),
        List.of("sh", "-c", "\"$@\"", "sh", "tbot", "start"), List.of("bash", "-ec", "exec \"$@\"", "--", "tbot", "start"),
        List.of("fish", "-N", "-c", "exec $argv", "tbot", "start"),
        List.of("tcsh", "-f", "-c", "exec $argv:q", "tbot", "start"))) {
      assertSame(line, ShellString.commandLine(line, none).words(), line.toString());
    }
    // A string that names no tbot, with none after it, is a wrapper's as before.
    List<String> wrapper = List.of("sh", "-c", ". /etc/profile && exec ./run.sh", "sh", "start");
    assertSame(wrapper, ShellString.commandLine(wrapper, none).words());
  }

  /** csh and tcsh split a word at a \-newline outside quotes, where sh joins it (checked: tcsh 6.24). */
  @Test
  void aCshStringWithABackslashNewlineIsNotRead() {
    for (String string : List.of("tbot start \\\n -c /etc/tbot.yaml", "tbot start --destination-dir=/tmp/x\\\n-c no.yaml")) {
      assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("tcsh", "-f", "-c", string), Map.of()).kind(), string);
      assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("csh", "-fc", string), Map.of()).kind(), string);
    }
  }

  /** bash, zsh and fish expand {tbot,start}: a tbot named there is named. Red before: a wrapper's. */
  @Test
  void aTbotInABraceExpansionIsNamed() {
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("bash", "-c", "{tbot,start,-c,no.yaml}"), Map.of()).kind());
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("bash", "-c", "/usr/local/bin/{tbot,x} start"), Map.of()).kind());
    assertFalse(TbotCommand.of(List.of("./run.sh", "{tbot,start} -c no.yaml")).counted());
    // An empty first choice (bash 5.2 runs tbot with the argument tbot), and a range that ends at
    // the letter, a word as {tbot,start}'s (mutants of the brace reading read neither).
    for (String string : List.of("t{,}bot start", "echo {s..t}bot")) {
      assertTrue(StringReadings.namesTbot(string), string);
    }
    // One without it names none (a mutant read the range downwards, past the letter).
    assertFalse(StringReadings.namesTbot("echo {a..c}bot"));
  }

  /**
   * Where nothing runs, nothing is recorded: script's -V, --version, -h and --help print and exit
   * 0, anywhere among its options; script with SHELL set empty fails to run it and exits 0 (flock
   * runs sh then); csh's last -c without its string runs nothing and exits 0 (tcsh 6.24, bsd-csh).
   * Red before: counted.
   */
  @Test
  void aLineThatRunsNothingRecordsNothing() {
    for (List<String> line : List.of(List.of("script", "-V", "-c", "tbot start", "/dev/null"),
        List.of("script", "-qc", "tbot start", "/dev/null", "--help"), List.of("script", "-qh", "-c", "./run.sh"),
        List.of("nice", "script", "--vers", "-c", "tbot start"), List.of("script", "-c", "tbot start", "-h"),
        List.of("env", "SHELL=", "script", "-c", "tbot start"), List.of("tcsh", "-fc", "tbot start", "-c"),
        List.of("csh", "-f", "-c", "./run.sh", "-c"))) {
      assertEquals(Kind.RUNS_NOTHING, ShellString.commandLine(line, Map.of()).kind(), line.toString());
      TbotCommand command = TbotCommand.of(line);
      assertFalse(command.counted(), line.toString());
      assertTrue(command.whyNotCounted().startsWith("COMMAND runs nothing"), command.whyNotCounted());
    }
    assertEquals(Kind.RUNS_NOTHING,
        ShellString.commandLine(List.of("script", "-qc", "tbot start", "/dev/null"), Map.of("SHELL", "")).kind());
    // An empty string is one csh runs (a string "", not plain, as the one that runs nothing is read).
    List<String> empty = List.of("tcsh", "-c", "");
    assertSame(empty, ShellString.commandLine(empty, Map.of()).words());
    // -V as -c's value, or after '--', is no option of script's; flock's empty SHELL is sh.
    assertEquals(List.of("tbot", "start"), ShellString.commandLine(List.of("script", "-c", "tbot start", "--", "-V"), Map.of()).words());
    assertEquals(List.of("env", "SHELL=", "tbot", "start"),
        ShellString.commandLine(List.of("env", "SHELL=", "flock", "/tmp/l", "-c", "tbot start"), Map.of()).words());
  }
  /** util-linux script without -e/--return exits 0 whatever its command did (ExecFlowTest runs it). */
  @Test
  void scriptWithoutReturnHidesTheExitStatus() {
    for (List<String> line : List.of(List.of("script", "-qc", "tbot start", "/dev/null"),
        List.of("nice", "/usr/bin/script", "-c", "tbot start", "-O", "-e"), List.of("sh", "-c", "script -qc 'tbot start'"))) {
      assertTrue(ShellString.hidesExitStatus(line), line.toString());
    }
    for (List<String> line : List.of(List.of("script", "-qec", "tbot start", "/dev/null"),
        List.of("script", "--ret", "-c", "tbot start"), List.of("tbot", "start"), List.of("sh", "-c", "tbot start"))) {
      assertFalse(ShellString.hidesExitStatus(line), line.toString());
    }
  }

  /**
   * flock's short options take their value attached or as the next word (-w 5, -w5; -n none), and
   * its FILE may be any word that is no option, "-" too (flock opens a file named -). Checked by
   * hand against flock 2.38.1. Before: no line with a short option before FILE was read (PIT).
   */
  @Test
  void flocksShortOptionsAndAnyFileComeBeforeItsString() {
    for (List<String> line : List.of(List.of("flock", "-w", "5", "/tmp/l", "-c", "tbot start"),
        List.of("flock", "-w5", "/tmp/l", "-c", "tbot start"), List.of("flock", "-n", "/tmp/l", "-c", "tbot start"),
        List.of("flock", "-nw", "5", "/tmp/l", "-c", "tbot start"), List.of("flock", "-E", "3", "-x", "/tmp/l", "-c",
            "tbot start"), List.of("flock", "-", "-c", "tbot start"))) {
      assertEquals(List.of("tbot", "start"), ShellString.commandLine(line, Map.of()).words(), line.toString());
    }
    // -w's value is -c here: FILE is the string's word, no -c follows it.
    List<String> value = List.of("flock", "-w", "-c", "tbot start");
    assertSame(value, ShellString.commandLine(value, Map.of()).words());
  }

  /**
   * script's options that take a value take the word after them, whatever its shape: -I -V and
   * --log-out -V log to a file named -V and run the string (no help, no version), as -I -c takes -c
   * for its file (no string); --quiet takes none, so -V after it prints the version. Its -cSTRING and
   * --command=STRING are the string. Checked by hand against script 2.38.1. Before: not pinned (PIT).
   */
  @Test
  void scriptsOptionsTakeTheirValuesWhateverTheirShape() {
    Map<String, String> none = Map.of();
    for (List<String> line : List.of(List.of("script", "-q", "-I", "-V", "-c", "tbot start"),
        List.of("script", "-q", "--log-out", "-V", "-c", "tbot start"), List.of("script", "-ctbot start"),
        List.of("script", "--command=tbot start", "-q"))) {
      assertEquals(List.of("tbot", "start"), ShellString.commandLine(line, none).words(), line.toString());
    }
    assertEquals(Kind.RUNS_NOTHING, ShellString.commandLine(List.of("script", "--quiet", "-V", "-c", "tbot start"),
        none).kind());
    List<String> inputLog = List.of("script", "-q", "-I", "-c", "tbot start");
    assertSame(inputLog, ShellString.commandLine(inputLog, none).words());
    // -e as a log file's name is no --return: script exits 0 whatever its command did.
    for (List<String> line : List.of(List.of("script", "-q", "--log-out", "-e", "-c", "tbot start"),
        List.of("script", "-q", "-I", "-e", "-c", "tbot start"))) {
      assertTrue(ShellString.hidesExitStatus(line), line.toString());
    }
  }

  /**
   * su hands the words after its '--' (and its user, if not given before it) to the user's shell:
   * su bot -- -c STRING runs the string, as su -- bot -c STRING does; a -c given before the '--'
   * stays su's. Checked by hand against su 2.38.1 (as root, a user with -s /bin/sh). Before: no test
   * ran su's '--' (PIT: no coverage).
   */
  @Test
  void suHandsTheWordsAfterItsDashesToTheShell() {
    Map<String, String> none = Map.of();
    for (List<String> line : List.of(List.of("su", "bot", "--", "-c", "tbot start"),
        List.of("su", "--", "bot", "-c", "tbot start"), List.of("su", "-c", "tbot start", "bot", "--", "x"))) {
      assertEquals(List.of("su", "--", "tbot", "start"), ShellString.commandLine(line, none).words(), line.toString());
    }
    // A login shell (su's -), or the shell's own -i: its startup files may set anything.
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("su", "-", "bot", "--", "-c", "tbot start"), none).kind());
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("su", "bot", "--", "-i", "-c", "tbot start"), none).kind());
    List<String> file = List.of("su", "bot", "--", "run.sh");
    assertSame(file, ShellString.commandLine(file, none).words());
  }

  /**
   * fish's string is plain only with -N and options that change nothing tbot gets: -i, -l,
   * --interactive, --init-command run or read more even with -N. csh's options stop at a lone '-'
   * (its script's name, as in tcsh's and bsd-csh's sh.c): a -c after it is no option. Before: only
   * lines without -N had those options (PIT).
   */
  @Test
  void fishsAndCshsOtherOptionsLeaveTheirStringNotRead() {
    Map<String, String> none = Map.of();
    for (List<String> line : List.of(List.of("fish", "-N", "-i", "-c", "tbot start"),
        List.of("fish", "-Nl", "-c", "tbot start"), List.of("fish", "-N", "--interactive", "-c", "tbot start"),
        List.of("fish", "--no-config", "--init-command=true", "-c", "tbot start"))) {
      assertEquals(Kind.NOT_READ, ShellString.commandLine(line, none).kind(), line.toString());
    }
    List<String> script = List.of("tcsh", "-f", "-", "-c", "tbot start");
    assertSame(script, ShellString.commandLine(script, none).words());
  }

  /**
   * sh's kind: an unknown long option may take the next word that is no option (bash's --rcfile
   * FILE), not one that is (-c stays the shell's); either way the string is not plain. A one-letter
   * operand is zsh's string too, and one that reads as an option's name.
   */
  @Test
  void aShellsLongOptionTakesOnlyAWordThatIsNoOption() {
    Map<String, String> none = Map.of();
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("bash", "-e", "--rcfile", "/x", "-c", "tbot start"), none).kind());
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("bash", "--login", "-c", "tbot start"), none).kind());
    assertEquals(List.of("w"), ShellString.commandLine(List.of("zsh", "-f", "-c", "w"), none).words());
    // Only zsh's -o (or -O) takes a word: the string norcs after -c is the command, no option's name.
    assertEquals(List.of("norcs"), ShellString.commandLine(List.of("zsh", "-f", "-c", "norcs"), none).words());
  }

  /**
   * start-stop-daemon: a lone '-' among its options is an operand (its program's, before its '--':
   * no shell's string read); two commands (-S -K) start nothing, the same one twice does. Checked by
   * hand against dpkg 1.21.22's start-stop-daemon. Before: not in a fast test (PIT).
   */
  @Test
  void startStopDaemonsOperandsAndCommands() {
    Map<String, String> none = Map.of();
    for (List<String> line : List.of(List.of("start-stop-daemon", "-S", "-x", "/bin/sh", "-", "--", "-c", "tbot start"),
        List.of("start-stop-daemon", "-S", "-K", "-x", "/bin/sh", "--", "-c", "tbot start"),
        List.of("start-stop-daemon", "--start", "--stop", "-x", "/bin/sh", "--", "-c", "tbot start"))) {
      assertSame(line, ShellString.commandLine(line, none).words(), line.toString());
    }
    assertEquals(List.of("start-stop-daemon", "-S", "--start", "-x", "tbot", "--", "start"), ShellString.commandLine(
        List.of("start-stop-daemon", "-S", "--start", "-x", "/bin/sh", "--", "-c", "tbot start"), none).words());
  }

  /**
   * A string of sh's kind may end in output redirections of plain shapes, as a container's or a
   * unit's line often does ({@code exec tbot start -c /etc/tbot.yaml >> /var/log/tbot.log 2>&1}):
   * stdout or stderr to a plain word ({@code >}, {@code >>}, {@code 1>}, {@code 2>>}) or onto each
   * other ({@code 2>&1}, {@code >&2}). They change where tbot writes, not which flags, environment
   * or config it reads: read as the command without them (bash, dash, busybox sh, zsh: ShellStringTest).
   * Red before: not one plain command, nothing recorded.
   */
  @Test
  void aStringEndingInOutputRedirectionsIsReadAsItsCommand() {
    Map<String, String> none = Map.of();
    List<String> tbot = List.of("tbot", "start", "-c", "/etc/tbot.yaml");
    for (String string : List.of("exec tbot start -c /etc/tbot.yaml >> /var/log/tbot.log 2>&1",
        "tbot start -c /etc/tbot.yaml > /dev/null 2>&1", "tbot start -c /etc/tbot.yaml 2>&1",
        "tbot start -c /etc/tbot.yaml >&2", "tbot start -c /etc/tbot.yaml 1>&2", "tbot start -c /etc/tbot.yaml 2>/dev/null",
        "tbot start -c /etc/tbot.yaml 1>>out.log 2>>err.log", "tbot start -c /etc/tbot.yaml >log 2>&1",
        "tbot start -c /etc/tbot.yaml >/proc/1/fd/1 2>/proc/1/fd/2", "tbot start -c /etc/tbot.yaml 2>&1>log",
        "tbot start -c /etc/tbot.yaml > \"/var/log/tbot.log\"", "tbot start -c /etc/tbot.yaml >'tbot log'",
        "tbot start -c /etc/tbot.yaml \\\n  >> /var/log/tbot.log 2>&1\n", "\n tbot start -c /etc/tbot.yaml >log\n\n")) {
      for (String shell : List.of("sh", "bash", "dash", "/bin/busybox")) {
        List<String> line = shell.endsWith("busybox") ? List.of(shell, "sh", "-c", string) : List.of(shell, "-c", string);
        assertEquals(tbot, ShellString.commandLine(line, none).words(), line.toString());
      }
    }
    assertEquals(List.of("tbot", "start", "--oneshot", "-c", "tbot.yaml"),
        ShellString.commandLine(List.of("bash", "-c", "tbot start --oneshot -c tbot.yaml > /dev/null 2>&1"), none).words());
    assertEquals(List.of("env", "A=1", "tbot", "start"),
        ShellString.commandLine(List.of("sh", "-c", "A=1 exec tbot start >log 2>&1"), none).words());
    // A word of digits apart from its '>' is an argument (tbot's 2), and the '>' a redirection of stdout.
    assertEquals(List.of("tbot", "start", "2"), ShellString.commandLine(List.of("sh", "-c", "tbot start 2 > log"), none).words());
    // Behind su, flock, script and start-stop-daemon as well.
    assertEquals(List.of("su", "--", "tbot", "start"),
        ShellString.commandLine(List.of("su", "bot", "-c", "tbot start >> /var/log/tbot.log 2>&1"), none).words());
    assertEquals(List.of("tbot", "start"),
        ShellString.commandLine(List.of("flock", "/run/l", "-c", "exec tbot start 2>&1"), none).words());
    assertEquals(List.of("tbot", "start"),
        ShellString.commandLine(List.of("script", "-qec", "tbot start >/dev/null", "/dev/null"), none).words());
    assertEquals(List.of("start-stop-daemon", "--start", "--exec", "tbot", "--", "start", "-c", "/etc/tbot.yaml"),
        ShellString.commandLine(List.of("start-stop-daemon", "--start", "--exec", "/bin/sh", "--", "-c",
            "exec tbot start -c /etc/tbot.yaml >> /var/log/tbot.log 2>&1"), none).words());
    assertTrue(TbotCommand.of(List.of("sh", "-c", "exec tbot start -c tbot.yaml >> /var/log/tbot.log 2>&1")).counted());
  }

  /**
   * Any other redirection leaves the string not read, so a string that names tbot records nothing:
   * input and here-documents (tbot's stdin), dash's &> (it runs tbot in the background, then '>
   * log' alone), >| and >&- (and any dup onto something other than fd 1 or 2), fds other than 1
   * and 2 (dash and zsh take 12>log as the word 12 and >log), one in front of or among the command's
   * words or attached to one, a target that is no plain word (or none); and any redirection in
   * fish's, csh's and rbash's strings (their own syntax; rbash refuses output redirections). Nor is
   * one read whose config may be a file descriptor the redirections move ({@code -c /dev/stdout >>
   * tbot.yaml}: tbot reads tbot.yaml, exec its own stdout), as a word or TBOT_CONFIG_PATH naming
   * a path with dev/ or proc/ in it.
   */
  @Test
  void aStringWithARedirectionOfAnotherShapeIsNotRead() {
    Map<String, String> none = Map.of();
    for (String string : List.of("tbot start < /dev/null", "tbot start <log", "tbot start << EOF\nx\nEOF",
        "tbot start <<< x", "tbot start 0<&1", "tbot start &> log", "tbot start &>> log", "tbot start >| log",
        "tbot start >&-", "tbot start 2>&-", "tbot start 2>&3", "tbot start >&0", "tbot start >& log",
        "tbot start 2>& 1", "tbot start 2>&12", "tbot start 2>&1x", "tbot start > >(logger)", "tbot start >(logger)",
        "tbot start <>log", "tbot start 12> log", "tbot start 0> log", "tbot start 3> log", "tbot start 3>&1",
        "> log tbot start", "2>&1 tbot start", "tbot > log start", "tbot start > log -c /etc/tbot.yaml",
        "tbot start -c /etc/tbot.yaml> log", "tbot start x2> log", "tbot start >", "tbot start > log 2>",
        "tbot start >\nlog", "tbot start > ''", "tbot start > $LOG", "tbot start > \"$LOG\"", "tbot start > `log`",
        "tbot start > *.log", "tbot start > ~/log", "tbot start > =log", "tbot start > log\\ 2",
        "tbot start > a>b", "tbot start >> >log", "tbot start >>> log", "tbot start > log; echo",
        "tbot start > log && echo", "tbot start > log | tee x", "tbot start > log &", "tbot start > log\ntbot version",
        "tbot start > log\n> log2", "tbot start -c /dev/stdout >> tbot.yaml", "tbot start --config=/dev/fd/1 >>tbot.yaml",
        "tbot start -c /proc/self/fd/2 2>>tbot.yaml", "tbot start -cdev/stderr 2>&1",
        "TBOT_CONFIG_PATH=/dev/stdout tbot start >> tbot.yaml")) {
      for (List<String> line : List.of(List.of("sh", "-c", string), List.of("bash", "-c", string),
          List.of("busybox", "sh", "-c", string))) {
        assertEquals(Kind.NOT_READ, ShellString.commandLine(line, none).kind(), line.toString());
      }
    }
    for (String string : List.of("tbot start > log", "tbot start 2>&1", "tbot start >> log 2>&1")) {
      for (List<String> line : List.of(List.of("fish", "-N", "-c", string), List.of("tcsh", "-f", "-c", string),
          List.of("csh", "-fc", string), List.of("rbash", "-c", string), List.of("/bin/rbash", "-c", string),
          List.of("env", "SHELL=rbash", "script", "-c", string))) {
        assertEquals(Kind.NOT_READ, ShellString.commandLine(line, none).kind(), line.toString());
      }
    }
    // TBOT_CONFIG_PATH naming a file descriptor, in exec's environment or set in front of the shell.
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("sh", "-c", "tbot start >> tbot.yaml"),
        Map.of("TBOT_CONFIG_PATH", "/proc/self/fd/1")).kind());
    assertEquals(Kind.NOT_READ, ShellString.commandLine(List.of("env", "TBOT_CONFIG_PATH=/dev/stdout", "sh", "-c", "tbot start 2>&1"), none).kind());
    // Without a redirection, such a config is the same file to exec and to tbot: read as before.
    assertEquals(List.of("tbot", "start", "-c", "/dev/stdin"),
        ShellString.commandLine(List.of("sh", "-c", "tbot start -c /dev/stdin"), none).words());
    // A string that names no tbot is left as it is, redirected or not.
    List<String> run = List.of("sh", "-c", "./run.sh < /dev/null");
    assertSame(run, ShellString.commandLine(run, none).words());
  }

  /**
   * review 2026-12-05: a config that is a file descriptor's path may be named without dev/ or proc/
   * in any one word, relative to a directory given bare ({@code env -C /dev}, {@code --chdir=/proc})
   * or to start-stop-daemon's --chdir, whose options are no word in front of the shell. With the
   * output redirected, tbot then reads the target, exec its own stdout: {@code (env -C /dev sh -c
   * 'head -n1 stdout >> tbot.yaml') >> exec.log} reads tbot.yaml (and start-stop-daemon -d /dev/fd
   * ... 'head -n1 1 >> tbot.yaml' too; checked with dash and start-stop-daemon 1.21). Red before:
   * read (config /dev/stdout, /dev/fd/1 ...), and a no in the target lost where exec's stdout is a file.
   */
  @Test
  void aDescriptorDirectoryNamedBareOrByStartStopDaemonIsNotReadUnderRedirection() {
    Map<String, String> none = Map.of();
    for (List<String> line : List.of(
        List.of("env", "-C", "/dev", "sh", "-c", "tbot start -c stdout >> /etc/tbot.yaml"),
        List.of("env", "-C/dev", "sh", "-c", "tbot start -c fd/1 >> /etc/tbot.yaml"),
        List.of("env", "--chdir=/proc", "sh", "-c", "tbot start -c self/fd/1 >> /etc/tbot.yaml"),
        List.of("env", "-C", "//dev", "bash", "-c", "tbot start -c stderr 2>> /etc/tbot.yaml"),
        List.of("env", "-C", "/dev", "sh", "-c", "TBOT_CONFIG_PATH=stdout tbot start >> /etc/tbot.yaml"),
        List.of("start-stop-daemon", "-S", "-d", "/dev/fd", "-x", "/bin/sh", "--", "-c",
            "exec tbot start -c 1 >> /etc/tbot.yaml"),
        List.of("start-stop-daemon", "-S", "--chdir=/proc/self/fd", "-x", "/bin/sh", "--", "-c",
            "tbot start -c 2 2>> /etc/tbot.yaml"),
        List.of("start-stop-daemon", "-S", "--chdir", "/dev", "--exec", "/bin/sh", "--", "-c",
            "tbot start -c stdout > /etc/tbot.yaml"))) {
      assertEquals(Kind.NOT_READ, ShellString.commandLine(line, none).kind(), line.toString());
    }
    // Without a redirection, such a config is the same file to exec and to tbot: read as before.
    assertEquals(List.of("env", "-C", "/dev", "tbot", "start", "-c", "stdout"),
        ShellString.commandLine(List.of("env", "-C", "/dev", "sh", "-c", "tbot start -c stdout"), none).words());
    assertEquals(List.of("start-stop-daemon", "-S", "-d", "/srv", "-x", "tbot", "--", "start", "-c", "tbot.yaml"),
        ShellString.commandLine(List.of("start-stop-daemon", "-S", "-d", "/srv", "-x", "/bin/sh", "--", "-c",
            "exec tbot start -c tbot.yaml >> /var/log/tbot.log 2>&1"), none).words());
  }

  /**
   * review 2026-12-05, against zsh -f (a generated table of strings run with a stand-in tbot): zsh
   * expands a word's leading '=' after empty quotes ({@code ''=ls} and {@code ""=ls} are
   * /usr/bin/ls) and at the start of an assignment's value ({@code A==ls}, {@code A=''=ls}: A is
   * /usr/bin/ls), so its tbot gets another config path than the one read ({@code -c ''=tbot.yaml}
   * is the path of a program tbot.yaml on PATH). Red before: read as the words typed.
   */
  @Test
  void zshsEqualsExpansionAfterEmptyQuotesOrInAnAssignmentIsNotRead() {
    Map<String, String> none = Map.of();
    for (String string : List.of("tbot start -c ''=tbot.yaml", "tbot start -c \"\"=tbot.yaml",
        "TBOT_CONFIG_PATH==tbot.yaml tbot start", "TBOT_CONFIG_PATH=''=tbot.yaml tbot start", "''=tbot start")) {
      for (List<String> line : List.of(List.of("zsh", "-f", "-c", string), List.of("sh", "-c", string))) {
        assertEquals(Kind.NOT_READ, ShellString.commandLine(line, none).kind(), line.toString());
      }
    }
    // A quoted '=' is no expansion's: read as it is.
    assertEquals(List.of("tbot", "start", "-c", "=tbot.yaml"),
        ShellString.commandLine(List.of("zsh", "-f", "-c", "tbot start -c '='tbot.yaml"), none).words());
    assertEquals(List.of("env", "A=b=c", "tbot", "start"),
        ShellString.commandLine(List.of("zsh", "-f", "-c", "A=b=c tbot start"), none).words());
    // A word ending in '=' (an empty value) is read as it is (PIT: looking past that '=' for a
    // second one threw).
    assertEquals(List.of("env", "DO_NOT_TRACK=", "tbot", "start", "A="),
        ShellString.commandLine(List.of("zsh", "-f", "-c", "DO_NOT_TRACK= tbot start A="), none).words());
  }

  /**
   * An exact pass-through of sh's kind ({@code exec "$@"}, {@code "$@"}) may end in the same output
   * redirections a plain string may ({@code exec "$@" >> /var/log/tbot.log 2>&1}): they move where
   * tbot writes, not what it gets, so it is looked through to the tbot after it (bash, dash, busybox
   * sh: ShellStringTest). Red before: no exact pass-through, nothing recorded.
   */
  @Test
  void aPassThroughEndingInOutputRedirectionsIsLookedThroughToTheTbotAfterIt() {
    Map<String, String> none = Map.of();
    for (String string : List.of("exec \"$@\" >> /var/log/tbot.log 2>&1", "\"$@\" > /dev/null 2>&1",
        "exec \"$@\" 2>&1", "exec \"$@\" >&2", "\"$@\" 1>&2", "exec \"$@\" 1>>out.log 2>>err.log",
        "exec \"$@\" >'a log'", "exec \"$@\" 2>&1>log", "exec \"$@\" >/proc/1/fd/1 2>/proc/1/fd/2")) {
      for (String shell : List.of("sh", "bash", "dash", "/bin/busybox")) {
        List<String> line = new ArrayList<>(shell.endsWith("busybox") ? List.of(shell, "sh") : List.of(shell));
        line.addAll(List.of("-c", string, "sh", "tbot", "start", "-c", "/etc/tbot.yaml"));
        assertSame(line, ShellString.commandLine(line, none).words(), line.toString());
        assertEquals(List.of("tbot", "start", "-c", "/etc/tbot.yaml"), Launcher.tbotLine(line), line.toString());
        TbotCommand command = TbotCommand.of(line);
        assertTrue(command.counted(), line + ": " + command.whyNotCounted());
        // As the pass-through without its redirections is.
        List<String> bare = new ArrayList<>(line);
        bare.set(bare.indexOf(string), "exec \"$@\"");
        assertEquals(TbotCommand.of(bare).describe(), command.describe(), line.toString());
      }
    }
    List<String> daemon = List.of("start-stop-daemon", "-S", "-x", "/bin/sh", "--", "-c",
        "exec \"$@\" >> /var/log/tbot.log 2>&1", "sh", "/usr/local/bin/tbot", "start");
    assertSame(daemon, ShellString.commandLine(daemon, none).words());
  }

  /**
   * Not looked through, so its tbot records nothing: a redirection not at the end, of another shape
   * (input, &>, another fd, a target no plain word), a second command; any in fish's, csh's or
   * rbash's pass-through; and, as for a plain string, one whose tbot's config may be a file
   * descriptor the redirections move: a word after the string ($1 ...), a word in front of the
   * shell or TBOT_CONFIG_PATH with dev/ or proc/ in it, or a bare /dev directory.
   */
  @Test
  void aPassThroughWithARedirectionOfAnotherShapeOrAConfigThroughADescriptorIsNotLookedThrough() {
    List<List<String>> lines = new ArrayList<>();
    for (String string : List.of("exec \"$@\" > log -c no.yaml", "exec > log \"$@\"", "> log exec \"$@\"",
        "exec \"$@\" < /dev/null", "\"$@\" <log", "exec \"$@\" &> log", "exec \"$@\" &>> log", "exec \"$@\" 3> log",
        "exec \"$@\" 0> log", "exec \"$@\" 2>&3", "exec \"$@\" >&-", "exec \"$@\" >| log", "exec \"$@\" > $LOG",
        "exec \"$@\" > \"$1\"", "exec \"$@\" >", "exec \"$@\" > log; echo", "exec \"$@\" > log\necho",
        "exec \"$@\" > log &", "exec \"$@\"x > log", "exec \"$@\"'' > log", "exec \"$@\">log",
        "DO_NOT_TRACK=1 exec \"$@\" > log")) {
      lines.add(List.of("sh", "-c", string, "sh", "tbot", "start", "-c", "/etc/tbot.yaml"));
      lines.add(List.of("bash", "-c", string, "bash", "tbot", "start", "-c", "/etc/tbot.yaml"));
    }
    for (String redirections : List.of(" > log", " 2>&1", " >> log 2>&1")) {
      lines.add(List.of("fish", "-N", "-c", "exec $argv" + redirections, "tbot", "start"));
      lines.add(List.of("tcsh", "-f", "-c", "exec $argv:q" + redirections, "tbot", "start"));
      lines.add(List.of("csh", "-fc", "exec $argv:q" + redirections, "tbot", "start"));
      lines.add(List.of("rbash", "-c", "exec \"$@\"" + redirections, "rbash", "tbot", "start"));
      lines.add(List.of("/bin/rbash", "-c", "\"$@\"" + redirections, "rbash", "tbot", "start"));
    }
    // The descriptor guard: tbot reads tbot.yaml, exec its own stdout.
    String redirected = "exec \"$@\" >> /etc/tbot.yaml 2>&1";
    lines.add(List.of("sh", "-c", redirected, "sh", "tbot", "start", "-c", "/dev/stdout"));
    // The string's own target is no config, but tbot's is still read.
    lines.add(List.of("sh", "-c", "\"$@\" > /dev/null", "sh", "tbot", "start", "-c", "/dev/stdout"));
    lines.add(List.of("dash", "-c", redirected, "sh", "tbot", "start", "--config=/proc/self/fd/1"));
    lines.add(List.of("busybox", "sh", "-c", redirected, "sh", "tbot", "start", "-cdev/stderr"));
    lines.add(List.of("env", "-C", "/dev", "sh", "-c", redirected, "sh", "tbot", "start", "-c", "stdout"));
    lines.add(List.of("env", "TBOT_CONFIG_PATH=/dev/stdout", "sh", "-c", redirected, "sh", "tbot", "start"));
    lines.add(List.of("start-stop-daemon", "-S", "-d", "/dev/fd", "-x", "/bin/sh", "--", "-c", redirected, "sh",
        "tbot", "start", "-c", "1"));
    for (List<String> line : lines) {
      assertEquals(Kind.BEHIND_A_STRING, ShellString.commandLine(line, Map.of()).kind(), line.toString());
      assertFalse(TbotCommand.of(line).counted(), line.toString());
    }
    List<String> line = List.of("sh", "-c", redirected, "sh", "tbot", "start");
    assertEquals(Kind.BEHIND_A_STRING,
        ShellString.commandLine(line, Map.of("TBOT_CONFIG_PATH", "/proc/self/fd/1")).kind());
    assertSame(line, ShellString.commandLine(line, Map.of("TBOT_CONFIG_PATH", "/etc/tbot.yaml")).words());
    // Without a redirection, such a config is the same file to exec and to tbot: looked through as before.
    List<String> plain = List.of("sh", "-c", "exec \"$@\"", "sh", "tbot", "start", "-c", "/dev/stdout");
    assertSame(plain, ShellString.commandLine(plain, Map.of()).words());
  }

  /**
   * A string whose tbot the shell names through a parameter's default ({@code ${TBOT:-tbot}},
   * {@code ${TBOT-tbot}}, {@code ${TBOT:=tbot}}) or joins with a {@code \}-newline ({@code
   * tb\<newline>ot}) names tbot: where it is not plain, it records nothing. Red before: read as a
   * string that names none, a wrapper's, and counted from exec's own config (with its -c) while tbot
   * got --no-anonymous-analytics (ShellStringDifferentialTest, seed 20261207, before these shapes
   * were left to this test). A plain one is read, its continuation removed, as before.
   */
  @Test
  void aTbotNamedThroughADefaultOrAContinuationIsNamed() {
    for (String string : List.of("${TBOT:-tbot} start --no-anonymous-analytics", "${TBOT-tbot} start",
        "exec \"${TBOT:=tbot}\" start -c no.yaml", "${TBOT+tbot} start", "{ tb\\\not start --no-anonymous-analytics; }",
        "true; exec t\\\nbot start", "tbo\\\nt start $X")) {
      List<String> line = List.of("sh", "-c", string);
      assertEquals(Kind.NOT_READ, ShellString.commandLine(line, Map.of()).kind(), line.toString());
      assertFalse(TbotCommand.of(line).counted(), line.toString());
    }
    assertEquals(List.of("env", "DO_NOT_TRACK=1", "tbot", "start"),
        ShellString.commandLine(List.of("sh", "-c", "DO_NOT_TRACK=1 tbo\\\nt start"), Map.of()).words());
    // The operator is read where a parameter's name ends, not at every '-' or ':': a path that has
    // tbot in a longer name names none, as before; a default that is a path to tbot names it.
    assertTrue(StringReadings.namesTbot("${TBOT:-/usr/local/bin/tbot} start"));
    assertTrue(StringReadings.namesTbot("${1:-tbot} start"));
    assertFalse(StringReadings.namesTbot("cd /opt/tbot-data && ./run.sh ${A:-x}"));
    assertFalse(StringReadings.namesTbot("./start-tbot:latest; ${TBOT:-./tbot-wrapper.sh}"));
    // A name an expansion makes is none (cli.md), but for a variable named like tbot (in any case).
    assertTrue(StringReadings.namesTbot("cd /srv && $TBOT start"));
    assertFalse(StringReadings.namesTbot("cd /srv && $BIN start"));
  }

  @Test
  void aDefaultIsReadInItsWordAsTheShellJoinsIt() {
    // The default stands where the parameter was: a tbot inside a longer word names none (red
    // before: the wrapper's log path below read as naming tbot, so exec recorded nothing for it), and
    // a default that makes tbot's name with the text around it names tbot.
    assertFalse(StringReadings.namesTbot("./wrapper.sh --log=/var/log/${APP:-tbot}.log"));
    assertFalse(StringReadings.namesTbot("cd /opt/${APP:-tbot}/data && ./run.sh"));
    assertTrue(StringReadings.namesTbot("${DIR:-/usr/local/bin}/tbot start"));
    assertTrue(StringReadings.namesTbot("t${X:-}bot start"));
    assertTrue(StringReadings.namesTbot("${T:-tb}ot start"));
    // It may expand to nothing as well (found by ShellStringDifferentialTest: dash ran tbot).
    assertTrue(StringReadings.namesTbot("${X:+x}tbot start"));
    assertTrue(StringReadings.namesTbot("${X:-/opt/}tbot start"));
    assertTrue(StringReadings.namesTbot("exec \"${TBOT:-tbot}\" start"));
    // Nested, the inner one is read in place and the outer split at its operator (errs toward
    // naming tbot: B's value may be empty).
    assertTrue(StringReadings.namesTbot("${A:-${B:-tbot}} start"));
    assertTrue(StringReadings.namesTbot("${A:-${B-x}tbot} start"));
    List<String> wrapper = List.of("sh", "-c", "./wrapper.sh --log=/var/log/${APP:-tbot}.log");
    assertTrue(ShellString.commandLine(wrapper, Map.of()).kind() != Kind.NOT_READ, wrapper.toString());
  }

  @Test
  void eachDefaultIsReadWithItsWordOrWithoutItOnItsOwn() {
    // The shell picks each parameter's word or nothing by its own operator: ${X:-tbot} gives tbot
    // and ${Y:+.sh} nothing (X and Y unset), so tbot runs. SAFETY, red before: both read with
    // their words (tbot.sh) or both without (nothing), a wrapper's, counted from exec's own -c.
    assertTrue(StringReadings.namesTbot("${X:-tbot}${Y:+.sh} start -c no.yaml"));
    assertTrue(StringReadings.namesTbot("t${X:-b}${Y:+q}ot start"));
    assertTrue(StringReadings.namesTbot("${X:-tb}${Y:+x}ot start"));
    // The word needed in the second (mutants of StringReadings.defaults read only the first's).
    assertTrue(StringReadings.namesTbot("${Y:+q}${X:-tb}ot start"));
    assertFalse(StringReadings.namesTbot("./wrapper.sh --log=/var/log/${APP:-tbot}${SUFFIX:+.x}.log"));
    // And a no in a wrapper's string as the shell may hand it on (--no-anonymous-analytics, Y unset).
    assertTrue(StringReadings.wordsForANo("./run.sh start --no-anonymous-analytics${Y:+x}")
        .contains("--no-anonymous-analytics"));
  }

  @Test
  void aParametersWordMayHoldALoneOpeningBrace() {
    // ${Y:+{x} is a parameter with the word {x: sh, dash, bash and busybox close it at its first },
    // so with X and Y unset ${X:-tb}${Y:+{x}ot runs tbot, which reads no.yaml's no. SAFETY, found by
    // ShellStringDifferentialTest's seed 3 (busybox sh); red before: the word was taken to end at
    // its {, the parameter read as a nested one's outer part (tb {x}ot: no tbot), a wrapper's
    // string, sent from exec's own config.
    for (String string : List.of("${X:-tb}${Y:+{x}ot start -c no.yaml", "t${Y+{}bot start -c no.yaml",
        "${X:-tb}${Y:+x{}ot start")) {
      assertTrue(StringReadings.namesTbot(string), string);
      assertFalse(TbotCommand.of(List.of("sh", "-c", string)).counted(), string);
    }
    // Its first } is its end in sh's kind (${X:-tb}${Y:+{x}}ot gives tb}ot, no tbot), but zsh
    // balances braces there (zsh -f -c runs tbot): named (SplicedName).
    assertTrue(StringReadings.namesTbot("${X:-tb}${Y:+{x}}ot start"));
    // A ${ in it still opens a nested one, read as before.
    assertTrue(StringReadings.namesTbot("${A:-{${B:-tbot}} start"));
  }

  @Test
  void aParametersWordMayQuoteOrEscapeABrace() {
    // A } quoted or escaped in a parameter's word is text: the word ends at the first } neither
    // quoted nor escaped (sh, dash, bash, busybox, zsh, ksh, mksh), so ${X:-tb}${Y:+"}"}ot runs tbot.
    // In a double-quoted word bash also takes a ' for a quote, the others for text: read both
    // ways. SAFETY, red before: the word was taken to end at the quoted } (tb"}ot: no tbot), a
    // wrapper's string, sent from exec's own config while tbot read no.yaml's no.
    for (String string : List.of("${X:-tb}${Y:+\"}\"}ot start -c no.yaml", "${X:-tb}${Y:+'}'}ot start -c no.yaml",
        "${X:-tb}${Y:+\\}}ot start -c no.yaml", "${X:-tb}${Y:+\"a}b\"}ot start -c no.yaml",
        "\"${X:-tb}${Y:+'}'}ot\" start -c no.yaml")) {
      assertTrue(StringReadings.namesTbot(string), string);
      assertFalse(TbotCommand.of(List.of("sh", "-c", string)).counted(), string);
    }
    // As dash reads that last one: its word ', then '}ot, text: tb'}ot, no tbot, read as before.
    assertTrue(StringReadings.namesTbot("\"t${Y:+'}bot\" start"));
    // A wrapper's quoted } names no tbot, read either way.
    assertFalse(StringReadings.namesTbot("./run.sh ${NAME:-\"a}b\"} start"));
    assertFalse(StringReadings.namesTbot("./run.sh ${X:-tb}${Y:+\"}\"}o start"));
    // Unclosed quotes in 30 000 words, each scanned to the next ${ only (the string once, not once
    // a word): read at once, too many parameters to read each way, as before.
    String many = "./run.sh ${X:-'".repeat(30_000) + " start";
    assertTrue(StringReadings.notReadEachWay(many));
  }

  @Test
  void anExpansionInsideOrBesideADefaultGivingNothingJoinsTheTextAroundIt() {
    // With X, Y and Z unset each of these runs tbot (dash, bash, busybox, ksh, mksh): a } inside a command
    // substitution in a word is not the word's end; an expansion inside a word, or between two
    // defaults, gives nothing. SAFETY, red before: each read as a wrapper's string (the word ended
    // at $(echo }'s }, tb)}ot; ${Y:+${Z}} left ${Y:+} unread; $Y took the ot after Z's default for
    // its name, $Yot), sent from exec's own config while tbot read no.yaml's no.
    for (String string : List.of("${X:-tb}${Y:+$(echo })}ot start -c no.yaml",
        "${X:-tb}${Y:+`echo }`}ot start -c no.yaml", "${X:-tb}${Y:+\"$(echo \"}\")\"}ot start -c no.yaml",
        "${X:-tb}${Y:+${Z}}ot start -c no.yaml", "${X:-tb}$Y${Z:+x}ot start -c no.yaml",
        "t${Y:+$(echo })}bot start -c no.yaml", "${X:-tb}${Y:+${Z:+${W}}}ot start -c no.yaml")) {
      assertTrue(StringReadings.namesTbot(string), string);
      assertFalse(TbotCommand.of(List.of("sh", "-c", string)).counted(), string);
    }
    // A wrapper's default with a command substitution names no tbot, as before.
    assertFalse(StringReadings.namesTbot("./run.sh --log=${DIR:-$(pwd)}/agent.log start"));
    assertFalse(StringReadings.namesTbot("./run.sh ${X:-tb}${Y:+$(echo })}o start"));
  }

  @Test
  void aParametersIndexRunsOverNoCodeExecReads() {
    // '${A[' in quotes, escaped or in a comment is no parameter: the code after it up to ']:-}'
    // runs, its tbot and its no too. SAFETY, red before: read as an array element's default (index
    // and all dropped), a wrapper's string naming no tbot, counted from exec's own -c.
    for (String string : List.of("echo '${A['; tbot start -c no.yaml; echo ']:-}'",
        "echo \\${A[; tbot start -c no.yaml; ]:-}", "# ${A[\ntbot start -c no.yaml\n]:-}",
        "env X='${A[' tbot start -c no.yaml ']:-}'")) {
      assertTrue(StringReadings.namesTbot(string), string);
    }
    assertTrue(StringReadings.wordsForANo("echo '${A['; ./run.sh --no-anonymous-analytics; echo ']+}'")
        .contains("--no-anonymous-analytics"));
    assertTrue(StringReadings.namesTbot("${A[ 0 ]:-tbot} start"));
  }

  @Test
  void aTbotNamedThroughAnsiCQuotingOrAnArraysDefaultIsNamed() {
    // bash's $'...' and $"..." are quotes (t$'b'ot, tb$''ot run tbot), and ${A[0]:-tbot} is a
    // default as ${A:-tbot} is. Red before: each was read as a string naming none, a wrapper's,
    // counted from exec's own -c with consent while the real bash ran tbot start -c no.yaml.
    for (String string : List.of("cd /srv && exec t$'b'ot start -c no.yaml", "tb$''ot start -c no.yaml $X",
        "cd /srv; t$\"bo\"t start", "${A[0]:-tbot} start -c no.yaml", "${TBOT[@]-/usr/bin/tbot} start")) {
      List<String> line = List.of("bash", "-c", string);
      assertTrue(StringReadings.namesTbot(string), string);
      assertEquals(Kind.NOT_READ, ShellString.commandLine(line, Map.of()).kind(), line.toString());
    }
    assertFalse(StringReadings.namesTbot("cd /srv && echo $'tbot-data' && ./run.sh ${A[0]:-x}"));
  }

  @Test
  void aTbotOrANoWrittenWithAnsiCEscapesIsRead() {
    // bash, ksh and zsh decode $'...': $'\x74bot' runs tbot (found by a review of the day's
    // changes: sent while bash ran tbot start -c no.yaml). Red before: each string named none, and
    // the wrapper's no below was not read.
    for (String string : List.of("$'\\x74bot' start -c no.yaml", "cd /srv && $'\\164bot' start", "t$'\\u0062'ot start",
        "exec $'\\x74\\x62ot' start", "t$'\\U00000062'ot start")) {
      assertTrue(StringReadings.namesTbot(string), string);
      List<String> line = List.of("bash", "-c", string);
      assertFalse(TbotCommand.of(line).counted(), line.toString());
    }
    // A \-newline in a comment joins nothing: the comment ends there (found by the shell-string
    // differential test once it wrote $'...' escapes: bash ran tbot, exec read the string as naming none).
    assertTrue(StringReadings.namesTbot("exec #\\\ntbot start -c no.yaml"));
    assertEquals("--no-anonymous-analytics", AnsiCQuotes.decoded("$'--no-anonymous-\\x61nalytics'").replace("'", ""));
    assertEquals("'a\\qb' \"$'x\"", AnsiCQuotes.decoded("$'a\\qb' \"$'x\""), "unknown escapes and other quotes kept");
    // Not decoded where the $' is inside other quotes, and a string without one is as it was.
    assertEquals("'$'\\x74bot", AnsiCQuotes.decoded("'$'\\x74bot"));
    // namesTbot reads every numeric escape decoded as well (a string inside the string may decode
    // it): here that errs toward naming tbot.
    assertTrue(StringReadings.namesTbot("echo '$'\\x74bot"));
  }

  @Test
  void aTbotAnEmptyExpansionOrAnInnerStringsEscapesMakeIsNamed() {
    // Found by ShellStringDifferentialTest's seeds 9 to 14 once it wrote the review's shapes: an
    // expansion that gives nothing joins the text around it into tbot's name (a substring
    // ${Y: +x}, t${X}bot, tb$(true)ot), and a string inside the string decodes its own $'...'
    // (bash -c '... $'\''\164bot'\'' ...'). Red before: each named none, a wrapper's line.
    for (String string : List.of("true; ! ${X:-tb}${Y: +x}ot start -c no.yaml", "t${X}bot start", "tb$(true)ot start",
        "t`:`bot start", "bash -c 'set -e; ( $'\\''\\164bot'\\'' start )'",
        "bash -c 'if true; then $'\\''tb\\x6f\\x74'\\''; fi'")) {
      assertTrue(StringReadings.namesTbot(string), string);
    }
    // A name an expansion's value makes is none, as before; so is a path that only ends in tbot's
    // name with more after it.
    assertFalse(StringReadings.namesTbot("A=tb; ${A}ot start"));
    assertFalse(StringReadings.namesTbot("cd /srv && $BIN start"));
    assertFalse(StringReadings.namesTbot("./wrapper.sh --log=/var/log/${APP:-tbot}.log"));
    // A path joined after an expansion or a brace names tbot by its file name only (no test reached
    // TbotNameMatch.Joins' path check: mutants named every one).
    assertFalse(StringReadings.namesTbot("echo t$(x)/usr/bin/foo"));
    assertFalse(StringReadings.namesTbot("echo t{a,b}/usr/bin/foo"));
    assertTrue(StringReadings.namesTbot("echo t$(x)/usr/bin/tbot"));
  }

  @Test
  void aTbotAnExpansionWithBracesParenthesesOrQuotesInsideLeavesIsNamed() {
    // Found by the audit of the day's changes: an expansion that gives nothing but holds another
    // one, or a ) } or ` quoted or escaped, joins the text around it into tbot's name, as do brace
    // expansion's choices (bash, zsh) and zsh's $X[1]. Red before: each named none, a wrapper's
    // line counted from exec's own -c while the shell ran tbot with no.yaml's no.
    for (String string : List.of("t${X:-${Y:-${Z:-}}}bot start -c no.yaml", "t${X:+${Y}}bot start",
        "t$(: $(:))bot start", "t$(echo \")\" >/dev/null)bot start", "t$(case a in a) ;; esac)bot start",
        "t${X%\\}}bot start", "t${X+\\}}bot start", "t`: \\`:\\``bot start", "{t,}bot start",
        "t{b,}ot start", "{t..t}bot start", "t$X[1]bot start")) {
      assertTrue(StringReadings.namesTbot(string), string);
    }
    assertFalse(StringReadings.namesTbot("cd \"$HOME\" && exec ./run.sh \"$@\""));
    assertFalse(StringReadings.namesTbot("./wrapper.sh --log=/var/log/${APP:-tbot}.log {a,b}.txt"));
  }

  @Test
  void aTbotAnInnerStringsEchoEscapesMakeIsNamed() {
    // Found by the audit of the day's changes: echo (dash's, zsh's, bash's -e) and printf's %b
    // read \0 and up to three octal digits, \0164 for t, where $'...' reads \016 and a 4: the
    // shell that reads their output ran tbot. Red before: each named none, a wrapper's line.
    for (String string : List.of("echo \"\\0164bot start -c no.yaml\" | sh",
        "eval \"$(printf %b '\\0164bot') start -c no.yaml\"")) {
      assertTrue(StringReadings.namesTbot(string), string);
    }
  }

  @Test
  void aTbotAGlobMatchesIsNamed() {
    // Found by the audit of the day's changes: a pattern the shell matches against tbot's file
    // (tbot in the directory, or an installed tbot-v17) ran it. Red before: each named none, a
    // wrapper's line. A pattern with no letter of its own (*, ?*) names none: it would name any.
    for (String string : List.of("tbo? start -c no.yaml", "exec /usr/local/bin/t[b]ot start -c no.yaml",
        "cd /opt/teleport && ./tbot* start -c no.yaml",
        // The pattern's character first in the file name (mutants took each for no pattern).
        "exec ./*bot start -c no.yaml", "?bot start -c no.yaml", "exec /usr/local/bin/[t]bot start -c no.yaml")) {
      assertTrue(StringReadings.namesTbot(string), string);
    }
    assertFalse(StringReadings.namesTbot("rm -f /tmp/* && exec ./run.sh \"$@\""));
    assertFalse(StringReadings.namesTbot("for f in /etc/profile.d/*.sh; do . \"$f\"; done; exec ./agent ?*"));
  }

  @Test
  void aStringTooLongToReadEachWayNamesTbotAndSaysWhy() {
    // Each parameter with a word doubles the texts a string is read as (2^(k+1)+1 of its length):
    // a 125 KiB inline script with 8 took 15 s of CPU beside tbot and more than a 64 MiB heap. Past
    // about a million characters in all the string names tbot (records nothing) and the reason says
    // so; within, it is read as before. Red before: the long ones named none, a wrapper's line.
    String eight = "X=${A:-1}${B:-2}${C:-3}${D:-4}${E:-5}${F:-6}${G:-7}${H:-8}\n";
    String four = "X=${A:-1}${B:-2}${C:-3}${D:-4}\n";
    String step = ": step \"$HOME/x/$USER\"; [ -f \"/srv/f\" ] && rm -f \"/srv/f\"\n";
    String end = "./run-agent.sh start -c /etc/agent.yaml --no-anonymous-analytics";
    for (String[] c : new String[][] {{eight, "2100"}, {four, "32000"}, {"", "360000"}}) {
      String script = c[0] + step.repeat(Integer.parseInt(c[1]) / step.length() + 1) + end;
      assertTrue(StringReadings.namesTbot(script), c[0] + c[1]);
      assertTrue(StringReadings.notReadEachWay(script), c[0] + c[1]);
      // Its no is still read, from the texts read for a string of more than 8.
      assertTrue(StringReadings.wordsForANo(script).contains("--no-anonymous-analytics"), c[0] + c[1]);
      TbotCommand command = TbotCommand.of(List.of("bash", "-c", script));
      assertFalse(command.counted());
      assertTrue(command.whyNotCounted().startsWith(
          "COMMAND has a shell string exec does not read each way it may name tbot: "), command.whyNotCounted());
    }
    for (String[] c : new String[][] {{eight, "1900"}, {four, "29000"}, {"", "330000"}}) {
      String script = c[0] + step.repeat(Integer.parseInt(c[1]) / step.length()) + end;
      assertFalse(StringReadings.namesTbot(script), c[0] + c[1]);
      assertFalse(StringReadings.notReadEachWay(script), c[0] + c[1]);
      assertTrue(StringReadings.wordsForANo(script).contains("--no-anonymous-analytics"), c[0] + c[1]);
    }
    assertFalse(StringReadings.notReadEachWay("x".repeat(400_000)), "one word: no string");
  }

  @Test
  void aStringAtItsReadingsBoundIsReadEachWayAndOnePastItIsNot() {
    // The bound to the character, with 8, 4 and no parameters with a word, and the reason's figures
    // taken from it, not written beside it (they had said 30 and 340 KiB for 31 and 341).
    for (int k : new int[] {StringReadings.CHOICES, StringReadings.CHOICES / 2, 0}) {
      StringBuilder head = new StringBuilder("X=");
      for (int i = 0; i < k; i++) {
        head.append("${A").append(i).append(":-").append(i).append('}');
      }
      String start = head + "\n: ";
      String end = "\n./run-agent.sh start";
      // Its 2^(k+1)+1 texts, each of its length, within READ_CHARS.
      int longest = Math.toIntExact(StringReadings.READ_CHARS / ((1L << (k + 1)) + 1));
      assertEquals(longest, StringReadings.longestReadEachWay(k));
      String atBound = start + "x".repeat(longest - start.length() - end.length()) + end;
      assertEquals(longest, atBound.length());
      assertFalse(StringReadings.notReadEachWay(atBound), k + " at the bound");
      assertFalse(StringReadings.namesTbot(atBound), k + " at the bound");
      String past = start + "x".repeat(longest + 1 - start.length() - end.length()) + end;
      assertTrue(StringReadings.notReadEachWay(past), k + " one past it");
      String why = TbotCommand.of(List.of("bash", "-c", past)).whyNotCounted();
      String figure = k == StringReadings.CHOICES ? k + " such parameters in " : k == 0 ? ", none in " : ", " + k + " in ";
      assertTrue(why.contains(figure + Math.round(longest / 1024.0) + " KiB"), why);
    }
    // One more parameter with a word than CHOICES, however short, is not read each way.
    StringBuilder more = new StringBuilder("X=");
    for (int i = 0; i <= StringReadings.CHOICES; i++) {
      more.append("${A").append(i).append(":-").append(i).append('}');
    }
    assertTrue(StringReadings.notReadEachWay(more + "\n./run-agent.sh start"));
  }

  @Test
  void aStringInFrontOfTbotNotReadEachWayRecordsNothing() {
    // A wrapper that runs its string and then tbot (run.sh: eval "$1"; shift; exec "$@") hands tbot
    // what the string exports: here TELEPORT_ANONYMOUS_TELEMETRY=0 (sh, dash and bash, A and B
    // unset), a no that only the reading with ${A:-0}'s word and without ${B:+1}'s shows. A string
    // not read each way (too long, or more than 8 such parameters) is read only with all words or
    // none ("01", ""): its no is not seen, so exec records nothing. Red before: counted, and preview
    // said 'would send it' for the long one (the three-reading fallback the bound made it take).
    String no = "export TELEPORT_ANONYMOUS_TELEMETRY=${A:-0}${B:+1}\n";
    String step = ": step \"$HOME/x/$USER\"; [ -f \"/srv/f\" ] && rm -f \"/srv/f\"\n";
    String nine = "Y=${C:-1}${D:-2}${E:-3}${F:-4}${G:-5}${H:-6}${I:-7}\n";
    for (String script : List.of(no + step.repeat(120_000 / step.length()), no + nine + step)) {
      assertTrue(StringReadings.notReadEachWay(script));
      for (List<String> line : List.of(List.of("./run.sh", script, "tbot", "start"),
          List.of("nice", "-n", "5", "./run.sh", script, "tbot", "start"))) {
        TbotCommand command = TbotCommand.of(line);
        assertFalse(command.counted(), script.length() + " " + line.get(0));
        assertTrue(command.whyNotCounted().startsWith("COMMAND runs tbot behind a shell string exec does not read"
            + " each way"), command.whyNotCounted());
      }
    }
    // Read each way, its no is seen (LauncherEnvironment): counted as before.
    String shortOne = no + step;
    assertFalse(StringReadings.notReadEachWay(shortOne));
    assertTrue(StringReadings.wordsForANo(shortOne).contains("TELEPORT_ANONYMOUS_TELEMETRY=0"));
    assertTrue(TbotCommand.of(List.of("./run.sh", shortOne, "tbot", "start")).counted());
    // Behind tbot, a string is tbot's argument, not code run before it: as before.
    assertTrue(TbotCommand.of(List.of("tbot", "start", "--name", no + nine + step)).counted());
  }

  @Test
  void aLineLongerThanExecReadsRecordsNothingAndSaysWhy() {
    // Lines Linux runs (2 MiB of arguments, 128 KiB each): 80 000 launchers' words took 3 s of CPU
    // beside tbot, 80 000 env NAME=v words more than a 32 MiB heap, and 900 strings each within
    // READ_CHARS (below: 2 KiB, 8 parameters with a word) 30 s. Past 1024 words, or about 4 million
    // characters read, a line records nothing, and the reason says so; at the bounds it is read. Red
    // before: all counted.
    String script = "X=${A:-1}${B:-2}${C:-3}${D:-4}${E:-5}${F:-6}${G:-7}${H:-8}\n"
        + ": step \"$HOME/x/$USER\"; [ -f \"/srv/f\" ] && rm -f \"/srv/f\"\n".repeat(30);
    assertFalse(StringReadings.notReadEachWay(script), "each string is within its own bound");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < LineBound.MAX_WORDS; i++) {
      names.add("A" + i + "=v");
    }
    List<List<String>> tooLong = List.of(
        line(List.of("env"), names.subList(0, 1022), List.of("tbot", "start")),
        line(java.util.Collections.nCopies(1023, "nice"), List.of("tbot", "start")),
        // The line a string's words make, read in its place.
        List.of("sh", "-c", "tbot start" + " --debug".repeat(1023)),
        line(List.of("./run.sh"), java.util.Collections.nCopies(5, script), List.of("tbot", "start")),
        // Each shell, su or sudo reads the line on from its word (its options; a tbot after a
        // string): 300 shells in front of 14 words of 128 KiB took 17 s, 30 sudo -s 6 s, 400 sh -o
        // in front of 14 option clusters 3 s. Charged the line's length each.
        line(List.of("./x"), repeated(20, "sh", "-c", ":;"), java.util.Collections.nCopies(14, "a".repeat(131_071))),
        line(repeated(30, "sudo", "-s"), java.util.Collections.nCopies(14, "a".repeat(131_071))),
        line(List.of("./x"), repeated(400, "sh", "-o"), List.of("x"),
            java.util.Collections.nCopies(14, "-" + "x".repeat(131_070))),
        // So does each env, sudo, doas, chpst and start-stop-daemon (300 chpst -u in front of three
        // option clusters of 128 KiB: 12 s; 20 env -u in front of 14, more than a 32 MiB heap).
        line(List.of("./x"), repeated(300, "chpst", "-u"), java.util.Collections.nCopies(3, "-" + "v".repeat(131_070))),
        line(repeated(20, "env", "-u"), java.util.Collections.nCopies(14, "-u" + "a".repeat(131_069))),
        // Just past the bound: sudo and flock, each charged the line's length (1 400 205), with it: 4 200 615.
        line(List.of("sudo", "-u", "bot", "flock", "/run/tbot.lock", "tbot", "start"),
            java.util.Collections.nCopies(14, "--data-dir=/" + "a".repeat(100_000))),
        // One character past it, read by no shell: 4 194 305.
        line(List.of("./run.sh"), java.util.Collections.nCopies(32, "a".repeat(131_071)), List.of("a".repeat(16)),
            List.of("tbot", "start")),
        // A string with no parameter is read three ways (anyReading: as written, its expansions
        // emptied, no parameter read), each charged: 14 of 100 005 characters, 4 200 227 (once each,
        // 1 400 087, a mutant read it).
        line(List.of("./run.sh"), java.util.Collections.nCopies(14, "echo " + "a".repeat(100_000)),
            List.of("tbot", "start")));
    for (List<String> line : tooLong) {
      String shown = line.get(0) + " ... (" + line.size() + " words)";
      assertEquals(Kind.TOO_LONG, ShellString.commandLine(line, Map.of()).kind(), shown);
      TbotCommand command = TbotCommand.of(line);
      assertFalse(command.counted(), shown);
      assertEquals("COMMAND is longer than exec reads: more than 1024 words, or more than about 4 million characters"
          + " to read (a shell string once in each way exec reads it, the line once for each shell, su, sudo, env and"
          + " the like on it), so which config, and which no, a tbot there reads is not looked for",
          command.whyNotCounted(), shown);
    }
    List<List<String>> atTheBounds = List.of(
        line(List.of("env"), names.subList(0, 1021), List.of("tbot", "start")),
        line(java.util.Collections.nCopies(1022, "nice"), List.of("tbot", "start")),
        List.of("sh", "-c", "tbot start" + " --debug".repeat(1022)),
        line(List.of("./run.sh"), java.util.Collections.nCopies(4, script), List.of("tbot", "start")),
        // Just within it: 3 x 1 386 205 = 4 158 615 of 4 194 304.
        line(List.of("sudo", "-u", "bot", "flock", "/run/tbot.lock", "tbot", "start"),
            java.util.Collections.nCopies(14, "--data-dir=/" + "a".repeat(99_000))),
        // At it, to the character: 8 + 32 x 131 071 + 15 + 9 = 4 194 304 (a mutant took it for past it).
        line(List.of("./run.sh"), java.util.Collections.nCopies(32, "a".repeat(131_071)), List.of("a".repeat(15)),
            List.of("tbot", "start")),
        // 13 strings read three ways each: 3 900 212.
        line(List.of("./run.sh"), java.util.Collections.nCopies(13, "echo " + "a".repeat(100_000)),
            List.of("tbot", "start")));
    for (List<String> line : atTheBounds) {
      String shown = line.get(0) + " ... (" + line.size() + " words)";
      assertEquals(Kind.READ, ShellString.commandLine(line, Map.of()).kind(), shown);
      assertTrue(TbotCommand.of(line).counted(), shown);
    }
  }

  private static List<String> repeated(int times, String... words) {
    List<String> line = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      line.addAll(List.of(words));
    }
    return line;
  }

  @SafeVarargs
  private static List<String> line(List<String>... parts) {
    List<String> line = new ArrayList<>();
    for (List<String> part : parts) {
      line.addAll(part);
    }
    return line;
  }
}
