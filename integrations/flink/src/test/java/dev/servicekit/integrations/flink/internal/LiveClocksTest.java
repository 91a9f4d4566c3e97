package dev.servicekit.integrations.flink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.integrations.flink.FlinkSlaClocks;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaPolicySet;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live clock cache's bookkeeping: bounded, least recently used first out, bytes checked. */
class LiveClocksTest {

  private static final SlaPolicySet SET =
      SlaPolicySet.builder()
          .statuses("new", "solved")
          .solvedStatuses("solved")
          .defaultPolicy(
              dev.servicekit.sla.SlaPolicy.builder("p")
                  .matrix(dev.servicekit.sla.PriorityMatrix.constant("normal"))
                  .build())
          .build();

  private static LiveClocks.Live entry(String ticket, byte[] written) {
    LiveClocks.Live l =
        new LiveClocks.Live(SlaClock.of(SET, Map.of(), ticket), Instant.EPOCH, true);
    l.written = written;
    return l;
  }

  @Test
  void holdsAtMostMaxTicketsEvictingTheLeastRecentlyUsed() {
    LiveClocks c = new LiveClocks(2);
    byte[] a = {1};
    byte[] b = {2};
    byte[] d = {3};
    c.put("A", entry("A", a));
    c.put("B", entry("B", b));
    LiveClocks.Live hit = c.take("A", a); // A used last: B is now the eldest
    c.put("A", hit);
    c.put("D", entry("D", d));
    assertEquals(2, c.size());
    assertNull(c.take("B", b), "evicted");
    assertSame(hit, c.take("A", a));
  }

  @Test
  void anEntryIsUsedOnlyForTheBytesItWasWrittenAs() {
    LiveClocks c = new LiveClocks(4);
    byte[] written = {1, 2, 3};
    c.put("A", entry("A", written));
    assertTrue(c.take("A", new byte[] {1, 2, 3}) != null, "equal contents (a backend's copy)");
    c.put("A", entry("A", written));
    assertNull(c.take("A", new byte[] {1, 2, 4}), "other bytes");
    assertNull(c.take("A", written), "dropped by the mismatch above");
    c.put("A", entry("A", written));
    assertNull(c.take("A", null), "state cleared");
    assertEquals(0, c.size());
  }

  @Test
  void aClockNotWrittenIsNotKept() {
    LiveClocks c = new LiveClocks(4);
    c.put("A", entry("A", null));
    assertEquals(0, c.size());
  }

  @Test
  void theOptionRefusesANegativeSizeByName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FlinkSlaClocks.Options.defaults().liveClockCache(-1));
    assertEquals("liveClockCache must be at least 0 (0: no cache), was -1", e.getMessage());
    assertEquals(0, FlinkSlaClocks.Options.defaults().liveClockCache());
    FlinkSlaClocks.Options o = FlinkSlaClocks.Options.defaults().liveClockCache(16);
    assertEquals(16, o.liveClockCache());
    assertEquals(0, FlinkSlaClocks.Options.defaults().liveClockCache(), "immutable");
    assertEquals(
        "Options[retention=PT1H, maxEventSkew=null, liveClockCache=16]",
        o.retention(java.time.Duration.ofHours(1)).toString());
    assertThrows(IllegalArgumentException.class, () -> new LiveClocks(0));
  }
}
