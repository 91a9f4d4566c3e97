package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Corrections ({@link SlaClock#retract}, {@link SlaClock#replace}) interleaved with checkpoints
 * written after every call ({@link SlaClockSnapshot#toBytes}, so that a clock of 32 events or more
 * keeps its encoding and writes incrementally) and restores ({@link SlaClockSnapshot#fromBytes},
 * the restored clock carrying on): after every call the clock's checkpoint, events and evaluation
 * are a fresh clock's fed the final events. Histories mostly in order, so that the incremental path
 * is the common one, with late events, duplicates and corrections of any event (the Created one
 * included, re-stamped earlier or later, or another kind under the same id).
 */
class CorrectionCheckpointProperties {

  @Property(tries = 200)
  void checkpointsAfterCorrectionsAreAFreshClocksCheckpoints(
      @ForAll long seed, @ForAll @IntRange(min = 30, max = 120) int size) {
    SlaClockProperties.History h = SlaClockProperties.history(seed, size);
    SlaPolicySet set = h.set();
    List<TicketEvent> events = h.events();
    Random r = new Random(~seed);
    List<TicketEvent> others = SlaClockProperties.history(r.nextLong(), 5 + r.nextInt(20)).events();
    Map<String, TicketEvent> model = new LinkedHashMap<>();
    SlaClock clock = Fixtures.clock(set, "T");
    List<TicketEvent> arrival = new ArrayList<>(events);
    for (int k = 0; k < 3; k++) { // a few late events
      int i = r.nextInt(arrival.size());
      int j = r.nextInt(arrival.size());
      arrival.add(Math.min(i, j), arrival.remove(Math.max(i, j)));
    }
    int steps = arrival.size() + size / 2;
    int next = 0;
    for (int step = 0; step < steps; step++) {
      int op = r.nextInt(10);
      if (next < arrival.size() && (op < 6 || model.isEmpty())) {
        TicketEvent e = arrival.get(next++);
        if (!model.containsKey(e.id())) {
          clock.accept(e);
          model.put(e.id(), e);
        }
        if (op == 0) {
          clock.accept(e.equals(model.get(e.id())) ? e : model.get(e.id())); // a duplicate
        }
      } else if (!model.isEmpty()) {
        List<TicketEvent> in = new ArrayList<>(model.values());
        TicketEvent target = in.get(r.nextInt(in.size()));
        if (op < 8) {
          assertEquals(true, clock.retract(target.id()));
          model.remove(target.id());
        } else {
          TicketEvent edit =
              r.nextBoolean()
                  ? OneUpdateOneResultProperties.renamed(
                      others.get(r.nextInt(others.size())), target.id())
                  : restamped(target, Duration.ofMinutes(15L * (r.nextInt(17) - 8)));
          if (edit.ticketId().equals("T")) {
            assertEquals(true, clock.replace(edit));
            model.put(target.id(), edit);
          }
        }
      }
      if (r.nextInt(8) == 0) {
        clock =
            SlaClockSnapshot.fromBytes(
                SlaClockSnapshot.toBytes(clock), id -> Fixtures.clock(set, id));
      }
      check(set, clock, model, h.last(), r.nextInt(3) == 0);
    }
  }

  private static TicketEvent restamped(TicketEvent e, Duration by) {
    return SlaClockCorrectionProperties.rebuilt(e, "T", e.at().plus(by));
  }

  private static void check(
      SlaPolicySet set,
      SlaClock clock,
      Map<String, TicketEvent> model,
      Instant last,
      boolean eval) {
    SlaClock fresh = Fixtures.clock(set, "T");
    model.values().forEach(fresh::accept);
    byte[] expected = SlaClockSnapshot.toBytes(fresh);
    assertArrayEquals(expected, SlaClockSnapshot.toBytes(clock));
    assertArrayEquals(expected, SlaClockSnapshot.toBytes(clock), "a second write");
    if (eval) {
      assertEquals(fresh.events(), clock.events());
      Instant now = last.plus(Duration.ofHours(3));
      assertEquals(outcome(fresh, now), outcome(clock, now));
    }
  }

  private static Object outcome(SlaClock c, Instant now) {
    try {
      return c.evaluate(now);
    } catch (RuntimeException x) {
      return x.getClass().getSimpleName() + ": " + x.getMessage();
    }
  }
}
