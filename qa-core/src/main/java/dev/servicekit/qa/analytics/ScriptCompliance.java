package dev.servicekit.qa.analytics;

import dev.servicekit.qa.CriterionResult;
import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.internal.Ids;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Script compliance: an evaluation <em>passes</em> the script when every script criterion that was
 * applicable earned full marks (N/A script criteria are skipped; an evaluation in which all of them
 * are N/A or absent is not counted). The analytic is the share of passing evaluations against a
 * target such as 90 %.
 *
 * <p>Immutable and thread-safe.
 */
public final class ScriptCompliance {

  private final Set<String> criteria;
  private final double target;

  private ScriptCompliance(Set<String> criteria, double target) {
    this.criteria = criteria;
    this.target = target;
  }

  /**
   * Defines a script.
   *
   * @param criterionIds the script's criteria, at least one; ids (not blank, at most 128
   *     characters, no control characters or unpaired surrogates)
   * @param target the target share in {@code [0, 1]}, e.g. 0.9
   * @return the script compliance analytic
   * @throws IllegalArgumentException if there are no criteria, one is not an id, or the target is
   *     outside {@code [0, 1]}
   */
  public static ScriptCompliance of(Collection<String> criterionIds, double target) {
    Objects.requireNonNull(criterionIds, "criterionIds");
    Set<String> ids = new LinkedHashSet<>();
    for (String id : criterionIds) {
      ids.add(Ids.require(id, "script criterion id"));
    }
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("a script needs at least one criterion");
    }
    if (!(target >= 0 && target <= 1)) {
      throw new IllegalArgumentException("target " + target + " must be in [0, 1]");
    }
    return new ScriptCompliance(Set.copyOf(ids), target);
  }

  /**
   * The script's criteria.
   *
   * @return an unmodifiable set
   */
  public Set<String> criteria() {
    return criteria;
  }

  /**
   * The target share.
   *
   * @return the target in {@code [0, 1]}
   */
  public double target() {
    return target;
  }

  /**
   * Whether an evaluation passes the script, {@code O(criteria)}.
   *
   * @param evaluation the evaluation
   * @return true or false; empty when no script criterion was applicable
   */
  public Optional<Boolean> passes(Evaluation evaluation) {
    Objects.requireNonNull(evaluation, "evaluation");
    boolean any = false;
    for (CriterionResult r : evaluation.result().criteria()) {
      if (criteria.contains(r.criterionId()) && r.applicable()) {
        any = true;
        if (!r.fullMarks()) {
          return Optional.of(false);
        }
      }
    }
    return any ? Optional.of(true) : Optional.empty();
  }

  /**
   * The share of passing evaluations with its Wilson interval, {@code O(evaluations * criteria)}.
   *
   * @param evaluations the evaluations
   * @param confidence the confidence level, e.g. 0.95
   * @return the share (NaN when no evaluation counted)
   */
  public ShareEstimate share(Collection<Evaluation> evaluations, double confidence) {
    Objects.requireNonNull(evaluations, "evaluations");
    long hits = 0;
    long count = 0;
    for (Evaluation e : evaluations) {
      Optional<Boolean> p = passes(e);
      if (p.isPresent()) {
        count++;
        hits += p.get() ? 1 : 0;
      }
    }
    return ShareEstimate.wilson(hits, count, confidence);
  }

  /**
   * Whether a share meets the target: its point estimate is at least the target.
   *
   * @param share a share from {@link #share(Collection, double)}
   * @return true if {@code share.share() >= target}; false when nothing was counted
   */
  public boolean meetsTarget(ShareEstimate share) {
    Objects.requireNonNull(share, "share");
    return share.count() > 0 && share.share() >= target;
  }

  /**
   * Whether a share is below the target beyond doubt: the whole interval is below it.
   *
   * @param share a share from {@link #share(Collection, double)}
   * @return true if {@code share.upper() < target}
   */
  public boolean clearlyBelowTarget(ShareEstimate share) {
    Objects.requireNonNull(share, "share");
    return share.count() > 0 && share.upper() < target;
  }

  @Override
  public String toString() {
    return "ScriptCompliance[" + criteria.size() + " criteria, target " + target + "]";
  }
}
