package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * DAY, WEEK and MONTH windows where the local date goes backwards: a window is a maximal run of
 * instants of one local date (of one week, of one month), so the tail of a date that a fall-back
 * across midnight brings back is a window of its own. Ten zones do so between 1900 and 2300 in the
 * tzdb (America/St_Johns, Goose_Bay and Moncton fell back at 00:01 until 2010, America/Phoenix and
 * Creston on 1944-01-01, Pacific/Guam and Saipan in 1969, Antarctica/Casey on 2010-03-05 from 02:00
 * +11 to 23:00 +8, IANA tz "northamerica" and "antarctica" files). Before, a DAY window in Phoenix
 * at 1944-01-01T06:01Z started 1943-12-31T06:00Z and ended 1944-01-01T06:00Z, before the instant.
 *
 * <p>The laws are checked at and around every offset change of every zone from 1900 to 2300
 * (exhaustive over transitions, every first day of the week for WEEK), and sampled between; the
 * windows away from a backwards date change are those of the former formula (differential).
 */
class WindowSpecDateReversalProperties {

  private static final Instant FROM = WindowedKpi.SUPPORTED_START;
  private static final Instant TO = WindowedKpi.SUPPORTED_END;
  private static final List<ZoneId> ZONES =
      ZoneId.getAvailableZoneIds().stream().sorted().map(ZoneId::of).toList();

  /** Farther than any month window from a backwards date change: the former formula holds. */
  private static final Duration FAR = Duration.ofDays(40);

  // ---- the oracle: the key of an instant, and the former formula ----

  /** The first day of the local date's day, week or month: equal keys, same window. */
  static LocalDate key(WindowSpec spec, Instant t) {
    LocalDate d = t.atZone(spec.zone()).toLocalDate();
    return switch (spec.unit()) {
      case DAY -> d;
      case WEEK -> d.with(TemporalAdjusters.previousOrSame(spec.firstDayOfWeek()));
      case MONTH -> d.withDayOfMonth(1);
      case HOUR -> throw new AssertionError("not a date unit");
    };
  }

  /** The window start before this fix: local midnight of the key's first day. */
  static Instant formerStart(WindowSpec spec, Instant t) {
    return key(spec, t).atStartOfDay(spec.zone()).toInstant();
  }

  /**
   * The window end before this fix: local midnight of the next key's first day. (The former code
   * took the key of the window's start, not of {@code t}: where a zone skipped the key's first day,
   * as Apia did Friday 2011-12-30, a week starting Friday then ended on Saturday 2012-01-07 while
   * one started on Friday 2012-01-06; the laws below failed there too, for WEEK in six zones.)
   */
  static Instant formerEnd(WindowSpec spec, Instant t) {
    LocalDate k = key(spec, t);
    LocalDate next =
        switch (spec.unit()) {
          case DAY -> k.plusDays(1);
          case WEEK -> k.plusWeeks(1);
          default -> k.plusMonths(1);
        };
    return next.atStartOfDay(spec.zone()).toInstant();
  }

  /** Whether the local date just before the change is later than the one it changes to. */
  static boolean datesGoBack(ZoneOffsetTransition c) {
    return c.getDateTimeAfter()
        .toLocalDate()
        .isBefore(c.getDateTimeBefore().minusNanos(1).toLocalDate());
  }

  static List<ZoneOffsetTransition> transitions(ZoneId zone) {
    List<ZoneOffsetTransition> out = new ArrayList<>();
    ZoneRules rules = zone.getRules();
    for (ZoneOffsetTransition c = rules.nextTransition(FROM);
        c != null && c.getInstant().isBefore(TO);
        c = rules.nextTransition(c.getInstant())) {
      out.add(c);
    }
    return out;
  }

  /** Whether {@code t} is within {@link #FAR} of a change where {@code zone}'s date goes back. */
  static boolean nearDateReversal(ZoneId zone, Instant t) {
    ZoneRules rules = zone.getRules();
    Instant from = t.minus(FAR);
    for (ZoneOffsetTransition c = rules.nextTransition(from);
        c != null && c.getInstant().isBefore(t.plus(FAR));
        c = rules.nextTransition(c.getInstant())) {
      if (datesGoBack(c)) {
        return true;
      }
    }
    return false;
  }

  // ---- the laws ----

  /** Every law at {@code t}; returns a description of the first broken one, or null. */
  static String broken(WindowSpec spec, Instant t) {
    Instant s;
    Instant e;
    try {
      s = spec.start(t);
      e = spec.end(t);
    } catch (RuntimeException x) {
      return "threw " + x;
    }
    Instant last = e.minusMillis(1);
    if (s.isAfter(t)) {
      return "start " + s + " after the instant";
    }
    if (!e.isAfter(t)) {
      return "end " + e + " not after the instant (start " + s + ")";
    }
    if (!spec.start(s).equals(s)) {
      return "start " + s + " is not its own start: " + spec.start(s);
    }
    if (!spec.end(s).equals(e)) {
      return "end of the start " + spec.end(s) + " differs from the end " + e;
    }
    if (!spec.start(e).equals(e)) {
      return "end " + e + " is not the next window's start: " + spec.start(e);
    }
    if (!spec.start(last).equals(s)) {
      return "a window starts anew at " + spec.start(last) + " before the end " + e;
    }
    if (!spec.end(s.minusMillis(1)).equals(s)) {
      return "the previous window ends at " + spec.end(s.minusMillis(1)) + ", not at " + s;
    }
    LocalDate k = key(spec, t);
    if (!key(spec, s).equals(k) || !key(spec, last).equals(k)) {
      return "the window [" + s + ", " + e + ") holds more than one " + spec.unit();
    }
    if (key(spec, s.minusMillis(1)).equals(k) || key(spec, e).equals(k)) {
      return "the window [" + s + ", " + e + ") is not a maximal run of " + k;
    }
    return null;
  }

  static List<WindowSpec> specs(ZoneId zone, WindowUnit unit) {
    if (unit != WindowUnit.WEEK) {
      return List.of(WindowSpec.of(unit, zone));
    }
    List<WindowSpec> out = new ArrayList<>();
    for (DayOfWeek d : DayOfWeek.values()) {
      out.add(new WindowSpec(unit, zone, d));
    }
    return out;
  }

  /**
   * At, just before and just after every offset change of every zone: the laws, and a window
   * boundary wherever the key changes at the change.
   */
  static void everyChange(WindowUnit unit) {
    TreeSet<String> zones = new TreeSet<>();
    List<String> samples = new ArrayList<>();
    long violations = 0;
    for (ZoneId zone : ZONES) {
      List<ZoneOffsetTransition> changes = transitions(zone);
      for (WindowSpec spec : specs(zone, unit)) {
        for (ZoneOffsetTransition c : changes) {
          Instant at = c.getInstant();
          for (Instant t : new Instant[] {at.minusMillis(1), at, at.plusMillis(1)}) {
            String why = broken(spec, t);
            if (why == null
                && !key(spec, at.minusMillis(1)).equals(key(spec, at))
                && !spec.start(at).equals(at)) {
              why = "the " + unit + " changes at " + at + " but no window starts there";
            }
            if (why != null) {
              violations++;
              zones.add(zone.getId());
              if (samples.size() < 5) {
                samples.add(spec + " at " + t + ": " + why);
              }
            }
          }
        }
      }
    }
    assertEquals(0, violations, violations + " violations in " + zones + ", e.g. " + samples);
  }

  @Example
  void everyDayWindowAroundEveryOffsetChangeHoldsTheLaws() {
    everyChange(WindowUnit.DAY);
  }

  @Example
  void everyWeekWindowAroundEveryOffsetChangeHoldsTheLaws() {
    everyChange(WindowUnit.WEEK);
  }

  @Example
  void everyMonthWindowAroundEveryOffsetChangeHoldsTheLaws() {
    everyChange(WindowUnit.MONTH);
  }

  // ---- sampled between the changes ----

  @Provide
  Arbitrary<Map.Entry<WindowSpec, Instant>> timesNearChanges() {
    return Combinators.combine(
            Arbitraries.of(ZONES),
            Arbitraries.of(WindowUnit.DAY, WindowUnit.WEEK, WindowUnit.MONTH),
            Arbitraries.of(DayOfWeek.values()),
            Arbitraries.integers().between(0, 120),
            Arbitraries.longs().between(-FAR.toMillis(), FAR.toMillis()))
        .as(
            (zone, unit, firstDay, index, offsetMillis) -> {
              ZoneRules rules = zone.getRules();
              Instant t = FROM;
              Instant change = FROM.plus(Duration.ofDays(index * 100L)); // fixed-offset zones
              for (int n = 0; n <= index; n++) {
                ZoneOffsetTransition c = rules.nextTransition(t);
                if (c == null || !c.getInstant().isBefore(TO)) {
                  break;
                }
                change = t = c.getInstant();
              }
              Instant at = change.plusMillis(offsetMillis);
              at = at.isBefore(FROM) ? FROM : at.isBefore(TO) ? at : TO.minusMillis(1);
              return Map.entry(new WindowSpec(unit, zone, firstDay), at);
            });
  }

  @Property(tries = 20_000)
  void everyInstantLiesInAMaximalRunOfItsDate(
      @ForAll("timesNearChanges") Map.Entry<WindowSpec, Instant> specAndTime) {
    String why = broken(specAndTime.getKey(), specAndTime.getValue());
    assertTrue(why == null, () -> specAndTime + ": " + why);
  }

  @Property(tries = 20_000)
  void awayFromABackwardsDateChangeTheWindowsAreTheFormerOnes(
      @ForAll("timesNearChanges") Map.Entry<WindowSpec, Instant> specAndTime) {
    WindowSpec spec = specAndTime.getKey();
    Instant t = specAndTime.getValue();
    Assume.that(!nearDateReversal(spec.zone(), t));
    assertEquals(formerStart(spec, t), spec.start(t), () -> spec + " start at " + t);
    assertEquals(formerEnd(spec, t), spec.end(t), () -> spec + " end at " + t);
  }

  @Property(tries = 5_000)
  void anywhereAwayFromABackwardsDateChangeTheWindowsAreTheFormerOnes(
      @ForAll("zones") ZoneId zone,
      @ForAll("dateUnits") WindowUnit unit,
      @ForAll DayOfWeek firstDay,
      @ForAll("anyTime") Instant t) {
    WindowSpec spec = new WindowSpec(unit, zone, firstDay);
    Assume.that(!nearDateReversal(zone, t));
    assertEquals(formerStart(spec, t), spec.start(t), () -> spec + " start at " + t);
    assertEquals(formerEnd(spec, t), spec.end(t), () -> spec + " end at " + t);
  }

  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of(ZONES);
  }

  @Provide
  Arbitrary<WindowUnit> dateUnits() {
    return Arbitraries.of(WindowUnit.DAY, WindowUnit.WEEK, WindowUnit.MONTH);
  }

  @Provide
  Arbitrary<Instant> anyTime() {
    return Arbitraries.longs()
        .between(FROM.toEpochMilli(), TO.toEpochMilli() - 1)
        .map(Instant::ofEpochMilli);
  }

  // ---- the reported cases, by hand ----

  @Example
  void phoenixNewYear1944IsFourDayWindows() {
    // 1944-01-01T06:01Z: 00:01 MWT (-6) became 1943-12-31 23:01 MST (-7)
    WindowSpec day = WindowSpec.of(WindowUnit.DAY, ZoneId.of("America/Phoenix"));
    Instant t = Instant.parse("1944-01-01T06:01:00Z");
    // before: start 1943-12-31T06:00Z, end 1944-01-01T06:00Z, before t
    assertEquals(t, day.start(t)); // the tail of 31 December
    assertEquals(Instant.parse("1944-01-01T07:00:00Z"), day.end(t)); // midnight MST
    Instant minute = Instant.parse("1944-01-01T06:00:30Z"); // the first minute of 1 January
    assertEquals(Instant.parse("1944-01-01T06:00:00Z"), day.start(minute));
    assertEquals(t, day.end(minute));
    assertEquals(
        Instant.parse("1944-01-01T06:00:00Z"), day.end(Instant.parse("1943-12-31T12:00:00Z")));
    assertEquals(
        Instant.parse("1944-01-01T07:00:00Z"), day.start(Instant.parse("1944-01-01T12:00:00Z")));
  }

  @Example
  void caseyFallBackAcrossMidnightKeepsAnEventInTime() {
    // 2010-03-04T15:00Z: Friday 02:00 +11 became Thursday 23:00 +08 (tzdb "antarctica")
    WindowSpec day = WindowSpec.of(WindowUnit.DAY, ZoneId.of("Antarctica/Casey"));
    WindowedKpi<String, NpsAccumulator> nps =
        WindowedKpi.create(NpsAccumulator::create, day, Duration.ZERO);
    nps.recordInt("desk", Instant.parse("2010-03-04T14:30:00Z"), NpsAccumulator::add, 9);
    // Thursday 23:30 +08: before, its window [2010-03-03T13:00Z, 2010-03-04T13:00Z) had ended
    assertTrue(
        nps.recordInt("desk", Instant.parse("2010-03-04T15:30:00Z"), NpsAccumulator::add, 9));
    assertEquals(0, nps.droppedLate());
    assertEquals(
        List.of(
            Instant.parse("2010-03-04T13:00:00Z"), // Friday 00:00 +11
            Instant.parse("2010-03-04T15:00:00Z")), // the change, Thursday 23:00 +08
        List.copyOf(nps.windows("desk").keySet()));
  }

  @Example
  void stJohnsMonthWindowsSplitAtTheOneMinuteOfNovember() {
    // 2009-11-01T02:31Z: 00:01 NDT (-2:30) of 1 November became 31 October 23:01 NST (-3:30)
    WindowSpec month = WindowSpec.of(WindowUnit.MONTH, ZoneId.of("America/St_Johns"));
    Instant change = Instant.parse("2009-11-01T02:31:00Z");
    Instant novemberMinute = Instant.parse("2009-11-01T02:30:00Z");
    assertEquals(novemberMinute, month.end(Instant.parse("2009-10-15T00:00:00Z")));
    assertEquals(novemberMinute, month.start(change.minusSeconds(1)));
    assertEquals(change, month.end(novemberMinute));
    assertEquals(change, month.start(change)); // the tail of October
    Instant november = Instant.parse("2009-11-01T03:30:00Z"); // 1 November 00:00 NST
    assertEquals(november, month.end(change));
    assertEquals(november, month.start(Instant.parse("2009-11-20T00:00:00Z")));
    assertEquals(Instant.parse("2009-12-01T03:30:00Z"), month.end(november));
  }

  @Example
  void berlinDaysAreUnchanged() {
    WindowSpec day = WindowSpec.of(WindowUnit.DAY, ZoneId.of("Europe/Berlin"));
    Instant t = Instant.parse("2026-10-25T12:00:00Z");
    assertEquals(Instant.parse("2026-10-24T22:00:00Z"), day.start(t));
    assertEquals(Instant.parse("2026-10-25T23:00:00Z"), day.end(t)); // 25 hours
  }
}
