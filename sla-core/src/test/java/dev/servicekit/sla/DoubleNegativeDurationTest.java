package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.holidays.ProductionCalendarJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A duration with a minus before {@code P} and another on a number ({@code -PT-1H}) reads as a
 * positive duration under {@link Duration#parse} (minus times minus): every JSON reader of sla-core
 * refuses it at its path instead of taking a one-hour target its writer did not mean.
 */
class DoubleNegativeDurationTest {

  private static void assertRefused(Runnable read, String value, String path) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, read::run);
    String expected = "duration '" + value + "' has a minus before P and another on a number";
    assertTrue(e.getMessage().contains(expected), () -> e.getMessage() + " lacks " + expected);
    assertTrue(e.getMessage().contains("(at $." + path), e::getMessage);
    // -PT1H-30M reads as minus 30 minutes: the message claims no positive reading for every one
    assertTrue(e.getMessage().contains("Duration.parse negates twice"), e::getMessage);
    assertTrue(!e.getMessage().contains("positive duration"), e::getMessage);
  }

  private static String tieredJson() throws IOException {
    try (InputStream in = SlaPolicyJsonTest.class.getResourceAsStream("tiered-policy.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"-PT-1H", "-PT1H-30M", "-P-1DT1H", "-PT1M-0.5S"})
  void everyReaderRefusesADoubleNegative(String value) throws IOException {
    // the premise: Duration.parse reads it (each part negated twice: -PT-1H is one hour)
    assertEquals(Duration.parse(value.substring(1)).negated(), Duration.parse(value));
    String policy =
        tieredJson()
            .replaceFirst("\"first_response\": \"PT1H\"", "\"first_response\": \"" + value + "\"");
    assertRefused(
        () -> SlaPolicyJson.read(policy), value, "policies[0].targets.urgent.*.first_response");
    assertRefused(
        () ->
            CalendarJson.read(
                "{\"zone\":\"UTC\",\"shortened\":[{\"date\":\"2026-12-24\",\"by\":\""
                    + value
                    + "\"}]}"),
        value,
        "shortened[0].by");
    assertRefused(
        () ->
            ProductionCalendarJson.read(
                "{\"country\":\"RU\",\"years\":[2025],\"shortened\":[{\"date\":\"2025-03-07\",\"by\":\""
                    + value
                    + "\"}]}"),
        value,
        "shortened[0].by");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT1H", "-PT1H", "PT-1H", "+PT1H"})
  void oneSignStillReadsAsBefore(String value) {
    // a shortened day takes a positive duration; the negative ones are refused by that rule
    String json =
        "{\"zone\":\"UTC\",\"shortened\":[{\"date\":\"2026-12-24\",\"by\":\"" + value + "\"}]}";
    if (Duration.parse(value).isNegative()) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> CalendarJson.read(json));
      assertTrue(!e.getMessage().contains("minus before P"), e::getMessage);
    } else {
      assertEquals(
          CalendarJson.read(json.replace(value, "PT1H")).toString(),
          CalendarJson.read(json).toString());
    }
  }
}
