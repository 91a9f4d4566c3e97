package dev.servicekit.kpi.internal;

/**
 * A broken rule of an accumulator's state: the field, its value and the rule, in the form {@code
 * SnapshotCodec.Input.invalid} takes. One check per accumulator returns it, so that the snapshot
 * reader and {@code retract} refuse exactly the same states: a retraction can never leave a state
 * whose own snapshot would be refused. Not API. Immutable and thread-safe.
 *
 * @param field the snapshot field, e.g. {@code "totalMillis"}
 * @param value its value in the state
 * @param rule what it must be, e.g. {@code "must be 0 when count is 0"}
 */
public record Violation(String field, long value, String rule) {

  /**
   * The refusal of a retraction that would leave this violation.
   *
   * @param what the retraction, e.g. {@code "duration 5 ms"}
   * @return the exception to throw, before anything changed
   */
  public IllegalArgumentException refuseRetraction(String what) {
    return new IllegalArgumentException(
        "cannot retract "
            + what
            + ": it was never added as one, since afterwards "
            + field
            + " would be "
            + value
            + " but "
            + rule);
  }
}
