package dev.servicekit.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** A calendar description in test code, fed both to the builder and to the {@link Oracle}. */
final class CalendarSpec {
  final String name;
  final ZoneId zone;
  final Map<DayOfWeek, List<TimeRange>> week = new EnumMap<>(DayOfWeek.class);
  final TreeSet<LocalDate> holidays = new TreeSet<>();
  final TreeMap<LocalDate, List<TimeRange>> hoursOn = new TreeMap<>();
  final TreeMap<LocalDate, Duration> shortened = new TreeMap<>();
  final TreeMap<LocalDate, DayOfWeek> workingDays = new TreeMap<>();

  CalendarSpec(String name, ZoneId zone) {
    this.name = name;
    this.zone = zone;
    for (DayOfWeek d : DayOfWeek.values()) {
      week.put(d, new java.util.ArrayList<>());
    }
  }

  /** Whether a date already carries an exception (the generator keeps one rule per date). */
  boolean hasRule(LocalDate d) {
    return holidays.contains(d)
        || hoursOn.containsKey(d)
        || shortened.containsKey(d)
        || workingDays.containsKey(d);
  }

  BusinessCalendar build() {
    BusinessCalendar.Builder b = BusinessCalendar.builder(zone).id(name);
    week.forEach((d, rs) -> b.hours(d, rs.toArray(TimeRange[]::new)));
    b.holidays(holidays);
    hoursOn.forEach((d, rs) -> b.hoursOn(d, rs.toArray(TimeRange[]::new)));
    shortened.forEach(b::shortenDay);
    workingDays.forEach(b::workingDayAs);
    return b.build();
  }

  @Override
  public String toString() {
    return name
        + " "
        + zone
        + " week="
        + week
        + " holidays="
        + holidays
        + " hoursOn="
        + hoursOn
        + " shortened="
        + shortened
        + " workingDays="
        + workingDays;
  }
}
