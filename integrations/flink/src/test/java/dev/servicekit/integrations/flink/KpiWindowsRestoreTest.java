package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.DurationResult;
import dev.servicekit.kpi.WindowedKpi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Generic KPI windows ({@link FlinkKpiWindows#builder}) after a forced failure and a restore from a
 * checkpoint in the middle of the stream, on a MiniCluster at parallelism 2: the windows, the late
 * records and the rejected records equal those of in-process {@link WindowedKpi} on the same
 * stream; nothing lost, nothing counted twice.
 */
class KpiWindowsRestoreTest {

  @RegisterExtension
  static final MiniClusterExtension CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  static final AtomicBoolean FAILED = new AtomicBoolean();
  static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();

  // Read by the source's generator function in this JVM.
  static List<Contact> stream;

  /** 12k contacts in arrival order (some late), and after every 200th one a rejected copy. */
  static List<Contact> stream() {
    List<Contact> out = new ArrayList<>();
    List<Contact> contacts = KpiWindowsEquivalenceTest.contacts(19L, 12_000);
    for (int i = 0; i < contacts.size(); i++) {
      Contact c = contacts.get(i);
      out.add(c);
      if (i % 200 == 0) {
        // Same group and time, negative handle time: the accumulator rejects it.
        out.add(
            new Contact(
                c.agent(),
                c.team(),
                c.channel(),
                c.priority(),
                c.tier(),
                c.at(),
                -1 - i,
                c.waitMillis(),
                c.abandoned()));
      }
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void afterAFailureAndARestoreTheWindowsLateAndRejectedRecordsEqualInProcess(Backend backend)
      throws Exception {
    stream = stream();
    FAILED.set(false);
    CHECKPOINTED.set(false);

    // The oracle. A rejected copy follows its original: it is late exactly when that one was.
    WindowedKpi<String, DurationAccumulator> kpi =
        WindowedKpi.create(
            DurationAccumulator::create,
            KpiWindowsEquivalenceTest.HOURLY,
            KpiWindowsEquivalenceTest.LATENESS);
    List<Contact> expectedLate = new ArrayList<>();
    List<Contact> expectedRejected = new ArrayList<>();
    for (Contact c : stream) {
      boolean bad = c.handleMillis() < 0;
      boolean accepted =
          kpi.record(
              c.byAgent(),
              c.at(),
              acc -> {
                if (!bad) {
                  acc.addMillis(c.handleMillis());
                }
              });
      if (!accepted) {
        expectedLate.add(c);
      } else if (bad) {
        expectedRejected.add(c);
      }
    }
    Map<String, DurationResult> expected = new HashMap<>();
    for (String g : kpi.groups()) {
      kpi.windows(g).forEach((start, acc) -> expected.put(g + "@" + start, acc.result()));
    }
    assertTrue(expectedLate.size() > 10, "late: " + expectedLate.size());
    assertTrue(expectedRejected.size() > 50, "rejected: " + expectedRejected.size());

    Configuration conf = backend.on(new Configuration());
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(50));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(2);
    env.enableCheckpointing(100);
    TypeInformation<Contact> type = TypeInformation.of(Contact.class);
    // One source subtask with a watermark after every record, so each keyed subtask decides
    // lateness as WindowedKpi does; rate-limited so checkpoints complete before the failure.
    DataStream<Contact> in =
        env.fromSource(
                new DataGeneratorSource<>(
                    (GeneratorFunction<Long, Contact>) i -> stream.get(i.intValue()),
                    stream.size(),
                    RateLimiterStrategy.perSecond(10_000),
                    type),
                WatermarkStrategy.<Contact>forGenerator(ctx -> new MaxSeenWatermarks<>())
                    .withTimestampAssigner((c, ts) -> c.at().toEpochMilli()),
                "contacts")
            .setParallelism(1)
            .map(new FailOnce(stream.size() / 4))
            .setParallelism(1)
            .returns(type);
    OutputTag<Contact> late = new OutputTag<>("late", type);
    OutputTag<Contact> rejected = new OutputTag<>("rejected", type);
    SingleOutputStreamOperator<KpiWindow<DurationAccumulator>> windows =
        FlinkKpiWindows.<Contact, DurationAccumulator>builder(
                DurationAccumulator.class,
                DurationAccumulator::create,
                KpiWindowsEquivalenceTest.HOURLY)
            .name("agent-time")
            .groupBy(Contact::byAgent, Contact::at)
            .record((acc, c) -> acc.addMillis(c.handleMillis()))
            .allowedLateness(KpiWindowsEquivalenceTest.LATENESS)
            .late(late)
            .rejected(rejected)
            .aggregate(in);
    CloseableIterator<KpiWindow<DurationAccumulator>> got = windows.collectAsync();
    CloseableIterator<Contact> gotLate = windows.getSideOutput(late).collectAsync();
    CloseableIterator<Contact> gotRejected = windows.getSideOutput(rejected).collectAsync();
    env.execute("servicekit-kpi-windows-restore");
    assertTrue(FAILED.get(), "the job must have failed once");

    Map<String, DurationResult> actual = new HashMap<>();
    got.forEachRemaining(
        w ->
            assertEquals(
                null,
                actual.put(w.group() + "@" + w.start(), w.accumulator().result()),
                "emitted twice: " + w.group() + "@" + w.start()));
    got.close();
    assertEquals(expected, actual);
    KpiWindowsEquivalenceTest.assertSameRecords(expectedLate, drain(gotLate));
    KpiWindowsEquivalenceTest.assertSameRecords(expectedRejected, drain(gotRejected));
  }

  private static List<Contact> drain(CloseableIterator<Contact> it) throws Exception {
    List<Contact> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    it.close();
    return out;
  }

  /** Throws once, after n records and after a checkpoint has completed. */
  static final class FailOnce extends RichMapFunction<Contact, Contact>
      implements CheckpointListener {
    private static final long serialVersionUID = 1L;
    private final long n;
    private long seen;

    FailOnce(long n) {
      this.n = n;
    }

    @Override
    public Contact map(Contact value) {
      if (++seen >= n && CHECKPOINTED.get() && FAILED.compareAndSet(false, true)) {
        throw new IllegalStateException("forced failure after " + seen + " records");
      }
      return value;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      CHECKPOINTED.set(true);
    }
  }
}
