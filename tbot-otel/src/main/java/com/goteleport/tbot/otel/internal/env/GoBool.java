package com.goteleport.tbot.otel.internal.env;

import java.util.Set;

/**
 * Go's {@code strconv.ParseBool} values, exactly (no trimming, no other spellings): tbot reads its
 * boolean variables and flags with it, so tbot-otel reads them the same way.
 *
 * <p>This class is internal and is not part of tbot-otel's public API. Its APIs are unstable and can
 * change at any time.
 */
public final class GoBool {

  /** The values {@code strconv.ParseBool} reads as true. */
  public static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");

  /** The values {@code strconv.ParseBool} reads as false; any other is an error there. */
  public static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

  private GoBool() {}
}
