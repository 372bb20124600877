package com.goteleport.tbot.otel.cli;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.annotation.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * exec's and preview's refusal of a COMMAND that is a boolean flag's value given after a space
 * ({@code exec --anonymous-analytics false -- tbot start} would run {@code false}, not tbot, and
 * opt in): picocli reads everything from the first word that is no option on as COMMAND.
 */
final class FlagValueAsCommand {

  // What a person writes for a boolean; picocli takes only true and false after '=', so the fix
  // offered is one of those.
  private static final Set<String> TRUE_WORDS = Set.of("true", "t", "yes", "y", "on", "1");
  private static final Set<String> FALSE_WORDS = Set.of("false", "f", "no", "n", "off", "0");

  private FlagValueAsCommand() {}

  /**
   * The one-line refusal where {@code command}'s first word is a boolean word that came right after a
   * boolean flag of {@code spec}'s (a negated name such as {@code --no-oneshot} too), with no
   * {@code --} between them; else null.
   */
  @Nullable
  static String problem(CommandSpec spec, List<String> command) {
    // The whole command line as given (expanding @files is off): COMMAND is its tail.
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    int at = args.size() - command.size();
    if (at < 1 || command.isEmpty()) {
      return null;
    }
    String word = command.get(0).toLowerCase(Locale.ROOT);
    String value = TRUE_WORDS.contains(word) ? "true" : FALSE_WORDS.contains(word) ? "false" : null;
    String flag = args.get(at - 1);
    if (value == null || !flag.startsWith("--")) {
      return null;
    }
    OptionSpec option = UsageError.optionNamed(spec, flag);
    if (option == null || !option.typeInfo().isBoolean()) {
      return null;
    }
    String fixed = flag + "=" + value;
    return flag + " takes its value after '=', true or false (" + fixed + "), not as the next word, which was"
        + " taken for the command: give the command after '--' (" + spec.name() + " " + fixed + " -- tbot start ...)";
  }
}
