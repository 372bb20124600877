package com.goteleport.tbot.otel.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The flags of a tbot command line that shape the event, as tbot's own parser (kingpin) reads them:
 * {@code -c FILE}, {@code -cFILE}, {@code --config FILE}, {@code --config=FILE}, {@code
 * --oneshot}/{@code --no-oneshot}, {@code --join-method[=]METHOD}, {@code --destination-dir[=]DIR}.
 * Everything else is ignored, and nothing after a {@code --} is read (those are the arguments of a
 * command tbot runs). The last occurrence of a flag wins. Flags are read only when the program is
 * tbot itself ({@code tbot} or {@code tbot.exe}, by file name): another program's {@code -c} means
 * something else ({@code sh -c "tbot start -c x"}), so nothing is inferred from it.
 *
 * @param config the config file, or {@code null} if not given (empty if given empty)
 * @param oneshot whether one-shot mode is asked for
 * @param joinMethod the join method, or {@code null}
 * @param destinationDir the destination directory, or {@code null}
 */
record ChildArgs(
    @Nullable Path config, boolean oneshot, @Nullable String joinMethod, @Nullable String destinationDir) {

  private static final ChildArgs NONE = new ChildArgs(null, false, null, null);

  /** Reads {@code command} ({@code command.get(0)} is the program, e.g. {@code tbot}). */
  static ChildArgs parse(List<String> command) {
    if (command.isEmpty() || !isTbot(command.get(0))) {
      return NONE;
    }
    String config = null;
    boolean oneshot = false;
    String joinMethod = null;
    String destinationDir = null;
    for (int i = 1; i < command.size(); i++) {
      String arg = command.get(i);
      String next = i + 1 < command.size() ? command.get(i + 1) : null;
      if (arg.equals("--")) {
        break;
      } else if (arg.equals("--oneshot")) {
        oneshot = true;
      } else if (arg.equals("--no-oneshot")) {
        oneshot = false;
      } else if (arg.equals("-c") || arg.equals("--config")) {
        config = next;
        i++;
      } else if (arg.startsWith("--config=")) {
        config = value(arg);
      } else if (arg.startsWith("-c") && !arg.startsWith("--")) {
        config = arg.substring(arg.startsWith("-c=") ? 3 : 2);
      } else if (arg.equals("--join-method")) {
        joinMethod = next;
        i++;
      } else if (arg.startsWith("--join-method=")) {
        joinMethod = value(arg);
      } else if (arg.equals("--destination-dir")) {
        destinationDir = next;
        i++;
      } else if (arg.startsWith("--destination-dir=")) {
        destinationDir = value(arg);
      }
    }
    return new ChildArgs(
        // An empty -c is kept: given, it stops tbot from reading TBOT_CONFIG_PATH.
        config == null ? null : Paths.get(config),
        oneshot,
        joinMethod,
        destinationDir == null || destinationDir.isEmpty() ? null : destinationDir);
  }

  /**
   * Fills what exec was not given itself from these child flags: exec's own flags win, and {@code
   * --oneshot} on either side means one-shot.
   */
  void fillIn(AnalyticsOptions options) {
    if (options.config == null) {
      options.config = config;
    }
    options.oneshot = options.oneshot || oneshot;
    if (options.joinMethod == null) {
      options.joinMethod = joinMethod;
    }
    if (options.destinationDir == null) {
      options.destinationDir = destinationDir;
    }
  }

  /** Whether {@code program} (a name or path, Unix or Windows separators) names tbot. */
  static boolean isTbot(String program) {
    String name = program.substring(Math.max(program.lastIndexOf('/'), program.lastIndexOf('\\')) + 1);
    return name.equals("tbot") || name.equalsIgnoreCase("tbot.exe");
  }

  private static String value(String arg) {
    return arg.substring(arg.indexOf('=') + 1);
  }
}
