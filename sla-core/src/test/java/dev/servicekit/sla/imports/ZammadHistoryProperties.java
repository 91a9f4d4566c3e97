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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link ZammadHistory} against a model of Zammad's history: random exports of state, priority and
 * tag updates and articles, many sharing an instant, with ids in any order. Whatever the ids, a
 * clock fed the imported events ends in the state and priority of the list's last updates, and
 * every article and mapped entry is one event (and every other one counted); the history read as
 * the response object or as its bare list gives the same events.
 */
class ZammadHistoryProperties {

  private static final List<String> STATES = List.of("new", "open", "pending reminder", "closed");
  private static final List<String> PRIORITIES = List.of("1 low", "2 normal", "3 high");
  private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

  /** One generated entry: a history update (kind 0 state, 1 priority, 2 tag) or an article. */
  record Item(int kind, int value, int minute, boolean article, String sender) {}

  @Provide
  Arbitrary<List<Item>> exports() {
    Arbitrary<Item> update =
        Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 6))
            .as((k, v, m) -> new Item(k, v, m, false, null));
    Arbitrary<Item> article =
        Combinators.combine(
                Arbitraries.integers().between(0, 6), Arbitraries.of("Customer", "Agent", "System"))
            .as((m, s) -> new Item(0, 0, m, true, s));
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, update), net.jqwik.api.Tuple.of(1, article))
        .list()
        .ofMinSize(1)
        .ofMaxSize(14)
        // Zammad lists by created_at: sorted by minute, ties in generation order
        .map(
            l -> {
              List<Item> s = new ArrayList<>(l);
              s.sort(java.util.Comparator.comparingInt(Item::minute));
              return s;
            });
  }

  @Property(tries = 300)
  void theClockEndsInTheListsLastStateAndPriorityWhateverTheIds(
      @ForAll("exports") List<Item> items, @ForAll("idOrders") List<Integer> ids) {
    String json = export(items, ids, true);
    ImportedHistory h = ZammadHistory.read(json);
    assertEquals(h.events(), ZammadHistory.read(export(items, ids, false)).events());

    String state = "new";
    String priority = "2 normal";
    Set<String> tags = new LinkedHashSet<>();
    int events = 3; // created, its state, its priority
    long ignored = 0;
    for (Item it : items) {
      if (it.article()) {
        if ("System".equals(it.sender())) {
          ignored++;
        } else {
          events++;
        }
      } else if (it.kind() == 0) {
        state = STATES.get(it.value());
        events++;
      } else if (it.kind() == 1) {
        priority = PRIORITIES.get(it.value() % PRIORITIES.size());
        events++;
      } else {
        String tag = "t" + (it.value() % 2);
        boolean add = it.value() < 2;
        if (add ? tags.add(tag) : tags.remove(tag)) {
          events++;
        } else {
          ignored++;
        }
      }
    }
    assertEquals(events, h.events().size(), h.events().toString());
    assertEquals(ignored, h.ignored().values().stream().mapToLong(Long::longValue).sum());
    SlaClock clock = SlaClock.of(set(), Map.of(), h.ticketId());
    h.events().forEach(clock::accept);
    var e = clock.evaluate(START.plus(Duration.ofHours(1)));
    assertEquals(ExportJson.key(state), e.status());
    assertEquals(ExportJson.key(priority), e.priority().orElseThrow());
    List<TicketEvent> tagEvents =
        h.events().stream().filter(x -> x instanceof TicketEvent.TagsChanged).toList();
    Set<String> last =
        tagEvents.isEmpty()
            ? Set.of()
            : ((TicketEvent.TagsChanged) tagEvents.get(tagEvents.size() - 1)).tags();
    assertEquals(tags, last);
  }

  @Provide
  Arbitrary<List<Integer>> idOrders() {
    // the ids of the entries and articles, in list order: any distinct numbers, so that ids of one
    // instant sort as text against the list's order (9 before 10 is "10" before "9")
    return Arbitraries.integers().between(1, 40).list().ofSize(14).uniqueElements();
  }

  private static SlaPolicySet set() {
    SlaPolicy.Builder b = SlaPolicy.builder("standard").matrix(PriorityMatrix.constant("2-normal"));
    for (String p : List.of("1-low", "2-normal", "3-high")) {
      b.target(p, SlaMetric.resolution(), Duration.ofHours(8));
    }
    return SlaPreset.ZAMMAD.policySet().defaultPolicy(b.build()).build();
  }

  private static String export(List<Item> items, List<Integer> ids, boolean asResponse) {
    StringBuilder hist = new StringBuilder();
    StringBuilder arts = new StringBuilder();
    String[] current = {"new", "2 normal"};
    for (int i = 0; i < items.size(); i++) {
      Item it = items.get(i);
      int id = ids.get(i);
      String at = "\"2026-01-05T09:" + String.format("%02d", it.minute()) + ":00Z\"";
      if (it.article()) {
        arts.append(arts.length() == 0 ? "" : ",")
            .append("{\"id\": ")
            .append(id)
            .append(", \"ticket_id\": 7, \"sender\": \"")
            .append(it.sender())
            .append("\", \"type\": \"email\", \"internal\": false, \"created_at\": ")
            .append(at)
            .append("}");
        continue;
      }
      hist.append(hist.length() == 0 ? "" : ",").append("{\"id\": ").append(id);
      hist.append(", \"o_id\": 7, \"object\": \"Ticket\", \"created_at\": ").append(at);
      if (it.kind() == 2) {
        hist.append(", \"type\": \"")
            .append(it.value() < 2 ? "added" : "removed")
            .append("\", \"attribute\": \"tag\", \"value_to\": \"t")
            .append(it.value() % 2)
            .append("\"}");
      } else {
        int f = it.kind();
        String to =
            f == 0 ? STATES.get(it.value()) : PRIORITIES.get(it.value() % PRIORITIES.size());
        hist.append(", \"type\": \"updated\", \"attribute\": \"")
            .append(f == 0 ? "state" : "priority")
            .append("\", \"value_from\": \"")
            .append(current[f])
            .append("\", \"value_to\": \"")
            .append(to)
            .append("\"}");
        current[f] = to;
      }
    }
    String history = "[" + hist + "]";
    return "{\"ticket\": {\"id\": 7, \"created_at\": \"2026-01-05T09:00:00Z\", \"state\": \""
        + current[0]
        + "\", \"priority\": \""
        + current[1]
        + "\"}, \"articles\": ["
        + arts
        + "], \"history\": "
        + (asResponse ? "{\"history\": " + history + ", \"assets\": {}}" : history)
        + "}";
  }
}
