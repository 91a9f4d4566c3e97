package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketEventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * State retention of {@link SlaClockTopology}: a finished ticket (solved, nothing running) is
 * released after the retention in stream time; a reopen within it keeps the ticket; an event for a
 * released ticket goes to the released topic, counted; before a release the output is that of a
 * topology without retention.
 */
class SlaRetentionTopologyTest {

  static final Instant T0 = SlaClockTopologyTest.T0;
  static final Duration RETENTION = Duration.ofHours(1);

  static TestOutputTopic<String, byte[]> released(TopologyTestDriver d) {
    return d.createOutputTopic(
        SlaClockTopology.DEFAULT_RELEASED_TOPIC,
        Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer());
  }

  static KeyValueStore<String, byte[]> clocks(TopologyTestDriver d) {
    return d.getKeyValueStore(SlaClockTopology.CLOCK_STORE);
  }

  static List<String> timerTickets(TopologyTestDriver d) {
    KeyValueStore<Bytes, byte[]> timers = d.getKeyValueStore(SlaClockTopology.TIMER_STORE);
    List<String> out = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it = timers.all()) {
      while (it.hasNext()) {
        byte[] k = it.next().key.get();
        out.add(new String(k, 8, k.length - 8, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  static double metric(TopologyTestDriver d, String name) {
    return metric(d, name, "sla-clocks");
  }

  /** The total of a servicekit metric of the processor tagged {@code id} (sla-clocks, kpi-...). */
  static double metric(TopologyTestDriver d, String name, String id) {
    double total = 0;
    int found = 0;
    for (Map.Entry<MetricName, ? extends Metric> e : d.metrics().entrySet()) {
      MetricName m = e.getKey();
      if (m.name().equals(name)
          && m.group().equals("stream-servicekit-metrics")
          && id.equals(m.tags().get("servicekit-id"))) {
        total += ((Number) e.getValue().metricValue()).doubleValue();
        found++;
      }
    }
    assertTrue(found > 0, "no " + name + " metric: " + d.metrics().keySet());
    return total;
  }

  static boolean isReleasedMarker(byte[] v) {
    return v != null && v.length == 13 && v[0] == 0x7F;
  }

  /** Created at 09:00, public reply at 09:10, solved at 09:20 (finished from then). */
  static void solvedTicket(TestInputTopic<String, TicketEvent> in, String t) {
    SlaClockTopologyTest.pipe(in, SlaClockTopologyTest.created(t, T0));
    SlaClockTopologyTest.pipe(
        in, TicketEvent.AgentReply.publicReply(t, t + "-r", T0.plus(Duration.ofMinutes(10))));
    SlaClockTopologyTest.pipe(
        in, new TicketEvent.StatusChanged(t, t + "-s", T0.plus(Duration.ofMinutes(20)), "solved"));
  }

  static List<SlaTransition> ofTicket(TestOutputTopic<String, SlaTransition> out, String t) {
    return out.readValuesToList().stream().filter(x -> x.ticketId().equals(t)).toList();
  }

  /** Moves stream time with another ticket's event. */
  static void tick(TestInputTopic<String, TicketEvent> in, Instant at) {
    SlaClockTopologyTest.pipe(in, SlaClockTopologyTest.created("zz-" + at, at));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aFinishedTicketIsReleasedWhenStreamTimePassesItsRetention(boolean inMemory) {
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(
            SlaClockTopologyTest.topology()
                .retention(RETENTION)
                .inMemoryStores(inMemory)
                .build())) {
      var in = SlaClockTopologyTest.in(d);
      solvedTicket(in, "T-1");
      assertTrue(timerTickets(d).contains("T-1"), "the release deadline is indexed");
      tick(in, T0.plus(Duration.ofMinutes(79))); // 09:20 + 59 min: kept
      assertTrue(!isReleasedMarker(clocks(d).get("T-1")), "kept before the deadline");
      tick(in, T0.plus(Duration.ofMinutes(80))); // 10:20: the deadline
      assertTrue(isReleasedMarker(clocks(d).get("T-1")), "released at the deadline");
      assertTrue(!timerTickets(d).contains("T-1"), "no timer index entry left");
      assertEquals(1.0, metric(d, "released-tickets-total"));
      assertEquals(0.0, metric(d, "released-ticket-records-total"));
    }
  }

  @Test
  void withoutRetentionAFinishedTicketIsKeptAsBefore() {
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(SlaClockTopologyTest.topology().build())) {
      var in = SlaClockTopologyTest.in(d);
      solvedTicket(in, "T-1");
      tick(in, T0.plus(Duration.ofDays(30)));
      byte[] v = clocks(d).get("T-1");
      assertEquals(4, v[0], "version 4 bytes: no release deadline");
      assertTrue(!timerTickets(d).contains("T-1"));
    }
  }

  @Test
  void aReopenWithinTheRetentionKeepsTheTicketAndItsClockRunsOn() {
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(SlaClockTopologyTest.topology().retention(RETENTION).build())) {
      var in = SlaClockTopologyTest.in(d);
      var out = SlaClockTopologyTest.out(d);
      solvedTicket(in, "T-1");
      Instant reopen = T0.plus(Duration.ofMinutes(70)); // 50 min after solving
      SlaClockTopologyTest.pipe(in, new TicketEvent.StatusChanged("T-1", "T-1-o", reopen, "open"));
      tick(in, T0.plus(Duration.ofHours(12))); // far past 10:20 and past the resolution deadline
      assertNotNull(clocks(d).get("T-1"));
      assertTrue(!isReleasedMarker(clocks(d).get("T-1")), "reopened: kept");
      List<String> resolution =
          SlaClockTopologyTest.kinds(ofTicket(out, "T-1"), SlaMetric.resolution());
      // Resolution 8 h (warning at 75 %), met at 09:20 after 20 min, resumed at 10:10 with 7h40
      // left: warning at 15:50, breached after 17:50.
      assertEquals(
          List.of(
              "STARTED@2026-03-02T09:00:00Z",
              "ACHIEVED@2026-03-02T09:20:00Z",
              "RESUMED@2026-03-02T10:10:00Z",
              "WARNING@2026-03-02T15:50:00Z",
              "BREACHED@2026-03-02T17:50:00.000000001Z"),
          resolution);
      // Solved again: released one retention after that.
      Instant again = T0.plus(Duration.ofHours(13));
      SlaClockTopologyTest.pipe(
          in, new TicketEvent.StatusChanged("T-1", "T-1-s2", again, "solved"));
      tick(in, again.plus(RETENTION).minusMillis(1));
      assertTrue(!isReleasedMarker(clocks(d).get("T-1")));
      tick(in, again.plus(RETENTION));
      assertTrue(isReleasedMarker(clocks(d).get("T-1")));
    }
  }

  @Test
  void anEventWhileFinishedRefreshesTheDeadline() {
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(SlaClockTopologyTest.topology().retention(RETENTION).build())) {
      var in = SlaClockTopologyTest.in(d);
      solvedTicket(in, "T-1");
      // An internal note at 11:00 does not reopen the ticket but restarts its retention.
      SlaClockTopologyTest.pipe(
          in, TicketEvent.AgentReply.internalNote("T-1", "T-1-n", T0.plus(Duration.ofMinutes(60))));
      tick(in, T0.plus(Duration.ofMinutes(119)));
      assertTrue(!isReleasedMarker(clocks(d).get("T-1")));
      tick(in, T0.plus(Duration.ofMinutes(120)));
      assertTrue(isReleasedMarker(clocks(d).get("T-1")));
    }
  }

  @Test
  void anEventForAReleasedTicketGoesUnchangedToTheReleasedTopicCounted() {
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(SlaClockTopologyTest.topology().retention(RETENTION).build())) {
      var in = SlaClockTopologyTest.in(d);
      var out = SlaClockTopologyTest.out(d);
      var rel = released(d);
      solvedTicket(in, "T-1");
      tick(in, T0.plus(Duration.ofHours(3)));
      assertTrue(!ofTicket(out, "T-1").isEmpty());
      TicketEvent late =
          new TicketEvent.StatusChanged("T-1", "T-1-o", T0.plus(Duration.ofHours(4)), "open");
      SlaClockTopologyTest.pipe(in, late);
      assertEquals(List.of(), ofTicket(out, "T-1"), "no clock restarted, nothing emitted");

      TestRecord<String, byte[]> r = rel.readRecord();
      assertEquals("T-1", r.key());
      assertEquals(late, TicketEventJson.read(new String(r.value(), StandardCharsets.UTF_8)));
      assertEquals(late.at(), r.getRecordTime());
      assertTrue(rel.isEmpty());
      assertTrue(isReleasedMarker(clocks(d).get("T-1")), "still only the marker");
      assertEquals(1.0, metric(d, "released-ticket-records-total"));
      assertEquals(0.0, metric(d, "rejected-records-total"));
    }
  }

  /**
   * An event that arrives once stream time passed the deadline releases the ticket first (as a
   * punctuation would have) and is then an event for a released ticket, whatever its own time: the
   * outcome does not depend on when the punctuator ran.
   */
  @Test
  void anEventArrivingAfterTheDeadlineReleasesFirstWhateverThePunctuation() {
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(
            SlaClockTopologyTest.topology()
                .retention(RETENTION)
                .punctuationInterval(Duration.ofDays(365))
                .releasedTopic("gone")
                .build())) {
      var in = SlaClockTopologyTest.in(d);
      var rel =
          d.createOutputTopic(
              "gone", Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
      solvedTicket(in, "T-1");
      tick(in, T0.plus(Duration.ofHours(5)));
      assertTrue(!isReleasedMarker(clocks(d).get("T-1")), "no punctuation yet");
      // Late: stamped 09:30, within what would have been the retention.
      SlaClockTopologyTest.pipe(
          in, new TicketEvent.CustomerMessage("T-1", "T-1-m", T0.plus(Duration.ofMinutes(30))));
      assertTrue(isReleasedMarker(clocks(d).get("T-1")));
      assertEquals(List.of("T-1"), rel.readKeyValuesToList().stream().map(k -> k.key).toList());
    }
  }

  /**
   * An event stamped at or after its ticket's release deadline that arrives within the grace finds
   * the ticket released, whether or not another ticket's record moved stream time past the deadline
   * first: the deadline is one of the ticket's timers, and an event ahead of the task's time fires
   * those due up to its own instant (as Flink releases the ticket before the watermark applies the
   * event). Earlier builds applied a reopen stamped 10:25 to a ticket due for release at 10:20 when
   * nothing else had moved the task's time (09:55) and released the ticket when another record had
   * (10:25): on several partitions the outcome hung on which tickets shared one.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void anEventAfterTheDeadlineWithinTheGraceFindsTheTicketReleasedWhateverOtherTickets(
      boolean otherTraffic) {
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(
            SlaClockTopologyTest.topology()
                .retention(RETENTION)
                .grace(Duration.ofMinutes(30))
                .build())) {
      var in = SlaClockTopologyTest.in(d);
      var out = SlaClockTopologyTest.out(d);
      var rel = released(d);
      solvedTicket(in, "T-1"); // solved 09:20: released at 10:20
      assertTrue(!ofTicket(out, "T-1").isEmpty());
      if (otherTraffic) {
        tick(in, T0.plus(Duration.ofMinutes(115))); // 10:55: the task's time 10:25
      }
      TicketEvent reopen =
          new TicketEvent.StatusChanged("T-1", "T-1-o", T0.plus(Duration.ofMinutes(85)), "open");
      SlaClockTopologyTest.pipe(in, reopen);
      assertEquals(List.of(), ofTicket(out, "T-1"), "no cycle reopened");
      assertTrue(isReleasedMarker(clocks(d).get("T-1")), "released");
      assertEquals(
          reopen,
          TicketEventJson.read(new String(rel.readRecord().value(), StandardCharsets.UTF_8)));
      assertEquals(1.0, metric(d, "released-tickets-total"));
      assertEquals(1.0, metric(d, "released-ticket-records-total"));
    }
  }

  /**
   * State of a topology without retention (version 4 clock state, without a release deadline; the
   * version 2 of earlier builds is read as {@code ClockStateTest} shows) is read by a topology with
   * retention, which then runs the ticket on and releases it.
   */
  @Test
  void stateWrittenWithoutRetentionIsReadAndReleasedAfterTheTicketIsSolved() {
    Map<String, byte[]> clockRows = new HashMap<>();
    Map<Bytes, byte[]> timerRows = new HashMap<>();
    List<SlaTransition> before;
    try (TopologyTestDriver old =
        SlaClockTopologyTest.driver(SlaClockTopologyTest.topology().build())) {
      var in = SlaClockTopologyTest.in(old);
      SlaClockTopologyTest.pipe(in, SlaClockTopologyTest.created("T-1", T0));
      before = SlaClockTopologyTest.out(old).readValuesToList();
      try (KeyValueIterator<String, byte[]> it = clocks(old).all()) {
        it.forEachRemaining(kv -> clockRows.put(kv.key, kv.value));
      }
      KeyValueStore<Bytes, byte[]> timers = old.getKeyValueStore(SlaClockTopology.TIMER_STORE);
      try (KeyValueIterator<Bytes, byte[]> it = timers.all()) {
        it.forEachRemaining(kv -> timerRows.put(kv.key, kv.value));
      }
    }
    assertEquals(4, clockRows.get("T-1")[0], "version 4");
    assertEquals(2, before.size(), "STARTED of first response and resolution");
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(SlaClockTopologyTest.topology().retention(RETENTION).build())) {
      clockRows.forEach(clocks(d)::put);
      KeyValueStore<Bytes, byte[]> timers = d.getKeyValueStore(SlaClockTopology.TIMER_STORE);
      timerRows.forEach(timers::put);
      var in = SlaClockTopologyTest.in(d);
      var out = SlaClockTopologyTest.out(d);
      SlaClockTopologyTest.pipe(
          in,
          new TicketEvent.StatusChanged("T-1", "T-1-s", T0.plus(Duration.ofMinutes(30)), "solved"));
      // The restored clock goes on: its 09:30 warning fires first, then solving stops every cycle.
      assertEquals(
          List.of("WARNING@2026-03-02T09:30:00Z", "ACHIEVED@2026-03-02T09:30:00Z"),
          out.readValuesToList().stream()
              .filter(t -> t.metric().equals(SlaMetric.firstResponse()))
              .map(t -> t.kind() + "@" + t.at())
              .toList());
      tick(in, T0.plus(Duration.ofMinutes(90)));
      assertTrue(isReleasedMarker(clocks(d).get("T-1")));
    }
  }

  /**
   * Stores written with a retention, read by a topology without one (the setting removed): a
   * released ticket's event is rejected (counted, dead-lettered), never applied to a new clock; a
   * finished ticket's deadline is dropped, its value written as version 4 again and its timer index
   * entry deleted, so nothing is released any more.
   */
  @Test
  void withoutTheRetentionAgainReleasedTicketsAreRejectedAndDeadlinesDropped() {
    Map<String, byte[]> clockRows = new HashMap<>();
    Map<Bytes, byte[]> timerRows = new HashMap<>();
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(SlaClockTopologyTest.topology().retention(RETENTION).build())) {
      var in = SlaClockTopologyTest.in(d);
      solvedTicket(in, "T-1");
      tick(in, T0.plus(Duration.ofMinutes(80))); // T-1 released
      solvedTicket(in, "T-2"); // finished, deadline 10:20: not yet released
      try (KeyValueIterator<String, byte[]> it = clocks(d).all()) {
        it.forEachRemaining(kv -> clockRows.put(kv.key, kv.value));
      }
      KeyValueStore<Bytes, byte[]> timers = d.getKeyValueStore(SlaClockTopology.TIMER_STORE);
      try (KeyValueIterator<Bytes, byte[]> it = timers.all()) {
        it.forEachRemaining(kv -> timerRows.put(kv.key, kv.value));
      }
    }
    assertTrue(isReleasedMarker(clockRows.get("T-1")));
    assertEquals(5, clockRows.get("T-2")[0], "version 5: a release deadline");
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(
            SlaClockTopologyTest.topology().deadLetterTopic("sla-rejected").build())) {
      clockRows.forEach(clocks(d)::put);
      KeyValueStore<Bytes, byte[]> timers = d.getKeyValueStore(SlaClockTopology.TIMER_STORE);
      timerRows.forEach(timers::put);
      var in = SlaClockTopologyTest.in(d);
      var out = SlaClockTopologyTest.out(d);
      var dead =
          d.createOutputTopic(
              "sla-rejected", Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
      SlaClockTopologyTest.pipe(
          in, new TicketEvent.CustomerMessage("T-1", "T-1-m", T0.plus(Duration.ofHours(2))));
      assertEquals(List.of(), ofTicket(out, "T-1"));
      String envelope = new String(dead.readValue(), StandardCharsets.UTF_8);
      assertTrue(envelope.contains("was released at"), envelope);
      assertEquals(1.0, metric(d, "rejected-records-total"));
      tick(in, T0.plus(Duration.ofDays(2)));
      assertEquals(4, clocks(d).get("T-2")[0], "version 4 again, kept");
      assertTrue(!timerTickets(d).contains("T-2"), "its index entry deleted");
    }
  }

  /**
   * Differential: generated histories (solved, some reopened after a gap shorter or longer than the
   * retention, locally out of order, with duplicates) through a topology without retention and one
   * with. Per ticket, the output with retention is a prefix of the output without, and equal for
   * every ticket that received no event after its release; every event for a released ticket is on
   * the released topic, and nothing else is.
   */
  @ParameterizedTest
  @ValueSource(longs = {1L, 2L, 3L})
  void beforeItsReleaseATicketsOutputIsThatOfNoRetention(long seed) {
    List<TicketEvent> events = histories(seed, 400);
    Instant end = T0.plus(Duration.ofDays(30));
    Map<String, List<SlaTransition>> plain = run(events, end, null, null);
    List<KeyValue<String, byte[]>> releasedEvents = new ArrayList<>();
    Map<String, List<SlaTransition>> kept = run(events, end, RETENTION, releasedEvents);
    Map<String, Integer> releasedPerTicket = new HashMap<>();
    for (KeyValue<String, byte[]> kv : releasedEvents) {
      TicketEvent e = TicketEventJson.read(new String(kv.value, StandardCharsets.UTF_8));
      assertEquals(kv.key, e.ticketId());
      releasedPerTicket.merge(kv.key, 1, Integer::sum);
    }
    assertTrue(
        releasedPerTicket.size() > 10,
        "tickets with events after release: " + releasedPerTicket.size());
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

  private static Map<String, List<SlaTransition>> run(
      List<TicketEvent> events,
      Instant end,
      Duration retention,
      List<KeyValue<String, byte[]>> rel) {
    SlaClockTopology.Builder b = SlaClockTopologyTest.topology().inMemoryStores(true);
    if (retention != null) {
      b.retention(retention);
    }
    Map<String, List<SlaTransition>> byTicket = new HashMap<>();
    try (TopologyTestDriver d = SlaClockTopologyTest.driver(b.build())) {
      var in = SlaClockTopologyTest.in(d);
      var out = SlaClockTopologyTest.out(d);
      for (TicketEvent e : events) {
        SlaClockTopologyTest.pipe(in, e);
      }
      tick(in, end);
      for (SlaTransition t : out.readValuesToList()) {
        if (!t.ticketId().startsWith("zz-")) {
          byTicket.computeIfAbsent(t.ticketId(), k -> new ArrayList<>()).add(t);
        }
      }
      if (rel != null) {
        rel.addAll(released(d).readKeyValuesToList());
        // Every ticket is finished and stream time is far past every deadline: all released.
        try (KeyValueIterator<String, byte[]> it = clocks(d).all()) {
          it.forEachRemaining(
              kv -> {
                if (!kv.key.startsWith("zz-")) {
                  assertTrue(isReleasedMarker(kv.value), kv.key);
                }
              });
        }
        assertTrue(timerTickets(d).stream().allMatch(t -> t.startsWith("zz-")));
      }
    }
    return byTicket;
  }

  /**
   * Tickets over two days: created, a few replies, messages and status changes, solved; half are
   * reopened by a customer message between 10 min and 2 h after solving (the retention is 1 h) and
   * solved again. Locally reordered (up to 20 positions) with 2 % redeliveries.
   */
  static List<TicketEvent> histories(long seed, int tickets) {
    Random r = new Random(seed);
    List<TicketEvent> events = new ArrayList<>();
    for (int i = 0; i < tickets; i++) {
      String t = "T-" + i;
      Instant at = T0.plusSeconds(r.nextInt(2 * 24 * 3600));
      events.add(TicketEvent.Created.byCustomer(t, t + "-c", at, Map.of(), Set.of()));
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
          int kind = r.nextInt(4);
          events.add(
              switch (kind) {
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

  @Test
  void releasedTopicWithoutRetentionIsRefused() {
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> SlaClockTopologyTest.topology().releasedTopic("gone").build());
    assertTrue(e.getMessage().contains("releasedTopic"), e.getMessage());
  }
}
