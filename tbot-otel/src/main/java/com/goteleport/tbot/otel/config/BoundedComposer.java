package com.goteleport.tbot.otel.config;

import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * snakeyaml's composer, stopped once a text has more than {@link #MAX_NODES} values. A composed
 * value takes some 400 bytes of heap and can be written in two bytes of text ({@code 0,}), so a
 * config at the size limit could otherwise ask a host for 200 MB or more and seconds of CPU before
 * anything looks at it; tbot's configs have tens to hundreds of values. Aliases add no node here:
 * {@link YamlGraph} bounds what they expand to. It also reads the text's explicit tags as Go's YAML
 * does where snakeyaml differs: a YAML 1.1 boolean word under {@code !!bool} is refused, and a
 * scalar other than {@code <<} under {@code !!merge} is its text.
 */
final class BoundedComposer extends Composer {

  /** The most values (scalars, lists and mappings, keys included) a config's text may write out. */
  static final int MAX_NODES = 20_000;

  /** What Go's YAML resolves as a boolean; the one spelling it takes under an explicit !!bool. */
  private static final Set<String> GO_BOOL_WORDS = Set.of("true", "True", "TRUE", "false", "False", "FALSE");

  private int nodes;

  BoundedComposer(String text, LoaderOptions options) {
    super(new ParserImpl(new StreamReader(new StringReader(text)), options), new Resolver(), options);
  }

  @Override
  protected Node composeScalarNode(String anchor, List<CommentLine> blockComments) {
    count();
    String tag = ((ScalarEvent) parser.peekEvent()).getTag();
    Node node = super.composeScalarNode(anchor, blockComments);
    // Under an explicit !!bool, Go's YAML takes its own words only (YAML 1.1's yes, on ... it takes
    // untagged, for a bool field), where snakeyaml reads those as booleans: refused, as by Go.
    if (tag != null && !tag.equals("!") && Tag.BOOL.equals(node.getTag())
        && !GO_BOOL_WORDS.contains(((ScalarNode) node).getValue())) {
      throw new YAMLException("a value tagged !!bool is not true or false");
    }
    // Go's YAML merges under << alone; another scalar tagged !!merge is its text, where snakeyaml
    // would merge the value of a key so tagged.
    if (Tag.MERGE.equals(node.getTag()) && !((ScalarNode) node).getValue().equals("<<")) {
      node.setTag(Tag.STR);
    }
    return node;
  }

  @Override
  protected Node composeSequenceNode(String anchor) {
    count();
    return super.composeSequenceNode(anchor);
  }

  @Override
  protected Node composeMappingNode(String anchor) {
    count();
    return super.composeMappingNode(anchor);
  }

  private void count() {
    if (++nodes > MAX_NODES) {
      throw new TooManyNodesException();
    }
  }

  /** Thrown once the text has more values than a config has; carries nothing from the text. */
  static final class TooManyNodesException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooManyNodesException() {
      super("more than " + MAX_NODES + " YAML values", null, false, false);
    }
  }
}
