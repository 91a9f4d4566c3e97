package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@code WindowSpec} windows against {@code java.time}'s local calendar around historical and odd
 * offset changes (skipped days, half-hour and 45-minute offsets, local mean time, midnight gaps),
 * in zones where no change moves the local date backwards.
 */
class WindowSpecLocalCalendarOracleProperties {
  static final String[][] CASES = {
    {"Europe/Amsterdam", "1937-07-01T00:00:00Z"},
    {"Asia/Kolkata", "1942-09-01T00:00:00Z"},
    {"Africa/Monrovia", "1972-01-07T00:00:00Z"},
    {"Pacific/Kiritimati", "1994-12-31T00:00:00Z"},
    {"Pacific/Apia", "2011-12-30T00:00:00Z"},
    {"America/Caracas", "2007-12-09T00:00:00Z"},
    {"America/Caracas", "2016-05-01T00:00:00Z"},
    {"Europe/Moscow", "2011-03-27T00:00:00Z"},
    {"Europe/Moscow", "2014-10-26T00:00:00Z"},
    {"Asia/Pyongyang", "2015-08-15T00:00:00Z"},
    {"Asia/Pyongyang", "2018-05-04T12:00:00Z"},
    {"Australia/Lord_Howe", "2026-10-04T00:00:00Z"},
    {"America/Sao_Paulo", "2018-11-04T00:00:00Z"},
    {"America/Havana", "2026-03-08T00:00:00Z"},
    {"America/Havana", "2026-11-01T00:00:00Z"},
    {"Asia/Tehran", "2022-03-22T00:00:00Z"},
    {"Asia/Gaza", "2026-03-28T00:00:00Z"},
    {"Africa/Casablanca", "2026-02-15T00:00:00Z"},
    {"Europe/Dublin", "2026-03-29T00:00:00Z"},
    {"Europe/Dublin", "2026-10-25T00:00:00Z"},
    {"Antarctica/Troll", "2026-03-29T00:00:00Z"},
    {"Pacific/Chatham", "2026-04-05T00:00:00Z"},
    {"America/Santiago", "2026-09-06T00:00:00Z"},
    {"Europe/Paris", "1911-03-11T00:00:00Z"},
    {"Asia/Kathmandu", "1986-01-01T00:00:00Z"},
    {"America/Scoresbysund", "2024-03-31T00:00:00Z"},
  };

  @Property(tries = 200)
  void windowsMatchTheLocalCalendar(@ForAll Random r) {
    String[] c = CASES[r.nextInt(CASES.length)];
    ZoneId z = ZoneId.of(c[0]);
    WindowUnit u = WindowUnit.values()[r.nextInt(4)];
    WindowSpec spec = new WindowSpec(u, z, DayOfWeek.of(1 + r.nextInt(7)));
    Instant base = Instant.parse(c[1]);
    for (int i = 0; i < 50; i++) {
      Instant t = base.plusSeconds(r.nextInt(6 * 86_400) - 3 * 86_400).plusMillis(r.nextInt(1000));
      if (r.nextBoolean()) {
        var tr = z.getRules().nextTransition(t);
        if (tr != null) {
          t = tr.getInstant().plusMillis(r.nextInt(3) - 1);
        }
      }
      Instant st = spec.start(t);
      Instant en = spec.end(t);
      assertTrue(!st.isAfter(t) && en.isAfter(t), spec + " " + t + " -> [" + st + ", " + en + ")");
      assertEquals(st, spec.start(st));
      assertEquals(en, spec.end(st));
      assertEquals(en, spec.start(en), "next window starts at the end");
      Instant os = WindowedKpiNaiveOracleProperties.oStart(spec, t);
      Instant oe = WindowedKpiNaiveOracleProperties.oEnd(spec, t);
      assertEquals(os, st, spec + " start of " + t + " local " + t.atZone(z));
      assertEquals(oe, en, spec + " end of " + t + " local " + t.atZone(z));
    }
  }
}
