package com.goteleport.tbot.otel.config;

import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.inspector.TagInspector;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;

/** Parses a config's YAML text as tbot's decoder does, with errors on one line that name the text. */
final class YamlDocument {

  private static final Pattern GO_DIRECTIVE = Pattern.compile("%(YAML[ \t]+1\\.1|TAG[ \t].*)([ \t].*)?");

  private static final String BREAKS = "\n\r\u0085\u2028\u2029";

  private YamlDocument() {}

  /**
   * The first YAML document of {@code yamlText}, or {@code null} for an empty text or a null
   * document ({@code ~}); {@code source} names the text in error messages.
   */
  @Nullable
  static Object parse(String yamlText, String source) throws ConfigException {
    if (yamlText.startsWith("\uFEFF\uFEFF")) {
      // Go's YAML skips the second too, then reads the first line as indented by one (a key on it
      // alone is read, and the lines after it are not), where snakeyaml reads it into the first key.
      throw new ConfigException(source + ": starts with two byte order marks (U+FEFF), which Go's YAML reads its own"
          + " way; remove one.");
    }
    try {
      return firstDocument(yamlText);
    } catch (BoundedComposer.TooManyNodesException e) {
      throw new ConfigException(source + ": has more than " + BoundedComposer.MAX_NODES
          + " YAML values, where tbot's configs have hundreds; give tbot's YAML config.");
    } catch (MarkedYAMLException e) {
      String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new ConfigException(
          source + ": invalid YAML at line " + line + ": " + oneLine(problem) + "; fix the syntax.");
    } catch (YAMLException e) {
      throw new ConfigException(source + ": invalid YAML: " + oneLine(e.getMessage()) + "; fix the syntax.");
    }
  }

  /**
   * The first YAML document of {@code text}, as tbot's decoder reads it: what follows a second
   * {@code ---} is not parsed. {@code null} for an empty text or a null document.
   */
  @Nullable
  private static Object firstDocument(String text) {
    try {
      checkDirectives(text);
      LoaderOptions options = loaderOptions();
      GoYamlConstructor constructor = new GoYamlConstructor(options);
      BoundedComposer composer = new BoundedComposer(text, options);
      if (!composer.checkNode()) {
        return null;
      }
      Node root = composer.getNode();
      Object document = constructor.construct(root);
      char next = following(text, root);
      if (next == '%' || next == 'M') {
        // Directives right after the first document's lines, without --- after them, ended it for
        // snakeyaml (which read on as if the first document were the file), and the next
        // document's first value it never looked at; Go's YAML refuses the file for either.
        composer.checkNextDocumentStart();
      } else if (next == 'X') {
        // Go's parser reads on past the first document for its end, and refuses some of what it
        // finds there, snakeyaml none: a config has nothing there but a marker, a directive or a
        // comment.
        throw new YAMLException("text follows the first document without --- before it, which Go's YAML may refuse");
      }
      return document;
    } catch (YAMLException | BoundedComposer.TooManyNodesException e) {
      throw e;
    } catch (RuntimeException e) {
      // snakeyaml lets a few malformed values out unwrapped (!!int x, !!map [1], an
      // escape past Unicode): bad YAML too, reported without the value, which could be a secret.
      throw new YAMLException("a value cannot be read as its tag or escape says (such as !!int x)");
    }
  }

  /**
   * Refuses a directive Go's YAML refuses (a line that starts with %, to it as to snakeyaml):
   * another than %YAML 1.1 and %TAG, which snakeyaml reads through. Such a line in a quoted
   * value that goes over lines, where Go reads it as text, is refused too.
   */
  private static void checkDirectives(String text) {
    // Directives before the first document must have --- after them (snakeyaml read the text
    // without: none, as if empty, or the rest as the document).
    boolean directives = false;
    for (int line = text.startsWith("\uFEFF") ? 1 : 0; line < text.length(); line = nextLine(text, line)) {
      if (text.charAt(line) == '%') {
        directives = true;
      } else if (text.startsWith("---", line) || !blankOrComment(text, line)) {
        directives = directives && !text.startsWith("---", line);
        break;
      }
    }
    if (directives) {
      throw new YAMLException("directives with no --- after them, which Go's YAML refuses");
    }
    for (int at = text.indexOf('%'); at >= 0; at = text.indexOf('%', at + 1)) {
      if (at > 0 && "\n\r\u0085\u2028\u2029\uFEFF".indexOf(text.charAt(at - 1)) < 0) {
        continue;
      }
      int end = at;
      while (end < text.length() && "\n\r\u0085\u2028\u2029".indexOf(text.charAt(end)) < 0) {
        end++;
      }
      if (!GO_DIRECTIVE.matcher(text.substring(at, end)).matches()) {
        throw new YAMLException("a directive Go's YAML refuses (it takes %YAML 1.1 and %TAG only)");
      }
    }
  }

  /**
   * What follows {@code root} in {@code text}, past blanks, comments and ...: 0 for nothing, 'M'
   * for the next document's --- (at the start of a line), '%' for a directive, else 'X'.
   */
  private static char following(String text, Node root) {
    int i;
    try {
      i = text.offsetByCodePoints(0, root.getEndMark().getIndex()); // marks count code points
    } catch (IndexOutOfBoundsException e) {
      return 0;
    }
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '#') {
        while (i < text.length() && BREAKS.indexOf(text.charAt(i)) < 0) {
          i++;
        }
      } else if (c == ' ' || c == '\t' || c == '\uFEFF' || BREAKS.indexOf(c) >= 0) {
        i++;
      } else {
        boolean lineStart = i == 0 || BREAKS.indexOf(text.charAt(i - 1)) >= 0;
        boolean marker = text.startsWith("---", i) || text.startsWith("...", i);
        int after = i + 3;
        if (lineStart && marker && (after == text.length() || (" \t" + BREAKS).indexOf(text.charAt(after)) >= 0)) {
          if (c == '-') {
            return 'M';
          }
          i = after; // after ..., Go's scanner still reads what comes next: --- or a directive
          continue;
        }
        return lineStart && c == '%' ? '%' : 'X';
      }
    }
    return 0;
  }

  /** Where the line after the one at {@code at} starts, or the text's length. */
  private static int nextLine(String text, int at) {
    int i = at;
    while (i < text.length() && BREAKS.indexOf(text.charAt(i)) < 0) {
      i++;
    }
    return i + 1;
  }

  private static boolean blankOrComment(String text, int at) {
    for (int i = at; i < text.length() && BREAKS.indexOf(text.charAt(i)) < 0; i++) {
      char c = text.charAt(i);
      if (c == '#') {
        return true;
      }
      if (c != ' ' && c != '\t' && c != '\uFEFF') {
        return false;
      }
    }
    return true;
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
    options.setNestingDepthLimit(40);
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
