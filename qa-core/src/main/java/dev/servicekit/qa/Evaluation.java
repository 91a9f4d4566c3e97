package dev.servicekit.qa;

import dev.servicekit.qa.internal.Excerpts;
import dev.servicekit.qa.internal.Ids;
import dev.servicekit.qa.internal.Instants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One supervisor's evaluation of one interaction, pinned to the checklist version it was scored
 * with.
 *
 * <p>The result is computed once, at creation, and stored: changing a checklist (a new version)
 * never rescores history. Rescoring is explicit ({@link #rescore(Checklist)}) and yields a new
 * evaluation pinned to the new version; {@link #revise} records the replaced state as a {@link
 * Revision}. An evaluation also carries reviewer comments per criterion and {@link Dispute}s. Read
 * and write it as JSON with {@link EvaluationJson}.
 *
 * <p>Its instants (evaluated, revised, and those of its disputes) lie in {@code
 * [1900-01-01T00:00:00Z, 2300-01-01T00:00:00Z)}, as sla-core's, so every zone gives them a date,
 * and none of them is before the evaluation's own instant; its interaction, agent and reviewer ids
 * follow the id rule of checklist ids (not blank, at most 128 characters, no control characters or
 * unpaired surrogates). Others are refused with an {@link IllegalArgumentException} naming the
 * field and an excerpt of the value.
 *
 * <p>Immutable and thread-safe.
 */
public final class Evaluation {

  private final String interactionId;
  private final String agentId;
  private final String reviewerId;
  private final Instant evaluatedAt;
  private final String checklistId;
  private final int checklistVersion;
  private final Map<String, Answer> answers;
  private final ScoreResult result;
  private final Map<String, String> comments;
  private final List<Dispute> disputes;
  private final List<Revision> revisions;

  private Evaluation(
      String interactionId,
      String agentId,
      String reviewerId,
      Instant evaluatedAt,
      Checklist checklist,
      Map<String, Answer> answers,
      Map<String, String> comments,
      List<Dispute> disputes,
      List<Revision> revisions) {
    this.interactionId = Ids.require(interactionId, "interactionId");
    this.agentId = Ids.require(agentId, "agentId");
    this.reviewerId = Ids.require(reviewerId, "reviewerId");
    this.evaluatedAt = Instants.require(evaluatedAt, "evaluatedAt");
    this.checklistId = checklist.id();
    this.checklistVersion = checklist.version();
    this.answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
    this.result = checklist.score(this.answers);
    Set<String> ids = new HashSet<>();
    result.criteria().forEach(c -> ids.add(c.criterionId()));
    Map<String, String> cs = new LinkedHashMap<>();
    comments.forEach(
        (k, v) -> {
          Objects.requireNonNull(k, "comment criterion id");
          if (!ids.contains(k)) {
            throw new IllegalArgumentException(
                "comment on unknown criterion '"
                    + excerpt(k)
                    + "' (checklist '"
                    + checklistId
                    + "' v"
                    + checklistVersion
                    + ")");
          }
          cs.put(k, Dispute.text(v, "comment on '" + k + "'"));
        });
    this.comments = Collections.unmodifiableMap(cs);
    for (int i = 0; i < disputes.size(); i++) {
      Dispute d = Objects.requireNonNull(disputes.get(i), "dispute");
      if (d.criterionId().isPresent() && !ids.contains(d.criterionId().get())) {
        throw new IllegalArgumentException(
            "disputes["
                + i
                + "] is on unknown criterion '"
                + excerpt(d.criterionId().get())
                + "' (checklist '"
                + checklistId
                + "' v"
                + checklistVersion
                + ")");
      }
      if (d.raisedAt().isBefore(evaluatedAt)) {
        throw new IllegalArgumentException(disputedTooEarly(i, d, evaluatedAt));
      }
    }
    this.disputes = List.copyOf(disputes);
    Instant last = evaluatedAt;
    List<Revision> kept = new ArrayList<>(revisions.size());
    for (int i = 0; i < revisions.size(); i++) {
      Revision r = Objects.requireNonNull(revisions.get(i), "revision");
      Instants.require(r.revisedAt(), "revisions[" + i + "].revisedAt");
      if (r.checklistVersion() == checklistVersion) {
        // a state of this version: its answers must score, to its score, as EvaluationJson checks
        // (a state of another version is checked there, against the registry's checklist)
        Optional<java.math.BigDecimal> expected;
        try {
          expected = checklist.score(r.answers()).score();
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("revisions[" + i + "].answers: " + e.getMessage(), e);
        }
        if (!sameScore(expected, r.score())) {
          throw new IllegalArgumentException(
              "revisions["
                  + i
                  + "].score "
                  + r.score().map(Excerpts::number).orElse("empty")
                  + " is not the score of its answers under checklist v"
                  + checklistVersion
                  + " ("
                  + expected.map(java.math.BigDecimal::toPlainString).orElse("empty")
                  + ")");
        }
        if (!expected.equals(r.score())) {
          // the same number at another scale ("100" for "100.00"): kept as the checklist gives it,
          // as EvaluationJson reads it, so that the evaluation reads back equal from its JSON
          r =
              new Revision(
                  r.revisedAt(),
                  r.revisedBy(),
                  r.reason(),
                  r.checklistVersion(),
                  r.answers(),
                  expected);
        }
      }
      if (r.revisedAt().isBefore(last)) {
        throw new IllegalArgumentException(
            "revisions["
                + i
                + "].revisedAt "
                + r.revisedAt()
                + " must not be before the evaluation or the previous revision ("
                + last
                + ")");
      }
      last = r.revisedAt();
      kept.add(r);
    }
    this.revisions = List.copyOf(kept);
  }

  private static String excerpt(String s) {
    return Excerpts.cut(s);
  }

  /** Whether two scores are the same number (or both absent), whatever their scales. */
  static boolean sameScore(Optional<java.math.BigDecimal> a, Optional<java.math.BigDecimal> b) {
    return a.isPresent() == b.isPresent() && (a.isEmpty() || a.get().compareTo(b.get()) == 0);
  }

  /** The refusal of dispute {@code i}, raised before the evaluation it disputes was made. */
  static String disputedTooEarly(int i, Dispute d, Instant evaluatedAt) {
    return "disputes["
        + i
        + "].raisedAt "
        + d.raisedAt()
        + " must not be before the evaluation's evaluatedAt ("
        + evaluatedAt
        + ")";
  }

  /**
   * Scores the answers against the checklist and pins the evaluation to its version, {@code
   * O(criteria + answers)}.
   *
   * @param checklist the checklist (version) used
   * @param interactionId the evaluated call, chat or email (an id: not blank, at most 128
   *     characters, no control characters)
   * @param agentId the evaluated agent (an id)
   * @param reviewerId the reviewer (an id)
   * @param evaluatedAt when the evaluation was made, in {@code [1900, 2300)} (UTC years)
   * @param answers answers by criterion id
   * @return the evaluation
   * @throws IllegalArgumentException on a bad id, instant or answer (see {@link
   *     Checklist#score(Map)}), naming the field
   */
  public static Evaluation of(
      Checklist checklist,
      String interactionId,
      String agentId,
      String reviewerId,
      Instant evaluatedAt,
      Map<String, Answer> answers) {
    return of(
        checklist,
        interactionId,
        agentId,
        reviewerId,
        evaluatedAt,
        answers,
        Map.of(),
        List.of(),
        List.of());
  }

  /**
   * The full factory (also used by {@link EvaluationJson}): scores the answers and validates
   * comments, disputes and revisions, {@code O(criteria + answers + comments + disputes +
   * revisions)}.
   *
   * @param checklist the checklist (version) of the current answers
   * @param interactionId the evaluated call, chat or email (an id: not blank, at most 128
   *     characters, no control characters)
   * @param agentId the evaluated agent (an id)
   * @param reviewerId the reviewer (an id)
   * @param evaluatedAt when the evaluation was first made, in {@code [1900, 2300)} (UTC years)
   * @param answers current answers by criterion id
   * @param comments reviewer comments by criterion id (criteria of the checklist; texts non-blank,
   *     at most {@value Dispute#MAX_TEXT} characters)
   * @param disputes disputes, oldest first; a disputed criterion must be on the checklist, and a
   *     dispute is raised at or after {@code evaluatedAt}
   * @param revisions earlier states, oldest first, none before {@code evaluatedAt} or before the
   *     previous one
   * @return the evaluation
   * @throws IllegalArgumentException on a bad answer, comment, dispute or revision, naming it
   */
  public static Evaluation of(
      Checklist checklist,
      String interactionId,
      String agentId,
      String reviewerId,
      Instant evaluatedAt,
      Map<String, Answer> answers,
      Map<String, String> comments,
      List<Dispute> disputes,
      List<Revision> revisions) {
    Objects.requireNonNull(checklist, "checklist");
    Objects.requireNonNull(interactionId, "interactionId");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(reviewerId, "reviewerId");
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    Objects.requireNonNull(answers, "answers");
    Objects.requireNonNull(comments, "comments");
    Objects.requireNonNull(disputes, "disputes");
    Objects.requireNonNull(revisions, "revisions");
    return new Evaluation(
        interactionId,
        agentId,
        reviewerId,
        evaluatedAt,
        checklist,
        answers,
        comments,
        disputes,
        revisions);
  }

  /**
   * This evaluation with a dispute added.
   *
   * @param dispute the dispute
   * @param checklist the checklist of this evaluation's version (to re-validate)
   * @return a new evaluation
   * @throws IllegalArgumentException if the checklist is not this evaluation's version or the
   *     disputed criterion is unknown
   */
  public Evaluation withDispute(Dispute dispute, Checklist checklist) {
    Objects.requireNonNull(dispute, "dispute");
    requireMadeWith(checklist);
    List<Dispute> ds = new ArrayList<>(disputes);
    ds.add(dispute);
    return of(
        checklist,
        interactionId,
        agentId,
        reviewerId,
        evaluatedAt,
        answers,
        comments,
        ds,
        revisions);
  }

  /**
   * This evaluation with one dispute replaced (typically by its {@link Dispute#resolve resolved}
   * form).
   *
   * @param index the position in {@link #disputes()}
   * @param dispute the replacement
   * @param checklist the checklist of this evaluation's version
   * @return a new evaluation
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public Evaluation withDispute(int index, Dispute dispute, Checklist checklist) {
    Objects.requireNonNull(dispute, "dispute");
    requireMadeWith(checklist);
    List<Dispute> ds = new ArrayList<>(disputes);
    ds.set(index, dispute);
    return of(
        checklist,
        interactionId,
        agentId,
        reviewerId,
        evaluatedAt,
        answers,
        comments,
        ds,
        revisions);
  }

  /**
   * Revises (re-scores) this evaluation with new answers, keeping the replaced state as a {@link
   * Revision}. Comments on criteria missing from the new checklist are dropped only if {@code
   * comments} says so: the new comments replace the old ones.
   *
   * @param checklist the checklist for the new answers (same id; any version)
   * @param newAnswers the new answers
   * @param newComments the new comments
   * @param revisedBy who revised it
   * @param revisedAt when, not before the evaluation or its last revision, before 2300 (UTC)
   * @param reason why
   * @return the revised evaluation
   * @throws IllegalArgumentException if the checklist id differs or anything is invalid
   */
  public Evaluation revise(
      Checklist checklist,
      Map<String, Answer> newAnswers,
      Map<String, String> newComments,
      String revisedBy,
      Instant revisedAt,
      String reason) {
    Objects.requireNonNull(checklist, "checklist");
    Objects.requireNonNull(newAnswers, "newAnswers");
    Objects.requireNonNull(newComments, "newComments");
    Objects.requireNonNull(revisedBy, "revisedBy");
    Objects.requireNonNull(revisedAt, "revisedAt");
    Objects.requireNonNull(reason, "reason");
    requireSameChecklist(checklist, "revise");
    List<Revision> rs = new ArrayList<>(revisions);
    rs.add(new Revision(revisedAt, revisedBy, reason, checklistVersion, answers, result.score()));
    return of(
        checklist,
        interactionId,
        agentId,
        reviewerId,
        evaluatedAt,
        newAnswers,
        newComments,
        disputes,
        rs);
  }

  private void requireMadeWith(Checklist checklist) {
    Objects.requireNonNull(checklist, "checklist");
    if (!madeWith(checklist)) {
      throw new IllegalArgumentException(
          "checklist '"
              + excerpt(checklist.id())
              + "' v"
              + checklist.version()
              + " is not the version of this evaluation ('"
              + checklistId
              + "' v"
              + checklistVersion
              + ")");
    }
  }

  private void requireSameChecklist(Checklist checklist, String verb) {
    if (!checklist.id().equals(checklistId)) {
      throw new IllegalArgumentException(
          "cannot "
              + verb
              + " an evaluation of checklist '"
              + checklistId
              + "' with checklist '"
              + excerpt(checklist.id())
              + "'");
    }
  }

  /**
   * Explicitly rescores the same answers against another checklist version. Comments on criteria
   * the version lacks are dropped; answers and disputes are kept, so a version that lacks an
   * answered or disputed criterion is refused (to drop answers, {@link #revise} with the answers
   * the new version takes: the replaced state stays as a {@link Revision}).
   *
   * @param checklist a checklist with the same id
   * @return a new evaluation pinned to {@code checklist}'s version
   * @throws IllegalArgumentException if the checklist id differs or the answers or disputes do not
   *     fit it, naming the criterion
   */
  public Evaluation rescore(Checklist checklist) {
    Objects.requireNonNull(checklist, "checklist");
    requireSameChecklist(checklist, "rescore");
    Map<String, String> kept = new LinkedHashMap<>();
    Set<String> ids = new HashSet<>();
    checklist.criteria().forEach(c -> ids.add(c.id()));
    comments.forEach(
        (k, v) -> {
          if (ids.contains(k)) {
            kept.put(k, v);
          }
        });
    return of(
        checklist,
        interactionId,
        agentId,
        reviewerId,
        evaluatedAt,
        answers,
        kept,
        disputes,
        revisions);
  }

  /**
   * Whether this evaluation was made with the given checklist version.
   *
   * @param checklist a checklist
   * @return true if id and version match
   */
  public boolean madeWith(Checklist checklist) {
    return checklist.id().equals(checklistId) && checklist.version() == checklistVersion;
  }

  /**
   * The interaction id.
   *
   * @return the interaction id
   */
  public String interactionId() {
    return interactionId;
  }

  /**
   * The agent id.
   *
   * @return the agent id
   */
  public String agentId() {
    return agentId;
  }

  /**
   * The reviewer id.
   *
   * @return the reviewer id
   */
  public String reviewerId() {
    return reviewerId;
  }

  /**
   * When the evaluation was made.
   *
   * @return the instant
   */
  public Instant evaluatedAt() {
    return evaluatedAt;
  }

  /**
   * The id of the checklist used.
   *
   * @return the checklist id
   */
  public String checklistId() {
    return checklistId;
  }

  /**
   * The version of the checklist used.
   *
   * @return the version
   */
  public int checklistVersion() {
    return checklistVersion;
  }

  /**
   * The answers, in the order given.
   *
   * @return an unmodifiable map
   */
  public Map<String, Answer> answers() {
    return answers;
  }

  /**
   * Reviewer comments by criterion id.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> comments() {
    return comments;
  }

  /**
   * Disputes, oldest first.
   *
   * @return an unmodifiable list
   */
  public List<Dispute> disputes() {
    return disputes;
  }

  /**
   * Earlier states replaced by {@link #revise}, oldest first.
   *
   * @return an unmodifiable list
   */
  public List<Revision> revisions() {
    return revisions;
  }

  /**
   * The stored result.
   *
   * @return the result
   */
  public ScoreResult result() {
    return result;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Evaluation e
        && interactionId.equals(e.interactionId)
        && agentId.equals(e.agentId)
        && reviewerId.equals(e.reviewerId)
        && evaluatedAt.equals(e.evaluatedAt)
        && checklistId.equals(e.checklistId)
        && checklistVersion == e.checklistVersion
        && answers.equals(e.answers)
        && result.equals(e.result)
        && comments.equals(e.comments)
        && disputes.equals(e.disputes)
        && revisions.equals(e.revisions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        interactionId, agentId, reviewerId, evaluatedAt, checklistId, checklistVersion);
  }

  @Override
  public String toString() {
    return "Evaluation["
        + interactionId
        + ", agent="
        + agentId
        + ", reviewer="
        + reviewerId
        + ", "
        + checklistId
        + " v"
        + checklistVersion
        + ", score="
        + result.score().map(java.math.BigDecimal::toPlainString).orElse("N/A")
        + "]";
  }
}
