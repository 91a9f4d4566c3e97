package dev.servicekit.qa.analytics;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Error statistics of one criterion over a set of evaluations. An error is an applicable answer
 * below full marks.
 *
 * <p>Immutable and thread-safe.
 *
 * @param criterionId the criterion
 * @param applicable answers that were not N/A
 * @param errors applicable answers below full marks
 * @param agentsObserved agents with at least one applicable answer
 * @param agentsAffected agents whose own error share reaches the per-agent threshold
 * @param pattern systemic, individual or none
 * @param agentErrorShares each observed agent's error share, by agent id
 */
public record CriterionErrors(
    String criterionId,
    long applicable,
    long errors,
    int agentsObserved,
    int agentsAffected,
    ErrorPattern pattern,
    SortedMap<String, Double> agentErrorShares) {

  /** Validates the components and copies the map. */
  public CriterionErrors {
    Objects.requireNonNull(criterionId, "criterionId");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(agentErrorShares, "agentErrorShares");
    agentErrorShares = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(agentErrorShares));
  }

  /**
   * The team's error share.
   *
   * @return {@code errors / applicable}; NaN if every answer was N/A (nothing to judge)
   */
  public double errorShare() {
    return applicable == 0 ? Double.NaN : errors / (double) applicable;
  }

  /**
   * Compliance with this standard, in percent.
   *
   * @return {@code 100 * (1 - errorShare())}; NaN if every answer was N/A
   */
  public double compliancePercent() {
    return 100 * (1 - errorShare());
  }

  /**
   * Agents whose error share reaches the threshold, sorted.
   *
   * @param threshold per-agent error share threshold
   * @return agent ids
   */
  public java.util.List<String> agentsAtOrAbove(double threshold) {
    return agentErrorShares.entrySet().stream()
        .filter(e -> e.getValue() >= threshold && e.getValue() > 0)
        .map(Map.Entry::getKey)
        .toList();
  }
}
