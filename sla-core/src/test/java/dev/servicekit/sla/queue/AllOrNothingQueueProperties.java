package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaMetric;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The all-or-nothing rule on random sequences of calls to {@link WorkQueue} and {@link WorkRouter}:
 * valid and refused calls (unknown and repeated ids, undeclared channels, times going back or out
 * of range, bad forecast horizons and arrivals, a channel change of an assigned item, nulls). After
 * a call that throws, everything observable (waiting order, paused items, agents, assignments,
 * items) is exactly as before, and the exception is an {@link IllegalArgumentException} with a
 * message (a {@link NullPointerException} only for a null argument).
 */
class AllOrNothingQueueProperties {

  interface Call {
    void run();
  }

  static boolean attempt(String what, Supplier<String> state, Call call, boolean nullArg) {
    String before = state.get();
    try {
      call.run();
      return true;
    } catch (IllegalArgumentException | ArithmeticException e) {
      assertNotNull(e.getMessage(), what + ": no message");
      assertEquals(before, state.get(), what + " threw " + e + " and changed the state");
      return false;
    } catch (NullPointerException e) {
      assertTrue(nullArg, what + " threw " + e + " for no null argument");
      assertEquals(before, state.get(), what + " threw " + e + " and changed the state");
      return false;
    } catch (RuntimeException e) {
      fail(what + " threw " + e, e);
      return false;
    }
  }

  static String id(Random r) {
    return r.nextInt(15) == 0 ? null : "t" + r.nextInt(8);
  }

  static WorkItem item(Random r, Instant now) {
    if (r.nextInt(10) == 0) {
      return WorkItem.builder("t" + r.nextInt(8), "fax", now).build(); // an undeclared channel
    }
    try {
      return RandomWorlds.item(r, r.nextInt(8), now, List.of("a0", "a1", "a2"));
    } catch (IllegalArgumentException deadlinePastTheRange) {
      return WorkItem.builder("t" + r.nextInt(8), "chat", now).build();
    }
  }

  static SlaEvaluation evaluation(Random r, Instant now) {
    CycleState state = r.nextBoolean() ? CycleState.ACTIVE : CycleState.PAUSED;
    Optional<Instant> deadline =
        r.nextInt(4) == 0 || now.getEpochSecond() > 10_000_000_000L
            ? Optional.empty()
            : Optional.of(now.plusSeconds(60L * r.nextInt(600)));
    MetricCycle c =
        new MetricCycle(
            SlaMetric.resolution(),
            0,
            "",
            state,
            state == CycleState.ACTIVE,
            now.minus(Duration.ofHours(1)),
            Optional.empty(),
            Optional.of(Duration.ofHours(1)),
            deadline,
            Optional.empty(),
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            0,
            0,
            List.of(),
            Optional.empty(),
            "standard");
    return new SlaEvaluation(
        "t",
        now,
        "open",
        "standard",
        Optional.empty(),
        List.of(c),
        List.of(),
        List.of(),
        Optional.empty());
  }

  // ------------------------------------------------------------------ WorkQueue

  static String state(WorkQueue q) {
    StringBuilder b = new StringBuilder();
    b.append(q.items()).append('|').append(q.size()).append('|').append(q.pausedCount());
    b.append('|').append(q.peek());
    for (int i = 0; i < 8; i++) {
      b.append('|').append(q.get("t" + i)).append(q.isPaused("t" + i));
    }
    return b.toString();
  }

  @Property(tries = 200)
  void workQueue(@ForAll long seed) {
    Random r = new Random(seed);
    WorkQueue q = WorkQueue.create(RandomWorlds.policy(r));
    Supplier<String> state = () -> state(q);
    Instant now = RandomWorlds.T0;
    for (int step = 0; step < 60; step++) {
      String id = id(r);
      switch (r.nextInt(8)) {
        case 0, 1 -> {
          WorkItem w = item(r, now);
          attempt("offer(" + w + ")", state, () -> q.offer(w), false);
        }
        case 2 -> attempt("pause(" + id + ")", state, () -> q.pause(id), id == null);
        case 3 -> attempt("resume(" + id + ")", state, () -> q.resume(id), id == null);
        case 4 -> attempt("remove(" + id + ")", state, () -> q.remove(id), id == null);
        case 5 -> q.poll();
        default -> {
          SlaEvaluation e = r.nextInt(10) == 0 ? null : evaluation(r, now);
          attempt(
              "apply(" + id + ", " + e + ")", state, () -> q.apply(id, e), id == null || e == null);
        }
      }
    }
  }

  // ------------------------------------------------------------------ WorkRouter

  static String state(WorkRouter w) {
    StringBuilder b = new StringBuilder();
    b.append(w.waiting()).append('|').append(w.waitingCount()).append('|').append(w.pausedCount());
    for (Agent a : w.agents()) {
      b.append('|')
          .append(a.id())
          .append(w.isOnline(a.id()))
          .append(w.usedUnits(a.id()))
          .append(w.assignedTo(a.id()));
      for (String c : RandomWorlds.CHANNELS) {
        b.append(w.openItems(a.id(), c));
      }
    }
    for (int i = 0; i < 8; i++) {
      b.append('|').append(w.item("t" + i)).append(w.assignee("t" + i));
    }
    return b.toString();
  }

  static Instant time(Random r, Instant now) {
    return switch (r.nextInt(12)) {
      case 0 -> null;
      case 1 -> now.minusSeconds(1);
      case 2 -> Instant.parse("2300-01-01T00:00:00Z");
      case 3 -> Instant.parse("2299-12-31T23:00:00Z");
      default -> now.plusSeconds(60L * r.nextInt(120));
    };
  }

  @Property(tries = 200)
  void workRouter(@ForAll long seed) {
    Random r = new Random(seed);
    WorkRouter w = RandomWorlds.routerBuilder(RandomWorlds.policy(r)).build();
    Supplier<String> state = () -> state(w);
    Instant[] now = {RandomWorlds.T0};
    for (int step = 0; step < 60; step++) {
      String id = id(r);
      String agentId = r.nextInt(10) == 0 ? null : "a" + r.nextInt(4);
      Instant t = time(r, now[0]);
      boolean timed = false;
      switch (r.nextInt(14)) {
        case 0 -> {
          Agent a =
              r.nextInt(8) == 0
                  ? Agent.builder(
                          "a" + r.nextInt(4),
                          RandomWorlds.ALWAYS,
                          Capacity.builder().channel("fax", 1, 1).build())
                      .build()
                  : RandomWorlds.agent(r, r.nextInt(4));
          timed =
              attempt("addAgent(" + a + ", " + t + ")", state, () -> w.addAgent(a, t), t == null);
        }
        case 1 ->
            timed =
                attempt(
                    "goOffline(" + agentId + ", " + t + ")",
                    state,
                    () -> w.goOffline(agentId, t),
                    agentId == null || t == null);
        case 2 ->
            timed =
                attempt(
                    "goOnline(" + agentId + ", " + t + ")",
                    state,
                    () -> w.goOnline(agentId, t),
                    agentId == null || t == null);
        case 3, 4 -> {
          WorkItem item = item(r, now[0]);
          attempt("submit(" + item + ")", state, () -> w.submit(item), false);
        }
        case 5 -> {
          WorkItem item = item(r, now[0]);
          attempt("update(" + item + ")", state, () -> w.update(item), false);
        }
        case 6 -> attempt("pause(" + id + ")", state, () -> w.pause(id), id == null);
        case 7 -> attempt("resume(" + id + ")", state, () -> w.resume(id), id == null);
        case 8 -> attempt("remove(" + id + ")", state, () -> w.remove(id), id == null);
        case 9 -> timed = attempt("next(" + t + ")", state, () -> w.next(t), t == null);
        case 10 -> timed = attempt("assignAll(" + t + ")", state, () -> w.assignAll(t), t == null);
        case 11 -> {
          SlaEvaluation e = r.nextInt(10) == 0 ? null : evaluation(r, now[0]);
          attempt("apply(" + id + ")", state, () -> w.apply(id, e), id == null || e == null);
        }
        default -> {
          Duration horizon =
              switch (r.nextInt(6)) {
                case 0 -> Duration.ZERO;
                case 1 -> Duration.ofHours(-1);
                case 2 -> WorkRouter.MAX_HORIZON.plusSeconds(1);
                default -> Duration.ofHours(1 + r.nextInt(48));
              };
          List<WorkItem> arrivals = new ArrayList<>();
          for (int k = r.nextInt(3); k > 0; k--) {
            // ids t5..t9: some the router holds, some repeated
            Instant created = r.nextInt(5) == 0 ? now[0].minusSeconds(60) : now[0];
            int k2 = 5 + r.nextInt(5);
            try {
              arrivals.add(RandomWorlds.item(r, k2, created, List.of("a0")));
            } catch (IllegalArgumentException deadlinePastTheRange) {
              arrivals.add(WorkItem.builder("t" + k2, "call", created).build());
            }
          }
          ServicePoint point = r.nextBoolean() ? ServicePoint.START : ServicePoint.FINISH;
          attempt(
              "forecast(" + t + ", " + horizon + ", " + arrivals + ")",
              state,
              () -> w.forecast(t, horizon, point, arrivals),
              t == null);
        }
      }
      if (timed) {
        now[0] = t; // the router's time moved to t
      }
    }
  }
}
