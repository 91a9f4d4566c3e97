package dev.servicekit.qa;

import dev.servicekit.qa.internal.Excerpts;
import dev.servicekit.qa.internal.Ids;
import dev.servicekit.qa.internal.Instants;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An earlier state of a revised (re-scored) evaluation: the answers and score it had before a
 * revision, the checklist version they were scored with, and who revised it, when and why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param revisedAt when the evaluation was revised away from this state, in {@code [1900, 2300)}
 *     (UTC years)
 * @param revisedBy who revised it; an id (not blank, at most 128 characters, no control characters
 *     or unpaired surrogates)
 * @param reason why (e.g. an upheld dispute); not blank
 * @param checklistVersion the checklist version of this state, {@code >= 1}
 * @param answers the answers of this state (copied)
 * @param score the final score of this state; empty if unscored
 */
public record Revision(
    Instant revisedAt,
    String revisedBy,
    String reason,
    int checklistVersion,
    Map<String, Answer> answers,
    Optional<BigDecimal> score) {

  /**
   * Validates and copies the components.
   *
   * @throws IllegalArgumentException naming the field, if an id or text is blank or too long, an id
   *     holds a control character, the instant is outside {@code [1900, 2300)}, the version is
   *     below 1 or an answer is null (naming its criterion)
   */
  public Revision {
    Objects.requireNonNull(revisedAt, "revisedAt");
    Objects.requireNonNull(revisedBy, "revisedBy");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(answers, "answers");
    Objects.requireNonNull(score, "score");
    Instants.require(revisedAt, "revisedAt");
    Ids.require(revisedBy, "revisedBy");
    Dispute.text(reason, "reason");
    if (checklistVersion < 1) {
      throw new IllegalArgumentException("checklistVersion " + checklistVersion + " must be >= 1");
    }
    answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
    answers.forEach(
        (k, v) -> {
          Ids.require(k, "answers criterion id");
          if (v == null) {
            // refused naming the criterion, as Checklist.score refuses a null answer
            throw new IllegalArgumentException(
                "answer to criterion "
                    + Excerpts.quote(k)
                    + " is null: leave it out or give Answer.notApplicable()");
          }
        });
    Objects.requireNonNull(score, "score");
  }
}
