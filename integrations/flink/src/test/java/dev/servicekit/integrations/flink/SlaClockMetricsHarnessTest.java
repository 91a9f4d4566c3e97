package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The SLA clock function's operator metrics, read from the operator's metric group ({@link
 * MeteredHarness}): each counter moves exactly when its event happens. Before, no test read them
 * (the harness's default metric group keeps nothing).
 */
class SlaClockMetricsHarnessTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final Duration RETENTION = Duration.ofHours(1);

  private static TicketEvent created(String ticket, Instant at) {
    return new TicketEvent.Created(ticket, ticket + "-c", at, Map.of(), Set.of());
  }

  private static TicketEvent solved(String ticket, Instant at) {
    return new TicketEvent.StatusChanged(ticket, ticket + "-s", at, "solved");
  }

  private static MeteredHarness harness(FlinkSlaClocks.Options options) throws Exception {
    MeteredHarness h =
        new MeteredHarness(
            FlinkSlaClocks.function(
                Fixtures.policySet(), Fixtures.CALENDARS, TimeMode.EVENT_TIME, options));
    h.harness.open();
    return h;
  }

  @Test
  void anEventTheClockRejectsIsCountedOnce() throws Exception {
    try (MeteredHarness h = harness(FlinkSlaClocks.Options.defaults())) {
      h.send(created("T-1", T0));
      h.harness.processWatermark(T0.toEpochMilli());
      assertEquals(0, h.count("servicekitRejectedEvents"));
      // Late (behind the watermark), reusing the Created event's id with other content.
      h.send(new TicketEvent.StatusChanged("T-1", "T-1-c", T0, "pending"));
      assertEquals(1, h.count("servicekitRejectedEvents"));
      h.send(created("T-1", T0)); // a duplicate is not a rejection
      assertEquals(1, h.count("servicekitRejectedEvents"));
    }
  }

  @Test
  void anEventBeyondTheSkewBoundIsCountedAsRejected() throws Exception {
    try (MeteredHarness h = harness(FlinkSlaClocks.Options.defaults().maxEventSkew(RETENTION))) {
      h.harness.processWatermark(T0.toEpochMilli());
      h.send(created("T-1", T0.plus(RETENTION).plusMillis(1)));
      h.send(created("T-2", T0.plus(RETENTION)));
      assertEquals(1, h.count("servicekitRejectedEvents"));
    }
  }

  @Test
  void anEventBehindAWatermarkPastTheSupportedRangeIsCountedAsRejected() throws Exception {
    try (MeteredHarness h = harness(FlinkSlaClocks.Options.defaults())) {
      h.harness.processWatermark(Instant.parse("2999-01-01T00:00:00Z").toEpochMilli());
      h.send(created("T-1", T0));
      assertEquals(1, h.count("servicekitRejectedEvents"));
    }
  }

  /**
   * A ticket's first event, refused when the watermark reaches it (an undeclared status), changes
   * no state, as a bad record must not (and as Kafka and processing time leave none): no keyed
   * state is left behind, and the ticket's next event, a customer message without a {@code
   * Created}, makes it an orphan, counted once. A review found an empty clock written to state at
   * that watermark: kept for ever (no timer, no retention release), and the orphan never counted,
   * since its state was no longer new.
   */
  @Test
  void aFirstEventRefusedAtTheWatermarkLeavesNoStateAndTheNextOneIsAnOrphan() throws Exception {
    try (MeteredHarness h = harness(FlinkSlaClocks.Options.defaults())) {
      h.send(new TicketEvent.StatusChanged("T-1", "T-1-x", T0, "undeclared"));
      h.harness.processWatermark(T0.toEpochMilli());
      assertEquals(1, h.count("servicekitRejectedEvents"));
      assertEquals(0, h.harness.numKeyedStateEntries(), "a refused event leaves no state");
      h.send(new TicketEvent.CustomerMessage("T-1", "T-1-m", T0.plusSeconds(60)));
      h.harness.processWatermark(T0.plusSeconds(60).toEpochMilli());
      assertEquals(1, h.count("servicekitOrphanTickets"));
      assertEquals(1, h.count("servicekitRejectedEvents"));
    }
  }

  @Test
  void anOrphanTicketIsCountedOnceWhateverItsEvents() throws Exception {
    try (MeteredHarness h = harness(FlinkSlaClocks.Options.defaults())) {
      for (int i = 0; i < 3; i++) {
        h.send(solved("STRAY-" + i, T0.plusSeconds(i)));
        h.send(
            TicketEvent.AgentReply.publicReply(
                "STRAY-" + i, "STRAY-" + i + "-r", T0.plusSeconds(9)));
      }
      h.send(created("T-1", T0));
      h.harness.processWatermark(T0.plusSeconds(60).toEpochMilli());
      assertEquals(3, h.count("servicekitOrphanTickets"));
      h.send(new TicketEvent.CustomerMessage("STRAY-0", "STRAY-0-m", T0.plusSeconds(61)));
      h.harness.processWatermark(T0.plusSeconds(120).toEpochMilli());
      assertEquals(3, h.count("servicekitOrphanTickets"), "counted once per ticket");
    }
  }

  @Test
  void aReleaseAndTheEventsOfAReleasedTicketAreCounted() throws Exception {
    try (MeteredHarness h = harness(FlinkSlaClocks.Options.defaults().retention(RETENTION))) {
      h.send(created("T-1", T0));
      h.send(solved("T-1", T0.plusSeconds(60)));
      h.send(solved("STRAY", T0)); // an orphan: released with its held event
      h.harness.processWatermark(T0.plus(RETENTION).toEpochMilli());
      assertEquals(1, h.count("servicekitReleasedTickets"), "the orphan, not T-1 yet");
      assertEquals(1, h.count("servicekitReleasedTicketEvents"), "the orphan's held event");
      h.harness.processWatermark(T0.plus(RETENTION).plusSeconds(60).toEpochMilli());
      assertEquals(2, h.count("servicekitReleasedTickets"));
      h.send(TicketEvent.AgentReply.publicReply("T-1", "T-1-r", T0.plus(RETENTION)));
      h.send(new TicketEvent.CustomerMessage("T-1", "T-1-m", T0.plus(Duration.ofDays(1))));
      assertEquals(3, h.count("servicekitReleasedTicketEvents"));
      assertEquals(2, h.count("servicekitReleasedTickets"));
    }
  }

  @Test
  void withoutARetentionNoReleaseCounterIsRegistered() throws Exception {
    try (MeteredHarness h = harness(FlinkSlaClocks.Options.defaults())) {
      assertFalse(h.registered("servicekitReleasedTickets"));
      assertFalse(h.registered("servicekitReleasedTicketEvents"));
      assertFalse(h.registered("servicekitLiveClockHits"));
      assertEquals(0, h.count("servicekitOrphanTickets"));
    }
  }

  /**
   * With the cache, a ticket's next event finds its live clock (a hit); after a restore from a
   * checkpoint, the first event of a ticket restores its clock from state (a miss).
   */
  @Test
  void liveClockHitsAndMissesAreCounted() throws Exception {
    FlinkSlaClocks.Options cached = FlinkSlaClocks.Options.defaults().liveClockCache(4);
    org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
    try (MeteredHarness h = harness(cached)) {
      h.harness.processWatermark(T0.toEpochMilli());
      h.send(created("T-1", T0)); // late: applied at once; a new ticket is neither
      h.send(new TicketEvent.CustomerMessage("T-1", "T-1-m", T0));
      h.send(TicketEvent.AgentReply.publicReply("T-1", "T-1-r", T0));
      assertEquals(2, h.count("servicekitLiveClockHits"));
      assertEquals(0, h.count("servicekitLiveClockMisses"));
      snapshot = h.harness.snapshot(1L, 1L);
    }
    MeteredHarness h =
        new MeteredHarness(
            FlinkSlaClocks.function(
                Fixtures.policySet(), Fixtures.CALENDARS, TimeMode.EVENT_TIME, cached));
    try (h) {
      h.harness.initializeState(snapshot);
      h.harness.open();
      h.harness.processWatermark(T0.plusSeconds(1).toEpochMilli());
      h.send(solved("T-1", T0.plusSeconds(1)));
      h.send(new TicketEvent.CustomerMessage("T-1", "T-1-m2", T0.plusSeconds(1)));
      assertEquals(1, h.count("servicekitLiveClockMisses"));
      assertEquals(1, h.count("servicekitLiveClockHits"));
    }
  }
}
