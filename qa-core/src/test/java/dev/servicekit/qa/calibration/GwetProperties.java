package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Gwet's AC1 and AC2 against {@link GwetBruteForce} on random data with missing ratings, and their
 * laws: invariance under permuting reviewers, items and the listed categories, 1 for perfect
 * agreement, bounds from percent agreement, two reviewers' contingency table equal to their raw
 * ratings, AC2 reducing to AC1, and weights from values invariant under an affine recoding.
 */
class GwetProperties {

  /** A scale of 2 to 6 categories: codes 1..q, or unequally spaced values. */
  private static double[] randomScale(Random r) {
    int q = 2 + r.nextInt(5);
    double[] x = new double[q];
    boolean spaced = r.nextBoolean();
    for (int k = 0; k < q; k++) {
      x[k] = spaced ? k + 1 : k == 0 ? r.nextInt(5) : x[k - 1] + 0.5 + r.nextInt(40) / 4.0;
    }
    List<Double> shuffled = new ArrayList<>();
    for (double v : x) {
      shuffled.add(v);
    }
    Collections.shuffle(shuffled, r);
    return shuffled.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * Reviewers-by-items ratings from the scale (or from its first {@code used} categories), a
   * quarter missing; sometimes skewed to one category.
   */
  private static double[][] randomRatings(Random r, double[] scale, int used) {
    int reviewers = 2 + r.nextInt(5);
    int items = 1 + r.nextInt(15);
    boolean skewed = r.nextInt(3) == 0;
    double[][] m = new double[reviewers][items];
    for (double[] row : m) {
      for (int i = 0; i < items; i++) {
        if (r.nextInt(4) == 0) {
          row[i] = Double.NaN;
        } else {
          row[i] = skewed && r.nextInt(5) > 0 ? scale[0] : scale[r.nextInt(used)];
        }
      }
    }
    return m;
  }

  private static double[] usedCategories(double[][] m) {
    return Arrays.stream(m)
        .flatMapToDouble(Arrays::stream)
        .filter(v -> !Double.isNaN(v))
        .distinct()
        .toArray();
  }

  /** A random symmetric disagreement matrix in [0, 1] with a zero diagonal. */
  private static double[][] randomDisagreement(Random r, int q) {
    double[][] d = new double[q][q];
    for (int k = 0; k < q; k++) {
      for (int l = 0; l < k; l++) {
        d[k][l] = d[l][k] = r.nextInt(5) == 0 ? 1 : r.nextInt(101) / 100.0;
      }
    }
    return d;
  }

  private static double[][] complement(double[][] d) {
    double[][] w = new double[d.length][d.length];
    for (int k = 0; k < d.length; k++) {
      for (int l = 0; l < d.length; l++) {
        w[k][l] = 1 - d[k][l];
      }
    }
    return w;
  }

  private static void assertSame(double expected, double actual, String what) {
    if (Double.isNaN(expected)) {
      assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
    } else {
      assertEquals(expected, actual, 1e-12, what);
    }
  }

  @Property(tries = 500)
  void everyFormMatchesTheBruteForceOracle(@ForAll long seed) {
    Random r = new Random(seed);
    double[] scale = randomScale(r);
    double[][] m = randomRatings(r, scale, 1 + r.nextInt(scale.length));
    ReliabilityData data = ReliabilityData.ofReviewersByItems(m);
    String what = Arrays.toString(scale) + " " + Arrays.deepToString(m);
    double[] used = usedCategories(m);
    assertSame(
        GwetBruteForce.ac(m, used, GwetBruteForce.identity(used.length)),
        Agreement.gwetAc1(data),
        "AC1 " + what);
    assertSame(
        GwetBruteForce.ac(m, scale, GwetBruteForce.identity(scale.length)),
        Agreement.gwetAc1(data, scale),
        "AC1 of the scale " + what);
    assertSame(
        GwetBruteForce.ac(m, scale, GwetBruteForce.fromValues(scale, false)),
        Agreement.gwetAc2(data, scale, KappaWeights.LINEAR),
        "linear AC2 " + what);
    assertSame(
        GwetBruteForce.ac(m, scale, GwetBruteForce.fromValues(scale, true)),
        Agreement.gwetAc2(data, scale, KappaWeights.QUADRATIC),
        "quadratic AC2 " + what);
    double[][] d = randomDisagreement(r, scale.length);
    assertSame(
        GwetBruteForce.ac(m, scale, complement(d)),
        Agreement.gwetAc2(data, scale, d),
        "custom AC2 " + Arrays.deepToString(d) + " " + what);
  }

  @Property(tries = 200)
  void permutingReviewersItemsOrCategoriesChangesNothing(@ForAll long seed) {
    Random r = new Random(seed);
    double[] scale = randomScale(r);
    double[][] m = randomRatings(r, scale, scale.length);
    double[][] d = randomDisagreement(r, scale.length);
    List<double[]> rows = new ArrayList<>(Arrays.asList(m));
    Collections.shuffle(rows, r);
    double[][] byReviewer = rows.toArray(new double[0][]);
    int items = m[0].length;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      order.add(i);
    }
    Collections.shuffle(order, r);
    double[][] byItem = new double[m.length][items];
    for (int v = 0; v < m.length; v++) {
      for (int i = 0; i < items; i++) {
        byItem[v][i] = m[v][order.get(i)];
      }
    }
    // the scale reversed, with the matrix's rows and columns reversed alike
    int q = scale.length;
    double[] reversed = new double[q];
    double[][] dReversed = new double[q][q];
    for (int k = 0; k < q; k++) {
      reversed[k] = scale[q - 1 - k];
      for (int l = 0; l < q; l++) {
        dReversed[k][l] = d[q - 1 - k][q - 1 - l];
      }
    }
    ReliabilityData data = ReliabilityData.ofReviewersByItems(m);
    for (double[][] other : new double[][][] {byReviewer, byItem}) {
      ReliabilityData o = ReliabilityData.ofReviewersByItems(other);
      assertSame(Agreement.gwetAc1(data), Agreement.gwetAc1(o), "AC1");
      assertSame(Agreement.gwetAc1(data, scale), Agreement.gwetAc1(o, scale), "AC1 of the scale");
      for (KappaWeights w : KappaWeights.values()) {
        assertSame(Agreement.gwetAc2(data, scale, w), Agreement.gwetAc2(o, scale, w), "AC2 " + w);
      }
      assertSame(Agreement.gwetAc2(data, scale, d), Agreement.gwetAc2(o, scale, d), "custom");
    }
    assertSame(Agreement.gwetAc1(data, scale), Agreement.gwetAc1(data, reversed), "reversed");
    assertSame(
        Agreement.gwetAc2(data, scale, d),
        Agreement.gwetAc2(data, reversed, dReversed),
        "custom, categories reversed");
  }

  @Property(tries = 200)
  void perfectAgreementIsOneWhateverTheCategoriesShares(@ForAll long seed) {
    Random r = new Random(seed);
    double[] scale = randomScale(r);
    double[][] m = randomRatings(r, scale, 1 + r.nextInt(scale.length));
    // every item's ratings made equal to its first one; item 0 is sure to have two
    m[0][0] = scale[0];
    m[1][0] = scale[0];
    for (int i = 0; i < m[0].length; i++) {
      double first = Double.NaN;
      for (double[] row : m) {
        if (Double.isNaN(first)) {
          first = row[i];
        } else if (!Double.isNaN(row[i])) {
          row[i] = first;
        }
      }
    }
    ReliabilityData data = ReliabilityData.ofReviewersByItems(m);
    assertEquals(1.0, Agreement.gwetAc1(data, scale), 1e-12);
    for (KappaWeights w : KappaWeights.values()) {
      assertEquals(1.0, Agreement.gwetAc2(data, scale, w), 1e-12);
    }
    double ac1 = Agreement.gwetAc1(data);
    assertTrue(usedCategories(m).length == 1 ? Double.isNaN(ac1) : Math.abs(ac1 - 1) < 1e-12);
  }

  /**
   * AC1 rescales percent agreement {@code p_a} (Fleiss' P-bar) by chance agreement {@code p_e <=
   * 1/q}: {@code (p_a - 1/q) / (1 - 1/q) <= AC1 <= p_a}, and {@code 1 - AC1 = (1 - p_a) / (1 -
   * p_e)}.
   */
  @Property(tries = 300)
  void ac1LiesBetweenPercentAgreementAndItsRescalingByOneOverQ(@ForAll long seed) {
    Random r = new Random(seed);
    double[] scale = randomScale(r);
    double[][] m = randomRatings(r, scale, scale.length);
    ReliabilityData data = ReliabilityData.ofReviewersByItems(m);
    double pa = Agreement.percentAgreement(data, PairingConvention.PAIRWISE_MEAN);
    double ac1 = Agreement.gwetAc1(data, scale);
    if (Double.isNaN(pa)) {
      assertTrue(Double.isNaN(ac1));
      return;
    }
    int q = scale.length;
    assertTrue(ac1 <= pa + 1e-12, ac1 + " > percent agreement " + pa);
    assertTrue(ac1 >= (pa - 1.0 / q) / (1 - 1.0 / q) - 1e-12, ac1 + " below the 1/q bound");
  }

  /** irrCAC's {@code gwet.ac1.table} of two reviewers equals {@code gwet.ac1.raw} of their data. */
  @Property(tries = 300)
  void twoReviewersContingencyTableEqualsTheirRawRatings(@ForAll long seed) {
    Random r = new Random(seed);
    double[] scale = randomScale(r);
    int q = scale.length;
    int items = 1 + r.nextInt(30);
    double[][] m = new double[2][items];
    long[][] table = new long[q][q];
    for (int i = 0; i < items; i++) {
      int a = r.nextInt(q);
      int b = r.nextInt(3) == 0 ? r.nextInt(q) : a;
      m[0][i] = scale[a];
      m[1][i] = scale[b];
      table[a][b]++;
    }
    ReliabilityData data = ReliabilityData.ofReviewersByItems(m);
    double[][] d = randomDisagreement(r, q);
    assertSame(
        GwetBruteForce.acOfTable(table, GwetBruteForce.identity(q)),
        Agreement.gwetAc1(data, scale),
        "AC1");
    assertSame(
        GwetBruteForce.acOfTable(table, GwetBruteForce.fromValues(scale, true)),
        Agreement.gwetAc2(data, scale, KappaWeights.QUADRATIC),
        "quadratic AC2");
    assertSame(
        GwetBruteForce.acOfTable(table, complement(d)),
        Agreement.gwetAc2(data, scale, d),
        "custom AC2");
  }

  /**
   * AC2 reduces to AC1: with the all-or-nothing disagreement matrix, and with any weights on a
   * two-category scale (both categories are the scale's ends).
   */
  @Property(tries = 200)
  void ac2WithAllOrNothingWeightsOrTwoCategoriesIsAc1(@ForAll long seed) {
    Random r = new Random(seed);
    double[] scale = randomScale(r);
    int q = scale.length;
    double[][] m = randomRatings(r, scale, q);
    ReliabilityData data = ReliabilityData.ofReviewersByItems(m);
    double[][] nominal = new double[q][q];
    for (int k = 0; k < q; k++) {
      for (int l = 0; l < q; l++) {
        nominal[k][l] = k == l ? 0 : 1;
      }
    }
    assertSame(Agreement.gwetAc1(data, scale), Agreement.gwetAc2(data, scale, nominal), "matrix");
    double[] two = {scale[0], scale[1]};
    double[][] m2 = randomRatings(r, two, 2);
    ReliabilityData data2 = ReliabilityData.ofReviewersByItems(m2);
    for (KappaWeights w : KappaWeights.values()) {
      assertSame(Agreement.gwetAc1(data2, two), Agreement.gwetAc2(data2, two, w), "q = 2, " + w);
    }
  }

  /** Weights from values depend on the spacing only: recoding {@code x -> a x + b} keeps AC2. */
  @Property(tries = 200)
  void ac2IsInvariantUnderAnAffineRecoding(@ForAll long seed) {
    Random r = new Random(seed);
    double[] scale = randomScale(r);
    double[][] m = randomRatings(r, scale, scale.length);
    double a = (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(8)) / 4.0; // exact in binary
    double b = r.nextInt(200) - 100;
    double[] recoded = Arrays.stream(scale).map(x -> a * x + b).toArray();
    double[][] mRecoded = new double[m.length][];
    for (int v = 0; v < m.length; v++) {
      mRecoded[v] = Arrays.stream(m[v]).map(x -> a * x + b).toArray();
    }
    ReliabilityData data = ReliabilityData.ofReviewersByItems(m);
    ReliabilityData dataRecoded = ReliabilityData.ofReviewersByItems(mRecoded);
    for (KappaWeights w : KappaWeights.values()) {
      assertSame(
          Agreement.gwetAc2(data, scale, w),
          Agreement.gwetAc2(dataRecoded, recoded, w),
          w + " a=" + a + " b=" + b);
    }
  }

  /** Without categories, AC1's categories are the values used, as irrCAC's default. */
  @Property(tries = 200)
  void ac1WithoutCategoriesUsesTheValuesRated(@ForAll long seed) {
    Random r = new Random(seed);
    double[] scale = randomScale(r);
    double[][] m = randomRatings(r, scale, 1 + r.nextInt(scale.length));
    ReliabilityData data = ReliabilityData.ofReviewersByItems(m);
    assertSame(
        Agreement.gwetAc1(data, usedCategories(m)),
        Agreement.gwetAc1(data),
        Arrays.deepToString(m));
  }
}
