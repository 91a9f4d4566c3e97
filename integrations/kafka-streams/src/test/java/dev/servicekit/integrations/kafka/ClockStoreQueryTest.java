package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * Interactive queries: {@link SlaClockTopology#clockOf} reads a ticket's clock out of the clock
 * store's value (an internal format the README pointed CRMs at without a way to read it), so that a
 * CRM evaluates it at its own instant exactly as a clock fed the same events; a released ticket
 * gives none, and bytes that are no store value are refused.
 */
class ClockStoreQueryTest {

  private static final Instant T0 = SlaClockTopologyTest.T0;

  @Test
  void aStoredClockEvaluatesAsTheClockOfItsEvents() {
    List<TicketEvent> events =
        List.of(
            SlaClockTopologyTest.created("T-1", T0),
            new TicketEvent.CustomerMessage("T-1", "m1", T0.plus(Duration.ofMinutes(5))),
            TicketEvent.AgentReply.publicReply("T-1", "r1", T0.plus(Duration.ofMinutes(40))),
            new TicketEvent.StatusChanged("T-1", "p1", T0.plus(Duration.ofMinutes(50)), "pending"));
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(SlaClockTopologyTest.topology().build())) {
      var in = SlaClockTopologyTest.in(d);
      events.forEach(e -> SlaClockTopologyTest.pipe(in, e));
      byte[] value = SlaRetentionTopologyTest.clocks(d).get("T-1");
      SlaClock stored =
          SlaClockTopology.clockOf(value, SlaFixtures.policySet(), SlaFixtures.CALENDARS)
              .orElseThrow();
      SlaClock fresh = SlaClock.of(SlaFixtures.policySet(), SlaFixtures.CALENDARS, "T-1");
      events.forEach(fresh::accept);
      Instant later = T0.plus(Duration.ofHours(30));
      assertEquals(fresh.evaluate(later), stored.evaluate(later));
      assertEquals(fresh.events(), stored.events());
    }
  }

  @Test
  void aReleasedTicketHasNoClockAndOtherBytesAreRefused() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "sla-clock-query-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try (TopologyTestDriver d =
        IsolatedTopologyTestDriver.open(
            SlaClockTopologyTest.topology()
                .retention(SlaRetentionTopologyTest.RETENTION)
                .build()
                .build(),
            p,
            T0)) {
      var in = SlaClockTopologyTest.in(d);
      SlaClockTopologyTest.pipe(in, SlaClockTopologyTest.created("T-1", T0));
      SlaClockTopologyTest.pipe(
          in, TicketEvent.AgentReply.publicReply("T-1", "r1", T0.plus(Duration.ofMinutes(10))));
      SlaClockTopologyTest.pipe(
          in,
          new TicketEvent.StatusChanged("T-1", "s1", T0.plus(Duration.ofMinutes(20)), "solved"));
      SlaClockTopologyTest.pipe(
          in, SlaClockTopologyTest.created("T-2", T0.plus(Duration.ofMinutes(180))));
      byte[] marker = SlaRetentionTopologyTest.clocks(d).get("T-1");
      assertTrue(SlaRetentionTopologyTest.isReleasedMarker(marker));
      assertEquals(
          java.util.Optional.empty(),
          SlaClockTopology.clockOf(marker, SlaFixtures.policySet(), SlaFixtures.CALENDARS));
    }
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SlaClockTopology.clockOf(
                new byte[] {9, 9, 9}, SlaFixtures.policySet(), SlaFixtures.CALENDARS));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SlaClockTopology.clockOf(new byte[0], SlaFixtures.policySet(), SlaFixtures.CALENDARS));
  }
}
