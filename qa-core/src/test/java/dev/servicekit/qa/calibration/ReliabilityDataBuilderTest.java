package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReliabilityDataBuilderTest {

  @Test
  void aRepeatedRatingIsRefusedAndTheFirstOneStays() {
    ReliabilityData.Builder b = ReliabilityData.builder().add("u", "r", 1).add("u", "s", 1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.add("u", "r", 2));
    assertEquals("rater 'r' already rated unit 'u' (1.0)", e.getMessage());
    // the refused 2 did not replace the 1: the two raters still agree
    assertArrayEquals(new double[] {1, 1}, b.build().units().get(0));
  }

  @Test
  void overlongOrControlCharacterRaterAndUnitIdsAreRefusedWithAnExcerptAndNothingStored() {
    String unit = "u".repeat(100_000);
    String rater = "r".repeat(100_000);
    ReliabilityData.Builder b = ReliabilityData.builder().add("u", "r", 1).add("u", "s", 1);
    String m = assertThrows(IllegalArgumentException.class, () -> b.add(unit, "r", 1)).getMessage();
    assertEquals(
        "unit '" + "u".repeat(80) + "'…(100000 chars) must have at most 128 characters", m);
    m = assertThrows(IllegalArgumentException.class, () -> b.add("v", rater, 1)).getMessage();
    assertEquals(
        "rater '" + "r".repeat(80) + "'…(100000 chars) must have at most 128 characters", m);
    m = assertThrows(IllegalArgumentException.class, () -> b.add("v", "a\nb", 1)).getMessage();
    assertEquals(
        "rater 'a\\u000Ab' must not contain control characters or unpaired surrogates, found one at"
            + " index 1",
        m);
    assertThrows(IllegalArgumentException.class, () -> b.add(" ", "r", 1));
    // nothing of the refused calls was stored
    assertEquals(1, b.build().units().size());
    assertArrayEquals(new double[] {1, 1}, b.build().units().get(0));
    // the longest accepted ids still give bounded messages
    String unit128 = "u".repeat(128);
    String rater128 = "r".repeat(128);
    b.add(unit128, rater128, 1);
    m =
        assertThrows(IllegalArgumentException.class, () -> b.add(unit128, rater128, Double.NaN))
            .getMessage();
    assertEquals(
        "value NaN of rater '"
            + "r".repeat(80)
            + "'…(128 chars) on unit '"
            + "u".repeat(80)
            + "'…(128 chars) must be finite",
        m);
  }

  /**
   * An infinite cell of a matrix is named by its indices in the matrix the caller passed; before,
   * by the ids generated for it ({@code value Infinity of rater 'reviewer1' on unit 'item0'}).
   */
  @Test
  void anInfiniteMatrixCellIsNamedByItsIndices() {
    double inf = Double.POSITIVE_INFINITY;
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ReliabilityData.ofItemsByReviewers(new double[][] {{1, 2}, {3, -inf}}));
    assertEquals(
        "itemsByReviewers[1][1] = -Infinity must be finite (NaN marks a missing rating)",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ReliabilityData.ofReviewersByItems(new double[][] {{1, 2, 3}, {4, inf, 6}}));
    assertEquals(
        "reviewersByItems[1][1] = Infinity must be finite (NaN marks a missing rating)",
        e.getMessage());
  }
}
