package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The laws of {@link KpiAccumulator}, run for every accumulator kind by a subclass (the shape of
 * sketches-java's {@code QuantileSketchTest}): identity, one-by-one == partitioned-and-merged in
 * any order, commutativity, associativity, retraction, snapshot round trips; and the all-or-nothing
 * rules: a call that throws (a rejected value, an impossible retraction, an overflow, a merge of
 * another configuration) leaves the state, compared as its binary snapshot, exactly as it was.
 *
 * @param <A> the accumulator
 * @param <E> one event
 */
abstract class AccumulatorContract<A extends KpiAccumulator<A, ?>, E> {

  abstract A create();

  abstract Arbitrary<E> event();

  abstract void add(A acc, E event);

  /** Retracts {@code event}; returns false if the kind is not retractable. */
  abstract boolean retract(A acc, E event);

  /**
   * Events including ones the accumulator must reject (out of range, negative, huge); by default
   * only valid ones.
   */
  Arbitrary<E> hostileEvent() {
    return event();
  }

  /** An empty accumulator of another configuration (scale, policy, accuracy), or null if none. */
  A otherConfiguration() {
    return null;
  }

  /** Asserts two results are equal (exactly for counters; sketches override if needed). */
  void assertSameResult(A expected, A actual) {
    assertEquals(expected.result(), actual.result());
  }

  /**
   * The checksum property: every single-bit flip and every truncation of a binary snapshot is
   * rejected with a bounded {@link IllegalArgumentException}; a flipped bit of the JSON form is
   * rejected or (for a change JSON does not see, e.g. an exponent's case) restores the same state.
   */
  @Property(tries = 15)
  void everyBitFlipAndTruncationOfASnapshotIsRejected(@ForAll("events") List<E> events) {
    A acc = create();
    for (E e : events) {
      add(acc, e);
    }
    byte[] b = acc.toBytes();
    for (int bit = 0; bit < b.length * 8; bit++) {
      byte[] flipped = b.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertRejected(() -> KpiSnapshots.fromBytes(flipped));
    }
    for (int len = 0; len < b.length; len++) {
      byte[] prefix = java.util.Arrays.copyOf(b, len);
      assertRejected(() -> KpiSnapshots.fromBytes(prefix));
    }
    String json = KpiSnapshots.toJson(acc);
    for (int i = 0; i < json.length(); i++) {
      char[] c = json.toCharArray();
      c[i] ^= (char) (1 << (i % 7));
      String damaged = new String(c);
      try {
        assertArrayEquals(b, KpiSnapshots.fromJson(damaged).toBytes(), damaged);
      } catch (IllegalArgumentException rejected) {
        assertBounded(rejected);
      }
    }
    for (int len = 0; len < json.length(); len++) {
      String prefix = json.substring(0, len);
      assertRejected(() -> KpiSnapshots.fromJson(prefix));
    }
  }

  private static void assertRejected(org.junit.jupiter.api.function.Executable decode) {
    assertBounded(assertThrows(IllegalArgumentException.class, decode));
  }

  private static void assertBounded(IllegalArgumentException e) {
    String m = e.getMessage();
    assertTrue(m != null && !m.isEmpty() && m.length() <= 500, () -> "message: " + m);
  }

  @Provide
  Arbitrary<List<E>> events() {
    return event().list().ofMaxSize(60);
  }

  private A addAll(List<E> events) {
    A acc = create();
    for (E e : events) {
      add(acc, e);
    }
    return acc;
  }

  @Property(tries = 100)
  void newAccumulatorIsEmptyAndMergingItIsIdentity(@ForAll("events") List<E> events) {
    A empty = create();
    assertTrue(empty.isEmpty());
    A acc = addAll(events);
    if (events.isEmpty()) {
      assertTrue(acc.isEmpty());
    }
    if (acc.isEmpty()) { // zero-valued events may leave the state as new
      assertSameResult(create(), acc);
    }
    A merged = acc.copy();
    merged.merge(empty);
    assertSameResult(acc, merged);
    A left = create();
    left.merge(acc);
    assertSameResult(acc, left);
  }

  @Property(tries = 100)
  void partitionedThenMergedInAnyOrderEqualsOneByOne(
      @ForAll("events") List<E> events,
      @ForAll @IntRange(min = 1, max = 6) int parts,
      @ForAll long seed) {
    Random random = new Random(seed);
    List<A> partitions = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      partitions.add(create());
    }
    for (E e : events) {
      add(partitions.get(random.nextInt(parts)), e);
    }
    Collections.shuffle(partitions, random);
    A merged = create();
    for (A p : partitions) {
      merged.merge(p);
    }
    assertSameResult(addAll(events), merged);
  }

  @Property(tries = 100)
  void mergeIsCommutative(@ForAll("events") List<E> a, @ForAll("events") List<E> b) {
    A ab = addAll(a);
    ab.merge(addAll(b));
    A ba = addAll(b);
    ba.merge(addAll(a));
    assertSameResult(ab, ba);
  }

  @Property(tries = 100)
  void mergeIsAssociative(
      @ForAll("events") List<E> a, @ForAll("events") List<E> b, @ForAll("events") List<E> c) {
    A left = addAll(a);
    left.merge(addAll(b));
    left.merge(addAll(c));
    A bc = addAll(b);
    bc.merge(addAll(c));
    A right = addAll(a);
    right.merge(bc);
    assertSameResult(left, right);
  }

  @Property(tries = 100)
  void mergeDoesNotModifyItsArgument(@ForAll("events") List<E> a, @ForAll("events") List<E> b) {
    A other = addAll(b);
    A before = other.copy();
    A acc = addAll(a);
    acc.merge(other);
    assertSameResult(before, other);
  }

  @Property(tries = 100)
  void addThenRetractIsANoOp(@ForAll("events") List<E> prefix, @ForAll("events") List<E> extra) {
    A acc = addAll(prefix);
    A expected = acc.copy();
    for (E e : extra) {
      add(acc, e);
    }
    Collections.reverse(extra);
    for (E e : extra) {
      if (!retract(acc, e)) {
        return; // kind is not retractable: documented, nothing to check
      }
    }
    assertSameResult(expected, acc);
  }

  @Property(tries = 100)
  void binarySnapshotRoundTripIsIdentity(@ForAll("events") List<E> events) {
    A acc = addAll(events);
    @SuppressWarnings("unchecked")
    A restored = (A) KpiSnapshots.fromBytes(acc.toBytes(), acc.getClass());
    assertSameResult(acc, restored);
    assertEquals(acc.isEmpty(), restored.isEmpty());
    // and the restored accumulator keeps working
    A more = acc.copy();
    A more2 = restored;
    for (E e : events) {
      add(more, e);
      add(more2, e);
    }
    assertSameResult(more, more2);
  }

  @Property(tries = 100)
  void jsonSnapshotRoundTripIsIdentity(@ForAll("events") List<E> events) {
    A acc = addAll(events);
    String json = KpiSnapshots.toJson(acc);
    @SuppressWarnings("unchecked")
    A restored = (A) KpiSnapshots.fromJson(json, acc.getClass());
    assertSameResult(acc, restored);
    assertEquals(json, KpiSnapshots.toJson(restored));
  }

  /**
   * Each class reads its own snapshots back (static {@code fromBytes(byte[])} and {@code
   * fromJson(String)}, found by reflection so that every kind under this contract must have both),
   * as {@link KpiSnapshots} does; {@code toJson()} is {@link KpiSnapshots#toJson}; and another
   * kind's snapshot is refused by kind.
   */
  @Property(tries = 30)
  void eachClassReadsItsOwnSnapshots(@ForAll("events") List<E> events) throws Exception {
    A acc = addAll(events);
    Class<?> type = acc.getClass();
    java.lang.reflect.Method fromBytes = type.getMethod("fromBytes", byte[].class);
    java.lang.reflect.Method fromJson = type.getMethod("fromJson", String.class);
    assertEquals(type, fromBytes.getReturnType());
    assertEquals(type, fromJson.getReturnType());
    String json = acc.toJson();
    assertEquals(KpiSnapshots.toJson(acc), json);
    @SuppressWarnings("unchecked")
    A viaBytes = (A) fromBytes.invoke(null, (Object) acc.toBytes());
    @SuppressWarnings("unchecked")
    A viaJson = (A) fromJson.invoke(null, json);
    assertSameResult(acc, viaBytes);
    assertSameResult(acc, viaJson);
    assertArrayEquals(acc.toBytes(), viaBytes.toBytes());
    KpiAccumulator<?, ?> other =
        type == NpsAccumulator.class ? DurationAccumulator.create() : NpsAccumulator.create();
    for (Object[] call :
        List.of(
            new Object[] {fromBytes, other.toBytes()}, new Object[] {fromJson, other.toJson()})) {
      java.lang.reflect.InvocationTargetException thrown =
          org.junit.jupiter.api.Assertions.assertThrows(
              java.lang.reflect.InvocationTargetException.class,
              () -> ((java.lang.reflect.Method) call[0]).invoke(null, call[1]));
      assertEquals(IllegalArgumentException.class, thrown.getCause().getClass());
      org.junit.jupiter.api.Assertions.assertTrue(
          thrown.getCause().getMessage().contains("kind"), thrown.getCause().getMessage());
    }
  }

  @Provide
  Arbitrary<List<E>> hostileEvents() {
    return hostileEvent().list().ofMaxSize(30);
  }

  /**
   * Doubles {@code acc} by merging it into itself up to {@code times} times, stopping at the first
   * overflow: reaches counts near {@code Long.MAX_VALUE} in a few steps.
   */
  private static <A extends KpiAccumulator<A, ?>> void grow(A acc, int times) {
    for (int i = 0; i < times; i++) {
      byte[] before = acc.toBytes();
      try {
        acc.merge(acc);
      } catch (ArithmeticException e) {
        assertArrayEquals(before, acc.toBytes(), "a self-merge that overflows changes nothing");
        return;
      }
    }
  }

  @Property(tries = 100)
  void aRejectedCallChangesNothing(
      @ForAll("events") List<E> events,
      @ForAll @IntRange(min = 0, max = 64) int doublings,
      @ForAll("hostileEvents") List<E> calls) {
    A acc = addAll(events);
    grow(acc, doublings);
    for (E e : calls) {
      byte[] before = acc.toBytes();
      try {
        add(acc, e);
      } catch (IllegalArgumentException | ArithmeticException rejected) {
        assertArrayEquals(before, acc.toBytes(), "add(" + e + ") threw " + rejected);
      }
      before = acc.toBytes();
      try {
        retract(acc, e);
      } catch (IllegalArgumentException | ArithmeticException rejected) {
        assertArrayEquals(before, acc.toBytes(), "retract(" + e + ") threw " + rejected);
      }
    }
  }

  @Property(tries = 100)
  void aMergeThatThrowsChangesNeitherSide(
      @ForAll("events") List<E> a,
      @ForAll @IntRange(min = 0, max = 64) int doubleA,
      @ForAll("events") List<E> b,
      @ForAll @IntRange(min = 0, max = 64) int doubleB) {
    A x = addAll(a);
    grow(x, doubleA);
    A y = addAll(b);
    grow(y, doubleB);
    byte[] xBefore = x.toBytes();
    byte[] yBefore = y.toBytes();
    A expected = x.copy();
    boolean threw = false;
    try {
      x.merge(y);
    } catch (ArithmeticException overflow) {
      threw = true;
      assertArrayEquals(xBefore, x.toBytes(), "merge threw " + overflow);
    }
    assertArrayEquals(yBefore, y.toBytes(), "merge never modifies its argument");
    if (!threw) {
      for (A part : List.of(y)) {
        expected.merge(part);
      }
      assertSameResult(expected, x);
    }
  }

  @Property(tries = 50)
  void mergingAnotherConfigurationIsRejectedAndChangesNothing(@ForAll("events") List<E> events) {
    A other = otherConfiguration();
    if (other == null) {
      return; // a single configuration: nothing to mismatch
    }
    A acc = addAll(events);
    byte[] before = acc.toBytes();
    byte[] otherBefore = other.toBytes();
    assertThrows(IllegalArgumentException.class, () -> acc.merge(other));
    assertThrows(IllegalArgumentException.class, () -> other.merge(acc));
    assertArrayEquals(before, acc.toBytes());
    assertArrayEquals(otherBefore, other.toBytes());
  }

  @Property(tries = 100)
  void mergingIntoItselfEqualsMergingACopy(@ForAll("events") List<E> events) {
    A self = addAll(events);
    A viaCopy = self.copy();
    viaCopy.merge(self.copy());
    self.merge(self);
    assertSameResult(viaCopy, self);
  }

  /**
   * One call of a random history: {@code kind} 0 adds {@code event}, 1 retracts {@code event}
   * (mostly never added), 2 retracts the {@code pick}-th event added so far (a real undo); {@code
   * hour} places it in one of four hourly windows for {@link WindowedKpi}.
   */
  record Op<T>(int kind, T event, int pick, int hour) {}

  @Provide
  Arbitrary<List<Op<E>>> ops() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 2),
            event(),
            Arbitraries.integers().between(0, 1000),
            Arbitraries.integers().between(0, 3))
        .as(Op<E>::new)
        .list()
        .ofMaxSize(40);
  }

  /** Applies {@code op}; false if it is a retraction and the kind is not retractable. */
  private boolean apply(A acc, Op<E> op, List<E> added) {
    if (op.kind() == 0) {
      add(acc, op.event());
      return true;
    }
    E e = op.kind() == 2 && !added.isEmpty() ? added.get(op.pick() % added.size()) : op.event();
    return retract(acc, e);
  }

  /**
   * The s10user finding 1 law: after any sequence of adds and retractions (right ones and wrong
   * ones), each call either throws and changes nothing, or leaves a state whose binary and JSON
   * snapshots read back to the same state: no call leaves a state the library's own reader refuses.
   */
  @Property(tries = 300)
  void everyAddOrRetractionThrowsChangingNothingOrLeavesARestorableState(
      @ForAll("ops") List<Op<E>> ops) {
    A acc = create();
    List<E> added = new ArrayList<>();
    for (Op<E> op : ops) {
      byte[] before = acc.toBytes();
      try {
        if (!apply(acc, op, added)) {
          return; // not retractable: nothing to check
        }
      } catch (IllegalArgumentException | ArithmeticException refused) {
        assertArrayEquals(before, acc.toBytes(), op + " threw " + refused);
        continue;
      }
      if (op.kind() == 0) {
        added.add(op.event());
      }
      byte[] b = acc.toBytes();
      assertArrayEquals(b, KpiSnapshots.fromBytes(b, acc.getClass()).toBytes(), op.toString());
      String json = KpiSnapshots.toJson(acc);
      assertEquals(json, KpiSnapshots.toJson(KpiSnapshots.fromJson(json, acc.getClass())));
    }
  }

  /**
   * The same law for a {@link WindowedKpi} holding the accumulator (hourly windows, no allowed
   * lateness, so later hours close earlier ones and some calls reach the all-time accumulator
   * only): a record that throws changes nothing, also when the all-time accumulator accepts a
   * retraction its window refuses, and every accepted one leaves a table that restores from its
   * binary and JSON checkpoints.
   */
  @Property(tries = 200)
  void aWindowedTableOfItThrowsChangingNothingOrRestores(@ForAll("ops") List<Op<E>> ops) {
    WindowedKpi<String, A> kpi =
        WindowedKpi.create(
            this::create, WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC), Duration.ZERO);
    @SuppressWarnings("unchecked")
    Class<A> type = (Class<A>) create().getClass();
    Instant t0 = Instant.parse("2026-03-02T08:00:00Z");
    List<E> added = new ArrayList<>();
    boolean[] retractable = {true};
    for (Op<E> op : ops) {
      String before = kpi.toJson(k -> k);
      try {
        kpi.record(
            "g" + op.pick() % 2,
            t0.plusSeconds(3600L * op.hour() + op.pick()),
            a -> retractable[0] &= apply(a, op, added));
      } catch (IllegalArgumentException | ArithmeticException refused) {
        assertEquals(before, kpi.toJson(k -> k), op + " threw " + refused);
        continue;
      }
      if (!retractable[0]) {
        return;
      }
      if (op.kind() == 0) {
        added.add(op.event());
      }
      String json = kpi.toJson(k -> k);
      assertEquals(json, WindowedKpi.fromJson(json, this::create, type, k -> k).toJson(k -> k));
      byte[] b = kpi.toBytes(k -> k);
      assertArrayEquals(
          b, WindowedKpi.fromBytes(b, this::create, type, k -> k).toBytes(k -> k), op.toString());
    }
  }
}
