package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.Excerpt;
import dev.servicekit.kpi.internal.KeyText;
import dev.servicekit.kpi.internal.Utf16;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A weighted productivity index with a quality gate and a threshold, for leaderboards.
 *
 * <p>index = &Sigma; weight(action) &times; count(action). A weight below 1 is a reducing
 * coefficient (e.g. escalations at 0.5 count half a closure), a negative weight a penalty. An agent
 * is eligible when their QA average is at least the quality gate (no QA evaluations = not eligible)
 * and their index is at least the threshold; the leaders are the eligible agents with the highest
 * index (several on a tie). <b>If nobody reaches the threshold there is no leader.</b>
 *
 * <p>This class is immutable and thread-safe. {@link #index(ProductivityAccumulator)} is
 * O(actions); {@link #leaders(Map)} O(agents &times; actions).
 */
public final class ProductivityIndex {

  private final List<String> actions;
  private final double[] weights;
  private final double qualityGate;
  private final double threshold;

  private ProductivityIndex(
      List<String> actions, double[] weights, double qualityGate, double threshold) {
    this.actions = actions;
    this.weights = weights;
    this.qualityGate = qualityGate;
    this.threshold = threshold;
  }

  /**
   * Returns an index.
   *
   * @param weights action name &rarr; weight, in a stable order (e.g. a {@code LinkedHashMap});
   *     1..1000 actions, finite weights
   * @param qualityGate the minimum QA average to be eligible
   * @param threshold the minimum index to be eligible
   * @return the index
   * @throws IllegalArgumentException if an argument breaks the rules
   */
  public static ProductivityIndex of(
      Map<String, Double> weights, double qualityGate, double threshold) {
    Objects.requireNonNull(weights, "weights");
    if (weights.isEmpty() || weights.size() > 1000) {
      throw new IllegalArgumentException(
          "weights has " + weights.size() + " actions but must have 1..1000");
    }
    List<String> names = new ArrayList<>();
    double[] w = new double[weights.size()];
    int i = 0;
    for (Map.Entry<String, Double> e : new LinkedHashMap<>(weights).entrySet()) {
      String name = Utf16.require(Objects.requireNonNull(e.getKey(), "weights key"), "action");
      double v = Objects.requireNonNull(e.getValue(), "weights[" + Excerpt.of(name) + "]");
      if (KeyText.blank(name) || !Double.isFinite(v)) {
        throw new IllegalArgumentException(
            "weights["
                + Excerpt.of(name)
                + "] is "
                + v
                + " but must be a finite weight of a named action");
      }
      names.add(name);
      w[i++] = v;
    }
    if (!Double.isFinite(qualityGate) || !Double.isFinite(threshold)) {
      throw new IllegalArgumentException(
          "qualityGate " + qualityGate + " and threshold " + threshold + " must be finite");
    }
    return new ProductivityIndex(List.copyOf(names), w, qualityGate, threshold);
  }

  /**
   * Returns a new, empty action counter for this index.
   *
   * @return a new accumulator
   */
  public ProductivityAccumulator newAccumulator() {
    return new ProductivityAccumulator(actions);
  }

  /**
   * Computes the index of one agent's actions. O(actions).
   *
   * @param counts the agent's actions
   * @return &Sigma; weight &times; count, finite
   * @throws IllegalArgumentException if {@code counts} has other actions
   * @throws ArithmeticException if the index is beyond a double's range (huge weights times counts)
   */
  public double index(ProductivityAccumulator counts) {
    Objects.requireNonNull(counts, "counts");
    if (!counts.actions().equals(actions)) {
      throw new IllegalArgumentException(
          "accumulator actions "
              + Excerpt.of(counts.actions())
              + " differ from index actions "
              + Excerpt.of(actions));
    }
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i] * counts.count(i);
    }
    if (!Double.isFinite(sum)) {
      // a weight near Double.MAX_VALUE times a count: an index of Infinity or NaN would rank the
      // agent first or (NaN compares false) silently drop them from the leaders
      throw overflow(counts);
    }
    return sum;
  }

  /**
   * Returns the leaders: eligible agents (QA gate and threshold met) with the highest index.
   *
   * @param agents agent &rarr; candidate
   * @param <K> the agent key
   * @return the leaders (several on a tie), empty when nobody is eligible
   * @throws IllegalArgumentException if a candidate's actions are not this index's
   * @throws ArithmeticException if a candidate's index is beyond a double's range
   */
  public <K> List<K> leaders(Map<K, Candidate> agents) {
    Objects.requireNonNull(agents, "agents");
    List<K> best = new ArrayList<>();
    double bestIndex = Double.NEGATIVE_INFINITY;
    for (Map.Entry<K, Candidate> e : agents.entrySet()) {
      Candidate c = Objects.requireNonNull(e.getValue(), "agents value");
      if (c.qaAverage().isEmpty() || c.qaAverage().getAsDouble() < qualityGate) {
        continue;
      }
      double idx = index(c.actions());
      if (idx < threshold) {
        continue;
      }
      if (idx > bestIndex) {
        bestIndex = idx;
        best.clear();
      }
      if (idx == bestIndex) {
        best.add(e.getKey());
      }
    }
    return List.copyOf(best);
  }

  private ArithmeticException overflow(ProductivityAccumulator counts) {
    for (int i = 0; i < weights.length; i++) {
      if (!Double.isFinite(weights[i] * counts.count(i))) {
        return new ArithmeticException(
            "index overflows a double: weight "
                + weights[i]
                + " of action '"
                + Excerpt.of(actions.get(i))
                + "' times its count "
                + counts.count(i));
      }
    }
    return new ArithmeticException(
        "index overflows a double: the sum of weight x count over the "
            + weights.length
            + " actions is beyond +-"
            + Double.MAX_VALUE);
  }

  /**
   * One agent's inputs to {@link #leaders(Map)}.
   *
   * @param actions the agent's action counts
   * @param qaAverage the agent's QA average (e.g. {@link RatingResult#average()} of QA scores on a
   *     0..100 {@link RatingScale}), empty when not evaluated; finite
   */
  public record Candidate(ProductivityAccumulator actions, OptionalDouble qaAverage) {
    /**
     * Checks the arguments.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code qaAverage} is NaN or infinite (a NaN compares
     *     false with the quality gate, so it would pass it)
     */
    public Candidate {
      Objects.requireNonNull(actions, "actions");
      Objects.requireNonNull(qaAverage, "qaAverage");
      if (qaAverage.isPresent() && !Double.isFinite(qaAverage.getAsDouble())) {
        throw new IllegalArgumentException(
            "qaAverage "
                + qaAverage.getAsDouble()
                + " must be finite, or empty when the agent was not evaluated");
      }
    }
  }
}
