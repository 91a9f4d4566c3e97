package dev.servicekit.integrations.kafka;

import static dev.servicekit.integrations.kafka.RejectedKpiRecordsProperties.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servicekit.integrations.kafka.RejectedKpiRecordsProperties.Contact;
import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.DurationResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * A record whose group is blank (empty, or only spaces, no-break ones included, and invisible
 * format characters: what a CRM sends for a missing field) is rejected as the in-process {@code
 * WindowedKpi} refuses it: counted, dead-lettered with kpi-core's message, and no window of it is
 * ever stored. Earlier builds kept it as one nameless group pooling every record without a group. A
 * store of such a build that holds a blank group's window still runs: the window is emitted once
 * when it closes, as it would have been, and deleted.
 */
class BlankKpiGroupTest {

  private static final String STORE = "servicekit-kpi-handle-time";

  @Provide
  Arbitrary<String> blanks() {
    return Arbitraries.of(' ', '\t', '\u00a0', '\u2007', '\u3000', '\u200b', '\ufeff')
        .list()
        .ofMaxSize(3)
        .map(l -> l.stream().map(String::valueOf).reduce("", String::concat));
  }

  /** The (group, start) of every window in the KPI's store. */
  private static List<String> storedGroups(TopologyTestDriver d) {
    KeyValueStore<Bytes, byte[]> store = d.getKeyValueStore(STORE);
    List<String> groups = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
      while (it.hasNext()) {
        byte[] k = it.next().key.get();
        if (k.length >= 16 && (k[0] & 0xff) != 0xff) { // not the meta entry (end Long.MAX_VALUE)
          groups.add(new String(k, 16, k.length - 16, StandardCharsets.UTF_8));
        }
      }
    }
    return groups;
  }

  @Property(tries = 20)
  void aBlankGroupIsDeadLetteredCountedAndStoresNothing(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 59) int position,
      @ForAll("blanks") String blank)
      throws Exception {
    List<String> clean =
        RejectedKpiRecordsProperties.texts(RejectedKpiRecordsProperties.stream(seed, 60));
    Contact near = Contact.parse(clean.get(position));
    String bad = new Contact(blank, near.at(), 1_000).text();
    List<String> dirty = new ArrayList<>(clean);
    dirty.add(position, bad);

    Map<String, DurationResult> expected;
    try (TopologyTestDriver d = RejectedKpiRecordsProperties.driver(false)) {
      expected = RejectedKpiRecordsProperties.run(d, clean);
    }
    try (TopologyTestDriver d = RejectedKpiRecordsProperties.driver(true)) {
      // fed up to the bad record only: no window of the blank group may be in the store
      var in =
          d.createInputTopic(
              "kpi-input", Serdes.String().serializer(), Serdes.String().serializer());
      for (String r : dirty.subList(0, position + 1)) {
        in.pipeInput("k", r, Contact.parse(r).at());
      }
      assertTrue(
          storedGroups(d).stream().noneMatch(g -> g.equals(blank)), () -> storedGroups(d) + "");
      assertEquals(1.0, RejectedKpiRecordsProperties.rejectedTotal(d, "kpi-handle-time"));
    }
    try (TopologyTestDriver d = RejectedKpiRecordsProperties.driver(true)) {
      assertEquals(expected, RejectedKpiRecordsProperties.run(d, dirty));
      assertEquals(1.0, RejectedKpiRecordsProperties.rejectedTotal(d, "kpi-handle-time"));
      List<TestRecord<String, byte[]>> dead =
          d.createOutputTopic(
                  "kpi-dead", Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
              .readRecordsToList();
      assertEquals(1, dead.size());
      JsonNode env = new ObjectMapper().readTree(dead.get(0).value());
      String error = env.get("error").asText();
      assertTrue(error.startsWith("IllegalArgumentException: group '"), error);
      assertTrue(
          error.endsWith(
              "' must not be blank (empty, or only spaces and invisible format characters)"),
          error);
    }
  }

  @Property(tries = 5)
  void aStoreOfAnEarlierBuildHoldingABlankGroupEmitsItOnceAtItsCloseAndDeletesIt(
      @ForAll("blanks") String blank) {
    try (TopologyTestDriver d = RejectedKpiRecordsProperties.driver(true)) {
      var in =
          d.createInputTopic(
              "kpi-input", Serdes.String().serializer(), Serdes.String().serializer());
      in.pipeInput("k", new Contact("a1", START.plusSeconds(60), 2_000).text(), START);
      // what an earlier build stored for a blank group: a1's window under the blank group's key
      KeyValueStore<Bytes, byte[]> store = d.getKeyValueStore(STORE);
      KeyValue<Bytes, byte[]> a1 = null;
      try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
        while (it.hasNext()) {
          KeyValue<Bytes, byte[]> kv = it.next();
          if (new String(kv.key.get(), 16, kv.key.get().length - 16, StandardCharsets.UTF_8)
              .equals("a1")) {
            a1 = kv;
          }
        }
      }
      assertNotNull(a1, "a1's window is stored");
      byte[] g = blank.getBytes(StandardCharsets.UTF_8);
      byte[] key = new byte[16 + g.length];
      System.arraycopy(a1.key.get(), 0, key, 0, 16);
      System.arraycopy(g, 0, key, 16, g.length);
      store.put(Bytes.wrap(key), a1.value);
      assertTrue(storedGroups(d).contains(blank));

      // a record of the blank group now is rejected, and leaves the old window as it was
      in.pipeInput("k", new Contact(blank, START.plusSeconds(120), 9_000).text(), START);
      assertEquals(1.0, RejectedKpiRecordsProperties.rejectedTotal(d, "kpi-handle-time"));

      in.pipeInput(
          "k", new Contact("a0", START.plusSeconds(86_400), 1).text(), START.plusSeconds(86_400));
      Map<String, DurationResult> windows = new java.util.TreeMap<>();
      d.createOutputTopic(
              "kpi-windows",
              Serdes.String().deserializer(),
              ServicekitSerdes.kpi(DurationAccumulator.class).deserializer())
          .readKeyValuesToList()
          .forEach(kv -> windows.put(kv.key, kv.value.result()));
      assertEquals(
          Map.of(
              "a1@" + START, new DurationResult(1, 2_000),
              blank + "@" + START, new DurationResult(1, 2_000)),
          windows);
      assertTrue(storedGroups(d).stream().noneMatch(s -> s.equals(blank)), storedGroups(d) + "");
      assertNull(store.get(Bytes.wrap(key)));
    }
  }
}
