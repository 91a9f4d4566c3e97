package dev.servicekit.qa.calibration;

import dev.servicekit.qa.CriterionResult;
import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.internal.Excerpts;
import dev.servicekit.qa.internal.Ids;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Calibration sessions: several reviewers score the same interactions, one of them (the expert) is
 * the reference.
 *
 * <p>Thread-safe; stateless.
 */
public final class Calibration {

  private Calibration() {}

  /**
   * Deviation of every other reviewer from the reference reviewer, per criterion and overall,
   * {@code O(evaluations * criteria)}. Only interactions the reference scored count; every
   * evaluation must use one checklist id and version (a criterion id of one version is not the
   * criterion of another, so their deviations would be pooled as one). A session of evaluations
   * none of which is the reference's is refused (a mistyped reference id would otherwise read as a
   * session without deviations); an empty session gives an empty list.
   *
   * @param evaluations evaluations of a calibration session
   * @param referenceReviewerId the expert whose evaluations are the reference
   * @return one entry per other reviewer, sorted by reviewer id
   * @throws IllegalArgumentException if the reference reviewer id is not an id (as {@link
   *     Evaluation#reviewerId()}), evaluations are given but none by the reference reviewer, a
   *     reviewer evaluated an interaction twice, or the evaluations use more than one checklist id
   *     or version
   */
  public static List<ReviewerDeviation> deviationsFromReference(
      List<Evaluation> evaluations, String referenceReviewerId) {
    Objects.requireNonNull(evaluations, "evaluations");
    Ids.require(referenceReviewerId, "referenceReviewerId");
    requireOneVersion(evaluations, "deviations from the reference");
    Map<String, Evaluation> reference = new HashMap<>();
    for (Evaluation e : evaluations) {
      if (e.reviewerId().equals(referenceReviewerId)
          && reference.put(e.interactionId(), e) != null) {
        throw new IllegalArgumentException(
            "reference reviewer "
                + Excerpts.quote(referenceReviewerId)
                + " evaluated interaction "
                + Excerpts.quote(e.interactionId())
                + " twice");
      }
    }
    if (reference.isEmpty() && !evaluations.isEmpty()) {
      throw new IllegalArgumentException(
          "referenceReviewerId "
              + Excerpts.quote(referenceReviewerId)
              + " evaluated none of the "
              + evaluations.size()
              + " evaluations; their reviewers are "
              + reviewers(evaluations));
    }
    Map<String, Acc> byReviewer = new TreeMap<>();
    Map<String, String> seen = new HashMap<>();
    for (Evaluation e : evaluations) {
      if (e.reviewerId().equals(referenceReviewerId)) {
        continue;
      }
      Evaluation ref = reference.get(e.interactionId());
      if (ref == null) {
        continue;
      }
      if (seen.put(e.reviewerId() + '\u0000' + e.interactionId(), "") != null) {
        throw twice(e);
      }
      Acc acc = byReviewer.computeIfAbsent(e.reviewerId(), r -> new Acc());
      if (e.result().score().isPresent() && ref.result().score().isPresent()) {
        double d = e.result().score().get().subtract(ref.result().score().get()).doubleValue();
        acc.scoreN++;
        acc.scoreSigned += d;
        acc.scoreAbs += Math.abs(d);
      }
      Map<String, CriterionResult> refById = new HashMap<>();
      for (CriterionResult c : ref.result().criteria()) {
        refById.put(c.criterionId(), c);
      }
      for (CriterionResult c : e.result().criteria()) {
        CriterionResult r = refById.get(c.criterionId());
        if (r == null || c.percent().isEmpty() || r.percent().isEmpty()) {
          continue;
        }
        double d = c.percent().get().subtract(r.percent().get()).doubleValue();
        double[] a = acc.criteria.computeIfAbsent(c.criterionId(), k -> new double[4]);
        a[0]++;
        a[1] += c.answer().equals(r.answer()) ? 0 : 1;
        a[2] += d;
        a[3] += Math.abs(d);
      }
    }
    // checklist order: every result lists the criteria of the one checklist version in its order
    // (a reviewer's first compared interaction may have some of them N/A, so the order in which
    // they were first compared is not it)
    Map<String, Integer> order = new HashMap<>();
    for (Evaluation e : evaluations) {
      for (CriterionResult c : e.result().criteria()) {
        order.putIfAbsent(c.criterionId(), order.size());
      }
    }
    List<ReviewerDeviation> out = new ArrayList<>();
    for (Map.Entry<String, Acc> en : byReviewer.entrySet()) {
      Acc a = en.getValue();
      List<CriterionDeviation> cds = new ArrayList<>();
      for (Map.Entry<String, double[]> c : a.criteria.entrySet()) {
        double[] v = c.getValue();
        cds.add(
            new CriterionDeviation(c.getKey(), (int) v[0], (int) v[1], v[2] / v[0], v[3] / v[0]));
      }
      cds.sort(Comparator.comparingInt(c -> order.get(c.criterionId())));
      out.add(
          new ReviewerDeviation(
              en.getKey(),
              a.scoreN,
              a.scoreN == 0 ? Double.NaN : a.scoreSigned / a.scoreN,
              a.scoreN == 0 ? Double.NaN : a.scoreAbs / a.scoreN,
              cds));
    }
    return out;
  }

  /**
   * Krippendorff's alpha per criterion over a calibration session, {@code O(evaluations * criteria
   * + alpha)}: units are interactions, raters are reviewers, values are the share of full marks
   * (0-100) each reviewer gave; N/A counts as missing. Use {@link AlphaMetric#NOMINAL} to ask "same
   * answer?", {@link AlphaMetric#INTERVAL} to weigh how far apart answers are.
   *
   * @param evaluations evaluations of a calibration session, all with one checklist id and version
   * @param metric the level of measurement
   * @return alpha by criterion id, in order of first appearance; NaN where undefined
   * @throws IllegalArgumentException if a reviewer evaluated an interaction twice, or the
   *     evaluations use more than one checklist id or version (a criterion id of one is not the
   *     criterion of another, so their answers would be pooled as one)
   */
  public static Map<String, Double> alphaPerCriterion(
      List<Evaluation> evaluations, AlphaMetric metric) {
    Objects.requireNonNull(evaluations, "evaluations");
    Objects.requireNonNull(metric, "metric");
    Map<String, Double> out = new LinkedHashMap<>();
    ratingsPerCriterion(evaluations, "alpha per criterion")
        .forEach((k, d) -> out.put(k, Agreement.krippendorffAlpha(d, metric)));
    return out;
  }

  /**
   * Gwet's AC1 per criterion over a calibration session, {@code O(evaluations * criteria + r log
   * r)} for {@code r} ratings: the ratings of {@link #alphaPerCriterion(List, AlphaMetric)} (units
   * are interactions, raters reviewers, values the share of full marks; N/A missing) to {@link
   * Agreement#gwetAc1(ReliabilityData)}, whose categories are the values given for the criterion.
   * Its chance agreement is at most {@code 1 / q}, so a criterion that is nearly always passed,
   * with reviewers who nearly always agree, scores high where kappa and alpha fall near 0.
   *
   * @param evaluations evaluations of a calibration session, all with one checklist id and version
   * @return AC1 by criterion id, in order of first appearance; NaN where undefined (no interaction
   *     rated twice, or one answer throughout)
   * @throws IllegalArgumentException if a reviewer evaluated an interaction twice, or the
   *     evaluations use more than one checklist id or version
   */
  public static Map<String, Double> gwetAc1PerCriterion(List<Evaluation> evaluations) {
    Objects.requireNonNull(evaluations, "evaluations");
    Map<String, Double> out = new LinkedHashMap<>();
    ratingsPerCriterion(evaluations, "AC1 per criterion")
        .forEach((k, d) -> out.put(k, Agreement.gwetAc1(d)));
    return out;
  }

  /**
   * Per criterion, in order of first appearance, the share of full marks each reviewer gave each
   * interaction (N/A missing).
   */
  private static Map<String, ReliabilityData> ratingsPerCriterion(
      List<Evaluation> evaluations, String what) {
    requireOneVersion(evaluations, what);
    Map<String, ReliabilityData.Builder> builders = new LinkedHashMap<>();
    // checked per evaluation, not through the ratings: two evaluations of one interaction by one
    // reviewer that answer different criteria (or one all N/A) share no rating to collide on
    Set<String> seen = new HashSet<>();
    for (Evaluation e : evaluations) {
      if (!seen.add(e.reviewerId() + '\u0000' + e.interactionId())) {
        throw twice(e);
      }
    }
    for (Evaluation e : evaluations) {
      for (CriterionResult c : e.result().criteria()) {
        ReliabilityData.Builder b =
            builders.computeIfAbsent(c.criterionId(), k -> ReliabilityData.builder());
        if (c.percent().isPresent()) {
          b.add(e.interactionId(), e.reviewerId(), c.percent().get().doubleValue());
        }
      }
    }
    Map<String, ReliabilityData> out = new LinkedHashMap<>();
    builders.forEach((k, b) -> out.put(k, b.build()));
    return out;
  }

  /**
   * Refuses evaluations of more than one checklist id or version: a criterion id of one is not the
   * criterion of another, so their answers would be pooled as one.
   */
  private static void requireOneVersion(List<Evaluation> evaluations, String what) {
    // by the iterator: get(i) of a linked list walks i evaluations (O(n^2))
    int i = 0;
    for (Evaluation e : evaluations) { // a session of one null included
      if (e == null) {
        throw new NullPointerException("evaluations[" + i + "]");
      }
      i++;
    }
    Evaluation first = null;
    i = 0;
    for (Evaluation e : evaluations) {
      if (first == null) {
        first = e;
      } else if (!first.checklistId().equals(e.checklistId())
          || first.checklistVersion() != e.checklistVersion()) {
        throw new IllegalArgumentException(
            "evaluations["
                + i
                + "] (reviewer "
                + Excerpts.quote(e.reviewerId())
                + ", interaction "
                + Excerpts.quote(e.interactionId())
                + ") used checklist "
                + Excerpts.quote(e.checklistId())
                + " v"
                + e.checklistVersion()
                + " but evaluations[0] used "
                + Excerpts.quote(first.checklistId())
                + " v"
                + first.checklistVersion()
                + ": "
                + what
                + " needs one checklist version");
      }
      i++;
    }
  }

  /**
   * The distinct reviewer ids of {@code evaluations}, sorted, quoted; at most ten, then a count.
   */
  private static String reviewers(List<Evaluation> evaluations) {
    java.util.SortedSet<String> ids = new java.util.TreeSet<>();
    for (Evaluation e : evaluations) {
      ids.add(e.reviewerId());
    }
    List<String> shown = new ArrayList<>();
    for (String id : ids) {
      if (shown.size() == 10) {
        shown.add("... (" + ids.size() + " reviewers)");
        break;
      }
      shown.add(Excerpts.quote(id));
    }
    return "[" + String.join(", ", shown) + "]";
  }

  private static final class Acc {
    int scoreN;
    double scoreSigned;
    double scoreAbs;
    final Map<String, double[]> criteria = new LinkedHashMap<>();
  }

  /** The refusal of a reviewer's second evaluation of one interaction. */
  private static IllegalArgumentException twice(Evaluation e) {
    return new IllegalArgumentException(
        "reviewer "
            + Excerpts.quote(e.reviewerId())
            + " evaluated interaction "
            + Excerpts.quote(e.interactionId())
            + " twice");
  }
}
