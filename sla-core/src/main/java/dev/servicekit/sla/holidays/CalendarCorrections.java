package dev.servicekit.sla.holidays;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Explicit corrections to a production calendar: rules that win over the corrected calendar's
 * rules, and dates whose rules are removed (for example a holiday a library reports wrongly).
 *
 * <p>A date is either given a rule or removed, never both. This class is immutable and thread-safe.
 */
public final class CalendarCorrections {

  private final ProductionCalendar rules;
  private final NavigableSet<LocalDate> removals;

  private CalendarCorrections(ProductionCalendar rules, NavigableSet<LocalDate> removals) {
    this.rules = rules;
    this.removals = removals;
  }

  /**
   * Returns corrections made of {@code rules} and {@code removals}.
   *
   * @param rules explicit rules; its region and range are the corrections' region and range
   * @param removals dates whose rules are removed; each inside the range and without a rule in
   *     {@code rules}
   * @return the corrections
   * @throws IllegalArgumentException if a removal is outside the range or also has a rule
   */
  public static CalendarCorrections of(ProductionCalendar rules, Collection<LocalDate> removals) {
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(removals, "removals");
    TreeSet<LocalDate> copy = new TreeSet<>();
    for (LocalDate date : removals) {
      Objects.requireNonNull(date, "removals element");
      if (!rules.covers(date)) {
        throw new IllegalArgumentException(
            "removal "
                + date
                + " is outside the corrections range ["
                + rules.start()
                + ", "
                + rules.end()
                + ")");
      }
      rules
          .rule(date)
          .ifPresent(
              r -> {
                throw new IllegalArgumentException(
                    "conflicting corrections for " + date + ": removal and " + r);
              });
      copy.add(date);
    }
    return new CalendarCorrections(rules, Collections.unmodifiableNavigableSet(copy));
  }

  /**
   * Returns corrections that only add or replace rules.
   *
   * @param rules explicit rules
   * @return the corrections
   */
  public static CalendarCorrections of(ProductionCalendar rules) {
    return of(rules, Collections.emptySet());
  }

  /**
   * Returns the smallest corrections that turn {@code from} into {@code to} within {@code to}'s
   * range: the rules of {@code to} that {@code from} lacks or has differently, and the removal of
   * {@code from}'s rules that {@code to} does not have. {@code between(a, b).applyTo(a)} has the
   * rules of {@code b} on every date {@code b} covers, when their ranges overlap or touch ({@link
   * #applyTo} refuses corrections whose range leaves a gap to the calendar's). O(n + m log m).
   *
   * @param from the calendar to correct, for example library data
   * @param to the wanted calendar, for example official data, same region
   * @return corrections with {@code to}'s region, range and sources
   * @throws IllegalArgumentException if the regions differ
   */
  public static CalendarCorrections between(ProductionCalendar from, ProductionCalendar to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.region().equals(to.region())) {
      throw new IllegalArgumentException(
          "between needs the same region, got " + from.region() + " and " + to.region());
    }
    ProductionCalendar.Builder rules =
        ProductionCalendar.builder(to.region(), to.start(), to.end());
    to.sources().forEach(rules::source);
    for (Map.Entry<LocalDate, DayRule> e : to.rules().entrySet()) {
      if (!e.getValue().equals(from.rules().get(e.getKey()))) {
        rules.rule(e.getKey(), e.getValue());
      }
    }
    TreeSet<LocalDate> removals = new TreeSet<>();
    for (LocalDate date : from.rules(to.start(), to.end()).keySet()) {
      if (!to.rules().containsKey(date)) {
        removals.add(date);
      }
    }
    return of(rules.build(), removals);
  }

  /**
   * Returns the explicit rules, region, range and sources.
   *
   * @return the rules as a calendar
   */
  public ProductionCalendar rules() {
    return rules;
  }

  /**
   * Returns the dates whose rules are removed.
   *
   * @return an unmodifiable sorted set, possibly empty
   */
  public NavigableSet<LocalDate> removals() {
    return removals;
  }

  /**
   * Applies these corrections: removes the rules of {@link #removals()}, then overrides with {@link
   * #rules()} (explicit wins). O(n + m log n).
   *
   * @param base the calendar to correct, same region, range overlapping or adjacent
   * @return the corrected calendar
   * @throws IllegalArgumentException if the regions differ or the ranges leave a gap
   */
  public ProductionCalendar applyTo(ProductionCalendar base) {
    Objects.requireNonNull(base, "base");
    return base.withoutRules(removals).withOverride(rules);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CalendarCorrections other
        && rules.equals(other.rules)
        && removals.equals(other.removals);
  }

  @Override
  public int hashCode() {
    return 31 * rules.hashCode() + removals.hashCode();
  }

  /**
   * Returns a short description.
   *
   * @return the rules' description and the number of removals
   */
  @Override
  public String toString() {
    return "CalendarCorrections[" + rules + ", " + removals.size() + " removals]";
  }
}
