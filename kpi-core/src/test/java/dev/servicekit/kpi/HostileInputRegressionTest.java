package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The kpi-core reproducers of issue 14, each failing before its fix. */
class HostileInputRegressionTest {

  private static final Duration MINUS_999_999_NS = Duration.ofNanos(-999_999);

  @Test
  void negativeSubMillisecondDurationsAreRejectedNotCountedAsZero() {
    DurationAccumulator d = DurationAccumulator.create();
    assertThrows(IllegalArgumentException.class, () -> d.add(MINUS_999_999_NS));
    assertTrue(d.isEmpty());
    PercentileAccumulator p = PercentileAccumulator.create();
    assertThrows(IllegalArgumentException.class, () -> p.add(MINUS_999_999_NS));
    assertTrue(p.isEmpty());
    ServiceLevelAccumulator s = ServiceLevelAccumulator.create(policy());
    assertThrows(IllegalArgumentException.class, () -> s.answered(MINUS_999_999_NS));
    assertThrows(IllegalArgumentException.class, () -> s.abandoned(MINUS_999_999_NS));
    assertTrue(s.isEmpty());
  }

  @Test
  void durationsTooLongForMillisecondsAreIllegalArgumentsNotArithmeticErrors() {
    Duration huge = Duration.ofSeconds(Long.MAX_VALUE);
    assertThrows(IllegalArgumentException.class, () -> DurationAccumulator.create().add(huge));
    assertThrows(
        IllegalArgumentException.class,
        () -> ServiceLevelAccumulator.create(policy()).answered(huge));
  }

  @Test
  void subMillisecondPolicyThresholdsAreRejectedNotRoundedToZero() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ServiceLevelPolicy.of(
                    Duration.ofNanos(500_000), Duration.ZERO, Duration.ofSeconds(30)));
    assertTrue(e.getMessage().startsWith("threshold PT0.0005S"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ServiceLevelPolicy.of(
                Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(Long.MAX_VALUE)));
  }

  private static ServiceLevelPolicy policy() {
    return ServiceLevelPolicy.of(
        Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(30));
  }

  private static RevisedValues<String, RatingAccumulator> csat() {
    return RevisedValues.create(RatingAccumulator.create(RatingScale.csatFivePoint()));
  }

  @Test
  void mergingCarriesTheContributionOfForgottenKeys() {
    RevisedValues<String, RatingAccumulator> a = csat();
    a.apply("k", 1, 5);
    a.forget("k");
    RevisedValues<String, RatingAccumulator> b = csat();
    b.merge(a);
    assertEquals(a.target().result(), b.target().result());
    assertEquals(1, b.target().result().count());
  }

  @Test
  void staleCountDoesNotDependOnMergeOrder() {
    RevisedValues<String, RatingAccumulator> ab = csat();
    ab.apply("k", 1, 2);
    RevisedValues<String, RatingAccumulator> b = csat();
    b.apply("k", 2, 4);
    ab.merge(b);
    RevisedValues<String, RatingAccumulator> ba = csat();
    ba.apply("k", 2, 4);
    RevisedValues<String, RatingAccumulator> a = csat();
    a.apply("k", 1, 2);
    ba.merge(a);
    assertEquals(ab.staleCount(), ba.staleCount());
    assertEquals(ab.target().result(), ba.target().result());
  }

  @Test
  void mergeOfAnotherScaleIsRejectedBeforeAnyKeyIsApplied() {
    RevisedValues<String, RatingAccumulator> ces =
        RevisedValues.create(RatingAccumulator.create(RatingScale.cesSevenPoint()));
    for (int i = 0; i < 50; i++) {
      ces.apply("r-" + i, 1, i % 10 == 9 ? 7 : 1 + i % 5);
    }
    RevisedValues<String, RatingAccumulator> target = csat();
    target.apply("x", 1, 3);
    String before = target.toJson(KeyCodec.strings());
    assertThrows(IllegalArgumentException.class, () -> target.merge(ces));
    assertEquals(before, target.toJson(KeyCodec.strings()));
    assertEquals(1, target.size());
  }

  @Test
  void mergeOfAnotherKindIsRejected() {
    RevisedValues<String, NpsAccumulator> nps = RevisedValues.create(NpsAccumulator.create());
    nps.apply("k", 1, 9);
    RevisedValues<String, RatingAccumulator> target = csat();
    assertThrows(IllegalArgumentException.class, () -> target.merge(nps));
    assertEquals(0, target.size());
    assertTrue(target.target().isEmpty());
  }

  @Test
  void revisedValuesRejectsMergingIntoItself() {
    RevisedValues<String, RatingAccumulator> a = csat();
    a.apply("k", 1, 5);
    assertThrows(IllegalArgumentException.class, () -> a.merge(a));
    assertEquals(1, a.target().result().count());
  }

  @Test
  void overflowingRatingMergeChangesNeitherSide() {
    RatingAccumulator big =
        KpiSnapshots.fromJson(ratingJson(1_800_000_000_000_000_000L), RatingAccumulator.class);
    RatingAccumulator more =
        KpiSnapshots.fromJson(ratingJson(100_000_000_000_000_000L), RatingAccumulator.class);
    byte[] bigBefore = big.toBytes();
    byte[] moreBefore = more.toBytes();
    assertThrows(ArithmeticException.class, () -> big.merge(more)); // the sum overflows
    assertArrayEquals(bigBefore, big.toBytes());
    assertArrayEquals(moreBefore, more.toBytes());
  }

  private static String ratingJson(long fives) {
    return Resealed.json(
        "{\"format\":\"servicekit-kpi\",\"version\":2,\"kind\":\"rating\",\"state\":"
            + "{\"min\":1,\"max\":5,\"satisfiedFrom\":4,\"count1\":0,\"count2\":0,\"count3\":0,"
            + "\"count4\":0,\"count5\":"
            + fives
            + "}}");
  }

  @Test
  void overflowingServiceLevelMergeChangesNeitherSide() {
    ServiceLevelAccumulator a = ServiceLevelAccumulator.create(policy());
    a.answeredMillis(Long.MAX_VALUE - 10);
    ServiceLevelAccumulator b = ServiceLevelAccumulator.create(policy());
    b.answeredMillis(1000);
    byte[] before = a.toBytes();
    assertThrows(ArithmeticException.class, () -> a.merge(b)); // answerWait overflows
    assertArrayEquals(before, a.toBytes());
    assertEquals(1, a.result().answered());
  }

  @Test
  void mergingAnAccumulatorIntoItselfDoublesIt() {
    DurationAccumulator d = DurationAccumulator.create();
    d.addMillis(5);
    d.merge(d);
    assertEquals(2, d.result().count());
    assertEquals(10, d.result().totalMillis());
    RatingAccumulator r = RatingAccumulator.create(RatingScale.csatFivePoint());
    r.add(4);
    r.merge(r);
    assertEquals(2, r.result().count());
    assertEquals(8, r.result().sum());
    PercentileAccumulator p = PercentileAccumulator.create();
    p.addMillis(100);
    p.merge(p);
    assertEquals(2, p.count());
  }

  private static WindowedKpi<String, DurationAccumulator> hourly(Duration lateness) {
    return WindowedKpi.create(
        DurationAccumulator::create, WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC), lateness);
  }

  @Test
  void rejectedEventMovesNoWatermarkAndCreatesNoWindow() {
    WindowedKpi<String, DurationAccumulator> kpi = hourly(Duration.ZERO);
    Instant later = Instant.parse("2026-12-01T12:00:00Z");
    assertThrows(
        IllegalArgumentException.class,
        () -> kpi.recordLong("team", later, DurationAccumulator::addMillis, -1));
    assertEquals(Optional.empty(), kpi.watermark());
    assertTrue(kpi.groups().isEmpty());
    assertTrue(
        kpi.recordLong(
            "team", Instant.parse("2026-12-01T09:00:00Z"), DurationAccumulator::addMillis, 5));
    assertEquals(0, kpi.droppedLate());
  }

  @Test
  void eventAtInstantMaxIsRejectedWithoutRegisteringItsGroup() {
    WindowedKpi<String, DurationAccumulator> kpi = hourly(Duration.ZERO);
    assertThrows(
        IllegalArgumentException.class,
        () -> kpi.recordLong("g", Instant.MAX, DurationAccumulator::addMillis, 1));
    assertTrue(kpi.groups().isEmpty());
    assertThrows(IllegalArgumentException.class, () -> kpi.advanceWatermark(Instant.MAX));
  }

  @Test
  void longestAllowedLatenessNeverDropsAnEvent() {
    WindowedKpi<String, DurationAccumulator> kpi = hourly(Duration.ofMillis(Long.MAX_VALUE));
    kpi.recordLong("g", Instant.parse("2026-12-01T12:00:00Z"), DurationAccumulator::addMillis, 1);
    assertTrue(
        kpi.recordLong(
            "g", Instant.parse("2000-01-01T00:00:00Z"), DurationAccumulator::addMillis, 1));
    assertEquals(0, kpi.droppedLate());
    assertTrue(kpi.evictClosed().isEmpty());
  }

  @Test
  void foreverLatenessIsAnIllegalArgument() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> hourly(ChronoUnit.FOREVER.getDuration()));
    assertTrue(e.getMessage().startsWith("allowedLateness"), e.getMessage());
  }

  @Test
  void rangeOverTheWholeTimeLineWorks() {
    WindowedKpi<String, DurationAccumulator> kpi = hourly(Duration.ZERO);
    kpi.recordLong("g", Instant.parse("2026-12-01T12:00:00Z"), DurationAccumulator::addMillis, 7);
    assertEquals(1, kpi.range("g", Instant.MIN, Instant.MAX).result().count());
  }

  private static final String DURATION_JSON =
      "{\"format\":\"servicekit-kpi\",\"version\":2,\"kind\":\"duration\","
          + "\"state\":{\"count\":1,\"totalMillis\":5}}";

  @Test
  void durationSnapshotWithATotalButNoCountIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                KpiSnapshots.fromJson(
                    Resealed.json(DURATION_JSON.replace("\"count\":1", "\"count\":0"))));
    assertEquals(
        "state.totalMillis is 5 but must be 0 when count is 0",
        JsonErrors.asBefore(e.getMessage()));
  }

  @Test
  void snapshotOfAnotherKindSaysKindMismatch() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> KpiSnapshots.fromJson(Resealed.json(DURATION_JSON), NpsAccumulator.class));
    assertEquals(
        "kind mismatch: expected \"nps\", found \"duration\"", JsonErrors.asBefore(e.getMessage()));
    byte[] bytes = KpiSnapshots.fromJson(Resealed.json(DURATION_JSON)).toBytes();
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> KpiSnapshots.fromBytes(bytes, NpsAccumulator.class));
    assertEquals("kind mismatch: expected \"nps\", found \"duration\"", e.getMessage());
  }

  @Test
  void unknownRepeatedAndTrailingJsonIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                KpiSnapshots.fromJson(
                    Resealed.json(DURATION_JSON.replace("}}", ",\"extra\":1}}"))));
    assertTrue(e.getMessage().startsWith("unknown field \"extra\""), e.getMessage());
    assertTrue(e.getMessage().contains("(at $.state.extra, line 1, column "), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            KpiSnapshots.fromJson(
                Resealed.json(DURATION_JSON.replace("{\"format", "{\"x\":1,\"format"))));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            KpiSnapshots.fromJson(DURATION_JSON.replace("\"count\":1", "\"count\":1,\"count\":2")));
    assertThrows(
        IllegalArgumentException.class,
        () -> KpiSnapshots.fromJson(Resealed.json(DURATION_JSON) + "{}"));
  }

  @Test
  void errorMessagesQuoteOnlyABoundedExcerptOfTheValue() {
    String huge = "x".repeat(1_000_000);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                KpiSnapshots.fromJson(
                    Resealed.json(DURATION_JSON.replace("\"duration\"", "\"" + huge + "\""))));
    assertTrue(e.getMessage().length() <= 500, e.getMessage().length() + " chars");
    assertFalse(e.getMessage().contains("x".repeat(200)));
  }

  @Test
  void tooDeeplyNestedSnapshotJsonNamesPathLineAndColumn() {
    // review20 finding 8: the nesting-depth error had no location
    String deep = "[".repeat(100_000);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KpiSnapshots.fromJson(deep));
    String m = e.getMessage();
    assertTrue(m.startsWith("snapshot is not valid JSON: Document nesting depth"), m);
    assertTrue(m.contains("(at $[0][0][0]"), m);
    assertTrue(m.matches("(?s).*, line 1, column 100\\d\\)"), m);
    assertTrue(m.contains("nesting depth"), m);
    assertTrue(m.length() <= 500, m.length() + " chars");
  }
}
