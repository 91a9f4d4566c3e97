package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Weighted kappa built the {@code c x c} table of counts for {@code c} categories, however few the
 * raters used: 200,000 categories (a fine score scale) asked for 320 GB and ended in an
 * OutOfMemoryError. By hand: pairs (0, 0), (1, 1), (2, 3), (3, 2) with linear weights {@code |i -
 * j|} (their scale cancels) have observed disagreement {@code (0 + 0 + 1 + 1) / 4 = 0.5}, and with
 * each rater's margins a quarter on each of 0..3, expected {@code sum |a - b| / 16 = 20 / 16}:
 * kappa {@code 1 - 0.5 / 1.25 = 0.6}, whatever categories nobody used follow them. Quadratic
 * weights: observed 0.5 again, expected {@code sum (a - b)^2 / 16 = 40 / 16}, kappa {@code 0.8}.
 */
class WeightedKappaLongCategoryListTest {

  @Test
  void categoriesNobodyUsedCostTheirListNotTheirSquare() {
    int c = 200_000;
    List<Integer> categories = new ArrayList<>(c);
    Map<Integer, Integer> values = new LinkedHashMap<>();
    for (int i = 0; i < c; i++) {
      categories.add(i);
      values.put(i, i);
    }
    List<Integer> r1 = List.of(0, 1, 2, 3);
    List<Integer> r2 = List.of(0, 1, 3, 2);
    assertEquals(
        0.6, Agreement.weightedCohensKappa(r1, r2, categories, KappaWeights.LINEAR), 1e-12);
    assertEquals(
        0.8, Agreement.weightedCohensKappa(r1, r2, categories, KappaWeights.QUADRATIC), 1e-12);
    assertEquals(0.6, Agreement.weightedCohensKappa(r1, r2, values, KappaWeights.LINEAR), 1e-12);
    assertEquals(0.8, Agreement.weightedCohensKappa(r1, r2, values, KappaWeights.QUADRATIC), 1e-12);
  }
}
