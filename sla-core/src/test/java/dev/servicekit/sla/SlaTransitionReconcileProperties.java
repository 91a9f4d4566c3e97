package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link SlaTransition#reconcile}: a consumer that keeps the last transition per cycle, fed {@link
 * SlaTransition#from} of one evaluation and then {@code reconcile} to a later evaluation of the
 * corrected clock, holds that evaluation's state, warning and escalation for every cycle, and a
 * cancelled cycle with neither for each cycle the correction took away. {@link
 * SlaTransition#between} reports rises only and leaves such a consumer behind after a correction:
 * the properties below check that it does so somewhere, so that the law is not met by accident.
 * Histories: {@link SlaClockCorrectionProperties}' cases (shuffled arrival, every set variant).
 */
class SlaTransitionReconcileProperties {

  private final SlaClockCorrectionProperties corrections = new SlaClockCorrectionProperties();

  @Provide
  Arbitrary<SlaClockCorrectionProperties.Case> cases() {
    return corrections.cases();
  }

  /** The last transition per cycle id after {@code transitions}, on top of {@code into}. */
  private static void fold(Map<String, SlaTransition> into, List<SlaTransition> transitions) {
    for (SlaTransition t : transitions) {
      into.put(t.metric() + "#" + t.cycle(), t);
    }
  }

  /** Whether the folded transitions hold {@code ev}'s figures and withdraw what it lacks. */
  private static String mismatch(Map<String, SlaTransition> last, SlaEvaluation ev) {
    Set<String> ids = new HashSet<>();
    for (MetricCycle c : ev.cycles()) {
      ids.add(c.id());
      SlaTransition t = last.get(c.id());
      if (t == null) {
        return c.id() + " has no transition";
      }
      if (!t.state().equals(java.util.Optional.of(c.state()))
          || t.warningPercent() != c.warningPercent()
          || SlaTransition.level(t.escalation()) != SlaTransition.level(c.escalation())
          || !t.key().equals(c.key())
          // while paused the deadline is "due if resumed now": it moves with the evaluation
          || (c.state() != CycleState.PAUSED && !t.deadline().equals(c.deadline()))) {
        return c.id() + " is " + c + " but its last transition is " + t;
      }
    }
    for (Map.Entry<String, SlaTransition> e : last.entrySet()) {
      SlaTransition t = e.getValue();
      if (!ids.contains(e.getKey())
          && !(t.kind() == SlaTransition.Kind.CANCELLED
              && t.warningPercent() == 0
              && t.escalation().isEmpty())) {
        return e.getKey() + " is gone but its last transition is " + t;
      }
    }
    return null;
  }

  private static int betweenFellBehind;

  @Property(tries = 200)
  void foldingReconcileOverAnEvaluationEndsInTheCorrectedOne(
      @ForAll("cases") SlaClockCorrectionProperties.Case c) {
    List<TicketEvent> events = c.history().events();
    Random r = new Random(c.seed());
    SlaClock clock = Fixtures.clock(c.set(), "T");
    events.forEach(clock::accept);
    Instant t1 = c.history().last();
    SlaEvaluation before = clock.evaluate(t1);
    // a correction: one event other than the creation retracted, or re-stamped later
    List<TicketEvent> others = new ArrayList<>();
    for (TicketEvent e : events) {
      if (!(e instanceof TicketEvent.Created)) {
        others.add(e);
      }
    }
    if (!others.isEmpty()) {
      TicketEvent e = others.get(r.nextInt(others.size()));
      if (r.nextBoolean()) {
        clock.retract(e.id());
      } else {
        clock.replace(
            new TicketEvent.CustomerMessage("T", e.id(), e.at().plus(Duration.ofMinutes(7))));
      }
    }
    Instant t2 = r.nextInt(3) == 0 ? t1 : t1.plus(Duration.ofMinutes(r.nextInt(600)));
    SlaEvaluation after = clock.evaluate(t2);
    Map<String, SlaTransition> last = new LinkedHashMap<>();
    fold(last, SlaTransition.from(before));
    assertEquals(null, mismatch(last, before));
    Map<String, SlaTransition> viaBetween = new LinkedHashMap<>(last);
    fold(last, SlaTransition.reconcile(before, after));
    assertEquals(null, mismatch(last, after));
    fold(viaBetween, SlaTransition.between(before, after));
    if (mismatch(viaBetween, after) != null) {
      betweenFellBehind++;
    }
    // nothing more to say once reconciled
    assertEquals(List.of(), SlaTransition.reconcile(after, after));
  }

  @Test
  void betweenFallsBehindAfterACorrectionAtLeastOnceInTheseCases() {
    // the property above over the same generator (a fixed number of seeds), counting the cases in
    // which between alone leaves the consumer behind: reconcile exists for them
    betweenFellBehind = 0;
    Random seeds = new Random(17);
    for (int i = 0; i < 150; i++) {
      SlaClockProperties.History h = SlaClockProperties.history(seeds.nextLong(), 20);
      foldingReconcileOverAnEvaluationEndsInTheCorrectedOne(
          new SlaClockCorrectionProperties.Case(h, h.set(), seeds.nextLong()));
    }
    assertTrue(betweenFellBehind > 0, "between never fell behind: the law checks nothing new");
  }

  @Test
  void aRetractedReplyRestatesTheBreachItHadCaused() {
    Instant t0 = Instant.parse("2026-03-02T09:00:00Z");
    SlaClock clock = SlaClock.of(firstReplyInAnHour(), Map.of(), "T");
    clock.accept(TicketEvent.Created.byCustomer("T", "c", t0, Map.of(), Set.of()));
    clock.accept(TicketEvent.AgentReply.publicReply("T", "r", t0.plus(Duration.ofHours(2))));
    SlaEvaluation before = clock.evaluate(t0.plus(Duration.ofHours(3)));
    // the reply was sent to the wrong ticket: re-stamped to 30 min after creation
    clock.replace(TicketEvent.AgentReply.publicReply("T", "r", t0.plus(Duration.ofMinutes(30))));
    SlaEvaluation after = clock.evaluate(t0.plus(Duration.ofHours(3)));
    assertEquals(CycleState.BREACHED, before.cycles().get(0).state());
    assertEquals(CycleState.ACHIEVED, after.cycles().get(0).state());
    List<SlaTransition> t = SlaTransition.reconcile(before, after);
    assertEquals(1, t.size(), t::toString);
    assertEquals(SlaTransition.Kind.ACHIEVED, t.get(0).kind());
    assertEquals(0, t.get(0).warningPercent());
    assertNotNull(t.get(0).state());
  }

  @Test
  void evaluationsOfTwoTicketsAreRefused() {
    SlaPolicySet set = firstReplyInAnHour();
    Instant t0 = Instant.parse("2026-03-02T09:00:00Z");
    SlaClock a = SlaClock.of(set, Map.of(), "A");
    a.accept(TicketEvent.Created.byCustomer("A", "c", t0, Map.of(), Set.of()));
    SlaClock b = SlaClock.of(set, Map.of(), "B");
    b.accept(TicketEvent.Created.byCustomer("B", "c", t0, Map.of(), Set.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> SlaTransition.reconcile(a.evaluate(t0), b.evaluate(t0)));
  }

  private static SlaPolicySet firstReplyInAnHour() {
    return SlaPolicySet.builder()
        .statuses("open", "solved")
        .solvedStatuses("solved")
        .defaultPolicy(
            SlaPolicy.builder("p")
                .matrix(PriorityMatrix.constant("normal"))
                .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
                .build())
        .build();
  }
}
