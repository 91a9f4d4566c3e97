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
  void aMarginSoSmallThatItsSquareUnderflowsAsksForTheCensus() {
    // before: n0 overflowed to infinity, n0 N / (n0 + N - 1) was NaN, and the answer was 1
    assertEquals(1000, SampleSize.forProportion(1000, 1e-100, 0.95, 0.5));
    assertEquals(1000, SampleSize.forProportion(1000, 1e-160, 0.95, 0.5));
    assertEquals(1000, SampleSize.forProportion(1000, Double.MIN_VALUE, 0.95, 0.5));
    assertEquals(Long.MAX_VALUE, SampleSize.forProportion(Long.MAX_VALUE, 1e-200, 0.95, 0.5));
    assertEquals(0, SampleSize.forProportion(1000, 1e-200, 0.95, 0.0));
    assertEquals(
        1000,
        ReviewSampler.builder()
            .capacity(5000)
            .marginOfError(1e-200)
            .build()
            .sample(java.util.stream.IntStream.range(0, 1000).boxed().toList(), 7)
            .items()
            .size());
  }

  @Test
  void everyConfidenceInsideTheOpenUnitIntervalHasASampleSize() {
    // before: (1 + c) / 2 rounded to 1 (or to 0.5) and the call failed naming a "probability"
    assertEquals(1000, SampleSize.forProportion(1000, 0.001, Math.nextDown(1.0), 0.5));
    assertEquals(1, SampleSize.forProportion(1000, 0.05, Double.MIN_VALUE, 0.5));
    assertEquals(1, SampleSize.forProportion(1000, 0.05, 1e-17, 0.5));
    // 1 - 1e-12: z = 7.1305 (upper tail 5e-13), n0 = 7.1305^2 / 4 / 0.05^2 = 5084.4
    assertEquals(5085, SampleSize.forProportion(Long.MAX_VALUE, 0.05, 1 - 1e-12, 0.5));
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
