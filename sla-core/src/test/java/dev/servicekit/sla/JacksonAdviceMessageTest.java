package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.servicekit.sla.imports.ZendeskAudits;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A syntax or limit error names what is wrong in JSON's terms, not Jackson's advice to switch on
 * one of its features or constraints, which a caller of servicekit cannot do (it read "Non-standard
 * token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow").
 */
class JacksonAdviceMessageTest {

  private static final String EVENT =
      "{\"v\":1,\"kind\":\"Escalated\",\"ticketId\":\"T-1\",\"id\":\"e1\","
          + "\"at\":\"2026-03-02T09:00:00Z\",\"level\":";

  static Stream<Arguments> readers() {
    return Stream.of(
        Arguments.of("event NaN", (Executable) () -> TicketEventJson.read(EVENT + "NaN}")),
        Arguments.of("event comment", (Executable) () -> TicketEventJson.read("{/* c */}")),
        Arguments.of(
            "policy nesting",
            (Executable) () -> SlaPolicyJson.read("{\"statuses\":" + "[".repeat(40))),
        Arguments.of("calendar Infinity", (Executable) () -> CalendarJson.read("[-Infinity]")),
        Arguments.of(
            "Zendesk NaN",
            (Executable)
                () ->
                    ZendeskAudits.read(
                        new ByteArrayInputStream(
                            "{\"audits\":[NaN]}".getBytes(StandardCharsets.UTF_8)))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readers")
  void noReaderPassesOnJacksonsAdvice(String name, Executable read) {
    String m = assertThrows(IllegalArgumentException.class, read).getMessage();
    for (String jackson :
        new String[] {"`", "enable", "Feature", "StreamReadConstraints", "REDACTED", "Source:"}) {
      assertFalse(m.contains(jackson), () -> name + ": " + m);
    }
  }

  @Test
  void aNanSaysJsonNumbersAreFinite() {
    String m =
        assertThrows(IllegalArgumentException.class, () -> TicketEventJson.read(EVENT + "NaN}"))
            .getMessage();
    assertEquals(
        "malformed JSON: Non-standard token 'NaN': JSON numbers are finite (no NaN or Infinity)",
        m.substring(0, m.indexOf(" (at $")));
  }

  @Test
  void tooDeepANestingGivesTheLimitAlone() {
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () -> SlaPolicyJson.read("{\"statuses\":" + "[".repeat(40)))
            .getMessage();
    assertEquals(
        "malformed JSON: Document nesting depth (33) exceeds the maximum allowed (32)",
        m.substring(0, m.indexOf(" (at $")));
  }
}
