package dev.servicekit.qa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DistributionsTest {

  // NIST/SEMATECH e-Handbook of Statistical Methods, 1.3.6.7.2 "Critical Values of the Student's t
  // Distribution" (upper-tail 0.05, 0.025 and 0.005 columns, 3 decimals as printed).
  @ParameterizedTest
  @CsvSource({
    "0.975, 1, 12.706", "0.975, 2, 4.303", "0.975, 5, 2.571", "0.975, 10, 2.228",
    "0.975, 30, 2.042", "0.975, 100, 1.984", "0.95, 1, 6.314", "0.95, 10, 1.812",
    "0.995, 5, 4.032", "0.995, 20, 2.845"
  })
  void studentTQuantilesMatchNistTable(double p, int df, double expected) {
    assertEquals(expected, Distributions.studentTQuantile(p, df), 5e-4);
  }

  // NIST/SEMATECH e-Handbook, 1.3.6.7.1 "Cumulative Distribution Function of the Standard Normal".
  @ParameterizedTest
  @CsvSource({"0.975, 1.95996", "0.95, 1.64485", "0.995, 2.57583", "0.9, 1.28155"})
  void normalQuantiles(double p, double expected) {
    assertEquals(expected, Distributions.normalQuantile(p), 1e-5);
  }

  @ParameterizedTest
  @CsvSource({"0.975", "0.9", "0.995"})
  void tConvergesToNormalForLargeDf(double p) {
    assertEquals(Distributions.normalQuantile(p), Distributions.studentTQuantile(p, 1e7), 1e-5);
  }

  // the same NIST tables, read as two-sided critical values (confidence = 1 - 2 x upper tail)
  @ParameterizedTest
  @CsvSource({"0.95, 1.95996", "0.9, 1.64485", "0.99, 2.57583", "0.8, 1.28155"})
  void normalTwoSidedCriticalValues(double confidence, double expected) {
    assertEquals(expected, Distributions.normalTwoSided(confidence), 1e-5);
  }

  @ParameterizedTest
  @CsvSource({"0.95, 1, 12.706", "0.95, 10, 2.228", "0.9, 10, 1.812", "0.99, 20, 2.845"})
  void studentTTwoSidedCriticalValues(double confidence, int df, double expected) {
    assertEquals(expected, Distributions.studentTTwoSided(confidence, df), 5e-4);
  }

  @Test
  void twoSidedCriticalValuesExistForEveryConfidenceInTheOpenUnitInterval() {
    // (1 + c) / 2 rounds to 1 for the largest double below 1 and to 0.5 below 2^-53
    double near = Math.nextDown(1.0);
    assertTrue(Distributions.normalTwoSided(near) > Distributions.normalTwoSided(0.999_999_999));
    assertTrue(Double.isFinite(Distributions.normalTwoSided(near)));
    assertTrue(Double.isFinite(Distributions.studentTTwoSided(near, 3)));
    assertEquals(0, Distributions.normalTwoSided(Double.MIN_VALUE));
    assertEquals(0, Distributions.studentTTwoSided(1e-17, 3));
    for (double c : new double[] {0, 1, Double.NaN, -0.5}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Distributions.normalTwoSided(c));
      assertTrue(e.getMessage().startsWith("confidence " + c + " must be in (0, 1)"));
    }
  }

  // NIST/SEMATECH e-Handbook, 1.3.6.7.3 "Upper Critical Values of the F Distribution" (5 % table).
  @ParameterizedTest
  @CsvSource({"1, 1, 161.448", "5, 10, 3.326", "10, 20, 2.348", "3, 30, 2.922", "20, 100, 1.676"})
  void fQuantilesMatchNistTable(int df1, int df2, double expected) {
    assertEquals(expected, Distributions.fQuantile(0.95, df1, df2), 5e-4);
  }

  @ParameterizedTest
  @CsvSource({"0.5", "1", "0", "NaN"})
  void studentTRejectsProbabilityOutsideUpperHalf(double p) {
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> Distributions.studentTQuantile(p, 5));
  }
}
