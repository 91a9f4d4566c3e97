package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A single value that makes a sum overflow throws the documented {@link ArithmeticException}, whose
 * message names the sum and both operands, and leaves the accumulator exactly as it was (review 18:
 * {@code ServiceLevelAccumulator.answered(Long.MAX_VALUE)} threw a bare "long overflow").
 */
class AccumulatorOverflowTest {

  /**
   * Applies {@code before}, then checks that {@code overflow} throws {@code message} and changes
   * nothing.
   */
  private static <A extends KpiAccumulator<A, ?>> void overflowChangesNothing(
      Supplier<A> factory, Consumer<A> before, Consumer<A> overflow, String message) {
    A a = factory.get();
    before.accept(a);
    byte[] state = a.toBytes();
    Object result = a.result();
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> overflow.accept(a));
    assertEquals(message, e.getMessage());
    assertArrayEquals(state, a.toBytes());
    assertEquals(result, a.result());
  }

  private static final long MAX = Long.MAX_VALUE;

  @Test
  void serviceLevelAnsweredWaitOverflowNamesTheTotalAnswerWait() {
    ServiceLevelPolicy policy =
        ServiceLevelPolicy.of(
            Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(60));
    overflowChangesNothing(
        () -> ServiceLevelAccumulator.create(policy),
        a -> {
          a.answeredMillis(12_000);
          a.abandonedMillis(3_000);
        },
        a -> a.answeredMillis(MAX),
        "total answer wait (ms) would overflow: 12000 + 9223372036854775807 is outside the range"
            + " of a long");
    overflowChangesNothing(
        () -> ServiceLevelAccumulator.create(policy),
        a -> a.answeredMillis(1),
        a -> a.answered(Duration.ofMillis(MAX)),
        "total answer wait (ms) would overflow: 1 + 9223372036854775807 is outside the range of a"
            + " long");
  }

  @Test
  void durationHandleTimeAgentTimeAndCostOverflowsNameTheirSum() {
    overflowChangesNothing(
        DurationAccumulator::create,
        a -> a.addMillis(5),
        a -> a.addMillis(MAX),
        "total duration (ms) would overflow: 5 + 9223372036854775807 is outside the range of a"
            + " long");
    overflowChangesNothing(
        HandleTimeAccumulator::create,
        a -> a.addMillis(1, 2, 3),
        a -> a.addMillis(0, MAX, 0),
        "total hold time (ms) would overflow: 2 + 9223372036854775807 is outside the range of a"
            + " long");
    overflowChangesNothing(
        HandleTimeAccumulator::create,
        a -> a.addMillis(1, 2, 3),
        a -> a.addMillis(0, 0, MAX - 2),
        "total after-contact work time (ms) would overflow: 3 + 9223372036854775805 is outside the"
            + " range of a long");
    overflowChangesNothing(
        AgentTimeAccumulator::create,
        a -> a.addContactMillis(7),
        a -> a.addContactMillis(MAX),
        "total handle time (ms) would overflow: 7 + 9223372036854775807 is outside the range of a"
            + " long");
    overflowChangesNothing(
        AgentTimeAccumulator::create,
        a -> a.addTimeMillis(AgentTimeAccumulator.Bucket.IDLE, 7),
        a -> a.addTimeMillis(AgentTimeAccumulator.Bucket.IDLE, MAX),
        "total IDLE time (ms) would overflow: 7 + 9223372036854775807 is outside the range of a"
            + " long");
    overflowChangesNothing(
        CostAccumulator::create,
        a -> a.addCost(100),
        a -> a.addCost(MAX),
        "total cost would overflow: 100 + 9223372036854775807 is outside the range of a long");
    overflowChangesNothing(
        CostAccumulator::create,
        a -> a.addContacts(2),
        a -> a.addContacts(MAX),
        "contacts would overflow: 2 + 9223372036854775807 is outside the range of a long");
  }

  /** A merge that overflows names the sum like {@code add} does and changes neither side. */
  private static <A extends KpiAccumulator<A, ?>> void mergeOverflowChangesNothing(
      Supplier<A> factory, Consumer<A> fill, String message) {
    A a = factory.get();
    A b = factory.get();
    fill.accept(a);
    fill.accept(b);
    byte[] before = a.toBytes();
    byte[] other = b.toBytes();
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> a.merge(b));
    assertEquals(message, e.getMessage());
    assertArrayEquals(before, a.toBytes());
    assertArrayEquals(other, b.toBytes());
  }

  @Test
  void mergeOverflowsNameTheirSumLikeAdd() {
    // review20 finding 8: DurationAccumulator.merge threw a bare "long overflow"
    mergeOverflowChangesNothing(
        DurationAccumulator::create,
        a -> a.addMillis(MAX),
        "total duration (ms) would overflow: 9223372036854775807 + 9223372036854775807 is outside"
            + " the range of a long");
    mergeOverflowChangesNothing(
        HandleTimeAccumulator::create,
        a -> a.addMillis(0, MAX, 0),
        "total hold time (ms) would overflow: 9223372036854775807 + 9223372036854775807 is outside"
            + " the range of a long");
    mergeOverflowChangesNothing(
        AgentTimeAccumulator::create,
        a -> a.addTimeMillis(AgentTimeAccumulator.Bucket.IDLE, MAX),
        "total IDLE time (ms) would overflow: 9223372036854775807 + 9223372036854775807 is"
            + " outside the range of a long");
    mergeOverflowChangesNothing(
        CostAccumulator::create,
        a -> a.addCost(MAX),
        "total cost would overflow: 9223372036854775807 + 9223372036854775807 is outside the"
            + " range of a long");
    mergeOverflowChangesNothing(
        () ->
            ServiceLevelAccumulator.create(
                ServiceLevelPolicy.of(
                    Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(60))),
        a -> a.answeredMillis(MAX),
        "total answer wait (ms) would overflow: 9223372036854775807 + 9223372036854775807 is"
            + " outside the range of a long");
  }

  @Test
  void theAverageHandleTimeNeverOverflowsAndTheTotalNamesItsSum() {
    // review20 finding 8: add(MAX, MAX, MAX) is accepted, then averageHandleMillis() threw
    HandleTimeAccumulator h = HandleTimeAccumulator.create();
    h.addMillis(MAX, MAX, MAX);
    HandleTimeResult r = h.result();
    assertEquals(3.0 * MAX, r.averageHandleMillis().orElseThrow(), 1e5);
    ArithmeticException e = assertThrows(ArithmeticException.class, r::handleMillis);
    assertEquals(
        "total handle time (ms) would overflow: 9223372036854775807 + 9223372036854775807 is"
            + " outside the range of a long",
        e.getMessage());
    // within a long the average is the exact total over the count, as before
    assertEquals(
        (double) (MAX - 3) / 3,
        new HandleTimeResult(3, MAX - 5, 1, 1).averageHandleMillis().orElseThrow());
    assertEquals(2.0, new HandleTimeResult(3, 1, 2, 3).averageHandleMillis().orElseThrow());
  }

  @Test
  void aSumThatReachesExactlyLongMaxValueIsAccepted() {
    DurationAccumulator d = DurationAccumulator.create();
    d.addMillis(MAX - 1);
    d.addMillis(1);
    assertEquals(2, d.result().count());
    AgentTimeAccumulator t = AgentTimeAccumulator.create();
    t.addTimeMillis(AgentTimeAccumulator.Bucket.IDLE, MAX - 1);
    t.addTimeMillis(AgentTimeAccumulator.Bucket.IDLE, 1);
    assertThrows(
        ArithmeticException.class, () -> t.addTimeMillis(AgentTimeAccumulator.Bucket.IDLE, 1));
  }

  /**
   * Ratings added in an order whose partial sums fit a long, so that the ratings left after a
   * retraction sum beyond it: the retraction is refused and changes nothing (a review found the sum
   * wrapped silently, leaving an accumulator whose result and snapshot were refused), also through
   * {@link RevisedValues}, which retracts the old value of a revised key.
   */
  @Test
  void aRetractionWhoseRatingsLeftOverflowIsRefusedAndChangesNothing() {
    Consumer<RatingAccumulator> nearMax =
        r -> {
          r.add(2);
          for (int i = 0; i < 61; i++) {
            r.merge(r.copy());
            r.add(2);
          }
          r.add(-2);
          r.add(1);
          r.add(1);
        };
    overflowChangesNothing(
        () -> RatingAccumulator.create(RatingScale.of(-2, 2, 1)),
        nearMax,
        r -> r.retract(-2),
        "cannot retract rating -2: the sum of the ratings left, 9223372036854775806 - (-2),"
            + " overflows a long");
    RatingAccumulator target = RatingAccumulator.create(RatingScale.of(-2, 2, 1));
    nearMax.accept(target); // sum Long.MAX_VALUE - 1
    RevisedValues<String, RatingAccumulator> revised = RevisedValues.create(target);
    revised.apply("k", 1, -2); // sum MAX - 3
    byte[] before = target.toBytes();
    // revised to 2: the ratings then sum to MAX + 1
    assertThrows(ArithmeticException.class, () -> revised.apply("k", 2, 2));
    assertArrayEquals(before, target.toBytes());
    assertEquals(RevisedValues.Outcome.REPLACED, revised.apply("k", 2, 1)); // sum MAX
  }
}
