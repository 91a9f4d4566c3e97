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

  static TicketEvent event(int kind, String id, Instant at) {
    return switch (kind) {
      case 0 -> new TicketEvent.Created("T", id, at, Map.of(), Set.of());
      case 1 -> new TicketEvent.CustomerMessage("T", id, at);
      case 2 -> new TicketEvent.StatusChanged("T", id, at, "open");
      case 3 -> TicketEvent.AgentReply.publicReply("T", id, at);
      case 4 -> new TicketEvent.PriorityChanged("T", id, at, "high");
      case 5 -> new TicketEvent.AttributeChanged("T", id, at, "tier", "gold");
      case 6 -> new TicketEvent.TagsChanged("T", id, at, Set.of("vip"));
      case 7 -> new TicketEvent.Assigned("T", id, at, "ann");
      case 8 -> new TicketEvent.Escalated("T", id, at, 1);
      case 9 -> new TicketEvent.CallOffered("T", id, at, "c1");
      case 10 -> new TicketEvent.CallAnswered("T", id, at, "c1");
      default -> new TicketEvent.CallAbandoned("T", id, at, "c1");
    };
  }

  /** Kinds rank in the documented order at one instant, whatever their ids. */
  @Property(tries = 50)
  void sameInstantOrderFollowsTheDocumentedKindRanks(@ForAll long seed) {
    Random r = new Random(seed);
    Instant at = Instant.parse("2026-03-02T09:00:00Z");
    // kinds 0..11 grouped by documented rank
    int[][] ranks = {{0}, {4, 5, 6}, {2}, {7, 8}, {1}, {3}, {9}, {10, 11}};
    for (int a = 0; a < ranks.length; a++) {
      for (int b = a + 1; b < ranks.length; b++) {
        int ka = ranks[a][r.nextInt(ranks[a].length)];
        int kb = ranks[b][r.nextInt(ranks[b].length)];
        TicketEvent ea = event(ka, "z" + r.nextInt(100), at);
        TicketEvent eb = event(kb, "a" + r.nextInt(100), at);
        org.junit.jupiter.api.Assertions.assertTrue(
            TicketEvent.ORDER.compare(ea, eb) < 0, ea + " must sort before " + eb);
      }
    }
  }

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
      if (r.nextInt(20) == 0) {
        // the ends of the supported range, 400 years apart, span beyond one long key
        at =
            r.nextBoolean()
                ? BusinessCalendar.SUPPORTED_START
                : BusinessCalendar.SUPPORTED_END.minusNanos(1);
      }
      events[i] = event(r.nextInt(12), id, at);
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
