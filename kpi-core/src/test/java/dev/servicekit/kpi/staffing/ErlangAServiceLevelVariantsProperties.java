package dev.servicekit.kpi.staffing;

import static dev.servicekit.kpi.staffing.ErlangCTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.kpi.ServiceLevelVariant;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

/**
 * {@link ErlangA#serviceLevel(Workload, Duration, int, Duration, Duration, ServiceLevelVariant)}:
 * the Erlang A forecast of each ACD service level, against the birth-death chain oracle (the
 * abandonment within a time by uniformization of a tagged caller's chain) and the variants' order.
 */
class ErlangAServiceLevelVariantsProperties {

  private static final int AHT = 300;

  private static final ServiceLevelVariant[] VARIANTS = {
    ServiceLevelVariant.ABANDONS_COUNT_AS_MISSED,
    ServiceLevelVariant.ABANDONS_IGNORED,
    ServiceLevelVariant.ABANDONS_WITHIN_THRESHOLD_MET,
    ServiceLevelVariant.ABANDONS_WITHIN_THRESHOLD_EXCLUDED,
    ServiceLevelVariant.SHORT_ABANDONS_MET,
    ServiceLevelVariant.SHORT_ABANDONS_EXCLUDED
  };

  private static Workload traffic(double erlangs) {
    return Workload.of(erlangs, Duration.ofSeconds(AHT), Duration.ofSeconds(AHT));
  }

  private static Duration ahtFraction(double f) {
    return Duration.ofNanos(Math.round(f * AHT * 1e9));
  }

  private static double ratio(Duration d) {
    return ErlangCTest.seconds(d) / AHT;
  }

  @Property(tries = 100)
  void everyVariantMatchesTheBirthDeathChainOracle(
      @ForAll @IntRange(min = 1, max = 30) int n,
      @ForAll @DoubleRange(min = 0.05, max = 40) @Scale(5) double a,
      @ForAll @DoubleRange(min = 0.05, max = 20) @Scale(5) double patience,
      @ForAll @DoubleRange(min = 0, max = 1) @Scale(5) double threshold,
      @ForAll @DoubleRange(min = 0, max = 1) @Scale(3) double shortShare) {
    Duration p = ahtFraction(patience);
    Duration t = ahtFraction(threshold);
    Duration s = ahtFraction(threshold * shortShare);
    ErlangAOracle.Values o = ErlangAOracle.solve(n, a, ratio(p), ratio(t));
    double abT = ErlangAOracle.abandonedWithin(n, a, ratio(p), ratio(t));
    double abS = ErlangAOracle.abandonedWithin(n, a, ratio(p), ratio(s));
    double at = o.serviceLevel();
    double[] expected = {
      at, at / (1 - o.pAbandon()), at + abT, at / (1 - abT), at + abS, at / (1 - abS)
    };
    for (int i = 0; i < VARIANTS.length; i++) {
      double got = ErlangA.serviceLevel(traffic(a), p, n, t, s, VARIANTS[i]);
      assertEquals(
          expected[i],
          got,
          1e-8,
          VARIANTS[i] + " n=" + n + " a=" + a + " p=" + patience + " t=" + threshold);
    }
  }

  @Property(tries = 200)
  void variantsKeepTheirOrder(
      @ForAll @IntRange(min = 1, max = 2_000) int n,
      @ForAll @DoubleRange(min = 0.01, max = 3) @Scale(4) double load,
      @ForAll @DoubleRange(min = 0.001, max = 1_000) @Scale(4) double patience,
      @ForAll @DoubleRange(min = 0, max = 10) @Scale(4) double threshold,
      @ForAll @DoubleRange(min = 0, max = 1) @Scale(3) double shortShare) {
    Workload w = traffic(n * load);
    Duration p = ahtFraction(patience);
    Duration t = ahtFraction(threshold);
    Duration s = ahtFraction(threshold * shortShare);
    double[] v = new double[VARIANTS.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = ErlangA.serviceLevel(w, p, n, t, s, VARIANTS[i]);
      assertTrue(v[i] >= 0 && v[i] <= 1, VARIANTS[i] + " " + v[i]);
    }
    double missed = v[0];
    double ignored = v[1];
    double met = v[2];
    double excluded = v[3];
    double shortMet = v[4];
    double shortExcluded = v[5];
    double eps = 1e-12;
    String ctx = "n=" + n + " load=" + load + " p=" + patience + " t=" + threshold;
    assertEquals(ErlangA.evaluate(w, p, n, t).serviceLevel(), missed, ctx);
    // AT <= AT / (1 - x) <= AT + x as AT + x <= 1, and AB(S) <= AB(T) <= AB
    assertTrue(missed <= shortExcluded + eps && shortExcluded <= shortMet + eps, ctx);
    assertTrue(shortExcluded <= excluded + eps && excluded <= met + eps, ctx);
    assertTrue(shortMet <= met + eps, ctx);
    assertTrue(excluded <= ignored + eps, ctx);
  }

  /**
   * Within no time nobody abandons, so every variant but {@code ABANDONS_IGNORED} is the plain
   * service level; with a threshold far beyond every patience, all who abandon do so within it, and
   * leaving them out is leaving out the abandoned: {@code ABANDONS_IGNORED}.
   */
  @Test
  void abandonmentWithinNoTimeAndWithinAllTime() {
    Workload w = Workload.of(100, Duration.ofMinutes(30), Duration.ofMinutes(3));
    Duration patience = Duration.ofSeconds(60);
    Duration zero = Duration.ZERO;
    double plain = ErlangA.evaluate(w, patience, 9, zero).serviceLevel();
    for (ServiceLevelVariant v : VARIANTS) {
      if (v != ServiceLevelVariant.ABANDONS_IGNORED) {
        assertEquals(plain, ErlangA.serviceLevel(w, patience, 9, zero, zero, v), 1e-15, v.name());
      }
    }
    Duration day = Duration.ofHours(24);
    double ignored =
        ErlangA.serviceLevel(w, patience, 9, day, day, ServiceLevelVariant.ABANDONS_IGNORED);
    assertEquals(
        ignored,
        ErlangA.serviceLevel(w, patience, 9, day, day, ServiceLevelVariant.SHORT_ABANDONS_EXCLUDED),
        1e-12);
    assertEquals(
        1.0,
        ErlangA.serviceLevel(
            w, patience, 9, day, day, ServiceLevelVariant.ABANDONS_WITHIN_THRESHOLD_MET),
        1e-12);
  }

  @Test
  void noTrafficIsServedInTimeAndBadArgumentsAreRefused() {
    Duration t = Duration.ofSeconds(20);
    Duration s = Duration.ofSeconds(5);
    Duration patience = Duration.ofSeconds(60);
    Workload none = Workload.of(0, Duration.ofMinutes(30), Duration.ofMinutes(3));
    assertEquals(
        1.0, ErlangA.serviceLevel(none, patience, 0, t, s, ServiceLevelVariant.ABANDONS_IGNORED));
    Workload w = Workload.of(100, Duration.ofMinutes(30), Duration.ofMinutes(3));
    ServiceLevelVariant shortMet = ServiceLevelVariant.SHORT_ABANDONS_MET;
    assertMessage(
        "averagePatience PT0S", () -> ErlangA.serviceLevel(w, Duration.ZERO, 10, t, s, shortMet));
    assertMessage("agents 0", () -> ErlangA.serviceLevel(w, patience, 0, t, s, shortMet));
    assertMessage(
        "answerWithin PT-1S",
        () -> ErlangA.serviceLevel(w, patience, 10, Duration.ofSeconds(-1), s, shortMet));
    assertMessage(
        "shortAbandon PT21S must be >= 0 and <= answerWithin PT20S",
        () -> ErlangA.serviceLevel(w, patience, 10, t, Duration.ofSeconds(21), shortMet));
    assertMessage(
        "shortAbandon PT-1S",
        () -> ErlangA.serviceLevel(w, patience, 10, t, Duration.ofSeconds(-1), shortMet));
    NullPointerException e =
        assertThrows(
            NullPointerException.class, () -> ErlangA.serviceLevel(w, patience, 10, t, s, null));
    assertEquals("variant", e.getMessage());
    e =
        assertThrows(
            NullPointerException.class,
            () -> ErlangA.serviceLevel(w, patience, 10, t, null, shortMet));
    assertEquals("shortAbandon", e.getMessage());
  }
}
