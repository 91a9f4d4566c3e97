package dev.servicekit.qa.calibration;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Inter-rater agreement statistics.
 *
 * <p>Undefined coefficients (expected agreement or disagreement leaves nothing to correct for, e.g.
 * every rating identical) are returned as {@link Double#NaN}, as documented per method.
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
   * Cohen's (1960) kappa for two raters, {@code O(n + c^2)} for {@code c} categories.
   *
   * @param <T> the rating type
   * @param rater1 ratings of rater 1
   * @param rater2 ratings of rater 2, same items in the same order
   * @return kappa in {@code [-1, 1]}, or NaN if chance agreement is 1 (both raters used one and the
   *     same category throughout)
   * @throws IllegalArgumentException if the lists are empty or differ in size
   */
  public static <T> double cohensKappa(List<T> rater1, List<T> rater2) {
    checkPaired(rater1, rater2);
    Map<T, Integer> index = new LinkedHashMap<>();
    for (T t : rater1) {
      index.putIfAbsent(t, index.size());
    }
    for (T t : rater2) {
      index.putIfAbsent(t, index.size());
    }
    return weightedKappa(table(rater1, rater2, index), (i, j) -> i == j ? 0 : 1);
  }

  /**
   * Weighted Cohen's kappa (Cohen 1968) for ordered categories, {@code O(n + c^2)}.
   *
   * @param <T> the rating type
   * @param rater1 ratings of rater 1
   * @param rater2 ratings of rater 2, same items in the same order
   * @param orderedCategories all categories, lowest first
   * @param weights linear or quadratic disagreement weights
   * @return weighted kappa, or NaN if expected weighted disagreement is 0
   * @throws IllegalArgumentException if the lists are empty or differ in size, a rating is not
   *     among the categories, or there are fewer than 2 categories
   */
  public static <T> double weightedCohensKappa(
      List<T> rater1, List<T> rater2, List<T> orderedCategories, KappaWeights weights) {
    Objects.requireNonNull(orderedCategories, "orderedCategories");
    Objects.requireNonNull(weights, "weights");
    checkPaired(rater1, rater2);
    Map<T, Integer> index = new LinkedHashMap<>();
    for (T t : orderedCategories) {
      if (index.putIfAbsent(t, index.size()) != null) {
        throw new IllegalArgumentException("category " + t + " is listed twice");
      }
    }
    int k = index.size();
    if (k < 2) {
      throw new IllegalArgumentException("weighted kappa needs >= 2 categories, got " + k);
    }
    for (int i = 0; i < rater1.size(); i++) {
      if (!index.containsKey(rater1.get(i)) || !index.containsKey(rater2.get(i))) {
        throw new IllegalArgumentException(
            "ratings["
                + i
                + "] ("
                + rater1.get(i)
                + ", "
                + rater2.get(i)
                + ") must be among the categories "
                + orderedCategories);
      }
    }
    return weightedKappa(table(rater1, rater2, index), (i, j) -> weights.weight(i, j, k));
  }

  /**
   * Fleiss' (1971) kappa for a fixed number of raters per subject, {@code O(subjects *
   * categories)}.
   *
   * @param counts {@code counts[i][j]} = number of raters who put subject {@code i} in category
   *     {@code j}; every row has the same total {@code n >= 2}
   * @return kappa, or NaN if expected agreement is 1 (all ratings in one category)
   * @throws IllegalArgumentException if there are no subjects, a count is negative, or rows differ
   *     in total or length
   */
  public static double fleissKappa(int[][] counts) {
    Objects.requireNonNull(counts, "counts");
    if (counts.length == 0) {
      throw new IllegalArgumentException("counts must have at least one subject");
    }
    int categories = counts[0].length;
    int n = Arrays.stream(counts[0]).sum();
    if (n < 2) {
      throw new IllegalArgumentException("counts[0] has " + n + " ratings; need >= 2 raters");
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
   * Krippendorff's alpha via the coincidence matrix (Krippendorff 2011), {@code O(pairs + v^2)} for
   * {@code v} distinct values. Units with fewer than two values are not pairable and ignored.
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
    double[] values =
        data.units().stream()
            .filter(u -> u.length >= 2)
            .flatMapToDouble(Arrays::stream)
            .distinct()
            .sorted()
            .toArray();
    int v = values.length;
    if (metric == AlphaMetric.RATIO && v > 0 && values[0] < 0) {
      throw new IllegalArgumentException("ratio metric needs values >= 0 but found " + values[0]);
    }
    double[][] o = new double[v][v];
    for (double[] unit : data.units()) {
      int m = unit.length;
      if (m < 2) {
        continue;
      }
      for (int a = 0; a < m; a++) {
        for (int b = 0; b < m; b++) {
          if (a != b) {
            o[Arrays.binarySearch(values, unit[a])][Arrays.binarySearch(values, unit[b])] +=
                1.0 / (m - 1);
          }
        }
      }
    }
    double[] nc = new double[v];
    double n = 0;
    for (int c = 0; c < v; c++) {
      for (int k = 0; k < v; k++) {
        nc[c] += o[c][k];
      }
      n += nc[c];
    }
    if (n < 2) {
      return Double.NaN;
    }
    double observed = 0;
    double expected = 0;
    for (int c = 0; c < v; c++) {
      for (int k = 0; k < v; k++) {
        double d = delta2(metric, values, nc, c, k);
        observed += o[c][k] * d;
        expected += nc[c] * nc[k] * d;
      }
    }
    return expected == 0 ? Double.NaN : 1 - (n - 1) * observed / expected;
  }

  static double delta2(AlphaMetric metric, double[] values, double[] nc, int c, int k) {
    if (c == k) {
      return 0;
    }
    switch (metric) {
      case NOMINAL:
        return 1;
      case INTERVAL:
        double d = values[c] - values[k];
        return d * d;
      case RATIO:
        double r = (values[c] - values[k]) / (values[c] + values[k]);
        return r * r;
      case ORDINAL:
      default:
        int lo = Math.min(c, k);
        int hi = Math.max(c, k);
        double s = 0;
        for (int g = lo; g <= hi; g++) {
          s += nc[g];
        }
        s -= (nc[lo] + nc[hi]) / 2;
        return s * s;
    }
  }

  private interface Weight {
    double of(int i, int j);
  }

  private static <T> double[][] table(List<T> r1, List<T> r2, Map<T, Integer> index) {
    int k = index.size();
    double[][] t = new double[k][k];
    for (int i = 0; i < r1.size(); i++) {
      t[index.get(r1.get(i))][index.get(r2.get(i))]++;
    }
    return t;
  }

  private static double weightedKappa(double[][] table, Weight w) {
    int k = table.length;
    double n = 0;
    double[] row = new double[k];
    double[] col = new double[k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        row[i] += table[i][j];
        col[j] += table[i][j];
        n += table[i][j];
      }
    }
    double observed = 0;
    double expected = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double weight = w.of(i, j);
        observed += weight * table[i][j] / n;
        expected += weight * row[i] * col[j] / (n * n);
      }
    }
    return expected == 0 ? Double.NaN : 1 - observed / expected;
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
  }
}
