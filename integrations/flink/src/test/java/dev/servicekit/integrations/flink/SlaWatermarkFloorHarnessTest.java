package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.integrations.flink.internal.SlaClockFunction;
import dev.servicekit.sla.EventCorrection;
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
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The SLA operator of {@link FlinkSlaClocks#transitions} restores the watermark it had seen (Flink
 * restores none): a correction and a late event replayed after a restore, before the sources emit a
 * watermark again, are evaluated as they were before the failure, so their transitions carry the
 * same {@code at} and an idempotent sink keyed by it sees repeats only (a review found them stamped
 * at the correction record's timestamp instead: RESUMED and ACHIEVED at 09:20, not 09:10).
 */
class SlaWatermarkFloorHarnessTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static Instant t(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  @SuppressWarnings("unchecked")
  private static KeyedOneInputStreamOperatorTestHarness<String, TicketInput, SlaTransition>
      harness() throws Exception {
    SlaClockFunction<TicketInput> f =
        (SlaClockFunction<TicketInput>)
            FlinkSlaClocks.functionWithCorrections(
                Fixtures.policySet(),
                Fixtures.CALENDARS,
                TimeMode.EVENT_TIME,
                FlinkSlaClocks.Options.defaults());
    return new KeyedOneInputStreamOperatorTestHarness<>(
        f.operator(), TicketInput::ticketId, Types.STRING);
  }

  private static void send(
      KeyedOneInputStreamOperatorTestHarness<String, TicketInput, SlaTransition> h,
      TicketInput in,
      Instant ts)
      throws Exception {
    h.processElement(in, ts.toEpochMilli());
  }

  /** The correction and the late reply after the checkpoint, and what they emitted. */
  private static List<String> after(
      KeyedOneInputStreamOperatorTestHarness<String, TicketInput, SlaTransition> h)
      throws Exception {
    h.getOutput().clear();
    send(h, EventCorrection.retract("T-1", "e2"), t(20));
    send(h, TicketEvent.AgentReply.publicReply("T-1", "e3", t(3)), t(3));
    h.processWatermark(t(10).toEpochMilli());
    return h.extractOutputValues().stream().map(x -> x.kind() + "@" + x.at()).toList();
  }

  @Test
  void aCorrectionAndALateEventReplayedAfterARestoreCarryTheirInstantsOfBefore() throws Exception {
    OperatorSubtaskState snapshot;
    List<String> uninterrupted;
    try (var h = harness()) {
      h.open();
      send(h, new TicketEvent.Created("T-1", "e1", t(0), Map.of(), Set.of()), t(0));
      send(h, TicketEvent.AgentReply.publicReply("T-1", "e2", t(5)), t(5));
      h.processWatermark(t(10).toEpochMilli());
      snapshot = h.snapshot(1L, 1L);
      uninterrupted = after(h);
    }
    assertEquals(
        List.of("RESUMED@2026-03-02T09:10:00Z", "ACHIEVED@2026-03-02T09:10:00Z"), uninterrupted);
    try (var h = harness()) {
      h.initializeState(snapshot);
      h.open(); // no watermark yet: the restored one, 09:10, is the floor
      assertEquals(uninterrupted, after(h));
    }
  }
}
