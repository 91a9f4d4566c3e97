package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.integrations.flink.internal.KpiWindowOperator;
import dev.servicekit.integrations.flink.internal.RevisedWindowFunction;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** KPI windows on the keyed operator harness, and the serializers built on the core formats. */
class KpiWindowsHarnessTest {

  private static final Instant DAY1 = Instant.parse("2026-03-02T09:00:00Z");

  private static KeyedOneInputStreamOperatorTestHarness<
          String, RevisedObservation, KpiWindow<RatingAccumulator>>
      harness() throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        operator(), RevisedObservation::group, Types.STRING);
  }

  /** The operator as {@code FlinkKpiWindows.revised} builds it. */
  private static KpiWindowOperator<RevisedObservation, RatingAccumulator> operator() {
    return operator(Duration.ZERO);
  }

  private static KpiWindowOperator<RevisedObservation, RatingAccumulator> operator(
      Duration lateness) {
    return new KpiWindowOperator<>(
        new RevisedWindowFunction<>(
            Streams.DAILY,
            lateness,
            RatingAccumulator.class,
            () -> RatingAccumulator.create(RatingScale.csatFivePoint())));
  }

  private static void send(
      KeyedOneInputStreamOperatorTestHarness<String, RevisedObservation, ?> h, RevisedObservation o)
      throws Exception {
    h.processElement(o, o.at().toEpochMilli());
  }

  @Test
  void theLastRevisionWinsOnceAndTheWindowIsEmittedAtItsEnd() throws Exception {
    try (var h = harness()) {
      h.open();
      send(h, new RevisedObservation("agent-1", "S-1", 2, 5, DAY1));
      send(h, new RevisedObservation("agent-1", "S-1", 1, 1, DAY1)); // stale
      send(h, new RevisedObservation("agent-1", "S-1", 2, 5, DAY1)); // duplicate
      send(h, new RevisedObservation("agent-1", "S-2", 1, 3, DAY1.plusSeconds(3600)));
      h.processWatermark(Instant.parse("2026-03-02T23:59:59.998Z").toEpochMilli());
      assertTrue(h.extractOutputValues().isEmpty(), "the day is still open");
      h.processWatermark(Instant.parse("2026-03-02T23:59:59.999Z").toEpochMilli());
      List<KpiWindow<RatingAccumulator>> out = h.extractOutputValues();
      assertEquals(1, out.size());
      KpiWindow<RatingAccumulator> w = out.get(0);
      assertEquals(Instant.parse("2026-03-02T00:00:00Z"), w.start());
      assertEquals(Instant.parse("2026-03-03T00:00:00Z"), w.end());
      assertEquals(2, w.accumulator().result().count());
      assertEquals(8, w.accumulator().result().sum());
      assertEquals(1, w.stale());
    }
  }

  /**
   * A removal is one more revision of its id: a deletion stays whatever the arrival order (the edit
   * made before it, arriving after it, is stale), across a snapshot and restore of the operator,
   * and a later revision of a value brings the id back.
   */
  @Test
  void aRemovalRevisesItsIdOutOfTheWindowWhateverTheOrderAndAcrossARestore() throws Exception {
    org.apache.flink.runtime.checkpoint.OperatorSubtaskState state;
    try (var h = harness()) {
      h.open();
      send(h, new RevisedObservation("agent-1", "S-1", 1, 2, DAY1));
      send(h, RevisedObservation.removal("agent-1", "S-1", 3, DAY1));
      state = h.snapshot(1, 1);
    }
    try (var h = harness()) {
      h.initializeState(state);
      h.open();
      send(h, new RevisedObservation("agent-1", "S-1", 2, 5, DAY1)); // the edit, late: stale
      send(h, RevisedObservation.removal("agent-2", "S-7", 1, DAY1)); // before its value
      send(h, new RevisedObservation("agent-2", "S-7", 1, 4, DAY1)); // removed as of 1: stale
      send(h, new RevisedObservation("agent-1", "S-2", 1, 3, DAY1));
      h.processWatermark(Instant.parse("2026-03-02T23:59:59.999Z").toEpochMilli());
      List<KpiWindow<RatingAccumulator>> out = h.extractOutputValues();
      KpiWindow<RatingAccumulator> one =
          out.stream().filter(w -> w.group().equals("agent-1")).findFirst().orElseThrow();
      assertEquals(1, one.accumulator().result().count());
      assertEquals(3, one.accumulator().result().sum());
      assertEquals(1, one.stale());
      KpiWindow<RatingAccumulator> two =
          out.stream().filter(w -> w.group().equals("agent-2")).findFirst().orElseThrow();
      assertEquals(0, two.accumulator().result().count());
    }
    try (var h = harness()) {
      h.open();
      send(h, RevisedObservation.removal("agent-1", "S-1", 3, DAY1));
      send(h, new RevisedObservation("agent-1", "S-1", 4, 1, DAY1)); // restored, revision 4
      h.processWatermark(Instant.parse("2026-03-02T23:59:59.999Z").toEpochMilli());
      assertEquals(1, h.extractOutputValues().get(0).accumulator().result().sum());
    }
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> new RevisedObservation("agent-1", "S-1", 3, 5, DAY1, true));
    assertEquals(
        "value must be 0 for a removal (it removes the id's value), was 5", e.getMessage());
  }

  @Test
  void anObservationForAnEmittedWindowGoesToTheLateSideOutput() throws Exception {
    try (var h = harness()) {
      h.open();
      send(h, new RevisedObservation("agent-1", "S-1", 1, 4, DAY1));
      h.processWatermark(Instant.parse("2026-03-03T01:00:00Z").toEpochMilli());
      RevisedObservation late = new RevisedObservation("agent-1", "S-1", 2, 1, DAY1);
      send(h, late);
      assertEquals(1, h.extractOutputValues().size());
      assertEquals(4, h.extractOutputValues().get(0).accumulator().result().sum());
      List<StreamRecord<RevisedObservation>> side =
          List.copyOf(h.getSideOutput(FlinkKpiWindows.LATE));
      assertEquals(List.of(late), side.stream().map(StreamRecord::getValue).toList());
    }
  }

  /**
   * After a restore, a late observation replayed before the first watermark still goes to the late
   * side output (a review found a second window emitted for the group: the revised windows kept no
   * watermark floor).
   */
  @Test
  void aLateObservationReplayedAfterARestoreStaysLate() throws Exception {
    org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
    try (var h = harness()) {
      h.open();
      send(h, new RevisedObservation("agent-1", "S-1", 1, 4, DAY1));
      h.processWatermark(Instant.parse("2026-03-03T01:00:00Z").toEpochMilli());
      assertEquals(1, h.extractOutputValues().size());
      snapshot = h.snapshot(1L, 1L);
    }
    try (var h = harness()) {
      h.initializeState(snapshot);
      h.open();
      RevisedObservation late = new RevisedObservation("agent-1", "S-3", 1, 1, DAY1);
      send(h, late);
      h.processWatermark(Instant.parse("2026-03-03T01:00:01Z").toEpochMilli());
      assertEquals(List.of(), h.extractOutputValues(), "the day is not emitted twice");
      assertEquals(
          List.of(late),
          List.copyOf(h.getSideOutput(FlinkKpiWindows.LATE)).stream()
              .map(StreamRecord::getValue)
              .toList());
    }
  }

  /**
   * A day still open at the checkpoint, restored with a longer lateness (two hours instead of
   * none), is emitted once, when the watermark passes its end plus the new lateness, as in-process
   * {@code RevisedValues} holds it. A review found it never emitted when no observation of the
   * window came after the restore: its timer, registered under the old lateness, fired first and
   * found it not due, and nothing registered another.
   */
  @Test
  void aWindowOpenAtARestoreWithALongerLatenessIsEmittedAtItsNewClose() throws Exception {
    List<RevisedObservation> sent =
        List.of(
            new RevisedObservation("agent-1", "S-1", 1, 4, DAY1),
            new RevisedObservation("agent-1", "S-2", 1, 2, DAY1.plusSeconds(60)));
    org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
    try (var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            operator(Duration.ZERO), RevisedObservation::group, Types.STRING)) {
      h.open();
      for (RevisedObservation o : sent) {
        send(h, o);
      }
      h.processWatermark(DAY1.plusSeconds(3600).toEpochMilli()); // the day is open
      snapshot = h.snapshot(1L, 1L);
    }
    try (var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            operator(Duration.ofHours(2)), RevisedObservation::group, Types.STRING)) {
      h.initializeState(snapshot);
      h.open();
      // the day's end plus the new lateness, less the millisecond of a watermark's own time
      Instant close = Instant.parse("2026-03-03T02:00:00Z").minusMillis(1);
      h.processWatermark(close.minusMillis(1).toEpochMilli());
      assertEquals(List.of(), h.extractOutputValues(), "open under the new lateness");
      h.processWatermark(close.toEpochMilli());
      List<KpiWindow<RatingAccumulator>> out = h.extractOutputValues();
      assertEquals(1, out.size(), "emitted once, at its new close");
      assertEquals(
          Streams.windows(sent).get("agent-1@" + Streams.DAILY.start(DAY1)).result(),
          out.get(0).accumulator().result());
      h.processWatermark(Long.MAX_VALUE);
      assertEquals(1, h.extractOutputValues().size(), "never again");
    }
  }

  /** A late observation is counted, as the builder's windows count theirs (it went uncounted). */
  @Test
  void aLateObservationIsCounted() throws Exception {
    org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup metrics =
        new org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup();
    try (var env =
            new org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder()
                .setTaskName("MockTask")
                .setManagedMemorySize(3 * 1024 * 1024)
                .setMaxParallelism(1)
                .setParallelism(1)
                .setSubtaskIndex(0)
                .setMetricGroup(
                    new org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups
                        .UnregisteredTaskMetricGroup() {
                      @Override
                      public org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup
                          getOrAddOperator(
                              org.apache.flink.runtime.jobgraph.OperatorID id,
                              String name,
                              Map<String, String> variables) {
                        return metrics;
                      }
                    })
                .build();
        var h =
            new KeyedOneInputStreamOperatorTestHarness<>(
                operator(), RevisedObservation::group, Types.STRING, env)) {
      h.open();
      send(h, new RevisedObservation("agent-1", "S-1", 1, 4, DAY1));
      h.processWatermark(Instant.parse("2026-03-03T01:00:00Z").toEpochMilli());
      send(h, new RevisedObservation("agent-1", "S-2", 1, 2, DAY1));
      assertEquals(
          1L,
          ((org.apache.flink.metrics.Counter) metrics.get("servicekitLateObservations"))
              .getCount());
    }
  }

  @Test
  void anObservationOffTheScaleChangesNothingAndGoesToTheRejectedSideOutput() throws Exception {
    try (var h = harness()) {
      h.open();
      send(h, new RevisedObservation("agent-1", "S-1", 1, 4, DAY1));
      RevisedObservation bad = new RevisedObservation("agent-1", "S-2", 1, 9, DAY1);
      send(h, bad);
      h.processWatermark(Instant.parse("2026-03-03T01:00:00Z").toEpochMilli());
      assertEquals(1, h.extractOutputValues().size());
      assertEquals(1, h.extractOutputValues().get(0).accumulator().result().count());
      assertEquals(4, h.extractOutputValues().get(0).accumulator().result().sum());
      assertEquals(
          List.of(bad),
          List.copyOf(h.getSideOutput(FlinkKpiWindows.REJECTED)).stream()
              .map(StreamRecord::getValue)
              .toList());
    }
  }

  @Test
  void anObservationTimedOutOfRangeGoesToTheRejectedSideOutputNotFailTheJob() throws Exception {
    // review20 finding 1: Instant.MAX used to fail the job with a DateTimeException
    List<RevisedObservation> bad =
        List.of(
            new RevisedObservation("agent-1", "S-2", 1, 3, Instant.MAX),
            new RevisedObservation("agent-1", "S-3", 1, 3, Instant.MIN),
            new RevisedObservation(
                "agent-1", "S-4", 1, 3, Instant.ofEpochMilli(Long.MAX_VALUE).plusMillis(1)),
            new RevisedObservation("agent-1", "S-5", 1, 3, Instant.ofEpochMilli(Long.MAX_VALUE)),
            new RevisedObservation(
                "agent-1", "S-6", 1, 3, Instant.ofEpochMilli(Long.MIN_VALUE + 1)));
    try (var h = harness()) {
      h.open();
      send(h, new RevisedObservation("agent-1", "S-1", 1, 4, DAY1));
      for (RevisedObservation o : bad) {
        h.processElement(o, DAY1.toEpochMilli());
      }
      h.processWatermark(Instant.parse("2026-03-03T01:00:00Z").toEpochMilli());
      assertEquals(1, h.extractOutputValues().size());
      assertEquals(4, h.extractOutputValues().get(0).accumulator().result().sum());
      assertEquals(
          bad,
          List.copyOf(h.getSideOutput(FlinkKpiWindows.REJECTED)).stream()
              .map(StreamRecord::getValue)
              .toList());
    }
  }

  @Test
  void anObservationTimedOutsideTheYears1900To2300IsRejected() throws Exception {
    List<RevisedObservation> bad =
        List.of(
            new RevisedObservation("agent-1", "S-2", 1, 3, Instant.parse("2999-01-01T10:00:00Z")),
            new RevisedObservation("agent-1", "S-3", 1, 3, Instant.parse("1899-06-01T10:00:00Z")));
    try (var h = harness()) {
      h.open();
      send(h, new RevisedObservation("agent-1", "S-1", 1, 4, DAY1));
      for (RevisedObservation o : bad) {
        h.processElement(o, DAY1.toEpochMilli());
      }
      h.processWatermark(Instant.parse("2026-03-03T01:00:00Z").toEpochMilli());
      assertEquals(1, h.extractOutputValues().size());
      assertEquals(
          bad,
          List.copyOf(h.getSideOutput(FlinkKpiWindows.REJECTED)).stream()
              .map(StreamRecord::getValue)
              .toList());
    }
  }

  @Test
  void anIdTheSnapshotCannotStoreIsRejectedAndTheWindowKeepsItsState() throws Exception {
    // an unpaired surrogate was accepted by RevisedValues, then its snapshot failed the job
    RevisedObservation bad = new RevisedObservation("agent-1", "S-\uD800", 1, 5, DAY1);
    try (var h = harness()) {
      h.open();
      send(h, new RevisedObservation("agent-1", "S-1", 1, 4, DAY1));
      h.processElement(bad, DAY1.toEpochMilli());
      send(h, new RevisedObservation("agent-1", "S-2", 1, 2, DAY1));
      h.processWatermark(Instant.parse("2026-03-03T01:00:00Z").toEpochMilli());
      assertEquals(1, h.extractOutputValues().size());
      assertEquals(6, h.extractOutputValues().get(0).accumulator().result().sum());
      assertEquals(2, h.extractOutputValues().get(0).accumulator().result().count());
      assertEquals(
          List.of(bad),
          List.copyOf(h.getSideOutput(FlinkKpiWindows.REJECTED)).stream()
              .map(StreamRecord::getValue)
              .toList());
    }
  }

  @Test
  void serializersRoundTripThroughTheCoreFormats() throws IOException {
    RatingAccumulator acc = RatingAccumulator.create(RatingScale.csatFivePoint());
    acc.add(5);
    acc.add(2);
    TypeSerializer<RatingAccumulator> accs =
        ServicekitTypes.accumulators(RatingAccumulator.class)
            .createSerializer(new SerializerConfigImpl());
    assertEquals(acc.result(), roundTrip(accs, acc).result());
    TicketEvent e =
        new TicketEvent.Created("T-1", "c", DAY1, Map.of("channel", "email"), Set.of("vip"));
    TypeSerializer<TicketEvent> events =
        ServicekitTypes.ticketEvents().createSerializer(new SerializerConfigImpl());
    assertEquals(e, roundTrip(events, e));
    SlaTransition t =
        new SlaTransition(
            "T-1",
            dev.servicekit.sla.SlaMetric.firstResponse(),
            0,
            "",
            SlaTransition.Kind.WARNING,
            DAY1.plusNanos(5),
            80);
    TypeSerializer<SlaTransition> ts =
        ServicekitTypes.slaTransitions().createSerializer(new SerializerConfigImpl());
    assertEquals(t, roundTrip(ts, t));
  }

  @Test
  void aCorruptedLengthIsRejectedWithoutAllocatingIt() {
    TypeSerializer<TicketEvent> events =
        ServicekitTypes.ticketEvents().createSerializer(new SerializerConfigImpl());
    byte[] bad = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    IOException e =
        assertThrows(IOException.class, () -> events.deserialize(new DataInputDeserializer(bad)));
    assertTrue(e.getMessage().startsWith("TicketEvent JSON length must be"), e.getMessage());
  }

  private static <T> T roundTrip(TypeSerializer<T> s, T value) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    s.serialize(value, out);
    return s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
  }
}
