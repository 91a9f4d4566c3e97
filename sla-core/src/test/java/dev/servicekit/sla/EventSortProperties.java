package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The batch face's keyed sort is the library's stable sort in {@link TicketEvent#ORDER}: same
 * element identities in the same positions, including ties (equal duplicates, reused ids, several
 * events at one instant, a Created among them).
 */
class EventSortProperties {

  @Property(tries = 300)
  void keyedSortEqualsStableLibrarySort(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 70) int size) {
    Random r = new Random(seed);
    Instant base = Instant.parse("2026-03-02T09:00:00Z");
    TicketEvent[] events = new TicketEvent[size];
    for (int i = 0; i < size; i++) {
      // few distinct instants and ids, so that ties and duplicates are frequent
      Instant at = base.plusSeconds(r.nextInt(4)).plusNanos(r.nextInt(2));
      String id = "e" + r.nextInt(Math.max(1, size / 2));
      int kind = r.nextInt(3);
      if (kind == 0) {
        events[i] = new TicketEvent.Created("T", id, at, Map.of(), Set.of());
      } else if (kind == 1) {
        events[i] = new TicketEvent.CustomerMessage("T", id, at);
      } else {
        events[i] = new TicketEvent.StatusChanged("T", id, at, "open");
      }
      if (i > 0 && r.nextInt(5) == 0) {
        events[i] = events[r.nextInt(i)]; // the same instance again
      }
    }
    TicketEvent[] expected = events.clone();
    Arrays.sort(expected, TicketEvent.ORDER);
    TicketEvent[] actual = events.clone();
    SlaClock.sort(actual);
    for (int i = 0; i < size; i++) {
      if (expected[i] != actual[i]) {
        assertArrayEquals(expected, actual, "position " + i + " differs");
        throw new AssertionError("position " + i + " holds an equal but different instance");
      }
    }
  }
}
