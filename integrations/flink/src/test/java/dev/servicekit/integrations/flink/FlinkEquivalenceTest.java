package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The proof on a local MiniCluster at parallelism 2: a generated stream of about 100k ticket events
 * and 100k rating revisions (out of order, duplicated, several daily windows) gives the same SLA
 * transitions and KPI windows as in-process servicekit, also after a forced failure and a restore
 * from a checkpoint in the middle of the stream.
 */
class FlinkEquivalenceTest {

  @RegisterExtension
  static final MiniClusterExtension CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  // The generated streams, read by the sources' generator functions in this JVM.
  static List<TicketEvent> events;
  static List<RevisedObservation> ratings;
  static List<String> expectedTransitions;
  static Map<String, RatingAccumulator> expectedWindows;
  static long disorderMillis;

  static final AtomicBoolean FAILED = new AtomicBoolean();
  static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();

  @BeforeAll
  static void generate() {
    events = Streams.ticketEvents(18L, 6_000);
    ratings = Streams.ratings(19L, 50_000, 60);
    expectedTransitions = Streams.transitions(Fixtures.policySet(), events);
    expectedWindows = Streams.windows(ratings);
    disorderMillis =
        Math.max(
            Streams.maxDisorderMillis(
                events.stream().map(TicketEvent::at).collect(Collectors.toList())),
            Streams.maxDisorderMillis(
                ratings.stream().map(RevisedObservation::at).collect(Collectors.toList())));
  }

  @Test
  void theGeneratedStreamsAreLargeOutOfOrderAndDuplicated() {
    assertTrue(events.size() >= 100_000, "events: " + events.size());
    assertTrue(ratings.size() >= 100_000, "ratings: " + ratings.size());
    assertTrue(disorderMillis > 0);
    assertTrue(events.size() > events.stream().distinct().count(), "has duplicates");
    assertTrue(expectedWindows.size() >= 5 * 60, "windows: " + expectedWindows.size());
    assertTrue(expectedTransitions.stream().anyMatch(t -> t.contains(" BREACHED ")));
    assertTrue(expectedTransitions.stream().anyMatch(t -> t.contains(" PAUSED ")));
    assertTrue(expectedTransitions.stream().anyMatch(t -> t.contains(" WARNING ")));
    assertTrue(expectedTransitions.stream().anyMatch(t -> t.contains(" ACHIEVED ")));
  }

  @Test
  void flinkGivesTheSameTransitionsAndWindowsAsInProcess() throws Exception {
    run(false, Backend.HASHMAP);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void afterAFailureAndARestoreFromACheckpointNothingIsLostOrCountedTwice(Backend backend)
      throws Exception {
    FAILED.set(false);
    CHECKPOINTED.set(false);
    run(true, backend);
    assertTrue(FAILED.get(), "the job must have failed once");
  }

  private static void run(boolean failOnce, Backend backend) throws Exception {
    Configuration conf = backend.on(new Configuration());
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(50));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(2);
    if (failOnce) {
      env.enableCheckpointing(100);
    }
    Duration bound = Duration.ofMillis(disorderMillis + 1);

    DataStream<TicketEvent> ticketEvents =
        env.fromSource(
            source(
                events.size(),
                (GeneratorFunction<Long, TicketEvent>) i -> events.get(i.intValue()),
                ServicekitTypes.ticketEvents()),
            WatermarkStrategy.<TicketEvent>forBoundedOutOfOrderness(bound)
                .withTimestampAssigner((e, ts) -> e.at().toEpochMilli()),
            "ticket-events");
    if (failOnce) {
      ticketEvents =
          ticketEvents
              .map(new FailOnce<>(events.size() / 4))
              .returns(ServicekitTypes.ticketEvents());
    }
    DataStream<RevisedObservation> observations =
        env.fromSource(
            source(
                ratings.size(),
                (GeneratorFunction<Long, RevisedObservation>) i -> ratings.get(i.intValue()),
                FlinkKpiWindows.revisedObservations()),
            WatermarkStrategy.<RevisedObservation>forBoundedOutOfOrderness(bound)
                .withTimestampAssigner((o, ts) -> o.at().toEpochMilli()),
            "ratings");

    CloseableIterator<SlaTransition> transitions =
        FlinkSlaClocks.transitions(
                ticketEvents, Fixtures.policySet(), Fixtures.CALENDARS, TimeMode.EVENT_TIME)
            .collectAsync();
    CloseableIterator<KpiWindow<RatingAccumulator>> windows =
        FlinkKpiWindows.revised(
                observations,
                Streams.DAILY,
                Duration.ZERO,
                RatingAccumulator.class,
                () -> RatingAccumulator.create(RatingScale.csatFivePoint()))
            .collectAsync();
    // Drained while the job runs: a collect sink holds a bounded buffer (2 MiB by default) and
    // waits for the client once it is full, so draining after execute() returns deadlocks as soon
    // as the output outgrows it.
    org.apache.flink.core.execution.JobClient job = env.executeAsync("servicekit-equivalence");

    List<String> actual = new ArrayList<>();
    transitions.forEachRemaining(t -> actual.add(Streams.line(t)));
    Collections.sort(actual);
    assertEquals(expectedTransitions.size(), actual.size(), "transition count");
    assertEquals(expectedTransitions, actual);

    Map<String, RatingAccumulator> got = new TreeMap<>();
    windows.forEachRemaining(
        w -> {
          RatingAccumulator previous = got.put(w.group() + "@" + w.start(), w.accumulator());
          assertEquals(null, previous, "window emitted twice: " + w.group() + "@" + w.start());
        });
    job.getJobExecutionResult().get();
    assertEquals(expectedWindows.keySet(), got.keySet());
    for (Map.Entry<String, RatingAccumulator> e : expectedWindows.entrySet()) {
      assertEquals(e.getValue().result(), got.get(e.getKey()).result(), e.getKey());
    }
    transitions.close();
    windows.close();
  }

  private static <T> DataGeneratorSource<T> source(
      int count, GeneratorFunction<Long, T> generator, TypeInformation<T> type) {
    return new DataGeneratorSource<>(generator, count, type);
  }

  /** Throws once, after n records and after a checkpoint has completed. */
  static final class FailOnce<T> extends RichMapFunction<T, T> implements CheckpointListener {
    private static final long serialVersionUID = 1L;
    private final long n;
    private long seen;

    FailOnce(long n) {
      this.n = n;
    }

    @Override
    public T map(T value) {
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
