package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link MetricRule.Builder#dueFrom}: a metric whose deadline is a ticket's due-date field.
 *
 * <p>Source: ServiceNow product documentation, "SLA duration types" (c_SLADuration.html, read as
 * the ServiceNow/ServiceNowDocs markdown,
 * https://www.servicenow.com/docs/r/it-service-management/service-level-management/c_SLADuration.html):
 * "The Breach on Due Date sets the breach time of the SLA to the date and time from the Due Date
 * field of the task"; "If the date and time in the Due Date field is outside the schedule for the
 * task SLA, the breach time is set to the next available scheduled time. For example, if the SLA
 * definition specifies a task SLA schedule as 08:00-16:00 and the value in the Due Date field is
 * Wednesday 11th Jan 2017 20:30, the breach time is set to Thursday 12th 2017 Jan 08:00"; "the date
 * and time provided is in the past, the breach time of the task SLA is calculated to be one second
 * ahead of the task SLA start time", and so "If no information is available in the Due Date field".
 * Under the default {@link DueDateRule#AS_GIVEN} servicekit breaches a past due date at the start
 * (one nanosecond after it under {@link BreachRule#AFTER_DEADLINE}) and measures no target until
 * the ticket has a due date, reporting the missing one as an {@link EventAnomaly}; under {@link
 * DueDateRule#ONE_SECOND_WHEN_MISSING_OR_PAST} (the SERVICENOW preset's) both are due one second
 * after the start. ServiceNow does not pause relative durations; servicekit lets pause statuses
 * extend the deadline as for any target.
 */
class DueDateTest {

  private static final String TICKET = "INC7";

  private static SlaPolicySet set(boolean strict) {
    return set(strict, DueDateRule.AS_GIVEN);
  }

  private static SlaPolicySet set(boolean strict, DueDateRule rule) {
    SlaPolicy p =
        SlaPolicy.builder("requests")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
            .rule(
                MetricRule.builder(SlaMetric.resolution())
                    .calendar("desk")
                    .pauseOn("pending")
                    .warnAt(50, 75)
                    .dueFrom("due_at")
                    .build())
            .build();
    return Fixtures.statusModel()
        .rejectUnknownKeys(strict)
        .dueDateRule(rule)
        .defaultPolicy(p)
        .build();
  }

  /** ServiceNow's example schedule: 08:00-16:00 on weekdays (UTC). */
  private static final Map<String, BusinessCalendar> DESK =
      Map.of(
          "desk",
          BusinessCalendar.builder(ZoneOffset.UTC)
              .weekdays(TimeRange.parse("08:00-16:00"))
              .build());

  private static final Map<String, BusinessCalendar> ALWAYS =
      Map.of("desk", BusinessCalendar.always(ZoneOffset.UTC));

  private static Instant at(String s) {
    return Instant.parse(s);
  }

  private static SlaClock clock(Map<String, BusinessCalendar> cals, TicketEvent... events) {
    SlaClock c = SlaClock.of(set(false), cals, TICKET);
    for (TicketEvent e : events) {
      c.accept(e);
    }
    return c;
  }

  private static TicketEvent.Created created(Instant at, String due) {
    return TicketEvent.Created.byCustomer(
        TICKET, "c", at, due == null ? Map.of() : Map.of("due_at", due), Set.of());
  }

  private static MetricCycle resolution(SlaEvaluation e) {
    return e.latest(SlaMetric.resolution()).orElseThrow(() -> new AssertionError(e.toString()));
  }

  @Test
  void aDueDateOutsideTheScheduleIsDueAtTheNextOpening() {
    // Wednesday 11 Jan 2017 09:00, due 20:30 that evening: breach Thursday 12 Jan 08:00
    SlaClock c = clock(DESK, created(at("2017-01-11T09:00:00Z"), "2017-01-11T20:30:00Z"));
    MetricCycle r = resolution(c.evaluate(at("2017-01-11T10:00:00Z")));
    assertEquals(Optional.of(at("2017-01-12T08:00:00Z")), r.deadline());
    assertEquals(Optional.of(Duration.ofHours(7)), r.target(), "09:00-16:00 of business time");
    MetricCycle late = resolution(c.evaluate(at("2017-01-12T09:00:00Z")));
    assertEquals(CycleState.BREACHED, late.state());
    assertEquals(Optional.of(at("2017-01-12T08:00:00.000000001Z")), late.breachedAt());
  }

  @Test
  void aDueDateInsideTheScheduleIsTheDeadlineAndWarningsAreShareOfTheSpan() {
    SlaClock c = clock(DESK, created(at("2017-01-11T09:00:00Z"), "2017-01-11T13:00:00Z"));
    MetricCycle r = resolution(c.evaluate(at("2017-01-11T12:30:00Z")));
    assertEquals(Optional.of(at("2017-01-11T13:00:00Z")), r.deadline());
    assertEquals(Optional.of(Duration.ofHours(4)), r.target());
    assertEquals(75, r.warningPercent());
    assertEquals(
        List.of(
            new WarningReached(50, at("2017-01-11T11:00:00Z")),
            new WarningReached(75, at("2017-01-11T12:00:00Z"))),
        r.warnings());
    assertEquals(
        Optional.of(at("2017-01-11T13:00:00.000000001Z")),
        c.nextTransition(at("2017-01-11T12:30:00Z")),
        "the breach timer");
  }

  @Test
  void changingTheAttributeMovesTheDeadlineAndIsAReTargetInTheTrail() {
    Instant created = at("2026-03-02T09:00:00Z");
    SlaClock c =
        clock(
            ALWAYS,
            created(created, "2026-03-02T13:00:00Z"),
            new TicketEvent.AttributeChanged(
                TICKET, "d", at("2026-03-02T10:00:00Z"), "due_at", "2026-03-02T15:00:00Z"));
    Instant now = at("2026-03-02T11:00:00Z");
    SlaEvaluation e = c.evaluate(now);
    MetricCycle r = resolution(e);
    assertEquals(Optional.of(at("2026-03-02T15:00:00Z")), r.deadline());
    assertEquals(Optional.of(Duration.ofHours(6)), r.target(), "from the cycle's start");
    assertEquals(2, e.policyChanges().size(), e.policyChanges().toString());
    assertEquals("d", e.policyChanges().get(1).eventId());
    List<CycleSegment> trail = c.auditTrail(SlaMetric.resolution(), 0, now);
    assertEquals(2, trail.size(), trail.toString());
    assertEquals(Optional.of(Duration.ofHours(4)), trail.get(0).target());
    assertEquals(Optional.of("d"), trail.get(0).closedBy());
    assertEquals(Optional.of(Duration.ofHours(6)), trail.get(1).target());
    assertEquals(r.elapsed(), trail.get(0).business().plus(trail.get(1).business()));
    // the same history in any order, and as of before the change, as a fresh clock
    SlaClock reversed =
        clock(
            ALWAYS,
            new TicketEvent.AttributeChanged(
                TICKET, "d", at("2026-03-02T10:00:00Z"), "due_at", "2026-03-02T15:00:00Z"),
            created(created, "2026-03-02T13:00:00Z"));
    assertEquals(e, reversed.evaluate(now));
    assertEquals(
        Optional.of(at("2026-03-02T13:00:00Z")),
        resolution(c.evaluate(at("2026-03-02T09:30:00Z"))).deadline());
  }

  @Test
  void pausesExtendTheDeadlineAndAStoppedCycleKeepsIt() {
    Instant created = at("2026-03-02T09:00:00Z");
    SlaClock c =
        clock(
            ALWAYS,
            created(created, "2026-03-02T13:00:00Z"),
            new TicketEvent.StatusChanged(TICKET, "p", at("2026-03-02T10:00:00Z"), "pending"),
            new TicketEvent.StatusChanged(TICKET, "o", at("2026-03-02T11:00:00Z"), "open"),
            new TicketEvent.StatusChanged(TICKET, "s", at("2026-03-02T12:00:00Z"), "solved"));
    MetricCycle r = resolution(c.evaluate(at("2026-03-02T18:00:00Z")));
    assertEquals(CycleState.ACHIEVED, r.state());
    assertEquals(Optional.of(at("2026-03-02T14:00:00Z")), r.deadline(), "one hour paused");
    assertEquals(Optional.of(Duration.ofHours(4)), r.target());
  }

  @Test
  void aDueDateNotAfterTheStartBreachesAtOnce() {
    Instant created = at("2026-03-02T09:00:00Z");
    SlaClock c = clock(ALWAYS, created(created, "2026-03-01T09:00:00Z"));
    MetricCycle r = resolution(c.evaluate(at("2026-03-02T09:30:00Z")));
    assertEquals(CycleState.BREACHED, r.state());
    assertEquals(Optional.of(Duration.ZERO), r.target());
    assertEquals(Optional.of(created), r.deadline());
    assertEquals(Optional.of(created.plusNanos(1)), r.breachedAt());
    // before: Infinity here (100 * elapsed / zero), NaN at the start
    assertEquals(100.0, r.percentConsumed());
    assertEquals(100.0, resolution(c.evaluate(created)).percentConsumed());
  }

  @Test
  void withoutADueDateTheMetricHasNoTargetUntilOneIsSet() {
    Instant created = at("2026-03-02T09:00:00Z");
    SlaClock c = clock(ALWAYS, created(created, null));
    assertTrue(c.evaluate(created).latest(SlaMetric.resolution()).isEmpty());
    c.accept(
        new TicketEvent.AttributeChanged(
            TICKET, "d", at("2026-03-02T10:00:00Z"), "due_at", "2026-03-02T12:00:00+01:00"));
    MetricCycle r = resolution(c.evaluate(at("2026-03-02T10:00:00Z")));
    assertEquals(Optional.of(at("2026-03-02T11:00:00Z")), r.deadline(), "an offset is accepted");
  }

  @Test
  void aMalformedValueIsAnAnomalyThatChangesNothing() {
    Instant created = at("2026-03-02T09:00:00Z");
    SlaClock c =
        clock(
            ALWAYS,
            created(created, "2026-03-02T13:00:00Z"),
            new TicketEvent.AttributeChanged(
                TICKET, "x", at("2026-03-02T10:00:00Z"), "due_at", "next-tuesday"));
    SlaEvaluation e = c.evaluate(at("2026-03-02T11:00:00Z"));
    assertEquals(Optional.of(at("2026-03-02T13:00:00Z")), resolution(e).deadline());
    assertEquals(1, e.anomalies().size(), e.anomalies().toString());
    EventAnomaly a = e.anomalies().get(0);
    assertEquals("x", a.eventId());
    assertTrue(
        a.reason()
            .startsWith(
                "attribute 'due_at' value 'next-tuesday' is not a due date: expected an"
                    + " ISO-8601 instant"),
        a.reason());
    assertEquals(1, e.policyChanges().size(), "no re-target");
    // a malformed value at creation is reported and treated as absent
    SlaClock bad = clock(ALWAYS, created(created, "2026-13-45T99:00:00Z"));
    SlaEvaluation b = bad.evaluate(created);
    assertTrue(b.latest(SlaMetric.resolution()).isEmpty());
    assertEquals(2, b.anomalies().size(), b.anomalies().toString());
    assertTrue(b.anomalies().get(0).reason().endsWith(": ignored"), b.anomalies().toString());
    assertTrue(
        b.anomalies().get(1).reason().startsWith("the ticket has no due date for resolution"),
        b.anomalies().toString());
  }

  @Test
  void aMissingDueDateIsAnAnomalyOnceUntilOneIsSet() {
    // Before: no cycle and no anomaly, so the ticket's resolution vanished without a word.
    Instant created = at("2026-03-02T09:00:00Z");
    SlaClock c =
        clock(
            ALWAYS,
            created(created, null),
            new TicketEvent.AttributeChanged(
                TICKET, "o", at("2026-03-02T09:30:00Z"), "owner", "ana"));
    SlaEvaluation e = c.evaluate(at("2026-03-02T10:00:00Z"));
    assertTrue(e.latest(SlaMetric.resolution()).isEmpty(), "AS_GIVEN: still untargeted");
    assertEquals(1, e.anomalies().size(), "a continuing miss is reported once: " + e.anomalies());
    EventAnomaly a = e.anomalies().get(0);
    assertEquals("c", a.eventId());
    assertEquals(
        "the ticket has no due date for resolution (attribute 'due_at') of policy requests: it"
            + " goes untargeted (built-in metrics are not reported)",
        a.reason());
    c.accept(
        new TicketEvent.AttributeChanged(
            TICKET, "d", at("2026-03-02T10:00:00Z"), "due_at", "2026-03-02T12:00:00Z"));
    SlaEvaluation after = c.evaluate(at("2026-03-02T10:00:00Z"));
    assertEquals(1, after.anomalies().size(), after.anomalies().toString());
    assertEquals(
        Optional.of(at("2026-03-02T12:00:00Z")), resolution(after).deadline(), "then measured");
  }

  @Test
  void underTheOneSecondRuleAMissingOrPastDueDateIsDueOneSecondAfterTheStart() {
    Instant created = at("2026-03-02T09:00:00Z");
    for (String due : new String[] {null, "2026-03-01T09:00:00Z", "2026-03-02T09:00:00Z"}) {
      SlaClock c =
          SlaClock.of(set(false, DueDateRule.ONE_SECOND_WHEN_MISSING_OR_PAST), ALWAYS, TICKET);
      c.accept(created(created, due));
      MetricCycle r = resolution(c.evaluate(at("2026-03-02T09:30:00Z")));
      assertEquals(Optional.of(Duration.ofSeconds(1)), r.target(), "due " + due);
      assertEquals(Optional.of(created.plusSeconds(1)), r.deadline(), "due " + due);
      assertEquals(CycleState.BREACHED, r.state(), "due " + due);
      assertEquals(Optional.of(created.plusSeconds(1).plusNanos(1)), r.breachedAt(), "due " + due);
      assertEquals(
          due == null ? 1 : 0, c.evaluate(created).anomalies().size(), "only a missing one");
      assertEquals(
          CycleState.ACTIVE,
          resolution(c.evaluate(created.plusMillis(500))).state(),
          "not breached at the start");
    }
    // the second is counted on the rule's calendar: a start while it is closed (Wednesday 20:00 on
    // 08:00-16:00) is due one second after the next opening
    SlaClock night =
        SlaClock.of(set(false, DueDateRule.ONE_SECOND_WHEN_MISSING_OR_PAST), DESK, TICKET);
    night.accept(created(at("2017-01-11T20:00:00Z"), null));
    assertEquals(
        Optional.of(at("2017-01-12T08:00:01Z")),
        resolution(night.evaluate(at("2017-01-11T21:00:00Z"))).deadline());
    // a due date after the start is the deadline as before
    SlaClock later =
        SlaClock.of(set(false, DueDateRule.ONE_SECOND_WHEN_MISSING_OR_PAST), ALWAYS, TICKET);
    later.accept(created(created, "2026-03-02T13:00:00Z"));
    assertEquals(
        Optional.of(at("2026-03-02T13:00:00Z")), resolution(later.evaluate(created)).deadline());
  }

  @Test
  void strictModeRejectsAMalformedValueLeavingTheClockUnchanged() {
    SlaClock c = SlaClock.of(set(true), ALWAYS, TICKET);
    Instant created = at("2026-03-02T09:00:00Z");
    c.accept(created(created, "2026-03-02T13:00:00Z"));
    SlaEvaluation before = c.evaluate(at("2026-03-02T11:00:00Z"));
    String longValue = "x".repeat(64);
    IllegalArgumentException ex =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                c.accept(
                    new TicketEvent.AttributeChanged(
                        TICKET, "x", at("2026-03-02T10:00:00Z"), "due_at", longValue)));
    assertTrue(
        ex.getMessage().startsWith("event 'x' attribute 'due_at' value 'xxxx"), ex.getMessage());
    assertTrue(ex.getMessage().endsWith("(rejectUnknownKeys)"), ex.getMessage());
    assertTrue(ex.getMessage().length() < 300, "bounded: " + ex.getMessage());
    assertEquals(before, c.evaluate(at("2026-03-02T11:00:00Z")));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SlaClock.of(set(true), ALWAYS, "T2")
                .accept(
                    TicketEvent.Created.byCustomer(
                        "T2", "c", created, Map.of("due_at", "soon"), Set.of())));
    // out of the supported range (1900-2300) is malformed too
    assertThrows(
        IllegalArgumentException.class,
        () ->
            c.accept(
                new TicketEvent.AttributeChanged(
                    TICKET, "y", at("2026-03-02T10:00:00Z"), "due_at", "2400-01-01T00:00:00Z")));
  }

  @Test
  void jsonReadsAndWritesDueFrom() {
    SlaPolicySet set = set(false);
    String json = SlaPolicyJson.write(set);
    assertTrue(json.contains("\"dueFrom\": \"due_at\""), json);
    assertEquals(set, SlaPolicyJson.read(json));
    String broken = json.replace("\"dueFrom\": \"due_at\"", "\"dueFrom\": \"due  at\"");
    IllegalArgumentException ex =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(broken));
    assertTrue(ex.getMessage().contains("dueFrom"), ex.getMessage());
    assertTrue(ex.getMessage().contains("line "), ex.getMessage());
    String notText = json.replace("\"dueFrom\": \"due_at\"", "\"dueFrom\": 7");
    assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(notText));
    assertFalse(SlaPolicyJson.write(Fixtures.tiered()).contains("dueFrom"));
    assertFalse(json.contains("dueDateRule"), "the default is not written");
    SlaPolicySet oneSecond = set(false, DueDateRule.ONE_SECOND_WHEN_MISSING_OR_PAST);
    String j = SlaPolicyJson.write(oneSecond);
    assertTrue(j.contains("\"dueDateRule\": \"ONE_SECOND_WHEN_MISSING_OR_PAST\""), j);
    assertEquals(oneSecond, SlaPolicyJson.read(j));
    String wrong = j.replace("\"ONE_SECOND_WHEN_MISSING_OR_PAST\"", "\"ONE_SECOND\"");
    IllegalArgumentException bad =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(wrong));
    assertTrue(bad.getMessage().contains("dueDateRule"), bad.getMessage());
  }

  /**
   * A due date at night is due at the next opening; a cycle paused (or stopped) across that opening
   * is due when it resumes, and breaches a nanosecond after, not at the resume (a review found it
   * breached at the resume instant, due at the opening it was paused through).
   */
  @Test
  void aDueDateMovedToAnOpeningTheCycleWasPausedThroughIsDueWhenItResumes() {
    Instant created = at("2026-03-02T15:55:00Z"); // Monday, 5 min before the 16:00 close
    SlaClock clock =
        clock(
            DESK,
            created(created, "2026-03-03T03:00:00Z"), // due at night: at Tuesday's 08:00 opening
            new TicketEvent.StatusChanged(TICKET, "p", at("2026-03-02T16:30:00Z"), "pending"),
            new TicketEvent.StatusChanged(TICKET, "o", at("2026-03-03T10:00:00Z"), "open"));
    MetricCycle atResume = resolution(clock.evaluate(at("2026-03-03T10:00:00Z")));
    assertEquals(CycleState.ACTIVE, atResume.state());
    assertEquals(java.util.Optional.of(at("2026-03-03T10:00:00Z")), atResume.deadline());
    MetricCycle later = resolution(clock.evaluate(at("2026-03-03T11:00:00Z")));
    assertEquals(CycleState.BREACHED, later.state());
    assertEquals(
        java.util.Optional.of(at("2026-03-03T10:00:00Z").plusNanos(1)), later.breachedAt());
  }
}
