package dev.servicekit.kpi.staffing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servicekit.kpi.internal.JsonInput;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads staffing configuration from JSON into the same immutable values, through the same factories
 * and validation, as code does. Errors are {@link IllegalArgumentException}s in the layout of every
 * JSON reader, e.g. {@code "calls -1 must be finite and >= 0 (at $.intervals[3].calls, line 14,
 * column 14)"}. Unknown fields are rejected (a typo must not silently drop a setting).
 *
 * <p>Target: {@code {"serviceLevel": 0.8, "answerWithin": "PT20S", "maxOccupancy": 0.85,
 * "shrinkage": 0.3}} ({@code maxOccupancy} defaults to 1, {@code shrinkage} to 0).
 *
 * <p>Forecast: {@code {"intervalLength": "PT30M", "averageHandleTime": "PT3M", "intervals":
 * [{"start": "08:00", "calls": 100}, {"start": "08:30", "calls": 120, "averageHandleTime":
 * "PT200S"}]}} (an interval's own {@code averageHandleTime} overrides the default).
 *
 * <p>Hostile input is rejected, never half-read: duplicate keys, content after the document,
 * nesting deeper than 32, documents over 16 MiB, and numbers beyond 10^±400 in magnitude or
 * decimals or beyond a double's range (Infinity, or a non-zero number that rounds to 0.0), checked
 * before any conversion. A number in an error is quoted as the document wrote it. Every error names
 * the JSON path, line and column of the bad value and quotes at most 80 characters of it.
 *
 * <p>Durations are ISO-8601 ({@code PT20S}), times {@code HH:mm[:ss]}. Stateless and thread-safe;
 * each call is O(input size).
 */
public final class StaffingJson {

  private static final String MALFORMED = "malformed JSON: ";
  private static final Set<String> TARGET_FIELDS =
      Set.of("serviceLevel", "answerWithin", "maxOccupancy", "shrinkage");
  private static final Set<String> FORECAST_FIELDS =
      Set.of("intervalLength", "averageHandleTime", "intervals");
  private static final Set<String> INTERVAL_FIELDS = Set.of("start", "calls", "averageHandleTime");

  private StaffingJson() {}

  /**
   * Reads a {@link StaffingTarget}.
   *
   * @param json the JSON text
   * @return the target
   * @throws IllegalArgumentException if the JSON is malformed or a value breaks its rule
   */
  public static StaffingTarget readTarget(String json) {
    return JsonInput.read(json, MALFORMED, StaffingJson::target);
  }

  /**
   * Reads a day's forecast as {@link IntervalForecast}s, ready for {@link StaffingPlan}.
   *
   * @param json the JSON text
   * @return the intervals in the given order
   * @throws IllegalArgumentException if the JSON is malformed or a value breaks its rule, including
   *     {@link StaffingPlan}'s: an interval length that divides 24 hours, and starts on that grid
   *     in increasing order
   */
  public static List<IntervalForecast> readForecast(String json) {
    return JsonInput.read(json, MALFORMED, StaffingJson::forecast);
  }

  private static List<IntervalForecast> forecast(JsonNode root) {
    requireObject(root, "", FORECAST_FIELDS);
    Duration length = duration(root, "", "intervalLength", true);
    if (!StaffingPlan.dividesDay(length)) {
      throw new IllegalArgumentException(
          "intervalLength "
              + JsonInput.excerpt(root.get("intervalLength"))
              + " must divide 24 hours (e.g. PT15M, PT30M) ("
              + field("", "intervalLength")
              + ")");
    }
    Duration defaultAht = duration(root, "", "averageHandleTime", false);
    JsonNode intervals = root.get("intervals");
    if (intervals == null || !intervals.isArray()) {
      throw new IllegalArgumentException(
          "intervals must be an array of intervals but found "
              + (intervals == null ? "nothing" : JsonInput.excerpt(intervals))
              + " (intervals)");
    }
    if (intervals.isEmpty()) { // as StaffingPlan refuses it
      throw new IllegalArgumentException(
          "intervals must not be empty (" + field("", "intervals") + ")");
    }
    List<IntervalForecast> out = new ArrayList<>(intervals.size());
    for (int i = 0; i < intervals.size(); i++) {
      String path = "intervals[" + i + "]";
      JsonNode node = intervals.get(i);
      requireObject(node, path, INTERVAL_FIELDS);
      LocalTime start = time(node, path, "start");
      double calls = number(node, path, "calls", true, 0);
      Duration own = duration(node, path, "averageHandleTime", false);
      Duration aht = own == null ? defaultAht : own;
      if (aht == null) {
        throw new IllegalArgumentException(
            "averageHandleTime is required: no default averageHandleTime is given ("
                + path
                + ".averageHandleTime)");
      }
      Workload workload;
      try {
        workload = Workload.of(calls, length, aht);
      } catch (IllegalArgumentException e) {
        // Workload messages start with the offending component; map it back to its JSON path.
        String where;
        if (e.getMessage().startsWith("calls")) {
          where = path + ".calls";
        } else if (e.getMessage().startsWith("averageHandleTime")) {
          where = own == null ? "averageHandleTime" : path + ".averageHandleTime";
        } else {
          where = "intervalLength";
        }
        throw new IllegalArgumentException(
            asWritten(e.getMessage(), "calls", calls, node) + " (" + where + ")", e);
      }
      out.add(IntervalForecast.of(start, workload));
    }
    // the plan's rules (a length dividing the day, starts on its grid, in increasing order) at the
    // path they come from, so that a forecast read here is one StaffingPlan accepts
    try {
      StaffingPlan.checkForecast(out);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      String where =
          m.contains(".workload.interval") ? "intervalLength" : m.substring(0, m.indexOf(' '));
      throw new IllegalArgumentException(m + " (" + where + ")", e);
    }
    return List.copyOf(out);
  }

  private static StaffingTarget target(JsonNode node) {
    String path = ""; // a target is always a whole document
    requireObject(node, path, TARGET_FIELDS);
    double sl = number(node, path, "serviceLevel", true, 0);
    Duration within = duration(node, path, "answerWithin", true);
    double occupancy = number(node, path, "maxOccupancy", false, 1);
    double shrinkage = number(node, path, "shrinkage", false, 0);
    StaffingTarget base;
    try {
      base = StaffingTarget.of(sl, within);
    } catch (IllegalArgumentException e) {
      String bad = e.getMessage().startsWith("answerWithin") ? "answerWithin" : "serviceLevel";
      throw new IllegalArgumentException(
          asWritten(e.getMessage(), "serviceLevel", sl, node) + " (" + bad + ")", e);
    }
    try {
      base = base.withMaxOccupancy(occupancy);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          asWritten(e.getMessage(), "maxOccupancy", occupancy, node) + " (maxOccupancy)", e);
    }
    try {
      return base.withShrinkage(shrinkage);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          asWritten(e.getMessage(), "shrinkage", shrinkage, node) + " (shrinkage)", e);
    }
  }

  /**
   * A value object's message about field {@code name} of {@code node}, which starts with the name
   * and the value as a double ({@code calls 1.0E10 must be ...}), with the value as the document
   * wrote it instead ({@code calls 10000000000 must be ...}).
   */
  private static String asWritten(String message, String name, double value, JsonNode node) {
    String prefix = name + " " + value + " ";
    JsonNode v = node.get(name);
    if (v == null || !message.startsWith(prefix)) {
      return message;
    }
    return name + " " + JsonInput.excerpt(v) + message.substring(prefix.length() - 1);
  }

  private static void requireObject(JsonNode node, String path, Set<String> allowed) {
    String where = path.isEmpty() ? "$" : path;
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(
          "expected a JSON object but found "
              + (node == null ? "nothing" : JsonInput.excerpt(node))
              + " ("
              + where
              + ")");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        throw new IllegalArgumentException(
            JsonInput.unknownField(name)
                + "; allowed: "
                + new java.util.TreeSet<>(allowed) // sorted: Set.of's order changes per run
                + " ("
                + field(path, name)
                + ")");
      }
    }
  }

  private static String field(String path, String name) {
    return JsonInput.child(path.isEmpty() ? JsonInput.ROOT : path, name);
  }

  private static double number(
      JsonNode node, String path, String name, boolean required, double fallback) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      if (required) {
        throw new IllegalArgumentException(name + " is required (" + field(path, name) + ")");
      }
      return fallback;
    }
    if (!v.isNumber()) {
      throw new IllegalArgumentException(
          name + " " + JsonInput.excerpt(v) + " is not a number (" + field(path, name) + ")");
    }
    return v.doubleValue();
  }

  private static Duration duration(JsonNode node, String path, String name, boolean required) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      if (required) {
        throw new IllegalArgumentException(name + " is required (" + field(path, name) + ")");
      }
      return null;
    }
    try {
      Duration d = Duration.parse(v.asText());
      JsonInput.requireOneSign(v.asText(), field(path, name));
      return d;
    } catch (DateTimeParseException e) {
      if (JsonInput.durationOverflows(e)) {
        throw new IllegalArgumentException(
            name
                + " "
                + JsonInput.excerpt(v)
                + " "
                + JsonInput.DURATION_OUT_OF_RANGE
                + " ("
                + field(path, name)
                + ")",
            e);
      }
      throw new IllegalArgumentException(
          name
              + " "
              + JsonInput.excerpt(v)
              + " is not an ISO-8601 duration such as PT20S"
              + JsonInput.calendarUnitsHint(v.asText())
              + " ("
              + field(path, name)
              + ")",
          e);
    }
  }

  private static LocalTime time(JsonNode node, String path, String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(name + " is required (" + field(path, name) + ")");
    }
    try {
      return LocalTime.parse(v.asText());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name
              + " "
              + JsonInput.excerpt(v)
              + " is not a time such as 08:30 ("
              + field(path, name)
              + ")",
          e);
    }
  }
}
