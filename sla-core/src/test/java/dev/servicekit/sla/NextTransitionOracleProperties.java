package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@code nextTransition(t)} read after every event equals the brute-force minimum over every cycle
 * the ticket has (the next transition of the evaluation at {@code t}, which derives them all, of
 * this clock and of a fresh clock fed the same events), for random histories arriving mostly in
 * order (the clock keeps its index of open cycles from event to event) or out of order (it
 * re-derives), with duplicates, under every reopen rule of resolution, KEEP_REACHED re-targets,
 * cancel-and-reattach, metric definitions and the stop and solve rule variants: the index of open
 * cycles it reads misses no cycle that stopped and opened again.
 */
class NextTransitionOracleProperties {

  @Provide
  Arbitrary<SlaClockProperties.History> histories() {
    return Combinators.combine(
            Arbitraries.longs(), Arbitraries.integers().between(0, 40), Arbitraries.longs())
        .as(
            (seed, size, defs) -> {
              SlaClockProperties.History h = SlaClockProperties.history(seed, size);
              if ((defs >> 1) % 3 == 0) { // per-call cycles re-attached across re-targets
                h = h.withRingingAcrossRetarget(new Random(~defs));
              }
              return defs % 2 == 0 ? h : h.withDefinitions(new Random(defs)); // custom metrics
            });
  }

  @Property(tries = 300)
  void nextTransitionAfterEachEventEqualsTheMinimumOverEveryCycle(
      @ForAll("histories") SlaClockProperties.History h, @ForAll long seed) {
    SlaPolicySet set = SlaClockProperties.withSolveRule(h.set(), (seed >>> 8) % 4);
    set = SlaClockProperties.withStopRule(set, ((seed >>> 12) & 1) == 0);
    set = SlaClockProperties.withCreationStop(set, Math.floorMod(seed >>> 16, 3) == 0);
    set = withReopenAndRetarget(set, Math.floorMod(seed >>> 20, 3), ((seed >>> 24) & 1) == 0);
    Random r = new Random(seed);
    List<TicketEvent> arrival = new ArrayList<>(h.events());
    arrival.sort(TicketEvent.ORDER);
    int mode = r.nextInt(3); // in order; a few late events and duplicates; shuffled
    if (mode == 1) {
      for (int i = 0; i < 3; i++) {
        TicketEvent e = arrival.remove(r.nextInt(arrival.size()));
        arrival.add(r.nextInt(arrival.size() + 1), e); // late, or early (then late for others)
        arrival.add(r.nextInt(arrival.size() + 1), arrival.get(r.nextInt(arrival.size())));
      }
    } else if (mode == 2) {
      Collections.shuffle(arrival, r);
    }

    SlaClock clock = Fixtures.clock(set, "T");
    List<TicketEvent> accepted = new ArrayList<>();
    Instant latest = null;
    boolean created = false;
    for (TicketEvent e : arrival) {
      if (clock.accept(e)) {
        accepted.add(e);
        created |= e instanceof TicketEvent.Created;
      }
      if (latest == null || e.at().isAfter(latest)) {
        latest = e.at();
      }
      if (!created || r.nextInt(4) == 0) {
        continue; // not every event is read: the index must also hold across unread events
      }
      Instant t = r.nextBoolean() ? latest : latest.plus(Duration.ofMinutes(r.nextInt(3000)));
      Optional<Instant> oracle = Fixtures.eval(set, accepted, t).nextTransition();
      if (r.nextBoolean()) { // the evaluation shares the clock's cycles: later changes copy them
        assertEquals(oracle, clock.evaluate(t).nextTransition(), "evaluate at " + t);
      }
      assertEquals(oracle, clock.nextTransition(t), "nextTransition at " + t + " after " + e);
    }
  }

  /**
   * {@code set} with resolution reopening under {@link ReopenRule} number {@code reopen}, and, if
   * {@code keep} and it re-targets by recalculating, under {@link RetargetRule#KEEP_REACHED}.
   */
  private static SlaPolicySet withReopenAndRetarget(SlaPolicySet set, int reopen, boolean keep) {
    ReopenRule rule = ReopenRule.values()[reopen];
    String json =
        SlaPolicyJson.write(set)
            .replaceFirst(
                "\"resolutionReopen\": \"[A-Z_]+\"", "\"resolutionReopen\": \"" + rule + "\"");
    if (keep) {
      json =
          json.replace("\"retargetRule\": \"RECALCULATE\"", "\"retargetRule\": \"KEEP_REACHED\"");
    }
    SlaPolicySet out = SlaPolicyJson.read(json);
    if (out.resolutionReopen() != rule) {
      throw new AssertionError("no " + rule + " in " + json);
    }
    return out;
  }
}
