package dev.servicekit.kpi.staffing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

class ErlangCProperties {

  private static Workload traffic(double erlangs, int ahtSeconds) {
    // calls per AHT-long interval == traffic in Erlangs
    return Workload.of(erlangs, Duration.ofSeconds(ahtSeconds), Duration.ofSeconds(ahtSeconds));
  }

  @Property(tries = 200)
  void serviceLevelIncreasesAndWaitingDecreasesWithAgents(
      @ForAll @DoubleRange(min = 0.01, max = 300) double a,
      @ForAll @IntRange(min = 0, max = 40) int extra,
      @ForAll @IntRange(min = 0, max = 120) int thresholdSeconds,
      @ForAll @IntRange(min = 10, max = 900) int aht) {
    int n = (int) Math.floor(a) + 1 + extra;
    Duration t = Duration.ofSeconds(thresholdSeconds);
    ErlangCResult r = ErlangC.evaluate(traffic(a, aht), n, t);
    ErlangCResult s = ErlangC.evaluate(traffic(a, aht), n + 1, t);
    assertTrue(s.serviceLevel() >= r.serviceLevel(), r + " vs " + s);
    assertTrue(s.probabilityOfWaiting() <= r.probabilityOfWaiting(), r + " vs " + s);
    assertTrue(s.averageSpeedOfAnswer().compareTo(r.averageSpeedOfAnswer()) <= 0, r + " vs " + s);
    assertTrue(r.serviceLevel() >= 0 && r.serviceLevel() <= 1);
    assertTrue(r.probabilityOfWaiting() >= 0 && r.probabilityOfWaiting() <= 1);
  }

  @Property(tries = 200)
  void requiredAgentsMeetTheTargetAndOneFewerDoesNot(
      @ForAll @DoubleRange(min = 0.01, max = 2000) double a,
      @ForAll @DoubleRange(min = 0.5, max = 0.99) double sl,
      @ForAll @IntRange(min = 0, max = 120) int thresholdSeconds,
      @ForAll @DoubleRange(min = 0.5, max = 1.0) double maxOccupancy) {
    Duration t = Duration.ofSeconds(thresholdSeconds);
    Workload w = traffic(a, 240);
    StaffingTarget target = StaffingTarget.of(sl, t).withMaxOccupancy(maxOccupancy);
    ErlangCResult r = ErlangC.requiredAgents(w, target).metrics();
    int n = r.agents();
    assertTrue(r.serviceLevel() >= sl && withinCap(w, n, maxOccupancy), r.toString());
    if (n - 1 > a) {
      ErlangCResult fewer = ErlangC.evaluate(w, n - 1, t);
      assertTrue(fewer.serviceLevel() < sl || !withinCap(w, n - 1, maxOccupancy), fewer.toString());
    }
  }

  /** Exact oracle of the cap: calls * AHT / (interval * n) <= maxOccupancy, cap as a decimal. */
  static boolean withinCap(Workload w, int n, double maxOccupancy) {
    java.math.BigDecimal work =
        new java.math.BigDecimal(w.calls())
            .multiply(new java.math.BigDecimal(w.averageHandleTime().toNanos()));
    java.math.BigDecimal capacity =
        java.math.BigDecimal.valueOf(maxOccupancy)
            .multiply(java.math.BigDecimal.valueOf(n))
            .multiply(new java.math.BigDecimal(w.interval().toNanos()));
    return work.compareTo(capacity) <= 0;
  }

  @Property(tries = 60)
  void requiredAgentsMatchBruteForceStepping(
      @ForAll @DoubleRange(min = 0.01, max = 120) double a,
      @ForAll @DoubleRange(min = 0.5, max = 0.98) double sl,
      @ForAll @IntRange(min = 0, max = 60) int thresholdSeconds) {
    Duration t = Duration.ofSeconds(thresholdSeconds);
    int n = ErlangC.requiredAgents(traffic(a, 180), StaffingTarget.of(sl, t)).agents();
    int oracle = ErlangCOracle.requiredAgents(a, thresholdSeconds / 180.0, sl);
    // The double and 60-digit results may straddle the target only within rounding error.
    if (n != oracle) {
      double at = ErlangCOracle.serviceLevel(a, Math.min(n, oracle), thresholdSeconds / 180.0);
      assertEquals(sl, at, 1e-12, "n=" + n + " oracle=" + oracle);
    }
  }

  @Property(tries = 100)
  void probabilityOfWaitingMatchesOracle(
      @ForAll @DoubleRange(min = 0.01, max = 500) @Scale(6) double a,
      @ForAll @IntRange(min = 0, max = 60) int extra) {
    int n = (int) Math.floor(a) + 1 + extra;
    double c = ErlangC.evaluate(traffic(a, 60), n, Duration.ZERO).probabilityOfWaiting();
    double expected = ErlangCOracle.probabilityOfWaiting(a, n);
    assertEquals(expected, c, 1e-11 * Math.max(expected, 1e-300) + 1e-300);
  }

  @Property(tries = 50)
  void scheduledAgentsAreTheSmallestCoveringShrinkage(
      @ForAll @IntRange(min = 0, max = 100_000) int agents,
      @ForAll @DoubleRange(min = 0, max = 0.95) double shrinkage) {
    int scheduled = StaffingRequirement.scheduled(agents, shrinkage);
    java.math.BigDecimal available =
        java.math.BigDecimal.ONE.subtract(java.math.BigDecimal.valueOf(shrinkage));
    java.math.BigDecimal need = java.math.BigDecimal.valueOf(agents);
    assertTrue(java.math.BigDecimal.valueOf(scheduled).multiply(available).compareTo(need) >= 0);
    if (scheduled > 0) {
      assertTrue(
          java.math.BigDecimal.valueOf(scheduled - 1L).multiply(available).compareTo(need) < 0);
    }
  }
}
