package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.internal.clock.ClockEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * An evaluation is captured when it is made and derived when first read: read at any later time, in
 * any order, on any thread, after the clock has accepted any number of further events (which
 * change, re-target, cancel, re-attach, resume and keep what cycles reached, under every semantics
 * variant of the fixtures), it equals the batch evaluation of exactly the events the clock had
 * accepted when it evaluated.
 */
class LazyEvaluationProperties {

  private static final ExecutorService OTHER = Executors.newSingleThreadExecutor();

  @AfterContainer
  static void stop() {
    OTHER.shutdownNow();
  }

  @Provide
  Arbitrary<SlaClockProperties.History> histories() {
    return Combinators.combine(
            Arbitraries.longs(), Arbitraries.integers().between(0, 30), Arbitraries.longs())
        .as(
            (seed, size, defs) -> {
              SlaClockProperties.History h = SlaClockProperties.history(seed, size);
              return defs % 2 == 0 ? h : h.withDefinitions(new Random(defs));
            });
  }

  /** One evaluation made along the way, with what the clock knew then. */
  private record Made(SlaEvaluation evaluation, List<TicketEvent> known, Instant at) {}

  @Property(tries = 300)
  void anEvaluationReadLaterEqualsTheBatchEvaluationOfWhatItsClockKnew(
      @ForAll("histories") SlaClockProperties.History h,
      @ForAll long seed,
      @ForAll boolean shuffled)
      throws Exception {
    SlaPolicySet set = h.set();
    Random r = new Random(seed);
    List<TicketEvent> arrival = new ArrayList<>(h.events());
    if (shuffled) {
      arrival.add(h.events().get(r.nextInt(h.events().size()))); // a duplicate
      Collections.shuffle(arrival, r);
    }
    SlaClock clock = Fixtures.clock(set, "T");
    List<TicketEvent> known = new ArrayList<>();
    List<Made> made = new ArrayList<>();
    for (TicketEvent e : arrival) {
      if (clock.accept(e)) {
        known.add(e);
      }
      Instant t = instant(r, arrival, known);
      try {
        SlaEvaluation ev = clock.evaluate(t);
        if (r.nextInt(4) == 0) {
          ev.cycles(); // some are read at once, leaving this thread's caches behind
        }
        made.add(new Made(ev, List.copyOf(known), t));
      } catch (IllegalStateException noCreatedEventYet) {
        assertThrows(IllegalStateException.class, () -> Fixtures.eval(set, known, t));
      }
    }
    Collections.shuffle(made, r);
    for (Made m : made) {
      SlaEvaluation expected = Fixtures.eval(set, m.known(), m.at());
      if (r.nextBoolean()) {
        Future<SlaEvaluation> there = OTHER.submit(() -> derived(m.evaluation()));
        assertEquals(expected, there.get(), "read on another thread, at " + m.at());
      } else {
        assertEquals(expected, derived(m.evaluation()), "at " + m.at());
      }
      assertEquals(expected.hashCode(), m.evaluation().hashCode());
      assertEquals(expected.toString(), m.evaluation().toString());
    }
    assertTrue(made.size() + 1 >= known.size() || shuffled, "every read after the creation made");
  }

  /**
   * The same law when the engines' capture generations are rebased every few captures instead of
   * every 2^31 (the copy-on-write rule must survive the rebase).
   */
  @Property(tries = 100)
  void theLawHoldsAcrossCaptureGenerationRebases(
      @ForAll("histories") SlaClockProperties.History h,
      @ForAll long seed,
      @ForAll boolean shuffled,
      @ForAll @IntRange(min = 1, max = 4) int limit)
      throws Exception {
    ClockEngine.captureGenerationLimitForTests(limit);
    try {
      anEvaluationReadLaterEqualsTheBatchEvaluationOfWhatItsClockKnew(h, seed, shuffled);
    } finally {
      ClockEngine.captureGenerationLimitForTests(Integer.MAX_VALUE);
    }
  }

  /** The evaluation after its cycles and next transition were read (so derived, once). */
  private static SlaEvaluation derived(SlaEvaluation e) {
    List<MetricCycle> cycles = e.cycles();
    assertEquals(cycles, e.cycles(), "read twice");
    e.nextTransition();
    return e;
  }

  /** At the last event accepted, later, or as of an earlier one. */
  private static Instant instant(Random r, List<TicketEvent> arrival, List<TicketEvent> known) {
    Instant at = known.isEmpty() ? arrival.get(0).at() : known.get(known.size() - 1).at();
    return switch (r.nextInt(4)) {
      case 0 -> at.plus(Duration.ofMinutes(r.nextInt(60 * 24 * 3)));
      case 1 -> known.isEmpty() ? at : known.get(r.nextInt(known.size())).at();
      default -> at;
    };
  }
}
