package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link SlaClockSnapshot#toBytes(SlaClock)} continues the encoding it kept from the clock's last
 * checkpoint when only events in order came since; differentially, every checkpoint it writes, at
 * any point of any history, is byte for byte the checkpoint written from scratch (the reference
 * path from the materialised events, and a fresh clock's first checkpoint), and restores the same
 * events. Histories: events of every kind with wide and JSON-hostile strings ({@link
 * SnapshotFromLogProperties#logs()}), realistic tickets ({@link SlaClockProperties#history}), in
 * order, as generated (late events), nearly in order with a few late ones, with duplicates, with
 * long ids sharing long prefixes; checkpoints and reads (which sort a log that is not in order) at
 * random points between the events.
 */
class IncrementalSnapshotProperties {

  private static final SlaPolicySet SET = SnapshotFromLogProperties.SET;

  /** How the events arrive. */
  enum Arrival {
    IN_ORDER,
    AS_GENERATED,
    A_FEW_LATE
  }

  /**
   * A history, its policy set ({@link #SET} for the events of every kind) and the arrival order.
   */
  record Case(SlaPolicySet set, List<TicketEvent> arrival) {
    @Override
    public String toString() {
      return arrival.size() + " events: " + arrival;
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<List<TicketEvent>> logs = new SnapshotFromLogProperties().logs();
    // two logs in one (the second's ids prefixed, so still distinct): long enough to be kept
    Arbitrary<Case> anyKind =
        Combinators.combine(logs, logs, logs)
            .as(
                (a, b, d) -> {
                  List<TicketEvent> events = new ArrayList<>(a);
                  b.forEach(e -> events.add(withId(e, "2/" + e.id())));
                  d.forEach(e -> events.add(withId(e, "3/" + e.id())));
                  return new Case(SET, events);
                });
    Arbitrary<Case> tickets =
        Combinators.combine(
                Arbitraries.longs(), Arbitraries.integers().between(0, 150), Arbitraries.longs())
            .as(
                (seed, size, defs) -> {
                  SlaClockProperties.History h = SlaClockProperties.history(seed, size);
                  if (defs % 2 != 0) {
                    h = h.withDefinitions(new Random(defs)); // tag changes spliced in
                  }
                  return new Case(h.set(), h.events());
                });
    return Combinators.combine(
            Arbitraries.oneOf(anyKind, tickets),
            Arbitraries.frequency(
                Tuple.of(3, Arrival.IN_ORDER),
                Tuple.of(1, Arrival.AS_GENERATED),
                Tuple.of(2, Arrival.A_FEW_LATE)),
            Arbitraries.of("", "incident-2026-12-06/escalations/customer-chat/", "事件😀/ü/"),
            Arbitraries.integers().between(0, 4),
            Arbitraries.longs())
        .as(
            (c, arrival, prefix, duplicates, seed) ->
                new Case(c.set(), arrive(c.arrival(), arrival, prefix, duplicates, seed)));
  }

  /**
   * The events in an arrival order, ids prefixed with {@code prefix} repeated (so that ids share a
   * long prefix, wide chars and surrogate pairs included), with a few delivered twice.
   */
  private static List<TicketEvent> arrive(
      List<TicketEvent> events, Arrival arrival, String prefix, int duplicates, long seed) {
    Random r = new Random(seed);
    String longPrefix = prefix.repeat(prefix.isEmpty() ? 0 : 1 + r.nextInt(4));
    List<TicketEvent> out = new ArrayList<>();
    for (TicketEvent e : events) {
      out.add(longPrefix.isEmpty() ? e : withId(e, longPrefix + e.id()));
    }
    if (arrival != Arrival.AS_GENERATED) {
      out.sort(TicketEvent.ORDER);
    }
    if (arrival == Arrival.A_FEW_LATE && out.size() > 1) {
      for (int k = 1 + r.nextInt(3); k > 0; k--) {
        TicketEvent late = out.remove(r.nextInt(out.size() - 1));
        out.add(r.nextInt(out.size() + 1), late); // later, or where it was
      }
    }
    for (int k = 0; k < duplicates && !out.isEmpty(); k++) {
      int i = r.nextInt(out.size());
      out.add(i + r.nextInt(out.size() - i + 1), out.get(i));
    }
    return out;
  }

  @Property(tries = 600, edgeCases = EdgeCasesMode.NONE) // edge cases: mostly empty histories
  void everyCheckpointIsTheOneWrittenFromScratch(
      @ForAll("cases") Case c, @ForAll long opsSeed, @ForAll boolean reads) {
    Random ops = new Random(opsSeed);
    int every = 1 + ops.nextInt(4); // how often it writes: after every event, or fewer
    SlaClock clock = Fixtures.clock(c.set(), "T");
    int[] incremental = {0}; // checkpoints that encoded fewer records than the log holds
    check(c.set(), clock); // the empty clock
    for (TicketEvent e : c.arrival()) {
      clock.accept(e);
      if (ops.nextInt(every) == 0) {
        check(c.set(), clock);
        SlaClockSnapshot.Encoded kept = clock.encoded();
        if (kept != null && kept.lastEncoded() < kept.records()) {
          incremental[0]++;
        }
      }
      if (reads && ops.nextInt(8) == 0) {
        read(clock);
      }
    }
    check(c.set(), clock);
    check(c.set(), clock); // twice with nothing between: the kept encoding as it is
    Statistics.label("incremental checkpoints")
        .collect(c.set() == SET ? "events of every kind" : "tickets", incremental[0] > 0);
    SlaClock fresh = Fixtures.clock(c.set(), "T");
    clock.events().forEach(fresh::accept);
    assertArrayEquals(SlaClockSnapshot.toBytes(fresh), SlaClockSnapshot.toBytes(clock));
  }

  /**
   * The checkpoint equals the reference encoding of the clock's events, and restores them; when the
   * log is in order, it equals the encoding from the packed log from scratch too.
   */
  private static void check(SlaPolicySet set, SlaClock clock) {
    byte[] written = SlaClockSnapshot.toBytes(clock);
    List<TicketEvent> events = clock.events();
    assertArrayEquals(SlaClockSnapshot.toBytes("T", events), written);
    if (clock.logInOrder() != null) {
      assertArrayEquals(SlaClockSnapshot.toBytes("T", clock.logInOrder()), written);
    }
    assertEquals(
        events, SlaClockSnapshot.fromBytes(written, id -> Fixtures.clock(set, id)).events());
  }

  /** A read: it puts a log that is not in order in order (a rewrite of the log). */
  private static void read(SlaClock clock) {
    try {
      clock.evaluate(Instant.parse("2030-01-01T00:00:00Z"));
    } catch (IllegalStateException noCreatedYet) {
      // the log is sorted all the same
    }
  }

  /** {@code e} under another id. */
  static TicketEvent withId(TicketEvent e, String id) {
    String t = e.ticketId();
    Instant at = e.at();
    if (e instanceof TicketEvent.Created c) {
      return TicketEvent.created(
          t, id, at, c.attributes(), c.tags(), c.byAgent(), c.status().orElse(null));
    } else if (e instanceof TicketEvent.CustomerMessage) {
      return new TicketEvent.CustomerMessage(t, id, at);
    } else if (e instanceof TicketEvent.AgentReply r) {
      return TicketEvent.reply(t, id, at, r.isPublic(), r.automated());
    } else if (e instanceof TicketEvent.StatusChanged s) {
      return new TicketEvent.StatusChanged(t, id, at, s.status());
    } else if (e instanceof TicketEvent.PriorityChanged p) {
      return new TicketEvent.PriorityChanged(t, id, at, p.priority());
    } else if (e instanceof TicketEvent.AttributeChanged a) {
      return new TicketEvent.AttributeChanged(t, id, at, a.key(), a.value());
    } else if (e instanceof TicketEvent.TagsChanged g) {
      return new TicketEvent.TagsChanged(t, id, at, g.tags());
    } else if (e instanceof TicketEvent.Assigned a) {
      return new TicketEvent.Assigned(t, id, at, a.assignee());
    } else if (e instanceof TicketEvent.Escalated x) {
      return new TicketEvent.Escalated(t, id, at, x.level());
    } else if (e instanceof TicketEvent.CallOffered o) {
      return new TicketEvent.CallOffered(t, id, at, o.callId());
    } else if (e instanceof TicketEvent.CallAnswered a) {
      return new TicketEvent.CallAnswered(t, id, at, a.callId());
    } else if (e instanceof TicketEvent.AttributeCleared a) {
      return new TicketEvent.AttributeCleared(t, id, at, a.key());
    } else if (e instanceof TicketEvent.PriorityCleared) {
      return new TicketEvent.PriorityCleared(t, id, at);
    }
    return new TicketEvent.CallAbandoned(t, id, at, ((TicketEvent.CallAbandoned) e).callId());
  }
}
