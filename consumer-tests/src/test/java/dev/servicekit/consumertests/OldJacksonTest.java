package dev.servicekit.consumertests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.Version;
import dev.servicekit.kpi.KpiSnapshots;
import dev.servicekit.kpi.NpsAccumulator;
import dev.servicekit.qa.ChecklistJson;
import dev.servicekit.qa.ChecklistRegistry;
import dev.servicekit.qa.EvaluationJson;
import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.CalendarJson;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaClockSnapshot;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicyJson;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEventJson;
import dev.servicekit.sla.TimeRange;
import dev.servicekit.sla.holidays.ProductionCalendarJson;
import dev.servicekit.sla.imports.JiraChangelog;
import dev.servicekit.sla.imports.ZendeskAudits;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.function.Executable;

/**
 * A consumer whose class path holds a Jackson older than the supported 2.15 (the {@code
 * old-jackson} run of this module's POM: Jackson 2.14.3): every JSON reader of the three cores
 * fails with an {@link IllegalStateException} that names the versions found and the floor, on the
 * first call and on every later one, where it failed with a {@code NoClassDefFoundError} (then
 * "Could not initialize class"); what does not read JSON still works.
 */
@EnabledIfSystemProperty(named = "consumer.oldJackson", matches = "true")
class OldJacksonTest {

  private static final String FOUND = System.getProperty("expected.jackson.version");

  @Test
  void theRunHasTheOldJackson() {
    assertEquals(FOUND, com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString());
    Version v = com.fasterxml.jackson.core.json.PackageVersion.VERSION;
    assertTrue(v.getMajorVersion() == 2 && v.getMinorVersion() < 15, FOUND);
  }

  @Test
  void everyJsonReaderSaysWhichJacksonItNeeds() {
    Map<String, Executable> readers = new LinkedHashMap<>();
    readers.put("CalendarJson.read", () -> CalendarJson.read("{}"));
    readers.put("SlaPolicyJson.read", () -> SlaPolicyJson.read("{}"));
    readers.put("TicketEventJson.read", () -> TicketEventJson.read("{}"));
    readers.put("SlaTransition.fromJson", () -> SlaTransition.fromJson("{}"));
    readers.put(
        "SlaClockSnapshot.fromJson", () -> SlaClockSnapshot.fromJson(policySet(), Map.of(), "{}"));
    readers.put("ProductionCalendarJson.read", () -> ProductionCalendarJson.read("{}"));
    readers.put("ZendeskAudits.read", () -> ZendeskAudits.read("{}"));
    readers.put("JiraChangelog.read", () -> JiraChangelog.read("{}"));
    readers.put("KpiSnapshots.fromJson", () -> KpiSnapshots.fromJson("{}"));
    readers.put("NpsAccumulator.fromJson", () -> NpsAccumulator.fromJson("{}"));
    readers.put("ChecklistJson.read", () -> ChecklistJson.read("{}"));
    readers.put("EvaluationJson.read", () -> EvaluationJson.read("{}", new ChecklistRegistry()));
    for (Map.Entry<String, Executable> r : readers.entrySet()) {
      for (int call = 1; call <= 2; call++) { // the second call as clear as the first
        IllegalStateException e =
            assertThrows(IllegalStateException.class, r.getValue(), r.getKey() + " call " + call);
        String m = e.getMessage();
        assertTrue(m.contains("Jackson 2.15 or newer"), r.getKey() + ": " + m);
        assertTrue(m.contains("jackson-core " + FOUND), r.getKey() + ": " + m);
      }
    }
  }

  private static SlaPolicySet policySet() {
    return SlaPolicySet.builder()
        .statuses("open", "solved")
        .solvedStatuses("solved")
        .defaultPolicy(
            SlaPolicy.builder("standard")
                .matrix(PriorityMatrix.builder().cell("s1", "gold", "urgent").build())
                .build())
        .build();
  }

  @Test
  void whatReadsNoJsonStillWorks() {
    BusinessCalendar team =
        BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
            .weekdays(TimeRange.parse("09:00-17:00"))
            .build();
    assertEquals(
        Duration.ofHours(8),
        team.between(Instant.parse("2026-12-07T08:00:00Z"), Instant.parse("2026-12-07T16:00:00Z")));
    NpsAccumulator nps = NpsAccumulator.create();
    nps.add(10);
    nps.add(0);
    assertEquals(0.0, nps.result().score().getAsDouble(), 0.0);
  }
}
