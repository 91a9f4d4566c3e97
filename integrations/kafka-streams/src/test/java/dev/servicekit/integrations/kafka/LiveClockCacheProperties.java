package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketEventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The live-clock cache changes nothing but the cost: two topologies, one without the cache and one
 * with a cache of one to three tickets (so that tickets are evicted and restored all the time), are
 * fed the same generated records in lockstep, and after every record their transitions, released
 * and dead-letter records and the whole contents of both stores are identical, byte for byte.
 *
 * <p>The histories mix in-order and late events, redeliveries, an id reused with other content and
 * an unknown status (rejected by the clock after the cache entry was taken), undecodable records,
 * keys other than the ticket, tombstones, events too far ahead ({@code maxEventSkew}), orphans
 * (events with no {@code Created}), solved and reopened tickets with and without a retention,
 * punctuations on stream time and on the wall clock, RocksDB and in-memory stores, and two rewrites
 * of the stores behind the processors' back: the whole task state rolled back to an earlier copy
 * (what a restore from the changelog or an aborted transaction leaves), and a stream time moved
 * centuries ahead so that an event the clock accepted is then rejected because it cannot be
 * evaluated.
 */
class LiveClockCacheProperties {

  static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

  /** One step of a history. */
  sealed interface Op permits Rec, Copy, Rollback, Wall {}

  /** A raw record (a null value is a tombstone). */
  record Rec(String key, String value, Instant at) implements Op {}

  /** Copy both stores (the copy a later rollback restores). */
  record Copy() implements Op {}

  /** Write the last copy back into both stores, deleting what it does not hold. */
  record Rollback() implements Op {}

  /** Advance both drivers' wall clocks (wall-clock punctuations, and the time with wallClock). */
  record Wall(Duration by) implements Op {}

  record Config(
      boolean wallClock,
      boolean inMemory,
      Duration retention,
      Duration grace,
      Duration interval,
      Duration maxEventSkew,
      int cache) {}

  @Property(tries = 40)
  void theCacheChangesNoOutputAndNoStoredByte(@ForAll long seed) {
    Random r = new Random(seed);
    Config c =
        new Config(
            r.nextInt(4) == 0,
            r.nextInt(4) != 0,
            r.nextBoolean() ? Duration.ofMinutes(30 + r.nextInt(300)) : null,
            r.nextBoolean() ? Duration.ZERO : Duration.ofMinutes(10),
            r.nextBoolean() ? Duration.ofMinutes(1) : Duration.ofMinutes(30),
            r.nextInt(3) == 0 ? Duration.ofHours(6) : null,
            1 + r.nextInt(3));
    List<Op> ops = history(r);
    try (TopologyTestDriver off = driver(c, 0);
        TopologyTestDriver on = driver(c, c.cache())) {
      Side a = new Side(off);
      Side b = new Side(on);
      Map<String, byte[]> copyClocks = new TreeMap<>();
      Map<Bytes, byte[]> copyTimers = new TreeMap<>();
      int step = 0;
      for (Op op : ops) {
        String where = "seed " + seed + ", " + c + ", step " + step++ + ": " + op;
        if (op instanceof Rec rec) {
          a.pipe(rec);
          b.pipe(rec);
        } else if (op instanceof Wall w) {
          off.advanceWallClockTime(w.by());
          on.advanceWallClockTime(w.by());
        } else if (op instanceof Copy) {
          copyClocks.clear();
          copyTimers.clear();
          try (KeyValueIterator<String, byte[]> it = a.clocks.all()) {
            it.forEachRemaining(kv -> copyClocks.put(kv.key, kv.value));
          }
          try (KeyValueIterator<Bytes, byte[]> it = a.timers.all()) {
            it.forEachRemaining(kv -> copyTimers.put(kv.key, kv.value));
          }
        } else {
          a.rollback(copyClocks, copyTimers);
          b.rollback(copyClocks, copyTimers);
        }
        assertEquals(a.transitions(), b.transitions(), where);
        assertEquals(a.released(), b.released(), where);
        assertEquals(a.dead(), b.dead(), where);
        assertSameStore(dump(a.clocks), dump(b.clocks), where);
        assertSameStore(dump(a.timers), dump(b.timers), where);
      }
      assertTrue(
          SlaRetentionTopologyTest.metric(on, "live-clock-restores-total") >= 0,
          "the cache's metric is registered");
    }
  }

  static TopologyTestDriver driver(Config c, int cache) {
    SlaClockTopology.Builder b =
        SlaClockTopologyTest.topology()
            .wallClock(c.wallClock())
            .inMemoryStores(c.inMemory())
            .grace(c.grace())
            .punctuationInterval(c.interval())
            .deadLetterTopic("sla-dead")
            .liveClockCache(cache);
    if (c.retention() != null) {
      b.retention(c.retention());
    }
    if (c.maxEventSkew() != null) {
      b.maxEventSkew(c.maxEventSkew());
    }
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "sla-live-clocks");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return IsolatedTopologyTestDriver.open(b.build().build(), p, START);
  }

  /** One driver with its topics and stores. */
  static final class Side {
    final TopologyTestDriver d;
    final TestInputTopic<String, String> in;
    final TestOutputTopic<String, byte[]> out;
    final TestOutputTopic<String, byte[]> releasedOut;
    final TestOutputTopic<String, byte[]> deadOut;
    final KeyValueStore<String, byte[]> clocks;
    final KeyValueStore<Bytes, byte[]> timers;

    Side(TopologyTestDriver d) {
      this.d = d;
      this.in =
          d.createInputTopic(
              "ticket-events", Serdes.String().serializer(), Serdes.String().serializer());
      this.out =
          d.createOutputTopic(
              "sla-transitions", Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
      this.releasedOut =
          d.createOutputTopic(
              SlaClockTopology.DEFAULT_RELEASED_TOPIC,
              Serdes.String().deserializer(),
              Serdes.ByteArray().deserializer());
      this.deadOut =
          d.createOutputTopic(
              "sla-dead", Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
      this.clocks = d.getKeyValueStore(SlaClockTopology.CLOCK_STORE);
      this.timers = d.getKeyValueStore(SlaClockTopology.TIMER_STORE);
    }

    void pipe(Rec r) {
      in.pipeInput(r.key(), r.value(), r.at());
    }

    List<String> transitions() {
      return text(out.readRecordsToList());
    }

    List<String> released() {
      return text(releasedOut.readRecordsToList());
    }

    List<String> dead() {
      // the envelope's error text is the same on both sides; compared whole
      return text(deadOut.readRecordsToList());
    }

    void rollback(Map<String, byte[]> clockCopy, Map<Bytes, byte[]> timerCopy) {
      List<String> keys = new ArrayList<>();
      try (KeyValueIterator<String, byte[]> it = clocks.all()) {
        it.forEachRemaining(kv -> keys.add(kv.key));
      }
      keys.forEach(clocks::delete);
      clockCopy.forEach((k, v) -> clocks.put(k, v.clone()));
      List<Bytes> timerKeys = new ArrayList<>();
      try (KeyValueIterator<Bytes, byte[]> it = timers.all()) {
        it.forEachRemaining(kv -> timerKeys.add(kv.key));
      }
      timerKeys.forEach(timers::delete);
      timerCopy.forEach((k, v) -> timers.put(k, v.clone()));
    }
  }

  static List<String> text(List<TestRecord<String, byte[]>> records) {
    List<String> out = new ArrayList<>();
    for (TestRecord<String, byte[]> t : records) {
      out.add(
          t.key()
              + " @"
              + t.timestamp()
              + " "
              + (t.value() == null ? "null" : new String(t.value(), StandardCharsets.UTF_8)));
    }
    return out;
  }

  /** Equal stores, or a message naming the first key whose value differs. */
  static void assertSameStore(Map<String, String> off, Map<String, String> on, String where) {
    assertEquals(off.keySet(), on.keySet(), where + ": keys");
    for (Map.Entry<String, String> e : off.entrySet()) {
      assertEquals(e.getValue(), on.get(e.getKey()), where + ": the value of " + e.getKey());
    }
  }

  static <K> Map<String, String> dump(KeyValueStore<K, byte[]> store) {
    Map<String, String> m = new TreeMap<>();
    try (KeyValueIterator<K, byte[]> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<K, byte[]> kv = it.next();
        String k =
            kv.key instanceof Bytes b ? HexFormat.of().formatHex(b.get()) : String.valueOf(kv.key);
        m.put(k, HexFormat.of().formatHex(kv.value));
      }
    }
    return m;
  }

  /** Generated records and store rewrites for 3 to 8 tickets and a stream-time ticket. */
  static List<Op> history(Random r) {
    int tickets = 3 + r.nextInt(6);
    List<TicketEvent> events = new ArrayList<>();
    for (int i = 0; i < tickets; i++) {
      events.addAll(ticket(r, "T-" + i));
    }
    events.sort(TicketEvent.ORDER.thenComparing(TicketEvent::ticketId));
    // Late events: swap with a neighbour up to 8 positions on.
    for (int i = 0; i < events.size(); i++) {
      if (r.nextInt(4) == 0) {
        int j = Math.min(events.size() - 1, i + 1 + r.nextInt(8));
        TicketEvent x = events.get(i);
        events.set(i, events.get(j));
        events.set(j, x);
      }
    }
    List<Op> ops = new ArrayList<>();
    ops.add(rec(TicketEvent.Created.byCustomer("zz", "zz-c", START, Map.of(), Set.of())));
    Instant last = START;
    boolean copied = false;
    int ticks = 0;
    for (int i = 0; i < events.size(); i++) {
      TicketEvent e = events.get(i);
      ops.add(rec(e));
      last = e.at().isAfter(last) ? e.at() : last;
      int x = r.nextInt(100);
      if (x < 6 && i > 0) {
        ops.add(rec(events.get(i - 1 - r.nextInt(Math.min(i, 6))))); // a redelivery
      } else if (x < 9) {
        // the same id with other content: the clock rejects it
        ops.add(rec(new TicketEvent.CustomerMessage(e.ticketId(), e.id(), e.at().plusSeconds(1))));
      } else if (x < 11) {
        ops.add(rec(new TicketEvent.StatusChanged(e.ticketId(), "bad-" + i, e.at(), "no-such")));
      } else if (x < 12) {
        ops.add(new Rec(e.ticketId(), "{\"type\":\"created\",", e.at()));
      } else if (x < 13) {
        ops.add(new Rec("other", TicketEventJson.write(e), e.at()));
      } else if (x < 14) {
        ops.add(new Rec(e.ticketId(), null, e.at()));
      } else if (x < 16) {
        // too far ahead with maxEventSkew (its record stamped at stream time); without it, applied
        TicketEvent ahead =
            new TicketEvent.CustomerMessage(e.ticketId(), "ahead-" + i, last.plusSeconds(9 * 3600));
        ops.add(new Rec(e.ticketId(), TicketEventJson.write(ahead), last));
      } else if (x < 22) {
        last = last.plusSeconds(60 + r.nextInt(3 * 3600));
        ops.add(rec(new TicketEvent.CustomerMessage("zz", "zz-" + ticks++, last))); // stream time
      } else if (x < 24) {
        ops.add(new Wall(Duration.ofMinutes(1 + r.nextInt(120))));
      } else if (x < 25) {
        ops.add(new Copy());
        copied = true;
      } else if (x < 27 && copied) {
        ops.add(new Rollback());
      }
    }
    if (r.nextInt(4) == 0) {
      // Stream time jumps centuries ahead: a new event is accepted by its clock, then cannot be
      // evaluated and is rejected; redeliveries after it rewrite the stored state.
      ops.add(new Rec("junk", "{not json", Instant.parse("2999-01-01T00:00:00Z")));
      for (int k = 0; k < 12; k++) {
        TicketEvent e = events.get(r.nextInt(events.size()));
        ops.add(
            k % 2 == 0
                ? rec(new TicketEvent.CustomerMessage(e.ticketId(), "late-" + k, e.at()))
                : rec(e));
      }
    }
    return ops;
  }

  static Rec rec(TicketEvent e) {
    return new Rec(e.ticketId(), TicketEventJson.write(e), e.at());
  }

  /** 1 to 40 events: created (sometimes missing: an orphan), replies, messages, pending, solved. */
  static List<TicketEvent> ticket(Random r, String t) {
    List<TicketEvent> out = new ArrayList<>();
    Instant at = START.plusSeconds(r.nextInt(12 * 3600));
    if (r.nextInt(10) != 0) {
      out.add(TicketEvent.Created.byCustomer(t, t + "-c", at, Map.of(), Set.of()));
    }
    int n = r.nextInt(40);
    for (int k = 0; k < n; k++) {
      at = at.plusSeconds(60 + r.nextInt(r.nextInt(6) == 0 ? 5 * 3600 : 40 * 60));
      String id = t + "-" + k;
      int kind = r.nextInt(12);
      out.add(
          kind < 3
              ? TicketEvent.AgentReply.publicReply(t, id, at)
              : kind < 6
                  ? new TicketEvent.CustomerMessage(t, id, at)
                  : kind < 8
                      ? new TicketEvent.StatusChanged(
                          t, id, at, r.nextBoolean() ? "pending" : "open")
                      : kind < 10
                          ? new TicketEvent.StatusChanged(t, id, at, "solved")
                          : new TicketEvent.Assigned(t, id, at, "agent-" + r.nextInt(5)));
    }
    return out;
  }
}
