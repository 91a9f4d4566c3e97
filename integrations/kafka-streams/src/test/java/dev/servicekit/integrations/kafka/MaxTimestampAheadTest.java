package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * {@link SlaClockTopology.Builder#maxTimestampAhead}: one record whose Kafka timestamp is far ahead
 * of the wall clock (a producer with a broken clock) no longer moves the task's stream time, so it
 * neither fires every SLA timer of its partition nor makes the next events unevaluable. The records
 * here are stamped 2026 and 2999; the wall clock is the machine's (after 2026, before 2999).
 */
class MaxTimestampAheadTest {

  private static final Instant T0 = SlaClockTopologyTest.T0;
  private static final Instant FAR = Instant.parse("2999-01-01T00:00:00Z");

  /** A ticket created at T0, then a broken record stamped 2999, then a new ticket at T0 + 1 h. */
  private static List<SlaTransition> run(SlaClockTopology.Builder b) {
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(b.deadLetterTopic("sla-rejected").build())) {
      var in = SlaClockTopologyTest.in(d);
      var out = SlaClockTopologyTest.out(d);
      var raw =
          d.createInputTopic(
              "ticket-events", Serdes.String().serializer(), Serdes.ByteArray().serializer());
      SlaClockTopologyTest.pipe(in, SlaClockTopologyTest.created("T-1", T0));
      out.readValuesToList(); // the creation's own transitions
      raw.pipeInput("junk", "{not json".getBytes(StandardCharsets.UTF_8), FAR);
      SlaClockTopologyTest.pipe(
          in, SlaClockTopologyTest.created("T-3", T0.plus(Duration.ofHours(1))));
      List<SlaTransition> after = out.readValuesToList();
      assertNotNull(SlaRetentionTopologyTest.clocks(d).get("T-1"));
      return after;
    }
  }

  @Test
  void aFarAheadRecordTimestampNoLongerFiresEveryTimer() {
    List<SlaTransition> bounded =
        run(SlaClockTopologyTest.topology().maxTimestampAhead(Duration.ofDays(1)));
    // stream time stays at the last sane record (T0 + 1 h): T-1's timers fire only up to it, and
    // T-3 is applied at its own time
    Instant sane = T0.plus(Duration.ofHours(1));
    assertTrue(bounded.stream().noneMatch(t -> t.at().isAfter(sane)), bounded::toString);
    assertTrue(
        bounded.stream().anyMatch(t -> t.ticketId().equals("T-3")),
        () -> "T-3 applied: " + bounded);

    // without the bound, stream time jumps to 2999: every timer of T-1 fires and T-3 is rejected
    List<SlaTransition> unbounded = run(SlaClockTopologyTest.topology());
    assertTrue(
        unbounded.stream()
            .anyMatch(t -> t.ticketId().equals("T-1") && t.kind() == SlaTransition.Kind.BREACHED),
        () -> "T-1 breached by the broken record: " + unbounded);
    assertTrue(unbounded.stream().noneMatch(t -> t.ticketId().equals("T-3")), unbounded::toString);
  }

  /**
   * The bound is on record timestamps only: an event whose own {@code at} is far ahead, on a record
   * with a sane timestamp, is applied with it (the README said it refused such events, as {@code
   * maxEventSkew} does).
   */
  @Test
  void itBoundsRecordTimestampsNotEventTimesWhichMaxEventSkewRefuses() {
    Instant farAt = Instant.parse("2296-01-01T00:00:00Z");
    for (boolean skew : List.of(false, true)) {
      SlaClockTopology.Builder b =
          SlaClockTopologyTest.topology().maxTimestampAhead(Duration.ofDays(1));
      if (skew) {
        b.maxEventSkew(Duration.ofDays(1));
      }
      try (TopologyTestDriver d = SlaClockTopologyTest.driver(b.build())) {
        var in = SlaClockTopologyTest.in(d);
        SlaClockTopologyTest.pipe(in, SlaClockTopologyTest.created("T-1", T0));
        in.pipeInput(
            "T-1", TicketEvent.AgentReply.publicReply("T-1", "T-1-r", farAt), T0.plusSeconds(60));
        List<SlaTransition> out = SlaClockTopologyTest.out(d).readValuesToList();
        assertEquals(
            !skew,
            out.stream().anyMatch(t -> t.at().equals(farAt)),
            () -> (skew ? "refused with maxEventSkew: " : "applied without it: ") + out);
      }
    }
  }

  @Test
  void theBoundIsRefusedByName() {
    for (Duration bad :
        List.of(Duration.ZERO, Duration.ofMillis(-1), ChronoUnit.FOREVER.getDuration())) {
      String m =
          assertThrows(
                  IllegalArgumentException.class,
                  () -> SlaClockTopologyTest.topology().maxTimestampAhead(bad))
              .getMessage();
      assertTrue(m.startsWith("maxTimestampAhead"), m);
    }
    assertThrows(
        NullPointerException.class, () -> SlaClockTopologyTest.topology().maxTimestampAhead(null));
  }
}
