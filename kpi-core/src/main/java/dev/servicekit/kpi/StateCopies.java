package dev.servicekit.kpi;

/**
 * Saves and restores the state of a built-in accumulator, so that {@link WindowedKpi} can undo an
 * update that its all-time accumulator accepted and its window accumulator refused, or that failed
 * part-way: the counting kinds are copied into a spare of the same kind and configuration without
 * allocating; a {@link PercentileAccumulator}, whose sketch is not copied per update, notes its
 * changes in its journal and reverses them. Stateless and thread-safe.
 */
final class StateCopies {

  private StateCopies() {}

  /**
   * Saves {@code acc}'s state before an update: starts a percentile sketch's journal, or copies a
   * counting kind into {@code spare}.
   *
   * @return false (nothing saved, the update cannot be undone) for other accumulators
   */
  static boolean save(Object acc, Object spare) {
    if (acc instanceof PercentileAccumulator p) {
      p.startJournal();
      return true;
    }
    return copy(acc, spare);
  }

  /** Puts back the state {@link #save} saved of {@code acc} (in {@code spare}, for a copy). */
  static void restore(Object spare, Object acc) {
    if (acc instanceof PercentileAccumulator p) {
      p.undoJournal();
    } else {
      copy(spare, acc);
    }
  }

  /** Ends what {@link #save} started, once the update succeeded. */
  static void release(Object acc) {
    if (acc instanceof PercentileAccumulator p) {
      p.stopJournal();
    }
  }

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
