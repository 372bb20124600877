package com.goteleport.tbot.otel.config;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The node each list and mapping of one YAML document was built from, by identity (two equal ones
 * are two places), so that a message about a field can name its line: a field's key (where the user
 * finds {@code outputs:}, its list on the lines after it), a list's item, a list or mapping used as a
 * key. Only kept while the document is read, and only looked into for a message: a config that is
 * fine costs one entry per list or mapping. A field merged in ({@code <<: *base}) is where the
 * anchored mapping writes it (the node is flattened by then).
 */
final class YamlMarks {

  private final Map<Object, Node> nodes = new IdentityHashMap<>();

  /** Records the node {@code built}, a list or mapping, was built from. */
  void built(Object built, Node node) {
    nodes.put(built, node);
  }

  /** The line (from 1) where the list or mapping {@code key}, used as a key, starts, or 0 if unknown. */
  int lineOfKey(Object key) {
    Node node = nodes.get(key);
    return node == null ? 0 : lineOf(node.getStartMark());
  }

  /** The line (from 1) where the key {@code key} of {@code mapping} starts, or 0 if unknown. */
  int lineOfField(Map<?, ?> mapping, Object key) {
    NodeTuple t = field(mapping, key);
    return t == null ? 0 : lineOf(t.getKeyNode().getStartMark());
  }

  /**
   * The text of the value of {@code key} in {@code mapping} as written, if it is a scalar: Go's YAML
   * reads that text into tbot's strings, so a message shows a number as written ({@code 0x10}, not
   * the 16 it was read as).
   */
  @Nullable
  String writtenText(Map<?, ?> mapping, Object key) {
    NodeTuple t = field(mapping, key);
    return t != null && t.getValueNode() instanceof ScalarNode ? ((ScalarNode) t.getValueNode()).getValue() : null;
  }

  /** The line (from 1) where item {@code index} of {@code list} starts, or 0 if unknown. */
  int lineOfItem(List<?> list, int index) {
    Node node = nodes.get(list);
    if (!(node instanceof SequenceNode) || index >= ((SequenceNode) node).getValue().size()) {
      return 0;
    }
    return lineOf(((SequenceNode) node).getValue().get(index).getStartMark());
  }

  /** The entry of {@code mapping} whose key is written {@code key}; the last, as the map keeps it. */
  @Nullable
  private NodeTuple field(Map<?, ?> mapping, Object key) {
    Node node = nodes.get(mapping);
    if (!(node instanceof MappingNode)) {
      return null;
    }
    NodeTuple found = null;
    for (NodeTuple t : ((MappingNode) node).getValue()) {
      if (t.getKeyNode() instanceof ScalarNode && key.equals(((ScalarNode) t.getKeyNode()).getValue())) {
        found = t;
      }
    }
    return found;
  }

  private static int lineOf(@Nullable Mark mark) {
    return mark == null ? 0 : mark.getLine() + 1;
  }
}
