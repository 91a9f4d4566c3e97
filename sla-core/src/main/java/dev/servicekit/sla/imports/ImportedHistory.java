package dev.servicekit.sla.imports;

import dev.servicekit.sla.TicketEvent;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One ticket's history as imported from a helpdesk export: the ticket id, the {@link TicketEvent}s
 * in the export's order, and what was left out, counted by reason (for example {@code "audit event
 * Notification"}), so nothing is dropped silently. Feed {@link #events()} to an {@code SlaClock} or
 * to {@code SlaClock.evaluate}.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param ticketId the ticket id
 * @param events the events, in the export's order
 * @param ignored how many items of the export were not mapped, by reason
 */
public record ImportedHistory(
    String ticketId, List<TicketEvent> events, Map<String, Long> ignored) {

  /** Checks and copies the components. */
  public ImportedHistory {
    Objects.requireNonNull(ticketId, "ticketId");
    events = List.copyOf(events);
    ignored = java.util.Collections.unmodifiableMap(new TreeMap<>(ignored));
  }
}
