package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Call answer time as a ready-made definition ({@link MetricDefinition#answerTime}, {@link
 * MetricDefinition.Cycles#PER_CALL}): worked examples beside the built-in; the differential proof
 * on random histories is {@code BuiltInDefinitionDifferentialProperties}.
 */
class PerCallDefinitionTest {

  private static Instant at(int hh, int mm, int ss) {
    return Fixtures.mon(hh, mm).plusSeconds(ss);
  }

  private static SlaPolicySet set(MetricDefinition def) {
    return Fixtures.statusModel()
        .metric(def)
        .defaultPolicy(
            SlaPolicy.builder("phone")
                .matrix(PriorityMatrix.constant("normal"))
                .target("normal", SlaMetric.answerTime(), Duration.ofSeconds(20))
                .target("normal", def.metric(), Duration.ofSeconds(20))
                .build())
        .build();
  }

  private static SlaEvaluation run(SlaPolicySet set, Instant now, TicketEvent... events) {
    SlaClock c = Fixtures.clock(set, "T");
    for (TicketEvent e : events) {
      c.accept(e);
    }
    return c.evaluate(now);
  }

  /**
   * Two calls ring at once: one is answered after 15 s (achieved), the other abandoned after 30 s
   * (breached at 20 s), a third is cut off by solving while it rings after 5 s (cancelled). The
   * definition gives the built-in's cycles, keyed by call id.
   */
  @Test
  void eachCallHasItsOwnCycleKeyedByItsCallId() {
    MetricDefinition def = MetricDefinition.answerTime("answer");
    SlaEvaluation e =
        run(
            set(def),
            at(10, 0, 0),
            new TicketEvent.Created("T", "c", at(9, 0, 0), Map.of(), Set.of()),
            new TicketEvent.CallOffered("T", "o1", at(9, 10, 0), "call-1"),
            new TicketEvent.CallOffered("T", "o2", at(9, 10, 5), "call-2"),
            new TicketEvent.CallAnswered("T", "a1", at(9, 10, 15), "call-1"),
            new TicketEvent.CallAbandoned("T", "x2", at(9, 10, 35), "call-2"),
            new TicketEvent.CallOffered("T", "o3", at(9, 20, 0), "call-3"),
            new TicketEvent.StatusChanged("T", "s", at(9, 20, 5), "solved"));
    List<MetricCycle> twin = e.cycles(SlaMetric.custom("answer"));
    assertEquals(3, twin.size());
    assertEquals("call-1", twin.get(0).key());
    assertEquals(CycleState.ACHIEVED, twin.get(0).state());
    assertEquals(Duration.ofSeconds(15), twin.get(0).elapsed());
    assertEquals("call-2", twin.get(1).key());
    assertEquals(CycleState.BREACHED, twin.get(1).state());
    assertEquals(at(9, 10, 25).plusNanos(1), twin.get(1).breachedAt().orElseThrow());
    assertEquals("call-3", twin.get(2).key());
    assertEquals(CycleState.CANCELLED, twin.get(2).state());
    assertEquals(Duration.ofSeconds(5), twin.get(2).elapsed());
    assertEquals(
        e.cycles(SlaMetric.answerTime()),
        twin.stream().map(m -> Mirrors.as(SlaMetric.answerTime(), m)).toList());
  }

  /**
   * A call event for a call that is not ringing is an anomaly and changes no cycle, for the
   * definition as for the built-in; a call offered again after its answer is a new cycle.
   */
  @Test
  void callEventsOutOfTurnChangeNothingAndAnOfferAfterTheAnswerIsANewCycle() {
    SlaEvaluation e =
        run(
            set(MetricDefinition.answerTime("answer")),
            at(10, 0, 0),
            new TicketEvent.Created("T", "c", at(9, 0, 0), Map.of(), Set.of()),
            new TicketEvent.CallAnswered("T", "a0", at(9, 5, 0), "call-1"),
            new TicketEvent.CallOffered("T", "o1", at(9, 10, 0), "call-1"),
            new TicketEvent.CallOffered("T", "o1b", at(9, 10, 2), "call-1"),
            new TicketEvent.CallAnswered("T", "a1", at(9, 10, 4), "call-1"),
            new TicketEvent.CallOffered("T", "o2", at(9, 30, 0), "call-1"));
    List<MetricCycle> twin = e.cycles(SlaMetric.custom("answer"));
    assertEquals(2, twin.size());
    assertEquals(Duration.ofSeconds(4), twin.get(0).elapsed());
    assertEquals(CycleState.BREACHED, twin.get(1).state()); // still ringing, past 20 s
    assertTrue(twin.get(1).stop().isEmpty());
    assertEquals(2, e.anomalies().size());
    assertEquals(
        e.cycles(SlaMetric.answerTime()),
        twin.stream().map(m -> Mirrors.as(SlaMetric.answerTime(), m)).toList());
  }

  /**
   * A per-call metric of one's own: a callback window that a public reply (a call back logged as
   * one) ends for every ringing call, since the reply carries no call id.
   */
  @Test
  void aStopFiredByAnEventWithoutACallIdEndsEveryRunningCycle() {
    MetricDefinition def =
        MetricDefinition.builder("callback")
            .startOn(MetricTrigger.callAbandoned())
            .stopOn(MetricTrigger.publicReply())
            .cycles(MetricDefinition.Cycles.PER_CALL)
            .build();
    SlaEvaluation e =
        run(
            set(def),
            at(10, 0, 0),
            new TicketEvent.Created("T", "c", at(9, 0, 0), Map.of(), Set.of()),
            new TicketEvent.CallOffered("T", "o1", at(9, 0, 0), "call-1"),
            new TicketEvent.CallAbandoned("T", "x1", at(9, 0, 10), "call-1"),
            new TicketEvent.CallOffered("T", "o2", at(9, 1, 0), "call-2"),
            new TicketEvent.CallAbandoned("T", "x2", at(9, 1, 10), "call-2"),
            TicketEvent.AgentReply.publicReply("T", "r", at(9, 5, 10)));
    List<MetricCycle> cb = e.cycles(SlaMetric.custom("callback"));
    assertEquals(2, cb.size());
    assertEquals(List.of("call-1", "call-2"), cb.stream().map(MetricCycle::key).toList());
    assertEquals(Duration.ofMinutes(5), cb.get(0).elapsed());
    assertEquals(Duration.ofMinutes(4), cb.get(1).elapsed());
    assertTrue(cb.stream().allMatch(m -> m.stop().equals(java.util.Optional.of(at(9, 5, 10)))));
  }

  @Test
  void jsonReadsAndWritesThePerCallRuleAndTheCallTriggers() {
    SlaPolicySet set = set(MetricDefinition.answerTime("answer"));
    String json = SlaPolicyJson.write(set);
    assertTrue(json.contains("\"cycles\": \"PER_CALL\""), json);
    assertTrue(json.contains("{\"on\": \"call_offered\"}"), json);
    assertTrue(json.contains("{\"on\": \"call_answered\"}"), json);
    assertTrue(json.contains("{\"on\": \"call_abandoned\"}"), json);
    assertEquals(set, SlaPolicyJson.read(json));
  }

  /**
   * A per-call cycle measures a call from its own start (the offer, say): a reopen, later, cannot
   * stand for that start, so {@code DEFER} is rejected when the definition is built, in code and in
   * JSON, naming the metric, both fields and what to use instead.
   */
  @Test
  void deferIsRejectedForAPerCallDefinition() {
    MetricDefinition.Builder b =
        MetricDefinition.builder("answer")
            .startOn(MetricTrigger.callOffered())
            .stopOn(MetricTrigger.callAnswered())
            .cycles(MetricDefinition.Cycles.PER_CALL)
            .whenSolved(MetricDefinition.WhenSolved.DEFER);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
    assertTrue(e.getMessage().startsWith("metric answer: whenSolved DEFER"), e.getMessage());
    assertTrue(e.getMessage().contains("cycles PER_CALL"), e.getMessage());
    assertTrue(e.getMessage().contains("use START or SKIP"), e.getMessage());
    String json =
        SlaPolicyJson.write(set(MetricDefinition.answerTime("answer")))
            .replace("\"whenSolved\": \"START\"", "\"whenSolved\": \"DEFER\"");
    IllegalArgumentException j =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(json));
    assertTrue(j.getMessage().contains("whenSolved DEFER"), j.getMessage());
    assertTrue(j.getMessage().contains("metricDefinitions[0]"), j.getMessage());
    // SKIP and START stay allowed
    b.whenSolved(MetricDefinition.WhenSolved.SKIP).build();
    b.whenSolved(MetricDefinition.WhenSolved.START).build();
  }

  /**
   * Two calls offered at one instant, in either arrival order and whatever their event ids: each
   * call's cycle is opened, in the audit trail, by its own offer (found by a reviewer: both named
   * the offer with the greatest id).
   */
  @Test
  void theTrailNamesEachCallsOwnOfferWhenCallsRingAtOneInstant() {
    MetricDefinition def = MetricDefinition.answerTime("answer");
    for (String[] ids : new String[][] {{"o1", "o2"}, {"z1", "a2"}}) {
      for (boolean reversed : new boolean[] {false, true}) {
        List<TicketEvent> events =
            new java.util.ArrayList<>(
                List.of(
                    new TicketEvent.CallOffered("T", ids[0], at(10, 0, 0), "c1"),
                    new TicketEvent.CallOffered("T", ids[1], at(10, 0, 0), "c2")));
        if (reversed) {
          java.util.Collections.reverse(events);
        }
        SlaClock clock = Fixtures.clock(set(def), "T");
        clock.accept(new TicketEvent.Created("T", "c", at(9, 0, 0), Map.of(), Set.of()));
        events.forEach(clock::accept);
        clock.accept(new TicketEvent.CallAnswered("T", "answer-2", at(10, 0, 20), "c2"));
        for (MetricCycle m : clock.evaluate(at(10, 1, 0)).cycles(def.metric())) {
          String offer = m.key().equals("c1") ? ids[0] : ids[1];
          List<CycleSegment> trail = clock.auditTrail(def.metric(), m.cycle(), at(10, 1, 0));
          assertEquals(offer, trail.get(0).openedBy(), m.key() + " " + trail);
        }
      }
    }
  }
}
