package dev.servicekit.sla.internal.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.MetricRule;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.ReopenRule;
import dev.servicekit.sla.RetargetRule;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What {@link ClockEngine#nextTransition} costs, counted in cycles measured ({@link
 * ClockEngine#transitionVisits()}), not timed: it used to visit every cycle the ticket ever started
 * (a next reply cycle per customer message), so a handler reading it after each event of a long
 * ticket was quadratic; it now measures only the open ones, also after a solved ticket's resolution
 * cycle resumes on a reopen.
 */
class NextTransitionCostTest {

  private static final Instant CREATED = Instant.parse("2026-03-02T09:00:00Z");

  private static ClockEngine engine() {
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("open", "solved")
            .solvedStatuses("solved")
            .resolutionReopen(ReopenRule.RESUME)
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
                    .target("normal", SlaMetric.nextResponse(), Duration.ofHours(2))
                    .target("normal", SlaMetric.resolution(), Duration.ofDays(400))
                    .build())
            .build();
    ClockEngine e = new ClockEngine(ClockPlan.of(set, Map.of()), "T");
    e.apply(TicketEvent.Created.byCustomer("T", "c", CREATED, Map.of(), Set.of()));
    return e;
  }

  @Test
  void readAfterEachEventMeasuresOnlyTheOpenCycles() {
    ClockEngine e = engine();
    int reads = 0;
    Instant t = CREATED;
    for (int i = 0; i < 500; i++) {
      t = t.plusSeconds(60);
      e.apply(TicketEvent.AgentReply.publicReply("T", String.format("r%04d", i), t));
      e.nextTransition(t);
      t = t.plusSeconds(60);
      e.apply(new TicketEvent.CustomerMessage("T", String.format("m%04d", i), t));
      e.nextTransition(t);
      reads += 2;
    }
    // first reply, resolution and 500 next replies (the last one open)
    assertEquals(502, e.capture(t).derive().cycles().size());
    // a few open cycles per read (2,500 in all), not every cycle started so far, the untargeted
    // periodic update ones too (502,500 before the index of open cycles)
    assertTrue(e.transitionVisits() <= 3L * reads, "visited " + e.transitionVisits());
  }

  @Test
  void aCycleOpenAcrossManyPausesIsNotDerivedFromItsStartAtEveryRead() {
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("open", "pending", "solved")
            .solvedStatuses("solved")
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", SlaMetric.resolution(), Duration.ofHours(100))
                    .rule(MetricRule.builder(SlaMetric.resolution()).pauseOn("pending").build())
                    .build())
            .build();
    int events = 2000; // the resolution cycle pauses and resumes 1,000 times
    long[] derived = new long[2];
    @SuppressWarnings("unchecked")
    java.util.List<Optional<Instant>>[] nexts = new java.util.List[2];
    for (int k = 0; k < 2; k++) {
      // k = 0: the closed prefix is kept from 16 segments on; k = 1: never (as before s12long)
      ClockEngine.runFromSegmentsForTests(k == 0 ? 16 : Integer.MAX_VALUE);
      ClockEngine.forgetThreadCaches();
      try {
        ClockEngine e = new ClockEngine(ClockPlan.of(set, Map.of()), "T");
        e.apply(TicketEvent.Created.byCustomer("T", "c", CREATED, Map.of(), Set.of()));
        nexts[k] = new java.util.ArrayList<>();
        Instant t = CREATED;
        for (int i = 0; i < events; i++) {
          t = t.plusSeconds(60);
          String status = i % 2 == 0 ? "pending" : "open";
          e.apply(new TicketEvent.StatusChanged("T", String.format("s%05d", i), t, status));
          nexts[k].add(e.nextTransition(t));
        }
        derived[k] = ClockEngine.segmentsDerived();
      } finally {
        ClockEngine.runFromSegmentsForTests(16);
      }
    }
    assertEquals(nexts[1], nexts[0]);
    // A few segments per read (the last one and the new ones), not the 1,000 the cycle has by the
    // end: about 500,000 in all when every read derived the cycle from its start.
    assertTrue(derived[0] <= 3L * events, "derived " + derived[0]);
    assertTrue(derived[1] > 100L * events, "from the start: derived " + derived[1]);
  }

  @Test
  void aResolutionResumedBehindStoppedCyclesIsStillMeasured() {
    ClockEngine e = engine();
    Instant t = CREATED;
    for (int i = 0; i < 50; i++) {
      t = t.plusSeconds(60);
      e.apply(TicketEvent.AgentReply.publicReply("T", String.format("r%04d", i), t));
      t = t.plusSeconds(60);
      e.apply(new TicketEvent.CustomerMessage("T", String.format("m%04d", i), t));
    }
    t = t.plusSeconds(60);
    e.apply(TicketEvent.AgentReply.publicReply("T", "r9999", t));
    e.apply(new TicketEvent.StatusChanged("T", "s1", t, "solved"));
    assertEquals(Optional.empty(), e.nextTransition(t)); // nothing open: the index is emptied
    Instant reopened = t.plusSeconds(60);
    e.capture(reopened); // shared: the resumed cycle is a copy that replaces the stopped one
    e.apply(new TicketEvent.StatusChanged("T", "s2", reopened, "open"));
    Optional<Instant> next = e.nextTransition(reopened);
    assertEquals(e.capture(reopened).derive().nextTransition(), next);
    assertTrue(next.isPresent(), "the resumed resolution cycle runs again");
  }

  @Test
  void aReattachUndoneWithinItsInstantReopensTheCancelledCyclesForTheNextRead() {
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("open", "solved")
            .solvedStatuses("solved")
            .retargetRule(RetargetRule.CANCEL_AND_REATTACH)
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
                    .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
                    .target("urgent", SlaMetric.firstResponse(), Duration.ofMinutes(30))
                    .target("urgent", SlaMetric.resolution(), Duration.ofHours(4))
                    .build())
            .build();
    ClockEngine e = new ClockEngine(ClockPlan.of(set, Map.of()), "T");
    e.apply(TicketEvent.Created.byCustomer("T", "c", CREATED, Map.of(), Set.of()));
    Instant t = CREATED.plusSeconds(600);
    e.apply(new TicketEvent.PriorityChanged("T", "p1", t, "urgent")); // cancels and re-attaches
    e.nextTransition(t); // the read drops the cancelled cycles from the index of open ones
    e.apply(new TicketEvent.PriorityChanged("T", "p2", t, "normal")); // back within the instant
    Optional<Instant> next = e.nextTransition(t);
    assertEquals(e.capture(t).derive().nextTransition(), next);
    // first reply breached after 10:00, the normal target it ran under before the instant
    assertEquals(Optional.of(CREATED.plusSeconds(3600).plusNanos(1)), next);
  }
}
