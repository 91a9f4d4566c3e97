package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.holidays.ProductionCalendarJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A syntactically valid ISO-8601 duration whose value overflows {@link java.time.Duration} is
 * reported as out of range, not as bad syntax, by every JSON reader of sla-core (review 18: {@code
 * "PT9999999999999999H"} was "not an ISO-8601 duration such as PT1H").
 */
class DurationOutOfRangeMessageTest {

  private static final String OUT_OF_RANGE =
      "is out of range: valid ISO-8601, but longer than a java.time.Duration holds (about 292"
          + " billion years)";

  private static void assertOutOfRange(Runnable read, String value, String path) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, read::run);
    String expected = "duration '" + value + "' " + OUT_OF_RANGE + " (at $." + path;
    assertTrue(e.getMessage().contains(expected), () -> e.getMessage() + " lacks " + expected);
    assertTrue(!e.getMessage().contains("is not an ISO-8601"), e::getMessage);
  }

  private static String tieredJson() throws IOException {
    try (InputStream in = SlaPolicyJsonTest.class.getResourceAsStream("tiered-policy.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "PT9999999999999999H", // hours * 3600 overflows
        "PT99999999999999999999H", // more digits than a long
        "P200000000000000D",
        "-PT9999999999999999H",
        "PT1H9223372036854775807S" // each part fits, their sum does not
      })
  void everyReaderReportsAnOverflowingDurationAsOutOfRange(String value) throws IOException {
    String policy =
        tieredJson()
            .replaceFirst("\"first_response\": \"PT1H\"", "\"first_response\": \"" + value + "\"");
    assertOutOfRange(
        () -> SlaPolicyJson.read(policy), value, "policies[0].targets.urgent.*.first_response");
    assertOutOfRange(
        () ->
            CalendarJson.read(
                "{\"zone\":\"UTC\",\"shortened\":[{\"date\":\"2026-12-24\",\"by\":\""
                    + value
                    + "\"}]}"),
        value,
        "shortened[0].by");
    assertOutOfRange(
        () ->
            ProductionCalendarJson.read(
                "{\"country\":\"RU\",\"years\":[2025],\"shortened\":[{\"date\":\"2025-03-07\",\"by\":\""
                    + value
                    + "\"}]}"),
        value,
        "shortened[0].by");
  }
}
