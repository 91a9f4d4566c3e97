package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * ICC point estimates against an exact rational oracle (Shrout and Fleiss 1979 from the mean
 * squares of integer ratings, in fractions of BigIntegers). A form whose denominator is zero in the
 * data is undefined: NaN, never a ratio of rounding errors. Items with equal means (each row a
 * permutation of the same ratings) have a between-items mean square of exactly zero, which double
 * arithmetic of the row means missed: ICC(1,k) and ICC(3,k) came out near -1e30.
 */
class IccExactDenominatorProperties {

  /** An exact fraction. */
  private record Q(BigInteger num, BigInteger den) {
    static Q of(long n) {
      return new Q(BigInteger.valueOf(n), BigInteger.ONE);
    }

    Q plus(Q o) {
      return new Q(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
    }

    Q minus(Q o) {
      return plus(new Q(o.num.negate(), o.den));
    }

    Q times(Q o) {
      return new Q(num.multiply(o.num), den.multiply(o.den));
    }

    Q over(Q o) {
      BigInteger d = den.multiply(o.num);
      BigInteger n = num.multiply(o.den);
      return d.signum() < 0 ? new Q(n.negate(), d.negate()) : new Q(n, d);
    }

    boolean zero() {
      return num.signum() == 0;
    }

    double value() {
      return new java.math.BigDecimal(num)
          .divide(new java.math.BigDecimal(den), java.math.MathContext.DECIMAL128)
          .doubleValue();
    }
  }

  /** Shrout and Fleiss, exactly: value, or null when the form's denominator is zero. */
  static Q oracle(int[][] x, IccForm form) {
    int n = x.length;
    int k = x[0].length;
    Q grand = Q.of(0);
    Q[] rowMean = new Q[n];
    Q[] colMean = new Q[k];
    for (int i = 0; i < n; i++) {
      long s = 0;
      for (int j = 0; j < k; j++) {
        s += x[i][j];
      }
      rowMean[i] = new Q(BigInteger.valueOf(s), BigInteger.valueOf(k));
      grand = grand.plus(Q.of(s));
    }
    for (int j = 0; j < k; j++) {
      long s = 0;
      for (int[] row : x) {
        s += row[j];
      }
      colMean[j] = new Q(BigInteger.valueOf(s), BigInteger.valueOf(n));
    }
    grand = grand.over(Q.of((long) n * k));
    Q ssTotal = Q.of(0);
    Q ssRows = Q.of(0);
    Q ssCols = Q.of(0);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        Q d = Q.of(x[i][j]).minus(grand);
        ssTotal = ssTotal.plus(d.times(d));
      }
      Q d = rowMean[i].minus(grand);
      ssRows = ssRows.plus(Q.of(k).times(d).times(d));
    }
    for (int j = 0; j < k; j++) {
      Q d = colMean[j].minus(grand);
      ssCols = ssCols.plus(Q.of(n).times(d).times(d));
    }
    Q msb = ssRows.over(Q.of(n - 1));
    Q msj = ssCols.over(Q.of(k - 1));
    Q msw = ssTotal.minus(ssRows).over(Q.of((long) n * (k - 1)));
    Q mse = ssTotal.minus(ssRows).minus(ssCols).over(Q.of((long) (n - 1) * (k - 1)));
    Q kk = Q.of(k);
    Q nn = Q.of(n);
    Q k1 = Q.of(k - 1);
    Q num;
    Q den;
    switch (form) {
      case ICC_1_1 -> {
        num = msb.minus(msw);
        den = msb.plus(k1.times(msw));
      }
      case ICC_1_K -> {
        num = msb.minus(msw);
        den = msb;
      }
      case ICC_3_1 -> {
        num = msb.minus(mse);
        den = msb.plus(k1.times(mse));
      }
      case ICC_3_K -> {
        num = msb.minus(mse);
        den = msb;
      }
      case ICC_2_1 -> {
        num = msb.minus(mse);
        den = msb.plus(k1.times(mse)).plus(kk.times(msj.minus(mse)).over(nn));
      }
      default -> {
        num = msb.minus(mse);
        den = msb.plus(msj.minus(mse).over(nn));
      }
    }
    return den.zero() ? null : num.over(den);
  }

  private static double[][] doubles(int[][] x) {
    double[][] d = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      d[i] = new double[x[i].length];
      for (int j = 0; j < x[i].length; j++) {
        d[i][j] = x[i][j];
      }
    }
    return d;
  }

  private static void check(int[][] x) {
    for (IccForm form : IccForm.values()) {
      Q exact = oracle(x, form);
      IccEstimate e = Agreement.icc(doubles(x), form, 0.95);
      String what = form + " of " + java.util.Arrays.deepToString(x);
      if (exact == null) {
        assertTrue(Double.isNaN(e.value()), what + ": undefined, was " + e.value());
        assertTrue(Double.isNaN(e.lower()) && Double.isNaN(e.upper()), what + ": " + e);
      } else {
        double want = exact.value();
        assertEquals(want, e.value(), 1e-9 * Math.max(1, Math.abs(want)), what);
      }
    }
  }

  @Property(tries = 300)
  void everyFormAgreesWithTheExactMeanSquares(@ForAll("ratings") int[][] x) {
    check(x);
  }

  /** Each item rated by a permutation of the same ratings: every item mean is equal. */
  @Property(tries = 300)
  void itemsWithEqualMeansGiveNoRatioOfRoundingErrors(@ForAll("permutedRows") int[][] x) {
    check(x);
    // msb is exactly zero: ICC(1,k) and ICC(3,k) are undefined, ICC(1,1) is -1 / (k - 1)
    assertTrue(Double.isNaN(Agreement.icc(doubles(x), IccForm.ICC_1_K, 0.95).value()));
    assertTrue(Double.isNaN(Agreement.icc(doubles(x), IccForm.ICC_3_K, 0.95).value()));
  }

  @Example
  void theRoundedRowMeansThatGaveMinusOneE30() {
    // 1/3 + 2/3 + 1 and 1 + 1/3 + 2/3 round apart in doubles; the item means are all 2
    int[][] x = {{1, 2, 3}, {3, 1, 2}, {2, 3, 1}, {1, 3, 2}};
    check(x);
    assertEquals(-0.5, Agreement.icc(doubles(x), IccForm.ICC_1_1, 0.95).value(), 1e-15);
  }

  @Example
  void theIcc2kPoleIsUndefined() {
    // BMS + (JMS - EMS) / n = 2/3 + (0 - 2) / 3 = 0 exactly: ICC(2,k) is undefined (it was -1.2e16)
    int[][] x = {{4, 2}, {2, 2}, {1, 3}};
    assertEquals(null, oracle(x, IccForm.ICC_2_K));
    assertTrue(Double.isNaN(Agreement.icc(doubles(x), IccForm.ICC_2_K, 0.95).value()));
    check(x);
  }

  @Provide
  Arbitrary<int[][]> ratings() {
    return Arbitraries.integers()
        .between(2, 6)
        .flatMap(
            n ->
                Arbitraries.integers()
                    .between(2, 4)
                    .flatMap(
                        k ->
                            Arbitraries.integers()
                                .between(0, 5)
                                .array(int[].class)
                                .ofSize(k)
                                .array(int[][].class)
                                .ofSize(n)));
  }

  @Provide
  Arbitrary<int[][]> permutedRows() {
    return Arbitraries.longs()
        .map(
            seed -> {
              Random r = new Random(seed);
              int n = 2 + r.nextInt(5);
              int k = 2 + r.nextInt(3);
              List<Integer> base = new ArrayList<>();
              for (int j = 0; j < k; j++) {
                base.add(r.nextInt(10));
              }
              if (base.stream().distinct().count() == 1) {
                base.set(0, base.get(0) + 1); // some variance within items
              }
              int[][] x = new int[n][k];
              for (int i = 0; i < n; i++) {
                List<Integer> p = new ArrayList<>(base);
                Collections.shuffle(p, r);
                for (int j = 0; j < k; j++) {
                  x[i][j] = p.get(j);
                }
              }
              return x;
            });
  }
}
