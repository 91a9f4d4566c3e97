package dev.servicekit.qa.calibration;

import dev.servicekit.qa.internal.Distributions;
import dev.servicekit.qa.internal.Excerpts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.TreeMap;
import java.util.function.DoubleBinaryOperator;

/**
 * Inter-rater agreement statistics.
 *
 * <p>One signal for undefined values: a coefficient that is undefined for the data (expected
 * agreement or disagreement leaves nothing to correct for, e.g. every rating identical, a single
 * category, no item with two ratings, no variance for an ICC) is returned as {@link Double#NaN} by
 * every method. {@link IllegalArgumentException} is reserved for malformed input (lists of
 * different sizes, a rating outside the categories, a bad weight matrix). A null argument, or a
 * null rating in the paired methods (two lists of ratings), is a {@link NullPointerException}
 * naming it ({@code rater2[3]}), and a NaN rating (a {@code Double} or {@code Float}) an {@link
 * IllegalArgumentException} naming it; missing ratings belong in {@link ReliabilityData}.
 *
 * <p>Thread-safe; stateless.
 */
public final class Agreement {

  private Agreement() {}

  /**
   * Share of items on which two raters gave the same rating, {@code O(n)}.
   *
   * @param <T> the rating type
   * @param rater1 ratings of rater 1
   * @param rater2 ratings of rater 2, same items in the same order
   * @return agreement in {@code [0, 1]}
   * @throws IllegalArgumentException if the lists are empty or differ in size
   */
  public static <T> double percentAgreement(List<T> rater1, List<T> rater2) {
    rater1 = indexed(rater1, "rater1");
    rater2 = indexed(rater2, "rater2");
    checkPaired(rater1, rater2);
    int agree = 0;
    for (int i = 0; i < rater1.size(); i++) {
      if (rater1.get(i).equals(rater2.get(i))) {
        agree++;
      }
    }
    return agree / (double) rater1.size();
  }

  /**
   * Cohen's (1960) kappa for two raters, {@code O(n log n)}.
   *
   * @param <T> the rating type
   * @param rater1 ratings of rater 1
   * @param rater2 ratings of rater 2, same items in the same order
   * @return kappa in {@code [-1, 1]}, or NaN if chance agreement is 1 (both raters used one and the
   *     same category throughout)
   * @throws IllegalArgumentException if the lists are empty or differ in size
   */
  public static <T> double cohensKappa(List<T> rater1, List<T> rater2) {
    rater1 = indexed(rater1, "rater1");
    rater2 = indexed(rater2, "rater2");
    checkPaired(rater1, rater2);
    Map<T, Integer> index = new LinkedHashMap<>();
    for (T t : rater1) {
      index.putIfAbsent(t, index.size());
    }
    for (T t : rater2) {
      index.putIfAbsent(t, index.size());
    }
    return weightedKappa(rater1, rater2, index, (i, j) -> i == j ? 0 : 1);
  }

  /**
   * Weighted Cohen's kappa (Cohen 1968) for ordered categories, {@code O(n log n + c + u1 u2)} for
   * {@code c} categories of which the raters used {@code u1} and {@code u2} (no {@code c x c}
   * table: a long list of categories costs its length).
   *
   * <p>The weights go by position in {@code orderedCategories}, so a listed category nobody used
   * changes them. R's irr {@code kappa2} and statsmodels weigh by position among the levels the two
   * raters used (as Stata's {@code kap} does without its {@code absolute} option): list only those
   * to reproduce their values.
   *
   * @param <T> the rating type
   * @param rater1 ratings of rater 1
   * @param rater2 ratings of rater 2, same items in the same order
   * @param orderedCategories all categories, lowest first
   * @param weights linear or quadratic disagreement weights
   * @return weighted kappa, or NaN if expected weighted disagreement is 0 (including a single
   *     category)
   * @throws IllegalArgumentException if the lists are empty or differ in size, or a rating is not
   *     among the categories
   */
  public static <T> double weightedCohensKappa(
      List<T> rater1, List<T> rater2, List<T> orderedCategories, KappaWeights weights) {
    Objects.requireNonNull(orderedCategories, "orderedCategories");
    Objects.requireNonNull(weights, "weights");
    rater1 = indexed(rater1, "rater1");
    rater2 = indexed(rater2, "rater2");
    checkPaired(rater1, rater2);
    Map<T, Integer> index = indexCategories(orderedCategories);
    int k = index.size();
    checkAmong(rater1, rater2, index);
    if (k < 2) {
      return Double.NaN;
    }
    return weightedKappa(rater1, rater2, index, (i, j) -> weights.weight(i, j, k));
  }

  /**
   * Fleiss' (1971) kappa for a fixed number of raters per subject, {@code O(subjects *
   * categories)}.
   *
   * @param counts {@code counts[i][j]} = number of raters who put subject {@code i} in category
   *     {@code j}; every row has the same total {@code n >= 2}
   * @return kappa, or NaN if expected agreement is 1 (all ratings in one category)
   * @throws IllegalArgumentException if there are no subjects, a count is negative, rows differ in
   *     total or length, or a row totals more than {@code Integer.MAX_VALUE} ratings
   */
  public static double fleissKappa(int[][] counts) {
    Objects.requireNonNull(counts, "counts");
    if (counts.length == 0) {
      throw new IllegalArgumentException("counts must have at least one subject");
    }
    for (int i = 0; i < counts.length; i++) {
      Objects.requireNonNull(counts[i], "counts[" + i + "]");
    }
    int categories = counts[0].length;
    long n = 0; // in long: two counts near Integer.MAX_VALUE must not wrap to a negative total
    for (int c : counts[0]) {
      n += c;
    }
    if (n < 2) {
      throw new IllegalArgumentException("counts[0] has " + n + " ratings; need >= 2 raters");
    }
    if (n > Integer.MAX_VALUE) {
      // the sums of squared counts must fit a long: at most n^2 < 2^62
      throw new IllegalArgumentException(
          "counts[0] has " + n + " ratings; at most " + Integer.MAX_VALUE + " raters per subject");
    }
    double[] p = new double[categories];
    double pBar = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i].length != categories) {
        throw new IllegalArgumentException(
            "counts[" + i + "] has " + counts[i].length + " categories, expected " + categories);
      }
      long sum = 0;
      long sq = 0;
      for (int j = 0; j < categories; j++) {
        int c = counts[i][j];
        if (c < 0) {
          throw new IllegalArgumentException(
              "counts[" + i + "][" + j + "] = " + c + " must be >= 0");
        }
        sum += c;
        sq += (long) c * c;
        p[j] += c;
      }
      if (sum != n) {
        throw new IllegalArgumentException(
            "counts[" + i + "] has " + sum + " ratings but every subject must have " + n);
      }
      pBar += (sq - n) / ((double) n * (n - 1));
    }
    pBar /= counts.length;
    double pe = 0;
    double total = (double) counts.length * n;
    for (int j = 0; j < categories; j++) {
      double pj = p[j] / total;
      pe += pj * pj;
    }
    return pe == 1 ? Double.NaN : (pBar - pe) / (1 - pe);
  }

  /**
   * Krippendorff's alpha (Krippendorff 2011), {@code O(values log values + pairs)} time and {@code
   * O(v + m)} memory for {@code v} distinct values, {@code pairs} pairs of distinct values within
   * units and {@code m} values in the largest unit; {@link AlphaMetric#RATIO} adds {@code O(v^2)}
   * time for the expected disagreement. Units with fewer than two values are not pairable and
   * ignored.
   *
   * <p>The coincidence matrix is never built: each value's coincidence margin {@code n_c} is its
   * number of pairable occurrences, observed disagreement is summed over the pairs of distinct
   * values within units (times the product of their counts there), and expected disagreement comes
   * from the margins. The ordinal distance {@code (sum_{g=c..k} n_g - (n_c + n_k) / 2)^2} is the
   * interval distance between the values' mid-ranks {@code sum_{g<c} n_g + n_c / 2}, so ordinal and
   * interval alpha share one closed form, {@code 2 n sum_c n_c (x_c - mean)^2} for the expected
   * disagreement.
   *
   * @param data the reliability data, missing values allowed
   * @param metric the level of measurement
   * @return alpha, at most 1; NaN if expected disagreement is 0 or fewer than two pairable values
   *     exist
   * @throws IllegalArgumentException for {@link AlphaMetric#RATIO} with negative values
   */
  public static double krippendorffAlpha(ReliabilityData data, AlphaMetric metric) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(metric, "metric");
    double[] values = pairableValues(data);
    if (metric == AlphaMetric.RATIO && values.length > 0 && values[0] < 0) {
      throw new IllegalArgumentException("ratio metric needs values >= 0 but found " + values[0]);
    }
    double[] nc = pairableCounts(data, values);
    double n = 0;
    for (double c : nc) {
      n += c;
    }
    if (n < 2) {
      return Double.NaN;
    }
    // ratio distances are scale-free and computed from the values themselves: scaling values near
    // Double.MAX_VALUE down flushed subnormal ones to 0, and 0 / 0 made alpha NaN
    double[] x =
        switch (metric) {
          case ORDINAL -> midRanks(nc);
          case RATIO -> values;
          default -> scaledIfHuge(values);
        };
    IndexDistance d;
    double expected;
    switch (metric) {
      case NOMINAL -> {
        d = (c, k) -> c == k ? 0 : 1;
        double same = 0;
        for (double c : nc) {
          same += c * c;
        }
        expected = n * n - same;
      }
      case RATIO -> {
        d =
            (c, k) -> {
              if (c == k) {
                return 0;
              }
              double sum = x[c] + x[k];
              // two values >= 0 whose sum overflows are both large: halving them is exact
              double r =
                  Double.isInfinite(sum)
                      ? (x[c] / 2 - x[k] / 2) / (x[c] / 2 + x[k] / 2)
                      : (x[c] - x[k]) / sum;
              return r * r;
            };
        expected = pairwiseExpected(nc, d);
      }
      default -> { // INTERVAL, ORDINAL
        d =
            (c, k) -> {
              double t = x[c] - x[k];
              return t * t;
            };
        double mean = 0;
        for (int c = 0; c < x.length; c++) {
          mean += nc[c] * x[c];
        }
        mean /= n;
        double spread = 0;
        for (int c = 0; c < x.length; c++) {
          double t = x[c] - mean;
          spread += nc[c] * t * t;
        }
        expected = 2 * n * spread;
      }
    }
    return alpha(data, values, n, d, expected);
  }

  /** A squared distance between two values given by their indexes among the sorted values. */
  private interface IndexDistance {
    double of(int c, int k);
  }

  private static double[] pairableValues(ReliabilityData data) {
    return data.units().stream()
        .filter(u -> u.length >= 2)
        .flatMapToDouble(Arrays::stream)
        .distinct()
        .sorted()
        .toArray();
  }

  /** {@code n_c}: how often each value occurs in pairable units (the coincidence margins). */
  private static double[] pairableCounts(ReliabilityData data, double[] values) {
    double[] nc = new double[values.length];
    for (double[] unit : data.units()) {
      if (unit.length >= 2) {
        for (double x : unit) {
          nc[Arrays.binarySearch(values, x)]++;
        }
      }
    }
    return nc;
  }

  /**
   * {@code values} themselves, or, when the largest magnitude exceeds 1e100 or is below 1e-100, all
   * of them scaled by one power of two (exactly) so that squared differences and sums neither
   * overflow nor underflow: interval alpha is a ratio of such terms, so the scale cancels. (Ratio
   * distances are scale-free and take the values as they are: scaling down flushed subnormal values
   * to 0.)
   */
  private static double[] scaledIfHuge(double[] values) {
    double maxAbs = 0;
    for (double v : values) {
      maxAbs = Math.max(maxAbs, Math.abs(v));
    }
    if (maxAbs == 0 || (maxAbs <= 1e100 && maxAbs >= 1e-100)) {
      return values; // squares and sums of squares neither overflow nor underflow
    }
    int shift = -Math.getExponent(maxAbs);
    double[] out = new double[values.length];
    for (int c = 0; c < values.length; c++) {
      out[c] = Math.scalb(values[c], shift);
    }
    return out;
  }

  /** Mid-ranks {@code sum_{g<c} n_g + n_c / 2}: ordinal distance is their squared difference. */
  private static double[] midRanks(double[] nc) {
    double[] mid = new double[nc.length];
    double below = 0;
    for (int c = 0; c < nc.length; c++) {
      mid[c] = below + nc[c] / 2;
      below += nc[c];
    }
    return mid;
  }

  /** {@code sum_c sum_k n_c n_k d(c, k)} for a symmetric distance, {@code O(v^2)}, no matrix. */
  private static double pairwiseExpected(double[] nc, IndexDistance d) {
    double expected = 0;
    for (int c = 0; c < nc.length; c++) {
      for (int k = 0; k < c; k++) {
        expected += 2 * nc[c] * nc[k] * d.of(c, k);
      }
    }
    return expected;
  }

  /**
   * {@code 1 - (n - 1) D_o / D_e} with the observed disagreement summed over the ordered pairs of
   * values within each pairable unit, each weighted {@code 1 / (m_u - 1)}: per unit over the pairs
   * of its distinct values, each pair's distance times the product of their counts, {@code O(m_u
   * log m_u + d_u^2)} for {@code d_u} distinct values among its {@code m_u} (every pair of its
   * {@code m_u} values cost {@code O(m_u^2)}: seconds for a unit of 10,000 ratings).
   */
  private static double alpha(
      ReliabilityData data, double[] values, double n, IndexDistance d, double expected) {
    double observed = 0;
    int[] idx = new int[0];
    int[] count = new int[0];
    for (double[] unit : data.units()) {
      int m = unit.length;
      if (m < 2) {
        continue;
      }
      if (idx.length < m) {
        idx = new int[m];
        count = new int[m];
      }
      for (int a = 0; a < m; a++) {
        idx[a] = Arrays.binarySearch(values, unit[a]);
      }
      int distinct = distinctRuns(idx, m, count); // idx[0..distinct) the unit's values
      double u = 0;
      for (int a = 1; a < distinct; a++) {
        for (int b = 0; b < a; b++) {
          u += (double) count[a] * count[b] * d.of(idx[a], idx[b]);
        }
      }
      observed += 2 * u / (m - 1);
    }
    return expected == 0 ? Double.NaN : 1 - (n - 1) * observed / expected;
  }

  /**
   * Weighted Cohen's kappa with a custom disagreement matrix, {@code O(n + c^2)}.
   *
   * @param <T> the rating type
   * @param rater1 ratings of rater 1
   * @param rater2 ratings of rater 2, same items in the same order
   * @param categories all categories, in the order of the matrix rows and columns
   * @param disagreement {@code disagreement[i][j]}: the cost of rating {@code categories[i]}
   *     against {@code categories[j]}; square, finite, non-negative, symmetric, zero on the
   *     diagonal
   * @return weighted kappa, or NaN if expected weighted disagreement is 0
   * @throws IllegalArgumentException if the lists are empty or differ in size, a rating is not
   *     among the categories, or the matrix breaks a rule (naming the cell)
   */
  public static <T> double weightedCohensKappa(
      List<T> rater1, List<T> rater2, List<T> categories, double[][] disagreement) {
    Objects.requireNonNull(categories, "categories");
    Objects.requireNonNull(disagreement, "disagreement");
    rater1 = indexed(rater1, "rater1");
    rater2 = indexed(rater2, "rater2");
    checkPaired(rater1, rater2);
    Map<T, Integer> index = indexCategories(categories);
    int k = index.size();
    double[][] w = squareCopy(disagreement, k);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double v = w[i][j];
        String cell = "disagreement[" + i + "][" + j + "] = " + v;
        if (!Double.isFinite(v) || v < 0) {
          throw new IllegalArgumentException(cell + " must be finite and >= 0");
        }
        if (i == j && v != 0) {
          throw new IllegalArgumentException(cell + " must be 0 (a rating agrees with itself)");
        }
        if (v != w[j][i]) {
          throw new IllegalArgumentException(
              cell + " must equal disagreement[" + j + "][" + i + "] = " + w[j][i]);
        }
      }
    }
    checkAmong(rater1, rater2, index);
    return k < 2 ? Double.NaN : weightedKappa(rater1, rater2, index, (i, j) -> w[i][j]);
  }

  /**
   * Weighted Cohen's kappa with weights from the categories' numeric values rather than their
   * positions, for unequally spaced scales: linear {@code |v_i - v_j| / (max - min)}, quadratic its
   * square; {@code O(n log n + c + u1 u2)} as {@link #weightedCohensKappa(List, List, List,
   * KappaWeights)}.
   *
   * @param <T> the rating type
   * @param rater1 ratings of rater 1
   * @param rater2 ratings of rater 2, same items in the same order
   * @param categoryValues every category with its finite numeric value
   * @param weights linear or quadratic
   * @return weighted kappa, or NaN if expected weighted disagreement is 0 (including all values
   *     equal)
   * @throws IllegalArgumentException if the lists are empty or differ in size, a rating is not a
   *     key of the map, or a value is not finite
   */
  public static <T> double weightedCohensKappa(
      List<T> rater1,
      List<T> rater2,
      Map<T, ? extends Number> categoryValues,
      KappaWeights weights) {
    Objects.requireNonNull(categoryValues, "categoryValues");
    Objects.requireNonNull(weights, "weights");
    rater1 = indexed(rater1, "rater1");
    rater2 = indexed(rater2, "rater2");
    checkPaired(rater1, rater2);
    Map<T, Integer> index = new LinkedHashMap<>();
    double[] v = new double[categoryValues.size()];
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Map.Entry<T, ? extends Number> e : categoryValues.entrySet()) {
      Objects.requireNonNull(e.getKey(), "category");
      double x = Objects.requireNonNull(e.getValue(), "category value").doubleValue();
      if (!Double.isFinite(x)) {
        throw new IllegalArgumentException(
            "value " + x + " of category " + excerpt(e.getKey()) + " must be finite");
      }
      v[index.size()] = x;
      index.put(e.getKey(), index.size());
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    checkAmong(rater1, rater2, index);
    // halves: max - min of finite values may overflow (halving is exact but for subnormals)
    double range = max / 2 - min / 2;
    if (!(range > 0)) {
      return Double.NaN;
    }
    return weightedKappa(
        rater1,
        rater2,
        index,
        (i, j) -> {
          double d = Math.abs(v[i] / 2 - v[j] / 2) / range;
          return weights == KappaWeights.LINEAR ? d : d * d;
        });
  }

  /**
   * Scott's (1955) pi for two raters: chance agreement from the pooled marginals of both raters,
   * {@code O(n)}. Equals Fleiss' kappa for two raters.
   *
   * @param <T> the rating type
   * @param rater1 ratings of rater 1
   * @param rater2 ratings of rater 2, same items in the same order
   * @return pi, at most 1; NaN if chance agreement is 1 (one category throughout)
   * @throws IllegalArgumentException if the lists are empty or differ in size
   */
  public static <T> double scottsPi(List<T> rater1, List<T> rater2) {
    rater1 = indexed(rater1, "rater1");
    rater2 = indexed(rater2, "rater2");
    checkPaired(rater1, rater2);
    Map<T, Integer> counts = new HashMap<>();
    int agree = 0;
    for (int i = 0; i < rater1.size(); i++) {
      T a = Objects.requireNonNull(rater1.get(i), "rater1 rating");
      T b = Objects.requireNonNull(rater2.get(i), "rater2 rating");
      counts.merge(a, 1, Integer::sum);
      counts.merge(b, 1, Integer::sum);
      if (a.equals(b)) {
        agree++;
      }
    }
    double n = rater1.size();
    double pe = 0;
    for (int c : counts.values()) {
      double p = c / (2 * n);
      pe += p * p;
    }
    double po = agree / n;
    return pe == 1 ? Double.NaN : (po - pe) / (1 - pe);
  }

  /**
   * Percent agreement of any number of reviewers, with missing ratings, {@code O(ratings)}. Ratings
   * agree when their values are equal (category codes).
   *
   * @param data the ratings per item; items with fewer than two ratings are not counted
   * @param convention how pairs and items are combined ({@link PairingConvention#PAIRWISE_MEAN} is
   *     the usual convention, Fleiss' {@code P-bar})
   * @return agreement in {@code [0, 1]}, or NaN if no item has two ratings
   */
  public static double percentAgreement(ReliabilityData data, PairingConvention convention) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(convention, "convention");
    double sum = 0;
    double pairs = 0;
    int items = 0;
    for (double[] unit : data.units()) {
      int m = unit.length;
      if (m < 2) {
        continue;
      }
      items++;
      long agreeing = 0;
      for (long c : valueCounts(unit).values()) {
        agreeing += c * (c - 1) / 2;
      }
      long all = (long) m * (m - 1) / 2;
      switch (convention) {
        case PAIRWISE_MEAN -> sum += agreeing / (double) all;
        case PAIRWISE_POOLED -> {
          sum += agreeing;
          pairs += all;
        }
        default -> sum += agreeing == all ? 1 : 0;
      }
    }
    if (items == 0) {
      return Double.NaN;
    }
    return convention == PairingConvention.PAIRWISE_POOLED ? sum / pairs : sum / items;
  }

  /**
   * Fleiss' kappa from raw ratings (category codes), any number of reviewers per item and missing
   * ratings allowed, {@code O(ratings)}: Fleiss' generalized kappa as Gwet (2014, "Handbook of
   * Inter-Rater Reliability", 4th ed.) defines it for missing ratings, and as R's irrCAC ({@code
   * fleiss.kappa.raw}) and Stata's {@code kappaetc} compute it. Per item with {@code n_i >= 2}
   * ratings {@code P_i = sum_j n_ij (n_ij - 1) / (n_i (n_i - 1))}; {@code P-bar} is their mean.
   * Chance agreement is {@code sum_j pi_j^2} with {@code pi_j} the mean over every rated item (one
   * rating is enough) of its share {@code n_ij / n_i} of ratings in category {@code j}. With the
   * same number of ratings per item this is exactly Fleiss (1971), {@link #fleissKappa(int[][])}.
   *
   * @param data the ratings per item; items with fewer than two ratings count in chance agreement
   *     only
   * @return kappa, at most 1; NaN if no item has two ratings or every rating is one category
   */
  public static double fleissKappa(ReliabilityData data) {
    Objects.requireNonNull(data, "data");
    // per category the sum over rated items of n_ij / n_i (Gwet's pi_j times the item count);
    // items with one rating count here, as in Gwet (2014) and irrCAC, but not in P-bar
    Map<Double, Double> shares = new HashMap<>();
    double pBar = 0;
    int items = 0;
    int rated = data.units().size(); // every unit holds at least one rating
    for (double[] unit : data.units()) {
      int m = unit.length;
      long same = 0;
      for (Map.Entry<Double, Long> e : valueCounts(unit).entrySet()) {
        long c = e.getValue();
        same += c * (c - 1);
        shares.merge(e.getKey(), c / (double) m, Double::sum);
      }
      if (m >= 2) {
        items++;
        pBar += same / ((double) m * (m - 1));
      }
    }
    if (items == 0) {
      return Double.NaN;
    }
    pBar /= items;
    if (shares.size() == 1) {
      return Double.NaN; // every rating is one category: chance agreement is exactly 1
    }
    double pe = 0;
    for (double share : shares.values()) {
      double p = share / rated;
      pe += p * p;
    }
    return pe == 1 ? Double.NaN : (pBar - pe) / (1 - pe);
  }

  /**
   * Gwet's AC1 (Gwet 2008; "Handbook of Inter-Rater Reliability", 4th ed., 2014) of any number of
   * reviewers with missing ratings, the categories being the values the reviewers used, {@code
   * O(ratings log ratings)}: as R's irrCAC {@code gwet.ac1.raw} computes it by default. Percent
   * agreement {@code p_a} is Fleiss' {@code P-bar} over the items with two ratings ({@link
   * #percentAgreement(ReliabilityData, PairingConvention)} with {@link
   * PairingConvention#PAIRWISE_MEAN}); chance agreement is {@code p_e = sum_k pi_k (1 - pi_k) / (q
   * - 1)} over the {@code q} categories, {@code pi_k} being the mean over every rated item (one
   * rating is enough) of its share of ratings in category {@code k}; {@code AC1 = (p_a - p_e) / (1
   * - p_e)}. Unlike kappa, chance agreement is at most {@code 1 / q}, so AC1 does not collapse when
   * nearly every rating is one category.
   *
   * <p>{@code q} counts the categories used; Gwet counts those of the scale, which a category
   * nobody used changes: pass them to {@link #gwetAc1(ReliabilityData, double[])}.
   *
   * @param data the ratings per item (category codes); items with fewer than two ratings count in
   *     chance agreement only
   * @return AC1, at most 1; NaN if no item has two ratings or every rating is one category
   */
  public static double gwetAc1(ReliabilityData data) {
    Objects.requireNonNull(data, "data");
    double[] used = data.units().stream().flatMapToDouble(Arrays::stream).distinct().toArray();
    return gwet(data, sortedCategories(used, "categories"), null, Double.NaN);
  }

  /**
   * Gwet's AC1 with the categories of the scale, {@code O(ratings log ratings + q log q)}: as
   * {@link #gwetAc1(ReliabilityData)} with {@code q = categories.length}, as irrCAC's {@code
   * gwet.ac1.raw} with {@code categ.labels}. With two or more categories, items that all agree give
   * AC1 1 even when every rating is one category.
   *
   * @param data the ratings per item (category codes)
   * @param categories every category of the scale, in any order, each once
   * @return AC1, at most 1; NaN if no item has two ratings or there are fewer than two categories
   * @throws IllegalArgumentException if a category is not finite or listed twice, or a rating is
   *     not among the categories
   */
  public static double gwetAc1(ReliabilityData data, double[] categories) {
    Objects.requireNonNull(data, "data");
    return gwet(data, sortedCategories(categories, "categories"), null, Double.NaN);
  }

  /**
   * Gwet's AC2: AC1 with weighted agreement, for ordered categories (Gwet 2014, ch. 3), {@code
   * O(ratings log ratings + q log q + sum_i d_i^2)} for {@code d_i} distinct ratings of item {@code
   * i}. The agreement weight of categories {@code k} and {@code l} is {@code 1 - d(k, l)} with
   * {@code d} the disagreement weight from their values, not their positions: linear {@code |x_k -
   * x_l| / (max - min)}, quadratic its square, as Gwet and irrCAC define them for numeric ratings
   * (for equally spaced codes such as 1..5 the positional weights of {@link
   * #weightedCohensKappa(List, List, List, KappaWeights)}). Per item with {@code n_i >= 2} ratings
   * {@code p_a} averages the agreement weight over its ordered pairs of ratings by different
   * reviewers; {@code p_e = T_w sum_k pi_k (1 - pi_k) / (q (q - 1))} with {@code T_w} the sum of
   * all {@code q^2} agreement weights. As irrCAC's {@code gwet.ac1.raw(weights = "linear" |
   * "quadratic", categ.labels = categories)}.
   *
   * @param data the ratings per item (category codes)
   * @param categories every category of the scale, in any order, each once
   * @param weights linear or quadratic disagreement weights
   * @return AC2, at most 1; NaN if no item has two ratings or there are fewer than two categories
   * @throws IllegalArgumentException if a category is not finite or listed twice, or a rating is
   *     not among the categories
   */
  public static double gwetAc2(ReliabilityData data, double[] categories, KappaWeights weights) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(weights, "weights");
    double[] x = sortedCategories(categories, "categories");
    int q = x.length;
    if (q < 2) {
      return gwet(data, x, null, Double.NaN); // checks the ratings, then NaN
    }
    // positions on [0, 1]: the difference of two distinct doubles is never 0, and where it
    // overflows the values are large enough to halve exactly
    double range = x[q - 1] - x[0];
    boolean halve = Double.isInfinite(range);
    double[] u = new double[q];
    for (int c = 0; c < q; c++) {
      u[c] =
          halve
              ? Math.min(1, (x[c] / 2 - x[0] / 2) / (x[q - 1] / 2 - x[0] / 2))
              : Math.min(1, (x[c] - x[0]) / range);
    }
    boolean linear = weights == KappaWeights.LINEAR;
    // T_w = q^2 - sum_{c,k} d(c, k): for sorted u, sum_{c,k} |u_c - u_k| = 2 sum_c u_c (2c - q + 1)
    // and sum_{c,k} (u_c - u_k)^2 = 2 q sum_c (u_c - mean)^2
    double spread = 0;
    if (linear) {
      for (int c = 0; c < q; c++) {
        spread += 2 * u[c] * (2.0 * c - q + 1);
      }
    } else {
      double mean = 0;
      for (double v : u) {
        mean += v / q;
      }
      for (double v : u) {
        spread += 2.0 * q * (v - mean) * (v - mean);
      }
    }
    double total = (double) q * q - spread;
    return gwet(
        data,
        x,
        (c, k) -> {
          double d = Math.abs(u[c] - u[k]);
          return 1 - (linear ? d : d * d);
        },
        total);
  }

  /**
   * Gwet's AC2 with a custom disagreement matrix, {@code O(ratings log ratings + q^2 + sum_i
   * d_i^2)}: agreement weight {@code 1 - disagreement[k][l]}, otherwise as {@link
   * #gwetAc2(ReliabilityData, double[], KappaWeights)} (irrCAC's {@code gwet.ac1.raw} with a weight
   * matrix, here written as its complement so that it reads as {@link #weightedCohensKappa(List,
   * List, List, double[][])}'s). Unlike kappa, AC2 is not invariant to scaling the disagreements,
   * so they lie in {@code [0, 1]}.
   *
   * @param data the ratings per item (category codes)
   * @param categories every category of the scale, in the order of the matrix rows and columns
   * @param disagreement {@code disagreement[k][l]}: the cost of rating {@code categories[k]}
   *     against {@code categories[l]}; square, in {@code [0, 1]}, symmetric, zero on the diagonal
   * @return AC2, at most 1; NaN if no item has two ratings, there are fewer than two categories, or
   *     chance agreement is 1 (every disagreement 0 and the categories used equally often)
   * @throws IllegalArgumentException if a category is not finite or listed twice, a rating is not
   *     among the categories, or the matrix breaks a rule (naming the cell)
   */
  public static double gwetAc2(ReliabilityData data, double[] categories, double[][] disagreement) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(disagreement, "disagreement");
    double[] x = sortedCategories(categories, "categories");
    int q = x.length;
    double[][] w = squareCopy(disagreement, q);
    for (int i = 0; i < q; i++) {
      for (int j = 0; j < q; j++) {
        double v = w[i][j];
        String cell = "disagreement[" + i + "][" + j + "] = " + v;
        if (!(v >= 0 && v <= 1)) {
          throw new IllegalArgumentException(
              cell + " must be in [0, 1] (AC2 weighs agreement as 1 - disagreement)");
        }
        if (i == j && v != 0) {
          throw new IllegalArgumentException(cell + " must be 0 (a rating agrees with itself)");
        }
        if (v != w[j][i]) {
          throw new IllegalArgumentException(
              cell + " must equal disagreement[" + j + "][" + i + "] = " + w[j][i]);
        }
      }
    }
    // the matrix goes by the caller's order, the computation by the sorted categories
    int[] row = new int[q];
    for (int i = 0; i < q; i++) {
      row[Arrays.binarySearch(x, categories[i] == 0 ? 0.0 : categories[i])] = i;
    }
    double total = 0;
    for (double[] r : w) {
      for (double v : r) {
        total += 1 - v;
      }
    }
    return gwet(data, x, (c, k) -> 1 - w[row[c]][row[k]], total);
  }

  /**
   * {@code categories} sorted, each finite and listed once ({@code -0.0} is {@code 0.0}); the
   * caller's array is not changed.
   */
  private static double[] sortedCategories(double[] categories, String name) {
    Objects.requireNonNull(categories, name);
    double[] x = new double[categories.length];
    for (int i = 0; i < x.length; i++) {
      double v = categories[i];
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(
            name + "[" + i + "] = " + v + " must be finite (a category code)");
      }
      x[i] = v == 0 ? 0.0 : v;
    }
    Arrays.sort(x);
    for (int i = 1; i < x.length; i++) {
      if (x[i] == x[i - 1]) {
        throw new IllegalArgumentException(name + " lists category " + x[i] + " twice");
      }
    }
    return x;
  }

  /**
   * Gwet's AC1 ({@code agreement == null}: 1 for equal categories, else 0) or AC2 over the sorted
   * categories {@code x}, with {@code total} the sum of the {@code q^2} agreement weights.
   */
  private static double gwet(
      ReliabilityData data, double[] x, IndexDistance agreement, double total) {
    int q = x.length;
    double[] share = new double[q]; // per category, sum over rated items of n_ik / n_i
    double pa = 0;
    int items = 0;
    int[] idx = new int[0];
    int[] count = new int[0];
    int unitIndex = 0;
    for (double[] unit : data.units()) {
      int m = unit.length;
      if (idx.length < m) {
        idx = new int[m];
        count = new int[m];
      }
      for (int a = 0; a < m; a++) {
        int c = Arrays.binarySearch(x, unit[a]);
        if (c < 0) {
          throw new IllegalArgumentException(
              "rating "
                  + unit[a]
                  + " of units["
                  + unitIndex
                  + "] (the rated units in insertion order) is not among the "
                  + q
                  + " categories "
                  + Excerpts.cut(Arrays.toString(x)));
        }
        idx[a] = c;
      }
      unitIndex++;
      int distinct = distinctRuns(idx, m, count); // idx[0..distinct) the unit's categories
      double same = 0; // weighted agreeing ordered pairs of ratings by different reviewers
      for (int a = 0; a < distinct; a++) {
        share[idx[a]] += count[a] / (double) m;
        same += (double) count[a] * (count[a] - 1);
        if (agreement != null) {
          for (int b = 0; b < a; b++) {
            same += 2.0 * count[a] * count[b] * agreement.of(idx[a], idx[b]);
          }
        }
      }
      if (m >= 2) {
        items++;
        pa += same / ((double) m * (m - 1));
      }
    }
    if (items == 0 || q < 2) {
      return Double.NaN;
    }
    pa /= items;
    int rated = data.units().size();
    double spread = 0;
    for (double s : share) {
      double p = s / rated;
      spread += p * (1 - p);
    }
    double weights = agreement == null ? q : total;
    double pe = weights * spread / ((double) q * (q - 1));
    return pe >= 1 ? Double.NaN : (pa - pe) / (1 - pe);
  }

  /**
   * Krippendorff's alpha with a custom squared distance between values (e.g. a matrix of
   * disagreement costs keyed by category code), {@code O(values log values + pairs + v^2)} time
   * (the distance is called for every pair of distinct values, then for every pair of distinct
   * values within a unit) and {@code O(v + m)} memory.
   *
   * @param data the reliability data, missing values allowed
   * @param squaredDistance {@code delta^2(a, b)}: finite, {@code >= 0}, symmetric, 0 when {@code a
   *     == b}; called for every pair of observed values
   * @return alpha, at most 1; NaN if expected disagreement is 0 or fewer than two pairable values
   * @throws IllegalArgumentException if the distance breaks a rule, naming the two values
   */
  public static double krippendorffAlpha(
      ReliabilityData data, DoubleBinaryOperator squaredDistance) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(squaredDistance, "squaredDistance");
    double[] values = pairableValues(data);
    int v = values.length;
    // validate every pair of values first (v^2 calls, O(1) memory), summing the expected
    // disagreement on the way; the observed one calls the distance again for the pairs in units
    double[] nc = pairableCounts(data, values);
    double expected = 0;
    // the same sum with every distance scaled by 2^-TINY_SHIFT, for distances so large that the
    // plain sums overflow (alpha is a ratio of sums of distances, so the scale cancels)
    double expectedScaled = 0;
    for (int c = 0; c < v; c++) {
      checkDistance(
          values[c], values[c], squaredDistance.applyAsDouble(values[c], values[c]), true);
      for (int k = 0; k < c; k++) {
        double x = squaredDistance.applyAsDouble(values[c], values[k]);
        double y = squaredDistance.applyAsDouble(values[k], values[c]);
        checkDistance(values[c], values[k], x, false);
        checkDistance(values[k], values[c], y, false);
        if (x != y) {
          throw new IllegalArgumentException(
              "squaredDistance("
                  + values[c]
                  + ", "
                  + values[k]
                  + ") = "
                  + x
                  + " must equal squaredDistance("
                  + values[k]
                  + ", "
                  + values[c]
                  + ") = "
                  + y);
        }
        expected += 2 * nc[c] * nc[k] * x;
        expectedScaled += 2 * nc[c] * nc[k] * Math.scalb(x, -TINY_SHIFT);
      }
    }
    double n = 0;
    for (double c : nc) {
      n += c;
    }
    if (n < 2) {
      return Double.NaN;
    }
    // the observed disagreement sums no more than the expected one (each unit's pairs are among
    // the margins' pairs), so the scaled sums are needed only when the expected one is near the top
    // of the double range (or past it)
    boolean scale = !(expected <= 0x1p1000);
    return alpha(
        data,
        values,
        n,
        (c, k) -> {
          if (c == k) {
            return 0;
          }
          double d = squaredDistance.applyAsDouble(values[c], values[k]);
          return scale ? Math.scalb(d, -TINY_SHIFT) : d;
        },
        scale ? expectedScaled : expected);
  }

  /**
   * How far custom distances are scaled down when their sums overflow: a distance up to {@code
   * Double.MAX_VALUE} times 2^-900 leaves room for the counts' products.
   */
  private static final int TINY_SHIFT = 900;

  private static void checkDistance(double a, double b, double x, boolean same) {
    if (!Double.isFinite(x) || x < 0 || (same && x != 0)) {
      throw new IllegalArgumentException(
          "squaredDistance("
              + a
              + ", "
              + b
              + ") = "
              + x
              + " must be finite, >= 0 and 0 for equal values");
    }
  }

  /**
   * An intraclass correlation of complete items-by-reviewers data with its confidence interval
   * (Shrout and Fleiss 1979; intervals as McGraw and Wong 1996), {@code O(items * reviewers)}.
   *
   * @param itemsByReviewers one row per item, one column per reviewer; at least 2 x 2, complete (no
   *     NaN), finite
   * @param form the ICC form
   * @param confidence the confidence level of the interval, e.g. 0.95
   * @return the estimate; value and bounds are NaN when the form is undefined for the data (no
   *     variance at all, or a zero denominator: see {@link IccEstimate#value()}). The sums of
   *     squares are exact (the ratings' decimal values), each mean square rounded once
   * @throws IllegalArgumentException if the matrix is too small, ragged, incomplete or not finite,
   *     or the confidence is outside (0, 1)
   */
  public static IccEstimate icc(double[][] itemsByReviewers, IccForm form, double confidence) {
    Objects.requireNonNull(itemsByReviewers, "itemsByReviewers");
    Objects.requireNonNull(form, "form");
    IccEstimate.checkConfidence(confidence);
    int n = itemsByReviewers.length;
    if (n < 2) {
      throw new IllegalArgumentException("ICC needs >= 2 items (rows), got " + n);
    }
    Objects.requireNonNull(itemsByReviewers[0], "itemsByReviewers[0]");
    int k = itemsByReviewers[0].length;
    if (k < 2) {
      throw new IllegalArgumentException("ICC needs >= 2 reviewers (columns), got " + k);
    }
    double maxAbs = 0;
    for (int i = 0; i < n; i++) {
      double[] row = Objects.requireNonNull(itemsByReviewers[i], "itemsByReviewers[" + i + "]");
      if (row.length != k) {
        throw new IllegalArgumentException(
            "itemsByReviewers[" + i + "] has " + row.length + " reviewers but row 0 has " + k);
      }
      for (int j = 0; j < k; j++) {
        if (!Double.isFinite(row[j])) {
          throw new IllegalArgumentException(
              "itemsByReviewers["
                  + i
                  + "]["
                  + j
                  + "] = "
                  + row[j]
                  + "; ICC needs complete, finite data");
        }
        maxAbs = Math.max(maxAbs, Math.abs(row[j]));
      }
    }
    // The sums of squares are computed exactly (the ratings are doubles, so sums of them are exact
    // decimals): a mean square that is zero in the data (items with equal means, say, whose means
    // rounded differently in double arithmetic) is exactly zero, so a form whose denominator is
    // zero is undefined (NaN), not a ratio of rounding errors (-1e30). Every ICC and bound is a
    // ratio of mean squares, so the data is first scaled by a power of two, exactly, to keep the
    // squares within a double's range.
    int shift = maxAbs == 0 ? 0 : -Math.getExponent(maxAbs);
    BigDecimal[] row = new BigDecimal[n];
    BigDecimal[] col = new BigDecimal[k];
    BigDecimal grand = BigDecimal.ZERO;
    Arrays.fill(row, BigDecimal.ZERO);
    Arrays.fill(col, BigDecimal.ZERO);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        BigDecimal b = scaled(itemsByReviewers[i][j], shift);
        row[i] = row[i].add(b);
        col[j] = col[j].add(b);
        grand = grand.add(b);
      }
    }
    // With G the grand sum, R_i the row sums and C_j the column sums, times (nk)^2:
    // SS_total = sum (nk x - G)^2, SS_rows = k sum (n R_i - G)^2, SS_cols = n sum (k C_j - G)^2.
    BigDecimal nk = BigDecimal.valueOf((long) n * k);
    BigDecimal total = BigDecimal.ZERO;
    BigDecimal rows = BigDecimal.ZERO;
    BigDecimal cols = BigDecimal.ZERO;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        BigDecimal d = scaled(itemsByReviewers[i][j], shift).multiply(nk).subtract(grand);
        total = total.add(d.multiply(d));
      }
      BigDecimal d = row[i].multiply(BigDecimal.valueOf(n)).subtract(grand);
      rows = rows.add(d.multiply(d));
    }
    for (int j = 0; j < k; j++) {
      BigDecimal d = col[j].multiply(BigDecimal.valueOf(k)).subtract(grand);
      cols = cols.add(d.multiply(d));
    }
    rows = rows.multiply(BigDecimal.valueOf(k));
    cols = cols.multiply(BigDecimal.valueOf(n));
    double scale = (double) n * k * n * k; // the common factor (nk)^2, exact below 2^53
    double msb = rows.doubleValue() / scale / (n - 1);
    double msj = cols.doubleValue() / scale / (k - 1);
    double msw = total.subtract(rows).doubleValue() / scale / (n * (k - 1.0));
    double mse = total.subtract(rows).subtract(cols).doubleValue() / scale / ((n - 1.0) * (k - 1));
    return Icc.estimate(form, confidence, n, k, msb, msj, msw, mse);
  }

  /** A rating scaled by {@code 2^shift}, exactly, as the decimal it is. */
  private static BigDecimal scaled(double rating, int shift) {
    return new BigDecimal(Math.scalb(rating, shift));
  }

  /** Shrout and Fleiss point estimates and McGraw and Wong intervals from the mean squares. */
  private static final class Icc {
    private Icc() {}

    static IccEstimate estimate(
        IccForm form,
        double confidence,
        int n,
        int k,
        double msb,
        double msj,
        double msw,
        double mse) {
      boolean oneWay = form == IccForm.ICC_1_1 || form == IccForm.ICC_1_K;
      double f = oneWay ? msb / msw : msb / mse;
      double df1 = n - 1;
      double df2 = oneWay ? n * (k - 1.0) : (n - 1.0) * (k - 1);
      double value;
      double lower = Double.NaN;
      double upper = Double.NaN;
      double denominator;
      switch (form) {
        case ICC_1_1 -> denominator = msb + (k - 1) * msw;
        case ICC_1_K, ICC_3_K -> denominator = msb;
        case ICC_3_1 -> denominator = msb + (k - 1) * mse;
        case ICC_2_1 -> denominator = msb + (k - 1) * mse + k * (msj - mse) / n;
        default -> denominator = msb + (msj - mse) / n;
      }
      // A zero denominator (no variance between items, or the ICC(2,k) estimator's pole, within
      // rounding of the exact mean squares) leaves the coefficient undefined.
      double num = form == IccForm.ICC_1_1 || form == IccForm.ICC_1_K ? msb - msw : msb - mse;
      value =
          Math.abs(denominator) <= 0x1p-40 * (msb + msj + msw + mse)
              ? Double.NaN
              : num / denominator;
      if (Double.isNaN(value)) {
        return new IccEstimate(form, value, lower, upper, confidence, f, df1, df2);
      }
      if (msb == 0 && denominator > 0) {
        // Items with equal means (F = 0, or 0 / 0 for ICC(2,.) without error either, whose value
        // is then 0): each form's bounds reduce to its value whatever the F quantiles and degrees
        // of freedom. Through them they missed it by rounding (an interval not holding its
        // estimate), or were NaN where Satterthwaite's v or F is 0 / 0 (a Latin square).
        return new IccEstimate(form, value, value, value, confidence, f, df1, df2);
      }
      if (Double.isNaN(f)) {
        return new IccEstimate(form, value, lower, upper, confidence, f, df1, df2);
      }
      if (form == IccForm.ICC_2_1 || form == IccForm.ICC_2_K) {
        double icc2 = (msb - mse) / (msb + (k - 1) * mse + k * (msj - mse) / n);
        double v;
        if (mse == 0 && msj == 0) {
          // Every reviewer gives each item the same rating (msb > 0, as above): the value and both
          // bounds are exactly 1, which the quantiles' rounding missed (0.9999999999999999)
          return new IccEstimate(form, value, 1, 1, confidence, f, df1, df2);
        }
        if (mse == 0) {
          // No error variance but the reviewers' means differ: F_j = msj / mse is infinite, and
          // Satterthwaite's v tends to k - 1 as mse tends to 0; the interval is that limit, as the
          // consistency forms' is, rather than NaN.
          v = k - 1.0;
        } else {
          double fj = msj / mse;
          double a = k * icc2 * fj + n * (1 + (k - 1) * icc2) - k * icc2;
          double b = n * (1 + (k - 1) * icc2) - k * icc2;
          v = (k - 1.0) * (n - 1) * a * a / ((n - 1.0) * k * k * icc2 * icc2 * fj * fj + b * b);
        }
        if (v > 0 && Double.isFinite(v)) {
          double fu = Distributions.fTwoSidedUpper(confidence, n - 1, v);
          double fl = Distributions.fTwoSidedUpper(confidence, v, n - 1);
          // McGraw and Wong (1996) case 2A. The k-rater bounds are the Spearman-Brown transforms
          // of the single-rater ones, written directly; when the single-rater lower bound is below
          // -1/(k-1) (tiny samples) the transform has passed its pole: unbounded below. The lower
          // bounds are divided through by fu, which a tiny v makes huge (1e307 at v = 0.009):
          // fu * c overflowed to infinity, and the lower bound read -0.0, above the upper one.
          double msbOverFu = msb / fu;
          if (form == IccForm.ICC_2_1) {
            double c = k * msj + (k * n - k - n) * mse;
            lower = ratio(n * (msbOverFu - mse), c + n * msbOverFu);
            upper = ratio(n * (fl * msb - mse), c + n * fl * msb);
          } else {
            double den = msj - mse + n * msbOverFu;
            lower = den > 0 ? n * (msbOverFu - mse) / den : Double.NEGATIVE_INFINITY;
            upper = ratio(n * (fl * msb - mse), msj - mse + n * fl * msb);
          }
        }
      } else {
        double fl = f / Distributions.fTwoSidedUpper(confidence, df1, df2);
        double fu = f * Distributions.fTwoSidedUpper(confidence, df2, df1);
        boolean single = form == IccForm.ICC_1_1 || form == IccForm.ICC_3_1;
        // (F - 1) / (F + k - 1) written as 1 - k / (F + k - 1) so an infinite F gives 1
        lower = single ? 1 - k / (fl + k - 1) : 1 - 1 / fl;
        upper = single ? 1 - k / (fu + k - 1) : 1 - 1 / fu;
      }
      return new IccEstimate(form, value, lower, upper, confidence, f, df1, df2);
    }
  }

  private static double ratio(double num, double den) {
    return den > 0 ? num / den : Double.NaN;
  }

  private static Map<Double, Long> valueCounts(double[] unit) {
    Map<Double, Long> counts = new TreeMap<>();
    for (double x : unit) {
      counts.merge(x == 0 ? 0.0 : x, 1L, Long::sum);
    }
    return counts;
  }

  private static <T> Map<T, Integer> indexCategories(List<T> categories) {
    Map<T, Integer> index = new LinkedHashMap<>();
    for (T t : categories) {
      if (index.putIfAbsent(Objects.requireNonNull(t, "category"), index.size()) != null) {
        throw new IllegalArgumentException("category " + excerpt(t) + " is listed twice");
      }
    }
    return index;
  }

  private static <T> void checkAmong(List<T> rater1, List<T> rater2, Map<T, Integer> index) {
    for (int i = 0; i < rater1.size(); i++) {
      if (!index.containsKey(rater1.get(i)) || !index.containsKey(rater2.get(i))) {
        throw new IllegalArgumentException(
            "ratings["
                + i
                + "] ("
                + excerpt(rater1.get(i))
                + ", "
                + excerpt(rater2.get(i))
                + ") must be among the "
                + index.size()
                + " categories");
      }
    }
  }

  private static String excerpt(Object o) {
    return Excerpts.cut(String.valueOf(o));
  }

  private interface Weight {
    double of(int i, int j);
  }

  /**
   * Weighted kappa {@code 1 - sum w p_obs / sum w p_exp} of two raters' categories, {@code O(n log
   * n + c + u1 u2)} time and {@code O(n + c)} memory for {@code c} categories of which the raters
   * used {@code u1} and {@code u2}: the {@code c x c} table of counts is never built (a list of
   * 100,000 categories asked for 80 GB of it). Its nonzero cells are summed in its order, so the
   * sums are those of the table, term for term.
   */
  private static <T> double weightedKappa(List<T> r1, List<T> r2, Map<T, Integer> index, Weight w) {
    int k = index.size();
    int size = r1.size();
    double[] row = new double[k];
    double[] col = new double[k];
    long[] cells = new long[size]; // row * k + column of each item: sorted, the table's order
    for (int i = 0; i < size; i++) {
      int a = index.get(r1.get(i));
      int b = index.get(r2.get(i));
      row[a]++;
      col[b]++;
      cells[i] = (long) a * k + b;
    }
    Arrays.sort(cells);
    double n = size;
    double observed = 0;
    for (int i = 0; i < size; ) {
      int j = i;
      while (j < size && cells[j] == cells[i]) {
        j++;
      }
      observed += w.of((int) (cells[i] / k), (int) (cells[i] % k)) * (double) (j - i) / n;
      i = j;
    }
    int[] rows = used(row);
    int[] cols = used(col);
    double expected = 0;
    for (int i : rows) {
      for (int j : cols) {
        expected += w.of(i, j) * row[i] * col[j] / (n * n);
      }
    }
    return expected == 0 ? Double.NaN : 1 - observed / expected;
  }

  /** The indexes of the nonzero counts, ascending. */
  private static int[] used(double[] counts) {
    int u = 0;
    for (double c : counts) {
      if (c > 0) {
        u++;
      }
    }
    int[] out = new int[u];
    u = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        out[u++] = i;
      }
    }
    return out;
  }

  /**
   * {@code list}, or a copy of it that reads an item in {@code O(1)}: a linked list's {@code
   * get(i)} walks {@code i} items, which made these {@code O(n)} statistics {@code O(n^2)}.
   */
  private static <T> List<T> indexed(List<T> list, String name) {
    Objects.requireNonNull(list, name);
    return list instanceof RandomAccess ? list : new ArrayList<>(list);
  }

  private static void checkPaired(List<?> rater1, List<?> rater2) {
    Objects.requireNonNull(rater1, "rater1");
    Objects.requireNonNull(rater2, "rater2");
    if (rater1.isEmpty() || rater1.size() != rater2.size()) {
      throw new IllegalArgumentException(
          "rater1 has "
              + rater1.size()
              + " ratings and rater2 has "
              + rater2.size()
              + "; both must rate the same non-empty list of items");
    }
    checkRated(rater1, "rater1");
    checkRated(rater2, "rater2");
  }

  /**
   * Refuses a null rating: paired statistics have no missing ratings (one rater's null was a
   * disagreement for percent agreement and a category of its own for kappa in earlier builds).
   */
  private static void checkRated(List<?> ratings, String name) {
    for (int i = 0; i < ratings.size(); i++) {
      Object rating = ratings.get(i);
      if (rating == null) {
        throw new NullPointerException(
            name
                + "["
                + i
                + "] is null: paired statistics take a rating for every item; missing ratings"
                + " go in ReliabilityData (percentAgreement, fleissKappa, krippendorffAlpha)");
      }
      // NaN, which marks a missing rating in ReliabilityData's matrices, equals itself as a boxed
      // Double: it was a category of its own on which two raters "agreed"
      if ((rating instanceof Double d && d.isNaN()) || (rating instanceof Float f && f.isNaN())) {
        throw new IllegalArgumentException(
            name
                + "["
                + i
                + "] is NaN: paired statistics take a rating for every item; missing ratings"
                + " go in ReliabilityData (percentAgreement, fleissKappa, krippendorffAlpha)");
      }
    }
  }

  /** A copy of a disagreement matrix that must be {@code k x k}, refused naming the row. */
  private static double[][] squareCopy(double[][] disagreement, int k) {
    if (disagreement.length != k) {
      throw new IllegalArgumentException(
          "disagreement has " + disagreement.length + " rows but there are " + k + " categories");
    }
    double[][] w = new double[k][];
    for (int i = 0; i < k; i++) {
      Objects.requireNonNull(disagreement[i], "disagreement[" + i + "]");
      if (disagreement[i].length != k) {
        throw new IllegalArgumentException(
            "disagreement[" + i + "] has " + disagreement[i].length + " columns, expected " + k);
      }
      w[i] = disagreement[i].clone();
    }
    return w;
  }

  /**
   * Sorts the first {@code m} indices and folds them into their distinct values: afterwards {@code
   * idx[0..d)} holds each distinct index once, ascending, and {@code count[0..d)} how often each
   * occurred; returns {@code d}.
   */
  private static int distinctRuns(int[] idx, int m, int[] count) {
    Arrays.sort(idx, 0, m);
    int distinct = 0;
    for (int a = 0; a < m; a++) {
      if (distinct > 0 && idx[a] == idx[distinct - 1]) {
        count[distinct - 1]++;
      } else {
        idx[distinct] = idx[a];
        count[distinct++] = 1;
      }
    }
    return distinct;
  }
}
