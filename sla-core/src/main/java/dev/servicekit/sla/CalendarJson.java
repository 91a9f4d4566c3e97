package dev.servicekit.sla;

import static dev.servicekit.sla.internal.JsonInput.array;
import static dev.servicekit.sla.internal.JsonInput.at;
import static dev.servicekit.sla.internal.JsonInput.duration;
import static dev.servicekit.sla.internal.JsonInput.excerpt;
import static dev.servicekit.sla.internal.JsonInput.integer;
import static dev.servicekit.sla.internal.JsonInput.object;
import static dev.servicekit.sla.internal.JsonInput.required;
import static dev.servicekit.sla.internal.JsonInput.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.sla.holidays.JollydayHolidays;
import dev.servicekit.sla.holidays.ProductionCalendar;
import dev.servicekit.sla.holidays.internal.UnknownRegionException;
import dev.servicekit.sla.internal.JsonInput;
import dev.servicekit.sla.internal.Timeline;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads and writes {@link BusinessCalendar}s as JSON, through the same builder and validation as
 * code. Errors are {@link IllegalArgumentException}s whose message ends with the JSON path, line
 * and column, for example {@code expected a string but found 3 (at $.week.MONDAY[1], line 2, column
 * 35)}.
 *
 * <p>Format (every field but {@code zone} optional):
 *
 * <pre>{@code
 * {"id":"support-eu","zone":"Europe/Berlin",
 *  "week":{"MONDAY":["09:00-13:00","14:00-18:00"],"FRIDAY":["22:00-06:00"]},
 *  "holidays":["2026-12-25"],
 *  "shortened":[{"date":"2026-12-24","by":"PT1H"}],
 *  "hours":[{"date":"2026-11-28","ranges":["10:00-14:00"]}],
 *  "workingDays":[{"date":"2025-11-01","as":"MONDAY"}]}
 * }</pre>
 *
 * <p>A calendar may also take a country's public holidays from jollyday (an optional dependency of
 * sla-core, see {@link JollydayHolidays}): {@code "publicHolidays":[{"country":"de",
 * "subdivisions":["by"],"from":2026,"to":2027,"except":["2026-12-26"]}]} closes every public
 * holiday of Bavaria in 2026 and 2027 but Boxing Day 2026. {@code subdivisions} is jollyday's
 * hierarchy path below the country, not a list of regions ({@code ["by", "ag"]} is Augsburg in
 * Bavaria): give one entry per region. Each entry is applied as {@link
 * BusinessCalendar.Builder#apply} applies a production calendar, before the other fields, so that a
 * date listed both there and in {@code hours}, {@code shortened} or {@code workingDays} is refused
 * as two rules for one date (list it in {@code except} to work it). {@code except} removes dates
 * from its own entry only, whatever the entry's rule for it: a holiday, and for Russia also a
 * transferred day off, a working Saturday or a shortened day (except a shortened day to give it
 * hours of your own). An {@code except} date for which the entry has no rule is refused, as a typo
 * would otherwise keep the holiday silently. An entry's errors are located at the field that breaks
 * the rule ({@code $.publicHolidays[0].to} for {@code to} before {@code from}, {@code
 * .subdivisions[1]} for an unknown subdivision) and name the JSON fields, not {@link
 * JollydayHolidays#holidays}' parameters. {@link #write} writes the holidays as dates, not as the
 * entry. Without jollyday at run time such an entry throws {@link IllegalStateException} naming the
 * artifacts to add. For Russia ({@code "country":"ru"}, no subdivisions) an entry takes the bundled
 * production calendar instead ({@code BundledCalendars.russia}: holidays, transferred days off,
 * working Saturdays and shortened pre-holiday days, which jollyday lacks), and a year outside the
 * bundled ones is refused rather than read from jollyday.
 *
 * <p>Hostile input is rejected, never half-read: duplicate keys, content after the document,
 * strings over 64 Ki characters, nesting deeper than 32, documents over 16 MiB, and numbers beyond
 * 10^±400 in magnitude or decimals or beyond a double's range (Infinity, or a non-zero number that
 * rounds to 0.0), checked before any conversion. Every error names the JSON path with its line and
 * column, e.g. {@code (at $.holidays[4], line 14, column 9)}, and quotes at most 80 characters of a
 * bad value.
 *
 * <p>Stateless and thread-safe.
 */
public final class CalendarJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String MALFORMED = "calendar JSON is malformed: ";
  private static final Set<String> FIELDS =
      Set.of(
          "id", "zone", "week", "publicHolidays", "holidays", "shortened", "hours", "workingDays");
  private static final Set<String> PUBLIC_HOLIDAY_FIELDS =
      Set.of("country", "subdivisions", "from", "to", "except");
  private static final java.util.regex.Pattern REGION_PART =
      java.util.regex.Pattern.compile("[A-Z0-9]+");
  private static final int LAST_YEAR = Timeline.FIRST_YEAR + Timeline.YEARS - 1;

  private CalendarJson() {}

  /**
   * Reads a calendar from JSON text. O(input size).
   *
   * @param json the JSON text
   * @return the calendar
   * @throws IllegalArgumentException naming the JSON path, the value and the rule on bad input
   * @throws IllegalStateException if the JSON has {@code publicHolidays} and jollyday is missing
   */
  public static BusinessCalendar read(String json) {
    return JsonInput.read(json, MALFORMED, CalendarJson::fromTree);
  }

  /**
   * Reads a calendar from a UTF-8 JSON stream (not closed). O(input size).
   *
   * @param in the stream
   * @return the calendar
   * @throws IllegalArgumentException naming the JSON path, the value and the rule on bad input
   * @throws UncheckedIOException if reading fails
   * @throws IllegalStateException if the JSON has {@code publicHolidays} and jollyday is missing
   */
  public static BusinessCalendar read(InputStream in) {
    return JsonInput.read(in, MALFORMED, CalendarJson::fromTree);
  }

  /**
   * Writes a rule-based calendar in the format {@link #read(String)} reads; reading it back gives
   * an equal calendar. O(rules).
   *
   * @param calendar the calendar
   * @return compact JSON text
   * @throws IllegalArgumentException if the calendar is a union or an intersection
   */
  public static String write(BusinessCalendar calendar) {
    Objects.requireNonNull(calendar, "calendar");
    if (!calendar.isRuleBased()) {
      throw new IllegalArgumentException(
          "calendar '" + calendar.id() + "' is a union or intersection and has no JSON form");
    }
    ObjectNode root = MAPPER.createObjectNode();
    root.put("id", calendar.id());
    root.put("zone", calendar.zone().getId());
    ObjectNode week = root.putObject("week");
    for (DayOfWeek d : DayOfWeek.values()) {
      List<TimeRange> ranges = calendar.hours(d);
      if (!ranges.isEmpty()) {
        ArrayNode a = week.putArray(d.name());
        ranges.forEach(r -> a.add(r.toString()));
      }
    }
    ArrayNode holidays = root.putArray("holidays");
    calendar.holidays().forEach(d -> holidays.add(d.toString()));
    ArrayNode shortened = root.putArray("shortened");
    calendar
        .shortenedDays()
        .forEach(
            (d, by) -> shortened.addObject().put("date", d.toString()).put("by", by.toString()));
    ArrayNode hours = root.putArray("hours");
    calendar
        .hoursOn()
        .forEach(
            (d, ranges) -> {
              ObjectNode o = hours.addObject().put("date", d.toString());
              ArrayNode a = o.putArray("ranges");
              ranges.forEach(r -> a.add(r.toString()));
            });
    ArrayNode working = root.putArray("workingDays");
    calendar
        .workingDays()
        .forEach((d, as) -> working.addObject().put("date", d.toString()).put("as", as.name()));
    return root.toString();
  }

  private static BusinessCalendar fromTree(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("calendar JSON must be an object ($)");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new IllegalArgumentException(
            JsonInput.unknownField(f)
                + "; expected one of "
                + new java.util.TreeSet<>(FIELDS)
                + " ("
                + JsonInput.child(JsonInput.ROOT, f)
                + ")");
      }
    }
    JsonNode zoneNode = root.get("zone");
    if (zoneNode == null || zoneNode.isNull()) {
      throw new IllegalArgumentException("zone is required (zone)");
    }
    String zoneText = text(zoneNode, "zone");
    ZoneId zone;
    try {
      zone = ZoneId.of(zoneText);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "zone '" + excerpt(zoneText) + "' is not a known time zone id (zone)", e);
    }
    BusinessCalendar.Builder b = BusinessCalendar.builder(zone);
    JsonNode id = root.get("id");
    if (id != null) {
      String v = text(id, "id");
      at("id", () -> b.id(v));
    }
    JsonNode week = root.get("week");
    if (week != null) {
      if (!week.isObject()) {
        throw new IllegalArgumentException("week must be an object of weekday arrays (week)");
      }
      java.util.Map<DayOfWeek, String> seen = new java.util.EnumMap<>(DayOfWeek.class);
      for (Iterator<Map.Entry<String, JsonNode>> it = week.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String path = JsonInput.child("week", e.getKey());
        DayOfWeek day = dayOfWeek(e.getKey(), path);
        String first = seen.putIfAbsent(day, e.getKey());
        if (first != null) { // "MONDAY" and "monday": one day given twice, not merged silently
          throw new IllegalArgumentException(
              "weekday '"
                  + excerpt(e.getKey())
                  + "' repeats '"
                  + excerpt(first)
                  + "' (weekday names are read in any letter case) ("
                  + path
                  + ")");
        }
        JsonNode ranges = array(e.getValue(), path);
        for (int i = 0; i < ranges.size(); i++) {
          String p = path + "[" + i + "]";
          TimeRange r = range(ranges.get(i), p);
          at(p, () -> b.hours(day, r));
        }
      }
    }
    JsonNode publicHolidays = root.get("publicHolidays");
    if (publicHolidays != null) {
      array(publicHolidays, "publicHolidays");
      for (int i = 0; i < publicHolidays.size(); i++) {
        String p = "publicHolidays[" + i + "]";
        ProductionCalendar pc = publicHolidays(publicHolidays.get(i), p);
        at(p, () -> b.apply(pc));
      }
    }
    // every list refuses a date it repeats, even with the same content, as the other readers do
    Set<String> listed = new HashSet<>();
    JsonNode holidays = root.get("holidays");
    if (holidays != null) {
      array(holidays, "holidays");
      for (int i = 0; i < holidays.size(); i++) {
        String p = "holidays[" + i + "]";
        LocalDate d = date(holidays.get(i), p);
        once(listed, "holidays", d, p);
        at(p, () -> b.holiday(d));
      }
    }
    JsonNode hours = root.get("hours");
    if (hours != null) {
      array(hours, "hours");
      for (int i = 0; i < hours.size(); i++) {
        String p = "hours[" + i + "]";
        JsonNode o = object(hours.get(i), p, Set.of("date", "ranges"));
        LocalDate d = date(required(o, "date", p), p + ".date");
        once(listed, "hours", d, p + ".date");
        at(p + ".date", () -> BusinessCalendar.checkDate(d, "hoursOn date")); // not at the entry
        JsonNode rs = array(required(o, "ranges", p), p + ".ranges");
        List<TimeRange> list = new ArrayList<>();
        String where = p; // an overlap is located at the range that overlaps an earlier one
        for (int j = 0; j < rs.size(); j++) {
          TimeRange r = range(rs.get(j), p + ".ranges[" + j + "]");
          if (where.equals(p) && list.stream().anyMatch(r::overlaps)) {
            where = p + ".ranges[" + j + "]";
          }
          list.add(r);
        }
        at(where, () -> b.hoursOn(d, list.toArray(TimeRange[]::new)));
      }
    }
    JsonNode working = root.get("workingDays");
    if (working != null) {
      array(working, "workingDays");
      for (int i = 0; i < working.size(); i++) {
        String p = "workingDays[" + i + "]";
        JsonNode o = object(working.get(i), p, Set.of("date", "as"));
        LocalDate d = date(required(o, "date", p), p + ".date");
        once(listed, "workingDays", d, p + ".date");
        at(p + ".date", () -> BusinessCalendar.checkDate(d, "workingDayAs date"));
        DayOfWeek as = dayOfWeek(text(required(o, "as", p), p + ".as"), p + ".as");
        at(p, () -> b.workingDayAs(d, as));
      }
    }
    JsonNode shortened = root.get("shortened");
    if (shortened != null) {
      array(shortened, "shortened");
      for (int i = 0; i < shortened.size(); i++) {
        String p = "shortened[" + i + "]";
        JsonNode o = object(shortened.get(i), p, Set.of("date", "by"));
        LocalDate d = date(required(o, "date", p), p + ".date");
        once(listed, "shortened", d, p + ".date");
        at(p + ".date", () -> BusinessCalendar.checkDate(d, "shortenDay date"));
        Duration by = duration(required(o, "by", p), p + ".by");
        // the reduction's rule at .by, a conflict with another rule of the date at the entry
        at(BusinessCalendar.Builder.isReduction(by) ? p : p + ".by", () -> b.shortenDay(d, by));
      }
    }
    return b.build();
  }

  /** Refuses the second entry of {@code list} for date {@code d}. */
  private static void once(Set<String> listed, String list, LocalDate d, String path) {
    if (!listed.add(list + " " + d)) {
      throw new IllegalArgumentException(
          "date " + d + " is listed twice in " + list + " (" + path + ")");
    }
  }

  /**
   * One {@code publicHolidays} entry: jollyday's holidays of a region and years, less exceptions.
   */
  private static ProductionCalendar publicHolidays(JsonNode n, String path) {
    JsonNode o = object(n, path, PUBLIC_HOLIDAY_FIELDS);
    String countryPath = path + ".country";
    String country = text(required(o, "country", path), countryPath);
    int regionChars = regionPart("country", country, 0, countryPath);
    JsonNode subs = o.get("subdivisions");
    List<String> subdivisions =
        subs == null ? List.of() : JsonInput.strings(subs, path + ".subdivisions");
    // The rules of JollydayHolidays.holidays, checked here to name the JSON field that breaks them
    // (the code API names its parameters: region, firstYear, lastYear).
    for (int i = 0; i < subdivisions.size(); i++) {
      String p = path + ".subdivisions[" + i + "]";
      regionChars = regionPart("subdivision", subdivisions.get(i), regionChars + 1, p);
    }
    String fromPath = path + ".from";
    String toPath = path + ".to";
    int from = year(required(o, "from", path), "from", fromPath);
    int to = year(required(o, "to", path), "to", toPath);
    if (to < from) {
      throw new IllegalArgumentException(
          "to " + to + " must not be before from " + from + " (" + toPath + ")");
    }
    List<LocalDate> except = new ArrayList<>();
    Set<LocalDate> exceptSeen = new HashSet<>();
    JsonNode ex = o.get("except");
    if (ex != null) {
      array(ex, path + ".except");
      for (int i = 0; i < ex.size(); i++) {
        String p = path + ".except[" + i + "]";
        LocalDate d = date(ex.get(i), p);
        if (!exceptSeen.add(d)) { // a set: the list's contains made this quadratic
          throw new IllegalArgumentException("date " + d + " is listed twice (" + p + ")");
        }
        except.add(d);
      }
    }
    ProductionCalendar pc;
    if (country.equalsIgnoreCase("ru") && subdivisions.isEmpty()) {
      // Russia: the bundled production calendar, not jollyday's holidays, which lack the
      // transferred days off, working Saturdays and shortened days (a review found 2025 wrong)
      pc = russia(from, to, path);
    } else {
      pc = jollyday(country, from, to, subdivisions, path, countryPath);
    }
    for (int i = 0; i < except.size(); i++) {
      LocalDate d = except.get(i);
      if (!pc.rules().containsKey(d)) {
        throw new IllegalArgumentException(
            "date "
                + d
                + " is not a public holiday of "
                + excerpt(pc.region())
                + " in "
                + from
                + ".."
                + to
                + ", so it cannot be excepted ("
                + path
                + ".except["
                + i
                + "])");
      }
    }
    return pc.withoutRules(except);
  }

  /** jollyday's public holidays of an entry, its errors located at the entry's fields. */
  private static ProductionCalendar jollyday(
      String country,
      int from,
      int to,
      List<String> subdivisions,
      String path,
      String countryPath) {
    try {
      return JollydayHolidays.holidays(country, from, to, subdivisions.toArray(String[]::new));
    } catch (UnknownRegionException e) {
      int i = e.subdivision();
      throw new IllegalArgumentException(
          e.getMessage()
              + " ("
              + (i == UnknownRegionException.COUNTRY
                  ? countryPath
                  : path + ".subdivisions[" + i + "]")
              + ")",
          e);
    } catch (IllegalArgumentException e) {
      // the checks above cover JollydayHolidays' rules; kept so no error goes unlocated
      throw new IllegalArgumentException(e.getMessage() + " (" + path + ")", e);
    }
  }

  /** Russia's bundled production calendar for {@code from..to}, or an error saying what to do. */
  private static ProductionCalendar russia(int from, int to, String path) {
    int first = dev.servicekit.sla.holidays.BundledCalendars.FIRST_RUSSIA_YEAR;
    int last = dev.servicekit.sla.holidays.BundledCalendars.LAST_RUSSIA_YEAR;
    if (from < first || to > last) {
      throw new IllegalArgumentException(
          "Russia's production calendar is bundled for "
              + first
              + ".."
              + last
              + ", not "
              + from
              + ".."
              + to
              + " (jollyday's Russian holidays lack its transferred days off, working Saturdays and"
              + " shortened days, so they are not used): list those years' days in holidays,"
              + " shortened and workingDays, or apply the official file in code"
              + " (ProductionCalendarXml) ("
              + path
              + (from < first ? ".from" : ".to")
              + ")");
    }
    return dev.servicekit.sla.holidays.BundledCalendars.russia(from, to);
  }

  /**
   * Checks a country or subdivision code of a {@code publicHolidays} entry as {@link
   * ProductionCalendar}'s region rule reads it (upper-cased, letters and digits, the whole region
   * code {@code COUNTRY-SUB-...} at most {@link ProductionCalendar#MAX_REGION_CHARS} characters).
   *
   * @param before the characters of the region code before this part, with its hyphen
   * @return the characters of the region code up to and with this part
   */
  private static int regionPart(String what, String code, int before, String path) {
    String upper = JsonInput.asciiUpperCase(code);
    if (!REGION_PART.matcher(upper).matches()) {
      throw new IllegalArgumentException(
          what
              + " '"
              + excerpt(code)
              + "' must be letters and digits only, e.g. de or by ("
              + path
              + ")");
    }
    int chars = before + upper.length();
    if (chars > ProductionCalendar.MAX_REGION_CHARS) {
      throw new IllegalArgumentException(
          what
              + " '"
              + excerpt(code)
              + "' makes country and subdivisions, joined by hyphens, "
              + chars
              + " characters long, more than "
              + ProductionCalendar.MAX_REGION_CHARS
              + " ("
              + path
              + ")");
    }
    return chars;
  }

  /** A year of a {@code publicHolidays} entry, within the years a calendar supports. */
  private static int year(JsonNode n, String field, String path) {
    int y = integer(n, path);
    if (y < Timeline.FIRST_YEAR || y > LAST_YEAR) {
      throw new IllegalArgumentException(
          field
              + " "
              + y
              + " is outside the supported years "
              + Timeline.FIRST_YEAR
              + ".."
              + LAST_YEAR
              + " ("
              + path
              + ")");
    }
    return y;
  }

  private static TimeRange range(JsonNode n, String path) {
    String t = text(n, path);
    try {
      return TimeRange.parse(t);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (" + path + ")", e);
    }
  }

  private static LocalDate date(JsonNode n, String path) {
    String t = text(n, path);
    try {
      return LocalDate.parse(t);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "date '" + excerpt(t) + "' is not a valid ISO date yyyy-MM-dd (" + path + ")", e);
    }
  }

  private static DayOfWeek dayOfWeek(String name, String path) {
    try {
      return DayOfWeek.valueOf(JsonInput.asciiUpperCase(name)); // ASCII only: see there
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + excerpt(name) + "' is not a weekday; expected MONDAY..SUNDAY (" + path + ")", e);
    }
  }
}
