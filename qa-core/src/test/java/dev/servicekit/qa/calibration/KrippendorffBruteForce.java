package dev.servicekit.qa.calibration;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

/**
 * The textbook computation of Krippendorff's alpha (Krippendorff 2011): the full {@code v x v}
 * coincidence matrix, the ordinal distance summed value by value, expected disagreement over every
 * cell. {@code O(pairs + v^3)}; an oracle for small inputs only (it was the production code until
 * the prefix-sum rewrite).
 */
final class KrippendorffBruteForce {

  private KrippendorffBruteForce() {}

  static double alpha(ReliabilityData data, AlphaMetric metric) {
    double[] values = pairableValues(data.units());
    return alpha(data.units(), values, (nc, c, k) -> delta2(metric, values, nc, c, k));
  }

  static double alpha(ReliabilityData data, DoubleBinaryOperator squaredDistance) {
    double[] values = pairableValues(data.units());
    return alpha(
        data.units(), values, (nc, c, k) -> squaredDistance.applyAsDouble(values[c], values[k]));
  }

  interface Delta {
    double of(double[] nc, int c, int k);
  }

  static double[] pairableValues(List<double[]> units) {
    return units.stream()
        .filter(u -> u.length >= 2)
        .flatMapToDouble(Arrays::stream)
        .distinct()
        .sorted()
        .toArray();
  }

  static double alpha(List<double[]> units, double[] values, Delta delta) {
    int v = values.length;
    double[][] o = new double[v][v];
    for (double[] unit : units) {
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
        double d = delta.of(nc, c, k);
        observed += o[c][k] * d;
        expected += nc[c] * nc[k] * d;
      }
    }
    return expected == 0 ? Double.NaN : 1 - (n - 1) * observed / expected;
  }

  /** Krippendorff's squared distances by definition; ordinal sums the margins between values. */
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
}
