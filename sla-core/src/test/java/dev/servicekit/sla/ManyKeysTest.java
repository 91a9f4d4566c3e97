package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Configurations with many keys (statuses, matrix columns, triggers, dates, tiers, calendars):
 * reading them stays linear, and a message that lists the keys a value is not among shows a bounded
 * part of them and their count. The timeouts are hang guards, not speed bounds: they are more than
 * ten times what the reads take now, and less than they took before the fixes.
 */
class ManyKeysTest {

  private static final String TAIL =
      "\"defaultPolicy\":{\"name\":\"d\",\"matrix\":{\"default\":\"p\"}}}";

  private static String names(String prefix, int n) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append('"').append(prefix).append(i).append('"');
    }
    return b.append(']').toString();
  }

  private static String message(Runnable r) {
    String m = assertThrows(IllegalArgumentException.class, r::run).getMessage();
    assertTrue(m.length() <= 500, () -> m.length() + " chars: " + m.substring(0, 300));
    return m;
  }

  /**
   * Every solved and cancelled status was looked up in lists, once by the reader and again by the
   * builder: a set of 146 000 statuses took 218 s to read on the shared machine (1.7 s now).
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aPolicySetOfManyStatusesIsReadInLinearTime() {
    int n = 146_000;
    String json =
        "{\"statuses\":"
            + names("s", n).replace("[", "[\"new\",")
            + ",\"solvedStatuses\":"
            + names("s", n)
            + ",\"cancelledStatuses\":"
            + names("s", n)
            + ","
            + TAIL;
    SlaPolicySet set = SlaPolicyJson.read(json);
    assertEquals(n + 1, set.statuses().size());
    assertEquals(n, set.cancelledStatuses().size());
  }

  /**
   * The matrix builder looked each cell's row and column up in lists of those seen: 60 000 cells of
   * one row took 26 to 86 s to read on the shared machine (120 000 about four times that).
   */
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aPriorityMatrixOfManyColumnsIsReadInLinearTime() {
    int n = 120_000;
    StringBuilder cells = new StringBuilder();
    for (int i = 0; i < n; i++) {
      cells.append(i == 0 ? "" : ",");
      cells.append("{\"severity\":\"s1\",\"tier\":\"t").append(i).append("\",\"priority\":\"p\"}");
    }
    SlaPolicySet set =
        SlaPolicyJson.read(
            "{\"statuses\":[\"new\"],\"defaultPolicy\":{\"name\":\"d\",\"matrix\":{\"cells\":["
                + cells
                + "]}}}");
    assertEquals(n, set.defaultPolicy().matrix().cells().get("s1").size());
  }

  /**
   * A metric definition's triggers, and a pause condition's parts, were compared with every earlier
   * one for repeats: 20 000 {@code stopOn} triggers took 24 s to read on the shared machine (40 000
   * about four times that).
   */
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aMetricDefinitionOfManyTriggersIsReadInLinearTime() {
    int n = 40_000;
    StringBuilder statuses = new StringBuilder("\"new\"");
    StringBuilder triggers = new StringBuilder();
    for (int i = 0; i < n; i++) {
      statuses.append(",\"s").append(i).append('"');
      triggers.append(i == 0 ? "" : ",");
      triggers.append("{\"on\":\"status_entered\",\"values\":[\"s").append(i).append("\"]}");
    }
    SlaPolicySet set =
        SlaPolicyJson.read(
            "{\"statuses\":["
                + statuses
                + "],\"metricDefinitions\":[{\"name\":\"m\",\"startOn\":[{\"on\":\"created\"}],"
                + "\"stopOn\":["
                + triggers
                + "]}],"
                + TAIL);
    assertEquals(n, set.metrics().get("m").stop().size());
  }

  /**
   * A public-holiday entry's {@code except} dates were checked for repeats in a list: every date of
   * the supported years (146 097) took 26 s before the entry was refused (1.2 s now).
   */
  @Test
  @Timeout(value = 15, unit = TimeUnit.SECONDS)
  void anExceptListOfEveryDateIsCheckedInLinearTime() {
    StringBuilder except = new StringBuilder();
    for (LocalDate d = LocalDate.of(1900, 1, 1); d.getYear() < 2300; d = d.plusDays(1)) {
      except.append(except.length() == 0 ? "" : ",").append('"').append(d).append('"');
    }
    String m =
        message(
            () ->
                CalendarJson.read(
                    "{\"id\":\"a\",\"zone\":\"UTC\",\"publicHolidays\":[{\"country\":\"de\","
                        + "\"from\":1900,\"to\":2299,\"except\":["
                        + except
                        + "]}]}"));
    assertTrue(m.startsWith("date 1900-01-02 is not a public holiday of DE"), m);
  }

  @Test
  void anEventOfAnUnknownKeyNamesABoundedPartOfTheKnownOnes() throws IOException {
    StringBuilder cells = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      cells
          .append(",{\"severity\":\"s1\",\"tier\":\"t")
          .append(i)
          .append("\",\"priority\":\"high\"}");
    }
    String json =
        resource("tiered-policy.json")
            .replace("{\n  \"statuses\"", "{\"rejectUnknownKeys\":true,\"statuses\"")
            .replace(
                "{\"severity\": \"s2\", \"tier\": \"silver\", \"priority\": \"normal\"}\n"
                    + "      ]\n    },\n    \"channels\"",
                "{\"severity\": \"s2\", \"tier\": \"silver\", \"priority\": \"normal\"}"
                    + cells
                    + "], \"default\": \"normal\"},\"channels\"");
    SlaClock c = SlaClock.of(SlaPolicyJson.read(json), Map.of("team", calendar()), "T");
    // before: the message listed all 2002 tiers, 13 003 characters for every such event
    String m =
        message(
            () ->
                c.accept(
                    TicketEventJson.read(
                        "{\"v\":1,\"kind\":\"Created\",\"ticketId\":\"T\",\"id\":\"e1\","
                            + "\"at\":\"2026-01-06T14:30:00Z\",\"attributes\":{\"channel\":\"email\","
                            + "\"severity\":\"s1\",\"tier\":\"zzz\"},\"tags\":[],\"byAgent\":false}")));
    assertTrue(m.contains("tier 'zzz' is unknown") && m.endsWith(" more)]"), m);
    assertTrue(m.contains("expected one of [gold, silver, t0, t1,"), m);
  }

  @Test
  void configurationsOfManyKeysNameABoundedPartOfThem() throws IOException {
    Map<String, BusinessCalendar> calendars = new HashMap<>();
    for (int i = 0; i < 2000; i++) {
      calendars.put("cal" + i, calendar());
    }
    SlaPolicySet tiered = SlaPolicyJson.read(resource("tiered-policy.json"));
    // before: 16 984 characters, every calendar key
    String m = message(() -> SlaClock.of(tiered, calendars, "T"));
    assertTrue(m.startsWith("calendar 'team' used by") && m.endsWith(" more)]"), () -> m);
    String[] statuses = new String[2000];
    for (int i = 0; i < statuses.length; i++) {
      statuses[i] = "s" + i;
    }
    String s =
        message(
            () ->
                SlaPolicySet.builder()
                    .statuses(statuses)
                    .solvedStatuses("nope")
                    .defaultPolicy(tiered.defaultPolicy())
                    .build());
    assertTrue(
        s.startsWith("solvedStatuses status 'nope' is not declared in statuses [s0, s1, s2,")
            && s.endsWith(" more)]"),
        s);
  }

  private static BusinessCalendar calendar() {
    return CalendarJson.read(
        "{\"id\":\"team\",\"zone\":\"UTC\",\"week\":{\"MONDAY\":[\"09:00-17:00\"]}}");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ManyKeysTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
