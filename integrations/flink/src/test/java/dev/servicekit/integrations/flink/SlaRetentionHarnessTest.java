package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * State retention of the SLA clock function on Flink's keyed operator harness (timers driven by
 * watermarks or the harness's processing time, no cluster; the harness pattern of
 * apache/flink-training's LongRidesHarnessTest): a finished ticket (solved, nothing running) is
 * released after the retention; a reopen within it keeps the ticket; an event for a released ticket
 * goes to {@link FlinkSlaClocks#RELEASED}; before a release the output is that of no retention.
 */
class SlaRetentionHarnessTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final Duration RETENTION = Duration.ofHours(1);

  private static KeyedOneInputStreamOperatorTestHarness<String, TicketEvent, SlaTransition> harness(
      KeyedProcessFunction<String, TicketEvent, SlaTransition> f) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(f), TicketEvent::ticketId, Types.STRING);
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, TicketEvent, SlaTransition> harness(
      TimeMode mode, Duration retention) throws Exception {
    return harness(
        retention == null
            ? FlinkSlaClocks.function(Fixtures.policySet(), Fixtures.CALENDARS, mode)
            : FlinkSlaClocks.function(Fixtures.policySet(), Fixtures.CALENDARS, mode, retention));
  }

  private static void send(
      KeyedOneInputStreamOperatorTestHarness<String, TicketEvent, SlaTransition> h, TicketEvent e)
      throws Exception {
    h.processElement(e, e.at().toEpochMilli());
  }

  private static void watermark(
      KeyedOneInputStreamOperatorTestHarness<String, TicketEvent, SlaTransition> h, Instant at)
      throws Exception {
    h.processWatermark(at.toEpochMilli());
  }

  private static TicketEvent created(String t, Instant at) {
    return new TicketEvent.Created(t, t + "-c", at, Map.of(), Set.of());
  }

  /** Created at 10:00, public reply at 10:10, solved at 10:20 (finished from then). */
  private static List<TicketEvent> solved(String t) {
    return List.of(
        created(t, T0),
        TicketEvent.AgentReply.publicReply(t, t + "-r", T0.plus(Duration.ofMinutes(10))),
        new TicketEvent.StatusChanged(t, t + "-s", T0.plus(Duration.ofMinutes(20)), "solved"));
  }

  private static List<TicketEvent> released(
      KeyedOneInputStreamOperatorTestHarness<String, TicketEvent, SlaTransition> h) {
    var q = h.getSideOutput(FlinkSlaClocks.RELEASED);
    return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
  }

  @Test
  void aFinishedTicketsStateIsClearedWhenTheWatermarkPassesItsRetention() throws Exception {
    try (var h = harness(TimeMode.EVENT_TIME, RETENTION)) {
      h.open();
      for (TicketEvent e : solved("T-1")) {
        send(h, e);
      }
      watermark(h, T0.plus(Duration.ofMinutes(20)));
      assertTrue(h.numKeyedStateEntries() > 1, "clock, reported states, release deadline");
      watermark(h, T0.plus(Duration.ofMinutes(80)).minusMillis(1));
      assertTrue(h.numKeyedStateEntries() > 1, "kept until the deadline");
      int out = h.extractOutputValues().size();
      watermark(h, T0.plus(Duration.ofMinutes(80))); // 10:20 + 1 h
      assertEquals(1, h.numKeyedStateEntries(), "only the released marker");
      assertEquals(0, h.numEventTimeTimers(), "no timer left");
      assertEquals(out, h.extractOutputValues().size(), "the release emits nothing");
      assertEquals(List.of(), released(h));
    }
  }

  @Test
  void withoutRetentionAFinishedTicketKeepsItsStateAsBefore() throws Exception {
    try (var h = harness(TimeMode.EVENT_TIME, null)) {
      h.open();
      for (TicketEvent e : solved("T-1")) {
        send(h, e);
      }
      watermark(h, T0.plus(Duration.ofDays(30)));
      assertTrue(h.numKeyedStateEntries() >= 2, "clock and reported states stay");
    }
  }

  @Test
  void processingTimeMeasuresTheRetentionOnTheWallClock() throws Exception {
    try (var h = harness(TimeMode.PROCESSING_TIME, RETENTION)) {
      h.open();
      h.setProcessingTime(T0.toEpochMilli());
      for (TicketEvent e : solved("T-1")) {
        send(h, e); // applied at 10:00 of the wall clock, evaluated at the latest event (10:20)
      }
      h.setProcessingTime(T0.plus(Duration.ofMinutes(80)).toEpochMilli() - 1);
      assertTrue(h.numKeyedStateEntries() > 1);
      h.setProcessingTime(T0.plus(Duration.ofMinutes(80)).toEpochMilli());
      assertEquals(1, h.numKeyedStateEntries());
      assertEquals(0, h.numProcessingTimeTimers());
      TicketEvent after = new TicketEvent.CustomerMessage("T-1", "T-1-m", T0);
      send(h, after);
      assertEquals(List.of(after), released(h));
    }
  }

  @Test
  void aReopenWithinTheRetentionKeepsTheTicketAndItsClockRunsOn() throws Exception {
    try (var h = harness(TimeMode.EVENT_TIME, RETENTION)) {
      h.open();
      for (TicketEvent e : solved("T-1")) {
        send(h, e);
      }
      send(
          h,
          new TicketEvent.StatusChanged("T-1", "T-1-o", T0.plus(Duration.ofMinutes(70)), "open"));
      watermark(h, T0.plus(Duration.ofHours(12)));
      // Resolution 8 h (warning at 75 %), met at 10:20 after 20 min, resumed at 11:10 with 7h40
      // left: warning at 16:50, breached after 18:50.
      assertEquals(
          List.of(
              "STARTED@2026-03-02T10:00:00Z",
              "ACHIEVED@2026-03-02T10:20:00Z",
              "RESUMED@2026-03-02T11:10:00Z",
              "WARNING@2026-03-02T16:50:00Z",
              "BREACHED@2026-03-02T18:50:00.000000001Z"),
          h.extractOutputValues().stream()
              .filter(t -> t.metric().equals(SlaMetric.resolution()))
              .map(t -> t.kind() + "@" + t.at())
              .toList());
      assertTrue(h.numKeyedStateEntries() > 1, "kept");
      Instant again = T0.plus(Duration.ofHours(13));
      send(h, new TicketEvent.StatusChanged("T-1", "T-1-s2", again, "solved"));
      watermark(h, again.plus(RETENTION).minusMillis(1));
      assertTrue(h.numKeyedStateEntries() > 1);
      watermark(h, again.plus(RETENTION));
      assertEquals(1, h.numKeyedStateEntries());
    }
  }

  @Test
  void aLateReopenArrivingBeforeTheReleaseKeepsTheTicket() throws Exception {
    try (var h = harness(TimeMode.EVENT_TIME, RETENTION)) {
      h.open();
      for (TicketEvent e : solved("T-1")) {
        send(h, e);
      }
      watermark(h, T0.plus(Duration.ofMinutes(75)));
      // Behind the watermark (stamped 10:40), applied at once: the ticket is open again.
      send(h, new TicketEvent.CustomerMessage("T-1", "T-1-m", T0.plus(Duration.ofMinutes(40))));
      send(
          h,
          new TicketEvent.StatusChanged("T-1", "T-1-o", T0.plus(Duration.ofMinutes(41)), "open"));
      watermark(h, T0.plus(Duration.ofHours(5)));
      assertTrue(h.numKeyedStateEntries() > 1, "kept");
      assertEquals(List.of(), released(h));
    }
  }

  @Test
  void eventsForAReleasedTicketGoToTheSideOutputAndStartNoClock() throws Exception {
    try (var h = harness(TimeMode.EVENT_TIME, RETENTION)) {
      h.open();
      for (TicketEvent e : solved("T-1")) {
        send(h, e);
      }
      // Waiting for the watermark when the ticket is released: stamped after the deadline.
      TicketEvent waiting =
          new TicketEvent.CustomerMessage("T-1", "T-1-w", T0.plus(Duration.ofMinutes(90)));
      send(h, waiting);
      watermark(h, T0.plus(Duration.ofMinutes(80)));
      assertEquals(List.of(waiting), released(h));
      assertEquals(1, h.numKeyedStateEntries());
      assertEquals(0, h.numEventTimeTimers(), "the waiting event's timer is deleted too");
      int out = h.extractOutputValues().size();
      // Late (stamped inside what was the retention) and on time: both released, no clock.
      TicketEvent late =
          new TicketEvent.StatusChanged("T-1", "T-1-o", T0.plus(Duration.ofMinutes(30)), "open");
      TicketEvent onTime =
          new TicketEvent.CustomerMessage("T-1", "T-1-x", T0.plus(Duration.ofHours(3)));
      send(h, late);
      send(h, onTime);
      watermark(h, T0.plus(Duration.ofHours(20)));
      assertEquals(List.of(waiting, late, onTime), released(h));
      assertEquals(out, h.extractOutputValues().size(), "nothing emitted for the ticket");
      assertEquals(1, h.numKeyedStateEntries());
    }
  }

  /**
   * A savepoint of the operator without retention (the state every earlier build wrote: no release
   * state) restores into one with retention, whose clock runs on and releases the ticket after it
   * is solved; the marker survives a further snapshot. On the heap and on RocksDB (which restores
   * serialized bytes).
   */
  @ParameterizedTest
  @EnumSource(Backend.class)
  void stateWrittenWithoutRetentionRestoresAndIsReleasedAfterTheTicketIsSolved(Backend backend)
      throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = backend.on(harness(TimeMode.EVENT_TIME, null))) {
      h.open();
      send(h, created("T-1", T0));
      watermark(h, T0);
      snapshot = h.snapshot(1L, 1L);
    }
    try (var h = backend.on(harness(TimeMode.EVENT_TIME, RETENTION))) {
      h.initializeState(snapshot);
      h.open();
      send(
          h,
          new TicketEvent.StatusChanged("T-1", "T-1-s", T0.plus(Duration.ofMinutes(40)), "solved"));
      watermark(h, T0.plus(Duration.ofMinutes(40)));
      assertEquals(
          List.of("WARNING@2026-03-02T10:30:00Z", "ACHIEVED@2026-03-02T10:40:00Z"),
          h.extractOutputValues().stream()
              .filter(t -> t.metric().equals(SlaMetric.firstResponse()))
              .map(t -> t.kind() + "@" + t.at())
              .toList());
      watermark(h, T0.plus(Duration.ofMinutes(100)));
      if (backend == Backend.HASHMAP) { // the harness counts entries of heap state only
        assertEquals(1, h.numKeyedStateEntries());
      }
      assertEquals(0, h.numEventTimeTimers());
      // And the released marker itself survives a snapshot.
      snapshot = h.snapshot(2L, 2L);
    }
    try (var h = backend.on(harness(TimeMode.EVENT_TIME, RETENTION))) {
      h.initializeState(snapshot);
      h.open();
      TicketEvent e = new TicketEvent.CustomerMessage("T-1", "T-1-m", T0.plus(Duration.ofHours(5)));
      send(h, e);
      assertEquals(List.of(e), released(h));
    }
  }

  @Test
  void aRetentionOfZeroNegativeOrBeyondLongMillisIsRefusedByName() {
    assertEquals(
        "retention must be at least 1 ms, was PT0S",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    FlinkSlaClocks.function(
                        Fixtures.policySet(),
                        Fixtures.CALENDARS,
                        TimeMode.EVENT_TIME,
                        Duration.ZERO))
            .getMessage());
    assertEquals(
        "retention must be at least 1 ms, was PT-1S",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    FlinkSlaClocks.function(
                        Fixtures.policySet(),
                        Fixtures.CALENDARS,
                        TimeMode.EVENT_TIME,
                        Duration.ofSeconds(-1)))
            .getMessage());
    String forever =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    FlinkSlaClocks.function(
                        Fixtures.policySet(),
                        Fixtures.CALENDARS,
                        TimeMode.EVENT_TIME,
                        ChronoUnit.FOREVER.getDuration()))
            .getMessage();
    assertTrue(forever.startsWith("retention must be at most"), forever);
    assertThrows(
        NullPointerException.class,
        () ->
            FlinkSlaClocks.function(
                Fixtures.policySet(), Fixtures.CALENDARS, TimeMode.EVENT_TIME, (Duration) null));
  }

  /**
   * Differential: generated histories (solved, half reopened 10 min to 2 h after solving, then
   * solved again; locally out of order, with redeliveries; watermark 30 min behind the largest
   * timestamp) through the function without retention and with a 1 h retention. Per ticket, the
   * output with retention is a prefix of the output without, and equal for every ticket that got no
   * event after its release; at the end every ticket is released, holding only its marker.
   */
  @ParameterizedTest
  @ValueSource(longs = {1L, 2L, 3L})
  void beforeItsReleaseATicketsOutputIsThatOfNoRetention(long seed) throws Exception {
    List<TicketEvent> events = histories(seed, 300);
    Map<String, List<SlaTransition>> plain = new HashMap<>();
    run(events, null, plain, new ArrayList<>());
    Map<String, List<SlaTransition>> kept = new HashMap<>();
    List<TicketEvent> rel = new ArrayList<>();
    run(events, RETENTION, kept, rel);
    Map<String, Integer> releasedPerTicket = new HashMap<>();
    rel.forEach(e -> releasedPerTicket.merge(e.ticketId(), 1, Integer::sum));
    assertTrue(releasedPerTicket.size() > 10, "tickets with released events: " + releasedPerTicket);
    int equal = 0;
    for (Map.Entry<String, List<SlaTransition>> e : plain.entrySet()) {
      List<SlaTransition> p = e.getValue();
      List<SlaTransition> k = kept.getOrDefault(e.getKey(), List.of());
      assertTrue(k.size() <= p.size(), e.getKey());
      assertEquals(p.subList(0, k.size()), k, e.getKey());
      if (!releasedPerTicket.containsKey(e.getKey())) {
        assertEquals(p, k, e.getKey());
        equal++;
      }
    }
    assertTrue(equal > 100, "tickets with equal output: " + equal);
  }

  private static void run(
      List<TicketEvent> events,
      Duration retention,
      Map<String, List<SlaTransition>> out,
      List<TicketEvent> rel)
      throws Exception {
    try (var h = harness(TimeMode.EVENT_TIME, retention)) {
      h.open();
      long max = Long.MIN_VALUE;
      for (TicketEvent e : events) {
        send(h, e);
        max = Math.max(max, e.at().toEpochMilli());
        h.processWatermark(max - Duration.ofMinutes(30).toMillis());
      }
      h.processWatermark(T0.plus(Duration.ofDays(30)).toEpochMilli());
      for (SlaTransition t : h.extractOutputValues()) {
        out.computeIfAbsent(t.ticketId(), k -> new ArrayList<>()).add(t);
      }
      rel.addAll(released(h));
      if (retention != null) {
        long tickets = events.stream().map(TicketEvent::ticketId).distinct().count();
        assertEquals(tickets, h.numKeyedStateEntries(), "one marker per ticket, nothing else");
        assertEquals(0, h.numEventTimeTimers());
      }
    }
  }

  /**
   * Tickets over two days: created, a few replies, messages and status changes, solved; half are
   * reopened by a customer message 10 min to 2 h after solving and solved again. Locally reordered
   * (up to 20 positions) with 2 % redeliveries.
   */
  static List<TicketEvent> histories(long seed, int tickets) {
    Random r = new Random(seed);
    List<TicketEvent> events = new ArrayList<>();
    for (int i = 0; i < tickets; i++) {
      String t = "T-" + i;
      Instant at = T0.plusSeconds(r.nextInt(2 * 24 * 3600));
      events.add(created(t, at));
      int rounds = r.nextBoolean() ? 1 : 2;
      int k = 0;
      for (int round = 0; round < rounds; round++) {
        if (round > 0) {
          at = at.plusSeconds(600 + r.nextInt(2 * 3600 - 600));
          events.add(new TicketEvent.CustomerMessage(t, t + "-" + k++, at));
        }
        int n = 2 + r.nextInt(6);
        for (int j = 0; j < n; j++) {
          at = at.plusSeconds(60 + r.nextInt(40 * 60));
          String id = t + "-" + k++;
          events.add(
              switch (r.nextInt(4)) {
                case 0 -> TicketEvent.AgentReply.publicReply(t, id, at);
                case 1 -> new TicketEvent.CustomerMessage(t, id, at);
                case 2 ->
                    new TicketEvent.StatusChanged(t, id, at, r.nextBoolean() ? "pending" : "open");
                default -> TicketEvent.AgentReply.internalNote(t, id, at);
              });
        }
        at = at.plusSeconds(60 + r.nextInt(600));
        events.add(new TicketEvent.StatusChanged(t, t + "-" + k++, at, "solved"));
      }
    }
    events.sort(TicketEvent.ORDER.thenComparing(TicketEvent::ticketId));
    for (int i = 0; i < events.size(); i++) {
      if (r.nextInt(4) == 0) {
        int j = Math.min(events.size() - 1, i + 1 + r.nextInt(20));
        TicketEvent x = events.get(i);
        events.set(i, events.get(j));
        events.set(j, x);
      }
    }
    List<TicketEvent> out = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      out.add(events.get(i));
      if (r.nextInt(50) == 0 && i > 10) {
        out.add(events.get(i - r.nextInt(10)));
      }
    }
    return out;
  }
}
