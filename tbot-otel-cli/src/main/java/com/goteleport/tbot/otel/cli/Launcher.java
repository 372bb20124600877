package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.config.Endpoints;
import com.goteleport.tbot.otel.config.TbotConfigSource;
import com.goteleport.tbot.otel.consent.Consent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import javax.annotation.Nullable;

/**
 * A program that runs the command in its arguments ({@code env}, {@code timeout 60}, {@code sudo},
 * {@code gosu}, {@code dumb-init} ...), as exec sees it: where tbot's own command line starts in
 * it, and what it changes in the environment tbot gets. A command line that does not start with
 * one is tbot's, or another program's, as it is. The directory it runs tbot in is {@link
 * LauncherDirectory}'s; the launchers are read by {@link LauncherChain}.
 */
final class Launcher {

  // Programs that set their command's environment from files: envdir (daemontools, runit),
  // s6-envdir, s6-overlay's with-contenv (s6-envdir on its container environment), direnv (exec DIR),
  // dotenv (-e FILE, run), env-cmd (-f FILE, .env-cmdrc), and chpst given -e (see environmentFromFiles).
  private static final Set<String> ENVDIRS =
      Set.of("envdir", "s6-envdir", "with-contenv", "direnv", "dotenv", "env-cmd");

  // Programs that open a PAM session for their command, whose pam_env may set its variables.
  private static final Set<String> PAM_SESSIONS = Set.of("su", "sudo", "runuser", "doas");

  // Variables exec itself answers to: consent (a "no" set for tbot is kept, see environment) and
  // where exec sends.
  private static final Set<String> EXECS_OWN =
      Set.of(Consent.ENV_TELEPORT, Consent.ENV_DO_NOT_TRACK, Consent.ENV_OTEL_SDK_DISABLED, Endpoints.ENV_ADDRESS);

  // sudo runs its command in a reset environment (sudoers' env_reset, on by default), and so does
  // doas (without keepenv in doas.conf): a join token in exec's environment never reaches tbot,
  // which then joins as its config says. Only the token is dropped: TBOT_CONFIG_PATH and
  // TBOT_CONFIG are still read, so that a no in that config is never missed (tbot, without them,
  // has no config and stops at once unless its flags give it all). sudo's -E and --preserve-env
  // keep it, --preserve-env=LIST if it is listed; sudoers' env_keep and doas.conf's keepenv or
  // setenv cannot be seen from here.
  private static final Set<String> RESETTERS = Set.of("sudo", "doas");

  private Launcher() {}

  /**
   * tbot's own command line in {@code command}: all of it when it runs tbot; a launcher's (or any
   * other program's) arguments from the one that names tbot (the last of a run of such names:
   * {@code gosu tbot tbot start} runs the program tbot as the user tbot); otherwise {@code command}
   * as it is. A {@code --} right after a tbot named behind a program that is not a launcher ({@link
   * #tbotBehindOtherProgram}) ends that program's options ({@code ./run.sh tbot -- start -c
   * tbot.yaml}): tbot gets what follows. A launcher passes it on to tbot ({@code nice tbot
   * -- start}), as it is kept here, also one right in front of tbot behind another program ({@code
   * xargs nice tbot -- start}), and so does xargs ({@code xargs tbot -- start}): tbot then refuses
   * any flag after it, and such a line counts nothing.
   */
  static List<String> tbotLine(List<String> command) {
    command = LauncherChain.unfolded(command);
    int at = LauncherChain.tbotAt(command);
    int dashes = runuserDashes(command, at);
    if (dashes > at) {
      // runuser -u's getopt took it as its own (runuser -u bot tbot -- start runs tbot start).
      List<String> line = new ArrayList<>(command.subList(at, command.size()));
      line.remove(dashes - at);
      return line;
    }
    if (at > 0 && at + 1 < command.size() && command.get(at + 1).equals("--") && tbotBehindOtherProgram(command)
        && !LauncherChain.LAUNCHERS.contains(ProgramName.launcherName(command.get(at - 1)))
        && LauncherChain.commandAt(command) != at) {
      List<String> line = new ArrayList<>(command.size() - at - 1);
      line.add(command.get(at));
      line.addAll(command.subList(at + 2, command.size()));
      return line;
    }
    return at < 0 ? command : command.subList(at, command.size());
  }

  /**
   * Whether {@code command} names tbot behind a program that is not a launcher ({@code xargs tbot
   * ...}, {@code htpasswd -b FILE tbot PASSWORD}): that tbot may be a value of the program's, a
   * user's name, and the words after it other values. What counts is the program right in front of
   * tbot once the launchers are peeled off, each with its options and operands ({@code sudo
   * htpasswd ...}, {@code nice -n 5 rabbitmqctl ...}, or the program of {@code env -S}'s string);
   * where a launcher's arguments cannot be told from its command, that word is taken for another
   * program.
   */
  static boolean tbotBehindOtherProgram(List<String> command) {
    command = LauncherChain.unfolded(command);
    int at = LauncherChain.tbotAt(command);
    if (at <= 0) {
      return false;
    }
    int p = 0;
    while (p < at) {
      String name = ProgramName.launcherName(command.get(p));
      if (!LauncherChain.isLauncher(command, p)) {
        return true;
      }
      p = LauncherChain.commandOf(name, command, p + 1);
      if (p < 0) {
        return true; // env -S's string runs a program of its own
      }
    }
    return p > at; // tbot itself read as a launcher's argument: its command is something else
  }

  /**
   * Whether a {@code runuser -u} among the launchers in front of the program {@code command} runs
   * does not run that line as given: it refuses it (-l, -c, an option it does not know ...), prints
   * its help, or takes an option after its command (its getopt permutes), which tbot then does not
   * get. exec records nothing for such a line.
   */
  static boolean runuserChangesTheLine(List<String> command) {
    command = LauncherChain.unfolded(command);
    int p = 0;
    while (p >= 0 && p < command.size()) {
      String name = ProgramName.launcherName(command.get(p));
      if (RunUser.is(name)) {
        RunUser runuser = RunUser.read(command, p + 1);
        if (runuser == null || !runuser.runsAsGiven()) {
          return runuser != null;
        }
      } else if (!LauncherChain.LAUNCHERS.contains(name) && !name.equals("xargs")) {
        return false;
      }
      p = LauncherChain.commandOf(name, command, p + 1);
    }
    return false;
  }

  /**
   * Whether the program {@code command}'s launchers run is su (or runuser without {@code -u}) given
   * options it refuses, or {@code -h} or {@code -V}: it runs nothing (see {@link RunUser#suRunsNothing}).
   * exec records nothing for such a line.
   */
  static boolean suRunsNothing(List<String> command) {
    command = LauncherChain.unfolded(command);
    int p = 0;
    while (p >= 0 && p < command.size()) {
      String name = ProgramName.launcherName(command.get(p));
      if (name.equals("su") || RunUser.is(name) && RunUser.read(command, p + 1) == null) {
        return RunUser.suRunsNothing(command, p + 1);
      }
      if (!LauncherChain.isLauncher(command, p) && !name.equals("xargs")) {
        return false;
      }
      p = LauncherChain.commandOf(name, command, p + 1);
    }
    return false;
  }

  /** Where the {@code --} is that a {@code runuser -u} in front of tbot (at {@code at}) takes after its command; -1 if none. */
  private static int runuserDashes(List<String> command, int at) {
    int p = 0;
    while (at > 0 && p >= 0 && p < at) {
      String name = ProgramName.launcherName(command.get(p));
      RunUser runuser = RunUser.is(name) ? RunUser.read(command, p + 1) : null;
      if (runuser != null && runuser.runsAsGiven() && runuser.dashesAt() > at) {
        return runuser.dashesAt();
      }
      if (runuser == null && !LauncherChain.LAUNCHERS.contains(name) && !name.equals("xargs")) {
        return -1;
      }
      p = LauncherChain.commandOf(name, command, p + 1);
    }
    return -1;
  }

  /**
   * Whether the program {@code command}'s launchers run is a start-stop-daemon that starts nothing
   * (see {@link StartStopDaemon#start}): it stops, tests or prints, or refuses its options, and
   * exits, maybe with 0. exec records nothing for such a line.
   */
  static boolean daemonStartsNothing(List<String> command) {
    int p = 0;
    while (p >= 0 && p < command.size()) {
      String name = ProgramName.launcherName(command.get(p));
      if (StartStopDaemon.is(name)) {
        return StartStopDaemon.start(command, p + 1) == null;
      }
      if (!LauncherChain.isLauncher(command, p) && !name.equals("xargs")) {
        return false;
      }
      p = LauncherChain.commandOf(name, command, p + 1);
    }
    return false;
  }

  /**
   * Whether a word of an {@code env -S} string in a command that does not name tbot otherwise
   * names tbot ({@code env -S 'tbot start -c tbot.yaml'}): env runs it with its flags in a string
   * exec does not parse, so which config, and which no, tbot reads is unknown. Every env on the
   * line is read, leading, behind launchers or behind any other program ({@code xargs env -S
   * ...}), as any program is looked through to a word naming tbot.
   */
  static boolean tbotInSplitString(List<String> command) {
    command = LauncherChain.unfolded(command);
    if (LauncherChain.tbotAt(command) >= 0) {
      return false;
    }
    for (int i = 0; i < command.size(); i++) {
      if (!ProgramName.launcherName(command.get(i)).equals("env")) {
        continue;
      }
      List<LauncherChain.Option> options = new ArrayList<>();
      LauncherChain.readOptions("env", command, i + 1, command.size(), options, new ArrayList<>());
      for (LauncherChain.Option o : options) {
        if ((o.is('S') || o.isLong("split-string")) && o.value() != null) {
          for (String word : LauncherChain.splitWords(o.value())) {
            if (ProgramName.isTbot(word)) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /**
   * The environment as tbot reads it under {@code command}'s launchers: {@code env}'s {@code -i},
   * {@code -u NAME} and {@code NAME=VALUE}, and {@code sudo}'s {@code NAME=VALUE}, applied in turn
   * to {@code env}, for what tbot reads from it (its config, its token). The variables of consent
   * and the endpoint stay exec's, which it runs with, but a no given to tbot there ({@code env
   * TELEPORT_ANONYMOUS_TELEMETRY=0 tbot start}) is a no, as any no is; so is one for a command that
   * does not name tbot (see {@link #withNoOnTheLine}).
   */
  static Map<String, String> environment(List<String> command, Map<String, String> env) {
    command = LauncherChain.unfolded(command);
    List<LauncherChain.Step> chain = LauncherChain.chain(command);
    if (chain.isEmpty()) {
      return LauncherChain.tbotAt(command) < 0 ? withNoOnTheLine(command, env) : env;
    }
    Map<String, String> out = apply(chain, env, true);
    String path = out.get(TbotConfigSource.ENV_CONFIG_PATH);
    String found = path == null ? null : LauncherDirectory.inDirectory(path, LauncherDirectory.directoryOf(chain));
    if (found != null) {
      out.put(TbotConfigSource.ENV_CONFIG_PATH, found); // left as it is where exec cannot find it: see ChildArgs
    }
    return out;
  }

  /**
   * {@code env} with a no that an {@code env} or {@code sudo} on a line that does not name tbot
   * sets for exec's own variables ({@code env DO_NOT_TRACK=1 ./wrapper.sh}, {@code nice env ...},
   * {@code xargs env ...}): consent is exec's, and any no wins. Nothing else they set is taken:
   * tbot's config and token are not read from there when tbot is not named.
   */
  private static Map<String, String> withNoOnTheLine(List<String> command, Map<String, String> env) {
    List<LauncherChain.Step> steps = LauncherChain.assignerSteps(command);
    if (steps.isEmpty()) {
      return env;
    }
    // With keepExecsOwn, apply changes exec's own variables only to set a no.
    Map<String, String> applied = apply(steps, env, true);
    Map<String, String> out = null;
    for (String own : EXECS_OWN) {
      String value = applied.get(own);
      if (value != null && !value.equals(env.get(own))) {
        if (out == null) {
          out = Main.mutableCopy(env);
        }
        out.put(own, value);
      }
    }
    // A no under a name Consent reads as one of exec's own (otel_sdk_disabled, as OpenTelemetry Java
    // reads OTEL_SDK_DISABLED) is a no too. Not where the process says no: every value would be one.
    if (!Consent.resolve(null, null, Map.of()).refused()) {
      for (Map.Entry<String, String> e : applied.entrySet()) {
        if (execsOwn(applied, e.getKey()) == null && !e.getValue().equals(env.get(e.getKey()))
            && saysNoAlone(e.getKey(), e.getValue())) {
          if (out == null) {
            out = Main.mutableCopy(env);
          }
          out.put(e.getKey(), e.getValue());
        }
      }
    }
    return out == null ? env : out;
  }

  /** Whether {@code name=value}, alone in an environment, is a no to consent (a process's no aside). */
  private static boolean saysNoAlone(String name, String value) {
    return Consent.resolve(null, null, Map.of(name, value)).refused();
  }

  /**
   * Whether a program in front of tbot (or anywhere on a line that names none) sets the environment
   * from files: {@code envdir DIR}, {@code s6-envdir DIR}, {@code chpst -e DIR}, {@code with-contenv},
   * {@code direnv exec DIR}, {@code dotenv} or {@code env-cmd}; or su, sudo, runuser or doas, whose
   * PAM session may, where those files name a no ({@link PamEnvironment}). A DO_NOT_TRACK or
   * TBOT_CONFIG_PATH there is tbot's, and exec does not read those files.
   */
  static boolean environmentFromFiles(List<String> command) {
    command = LauncherChain.unfolded(command);
    int at = LauncherChain.tbotAt(command);
    int end = at < 0 ? command.size() : at;
    for (int i = 0; i < end; i++) {
      String name = ProgramName.launcherName(command.get(i));
      if (ENVDIRS.contains(name) || PAM_SESSIONS.contains(name) && PamEnvironment.mayNameANo()) {
        return true;
      }
      if (name.equals("chpst")) {
        List<LauncherChain.Option> options = new ArrayList<>();
        LauncherChain.readOptions(name, command, i + 1, end, options, new ArrayList<>());
        for (LauncherChain.Option o : options) {
          if (o.is('e')) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * The environment tbot itself gets under {@code command}'s launchers, exec's own variables as
   * they set them too: {@code env TELEPORT_ANONYMOUS_TELEMETRY=1 tbot start} turns today's tbot's
   * own telemetry on, whatever exec makes of that yes.
   */
  static Map<String, String> asTbotGetsIt(List<String> command, Map<String, String> env) {
    List<LauncherChain.Step> chain = LauncherChain.chain(LauncherChain.unfolded(command));
    return chain.isEmpty() ? env : apply(chain, env, false);
  }

  /**
   * Applies each launcher's settings in turn: {@code env}'s {@code -i}, {@code -u NAME} and {@code
   * NAME=VALUE}, {@code sudo}'s {@code NAME=VALUE}; with {@code keepExecsOwn}, exec's own
   * variables stay exec's, but for a no set for tbot.
   */
  private static Map<String, String> apply(
      List<LauncherChain.Step> chain, Map<String, String> env, boolean keepExecsOwn) {
    Map<String, String> out = Main.mutableCopy(env);
    // A no exec's own process gives (DO_NOT_TRACK, -Dotel.sdk.disabled) is no sign of one here.
    boolean processSaysNo = keepExecsOwn && Consent.resolve(null, null, Map.of()).refused();
    for (LauncherChain.Step step : chain) {
      if (RESETTERS.contains(step.name()) && !step.preserves(StartInputs.ENV_BOT_TOKEN)) {
        out.remove(StartInputs.ENV_BOT_TOKEN);
      }
      boolean envCommand = step.name().equals("env");
      for (LauncherChain.Option o : step.options()) {
        if (envCommand && (o.is('i') || o.isLong("ignore-environment") || o.text().equals("-"))) {
          clearAllBut(out, keepExecsOwn ? EXECS_OWN : Set.of());
        } else if (envCommand && (o.is('u') || o.isLong("unset")) && o.value() != null
            && !(keepExecsOwn && execsOwn(out, o.value()) != null)) {
          out.remove(o.value());
        } else if (envCommand && (o.is('S') || o.isLong("split-string")) && o.value() != null) {
          if (!keepExecsOwn) {
            splitStringSets(o.value(), out);
          } else if (!processSaysNo) {
            splitStringNo(o.value(), out);
          }
        }
      }
      if (!step.sets()) {
        continue;
      }
      for (String arg : step.assignments()) {
        String name = arg.substring(0, arg.indexOf('='));
        String value = arg.substring(arg.indexOf('=') + 1);
        String own = keepExecsOwn ? execsOwn(out, name) : null;
        if (own == null || !processSaysNo && Consent.resolve(null, null, Map.of(own, value)).refused()) {
          out.put(name, value);
        }
      }
    }
    return out;
  }

  /**
   * Sets in {@code env} a no among the words of {@code env -S}'s string, which env splits and sets
   * as it does its own {@code NAME=VALUE} words ({@code env -S 'DO_NOT_TRACK=1' ./wrapper.sh}). Its
   * words may be the command's as well, so only a no for exec's consent is taken (any no wins), and
   * tbot's config variables, whose config may say no ({@code env -S TBOT_CONFIG_PATH=/etc/no.yaml
   * tbot start}): a path there cannot be found under {@code env -S}, and base64 text is read. These
   * only before a command the string names: after it they are its arguments ({@code env -S
   * './wrapper.sh TBOT_CONFIG=...' tbot}), and env sets none of them. Its quotes are dropped, not
   * parsed.
   */
  private static void splitStringNo(String string, Map<String, String> env) {
    List<String> words = List.of(LauncherChain.splitWords(string));
    int command = LauncherChain.readOptions("env", words, 0, words.size(), new ArrayList<>(), new ArrayList<>());
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      int eq = word.indexOf('=');
      String name = eq > 0 ? word.substring(0, eq) : "";
      String own = eq > 0 ? execsOwn(env, name) : null;
      boolean config = name.equals(TbotConfigSource.ENV_CONFIG_PATH) || name.equals(TbotConfigSource.ENV_CONFIG);
      boolean no = own != null ? Consent.saysNo(own, word.substring(eq + 1))
          : eq > 0 && saysNoAlone(name, word.substring(eq + 1)); // otel_sdk_disabled=true, say
      if (no || config && i < command) {
        env.put(name, word.substring(eq + 1));
      }
    }
  }

  /**
   * Applies {@code env -S}'s string to the environment tbot itself gets, as env applies its own
   * options and words: its {@code -i}, {@code -u NAME} and the {@code NAME=VALUE} words before any
   * command it names ({@code env -S 'TELEPORT_ANONYMOUS_TELEMETRY=1' tbot start} turns today's
   * tbot's own telemetry on).
   */
  private static void splitStringSets(String string, Map<String, String> env) {
    List<String> words = List.of(LauncherChain.splitWords(string));
    List<LauncherChain.Option> options = new ArrayList<>();
    List<String> assignments = new ArrayList<>();
    LauncherChain.readOptions("env", words, 0, words.size(), options, assignments);
    Map<String, String> set = apply(List.of(new LauncherChain.Step("env", options, assignments)), env, false);
    env.clear();
    env.putAll(set);
  }


  /**
   * The variable of exec's own that {@code name} is, found as {@code env} finds names: on Windows
   * {@code env teleport_anonymous_telemetry=1} sets exec's TELEPORT_ANONYMOUS_TELEMETRY, which
   * stays exec's as under the name in capitals. Null if it is none.
   */
  @Nullable
  private static String execsOwn(Map<String, String> env, String name) {
    boolean anyCase =
        env instanceof SortedMap<String, String> sorted && sorted.comparator() == String.CASE_INSENSITIVE_ORDER;
    for (String own : EXECS_OWN) {
      if (anyCase ? own.equalsIgnoreCase(name) : own.equals(name)) {
        return own;
      }
    }
    return null;
  }

  /** Removes all of {@code env} but {@code names}, found as {@code env} finds them (on Windows, in any case). */
  private static void clearAllBut(Map<String, String> env, Set<String> names) {
    Map<String, String> kept = new HashMap<>();
    for (String name : names) {
      if (env.containsKey(name)) {
        kept.put(name, env.get(name));
      }
    }
    env.clear();
    env.putAll(kept);
  }
}
