package dev.servicekit.qa.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The whole of Krejcie and Morgan's (1970) Table 1, "Table for Determining Sample Size from a Given
 * Population" (Educational and Psychological Measurement 30, 607-610; 5 % margin, 95 % confidence,
 * P = 0.5), against {@link SampleSize#forProportion}.
 *
 * <p>The table rounds its formula ({@code chi^2 = 3.841}) to the nearest integer; {@code
 * forProportion} rounds up, to the least sample that meets the margin. So it gives the table's size
 * or one more, and one more exactly where the table's size misses the 5 % margin: in 47 of the 90
 * rows, wherever the formula's fraction is below one half (322 of 2,000, 52 of 60, 380 of 40,000),
 * not only just under a half.
 */
class KrejcieMorganTableTest {

  /** N, S pairs in the table's order. */
  private static final int[] TABLE = {
    10, 10, 15, 14, 20, 19, 25, 24, 30, 28, 35, 32, 40, 36, 45, 40, 50, 44, 55, 48, 60, 52, 65, 56,
    70, 59, 75, 63, 80, 66, 85, 70, 90, 73, 95, 76, 100, 80, 110, 86, 120, 92, 130, 97, 140, 103,
    150, 108, 160, 113, 170, 118, 180, 123, 190, 127, 200, 132, 210, 136, 220, 140, 230, 144, 240,
    148, 250, 152, 260, 155, 270, 159, 280, 162, 290, 165, 300, 169, 320, 175, 340, 181, 360, 186,
    380, 191, 400, 196, 420, 201, 440, 205, 460, 210, 480, 214, 500, 217, 550, 226, 600, 234, 650,
    242, 700, 248, 750, 254, 800, 260, 850, 265, 900, 269, 950, 274, 1000, 278, 1100, 285, 1200,
    291, 1300, 297, 1400, 302, 1500, 306, 1600, 310, 1700, 313, 1800, 317, 1900, 320, 2000, 322,
    2200, 327, 2400, 331, 2600, 335, 2800, 338, 3000, 341, 3500, 346, 4000, 351, 4500, 354, 5000,
    357, 6000, 361, 7000, 364, 8000, 367, 9000, 368, 10000, 370, 15000, 375, 20000, 377, 30000, 379,
    40000, 380, 50000, 381, 75000, 382, 1000000, 384
  };

  /** The standard normal's 97.5 % quantile. */
  private static final double Z = 1.959963984540054;

  /** The half-width of the 95 % interval of a proportion near 0.5 from n of N, with the FPC. */
  private static double margin(long n, long population) {
    return Z * Math.sqrt(0.25 / n * (population - n) / (population - 1.0));
  }

  @Test
  void theTablesSizeOrOneMoreWhereTheTablesSizeMissesTheMargin() {
    assertEquals(180, TABLE.length);
    int oneMore = 0;
    for (int i = 0; i < TABLE.length; i += 2) {
      long population = TABLE[i];
      long table = TABLE[i + 1];
      long n = SampleSize.forProportion(population, 0.05, 0.95, 0.5);
      String row = "N = " + population + ", table " + table + ", forProportion " + n;
      // the least sample that meets the margin
      assertTrue(margin(n, population) <= 0.05, row);
      assertTrue(n == population || margin(n - 1, population) > 0.05, row);
      // the table's size, or one more where the table's size misses the margin
      if (n == table + 1) {
        oneMore++;
        assertTrue(margin(table, population) > 0.05, row);
      } else {
        assertEquals(table, n, row);
      }
    }
    assertEquals(47, oneMore);
  }
}
