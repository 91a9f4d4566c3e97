package dev.servicekit.qa.analytics;

import dev.servicekit.qa.CriterionResult;
import dev.servicekit.qa.Evaluation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Error shares per criterion, per agent and for the team, and whether an error is systemic or
 * individual.
 *
 * <p>An agent is <em>affected</em> by a criterion when the agent's own error share on it is {@code
 * >= agentErrorShare} (and the agent made at least one error). The error is {@link
 * ErrorPattern#SYSTEMIC} when {@code agentsAffected / agentsObserved >= systemicAgentShare}, {@link
 * ErrorPattern#INDIVIDUAL} when some but fewer agents are affected, otherwise {@link
 * ErrorPattern#NONE}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ErrorAnalysis {

  private final double agentErrorShare;
  private final double systemicAgentShare;

  private ErrorAnalysis(double agentErrorShare, double systemicAgentShare) {
    if (!(agentErrorShare >= 0 && agentErrorShare <= 1)) {
      throw new IllegalArgumentException(
          "agentErrorShare " + agentErrorShare + " must be in [0, 1]");
    }
    if (!(systemicAgentShare > 0 && systemicAgentShare <= 1)) {
      throw new IllegalArgumentException(
          "systemicAgentShare " + systemicAgentShare + " must be in (0, 1]");
    }
    this.agentErrorShare = agentErrorShare;
    this.systemicAgentShare = systemicAgentShare;
  }

  /**
   * Defaults: an agent is affected at an error share of 20 %; an error is systemic when at least
   * half of the observed agents are affected.
   *
   * @return the analysis
   */
  public static ErrorAnalysis defaults() {
    return new ErrorAnalysis(0.2, 0.5);
  }

  /**
   * Custom thresholds.
   *
   * @param agentErrorShare per-agent error share at which an agent counts as affected, in [0, 1]
   * @param systemicAgentShare share of agents affected at which an error is systemic, in (0, 1]
   * @return the analysis
   * @throws IllegalArgumentException if a threshold is out of range
   */
  public static ErrorAnalysis of(double agentErrorShare, double systemicAgentShare) {
    return new ErrorAnalysis(agentErrorShare, systemicAgentShare);
  }

  /**
   * Analyses evaluations, {@code O(evaluations * criteria)}. Criteria are matched by id across
   * checklist versions.
   *
   * @param evaluations the evaluations
   * @return one entry per criterion seen, in order of first appearance
   */
  public List<CriterionErrors> analyse(List<Evaluation> evaluations) {
    Objects.requireNonNull(evaluations, "evaluations");
    Map<String, Map<String, long[]>> byCriterion = new LinkedHashMap<>();
    int i = 0;
    for (Evaluation e : evaluations) {
      if (e == null) {
        throw new NullPointerException("evaluations[" + i + "]");
      }
      i++;
      for (CriterionResult c : e.result().criteria()) {
        long[] counts =
            byCriterion
                .computeIfAbsent(c.criterionId(), k -> new TreeMap<>())
                .computeIfAbsent(e.agentId(), k -> new long[2]);
        if (c.applicable()) {
          counts[0]++;
          if (c.error()) {
            counts[1]++;
          }
        }
      }
    }
    List<CriterionErrors> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, long[]>> en : byCriterion.entrySet()) {
      long applicable = 0;
      long errors = 0;
      int observed = 0;
      int affected = 0;
      Map<String, Double> shares = new TreeMap<>();
      for (Map.Entry<String, long[]> a : en.getValue().entrySet()) {
        long[] c = a.getValue();
        if (c[0] == 0) {
          continue;
        }
        applicable += c[0];
        errors += c[1];
        observed++;
        double share = c[1] / (double) c[0];
        shares.put(a.getKey(), share);
        if (c[1] > 0 && share >= agentErrorShare) {
          affected++;
        }
      }
      ErrorPattern pattern =
          affected == 0
              ? ErrorPattern.NONE
              // the documented ratio, not affected >= share * observed: 0.14 * 50 is
              // 7.000000000000001 in doubles, so 7 of 50 agents fell short of 14 %, where
              // 7 / 50.0 is the double nearest 0.14, the very double the caller's 0.14 is
              : affected / (double) observed >= systemicAgentShare
                  ? ErrorPattern.SYSTEMIC
                  : ErrorPattern.INDIVIDUAL;
      out.add(
          new CriterionErrors(
              en.getKey(), applicable, errors, observed, affected, pattern, new TreeMap<>(shares)));
    }
    return out;
  }
}
