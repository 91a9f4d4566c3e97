package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.eval;
import static dev.servicekit.sla.Fixtures.h;
import static dev.servicekit.sla.Fixtures.m;
import static dev.servicekit.sla.Fixtures.mon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.Fixtures.Ticket;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Targets that count on a calendar of their own, by priority: urgent tickets measured 24/7 while
 * normal ones count team business hours. Team calendar: Mon-Fri 09:00-17:00 UTC; 2026-01-05 is a
 * Monday, so {@code mon(4, ...)} is Friday 2026-01-09.
 *
 * <p>Sources. Zendesk: the help center article "Defining and using SLA policies"
 * (support.zendesk.com/hc/en-us/articles/4408829459866) lets each target of a policy's priority row
 * use business hours or calendar hours; that first-party article could not be retrieved here, so
 * the worked example below is the one Zendesk Customer Care gave on support.zendesk.com (community
 * post 4408868203034, "SLA badge to calculate in Business hours"): at 4pm on a Friday, a 2-hour
 * target in calendar hours is due at 6pm the same day, a 2-hour target in business hours on a
 * weekday 9-5 schedule at 10am on Monday. Atlassian, Jira Service Management "Create and edit SLA
 * calendars" (confluence.atlassian.com/servicemanagementserver0509/
 * create-and-edit-sla-calendars-1252003187.html): a calendar is assigned to each SLA goal, and the
 * default 24/7 calendar is used when a goal has none.
 */
class SlaPriorityCalendarTest {

  private static final Instant FRIDAY_16 = mon(4, 16, 0);
  private static final Instant MONDAY_10 = mon(7, 10, 0);

  private final Ticket t = new Ticket("T1");

  /** Severity s1 gives urgent, anything else normal. */
  private static PriorityMatrix matrix() {
    return PriorityMatrix.builder().cell("s1", "any", "urgent").defaultPriority("normal").build();
  }

  /**
   * First reply 2h and resolution for both priorities, all on the team calendar by rule; urgent
   * overrides both with calendar hours (resolution 6h 24/7), normal resolution is 8 business hours.
   */
  private static SlaPolicySet set() {
    SlaPolicy p =
        SlaPolicy.builder("standard")
            .matrix(matrix())
            .target("urgent", SlaMetric.firstResponse(), h(2), MetricRule.ALWAYS)
            .target("urgent", SlaMetric.resolution(), h(6), MetricRule.ALWAYS)
            .target("normal", SlaMetric.firstResponse(), h(2))
            .target("normal", SlaMetric.resolution(), h(8))
            .rule(Fixtures.team(SlaMetric.firstResponse()))
            .rule(Fixtures.team(SlaMetric.resolution(), "pending"))
            .build();
    return Fixtures.statusModel().defaultPolicy(p).build();
  }

  private static MetricCycle only(SlaEvaluation e, SlaMetric metric) {
    List<MetricCycle> l = e.cycles(metric);
    assertEquals(1, l.size(), () -> "cycles of " + metric + ": " + l);
    return l.get(0);
  }

  // Zendesk Customer Care's example (see class javadoc): Friday 4pm, 2-hour targets.
  @Test
  void zendeskFridayFourPmExampleCalendarHoursDueAtSixBusinessHoursDueMondayAtTen() {
    Ticket urgent = new Ticket("U");
    Ticket normal = new Ticket("N");
    SlaEvaluation u =
        eval(set(), List.of(urgent.created(FRIDAY_16, "severity", "s1", "tier", "any")), FRIDAY_16);
    SlaEvaluation n = eval(set(), List.of(normal.created(FRIDAY_16)), FRIDAY_16);
    assertEquals(Optional.of("urgent"), u.priority());
    assertEquals(Optional.of("normal"), n.priority());
    assertEquals(Optional.of(mon(4, 18, 0)), only(u, SlaMetric.firstResponse()).deadline());
    assertEquals(Optional.of(MONDAY_10), only(n, SlaMetric.firstResponse()).deadline());
  }

  @Test
  void urgentCountsThroughTheWeekendWhileNormalWaitsForMonday() {
    Ticket urgent = new Ticket("U");
    List<TicketEvent> ev =
        List.of(
            urgent.created(mon(4, 20, 0), "severity", "s1", "tier", "any"),
            urgent.reply(mon(4, 21, 0)));
    // Saturday 01:00: 5h of the 6h resolution target used on calendar time.
    MetricCycle res = only(eval(set(), ev, mon(5, 1, 0)), SlaMetric.resolution());
    assertEquals(CycleState.ACTIVE, res.state());
    assertEquals(h(5), res.elapsed());
    assertEquals(Optional.of(mon(5, 2, 0)), res.deadline());

    List<TicketEvent> normal = List.of(t.created(mon(4, 20, 0)), t.reply(mon(4, 21, 0)));
    MetricCycle nres = only(eval(set(), normal, mon(5, 1, 0)), SlaMetric.resolution());
    assertEquals(m(0), nres.elapsed());
    assertEquals(Optional.of(mon(7, 17, 0)), nres.deadline());
  }

  // Zendesk re-applies the targets from the metric's original start when the priority changes;
  // with a per-priority calendar that start is re-measured on the new calendar.
  @Test
  void priorityChangeOnFridayEveningMovesTheDeadlineOntoCalendarTimeFromTheOriginalStart() {
    List<TicketEvent> ev = List.of(t.created(mon(4, 15, 0)), t.priority(mon(4, 19, 0), "urgent"));
    MetricCycle before = only(eval(set(), ev.subList(0, 1), mon(4, 18, 0)), SlaMetric.resolution());
    assertEquals(h(2), before.elapsed()); // 15:00-17:00 Friday
    assertEquals(Optional.of(mon(7, 15, 0)), before.deadline()); // 2h Friday + 6h Monday

    SlaEvaluation after = eval(set(), ev, mon(4, 19, 30));
    assertEquals(Optional.of("urgent"), after.priority());
    MetricCycle res = only(after, SlaMetric.resolution());
    assertEquals(mon(4, 15, 0), res.start());
    assertEquals(CycleState.ACTIVE, res.state());
    assertEquals(m(270), res.elapsed()); // 15:00-19:30 on calendar time, not 2h of business time
    assertEquals(Optional.of(mon(4, 21, 0)), res.deadline());

    // The first reply (2h) was due Friday 17:00 on calendar time: breached as soon as re-targeted.
    MetricCycle fr = only(after, SlaMetric.firstResponse());
    assertEquals(CycleState.BREACHED, fr.state());
    assertEquals(Optional.of(mon(4, 17, 0).plusNanos(1)), fr.breachedAt());
  }

  @Test
  void downgradeToNormalMovesTheDeadlineBackOntoBusinessHoursFromTheOriginalStart() {
    List<TicketEvent> ev =
        List.of(
            t.created(mon(4, 15, 0), "severity", "s1", "tier", "any"),
            t.priority(mon(4, 19, 0), "normal"));
    MetricCycle res = only(eval(set(), ev, mon(4, 19, 30)), SlaMetric.resolution());
    assertEquals(CycleState.ACTIVE, res.state());
    assertEquals(h(2), res.elapsed());
    assertEquals(Optional.of(mon(7, 15, 0)), res.deadline());
  }

  // A stopped cycle keeps the targeting in force when it stopped, calendar included.
  @Test
  void stoppedCyclesKeepTheCalendarInForceWhenTheyStopped() {
    List<TicketEvent> ev =
        List.of(
            t.created(FRIDAY_16),
            t.reply(mon(5, 10, 0)), // Saturday: 1 business hour (Fri 16-17), 18 calendar hours
            t.priority(mon(5, 11, 0), "urgent"));
    SlaEvaluation e = eval(set(), ev, mon(5, 12, 0));
    assertEquals(Optional.of("urgent"), e.priority());
    MetricCycle fr = only(e, SlaMetric.firstResponse());
    assertEquals(CycleState.ACHIEVED, fr.state());
    assertEquals(h(1), fr.elapsed());
    assertEquals(h(2), fr.target().orElseThrow());
    // The running resolution cycle, by contrast, is re-measured on calendar time: 20h > 6h.
    MetricCycle res = only(e, SlaMetric.resolution());
    assertEquals(CycleState.BREACHED, res.state());
    assertEquals(Optional.of(mon(4, 22, 0).plusNanos(1)), res.breachedAt());
  }

  @Test
  void pauseStatusesOfTheRuleStillApplyOnTheOverrideCalendar() {
    List<TicketEvent> ev =
        List.of(
            t.created(mon(4, 20, 0), "severity", "s1", "tier", "any"),
            t.status(mon(4, 21, 0), "pending"),
            t.status(mon(4, 23, 0), "open"));
    MetricCycle res = only(eval(set(), ev, mon(5, 1, 0)), SlaMetric.resolution());
    assertEquals(h(3), res.elapsed()); // 20-21 and 23-01, 2h pending left out
    assertEquals(Optional.of(mon(5, 4, 0)), res.deadline());
  }

  @Test
  void calendarForPicksTheCellLikeTargetsAndFallsBackToTheRule() {
    SlaPolicy p =
        SlaPolicy.builder("p")
            .matrix(matrix())
            .channels("phone")
            .target("urgent", SlaMetric.firstResponse(), h(1), "night")
            .target("urgent", "phone", SlaMetric.firstResponse(), h(1))
            .target("normal", SlaMetric.firstResponse(), h(4), "team") // equals the rule: dropped
            .target("normal", SlaMetric.resolution(), h(8))
            .rule(Fixtures.team(SlaMetric.firstResponse()))
            .build();
    assertEquals(Optional.of("night"), p.calendarFor("urgent", "email", SlaMetric.firstResponse()));
    assertEquals(Optional.of("night"), p.calendarFor("urgent", "*", SlaMetric.firstResponse()));
    // The phone cell has its own target and no override: the rule's calendar, not the '*' cell's.
    assertEquals(Optional.of("team"), p.calendarFor("urgent", "phone", SlaMetric.firstResponse()));
    assertEquals(Optional.of("team"), p.calendarFor("normal", "phone", SlaMetric.firstResponse()));
    assertEquals(
        Optional.of(MetricRule.ALWAYS), p.calendarFor("normal", "chat", SlaMetric.resolution()));
    assertEquals(Optional.empty(), p.calendarFor("urgent", "*", SlaMetric.resolution()));
    assertEquals(Optional.empty(), p.calendarFor("low", "*", SlaMetric.firstResponse()));

    SlaPolicy same =
        SlaPolicy.builder("p")
            .matrix(matrix())
            .channels("phone")
            .target("urgent", SlaMetric.firstResponse(), h(1), "night")
            .target("urgent", "phone", SlaMetric.firstResponse(), h(1))
            .target("normal", SlaMetric.firstResponse(), h(4))
            .target("normal", SlaMetric.resolution(), h(8))
            .rule(Fixtures.team(SlaMetric.firstResponse()))
            .build();
    assertEquals(p, same);
    assertEquals(p.hashCode(), same.hashCode());
    // 24/7 given to a target whose metric's rule was filled in is kept: it equals the filled-in
    // 24/7 rule's calendar here, but not a set's default rule's on another calendar
    SlaPolicy pinned =
        SlaPolicy.builder("p")
            .matrix(matrix())
            .channels("phone")
            .target("urgent", SlaMetric.firstResponse(), h(1), "night")
            .target("urgent", "phone", SlaMetric.firstResponse(), h(1))
            .target("normal", SlaMetric.firstResponse(), h(4))
            .target("normal", SlaMetric.resolution(), h(8), MetricRule.ALWAYS)
            .rule(Fixtures.team(SlaMetric.firstResponse()))
            .build();
    assertEquals(p.rules(), pinned.rules());
    assertEquals(
        p.calendarFor("normal", "*", SlaMetric.resolution()),
        pinned.calendarFor("normal", "*", SlaMetric.resolution()));
    assertNotEquals(p, pinned);
    MetricRule team = MetricRule.builder(SlaMetric.resolution()).calendar("team").build();
    assertEquals(
        Optional.of("team"),
        Fixtures.statusModel()
            .defaultRule(team)
            .defaultPolicy(p)
            .build()
            .defaultPolicy()
            .calendarFor("normal", "*", SlaMetric.resolution()));
    assertEquals(
        Optional.of(MetricRule.ALWAYS),
        Fixtures.statusModel()
            .defaultRule(team)
            .defaultPolicy(pinned)
            .build()
            .defaultPolicy()
            .calendarFor("normal", "*", SlaMetric.resolution()));
    SlaPolicy other =
        SlaPolicy.builder("p")
            .matrix(matrix())
            .channels("phone")
            .target("urgent", SlaMetric.firstResponse(), h(1), "day")
            .target("urgent", "phone", SlaMetric.firstResponse(), h(1))
            .target("normal", SlaMetric.firstResponse(), h(4))
            .target("normal", SlaMetric.resolution(), h(8))
            .rule(Fixtures.team(SlaMetric.firstResponse()))
            .build();
    assertNotEquals(p, other);
  }

  @Test
  void overrideCalendarsAreRequiredCalendarsAndAMissingOneFailsFast() {
    SlaPolicy vip =
        SlaPolicy.builder("vip")
            .when(MatchCondition.always().withTags("vip"))
            .matrix(matrix())
            .target("urgent", SlaMetric.firstResponse(), h(1), "night-shift")
            .target("normal", SlaMetric.firstResponse(), h(4))
            .rule(Fixtures.team(SlaMetric.firstResponse()))
            .build();
    SlaPolicy std =
        SlaPolicy.builder("std")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.resolution(), h(8), "weekend")
            .build();
    SlaPolicySet set = Fixtures.statusModel().policy(vip).defaultPolicy(std).build();
    assertEquals(Set.of("team", "night-shift", MetricRule.ALWAYS, "weekend"), set.calendarKeys());
    BusinessCalendar any = BusinessCalendar.always(ZoneOffset.UTC);
    // the message names the target that uses the missing calendar
    Map<String, String> user =
        Map.of(
            "night-shift", "policy vip's target urgent/*/first_response",
            "weekend", "policy std's target normal/*/resolution");
    for (String missing : List.of("night-shift", "weekend")) {
      Map<String, BusinessCalendar> given = new java.util.HashMap<>();
      List.of("team", "night-shift", "weekend").forEach(k -> given.put(k, any));
      given.remove(missing);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> SlaClock.of(set, given, "T1"));
      assertTrue(
          e.getMessage()
              .contains(
                  "calendar '"
                      + missing
                      + "' used by "
                      + user.get(missing)
                      + " is not among the given"),
          e::getMessage);
    }
    SlaClock.of(set, Map.of("team", any, "night-shift", any, "weekend", any), "T1");
  }

  @Test
  void badOverrideKeysAndDuplicatesAreRejectedWithTheField() {
    SlaPolicy.Builder b = SlaPolicy.builder("p").matrix(matrix());
    IllegalArgumentException blank =
        assertThrows(
            IllegalArgumentException.class,
            () -> b.target("urgent", SlaMetric.firstResponse(), h(1), "night  shift"));
    assertTrue(
        blank.getMessage().startsWith("calendar 'night  shift' must not"), blank::getMessage);
    assertThrows(
        IllegalArgumentException.class,
        () -> b.target("urgent", SlaMetric.firstResponse(), h(1), ""));
    assertThrows(
        NullPointerException.class,
        () -> b.target("urgent", SlaMetric.firstResponse(), h(1), null));
    b.target("urgent", SlaMetric.firstResponse(), h(1), "night");
    IllegalArgumentException dup =
        assertThrows(
            IllegalArgumentException.class,
            () -> b.target("urgent", SlaMetric.firstResponse(), h(2), "day"));
    assertTrue(dup.getMessage().contains("was already set to PT1H"), dup::getMessage);
    // The rejected call left the first override in place.
    SlaPolicy p = b.target("normal", SlaMetric.firstResponse(), h(4)).build();
    assertEquals(Optional.of("night"), p.calendarFor("urgent", "*", SlaMetric.firstResponse()));
  }
}
