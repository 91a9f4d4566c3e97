package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@link RepeatContactTracker#outcomes()} is a copy: a caller who adds to it cannot make the
 * tracker's counts disagree with the contacts it holds (which made it refuse its own snapshot).
 */
class RepeatContactTrackerOutcomesTest {

  @Test
  void changingTheOutcomesReturnedChangesNothingInTheTracker() {
    RepeatContactTracker<String> t = RepeatContactTracker.create(Duration.ofDays(7));
    Instant t0 = Instant.parse("2026-03-02T09:00:00Z");
    t.contact("ann", t0);
    t.contact("ann", t0.plus(Duration.ofDays(1))); // a repeat: the first is no longer resolved
    byte[] before = t.toBytes(KeyCodec.strings());
    OutcomeResult result = t.result();
    t.outcomes().add(true);
    t.outcomes().merge(t.outcomes());
    assertArrayEquals(before, t.toBytes(KeyCodec.strings()));
    assertEquals(result, t.result());
    assertEquals(result, t.outcomes().result());
    assertEquals(
        result, RepeatContactTracker.fromBytes(before, KeyCodec.strings()).result()); // reads back
  }
}
