package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.config.Endpoints;
import com.goteleport.tbot.otel.config.TbotConfigSource;
import com.goteleport.tbot.otel.consent.Consent;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * A program that runs the command in its arguments ({@code env}, {@code timeout 60}, {@code sudo},
 * {@code gosu}, {@code dumb-init} ...), as exec sees it: where tbot's own command line starts in
 * it, and what it changes in the environment tbot gets. A command line that does not start with
 * one is tbot's, or another program's, as it is.
 */
final class Launcher {

  // coreutils, util-linux, sudo and the container inits: each runs the command after its own
  // options with the same arguments.
  private static final Set<String> LAUNCHERS = Set.of(
      "env", "timeout", "nice", "nohup", "setsid", "stdbuf", "ionice", "chrt", "taskset", "time",
      "sudo", "doas", "su-exec", "gosu", "tini", "dumb-init", "catatonit");

  // Variables exec itself answers to: consent (a "no" set for tbot is kept, see environment) and
  // where exec sends.
  private static final Set<String> EXECS_OWN =
      Set.of(Consent.ENV_TELEPORT, Consent.ENV_DO_NOT_TRACK, Consent.ENV_OTEL_SDK_DISABLED, Endpoints.ENV_ADDRESS);

  /** {@link #directory}'s answer for a launcher that moves tbot to a directory exec cannot know. */
  static final String ELSEWHERE = "";

  // Short options that take a value, sudo's and GNU env's.
  private static final String SUDO_VALUE_OPTIONS = "CDghprtTUu";
  private static final String ENV_VALUE_OPTIONS = "uCS";

  private Launcher() {}

  /**
   * The directory tbot runs in, if {@code command}'s launcher changes it: {@code env -C DIR} or
   * {@code --chdir}, {@code sudo -D DIR} or {@code --chdir}; {@link #ELSEWHERE} for {@code sudo -i}
   * or {@code --login} (the target user's home); {@code null} if it is exec's own.
   */
  @Nullable
  static String directory(List<String> command) {
    int at = tbotAt(command);
    if (at <= 0) {
      return null;
    }
    String launcher = ChildArgs.fileName(command.get(0));
    boolean env = launcher.equals("env");
    boolean sudo = launcher.equals("sudo");
    if (!env && !sudo) {
      return null;
    }
    // Short options may be clustered (sudo -niu bot): one that takes a value takes the rest of
    // its cluster, or the next argument.
    String valueOptions = env ? ENV_VALUE_OPTIONS : SUDO_VALUE_OPTIONS;
    char chdir = env ? 'C' : 'D';
    String dir = null;
    List<String> args = command.subList(1, at);
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--chdir") && i + 1 < args.size()) {
        dir = args.get(++i);
      } else if (arg.startsWith("--chdir=")) {
        dir = arg.substring("--chdir=".length());
      } else if (sudo && arg.equals("--login")) {
        dir = ELSEWHERE;
      } else if (arg.startsWith("-") && !arg.startsWith("--")) {
        for (int c = 1; c < arg.length(); c++) {
          char option = arg.charAt(c);
          if (sudo && option == 'i') {
            dir = ELSEWHERE;
          }
          if (valueOptions.indexOf(option) >= 0) {
            String value = c + 1 < arg.length() ? arg.substring(c + 1) : i + 1 < args.size() ? args.get(++i) : null;
            if (option == chdir && value != null) {
              dir = value;
            }
            break;
          }
        }
      }
    }
    return dir;
  }

  /**
   * {@code path} as tbot, run in {@code directory} (see {@link #directory}), finds it: a relative
   * one is taken from there; {@code null} for one exec cannot find ({@link #ELSEWHERE}).
   */
  @Nullable
  static String inDirectory(String path, @Nullable String directory) {
    try {
      if (directory == null || path.isEmpty() || Path.of(path).isAbsolute()) {
        return path;
      }
      return directory.equals(ELSEWHERE) ? null : Path.of(directory).resolve(path).toString();
    } catch (InvalidPathException e) {
      return path; // read as given, where it is refused with one line
    }
  }

  /**
   * tbot's own command line in {@code command}: all of it when it runs tbot; a launcher's arguments
   * from the one that names tbot (the last of a run of such names: {@code gosu tbot tbot start}
   * runs the program tbot as the user tbot); otherwise {@code command} as it is.
   */
  static List<String> tbotLine(List<String> command) {
    int at = tbotAt(command);
    return at < 0 ? command : command.subList(at, command.size());
  }

  /**
   * The environment as tbot reads it under {@code command}'s launcher: {@code env}'s {@code -i},
   * {@code -u NAME} and {@code NAME=VALUE}, and {@code sudo}'s or {@code doas}'s {@code
   * NAME=VALUE}, applied to {@code env}, for what tbot reads from it (its config, its token). The
   * variables of consent and the endpoint stay exec's, which it runs with, but a no given to tbot
   * there ({@code env TELEPORT_ANONYMOUS_TELEMETRY=0 tbot start}) is a no, as any no is.
   */
  static Map<String, String> environment(List<String> command, Map<String, String> env) {
    int at = tbotAt(command);
    if (at <= 0) {
      return env;
    }
    String launcher = ChildArgs.fileName(command.get(0));
    boolean envCommand = launcher.equals("env");
    if (!envCommand && !launcher.equals("sudo") && !launcher.equals("doas")) {
      return env;
    }
    Map<String, String> out = new HashMap<>(env);
    // A no exec's own process gives (DO_NOT_TRACK, -Dotel.sdk.disabled) is no sign of one here.
    boolean processSaysNo = Consent.resolve(null, null, Map.of()).refused();
    List<String> args = command.subList(1, at);
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (envCommand && (arg.equals("-i") || arg.equals("--ignore-environment") || arg.equals("-"))) {
        out.keySet().retainAll(EXECS_OWN);
      } else if (envCommand && (arg.equals("-u") || arg.equals("--unset")) && i + 1 < args.size()) {
        unset(out, args.get(++i));
      } else if (envCommand && arg.startsWith("--unset=")) {
        unset(out, arg.substring("--unset=".length()));
      } else if (envCommand && arg.startsWith("-u") && arg.length() > 2) {
        unset(out, arg.substring(2));
      } else if (!arg.startsWith("-") && arg.indexOf('=') > 0) {
        String name = arg.substring(0, arg.indexOf('='));
        String value = arg.substring(arg.indexOf('=') + 1);
        if (!EXECS_OWN.contains(name)
            || !processSaysNo && Consent.resolve(null, null, Map.of(name, value)).refused()) {
          out.put(name, value);
        }
      }
    }
    String path = out.get(TbotConfigSource.ENV_CONFIG_PATH);
    String found = path == null ? null : inDirectory(path, directory(command));
    if (found != null) {
      out.put(TbotConfigSource.ENV_CONFIG_PATH, found); // left as it is for ELSEWHERE: see ChildArgs
    }
    return out;
  }

  private static void unset(Map<String, String> env, String name) {
    if (!EXECS_OWN.contains(name)) {
      env.remove(name);
    }
  }

  /** Where tbot's command line starts in {@code command}: 0 for tbot itself, -1 for none. */
  private static int tbotAt(List<String> command) {
    if (command.isEmpty() || ChildArgs.isTbot(command.get(0))) {
      return command.isEmpty() ? -1 : 0;
    }
    if (!LAUNCHERS.contains(ChildArgs.fileName(command.get(0)))) {
      return -1;
    }
    for (int i = 1; i < command.size(); i++) {
      if (ChildArgs.isTbot(command.get(i))) {
        while (i + 1 < command.size() && ChildArgs.isTbot(command.get(i + 1))) {
          i++;
        }
        return i;
      }
    }
    return -1;
  }
}
