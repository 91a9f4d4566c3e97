package dev.servicekit.sla.imports;

import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.internal.Excerpt;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One ticket's history as imported from a helpdesk export: the ticket id, the {@link TicketEvent}s
 * (oldest first, for an export listed in either time order), and what was left out, counted by
 * reason (for example {@code "audit event Notification"}), so nothing is dropped silently. Feed
 * {@link #events()} to an {@code SlaClock} or to {@code SlaClock.evaluate}.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param ticketId the ticket id
 * @param events the events in the order each importer reads its export: Jira's, Zammad's and
 *     ServiceNow's entries sorted by time, Zendesk's audits in list order or, listed newest first
 *     (the first audit after the last), from the end
 * @param ignored how many items of the export were not mapped, by reason
 */
public record ImportedHistory(
    String ticketId, List<TicketEvent> events, Map<String, Long> ignored) {

  /**
   * Checks and copies the components.
   *
   * @throws IllegalArgumentException if an event belongs to another ticket, or a count is negative
   */
  public ImportedHistory {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(ignored, "ignored");
    for (int i = 0; i < events.size(); i++) {
      TicketEvent e = Objects.requireNonNull(events.get(i), "events[" + i + "]");
      if (!e.ticketId().equals(ticketId)) {
        throw new IllegalArgumentException(
            "events["
                + i
                + "] "
                + Excerpt.of(e.id())
                + " belongs to ticket "
                + Excerpt.of(e.ticketId())
                + ", not "
                + Excerpt.of(ticketId));
      }
    }
    for (Map.Entry<String, Long> c : ignored.entrySet()) {
      Objects.requireNonNull(c.getKey(), "ignored: a reason");
      Long n = Objects.requireNonNull(c.getValue(), "ignored[" + c.getKey() + "]");
      if (n < 0) {
        throw new IllegalArgumentException(
            "ignored[" + Excerpt.of(c.getKey()) + "] " + n + " must not be negative");
      }
    }
    events = List.copyOf(events);
    ignored = java.util.Collections.unmodifiableMap(new TreeMap<>(ignored));
  }
}
