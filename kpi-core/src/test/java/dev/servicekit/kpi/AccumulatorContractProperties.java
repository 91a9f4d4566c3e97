package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Group;

/** Runs {@link AccumulatorContract} for every accumulator kind. */
class AccumulatorContractProperties {

  @Group
  class Rating extends AccumulatorContract<RatingAccumulator, Integer> {
    @Override
    RatingAccumulator create() {
      return RatingAccumulator.create(RatingScale.csatFivePoint());
    }

    @Override
    Arbitrary<Integer> event() {
      return Arbitraries.integers().between(1, 5);
    }

    @Override
    Arbitrary<Integer> hostileEvent() {
      return Arbitraries.integers().between(-1, 8);
    }

    @Override
    RatingAccumulator otherConfiguration() {
      return RatingAccumulator.create(RatingScale.cesSevenPoint());
    }

    @Override
    void add(RatingAccumulator acc, Integer e) {
      acc.add(e);
    }

    @Override
    boolean retract(RatingAccumulator acc, Integer e) {
      acc.retract(e);
      return true;
    }
  }

  @Group
  class Nps extends AccumulatorContract<NpsAccumulator, Integer> {
    @Override
    NpsAccumulator create() {
      return NpsAccumulator.create();
    }

    @Override
    Arbitrary<Integer> event() {
      return Arbitraries.integers().between(0, 10);
    }

    @Override
    Arbitrary<Integer> hostileEvent() {
      return Arbitraries.integers().between(-2, 12);
    }

    @Override
    void add(NpsAccumulator acc, Integer e) {
      acc.add(e);
    }

    @Override
    boolean retract(NpsAccumulator acc, Integer e) {
      acc.retract(e);
      return true;
    }
  }

  @Group
  class Durations extends AccumulatorContract<DurationAccumulator, Long> {
    @Override
    DurationAccumulator create() {
      return DurationAccumulator.create();
    }

    @Override
    Arbitrary<Long> event() {
      return Arbitraries.longs().between(0, 30L * 24 * 3600 * 1000);
    }

    @Override
    Arbitrary<Long> hostileEvent() {
      return Arbitraries.oneOf(
          event(), Arbitraries.of(-1L, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE / 2));
    }

    @Override
    void add(DurationAccumulator acc, Long e) {
      acc.addMillis(e);
    }

    @Override
    boolean retract(DurationAccumulator acc, Long e) {
      acc.retractMillis(e);
      return true;
    }
  }

  @Group
  class HandleTime extends AccumulatorContract<HandleTimeAccumulator, List<Long>> {
    @Override
    HandleTimeAccumulator create() {
      return HandleTimeAccumulator.create();
    }

    @Override
    Arbitrary<List<Long>> event() {
      return Arbitraries.longs().between(0, 3_600_000).list().ofSize(3);
    }

    @Override
    Arbitrary<List<Long>> hostileEvent() {
      return Arbitraries.oneOf(
              Arbitraries.longs().between(0, 3_600_000),
              Arbitraries.of(-1L, Long.MAX_VALUE, Long.MAX_VALUE / 2))
          .list()
          .ofSize(3);
    }

    @Override
    void add(HandleTimeAccumulator acc, List<Long> e) {
      acc.addMillis(e.get(0), e.get(1), e.get(2));
    }

    @Override
    boolean retract(HandleTimeAccumulator acc, List<Long> e) {
      acc.retractMillis(e.get(0), e.get(1), e.get(2));
      return true;
    }
  }

  @Group
  class Outcome extends AccumulatorContract<OutcomeAccumulator, Boolean> {
    @Override
    OutcomeAccumulator create() {
      return OutcomeAccumulator.create();
    }

    @Override
    Arbitrary<Boolean> event() {
      return Arbitraries.of(true, false);
    }

    @Override
    void add(OutcomeAccumulator acc, Boolean e) {
      acc.add(e);
    }

    @Override
    boolean retract(OutcomeAccumulator acc, Boolean e) {
      acc.retract(e);
      return true;
    }
  }

  /** One call: answered or abandoned, with its wait. */
  record Call(boolean answered, long waitMillis) {}

  @Group
  class ServiceLevel extends AccumulatorContract<ServiceLevelAccumulator, Call> {
    @Override
    ServiceLevelAccumulator create() {
      return ServiceLevelAccumulator.create(
          ServiceLevelPolicy.of(
              Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(30)));
    }

    @Override
    Arbitrary<Call> event() {
      return Combinators.combine(
              Arbitraries.of(true, false), Arbitraries.longs().between(0, 120_000))
          .as(Call::new);
    }

    @Override
    Arbitrary<Call> hostileEvent() {
      return Combinators.combine(
              Arbitraries.of(true, false),
              Arbitraries.oneOf(
                  Arbitraries.longs().between(0, 120_000),
                  Arbitraries.of(-1L, Long.MAX_VALUE, Long.MAX_VALUE / 2)))
          .as(Call::new);
    }

    @Override
    ServiceLevelAccumulator otherConfiguration() {
      return ServiceLevelAccumulator.create(
          ServiceLevelPolicy.of(
              Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(30)));
    }

    @Override
    void add(ServiceLevelAccumulator acc, Call e) {
      if (e.answered()) {
        acc.answeredMillis(e.waitMillis());
      } else {
        acc.abandonedMillis(e.waitMillis());
      }
    }

    @Override
    boolean retract(ServiceLevelAccumulator acc, Call e) {
      if (e.answered()) {
        acc.retractAnsweredMillis(e.waitMillis());
      } else {
        acc.retractAbandonedMillis(e.waitMillis());
      }
      return true;
    }
  }

  @Group
  class Percentiles extends AccumulatorContract<PercentileAccumulator, Long> {
    @Override
    PercentileAccumulator create() {
      return PercentileAccumulator.create();
    }

    @Override
    Arbitrary<Long> event() {
      return Arbitraries.longs().between(0, 7L * 24 * 3600 * 1000);
    }

    @Override
    Arbitrary<Long> hostileEvent() {
      return Arbitraries.oneOf(event(), Arbitraries.of(-1L, Long.MIN_VALUE));
    }

    @Override
    PercentileAccumulator otherConfiguration() {
      return PercentileAccumulator.create(0.02);
    }

    @Override
    void add(PercentileAccumulator acc, Long e) {
      acc.addMillis(e);
    }

    @Override
    boolean retract(PercentileAccumulator acc, Long e) {
      acc.retractMillis(e); // by bucket: the store is rebuilt without it
      return true;
    }

    @Override
    void assertSameResult(PercentileAccumulator expected, PercentileAccumulator actual) {
      // Bucket-wise merge is exact, so the quantiles agree exactly, not only within accuracy.
      assertEquals(expected.count(), actual.count());
      for (double q : new double[] {0, 0.25, 0.5, 0.9, 0.99, 1}) {
        assertEquals(expected.quantileMillis(q), actual.quantileMillis(q), "q=" + q);
      }
    }
  }

  @Group
  class DrillDown extends AccumulatorContract<DrillDownSample, Call> {
    @Override
    DrillDownSample create() {
      return DrillDownSample.create(5);
    }

    @Override
    DrillDownSample otherConfiguration() {
      return DrillDownSample.create(6);
    }

    @Override
    Arbitrary<Call> event() {
      // reuse Call as (id bit, value): ids from a small set so duplicates occur
      return Combinators.combine(Arbitraries.of(true, false), Arbitraries.longs().between(0, 20))
          .as(Call::new);
    }

    @Override
    void add(DrillDownSample acc, Call e) {
      acc.add("t-" + (e.waitMillis() % 9) + (e.answered() ? "a" : "b"), e.waitMillis() / 3);
    }

    @Override
    boolean retract(DrillDownSample acc, Call e) {
      return false; // not retractable
    }
  }

  @Group
  class AgentTime extends AccumulatorContract<AgentTimeAccumulator, Call> {
    @Override
    AgentTimeAccumulator create() {
      return AgentTimeAccumulator.create();
    }

    @Override
    Arbitrary<Call> event() {
      return Combinators.combine(
              Arbitraries.of(true, false), Arbitraries.longs().between(0, 8 * 3_600_000))
          .as(Call::new);
    }

    private static AgentTimeAccumulator.Bucket bucket(Call e) {
      return AgentTimeAccumulator.Bucket.values()[(int) (e.waitMillis() % 3)];
    }

    @Override
    Arbitrary<Call> hostileEvent() {
      return Combinators.combine(
              Arbitraries.of(true, false),
              Arbitraries.oneOf(
                  Arbitraries.longs().between(0, 8 * 3_600_000),
                  Arbitraries.of(-1L, -2L, Long.MAX_VALUE, Long.MAX_VALUE - 1)))
          .as(Call::new);
    }

    private static AgentTimeAccumulator.Bucket bucketOf(Call e) {
      return AgentTimeAccumulator.Bucket.values()[(int) Math.floorMod(e.waitMillis(), 3L)];
    }

    @Override
    void add(AgentTimeAccumulator acc, Call e) {
      if (e.answered()) {
        acc.addContactMillis(e.waitMillis());
      } else {
        acc.addTimeMillis(bucketOf(e), e.waitMillis());
      }
    }

    @Override
    boolean retract(AgentTimeAccumulator acc, Call e) {
      if (e.answered()) {
        acc.retractContactMillis(e.waitMillis());
      } else {
        acc.retractTimeMillis(bucketOf(e), e.waitMillis());
      }
      return true;
    }
  }

  @Group
  class Cost extends AccumulatorContract<CostAccumulator, List<Long>> {
    @Override
    CostAccumulator create() {
      return CostAccumulator.create();
    }

    @Override
    Arbitrary<List<Long>> event() {
      return Arbitraries.longs().between(0, 1_000_000).list().ofSize(2);
    }

    @Override
    Arbitrary<List<Long>> hostileEvent() {
      return Arbitraries.oneOf(
              Arbitraries.longs().between(0, 1_000_000), Arbitraries.of(-1L, Long.MAX_VALUE))
          .list()
          .ofSize(2);
    }

    @Override
    void add(CostAccumulator acc, List<Long> e) {
      if (e.get(1) < 0) {
        acc.addContacts(e.get(1)); // rejected: one call, so the harness changes nothing either
        return;
      }
      acc.addCost(e.get(0));
      acc.addContacts(e.get(1) % 5);
    }

    @Override
    boolean retract(CostAccumulator acc, List<Long> e) {
      acc.retract(e.get(0), e.get(1) < 0 ? e.get(1) : e.get(1) % 5);
      return true;
    }
  }

  @Group
  class Backlog extends AccumulatorContract<BacklogAccumulator, Boolean> {
    @Override
    BacklogAccumulator create() {
      return BacklogAccumulator.create();
    }

    @Override
    Arbitrary<Boolean> event() {
      return Arbitraries.of(true, false);
    }

    @Override
    void add(BacklogAccumulator acc, Boolean opened) {
      if (opened) {
        acc.opened();
      } else {
        acc.closed();
      }
    }

    @Override
    boolean retract(BacklogAccumulator acc, Boolean opened) {
      if (opened) {
        acc.retractOpened();
      } else {
        acc.retractClosed();
      }
      return true;
    }
  }

  static final ProductivityIndex INDEX =
      ProductivityIndex.of(
          new java.util.LinkedHashMap<>(
              java.util.Map.of("reply", 1.0, "closure", 2.0, "escalation", 0.5)),
          80,
          10);

  @Group
  class Productivity extends AccumulatorContract<ProductivityAccumulator, Integer> {
    @Override
    ProductivityAccumulator create() {
      return INDEX.newAccumulator();
    }

    @Override
    Arbitrary<Integer> event() {
      return Arbitraries.integers().between(0, 2);
    }

    @Override
    Arbitrary<Integer> hostileEvent() {
      return Arbitraries.integers().between(-1, 4);
    }

    @Override
    ProductivityAccumulator otherConfiguration() {
      return ProductivityIndex.of(
              new java.util.LinkedHashMap<>(java.util.Map.of("reply", 1.0, "closure", 2.0)), 80, 10)
          .newAccumulator();
    }

    @Override
    void add(ProductivityAccumulator acc, Integer e) {
      acc.add(e);
    }

    @Override
    boolean retract(ProductivityAccumulator acc, Integer e) {
      acc.retract(e);
      return true;
    }
  }
}
