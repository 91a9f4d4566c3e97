package dev.servicekit.consumertests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.KpiSnapshots;
import dev.servicekit.kpi.NpsAccumulator;
import dev.servicekit.kpi.PercentileAccumulator;
import dev.servicekit.kpi.staffing.ErlangC;
import dev.servicekit.kpi.staffing.StaffingTarget;
import dev.servicekit.kpi.staffing.Workload;
import dev.servicekit.qa.Answer;
import dev.servicekit.qa.Checklist;
import dev.servicekit.qa.ChecklistJson;
import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.CalendarJson;
import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicyJson;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TimeRange;
import dev.servicekit.sla.holidays.BundledCalendars;
import dev.servicekit.sla.holidays.CalendarCorrections;
import dev.servicekit.sla.holidays.ProductionCalendar;
import dev.servicekit.sla.holidays.ProductionCalendarJson;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each core's JSON readers and main operations, as a consumer module calls them; run with the
 * oldest supported Jackson by default (see this module's POM).
 */
class CoreApisTest {

  private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

  private static InputStream resource(String name) {
    InputStream in = CoreApisTest.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + name);
    }
    return in;
  }

  @Test
  void slaJsonReadersReadFilesAndRoundTrip() throws IOException {
    BusinessCalendar team;
    SlaPolicySet policies;
    try (InputStream c = resource("team-calendar.json");
        InputStream p = resource("sla-policy.json")) {
      team = CalendarJson.read(c);
      policies = SlaPolicyJson.read(p);
    }
    assertEquals("support-eu", team.id());
    assertEquals(team, CalendarJson.read(CalendarJson.write(team)));
    assertEquals(policies, SlaPolicyJson.read(SlaPolicyJson.write(policies)));
    assertTrue(policies.calendarKeys().contains("team"), policies.calendarKeys().toString());
  }

  @Test
  void jsonErrorsNameTheFieldAndThePosition() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CalendarJson.read("{\"id\": \"x\",\n \"zone\": \"Mars/Base\", \"week\": {}}"));
    assertTrue(e.getMessage().contains("zone"), e.getMessage());
    assertTrue(e.getMessage().contains("Mars/Base"), e.getMessage());
  }

  @Test
  void productionCalendarJsonRoundTripsTheBundledRussianData() {
    ProductionCalendar russia = BundledCalendars.russia(2025, 2026);
    CalendarCorrections read = ProductionCalendarJson.read(ProductionCalendarJson.write(russia));
    assertEquals(russia.rules(), read.rules().rules());
  }

  @Test
  void calendarMathAndSlaClockWork() throws IOException {
    BusinessCalendar team =
        BusinessCalendar.builder(MOSCOW)
            .id("moscow")
            .weekdays(TimeRange.parse("09:00-13:00"), TimeRange.parse("14:00-18:00"))
            .apply(BundledCalendars.russia(2025, 2026))
            .build();
    Instant created = Instant.parse("2025-10-31T13:30:00Z"); // Fri 16:30 Moscow
    // 1.5 h on Friday, then 2.5 h on the working Saturday 1 Nov 2025 from 09:00.
    assertEquals(Instant.parse("2025-11-01T08:30:00Z"), team.plus(created, Duration.ofHours(4)));
    assertEquals(Duration.ofHours(4), team.between(created, Instant.parse("2025-11-01T08:30:00Z")));

    SlaPolicySet policies;
    BusinessCalendar berlin;
    try (InputStream c = resource("team-calendar.json");
        InputStream p = resource("sla-policy.json")) {
      berlin = CalendarJson.read(c);
      policies = SlaPolicyJson.read(p);
    }
    SlaClock clock = SlaClock.of(policies, Map.of("team", berlin), "TCK-1");
    Instant t0 = Instant.parse("2026-03-03T08:40:00Z");
    clock.accept(
        new TicketEvent.Created(
            "TCK-1",
            "ev-1",
            t0,
            Map.of("channel", "email", "tier", "gold", "severity", "major"),
            Set.of()));
    clock.accept(
        TicketEvent.AgentReply.publicReply("TCK-1", "ev-2", t0.plus(Duration.ofMinutes(45))));
    SlaEvaluation now = clock.evaluate(t0.plus(Duration.ofHours(2)));
    MetricCycle first = now.latest(SlaMetric.firstResponse()).orElseThrow();
    assertEquals(CycleState.ACHIEVED, first.state());
    assertEquals(Duration.ofMinutes(45), first.elapsed());
  }

  @Test
  void checklistJsonScoresAnEvaluation() throws IOException {
    Checklist checklist;
    try (InputStream in = resource("inbound-calls.json")) {
      checklist = ChecklistJson.read(new String(in.readAllBytes(), "UTF-8"));
    }
    assertEquals(checklist, ChecklistJson.read(ChecklistJson.write(checklist)));
    Map<String, Answer> answers = ChecklistJson.readAnswers("{\"greet\": \"yes\"}");
    assertEquals(Answer.of("yes"), answers.get("greet"));
  }

  @Test
  void kpiSnapshotsRoundTripThroughJsonAndBytes() {
    PercentileAccumulator p = PercentileAccumulator.create();
    DurationAccumulator d = DurationAccumulator.create();
    NpsAccumulator nps = NpsAccumulator.create();
    for (int i = 1; i <= 100; i++) {
      p.addMillis(i * 1000L);
      d.addMillis(i * 1000L);
      nps.add(i % 11);
    }
    PercentileAccumulator fromJson =
        KpiSnapshots.fromJson(KpiSnapshots.toJson(p), PercentileAccumulator.class);
    PercentileAccumulator fromBytes =
        KpiSnapshots.fromBytes(KpiSnapshots.toBytes(p), PercentileAccumulator.class);
    double p90 = p.result().p90Millis().orElseThrow();
    assertEquals(p90, fromJson.result().p90Millis().orElseThrow());
    assertEquals(p90, fromBytes.result().p90Millis().orElseThrow());
    assertTrue(Math.abs(p90 - 90_000) <= 0.01 * 90_000 + 1000, "p90 " + p90);
    assertEquals(
        d.result(),
        KpiSnapshots.fromJson(KpiSnapshots.toJson(d), DurationAccumulator.class).result());
    assertEquals(
        nps.result(),
        KpiSnapshots.fromBytes(KpiSnapshots.toBytes(nps), NpsAccumulator.class).result());
  }

  @Test
  void ddsketchComesFromInsideKpiCoreNotFromAnotherJar() throws ClassNotFoundException {
    ClassLoader loader = PercentileAccumulator.class.getClassLoader();
    Class<?> sketch = Class.forName("dev.servicekit.kpi.internal.ddsketch.DDSketch", false, loader);
    assertEquals(
        PercentileAccumulator.class.getProtectionDomain().getCodeSource().getLocation(),
        sketch.getProtectionDomain().getCodeSource().getLocation());
    assertThrows(
        ClassNotFoundException.class,
        () -> Class.forName("com.datadoghq.sketch.ddsketch.DDSketch", false, loader));
  }

  @Test
  void erlangCSizesTheCallCentreHelperExample() {
    // Call Centre Helper's worked example: 100 calls / 30 min, AHT 180 s, 80 % in 20 s -> 14.
    assertEquals(
        14,
        ErlangC.requiredAgents(
                Workload.of(100, Duration.ofMinutes(30), Duration.ofSeconds(180)),
                StaffingTarget.of(0.80, Duration.ofSeconds(20)))
            .agents());
  }
}
