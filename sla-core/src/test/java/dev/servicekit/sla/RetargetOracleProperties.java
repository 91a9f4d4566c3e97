package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Resolution under every re-target rule against a minute-by-minute walk that applies the README's
 * rules literally ("Re-targeting", "Reopening", "Cancelled statuses"), on a 24/7 calendar: statuses
 * open, pending (pauses resolution), solved and canceled (a cancelled status), priorities p1/p2/p3
 * set by {@code PriorityChanged} and removed by {@code PriorityCleared} (back to the matrix's p2),
 * one event per minute.
 */
class RetargetOracleProperties {

  static final String[] PRIORITIES = {"p1", "p2", "p3"};
  static final long[] TARGETS = {40, 90, 200};
  static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  record Ev(int minute, String kind, String value) {}

  record Setup(
      RetargetRule retarget,
      ReattachStart start,
      boolean retroPause,
      ReopenRule reopen,
      List<Ev> events,
      int evalMinute,
      boolean due,
      int initialDue) {}

  static Setup draw(long seed, int size) {
    return draw(seed, size, false);
  }

  static Setup draw(long seed, int size, boolean due) {
    Random r = new Random(seed);
    RetargetRule[] rules = RetargetRule.values();
    RetargetRule rule = rules[r.nextInt(rules.length)];
    ReattachStart start = ReattachStart.values()[r.nextInt(3)];
    boolean retroPause = r.nextBoolean();
    ReopenRule reopen = ReopenRule.values()[r.nextInt(ReopenRule.values().length)];
    List<Ev> events = new ArrayList<>();
    int m = 0;
    for (int i = 0; i < size; i++) {
      m += 1 + r.nextInt(r.nextInt(4) == 0 ? 120 : 30);
      int k = r.nextInt(10);
      if (k == 4 && !due) {
        events.add(new Ev(m, "priority-clear", ""));
      } else if (k < 4) {
        events.add(
            due
                ? new Ev(m, "due", "" + (m - 60 + r.nextInt(400)))
                : new Ev(m, "priority", PRIORITIES[r.nextInt(3)]));
      } else {
        String[] st = {"open", "open", "pending", "solved", "canceled"};
        events.add(new Ev(m, "status", st[r.nextInt(st.length)]));
      }
    }
    return new Setup(
        rule, start, retroPause, reopen, events, m + r.nextInt(300), due, r.nextInt(400) - 30);
  }

  static SlaPolicySet set(Setup s) {
    SlaPolicy.Builder p = SlaPolicy.builder("p").matrix(PriorityMatrix.constant("p2"));
    for (int i = 0; i < 3 && !s.due; i++) {
      p.target(PRIORITIES[i], SlaMetric.resolution(), Duration.ofMinutes(TARGETS[i]));
    }
    MetricRule.Builder rule =
        MetricRule.builder(SlaMetric.resolution()).calendar(MetricRule.ALWAYS).pauseOn("pending");
    if (s.due) {
      rule.dueFrom("due_at");
    }
    p.rule(rule.build());
    return SlaPolicySet.builder()
        .statuses("open", "pending", "solved", "canceled")
        .solvedStatuses("solved", "canceled")
        .cancelledStatuses("canceled")
        .retargetRule(s.retarget)
        .reattachStart(s.start)
        .retroactivePause(s.retroPause)
        .resolutionReopen(s.reopen)
        .defaultPolicy(p.build())
        .build();
  }

  static List<TicketEvent> events(Setup s) {
    List<TicketEvent> out = new ArrayList<>();
    Map<String, String> attrs =
        s.due ? Map.of("due_at", T0.plus(Duration.ofMinutes(s.initialDue)).toString()) : Map.of();
    out.add(TicketEvent.Created.byCustomer("T", "e000", T0, attrs, java.util.Set.of()));
    int i = 1;
    for (Ev e : s.events) {
      String id = String.format(java.util.Locale.ROOT, "e%03d", i++);
      Instant at = T0.plus(Duration.ofMinutes(e.minute));
      out.add(
          switch (e.kind) {
            case "priority" -> new TicketEvent.PriorityChanged("T", id, at, e.value);
            case "priority-clear" -> new TicketEvent.PriorityCleared("T", id, at);
            case "due" ->
                new TicketEvent.AttributeChanged(
                    "T",
                    id,
                    at,
                    "due_at",
                    T0.plus(Duration.ofMinutes(Integer.parseInt(e.value))).toString());
            default -> new TicketEvent.StatusChanged("T", id, at, e.value);
          });
    }
    return out;
  }

  // ---------------------------------------------------------------- the oracle

  static final class Cyc {
    final int index;
    final int start;
    Integer stop; // minute of the stop, null while open
    boolean cancelled; // stopped by a cancel
    final List<Integer> counted = new ArrayList<>(); // minutes counted
    Long kept; // KEEP_REACHED: the target kept since the breach
    long stopTarget; // target judged by at the stop
    boolean reattachedRetro;

    Cyc(int index, int start) {
      this.index = index;
      this.start = start;
    }

    int elapsedBefore(int minute) {
      int n = 0;
      for (int c : counted) {
        if (c < minute) {
          n++;
        }
      }
      return n;
    }
  }

  /** Expected cycles as strings: index state start stop elapsed target breachedAt. */
  static List<String> oracle(Setup s) {
    List<Cyc> cycles = new ArrayList<>();
    String status = "open";
    int pri = 1;
    int due = s.initialDue;
    Cyc cur = new Cyc(0, 0); // the cycle that a reopen resumes, or the running one
    cycles.add(cur);
    int next = 1;
    int ei = 0;
    for (int m = 0; m <= s.evalMinute; m++) {
      while (ei < s.events.size() && s.events.get(ei).minute == m) {
        Ev e = s.events.get(ei++);
        if (!e.kind.equals("status")) {
          int old = pri;
          int oldDue = due;
          if (e.kind.equals("priority")) {
            pri = indexOf(e.value);
          } else if (e.kind.equals("priority-clear")) {
            pri = 1; // no explicit priority: the matrix's, p2
          } else {
            due = Integer.parseInt(e.value);
          }
          if (old == pri && oldDue == due) {
            continue;
          }
          if (s.retarget == RetargetRule.CANCEL_AND_REATTACH
              && old != pri
              && cur != null
              && cur.stop == null) {
            // cancel the running (or paused) cycle under the old target, attach a new one; a due
            // date moved alone re-measures the running cycle, as RECALCULATE does
            cur.stop = m;
            cur.cancelled = true;
            cur.stopTarget = tg(s, cur, old, oldDue);
            int from =
                switch (s.start) {
                  case AT_CHANGE -> m;
                  case AT_CREATION -> 0;
                  case AT_CANCELLED_START -> cur.start;
                };
            Cyc n = new Cyc(next++, from);
            n.reattachedRetro = from < m;
            for (int x = from; x < m; x++) {
              if (!s.retroPause || !statusAt(s, x).equals("pending")) {
                n.counted.add(x);
              }
            }
            cycles.add(n);
            cur = n;
          }
          if (s.retarget == RetargetRule.KEEP_REACHED && cur != null && cur.stop == null) {
            checkKeep(cur, m, tg(s, cur, pri, due));
          }
        } else {
          String was = status;
          status = e.value;
          boolean wasSolved = was.equals("solved") || was.equals("canceled");
          boolean isSolved = status.equals("solved") || status.equals("canceled");
          if (!wasSolved && isSolved) {
            if (cur != null && cur.stop == null) {
              cur.stop = m;
              cur.cancelled = status.equals("canceled");
              cur.stopTarget = effTarget(s, cur, tg(s, cur, pri, due));
            }
          } else if (wasSolved && !isSolved) {
            switch (s.reopen) {
              case RESUME -> {
                if (cur != null) {
                  cur.stop = null;
                  cur.cancelled = false;
                }
              }
              case RESTART -> {
                cur = new Cyc(next++, m);
                cycles.add(cur);
              }
              case ONCE -> {}
            }
          }
        }
      }
      if (s.retarget == RetargetRule.KEEP_REACHED && cur != null && cur.stop == null) {
        checkKeep(cur, m, tg(s, cur, pri, due)); // a reopen or re-target may reveal a breach
      }
      if (m < s.evalMinute && cur != null && cur.stop == null && !status.equals("pending")) {
        cur.counted.add(m);
        if (s.retarget == RetargetRule.KEEP_REACHED) {
          checkKeep(cur, m + 1, tg(s, cur, pri, due));
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (Cyc c : cycles) {
      long target;
      int elapsed;
      if (c.stop == null) {
        target = effTarget(s, c, tg(s, c, pri, due));
        elapsed = c.elapsedBefore(s.evalMinute);
      } else {
        target = s.retarget == RetargetRule.RECALCULATE_ALL ? tg(s, c, pri, due) : c.stopTarget;
        elapsed = c.elapsedBefore(c.stop);
      }
      String state;
      String breachedAt = "-";
      if (elapsed > target) {
        state = "BREACHED";
        // the (target+1)-th counted minute begins the breach
        breachedAt = "" + c.counted.get((int) target);
      } else if (c.stop == null) {
        state = "OPEN";
      } else {
        state = c.cancelled ? "CANCELLED" : "ACHIEVED";
      }
      out.add(
          c.index
              + " "
              + state
              + " start="
              + c.start
              + " stop="
              + c.stop
              + " elapsed="
              + elapsed
              + " target="
              + target
              + " breachedAt="
              + breachedAt);
    }
    return out;
  }

  static long tg(Setup s, Cyc c, int pri, int due) {
    return s.due ? Math.max(0, due - c.start) : TARGETS[pri];
  }

  static long effTarget(Setup s, Cyc c, long current) {
    return c.kept == null ? current : Math.min(c.kept, current);
  }

  /** KEEP_REACHED: at minute boundary b, a cycle whose elapsed exceeds its target keeps it. */
  static void checkKeep(Cyc c, int b, long current) {
    long eff = effTarget(null, c, current);
    if (c.elapsedBefore(b) > eff) {
      c.kept = eff;
    }
  }

  static String statusAt(Setup s, int minute) {
    String st = "open";
    for (Ev e : s.events) {
      if (e.minute <= minute && e.kind.equals("status")) {
        st = e.value;
      }
    }
    return st;
  }

  static int indexOf(String p) {
    for (int i = 0; i < 3; i++) {
      if (PRIORITIES[i].equals(p)) {
        return i;
      }
    }
    throw new IllegalArgumentException(p);
  }

  static List<String> engine(Setup s, List<TicketEvent> events, Instant now) {
    SlaEvaluation ev = SlaClock.evaluate(set(s), Map.of(), events, now);
    List<String> out = new ArrayList<>();
    for (MetricCycle c : ev.cycles()) {
      if (!c.metric().equals(SlaMetric.resolution())) {
        continue;
      }
      String state =
          c.state() == CycleState.ACTIVE || c.state() == CycleState.PAUSED
              ? "OPEN"
              : c.state().name();
      out.add(
          c.cycle()
              + " "
              + state
              + " start="
              + min(c.start())
              + " stop="
              + c.stop().map(RetargetOracleProperties::min).orElse(null)
              + " elapsed="
              + c.elapsed().toMinutes()
              + " target="
              + c.target().map(Duration::toMinutes).orElse(-1L)
              + " breachedAt="
              + c.breachedAt().map(b -> "" + min(b.minusNanos(1))).orElse("-"));
    }
    return out;
  }

  static Integer min(Instant i) {
    return (int) Duration.between(T0, i).toMinutes();
  }

  @Property(tries = 200)
  void resolutionAgreesWithTheMinuteWalk(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 12) int size) {
    Setup s = draw(seed, size);
    List<String> expected = oracle(s);
    List<String> actual = engine(s, events(s), T0.plus(Duration.ofMinutes(s.evalMinute)));
    assertEquals(String.join("\n", expected), String.join("\n", actual), describe(s));
  }

  @Property(tries = 200)
  void dueDateResolutionAgreesWithTheMinuteWalk(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 12) int size) {
    Setup s = draw(seed, size, true);
    List<String> expected = oracle(s);
    List<String> actual = engine(s, events(s), T0.plus(Duration.ofMinutes(s.evalMinute)));
    assertEquals(String.join("\n", expected), String.join("\n", actual), describe(s));
  }

  /** Shuffled arrival and an as-of read agree with a fresh clock fed only the earlier events. */
  @Property(tries = 200)
  void shuffledAndAsOfReadsAgree(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 12) int size,
      @ForAll boolean due,
      @ForAll @IntRange(min = 0, max = 100) int cutPercent) {
    Setup s = draw(seed, size, due);
    List<TicketEvent> all = events(s);
    List<TicketEvent> shuffled = new ArrayList<>(all);
    java.util.Collections.shuffle(shuffled, new Random(seed));
    SlaClock clock = SlaClock.of(set(s), Map.of(), "T");
    shuffled.forEach(clock::accept);
    Instant end = T0.plus(Duration.ofMinutes(s.evalMinute));
    Instant cut = T0.plus(Duration.ofMinutes((long) s.evalMinute * cutPercent / 100));
    assertEquals(SlaClock.evaluate(set(s), Map.of(), all, end), clock.evaluate(end), describe(s));
    List<TicketEvent> before = all.stream().filter(e -> !e.at().isAfter(cut)).toList();
    assertEquals(
        SlaClock.evaluate(set(s), Map.of(), before, cut), clock.evaluate(cut), describe(s));
  }

  static String describe(Setup s) {
    return s.retarget
        + " "
        + s.start
        + " retroPause="
        + s.retroPause
        + " reopen="
        + s.reopen
        + " eval="
        + s.evalMinute
        + (s.due ? " due=" + s.initialDue : "")
        + " "
        + s.events;
  }
}
