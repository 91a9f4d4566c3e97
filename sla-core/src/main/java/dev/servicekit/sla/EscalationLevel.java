package dev.servicekit.sla;

import java.util.Objects;

/**
 * An escalation step the embedding CRM acts on: once {@code percent} of the target is consumed,
 * level {@code level} is reached and {@code recipient} should be notified. Percentages above 100
 * escalate after the breach (e.g. 150 = half a target late).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param level escalation level, 1 or more; higher levels need higher percentages
 * @param percent consumed share of the target that reaches the level, 1 to 1000
 * @param recipient opaque key of who to notify (a team, a role, a pager rota)
 */
public record EscalationLevel(int level, int percent, String recipient) {

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a component is out of range
   */
  public EscalationLevel {
    requireLevel(level);
    requirePercent(percent);
    requireRecipient(recipient);
  }

  /** The level's rule, apart so that a reader can locate a refusal at the level's field. */
  static int requireLevel(int level) {
    if (level < 1) {
      throw new IllegalArgumentException("escalation level " + level + " must be 1 or more");
    }
    return level;
  }

  /** The percent's rule, apart so that a reader can locate a refusal at the percent's field. */
  static int requirePercent(int percent) {
    if (percent < 1 || percent > 1000) {
      throw new IllegalArgumentException(
          "escalation percent " + percent + " must be between 1 and 1000");
    }
    return percent;
  }

  /** The recipient's rule, apart so that a reader can locate a refusal at the recipient's field. */
  static String requireRecipient(String recipient) {
    Objects.requireNonNull(recipient, "recipient");
    return Keys.requireKey(recipient, "escalation recipient");
  }

  /**
   * Returns an escalation level.
   *
   * @param level 1 or more
   * @param percent 1 to 1000
   * @param recipient recipient key
   * @return the level
   */
  public static EscalationLevel of(int level, int percent, String recipient) {
    return new EscalationLevel(level, percent, recipient);
  }
}
