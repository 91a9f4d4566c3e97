package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaPreset;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link ServiceNowAudit} against a model of an incident's audit and journal: random state and
 * priority changes and journal entries, many sharing a second, with sys_ids in any order. Whatever
 * the ids, a clock fed the imported events ends in the state and priority of the list's last rows,
 * and every journal entry and mapped row is one event of its kind; the lists given in any order of
 * their seconds (ties kept in order) give the same events.
 */
class ServiceNowAuditProperties {

  private static final List<String> CODES = List.of("1", "2", "3", "6", "7", "8");
  private static final List<String> STATUSES =
      List.of("new", "in-progress", "on-hold", "resolved", "closed", "canceled");
  private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

  /**
   * One generated item: an audit row (kind 0 state, 1 priority, 2 a computed field) or a journal
   * entry (kind 3 comments by the caller, 4 comments by an agent, 5 work notes).
   */
  record Item(int kind, int value, int second) {
    boolean journal() {
      return kind >= 3;
    }
  }

  @Provide
  Arbitrary<List<Item>> exports() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 5),
            Arbitraries.integers().between(0, 5),
            Arbitraries.integers().between(1, 4))
        .as(Item::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(14)
        // listed by sys_created_on, ties in generation order
        .map(
            l -> {
              List<Item> s = new ArrayList<>(l);
              s.sort(Comparator.comparingInt(Item::second));
              return s;
            });
  }

  @Provide
  Arbitrary<List<Integer>> idOrders() {
    // the sys_ids in list order: any distinct numbers, so that ids of one second sort as text
    // against the list's order ("x10" before "x9")
    return Arbitraries.integers().between(1, 40).list().ofSize(14).uniqueElements();
  }

  @Property(tries = 300)
  void theClockEndsInTheListsLastStateAndPriorityWhateverTheIds(
      @ForAll("exports") List<Item> items, @ForAll("idOrders") List<Integer> ids) {
    ImportedHistory h = ServiceNowAudit.read(export(items, ids, false));
    // the same rows listed latest second first (ties in order) are the same history
    assertEquals(h, ServiceNowAudit.read(export(items, ids, true)));

    String state = "new";
    String priority = "3-moderate";
    int events = 3; // created, its state, its priority
    long ignored = 0;
    int customer = 0;
    int replies = 0;
    int notes = 0;
    for (Item it : items) {
      switch (it.kind()) {
        case 0 -> {
          state = STATUSES.get(it.value());
          events++;
        }
        case 1 -> {
          priority =
              (it.value() % 5 + 1)
                  + "-"
                  + List.of("critical", "high", "moderate", "low", "planning").get(it.value() % 5);
          events++;
        }
        case 2 -> ignored++;
        case 3 -> customer++;
        case 4 -> replies++;
        default -> notes++;
      }
    }
    events += customer + replies + notes;
    assertEquals(events, h.events().size(), h.events().toString());
    assertEquals(ignored, h.ignored().values().stream().mapToLong(Long::longValue).sum());
    assertEquals(customer, count(h, TicketEvent.CustomerMessage.class, null));
    assertEquals(replies, count(h, TicketEvent.AgentReply.class, true));
    assertEquals(notes, count(h, TicketEvent.AgentReply.class, false));
    SlaClock clock = SlaClock.of(set(), Map.of(), h.ticketId());
    h.events().forEach(clock::accept);
    var e = clock.evaluate(START.plus(Duration.ofHours(1)));
    assertEquals(state, e.status());
    assertEquals(priority, e.priority().orElseThrow());
  }

  private static long count(ImportedHistory h, Class<?> type, Boolean isPublic) {
    return h.events().stream()
        .filter(type::isInstance)
        .filter(x -> isPublic == null || ((TicketEvent.AgentReply) x).isPublic() == isPublic)
        .count();
  }

  private static SlaPolicySet set() {
    SlaPolicy.Builder b =
        SlaPolicy.builder("incident").matrix(PriorityMatrix.constant("3-moderate"));
    for (String p : List.of("1-critical", "2-high", "3-moderate", "4-low", "5-planning")) {
      b.target(p, SlaMetric.resolution(), Duration.ofHours(8));
    }
    return SlaPreset.SERVICENOW.policySet().defaultPolicy(b.build()).build();
  }

  /** The export; with {@code latestFirst}, its lists in descending seconds, ties in list order. */
  private static String export(List<Item> items, List<Integer> ids, boolean latestFirst) {
    List<String> audit = new ArrayList<>();
    List<String> journal = new ArrayList<>();
    List<Integer> auditAt = new ArrayList<>();
    List<Integer> journalAt = new ArrayList<>();
    String[] current = {"1", "3"};
    for (int i = 0; i < items.size(); i++) {
      Item it = items.get(i);
      String at = "\"2026-01-05 09:00:0" + it.second() + "\"";
      String id = "\"x" + ids.get(i) + "\"";
      if (it.journal()) {
        String by = it.kind() == 3 ? "abel.tuter" : "beth.anglin";
        journal.add(
            "{\"sys_id\": "
                + id
                + ", \"element_id\": \"inc7\", \"element\": \""
                + (it.kind() == 5 ? "work_notes" : "comments")
                + "\", \"sys_created_by\": \""
                + by
                + "\", \"sys_created_on\": "
                + at
                + "}");
        journalAt.add(it.second());
        continue;
      }
      String field;
      String to;
      if (it.kind() == 2) {
        field = "sys_mod_count";
        to = String.valueOf(i);
      } else {
        int f = it.kind();
        field = f == 0 ? "state" : "priority";
        to = f == 0 ? CODES.get(it.value()) : String.valueOf(it.value() % 5 + 1);
      }
      String from = it.kind() == 2 ? "" : current[it.kind()];
      audit.add(
          "{\"sys_id\": "
              + id
              + ", \"documentkey\": \"inc7\", \"fieldname\": \""
              + field
              + "\", \"oldvalue\": \""
              + from
              + "\", \"newvalue\": \""
              + to
              + "\", \"sys_created_on\": "
              + at
              + "}");
      auditAt.add(it.second());
      if (it.kind() != 2) {
        current[it.kind()] = to;
      }
    }
    return "{\"sysparm_display_value\": \"false\", \"record\": {\"result\": {\"sys_id\": \"inc7\","
        + " \"sys_created_on\": \"2026-01-05 09:00:00\", \"state\": \""
        + current[0]
        + "\", \"priority\": \""
        + current[1]
        + "\", \"caller_id.user_name\": \"abel.tuter\"}}, \"audit\": {\"result\": ["
        + String.join(",", ordered(audit, auditAt, latestFirst))
        + "]}, \"journal\": ["
        + String.join(",", ordered(journal, journalAt, latestFirst))
        + "]}";
  }

  private static List<String> ordered(List<String> rows, List<Integer> at, boolean latestFirst) {
    if (!latestFirst) {
      return rows;
    }
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      idx.add(i);
    }
    idx.sort(Comparator.comparing((Integer i) -> -at.get(i))); // stable: ties keep list order
    List<String> out = new ArrayList<>();
    idx.forEach(i -> out.add(rows.get(i)));
    return out;
  }
}
