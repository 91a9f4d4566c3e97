package dev.servicekit.qa;

import dev.servicekit.qa.internal.Ids;
import dev.servicekit.qa.internal.Instants;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A dispute of an evaluation (by the agent or a team lead), about the whole evaluation or one
 * criterion, and how it was resolved.
 *
 * <p>Its ids ({@code raisedBy}, {@code criterionId}, {@code resolvedBy}) follow the id rule of
 * checklist ids: not blank, at most 128 characters, no control characters or unpaired surrogates.
 * Its instants lie in {@code [1900-01-01T00:00:00Z, 2300-01-01T00:00:00Z)}, as an {@link
 * Evaluation}'s.
 *
 * <p>Immutable and thread-safe.
 *
 * @param raisedBy who raised it; an id
 * @param raisedAt when it was raised, in {@code [1900, 2300)} (UTC years)
 * @param criterionId the disputed criterion; empty for the whole evaluation
 * @param reason why; not blank (whitespace, Unicode spaces such as the no-break space and
 *     zero-width characters alone are blank), at most {@value #MAX_TEXT} characters
 * @param status open, upheld or rejected
 * @param resolvedBy who resolved it, an id; present exactly when the status is not {@link
 *     Status#OPEN}
 * @param resolvedAt when it was resolved, not before {@code raisedAt}, before 2300 (UTC); present
 *     exactly when the status is not {@link Status#OPEN}
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
   * @throws IllegalArgumentException naming the field, if an id or text is blank, too long or holds
   *     a control character, an instant is outside {@code [1900, 2300)}, or the resolution does not
   *     match the status
   */
  public Dispute {
    Objects.requireNonNull(raisedBy, "raisedBy");
    Objects.requireNonNull(raisedAt, "raisedAt");
    Objects.requireNonNull(criterionId, "criterionId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(resolvedBy, "resolvedBy");
    Objects.requireNonNull(resolvedAt, "resolvedAt");
    Ids.require(raisedBy, "raisedBy");
    Instants.require(raisedAt, "raisedAt");
    criterionId.ifPresent(c -> Ids.require(c, "criterionId"));
    text(reason, "reason");
    resolvedBy.ifPresent(r -> Ids.require(r, "resolvedBy"));
    resolvedAt.ifPresent(r -> Instants.require(r, "resolvedAt"));
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
    // blank by the id rule: a no-break space or a zero-width character alone says nothing either
    if (dev.servicekit.qa.internal.Ids.blank(s) || s.length() > MAX_TEXT) {
      throw new IllegalArgumentException(
          field
              + " must be non-blank and at most "
              + MAX_TEXT
              + " characters ("
              + s.length()
              + ")");
    }
    int bad = dev.servicekit.qa.internal.Ids.unpairedSurrogate(s); // lines allowed; UTF-8 not
    if (bad >= 0) {
      throw new IllegalArgumentException(
          field
              + " has an unpaired surrogate at index "
              + bad
              + " of "
              + s.length()
              + " characters: text must be well-formed UTF-16 (it is written as UTF-8, where a"
              + " lone surrogate becomes '?')");
    }
    return s;
  }
}
