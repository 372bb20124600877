package com.goteleport.tbot.otel.config;

import java.io.StringReader;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.scanner.Scanner;
import org.yaml.snakeyaml.scanner.ScannerImpl;
import org.yaml.snakeyaml.tokens.AliasToken;
import org.yaml.snakeyaml.tokens.AnchorToken;
import org.yaml.snakeyaml.tokens.ScalarToken;
import org.yaml.snakeyaml.tokens.Token;

/**
 * snakeyaml's composer, made to compose a config's text as Go's YAML reads it, and within bounds.
 * Where snakeyaml differs: a YAML 1.1 boolean word under an explicit {@code !!bool} is refused, a
 * scalar other than {@code <<} under {@code !!merge} is its text (and a list or mapping so tagged
 * no merge key), and a merge of an alias to a list, an escape of a surrogate and an anchor's name
 * with other characters than Go's are refused.
 * Bounds: it stops once a text has more than {@link #MAX_NODES} values. A composed value takes
 * some 400 bytes of heap and can be written in two bytes of text ({@code 0,}), so a config at the
 * size limit could otherwise ask a host for 200 MB or more and seconds of CPU before anything
 * looks at it; tbot's configs have tens to hundreds of values. Aliases add no node here: {@link
 * YamlGraph} bounds what they expand to.
 */
final class GoYamlComposer extends Composer {

  /** The most values (scalars, lists and mappings, keys included) a config's text may write out. */
  static final int MAX_NODES = 20_000;

  /** What Go's YAML resolves as a boolean; the one spelling it takes under an explicit !!bool. */
  private static final Set<String> GO_BOOL_WORDS = Set.of("true", "True", "TRUE", "false", "False", "FALSE");

  /** An escape of a surrogate: \\u or \\U after an even run of backslashes (an odd one is text). */
  private static final Pattern SURROGATE_ESCAPE =
      Pattern.compile("(?<!\\\\)(?:\\\\\\\\)*\\\\(?:u|U0000)[dD][89a-fA-F][0-9a-fA-F]{2}");

  private static final Pattern ANCHOR = Pattern.compile("[0-9A-Za-z_-]+");

  private final String text;
  private final LoaderOptions options;
  private int nodes;
  private boolean mergeKey; // whether the key just composed is <<
  private int markedCodePoint; // the last value's start checkEscapes found: as a mark counts it
  private int markedChar; // and in the text

  GoYamlComposer(String text, LoaderOptions options) {
    super(new ParserImpl(new NoValueWithoutColon(new ScannerImpl(new StreamReader(new StringReader(text)), options))),
        new Resolver(), options);
    this.text = text;
    this.options = options;
  }

  @Override
  protected Node composeScalarNode(String anchor, List<CommentLine> blockComments) {
    count(anchor);
    ScalarEvent event = (ScalarEvent) parser.peekEvent();
    String tag = event.getTag();
    Node node = super.composeScalarNode(anchor, blockComments);
    checkEscapes(event);
    // Under an explicit !!bool, Go's YAML takes its own words only (YAML 1.1's yes, on ... it takes
    // untagged, for a bool field), where snakeyaml reads those as booleans: refused, as by Go.
    if (tag != null && !tag.equals("!") && Tag.BOOL.equals(node.getTag())
        && !GO_BOOL_WORDS.contains(((ScalarNode) node).getValue())) {
      throw GoYamlText.refusal("a value tagged !!bool is not true or false; write true or false", node.getStartMark());
    }
    // Go's YAML merges under << alone; another scalar tagged !!merge is its text, where snakeyaml
    // would merge the value of a key so tagged.
    if (Tag.MERGE.equals(node.getTag()) && !((ScalarNode) node).getValue().equals("<<")) {
      node.setTag(Tag.STR);
    }
    return node;
  }

  /**
   * Parses the start of the next document and its first event, and scans the two tokens after its
   * start, as Go's scanner reads ahead to end the document before (it keeps two tokens ahead of
   * the one its parser looks at): what it cannot read there (directives without ---, an
   * unterminated quote, a tab, an empty document and the next one's quote) it refuses the file
   * for. Nothing of it is composed.
   */
  void checkNextDocumentStart() {
    if (parser.checkEvent(Event.ID.DocumentStart)) {
      Event start = parser.getEvent();
      parser.peekEvent();
      // Tokens, not events: snakeyaml's parser refuses some of what Go's reads there (: x).
      int from = text.offsetByCodePoints(0, start.getStartMark().getIndex());
      String next = text.substring(from);
      ScannerImpl ahead = new ScannerImpl(new StreamReader(new StringReader(next)), options);
      Token token = null;
      for (int i = 0; i < 4 && !ahead.checkToken(Token.ID.StreamEnd); i++) {
        token = ahead.getToken(); // the stream's start, ---, and two more
        // What Go's scanner checks there as it does in the document: an anchor's or alias's name,
        // and a literal's or folded value's indentation (refused for a tab among a line's leading
        // blanks, left of it or not: on the safe side).
        if (token instanceof AnchorToken || token instanceof AliasToken) {
          checkAnchor(next, from, token);
        } else if (token instanceof ScalarToken
            && (((ScalarToken) token).getStyle() == DumperOptions.ScalarStyle.LITERAL
                || ((ScalarToken) token).getStyle() == DumperOptions.ScalarStyle.FOLDED)) {
          checkBlockIndentation(next, from, token);
        }
      }
      // A key's or block's start snakeyaml adds is no token of the text's: the name after it, if
      // an alias's or anchor's, Go's scanner has read too. What else snakeyaml refuses there, Go
      // may not: not looked at.
      Token after = token;
      try {
        while (after != null && added(after) && !ahead.checkToken(Token.ID.StreamEnd)) {
          after = ahead.getToken();
        }
      } catch (YAMLException e) {
        after = null;
      }
      if (after != token && (after instanceof AnchorToken || after instanceof AliasToken)) {
        checkAnchor(next, from, after);
      }
    }
  }

  @Override
  protected Node composeKeyNode(MappingNode node) {
    Node key = super.composeKeyNode(node);
    mergeKey = Tag.MERGE.equals(key.getTag());
    return key;
  }

  @Override
  protected Node composeValueNode(MappingNode node) {
    // Go's YAML merges an alias only to a mapping, though it takes a list written out.
    Mark alias = mergeKey && parser.checkEvent(Event.ID.Alias) ? parser.peekEvent().getStartMark() : null;
    Node value = super.composeValueNode(node);
    if (alias != null && value instanceof SequenceNode) {
      throw GoYamlText.refusal("a merge (<<) of an alias to a list, which Go's YAML refuses; merge a list of aliases",
          alias);
    }
    return value;
  }

  @Override
  protected Node composeSequenceNode(String anchor) {
    count(anchor);
    return noMerge(super.composeSequenceNode(anchor), Tag.SEQ);
  }

  @Override
  protected Node composeMappingNode(String anchor) {
    count(anchor);
    return noMerge(super.composeMappingNode(anchor), Tag.MAP);
  }

  /**
   * A list or mapping tagged !!merge is no merge key to Go's YAML (it merges under a scalar <<
   * alone), but a key as any other, which tbot cannot read as a field's name; snakeyaml merged the
   * value of such a key.
   */
  private static Node noMerge(Node node, Tag tag) {
    if (Tag.MERGE.equals(node.getTag())) {
      node.setTag(tag);
    }
    return node;
  }

  /**
   * Refuses a \\u or \\U escape of a surrogate in a double-quoted value, even of a pair, as Go's YAML
   * refuses it ("found invalid Unicode character escape code"), where snakeyaml reads it. Only a
   * value that holds a surrogate is looked at in the text, which an escape of one leaves there.
   */
  private void checkEscapes(ScalarEvent event) {
    if (event.getScalarStyle() != DumperOptions.ScalarStyle.DOUBLE_QUOTED || !holdsSurrogate(event.getValue())) {
      return;
    }
    // Marks count code points, which the text holds as one or two chars each. Values come in the
    // text's order: counted on from the last one, not from the start (20 000 times a 1 MiB text).
    int from = event.getStartMark().getIndex();
    if (from < markedCodePoint) {
      markedCodePoint = 0;
      markedChar = 0;
    }
    int start = text.offsetByCodePoints(markedChar, from - markedCodePoint);
    markedCodePoint = from;
    markedChar = start;
    int end = text.offsetByCodePoints(start, event.getEndMark().getIndex() - from);
    Matcher escape = SURROGATE_ESCAPE.matcher(text.substring(start, end));
    if (escape.find()) {
      throw GoYamlText.refusal("an escape names half of a character (\\uD800 to \\uDFFF), which Go's YAML refuses;"
          + " write the character itself, or \\U and its eight hex digits",
          GoYamlText.markAt(text, start + escape.start()));
    }
  }

  private static boolean holdsSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Counts one more value, and checks its anchor's name, if it has one. */
  private void count(String anchor) {
    if (++nodes > MAX_NODES) {
      throw new TooManyNodesException();
    }
    if (anchor != null && !ANCHOR.matcher(anchor).matches()) {
      throw anchorRefused(parser.peekEvent().getStartMark()); // the anchored value's event, not yet taken
    }
  }

  /** Whether snakeyaml's scanner added {@code token}, for a key written on its line or a block's start. */
  private static boolean added(Token token) {
    return token.getTokenId() == Token.ID.BlockMappingStart || token.getTokenId() == Token.ID.BlockSequenceStart
        || (token.getTokenId() == Token.ID.Key && token.getStartMark().getIndex() == token.getEndMark().getIndex());
  }

  /**
   * Refuses a tab among a line's leading blanks in the literal or folded value {@code token} of
   * {@code next}, the composer's text from its index {@code from} on, naming the tab's line in it.
   */
  private void checkBlockIndentation(String next, int from, Token token) {
    int end = next.offsetByCodePoints(
        0, Math.min(token.getEndMark().getIndex(), next.codePointCount(0, next.length())));
    boolean leading = false;
    for (int i = next.offsetByCodePoints(0, token.getStartMark().getIndex()); i < end; i++) {
      char c = next.charAt(i);
      if (c == '\t' && leading) {
        throw GoYamlText.refusal("a tab among a line's leading blanks in a literal or folded value (the lines after |"
            + " or >) after the next ---, which Go's YAML refuses; replace the tab with spaces",
            GoYamlText.markAt(text, from + i));
      }
      leading = GoYamlText.BREAKS.indexOf(c) >= 0 || (leading && c == ' ');
    }
  }

  /**
   * Go's YAML takes letters, digits, _ and - in an anchor's (or alias's) name, snakeyaml more:
   * refuses the name of the anchor or alias {@code token} of {@code next}, the composer's text
   * from its index {@code from} on.
   */
  private void checkAnchor(String next, int from, Token token) {
    String name = token instanceof AnchorToken ? ((AnchorToken) token).getValue() : ((AliasToken) token).getValue();
    if (!ANCHOR.matcher(name).matches()) {
      throw anchorRefused(GoYamlText.markAt(text, from + next.offsetByCodePoints(0, token.getStartMark().getIndex())));
    }
  }

  private static YAMLException anchorRefused(Mark mark) {
    return GoYamlText.refusal("an anchor's name holds a character Go's YAML refuses (it takes A-Z, a-z, 0-9, _, -);"
        + " write it with those only", mark);
  }

  /** Thrown once the text has more values than a config has; carries nothing from the text. */
  static final class TooManyNodesException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooManyNodesException() {
      super("more than " + MAX_NODES + " YAML values", null, false, false);
    }
  }

  /**
   * snakeyaml's scanner, refusing a scalar right after a value's end (a scalar, an alias, or the
   * end of a list or mapping): snakeyaml's parser takes it for the value of a ? key without its :
   * ({@code ? b} then {@code |} on the next line), where Go's YAML refuses the file ("did not find
   * expected key"). Nowhere else may a scalar follow a value with no token between them.
   */
  private static final class NoValueWithoutColon implements Scanner {
    private final Scanner scanner;
    private Token.ID last = Token.ID.StreamStart;

    NoValueWithoutColon(Scanner scanner) {
      this.scanner = scanner;
    }

    @Override
    public boolean checkToken(Token.ID... choices) {
      return scanner.checkToken(choices);
    }

    @Override
    public Token peekToken() {
      return scanner.peekToken();
    }

    @Override
    public Token getToken() {
      Token token = scanner.getToken();
      if (token.getTokenId() == Token.ID.Scalar && (last == Token.ID.Scalar || last == Token.ID.Alias
          || last == Token.ID.FlowMappingEnd || last == Token.ID.FlowSequenceEnd || last == Token.ID.BlockEnd)) {
        throw GoYamlText.refusal("a value with no : before it after a ? key, which Go's YAML refuses; write : before"
            + " the value", token.getStartMark());
      }
      last = token.getTokenId();
      return token;
    }

    @Override
    public void resetDocumentIndex() {
      scanner.resetDocumentIndex();
    }
  }
}
