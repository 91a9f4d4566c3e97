package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.holidays.ProductionCalendarJson;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and careless inputs for every JSON reader of sla-core (issue 14): each is rejected with
 * an {@link IllegalArgumentException} whose message is short and names path, line and column.
 */
class JsonReadersHostileInputTest {

  static final String CALENDAR = "{\"zone\":\"UTC\",\"holidays\":[\"2026-12-24\"]}";
  static final String PRODUCTION = "{\"country\":\"RU\",\"years\":[2025]}";
  static final String POLICY =
      "{\"statuses\":[\"new\"],\"defaultPolicy\":{\"name\":\"d\",\"matrix\":{\"default\":\"normal\"},"
          + "\"targets\":{\"normal\":{\"*\":{\"first_response\":\"PT8H\"}}}}}";

  static Stream<Arguments> readers() {
    return Stream.of(
        Arguments.of("calendar", CALENDAR, (Function<String, Object>) CalendarJson::read),
        Arguments.of("policy", POLICY, (Function<String, Object>) SlaPolicyJson::read),
        Arguments.of(
            "production", PRODUCTION, (Function<String, Object>) ProductionCalendarJson::read));
  }

  static IllegalArgumentException rejected(Function<String, Object> reader, String json) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> reader.apply(json));
    assertTrue(e.getMessage().length() <= 500, () -> e.getMessage().length() + " chars");
    assertTrue(e.getMessage().matches("(?s).*, line \\d+, column \\d+\\).*"), e.getMessage());
    return e;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readers")
  void trailingContentAndConcatenatedDocumentsAreRejected(
      String name, String valid, Function<String, Object> reader) {
    reader.apply(valid);
    assertTrue(rejected(reader, valid + valid).getMessage().contains("trailing content"));
    rejected(reader, valid + " x");
    rejected(reader, valid + "]");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readers")
  void duplicateKeysAreRejected(String name, String valid, Function<String, Object> reader) {
    String dup = valid.replaceFirst("\\{\"", "{\"x\":1,\"x\":2,\"");
    assertTrue(rejected(reader, dup).getMessage().contains("Duplicate field 'x'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readers")
  void extremeNumbersAreRejectedBeforeConversion(
      String name, String valid, Function<String, Object> reader) {
    for (String n : new String[] {"1e999999999", "1E+2147483647", "-1e-2147483648", "1e401"}) {
      String json = valid.replaceFirst("\\{\"", "{\"n\":" + n + ",\"");
      IllegalArgumentException e = rejected(reader, json);
      assertTrue(e.getMessage().contains("is out of range"), e.getMessage());
      assertTrue(e.getMessage().contains("(at $.n, line 1, column 6)"), e.getMessage());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readers")
  void hugeStringsDeepNestingAndEmptyInputAreRejected(
      String name, String valid, Function<String, Object> reader) {
    String huge = valid.replaceFirst("\\{\"", "{\"s\":\"" + "x".repeat(10 << 20) + "\",\"");
    assertTrue(rejected(reader, huge).getMessage().contains("String value length"));
    String longName = valid.replaceFirst("\\{\"", "{\"" + "k".repeat(300) + "\":1,\"");
    assertTrue(rejected(reader, longName).getMessage().contains("field name of 300 characters"));
    rejected(reader, "[".repeat(100_000));
    rejected(reader, "");
    rejected(reader, "   ");
  }

  @Test
  void aLongKeyIsEchoedAsABoundedExcerpt() {
    String status = "s".repeat(5000);
    IllegalArgumentException e =
        rejected(SlaPolicyJson::read, POLICY.replace("[\"new\"]", "[\"" + status + "\"]"));
    assertTrue(e.getMessage().contains("s".repeat(80) + "…(5000 chars)"), e.getMessage());
  }

  @Test
  void streamsAreStrictUtf8AndAgreeWithText() {
    // Leading zero bytes made Jackson guess UTF-32 and fail with an UncheckedIOException (found
    // by JsonReadersFuzzTest, crash inputs kept in its Inputs folder).
    byte[] zeros = "\0\0\0\0{\"zone\":\"UTC\"}".getBytes(StandardCharsets.UTF_8);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CalendarJson.read(new ByteArrayInputStream(zeros)));
    assertTrue(e.getMessage().contains("(at $, line 1, column "), e.getMessage());
    byte[] bad = "{\"zone\":\n\"UT\u00ffC\"}".getBytes(StandardCharsets.ISO_8859_1);
    IllegalArgumentException utf8 =
        assertThrows(
            IllegalArgumentException.class, () -> CalendarJson.read(new ByteArrayInputStream(bad)));
    assertEquals(
        "calendar JSON is malformed: the document is not valid UTF-8 (at $, line 2, byte 4)",
        utf8.getMessage());
    assertEquals(
        CalendarJson.read(CALENDAR),
        CalendarJson.read(new ByteArrayInputStream(CALENDAR.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void syntaxErrorsCarryPathLineAndColumn() {
    IllegalArgumentException e =
        rejected(CalendarJson::read, "{\"zone\":\"UTC\",\n  \"holidays\":[\"2026-12-24\",]}");
    assertTrue(e.getMessage().endsWith("(at $.holidays[1], line 2, column 28)"), e.getMessage());
  }
}
