package dev.servicekit.sla;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renames the attributes {@code severity} and {@code tier} of a policy set (its matrices, policy
 * conditions and pause conditions) and of ticket events, for differential tests of matrices that
 * read other attributes ({@link PriorityMatrix.Builder#rows}).
 */
final class MatrixAxesRenaming {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private MatrixAxesRenaming() {}

  /** {@code set} through its JSON form with the two attributes renamed to {@code rows, columns}. */
  static SlaPolicySet renamed(SlaPolicySet set, String rows, String columns) {
    try {
      ObjectNode root = (ObjectNode) MAPPER.readTree(SlaPolicyJson.write(set));
      for (JsonNode p : root.path("policies")) {
        policy((ObjectNode) p, rows, columns);
      }
      policy((ObjectNode) root.get("defaultPolicy"), rows, columns);
      for (JsonNode r : root.path("defaultRules")) {
        rule((ObjectNode) r, rows, columns);
      }
      return SlaPolicyJson.read(MAPPER.writeValueAsString(root));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void policy(ObjectNode p, String rows, String columns) {
    ObjectNode m = (ObjectNode) p.get("matrix");
    m.put("rows", rows);
    m.put("columns", columns);
    for (JsonNode c : m.path("cells")) {
      renameFields((ObjectNode) c, rows, columns);
    }
    if (p.path("when").has("attributes")) {
      renameFields((ObjectNode) p.get("when").get("attributes"), rows, columns);
    }
    for (JsonNode r : p.path("metrics")) {
      rule((ObjectNode) r, rows, columns);
    }
  }

  private static void rule(ObjectNode r, String rows, String columns) {
    if (r.has("pauseWhileAttributes")) {
      renameFields((ObjectNode) r.get("pauseWhileAttributes"), rows, columns);
    }
    for (JsonNode c : r.path("pauseWhile")) {
      for (JsonNode part : c) {
        for (String f : new String[] {"attribute", "attributeAbsent"}) {
          if (part.has(f)) {
            ((ObjectNode) part).put(f, name(part.get(f).textValue(), rows, columns));
          }
        }
      }
    }
    if (r.has("dueFrom")) {
      r.put("dueFrom", name(r.get("dueFrom").textValue(), rows, columns));
    }
  }

  /** Renames the fields of {@code o} in place, keeping their order. */
  private static void renameFields(ObjectNode o, String rows, String columns) {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      fields.put(name(e.getKey(), rows, columns), e.getValue());
    }
    o.removeAll();
    fields.forEach(o::set);
  }

  static String name(String attribute, String rows, String columns) {
    return switch (attribute) {
      case SlaPolicySet.SEVERITY -> rows;
      case SlaPolicySet.TIER -> columns;
      default -> attribute;
    };
  }

  /** {@code events} with the attributes {@code severity} and {@code tier} renamed. */
  static List<TicketEvent> renamed(List<TicketEvent> events, String rows, String columns) {
    List<TicketEvent> out = new ArrayList<>(events.size());
    for (TicketEvent e : events) {
      if (e instanceof TicketEvent.Created c) {
        Map<String, String> attrs = new LinkedHashMap<>();
        c.attributes().forEach((k, v) -> attrs.put(name(k, rows, columns), v));
        out.add(
            TicketEvent.created(
                c.ticketId(),
                c.id(),
                c.at(),
                attrs,
                c.tags(),
                c.byAgent(),
                c.status().orElse(null)));
      } else if (e instanceof TicketEvent.AttributeChanged a) {
        out.add(
            new TicketEvent.AttributeChanged(
                a.ticketId(), a.id(), a.at(), name(a.key(), rows, columns), a.value()));
      } else if (e instanceof TicketEvent.AttributeCleared a) {
        out.add(
            new TicketEvent.AttributeCleared(
                a.ticketId(), a.id(), a.at(), name(a.key(), rows, columns)));
      } else {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * {@code text} (an anomaly's reason, an error message) with the attribute names {@code rows} and
   * {@code columns} put back to {@code severity} and {@code tier}.
   */
  static String back(String text, String rows, String columns) {
    return text.replace(rows, SlaPolicySet.SEVERITY).replace(columns, SlaPolicySet.TIER);
  }

  /** {@code e} with its anomalies' reasons put back ({@link #back(String, String, String)}). */
  static SlaEvaluation back(SlaEvaluation e, String rows, String columns) {
    List<EventAnomaly> anomalies = new ArrayList<>();
    for (EventAnomaly a : e.anomalies()) {
      anomalies.add(new EventAnomaly(a.eventId(), a.at(), back(a.reason(), rows, columns)));
    }
    return new SlaEvaluation(
        e.ticketId(),
        e.at(),
        e.status(),
        e.policy(),
        e.priority(),
        e.cycles(),
        e.policyChanges(),
        anomalies,
        e.nextTransition());
  }
}
