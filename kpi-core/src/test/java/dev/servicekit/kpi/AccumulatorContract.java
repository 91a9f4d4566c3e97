package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The laws of {@link KpiAccumulator}, run for every accumulator kind by a subclass (the shape of
 * sketches-java's {@code QuantileSketchTest}): identity, one-by-one == partitioned-and-merged in
 * any order, commutativity, associativity, retraction, snapshot round trips.
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

  /** Asserts two results are equal (exactly for counters; sketches override if needed). */
  void assertSameResult(A expected, A actual) {
    assertEquals(expected.result(), actual.result());
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
}
