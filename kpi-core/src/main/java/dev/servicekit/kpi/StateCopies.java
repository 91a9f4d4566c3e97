package dev.servicekit.kpi;

/**
 * Copies the state of a built-in accumulator into another of the same kind and configuration
 * without allocating, so that {@link WindowedKpi} can undo an update that its all-time accumulator
 * accepted and its window accumulator refused. Stateless and thread-safe.
 */
final class StateCopies {

  private StateCopies() {}

  /**
   * Overwrites {@code to}'s state with {@code from}'s if both are of one built-in retractable kind.
   *
   * @return false (nothing done) for other accumulators
   */
  static boolean copy(Object from, Object to) {
    if (from.getClass() != to.getClass()) {
      return false;
    }
    if (from instanceof DurationAccumulator a) {
      a.copyStateTo((DurationAccumulator) to);
    } else if (from instanceof HandleTimeAccumulator a) {
      a.copyStateTo((HandleTimeAccumulator) to);
    } else if (from instanceof AgentTimeAccumulator a) {
      a.copyStateTo((AgentTimeAccumulator) to);
    } else if (from instanceof ServiceLevelAccumulator a) {
      a.copyStateTo((ServiceLevelAccumulator) to);
    } else if (from instanceof RatingAccumulator a) {
      a.copyStateTo((RatingAccumulator) to);
    } else if (from instanceof NpsAccumulator a) {
      a.copyStateTo((NpsAccumulator) to);
    } else if (from instanceof OutcomeAccumulator a) {
      a.copyStateTo((OutcomeAccumulator) to);
    } else if (from instanceof BacklogAccumulator a) {
      a.copyStateTo((BacklogAccumulator) to);
    } else if (from instanceof CostAccumulator a) {
      a.copyStateTo((CostAccumulator) to);
    } else if (from instanceof ProductivityAccumulator a) {
      a.copyStateTo((ProductivityAccumulator) to);
    } else {
      return false;
    }
    return true;
  }
}
