package dev.servicekit.qa;

/**
 * What happens when a critical criterion fails (its answer earns fewer points than its pass mark).
 *
 * <p>Immutable and thread-safe.
 */
public enum Criticality {
  /** Not critical. */
  NONE,
  /** A failure sets the whole evaluation's score to 0 (auto-fail). */
  FAIL_FORM,
  /**
   * A failure sets the score of the criterion's section, and its share of the total, to 0; the
   * bonus criteria of that section add nothing either.
   */
  FAIL_SECTION,
  /** A failure is recorded in the result but changes no score. */
  RECORD_ONLY
}
