package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.SlaTransition.Kind;
import dev.servicekit.sla.TicketEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The SLA clock function on Flink's keyed operator harness: timers driven by watermarks. */
class SlaClockFunctionHarnessTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  private static KeyedOneInputStreamOperatorTestHarness<String, TicketEvent, SlaTransition> harness(
      TimeMode mode) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(
            FlinkSlaClocks.function(Fixtures.policySet(), Fixtures.CALENDARS, mode)),
        TicketEvent::ticketId,
        Types.STRING);
  }

  private static TicketEvent created(String ticket, Instant at) {
    return new TicketEvent.Created(ticket, ticket + "-c", at, Map.of(), java.util.Set.of());
  }

  private static void send(
      KeyedOneInputStreamOperatorTestHarness<String, TicketEvent, SlaTransition> h, TicketEvent e)
      throws Exception {
    h.processElement(e, e.at().toEpochMilli());
  }

  private static List<String> firstResponse(List<SlaTransition> out) {
    return out.stream()
        .filter(t -> t.metric().equals(SlaMetric.firstResponse()))
        .map(
            t ->
                t.kind()
                    + "@"
                    + t.at()
                    + (t.kind() == Kind.WARNING ? "/" + t.warningPercent() : ""))
        .collect(Collectors.toList());
  }

  /**
   * First response 1 h, escalations 100 % to duty-lead and 150 % to head: the event-time timers at
   * 11:00 and 11:30 emit ESCALATED naming the recipient (before, they fired and emitted nothing).
   */
  @Test
  void anEscalationLevelReachedOnATimerIsEmittedWithItsRecipient() throws Exception {
    dev.servicekit.sla.SlaPolicySet set =
        dev.servicekit.sla.SlaPolicySet.builder()
            .statuses("new", "open", "solved")
            .solvedStatuses("solved")
            .defaultPolicy(
                dev.servicekit.sla.SlaPolicy.builder("standard")
                    .matrix(dev.servicekit.sla.PriorityMatrix.constant("normal"))
                    .target("normal", SlaMetric.firstResponse(), java.time.Duration.ofHours(1))
                    .rule(
                        dev.servicekit.sla.MetricRule.builder(SlaMetric.firstResponse())
                            .escalate(dev.servicekit.sla.EscalationLevel.of(1, 100, "duty-lead"))
                            .escalate(dev.servicekit.sla.EscalationLevel.of(2, 150, "head"))
                            .build())
                    .build())
            .build();
    try (var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                FlinkSlaClocks.function(set, Fixtures.CALENDARS, TimeMode.EVENT_TIME)),
            TicketEvent::ticketId,
            Types.STRING)) {
      h.open();
      send(h, created("T-1", T0));
      h.processWatermark(T0.plusSeconds(7200).toEpochMilli());
      assertEquals(
          List.of(
              "STARTED@2026-03-02T10:00:00Z",
              "ESCALATED@2026-03-02T11:00:00Z/1:duty-lead",
              "BREACHED@2026-03-02T11:00:00.000000001Z/1:duty-lead",
              "ESCALATED@2026-03-02T11:30:00Z/2:head"),
          h.extractOutputValues().stream()
              .map(
                  t ->
                      t.kind()
                          + "@"
                          + t.at()
                          + t.escalation()
                              .map(e -> "/" + e.level() + ":" + e.recipient())
                              .orElse(""))
              .collect(Collectors.toList()));
    }
  }

  /**
   * A ticket created 0.4 ms past 10:00: its warnings and breach fall inside milliseconds, and their
   * timers' transitions carry their exact instants (as on Kafka), not the milliseconds the timers
   * fire at. In both time modes.
   */
  @ParameterizedTest
  @EnumSource(TimeMode.class)
  void aTimersTransitionsCarryTheirExactInstants(TimeMode mode) throws Exception {
    Instant created = T0.plusNanos(400_000);
    try (var h = harness(mode)) {
      h.setProcessingTime(T0.toEpochMilli() + 1);
      h.open();
      send(h, created("T-x", created));
      h.processWatermark(T0.toEpochMilli() + 1);
      h.setProcessingTime(T0.plusSeconds(7200).toEpochMilli());
      h.processWatermark(T0.plusSeconds(7200).toEpochMilli());
      assertEquals(
          List.of(
              "STARTED@2026-03-02T10:00:00.001Z",
              "WARNING@2026-03-02T10:30:00.000400Z/50",
              "WARNING@2026-03-02T10:48:00.000400Z/80",
              "BREACHED@2026-03-02T11:00:00.000400001Z"),
          firstResponse(h.extractOutputValues()));
    }
  }

  /**
   * In event time a transition and an event within one millisecond: the 50 % warning
   * (10:30:00.0004) before a reply at 10:30:00.0007 fires at its instant, then the reply's
   * evaluation at the millisecond; a reply at 10:30:00.0002, before the warning, leaves no warning
   * to fire.
   */
  @Test
  void aTransitionBeforeAnEventInItsMillisecondFiresFirstAtItsInstant() throws Exception {
    Instant created = T0.plusNanos(400_000);
    for (long replyNanos : new long[] {700_000, 200_000}) {
      try (var h = harness(TimeMode.EVENT_TIME)) {
        h.open();
        send(h, created("T-y", created));
        h.processWatermark(T0.toEpochMilli() + 1);
        send(
            h,
            TicketEvent.AgentReply.publicReply(
                "T-y", "T-y-r", T0.plusSeconds(1800).plusNanos(replyNanos)));
        h.processWatermark(T0.plusSeconds(7200).toEpochMilli());
        assertEquals(
            replyNanos == 700_000
                ? List.of(
                    "STARTED@2026-03-02T10:00:00.001Z",
                    "WARNING@2026-03-02T10:30:00.000400Z/50",
                    "ACHIEVED@2026-03-02T10:30:00.001Z")
                : List.of("STARTED@2026-03-02T10:00:00.001Z", "ACHIEVED@2026-03-02T10:30:00.001Z"),
            firstResponse(h.extractOutputValues()),
            "reply at +" + replyNanos + " ns");
      }
    }
  }

  @Test
  void breachIsEmittedWhenTheWatermarkPassesTheDeadlineWithoutAnotherEvent() throws Exception {
    try (var h = harness(TimeMode.EVENT_TIME)) {
      h.open();
      send(h, created("T-1", T0));
      assertTrue(
          h.extractOutputValues().isEmpty(), "nothing before the watermark reaches the event");
      h.processWatermark(T0.toEpochMilli());
      assertEquals(List.of("STARTED@" + T0), firstResponse(h.extractOutputValues()));
      h.processWatermark(T0.plusSeconds(3600).toEpochMilli()); // exactly the deadline: not breached
      assertEquals(
          List.of(
              "STARTED@" + T0,
              "WARNING@2026-03-02T10:30:00Z/50",
              "WARNING@2026-03-02T10:48:00Z/80"),
          firstResponse(h.extractOutputValues()));
      h.processWatermark(T0.plusSeconds(3600).toEpochMilli() + 1);
      List<String> fr = firstResponse(h.extractOutputValues());
      // stamped at its exact instant, a nanosecond after the deadline (as on Kafka), though the
      // timer that fires it is the next millisecond
      assertEquals("BREACHED@2026-03-02T11:00:00.000000001Z", fr.get(fr.size() - 1));
    }
  }

  @Test
  void anEventTheClockRejectsChangesNothingAndGoesToTheRejectedSideOutput() throws Exception {
    List<SlaTransition> clean;
    try (var h = harness(TimeMode.EVENT_TIME)) {
      h.open();
      send(h, created("T-5", T0));
      h.processWatermark(T0.plusSeconds(7200).toEpochMilli());
      clean = h.extractOutputValues();
    }
    try (var h = harness(TimeMode.EVENT_TIME)) {
      h.open();
      send(h, created("T-5", T0));
      // Reuses the Created event's id with other content: the clock rejects it.
      TicketEvent bad =
          new TicketEvent.StatusChanged("T-5", "T-5-c", T0.plusSeconds(60), "pending");
      send(h, bad);
      h.processWatermark(T0.plusSeconds(7200).toEpochMilli());
      assertEquals(clean, h.extractOutputValues());
      assertEquals(
          List.of(bad),
          List.copyOf(h.getSideOutput(FlinkSlaClocks.REJECTED)).stream()
              .map(r -> r.getValue())
              .toList());
      List<String> reasons =
          h.getSideOutput(FlinkSlaClocks.REJECTION_REASONS).stream()
              .map(r -> r.getValue())
              .toList();
      assertEquals(1, reasons.size());
      // The clock's own message, as Kafka's dead-letter record carries it (both contents waited
      // for the watermark here; earlier builds then worded it "event id \"T-5-c\" of ticket
      // \"T-5\" holds another content, which arrived first", found by
      // EnginesAgreeOnSlaTransitionsTest)
      assertEquals(
          "{\"ticketId\":\"T-5\",\"eventId\":\"T-5-c\",\"at\":\"2026-03-02T10:01:00Z\","
              + "\"kind\":\"StatusChanged\",\"error\":\"event id 'T-5-c' is already used by"
              + " 'Created[ticketId=T-5, id=T-5-c, at=2026-03-02T10:00:00Z, attributes={}, tags=[],"
              + "\u2026(95 chars)', not 'StatusChanged[ticketId=T-5, id=T-5-c,"
              + " at=2026-03-02T10:01:00Z, status=pending]'\"}",
          reasons.get(0));
    }
  }

  /**
   * A record stamped centuries ahead (a producer's broken clock, not bounded in the timestamp
   * assigner) moves the watermark past the clocks' range {@code [1900, 2300)}. Every later event is
   * behind it; earlier builds evaluated its ticket at the watermark and failed the job with {@code
   * IllegalArgumentException: now 2999-01-01T00:00:00Z is outside the supported range}, again after
   * each restart that replays the record. Such an event now goes to the rejected side output,
   * counted, its ticket unchanged; the timers the watermark passed still fire at their instants.
   */
  @Test
  void anEventBehindAWatermarkPastTheSupportedRangeIsRejectedNotFatal() throws Exception {
    try (var h = harness(TimeMode.EVENT_TIME)) {
      h.open();
      send(h, created("T-1", T0));
      h.processWatermark(Instant.parse("2999-01-01T00:00:00Z").toEpochMilli());
      assertEquals(
          List.of(
              "STARTED@2026-03-02T10:00:00Z",
              "WARNING@2026-03-02T10:30:00Z/50",
              "WARNING@2026-03-02T10:48:00Z/80",
              "BREACHED@2026-03-02T11:00:00.000000001Z"),
          firstResponse(h.extractOutputValues()));
      int before = h.numKeyedStateEntries();
      TicketEvent late = created("T-3", T0.plusSeconds(3600));
      send(h, late);
      assertEquals(
          List.of(late),
          List.copyOf(h.getSideOutput(FlinkSlaClocks.REJECTED)).stream()
              .map(r -> r.getValue())
              .toList());
      String reason = h.getSideOutput(FlinkSlaClocks.REJECTION_REASONS).poll().getValue();
      assertTrue(
          reason.contains(
              "\"error\":\"the watermark 2999-01-01T00:00:00Z is at or past the clocks' supported"
                  + " end 2300-01-01T00:00:00Z"),
          reason);
      assertEquals(before, h.numKeyedStateEntries(), "no state for T-3");
    }
  }

  @Test
  void aReplyBeforeTheDeadlineAchievesAndCancelsTheBreachTimer() throws Exception {
    try (var h = harness(TimeMode.EVENT_TIME)) {
      h.open();
      send(h, created("T-2", T0));
      send(h, TicketEvent.AgentReply.publicReply("T-2", "r1", T0.plusSeconds(1200)));
      h.processWatermark(T0.plusSeconds(86_400).toEpochMilli());
      assertEquals(
          List.of("STARTED@" + T0, "ACHIEVED@2026-03-02T10:20:00Z"),
          firstResponse(h.extractOutputValues()));
    }
  }

  @Test
  void outOfOrderAndDuplicatedEventsGiveTheSameTransitionsAsOrderedOnes() throws Exception {
    TicketEvent c = created("T-3", T0);
    TicketEvent pend = new TicketEvent.StatusChanged("T-3", "s1", T0.plusSeconds(600), "pending");
    TicketEvent open = new TicketEvent.StatusChanged("T-3", "s2", T0.plusSeconds(1800), "open");
    List<SlaTransition> ordered;
    try (var h = harness(TimeMode.EVENT_TIME)) {
      h.open();
      for (TicketEvent e : List.of(c, pend, open)) {
        send(h, e);
      }
      h.processWatermark(T0.plusSeconds(40_000).toEpochMilli());
      ordered = h.extractOutputValues();
    }
    try (var h = harness(TimeMode.EVENT_TIME)) {
      h.open();
      for (TicketEvent e : List.of(open, pend, open, c, pend)) {
        send(h, e);
      }
      h.processWatermark(T0.plusSeconds(40_000).toEpochMilli());
      assertEquals(ordered, h.extractOutputValues());
    }
    List<String> resolution =
        ordered.stream()
            .filter(t -> t.metric().equals(SlaMetric.resolution()))
            .map(t -> t.kind() + "@" + t.at())
            .collect(Collectors.toList());
    assertEquals(
        List.of(
            "STARTED@" + T0,
            "PAUSED@2026-03-02T10:10:00Z",
            "RESUMED@2026-03-02T10:30:00Z",
            // 8h of running time, 20 minutes paused: 75% at 16:20, breached just after 18:20
            "WARNING@2026-03-02T16:20:00Z",
            "BREACHED@2026-03-02T18:20:00.000000001Z"),
        resolution);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRestoredOperatorStillFiresTheBreachOfItsCheckpointedClock(Backend backend)
      throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = backend.on(harness(TimeMode.EVENT_TIME))) {
      h.open();
      send(h, created("T-4", T0));
      h.processWatermark(T0.plusSeconds(60).toEpochMilli());
      snapshot = h.snapshot(1L, 1L);
    }
    try (var h = backend.on(harness(TimeMode.EVENT_TIME))) {
      h.initializeState(snapshot);
      h.open();
      h.processWatermark(T0.plusSeconds(7200).toEpochMilli());
      assertEquals(
          List.of(
              "WARNING@2026-03-02T10:30:00Z/50",
              "WARNING@2026-03-02T10:48:00Z/80",
              "BREACHED@2026-03-02T11:00:00.000000001Z"),
          firstResponse(h.extractOutputValues()));
    }
  }

  @Test
  void processingTimeModeFiresOnTheWallClock() throws Exception {
    try (var h = harness(TimeMode.PROCESSING_TIME)) {
      h.setProcessingTime(T0.toEpochMilli());
      h.open();
      send(h, created("T-5", T0));
      assertEquals(List.of("STARTED@" + T0), firstResponse(h.extractOutputValues()));
      h.setProcessingTime(T0.plusSeconds(3601).toEpochMilli());
      List<String> fr = firstResponse(h.extractOutputValues());
      assertEquals("BREACHED@2026-03-02T11:00:00.000000001Z", fr.get(fr.size() - 1));
    }
  }

  @Test
  void anEventBehindTheWatermarkIsStillAppliedAndReportedAtTheWatermark() throws Exception {
    try (var h = harness(TimeMode.EVENT_TIME)) {
      h.open();
      send(h, created("T-6", T0));
      h.processWatermark(T0.plusSeconds(1800).toEpochMilli());
      // a reply at 10:20 arrives after the watermark passed 10:30: late
      send(h, TicketEvent.AgentReply.publicReply("T-6", "r1", T0.plusSeconds(1200)));
      List<String> fr = firstResponse(h.extractOutputValues());
      assertEquals("ACHIEVED@2026-03-02T10:30:00Z", fr.get(fr.size() - 1));
      h.processWatermark(T0.plusSeconds(7200).toEpochMilli());
      assertTrue(
          firstResponse(h.extractOutputValues()).stream().noneMatch(t -> t.startsWith("BREACHED")),
          "the achieved cycle is never breached");
    }
  }

  /**
   * A reply at exactly the instant of the 50 % warning (10:30), while the watermark is before it:
   * the warning's timer fires before the reply is applied, as Kafka fires a ticket's due timers
   * before its event, so {@code WARNING} carries state {@code ACTIVE} and {@code ACHIEVED} follows,
   * both at 10:30. Before, the function applied the reply first and gave {@code WARNING} with state
   * {@code ACHIEVED}, where Kafka gave {@code ACTIVE} (found by {@code
   * EnginesAgreeOnSlaTransitionsTest}).
   */
  @Test
  void aTransitionDueAtAnEventsInstantFiresBeforeTheEventAsOnKafka() throws Exception {
    Instant warning = T0.plusSeconds(1800);
    try (var h = harness(TimeMode.EVENT_TIME)) {
      h.open();
      send(h, created("T-1", T0));
      h.processWatermark(T0.toEpochMilli());
      send(h, TicketEvent.AgentReply.publicReply("T-1", "T-1-r", warning));
      h.processWatermark(warning.toEpochMilli());
      assertEquals(
          List.of(
              "STARTED@2026-03-02T10:00:00Z ACTIVE",
              "WARNING@2026-03-02T10:30:00Z/50 ACTIVE",
              "ACHIEVED@2026-03-02T10:30:00Z ACHIEVED"),
          h.extractOutputValues().stream()
              .filter(t -> t.metric().equals(SlaMetric.firstResponse()))
              .map(
                  t ->
                      t.kind()
                          + "@"
                          + t.at()
                          + (t.kind() == Kind.WARNING ? "/" + t.warningPercent() : "")
                          + " "
                          + t.state().orElseThrow())
              .collect(Collectors.toList()));
    }
  }
}
