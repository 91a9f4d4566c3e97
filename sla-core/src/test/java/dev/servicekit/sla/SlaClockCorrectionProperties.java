package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The law of {@link SlaClock#retract} and {@link SlaClock#replace}: a clock that accepted a history
 * in any order, with duplicates, and had events retracted and replaced in between (reads in between
 * too) is exactly a fresh clock fed only the final events: the same evaluation, next transition,
 * audit trails and event log at several instants (as-of reads included), and the same snapshot.
 * Differential against a model of the final events (a map by id) and the fresh clock fed them; the
 * histories are {@link SlaClockProperties}' generator under the set variants of {@link
 * AuditTrailProperties}.
 */
class SlaClockCorrectionProperties {

  /** A history, its set and a seed for the arrival order, the corrections and the reads. */
  record Case(SlaClockProperties.History history, SlaPolicySet set, long seed) {}

  @Provide
  Arbitrary<Case> cases() {
    return cases(0, 25);
  }

  /** Past the log's switch from scanning ids to a hash index (64 records), and back below it. */
  @Provide
  Arbitrary<Case> longCases() {
    return cases(60, 110);
  }

  private static Arbitrary<Case> cases(int minSize, int maxSize) {
    return Combinators.combine(
            Arbitraries.longs(),
            Arbitraries.integers().between(minSize, maxSize),
            Arbitraries.longs(),
            Arbitraries.longs())
        .as(
            (seed, size, variant, opsSeed) -> {
              SlaClockProperties.History h = SlaClockProperties.history(seed, size);
              if (Math.floorMod(variant, 3) == 0) { // per-call cycles re-attached on re-targets
                h = h.withRingingAcrossRetarget(new Random(~seed));
              }
              SlaPolicySet set = h.set();
              if ((variant & 8) != 0) { // custom metrics too, with tag changes spliced in
                h = h.withDefinitions(new Random(seed));
                set = Mirrors.withTwinsAndExtras(set);
              }
              set = SlaClockProperties.withSolveRule(set, (variant >>> 4) & 3);
              set = SlaClockProperties.withStopRule(set, (variant & 64) != 0);
              set = SlaClockProperties.withCreationStop(set, (variant & 128) != 0);
              return new Case(h, set, opsSeed);
            });
  }

  @Property(tries = 200)
  void correctedClockEqualsAFreshClockOfTheFinalEvents(@ForAll("cases") Case c) {
    run(c, 4);
  }

  @Property(tries = 25)
  void correctedLongClockEqualsAFreshClockOfTheFinalEvents(@ForAll("longCases") Case c) {
    run(c, 12);
  }

  /**
   * Retracting every event, in any order, leaves a new clock: a history accepted again after that
   * ends where a clock that only ever saw it ends.
   */
  @Property(tries = 60)
  void retractingEverythingLeavesANewClock(
      @ForAll("cases") Case c, @ForAll @IntRange(min = 0, max = 2) int readsBetween) {
    List<TicketEvent> events = c.history().events();
    Random r = new Random(c.seed());
    SlaClock clock = Fixtures.clock(c.set(), "T");
    arrival(events, r).forEach(clock::accept);
    if (readsBetween > 0) {
      clock.evaluate(c.history().last());
    }
    List<TicketEvent> gone = new ArrayList<>(events);
    Collections.shuffle(gone, r);
    for (TicketEvent e : gone) {
      assertEquals(true, clock.retract(e.id()), e::toString);
      if (readsBetween > 1) {
        check(c.set(), clock, modelOf(events, gone.subList(0, gone.indexOf(e) + 1)), e.at());
      }
    }
    assertEquals(List.of(), clock.events());
    assertArrayEquals(
        SlaClockSnapshot.toBytes(Fixtures.clock(c.set(), "T")), SlaClockSnapshot.toBytes(clock));
    assertThrows(IllegalStateException.class, () -> clock.evaluate(c.history().last()));
    List<TicketEvent> again = arrival(events, r);
    again.forEach(clock::accept);
    SlaClock fresh = Fixtures.clock(c.set(), "T");
    again.forEach(fresh::accept);
    assertEquals(fresh.events(), clock.events());
    assertEquals(fresh.evaluate(c.history().last()), clock.evaluate(c.history().last()));
  }

  private static Map<String, TicketEvent> modelOf(
      List<TicketEvent> events, List<TicketEvent> retracted) {
    Map<String, TicketEvent> m = new LinkedHashMap<>();
    events.forEach(e -> m.put(e.id(), e));
    retracted.forEach(e -> m.remove(e.id()));
    return m;
  }

  /** The events shuffled, with a few delivered twice. */
  private static List<TicketEvent> arrival(List<TicketEvent> events, Random r) {
    List<TicketEvent> out = new ArrayList<>(events);
    for (int i = 0; i < 3; i++) {
      out.add(events.get(r.nextInt(events.size())));
    }
    Collections.shuffle(out, r);
    return out;
  }

  /**
   * Feeds the case's events in a shuffled order with duplicates, interleaved with corrections
   * (retract, replace, the original accepted again after its retraction, a replacement refused or
   * offered to accept) and with reads; checks each answer against the model, some states on the way
   * and the final state at {@code finalReads} instants.
   */
  private static void run(Case c, int finalReads) {
    SlaPolicySet set = c.set();
    List<TicketEvent> events = c.history().events();
    Random r = new Random(c.seed());
    // Other content under the same ids: the same generator from another seed names its events
    // e001, e002, ... too.
    List<TicketEvent> others = SlaClockProperties.history(r.nextLong(), 5 + r.nextInt(20)).events();
    List<Runnable> ops = new ArrayList<>();
    SlaClock clock = Fixtures.clock(set, "T");
    Map<String, TicketEvent> model = new LinkedHashMap<>();
    for (TicketEvent e : arrival(events, r)) {
      ops.add(() -> accept(clock, model, e));
    }
    int corrections = 1 + r.nextInt(2 + events.size() / 2);
    for (int k = 0; k < corrections; k++) {
      TicketEvent target = events.get(r.nextInt(events.size()));
      TicketEvent edit = edited(target, others, r);
      int kind = r.nextInt(10);
      Runnable op =
          switch (kind) {
            case 0, 1, 2 -> () -> retract(clock, model, target.id());
            case 3, 4, 5 -> () -> replace(clock, model, edit);
            case 6 -> () -> accept(clock, model, target); // again, after a retraction or not
            case 7 -> () -> accept(clock, model, edit); // refused while another content is there
            case 8 -> () -> retract(clock, model, "no such event");
            default -> () -> refusedReplace(clock, model, target, r.nextBoolean());
          };
      ops.add(r.nextInt(ops.size() + 1), op);
    }
    for (Runnable op : ops) {
      op.run();
      if (r.nextInt(5) == 0) {
        check(set, clock, model, instant(model, c.history().last(), r));
      }
    }
    for (int k = 0; k < finalReads; k++) {
      check(set, clock, model, instant(model, c.history().last(), r));
    }
    // The corrected clock's snapshot restores to a clock equal to it.
    SlaClock restored =
        SlaClockSnapshot.fromBytes(SlaClockSnapshot.toBytes(clock), id -> Fixtures.clock(set, id));
    check(set, restored, model, instant(model, c.history().last(), r));
    SlaClock fromJson =
        SlaClockSnapshot.fromJson(SlaClockSnapshot.toJson(clock), id -> Fixtures.clock(set, id));
    assertEquals(clock.events(), fromJson.events());
  }

  private static void accept(SlaClock clock, Map<String, TicketEvent> model, TicketEvent e) {
    TicketEvent there = model.get(e.id());
    if (there != null && !there.equals(e)) {
      byte[] before = SlaClockSnapshot.toBytes(clock);
      assertThrows(IllegalArgumentException.class, () -> clock.accept(e));
      assertArrayEquals(before, SlaClockSnapshot.toBytes(clock), "a refused accept changed it");
      return;
    }
    assertEquals(there == null, clock.accept(e), () -> "accept " + e);
    model.put(e.id(), e);
  }

  private static void retract(SlaClock clock, Map<String, TicketEvent> model, String id) {
    assertEquals(model.remove(id) != null, clock.retract(id), () -> "retract " + id);
  }

  private static void replace(SlaClock clock, Map<String, TicketEvent> model, TicketEvent e) {
    boolean there = model.containsKey(e.id());
    assertEquals(there, clock.replace(e), () -> "replace " + e);
    if (there) {
      model.put(e.id(), e);
    }
  }

  /** A replacement that fails its checks (unknown status, other ticket): nothing changes. */
  private static void refusedReplace(
      SlaClock clock, Map<String, TicketEvent> model, TicketEvent target, boolean otherTicket) {
    TicketEvent bad =
        otherTicket
            ? rebuilt(target, "U", target.at())
            : new TicketEvent.StatusChanged("T", target.id(), target.at(), "no-such-status");
    byte[] before = SlaClockSnapshot.toBytes(clock);
    List<TicketEvent> events = clock.events();
    IllegalArgumentException x =
        assertThrows(IllegalArgumentException.class, () -> clock.replace(bad));
    assertEquals(
        true,
        x.getMessage().contains(otherTicket ? "belongs to ticket 'U" : "'no-such-status'"),
        x::getMessage);
    assertEquals(events, clock.events());
    assertArrayEquals(before, SlaClockSnapshot.toBytes(clock), "a refused replace changed it");
  }

  /** Another content for the id of {@code e}: re-stamped, or another event of another history. */
  private static TicketEvent edited(TicketEvent e, List<TicketEvent> others, Random r) {
    if (r.nextBoolean()) {
      return rebuilt(e, "T", e.at().plus(Duration.ofMinutes(15L * (r.nextInt(17) - 8))));
    }
    TicketEvent o = others.get(r.nextInt(others.size()));
    return OneUpdateOneResultProperties.renamed(o, e.id());
  }

  /** {@code e} of ticket {@code ticket} at {@code at}. */
  static TicketEvent rebuilt(TicketEvent e, String ticket, Instant at) {
    String id = e.id();
    if (e instanceof TicketEvent.Created c) {
      return TicketEvent.created(
          ticket, id, at, c.attributes(), c.tags(), c.byAgent(), c.status().orElse(null));
    } else if (e instanceof TicketEvent.AttributeChanged a) {
      return new TicketEvent.AttributeChanged(ticket, id, at, a.key(), a.value());
    } else if (e instanceof TicketEvent.PriorityChanged p) {
      return new TicketEvent.PriorityChanged(ticket, id, at, p.priority());
    } else if (e instanceof TicketEvent.StatusChanged s) {
      return new TicketEvent.StatusChanged(ticket, id, at, s.status());
    } else if (e instanceof TicketEvent.CustomerMessage) {
      return new TicketEvent.CustomerMessage(ticket, id, at);
    } else if (e instanceof TicketEvent.AgentReply a) {
      return TicketEvent.reply(ticket, id, at, a.isPublic(), a.automated());
    } else if (e instanceof TicketEvent.TagsChanged g) {
      return new TicketEvent.TagsChanged(ticket, id, at, g.tags());
    } else if (e instanceof TicketEvent.CallOffered o) {
      return new TicketEvent.CallOffered(ticket, id, at, o.callId());
    } else if (e instanceof TicketEvent.CallAnswered a) {
      return new TicketEvent.CallAnswered(ticket, id, at, a.callId());
    } else if (e instanceof TicketEvent.CallAbandoned a) {
      return new TicketEvent.CallAbandoned(ticket, id, at, a.callId());
    } else if (e instanceof TicketEvent.AttributeCleared a) {
      return new TicketEvent.AttributeCleared(ticket, id, at, a.key());
    } else if (e instanceof TicketEvent.PriorityCleared) {
      return new TicketEvent.PriorityCleared(ticket, id, at);
    }
    throw new AssertionError(e);
  }

  /**
   * A read instant: at or after the last event (the ordinary read), at one of the events (an as-of
   * read), or before every event.
   */
  private static Instant instant(Map<String, TicketEvent> model, Instant last, Random r) {
    List<TicketEvent> in = new ArrayList<>(model.values());
    return switch (in.isEmpty() ? 0 : r.nextInt(4)) {
      case 0 -> last.plus(Duration.ofMinutes(15L * r.nextInt(200)));
      case 1 -> in.get(r.nextInt(in.size())).at();
      case 2 -> in.get(r.nextInt(in.size())).at().plus(Duration.ofMinutes(15L * r.nextInt(8)));
      default -> in.stream().map(TicketEvent::at).min(Instant::compareTo).get().minusSeconds(1);
    };
  }

  /**
   * The clock equals a fresh clock fed the model's events (and the batch face over them) at {@code
   * now}: event log, snapshot, evaluation or the exception instead, next transition and every
   * cycle's audit trail.
   */
  private static void check(
      SlaPolicySet set, SlaClock clock, Map<String, TicketEvent> model, Instant now) {
    SlaClock fresh = Fixtures.clock(set, "T");
    model.values().forEach(fresh::accept);
    assertEquals(fresh.events(), clock.events());
    assertArrayEquals(SlaClockSnapshot.toBytes(fresh), SlaClockSnapshot.toBytes(clock));
    Object expected = outcome(() -> fresh.evaluate(now));
    assertEquals(expected, outcome(() -> clock.evaluate(now)), () -> "at " + now);
    if (!(expected instanceof SlaEvaluation e)) {
      return;
    }
    assertEquals(e, Fixtures.eval(set, new ArrayList<>(model.values()), now), "the batch face");
    assertEquals(fresh.nextTransition(now), clock.nextTransition(now));
    for (MetricCycle m : e.cycles()) {
      assertEquals(
          fresh.auditTrail(m.metric(), m.cycle(), now),
          clock.auditTrail(m.metric(), m.cycle(), now),
          m::toString);
    }
  }

  /** The evaluation, or the type and message of what it throws. */
  private static Object outcome(Supplier<SlaEvaluation> read) {
    try {
      return read.get();
    } catch (RuntimeException x) {
      return x.getClass().getSimpleName() + ": " + x.getMessage();
    }
  }
}
