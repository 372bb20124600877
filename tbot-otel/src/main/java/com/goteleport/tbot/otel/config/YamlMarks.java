package com.goteleport.tbot.otel.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.yaml.snakeyaml.error.Mark;

/**
 * Where the parts of one YAML document start, so that a message about a field can name its line:
 * a field's key (where the user finds {@code outputs:}, its list on the lines after it), a list's
 * item, a list or mapping used as a key. Lists and mappings are held by identity: two equal ones
 * are two places. A field merged in ({@code <<: *base}) is where the anchored mapping writes it.
 */
final class YamlMarks {

  private final Map<Object, Mark> keys = new IdentityHashMap<>();
  private final Map<Object, Map<Object, Mark>> fields = new IdentityHashMap<>();
  private final Map<Object, List<Mark>> items = new IdentityHashMap<>();
  private final Map<Object, Map<Object, String>> written = new IdentityHashMap<>();

  /** Records where a list or mapping used as a key starts. */
  void key(Object key, Mark mark) {
    keys.put(key, mark);
  }

  /** Records where the key {@code key} of {@code mapping} starts; a later one wins, as in the map. */
  void field(Map<?, ?> mapping, @Nullable Object key, Mark mark) {
    Map<Object, Mark> in = fields.get(mapping);
    if (in == null) { // not computeIfAbsent: a lambda's first call bootstraps invokedynamic, on a cold read
      in = new HashMap<>();
      fields.put(mapping, in);
    }
    in.put(key, mark);
  }

  /**
   * Records the text of a field's value that was read as other than text (a number, a boolean, a
   * date): Go's YAML reads that text into tbot's strings, and a message shows it as written ({@code
   * 0x10}, not the 16 it was read as).
   */
  void written(Map<?, ?> mapping, @Nullable Object key, String text) {
    Map<Object, String> in = written.get(mapping);
    if (in == null) {
      in = new HashMap<>();
      written.put(mapping, in);
    }
    in.put(key, text);
  }

  /** The text of the value of {@code key} in {@code mapping} as written, if it was read as other than text. */
  @Nullable
  String writtenText(Map<?, ?> mapping, Object key) {
    Map<Object, String> in = written.get(mapping);
    return in == null ? null : in.get(key);
  }

  /** Records where each item of {@code list} starts, in order. */
  void items(List<?> list, List<Mark> marks) {
    items.put(list, new ArrayList<>(marks));
  }

  /** The line (from 1) where the list or mapping key {@code key} starts, or 0 if unknown. */
  int lineOfKey(Object key) {
    return lineOf(keys.get(key));
  }

  /** The line (from 1) where the key {@code key} of {@code mapping} starts, or 0 if unknown. */
  int lineOfField(Map<?, ?> mapping, Object key) {
    Map<Object, Mark> in = fields.get(mapping);
    return lineOf(in == null ? null : in.get(key));
  }

  /** The line (from 1) where item {@code index} of {@code list} starts, or 0 if unknown. */
  int lineOfItem(List<?> list, int index) {
    List<Mark> in = items.get(list);
    return lineOf(in == null || index >= in.size() ? null : in.get(index));
  }

  private static int lineOf(@Nullable Mark mark) {
    return mark == null ? 0 : mark.getLine() + 1;
  }
}
