package dev.servicekit.qa;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A dispute of an evaluation (by the agent or a team lead), about the whole evaluation or one
 * criterion, and how it was resolved.
 *
 * <p>Immutable and thread-safe.
 *
 * @param raisedBy who raised it; not blank
 * @param raisedAt when it was raised
 * @param criterionId the disputed criterion; empty for the whole evaluation
 * @param reason why; not blank, at most {@value #MAX_TEXT} characters
 * @param status open, upheld or rejected
 * @param resolvedBy who resolved it; present exactly when the status is not {@link Status#OPEN}
 * @param resolvedAt when it was resolved, not before {@code raisedAt}; present exactly when the
 *     status is not {@link Status#OPEN}
 */
public record Dispute(
    String raisedBy,
    Instant raisedAt,
    Optional<String> criterionId,
    String reason,
    Status status,
    Optional<String> resolvedBy,
    Optional<Instant> resolvedAt) {

  /** Longest accepted reason or comment, in characters. */
  public static final int MAX_TEXT = 10_000;

  /** The state of a dispute. */
  public enum Status {
    /** Not yet resolved. */
    OPEN,
    /** Accepted: the evaluation was (or is to be) revised. */
    UPHELD,
    /** Rejected: the evaluation stands. */
    REJECTED
  }

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException naming the field, if a text is blank or too long, or the
   *     resolution does not match the status
   */
  public Dispute {
    Objects.requireNonNull(raisedBy, "raisedBy");
    Objects.requireNonNull(raisedAt, "raisedAt");
    Objects.requireNonNull(criterionId, "criterionId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(resolvedBy, "resolvedBy");
    Objects.requireNonNull(resolvedAt, "resolvedAt");
    text(raisedBy, "raisedBy");
    criterionId.ifPresent(c -> text(c, "criterionId"));
    text(reason, "reason");
    resolvedBy.ifPresent(r -> text(r, "resolvedBy"));
    boolean open = status == Status.OPEN;
    if (open != resolvedBy.isEmpty() || open != resolvedAt.isEmpty()) {
      throw new IllegalArgumentException(
          "a dispute with status "
              + status
              + (open ? " must not have" : " must have")
              + " resolvedBy and resolvedAt");
    }
    if (resolvedAt.isPresent() && resolvedAt.get().isBefore(raisedAt)) {
      throw new IllegalArgumentException(
          "resolvedAt " + resolvedAt.get() + " must not be before raisedAt " + raisedAt);
    }
  }

  /**
   * An open dispute.
   *
   * @param raisedBy who raised it
   * @param raisedAt when
   * @param criterionId the disputed criterion; empty for the whole evaluation
   * @param reason why
   * @return the dispute
   */
  public static Dispute open(
      String raisedBy, Instant raisedAt, Optional<String> criterionId, String reason) {
    return new Dispute(
        raisedBy, raisedAt, criterionId, reason, Status.OPEN, Optional.empty(), Optional.empty());
  }

  /**
   * This dispute resolved.
   *
   * @param outcome {@link Status#UPHELD} or {@link Status#REJECTED}
   * @param by who resolved it
   * @param at when, not before it was raised
   * @return the resolved dispute
   * @throws IllegalArgumentException if this dispute is not open or the outcome is OPEN
   */
  public Dispute resolve(Status outcome, String by, Instant at) {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
    if (status != Status.OPEN || outcome == Status.OPEN) {
      throw new IllegalArgumentException(
          "only an open dispute can be resolved, to UPHELD or REJECTED (was "
              + status
              + ", outcome "
              + outcome
              + ")");
    }
    return new Dispute(
        raisedBy, raisedAt, criterionId, reason, outcome, Optional.of(by), Optional.of(at));
  }

  static String text(String s, String field) {
    Objects.requireNonNull(s, field);
    if (s.isBlank() || s.length() > MAX_TEXT) {
      throw new IllegalArgumentException(
          field
              + " must be non-blank and at most "
              + MAX_TEXT
              + " characters ("
              + s.length()
              + ")");
    }
    return s;
  }
}
