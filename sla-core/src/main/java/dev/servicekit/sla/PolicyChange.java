package dev.servicekit.sla;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A change of the policy, priority or channel that applies to a ticket, recorded when an event
 * re-targets it (the first entry is the targeting at creation). A change of a due date that a
 * metric's deadline is taken from ({@link MetricRule.Builder#dueFrom}) re-targets too: its entry
 * may repeat the policy, priority and channel.
 *
 * <p>Targeting is derived once per instant, from the state after all of that instant's changes: an
 * update that sets several fields at one instant gives at most one entry (named after the last of
 * its events in {@link TicketEvent#ORDER} that changed the targeting), and none if the targeting
 * ends where it began. The creation is not part of such an update: the first entry is always the
 * targeting the {@link TicketEvent.Created} event's own attributes give, so an update at the
 * creation's instant that changes it (a {@link TicketEvent.PriorityChanged} sending the ticket's
 * initial priority, say) adds a second entry at that instant.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param at when the change happened
 * @param eventId the event that caused it
 * @param policy name of the applicable policy
 * @param priority the priority, empty if neither the matrix nor an explicit priority gives one
 * @param channel the channel used for the target lookup ({@code *} if the ticket has none)
 */
public record PolicyChange(
    Instant at, String eventId, String policy, Optional<String> priority, String channel) {

  /**
   * Checks the components for null and the instant for range.
   *
   * @throws IllegalArgumentException if {@code at} is outside {@link
   *     BusinessCalendar#SUPPORTED_START} to {@link BusinessCalendar#SUPPORTED_END} (exclusive),
   *     where every event's instant lies
   */
  public PolicyChange {
    BusinessCalendar.second(at, "at");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(channel, "channel");
  }
}
