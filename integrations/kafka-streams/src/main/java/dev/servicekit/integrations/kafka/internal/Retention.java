package dev.servicekit.integrations.kafka.internal;

import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaPolicySet;

/**
 * When a ticket's clock state may be released: the rule of state retention. Not API. Stateless and
 * thread-safe.
 */
public final class Retention {

  private Retention() {}

  /**
   * Whether the ticket evaluated as {@code ev} is finished: its status is one of the set's solved
   * statuses, no transition is ahead ({@link SlaEvaluation#nextTransition()} is empty) and every
   * cycle has stopped. Only a new event can change such a ticket's output (a reopen, a new
   * message), so its state can be released once no event came for the retention. {@code O(cycles)}.
   *
   * @param set the policy set the clock runs
   * @param ev an evaluation of the ticket
   * @return true if finished
   */
  public static boolean finished(SlaPolicySet set, SlaEvaluation ev) {
    if (!set.solvedStatuses().contains(ev.status()) || ev.nextTransition().isPresent()) {
      return false;
    }
    for (MetricCycle c : ev.cycles()) {
      if (c.stop().isEmpty()) {
        return false;
      }
    }
    return true;
  }
}
