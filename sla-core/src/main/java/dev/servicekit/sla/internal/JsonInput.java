package dev.servicekit.sla.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Typed reads from a Jackson tree whose errors end with the JSON path of the bad value, e.g. {@code
 * "expected a string but found 3 (week.MONDAY[1])"}. The root path is {@code "$"}; a field of the
 * root is written without it ({@code zone}, not {@code $.zone}). Shared by the JSON readers of
 * sla-core. Stateless and thread-safe.
 */
public final class JsonInput {
  /** The path of the document root. */
  public static final String ROOT = "$";

  private JsonInput() {}

  /** The path of {@code field} below {@code path}. */
  public static String child(String path, String field) {
    return ROOT.equals(path) ? field : path + "." + field;
  }

  /** Runs {@code r}, appending {@code (path)} to the message of any IllegalArgumentException. */
  public static void at(String path, Runnable r) {
    try {
      r.run();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (" + path + ")", e);
    }
  }

  /** Like {@link #at(String, Runnable)}, returning the supplier's value. */
  public static <T> T get(String path, Supplier<T> s) {
    try {
      return s.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (" + path + ")", e);
    }
  }

  /** The value of a required, non-null field of object {@code o} at {@code path}. */
  public static JsonNode required(JsonNode o, String field, String path) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(field + " is required (" + child(path, field) + ")");
    }
    return v;
  }

  /** {@code n} as an object whose field names are all in {@code fields}. */
  public static JsonNode object(JsonNode n, String path, Set<String> fields) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(
          "expected an object with fields " + fields + " but found " + n + " (" + path + ")");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!fields.contains(f)) {
        throw new IllegalArgumentException(
            "unknown field '" + f + "'; expected one of " + fields + " (" + child(path, f) + ")");
      }
    }
    return n;
  }

  /** {@code n} as an object with any fields. */
  public static JsonNode objectAny(JsonNode n, String path) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("expected an object but found " + n + " (" + path + ")");
    }
    return n;
  }

  /** {@code n} as an array. */
  public static JsonNode array(JsonNode n, String path) {
    if (n == null || !n.isArray()) {
      throw new IllegalArgumentException("expected an array but found " + n + " (" + path + ")");
    }
    return n;
  }

  /** {@code n} as an array of strings. */
  public static List<String> strings(JsonNode n, String path) {
    array(n, path);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      out.add(text(n.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  /** {@code n} as a string. */
  public static String text(JsonNode n, String path) {
    if (n == null || !n.isTextual()) {
      throw new IllegalArgumentException("expected a string but found " + n + " (" + path + ")");
    }
    return n.textValue();
  }

  /** {@code n} as a boolean. */
  public static boolean bool(JsonNode n, String path) {
    if (n == null || !n.isBoolean()) {
      throw new IllegalArgumentException(
          "expected true or false but found " + n + " (" + path + ")");
    }
    return n.booleanValue();
  }

  /** {@code n} as an int. */
  public static int integer(JsonNode n, String path) {
    if (n == null || !n.isInt()) {
      throw new IllegalArgumentException("expected an integer but found " + n + " (" + path + ")");
    }
    return n.intValue();
  }

  /** {@code n} as an ISO-8601 duration string. */
  public static Duration duration(JsonNode n, String path) {
    String t = text(n, path);
    try {
      return Duration.parse(t);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "duration '" + t + "' is not an ISO-8601 duration such as PT1H (" + path + ")", e);
    }
  }
}
