package dev.servicekit.sla.internal.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What numbering the built-in answer time's calls in call-id order costs, counted in renumbered
 * cycles ({@link ClockEngine#callsRenumbered()}), not timed: k calls offered at one instant with
 * call ids descending as their event ids ascend used to renumber every earlier call of the instant
 * at each offer, k(k-1)/2 copies (12,497,500 for 5,000); they are now sorted once when the instant
 * ends or the engine is read.
 */
class CallNumberingCostTest {

  private static final Instant CREATED = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant AT = CREATED.plus(Duration.ofHours(1));

  private static ClockEngine engine() {
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("open", "solved")
            .solvedStatuses("solved")
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", SlaMetric.answerTime(), Duration.ofMinutes(1))
                    .build())
            .build();
    ClockEngine e = new ClockEngine(ClockPlan.of(set, Map.of()), "T");
    e.apply(TicketEvent.Created.byCustomer("T", "c", CREATED, Map.of(), Set.of()));
    return e;
  }

  private static void offer(ClockEngine e, int k, Instant at) {
    for (int i = 0; i < k; i++) {
      e.apply(
          new TicketEvent.CallOffered(
              "T",
              String.format(Locale.ROOT, "o%05d", i),
              at,
              String.format(Locale.ROOT, "call-%05d", k - 1 - i)));
    }
  }

  @Test
  void callsOfOneInstantInDescendingCallIdOrderAreRenumberedOnceEach() {
    int k = 5_000;
    ClockEngine e = engine();
    offer(e, k, AT);
    List<MetricCycle> calls = e.capture(AT.plusSeconds(5)).derive().cycles();
    assertEquals(k, e.callsRenumbered()); // every call but none twice (was k(k-1)/2)
    assertEquals(k, calls.size());
    for (int i = 0; i < k; i++) {
      assertEquals(i, calls.get(i).cycle());
      assertEquals(String.format(Locale.ROOT, "call-%05d", i), calls.get(i).key());
    }
  }

  @Test
  void theInstantIsSortedWhenTheNextInstantBeginsAndCallsInOrderAreNotRenumbered() {
    int k = 7;
    ClockEngine e = engine();
    offer(e, k, AT); // descending: sorted when the next instant begins
    for (int i = 0; i < 3; i++) { // ascending: in order as they come
      e.apply(
          new TicketEvent.CallOffered(
              "T", "p" + i, AT.plusSeconds(1), String.format(Locale.ROOT, "later-%d", i)));
    }
    assertEquals(k - 1, e.callsRenumbered()); // the middle one of 7 keeps its number
    List<MetricCycle> calls = e.capture(AT.plusSeconds(2)).derive().cycles();
    assertEquals(k - 1, e.callsRenumbered());
    for (int i = 0; i < k + 3; i++) {
      assertEquals(i, calls.get(i).cycle());
    }
    assertEquals("call-00000", calls.get(0).key());
    assertEquals("later-2", calls.get(k + 2).key());
  }
}
