package dev.servicekit.qa.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The edges of every argument of {@link SampleSize#forProportion}: each bound, on each side. */
class SampleSizeBoundaryTest {

  @ParameterizedTest
  @CsvSource({
    "-1, 0.05, 0.95, 0.5, population",
    "10, 0.0, 0.95, 0.5, marginOfError",
    "10, 1.0, 0.95, 0.5, marginOfError",
    "10, NaN, 0.95, 0.5, marginOfError",
    "10, 0.05, 0.0, 0.5, confidence",
    "10, 0.05, 1.0, 0.5, confidence",
    "10, 0.05, NaN, 0.5, confidence",
    "10, 0.05, 0.95, -1e-9, expectedProportion",
    "10, 0.05, 0.95, 1.000001, expectedProportion",
    "10, 0.05, 0.95, NaN, expectedProportion"
  })
  void rejectsEachArgumentJustOutsideItsRangeNamingIt(
      long population, double margin, double confidence, double p, String field) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SampleSize.forProportion(population, margin, confidence, p));
    assertTrue(e.getMessage().startsWith(field + " "), e.getMessage());
  }

  @Test
  void acceptsTheInclusiveEdgesAndTheOpenEdgesFromInside() {
    assertEquals(0, SampleSize.forProportion(0, 0.05, 0.95, 0.5));
    assertEquals(1, SampleSize.forProportion(1, 0.05, 0.95, 0.5));
    // a margin just under 1 and a confidence just above 0 still ask for at least one review
    assertEquals(1, SampleSize.forProportion(1000, 0.999, 0.95, 0.5));
    assertEquals(1, SampleSize.forProportion(1000, 0.05, 1e-6, 0.5));
    // a near-certain confidence asks for (almost) everyone
    assertEquals(1000, SampleSize.forProportion(1000, 0.001, 0.999_999, 0.5));
  }

  @Test
  void aProportionOfZeroOrOneNeedsNoSampleButAnyOtherNeedsAtLeastOne() {
    assertEquals(0, SampleSize.forProportion(1000, 0.05, 0.95, 0.0));
    assertEquals(0, SampleSize.forProportion(1000, 0.05, 0.95, 1.0));
    assertEquals(1, SampleSize.forProportion(1000, 0.05, 0.95, 1e-9));
    assertEquals(1, SampleSize.forProportion(1000, 0.05, 0.95, 1 - 1e-9));
  }

  @Test
  void symmetricInTheProportionAndLargestAtOneHalf() {
    long half = SampleSize.forProportion(5000, 0.03, 0.95, 0.5);
    for (int percent = 5; percent < 50; percent += 5) {
      double p = percent / 100.0;
      long low = SampleSize.forProportion(5000, 0.03, 0.95, p);
      assertEquals(low, SampleSize.forProportion(5000, 0.03, 0.95, 1 - p), "p=" + p);
      assertTrue(low < half, "p=" + p + ": " + low + " >= " + half);
    }
    // Cochran, infinite population: 1.959964^2 * 0.25 / 0.03^2 = 1067.07 -> 1068; N = 5000
    // corrects it to 1067.07 * 5000 / (1067.07 + 4999) = 879.5 -> 880
    assertEquals(880, half);
  }
}
