package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.qa.CountingSequentialList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The paired statistics (two lists of ratings) are {@code O(n)} or {@code O(n log n)}, but read the
 * lists by index: a {@link java.util.LinkedList}'s {@code get(i)} walks {@code i} ratings, so they
 * were {@code O(n^2)}. Lists that count the ratings stepped over tell it without a clock; each
 * statistic must equal its value on random-access copies.
 */
class PairedSequentialListsTest {

  private static void linear(
      String what,
      List<String> a,
      List<String> b,
      BiFunction<List<String>, List<String>, Double> f) {
    CountingSequentialList<String> r1 = new CountingSequentialList<>(a);
    CountingSequentialList<String> r2 = new CountingSequentialList<>(b);
    double value = f.apply(r1, r2);
    long n = a.size();
    assertTrue(
        r1.steps() + r2.steps() <= 8 * n, what + ": " + (r1.steps() + r2.steps()) + " steps");
    assertEquals(f.apply(a, b), value, 0.0, what);
  }

  @Test
  void linkedRatingsAreReadInLinearSteps() {
    int n = 3000;
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      a.add(String.valueOf(i % 3));
      b.add(String.valueOf(i * 7 % 11 % 3));
    }
    List<String> cats = List.of("0", "1", "2");
    Map<String, Integer> values = Map.of("0", 0, "1", 1, "2", 4);
    double[][] matrix = {{0, 1, 2}, {1, 0, 1}, {2, 1, 0}};
    linear("percentAgreement", a, b, Agreement::percentAgreement);
    linear("cohensKappa", a, b, Agreement::cohensKappa);
    linear("scottsPi", a, b, Agreement::scottsPi);
    linear(
        "weightedCohensKappa(categories)",
        a,
        b,
        (x, y) -> Agreement.weightedCohensKappa(x, y, cats, KappaWeights.QUADRATIC));
    linear(
        "weightedCohensKappa(values)",
        a,
        b,
        (x, y) -> Agreement.weightedCohensKappa(x, y, values, KappaWeights.LINEAR));
    linear(
        "weightedCohensKappa(matrix)",
        a,
        b,
        (x, y) -> Agreement.weightedCohensKappa(x, y, cats, matrix));
  }
}
