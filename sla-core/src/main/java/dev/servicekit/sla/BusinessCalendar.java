package dev.servicekit.sla;

import dev.servicekit.sla.holidays.DayRule;
import dev.servicekit.sla.holidays.ProductionCalendar;
import dev.servicekit.sla.internal.Excerpt;
import dev.servicekit.sla.internal.MergedTimeline;
import dev.servicekit.sla.internal.RuleTimeline;
import dev.servicekit.sla.internal.Timeline;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A business calendar: the instants at which a team (or a customer) is open, with exact,
 * DST-correct business-time arithmetic on {@link Instant}s.
 *
 * <p>A calendar is a weekly schedule of local {@link TimeRange}s in one {@link ZoneId} plus
 * per-date exceptions (holidays, shortened days, transferred working days, one-off hours), or the
 * union or intersection of two calendars (zones may differ).
 *
 * <h2>Semantics</h2>
 *
 * <ul>
 *   <li>A range belongs to the local date on which it starts: a Monday 22:00-06:00 shift runs until
 *       Tuesday 06:00 even if Tuesday is a holiday, and a holiday on Monday removes it.
 *   <li>Local times map to instants like {@link java.time.ZonedDateTime#of}: in a DST gap forward
 *       by the gap length, in an overlap to the earlier offset. Business time is real elapsed time
 *       (00:00-24:00 on a spring-forward day is 23 hours). Overlapping or touching periods merge.
 *   <li>{@code between(a, b)} is the open time in {@code [a, b)} for {@code a <= b} and {@code
 *       -between(b, a)} otherwise.
 *   <li>{@code plus(a, d)} for {@code d >= 0} is the earliest {@code t >= a} with {@code between(a,
 *       t) == d}: {@code plus(a, ZERO) == a}; counting from a closed instant starts at the next
 *       opening; a deadline that uses up a period lands on its close, not on the next opening.
 *       {@code minus(b, d)} is the latest {@code t <= b} with {@code between(t, b) == d}. A
 *       negative duration swaps the two.
 *   <li>Resolution: nanosecond-exact; period boundaries are whole seconds. Supported instants:
 *       {@code [1900-01-01T00:00:00Z, 2300-01-01T00:00:00Z)}; others are rejected with {@link
 *       IllegalArgumentException}.
 *   <li>Ends of the range: every instant an operation answers is one it accepts. Open time is
 *       counted only inside the range, so {@code minus} may answer {@link #SUPPORTED_START}, but
 *       {@link #SUPPORTED_END} is never a deadline: {@code plus} throws when the working time would
 *       run out exactly there (as when it runs out before), just as {@code nextClose} is empty in a
 *       period open up to {@link #SUPPORTED_END} and {@code openPeriods} ends before it.
 * </ul>
 *
 * <h2>Cost</h2>
 *
 * The instant line is cut into UTC years; each year's merged open periods and their prefix sums are
 * computed on first use (tens of microseconds to a millisecond per year) and cached for the years
 * an operation starts or ends in (tens of kilobytes each at most); years an operation merely
 * crosses keep only their total. After that every operation is {@code O(log p)} for the {@code p}
 * periods of a year plus one array read per UTC year crossed, so a ten-year {@code between} costs
 * about the same as a one-hour one. Searches are bounded: a calendar that runs out of working time
 * answers {@link Optional#empty()} or throws at once, it never scans forever. Years that cannot
 * have working time are skipped without being built: outside a calendar's dated rules, where a
 * failed search or {@code openPeriods} already found none, where an intersection's operand is empty
 * (either operand) and where the two operands' weekly hours cannot meet in that year's UTC offsets
 * (a weekday team and a weekend customer). A run of empty years that an operation has crossed is
 * remembered from the year it was entered at, so repeating it (an {@code openPeriods}, {@code
 * between} or failing {@code plus} over centuries of a calendar that is never open) costs one read
 * per run instead of one per year.
 *
 * <p>Immutable and thread-safe.
 */
public final class BusinessCalendar {
  private static final Logger LOG = LoggerFactory.getLogger(BusinessCalendar.class);

  /** The default calendar id. */
  public static final String DEFAULT_ID = "calendar";

  /** The most characters a calendar id may have. */
  public static final int MAX_ID_CHARS = 256;

  /** The first supported instant, {@code 1900-01-01T00:00:00Z}. */
  public static final Instant SUPPORTED_START = Timeline.MIN;

  /** The end (exclusive) of the supported instants, {@code 2300-01-01T00:00:00Z}. */
  public static final Instant SUPPORTED_END = Timeline.MAX;

  private static final LocalDate FIRST_DATE = LocalDate.of(Timeline.FIRST_YEAR, 1, 1);
  private static final LocalDate LAST_DATE =
      LocalDate.of(Timeline.FIRST_YEAR + Timeline.YEARS - 1, 12, 31);

  private enum Kind {
    RULES,
    UNION,
    INTERSECTION
  }

  private final String id;
  private final ZoneId zone;
  private final Kind kind;
  // RULES
  private final Map<DayOfWeek, List<TimeRange>> week;
  private final NavigableSet<LocalDate> holidays;
  private final NavigableMap<LocalDate, List<TimeRange>> hoursOn;
  private final NavigableMap<LocalDate, Duration> shortened;
  private final NavigableMap<LocalDate, DayOfWeek> workingDays;
  // UNION / INTERSECTION
  private final BusinessCalendar left;
  private final BusinessCalendar right;

  private final Timeline timeline;

  private BusinessCalendar(Builder b) {
    this.id = b.id;
    this.zone = b.zone;
    this.kind = Kind.RULES;
    EnumMap<DayOfWeek, List<TimeRange>> w = new EnumMap<>(DayOfWeek.class);
    // sorted, as hours(day) promises, so that the order the ranges were given in makes no other
    // calendar (equals, hashCode, CalendarJson.write)
    for (DayOfWeek d : DayOfWeek.values()) {
      w.put(d, sortedCopy(b.week.get(d)));
    }
    this.week = Collections.unmodifiableMap(w);
    this.holidays = Collections.unmodifiableNavigableSet(new TreeSet<>(b.holidays));
    TreeMap<LocalDate, List<TimeRange>> h = new TreeMap<>();
    b.hoursOn.forEach((k, v) -> h.put(k, sortedCopy(v)));
    this.hoursOn = Collections.unmodifiableNavigableMap(h);
    this.shortened = Collections.unmodifiableNavigableMap(new TreeMap<>(b.shortened));
    this.workingDays = Collections.unmodifiableNavigableMap(new TreeMap<>(b.workingDays));
    this.left = null;
    this.right = null;
    this.timeline = new RuleTimeline(zone, weeklyArrays(), exceptionArrays());
  }

  private BusinessCalendar(
      String id, ZoneId zone, Kind kind, BusinessCalendar left, BusinessCalendar right) {
    this.id = id;
    this.zone = zone;
    this.kind = kind;
    this.week = Map.of();
    this.holidays = Collections.emptyNavigableSet();
    this.hoursOn = Collections.emptyNavigableMap();
    this.shortened = Collections.emptyNavigableMap();
    this.workingDays = Collections.emptyNavigableMap();
    this.left = left;
    this.right = right;
    this.timeline = new MergedTimeline(left.timeline, right.timeline, kind == Kind.UNION);
  }

  private static List<TimeRange> sortedCopy(List<TimeRange> ranges) {
    List<TimeRange> sorted = new ArrayList<>(ranges);
    Collections.sort(sorted);
    return List.copyOf(sorted);
  }

  /** The years that holidays and other dated exceptions cover, for the build log: "2025..2026". */
  private String exceptionYears() {
    TreeSet<Integer> years = new TreeSet<>();
    for (NavigableMap<LocalDate, ?> m : List.of(hoursOn, shortened, workingDays)) {
      if (!m.isEmpty()) {
        years.add(m.firstKey().getYear());
        years.add(m.lastKey().getYear());
      }
    }
    if (!holidays.isEmpty()) {
      years.add(holidays.first().getYear());
      years.add(holidays.last().getYear());
    }
    return years.isEmpty() ? "none" : years.first() + ".." + years.last();
  }

  // ------------------------------------------------------------------ factories

  /**
   * A new builder for a calendar in a zone, with an empty week and no exceptions.
   *
   * @param zone the zone of the local schedule
   * @return a new builder
   */
  public static Builder builder(ZoneId zone) {
    return new Builder(zone);
  }

  /**
   * A calendar open 24 hours a day, 7 days a week.
   *
   * @param zone the zone (matters only once exceptions are added through {@link #toBuilder()})
   * @return the calendar
   */
  public static BusinessCalendar always(ZoneId zone) {
    Builder b = builder(zone).id("always");
    TimeRange day = TimeRange.of(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
    for (DayOfWeek d : DayOfWeek.values()) {
      b.hours(d, day);
    }
    return b.build();
  }

  /**
   * A builder holding this calendar's week and exceptions, to derive a calendar (for example with
   * extra holidays). O(exceptions).
   *
   * @return a new builder
   * @throws IllegalStateException if this calendar is a union or an intersection
   */
  public Builder toBuilder() {
    if (kind != Kind.RULES) {
      throw new IllegalStateException(
          "calendar '"
              + id
              + "' is a "
              + kind.name().toLowerCase(java.util.Locale.ROOT)
              + " of two calendars and has no week of its own; derive from its parts instead");
    }
    Builder b = new Builder(zone).id(id);
    for (DayOfWeek d : DayOfWeek.values()) {
      b.week.get(d).addAll(week.get(d));
    }
    b.holidays.addAll(holidays);
    hoursOn.forEach((k, v) -> b.hoursOn.put(k, new ArrayList<>(v)));
    b.shortened.putAll(shortened);
    b.workingDays.putAll(workingDays);
    return b;
  }

  /**
   * The calendar open whenever this one or {@code other} is open. Its zone is this calendar's zone;
   * its id is {@code "<this id>|<other id>"}, shortened if longer than {@link #MAX_ID_CHARS} (see
   * {@link #intersection}). O(1); work happens lazily per year.
   *
   * @param other the other calendar, in any zone
   * @return the union
   */
  public BusinessCalendar union(BusinessCalendar other) {
    Objects.requireNonNull(other, "other");
    return new BusinessCalendar(combinedId(id, '|', other.id), zone, Kind.UNION, this, other);
  }

  /**
   * The calendar open whenever both this one and {@code other} are open ("the team and the customer
   * are both open"). Its zone is this calendar's zone; its id is {@code "<this id>&<other id>"},
   * or, if that is longer than {@link #MAX_ID_CHARS}, its first characters, {@code ~} and 16 hex
   * digits of a 64-bit hash of the whole, {@link #MAX_ID_CHARS} in all: an id {@link #withId} takes
   * back, of constant size however deep the chain. O(1); work happens lazily per year.
   *
   * @param other the other calendar, in any zone
   * @return the intersection
   */
  public BusinessCalendar intersection(BusinessCalendar other) {
    Objects.requireNonNull(other, "other");
    return new BusinessCalendar(
        combinedId(id, '&', other.id), zone, Kind.INTERSECTION, this, other);
  }

  /**
   * {@code a + op + b}, or, if longer than {@link #MAX_ID_CHARS}, its first characters (not ending
   * inside a surrogate pair), {@code ~} and the 16 hex digits of its FNV-1a hash.
   */
  static String combinedId(String a, char op, String b) {
    int n = a.length() + 1 + b.length();
    if (n <= MAX_ID_CHARS) {
      return a + op + b;
    }
    long h = 0xcbf29ce484222325L; // FNV-1a, 64 bits, over the UTF-16 units of a + op + b
    for (int i = 0; i < n; i++) {
      char c = i < a.length() ? a.charAt(i) : i == a.length() ? op : b.charAt(i - a.length() - 1);
      h = (h ^ c) * 0x100000001b3L;
    }
    String hash = String.format("%016x", h);
    int keep = MAX_ID_CHARS - 1 - hash.length();
    if (keep < a.length() && keep > 0 && Character.isHighSurrogate(a.charAt(keep - 1))) {
      keep--;
    }
    String head = keep <= a.length() ? a.substring(0, keep) : (a + op + b).substring(0, keep);
    if (keep > a.length()
        && Character.isHighSurrogate(head.charAt(head.length() - 1))) { // inside b
      head = head.substring(0, head.length() - 1);
    }
    return head + '~' + hash;
  }

  /**
   * This calendar under another id (same open time).
   *
   * @param newId the id, not blank
   * @return a calendar with that id
   */
  public BusinessCalendar withId(String newId) {
    String checked = checkId(newId);
    if (kind == Kind.RULES) {
      return toBuilder().id(checked).build();
    }
    return new BusinessCalendar(checked, zone, kind, left, right);
  }

  // ------------------------------------------------------------------ accessors

  /**
   * The id, {@value #DEFAULT_ID} unless set.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * The zone of the local schedule (for a union or intersection: the zone of the receiver).
   *
   * @return the zone
   */
  public ZoneId zone() {
    return zone;
  }

  // ------------------------------------------------------------------ operations

  /**
   * Whether the calendar is open at {@code t}. O(log p).
   *
   * @param t the instant, in the supported range
   * @return true if open
   */
  public boolean isOpen(Instant t) {
    return timeline.isOpen(second(t, "t"));
  }

  /**
   * {@code t} if the calendar is open at {@code t}, else the next opening; empty if it never opens
   * again within the supported range. O(log p), plus one cached read per empty year skipped.
   *
   * @param t the instant, in the supported range
   * @return the next open instant
   */
  public Optional<Instant> nextOpen(Instant t) {
    return Optional.ofNullable(timeline.nextOpen(second(t, "t"), t.getNano()));
  }

  /**
   * {@code t} if the calendar is closed at {@code t}, else the end of the merged open period
   * containing {@code t}; empty if that period never ends within the supported range (24/7). O(log
   * p).
   *
   * @param t the instant, in the supported range
   * @return the next closed instant
   */
  public Optional<Instant> nextClose(Instant t) {
    return Optional.ofNullable(timeline.nextClose(second(t, "t"), t.getNano()));
  }

  /**
   * The merged open periods intersected with {@code [from, to)}, in order; empty if {@code from >=
   * to}. O(log p + result size + years crossed).
   *
   * @param from the start, inclusive
   * @param to the end, exclusive
   * @return the open periods
   */
  public List<OpenPeriod> openPeriods(Instant from, Instant to) {
    second(from, "from");
    second(to, "to");
    List<Instant> flat = timeline.openPeriods(from, to);
    List<OpenPeriod> out = new ArrayList<>();
    for (int i = 0; i < flat.size(); i += 2) {
      out.add(new OpenPeriod(flat.get(i), flat.get(i + 1)));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Business time between two instants: the open time in {@code [a, b)} if {@code a <= b}, else
   * {@code -between(b, a)}. O(log p + years crossed).
   *
   * @param a the start
   * @param b the end
   * @return the business duration, negative if {@code b < a}
   */
  public Duration between(Instant a, Instant b) {
    long as = second(a, "a");
    long bs = second(b, "b");
    if (a.compareTo(b) <= 0) {
      return timeline.between(as, a.getNano(), bs, b.getNano());
    }
    return timeline.between(bs, b.getNano(), as, a.getNano()).negated();
  }

  /**
   * The deadline {@code businessDuration} of business time after {@code start}: the earliest {@code
   * t >= start} with {@code between(start, t) == businessDuration}; {@code minus(start, -d)} for a
   * negative duration. The deadline is before {@link #SUPPORTED_END}. O(log p + years crossed).
   *
   * @param start the start instant
   * @param businessDuration the business time to add
   * @return the deadline
   * @throws IllegalStateException naming the calendar, instant and duration if the calendar has not
   *     enough working time left in the supported range, including when it would run out exactly at
   *     {@link #SUPPORTED_END}
   */
  public Instant plus(Instant start, Duration businessDuration) {
    long s = second(start, "start");
    Objects.requireNonNull(businessDuration, "businessDuration");
    if (businessDuration.isZero()) {
      return start;
    }
    if (businessDuration.isNegative()) {
      return minus(start, negate(businessDuration));
    }
    Instant r =
        timeline.plus(
            s, start.getNano(), businessDuration.getSeconds(), businessDuration.getNano());
    if (r == null) {
      throw exhausted("add", businessDuration, "to", start, "after");
    }
    return r;
  }

  /**
   * The instant {@code businessDuration} of business time before {@code end}: the latest {@code t
   * <= end} with {@code between(t, end) == businessDuration}; {@code plus(end, -d)} for a negative
   * duration. O(log p + years crossed).
   *
   * @param end the end instant
   * @param businessDuration the business time to subtract
   * @return the start instant
   * @throws IllegalStateException naming the calendar, instant and duration if the calendar has not
   *     enough working time before {@code end} in the supported range
   */
  public Instant minus(Instant end, Duration businessDuration) {
    long s = second(end, "end");
    Objects.requireNonNull(businessDuration, "businessDuration");
    if (businessDuration.isZero()) {
      return end;
    }
    if (businessDuration.isNegative()) {
      return plus(end, negate(businessDuration));
    }
    Instant r =
        timeline.minus(s, end.getNano(), businessDuration.getSeconds(), businessDuration.getNano());
    if (r == null) {
      throw exhausted("subtract", businessDuration, "from", end, "before");
    }
    return r;
  }

  private static Duration negate(Duration d) {
    if (d.getSeconds() == Long.MIN_VALUE) {
      throw new IllegalArgumentException(
          "businessDuration " + d + " is out of range: its negation does not fit a Duration");
    }
    return d.negated();
  }

  private IllegalStateException exhausted(
      String verb, Duration d, String prep, Instant t, String dir) {
    return new IllegalStateException(
        "calendar '"
            + id
            + "' cannot "
            + verb
            + " "
            + d
            + " of business time "
            + prep
            + " "
            + t
            + ": not enough working time "
            + dir
            + " it within the supported range ["
            + Timeline.MIN
            + ", "
            + Timeline.MAX
            + ")");
  }

  /**
   * The epoch second of {@code t}, checked to lie in the supported range; the refusal names {@code
   * name}. Also the clock's check of its evaluation instants.
   */
  static long second(Instant t, String name) {
    Objects.requireNonNull(t, name);
    long s = t.getEpochSecond();
    if (!Timeline.inRange(s)) {
      throw new IllegalArgumentException(
          name
              + " "
              + t
              + " is outside the supported range ["
              + Timeline.MIN
              + ", "
              + Timeline.MAX
              + ")");
    }
    return s;
  }

  // ------------------------------------------------------------------ compile rules

  private int[][] weeklyArrays() {
    int[][] out = new int[7][];
    for (DayOfWeek d : DayOfWeek.values()) {
      out[d.ordinal()] = flatten(week.get(d));
    }
    return out;
  }

  private SortedMap<LocalDate, int[]> exceptionArrays() {
    TreeSet<LocalDate> dates = new TreeSet<>(holidays);
    dates.addAll(hoursOn.keySet());
    dates.addAll(shortened.keySet());
    dates.addAll(workingDays.keySet());
    TreeMap<LocalDate, int[]> out = new TreeMap<>();
    for (LocalDate date : dates) {
      out.put(date, effectiveRanges(date));
    }
    return out;
  }

  private int[] effectiveRanges(LocalDate date) {
    if (holidays.contains(date)) {
      return new int[0];
    }
    List<TimeRange> ranges = hoursOn.get(date);
    if (ranges == null) {
      ranges = week.get(workingDays.getOrDefault(date, date.getDayOfWeek()));
    }
    int[] flat = flatten(ranges);
    Duration reduction = shortened.get(date);
    if (reduction == null) {
      return flat;
    }
    long cut = reduction.getSeconds();
    int n = flat.length;
    while (n > 0 && cut > 0) {
      int len = flat[n - 1] - flat[n - 2];
      if (cut >= len) {
        cut -= len;
        n -= 2;
      } else {
        flat[n - 1] -= (int) cut;
        cut = 0;
      }
    }
    return Arrays.copyOf(flat, n);
  }

  private static int[] flatten(List<TimeRange> ranges) {
    List<TimeRange> sorted = new ArrayList<>(ranges);
    Collections.sort(sorted);
    int[] out = new int[sorted.size() * 2];
    for (int i = 0; i < sorted.size(); i++) {
      out[2 * i] = sorted.get(i).startSecond();
      out[2 * i + 1] = sorted.get(i).endSecond();
    }
    return out;
  }

  // ------------------------------------------------------------------ rule accessors

  /**
   * The weekly ranges of a weekday, sorted (empty for a union or intersection).
   *
   * @param day the weekday
   * @return the ranges
   */
  public List<TimeRange> hours(DayOfWeek day) {
    Objects.requireNonNull(day, "day");
    return week.getOrDefault(day, List.of());
  }

  /**
   * The holidays (empty for a union or intersection).
   *
   * @return the holidays, sorted
   */
  public NavigableSet<LocalDate> holidays() {
    return holidays;
  }

  /**
   * The dates with replaced hours (empty for a union or intersection).
   *
   * @return date to ranges, sorted by date, each date's ranges sorted
   */
  public NavigableMap<LocalDate, List<TimeRange>> hoursOn() {
    return hoursOn;
  }

  /**
   * The shortened dates and their reductions (empty for a union or intersection).
   *
   * @return date to reduction, sorted by date
   */
  public NavigableMap<LocalDate, Duration> shortenedDays() {
    return shortened;
  }

  /**
   * The transferred working days and the weekday whose hours they work (empty for a union or
   * intersection).
   *
   * @return date to weekday pattern, sorted by date
   */
  public NavigableMap<LocalDate, DayOfWeek> workingDays() {
    return workingDays;
  }

  /**
   * Whether this calendar is defined by its own rules (not a union or intersection).
   *
   * @return true for a rule-based calendar
   */
  public boolean isRuleBased() {
    return kind == Kind.RULES;
  }

  /**
   * Whether this calendar is a {@link #union} of its {@link #operands()}.
   *
   * @return true for a union
   */
  public boolean isUnion() {
    return kind == Kind.UNION;
  }

  /**
   * Whether this calendar is an {@link #intersection} of its {@link #operands()}.
   *
   * @return true for an intersection
   */
  public boolean isIntersection() {
    return kind == Kind.INTERSECTION;
  }

  /**
   * The two calendars a union or an intersection combines, the one whose {@link #union} or {@link
   * #intersection} built it first; empty for a rule-based calendar. With them a combined calendar
   * can be rebuilt equal to itself: {@code a.union(b).withId(id())} (or {@code intersection}), so
   * code that ships calendars (the Flink adapter) can write each rule-based part with {@link
   * CalendarJson} and combine them again. O(1).
   *
   * @return an immutable list of zero or two calendars
   */
  public List<BusinessCalendar> operands() {
    return kind == Kind.RULES ? List.of() : List.of(left, right);
  }

  // ------------------------------------------------------------------ object

  /** Equal if built from the same id, zone and rules (or the same parts and operation). */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof BusinessCalendar)) {
      return false;
    }
    BusinessCalendar c = (BusinessCalendar) o;
    return id.equals(c.id)
        && zone.equals(c.zone)
        && kind == c.kind
        && week.equals(c.week)
        && holidays.equals(c.holidays)
        && hoursOn.equals(c.hoursOn)
        && shortened.equals(c.shortened)
        && workingDays.equals(c.workingDays)
        && Objects.equals(left, c.left)
        && Objects.equals(right, c.right);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        id, zone, kind, week, holidays, hoursOn, shortened, workingDays, left, right);
  }

  /** A short description: id, zone and rule counts. */
  @Override
  public String toString() {
    if (kind != Kind.RULES) {
      return "BusinessCalendar[" + id + ", " + kind + " of " + left + " and " + right + "]";
    }
    return "BusinessCalendar["
        + id
        + ", "
        + zone
        + ", week="
        + week
        + ", holidays="
        + holidays.size()
        + ", hoursOn="
        + hoursOn.size()
        + ", shortened="
        + shortened.size()
        + ", workingDays="
        + workingDays.size()
        + "]";
  }

  private static String checkId(String id) {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id " + Excerpt.blank(id) + " must not be blank");
    }
    return Excerpt.requireId(id, "id", MAX_ID_CHARS);
  }

  /** The supported dates' rule; package-private so that a reader can locate it at the date. */
  static LocalDate checkDate(LocalDate date, String field) {
    Objects.requireNonNull(date, field);
    if (date.isBefore(FIRST_DATE) || date.isAfter(LAST_DATE)) {
      throw new IllegalArgumentException(
          field + " " + date + " is outside the supported dates " + FIRST_DATE + ".." + LAST_DATE);
    }
    return date;
  }

  /**
   * Builds a {@link BusinessCalendar}. Every method validates its input at once and throws {@link
   * IllegalArgumentException} naming the field, the value and the rule; conflicting rules for one
   * date fail at the second rule. Not thread-safe.
   */
  public static final class Builder {
    private final ZoneId zone;
    private String id = DEFAULT_ID;
    private final EnumMap<DayOfWeek, List<TimeRange>> week = new EnumMap<>(DayOfWeek.class);
    private final TreeSet<LocalDate> holidays = new TreeSet<>();
    private final TreeMap<LocalDate, List<TimeRange>> hoursOn = new TreeMap<>();
    private final TreeMap<LocalDate, Duration> shortened = new TreeMap<>();
    private final TreeMap<LocalDate, DayOfWeek> workingDays = new TreeMap<>();

    private Builder(ZoneId zone) {
      Objects.requireNonNull(zone, "zone");
      zone.getRules(); // unknown region ids fail here, not later
      this.zone = zone;
      for (DayOfWeek d : DayOfWeek.values()) {
        week.put(d, new ArrayList<>());
      }
    }

    /**
     * Sets the id (default {@value BusinessCalendar#DEFAULT_ID}), used in error messages.
     *
     * @param id the id: not blank, at most {@link #MAX_ID_CHARS} characters, no control character,
     *     line or paragraph separator or lone surrogate
     * @return this builder
     */
    public Builder id(String id) {
      this.id = checkId(id);
      return this;
    }

    /**
     * Adds working ranges to a weekday.
     *
     * @param day the weekday
     * @param ranges the ranges; they must not overlap each other or the day's existing ranges
     * @return this builder
     * @throws IllegalArgumentException naming the day and both ranges on overlap
     */
    public Builder hours(DayOfWeek day, TimeRange... ranges) {
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(ranges, "ranges");
      List<TimeRange> next = new ArrayList<>(week.get(day));
      addChecked(next, ranges, "hours for " + day);
      week.put(day, next);
      return this;
    }

    /**
     * Adds the same working ranges to Monday through Friday; all or nothing (on error no day
     * changes).
     *
     * @param ranges the ranges
     * @return this builder
     * @throws IllegalArgumentException naming the day and both ranges on overlap
     */
    public Builder weekdays(TimeRange... ranges) {
      Objects.requireNonNull(ranges, "ranges");
      // validate all five days before changing any, so a failed call leaves the builder as it was
      EnumMap<DayOfWeek, List<TimeRange>> next = new EnumMap<>(DayOfWeek.class);
      for (DayOfWeek d : DayOfWeek.values()) {
        if (d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY) {
          List<TimeRange> list = new ArrayList<>(week.get(d));
          addChecked(list, ranges, "hours for " + d);
          next.put(d, list);
        }
      }
      week.putAll(next);
      return this;
    }

    /**
     * Closes a date all day (including night shifts starting on it). Adding the same holiday twice
     * is allowed.
     *
     * @param date the date
     * @return this builder
     * @throws IllegalArgumentException if the date has another rule
     */
    public Builder holiday(LocalDate date) {
      LocalDate d = checkDate(date, "holiday");
      conflict(d, "holiday", false, true, true, true);
      holidays.add(d);
      return this;
    }

    /**
     * Closes every date of a collection all day; all or nothing (on error no date is added).
     *
     * @param dates the dates
     * @return this builder
     * @throws IllegalArgumentException if a date has another rule
     */
    public Builder holidays(Collection<LocalDate> dates) {
      Objects.requireNonNull(dates, "dates");
      List<LocalDate> copy = new ArrayList<>(dates);
      for (LocalDate d : copy) {
        conflict(checkDate(d, "holiday"), "holiday", false, true, true, true);
      }
      holidays.addAll(copy);
      return this;
    }

    /**
     * Replaces a date's hours: one-off extra or reduced hours, or a special working day with its
     * own hours; no ranges means closed.
     *
     * @param date the date
     * @param ranges the ranges of that date
     * @return this builder
     * @throws IllegalArgumentException on overlapping ranges or if the date has another rule
     */
    public Builder hoursOn(LocalDate date, TimeRange... ranges) {
      LocalDate d = checkDate(date, "hoursOn date");
      Objects.requireNonNull(ranges, "ranges");
      conflict(d, "hoursOn", true, true, true, true);
      List<TimeRange> list = new ArrayList<>();
      addChecked(list, ranges, "hoursOn " + d);
      hoursOn.put(d, list);
      return this;
    }

    /**
     * Shortens a date's working time by {@code reduction}, taken from the end of its last ranges
     * (the pre-holiday day). Lengths are nominal local time (a DST shift inside the day does not
     * change how much is cut). A reduction at least as long as the day's working time closes it.
     * Combines with {@link #workingDayAs(LocalDate, DayOfWeek)}.
     *
     * @param date the date
     * @param reduction positive, whole seconds, at most 24 hours
     * @return this builder
     * @throws IllegalArgumentException on a bad reduction or if the date has another rule
     */
    public Builder shortenDay(LocalDate date, Duration reduction) {
      LocalDate d = checkDate(date, "shortenDay date");
      Objects.requireNonNull(reduction, "reduction");
      if (!isReduction(reduction)) {
        throw new IllegalArgumentException(
            "shortenDay "
                + date
                + " reduction "
                + reduction
                + " must be positive, whole seconds and at most PT24H");
      }
      if (reduction.equals(shortened.get(d))) {
        return this; // the same rule again: a no-op, as a repeated holiday is
      }
      conflict(d, "shortenDay", true, true, true, false);
      shortened.put(d, reduction);
      return this;
    }

    /**
     * Whether {@code reduction} is one {@link #shortenDay} takes: positive, whole seconds, at most
     * a day ({@link CalendarJson} locates a breach of it at the entry's {@code by}).
     */
    static boolean isReduction(Duration reduction) {
      return !reduction.isNegative()
          && !reduction.isZero()
          && reduction.getNano() == 0
          && reduction.compareTo(Duration.ofDays(1)) <= 0;
    }

    /**
     * Makes a date a transferred working day that works the weekly hours of {@code pattern} (for
     * example a Saturday worked as a Monday). Combines with {@link #shortenDay(LocalDate,
     * Duration)}.
     *
     * @param date the date
     * @param pattern the weekday whose hours apply
     * @return this builder
     * @throws IllegalArgumentException if the date has another rule
     */
    public Builder workingDayAs(LocalDate date, DayOfWeek pattern) {
      LocalDate d = checkDate(date, "workingDayAs date");
      Objects.requireNonNull(pattern, "pattern");
      if (pattern == workingDays.get(d)) {
        return this; // the same rule again: a no-op, as a repeated holiday is
      }
      conflict(d, "workingDayAs", true, true, false, true);
      workingDays.put(d, pattern);
      return this;
    }

    /**
     * Applies every dated rule of a production calendar (public holidays, transferred days off,
     * shortened pre-holiday days, transferred working days): {@code Holiday} and {@code DayOff}
     * close the date, {@code Shortened} shortens it, {@code WorkingDay} works the hours of its
     * weekday pattern, shortened if the rule says so. Correct library data in the {@link
     * ProductionCalendar} (see {@link ProductionCalendar#withOverride}) before applying it.
     * O(rules).
     *
     * @param calendar the production calendar
     * @return this builder
     * @throws IllegalArgumentException if a date already has a conflicting rule in this builder
     *     (the same rule again is no conflict); the message names the date and the production
     *     calendar's region, and the builder is left as it was
     */
    public Builder apply(ProductionCalendar calendar) {
      Objects.requireNonNull(calendar, "calendar");
      // all or nothing: on a conflict the builder is put back as it was
      TreeSet<LocalDate> holidaysBefore = new TreeSet<>(holidays);
      TreeMap<LocalDate, Duration> shortenedBefore = new TreeMap<>(shortened);
      TreeMap<LocalDate, DayOfWeek> workingBefore = new TreeMap<>(workingDays);
      for (Map.Entry<LocalDate, DayRule> e : calendar.rules().entrySet()) {
        LocalDate date = e.getKey();
        DayRule rule = e.getValue();
        try {
          if (rule.isDayOff()) {
            holiday(date);
          } else if (rule instanceof DayRule.Shortened) {
            shortenDay(date, ((DayRule.Shortened) rule).reduction());
          } else if (rule instanceof DayRule.WorkingDay) {
            DayRule.WorkingDay working = (DayRule.WorkingDay) rule;
            workingDayAs(date, working.pattern());
            if (!working.shortenedBy().isZero()) {
              shortenDay(date, working.shortenedBy());
            }
          } else {
            throw new IllegalArgumentException("unsupported day rule " + rule);
          }
        } catch (IllegalArgumentException ex) {
          holidays.clear();
          holidays.addAll(holidaysBefore);
          shortened.clear();
          shortened.putAll(shortenedBefore);
          workingDays.clear();
          workingDays.putAll(workingBefore);
          throw new IllegalArgumentException(
              ex.getMessage() + " (production calendar " + calendar.region() + ", " + date + ")",
              ex);
        }
      }
      return this;
    }

    /**
     * Builds the calendar. O(weekly ranges + exceptions); the year indexes are built lazily.
     *
     * @return the calendar
     */
    public BusinessCalendar build() {
      BusinessCalendar built = new BusinessCalendar(this);
      // Configuration boundary: once per calendar built, never per plus/between.
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "business calendar '{}' built in {}: {} weekly ranges, {} holidays, {} days with own"
                + " hours, {} shortened days, {} transferred working days, exceptions in years {}",
            built.id,
            built.zone,
            built.week.values().stream().mapToInt(List::size).sum(),
            built.holidays.size(),
            built.hoursOn.size(),
            built.shortened.size(),
            built.workingDays.size(),
            built.exceptionYears());
      }
      return built;
    }

    private void conflict(
        LocalDate date,
        String rule,
        boolean checkHoliday,
        boolean checkHoursOn,
        boolean checkShortened,
        boolean checkWorkingDay) {
      String existing = null;
      if (checkHoliday && holidays.contains(date)) {
        existing = "holiday";
      } else if (checkHoursOn && hoursOn.containsKey(date)) {
        existing = "hoursOn " + hoursOn.get(date);
      } else if (checkShortened && shortened.containsKey(date)) {
        existing = "shortenDay " + shortened.get(date);
      } else if (checkWorkingDay && workingDays.containsKey(date)) {
        existing = "workingDayAs " + workingDays.get(date);
      }
      if (existing != null) {
        throw new IllegalArgumentException(
            rule + " " + date + " conflicts with the rule already set for that date: " + existing);
      }
    }

    private static void addChecked(List<TimeRange> into, TimeRange[] ranges, String what) {
      for (TimeRange r : ranges) {
        Objects.requireNonNull(r, "range");
        for (TimeRange old : into) {
          if (old.overlaps(r)) {
            throw new IllegalArgumentException(
                what + ": range " + r + " overlaps range " + old + " on the same day");
          }
        }
        into.add(r);
      }
    }
  }
}
