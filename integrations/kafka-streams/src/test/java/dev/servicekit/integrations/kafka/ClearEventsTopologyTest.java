package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.EventCorrection;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketInput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * The clears ({@code AttributeCleared}, {@code PriorityCleared}) through the topology: the serdes
 * carry them, the clock store keeps them (its snapshot in version 3), and the transitions are the
 * in-process oracle's on a stream of re-targeting tickets out of order and with redeliveries.
 */
class ClearEventsTopologyTest {

  private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

  /** Resolution 1h for urgent (severity s1), 8h otherwise (the matrix default). */
  static SlaPolicySet set() {
    return SlaPolicySet.builder()
        .statuses("new", "open", "pending", "solved")
        .solvedStatuses("solved")
        .defaultPolicy(
            SlaPolicy.builder("p")
                .matrix(
                    PriorityMatrix.builder()
                        .cell("s1", "gold", "urgent")
                        .defaultPriority("normal")
                        .build())
                .target("urgent", SlaMetric.resolution(), Duration.ofHours(1))
                .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
                .build())
        .build();
  }

  static List<TicketEvent> stream(long seed, int tickets) {
    Random r = new Random(seed);
    List<TicketEvent> events = new ArrayList<>();
    for (int i = 0; i < tickets; i++) {
      String t = "T-" + i;
      Instant at = START.plusSeconds(r.nextInt(24 * 3600));
      Map<String, String> attrs =
          r.nextBoolean() ? Map.of("severity", "s1", "tier", "gold") : Map.of("tier", "gold");
      events.add(TicketEvent.Created.byCustomer(t, t + "-c", at, attrs, Set.of()));
      int n = 3 + r.nextInt(8);
      for (int k = 0; k < n; k++) {
        at = at.plusSeconds(60 + r.nextInt(40 * 60));
        String id = String.format("%s-%02d", t, k);
        events.add(
            switch (r.nextInt(6)) {
              case 0 -> new TicketEvent.AttributeChanged(t, id, at, "severity", "s1");
              case 1 -> new TicketEvent.AttributeCleared(t, id, at, "severity");
              case 2 ->
                  new TicketEvent.PriorityChanged(t, id, at, r.nextBoolean() ? "urgent" : "normal");
              case 3 -> new TicketEvent.PriorityCleared(t, id, at);
              case 4 -> new TicketEvent.StatusChanged(t, id, at, "pending");
              default -> new TicketEvent.StatusChanged(t, id, at, "open");
            });
      }
    }
    events.sort(TicketEvent.ORDER.thenComparing(TicketEvent::ticketId));
    for (int i = 0; i < events.size(); i++) { // local reordering
      if (r.nextInt(4) == 0) {
        Collections.swap(events, i, Math.min(events.size() - 1, i + 1 + r.nextInt(20)));
      }
    }
    List<TicketEvent> out = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      out.add(events.get(i));
      if (r.nextInt(30) == 0 && i > 5) {
        out.add(events.get(i - r.nextInt(5))); // a redelivery
      }
    }
    return out;
  }

  @Test
  void theSerdesCarryTheClears() {
    var events = ServicekitSerdes.ticketEvents();
    var inputs = ServicekitSerdes.ticketInputs();
    for (TicketEvent e :
        List.of(
            new TicketEvent.AttributeCleared("T-1", "a", START, "severity"),
            new TicketEvent.PriorityCleared("T-1", "p", START))) {
      assertEquals(
          e, events.deserializer().deserialize("t", events.serializer().serialize("t", e)));
      TicketInput in = EventCorrection.replace(e);
      assertEquals(
          in, inputs.deserializer().deserialize("t", inputs.serializer().serialize("t", in)));
    }
  }

  @Test
  void topologyTransitionsOnClearsAreTheInProcessOnes() {
    SlaPolicySet set = set();
    List<TicketEvent> events = stream(7L, 300);
    Instant end = START.plus(Duration.ofDays(3));
    SlaFixtures.InProcess oracle = new SlaFixtures.InProcess(set);
    Map<String, List<SlaTransition>> viaKafka = new HashMap<>();
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(SlaClockTopology.builder(set, Map.of()).build())) {
      var in = SlaClockTopologyTest.in(d);
      var out = SlaClockTopologyTest.out(d);
      for (TicketEvent e : events) {
        SlaClockTopologyTest.pipe(in, e);
        oracle.accept(e);
      }
      TicketEvent tick = TicketEvent.Created.byCustomer("zz", "zz", end, Map.of(), Set.of());
      SlaClockTopologyTest.pipe(in, tick);
      oracle.accept(tick);
      for (SlaTransition t : out.readValuesToList()) {
        viaKafka.computeIfAbsent(t.ticketId(), k -> new ArrayList<>()).add(t);
      }
      // the clock store's values hold the clears: each ticket's stored clock is its events' clock
      var store = SlaRetentionTopologyTest.clocks(d);
      Map<String, List<TicketEvent>> byTicket = new HashMap<>();
      for (TicketEvent e : events) {
        byTicket.computeIfAbsent(e.ticketId(), k -> new ArrayList<>()).add(e);
      }
      for (Map.Entry<String, List<TicketEvent>> en : byTicket.entrySet()) {
        SlaClock stored =
            SlaClockTopology.clockOf(store.get(en.getKey()), set, Map.of()).orElseThrow();
        SlaClock fresh = SlaClock.of(set, Map.of(), en.getKey());
        en.getValue().forEach(fresh::accept);
        assertEquals(fresh.events(), stored.events(), en.getKey());
        assertEquals(fresh.evaluate(end), stored.evaluate(end), en.getKey());
      }
    }
    assertEquals(oracle.out.keySet(), viaKafka.keySet());
    int breached = 0;
    for (String t : oracle.out.keySet()) {
      assertEquals(oracle.out.get(t), viaKafka.get(t), t);
      breached +=
          (int)
              viaKafka.get(t).stream().filter(x -> x.kind() == SlaTransition.Kind.BREACHED).count();
    }
    assertTrue(breached > 10, "the urgent target is reached on some tickets: " + breached);
  }
}
