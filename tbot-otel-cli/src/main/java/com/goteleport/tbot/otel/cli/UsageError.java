package com.goteleport.tbot.otel.cli;

import static com.goteleport.tbot.otel.internal.text.ShownWords.flagName;
import static com.goteleport.tbot.otel.internal.text.ShownWords.shortWord;
import static com.goteleport.tbot.otel.internal.text.ShownWords.withoutValue;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * picocli's refusal of a command line, reworded to quote no word that may be a secret: the line
 * lands in CI, Kubernetes and journald logs, and a refused word is often tbot's ({@code
 * --token=...} given to tbot-otel's own flags, or taken as the value of a flag given none).
 */
final class UsageError {

  private static final String FOUND = " but found '";

  private UsageError() {}

  /**
   * {@code e}'s message, its words that may be secrets left out; then, as a backstop for a message
   * no rule here rewords, each word of {@code args} (the command line) that is neither a short word
   * nor a bare flag's name, wherever it still appears.
   */
  static String message(ParameterException e, String[] args) {
    String message = message(e, List.of(args));
    for (String arg : args) {
      if (arg.length() > 2 && !shortWord(arg) && !arg.equals(flagName(arg)) && message.contains(arg)) {
        String flag = withoutValue(arg);
        message = message.replace(arg, flag != null ? flag : "...");
      }
    }
    return message;
  }

  /** {@code spec}'s option named {@code name}, a negated name ({@code --no-oneshot}) too; else null. */
  @Nullable
  static OptionSpec optionNamed(CommandSpec spec, String name) {
    OptionSpec option = spec.findOption(name);
    return option != null ? option : spec.negatedOptionsMap().get(name);
  }

  /** {@code e}'s message, its words that may be secrets left out. */
  private static String message(ParameterException e, List<String> args) {
    if (e instanceof UnmatchedArgumentException) {
      return unmatched((UnmatchedArgumentException) e, args);
    }
    // help's own word for it: the same mistake as tbot-otel strt, in the same words.
    String message = String.valueOf(e.getMessage()).replaceFirst("^Unknown subcommand '", "Unknown command '");
    // "Expected parameter for option '-c' but found '--config=VALUE'": a flag of ours, a value
    // maybe attached (-cVALUE, -hcVALUE, --config=VALUE); picocli sets no value to replace.
    int found = message.indexOf(FOUND);
    int end = message.lastIndexOf('\'');
    if (found >= 0 && end >= found + FOUND.length()) {
      return message.substring(0, found + FOUND.length())
          + foundWord(message.substring(found + FOUND.length(), end)) + message.substring(end);
    }
    if (message.endsWith(" is not a boolean")) {
      // picocli's "'yes' is not a boolean" names no value it takes
      message += "; give the flag alone, or =true or =false";
    }
    String value = e.getValue();
    if (value == null || shortWord(value)) {
      return message;
    }
    // "Invalid value for option '--x': 'VALUE' is not a duration", "Unknown subcommand 'WORD'"
    return message.replace("'" + value + "'", message.startsWith("Invalid value") ? "the value given" : "'...'");
  }

  /** Whether the first of {@code unmatched} comes after a {@code --} of {@code args}. */
  private static boolean afterDashes(List<String> args, List<String> unmatched) {
    int dashes = args.indexOf("--");
    return dashes >= 0 && !unmatched.isEmpty() && args.lastIndexOf(unmatched.get(0)) > dashes;
  }

  /** {@code word}, a flag found where a value was expected, without what follows its name. */
  private static String foundWord(String word) {
    String flag = withoutValue(word);
    return flag != null ? flag : word.length() <= 2 ? word : "..."; // "--", "-"
  }

  /**
   * Names the unknown flags (without a value given with {@code =}) or, for a word out of place, a
   * short one ({@code strt}, as a short value is shown); other words only by count or place.
   */
  private static String unmatched(UnmatchedArgumentException e, List<String> args) {
    List<String> names = new ArrayList<>();
    int others = 0;
    for (String word : e.getUnmatched()) {
      String name = flagName(word);
      if (name == null) {
        others++;
      } else if (!names.contains(name)) {
        names.add(name);
      }
    }
    StringBuilder line = new StringBuilder();
    int hidden;
    boolean named;
    @Nullable String shownWord = null; // the out-of-place word named, where one is
    CommandSpec spec = e.getCommandLine().getCommandSpec();
    // start takes flags only: picocli's "Unmatched argument at index 1" counts from 0 and names no fix.
    boolean flagsOnly = !e.isUnknownOption() && spec.positionalParameters().isEmpty() && spec.subcommands().isEmpty();
    // The top level takes commands only: a word there is a command it does not know.
    boolean commandsOnly = !e.isUnknownOption() && spec.positionalParameters().isEmpty() && !flagsOnly;
    if (!e.isUnknownOption() || names.isEmpty()) {
      // "Unmatched argument at index 1: 'WORD'": where it is, not what, unless a short word.
      String message = String.valueOf(e.getMessage());
      int quote = message.indexOf(": '");
      line.append(flagsOnly ? spec.name() + " takes flags only"
          : commandsOnly ? (afterDashes(args, e.getUnmatched()) ? "Unexpected word" : "Unknown command")
          : quote < 0 ? message : message.substring(0, quote));
      List<String> words = e.getUnmatched();
      named = !words.isEmpty() && shortWord(words.get(0));
      if (named) {
        shownWord = words.get(0);
        line.append(flagsOnly ? ", not '" : commandsOnly ? " '" : ": '").append(shownWord).append('\'');
      }
      hidden = named ? words.size() - 1 : words.size();
    } else {
      line.append(names.size() == 1 ? "Unknown option: " : "Unknown options: ");
      for (int i = 0; i < names.size(); i++) {
        line.append(i == 0 ? "" : ", ").append('\'').append(names.get(i)).append('\'');
      }
      named = true;
      hidden = others;
    }
    List<String> notes = new ArrayList<>();
    if (hidden > 0) {
      String why = hidden == 1 ? "it may be a secret" : "they may be secrets";
      if (named) {
        line.append(hidden == 1 ? ", and 1 other word not shown" : ", and " + hidden + " other words not shown");
        notes.add(why);
      } else {
        notes.add("not shown: " + why);
      }
    }
    // picocli's suggestions are names of ours (the commands or flags nearest the first unmatched
    // word), never the user's words.
    List<String> suggestions = new ArrayList<>(e.getSuggestions());
    // A flag or command of ours is unknown only after '--' (start -- --no-anonymous-analytics,
    // tbot-otel -- start, a negated name: start -- --no-oneshot): not a typo, to be offered neither
    // as its own correction nor by its other name (start -- -c: not '--config'), nor another flag
    // near it (start -- --debug: not '--destination-dir'), which would be unknown there too.
    List<String> afterDashes = new ArrayList<>();
    for (String name : names) {
      if (optionNamed(spec, name) != null || suggestions.contains(name)) {
        afterDashes.add(name);
      }
    }
    // A command's flag given before the command (tbot-otel --anonymous-analytics exec -- ...), as a
    // unit file may: the commands that take it, and where it goes.
    List<String> takers = !e.isUnknownOption() || spec.subcommands().isEmpty() || names.isEmpty()
        ? List.of() : commandsTaking(spec, names.get(0));
    // A command that takes flags only, given words after '--': a tbot command line, meant for
    // preview or exec (start -- tbot start -c tbot.yaml), not flags to move before '--'.
    boolean commandLine = flagsOnly && args.contains("--");
    if (!afterDashes.isEmpty() && !commandLine) {
      suggestions.clear();
      notes.add(followDashes(names, afterDashes, hidden > 0));
    } else if (!takers.isEmpty()) {
      suggestions.clear();
      String all = takers.size() == 1 ? takers.get(0)
          : String.join(", ", takers.subList(0, takers.size() - 1)) + " and " + takers.get(takers.size() - 1);
      // The example names the command given, where it takes the flag.
      String command = args.stream().filter(takers::contains).findFirst().orElse(takers.get(0));
      notes.add("'" + names.get(0) + "' is a flag of " + all + ": put it after the command, e.g. tbot-otel " + command
          + " " + names.get(0));
    } else if (shownWord != null && suggestions.remove(shownWord)) {
      notes.add("it follows '--', after which no command is read: put it before '--'");
    }
    if (!suggestions.isEmpty()) {
      StringBuilder mean = new StringBuilder("did you mean ");
      for (int i = 0; i < suggestions.size(); i++) {
        mean.append(i == 0 ? "" : i == suggestions.size() - 1 ? " or " : ", ")
            .append('\'').append(suggestions.get(i)).append('\'');
      }
      notes.add(mean.append('?').toString());
    }
    @Nullable String booleanFlag = commandLine || shownWord == null ? null : booleanBefore(spec, args, shownWord);
    if (flagsOnly && booleanFlag != null) {
      notes.add(booleanFlag + " takes true or false after '=' only: " + booleanFlag + "="
          + shownWord.toLowerCase(java.util.Locale.ROOT));
    } else if (commandLine || (flagsOnly && e.getUnmatched().stream().allMatch(w -> flagName(w) == null))) {
      notes.add("a tbot command line goes after 'preview --' or 'exec --'");
    }
    if (!notes.isEmpty()) {
      line.append(" (").append(String.join("; ", notes)).append(')');
    }
    return line.toString();
  }

  /**
   * The boolean flag of {@code spec} right before {@code word} in {@code args}, where {@code word}
   * is {@code true} or {@code false} ({@code --anonymous-analytics true}); else null.
   */
  @Nullable
  private static String booleanBefore(CommandSpec spec, List<String> args, String word) {
    if (!word.equalsIgnoreCase("true") && !word.equalsIgnoreCase("false")) {
      return null;
    }
    int at = args.lastIndexOf(word);
    if (at < 1) {
      return null;
    }
    String before = args.get(at - 1);
    OptionSpec option = optionNamed(spec, before);
    return option != null && option.arity().max() == 0 ? before : null;
  }

  /** The subcommands of {@code root} that take the flag {@code name}, in their order. */
  private static List<String> commandsTaking(CommandSpec root, String name) {
    List<String> takers = new ArrayList<>();
    root.subcommands().forEach((command, line) -> {
      if (!takers.contains(line.getCommandName()) && optionNamed(line.getCommandSpec(), name) != null) {
        takers.add(line.getCommandName());
      }
    });
    return takers;
  }

  /**
   * The note for flags of ours given after '--': "it" where the line names one option, the names
   * themselves where it names others too (start --bogus -- --debug: '--debug' follows, not --bogus)
   * or has words not shown ({@code othersHidden}: "it" would read as the word that may be a secret).
   */
  private static String followDashes(List<String> names, List<String> afterDashes, boolean othersHidden) {
    String rule = " '--', after which no flag is read: put ";
    if (names.size() == 1 && !othersHidden) {
      return "it follows" + rule + "it before '--'";
    }
    if (afterDashes.size() == names.size() && !othersHidden) {
      return "they follow" + rule + "them before '--'";
    }
    StringBuilder who = new StringBuilder();
    for (int i = 0; i < afterDashes.size(); i++) {
      who.append(i == 0 ? "" : i == afterDashes.size() - 1 ? " and " : ", ")
          .append('\'').append(afterDashes.get(i)).append('\'');
    }
    boolean one = afterDashes.size() == 1;
    return who + (one ? " follows" : " follow") + rule + (one ? "it" : "them") + " before '--'";
  }

}
