package dev.servicekit.qa;

import dev.servicekit.qa.internal.Excerpts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The answer scale of a criterion: an ordered list of {@link AnswerOption}s with points.
 *
 * <p>A criterion earns the fraction {@code points(answer) / maxPoints()} of its weight. Use {@link
 * #rating(int)} for the linear "0% .. 100%" rating scales of Zendesk QA (a 5-point rating maps to
 * 0, 25, 50, 75, 100 %), {@link #range(int, int)} when the selected number itself is the points (a
 * 1-5 range earns 1/5 for "1", as in plain point-total scorecards).
 *
 * <p>Immutable and thread-safe.
 */
public final class Scale {

  /** Maximum number of decimals of points and weights; keeps scoring exact in long arithmetic. */
  static final int MAX_DECIMALS = 4;

  private final List<AnswerOption> options;
  private final BigDecimal maxPoints;

  private Scale(List<AnswerOption> options) {
    this.options = List.copyOf(options);
    BigDecimal max = BigDecimal.ZERO;
    Set<String> ids = new HashSet<>();
    for (AnswerOption o : this.options) {
      if (!ids.add(o.id())) {
        throw new IllegalArgumentException(duplicated(o.id()));
      }
      max = max.max(o.points());
    }
    if (this.options.isEmpty()) {
      throw new IllegalArgumentException("scale must have at least one answer option");
    }
    if (max.signum() <= 0) {
      throw new IllegalArgumentException(
          "scale "
              + Excerpts.list(this.options.stream().map(AnswerOption::id).toList())
              + " must have an option with points > 0");
    }
    BigDecimal top = max;
    if (this.options.stream().allMatch(o -> o.points().compareTo(top) == 0)) {
      // one option, or all at the same points: every answer earns the whole weight
      throw new IllegalArgumentException(
          "scale "
              + Excerpts.list(this.options.stream().map(AnswerOption::id).toList())
              + " must have options with different points: with every option at "
              + top.stripTrailingZeros().toPlainString()
              + " points any answer scores 100 %, so the criterion measures nothing");
    }
    this.maxPoints = max;
  }

  /**
   * A custom scale.
   *
   * @param options the options, ids unique, at least one with positive points and at least two with
   *     different points
   * @return the scale
   * @throws IllegalArgumentException if the options are empty, duplicated, all worth 0 points, or
   *     all worth the same points (a single option included: every answer would score 100 %)
   */
  public static Scale of(List<AnswerOption> options) {
    Objects.requireNonNull(options, "options");
    return new Scale(options);
  }

  /**
   * Binary scale: {@code "yes"} (done, 1 point) and {@code "no"} (not done, 0 points).
   *
   * @return the scale
   */
  public static Scale binary() {
    return new Scale(List.of(AnswerOption.of("yes", 1), AnswerOption.of("no", 0)));
  }

  /**
   * Three-level scale: {@code "full"} (2 points), {@code "partial"} (1), {@code "none"} (0).
   *
   * @return the scale
   */
  public static Scale threeLevel() {
    return new Scale(
        List.of(
            AnswerOption.of("full", 2), AnswerOption.of("partial", 1), AnswerOption.of("none", 0)));
  }

  /**
   * A numeric scale whose options {@code "min" .. "max"} earn their own value in points (e.g.
   * {@code range(0, 10)} or {@code range(1, 5)}).
   *
   * @param min the lowest value, {@code >= 0}
   * @param max the highest value, {@code > min} and {@code <= 1000}
   * @return the scale
   * @throws IllegalArgumentException if the bounds are out of range
   */
  public static Scale range(int min, int max) {
    if (min < 0 || max <= min || max > 1000) {
      throw new IllegalArgumentException(
          "range " + min + ".." + max + " must satisfy 0 <= min < max <= 1000");
    }
    List<AnswerOption> opts = new ArrayList<>();
    for (int v = max; v >= min; v--) {
      opts.add(AnswerOption.of(Integer.toString(v), v));
    }
    return new Scale(opts);
  }

  /**
   * A rating scale with options {@code "1" .. "n"} mapped linearly onto 0..100 %: option {@code k}
   * earns {@code k - 1} points out of {@code n - 1} (Zendesk QA's category-score rule).
   *
   * @param n the number of ratings, 2..100
   * @return the scale
   * @throws IllegalArgumentException if n is out of range
   */
  public static Scale rating(int n) {
    if (n < 2 || n > 100) {
      throw new IllegalArgumentException("rating scale size " + n + " must be in 2..100");
    }
    List<AnswerOption> opts = new ArrayList<>();
    for (int k = n; k >= 1; k--) {
      opts.add(AnswerOption.of(Integer.toString(k), k - 1L));
    }
    return new Scale(opts);
  }

  /**
   * The options in declaration order.
   *
   * @return an unmodifiable list
   */
  public List<AnswerOption> options() {
    return options;
  }

  /**
   * The highest points of any option: the points for full marks.
   *
   * @return the maximum points, {@code > 0}
   */
  public BigDecimal maxPoints() {
    return maxPoints;
  }

  /**
   * Finds an option by id, {@code O(options)}.
   *
   * @param id the option id
   * @return the option, or empty if the scale has no such option
   */
  public Optional<AnswerOption> option(String id) {
    Objects.requireNonNull(id, "id");
    for (AnswerOption o : options) {
      if (o.id().equals(id)) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }

  /** The message for a repeated option id, shared with {@link ChecklistJson}. */
  static String duplicated(String optionId) {
    return "answer option id '" + optionId + "' is duplicated";
  }

  static BigDecimal normalize(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Scale other && options.equals(other.options);
  }

  @Override
  public int hashCode() {
    return options.hashCode();
  }

  @Override
  public String toString() {
    return "Scale" + options;
  }
}
