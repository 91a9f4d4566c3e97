package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Orphan tickets on Flink (s12stream finding 5: five tickets with events but no {@code Created}
 * kept five keyed entries after a year of watermark, with a retention): with a retention such a
 * ticket is released after the retention with no new event, its held events going to {@link
 * FlinkSlaClocks#RELEASED}. The count ({@code servicekitOrphanTickets}) is asserted by {@link
 * SlaClockMetricsHarnessTest}, whose harness exposes the operator's counters.
 */
class OrphanTicketsHarnessTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final Duration RETENTION = Duration.ofHours(1);

  private static KeyedOneInputStreamOperatorTestHarness<String, TicketEvent, SlaTransition> harness(
      Duration retention) throws Exception {
    var f =
        retention == null
            ? FlinkSlaClocks.function(Fixtures.policySet(), Fixtures.CALENDARS, TimeMode.EVENT_TIME)
            : FlinkSlaClocks.function(
                Fixtures.policySet(), Fixtures.CALENDARS, TimeMode.EVENT_TIME, retention);
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(f), TicketEvent::ticketId, Types.STRING);
  }

  private static void send(
      KeyedOneInputStreamOperatorTestHarness<String, TicketEvent, SlaTransition> h, TicketEvent e)
      throws Exception {
    h.processElement(e, e.at().toEpochMilli());
  }

  private static TicketEvent stray(int i, Instant at) {
    return new TicketEvent.StatusChanged("STRAY-" + i, "STRAY-" + i + "-s", at, "solved");
  }

  private static List<TicketEvent> released(
      KeyedOneInputStreamOperatorTestHarness<String, TicketEvent, SlaTransition> h) {
    var q = h.getSideOutput(FlinkSlaClocks.RELEASED);
    return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
  }

  @Test
  void withARetentionAnOrphanIsReleasedAfterTheRetentionWithItsEventsRouted() throws Exception {
    try (var h = harness(RETENTION)) {
      h.open();
      for (int i = 0; i < 5; i++) {
        send(h, stray(i, T0.plus(Duration.ofMinutes(i))));
      }
      TicketEvent again =
          new TicketEvent.CustomerMessage("STRAY-4", "STRAY-4-m", T0.plus(Duration.ofMinutes(50)));
      send(h, again);
      h.processWatermark(T0.plus(Duration.ofMinutes(50)).toEpochMilli());
      assertEquals(List.of(), released(h));
      // 10:04: STRAY-0..3 (last event 10:00..10:03) are due, STRAY-4 (10:50) is not.
      h.processWatermark(T0.plus(Duration.ofMinutes(64)).toEpochMilli());
      assertEquals(
          List.of(
              stray(0, T0),
              stray(1, T0.plus(Duration.ofMinutes(1))),
              stray(2, T0.plus(Duration.ofMinutes(2))),
              stray(3, T0.plus(Duration.ofMinutes(3)))),
          released(h).stream().sorted(TicketEvent.ORDER).toList());
      h.processWatermark(T0.plus(Duration.ofMinutes(110)).toEpochMilli());
      assertEquals(6, released(h).size(), "STRAY-4 with both its events");
      assertEquals(5, h.numKeyedStateEntries(), "one released marker per orphan");
      assertEquals(0, h.numEventTimeTimers());
      // A Created after the release is routed, not applied.
      send(
          h,
          new TicketEvent.Created(
              "STRAY-0", "STRAY-0-c", T0.plus(Duration.ofHours(3)), Map.of(), Set.of()));
      assertEquals(7, released(h).size());
      assertEquals(List.of(), h.extractOutputValues());
    }
  }

  @Test
  void aCreatedWithinTheRetentionMakesAnOrdinaryTicket() throws Exception {
    assertEquals(lateCreated(null), lateCreated(RETENTION));
  }

  private static List<SlaTransition> lateCreated(Duration retention) throws Exception {
    try (var h = harness(retention)) {
      h.open();
      send(h, TicketEvent.AgentReply.publicReply("T-1", "T-1-r", T0.plus(Duration.ofMinutes(10))));
      h.processWatermark(T0.plus(Duration.ofMinutes(30)).toEpochMilli());
      send(h, new TicketEvent.Created("T-1", "T-1-c", T0, Map.of(), Set.of()));
      h.processWatermark(T0.plus(Duration.ofHours(30)).toEpochMilli());
      assertEquals(List.of(), released(h));
      List<SlaTransition> out = h.extractOutputValues();
      assertTrue(!out.isEmpty());
      return out;
    }
  }
}
