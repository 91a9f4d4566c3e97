package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@code WindowSpec} against the README's definition walked minute by minute: an hour window is a
 * maximal run of instants of one local hour and offset, a day, week or month window a maximal run
 * of one local date, week or month, also where a zone fell back across midnight (St. John's and
 * Goose Bay at 00:01, Phoenix on 1944-01-01, Casey), skipped a day (Kwajalein) or made a day of 32
 * hours (Inuvik).
 */
class WindowSpecMaximalRunOracleProperties {
  static final String[][] CASES = {
    {"America/St_Johns", "2006-10-29T02:00:00Z"},
    {"America/St_Johns", "2007-03-11T03:00:00Z"},
    {"America/Goose_Bay", "2009-11-01T03:00:00Z"},
    {"America/Phoenix", "1944-01-01T06:00:00Z"},
    {"Antarctica/Casey", "2010-03-04T12:00:00Z"},
    {"Pacific/Kwajalein", "1993-08-20T12:00:00Z"},
    {"America/Inuvik", "1952-12-31T12:00:00Z"},
    {"Europe/Berlin", "2026-10-25T01:00:00Z"},
    {"Australia/Lord_Howe", "2026-04-04T15:00:00Z"},
    {"America/Havana", "2026-11-01T05:00:00Z"},
  };

  static Object key(WindowUnit u, ZoneId z, Instant m) {
    LocalDateTime l = LocalDateTime.ofInstant(m, z);
    return switch (u) {
      case HOUR -> l.truncatedTo(ChronoUnit.HOURS) + "@" + z.getRules().getOffset(m);
      case DAY -> l.toLocalDate();
      case WEEK ->
          l.toLocalDate()
              .with(
                  java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
      case MONTH -> java.time.YearMonth.from(l);
    };
  }

  /** No offset change in [a, b]: a jump over it cannot skip a window of another key. */
  static boolean calm(ZoneId z, Instant a, Instant b) {
    var tr = z.getRules().nextTransition(a.minusSeconds(1));
    return tr == null || tr.getInstant().isAfter(b);
  }

  @Property(tries = 200)
  void windowsAreMaximalRuns(@ForAll Random r) {
    String[] c = CASES[r.nextInt(CASES.length)];
    ZoneId z = ZoneId.of(c[0]);
    WindowUnit u = WindowUnit.values()[r.nextInt(4)];
    WindowSpec spec = WindowSpec.of(u, z);
    for (int i = 0; i < 4; i++) {
      Instant t = Instant.parse(c[1]).plusSeconds(60L * (r.nextInt(48 * 60) - 24 * 60));
      Object k = key(u, z, t);
      Instant s = t;
      while (calm(z, s.minusSeconds(3600), s)
          && Objects.equals(key(u, z, s.minusSeconds(3600)), k)) {
        s = s.minusSeconds(3600);
      }
      while (Objects.equals(key(u, z, s.minusSeconds(60)), k)) {
        s = s.minusSeconds(60);
      }
      Instant e = t.plusSeconds(60);
      while (calm(z, e, e.plusSeconds(3600))
          && Objects.equals(key(u, z, e.plusSeconds(3600)), k)
          && Objects.equals(key(u, z, e), k)) {
        e = e.plusSeconds(3600);
      }
      while (Objects.equals(key(u, z, e), k)) {
        e = e.plusSeconds(60);
      }
      assertEquals(
          s, spec.start(t), spec + " start " + t + " (" + LocalDateTime.ofInstant(t, z) + ")");
      assertEquals(e, spec.end(t), spec + " end " + t + " (" + LocalDateTime.ofInstant(t, z) + ")");
    }
  }
}
