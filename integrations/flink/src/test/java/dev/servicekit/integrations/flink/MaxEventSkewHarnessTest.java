package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link FlinkSlaClocks.Options#maxEventSkew(Duration)} on Flink's keyed operator harness: an event
 * whose {@code at} is in range but far ahead of the wall clock (or of the watermark, if later) goes
 * to {@link FlinkSlaClocks#REJECTED}, the ticket unchanged (s12stream finding 6). Without it such
 * an event waits in state for a watermark that never comes (event time) or is applied and emits
 * breaches stamped in 2299 (processing time).
 */
class MaxEventSkewHarnessTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final Instant FAR = Instant.parse("2299-01-01T00:00:00Z");
  private static final Duration SKEW = Duration.ofHours(1);

  private static KeyedOneInputStreamOperatorTestHarness<String, TicketEvent, SlaTransition> harness(
      TimeMode mode, FlinkSlaClocks.Options options) throws Exception {
    KeyedProcessFunction<String, TicketEvent, SlaTransition> f =
        options == null
            ? FlinkSlaClocks.function(Fixtures.policySet(), Fixtures.CALENDARS, mode)
            : FlinkSlaClocks.function(Fixtures.policySet(), Fixtures.CALENDARS, mode, options);
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(f), TicketEvent::ticketId, Types.STRING);
  }

  private static FlinkSlaClocks.Options skew() {
    return FlinkSlaClocks.Options.defaults().maxEventSkew(SKEW);
  }

  private static void send(
      KeyedOneInputStreamOperatorTestHarness<String, TicketEvent, SlaTransition> h, TicketEvent e)
      throws Exception {
    h.processElement(e, e.at().toEpochMilli());
  }

  private static TicketEvent created(String t, Instant at) {
    return new TicketEvent.Created(t, t + "-c", at, Map.of(), Set.of());
  }

  private static List<TicketEvent> rejected(
      KeyedOneInputStreamOperatorTestHarness<String, TicketEvent, SlaTransition> h) {
    var q = h.getSideOutput(FlinkSlaClocks.REJECTED);
    return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
  }

  @Test
  void eventTimeAnEventFarAheadOfTheWatermarkIsRejectedAndTheTicketUnchanged() throws Exception {
    try (var h = harness(TimeMode.EVENT_TIME, skew())) {
      h.open();
      h.setProcessingTime(T0.toEpochMilli()); // the wall clock: the event times are live
      send(h, created("T-2", T0));
      h.processWatermark(T0.plus(Duration.ofMinutes(5)).toEpochMilli());
      int entries = h.numKeyedStateEntries();
      int timers = h.numEventTimeTimers();
      TicketEvent far = new TicketEvent.CustomerMessage("T-2", "T-2-m", FAR);
      send(h, far);
      assertEquals(List.of(far), rejected(h));
      assertEquals(entries, h.numKeyedStateEntries(), "nothing kept waiting");
      assertEquals(timers, h.numEventTimeTimers(), "no timer for the far event");
      // An event exactly the skew ahead of the watermark is accepted (waits as usual).
      send(h, new TicketEvent.CustomerMessage("T-2", "T-2-m2", T0.plus(Duration.ofMinutes(65))));
      assertEquals(List.of(far), rejected(h));
      h.processWatermark(T0.plus(Duration.ofDays(1)).toEpochMilli());
      assertTrue(
          h.extractOutputValues().stream().allMatch(t -> t.at().isBefore(FAR)),
          "" + h.extractOutputValues());
    }
  }

  @Test
  void processingTimeAnEventFarAheadOfTheWallClockIsRejectedNotApplied() throws Exception {
    try (var h = harness(TimeMode.PROCESSING_TIME, skew())) {
      h.open();
      h.setProcessingTime(T0.toEpochMilli());
      send(h, created("T-2", T0));
      TicketEvent far = new TicketEvent.CustomerMessage("T-2", "T-2-m", FAR);
      send(h, far);
      assertEquals(List.of(far), rejected(h));
      assertTrue(
          h.extractOutputValues().stream().noneMatch(t -> t.at().equals(FAR)),
          "" + h.extractOutputValues());
      TicketEvent near =
          new TicketEvent.CustomerMessage("T-2", "T-2-m2", T0.plus(Duration.ofMinutes(59)));
      send(h, near);
      assertEquals(List.of(far), rejected(h), "within the skew: applied");
    }
  }

  /** Before the first watermark the wall clock bounds event times. */
  @Test
  void beforeTheFirstWatermarkTheWallClockBoundsTheSkew() throws Exception {
    try (var h = harness(TimeMode.EVENT_TIME, skew())) {
      h.open();
      h.setProcessingTime(T0.toEpochMilli());
      TicketEvent far = created("T-1", FAR.minus(Duration.ofDays(1)));
      send(h, far);
      send(h, created("T-3", T0.plus(Duration.ofMinutes(30))));
      assertEquals(List.of(far), rejected(h));
    }
  }

  /**
   * The first event after a quiet period longer than the skew (the first ticket of the morning, the
   * watermark still at last evening's event) is accepted: the wall clock is its time. Measured
   * against the watermark alone it was rejected, and its ticket then had no creation (a review).
   */
  @Test
  void theFirstEventAfterAQuietPeriodIsAccepted() throws Exception {
    try (var h = harness(TimeMode.EVENT_TIME, skew())) {
      h.open();
      Instant evening = Instant.parse("2026-03-02T18:00:00Z");
      Instant morning = Instant.parse("2026-03-03T08:00:00Z");
      h.setProcessingTime(evening.toEpochMilli());
      send(h, created("T-1", evening));
      h.processWatermark(evening.minusSeconds(1).toEpochMilli());
      h.setProcessingTime(morning.toEpochMilli());
      send(h, created("T-2", morning));
      assertEquals(List.of(), rejected(h));
      h.processWatermark(morning.plusSeconds(1).toEpochMilli());
      assertTrue(
          h.extractOutputValues().stream().anyMatch(t -> t.ticketId().equals("T-2")),
          "" + h.extractOutputValues());
    }
  }

  /** Events within the skew and late events give the output of the operator without the option. */
  @Test
  void withinTheSkewAndLateEventsTheOutputIsThatWithoutTheOption() throws Exception {
    assertEquals(run(null), run(skew()));
    assertTrue(!run(skew()).isEmpty());
  }

  private static List<SlaTransition> run(FlinkSlaClocks.Options options) throws Exception {
    try (var h = harness(TimeMode.EVENT_TIME, options)) {
      h.open();
      h.setProcessingTime(T0.toEpochMilli());
      send(h, created("T-1", T0));
      h.processWatermark(T0.plus(Duration.ofMinutes(10)).toEpochMilli());
      send(h, new TicketEvent.CustomerMessage("T-1", "T-1-m", T0.plus(Duration.ofMinutes(70))));
      send(h, TicketEvent.AgentReply.publicReply("T-1", "T-1-r", T0.plus(Duration.ofMinutes(5))));
      h.processWatermark(T0.plus(Duration.ofMinutes(40)).toEpochMilli());
      send(
          h,
          new TicketEvent.StatusChanged(
              "T-1", "T-1-s", T0.plus(Duration.ofMinutes(100)), "solved"));
      h.processWatermark(T0.plus(Duration.ofDays(2)).toEpochMilli());
      assertEquals(List.of(), rejected(h));
      return h.extractOutputValues();
    }
  }

  /** A savepoint of the operator without options restores into one with a skew bound. */
  @Test
  void aSavepointWithoutTheOptionRestores() throws Exception {
    OperatorSubtaskState snapshot;
    List<SlaTransition> expected;
    try (var h = harness(TimeMode.EVENT_TIME, null)) {
      h.open();
      send(h, created("T-1", T0));
      h.processWatermark(T0.toEpochMilli());
      snapshot = h.snapshot(1L, 1L);
      int before = h.extractOutputValues().size();
      h.processWatermark(T0.plus(Duration.ofDays(1)).toEpochMilli());
      List<SlaTransition> all = h.extractOutputValues();
      expected = all.subList(before, all.size());
    }
    try (var h = harness(TimeMode.EVENT_TIME, skew())) {
      h.initializeState(snapshot);
      h.open();
      h.setProcessingTime(T0.toEpochMilli());
      h.processWatermark(T0.toEpochMilli());
      send(h, new TicketEvent.CustomerMessage("T-1", "T-1-m", FAR));
      h.processWatermark(T0.plus(Duration.ofDays(1)).toEpochMilli());
      assertEquals(expected, h.extractOutputValues());
      assertEquals(1, rejected(h).size());
    }
  }

  @Test
  void zeroNegativeAndForeverAreRefusedByName() {
    var o = FlinkSlaClocks.Options.defaults();
    assertEquals(
        "maxEventSkew must be at least 1 ms, was PT0S",
        assertThrows(IllegalArgumentException.class, () -> o.maxEventSkew(Duration.ZERO))
            .getMessage());
    assertEquals(
        "maxEventSkew must be at least 1 ms, was PT-1S",
        assertThrows(IllegalArgumentException.class, () -> o.maxEventSkew(Duration.ofSeconds(-1)))
            .getMessage());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> o.maxEventSkew(ChronoUnit.FOREVER.getDuration()))
            .getMessage()
            .startsWith("maxEventSkew must be at most"));
    assertThrows(NullPointerException.class, () -> o.maxEventSkew(null));
    assertEquals(
        "retention must be at least 1 ms, was PT0S",
        assertThrows(IllegalArgumentException.class, () -> o.retention(Duration.ZERO))
            .getMessage());
    assertEquals(java.util.Optional.empty(), o.maxEventSkew());
    assertEquals(java.util.Optional.of(SKEW), o.maxEventSkew(SKEW).maxEventSkew());
    assertEquals(java.util.Optional.empty(), o.maxEventSkew(SKEW).retention());
  }
}
