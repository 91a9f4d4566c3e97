package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Gwet's AC1 and AC2 on malformed input (refused naming the argument, the cell or the rating) and
 * on data for which they are undefined (NaN, as every coefficient of {@link Agreement}).
 */
class GwetHostileInputTest {

  private static final double NaN = Double.NaN;
  private static final double[] SCALE = {1, 2, 3};
  private static final ReliabilityData DATA =
      ReliabilityData.ofItemsByReviewers(new double[][] {{1, 1, 2}, {2, 2, 2}, {3, NaN, 3}});

  private static void assertMessage(String expected, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(expected, e.getMessage());
  }

  @Test
  void nullArgumentsAreNamed() {
    double[][] d = {{0, 1}, {1, 0}};
    assertEquals(
        "data",
        assertThrows(NullPointerException.class, () -> Agreement.gwetAc1(null)).getMessage());
    assertEquals(
        "categories",
        assertThrows(NullPointerException.class, () -> Agreement.gwetAc1(DATA, null)).getMessage());
    assertEquals(
        "weights",
        assertThrows(
                NullPointerException.class,
                () -> Agreement.gwetAc2(DATA, SCALE, (KappaWeights) null))
            .getMessage());
    assertEquals(
        "disagreement",
        assertThrows(
                NullPointerException.class, () -> Agreement.gwetAc2(DATA, SCALE, (double[][]) null))
            .getMessage());
    assertEquals(
        "disagreement[1]",
        assertThrows(
                NullPointerException.class,
                () -> Agreement.gwetAc2(DATA, new double[] {1, 2}, new double[][] {d[0], null}))
            .getMessage());
  }

  @Test
  void aCategoryThatIsNotAFiniteCodeOrIsListedTwiceIsRefusedNamingIt() {
    assertMessage(
        "categories[1] = NaN must be finite (a category code)",
        () -> Agreement.gwetAc1(DATA, new double[] {1, NaN, 3}));
    assertMessage(
        "categories[2] = Infinity must be finite (a category code)",
        () ->
            Agreement.gwetAc2(
                DATA, new double[] {1, 2, Double.POSITIVE_INFINITY}, KappaWeights.LINEAR));
    assertMessage(
        "categories lists category 2.0 twice",
        () -> Agreement.gwetAc1(DATA, new double[] {2, 1, 3, 2}));
    // -0.0 is the category 0.0
    assertMessage(
        "categories lists category 0.0 twice",
        () -> Agreement.gwetAc1(DATA, new double[] {0.0, -0.0, 1, 2, 3}));
  }

  @Test
  void aRatingOutsideTheCategoriesIsRefusedNamingItsUnit() {
    assertMessage(
        "rating 3.0 of units[2] (the rated units in insertion order) is not among the 2"
            + " categories [1.0, 2.0]",
        () -> Agreement.gwetAc1(DATA, new double[] {2, 1}));
    assertMessage(
        "rating 3.0 of units[2] (the rated units in insertion order) is not among the 2"
            + " categories [1.0, 2.0]",
        () -> Agreement.gwetAc2(DATA, new double[] {2, 1}, KappaWeights.QUADRATIC));
    // even where the coefficient would be NaN for want of categories
    assertMessage(
        "rating 2.0 of units[0] (the rated units in insertion order) is not among the 1"
            + " categories [1.0]",
        () -> Agreement.gwetAc2(DATA, new double[] {1}, KappaWeights.LINEAR));
  }

  @Test
  void aDisagreementMatrixThatBreaksARuleIsRefusedNamingTheCell() {
    double[] two = {1, 2};
    double[] three = {1, 2, 3};
    assertMessage(
        "disagreement has 2 rows but there are 3 categories",
        () -> Agreement.gwetAc2(DATA, three, new double[][] {{0, 1}, {1, 0}}));
    assertMessage(
        "disagreement[1] has 2 columns, expected 3",
        () -> Agreement.gwetAc2(DATA, three, new double[][] {{0, 1, 1}, {1, 0}, {1, 1, 0}}));
    assertMessage(
        "disagreement[0][1] = 2.0 must be in [0, 1] (AC2 weighs agreement as 1 - disagreement)",
        () -> Agreement.gwetAc2(DATA, two, new double[][] {{0, 2}, {2, 0}}));
    assertMessage(
        "disagreement[0][1] = NaN must be in [0, 1] (AC2 weighs agreement as 1 - disagreement)",
        () -> Agreement.gwetAc2(DATA, two, new double[][] {{0, NaN}, {NaN, 0}}));
    assertMessage(
        "disagreement[0][1] = -0.5 must be in [0, 1] (AC2 weighs agreement as 1 - disagreement)",
        () -> Agreement.gwetAc2(DATA, two, new double[][] {{0, -0.5}, {-0.5, 0}}));
    assertMessage(
        "disagreement[1][1] = 0.5 must be 0 (a rating agrees with itself)",
        () -> Agreement.gwetAc2(DATA, two, new double[][] {{0, 1}, {1, 0.5}}));
    assertMessage(
        "disagreement[0][1] = 1.0 must equal disagreement[1][0] = 0.5",
        () -> Agreement.gwetAc2(DATA, two, new double[][] {{0, 1}, {0.5, 0}}));
  }

  @Test
  void theCallersArraysAreNotChanged() {
    double[] categories = {3, -0.0, 1, 2};
    double[][] d = {{0, 1, 1, 1}, {1, 0, 1, 1}, {1, 1, 0, 1}, {1, 1, 1, 0}};
    ReliabilityData data = ReliabilityData.ofItemsByReviewers(new double[][] {{0, 1}, {3, 3}});
    Agreement.gwetAc2(data, categories, d);
    Agreement.gwetAc2(data, categories, KappaWeights.LINEAR);
    assertEquals("[3.0, -0.0, 1.0, 2.0]", Arrays.toString(categories));
    assertEquals(1.0, d[0][1]);
  }

  @Test
  void undefinedCoefficientsAreNaN() {
    ReliabilityData empty = ReliabilityData.builder().build();
    assertTrue(Double.isNaN(Agreement.gwetAc1(empty)));
    assertTrue(Double.isNaN(Agreement.gwetAc1(empty, SCALE)));
    assertTrue(Double.isNaN(Agreement.gwetAc2(empty, SCALE, KappaWeights.QUADRATIC)));
    assertTrue(Double.isNaN(Agreement.gwetAc2(empty, new double[0], new double[0][])));
    // no item with two ratings
    ReliabilityData single =
        ReliabilityData.ofItemsByReviewers(new double[][] {{1, NaN}, {NaN, 2}, {3, NaN}});
    assertTrue(Double.isNaN(Agreement.gwetAc1(single)));
    assertTrue(Double.isNaN(Agreement.gwetAc2(single, SCALE, KappaWeights.LINEAR)));
    // one category: no chance agreement to correct for
    ReliabilityData allOnes = ReliabilityData.ofItemsByReviewers(new double[][] {{1, 1}, {1, 1}});
    assertTrue(Double.isNaN(Agreement.gwetAc1(allOnes)));
    assertTrue(Double.isNaN(Agreement.gwetAc1(allOnes, new double[] {1})));
    // ... but on a scale of two or more it is perfect agreement
    assertEquals(1.0, Agreement.gwetAc1(allOnes, new double[] {1, 2}));
    // every disagreement 0 and the categories used equally: chance agreement 1
    ReliabilityData balanced = ReliabilityData.ofItemsByReviewers(new double[][] {{1, 2}, {2, 1}});
    assertTrue(Double.isNaN(Agreement.gwetAc2(balanced, new double[] {1, 2}, new double[2][2])));
  }

  @Test
  void valuesAtTheEndsOfTheDoubleRangeGiveTheWeightsOfTheirSpacing() {
    // max - min overflows; the values are halved (exactly) to place them on the scale
    double big = Double.MAX_VALUE;
    double[][] m = {{-big, 0}, {0, big}, {big, big}, {-big, -big}};
    double[][] codes = {{1, 2}, {2, 3}, {3, 3}, {1, 1}};
    double ac2 =
        Agreement.gwetAc2(
            ReliabilityData.ofItemsByReviewers(m),
            new double[] {-big, 0, big},
            KappaWeights.QUADRATIC);
    double expected =
        Agreement.gwetAc2(ReliabilityData.ofItemsByReviewers(codes), SCALE, KappaWeights.QUADRATIC);
    assertEquals(expected, ac2, 1e-12);
    // subnormal codes: their differences are exact, not 0
    double tiny = Double.MIN_VALUE;
    double[][] t = {{0, tiny}, {tiny, 2 * tiny}, {2 * tiny, 2 * tiny}, {0, 0}};
    assertEquals(
        expected,
        Agreement.gwetAc2(
            ReliabilityData.ofItemsByReviewers(t),
            new double[] {0, tiny, 2 * tiny},
            KappaWeights.QUADRATIC),
        1e-12);
  }
}
