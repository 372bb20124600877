package com.goteleport.tbot.otel.event;

/**
 * How many outputs (destinations) a tbot config defines, in all and per access kind.
 *
 * <p>Each output has one kind, so the three kinds never add up to more than {@code total}. Counts
 * that do are not refused here (a host's call must not throw for them: a config's data can make
 * them): the event sends the kinds as 0 instead ({@link Attribute#partOf}). A negative count, which
 * no config yields, is a programming error and refused at once, as the builder's bad arguments are.
 *
 * @param total every output, of any kind
 * @param database outputs for Database Access
 * @param kubernetes outputs for Kubernetes Access
 * @param application outputs for Application Access
 */
public record DestinationCounts(int total, int database, int kubernetes, int application) {

  /** No outputs at all. */
  public static final DestinationCounts NONE = new DestinationCounts(0, 0, 0, 0);

  /**
   * Validates that no count is negative.
   *
   * @param total every output, of any kind
   * @param database outputs for Database Access
   * @param kubernetes outputs for Kubernetes Access
   * @param application outputs for Application Access
   * @throws IllegalArgumentException if a count is negative
   */
  public DestinationCounts {
    if (total < 0 || database < 0 || kubernetes < 0 || application < 0) {
      throw new IllegalArgumentException("destination counts must not be negative");
    }
  }

  /**
   * These outputs and {@code more} together; a sum past {@link Integer#MAX_VALUE} stays there (the
   * schema clamps far below it) rather than overflowing into a negative count.
   *
   * @param more the outputs to add
   * @return the sums
   */
  public DestinationCounts plus(DestinationCounts more) {
    return new DestinationCounts(add(total, more.total), add(database, more.database),
        add(kubernetes, more.kubernetes), add(application, more.application));
  }

  private static int add(int a, int b) {
    return (int) Math.min((long) a + b, Integer.MAX_VALUE);
  }

  /**
   * The output tbot's {@code --destination-dir} makes: one identity output, which replaces the
   * config's {@code services:} (and v1's {@code destinations:}, which migrate there), but not its
   * {@code outputs:} list, which tbot adds to the services after its flags (see {@link
   * com.goteleport.tbot.otel.config.TbotConfig#outputsList}).
   */
  public static final DestinationCounts DESTINATION_DIR_ONLY = new DestinationCounts(1, 0, 0, 0);
}
