package dev.servicekit.integrations.flink;

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
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A priority raised at 10:05 moves the first reply's and the resolution's deadlines while their
 * states and warnings stay: the function emits DEADLINE_CHANGED with the new due instants, as the
 * Kafka topology does ({@code SlaDeadlineChangedTopologyTest}), and a checkpoint restores the
 * reported deadlines (nothing is emitted again after the restore). Before, nothing was emitted and
 * no transition said when a cycle was due.
 */
class SlaDeadlineChangedHarnessTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  /** Normal: first reply 1 h, resolution 8 h; urgent: 15 min and 2 h; 24/7. */
  private static SlaPolicySet set() {
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

  private static KeyedOneInputStreamOperatorTestHarness<String, TicketEvent, SlaTransition> harness(
      Backend backend) throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, TicketEvent, SlaTransition> h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                FlinkSlaClocks.function(set(), Map.of(), TimeMode.EVENT_TIME)),
            TicketEvent::ticketId,
            Types.STRING);
    return backend.on(h);
  }

  private static List<String> described(List<SlaTransition> ts) {
    return ts.stream()
        .map(t -> t.metric() + " " + t.kind() + " due " + t.deadline().orElseThrow())
        .toList();
  }

  private static void send(
      KeyedOneInputStreamOperatorTestHarness<String, TicketEvent, SlaTransition> h, TicketEvent e)
      throws Exception {
    h.processElement(e, e.at().toEpochMilli());
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRaisedPriorityIsADeadlineChangedForEachCycleItMoves(Backend backend) throws Exception {
    org.apache.flink.runtime.checkpoint.OperatorSubtaskState state;
    try (var h = harness(backend)) {
      h.open();
      send(h, TicketEvent.Created.byCustomer("T-1", "c", T0));
      h.processWatermark(T0.toEpochMilli());
      send(h, new TicketEvent.PriorityChanged("T-1", "p", T0.plusSeconds(300), "urgent"));
      h.processWatermark(T0.plusSeconds(300).toEpochMilli());
      assertEquals(
          List.of(
              "first_response STARTED due 2026-03-02T11:00:00Z",
              "resolution STARTED due 2026-03-02T18:00:00Z",
              "first_response DEADLINE_CHANGED due 2026-03-02T10:15:00Z",
              "resolution DEADLINE_CHANGED due 2026-03-02T12:00:00Z"),
          described(h.extractOutputValues()));
      state = h.snapshot(1, 1);
    }
    try (var h = harness(backend)) {
      h.initializeState(state);
      h.open();
      send(h, TicketEvent.AgentReply.publicReply("T-1", "r", T0.plusSeconds(420)));
      h.processWatermark(T0.plusSeconds(420).toEpochMilli());
      // the deadlines reported before the checkpoint are not reported again
      assertEquals(
          List.of("first_response ACHIEVED due 2026-03-02T10:15:00Z"),
          described(h.extractOutputValues()));
    }
  }
}
