package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An error quotes a number as the document wrote it, as sla-core's and kpi-core's readers do. The
 * qa-core readers read numbers as decimals within 10^±50, so no number became Infinity or 0.0 here,
 * but an error quoted the decimal, not the text: {@code 1e1} as {@code 1E+1}, {@code 1.50} as
 * {@code 1.5}.
 */
class JsonNumberLiteralInErrorsTest {

  private static final String CHECKLIST =
      "{\"id\":\"c\",\"version\":1,\"sections\":[{\"id\":\"s\",\"criteria\":[{\"id\":\"k\","
          + "\"scale\":{\"type\":\"rating\",\"points\":%s}}]}]}";

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1e1|expected an integer but found 1e1 (at $.sections[0].criteria[0].scale.points, line 1,"
            + " column 101)",
        "1.50|expected an integer but found 1.50 (at $.sections[0].criteria[0].scale.points, line"
            + " 1, column 101)",
        "5E-0|expected an integer but found 5E-0 (at $.sections[0].criteria[0].scale.points, line"
            + " 1, column 101)",
      })
  void anErrorQuotesTheNumberAsWritten(String number, String message) {
    assertEquals(
        message,
        assertThrows(
                IllegalArgumentException.class,
                () -> ChecklistJson.read(CHECKLIST.formatted(number)))
            .getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1e-51|number 1e-51 is out of range",
        "1e51|number 1e51 is out of range",
      })
  void numbersBeyondTenToThe50AreRefusedQuotingTheirText(String number, String head) {
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () -> ChecklistJson.read(CHECKLIST.formatted(number)))
            .getMessage();
    assertEquals("checklist JSON is malformed: " + head, m.substring(0, m.indexOf(':', 30)), m);
  }
}
