package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.holidays.ProductionCalendarJson;
import dev.servicekit.sla.imports.ZendeskAudits;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every JSON reader of sla-core lays out an error's location one way, {@code "<what> (at $.path,
 * line L, column C)"}, the line and column (1-based) of the offending value. The expected lines and
 * columns are counted by hand from the documents below (a member's value: its first character).
 */
class JsonErrorLocationTest {

  private static String error(Function<String, ?> reader, String json) {
    return assertThrows(IllegalArgumentException.class, () -> reader.apply(json)).getMessage();
  }

  private static void assertEndsWith(String location, String message) {
    assertTrue(message.endsWith(location), () -> message + "\n  does not end with " + location);
  }

  @Test
  void calendarErrorsNameTheValueLineAndColumn() {
    // line 4: the value 1 of "extra" is the 51st character
    assertEndsWith(
        " (at $.shortened[0].extra, line 4, column 51)",
        error(
            CalendarJson::read,
            """
            {
              "zone": "UTC",
              "shortened": [
                {"date": "2026-12-24", "by": "PT1H", "extra": 1}
              ]
            }"""));
    // wrong type: 7 where a date string belongs, line 3 column 30
    String wrongType =
        error(
            CalendarJson::read,
            """
            {
              "zone": "UTC",
              "holidays": ["2026-01-01", 7]
            }""");
    assertTrue(wrongType.startsWith("expected a string but found 7"), wrongType);
    assertEndsWith(" (at $.holidays[1], line 3, column 30)", wrongType);
    // bad value: hour 25, line 5 column 17
    String badValue =
        error(
            CalendarJson::read,
            """
            {
              "zone": "UTC",
              "week": {
                "MONDAY": ["09:00-17:00"],
                "TUESDAY": ["09:00-25:00"]
              }
            }""");
    assertTrue(badValue.contains("'09:00-25:00'"), badValue);
    assertEndsWith(" (at $.week.TUESDAY[0], line 5, column 17)", badValue);
    // a missing field: the object that lacks it
    assertEndsWith(
        "zone is required (at $.zone, line 1, column 1)",
        error(CalendarJson::read, "{\n  \"id\": \"x\"\n}"));
  }

  @Test
  void policyErrorsNameTheValueLineAndColumn() {
    // an unknown field of a policy in the array: "red" is the 57th character of line 5
    assertEndsWith(
        " (at $.policies[0].colour, line 5, column 57)",
        error(
            SlaPolicyJson::read,
            """
            {
              "statuses": ["open"],
              "defaultPolicy": {"name": "p", "matrix": {"default": "n"}},
              "policies": [
                {"name": "q", "matrix": {"default": "n"}, "colour": "red"}
              ]
            }"""));
    assertEndsWith(
        "expected an array but found \"open\" (at $.statuses, line 2, column 15)",
        error(
            SlaPolicyJson::read,
            """
            {
              "statuses": "open",
              "defaultPolicy": {"name": "p", "matrix": {"default": "n"}}
            }"""));
    assertEndsWith(
        "status 'gone' is not declared in statuses (at $.solvedStatuses[1], line 3, column 32)",
        error(
            SlaPolicyJson::read,
            """
            {
              "statuses": ["open", "closed"],
              "solvedStatuses": ["closed", "gone"],
              "defaultPolicy": {"name": "p", "matrix": {"default": "n"}}
            }"""));
  }

  @Test
  void productionCalendarEventAndExportErrorsNameTheValueLineAndColumn() {
    assertEndsWith(
        " (at $.holidays[0].nmae, line 4, column 60)",
        error(
            ProductionCalendarJson::read,
            """
            {
              "country": "RU",
              "years": [2025],
              "holidays": [{"date": "2025-01-01", "name": "a", "nmae": "b"}]
            }"""));
    // the event reader reads a stream of tokens: the 5 is the 16th character of line 3
    assertEndsWith(
        "expected a string but found 5 (at $.tags[1], line 3, column 16)",
        error(
            TicketEventJson::read,
            """
            {"v": 1, "kind": "Created", "ticketId": "T-1",
             "id": "e1", "at": "2026-03-02T09:00:00Z",
             "tags": ["a", 5]}"""));
    // an export whose root is an array: its elements are $[i]
    String export =
        error(
            ZendeskAudits::read,
            """
            [
              {"id": 1, "ticket_id": 1, "created_at": "yesterday", "events": []}
            ]""");
    assertTrue(export.startsWith("timestamp \"yesterday\" is not ISO-8601"), export);
    assertEndsWith(" (at $[0].created_at, line 2, column 43)", export);
  }

  @Test
  void aSyntaxErrorUsesTheSameLayoutAtTheBadCharacter() {
    // the "]" is the 12th character of line 3
    String syntax = error(CalendarJson::read, "{\n  \"zone\": \"UTC\",\n  \"week\": {]\n}");
    assertTrue(
        syntax.matches("(?s)calendar JSON is malformed: .* \\(at \\$\\.week, line 3, column 12\\)"),
        syntax);
  }
}
