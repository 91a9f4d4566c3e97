package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Every duration the KPI accumulators take can be given as a {@link Duration} on the way in and on
 * the way out: the agent-time accumulator took only milliseconds, and the duration and
 * service-level accumulators added {@code Duration}s but retracted only milliseconds, so a caller
 * had to repeat the truncation rule to undo an add (a new user's review, s8review F1). Laws: the
 * {@code Duration} form equals the millisecond form of the truncated value, and retracting what was
 * added gives the empty accumulator.
 */
class DurationOverloadsProperties {

  private static final long DAY_NANOS = 86_400_000_000_000L;

  @Property(tries = 200)
  void agentTimeTakesDurationsAsTheirTruncatedMilliseconds(
      @ForAll @LongRange(min = 0, max = DAY_NANOS) long handleNanos,
      @ForAll @LongRange(min = 0, max = DAY_NANOS) long idleNanos,
      @ForAll AgentTimeAccumulator.Bucket bucket) {
    Duration handle = Duration.ofNanos(handleNanos);
    Duration idle = Duration.ofNanos(idleNanos);
    AgentTimeAccumulator byDuration = AgentTimeAccumulator.create();
    AgentTimeAccumulator byMillis = AgentTimeAccumulator.create();
    byDuration.addContact(handle);
    byDuration.addTime(bucket, idle);
    byMillis.addContactMillis(handle.toMillis());
    byMillis.addTimeMillis(bucket, idle.toMillis());
    assertEquals(byMillis.result(), byDuration.result());
    byDuration.retractContact(handle);
    byDuration.retractTime(bucket, idle);
    assertTrue(byDuration.isEmpty());
  }

  @Property(tries = 200)
  void aDurationRetractsWhatItAdded(
      @ForAll @LongRange(min = 0, max = DAY_NANOS) long a,
      @ForAll @LongRange(min = 0, max = DAY_NANOS) long b) {
    DurationAccumulator acc = DurationAccumulator.create();
    acc.add(Duration.ofNanos(a));
    acc.add(Duration.ofNanos(b));
    DurationAccumulator one = DurationAccumulator.create();
    one.add(Duration.ofNanos(b));
    acc.retract(Duration.ofNanos(a));
    assertEquals(one.result(), acc.result());
    acc.retract(Duration.ofNanos(b));
    assertTrue(acc.isEmpty());
  }

  @Property(tries = 200)
  void aServiceLevelWaitRetractsWhatItAdded(
      @ForAll @LongRange(min = 0, max = 120_000_000_000L) long answeredNanos,
      @ForAll @LongRange(min = 0, max = 120_000_000_000L) long abandonedNanos) {
    ServiceLevelAccumulator acc =
        ServiceLevelAccumulator.create(
            ServiceLevelPolicy.of(
                Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(30)));
    Duration answered = Duration.ofNanos(answeredNanos);
    Duration abandoned = Duration.ofNanos(abandonedNanos);
    acc.answered(answered);
    acc.abandoned(abandoned);
    acc.retractAnswered(answered);
    acc.retractAbandoned(abandoned);
    assertTrue(acc.isEmpty());
  }

  @Example
  void aNegativeDurationIsRefusedByNameAndChangesNothing() {
    AgentTimeAccumulator a = AgentTimeAccumulator.create();
    a.addContact(Duration.ofMinutes(5));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> a.addContact(Duration.ofNanos(-1)));
    assertEquals("handleTime PT-0.000000001S must be >= 0", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> a.addTime(AgentTimeAccumulator.Bucket.IDLE, Duration.ofSeconds(-1)));
    assertEquals("time PT-1S must be >= 0", e.getMessage());
    AgentTimeAccumulator fresh = AgentTimeAccumulator.create();
    fresh.addContactMillis(300_000);
    assertEquals(fresh.result(), a.result());
  }
}
