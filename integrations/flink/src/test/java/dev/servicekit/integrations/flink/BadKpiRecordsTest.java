package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.DurationResult;
import dev.servicekit.kpi.WindowedKpi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad records on a real job (MiniCluster, parallelism 2): a record whose group is null or cannot be
 * computed used to fail the job inside Flink's {@code keyBy} (the key selector ran before any
 * servicekit operator), and one whose group took over 65,535 bytes in modified UTF-8 failed it when
 * its window was serialized. Now every kind of bad record is rejected exactly once on the rejected
 * side output, a long group is a group like any other, the job finishes and the good records give
 * exactly the windows of in-process {@link WindowedKpi}.
 */
class BadKpiRecordsTest {

  @RegisterExtension
  static final MiniClusterExtension CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

  /** The input of the running job (read by the source through this static field). */
  private static volatile List<Contact> input;

  /** What is wrong with a record. */
  enum Kind {
    GOOD,
    NULL_GROUP,
    /** Empty, spaces or a no-break space: a missing field, refused as kpi-core refuses it. */
    BLANK_GROUP,
    /** Good: a group over 65,535 bytes in modified UTF-8, which used to fail the job. */
    LONG_GROUP,
    NULL_TIME,
    TIME_OUT_OF_RANGE,
    NEGATIVE_DURATION
  }

  private static Contact contact(String agent, Instant at, long handleMillis) {
    return new Contact(agent, "t", "chat", "normal", "gold", at, handleMillis, 0, false);
  }

  /**
   * Good contacts in event-time order (none late), with bad ones of each kind mixed in; a bad one
   * with an event time carries the latest time so far, so it cannot move the watermark.
   */
  private static Map<Kind, List<Contact>> mix(long seed, int n, List<Contact> out) {
    Random r = new Random(seed);
    Map<Kind, List<Contact>> byKind = new EnumMap<>(Kind.class);
    Kind[] kinds = Kind.values();
    Instant t = START;
    for (int i = 0; i < n; i++) {
      // every kind at least once, then a random mix with about one bad record in four
      Kind k =
          i < kinds.length
              ? kinds[i]
              : r.nextInt(4) == 0 ? kinds[r.nextInt(kinds.length)] : Kind.GOOD;
      String agent = "a" + r.nextInt(7);
      Contact c =
          switch (k) {
            case GOOD -> {
              t = t.plusSeconds(r.nextInt(900));
              yield contact(agent, t, 1_000 + r.nextInt(100_000));
            }
            case NULL_GROUP -> contact(null, t, 1_000);
            case BLANK_GROUP -> contact(List.of("", "  ", "\u00a0").get(r.nextInt(3)), t, 1_000);
            case LONG_GROUP -> contact("€".repeat(21_846 + r.nextInt(3)), t, 1_000 + i);
            case NULL_TIME -> contact(agent, null, 1_000);
            case TIME_OUT_OF_RANGE ->
                contact(agent, r.nextBoolean() ? Instant.MAX : Instant.MIN, 1_000);
            case NEGATIVE_DURATION -> contact(agent, t, -1 - r.nextInt(1_000));
          };
      out.add(c);
      byKind.computeIfAbsent(k == Kind.LONG_GROUP ? Kind.GOOD : k, x -> new ArrayList<>()).add(c);
    }
    return byKind;
  }

  /**
   * Runs one KPI over {@link #input}: its windows as {@code group@start} and its rejected records.
   */
  private static Map<String, DurationResult> run(
      KeySelector<Contact, String> groupOf, List<Contact> rejectedOut) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    TypeInformation<Contact> type = TypeInformation.of(Contact.class);
    DataStream<Contact> in =
        env.fromSource(
                new DataGeneratorSource<>(
                    (GeneratorFunction<Long, Contact>) i -> input.get(i.intValue()),
                    input.size(),
                    type),
                WatermarkStrategy.<Contact>forGenerator(ctx -> new MaxSeenWatermarks<>())
                    .withTimestampAssigner(
                        (c, ts) ->
                            c.at() == null || Math.abs(c.at().getEpochSecond()) > 1L << 40
                                ? Long.MIN_VALUE
                                : c.at().toEpochMilli()),
                "contacts")
            .setParallelism(1);
    OutputTag<Contact> late = new OutputTag<>("late", type);
    OutputTag<Contact> rejected = new OutputTag<>("rejected", type);
    SingleOutputStreamOperator<KpiWindow<DurationAccumulator>> windows =
        FlinkKpiWindows.<Contact, DurationAccumulator>builder(
                DurationAccumulator.class,
                DurationAccumulator::create,
                KpiWindowsEquivalenceTest.HOURLY)
            .name("handle-time")
            .groupBy(groupOf, Contact::at)
            .record((acc, c) -> acc.addMillis(c.handleMillis()))
            .late(late)
            .rejected(rejected)
            .aggregate(in);
    CloseableIterator<KpiWindow<DurationAccumulator>> w = windows.collectAsync();
    CloseableIterator<Contact> lateRecords = windows.getSideOutput(late).collectAsync();
    CloseableIterator<Contact> rejectedRecords = windows.getSideOutput(rejected).collectAsync();
    env.execute("servicekit-bad-records"); // the job finishes: it would throw if it failed
    Map<String, DurationResult> out = new HashMap<>();
    w.forEachRemaining(
        x ->
            assertEquals(
                null,
                out.put(x.group() + "@" + x.start(), x.accumulator().result()),
                "emitted twice"));
    w.close();
    assertTrue(!lateRecords.hasNext(), "no record is late");
    lateRecords.close();
    rejectedRecords.forEachRemaining(rejectedOut::add);
    rejectedRecords.close();
    return out;
  }

  /** The in-process oracle over the good records. */
  private static Map<String, DurationResult> inProcess(
      List<Contact> good, KeySelector<Contact, String> groupOf) throws Exception {
    WindowedKpi<String, DurationAccumulator> kpi =
        WindowedKpi.create(
            DurationAccumulator::create, KpiWindowsEquivalenceTest.HOURLY, Duration.ZERO);
    for (Contact c : good) {
      assertTrue(kpi.record(groupOf.getKey(c), c.at(), acc -> acc.addMillis(c.handleMillis())));
    }
    Map<String, DurationResult> out = new HashMap<>();
    for (String g : kpi.groups()) {
      kpi.windows(g).forEach((start, acc) -> out.put(g + "@" + start, acc.result()));
    }
    return out;
  }

  /** The same records, each as often. */
  private static void assertSameRecords(List<Contact> expected, List<Contact> actual) {
    Map<Contact, Integer> e = new HashMap<>();
    expected.forEach(c -> e.merge(c, 1, Integer::sum));
    Map<Contact, Integer> a = new HashMap<>();
    actual.forEach(c -> a.merge(c, 1, Integer::sum));
    assertEquals(expected.size(), actual.size(), "rejected records");
    assertTrue(e.equals(a), "a rejected record is missing or rejected twice");
  }

  @Test
  void aRecordWhoseGroupIsNullOrCannotBeComputedIsRejectedAndTheJobFinishes() throws Exception {
    List<Contact> all = new ArrayList<>();
    List<Contact> good = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Contact c = contact("a" + i % 4, START.plusSeconds(i * 500L), 1_000 + i);
      all.add(c);
      good.add(c);
      if (i % 10 == 5) {
        all.add(contact(null, START.plusSeconds(i * 500L), 2_000)); // GroupKey.of throws on null
      }
    }
    input = all;
    List<Contact> rejected = new ArrayList<>();
    Map<String, DurationResult> got = run(Contact::byAgent, rejected);
    assertEquals(inProcess(good, Contact::byAgent), got);
    assertEquals(3, rejected.size());
    assertTrue(rejected.stream().allMatch(c -> c.agent() == null));

    List<Contact> rejectedNull = new ArrayList<>();
    assertEquals(inProcess(good, Contact::agent), run(Contact::agent, rejectedNull)); // null key
    assertEquals(
        rejected.stream().sorted(BY_TIME).toList(), rejectedNull.stream().sorted(BY_TIME).toList());
  }

  private static final java.util.Comparator<Contact> BY_TIME =
      java.util.Comparator.comparing(Contact::at);

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void everyKindOfBadRecordIsRejectedExactlyOnceAndTheGoodOnesGiveTheInProcessWindows(long seed)
      throws Exception {
    List<Contact> all = new ArrayList<>();
    Map<Kind, List<Contact>> byKind = mix(seed, 400, all);
    input = all;
    List<Contact> rejected = new ArrayList<>();
    Map<String, DurationResult> got = run(Contact::agent, rejected);
    List<Contact> good = byKind.get(Kind.GOOD);
    assertEquals(inProcess(good, Contact::agent), got);
    List<Contact> bad = new ArrayList<>(all);
    bad.removeAll(good);
    assertEquals(all.size() - good.size(), bad.size());
    assertSameRecords(bad, rejected);
  }
}
