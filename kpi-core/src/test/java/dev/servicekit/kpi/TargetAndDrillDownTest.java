package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TargetAndDrillDownTest {

  @Test
  void averageAnswerAtMostOneAndAHalfMinutes() {
    KpiTarget asa = KpiTarget.atMost("average speed of answer (ms)", 90_000);
    KpiTarget.Status ok = asa.evaluate(OptionalDouble.of(75_000));
    assertEquals(KpiTarget.State.MET, ok.state());
    assertEquals(15_000, ok.margin().getAsDouble());
    KpiTarget.Status late = asa.evaluate(OptionalDouble.of(100_000));
    assertEquals(KpiTarget.State.MISSED, late.state());
    assertEquals(-10_000, late.margin().getAsDouble());
  }

  @Test
  void aNonFiniteValueIsRefusedRatherThanMissedWithANanMargin() {
    // a new user's review: evaluate(OptionalDouble.of(NaN)) was MISSED with margin NaN (and an
    // infinite value MET or MISSED by an infinite margin); a CRM's own 0 / 0.0 is not a KPI value
    KpiTarget fcr = KpiTarget.atLeast("fcr %", 70);
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -1 / 0.0}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> fcr.evaluate(OptionalDouble.of(bad)));
      assertEquals(
          "value " + bad + " of target fcr % must be finite, or empty when there is no data",
          e.getMessage());
    }
    assertEquals(KpiTarget.State.NO_DATA, fcr.evaluate(OptionalDouble.empty()).state());
  }

  @Test
  void availabilityAtLeastNinetyFivePercentAndBreachAtMostFive() {
    KpiTarget availability = KpiTarget.atLeast("chat availability %", 95);
    assertEquals(-2.5, availability.evaluate(OptionalDouble.of(92.5)).margin().getAsDouble());
    assertEquals(
        KpiTarget.State.MET, availability.evaluate(OptionalDouble.of(95)).state(), "boundary met");
    OutcomeAccumulator sla = OutcomeAccumulator.create();
    for (int i = 0; i < 97; i++) {
      sla.add(true);
    }
    for (int i = 0; i < 3; i++) {
      sla.add(false);
    }
    KpiTarget breach = KpiTarget.atMost("SLA breach %", 5);
    assertEquals(KpiTarget.State.MET, breach.evaluate(sla.result().negativePercent()).state());
    assertEquals(
        KpiTarget.State.NO_DATA,
        breach.evaluate(OutcomeAccumulator.create().result().negativePercent()).state());
  }

  /** Oracle: max value per id, sorted worst first (ties by id), first k. */
  @Property(tries = 200)
  void drillDownKeepsTheWorstKOfTheUnion(
      @ForAll @Size(max = 60) List<@LongRange(min = 0, max = 30) Long> values,
      @ForAll @IntRange(min = 1, max = 8) int k) {
    DrillDownSample d = DrillDownSample.create(k);
    Map<String, Long> best = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      String id = "ticket-" + (i % 13);
      d.add(id, values.get(i));
      best.merge(id, values.get(i), Math::max);
    }
    List<DrillDownSample.Sample> expected = new ArrayList<>();
    best.forEach((id, v) -> expected.add(new DrillDownSample.Sample(id, v)));
    expected.sort(
        Comparator.comparingLong(DrillDownSample.Sample::value)
            .reversed()
            .thenComparing(DrillDownSample.Sample::id));
    assertEquals(expected.subList(0, Math.min(k, expected.size())), d.result());
  }
}
