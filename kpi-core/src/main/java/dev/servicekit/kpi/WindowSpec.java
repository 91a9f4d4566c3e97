package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.DateReversals;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Objects;

/**
 * Tumbling windows: a {@link WindowUnit} in a time zone, with DST-correct local boundaries (a day
 * window in {@code Europe/Paris} starts at local midnight and lasts 23, 24 or 25 hours). An hour
 * window runs from a whole local hour, or from a change of the zone's offset, to the next of
 * either, so none spans an offset change: the repeated 02:00-03:00 of a fall-back night in Paris is
 * two windows of an hour, and Lord Howe Island's 30-minute changes give 30-minute windows. A day,
 * week or month window is a maximal run of instants of one local date (week, month): it starts at a
 * local midnight, or at an offset change where the local date goes backwards. Where a zone fell
 * back across midnight (St. John's at 00:01 until 2010, Phoenix on 1944-01-01, Casey on 2010-03-05
 * from 02:00 to 23:00 of the day before), the new date's first minutes and the earlier date's
 * returning tail are windows of their own, so no window ends before an instant it holds; everywhere
 * else the windows run from local midnight to local midnight.
 *
 * <p><b>Range</b>: windows are addressed in epoch milliseconds, so {@link #start(Instant)} accepts
 * the instants whose epoch milliseconds fit a {@code long} (about ±292 million years around 1970)
 * and whose window start does too; others are rejected with an {@link IllegalArgumentException}
 * naming the field and this rule (never a {@link java.time.DateTimeException} or {@link
 * ArithmeticException}).
 *
 * <p>This class is immutable and thread-safe. {@link #start(Instant)} and {@link #end(Instant)} are
 * O(1) and allocate a few {@code java.time} objects; within 40 days of a change where the zone's
 * local date goes backwards (known per zone after a one-time scan of its rules), a day, week or
 * month window walks over the offset changes around it instead, O(changes in the window).
 *
 * <p><b>Equality</b> is equality of the windows cut: two specs are equal when their units, their
 * first days of the week (for weeks) and their zones' rules are, so {@code UTC}, {@code Etc/UTC}
 * and {@link ZoneOffset#UTC}, or a tz link and its target ({@code Asia/Calcutta}, {@code
 * Asia/Kolkata}), give equal specs whose tables merge; {@link #zone()} and {@link #toString()} keep
 * the zone as given.
 *
 * @param unit the window length
 * @param zone the time zone whose local calendar defines the boundaries
 * @param firstDayOfWeek the day a {@link WindowUnit#WEEK} window starts; for other units it defines
 *     nothing and is kept as {@link DayOfWeek#MONDAY}, so that two specs of the same windows are
 *     equal (and their tables merge) whatever day they were given
 */
public record WindowSpec(WindowUnit unit, ZoneId zone, DayOfWeek firstDayOfWeek) {

  private static final long SECONDS_PER_DAY = 86_400;

  /**
   * Checks the arguments; for a unit other than {@link WindowUnit#WEEK} the first day of the week
   * becomes {@link DayOfWeek#MONDAY}, since it defines no window.
   *
   * @throws NullPointerException if an argument is null
   */
  public WindowSpec {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(firstDayOfWeek, "firstDayOfWeek");
    if (unit != WindowUnit.WEEK) {
      firstDayOfWeek = DayOfWeek.MONDAY;
    }
  }

  /**
   * Returns whether {@code o} is a spec that cuts the same windows: same unit and first day of the
   * week, and a zone of equal rules (see the class comment).
   *
   * @param o another object
   * @return whether it cuts the same windows
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof WindowSpec w
        && w.unit == unit
        && w.firstDayOfWeek == firstDayOfWeek
        && (w.zone.equals(zone) || w.zone.getRules().equals(zone.getRules()));
  }

  /**
   * Returns a hash consistent with {@link #equals}: of the unit, first day and the zone's rules.
   *
   * @return the hash
   */
  @Override
  public int hashCode() {
    return Objects.hash(unit, firstDayOfWeek, zone.getRules());
  }

  /**
   * Returns tumbling windows of {@code unit} in {@code zone}, weeks starting on Monday (ISO).
   *
   * @param unit the window length
   * @param zone the time zone
   * @return the spec
   */
  public static WindowSpec of(WindowUnit unit, ZoneId zone) {
    return new WindowSpec(unit, zone, DayOfWeek.MONDAY);
  }

  /**
   * Returns the start of the window containing {@code time}.
   *
   * @param time an instant whose epoch milliseconds, and those of its window start, fit a {@code
   *     long}
   * @return the window start, {@code <= time}
   * @throws IllegalArgumentException if {@code time} or its window start is outside the
   *     epoch-millisecond range
   */
  public Instant start(Instant time) {
    return start(time, "time");
  }

  /**
   * {@link #start(Instant)}, naming the caller's field in the rejection.
   *
   * @param time the instant
   * @param field the name of {@code time} in the caller's API, for the message
   */
  Instant start(Instant time, String field) {
    Objects.requireNonNull(time, field);
    checkMillis(time, field);
    // within +-292 million years, far inside LocalDate's range: no DateTimeException below
    Instant start = windowStart(time);
    try {
      start.toEpochMilli();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          field
              + " "
              + time
              + " lies in the "
              + unit
              + " window starting "
              + start
              + ", before the earliest epoch millisecond "
              + Instant.ofEpochMilli(Long.MIN_VALUE)
              + ": window starts must fit a long of epoch milliseconds");
    }
    return start;
  }

  private static void checkMillis(Instant time, String field) {
    try {
      time.toEpochMilli();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          field
              + " "
              + time
              + " must be within the epoch-millisecond range "
              + Instant.ofEpochMilli(Long.MIN_VALUE)
              + " .. "
              + Instant.ofEpochMilli(Long.MAX_VALUE)
              + " (a long of milliseconds since 1970)");
    }
  }

  private Instant windowStart(Instant t) {
    if (unit == WindowUnit.HOUR) {
      return hourStart(t);
    }
    if (DateReversals.near(zone, t)) {
      return runStart(zone.getRules(), t);
    }
    return keyDate(t).atStartOfDay(zone).toInstant();
  }

  /** The first day of the local date, week or month of {@code t}. */
  private LocalDate keyDate(Instant t) {
    LocalDate d = t.atZone(zone).toLocalDate();
    return switch (unit) {
      case HOUR -> throw new AssertionError("HOUR has no date key");
      case DAY -> d;
      case WEEK -> d.with(TemporalAdjusters.previousOrSame(firstDayOfWeek));
      case MONTH -> d.withDayOfMonth(1);
    };
  }

  /**
   * Returns the end (exclusive) of the window that holds {@code time}: for a window start returned
   * by {@link #start(Instant)}, the end of that window. Any other instant gets the end of the
   * window it lies in, never an instant that is no window's end (a window key restored under
   * another spec or time-zone rule is such an instant).
   *
   * @param time a window start, or any instant
   * @return the next window's start; for the last window before {@code Long.MAX_VALUE} epoch
   *     milliseconds it lies beyond that range
   * @throws IllegalArgumentException if {@code time} is outside the epoch-millisecond range
   */
  public Instant end(Instant time) {
    Objects.requireNonNull(time, "time");
    checkMillis(time, "time");
    if (unit == WindowUnit.HOUR) {
      return hourEnd(hourStart(time));
    }
    if (DateReversals.near(zone, time)) {
      return runEnd(zone.getRules(), time);
    }
    // the key date of time itself, not of its window start: where a zone skipped the key's first
    // day (Apia, Friday 2011-12-30) the start falls on the next day
    LocalDate d = keyDate(time);
    LocalDate next =
        switch (unit) {
          case DAY -> d.plusDays(1);
          case WEEK -> d.plusWeeks(1);
          default -> d.plusMonths(1);
        };
    return next.atStartOfDay(zone).toInstant();
  }

  /**
   * The start of the HOUR window holding {@code t}: the whole local hour at or before it, in the
   * offset in force at {@code t}, or the last offset change at or before {@code t} if that is
   * later. So no window spans an offset change, also where a zone changes its offset by other than
   * a whole hour or not at a whole local hour (Lord Howe Island's 30-minute DST, historical
   * local-mean-time changes); truncating the local time did there give a start after {@code t} or a
   * window that was not an hour and ended elsewhere than {@link #end} said.
   */
  private Instant hourStart(Instant t) {
    ZoneRules rules = zone.getRules();
    long second = t.getEpochSecond();
    long local = second + rules.getOffset(t).getTotalSeconds();
    Instant start = Instant.ofEpochSecond(second - Math.floorMod(local, 3600));
    for (ZoneOffsetTransition c = rules.nextTransition(start);
        c != null && !c.getInstant().isAfter(t);
        c = rules.nextTransition(c.getInstant())) {
      start = c.getInstant();
    }
    return start;
  }

  /**
   * The end of the HOUR window starting at {@code start}: the next whole local hour or offset
   * change.
   */
  private Instant hourEnd(Instant start) {
    ZoneRules rules = zone.getRules();
    ZoneOffsetTransition next = rules.nextTransition(start);
    // the offset in force from start until the next change: one look-up instead of two
    ZoneOffset offset = next != null ? next.getOffsetBefore() : rules.getOffset(start);
    long second = start.getEpochSecond();
    long local = second + offset.getTotalSeconds();
    Instant nextHour = Instant.ofEpochSecond(second - Math.floorMod(local, 3600) + 3600);
    return next != null && next.getInstant().isBefore(nextHour) ? next.getInstant() : nextHour;
  }

  // ---- DAY, WEEK and MONTH near a change where the local date goes backwards ----

  /** The epoch day that starts the key (day, week or month) of local epoch day {@code day}. */
  private long keyStart(long day) {
    return switch (unit) {
      case DAY -> day;
      case WEEK ->
          day - Math.floorMod(Math.floorMod(day + 3, 7) - (firstDayOfWeek.getValue() - 1), 7);
      case MONTH -> LocalDate.ofEpochDay(day).withDayOfMonth(1).toEpochDay();
      case HOUR -> throw new AssertionError("HOUR has no date key");
    };
  }

  /** The epoch day that starts the key after the one starting on {@code keyStart}. */
  private long nextKeyStart(long keyStart) {
    return switch (unit) {
      case DAY -> keyStart + 1;
      case WEEK -> keyStart + 7;
      case MONTH -> LocalDate.ofEpochDay(keyStart).plusMonths(1).toEpochDay();
      case HOUR -> throw new AssertionError("HOUR has no date key");
    };
  }

  /** The key of the local time {@code epochSecond + offsetSeconds}. */
  private long keyAt(long epochSecond, int offsetSeconds) {
    return keyStart(Math.floorDiv(epochSecond + offsetSeconds, SECONDS_PER_DAY));
  }

  /**
   * The start of the maximal run of instants whose local date has the key of {@code t}'s: walking
   * back over the offset changes, within each stretch of one offset the key changes only at a local
   * midnight, and at a change wherever the local date before it has another key.
   */
  private Instant runStart(ZoneRules rules, Instant t) {
    int offset = rules.getOffset(t).getTotalSeconds();
    long key = keyAt(t.getEpochSecond(), offset);
    long bound = t.getEpochSecond() + 1; // changes are whole seconds: before bound = at or before t
    while (true) {
      long midnight = key * SECONDS_PER_DAY - offset;
      ZoneOffsetTransition change = rules.previousTransition(Instant.ofEpochSecond(bound));
      if (change == null || midnight > change.toEpochSecond()) {
        return Instant.ofEpochSecond(midnight);
      }
      long at = change.toEpochSecond();
      offset = change.getOffsetBefore().getTotalSeconds();
      if (keyAt(at - 1, offset) != key) { // the last second before the change: its date
        return change.getInstant();
      }
      bound = at;
    }
  }

  /** The end of the run that {@link #runStart} starts: walking forward the same way. */
  private Instant runEnd(ZoneRules rules, Instant t) {
    int offset = rules.getOffset(t).getTotalSeconds();
    long key = keyAt(t.getEpochSecond(), offset);
    long nextMidnightDay = nextKeyStart(key);
    Instant from = t;
    while (true) {
      long midnight = nextMidnightDay * SECONDS_PER_DAY - offset;
      ZoneOffsetTransition change = rules.nextTransition(from);
      if (change == null || midnight < change.toEpochSecond()) {
        return Instant.ofEpochSecond(midnight);
      }
      long at = change.toEpochSecond();
      offset = change.getOffsetAfter().getTotalSeconds();
      if (keyAt(at, offset) != key) {
        return change.getInstant();
      }
      from = change.getInstant();
    }
  }
}
