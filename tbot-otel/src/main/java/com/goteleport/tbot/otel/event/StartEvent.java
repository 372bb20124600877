package com.goteleport.tbot.otel.event;

import static java.util.Objects.requireNonNull;

import com.goteleport.tbot.otel.internal.env.VariableNames;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The facts of one {@code tbot.start}, already sanitized: every value obeys its rule in {@link
 * Attribute}, so whatever reaches the builder, only schema attributes with safe values come out.
 * Immutable; create with {@link #builder()}.
 */
public final class StartEvent {

  /** Set by wrappers such as the GitHub Action {@code teleport-actions/auth}: who runs tbot. */
  public static final String ENV_HELPER = "_TBOT_TELEMETRY_HELPER";

  /** Set by wrappers alongside {@link #ENV_HELPER}: the wrapper's version. */
  public static final String ENV_HELPER_VERSION = "_TBOT_TELEMETRY_HELPER_VERSION";

  private final Inputs inputs;
  // Sanitized on first use: a host that builds the event without consent never runs the rules.
  @Nullable private volatile Map<Attribute, Object> attributes;

  private StartEvent(Inputs inputs) {
    this.inputs = inputs;
  }

  /**
   * Returns a new builder. Run mode defaults to continuous, join type to {@code token}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The attributes to send, in schema order: {@link String} values for string attributes, {@link
   * Long} values for ints. Optional attributes whose value was unset or rejected are absent.
   *
   * @return the attributes, unmodifiable
   */
  public Map<Attribute, Object> attributes() {
    Map<Attribute, Object> sanitized = attributes;
    if (sanitized == null) {
      sanitized = Collections.unmodifiableMap(inputs.sanitize());
      attributes = sanitized;
    }
    return sanitized;
  }

  /**
   * The value of one attribute, or {@code null} when it is not sent.
   *
   * @param attribute the attribute
   * @return its {@link String} or {@link Long} value, or {@code null}
   */
  @Nullable
  public Object get(Attribute attribute) {
    return attributes().get(requireNonNull(attribute, "attribute"));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof StartEvent && ((StartEvent) o).attributes().equals(attributes());
  }

  @Override
  public int hashCode() {
    return attributes().hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(EventSchema.EVENT_NAME).append('{');
    attributes().forEach((k, v) -> sb.append(k.key()).append('=').append(v).append(", "));
    if (!attributes().isEmpty()) {
      sb.setLength(sb.length() - 2);
    }
    return sb.append('}').toString();
  }

  /** Builder for {@link StartEvent}. Setters accept raw input; the event sanitizes it when first read. */
  public static final class Builder {
    private RunMode runMode = RunMode.CONTINUOUS;
    @Nullable private String version;
    @Nullable private String joinType;
    @Nullable private String helper;
    @Nullable private String helperVersion;
    private DestinationCounts destinations = DestinationCounts.NONE;

    private Builder() {}

    /**
     * Sets the run mode. If not invoked, {@link RunMode#CONTINUOUS}.
     *
     * @param runMode how tbot runs
     * @return this builder
     */
    public Builder setRunMode(RunMode runMode) {
      this.runMode = requireNonNull(runMode, "runMode");
      return this;
    }

    /**
     * Sets the tbot version; anything but a release version as {@link Attribute#VERSION} has it
     * ({@code 18.1.0}, {@code v18.1.0}, {@code 18.1.0-rc.1}; not {@code 18.1} or {@code
     * 18.1.0-SNAPSHOT}) is sent as {@code unknown}, as is {@code null}.
     *
     * @param version tbot's version, or {@code null} when unknown
     * @return this builder
     */
    public Builder setVersion(@Nullable String version) {
      this.version = version;
      return this;
    }

    /**
     * Sets the configured join method. If not invoked or {@code null}, {@code token} (tbot's
     * default); a value that is not a known join method is sent as {@code unknown}.
     *
     * @param joinType the join method, as tbot spells it, or {@code null}
     * @return this builder
     */
    public Builder setJoinType(@Nullable String joinType) {
      this.joinType = joinType;
      return this;
    }

    /**
     * Sets the wrapper running tbot; omitted when {@code null}, empty or not a safe token.
     *
     * @param helper the wrapper's name, e.g. {@code gha:teleport-actions/auth}, or {@code null}
     * @return this builder
     */
    public Builder setHelper(@Nullable String helper) {
      this.helper = helper;
      return this;
    }

    /**
     * Sets the wrapper's version; omitted without a helper, and unless a release version as {@link
     * Attribute#HELPER_VERSION} has it ({@code v2}, {@code 2.0.1}; not {@code main} or {@code
     * 2.0.1-alice}).
     *
     * @param helperVersion the wrapper's version, or {@code null}
     * @return this builder
     */
    public Builder setHelperVersion(@Nullable String helperVersion) {
      this.helperVersion = helperVersion;
      return this;
    }

    /**
     * Sets helper and helper version from {@link #ENV_HELPER} and {@link #ENV_HELPER_VERSION}; an
     * unset one is {@code null}, as if set so. On Windows, as tbot there, a name is read in any case
     * ({@code _tbot_telemetry_helper}); where {@code env} holds one under two spellings with
     * different values (one variable to Windows, and which of them tbot reads is unknown), or cannot
     * be listed there, that one is {@code null} too; so is one {@code env} throws as it is read,
     * anywhere: not sent (and without a helper, no helper version), rather than an exception into
     * the host's start.
     *
     * @param env the process environment, or the settings the caller reads them from
     * @return this builder
     */
    public Builder setHelperFromEnvironment(Map<String, String> env) {
      return setHelperFromEnvironment(env, VariableNames.windows());
    }

    // Visible for testing: windows, whether a variable's name is read in any case.
    Builder setHelperFromEnvironment(Map<String, String> env, boolean windows) {
      requireNonNull(env, "env");
      // An attribute is no cause to fail the host's start: a value that cannot be told is not sent.
      this.helper = VariableNames.toldOrNull(env, ENV_HELPER, windows);
      this.helperVersion = VariableNames.toldOrNull(env, ENV_HELPER_VERSION, windows);
      return this;
    }

    /**
     * Sets the output counts. If not invoked, all zero.
     *
     * @param destinations the counts, e.g. {@link com.goteleport.tbot.otel.config.TbotConfig#destinations()} of
     *     tbot's config
     * @return this builder
     */
    public Builder setDestinations(DestinationCounts destinations) {
      this.destinations = requireNonNull(destinations, "destinations");
      return this;
    }

    /**
     * Builds the event; its values are sanitized when first read.
     *
     * @return the event
     */
    public StartEvent build() {
      return new StartEvent(new Inputs(runMode, version, joinType, helper, helperVersion, destinations));
    }
  }

  /** The raw inputs, as given to the builder. */
  private record Inputs(
      RunMode runMode,
      @Nullable String version,
      @Nullable String joinType,
      @Nullable String helper,
      @Nullable String helperVersion,
      DestinationCounts destinations) {

    Map<Attribute, Object> sanitize() {
      // The counts are sanitized together: the per-kind ones are parts of the total.
      Map<Attribute, Long> counts = Sanitizer.counts(Map.of(
          Attribute.DESTINATIONS_CONFIGURED, (long) destinations.total(),
          Attribute.DESTINATIONS_CONFIGURED_DATABASE_ACCESS, (long) destinations.database(),
          Attribute.DESTINATIONS_CONFIGURED_KUBERNETES_ACCESS, (long) destinations.kubernetes(),
          Attribute.DESTINATIONS_CONFIGURED_APPLICATION_ACCESS, (long) destinations.application()));
      Map<Attribute, Object> values = new LinkedHashMap<>();
      for (Attribute a : Attribute.values()) {
        Object value = valueOf(a, counts);
        if (value != null) {
          values.put(a, value);
        }
      }
      return values;
    }

    @Nullable
    private Object valueOf(Attribute a, Map<Attribute, Long> counts) {
      switch (a) {
        case RUN_MODE:
          return Sanitizer.sanitize(a, runMode.value());
        case VERSION:
          return Sanitizer.sanitize(a, version);
        case JOIN_TYPE:
          return Sanitizer.sanitize(a, joinType == null ? "token" : joinType);
        case HELPER:
          return Sanitizer.sanitize(a, helper);
        case HELPER_VERSION:
          // As tbot sends it: a wrapper's version only with the wrapper's name.
          return Sanitizer.sanitize(Attribute.HELPER, helper) == null ? null : Sanitizer.sanitize(a, helperVersion);
        case DESTINATIONS_CONFIGURED:
        case DESTINATIONS_CONFIGURED_DATABASE_ACCESS:
        case DESTINATIONS_CONFIGURED_KUBERNETES_ACCESS:
        case DESTINATIONS_CONFIGURED_APPLICATION_ACCESS:
          return counts.get(a);
      }
      throw new AssertionError("attribute without a value rule: " + a);
    }
  }
}
