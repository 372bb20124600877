package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.config.TbotConfigReader;
import com.goteleport.tbot.otel.config.TbotConfigSource;
import com.goteleport.tbot.otel.internal.env.GoBool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The flags of a tbot command line that shape the event, as tbot's own parser (kingpin) reads them
 * ({@link TbotArgs}): {@code -c FILE}, {@code -cFILE}, {@code -dc FILE}, {@code --config[=]FILE},
 * {@code --config-string[=]BASE64}, {@code --oneshot}/{@code --no-oneshot}, {@code
 * --join-method[=]METHOD}, {@code --join-uri[=]URI} (its scheme only), {@code --token[=]TOKEN} and
 * {@code --ca-pin[=]PIN} (only whether and how they are given), {@code --destination-dir[=]DIR}.
 * Everything else is ignored, and nothing after a {@code --} is read (those are the arguments of a
 * command tbot runs). The last occurrence of a flag wins. Flags are read only when the program is
 * tbot itself ({@code tbot}, {@code tbot.exe} or a versioned name such as {@code tbot-18}, by file
 * name, in any case), or a launcher (or any other program) that runs the program named in its
 * arguments ({@code env}, {@code timeout 60}, {@code setpriv ...}), from the argument that names
 * tbot on ({@link Launcher}): another program's {@code -c} means something else, so nothing but
 * tbot's no flag is inferred from a line that names no tbot ({@link #wrappersNo}; a shell's plain
 * {@code -c} string is turned into the line it runs before, by {@link ShellString}). exec's own
 * flags go over these in {@link StartFlags#merge}.
 *
 * @param config the config file, or {@code null} if not given (empty if given empty); a relative one
 *     as found from the directory the launcher runs tbot in ({@code env -C DIR})
 * @param configString the base64 config of {@code --config-string}, or {@code null} if not given
 *     (empty if given empty)
 * @param oneshot the last of {@code --oneshot} ({@code true}) and {@code --no-oneshot}, or {@code null}
 * @param joinMethod the join method: {@code --join-method}'s, else the one {@code --join-uri} names
 *     (tbot fills an unset method from the URI, and refuses one that differs), or {@code null}
 * @param onboarding whether a non-empty {@code --token} or any {@code --ca-pin} is given: tbot then
 *     replaces its config's onboarding section
 * @param tokenFlag whether {@code --token} is given at all, even empty: tbot then ignores {@code
 *     TELEPORT_BOT_TOKEN}
 * @param destinationDir the destination directory, or {@code null}
 * @param noFlag the first of {@code --no-anonymous-analytics} (with any value, named without it) or
 *     {@code --anonymous-analytics=VALUE} with a value other than a true one (as given if Go's
 *     false, else named without it): the RFD's flags, which a tbot that has them obeys; {@code null}
 *     if neither is given
 * @param directory {@link LauncherDirectory#directory}: where the launcher runs tbot, if not in
 *     exec's directory
 */
record ChildArgs(
    @Nullable String config,
    @Nullable String configString,
    @Nullable Boolean oneshot,
    @Nullable String joinMethod,
    boolean onboarding,
    boolean tokenFlag,
    @Nullable String destinationDir,
    @Nullable String noFlag,
    @Nullable String directory) {

  // tbot's --anonymous-analytics=VALUE: Go's strconv.ParseBool false values are a no named as
  // given (GoBool.FALSE). Any other value (tbot refuses it) is named without it: it is whatever was
  // typed there (a secret in the wrong place, a line break, a terminal's escape sequence), and the
  // reason is printed by preview and --debug.
  private static final String OTHER_VALUE = "--anonymous-analytics given a value other than true";

  private static final ChildArgs NONE = new ChildArgs(null, null, null, null, false, false, null, null, null);

  /** Reads {@code command} ({@code command.get(0)} is the program, e.g. {@code tbot}). */
  static ChildArgs parse(List<String> command) {
    @Nullable String directory = LauncherDirectory.directory(command);
    List<String> line = command;
    command = Launcher.tbotLine(command);
    if (command.isEmpty() || !ProgramName.isTbot(command.get(0))) {
      return wrappersNo(line);
    }
    @Nullable String noFlag = null;
    @Nullable String config = null;
    @Nullable String configString = null;
    @Nullable Boolean oneshot = null;
    @Nullable String joinMethod = null;
    @Nullable String joinUri = null;
    @Nullable String token = null; // the last --token, which is tbot's
    boolean caPin = false;
    @Nullable String destinationDir = null;
    for (TbotArgs.Arg arg : TbotArgs.split(command.subList(1, command.size()))) {
      @Nullable String value = arg.value();
      switch (arg.isWord() ? "" : arg.flag()) {
        case "oneshot" -> oneshot = true;
        case "no-oneshot" -> oneshot = false;
        case "config" -> config = value;
        case "config-string" -> configString = value;
        case "join-method" -> joinMethod = value;
        case "join-uri" -> joinUri = value;
        case "token" -> token = value != null ? value : token;
        // Even an empty pin is one more entry in tbot's list, which makes it replace onboarding.
        case "ca-pin" -> caPin |= value != null;
        case "destination-dir" -> destinationDir = value;
        case "no-anonymous-analytics", "anonymous-analytics" -> noFlag = noFlag != null ? noFlag : no(arg);
        default -> {} // a word, or a flag that does not shape the event
      }
    }
    @Nullable String found = config == null ? null : LauncherDirectory.inDirectory(config, directory);
    if ((joinMethod == null || joinMethod.isEmpty()) && joinUri != null && !joinUri.isEmpty()) {
      // start KIND's --join-uri (18.1.0 on, gravitational/teleport#56267): tbot applies it as a
      // config's join_uri, in place of that one (Bot.preRunChecks, JoinURIParams.ApplyToConfig).
      String fromUri = TbotConfigReader.joinUriMethod(joinUri);
      joinMethod = fromUri != null ? fromUri : joinMethod;
    }
    return new ChildArgs(
        // an empty -c is kept: given, it stops tbot from reading TBOT_CONFIG_PATH
        found == null ? config : found,
        configString, // an empty one is kept too: given, it stops tbot from reading TBOT_CONFIG
        oneshot,
        joinMethod,
        (token != null && !token.isEmpty()) || caPin,
        token != null,
        destinationDir == null || destinationDir.isEmpty() ? null : destinationDir,
        noFlag,
        directory);
  }

  /**
   * The no {@code arg} gives, named as {@link #noFlag} names it, or {@code null}. Attached, tbot's
   * {@code --anonymous-analytics} takes a value as Go's strconv.ParseBool does: anything but a true
   * value is a no, or an error that stops tbot.
   */
  @Nullable
  private static String no(TbotArgs.Arg arg) {
    if (arg.isWord()) {
      return null;
    }
    @Nullable String value = arg.value();
    return switch (arg.flag()) {
      case "no-anonymous-analytics" -> "--no-anonymous-analytics";
      case "anonymous-analytics" -> value == null || GoBool.TRUE.contains(value) ? null
          : GoBool.FALSE.contains(value) ? "--anonymous-analytics=" + value : OTHER_VALUE;
      default -> null;
    };
  }

  /**
   * A line that names no tbot (a wrapper's, counted only from a config exec is given): nothing of
   * it is read but tbot's own no flag among its arguments, or among the words of a string of shell
   * code there ({@code ./run.sh --no-anonymous-analytics}, {@code sh -c 'cd /srv;
   * ./run.sh --anonymous-analytics=false'}), which the wrapper may hand to tbot: a word that only
   * looks like one errs toward a no, as a {@code NAME=VALUE} word there does ({@link
   * LauncherEnvironment}).
   */
  private static ChildArgs wrappersNo(List<String> line) {
    for (int i = 1; i < line.size(); i++) {
      String word = line.get(i);
      List<String> words = new ArrayList<>(StringReadings.wordsForANo(word));
      words.add(0, word);
      for (String w : words) {
        if (!w.contains("anonymous-analytics")) {
          continue; // the check a word costs on a long line
        }
        for (TbotArgs.Arg arg : TbotArgs.split(List.of(w))) {
          @Nullable String no = no(arg);
          if (no != null) {
            return new ChildArgs(null, null, null, null, false, false, null, no, null);
          }
        }
      }
    }
    return NONE;
  }

  /** Whether tbot's command line says no ({@link #noFlag}). */
  boolean optOut() {
    return noFlag != null;
  }

  /**
   * Whether tbot's config file is at a path exec cannot find (a relative one under {@code sudo -i},
   * any under {@code sudo -R}, {@code env -S} or {@code chroot}): it may say no. {@code tbotEnv}:
   * the environment tbot gets, for {@code TBOT_CONFIG_PATH}.
   */
  boolean configElsewhere(Map<String, String> tbotEnv) {
    if (directory != LauncherDirectory.ELSEWHERE && directory != LauncherDirectory.OPAQUE) { // the markers, not names
      return false;
    }
    String path = config != null ? config : tbotEnv.get(TbotConfigSource.ENV_CONFIG_PATH);
    return path != null && LauncherDirectory.inDirectory(path, directory) == null;
  }
}
