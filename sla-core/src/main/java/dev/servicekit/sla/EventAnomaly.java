package dev.servicekit.sla;

import java.time.Instant;
import java.util.Objects;

/**
 * An accepted event that could not take effect because of the events around it, e.g. an event
 * stamped before the ticket's creation, an answer to a call that is not ringing, or a second
 * creation; or an event that took effect with a fallback, because it set (or left absent) a
 * severity, tier or channel the policy in force does not list (the matrix default priority, or the
 * {@value SlaPolicy#ANY_CHANNEL} targets, then apply; where the priority has no {@value
 * SlaPolicy#ANY_CHANNEL} targets the anomaly says so: the ticket's metrics go untargeted), or a
 * severity, tier or channel no policy of the set lists even where the policy in force does not read
 * it ("severity" and "tier" being the attributes the matrices read, {@link
 * SlaPolicySet#rowAttribute()} and {@link SlaPolicySet#columnAttribute()}, which the reason names);
 * see {@link SlaPolicySet#rejectUnknownKeys()} for the strict mode. Such events are kept in the log
 * and reported here instead of being dropped or defaulted silently; since the verdict depends only
 * on the sorted log, it does not depend on arrival order.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param eventId the event
 * @param at its timestamp
 * @param reason why it had no effect
 */
public record EventAnomaly(String eventId, Instant at, String reason) {

  /** Checks the components for null. */
  public EventAnomaly {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(reason, "reason");
  }
}
