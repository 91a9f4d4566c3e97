package dev.servicekit.integrations.flink.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.sla.EventCorrection;
import dev.servicekit.sla.TicketEvent;

/** The JSON line of {@code FlinkSlaClocks.REJECTION_REASONS}: a rejected event's ids and why. */
final class RejectionReason {

  /** The most characters of an error kept, as in the Kafka adapter's dead-letter records. */
  static final int MAX_ERROR_CHARS = 500;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RejectionReason() {}

  /** One JSON object: the event's ticket id, id, instant and kind, and the error, bounded. */
  static String of(TicketEvent e, String error) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("ticketId", e.ticketId());
    n.put("eventId", e.id());
    n.put("at", e.at().toString());
    n.put("kind", e.getClass().getSimpleName());
    n.put("error", bounded(error));
    return n.toString();
  }

  /**
   * One JSON object for a rejected retraction, which sends no event to {@code REJECTED}: the ticket
   * id, the id of the event it retracts, the kind {@code Retraction} and the error (no {@code at}).
   */
  static String ofRetraction(EventCorrection c, String error) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("ticketId", c.ticketId());
    n.put("eventId", c.eventId());
    n.put("kind", "Retraction");
    n.put("error", bounded(error));
    return n.toString();
  }

  private static String bounded(String error) {
    String text = error == null ? "rejected" : error;
    if (text.length() > MAX_ERROR_CHARS) {
      int end = MAX_ERROR_CHARS - 3;
      if (Character.isHighSurrogate(text.charAt(end - 1))) {
        end--; // not half a pair
      }
      text = text.substring(0, end) + "...";
    }
    return text;
  }
}
