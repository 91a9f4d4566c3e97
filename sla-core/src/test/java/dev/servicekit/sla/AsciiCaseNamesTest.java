package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/**
 * Enum, trigger and weekday names are read in any ASCII letter case, and only so: a non-ASCII
 * letter that {@link String#toUpperCase} or {@link String#equalsIgnoreCase} folds into an ASCII one
 * (dotless {@code ı} to {@code I}, long {@code ſ} to {@code S}) makes a name no one wrote, refused
 * at its path like any other unknown name.
 */
class AsciiCaseNamesTest {

  private static final String POLICY =
      "\"defaultPolicy\":{\"name\":\"d\",\"matrix\":{\"default\":\"p\"}}}";

  private static String refused(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void policySetEnumNamesAreFoldedInAsciiOnly() {
    SlaPolicySet set =
        SlaPolicyJson.read("{\"statuses\":[\"new\"],\"breachRule\":\"at_Deadline\"," + POLICY);
    assertEquals(BreachRule.AT_DEADLINE, set.breachRule());
    String m =
        refused(
            () ->
                SlaPolicyJson.read(
                    "{\"statuses\":[\"new\"],\"breachRule\":\"after_deadl\u0131ne\"," + POLICY));
    assertTrue(
        m.startsWith("'after_deadl\u0131ne' is not a breach rule")
            && m.endsWith("(at $.breachRule, line 1, column 34)"),
        m);
    m =
        refused(
            () ->
                SlaPolicyJson.read(
                    "{\"statuses\":[\"new\"],\"firstResponseSolve\":\"pau\u017fe\"," + POLICY));
    assertTrue(m.contains("is not a solve rule") && m.contains("(at $.firstResponseSolve,"), m);
  }

  @Test
  void triggerKindsAreFoldedInAsciiOnly() {
    assertEquals(MetricTrigger.On.PUBLIC_REPLY, MetricTrigger.parseOn("Public_Reply"));
    assertTrue(refused(() -> MetricTrigger.parseOn("publ\u0131c_reply")).contains("is unknown"));
    String m =
        refused(
            () ->
                SlaPolicyJson.read(
                    "{\"statuses\":[\"new\",\"solved\"],\"solvedStatuses\":[\"solved\"],"
                        + "\"metricDefinitions\":[{\"name\":\"x\",\"startOn\":[{\"on\":\"created\"}],"
                        + "\"stopOn\":[{\"on\":\"\u017folved\"}]}],"
                        + POLICY));
    assertTrue(m.contains("(at $.metricDefinitions[0].stopOn[0].on,"), m);
  }

  @Test
  void weekdaysAndRegionCodesAreFoldedInAsciiOnly() {
    BusinessCalendar c =
        CalendarJson.read("{\"zone\":\"UTC\",\"week\":{\"friday\":[\"09:00-10:00\"]}}");
    assertEquals(1, c.hours(DayOfWeek.FRIDAY).size());
    assertEquals(LocalTime.of(9, 0), c.hours(DayOfWeek.FRIDAY).get(0).start());
    String m =
        refused(
            () ->
                CalendarJson.read(
                    "{\"zone\":\"UTC\",\"week\":{\"fr\u0131day\":[\"09:00-10:00\"]}}"));
    assertTrue(m.contains("is not a weekday") && m.contains("(at $.week.fr\u0131day,"), m);
    m =
        refused(
            () ->
                CalendarJson.read(
                    "{\"zone\":\"UTC\",\"workingDays\":[{\"date\":\"2026-05-02\",\"as\":\"mondaſ\"}]}"));
    assertTrue(m.contains("(at $.workingDays[0].as,"), m);
    m =
        refused(
            () ->
                CalendarJson.read(
                    "{\"zone\":\"UTC\",\"publicHolidays\":[{\"country\":\"\u0131t\",\"from\":2026,"
                        + "\"to\":2026}]}"));
    assertTrue(
        m.contains("must be letters and digits only")
            && m.contains("(at $.publicHolidays[0].country,"),
        m);
  }
}
