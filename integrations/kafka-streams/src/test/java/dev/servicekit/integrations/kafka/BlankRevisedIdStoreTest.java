package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servicekit.integrations.kafka.ScalingOutExampleTest.Csat;
import dev.servicekit.integrations.kafka.internal.RevisedWindowState;
import dev.servicekit.kpi.KeyCodec;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingResult;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.kpi.RevisedValues;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * A store of an earlier build whose revised KPI window holds a {@link RevisedValues} snapshot with
 * a blank response id (kpi-core now refuses one as a key, in its snapshot readers too) used to
 * dead-letter every later record of that window, blaming the record, and then fail the task at the
 * punctuation that closed it, at every restart. The window now runs with the blank ids forgotten
 * and their values kept: it is fed and emitted at its close as the earlier build would have emitted
 * it, the forgotten ids are counted, and windows without blank ids behave as before.
 */
class BlankRevisedIdStoreTest {

  private static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");
  private static final String STORE = "servicekit-kpi-csat";
  private static final List<String> BLANKS =
      List.of("", " ", "\t", "\u00a0", "\u2007 ", "\u200b", "\ufeff\u3000");
  private static final RatingScale SCALE = RatingScale.csatFivePoint();

  /** A key the earlier build's {@code KeyCodec.strings()} stored as its text, blank or not. */
  private record Legacy(String text) {}

  private static final KeyCodec<Legacy> LEGACY = KeyCodec.of(Legacy::text, Legacy::new);

  private static final Serde<Csat> CSAT =
      Serdes.serdeFrom(
          (topic, v) ->
              String.join(
                      "\u0001",
                      v.team(),
                      v.responseId(),
                      v.answeredAt().toString(),
                      Long.toString(v.revision()),
                      Integer.toString(v.rating()))
                  .getBytes(StandardCharsets.UTF_8),
          (topic, b) -> {
            String[] f = new String(b, StandardCharsets.UTF_8).split("\u0001", -1);
            return new Csat(
                f[0], f[1], Instant.parse(f[2]), Long.parseLong(f[3]), Integer.parseInt(f[4]));
          });

  private static TopologyTestDriver driver() {
    var topology =
        WindowedKpiTopology.builder(
                CSAT,
                RatingAccumulator.class,
                () -> RatingAccumulator.create(SCALE),
                WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC))
            .name("csat")
            .groupBy(Csat::team, Csat::answeredAt)
            .revised(Csat::responseId, Csat::revision, Csat::rating)
            .deadLetterTopic("kpi-dead")
            .inMemoryStores(true)
            .build();
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "kpi-blank-revised");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return IsolatedTopologyTestDriver.open(topology.build(), p, NINE);
  }

  /**
   * What the earlier build held for red's 09:00 window: R-1 = 4 (revision 1), the blank id = 2
   * (revision 3), a second blank id removed (revision 2) when it is not the first, one stale
   * revision.
   */
  private static RevisedValues<Legacy, RatingAccumulator> legacyWindow(String blank, String other) {
    RevisedValues<Legacy, RatingAccumulator> rv =
        RevisedValues.create(RatingAccumulator.create(SCALE));
    rv.apply(new Legacy("R-1"), 1, 4);
    rv.apply(new Legacy(blank), 3, 2);
    rv.apply(new Legacy(blank), 2, 5); // stale
    if (!other.equals(blank)) {
      rv.apply(new Legacy(other), 1, 3);
      rv.remove(new Legacy(other), 2);
    }
    return rv;
  }

  /** The store key of {@code group}'s window, found among the stored ones. */
  private static Bytes keyOf(KeyValueStore<Bytes, byte[]> store, String group) {
    try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<Bytes, byte[]> kv = it.next();
        byte[] k = kv.key.get();
        if ((k[0] & 0xff) != 0xff
            && new String(k, 16, k.length - 16, StandardCharsets.UTF_8).equals(group)) {
          return kv.key;
        }
      }
    }
    return null;
  }

  private static double total(TopologyTestDriver d, String metric) {
    double total = 0;
    int found = 0;
    for (Map.Entry<MetricName, ? extends Metric> e : d.metrics().entrySet()) {
      MetricName m = e.getKey();
      if (m.name().equals(metric) && "kpi-csat".equals(m.tags().get("servicekit-id"))) {
        total += ((Number) e.getValue().metricValue()).doubleValue();
        found++;
      }
    }
    assertTrue(found > 0, "no " + metric + ": " + d.metrics().keySet());
    return total;
  }

  private static void send(TestInputTopic<String, Csat> in, Csat c) {
    in.pipeInput(c.team(), c, c.answeredAt());
  }

  private void restoreAndRun(String blank, boolean fedAfter) throws Exception {
    String other = BLANKS.get((BLANKS.indexOf(blank) + 1) % BLANKS.size());
    try (TopologyTestDriver d = driver()) {
      var in = d.createInputTopic("kpi-input", Serdes.String().serializer(), CSAT.serializer());
      send(in, new Csat("red", "R-1", NINE, 1, 4));
      send(in, new Csat("blue", "B-1", NINE.plusSeconds(5), 1, 3));
      // the store as the earlier build wrote it: red's window holding a blank id
      KeyValueStore<Bytes, byte[]> store = d.getKeyValueStore(STORE);
      Bytes red = keyOf(store, "red");
      assertNotNull(red, "red's window is stored");
      store.put(red, legacyWindow(blank, other).toBytes(LEGACY));
      byte[] blueBytes = store.get(keyOf(store, "blue"));

      RevisedValues<Legacy, RatingAccumulator> expected = legacyWindow(blank, other);
      long rejected = 0;
      if (fedAfter) {
        send(in, new Csat("red", "R-1", NINE.plusSeconds(60), 2, 5));
        expected.apply(new Legacy("R-1"), 2, 5);
        send(in, new Csat("red", "R-2", NINE.plusSeconds(61), 1, 1));
        expected.apply(new Legacy("R-2"), 1, 1);
        send(in, new Csat("red", "R-2", NINE.plusSeconds(62), 0, 3)); // stale
        expected.apply(new Legacy("R-2"), 0, 3);
        send(in, new Csat("red", blank, NINE.plusSeconds(63), 4, 5)); // a blank id: rejected
        rejected = 1;
        // migrated in the store once: a plain read finds no blank id
        RevisedValues.fromBytes(store.get(red), RatingAccumulator.class, KeyCodec.strings());
      }
      // a record two hours on closes the 09:00 windows
      send(in, new Csat("green", "G-1", NINE.plusSeconds(7_200), 1, 5));
      Map<String, RatingAccumulator> windows = new TreeMap<>();
      d.createOutputTopic(
              "kpi-windows",
              Serdes.String().deserializer(),
              ServicekitSerdes.kpi(RatingAccumulator.class).deserializer())
          .readKeyValuesToList()
          .forEach(kv -> assertEquals(null, windows.put(kv.key, kv.value), "emitted twice"));
      assertEquals(List.of("blue@" + NINE, "red@" + NINE), List.copyOf(windows.keySet()));
      RatingResult want = expected.target().result();
      assertEquals(want, windows.get("red@" + NINE).result(), blank);
      assertTrue(want.count() >= 2, "the blank id's value is in the window");
      assertEquals(
          RevisedValues.fromBytes(blueBytes, RatingAccumulator.class, KeyCodec.strings())
              .target()
              .result(),
          windows.get("blue@" + NINE).result());

      assertEquals(other.equals(blank) ? 1.0 : 2.0, total(d, "forgotten-blank-ids-total"));
      assertEquals((double) rejected, total(d, "rejected-records-total"));
      List<TestRecord<String, byte[]>> dead =
          d.createOutputTopic(
                  "kpi-dead", Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
              .readRecordsToList();
      assertEquals(rejected, dead.size());
      if (fedAfter) {
        String error = new ObjectMapper().readTree(dead.get(0).value()).get("error").asText();
        assertTrue(error.contains("must not be blank"), error);
      }
      assertEquals(null, keyOf(store, "red"), "emitted and deleted");
      assertEquals(null, keyOf(store, "blue"), "emitted and deleted");
    }
  }

  @Test
  void aWindowHoldingBlankIdsIsFedAndEmittedAsTheEarlierBuildWould() throws Exception {
    for (String blank : BLANKS) {
      restoreAndRun(blank, true);
    }
  }

  @Test
  void aWindowHoldingBlankIdsIsEmittedAtThePunctuationThatClosesIt() throws Exception {
    for (String blank : BLANKS) {
      restoreAndRun(blank, false);
    }
  }

  @Test
  void aCorruptedWindowIsStillRefusedWithTheReadersMessage() {
    byte[] legacy = legacyWindow(" ", "").toBytes(LEGACY);
    for (int i = 0; i < legacy.length; i++) {
      byte[] corrupt = legacy.clone();
      corrupt[i] ^= 0x5a;
      IllegalArgumentException direct =
          assertThrows(
              IllegalArgumentException.class,
              () -> RevisedValues.fromBytes(corrupt, RatingAccumulator.class, KeyCodec.strings()));
      IllegalArgumentException viaStore =
          assertThrows(
              IllegalArgumentException.class,
              () -> RevisedWindowState.read(corrupt, RatingAccumulator.class),
              "byte " + i);
      assertEquals(direct.getMessage(), viaStore.getMessage(), "byte " + i);
    }
  }
}
