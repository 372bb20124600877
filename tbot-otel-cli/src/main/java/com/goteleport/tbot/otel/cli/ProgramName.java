package com.goteleport.tbot.otel.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which program a command's word names, by its file name: tbot, or a launcher in front of it. One
 * place for {@link ChildArgs}, {@link LauncherChain} and {@link TbotCommand}, which each look for
 * tbot in a command line.
 */
final class ProgramName {

  // tbot by file name: tbot, tbot.exe, or tbot with a version (tbot-18, tbot18.1.0, tbot-v18). In
  // any case: Windows, and macOS on its default file system, run tbot for TBOT.
  private static final Pattern TBOT = Pattern.compile("(?i)tbot([-_.]?v?[0-9][0-9.]*)?(\\.exe)?");

  private static final String EXE = ".exe";

  private ProgramName() {}

  /** Whether {@code program} (a name or path, Unix or Windows separators) names tbot. */
  static boolean isTbot(String program) {
    return TBOT.matcher(fileName(program)).matches();
  }

  /**
   * Whether {@code name} is tbot's file name or the start of one ({@code t}, {@code tb}, {@code
   * tbot-}): whether text after it may make one.
   */
  static boolean startsTbot(String name) {
    Matcher m = TBOT.matcher(name);
    return m.matches() || m.hitEnd();
  }

  /**
   * The name a launcher or another program in front of tbot is known by: its file name, but for
   * Windows' {@code .exe} in any case, which names the program without it ({@code env.exe} and
   * {@code ENV.EXE} run env there, as {@code tbot.exe} runs tbot).
   */
  static String launcherName(String program) {
    String name = fileName(program);
    int base = name.length() - EXE.length();
    return base > 0 && name.regionMatches(true, base, EXE, 0, EXE.length())
        ? name.substring(0, base).toLowerCase(Locale.ROOT)
        : name;
  }

  /** The file name of {@code program}, a name or a path with Unix or Windows separators. */
  static String fileName(String program) {
    return program.substring(Math.max(program.lastIndexOf('/'), program.lastIndexOf('\\')) + 1);
  }
}
