package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.config.ConfigException;
import com.goteleport.tbot.otel.config.TbotConfigSource;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * Which {@code TBOT_CONFIG_PATH=FILE} and {@code TBOT_CONFIG=BASE64} words in front of tbot may set
 * tbot's config ({@link #read}), given to a program exec does not read as a launcher ({@code tmux
 * new-session -e}, a wrapper's argument, {@code --env=}, {@code -e}), and why such a config may say
 * no ({@link #maySayNo}). Only a no is taken from it: that program may or may not pass the word on
 * to tbot, so its config can take consent away but never give it.
 */
final class ConfigsInFront {

  // How many distinct TBOT_CONFIG_PATH or TBOT_CONFIG words in front of tbot are read, each a file
  // of up to 1 MiB read or text decoded: a line of thousands took minutes. More may say no.
  private static final int MOST_READ = 8;

  // Why such a config decides (its path or text is not shown: see maySayNo).
  private static final Reasons PATH = new Reasons(
      "anonymous_analytics in the config a TBOT_CONFIG_PATH word in front of tbot names says no",
      "the config a TBOT_CONFIG_PATH word in front of tbot names cannot be read here (relative, in another root,"
          + " or unreadable), and may say no");
  private static final Reasons TEXT = new Reasons(
      "anonymous_analytics in the config a TBOT_CONFIG word in front of tbot gives says no",
      "the config a TBOT_CONFIG word in front of tbot gives cannot be read (not base64, or unreadable), and may"
          + " say no");
  private static final String TOO_MANY = "more than " + MOST_READ
      + " TBOT_CONFIG_PATH or TBOT_CONFIG words in front of tbot: not read, and may say no";

  private ConfigsInFront() {}

  /**
   * Why a config a {@code TBOT_CONFIG_PATH=FILE} or {@code TBOT_CONFIG=BASE64} word in front of
   * tbot gives ({@link #read}) may say no, or {@code null} if none does: one says no, or cannot be
   * read here, as for a shadowed tbot config ({@link StartInputs#configMaySayNo}). Only a no is
   * taken from it: the program given it may not pass it on. Each is read as tbot reads that
   * variable alone, and not where tbot's own flag wins over it: {@code -c} over {@code
   * TBOT_CONFIG_PATH}, {@code --config-string} over {@code TBOT_CONFIG}, even empty (a file with
   * {@code TBOT_CONFIG}, tbot refuses: that word's no stands). A relative path may be found from
   * any directory that program runs tbot in ({@code tmux new-session -c DIR}, a wrapper's cd), and
   * one under a program of another root ({@link LauncherDirectory#OPAQUE}) is not this host's file.
   * More than {@link #MOST_READ} distinct words tbot would read are not read, and may say no.
   */
  @Nullable
  static String maySayNo(List<String> line, ChildArgs args, Map<String, String> env) {
    Set<String> read = new HashSet<>(); // the variables tbot reads, its own flag not given
    if (args.config() == null) {
      read.add(TbotConfigSource.ENV_CONFIG_PATH);
    }
    if (args.configString() == null) {
      read.add(TbotConfigSource.ENV_CONFIG);
    }
    Set<Map.Entry<String, String>> words = read.isEmpty() ? Set.of() : read(line, env, read);
    if (words.size() > MOST_READ) {
      return TOO_MANY;
    }
    for (Map.Entry<String, String> word : words) {
      boolean path = word.getKey().equals(TbotConfigSource.ENV_CONFIG_PATH);
      Reasons reasons = path ? PATH : TEXT;
      String value = word.getValue();
      String no;
      try {
        boolean notHere = path && (!Path.of(value).isAbsolute() || args.directory() == LauncherDirectory.OPAQUE);
        no = value.isEmpty() ? null // no config: tbot reads none
            : notHere ? reasons.unreadable()
            : StartInputs.configMaySayNo(TbotConfigSource.resolve(null, null, Map.of(word.getKey(), value)),
                reasons.no(), reasons.unreadable());
      } catch (InvalidPathException | ConfigException unusable) {
        no = reasons.unreadable();
      }
      if (no != null) {
        return no;
      }
    }
    return null;
  }

  /** Why a config in front of tbot decides: it says {@code no}, or is {@code unreadable} and may. */
  private record Reasons(String no, String unreadable) {}

  /**
   * The {@code TBOT_CONFIG_PATH=FILE} and {@code TBOT_CONFIG=BASE64} words in front of tbot given to
   * a program exec does not read as a launcher ({@code tmux new-session -e TBOT_CONFIG_PATH=FILE}, a
   * wrapper's argument, {@code --env=} and {@code -e} as {@link LauncherEnvironment#assignments}
   * reads them), which may set them for tbot: each as its variable's name ({@link
   * TbotConfigSource#ENV_CONFIG_PATH} or {@link TbotConfigSource#ENV_CONFIG}) to its value, in line
   * order; on the line as written too, as {@link LauncherEnvironment#environment} reads a no. Not
   * env's or sudo's, read as tbot's environment there, nor one a launcher runs as its program
   * ({@code nice TBOT_CONFIG_PATH=FILE tbot} runs that word); but those after the program an {@code
   * env -S} string names, which are that program's arguments ({@code env -S './run.sh
   * TBOT_CONFIG_PATH=FILE' tbot start}). None where tbot is the command or not named. Only those of
   * {@code variables}, and no more than {@link #MOST_READ} + 1 distinct ones: the line is read no
   * further.
   */
  static Set<Map.Entry<String, String>> read(List<String> command, Map<String, String> env, Set<String> variables) {
    List<String> unfolded = LauncherChain.unfolded(command);
    Set<Map.Entry<String, String>> configs = new LinkedHashSet<>();
    for (List<String> line : unfolded == command ? List.of(command) : List.of(unfolded, command)) {
      int at = LauncherChain.tbotAt(line);
      // After the program the launchers run, whose arguments these are (from the first word when
      // commandAt gives -1, an env -S string's program: its words are read with env's options).
      for (int i = Math.max(LauncherChain.commandAt(line) + 1, 0); i < at; i++) {
        String name = ProgramName.launcherName(line.get(i));
        if (LauncherChain.isAssigner(name)) { // its words are read as tbot's environment
          List<LauncherChain.Option> options = new ArrayList<>();
          i = LauncherChain.readOptions(name, line, i + 1, at, options, new ArrayList<>()) - 1;
          for (LauncherChain.Option o : options) {
            if (name.equals("env") && o.splitString() != null) {
              List<String> words = List.of(LauncherChain.splitWordsForANo(o.value()));
              int program = LauncherChain.readOptions("env", words, 0, words.size(), new ArrayList<>(),
                  new ArrayList<>());
              for (int w = program + 1; w < words.size(); w++) {
                if (add(words.get(w), env, variables, configs)) {
                  return configs;
                }
              }
            }
          }
          continue;
        }
        if (add(line.get(i), env, variables, configs)) {
          return configs;
        }
      }
    }
    return configs;
  }

  /**
   * Adds to {@code configs} each of {@code variables} that {@code word} may set ({@link
   * LauncherEnvironment#assignments}); true once {@code configs} holds more than {@link #MOST_READ}.
   */
  private static boolean add(String word, Map<String, String> env, Set<String> variables,
      Set<Map.Entry<String, String>> configs) {
    for (String assignment : LauncherEnvironment.assignments(word)) {
      int eq = assignment.indexOf('=');
      for (String variable : variables) {
        if (eq > 0 && LauncherEnvironment.sameName(env, assignment.substring(0, eq), variable)) {
          configs.add(Map.entry(variable, assignment.substring(eq + 1)));
        }
      }
    }
    return configs.size() > MOST_READ;
  }
}
