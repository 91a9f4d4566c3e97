package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class AgreementCompletenessProperties {

  private static double[][] randomItemsByReviewers(Random r, boolean missing) {
    int items = 2 + r.nextInt(12);
    int reviewers = 2 + r.nextInt(5);
    int categories = 1 + r.nextInt(4);
    double[][] m = new double[items][reviewers];
    for (double[] row : m) {
      for (int j = 0; j < reviewers; j++) {
        row[j] = missing && r.nextInt(4) == 0 ? Double.NaN : r.nextInt(categories);
      }
    }
    return m;
  }

  @Property(tries = 300)
  void fleissFromRawRatingsEqualsCountTableWhenComplete(@ForAll long seed) {
    Random r = new Random(seed);
    double[][] m = randomItemsByReviewers(r, false);
    int[][] counts = new int[m.length][4];
    for (int i = 0; i < m.length; i++) {
      for (double v : m[i]) {
        counts[i][(int) v]++;
      }
    }
    double expected = Agreement.fleissKappa(counts);
    double actual = Agreement.fleissKappa(ReliabilityData.ofItemsByReviewers(m));
    assertEquals(expected, actual, 1e-12);
  }

  /**
   * Oracle: Fleiss with missing values, P-bar from the pairwise definition over ordered rater pairs
   * of the items with two ratings, chance agreement from Gwet's (2014) pi_j: the mean over every
   * rated item of the share of its ratings in category j.
   */
  @Property(tries = 300)
  void fleissWithMissingMatchesPairwiseOracle(@ForAll long seed) {
    Random r = new Random(seed);
    double[][] m = randomItemsByReviewers(r, true);
    double pBar = 0;
    int items = 0;
    List<List<Double>> rated = new ArrayList<>();
    for (double[] row : m) {
      List<Double> vs = new ArrayList<>();
      for (double v : row) {
        if (!Double.isNaN(v)) {
          vs.add(v);
        }
      }
      if (!vs.isEmpty()) {
        rated.add(vs);
      }
      if (vs.size() < 2) {
        continue;
      }
      items++;
      int agree = 0;
      for (int a = 0; a < vs.size(); a++) {
        for (int b = 0; b < vs.size(); b++) {
          if (a != b && vs.get(a).equals(vs.get(b))) {
            agree++;
          }
        }
      }
      pBar += agree / (double) (vs.size() * (vs.size() - 1));
    }
    double expected;
    if (items == 0) {
      expected = Double.NaN;
    } else {
      pBar /= items;
      double pe = 0;
      List<Double> categories = rated.stream().flatMap(List::stream).distinct().sorted().toList();
      for (double c : categories) {
        double p = 0;
        for (List<Double> vs : rated) {
          p += vs.stream().filter(x -> x == c).count() / (double) vs.size() / rated.size();
        }
        pe += p * p;
      }
      expected = categories.size() == 1 ? Double.NaN : (pBar - pe) / (1 - pe);
    }
    assertEquals(expected, Agreement.fleissKappa(ReliabilityData.ofItemsByReviewers(m)), 1e-12);
  }

  @Property(tries = 300)
  void twoRatersScottsPiEqualsFleissAndPercentAgreementMatchesTwoRaterForm(@ForAll long seed) {
    Random r = new Random(seed);
    int n = 1 + r.nextInt(30);
    int k = 1 + r.nextInt(4);
    List<Integer> a = new ArrayList<>();
    List<Integer> b = new ArrayList<>();
    double[][] m = new double[n][2];
    for (int i = 0; i < n; i++) {
      a.add(r.nextInt(k));
      b.add(r.nextInt(k));
      m[i][0] = a.get(i);
      m[i][1] = b.get(i);
    }
    ReliabilityData data = ReliabilityData.ofItemsByReviewers(m);
    assertEquals(Agreement.fleissKappa(data), Agreement.scottsPi(a, b), 1e-12);
    for (PairingConvention c : PairingConvention.values()) {
      assertEquals(Agreement.percentAgreement(a, b), Agreement.percentAgreement(data, c), 1e-12);
    }
  }

  @Property(tries = 300)
  void customMatrixAndEquallySpacedValuesReproduceBuiltInWeights(@ForAll long seed) {
    Random r = new Random(seed);
    int k = 2 + r.nextInt(4);
    int n = 1 + r.nextInt(30);
    List<Integer> a = new ArrayList<>();
    List<Integer> b = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      a.add(r.nextInt(k));
      b.add(r.nextInt(k));
    }
    List<Integer> cats = new ArrayList<>();
    java.util.Map<Integer, Integer> values = new java.util.LinkedHashMap<>();
    for (int i = 0; i < k; i++) {
      cats.add(i);
      values.put(i, 3 * i + 7);
    }
    for (KappaWeights w : KappaWeights.values()) {
      double[][] matrix = new double[k][k];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          matrix[i][j] = w.weight(i, j, k);
        }
      }
      double builtIn = Agreement.weightedCohensKappa(a, b, cats, w);
      assertEquals(builtIn, Agreement.weightedCohensKappa(a, b, cats, matrix), 1e-12);
      assertEquals(builtIn, Agreement.weightedCohensKappa(a, b, values, w), 1e-12);
    }
  }

  @Property(tries = 200)
  void iccAverageFormsAreSpearmanBrownOfSingleAndIntervalsContainThem(@ForAll long seed) {
    Random r = new Random(seed);
    int n = 8 + r.nextInt(13);
    int k = 2 + r.nextInt(4);
    double[][] m = new double[n][k];
    for (int i = 0; i < n; i++) {
      double target = r.nextGaussian() * 3;
      for (int j = 0; j < k; j++) {
        m[i][j] = target + j * r.nextDouble() + r.nextGaussian();
      }
    }
    for (IccForm single : List.of(IccForm.ICC_1_1, IccForm.ICC_2_1, IccForm.ICC_3_1)) {
      IccForm avg = IccForm.values()[single.ordinal() + 3];
      IccEstimate one = Agreement.icc(m, single, 0.95);
      IccEstimate mean = Agreement.icc(m, avg, 0.95);
      // Spearman-Brown: ICC(x,k) = k ICC(x,1) / (1 + (k - 1) ICC(x,1))
      double sb = k * one.value() / (1 + (k - 1) * one.value());
      assertEquals(sb, mean.value(), 1e-9 * Math.max(1, Math.abs(sb)));
      // the approximate intervals contain positive estimates (negative ones can fall outside in
      // small samples, a known property of the F-based intervals)
      if (one.value() > 0) {
        assertEquals(true, one.lower() <= one.value() && one.value() <= one.upper(), single + "");
        assertEquals(true, mean.lower() <= mean.value() && mean.value() <= mean.upper(), avg + "");
      }
    }
  }
}
