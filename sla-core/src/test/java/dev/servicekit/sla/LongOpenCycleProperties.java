package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.internal.clock.ClockEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * A cycle that stays open across many status changes is measured from the closed prefix of its
 * running segments that this thread kept from its last read (not re-measured from its start), and
 * that changes no result: on long random histories that pause and resume such cycles again and
 * again (pause statuses, tag and attribute pause conditions, solves and reopens, re-targets under
 * every re-target rule, retroactive re-attaches), a clock read after every event, at the event and
 * later, answers {@code nextTransition} and {@code evaluate} exactly as the same clock read with no
 * thread cache at all (on another thread, whose caches are forgotten before each read). Also an
 * evaluation captured earlier and derived only after later events and reads (whose prefix runs past
 * its last event), and a second clock read in between on the same thread (its cycles at the same
 * positions). The threshold from which a cycle keeps a prefix is drawn from 2 segments up, so that
 * short cycles are measured through a prefix too.
 */
class LongOpenCycleProperties {

  private static final String[] WORK = {"open", "pending", "on-hold", "analysis"};
  private static final String[] TAGS = {"vendor", "parked", "x"};
  private static final String[] HOLD = {"vendor", "customer", "none"};

  // The oracle's thread: its thread caches are forgotten before every read, and it never sees the
  // reads of the clock under test, whose caches stay on the test's thread.
  private static final ExecutorService ORACLE = Executors.newSingleThreadExecutor();

  @AfterContainer
  static void stopOracle() {
    ORACLE.shutdownNow();
  }

  @Property(tries = 120)
  void readingAfterEveryEventEqualsAnUncachedRead(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 5) int variant,
      @ForAll @IntRange(min = 2, max = 20) int runFrom,
      @ForAll @IntRange(min = 60, max = 360) int size) {
    Random r = new Random(seed);
    SlaPolicySet set = set(variant, r);
    List<TicketEvent> events = history(r, size, "T");
    List<TicketEvent> other = history(r, size / 2, "T");
    ClockEngine.runFromSegmentsForTests(runFrom);
    try {
      SlaClock cached = Fixtures.clock(set, "T");
      SlaClock fresh = Fixtures.clock(set, "T");
      SlaClock noise = Fixtures.clock(set, "T"); // read on this thread too, at the same positions
      List<Pending> pending = new ArrayList<>();
      int compared = 0;
      for (int i = 0; i < events.size(); i++) {
        TicketEvent e = events.get(i);
        cached.accept(e);
        fresh.accept(e);
        if (i < other.size()) {
          noise.accept(other.get(i));
          if (r.nextInt(8) == 0) {
            noise.nextTransition(other.get(i).at());
            noise.evaluate(other.get(i).at()).cycles();
          }
        }
        Instant t = r.nextInt(5) == 0 ? e.at().plus(Duration.ofMinutes(r.nextInt(3000))) : e.at();
        Optional<Instant> next = cached.nextTransition(t);
        assertEquals(oracle(() -> fresh.nextTransition(t)), next, "next transition at " + t);
        if (r.nextInt(3) == 0) {
          SlaEvaluation first = cached.evaluate(t);
          first.cycles(); // the first derivation of this engine on this thread fills no cache
          SlaEvaluation again = cached.evaluate(t);
          again.cycles(); // later ones read and fill them
          SlaEvaluation expected = oracle(() -> fresh.evaluate(t));
          assertEquals(expected, first, "evaluation at " + t);
          assertEquals(expected, again, "evaluation through the caches at " + t);
          compared++;
        }
        if (r.nextInt(10) == 0) { // derived only later, after the prefix moved past its events
          pending.add(new Pending(cached.evaluate(t), oracle(() -> fresh.evaluate(t))));
        }
        if (!pending.isEmpty() && r.nextInt(6) == 0) {
          Pending p = pending.remove(r.nextInt(pending.size()));
          assertEquals(p.expected(), p.late(), "an evaluation derived late");
          p.late().cycles(); // and again, through the caches
          assertEquals(p.expected(), p.late(), "an evaluation derived late, twice");
        }
      }
      for (Pending p : pending) {
        assertEquals(p.expected(), p.late(), "an evaluation derived at the end");
      }
      Instant end = events.get(events.size() - 1).at().plus(Duration.ofDays(r.nextInt(4)));
      assertEquals(oracle(() -> fresh.evaluate(end)), cached.evaluate(end));
      assertEquals(oracle(() -> fresh.nextTransition(end)), cached.nextTransition(end));
      assertTrue(compared > 0 || events.size() < 20, "evaluations were compared");
    } finally {
      ClockEngine.runFromSegmentsForTests(16);
    }
  }

  private record Pending(SlaEvaluation late, SlaEvaluation expected) {}

  /** {@code read} on the oracle's thread with every thread cache forgotten first. */
  private static <T> T oracle(Supplier<T> read) {
    Future<T> f =
        ORACLE.submit(
            () -> {
              ClockEngine.forgetThreadCaches();
              T v = read.get();
              if (v instanceof SlaEvaluation ev) {
                ev.cycles(); // derived there, not on the test's thread
              }
              return v;
            });
    try {
      return f.get();
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new AssertionError(ex);
    } catch (ExecutionException ex) {
      throw new AssertionError("the oracle's read failed", ex.getCause());
    }
  }

  /**
   * 0, 1: tag and attribute pause conditions (resolution, resumed custom metrics); 2: tiered
   * (re-targets by severity and tier, re-measured from the start); 3: tiered under KEEP_REACHED; 4:
   * tiered under RECALCULATE_ALL; 5: cancel-and-reattach, retroactive from the creation or the
   * cancelled start, with or without retroactive pauses ({@link Fixtures#semantics}).
   */
  private static SlaPolicySet set(int variant, Random r) {
    return switch (variant) {
      case 0, 1 -> PauseConditionProperties.set(Duration.ofMinutes(30 + 30L * r.nextInt(40)));
      case 2 -> Fixtures.tiered();
      case 3 ->
          SlaPolicyJson.read(
              SlaPolicyJson.write(Fixtures.tiered())
                  .replace(
                      "\"retargetRule\": \"RECALCULATE\"", "\"retargetRule\": \"KEEP_REACHED\""));
      case 4 -> Fixtures.semantics(6);
      default -> Fixtures.semantics(new int[] {2, 3, 5}[r.nextInt(3)]);
    };
  }

  /**
   * A long history in {@link TicketEvent#ORDER}: mostly status changes among working and pause
   * statuses, tag and hold-reason changes, some replies and messages, severity and tier changes
   * (re-targets), and now and then a solve; several events share an instant.
   */
  private static List<TicketEvent> history(Random r, int size, String ticket) {
    List<TicketEvent> out = new ArrayList<>();
    Instant at = Fixtures.mon(r.nextInt(7), r.nextInt(24), 15 * r.nextInt(4));
    Map<String, String> attrs = new HashMap<>();
    attrs.put("tier", r.nextBoolean() ? "gold" : "silver");
    attrs.put("severity", r.nextBoolean() ? "s1" : "s2");
    if (r.nextBoolean()) {
      attrs.put("hold_reason", HOLD[r.nextInt(HOLD.length)]);
    }
    out.add(new TicketEvent.Created(ticket, "c", at, attrs, tags(r)));
    for (int i = 0; i < size; i++) {
      at = at.plus(Duration.ofMinutes(15L * r.nextInt(r.nextInt(4) == 0 ? 40 : 4)));
      String id = "e" + i;
      int k = r.nextInt(100);
      if (k < 50) {
        out.add(new TicketEvent.StatusChanged(ticket, id, at, WORK[r.nextInt(WORK.length)]));
      } else if (k < 53) {
        out.add(new TicketEvent.StatusChanged(ticket, id, at, "solved"));
      } else if (k < 63) {
        out.add(new TicketEvent.TagsChanged(ticket, id, at, tags(r)));
      } else if (k < 73) {
        out.add(
            new TicketEvent.AttributeChanged(ticket, id, at, "hold_reason", HOLD[r.nextInt(3)]));
      } else if (k < 76) {
        out.add(
            new TicketEvent.AttributeChanged(ticket, id, at, "severity", "s" + (1 + r.nextInt(2))));
      } else if (k < 78) {
        String tier = r.nextBoolean() ? "gold" : "silver";
        out.add(new TicketEvent.AttributeChanged(ticket, id, at, "tier", tier));
      } else if (k < 89) {
        out.add(new TicketEvent.CustomerMessage(ticket, id, at));
      } else {
        out.add(TicketEvent.AgentReply.publicReply(ticket, id, at));
      }
    }
    out.sort(TicketEvent.ORDER);
    return out;
  }

  private static Set<String> tags(Random r) {
    Set<String> s = new java.util.HashSet<>();
    for (String g : TAGS) {
      if (r.nextInt(3) == 0) {
        s.add(g);
      }
    }
    return s;
  }
}
