package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.internal.clock.ClockEngine;
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
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * The states a long ticket's derivation keeps on its stopped cycles change no result: with the
 * threshold lowered so that every derivation keeps them, two clocks read in turn on one thread (so
 * that the thread's own cache of stopped cycles, which holds one clock, never serves) answer at
 * every read exactly as a batch evaluation of the events accepted so far, for random histories fed
 * in order or shuffled with duplicates, read at the latest event or later, several times between
 * events.
 */
class StoppedStateProperties {

  @BeforeProperty
  void keepEverywhere() {
    ClockEngine.keepStoppedStatesFromForTests(1);
  }

  @AfterProperty
  void restore() {
    ClockEngine.keepStoppedStatesFromForTests(32);
  }

  @Provide
  Arbitrary<SlaClockProperties.History> histories() {
    return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 60))
        .as(SlaClockProperties::history);
  }

  @Property(tries = 300)
  void keptStatesEqualABatchEvaluation(
      @ForAll("histories") SlaClockProperties.History a,
      @ForAll("histories") SlaClockProperties.History b,
      @ForAll long seed,
      @ForAll boolean shuffled) {
    Random r = new Random(seed);
    List<TicketEvent> arrivalA = arrival(a, r, shuffled);
    List<TicketEvent> arrivalB = arrival(b, r, shuffled);
    SlaClock clockA = Fixtures.clock(a.set(), "T");
    SlaClock clockB = Fixtures.clock(b.set(), "T");
    List<TicketEvent> seenA = new ArrayList<>();
    List<TicketEvent> seenB = new ArrayList<>();
    int compared = 0;
    for (int i = 0; i < Math.max(arrivalA.size(), arrivalB.size()); i++) {
      if (i < arrivalA.size()) {
        clockA.accept(arrivalA.get(i));
        seenA.add(arrivalA.get(i));
        compared += compare(clockA, a.set(), seenA, r);
      }
      if (i < arrivalB.size()) {
        clockB.accept(arrivalB.get(i));
        seenB.add(arrivalB.get(i));
        compared += compare(clockB, b.set(), seenB, r);
      }
    }
    assertTrue(compared > 0 || a.events().isEmpty(), "no read was compared");
  }

  private static List<TicketEvent> arrival(
      SlaClockProperties.History h, Random r, boolean shuffled) {
    List<TicketEvent> out = new ArrayList<>(h.events());
    if (shuffled && !out.isEmpty()) {
      for (int i = 0; i < 3; i++) {
        out.add(h.events().get(r.nextInt(h.events().size())));
      }
      Collections.shuffle(out, r);
    }
    return out;
  }

  /** Reads the clock once or twice at or after its latest event; 1 if it could be read. */
  private static int compare(SlaClock clock, SlaPolicySet set, List<TicketEvent> seen, Random r) {
    Instant latest = seen.stream().map(TicketEvent::at).max(Instant::compareTo).orElseThrow();
    Instant t = r.nextBoolean() ? latest : latest.plus(Duration.ofMinutes(r.nextInt(60 * 24 * 3)));
    SlaEvaluation expected;
    try {
      expected = Fixtures.eval(set, seen, t);
    } catch (IllegalStateException noCreatedEventYet) {
      return 0;
    }
    for (int k = 1 + r.nextInt(2); k > 0; k--) {
      SlaEvaluation e = clock.evaluate(t);
      assertEquals(expected, e, "at " + t);
      assertEquals(expected.cycles(), e.cycles(), "cycles at " + t);
    }
    return 1;
  }
}
