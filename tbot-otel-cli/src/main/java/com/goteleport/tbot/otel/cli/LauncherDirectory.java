package com.goteleport.tbot.otel.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The directory tbot runs in under the launchers in front of it ({@code env -C}, {@code sudo -D},
 * start-stop-daemon's {@code --chdir} ...), as exec can tell it, and a path as tbot finds it from
 * there: a relative config is tbot's from its own directory, not exec's.
 */
final class LauncherDirectory {

  /**
   * {@link #directory}'s answer for a launcher that moves tbot to a directory exec cannot know, or a
   * program exec does not know in front of tbot, which may.
   */
  static final String ELSEWHERE = new String("elsewhere"); // compared by identity: no path is it

  /**
   * {@link #directory}'s answer where no path is as exec sees it: {@code sudo -R} ({@code
   * --chroot}), {@code env -S} (its string may hold any option), or one of {@link
   * LauncherChain#ELSEWHERE_RUNNERS}.
   */
  static final String OPAQUE = new String("opaque");

  private LauncherDirectory() {}

  /**
   * The directory tbot runs in, if a launcher in front of it changes it: {@code env -C DIR} or
   * {@code --chdir}, {@code sudo -D DIR} or {@code --chdir}, one after another as given (relative
   * ones from the one before); {@link #ELSEWHERE} where exec cannot know it: {@code sudo -i} or
   * {@code --login} (the target user's home); {@link #OPAQUE} for {@code sudo -R} or {@code
   * --chroot}, {@code env -S} and a program of another root between them ({@code nice chroot DIR
   * tbot}), and {@link #ELSEWHERE} too behind a program exec does not know ({@code daemonize} runs
   * tbot in {@code /}, a wrapper script wherever it cds to, and a relative path there is another
   * file, maybe one that says no) unless a launcher after it sets an absolute one; {@code null} if
   * it is exec's own.
   */
  @Nullable
  static String directory(List<String> command) {
    List<String> line = LauncherChain.unfolded(command);
    String dir = directoryOf(LauncherChain.chain(line));
    int at = LauncherChain.tbotAt(line);
    if (dir == OPAQUE || at <= 0 || LauncherChain.commandAt(line) == at) {
      return dir; // launchers (and xargs, which keeps the directory) alone in front of tbot
    }
    // Behind a program exec does not know: only launchers after it that set an absolute directory
    // tell where tbot runs (./run.sh env -C /srv tbot): the longest run of them right in front of it.
    for (int r = 1; r < at; r++) {
      List<String> rest = line.subList(r, line.size());
      if (LauncherChain.commandAt(rest) == at - r) {
        String after = directoryOf(LauncherChain.chain(rest));
        return after == OPAQUE || isAbsolute(after) ? after : ELSEWHERE;
      }
    }
    return ELSEWHERE;
  }

  private static boolean isAbsolute(@Nullable String dir) {
    try {
      return dir != null && dir != ELSEWHERE && Path.of(dir).isAbsolute();
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /** {@link #directory} for the launchers of {@code chain}. */
  @Nullable
  static String directoryOf(List<LauncherChain.Step> chain) {
    @Nullable String dir = null;
    for (LauncherChain.Step step : chain) {
      if (LauncherChain.ELSEWHERE_RUNNERS.contains(step.name())) {
        dir = OPAQUE;
      }
      for (LauncherChain.Option o : step.options()) {
        boolean sudo = step.name().equals("sudo");
        boolean daemon = StartStopDaemon.is(step.name());
        if (step.name().equals("env") && (o.is('C') || o.isLong("chdir")) && o.value() != null
            || (sudo || daemon) && (o.is(sudo ? 'D' : 'd') || o.isLong("chdir") && !o.isLong("chroot"))
            && o.value() != null) {
          dir = in(dir, o.value());
        } else if (sudo && (o.is('R') || o.isLong("chroot"))
            || daemon && (o.is('r') || o.isLong("chroot"))
            || step.name().equals("chpst") && o.is('/')
            || step.name().equals("env") && (o.is('S') || o.isLong("split-string"))) {
          dir = OPAQUE;
        } else if (sudo && (o.is('i') || o.isLong("login")) && dir != OPAQUE) {
          dir = ELSEWHERE;
        }
      }
    }
    return dir;
  }

  private static String in(@Nullable String dir, String next) {
    if (dir == ELSEWHERE || dir == OPAQUE) {
      return dir;
    }
    try {
      return dir == null || Path.of(next).isAbsolute() ? next : Path.of(dir).resolve(next).toString();
    } catch (InvalidPathException e) {
      return ELSEWHERE; // no directory tbot could run in
    }
  }

  /**
   * {@code path} as tbot, run in {@code directory} (see {@link #directory}), finds it: a relative
   * one is taken from there; {@code null} for one exec cannot find (a relative one {@link
   * #ELSEWHERE}, any under {@link #OPAQUE}).
   */
  @Nullable
  static String inDirectory(String path, @Nullable String directory) {
    try {
      if (directory == OPAQUE && !path.isEmpty()) {
        return null;
      }
      if (directory == null || path.isEmpty() || Path.of(path).isAbsolute()) {
        return path;
      }
      return directory == ELSEWHERE ? null : Path.of(directory).resolve(path).toString();
    } catch (InvalidPathException e) {
      return path; // read as given, where it is refused with one line
    }
  }
}
