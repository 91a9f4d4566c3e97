package dev.servicekit.sla.holidays;

import static dev.servicekit.sla.internal.JsonInput.excerpt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.sla.internal.JsonInput;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and writes production-calendar corrections as JSON.
 *
 * <p>The form is an object with {@code country} (required), {@code subdivision}, either {@code
 * years} (consecutive years, 1900..2299) or {@code from}/{@code until} (half-open ISO dates from
 * 1900-01-01 until at most 2300-01-01: the dates a {@code BusinessCalendar} supports), {@code
 * source} (string or array of strings), {@code holidays} ({@code [{"date","name"}]}), {@code
 * dayOff} ({@code [{"date","reason"}]}), {@code shortened} ({@code [{"date","by"}]} with an
 * ISO-8601 duration), {@code workingDays} ({@code [{"date","as"}]} with a day-of-week name) and
 * {@code remove} (array of dates). Unknown or duplicate fields are rejected. Errors are {@link
 * IllegalArgumentException}s naming the value, the rule and the JSON path, e.g. {@code date
 * '2025-02-30' is not a valid ISO date (holidays[3].date)}. Reading goes through {@link
 * ProductionCalendar.Builder}, so JSON and code produce the same objects and the same validation.
 *
 * <p>Hostile input is rejected, never half-read: duplicate keys, content after the document,
 * strings over 64 Ki characters, nesting deeper than 32, documents over 16 MiB, and numbers beyond
 * 10^±400 in magnitude or decimals (checked before any conversion). Every error names the JSON path
 * with its line and column, e.g. {@code (at $.holidays[4], line 14, column 9)}, and quotes at most
 * 80 characters of a bad value.
 *
 * <p>This class is stateless and thread-safe.
 */
public final class ProductionCalendarJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private static final Set<String> FIELDS =
      Set.of(
          "country",
          "subdivision",
          "years",
          "from",
          "until",
          "source",
          "holidays",
          "dayOff",
          "shortened",
          "workingDays",
          "remove");

  private ProductionCalendarJson() {}

  /**
   * Parses corrections from a JSON string. O(size of input × log rules).
   *
   * @param json the JSON text
   * @return the corrections
   * @throws IllegalArgumentException if the JSON is malformed or violates a rule; the message names
   *     the JSON path
   */
  public static CalendarCorrections read(String json) {
    return JsonInput.read(json, "malformed JSON: ", ProductionCalendarJson::fromTree);
  }

  /**
   * Parses corrections from a UTF-8 JSON stream; the stream is not closed.
   *
   * @param json the JSON input
   * @return the corrections
   * @throws IllegalArgumentException if the JSON is malformed or violates a rule
   * @throws UncheckedIOException if reading fails
   */
  public static CalendarCorrections read(InputStream json) {
    return JsonInput.read(json, "malformed JSON: ", ProductionCalendarJson::fromTree);
  }

  /**
   * Writes corrections as JSON that {@link #read(String)} reads back to an equal object.
   *
   * @param corrections the corrections
   * @return indented JSON text
   */
  public static String write(CalendarCorrections corrections) {
    Objects.requireNonNull(corrections, "corrections");
    try {
      return MAPPER.writeValueAsString(toTree(corrections));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + corrections, e);
    }
  }

  /**
   * Writes a calendar as JSON (corrections without removals).
   *
   * @param calendar the calendar
   * @return indented JSON text
   */
  public static String write(ProductionCalendar calendar) {
    return write(CalendarCorrections.of(calendar));
  }

  private static CalendarCorrections fromTree(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("document must be a JSON object ($)");
    }
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      if (!FIELDS.contains(field.getKey())) {
        throw new IllegalArgumentException(
            JsonInput.unknownField(field.getKey())
                + ", expected one of "
                + new TreeSet<>(FIELDS)
                + " ("
                + JsonInput.child(JsonInput.ROOT, field.getKey())
                + ")");
      }
    }
    String region = text(root, "country", "country", true);
    if (root.has("subdivision")) {
      region = region + "-" + text(root, "subdivision", "subdivision", true);
    }
    ProductionCalendar.Builder builder;
    try {
      builder = range(root, region);
    } catch (IllegalArgumentException e) {
      if (e.getMessage().startsWith("region")) {
        throw new IllegalArgumentException(e.getMessage() + " (country)", e);
      }
      throw e;
    }
    JsonNode source = root.get("source");
    if (source != null) {
      if (source.isArray()) {
        for (int i = 0; i < source.size(); i++) {
          builder.source(nonBlank(source.get(i), "source[" + i + "]"));
        }
      } else {
        builder.source(nonBlank(source, "source"));
      }
    }
    for (Entry e : entries(root, "holidays", "name")) {
      add(builder, e, () -> DayRule.holiday(nonBlank(e.node.get("name"), e.path + ".name")));
    }
    for (Entry e : entries(root, "dayOff", "reason")) {
      add(builder, e, () -> DayRule.dayOff(nonBlank(e.node.get("reason"), e.path + ".reason")));
    }
    for (Entry e : entries(root, "shortened", "by")) {
      add(builder, e, () -> DayRule.shortened(duration(e.node.get("by"), e.path + ".by")));
    }
    for (Entry e : entries(root, "workingDays", "as")) {
      add(builder, e, () -> DayRule.workingDay(dayOfWeek(e.node.get("as"), e.path + ".as")));
    }
    ProductionCalendar rules = builder.build();
    List<LocalDate> removals = new ArrayList<>();
    JsonNode remove = root.get("remove");
    if (remove != null) {
      requireArray(remove, "remove");
      for (int i = 0; i < remove.size(); i++) {
        String path = "remove[" + i + "]";
        LocalDate date = date(remove.get(i), path);
        try {
          removals.add(date);
          CalendarCorrections.of(rules, List.of(date));
        } catch (IllegalArgumentException ex) {
          throw new IllegalArgumentException(ex.getMessage() + " (" + path + ")", ex);
        }
      }
    }
    return CalendarCorrections.of(rules, removals);
  }

  private static ProductionCalendar.Builder range(JsonNode root, String region) {
    boolean hasYears = root.has("years");
    boolean hasDates = root.has("from") || root.has("until");
    if (hasYears == hasDates) {
      throw new IllegalArgumentException(
          "exactly one of 'years' or 'from'/'until' must be given ($)");
    }
    if (hasDates) {
      LocalDate from = date(root.get("from"), "from");
      LocalDate until = date(root.get("until"), "until");
      if (!until.isAfter(from)) {
        throw new IllegalArgumentException(
            "until " + until + " must be after from " + from + " (until)");
      }
      if (from.isBefore(ProductionCalendar.FIRST_DATE)) {
        throw new IllegalArgumentException(
            "from "
                + from
                + " is outside the supported dates "
                + ProductionCalendar.SUPPORTED_DATES
                + " (from)");
      }
      if (until.isAfter(ProductionCalendar.END_DATE)) {
        throw new IllegalArgumentException(
            "until "
                + until
                + " is after "
                + ProductionCalendar.END_DATE
                + ", the end of the supported dates "
                + ProductionCalendar.SUPPORTED_DATES
                + " (until)");
      }
      return ProductionCalendar.builder(region, from, until);
    }
    JsonNode years = root.get("years");
    requireArray(years, "years");
    if (years.isEmpty()) {
      throw new IllegalArgumentException("years [] must not be empty (years)");
    }
    TreeSet<Integer> seen = new TreeSet<>();
    for (int i = 0; i < years.size(); i++) {
      JsonNode y = years.get(i);
      String path = "years[" + i + "]";
      if (!y.isIntegralNumber()
          || !y.canConvertToInt()
          || y.intValue() < ProductionCalendar.FIRST_YEAR
          || y.intValue() > ProductionCalendar.LAST_YEAR) {
        throw new IllegalArgumentException(
            "year "
                + excerpt(y)
                + " must be an integer between "
                + ProductionCalendar.FIRST_YEAR
                + " and "
                + ProductionCalendar.LAST_YEAR
                + ", the years a business calendar supports ("
                + path
                + ")");
      }
      if (!seen.add(y.intValue())) {
        throw new IllegalArgumentException("year " + y + " is repeated (" + path + ")");
      }
    }
    if (seen.last() - seen.first() + 1 != seen.size()) {
      throw new IllegalArgumentException(
          "years " + seen + " must be consecutive: a gap would be claimed as covered (years)");
    }
    return ProductionCalendar.builderForYears(region, seen.first(), seen.last());
  }

  private record Entry(JsonNode node, String path, LocalDate date) {}

  private interface RuleParser {
    DayRule parse();
  }

  private static void add(ProductionCalendar.Builder builder, Entry e, RuleParser parser) {
    DayRule rule = parser.parse();
    try {
      builder.rule(e.date, rule);
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException(ex.getMessage() + " (" + e.path + ")", ex);
    }
  }

  private static List<Entry> entries(JsonNode root, String field, String valueField) {
    JsonNode array = root.has(field) ? root.get(field) : MAPPER.createArrayNode();
    List<Entry> out = new ArrayList<>();
    requireArray(array, field);
    for (int i = 0; i < array.size(); i++) {
      JsonNode node = array.get(i);
      String path = field + "[" + i + "]";
      if (!node.isObject()) {
        throw new IllegalArgumentException(
            "entry "
                + excerpt(node)
                + " must be an object with 'date' and '"
                + valueField
                + "' ("
                + path
                + ")");
      }
      for (Map.Entry<String, JsonNode> f : node.properties()) {
        if (!f.getKey().equals("date") && !f.getKey().equals(valueField)) {
          throw new IllegalArgumentException(
              JsonInput.unknownField(f.getKey())
                  + ", expected 'date' and '"
                  + valueField
                  + "' ("
                  + JsonInput.child(path, f.getKey())
                  + ")");
        }
      }
      out.add(new Entry(node, path, date(node.get("date"), path + ".date")));
    }
    return out;
  }

  private static void requireArray(JsonNode node, String path) {
    if (!node.isArray()) {
      throw new IllegalArgumentException(
          "value " + excerpt(node) + " must be a JSON array (" + path + ")");
    }
  }

  private static String text(JsonNode parent, String field, String path, boolean required) {
    JsonNode node = parent.get(field);
    if (node == null) {
      if (required) {
        throw new IllegalArgumentException("field '" + field + "' is required (" + path + ")");
      }
      return "";
    }
    return nonBlank(node, path);
  }

  private static String nonBlank(JsonNode node, String path) {
    if (node == null) {
      throw new IllegalArgumentException("value is required (" + path + ")");
    }
    if (!node.isTextual() || node.textValue().isBlank()) {
      throw new IllegalArgumentException(
          "value " + excerpt(node) + " must be a non-blank string (" + path + ")");
    }
    return node.textValue();
  }

  private static LocalDate date(JsonNode node, String path) {
    String text = nonBlank(node, path);
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "date '" + excerpt(text) + "' is not a valid ISO date yyyy-MM-dd (" + path + ")", e);
    }
  }

  private static Duration duration(JsonNode node, String path) {
    String text = nonBlank(node, path);
    Duration d;
    try {
      d = Duration.parse(text);
      JsonInput.requireOneSign(text, path);
    } catch (DateTimeParseException e) {
      if (JsonInput.durationOverflows(e)) {
        throw new IllegalArgumentException(
            "duration '"
                + excerpt(text)
                + "' "
                + JsonInput.DURATION_OUT_OF_RANGE
                + " ("
                + path
                + ")",
            e);
      }
      throw new IllegalArgumentException(
          "duration '"
              + excerpt(text)
              + "' is not an ISO-8601 duration such as PT1H"
              + JsonInput.calendarUnitsHint(text)
              + " ("
              + path
              + ")",
          e);
    }
    if (d.isNegative() || d.isZero() || d.compareTo(DayRule.MAX_REDUCTION) >= 0) {
      throw new IllegalArgumentException(
          "duration '" + excerpt(text) + "' must be positive and less than PT24H (" + path + ")");
    }
    if (d.getNano() != 0) { // a business calendar's periods are whole seconds: it cannot apply it
      throw new IllegalArgumentException(
          "duration '" + excerpt(text) + "' must be whole seconds (" + path + ")");
    }
    return d;
  }

  private static DayOfWeek dayOfWeek(JsonNode node, String path) {
    String text = nonBlank(node, path);
    try {
      return DayOfWeek.valueOf(JsonInput.asciiUpperCase(text)); // ASCII only: see there
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "day of week '" + excerpt(text) + "' must be one of MONDAY..SUNDAY (" + path + ")", e);
    }
  }

  private static ObjectNode toTree(CalendarCorrections corrections) {
    ProductionCalendar cal = corrections.rules();
    ObjectNode root = MAPPER.createObjectNode();
    String region = cal.region();
    // A region is validated as country code, then optional "-"-separated subdivision codes.
    String[] parts = region.split("-", 2);
    root.put("country", parts[0]);
    if (parts.length == 2) {
      root.put("subdivision", parts[1]);
    }
    if (cal.start().getDayOfYear() == 1 && cal.end().getDayOfYear() == 1) {
      ArrayNode years = root.putArray("years");
      for (int y = cal.start().getYear(); y < cal.end().getYear(); y++) {
        years.add(y);
      }
    } else {
      root.put("from", cal.start().toString());
      root.put("until", cal.end().toString());
    }
    if (cal.sources().size() == 1) {
      root.put("source", cal.sources().get(0));
    } else if (!cal.sources().isEmpty()) {
      ArrayNode sources = root.putArray("source");
      cal.sources().forEach(sources::add);
    }
    ArrayNode holidays = MAPPER.createArrayNode();
    ArrayNode dayOff = MAPPER.createArrayNode();
    ArrayNode shortened = MAPPER.createArrayNode();
    ArrayNode workingDays = MAPPER.createArrayNode();
    for (Map.Entry<LocalDate, DayRule> e : cal.rules().entrySet()) {
      String date = e.getKey().toString();
      DayRule rule = e.getValue();
      if (rule instanceof DayRule.Holiday h) {
        holidays.addObject().put("date", date).put("name", h.name());
      } else if (rule instanceof DayRule.DayOff d) {
        dayOff.addObject().put("date", date).put("reason", d.reason());
      } else if (rule instanceof DayRule.Shortened s) {
        shortened.addObject().put("date", date).put("by", s.reduction().toString());
      } else if (rule instanceof DayRule.WorkingDay w) {
        workingDays.addObject().put("date", date).put("as", w.pattern().name());
        if (!w.shortenedBy().isZero()) {
          shortened.addObject().put("date", date).put("by", w.shortenedBy().toString());
        }
      }
    }
    putIfNotEmpty(root, "holidays", holidays);
    putIfNotEmpty(root, "dayOff", dayOff);
    putIfNotEmpty(root, "shortened", shortened);
    putIfNotEmpty(root, "workingDays", workingDays);
    if (!corrections.removals().isEmpty()) {
      ArrayNode remove = root.putArray("remove");
      corrections.removals().forEach(d -> remove.add(d.toString()));
    }
    return root;
  }

  private static void putIfNotEmpty(ObjectNode root, String field, ArrayNode array) {
    if (!array.isEmpty()) {
      root.set(field, array);
    }
  }
}
