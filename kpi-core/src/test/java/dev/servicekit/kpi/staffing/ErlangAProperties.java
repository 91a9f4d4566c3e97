package dev.servicekit.kpi.staffing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

class ErlangAProperties {

  private static final int AHT = 300;

  private static Workload traffic(double erlangs) {
    return Workload.of(erlangs, Duration.ofSeconds(AHT), Duration.ofSeconds(AHT));
  }

  private static Duration ahtFraction(double f) {
    return Duration.ofNanos(Math.round(f * AHT * 1e9));
  }

  private static double ratio(Duration d) {
    return ErlangCTest.seconds(d) / AHT;
  }

  @Property(tries = 150)
  void matchesBirthDeathChainOracle(
      @ForAll @IntRange(min = 1, max = 30) int n,
      @ForAll @DoubleRange(min = 0.05, max = 40) @Scale(5) double a,
      @ForAll @DoubleRange(min = 0.05, max = 20) @Scale(5) double patience,
      @ForAll @DoubleRange(min = 0, max = 1) @Scale(5) double threshold) {
    Duration p = ahtFraction(patience);
    Duration t = ahtFraction(threshold);
    ErlangAResult r = ErlangA.evaluate(traffic(a), p, n, t);
    ErlangAOracle.Values o = ErlangAOracle.solve(n, a, ratio(p), ratio(t));
    String ctx = r + " vs " + o;
    assertEquals(o.pWait(), r.probabilityOfWaiting(), 1e-9, ctx);
    assertEquals(o.pAbandon(), r.probabilityOfAbandonment(), 1e-9, ctx);
    assertEquals(o.serviceLevel(), r.serviceLevel(), 1e-8, ctx);
    double servedWait = ratio(r.averageSpeedOfAnswer()) * (1 - r.probabilityOfAbandonment());
    assertEquals(o.waitOfServed(), servedWait, 1e-8 * Math.max(1, o.waitOfServed()), ctx);
    // Little's law for abandonment: average wait of all arrivals = P(abandon) * patience
    assertEquals(r.probabilityOfAbandonment() * ratio(p), ratio(r.averageWait()), 1e-8, ctx);
  }

  @Property(tries = 60)
  void infinitePatienceConvergesToErlangC(
      @ForAll @DoubleRange(min = 0.1, max = 200) double a,
      @ForAll @DoubleRange(min = 0.3, max = 20) double headroom,
      @ForAll @IntRange(min = 0, max = 60) int thresholdSeconds) {
    int n = (int) Math.ceil(a + headroom);
    Duration t = Duration.ofSeconds(thresholdSeconds);
    ErlangCResult c = ErlangC.evaluate(traffic(a), n, t);
    ErlangAResult patient = ErlangA.evaluate(traffic(a), Duration.ofSeconds(AHT * 100_000L), n, t);
    ErlangAResult morePatient =
        ErlangA.evaluate(traffic(a), Duration.ofSeconds(AHT * 1_000_000L), n, t);
    // The model gap is O(θ) (about θ E[k^3] in queue-length moments), so ten times the patience
    // must shrink it about tenfold, and at 10^6 AHT it is small.
    assertConverges(
        c.probabilityOfWaiting(),
        patient.probabilityOfWaiting(),
        morePatient.probabilityOfWaiting());
    assertConverges(c.serviceLevel(), patient.serviceLevel(), morePatient.serviceLevel());
    assertConverges(
        ratio(c.averageSpeedOfAnswer()),
        ratio(patient.averageSpeedOfAnswer()),
        ratio(morePatient.averageSpeedOfAnswer()));
    assertTrue(morePatient.probabilityOfAbandonment() < 1e-3, morePatient.toString());
  }

  private static void assertConverges(double limit, double far, double near) {
    double farGap = Math.abs(far - limit);
    double nearGap = Math.abs(near - limit);
    String ctx = "limit " + limit + " far " + far + " near " + near;
    if (farGap < 1e-9) {
      assertTrue(nearGap < 1e-8, ctx);
    } else {
      assertTrue(nearGap < farGap / 5, ctx);
    }
    assertTrue(nearGap <= 1e-2 * Math.max(1, Math.abs(limit)), ctx);
  }

  @Property(tries = 120)
  void moreAgentsMeanFewerAbandonsAndBetterService(
      @ForAll @IntRange(min = 1, max = 200) int n,
      @ForAll @DoubleRange(min = 0.05, max = 300) double a,
      @ForAll @DoubleRange(min = 0.02, max = 50) double patience,
      @ForAll @DoubleRange(min = 0, max = 2) double threshold) {
    Duration p = ahtFraction(patience);
    Duration t = ahtFraction(threshold);
    ErlangAResult r = ErlangA.evaluate(traffic(a), p, n, t);
    ErlangAResult s = ErlangA.evaluate(traffic(a), p, n + 1, t);
    double eps = 1e-12;
    assertTrue(s.probabilityOfAbandonment() <= r.probabilityOfAbandonment() + eps, r + " vs " + s);
    assertTrue(s.probabilityOfWaiting() <= r.probabilityOfWaiting() + eps, r + " vs " + s);
    assertTrue(s.serviceLevel() >= r.serviceLevel() - eps, r + " vs " + s);
    for (double v :
        new double[] {
          r.probabilityOfWaiting(), r.probabilityOfAbandonment(), r.serviceLevel(), r.occupancy()
        }) {
      assertTrue(v >= 0 && v <= 1, r.toString());
    }
  }

  @Property(tries = 80)
  void requiredAgentsAreMinimal(
      @ForAll @DoubleRange(min = 0.05, max = 500) double a,
      @ForAll @DoubleRange(min = 0.05, max = 10) double patience,
      @ForAll @DoubleRange(min = 0.5, max = 0.98) double sl,
      @ForAll @IntRange(min = 0, max = 90) int thresholdSeconds,
      @ForAll @DoubleRange(min = 0.6, max = 1) double maxOccupancy) {
    Duration p = ahtFraction(patience);
    Duration t = Duration.ofSeconds(thresholdSeconds);
    StaffingTarget target = StaffingTarget.of(sl, t).withMaxOccupancy(maxOccupancy);
    ErlangAResult r = ErlangA.requiredAgents(traffic(a), p, target).metrics();
    assertTrue(r.serviceLevel() >= sl && r.occupancy() <= maxOccupancy, r.toString());
    if (r.agents() > 1) {
      ErlangAResult fewer = ErlangA.evaluate(traffic(a), p, r.agents() - 1, t);
      assertTrue(fewer.serviceLevel() < sl || fewer.occupancy() > maxOccupancy, fewer.toString());
    }
  }
}
