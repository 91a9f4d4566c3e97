package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.EventCorrection;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketInput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@code maxEventSkew} and {@code maxTimestampAhead} on 1 to 4 partitions, one task (one {@code
 * TopologyTestDriver}) per partition, each record on the partition the producer's default
 * partitioner picks for its key. The README ("Keys and partitioning"): what they reject is judged
 * against each partition's own time. The oracle, per partition: a record's timestamp is its own,
 * or, with {@code maxTimestampAhead}, the partition's time when it is more than the bound ahead of
 * the wall clock; stream time is the largest such timestamp so far, this record's included; an
 * event or a replacement whose {@code at} is more than the skew ahead of it is rejected (counted,
 * the ticket unchanged), any other applied. Checked: each task's {@code rejected-records-total} and
 * each ticket's clock in the store (its events and evaluation) against a clock fed what the oracle
 * accepts; and what one partition rejects is rejected on several too (a partition's time is never
 * later than one partition's).
 */
class MaxEventSkewPartitionsProperties {

  static final Duration SKEW = Duration.ofHours(1);
  static final Duration AHEAD = Duration.ofDays(1);
  static final Instant END = SlaEquivalenceTest.START.plus(Duration.ofDays(8));
  // A producer's broken clock: far ahead of the wall clock, inside the clocks' range.
  static final long BROKEN = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();

  /** One record: its value, its own timestamp, and whether a broken producer stamped it. */
  record Rec(TicketInput value, long timestamp, boolean broken) {}

  @Property(tries = 30)
  void eachPartitionJudgesEventTimesByItsOwnStreamTime(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 4) int partitions,
      @ForAll boolean boundTimestamps) {
    List<Rec> recs = records(seed, boundTimestamps);
    Set<String> one = run(recs, 1, boundTimestamps);
    Set<String> many = run(recs, partitions, boundTimestamps);
    assertTrue(many.containsAll(one), "rejected on one " + one + ", on several " + many);
    Statistics.label("more rejected on several partitions").collect(many.size() > one.size());
    Statistics.label("rejected on one partition").collect(!one.isEmpty());
  }

  /**
   * Runs {@code recs} on {@code partitions} tasks and checks them against the oracle; returns the
   * inputs rejected (ticket, event id and time).
   */
  private static Set<String> run(List<Rec> recs, int partitions, boolean boundTimestamps) {
    long wall = System.currentTimeMillis(); // the extractor reads the wall clock too
    assertTrue(wall + AHEAD.toMillis() < BROKEN && wall > END.toEpochMilli(), "the test's dates");
    List<List<Rec>> parts = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      parts.add(new ArrayList<>());
    }
    for (Rec r : recs) {
      parts.get(partitionOf(r.value().ticketId(), partitions)).add(r);
    }
    SlaPolicySet set = SlaFixtures.policySet();
    Set<String> rejectedAll = new TreeSet<>();
    for (List<Rec> part : parts) {
      if (part.isEmpty()) {
        continue;
      }
      // The oracle on this partition, and the clocks of what it accepts.
      Map<String, SlaClock> model = new TreeMap<>();
      Set<String> rejected = new TreeSet<>();
      List<Long> piped = new ArrayList<>();
      long partitionTime = -1;
      int otherRejects = 0;
      for (Rec r : part) {
        // a broken stamp on a partition's first record would take the wall clock: kept sane
        long ts = r.broken() && partitionTime >= 0 ? BROKEN : r.timestamp();
        piped.add(ts);
        long extracted = boundTimestamps && ts > wall + AHEAD.toMillis() ? partitionTime : ts;
        partitionTime = Math.max(partitionTime, extracted);
        TicketEvent e =
            r.value() instanceof TicketEvent ev
                ? ev
                : ((EventCorrection) r.value()).replacement().orElseThrow();
        if (e.at().isAfter(Instant.ofEpochMilli(partitionTime).plus(SKEW))) {
          rejected.add(e.ticketId() + " " + e.id() + " " + e.at());
          continue;
        }
        SlaClock clock =
            model.computeIfAbsent(e.ticketId(), t -> SlaClock.of(set, SlaFixtures.CALENDARS, t));
        try {
          if (r.value() instanceof TicketEvent) {
            clock.accept(e);
          } else {
            clock.replace(e);
          }
        } catch (IllegalArgumentException idReused) { // an original redelivered after its edit
          otherRejects++;
        }
      }
      SlaClockTopology.Builder b =
          SlaClockTopologyTest.topology().deadLetterTopic("sla-rejected").maxEventSkew(SKEW);
      if (boundTimestamps) {
        b.maxTimestampAhead(AHEAD);
      }
      try (TopologyTestDriver d = SlaClockTopologyTest.driver(b.build())) {
        TestInputTopic<String, TicketInput> in =
            d.createInputTopic(
                "ticket-events",
                Serdes.String().serializer(),
                ServicekitSerdes.ticketInputs().serializer());
        for (int i = 0; i < part.size(); i++) {
          in.pipeInput(part.get(i).value().ticketId(), part.get(i).value(), piped.get(i));
        }
        String what = partitions + " partitions, maxTimestampAhead " + boundTimestamps;
        assertEquals(
            (double) rejected.size() + otherRejects,
            SlaRetentionTopologyTest.metric(d, "rejected-records-total"),
            what
                + ": rejected "
                + rejected
                + ", dead-lettered "
                + d.createOutputTopic(
                        "sla-rejected",
                        Serdes.String().deserializer(),
                        Serdes.String().deserializer())
                    .readValuesToList());
        KeyValueStore<String, byte[]> store = SlaRetentionTopologyTest.clocks(d);
        for (Map.Entry<String, SlaClock> m : model.entrySet()) {
          byte[] stored = store.get(m.getKey());
          assertNotNull(stored, what + ": " + m.getKey());
          SlaClock kept =
              SlaClockTopology.clockOf(stored, set, SlaFixtures.CALENDARS).orElseThrow();
          assertEquals(
              SlaCorrectionsProperties.sorted(m.getValue().events()),
              SlaCorrectionsProperties.sorted(kept.events()),
              what + ": " + m.getKey() + "'s events");
          assertEquals(
              SlaCorrectionsProperties.evaluate(m.getValue(), END),
              SlaCorrectionsProperties.evaluate(kept, END),
              what + ": " + m.getKey());
        }
      }
      rejectedAll.addAll(rejected);
    }
    return rejectedAll;
  }

  /**
   * The events of {@link SlaEquivalenceTest#stream} (out of order, redelivered), each stamped with
   * its time, and after some of them a record for the same ticket stamped like it whose event lies
   * 0 to 3 times the skew ahead: a new reply, or a replacement of an earlier event moved there.
   * With {@code broken}, some of those records carry a broken producer's timestamp instead.
   */
  static List<Rec> records(long seed, boolean broken) {
    Random r = new Random(seed);
    List<TicketEvent> events = SlaEquivalenceTest.stream(r.nextLong(), 8);
    List<Rec> out = new ArrayList<>();
    Map<String, List<TicketEvent>> seen = new TreeMap<>();
    for (TicketEvent e : events) {
      out.add(new Rec(e, e.at().toEpochMilli(), false));
      List<TicketEvent> own = seen.computeIfAbsent(e.ticketId(), k -> new ArrayList<>());
      if (!own.contains(e)) {
        own.add(e);
      }
      if (r.nextInt(6) != 0) {
        continue;
      }
      long ahead = (long) (r.nextDouble() * 3 * SKEW.toMillis());
      Instant at = e.at().plusMillis(ahead);
      TicketInput in;
      TicketEvent target = own.get(r.nextInt(own.size()));
      if (r.nextBoolean() || target instanceof TicketEvent.Created) {
        in = TicketEvent.AgentReply.publicReply(e.ticketId(), e.ticketId() + "-a" + out.size(), at);
      } else {
        in =
            EventCorrection.replace(new TicketEvent.CustomerMessage(e.ticketId(), target.id(), at));
      }
      out.add(new Rec(in, e.at().toEpochMilli(), broken && r.nextInt(3) == 0));
    }
    return out;
  }

  static int partitionOf(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }
}
