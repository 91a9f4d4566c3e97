package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.internal.clock.ClockEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SlaClock#keepStoppedCycleStates}: what it keeps, when, and what it leaves alone (the laws
 * are {@link KeptStoppedStatesProperties}).
 */
class KeptStoppedStatesTest {

  @BeforeEach
  void keepFromOneCycle() {
    ClockEngine.keepStoppedStatesFromForTests(1); // these tickets have two or three cycles
  }

  @AfterEach
  void restore() {
    ClockEngine.keepStoppedStatesFromForTests(16);
  }

  /** Created Monday 10:00 (normal: first reply 8 h), answered at 15:00, solved at 16:00. */
  private static List<TicketEvent> answered(String ticket) {
    Fixtures.Ticket t = new Fixtures.Ticket(ticket);
    return new ArrayList<>(
        List.of(
            t.created(Fixtures.mon(10, 0), "tier", "silver", "severity", "s2", "channel", "email"),
            t.reply(Fixtures.mon(15, 0)),
            t.status(Fixtures.mon(16, 0), "solved")));
  }

  private static SlaClock clock(SlaPolicySet set, List<TicketEvent> events, boolean keep) {
    SlaClock c = Fixtures.clock(set, events.get(0).ticketId());
    c.keepStoppedCycleStates(keep);
    events.forEach(c::accept);
    return c;
  }

  @Test
  void offByDefaultAndOnARestoredClockAndTheSnapshotIsTheSameBytes() {
    SlaPolicySet set = Fixtures.tiered();
    SlaClock plain = clock(set, answered("A"), false);
    SlaClock kept = clock(set, answered("A"), true);
    assertFalse(Fixtures.clock(set, "A").keepsStoppedCycleStates());
    assertTrue(kept.keepsStoppedCycleStates());
    kept.evaluate(Fixtures.mon(17, 0)).cycles();
    assertTrue(kept.keptStoppedStates() > 0);
    byte[] bytes = SlaClockSnapshot.toBytes(kept);
    assertArrayEquals(SlaClockSnapshot.toBytes(plain), bytes);
    SlaClock restored = SlaClockSnapshot.fromBytes(bytes, id -> Fixtures.clock(set, id));
    assertFalse(restored.keepsStoppedCycleStates());
    assertEquals(0, restored.keptStoppedStates());
  }

  @Test
  void offTheClockKeepsNothingAndTurningItOffDropsWhatWasKept() {
    SlaPolicySet set = Fixtures.tiered();
    SlaClock plain = clock(set, answered("A"), false);
    plain.evaluate(Fixtures.mon(17, 0)).cycles();
    assertEquals(0, plain.keptStoppedStates());
    SlaClock kept = clock(set, answered("B"), true);
    kept.evaluate(Fixtures.mon(17, 0)).cycles();
    assertEquals(2, kept.keptStoppedStates()); // first reply and resolution, both stopped
    kept.keepStoppedCycleStates(false);
    assertEquals(0, kept.keptStoppedStates());
    kept.evaluate(Fixtures.mon(17, 0)).cycles();
    assertEquals(0, kept.keptStoppedStates());
  }

  /**
   * Two clocks read in turn on one thread: the thread's own cache holds the other clock, so without
   * the option each read derives the stopped cycles again; with it the second read returns the
   * state the first one derived.
   */
  @Test
  void aClockReadInTurnWithAnotherReusesItsStoppedCyclesOnlyWithTheOption() {
    SlaPolicySet set = Fixtures.tiered();
    Instant at = Fixtures.mon(17, 0);
    for (boolean keep : new boolean[] {false, true}) {
      SlaClock a = clock(set, answered("A"), keep);
      SlaClock b = clock(set, answered("B"), keep);
      MetricCycle first = a.evaluate(at).cycles().get(0);
      b.evaluate(at).cycles();
      MetricCycle again = a.evaluate(at.plusSeconds(60)).cycles().get(0);
      assertEquals(CycleState.ACHIEVED, first.state());
      assertEquals(first, again);
      if (keep) {
        assertSame(first, again, "kept");
      } else {
        assertNotSame(first, again, "derived again");
      }
    }
  }

  /**
   * Under RECALCULATE_ALL a re-target judges a stopped cycle again, in place (the cycle is not
   * changed, the clock's epoch is): the state kept before it is not served after it.
   */
  @Test
  void aRetargetUnderRecalculateAllJudgesAKeptStoppedCycleAgain() {
    SlaPolicySet set = Fixtures.semantics(6);
    List<TicketEvent> events = answered("A");
    SlaClock a = clock(set, events, true);
    SlaClock b = clock(set, answered("B"), true);
    MetricCycle before = a.evaluate(Fixtures.mon(17, 0)).cycles().get(0);
    b.evaluate(Fixtures.mon(17, 0)).cycles();
    TicketEvent urgent =
        new TicketEvent.PriorityChanged("A", "p", Fixtures.mon(17, 30), "urgent"); // in order
    a.accept(urgent);
    events.add(urgent);
    SlaEvaluation after = a.evaluate(Fixtures.mon(18, 0));
    assertEquals(Fixtures.eval(set, events, Fixtures.mon(18, 0)), after);
    assertEquals(CycleState.ACHIEVED, before.state());
    assertNotEquals(before, after.cycles().get(0), "judged again under the urgent target");
  }

  /** A correction replays the clock into a new state: nothing kept before it is served after. */
  @Test
  void aRetractedReplyIsNotServedFromWhatWasKept() {
    SlaPolicySet set = Fixtures.tiered();
    List<TicketEvent> events = answered("A");
    SlaClock a = clock(set, events, true);
    a.evaluate(Fixtures.mon(17, 0)).cycles();
    assertTrue(a.retract(events.get(1).id()));
    events.remove(1);
    assertEquals(0, a.keptStoppedStates());
    assertEquals(Fixtures.eval(set, events, Fixtures.mon(17, 0)), a.evaluate(Fixtures.mon(17, 0)));
    assertTrue(a.keepsStoppedCycleStates(), "kept across the replay");
    assertTrue(a.keptStoppedStates() > 0);
  }

  /**
   * By default a clock keeps its stopped cycles' states from 16 cycles on (started, reported or
   * not): below that they are a small part of a read for half as much memory again; a read with
   * fewer keeps nothing.
   */
  @Test
  void byDefaultStatesAreKeptFromSixteenCyclesOn() {
    ClockEngine.keepStoppedStatesFromForTests(16);
    SlaPolicySet set = Fixtures.tiered();
    Fixtures.Ticket t = new Fixtures.Ticket("A");
    SlaClock a = Fixtures.clock(set, "A");
    a.keepStoppedCycleStates(true);
    Instant at = Fixtures.mon(9, 0);
    a.accept(t.created(at, "tier", "silver", "severity", "s2", "channel", "email"));
    List<TicketEvent> events = new ArrayList<>(a.events());
    int cycles = 0;
    for (int k = 0; cycles < 18; k++) {
      at = at.plusSeconds(300);
      TicketEvent e = k % 2 == 0 ? t.reply(at) : t.customer(at); // a next reply per exchange
      a.accept(e);
      events.add(e);
      SlaEvaluation ev = a.evaluate(at);
      cycles = ev.cycles().size();
      assertEquals(Fixtures.eval(set, events, at), ev);
      if (k < 6) { // fewer than 16 cycles: at most 3 per exchange so far, and the first two
        assertEquals(0, a.keptStoppedStates(), "with " + cycles + " cycles reported");
      }
    }
    assertTrue(a.keptStoppedStates() > 0, "with " + cycles + " cycles reported");
  }
}
