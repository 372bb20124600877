package com.goteleport.tbot.otel.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.event.Attribute;
import com.goteleport.tbot.otel.event.StartEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SchemaCounts builds what tests give it, count by count, and names the counts when it cannot. */
class SchemaCountsTest {

  @Test
  void theCountsAreTheTotalThenItsPartsInSchemaOrder() {
    List<Attribute> expected = new ArrayList<>(List.of(Attribute.DESTINATIONS_CONFIGURED));
    expected.addAll(Attribute.DESTINATIONS_CONFIGURED.parts());
    assertEquals(expected, SchemaCounts.ALL);
    assertTrue(SchemaCounts.parts().size() >= 1, "the schema has per-kind counts: " + SchemaCounts.ALL);
  }

  @Test
  void eachValueIsSentAsItsCount() {
    for (int i = 1; i < SchemaCounts.ALL.size(); i++) {
      int[] values = new int[SchemaCounts.ALL.size()];
      values[0] = 9;
      values[i] = 7;
      List<Long> expected = new ArrayList<>();
      for (int v : values) {
        expected.add((long) v);
      }
      StartEvent e = StartEvent.builder().setDestinations(SchemaCounts.of(values)).build();
      assertEquals(expected, SchemaCounts.sent(e), SchemaCounts.ALL.get(i).key());
    }
  }

  @Test
  void moreOrFewerValuesThanCountsNameTheCounts() {
    for (int size : List.of(SchemaCounts.ALL.size() - 1, SchemaCounts.ALL.size() + 1)) {
      AssertionError e = assertThrows(AssertionError.class, () -> SchemaCounts.of(new int[size]));
      assertTrue(e.getMessage().contains(SchemaCounts.keys(SchemaCounts.ALL).toString()), e.getMessage());
    }
  }

  @Test
  void aNegativeCountIsRefusedAsDestinationCountsRefusesIt() {
    int[] values = new int[SchemaCounts.ALL.size()];
    values[values.length - 1] = -1;
    assertThrows(IllegalArgumentException.class, () -> SchemaCounts.of(values));
  }
}
