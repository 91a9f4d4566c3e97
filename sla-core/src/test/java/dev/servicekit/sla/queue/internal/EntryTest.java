package dev.servicekit.sla.queue.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import dev.servicekit.sla.queue.WorkItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Entry}'s total order (rank, then creation second and nano, then id), its equality and text
 * form.
 */
class EntryTest {
  private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

  private static Entry entry(String id, Instant created, long major, long minor) {
    return new Entry(WorkItem.builder(id, "chat", created).build(), major, minor);
  }

  @Test
  void entriesAreOrderedByRankThenCreationThenId() {
    List<Entry> sorted =
        List.of(
            entry("m", T, -5, 9),
            entry("m", T, 3, -1),
            entry("m", T, 3, 2),
            entry("m", T.minusSeconds(1), 4, 0),
            entry("m", T.minusNanos(1), 4, 0),
            entry("m", T, 4, 0),
            entry("m", T.plusNanos(1), 4, 0),
            entry("a", T.plusSeconds(1), 4, 0),
            entry("b", T.plusSeconds(1), 4, 0),
            entry("m", T, 5, Long.MIN_VALUE));
    for (int i = 0; i < sorted.size(); i++) {
      for (int j = 0; j < sorted.size(); j++) {
        assertEquals(
            Integer.signum(Integer.compare(i, j)),
            Integer.signum(sorted.get(i).compareTo(sorted.get(j))),
            i + " vs " + j);
      }
    }
    List<Entry> shuffled = new ArrayList<>(sorted);
    Collections.reverse(shuffled);
    Collections.sort(shuffled);
    assertEquals(sorted, shuffled);
  }

  @Test
  void entriesAreEqualWhenTheyCompareEqual() {
    new EqualsTester()
        .addEqualityGroup(entry("a", T, 1, 2), entry("a", T, 1, 2))
        .addEqualityGroup(entry("b", T, 1, 2))
        .addEqualityGroup(entry("a", T, 1, 3))
        .addEqualityGroup(entry("a", T.plusNanos(1), 1, 2))
        .addEqualityGroup("a@1/2")
        .testEquals();
    assertEquals("a".hashCode(), entry("a", T, 1, 2).hashCode());
    assertEquals("t-7@-3/12", entry("t-7", T, -3, 12).toString());
    assertTrue(entry("a", T, 1, 2).compareTo(entry("a", T, 1, 2)) == 0);
  }
}
