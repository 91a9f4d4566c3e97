package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential test: the engine against the brute-force {@link Oracle} on random calendars from the
 * configuration matrix, in DST zones, years 1990-2060. Every query compares every operation; the
 * test demands zero mismatches.
 */
class BusinessCalendarDifferentialTest {
  private static final int CALENDARS = 500;
  private static final int QUERIES_PER_CALENDAR = 220;
  private static final int WINDOW_DAYS = 50;

  @Test
  void engineAgreesWithOracleOnOver100kRandomCases() {
    Random rnd = new Random(20261123L);
    Stats stats = new Stats();
    for (int c = 0; c < CALENDARS; c++) {
      ZoneId zone = RandomCalendars.zone(rnd);
      LocalDate from = LocalDate.of(1990 + rnd.nextInt(70), 1, 1).plusDays(rnd.nextInt(365));
      // every tenth window straddles a UTC new year, where the engine switches chunks
      if (c % 10 == 0) {
        from = LocalDate.of(from.getYear(), 12, 1 + rnd.nextInt(20));
      }
      LocalDate to = from.plusDays(WINDOW_DAYS);
      int kind = c % RandomCalendars.KINDS.length;
      CalendarSpec spec = RandomCalendars.spec(rnd, kind, zone, from.minusDays(5), to.plusDays(5));
      BusinessCalendar cal = spec.build();
      Oracle oracle = new Oracle(spec, from, to);
      for (int q = 0; q < QUERIES_PER_CALENDAR; q++) {
        check(cal, oracle, spec, rnd, stats);
      }
    }
    assertTrue(stats.cases >= 100_000, "cases " + stats.cases);
    assertTrue(
        stats.failures.isEmpty(),
        stats.failures.size() + " mismatches of " + stats.cases + ", first: " + stats.first());
    // the generator must exercise the interesting paths, or the test proves little
    assertTrue(stats.plusCompared > 20_000, "plus compared " + stats.plusCompared);
    assertTrue(stats.openHits > 10_000 && stats.closedHits > 10_000, stats.toString());
  }

  @Test
  void unionAndIntersectionAgreeWithOracleAcrossZones() {
    Random rnd = new Random(7L);
    Stats stats = new Stats();
    for (int c = 0; c < 120; c++) {
      LocalDate from = LocalDate.of(1990 + rnd.nextInt(70), 1, 1).plusDays(rnd.nextInt(365));
      LocalDate to = from.plusDays(30);
      CalendarSpec a =
          RandomCalendars.spec(
              rnd,
              rnd.nextInt(RandomCalendars.KINDS.length),
              RandomCalendars.zone(rnd),
              from.minusDays(5),
              to.plusDays(5));
      CalendarSpec b =
          RandomCalendars.spec(
              rnd,
              rnd.nextInt(RandomCalendars.KINDS.length),
              RandomCalendars.zone(rnd),
              from.minusDays(5),
              to.plusDays(5));
      Oracle oa = new Oracle(a, from, to);
      Oracle ob = new Oracle(b, from, to);
      BusinessCalendar ca = a.build();
      BusinessCalendar cb = b.build();
      BusinessCalendar union = ca.union(cb);
      BusinessCalendar intersection = ca.intersection(cb);
      Oracle ou = Oracle.union(oa, ob);
      Oracle oi = Oracle.intersection(oa, ob);
      for (int q = 0; q < 100; q++) {
        check(union, ou, a, rnd, stats);
        check(intersection, oi, a, rnd, stats);
      }
    }
    assertTrue(
        stats.failures.isEmpty(),
        stats.failures.size() + " mismatches of " + stats.cases + ", first: " + stats.first());
  }

  private static void check(
      BusinessCalendar cal, Oracle o, CalendarSpec spec, Random rnd, Stats stats) {
    Instant a = pick(o, rnd);
    Instant b = pick(o, rnd);
    Duration d = RandomCalendars.duration(rnd, rnd.nextBoolean() ? 12 : 200);
    String ctx = spec + " a=" + a + " b=" + b + " d=" + d;

    boolean open = o.isOpen(a);
    if (open) {
      stats.openHits++;
    } else {
      stats.closedHits++;
    }
    stats.compare("isOpen", ctx, open, cal.isOpen(a));

    Instant lo = a.isBefore(b) ? a : b;
    Instant hi = a.isBefore(b) ? b : a;
    Duration expected = o.between(lo, hi);
    stats.compare("between", ctx, expected, cal.between(lo, hi));
    stats.compare("between reversed", ctx, expected.negated(), cal.between(hi, lo));

    Instant plus = o.plus(a, d);
    Instant actualPlus = attempt(() -> cal.plus(a, d));
    if (plus != null) {
      stats.plusCompared++;
      stats.compare("plus", ctx, plus, actualPlus);
    } else {
      stats.require("plus beyond window", ctx, actualPlus == null || actualPlus.isAfter(o.hi));
    }

    Instant minus = o.minus(b, d);
    Instant actualMinus = attempt(() -> cal.minus(b, d));
    if (minus != null) {
      stats.compare("minus", ctx, minus, actualMinus);
    } else {
      stats.require("minus beyond window", ctx, actualMinus == null || actualMinus.isBefore(o.lo));
    }

    Instant nextOpen = o.nextOpen(a);
    Optional<Instant> actualOpen = cal.nextOpen(a);
    if (nextOpen != null) {
      stats.compare("nextOpen", ctx, Optional.of(nextOpen), actualOpen);
    } else {
      stats.require(
          "nextOpen beyond window", ctx, actualOpen.isEmpty() || !actualOpen.get().isBefore(o.hi));
    }

    Instant nextClose = o.nextClose(a);
    Optional<Instant> actualClose = cal.nextClose(a);
    if (nextClose != null) {
      stats.compare("nextClose", ctx, Optional.of(nextClose), actualClose);
    } else {
      stats.require(
          "nextClose beyond window",
          ctx,
          actualClose.isEmpty() || !actualClose.get().isBefore(o.hi));
    }

    if (rnd.nextInt(8) == 0) {
      stats.compare("openPeriods", ctx, o.periods(lo, hi), cal.openPeriods(lo, hi));
    }
  }

  @Test
  void decadeSpansAgreeWithYearByYearSumsOnFreshCalendars() {
    Random rnd = new Random(11);
    for (int c = 0; c < 30; c++) {
      ZoneId zone = RandomCalendars.zone(rnd);
      CalendarSpec spec =
          RandomCalendars.spec(
              rnd,
              c % RandomCalendars.KINDS.length,
              zone,
              LocalDate.of(1995, 1, 1),
              LocalDate.of(2055, 1, 1));
      Instant a = RandomCalendars.instant(rnd, 1990, 2000);
      Instant b = RandomCalendars.instant(rnd, 2040, 2060);
      // one fresh calendar answers the whole span (crossed years are only summed) ...
      Duration whole = spec.build().between(a, b);
      // ... another answers year by year, materializing every year as an endpoint
      BusinessCalendar stepwise = spec.build();
      Duration sum = Duration.ZERO;
      Instant from = a;
      for (int y = LocalDate.ofInstant(a, ZoneOffset.UTC).getYear() + 1; ; y++) {
        Instant to = LocalDate.of(y, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (!to.isBefore(b)) {
          sum = sum.plus(stepwise.between(from, b));
          break;
        }
        sum = sum.plus(stepwise.between(from, to));
        from = to;
      }
      assertEquals(sum, whole, spec.toString());
      if (!whole.isZero()) {
        BusinessCalendar fresh = spec.build();
        Instant end = fresh.plus(a, whole);
        assertTrue(!end.isAfter(b), spec.toString());
        assertEquals(whole, stepwise.between(a, end), spec.toString());
        Instant start = spec.build().minus(end, whole);
        assertTrue(!start.isBefore(a), spec.toString());
        assertEquals(Duration.ZERO, stepwise.between(a, start), spec.toString());
        Instant back = spec.build().minus(b, whole);
        assertEquals(whole, stepwise.between(back, b), spec.toString());
        assertTrue(!back.isBefore(a), spec.toString());
      }
    }
  }

  /** Random instants, biased towards interval boundaries (exactly, or one unit either side). */
  private static Instant pick(Oracle o, Random rnd) {
    long span = o.hi.getEpochSecond() - o.lo.getEpochSecond();
    if (!o.intervals.isEmpty() && rnd.nextInt(3) == 0) {
      Instant[] x = o.intervals.get(rnd.nextInt(o.intervals.size()));
      Instant t = x[rnd.nextInt(2)];
      switch (rnd.nextInt(5)) {
        case 0:
          t = t.minusNanos(1);
          break;
        case 1:
          t = t.plusSeconds(1);
          break;
        case 2:
          t = t.minusSeconds(1);
          break;
        default:
          break;
      }
      if (o.trusted(t) && t.isBefore(o.hi)) {
        return t;
      }
    }
    long s = o.lo.getEpochSecond() + (long) (rnd.nextDouble() * span);
    return Instant.ofEpochSecond(s, rnd.nextBoolean() ? rnd.nextInt(1_000_000_000) : 0);
  }

  private static Instant attempt(java.util.function.Supplier<Instant> op) {
    try {
      return op.get();
    } catch (IllegalStateException e) {
      return null;
    }
  }

  private static final class Stats {
    long cases;
    long plusCompared;
    long openHits;
    long closedHits;
    final List<String> failures = new ArrayList<>();

    void compare(String op, String ctx, Object expected, Object actual) {
      cases++;
      if (!Objects.equals(expected, actual)) {
        failures.add(op + ": expected " + expected + " but was " + actual + " for " + ctx);
      }
    }

    void require(String op, String ctx, boolean ok) {
      cases++;
      if (!ok) {
        failures.add(op + " violated for " + ctx);
      }
    }

    String first() {
      return String.join("\n", failures.subList(0, Math.min(5, failures.size())));
    }

    @Override
    public String toString() {
      return "cases=" + cases + " open=" + openHits + " closed=" + closedHits;
    }
  }

  @Test
  void oracleIsNotVacuous() {
    // guard the guard: the oracle must see real DST days (23 h and 25 h) in its zones
    CalendarSpec spec =
        RandomCalendars.spec(
            new Random(1),
            0,
            ZoneId.of("Europe/Berlin"),
            LocalDate.of(2030, 1, 1),
            LocalDate.of(2030, 1, 2));
    spec.holidays.clear();
    spec.hoursOn.clear();
    spec.shortened.clear();
    spec.workingDays.clear();
    Oracle o = new Oracle(spec, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 11, 1));
    Instant day = LocalDate.of(2026, 3, 29).atStartOfDay(ZoneId.of("Europe/Berlin")).toInstant();
    assertEquals(Duration.ofDays(1), o.between(day, day.plus(Duration.ofDays(1))));
    assertEquals(
        Duration.ofHours(23),
        o.between(
            day, LocalDate.of(2026, 3, 30).atStartOfDay(ZoneId.of("Europe/Berlin")).toInstant()));
    assertTrue(o.trusted(LocalDate.of(2026, 3, 1).atStartOfDay(ZoneOffset.UTC).toInstant()));
  }
}
