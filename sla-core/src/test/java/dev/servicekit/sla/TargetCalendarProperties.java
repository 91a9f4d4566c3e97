package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.servicekit.sla.internal.clock.BusinessTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Laws of targets with a calendar of their own: a calendar on every target of a metric is the same
 * as that calendar on the metric's rule (a clock that ignored the target's calendar would measure
 * on the rule's), and a priority change re-measures a running cycle from its original start as if
 * the new priority, and so its calendar, had applied from the start.
 */
class TargetCalendarProperties {

  private static final List<SlaMetric> METRICS =
      List.of(
          SlaMetric.firstResponse(),
          SlaMetric.nextResponse(),
          SlaMetric.periodicUpdate(),
          SlaMetric.resolution(),
          SlaMetric.answerTime(),
          SlaMetric.stage("analysis"));

  /**
   * {@code p} with {@code metric} counted on {@code key}: on every one of its targets if {@code
   * onTargets}, else on its rule. {@code p} must have no target calendars for {@code metric}.
   */
  static SlaPolicy withCalendar(SlaPolicy p, SlaMetric metric, String key, boolean onTargets) {
    SlaPolicy.Builder b = SlaPolicy.builder(p.name()).when(p.condition()).matrix(p.matrix());
    if (!p.channels().isEmpty()) {
      b.channels(p.channels().toArray(String[]::new));
    }
    p.targetTable()
        .forEach(
            (priority, byChannel) ->
                byChannel.forEach(
                    (channel, cell) ->
                        cell.forEach(
                            (m, d) -> {
                              if (!m.equals(metric)) {
                                String own = p.calendarFor(priority, channel, m).orElseThrow();
                                b.target(priority, channel, m, d, own);
                              } else if (onTargets) {
                                b.target(priority, channel, m, d, key);
                              } else {
                                b.target(priority, channel, m, d);
                              }
                            })));
    for (MetricRule r : p.rules().values()) {
      b.rule(
          r.metric().equals(metric) && !onTargets
              ? new MetricRule(
                  metric,
                  key,
                  r.pauseStatuses(),
                  r.warnings(),
                  r.escalations(),
                  r.internalNotesCount(),
                  r.automatedRepliesCount(),
                  r.dueFrom(),
                  r.pauseTags(),
                  r.pauseAttributes(),
                  r.pauseWhile())
              : r);
    }
    return b.build();
  }

  static SlaPolicySet withCalendar(
      SlaPolicySet set, SlaMetric metric, String key, boolean onTargets) {
    SlaPolicySet.Builder b =
        Fixtures.statusModel()
            .internalNotesCount(set.internalNotesCount())
            .automatedRepliesCount(set.automatedRepliesCount())
            .defaultPolicy(withCalendar(set.defaultPolicy(), metric, key, onTargets));
    set.policies().forEach(p -> b.policy(withCalendar(p, metric, key, onTargets)));
    return b.build();
  }

  @Property(tries = 120)
  void aCalendarOnEveryTargetOfAMetricEqualsThatCalendarOnItsRule(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 25) int size) {
    Random r = new Random(seed);
    SlaClockProperties.History h = SlaClockProperties.history(seed, size);
    SlaPolicySet base =
        h.notesCount()
            ? Fixtures.tieredNotesCount()
            : h.replyOverrides() ? Fixtures.tieredWithReplyOverrides() : Fixtures.tiered();
    SlaMetric metric = METRICS.get(r.nextInt(METRICS.size()));
    SlaPolicySet onTargets = withCalendar(base, metric, "night", true);
    SlaPolicySet onRule = withCalendar(base, metric, "night", false);
    assertNotEquals(onTargets, onRule);
    BusinessTime night = SlaClockProperties.randomHours(r, null, 1 + r.nextInt(8));
    Map<String, BusinessTime> calendars = Map.of("team", WeeklyHours.nineToFive(), "night", night);
    Instant now = h.last().plus(Duration.ofMinutes(r.nextInt(3000)));
    SlaEvaluation a = SlaClock.evaluateTimes(onTargets, calendars, h.events(), now);
    SlaEvaluation b = SlaClock.evaluateTimes(onRule, calendars, h.events(), now);
    assertEquals(b, a);
    // Not vacuous: the moved calendar usually changes what the metric's cycles measure.
    SlaEvaluation team = SlaClock.evaluateTimes(base, calendars, h.events(), now);
    String label = "the calendar changed a cycle";
    Statistics.label(label).collect(!team.cycles(metric).equals(a.cycles(metric)));
    Statistics.label(label).coverage(c -> c.check(true).percentage(pc -> pc >= 20));
  }

  /** Urgent counts 24/7 by its targets, normal on the rules' team calendar; s1 gives urgent. */
  private static SlaPolicySet byPriority() {
    SlaPolicy p =
        SlaPolicy.builder("standard")
            .matrix(
                PriorityMatrix.builder()
                    .cell("s1", "any", "urgent")
                    .defaultPriority("normal")
                    .build())
            .target("urgent", SlaMetric.firstResponse(), Duration.ofHours(2), MetricRule.ALWAYS)
            .target("urgent", SlaMetric.resolution(), Duration.ofHours(9), MetricRule.ALWAYS)
            .target("normal", SlaMetric.firstResponse(), Duration.ofHours(3))
            .target("normal", SlaMetric.resolution(), Duration.ofHours(20))
            .rule(Fixtures.team(SlaMetric.firstResponse()))
            .rule(
                MetricRule.builder(SlaMetric.resolution())
                    .calendar("team")
                    .pauseOn("pending", "on-hold")
                    .warnAt(50, 90)
                    .escalate(EscalationLevel.of(1, 100, "lead"))
                    .build())
            .build();
    return Fixtures.statusModel().defaultPolicy(p).build();
  }

  @Property(tries = 200)
  void aRunningCycleAfterAPriorityChangeIsMeasuredAsIfTheNewPriorityHadAlwaysApplied(
      @ForAll long seed) {
    Random r = new Random(seed);
    boolean toUrgent = r.nextBoolean();
    String[] from = toUrgent ? new String[0] : new String[] {"severity", "s1", "tier", "any"};
    String[] to = toUrgent ? new String[] {"severity", "s1", "tier", "any"} : new String[0];
    Instant created = Fixtures.mon(r.nextInt(7), r.nextInt(24), 15 * r.nextInt(4));
    Fixtures.Ticket changed = new Fixtures.Ticket("T");
    Fixtures.Ticket always = new Fixtures.Ticket("T");
    List<TicketEvent> a = new java.util.ArrayList<>(List.of(changed.created(created, from)));
    List<TicketEvent> b = new java.util.ArrayList<>(List.of(always.created(created, to)));
    String[] statuses = {"open", "pending", "on-hold"};
    Instant at = created;
    int n = r.nextInt(8);
    int changeAt = r.nextInt(n + 1);
    for (int i = 0; i <= n; i++) {
      at = at.plus(Duration.ofMinutes(15L * r.nextInt(4 * 40)));
      if (i == changeAt) {
        a.add(changed.priority(at, toUrgent ? "urgent" : "normal"));
      }
      if (i < n) {
        String st = statuses[r.nextInt(statuses.length)];
        a.add(changed.status(at, st));
        b.add(always.status(at, st));
      }
    }
    SlaPolicySet set = byPriority();
    Map<String, BusinessTime> calendars = Map.of("team", WeeklyHours.nineToFive());
    Instant now = at.plus(Duration.ofMinutes(15L * r.nextInt(4 * 60)));
    SlaEvaluation ea = SlaClock.evaluateTimes(set, calendars, a, now);
    SlaEvaluation eb = SlaClock.evaluateTimes(set, calendars, b, now);
    assertEquals(eb.priority(), ea.priority());
    // No reply and no solve: every cycle is still running, so all of them are re-measured.
    assertEquals(eb.cycles(), ea.cycles());
  }
}
