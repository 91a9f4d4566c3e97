package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every zone the JDK knows, one random year each in the whole supported range 1900-2299: the open
 * periods of a calendar with boundaries at typical transition times must equal the oracle's. This
 * covers historical oddities (double summer time, local mean time, skipped days) beyond the
 * 1990-2060 property range.
 */
class AllZonesDifferentialTest {

  @Test
  void openPeriodsMatchTheOracleInEveryZone() {
    Random rnd = new Random(99);
    List<String> mismatches = new ArrayList<>();
    int zones = 0;
    for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
      ZoneId zone = ZoneId.of(id);
      CalendarSpec spec = new CalendarSpec("tricky-" + id, zone);
      for (DayOfWeek d : DayOfWeek.values()) {
        spec.week.get(d).add(TimeRange.parse("00:00-00:30"));
        spec.week.get(d).add(TimeRange.parse("01:30-02:30"));
        spec.week.get(d).add(TimeRange.parse("03:00-04:00"));
        if (d.getValue() % 2 == 0) {
          spec.week.get(d).add(TimeRange.parse("23:30-00:45"));
        } else {
          spec.week.get(d).add(TimeRange.parse("12:00-24:00"));
        }
      }
      int year = 1900 + rnd.nextInt(399);
      LocalDate from = LocalDate.of(year, 1, 1).plusDays(rnd.nextInt(300));
      LocalDate to = from.plusDays(60);
      Oracle oracle = new Oracle(spec, from, to);
      BusinessCalendar cal = spec.build();
      List<OpenPeriod> expected = oracle.periods(oracle.lo, oracle.hi);
      List<OpenPeriod> actual = cal.openPeriods(oracle.lo, oracle.hi);
      if (!expected.equals(actual)) {
        mismatches.add(id + " " + from + ": " + firstDifference(expected, actual));
      }
      Instant mid = oracle.lo.plusSeconds(rnd.nextInt(50 * 86_400));
      if (!oracle.between(oracle.lo, mid).equals(cal.between(oracle.lo, mid))) {
        mismatches.add(id + " between " + oracle.lo + " " + mid);
      }
      zones++;
    }
    assertTrue(zones > 400, "zones " + zones);
    assertEquals(List.of(), mismatches.subList(0, Math.min(10, mismatches.size())));
  }

  private static String firstDifference(List<OpenPeriod> e, List<OpenPeriod> a) {
    for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
      if (!e.get(i).equals(a.get(i))) {
        return "expected " + e.get(i) + " but was " + a.get(i);
      }
    }
    return "sizes " + e.size() + " vs " + a.size();
  }
}
