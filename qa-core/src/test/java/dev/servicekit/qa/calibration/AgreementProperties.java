package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class AgreementProperties {

  /**
   * Oracle: Krippendorff's alpha from the pairwise definition, without a coincidence matrix. D_o
   * averages delta^2 over all ordered pairs of values from different raters within a unit,
   * weighting each unit by 1 / (m_u - 1); D_e averages delta^2 over all ordered pairs of pairable
   * values anywhere; alpha = 1 - D_o / D_e.
   */
  static double pairwiseAlpha(double[][] ratersByUnits, AlphaMetric metric) {
    List<double[]> units = new ArrayList<>();
    for (int u = 0; u < ratersByUnits[0].length; u++) {
      List<Double> vs = new ArrayList<>();
      for (double[] row : ratersByUnits) {
        if (!Double.isNaN(row[u])) {
          vs.add(row[u]);
        }
      }
      if (vs.size() >= 2) {
        units.add(vs.stream().mapToDouble(Double::doubleValue).toArray());
      }
    }
    List<Double> all = new ArrayList<>();
    units.forEach(u -> Arrays.stream(u).forEach(all::add));
    double[] sorted = all.stream().mapToDouble(Double::doubleValue).distinct().sorted().toArray();
    double[] nc = new double[sorted.length];
    for (double v : all) {
      nc[Arrays.binarySearch(sorted, v)]++;
    }
    double n = all.size();
    double dObs = 0;
    for (double[] u : units) {
      for (int a = 0; a < u.length; a++) {
        for (int b = 0; b < u.length; b++) {
          if (a != b) {
            dObs += delta(metric, sorted, nc, u[a], u[b]) / (u.length - 1);
          }
        }
      }
    }
    dObs /= n;
    double dExp = 0;
    for (int a = 0; a < all.size(); a++) {
      for (int b = 0; b < all.size(); b++) {
        if (a != b) {
          dExp += delta(metric, sorted, nc, all.get(a), all.get(b));
        }
      }
    }
    dExp /= n * (n - 1);
    return 1 - dObs / dExp;
  }

  private static double delta(AlphaMetric m, double[] sorted, double[] nc, double x, double y) {
    return KrippendorffBruteForce.delta2(
        m, sorted, nc, Arrays.binarySearch(sorted, x), Arrays.binarySearch(sorted, y));
  }

  @Property(tries = 300)
  void krippendorffCoincidenceMatrixMatchesPairwiseDefinition(@ForAll long seed) {
    Random r = new Random(seed);
    int raters = 2 + r.nextInt(4);
    int units = 2 + r.nextInt(15);
    double[][] m = new double[raters][units];
    for (double[] row : m) {
      for (int u = 0; u < units; u++) {
        row[u] = r.nextInt(4) == 0 ? Double.NaN : 1 + r.nextInt(5);
      }
    }
    for (AlphaMetric metric : AlphaMetric.values()) {
      double expected = pairwiseAlpha(m, metric);
      double actual = Agreement.krippendorffAlpha(ReliabilityData.ofReviewersByItems(m), metric);
      if (Double.isNaN(expected) || Double.isInfinite(expected)) {
        assertEquals(true, Double.isNaN(actual), metric + " " + Arrays.deepToString(m));
      } else {
        assertEquals(expected, actual, 1e-9, metric + " " + Arrays.deepToString(m));
      }
    }
  }

  @Property(tries = 300)
  void kappaIsSymmetricInTheRatersAndAtMostOne(@ForAll long seed) {
    Random r = new Random(seed);
    int n = 1 + r.nextInt(40);
    List<Integer> a = new ArrayList<>();
    List<Integer> b = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      a.add(r.nextInt(4));
      b.add(r.nextInt(4));
    }
    double k = Agreement.cohensKappa(a, b);
    double k2 = Agreement.cohensKappa(b, a);
    if (Double.isNaN(k)) {
      assertEquals(true, Double.isNaN(k2));
    } else {
      assertEquals(k, k2, 1e-12);
      assertEquals(true, k <= 1 + 1e-12);
    }
    List<Integer> cats = List.of(0, 1, 2, 3);
    for (KappaWeights w : KappaWeights.values()) {
      double wk = Agreement.weightedCohensKappa(a, b, cats, w);
      double wk2 = Agreement.weightedCohensKappa(b, a, cats, w);
      if (!Double.isNaN(wk)) {
        assertEquals(wk, wk2, 1e-12);
      }
    }
  }

  /**
   * Oracle: kappa from agreement weights, {@code (p_o - p_e) / (1 - p_e)} with {@code p_o = sum
   * a_ij * o_ij} and {@code p_e = sum a_ij * r_i * c_j}, {@code a = 1 - disagreement weight},
   * counting item by item over all category pairs (no contingency table).
   */
  static double agreementWeightKappa(List<Integer> a, List<Integer> b, int k, KappaWeights w) {
    int n = a.size();
    double po = 0;
    double pe = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double agree = w == null ? (i == j ? 1 : 0) : 1 - w.weight(i, j, k);
        int both = 0;
        int ri = 0;
        int cj = 0;
        for (int t = 0; t < n; t++) {
          if (a.get(t) == i && b.get(t) == j) {
            both++;
          }
          if (a.get(t) == i) {
            ri++;
          }
          if (b.get(t) == j) {
            cj++;
          }
        }
        po += agree * both / (double) n;
        pe += agree * ri * cj / ((double) n * n);
      }
    }
    return (po - pe) / (1 - pe);
  }

  @Property(tries = 300)
  void kappasMatchAgreementWeightOracle(@ForAll long seed) {
    Random r = new Random(seed);
    int k = 2 + r.nextInt(4);
    int n = 2 + r.nextInt(40);
    List<Integer> a = new ArrayList<>();
    List<Integer> b = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int x = r.nextInt(k);
      a.add(x);
      b.add(r.nextInt(3) == 0 ? r.nextInt(k) : x);
    }
    List<Integer> cats = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      cats.add(i);
    }
    double plain = agreementWeightKappa(a, b, k, null);
    if (!Double.isNaN(plain) && !Double.isInfinite(plain)) {
      assertEquals(plain, Agreement.cohensKappa(a, b), 1e-9);
    }
    for (KappaWeights w : KappaWeights.values()) {
      double expected = agreementWeightKappa(a, b, k, w);
      if (!Double.isNaN(expected) && !Double.isInfinite(expected)) {
        assertEquals(expected, Agreement.weightedCohensKappa(a, b, cats, w), 1e-9);
      }
    }
  }
}
