package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.internal.Excerpt;
import dev.servicekit.sla.internal.clock.BusinessTime;
import dev.servicekit.sla.internal.clock.PackedEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Boundaries of the clock's storage and caches: the packed log's one- and two-byte record lengths,
 * its first growth, its id index from 64 records on and its rebuilds; the clock's id filter at its
 * 64th bit, its in-order test, the caches of adapted calendars and compiled plans by identity, the
 * targeting cache under colliding hash codes, and the batch face's checks.
 */
class ClockBoundaryTest {

  private static final Instant T0 = Fixtures.mon(9, 0);

  private static final BusinessCalendar NINE_TO_FIVE =
      BusinessCalendar.builder(ZoneOffset.UTC).weekdays(TimeRange.parse("09:00-17:00")).build();

  private static final BusinessCalendar ALWAYS = BusinessCalendar.always(ZoneOffset.UTC);

  private static final Map<String, BusinessCalendar> OFFICE = Map.of("team", NINE_TO_FIVE);

  private static SlaPolicySet firstResponseIn(Duration target) {
    return Fixtures.single(
        Map.of(SlaMetric.firstResponse(), target), Fixtures.team(SlaMetric.firstResponse()));
  }

  private static Optional<Instant> deadline(SlaClock clock, Instant now) {
    return clock.evaluate(now).latest(SlaMetric.firstResponse()).orElseThrow().deadline();
  }

  private static TicketEvent created(String ticket, String id, Instant at) {
    return new TicketEvent.Created(ticket, id, at, Map.of(), Set.of());
  }

  private static TicketEvent message(String id, Instant at) {
    return new TicketEvent.CustomerMessage("T", id, at);
  }

  private static String repeat(char c, int n) {
    return String.valueOf(c).repeat(n);
  }

  // ---------------------------------------------------------------------------------------------
  // PackedEvents

  @Test
  void recordBodiesOf127And128BytesBothReadBack() {
    // tag (1) + id length varint (2 from 64 chars on) + id + relative seconds (1): 127 and 128
    for (int idChars : new int[] {123, 124, 125}) {
      PackedEvents log = new PackedEvents();
      TicketEvent a = message(repeat('a', idChars), T0);
      TicketEvent b = message("b", T0.plusSeconds(1));
      log.append(a, a.id().hashCode());
      log.append(b, b.id().hashCode());
      assertArrayEquals(new TicketEvent[] {a, b}, log.all("T", null), "id of " + idChars);
      assertEquals(b, log.get(1, "T"));
      assertEquals(b, log.last("T"));
      assertEquals(1, log.find("b", "b".hashCode()));
      assertEquals(0, log.find(a.id(), a.id().hashCode()));
    }
  }

  @Test
  void aFirstRecordThatFillsTheInitialBufferExactlyGrowsIt() {
    // length byte, tag, a 2-byte id length and 212 or 213 chars: 216 bytes is the initial buffer
    for (int idChars = 200; idChars <= 230; idChars++) {
      PackedEvents log = new PackedEvents();
      TicketEvent e = message(repeat('x', idChars), T0);
      log.append(e, e.id().hashCode());
      assertEquals(e, log.get(0, "T"), "id of " + idChars);
    }
  }

  @Test
  void wideAndNarrowCharactersReadBack() {
    PackedEvents log = new PackedEvents();
    TicketEvent narrow = new TicketEvent.Assigned("T", "\u00e9\u00ff", T0, "caf\u00e9");
    TicketEvent wide =
        new TicketEvent.Assigned("T", "\u00e9\u4e2d", T0, "\u0100" + repeat('y', 60));
    log.append(narrow, narrow.id().hashCode());
    log.append(wide, wide.id().hashCode());
    assertArrayEquals(new TicketEvent[] {narrow, wide}, log.all("T", null));
    assertEquals(1, log.find("\u00e9\u4e2d", "\u00e9\u4e2d".hashCode()));
    assertEquals(-1, log.find("\u00e9\u4e2e", "\u00e9\u4e2e".hashCode()));
  }

  @Test
  void everyIdIsFoundAcrossTheIndexAndItsRebuilds() {
    PackedEvents log = new PackedEvents();
    List<TicketEvent> events = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      TicketEvent e = message("m" + i, T0.plusSeconds(i));
      events.add(e);
      log.append(e, e.id().hashCode());
      assertEquals(i + 1, log.size());
      assertEquals(e, log.last("T"));
      if (i == 62 || i == 63 || i == 64 || i == 127 || i == 128 || i == 256 || i == 599) {
        for (int k = 0; k <= i; k++) {
          assertEquals(k, log.find("m" + k, ("m" + k).hashCode()), "m" + k + " of " + (i + 1));
          assertEquals(events.get(k), log.get(k, "T"));
        }
        assertEquals(-1, log.find("m" + (i + 1), ("m" + (i + 1)).hashCode()));
        assertEquals(-1, log.find("absent", "absent".hashCode()));
      }
    }
    assertEquals(events, Arrays.asList(log.all("T", null)));
    // Reversed: record i is the one that was at 599 - i.
    int[] pos = new int[600];
    for (int i = 0; i < 600; i++) {
      pos[i] = 599 - i;
    }
    log.permute(pos);
    for (int i = 0; i < 600; i++) {
      assertEquals(599 - i, log.find("m" + i, ("m" + i).hashCode()));
      assertEquals(events.get(599 - i), log.get(i, "T"));
    }
    assertEquals(events.get(0), log.last("T"));
  }

  @Test
  void cachedEventsShorterThanTheLogAreCompletedFromTheRecords() {
    PackedEvents log = new PackedEvents();
    TicketEvent[] events = {
      created("T", "c", T0), message("m1", T0.plusSeconds(1)), message("m2", T0.plusSeconds(2))
    };
    for (TicketEvent e : events) {
      log.append(e, e.id().hashCode());
    }
    TicketEvent[] cached = {events[0]};
    TicketEvent[] all = log.all("T", cached);
    assertArrayEquals(events, all);
    assertTrue(all[0] == events[0], "a cached event is reused");
    assertArrayEquals(events, log.all("T", new TicketEvent[] {null, events[1]}));
  }

  // ---------------------------------------------------------------------------------------------
  // SlaClock: the id filter and the in-order test

  /** The clock's filter bit of an id hash (its documented 128-bit filter). */
  private static int filterBit(String id) {
    return (id.hashCode() * 0x9E3779B9) >>> 25;
  }

  private static String idWithFilterBit(String prefix, int bit) {
    for (int i = 0; ; i++) {
      if (filterBit(prefix + i) == bit) {
        return prefix + i;
      }
    }
  }

  @Test
  void duplicatesAreFoundOnBothSidesOfTheFilterWordBoundary() {
    for (int bit : new int[] {0, 63, 64, 65, 127}) {
      String createdId = "c";
      for (int i = 0; filterBit(createdId) <= 1 || filterBit(createdId) >= 63; i++) {
        createdId = "c" + i; // away from the bits under test and their neighbours
      }
      String id = idWithFilterBit("m", bit);
      SlaClock clock = SlaClock.of(firstResponseIn(Duration.ofHours(4)), OFFICE, "T");
      assertTrue(clock.accept(created("T", createdId, T0)));
      TicketEvent m = message(id, T0.plusSeconds(60));
      assertTrue(clock.accept(m));
      assertFalse(clock.accept(message(id, T0.plusSeconds(60))), "bit " + bit);
      TicketEvent other = message(id, T0.plusSeconds(61));
      IllegalArgumentException x =
          assertThrows(IllegalArgumentException.class, () -> clock.accept(other));
      assertEquals(
          "event id "
              + Excerpt.of(id)
              + " is already used by "
              + Excerpt.of(m.toString())
              + ", not "
              + Excerpt.of(other.toString()),
          x.getMessage());
      assertEquals(2, clock.events().size());
    }
  }

  @Test
  void aThousandIdsAreEachRecognisedAsDuplicates() {
    SlaClock clock = SlaClock.of(firstResponseIn(Duration.ofHours(4)), OFFICE, "T");
    clock.accept(created("T", "c", T0));
    for (int i = 0; i < 1000; i++) {
      assertTrue(clock.accept(message("m" + i, T0.plusSeconds(i + 1))));
    }
    for (int i = 0; i < 1000; i++) {
      assertFalse(clock.accept(message("m" + i, T0.plusSeconds(i + 1))), "m" + i);
    }
    assertEquals(1001, clock.events().size());
  }

  private static List<TicketEvent> sorted(List<TicketEvent> events) {
    List<TicketEvent> s = new ArrayList<>(events);
    s.sort(TicketEvent.ORDER);
    return s;
  }

  private static void assertArrivalGivesOrder(List<TicketEvent> arrival) {
    SlaClock clock = SlaClock.of(firstResponseIn(Duration.ofHours(4)), OFFICE, "T");
    for (TicketEvent e : arrival) {
      assertTrue(clock.accept(e));
    }
    assertEquals(sorted(arrival), clock.events());
  }

  @Test
  void anEventAtTheSameInstantButEarlierInOrderIsSorted() {
    assertArrivalGivesOrder(
        List.of(
            created("T", "c", T0),
            message("m2", T0.plusSeconds(5)),
            message("m1", T0.plusSeconds(5))));
  }

  @Test
  void anEventAtTheSameInstantAndLaterInOrderStaysInPlace() {
    assertArrivalGivesOrder(
        List.of(
            created("T", "c", T0),
            message("m1", T0.plusSeconds(5)),
            message("m2", T0.plusSeconds(5))));
  }

  @Test
  void anEarlierEventIsSorted() {
    assertArrivalGivesOrder(
        List.of(
            created("T", "c", T0),
            message("m2", T0.plusSeconds(9)),
            message("m1", T0.plusSeconds(5))));
  }

  @Test
  void anEarlierSecondWithMoreNanosecondsIsSorted() {
    assertArrivalGivesOrder(
        List.of(
            created("T", "c", T0),
            message("m2", T0.plusSeconds(100)),
            message("m1", T0.plusSeconds(50).plusNanos(500_000_000))));
  }

  @Test
  void aLaterSecondWithFewerNanosecondsStaysInPlace() {
    assertArrivalGivesOrder(
        List.of(
            created("T", "c", T0),
            message("m1", T0.plusSeconds(50).plusNanos(500_000_000)),
            message("m2", T0.plusSeconds(100))));
  }

  // ---------------------------------------------------------------------------------------------
  // SlaClock: caches by identity

  @Test
  void twoImmutableCalendarMapsWithOneKeyGiveTheirOwnDeadlines() {
    SlaPolicySet set = firstResponseIn(Duration.ofHours(4));
    Map<String, BusinessCalendar> office = Map.of("team", NINE_TO_FIVE);
    Map<String, BusinessCalendar> always = Map.of("team", ALWAYS);
    Instant friday = Fixtures.mon(4, 15, 0);
    for (int round = 0; round < 2; round++) {
      SlaClock a = SlaClock.of(set, office, "T");
      a.accept(created("T", "c", friday));
      assertEquals(Optional.of(Fixtures.mon(7, 11, 0)), deadline(a, friday)); // Monday 11:00
      SlaClock b = SlaClock.of(set, always, "T");
      b.accept(created("T", "c", friday));
      assertEquals(Optional.of(Fixtures.mon(4, 19, 0)), deadline(b, friday)); // Friday 19:00
    }
  }

  @Test
  void twoSetsOverOneCalendarMapGiveTheirOwnDeadlines() {
    Map<String, BusinessCalendar> office = Map.of("team", NINE_TO_FIVE);
    for (int round = 0; round < 2; round++) {
      SlaClock four = SlaClock.of(firstResponseIn(Duration.ofHours(4)), office, "T");
      four.accept(created("T", "c", T0));
      assertEquals(Optional.of(Fixtures.mon(13, 0)), deadline(four, T0));
      SlaClock six = SlaClock.of(firstResponseIn(Duration.ofHours(6)), office, "T");
      six.accept(created("T", "c", T0));
      assertEquals(Optional.of(Fixtures.mon(15, 0)), deadline(six, T0));
    }
  }

  @Test
  void aMutableCalendarMapChangedBetweenClocksIsReadAgain() {
    SlaPolicySet set = firstResponseIn(Duration.ofHours(4));
    Instant friday = Fixtures.mon(4, 15, 0);
    Map<String, BusinessCalendar> calendars = new HashMap<>();
    calendars.put("team", NINE_TO_FIVE);
    SlaClock first = SlaClock.of(set, calendars, "T");
    calendars.put("team", ALWAYS);
    SlaClock second = SlaClock.of(set, calendars, "T");
    first.accept(created("T", "c", friday));
    second.accept(created("T", "c", friday));
    assertEquals(Optional.of(Fixtures.mon(7, 11, 0)), deadline(first, friday));
    assertEquals(Optional.of(Fixtures.mon(4, 19, 0)), deadline(second, friday));
    // The batch face, with the same map changed back
    List<TicketEvent> events = List.of(created("T", "c", friday));
    assertEquals(
        Optional.of(Fixtures.mon(4, 19, 0)),
        SlaClock.evaluate(set, calendars, events, friday)
            .latest(SlaMetric.firstResponse())
            .orElseThrow()
            .deadline());
    calendars.put("team", NINE_TO_FIVE);
    assertEquals(
        Optional.of(Fixtures.mon(7, 11, 0)),
        SlaClock.evaluate(set, calendars, events, friday)
            .latest(SlaMetric.firstResponse())
            .orElseThrow()
            .deadline());
  }

  @Test
  void aMutableBusinessTimeMapChangedBetweenClocksIsReadAgain() {
    SlaPolicySet set = firstResponseIn(Duration.ofHours(4));
    Instant friday = Fixtures.mon(4, 15, 0);
    Map<String, BusinessTime> calendars = new HashMap<>();
    calendars.put("team", WeeklyHours.nineToFive());
    SlaClock first = new SlaClock(set, calendars, "T");
    calendars.put("team", BusinessTime.always());
    SlaClock second = new SlaClock(set, calendars, "T");
    first.accept(created("T", "c", friday));
    second.accept(created("T", "c", friday));
    assertEquals(Optional.of(Fixtures.mon(7, 11, 0)), deadline(first, friday));
    assertEquals(Optional.of(Fixtures.mon(4, 19, 0)), deadline(second, friday));
    List<TicketEvent> events = List.of(created("T", "c", friday));
    assertEquals(
        Optional.of(Fixtures.mon(4, 19, 0)),
        SlaClock.evaluateTimes(set, calendars, events, friday)
            .latest(SlaMetric.firstResponse())
            .orElseThrow()
            .deadline());
    calendars.put("team", WeeklyHours.nineToFive());
    assertEquals(
        Optional.of(Fixtures.mon(7, 11, 0)),
        SlaClock.evaluateTimes(set, calendars, events, friday)
            .latest(SlaMetric.firstResponse())
            .orElseThrow()
            .deadline());
  }

  // ---------------------------------------------------------------------------------------------
  // The targeting cache: keys whose hash codes collide ("Aa" and "BB" hash alike)

  @Test
  void channelsWithCollidingHashCodesKeepTheirOwnTargets() {
    SlaPolicy policy =
        SlaPolicy.builder("standard")
            .matrix(PriorityMatrix.constant("normal"))
            .channels("Aa", "BB")
            .target("normal", "Aa", SlaMetric.firstResponse(), Duration.ofHours(1))
            .target("normal", "BB", SlaMetric.firstResponse(), Duration.ofHours(2))
            .target("normal", SlaMetric.firstResponse(), Duration.ofHours(3))
            .build();
    SlaPolicySet set = Fixtures.statusModel().defaultPolicy(policy).build();
    for (int round = 0; round < 2; round++) {
      for (String[] c : new String[][] {{"Aa", "1"}, {"BB", "2"}}) {
        SlaClock clock = SlaClock.of(set, Map.of(), "T");
        clock.accept(
            new TicketEvent.Created("T", "c", T0, Map.of(SlaPolicySet.CHANNEL, c[0]), Set.of()));
        assertEquals(
            Optional.of(T0.plus(Duration.ofHours(Long.parseLong(c[1])))),
            deadline(clock, T0),
            c[0]);
      }
    }
  }

  @Test
  void prioritiesWithCollidingHashCodesKeepTheirOwnTargets() {
    SlaPolicy policy =
        SlaPolicy.builder("standard")
            .matrix(
                PriorityMatrix.builder()
                    .cell("low", "basic", "Aa")
                    .cell("high", "basic", "BB")
                    .defaultPriority("Aa")
                    .build())
            .target("Aa", SlaMetric.firstResponse(), Duration.ofHours(1))
            .target("BB", SlaMetric.firstResponse(), Duration.ofHours(2))
            .build();
    SlaPolicySet set = Fixtures.statusModel().defaultPolicy(policy).build();
    for (int round = 0; round < 2; round++) {
      SlaClock aa = SlaClock.of(set, Map.of(), "T");
      aa.accept(created("T", "c", T0));
      assertEquals(Optional.of(T0.plus(Duration.ofHours(1))), deadline(aa, T0));
      SlaClock bb = SlaClock.of(set, Map.of(), "T");
      bb.accept(
          new TicketEvent.Created(
              "T",
              "c",
              T0,
              Map.of(SlaPolicySet.SEVERITY, "high", SlaPolicySet.TIER, "basic"),
              Set.of()));
      assertEquals(Optional.of(T0.plus(Duration.ofHours(2))), deadline(bb, T0));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The batch face's checks

  @Test
  void theBatchFaceNamesANullEventByIndex() {
    List<TicketEvent> events = Arrays.asList(created("T", "c", T0), null);
    NullPointerException x =
        assertThrows(
            NullPointerException.class,
            () -> SlaClock.evaluate(firstResponseIn(Duration.ofHours(4)), OFFICE, events, T0));
    assertEquals("events[1]", x.getMessage());
  }

  @Test
  void theBatchFaceWithoutACreatedEventSaysSo() {
    List<TicketEvent> events = List.of(message("m1", T0), message("m2", T0.plusSeconds(1)));
    IllegalStateException x =
        assertThrows(
            IllegalStateException.class,
            () -> SlaClock.evaluate(firstResponseIn(Duration.ofHours(4)), OFFICE, events, T0));
    assertEquals("ticket T has no Created event yet", x.getMessage());
  }

  @Test
  void theBatchFaceAsOfBeforeEveryEventSaysSo() {
    List<TicketEvent> events =
        List.of(created("T", "c", T0.plusSeconds(10)), message("m", T0.plusSeconds(20)));
    IllegalStateException x =
        assertThrows(
            IllegalStateException.class,
            () -> SlaClock.evaluate(firstResponseIn(Duration.ofHours(4)), OFFICE, events, T0));
    assertEquals("ticket T has no Created event at or before " + T0, x.getMessage());
  }

  // ---------------------------------------------------------------------------------------------
  // The audit trail of a retroactive start (Recorder)

  @Test
  void aPauseEndedAtItsOwnInstantLeavesNoSegmentInARetroactiveTrail() {
    Instant created = Instant.parse("2026-03-02T09:00:00Z");
    Instant ten = created.plus(Duration.ofHours(1));
    Instant noon = created.plus(Duration.ofHours(3));
    Instant now = created.plus(Duration.ofHours(4));
    SlaClock clock =
        Fixtures.clock(RetroactiveStartTest.set(ReattachStart.AT_CREATION, true), "INC1");
    clock.accept(TicketEvent.Created.byCustomer("INC1", "c", created, Map.of(), Set.of()));
    clock.accept(new TicketEvent.StatusChanged("INC1", "w1", ten, "pending"));
    clock.accept(new TicketEvent.StatusChanged("INC1", "w2", ten, "open"));
    clock.accept(new TicketEvent.PriorityChanged("INC1", "p", noon, "1-critical"));
    List<CycleSegment> trail = clock.auditTrail(SlaMetric.resolution(), 1, now);
    assertEquals(2, trail.size(), trail.toString());
    CycleSegment first = trail.get(0);
    assertEquals(CycleSegment.Kind.RUNNING, first.kind());
    assertEquals(created, first.from());
    assertEquals(noon, first.to());
    assertEquals("p", first.openedBy());
    assertEquals(Optional.of("p"), first.closedBy());
    assertEquals(Duration.ofHours(3), first.business());
    CycleSegment last = trail.get(1);
    assertEquals(CycleSegment.Kind.RUNNING, last.kind());
    assertEquals(noon, last.from());
    assertEquals(Duration.ofHours(1), last.business());
  }

  @Test
  void aPauseAndAResumeAtOneInstantInARetroactiveTrailKeepTheLaterKind() {
    Instant created = Instant.parse("2026-03-02T09:00:00Z");
    Instant ten = created.plus(Duration.ofHours(1));
    Instant eleven = created.plus(Duration.ofHours(2));
    Instant noon = created.plus(Duration.ofHours(3));
    Instant now = created.plus(Duration.ofHours(4));
    SlaClock clock =
        Fixtures.clock(RetroactiveStartTest.set(ReattachStart.AT_CREATION, true), "INC1");
    clock.accept(TicketEvent.Created.byCustomer("INC1", "c", created, Map.of(), Set.of()));
    clock.accept(new TicketEvent.StatusChanged("INC1", "w1", ten, "pending"));
    clock.accept(new TicketEvent.StatusChanged("INC1", "w2", ten, "open"));
    clock.accept(new TicketEvent.StatusChanged("INC1", "w3", ten, "pending"));
    clock.accept(new TicketEvent.StatusChanged("INC1", "o", eleven, "open"));
    clock.accept(new TicketEvent.PriorityChanged("INC1", "p", noon, "1-critical"));
    List<CycleSegment> trail = clock.auditTrail(SlaMetric.resolution(), 1, now);
    assertEquals(4, trail.size(), trail.toString());
    assertEquals(CycleSegment.Kind.RUNNING, trail.get(0).kind());
    assertEquals(ten, trail.get(0).to());
    assertEquals(Optional.of("w3"), trail.get(0).closedBy());
    CycleSegment paused = trail.get(1);
    assertEquals(CycleSegment.Kind.PAUSED, paused.kind());
    assertEquals(ten, paused.from());
    assertEquals("w3", paused.openedBy());
    assertEquals(eleven, paused.to());
    assertEquals(Optional.of("o"), paused.closedBy());
    assertEquals(CycleSegment.Kind.RUNNING, trail.get(2).kind());
    assertEquals(eleven, trail.get(2).from());
    assertEquals(noon, trail.get(3).from());
  }

  // ---------------------------------------------------------------------------------------------
  // The live engine against the batch face, with reads between events

  private static void assertLiveEqualsBatch(List<TicketEvent> arrival) {
    SlaPolicySet set = firstResponseIn(Duration.ofHours(4));
    SlaClock clock = SlaClock.of(set, OFFICE, "T");
    List<TicketEvent> seen = new ArrayList<>();
    Instant now = T0.plus(Duration.ofHours(6));
    for (TicketEvent e : arrival) {
      clock.accept(e);
      seen.add(e);
      boolean created = seen.stream().anyMatch(x -> x instanceof TicketEvent.Created);
      if (created) {
        assertEquals(
            SlaClock.evaluate(set, OFFICE, seen, now), clock.evaluate(now), seen.toString());
      }
    }
  }

  @Test
  void aSecondCreatedEventAfterAReadIsAppliedAsTheBatchFaceApplies() {
    assertLiveEqualsBatch(
        List.of(
            created("T", "c1", T0),
            created("T", "c2", T0.plus(Duration.ofHours(1))),
            message("m", T0.plus(Duration.ofHours(2))),
            TicketEvent.AgentReply.publicReply("T", "r", T0.plus(Duration.ofHours(3)))));
  }

  @Test
  void aCreatedEventAfterAMessageAndAReadIsAppliedAsTheBatchFaceApplies() {
    assertLiveEqualsBatch(
        List.of(
            message("m", T0.plus(Duration.ofMinutes(1))),
            created("T", "c", T0.plus(Duration.ofMinutes(2))),
            message("m2", T0.plus(Duration.ofHours(1))),
            TicketEvent.AgentReply.publicReply("T", "r", T0.plus(Duration.ofHours(3)))));
  }

  @Test
  void aLateCreatedEventIsAppliedAsTheBatchFaceApplies() {
    assertLiveEqualsBatch(
        List.of(
            message("m", T0.plus(Duration.ofMinutes(10))),
            created("T", "c", T0),
            TicketEvent.AgentReply.publicReply("T", "r", T0.plus(Duration.ofHours(1))),
            created("T", "c2", T0.plus(Duration.ofHours(2)))));
  }
}
