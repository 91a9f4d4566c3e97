package dev.servicekit.integrations.flink.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.integrations.flink.RevisedObservation;
import dev.servicekit.sla.EventCorrection;
import dev.servicekit.sla.TicketEvent;
import java.time.Instant;

/**
 * The JSON lines of {@code FlinkSlaClocks.REJECTION_REASONS} (a rejected event's ids and why) and
 * {@code FlinkKpiWindows.REJECTION_REASONS} (a rejected KPI record's group, time and why).
 */
final class RejectionReason {

  /** The most characters of an error kept, as in the Kafka adapter's dead-letter records. */
  static final int MAX_ERROR_CHARS = 500;

  /**
   * The most characters of a KPI group or response id kept (they have no length limit); a longer
   * one is cut to its first chars (not half a surrogate pair) and its length given beside it.
   */
  static final int MAX_TEXT_CHARS = 500;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Writes the KPI reasons as ASCII only, every other char as a JSON unicode escape: a group or id
   * with a lone surrogate (which the KPI windows reject) keeps it through a UTF-8 sink, which would
   * write {@code ?} for it.
   */
  private static final ObjectWriter WRITER =
      MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());

  private RejectionReason() {}

  /** One JSON object: the event's ticket id, id, instant and kind, and the error, bounded. */
  static String of(TicketEvent e, String error) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("ticketId", e.ticketId());
    n.put("eventId", e.id());
    n.put("at", e.at().toString());
    n.put("kind", e.getClass().getSimpleName());
    n.put("error", bounded(error));
    return n.toString(); // ids are keys (well-formed UTF-16): no escape needed
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
    return n.toString(); // ids are keys (well-formed UTF-16): no escape needed
  }

  /**
   * One JSON object for a rejected record of the builder's KPI windows: its {@code group} and
   * {@code at} where they could be computed (absent if the selector threw or gave {@code null}),
   * and the error.
   */
  static String ofRecord(String group, Instant at, RuntimeException error) {
    ObjectNode n = MAPPER.createObjectNode();
    if (group != null) {
      text(n, "group", group);
    }
    if (at != null) {
      n.put("at", at.toString());
    }
    n.put("error", bounded(message(error)));
    return write(n);
  }

  /**
   * One JSON object for a rejected revised observation: its group, id, revision, {@code at},
   * whether it is a removal, and the error.
   */
  static String ofObservation(RevisedObservation o, RuntimeException error) {
    ObjectNode n = MAPPER.createObjectNode();
    text(n, "group", o.group());
    text(n, "id", o.id());
    n.put("revision", o.revision());
    n.put("at", o.at().toString());
    n.put("removed", o.removed());
    n.put("error", bounded(message(error)));
    return write(n);
  }

  private static String write(ObjectNode n) {
    try {
      return WRITER.writeValueAsString(n);
    } catch (JsonProcessingException e) { // a tree of strings, numbers and booleans always writes
      throw new IllegalStateException(e);
    }
  }

  /** The exception's message, as the cores write it; its simple class name if it has none. */
  private static String message(RuntimeException error) {
    String m = error.getMessage();
    return m == null ? error.getClass().getSimpleName() : m;
  }

  /**
   * {@code value} under {@code field}, at most {@value #MAX_TEXT_CHARS} chars; if cut, its length
   * under {@code field + "Chars"}.
   */
  private static void text(ObjectNode n, String field, String value) {
    if (value.length() <= MAX_TEXT_CHARS) {
      n.put(field, value);
      return;
    }
    int end = MAX_TEXT_CHARS;
    if (Character.isHighSurrogate(value.charAt(end - 1))
        && Character.isLowSurrogate(value.charAt(end))) {
      end--; // not half a pair
    }
    n.put(field, value.substring(0, end));
    n.put(field + "Chars", value.length());
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
