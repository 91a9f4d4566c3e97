package dev.servicekit.qa.calibration;

/**
 * An intraclass correlation with its confidence interval and F test (Shrout and Fleiss 1979;
 * interval formulas of McGraw and Wong 1996).
 *
 * <p>Immutable and thread-safe.
 *
 * @param form the ICC form
 * @param value the coefficient; NaN when undefined: no variance at all, or the form's denominator
 *     is zero in the data (no variance between items for ICC(1,k) and ICC(3,k), the pole of
 *     ICC(2,k)), computed from exact mean squares. At most 1, but for ICC(2,k) past its pole
 *     ({@code MSB + (MSJ - MSE) / n < 0}: less variance between items than error, as two items
 *     rated 0, 1 and 1, 0, whose ICC(2,k) is 2), where Shrout and Fleiss' formula, which psych and
 *     pingouin compute too, exceeds 1
 * @param lower the lower confidence bound (NaN when undefined; for {@link IccForm#ICC_2_K} it is
 *     negative infinity when the approximate interval is unbounded below, which happens in tiny
 *     samples)
 * @param upper the upper confidence bound (NaN when undefined)
 * @param confidence the confidence level of the interval, in (0, 1)
 * @param f the F statistic of the form's test
 * @param df1 numerator degrees of freedom of the F test
 * @param df2 denominator degrees of freedom of the F test
 */
public record IccEstimate(
    IccForm form,
    double value,
    double lower,
    double upper,
    double confidence,
    double f,
    double df1,
    double df2) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if the form is null
   * @throws IllegalArgumentException if the confidence is outside (0, 1)
   */
  public IccEstimate {
    java.util.Objects.requireNonNull(form, "form");
    checkConfidence(confidence);
  }

  /** The one confidence rule, shared with {@link Agreement#icc} (which checks before computing). */
  static void checkConfidence(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence " + confidence + " must be in (0, 1)");
    }
  }
}
