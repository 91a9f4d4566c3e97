package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.internal.clock.PackedEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What {@link SlaClockSnapshot#toBytes(SlaClock)} encodes: the records appended since the clock's
 * last checkpoint, not the whole log, when only events in order came since; the whole log after
 * anything else. Counted by the kept encoding's record counter (a test hook), not timed.
 */
class IncrementalSnapshotTest {

  private static final SlaPolicySet SET = SnapshotFromLogProperties.SET;
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

  /** A ticket of {@code n} events in order: a creation with a status, then a mix of kinds. */
  private static List<TicketEvent> ticket(int n) {
    List<TicketEvent> out = new ArrayList<>();
    out.add(
        TicketEvent.Created.byCustomer("T", "T/e0", T0, Map.of("tier", "gold"), Set.of("vip"))
            .withStatus("open"));
    for (int i = 1; i < n; i++) {
      out.add(event(i));
    }
    return out;
  }

  private static TicketEvent event(int i) {
    String id = "T/e" + i;
    Instant at = T0.plus(Duration.ofMinutes(i)).plusNanos(i % 3 == 0 ? 0 : 1_000 * i);
    return switch (i % 6) {
      case 0 -> new TicketEvent.CustomerMessage("T", id, at);
      case 1 -> TicketEvent.AgentReply.publicReply("T", id, at);
      case 2 -> new TicketEvent.StatusChanged("T", id, at, i % 4 == 0 ? "pending" : "open");
      case 3 -> new TicketEvent.AttributeChanged("T", id, at, "tier", "silver");
      case 4 -> new TicketEvent.TagsChanged("T", id, at, Set.of("vip", "b" + i % 2));
      default -> new TicketEvent.Assigned("T", id, at, "agent-" + (i % 3));
    };
  }

  private static SlaClock fed(List<TicketEvent> events) {
    SlaClock clock = Fixtures.clock(SET, "T");
    events.forEach(clock::accept);
    return clock;
  }

  /** The checkpoint, checked against the one written from scratch. */
  private static byte[] write(SlaClock clock) {
    byte[] b = SlaClockSnapshot.toBytes(clock);
    assertArrayEquals(SlaClockSnapshot.toBytes("T", clock.events()), b);
    return b;
  }

  @Test
  void aCorrectionAfterAKeptEncodingIsWrittenInFull() {
    // s14retract and s14snap met at the merge: retract and replace remove a record from the log,
    // which must make the kept encoding stale. Every write is checked against the one from scratch.
    for (int removed : new int[] {0, 1, 57, 198, 199}) {
      List<TicketEvent> all = ticket(200);
      SlaClock clock = fed(all);
      write(clock);
      write(clock);
      assertNotNull(clock.encoded());
      clock.retract(all.get(removed).id());
      write(clock); // in full: compared with the encoding from scratch of the remaining events
      clock.accept(all.get(removed)); // back, as a late event unless it was the last
      write(clock);
      write(clock);
      TicketEvent moved = all.get(120);
      clock.replace(
          new TicketEvent.CustomerMessage("T", moved.id(), moved.at().plus(Duration.ofHours(9))));
      write(clock);
      SlaClock fresh = Fixtures.clock(SET, "T");
      clock.events().forEach(fresh::accept);
      assertArrayEquals(SlaClockSnapshot.toBytes(fresh), SlaClockSnapshot.toBytes(clock));
    }
  }

  @Test
  void afterKEventsInOrderOnlyTheKNewRecordsAreEncoded() {
    List<TicketEvent> all = ticket(230);
    SlaClock clock = fed(all.subList(0, 200));
    write(clock);
    write(clock); // the second write keeps the encoding
    assertEquals(200, clock.encoded().lastEncoded());
    for (int k : new int[] {1, 3, 26}) {
      int from = clock.encoded().records();
      all.subList(from, from + k).forEach(clock::accept);
      write(clock);
      assertEquals(k, clock.encoded().lastEncoded(), "records encoded after " + k + " new events");
      assertEquals(from + k, clock.encoded().records());
    }
  }

  @Test
  void aDuplicateOrNothingNewEncodesNothing() {
    List<TicketEvent> all = ticket(40);
    SlaClock clock = fed(all);
    write(clock);
    write(clock);
    clock.accept(all.get(7)); // a duplicate: ignored
    write(clock);
    assertEquals(0, clock.encoded().lastEncoded());
    write(clock);
    assertEquals(0, clock.encoded().lastEncoded());
  }

  @Test
  void aClockWrittenOnceKeepsNothing() {
    SlaClock clock = fed(ticket(50));
    write(clock);
    assertNull(clock.encoded(), "a clock written once keeps no encoding");
    write(clock);
    assertNotNull(clock.encoded());
    assertTrue(clock.encoded().retainedBytes() >= clock.encoded().records());
  }

  @Test
  void aShortClockKeepsNothing() {
    List<TicketEvent> all = ticket(SlaClockSnapshot.KEEP_FROM);
    SlaClock clock = fed(all.subList(0, SlaClockSnapshot.KEEP_FROM - 1));
    write(clock);
    write(clock);
    assertNull(clock.encoded(), "a clock of fewer events than KEEP_FROM keeps no encoding");
    clock.accept(all.get(SlaClockSnapshot.KEEP_FROM - 1));
    write(clock);
    assertNotNull(clock.encoded());
  }

  @Test
  void aRestoredClockStartsWithoutAKeptEncoding() {
    SlaClock clock = fed(ticket(60));
    write(clock);
    byte[] b = write(clock);
    assertNotNull(clock.encoded());
    SlaClock restored = SlaClockSnapshot.fromBytes(b, id -> Fixtures.clock(SET, id));
    assertNull(restored.encoded());
    assertArrayEquals(b, write(restored));
  }

  @Test
  void aLateEventMakesTheNextWriteAfterTheSortEncodeEverything() {
    List<TicketEvent> all = ticket(100);
    List<TicketEvent> arrival = new ArrayList<>(all);
    TicketEvent late = arrival.remove(50);
    SlaClock clock = fed(arrival);
    write(clock);
    write(clock);
    clock.accept(late); // before 49 others: the log is no longer in order
    write(clock); // written from the events, the kept encoding untouched but not used
    assertEquals(99, clock.encoded().records());
    clock.evaluate(T0.plus(Duration.ofDays(1))); // the read sorts the log: a rewrite
    write(clock);
    assertEquals(100, clock.encoded().lastEncoded(), "the whole log, encoded again");
    clock.accept(event(100));
    write(clock);
    assertEquals(1, clock.encoded().lastEncoded(), "then incremental again");
  }

  @Test
  void aCreatedEventWithAStatusOrAClearAppendedLaterRaisesTheVersion() {
    SlaClock clock = Fixtures.clock(SET, "T");
    for (int i = 0; i < SlaClockSnapshot.KEEP_FROM; i++) { // messages before the creation
      clock.accept(new TicketEvent.CustomerMessage("T", "m" + i, T0.plusSeconds(i)));
    }
    write(clock);
    byte[] v1 = write(clock);
    assertEquals(1, v1[3]);
    clock.accept(
        TicketEvent.Created.byAgent("T", "c1", T0.plusSeconds(99), Map.of(), Set.of())
            .withStatus("pending"));
    byte[] v2 = write(clock);
    assertEquals(1, clock.encoded().lastEncoded());
    assertEquals(2, v2[3]);
    // a clear appended later raises it again, still incrementally
    clock.accept(new TicketEvent.PriorityCleared("T", "p1", T0.plusSeconds(100)));
    byte[] v3 = write(clock);
    assertEquals(1, clock.encoded().lastEncoded());
    assertEquals(SlaClockSnapshot.VERSION, v3[3]);
    assertEquals(3, v3[3]);
  }

  @Test
  void appendsLeaveTheModificationCountAndAReorderingCountsOne() {
    PackedEvents log = new PackedEvents();
    List<TicketEvent> events = ticket(70); // across the hash index's threshold
    for (int i = 0; i < events.size(); i++) {
      log.append(events.get(i), events.get(i).id().hashCode());
      assertEquals(0, log.modifications());
    }
    int[] identity = new int[events.size()];
    for (int i = 0; i < identity.length; i++) {
      identity[i] = i;
    }
    log.permute(identity);
    assertEquals(1, log.modifications());
  }

  @Test
  void aCursorFromARecordReadsTheRecordsFromIt() {
    PackedEvents log = new PackedEvents();
    List<TicketEvent> events = ticket(70);
    for (int n = 0; n <= events.size(); n++) {
      for (int from : new int[] {0, n / 2, n}) {
        PackedEvents.Cursor c = log.cursor(from);
        for (int i = from; i < n; i++) {
          assertTrue(c.next());
          assertEquals(events.get(i), c.event("T"));
        }
        assertTrue(!c.next());
      }
      if (n < events.size()) {
        log.append(events.get(n), events.get(n).id().hashCode());
      }
    }
  }
}
