package com.goteleport.tbot.otel.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Checks a composed YAML document before any object is built from it. Aliases share nodes, so a
 * small text can stand for a graph whose expansion is astronomically large (nine aliases a level,
 * fourteen levels: 830 bytes), or that contains itself; anything that walks the built values
 * (hashing a mapping key, comparing a value, snakeyaml's duplicate-key check) would then run for
 * ever or overflow the stack. Go's YAML decoder refuses both ("excessive aliasing", "anchor
 * contains itself"), and so does this, in time linear in the text: each node is visited once.
 */
final class YamlGraph {

  /**
   * The most nodes a document may have with every alias expanded. A config without aliases stays
   * far below it ({@link GoYamlComposer} lets a text write out far fewer), so only aliases reach it.
   */
  static final long MAX_EXPANDED_NODES = 1_000_000;

  /**
   * The deepest a path through the document may go, aliases followed. The parser already bounds
   * nesting in the text; aliases could chain it much deeper, and every recursive walk of the values
   * (snakeyaml's own included) would follow.
   */
  static final int MAX_DEPTH = 100;

  private YamlGraph() {}

  /** Throws a {@link YAMLException} saying why, in one line without any value of the document. */
  static void check(Node root) {
    // Post-order, iteratively (the check must not itself recurse as deep as the graph goes): a
    // node's expanded size and depth are known once all its children's are.
    Map<Node, long[]> done = new IdentityHashMap<>(); // node -> {expanded size, depth}
    Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>()); // the current path
    Deque<Node> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      Node node = stack.peek();
      if (done.containsKey(node)) {
        stack.pop();
      } else if (open.add(node)) {
        for (Node child : children(node)) {
          if (open.contains(child)) {
            throw new YAMLException(
                "an anchored value contains an alias to itself, which Go's YAML refuses where tbot reads it");
          }
          if (!done.containsKey(child)) {
            stack.push(child);
          }
        }
      } else {
        long size = 1;
        long depth = 0;
        for (Node child : children(node)) {
          long[] c = done.get(child);
          size = Math.min(size + c[0], MAX_EXPANDED_NODES + 1);
          depth = Math.max(depth, c[1]);
        }
        depth++;
        if (size > MAX_EXPANDED_NODES) {
          throw new YAMLException("its aliases expand to more than " + MAX_EXPANDED_NODES
              + " values (excessive aliasing, which Go's YAML refuses too)");
        }
        if (depth > MAX_DEPTH) {
          throw new YAMLException("its aliases nest values more than " + MAX_DEPTH + " deep");
        }
        done.put(node, new long[] {size, depth});
        open.remove(node);
        stack.pop();
      }
    }
  }

  private static List<Node> children(Node node) {
    if (node instanceof SequenceNode) {
      return ((SequenceNode) node).getValue();
    }
    if (node instanceof MappingNode) {
      List<NodeTuple> tuples = ((MappingNode) node).getValue();
      List<Node> children = new ArrayList<>(2 * tuples.size());
      int merges = 0;
      for (NodeTuple t : tuples) {
        if (Tag.MERGE.equals(t.getKeyNode().getTag()) && ++merges > 1) {
          // snakeyaml would take the first; Go's YAML refuses the mapping, so tbot never runs it.
          throw GoYamlText.refusal("a mapping has two merge keys (<<); merge a list instead, as in <<: [*a, *b]",
              t.getKeyNode().getStartMark());
        }
        children.add(t.getKeyNode());
        children.add(t.getValueNode());
      }
      return children;
    }
    return List.of();
  }
}
