package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.integrations.flink.internal.KpiWindowOperator;
import dev.servicekit.integrations.flink.internal.RevisedWindowFunction;
import dev.servicekit.integrations.flink.internal.RevisedWindowState;
import dev.servicekit.kpi.KeyCodec;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingResult;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.kpi.RevisedValues;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingTaskMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A checkpoint of an earlier build whose revised KPI window holds a {@link RevisedValues} snapshot
 * with a blank response id (kpi-core now refuses one as a key, in its snapshot readers too) used to
 * fail the job at the next observation of that window, and again after every restart. The window
 * now restores with the blank ids forgotten and their values kept: it is fed and emitted at its
 * close as the earlier build would have emitted it, the forgotten ids are counted, and windows
 * without blank ids and corrupted bytes behave as before.
 */
class BlankRevisedIdStateHarnessTest {

  private static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");
  private static final List<String> BLANKS =
      List.of("", " ", "\t", "\u00a0", "\u2007 ", "\u200b", "\ufeff\u3000");
  private static final RatingScale SCALE = RatingScale.csatFivePoint();

  /** A key the earlier build's {@code KeyCodec.strings()} stored as its text, blank or not. */
  private record Legacy(String text) {}

  private static final KeyCodec<Legacy> LEGACY = KeyCodec.of(Legacy::text, Legacy::new);

  private static final MapStateDescriptor<Long, byte[]> WINDOWS =
      new MapStateDescriptor<>(
          "kpi-windows", Types.LONG, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

  private static MockEnvironment env(InterceptingOperatorMetricGroup metrics) {
    return new MockEnvironmentBuilder()
        .setMetricGroup(
            new InterceptingTaskMetricGroup() {
              @Override
              public InternalOperatorMetricGroup getOrAddOperator(
                  OperatorID id, String name, Map<String, String> additionalVariables) {
                return metrics;
              }
            })
        .build();
  }

  private static KeyedOneInputStreamOperatorTestHarness<
          String, RevisedObservation, KpiWindow<RatingAccumulator>>
      harness(Backend backend, InterceptingOperatorMetricGroup metrics) throws Exception {
    return backend.on(
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KpiWindowOperator<>(
                new RevisedWindowFunction<>(
                    KpiWindowsEquivalenceTest.HOURLY,
                    Duration.ZERO,
                    RatingAccumulator.class,
                    () -> RatingAccumulator.create(SCALE))),
            RevisedObservation::group,
            Types.STRING,
            env(metrics)));
  }

  private static void send(
      KeyedOneInputStreamOperatorTestHarness<String, RevisedObservation, ?> h, RevisedObservation o)
      throws Exception {
    h.processElement(o, o.at().toEpochMilli());
  }

  /** The window of {@code group} starting at NINE, as stored bytes (or null). */
  private static MapState<Long, byte[]> windows(
      KeyedOneInputStreamOperatorTestHarness<String, ?, ?> h, String group) throws Exception {
    KeyedStateBackend<String> b = h.getOperator().getKeyedStateBackend();
    b.setCurrentKey(group);
    return b.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, WINDOWS);
  }

  /**
   * What the earlier build held for agent-1's 09:00 window: S-1 = 4 (revision 1), the blank id = 2
   * (revision 3), a second blank id removed (revision 2) when it is not the first, one stale
   * revision.
   */
  private static RevisedValues<Legacy, RatingAccumulator> legacyWindow(String blank, String other) {
    RevisedValues<Legacy, RatingAccumulator> rv =
        RevisedValues.create(RatingAccumulator.create(SCALE));
    rv.apply(new Legacy("S-1"), 1, 4);
    rv.apply(new Legacy(blank), 3, 2);
    rv.apply(new Legacy(blank), 2, 5); // stale
    if (!other.equals(blank)) {
      rv.apply(new Legacy(other), 1, 3);
      rv.remove(new Legacy(other), 2);
    }
    return rv;
  }

  private static Map<String, KpiWindow<RatingAccumulator>> emitted(
      KeyedOneInputStreamOperatorTestHarness<String, ?, KpiWindow<RatingAccumulator>> h) {
    Map<String, KpiWindow<RatingAccumulator>> out = new HashMap<>();
    for (KpiWindow<RatingAccumulator> w : h.extractOutputValues()) {
      assertEquals(null, out.put(w.group() + "@" + w.start(), w), "emitted twice");
    }
    return out;
  }

  /**
   * Runs the earlier build's state through a restore: {@code fedAfter} decides whether agent-1's
   * window gets observations after the restore (the processElement path) or is only fired (the
   * timer path).
   */
  private void restoreAndRun(Backend backend, String blank, boolean fedAfter) throws Exception {
    String other = BLANKS.get((BLANKS.indexOf(blank) + 1) % BLANKS.size());
    RevisedValues<Legacy, RatingAccumulator> legacy = legacyWindow(blank, other);
    OperatorSubtaskState checkpoint;
    byte[] agent2Bytes;
    try (var h = harness(backend, new InterceptingOperatorMetricGroup())) {
      h.open();
      // windows (and their timers) as the earlier build made them, then agent-1's bytes replaced by
      // what that build stored with a blank id in it
      send(h, new RevisedObservation("agent-1", "S-1", 1, 4, NINE));
      send(h, new RevisedObservation("agent-2", "S-9", 1, 3, NINE.plusSeconds(5)));
      windows(h, "agent-1").put(NINE.toEpochMilli(), legacy.toBytes(LEGACY));
      agent2Bytes = windows(h, "agent-2").get(NINE.toEpochMilli());
      checkpoint = h.snapshot(1L, 1L);
    }
    InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
    try (var h = harness(backend, metrics)) {
      h.initializeState(checkpoint);
      h.open();
      // the earlier build's result, fed what this build accepts after the restore
      RevisedValues<Legacy, RatingAccumulator> expected = legacyWindow(blank, other);
      if (fedAfter) {
        send(h, new RevisedObservation("agent-1", "S-1", 2, 5, NINE.plusSeconds(60)));
        expected.apply(new Legacy("S-1"), 2, 5);
        send(h, new RevisedObservation("agent-1", "S-2", 1, 1, NINE.plusSeconds(61)));
        expected.apply(new Legacy("S-2"), 1, 1);
        send(h, new RevisedObservation("agent-1", "S-2", 0, 3, NINE.plusSeconds(62))); // stale
        expected.apply(new Legacy("S-2"), 0, 3);
        RevisedObservation blankAgain = new RevisedObservation("agent-1", blank, 4, 5, NINE);
        send(h, blankAgain); // a blank id is rejected now: the forgotten value stays
        assertEquals(
            List.of(blankAgain),
            List.copyOf(h.getSideOutput(FlinkKpiWindows.REJECTED)).stream()
                .map(StreamRecord::getValue)
                .toList());
        // migrated in state once: a new read finds no blank id
        RevisedValues.fromBytes(
            windows(h, "agent-1").get(NINE.toEpochMilli()),
            RatingAccumulator.class,
            KeyCodec.strings());
      }
      h.processWatermark(NINE.plusSeconds(7_200).toEpochMilli());
      Map<String, KpiWindow<RatingAccumulator>> out = emitted(h);
      assertEquals(2, out.size(), () -> "emitted: " + out.keySet());
      KpiWindow<RatingAccumulator> w1 = out.get("agent-1@" + NINE);
      RatingResult want = expected.target().result();
      assertEquals(want, w1.accumulator().result());
      assertEquals(expected.staleCount(), w1.stale());
      assertTrue(want.count() >= 2, "the blank id's value is in the window");
      KpiWindow<RatingAccumulator> w2 = out.get("agent-2@" + NINE);
      assertEquals(
          RevisedValues.fromBytes(agent2Bytes, RatingAccumulator.class, KeyCodec.strings())
              .target()
              .result(),
          w2.accumulator().result());
      long blanksHeld = other.equals(blank) ? 1 : 2;
      assertEquals(
          blanksHeld, ((Counter) metrics.get("servicekitForgottenBlankIds")).getCount(), blank);
      assertEquals(
          fedAfter ? 1 : 0, ((Counter) metrics.get("servicekitRejectedObservations")).getCount());
      assertTrue(windows(h, "agent-1").isEmpty(), "emitted and cleared");
      assertTrue(windows(h, "agent-2").isEmpty(), "emitted and cleared");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aWindowHoldingBlankIdsIsFedAndEmittedAsTheEarlierBuildWould(Backend backend)
      throws Exception {
    for (String blank : BLANKS) {
      restoreAndRun(backend, blank, true);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aWindowHoldingBlankIdsFiresAtItsCloseWithoutAnotherObservation(Backend backend)
      throws Exception {
    for (String blank : BLANKS) {
      restoreAndRun(backend, blank, false);
    }
  }

  @Test
  void stateWithoutBlankIdsIsReadAsBeforeAndCorruptedBytesAreStillRefused() {
    RevisedValues<String, RatingAccumulator> fine =
        RevisedValues.create(RatingAccumulator.create(SCALE));
    fine.apply("S-1", 1, 4);
    fine.apply("S-1", 0, 2);
    byte[] bytes = fine.toBytes(KeyCodec.strings());
    RevisedWindowState.Read<RatingAccumulator> read =
        RevisedWindowState.read(bytes, RatingAccumulator.class);
    assertEquals(List.of(), read.forgotten());
    assertEquals(null, read.migrated());
    assertArrayEquals(bytes, read.values().toBytes(KeyCodec.strings()));

    byte[] legacy = legacyWindow(" ", "").toBytes(LEGACY);
    for (int i = 0; i < legacy.length; i++) {
      byte[] corrupt = legacy.clone();
      corrupt[i] ^= 0x5a;
      IllegalArgumentException direct =
          assertThrows(
              IllegalArgumentException.class,
              () -> RevisedValues.fromBytes(corrupt, RatingAccumulator.class, KeyCodec.strings()));
      IllegalArgumentException viaState =
          assertThrows(
              IllegalArgumentException.class,
              () -> RevisedWindowState.read(corrupt, RatingAccumulator.class),
              "byte " + i);
      assertEquals(direct.getMessage(), viaState.getMessage(), "byte " + i);
    }
  }

  @Test
  void theLogNamesTheForgottenIdsByCodePointBounded() {
    assertEquals(
        "[U+0020, \"\" (empty), U+00A0 U+200B]",
        RevisedWindowState.describe(List.of(" ", "", "\u00a0\u200b")));
    assertEquals(
        "[U+0020 U+0020 U+0020 U+0020 U+0020 U+0020 U+0020 U+0020 ... (40 chars), U+0009,"
            + " U+3000, ... (5 ids)]",
        RevisedWindowState.describe(List.of(" ".repeat(40), "\t", "\u3000", "\n", "\r")));
  }
}
