package dev.servicekit.consumertests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.NpsAccumulator;
import dev.servicekit.kpi.OutcomeAccumulator;
import dev.servicekit.kpi.PercentileAccumulator;
import dev.servicekit.kpi.ServiceLevelAccumulator;
import dev.servicekit.kpi.ServiceLevelPolicy;
import dev.servicekit.qa.Answer;
import dev.servicekit.qa.Checklist;
import dev.servicekit.qa.ChecklistRegistry;
import dev.servicekit.qa.Criterion;
import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.Section;
import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.CalendarJson;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaPolicyJson;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TimeRange;
import dev.servicekit.sla.holidays.BundledCalendars;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SLF4J is used at configuration and lifecycle boundaries only: building a calendar or a policy set
 * logs once at DEBUG; the per-event paths never touch a logger, not even to ask whether a level is
 * enabled. The counting binding ({@link CountingSlf4jProvider}) records every call.
 */
class LoggingTest {

  private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

  @BeforeEach
  void reset() {
    CountingSlf4jProvider.reset();
  }

  private static BusinessCalendar moscowTeam() {
    return BusinessCalendar.builder(MOSCOW)
        .id("moscow-support")
        .weekdays(TimeRange.parse("09:00-13:00"), TimeRange.parse("14:00-18:00"))
        .apply(BundledCalendars.russia(2025, 2026))
        .build();
  }

  private static SlaPolicySet policies() throws IOException {
    try (InputStream in = LoggingTest.class.getResourceAsStream("sla-policy.json")) {
      return SlaPolicyJson.read(in);
    }
  }

  private static Checklist checklist() {
    return Checklist.builder("calls", 1)
        .section(
            Section.of(
                "call",
                100,
                List.of(
                    Criterion.builder("greeting").build(), Criterion.builder("solved").build())))
        .build();
  }

  @Test
  void buildingACalendarLogsItsShapeOnceAtDebug() {
    BundledCalendars.russia(2025, 2026); // bundled data loads (and logs) once per JVM
    CountingSlf4jProvider.reset();
    moscowTeam();
    List<String> lines = CountingSlf4jProvider.messages();
    assertEquals(1, lines.size(), lines.toString());
    String line = lines.get(0);
    assertTrue(line.startsWith("DEBUG dev.servicekit.sla.BusinessCalendar: "), line);
    assertTrue(line.contains("'moscow-support'"), line);
    assertTrue(line.contains("Europe/Moscow"), line);
    assertTrue(line.contains("exceptions in years 2025..2026"), line);
  }

  @Test
  void bundledProductionCalendarLogsOnceWhenFirstLoaded() {
    BundledCalendars.russia(2016); // a year no other test here loads
    BundledCalendars.russia(2016);
    List<String> lines = CountingSlf4jProvider.messages();
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(
        lines.get(0).startsWith("DEBUG dev.servicekit.sla.holidays.BundledCalendars: "),
        lines.get(0));
    assertTrue(lines.get(0).contains("ru-2016"), lines.get(0));
  }

  @Test
  void readingAPolicySetLogsItOnceAtDebug() throws IOException {
    policies();
    List<String> lines = CountingSlf4jProvider.messages();
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("DEBUG dev.servicekit.sla.SlaPolicySet: "), lines.get(0));
    assertTrue(lines.get(0).contains("calendars [team, 24/7]"), lines.get(0));
  }

  @Test
  void registeringAChecklistVersionLogsOnceAndReRegisteringDoesNot() {
    ChecklistRegistry registry = new ChecklistRegistry();
    registry.register(checklist());
    registry.register(checklist());
    List<String> lines = CountingSlf4jProvider.messages();
    assertEquals(
        List.of(
            "DEBUG dev.servicekit.qa.ChecklistRegistry: checklist 'calls' v1 registered (1 versions of it now)"),
        lines);
  }

  @Test
  void hotPathsNeverTouchALogger() throws IOException {
    BusinessCalendar team = moscowTeam();
    BusinessCalendar berlin;
    try (InputStream in = LoggingTest.class.getResourceAsStream("team-calendar.json")) {
      berlin = CalendarJson.read(in);
    }
    SlaPolicySet policies = policies();
    Checklist checklist = checklist();
    CountingSlf4jProvider.reset();

    // Business-time math over two years of instants, the lazily built year indexes included.
    Instant start = Instant.parse("2025-01-01T00:00:00Z");
    for (int i = 0; i < 2_000; i++) {
      Instant t = start.plus(Duration.ofMinutes(523L * i));
      Instant due = team.plus(t, Duration.ofHours(1 + i % 40));
      team.between(t, due);
      team.isOpen(t);
      team.nextOpen(t);
    }
    // SLA clocks: create, accept events (in and out of order, duplicates), evaluate.
    for (int n = 0; n < 50; n++) {
      String id = "TCK-" + n;
      SlaClock clock = SlaClock.of(policies, Map.of("team", berlin), id);
      Instant t0 = Instant.parse("2026-03-03T08:40:00Z").plus(Duration.ofHours(n));
      TicketEvent reply = TicketEvent.AgentReply.publicReply(id, "ev-2", t0.plusSeconds(2700));
      clock.accept(reply);
      clock.accept(
          new TicketEvent.Created(
              id,
              "ev-1",
              t0,
              Map.of("channel", "email", "tier", "gold", "severity", "major"),
              Set.of()));
      clock.accept(new TicketEvent.StatusChanged(id, "ev-3", t0.plusSeconds(3000), "pending"));
      clock.accept(new TicketEvent.CustomerMessage(id, "ev-4", t0.plusSeconds(90_000)));
      clock.accept(reply);
      clock.evaluate(t0.plusSeconds(100_000));
    }
    // KPI accumulators: add, merge.
    DurationAccumulator aht = DurationAccumulator.create();
    PercentileAccumulator frt = PercentileAccumulator.create();
    NpsAccumulator nps = NpsAccumulator.create();
    OutcomeAccumulator fcr = OutcomeAccumulator.create();
    ServiceLevelAccumulator sl =
        ServiceLevelAccumulator.create(
            ServiceLevelPolicy.of(
                Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(30)));
    for (int i = 0; i < 1_000; i++) {
      aht.addMillis(1000L * i);
      frt.addMillis(1000L * i);
      nps.add(i % 11);
      fcr.add(i % 3 == 0);
      sl.answered(Duration.ofSeconds(i % 60));
    }
    aht.merge(aht.copy());
    frt.merge(frt.copy());
    nps.merge(nps.copy());
    // QA scoring.
    for (int i = 0; i < 100; i++) {
      Evaluation.of(
              checklist,
              "call-" + i,
              "agent",
              "reviewer",
              Instant.EPOCH,
              Map.of("greeting", Answer.of("yes"), "solved", Answer.of(i % 2 == 0 ? "yes" : "no")))
          .result();
    }

    assertEquals(0, CountingSlf4jProvider.calls(), CountingSlf4jProvider.messages().toString());
  }
}
