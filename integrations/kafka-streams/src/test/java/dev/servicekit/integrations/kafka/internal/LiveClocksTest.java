package dev.servicekit.integrations.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.MetricRule;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cache itself: bounded, least recently used out first, a clock only for its own bytes. */
class LiveClocksTest {

  static final SlaPolicySet SET =
      SlaPolicySet.builder()
          .statuses("new", "open", "solved")
          .solvedStatuses("solved")
          .defaultPolicy(
              SlaPolicy.builder("p")
                  .matrix(PriorityMatrix.constant("normal"))
                  .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
                  .rule(MetricRule.builder(SlaMetric.firstResponse()).build())
                  .build())
          .build();

  static SlaClock clock(String t) {
    return SlaClock.of(SET, Map.of(), t);
  }

  @Test
  void holdsAtMostItsBoundAndEvictsTheLeastRecentlyUsed() {
    LiveClocks c = new LiveClocks(3);
    byte[][] written = new byte[10][];
    for (int i = 0; i < 10; i++) {
      written[i] = new byte[] {(byte) i};
      c.put("T-" + i, clock("T-" + i), new ClockState(), written[i]);
      assertTrue(c.size() <= 3, "size " + c.size() + " after " + i);
    }
    assertEquals(3, c.size());
    assertTrue(c.holds("T-7") && c.holds("T-8") && c.holds("T-9"));
    // T-7 used again (taken and put back) becomes the most recent: T-8 goes next.
    LiveClocks.Entry t7 = c.take("T-7", written[7]);
    c.put("T-7", t7.clock(), t7.state(), written[7]);
    c.put("T-10", clock("T-10"), new ClockState(), new byte[] {10});
    assertFalse(c.holds("T-8"));
    assertTrue(c.holds("T-7") && c.holds("T-9") && c.holds("T-10"));
  }

  @Test
  void aClockIsHandedOutOnlyForTheBytesItWasWrittenWithAndTakingRemovesIt() {
    LiveClocks c = new LiveClocks(4);
    SlaClock k = clock("T-1");
    ClockState st = new ClockState();
    byte[] written = {1, 2, 3};
    c.put("T-1", k, st, written);
    LiveClocks.Entry hit = c.take("T-1", new byte[] {1, 2, 3});
    assertSame(k, hit.clock(), "equal bytes, another array: a hit");
    assertSame(st, hit.state());
    assertFalse(c.holds("T-1"), "taken out");
    assertNull(c.take("T-1", written), "not put back: nothing");

    c.put("T-1", k, st, written);
    assertNull(c.take("T-1", new byte[] {1, 2, 4}), "other bytes: restore");
    assertFalse(c.holds("T-1"), "the stale entry is dropped");

    c.put("T-1", k, st, written);
    assertNull(c.take("T-1", null), "no stored value: nothing");
    assertFalse(c.holds("T-1"));
  }

  @Test
  void clearDropsEverything() {
    LiveClocks c = new LiveClocks(2);
    c.put("T-1", clock("T-1"), new ClockState(), new byte[] {1});
    c.put("T-2", clock("T-2"), new ClockState(), new byte[] {2});
    c.clear();
    assertEquals(0, c.size());
    assertNull(c.take("T-1", new byte[] {1}));
  }

  @Test
  void aBoundBelowOneIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new LiveClocks(0));
    assertTrue(e.getMessage().contains("liveClockCache"), e.getMessage());
  }
}
