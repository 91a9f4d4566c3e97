package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * {@link ScheduleRule} only says which calendar a cycle counts on when the calendar changes
 * mid-cycle; "target, pause statuses and warnings always come from the targeting in force". So when
 * every targeting of a ticket counts on one calendar, {@link ScheduleRule#PER_PERIOD} and {@link
 * ScheduleRule#LAST_SCHEDULE} must report the same cycles and the same next transition, under every
 * closing and breach rule. They did not under {@link ClosingRule#AT_NEXT_OPENING}: a per-period
 * cycle of more than one targeting whose target was used up at a close and that was paused across
 * the next opening was due at that opening (while paused) and breached exactly at the resume, where
 * the README has it due at the resume (and breached a nanosecond later under {@code
 * AFTER_DEADLINE}), as a cycle of one targeting is.
 */
class PerPeriodOneCalendarProperties {

  private static final SlaMetric RES = SlaMetric.resolution();

  /** Monday 2026-01-05 plus {@code days}, at hh:mm UTC. */
  private static Instant mon(int days, int hh, int mm) {
    return LocalDateTime.of(2026, 1, 5, hh, mm).plusDays(days).toInstant(ZoneOffset.UTC);
  }

  private static SlaPolicySet set(
      ScheduleRule schedule,
      ClosingRule closing,
      BreachRule breach,
      Map<String, Duration> targets,
      int... warnings) {
    SlaPolicy.Builder p = SlaPolicy.builder("p").matrix(PriorityMatrix.constant("normal"));
    targets.forEach((priority, target) -> p.target(priority, RES, target));
    MetricRule.Builder rule = MetricRule.builder(RES).calendar("team").pauseOn("pending");
    if (warnings.length > 0) {
      rule.warnAt(warnings);
    }
    return SlaPolicySet.builder()
        .statuses("new", "open", "pending", "solved")
        .solvedStatuses("solved")
        .scheduleRule(schedule)
        .closingRule(closing)
        .breachRule(breach)
        .defaultPolicy(p.rule(rule.build()).build())
        .build();
  }

  /**
   * The README's example, with a priority change before the close: 4 h used up at Monday's 17:00
   * close, paused from 18:00, resumed Tuesday 10:00: due at 10:00, breached a nanosecond later.
   */
  @Test
  void aTargetUsedUpAtACloseAndPausedAcrossTheOpeningIsDueAtTheResume() {
    BusinessCalendar team =
        BusinessCalendar.builder(ZoneOffset.UTC).weekdays(TimeRange.parse("09:00-17:00")).build();
    for (ScheduleRule schedule : ScheduleRule.values()) {
      SlaPolicySet set =
          set(
              schedule,
              ClosingRule.AT_NEXT_OPENING,
              BreachRule.AFTER_DEADLINE,
              Map.of("normal", Duration.ofHours(4), "high", Duration.ofHours(4)));
      SlaClock clock = SlaClock.of(set, Map.of("team", team), "T");
      clock.accept(TicketEvent.Created.byCustomer("T", "e1", mon(0, 13, 0)));
      clock.accept(new TicketEvent.PriorityChanged("T", "e2", mon(0, 14, 0), "high"));
      clock.accept(new TicketEvent.StatusChanged("T", "e3", mon(0, 18, 0), "pending"));
      clock.accept(new TicketEvent.StatusChanged("T", "e4", mon(1, 10, 0), "open"));

      MetricCycle atResume = clock.evaluate(mon(1, 10, 0)).latest(RES).orElseThrow();
      assertEquals(CycleState.ACTIVE, atResume.state(), schedule + " " + atResume);
      assertEquals(Optional.of(mon(1, 10, 0)), atResume.deadline(), schedule + " " + atResume);
      assertEquals(
          Optional.of(mon(1, 10, 0).plusNanos(1)),
          clock.evaluate(mon(1, 10, 0)).nextTransition(),
          schedule.toString());
      MetricCycle later = clock.evaluate(mon(1, 11, 0)).latest(RES).orElseThrow();
      assertEquals(CycleState.BREACHED, later.state(), schedule + " " + later);
      assertEquals(Optional.of(mon(1, 10, 0)), later.deadline(), schedule + " " + later);
      assertEquals(
          Optional.of(mon(1, 10, 0).plusNanos(1)), later.breachedAt(), schedule + " " + later);
    }
  }

  /**
   * Random calendars (DST zones, night shifts, exceptions), random status and priority histories
   * whose priorities have their own targets on one calendar: both schedule rules report the same.
   */
  @Property(tries = 200)
  void perPeriodEqualsLastScheduleWhenEveryTargetingCountsOnOneCalendar(@ForAll long seed) {
    Random rnd = new Random(seed);
    ZoneId zone = rnd.nextInt(3) == 0 ? ZoneOffset.UTC : RandomCalendars.zone(rnd);
    LocalDate from = LocalDate.of(2026, 1, 5);
    // mostly calendars whose opens and closes fall on 15-minute marks, where targets run out
    int kind = rnd.nextInt(4) == 0 ? rnd.nextInt(RandomCalendars.KINDS.length) : 1 + rnd.nextInt(3);
    CalendarSpec spec = RandomCalendars.spec(rnd, kind, zone, from, from.plusDays(30));
    if (RandomCalendars.KINDS[kind].equals("sparseDates")) {
      spec.week.get(DayOfWeek.TUESDAY).add(TimeRange.parse("09:00-17:00"));
    }
    BusinessCalendar team = spec.build();
    ClosingRule closing = rnd.nextInt(4) != 0 ? ClosingRule.AT_NEXT_OPENING : ClosingRule.AT_CLOSE;
    BreachRule breach = rnd.nextBoolean() ? BreachRule.AFTER_DEADLINE : BreachRule.AT_DEADLINE;
    int[] warnings = rnd.nextBoolean() ? new int[] {50, 100} : new int[0];

    // instants on 15-minute marks and on the calendar's own opens and closes
    Instant start = mon(rnd.nextInt(7), rnd.nextInt(24), 15 * rnd.nextInt(4));
    List<Instant> marks = new ArrayList<>();
    for (OpenPeriod p : team.openPeriods(start, start.plus(Duration.ofDays(8)))) {
      marks.add(p.start());
      marks.add(p.end());
    }
    // targets of whole quarter hours, or used up exactly at one of the calendar's closes
    List<Instant> closes = new ArrayList<>();
    for (int i = 1; i < marks.size(); i += 2) {
      closes.add(marks.get(i));
    }
    Map<String, Duration> targets = new java.util.HashMap<>();
    for (String priority : new String[] {"normal", "high", "low"}) {
      Duration target = Duration.ofMinutes(15L * (1 + rnd.nextInt(40)));
      if (rnd.nextBoolean() && !closes.isEmpty()) {
        Duration toClose = team.between(start, closes.get(rnd.nextInt(Math.min(6, closes.size()))));
        target = toClose.isZero() ? target : toClose;
      }
      targets.put(priority, target);
    }
    List<TicketEvent> events = new ArrayList<>();
    events.add(TicketEvent.Created.byCustomer("T", "e0", start));
    String[] statuses = {"open", "pending", "pending", "open", "solved", "new"};
    String[] priorities = {"normal", "high", "low"};
    int size = rnd.nextInt(14);
    for (int i = 1; i <= size; i++) {
      Instant at =
          rnd.nextInt(3) != 0 && !marks.isEmpty()
              ? marks.get(rnd.nextInt(marks.size())).plus(Duration.ofMinutes(15L * rnd.nextInt(5)))
              : start.plus(Duration.ofMinutes(15L * (1 + rnd.nextInt(4 * 24 * 6))));
      events.add(
          rnd.nextInt(3) == 0
              ? new TicketEvent.PriorityChanged("T", "e" + i, at, priorities[rnd.nextInt(3)])
              : new TicketEvent.StatusChanged("T", "e" + i, at, statuses[rnd.nextInt(6)]));
    }
    SlaPolicySet perPeriod = set(ScheduleRule.PER_PERIOD, closing, breach, targets, warnings);
    SlaPolicySet lastSchedule = set(ScheduleRule.LAST_SCHEDULE, closing, breach, targets, warnings);
    Map<String, BusinessCalendar> calendars = Map.of("team", team);
    for (int q = 0; q < 12; q++) {
      Instant now =
          q < 4 && !marks.isEmpty()
              ? marks.get(rnd.nextInt(marks.size())).plusNanos(rnd.nextInt(3) - 1)
              : start.plus(Duration.ofMinutes(15L * rnd.nextInt(4 * 24 * 8)));
      if (now.isBefore(start)) {
        now = start;
      }
      SlaEvaluation p = SlaClock.evaluate(perPeriod, calendars, events, now);
      SlaEvaluation l = SlaClock.evaluate(lastSchedule, calendars, events, now);
      String ctx =
          spec + " " + closing + " " + breach + " " + targets + " " + events + " at " + now;
      assertEquals(l.cycles(), p.cycles(), ctx);
      assertEquals(l.nextTransition(), p.nextTransition(), ctx);
    }
  }
}
