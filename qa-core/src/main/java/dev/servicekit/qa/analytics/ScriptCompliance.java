package dev.servicekit.qa.analytics;

import dev.servicekit.qa.Checklist;
import dev.servicekit.qa.CriterionResult;
import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.internal.Excerpts;
import dev.servicekit.qa.internal.Ids;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Script compliance: an evaluation <em>passes</em> the script when every script criterion that was
 * applicable earned full marks (N/A script criteria are skipped; an evaluation in which all of them
 * are N/A or absent is not counted). The analytic is the share of passing evaluations against a
 * target such as 90 %.
 *
 * <p>A script defined for its checklists ({@link #of(Checklist, Collection, double)}, {@link
 * #of(Collection, Collection, double)}) refuses a criterion id none of them has, so a misspelt id
 * is an error instead of a criterion that is always absent (no evaluation counted: "no data"), and
 * refuses an evaluation of another checklist. A script of criterion ids alone ({@link
 * #of(Collection, double)}) cannot check them: an id no evaluation's checklist has is absent.
 *
 * <p>Immutable and thread-safe.
 */
public final class ScriptCompliance {

  private final Set<String> criteria;
  private final double target;
  private final Set<String> checklistIds; // empty: not bound to checklists

  private ScriptCompliance(Set<String> criteria, double target, Set<String> checklistIds) {
    this.criteria = criteria;
    this.target = target;
    this.checklistIds = checklistIds;
  }

  /**
   * Defines a script of criterion ids alone, for evaluations of any checklist. The ids are not
   * checked against a checklist: a criterion id that an evaluation's checklist does not have is
   * absent there, like an N/A one, so a misspelt id silently counts fewer evaluations, or none.
   * Prefer {@link #of(Checklist, Collection, double)} where the checklist is known.
   *
   * @param criterionIds the script's criteria, at least one; ids (not blank, at most 128
   *     characters, no control characters or unpaired surrogates)
   * @param target the target share in {@code [0, 1]}, e.g. 0.9
   * @return the script compliance analytic
   * @throws IllegalArgumentException if there are no criteria, one is not an id, or the target is
   *     outside {@code [0, 1]}
   */
  public static ScriptCompliance of(Collection<String> criterionIds, double target) {
    return new ScriptCompliance(ids(criterionIds), checkTarget(target), Set.of());
  }

  /**
   * Defines a script of a checklist's criteria. {@link #passes} then refuses an evaluation of
   * another checklist (any version of this one is fine: a criterion a version lacks is absent
   * there). {@code O(criteria)}.
   *
   * @param checklist the checklist the script's criteria belong to
   * @param criterionIds the script's criteria, at least one, each a criterion of {@code checklist}
   * @param target the target share in {@code [0, 1]}, e.g. 0.9
   * @return the script compliance analytic
   * @throws IllegalArgumentException if there are no criteria, one is not an id or not a criterion
   *     of the checklist (naming it, its index in {@code criterionIds} and the checklist's
   *     criteria, e.g. {@code criterionIds[1] 'greting' is not a criterion of checklist 'calls' v1,
   *     whose criteria are [greeting, identity-verified]}), or the target is outside {@code [0, 1]}
   */
  public static ScriptCompliance of(
      Checklist checklist, Collection<String> criterionIds, double target) {
    Objects.requireNonNull(checklist, "checklist");
    return of(List.of(checklist), criterionIds, target);
  }

  /**
   * Defines a script over several checklists (a call and a chat checklist, or versions of one):
   * each criterion must be a criterion of at least one of them, and {@link #passes} refuses an
   * evaluation of a checklist id that is not among theirs. {@code O(checklists * criteria)}.
   *
   * @param checklists the checklists, at least one
   * @param criterionIds the script's criteria, at least one, each a criterion of one of {@code
   *     checklists}
   * @param target the target share in {@code [0, 1]}, e.g. 0.9
   * @return the script compliance analytic
   * @throws IllegalArgumentException if there is no checklist or no criterion, an id is not an id
   *     or not a criterion of any of the checklists (naming it, its index in {@code criterionIds}
   *     and the checklists), or the target is outside {@code [0, 1]}
   */
  public static ScriptCompliance of(
      Collection<Checklist> checklists, Collection<String> criterionIds, double target) {
    Objects.requireNonNull(checklists, "checklists");
    Objects.requireNonNull(criterionIds, "criterionIds");
    List<Checklist> lists = new ArrayList<>();
    for (Checklist c : checklists) {
      lists.add(Objects.requireNonNull(c, "checklists element"));
    }
    if (lists.isEmpty()) {
      throw new IllegalArgumentException("checklists must not be empty");
    }
    Set<String> ids = ids(criterionIds);
    checkTarget(target);
    int i = 0;
    for (String id : criterionIds) {
      if (lists.stream().noneMatch(c -> c.criterion(id).isPresent())) {
        throw new IllegalArgumentException(
            "criterionIds["
                + i
                + "] "
                + Excerpts.quote(id)
                + " is not a criterion of "
                + (lists.size() == 1
                    ? "checklist "
                        + name(lists.get(0))
                        + ", whose criteria are "
                        + Excerpts.list(lists.get(0).criteria().stream().map(c -> c.id()).toList())
                    : "any of the checklists "
                        + Excerpts.list(lists.stream().map(ScriptCompliance::name).toList())));
      }
      i++;
    }
    Set<String> checklistIds = new LinkedHashSet<>();
    lists.forEach(c -> checklistIds.add(c.id()));
    return new ScriptCompliance(ids, target, java.util.Collections.unmodifiableSet(checklistIds));
  }

  private static Set<String> ids(Collection<String> criterionIds) {
    Objects.requireNonNull(criterionIds, "criterionIds");
    Set<String> ids = new LinkedHashSet<>();
    int i = 0;
    for (String id : criterionIds) {
      Objects.requireNonNull(id, "criterionIds[" + i + "]");
      ids.add(Ids.require(id, "script criterionIds[" + i + "]"));
      i++;
    }
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("a script needs at least one criterion");
    }
    return Set.copyOf(ids);
  }

  private static double checkTarget(double target) {
    if (!(target >= 0 && target <= 1)) {
      throw new IllegalArgumentException("target " + target + " must be in [0, 1]");
    }
    return target;
  }

  private static String name(Checklist c) {
    return Excerpts.quote(c.id()) + " v" + c.version();
  }

  /**
   * The ids of the checklists the script was defined for, empty for a script of criterion ids
   * alone.
   *
   * @return an unmodifiable set, in the order given
   */
  public Set<String> checklistIds() {
    return checklistIds;
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
   * @throws IllegalArgumentException if the script was defined for checklists and the evaluation is
   *     of another checklist (naming its checklist, its interaction and the script's checklists)
   */
  public Optional<Boolean> passes(Evaluation evaluation) {
    Objects.requireNonNull(evaluation, "evaluation");
    if (!checklistIds.isEmpty() && !checklistIds.contains(evaluation.checklistId())) {
      throw new IllegalArgumentException(
          "evaluation of interaction "
              + Excerpts.quote(evaluation.interactionId())
              + " was made with checklist "
              + Excerpts.quote(evaluation.checklistId())
              + ", not one of the script's checklists "
              + Excerpts.list(checklistIds));
    }
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
   * @throws IllegalArgumentException as {@link #passes} for an evaluation of another checklist
   */
  public ShareEstimate share(Collection<Evaluation> evaluations, double confidence) {
    Objects.requireNonNull(evaluations, "evaluations");
    long hits = 0;
    long count = 0;
    int i = 0;
    for (Evaluation e : evaluations) {
      if (e == null) {
        throw new NullPointerException("evaluations[" + i + "]");
      }
      i++;
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
    return "ScriptCompliance["
        + criteria.size()
        + " criteria, target "
        + target
        + (checklistIds.isEmpty() ? "" : ", checklists " + Excerpts.list(checklistIds))
        + "]";
  }
}
