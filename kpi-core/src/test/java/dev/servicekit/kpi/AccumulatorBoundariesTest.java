package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Inclusive thresholds at their exact value, negative times refused by every add and retract
 * (leaving the state as it was), and the codec and text form of each accumulator.
 */
class AccumulatorBoundariesTest {

  private static final ServiceLevelPolicy POLICY =
      ServiceLevelPolicy.of(Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(60));

  @Test
  void aWaitExactlyAtEachServiceLevelThresholdCountsAsWithinIt() {
    ServiceLevelAccumulator a = ServiceLevelAccumulator.create(POLICY);
    a.answeredMillis(20_000);
    a.answeredMillis(20_001);
    a.answeredMillis(60_000);
    a.answeredMillis(60_001);
    a.abandonedMillis(5_000);
    a.abandonedMillis(5_001);
    a.abandonedMillis(20_000);
    a.abandonedMillis(20_001);
    ServiceLevelResult r = a.result();
    assertEquals(new ServiceLevelResult(POLICY, 4, 1, 3, 160_002, 4, 3, 1), r);
  }

  @Test
  void aResultBuiltInCodeHoldsWhatAnAccumulatorCouldGive() {
    // s14low's open point: more short abandons than abandons made missedExcludingShortAbandons()
    // negative; every count now nests as the accumulator's state must.
    String[][] cases = {
      {"shortAbandoned 2 must be <= abandonedWithinThreshold (1)", "4,1,3,10,1,1,2"},
      {"abandoned -1 must be >= 0", "4,1,3,10,-1,0,0"},
      {"answeredWithinMissedAfter 5 must be <= answered (4)", "4,1,5,10,0,0,0"},
      {"answerWaitMillis 7 must be 0 when answered is 0", "0,0,0,7,0,0,0"},
      {"abandonedWithinThreshold 3 must be <= abandoned (2)", "4,1,3,10,2,3,0"},
    };
    for (String[] c : cases) {
      long[] v = java.util.Arrays.stream(c[1].split(",")).mapToLong(Long::parseLong).toArray();
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> new ServiceLevelResult(POLICY, v[0], v[1], v[2], v[3], v[4], v[5], v[6]));
      assertTrue(e.getMessage().startsWith(c[0]), e.getMessage());
    }
    assertEquals(1, new ServiceLevelResult(POLICY, 4, 1, 3, 10, 2, 1, 1).shortAbandoned());
  }

  @Test
  void retractingAtEachThresholdUndoesExactlyWhatTheAddDid() {
    long[] waits = {0, 4_999, 5_000, 5_001, 19_999, 20_000, 20_001, 60_000, 60_001};
    for (long w : waits) {
      ServiceLevelAccumulator a = ServiceLevelAccumulator.create(POLICY);
      a.answeredMillis(30_000);
      a.abandonedMillis(30_000);
      ServiceLevelResult before = a.result();
      a.answeredMillis(w);
      a.retractAnsweredMillis(w);
      assertEquals(before, a.result(), "answered " + w);
      a.abandonedMillis(w);
      a.retractAbandonedMillis(w);
      assertEquals(before, a.result(), "abandoned " + w);
    }
  }

  @Test
  void retractingACallThatFellOnTheOtherSideOfAThresholdIsRefused() {
    ServiceLevelAccumulator a = ServiceLevelAccumulator.create(POLICY);
    a.answeredMillis(20_001);
    ServiceLevelResult before = a.result();
    // 20 000 would be within the threshold, but no call within it was added
    assertThrows(IllegalArgumentException.class, () -> a.retractAnsweredMillis(20_000));
    assertEquals(before, a.result());
    ServiceLevelAccumulator b = ServiceLevelAccumulator.create(POLICY);
    b.abandonedMillis(20_001);
    assertThrows(IllegalArgumentException.class, () -> b.retractAbandonedMillis(20_000));
    b.abandonedMillis(5_001);
    assertThrows(IllegalArgumentException.class, () -> b.retractAbandonedMillis(5_000));
  }

  private static <R> void refusedUnchanged(Supplier<R> state, Executable call, String field) {
    R before = state.get();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(field), e.getMessage());
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
    assertEquals(before, state.get());
  }

  @Test
  void negativeTimesAreRefusedByEveryAddAndRetract() {
    ServiceLevelAccumulator s = ServiceLevelAccumulator.create(POLICY);
    s.answeredMillis(1_000);
    s.abandonedMillis(1_000);
    refusedUnchanged(s::result, () -> s.answeredMillis(-1), "wait");
    refusedUnchanged(s::result, () -> s.abandonedMillis(-1), "wait");
    refusedUnchanged(s::result, () -> s.retractAnsweredMillis(-1), "wait");
    refusedUnchanged(s::result, () -> s.retractAbandonedMillis(-1), "wait");

    HandleTimeAccumulator h = HandleTimeAccumulator.create();
    h.addMillis(100, 100, 100);
    refusedUnchanged(h::result, () -> h.addMillis(-1, 0, 0), "talk");
    refusedUnchanged(h::result, () -> h.addMillis(0, -1, 0), "hold");
    refusedUnchanged(h::result, () -> h.addMillis(0, 0, -1), "after-work");
    refusedUnchanged(h::result, () -> h.retractMillis(-1, 0, 0), "talk");
    refusedUnchanged(h::result, () -> h.retractMillis(0, -1, 0), "hold");
    refusedUnchanged(h::result, () -> h.retractMillis(0, 0, -1), "after-work");

    AgentTimeAccumulator t = AgentTimeAccumulator.create();
    t.addContactMillis(100);
    t.addTimeMillis(AgentTimeAccumulator.Bucket.IDLE, 100);
    refusedUnchanged(t::result, () -> t.addContactMillis(-1), "handleMillis");
    refusedUnchanged(t::result, () -> t.retractContactMillis(-1), "handleMillis");
    refusedUnchanged(
        t::result, () -> t.addTimeMillis(AgentTimeAccumulator.Bucket.IDLE, -1), "IDLE");
    refusedUnchanged(
        t::result, () -> t.retractTimeMillis(AgentTimeAccumulator.Bucket.IDLE, -1), "IDLE");
  }

  @Test
  void eachAccumulatorNamesItsCodecKindAndType() {
    List<SnapshotCodec<?>> codecs =
        List.of(
            AgentTimeAccumulator.snapshotCodec(),
            BacklogAccumulator.snapshotCodec(),
            CostAccumulator.snapshotCodec(),
            DrillDownSample.snapshotCodec(),
            DurationAccumulator.snapshotCodec(),
            HandleTimeAccumulator.snapshotCodec(),
            NpsAccumulator.snapshotCodec(),
            OutcomeAccumulator.snapshotCodec(),
            PercentileAccumulator.snapshotCodec(),
            ProductivityAccumulator.snapshotCodec(),
            RatingAccumulator.snapshotCodec(),
            ServiceLevelAccumulator.snapshotCodec());
    List<Class<?>> types =
        List.of(
            AgentTimeAccumulator.class,
            BacklogAccumulator.class,
            CostAccumulator.class,
            DrillDownSample.class,
            DurationAccumulator.class,
            HandleTimeAccumulator.class,
            NpsAccumulator.class,
            OutcomeAccumulator.class,
            PercentileAccumulator.class,
            ProductivityAccumulator.class,
            RatingAccumulator.class,
            ServiceLevelAccumulator.class);
    for (int i = 0; i < codecs.size(); i++) {
      assertEquals(types.get(i), codecs.get(i).type());
      assertTrue(!codecs.get(i).kind().isBlank(), types.get(i).getSimpleName());
    }
    assertEquals(codecs.size(), codecs.stream().map(SnapshotCodec::kind).distinct().count());
  }

  @Test
  void toStringNamesTheAccumulatorAndItsState() {
    HandleTimeAccumulator h = HandleTimeAccumulator.create();
    h.addMillis(1234, 0, 0);
    assertTrue(h.toString().startsWith("HandleTimeAccumulator"), h.toString());
    assertTrue(h.toString().contains("1234"), h.toString());
    AgentTimeAccumulator t = AgentTimeAccumulator.create();
    t.addContactMillis(4321);
    assertTrue(t.toString().startsWith("AgentTimeAccumulator"), t.toString());
    assertTrue(t.toString().contains("4321"), t.toString());
    ServiceLevelAccumulator s = ServiceLevelAccumulator.create(POLICY);
    s.answeredMillis(777);
    assertTrue(s.toString().startsWith("ServiceLevelAccumulator"), s.toString());
    assertTrue(s.toString().contains("777"), s.toString());
    PercentileAccumulator p = PercentileAccumulator.create(0.02);
    assertEquals(0.02, p.relativeAccuracy());
    assertTrue(p.toString().startsWith("PercentileAccumulator"), p.toString());
    DrillDownSample d = DrillDownSample.create(7);
    assertEquals(7, d.capacity());
    assertTrue(d.toString().startsWith("DrillDownSample"), d.toString());
  }

  @Test
  void everyAccumulatorsTextStartsWithItsName() {
    List<Object> all =
        List.of(
            NpsAccumulator.create(),
            CostAccumulator.create(),
            OutcomeAccumulator.create(),
            BacklogAccumulator.create(),
            DurationAccumulator.create(),
            RatingAccumulator.create(RatingScale.csatFivePoint()));
    for (Object a : all) {
      assertTrue(a.toString().startsWith(a.getClass().getSimpleName()), a.toString());
    }
  }

  @Test
  void aDurationIsAddedInWholeMilliseconds() {
    DurationAccumulator a = DurationAccumulator.create();
    a.add(Duration.ofNanos(1_500_999_999));
    a.add(Duration.ZERO);
    DurationAccumulator b = DurationAccumulator.create();
    b.addMillis(1_500);
    b.addMillis(0);
    assertEquals(b.result(), a.result());
    assertEquals(2, a.result().count());
  }

  @Test
  void keyTextMustBeValidUtf16() {
    KeyCodec<String> codec = KeyCodec.strings();
    assertEquals("a\uD83D\uDE00b", codec.encode("a\uD83D\uDE00b"));
    assertEquals("", codec.encode(""));
    String[][] bad = {
      {"a\uD800", "1"},
      {"\uDC00x", "0"},
      {"\uD83D", "0"},
      {"ab\uD83D\uD83D\uDE00", "2"},
      {"\uD83D\uDE00\uDE00", "2"}
    };
    for (String[] c : bad) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> codec.encode(c[0]));
      assertTrue(
          e.getMessage().contains("unpaired surrogate at index " + c[1] + " "), e.getMessage());
    }
  }
}
