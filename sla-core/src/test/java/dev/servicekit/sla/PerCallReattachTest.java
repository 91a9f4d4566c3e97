package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Per-call cycles under {@link RetargetRule#CANCEL_AND_REATTACH}: a priority change while calls
 * ring cancels each call's answer time under the old target and attaches a new cycle for the same
 * call under the new one, like every other running cycle; the built-in answer time and {@link
 * MetricDefinition#answerTime} agree. A call's new cycle starts at the change ({@code AT_CHANGE}),
 * or where the call's cancelled cycle started ({@code AT_CANCELLED_START}, and {@code AT_CREATION}
 * too: a call's cycle measures the call, never the time before it was offered).
 *
 * <p>Scenario: an incident created at 09:00 (priority 3, answer target 60 s) has two calls offered
 * at 11:59:30, "call-2" with the smaller event id; at 12:00 it becomes priority 1 (answer target 20
 * s); call-1 is answered at 12:00:05 and call-2 is still ringing at 12:01. Breaches are reached
 * just after the deadline (the default {@link BreachRule#AFTER_DEADLINE}).
 */
class PerCallReattachTest {

  private static final Instant CREATED = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant CHANGED = Instant.parse("2026-03-02T12:00:00Z");
  private static final Instant OFFERED = CHANGED.minusSeconds(30);
  private static final Instant NOW = CHANGED.plusSeconds(60);
  private static final SlaMetric ANSWER = SlaMetric.custom("answer");

  static SlaPolicySet set(ReattachStart start) {
    SlaPolicy.Builder p =
        SlaPolicy.builder("incident")
            .matrix(
                PriorityMatrix.builder().cell("1", "1", "1-critical").defaultPriority("3").build());
    for (SlaMetric m : List.of(SlaMetric.answerTime(), ANSWER)) {
      p.target("3", m, Duration.ofSeconds(60)).target("1-critical", m, Duration.ofSeconds(20));
    }
    return Fixtures.statusModel()
        .metric(MetricDefinition.answerTime("answer"))
        .retargetRule(RetargetRule.CANCEL_AND_REATTACH)
        .reattachStart(start)
        .defaultPolicy(p.build())
        .build();
  }

  static List<TicketEvent> calls() {
    return List.of(
        TicketEvent.Created.byCustomer("INC1", "c", CREATED, Map.of(), Set.of()),
        new TicketEvent.CallOffered("INC1", "o1", OFFERED, "call-2"),
        new TicketEvent.CallOffered("INC1", "o2", OFFERED, "call-1"),
        new TicketEvent.PriorityChanged("INC1", "p", CHANGED, "1-critical"),
        new TicketEvent.CallAnswered("INC1", "a", CHANGED.plusSeconds(5), "call-1"));
  }

  @Test
  void aPriorityChangeCancelsEachRingingCallAndAttachesANewCycleForTheSameCallAtTheChange() {
    SlaEvaluation e = Fixtures.eval(set(ReattachStart.AT_CHANGE), calls(), NOW);
    List<MetricCycle> a = e.cycles(SlaMetric.answerTime());
    assertEquals(4, a.size(), a.toString());
    // cancelled under the old 60 s target after 30 s of ringing, numbered in call-id order
    for (int i = 0; i < 2; i++) {
      MetricCycle old = a.get(i);
      assertEquals(i, old.cycle());
      assertEquals("call-" + (i + 1), old.key());
      assertEquals(CycleState.CANCELLED, old.state());
      assertEquals(Optional.of(CHANGED), old.stop());
      assertEquals(Optional.of(Duration.ofSeconds(60)), old.target());
      assertEquals(Duration.ofSeconds(30), old.elapsed());
    }
    // attached at the change under the new 20 s target, in the order of the calls they replace
    MetricCycle answered = a.get(2);
    assertEquals(2, answered.cycle());
    assertEquals("call-1", answered.key());
    assertEquals(CHANGED, answered.start());
    assertEquals(CycleState.ACHIEVED, answered.state());
    assertEquals(Optional.of(Duration.ofSeconds(20)), answered.target());
    assertEquals(Duration.ofSeconds(5), answered.elapsed());
    MetricCycle ringing = a.get(3);
    assertEquals(3, ringing.cycle());
    assertEquals("call-2", ringing.key());
    assertEquals(CHANGED, ringing.start());
    assertEquals(CycleState.BREACHED, ringing.state());
    assertEquals(Optional.of(CHANGED.plusSeconds(20).plusNanos(1)), ringing.breachedAt());
    assertEquals(twin(e), a);
  }

  @Test
  void aRetroactiveStartAttachesTheCallsNewCycleFromTheCallsOwnStart() {
    for (ReattachStart start :
        List.of(ReattachStart.AT_CANCELLED_START, ReattachStart.AT_CREATION)) {
      SlaEvaluation e = Fixtures.eval(set(start), calls(), NOW);
      List<MetricCycle> a = e.cycles(SlaMetric.answerTime());
      assertEquals(4, a.size(), a.toString());
      MetricCycle answered = a.get(2);
      assertEquals("call-1", answered.key());
      assertEquals(OFFERED, answered.start(), start.toString()); // not the ticket's creation
      assertEquals(Duration.ofSeconds(35), answered.elapsed());
      // 20 s from the offer: breached at 11:59:50, before the attach
      assertEquals(CycleState.BREACHED, answered.state());
      assertEquals(Optional.of(OFFERED.plusSeconds(20).plusNanos(1)), answered.breachedAt());
      MetricCycle ringing = a.get(3);
      assertEquals("call-2", ringing.key());
      assertEquals(OFFERED, ringing.start());
      assertEquals(Optional.of(OFFERED.plusSeconds(20).plusNanos(1)), ringing.breachedAt());
      assertEquals(twin(e), a, start.toString());
    }
  }

  @Test
  void aSecondChangeReattachesTheReattachedCallAgainKeepingTheCallsFirstStart() {
    List<TicketEvent> h = new ArrayList<>(calls());
    h.add(new TicketEvent.PriorityChanged("INC1", "q", CHANGED.plusSeconds(10), "3"));
    SlaEvaluation e = Fixtures.eval(set(ReattachStart.AT_CANCELLED_START), h, NOW);
    List<MetricCycle> a = e.cycles(SlaMetric.answerTime());
    assertEquals(5, a.size(), a.toString());
    MetricCycle last = a.get(4);
    assertEquals(4, last.cycle());
    assertEquals("call-2", last.key());
    assertEquals(OFFERED, last.start());
    assertEquals(Optional.of(Duration.ofSeconds(60)), last.target());
    assertEquals(CycleState.BREACHED, last.state()); // rang 90 s by 12:01
    assertEquals(Optional.of(OFFERED.plusSeconds(60).plusNanos(1)), last.breachedAt());
    assertEquals(CycleState.BREACHED, a.get(3).state()); // 40 s against 20 s when cancelled
    assertEquals(twin(e), a);
  }

  @Test
  void callsOfferedAtTheChangeStartUnderTheNewTargetAndAreNotReattached() {
    List<TicketEvent> h = new ArrayList<>(calls());
    h.add(new TicketEvent.CallOffered("INC1", "o0", CHANGED, "call-0"));
    SlaEvaluation e = Fixtures.eval(set(ReattachStart.AT_CHANGE), h, NOW);
    List<MetricCycle> a = e.cycles(SlaMetric.answerTime());
    assertEquals(5, a.size(), a.toString());
    // the re-attached calls come first (2, 3), then call-0, offered after the update took effect
    assertEquals(List.of("call-1", "call-2", "call-1", "call-2", "call-0"), keys(a));
    assertEquals(CHANGED, a.get(4).start());
    assertEquals(Optional.of(Duration.ofSeconds(20)), a.get(4).target());
    assertEquals(twin(e), a);
  }

  @Test
  void theAuditTrailNamesThePriorityChangeAsTheAttachedCallsOpener() {
    SlaClock clock = Fixtures.clock(set(ReattachStart.AT_CHANGE), "INC1");
    calls().forEach(clock::accept);
    List<CycleSegment> trail = clock.auditTrail(SlaMetric.answerTime(), 3, NOW);
    assertEquals("p", trail.get(0).openedBy());
    List<CycleSegment> twinTrail = clock.auditTrail(ANSWER, 3, NOW);
    assertEquals("p", twinTrail.get(0).openedBy());
  }

  private static List<String> keys(List<MetricCycle> cycles) {
    return cycles.stream().map(MetricCycle::key).toList();
  }

  /** The definition's cycles, as the built-in's. */
  private static List<MetricCycle> twin(SlaEvaluation e) {
    return e.cycles(ANSWER).stream().map(m -> Mirrors.as(SlaMetric.answerTime(), m)).toList();
  }
}
