package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Pause conditions over tags and attribute values ({@link MetricDefinition.Builder#pauseWhileTag},
 * {@link MetricDefinition.Builder#pauseWhileAttribute} and the same in {@link MetricRule}): worked
 * scenarios with exact numbers, the audit trail, snapshots, JSON and validation.
 */
class PauseConditionTest {

  private static Instant mon(int days, int hh, int mm) {
    return Fixtures.mon(days, hh, mm);
  }

  private static TicketEvent tags(String id, Instant at, String... tags) {
    return new TicketEvent.TagsChanged("T", id, at, Set.of(tags));
  }

  private static TicketEvent attr(String id, Instant at, String key, String value) {
    return new TicketEvent.AttributeChanged("T", id, at, key, value);
  }

  private static SlaClock clock(SlaPolicySet set, TicketEvent... events) {
    SlaClock c = Fixtures.clock(set, "T");
    for (TicketEvent e : events) {
      c.accept(e);
    }
    return c;
  }

  // -------------------------------------------------------------------------------------------
  // Jira-style "waiting for vendor" label

  /**
   * Time to resolution paused while the ticket carries a {@code waiting-for-vendor} tag, on the
   * team's 09:00-17:00 weekday calendar, target 8 business hours.
   *
   * <p>Sources: the first-party page found for a pause on a field value is ServiceNow's "Create an
   * SLA definition"
   * (https://www.servicenow.com/docs/r/yokohama/it-service-management/service-level-management/t_CreateAnSLADefinition.html),
   * whose pause condition example is {@code incident.company.cost_center is Engineering}: the SLA
   * suspends elapsed time while the condition matches and, by default, resumes when it no longer
   * does. No first-party page (Atlassian, Zendesk, ServiceNow, Zammad, Freshdesk) was found that
   * pauses on a tag or label: Jira Service Management's native "Pause on" lists conditions the
   * ticket matches (Atlassian KB "Understanding why an SLA is paused in a Jira Service Management
   * ticket",
   * https://confluence.atlassian.com/jirakb/understanding-why-an-sla-is-paused-in-a-jira-service-management-ticket-1271267987.html),
   * and a label pause is what third-party Jira SLA apps offer (SaaSJet "Set SLA conditions",
   * https://help.saasjet.com/sla/conditions-for-sla, lists Labels; Appfire Time to SLA "Set When
   * the SLA Pauses": "the field value satisfies a condition", several conditions combined with OR).
   * The numbers below follow from the rule "not counted while the condition holds".
   */
  @Test
  void aWaitingForVendorTagPausesTimeToResolutionUntilItIsRemoved() {
    SlaPolicySet set =
        Fixtures.statusModel()
            .metric(
                MetricDefinition.builder("time_to_resolution")
                    .startOn(MetricTrigger.created())
                    .stopOn(MetricTrigger.solved())
                    .pauseWhileTag("waiting-for-vendor")
                    .build())
            .defaultPolicy(
                SlaPolicy.builder("standard")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", SlaMetric.custom("time_to_resolution"), Duration.ofHours(8))
                    .rule(
                        MetricRule.builder(SlaMetric.custom("time_to_resolution"))
                            .calendar("team")
                            .build())
                    .build())
            .build();
    SlaClock c =
        clock(
            set,
            TicketEvent.Created.byCustomer("T", "c", mon(0, 9, 0), Map.of(), Set.of("vip")),
            tags("g1", mon(0, 11, 0), "vip", "waiting-for-vendor"),
            tags("g2", mon(1, 10, 0), "vip"),
            new TicketEvent.StatusChanged("T", "s", mon(1, 12, 0), "solved"));
    Instant now = mon(2, 9, 0);
    MetricCycle m = c.evaluate(now).latest(SlaMetric.custom("time_to_resolution")).orElseThrow();
    assertEquals(CycleState.ACHIEVED, m.state());
    assertEquals(Duration.ofHours(4), m.elapsed()); // Mon 09-11 and Tue 10-12
    assertEquals(Duration.ofHours(27), m.wallElapsed());
    assertEquals(Duration.ofHours(23), m.pausedTime()); // Mon 11:00 to Tue 10:00
    assertEquals(Optional.of(mon(1, 16, 0)), m.deadline()); // 4 h left at the stop
    List<CycleSegment> trail = c.auditTrail(SlaMetric.custom("time_to_resolution"), 0, now);
    assertEquals(4, trail.size(), trail.toString());
    assertSegment(trail.get(0), CycleSegment.Kind.RUNNING, mon(0, 9, 0), mon(0, 11, 0), "c", "g1");
    assertSegment(trail.get(1), CycleSegment.Kind.PAUSED, mon(0, 11, 0), mon(1, 10, 0), "g1", "g2");
    assertSegment(trail.get(2), CycleSegment.Kind.RUNNING, mon(1, 10, 0), mon(1, 12, 0), "g2", "s");
    assertEquals(CycleSegment.Kind.STOPPED, trail.get(3).kind());
    assertEquals(Duration.ofHours(2), trail.get(0).business());
    assertEquals(Duration.ZERO, trail.get(1).business());
    assertEquals(Duration.ofHours(2), trail.get(2).business());
    // while it is paused, it is PAUSED and due "if resumed now"
    MetricCycle paused =
        c.evaluate(mon(1, 9, 0)).latest(SlaMetric.custom("time_to_resolution")).orElseThrow();
    assertEquals(CycleState.PAUSED, paused.state());
    assertEquals(Duration.ofHours(2), paused.elapsed());
    assertEquals(Optional.of(mon(1, 15, 0)), paused.deadline()); // 6 h from Tue 09:00
  }

  private static void assertSegment(
      CycleSegment s,
      CycleSegment.Kind kind,
      Instant from,
      Instant to,
      String openedBy,
      String closedBy) {
    assertEquals(kind, s.kind(), s.toString());
    assertEquals(from, s.from(), s.toString());
    assertEquals(to, s.to(), s.toString());
    assertEquals(openedBy, s.openedBy(), s.toString());
    assertEquals(Optional.of(closedBy), s.closedBy(), s.toString());
  }

  // -------------------------------------------------------------------------------------------
  // ServiceNow-style hold reason

  /**
   * The built-in resolution metric of a policy whose rule pauses it while {@code hold_reason} is
   * {@code awaiting_vendor} or {@code awaiting_caller} and in status {@code pending}, 24/7, target
   * 8 h. A hold reason not listed ({@code awaiting_change}) does not pause; the status and the
   * attribute pause together or apart (any condition pauses).
   *
   * <p>Source: ServiceNow KB0547356 "Understanding SLA Conditions"
   * (https://hi.service-now.com/kb_view.do?sysparm_article=KB0547356): an SLA definition has start,
   * stop and pause conditions over the task's fields; the timer does not count while the pause
   * condition matches and resumes when it no longer does (ServiceNow community, "How does Pause
   * Condition work in SLA", waiting on a third-party vendor as the example). The incident's On hold
   * reason values (Awaiting Caller, Awaiting Change, Awaiting Problem, Awaiting Vendor) are those
   * of the base system incident form; the first-party product documentation page could not be read
   * here.
   */
  @Test
  void aHoldReasonAttributePausesResolutionBesidesThePendingStatus() {
    SlaPolicySet set =
        Fixtures.statusModel()
            .defaultPolicy(
                SlaPolicy.builder("incident")
                    .matrix(PriorityMatrix.constant("p2"))
                    .target("p2", SlaMetric.resolution(), Duration.ofHours(8))
                    .rule(
                        MetricRule.builder(SlaMetric.resolution())
                            .pauseOn("pending")
                            .pauseWhileAttribute(
                                "hold_reason", "awaiting_vendor", "awaiting_caller")
                            .warnAt(50)
                            .build())
                    .build())
            .build();
    SlaClock c =
        clock(
            set,
            new TicketEvent.Created("T", "c", mon(0, 8, 0), Map.of(), Set.of()),
            attr("h1", mon(0, 10, 0), "hold_reason", "awaiting_vendor"), // paused
            attr("h2", mon(0, 12, 0), "hold_reason", "awaiting_change"), // not listed: runs
            attr("h3", mon(0, 13, 0), "hold_reason", "awaiting_caller"), // paused
            new TicketEvent.StatusChanged("T", "s1", mon(0, 14, 0), "pending"), // both hold
            attr("h4", mon(0, 15, 0), "hold_reason", "none"), // still pending
            new TicketEvent.StatusChanged("T", "s2", mon(0, 16, 0), "open")); // runs
    Instant now = mon(0, 18, 0);
    MetricCycle m = c.evaluate(now).latest(SlaMetric.resolution()).orElseThrow();
    assertEquals(CycleState.ACTIVE, m.state());
    assertEquals(Duration.ofHours(5), m.elapsed()); // 08-10, 12-13, 16-18
    assertEquals(Duration.ofHours(5), m.pausedTime()); // 10-12, 13-16
    assertEquals(Duration.ofHours(10), m.wallElapsed());
    assertEquals(Optional.of(mon(0, 21, 0)), m.deadline());
    assertEquals(Duration.ofHours(3), m.remaining());
    // 50 % (4 h) was reached at 17:00, after the pauses
    assertEquals(List.of(new WarningReached(50, mon(0, 17, 0))), m.warnings());
    List<CycleSegment> trail = c.auditTrail(SlaMetric.resolution(), 0, now);
    assertEquals(5, trail.size(), trail.toString());
    assertSegment(trail.get(0), CycleSegment.Kind.RUNNING, mon(0, 8, 0), mon(0, 10, 0), "c", "h1");
    assertSegment(trail.get(1), CycleSegment.Kind.PAUSED, mon(0, 10, 0), mon(0, 12, 0), "h1", "h2");
    assertSegment(
        trail.get(2), CycleSegment.Kind.RUNNING, mon(0, 12, 0), mon(0, 13, 0), "h2", "h3");
    // one paused stretch across the attribute and the status, opened by h3 and closed by s2
    assertSegment(trail.get(3), CycleSegment.Kind.PAUSED, mon(0, 13, 0), mon(0, 16, 0), "h3", "s2");
    assertEquals(CycleSegment.Kind.RUNNING, trail.get(4).kind());
    assertEquals(Optional.empty(), trail.get(4).closedBy());
    // a snapshot restores the same evaluation (the pause timeline is derived from the events)
    SlaClock restored =
        SlaClockSnapshot.fromBytes(SlaClockSnapshot.toBytes(c), id -> Fixtures.clock(set, id));
    assertEquals(c.evaluate(now), restored.evaluate(now));
    SlaClock fromJson =
        SlaClockSnapshot.fromJson(SlaClockSnapshot.toJson(c), id -> Fixtures.clock(set, id));
    assertEquals(c.evaluate(now), fromJson.evaluate(now));
    // as of 11:00 the cycle was paused
    MetricCycle asOf = c.evaluate(mon(0, 11, 0)).latest(SlaMetric.resolution()).orElseThrow();
    assertEquals(CycleState.PAUSED, asOf.state());
    assertEquals(Duration.ofHours(2), asOf.elapsed());
  }

  @Test
  void aConditionSetAtTheCreationHoldsFromIt() {
    SlaPolicySet set =
        Fixtures.single(
            Map.of(SlaMetric.resolution(), Duration.ofHours(4)),
            MetricRule.builder(SlaMetric.resolution()).pauseWhileTag("parked").build());
    SlaClock c =
        clock(
            set,
            TicketEvent.Created.byCustomer("T", "c", mon(0, 9, 0), Map.of(), Set.of("parked")),
            tags("g", mon(0, 10, 30)));
    MetricCycle m = c.evaluate(mon(0, 12, 0)).latest(SlaMetric.resolution()).orElseThrow();
    assertEquals(Duration.ofMinutes(90), m.elapsed());
    assertEquals(Duration.ofMinutes(90), m.pausedTime());
  }

  /**
   * One update at one instant that sets and then clears a condition (the clearing event sorts last)
   * leaves no pause and no empty segment in the trail: the condition is taken from the state after
   * the instant's events. Events of one instant that set different keys give one result whatever
   * their ids.
   */
  @Test
  void aConditionSetAndClearedWithinOneInstantPausesNothing() {
    SlaPolicySet set =
        Fixtures.single(
            Map.of(SlaMetric.resolution(), Duration.ofHours(4)),
            MetricRule.builder(SlaMetric.resolution())
                .pauseWhileAttribute("hold_reason", "awaiting_vendor")
                .pauseWhileTag("parked")
                .build());
    SlaClock c =
        clock(
            set,
            new TicketEvent.Created("T", "c", mon(0, 9, 0), Map.of(), Set.of()),
            attr("a", mon(0, 10, 0), "hold_reason", "awaiting_vendor"),
            attr("b", mon(0, 10, 0), "hold_reason", "none"));
    Instant now = mon(0, 12, 0);
    assertEquals(
        Duration.ofHours(3),
        c.evaluate(now).latest(SlaMetric.resolution()).orElseThrow().elapsed());
    List<CycleSegment> trail = c.auditTrail(SlaMetric.resolution(), 0, now);
    assertEquals(1, trail.size(), trail.toString());
    assertEquals(CycleSegment.Kind.RUNNING, trail.get(0).kind());
    // a tag removed and a hold reason set in one update: paused from 10:00 whatever the ids
    for (String[] ids : new String[][] {{"a", "b"}, {"b", "a"}}) {
      SlaClock d =
          clock(
              set,
              TicketEvent.Created.byCustomer("T", "c", mon(0, 9, 0), Map.of(), Set.of("parked")),
              tags(ids[0], mon(0, 10, 0)),
              attr(ids[1], mon(0, 10, 0), "hold_reason", "awaiting_vendor"));
      MetricCycle m = d.evaluate(now).latest(SlaMetric.resolution()).orElseThrow();
      assertEquals(Duration.ZERO, m.elapsed());
      List<CycleSegment> t = d.auditTrail(SlaMetric.resolution(), 0, now);
      assertEquals(1, t.size(), t.toString());
      assertEquals(CycleSegment.Kind.PAUSED, t.get(0).kind());
    }
  }

  @Test
  void aMetricWithoutConditionsIsNotPausedByThem() {
    SlaPolicySet set =
        Fixtures.statusModel()
            .metric(
                MetricDefinition.builder("held")
                    .startOn(MetricTrigger.created())
                    .stopOn(MetricTrigger.solved())
                    .pauseWhileTag("parked")
                    .build())
            .metric(
                MetricDefinition.builder("plain")
                    .startOn(MetricTrigger.created())
                    .stopOn(MetricTrigger.solved())
                    .build())
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(PriorityMatrix.constant("n"))
                    .target("n", SlaMetric.resolution(), Duration.ofHours(8))
                    .build())
            .build();
    SlaClock c =
        clock(
            set,
            new TicketEvent.Created("T", "c", mon(0, 9, 0), Map.of(), Set.of()),
            tags("g", mon(0, 10, 0), "parked"));
    SlaEvaluation e = c.evaluate(mon(0, 12, 0));
    assertEquals(Duration.ofHours(1), e.latest(SlaMetric.custom("held")).orElseThrow().elapsed());
    assertEquals(Duration.ofHours(3), e.latest(SlaMetric.custom("plain")).orElseThrow().elapsed());
  }

  // -------------------------------------------------------------------------------------------
  // JSON and validation

  @Test
  void jsonReadsAndWritesThePauseConditionsOfDefinitionsAndRules() {
    SlaPolicySet set =
        Fixtures.statusModel()
            .metric(
                MetricDefinition.builder("ttr")
                    .startOn(MetricTrigger.created())
                    .stopOn(MetricTrigger.solved())
                    .pauseIn("pending")
                    .pauseWhileTag("waiting-for-vendor", "parked")
                    .pauseWhileAttribute("hold_reason", "awaiting_vendor", "awaiting_caller")
                    .build())
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(PriorityMatrix.constant("n"))
                    .target("n", SlaMetric.resolution(), Duration.ofHours(8))
                    .rule(
                        MetricRule.builder(SlaMetric.resolution())
                            .pauseWhileTag("parked")
                            .pauseWhileAttribute("hold_reason", "awaiting_vendor")
                            .build())
                    .build())
            .build();
    String json = SlaPolicyJson.write(set);
    assertTrue(json.contains("\"pauseWhileTags\": [\"parked\", \"waiting-for-vendor\"]"), json);
    assertTrue(
        json.contains(
            "\"pauseWhileAttributes\": {\"hold_reason\": [\"awaiting_caller\", \"awaiting_vendor\"]}"),
        json);
    SlaPolicySet back = SlaPolicyJson.read(json);
    assertEquals(set, back);
    assertEquals(json, SlaPolicyJson.write(back));
    assertEquals(
        Map.of("hold_reason", Set.of("awaiting_vendor", "awaiting_caller")),
        back.metrics().get("ttr").pauseAttributes());
  }

  private static String defJson(String pauseFields) {
    return "{\"statuses\": [\"open\", \"solved\"], \"solvedStatuses\": [\"solved\"],\n"
        + " \"metricDefinitions\": [{\"name\": \"ttr\", \"startOn\": [{\"on\": \"created\"}],\n"
        + "   "
        + pauseFields
        + "}],\n"
        + " \"defaultPolicy\": {\"name\": \"p\", \"matrix\": {\"default\": \"n\"}}}";
  }

  @Test
  void jsonErrorsNameThePathLineAndColumn() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SlaPolicyJson.read(defJson("\"pauseWhileTags\": [\"ok\", \"has  space\"]")));
    assertTrue(e.getMessage().contains("metricDefinitions[0].pauseWhileTags[1]"), e.getMessage());
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    assertTrue(e.getMessage().contains("has  space"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SlaPolicyJson.read(defJson("\"pauseWhileAttributes\": {\"hold_reason\": []}")));
    assertTrue(
        e.getMessage().contains("metricDefinitions[0].pauseWhileAttributes.hold_reason"),
        e.getMessage());
    assertTrue(e.getMessage().contains("lists no value"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SlaPolicyJson.read(defJson("\"pauseWhileAttributes\": [\"hold_reason\"]")));
    assertTrue(
        e.getMessage().contains("metricDefinitions[0].pauseWhileAttributes"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SlaPolicyJson.read(defJson("\"pauseWhileTags\": \"parked\"")));
    assertTrue(e.getMessage().contains("metricDefinitions[0].pauseWhileTags"), e.getMessage());
  }

  @Test
  void badConditionsAreRejectedByTheBuilders() {
    MetricDefinition.Builder b =
        MetricDefinition.builder("x")
            .startOn(MetricTrigger.created())
            .stopOn(MetricTrigger.solved());
    assertThrows(IllegalArgumentException.class, () -> b.pauseWhileTag(""));
    assertThrows(IllegalArgumentException.class, () -> b.pauseWhileAttribute("hold_reason"));
    assertThrows(IllegalArgumentException.class, () -> b.pauseWhileAttribute(" a", "v"));
    assertThrows(NullPointerException.class, () -> b.pauseWhileTag((String) null));
    MetricRule.Builder r = MetricRule.builder(SlaMetric.resolution());
    assertThrows(IllegalArgumentException.class, () -> r.pauseWhileTag("x\ny"));
    assertThrows(IllegalArgumentException.class, () -> r.pauseWhileAttribute("k"));
    // nothing was added by the rejected calls
    assertEquals(Set.of(), b.build().pauseTags());
    assertEquals(Map.of(), r.build().pauseAttributes());
  }

  @Test
  void moreThan64DistinctConditionValuesAreRejectedWhenTheSetIsBuilt() {
    MetricRule.Builder r = MetricRule.builder(SlaMetric.resolution());
    for (int i = 0; i < 60; i++) {
      r.pauseWhileTag("t" + i);
    }
    r.pauseWhileAttribute("hold_reason", "a", "b", "c", "d"); // 64: allowed
    MetricRule ok = r.build();
    Fixtures.clock(Fixtures.single(Map.of(SlaMetric.resolution(), Duration.ofHours(4)), ok), "T");
    MetricRule tooMany = r.pauseWhileAttribute("hold_reason", "e").build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Fixtures.single(Map.of(SlaMetric.resolution(), Duration.ofHours(4)), tooMany));
    assertTrue(
        e.getMessage().contains("65 distinct tags, attribute values and conditions"),
        e.getMessage());
  }
}
