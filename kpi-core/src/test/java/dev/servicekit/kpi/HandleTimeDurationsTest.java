package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * {@link HandleTimeAccumulator} takes the talk, hold and after-work times as {@link Duration}s, as
 * {@link PercentileAccumulator}, {@link DurationAccumulator} and {@link ServiceLevelAccumulator}
 * take theirs. Before, its only entry was three positional {@code long}s of milliseconds, easy to
 * swap or to give in seconds (a new user's review, s8review F1).
 */
class HandleTimeDurationsTest {

  @Test
  void durationsGiveTheSameResultAsTheirMilliseconds() {
    HandleTimeAccumulator byDuration = HandleTimeAccumulator.create();
    byDuration.add(Duration.ofMinutes(4), Duration.ofSeconds(30), Duration.ofMinutes(1));
    byDuration.add(Duration.ofMinutes(6), Duration.ZERO, Duration.ofMinutes(2));
    assertEquals(new HandleTimeResult(2, 600_000, 30_000, 180_000), byDuration.result());
    assertEquals(405_000.0, byDuration.result().averageHandleMillis().getAsDouble());
  }

  @Test
  void aSubMillisecondRemainderIsTruncatedAndRetractedTheSameWay() {
    HandleTimeAccumulator a = HandleTimeAccumulator.create();
    Duration talk = Duration.ofMillis(1500).plusNanos(999_999);
    a.add(talk, Duration.ofNanos(999_999), Duration.ZERO);
    assertEquals(new HandleTimeResult(1, 1500, 0, 0), a.result());
    a.retract(talk, Duration.ofNanos(999_999), Duration.ZERO);
    assertTrue(a.isEmpty());
  }

  @Test
  void aNegativeTimeIsRefusedByNameAndChangesNothing() {
    HandleTimeAccumulator a = HandleTimeAccumulator.create();
    a.add(Duration.ofMinutes(3), Duration.ZERO, Duration.ZERO);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> a.add(Duration.ofMinutes(3), Duration.ofNanos(-1), Duration.ZERO));
    assertEquals("hold PT-0.000000001S must be >= 0", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> a.retract(Duration.ofMinutes(3), Duration.ZERO, Duration.ofSeconds(1)));
    assertEquals(
        "cannot retract a contact of talk 180000 ms, hold 0 ms, after-work 1000 ms: more than was"
            + " added (1 contacts, talk 180000 ms, hold 0 ms, after-work 0 ms)",
        e.getMessage());
    assertEquals(new HandleTimeResult(1, 180_000, 0, 0), a.result());
  }

  @Property(tries = 200)
  void addingDurationsEqualsAddingTheirTruncatedMillisecondsAndRetractingUndoesIt(
      @ForAll @LongRange(min = 0, max = 86_400_000_000_000L) long talkNanos,
      @ForAll @LongRange(min = 0, max = 86_400_000_000_000L) long holdNanos,
      @ForAll @LongRange(min = 0, max = 86_400_000_000_000L) long afterNanos) {
    Duration t = Duration.ofNanos(talkNanos);
    Duration h = Duration.ofNanos(holdNanos);
    Duration w = Duration.ofNanos(afterNanos);
    HandleTimeAccumulator byDuration = HandleTimeAccumulator.create();
    HandleTimeAccumulator byMillis = HandleTimeAccumulator.create();
    byDuration.add(t, h, w);
    byMillis.addMillis(t.toMillis(), h.toMillis(), w.toMillis());
    assertEquals(byMillis.result(), byDuration.result());
    byDuration.retract(t, h, w);
    assertTrue(byDuration.isEmpty());
  }
}
