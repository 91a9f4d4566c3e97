package dev.servicekit.kpi.internal;

import com.datadoghq.sketch.ddsketch.store.Bin;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;

/**
 * DDSketch's own dense store, refusing a bucket outside a fixed index range <em>before</em> it
 * grows its array: a snapshot reader decodes into it, so a hostile or edited snapshot of a few
 * bytes (two buckets a billion indices apart) is rejected instead of allocating gigabytes. Each
 * bucket count must also be a whole number in {@code 0 .. maxCount}. Memory stays below {@code
 * highest - lowest + 1} counts (plus the store's small growth margin). Not API; not thread-safe.
 */
public final class BoundedDenseStore extends UnboundedSizeDenseStore {

  /** A bucket outside the store's range, or with a count that no sketch of ours writes. */
  public static final class Rejected extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Rejected(String message) {
      super(message);
    }
  }

  private final int lowest;
  private final int highest;
  private final double maxCount;

  /**
   * Creates an empty store.
   *
   * @param lowest the lowest bucket index accepted
   * @param highest the highest bucket index accepted, {@code >= lowest}
   * @param maxCount the largest count of one bucket
   */
  public BoundedDenseStore(int lowest, int highest, double maxCount) {
    this.lowest = lowest;
    this.highest = highest;
    this.maxCount = maxCount;
  }

  private void check(int index, double count) {
    if (index < lowest || index > highest) {
      throw new Rejected(
          "bucket index "
              + index
              + " must be within "
              + lowest
              + " .. "
              + highest
              + " (at most "
              + ((long) highest - lowest + 1)
              + " buckets)");
    }
    if (!(count >= 0 && count <= maxCount && count == Math.rint(count))) {
      throw new Rejected(
          "bucket "
              + index
              + " count "
              + count
              + " must be a whole number in 0 .. "
              + (long) maxCount);
    }
  }

  @Override
  public void add(int index) {
    check(index, 1);
    super.add(index);
  }

  @Override
  public void add(int index, double count) {
    check(index, count);
    super.add(index, count);
  }

  @Override
  public void add(Bin bin) {
    check(bin.getIndex(), bin.getCount());
    super.add(bin);
  }
}
