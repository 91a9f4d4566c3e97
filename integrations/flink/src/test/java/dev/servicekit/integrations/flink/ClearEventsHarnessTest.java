package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.integrations.flink.internal.TicketEventSerializer;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The clears ({@code AttributeCleared}, {@code PriorityCleared}) on the Flink clock function: its
 * event serializer carries them, and a job checkpointed with clears in its clocks and among its
 * events waiting for the watermark, then restored, emits the transitions of in-process servicekit.
 * The state formats need no new version: a clock is its snapshot bytes (version 3 when it holds a
 * clear, versions 1 and 2 still read) and a waiting event its versioned JSON.
 */
class ClearEventsHarnessTest {

  private static final Instant BASE = Instant.parse("2026-03-02T00:00:00Z");

  /** Resolution 1h for urgent (severity s1), 8h otherwise (the matrix default). */
  static SlaPolicySet set() {
    return SlaPolicySet.builder()
        .statuses("new", "open", "pending", "solved")
        .solvedStatuses("solved")
        .defaultPolicy(
            SlaPolicy.builder("p")
                .matrix(
                    PriorityMatrix.builder()
                        .cell("s1", "gold", "urgent")
                        .defaultPriority("normal")
                        .build())
                .target("urgent", SlaMetric.resolution(), Duration.ofHours(1))
                .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
                .build())
        .build();
  }

  /** Re-targeting tickets, in event order (the harness's watermark follows them). */
  static List<TicketEvent> events(long seed, int tickets) {
    Random r = new Random(seed);
    List<TicketEvent> out = new ArrayList<>();
    for (int i = 0; i < tickets; i++) {
      String t = "T-" + i;
      Instant at = BASE.plusSeconds(r.nextInt(6 * 3600));
      out.add(
          TicketEvent.Created.byCustomer(
              t, t + "-c", at, Map.of("severity", "s1", "tier", "gold"), Set.of()));
      for (int k = 0; k < 2 + r.nextInt(6); k++) {
        at = at.plusSeconds(60 + r.nextInt(30 * 60));
        String id = String.format("%s-%02d", t, k);
        out.add(
            switch (r.nextInt(5)) {
              case 0 -> new TicketEvent.AttributeChanged(t, id, at, "severity", "s1");
              case 1 -> new TicketEvent.AttributeCleared(t, id, at, "severity");
              case 2 -> new TicketEvent.PriorityChanged(t, id, at, "urgent");
              case 3 -> new TicketEvent.PriorityCleared(t, id, at);
              default -> new TicketEvent.StatusChanged(t, id, at, "pending");
            });
      }
    }
    out.sort(TicketEvent.ORDER);
    return out;
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, TicketEvent, SlaTransition> harness(
      SlaPolicySet set) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(
            FlinkSlaClocks.function(set, Fixtures.CALENDARS, TimeMode.EVENT_TIME)),
        TicketEvent::ticketId,
        Types.STRING);
  }

  @Test
  void theEventSerializerCarriesTheClears() throws Exception {
    for (TicketEvent e :
        List.of(
            new TicketEvent.AttributeCleared("T-1", "a", BASE, "severity"),
            new TicketEvent.PriorityCleared("T-1", "p", BASE))) {
      DataOutputSerializer out = new DataOutputSerializer(64);
      TicketEventSerializer.INSTANCE.serialize(e, out);
      TicketEvent back =
          TicketEventSerializer.INSTANCE.deserialize(
              new DataInputDeserializer(out.getCopyOfBuffer()));
      assertEquals(e, back);
      assertEquals(e, TicketEventSerializer.INSTANCE.copy(e));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRestoredJobWithClearsEmitsTheInProcessTransitions(Backend backend) throws Exception {
    SlaPolicySet set = set();
    List<TicketEvent> events = events(3L, 40);
    int half = events.size() / 2;
    List<String> actual = new ArrayList<>();
    OperatorSubtaskState snapshot;
    try (var h = backend.on(harness(set))) {
      h.open();
      for (int i = 0; i < half; i++) {
        TicketEvent e = events.get(i);
        h.processElement(e, e.at().toEpochMilli());
        // the watermark lags a few events: the latest ones wait in state at the checkpoint
        if (i >= 3) {
          h.processWatermark(events.get(i - 3).at().toEpochMilli() - 1);
        }
      }
      snapshot = h.snapshot(1L, 1L);
      h.extractOutputValues().forEach(t -> actual.add(Streams.line(t)));
    }
    try (var h = backend.on(harness(set))) {
      h.initializeState(snapshot);
      h.open();
      for (int i = half; i < events.size(); i++) {
        TicketEvent e = events.get(i);
        h.processElement(e, e.at().toEpochMilli());
        h.processWatermark(events.get(i - 3).at().toEpochMilli() - 1);
      }
      h.processWatermark(Long.MAX_VALUE);
      h.extractOutputValues().forEach(t -> actual.add(Streams.line(t)));
    }
    Collections.sort(actual);
    List<String> expected = Streams.transitions(set, events);
    assertEquals(expected, actual);
    assertTrue(
        expected.stream().anyMatch(l -> l.contains("BREACHED")),
        "some ticket stays urgent long enough to breach");
  }
}
