package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.EventCorrection;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketInput;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Corrections on the Flink SLA clock function, case by case: a lowered warning restated, a cycle
 * taken away withdrawn, a waiting event retracted before the watermark reaches it, corrections that
 * match nothing counted, a replacement the clock rejects sent to {@link FlinkSlaClocks#REJECTED},
 * and the state of an events-only job ({@link FlinkSlaClocks#transitions}) restored into one with
 * corrections on the heap and on RocksDB.
 */
class SlaCorrectionsHarnessTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static Instant min(int m) {
    return T0.plus(Duration.ofMinutes(m));
  }

  private static SlaCorrectionsHarnessProperties.Metered metered() throws Exception {
    SlaCorrectionsHarnessProperties.Metered h =
        new SlaCorrectionsHarnessProperties.Metered(
            FlinkSlaClocks.functionWithCorrections(
                Fixtures.policySet(),
                Fixtures.CALENDARS,
                TimeMode.EVENT_TIME,
                FlinkSlaClocks.Options.defaults()));
    h.harness.open();
    return h;
  }

  private static void send(
      KeyedOneInputStreamOperatorTestHarness<String, TicketInput, SlaTransition> h,
      TicketInput in,
      Instant ts)
      throws Exception {
    h.processElement(in, ts.toEpochMilli());
  }

  private static TicketEvent created(String t) {
    return new TicketEvent.Created(t, t + "-c", T0, Map.of(), Set.of());
  }

  private static List<String> of(
      KeyedOneInputStreamOperatorTestHarness<String, TicketInput, SlaTransition> h,
      SlaMetric metric) {
    List<String> out =
        h.extractOutputValues().stream()
            .filter(t -> t.metric().equals(metric))
            .map(t -> t.kind() + "@" + t.at() + "/" + t.warningPercent())
            .toList();
    h.getOutput().clear();
    return out;
  }

  /**
   * A retraction rejected (the watermark is past the clocks' range) is counted and its reason told
   * on REJECTION_REASONS, though no event goes to REJECTED (it was counted and told nowhere).
   */
  @Test
  void aRejectedRetractionHasItsReason() throws Exception {
    try (var m = metered()) {
      var h = m.harness;
      send(h, created("T-1"), T0);
      h.processWatermark(min(1).toEpochMilli());
      h.processWatermark(Instant.parse("2999-01-01T00:00:00Z").toEpochMilli());
      send(h, EventCorrection.retract("T-1", "T-1-c"), min(2));
      assertEquals(1, m.count("servicekitRejectedEvents"));
      assertEquals(null, h.getSideOutput(FlinkSlaClocks.REJECTED));
      List<String> reasons =
          h.getSideOutput(FlinkSlaClocks.REJECTION_REASONS).stream()
              .map(r -> r.getValue())
              .toList();
      assertEquals(
          List.of(
              "{\"ticketId\":\"T-1\",\"eventId\":\"T-1-c\",\"kind\":\"Retraction\",\"error\":"
                  + "\"the watermark 2999-01-01T00:00:00Z is at or past the clocks' supported end"
                  + " 2300-01-01T00:00:00Z: no clock can be evaluated there (a record stamped far"
                  + " ahead moved it)\"}"),
          reasons);
    }
  }

  /**
   * Retracting every applied event leaves no keyed state, also once the ticket's superseded timers
   * fire (a review found them writing an empty clock and its evaluation instant back, kept for
   * ever, with or without a retention).
   */
  @Test
  void retractingEveryEventLeavesNoStateAfterItsTimersFire() throws Exception {
    try (var m = metered()) {
      var h = m.harness;
      send(h, created("T-1"), T0);
      send(h, TicketEvent.AgentReply.publicReply("T-1", "r1", min(1)), min(1));
      h.processWatermark(min(5).toEpochMilli());
      send(h, EventCorrection.retract("T-1", "T-1-c"), min(6));
      send(h, EventCorrection.retract("T-1", "r1"), min(6));
      h.processWatermark(min(500).toEpochMilli());
      h.processWatermark(min(50_000).toEpochMilli());
      assertEquals(0, h.numKeyedStateEntries(), StateDump.of(h, false).toString());
    }
  }

  @Test
  void aReplacementThatLowersAWarningRestatesTheCycle() throws Exception {
    try (var m = metered()) {
      var h = m.harness;
      send(h, created("T-1"), T0);
      send(h, TicketEvent.AgentReply.publicReply("T-1", "r1", min(40)), min(40));
      h.processWatermark(min(60).toEpochMilli());
      assertEquals(
          List.of(
              "STARTED@2026-03-02T09:00:00Z/0",
              "WARNING@2026-03-02T09:30:00Z/50",
              "ACHIEVED@2026-03-02T09:40:00Z/50"),
          of(h, SlaMetric.firstResponse()));
      // The reply was sent at 09:20 (re-stamped in the CRM): achieved before any warning.
      send(
          h,
          EventCorrection.replace(TicketEvent.AgentReply.publicReply("T-1", "r1", min(20))),
          min(60));
      assertEquals(List.of("ACHIEVED@2026-03-02T10:00:00Z/0"), of(h, SlaMetric.firstResponse()));
    }
  }

  @Test
  void inProcessingTimeACorrectionIsEvaluatedAtTheWallClock() throws Exception {
    try (var m =
        new SlaCorrectionsHarnessProperties.Metered(
            FlinkSlaClocks.functionWithCorrections(
                Fixtures.policySet(),
                Fixtures.CALENDARS,
                TimeMode.PROCESSING_TIME,
                FlinkSlaClocks.Options.defaults()))) {
      var h = m.harness;
      h.open();
      h.setProcessingTime(T0.toEpochMilli());
      send(h, created("T-1"), T0);
      h.setProcessingTime(min(20).toEpochMilli());
      send(h, TicketEvent.AgentReply.internalNote("T-1", "r1", min(20)), min(20));
      h.setProcessingTime(min(70).toEpochMilli()); // the breach timer fires
      List<String> before = of(h, SlaMetric.firstResponse());
      assertTrue(before.get(before.size() - 1).startsWith("BREACHED@"), before.toString());
      send(
          h,
          EventCorrection.replace(TicketEvent.AgentReply.publicReply("T-1", "r1", min(20))),
          min(70));
      assertEquals(List.of("ACHIEVED@2026-03-02T10:10:00Z/0"), of(h, SlaMetric.firstResponse()));
      send(h, EventCorrection.retract("T-1", "nothing"), min(70));
      assertEquals(1, m.count("servicekitUnmatchedCorrections"));
    }
  }

  @Test
  void aRetractionThatTakesABreachedCycleAwayWithdrawsIt() throws Exception {
    try (var m = metered()) {
      var h = m.harness;
      send(h, created("T-1"), T0);
      send(h, TicketEvent.AgentReply.publicReply("T-1", "r1", min(10)), min(10));
      send(h, new TicketEvent.CustomerMessage("T-1", "m1", min(20)), min(20));
      h.processWatermark(min(200).toEpochMilli());
      List<String> before = of(h, SlaMetric.nextResponse());
      assertTrue(before.get(before.size() - 1).startsWith("BREACHED@"), before.toString());
      send(h, EventCorrection.retract("T-1", "m1"), min(200));
      assertEquals(List.of("CANCELLED@2026-03-02T12:20:00Z/0"), of(h, SlaMetric.nextResponse()));
      assertEquals(0, m.count("servicekitUnmatchedCorrections"));
    }
  }

  /**
   * A late call renumbers the calls' answer-time cycles ({@code answer_time#0} was call A, now call
   * C, both breached): the function restates the keyed cycles after a late event, so the consumer's
   * last transition per cycle names the right call.
   */
  @Test
  void aLateCallThatRenumbersTheAnswerTimeCyclesRestatesThemWithTheirCalls() throws Exception {
    dev.servicekit.sla.SlaPolicySet set =
        dev.servicekit.sla.SlaPolicySet.builder()
            .statuses("new", "open", "pending", "solved")
            .solvedStatuses("solved")
            .defaultPolicy(
                dev.servicekit.sla.SlaPolicy.builder("p")
                    .matrix(dev.servicekit.sla.PriorityMatrix.constant("normal"))
                    .target("normal", SlaMetric.answerTime(), Duration.ofMinutes(5))
                    .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
                    .build())
            .build();
    try (var m =
        new SlaCorrectionsHarnessProperties.Metered(
            FlinkSlaClocks.functionWithCorrections(
                set, Map.of(), TimeMode.EVENT_TIME, FlinkSlaClocks.Options.defaults()))) {
      var h = m.harness;
      h.open();
      send(h, created("T-1"), T0);
      send(h, new TicketEvent.CallOffered("T-1", "o-a", min(10), "call-A"), min(10));
      h.processWatermark(min(30).toEpochMilli()); // call A breaches
      send(h, new TicketEvent.CallOffered("T-1", "o-c", min(5), "call-C"), min(5)); // late
      h.processWatermark(min(40).toEpochMilli());
      Map<String, SlaTransition> last = new java.util.TreeMap<>();
      for (SlaTransition t : h.extractOutputValues()) {
        if (t.metric().equals(SlaMetric.answerTime())) {
          last.put("#" + t.cycle(), t);
        }
      }
      assertEquals("call-C", last.get("#0").key(), last.toString());
      assertEquals("call-A", last.get("#1").key(), last.toString());
    }
  }

  /**
   * An exact redelivery of an event already applied, arriving late while another content of its id
   * waits, is a duplicate (ignored), as on Kafka; the waiting content is refused when the watermark
   * reaches it: one refusal in all (a review found two).
   */
  @Test
  void aLateRedeliveryOfAnAppliedEventIsADuplicateWhileAnotherContentWaits() throws Exception {
    try (var m = metered()) {
      var h = m.harness;
      send(h, created("T-1"), T0);
      h.processWatermark(min(30).toEpochMilli());
      TicketEvent applied = new TicketEvent.StatusChanged("T-1", "s1", min(20), "pending");
      send(h, applied, min(20)); // late: applied at once
      send(h, new TicketEvent.StatusChanged("T-1", "s1", min(40), "open"), min(40)); // waits
      send(h, applied, min(20)); // redelivered, late
      h.processWatermark(min(50).toEpochMilli());
      assertEquals(1, m.count("servicekitRejectedEvents"));
    }
  }

  /**
   * Another content of an applied event's id, waiting for the watermark when a correction of that
   * id comes, is refused then (counted, on {@code REJECTED}, its reason the clock's), as Kafka
   * refuses it at arrival and as the watermark would have: the function took it for the id's owner
   * among the waiting contents and dropped it without a word (found by {@code
   * EnginesAgreeOnSlaTransitionsTest}, seed 87587). A waiting copy of the applied event stays a
   * duplicate.
   */
  @Test
  void anotherContentOfAnAppliedIdWaitingWhenItsIdIsCorrectedIsRefused() throws Exception {
    for (boolean retract : new boolean[] {true, false}) {
      try (var m = metered()) {
        var h = m.harness;
        send(h, created("T-1"), T0);
        TicketEvent applied = new TicketEvent.StatusChanged("T-1", "s1", min(20), "pending");
        send(h, applied, min(20));
        h.processWatermark(min(20).toEpochMilli()); // applied
        TicketEvent other = new TicketEvent.CustomerMessage("T-1", "s1", min(21));
        send(h, other, min(20)); // waits: stamped ahead of the watermark
        send(h, applied, min(20)); // a late copy of the applied one: a duplicate
        send(
            h,
            retract
                ? EventCorrection.retract("T-1", "s1")
                : EventCorrection.replace(
                    new TicketEvent.StatusChanged("T-1", "s1", min(20), "solved")),
            min(20));
        assertEquals(1, m.count("servicekitRejectedEvents"), "retract: " + retract);
        assertEquals(
            List.of(other),
            h.getSideOutput(FlinkSlaClocks.REJECTED).stream().map(r -> r.getValue()).toList());
        String reason =
            h.getSideOutput(FlinkSlaClocks.REJECTION_REASONS).stream()
                .map(r -> r.getValue())
                .findFirst()
                .orElseThrow();
        assertTrue(reason.contains("event id 's1' is already used by"), reason);
        h.processWatermark(min(90).toEpochMilli());
        assertEquals(1, m.count("servicekitRejectedEvents"), "nothing more at the watermark");
        SlaClock expected = SlaClock.of(Fixtures.policySet(), Fixtures.CALENDARS, "T-1");
        expected.accept(created("T-1"));
        if (!retract) {
          expected.accept(new TicketEvent.StatusChanged("T-1", "s1", min(20), "solved"));
        }
        assertEquals(
            expected.events(),
            dev.servicekit.sla.SlaClockSnapshot.fromBytes(
                    Fixtures.policySet(), Fixtures.CALENDARS, StateDump.clock(h, "T-1"))
                .events());
      }
    }
  }

  /**
   * A first arrival the clock refuses (an undeclared status) does not own its id: a valid resend
   * waiting with it, or arriving late while it waits, is applied and only the bad one is refused,
   * as a clock fed in arrival order has it (a review found both refused).
   */
  @Test
  void aRefusedFirstArrivalGivesItsIdToTheNextContent() throws Exception {
    for (boolean lateResend : new boolean[] {false, true}) {
      try (var m = metered()) {
        var h = m.harness;
        send(h, created("T-1"), T0);
        h.processWatermark(min(1).toEpochMilli());
        send(h, new TicketEvent.StatusChanged("T-1", "s1", min(10), "pendnig"), min(10));
        if (lateResend) {
          send(h, new TicketEvent.StatusChanged("T-1", "s1", min(0), "solved"), min(0));
        } else {
          send(h, new TicketEvent.StatusChanged("T-1", "s1", min(10), "solved"), min(10));
        }
        h.processWatermark(min(20).toEpochMilli());
        assertEquals(1, m.count("servicekitRejectedEvents"), "late resend: " + lateResend);
        assertTrue(
            of(h, SlaMetric.resolution()).stream().anyMatch(k -> k.startsWith("ACHIEVED@")),
            "the valid resend is applied, late resend: " + lateResend);
      }
    }
  }

  @Test
  void aWaitingEventRetractedBeforeTheWatermarkIsNeverApplied() throws Exception {
    try (var m = metered()) {
      var h = m.harness;
      send(h, created("T-1"), T0);
      send(h, new TicketEvent.StatusChanged("T-1", "s1", min(10), "solved"), min(10));
      send(h, EventCorrection.retract("T-1", "s1"), min(10)); // still waiting
      h.processWatermark(min(90).toEpochMilli());
      List<String> first = of(h, SlaMetric.firstResponse());
      assertTrue(first.get(first.size() - 1).startsWith("BREACHED@"), first.toString());
      // ... and a waiting event replaced: the replacement waits for the watermark in its place
      send(h, new TicketEvent.StatusChanged("T-1", "s2", min(100), "pending"), min(100));
      send(
          h,
          EventCorrection.replace(new TicketEvent.StatusChanged("T-1", "s2", min(110), "solved")),
          min(100));
      h.processWatermark(min(120).toEpochMilli());
      assertEquals(
          List.of("ACHIEVED@2026-03-02T10:50:00Z/0"),
          of(h, SlaMetric.resolution()).stream().filter(k -> !k.startsWith("STARTED")).toList());
      assertEquals(0, m.count("servicekitUnmatchedCorrections"));
    }
  }

  @Test
  void correctionsThatMatchNothingAreCountedAndABadReplacementIsRejected() throws Exception {
    try (var m = metered()) {
      var h = m.harness;
      send(h, created("T-1"), T0);
      h.processWatermark(T0.toEpochMilli());
      byte[] stored = StateDump.clock(h, "T-1");
      h.getOutput().clear();
      send(h, EventCorrection.retract("T-1", "no-such-event"), T0);
      send(h, EventCorrection.retract("T-9", "T-9-c"), T0);
      TicketEvent closed = new TicketEvent.StatusChanged("T-1", "T-1-c", T0, "closed");
      send(h, EventCorrection.replace(closed), T0);
      assertEquals(2, m.count("servicekitUnmatchedCorrections"));
      assertEquals(1, m.count("servicekitRejectedEvents"));
      assertEquals(
          List.of(closed),
          h.getSideOutput(FlinkSlaClocks.REJECTED).stream().map(r -> r.getValue()).toList());
      assertEquals(List.of(), h.extractOutputValues());
      assertTrue(java.util.Arrays.equals(stored, StateDump.clock(h, "T-1")), "unchanged");
      assertNull(StateDump.clock(h, "T-9"));
    }
  }

  /**
   * A job moves from {@code transitions} to {@code transitionsWithCorrections} through a savepoint:
   * the operator's state is the same, and a correction applies to the restored clock.
   */
  @ParameterizedTest
  @EnumSource(Backend.class)
  void stateOfAnEventsOnlyFunctionRestoresIntoOneWithCorrections(Backend backend) throws Exception {
    OperatorSubtaskState snapshot;
    try (var h =
        backend.on(
            new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(
                    FlinkSlaClocks.function(
                        Fixtures.policySet(), Fixtures.CALENDARS, TimeMode.EVENT_TIME)),
                TicketEvent::ticketId,
                Types.STRING))) {
      h.open();
      h.processElement(created("T-1"), T0.toEpochMilli());
      TicketEvent note = TicketEvent.AgentReply.internalNote("T-1", "r1", min(20));
      h.processElement(note, note.at().toEpochMilli());
      h.processWatermark(min(30).toEpochMilli());
      snapshot = h.snapshot(1L, 1L);
    }
    try (var h =
        backend.on(
            new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(
                    FlinkSlaClocks.functionWithCorrections(
                        Fixtures.policySet(),
                        Fixtures.CALENDARS,
                        TimeMode.EVENT_TIME,
                        FlinkSlaClocks.Options.defaults())),
                TicketInput::ticketId,
                Types.STRING))) {
      h.initializeState(snapshot);
      h.open();
      // The note was a public reply: first response achieved at 09:20, evaluated at 09:30.
      h.processElement(
          EventCorrection.replace(TicketEvent.AgentReply.publicReply("T-1", "r1", min(20))),
          min(30).toEpochMilli());
      assertEquals(List.of("ACHIEVED@2026-03-02T09:30:00Z/0"), of(h, SlaMetric.firstResponse()));
      h.processWatermark(min(120).toEpochMilli());
      assertEquals(List.of(), of(h, SlaMetric.firstResponse()), "no breach timer left behind");
    }
  }

  /**
   * After a restore, before the first watermark, a late event that changes nothing is evaluated no
   * earlier than the ticket's last evaluation: nothing is emitted. A review found the breach
   * "resumed" at the event's time and every warning, escalation and the breach emitted again.
   */
  @Test
  void aLateEventAfterARestoreIsNotEvaluatedBeforeWhatWasReported() throws Exception {
    org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
    try (var m = metered()) {
      var h = m.harness;
      send(h, created("T-1"), T0);
      h.processWatermark(min(7 * 60).toEpochMilli()); // first response breached, resolution warned
      assertTrue(!h.extractOutputValues().isEmpty());
      snapshot = h.snapshot(1L, 1L);
    }
    try (var m2 =
        new SlaCorrectionsHarnessProperties.Metered(
            FlinkSlaClocks.functionWithCorrections(
                Fixtures.policySet(),
                Fixtures.CALENDARS,
                TimeMode.EVENT_TIME,
                FlinkSlaClocks.Options.defaults()))) {
      var h = m2.harness;
      h.initializeState(snapshot);
      h.open();
      TicketEvent harmless = new TicketEvent.StatusChanged("T-1", "s1", min(5), "open");
      send(h, harmless, min(5)); // no watermark yet: it waits for one
      h.processWatermark(min(7 * 60 + 1).toEpochMilli());
      assertEquals(List.of(), h.extractOutputValues(), "nothing changed, nothing emitted");
    }
  }

  /**
   * What the function emits for a correction is {@link SlaTransition#reconcile} of the in-process
   * clock's evaluations at the watermark, before and after the same correction: the README's claim
   * that an in-process CRM gets the engines' transitions from it. Three corrections: a reply made
   * public (a breach lifted), a customer message retracted (a breached cycle withdrawn), a pause
   * retracted (a breach that now happened).
   */
  @Test
  void aCorrectionEmitsWhatReconcileGivesInProcess() throws Exception {
    record Case(List<TicketEvent> events, EventCorrection correction, Instant at) {}
    List<Case> cases =
        List.of(
            new Case(
                List.of(created("T-1"), TicketEvent.AgentReply.internalNote("T-1", "r1", min(30))),
                EventCorrection.replace(TicketEvent.AgentReply.publicReply("T-1", "r1", min(30))),
                min(70)),
            new Case(
                List.of(
                    created("T-1"),
                    TicketEvent.AgentReply.publicReply("T-1", "r1", min(10)),
                    new TicketEvent.CustomerMessage("T-1", "m1", min(20))),
                EventCorrection.retract("T-1", "m1"),
                min(200)),
            new Case(
                List.of(
                    created("T-1"),
                    TicketEvent.AgentReply.publicReply("T-1", "r1", min(10)),
                    new TicketEvent.StatusChanged("T-1", "p1", min(20), "pending")),
                EventCorrection.retract("T-1", "p1"),
                min(510)));
    for (Case c : cases) {
      try (var m = metered()) {
        var h = m.harness;
        for (TicketEvent e : c.events()) {
          send(h, e, e.at());
        }
        h.processWatermark(c.at().toEpochMilli());
        h.getOutput().clear();
        send(h, c.correction(), c.at());
        List<SlaTransition> emitted = h.extractOutputValues();

        SlaClock clock = SlaClock.of(Fixtures.policySet(), Fixtures.CALENDARS, "T-1");
        c.events().forEach(clock::accept);
        SlaEvaluation before = clock.evaluate(c.at());
        c.correction().applyTo(clock);
        SlaEvaluation after = clock.evaluate(c.at());
        List<SlaTransition> expected = SlaTransition.reconcile(before, after);
        assertFalse(expected.isEmpty(), c.toString());
        assertEquals(expected, emitted, c.toString());
      }
    }
  }
}
