package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.EventCorrection;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketInput;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link FlinkSlaClocks#functionWithCorrections} behind a job's own {@code keyBy} that is not the
 * ticket id (here upper-cased: {@code t-1} lands on key {@code T-1}): a record of another ticket is
 * refused at arrival, counted and told on the side outputs, and the key's ticket is unchanged, as
 * Kafka refuses a record keyed other than its ticket. Before, a retraction of {@code t-1} took the
 * event of the same id out of {@code T-1}'s clock, and an event waited in the key's state.
 */
class MiskeyedTicketInputsHarnessTest {

  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static KeyedOneInputStreamOperatorTestHarness<String, TicketInput, SlaTransition>
      harness() throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(
            FlinkSlaClocks.functionWithCorrections(
                Fixtures.policySet(),
                Fixtures.CALENDARS,
                TimeMode.EVENT_TIME,
                FlinkSlaClocks.Options.defaults())),
        in -> in.ticketId().toUpperCase(Locale.ROOT),
        Types.STRING);
  }

  @Test
  void aRecordOfAnotherTicketIsRefusedAndTheKeysTicketKeepsItsEvents() throws Exception {
    try (var h = harness()) {
      h.open();
      h.processElement(new TicketEvent.Created("T-1", "c", T0, Map.of(), Set.of()), 0);
      Instant reply = T0.plus(Duration.ofMinutes(10));
      h.processElement(TicketEvent.AgentReply.publicReply("T-1", "r1", reply), 0);
      h.processWatermark(reply.toEpochMilli());
      h.getOutput().clear();
      h.processElement(EventCorrection.retract("t-1", "r1"), reply.toEpochMilli());
      h.processElement(
          EventCorrection.replace(TicketEvent.AgentReply.internalNote("t-1", "r1", reply)),
          reply.toEpochMilli());
      h.processElement(
          new TicketEvent.CustomerMessage("t-1", "m1", T0.plus(Duration.ofHours(1))),
          reply.toEpochMilli());
      h.processWatermark(T0.plus(Duration.ofHours(5)).toEpochMilli());
      List<SlaTransition> out = h.extractOutputValues();
      assertTrue(
          out.stream().noneMatch(t -> t.kind() == SlaTransition.Kind.BREACHED),
          "the first reply of T-1 still stands: " + out);
      List<String> reasons =
          h.getSideOutput(FlinkSlaClocks.REJECTION_REASONS).stream()
              .map(StreamRecord::getValue)
              .toList();
      assertEquals(3, reasons.size(), reasons.toString());
      assertTrue(
          reasons.get(0).contains("\"kind\":\"Retraction\"")
              && reasons.get(0).contains("the operator's key \\\"T-1\\\" is not the correction's"),
          reasons.get(0));
      assertEquals(2, h.getSideOutput(FlinkSlaClocks.REJECTED).size());
    }
  }
}
