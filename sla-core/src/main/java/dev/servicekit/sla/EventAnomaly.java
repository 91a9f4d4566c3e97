package dev.servicekit.sla;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * Checks the components for null and the instant for range.
   *
   * @throws IllegalArgumentException if {@code at} is outside {@link
   *     BusinessCalendar#SUPPORTED_START} to {@link BusinessCalendar#SUPPORTED_END} (exclusive),
   *     where every event's instant lies
   */
  public EventAnomaly {
    Objects.requireNonNull(eventId, "eventId");
    BusinessCalendar.second(at, "at");
    Objects.requireNonNull(reason, "reason");
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * The anomalies of {@code after} that {@code before} does not have, counted as a multiset (an
   * anomaly twice in {@code after} and once in {@code before} is new once), in {@code after}'s
   * order: what one more record of a ticket added to its evaluation's {@link
   * SlaEvaluation#anomalies()}. The stream adapters report these per record. {@code O(before +
   * after)}.
   *
   * @param before the anomalies before (e.g. of the evaluation before an event was accepted)
   * @param after the anomalies after
   * @return the new anomalies, possibly empty
   * @throws NullPointerException if a list or an element is null
   */
  public static List<EventAnomaly> added(List<EventAnomaly> before, List<EventAnomaly> after) {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    if (after.isEmpty()) {
      return List.of();
    }
    Map<EventAnomaly, Integer> seen = new HashMap<>();
    for (EventAnomaly a : before) {
      seen.merge(Objects.requireNonNull(a, "before element"), 1, Integer::sum);
    }
    List<EventAnomaly> out = new ArrayList<>();
    for (EventAnomaly a : after) {
      Integer n = seen.get(Objects.requireNonNull(a, "after element"));
      if (n == null) {
        out.add(a);
      } else if (n == 1) {
        seen.remove(a);
      } else {
        seen.put(a, n - 1);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Writes one anomaly of a ticket as one JSON object, fields in this order: {@code
   * {"ticketId":"T-1","eventId":"e7","at":"2026-03-02T10:00:00Z","reason":"..."}} (the object of
   * {@link SlaEvaluationJson}'s {@code "anomalies"} with the ticket id first): the record the
   * stream adapters emit for each new anomaly.
   *
   * @param ticketId the ticket
   * @return the JSON text
   * @throws NullPointerException if {@code ticketId} is null
   */
  public String toJson(String ticketId) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("ticketId", Objects.requireNonNull(ticketId, "ticketId"));
    n.put("eventId", eventId);
    n.put("at", at.toString());
    n.put("reason", reason);
    return n.toString();
  }
}
