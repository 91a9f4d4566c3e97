package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link EventAnomaly#added}, what the stream adapters report per record, against a brute-force
 * multiset difference (each anomaly of {@code after}, in order, cancels one equal anomaly left in a
 * copy of {@code before}, else it is new); and {@link EventAnomaly#toJson(String)} read back.
 */
class EventAnomalyAddedProperties {

  private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

  @Provide
  Arbitrary<List<EventAnomaly>> anomalies() {
    // a small pool, so that lists share and repeat anomalies
    Arbitrary<EventAnomaly> one =
        Arbitraries.integers()
            .between(0, 5)
            .map(i -> new EventAnomaly("e" + (i % 3), T.plusSeconds(i % 2), "reason " + i));
    return one.list().ofMaxSize(8);
  }

  @Property(tries = 500)
  void addedIsTheMultisetDifferenceInAfterOrder(
      @ForAll("anomalies") List<EventAnomaly> before,
      @ForAll("anomalies") List<EventAnomaly> after) {
    List<EventAnomaly> left = new ArrayList<>(before);
    List<EventAnomaly> expected = new ArrayList<>();
    for (EventAnomaly a : after) {
      if (!left.remove(a)) {
        expected.add(a);
      }
    }
    assertEquals(expected, EventAnomaly.added(before, after));
  }

  @Property(tries = 200)
  void nothingIsAddedToItselfAndEverythingToNothing(@ForAll("anomalies") List<EventAnomaly> l) {
    assertEquals(List.of(), EventAnomaly.added(l, l));
    assertEquals(l, EventAnomaly.added(List.of(), l));
  }

  @Test
  void nullsAreRefusedByName() {
    EventAnomaly a = new EventAnomaly("e1", T, "r");
    assertEquals(
        "after element",
        assertThrows(
                NullPointerException.class,
                () -> EventAnomaly.added(List.of(), Arrays.asList(a, null)))
            .getMessage());
    assertEquals(
        "before",
        assertThrows(NullPointerException.class, () -> EventAnomaly.added(null, List.of()))
            .getMessage());
    assertThrows(NullPointerException.class, () -> a.toJson(null));
  }

  @Test
  void theJsonLineHoldsTheTicketAndTheAnomalyEscaped() throws Exception {
    EventAnomaly a =
        new EventAnomaly("e\"7", T, "severity 'blocker' is not among the severity keys [s1]\n");
    JsonNode n = new ObjectMapper().readTree(a.toJson("T-1"));
    assertEquals(List.of("ticketId", "eventId", "at", "reason"), fieldNames(n));
    assertEquals("T-1", n.get("ticketId").textValue());
    assertEquals(a.eventId(), n.get("eventId").textValue());
    assertEquals(a.at(), Instant.parse(n.get("at").textValue()));
    assertEquals(a.reason(), n.get("reason").textValue());
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
