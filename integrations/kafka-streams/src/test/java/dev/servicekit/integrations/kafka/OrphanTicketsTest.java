package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketEventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * Orphan tickets: events for a ticket that never gets a {@code Created} (a producer writing wrong
 * ticket ids, a lost or rejected {@code Created}) were kept for ever and counted nowhere (s12stream
 * finding 5: five such tickets held 58 B each after 60 days of stream time with a 1 h retention).
 * Now each is counted once in {@code orphan-tickets-total} and, with a retention, released after
 * the retention with no new event: its held events go to the released topic, as will later ones.
 */
class OrphanTicketsTest {

  private static final Instant T0 = SlaClockTopologyTest.T0;
  private static final Duration RETENTION = SlaRetentionTopologyTest.RETENTION;

  private static TicketEvent stray(int i, Instant at) {
    return new TicketEvent.StatusChanged("STRAY-" + i, "STRAY-" + i + "-s", at, "solved");
  }

  @Test
  void withARetentionOrphansAreCountedAndReleasedWithTheirEventsRouted() {
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(SlaClockTopologyTest.topology().retention(RETENTION).build())) {
      var in = SlaClockTopologyTest.in(d);
      var released = SlaRetentionTopologyTest.released(d);
      for (int i = 0; i < 5; i++) {
        SlaClockTopologyTest.pipe(in, stray(i, T0.plus(Duration.ofMinutes(i))));
      }
      // A second event for one orphan within the retention restarts its retention.
      TicketEvent again =
          new TicketEvent.CustomerMessage("STRAY-4", "STRAY-4-m", T0.plus(Duration.ofMinutes(50)));
      SlaClockTopologyTest.pipe(in, again);
      assertEquals(5.0, SlaRetentionTopologyTest.metric(d, "orphan-tickets-total"), "once each");

      // Stream time 10:04 + 1 ms: STRAY-0..3 (last event 09:00..09:03) are due, STRAY-4 is not.
      SlaClockTopologyTest.pipe(
          in, SlaClockTopologyTest.created("OTHER", T0.plus(Duration.ofMinutes(64))));
      for (int i = 0; i < 4; i++) {
        assertTrue(
            SlaRetentionTopologyTest.isReleasedMarker(
                SlaRetentionTopologyTest.clocks(d).get("STRAY-" + i)),
            "STRAY-" + i);
      }
      assertFalse(
          SlaRetentionTopologyTest.isReleasedMarker(
              SlaRetentionTopologyTest.clocks(d).get("STRAY-4")));
      List<TicketEvent> routed =
          released.readValuesToList().stream()
              .map(v -> TicketEventJson.read(new String(v, StandardCharsets.UTF_8)))
              .toList();
      assertEquals(
          List.of(
              stray(0, T0),
              stray(1, T0.plus(Duration.ofMinutes(1))),
              stray(2, T0.plus(Duration.ofMinutes(2))),
              stray(3, T0.plus(Duration.ofMinutes(3)))),
          routed.stream().sorted(TicketEvent.ORDER).toList());
      assertEquals(4.0, SlaRetentionTopologyTest.metric(d, "released-tickets-total"));

      // A Created arriving after its ticket was released as an orphan is routed, not applied.
      SlaClockTopologyTest.pipe(
          in, SlaClockTopologyTest.created("STRAY-0", T0.plus(Duration.ofMinutes(65))));
      assertEquals(1, released.readValuesToList().size());
      assertTrue(
          SlaRetentionTopologyTest.isReleasedMarker(
              SlaRetentionTopologyTest.clocks(d).get("STRAY-0")));

      // STRAY-4 (last event 09:50) goes at 10:50 with both its events; OTHER is open, kept.
      SlaClockTopologyTest.pipe(
          in, SlaClockTopologyTest.created("OTHER-2", T0.plus(Duration.ofMinutes(111))));
      assertEquals(2, released.readValuesToList().size());
      assertNotNull(SlaRetentionTopologyTest.clocks(d).get("OTHER"));
      assertFalse(
          SlaRetentionTopologyTest.isReleasedMarker(
              SlaRetentionTopologyTest.clocks(d).get("OTHER")));
    }
  }

  @Test
  void aTicketWhoseCreatedComesWithinTheRetentionIsKeptAndEvaluated() {
    List<SlaTransition> with = lateCreated(SlaClockTopologyTest.topology().retention(RETENTION));
    List<SlaTransition> without = lateCreated(SlaClockTopologyTest.topology());
    assertEquals(without, with);
    assertFalse(with.isEmpty());
  }

  /** A reply at 09:10 before its Created (09:00) arrives at stream time 09:40. */
  private static List<SlaTransition> lateCreated(SlaClockTopology.Builder b) {
    try (TopologyTestDriver d = SlaClockTopologyTest.driver(b.build())) {
      var in = SlaClockTopologyTest.in(d);
      var out = SlaClockTopologyTest.out(d);
      SlaClockTopologyTest.pipe(
          in, TicketEvent.AgentReply.publicReply("T-1", "T-1-r", T0.plus(Duration.ofMinutes(10))));
      in.pipeInput("T-1", SlaClockTopologyTest.created("T-1", T0), T0.plus(Duration.ofMinutes(40)));
      SlaClockTopologyTest.pipe(
          in, SlaClockTopologyTest.created("OTHER", T0.plus(Duration.ofHours(30))));
      assertEquals(1.0, SlaRetentionTopologyTest.metric(d, "orphan-tickets-total"));
      assertFalse(
          SlaRetentionTopologyTest.isReleasedMarker(SlaRetentionTopologyTest.clocks(d).get("T-1")));
      return out.readValuesToList();
    }
  }

  @Test
  void withoutARetentionOrphansAreCountedAndKept() {
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(SlaClockTopologyTest.topology().build())) {
      var in = SlaClockTopologyTest.in(d);
      for (int i = 0; i < 5; i++) {
        SlaClockTopologyTest.pipe(in, stray(i, T0));
      }
      SlaClockTopologyTest.pipe(
          in, SlaClockTopologyTest.created("OTHER", T0.plus(Duration.ofDays(60))));
      assertEquals(5.0, SlaRetentionTopologyTest.metric(d, "orphan-tickets-total"));
      for (int i = 0; i < 5; i++) {
        byte[] v = SlaRetentionTopologyTest.clocks(d).get("STRAY-" + i);
        assertNotNull(v);
        assertFalse(SlaRetentionTopologyTest.isReleasedMarker(v));
      }
    }
  }

  /**
   * An orphan's held event stamped before 1970 (events are supported from 1900): released with its
   * own time, it was a record with a negative timestamp, which Kafka refuses, so the punctuation
   * failed the task, again after every restart. It now carries 1970-01-01T00:00:00Z, the earliest
   * timestamp a Kafka record can carry; its own time is in its JSON.
   */
  @Test
  void anOrphansEventBefore1970IsReleasedStampedAtTheEpoch() {
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(SlaClockTopologyTest.topology().retention(RETENTION).build())) {
      var in = SlaClockTopologyTest.in(d);
      var released = SlaRetentionTopologyTest.released(d);
      TicketEvent ancient = stray(9, Instant.parse("1965-05-01T08:00:00Z"));
      in.pipeInput(ancient.ticketId(), ancient, T0);
      SlaClockTopologyTest.pipe(
          in, SlaClockTopologyTest.created("OTHER", T0.plus(RETENTION).plusSeconds(1)));
      var records = released.readRecordsToList();
      assertEquals(1, records.size(), records.toString());
      assertEquals(Instant.EPOCH, records.get(0).getRecordTime());
      assertEquals(
          ancient,
          TicketEventJson.read(new String(records.get(0).getValue(), StandardCharsets.UTF_8)));
    }
  }
}
