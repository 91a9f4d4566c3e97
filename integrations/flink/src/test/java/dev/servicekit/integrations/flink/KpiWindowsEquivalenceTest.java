package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.KpiAccumulator;
import dev.servicekit.kpi.PercentileAccumulator;
import dev.servicekit.kpi.PercentileResult;
import dev.servicekit.kpi.ServiceLevelAccumulator;
import dev.servicekit.kpi.ServiceLevelPolicy;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import dev.servicekit.kpi.WindowedKpi;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The proof for generic KPI windows on a MiniCluster at parallelism 2: 100k+ generated contacts
 * (200 agents, 3 days of hourly windows, out of order, some arriving after their window closed, 2%
 * redelivered) give per (team, channel), per agent and per (channel, priority, tier) exactly the
 * windows of in-process {@link WindowedKpi}: identical handle-time counts and sums, service-level
 * counts and rates, percentile results (and every p90 within the sketch's relative accuracy of the
 * exact order statistic), and the same late records on the side outputs.
 *
 * <p>The watermark is the largest timestamp seen minus 1 ms, emitted after every record by the
 * single source subtask, so each keyed subtask sees the watermark of {@link WindowedKpi} (the
 * latest event time) at every record: lateness is decided identically.
 */
class KpiWindowsEquivalenceTest {

  @RegisterExtension
  static final MiniClusterExtension CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
  static final WindowSpec HOURLY = WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC);
  static final Duration LATENESS = Duration.ofMinutes(20);
  static final ServiceLevelPolicy POLICY =
      ServiceLevelPolicy.of(Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(60));
  static final String[] CHANNELS = {"chat", "email", "phone"};
  static final String[] PRIORITIES = {"low", "normal", "high", "urgent"};
  static final String[] TIERS = {"bronze", "silver", "gold"};

  static List<Contact> contacts;

  @BeforeAll
  static void generate() {
    contacts = contacts(18L, 100_000);
  }

  /** Contacts in arrival order: event time plus a delay (mostly minutes, 10% up to an hour). */
  static List<Contact> contacts(long seed, int n) {
    Random r = new Random(seed);
    List<Contact> all = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int a = r.nextInt(200);
      all.add(
          new Contact(
              "a" + a,
              "team" + a % 10,
              CHANNELS[r.nextInt(CHANNELS.length)],
              PRIORITIES[r.nextInt(PRIORITIES.length)],
              TIERS[r.nextInt(TIERS.length)],
              START.plusMillis((long) (r.nextDouble() * 3 * 86_400_000L)),
              30_000 + (long) (r.nextDouble() * r.nextDouble() * 1_800_000),
              (long) (r.nextDouble() * 90_000),
              r.nextInt(8) == 0));
    }
    long[] arrival = new long[n];
    for (int i = 0; i < n; i++) {
      long delay = r.nextInt(10) == 0 ? r.nextInt(3_600_000) : r.nextInt(120_000);
      arrival[i] = all.get(i).at().toEpochMilli() + delay;
    }
    Integer[] idx = new Integer[n];
    Arrays.setAll(idx, i -> i);
    Arrays.sort(idx, (x, y) -> Long.compare(arrival[x], arrival[y]));
    List<Contact> out = new ArrayList<>(n + n / 40);
    for (int i : idx) {
      out.add(all.get(i));
      if (r.nextInt(50) == 0) {
        out.add(all.get(i)); // a redelivery: without revisions it counts again, as in-process
      }
    }
    return out;
  }

  /** One KPI run on Flink: its windows keyed {@code group@start} and its late records. */
  record Run<A extends KpiAccumulator<A, ?>>(
      CloseableIterator<KpiWindow<A>> windows, CloseableIterator<Contact> late) {

    Map<String, A> windowMap() throws Exception {
      Map<String, A> m = new HashMap<>();
      windows.forEachRemaining(
          w ->
              assertEquals(
                  null,
                  m.put(w.group() + "@" + w.start(), w.accumulator()),
                  "emitted twice: " + w.group() + "@" + w.start()));
      windows.close();
      return m;
    }

    List<Contact> lateList() throws Exception {
      List<Contact> l = new ArrayList<>();
      late.forEachRemaining(l::add);
      late.close();
      return l;
    }
  }

  static <A extends KpiAccumulator<A, ?>> Run<A> start(
      FlinkKpiWindows.Builder<Contact, A> kpi, String name, DataStream<Contact> in) {
    OutputTag<Contact> late = new OutputTag<>("late-" + name, in.getType());
    SingleOutputStreamOperator<KpiWindow<A>> w = kpi.name(name).late(late).aggregate(in);
    return new Run<>(w.collectAsync(), w.getSideOutput(late).collectAsync());
  }

  /** The in-process oracle: one {@link WindowedKpi}, the records it dropped as late. */
  static <A extends KpiAccumulator<A, ?>> Map<String, A> inProcess(
      WindowedKpi<String, A> kpi,
      Function<Contact, String> group,
      FlinkKpiWindows.Update<A, Contact> update,
      List<Contact> late) {
    for (Contact c : contacts) {
      if (!kpi.record(group.apply(c), c.at(), acc -> update.apply(acc, c))) {
        late.add(c);
      }
    }
    Map<String, A> out = new HashMap<>();
    for (String g : kpi.groups()) {
      kpi.windows(g).forEach((start, acc) -> out.put(g + "@" + start, acc));
    }
    return out;
  }

  /** The same records, each as often (the two subtasks interleave their side outputs). */
  static void assertSameRecords(List<Contact> expected, List<Contact> actual) {
    Map<Contact, Integer> e = new HashMap<>();
    expected.forEach(c -> e.merge(c, 1, Integer::sum));
    Map<Contact, Integer> a = new HashMap<>();
    actual.forEach(c -> a.merge(c, 1, Integer::sum));
    assertTrue(
        e.equals(a), "late records differ: expected " + expected.size() + ", got " + actual.size());
  }

  @Test
  void percentilesDurationsAndServiceLevelsEqualWindowedKpiOnTwoSubtasks() throws Exception {
    assertTrue(contacts.size() >= 100_000, "contacts: " + contacts.size());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    TypeInformation<Contact> type = TypeInformation.of(Contact.class);
    DataStream<Contact> in =
        env.fromSource(
                new DataGeneratorSource<>(
                    (GeneratorFunction<Long, Contact>) i -> contacts.get(i.intValue()),
                    contacts.size(),
                    type),
                WatermarkStrategy.<Contact>forGenerator(ctx -> new MaxSeenWatermarks<>())
                    .withTimestampAssigner((c, ts) -> c.at().toEpochMilli()),
                "contacts")
            .setParallelism(1);

    FlinkKpiWindows.Update<PercentileAccumulator, Contact> handle =
        (acc, c) -> acc.addMillis(c.handleMillis());
    FlinkKpiWindows.Update<DurationAccumulator, Contact> duration =
        (acc, c) -> acc.addMillis(c.handleMillis());
    FlinkKpiWindows.Update<ServiceLevelAccumulator, Contact> serviceLevel =
        (acc, c) -> {
          if (c.abandoned()) {
            acc.abandonedMillis(c.waitMillis());
          } else {
            acc.answeredMillis(c.waitMillis());
          }
        };
    Run<PercentileAccumulator> p =
        start(
            FlinkKpiWindows.<Contact, PercentileAccumulator>builder(
                    PercentileAccumulator.class, PercentileAccumulator::create, HOURLY)
                .groupBy(Contact::byTeamChannel, Contact::at)
                .record(handle)
                .allowedLateness(LATENESS),
            "handle-time",
            in);
    Run<DurationAccumulator> d =
        start(
            FlinkKpiWindows.<Contact, DurationAccumulator>builder(
                    DurationAccumulator.class, DurationAccumulator::create, HOURLY)
                .groupBy(Contact::byAgent, Contact::at)
                .record(duration)
                .allowedLateness(LATENESS),
            "agent-time",
            in);
    Run<ServiceLevelAccumulator> s =
        start(
            FlinkKpiWindows.<Contact, ServiceLevelAccumulator>builder(
                    ServiceLevelAccumulator.class,
                    () -> ServiceLevelAccumulator.create(POLICY),
                    HOURLY)
                .groupBy(Contact::byChannelPriorityTier, Contact::at)
                .record(serviceLevel)
                .allowedLateness(LATENESS),
            "service-level",
            in);
    env.execute("servicekit-kpi-windows");

    List<Contact> lateP = new ArrayList<>();
    Map<String, PercentileAccumulator> expectedP =
        inProcess(
            WindowedKpi.create(PercentileAccumulator::create, HOURLY, LATENESS),
            Contact::byTeamChannel,
            handle,
            lateP);
    Map<String, PercentileAccumulator> gotP = p.windowMap();
    assertEquals(expectedP.keySet(), gotP.keySet());
    Map<String, List<Long>> exact = new HashMap<>();
    List<Contact> lateCheck = new ArrayList<>(lateP);
    for (Contact c : contacts) {
      if (!lateCheck.isEmpty() && lateCheck.get(0) == c) {
        lateCheck.remove(0);
        continue;
      }
      exact
          .computeIfAbsent(c.byTeamChannel() + "@" + HOURLY.start(c.at()), k -> new ArrayList<>())
          .add(c.handleMillis());
    }
    for (Map.Entry<String, PercentileAccumulator> e : expectedP.entrySet()) {
      PercentileResult f = gotP.get(e.getKey()).result();
      assertEquals(e.getValue().result(), f, e.getKey());
      List<Long> xs = exact.get(e.getKey());
      xs.sort(null);
      assertEquals(xs.size(), f.count(), e.getKey());
      // DDSketch's rank is q * (n - 1): the exact p90 lies between these two order statistics.
      double lo = xs.get((int) Math.floor(0.9 * (xs.size() - 1)));
      double hi = xs.get((int) Math.ceil(0.9 * (xs.size() - 1)));
      double p90 = f.p90Millis().orElseThrow();
      double alpha = f.relativeAccuracy() + 1e-4;
      assertTrue(
          p90 >= lo * (1 - alpha) && p90 <= hi * (1 + alpha),
          e.getKey() + ": p90 " + p90 + " vs exact [" + lo + ", " + hi + "]");
    }
    assertSameRecords(lateP, p.lateList());
    assertTrue(lateP.size() > 100, "late: " + lateP.size());

    List<Contact> lateD = new ArrayList<>();
    Map<String, DurationAccumulator> expectedD =
        inProcess(
            WindowedKpi.create(DurationAccumulator::create, HOURLY, LATENESS),
            Contact::byAgent,
            duration,
            lateD);
    Map<String, DurationAccumulator> gotD = d.windowMap();
    assertEquals(expectedD.keySet(), gotD.keySet());
    expectedD.forEach((k, v) -> assertEquals(v.result(), gotD.get(k).result(), k));
    assertSameRecords(lateD, d.lateList());
    assertTrue(gotD.size() > 200 * 60, "agent windows: " + gotD.size());

    List<Contact> lateS = new ArrayList<>();
    Map<String, ServiceLevelAccumulator> expectedS =
        inProcess(
            WindowedKpi.create(() -> ServiceLevelAccumulator.create(POLICY), HOURLY, LATENESS),
            Contact::byChannelPriorityTier,
            serviceLevel,
            lateS);
    Map<String, ServiceLevelAccumulator> gotS = s.windowMap();
    assertEquals(expectedS.keySet(), gotS.keySet());
    expectedS.forEach((k, v) -> assertEquals(v.result(), gotS.get(k).result(), k));
    assertSameRecords(lateS, s.lateList());
  }
}
