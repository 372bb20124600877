package com.goteleport.tbot.otel.event;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Every attribute the {@code tbot.start} event may carry, with its type, bounds and the reason it is
 * collected. This enum is the event's schema: the event builder, {@code preview}, {@code
 * docs/attributes.md} and the collector allowlists are derived from it or checked against it. An
 * attribute that is not listed here cannot be sent.
 */
public enum Attribute {
  /** {@code run_mode}: {@code one-shot} or {@code continuous}. */
  RUN_MODE(
      "run_mode",
      AttributeType.STRING,
      true,
      "Whether tbot renews once and exits (most CI jobs) or keeps running (agents, and the tunnels some CI"
          + " jobs keep open while they run), to size the two use cases.",
      "one-shot",
      List.of("one-shot", "continuous"),
      null,
      16,
      null),
  /** {@code version}: tbot's release version, or {@code unknown}. */
  VERSION(
      "version",
      AttributeType.STRING,
      true,
      "Which tbot releases are in use, to plan support and deprecations.",
      "18.1.0",
      List.of(),
      // Release versions and Teleport's own pre-release tags only: free-form pre-release or build
      // suffixes (18.0.0-dev.alice.1, 18.1.0+hostA) can carry a person's, branch's or host's name.
      // Three digits a component are plenty for releases and leave no room for a hidden number.
      "v?[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}(-(alpha|beta|rc|dev)(\\.[0-9]{1,3})?)?",
      32,
      Attribute.UNKNOWN),
  /** {@code join_type}: the bot's join method, one of tbot's, or {@code unknown}. */
  JOIN_TYPE(
      "join_type",
      AttributeType.STRING,
      true,
      "Which join methods bots use, to decide where to invest in joining.",
      "github",
      // tbot's own list (SupportedJoinMethods in Teleport's lib/tbot onboarding config and
      // lib/auth/machineid/machineidv1), spelled as types.JoinMethod spells them; tbot compares
      // them case-sensitively, and so does this rule. ec2 is a Teleport-node method tbot rejects.
      // generic_oidc came with schema 1.1.0.
      List.of(
          "azure", "azure_devops", "bitbucket", "bound_keypair", "circleci", "env0", "gcp",
          "generic_oidc", "github", "gitlab", "iam", "kubernetes", "oracle", "spacelift",
          "terraform_cloud", "token", "tpm", Attribute.UNKNOWN),
      null,
      16,
      Attribute.UNKNOWN),
  /** {@code helper}, optional: the wrapper that runs tbot, such as {@code gha:teleport-actions/auth}. */
  HELPER(
      "helper",
      AttributeType.STRING,
      false,
      "Which wrapper, if any, runs tbot (for example the GitHub Action), to count its adoption.",
      "gha:teleport-actions/auth",
      List.of(),
      Attribute.HELPER_PATTERN,
      64,
      null),
  /** {@code helper_version}, optional: the wrapper's version, sent only with {@link #HELPER}. */
  HELPER_VERSION(
      "helper_version",
      AttributeType.STRING,
      false,
      "Which version of that wrapper, to plan its support; sent only with `helper`, as tbot sends it.",
      "v2.0.1",
      List.of(),
      // A release version as version's rule has it, where minor and patch may be left out (an
      // action's major tag, v2): any free-form suffix (v2.0.1-alice, 2.0.1+laptop.local) or other
      // text could carry a name. Stricter since schema 1.1.1, and no longer screened: no version
      // has the shape of a credential or an address.
      "v?[0-9]{1,3}(\\.[0-9]{1,3}){0,2}(-(alpha|beta|rc|dev)(\\.[0-9]{1,3})?)?",
      32,
      null),
  /** {@code destinations_configured}: how many outputs the bot writes. */
  DESTINATIONS_CONFIGURED(
      "destinations_configured",
      AttributeType.INT,
      true,
      "How many outputs a bot writes, to understand the size of deployments.",
      "3",
      List.of(),
      null,
      0,
      null),
  /** {@code destinations_configured_database_access}: the outputs for Database Access. */
  DESTINATIONS_CONFIGURED_DATABASE_ACCESS(
      "destinations_configured_database_access",
      AttributeType.INT,
      true,
      "How many of them are for Database Access, to see which products bots serve.",
      "1",
      List.of(),
      null,
      0,
      null),
  /** {@code destinations_configured_kubernetes_access}: the outputs for Kubernetes Access. */
  DESTINATIONS_CONFIGURED_KUBERNETES_ACCESS(
      "destinations_configured_kubernetes_access",
      AttributeType.INT,
      true,
      "How many of them are for Kubernetes Access.",
      "1",
      List.of(),
      null,
      0,
      null),
  /** {@code destinations_configured_application_access}: the outputs for Application Access. */
  DESTINATIONS_CONFIGURED_APPLICATION_ACCESS(
      "destinations_configured_application_access",
      AttributeType.INT,
      true,
      "How many of them are for Application Access.",
      "0",
      List.of(),
      null,
      0,
      null);

  /** The value sent in place of a {@code version} or {@code join_type} that fails its rule. */
  public static final String UNKNOWN = "unknown";

  /** The largest count sent; larger counts are clamped to it. */
  public static final long MAX_COUNT = 1000;

  /** The value sent for every part of a count whose parts add up to more than it ({@link #partOf}). */
  public static final long INCONSISTENT_PART = 0;

  // A small, printable ASCII charset, starting with a letter or digit (so no Unix absolute path
  // or flag-like value); Sanitizer also drops values shaped like credentials, addresses or other
  // paths (C:/Users/alice, gha:/home/alice).
  private static final String HELPER_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:/@-]{0,63}";

  private final String key;
  private final AttributeType type;
  private final boolean required;
  private final String purpose;
  private final String example;
  private final List<String> allowedValues;
  @Nullable private final Pattern pattern;
  private final int maxLength;
  @Nullable private final String fallback;

  Attribute(
      String key,
      AttributeType type,
      boolean required,
      String purpose,
      String example,
      List<String> allowedValues,
      @Nullable String pattern,
      int maxLength,
      @Nullable String fallback) {
    this.key = key;
    this.type = type;
    this.required = required;
    this.purpose = purpose;
    this.example = example;
    this.allowedValues = allowedValues;
    this.pattern = pattern == null ? null : Pattern.compile(pattern);
    this.maxLength = maxLength;
    this.fallback = fallback;
  }

  /**
   * The attribute key as sent on the wire.
   *
   * @return e.g. {@code run_mode}
   */
  public String key() {
    return key;
  }

  /**
   * The OTLP value type.
   *
   * @return the type
   */
  public AttributeType type() {
    return type;
  }

  /**
   * Whether every event carries this attribute; optional ones are omitted when unknown.
   *
   * @return {@code true} if required
   */
  public boolean required() {
    return required;
  }

  /**
   * Why the attribute is collected, as published in the catalogue.
   *
   * @return one sentence
   */
  public String purpose() {
    return purpose;
  }

  /**
   * An example value, as published in the catalogue.
   *
   * @return the example, as text
   */
  public String example() {
    return example;
  }

  /**
   * The only values a string attribute may take, or an empty list where a pattern applies.
   *
   * @return the values, unmodifiable
   */
  public List<String> allowedValues() {
    return allowedValues;
  }

  /**
   * The pattern a free string must match in full, or {@code null} for enumerations and ints.
   *
   * @return the pattern, or {@code null}
   */
  @Nullable
  public Pattern pattern() {
    return pattern;
  }

  /**
   * Whether values are also screened for the shapes of credentials, addresses and paths: where the
   * rule is a charset, which lets free text through ({@code helper}); not where it is a grammar or a
   * list.
   *
   * @return {@code true} if screened
   */
  public boolean screened() {
    return pattern != null && pattern.pattern().equals(HELPER_PATTERN);
  }

  /**
   * The longest string value sent (0 for ints).
   *
   * @return the length in characters
   */
  public int maxLength() {
    return maxLength;
  }

  /**
   * The largest int value sent (0 for strings).
   *
   * @return {@link #MAX_COUNT}, or 0
   */
  public long maxValue() {
    return type == AttributeType.INT ? MAX_COUNT : 0;
  }

  /**
   * The value sent in place of one that breaks the rule, or {@code null} when such a value is
   * dropped (optional attributes) or cannot occur (values set by code from an enum).
   *
   * @return the fallback, or {@code null}
   */
  @Nullable
  public String fallback() {
    return fallback;
  }

  /**
   * The count this one is a part of, or {@code null}: each output has one kind, so the per-kind
   * counts are parts of {@code destinations_configured} and never add up to more than it. When,
   * clamped, they do, the counts contradict each other and nothing tells which one is wrong: every
   * part is sent as {@link #INCONSISTENT_PART} (its split unknown), the whole is kept.
   *
   * @return the whole, or {@code null}
   */
  @Nullable
  public Attribute partOf() {
    switch (this) {
      case DESTINATIONS_CONFIGURED_DATABASE_ACCESS:
      case DESTINATIONS_CONFIGURED_KUBERNETES_ACCESS:
      case DESTINATIONS_CONFIGURED_APPLICATION_ACCESS:
        return DESTINATIONS_CONFIGURED;
      default:
        return null;
    }
  }

  /**
   * The counts that are parts of this one ({@link #partOf}), in schema order; empty for most.
   *
   * @return the parts, unmodifiable
   */
  public List<Attribute> parts() {
    List<Attribute> parts = new ArrayList<>();
    for (Attribute a : values()) {
      if (a.partOf() == this) {
        parts.add(a);
      }
    }
    return Collections.unmodifiableList(parts);
  }

  /**
   * Looks an attribute up by its wire key, or returns {@code null}.
   *
   * @param key the key as sent, e.g. {@code run_mode}
   * @return the attribute, or {@code null} if none has that key
   */
  @Nullable
  public static Attribute forKey(String key) {
    requireNonNull(key, "key");
    for (Attribute a : values()) {
      if (a.key.equals(key)) {
        return a;
      }
    }
    return null;
  }
}
