package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaClockSnapshot;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The live clock cache never uses a clock that is not the state's: keyed state rewritten or cleared
 * behind the function's back (as a restore, a state processor or a TTL would), an instance
 * re-opened on an older checkpoint, and an exception in the middle of an event all make the next
 * event restore the clock from state, with the output and state of a function without the cache.
 */
class LiveClockCacheStalenessTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  private static final FlinkSlaClocks.Options CACHED =
      FlinkSlaClocks.Options.defaults().liveClockCache(8);

  private static KeyedProcessFunction<String, TicketEvent, SlaTransition> function(
      TimeMode mode, FlinkSlaClocks.Options options) {
    return FlinkSlaClocks.function(Fixtures.policySet(), Fixtures.CALENDARS, mode, options);
  }

  private static TicketEvent created() {
    return new TicketEvent.Created("T-1", "T-1-c", T0, Map.of(), Set.of());
  }

  private static TicketEvent message(int i) {
    return new TicketEvent.CustomerMessage("T-1", "T-1-m" + i, T0.plusSeconds(i));
  }

  private static TicketEvent pending(int i) {
    return new TicketEvent.StatusChanged("T-1", "T-1-p" + i, T0.plusSeconds(i), "pending");
  }

  /** The snapshot of a clock fed {@code events} after the one in {@code from} (null: none). */
  private static byte[] expected(byte[] from, TicketEvent... events) {
    SlaClock c =
        from == null
            ? SlaClock.of(Fixtures.policySet(), Fixtures.CALENDARS, "T-1")
            : SlaClockSnapshot.fromBytes(Fixtures.policySet(), Fixtures.CALENDARS, from);
    for (TicketEvent e : events) {
      c.accept(e);
    }
    return SlaClockSnapshot.toBytes(c);
  }

  private static MeteredHarness open(TimeMode mode) throws Exception {
    MeteredHarness h = new MeteredHarness(function(mode, CACHED));
    return h;
  }

  /**
   * The state rolled back to an earlier snapshot of the ticket while its live clock is cached: the
   * next event is applied to the clock of the state's bytes, not to the cached one (which holds an
   * event the state no longer has).
   */
  @ParameterizedTest
  @EnumSource(Backend.class)
  void aClockWhoseStateWasRewrittenIsRestoredFromTheState(Backend backend) throws Exception {
    try (MeteredHarness h = open(TimeMode.EVENT_TIME)) {
      backend.on(h.harness);
      h.harness.open();
      h.harness.processWatermark(T0.plusSeconds(60).toEpochMilli()); // events late: applied at once
      h.send(created());
      h.send(message(1));
      byte[] older = StateDump.clock(h.harness, "T-1");
      h.send(pending(2));
      assertEquals(2, h.count("servicekitLiveClockHits"));
      StateDump.setClock(h.harness, "T-1", older);
      h.send(message(3));
      assertArrayEquals(expected(older, message(3)), StateDump.clock(h.harness, "T-1"));
      assertEquals(1, h.count("servicekitLiveClockMisses"));
      assertEquals(2, h.count("servicekitLiveClockHits"));
    }
  }

  /**
   * The reported state rewritten or cleared behind the function's back while the ticket's clock
   * (and with it the decoded reported state) is cached and its clock state untouched: the next
   * events diff against the state's reported cycles, as a function without the cache does (an older
   * reported state gives its changes again, a cleared one STARTED for every cycle).
   */
  @ParameterizedTest
  @EnumSource(Backend.class)
  void aReportedStateRewrittenBehindTheFunctionIsReadFromTheState(Backend backend)
      throws Exception {
    List<String> plain = rewrittenReported(backend, false);
    List<String> cached = rewrittenReported(backend, true);
    assertEquals(plain, cached);
  }

  private static List<String> rewrittenReported(Backend backend, boolean cache) throws Exception {
    FlinkSlaClocks.Options options = cache ? CACHED : FlinkSlaClocks.Options.defaults();
    try (MeteredHarness h = new MeteredHarness(function(TimeMode.EVENT_TIME, options))) {
      backend.on(h.harness);
      h.harness.open();
      h.harness.processWatermark(T0.plusSeconds(60).toEpochMilli());
      List<String> out = new java.util.ArrayList<>();
      h.send(created());
      byte[] older = StateDump.reported(h.harness, "T-1");
      h.send(message(1));
      h.send(pending(2));
      StateDump.setReported(h.harness, "T-1", older);
      h.send(message(3));
      out.add(h.harness.extractOutputValues().toString());
      StateDump.setReported(h.harness, "T-1", null);
      h.send(message(4));
      out.add(h.harness.extractOutputValues().toString());
      out.add(StateDump.of(h.harness, false).toString());
      if (cache) {
        assertEquals(4, h.count("servicekitLiveClockHits"), "the clock itself stayed cached");
      }
      return out;
    }
  }

  /** The state cleared while the clock is cached: the next event starts a new clock. */
  @ParameterizedTest
  @EnumSource(Backend.class)
  void aClockWhoseStateWasClearedIsNotUsed(Backend backend) throws Exception {
    try (MeteredHarness h = open(TimeMode.EVENT_TIME)) {
      backend.on(h.harness);
      h.harness.open();
      h.harness.processWatermark(T0.plusSeconds(60).toEpochMilli());
      h.send(created());
      h.send(message(1));
      StateDump.setClock(h.harness, "T-1", null);
      h.send(message(3));
      assertArrayEquals(expected(null, message(3)), StateDump.clock(h.harness, "T-1"));
      assertEquals(1, h.count("servicekitLiveClockHits"), "only message 1");
    }
  }

  /**
   * The same function instance re-opened on an older checkpoint (Flink deploys a new instance on a
   * restore; this is the harder case): no entry of its earlier life is used, and it ends where a
   * function without the cache does.
   */
  @ParameterizedTest
  @EnumSource(Backend.class)
  void anInstanceReopenedOnAnOlderCheckpointUsesNoEntryOfBefore(Backend backend) throws Exception {
    List<String> plain = reopened(backend, FlinkSlaClocks.Options.defaults());
    List<String> cached = reopened(backend, CACHED);
    assertEquals(plain, cached);
  }

  private static List<String> reopened(Backend backend, FlinkSlaClocks.Options options)
      throws Exception {
    KeyedProcessFunction<String, TicketEvent, SlaTransition> f =
        function(TimeMode.EVENT_TIME, options);
    OperatorSubtaskState older;
    try (MeteredHarness h = new MeteredHarness(f)) {
      backend.on(h.harness);
      h.harness.open();
      h.harness.processWatermark(T0.plusSeconds(60).toEpochMilli());
      h.send(created());
      older = h.harness.snapshot(1L, 1L);
      h.send(pending(1));
      h.send(message(2));
    }
    try (MeteredHarness h = new MeteredHarness(f)) {
      backend.on(h.harness);
      h.harness.initializeState(older);
      h.harness.open();
      h.harness.processWatermark(T0.plusSeconds(60).toEpochMilli());
      h.send(message(3));
      h.harness.processWatermark(T0.plusSeconds(86_400).toEpochMilli());
      byte[] state = StateDump.clock(h.harness, "T-1");
      assertArrayEquals(expected(null, created(), message(3)), state);
      List<String> out =
          new java.util.ArrayList<>(
              h.harness.extractOutputValues().stream().map(String::valueOf).toList());
      out.add(StateDump.of(h.harness, false).toString());
      return out;
    }
  }

  /**
   * An event stamped in the last millisecond before 2300 (its evaluation instant, rounded up to the
   * millisecond, lies past the clocks' range) is refused and counted before anything changes; the
   * cached clock stays the state's, and the next event goes on as without the cache. Until the
   * seventeenth session it threw after the snapshot was written, failing the task at every restart.
   */
  @Test
  void anEventPastTheRangeIsRefusedAndLeavesTheCachedClockTheStates() throws Exception {
    byte[] plain = refusing(FlinkSlaClocks.Options.defaults(), false);
    byte[] cached = refusing(CACHED, true);
    assertArrayEquals(plain, cached);
  }

  private static byte[] refusing(FlinkSlaClocks.Options options, boolean cache) throws Exception {
    try (MeteredHarness h = new MeteredHarness(function(TimeMode.PROCESSING_TIME, options))) {
      h.harness.setProcessingTime(T0.toEpochMilli());
      h.harness.open();
      h.send(created());
      TicketEvent far =
          new TicketEvent.CustomerMessage(
              "T-1", "T-1-far", Instant.parse("2299-12-31T23:59:59.9995Z"));
      h.send(far);
      assertEquals(1, h.count("servicekitRejectedEvents"));
      h.send(message(5));
      if (cache) {
        assertEquals(
            0, h.count("servicekitLiveClockMisses"), "the cached clock stayed the state's");
      }
      return StateDump.clock(h.harness, "T-1");
    }
  }
}
