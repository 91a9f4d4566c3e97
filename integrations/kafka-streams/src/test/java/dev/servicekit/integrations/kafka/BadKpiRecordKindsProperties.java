package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.DurationResult;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.kpi.RevisedValues;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import dev.servicekit.kpi.WindowedKpi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
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
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Every kind of bad KPI record, mixed at random into a good stream: the task never fails (a {@code
 * StreamsException} would end the property), the windows equal those of in-process {@link
 * WindowedKpi} over the good records alone, and each bad record is dead-lettered and counted in
 * {@code rejected-records-total} exactly once. A tombstone is no bad record: it is counted in
 * {@code skipped-tombstones-total} only, never dead-lettered. A null record key is no fault (the
 * topology groups by the value's group).
 */
class BadKpiRecordKindsProperties {

  private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
  private static final WindowSpec BERLIN_HOURS =
      WindowSpec.of(WindowUnit.HOUR, ZoneId.of("Europe/Berlin"));

  /** What is wrong with a record. */
  enum Kind {
    GOOD,
    GOOD_WITHOUT_KEY,
    TOMBSTONE,
    UNDECODABLE,
    DECODES_TO_NULL,
    NULL_GROUP,
    /** Empty, spaces or a no-break space: a missing field, refused as kpi-core refuses it. */
    BLANK_GROUP,
    GROUP_WITH_UNPAIRED_SURROGATE,
    NULL_TIME,
    TIME_OUT_OF_RANGE,
    NEGATIVE_DURATION,
    NULL_DURATION,
    /** The caller's grouping throws (a lookup that fails): rejected as Flink's windows do. */
    GROUP_THROWS
  }

  /**
   * A contact as text {@code agent|instant|handleMillis}. The codec can carry what a real one might
   * produce from bad data: {@code ~null} is a null agent, {@code ~lone} the agent {@code "a\uD800"}
   * (an unpaired surrogate, which plain UTF-8 text cannot carry), {@code null} a null time or
   * duration, and the text {@code NULL} decodes to a null contact.
   */
  record Contact(String agent, Instant at, Long handleMillis) {
    static Contact parse(String s) {
      if (s.equals("NULL")) {
        return null;
      }
      String[] f = s.split("\\|", -1);
      if (f.length != 3) {
        throw new IllegalArgumentException("contact must have 3 fields, was " + f.length);
      }
      String agent =
          switch (f[0]) {
            case "~null" -> null;
            case "~lone" -> "a\uD800";
            default -> f[0];
          };
      return new Contact(
          agent,
          f[1].equals("null") ? null : Instant.parse(f[1]),
          f[2].equals("null") ? null : Long.valueOf(f[2]));
    }
  }

  private static final Serde<Contact> CONTACTS =
      Serdes.serdeFrom(
          (t, c) -> {
            throw new UnsupportedOperationException("the test pipes text");
          },
          (t, b) -> Contact.parse(new String(b, StandardCharsets.UTF_8)));

  private static TopologyTestDriver driver() {
    WindowedKpiTopology.Builder<Contact, DurationAccumulator> b =
        WindowedKpiTopology.builder(
                CONTACTS, DurationAccumulator.class, DurationAccumulator::create, BERLIN_HOURS)
            .name("aht")
            .groupBy(BadKpiRecordKindsProperties::team, Contact::at)
            .record((acc, c) -> acc.addMillis(c.handleMillis())) // null: NullPointerException
            .deadLetterTopic("kpi-dead")
            .inMemoryStores(true);
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "kpi-bad-kinds");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return IsolatedTopologyTestDriver.open(b.build().build(), p, START);
  }

  /** The group: the agent, except that agent {@code boom}'s team lookup fails. */
  private static String team(Contact c) {
    if ("boom".equals(c.agent())) {
      throw new IllegalStateException("no team for agent boom"); // failed the task before
    }
    return c.agent();
  }

  /** One input record: key, value text (null: a tombstone), timestamp, kind. */
  record Raw(String key, String value, Instant ts, Kind kind) {}

  /**
   * Good contacts in event-time order (none late); a bad record is stamped with the latest time so
   * far, so it cannot move stream time.
   */
  private static List<Raw> mix(long seed, int n) {
    Random r = new Random(seed);
    Kind[] kinds = Kind.values();
    List<Raw> out = new ArrayList<>();
    Instant t = START;
    for (int i = 0; i < n; i++) {
      Kind k =
          i < kinds.length
              ? kinds[i]
              : r.nextInt(3) == 0 ? kinds[r.nextInt(kinds.length)] : Kind.GOOD;
      String agent = "a" + r.nextInt(5);
      String value =
          switch (k) {
            case GOOD, GOOD_WITHOUT_KEY -> {
              t = t.plusSeconds(r.nextInt(1_200));
              yield agent + "|" + t + "|" + (1 + r.nextInt(600_000));
            }
            case TOMBSTONE -> null;
            case UNDECODABLE -> "no|contact";
            case DECODES_TO_NULL -> "NULL";
            case NULL_GROUP -> "~null|" + t + "|1000";
            case BLANK_GROUP -> List.of("", "  ", "\u00a0").get(r.nextInt(3)) + "|" + t + "|1000";
            case GROUP_WITH_UNPAIRED_SURROGATE -> "~lone|" + t + "|1000";
            case NULL_TIME -> agent + "|null|1000";
            case TIME_OUT_OF_RANGE ->
                agent + "|" + (r.nextBoolean() ? Instant.MAX : Instant.MIN) + "|1000";
            case NEGATIVE_DURATION -> agent + "|" + t + "|-" + (1 + r.nextInt(1_000));
            case NULL_DURATION -> agent + "|" + t + "|null";
            case GROUP_THROWS -> "boom|" + t + "|1000";
          };
      out.add(new Raw(k == Kind.GOOD_WITHOUT_KEY ? null : "k" + i, value, t, k));
    }
    return out;
  }

  private static boolean good(Raw r) {
    return r.kind() == Kind.GOOD || r.kind() == Kind.GOOD_WITHOUT_KEY;
  }

  @Property(tries = 20)
  void everyKindOfBadRecordIsDeadLetteredAndCountedOnceAndTheWindowsAreTheInProcessOnes(
      @ForAll long seed, @ForAll @IntRange(min = 13, max = 300) int n) throws Exception {
    List<Raw> input = mix(seed, n);

    WindowedKpi<String, DurationAccumulator> oracle =
        WindowedKpi.create(DurationAccumulator::create, BERLIN_HOURS, Duration.ZERO);
    for (Raw r : input) {
      if (good(r)) {
        Contact c = Contact.parse(r.value());
        assertTrue(oracle.record(c.agent(), c.at(), acc -> acc.addMillis(c.handleMillis())));
      }
    }
    Instant closeAll = input.get(input.size() - 1).ts().plus(Duration.ofDays(1));
    Map<String, DurationResult> expected = new TreeMap<>();
    for (String g : oracle.groups()) {
      oracle.windows(g).forEach((start, acc) -> expected.put(g + "@" + start, acc.result()));
    }
    assertTrue(!expected.isEmpty(), "no window");
    List<Raw> bad = input.stream().filter(r -> !good(r) && r.kind() != Kind.TOMBSTONE).toList();
    long tombstones = input.stream().filter(r -> r.kind() == Kind.TOMBSTONE).count();

    try (TopologyTestDriver d = driver()) {
      TestInputTopic<String, String> in =
          d.createInputTopic(
              "kpi-input", Serdes.String().serializer(), Serdes.String().serializer());
      for (Raw r : input) {
        in.pipeInput(r.key(), r.value(), r.ts());
      }
      in.pipeInput("closer", "z|" + closeAll + "|1", closeAll); // closes every earlier window
      Map<String, DurationResult> got = new TreeMap<>();
      d.createOutputTopic(
              "kpi-windows",
              Serdes.String().deserializer(),
              ServicekitSerdes.kpi(DurationAccumulator.class).deserializer())
          .readKeyValuesToList()
          .forEach(kv -> assertEquals(null, got.put(kv.key, kv.value.result()), kv.key));
      assertEquals(expected, got);
      assertEquals(
          List.of(),
          d.createOutputTopic(
                  "kpi-late", Serdes.String().deserializer(), Serdes.String().deserializer())
              .readValuesToList());

      assertEquals(bad.size(), RejectedKpiRecordsProperties.rejectedTotal(d, "kpi-aht"));
      assertEquals(tombstones, RejectedKpiRecordsProperties.tombstonesTotal(d, "kpi-aht"));
      List<TestRecord<String, byte[]>> dead =
          d.createOutputTopic(
                  "kpi-dead", Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
              .readRecordsToList();
      assertEquals(bad.size(), dead.size());
      for (int i = 0; i < bad.size(); i++) {
        Raw b = bad.get(i);
        assertEquals(b.key(), dead.get(i).key(), b.kind().toString());
        JsonNode env = new ObjectMapper().readTree(dead.get(i).value());
        assertTrue(env.get("error").asText().length() > 10, env.toString());
        assertArrayEquals(
            b.value().getBytes(StandardCharsets.UTF_8),
            Base64.getDecoder().decode(env.get("value").asText()),
            b.kind().toString());
      }
    }
  }

  /** A survey answer as text {@code agent|instant|response|revision|rating}. */
  record Survey(String agent, Instant at, String response, long revision, int rating) {
    static Survey parse(String s) {
      String[] f = s.split("\\|", -1);
      String response =
          switch (f[2]) {
            case "~null" -> null;
            case "~lone" -> "r\uDC00";
            default -> f[2];
          };
      return new Survey(
          f[0], Instant.parse(f[1]), response, Long.parseLong(f[3]), Integer.parseInt(f[4]));
    }
  }

  @Example
  void aRevisedRecordWithoutAStorableResponseKeyOrOffTheScaleIsDeadLetteredAndCounted()
      throws Exception {
    Serde<Survey> surveys =
        Serdes.serdeFrom(
            (t, c) -> {
              throw new UnsupportedOperationException("the test pipes text");
            },
            (t, b) -> Survey.parse(new String(b, StandardCharsets.UTF_8)));
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "kpi-bad-revised");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    WindowedKpiTopology<Survey, RatingAccumulator> topology =
        WindowedKpiTopology.builder(
                surveys,
                RatingAccumulator.class,
                () -> RatingAccumulator.create(RatingScale.csatFivePoint()),
                BERLIN_HOURS)
            .name("csat")
            .groupBy(Survey::agent, Survey::at)
            .revised(Survey::response, Survey::revision, Survey::rating)
            .deadLetterTopic("kpi-dead")
            .inMemoryStores(true)
            .build();
    Instant t = START.plusSeconds(60);
    List<String> bad =
        List.of(
            "a1|" + t + "|~null|1|5", // a null response key: NullPointerException in RevisedValues
            "a1|" + t + "|~lone|1|5", // its snapshot cannot store it
            "a1|" + t + "|r9|1|9"); // off the scale
    try (TopologyTestDriver d = IsolatedTopologyTestDriver.open(topology.build(), p, START)) {
      TestInputTopic<String, String> in =
          d.createInputTopic(
              "kpi-input", Serdes.String().serializer(), Serdes.String().serializer());
      in.pipeInput("k", "a1|" + t + "|r1|1|4", t);
      for (String b : bad) {
        in.pipeInput("k", b, t);
      }
      in.pipeInput("k", "a1|" + t + "|r1|2|2", t); // revises r1
      in.pipeInput("k", "a1|" + t + "|r2|1|5", t);
      Instant closeAll = t.plus(Duration.ofDays(1));
      in.pipeInput("k", "z|" + closeAll + "|z|1|1", closeAll);
      Map<String, RatingAccumulator> got = new TreeMap<>();
      d.createOutputTopic(
              "kpi-windows",
              Serdes.String().deserializer(),
              ServicekitSerdes.kpi(RatingAccumulator.class).deserializer())
          .readKeyValuesToList()
          .forEach(kv -> got.put(kv.key, kv.value));
      RevisedValues<String, RatingAccumulator> expected =
          RevisedValues.create(RatingAccumulator.create(RatingScale.csatFivePoint()));
      expected.apply("r1", 1, 4);
      expected.apply("r1", 2, 2);
      expected.apply("r2", 1, 5);
      assertEquals(
          Map.of("a1@" + BERLIN_HOURS.start(t), expected.target().result()),
          Map.of(got.keySet().iterator().next(), got.values().iterator().next().result()));
      assertEquals(1, got.size());
      assertEquals(3.0, RejectedKpiRecordsProperties.rejectedTotal(d, "kpi-csat"));
      List<TestRecord<String, byte[]>> dead =
          d.createOutputTopic(
                  "kpi-dead", Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
              .readRecordsToList();
      assertEquals(3, dead.size());
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(
            bad.get(i).getBytes(StandardCharsets.UTF_8),
            Base64.getDecoder()
                .decode(new ObjectMapper().readTree(dead.get(i).value()).get("value").asText()));
      }
    }
  }
}
