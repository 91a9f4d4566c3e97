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

/**
 * The evaluation caches change no result: a clock read through this thread's caches (the states of
 * stopped cycles and the calendar memos of open ones, left behind by earlier reads of this clock
 * and of other clocks) answers exactly as the same clock read with every cache forgotten first
 * ({@link ClockEngine#forgetThreadCaches()}), for random histories fed in order or shuffled with
 * duplicates, read after random events, at the event, later, or as of an earlier instant.
 */
class EvaluationCacheProperties {

  @Provide
  Arbitrary<SlaClockProperties.History> histories() {
    return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 40))
        .as(SlaClockProperties::history);
  }

  @Property(tries = 300)
  void cachedEvaluationEqualsUncachedEvaluation(
      @ForAll("histories") SlaClockProperties.History h,
      @ForAll("histories") SlaClockProperties.History other,
      @ForAll long seed,
      @ForAll boolean shuffled) {
    SlaPolicySet set = h.set();
    Random r = new Random(seed);
    List<TicketEvent> arrival = new ArrayList<>(h.events());
    if (shuffled) {
      for (int i = 0; i < 3; i++) {
        arrival.add(h.events().get(r.nextInt(h.events().size())));
      }
      Collections.shuffle(arrival, r);
    }
    // A second ticket read on the same thread in between: its reads leave its own cycles' states
    // and memos behind, at the same cycle positions.
    SlaClock noise = Fixtures.clock(other.set(), "T");
    List<TicketEvent> noiseEvents = other.events();
    SlaClock cached = Fixtures.clock(set, "T");
    SlaClock fresh = Fixtures.clock(set, "T");
    int compared = 0;
    for (int i = 0; i < arrival.size(); i++) {
      TicketEvent e = arrival.get(i);
      cached.accept(e);
      fresh.accept(e);
      if (i < noiseEvents.size()) {
        noise.accept(noiseEvents.get(i));
      }
      if (r.nextInt(4) == 0) {
        read(noise, noiseEvents.get(Math.min(i, noiseEvents.size() - 1)).at());
      }
      if (r.nextInt(3) > 0) {
        Instant t = instant(r, arrival, i);
        compared += compare(cached, fresh, t);
      }
    }
    Instant end = h.last().plus(Duration.ofMinutes(r.nextInt(60 * 24 * 5)));
    compared += compare(cached, fresh, end);
    compared += compare(cached, fresh, end); // twice: the second read is all from the caches
    assertEquals(Fixtures.eval(set, h.events(), end), cached.evaluate(end));
    assertTrue(compared >= 2, "the final reads were compared");
  }

  /** At the event just accepted, later, or as of an earlier instant. */
  private static Instant instant(Random r, List<TicketEvent> arrival, int i) {
    Instant at = arrival.get(i).at();
    switch (r.nextInt(4)) {
      case 0:
        return at.plus(Duration.ofMinutes(r.nextInt(60 * 24 * 3)));
      case 1:
        return arrival.get(r.nextInt(i + 1)).at(); // as of an event already seen
      default:
        return at;
    }
  }

  /** Compares a read through the caches with one after forgetting them; 1 if both could read. */
  private static int compare(SlaClock cached, SlaClock fresh, Instant t) {
    SlaEvaluation first;
    SlaEvaluation second;
    SlaEvaluation viaCaches;
    try {
      // An evaluation derives when first read. An engine's first derivation on a thread leaves the
      // caches alone; its second reads the memos (possibly another clock's, left at the same
      // positions) and fills them; its third reads everything from them.
      first = cached.evaluate(t);
      first.cycles();
      second = cached.evaluate(t);
      second.cycles();
      viaCaches = cached.evaluate(t);
      viaCaches.cycles();
    } catch (IllegalStateException noCreatedEventYet) {
      ClockEngine.forgetThreadCaches();
      try {
        fresh.evaluate(t);
      } catch (IllegalStateException expected) {
        return 0;
      }
      throw new AssertionError("only the cached read failed at " + t, noCreatedEventYet);
    }
    ClockEngine.forgetThreadCaches();
    SlaEvaluation uncached = fresh.evaluate(t);
    assertEquals(uncached, first, "at " + t);
    assertEquals(uncached, second, "at " + t);
    assertEquals(uncached, viaCaches, "at " + t);
    Instant next = cached.nextTransition(t).orElse(null);
    ClockEngine.forgetThreadCaches();
    assertEquals(fresh.nextTransition(t).orElse(null), next, "next transition at " + t);
    return 1;
  }

  /** Reads a clock twice, so that its second derivation leaves its states and memos behind. */
  private static void read(SlaClock clock, Instant at) {
    try {
      clock.evaluate(at).cycles();
      clock.evaluate(at).cycles();
    } catch (IllegalStateException noCreatedEventYet) {
      // events before the Created event are buffered
    }
  }
}
