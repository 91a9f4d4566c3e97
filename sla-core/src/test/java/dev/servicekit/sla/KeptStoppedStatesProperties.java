package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.internal.clock.ClockEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link SlaClock#keepStoppedCycleStates} changes no result: a clock with the option on and one
 * with it off, fed the same operations, answer every read alike, while two or three such pairs are
 * driven in turn on one thread (so that the thread's own cache, which holds one clock, never serves
 * the kept clocks) through random histories arriving mostly in order with late events and
 * duplicates, corrections ({@code retract}, {@code replace}), as-of reads, snapshots restored (the
 * restored clock has the option off, and gets it back), the option turned off and on again, and
 * evaluations captured at one point and derived later on another thread (whose derivation keeps
 * states for an older clock state). The sets draw the re-target rules that judge stopped cycles
 * again ({@code RECALCULATE_ALL}) or keep what was reached ({@code KEEP_REACHED}), cancel and
 * re-attach with calls ringing across re-targets, stop rules, solve rules, the withdrawal of cycles
 * at the creation and metric definitions. Whatever the kept clock kept, it also ends equal to a new
 * clock fed its final events.
 */
class KeptStoppedStatesProperties {

  /** One ticket: its history, the set it is measured under and a seed for its operations. */
  record Case(SlaClockProperties.History history, SlaPolicySet set, long seed) {}

  @Provide
  Arbitrary<Case> cases() {
    return Combinators.combine(
            Arbitraries.longs(),
            Arbitraries.integers().between(3, 45),
            Arbitraries.integers().between(0, 1023),
            Arbitraries.longs())
        .as(KeptStoppedStatesProperties::caseOf);
  }

  static Case caseOf(long seed, int size, int variant, long opsSeed) {
    SlaClockProperties.History h = SlaClockProperties.history(seed, size);
    SlaPolicySet set;
    switch (variant % 6) {
      case 0, 1 -> set = Fixtures.semantics(6); // RECALCULATE_ALL: re-targets judge stopped again
      case 2 -> set = Fixtures.tieredKeepReached();
      case 3 -> {
        h = h.withRingingAcrossRetarget(new Random(~seed)); // undone re-attaches, renumbered calls
        set = h.set();
      }
      case 4 -> {
        h = h.withDefinitions(new Random(seed));
        set = h.set();
      }
      default -> set = h.set();
    }
    set = SlaClockProperties.withSolveRule(set, (variant >>> 3) & 3);
    set = SlaClockProperties.withStopRule(set, (variant & 32) != 0);
    set = SlaClockProperties.withCreationStop(set, (variant & 64) != 0);
    return new Case(h, set, opsSeed);
  }

  /** Events and ordinary reads only, the clocks read in turn on one thread. */
  @Property(tries = 250, edgeCases = EdgeCasesMode.NONE)
  void interleavedClocksOnOneThread(
      @ForAll("cases") Case a, @ForAll("cases") Case b, @ForAll("cases") Case c, @ForAll long seed)
      throws Exception {
    run(List.of(a, b, c), seed, Mode.ONE_THREAD);
  }

  /**
   * Corrections, as-of reads, snapshots restored and the option turned off and on again, between
   * the events, the clocks read in turn on one thread.
   */
  @Property(tries = 250, edgeCases = EdgeCasesMode.NONE)
  void correctionsAsOfReadsAndRestores(
      @ForAll("cases") Case a, @ForAll("cases") Case b, @ForAll("cases") Case c, @ForAll long seed)
      throws Exception {
    run(List.of(a, b, c), seed, Mode.CORRECTIONS);
  }

  /**
   * Every evaluation of a kept clock is derived on another thread, at once or after the clock has
   * moved on (events, corrections): the kept states that derivation leaves for an older state of
   * the clock never answer for a newer one.
   */
  @Property(tries = 250, edgeCases = EdgeCasesMode.NONE)
  void evaluationsDerivedOnAnotherThread(
      @ForAll("cases") Case a, @ForAll("cases") Case b, @ForAll("cases") Case c, @ForAll long seed)
      throws Exception {
    run(List.of(a, b, c), seed, Mode.OTHER_THREAD);
  }

  /** What a run does besides events and ordinary reads. */
  private enum Mode {
    ONE_THREAD,
    CORRECTIONS,
    OTHER_THREAD
  }

  private static void run(List<Case> cases, long seed, Mode mode) throws Exception {
    Random r = new Random(seed);
    // From how many cycles states are kept: 1 and 3 so that short histories keep, and the default,
    // which the longer histories cross (and fall back below through retractions).
    ClockEngine.keepStoppedStatesFromForTests(new int[] {1, 3, 16}[r.nextInt(3)]);
    try {
      runPairs(cases, r, mode);
    } finally {
      ClockEngine.keepStoppedStatesFromForTests(16);
    }
  }

  private static void runPairs(List<Case> cases, Random r, Mode mode) throws Exception {
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < 2 + r.nextInt(cases.size() - 1); i++) {
      pairs.add(new Pair(cases.get(i), mode));
    }
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      List<Pair> busy = new ArrayList<>(pairs);
      while (!busy.isEmpty()) {
        Pair p = busy.get(r.nextInt(busy.size()));
        if (!p.step(other)) {
          busy.remove(p);
        }
      }
      int keptAtAll = 0;
      for (Pair p : pairs) {
        p.derivePending(other);
        p.finish(other);
        keptAtAll = Math.max(keptAtAll, p.keptMost);
      }
      // The runs must reach the kept path, not only its fallback.
      Statistics.label("states kept").collect(keptAtAll > 0);
      Statistics.label("states kept").coverage(k -> k.check(true).percentage(x -> x >= 50.0));
    } finally {
      other.shutdownNow();
      assertTrue(other.awaitTermination(10, TimeUnit.SECONDS));
    }
  }

  /** A clock with the option on and one without, fed alike. */
  private static final class Pair {
    final Case c;
    final Mode mode;
    final Random r;
    final List<TicketEvent> arrival;
    final List<TicketEvent> others;
    final List<Deferred> pending = new ArrayList<>();
    int next;
    int keptMost; // the most states the kept clock held after a read
    SlaClock kept;
    SlaClock plain;

    Pair(Case c, Mode mode) {
      this.c = c;
      this.mode = mode;
      this.r = new Random(c.seed());
      this.arrival = arrival(c.history().events(), r);
      this.others = SlaClockProperties.history(r.nextLong(), 5 + r.nextInt(20)).events();
      this.kept = Fixtures.clock(c.set(), "T");
      kept.keepStoppedCycleStates(true);
      this.plain = Fixtures.clock(c.set(), "T");
    }

    /** One operation; false once every event has arrived. */
    boolean step(ExecutorService other) throws Exception {
      if (next == arrival.size()) {
        return false;
      }
      int op = r.nextInt(20);
      if (op < 10 || kept.events().isEmpty() || mode == Mode.ONE_THREAD && op < 17) {
        TicketEvent e = arrival.get(next++);
        assertEquals(outcome(() -> plain.accept(e)), outcome(() -> kept.accept(e)), e::toString);
      } else if (op < 12) {
        TicketEvent target = pick(kept.events());
        assertEquals(plain.retract(target.id()), kept.retract(target.id()), target::toString);
      } else if (op < 14) {
        TicketEvent target = pick(kept.events());
        TicketEvent edit =
            r.nextBoolean()
                ? SlaClockCorrectionProperties.rebuilt(
                    target, "T", target.at().plus(Duration.ofMinutes(15L * (r.nextInt(9) - 4))))
                : OneUpdateOneResultProperties.renamed(pick(others), target.id());
        assertEquals(outcome(() -> plain.replace(edit)), outcome(() -> kept.replace(edit)));
      } else if (op == 14 && mode == Mode.CORRECTIONS) {
        restore();
      } else if (op == 15 && mode == Mode.CORRECTIONS) {
        kept.keepStoppedCycleStates(false); // drops what was kept
        assertEquals(0, kept.keptStoppedStates());
        read(instant(), other);
        kept.keepStoppedCycleStates(true);
      } else if (mode == Mode.OTHER_THREAD && op < 18) {
        capture(instant()); // derived later
      } else if (mode == Mode.OTHER_THREAD) {
        derivePending(other);
      }
      read(instant(), other);
      if (r.nextInt(3) == 0) {
        read(instant(), other);
      }
      return true;
    }

    /** Both clocks restored from their snapshots, which are the same bytes. */
    void restore() {
      byte[] bytes = SlaClockSnapshot.toBytes(kept);
      assertArrayEquals(SlaClockSnapshot.toBytes(plain), bytes, "the option changed the bytes");
      kept = SlaClockSnapshot.fromBytes(bytes, id -> Fixtures.clock(c.set(), id));
      assertFalse(kept.keepsStoppedCycleStates(), "a restored clock has the option off");
      kept.keepStoppedCycleStates(true);
      plain = SlaClockSnapshot.fromBytes(bytes, id -> Fixtures.clock(c.set(), id));
    }

    /**
     * Reads both clocks at {@code t}, the kept one first (derived on the other thread in {@code
     * OTHER_THREAD} mode): the same evaluation or exception.
     */
    void read(Instant t, ExecutorService other) throws Exception {
      Object actual = outcome(() -> kept.evaluate(t));
      if (mode == Mode.OTHER_THREAD && actual instanceof SlaEvaluation k) {
        other.submit(() -> k.cycles()).get();
      }
      Object expected = outcome(() -> plain.evaluate(t));
      assertEquals(expected, actual, () -> "at " + t);
      keptMost = Math.max(keptMost, kept.keptStoppedStates());
      if (expected instanceof SlaEvaluation e) {
        SlaEvaluation k = (SlaEvaluation) actual;
        assertEquals(e.cycles(), k.cycles(), () -> "cycles at " + t);
        assertEquals(e.nextTransition(), k.nextTransition(), () -> "next transition at " + t);
        assertEquals(plain.nextTransition(t), kept.nextTransition(t));
      }
    }

    /** Captures an evaluation of each clock at {@code t}, the kept clock's derived later. */
    void capture(Instant t) {
      Object expected = outcome(() -> plain.evaluate(t));
      Object actual = outcome(() -> kept.evaluate(t));
      if (expected instanceof SlaEvaluation e && actual instanceof SlaEvaluation k) {
        e.cycles(); // derived now, from the clock as it is
        pending.add(new Deferred(e, k, t));
      } else {
        assertEquals(expected, actual, () -> "at " + t);
      }
    }

    /** Derives the captured evaluations of the kept clock on the other thread and compares. */
    void derivePending(ExecutorService other) throws Exception {
      for (Deferred d : pending) {
        other.submit(() -> d.kept().nextTransition()).get(); // derives it there
        assertEquals(d.plain(), d.kept(), () -> "captured at " + d.at());
        assertEquals(d.plain().cycles(), d.kept().cycles(), () -> "captured at " + d.at());
      }
      pending.clear();
    }

    /** Both clocks, and a new clock fed the kept clock's events, at a few instants. */
    void finish(ExecutorService other) throws Exception {
      SlaClock fresh = Fixtures.clock(c.set(), "T");
      kept.events().forEach(fresh::accept);
      for (int k = 0; k < 3; k++) {
        Instant t = instant();
        read(t, other);
        assertEquals(outcome(() -> fresh.evaluate(t)), outcome(() -> kept.evaluate(t)));
      }
      assertArrayEquals(SlaClockSnapshot.toBytes(plain), SlaClockSnapshot.toBytes(kept));
    }

    /**
     * A read instant: mostly at or after the last event accepted (the ordinary read, which keeps
     * states), sometimes at an earlier event (an as-of read) or before every event.
     */
    Instant instant() {
      List<TicketEvent> in = kept.events();
      if (in.isEmpty()) {
        return c.history().last();
      }
      Instant last = in.stream().map(TicketEvent::at).max(Instant::compareTo).orElseThrow();
      return switch (mode == Mode.CORRECTIONS ? r.nextInt(8) : 2 + r.nextInt(6)) {
        case 0 -> in.get(r.nextInt(in.size())).at();
        case 1 -> in.get(0).at().minusSeconds(1);
        case 2, 3 -> last.plus(Duration.ofMinutes(15L * r.nextInt(200)));
        default -> last;
      };
    }

    <T> T pick(List<T> from) {
      return from.get(r.nextInt(from.size()));
    }
  }

  /** The two evaluations captured at one instant: the plain one derived at once. */
  private record Deferred(SlaEvaluation plain, SlaEvaluation kept, Instant at) {}

  /**
   * The events in order, each delayed past a few later ones now and then (a late event), with a few
   * delivered twice.
   */
  static List<TicketEvent> arrival(List<TicketEvent> events, Random r) {
    List<TicketEvent> out = new ArrayList<>(events);
    out.sort(TicketEvent.ORDER);
    for (int i = 0; i < 2; i++) {
      out.add(1 + r.nextInt(out.size()), out.get(r.nextInt(out.size())));
    }
    for (int i = 1; i < out.size(); i++) {
      if (r.nextInt(8) == 0) {
        int to = Math.min(out.size() - 1, i + 1 + r.nextInt(4));
        out.add(to, out.remove(i));
      }
    }
    return out;
  }

  /** The value, or the type and message of what it throws. */
  private static Object outcome(Supplier<?> read) {
    try {
      return read.get();
    } catch (RuntimeException x) {
      return x.getClass().getSimpleName() + ": " + x.getMessage();
    }
  }
}
