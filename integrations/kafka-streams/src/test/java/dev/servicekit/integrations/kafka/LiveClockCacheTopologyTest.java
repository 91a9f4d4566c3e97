package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * {@link SlaClockTopology.Builder#liveClockCache(int)}: a cached ticket's events are applied to its
 * live clock (no restore from the snapshot), a value the task did not write is restored from the
 * store, and an event its clock accepted but the task then rejected leaves no trace. The
 * differential proof over generated histories is {@link LiveClockCacheProperties}.
 */
class LiveClockCacheTopologyTest {

  static final Instant T0 = SlaClockTopologyTest.T0;

  static TopologyTestDriver driver(int cache) {
    return LiveClockCacheProperties.driver(
        new LiveClockCacheProperties.Config(
            false, true, null, Duration.ZERO, Duration.ofMinutes(1), null, cache),
        cache);
  }

  /** Created, then 59 replies and messages a few minutes apart. */
  static List<TicketEvent> longTicket(String t) {
    List<TicketEvent> out = new ArrayList<>();
    out.add(SlaClockTopologyTest.created(t, T0));
    for (int k = 1; k < 60; k++) {
      Instant at = T0.plus(Duration.ofMinutes(7L * k));
      out.add(
          k % 2 == 0
              ? TicketEvent.AgentReply.publicReply(t, t + "-" + k, at)
              : new TicketEvent.CustomerMessage(t, t + "-" + k, at));
    }
    return out;
  }

  static void assertSame(LiveClockCacheProperties.Side a, LiveClockCacheProperties.Side b) {
    assertEquals(a.transitions(), b.transitions());
    assertEquals(a.dead(), b.dead());
    assertEquals(LiveClockCacheProperties.dump(a.clocks), LiveClockCacheProperties.dump(b.clocks));
    assertEquals(LiveClockCacheProperties.dump(a.timers), LiveClockCacheProperties.dump(b.timers));
  }

  @Test
  void aCachedTicketIsNeverRestoredFromItsSnapshot() {
    try (TopologyTestDriver off = driver(0);
        TopologyTestDriver on = driver(4)) {
      var a = new LiveClockCacheProperties.Side(off);
      var b = new LiveClockCacheProperties.Side(on);
      for (TicketEvent e : longTicket("T-1")) {
        a.pipe(LiveClockCacheProperties.rec(e));
        b.pipe(LiveClockCacheProperties.rec(e));
      }
      assertSame(a, b);
      assertEquals(0.0, SlaRetentionTopologyTest.metric(on, "live-clock-restores-total"));
    }
  }

  /**
   * The store is the source of truth: a value the task did not write (here the ticket's value of 50
   * events ago, as a restore from an older changelog position would leave it) is restored from the
   * store, and the output and stored bytes are those of the topology without the cache.
   */
  @Test
  void aValueWrittenBehindTheTaskIsRestoredNotTakenFromTheCache() {
    List<TicketEvent> events = longTicket("T-1");
    try (TopologyTestDriver off = driver(0);
        TopologyTestDriver on = driver(4)) {
      var a = new LiveClockCacheProperties.Side(off);
      var b = new LiveClockCacheProperties.Side(on);
      byte[] older = null;
      for (int i = 0; i < 55; i++) {
        a.pipe(LiveClockCacheProperties.rec(events.get(i)));
        b.pipe(LiveClockCacheProperties.rec(events.get(i)));
        if (i == 5) {
          older = a.clocks.get("T-1").clone();
        }
      }
      assertSame(a, b);
      a.clocks.put("T-1", older.clone());
      b.clocks.put("T-1", older.clone());
      for (int i = 55; i < events.size(); i++) {
        a.pipe(LiveClockCacheProperties.rec(events.get(i)));
        b.pipe(LiveClockCacheProperties.rec(events.get(i)));
        assertSame(a, b);
      }
      assertEquals(1.0, SlaRetentionTopologyTest.metric(on, "live-clock-restores-total"));
    }
  }

  /**
   * Stream time moved centuries ahead: a new event is accepted by the ticket's clock, which then
   * cannot be evaluated at the task's time, and the record is rejected. A redelivered event after
   * it rewrites the ticket's state: from the store's clock, without the rejected event.
   */
  @Test
  void anEventRejectedAfterItsClockAcceptedItLeavesNoTrace() {
    List<TicketEvent> events = longTicket("T-1").subList(0, 10);
    try (TopologyTestDriver off = driver(0);
        TopologyTestDriver on = driver(4)) {
      var a = new LiveClockCacheProperties.Side(off);
      var b = new LiveClockCacheProperties.Side(on);
      List<LiveClockCacheProperties.Rec> recs = new ArrayList<>();
      events.forEach(e -> recs.add(LiveClockCacheProperties.rec(e)));
      recs.add(
          new LiveClockCacheProperties.Rec(
              "junk", "{not json", Instant.parse("2999-01-01T00:00:00Z")));
      recs.add(
          LiveClockCacheProperties.rec(
              new TicketEvent.CustomerMessage("T-1", "T-1-late", T0.plus(Duration.ofHours(3)))));
      recs.add(LiveClockCacheProperties.rec(events.get(9))); // a redelivery: rewrites the state
      for (LiveClockCacheProperties.Rec r : recs) {
        a.pipe(r);
        b.pipe(r);
        assertSame(a, b);
      }
      String stored = LiveClockCacheProperties.dump(b.clocks).get("T-1");
      assertTrue(!stored.isEmpty());
      assertEquals(2.0, SlaRetentionTopologyTest.metric(on, "rejected-records-total"));
    }
  }

  @Test
  void aNegativeBoundIsRefusedNamingTheSettingAndZeroIsOff() {
    var b = SlaClockTopologyTest.topology();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.liveClockCache(-1));
    assertEquals("liveClockCache must be zero (off) or more tickets, was -1", e.getMessage());
    try (TopologyTestDriver d = driver(0)) {
      var side = new LiveClockCacheProperties.Side(d);
      side.pipe(LiveClockCacheProperties.rec(SlaClockTopologyTest.created("T-1", T0)));
      assertTrue(
          d.metrics().keySet().stream().noneMatch(m -> m.name().startsWith("live-clock")),
          "no cache, no cache metric");
    }
  }
}
