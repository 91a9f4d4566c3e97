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
  void longRaterAndUnitNamesAreExcerpted() {
    String unit = "u".repeat(100_000);
    String rater = "r".repeat(100_000);
    ReliabilityData.Builder b = ReliabilityData.builder().add(unit, rater, 1);
    String m =
        assertThrows(IllegalArgumentException.class, () -> b.add(unit, rater, 2)).getMessage();
    assertEquals(
        "rater '"
            + "r".repeat(80)
            + "'…(100000 chars) already rated unit '"
            + "u".repeat(80)
            + "'…(100000 chars) (1.0)",
        m);
    m =
        assertThrows(IllegalArgumentException.class, () -> b.add(unit, rater, Double.NaN))
            .getMessage();
    assertEquals(
        "value NaN of rater '"
            + "r".repeat(80)
            + "'…(100000 chars) on unit '"
            + "u".repeat(80)
            + "'…(100000 chars) must be finite",
        m);
  }
}
