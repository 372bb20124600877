package com.goteleport.tbot.otel.config;

import com.goteleport.tbot.otel.internal.text.ShownWords;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.inspector.TagInspector;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.scanner.ScannerException;

/** Parses a config's YAML text as tbot's decoder does, with errors on one line that name the text. */
final class YamlDocument {

  // Lists and mappings inside each other, deeper than any tbot config (a few levels); bounds the
  // parser's recursion.
  static final int MAX_NESTING = 40;

  private YamlDocument() {}

  /**
   * The first YAML document of {@code yamlText}, or {@code null} for an empty text or a null
   * document ({@code ~}); {@code source} names the text in error messages. {@code marks} gets
   * where its parts start, for a message about one to name its line.
   */
  @Nullable
  static Object parse(String yamlText, String source, YamlMarks marks) throws ConfigException {
    try {
      if (GoYamlText.startsWithTwoMarks(yamlText)) {
        throw GoYamlText.refusal("two byte order marks (U+FEFF) at the start, which Go's YAML reads its own way;"
            + " remove one", GoYamlText.markAt(yamlText, 1)); // the second's place
      }
      return firstDocumentSpacingTabs(yamlText, marks);
    } catch (GoYamlComposer.TooManyNodesException e) {
      throw new ConfigException(source + ": has more than " + GoYamlComposer.MAX_NODES
          + " YAML values, where tbot's configs have hundreds; give tbot's YAML config.");
    } catch (MarkedYAMLException e) {
      YamlSyntax.Plain plain = e instanceof GoYamlText.Refusal ? null : YamlSyntax.of(e);
      if (plain != null) {
        throw new ConfigException(source + ": invalid YAML" + (plain.line > 0 ? " at line " + plain.line : "") + ": "
            + plain.text + ".");
      }
      // A refusal of ours ends with its own fix (replace the tab with spaces): no "fix the syntax" after it.
      boolean ours = e instanceof GoYamlText.Refusal;
      String problem = e.getProblem() == null ? "malformed YAML"
          : ours ? e.getProblem() : withoutWordsOf(yamlText, withoutWhatWasFound(e.getProblem()));
      String at = e.getProblemMark() == null ? "" : " at line " + (e.getProblemMark().getLine() + 1);
      throw new ConfigException(
          source + ": invalid YAML" + at + ": " + oneLine(problem) + (ours ? "." : "; fix the syntax."));
    } catch (ReaderException e) {
      // A control character (a NUL): snakeyaml says where in code points, not the line. A NUL
      // beside each character is UTF-16 without its byte order mark, which decodes as UTF-8.
      if (e.getCodePoint() == 0 && yamlText.length() >= 4 && (yamlText.charAt(0) == 0) != (yamlText.charAt(1) == 0)
          && (yamlText.charAt(2) == 0) != (yamlText.charAt(3) == 0)) {
        throw new ConfigException(source + ": invalid YAML: it looks like UTF-16 without its byte order mark;"
            + " save it as UTF-8.");
      }
      throw new ConfigException(String.format(Locale.ROOT,
          "%s: invalid YAML at line %d: a character YAML does not allow (U+%04X); remove it.",
          source, lineOf(yamlText, e.getPosition()), e.getCodePoint()));
    } catch (YAMLException e) {
      if (String.valueOf(e.getMessage()).startsWith("Nesting Depth exceeded max")) {
        throw new ConfigException(source + ": nests lists and mappings more than " + MAX_NESTING
            + " deep, where tbot's configs nest a few levels; give tbot's YAML config.");
      }
      throw new ConfigException(
          source + ": invalid YAML: " + oneLine(withoutWordsOf(yamlText, withoutWhatWasFound(e.getMessage())))
              + "; fix the syntax.");
    }
  }

  /** The line, from 1, of the code point at {@code position} in {@code text} (a ReaderException's). */
  private static int lineOf(String text, int position) {
    int codePoints = text.codePointCount(0, text.length());
    return GoYamlText.markAt(text, text.offsetByCodePoints(0, Math.min(position, codePoints))).getLine() + 1;
  }

  /**
   * snakeyaml's {@code problem} without what it found there, which it quotes from the text (an
   * escape's digits in a quoted value, an alias's, key's or tag handle's name, a timestamp, a
   * character and its code): any of it may be part of a secret, and the line names the place. The
   * kind of token or node found ({@code '<stream end>'}, {@code '-'}, {@code scalar}) is kept: none of
   * the text.
   */
  private static String withoutWhatWasFound(@Nullable String problem) {
    if (problem == null) {
      return "";
    }
    // Compiled here, not at class load: only a refused text comes here.
    Matcher named = Pattern.compile(
        "^(found (?:undefined alias|duplicate key|undefined tag handle|unknown escape character|unacceptable key)) .*",
        Pattern.DOTALL).matcher(problem);
    if (named.matches()) {
      return named.group(1);
    }
    if (problem.startsWith("found character ") && problem.contains(" that cannot start any token")) {
      return "found a character that cannot start any token";
    }
    return Pattern.compile("(?:,? but found:?| found:?|:) (?!'?<[a-z ]+>'?$|'[-,?:#{}\\[\\]]'$"
        + "|(?:scalar|sequence|mapping|anchor)$|\\d+ items$).*", Pattern.DOTALL).matcher(problem).replaceFirst("");
  }

  /**
   * {@code problem}, snakeyaml's, with each of its words that {@code text} holds written {@code ...},
   * unless a short word (ShownWords) or one with no letter or digit (a token's kind, {@code ':'}): a
   * backstop for what it quotes of the text that {@link #withoutWhatWasFound} does not know to cut
   * (the handle of {@code duplicate tag handle !h!}). A word runs between blanks, quotes, brackets,
   * commas, semicolons and colons, so a name snakeyaml quotes or follows with a colon is one.
   */
  private static String withoutWordsOf(String text, String problem) {
    Matcher word = Pattern.compile("[^\\s'\"`()\\[\\]{}<>,;:]+").matcher(problem); // on a refusal only
    StringBuilder out = new StringBuilder(problem.length());
    while (word.find()) {
      String w = word.group();
      boolean quoted = !ShownWords.shortWord(w) && hasLetterOrDigit(w) && text.contains(w);
      word.appendReplacement(out, quoted ? "..." : Matcher.quoteReplacement(w));
    }
    return word.appendTail(out).toString();
  }

  private static boolean hasLetterOrDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isLetterOrDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@link #firstDocument}, read again with spaces for the tabs snakeyaml stopped at where Go's
   * YAML skips them (GoYamlSkippedTabs), within {@link GoYamlSkippedTabs#MAX_READ_AGAIN}.
   */
  @Nullable
  private static Object firstDocumentSpacingTabs(String text, YamlMarks marks) {
    String read = text;
    // Each place costs GoYamlSkippedTabs' scan up to it and a read of the whole text again: both are
    // counted, and before the scan, so that it is bounded too.
    for (long readAgain = 2L * text.length(); ; readAgain += 2L * text.length()) {
      try {
        return firstDocument(read, text, marks);
      } catch (ScannerException e) {
        if (readAgain > GoYamlSkippedTabs.MAX_READ_AGAIN) {
          throw GoYamlText.refusal("tabs between values in more places than are read again as spaces (each from the"
              + " text's start); write spaces there");
        }
        String spaced = GoYamlSkippedTabs.spaced(read, e, loaderOptions());
        if (spaced == null) {
          throw e;
        }
        read = spaced;
      }
    }
  }

  /**
   * The first YAML document of {@code text}, as tbot's decoder reads it: what follows a second
   * {@code ---} is not parsed. {@code null} for an empty text or a null document. {@code original}
   * is the text as written: {@code text} may have spaces for some of its tabs.
   */
  @Nullable
  private static Object firstDocument(String text, String original, YamlMarks marks) {
    try {
      GoYamlText.checkDirectives(text);
      LoaderOptions options = loaderOptions();
      GoYamlConstructor constructor = new GoYamlConstructor(options, marks);
      GoYamlComposer composer = new GoYamlComposer(text, options);
      if (!composer.checkNode()) {
        return null;
      }
      Node root = composer.getNode();
      GoYamlRefusedTabs.check(text, original, options);
      Object document = constructor.construct(root);
      int at = GoYamlText.afterIndex(text, root);
      GoYamlText.After next = GoYamlText.after(text, at);
      if (next == GoYamlText.After.DIRECTIVE || next == GoYamlText.After.DOCUMENT) {
        // Directives right after the first document's lines, without --- after them, ended it for
        // snakeyaml (which read on as if the first document were the file), and the next
        // document's first value it never looked at; Go's YAML refuses the file for either.
        composer.checkNextDocumentStart();
      } else if (next == GoYamlText.After.TAB) {
        throw GoYamlText.refusal("a tab among a line's leading blanks after the first document, which Go's YAML"
            + " refuses; replace the tab with spaces", GoYamlText.markAt(text, at));
      } else if (next == GoYamlText.After.TEXT) {
        // Go's parser reads on past the first document for its end, and refuses some of what it
        // finds there, snakeyaml none: a config has nothing there but a marker, a directive or a
        // comment.
        throw GoYamlText.refusal("text follows the first document without --- before it, which Go's YAML may refuse;"
            + " write --- on a line before it, or remove it", GoYamlText.markAt(text, at));
      }
      return document;
    } catch (YAMLException | GoYamlComposer.TooManyNodesException e) {
      throw e;
    } catch (RuntimeException e) {
      // snakeyaml lets a few malformed values out unwrapped (!!int x, !!map [1], an
      // escape past Unicode): bad YAML too, reported without the value, which could be a secret.
      throw new YAMLException("a value cannot be read as its tag or escape says (such as !!int x)");
    }
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    // A config may merge one block into every output, so aliases are allowed; what they expand to
    // is bounded by YamlGraph before anything is built. Every way in (read, TBOT_CONFIG, parse)
    // refuses more than ConfigText.MAX_FILE_BYTES before parsing, so the parser's own code-point
    // limit (3 Mi by default) is never reached.
    options.setMaxAliasesForCollections(1000);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(MAX_NESTING);
    // Go's YAML reads an unknown !!tag through as it does !tag; so does GoYamlConstructor, which,
    // safe, builds no class a tag names: the default inspector's refusal of !!foo is not needed.
    options.setTagInspector(new TagInspector() { // not a lambda: no invokedynamic bootstrap per cold read
      @Override
      public boolean isGlobalTagAllowed(Tag tag) {
        return true;
      }
    });
    return options;
  }

  private static String oneLine(@Nullable String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }
}
