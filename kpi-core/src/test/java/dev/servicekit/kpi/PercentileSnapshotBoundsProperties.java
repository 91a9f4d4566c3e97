package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.store.SparseStore;
import com.datadoghq.sketch.ddsketch.store.Store;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.kpi.internal.BoundedDenseStore;
import java.lang.reflect.Method;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Percentile snapshots need bounded memory (review20 finding 3): the accuracy is bounded to [1e-4,
 * 0.5], every snapshot the library writes reads back, and a hostile one is rejected before its
 * buckets are allocated.
 */
class PercentileSnapshotBoundsProperties {

  /**
   * Bytes this thread allocates while {@code r} runs, from HotSpot's per-thread counter (read
   * reflectively: the test module does not read {@code jdk.management}).
   */
  private static long allocatedBy(Runnable r) {
    try {
      Object bean =
          Class.forName("java.lang.management.ManagementFactory")
              .getMethod("getThreadMXBean")
              .invoke(null);
      Method allocated =
          Class.forName("com.sun.management.ThreadMXBean")
              .getMethod("getThreadAllocatedBytes", long.class);
      long id = Thread.currentThread().getId();
      long before = (long) allocated.invoke(bean, id);
      r.run();
      return (long) allocated.invoke(bean, id) - before;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this JVM does not count allocated bytes per thread", e);
    }
  }

  private static final long FEW_MEGABYTES = 16L << 20;

  @Provide
  Arbitrary<Double> accuracies() {
    return Arbitraries.oneOf(
        Arbitraries.doubles() // log-uniform over [1e-4, 0.5]
            .between(-9.21, -0.69)
            .map(x -> Math.min(0.5, Math.max(1e-4, Math.exp(x)))),
        Arbitraries.of(1e-4, 1e-3, 0.01, 0.02, 0.5));
  }

  @Provide
  Arbitrary<Long> millis() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(0, Long.MAX_VALUE),
        Arbitraries.longs().between(0, 10_000_000),
        Arbitraries.of(0L, 1L, 2L, 1_000_000_000_000L, Long.MAX_VALUE - 1, Long.MAX_VALUE));
  }

  @Property(tries = 300)
  void everySnapshotTheLibraryWritesReadsBack(
      @ForAll("accuracies") double accuracy,
      @ForAll @Size(max = 40) List<@From("millis") Long> values) {
    PercentileAccumulator p = PercentileAccumulator.create(accuracy);
    values.forEach(p::addMillis);
    byte[] bytes = p.toBytes();
    PercentileAccumulator back = KpiSnapshots.fromBytes(bytes, PercentileAccumulator.class);
    PercentileAccumulator fromJson =
        KpiSnapshots.fromJson(KpiSnapshots.toJson(p), PercentileAccumulator.class);
    for (PercentileAccumulator r : List.of(back, fromJson)) {
      assertEquals(p.count(), r.count());
      assertEquals(accuracy, r.relativeAccuracy());
      for (double q : new double[] {0, 0.25, 0.5, 0.9, 0.99, 1}) {
        assertEquals(p.quantileMillis(q), r.quantileMillis(q));
      }
      assertArrayEquals(bytes, r.toBytes());
    }
  }

  @Property(tries = 50)
  void theBucketBoundIsAboutTwentyTwoOverTheAccuracy(@ForAll("accuracies") double accuracy) {
    int n = PercentileAccumulator.maxBuckets(accuracy);
    double logGamma = Math.log((1 + accuracy) / (1 - accuracy));
    // buckets over 1 .. 2^63 ms of the memory-optimal mapping; the sketch's interpolated mapping
    // trades up to a few percent more buckets for speed
    double expected = Math.log(Math.pow(2, 63)) / logGamma;
    assertTrue(n >= expected - 2 && n <= expected * 1.05 + 2, n + " vs " + expected);
    assertTrue(n <= 220_500, "at most at 1e-4: " + n);
  }

  @Example
  void theDocumentedBucketCountsHold() {
    // the figures in the class javadoc and the README
    assertEquals(2_205, PercentileAccumulator.maxBuckets(0.01));
    assertEquals(22_050, PercentileAccumulator.maxBuckets(0.001));
    assertEquals(220_500, PercentileAccumulator.maxBuckets(1e-4));
    assertEquals(41, PercentileAccumulator.maxBuckets(0.5));
  }

  @Example
  void theTwentySevenByteSnapshotOfTheReviewIsRejectedWithoutAllocatingAGigabyte() {
    // PercentileAccumulator.create(1e-7) with 1 ms and 1e12 ms, as the old code wrote it: reading
    // it allocated about 1 GB (OutOfMemoryError at -Xmx512m)
    byte[] old = HexFormat.of().parseHex("534b070248afbc9af2d77a3e1405020002a0e18685010279a97cd1");
    IllegalArgumentException[] e = new IllegalArgumentException[1];
    long allocated =
        allocatedBy(
            () ->
                e[0] =
                    assertThrows(
                        IllegalArgumentException.class,
                        () -> KpiSnapshots.fromBytes(old, PercentileAccumulator.class)));
    assertTrue(e[0].getMessage().contains("relativeAccuracy is 1.0E-7"), e[0].getMessage());
    assertTrue(e[0].getMessage().contains("must be in [1.0E-4, 0.5]"), e[0].getMessage());
    assertTrue(allocated < FEW_MEGABYTES, allocated + " bytes allocated");
  }

  /** A CRC-valid JSON snapshot at 1 % whose sketch holds the given positive-store buckets. */
  private static String hostileJson(int... indices) {
    PercentileAccumulator p = PercentileAccumulator.create();
    p.addMillis(5);
    IndexMapping mapping = DDSketches.unboundedDense(0.01).getIndexMapping();
    Supplier<Store> sparse = SparseStore::new;
    Store positive = sparse.get();
    for (int i : indices) {
      positive.add(i);
    }
    DDSketch s = DDSketch.of(mapping, sparse.get(), positive, 0);
    GrowingByteArrayOutput out = GrowingByteArrayOutput.withDefaultInitialCapacity();
    try {
      s.encode(out, true);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    try {
      ObjectNode root = (ObjectNode) KpiSnapshots.mapper().readTree(KpiSnapshots.toJson(p));
      ((ObjectNode) root.get("state"))
          .put("sketch", Base64.getEncoder().encodeToString(out.trimmedCopy()));
      return Resealed.json(KpiSnapshots.mapper().writeValueAsString(root));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Example
  void aMergeOneObservationPastTheCountLimitIsRefusedAndChangesNothing() {
    // a snapshot holding exactly MAX_COUNT observations, half of them zero (review21: the sum was
    // taken in double, where 2^53 + 1 rounds to 2^53, so the merge was accepted and lost one)
    IndexMapping mapping = DDSketches.unboundedDense(0.01).getIndexMapping();
    Store positive = new SparseStore();
    double half = PercentileAccumulator.MAX_COUNT / 2;
    positive.add(81, half);
    DDSketch s = DDSketch.of(mapping, new SparseStore(), positive, half);
    GrowingByteArrayOutput out = GrowingByteArrayOutput.withDefaultInitialCapacity();
    try {
      s.encode(out, true);
      ObjectNode root =
          (ObjectNode)
              KpiSnapshots.mapper().readTree(KpiSnapshots.toJson(PercentileAccumulator.create()));
      ((ObjectNode) root.get("state"))
          .put("sketch", Base64.getEncoder().encodeToString(out.trimmedCopy()));
      String json = Resealed.json(KpiSnapshots.mapper().writeValueAsString(root));
      PercentileAccumulator full = KpiSnapshots.fromJson(json, PercentileAccumulator.class);
      assertEquals(PercentileAccumulator.MAX_COUNT, full.count());
      PercentileAccumulator one = PercentileAccumulator.create();
      one.addMillis(7);
      String before = KpiSnapshots.toJson(full);
      assertThrows(ArithmeticException.class, () -> full.merge(one));
      assertEquals(before, KpiSnapshots.toJson(full));
      assertThrows(ArithmeticException.class, () -> full.addMillis(7));
      PercentileAccumulator empty = PercentileAccumulator.create();
      full.merge(empty); // exactly at the limit is fine
      assertEquals(PercentileAccumulator.MAX_COUNT, full.count());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Example
  void aHostileSnapshotSpanningBillionsOfBucketsIsRejectedBeforeAllocatingThem() {
    // two buckets two billion indices apart: a dense store would need 16 GB
    String json = hostileJson(-1_000_000_000, 1_000_000_000);
    assertTrue(json.length() < 300, json);
    IllegalArgumentException[] e = new IllegalArgumentException[1];
    long allocated =
        allocatedBy(
            () ->
                e[0] =
                    assertThrows(
                        IllegalArgumentException.class,
                        () -> KpiSnapshots.fromJson(json, PercentileAccumulator.class)));
    String m = e[0].getMessage();
    assertTrue(m.contains("state.sketch"), m);
    assertTrue(m.contains("bucket index -1000000000 must be within"), m);
    assertTrue(m.length() < 400, m);
    assertTrue(allocated < FEW_MEGABYTES, allocated + " bytes allocated");
  }

  @Example
  void bucketsJustOutsideTheRecordableRangeAreRejectedAndJustInsideAccepted() {
    IndexMapping mapping = DDSketches.unboundedDense(0.01).getIndexMapping();
    int lowest = mapping.index(1);
    int highest = mapping.index(Long.MAX_VALUE);
    PercentileAccumulator ok =
        KpiSnapshots.fromJson(hostileJson(lowest, highest), PercentileAccumulator.class);
    assertEquals(2, ok.count());
    for (int[] bad : new int[][] {{lowest - 1}, {highest + 1}, {lowest, highest + 1}}) {
      String json = hostileJson(bad);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> KpiSnapshots.fromJson(json, PercentileAccumulator.class));
      assertTrue(
          e.getMessage().contains("must be within " + lowest + " .. " + highest), e.getMessage());
    }
  }

  @Example
  void theBoundedStoreRefusesABucketBeforeGrowingAndKeepsItsState() {
    BoundedDenseStore s = new BoundedDenseStore(0, 10, 100);
    s.add(3, 2);
    assertThrows(IllegalArgumentException.class, () -> s.add(11));
    assertThrows(IllegalArgumentException.class, () -> s.add(-1, 1));
    assertThrows(IllegalArgumentException.class, () -> s.add(Integer.MAX_VALUE, 1));
    assertThrows(IllegalArgumentException.class, () -> s.add(5, 1.5));
    assertThrows(IllegalArgumentException.class, () -> s.add(5, -1));
    assertThrows(IllegalArgumentException.class, () -> s.add(5, 101));
    assertThrows(IllegalArgumentException.class, () -> s.add(5, Double.NaN));
    assertEquals(2.0, s.getTotalCount());
    assertEquals(3, s.getMinIndex());
    assertEquals(3, s.getMaxIndex());
  }
}
