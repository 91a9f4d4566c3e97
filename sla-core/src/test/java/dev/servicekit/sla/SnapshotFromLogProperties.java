package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link SlaClockSnapshot#toBytes(SlaClock)} writes a clock whose log is in order straight from the
 * packed log; its bytes are exactly those written from the materialised events (the reference path,
 * also used for a log not in order yet), for events of every kind, with non-ASCII and JSON-hostile
 * strings, in order or not, read before or not.
 */
class SnapshotFromLogProperties {

  private static final List<String> STATUSES =
      List.of("new", "open", "pending", "on-hold", "analysis", "solved", "closed");

  static final SlaPolicySet SET =
      Fixtures.single(Map.of(SlaMetric.firstResponse(), Duration.ofHours(1)));

  /** Random events of every kind with distinct ids; statuses are the set's. */
  @Provide
  Arbitrary<List<TicketEvent>> logs() {
    return RandomEvents.events(Arbitraries.just("T"))
        .list()
        .ofMaxSize(60)
        .map(
            l -> {
              Map<String, TicketEvent> byId = new LinkedHashMap<>();
              for (TicketEvent e : l) {
                byId.putIfAbsent(e.id(), declared(e));
              }
              return new ArrayList<>(byId.values());
            });
  }

  /** {@code e} with a status of the set's in place of a random one. */
  private static TicketEvent declared(TicketEvent e) {
    if (e instanceof TicketEvent.StatusChanged s) {
      return new TicketEvent.StatusChanged(
          s.ticketId(), s.id(), s.at(), STATUSES.get(Math.floorMod(s.status().hashCode(), 7)));
    }
    if (e instanceof TicketEvent.Created c && c.status().isPresent()) {
      return c.withStatus(STATUSES.get(Math.floorMod(c.status().get().hashCode(), 7)));
    }
    return e;
  }

  @Property(tries = 400)
  void writtenFromTheLogAsFromTheEvents(
      @ForAll("logs") List<TicketEvent> events,
      @ForAll boolean inOrder,
      @ForAll boolean readFirst,
      @ForAll long seed) {
    List<TicketEvent> arrival = new ArrayList<>(events);
    if (inOrder) {
      arrival.sort(TicketEvent.ORDER);
    } else {
      Collections.shuffle(arrival, new Random(seed));
    }
    SlaClock clock = Fixtures.clock(SET, "T");
    arrival.forEach(clock::accept);
    if (readFirst && events.stream().anyMatch(e -> e instanceof TicketEvent.Created)) {
      // a read puts a log that was not in order in order
      clock.evaluate(arrival.stream().map(TicketEvent::at).max(Comparator.naturalOrder()).get());
    }
    byte[] written = SlaClockSnapshot.toBytes(clock);
    assertArrayEquals(SlaClockSnapshot.toBytes("T", clock.events()), written);
    assertEquals(
        clock.events(),
        SlaClockSnapshot.fromBytes(written, id -> Fixtures.clock(SET, id)).events());
  }
}
