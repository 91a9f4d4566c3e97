package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketEventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Bad records on the SLA topology are skipped and counted: every ticket's transitions equal those
 * of the stream without them, each bad record is on the dead-letter topic with its original bytes
 * and the error, and the {@code rejected-records-total} metric counts it.
 */
class RejectedSlaEventsProperties {

  /** A raw record: key, value text, timestamp. */
  record Raw(String key, String value, Instant at) {}

  static Raw raw(TicketEvent e) {
    return new Raw(e.ticketId(), TicketEventJson.write(e), e.at());
  }

  static TopologyTestDriver driver() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "sla-rejects");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return IsolatedTopologyTestDriver.open(
        SlaClockTopologyTest.topology()
            .inMemoryStores(true)
            .deadLetterTopic("sla-dead")
            .build()
            .build(),
        p,
        SlaEquivalenceTest.START);
  }

  /** Every ticket's transitions, in emission order, after a final record fires every timer. */
  static Map<String, List<String>> run(TopologyTestDriver d, List<Raw> records) {
    TestInputTopic<String, String> in =
        d.createInputTopic(
            "ticket-events", Serdes.String().serializer(), Serdes.String().serializer());
    for (Raw r : records) {
      in.pipeInput(r.key(), r.value(), r.at());
    }
    Instant end = SlaEquivalenceTest.START.plus(Duration.ofDays(6));
    Raw tick = raw(new TicketEvent.Created("zz", "zz", end, Map.of(), Set.of(), false));
    in.pipeInput(tick.key(), tick.value(), end);
    Map<String, List<String>> out = new TreeMap<>();
    for (SlaTransition t : SlaClockTopologyTest.out(d).readValuesToList()) {
      out.computeIfAbsent(t.ticketId(), k -> new ArrayList<>()).add(t.toJson());
    }
    return out;
  }

  static List<Raw> clean(long seed) {
    List<Raw> out = new ArrayList<>();
    SlaEquivalenceTest.stream(seed, 25).forEach(e -> out.add(raw(e)));
    return out;
  }

  static List<TestRecord<String, byte[]>> deadLetters(TopologyTestDriver d) {
    return d.createOutputTopic(
            "sla-dead", Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
        .readRecordsToList();
  }

  @Property(tries = 5)
  void anEventTheClockRejectsLeavesEveryTicketsTransitionsAsWithoutIt(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int position) throws Exception {
    List<Raw> clean = clean(seed);
    Raw before = clean.get(position - 1);
    // An unknown status for an existing ticket, stamped like its predecessor (no stream-time move).
    Raw bad =
        raw(
            new TicketEvent.StatusChanged(
                clean.get(position).key(), "bad-1", before.at(), "no-such-status"));
    List<Raw> dirty = new ArrayList<>(clean);
    dirty.add(position, bad);

    Map<String, List<String>> expected;
    try (TopologyTestDriver d = driver()) {
      expected = run(d, clean);
      assertEquals(0.0, RejectedKpiRecordsProperties.rejectedTotal(d, "sla-clocks"));
      assertEquals(List.of(), deadLetters(d));
    }
    assertTrue(expected.size() > 20, "tickets: " + expected.size());
    try (TopologyTestDriver d = driver()) {
      assertEquals(expected, run(d, dirty));
      assertEquals(1.0, RejectedKpiRecordsProperties.rejectedTotal(d, "sla-clocks"));
      List<TestRecord<String, byte[]>> dead = deadLetters(d);
      assertEquals(1, dead.size());
      assertEquals(bad.key(), dead.get(0).key());
      JsonNode env = new ObjectMapper().readTree(dead.get(0).value());
      assertEquals(
          bad.value(),
          new String(
              Base64.getDecoder().decode(env.get("value").asText()), StandardCharsets.UTF_8));
      assertTrue(env.get("error").asText().contains("no-such-status"), env.toString());
    }
  }

  @Example
  void undecodableJsonAndAKeyOtherThanTheTicketAreRejectedToo() throws Exception {
    List<Raw> clean = clean(5L);
    List<Raw> dirty = new ArrayList<>(clean);
    Instant at = clean.get(99).at();
    dirty.add(100, new Raw("T-1", "{\"type\":\"created\",", at));
    dirty.add(200, new Raw("T-9", raw(wrongKey(at)).value(), at));
    Map<String, List<String>> expected;
    try (TopologyTestDriver d = driver()) {
      expected = run(d, clean);
    }
    try (TopologyTestDriver d = driver()) {
      assertEquals(expected, run(d, dirty));
      assertEquals(2.0, RejectedKpiRecordsProperties.rejectedTotal(d, "sla-clocks"));
      List<TestRecord<String, byte[]>> dead = deadLetters(d);
      assertEquals(List.of("T-1", "T-9"), dead.stream().map(TestRecord::key).toList());
      String undecodable = new ObjectMapper().readTree(dead.get(0).value()).get("error").asText();
      assertTrue(undecodable.contains("line 1"), undecodable);
      String wrongKey = new ObjectMapper().readTree(dead.get(1).value()).get("error").asText();
      assertTrue(wrongKey.contains("record key \"T-9\""), wrongKey);
      assertArrayEquals(
          dirty.get(200).value().getBytes(StandardCharsets.UTF_8),
          Base64.getDecoder()
              .decode(new ObjectMapper().readTree(dead.get(1).value()).get("value").asText()));
    }
  }

  @Example
  void aTombstoneIsSkippedAndCountedApartNotDeadLetteredAndANullKeyIsNoFault() throws Exception {
    List<Raw> clean = clean(9L);
    List<Raw> dirty = new ArrayList<>();
    for (int i = 0; i < clean.size(); i++) {
      Raw r = clean.get(i);
      dirty.add(i % 3 == 0 ? new Raw(null, r.value(), r.at()) : r); // no key: the event says
      if (i == 50 || i == 150) {
        dirty.add(new Raw(r.key(), null, r.at())); // a delete marker, not bad data
      }
    }
    dirty.add(60, new Raw("T-1", "{\"type\":\"created\",", clean.get(59).at())); // bad data
    Map<String, List<String>> expected;
    try (TopologyTestDriver d = driver()) {
      expected = run(d, clean);
      assertEquals(0.0, RejectedKpiRecordsProperties.tombstonesTotal(d, "sla-clocks"));
    }
    try (TopologyTestDriver d = driver()) {
      assertEquals(expected, run(d, dirty));
      assertEquals(2.0, RejectedKpiRecordsProperties.tombstonesTotal(d, "sla-clocks"));
      assertEquals(1.0, RejectedKpiRecordsProperties.rejectedTotal(d, "sla-clocks"));
      List<TestRecord<String, byte[]>> dead = deadLetters(d);
      assertEquals(List.of("T-1"), dead.stream().map(TestRecord::key).toList()); // only bad data
    }
  }

  private static TicketEvent wrongKey(Instant at) {
    return new TicketEvent.CustomerMessage("T-3", "wrong-key", at);
  }
}
