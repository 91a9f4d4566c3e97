package dev.servicekit.sla;

/**
 * One record of a ticket's input stream: a {@link TicketEvent} (something that happened) or an
 * {@link EventCorrection} (an event deleted or edited in the source system). {@link
 * TicketEventJson#readInput(String)} reads either, and the stream adapters take either from one
 * topic or stream, keyed by ticket id, so a correction stays in order with the ticket's events.
 *
 * <p>A sealed union rather than two more {@link TicketEvent} kinds: a correction is not something
 * that happened to the ticket (it has no instant of its own, never enters a clock's event log or
 * {@link TicketEvent#ORDER}, and a clock's {@link SlaClock#accept} must go on taking only events),
 * so code that switches over the event kinds is unaffected, and code that reads a mixed stream
 * tells the two apart with one {@code instanceof}.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface TicketInput permits TicketEvent, EventCorrection {

  /**
   * Returns the ticket this record belongs to: the key of its stream partition.
   *
   * @return the ticket id
   */
  String ticketId();
}
