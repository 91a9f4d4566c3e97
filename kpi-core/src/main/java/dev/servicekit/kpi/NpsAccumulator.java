package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.Overflow;
import java.util.Objects;

/**
 * Accumulates 0..10 "how likely are you to recommend" answers into an {@link NpsResult}.
 *
 * <p>Three counters; {@code add}, {@code retract}, {@code merge} O(1) without allocation.
 * Retractable. Not thread-safe.
 */
public final class NpsAccumulator
    implements KpiAccumulator<NpsAccumulator, NpsResult>, IntRetractable {

  private static final SnapshotCodec<NpsAccumulator> CODEC =
      new BuiltInCodec<>(
          "nps", NpsAccumulator.class, NpsAccumulator::writeState, NpsAccumulator::readState);

  /**
   * The snapshot codec of this kind, {@code "nps"}; {@link KpiSnapshots} finds it through {@link
   * java.util.ServiceLoader}.
   *
   * @return the codec
   */
  public static SnapshotCodec<NpsAccumulator> snapshotCodec() {
    return CODEC;
  }

  private static final int PROMOTERS = 0;
  private static final int PASSIVES = 1;
  private static final int DETRACTORS = 2;
  private static final byte[] CATEGORY = {2, 2, 2, 2, 2, 2, 2, 1, 1, 0, 0};
  private static final String[] CATEGORY_NAMES = {"promoter", "passive", "detractor"};

  private final long[] counts = new long[3];

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
   * @throws ArithmeticException if the count of responses would overflow a {@code long}; nothing is
   *     changed
   */
  @Override
  public void add(int score) {
    if (score < 0 || score > 10) {
      throw outOfRange(score);
    }
    // table lookup instead of a 3-way branch: survey scores are unpredictable
    int c = CATEGORY[score];
    Overflow.add(total(counts[0], counts[1], counts[2]), 1, "responses"); // must stay a long
    counts[c]++;
  }

  /** The number of responses, which the accumulator keeps within a long so results never wrap. */
  private static long total(long promoters, long passives, long detractors) {
    return Math.addExact(Math.addExact(promoters, passives), detractors);
  }

  /**
   * Removes one answer previously added. O(1).
   *
   * @param score 0..10
   * @throws IllegalArgumentException if the score is outside 0..10 or its category is empty
   */
  @Override
  public void retract(int score) {
    if (score < 0 || score > 10) {
      throw outOfRange(score);
    }
    int c = CATEGORY[score];
    if (counts[c] == 0) {
      throw new IllegalArgumentException(
          "cannot retract NPS score "
              + score
              + ": no such answer was added ("
              + CATEGORY_NAMES[c]
              + " answers held: 0)");
    }
    counts[c]--;
  }

  /**
   * Checks that {@code score} is an NPS answer, 0..10, without changing anything. O(1).
   *
   * @param score the answer
   * @throws IllegalArgumentException if the score is outside 0..10
   */
  @Override
  public void checkValue(int score) {
    if (score < 0 || score > 10) {
      throw outOfRange(score);
    }
  }

  private static IllegalArgumentException outOfRange(int score) {
    return new IllegalArgumentException("NPS score " + score + " is outside 0..10");
  }

  @Override
  public void merge(NpsAccumulator other) {
    Objects.requireNonNull(other, "other");
    // validate all three sums before assigning any; locals also make a.merge(a) double a
    long p = Overflow.add(counts[0], other.counts[0], "promoters");
    long q = Overflow.add(counts[1], other.counts[1], "passives");
    long r = Overflow.add(counts[2], other.counts[2], "detractors");
    total(p, q, r);
    counts[0] = p;
    counts[1] = q;
    counts[2] = r;
  }

  @Override
  public NpsAccumulator copy() {
    NpsAccumulator c = new NpsAccumulator();
    c.merge(this);
    return c;
  }

  @Override
  public NpsResult result() {
    return new NpsResult(counts[PROMOTERS], counts[PASSIVES], counts[DETRACTORS]);
  }

  @Override
  public boolean isEmpty() {
    return counts[0] == 0 && counts[1] == 0 && counts[2] == 0;
  }

  /**
   * Decodes a binary snapshot of this kind ({@link #toBytes()}); the same as {@link
   * KpiSnapshots#fromBytes(byte[], Class)} with this class.
   *
   * @param bytes the snapshot
   * @return the restored accumulator
   * @throws IllegalArgumentException if the snapshot is corrupted, truncated, malformed or of
   *     another kind or version
   */
  public static NpsAccumulator fromBytes(byte[] bytes) {
    return KpiSnapshots.fromBytes(bytes, NpsAccumulator.class);
  }

  /**
   * Decodes a JSON snapshot of this kind ({@link #toJson()}); the same as {@link
   * KpiSnapshots#fromJson(String, Class)} with this class.
   *
   * @param json the JSON text
   * @return the restored accumulator
   * @throws IllegalArgumentException if malformed or of another kind; the message names the JSON
   *     path, line and column
   */
  public static NpsAccumulator fromJson(String json) {
    return KpiSnapshots.fromJson(json, NpsAccumulator.class);
  }

  @Override
  public byte[] toBytes() {
    return KpiSnapshots.toBytes(this);
  }

  void writeState(SnapshotCodec.Output out) {
    out.putLong("promoters", counts[PROMOTERS]);
    out.putLong("passives", counts[PASSIVES]);
    out.putLong("detractors", counts[DETRACTORS]);
  }

  static NpsAccumulator readState(SnapshotCodec.Input in) {
    NpsAccumulator a = new NpsAccumulator();
    a.counts[PROMOTERS] = in.getCount("promoters");
    a.counts[PASSIVES] = in.getCount("passives");
    a.counts[DETRACTORS] = in.getCount("detractors");
    try {
      total(a.counts[0], a.counts[1], a.counts[2]);
    } catch (ArithmeticException e) {
      throw in.invalid(
          "detractors", a.counts[DETRACTORS], "promoters + passives + detractors must fit a long");
    }
    return a;
  }

  /**
   * Overwrites {@code t}'s state with this one's, without allocating; {@code t} has the same
   * configuration (both come from one factory). For {@link StateCopies}.
   */
  void copyStateTo(NpsAccumulator t) {
    System.arraycopy(counts, 0, t.counts, 0, counts.length);
  }

  @Override
  public String toString() {
    return "NpsAccumulator[" + result() + "]";
  }
}
