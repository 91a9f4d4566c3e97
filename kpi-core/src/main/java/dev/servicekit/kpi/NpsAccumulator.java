package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.StateSink;
import dev.servicekit.kpi.internal.StateSource;

/**
 * Accumulates 0..10 "how likely are you to recommend" answers into an {@link NpsResult}.
 *
 * <p>Three counters; {@code add}, {@code retract}, {@code merge} O(1) without allocation.
 * Retractable. Not thread-safe.
 */
public final class NpsAccumulator
    implements KpiAccumulator<NpsAccumulator, NpsResult>, IntRetractable {

  static final int KIND = 2;

  private long promoters;
  private long passives;
  private long detractors;

  private NpsAccumulator() {}

  /**
   * Creates an empty accumulator.
   *
   * @return a new accumulator
   */
  public static NpsAccumulator create() {
    return new NpsAccumulator();
  }

  /**
   * Adds one answer. O(1).
   *
   * @param score 0..10
   * @throws IllegalArgumentException if the score is outside 0..10
   */
  @Override
  public void add(int score) {
    if (score >= 9 && score <= 10) {
      promoters++;
    } else if (score >= 7 && score <= 8) {
      passives++;
    } else if (score >= 0 && score <= 6) {
      detractors++;
    } else {
      throw outOfRange(score);
    }
  }

  /**
   * Removes one answer previously added. O(1).
   *
   * @param score 0..10
   * @throws IllegalArgumentException if the score is outside 0..10 or its category is empty
   */
  @Override
  public void retract(int score) {
    if (score >= 9 && score <= 10) {
      promoters = decrement(promoters, score);
    } else if (score >= 7 && score <= 8) {
      passives = decrement(passives, score);
    } else if (score >= 0 && score <= 6) {
      detractors = decrement(detractors, score);
    } else {
      throw outOfRange(score);
    }
  }

  private static long decrement(long n, int score) {
    if (n == 0) {
      throw new IllegalArgumentException(
          "cannot retract NPS score " + score + ": no such answer was added");
    }
    return n - 1;
  }

  private static IllegalArgumentException outOfRange(int score) {
    return new IllegalArgumentException("NPS score " + score + " is outside 0..10");
  }

  @Override
  public void merge(NpsAccumulator other) {
    promoters = Math.addExact(promoters, other.promoters);
    passives = Math.addExact(passives, other.passives);
    detractors = Math.addExact(detractors, other.detractors);
  }

  @Override
  public NpsAccumulator copy() {
    NpsAccumulator c = new NpsAccumulator();
    c.merge(this);
    return c;
  }

  @Override
  public NpsResult result() {
    return new NpsResult(promoters, passives, detractors);
  }

  @Override
  public boolean isEmpty() {
    return promoters == 0 && passives == 0 && detractors == 0;
  }

  @Override
  public byte[] toBytes() {
    return KpiSnapshots.toBytes(this);
  }

  void writeState(StateSink out) {
    out.putLong("promoters", promoters);
    out.putLong("passives", passives);
    out.putLong("detractors", detractors);
  }

  static NpsAccumulator readState(StateSource in) {
    NpsAccumulator a = new NpsAccumulator();
    a.promoters = in.getCount("promoters");
    a.passives = in.getCount("passives");
    a.detractors = in.getCount("detractors");
    return a;
  }

  @Override
  public String toString() {
    return "NpsAccumulator" + result();
  }
}
