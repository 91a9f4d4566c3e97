package dev.servicekit.kpi.staffing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An error quotes a number as the document wrote it, never a conversion of it. Before, a number
 * between about 1.8e308 and 1e400 passed the 10^±400 guard and became Infinity ({@code serviceLevel
 * Infinity must be in (0, 1)}), {@code 1e-400} became {@code 0.0} and was read as a shrinkage of 0
 * without a word, and a number where a duration belongs was quoted converted ({@code 1.50} as
 * {@code 1.5}).
 */
class StaffingJsonNumberLiteralTest {

  private static final String RANGE =
      "a number must be one a double holds, at most 1.7976931348623157E308 in magnitude and,"
          + " unless 0, at least 4.9E-324";

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"serviceLevel\": 1e309, \"answerWithin\": \"PT20S\"}|malformed JSON: number 1e309 is out of range: "
            + "%s (at $.serviceLevel, line 1, column 18)",
        "{\"serviceLevel\": 0.8, \"answerWithin\": \"PT20S\", \"shrinkage\": 1e-400}|malformed JSON: number 1e-400"
            + " is out of range: %s (at $.shrinkage, line 1, column 61)",
        "{\"serviceLevel\": 0.8, \"answerWithin\": 1.50}|answerWithin 1.50 is not an ISO-8601"
            + " duration",
        // a value the value object refuses, quoted as written (a review found 1.50 quoted as 1.5)
        "{\"serviceLevel\": 1.50, \"answerWithin\": \"PT20S\"}|serviceLevel 1.50 must be in (0, 1)",
        "{\"serviceLevel\": 0.8, \"answerWithin\": \"PT20S\", \"shrinkage\": 1}|shrinkage 1 must be"
            + " in [0, 1)",
        "{\"serviceLevel\": 0.8, \"answerWithin\": \"PT20S\", \"maxOccupancy\": 2e0}|maxOccupancy"
            + " 2e0 must be in (0, 1]",
      })
  void anErrorQuotesTheNumberAsWritten(String json, String message) {
    String m =
        assertThrows(IllegalArgumentException.class, () -> StaffingJson.readTarget(json))
            .getMessage();
    assertEquals(
        message.formatted(RANGE),
        m.substring(0, Math.min(m.length(), message.formatted(RANGE).length())),
        m);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"intervalLength\": \"PT30M\", \"averageHandleTime\": \"PT3M\", \"intervals\":"
            + " [{\"start\": \"08:00\", \"calls\": 10000000000}]}|calls 10000000000 must be <= 1.0E9",
        "{\"intervalLength\": \"PT30M\", \"averageHandleTime\": \"PT3M\", \"intervals\":"
            + " [{\"start\": \"08:00\", \"calls\": -1}]}|calls -1 must be finite and >= 0 (at"
            + " $.intervals[0].calls",
        "{\"intervalLength\": \"PT0S\", \"intervals\": []}|intervalLength \"PT0S\" must divide 24"
            + " hours (e.g. PT15M, PT30M) (at $.intervalLength, line 1, column 20)",
        "{\"intervalLength\": \"PT7M\", \"intervals\": []}|intervalLength \"PT7M\" must divide 24"
            + " hours",
        "{\"intervalLength\": \"PT30M\", \"intervals\": []}|intervals must not be empty (at"
            + " $.intervals",
      })
  void aForecastErrorQuotesTheNumberAsWrittenAndAppliesThePlansRulesToAnEmptyDay(
      String json, String message) {
    String m =
        assertThrows(IllegalArgumentException.class, () -> StaffingJson.readForecast(json))
            .getMessage();
    assertEquals(message, m.substring(0, Math.min(m.length(), message.length())), m);
  }
}
