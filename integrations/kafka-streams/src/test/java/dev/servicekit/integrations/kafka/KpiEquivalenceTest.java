package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.kpi.GroupKey;
import dev.servicekit.kpi.PercentileAccumulator;
import dev.servicekit.kpi.PercentileResult;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingResult;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.kpi.RevisedValues;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import dev.servicekit.kpi.WindowedKpi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * The proof for KPIs: 100k+ survey records (many agents, hourly windows over three days, out of
 * order, duplicated, ratings revised) give through the topology the in-process results: identical
 * rating counts, sums and CSAT per (agent, hour), identical handle-time counts and percentiles per
 * (team, channel, hour) within the sketch's relative accuracy of the exact quantile, and every late
 * record on the late topic.
 */
class KpiEquivalenceTest {

  static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
  static final WindowSpec HOURLY = WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC);
  static final Duration LATENESS = Duration.ofMinutes(20);

  /** One survey record: a revision of a response's rating, and the contact's handle time. */
  record Survey(
      String agent,
      String team,
      String channel,
      String response,
      Instant at,
      long revision,
      int rating,
      long handleMillis) {

    String csv() {
      return String.join(
          ",",
          agent,
          team,
          channel,
          response,
          Long.toString(at.toEpochMilli()),
          Long.toString(revision),
          Integer.toString(rating),
          Long.toString(handleMillis));
    }

    static Survey parse(String s) {
      String[] f = s.split(",", -1);
      return new Survey(
          f[0],
          f[1],
          f[2],
          f[3],
          Instant.ofEpochMilli(Long.parseLong(f[4])),
          Long.parseLong(f[5]),
          Integer.parseInt(f[6]),
          Long.parseLong(f[7]));
    }

    String byAgent() {
      return GroupKey.of("agent", agent).toString();
    }

    String byTeamChannel() {
      return GroupKey.of("team", team, "channel", channel).toString();
    }
  }

  static final Serde<Survey> SURVEYS =
      Serdes.serdeFrom(
          (t, v) -> v.csv().getBytes(StandardCharsets.UTF_8),
          (t, b) -> Survey.parse(new String(b, StandardCharsets.UTF_8)));

  static List<Survey> stream(long seed, int responses) {
    Random r = new Random(seed);
    List<Survey> out = new ArrayList<>();
    for (int i = 0; i < responses; i++) {
      int a = r.nextInt(300);
      Instant at = START.plusSeconds(r.nextInt(3 * 24 * 3600));
      long handle = 30_000 + (long) (r.nextDouble() * r.nextDouble() * 1_800_000);
      int revisions = 1 + (r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 0);
      for (int v = 1; v <= revisions; v++) {
        out.add(
            new Survey(
                "a" + a,
                "team" + a % 12,
                a % 3 == 0 ? "chat" : "email",
                "R-" + i,
                at,
                v,
                1 + r.nextInt(5),
                handle));
      }
    }
    // Arrival order: by event time plus a random delay (most minutes, some up to an hour).
    long[] arrival = new long[out.size()];
    for (int i = 0; i < arrival.length; i++) {
      long delay = r.nextInt(10) == 0 ? r.nextInt(3_600_000) : r.nextInt(120_000);
      arrival[i] = out.get(i).at().toEpochMilli() + delay + out.get(i).revision() * 60_000;
    }
    Integer[] idx = new Integer[out.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (x, y) -> Long.compare(arrival[x], arrival[y]));
    List<Survey> shuffled = new ArrayList<>(out.size() * 51 / 50);
    for (int i : idx) {
      shuffled.add(out.get(i));
      if (r.nextInt(50) == 0) {
        shuffled.add(out.get(i)); // redelivery
      }
    }
    return shuffled;
  }

  static TopologyTestDriver driver(org.apache.kafka.streams.Topology t) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "kpi-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return IsolatedTopologyTestDriver.open(t, p, START);
  }

  static <A extends dev.servicekit.kpi.KpiAccumulator<?, ?>> Map<String, A> run(
      WindowedKpiTopology<Survey, ?> topology,
      List<Survey> stream,
      Class<A> type,
      List<Survey> late) {
    return run(topology, stream, type, late, Survey::agent);
  }

  /** Runs the stream with the given record keys (the partitioning key). */
  static <A extends dev.servicekit.kpi.KpiAccumulator<?, ?>> Map<String, A> run(
      WindowedKpiTopology<Survey, ?> topology,
      List<Survey> stream,
      Class<A> type,
      List<Survey> late,
      java.util.function.Function<Survey, String> key) {
    Map<String, A> windows = new HashMap<>();
    try (TopologyTestDriver d = driver(topology.build())) {
      TestInputTopic<String, Survey> in =
          d.createInputTopic("kpi-input", Serdes.String().serializer(), SURVEYS.serializer());
      for (Survey s : stream) {
        in.pipeInput(key.apply(s), s, s.at());
      }
      // A record far ahead closes every window.
      Survey tick = new Survey("z", "z", "z", "z", START.plus(Duration.ofDays(9)), 1, 1, 1);
      in.pipeInput("z", tick, tick.at());
      var out =
          d.createOutputTopic(
              "kpi-windows",
              Serdes.String().deserializer(),
              ServicekitSerdes.kpi(type).deserializer());
      out.readKeyValuesToList()
          .forEach(
              kv -> assertEquals(null, windows.put(kv.key, kv.value), "emitted twice: " + kv.key));
      late.addAll(
          d.createOutputTopic("kpi-late", Serdes.String().deserializer(), SURVEYS.deserializer())
              .readValuesToList());
    }
    return windows;
  }

  @Test
  void revisedRatingsPerAgentAndHourEqualInProcessAndBruteForce() {
    List<Survey> stream = stream(18L, 70_000);
    assertTrue(stream.size() >= 100_000, "records: " + stream.size());
    WindowedKpiTopology<Survey, RatingAccumulator> topology =
        WindowedKpiTopology.builder(
                SURVEYS,
                RatingAccumulator.class,
                () -> RatingAccumulator.create(RatingScale.csatFivePoint()),
                HOURLY)
            .name("csat")
            .groupBy(Survey::byAgent, Survey::at)
            .revised(Survey::response, Survey::revision, Survey::rating)
            .allowedLateness(LATENESS)
            .inMemoryStores(true)
            .build();
    List<Survey> late = new ArrayList<>();
    Map<String, RatingAccumulator> viaKafka = run(topology, stream, RatingAccumulator.class, late);

    // In process: RevisedValues per (agent, hour), the WindowedKpi lateness rule.
    Map<String, RevisedValues<String, RatingAccumulator>> inProcess = new HashMap<>();
    // Brute force: per response the greatest (revision, value) among records not late.
    Map<String, long[]> best = new HashMap<>();
    Map<String, String> windowOf = new HashMap<>();
    List<Survey> lateExpected = new ArrayList<>();
    long watermark = Long.MIN_VALUE;
    for (Survey s : stream) {
      watermark = Math.max(watermark, s.at().toEpochMilli());
      Instant start = HOURLY.start(s.at());
      if (HOURLY.end(start).plus(LATENESS).toEpochMilli() <= watermark) {
        lateExpected.add(s);
        continue;
      }
      String w = s.byAgent() + "@" + start;
      inProcess
          .computeIfAbsent(
              w, k -> RevisedValues.create(RatingAccumulator.create(RatingScale.csatFivePoint())))
          .apply(s.response(), s.revision(), s.rating());
      windowOf.put(s.response(), w);
      long[] b = best.get(s.response());
      if (b == null || s.revision() > b[0] || (s.revision() == b[0] && s.rating() > b[1])) {
        best.put(s.response(), new long[] {s.revision(), s.rating()});
      }
    }
    Map<String, long[]> brute = new HashMap<>(); // count, sum, satisfied
    best.forEach(
        (resp, b) -> {
          long[] c = brute.computeIfAbsent(windowOf.get(resp), k -> new long[3]);
          c[0]++;
          c[1] += b[1];
          c[2] += b[1] >= 4 ? 1 : 0;
        });

    assertEquals(lateExpected, late);
    assertTrue(late.size() > 100, "late: " + late.size());
    assertEquals(inProcess.keySet(), viaKafka.keySet());
    for (String w : inProcess.keySet()) {
      RatingResult k = viaKafka.get(w).result();
      assertEquals(inProcess.get(w).target().result(), k, w);
      long[] c = brute.get(w);
      assertEquals(List.of(c[0], c[1], c[2]), List.of(k.count(), k.sum(), k.satisfied()), w);
    }
    assertTrue(viaKafka.size() > 300 * 24, "windows: " + viaKafka.size());
  }

  @Test
  void handleTimePercentilesPerTeamChannelAndHourEqualWindowedKpi() {
    List<Survey> stream = stream(19L, 70_000);
    WindowedKpiTopology<Survey, PercentileAccumulator> topology =
        WindowedKpiTopology.builder(
                SURVEYS, PercentileAccumulator.class, PercentileAccumulator::create, HOURLY)
            .name("handle-time")
            .groupBy(Survey::byTeamChannel, Survey::at)
            .record((acc, s) -> acc.addMillis(s.handleMillis()))
            .allowedLateness(LATENESS)
            .inMemoryStores(true)
            .build();
    List<Survey> late = new ArrayList<>();
    Map<String, PercentileAccumulator> viaKafka =
        run(topology, stream, PercentileAccumulator.class, late);

    WindowedKpi<String, PercentileAccumulator> inProcess =
        WindowedKpi.create(PercentileAccumulator::create, HOURLY, LATENESS);
    Map<String, List<Long>> exact = new HashMap<>();
    for (Survey s : stream) {
      boolean added =
          inProcess.recordLong(
              s.byTeamChannel(), s.at(), PercentileAccumulator::addMillis, s.handleMillis());
      if (added) {
        exact
            .computeIfAbsent(s.byTeamChannel() + "@" + HOURLY.start(s.at()), k -> new ArrayList<>())
            .add(s.handleMillis());
      }
    }
    assertEquals(inProcess.droppedLate(), late.size());
    Map<String, PercentileResult> expected = new HashMap<>();
    for (String g : inProcess.groups()) {
      inProcess.windows(g).forEach((start, acc) -> expected.put(g + "@" + start, acc.result()));
    }
    assertEquals(expected.keySet(), viaKafka.keySet());
    for (Map.Entry<String, PercentileResult> e : expected.entrySet()) {
      PercentileResult k = viaKafka.get(e.getKey()).result();
      assertEquals(e.getValue(), k, e.getKey());
      List<Long> xs = exact.get(e.getKey());
      xs.sort(null);
      assertEquals(xs.size(), k.count());
      // DDSketch's rank is q * (n - 1): the exact p90 lies between these two order statistics.
      double lo = xs.get((int) Math.floor(0.9 * (xs.size() - 1)));
      double hi = xs.get((int) Math.ceil(0.9 * (xs.size() - 1)));
      double p90 = k.p90Millis().orElseThrow();
      assertTrue(
          p90 >= lo * (1 - 0.0101) && p90 <= hi * (1 + 0.0101),
          e.getKey() + ": p90 " + p90 + " vs exact [" + lo + ", " + hi + "]");
    }
  }
}
