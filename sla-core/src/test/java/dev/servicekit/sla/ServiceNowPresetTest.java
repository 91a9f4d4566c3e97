package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.mon;
import static dev.servicekit.sla.PresetScenarios.only;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link SlaPreset#SERVICENOW}: scenarios from ServiceNow's product documentation, expected values
 * computed by hand (times UTC, Monday 2026-01-05, 24x7 schedule unless a test says otherwise).
 *
 * <p>Sources read (through the search tool):
 *
 * <ul>
 *   <li>[DUR] "SLA duration types",
 *       https://www.servicenow.com/docs/r/xanadu/it-service-management/service-level-management/c_SLADuration.html:
 *       the duration is "the length of time that an SLA must run before it is marked as breached";
 *       "a duration of 10 hours starting at 10:30 am results in a breach at 8:30 pm the same day if
 *       no schedule is applied" (the page's own summary of its example).
 *   <li>[COND] "SLA conditions",
 *       https://www.servicenow.com/docs/r/yokohama/it-service-management/service-level-management/c_SLAConditions.html:
 *       "Attach if start conditions match and neither stop nor cancel conditions match. Complete if
 *       stop conditions match. Pause if pause conditions match. Resume if pause conditions do not
 *       match ... Cancel if start conditions do not match or cancel conditions match."
 *   <li>[RETRO] "Configure SLA retroactive start and pause",
 *       https://www.servicenow.com/docs/r/yokohama/it-service-management/service-level-management/t_UseSLARetroactiveStartAndPause.html:
 *       "an incident is raised with priority 3 - Moderate and changes to 1 - Critical after 3
 *       hours. A priority 1 SLA is attached at that time". The 8 h priority 1 target is the base
 *       system's "Priority 1 resolution (8 hour)" definition; 3 days for priority 3 is ours.
 *   <li>[SCHED] "Use schedules",
 *       https://docs.servicenow.com/bundle/tokyo-platform-administration/page/administer/time/concept/c_UseSchedules.html:
 *       "if a service level agreement is set to an 8-5 Weekdays schedule, the SLA only counts time
 *       during those hours".
 * </ul>
 *
 * <p>The preset pauses resolution while {@code on-hold}: [COND] describes pause conditions, but no
 * first-party page listing the base system definitions' pause condition could be read.
 */
class ServiceNowPresetTest {

  private static final SlaPreset SN = SlaPreset.SERVICENOW;
  private static final SlaMetric RESOLUTION = SlaMetric.resolution();
  private static final SlaMetric TASK = SlaMetric.stage(SlaPreset.SERVICENOW_TASK_STAGE);

  static SlaPolicySet set(String calendar, Duration p3Resolution) {
    SlaPolicy p =
        SlaPolicy.builder("incident")
            .matrix(PresetScenarios.priorities("3-moderate", "1-critical"))
            .target("3-moderate", RESOLUTION, p3Resolution)
            .target("1-critical", RESOLUTION, Duration.ofHours(8))
            .target("3-moderate", TASK, p3Resolution)
            .target("1-critical", TASK, Duration.ofHours(8))
            .rule(SN.rule(RESOLUTION).calendar(calendar).build())
            .rule(SN.rule(TASK).calendar(calendar).build())
            .build();
    return SN.policySet().defaultPolicy(p).build();
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
  // cancelled when the incident is canceled instead; resolution, which knows no cancel, ends
  // achieved either way.
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

  // [SCHED] on an 8-5 weekdays schedule only those hours count. Computed by hand for 08:00-17:00
  // Monday to Friday: a P1 (8 h) incident opened Monday 15:00 counts 2 h on Monday and the
  // remaining 6 h from Tuesday 08:00: breach Tuesday 14:00.
  @Test
  void anEightToFiveScheduleCountsOnlyThoseHours() {
    SlaPolicySet s = set("8-5-weekdays", Duration.ofDays(3));
    List<TicketEvent> h = List.of(t.created(mon(15, 0)), t.priority(mon(15, 0), "1-critical"));
    MetricCycle c =
        only(
            SlaClock.evaluateTimes(
                s,
                java.util.Map.of(
                    "8-5-weekdays",
                    new WeeklyHours()
                        .add(
                            8 * 60,
                            17 * 60,
                            java.time.DayOfWeek.MONDAY,
                            java.time.DayOfWeek.TUESDAY,
                            java.time.DayOfWeek.WEDNESDAY,
                            java.time.DayOfWeek.THURSDAY,
                            java.time.DayOfWeek.FRIDAY)),
                h,
                mon(1, 14, 0)),
            RESOLUTION);
    assertEquals(Optional.of(mon(1, 14, 0)), c.deadline());
    assertEquals(CycleState.BREACHED, c.state(), "breached at the breach time itself");
  }
}
