package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The ends of the supported range: every instant an operation answers is one it accepts, so a
 * deadline that would fall on {@link BusinessCalendar#SUPPORTED_END} does not exist (like {@code
 * nextClose} of a period open up to it), while {@code minus} may answer {@link
 * BusinessCalendar#SUPPORTED_START}. Checked on the reproducers and against the brute-force {@link
 * Oracle} in the first and last month of the range.
 */
class BusinessCalendarRangeEndTest {
  private static final Instant START = BusinessCalendar.SUPPORTED_START;
  private static final Instant END = BusinessCalendar.SUPPORTED_END;
  private static final long SPAN = END.getEpochSecond() - START.getEpochSecond();

  @Test
  void alwaysOpenCalendarHasNoDeadlineAtTheEndOfTheRangeWhereverTheSearchStarts() {
    BusinessCalendar always = BusinessCalendar.always(ZoneOffset.UTC);
    assertEquals(12_622_780_800L, SPAN);
    assertThrows(IllegalStateException.class, () -> always.plus(START, Duration.ofSeconds(SPAN)));
    // these two answered 2300-01-01T00:00:00Z, an instant every operation rejects
    assertThrows(
        IllegalStateException.class,
        () -> always.plus(START.plusSeconds(1), Duration.ofSeconds(SPAN - 1)));
    Instant lastHour = Instant.parse("2299-12-31T23:00:00Z");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> always.plus(lastHour, Duration.ofHours(1)));
    assertTrue(e.getMessage().contains("not enough working time after it"), e.getMessage());
    assertEquals(Optional.empty(), always.nextClose(lastHour));
    assertThrows(IllegalArgumentException.class, () -> always.isOpen(END));
  }

  @Test
  void theLastNanosecondBeforeTheEndIsStillADeadline() {
    BusinessCalendar always = BusinessCalendar.always(ZoneOffset.UTC);
    Instant lastHour = Instant.parse("2299-12-31T23:00:00Z");
    Instant last = always.plus(lastHour, Duration.ofHours(1).minusNanos(1));
    assertEquals(END.minusNanos(1), last);
    assertEquals(Duration.ofHours(1).minusNanos(1), always.between(lastHour, last));
    assertEquals(last, always.plus(START, Duration.ofSeconds(SPAN).minusNanos(1)));
  }

  @Test
  void minusMayAnswerTheStartOfTheRangeWhichIsAnAcceptedInput() {
    BusinessCalendar always = BusinessCalendar.always(ZoneOffset.UTC);
    Instant t = always.minus(START.plusSeconds(3600), Duration.ofHours(1));
    assertEquals(START, t);
    assertTrue(always.isOpen(t));
    assertEquals(Duration.ofHours(1), always.between(t, START.plusSeconds(3600)));
    assertThrows(
        IllegalStateException.class,
        () -> always.minus(START.plusSeconds(3600), Duration.ofHours(1).plusNanos(1)));
  }

  @Test
  void aShiftCutByTheEndOfTheRangeEndsNowhereAndCannotBeUsedUp() {
    // Sunday 2299-12-31 22:00 UTC until Monday 06:00, which lies beyond the range
    BusinessCalendar night =
        BusinessCalendar.builder(ZoneOffset.UTC)
            .hours(DayOfWeek.SUNDAY, TimeRange.of(LocalTime.of(22, 0), LocalTime.of(6, 0)))
            .build();
    Instant t = Instant.parse("2299-12-31T23:00:00Z");
    assertEquals(DayOfWeek.SUNDAY, LocalDate.of(2299, 12, 31).getDayOfWeek());
    assertTrue(night.isOpen(t));
    assertEquals(Optional.empty(), night.nextClose(t));
    assertThrows(IllegalStateException.class, () -> night.plus(t, Duration.ofHours(1)));
    assertEquals(END.minusSeconds(1), night.plus(t, Duration.ofMinutes(59).plusSeconds(59)));
    assertEquals(
        List.of(new OpenPeriod(Instant.parse("2299-12-31T22:00:00Z"), END.minusSeconds(1))),
        night.openPeriods(Instant.parse("2299-12-31T00:00:00Z"), END.minusSeconds(1)));
  }

  @Test
  void everyOperationAgreesWithTheOracleInTheLastAndFirstMonthOfTheRange() {
    Random rnd = new Random(20261204L);
    List<String> failures = new ArrayList<>();
    int plusAtEnd = 0;
    for (int c = 0; c < 60; c++) {
      boolean atEnd = c % 2 == 0;
      LocalDate from = atEnd ? LocalDate.of(2299, 12, 1) : LocalDate.of(1900, 1, 1);
      LocalDate to = atEnd ? LocalDate.of(2300, 1, 1) : LocalDate.of(1900, 2, 1);
      ZoneId zone = c % 3 == 0 ? ZoneOffset.UTC : RandomCalendars.zone(rnd);
      CalendarSpec spec =
          RandomCalendars.spec(
              rnd,
              c % RandomCalendars.KINDS.length,
              zone,
              atEnd ? from : from.plusDays(1),
              atEnd ? to.minusDays(1) : to);
      BusinessCalendar built = spec.build();
      Oracle single = new Oracle(spec, from, to);
      BusinessCalendar cal = built;
      Oracle o = single;
      if (c % 5 == 4) {
        // a merge of two calendars: the yearly totals and learned bounds of both sides matter
        CalendarSpec other =
            RandomCalendars.spec(rnd, 0, RandomCalendars.zone(rnd), from.plusDays(1), to);
        boolean union = rnd.nextBoolean();
        Oracle oo = new Oracle(other, from, to);
        cal = union ? built.union(other.build()) : built.intersection(other.build());
        o = union ? Oracle.union(single, oo) : Oracle.intersection(single, oo);
      }
      for (int q = 0; q < 150; q++) {
        Instant a = pick(o, rnd);
        Instant b = pick(o, rnd);
        Duration random = RandomCalendars.duration(rnd, rnd.nextBoolean() ? 12 : 400);
        Duration left = o.between(a, END);
        boolean exact = atEnd && rnd.nextInt(4) == 0 && !left.isZero();
        // exactly the working time left: the deadline would be the end of the range
        Duration d = exact ? left : random;
        if (exact) {
          plusAtEnd++;
        }
        String ctx = spec + " a=" + a + " b=" + b + " d=" + d;
        check(failures, "isOpen " + ctx, o.isOpen(a), cal.isOpen(a));
        Instant lo = a.isBefore(b) ? a : b;
        Instant hi = a.isBefore(b) ? b : a;
        check(failures, "between " + ctx, o.between(lo, hi), cal.between(lo, hi));
        check(failures, "openPeriods " + ctx, o.periods(lo, hi), cal.openPeriods(lo, hi));
        // the oracle's window ends where the range ends, so "none inside it" is exact there only
        Instant open = o.nextOpen(a);
        if (atEnd || open != null) {
          check(failures, "nextOpen " + ctx, Optional.ofNullable(open), cal.nextOpen(a));
        }
        Instant close = o.nextClose(a);
        if (atEnd || close != null) {
          check(failures, "nextClose " + ctx, Optional.ofNullable(close), cal.nextClose(a));
        }
        BusinessCalendar calendar = cal;
        if (atEnd) {
          // the oracle may answer the end of the window (= of the range); the contract says none
          Optional<Instant> expected = Optional.ofNullable(o.plus(a, d)).filter(END::isAfter);
          check(failures, "plus " + ctx, expected, attempt(cal, () -> calendar.plus(a, d)));
        } else {
          check(
              failures,
              "minus " + ctx,
              Optional.ofNullable(o.minus(b, d)),
              attempt(cal, () -> calendar.minus(b, d)));
        }
      }
    }
    assertTrue(plusAtEnd > 200, "deadlines aimed at the end of the range: " + plusAtEnd);
    assertTrue(
        failures.isEmpty(), () -> failures.size() + " mismatches, first: " + failures.get(0));
  }

  private static Instant pick(Oracle o, Random rnd) {
    if (!o.intervals.isEmpty() && rnd.nextInt(3) == 0) {
      Instant[] x = o.intervals.get(rnd.nextInt(o.intervals.size()));
      Instant t = x[rnd.nextInt(2)].minusNanos(rnd.nextInt(2));
      if (!t.isBefore(o.lo) && t.isBefore(o.hi)) {
        return t;
      }
    }
    long span = o.hi.getEpochSecond() - o.lo.getEpochSecond();
    return o.lo.plusSeconds((long) (rnd.nextDouble() * span)).plusNanos(rnd.nextInt(2) * 7);
  }

  private static Optional<Instant> attempt(
      BusinessCalendar cal, java.util.function.Supplier<Instant> f) {
    try {
      Instant t = f.get();
      // whatever an operation answers, every operation accepts
      cal.isOpen(t);
      return Optional.of(t);
    } catch (IllegalStateException e) {
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      fail("an answer was rejected as input: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static void check(List<String> failures, String what, Object expected, Object actual) {
    if (!expected.equals(actual)) {
      failures.add(what + ": expected " + expected + " but was " + actual);
    }
  }
}
