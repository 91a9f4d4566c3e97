package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.holidays.ProductionCalendarJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code P1M} is ISO-8601, but not a fixed length: a target or a shortening written in months,
 * years or weeks is refused with why and what to write instead, not just "not ISO-8601".
 */
class CalendarUnitsDurationMessageTest {

  private static final String HINT =
      "is not an ISO-8601 duration such as PT1H: years, months and weeks have no fixed length, so"
          + " durations here are in days, hours, minutes and seconds (P30D, PT36H)";

  private static String policy(String target) {
    return "{\"statuses\": [\"new\", \"solved\"], \"solvedStatuses\": [\"solved\"],\n"
        + " \"defaultPolicy\": {\"name\": \"std\", \"matrix\": {\"default\": \"normal\"},\n"
        + "   \"targets\": {\"normal\": {\"*\": {\"resolution\": \""
        + target
        + "\"}}}}}";
  }

  @ParameterizedTest
  @ValueSource(strings = {"P1M", "P1Y", "P2W", "P1Y2M3DT4H", "p1m"})
  void calendarUnitsAreRefusedWithTheReason(String target) {
    String m =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(policy(target)))
            .getMessage();
    assertTrue(m.startsWith("duration '" + target + "' " + HINT + " ("), m);
    assertTrue(m.contains("resolution"), m);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1 hour", "PT1M1", "T1M"})
  void otherBadDurationsKeepTheShortMessage(String target) {
    String m =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(policy(target)))
            .getMessage();
    assertTrue(
        m.startsWith("duration '" + target + "' is not an ISO-8601 duration such as PT1H ("), m);
  }

  @ParameterizedTest
  @ValueSource(strings = {"P1M", "PT1H1M2W"})
  void theProductionCalendarReaderSaysTheSame(String by) {
    String json =
        "{\"country\": \"RU\", \"years\": [2025], \"shortened\": [{\"date\": \"2025-03-07\","
            + " \"by\": \""
            + by
            + "\"}]}";
    String m =
        assertThrows(IllegalArgumentException.class, () -> ProductionCalendarJson.read(json))
            .getMessage();
    assertTrue(m.contains("is not an ISO-8601 duration such as PT1H"), m);
    assertTrue(m.contains("have no fixed length") == by.equals("P1M"), m);
  }
}
