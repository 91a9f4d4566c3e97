package dev.servicekit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.integrations.flink.FlinkKpiWindows;
import dev.servicekit.integrations.flink.KpiWindow;
import dev.servicekit.integrations.kafka.ServicekitSerdes;
import dev.servicekit.integrations.kafka.WindowedKpiTopology;
import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.DurationResult;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import java.io.Serializable;
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
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.OutputTag;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Differential: the same random KPI records through Kafka's {@link WindowedKpiTopology} and Flink's
 * {@link FlinkKpiWindows}, no in-process oracle between them. Times cluster on the edges (a
 * window's end, its end plus the lateness, 1 ms either side), arrive out of order, and some records
 * are bad (a negative handle time); groups hold {@code @}, non-ASCII and astral chars. Kafka's
 * record timestamps are the event times; Flink's watermark is the largest timestamp seen minus 1 ms
 * after every record (README, "Proof and cost"). Both give the same windows, the same late records
 * and the same count of rejected records.
 */
class EnginesAgreeOnKpiWindowsTest {

  static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
  static final WindowSpec HOURLY = WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC);
  static final String[] GROUPS = {"a", "team@red", "équipe-\uD83D\uDE00"};

  /** A contact: its group, event time and handle time (negative: refused by the accumulator). */
  record Rec(String group, long at, long handle) implements Serializable {
    Instant time() {
      return Instant.ofEpochMilli(at);
    }
  }

  static final Serde<Rec> RECS =
      Serdes.serdeFrom(
          (topic, r) ->
              (r.handle() + "," + r.at() + "," + r.group()).getBytes(StandardCharsets.UTF_8),
          (topic, b) -> {
            String[] f = new String(b, StandardCharsets.UTF_8).split(",", 3);
            return new Rec(f[2], Long.parseLong(f[1]), Long.parseLong(f[0]));
          });

  static List<Rec> generate(long seed, long latenessMillis) {
    Random r = new Random(seed);
    List<Rec> out = new ArrayList<>();
    long hour = 3_600_000L;
    for (int i = 0; i < 600; i++) {
      // time mostly advances, an hour every 75 records; a third of them reach back an hour
      long window = START.toEpochMilli() + hour * Math.max(0, i / 75 - (r.nextInt(3) == 0 ? 1 : 0));
      long base =
          switch (r.nextInt(4)) {
            case 0 -> window + hour; // the next window's start
            case 1 -> window + hour + latenessMillis; // this window's close
            case 2 -> window + hour - 1; // its last millisecond
            default -> window + (long) (r.nextDouble() * hour);
          };
      long at = base + r.nextInt(3) - 1;
      out.add(
          new Rec(GROUPS[r.nextInt(GROUPS.length)], at, r.nextInt(20) == 0 ? -1 : r.nextInt(9)));
    }
    return out;
  }

  record Outcome(Map<String, DurationResult> windows, List<Rec> late, long rejected) {}

  static Outcome kafka(List<Rec> recs, long latenessMillis, Path stateDir) {
    WindowedKpiTopology<Rec, DurationAccumulator> topology =
        WindowedKpiTopology.builder(
                RECS, DurationAccumulator.class, DurationAccumulator::create, HOURLY)
            .name("diff")
            .deadLetterTopic("kpi-rejected")
            .groupBy(Rec::group, Rec::time)
            .record((acc, c) -> acc.addMillis(c.handle()))
            .allowedLateness(Duration.ofMillis(latenessMillis))
            .inMemoryStores(true)
            .build();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "diff");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    Map<String, DurationResult> windows = new HashMap<>();
    try (TopologyTestDriver d = new TopologyTestDriver(topology.build(), props, START)) {
      TestInputTopic<String, Rec> in =
          d.createInputTopic("kpi-input", Serdes.String().serializer(), RECS.serializer());
      for (Rec c : recs) {
        in.pipeInput(c.group(), c, c.at());
      }
      Instant end = START.plus(Duration.ofDays(30));
      in.pipeInput("tick", new Rec("tick", end.toEpochMilli(), 0), end); // closes every window
      d.createOutputTopic(
              "kpi-windows",
              Serdes.String().deserializer(),
              ServicekitSerdes.kpi(DurationAccumulator.class).deserializer())
          .readKeyValuesToList()
          .forEach(kv -> assertEquals(null, windows.put(kv.key, kv.value.result()), kv.key));
      windows.keySet().removeIf(k -> k.startsWith("tick@"));
      List<Rec> late =
          d.createOutputTopic("kpi-late", Serdes.String().deserializer(), RECS.deserializer())
              .readValuesToList();
      long rejected =
          d.createOutputTopic(
                  "kpi-rejected", Serdes.String().deserializer(), Serdes.String().deserializer())
              .getQueueSize();
      return new Outcome(windows, late, rejected);
    }
  }

  static Outcome flink(List<Rec> recs, long latenessMillis) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    TypeInformation<Rec> type = TypeInformation.of(Rec.class);
    var in =
        env.fromData(recs, type)
            .setParallelism(1)
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<Rec>forGenerator(ctx -> new MaxSeen<>())
                    .withTimestampAssigner((c, ts) -> c.at()))
            .setParallelism(1);
    OutputTag<Rec> lateTag = new OutputTag<>("late-diff", type);
    OutputTag<Rec> rejectedTag = new OutputTag<>("rejected-diff", type);
    SingleOutputStreamOperator<KpiWindow<DurationAccumulator>> windows =
        FlinkKpiWindows.<Rec, DurationAccumulator>builder(
                DurationAccumulator.class, DurationAccumulator::create, HOURLY)
            .name("diff")
            .groupBy(Rec::group, Rec::time)
            .record((acc, c) -> acc.addMillis(c.handle()))
            .allowedLateness(Duration.ofMillis(latenessMillis))
            .late(lateTag)
            .rejected(rejectedTag)
            .aggregate(in);
    CloseableIterator<KpiWindow<DurationAccumulator>> out = windows.collectAsync();
    CloseableIterator<Rec> late = windows.getSideOutput(lateTag).collectAsync();
    CloseableIterator<Rec> rejected = windows.getSideOutput(rejectedTag).collectAsync();
    env.execute("diff");
    Map<String, DurationResult> got = new HashMap<>();
    out.forEachRemaining(
        w -> assertEquals(null, got.put(w.group() + "@" + w.start(), w.accumulator().result())));
    List<Rec> lateRecs = new ArrayList<>();
    late.forEachRemaining(lateRecs::add);
    long rejectedCount = 0;
    while (rejected.hasNext()) {
      rejected.next();
      rejectedCount++;
    }
    out.close();
    late.close();
    rejected.close();
    return new Outcome(got, lateRecs, rejectedCount);
  }

  @ParameterizedTest
  @CsvSource({"1, 0", "2, 1", "3, 600000"})
  void kafkaAndFlinkGiveTheSameWindowsLateAndRejectedRecords(
      long seed, long latenessMillis, @TempDir Path stateDir) throws Exception {
    List<Rec> recs = generate(seed, latenessMillis);
    Outcome k = kafka(recs, latenessMillis, stateDir);
    Outcome f = flink(recs, latenessMillis);
    assertTrue(k.windows().size() > 10, "windows: " + k.windows().size());
    assertTrue(k.rejected() > 0, "some records are rejected");
    assertTrue(!k.late().isEmpty(), "some records are late");
    assertEquals(k.windows(), f.windows());
    // Flink's late output of a parallel job interleaves subtasks: compared as multisets
    assertEquals(sorted(k.late()), sorted(f.late()));
    assertEquals(k.rejected(), f.rejected());
  }

  private static List<String> sorted(List<Rec> recs) {
    return recs.stream().map(Rec::toString).sorted().toList();
  }

  /** The largest timestamp seen minus 1 ms, after every record. */
  static final class MaxSeen<T>
      implements org.apache.flink.api.common.eventtime.WatermarkGenerator<T> {
    private long max = Long.MIN_VALUE;

    @Override
    public void onEvent(
        T c, long timestamp, org.apache.flink.api.common.eventtime.WatermarkOutput o) {
      if (timestamp > max) {
        max = timestamp;
        o.emitWatermark(new org.apache.flink.api.common.eventtime.Watermark(max - 1));
      }
    }

    @Override
    public void onPeriodicEmit(org.apache.flink.api.common.eventtime.WatermarkOutput o) {}
  }
}
