package dev.servicekit.qa;

import dev.servicekit.qa.internal.Excerpts;
import dev.servicekit.qa.internal.Ids;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A gap-free, overlap-free partition of the score range {@code [0, 100]} into {@link ScoreBand}s.
 *
 * <p>Bands are defined by their lower bounds only: the first must be 0, the bounds strictly
 * increase, and every band runs up to (excluding) the next lower bound; the last band includes 100.
 * So the "below 45 / 46-75 / 76-100" is {@code [0,45), [45,76), [76,100]}: a score of
 * exactly 45, or 75.5, has exactly one band. Bands are matched against the score rounded to two
 * decimals, the number the agent sees.
 *
 * <p>Immutable and thread-safe.
 */
public final class ScoreBands {

  static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final List<ScoreBand> bands;

  private ScoreBands(List<ScoreBand> bands) {
    this.bands = List.copyOf(bands);
  }

  /**
   * A single band {@code [0, 100]} named {@code "all"} with action {@code "none"}.
   *
   * @return the trivial banding
   */
  public static ScoreBands unbanded() {
    return builder().band("all", BigDecimal.ZERO, "none").build();
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The bands in ascending order.
   *
   * @return an unmodifiable list
   */
  public List<ScoreBand> bands() {
    return bands;
  }

  /**
   * The band containing the score, {@code O(log bands)}.
   *
   * @param score a score in {@code [0, 100]}
   * @return the unique band
   * @throws IllegalArgumentException if the score is outside {@code [0, 100]}
   */
  public ScoreBand bandFor(BigDecimal score) {
    Objects.requireNonNull(score, "score");
    if (score.signum() < 0 || score.compareTo(HUNDRED) > 0) {
      throw new IllegalArgumentException(
          "score " + Excerpts.number(score) + " must be in [0, 100]");
    }
    int lo = 0;
    int hi = bands.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (bands.get(mid).from().compareTo(score) <= 0) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return bands.get(lo);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScoreBands b && bands.equals(b.bands);
  }

  @Override
  public int hashCode() {
    return bands.hashCode();
  }

  @Override
  public String toString() {
    return "ScoreBands" + bands;
  }

  /** Builder of {@link ScoreBands}; add bands in ascending order of their lower bound. */
  public static final class Builder {
    private final List<String> names = new ArrayList<>();
    private final List<BigDecimal> froms = new ArrayList<>();
    private final List<String> actions = new ArrayList<>();

    private Builder() {}

    /**
     * Adds the band starting at {@code from} (inclusive) and running to the next band's start.
     *
     * @param name the band name, unique; display text (not blank, no control characters, line or
     *     paragraph separators or unpaired surrogates): it is the outcome key of {@code
     *     OutcomeShares}
     * @param from the inclusive lower bound
     * @param action the action; may be empty, but holds no control characters, line or paragraph
     *     separators or unpaired surrogates
     * @return this builder
     * @throws IllegalArgumentException naming {@code bands[i].name} or {@code bands[i].action} if
     *     it breaks its rule
     */
    public Builder band(String name, BigDecimal from, String action) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(action, "action");
      // a band name is the outcome key of OutcomeShares: not blank, and printable
      Ids.requireText(name, "bands[" + names.size() + "].name");
      Ids.requireLine(action, "bands[" + names.size() + "].action");
      names.add(name);
      froms.add(from);
      actions.add(action);
      return this;
    }

    /**
     * Adds a band with an integral lower bound.
     *
     * @param name the band name
     * @param from the inclusive lower bound
     * @param action the action
     * @return this builder
     */
    public Builder band(String name, long from, String action) {
      return band(name, BigDecimal.valueOf(from), action);
    }

    /**
     * Builds the bands.
     *
     * @return the bands
     * @throws IllegalArgumentException if there are no bands, the first does not start at 0, the
     *     lower bounds do not strictly increase, a bound exceeds 100, or a name repeats
     */
    public ScoreBands build() {
      if (froms.isEmpty()) {
        throw new IllegalArgumentException("bands must not be empty");
      }
      for (int i = 0; i < froms.size(); i++) {
        Excerpts.requireBounded(froms.get(i), "bands[" + i + "].from", null);
      }
      if (froms.get(0).signum() != 0) {
        throw new IllegalArgumentException(
            "bands[0].from " + Excerpts.number(froms.get(0)) + " must be 0 (no gap below)");
      }
      Set<String> seen = new HashSet<>();
      List<ScoreBand> out = new ArrayList<>();
      for (int i = 0; i < froms.size(); i++) {
        if (!seen.add(names.get(i))) {
          throw new IllegalArgumentException(
              "bands[" + i + "].name " + Excerpts.quote(names.get(i)) + " is duplicated");
        }
        BigDecimal from = froms.get(i);
        if (from.compareTo(HUNDRED) > 0) {
          throw new IllegalArgumentException(
              "bands[" + i + "].from " + Excerpts.number(from) + " must be <= 100");
        }
        if (i > 0 && from.compareTo(froms.get(i - 1)) <= 0) {
          throw new IllegalArgumentException(
              "bands["
                  + i
                  + "].from "
                  + Excerpts.number(from)
                  + " must be greater than bands["
                  + (i - 1)
                  + "].from "
                  + Excerpts.number(froms.get(i - 1)));
        }
        BigDecimal to = i + 1 < froms.size() ? froms.get(i + 1) : HUNDRED;
        out.add(
            new ScoreBand(
                names.get(i), Scale.normalize(from), Scale.normalize(to), actions.get(i)));
      }
      if (froms.size() > 1 && froms.get(froms.size() - 1).compareTo(HUNDRED) == 0) {
        throw new IllegalArgumentException(
            "bands[" + (froms.size() - 1) + "].from must be < 100 (the last band includes 100)");
      }
      return new ScoreBands(out);
    }
  }
}
