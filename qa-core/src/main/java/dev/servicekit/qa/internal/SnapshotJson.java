package dev.servicekit.qa.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The frame of qa-core's JSON snapshots, as kpi-core's: {@code {"format":"servicekit-qa",
 * "kind":..., "version":..., <the state>, "crc32c":"1a2b3c4d"}}, {@code crc32c} being the CRC32C of
 * the document's compact UTF-8 form without that field, as 8 lowercase hex digits (a pretty-printed
 * document still verifies, an edited value does not). Read through {@link JsonInput#read(String,
 * String, Function)}, so every limit on hostile input applies and every error is an {@link
 * IllegalArgumentException} located at its JSON path, line and column.
 *
 * <p>The text is ASCII, other characters written as JSON unicode escapes. Doubles are written as
 * strings in Java's round-trip form ({@link Double#toString(double)}), since qa-core's JSON numbers
 * stop at {@code 10^±50} and a snapshot's moments do not: every double reads back bit for bit. Not
 * API; stateless and thread-safe.
 */
public final class SnapshotJson {

  /** The {@code format} of every qa-core JSON snapshot. */
  public static final String FORMAT = "servicekit-qa";

  /** The field holding the checksum. */
  public static final String CRC = "crc32c";

  // ASCII out: any string, an unpaired surrogate of a team name included, survives any encoding of
  // the text, and the checksum is of one canonical form however the text was re-encoded.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
          .build();

  // A decimal in the syntax Double.toString writes and JSON numbers share (no "NaN", "Infinity",
  // hex, type suffix or surrounding blanks, all of which Double.parseDouble takes).
  private static final Pattern DOUBLE =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

  /** Longest double text read: far beyond the 24 characters Double.toString writes at most. */
  private static final int MAX_DOUBLE_TEXT = 40;

  private SnapshotJson() {}

  /**
   * A snapshot document's root, with its format, kind and version.
   *
   * @param kind the kind, e.g. {@code "scoreAggregator"}
   * @param version the JSON format version of the kind
   * @return the root to add the state to
   */
  public static ObjectNode begin(String kind, int version) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("format", FORMAT);
    root.put("kind", kind);
    root.put("version", version);
    return root;
  }

  /**
   * The document as compact text with its checksum.
   *
   * @param root the document, without a checksum
   * @return the JSON text
   */
  public static String seal(ObjectNode root) {
    root.put(CRC, crcOf(root));
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON snapshot", e); // a tree always writes
    }
  }

  /**
   * Checks a parsed document's frame: an object of format {@value #FORMAT} and kind {@code kind}
   * (checked first, so a document of another kind is named as such), its checksum, and a version
   * from {@code first} to {@code latest}; the checksum field is removed.
   *
   * @param root the parsed document
   * @param kind the kind expected
   * @param name the kind in words, for messages ({@code "score aggregator"})
   * @param first the first version read
   * @param latest the latest version read
   * @return the version
   * @throws IllegalArgumentException naming the field's path
   */
  public static int open(JsonNode root, String kind, String name, int first, int latest) {
    String article = "aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ";
    if (!(root instanceof ObjectNode object)) {
      throw error(
          JsonInput.ROOT,
          "expected " + article + name + " snapshot (a JSON object), not " + kind(root));
    }
    JsonNode format = object.get("format");
    JsonNode k = object.get("kind");
    if (format == null
        || !FORMAT.equals(format.textValue())
        || k == null
        || !kind.equals(k.textValue())) {
      throw error(
          format == null || !FORMAT.equals(format.textValue()) ? "format" : "kind",
          "expected "
              + article
              + name
              + " snapshot (format \""
              + FORMAT
              + "\", kind \""
              + kind
              + "\"), found format "
              + (format == null ? "none" : JsonInput.excerpt(format))
              + " and kind "
              + (k == null ? "none" : JsonInput.excerpt(k)));
    }
    JsonNode stored = object.remove(CRC);
    if (stored == null || !stored.isTextual()) {
      throw error(
          stored == null ? JsonInput.ROOT : CRC,
          CRC
              + " is "
              + (stored == null ? "missing" : JsonInput.excerpt(stored))
              + " but must be the snapshot's CRC32C as 8 lowercase hex digits");
    }
    String actual = crcOf(object);
    if (!actual.equals(stored.textValue())) {
      throw error(
          CRC,
          "snapshot is corrupted: its CRC32C is "
              + actual
              + ", the stored one "
              + JsonInput.excerpt(stored));
    }
    JsonNode v = object.get("version");
    if (v == null
        || !v.isIntegralNumber()
        || !v.canConvertToInt()
        || v.asInt() < first
        || v.asInt() > latest) {
      throw error(
          v == null ? JsonInput.ROOT : "version",
          "snapshot version "
              + (v == null ? "is missing" : JsonInput.excerpt(v) + " is not supported")
              + ": this reader reads versions "
              + first
              + " to "
              + latest);
    }
    return v.asInt();
  }

  private static String crcOf(ObjectNode root) {
    try {
      CRC32C crc = new CRC32C();
      crc.update(MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().toHexDigits((int) crc.getValue());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON snapshot", e);
    }
  }

  /**
   * An error at {@code path}, in the layout {@link JsonInput#read} locates.
   *
   * @param path the JSON path, rooted or relative to the root
   * @param what what is wrong
   * @return the exception to throw
   */
  public static IllegalArgumentException error(String path, String what) {
    return new IllegalArgumentException(JsonInput.located(what, path));
  }

  /**
   * Runs a check shared with the binary reader and locates its refusal at {@code path}.
   *
   * @param path the path of the value checked
   * @param check the check, returning the value
   * @return the value
   * @throws IllegalArgumentException the check's message, at {@code path}
   */
  public static <T> T at(String path, Supplier<T> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          JsonInput.located(String.valueOf(e.getMessage()), path), e);
    }
  }

  /**
   * Refuses fields of {@code node} other than {@code allowed}.
   *
   * @param node an object
   * @param path its path
   * @param allowed the fields it may have
   */
  public static void fields(JsonNode node, String path, Set<String> allowed) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!allowed.contains(n)) {
        throw error(
            JsonInput.child(path, n),
            JsonInput.unknownField(n) + "; allowed: " + new TreeSet<>(allowed));
      }
    }
  }

  /**
   * The object at {@code path}.
   *
   * @param node the value, or null if missing
   * @param path its path
   * @return the object
   */
  public static ObjectNode object(JsonNode node, String path) {
    if (!(node instanceof ObjectNode o)) {
      throw error(path, "expected a JSON object, not " + kind(node));
    }
    return o;
  }

  /**
   * The array field {@code field} of {@code node}.
   *
   * @param node an object
   * @param field the field
   * @param path the object's path
   * @return the array
   */
  public static ArrayNode array(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (!(v instanceof ArrayNode a)) {
      throw error(
          v == null ? path : JsonInput.child(path, field),
          field + " must be a JSON array, not " + kind(v));
    }
    return a;
  }

  /**
   * The string field {@code field} of {@code node}, required.
   *
   * @param node an object
   * @param field the field
   * @param path the object's path
   * @return the string
   */
  public static String text(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw error(
          v == null ? path : JsonInput.child(path, field),
          field + " must be a string, not " + kind(v));
    }
    return v.textValue();
  }

  /**
   * The integer field {@code field} of {@code node}, required, within a {@code long}.
   *
   * @param node an object
   * @param field the field
   * @param path the object's path
   * @return the value
   */
  public static long integer(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      throw error(
          v == null ? path : JsonInput.child(path, field),
          field + " must be an integer within a long, not " + kind(v));
    }
    return v.asLong();
  }

  /**
   * The double field {@code field} of {@code node}, written as a string by {@link #put}.
   *
   * @param node an object
   * @param field the field
   * @param path the object's path
   * @return the value, bit for bit as written
   */
  public static double decimal(JsonNode node, String field, String path) {
    String s = text(node, field, path);
    if (s.length() > MAX_DOUBLE_TEXT || !DOUBLE.matcher(s).matches()) {
      throw error(
          JsonInput.child(path, field),
          field
              + " "
              + JsonInput.excerpt(node.get(field))
              + " must be a decimal number in a string, such as \"85.5\" or \"1.0E-5\"");
    }
    double d = Double.parseDouble(s);
    if (Double.isInfinite(d)) {
      throw error(
          JsonInput.child(path, field),
          field + " " + JsonInput.excerpt(node.get(field)) + " is beyond a double");
    }
    return d;
  }

  /**
   * Writes a double as {@link #decimal} reads it.
   *
   * @param node the object
   * @param field the field
   * @param value a finite double
   */
  public static void put(ObjectNode node, String field, double value) {
    node.put(field, Double.toString(value));
  }

  /**
   * The date field {@code field} of {@code node}, as {@code yyyy-mm-dd}.
   *
   * @param node an object
   * @param field the field
   * @param path the object's path
   * @return the date
   */
  public static LocalDate date(JsonNode node, String field, String path) {
    String s = text(node, field, path);
    try {
      return LocalDate.parse(s);
    } catch (DateTimeException e) {
      throw error(
          JsonInput.child(path, field),
          field
              + " "
              + JsonInput.excerpt(node.get(field))
              + " must be a date such as \"2026-03-01\"");
    }
  }

  /**
   * The path of element {@code i} of the array at {@code path}.
   *
   * @param path the array's path
   * @param i the index
   * @return the element's path
   */
  public static String element(String path, int i) {
    return JsonInput.rooted(path) + "[" + i + "]";
  }

  /**
   * The path of {@code field} below {@code path}.
   *
   * @param path the object's path
   * @param field the field
   * @return the path
   */
  public static String child(String path, String field) {
    return JsonInput.child(path, field);
  }

  private static String kind(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "missing";
    }
    if (v.isNull()) {
      return "null";
    }
    return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + JsonInput.excerpt(v);
  }
}
