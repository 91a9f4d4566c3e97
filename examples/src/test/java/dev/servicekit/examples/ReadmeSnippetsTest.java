package dev.servicekit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.integrations.flink.FlinkSlaClocks;
import dev.servicekit.integrations.flink.ServicekitTypes;
import dev.servicekit.integrations.flink.TimeMode;
import dev.servicekit.integrations.kafka.ServicekitSerdes;
import dev.servicekit.integrations.kafka.SlaClockTopology;
import dev.servicekit.integrations.kafka.WindowedKpiTopology;
import dev.servicekit.kpi.GroupKey;
import dev.servicekit.kpi.HandleTimeAccumulator;
import dev.servicekit.kpi.NpsAccumulator;
import dev.servicekit.kpi.OutcomeAccumulator;
import dev.servicekit.kpi.OutcomeResult;
import dev.servicekit.kpi.PercentileAccumulator;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingResult;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.kpi.RepeatContactTracker;
import dev.servicekit.kpi.RevisedValues;
import dev.servicekit.kpi.ServiceLevelAccumulator;
import dev.servicekit.kpi.ServiceLevelPolicy;
import dev.servicekit.kpi.ServiceLevelVariant;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import dev.servicekit.kpi.WindowedKpi;
import dev.servicekit.kpi.staffing.ErlangC;
import dev.servicekit.kpi.staffing.ErlangCResult;
import dev.servicekit.kpi.staffing.StaffingRequirement;
import dev.servicekit.kpi.staffing.StaffingTarget;
import dev.servicekit.kpi.staffing.Workload;
import dev.servicekit.qa.Answer;
import dev.servicekit.qa.Checklist;
import dev.servicekit.qa.ChecklistJson;
import dev.servicekit.qa.ChecklistRegistry;
import dev.servicekit.qa.CompiledChecklist;
import dev.servicekit.qa.Criterion;
import dev.servicekit.qa.Criticality;
import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.EvaluationJson;
import dev.servicekit.qa.Scale;
import dev.servicekit.qa.ScoreBands;
import dev.servicekit.qa.ScoringMode;
import dev.servicekit.qa.Section;
import dev.servicekit.qa.analytics.Granularity;
import dev.servicekit.qa.analytics.OutcomeShares;
import dev.servicekit.qa.analytics.ScoreAggregator;
import dev.servicekit.qa.analytics.ScoreLedger;
import dev.servicekit.qa.analytics.ScoreSummary;
import dev.servicekit.qa.analytics.ScriptCompliance;
import dev.servicekit.qa.analytics.ShareEstimate;
import dev.servicekit.qa.calibration.Agreement;
import dev.servicekit.qa.calibration.AlphaMetric;
import dev.servicekit.qa.calibration.Calibration;
import dev.servicekit.qa.calibration.IccEstimate;
import dev.servicekit.qa.calibration.IccForm;
import dev.servicekit.qa.calibration.KappaWeights;
import dev.servicekit.qa.calibration.PairingConvention;
import dev.servicekit.qa.calibration.ReliabilityData;
import dev.servicekit.qa.calibration.ReviewerDeviation;
import dev.servicekit.qa.sampling.Allocation;
import dev.servicekit.qa.sampling.ReviewSample;
import dev.servicekit.qa.sampling.ReviewSampler;
import dev.servicekit.sla.BreachRule;
import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.CalendarJson;
import dev.servicekit.sla.ClosingRule;
import dev.servicekit.sla.CycleSegment;
import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.EscalationLevel;
import dev.servicekit.sla.EventCorrection;
import dev.servicekit.sla.GenericStatus;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.MetricDefinition;
import dev.servicekit.sla.MetricRule;
import dev.servicekit.sla.MetricTrigger;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.ReopenRule;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaClockSnapshot;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaEvaluationJson;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicyJson;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaPreset;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketEventJson;
import dev.servicekit.sla.TicketInput;
import dev.servicekit.sla.TimeRange;
import dev.servicekit.sla.UpcomingTransition;
import dev.servicekit.sla.holidays.BundledCalendars;
import dev.servicekit.sla.holidays.JollydayHolidays;
import dev.servicekit.sla.holidays.ProductionCalendar;
import dev.servicekit.sla.holidays.ProductionCalendarCsv;
import dev.servicekit.sla.holidays.ProductionCalendarXml;
import dev.servicekit.sla.imports.ImportedHistory;
import dev.servicekit.sla.imports.ZendeskAudits;
import dev.servicekit.sla.queue.Agent;
import dev.servicekit.sla.queue.BreachForecast;
import dev.servicekit.sla.queue.Capacity;
import dev.servicekit.sla.queue.PriorityLevels;
import dev.servicekit.sla.queue.QueuePolicy;
import dev.servicekit.sla.queue.ServicePoint;
import dev.servicekit.sla.queue.SlaUrgency;
import dev.servicekit.sla.queue.WorkItem;
import dev.servicekit.sla.queue.WorkRouter;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * Every Java block of the README, compiled here; the blocks that need no files also run, with the
 * README's claimed values asserted. {@link #readmeBlocksMatchThisSource} fails when a README block
 * and its copy below differ, or when a README Java block has no copy: see CONTRIBUTING.md, "README
 * snippets".
 */
class ReadmeSnippetsTest {

  private static final Path README = Path.of("..", "README.md");
  private static final Path THIS_SOURCE =
      Path.of("src/test/java/dev/servicekit/examples/ReadmeSnippetsTest.java");
  private static final Pattern README_BLOCK =
      Pattern.compile("<!-- snippet: ([\\w-]+) -->\\n```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern SOURCE_REGION =
      Pattern.compile(
          "// README snippet: ([\\w-]+)\\n(.*?)\\n[ ]*// README snippet end", Pattern.DOTALL);

  @Test
  void readmeBlocksMatchThisSource() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Map<String, String> documented = new LinkedHashMap<>();
    Matcher m = README_BLOCK.matcher(readme);
    while (m.find()) {
      assertEquals(null, documented.put(m.group(1), m.group(2).stripTrailing()), m.group(1));
    }
    Map<String, String> compiled = new LinkedHashMap<>();
    m = SOURCE_REGION.matcher(Files.readString(THIS_SOURCE, StandardCharsets.UTF_8));
    while (m.find()) {
      assertEquals(null, compiled.put(m.group(1), dedent(m.group(2))), m.group(1));
    }
    assertEquals(
        documented.keySet(), compiled.keySet(), "snippet ids in README.md vs " + THIS_SOURCE);
    for (String id : documented.keySet()) {
      assertEquals(documented.get(id), compiled.get(id), "README snippet '" + id + "' drifted");
    }
    long javaBlocks = readme.lines().filter(l -> l.equals("```java")).count();
    assertEquals(
        javaBlocks,
        documented.size(),
        "every ```java block in README.md needs a <!-- snippet: id --> line above it and a copy"
            + " in "
            + THIS_SOURCE);
  }

  /** Removes the indentation common to all non-blank lines, and trailing blanks. */
  private static String dedent(String region) {
    List<String> lines = region.lines().toList();
    int indent =
        lines.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      out.add(l.isBlank() ? "" : l.substring(indent));
    }
    return String.join("\n", out).stripTrailing();
  }

  // Compiled only: the block reads acme.json from the working directory.
  @SuppressWarnings("unused")
  void slaCalendar() throws IOException {
    // spotless:off
    // README snippet: sla-calendar
    BusinessCalendar team =
        BusinessCalendar.builder(ZoneId.of("Europe/Moscow"))
            .id("moscow-support")
            .weekdays(TimeRange.parse("09:00-13:00"), TimeRange.parse("14:00-18:00"))
            .hours(DayOfWeek.SATURDAY, TimeRange.parse("22:00-06:00"))      // night shift into Sunday
            .apply(BundledCalendars.russia(2025, 2026))                    // official holidays, transfers, short days
            .holiday(LocalDate.of(2026, 6, 1))                             // your own corrections on top
            .build();
    BusinessCalendar customer = CalendarJson.read(Files.readString(Path.of("acme.json")));
    BusinessCalendar bothOpen = team.intersection(customer);               // zones may differ

    Instant created = Instant.parse("2025-10-31T13:30:00Z");               // Fri 16:30 in Moscow
    Instant due = team.plus(created, Duration.ofHours(4));                 // Sat 1 Nov 11:30 (a working Saturday)
    Duration spent = team.between(created, Instant.now());                 // exact, DST-correct, O(log p + years)
    boolean open = team.isOpen(Instant.now());
    Optional<Instant> opens = team.nextOpen(Instant.now());                // empty if it never opens again
    // Public holidays of any country from jollyday (optional dependency), corrected with explicit data:
    ProductionCalendar de = JollydayHolidays.holidays("de", 2026, 2026, "by");
    // README snippet end
    // spotless:on
  }

  // Compiled only: the block reads an event file and a Zendesk export from disk.
  @SuppressWarnings("unused")
  void persistImport(
      TicketEvent event,
      SlaClock clock,
      SlaPolicySet policies,
      Map<String, BusinessCalendar> calendars,
      Path eventsJsonl,
      Path auditsJson)
      throws IOException {
    // spotless:off
    // README snippet: persist-import
    String line = TicketEventJson.write(event);            // {"v":1,"kind":"AgentReply","ticketId":...}
    TicketEvent same = TicketEventJson.read(line);          // equals event; errors name path, line, column
    try (TicketEventJson.LineReader in = TicketEventJson.reader(Files.newInputStream(eventsJsonl))) {
      in.forEachRemaining(clock::accept);                   // JSON Lines, one line in memory at a time
    }

    byte[] checkpoint = SlaClockSnapshot.toBytes(clock);     // 170-240 B for a 20-event ticket, CRC32C-checked
    SlaClock restored = SlaClockSnapshot.fromBytes(policies, calendars, checkpoint);
    String json = SlaClockSnapshot.toJson(clock);            // the same state as JSON

    ImportedHistory zd;
    try (InputStream in = Files.newInputStream(auditsJson)) { // GET /api/v2/tickets/{id}/audits
      zd = ZendeskAudits.read(in);        // JiraChangelog.read: GET /rest/api/3/issue/{key}?expand=changelog
                                          // ZammadHistory.read: ticket, articles and history in one object
                                          // ServiceNowAudit.read: record, sys_audit and journal in one object
    }
    SlaEvaluation report = SlaClock.evaluate(policies, calendars, zd.events(), Instant.now());
    zd.ignored();                                            // what was not mapped, counted by reason
    // README snippet end
    // spotless:on
  }

  // Compiled only: the block reads calendar files from the working directory (sla-core's
  // ReadmeProductionCalendarSnippetTest runs the same lines against temporary files).
  @SuppressWarnings("unused")
  void productionCalendars() throws IOException {
    // spotless:off
    // README snippet: production-calendars
    ProductionCalendar bundled = BundledCalendars.russia(2015, 2026);
    ProductionCalendar next;
    try (InputStream in = Files.newInputStream(Path.of("calendar-2027.xml"))) {  // xmlcalendar.ru format
      next = ProductionCalendarXml.read(in);                // country from <calendar country="ru">
    }
    // or the open-data CSV (one row a year; its totals columns are checked against the month cells):
    ProductionCalendar fromCsv = ProductionCalendarCsv.read(Files.readString(Path.of("calendar.csv")), "RU");
    BusinessCalendar desk = BusinessCalendar.builder(ZoneId.of("Europe/Moscow"))
        .weekdays(TimeRange.parse("09:00-18:00"))
        .apply(bundled.merge(next))                          // adjacent years merge into one calendar
        .build();
    // README snippet end
    // spotless:on
  }

  // Compiled only: the block reads sla-policy.json from the working directory.
  @SuppressWarnings("unused")
  void slaClock(BusinessCalendar team, Instant created, Instant repliedAt) throws IOException {
    // spotless:off
    // README snippet: sla-clock
    SlaPolicySet policies = SlaPolicyJson.read(Files.readString(Path.of("sla-policy.json")));
    String text = SlaPolicyJson.write(policies);  // pretty-printed, same format; read(write(p)) equals p
    SlaClock clock = SlaClock.of(policies, Map.of("team", team), "TCK-1042");
    clock.accept(TicketEvent.Created.byCustomer("TCK-1042", "ev-1", created,
        Map.of("channel", "email", "tier", "gold", "severity", "major"), Set.of()));
    clock.accept(TicketEvent.AgentReply.publicReply("TCK-1042", "ev-2", repliedAt)); // public, human
    SlaEvaluation now = clock.evaluate(Instant.now());
    now.cycles();                    // per metric and cycle: state, deadline, elapsed, remaining, % used, warnings
    now.nextTransition();            // the one timer to schedule: next breach, warning or escalation
    // README snippet end
    // spotless:on
  }

  @Test
  void slaOutputs() {
    Instant nine = Instant.parse("2026-01-05T09:00:00Z");
    Instant nineThirty = Instant.parse("2026-01-05T09:30:00Z");
    Instant noon = Instant.parse("2026-01-05T12:00:00Z");
    // spotless:off
    // README snippet: sla-outputs
    SlaPolicySet rules = SlaPolicySet.builder()
        .statuses("open", "pending", "solved").solvedStatuses("solved")
        .breachRule(BreachRule.AT_DEADLINE)       // breached at the deadline instant (Zammad, ServiceNow)
        .closingRule(ClosingRule.AT_CLOSE)        // or AT_NEXT_OPENING (dbt_zendesk reply times)
        .defaultPolicy(SlaPolicy.builder("standard").matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1)).build())
        .build();
    SlaClock clock = SlaClock.of(rules, Map.of(), "TCK-7");   // "24/7" needs no calendar
    clock.accept(TicketEvent.Created.byCustomer("TCK-7", "ev-1", nine, Map.of(), Set.of()));
    clock.accept(TicketEvent.AgentReply.publicReply("TCK-7", "ev-2", nineThirty));
    MetricCycle reply = clock.evaluate(noon).latest(SlaMetric.firstResponse()).orElseThrow();
    reply.deadline();         // 10:00, kept after the reply
    reply.metAt();            // 09:30
    reply.signedRemaining();  // +30 min, negative after a breach
    reply.wallElapsed();      // 30 min, beside elapsed(); pausedTime() is zero
    List<CycleSegment> trail = clock.auditTrail(SlaMetric.firstResponse(), 0, noon);
    // RUNNING 09:00-09:30 opened by ev-1, closed by ev-2, target 1 h; STOPPED 09:30-12:00 opened by ev-2
    // README snippet end
    // spotless:on
    assertEquals(Optional.of(Instant.parse("2026-01-05T10:00:00Z")), reply.deadline());
    assertEquals(Optional.of(nineThirty), reply.metAt());
    assertEquals(Optional.of(Duration.ofMinutes(30)), reply.signedRemaining());
    assertEquals(Duration.ofMinutes(30), reply.wallElapsed());
    assertEquals(Duration.ZERO, reply.pausedTime());
    assertEquals(2, trail.size());
    CycleSegment running = trail.get(0);
    assertEquals(CycleSegment.Kind.RUNNING, running.kind());
    assertEquals(nine, running.from());
    assertEquals(nineThirty, running.to());
    assertEquals("ev-1", running.openedBy());
    assertEquals(Optional.of("ev-2"), running.closedBy());
    assertEquals(Optional.of(Duration.ofHours(1)), running.target());
    CycleSegment stopped = trail.get(1);
    assertEquals(CycleSegment.Kind.STOPPED, stopped.kind());
    assertEquals(nineThirty, stopped.from());
    assertEquals(noon, stopped.to());
    assertEquals("ev-2", stopped.openedBy());
    assertEquals(Optional.empty(), stopped.closedBy());
  }

  @Test
  void slaCorrect() {
    Instant created = Instant.parse("2026-01-05T09:00:00Z");
    Instant repliedAt = Instant.parse("2026-01-05T09:30:00Z");
    Instant noon = Instant.parse("2026-01-05T12:00:00Z");
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("open", "pending", "solved")
            .solvedStatuses("solved")
            .defaultPolicy(
                SlaPolicy.builder("standard")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
                    .build())
            .build();
    SlaClock clock = SlaClock.of(set, Map.of(), "TCK-1042");
    clock.accept(TicketEvent.Created.byCustomer("TCK-1042", "ev-1", created, Map.of(), Set.of()));
    clock.accept(TicketEvent.AgentReply.publicReply("TCK-1042", "ev-2", repliedAt));
    SlaEvaluation now = clock.evaluate(noon); // as the sla-clock snippet names its evaluation
    assertEquals(CycleState.ACHIEVED, now.latest(SlaMetric.firstResponse()).orElseThrow().state());
    // spotless:off
    // README snippet: sla-correct
    clock.replace(TicketEvent.AgentReply.internalNote("TCK-1042", "ev-2", repliedAt)); // edited: same id, new content
    clock.retract("ev-2");           // deleted: as if it never came (false if no accepted event has this id)
    SlaEvaluation corrected = clock.evaluate(now.at()); // one replay of the corrected log at this read
    // README snippet end
    // spotless:on
    assertEquals(
        CycleState.BREACHED,
        corrected.latest(SlaMetric.firstResponse()).orElseThrow().state(),
        "the first reply is still owed");
    assertEquals(1, clock.events().size());
    assertFalse(clock.retract("ev-2"));
  }

  @Test
  void slaUpcoming() {
    Instant nine = Instant.parse("2026-01-05T09:00:00Z");
    Instant nineFortyFive = Instant.parse("2026-01-05T09:45:00Z");
    // spotless:off
    // README snippet: sla-upcoming
    SlaPolicySet set = SlaPolicySet.builder()
        .statuses("open", "pending", "solved").solvedStatuses("solved")
        .defaultPolicy(SlaPolicy.builder("standard").matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
            .rule(MetricRule.builder(SlaMetric.firstResponse()).calendar(MetricRule.ALWAYS)
                .warnAt(50, 100).escalate(EscalationLevel.of(1, 100, "team-lead")).build())
            .build())
        .build();
    SlaClock clock = SlaClock.of(set, Map.of(), "TCK-8");
    clock.accept(TicketEvent.Created.byCustomer("TCK-8", "ev-1", nine, Map.of(), Set.of()));
    SlaEvaluation ev = clock.evaluate(nineFortyFive);
    UpcomingTransition next = ev.upcoming().orElseThrow();
    next.at();        // 10:00, ev.nextTransition()
    next.changes();   // WARNING 100, then ESCALATED level 1 (team-lead); BREACHED is 1 ns later
    String json = ev.toJson();                                // for a UI or an API; not read back
    String withTrail = SlaEvaluationJson.write(ev, clock);    // plus each cycle's "segments"
    // README snippet end
    // spotless:on
    Instant ten = Instant.parse("2026-01-05T10:00:00Z");
    assertEquals(ten, next.at());
    assertEquals(Optional.of(ten), ev.nextTransition());
    assertEquals(
        List.of(
            new UpcomingTransition.Change(
                SlaMetric.firstResponse(),
                0,
                "",
                SlaTransition.Kind.WARNING,
                100,
                Optional.empty()),
            new UpcomingTransition.Change(
                SlaMetric.firstResponse(),
                0,
                "",
                SlaTransition.Kind.ESCALATED,
                0,
                Optional.of(EscalationLevel.of(1, 100, "team-lead")))),
        next.changes());
    assertEquals(
        List.of(
            new UpcomingTransition.Change(
                SlaMetric.firstResponse(),
                0,
                "",
                SlaTransition.Kind.BREACHED,
                0,
                Optional.empty())),
        clock.evaluate(ten).upcoming().orElseThrow().changes());
    assertTrue(json.startsWith("{\"format\":\"servicekit.sla-evaluation\",\"v\":1,"), json);
    assertTrue(json.contains("\"nextTransition\":{\"at\":\"2026-01-05T10:00:00Z\""), json);
    assertFalse(json.contains("segments"), json);
    assertTrue(withTrail.contains("\"segments\":[{\"kind\":\"RUNNING\""), withTrail);
  }

  @Test
  void slaPresets() {
    BusinessCalendar team =
        BusinessCalendar.builder(ZoneOffset.UTC).weekdays(TimeRange.parse("09:00-17:00")).build();
    Instant mondayFourThirty = Instant.parse("2026-01-05T16:30:00Z");
    Instant mondayFive = Instant.parse("2026-01-05T17:00:00Z");
    Instant tuesdayNine = Instant.parse("2026-01-06T09:00:00Z");
    // spotless:off
    // README snippet: sla-presets
    // here team is a 09:00-17:00 UTC weekday calendar and mondayFourThirty is 2026-01-05T16:30:00Z
    SlaPreset zendesk = SlaPreset.ZENDESK;                   // statuses new, open, pending, hold, solved, closed
    SlaPolicySet rules = zendesk.policySet()                 // re-target from the start, breached after the deadline
        .defaultRule(zendesk.rule(SlaMetric.firstResponse()).calendar("team").build())
        .defaultRule(zendesk.rule(SlaMetric.resolution()).calendar("team").build()) // requester wait time: pending pauses
        .defaultPolicy(SlaPolicy.builder("support").matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
            .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
            .build())                                        // no .rule(...): the set's default rules apply
        .build();
    String recipe = SlaPolicyJson.write(rules);              // the same set as a JSON recipe, "defaultRules" included
    String onHold = zendesk.status(GenericStatus.ON_HOLD).orElseThrow(); // "hold" (SERVICENOW: "on-hold")
    SlaClock clock = SlaClock.of(rules, Map.of("team", team), "TCK-9");
    clock.accept(TicketEvent.Created.byCustomer("TCK-9", "ev-1", mondayFourThirty, Map.of(), Set.of()));
    clock.accept(TicketEvent.AgentReply.internalNote("TCK-9", "ev-2", mondayFive)); // no reply in Zendesk
    clock.evaluate(tuesdayNine).latest(SlaMetric.firstResponse()).orElseThrow().deadline(); // Tuesday 09:30
    // README snippet end
    // spotless:on
    assertEquals(rules, SlaPolicyJson.read(recipe));
    assertTrue(recipe.contains("\"defaultRules\""), recipe);
    assertEquals("hold", onHold);
    assertEquals(
        List.of("new", "open", "pending", "hold", "solved", "closed"),
        List.copyOf(rules.statuses()));
    assertEquals(
        Set.of("pending"),
        rules.defaultPolicy().rule(SlaMetric.resolution()).orElseThrow().pauseStatuses());
    MetricCycle first = clock.evaluate(tuesdayNine).latest(SlaMetric.firstResponse()).orElseThrow();
    assertEquals(CycleState.ACTIVE, first.state(), "the internal note is no reply");
    assertEquals(Optional.of(Instant.parse("2026-01-06T09:30:00Z")), first.deadline());
    assertEquals(Duration.ofMinutes(30), first.elapsed());
  }

  @Test
  void slaDefinitions() {
    Instant nine = Instant.parse("2026-01-05T09:00:00Z");
    Instant ten = Instant.parse("2026-01-05T10:00:00Z");
    Instant noon = Instant.parse("2026-01-05T12:00:00Z");
    // spotless:off
    // README snippet: sla-definitions
    // Zendesk's three resolution clocks on one clock, each with its own target (ZENDESK's statuses)
    SlaPolicySet zendesk = SlaPolicySet.builder()
        .statuses("new", "open", "pending", "hold", "solved").solvedStatuses("solved")
        .metric(MetricDefinition.builder("requester_wait")
            .startOn(MetricTrigger.created(), MetricTrigger.reopened()).stopOn(MetricTrigger.solved())
            .pauseIn("pending").cycles(MetricDefinition.Cycles.RESUME).build())
        .metric(MetricDefinition.builder("agent_work")
            .startOn(MetricTrigger.created(), MetricTrigger.reopened()).stopOn(MetricTrigger.solved())
            .pauseIn("pending", "hold").cycles(MetricDefinition.Cycles.RESUME).build())
        .metric(MetricDefinition.resolution("total_resolution", ReopenRule.RESUME)
            .withCancelOn(MetricTrigger.tagAdded("spam")))          // cancelled by a spam tag
        .defaultPolicy(SlaPolicy.builder("zendesk").matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.custom("requester_wait"), Duration.ofHours(8))
            .target("normal", SlaMetric.custom("agent_work"), Duration.ofHours(3))
            .rule(MetricRule.builder(SlaMetric.custom("agent_work")).warnAt(75).build())
            .build())                                   // total_resolution has no target here
        .build();
    SlaClock clock = SlaClock.of(zendesk, Map.of(), "TCK-9");
    clock.accept(TicketEvent.Created.byCustomer("TCK-9", "ev-1", nine, Map.of(), Set.of()));
    clock.accept(new TicketEvent.StatusChanged("TCK-9", "ev-2", ten, "hold"));
    SlaEvaluation now = clock.evaluate(noon);
    now.latest(SlaMetric.custom("requester_wait"));    // 3 h of 8 h: hold counts
    now.latest(SlaMetric.custom("agent_work"));        // 1 h of 3 h: paused on hold
    now.latest(SlaMetric.custom("total_resolution"));  // 3 h, no target(): measured, never breached
    // README snippet end
    // spotless:on
    MetricCycle wait = now.latest(SlaMetric.custom("requester_wait")).orElseThrow();
    assertEquals(Duration.ofHours(3), wait.elapsed());
    assertEquals(Optional.of(Duration.ofHours(8)), wait.target());
    MetricCycle work = now.latest(SlaMetric.custom("agent_work")).orElseThrow();
    assertEquals(Duration.ofHours(1), work.elapsed());
    assertEquals(CycleState.PAUSED, work.state());
    MetricCycle total = now.latest(SlaMetric.custom("total_resolution")).orElseThrow();
    assertEquals(Duration.ofHours(3), total.elapsed());
    assertEquals(Optional.empty(), total.target());
    assertEquals(CycleState.ACTIVE, total.state());
    clock.accept(new TicketEvent.TagsChanged("TCK-9", "ev-3", noon, Set.of("spam")));
    assertEquals(
        CycleState.CANCELLED,
        clock.evaluate(noon).latest(SlaMetric.custom("total_resolution")).orElseThrow().state());
  }

  @Test
  void slaPauseConditions() {
    Instant eight = Instant.parse("2026-01-05T08:00:00Z");
    Instant nine = Instant.parse("2026-01-05T09:00:00Z");
    Instant ten = Instant.parse("2026-01-05T10:00:00Z");
    Instant noon = Instant.parse("2026-01-05T12:00:00Z");
    // spotless:off
    // README snippet: sla-pause-conditions
    // Paused while a tag is on the ticket or an attribute has one of some values (any condition pauses)
    SlaPolicySet held = SlaPolicySet.builder()
        .statuses("new", "open", "on-hold", "solved").solvedStatuses("solved")
        .metric(MetricDefinition.builder("time_to_resolution")
            .startOn(MetricTrigger.created()).stopOn(MetricTrigger.solved())
            .pauseWhileTag("waiting-for-vendor").build())             // JSON "pauseWhileTags"
        .defaultPolicy(SlaPolicy.builder("incident").matrix(PriorityMatrix.constant("p2"))
            .target("p2", SlaMetric.custom("time_to_resolution"), Duration.ofHours(8))
            .target("p2", SlaMetric.resolution(), Duration.ofHours(8))
            .rule(MetricRule.builder(SlaMetric.resolution()).pauseOn("on-hold")  // built-ins too
                .pauseWhileAttribute("hold_reason", "awaiting_vendor", "awaiting_caller").build())
            .build())
        .build();
    SlaClock clock = SlaClock.of(held, Map.of(), "INC-7");
    clock.accept(TicketEvent.Created.byCustomer("INC-7", "ev-1", eight, Map.of(), Set.of()));
    clock.accept(new TicketEvent.TagsChanged("INC-7", "ev-2", nine, Set.of("waiting-for-vendor")));
    clock.accept(new TicketEvent.AttributeChanged("INC-7", "ev-3", ten, "hold_reason", "awaiting_vendor"));
    SlaEvaluation now = clock.evaluate(noon);
    now.latest(SlaMetric.custom("time_to_resolution"));  // 1 h: paused since the tag at 09:00
    now.latest(SlaMetric.resolution());                  // 2 h: paused since the hold reason at 10:00
    clock.auditTrail(SlaMetric.resolution(), 0, noon);   // RUNNING 08-10 (ev-1, ev-3), PAUSED from 10 (ev-3)
    // README snippet end
    // spotless:on
    assertEquals(
        Duration.ofHours(1),
        now.latest(SlaMetric.custom("time_to_resolution")).orElseThrow().elapsed());
    MetricCycle res = now.latest(SlaMetric.resolution()).orElseThrow();
    assertEquals(Duration.ofHours(2), res.elapsed());
    assertEquals(CycleState.PAUSED, res.state());
    List<CycleSegment> trail = clock.auditTrail(SlaMetric.resolution(), 0, noon);
    assertEquals(2, trail.size(), trail.toString());
    assertEquals(CycleSegment.Kind.RUNNING, trail.get(0).kind());
    assertEquals("ev-1", trail.get(0).openedBy());
    assertEquals(Optional.of("ev-3"), trail.get(0).closedBy());
    assertEquals(CycleSegment.Kind.PAUSED, trail.get(1).kind());
    assertEquals("ev-3", trail.get(1).openedBy());
  }

  // Compiled only: the block needs a team calendar, a shift and an SLA clock from the context
  // (WorkQueueExample runs the same calls end to end; sla-core's queue tests assert the reasons).
  @SuppressWarnings("unused")
  void workQueue(
      BusinessCalendar team,
      BusinessCalendar moscowShift,
      SlaClock clock,
      SlaPolicySet policies,
      Instant now,
      Instant created) {
    // spotless:off
    // README snippet: work-queue
    WorkRouter router = WorkRouter.builder(QueuePolicy.leastSlack(team))
        .channel("chat", Duration.ofMinutes(15))                           // handle time per channel
        .channel("email", Duration.ofMinutes(40))
        .finishBeforeShiftEnd(true)                                        // no chat at 17:50 for an 18:00 shift end
        .build();
    router.addAgent(Agent.builder("pavel", moscowShift,
            Capacity.builder().channel("chat", 3).channel("email", 10).build())   // or weights + a shared budget
        .languages("ru").skills("billing").build(), now);
    router.submit(WorkItem.builder("T-102", "chat", created).language("ru").skills("billing")
        .deadline(SlaUrgency.of(clock.evaluate(now)).deadline()).build());   // earliest running deadline
    router.next(now).ifPresent(a -> System.out.println(a.reason()));
    // most spare capacity (3 of 3 chat free) among 1 eligible; skills [billing]; language ru; shift ends 18:00 Europe/Moscow
    router.apply("T-101", clock.evaluate(now), policies); // "pending" pauses it until it runs again; "solved" removes it
    List<WorkItem> back = router.goOffline("olga", now);                 // re-balance: her work is routed again (paused items stay paused)
    BreachForecast f = router.forecast(now, Duration.ofHours(24), ServicePoint.FINISH);
    f.breaches();                                    // which tickets breach, and when, if nothing changes
    // README snippet end
    // spotless:on
  }

  @Test
  void slaPriorityLevels() {
    SlaPolicySet policies =
        SlaPolicySet.builder()
            .statuses("new", "open", "pending", "solved")
            .solvedStatuses("solved")
            .defaultPolicy(
                SlaPolicy.builder("standard")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("urgent", SlaMetric.resolution(), Duration.ofHours(2))
                    .target("high", SlaMetric.resolution(), Duration.ofHours(4))
                    .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
                    .target("low", SlaMetric.resolution(), Duration.ofHours(24))
                    .build())
            .build();
    Instant created = Instant.parse("2026-03-02T10:00:00Z");
    Instant now = created.plus(Duration.ofMinutes(30));
    SlaClock clock = SlaClock.of(policies, Map.of(), "T-7");
    clock.accept(TicketEvent.Created.byCustomer("T-7", "ev-1", created));
    // spotless:off
    // README snippet: sla-priority-levels
    PriorityLevels levels = PriorityLevels.of("urgent", "high", "normal", "low")  // SLA priority -> item priority 0..3
        .requireCovers(policies);                                   // every priority the set can give has a level
    WorkRouter router = WorkRouter.builder(QueuePolicy.weighted().priorityStep(Duration.ofHours(4)).build())
        .channel("email", Duration.ofMinutes(40))
        .priorityLevels(levels)                                     // apply keeps each item's priority in step
        .build();
    router.submit(WorkItem.builder("T-7", "email", created)
        .urgency(SlaUrgency.of(clock.evaluate(now)), levels).build());   // deadline 18:00 and level 2 ("normal")
    clock.accept(new TicketEvent.PriorityChanged("T-7", "ev-2", now, "urgent"));
    router.apply("T-7", clock.evaluate(now), policies);             // re-target: deadline 12:00, level 0
    int level = router.item("T-7").orElseThrow().priority();        // 0; a priority without a level is refused, nothing changed
    // README snippet end
    // spotless:on
    assertEquals(0, level);
    assertEquals(
        Optional.of(created.plus(Duration.ofHours(2))),
        router.item("T-7").orElseThrow().deadline());
  }

  @Test
  void qaScoring() {
    double[][] scores = {{1, 2, 3, 3}, {1, 2, 3, 4}, {1, 2, 3, 3}};
    // spotless:off
    // README snippet: qa-scoring
    Checklist checklist = Checklist.builder("inbound-call", 1)
        .mode(ScoringMode.WEIGHTED_CRITERIA)
        .section(Section.of("call", 100, List.of(
            Criterion.builder("greeting").build(),                                        // binary yes/no
            Criterion.builder("good-time-to-talk").naAllowed(true).build(),               // may be N/A (still answered): leaves the denominator
            Criterion.builder("identity-verified").criticality(Criticality.FAIL_FORM).build(), // auto-fail
            Criterion.builder("solution").weight(3).scale(Scale.rating(5)).build())))
        .bands(ScoreBands.builder()
            .band("suspend", 0, "removed from customer work until re-certified")          // [0, 45)
            .band("train", 45, "training on the criteria failed")                          // [45, 76)
            .band("fine", 76, "none")                                                      // [76, 100]
            .build())
        .build();
    Evaluation e = Evaluation.of(checklist, "call-77", "agent-anna", "reviewer-ivan", Instant.now(),
        Map.of("greeting", Answer.of("yes"), "good-time-to-talk", Answer.notApplicable(),
               "identity-verified", Answer.of("yes"), "solution", Answer.of("4")));
    e.result().score().orElseThrow();          // 85.00, exact (rounded once, half-up)
    e.result().band().orElseThrow().name();   // "fine"; the evaluation stays pinned to checklist version 1
    double alpha = Agreement.krippendorffAlpha(ReliabilityData.ofReviewersByItems(scores), AlphaMetric.ORDINAL);
    // README snippet end
    // spotless:on
    assertEquals(new BigDecimal("85.00"), e.result().score().orElseThrow());
    assertEquals("fine", e.result().band().orElseThrow().name());
    assertTrue(alpha > 0.5 && alpha < 1, "alpha " + alpha);
  }

  @Test
  void qaAgreement() {
    Checklist checklist = inboundCallChecklist();
    Evaluation e =
        Evaluation.of(
            checklist,
            "call-77",
            "agent-anna",
            "reviewer-ivan",
            Instant.parse("2026-01-05T10:00:00Z"),
            Map.of(
                "greeting",
                Answer.of("yes"),
                "good-time-to-talk",
                Answer.notApplicable(),
                "identity-verified",
                Answer.of("yes"),
                "solution",
                Answer.of("4")));
    // spotless:off
    // README snippet: qa-agreement
    double[][] itemsByReviewers = {{9, 2, 5, 8}, {6, 1, 3, 2}, {8, 4, 6, 8}, {7, 1, 2, 6}};  // one row per item
    IccEstimate icc = Agreement.icc(itemsByReviewers, IccForm.ICC_2_1, 0.95);  // value, lower, upper
    ReliabilityData data = ReliabilityData.ofItemsByReviewers(itemsByReviewers); // NaN = missing rating
    double kappa = Agreement.fleissKappa(data);                                   // from raw ratings
    double shared = Agreement.percentAgreement(data, PairingConvention.PAIRWISE_MEAN);
    double ac1 = Agreement.gwetAc1(data);                    // Gwet's AC1: no kappa paradox at high prevalence
    double[] scale = {1, 2, 3, 4, 5, 6, 7, 8, 9};          // every category of the scale, used or not
    double ac2 = Agreement.gwetAc2(data, scale, KappaWeights.QUADRATIC);  // weights from the values
    Allocation byChannel = Allocation.neyman(Map.of("chat", 12.0, "call", 20.0), 5); // n_h ~ N_h S_h, 5 each first
    ReviewSampler sampler = ReviewSampler.builder().capacity(140).allocation(byChannel).build(); // 2 x 70 a day

    CompiledChecklist compiled = checklist.compile();                   // bulk re-scoring, no allocation
    long hundredths = compiled.scoreHundredths(compiled.indexAnswers(e.answers()));  // 8500 = 85.00

    ChecklistRegistry registry = new ChecklistRegistry();    // every published version, or ChecklistRegistry.of(checklists...); thread-safe, share one
    registry.register(checklist);                           // "inbound-call" v1; the same content again: a no-op
    String json = EvaluationJson.write(e);                  // answers, comments, disputes, revisions
    Evaluation back = EvaluationJson.read(json, registry);   // errors name the JSON path, line and column
    Checklist pinned = registry.checklistOf(back).orElseThrow(); // v1, the version it was scored on; latest(id) for the newest
    ScriptCompliance script = ScriptCompliance.of(checklist, List.of("greeting", "identity-verified"), 0.90); // ids checked
    ShareEstimate passing = script.share(List.of(e, back), 0.95);  // share passing, Wilson interval
    // README snippet end
    // spotless:on
    assertTrue(icc.lower() <= icc.value() && icc.value() <= icc.upper());
    assertTrue(kappa < 0.5 && shared < 0.5, kappa + " " + shared);
    assertTrue(ac1 < shared, ac1 + " " + shared); // AC1 rescales percent agreement down
    assertTrue(ac2 > ac1, ac2 + " " + ac1); // near misses count as partial agreement
    List<String> calls = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      calls.add((i < 800 ? "chat-" : "call-") + i); // 800 chats, 200 calls
    }
    ReviewSample<String> reviews = sampler.sample(calls, c -> c.substring(0, 4), 7);
    // 5 each, then 130 by 795 x 12 : 195 x 20 (9,540 : 3,900): 92.3 and 37.7 -> 92 and 38
    assertEquals(Map.of("chat", 97, "call", 43), reviews.allocation());
    assertEquals(8500, hundredths);
    assertEquals(e, back);
    assertEquals(checklist, pinned);
    assertEquals(2, passing.count());
    assertEquals(1.0, passing.share());
  }

  /** The inbound-call checklist of the agreement and revision snippets. */
  private static Checklist inboundCallChecklist() {
    // the qa-scoring snippet's checklist, which the later snippets go on with (a review found the
    // revision snippet failing against it while passing against a smaller one here)
    return Checklist.builder("inbound-call", 1)
        .mode(ScoringMode.WEIGHTED_CRITERIA)
        .section(
            Section.of(
                "call",
                100,
                List.of(
                    Criterion.builder("greeting").build(),
                    Criterion.builder("good-time-to-talk").naAllowed(true).build(),
                    Criterion.builder("identity-verified")
                        .criticality(Criticality.FAIL_FORM)
                        .build(),
                    Criterion.builder("solution").weight(3).scale(Scale.rating(5)).build())))
        .bands(
            ScoreBands.builder()
                .band("suspend", 0, "removed from customer work until re-certified")
                .band("train", 45, "training on the criteria failed")
                .band("fine", 76, "none")
                .build())
        .build();
  }

  /** Anna's review of an interaction: greeting and identity met, the solution rated. */
  private static Evaluation revisionEvaluation(
      Checklist checklist, String interaction, Instant at, String solution) {
    return Evaluation.of(
        checklist,
        interaction,
        "agent-anna",
        "reviewer-ivan",
        at,
        Map.of(
            "greeting",
            Answer.of("yes"),
            "good-time-to-talk",
            Answer.notApplicable(),
            "identity-verified",
            Answer.of("yes"),
            "solution",
            Answer.of(solution)));
  }

  @Test
  void qaRevisions() {
    Checklist checklist = inboundCallChecklist();
    Instant at = Instant.parse("2026-01-05T10:00:00Z");
    Instant revisedAt = at.plus(Duration.ofDays(2));
    Evaluation e = revisionEvaluation(checklist, "call-77", at, "4");
    ScoreAggregator other = ScoreAggregator.create(Granularity.WEEK, ZoneId.of("Europe/Berlin"));
    // spotless:off
    // README snippet: qa-revisions
    ScoreAggregator weekly = ScoreAggregator.create(Granularity.WEEK, ZoneId.of("Europe/Berlin"));
    weekly.add(e);                                        // 85.00
    Evaluation upheld = e.revise(checklist, Map.of("greeting", Answer.of("yes"),
            "good-time-to-talk", Answer.notApplicable(), "identity-verified", Answer.of("yes"),
            "solution", Answer.of("5")),
        Map.of(), "qa-lead", revisedAt, "dispute upheld: the solution was complete");
    weekly.revise(e, upheld);                             // 85.00 replaced by 100.00: one review, one score
    weekly.retract(upheld);                               // a voided review: as if never added
    // README snippet end
    // spotless:on
    assertEquals(new BigDecimal("100.00"), upheld.result().score().orElseThrow());
    assertTrue(weekly.summaries(0.95, 5).isEmpty());
    assertArrayEquals(other.toBytes(), weekly.toBytes());
  }

  @Test
  void qaLedger() {
    Checklist checklist = inboundCallChecklist();
    Instant at = Instant.parse("2026-01-05T10:00:00Z");
    Evaluation e = revisionEvaluation(checklist, "call-77", at, "4");
    Evaluation other = revisionEvaluation(checklist, "call-78", at, "1");
    Evaluation upheld =
        e.revise(
            checklist,
            Map.of(
                "greeting",
                Answer.of("yes"),
                "good-time-to-talk",
                Answer.notApplicable(),
                "identity-verified",
                Answer.of("yes"),
                "solution",
                Answer.of("5")),
            Map.of(),
            "qa-lead",
            at.plus(Duration.ofDays(2)),
            "dispute upheld: the solution was complete");
    // spotless:off
    // README snippet: qa-ledger
    ScoreLedger ledger = ScoreLedger.create(Granularity.WEEK, ZoneId.of("Europe/Berlin"));
    ledger.put("review-4711", e);        // ADDED: 85.00
    ledger.put("review-4711", e);        // UNCHANGED: a redelivery counts once
    ledger.put("review-4711", upheld);   // REVISED: 100.00 replaces 85.00
    ledger.put("review-4711", e);        // STALE: the first delivery, overtaken
    ledger.remove("review-4712");        // REMOVED: a deletion that came before its review...
    ledger.put("review-4712", other);    // AFTER_REMOVAL: ...keeps it out
    ledger.closeBefore(LocalDate.of(2026, 2, 2));  // weeks before 2 Feb are final: ids forgotten
    // README snippet end
    // spotless:on
    ScoreSummary week = ledger.summaries(0.95, 5).values().iterator().next();
    assertEquals(1, week.count());
    assertEquals(100.0, week.mean(), 1e-12);
    for (ScoreLedger.Outcome o : ScoreLedger.Outcome.values()) {
      assertEquals(o == ScoreLedger.Outcome.LATE ? 0 : 1, ledger.count(o), o.name());
    }
    assertEquals(ScoreLedger.Outcome.LATE, ledger.put("review-4711", upheld));
  }

  @Test
  void qaWeeks() {
    // spotless:off
    // README snippet: qa-weeks
    ScoreAggregator usWeeks = ScoreAggregator.create(Granularity.WEEK, ZoneId.of("America/Chicago"),
        DayOfWeek.SUNDAY);                                     // Sunday-Saturday weeks
    usWeeks.add("agent-anna", LocalDate.of(2026, 3, 7), 85);   // a Saturday: the week of Sunday 1 March
    ZoneId tehran = ZoneId.of("Asia/Tehran");                  // Saturday-Friday weeks
    ScoreLedger ledger = ScoreLedger.create(Granularity.WEEK, tehran, DayOfWeek.SATURDAY,
        List.of(OutcomeShares.bands(Granularity.WEEK, tehran, DayOfWeek.SATURDAY, agent -> "team-1")));
    byte[] checkpoint = usWeeks.toBytes();                     // version 3: it carries SUNDAY
    String json = usWeeks.toJson();                            // the same state as JSON, with a crc32c
    ScoreAggregator restored = ScoreAggregator.fromJson(json);  // errors name path, line and column
    // README snippet end
    // spotless:on
    assertEquals(LocalDate.of(2026, 3, 1), usWeeks.summaries(0.95, 5).firstKey().periodStart());
    assertEquals(3, checkpoint[3]);
    assertArrayEquals(checkpoint, restored.toBytes());
    assertTrue(json.contains("\"firstDayOfWeek\":\"SUNDAY\""), json);
    ledger.closeBefore(LocalDate.of(2026, 3, 4)); // a Wednesday: weeks before Saturday 28 Feb
    assertEquals(LocalDate.of(2026, 2, 28), ledger.closedBefore().orElseThrow());
  }

  @Test
  void kpiAggregators() {
    NpsAccumulator otherShardsNps = NpsAccumulator.create();
    otherShardsNps.add(3);
    // spotless:off
    // README snippet: kpi-aggregators
    ServiceLevelAccumulator calls = ServiceLevelAccumulator.create(ServiceLevelPolicy.of(
        Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(30)));  // T, short abandon, missed
    calls.answered(Duration.ofSeconds(12));
    calls.abandoned(Duration.ofSeconds(3));
    calls.result().serviceLevelPercent(ServiceLevelVariant.SHORT_ABANDONS_EXCLUDED);

    NpsAccumulator nps = NpsAccumulator.create();          // one per agent, team, channel or window ...
    nps.add(9);
    nps.merge(otherShardsNps);                             // ... merged in any order (associative, commutative)
    nps.result().score();                                  // -100..100

    RevisedValues<String, RatingAccumulator> csat =        // a changed rating replaces the old one
        RevisedValues.create(RatingAccumulator.create(RatingScale.csatFivePoint()));
    csat.apply("survey-1", 2, 5);                          // survey, revision 2, rating 5: wins even if revision 1 arrives later
    HandleTimeAccumulator aht = HandleTimeAccumulator.create();   // talk, hold and after-call work per contact
    aht.add(Duration.ofMinutes(4), Duration.ofSeconds(30), Duration.ofMinutes(1));
    aht.result().averageHandleMillis();                    // OptionalDouble[330000.0] ms; empty with no contacts
    PercentileAccumulator frt = PercentileAccumulator.create();  // DDSketch, 1 % relative error
    byte[] checkpoint = calls.toBytes();                   // versioned binary (and JSON) snapshots
    ServiceLevelAccumulator back = ServiceLevelAccumulator.fromBytes(checkpoint);  // same result

    StaffingRequirement<ErlangCResult> peak = ErlangC.requiredAgents(
        Workload.of(100, Duration.ofMinutes(30), Duration.ofSeconds(180)),
        StaffingTarget.of(0.80, Duration.ofSeconds(20)).withShrinkage(0.30));
    peak.agents();               // 14 on the phones, peak.scheduledAgents() == 20
    // README snippet end
    // spotless:on
    assertEquals(
        100.0,
        calls
            .result()
            .serviceLevelPercent(ServiceLevelVariant.SHORT_ABANDONS_EXCLUDED)
            .orElseThrow());
    assertEquals(0.0, nps.result().score().orElseThrow());
    assertEquals(1, csat.target().result().count());
    assertEquals(330_000.0, aht.result().averageHandleMillis().orElseThrow());
    assertEquals(14, peak.agents());
    assertEquals(20, peak.scheduledAgents());
    assertFalse(checkpoint.length == 0);
    assertEquals(calls.result(), back.result());
  }

  @Test
  void kpiWindows() {
    Instant answeredAt = Instant.parse("2026-03-02T10:05:00Z");
    WindowedKpi<GroupKey, RatingAccumulator> shardB =
        WindowedKpi.create(
            () -> RatingAccumulator.create(RatingScale.csatFivePoint()),
            WindowSpec.of(WindowUnit.HOUR, ZoneId.of("Europe/Berlin")),
            Duration.ofMinutes(10));
    shardB.recordInt(
        GroupKey.of("team", "red", "agent", "ivan"),
        answeredAt.plusSeconds(3000),
        RatingAccumulator::add,
        2);
    // spotless:off
    // README snippet: kpi-windows
    WindowSpec hourly = WindowSpec.of(WindowUnit.HOUR, ZoneId.of("Europe/Berlin"));
    Supplier<RatingAccumulator> csat = () -> RatingAccumulator.create(RatingScale.csatFivePoint());
    WindowedKpi<GroupKey, RatingAccumulator> shardA = WindowedKpi.create(csat, hourly, Duration.ofMinutes(10));
    GroupKey anna = GroupKey.of("team", "red", "agent", "anna");       // text: "agent=anna,team=red"
    shardA.recordInt(anna, answeredAt, RatingAccumulator::add, 5);    // false if its window had closed
    byte[] shipped = shardB.toBytes(GroupKey::toString);              // another shard's table
    shardA.merge(WindowedKpi.fromBytes(shipped, csat, RatingAccumulator.class, GroupKey::parse));
    WindowedKpi<GroupKey, RatingAccumulator> teams = shardA.rollUp(k -> k.only(Set.of("team")));
    teams.window(GroupKey.of("team", "red"), hourly.start(answeredAt)); // the team's hour, both shards
    List<WindowedKpi.ClosedWindow<GroupKey, RatingAccumulator>> done = shardA.evictClosed(); // to emit
    // README snippet end
    // spotless:on
    assertEquals("agent=anna,team=red", anna.toString());
    RatingResult red =
        teams.window(GroupKey.of("team", "red"), hourly.start(answeredAt)).orElseThrow().result();
    assertEquals(2, red.count());
    assertEquals(7, red.sum());
    assertTrue(done.isEmpty(), "the hour is still open: " + done);
    assertEquals(Set.of(anna, GroupKey.of("team", "red", "agent", "ivan")), shardA.groups());
  }

  @Test
  void kpiFcrWeeks() {
    Instant monday = Instant.parse("2026-11-02T09:00:00Z");
    Instant contactAt = monday.plus(Duration.ofDays(3)); // Thursday, the first to arrive
    // spotless:off
    // README snippet: kpi-fcr-weeks
    RepeatContactTracker<String> repeats = RepeatContactTracker.create(Duration.ofDays(7));
    WindowedKpi<String, OutcomeAccumulator> fcrWeeks = WindowedKpi.create(OutcomeAccumulator::create,
        WindowSpec.of(WindowUnit.WEEK, ZoneId.of("Europe/Berlin")), Duration.ofDays(7)); // lateness: the repeat window
    repeats.record("customer-42", contactAt).ifPresent(c -> {         // empty for a duplicate
      fcrWeeks.record("red", c.at(), o -> o.add(c.resolved()));       // the contact's own outcome
      c.madeRepeat().ifPresent(earlier ->                              // it made an earlier contact a repeat
          fcrWeeks.record("red", earlier, o -> { o.retract(true); o.add(false); }));
    });
    // README snippet end
    // spotless:on
    // The same steps for the customer's other contacts: Thursday again (a duplicate), then Monday
    // (Thursday is 3 days later: Monday repeated), then Saturday of the next week (9 days after
    // Thursday: Thursday stays resolved).
    Instant saturday = monday.plus(Duration.ofDays(12));
    for (Instant at : List.of(contactAt, monday, saturday)) {
      repeats
          .record("customer-42", at)
          .ifPresent(
              c -> {
                fcrWeeks.record("red", c.at(), o -> o.add(c.resolved()));
                c.madeRepeat()
                    .ifPresent(
                        earlier ->
                            fcrWeeks.record(
                                "red",
                                earlier,
                                o -> {
                                  o.retract(true);
                                  o.add(false);
                                }));
              });
    }
    WindowSpec weeks = WindowSpec.of(WindowUnit.WEEK, ZoneId.of("Europe/Berlin"));
    assertEquals(
        new OutcomeResult(1, 1),
        fcrWeeks.window("red", weeks.start(monday)).orElseThrow().result());
    assertEquals(
        new OutcomeResult(1, 0),
        fcrWeeks.window("red", weeks.start(saturday)).orElseThrow().result());
    assertEquals(new OutcomeResult(2, 1), repeats.result());
  }

  /** A set whose one policy gives every ticket a 1 h first reply, 24/7 (the stream snippets). */
  private static SlaPolicySet oneHourFirstReply() {
    return SlaPolicySet.builder()
        .statuses("open", "solved")
        .solvedStatuses("solved")
        .defaultPolicy(
            SlaPolicy.builder("standard")
                .matrix(PriorityMatrix.constant("normal"))
                .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
                .build())
        .build();
  }

  @Test
  void streamRetention() {
    SlaPolicySet set = oneHourFirstReply();
    Map<String, BusinessCalendar> calendars = Map.of();
    org.apache.flink.streaming.api.environment.StreamExecutionEnvironment env =
        org.apache.flink.streaming.api.environment.StreamExecutionEnvironment
            .getExecutionEnvironment();
    DataStream<TicketEvent> events =
        env.fromData(List.<TicketEvent>of(), ServicekitTypes.ticketEvents());
    // spotless:off
    // README snippet: stream-retention
    SlaClockTopology kafka = SlaClockTopology.builder(set, calendars)
        .retention(Duration.ofDays(7))             // a finished ticket is released after 7 quiet days
        .releasedTopic("sla-released-events")      // later events of a released ticket, unchanged
        .build();
    SingleOutputStreamOperator<SlaTransition> flink = FlinkSlaClocks.transitions(
        events, set, calendars, TimeMode.EVENT_TIME, FlinkSlaClocks.DEFAULT_UID, Duration.ofDays(7));
    DataStream<TicketEvent> afterRelease = flink.getSideOutput(FlinkSlaClocks.RELEASED);
    // README snippet end
    // spotless:on
    assertTrue(kafka.build().describe().toString().contains("topic: sla-released-events"));
    assertEquals(FlinkSlaClocks.DEFAULT_UID, flink.getTransformation().getUid());
    assertEquals(ServicekitTypes.ticketEvents(), afterRelease.getType());
  }

  @Test
  void streamCorrections() {
    SlaPolicySet set = oneHourFirstReply();
    Map<String, BusinessCalendar> calendars = Map.of();
    Instant repliedAt = Instant.parse("2026-01-05T09:30:00Z");
    org.apache.flink.streaming.api.environment.StreamExecutionEnvironment env =
        org.apache.flink.streaming.api.environment.StreamExecutionEnvironment
            .getExecutionEnvironment();
    DataStream<TicketInput> inputs =
        env.fromData(List.<TicketInput>of(), ServicekitTypes.ticketInputs());
    // spotless:off
    // README snippet: stream-corrections
    EventCorrection deleted = EventCorrection.retract("TCK-1042", "ev-2");         // the CRM deleted it
    EventCorrection edited = EventCorrection.replace(
        TicketEvent.AgentReply.internalNote("TCK-1042", "ev-3", repliedAt));        // its whole new content
    String line = TicketEventJson.write(deleted); // {"v":3,"kind":"Retracted","ticketId":"TCK-1042","id":"ev-2"}
    TicketInput in = TicketEventJson.readInput(line);  // an event or a correction
    Serde<TicketInput> kafkaValues = ServicekitSerdes.ticketInputs();  // SlaClockTopology's input topic
    SingleOutputStreamOperator<SlaTransition> flink = FlinkSlaClocks.transitionsWithCorrections(
        inputs, set, calendars, TimeMode.EVENT_TIME, FlinkSlaClocks.DEFAULT_UID, FlinkSlaClocks.Options.defaults());
    // README snippet end
    // spotless:on
    assertEquals(
        "{\"v\":3,\"kind\":\"Retracted\",\"ticketId\":\"TCK-1042\",\"id\":\"ev-2\"}", line);
    assertEquals(deleted, in);
    assertEquals(
        edited,
        kafkaValues
            .deserializer()
            .deserialize("t", kafkaValues.serializer().serialize("t", edited)));
    assertEquals(FlinkSlaClocks.DEFAULT_UID, flink.getTransformation().getUid());
  }

  /** A contact as a helpdesk sends it to Kafka, for the {@code kafka-kpi-topology} snippet. */
  record Contact(String team, String agent, Instant at, long handleMillis) {}

  @Test
  void kafkaKpiTopology(@org.junit.jupiter.api.io.TempDir java.nio.file.Path stateDir) {
    Serde<Contact> contactSerde =
        Serdes.serdeFrom(
            (topic, c) ->
                (c.team() + "," + c.agent() + "," + c.at() + "," + c.handleMillis())
                    .getBytes(StandardCharsets.UTF_8),
            (topic, b) -> {
              String[] f = new String(b, StandardCharsets.UTF_8).split(",");
              return new Contact(f[0], f[1], Instant.parse(f[2]), Long.parseLong(f[3]));
            });
    // spotless:off
    // README snippet: kafka-kpi-topology
    WindowedKpiTopology<Contact, PercentileAccumulator> handleTime = WindowedKpiTopology
        .builder(contactSerde, PercentileAccumulator.class, PercentileAccumulator::create,
            WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC))
        .name("handle-time")                                                // store and metric names
        .topics("contacts", "handle-time-windows", "handle-time-late")      // in, closed windows, late
        .deadLetterTopic("handle-time-rejected")                            // bad records, as JSON
        .groupBy(c -> GroupKey.of("team", c.team(), "agent", c.agent()).toString(), Contact::at)
        .record((sketch, c) -> sketch.addMillis(c.handleMillis()))         // a negative one is rejected
        .allowedLateness(Duration.ofMinutes(5))
        .build();
    Topology topology = handleTime.build();             // new KafkaStreams(topology, props).start()
    Serde<PercentileAccumulator> windows = ServicekitSerdes.kpi(PercentileAccumulator.class);
    // out: "agent=a7,team=red@2026-03-02T09:00:00Z" -> the hour's sketch, once, when the hour closes
    // README snippet end
    // spotless:on
    SlaPolicySet set = oneHourFirstReply();
    Map<String, BusinessCalendar> calendars = Map.of();
    // spotless:off
    // README snippet: kafka-one-application
    Topology app = new Topology();                     // one application, one consumer group
    SlaClockTopology support = SlaClockTopology.builder(set, calendars)
        .name("support")                               // stores servicekit-sla-support-clocks, -timers
        .build();
    support.addTo(app);                                // ticket-events -> sla-transitions
    handleTime.addTo(app);                             // contacts -> handle-time-windows, beside it
    // new KafkaStreams(app, props).start(); support.clockStoreName() for interactive queries
    // README snippet end
    // spotless:on
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "readme-kpi");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString()); // a directory of its own
    Instant nine = Instant.parse("2026-03-02T09:00:00Z");
    try (TopologyTestDriver d = new TopologyTestDriver(topology, props, nine)) {
      var in =
          d.createInputTopic("contacts", Serdes.String().serializer(), contactSerde.serializer());
      in.pipeInput("red", new Contact("red", "a7", nine.plusSeconds(60), 240_000), nine);
      in.pipeInput("red", new Contact("red", "a7", nine.plusSeconds(120), -1), nine);
      Instant later = nine.plus(Duration.ofMinutes(70));
      in.pipeInput("red", new Contact("red", "a7", later, 300_000), later);
      var out =
          d.createOutputTopic(
              "handle-time-windows", Serdes.String().deserializer(), windows.deserializer());
      var emitted = out.readKeyValuesToList();
      assertEquals(1, emitted.size());
      assertEquals("agent=a7,team=red@2026-03-02T09:00:00Z", emitted.get(0).key);
      assertEquals(1, emitted.get(0).value.count());
      assertEquals(
          1,
          d.createOutputTopic(
                  "handle-time-rejected",
                  Serdes.String().deserializer(),
                  Serdes.String().deserializer())
              .readValuesToList()
              .size());
    }
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "readme-app");
    try (TopologyTestDriver d = new TopologyTestDriver(app, props, nine)) {
      d.createInputTopic(
              "ticket-events",
              Serdes.String().serializer(),
              ServicekitSerdes.ticketEvents().serializer())
          .pipeInput(
              "T-1", TicketEvent.Created.byCustomer("T-1", "e1", nine, Map.of(), Set.of()), nine);
      var contacts =
          d.createInputTopic("contacts", Serdes.String().serializer(), contactSerde.serializer());
      contacts.pipeInput("red", new Contact("red", "a7", nine.plusSeconds(60), 240_000), nine);
      contacts.pipeInput(
          "red", new Contact("red", "a8", nine.plusSeconds(7200), 1), nine.plusSeconds(7200));
      List<SlaTransition> transitions =
          d.createOutputTopic(
                  "sla-transitions",
                  Serdes.String().deserializer(),
                  ServicekitSerdes.slaTransitions().deserializer())
              .readValuesToList();
      assertTrue(
          transitions.stream().anyMatch(t -> t.kind() == SlaTransition.Kind.BREACHED),
          transitions.toString()); // the contacts moved stream time past the first reply's hour
      assertEquals(
          List.of("agent=a7,team=red@2026-03-02T09:00:00Z"),
          d
              .createOutputTopic(
                  "handle-time-windows", Serdes.String().deserializer(), windows.deserializer())
              .readKeyValuesToList()
              .stream()
              .map(kv -> kv.key)
              .toList());
      assertTrue(d.getKeyValueStore(support.clockStoreName()).get("T-1") != null);
      assertEquals("servicekit-sla-support-clocks", support.clockStoreName());
    }
  }

  /** The checklist JSON block of the README, above the {@code qa-json} snippet. */
  static final String CHECKLIST_JSON =
      """
      {"id": "calls", "version": 3, "name": "Inbound calls", "mode": "WEIGHTED_SECTIONS",
       "sections": [{"id": "opening", "name": "Opening", "weight": 20, "criteria": [
          {"id": "greet", "name": "Greets the caller", "weight": 2, "scale": {"type": "binary"}},
          {"id": "solution", "name": "Solves it", "weight": 3, "scale": {"type": "rating", "points": 5},
           "naAllowed": true, "criticality": "NONE"}]}],
       "bands": [{"name": "red", "from": 0, "action": "re-certify"}, {"name": "green", "from": 80, "action": "none"}]}
      """;

  @Test
  void qaJson() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    assertTrue(
        readme.contains("```json\n" + CHECKLIST_JSON + "```"), "README checklist JSON drifted");
    String checklistJson = CHECKLIST_JSON;
    Instant at = Instant.parse("2026-03-02T10:00:00Z");
    List<Evaluation> session = new ArrayList<>();
    for (String reviewer : List.of("qa-lead", "ivan", "olga")) {
      session.add(
          Evaluation.of(
              ChecklistJson.read(CHECKLIST_JSON),
              "call-1",
              "agent-anna",
              reviewer,
              at,
              Map.of(
                  "greet",
                  Answer.of(reviewer.equals("olga") ? "no" : "yes"),
                  "solution",
                  Answer.of("4"))));
    }
    // spotless:off
    // README snippet: qa-json
    Checklist calls = ChecklistJson.read(checklistJson);       // the JSON above; errors name path, line, column
    Map<String, Answer> answers =                               // criterion id -> option id, null for N/A
        ChecklistJson.readAnswers("{\"greet\": \"yes\", \"solution\": \"4\"}");
    Evaluation lead = Evaluation.of(calls, "call-1", "agent-anna", "qa-lead", at, answers);
    lead.result().score();                                      // Optional[85.00]; band "green"
    // a calibration session: every reviewer scores the same calls, on one checklist version
    List<ReviewerDeviation> drift = Calibration.deviationsFromReference(session, "qa-lead");
    Map<String, Double> alpha = Calibration.alphaPerCriterion(session, AlphaMetric.INTERVAL);
    // README snippet end
    // spotless:on
    assertEquals(new BigDecimal("85.00"), lead.result().score().orElseThrow());
    assertEquals("green", lead.result().band().orElseThrow().name());
    assertEquals(
        List.of("ivan", "olga"), drift.stream().map(ReviewerDeviation::reviewerId).toList());
    assertEquals(0.0, drift.get(0).meanAbsoluteScoreDeviation());
    assertEquals(List.of("greet", "solution"), List.copyOf(alpha.keySet()));
  }
}
