package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.config.Endpoints;
import com.goteleport.tbot.otel.config.TbotConfigSource;
import com.goteleport.tbot.otel.consent.Consent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import javax.annotation.Nullable;

/**
 * The environment tbot gets under the launchers in front of it ({@code env}'s {@code -i}, {@code -u}
 * and {@code NAME=VALUE}, {@code env -S}'s string, {@code sudo}'s {@code NAME=VALUE}, sudo's and
 * doas's reset), as exec reads it: for what tbot reads from it, its config and token, with exec's
 * own variables (consent, the endpoint) kept exec's but for a no; or all of it as tbot gets it
 * ({@link #asTbotGetsIt}). Whether it comes from files exec does not read ({@link
 * #environmentFromFiles}). The configs other programs in front of tbot may set for it are {@link
 * ConfigsInFront}'s.
 */
final class LauncherEnvironment {

  /**
   * When a program sets its command's environment from files or a secrets service exec does not
   * read: always where nothing is listed, else given one of {@code words} after it, a subcommand
   * ({@code op run}) or an option ({@code --env-file}, also {@code --env-file=FILE}), or one of
   * {@code variables} set not empty (in exec's environment, or by a {@code NAME=VALUE} word in front
   * of it).
   */
  private record FromFiles(Set<String> words, Set<String> variables) {
    static final FromFiles ALWAYS = new FromFiles(Set.of(), Set.of());

    static FromFiles given(String... words) {
      return new FromFiles(Set.of(words), Set.of());
    }

    /** Whether the program at {@code at} loads them under {@code env}, given the line's {@code words}. */
    boolean loads(int at, LineWords words, Map<String, String> env) {
      if (this.words.isEmpty() && variables.isEmpty()) {
        return true;
      }
      for (String word : this.words) {
        if (words.lastAt(word) > at) {
          return true;
        }
      }
      for (String variable : variables) {
        String value = env.get(variable);
        if (words.firstSetAt(variable) < at || value != null && !value.isEmpty()) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Where, in front of tbot, each word a {@link FromFiles} looks for is last met ({@code
   * --env-file=FILE} as {@code --env-file}), and where each variable it reads is first set not empty
   * by a {@code NAME=VALUE} word (an option's too, as {@link #assignments} finds it): read once for the line, so that a
   * line of many such programs' names is read in linear time.
   */
  private static final class LineWords {
    private final Map<String, Integer> last = new HashMap<>();
    private final Map<String, Integer> firstSet = new HashMap<>();

    LineWords(List<String> command, int end, Set<String> words, Set<String> variables) {
      for (int i = 0; i < end; i++) {
        String word = command.get(i);
        int eq = word.indexOf('=');
        String key = eq < 0 ? word : word.substring(0, eq);
        if (words.contains(key)) {
          last.put(key, i);
        }
        for (String assignment : assignments(word)) { // --env=NAME=VALUE, -eNAME=VALUE too
          int set = assignment.indexOf('=');
          if (set > 0 && set + 1 < assignment.length() && variables.contains(assignment.substring(0, set))) {
            firstSet.putIfAbsent(assignment.substring(0, set), i);
          }
        }
      }
    }

    int lastAt(String word) {
      return last.getOrDefault(word, -1);
    }

    int firstSetAt(String variable) {
      return firstSet.getOrDefault(variable, Integer.MAX_VALUE);
    }
  }

  // Programs that set their command's environment from files or a secrets service: envdir
  // (daemontools, runit), s6-envdir, s6-overlay's with-contenv (s6-envdir on its container
  // environment), execline's envfile FILE; the .env loaders direnv (exec DIR), dotenv (-e FILE, run;
  // dotenv-cli as npx names it), dotenvx (run), env-cmd (-f FILE, .env-cmdrc), pipenv (run), foreman,
  // honcho and forego (run, start); envconsul (Consul, Vault) and summon (secrets.yml's provider);
  // given their subcommand, 1Password's op run (op:// references, --env-file), doppler run,
  // infisical run, chamber exec (AWS SSM), berglas exec (berglas:// references), sops exec-env FILE;
  // uv run given --env-file or UV_ENV_FILE; envchain (the OS keychain), overmind (.overmind.env,
  // .env), and given their subcommand mise exec or x (mise.toml's [env]), teller run, bws run
  // (Bitwarden Secrets Manager), railway run, heroku local and local:run (.env). Also chpst given -e (see
  // environmentFromFiles). Not poetry run (no .env without a plugin) nor aws-vault exec (AWS's
  // credential variables only).
  private static final Map<String, FromFiles> FROM_FILES = Map.ofEntries(
      Map.entry("envdir", FromFiles.ALWAYS), Map.entry("s6-envdir", FromFiles.ALWAYS),
      Map.entry("with-contenv", FromFiles.ALWAYS), Map.entry("envfile", FromFiles.ALWAYS),
      Map.entry("direnv", FromFiles.ALWAYS), Map.entry("dotenv", FromFiles.ALWAYS),
      Map.entry("dotenv-cli", FromFiles.ALWAYS), Map.entry("dotenvx", FromFiles.ALWAYS),
      Map.entry("env-cmd", FromFiles.ALWAYS), Map.entry("pipenv", FromFiles.ALWAYS),
      Map.entry("foreman", FromFiles.ALWAYS), Map.entry("honcho", FromFiles.ALWAYS),
      Map.entry("forego", FromFiles.ALWAYS), Map.entry("envconsul", FromFiles.ALWAYS),
      Map.entry("summon", FromFiles.ALWAYS), Map.entry("op", FromFiles.given("run")),
      Map.entry("doppler", FromFiles.given("run")), Map.entry("infisical", FromFiles.given("run")),
      Map.entry("chamber", FromFiles.given("exec")), Map.entry("berglas", FromFiles.given("exec")),
      Map.entry("sops", FromFiles.given("exec-env")), Map.entry("envchain", FromFiles.ALWAYS),
      Map.entry("overmind", FromFiles.ALWAYS), Map.entry("mise", FromFiles.given("exec", "x")),
      Map.entry("teller", FromFiles.given("run")), Map.entry("bws", FromFiles.given("run")),
      Map.entry("railway", FromFiles.given("run")), Map.entry("heroku", FromFiles.given("local", "local:run")),
      Map.entry("uv", new FromFiles(Set.of("--env-file"), Set.of("UV_ENV_FILE"))));

  // What FROM_FILES looks for on a line, all its programs' together.
  private static final Set<String> FROM_FILES_WORDS = union(true);
  private static final Set<String> FROM_FILES_VARIABLES = union(false);

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

  // Longer than any name a no, tbot's config or UV_ENV_FILE is read under (TELEPORT_ANONYMOUS_TELEMETRY
  // has 28 letters): how far back in a cluster of short options a NAME=VALUE is looked for.
  private static final int LONGEST_NAME = 32;

  private LauncherEnvironment() {}

  /**
   * The environment as tbot reads it under {@code command}'s launchers: {@code env}'s {@code -i},
   * {@code -u NAME} and {@code NAME=VALUE}, and {@code sudo}'s {@code NAME=VALUE}, applied in turn
   * to {@code env}, for what tbot reads from it (its config, its token). The variables of consent
   * and the endpoint stay exec's, which it runs with, but a no given to tbot there ({@code env
   * TELEPORT_ANONYMOUS_TELEMETRY=0 tbot start}) is a no, as any no is; so is one for a command that
   * does not name tbot (see {@link #withNoOnTheLine}), and one any other program in front of tbot is
   * given (see {@link #withNoInFront}).
   */
  static Map<String, String> environment(List<String> command, Map<String, String> env) {
    List<String> unfolded = LauncherChain.unfolded(command);
    // Also the line as written: a word taken for an execline export's NAME or VALUE (a directory
    // named export in front of a wrapper) no longer stands alone, and a no there still counts.
    Map<String, String> launched = withNoInFront(unfolded, launched(unfolded, env));
    return unfolded == command ? launched : withNoInFront(command, launched); // unfolded: the same list where unchanged
  }

  private static Map<String, String> launched(List<String> command, Map<String, String> env) {
    List<LauncherChain.Step> chain = LauncherChain.chain(command);
    if (chain.isEmpty()) {
      return LauncherChain.tbotAt(command) < 0 ? withNoOnTheLine(command, env) : env;
    }
    Map<String, String> out = apply(chain, env, true);
    String path = out.get(TbotConfigSource.ENV_CONFIG_PATH);
    // As ChildArgs reads -c: behind a program exec does not know, a relative path is not found.
    String found = path == null ? null : LauncherDirectory.inDirectory(path, LauncherDirectory.directory(command));
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

  /**
   * {@code env} with a no that a {@code NAME=VALUE} word in front of tbot (anywhere on a line that
   * names none) sets for consent, whatever program is given it: {@code tmux new-session -e
   * DO_NOT_TRACK=1 tbot start}, a wrapper's {@code OTEL_SDK_DISABLED=true}, {@code
   * --env=DO_NOT_TRACK=1} or {@code -eDO_NOT_TRACK=1}. That program may set it for tbot, and a word
   * that only looks like one errs toward a no. Nothing but a no is taken. Not where the process says
   * no: every value would be one, and consent is refused anyway.
   */
  private static Map<String, String> withNoInFront(List<String> command, Map<String, String> env) {
    int at = LauncherChain.tbotAt(command);
    Map<String, String> out = null;
    for (int i = 0; i < (at < 0 ? command.size() : at); i++) {
      for (String assignment : assignmentsForANo(command.get(i))) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
          continue;
        }
        String name = assignment.substring(0, eq);
        String value = assignment.substring(eq + 1);
        String own = execsOwn(env, name);
        if (own != null ? Consent.saysNo(own, value) : saysNoAlone(name, value)) { // otel_sdk_disabled=true
          if (own == null && Consent.resolve(null, null, Map.of()).refused()) {
            return env; // the process says no, so every value does: none is taken, and consent is refused
          }
          if (out == null) {
            out = Main.mutableCopy(env);
          }
          out.put(own != null ? own : name, value);
        }
      }
    }
    return out == null ? env : out;
  }

  /**
   * What may be a {@code NAME=VALUE} in {@code word} ({@link #assignments}), and in each word of it
   * where it is a string of shell code that a program may run ({@code sh -c 'cd /srv; DO_NOT_TRACK=1
   * ./run.sh'}, {@code export DO_NOT_TRACK=1}: {@link StringReadings#wordsForANo}).
   */
  private static List<String> assignmentsForANo(String word) {
    List<String> inString = StringReadings.wordsForANo(word);
    if (inString.isEmpty()) {
      return assignments(word);
    }
    // Read whole too (env 'A=1 B' sets A to "1 B"), but a value only up to its first blank: as
    // code, what follows is another word (sh -c 'TELEPORT_ANONYMOUS_TELEMETRY=1 ./run.sh'), and a
    // value of no true value is a no.
    List<String> found = new ArrayList<>();
    for (String a : assignments(word)) {
      int eq = a.indexOf('=');
      int blank = eq < 0 ? -1 : indexOfBlank(a, eq + 1);
      found.add(blank < 0 ? a : a.substring(0, blank));
    }
    for (String w : inString) {
      found.addAll(assignments(w));
    }
    return found;
  }

  private static int indexOfBlank(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * What may be a {@code NAME=VALUE} in {@code word}: the word; for an option, what follows its
   * first '=' ({@code --env=NAME=VALUE}, {@code -e=NAME=VALUE}) and, for a short one, what follows
   * its letter ({@code -eNAME=VALUE}, getopt's value attached), or any letter of a cluster before
   * it ({@code -deNAME=VALUE}: -d, then -e's value; which letter takes one is not known here), for
   * a NAME no longer than {@link #LONGEST_NAME}, so that a long word is read in linear time.
   */
  static List<String> assignments(String word) {
    if (!word.startsWith("-")) {
      return List.of(word);
    }
    int eq = word.indexOf('=');
    String afterEquals = word.substring(eq + 1);
    if (word.startsWith("--") || word.length() < 3) {
      return List.of(afterEquals);
    }
    List<String> found = new ArrayList<>(List.of(afterEquals, word.substring(2)));
    for (int k = 3; k < eq && Character.isLetterOrDigit(word.charAt(k - 1)); k++) {
      if (eq - k <= LONGEST_NAME && (Character.isLetter(word.charAt(k)) || word.charAt(k) == '_')) {
        found.add(word.substring(k));
      }
    }
    return found;
  }

  /** Whether {@code name=value}, alone in an environment, is a no to consent (a process's no aside). */
  private static boolean saysNoAlone(String name, String value) {
    return Consent.resolve(null, null, Map.of(name, value)).refused();
  }

  /**
   * Whether a program in front of tbot (or anywhere on a line that names none) sets the environment
   * from files or a secrets service: {@code envdir DIR}, {@code s6-envdir DIR}, {@code chpst -e DIR},
   * {@code with-contenv}, {@code direnv exec DIR}, {@code dotenv}, {@code dotenvx run}, {@code op
   * run}, {@code uv run --env-file FILE} (or with UV_ENV_FILE in {@code env}, exec's environment, or
   * set in front of it) and the like ({@link #FROM_FILES}); or su, sudo, runuser or doas, whose
   * PAM session may, where those files name a no ({@link PamEnvironment}); or {@code sudo -i}
   * ({@code --login}), which runs tbot through the target user's login shell, and that reads
   * /etc/profile and ~/.profile (or its shell's like) first, as {@code su -} does. A DO_NOT_TRACK or
   * TBOT_CONFIG_PATH there is tbot's, and exec does not read those files.
   */
  static boolean environmentFromFiles(List<String> command, Map<String, String> env) {
    command = LauncherChain.unfolded(command);
    int at = LauncherChain.tbotAt(command);
    int end = at < 0 ? command.size() : at;
    LineWords words = null; // read once, where a program of FROM_FILES is met
    // PAM's files are the machine's, the same for every su or sudo: read once for the line, at the
    // first (a no there ends the reading), not once for each of a line of many.
    boolean pamRead = false;
    for (int i = 0; i < end; i++) {
      String name = ProgramName.launcherName(command.get(i));
      FromFiles loads = FROM_FILES.get(name);
      if (loads != null && words == null) {
        words = new LineWords(command, end, FROM_FILES_WORDS, FROM_FILES_VARIABLES);
      }
      if (loads != null && loads.loads(i, words, env)) {
        return true;
      }
      if (PAM_SESSIONS.contains(name) && !pamRead) {
        pamRead = true;
        if (PamEnvironment.mayNameANo()) {
          return true;
        }
      }
      if (name.equals("chpst") || name.equals("sudo")) {
        List<LauncherChain.Option> options = new ArrayList<>();
        LauncherChain.readOptions(name, command, i + 1, end, options, new ArrayList<>());
        for (LauncherChain.Option o : options) {
          boolean fromFiles = name.equals("chpst") ? o.is('e') : o.is('i') || o.isLong("login");
          if (fromFiles) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static Set<String> union(boolean words) {
    Set<String> all = new HashSet<>();
    for (FromFiles f : FROM_FILES.values()) {
      all.addAll(words ? f.words() : f.variables());
    }
    return Set.copyOf(all);
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
        } else if (envCommand && o.splitString() != null) {
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
   * './wrapper.sh TBOT_CONFIG=...' tbot}), and env sets none of them. Read from its words split
   * inside quotes too ({@link LauncherChain#splitWordsForANo}) and as env splits them ({@code
   * TELEPORT_ANONYMOUS_TELEMETRY=" 0"} is a no), and from the string of a {@code -S} among its
   * options ({@code -vS"DO_NOT_TRACK=1"}), which env splits again.
   */
  private static void splitStringNo(String string, Map<String, String> env) {
    // One nested too deep is read as far as it goes: exec records nothing behind it (Launcher).
    List<List<String>> readings = new ArrayList<>();
    LauncherChain.splitStringReadings(string, readings);
    readings.forEach(words -> splitWordsNo(words, env));
  }

  private static void splitWordsNo(List<String> words, Map<String, String> env) {
    int command = LauncherChain.readOptions("env", words, 0, words.size(), new ArrayList<>(), new ArrayList<>());
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      int eq = word.indexOf('=');
      String name = eq > 0 ? word.substring(0, eq) : "";
      String own = eq > 0 ? execsOwn(env, name) : null;
      // On Windows in any case, as env (Git for Windows') sets it and tbot reads it there.
      boolean config = sameName(env, name, TbotConfigSource.ENV_CONFIG_PATH)
          || sameName(env, name, TbotConfigSource.ENV_CONFIG);
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
    for (String own : EXECS_OWN) {
      if (sameName(env, name, own)) {
        return own;
      }
    }
    return null;
  }

  /** Whether {@code name} is {@code variable} as {@code env} finds names: on Windows, in any case. */
  static boolean sameName(Map<String, String> env, String name, String variable) {
    boolean anyCase =
        env instanceof SortedMap<String, String> sorted && sorted.comparator() == String.CASE_INSENSITIVE_ORDER;
    return anyCase ? variable.equalsIgnoreCase(name) : variable.equals(name);
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
