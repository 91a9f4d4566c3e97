package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * As-of reads: {@code evaluate(t)} and {@code nextTransition(t)} of a clock that has seen
 * everything equal those of a fresh clock fed only the events at or before {@code t}, for random
 * histories arriving out of order with duplicates, at any {@code t} (before the creation, between
 * events, exactly at an event, after the last one), under both solve rules of first reply ({@link
 * SolveRule}).
 */
class SlaClockAsOfProperties {

  @Provide
  Arbitrary<SlaClockProperties.History> histories() {
    return Combinators.combine(
            Arbitraries.longs(), Arbitraries.integers().between(0, 30), Arbitraries.longs())
        .as(
            (seed, size, defs) -> {
              SlaClockProperties.History h = SlaClockProperties.history(seed, size);
              if ((defs >> 1) % 3 == 0) { // per-call cycles re-attached across re-targets
                h = h.withRingingAcrossRetarget(new Random(~defs));
              }
              return defs % 2 == 0 ? h : h.withDefinitions(new Random(defs)); // custom metrics
            });
  }

  @Property(tries = 250)
  void evaluateAsOfEqualsAFreshClockFedOnlyTheEventsUpToThen(
      @ForAll("histories") SlaClockProperties.History h,
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 3) int reads,
      @ForAll boolean atAnEvent) {
    // A quarter each: first reply paused while solved, and with closed cancelling it as well.
    SlaPolicySet set = SlaClockProperties.withSolveRule(h.set(), (seed >>> 8) % 4);
    // Half of the time a stop at a re-target's instant is judged by the targeting before it.
    set = SlaClockProperties.withStopRule(set, ((seed >>> 12) & 1) == 0);
    // And a third of the time the creating update's stops override its starts.
    set = SlaClockProperties.withCreationStop(set, Math.floorMod(seed >>> 16, 3) == 0);
    Random r = new Random(seed);
    List<TicketEvent> arrival = new ArrayList<>(h.events());
    for (int i = 0; i < 3; i++) {
      arrival.add(h.events().get(r.nextInt(h.events().size())));
    }
    Collections.shuffle(arrival, r);

    SlaClock clock = Fixtures.clock(set, "T");
    for (int i = 0; i < arrival.size(); i++) {
      clock.accept(arrival.get(i));
      if (reads > 0 && r.nextInt(arrival.size()) < reads) {
        read(clock, arrival.get(i).at()); // applied at once, or re-derived later: both are covered
      }
    }
    Instant created = h.events().get(0).at();
    for (int k = 0; k < 4; k++) {
      Instant t =
          atAnEvent
              ? arrival.get(r.nextInt(arrival.size())).at()
              : created
                  .minus(Duration.ofHours(1))
                  .plusSeconds(
                      (long)
                          (r.nextDouble()
                              * Duration.between(created, h.last()).plusHours(3).getSeconds()));
      SlaClock fresh = Fixtures.clock(set, "T");
      for (TicketEvent e : arrival) {
        if (!e.at().isAfter(t)) {
          fresh.accept(e);
        }
      }
      if (t.isBefore(created)) {
        assertThrows(IllegalStateException.class, () -> clock.evaluate(t));
        assertThrows(IllegalStateException.class, () -> clock.nextTransition(t));
        continue;
      }
      SlaEvaluation expected = fresh.evaluate(t);
      assertEquals(expected, clock.evaluate(t));
      assertEquals(fresh.nextTransition(t), clock.nextTransition(t));
      assertEquals(expected.nextTransition(), clock.nextTransition(t));
    }
    // as-of reads leave the clock as it was
    Instant end = h.last().plus(Duration.ofHours(2));
    assertEquals(Fixtures.eval(set, h.events(), end), clock.evaluate(end));
    assertEquals(h.events().size(), clock.events().size());
  }

  private static void read(SlaClock clock, Instant at) {
    try {
      clock.evaluate(at);
    } catch (IllegalStateException noCreatedEventYet) {
      // events before the Created event are buffered
    }
  }
}
