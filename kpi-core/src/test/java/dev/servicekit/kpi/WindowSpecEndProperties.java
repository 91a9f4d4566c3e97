package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link WindowSpec#end(Instant)} answers for any instant with the end of the window that holds it.
 * Before, an instant that was not a window start (a window key restored under another spec or
 * time-zone rule) got an instant that is no window's end: a DAY window's key at 15:00 ended the
 * next day at midnight, but a WEEK, MONTH or HOUR window's key ended at no boundary at all.
 */
class WindowSpecEndProperties {

  private static final List<ZoneId> ZONES =
      List.of(
          ZoneOffset.UTC,
          ZoneId.of("Europe/Berlin"),
          ZoneId.of("Asia/Kolkata"),
          ZoneId.of("America/Santiago"),
          ZoneId.of("Pacific/Kiritimati"));

  @Provide
  Arbitrary<WindowSpec> specs() {
    return Arbitraries.of(WindowUnit.class)
        .flatMap(u -> Arbitraries.of(ZONES).map(z -> WindowSpec.of(u, z)));
  }

  @Provide
  Arbitrary<Instant> times() {
    // 1990-2060, to the millisecond, DST changes included
    return Arbitraries.longs()
        .between(631_152_000_000L, 2_871_763_200_000L)
        .map(Instant::ofEpochMilli);
  }

  /** The end of the window holding a time, computed from the window's start (the old formula). */
  private static Instant endOfStart(WindowSpec spec, Instant start) {
    if (spec.unit() == WindowUnit.HOUR) {
      return start.plus(1, ChronoUnit.HOURS);
    }
    LocalDate d = start.atZone(spec.zone()).toLocalDate();
    LocalDate next =
        switch (spec.unit()) {
          case DAY -> d.plusDays(1);
          case WEEK -> d.plusWeeks(1);
          default -> d.plusMonths(1);
        };
    return next.atStartOfDay(spec.zone()).toInstant();
  }

  @Property(tries = 3000)
  void endOfAnyTimeIsTheEndOfItsWindow(
      @ForAll("specs") WindowSpec spec, @ForAll("times") Instant t) {
    Instant start = spec.start(t);
    Instant end = spec.end(t);
    assertEquals(spec.end(start), end, "a time and its window's start share one end");
    assertEquals(endOfStart(spec, start), end, "a window start's end is unchanged");
    assertTrue(end.isAfter(t));
    assertEquals(end, spec.start(end), "the end is the next window's start");
    assertFalse(spec.start(end.minusNanos(1)).isAfter(t), "nothing between t and end starts anew");
  }

  @Example
  void aWeekKeyThatIsNotAStartEndsAtTheWeeksEnd() {
    WindowSpec week = WindowSpec.of(WindowUnit.WEEK, ZoneOffset.UTC); // weeks start on Monday
    Instant wednesday = Instant.parse("2026-12-02T15:00:00Z");
    // before: Wednesday plus one week, 2026-12-09T00:00Z, which is no window's end
    assertEquals(Instant.parse("2026-12-07T00:00:00Z"), week.end(wednesday));
  }
}
