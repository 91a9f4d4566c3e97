package dev.servicekit.sla;

import dev.servicekit.sla.internal.Excerpt;
import java.util.Objects;
import java.util.Optional;

/**
 * A correction of one event of a ticket, as the source system makes it: the event was deleted (a
 * {@linkplain #retract retraction}: a comment removed) or now has other content (a {@linkplain
 * #replace replacement} carrying the whole new event: a status change edited, a reply made
 * internal, an event re-stamped). It names the event by its ticket and id, the identity {@link
 * SlaClock} keeps events by; {@link #applyTo(SlaClock)} applies it with {@link
 * SlaClock#retract(String)} or {@link SlaClock#replace(TicketEvent)}, so a clock that took a
 * correction is exactly a clock fed the corrected history.
 *
 * <p>A value type of its own, not a {@link TicketEvent} kind: it has no instant and never enters a
 * clock's event log, and one with a stream's events is a {@link TicketInput}. Its JSON form is
 * {@link TicketEventJson}'s {@code Retracted} and {@code Replaced} records.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class EventCorrection implements TicketInput {

  private final String ticketId;
  private final String eventId;
  private final TicketEvent replacement; // null for a retraction

  private EventCorrection(String ticketId, String eventId, TicketEvent replacement) {
    this.ticketId = ticketId;
    this.eventId = eventId;
    this.replacement = replacement;
  }

  /**
   * The retraction of event {@code eventId} of ticket {@code ticketId}: the source system deleted
   * it.
   *
   * @param ticketId the ticket, by {@link TicketEvent}'s id rule
   * @param eventId the id of the event retracted, by {@link TicketEvent}'s id rule
   * @return the retraction
   * @throws IllegalArgumentException if either id is empty, blank, longer than {@link
   *     TicketEvent#MAX_ID_CHARS} or holds a control character, a line or paragraph separator or a
   *     lone surrogate, naming it
   */
  public static EventCorrection retract(String ticketId, String eventId) {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(eventId, "eventId");
    if (ticketId.isEmpty()) {
      throw new IllegalArgumentException("ticketId must not be empty");
    }
    Excerpt.requireId(ticketId, "ticketId", TicketEvent.MAX_ID_CHARS);
    if (eventId.isEmpty()) {
      throw new IllegalArgumentException(
          "event id must not be empty (ticket " + Excerpt.of(ticketId) + ")");
    }
    Excerpt.requireId(eventId, "event id", TicketEvent.MAX_ID_CHARS);
    return new EventCorrection(ticketId, eventId, null);
  }

  /**
   * The replacement of the event with {@code event}'s ticket and id by {@code event}: the source
   * system edited it, and this is its whole new content (another instant, even another kind).
   *
   * @param event the new content
   * @return the replacement
   */
  public static EventCorrection replace(TicketEvent event) {
    Objects.requireNonNull(event, "event");
    return new EventCorrection(event.ticketId(), event.id(), event);
  }

  /**
   * Returns the ticket of the corrected event.
   *
   * @return the ticket id
   */
  @Override
  public String ticketId() {
    return ticketId;
  }

  /**
   * Returns the id of the corrected event.
   *
   * @return the event id
   */
  public String eventId() {
    return eventId;
  }

  /**
   * Returns whether this is a retraction (the event deleted), not a replacement.
   *
   * @return true for a retraction
   */
  public boolean isRetraction() {
    return replacement == null;
  }

  /**
   * Returns the new content of the event, empty for a retraction.
   *
   * @return the replacing event, with this correction's ticket and event id
   */
  public Optional<TicketEvent> replacement() {
    return Optional.ofNullable(replacement);
  }

  /**
   * Applies this correction to {@code clock}: {@link SlaClock#retract(String)} or {@link
   * SlaClock#replace(TicketEvent)}, with their contract and cost. A call that throws leaves the
   * clock unchanged.
   *
   * @param clock the clock of this correction's ticket
   * @return true if the clock had accepted an event with this id (it is now retracted or replaced),
   *     false if none had, and nothing changed
   * @throws IllegalArgumentException if the clock is another ticket's, naming both, or if the
   *     replacing event is one {@link SlaClock#accept} would reject (its status, or in strict mode
   *     its keys)
   */
  public boolean applyTo(SlaClock clock) {
    Objects.requireNonNull(clock, "clock");
    if (!clock.ticketId().equals(ticketId)) {
      throw new IllegalArgumentException(
          "correction of event "
              + Excerpt.of(eventId)
              + " of ticket "
              + Excerpt.of(ticketId)
              + " cannot apply to the clock of ticket "
              + Excerpt.of(clock.ticketId()));
    }
    return replacement == null ? clock.retract(eventId) : clock.replace(replacement);
  }

  /**
   * Equal when both retract the same event, or both replace it by equal events.
   *
   * @param o another object
   * @return whether equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof EventCorrection c
        && c.ticketId.equals(ticketId)
        && c.eventId.equals(eventId)
        && Objects.equals(c.replacement, replacement);
  }

  @Override
  public int hashCode() {
    return (ticketId.hashCode() * 31 + eventId.hashCode()) * 31 + Objects.hashCode(replacement);
  }

  /**
   * Returns {@code Retracted[ticketId=T-1, id=e7]} or {@code Replaced[StatusChanged[...]]}, the
   * JSON kind names.
   */
  @Override
  public String toString() {
    return replacement == null
        ? "Retracted[ticketId=" + ticketId + ", id=" + eventId + "]"
        : "Replaced[" + replacement + "]";
  }
}
