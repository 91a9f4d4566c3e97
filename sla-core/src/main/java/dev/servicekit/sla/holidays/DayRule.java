package dev.servicekit.sla.holidays;

import java.time.DayOfWeek;
import java.time.Duration;
import java.util.Objects;

/**
 * What a production calendar says about one date: a public holiday, an extra day off, a shortened
 * working day, or a working day that replaces a day of the normal weekly pattern.
 *
 * <p>A date carries at most one rule. A transferred working day that is also shortened (Russia, 1
 * November 2025) is one {@link WorkingDay} with a non-zero {@link WorkingDay#shortenedBy()}.
 *
 * <p>All implementations are immutable records and thread-safe.
 */
public sealed interface DayRule
    permits DayRule.Holiday, DayRule.DayOff, DayRule.Shortened, DayRule.WorkingDay {

  /** The longest reduction accepted for a shortened day (exclusive): a day has 24 hours. */
  Duration MAX_REDUCTION = Duration.ofHours(24);

  /**
   * Returns a public holiday rule.
   *
   * @param name the holiday's name, not blank
   * @return the rule
   * @throws IllegalArgumentException if {@code name} is blank
   */
  static Holiday holiday(String name) {
    return new Holiday(name);
  }

  /**
   * Returns an extra day-off rule (for example the target of a decreed transfer).
   *
   * @param reason why the day is off, not blank
   * @return the rule
   * @throws IllegalArgumentException if {@code reason} is blank
   */
  static DayOff dayOff(String reason) {
    return new DayOff(reason);
  }

  /**
   * Returns a shortened-day rule.
   *
   * @param reduction how much shorter the working day is, positive, whole seconds (a business
   *     calendar's periods are) and less than 24 hours
   * @return the rule
   * @throws IllegalArgumentException if {@code reduction} is out of range
   */
  static Shortened shortened(Duration reduction) {
    return new Shortened(reduction);
  }

  /**
   * Returns a transferred working-day rule with normal hours.
   *
   * @param pattern the day of week whose working hours apply on this date
   * @return the rule
   */
  static WorkingDay workingDay(DayOfWeek pattern) {
    return new WorkingDay(pattern, Duration.ZERO);
  }

  /**
   * Whether no work is done on a date with this rule.
   *
   * @return {@code true} for {@link Holiday} and {@link DayOff}
   */
  boolean isDayOff();

  /**
   * A public (non-working) holiday. Immutable and thread-safe.
   *
   * @param name the holiday's name, not blank
   */
  record Holiday(String name) implements DayRule {
    /**
     * Validates the name.
     *
     * @param name the holiday's name, not blank
     */
    public Holiday {
      requireNotBlank(name, "name");
    }

    @Override
    public boolean isDayOff() {
      return true;
    }
  }

  /**
   * An extra day off that is not itself a holiday, typically the target of a transfer of days off.
   * Immutable and thread-safe.
   *
   * @param reason why the day is off, not blank
   */
  record DayOff(String reason) implements DayRule {
    /**
     * Validates the reason.
     *
     * @param reason why the day is off, not blank
     */
    public DayOff {
      requireNotBlank(reason, "reason");
    }

    @Override
    public boolean isDayOff() {
      return true;
    }
  }

  /**
   * A normal working day of the weekly pattern, shortened by {@code reduction} (Russia: one hour
   * before a holiday, Labour Code art. 95). Immutable and thread-safe.
   *
   * @param reduction how much shorter the working day is, positive, whole seconds (a business
   *     calendar's periods are) and less than 24 hours
   */
  record Shortened(Duration reduction) implements DayRule {
    /**
     * Validates the reduction.
     *
     * @param reduction how much shorter the working day is, positive, whole seconds (a business
     *     calendar's periods are) and less than 24 hours
     */
    public Shortened {
      Objects.requireNonNull(reduction, "reduction");
      if (reduction.isNegative() || reduction.isZero() || reduction.compareTo(MAX_REDUCTION) >= 0) {
        throw new IllegalArgumentException(
            "reduction " + reduction + " must be positive and less than PT24H");
      }
      requireWholeSeconds(reduction, "reduction");
    }

    @Override
    public boolean isDayOff() {
      return false;
    }
  }

  /**
   * A day worked although the weekly pattern has it off (a working Saturday), with the working
   * hours of {@code pattern}, optionally shortened. Immutable and thread-safe.
   *
   * @param pattern the day of week whose working hours apply on this date
   * @param shortenedBy reduction of those hours, zero or positive, whole seconds and less than 24
   *     hours
   */
  record WorkingDay(DayOfWeek pattern, Duration shortenedBy) implements DayRule {
    /**
     * Validates the components.
     *
     * @param pattern the day of week whose working hours apply on this date
     * @param shortenedBy reduction of those hours, zero or positive, whole seconds and less than 24
     *     hours
     */
    public WorkingDay {
      Objects.requireNonNull(pattern, "pattern");
      Objects.requireNonNull(shortenedBy, "shortenedBy");
      if (shortenedBy.isNegative() || shortenedBy.compareTo(MAX_REDUCTION) >= 0) {
        throw new IllegalArgumentException(
            "shortenedBy " + shortenedBy + " must be zero or positive and less than PT24H");
      }
      requireWholeSeconds(shortenedBy, "shortenedBy");
    }

    /**
     * Returns this working day shortened by {@code reduction}.
     *
     * @param reduction the reduction, zero or positive, whole seconds and less than 24 hours
     * @return a working day with the same pattern
     */
    public WorkingDay withShortenedBy(Duration reduction) {
      return new WorkingDay(pattern, reduction);
    }

    @Override
    public boolean isDayOff() {
      return false;
    }
  }

  /** A business calendar's periods are whole seconds: it could not apply a fraction of one. */
  private static void requireWholeSeconds(Duration reduction, String field) {
    if (reduction.getNano() != 0) {
      throw new IllegalArgumentException(field + " " + reduction + " must be whole seconds");
    }
  }

  private static void requireNotBlank(String value, String field) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " '" + value + "' must not be blank");
    }
  }
}
