package dev.servicekit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.integrations.flink.FlinkKpiWindows;
import dev.servicekit.integrations.flink.KpiWindow;
import dev.servicekit.integrations.flink.ServicekitTypes;
import dev.servicekit.integrations.kafka.ServicekitSerdes;
import dev.servicekit.integrations.kafka.WindowedKpiTopology;
import dev.servicekit.kpi.KpiSnapshots;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import dev.servicekit.kpi.WindowedKpi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.OutputTag;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin KPI on both engines: {@link FirstContactResolutionByHour} is not built into kpi-core;
 * its snapshot codec is registered as a {@code SnapshotCodec} service provider ({@code
 * META-INF/services}), and the engines store and ship it through that codec alone (Kafka state
 * store bytes and the window serde, Flink's TypeSerializer). Both give, per team and day, exactly
 * the in-process {@link WindowedKpi}.
 */
class PluginKpiOnEnginesTest {

  static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
  static final WindowSpec DAILY = WindowSpec.of(WindowUnit.DAY, ZoneOffset.UTC);
  static final Duration LATENESS = Duration.ofHours(1);

  static List<FcrContact> contacts;
  static Map<String, FirstContactResolutionByHour.Rates> expected;
  static long expectedLate;

  @BeforeAll
  static void generate() {
    Random r = new Random(7);
    contacts = new ArrayList<>();
    Instant t = START;
    for (int i = 0; i < 5_000; i++) {
      t = t.plusMillis(r.nextInt(240_000));
      // Mostly in order; every 50th contact arrives two hours late (after its day may have closed).
      Instant at = i % 50 == 0 ? t.minus(Duration.ofHours(2)) : t;
      contacts.add(new FcrContact("team-" + r.nextInt(4), at, r.nextInt(10) < 7));
    }
    WindowedKpi<String, FirstContactResolutionByHour> inProcess =
        WindowedKpi.create(FirstContactResolutionByHour::create, DAILY, LATENESS);
    for (FcrContact c : contacts) {
      inProcess.record(c.team(), c.at(), acc -> acc.add(c.hourOfDay(), c.resolved()));
    }
    expectedLate = inProcess.droppedLate();
    expected = new HashMap<>();
    for (String g : inProcess.groups()) {
      inProcess.windows(g).forEach((start, acc) -> expected.put(g + "@" + start, acc.result()));
    }
    assertTrue(expected.size() >= 4 * 6, "windows: " + expected.size());
    assertTrue(expectedLate > 0, "some contacts are late");
  }

  @Test
  void thePluginCodecIsFoundThroughTheServiceLoader() {
    FirstContactResolutionByHour a = FirstContactResolutionByHour.create();
    a.add(9, true);
    byte[] bytes = KpiSnapshots.toBytes(a);
    assertEquals(
        a.result(), KpiSnapshots.fromBytes(bytes, FirstContactResolutionByHour.class).result());
  }

  static final Serde<FcrContact> CONTACTS =
      Serdes.serdeFrom(
          (topic, c) ->
              (c.team() + "," + c.at().toEpochMilli() + "," + c.resolved())
                  .getBytes(StandardCharsets.UTF_8),
          (topic, b) -> {
            String[] f = new String(b, StandardCharsets.UTF_8).split(",");
            return new FcrContact(
                f[0], Instant.ofEpochMilli(Long.parseLong(f[1])), Boolean.parseBoolean(f[2]));
          });

  @Test
  void kafkaStreamsGivesTheInProcessWindows(@TempDir Path stateDir) {
    WindowedKpiTopology<FcrContact, FirstContactResolutionByHour> topology =
        WindowedKpiTopology.builder(
                CONTACTS,
                FirstContactResolutionByHour.class,
                FirstContactResolutionByHour::create,
                DAILY)
            .name("fcr")
            .groupBy(FcrContact::team, FcrContact::at)
            .record((acc, c) -> acc.add(c.hourOfDay(), c.resolved()))
            .allowedLateness(LATENESS)
            .inMemoryStores(true)
            .build();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fcr");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    // Not the machine-wide default ${java.io.tmpdir}/kafka-streams, which parallel builds share.
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    Map<String, FirstContactResolutionByHour.Rates> got = new HashMap<>();
    long late;
    try (TopologyTestDriver d = new TopologyTestDriver(topology.build(), props, START)) {
      TestInputTopic<String, FcrContact> in =
          d.createInputTopic("kpi-input", Serdes.String().serializer(), CONTACTS.serializer());
      for (FcrContact c : contacts) {
        in.pipeInput(c.team(), c, c.at());
      }
      Instant end = START.plus(Duration.ofDays(60));
      in.pipeInput("tick", new FcrContact("tick", end, true), end); // closes every window
      d.createOutputTopic(
              "kpi-windows",
              Serdes.String().deserializer(),
              ServicekitSerdes.kpi(FirstContactResolutionByHour.class).deserializer())
          .readKeyValuesToList()
          .forEach(kv -> assertEquals(null, got.put(kv.key, kv.value.result()), kv.key));
      late =
          d.createOutputTopic("kpi-late", Serdes.String().deserializer(), CONTACTS.deserializer())
              .getQueueSize();
    }
    assertEquals(expected, got);
    assertEquals(expectedLate, late);
  }

  @Test
  void flinkGivesTheInProcessWindows() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    TypeInformation<FcrContact> type = TypeInformation.of(FcrContact.class);
    // One source subtask, a watermark after every contact: the in-process lateness decisions.
    var in =
        env.fromData(contacts, type)
            .setParallelism(1)
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<FcrContact>forGenerator(ctx -> new MaxSeen())
                    .withTimestampAssigner((c, ts) -> c.at().toEpochMilli()))
            .setParallelism(1);
    OutputTag<FcrContact> lateTag = new OutputTag<>("late-fcr", type);
    SingleOutputStreamOperator<KpiWindow<FirstContactResolutionByHour>> windows =
        FlinkKpiWindows.<FcrContact, FirstContactResolutionByHour>builder(
                FirstContactResolutionByHour.class, FirstContactResolutionByHour::create, DAILY)
            .name("fcr")
            .groupBy(FcrContact::team, FcrContact::at)
            .record((acc, c) -> acc.add(c.hourOfDay(), c.resolved()))
            .allowedLateness(LATENESS)
            .late(lateTag)
            .aggregate(in);
    CloseableIterator<KpiWindow<FirstContactResolutionByHour>> out = windows.collectAsync();
    CloseableIterator<FcrContact> late = windows.getSideOutput(lateTag).collectAsync();
    env.execute("fcr");
    Map<String, FirstContactResolutionByHour.Rates> got = new HashMap<>();
    out.forEachRemaining(
        w -> assertEquals(null, got.put(w.group() + "@" + w.start(), w.accumulator().result())));
    long lateCount = 0;
    while (late.hasNext()) {
      late.next();
      lateCount++;
    }
    out.close();
    late.close();
    assertEquals(expected, got);
    assertEquals(expectedLate, lateCount);
  }

  /** The largest timestamp seen minus 1 ms, after every record: WindowedKpi's watermark. */
  static final class MaxSeen implements WatermarkGenerator<FcrContact> {
    private long max = Long.MIN_VALUE;

    @Override
    public void onEvent(FcrContact c, long timestamp, WatermarkOutput output) {
      if (timestamp > max) {
        max = timestamp;
        output.emitWatermark(new Watermark(max - 1));
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {}
  }

  @Test
  void flinksTypeSerializerWritesThePluginsSnapshot() throws Exception {
    FirstContactResolutionByHour a = FirstContactResolutionByHour.create();
    a.add(14, false);
    a.add(14, true);
    TypeSerializer<FirstContactResolutionByHour> s =
        ServicekitTypes.accumulators(FirstContactResolutionByHour.class)
            .createSerializer(new SerializerConfigImpl());
    DataOutputSerializer out = new DataOutputSerializer(64);
    s.serialize(a, out);
    FirstContactResolutionByHour back =
        s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    assertEquals(a.result(), back.result());
  }
}
