package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.mon;
import static dev.servicekit.sla.PresetScenarios.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link SlaPreset#SERVICENOW}: scenarios from ServiceNow's product documentation, expected values
 * computed by hand (times UTC, Monday 2026-01-05, 24x7 schedule unless a test says otherwise).
 *
 * <p>Sources read: ServiceNow's own documentation sources, github.com/ServiceNow/ServiceNowDocs,
 * {@code markdown/it-service-management/service-level-management/} (published as
 * https://www.servicenow.com/docs/r/it-service-management/service-level-management/&lt;page&gt;.html):
 *
 * <ul>
 *   <li>[DUR] {@code c_SLADuration.md}, "SLA duration types": a duration is "the length of time ...
 *       that the SLA must run before it is marked as breached"; "if the current date is January 1,
 *       2015, the time is 10:30 am, and the duration is set to 10 hours and no schedule has been
 *       selected ... An SLA starting now will end breach on 2015-01-01 20:30".
 *   <li>[COND] {@code c_SLAConditions.md}, "SLA conditions": "Attach if start condition matches and
 *       both the stop and cancel conditions don't match. Complete if the stop condition matches.
 *       Pause if the pause condition matches. Resume if the pause condition doesn't match ...
 *       Cancel if the start condition doesn't match"; the stop condition completes the task SLA
 *       "regardless of whether it is breached"; and "for an SLA definition where the Start
 *       condition is State is one of "New, Active" and the Pause condition is State is "On Hold",
 *       when the Task is updated to state On Hold, the start condition will no longer match and the
 *       task SLA will be canceled".
 *   <li>[PROC] {@code t_SLAProcessExample.md}, "Service Level Agreement (SLA) process example": an
 *       impact 1 / urgency 1 incident gets the "Priority 1 resolution (8 hour)" SLA; impact 2 makes
 *       it priority 2: "The Priority 1 SLA is now marked Cancelled, and a Priority 2 SLA has been
 *       attached"; "Awaiting User Info is a Pause condition on the Priority 2 SLA"; back to Active
 *       "it resumes timing"; Resolved: "The SLA is marked Completed". Its "Active" state is the
 *       preset's {@code in-progress}. The priority 2 duration is not given; 1 day is ours.
 *   <li>[RETRO] {@code t_UseSLARetroactiveStartAndPause.md}: "an incident is raised with priority 3
 *       - Moderate and changes to 1 - Critical after 3 hours. A priority 1 SLA is attached at that
 *       time". Without retroactive start the new SLA counts from the change (the preset); with
 *       retroactive start and retroactive pause from creation, pauses included ({@code
 *       ReattachStart.AT_CREATION} with {@code retroactivePause(true)}; without retroactive pause
 *       see {@link RetroactiveStartTest}).
 *   <li>[ELAPSED] {@code r_ElapsedTimeCounting.md}, "Actual and business elapsed times": on a 9 am
 *       to 5 pm weekday schedule "if a task SLA starts at 2 pm on a weekday, its business elapsed
 *       time at 9 am on the next weekday is 3 hours while its actual elapsed time is 19 hours"; an
 *       incident "opened on Friday, December 12 at 9 pm" on an 8 am to 5 pm weekday schedule has at
 *       "Monday at 9:30 am" a business elapsed time of "1 hour and 30 minutes", an actual elapsed
 *       time of "60 hours and 30 minutes", "19% on an 8 hour SLA".
 *   <li>[DUR] also: "Breach on Due Date" is a relative duration, and "Pause conditions are not
 *       compatible with relative durations"; "If no information is available in the Due Date field,
 *       or the date and time provided is in the past, the breach time of the task SLA is calculated
 *       to be one second ahead of the task SLA start time".
 *   <li>[SCHED] {@code c_SLATimingsAndSchedules.md}, "SLA duration and schedules" (release xanadu):
 *       "a duration of one day, which is 24 hours, and a schedule of 9 am to 5 pm ... The SLA
 *       calculation will distribute the 24 hours across three working days of 8 hours each. So a
 *       team ... has 3 days to complete the task before the SLA is breached."
 *   <li>[RESET] {@code c_SLAConditions.md} (release brazil): the reset condition defines "the
 *       conditions under which the running SLA will be completed and a new SLA will be attached.
 *       For a new SLA to be attached, the start condition must match"; its example: "If you set the
 *       SLA reset condition as Location changes from 101 Broadway East, Seattle,WA, any change in
 *       the value of the Location field resets the SLA".
 *   <li>[FLOW] {@code flows-for-sla.md}, "Flows for SLA" (release australia): the "SLA Notification
 *       and Escalation flow": "When a task reaches 50% of its allotted SLA duration, a notification
 *       is sent ... At 75% and 100%, a notification is sent to the assignee and the assignee's
 *       manager."
 *   <li>[TZ] {@code c_TimeZonesInSLAs.md}, "Time zones in SLAs" (release xanadu): "Specify the time
 *       zone source to be used when creating task SLAs", e.g. "The caller's timezone: If this
 *       option is selected and the caller has not selected a time zone, then the system time zone
 *       is used."
 *   <li>[EXACT] {@code t_SLABreachCalculation.md}, "Use exact times in SLA calculations" (release
 *       brazil): "When business percentages are used for SLA calculations, they are rounded up to
 *       two decimal places. As a result, breaches can occur when SLA calculations are rounded up to
 *       100%. ... For example, a business percentage of 99.951% is rounded up to 100%, which causes
 *       a breach"; the SLA engine property "Use field business_time_left to calculate breach time
 *       instead of business_percentage field" uses the exact time left.
 *   <li>[PROCESS] {@code c_SLAProcessing.md}, "Service Level Agreement (SLA) processing" (release
 *       brazil): for a definition without an active SLA record, "If the Start condition is true and
 *       the Stop condition is true, do nothing. No SLA record is created, because the Stop
 *       condition overrides the Start condition."
 *   <li>[TIMELINE] {@code sla-timeline-determines-bus-schedule.md}, "Use SLA timeline to determine
 *       business schedule" (release xanadu,
 *       https://www.servicenow.com/docs/r/xanadu/it-service-management/service-level-management/sla-timeline-determines-bus-schedule.html):
 *       "the total SLA defined duration for Task SLA-2 is 8 hours. The highlighted area shows that
 *       the SLA is out of schedule from 07:00AM until 08:00AM and starts accumulating time at
 *       8:00AM reaching 50% of it's total duration at 12:00PM. From 12:00PM to 14:00PM the SLA
 *       accumulates from 50 – 75% of it's total duration and from 14:00PM to 16:00PM it accumulates
 *       from 75 – 100% of it's total duration, ultimately breaching at 16:00PM"; the schedule is
 *       not named, "8-5 weekdays" is the base schedule {@code c_SLASchedule.md} names.
 *   <li>[RESET-CANCEL] {@code t_CreateAnSLADefinition.md}, "Create an SLA definition" (release
 *       yokohama), field Reset condition: it "Determines whether the existing task is canceled or
 *       completed on task SLA reset. Defines the conditions under which the running SLA is canceled
 *       or completed and a new SLA is attached. For a new SLA to be attached, the start condition
 *       must match."
 *   <li>[SUBSET] {@code c_SLAConditions.md} (release brazil): "if your Pause condition is a subset
 *       of your Start condition, the SLA will attach but will permanently be in Paused state. As
 *       soon as the Pause condition does not match, the equivalent Start condition will also not
 *       match and that task SLA record will be canceled."
 * </ul>
 */
class ServiceNowPresetTest {

  private static final SlaPreset SN = SlaPreset.SERVICENOW;
  private static final SlaMetric RESOLUTION = SlaMetric.resolution();
  private static final SlaMetric TASK = SlaMetric.stage(SlaPreset.SERVICENOW_TASK_STAGE);

  static SlaPolicySet set(String calendar, Duration p3Resolution) {
    return set(calendar, p3Resolution, true);
  }

  /** {@link #set(String, Duration)} with the creation's stop overriding its start or not. */
  static SlaPolicySet set(String calendar, Duration p3Resolution, boolean creationStops) {
    SlaPolicy p =
        SlaPolicy.builder("incident")
            .matrix(
                PriorityMatrix.builder() // impact (severity) x urgency (tier), as ServiceNow
                    .cell("1", "1", "1-critical")
                    .cell("2", "1", "2-high")
                    .defaultPriority("3-moderate")
                    .build())
            .target("3-moderate", RESOLUTION, p3Resolution)
            .target("2-high", RESOLUTION, Duration.ofDays(1))
            .target("1-critical", RESOLUTION, Duration.ofHours(8))
            .target("3-moderate", TASK, p3Resolution)
            .target("2-high", TASK, Duration.ofDays(1))
            .target("1-critical", TASK, Duration.ofHours(8))
            .rule(SN.rule(RESOLUTION).calendar(calendar).build())
            .rule(SN.rule(TASK).calendar(calendar).build())
            .build();
    return SN.policySet().creationStopOverridesStart(creationStops).defaultPolicy(p).build();
  }

  private final Fixtures.Ticket t = new Fixtures.Ticket("INC0010001");

  // [DUR] 10 h from 10:30 with no schedule breaches at 20:30; the preset breaches at the breach
  // time itself (BreachRule.AT_DEADLINE): active a nanosecond before, breached at 20:30.
  @Test
  void tenHoursFromHalfPastTenBreachesAtHalfPastEight() {
    SlaPolicySet s = set(MetricRule.ALWAYS, Duration.ofHours(10));
    List<TicketEvent> h = List.of(t.created(mon(10, 30)));
    MetricCycle before = only(Fixtures.eval(s, h, mon(20, 30).minusNanos(1)), RESOLUTION);
    assertEquals(CycleState.ACTIVE, before.state());
    assertEquals(Optional.of(mon(20, 30)), before.deadline());
    MetricCycle at = only(Fixtures.eval(s, h, mon(20, 30)), RESOLUTION);
    assertEquals(CycleState.BREACHED, at.state());
    assertEquals(Optional.of(mon(20, 30)), at.breachedAt());
    assertEquals(
        Optional.of(mon(20, 30)), PresetScenarios.clockOf(s, h).nextTransition(mon(12, 0)));
  }

  // [RETRO] P3 raised to P1 after 3 h: the running P3 SLA is cancelled at 12:00 with 3 h counted
  // and a P1 SLA (8 h) is attached at 12:00, due 20:00.
  @Test
  void aPriorityChangeCancelsTheRunningSlaAndAttachesANewOne() {
    SlaPolicySet s = set(MetricRule.ALWAYS, Duration.ofDays(3));
    List<TicketEvent> h = List.of(t.created(mon(9, 0)), t.priority(mon(12, 0), "1-critical"));
    List<MetricCycle> r = Fixtures.eval(s, h, mon(16, 0)).cycles(RESOLUTION);
    assertEquals(2, r.size(), r.toString());
    assertEquals(CycleState.CANCELLED, r.get(0).state());
    assertEquals(Optional.of(mon(12, 0)), r.get(0).stop());
    assertEquals(Duration.ofHours(3), r.get(0).elapsed());
    assertEquals(mon(12, 0), r.get(1).start());
    assertEquals(Optional.of(Duration.ofHours(8)), r.get(1).target());
    assertEquals(Optional.of(mon(20, 0)), r.get(1).deadline());
    assertEquals(Duration.ofHours(4), r.get(1).elapsed());
  }

  // [RETRO] with retroactive start and retroactive pause the P3 SLA is cancelled at 12:00 and the
  // P1 SLA attached then counts from the 09:00 creation, with the pause time accumulated since (on
  // hold 10:00-11:00): due 09:00 + 8 h + 1 h = 18:00, 2 h counted at 12:00.
  @Test
  void retroactiveStartWithRetroactivePauseCountsFromCreationMinusPauses() {
    SlaPolicySet preset = set(MetricRule.ALWAYS, Duration.ofDays(3));
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0)),
            t.status(mon(10, 0), "on-hold"),
            t.status(mon(11, 0), "in-progress"),
            t.priority(mon(12, 0), "1-critical"));
    List<MetricCycle> r = Fixtures.eval(retroactive(preset), h, mon(12, 0)).cycles(RESOLUTION);
    assertEquals(2, r.size(), r.toString());
    assertEquals(CycleState.CANCELLED, r.get(0).state());
    MetricCycle c = r.get(1);
    assertEquals(mon(9, 0), c.start());
    assertEquals(Optional.of(Duration.ofHours(8)), c.target());
    assertEquals(Optional.of(mon(18, 0)), c.deadline());
    assertEquals(Duration.ofHours(2), c.elapsed());
    // RECALCULATE gives that deadline too here (the running cycle began at the creation) but keeps
    // no cancelled SLA
    SlaPolicySet recalculate =
        SN.policySet()
            .retargetRule(RetargetRule.RECALCULATE)
            .defaultPolicy(preset.defaultPolicy())
            .build();
    MetricCycle one = only(Fixtures.eval(recalculate, h, mon(12, 0)), RESOLUTION);
    assertEquals(Optional.of(mon(18, 0)), one.deadline());
    // the preset itself attaches at 12:00 instead: due 20:00
    List<MetricCycle> p = Fixtures.eval(preset, h, mon(12, 0)).cycles(RESOLUTION);
    assertEquals(Optional.of(mon(20, 0)), p.get(p.size() - 1).deadline());
  }

  // [RETRO] retroactive start sets the start to the Created field, whatever started the running
  // SLA: resolved 10:00 (the first P3 SLA completes), reopened 11:00 (a second P3 SLA attaches),
  // priority 1 at 12:00 -> the second P3 SLA is cancelled and the P1 SLA counts from 09:00; the
  // resolved hour is no pause condition, so it counts: due 17:00, 3 h at 12:00. RECALCULATE would
  // re-measure the second P3 SLA from the 11:00 reopen (due 19:00).
  @Test
  void retroactiveStartCountsFromTheCreationEvenAfterAReopen() {
    SlaPolicySet preset = set(MetricRule.ALWAYS, Duration.ofDays(3));
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0)),
            t.status(mon(10, 0), "resolved"),
            t.status(mon(11, 0), "in-progress"),
            t.priority(mon(12, 0), "1-critical"));
    List<MetricCycle> r = Fixtures.eval(retroactive(preset), h, mon(12, 0)).cycles(RESOLUTION);
    assertEquals(3, r.size(), r.toString());
    assertEquals(CycleState.ACHIEVED, r.get(0).state());
    assertEquals(CycleState.CANCELLED, r.get(1).state());
    assertEquals(mon(11, 0), r.get(1).start());
    MetricCycle p1 = r.get(2);
    assertEquals(mon(9, 0), p1.start());
    assertEquals(Optional.of(mon(17, 0)), p1.deadline());
    assertEquals(Duration.ofHours(3), p1.elapsed());
  }

  private static SlaPolicySet retroactive(SlaPolicySet preset) {
    return SN.policySet()
        .reattachStart(ReattachStart.AT_CREATION)
        .retroactivePause(true)
        .defaultPolicy(preset.defaultPolicy())
        .build();
  }

  // [COND] + [RETRO] a priority change while on hold: the P3 SLA is cancelled at 11:00 and the
  // attached P1 SLA starts paused (the pause condition still matches), resuming at 12:00: due
  // 20:00, 1 h counted at 13:00.
  @Test
  void anSlaAttachedWhileOnHoldStartsPaused() {
    SlaPolicySet s = set(MetricRule.ALWAYS, Duration.ofDays(3));
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0)),
            t.status(mon(10, 0), "on-hold"),
            t.priority(mon(11, 0), "1-critical"),
            t.status(mon(12, 0), "in-progress"));
    for (SlaMetric m : List.of(RESOLUTION, TASK)) {
      List<MetricCycle> at1130 = Fixtures.eval(s, h.subList(0, 3), mon(11, 30)).cycles(m);
      assertEquals(2, at1130.size(), m + ": " + at1130);
      assertEquals(CycleState.CANCELLED, at1130.get(0).state(), m.toString());
      assertEquals(Duration.ofHours(1), at1130.get(0).elapsed(), m.toString());
      assertEquals(CycleState.PAUSED, at1130.get(1).state(), m.toString());
      assertEquals(Optional.of(mon(19, 30)), at1130.get(1).deadline(), "due if resumed now");
      MetricCycle c = Fixtures.eval(s, h, mon(13, 0)).cycles(m).get(1);
      assertEquals(mon(11, 0), c.start(), m.toString());
      assertEquals(Optional.of(mon(20, 0)), c.deadline(), m.toString());
      assertEquals(Duration.ofHours(1), c.elapsed(), m.toString());
      assertEquals(Duration.ofHours(1), c.pausedTime(), m.toString());
    }
  }

  // [COND] pause while on hold, resume when the pause condition no longer matches: P1 (8 h) from
  // 09:00, on hold 10:00-12:00 -> due 19:00; at 11:00 paused with 1 h counted.
  @Test
  void onHoldPausesTheSlaAndTheBreachTimeMovesByThePause() {
    SlaPolicySet s = set(MetricRule.ALWAYS, Duration.ofDays(3));
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0)),
            t.priority(mon(9, 0), "1-critical"),
            t.status(mon(10, 0), "on-hold"),
            t.status(mon(12, 0), "in-progress"));
    MetricCycle paused = only(Fixtures.eval(s, h.subList(0, 3), mon(11, 0)), RESOLUTION);
    assertEquals(CycleState.PAUSED, paused.state());
    assertEquals(Duration.ofHours(1), paused.elapsed());
    MetricCycle c = only(Fixtures.eval(s, h, mon(12, 0)), RESOLUTION);
    assertEquals(Optional.of(mon(19, 0)), c.deadline());
    assertEquals(Duration.ofHours(2), c.pausedTime());
  }

  // [COND] the task SLA stage completes when its stop condition (resolved) matches and is
  // cancelled when the incident is canceled instead; so is resolution (the preset declares
  // canceled a cancelled status).
  @Test
  void theTaskSlaStageCompletesOnResolvedAndIsCancelledOnCanceled() {
    SlaPolicySet s = set(MetricRule.ALWAYS, Duration.ofDays(3));
    MetricCycle resolved =
        only(
            Fixtures.eval(
                s, List.of(t.created(mon(9, 0)), t.status(mon(11, 0), "resolved")), mon(12, 0)),
            TASK);
    assertEquals(CycleState.ACHIEVED, resolved.state());
    assertEquals(Duration.ofHours(2), resolved.elapsed());
    Fixtures.Ticket u = new Fixtures.Ticket("INC0010002");
    SlaEvaluation canceled =
        Fixtures.eval(
            s, List.of(u.created(mon(9, 0)), u.status(mon(11, 0), "canceled")), mon(12, 0));
    assertEquals(CycleState.CANCELLED, only(canceled, TASK).state());
    assertEquals(Optional.of(mon(11, 0)), only(canceled, TASK).stop());
    assertEquals(CycleState.CANCELLED, only(canceled, RESOLUTION).state());
    assertEquals(Optional.of(mon(11, 0)), only(canceled, RESOLUTION).stop());
    assertEquals(Optional.empty(), only(canceled, RESOLUTION).metAt());
    assertEquals(
        CycleState.ACHIEVED,
        only(
                Fixtures.eval(
                    s, List.of(t.created(mon(9, 0)), t.status(mon(11, 0), "resolved")), mon(12, 0)),
                RESOLUTION)
            .state());
  }

  // [COND] the stop condition completes a task SLA "regardless of whether it is breached"; a
  // cancelled one that had breached stays breached: P1 (8 h) canceled after 9 h.
  @Test
  void aCanceledIncidentWhoseSlaHadBreachedStaysBreached() {
    SlaPolicySet s = set(MetricRule.ALWAYS, Duration.ofDays(3));
    Fixtures.Ticket v = new Fixtures.Ticket("INC0010003");
    SlaEvaluation e =
        Fixtures.eval(
            s,
            List.of(
                v.created(mon(8, 0), "severity", "1", "tier", "1"),
                v.status(mon(17, 0), "canceled")),
            mon(18, 0));
    MetricCycle r = only(e, RESOLUTION);
    assertEquals(CycleState.BREACHED, r.state());
    assertEquals(Optional.of(mon(16, 0)), r.breachedAt());
    assertEquals(Optional.of(mon(17, 0)), r.stop());
  }

  // [COND] a reopened incident matches the start condition again and a new SLA is attached with
  // the full duration: P1 resolved at 11:00 (2 h used), reopened at 13:00 -> a new cycle due 21:00.
  @Test
  void aReopenedIncidentAttachesANewSla() {
    SlaPolicySet s = set(MetricRule.ALWAYS, Duration.ofDays(3));
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0)),
            t.priority(mon(9, 0), "1-critical"),
            t.status(mon(11, 0), "resolved"),
            t.status(mon(13, 0), "in-progress"));
    for (SlaMetric m : List.of(RESOLUTION, TASK)) {
      List<MetricCycle> r = Fixtures.eval(s, h, mon(14, 0)).cycles(m);
      assertEquals(2, r.size(), m + ": " + r);
      assertEquals(CycleState.ACHIEVED, r.get(0).state(), m.toString());
      assertEquals(mon(13, 0), r.get(1).start(), m.toString());
      assertEquals(Optional.of(mon(21, 0)), r.get(1).deadline(), m.toString());
    }
  }

  // [PROC] the documented walk-through: P1 at 09:00 (impact 1, urgency 1); impact 2 at 09:30 ->
  // the P1 SLA is cancelled with 30 min counted and a P2 SLA attached at 09:30; awaiting user
  // info 10:00-11:00 pauses it; resolved at 12:00 completes it with 1 h 30 min counted.
  @Test
  void theDocumentedProcessExampleCancelsPausesAndCompletes() {
    SlaPolicySet s = set(MetricRule.ALWAYS, Duration.ofDays(3));
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0), "severity", "1", "tier", "1"),
            t.attr(mon(9, 30), "severity", "2"),
            t.status(mon(10, 0), "awaiting-user-info"),
            t.status(mon(11, 0), "in-progress"),
            t.status(mon(12, 0), "resolved"));
    for (SlaMetric m : List.of(RESOLUTION, TASK)) {
      SlaEvaluation paused = Fixtures.eval(s, h.subList(0, 3), mon(10, 30));
      assertEquals(CycleState.PAUSED, paused.cycles(m).get(1).state(), m.toString());
      List<MetricCycle> r = Fixtures.eval(s, h, mon(13, 0)).cycles(m);
      assertEquals(2, r.size(), m + ": " + r);
      assertEquals(CycleState.CANCELLED, r.get(0).state(), m.toString());
      assertEquals(Optional.of(Duration.ofHours(8)), r.get(0).target(), m.toString());
      assertEquals(Duration.ofMinutes(30), r.get(0).elapsed(), m.toString());
      assertEquals(mon(9, 30), r.get(1).start(), m.toString());
      assertEquals(Optional.of(Duration.ofDays(1)), r.get(1).target(), m.toString());
      assertEquals(CycleState.ACHIEVED, r.get(1).state(), m.toString());
      assertEquals(Optional.of(mon(12, 0)), r.get(1).stop(), m.toString());
      assertEquals(Duration.ofMinutes(90), r.get(1).elapsed(), m.toString());
      assertEquals(Duration.ofHours(1), r.get(1).pausedTime(), m.toString());
    }
  }

  // [COND] the documented pitfall: a start condition "New, Active" with a pause condition "On
  // Hold" never pauses, it cancels. As a stage of the preset's states (stopped by resolved) whose
  // statuses leave out on-hold: on hold at 10:00 cancels it with 1 h counted. The preset's own
  // task-sla stage includes on-hold, so there it pauses.
  @Test
  void aStartConditionThatExcludesThePauseStateCancelsInsteadOfPausing() {
    StageDefinition newActive =
        new StageDefinition(
            "new-active",
            java.util.Set.of("new", "in-progress"),
            ReopenRule.RESTART,
            java.util.Set.of("resolved"));
    SlaMetric stage = newActive.metric();
    SlaPolicy p =
        SlaPolicy.builder("incident")
            .matrix(PriorityMatrix.constant("1-critical"))
            .target("1-critical", stage, Duration.ofHours(8))
            .target("1-critical", TASK, Duration.ofHours(8))
            .rule(MetricRule.builder(stage).pauseOn("on-hold").build())
            .rule(SN.rule(TASK).build())
            .build();
    SlaPolicySet s = SN.policySet().stage(newActive).defaultPolicy(p).build();
    List<TicketEvent> h = List.of(t.created(mon(9, 0)), t.status(mon(10, 0), "on-hold"));
    SlaEvaluation e = Fixtures.eval(s, h, mon(11, 0));
    MetricCycle c = only(e, stage);
    assertEquals(CycleState.CANCELLED, c.state());
    assertEquals(Optional.of(mon(10, 0)), c.stop());
    assertEquals(Duration.ofHours(1), c.elapsed());
    assertEquals(CycleState.PAUSED, only(e, TASK).state());
  }

  // [ELAPSED] business and actual elapsed side by side. 9 am-5 pm weekdays, started Monday 14:00:
  // at Tuesday 09:00, 3 h business and 19 h actual elapsed.
  @Test
  void businessAndActualElapsedOnANineToFiveSchedule() {
    SlaPolicySet s = set("team", Duration.ofDays(3));
    MetricCycle c =
        only(Fixtures.eval(s, List.of(t.created(mon(14, 0))), mon(1, 9, 0)), RESOLUTION);
    assertEquals(Duration.ofHours(3), c.elapsed());
    assertEquals(Duration.ofHours(19), c.wallElapsed());
  }

  // [ELAPSED] opened Friday 12 December (2025) at 21:00 on an 8 am-5 pm weekday schedule, P1 (8 h):
  // Monday 09:30 -> business elapsed 1 h 30 min (Monday 08:00-09:30), actual 60 h 30 min, business
  // percentage 18.75 (the page rounds it to 19 %; actual elapsed over 750 %).
  @Test
  void anIncidentOpenedFridayNightHasNinetyBusinessMinutesOnMondayAtHalfPastNine() {
    SlaPolicySet s = set("8-5-weekdays", Duration.ofDays(3));
    java.time.Instant opened = java.time.Instant.parse("2025-12-12T21:00:00Z");
    List<TicketEvent> h = List.of(t.created(opened, "severity", "1", "tier", "1"));
    WeeklyHours eightToFive =
        new WeeklyHours()
            .add(
                8 * 60,
                17 * 60,
                java.time.DayOfWeek.MONDAY,
                java.time.DayOfWeek.TUESDAY,
                java.time.DayOfWeek.WEDNESDAY,
                java.time.DayOfWeek.THURSDAY,
                java.time.DayOfWeek.FRIDAY);
    MetricCycle c =
        only(
            SlaClock.evaluateTimes(
                s,
                java.util.Map.of("8-5-weekdays", eightToFive),
                h,
                java.time.Instant.parse("2025-12-15T09:30:00Z")),
            RESOLUTION);
    assertEquals(Optional.of(Duration.ofHours(8)), c.target());
    assertEquals(Duration.ofMinutes(90), c.elapsed());
    assertEquals(Duration.ofMinutes(60 * 60 + 30), c.wallElapsed());
    assertEquals(18.75, c.percentConsumed(), 1e-9);
  }

  // [SCHED] one day (24 h) on a 9 am-5 pm weekday schedule is three working days of 8 h: started
  // Monday 09:00, the P3 SLA of one day uses up its 24 h at Wednesday's 17:00 close and breaches
  // there, at the close (ClosingRule.AT_CLOSE, BreachRule.AT_DEADLINE), not at Thursday's opening.
  @Test
  void oneDayOnANineToFiveScheduleIsThreeWorkingDays() {
    SlaPolicySet s = set("team", Duration.ofDays(1));
    List<TicketEvent> h = List.of(t.created(mon(9, 0)));
    MetricCycle tuesday = only(Fixtures.eval(s, h, mon(1, 17, 0)), RESOLUTION);
    assertEquals(Duration.ofHours(16), tuesday.elapsed());
    assertEquals(Optional.of(mon(2, 17, 0)), tuesday.deadline());
    MetricCycle before = only(Fixtures.eval(s, h, mon(2, 17, 0).minusNanos(1)), RESOLUTION);
    assertEquals(CycleState.ACTIVE, before.state());
    MetricCycle at = only(Fixtures.eval(s, h, mon(2, 17, 0)), RESOLUTION);
    assertEquals(CycleState.BREACHED, at.state());
    assertEquals(Optional.of(mon(2, 17, 0)), at.breachedAt());
    assertEquals(Duration.ofHours(24), at.elapsed());
  }

  // [RESET] a reset condition "Location changes from 101 Broadway East" as a definition on the
  // preset: the change both stops (completes) the running SLA and, the start condition matching,
  // starts a new one (NEW_CYCLE); stop triggers act before start triggers in one update. P1 8 h
  // from 09:00 at 101 Broadway East; moved to Seattle HQ at 11:00 -> SLA 0 completed with 2 h,
  // SLA 1 attached at 11:00, due 19:00; moved on to Portland at 12:00 (a change from another
  // location) -> no reset; resolved 13:00 -> SLA 1 completed with 2 h.
  @Test
  void aResetConditionCompletesTheRunningSlaAndAttachesANewOne() {
    String broadway = "101-broadway-east";
    SlaMetric p1 = SlaMetric.custom("p1_resolution");
    SlaPolicySet s =
        SN.policySet()
            .metric(
                MetricDefinition.builder("p1_resolution")
                    .startOn(
                        MetricTrigger.created(), MetricTrigger.attributeLeft("location", broadway))
                    .stopOn(
                        MetricTrigger.solved(), MetricTrigger.attributeLeft("location", broadway))
                    .cycles(MetricDefinition.Cycles.NEW_CYCLE)
                    .whenSolved(MetricDefinition.WhenSolved.SKIP)
                    .pauseIn("on-hold", "awaiting-user-info")
                    .build())
            .defaultPolicy(
                SlaPolicy.builder("incident")
                    .matrix(PriorityMatrix.constant("1-critical"))
                    .target("1-critical", p1, Duration.ofHours(8))
                    .build())
            .build();
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0), "location", broadway),
            t.attr(mon(11, 0), "location", "seattle-hq"),
            t.attr(mon(12, 0), "location", "portland"),
            t.status(mon(13, 0), "resolved"));
    List<MetricCycle> running = Fixtures.eval(s, h, mon(12, 30)).cycles(p1);
    assertEquals(2, running.size(), running.toString());
    assertEquals(CycleState.ACHIEVED, running.get(0).state());
    assertEquals(Optional.of(mon(11, 0)), running.get(0).stop());
    assertEquals(Duration.ofHours(2), running.get(0).elapsed());
    assertEquals(mon(11, 0), running.get(1).start());
    assertEquals(CycleState.ACTIVE, running.get(1).state());
    assertEquals(Optional.of(mon(19, 0)), running.get(1).deadline());
    List<MetricCycle> done = Fixtures.eval(s, h, mon(14, 0)).cycles(p1);
    assertEquals(2, done.size(), done.toString());
    assertEquals(CycleState.ACHIEVED, done.get(1).state());
    assertEquals(Optional.of(mon(13, 0)), done.get(1).stop());
    assertEquals(Duration.ofHours(2), done.get(1).elapsed());
  }

  // [RESET] the engine's default (StopRule.AFTER_UPDATE) when the reset field also chooses the
  // policy (a definition per location, here one policy per location: 101 Broadway East 1 h,
  // elsewhere 4 h). ServiceNow has two SLAs: the Broadway one, breached at 10:00 and ended at
  // 10:30,
  // and the other definition's, attached at 10:30. Under AFTER_UPDATE, CANCEL_AND_REATTACH cancels
  // the running cycle and attaches one under the new policy at 10:30, which the same update's stop
  // trigger ends at once, then the start trigger attaches another: a third, zero-length met cycle
  // between the two. The preset sets BEFORE_UPDATE, which gives ServiceNow's two (the test after
  // this one).
  @Test
  void aResetThatAlsoChangesThePolicyLeavesAZeroLengthCycle() {
    String broadway = "101-broadway-east";
    SlaMetric p1 = SlaMetric.custom("p1_resolution");
    SlaPolicySet s = resetPerLocation(broadway).stopRule(StopRule.AFTER_UPDATE).build();
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0), "location", broadway),
            t.attr(mon(10, 30), "location", "seattle-hq"));
    List<MetricCycle> c = Fixtures.eval(s, h, mon(12, 0)).cycles(p1);
    assertEquals(3, c.size(), "AFTER_UPDATE: ServiceNow has two SLAs " + c);
    assertEquals(CycleState.BREACHED, c.get(0).state());
    assertEquals(Optional.of(mon(10, 0)), c.get(0).breachedAt());
    assertEquals(CycleState.ACHIEVED, c.get(1).state());
    assertEquals(Duration.ZERO, c.get(1).elapsed(), "the zero-length cycle");
    assertEquals(mon(10, 30), c.get(2).start());
    assertEquals(Optional.of(mon(14, 30)), c.get(2).deadline());
  }

  // [RESET] the same recipe with the preset's StopRule.BEFORE_UPDATE, ServiceNow's processing order
  // ("Service
  // Level Agreement (SLA) processing", c_SLAProcessing.md: an attached SLA whose stop condition is
  // true is completed before the condition that cancels it is checked, and a definition whose
  // start and stop conditions are both true attaches nothing): the move stops the Broadway SLA
  // under its own 1 h (breached at 10:00, completed at 10:30) and the start trigger attaches the
  // Seattle one at 10:30 (4 h, due 14:30): two SLAs, no zero-length one between them.
  @Test
  void beforeUpdateStopsTheResetSlaUnderItsOwnPolicyAndAttachesOne() {
    String broadway = "101-broadway-east";
    SlaMetric p1 = SlaMetric.custom("p1_resolution");
    SlaPolicySet s = resetPerLocation(broadway).build(); // the preset's StopRule.BEFORE_UPDATE
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0), "location", broadway),
            t.attr(mon(10, 30), "location", "seattle-hq"));
    List<MetricCycle> c = Fixtures.eval(s, h, mon(12, 0)).cycles(p1);
    assertEquals(2, c.size(), c.toString());
    assertEquals(CycleState.BREACHED, c.get(0).state());
    assertEquals(Optional.of(mon(10, 0)), c.get(0).breachedAt());
    assertEquals(Optional.of(mon(10, 30)), c.get(0).stop());
    assertEquals(Optional.of(Duration.ofHours(1)), c.get(0).target());
    assertEquals(1, c.get(1).cycle());
    assertEquals(mon(10, 30), c.get(1).start());
    assertEquals(CycleState.ACTIVE, c.get(1).state());
    assertEquals(Optional.of(mon(14, 30)), c.get(1).deadline());
  }

  private static SlaPolicySet.Builder resetPerLocation(String broadway) {
    SlaMetric p1 = SlaMetric.custom("p1_resolution");
    return SN.policySet()
        .metric(
            MetricDefinition.builder("p1_resolution")
                .startOn(MetricTrigger.created(), MetricTrigger.attributeLeft("location", broadway))
                .stopOn(MetricTrigger.solved(), MetricTrigger.attributeLeft("location", broadway))
                .cycles(MetricDefinition.Cycles.NEW_CYCLE)
                .whenSolved(MetricDefinition.WhenSolved.SKIP)
                .build())
        .policy(
            SlaPolicy.builder("broadway")
                .when(MatchCondition.always().withAttribute("location", broadway))
                .matrix(PriorityMatrix.constant("1-critical"))
                .target("1-critical", p1, Duration.ofHours(1))
                .build())
        .defaultPolicy(
            SlaPolicy.builder("elsewhere")
                .matrix(PriorityMatrix.constant("1-critical"))
                .target("1-critical", p1, Duration.ofHours(4))
                .build());
  }

  // [PROCESS] the engine's default (creationStopOverridesStart false): an incident created already
  // resolved (logged after the fact) gets no task SLA in ServiceNow, the stop condition overriding
  // the start. Without the option a ticket created in a status is measured as created in the
  // initial status and moved at once, so both the task-sla stage and the built-in resolution
  // report a met cycle of zero length at the creation. Reopened at 10:00: both attach a new SLA
  // from the reopen, as ServiceNow does. The preset sets the option (the test after this one).
  @Test
  void anIncidentCreatedResolvedGetsAZeroLengthCycleWhereServiceNowAttachesNone() {
    SlaPolicySet s = set(MetricRule.ALWAYS, Duration.ofHours(8), false);
    TicketEvent created =
        TicketEvent.Created.byCustomer("INC0010002", "e1", mon(9, 0), Map.of(), Set.of())
            .withStatus("resolved");
    SlaEvaluation e = Fixtures.eval(s, List.of(created), mon(9, 30));
    for (SlaMetric m : List.of(TASK, RESOLUTION)) {
      MetricCycle c = only(e, m);
      assertEquals(CycleState.ACHIEVED, c.state(), "known difference: ServiceNow attaches none");
      assertEquals(Duration.ZERO, c.elapsed(), m.toString());
    }
    List<TicketEvent> reopened =
        List.of(
            created, new TicketEvent.StatusChanged("INC0010002", "e2", mon(10, 0), "in-progress"));
    SlaEvaluation later = Fixtures.eval(s, reopened, mon(11, 0));
    for (SlaMetric m : List.of(TASK, RESOLUTION)) {
      assertEquals(mon(10, 0), later.cycles(m).get(1).start(), m.toString());
      assertEquals(Optional.of(mon(18, 0)), later.cycles(m).get(1).deadline(), m.toString());
    }
  }

  // [PROCESS] the preset (creationStopOverridesStart): an incident created already resolved gets
  // no task SLA, "If the Start condition is true and the Stop condition is true, do nothing. No SLA
  // record is created, because the Stop condition overrides the Start condition" ("Service Level
  // Agreement (SLA) processing", c_SLAProcessing.md). Reopened at 10:00: the first SLA of each
  // (number 0) attaches from the reopen, P3 8 h, due 18:00.
  @Test
  void anIncidentCreatedResolvedGetsNoTaskSla() {
    SlaPolicySet s = set(MetricRule.ALWAYS, Duration.ofHours(8));
    TicketEvent created =
        TicketEvent.Created.byCustomer("INC0010002", "e1", mon(9, 0), Map.of(), Set.of())
            .withStatus("resolved");
    SlaEvaluation e = Fixtures.eval(s, List.of(created), mon(9, 30));
    assertEquals(List.of(), e.cycles(TASK));
    assertEquals(List.of(), e.cycles(RESOLUTION));
    List<TicketEvent> reopened =
        List.of(
            created, new TicketEvent.StatusChanged("INC0010002", "e2", mon(10, 0), "in-progress"));
    SlaEvaluation later = Fixtures.eval(s, reopened, mon(11, 0));
    for (SlaMetric m : List.of(TASK, RESOLUTION)) {
      List<MetricCycle> c = later.cycles(m);
      assertEquals(1, c.size(), c.toString());
      assertEquals(0, c.get(0).cycle(), m.toString());
      assertEquals(mon(10, 0), c.get(0).start(), m.toString());
      assertEquals(Optional.of(mon(18, 0)), c.get(0).deadline(), m.toString());
    }
  }

  // [FLOW] the notification flow's 50 % and 75 % as warnings, 100 % the breach; pauses move them
  // all: P1 8 h from 09:00, on hold 10:00-11:00 -> 50 % (4 h counted) at 14:00, 75 % (6 h) at
  // 16:00, breached at 18:00.
  @Test
  void theNotificationFlowsFiftyAndSeventyFivePercentMoveWithThePause() {
    SlaPolicySet s =
        SN.policySet()
            .defaultPolicy(
                SlaPolicy.builder("incident")
                    .matrix(PriorityMatrix.constant("1-critical"))
                    .target("1-critical", RESOLUTION, Duration.ofHours(8))
                    .rule(SN.rule(RESOLUTION).warnAt(50, 75).build())
                    .build())
            .build();
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0)),
            t.status(mon(10, 0), "on-hold"),
            t.status(mon(11, 0), "in-progress"));
    assertEquals(Optional.of(mon(14, 0)), PresetScenarios.clockOf(s, h).nextTransition(mon(12, 0)));
    MetricCycle c = only(Fixtures.eval(s, h, mon(19, 0)), RESOLUTION);
    assertEquals(
        List.of(new WarningReached(50, mon(14, 0)), new WarningReached(75, mon(16, 0))),
        c.warnings());
    assertEquals(CycleState.BREACHED, c.state());
    assertEquals(Optional.of(mon(18, 0)), c.breachedAt());
  }

  // [TZ] the caller's time zone as the time zone source: one policy per caller time zone, matched
  // on the caller's attribute, each counting the "8-5 weekdays" schedule in its zone, and the
  // default policy the system time zone (UTC) for a caller without one. P1 8 h, created Monday
  // 07:00 UTC: Paris (08:00 local) due 16:00 local = 15:00 UTC; New York (02:00 local) opens at
  // 08:00 local, due 16:00 local = 21:00 UTC; no time zone: opens 08:00 UTC, due 16:00 UTC.
  @Test
  void theCallersTimeZoneChoosesTheZoneOfTheSchedule() {
    Map<String, BusinessCalendar> schedules = new HashMap<>();
    for (String zone : new String[] {"UTC", "Europe/Paris", "America/New_York"}) {
      schedules.put(
          "8-5-" + zone.toLowerCase(Locale.ROOT).replace('/', '-').replace('_', '-'),
          BusinessCalendar.builder(ZoneId.of(zone))
              .weekdays(TimeRange.parse("08:00-17:00"))
              .build());
    }
    SlaPolicySet s =
        SN.policySet()
            .policy(callerZonePolicy("europe-paris"))
            .policy(callerZonePolicy("america-new-york"))
            .defaultPolicy(callerZonePolicy("utc"))
            .build();
    Map<String, Instant> due =
        Map.of("europe-paris", mon(15, 0), "america-new-york", mon(21, 0), "utc", mon(16, 0));
    for (Map.Entry<String, Instant> e : due.entrySet()) {
      Fixtures.Ticket u = new Fixtures.Ticket("INC-" + e.getKey());
      TicketEvent created =
          e.getKey().equals("utc")
              ? u.created(mon(7, 0))
              : u.created(mon(7, 0), "caller_tz", e.getKey());
      MetricCycle c =
          only(SlaClock.evaluate(s, schedules, List.of(created), mon(7, 30)), RESOLUTION);
      assertEquals(Optional.of(e.getValue()), c.deadline(), e.getKey());
    }
  }

  private static SlaPolicy callerZonePolicy(String zone) {
    SlaPolicy.Builder p =
        SlaPolicy.builder("incident-" + zone)
            .matrix(PriorityMatrix.constant("1-critical"))
            .target("1-critical", RESOLUTION, Duration.ofHours(8))
            .rule(SN.rule(RESOLUTION).calendar("8-5-" + zone).build());
    if (!zone.equals("utc")) {
      p.when(MatchCondition.always().withAttribute("caller_tz", zone));
    }
    return p.build();
  }

  // [EXACT] a known difference from ServiceNow's default: servicekit judges the breach on exact
  // times, as ServiceNow does with the business_time_left property set. P1 8 h from 09:00,
  // resolved at 16:59:59: 99.9965 % used, which ServiceNow's default rounds up to 100 % (the page
  // rounds 99.951 % up) and marks breached; here it is met, with 1 s to spare, and the breach would
  // have been at 17:00 exactly.
  @Test
  void aStopOneSecondBeforeTheBreachIsMetAsWithExactTimes() {
    SlaPolicySet s = set(MetricRule.ALWAYS, Duration.ofDays(3));
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0)),
            t.priority(mon(9, 0), "1-critical"),
            t.status(mon(17, 0).minusSeconds(1), "resolved"));
    MetricCycle c = only(Fixtures.eval(s, h, mon(18, 0)), RESOLUTION);
    assertEquals(CycleState.ACHIEVED, c.state());
    assertEquals(Optional.of(Duration.ofSeconds(1)), c.signedRemaining());
    assertEquals(Optional.of(mon(17, 0)), c.deadline());
  }

  // [DUR] "Breach on Due Date" ignores pauses ("Pause conditions are not compatible with relative
  // durations"): due 15:00, on hold 10:00-12:00 -> breached at 15:00. Built, as the README row
  // says, without the preset's pause statuses; from SN.rule(resolution()) the on-hold pause would
  // push the breach to 17:00, which is not ServiceNow's rule.
  @Test
  void breachOnDueDateIsNotMovedByOnHold() {
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0), "due_at", "2026-01-05T15:00:00Z"),
            t.status(mon(10, 0), "on-hold"),
            t.status(mon(12, 0), "in-progress"));
    MetricCycle due =
        only(Fixtures.eval(dueDate(MetricRule.builder(RESOLUTION)), h, mon(15, 0)), RESOLUTION);
    assertEquals(Optional.of(mon(15, 0)), due.deadline());
    assertEquals(CycleState.BREACHED, due.state());
    assertEquals(Optional.of(mon(15, 0)), due.breachedAt());
    MetricCycle paused =
        only(Fixtures.eval(dueDate(SN.rule(RESOLUTION)), h, mon(15, 0)), RESOLUTION);
    assertEquals(Optional.of(mon(17, 0)), paused.deadline(), "the preset's pauses move it");
  }

  // [DUR] no Due Date, or one in the past: "the breach time of the task SLA is calculated to be one
  // second ahead of the task SLA start time". Created 09:00 -> breach time 09:00:01 (breached at
  // the breach time itself, AT_DEADLINE). Before: no due date left no cycle and no anomaly; a past
  // one breached at 09:00.
  @Test
  void breachOnDueDateWithNoOrAPastDueDateBreachesOneSecondAfterTheStart() {
    SlaPolicySet s = dueDate(MetricRule.builder(RESOLUTION));
    assertEquals(DueDateRule.ONE_SECOND_WHEN_MISSING_OR_PAST, s.dueDateRule());
    for (List<TicketEvent> h :
        List.of(
            List.of(t.created(mon(9, 0))),
            List.of(t.created(mon(9, 0), "due_at", "2026-01-05T08:00:00Z")))) {
      SlaEvaluation e = Fixtures.eval(s, h, mon(10, 0));
      MetricCycle c = only(e, RESOLUTION);
      assertEquals(Optional.of(mon(9, 0).plusSeconds(1)), c.deadline(), h.toString());
      assertEquals(CycleState.BREACHED, c.state(), h.toString());
      assertEquals(Optional.of(mon(9, 0).plusSeconds(1)), c.breachedAt(), h.toString());
      assertEquals(
          CycleState.ACTIVE,
          only(Fixtures.eval(s, h, mon(9, 0).plusMillis(999)), RESOLUTION).state(),
          h.toString());
    }
    SlaEvaluation none = Fixtures.eval(s, List.of(t.created(mon(9, 0))), mon(10, 0));
    assertEquals(1, none.anomalies().size(), none.anomalies().toString());
    assertTrue(
        none.anomalies()
            .get(0)
            .reason()
            .contains("no due date for resolution (attribute 'due_at')"),
        none.anomalies().toString());
  }

  private static SlaPolicySet dueDate(MetricRule.Builder rule) {
    return SN.policySet()
        .defaultPolicy(
            SlaPolicy.builder("incident")
                .matrix(PriorityMatrix.constant("3-moderate"))
                .rule(rule.dueFrom("due_at").build())
                .build())
        .build();
  }

  // [PROCESS] pass 1 checks "the SLA definitions that do not have an active SLA record" and
  // attaches one when the start condition is true; pass 2 cancels an active one "If the Start
  // condition is false" ("Service Level Agreement (SLA) processing", c_SLAProcessing.md; "SLA
  // transitions",
  // r_SLATransitions.md: Attach, Cancel). P3 (3 days) from 09:00, raised to P1 at 10:00 and back to
  // P3 at 11:00: the P3 SLA is cancelled at 10:00, the P1 SLA attached then is cancelled at 11:00,
  // and a new P3 SLA attaches at 11:00 with the full duration (no P3 record was active), due
  // Thursday 11:00.
  @Test
  void aPriorityChangedBackAttachesAFreshSlaOfTheFirstDefinition() {
    SlaPolicySet s = set(MetricRule.ALWAYS, Duration.ofDays(3));
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0)),
            t.priority(mon(10, 0), "1-critical"),
            t.priority(mon(11, 0), "3-moderate"));
    for (SlaMetric m : List.of(RESOLUTION, TASK)) {
      List<MetricCycle> r = Fixtures.eval(s, h, mon(12, 0)).cycles(m);
      assertEquals(3, r.size(), m + ": " + r);
      assertEquals(CycleState.CANCELLED, r.get(0).state(), m.toString());
      assertEquals(Optional.of(mon(10, 0)), r.get(0).stop(), m.toString());
      assertEquals(CycleState.CANCELLED, r.get(1).state(), m.toString());
      assertEquals(Optional.of(Duration.ofHours(8)), r.get(1).target(), m.toString());
      assertEquals(Optional.of(mon(11, 0)), r.get(1).stop(), m.toString());
      assertEquals(mon(11, 0), r.get(2).start(), m.toString());
      assertEquals(Optional.of(Duration.ofDays(3)), r.get(2).target(), m.toString());
      assertEquals(Optional.of(mon(3, 11, 0)), r.get(2).deadline(), m.toString());
      assertEquals(Duration.ofHours(1), r.get(2).elapsed(), m.toString());
    }
  }

  // [COND] "Pause if the pause condition matches. Resume if the pause condition doesn't match":
  // a move from one pause state to the other is no resume. P1 (8 h) from 09:00, On Hold at 10:00,
  // Awaiting User Info at 11:00, In Progress at 12:00: paused 2 h, due 19:00; at 11:30 still
  // paused with 1 h counted.
  @Test
  void aMoveBetweenTwoPauseStatesStaysPaused() {
    SlaPolicySet s = set(MetricRule.ALWAYS, Duration.ofDays(3));
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0), "severity", "1", "tier", "1"),
            t.status(mon(10, 0), "on-hold"),
            t.status(mon(11, 0), "awaiting-user-info"),
            t.status(mon(12, 0), "in-progress"));
    for (SlaMetric m : List.of(RESOLUTION, TASK)) {
      MetricCycle mid = only(Fixtures.eval(s, h.subList(0, 3), mon(11, 30)), m);
      assertEquals(CycleState.PAUSED, mid.state(), m.toString());
      assertEquals(Duration.ofHours(1), mid.elapsed(), m.toString());
      MetricCycle c = only(Fixtures.eval(s, h, mon(13, 0)), m);
      assertEquals(Duration.ofHours(2), c.pausedTime(), m.toString());
      assertEquals(Optional.of(mon(19, 0)), c.deadline(), m.toString());
    }
  }

  // [COND] "Attach if start condition matches and both the stop and cancel conditions don't
  // match": an incident logged already Canceled gets no task SLA and no resolution SLA.
  @Test
  void anIncidentCreatedCanceledGetsNoSla() {
    SlaPolicySet s = set(MetricRule.ALWAYS, Duration.ofHours(8));
    TicketEvent created =
        TicketEvent.Created.byCustomer("INC0010004", "e1", mon(9, 0), Map.of(), Set.of())
            .withStatus("canceled");
    SlaEvaluation e = Fixtures.eval(s, List.of(created), mon(20, 0));
    assertEquals(List.of(), e.cycles(TASK));
    assertEquals(List.of(), e.cycles(RESOLUTION));
  }

  // [TIMELINE] 8 h on the "8-5 weekdays" schedule, attached Monday 07:00: nothing counts before
  // 08:00, 50 % (4 h) at 12:00, 75 % (6 h) at 14:00, breached at 16:00 (8 h after 08:00), the
  // timeline's colour bands as the flow's 50 % and 75 % notifications.
  @Test
  void theTimelineExampleReachesFiftyAtNoonSeventyFiveAtTwoAndBreachesAtFour() {
    SlaPolicySet s =
        SN.policySet()
            .defaultPolicy(
                SlaPolicy.builder("incident")
                    .matrix(PriorityMatrix.constant("2-high"))
                    .target("2-high", TASK, Duration.ofHours(8))
                    .rule(SN.rule(TASK).calendar("8-5-weekdays").warnAt(50, 75).build())
                    .build())
            .build();
    Map<String, BusinessCalendar> schedules =
        Map.of(
            "8-5-weekdays",
            BusinessCalendar.builder(ZoneId.of("UTC"))
                .weekdays(TimeRange.parse("08:00-17:00"))
                .build());
    List<TicketEvent> h = List.of(t.created(mon(7, 0)));
    MetricCycle outOfSchedule = only(SlaClock.evaluate(s, schedules, h, mon(8, 0)), TASK);
    assertEquals(Duration.ZERO, outOfSchedule.elapsed());
    assertEquals(Duration.ofHours(1), outOfSchedule.wallElapsed());
    assertEquals(
        50.0, only(SlaClock.evaluate(s, schedules, h, mon(12, 0)), TASK).percentConsumed());
    assertEquals(
        75.0, only(SlaClock.evaluate(s, schedules, h, mon(14, 0)), TASK).percentConsumed());
    MetricCycle c = only(SlaClock.evaluate(s, schedules, h, mon(17, 0)), TASK);
    assertEquals(
        List.of(new WarningReached(50, mon(12, 0)), new WarningReached(75, mon(14, 0))),
        c.warnings());
    assertEquals(CycleState.BREACHED, c.state());
    assertEquals(Optional.of(mon(16, 0)), c.breachedAt());
  }

  // [SUBSET] a definition whose pause condition is its start condition: "State is On Hold" as a
  // stage of the preset, stopped by resolved or closed, paused On Hold. On hold at 10:00 attaches
  // it paused (nothing counts at 11:00); back In Progress at 12:00 its start condition no longer
  // matches: CANCELLED at 12:00, never having counted.
  @Test
  void aPauseConditionEqualToTheStartConditionAttachesPausedAndCancelsOnResume() {
    SlaMetric held = SlaMetric.stage("held");
    SlaPolicySet s =
        SN.policySet()
            .stage(
                new StageDefinition(
                    "held", Set.of("on-hold"), ReopenRule.RESTART, Set.of("resolved", "closed")))
            .defaultPolicy(
                SlaPolicy.builder("incident")
                    .matrix(PriorityMatrix.constant("3-moderate"))
                    .target("3-moderate", held, Duration.ofHours(8))
                    .rule(MetricRule.builder(held).pauseOn("on-hold").build())
                    .build())
            .build();
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0)),
            t.status(mon(10, 0), "on-hold"),
            t.status(mon(12, 0), "in-progress"));
    MetricCycle paused = only(Fixtures.eval(s, h.subList(0, 2), mon(11, 0)), held);
    assertEquals(CycleState.PAUSED, paused.state());
    assertEquals(mon(10, 0), paused.start());
    assertEquals(Duration.ZERO, paused.elapsed());
    MetricCycle cancelled = only(Fixtures.eval(s, h, mon(13, 0)), held);
    assertEquals(CycleState.CANCELLED, cancelled.state());
    assertEquals(Optional.of(mon(12, 0)), cancelled.stop());
    assertEquals(Duration.ZERO, cancelled.elapsed());
  }

  // [RESET-CANCEL] the reset that cancels instead of completing: the reset trigger as a cancel
  // trigger and a start trigger of the definition (a cancel acts before a start in one update).
  // P1 8 h from 09:00 at 101 Broadway East; moved to Seattle HQ at 11:00 -> SLA 0 cancelled with
  // 2 h, SLA 1 attached at 11:00, due 19:00; resolved 13:00 -> SLA 1 completed with 2 h.
  @Test
  void aResetConditionThatCancelsCancelsTheRunningSlaAndAttachesANewOne() {
    String broadway = "101-broadway-east";
    SlaMetric p1 = SlaMetric.custom("p1_resolution");
    SlaPolicySet s =
        SN.policySet()
            .metric(
                MetricDefinition.builder("p1_resolution")
                    .startOn(
                        MetricTrigger.created(), MetricTrigger.attributeLeft("location", broadway))
                    .stopOn(MetricTrigger.solved())
                    .cancelOn(MetricTrigger.attributeLeft("location", broadway))
                    .cycles(MetricDefinition.Cycles.NEW_CYCLE)
                    .whenSolved(MetricDefinition.WhenSolved.SKIP)
                    .pauseIn("on-hold", "awaiting-user-info")
                    .build())
            .defaultPolicy(
                SlaPolicy.builder("incident")
                    .matrix(PriorityMatrix.constant("1-critical"))
                    .target("1-critical", p1, Duration.ofHours(8))
                    .build())
            .build();
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0), "location", broadway),
            t.attr(mon(11, 0), "location", "seattle-hq"),
            t.status(mon(13, 0), "resolved"));
    List<MetricCycle> running = Fixtures.eval(s, h, mon(12, 0)).cycles(p1);
    assertEquals(2, running.size(), running.toString());
    assertEquals(CycleState.CANCELLED, running.get(0).state());
    assertEquals(Optional.of(mon(11, 0)), running.get(0).stop());
    assertEquals(Duration.ofHours(2), running.get(0).elapsed());
    assertEquals(mon(11, 0), running.get(1).start());
    assertEquals(Optional.of(mon(19, 0)), running.get(1).deadline());
    List<MetricCycle> done = Fixtures.eval(s, h, mon(14, 0)).cycles(p1);
    assertEquals(2, done.size(), done.toString());
    assertEquals(CycleState.ACHIEVED, done.get(1).state());
    assertEquals(Duration.ofHours(2), done.get(1).elapsed());
  }

  // [COND] + [DUR] a task SLA is cancelled when its start condition stops matching ("Cancel if the
  // start condition doesn't match or cancel conditions matches"), and a Due Date is no start
  // condition: moving it cancels nothing. An incident with a P3 task SLA of 8 h and a "Breach on
  // Due Date" resolution SLA, created 09:00 due 13:00; at 10:00 the Due Date moves to 15:00. The
  // task SLA runs on from 09:00, due 17:00 (it was cancelled and a new one attached at 10:00, due
  // 18:00); the due-date SLA is one SLA from 09:00, its breach time the new Due Date, 15:00
  // (whether ServiceNow moves an attached SLA's breach time with the field the page does not say;
  // the field "effectively allows the user to specify the Breach Time", KB0685191).
  @Test
  void movingTheDueDateCancelsNoTaskSla() {
    SlaPolicySet s =
        SN.policySet()
            .defaultPolicy(
                SlaPolicy.builder("incident")
                    .matrix(PriorityMatrix.constant("3-moderate"))
                    .target("3-moderate", TASK, Duration.ofHours(8))
                    .rule(MetricRule.builder(RESOLUTION).dueFrom("due_at").build())
                    .build())
            .build();
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0), "due_at", "2026-01-05T13:00:00Z"),
            t.attr(mon(10, 0), "due_at", "2026-01-05T15:00:00Z"));
    SlaEvaluation e = Fixtures.eval(s, h, mon(11, 0));
    MetricCycle task = only(e, TASK);
    assertEquals(mon(9, 0), task.start());
    assertEquals(CycleState.ACTIVE, task.state());
    assertEquals(Optional.of(mon(17, 0)), task.deadline());
    MetricCycle due = only(e, RESOLUTION);
    assertEquals(mon(9, 0), due.start());
    assertEquals(Optional.of(mon(15, 0)), due.deadline());
    assertEquals(2, e.policyChanges().size(), "the move is still a re-target");
    // a priority change in the same update still cancels and attaches
    List<TicketEvent> both =
        List.of(
            t.created(mon(9, 0), "due_at", "2026-01-05T13:00:00Z"),
            t.attr(mon(10, 0), "due_at", "2026-01-05T15:00:00Z"),
            t.priority(mon(10, 0), "3-moderate-vip"));
    SlaPolicySet vip =
        SN.policySet()
            .defaultPolicy(
                SlaPolicy.builder("incident")
                    .matrix(PriorityMatrix.constant("3-moderate"))
                    .target("3-moderate", TASK, Duration.ofHours(8))
                    .target("3-moderate-vip", TASK, Duration.ofHours(4))
                    .rule(MetricRule.builder(RESOLUTION).dueFrom("due_at").build())
                    .build())
            .build();
    List<MetricCycle> r = Fixtures.eval(vip, both, mon(11, 0)).cycles(TASK);
    assertEquals(2, r.size(), r.toString());
    assertEquals(CycleState.CANCELLED, r.get(0).state());
    assertEquals(Optional.of(mon(14, 0)), r.get(1).deadline());
  }

  // One update, one result: the Due Date and the priority changed by one update, in either order
  // of their event ids, cancel and attach once, the cancelled cycles judged by the targeting before
  // the update (AFTER_UPDATE as well as the preset's BEFORE_UPDATE); a priority changed and changed
  // back in the update with the Due Date cancels nothing.
  @Test
  void aDueDateAndAPriorityChangedByOneUpdateReattachOnceWhateverTheIds() {
    Instant ten = mon(10, 0);
    for (StopRule stop : StopRule.values()) {
      SlaPolicySet s =
          SN.policySet()
              .stopRule(stop)
              .defaultPolicy(
                  SlaPolicy.builder("incident")
                      .matrix(PriorityMatrix.constant("3-moderate"))
                      .target("3-moderate", TASK, Duration.ofHours(8))
                      .target("1-critical", TASK, Duration.ofHours(4))
                      .rule(MetricRule.builder(RESOLUTION).dueFrom("due_at").build())
                      .build())
              .build();
      TicketEvent created =
          TicketEvent.Created.byCustomer(
              "INC0010009", "e0", mon(9, 0), Map.of("due_at", "2026-01-05T13:00:00Z"), Set.of());
      List<List<MetricCycle>> seen = new java.util.ArrayList<>();
      for (String[] ids : new String[][] {{"e1", "e2"}, {"e2", "e1"}}) {
        List<TicketEvent> h =
            List.of(
                created,
                new TicketEvent.AttributeChanged(
                    "INC0010009", ids[0], ten, "due_at", "2026-01-05T15:00:00Z"),
                new TicketEvent.PriorityChanged("INC0010009", ids[1], ten, "1-critical"));
        SlaEvaluation e = Fixtures.eval(s, h, mon(11, 0));
        List<MetricCycle> all = new java.util.ArrayList<>(e.cycles(TASK));
        all.addAll(e.cycles(RESOLUTION));
        seen.add(all);
        List<MetricCycle> res = e.cycles(RESOLUTION);
        assertEquals(2, res.size(), stop + " " + res);
        assertEquals(CycleState.CANCELLED, res.get(0).state(), stop.toString());
        assertEquals(Optional.of(mon(13, 0)), res.get(0).deadline(), "judged before the update");
        assertEquals(Optional.of(mon(15, 0)), res.get(1).deadline(), stop.toString());
        assertEquals(Optional.of(mon(14, 0)), e.cycles(TASK).get(1).deadline(), stop.toString());
      }
      assertEquals(seen.get(0), seen.get(1), stop.toString());
      List<TicketEvent> back =
          List.of(
              created,
              new TicketEvent.PriorityChanged("INC0010009", "e1", ten, "1-critical"),
              new TicketEvent.AttributeChanged(
                  "INC0010009", "e2", ten, "due_at", "2026-01-05T15:00:00Z"),
              new TicketEvent.PriorityChanged("INC0010009", "e3", ten, "3-moderate"));
      SlaEvaluation e = Fixtures.eval(s, back, mon(11, 0));
      assertEquals(mon(9, 0), only(e, TASK).start(), stop.toString());
      assertEquals(Optional.of(mon(17, 0)), only(e, TASK).deadline(), stop.toString());
      assertEquals(Optional.of(mon(15, 0)), only(e, RESOLUTION).deadline(), stop.toString());
    }
  }

  // [PROCESS] + [RESET] the preset's stop before cancel with metric definitions beside the
  // built-ins: one update at 10:00 raises P3 to P1 and adds an internal note and a public reply.
  // Each SLA the update stops or cancels is judged under P3 and nothing is attached for it: the
  // definition stopped by the note is met (1 h of 4 h), first response met by the reply (1 h of
  // 4 h), the definition cancelled by the reply stays cancelled; whatever the ids of the note, the
  // reply and a second note (it used to throw IndexOutOfBoundsException for some orders).
  @Test
  void anUpdateThatRaisesThePriorityAndStopsSlasOfDefinitionsAndBuiltInsAttachesNothing() {
    SlaPolicySet s =
        SN.policySet()
            .metric(
                MetricDefinition.builder("engaged")
                    .startOn(MetricTrigger.created())
                    .cancelOn(MetricTrigger.publicReply())
                    .build())
            .metric(
                MetricDefinition.builder("triaged")
                    .startOn(MetricTrigger.created())
                    .stopOn(MetricTrigger.internalNote())
                    .build())
            .defaultPolicy(
                SlaPolicy.builder("incident")
                    .matrix(PriorityMatrix.constant("3-moderate"))
                    .target("3-moderate", SlaMetric.firstResponse(), Duration.ofHours(4))
                    .target("1-critical", SlaMetric.firstResponse(), Duration.ofHours(1))
                    .target("3-moderate", SlaMetric.custom("triaged"), Duration.ofHours(4))
                    .target("1-critical", SlaMetric.custom("triaged"), Duration.ofHours(1))
                    .build())
            .build();
    String[][] orders = {
      {"e1", "e2", "e3", "e4"},
      {"e1", "e2", "e4", "e3"},
      {"e1", "e4", "e2", "e3"},
      {"e4", "e3", "e2", "e1"}
    };
    for (String[] ids : orders) {
      String order = String.join(",", ids);
      List<TicketEvent> h =
          List.of(
              TicketEvent.Created.byCustomer("INC0010010", "e0", mon(9, 0), Map.of(), Set.of()),
              new TicketEvent.PriorityChanged("INC0010010", ids[0], mon(10, 0), "1-critical"),
              TicketEvent.AgentReply.internalNote("INC0010010", ids[1], mon(10, 0)),
              TicketEvent.AgentReply.publicReply("INC0010010", ids[2], mon(10, 0)),
              TicketEvent.AgentReply.internalNote("INC0010010", ids[3], mon(10, 0)));
      SlaEvaluation e = Fixtures.eval(s, h, mon(11, 0));
      MetricCycle triaged = only(e, SlaMetric.custom("triaged"));
      assertEquals(CycleState.ACHIEVED, triaged.state(), order);
      assertEquals(Optional.of(Duration.ofHours(4)), triaged.target(), order);
      assertEquals(Duration.ofHours(1), triaged.elapsed(), order);
      MetricCycle first = only(e, SlaMetric.firstResponse());
      assertEquals(CycleState.ACHIEVED, first.state(), order);
      assertEquals(Optional.of(Duration.ofHours(4)), first.target(), order);
      assertEquals(Duration.ofHours(1), first.elapsed(), order);
      MetricCycle engaged = only(e, SlaMetric.custom("engaged"));
      assertEquals(CycleState.CANCELLED, engaged.state(), order);
      assertEquals(Optional.of(mon(10, 0)), engaged.stop(), order);
    }
  }
}
