package dev.servicekit.qa;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One supervisor's evaluation of one interaction, pinned to the checklist version it was scored
 * with.
 *
 * <p>The result is computed once, at creation, and stored: changing a checklist (a new version)
 * never rescores history. Rescoring is explicit ({@link #rescore(Checklist)}) and yields a new
 * evaluation pinned to the new version.
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

  private Evaluation(
      String interactionId,
      String agentId,
      String reviewerId,
      Instant evaluatedAt,
      Checklist checklist,
      Map<String, Answer> answers) {
    this.interactionId = Objects.requireNonNull(interactionId, "interactionId");
    this.agentId = Objects.requireNonNull(agentId, "agentId");
    this.reviewerId = Objects.requireNonNull(reviewerId, "reviewerId");
    this.evaluatedAt = Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    this.checklistId = checklist.id();
    this.checklistVersion = checklist.version();
    this.answers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(answers));
    this.result = checklist.score(this.answers);
  }

  /**
   * Scores the answers against the checklist and pins the evaluation to its version, {@code
   * O(criteria + answers)}.
   *
   * @param checklist the checklist (version) used
   * @param interactionId the evaluated call, chat or email
   * @param agentId the evaluated agent
   * @param reviewerId the reviewer
   * @param evaluatedAt when the evaluation was made
   * @param answers answers by criterion id
   * @return the evaluation
   * @throws IllegalArgumentException on a bad answer (see {@link Checklist#score(Map)})
   */
  public static Evaluation of(
      Checklist checklist,
      String interactionId,
      String agentId,
      String reviewerId,
      Instant evaluatedAt,
      Map<String, Answer> answers) {
    Objects.requireNonNull(checklist, "checklist");
    Objects.requireNonNull(answers, "answers");
    return new Evaluation(interactionId, agentId, reviewerId, evaluatedAt, checklist, answers);
  }

  /**
   * Explicitly rescores the same answers against another checklist version.
   *
   * @param checklist a checklist with the same id
   * @return a new evaluation pinned to {@code checklist}'s version
   * @throws IllegalArgumentException if the checklist id differs or the answers do not fit it
   */
  public Evaluation rescore(Checklist checklist) {
    Objects.requireNonNull(checklist, "checklist");
    if (!checklist.id().equals(checklistId)) {
      throw new IllegalArgumentException(
          "cannot rescore an evaluation of checklist '"
              + checklistId
              + "' with checklist '"
              + checklist.id()
              + "'");
    }
    return new Evaluation(interactionId, agentId, reviewerId, evaluatedAt, checklist, answers);
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
        && result.equals(e.result);
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
