package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;

class DroppedInternalMetricsTest {

  private final MeterProvider provider = DroppedInternalMetrics.SUPPLIER.get();

  @Test
  void countersAreItselfAndDropEverything() {
    Meter meter = provider.get("io.opentelemetry.exporters.otlp-http");
    LongCounter counter = meter.counterBuilder("otlp.exporter.exported").setUnit("1").setDescription("d").build();
    assertSame(DroppedInternalMetrics.INSTANCE, counter, "no class beyond this one on the send path");
    assertFalse(counter.isEnabled());
    assertDoesNotThrow(() -> {
      counter.add(1);
      counter.add(1, Attributes.empty());
      counter.add(1, Attributes.empty(), Context.root());
    });
  }

  @Test
  void everythingElseFallsBackToWorkingNoops() {
    Meter meter = provider.get("scope");
    assertDoesNotThrow(() -> {
      meter.upDownCounterBuilder("u").build().add(1);
      meter.upDownCounterBuilder("u").buildWithCallback(m -> m.record(1)).close();
      meter.histogramBuilder("h").build().record(1.0);
      meter.gaugeBuilder("g").ofLongs().build().set(1);
      meter.counterBuilder("c").ofDoubles().build().add(1.0);
      meter.counterBuilder("c").buildWithCallback(m -> m.record(1)).close();
      assertNotNull(provider.meterBuilder("scope").setInstrumentationVersion("1").build().counterBuilder("c"));
    });
  }
}
