package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Resolution timed to a due date ({@code dueFrom("due_at")}) on the Mon-Fri 09:00-17:00
 * Europe/Berlin calendar with a holiday, against a minute walk of the README's "Due dates" rule:
 * the target is the business time from the cycle's start to the due instant, pauses push the
 * deadline out, a deadline at a close moves to the next opening whatever the closing rule (so an
 * unpaused cycle is due at the attribute's instant, or at the next opening if closed then), and a
 * change of the attribute is a re-target (RECALCULATE or RECALCULATE_ALL). Due dates always leave
 * some business time after the start.
 */
class BusinessDueDateOracleProperties {

  static final SlaMetric RES = SlaMetric.resolution();

  record Ev(int minute, String kind, String value) {}

  static Instant at(int minute) {
    return BusinessRetargetOracleProperties.at(minute);
  }

  @Property(tries = 200)
  void dueDatesOnABusinessCalendarAgreeWithTheMinuteWalk(@ForAll long seed) {
    Random rnd = new Random(seed);
    LocalDate holiday = LocalDate.of(2026, 10, 19).plusDays(rnd.nextInt(16));
    BusinessRetargetOracleProperties.CalSpec spec = BusinessRetargetOracleProperties.team(holiday);
    boolean[] open = spec.minutes(BusinessRetargetOracleProperties.HORIZON_DAYS * 1440);
    RetargetRule retarget =
        rnd.nextBoolean() ? RetargetRule.RECALCULATE : RetargetRule.RECALCULATE_ALL;
    ClosingRule closing = rnd.nextBoolean() ? ClosingRule.AT_CLOSE : ClosingRule.AT_NEXT_OPENING;
    BreachRule breach = rnd.nextBoolean() ? BreachRule.AT_DEADLINE : BreachRule.AFTER_DEADLINE;
    int start = 60 * rnd.nextInt(24 * 12) + 15 * rnd.nextInt(4);
    int due = dueAfter(rnd, open, start);
    List<Ev> events = new ArrayList<>();
    int m = start;
    for (int i = rnd.nextInt(10); i > 0; i--) {
      m += 15 * (1 + rnd.nextInt(rnd.nextInt(3) == 0 ? 96 : 16));
      if (rnd.nextInt(3) == 0) {
        events.add(new Ev(m, "due", "" + dueAfter(rnd, open, start)));
      } else {
        String[] st = {"open", "pending", "pending", "solved"};
        events.add(new Ev(m, "status", st[rnd.nextInt(st.length)]));
      }
    }
    int eval = m + 15 * rnd.nextInt(4 * 24 * 3);

    // the walk: one cycle from the creation, resumed on a reopen
    List<Integer> runs = new ArrayList<>();
    String status = "open";
    Integer stop = null;
    int dueAtStop = due;
    int dueNow = due;
    int ei = 0;
    for (int x = start; x <= eval; x++) {
      while (ei < events.size() && events.get(ei).minute == x) {
        Ev e = events.get(ei++);
        if (e.kind.equals("due")) {
          dueNow = Integer.parseInt(e.value);
        } else {
          boolean wasSolved = status.equals("solved");
          status = e.value;
          if (!wasSolved && status.equals("solved") && stop == null) {
            stop = x;
            dueAtStop = dueNow;
          } else if (wasSolved && !status.equals("solved")) {
            stop = null;
          }
        }
      }
      if (x < eval && stop == null && !status.equals("pending")) {
        runs.add(x);
      }
    }
    int judgeDue = stop == null || retarget == RetargetRule.RECALCULATE_ALL ? dueNow : dueAtStop;
    long target = 0;
    for (int x = start; x < judgeDue; x++) {
      target += open[x] ? 1 : 0;
    }
    int end = stop != null ? stop : eval;
    long elapsed = runs.stream().filter(x -> open[x]).count();
    int total = runs.size() + (open.length - end);
    long count = 0;
    Integer deadline = null;
    boolean usedUp = false;
    for (int k = 0; k < total && deadline == null; k++) {
      int x = k < runs.size() ? runs.get(k) : end + (k - runs.size());
      if (usedUp && open[x]) {
        deadline = x; // due at the next instant that counts
      } else if (open[x] && ++count == target) {
        usedUp = true;
      }
    }
    boolean active = stop == null && !status.equals("pending");
    boolean breached =
        deadline != null
            && (runs.contains(deadline)
                || breach == BreachRule.AT_DEADLINE && active && deadline == eval);
    // the used-up minute's end is due when the next counted minute follows it directly
    String expected =
        (breached ? "BREACHED" : stop == null ? "OPEN" : "ACHIEVED")
            + " elapsed="
            + elapsed
            + " target="
            + target
            + " deadline="
            + (deadline == null ? null : at(deadline))
            + " breachedAt="
            + (breached
                ? breach == BreachRule.AT_DEADLINE ? at(deadline) : at(deadline).plusNanos(1)
                : null);

    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("open", "pending", "solved")
            .solvedStatuses("solved")
            .retargetRule(retarget)
            .closingRule(closing)
            .breachRule(breach)
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(PriorityMatrix.constant("n"))
                    .rule(
                        MetricRule.builder(RES)
                            .calendar("team")
                            .pauseOn("pending")
                            .dueFrom("due_at")
                            .build())
                    .build())
            .build();
    List<TicketEvent> evs = new ArrayList<>();
    evs.add(
        TicketEvent.Created.byCustomer(
            "T", "e00", at(start), Map.of("due_at", at(due).toString()), Set.of()));
    int i = 1;
    for (Ev e : events) {
      String id = String.format(java.util.Locale.ROOT, "e%02d", i++);
      evs.add(
          e.kind.equals("due")
              ? new TicketEvent.AttributeChanged(
                  "T", id, at(e.minute), "due_at", at(Integer.parseInt(e.value)).toString())
              : new TicketEvent.StatusChanged("T", id, at(e.minute), e.value));
    }
    MetricCycle c =
        SlaClock.evaluate(set, Map.of("team", spec.build()), evs, at(eval))
            .latest(RES)
            .orElseThrow();
    String actual =
        (c.state() == CycleState.ACTIVE || c.state() == CycleState.PAUSED
                ? "OPEN"
                : c.state().name())
            + " elapsed="
            + c.elapsed().toMinutes()
            + " target="
            + c.target().map(Duration::toMinutes).orElse(-1L)
            + " deadline="
            + c.deadline().orElse(null)
            + " breachedAt="
            + c.breachedAt().orElse(null);
    assertEquals(
        expected,
        actual,
        retarget
            + " "
            + closing
            + " "
            + breach
            + " start="
            + at(start)
            + " due="
            + at(due)
            + " eval="
            + at(eval)
            + " off="
            + holiday
            + " "
            + events.stream()
                .map(
                    e ->
                        at(e.minute)
                            + ":"
                            + e.kind
                            + "="
                            + (e.kind.equals("due") ? at(Integer.parseInt(e.value)) : e.value))
                .toList());
  }

  /** A due instant on a quarter hour after {@code start} with some business time before it. */
  static int dueAfter(Random rnd, boolean[] open, int start) {
    while (true) {
      int due = start + 15 * (1 + rnd.nextInt(4 * 24 * 5));
      for (int x = start; x < due; x++) {
        if (open[x]) {
          return due;
        }
      }
    }
  }
}
