package dev.servicekit.sla.holidays;

import dev.servicekit.sla.internal.Excerpt;
import dev.servicekit.sla.internal.JsonInput;
import dev.servicekit.sla.internal.Timeline;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The dated rules of a country's or region's production calendar over a date range: public
 * holidays, extra days off, shortened days and transferred working days, at most one {@link
 * DayRule} per date.
 *
 * <p>The calendar covers the half-open range {@code [start, end)}; every rule's date lies inside
 * it, and the range lies inside the years 1900..2299 that a {@code BusinessCalendar} supports. A
 * date inside the range without a rule follows the normal weekly pattern (which is not part of this
 * type: a {@code BusinessCalendar} supplies it). Library data is corrected with {@link #withRule},
 * {@link #withoutRule}, {@link #withOverride} (explicit wins) and combined with {@link #merge}
 * (conflicts rejected).
 *
 * <p>Applying a calendar to a business calendar: {@link DayRule.Holiday} and {@link DayRule.DayOff}
 * make the date non-working; {@link DayRule.Shortened} shortens the date's normal hours; {@link
 * DayRule.WorkingDay} gives the date the hours of {@link DayRule.WorkingDay#pattern()} and then
 * shortens them by {@link DayRule.WorkingDay#shortenedBy()} if non-zero. Rules are not checked
 * against a weekly pattern (this type has none): a working-day rule on a date that is already a
 * working day is accepted.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class ProductionCalendar {

  /** The most characters a region code may have (e.g. {@code DE-BY}). */
  public static final int MAX_REGION_CHARS = 16;

  private static final Pattern REGION = Pattern.compile("[A-Z0-9]+(-[A-Z0-9]+)*");

  /** The first year a calendar may cover: {@code BusinessCalendar}'s first supported year. */
  static final int FIRST_YEAR = Timeline.FIRST_YEAR;

  /** The last year a calendar may cover: {@code BusinessCalendar}'s last supported year. */
  static final int LAST_YEAR = Timeline.FIRST_YEAR + Timeline.YEARS - 1;

  /** The first date a calendar may cover. */
  static final LocalDate FIRST_DATE = LocalDate.of(FIRST_YEAR, 1, 1);

  /** The end (exclusive) of the dates a calendar may cover. */
  static final LocalDate END_DATE = LocalDate.of(LAST_YEAR + 1, 1, 1);

  /** The supported dates as error messages name them. */
  static final String SUPPORTED_DATES = FIRST_DATE + ".." + END_DATE.minusDays(1);

  private final String region;
  private final LocalDate start;
  private final LocalDate end;
  private final List<String> sources;
  private final NavigableMap<LocalDate, DayRule> rules;

  private ProductionCalendar(
      String region,
      LocalDate start,
      LocalDate end,
      List<String> sources,
      NavigableMap<LocalDate, DayRule> rules) {
    this.region = region;
    this.start = start;
    this.end = end;
    this.sources = sources;
    this.rules = rules;
  }

  /**
   * Returns a builder for a calendar covering {@code [start, end)}.
   *
   * @param region ISO 3166 country code, optionally followed by subdivision codes separated by
   *     {@code '-'} ({@code "RU"}, {@code "DE-BY"}); case-insensitive, stored in upper case
   * @param start first covered date
   * @param end first date after the covered range, after {@code start}
   * @return a new builder
   * @throws IllegalArgumentException if the region is malformed, the range is empty or it reaches
   *     outside the supported dates 1900-01-01..2299-12-31 ({@code end} at most 2300-01-01)
   */
  public static Builder builder(String region, LocalDate start, LocalDate end) {
    return new Builder(checkRegion(region), checkRange(start, end));
  }

  /**
   * Returns a builder for a calendar covering whole years {@code firstYear..lastYear} inclusive.
   *
   * @param region as for {@link #builder(String, LocalDate, LocalDate)}
   * @param firstYear first covered year
   * @param lastYear last covered year, not before {@code firstYear}
   * @return a new builder
   * @throws IllegalArgumentException if the region is malformed, {@code lastYear < firstYear} or a
   *     year is outside the supported years 1900..2299
   */
  public static Builder builderForYears(String region, int firstYear, int lastYear) {
    Objects.requireNonNull(region, "region");
    if (lastYear < firstYear) {
      throw new IllegalArgumentException(
          "lastYear " + lastYear + " must not be before firstYear " + firstYear);
    }
    checkYear(firstYear, "firstYear");
    checkYear(lastYear, "lastYear");
    return builder(region, LocalDate.of(firstYear, 1, 1), LocalDate.of(lastYear + 1, 1, 1));
  }

  /**
   * Returns a calendar without rules covering {@code [start, end)}.
   *
   * @param region as for {@link #builder(String, LocalDate, LocalDate)}
   * @param start first covered date
   * @param end first date after the covered range, after {@code start}
   * @return an empty calendar
   */
  public static ProductionCalendar empty(String region, LocalDate start, LocalDate end) {
    return builder(region, start, end).build();
  }

  /**
   * Returns the region code, e.g. {@code "RU"} or {@code "DE-BY"}.
   *
   * @return the upper-case region code
   */
  public String region() {
    return region;
  }

  /**
   * Returns the first covered date.
   *
   * @return the inclusive start of the range
   */
  public LocalDate start() {
    return start;
  }

  /**
   * Returns the first date after the covered range.
   *
   * @return the exclusive end of the range
   */
  public LocalDate end() {
    return end;
  }

  /**
   * Returns where the data comes from (decrees, libraries, URLs), distinct, in insertion order.
   *
   * @return an unmodifiable list, possibly empty
   */
  public List<String> sources() {
    return sources;
  }

  /**
   * Returns all rules by date.
   *
   * @return an unmodifiable sorted map
   */
  public NavigableMap<LocalDate, DayRule> rules() {
    return rules;
  }

  /**
   * Returns the rule for {@code date}. O(log rules).
   *
   * @param date any date
   * @return the rule, or empty if the date has none (or is outside the range)
   */
  public Optional<DayRule> rule(LocalDate date) {
    Objects.requireNonNull(date, "date");
    return Optional.ofNullable(rules.get(date));
  }

  /**
   * Returns the rules dated in {@code [from, to)}. O(log rules); the result is a view.
   *
   * @param from first date, inclusive
   * @param to last date, exclusive, not before {@code from}
   * @return an unmodifiable sorted map
   * @throws IllegalArgumentException if {@code to} is before {@code from}
   */
  public NavigableMap<LocalDate, DayRule> rules(LocalDate from, LocalDate to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to " + to + " must not be before from " + from);
    }
    return Collections.unmodifiableNavigableMap(rules.subMap(from, true, to, false));
  }

  /**
   * Whether {@code date} lies in {@code [start, end)}. O(1).
   *
   * @param date any date
   * @return {@code true} if covered
   */
  public boolean covers(LocalDate date) {
    Objects.requireNonNull(date, "date");
    return !date.isBefore(start) && date.isBefore(end);
  }

  /**
   * Returns a copy where {@code date} has exactly {@code rule}, replacing any rule it had (explicit
   * wins). O(rules).
   *
   * @param date a covered date
   * @param rule the new rule
   * @return the corrected calendar
   * @throws IllegalArgumentException if {@code date} is not covered
   */
  public ProductionCalendar withRule(LocalDate date, DayRule rule) {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(rule, "rule");
    checkCovered(date, start, end);
    TreeMap<LocalDate, DayRule> copy = new TreeMap<>(rules);
    copy.put(date, rule);
    return new ProductionCalendar(region, start, end, sources, freeze(copy));
  }

  /**
   * Returns a copy without a rule for {@code date}, for example to remove a wrong library holiday.
   * Returns {@code this} if the date has no rule. O(rules).
   *
   * @param date any date
   * @return the corrected calendar
   */
  public ProductionCalendar withoutRule(LocalDate date) {
    Objects.requireNonNull(date, "date");
    return withoutRules(List.of(date));
  }

  /**
   * Returns a copy without rules for any of {@code dates}. O(rules + dates log rules).
   *
   * @param dates dates whose rules are removed; dates without rules are ignored
   * @return the corrected calendar
   */
  public ProductionCalendar withoutRules(Collection<LocalDate> dates) {
    Objects.requireNonNull(dates, "dates");
    TreeMap<LocalDate, DayRule> copy = new TreeMap<>(rules);
    boolean changed = false;
    for (LocalDate date : dates) {
      changed |= copy.remove(Objects.requireNonNull(date, "dates element")) != null;
    }
    return changed ? new ProductionCalendar(region, start, end, sources, freeze(copy)) : this;
  }

  /**
   * Returns a copy with a different list of sources.
   *
   * @param newSources the sources, each not blank; duplicates are dropped
   * @return the calendar with the given sources
   */
  public ProductionCalendar withSources(List<String> newSources) {
    return new ProductionCalendar(
        region, start, end, checkSources(new LinkedHashSet<>(), newSources), rules);
  }

  /**
   * Returns this calendar corrected by {@code explicit}: every date that has a rule in {@code
   * explicit} gets exactly that rule (explicit wins); other dates keep this calendar's rule. The
   * range becomes the span of both ranges and the sources are concatenated. Associative. O(n + m).
   *
   * @param explicit the corrections, same region, range overlapping or adjacent to this one
   * @return the corrected calendar
   * @throws IllegalArgumentException if the regions differ or the ranges leave a gap
   */
  public ProductionCalendar withOverride(ProductionCalendar explicit) {
    Objects.requireNonNull(explicit, "explicit");
    checkCompatible(explicit, "withOverride");
    TreeMap<LocalDate, DayRule> copy = new TreeMap<>(rules);
    copy.putAll(explicit.rules);
    return combined(explicit, copy);
  }

  /**
   * Returns the union of two calendars of the same region. A date with a rule in both must have
   * compatible rules: equal rules, or a {@link DayRule.WorkingDay} and a {@link DayRule.Shortened}
   * (or working day) that agree, which combine into one shortened working day. Associative and
   * commutative in the rules (sources are concatenated in argument order); {@code a.merge(a)}
   * equals {@code a}. O((n + m) log(n + m)).
   *
   * @param other a calendar of the same region whose range overlaps or touches this one
   * @return the merged calendar
   * @throws IllegalArgumentException naming the date and both rules if two rules conflict, or if
   *     the regions differ or the ranges leave a gap
   */
  public ProductionCalendar merge(ProductionCalendar other) {
    Objects.requireNonNull(other, "other");
    checkCompatible(other, "merge");
    TreeMap<LocalDate, DayRule> copy = new TreeMap<>(rules);
    for (Map.Entry<LocalDate, DayRule> e : other.rules.entrySet()) {
      DayRule existing = copy.get(e.getKey());
      copy.put(
          e.getKey(), existing == null ? e.getValue() : join(e.getKey(), existing, e.getValue()));
    }
    return combined(other, copy);
  }

  private ProductionCalendar combined(ProductionCalendar other, TreeMap<LocalDate, DayRule> copy) {
    LinkedHashSet<String> allSources = new LinkedHashSet<>(sources);
    allSources.addAll(other.sources);
    LocalDate newStart = start.isBefore(other.start) ? start : other.start;
    LocalDate newEnd = end.isAfter(other.end) ? end : other.end;
    return new ProductionCalendar(region, newStart, newEnd, List.copyOf(allSources), freeze(copy));
  }

  private void checkCompatible(ProductionCalendar other, String operation) {
    if (!region.equals(other.region)) {
      throw new IllegalArgumentException(
          operation + " needs the same region, got " + region + " and " + other.region);
    }
    if (other.start.isAfter(end) || start.isAfter(other.end)) {
      throw new IllegalArgumentException(
          operation
              + " needs overlapping or adjacent ranges, got ["
              + start
              + ", "
              + end
              + ") and ["
              + other.start
              + ", "
              + other.end
              + ") which leave a gap");
    }
  }

  /**
   * Combines two rules for one date: equal rules, or a working day with a shortening that agrees.
   */
  static DayRule join(LocalDate date, DayRule a, DayRule b) {
    if (a.equals(b)) {
      return a;
    }
    if (a instanceof DayRule.WorkingDay w) {
      DayRule joined = joinWorkingDay(w, b);
      if (joined != null) {
        return joined;
      }
    } else if (b instanceof DayRule.WorkingDay w) {
      DayRule joined = joinWorkingDay(w, a);
      if (joined != null) {
        return joined;
      }
    }
    throw new IllegalArgumentException(
        "conflicting rules for "
            + date
            + ": "
            + dev.servicekit.sla.internal.JsonInput.excerpt(a.toString())
            + " and "
            + dev.servicekit.sla.internal.JsonInput.excerpt(b.toString()));
  }

  private static DayRule joinWorkingDay(DayRule.WorkingDay w, DayRule other) {
    Duration reduction;
    if (other instanceof DayRule.Shortened s) {
      reduction = s.reduction();
    } else if (other instanceof DayRule.WorkingDay v && v.pattern() == w.pattern()) {
      reduction = v.shortenedBy();
    } else {
      return null;
    }
    if (reduction.isZero() || w.shortenedBy().isZero() || reduction.equals(w.shortenedBy())) {
      return w.withShortenedBy(w.shortenedBy().isZero() ? reduction : w.shortenedBy());
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProductionCalendar other
        && region.equals(other.region)
        && start.equals(other.start)
        && end.equals(other.end)
        && sources.equals(other.sources)
        && rules.equals(other.rules);
  }

  @Override
  public int hashCode() {
    return Objects.hash(region, start, end, sources, rules);
  }

  /**
   * Returns a short description: region, range and number of rules.
   *
   * @return e.g. {@code ProductionCalendar[RU 2025-01-01/2026-01-01, 29 rules]}
   */
  @Override
  public String toString() {
    return "ProductionCalendar["
        + region
        + " "
        + start
        + "/"
        + end
        + ", "
        + rules.size()
        + " rules]";
  }

  private static String checkRegion(String region) {
    Objects.requireNonNull(region, "region");
    if (region.length() > MAX_REGION_CHARS) {
      throw new IllegalArgumentException(
          "region "
              + Excerpt.of(region)
              + " must have at most "
              + MAX_REGION_CHARS
              + " characters");
    }
    String upper = JsonInput.asciiUpperCase(region); // ASCII only: "ıt" is not IT
    if (!REGION.matcher(upper).matches()) {
      throw new IllegalArgumentException(
          "region "
              + Excerpt.of(region)
              + " must be a country code optionally followed by subdivision codes, e.g. RU or"
              + " DE-BY");
    }
    return upper;
  }

  private static LocalDate[] checkRange(LocalDate start, LocalDate end) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("end " + end + " must be after start " + start);
    }
    if (start.isBefore(FIRST_DATE)) {
      throw new IllegalArgumentException(
          "start " + start + " is outside the supported dates " + SUPPORTED_DATES);
    }
    if (end.isAfter(END_DATE)) {
      throw new IllegalArgumentException(
          "end "
              + end
              + " is after "
              + END_DATE
              + ", the end of the supported dates "
              + SUPPORTED_DATES);
    }
    return new LocalDate[] {start, end};
  }

  private static void checkYear(int year, String field) {
    if (year < FIRST_YEAR || year > LAST_YEAR) {
      throw new IllegalArgumentException(
          field + " " + year + " is outside the supported years " + FIRST_YEAR + ".." + LAST_YEAR);
    }
  }

  private static void checkCovered(LocalDate date, LocalDate start, LocalDate end) {
    if (date.isBefore(start) || !date.isBefore(end)) {
      throw new IllegalArgumentException(
          "date " + date + " is outside the calendar range [" + start + ", " + end + ")");
    }
  }

  private static List<String> checkSources(LinkedHashSet<String> into, Collection<String> add) {
    Objects.requireNonNull(add, "sources");
    for (String s : add) {
      into.add(checkSource(s));
    }
    return List.copyOf(into);
  }

  private static String checkSource(String source) {
    Objects.requireNonNull(source, "source");
    if (source.isBlank()) {
      throw new IllegalArgumentException("source '" + source + "' must not be blank");
    }
    return source;
  }

  private static NavigableMap<LocalDate, DayRule> freeze(TreeMap<LocalDate, DayRule> map) {
    return Collections.unmodifiableNavigableMap(map);
  }

  /**
   * Collects rules for a {@link ProductionCalendar}; validates each call eagerly. Adding an equal
   * rule twice is a no-op; {@link #workingDay} and {@link #shortened} for the same date combine
   * into one shortened working day; any other second rule for a date is rejected with an exception
   * naming the date and both rules.
   *
   * <p>Not thread-safe; use one builder per thread.
   */
  public static final class Builder {
    private final String region;
    private final LocalDate start;
    private final LocalDate end;
    private final TreeMap<LocalDate, DayRule> rules = new TreeMap<>();
    private final LinkedHashSet<String> sources = new LinkedHashSet<>();

    private Builder(String region, LocalDate[] range) {
      this.region = region;
      this.start = range[0];
      this.end = range[1];
    }

    /**
     * Adds a public holiday.
     *
     * @param date a covered date
     * @param name the holiday's name, not blank
     * @return this builder
     * @throws IllegalArgumentException if the date is not covered or already has another rule
     */
    public Builder holiday(LocalDate date, String name) {
      Objects.requireNonNull(date, "date");
      return rule(date, DayRule.holiday(name));
    }

    /**
     * Adds an extra day off (a transfer target).
     *
     * @param date a covered date
     * @param reason why the day is off, not blank
     * @return this builder
     * @throws IllegalArgumentException if the date is not covered or already has another rule
     */
    public Builder dayOff(LocalDate date, String reason) {
      Objects.requireNonNull(date, "date");
      return rule(date, DayRule.dayOff(reason));
    }

    /**
     * Adds a shortened day; combines with a {@link #workingDay} for the same date.
     *
     * @param date a covered date
     * @param reduction positive, whole seconds and less than 24 hours
     * @return this builder
     * @throws IllegalArgumentException if the date is not covered or already has another rule
     */
    public Builder shortened(LocalDate date, Duration reduction) {
      Objects.requireNonNull(date, "date");
      return rule(date, DayRule.shortened(reduction));
    }

    /**
     * Adds a transferred working day with the hours of {@code pattern}; combines with a {@link
     * #shortened} for the same date.
     *
     * @param date a covered date
     * @param pattern the day of week whose hours apply
     * @return this builder
     * @throws IllegalArgumentException if the date is not covered or already has another rule
     */
    public Builder workingDay(LocalDate date, DayOfWeek pattern) {
      Objects.requireNonNull(date, "date");
      return rule(date, DayRule.workingDay(pattern));
    }

    /**
     * Adds any rule. O(log rules).
     *
     * @param date a covered date
     * @param rule the rule
     * @return this builder
     * @throws IllegalArgumentException if the date is not covered or already has a conflicting rule
     */
    public Builder rule(LocalDate date, DayRule rule) {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(rule, "rule");
      checkCovered(date, start, end);
      DayRule existing = rules.get(date);
      rules.put(date, existing == null ? rule : join(date, existing, rule));
      return this;
    }

    /**
     * Records where the data comes from; repeated sources are kept once.
     *
     * @param source a decree, library or URL, not blank
     * @return this builder
     */
    public Builder source(String source) {
      sources.add(checkSource(source));
      return this;
    }

    /**
     * Returns the calendar. The builder stays usable.
     *
     * @return an immutable calendar
     */
    public ProductionCalendar build() {
      return new ProductionCalendar(
          region, start, end, List.copyOf(new ArrayList<>(sources)), freeze(new TreeMap<>(rules)));
    }
  }
}
