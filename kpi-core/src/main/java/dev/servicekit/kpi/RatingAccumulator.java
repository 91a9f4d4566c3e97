package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.Overflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Accumulates ratings on a {@link RatingScale} for CSAT, average rating and CES.
 *
 * <p>Formulas: CSAT % = 100 &times; (ratings &ge; {@code satisfiedFrom}) / ratings; average =
 * &Sigma; rating / ratings; CES is either the average on the CES scale or its top-box share (the
 * same CSAT formula on {@link RatingScale#cesSevenPoint()}). Unrated contacts are excluded: they
 * are simply never added.
 *
 * <p>Keeps one counter per scale point: {@code add}, {@code retract} O(1) without allocation;
 * {@code merge} O(points). Retractable. Not thread-safe.
 */
public final class RatingAccumulator
    implements KpiAccumulator<RatingAccumulator, RatingResult>, IntRetractable {

  private static final SnapshotCodec<RatingAccumulator> CODEC =
      new BuiltInCodec<>(
          "rating",
          RatingAccumulator.class,
          RatingAccumulator::writeState,
          RatingAccumulator::readState);

  /**
   * The snapshot codec of this kind, {@code "rating"}; {@link KpiSnapshots} finds it through {@link
   * java.util.ServiceLoader}.
   *
   * @return the codec
   */
  public static SnapshotCodec<RatingAccumulator> snapshotCodec() {
    return CODEC;
  }

  private final RatingScale scale;
  private final long[] counts;
  private long count;
  private long sum;

  private RatingAccumulator(RatingScale scale) {
    this.scale = scale;
    this.counts = new long[scale.points()];
  }

  /**
   * Creates an empty accumulator.
   *
   * @param scale the rating scale
   * @return a new accumulator
   */
  public static RatingAccumulator create(RatingScale scale) {
    return new RatingAccumulator(Objects.requireNonNull(scale, "scale"));
  }

  /**
   * Returns the scale.
   *
   * @return the scale
   */
  public RatingScale scale() {
    return scale;
  }

  /**
   * Adds one rating. O(1).
   *
   * @param rating a value on the scale
   * @throws IllegalArgumentException if the rating is outside the scale
   * @throws ArithmeticException if the sum or the count of ratings would overflow a {@code long};
   *     nothing is changed
   */
  @Override
  public void add(int rating) {
    int i = index(rating);
    long s = Overflow.add(sum, rating, "sum of ratings");
    count = Overflow.add(count, 1, "ratings"); // count bounds every counts[i]
    counts[i]++;
    sum = s;
  }

  /**
   * Removes one previously added rating. O(1).
   *
   * @param rating a value that was added
   * @throws IllegalArgumentException if the rating is outside the scale or was never added
   * @throws ArithmeticException if the sum of the ratings left overflows a {@code long} (they were
   *     added in an order whose partial sums did not); nothing changes
   */
  @Override
  public void retract(int rating) {
    int i = index(rating);
    if (counts[i] == 0) {
      throw new IllegalArgumentException(
          "cannot retract rating "
              + rating
              + ": no such rating was added (ratings of "
              + rating
              + " held: 0 of "
              + count
              + ")");
    }
    long after = sum - rating;
    if (((sum ^ after) & (rating ^ sum)) < 0) { // the ratings left sum beyond a long
      throw new ArithmeticException(
          "cannot retract rating "
              + rating
              + ": the sum of the ratings left, "
              + sum
              + " - ("
              + rating
              + "), overflows a long");
    }
    counts[i]--;
    count--;
    sum = after;
  }

  /**
   * Checks that {@code rating} is on this accumulator's scale, without changing anything. O(1).
   *
   * @param rating the rating
   * @throws IllegalArgumentException if the rating is outside the scale
   */
  @Override
  public void checkValue(int rating) {
    index(rating);
  }

  private int index(int rating) {
    if (rating < scale.min() || rating > scale.max()) {
      throw new IllegalArgumentException(
          "rating " + rating + " is outside the scale " + scale.min() + ".." + scale.max());
    }
    return rating - scale.min();
  }

  /**
   * {@inheritDoc} O(points).
   *
   * @throws IllegalArgumentException if {@code other} uses another scale
   * @throws ArithmeticException if a count or sum would overflow a {@code long}
   */
  @Override
  public void merge(RatingAccumulator other) {
    Objects.requireNonNull(other, "other");
    if (!scale.equals(other.scale)) {
      throw new IllegalArgumentException(
          "cannot merge rating scale " + other.scale + " into " + scale);
    }
    // validate both totals first: each counts[i] <= count, so no per-point sum can overflow after
    long c = Overflow.add(count, other.count, "ratings");
    long s = Overflow.add(sum, other.sum, "sum of ratings");
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i]; // reads other.counts[i] before writing: a.merge(a) doubles
    }
    count = c;
    sum = s;
  }

  @Override
  public RatingAccumulator copy() {
    RatingAccumulator c = new RatingAccumulator(scale);
    System.arraycopy(counts, 0, c.counts, 0, counts.length);
    c.count = count;
    c.sum = sum;
    return c;
  }

  /** {@inheritDoc} O(points). */
  @Override
  public RatingResult result() {
    List<Long> dist = new ArrayList<>(counts.length);
    long satisfied = 0;
    for (int i = 0; i < counts.length; i++) {
      dist.add(counts[i]);
      if (i + scale.min() >= scale.satisfiedFrom()) {
        satisfied += counts[i];
      }
    }
    return new RatingResult(scale, dist, count, sum, satisfied);
  }

  @Override
  public boolean isEmpty() {
    return count == 0;
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
  public static RatingAccumulator fromBytes(byte[] bytes) {
    return KpiSnapshots.fromBytes(bytes, RatingAccumulator.class);
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
  public static RatingAccumulator fromJson(String json) {
    return KpiSnapshots.fromJson(json, RatingAccumulator.class);
  }

  @Override
  public byte[] toBytes() {
    return KpiSnapshots.toBytes(this);
  }

  void writeState(SnapshotCodec.Output out) {
    out.putLong("min", scale.min());
    out.putLong("max", scale.max());
    out.putLong("satisfiedFrom", scale.satisfiedFrom());
    for (int i = 0; i < counts.length; i++) {
      out.putLong("count" + (i + scale.min()), counts[i]);
    }
  }

  private static int scaleBound(SnapshotCodec.Input in, String field) {
    long v = in.getLong(field);
    if (v != (int) v) {
      throw in.invalid(field, v, "must be an int (a rating scale's bound)");
    }
    return (int) v;
  }

  static RatingAccumulator readState(SnapshotCodec.Input in) {
    // each bound checked as an int before the cast: (int) 4294967297 is 1, another scale
    int min = scaleBound(in, "min");
    int max = scaleBound(in, "max");
    int from = scaleBound(in, "satisfiedFrom");
    RatingScale scale;
    try {
      scale = RatingScale.of(min, max, from);
    } catch (IllegalArgumentException e) {
      boolean satisfied = e.getMessage().startsWith("satisfiedFrom");
      throw in.invalid(satisfied ? "satisfiedFrom" : "max", satisfied ? from : max, e.getMessage());
    }
    RatingAccumulator a = new RatingAccumulator(scale);
    for (int i = 0; i < a.counts.length; i++) {
      String field = "count" + (i + scale.min());
      long c = in.getCount(field);
      a.counts[i] = c;
      try {
        a.count = Math.addExact(a.count, c);
        a.sum = Math.addExact(a.sum, Math.multiplyExact(c, (long) i + scale.min()));
      } catch (ArithmeticException e) {
        throw in.invalid(field, c, "makes the rating count or sum overflow a long");
      }
    }
    return a;
  }

  /**
   * Overwrites {@code t}'s state with this one's, without allocating; {@code t} has the same
   * configuration (both come from one factory). For {@link StateCopies}.
   */
  void copyStateTo(RatingAccumulator t) {
    System.arraycopy(counts, 0, t.counts, 0, counts.length);
    t.count = count;
    t.sum = sum;
  }

  @Override
  public String toString() {
    return "RatingAccumulator[" + result() + "]";
  }
}
