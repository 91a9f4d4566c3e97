package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.DurationResult;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Bad records on the KPI topology are skipped and counted: the windows equal those of the stream
 * without them, each is on the dead-letter topic with its original bytes and the error, and the
 * {@code rejected-records-total} metric counts it.
 */
class RejectedKpiRecordsProperties {

  static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
  static final WindowSpec HOURLY = WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC);

  /** A contact as text {@code agent,epochMillis,handleMillis}; anything else does not decode. */
  record Contact(String agent, Instant at, long handleMillis) {
    String text() {
      return agent + "," + at.toEpochMilli() + "," + handleMillis;
    }

    static Contact parse(String s) {
      String[] f = s.split(",", -1);
      if (f.length != 3) {
        throw new IllegalArgumentException("contact must have 3 fields, was " + f.length);
      }
      return new Contact(f[0], Instant.ofEpochMilli(Long.parseLong(f[1])), Long.parseLong(f[2]));
    }
  }

  static final Serde<Contact> CONTACTS =
      Serdes.serdeFrom(
          (t, c) -> c.text().getBytes(StandardCharsets.UTF_8),
          (t, b) -> Contact.parse(new String(b, StandardCharsets.UTF_8)));

  static TopologyTestDriver driver(boolean deadLetter) {
    WindowedKpiTopology.Builder<Contact, DurationAccumulator> b =
        WindowedKpiTopology.builder(
                CONTACTS, DurationAccumulator.class, DurationAccumulator::create, HOURLY)
            .name("handle-time")
            .groupBy(Contact::agent, Contact::at)
            .record((acc, c) -> acc.addMillis(c.handleMillis()))
            .allowedLateness(Duration.ofMinutes(10))
            .inMemoryStores(true);
    if (deadLetter) {
      b.deadLetterTopic("kpi-dead");
    }
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "kpi-rejects");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return IsolatedTopologyTestDriver.open(b.build().build(), p, START);
  }

  /** Slightly out-of-order contacts over about five hours. */
  static List<Contact> stream(long seed, int n) {
    Random r = new Random(seed);
    List<Contact> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long t = i * 5L * 3_600_000 / n + r.nextInt(300_000);
      out.add(new Contact("a" + r.nextInt(4), START.plusMillis(t), r.nextInt(600_000)));
    }
    return out;
  }

  /** Pipes the records (raw text, as a producer would) and a final one that closes every window. */
  static Map<String, DurationResult> run(TopologyTestDriver d, List<String> records) {
    TestInputTopic<String, String> in =
        d.createInputTopic("kpi-input", Serdes.String().serializer(), Serdes.String().serializer());
    for (String r : records) {
      Instant at = START;
      try {
        at = Contact.parse(r).at();
      } catch (RuntimeException notAContact) {
        // keep START: an undecodable record still has a timestamp of its own
      }
      in.pipeInput("k", r, at);
    }
    in.pipeInput(
        "k", new Contact("a0", START.plusSeconds(86_400), 1).text(), START.plusSeconds(86_400));
    TestOutputTopic<String, DurationAccumulator> out =
        d.createOutputTopic(
            "kpi-windows",
            Serdes.String().deserializer(),
            ServicekitSerdes.kpi(DurationAccumulator.class).deserializer());
    Map<String, DurationResult> windows = new TreeMap<>();
    out.readKeyValuesToList().forEach(kv -> windows.put(kv.key, kv.value.result()));
    return windows;
  }

  static double rejectedTotal(TopologyTestDriver d, String id) {
    return total(d, "rejected-records-total", id);
  }

  static double tombstonesTotal(TopologyTestDriver d, String id) {
    return total(d, "skipped-tombstones-total", id);
  }

  private static double total(TopologyTestDriver d, String metric, String id) {
    double total = 0;
    int found = 0;
    for (Map.Entry<MetricName, ? extends Metric> e : d.metrics().entrySet()) {
      MetricName m = e.getKey();
      if (m.name().equals(metric)
          && m.group().equals("stream-servicekit-metrics")
          && id.equals(m.tags().get("servicekit-id"))) {
        total += ((Number) e.getValue().metricValue()).doubleValue();
        found++;
      }
    }
    assertTrue(found > 0, "no " + metric + " metric for " + id + ": " + d.metrics().keySet());
    return total;
  }

  static List<String> texts(List<Contact> cs) {
    List<String> out = new ArrayList<>();
    cs.forEach(c -> out.add(c.text()));
    return out;
  }

  @Property(tries = 6)
  void aRejectedRecordInTheMiddleLeavesTheWindowsAsWithoutIt(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 98) int position) throws Exception {
    List<String> clean = texts(stream(seed, 100));
    Contact near = Contact.parse(clean.get(position));
    String bad = new Contact(near.agent(), near.at(), -5).text(); // a negative handle time
    List<String> dirty = new ArrayList<>(clean);
    dirty.add(position, bad);

    Map<String, DurationResult> expected;
    try (TopologyTestDriver d = driver(false)) {
      expected = run(d, clean);
      assertEquals(0.0, rejectedTotal(d, "kpi-handle-time"));
    }
    try (TopologyTestDriver d = driver(true)) {
      assertEquals(expected, run(d, dirty));
      assertEquals(1.0, rejectedTotal(d, "kpi-handle-time"));
      List<TestRecord<String, byte[]>> dead =
          d.createOutputTopic(
                  "kpi-dead", Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
              .readRecordsToList();
      assertEquals(1, dead.size());
      assertEquals("k", dead.get(0).key());
      assertEquals(near.at().toEpochMilli(), dead.get(0).timestamp());
      JsonNode env = new ObjectMapper().readTree(dead.get(0).value());
      assertArrayEquals(
          bad.getBytes(StandardCharsets.UTF_8),
          Base64.getDecoder().decode(env.get("value").asText()));
      assertFalse(env.get("valueTruncated").asBoolean());
      assertEquals("kpi-input", env.get("topic").asText());
      assertTrue(
          env.get("error").asText().startsWith("IllegalArgumentException: duration -5 ms"),
          env.toString());
    }
  }

  @Example
  void undecodableRecordsAreCountedWithoutADeadLetterTopicAndFailNothing() {
    List<String> clean = texts(stream(7L, 60));
    List<String> dirty = new ArrayList<>(clean);
    dirty.add(20, "not,a-contact");
    dirty.add(40, "only-one-field");
    Map<String, DurationResult> expected;
    try (TopologyTestDriver d = driver(false)) {
      expected = run(d, clean);
    }
    try (TopologyTestDriver d = driver(false)) {
      assertEquals(expected, run(d, dirty));
      assertEquals(2.0, rejectedTotal(d, "kpi-handle-time"));
    }
  }

  @Example
  void theDeadLetterEnvelopeIsBounded() throws Exception {
    String huge = "x".repeat(100_000); // one field: undecodable, and a long value
    try (TopologyTestDriver d = driver(true)) {
      run(d, List.of(huge));
      byte[] v =
          d.createOutputTopic(
                  "kpi-dead", Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
              .readValue();
      JsonNode env = new ObjectMapper().readTree(v);
      assertEquals(100_000, env.get("valueBytes").asInt());
      assertTrue(env.get("valueTruncated").asBoolean());
      assertEquals(64 * 1024, Base64.getDecoder().decode(env.get("value").asText()).length);
      assertTrue(env.get("error").asText().length() <= 500, env.get("error").asText());
      assertTrue(v.length < 100_000, "envelope bytes: " + v.length);
    }
  }

  @Example
  void aDeadLetterKeepsAtMost64KiBOfAKeyAndSaysHowLongItWas() throws Exception {
    // a 2 MB key copied whole would pass a topic's default message size (1 MB) and fail the task
    // with every restart (a stream user's review)
    String longKey = "\u00e9".repeat(40_000) + "k"; // 80,001 UTF-8 bytes, cut inside an é
    try (TopologyTestDriver d = driver(true)) {
      TestInputTopic<String, String> in =
          d.createInputTopic(
              "kpi-input", Serdes.String().serializer(), Serdes.String().serializer());
      in.pipeInput(longKey, "not|a|contact|at|all", START);
      in.pipeInput("short", "not|a|contact|at|all", START);
      List<TestRecord<byte[], byte[]>> dead =
          d.createOutputTopic(
                  "kpi-dead", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer())
              .readRecordsToList();
      assertEquals(2, dead.size());
      byte[] original = longKey.getBytes(StandardCharsets.UTF_8);
      assertArrayEquals(Arrays.copyOf(original, 64 * 1024), dead.get(0).key());
      JsonNode env = new ObjectMapper().readTree(dead.get(0).value());
      assertEquals(original.length, env.get("keyBytes").asInt());
      assertTrue(env.get("keyTruncated").asBoolean());
      assertArrayEquals("short".getBytes(StandardCharsets.UTF_8), dead.get(1).key());
      JsonNode shortEnv = new ObjectMapper().readTree(dead.get(1).value());
      assertTrue(shortEnv.get("keyBytes") == null && shortEnv.get("keyTruncated") == null);
    }
  }
}
