package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An error quotes a number as the document wrote it, never a conversion of it. Before, a number
 * between about 1.8e308 and 1e400 passed the 10^±400 guard and became a double's Infinity, quoted
 * as {@code expected an integer but found "Infinity"}; {@code 1e-400} became {@code 0.0}, and
 * {@code 1e3} was quoted as {@code 1000.0}. Now a number beyond a double's range is refused where
 * it stands, quoting its text, and every other number is quoted as written.
 */
class JsonNumberLiteralInErrorsTest {

  private static final String RANGE =
      "a number must be one a double holds, at most 1.7976931348623157E308 in magnitude and,"
          + " unless 0, at least 4.9E-324";

  private static String tieredJson() throws IOException {
    try (InputStream in = SlaPolicyJsonTest.class.getResourceAsStream("tiered-policy.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // before: expected an integer but found "Infinity"
        "1e309|malformed JSON: number 1e309 is out of range: %s",
        "-9.9e399|malformed JSON: number -9.9e399 is out of range: %s",
        // before: expected an integer but found 0.0
        "1e-400|malformed JSON: number 1e-400 is out of range: %s",
        // before: 1000.0, 0.1, 80.0
        "1e3|expected an integer but found 1e3",
        "0.10000000000000000001|expected an integer but found 0.10000000000000000001",
        "80.0|expected an integer but found 80.0",
      })
  void anErrorQuotesTheNumberAsWritten(String number, String message) throws IOException {
    String json = tieredJson().replace("\"warnAt\": [50, 75, 90]", "\"warnAt\": [" + number + "]");
    String m =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(json)).getMessage();
    assertEquals(message.formatted(RANGE), m.substring(0, m.lastIndexOf(" (at ")), m);
    assertTrue(m.contains(" (at $.policies[0].metrics[0].warnAt[0], line 26, column "), m);
  }
}
