package com.goteleport.tbot.otel.cli;

import java.util.List;

/**
 * How long a command line exec reads may be: a longer one records nothing ({@link
 * ShellString.Kind#TOO_LONG}), and its reason says so. exec reads COMMAND on its analytics thread
 * while tbot runs, so what reading costs is spent beside tbot, in the JVM's heap: bounded here by
 * the line's words and by the characters its readers read, never by time.
 */
final class LineBound {

  /**
   * The most words exec reads in a command line; a longer one records nothing. No agent's line
   * comes near it, and what reading a line costs grows with its words: 80 000 launchers' words,
   * which Linux runs, took 3 s of CPU beside tbot, and 80 000 {@code env NAME=v} words more heap
   * than a 32 MiB JVM has.
   */
  static final int MAX_WORDS = 1024;

  /**
   * The most characters exec reads a command line in ({@link #tooLong}): all its words together,
   * each string in every reading made of it ({@link StringReadings#readChars}), and the whole line
   * again for each shell, su, sudo, env and the like on it, whose options and words each reads on
   * its own. A line that would take more records nothing. {@link StringReadings#READ_CHARS} bounds
   * one string: 900 strings each within it, a line Linux runs (1.5 MB), took 25 to 28 s of CPU; 400
   * {@code sh -o} in front of 14 long option clusters, 3 s. Three strings at that bound fit (fewer
   * with a {@code \}, which is read once more as cmd reads it), or four 1.7 KB scripts with 8
   * defaults (~0.5 s of CPU).
   */
  static final long LINE_READ_CHARS = 4 * StringReadings.READ_CHARS;

  /** Whether {@code line} is longer than exec reads: {@link #MAX_WORDS}, {@link #LINE_READ_CHARS}. */
  static boolean tooLong(List<String> line) {
    if (line.size() > MAX_WORDS) {
      return true;
    }
    long chars = 0;
    long length = 0;
    int readers = 0;
    for (String word : line) {
      chars += StringReadings.readChars(word);
      length += word.length();
      readers += readsOn(ProgramName.launcherName(word)) ? 1 : 0;
      if (chars + readers * length > LINE_READ_CHARS) {
        return true;
      }
    }
    return false;
  }

  // Whether exec's readers read on along the line from a word of this name, each time they meet
  // one: a shell's options, su's, runuser's, script's, flock's, busybox's; env's, sudo's, doas's,
  // chpst's and start-stop-daemon's (LauncherChain.readOptions: 300 'chpst -u' in front of three
  // option clusters of 128 KiB took 12 s of CPU).
  private static boolean readsOn(String name) {
    return ShellOptions.reads(name) || StringHandOff.is(name) || RunUser.is(name) || name.equals("busybox")
        || LauncherChain.readsOptions(name);
  }

  private LineBound() {}
}
