package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A syntax error inside a field's value of an event is located at that field's path, as every other
 * JSON reader of sla-core locates it ({@code SlaPolicyJson} says {@code
 * $.defaultPolicy.metrics[1].warnAt[0]}), not at the enclosing container: it read {@code (at $,
 * line 1, column 93)} for a {@code NaN} level, and {@code $.attributes} for an error inside an
 * attribute's value.
 */
class TicketEventJsonSyntaxPathTest {

  private static final String HEAD =
      "{\"v\":1,\"kind\":\"%s\",\"ticketId\":\"T-1\",\"id\":\"e1\",\"at\":\"2026-03-02T09:00:00Z\",";

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // before: (at $, line 1, column 93)
        "Escalated|\"level\":NaN}|$.level|93",
        // before: (at $.attributes, ...)
        "Created|\"attributes\":{\"tier\":gold}}|$.attributes.tier|105",
        // before: (at $.tags, ...)
        "TagsChanged|\"tags\":[\"a\",vip]}|$.tags[1]|99",
        // before: (at $, ...)
        "StatusChanged|\"status\":'open'}|$.status|95",
        // inside a string's content (Jackson reads it lazily); before: the enclosing object's path
        "StatusChanged|\"status\":\"op\\xen\"}|$.status|99",
        "Created|\"attributes\":{\"tier\":\"g\\qold\"}}|$.attributes.tier|104",
        "TagsChanged|\"tags\":[\"a\",\"v\\zip\"]}|$.tags[1]|99",
        "Escalated|\"level\":\"\\x\"}|$.level|92",
        // between members: the object itself, as before
        "Escalated|,\"level\":1}|$|82",
        "Created|\"attributes\":{\"a\":\"b\",}}|$.attributes|102",
      })
  void aSyntaxErrorInAValueNamesThatValuesPath(String kind, String rest, String path, int column) {
    String json = HEAD.formatted(kind) + rest;
    String m =
        assertThrows(IllegalArgumentException.class, () -> TicketEventJson.read(json)).getMessage();
    assertEquals(
        " (at " + path + ", line 1, column " + column + ")",
        m.substring(m.lastIndexOf(" (at ")),
        m);
    // the line reader names the same path
    String fromLines =
        assertThrows(
                IllegalArgumentException.class,
                () -> TicketEventJson.reader(new StringReader("\n" + json)).next())
            .getMessage();
    assertEquals(
        " (at " + path + ", line 2, column " + column + ")",
        fromLines.substring(fromLines.lastIndexOf(" (at ")),
        fromLines);
  }

  @org.junit.jupiter.api.Test
  void aControlCharacterInAStringValueNamesThatValuesPath() {
    // SlaPolicyJson says (at $.defaultPolicy.name, ...) for the same error; before: (at $, ...)
    String json = HEAD.formatted("Assigned") + "\"assignee\":\"a\u0001b\"}";
    String m =
        assertThrows(IllegalArgumentException.class, () -> TicketEventJson.read(json)).getMessage();
    assertEquals(" (at $.assignee, line 1, column 94)", m.substring(m.lastIndexOf(" (at ")), m);
  }

  @org.junit.jupiter.api.Test
  void aSyntaxErrorInAnEventOfAClockSnapshotNamesThatEventsField() {
    // the events of a snapshot are read by the same code; before: (at $.events[0], ...)
    String event = HEAD.formatted("Escalated") + "\"level\":NaN}";
    String json =
        "{\"format\":\"servicekit.sla-clock\",\"v\":1,\"ticketId\":\"T-1\",\"events\":["
            + event
            + "]}";
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    SlaClockSnapshot.fromJson(
                        json,
                        id -> {
                          throw new AssertionError("the syntax error comes first");
                        }))
            .getMessage();
    assertEquals(
        " (at $.events[0].level", m.substring(m.lastIndexOf(" (at "), m.lastIndexOf(", line")), m);
  }
}
