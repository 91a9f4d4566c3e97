package dev.servicekit.qa.sampling;

import dev.servicekit.qa.internal.Excerpts;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Draws review samples: size from a target precision ({@link SampleSize}), capped by reviewer
 * capacity (e.g. reviewers x 60-80 interactions a day), split across strata by an {@link
 * Allocation} (proportional or Neyman's optimum), drawn without replacement with {@link
 * SplittableRandom} so the same seed and population give the same sample.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}.
 */
public final class ReviewSampler {

  private final long capacity;
  private final double marginOfError;
  private final double confidence;
  private final double expectedProportion;
  private final Allocation allocation;

  private ReviewSampler(Builder b) {
    this.capacity = b.capacity;
    this.marginOfError = b.marginOfError;
    this.confidence = b.confidence;
    this.expectedProportion = b.expectedProportion;
    this.allocation = b.allocation;
    // validate eagerly
    SampleSize.forProportion(1, marginOfError, confidence, expectedProportion);
  }

  /**
   * Starts a builder. Defaults: margin of error 0.05 at 95 % confidence, expected proportion 0.5,
   * proportional allocation; capacity must be set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Simple random sample (one stratum), {@code O(N)}.
   *
   * @param <T> the item type
   * @param population the interactions to choose from, none null
   * @param seed the random seed
   * @return the sample
   * @throws NullPointerException if an item is null (naming its index, {@code population[3]})
   * @throws IllegalArgumentException if an item equals an earlier one (naming both indices)
   */
  public <T> ReviewSample<T> sample(List<T> population, long seed) {
    return sample(population, t -> "all", seed);
  }

  /**
   * Stratified sample, {@code O(N + strata log strata)}.
   *
   * @param <T> the item type
   * @param population the interactions to choose from, none null
   * @param stratum the stratum of an item (channel, agent, outcome, length bucket or a record of
   *     several); must not return null
   * @param seed the random seed
   * @return the sample, of size {@code min(capacity, requiredSize)}
   * @throws IllegalArgumentException if the minimum per stratum cannot fit in the sample size, a
   *     Neyman allocation has no standard deviation for a stratum (naming it), or if an item equals
   *     an earlier one (naming both indices: an interaction listed twice could be drawn twice)
   * @throws NullPointerException if an item is null (naming its index, {@code population[3]}) or
   *     the stratum function returns null for one
   */
  public <T> ReviewSample<T> sample(List<T> population, Function<? super T, ?> stratum, long seed) {
    Objects.requireNonNull(population, "population");
    Objects.requireNonNull(stratum, "stratum");
    // read once, in order, by its iterator: get(i) of a linked list is O(i), which made the
    // sample O(N^2)
    List<T> all = new ArrayList<>(population);
    Map<Object, List<Integer>> members = new LinkedHashMap<>();
    Map<T, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < all.size(); i++) {
      T item = all.get(i);
      if (item == null) {
        // refused whatever the seed: a sample cannot hold it, and only a draw of it would notice
        throw new NullPointerException("population[" + i + "] is null");
      }
      Integer first = firstIndex.putIfAbsent(item, i);
      if (first != null) {
        // an interaction listed twice could be drawn twice and counted twice in the sample size
        throw new IllegalArgumentException(
            "population["
                + i
                + "] repeats population["
                + first
                + "] (items must be distinct): "
                + Excerpts.quote(String.valueOf(item)));
      }
      Object key = Objects.requireNonNull(stratum.apply(item), "stratum of item " + i);
      members.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    long required =
        SampleSize.forProportion(all.size(), marginOfError, confidence, expectedProportion);
    int n = (int) Math.min(capacity, required);
    List<Object> keys = new ArrayList<>(members.keySet());
    long[] sizes = new long[keys.size()];
    for (int h = 0; h < sizes.length; h++) {
      sizes[h] = members.get(keys.get(h)).size();
    }
    double[] sd = allocation.standardDeviationsOf(keys);
    long[] alloc;
    try {
      alloc = allocate(n, sizes, allocation.minimumPerStratum(), sd);
    } catch (IllegalArgumentException e) {
      // name the bound that made the sample this small: raising a capacity that does not bind
      // changes nothing
      throw new IllegalArgumentException(
          e.getMessage()
              + (capacity < required
                  ? ", capped by capacity "
                      + capacity
                      + " (the precision asks for "
                      + required
                      + "): raise capacity or lower the minimum"
                  : ", what the precision asks for (marginOfError "
                      + marginOfError
                      + ", confidence "
                      + confidence
                      + ", expectedProportion "
                      + expectedProportion
                      + "; capacity "
                      + capacity
                      + " does not bind): lower the minimum, or the marginOfError to sample more"),
          e);
    }
    SplittableRandom random = new SplittableRandom(seed);
    boolean[] chosen = new boolean[all.size()];
    Map<Object, Integer> allocationOut = new LinkedHashMap<>();
    Map<Object, Integer> strataOut = new LinkedHashMap<>();
    for (int h = 0; h < keys.size(); h++) {
      int[] idx = members.get(keys.get(h)).stream().mapToInt(Integer::intValue).toArray();
      int take = (int) alloc[h];
      for (int j = 0; j < take; j++) {
        int r = j + random.nextInt(idx.length - j);
        int t = idx[j];
        idx[j] = idx[r];
        idx[r] = t;
        chosen[idx[j]] = true;
      }
      allocationOut.put(keys.get(h), take);
      strataOut.put(keys.get(h), idx.length);
    }
    List<T> items = new ArrayList<>(n);
    for (int i = 0; i < chosen.length; i++) {
      if (chosen[i]) {
        items.add(all.get(i));
      }
    }
    return new ReviewSample<>(items, required, capacity < required, allocationOut, strataOut);
  }

  /**
   * Splits {@code n <= sum(sizes)} across strata: {@code min(minimum, size)} each, the rest
   * proportional to the remaining sizes ({@code sd == null}) or to the remaining sizes times the
   * standard deviations (Neyman), by largest remainder (ties to the lower index).
   */
  static long[] allocate(long n, long[] sizes, int minimum, double[] sd) {
    int k = sizes.length;
    long[] out = new long[k];
    long base = 0;
    long[] residual = new long[k];
    long residualTotal = 0;
    for (int h = 0; h < k; h++) {
      out[h] = Math.min(minimum, sizes[h]);
      base += out[h];
      residual[h] = sizes[h] - out[h];
      residualTotal += residual[h];
    }
    if (base > n) {
      throw new IllegalArgumentException(
          "minimum "
              + minimum
              + " per stratum needs "
              + base
              + " reviews across "
              + k
              + " strata but the sample size is "
              + n);
    }
    long rest = n - base;
    if (rest == 0 || residualTotal == 0) {
      return out;
    }
    if (sd != null) {
      neyman(rest, residual, sd, out);
      return out;
    }
    long[] rem = new long[k];
    long given = 0;
    for (int h = 0; h < k; h++) {
      long q = Math.multiplyExact(rest, residual[h]);
      out[h] += q / residualTotal;
      given += q / residualTotal;
      rem[h] = q % residualTotal;
    }
    Integer[] order = new Integer[k];
    for (int h = 0; h < k; h++) {
      order[h] = h;
    }
    Arrays.sort(order, (a, b) -> rem[a] != rem[b] ? Long.compare(rem[b], rem[a]) : a - b);
    for (int i = 0; i < rest - given; i++) {
      out[order[i]]++;
    }
    return out;
  }

  /**
   * Adds to {@code out} Neyman's allocation of {@code rest <= sum(residual)} reviews, {@code O(k
   * log k)} big-integer operations for {@code k} strata: shares {@code rest w_h / sum w_h} with
   * {@code w_h = r_h S_h} over the strata not taken in full, computed exactly (each {@code S_h} is
   * a binary fraction, so the weights are integers times one power of two); every stratum whose
   * share reaches its remaining size {@code r_h} is taken in full and the rest shared again among
   * the others, until no share reaches its size; then largest remainder, as the proportional split.
   * A stratum's share over its size is {@code S_h rest / sum w}, and taking a stratum whose share
   * reaches its size in full raises {@code rest / sum w} for the others, so the strata taken in
   * full are those with the largest {@code S_h}: one pass in that order finds them. If the strata
   * left all have standard deviation 0, they share the rest proportionally to size.
   */
  private static void neyman(long rest, long[] residual, double[] sd, long[] out) {
    int k = residual.length;
    BigInteger[] weight = exactWeights(residual, sd);
    BigInteger total = BigInteger.ZERO;
    List<Integer> open = new ArrayList<>();
    for (int h = 0; h < k; h++) {
      if (residual[h] > 0) {
        open.add(h);
        total = total.add(weight[h]);
      }
    }
    open.sort((a, b) -> sd[a] != sd[b] ? Double.compare(sd[b], sd[a]) : a - b);
    int full = 0; // open[0..full) are taken in full
    while (full < open.size() && total.signum() > 0) {
      int h = open.get(full);
      // share >= residual  <=>  rest w_h >= r_h total
      BigInteger share = BigInteger.valueOf(rest).multiply(weight[h]);
      if (share.compareTo(BigInteger.valueOf(residual[h]).multiply(total)) < 0) {
        break;
      }
      out[h] += residual[h];
      rest -= residual[h];
      total = total.subtract(weight[h]);
      full++;
    }
    if (rest == 0) {
      return;
    }
    List<Integer> left = open.subList(full, open.size());
    if (total.signum() == 0) { // every stratum left has S_h = 0: proportional to size
      for (int h : left) {
        weight[h] = BigInteger.valueOf(residual[h]);
        total = total.add(weight[h]);
      }
    }
    BigInteger r = BigInteger.valueOf(rest);
    BigInteger[] rem = new BigInteger[k];
    long given = 0;
    for (int h : left) {
      BigInteger[] qr = r.multiply(weight[h]).divideAndRemainder(total);
      long floor = qr[0].longValueExact();
      out[h] += floor;
      given += floor;
      rem[h] = qr[1];
    }
    List<Integer> order = new ArrayList<>(left);
    order.sort((a, b) -> rem[a].compareTo(rem[b]) != 0 ? rem[b].compareTo(rem[a]) : a - b);
    for (int i = 0; i < rest - given; i++) {
      out[order.get(i)]++;
    }
  }

  /**
   * {@code residual[h] * sd[h]} exactly, all scaled by one power of two so that they are integers:
   * {@code sd[h] = m_h 2^e_h} with an integer {@code m_h}, scaled by {@code 2^-min(e)}.
   */
  private static BigInteger[] exactWeights(long[] residual, double[] sd) {
    int k = residual.length;
    long[] mantissa = new long[k];
    int[] exponent = new int[k];
    int min = Integer.MAX_VALUE;
    for (int h = 0; h < k; h++) {
      if (sd[h] > 0) {
        long bits = Double.doubleToRawLongBits(sd[h]);
        long fraction = bits & ((1L << 52) - 1);
        int e = Math.getExponent(sd[h]);
        if (e < Double.MIN_EXPONENT) { // subnormal
          mantissa[h] = fraction;
          exponent[h] = Double.MIN_EXPONENT - 52;
        } else {
          mantissa[h] = fraction | (1L << 52);
          exponent[h] = e - 52;
        }
        min = Math.min(min, exponent[h]);
      }
    }
    BigInteger[] w = new BigInteger[k];
    for (int h = 0; h < k; h++) {
      w[h] =
          BigInteger.valueOf(mantissa[h])
              .multiply(BigInteger.valueOf(residual[h]))
              .shiftLeft(mantissa[h] == 0 ? 0 : exponent[h] - min);
    }
    return w;
  }

  /** Builder of {@link ReviewSampler}; not thread-safe. */
  public static final class Builder {
    private long capacity = -1;
    private double marginOfError = 0.05;
    private double confidence = 0.95;
    private double expectedProportion = 0.5;
    private Allocation allocation = Allocation.proportional();

    private Builder() {}

    /**
     * Sets the number of reviews available (e.g. reviewers x 70 per day).
     *
     * @param capacity {@code >= 0}
     * @return this builder
     */
    public Builder capacity(long capacity) {
      if (capacity < 0) {
        throw new IllegalArgumentException("capacity " + capacity + " must be >= 0");
      }
      this.capacity = capacity;
      return this;
    }

    /**
     * Sets the target margin of error of an estimated proportion.
     *
     * @param marginOfError in (0, 1), e.g. 0.05 for 5 %
     * @return this builder
     * @throws IllegalArgumentException if out of range; the builder is unchanged
     */
    public Builder marginOfError(double marginOfError) {
      if (!(marginOfError > 0 && marginOfError < 1)) {
        throw new IllegalArgumentException(
            "marginOfError " + marginOfError + " must be in (0, 1), e.g. 0.05 for 5%");
      }
      this.marginOfError = marginOfError;
      return this;
    }

    /**
     * Sets the confidence level.
     *
     * @param confidence in (0, 1), e.g. 0.95
     * @return this builder
     * @throws IllegalArgumentException if out of range; the builder is unchanged
     */
    public Builder confidence(double confidence) {
      if (!(confidence > 0 && confidence < 1)) {
        throw new IllegalArgumentException(
            "confidence " + confidence + " must be in (0, 1), e.g. 0.95 for 95%");
      }
      this.confidence = confidence;
      return this;
    }

    /**
     * Sets the expected proportion (0.5 is the conservative default).
     *
     * @param expectedProportion in [0, 1]
     * @return this builder
     * @throws IllegalArgumentException if out of range; the builder is unchanged
     */
    public Builder expectedProportion(double expectedProportion) {
      if (!(expectedProportion >= 0 && expectedProportion <= 1)) {
        throw new IllegalArgumentException(
            "expectedProportion " + expectedProportion + " must be in [0, 1], e.g. 0.5");
      }
      this.expectedProportion = expectedProportion;
      return this;
    }

    /**
     * Sets the allocation across strata.
     *
     * @param allocation the allocation
     * @return this builder
     */
    public Builder allocation(Allocation allocation) {
      this.allocation = Objects.requireNonNull(allocation, "allocation");
      return this;
    }

    /**
     * Builds the sampler.
     *
     * @return the sampler
     * @throws IllegalStateException if capacity was not set
     * @throws IllegalArgumentException if precision settings are out of range
     */
    public ReviewSampler build() {
      if (capacity < 0) {
        throw new IllegalStateException("capacity was not set");
      }
      return new ReviewSampler(this);
    }
  }
}
