package com.goteleport.tbot.otel.internal.export;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounterBuilder;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.context.Context;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where the SDK's and the OTLP exporter's own metrics (counters of log records created, processed
 * and exported) go: nowhere, and never to the global OpenTelemetry instance. One class plays
 * provider, meter, counter builder and counter, because {@link MeterProvider#noop()} loads some 60
 * classes of no-op instruments up front, about 20 ms of a cold sender thread's CPU, for the few
 * counters the send path asks for. Anything else falls back to {@link MeterProvider#noop()}, loaded
 * only then.
 */
final class DroppedInternalMetrics implements MeterProvider, Meter, LongCounterBuilder, LongCounter {

  static final DroppedInternalMetrics INSTANCE = new DroppedInternalMetrics();
  static final Supplier<MeterProvider> SUPPLIER = () -> INSTANCE;

  private DroppedInternalMetrics() {}

  @Override
  public Meter get(String instrumentationScopeName) {
    return this;
  }

  @Override
  public MeterBuilder meterBuilder(String instrumentationScopeName) {
    return MeterProvider.noop().meterBuilder(instrumentationScopeName);
  }

  @Override
  public LongCounterBuilder counterBuilder(String name) {
    return this;
  }

  @Override
  public LongUpDownCounterBuilder upDownCounterBuilder(String name) {
    return fallback().upDownCounterBuilder(name);
  }

  @Override
  public DoubleHistogramBuilder histogramBuilder(String name) {
    return fallback().histogramBuilder(name);
  }

  @Override
  public DoubleGaugeBuilder gaugeBuilder(String name) {
    return fallback().gaugeBuilder(name);
  }

  @Override
  public LongCounterBuilder setDescription(String description) {
    return this;
  }

  @Override
  public LongCounterBuilder setUnit(String unit) {
    return this;
  }

  @Override
  public DoubleCounterBuilder ofDoubles() {
    return fallback().counterBuilder("").ofDoubles();
  }

  @Override
  public LongCounter build() {
    return this;
  }

  @Override
  public ObservableLongCounter buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
    return fallback().counterBuilder("").buildWithCallback(callback);
  }

  /** The API's no-op meter, for what the send path does not ask for: loaded only if used. */
  private static Meter fallback() {
    return MeterProvider.noop().get("");
  }

  @Override
  public boolean isEnabled() {
    return false;
  }

  @Override
  public void add(long value) {}

  @Override
  public void add(long value, Attributes attributes) {}

  @Override
  public void add(long value, Attributes attributes, Context context) {}
}
