package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * {@code maxEventSkew}: an event whose {@code at} is inside the supported range but far ahead of
 * the task's time (record timestamp sane) used to be applied, emitting its ticket's warnings and
 * breaches stamped in 2299 and leaving the ticket evaluated there from then on (s12stream finding
 * 6). With the setting it is rejected: counted, dead-lettered naming the setting, the event's time
 * and the task's time, the ticket unchanged.
 */
class MaxEventSkewTest {

  private static final Instant T0 = SlaClockTopologyTest.T0;
  private static final Instant FAR = Instant.parse("2299-01-01T00:00:00Z");

  private static TestOutputTopic<String, String> dead(TopologyTestDriver d) {
    return d.createOutputTopic(
        "sla-rejected", Serdes.String().deserializer(), Serdes.String().deserializer());
  }

  /** Pipes {@code e} with a record timestamp of {@code recordTime} (not the event's at). */
  private static void pipeAt(TestInputTopic<String, TicketEvent> in, TicketEvent e, Instant ts) {
    in.pipeInput(e.ticketId(), e, ts);
  }

  @Test
  void anEventFarAheadOfStreamTimeIsRejectedAndTheTicketUnchanged() throws Exception {
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(
            SlaClockTopologyTest.topology()
                .deadLetterTopic("sla-rejected")
                .maxEventSkew(Duration.ofHours(1))
                .build())) {
      var in = SlaClockTopologyTest.in(d);
      var out = SlaClockTopologyTest.out(d);
      var dead = dead(d);
      SlaClockTopologyTest.pipe(in, SlaClockTopologyTest.created("T-2", T0));
      out.readValuesToList();
      byte[] before = SlaRetentionTopologyTest.clocks(d).get("T-2");
      assertNotNull(before);

      TicketEvent far = new TicketEvent.CustomerMessage("T-2", "T-2-m", FAR);
      pipeAt(in, far, T0.plus(Duration.ofMinutes(5)));

      assertEquals(List.of(), out.readValuesToList(), "nothing emitted for the far event");
      assertTrue(
          java.util.Arrays.equals(before, SlaRetentionTopologyTest.clocks(d).get("T-2")),
          "the ticket's state unchanged");
      assertEquals(1.0, SlaRetentionTopologyTest.metric(d, "rejected-records-total"));
      JsonNode letter = new ObjectMapper().readTree(dead.readValue());
      assertEquals(
          "IllegalArgumentException: event at 2299-01-01T00:00:00Z of ticket \"T-2\" is more than"
              + " maxEventSkew PT1H ahead of the task's time 2026-03-02T09:05:00Z (stream time)",
          letter.get("error").asText());

      // The ticket goes on as if the far event never came: its first-reply warning and breach are
      // emitted at their own instants when stream time reaches them, not stamped 2299.
      SlaClockTopologyTest.pipe(
          in, SlaClockTopologyTest.created("T-9", T0.plus(Duration.ofHours(3))));
      List<SlaTransition> later = out.readValuesToList();
      assertTrue(
          later.stream().allMatch(t -> t.at().isBefore(T0.plus(Duration.ofHours(4)))), "" + later);
      assertTrue(later.stream().anyMatch(t -> t.ticketId().equals("T-2")), "" + later);
    }
  }

  @Test
  void eventsWithinTheSkewAndLateEventsAreAppliedAsWithoutTheSetting() {
    List<SlaTransition> with =
        run(SlaClockTopologyTest.topology().maxEventSkew(Duration.ofHours(1)));
    List<SlaTransition> without = run(SlaClockTopologyTest.topology());
    assertEquals(without, with);
    assertTrue(!with.isEmpty());
  }

  /** Created at T0, a message 59 min ahead of stream time, a late reply, then time moves on. */
  private static List<SlaTransition> run(SlaClockTopology.Builder b) {
    try (TopologyTestDriver d = SlaClockTopologyTest.driver(b.build())) {
      var in = SlaClockTopologyTest.in(d);
      var out = SlaClockTopologyTest.out(d);
      SlaClockTopologyTest.pipe(in, SlaClockTopologyTest.created("T-1", T0));
      pipeAt(
          in,
          new TicketEvent.CustomerMessage("T-1", "T-1-m", T0.plus(Duration.ofMinutes(69))),
          T0.plus(Duration.ofMinutes(10))); // exactly 59 min ahead: within the skew
      pipeAt(
          in,
          new TicketEvent.CustomerMessage("T-1", "T-1-m2", T0.plus(Duration.ofMinutes(80))),
          T0.plus(Duration.ofMinutes(20))); // exactly 60 min ahead: at the bound, accepted
      SlaClockTopologyTest.pipe(
          in, SlaClockTopologyTest.created("T-5", T0.plus(Duration.ofMinutes(90))));
      pipeAt(
          in,
          TicketEvent.AgentReply.publicReply("T-1", "T-1-r", T0.plus(Duration.ofMinutes(5))),
          T0.plus(Duration.ofMinutes(5))); // late: behind stream time
      SlaClockTopologyTest.pipe(
          in, SlaClockTopologyTest.created("T-6", T0.plus(Duration.ofDays(2))));
      assertEquals(0.0, SlaRetentionTopologyTest.metric(d, "rejected-records-total"));
      return out.readValuesToList();
    }
  }

  @Test
  void withTheWallClockTheSkewIsMeasuredFromTheWallClock() {
    // The driver's wall clock starts at T0 and is the task's time from the first record on.
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(
            SlaClockTopologyTest.topology()
                .wallClock(true)
                .maxEventSkew(Duration.ofHours(1))
                .build())) {
      var in = SlaClockTopologyTest.in(d);
      pipeAt(in, SlaClockTopologyTest.created("T-1", T0.plus(Duration.ofMinutes(59))), T0);
      pipeAt(in, SlaClockTopologyTest.created("T-2", T0.plus(Duration.ofMinutes(61))), T0);
      assertEquals(1.0, SlaRetentionTopologyTest.metric(d, "rejected-records-total"));
      assertNotNull(SlaRetentionTopologyTest.clocks(d).get("T-1"));
      assertEquals(null, SlaRetentionTopologyTest.clocks(d).get("T-2"));
      d.advanceWallClockTime(Duration.ofMinutes(2));
      pipeAt(in, SlaClockTopologyTest.created("T-2", T0.plus(Duration.ofMinutes(61))), T0);
      assertNotNull(SlaRetentionTopologyTest.clocks(d).get("T-2"), "within the skew now");
    }
  }

  @Test
  void zeroNegativeAndForeverAreRefusedByName() {
    var b = SlaClockTopologyTest.topology();
    assertEquals(
        "maxEventSkew must be at least 1 ms, was PT0S",
        assertThrows(IllegalArgumentException.class, () -> b.maxEventSkew(Duration.ZERO))
            .getMessage());
    assertEquals(
        "maxEventSkew must be at least 1 ms, was PT-1S",
        assertThrows(IllegalArgumentException.class, () -> b.maxEventSkew(Duration.ofSeconds(-1)))
            .getMessage());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> b.maxEventSkew(ChronoUnit.FOREVER.getDuration()))
            .getMessage()
            .startsWith("maxEventSkew must be at most"));
    assertThrows(NullPointerException.class, () -> b.maxEventSkew(null));
  }
}
