package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * A priority raised at 10:05 moves the first reply's and the resolution's deadlines while their
 * states and warnings stay: the topology emits DEADLINE_CHANGED with the new due instants (before,
 * it emitted nothing, and no transition said when a cycle was due), and every transition carries
 * its cycle's deadline, in the JSON the serde writes.
 */
class SlaDeadlineChangedTopologyTest {

  static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  /** Normal: first reply 1 h, resolution 8 h; urgent: 15 min and 2 h; 24/7. */
  static SlaPolicySet set() {
    return SlaPolicySet.builder()
        .statuses("new", "open", "pending", "solved")
        .solvedStatuses("solved")
        .defaultPolicy(
            SlaPolicy.builder("standard")
                .matrix(PriorityMatrix.constant("normal"))
                .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
                .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
                .target("urgent", SlaMetric.firstResponse(), Duration.ofMinutes(15))
                .target("urgent", SlaMetric.resolution(), Duration.ofHours(2))
                .build())
        .build();
  }

  static List<String> described(List<SlaTransition> ts) {
    return ts.stream()
        .map(t -> t.metric() + " " + t.kind() + " due " + t.deadline().orElseThrow())
        .toList();
  }

  @Test
  void aRaisedPriorityIsADeadlineChangedForEachCycleItMoves() {
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(SlaClockTopology.builder(set(), Map.of()).build())) {
      var in = SlaClockTopologyTest.in(d);
      var out = SlaClockTopologyTest.out(d);
      SlaClockTopologyTest.pipe(in, SlaClockTopologyTest.created("T-1", T0));
      assertEquals(
          List.of(
              "first_response STARTED due 2026-03-02T11:00:00Z",
              "resolution STARTED due 2026-03-02T18:00:00Z"),
          described(out.readValuesToList()));
      SlaClockTopologyTest.pipe(
          in, new TicketEvent.PriorityChanged("T-1", "p", T0.plusSeconds(300), "urgent"));
      assertEquals(
          List.of(
              "first_response DEADLINE_CHANGED due 2026-03-02T10:15:00Z",
              "resolution DEADLINE_CHANGED due 2026-03-02T12:00:00Z"),
          described(out.readValuesToList()));
      // back to normal: moved back; a reply then achieves the first reply, due 11:00
      SlaClockTopologyTest.pipe(
          in, new TicketEvent.PriorityChanged("T-1", "p2", T0.plusSeconds(360), "normal"));
      SlaClockTopologyTest.pipe(
          in, TicketEvent.AgentReply.publicReply("T-1", "r", T0.plusSeconds(420)));
      assertEquals(
          List.of(
              "first_response DEADLINE_CHANGED due 2026-03-02T11:00:00Z",
              "resolution DEADLINE_CHANGED due 2026-03-02T18:00:00Z",
              "first_response ACHIEVED due 2026-03-02T11:00:00Z"),
          described(out.readValuesToList()));
    }
  }
}
