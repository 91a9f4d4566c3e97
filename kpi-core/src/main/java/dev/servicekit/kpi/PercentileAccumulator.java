package dev.servicekit.kpi;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.store.Store;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import dev.servicekit.kpi.internal.BoundedDenseStore;
import dev.servicekit.kpi.internal.Millis;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Percentiles (median, p90, p99, or any quantile) of a duration KPI, backed by a DDSketch ({@code
 * com.datadoghq:sketches-java}, unbounded dense store): every returned quantile {@code v} satisfies
 * {@code |v - x| <= relativeAccuracy * x} for the exact rank value {@code x}.
 *
 * <p><b>Rank convention</b> (DDSketch's): the quantile {@code q} of {@code n} observations is the
 * value of 0-based rank {@code floor(q (n - 1))} in sorted order, the lower of the two values
 * around {@code q}, never an interpolation. With few observations this is the smaller value: p99 of
 * two handle times {1 s, 10 min} is about 1 s, where nearest-rank ({@code ceil(q n)}) and
 * spreadsheets' {@code PERCENTILE.INC} (interpolated) give about 10 min. {@code
 * PercentileDifferentialProperties} checks it against sorted values.
 *
 * <p>{@code add} is O(1) amortised (the dense store grows its bucket array only when a value
 * outside the current range arrives; no allocation otherwise); {@code merge} O(buckets); memory
 * O(log(max/min) / relativeAccuracy) buckets of 8 bytes. Merging sketches of the same accuracy is
 * exact bucket-wise, so partitioned-then-merged and all-at-once give identical quantiles.
 *
 * <p><b>Bounded memory</b>: the relative accuracy is at least {@link #MIN_RELATIVE_ACCURACY} (0.01
 * %) and at most {@link #MAX_RELATIVE_ACCURACY}, so the whole recordable range 1 .. {@code
 * Long.MAX_VALUE} ms spans at most {@link #maxBuckets(double)} buckets: 2,205 (18 KB) at the
 * default 1 %, 22,050 (176 KB) at 0.1 % and 220,500 (1.8 MB) at 0.01 %. A snapshot is read into a
 * store that refuses a bucket outside that span before it grows, so no snapshot, however edited,
 * makes the reader allocate more.
 *
 * <p>The sketch counts in doubles, exact up to 2<sup>53</sup> observations; an {@code add} or
 * {@code merge} beyond {@link #MAX_COUNT} throws {@link ArithmeticException} (and changes nothing)
 * rather than losing observations to rounding.
 *
 * <p><b>Retractable by bucket</b>: {@link #retractMillis(long)} takes one observation out of the
 * bucket its value falls in, so that adding {@code d} then retracting {@code d} leaves the buckets
 * exactly as they were, and every quantile is then the one a sketch of the remaining observations
 * gives. A bucket keeps counts, not values: a retraction is refused only when its bucket is empty,
 * and a value never added that shares a bucket with one that was (at 1 %, 1,010 ms and 1,020 ms)
 * takes that one out instead; retract exactly what you added. O(buckets): the dense store has no
 * decrement, so it is rebuilt without the observation. Not thread-safe.
 */
public final class PercentileAccumulator
    implements KpiAccumulator<PercentileAccumulator, PercentileResult> {

  private static final SnapshotCodec<PercentileAccumulator> CODEC =
      new BuiltInCodec<>(
          "percentile",
          PercentileAccumulator.class,
          PercentileAccumulator::writeState,
          PercentileAccumulator::readState);

  /**
   * The snapshot codec of this kind, {@code "percentile"}; {@link KpiSnapshots} finds it through
   * {@link java.util.ServiceLoader}.
   *
   * @return the codec
   */
  public static SnapshotCodec<PercentileAccumulator> snapshotCodec() {
    return CODEC;
  }

  /** The most observations an accumulator holds: 2^53, the last count exact in a double. */
  public static final long MAX_COUNT = 1L << 53;

  /** The default relative accuracy: 1%. */
  public static final double DEFAULT_RELATIVE_ACCURACY = 0.01;

  /**
   * The finest relative accuracy, 0.01 %: it bounds a sketch to at most {@link #maxBuckets(double)}
   * (220,500) buckets over 1 .. {@code Long.MAX_VALUE} ms. Finer accuracies would need millions to
   * billions of buckets (and below about 1e-8 cannot index {@code Long.MAX_VALUE}).
   */
  public static final double MIN_RELATIVE_ACCURACY = 1e-4;

  /** The coarsest relative accuracy, 50 %. */
  public static final double MAX_RELATIVE_ACCURACY = 0.5;

  private static final double MAX_RECORDABLE_MILLIS = Long.MAX_VALUE;

  private static final long[] NO_JOURNAL = {};

  private final double relativeAccuracy;
  private DDSketch sketch;

  private PercentileAccumulator(double relativeAccuracy, DDSketch sketch) {
    this.relativeAccuracy = relativeAccuracy;
    this.sketch = sketch;
  }

  /**
   * Creates an empty accumulator with 1% relative accuracy.
   *
   * @return a new accumulator
   */
  public static PercentileAccumulator create() {
    return create(DEFAULT_RELATIVE_ACCURACY);
  }

  /**
   * Creates an empty accumulator.
   *
   * @param relativeAccuracy in [{@link #MIN_RELATIVE_ACCURACY}, {@link #MAX_RELATIVE_ACCURACY}] =
   *     [1e-4, 0.5]
   * @return a new accumulator
   * @throws IllegalArgumentException if the accuracy is out of range
   */
  public static PercentileAccumulator create(double relativeAccuracy) {
    if (!validAccuracy(relativeAccuracy)) {
      throw new IllegalArgumentException(
          "relativeAccuracy " + relativeAccuracy + " " + ACCURACY_RULE);
    }
    return new PercentileAccumulator(relativeAccuracy, DDSketches.unboundedDense(relativeAccuracy));
  }

  private static final String ACCURACY_RULE =
      "must be in ["
          + MIN_RELATIVE_ACCURACY
          + ", "
          + MAX_RELATIVE_ACCURACY
          + "] (finer accuracies need unbounded memory)";

  private static boolean validAccuracy(double a) {
    return a >= MIN_RELATIVE_ACCURACY && a <= MAX_RELATIVE_ACCURACY;
  }

  /**
   * Returns the most buckets a sketch of this accuracy holds: those spanning the recordable range 1
   * .. {@code Long.MAX_VALUE} ms (0 ms is counted apart). Its memory is about 8 bytes per bucket.
   *
   * @param relativeAccuracy in [{@link #MIN_RELATIVE_ACCURACY}, {@link #MAX_RELATIVE_ACCURACY}]
   * @return the bucket count, about {@code 22 / relativeAccuracy}
   * @throws IllegalArgumentException if the accuracy is out of range
   */
  public static int maxBuckets(double relativeAccuracy) {
    IndexMapping m = create(relativeAccuracy).sketch.getIndexMapping();
    return highestIndex(m) - lowestIndex(m) + 1;
  }

  private static int lowestIndex(IndexMapping m) {
    return m.index(1);
  }

  private static int highestIndex(IndexMapping m) {
    return m.index(MAX_RECORDABLE_MILLIS);
  }

  /**
   * Returns the relative accuracy.
   *
   * @return the accuracy
   */
  public double relativeAccuracy() {
    return relativeAccuracy;
  }

  /**
   * Adds one observation in milliseconds. O(1) amortised.
   *
   * @param millis a non-negative duration
   * @throws IllegalArgumentException if negative
   * @throws ArithmeticException if the count would exceed {@link #MAX_COUNT}; nothing is changed
   */
  public void addMillis(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("duration " + millis + " ms must be >= 0");
    }
    if (sketch.getCount() >= MAX_COUNT) {
      throw new ArithmeticException("percentile count would exceed " + MAX_COUNT);
    }
    sketch.accept(millis);
    note(millis);
  }

  /**
   * Adds one observation.
   *
   * @param duration a non-negative duration, truncated to milliseconds
   * @throws IllegalArgumentException if negative (by as little as one nanosecond)
   * @throws ArithmeticException if the count would exceed {@link #MAX_COUNT}; nothing is changed
   */
  public void add(Duration duration) {
    addMillis(Millis.nonNegative(Objects.requireNonNull(duration, "duration"), "duration"));
  }

  /**
   * Removes one observation previously added, in milliseconds, from the bucket its value falls in
   * (see the class javadoc). O(buckets).
   *
   * @param millis the observation, a non-negative duration
   * @throws IllegalArgumentException if negative, or if no observation is in its bucket (nothing
   *     within the sketch's relative accuracy of it was added); nothing is changed
   */
  public void retractMillis(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("duration " + millis + " ms must be >= 0");
    }
    IndexMapping mapping = sketch.getIndexMapping();
    Store positive = sketch.getPositiveValueStore();
    double zeros = zeroCount(sketch);
    if (millis == 0) {
      if (!(zeros >= 1)) {
        throw noneToRetract(millis, "0 ms");
      }
      sketch = DDSketch.of(mapping, sketch.getNegativeValueStore(), positive, zeros - 1);
      note(~millis);
      return;
    }
    int index = mapping.index(millis);
    double[] inBucket = {0};
    positive.forEach(
        (i, c) -> {
          if (i == index) {
            inBucket[0] = c;
          }
        });
    if (!(inBucket[0] >= 1)) {
      throw noneToRetract(
          millis, mapping.lowerBound(index) + " .. " + mapping.upperBound(index) + " ms");
    }
    Store rebuilt = new UnboundedSizeDenseStore();
    positive.forEach((i, c) -> rebuilt.add(i, i == index ? c - 1 : c));
    sketch = DDSketch.of(mapping, sketch.getNegativeValueStore(), rebuilt, zeros);
    note(~millis);
  }

  // The undo journal of WindowedKpi, kept through StateCopies (not API): while it is on, each add
  // (its value) and retraction
  // (the value's complement) is noted, and a merge keeps a copy of the sketch before the first one,
  // so that an update refused part-way, or accepted by the all-time and refused by the window, is
  // undone by the inverses, newest first: bucket counts are exactly what they were.
  private boolean journaling;
  // empty and shared until a journaled update notes a change: a sketch never journaled (every
  // copy, every snapshot read, every window of the stream adapters) carries no array of its own
  private long[] journal = NO_JOURNAL;
  private int journalSize;
  private DDSketch beforeFirstMerge;
  private int firstMergeAt;

  private void note(long entry) {
    if (journaling) {
      if (journalSize == journal.length) {
        journal = Arrays.copyOf(journal, Math.max(8, 2 * journalSize));
      }
      journal[journalSize++] = entry;
    }
  }

  /** Starts noting changes for {@link #undoJournal()}; package-private, for {@link StateCopies}. */
  void startJournal() {
    journaling = true;
    journalSize = 0;
    beforeFirstMerge = null;
  }

  /** Whether changes are being noted; for tests. */
  boolean journaling() {
    return journaling;
  }

  /** The length of the journal's array; for tests. */
  int journalCapacity() {
    return journal.length;
  }

  /** Stops noting changes, keeping them. */
  void stopJournal() {
    journaling = false;
    beforeFirstMerge = null;
    journalSize = 0; // a second undo undoes nothing
    if (journal.length > 64) {
      journal = NO_JOURNAL;
    }
  }

  /** Undoes every change since {@link #startJournal()} and stops noting. */
  void undoJournal() {
    journaling = false;
    int end = journalSize;
    if (beforeFirstMerge != null) {
      sketch = beforeFirstMerge;
      end = firstMergeAt;
    }
    for (int i = end - 1; i >= 0; i--) {
      long entry = journal[i];
      if (entry >= 0) {
        retractMillis(entry);
      } else {
        addMillis(~entry);
      }
    }
    stopJournal();
  }

  /** The observations of 0 ms: DDSketch's zero bucket, counted apart from its stores. */
  private static double zeroCount(DDSketch s) {
    return s.getCount() - s.getPositiveValueStore().getTotalCount();
  }

  private IllegalArgumentException noneToRetract(long millis, String bucket) {
    return new IllegalArgumentException(
        "cannot retract duration "
            + millis
            + " ms: no observation in its bucket ("
            + bucket
            + " at relativeAccuracy "
            + relativeAccuracy
            + ") of "
            + count()
            + " observations");
  }

  /**
   * Removes one observation previously added; {@code retract(d)} undoes {@code add(d)} (see {@link
   * #retractMillis(long)}). O(buckets).
   *
   * @param duration a non-negative duration, truncated to milliseconds
   * @throws IllegalArgumentException if negative (by as little as one nanosecond), or if no
   *     observation is in its bucket; nothing is changed
   */
  public void retract(Duration duration) {
    retractMillis(Millis.nonNegative(Objects.requireNonNull(duration, "duration"), "duration"));
  }

  /**
   * Returns the value at a quantile, of rank {@code floor(quantile (n - 1))} (see the class
   * javadoc). O(buckets).
   *
   * @param quantile in [0, 1]
   * @return the value in milliseconds, empty when there are no observations
   * @throws IllegalArgumentException if the quantile is outside [0, 1] (a percentile given as a
   *     percent, {@code 90} for p90, is refused with a message naming the fraction, {@code 0.9})
   */
  public OptionalDouble quantileMillis(double quantile) {
    if (!(quantile >= 0 && quantile <= 1)) {
      throw new IllegalArgumentException(
          "quantile " + quantile + " must be in [0, 1], e.g. 0.9 for the 90th percentile (p90)");
    }
    return sketch.isEmpty()
        ? OptionalDouble.empty()
        : OptionalDouble.of(withinAccuracyOfOneMilli(sketch.getValueAtQuantile(quantile)));
  }

  /**
   * 1 ms is the one whole millisecond on the lower bound of its bucket, so the sketch's value for
   * that bucket, {@code 1 + relativeAccuracy}, is exactly the bound {@code |v - x| <= accuracy * x}
   * for {@code x = 1}, and rounding to a double makes it one ulp more for many accuracies (1 %
   * among them: 1.0100000000000000089, an error above 0.01). Returns the largest double within the
   * bound instead; every other value is the sketch's. Any other whole millisecond of that bucket (2
   * ms, from an accuracy of 1/3) is still within the accuracy, as the bucket spans at most {@code
   * (1 + a) / (1 - a)}.
   */
  private double withinAccuracyOfOneMilli(double v) {
    if (v > 1
        && v - 1 > relativeAccuracy
        && sketch.getIndexMapping().index(v) == sketch.getIndexMapping().index(1)) {
      double bound = 1 + relativeAccuracy; // within an ulp of the real 1 + accuracy
      while (bound - 1 > relativeAccuracy) {
        bound = Math.nextDown(bound);
      }
      v = Math.min(v, bound);
    }
    return v;
  }

  /**
   * Returns the number of observations.
   *
   * @return the count
   */
  public long count() {
    return (long) sketch.getCount();
  }

  /**
   * {@inheritDoc} O(buckets).
   *
   * @throws IllegalArgumentException if the accuracies differ
   * @throws ArithmeticException if the count would exceed {@link #MAX_COUNT}
   */
  @Override
  public void merge(PercentileAccumulator other) {
    Objects.requireNonNull(other, "other");
    if (Double.compare(relativeAccuracy, other.relativeAccuracy) != 0) {
      throw new IllegalArgumentException(
          "cannot merge relativeAccuracy " + other.relativeAccuracy + " into " + relativeAccuracy);
    }
    // Exact in long: counts are whole numbers up to 2^53, where a double sum would round 2^53 + 1
    // back to 2^53 and accept a merge that loses an observation.
    if (count() > MAX_COUNT - other.count()) {
      throw new ArithmeticException("percentile count would exceed " + MAX_COUNT);
    }
    if (journaling && beforeFirstMerge == null) {
      beforeFirstMerge = sketch.copy();
      firstMergeAt = journalSize;
    }
    // a.merge(a) doubles a: merge a copy, as the sketch merges bucket by bucket in place
    sketch.mergeWith(other == this ? other.sketch.copy() : other.sketch);
  }

  @Override
  public PercentileAccumulator copy() {
    return new PercentileAccumulator(relativeAccuracy, sketch.copy());
  }

  /** {@inheritDoc} O(buckets). */
  @Override
  public PercentileResult result() {
    return new PercentileResult(
        count(), relativeAccuracy, quantileMillis(0.5), quantileMillis(0.9), quantileMillis(0.99));
  }

  @Override
  public boolean isEmpty() {
    return sketch.isEmpty();
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
  public static PercentileAccumulator fromBytes(byte[] bytes) {
    return KpiSnapshots.fromBytes(bytes, PercentileAccumulator.class);
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
  public static PercentileAccumulator fromJson(String json) {
    return KpiSnapshots.fromJson(json, PercentileAccumulator.class);
  }

  @Override
  public byte[] toBytes() {
    return KpiSnapshots.toBytes(this);
  }

  void writeState(SnapshotCodec.Output out) {
    out.putDouble("relativeAccuracy", relativeAccuracy);
    // The index mapping is implied by relativeAccuracy; encoding only the stores keeps the
    // snapshot small and avoids a floating-point round trip of the mapping's parameters.
    GrowingByteArrayOutput buf = GrowingByteArrayOutput.withDefaultInitialCapacity();
    try {
      sketch.encode(buf, true);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode sketch", e);
    }
    out.putBytes("sketch", buf.trimmedCopy());
  }

  static PercentileAccumulator readState(SnapshotCodec.Input in) {
    double accuracy = in.getDouble("relativeAccuracy");
    if (!validAccuracy(accuracy)) {
      throw in.invalid("relativeAccuracy", accuracy, ACCURACY_RULE);
    }
    IndexMapping mapping = create(accuracy).sketch.getIndexMapping();
    int lowest = lowestIndex(mapping);
    int highest = highestIndex(mapping);
    byte[] bytes = in.getBytes("sketch");
    DDSketch decoded;
    try {
      // the store refuses a bucket outside what add() can record before it allocates for it
      decoded =
          DDSketch.decode(
              ByteArrayInput.wrap(bytes),
              () -> new BoundedDenseStore(lowest, highest, MAX_COUNT),
              mapping);
    } catch (BoundedDenseStore.Rejected e) {
      throw in.invalid(
          "sketch",
          bytes.length + " bytes",
          "must hold durations within 0.."
              + Long.MAX_VALUE
              + " ms at relativeAccuracy "
              + accuracy
              + ": "
              + e.getMessage());
    } catch (IOException | RuntimeException e) {
      throw in.invalid("sketch", bytes.length + " bytes", "must be a DDSketch encoding: " + e);
    }
    if (!decoded.getIndexMapping().equals(mapping)) {
      throw in.invalid(
          "sketch",
          decoded.getIndexMapping().relativeAccuracy(),
          "must use the index mapping of relativeAccuracy " + accuracy);
    }
    // The mapping is implied by relativeAccuracy, so an edited accuracy would re-scale every
    // bucket:
    // reject buckets outside what add() can record (0 .. Long.MAX_VALUE ms).
    if (decoded.getCount() > 0
        && !(decoded.getMinValue() >= 0
            && decoded.getMaxValue() <= MAX_RECORDABLE_MILLIS * (1 + 2 * accuracy))) {
      throw in.invalid(
          "sketch",
          decoded.getMaxValue() + " ms",
          "must hold durations within 0.."
              + Long.MAX_VALUE
              + " ms at relativeAccuracy "
              + accuracy);
    }
    if (!(decoded.getCount() <= MAX_COUNT)) {
      throw in.invalid("sketch", decoded.getCount() + " observations", "must hold at most 2^53");
    }
    double zeros = zeroCount(decoded);
    if (!(zeros >= 0 && zeros == Math.rint(zeros))) {
      throw in.invalid("sketch", zeros + " zero durations", "must be a whole number >= 0");
    }
    return new PercentileAccumulator(accuracy, decoded);
  }

  @Override
  public String toString() {
    return "PercentileAccumulator[" + result() + "]";
  }
}
