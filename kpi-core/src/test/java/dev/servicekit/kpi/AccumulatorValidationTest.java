package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad input is rejected with a message naming the value and the rule; overflow is never silent. */
class AccumulatorValidationTest {

  @Test
  void ratingOutsideTheScaleIsRejected() {
    RatingAccumulator a = RatingAccumulator.create(RatingScale.csatFivePoint());
    var e = assertThrows(IllegalArgumentException.class, () -> a.add(7));
    assertEquals("rating 7 is outside the scale 1..5", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> a.retract(3));
  }

  @Test
  void scaleRulesAreChecked() {
    var e = assertThrows(IllegalArgumentException.class, () -> RatingScale.of(1, 5, 6));
    assertTrue(e.getMessage().contains("satisfiedFrom 6"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RatingScale.of(5, 5, 5));
  }

  @Test
  void mergingDifferentConfigurationsIsRejected() {
    RatingAccumulator a = RatingAccumulator.create(RatingScale.csatFivePoint());
    RatingAccumulator b = RatingAccumulator.create(RatingScale.of(1, 5, 5));
    assertThrows(IllegalArgumentException.class, () -> a.merge(b));
    assertThrows(
        IllegalArgumentException.class,
        () -> PercentileAccumulator.create(0.01).merge(PercentileAccumulator.create(0.02)));
  }

  @Test
  void npsOutOfRangeAndNegativeDurationsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> NpsAccumulator.create().add(11));
    assertThrows(IllegalArgumentException.class, () -> NpsAccumulator.create().add(-1));
    assertThrows(IllegalArgumentException.class, () -> DurationAccumulator.create().addMillis(-1));
    assertThrows(
        IllegalArgumentException.class,
        () -> DurationAccumulator.create().add(Duration.ofSeconds(-1)));
  }

  @Test
  void sumOverflowThrowsInsteadOfWrapping() {
    DurationAccumulator a = DurationAccumulator.create();
    a.addMillis(Long.MAX_VALUE - 1);
    assertThrows(ArithmeticException.class, () -> a.addMillis(2));
    assertEquals(1, a.result().count(), "failed add leaves the state unchanged");
    DurationAccumulator b = a.copy();
    assertThrows(ArithmeticException.class, () -> a.merge(b));
  }

  @Test
  void retractingMoreThanWasAddedIsRejected() {
    OutcomeAccumulator o = OutcomeAccumulator.create();
    o.add(true);
    assertThrows(IllegalArgumentException.class, () -> o.retract(false));
    ServiceLevelAccumulator s =
        ServiceLevelAccumulator.create(
            ServiceLevelPolicy.of(Duration.ofSeconds(20), Duration.ZERO, Duration.ofSeconds(20)));
    s.answeredMillis(30_000);
    assertThrows(IllegalArgumentException.class, () -> s.retractAnsweredMillis(10_000));
  }

  @Test
  void malformedSnapshotsAreRejectedWithTheField() {
    NpsAccumulator n = NpsAccumulator.create();
    n.add(9);
    byte[] bytes = n.toBytes();
    byte[] truncated = Resealed.bytes(java.util.Arrays.copyOf(bytes, bytes.length - 1));
    var e = assertThrows(IllegalArgumentException.class, () -> KpiSnapshots.fromBytes(truncated));
    assertTrue(e.getMessage().contains("detractors"), e.getMessage());
    byte[] future = bytes.clone();
    future[3] = 3;
    assertThrows(IllegalArgumentException.class, () -> KpiSnapshots.fromBytes(future));
    String json =
        Resealed.json(
            "{\"format\":\"servicekit-kpi\",\"version\":2,\"kind\":\"nps\","
                + "\"state\":{\"promoters\":-1,\"passives\":0,\"detractors\":0}}");
    var j = assertThrows(IllegalArgumentException.class, () -> KpiSnapshots.fromJson(json));
    // the value -1 is the 74th character of the one line
    assertEquals(
        "promoters is -1 but must be >= 0 (at $.state.promoters, line 1, column 74)",
        j.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> KpiSnapshots.fromJson(KpiSnapshots.toJson(n), RatingAccumulator.class));
  }

  @Test
  void binarySnapshotsAreCompact() {
    ServiceLevelAccumulator s =
        ServiceLevelAccumulator.create(
            ServiceLevelPolicy.of(
                Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(30)));
    for (int i = 0; i < 1000; i++) {
      s.answeredMillis(i * 10L);
    }
    // 2 header bytes + 10 varints; counts of 1000 take 2 bytes, the wait sum 4 bytes.
    assertTrue(s.toBytes().length <= 30, "bytes: " + s.toBytes().length);
  }
}
