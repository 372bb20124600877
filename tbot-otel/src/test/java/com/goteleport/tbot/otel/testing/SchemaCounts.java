package com.goteleport.tbot.otel.testing;

import com.goteleport.tbot.otel.event.Attribute;
import com.goteleport.tbot.otel.event.DestinationCounts;
import com.goteleport.tbot.otel.event.StartEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The schema's counts as the tests that check a rule for every kind build them: {@code
 * destinations_configured} and then its per-kind parts ({@link Attribute#parts()}, schema order),
 * and {@link DestinationCounts} made from one value per count. A kind added to the schema then
 * reaches those tests without an edit (docs/testing.md, "Changing the event schema"); tests that
 * pin today's published values spell the kinds out instead, and fail on such a change.
 *
 * <p>{@link DestinationCounts} has no constructor that takes a list, and main code is not changed
 * for tests: its canonical constructor is called by reflection, its components being the total and
 * then one per part in the schema's order. That order is checked once against what {@link
 * StartEvent} sends for each, so a component that does not line up fails here, by name, rather than
 * as a count sent under another key.
 */
public final class SchemaCounts {

  /** The count whose parts the per-kind counts are. */
  public static final Attribute WHOLE = Attribute.DESTINATIONS_CONFIGURED;

  /** {@link #WHOLE} and then its parts: {@link DestinationCounts}' order. */
  public static final List<Attribute> ALL = all();

  private static volatile Constructor<DestinationCounts> canonical;

  private SchemaCounts() {}

  private static List<Attribute> all() {
    List<Attribute> all = new ArrayList<>(List.of(WHOLE));
    all.addAll(WHOLE.parts());
    return Collections.unmodifiableList(all);
  }

  /** The schema's per-kind counts, in schema order. */
  public static List<Attribute> parts() {
    return WHOLE.parts();
  }

  /** The keys of {@code counts}, for messages. */
  public static List<String> keys(List<Attribute> counts) {
    return counts.stream().map(Attribute::key).collect(Collectors.toList());
  }

  /**
   * The counts with these values: one for each of {@link #ALL}, in its order (the total first).
   *
   * @throws AssertionError naming the counts if there are more or fewer values, or if {@link
   *     DestinationCounts}' components do not follow the schema's counts
   */
  public static DestinationCounts of(int... values) {
    if (values.length != ALL.size()) {
      throw new AssertionError(values.length + " values " + Arrays.toString(values) + " for the schema's "
          + ALL.size() + " counts " + keys(ALL) + ": give one per count, the total first");
    }
    return create(canonical(), values);
  }

  /** What {@code event} sends for each of {@link #ALL}, in its order. */
  public static List<Long> sent(StartEvent event) {
    return ALL.stream().map(a -> (Long) event.get(a)).collect(Collectors.toList());
  }

  private static Constructor<DestinationCounts> canonical() {
    Constructor<DestinationCounts> c = canonical;
    if (c == null) {
      c = lineUp();
      canonical = c;
    }
    return c;
  }

  /** The canonical constructor, once its components are seen to be sent as {@link #ALL}, in order. */
  private static Constructor<DestinationCounts> lineUp() {
    RecordComponent[] components = DestinationCounts.class.getRecordComponents();
    List<String> names = Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toList());
    if (components.length != ALL.size()) {
      throw new AssertionError("DestinationCounts has components " + names + " for the schema's " + ALL.size()
          + " counts " + keys(ALL) + ": one per count, in the schema's order (docs/testing.md, Changing the"
          + " event schema, step 2: DestinationCounts.java, StartEvent.java)");
    }
    Class<?>[] types = new Class<?>[components.length];
    Arrays.fill(types, int.class);
    Constructor<DestinationCounts> c;
    try {
      c = DestinationCounts.class.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new AssertionError("DestinationCounts' components " + names + " are not all int", e);
    }
    // Each part a value of its own, all within the total, so the event sends each as given.
    int[] probe = new int[ALL.size()];
    probe[0] = (int) Attribute.MAX_COUNT;
    for (int i = 1; i < probe.length; i++) {
      probe[i] = i;
    }
    StartEvent e = StartEvent.builder().setDestinations(create(c, probe)).build();
    for (int i = 0; i < probe.length; i++) {
      if (!Long.valueOf(probe[i]).equals(e.get(ALL.get(i)))) {
        throw new AssertionError("DestinationCounts' component " + names.get(i) + " (" + probe[i] + ") is not sent as "
            + ALL.get(i).key() + " (which is sent as " + e.get(ALL.get(i)) + "): its components " + names
            + " must follow the schema's counts " + keys(ALL));
      }
    }
    return c;
  }

  private static DestinationCounts create(Constructor<DestinationCounts> c, int[] values) {
    Object[] args = Arrays.stream(values).boxed().toArray();
    try {
      return c.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r; // a negative count, refused as DestinationCounts refuses it
      }
      throw new AssertionError(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
