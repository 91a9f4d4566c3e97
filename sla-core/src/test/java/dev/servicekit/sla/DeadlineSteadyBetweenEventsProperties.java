package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Between two evaluations of one clock with no event in between, no cycle's deadline moves unless
 * the cycle is paused ("due if resumed now"): an engine evaluating on a timer ({@link
 * SlaEvaluation#nextTransition()}) or at any later instant emits no {@link
 * SlaTransition.Kind#DEADLINE_CHANGED} that no event caused. Histories of {@link
 * SlaClockProperties#history} (due dates, calls, per-period and recalculate-all variants; with
 * metric definitions (stages, untargeted metrics) or calls ringing across re-targets in a third
 * each), of {@link BusinessRetargetOracleProperties#draw} (calendars per priority over the autumn
 * DST changes, both schedule rules, both closing rules, targets used up exactly at a close), due
 * dates on a business calendar, and a calendar open on a few dates only (a target never reached: no
 * deadline while running). Each is evaluated after each event instant, at each next transition, at
 * each cycle's deadline and a nanosecond either side, and at random instants between events,
 * sometimes by a clock rebuilt from the events (nothing cached). Hunted at 3,000 tries each.
 */
class DeadlineSteadyBetweenEventsProperties {

  @Property(tries = 200)
  void historiesMoveNoDeadlineBetweenEvents(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 40) int size) {
    SlaClockProperties.History base = SlaClockProperties.history(seed, size);
    // metric definitions (stages, untargeted custom metrics, tag triggers) and calls ringing
    // across re-targets (renumbered calls) in a third each
    SlaClockProperties.History h =
        switch ((int) Math.floorMod(seed, 3L)) {
          case 0 -> base.withDefinitions(new Random(~seed));
          case 1 -> base.withRingingAcrossRetarget(new Random(~seed));
          default -> base;
        };
    check(
        () -> Fixtures.clock(h.set(), "T"),
        h.events(),
        h.last().plus(Duration.ofDays(3)),
        new Random(seed));
  }

  @Property(tries = 200)
  void calendarsPerPriorityMoveNoDeadlineBetweenEvents(@ForAll long seed, @ForAll boolean dst) {
    BusinessRetargetOracleProperties.Setup s =
        BusinessRetargetOracleProperties.draw(seed, true, dst, RetargetRule.values());
    SlaPolicySet set = BusinessRetargetOracleProperties.set(s);
    Map<String, BusinessCalendar> cals = BusinessRetargetOracleProperties.calendars(s);
    check(
        () -> SlaClock.of(set, cals, "T"),
        BusinessRetargetOracleProperties.events(s, null),
        BusinessRetargetOracleProperties.at(s.evalMinute()).plus(Duration.ofDays(4)),
        new Random(seed));
  }

  @Property(tries = 200)
  void dueDatesOnABusinessCalendarMoveNoDeadlineBetweenEvents(@ForAll long seed) {
    Random rnd = new Random(seed);
    java.time.LocalDate holiday = java.time.LocalDate.of(2026, 10, 19).plusDays(rnd.nextInt(16));
    BusinessRetargetOracleProperties.CalSpec spec = BusinessRetargetOracleProperties.team(holiday);
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("open", "pending", "solved")
            .solvedStatuses("solved")
            .retargetRule(
                rnd.nextBoolean() ? RetargetRule.RECALCULATE : RetargetRule.RECALCULATE_ALL)
            .closingRule(rnd.nextBoolean() ? ClosingRule.AT_CLOSE : ClosingRule.AT_NEXT_OPENING)
            .breachRule(rnd.nextBoolean() ? BreachRule.AT_DEADLINE : BreachRule.AFTER_DEADLINE)
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(PriorityMatrix.constant("n"))
                    .rule(
                        MetricRule.builder(SlaMetric.resolution())
                            .calendar("team")
                            .pauseOn("pending")
                            .dueFrom("due_at")
                            .warnAt(50, 100)
                            .build())
                    .build())
            .build();
    int start = 60 * rnd.nextInt(24 * 12) + rnd.nextInt(60);
    java.util.function.IntFunction<String> due =
        m ->
            BusinessRetargetOracleProperties.at(m)
                .plusSeconds(rnd.nextInt(3) == 0 ? rnd.nextInt(60) : 0)
                .toString();
    List<TicketEvent> evs = new ArrayList<>();
    evs.add(
        TicketEvent.Created.byCustomer(
            "T",
            "e00",
            BusinessRetargetOracleProperties.at(start),
            java.util.Map.of("due_at", due.apply(start - 600 + rnd.nextInt(4 * 1440))),
            java.util.Set.of()));
    int m = start;
    for (int i = 1; i < 1 + rnd.nextInt(10); i++) {
      m += 1 + rnd.nextInt(rnd.nextInt(3) == 0 ? 1440 : 240);
      String id = String.format(java.util.Locale.ROOT, "e%02d", i);
      Instant t = BusinessRetargetOracleProperties.at(m);
      evs.add(
          rnd.nextInt(3) == 0
              ? new TicketEvent.AttributeChanged(
                  "T", id, t, "due_at", due.apply(start - 600 + rnd.nextInt(5 * 1440)))
              : new TicketEvent.StatusChanged(
                  "T", id, t, new String[] {"open", "pending", "solved"}[rnd.nextInt(3)]));
    }
    Map<String, BusinessCalendar> cals = Map.of("team", spec.build());
    check(
        () -> SlaClock.of(set, cals, "T"),
        evs,
        BusinessRetargetOracleProperties.at(m).plus(Duration.ofDays(5)),
        rnd);
  }

  /**
   * A calendar open on a few dates only, so that a target may never be reached (no deadline while
   * the cycle runs) and a re-target may give it one or take it away.
   */
  @Property(tries = 200)
  void aCalendarThatRunsOutMovesNoDeadlineBetweenEvents(@ForAll long seed) {
    Random rnd = new Random(seed);
    java.time.LocalDate day = java.time.LocalDate.of(2026, 3, 2);
    BusinessCalendar.Builder cal = BusinessCalendar.builder(java.time.ZoneId.of("Europe/Berlin"));
    cal.id("sparse");
    for (int d = rnd.nextInt(3); d < 10; d += 1 + rnd.nextInt(4)) {
      cal.hoursOn(
          day.plusDays(d),
          TimeRange.of(
              java.time.LocalTime.of(9 + rnd.nextInt(3), 0), java.time.LocalTime.of(17, 0)));
    }
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("open", "pending", "solved")
            .solvedStatuses("solved")
            .retargetRule(RetargetRule.values()[rnd.nextInt(RetargetRule.values().length)])
            .closingRule(rnd.nextBoolean() ? ClosingRule.AT_CLOSE : ClosingRule.AT_NEXT_OPENING)
            .breachRule(rnd.nextBoolean() ? BreachRule.AT_DEADLINE : BreachRule.AFTER_DEADLINE)
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(PriorityMatrix.constant("n"))
                    .target(
                        "n",
                        SlaMetric.resolution(),
                        Duration.ofHours(1 + rnd.nextInt(40)),
                        "sparse")
                    .target(
                        "u",
                        SlaMetric.resolution(),
                        Duration.ofHours(1 + rnd.nextInt(40)),
                        "sparse")
                    .rule(
                        MetricRule.builder(SlaMetric.resolution())
                            .calendar("sparse")
                            .pauseOn("pending")
                            .warnAt(50)
                            .build())
                    .build())
            .build();
    Instant t0 =
        day.atStartOfDay(java.time.ZoneOffset.UTC)
            .toInstant()
            .plusSeconds(60 * rnd.nextInt(3 * 1440));
    List<TicketEvent> evs = new ArrayList<>();
    evs.add(TicketEvent.Created.byCustomer("T", "e00", t0, Map.of(), java.util.Set.of()));
    Instant t = t0;
    for (int i = 1; i < 1 + rnd.nextInt(8); i++) {
      t = t.plusSeconds(60L * (1 + rnd.nextInt(2 * 1440)));
      String id = String.format(java.util.Locale.ROOT, "e%02d", i);
      evs.add(
          rnd.nextBoolean()
              ? new TicketEvent.PriorityChanged("T", id, t, rnd.nextBoolean() ? "u" : "n")
              : new TicketEvent.StatusChanged(
                  "T", id, t, new String[] {"open", "pending", "solved"}[rnd.nextInt(3)]));
    }
    Map<String, BusinessCalendar> cals = Map.of("sparse", cal.build());
    check(() -> SlaClock.of(set, cals, "T"), evs, t.plus(Duration.ofDays(20)), rnd);
  }

  private static void check(
      java.util.function.Supplier<SlaClock> make,
      List<TicketEvent> events,
      Instant end,
      Random rnd) {
    List<TicketEvent> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing(TicketEvent::at));
    SlaClock clock = make.get();
    List<TicketEvent> accepted = new ArrayList<>();
    boolean created = false;
    for (int i = 0; i < sorted.size(); ) {
      Instant at = sorted.get(i).at();
      while (i < sorted.size() && sorted.get(i).at().equals(at)) {
        TicketEvent e = sorted.get(i++);
        clock.accept(e);
        accepted.add(e);
        created |= e instanceof TicketEvent.Created;
      }
      if (!created) {
        continue;
      }
      Instant next = i < sorted.size() ? sorted.get(i).at() : end;
      SlaEvaluation prev = clock.evaluate(at);
      TreeSet<Instant> probes = new TreeSet<>();
      for (int k = 0; k < 3; k++) {
        long span = Duration.between(at, next).toMillis();
        if (span > 1) {
          probes.add(at.plusMillis(1 + (long) (rnd.nextDouble() * (span - 1))));
        }
      }
      for (MetricCycle c : prev.cycles()) {
        c.deadline()
            .ifPresent(
                d -> {
                  probes.add(d);
                  probes.add(d.minusNanos(1));
                  probes.add(d.plusNanos(1));
                });
      }
      probes.add(next.minusNanos(1));
      Instant t = at;
      int timers = 0;
      while (true) {
        Optional<Instant> due = prev.nextTransition();
        if (due.isPresent() && due.get().isAfter(t) && due.get().isBefore(next) && timers++ < 30) {
          probes.add(due.get());
        }
        Instant probe = probes.higher(t);
        if (probe == null || !probe.isBefore(next)) {
          break;
        }
        if (rnd.nextInt(4) == 0) { // a restored clock: nothing cached
          clock = make.get();
          accepted.forEach(clock::accept);
        }
        SlaEvaluation ev = clock.evaluate(probe);
        steady(prev, ev);
        prev = ev;
        t = probe;
      }
    }
  }

  /** No cycle that is not paused in {@code after} has another deadline than in {@code before}. */
  private static void steady(SlaEvaluation before, SlaEvaluation after) {
    for (SlaTransition tr : SlaTransition.between(before, after)) {
      if (tr.kind() == SlaTransition.Kind.DEADLINE_CHANGED) {
        MetricCycle was =
            before.cycles().stream()
                .filter(c -> c.metric().equals(tr.metric()) && c.cycle() == tr.cycle())
                .findFirst()
                .orElseThrow();
        throw new AssertionError(
            "no event between "
                + before.at()
                + " and "
                + after.at()
                + ", yet "
                + tr
                + "\n was "
                + was
                + "\n cycles "
                + after.cycles());
      }
    }
    for (MetricCycle c : after.cycles()) {
      if (c.state() == CycleState.PAUSED) {
        continue;
      }
      Statistics.label("deadline compared")
          .collect(c.running() ? "running " + c.deadline().isPresent() : "stopped");
      for (MetricCycle b : before.cycles()) {
        if (b.id().equals(c.id()) && b.state() != CycleState.PAUSED) {
          assertEquals(
              b.deadline(),
              c.deadline(),
              "deadline of " + c.id() + " from " + before.at() + " to " + after.at() + ": " + c);
        }
      }
    }
  }
}
