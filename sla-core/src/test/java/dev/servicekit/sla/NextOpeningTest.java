package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.h;
import static dev.servicekit.sla.Fixtures.mon;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.sla.internal.clock.BusinessTime;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * "A target used up exactly at a close breaches at the next opening", dbt_zendesk's reply-time
 * rule, is {@link ClosingRule#AT_NEXT_OPENING}: checked here across a weekend, after several
 * periods, under both breach rules, and when the calendar changed mid-cycle.
 *
 * <p>Source: dbt_zendesk, models/sla_policy/reply_time/int_zendesk__reply_time_business_hours.sql
 * (https://github.com/fivetran/dbt_zendesk): {@code remaining_minutes = target -
 * sum_lapsed_business_minutes} is summed over the schedule periods in order; {@code
 * is_breached_during_schedule} flags the first period where it is {@code < 0} after a period where
 * it was {@code >= 0}, and {@code sla_breach_at} is that period's {@code schedule_end_time +
 * remaining_minutes}. A target used up exactly at a period's end leaves 0 there, so the flagged
 * period is the next one, whose end minus its whole length is its start: the next opening. The
 * calendar "team" is Monday to Friday 09:00-17:00 UTC.
 */
class NextOpeningTest {

  private static SlaPolicySet set(Duration target, BreachRule breach) {
    return Fixtures.statusModel()
        .breachRule(breach)
        .closingRule(ClosingRule.AT_NEXT_OPENING)
        .defaultPolicy(
            SlaPolicy.builder("standard")
                .matrix(PriorityMatrix.constant("normal"))
                .target("normal", SlaMetric.firstResponse(), target)
                .rule(MetricRule.builder(SlaMetric.firstResponse()).calendar("team").build())
                .build())
        .build();
  }

  private static MetricCycle first(SlaPolicySet set, Instant created, Instant now) {
    return Fixtures.eval(
            set,
            List.of(TicketEvent.Created.byCustomer("T", "c", created, Map.of(), Set.of())),
            now)
        .latest(SlaMetric.firstResponse())
        .orElseThrow();
  }

  @Test
  void aFridayCloseBreachesAtMondaysOpening() {
    Instant friday16 = mon(4, 16, 0);
    Instant monday9 = mon(7, 9, 0);
    MetricCycle weekend = first(set(h(1), BreachRule.AFTER_DEADLINE), friday16, mon(5, 12, 0));
    assertEquals(CycleState.ACTIVE, weekend.state(), "used up at Friday 17:00, not breached");
    assertEquals(Optional.of(monday9), weekend.deadline());
    assertEquals(
        Optional.of(monday9.plusNanos(1)),
        first(set(h(1), BreachRule.AFTER_DEADLINE), friday16, monday9.plusNanos(1)).breachedAt());
    assertEquals(
        Optional.of(monday9),
        first(set(h(1), BreachRule.AT_DEADLINE), friday16, monday9).breachedAt(),
        "dbt_zendesk's sla_breach_at: the opening itself");
  }

  @Test
  void aTargetSpanningSeveralPeriodsUsedUpAtACloseIsDueAtTheNextOpening() {
    // Monday 16:00 + 9 h of team time: 1 h Monday, 8 h Tuesday, used up at Tuesday 17:00
    MetricCycle m = first(set(h(9), BreachRule.AFTER_DEADLINE), mon(16, 0), mon(1, 18, 0));
    assertEquals(CycleState.ACTIVE, m.state());
    assertEquals(Optional.of(mon(2, 9, 0)), m.deadline());
    assertEquals(h(9), m.elapsed());
  }

  @Test
  void afterACalendarChangeTheNextOpeningIsThatOfTheCalendarTheTargetRanOutOn() {
    // Team 09:00-17:00 until 10:00, then (schedule=late) 12:00-20:00 on weekdays, per period:
    // 1 h Monday 09:00-10:00 on team, 8 h Monday 12:00-20:00 on late: used up at late's close,
    // due at late's next opening, Tuesday 12:00 (not team's 09:00).
    WeeklyHours late = new WeeklyHours();
    for (DayOfWeek d : List.of(DayOfWeek.values()).subList(0, 5)) {
      late.add(12 * 60, 20 * 60, d);
    }
    Map<String, BusinessTime> cals = Map.of("chicago", WeeklyHours.nineToFive(), "sf", late);
    List<TicketEvent> h =
        List.of(
            TicketEvent.Created.byCustomer("T", "c", mon(9, 0), Map.of(), Set.of()),
            new TicketEvent.AttributeChanged("T", "s", mon(10, 0), "schedule", "sf"));
    SlaPolicySet perPeriod =
        SlaPolicyJson.read(
            SlaPolicyJson.write(PerPeriodScheduleProperties.set(ScheduleRule.PER_PERIOD, h(9)))
                .replace("\"closingRule\": \"AT_CLOSE\"", "\"closingRule\": \"AT_NEXT_OPENING\""));
    MetricCycle m =
        SlaClock.evaluateTimes(perPeriod, cals, h, mon(21, 0))
            .latest(SlaMetric.firstResponse())
            .orElseThrow();
    assertEquals(h(9), m.elapsed());
    assertEquals(CycleState.ACTIVE, m.state());
    assertEquals(Optional.of(mon(1, 12, 0)), m.deadline());
  }

  /**
   * The README's closing rule, as clarified after a differential review ({@code
   * BusinessFiguresOracleProperties}): when no calendar opens again from an instant the cycle runs
   * at, there is no opening to move to and it is due at that instant. A first reply used up at
   * Monday's 10:00 close on a calendar open only Monday and Tuesday 09:00-10:00 is due Tuesday
   * 09:00; paused through that last opening, it is due when it resumes (Wednesday 12:00), not back
   * at Monday's close: it never ran while an opening was left.
   */
  @Test
  void aCyclePausedThroughTheLastOpeningIsDueWhenItResumes() {
    BusinessCalendar twoHours =
        BusinessCalendar.builder(java.time.ZoneOffset.UTC)
            .hoursOn(java.time.LocalDate.of(2026, 1, 5), TimeRange.parse("09:00-10:00"))
            .hoursOn(java.time.LocalDate.of(2026, 1, 6), TimeRange.parse("09:00-10:00"))
            .build();
    SlaPolicySet set =
        Fixtures.statusModel()
            .closingRule(ClosingRule.AT_NEXT_OPENING)
            .defaultPolicy(
                SlaPolicy.builder("standard")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", SlaMetric.firstResponse(), h(1))
                    .rule(
                        MetricRule.builder(SlaMetric.firstResponse())
                            .calendar("team")
                            .pauseOn("pending")
                            .build())
                    .build())
            .build();
    SlaClock clock = SlaClock.of(set, Map.of("team", twoHours), "T");
    clock.accept(TicketEvent.Created.byCustomer("T", "c", mon(0, 9, 0), Map.of(), Set.of()));
    clock.accept(new TicketEvent.StatusChanged("T", "p", mon(0, 12, 0), "pending"));
    clock.accept(new TicketEvent.StatusChanged("T", "o", mon(2, 12, 0), "open"));
    MetricCycle monday = clock.evaluate(mon(0, 11, 0)).latest(SlaMetric.firstResponse()).get();
    assertEquals(CycleState.ACTIVE, monday.state());
    assertEquals(Optional.of(mon(1, 9, 0)), monday.deadline(), "the next opening");
    MetricCycle paused = clock.evaluate(mon(1, 12, 0)).latest(SlaMetric.firstResponse()).get();
    assertEquals(CycleState.PAUSED, paused.state(), "no running instant followed the close");
    assertEquals(
        Optional.of(mon(1, 12, 0)), paused.deadline(), "no opening left: due if resumed now");
    MetricCycle late = clock.evaluate(mon(2, 13, 0)).latest(SlaMetric.firstResponse()).get();
    assertEquals(CycleState.BREACHED, late.state());
    assertEquals(Optional.of(mon(2, 12, 0)), late.deadline(), "due at the resume");
    assertEquals(Optional.of(mon(2, 12, 0).plusNanos(1)), late.breachedAt());
  }

  /**
   * A resolution target used up exactly at Monday's close, then paused (pending) from 18:00: it was
   * due at Tuesday's opening had it kept running, but paused it is due when it resumes: at any
   * instant, due if it resumed then; solved while paused, met and due at the solve. (Found by a
   * reviewer: the paused cycle said "due Tuesday 09:00" at 10:00, and after the solve "due 09:00,
   * met 12:00".)
   */
  @Test
  void aTargetUsedUpBeforeAPauseIsDueWhenItResumes() {
    SlaPolicySet set =
        Fixtures.statusModel()
            .closingRule(ClosingRule.AT_NEXT_OPENING)
            .defaultPolicy(
                SlaPolicy.builder("standard")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", SlaMetric.resolution(), h(4))
                    .rule(
                        MetricRule.builder(SlaMetric.resolution())
                            .calendar("team")
                            .pauseOn("pending")
                            .build())
                    .build())
            .build();
    List<TicketEvent> paused =
        List.of(
            TicketEvent.Created.byCustomer("T", "c", mon(0, 13, 0), Map.of(), Set.of()),
            new TicketEvent.StatusChanged("T", "p", mon(0, 18, 0), "pending"));
    MetricCycle evening = resolution(set, paused, mon(0, 20, 0));
    assertEquals(CycleState.PAUSED, evening.state());
    assertEquals(h(4), evening.elapsed());
    assertEquals(Optional.of(mon(1, 9, 0)), evening.deadline(), "resumed now: Tuesday's opening");
    MetricCycle morning = resolution(set, paused, mon(1, 10, 0));
    assertEquals(CycleState.PAUSED, morning.state());
    assertEquals(Optional.of(mon(1, 10, 0)), morning.deadline(), "resumed now: due now");
    assertEquals(Optional.of(Duration.ZERO), morning.signedRemaining());
    List<TicketEvent> solved = new java.util.ArrayList<>(paused);
    solved.add(new TicketEvent.StatusChanged("T", "s", mon(1, 12, 0), "solved"));
    MetricCycle met = resolution(set, solved, mon(1, 13, 0));
    assertEquals(CycleState.ACHIEVED, met.state());
    assertEquals(Optional.of(mon(1, 12, 0)), met.metAt());
    assertEquals(Optional.of(mon(1, 12, 0)), met.deadline(), "met at, and due at, the solve");
    List<TicketEvent> resumed = new java.util.ArrayList<>(paused);
    resumed.add(new TicketEvent.StatusChanged("T", "o", mon(1, 10, 0), "open"));
    // resumed at 10:00 it is due at 10:00 and breaches a nanosecond later (AFTER_DEADLINE), as the
    // README says; it breached at 10:00 itself, due 09:00, while it was paused then (a review)
    MetricCycle atResume = resolution(set, resumed, mon(1, 10, 0));
    assertEquals(CycleState.ACTIVE, atResume.state());
    assertEquals(Optional.of(mon(1, 10, 0)), atResume.deadline());
    MetricCycle late = resolution(set, resumed, mon(1, 11, 0));
    assertEquals(CycleState.BREACHED, late.state());
    assertEquals(Optional.of(mon(1, 10, 0)), late.deadline());
    assertEquals(Optional.of(mon(1, 10, 0).plusNanos(1)), late.breachedAt(), "after its deadline");
    // resumed while closed (Tuesday 17:30) and solved at 18:00: no business time counted past the
    // target, so met (it read breached at 17:30, due Tuesday 09:00)
    List<TicketEvent> closedResume = new java.util.ArrayList<>(paused);
    closedResume.add(new TicketEvent.StatusChanged("T", "o", mon(1, 17, 30), "open"));
    closedResume.add(new TicketEvent.StatusChanged("T", "s", mon(1, 18, 0), "solved"));
    MetricCycle closedMet = resolution(set, closedResume, mon(1, 19, 0));
    assertEquals(CycleState.ACHIEVED, closedMet.state());
    assertEquals(Optional.of(mon(1, 18, 0)), closedMet.metAt());
    assertEquals(Optional.empty(), closedMet.breachedAt());
  }

  private static MetricCycle resolution(SlaPolicySet set, List<TicketEvent> events, Instant now) {
    return Fixtures.eval(set, events, now).latest(SlaMetric.resolution()).orElseThrow();
  }
}
