package dev.servicekit.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * First contact resolution (FCR) and repeat-contact rate by a repeat-contact window: a contact is
 * resolved on first contact when the same customer does not contact again within the window (e.g. 7
 * days) after it. Feeds an {@link OutcomeAccumulator}: positive = resolved on first contact,
 * negative = followed by a repeat contact, so FCR % = positive share and repeat-contact rate =
 * negative share.
 *
 * <p>Out-of-order arrival is handled: when a contact arrives, the customer's previous contact is
 * re-classified (its outcome retracted and re-added) if the new one falls within its window. A
 * contact's outcome is provisional until its window has passed; the counts are always exactly those
 * of the contacts seen so far.
 *
 * <p>Memory: the contact times of each customer; {@link #evictBefore(Instant)} forgets contacts
 * older than a cut-off once no earlier contact can arrive (their outcomes stay counted). {@code
 * contact} is O(log contacts of the customer). Not thread-safe.
 *
 * @param <C> the customer key type
 */
public final class RepeatContactTracker<C> {

  private final Duration window;
  private final OutcomeAccumulator outcomes;
  private final Map<C, TreeSet<Instant>> contacts = new HashMap<>();

  private RepeatContactTracker(Duration window, OutcomeAccumulator outcomes) {
    this.window = window;
    this.outcomes = outcomes;
  }

  /**
   * Creates a tracker.
   *
   * @param window the repeat-contact window, positive
   * @return a new tracker with an empty {@link OutcomeAccumulator}
   * @param <C> the customer key type
   * @throws IllegalArgumentException if the window is not positive
   */
  public static <C> RepeatContactTracker<C> create(Duration window) {
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window " + window + " must be positive");
    }
    return new RepeatContactTracker<>(window, OutcomeAccumulator.create());
  }

  /**
   * Returns the outcomes (FCR = positive share).
   *
   * @return the accumulator; do not add to it directly
   */
  public OutcomeAccumulator outcomes() {
    return outcomes;
  }

  private boolean repeats(Instant earlier, Instant later) {
    return later != null && earlier != null && !later.isAfter(earlier.plus(window));
  }

  /**
   * Records a contact. A contact at the same instant as a known one of the same customer is a
   * duplicate and ignored.
   *
   * @param customer the customer
   * @param at when the contact started
   * @return {@code false} if it was a duplicate
   */
  public boolean contact(C customer, Instant at) {
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(at, "at");
    TreeSet<Instant> times = contacts.computeIfAbsent(customer, k -> new TreeSet<>());
    if (!times.add(at)) {
      return false;
    }
    Instant prev = times.lower(at);
    Instant next = times.higher(at);
    if (prev != null && repeats(prev, at) && !repeats(prev, next)) {
      outcomes.retract(true);
      outcomes.add(false);
    }
    outcomes.add(!repeats(at, next));
    return true;
  }

  /**
   * Forgets contacts before {@code cutoff} (their outcomes stay counted) to bound memory; the
   * latest contact of each customer within a window of the cut-off is kept so later contacts still
   * re-classify it. O(customers + removed).
   *
   * @param cutoff contacts before {@code cutoff - window} are dropped
   */
  public void evictBefore(Instant cutoff) {
    Instant limit = Objects.requireNonNull(cutoff, "cutoff").minus(window);
    contacts.values().forEach(s -> s.headSet(limit).clear());
    contacts.values().removeIf(TreeSet::isEmpty);
  }
}
