package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Metrics defined as data ({@link MetricDefinition}): worked examples and validation. */
class MetricDefinitionTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z"); // a Monday

  private static Instant at(int hh, int mm) {
    return T0.plus(Duration.ofHours(hh - 9L).plusMinutes(mm));
  }

  private static SlaMetric m(String name) {
    return SlaMetric.custom(name);
  }

  private static SlaPolicySet.Builder statuses() {
    return SlaPolicySet.builder()
        .statuses("new", "open", "pending", "on-hold", "solved", "closed")
        .solvedStatuses("solved", "closed");
  }

  private static SlaEvaluation run(SlaPolicySet set, Instant now, TicketEvent... events) {
    SlaClock clock = Fixtures.clock(set, "T");
    for (TicketEvent e : events) {
      clock.accept(e);
    }
    return clock.evaluate(now);
  }

  private static TicketEvent.Created created(Instant at) {
    return TicketEvent.Created.byCustomer("T", "c", at, Map.of(), Set.of());
  }

  private static TicketEvent status(String id, Instant at, String s) {
    return new TicketEvent.StatusChanged("T", id, at, s);
  }

  // -------------------------------------------------------------------------------------------
  // Zendesk's three resolution clocks on one clock

  /**
   * Zendesk's requester wait time, agent work time and total resolution time as three definitions
   * of one policy set, each with its own target, measured on one clock.
   *
   * <p>Source: Zendesk help center, "About native Support time duration metrics"
   * (https://support.zendesk.com/hc/en-us/articles/4408834848154): requester wait time is the time
   * a ticket spends in New, Open and On-hold (not in Pending), agent wait time the time in Pending,
   * on-hold time the time in On-hold. The SLA metrics of "Defining and using SLA policies"
   * (https://support.zendesk.com/hc/en-us/articles/204770038) are the live counterparts: agent work
   * time counts New and Open only (paused in Pending and On-hold), requester wait time pauses in
   * Pending only, total resolution time is never paused. Of the SLA article only its introduction
   * and comments could be read here (the metric list itself was not in the stored copy); the
   * statuses per metric are as the native-metrics article and GitLab's handbook page "Metrics
   * definitions" (Zendesk section) list them.
   */
  @Test
  void zendesksThreeResolutionClocksRunOnOneClockEachWithItsOwnTarget() {
    SlaPolicySet set =
        statuses()
            .metric(
                MetricDefinition.builder("requester_wait_time")
                    .startOn(MetricTrigger.created(), MetricTrigger.reopened())
                    .stopOn(MetricTrigger.solved())
                    .pauseIn("pending")
                    .cycles(MetricDefinition.Cycles.RESUME)
                    .build())
            .metric(
                MetricDefinition.builder("agent_work_time")
                    .startOn(MetricTrigger.created(), MetricTrigger.reopened())
                    .stopOn(MetricTrigger.solved())
                    .pauseIn("pending", "on-hold")
                    .cycles(MetricDefinition.Cycles.RESUME)
                    .build())
            .metric(
                MetricDefinition.builder("total_resolution_time")
                    .startOn(MetricTrigger.created(), MetricTrigger.reopened())
                    .stopOn(MetricTrigger.solved())
                    .cycles(MetricDefinition.Cycles.RESUME)
                    .build())
            .defaultPolicy(
                SlaPolicy.builder("zendesk")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", m("requester_wait_time"), Duration.ofHours(8))
                    .target("normal", m("agent_work_time"), Duration.ofHours(3))
                    .target("normal", m("total_resolution_time"), Duration.ofHours(24))
                    .build())
            .build();
    // new 09:00, open 10:00, pending 11:00-13:00, on-hold 14:00-16:00, solved 17:00
    SlaEvaluation e =
        run(
            set,
            at(18, 0),
            created(at(9, 0)),
            status("s1", at(10, 0), "open"),
            status("s2", at(11, 0), "pending"),
            status("s3", at(13, 0), "open"),
            status("s4", at(14, 0), "on-hold"),
            status("s5", at(16, 0), "open"),
            status("s6", at(17, 0), "solved"));

    MetricCycle rwt = e.cycles(m("requester_wait_time")).get(0);
    assertEquals(CycleState.ACHIEVED, rwt.state());
    assertEquals(Duration.ofHours(6), rwt.elapsed()); // 09-11 and 13-17
    assertEquals(Duration.ofHours(2), rwt.pausedTime()); // pending
    assertEquals(Optional.of(Duration.ofHours(8)), rwt.target());

    MetricCycle awt = e.cycles(m("agent_work_time")).get(0);
    // 3 h used up at 14:00 as the ticket went on-hold: due, and breached, when work resumed at
    // 16:00
    assertEquals(CycleState.BREACHED, awt.state());
    assertEquals(Duration.ofHours(4), awt.elapsed()); // 09-11, 13-14, 16-17
    assertEquals(Optional.of(at(16, 0)), awt.deadline());
    assertEquals(Optional.of(at(16, 0).plusNanos(1)), awt.breachedAt());

    MetricCycle trt = e.cycles(m("total_resolution_time")).get(0);
    assertEquals(CycleState.ACHIEVED, trt.state());
    assertEquals(Duration.ofHours(8), trt.elapsed());
    assertEquals(Duration.ZERO, trt.pausedTime());
    assertEquals(Optional.of(at(9, 0).plus(Duration.ofHours(24))), trt.deadline());
  }

  // -------------------------------------------------------------------------------------------
  // Cancel by condition

  private static SlaPolicySet triage() {
    return statuses()
        .metric(
            MetricDefinition.builder("triage")
                .startOn(MetricTrigger.created())
                .stopOn(MetricTrigger.statusEntered("open"))
                .cancelOn(
                    MetricTrigger.tagAdded("spam"), MetricTrigger.attributeLeft("type", "incident"))
                .build())
        .defaultPolicy(
            SlaPolicy.builder("p")
                .matrix(PriorityMatrix.constant("normal"))
                .target("normal", m("triage"), Duration.ofHours(1))
                .build())
        .build();
  }

  @Test
  void aSpamTagCancelsTheRunningCycleAndTheTrailShowsWhichEventDidIt() {
    SlaClock clock = Fixtures.clock(triage(), "T");
    clock.accept(created(at(9, 0)));
    clock.accept(new TicketEvent.TagsChanged("T", "g", at(9, 30), Set.of("spam")));
    MetricCycle c = clock.evaluate(at(12, 0)).cycles(m("triage")).get(0);
    assertEquals(CycleState.CANCELLED, c.state());
    assertEquals(Optional.of(at(9, 30)), c.stop());
    assertEquals(Duration.ofMinutes(30), c.elapsed());
    List<CycleSegment> trail = clock.auditTrail(m("triage"), 0, at(12, 0));
    CycleSegment last = trail.get(trail.size() - 1);
    assertEquals(CycleSegment.Kind.STOPPED, last.kind());
    assertEquals("g", last.openedBy());
    assertEquals(Optional.of("g"), trail.get(trail.size() - 2).closedBy());
  }

  @Test
  void aCancelAfterTheBreachLeavesTheCycleBreached() {
    SlaEvaluation e =
        run(
            triage(),
            at(12, 0),
            created(at(9, 0)),
            new TicketEvent.TagsChanged("T", "g", at(10, 30), Set.of("spam", "x")));
    MetricCycle c = e.cycles(m("triage")).get(0);
    assertEquals(CycleState.BREACHED, c.state());
    assertEquals(Optional.of(at(10, 30)), c.stop());
    assertEquals(Optional.of(at(10, 0).plusNanos(1)), c.breachedAt());
  }

  @Test
  void anAttributeLeavingItsValueCancelsButOtherChangesDoNot() {
    TicketEvent.Created c =
        TicketEvent.Created.byCustomer("T", "c", at(9, 0), Map.of("type", "incident"), Set.of());
    SlaEvaluation e =
        run(
            triage(),
            at(12, 0),
            c,
            new TicketEvent.AttributeChanged("T", "a1", at(9, 10), "other", "x"),
            new TicketEvent.TagsChanged("T", "g", at(9, 15), Set.of("ham")),
            new TicketEvent.AttributeChanged("T", "a2", at(9, 20), "type", "question"));
    MetricCycle m = e.cycles(m("triage")).get(0);
    assertEquals(CycleState.CANCELLED, m.state());
    assertEquals(Optional.of(at(9, 20)), m.stop());
    // a stop wins over a cancel at the same event; an achieved cycle is not cancelled later
    SlaEvaluation stopped =
        run(
            triage(),
            at(12, 0),
            created(at(9, 0)),
            status("s", at(9, 40), "open"),
            new TicketEvent.TagsChanged("T", "g", at(9, 50), Set.of("spam")));
    assertEquals(CycleState.ACHIEVED, stopped.cycles(m("triage")).get(0).state());
  }

  // -------------------------------------------------------------------------------------------
  // Untargeted cycles

  @Test
  void aMetricWithoutATargetIsMeasuredAndNeverBreached() {
    SlaPolicySet set =
        statuses()
            .metric(
                MetricDefinition.builder("handling")
                    .startOn(MetricTrigger.statusEntered("open"))
                    .stopOn(MetricTrigger.statusLeft("open"))
                    .build())
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", SlaMetric.resolution(), Duration.ofHours(1))
                    .build())
            .build();
    SlaEvaluation e =
        run(
            set,
            at(20, 0),
            created(at(9, 0)),
            status("s1", at(10, 0), "open"),
            status("s2", at(15, 0), "pending"),
            status("s3", at(16, 0), "open"));
    List<MetricCycle> cs = e.cycles(m("handling"));
    assertEquals(2, cs.size());
    MetricCycle first = cs.get(0);
    assertEquals(CycleState.ACHIEVED, first.state());
    assertEquals(Optional.empty(), first.target());
    assertEquals(Optional.empty(), first.deadline());
    assertEquals(Optional.empty(), first.breachedAt());
    assertEquals(List.of(), first.warnings());
    assertEquals(Duration.ofHours(5), first.elapsed());
    assertEquals(0.0, first.percentConsumed());
    MetricCycle second = cs.get(1);
    assertEquals(1, second.cycle());
    assertEquals(CycleState.ACTIVE, second.state());
    assertEquals(Duration.ofHours(4), second.elapsed());
    assertEquals(Optional.empty(), e.nextTransition()); // resolution breached long ago
  }

  @Test
  void untargetedCyclesCountInTheCycleIndexAndARetargetCanGiveThemATarget() {
    SlaPolicySet set =
        statuses()
            .metric(
                MetricDefinition.builder("work")
                    .startOn(MetricTrigger.statusEntered("open"))
                    .stopOn(MetricTrigger.statusLeft("open"))
                    .build())
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(
                        PriorityMatrix.builder()
                            .cell("s1", "gold", "urgent")
                            .defaultPriority("normal")
                            .build())
                    .target("normal", SlaMetric.resolution(), Duration.ofDays(5))
                    .target("urgent", SlaMetric.resolution(), Duration.ofDays(1))
                    .target("urgent", m("work"), Duration.ofHours(2))
                    .rule(MetricRule.builder(m("work")).warnAt(50).build())
                    .build())
            .build();
    SlaEvaluation e =
        run(
            set,
            at(20, 0),
            created(at(9, 0)),
            status("s1", at(9, 0), "open"),
            status("s2", at(10, 0), "pending"),
            new TicketEvent.PriorityChanged("T", "p", at(11, 0), "urgent"),
            status("s3", at(12, 0), "open"));
    List<MetricCycle> cs = e.cycles(m("work"));
    assertEquals(2, cs.size());
    assertEquals(Optional.empty(), cs.get(0).target()); // stopped under "normal": no target
    assertEquals(1, cs.get(1).cycle());
    assertEquals(Optional.of(Duration.ofHours(2)), cs.get(1).target());
    assertEquals(CycleState.BREACHED, cs.get(1).state());
    assertEquals(Optional.of(at(14, 0).plusNanos(1)), cs.get(1).breachedAt());
    assertEquals(List.of(new WarningReached(50, at(13, 0))), cs.get(1).warnings());
  }

  // -------------------------------------------------------------------------------------------
  // Zammad's update time

  /**
   * Zammad's update time beside first response, each under its own target, and the longest span.
   *
   * <p>Source: Zammad admin documentation, "How do SLAs work"
   * (https://admin-docs.zammad.org/en/latest/manage/slas/how-do-they-work.html): "Update Time: Time
   * frame for every following response (external call, email)", next to "First Response", with the
   * calendar's business hours; "Ticket" settings
   * (https://admin-docs.zammad.org/en/latest/settings/ticket.html): by default the last contact is
   * "the start time of the last customer thread (which may consist of multiple articles)", so a
   * second customer message before the agent answers does not move the anchor. Zammad reports the
   * escalation per ticket; the longest span is the maximum over the update-time cycles.
   */
  @Test
  void zammadsUpdateTimeRunsBesideFirstResponseAndItsLongestSpanIsTheMaxOverCycles() {
    SlaPolicySet set =
        statuses()
            .metric(
                MetricDefinition.builder("update_time")
                    .startOn(MetricTrigger.customerMessage())
                    .stopOn(MetricTrigger.countedReply(), MetricTrigger.solved())
                    .build())
            .defaultPolicy(
                SlaPolicy.builder("zammad")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
                    .target("normal", m("update_time"), Duration.ofMinutes(45))
                    .build())
            .build();
    SlaEvaluation e =
        run(
            set,
            at(13, 0),
            created(at(9, 0)),
            TicketEvent.AgentReply.publicReply("T", "r1", at(9, 30)),
            new TicketEvent.CustomerMessage("T", "m1", at(10, 0)),
            new TicketEvent.CustomerMessage("T", "m2", at(10, 20)), // same customer thread
            TicketEvent.AgentReply.internalNote("T", "n", at(10, 30)), // not a response
            TicketEvent.AgentReply.publicReply("T", "r2", at(11, 0)),
            new TicketEvent.CustomerMessage("T", "m3", at(12, 0)),
            TicketEvent.AgentReply.publicReply("T", "r3", at(12, 15)));
    assertEquals(CycleState.ACHIEVED, e.cycles(SlaMetric.firstResponse()).get(0).state());
    List<MetricCycle> updates = e.cycles(m("update_time"));
    assertEquals(2, updates.size());
    assertEquals(at(10, 0), updates.get(0).start());
    assertEquals(CycleState.BREACHED, updates.get(0).state());
    assertEquals(CycleState.ACHIEVED, updates.get(1).state());
    Duration longest =
        updates.stream().map(MetricCycle::elapsed).max(Duration::compareTo).orElseThrow();
    assertEquals(Duration.ofHours(1), longest);
  }

  @Test
  void readyMadeNextReplyIgnoresRepliesBeforeTheFirstMessageOfAnAgentCreatedTicket() {
    SlaPolicySet set =
        Mirrors.withTwins(
            Fixtures.single(
                Map.of(
                    SlaMetric.firstResponse(), Duration.ofHours(1),
                    SlaMetric.nextResponse(), Duration.ofHours(1))));
    SlaEvaluation e =
        run(
            set,
            at(15, 0),
            TicketEvent.Created.byAgent("T", "c", at(9, 0), Map.of(), Set.of()),
            TicketEvent.AgentReply.publicReply("T", "r1", at(9, 30)),
            new TicketEvent.CustomerMessage("T", "m1", at(10, 0)),
            TicketEvent.AgentReply.publicReply("T", "r2", at(10, 30)),
            new TicketEvent.CustomerMessage("T", "m2", at(11, 0)));
    for (SlaMetric builtIn : List.of(SlaMetric.firstResponse(), SlaMetric.nextResponse())) {
      List<MetricCycle> twin =
          e.cycles(Mirrors.twin(builtIn)).stream().map(c -> Mirrors.as(builtIn, c)).toList();
      assertEquals(e.cycles(builtIn), twin);
      assertEquals(1, twin.size());
      assertEquals(
          builtIn.equals(SlaMetric.firstResponse()) ? at(10, 0) : at(11, 0), twin.get(0).start());
    }
  }

  // -------------------------------------------------------------------------------------------
  // Validation and JSON

  @Test
  void aDefinitionNamingAnUndeclaredStatusIsRejected() {
    SlaPolicySet.Builder b =
        statuses()
            .metric(
                MetricDefinition.builder("x")
                    .startOn(MetricTrigger.statusEntered("nope"))
                    .stopOn(MetricTrigger.solved())
                    .build())
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(PriorityMatrix.constant("n"))
                    .target("n", SlaMetric.resolution(), Duration.ofHours(1))
                    .build());
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, b::build);
    assertTrue(
        ex.getMessage().contains("metric x statuses status 'nope' is not declared"),
        ex.getMessage());
  }

  @Test
  void aPolicyTargetingAnUndefinedMetricIsRejected() {
    SlaPolicySet.Builder b =
        statuses()
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(PriorityMatrix.constant("n"))
                    .target("n", m("ghost"), Duration.ofHours(1))
                    .build());
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, b::build);
    assertTrue(ex.getMessage().contains("custom:ghost"), ex.getMessage());
    String json =
        "{\"statuses\":[\"new\"],\"defaultPolicy\":{\"name\":\"p\",\"matrix\":{\"default\":\"n\"},"
            + "\"targets\":{\"n\":{\"*\":{\"custom:ghost\":\"PT1H\"}}}}}";
    IllegalArgumentException jx =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(json));
    assertTrue(jx.getMessage().contains("not defined in metricDefinitions"), jx.getMessage());
    assertTrue(jx.getMessage().contains("line 1"), jx.getMessage());
  }

  @Test
  void triggersAreNullHostileAndCheckTheirValues() {
    assertThrows(NullPointerException.class, () -> MetricTrigger.of(null));
    assertThrows(
        IllegalArgumentException.class, () -> MetricTrigger.of(MetricTrigger.On.TAG_ADDED));
    assertThrows(
        IllegalArgumentException.class,
        () -> new MetricTrigger(MetricTrigger.On.CREATED, "", Set.of("x")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new MetricTrigger(MetricTrigger.On.ATTRIBUTE_LEFT, "", Set.of("x")));
    assertThrows(IllegalArgumentException.class, () -> MetricDefinition.builder("x").build());
    assertThrows(
        NullPointerException.class,
        () -> MetricDefinition.builder("x").startOn((MetricTrigger) null));
    assertThrows(IllegalArgumentException.class, () -> MetricDefinition.builder("a\tb"));
  }

  @Test
  void definitionsRoundTripThroughJsonAndBadOnesNameTheirPath() {
    SlaPolicySet set = triage();
    String json = SlaPolicyJson.write(set);
    assertEquals(set, SlaPolicyJson.read(json));
    assertEquals(json, SlaPolicyJson.write(SlaPolicyJson.read(json)));
    assertTrue(json.contains("\"on\": \"tag_added\""), json);
    String bad = json.replace("\"tag_added\"", "\"tag_adeed\"");
    IllegalArgumentException ex =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(bad));
    assertTrue(ex.getMessage().contains("metricDefinitions[0].cancelOn[0].on"), ex.getMessage());
    assertTrue(ex.getMessage().contains("tag_adeed"), ex.getMessage());
    String noValues = json.replace("\"values\": [\"spam\"]", "\"values\": []");
    IllegalArgumentException nx =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(noValues));
    assertTrue(nx.getMessage().contains("lists no value"), nx.getMessage());
  }

  @Test
  void readyMadeDefinitionsOfTheBuiltInsRoundTripThroughJson() {
    List<MetricDefinition> defs = new ArrayList<>();
    defs.add(MetricDefinition.firstResponse("fr"));
    defs.add(MetricDefinition.nextResponse("nr"));
    defs.add(MetricDefinition.periodicUpdate("pu"));
    defs.add(MetricDefinition.resolution("res", ReopenRule.RESTART));
    defs.add(MetricDefinition.stage("st", StageDefinition.of("s", "pending").stopOn("open")));
    SlaPolicySet.Builder b = statuses();
    defs.forEach(b::metric);
    SlaPolicySet set =
        b.defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(PriorityMatrix.constant("n"))
                    .target("n", SlaMetric.resolution(), Duration.ofHours(1))
                    .build())
            .build();
    assertEquals(set, SlaPolicyJson.read(SlaPolicyJson.write(set)));
    assertEquals(List.copyOf(set.metrics().values()), defs);
  }
}
