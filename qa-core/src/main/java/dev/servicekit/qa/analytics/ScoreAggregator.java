package dev.servicekit.qa.analytics;

import dev.servicekit.qa.Evaluation;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Average scores per agent and period, mergeable.
 *
 * <p>Mutable and <em>not</em> thread-safe: use one per thread and {@link #merge} them. {@link
 * #add(String, LocalDate, double)} is {@code O(1)} expected (one hash lookup).
 */
public final class ScoreAggregator {

  private final Granularity granularity;
  private final ZoneId zone;
  private final Map<AgentPeriod, ScoreAccumulator> cells = new HashMap<>();

  private ScoreAggregator(Granularity granularity, ZoneId zone) {
    this.granularity = Objects.requireNonNull(granularity, "granularity");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /**
   * Creates an empty aggregator.
   *
   * @param granularity the period length
   * @param zone the zone in which evaluation instants are assigned to days
   * @return the aggregator
   */
  public static ScoreAggregator of(Granularity granularity, ZoneId zone) {
    return new ScoreAggregator(granularity, zone);
  }

  /**
   * Adds an evaluation's final score; evaluations without a score (all N/A) are skipped.
   *
   * @param evaluation the evaluation
   * @return true if a score was added
   */
  public boolean add(Evaluation evaluation) {
    Objects.requireNonNull(evaluation, "evaluation");
    if (evaluation.result().score().isEmpty()) {
      return false;
    }
    add(
        evaluation.agentId(),
        LocalDate.ofInstant(evaluation.evaluatedAt(), zone),
        evaluation.result().score().get().doubleValue());
    return true;
  }

  /**
   * Adds a score for an agent on a day.
   *
   * @param agentId the agent
   * @param day the day of the evaluation
   * @param score the score
   */
  public void add(String agentId, LocalDate day, double score) {
    AgentPeriod key = new AgentPeriod(agentId, granularity.periodStart(day));
    ScoreAccumulator acc = cells.get(key);
    if (acc == null) {
      acc = new ScoreAccumulator();
      cells.put(key, acc);
    }
    acc.add(score);
  }

  /**
   * Adds everything from another aggregator of the same granularity and zone, {@code O(cells)}.
   *
   * @param other the other aggregator; unchanged
   * @throws IllegalArgumentException if granularity or zone differ
   */
  public void merge(ScoreAggregator other) {
    if (other.granularity != granularity || !other.zone.equals(zone)) {
      throw new IllegalArgumentException(
          "cannot merge a "
              + other.granularity
              + "/"
              + other.zone
              + " aggregator into a "
              + granularity
              + "/"
              + zone
              + " aggregator");
    }
    for (Map.Entry<AgentPeriod, ScoreAccumulator> e : other.cells.entrySet()) {
      cells.computeIfAbsent(e.getKey(), k -> new ScoreAccumulator()).merge(e.getValue());
    }
  }

  /**
   * Summaries of every agent and period, {@code O(cells log cells)}.
   *
   * @param confidence the confidence level, e.g. 0.95
   * @param tolerance the largest CI half-width (score points) considered reliable
   * @return summaries sorted by agent, then period
   */
  public SortedMap<AgentPeriod, ScoreSummary> summaries(double confidence, double tolerance) {
    SortedMap<AgentPeriod, ScoreSummary> out = new TreeMap<>();
    for (Map.Entry<AgentPeriod, ScoreAccumulator> e : cells.entrySet()) {
      out.put(e.getKey(), e.getValue().summary(confidence, tolerance));
    }
    return out;
  }
}
