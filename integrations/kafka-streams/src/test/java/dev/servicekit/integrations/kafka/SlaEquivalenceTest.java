package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * The proof for SLA clocks: a generated stream of 100k+ events (out of order, duplicated, tickets
 * interleaved over several days) gives, through the topology, exactly the transitions of the
 * in-process oracle, and each ticket's final cycle states equal the cores' batch evaluation.
 */
class SlaEquivalenceTest {

  static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

  /** Tickets created over three days; each 8-30 events; 2% duplicates; local reordering. */
  static List<TicketEvent> stream(long seed, int tickets) {
    Random r = new Random(seed);
    List<TicketEvent> events = new ArrayList<>();
    for (int i = 0; i < tickets; i++) {
      String t = "T-" + i;
      Instant at = START.plusSeconds(r.nextInt(3 * 24 * 3600));
      events.add(TicketEvent.Created.byCustomer(t, t + "-c", at, Map.of(), Set.of()));
      int n = 7 + r.nextInt(23);
      for (int k = 0; k < n; k++) {
        at = at.plusSeconds(60 + r.nextInt(r.nextInt(10) == 0 ? 4 * 3600 : 40 * 60));
        String id = t + "-" + k;
        int kind = r.nextInt(10);
        TicketEvent e;
        if (k == n - 1) {
          e = new TicketEvent.StatusChanged(t, id, at, "solved");
        } else if (kind < 3) {
          e =
              (r.nextInt(5) > 0
                  ? TicketEvent.AgentReply.publicReply(t, id, at)
                  : TicketEvent.AgentReply.internalNote(t, id, at));
        } else if (kind < 6) {
          e = new TicketEvent.CustomerMessage(t, id, at);
        } else if (kind < 8) {
          e = new TicketEvent.StatusChanged(t, id, at, r.nextBoolean() ? "pending" : "open");
        } else {
          e = new TicketEvent.Assigned(t, id, at, "agent-" + r.nextInt(200));
        }
        events.add(e);
      }
    }
    events.sort(TicketEvent.ORDER.thenComparing(TicketEvent::ticketId));
    // Out of order: swap neighbours within a window of up to 50 positions (minutes to hours).
    for (int i = 0; i < events.size(); i++) {
      if (r.nextInt(4) == 0) {
        int j = Math.min(events.size() - 1, i + 1 + r.nextInt(50));
        TicketEvent x = events.get(i);
        events.set(i, events.get(j));
        events.set(j, x);
      }
    }
    // Duplicates: redeliveries a little later in the stream.
    List<TicketEvent> out = new ArrayList<>(events.size() * 51 / 50);
    for (int i = 0; i < events.size(); i++) {
      out.add(events.get(i));
      if (r.nextInt(50) == 0 && i > 10) {
        out.add(events.get(i - r.nextInt(10)));
      }
    }
    return out;
  }

  @Test
  void topologyEmitsExactlyTheInProcessTransitionsOnAHundredThousandEvents() {
    List<TicketEvent> events = stream(18L, 5_600);
    assertTrue(events.size() >= 100_000, "events: " + events.size());
    Instant end = START.plus(Duration.ofDays(6));
    TicketEvent tick = TicketEvent.Created.byCustomer("zz-clock", "zz", end, Map.of(), Set.of());

    SlaFixtures.InProcess oracle = new SlaFixtures.InProcess(SlaFixtures.policySet());
    Map<String, List<SlaTransition>> viaKafka = new HashMap<>();
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(SlaClockTopologyTest.topology().inMemoryStores(true).build())) {
      var in = SlaClockTopologyTest.in(d);
      var out = SlaClockTopologyTest.out(d);
      for (TicketEvent e : events) {
        SlaClockTopologyTest.pipe(in, e);
        oracle.accept(e);
      }
      SlaClockTopologyTest.pipe(in, tick); // moves stream time to the end: every timer fires
      oracle.accept(tick);
      for (SlaTransition t : out.readValuesToList()) {
        viaKafka.computeIfAbsent(t.ticketId(), k -> new ArrayList<>()).add(t);
      }
    }
    assertEquals(oracle.out.keySet(), viaKafka.keySet());
    long transitions = 0;
    Map<SlaTransition.Kind, Integer> byKind = new HashMap<>();
    for (String t : oracle.out.keySet()) {
      assertEquals(oracle.out.get(t), viaKafka.get(t), t);
      transitions += viaKafka.get(t).size();
      viaKafka.get(t).forEach(x -> byKind.merge(x.kind(), 1, Integer::sum));
    }
    // The stream exercises every kind the policy can produce.
    for (SlaTransition.Kind k :
        List.of(
            SlaTransition.Kind.STARTED,
            SlaTransition.Kind.WARNING,
            SlaTransition.Kind.BREACHED,
            SlaTransition.Kind.ACHIEVED,
            SlaTransition.Kind.PAUSED,
            SlaTransition.Kind.RESUMED)) {
      assertTrue(byKind.getOrDefault(k, 0) > 100, k + ": " + byKind);
    }
    assertTrue(transitions > 50_000, "transitions: " + transitions);

    // Independent of both: the last transition of every cycle is the batch evaluation's state.
    Map<String, List<TicketEvent>> byTicket = new HashMap<>();
    for (TicketEvent e : events) {
      byTicket.computeIfAbsent(e.ticketId(), k -> new ArrayList<>()).add(e);
    }
    for (Map.Entry<String, List<TicketEvent>> e : byTicket.entrySet()) {
      SlaEvaluation batch =
          SlaClock.evaluate(
              SlaFixtures.policySet(),
              SlaFixtures.CALENDARS,
              new ArrayList<>(new LinkedHashSet<>(e.getValue())),
              end);
      Map<String, CycleState> folded = fold(viaKafka.get(e.getKey()));
      Map<String, CycleState> expected = new HashMap<>();
      for (MetricCycle c : batch.cycles()) {
        expected.put(c.metric() + "/" + c.cycle(), c.state());
      }
      assertEquals(expected, folded, e.getKey());
    }
  }

  private static Map<String, CycleState> fold(List<SlaTransition> ts) {
    Map<String, CycleState> m = new HashMap<>();
    for (SlaTransition t : ts) {
      String id = t.metric() + "/" + t.cycle();
      switch (t.kind()) {
        case STARTED, RESUMED -> m.put(id, CycleState.ACTIVE);
        case PAUSED -> m.put(id, CycleState.PAUSED);
        case BREACHED -> m.put(id, CycleState.BREACHED);
        case ACHIEVED -> m.put(id, CycleState.ACHIEVED);
        case CANCELLED -> m.put(id, CycleState.CANCELLED);
        case WARNING -> {}
      }
    }
    return m;
  }
}
