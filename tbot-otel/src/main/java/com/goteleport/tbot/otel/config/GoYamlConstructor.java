package com.goteleport.tbot.otel.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * snakeyaml's safe constructor, made to refuse what Go's YAML decoder refuses where snakeyaml would
 * quietly read a value as absent: a scalar tagged {@code !!bool} that is no boolean ({@code !!bool
 * maybe}) and one tagged {@code !!null} that is not null ({@code !!null false}). Untagged scalars
 * are resolved as before: these tags reach such a value only when written out. A tag it does not
 * know ({@code !path /opt}, {@code !Ref x}, {@code !!foo}, and snakeyaml's own {@code !!set},
 * {@code !!omap} and {@code !!pairs}) is read through, as Go's does: the text, list or mapping it
 * tags, where snakeyaml would refuse the whole file or build a set or map. A {@code !!binary}
 * scalar is the text its base64 encodes, as Go decodes it into a string or a field's name: {@code
 * !!binary YW5vbnltb3VzX2FuYWx5dGljcw==: false} is tbot's {@code anonymous_analytics: false}.
 */
final class GoYamlConstructor extends SafeConstructor {

  private static final Set<String> NULL_WORDS = Set.of("", "~", "null", "Null", "NULL");

  /** The node of each list and mapping built: a message about a field names its line. */
  private final YamlMarks marks;

  /** {@code marks} gets the node each list and mapping is built from. */
  GoYamlConstructor(LoaderOptions options, YamlMarks marks) {
    super(options);
    this.marks = marks;
    // What snakeyaml's Yaml facade would copy from the options; YamlDocument composes without it.
    setAllowDuplicateKeys(options.isAllowDuplicateKeys());
    setWarnOnDuplicateKeys(options.isWarnOnDuplicateKeys());
    setWrappedToRootException(options.isWrappedToRootException());
    yamlConstructors.put(Tag.BOOL, new ConstructYamlBool() {
      @Override
      public Object construct(Node node) {
        Object value = super.construct(node);
        if (value == null) {
          throw GoYamlText.refusal(
              "a value tagged !!bool is not true or false; write true or false", node.getStartMark());
        }
        return value;
      }
    });
    // Go's YAML resolves no tag it does not know (yaml.v3's resolve returns the text as it is), and
    // tbot's string fields and structs take the value; snakeyaml's default here throws. yaml.v3
    // knows no !!set, !!omap or !!pairs either.
    yamlConstructors.remove(Tag.SET);
    yamlConstructors.remove(Tag.OMAP);
    yamlConstructors.remove(Tag.PAIRS);
    yamlConstructors.put(null, new AbstractConstruct() {
      @Override
      public Object construct(Node node) {
        Tag kind = node instanceof ScalarNode ? Tag.STR : node instanceof SequenceNode ? Tag.SEQ : Tag.MAP;
        return yamlConstructors.get(kind).construct(node);
      }
    });
    yamlConstructors.put(Tag.BINARY, new AbstractConstruct() {
      @Override
      public Object construct(Node node) {
        // As Go's base64.StdEncoding: line breaks skipped, padding required, nothing else taken.
        String text = node instanceof ScalarNode
            ? ((ScalarNode) node).getValue().replace("\r", "").replace("\n", "") : "!";
        try {
          if (text.length() % 4 != 0) {
            throw new IllegalArgumentException();
          }
          // Not valid UTF-8 is no key tbot knows either way (Go keeps the bytes as they are).
          return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw GoYamlText.refusal(
              "a value tagged !!binary is not base64 text; write it in base64", node.getStartMark());
        }
      }
    });
    yamlConstructors.put(Tag.NULL, new ConstructYamlNull() {
      @Override
      @Nullable
      public Object construct(Node node) {
        if (node instanceof ScalarNode && !NULL_WORDS.contains(((ScalarNode) node).getValue())) {
          throw GoYamlText.refusal("a value tagged !!null is not null; write null or ~", node.getStartMark());
        }
        return super.construct(node);
      }
    });
  }

  // Each mapping merged in is flattened first, as Go's YAML decodes it: checked for duplicate keys
  // (snakeyaml checks only a mapping it builds as a value, so <<: {a: 1, a: 2} gave its first
  // value, where Go refuses the file), and with its own keys over the ones it merges in turn
  // (snakeyaml merged those first: b: {<<: *a, k: false} gave a's k). A mapping shared by aliases
  // is flattened once; after that it merges nothing more.
  @Override
  protected void flattenMapping(MappingNode node, boolean forceStringKeys) {
    processDuplicateKeys(node, forceStringKeys); // first, for its message naming the key
    checkKeyTexts(node);
    for (Node merged : mergedInto(node)) {
      if (merged instanceof MappingNode) { // anything else the merge itself refuses
        flattenMapping((MappingNode) merged, forceStringKeys); // YamlGraph has bounded the depth
      }
    }
    super.flattenMapping(node, forceStringKeys);
  }

  // Each list and mapping is kept with its node (flattened by now, merged keys in it), for a
  // message about a field to name its line: looked into only then.
  @Override
  protected void constructMapping2ndStep(MappingNode node, Map<Object, Object> mapping) {
    super.constructMapping2ndStep(node, mapping);
    marks.built(mapping, node);
  }

  @Override
  protected void constructSequenceStep2(SequenceNode node, Collection<Object> collection) {
    super.constructSequenceStep2(node, collection);
    if (collection instanceof List) {
      marks.built(collection, node);
    }
  }

  /**
   * Refuses two keys written alike (1 and "1", ~ and "~", '<<' and <<): Go's YAML compares keys as
   * written and refuses the file, where snakeyaml compares what they build and reads on.
   */
  private static void checkKeyTexts(MappingNode node) {
    Set<String> seen = new HashSet<>();
    for (NodeTuple t : node.getValue()) {
      Node key = t.getKeyNode();
      if (key instanceof ScalarNode && !seen.add(((ScalarNode) key).getValue())) { // "<<" too, quoted or not
        throw GoYamlText.refusal("a mapping has two keys written alike (as 1 and \"1\"), which Go's YAML refuses;"
            + " keep one of them", key.getStartMark());
      }
    }
  }

  /** What the merge key of {@code node} ({@code <<}) merges in, if it has one. */
  private static List<Node> mergedInto(MappingNode node) {
    for (NodeTuple t : node.getValue()) {
      if (Tag.MERGE.equals(t.getKeyNode().getTag())) {
        Node merged = t.getValueNode();
        return merged instanceof SequenceNode ? ((SequenceNode) merged).getValue() : List.of(merged);
      }
    }
    return List.of();
  }

  /**
   * Builds the values of one composed document, once {@link YamlGraph} has checked it; {@code null}
   * for a document that is null ({@code ~}).
   */
  @Nullable
  Object construct(Node document) {
    YamlGraph.check(document);
    return constructDocument(document);
  }
}
