package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * {@link SlaClockSnapshot#eventsFromBytes(byte[])} and {@link
 * SlaClockSnapshot#eventsFromJson(String)}: a checkpoint's events read without a policy set, so
 * that a checkpoint written under one version of a policy set can be carried to a version that
 * renames one of its statuses, which a restore refuses.
 */
class SnapshotEventsMigrationTest {

  private static final Map<String, BusinessCalendar> CALENDARS =
      Map.of(
          "team",
          BusinessCalendar.builder(ZoneOffset.UTC)
              .weekdays(TimeRange.parse("09:00-17:00"))
              .build());

  // Monday 2026-01-05
  private static final Instant MON_9 = Instant.parse("2026-01-05T09:00:00Z");

  /** Resolution 8 h on the team calendar, paused in {@code waitingStatus}. */
  private static SlaPolicySet set(String waitingStatus) {
    return SlaPolicySet.builder()
        .statuses("new", "open", waitingStatus, "solved")
        .solvedStatuses("solved")
        .defaultPolicy(
            SlaPolicy.builder("standard")
                .matrix(PriorityMatrix.constant("normal"))
                .target("normal", SlaMetric.firstResponse(), Duration.ofHours(2))
                .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
                .rule(MetricRule.builder(SlaMetric.firstResponse()).calendar("team").build())
                .rule(
                    MetricRule.builder(SlaMetric.resolution())
                        .calendar("team")
                        .pauseOn(waitingStatus)
                        .build())
                .build())
        .build();
  }

  private static List<TicketEvent> history(String waitingStatus) {
    return List.of(
        TicketEvent.Created.byCustomer("T", "e1", MON_9, Map.of("team", "red"), Set.of()),
        TicketEvent.AgentReply.publicReply("T", "e2", MON_9.plus(Duration.ofMinutes(30))),
        new TicketEvent.StatusChanged("T", "e3", MON_9.plus(Duration.ofHours(1)), waitingStatus));
  }

  private static SlaClock clock(SlaPolicySet set, List<TicketEvent> events) {
    SlaClock c = SlaClock.of(set, CALENDARS, "T");
    events.forEach(c::accept);
    return c;
  }

  private static TicketEvent renamed(TicketEvent e) {
    return e instanceof TicketEvent.StatusChanged s && s.status().equals("pending")
        ? new TicketEvent.StatusChanged(s.ticketId(), s.id(), s.at(), "waiting")
        : e;
  }

  @Test
  void aCheckpointTakenMidPauseCarriesToASetThatRenamesThePauseStatus() {
    SlaClock old = clock(set("pending"), history("pending"));
    byte[] bytes = SlaClockSnapshot.toBytes(old);
    String json = SlaClockSnapshot.toJson(old);
    SlaPolicySet next = set("waiting");
    // a restore under the new set is refused, naming the event
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () -> SlaClockSnapshot.fromBytes(next, CALENDARS, bytes))
            .getMessage();
    assertTrue(m.startsWith("snapshot event 2 (e3) is rejected"), m);

    assertEquals(old.events(), SlaClockSnapshot.eventsFromBytes(bytes));
    assertEquals(old.events(), SlaClockSnapshot.eventsFromJson(json));
    SlaClock migrated =
        clock(next, SlaClockSnapshot.eventsFromBytes(bytes).stream().map(r -> renamed(r)).toList());
    SlaClock fresh = clock(next, history("waiting"));
    Instant noon = MON_9.plus(Duration.ofHours(3));
    assertEquals(fresh.evaluate(noon), migrated.evaluate(noon));
    MetricCycle resolution = migrated.evaluate(noon).latest(SlaMetric.resolution()).orElseThrow();
    // 1 h counted before the pause, 2 h paused: 7 h left if resumed at noon, 5 h of them on
    // Monday, so due Tuesday 11:00
    assertEquals(CycleState.PAUSED, resolution.state());
    assertEquals(Duration.ofHours(1), resolution.elapsed());
    assertEquals(Duration.ofHours(2), resolution.pausedTime());
    assertEquals(Instant.parse("2026-01-06T11:00:00Z"), resolution.deadline().orElseThrow());
  }

  @Test
  void theEventsFedUnchangedToANewClockGiveTheRestoredClock() {
    SlaPolicySet set = set("pending");
    List<TicketEvent> events = new ArrayList<>(history("pending"));
    // one event before the creation in the log's order, one late, one at the creation's instant
    events.add(new TicketEvent.StatusChanged("T", "e0", MON_9, "open"));
    events.add(new TicketEvent.CustomerMessage("T", "e4", MON_9.minusSeconds(60)));
    SlaClock c = clock(set, events);
    byte[] bytes = SlaClockSnapshot.toBytes(c);
    SlaClock fed = clock(set, SlaClockSnapshot.eventsFromBytes(bytes));
    SlaClock restored = SlaClockSnapshot.fromBytes(set, CALENDARS, bytes);
    Instant later = MON_9.plus(Duration.ofHours(5));
    assertEquals(restored.evaluate(later), fed.evaluate(later));
    assertArrayEquals(bytes, SlaClockSnapshot.toBytes(fed));
    assertEquals(restored.events(), SlaClockSnapshot.eventsFromJson(SlaClockSnapshot.toJson(c)));
  }

  @Test
  void aClockWithoutEventsGivesNone() {
    SlaClock empty = SlaClock.of(set("pending"), CALENDARS, "T");
    assertEquals(List.of(), SlaClockSnapshot.eventsFromBytes(SlaClockSnapshot.toBytes(empty)));
    assertEquals(List.of(), SlaClockSnapshot.eventsFromJson(SlaClockSnapshot.toJson(empty)));
  }

  @Test
  void aCorruptCheckpointIsRefusedAsARestoreRefusesIt() {
    byte[] good = SlaClockSnapshot.toBytes(clock(set("pending"), history("pending")));
    for (int bit = 0; bit < good.length * 8; bit++) {
      byte[] bad = good.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThrows(
          IllegalArgumentException.class,
          () -> SlaClockSnapshot.eventsFromBytes(bad),
          "bit " + bit);
    }
    String json = SlaClockSnapshot.toJson(clock(set("pending"), history("pending")));
    String edited = json.replace("\"pending\"", "\"waiting\"");
    String m =
        assertThrows(IllegalArgumentException.class, () -> SlaClockSnapshot.eventsFromJson(edited))
            .getMessage();
    assertTrue(m.startsWith("snapshot is corrupted: crc32c"), m);
  }

  @Test
  void anEventGivenTwiceIsRefusedWithItsLocationAsARestoreRefusesIt() {
    TicketEvent created = history("pending").get(0);
    String json = checkpoint(created, created);
    String m =
        assertThrows(IllegalArgumentException.class, () -> SlaClockSnapshot.eventsFromJson(json))
            .getMessage();
    assertTrue(m.startsWith("snapshot event 1 repeats the event id 'e1'"), m);
    assertTrue(m.contains("(at $.events[1], line 1, column "), m);
    String restore =
        assertThrows(
                IllegalArgumentException.class,
                () -> SlaClockSnapshot.fromJson(set("pending"), CALENDARS, json))
            .getMessage();
    assertEquals(restore, m);
  }

  @Test
  void anEventIdGivenTwiceWithOtherContentIsRefused() {
    TicketEvent created = history("pending").get(0);
    TicketEvent other = TicketEvent.AgentReply.publicReply("T", "e1", MON_9.plusSeconds(60));
    String json = checkpoint(created, other);
    String m =
        assertThrows(IllegalArgumentException.class, () -> SlaClockSnapshot.eventsFromJson(json))
            .getMessage();
    assertTrue(m.startsWith("snapshot event 1 repeats the event id 'e1'"), m);
    assertThrows(
        IllegalArgumentException.class,
        () -> SlaClockSnapshot.fromJson(set("pending"), CALENDARS, json));
  }

  /**
   * Found by the hostile-input sweep (branch hostile): a JSON checkpoint whose events were edited
   * into another order and resealed was restored sorted, but its events were read in file order, so
   * {@code eventsFromJson} and the restored clock's {@code events()} differed.
   */
  @Test
  void aCheckpointListingEventsOutOfOrderIsReadInTheOrderARestoredClockKeeps() {
    List<TicketEvent> h = history("pending");
    String json = checkpoint(h.get(0), h.get(2), h.get(1));
    List<TicketEvent> read = SlaClockSnapshot.eventsFromJson(json);
    assertEquals(h, read);
    assertEquals(SlaClockSnapshot.fromJson(set("pending"), CALENDARS, json).events(), read);
  }

  /**
   * The binary form writes seconds as steps that cannot go back, but events of one second may be
   * listed with their nanoseconds, or at one instant their kinds or ids, going back: read in the
   * order a restored clock keeps them, as above.
   */
  @Test
  void aBinaryCheckpointListingEventsOfOneSecondOutOfOrderIsReadInTheOrderARestoredClockKeeps() {
    TicketEvent created = history("pending").get(0);
    TicketEvent late = TicketEvent.AgentReply.publicReply("T", "r1", MON_9.plusMillis(900));
    TicketEvent early = TicketEvent.AgentReply.publicReply("T", "r2", MON_9.plusMillis(100));
    TicketEvent b = new TicketEvent.StatusChanged("T", "b", MON_9.plusSeconds(60), "open");
    TicketEvent a = new TicketEvent.StatusChanged("T", "a", MON_9.plusSeconds(60), "open");
    byte[] bytes = SlaClockSnapshot.toBytes("T", List.of(created, late, early, b, a));
    List<TicketEvent> read = SlaClockSnapshot.eventsFromBytes(bytes);
    assertEquals(List.of(created, early, late, a, b), read);
    assertEquals(SlaClockSnapshot.fromBytes(set("pending"), CALENDARS, bytes).events(), read);
  }

  /** A JSON checkpoint of ticket T holding the events as given, with a valid checksum. */
  private static String checkpoint(TicketEvent... given) {
    CRC32C crc = new CRC32C();
    StringBuilder events = new StringBuilder();
    for (TicketEvent e : given) {
      String line = TicketEventJson.write(e);
      crc.update((line + "\n").getBytes(StandardCharsets.UTF_8));
      events.append(events.length() == 0 ? "" : ",").append(line);
    }
    return "{\"format\":\"servicekit.sla-clock\",\"v\":1,\"ticketId\":\"T\",\"events\":["
        + events
        + "],\"crc32c\":\""
        + HexFormat.of().toHexDigits((int) crc.getValue())
        + "\"}";
  }
}
