package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.holidays.ProductionCalendar;
import dev.servicekit.sla.holidays.ProductionCalendarJson;
import dev.servicekit.sla.holidays.ProductionCalendarXml;
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
                    "{\"zone\":\"UTC\",\"workingDays\":[{\"date\":\"2026-05-02\",\"as\":\"tue\u017fday\"}]}"));
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

  @Test
  void transitionKindsAndStatesAreFoldedInAsciiOnly() {
    String json =
        "{\"v\":3,\"ticketId\":\"T\",\"metric\":\"first_response\",\"cycle\":0,\"key\":\"\","
            + "\"kind\":\"STARTED\",\"at\":\"2026-01-12T11:45:00Z\",\"warningPercent\":90,"
            + "\"escalation\":{\"level\":2,\"percent\":200,\"recipient\":\"manager\"},"
            + "\"state\":\"BREACHED\"}";
    SlaTransition t = SlaTransition.fromJson(json.replace("STARTED", "Started"));
    assertEquals(SlaTransition.Kind.STARTED, t.kind());
    assertEquals(t, SlaTransition.fromJson(json.replace("BREACHED", "breached")));
    // before: read as STARTED and PAUSED, a transition no one wrote
    String m = refused(() -> SlaTransition.fromJson(json.replace("STARTED", "\u017ftarted")));
    assertTrue(m.startsWith("kind '\u017ftarted' must be one of") && m.contains("(at $.kind,"), m);
    m = refused(() -> SlaTransition.fromJson(json.replace("BREACHED", "pau\u017fed")));
    assertTrue(m.startsWith("state 'pau\u017fed' must be one of") && m.contains("(at $.state,"), m);
  }

  @Test
  void productionCalendarWeekdaysAndRegionsAreFoldedInAsciiOnly() {
    String json =
        "{\"country\":\"RU\",\"years\":[2025],"
            + "\"workingDays\":[{\"date\":\"2025-11-01\",\"as\":\"Friday\"}]}";
    assertEquals(1, ProductionCalendarJson.read(json).rules().rules().size());
    // before: "frıday" (dotless i) was read as FRIDAY
    String m = refused(() -> ProductionCalendarJson.read(json.replace("Friday", "fr\u0131day")));
    assertTrue(m.contains("day of week 'fr\u0131day'") && m.contains("$.workingDays[0].as"), m);
    assertEquals("IT", ProductionCalendar.builderForYears("it", 2025, 2025).build().region());
    // before: "ıt" (dotless i) was read as IT, and an XML calendar of country IT matched it
    m = refused(() -> ProductionCalendar.builderForYears("\u0131t", 2025, 2025));
    assertTrue(m.contains("must be a country code"), m);
    String xml =
        "<calendar year=\"2025\" lang=\"ru\" country=\"it\"><holidays></holidays>"
            + "<days></days></calendar>";
    m = refused(() -> ProductionCalendarXml.read(xml, "\u0131t"));
    assertTrue(m.contains("does not match the given region"), m);
  }
}
