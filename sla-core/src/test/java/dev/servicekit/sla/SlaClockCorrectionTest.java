package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.eval;
import static dev.servicekit.sla.Fixtures.h;
import static dev.servicekit.sla.Fixtures.mon;
import static dev.servicekit.sla.Fixtures.single;
import static dev.servicekit.sla.Fixtures.team;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Correcting a live clock's history ({@link SlaClock#retract}, {@link SlaClock#replace}) as a CRM
 * does when an event of its ticket is deleted or edited. Calendar: Mon-Fri 09:00-17:00 UTC; first
 * reply 4 business hours. Each clock is read before the correction, so the correction meets a clock
 * that has applied its events, not one waiting for a replay.
 */
class SlaClockCorrectionTest {

  private static final SlaPolicySet SET =
      single(
          Map.of(SlaMetric.firstResponse(), h(4), SlaMetric.resolution(), h(8)),
          team(SlaMetric.firstResponse()),
          team(SlaMetric.resolution(), "pending"));

  private static final TicketEvent CREATED =
      TicketEvent.Created.byCustomer("T1", "ev-1", mon(10, 0), Map.of(), Set.of());
  private static final TicketEvent REPLY =
      TicketEvent.AgentReply.publicReply("T1", "ev-2", mon(11, 0));
  private static final TicketEvent PENDING =
      new TicketEvent.StatusChanged("T1", "ev-3", mon(12, 0), "pending");

  private static SlaClock read(TicketEvent... events) {
    SlaClock clock = Fixtures.clock(SET, "T1");
    for (TicketEvent e : events) {
      assertTrue(clock.accept(e));
    }
    clock.evaluate(mon(16, 0)); // applied, not waiting for a replay
    return clock;
  }

  private static MetricCycle firstReply(SlaEvaluation e) {
    return e.cycles(SlaMetric.firstResponse()).get(0);
  }

  @Test
  void aRetractedReplyNoLongerStopsTheFirstReply() {
    SlaClock clock = read(CREATED, REPLY, PENDING);
    assertEquals(CycleState.ACHIEVED, firstReply(clock.evaluate(mon(16, 0))).state());

    assertTrue(clock.retract("ev-2"));

    assertEquals(List.of(CREATED, PENDING), clock.events());
    SlaEvaluation now = clock.evaluate(mon(16, 0));
    assertEquals(CycleState.BREACHED, firstReply(now).state());
    assertEquals(eval(SET, List.of(CREATED, PENDING), mon(16, 0)), now);
    assertFalse(clock.retract("ev-2"), "already gone");
    assertFalse(clock.retract("ev-9"), "never there");
  }

  @Test
  void aRetractedIdIsAcceptedAgainAsANewEvent() {
    SlaClock clock = read(CREATED, REPLY);
    assertTrue(clock.retract("ev-2"));
    TicketEvent later = TicketEvent.AgentReply.publicReply("T1", "ev-2", mon(15, 0));

    assertTrue(clock.accept(later), "new again");
    assertFalse(clock.accept(later), "and idempotent as any event");

    assertEquals(eval(SET, List.of(CREATED, later), mon(16, 0)), clock.evaluate(mon(16, 0)));
  }

  @Test
  void retractingTheCreationLeavesATicketWithoutOneAsBeforeItArrived() {
    SlaClock clock = read(CREATED, REPLY);
    SlaClock neverCreated = Fixtures.clock(SET, "T1");
    neverCreated.accept(REPLY);

    assertTrue(clock.retract("ev-1"));

    assertEquals(neverCreated.events(), clock.events());
    IllegalStateException x =
        assertThrows(IllegalStateException.class, () -> clock.evaluate(mon(16, 0)));
    IllegalStateException y =
        assertThrows(IllegalStateException.class, () -> neverCreated.evaluate(mon(16, 0)));
    assertEquals(y.getMessage(), x.getMessage());
    assertEquals("ticket T1 has no Created event yet", x.getMessage());
    assertThrows(IllegalStateException.class, () -> clock.nextTransition(mon(16, 0)));
    assertArrayEquals(SlaClockSnapshot.toBytes(neverCreated), SlaClockSnapshot.toBytes(clock));

    // A creation accepted again (here re-stamped) is the ticket's creation from then on.
    TicketEvent again = TicketEvent.Created.byCustomer("T1", "ev-1", mon(9, 0), Map.of(), Set.of());
    assertTrue(clock.accept(again));
    neverCreated.accept(again);
    assertEquals(neverCreated.evaluate(mon(16, 0)), clock.evaluate(mon(16, 0)));
    assertEquals(eval(SET, List.of(again, REPLY), mon(16, 0)), clock.evaluate(mon(16, 0)));
  }

  @Test
  void retractingEveryEventLeavesANewClock() {
    SlaClock clock = read(CREATED, REPLY);
    assertTrue(clock.retract("ev-1"));
    assertTrue(clock.retract("ev-2"));

    assertEquals(List.of(), clock.events());
    assertArrayEquals(
        SlaClockSnapshot.toBytes(Fixtures.clock(SET, "T1")), SlaClockSnapshot.toBytes(clock));
    assertThrows(IllegalStateException.class, () -> clock.evaluate(mon(16, 0)));
    // fed again in order, as a new clock is: applied as they come
    assertTrue(clock.accept(CREATED));
    assertTrue(clock.accept(PENDING));
    assertEquals(eval(SET, List.of(CREATED, PENDING), mon(16, 0)), clock.evaluate(mon(16, 0)));
  }

  @Test
  void replaceCorrectsAnEditedEvent() {
    SlaClock clock = read(CREATED, REPLY);
    // The reply was an internal note after all: first reply still owed.
    TicketEvent note = TicketEvent.AgentReply.internalNote("T1", "ev-2", mon(11, 0));

    assertTrue(clock.replace(note));

    assertEquals(List.of(CREATED, note), clock.events());
    assertEquals(eval(SET, List.of(CREATED, note), mon(16, 0)), clock.evaluate(mon(16, 0)));
    assertEquals(CycleState.BREACHED, firstReply(clock.evaluate(mon(16, 0))).state());
  }

  @Test
  void replaceReStampsAnEventIntoAnotherPlaceOfTheHistory() {
    SlaClock clock = read(CREATED, REPLY, PENDING);
    TicketEvent early = new TicketEvent.StatusChanged("T1", "ev-3", mon(10, 30), "pending");

    assertTrue(clock.replace(early));

    assertEquals(List.of(CREATED, early, REPLY), clock.events());
    assertEquals(eval(SET, List.of(CREATED, REPLY, early), mon(16, 0)), clock.evaluate(mon(16, 0)));
    // as-of reads see the corrected history too
    assertEquals(eval(SET, List.of(CREATED, early), mon(10, 45)), clock.evaluate(mon(10, 45)));
  }

  @Test
  void replaceOfAnIdNoEventHasChangesNothingAndSaysSo() {
    SlaClock clock = read(CREATED, REPLY);
    byte[] before = SlaClockSnapshot.toBytes(clock);

    assertFalse(clock.replace(TicketEvent.AgentReply.publicReply("T1", "ev-9", mon(12, 0))));

    assertArrayEquals(before, SlaClockSnapshot.toBytes(clock));
    assertEquals(eval(SET, List.of(CREATED, REPLY), mon(16, 0)), clock.evaluate(mon(16, 0)));
  }

  @Test
  void replaceWithTheContentAlreadyThereIsANoOp() {
    SlaClock clock = read(CREATED, REPLY);
    SlaEvaluation before = clock.evaluate(mon(16, 0));

    assertTrue(clock.replace(TicketEvent.AgentReply.publicReply("T1", "ev-2", mon(11, 0))));

    assertEquals(before, clock.evaluate(mon(16, 0)));
  }

  @Test
  void acceptStillRefusesAReusedIdWithOtherContent() {
    SlaClock clock = read(CREATED, REPLY);
    TicketEvent note = TicketEvent.AgentReply.internalNote("T1", "ev-2", mon(11, 0));

    IllegalArgumentException x =
        assertThrows(IllegalArgumentException.class, () -> clock.accept(note));

    assertTrue(x.getMessage().startsWith("event id 'ev-2' is already used by"), x.getMessage());
    assertEquals(List.of(CREATED, REPLY), clock.events());
  }

  @Test
  void aReplaceThatThrowsLeavesTheClockExactlyAsItWas() {
    SlaPolicySet strict =
        Fixtures.statusModel()
            .rejectUnknownKeys(true)
            .defaultPolicy(Fixtures.tiered().defaultPolicy())
            .build();
    TicketEvent created =
        TicketEvent.Created.byCustomer("T1", "ev-1", mon(10, 0), Map.of(), Set.of());
    TicketEvent pending = new TicketEvent.StatusChanged("T1", "ev-3", mon(12, 0), "pending");
    for (TicketEvent bad :
        List.of(
            new TicketEvent.StatusChanged("T1", "ev-3", mon(12, 0), "no-such-status"),
            new TicketEvent.StatusChanged("T2", "ev-3", mon(12, 0), "open"),
            new TicketEvent.PriorityChanged("T1", "ev-3", mon(12, 0), "no-such-priority"),
            new TicketEvent.StatusChanged("T1", "ev-9", mon(12, 0), "no-such-status"))) {
      SlaClock clock = Fixtures.clock(strict, "T1");
      clock.accept(created);
      clock.accept(REPLY);
      clock.accept(pending);
      SlaEvaluation before = clock.evaluate(mon(16, 0));
      byte[] snapshot = SlaClockSnapshot.toBytes(clock);

      IllegalArgumentException x =
          assertThrows(IllegalArgumentException.class, () -> clock.replace(bad), bad::toString);

      assertTrue(
          x.getMessage().contains("T2") || x.getMessage().contains("no-such"), x::getMessage);
      assertArrayEquals(snapshot, SlaClockSnapshot.toBytes(clock), bad::toString);
      assertEquals(before, clock.evaluate(mon(16, 0)), bad::toString);
      // and it goes on as a clock that never saw the call
      TicketEvent open = new TicketEvent.StatusChanged("T1", "ev-4", mon(13, 0), "open");
      assertTrue(clock.accept(open));
      assertEquals(
          eval(strict, List.of(created, REPLY, pending, open), mon(16, 0)),
          clock.evaluate(mon(16, 0)),
          bad::toString);
    }
  }

  @Test
  void retractRefusesAnIdNoEventCanHave() {
    SlaClock clock = read(CREATED, REPLY);
    for (String id : List.of("", " ", "ev\n2", "x".repeat(TicketEvent.MAX_ID_CHARS + 1))) {
      IllegalArgumentException x =
          assertThrows(IllegalArgumentException.class, () -> clock.retract(id));
      assertTrue(x.getMessage().contains("eventId"), x::getMessage);
    }
    assertThrows(NullPointerException.class, () -> clock.retract(null));
    assertThrows(NullPointerException.class, () -> clock.replace(null));
    assertEquals(List.of(CREATED, REPLY), clock.events());
  }

  @Test
  void anEvaluationMadeBeforeACorrectionKeepsItsState() {
    SlaClock clock = read(CREATED, REPLY);
    SlaEvaluation before = clock.evaluate(mon(16, 0)); // not read yet: derived lazily

    clock.retract("ev-2");

    assertEquals(eval(SET, List.of(CREATED, REPLY), mon(16, 0)), before);
    assertEquals(CycleState.ACHIEVED, firstReply(before).state());
  }

  @Test
  void aSnapshotAfterACorrectionRestoresTheCorrectedClock() {
    SlaClock clock = read(CREATED, REPLY, PENDING);
    clock.retract("ev-1");
    clock.accept(CREATED);
    clock.replace(TicketEvent.AgentReply.internalNote("T1", "ev-2", mon(11, 0)));
    SlaClock fresh = Fixtures.clock(SET, "T1");
    List.of(CREATED, TicketEvent.AgentReply.internalNote("T1", "ev-2", mon(11, 0)), PENDING)
        .forEach(fresh::accept);

    byte[] bytes = SlaClockSnapshot.toBytes(clock);
    assertArrayEquals(SlaClockSnapshot.toBytes(fresh), bytes);
    assertEquals(SlaClockSnapshot.toJson(fresh), SlaClockSnapshot.toJson(clock));
    SlaClock restored = SlaClockSnapshot.fromBytes(bytes, id -> Fixtures.clock(SET, id));
    assertEquals(fresh.events(), restored.events());
    assertEquals(fresh.evaluate(mon(16, 0)), restored.evaluate(mon(16, 0)));
  }

  /**
   * Not a result but the cost: after the latest event is retracted the clock knows its new latest
   * event, so an event after that one is applied in order. (A clock that kept the retracted event's
   * instant would take every event up to it for a late one: a sort and a replay each time.)
   */
  @Test
  void afterTheLatestEventIsRetractedAnEventBeforeItsInstantIsInOrder() {
    TicketEvent between = new TicketEvent.CustomerMessage("T1", "ev-4", mon(11, 30));
    SlaClock sorted = read(CREATED, REPLY, PENDING);
    assertTrue(sorted.retract("ev-3"));
    sorted.evaluate(mon(16, 0));
    assertTrue(sorted.accept(between));
    assertNotNull(sorted.logInOrder(), "taken for a late event");
    assertEquals(
        eval(SET, List.of(CREATED, REPLY, between), mon(16, 0)), sorted.evaluate(mon(16, 0)));

    // A log out of order when the latest event goes: its new latest is not its last record.
    TicketEvent reply = TicketEvent.AgentReply.publicReply("T1", "ev-5", mon(11, 45));
    TicketEvent note = TicketEvent.AgentReply.internalNote("T1", "ev-6", mon(11, 0)); // late
    SlaClock unsorted = Fixtures.clock(SET, "T1");
    for (TicketEvent e : List.of(CREATED, reply, PENDING, note)) {
      unsorted.accept(e);
    }
    assertTrue(unsorted.retract("ev-3"));
    unsorted.evaluate(mon(16, 0));
    assertTrue(unsorted.accept(between)); // before the reply at 11:45: late
    assertNull(unsorted.logInOrder(), "taken for an event in order");
    assertEquals(List.of(CREATED, note, between, reply), unsorted.events());
    assertEquals(
        eval(SET, List.of(CREATED, reply, note, between), mon(16, 0)),
        unsorted.evaluate(mon(16, 0)));
    TicketEvent after = new TicketEvent.CustomerMessage("T1", "ev-7", mon(11, 50));
    assertTrue(unsorted.accept(after)); // after it: in order
    assertNotNull(unsorted.logInOrder(), "taken for a late event");
  }

  @Test
  void correctionsOfALongLogFindEveryIdBeforeAndAfterItsIndex() {
    // 70 events: past the log's switch to a hash index of ids; retracting brings it back below.
    SlaClock clock = Fixtures.clock(SET, "T1");
    clock.accept(CREATED);
    for (int i = 0; i < 69; i++) {
      clock.accept(new TicketEvent.CustomerMessage("T1", "m" + i, mon(10, 0).plusSeconds(60L * i)));
    }
    clock.evaluate(mon(16, 0));
    for (int i = 0; i < 69; i += 3) {
      assertTrue(clock.retract("m" + i), "m" + i);
    }
    for (int i = 0; i < 69; i++) {
      TicketEvent m =
          new TicketEvent.CustomerMessage("T1", "m" + i, mon(10, 0).plusSeconds(60L * i));
      assertEquals(i % 3 == 0, clock.accept(m), "m" + i); // the retracted ones are new again
    }
    Instant now = mon(16, 0);
    assertEquals(70, clock.events().size());
    assertEquals(eval(SET, clock.events(), now), clock.evaluate(now));
  }
}
