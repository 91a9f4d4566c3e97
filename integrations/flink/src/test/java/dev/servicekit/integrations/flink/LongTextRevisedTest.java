package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Revised observations whose group or id takes over 65,535 bytes in modified UTF-8 on a real job
 * (MiniCluster, parallelism 2). They used to fail the job in Flink's network serializer ({@code
 * writeUTF}) before any servicekit operator ran. Now the job finishes, such an observation counts
 * in its window exactly once like any other, an id the window's snapshot cannot store (an unpaired
 * surrogate), a group with an unpaired surrogate (refused as kpi-core's {@code WindowedKpi} refuses
 * it) or a value off the scale goes to {@link FlinkKpiWindows#REJECTED} exactly once, and the
 * windows equal in-process servicekit over the accepted observations.
 */
class LongTextRevisedTest {

  @RegisterExtension
  static final MiniClusterExtension CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  /** The input of the running job (read by the source through this static field). */
  private static volatile List<RevisedObservation> input;

  @Test
  void observationsWithGroupsAndIdsOver64KbCountOnceAndBadOnesAreRejectedOnce() throws Exception {
    Random r = new Random(5);
    List<RevisedObservation> all = new ArrayList<>(Streams.ratings(13L, 120, 4));
    List<RevisedObservation> accepted = new ArrayList<>(all);
    List<RevisedObservation> rejected = new ArrayList<>();
    String euros = "\u20ac".repeat(21_846); // 65,538 bytes
    String emoji = "\uD83D\uDE00".repeat(20_000); // paired surrogates: 120,000 bytes
    String lone = "g\uD800".repeat(25_000); // a group with unpaired surrogates: 100,000 bytes
    List<RevisedObservation> longOnes = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Instant at = all.get(r.nextInt(all.size())).at(); // within the stream's disorder
      String group =
          switch (i % 4) {
            case 0 -> euros;
            case 1 -> emoji;
            case 2 -> lone;
            default -> "agent-1";
          };
      String id = i % 3 == 0 ? "S-long-" + i + "-" + "x".repeat(70_000) : "S-long-" + i;
      RevisedObservation o = new RevisedObservation(group, id, 1, 1 + i % 5, at);
      if (group.equals(lone)) {
        rejected.add(o); // a group with an unpaired surrogate, refused as kpi-core refuses it
        continue;
      }
      longOnes.add(o);
      if (i % 4 == 0) {
        longOnes.add(new RevisedObservation(group, id, 2, 5, at)); // revises it
      }
    }
    // rejected: an id with an unpaired surrogate (its snapshot cannot store it), a value off scale
    Instant at = all.get(0).at();
    rejected.add(new RevisedObservation(euros, "\uDC00" + "y".repeat(70_000), 1, 3, at));
    rejected.add(new RevisedObservation(emoji, "S-off-scale", 1, 9, at));
    accepted.addAll(longOnes);
    List<RevisedObservation> arrival = new ArrayList<>(all);
    for (RevisedObservation o : longOnes) {
      arrival.add(r.nextInt(arrival.size()), o);
    }
    for (RevisedObservation o : rejected) {
      arrival.add(r.nextInt(arrival.size()), o);
    }
    input = arrival;
    long bound =
        1 + Streams.maxDisorderMillis(arrival.stream().map(RevisedObservation::at).toList());

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    DataStream<RevisedObservation> observations =
        env.fromSource(
                new DataGeneratorSource<>(
                    (GeneratorFunction<Long, RevisedObservation>) i -> input.get(i.intValue()),
                    arrival.size(),
                    FlinkKpiWindows.revisedObservations()),
                WatermarkStrategy.<RevisedObservation>forBoundedOutOfOrderness(
                        Duration.ofMillis(bound))
                    .withTimestampAssigner((o, ts) -> o.at().toEpochMilli()),
                "ratings")
            .setParallelism(1);
    SingleOutputStreamOperator<KpiWindow<RatingAccumulator>> windows =
        FlinkKpiWindows.revised(
            observations,
            Streams.DAILY,
            Duration.ZERO,
            RatingAccumulator.class,
            () -> RatingAccumulator.create(RatingScale.csatFivePoint()));
    CloseableIterator<KpiWindow<RatingAccumulator>> w = windows.collectAsync();
    CloseableIterator<RevisedObservation> late =
        windows.getSideOutput(FlinkKpiWindows.LATE).collectAsync();
    CloseableIterator<RevisedObservation> bad =
        windows.getSideOutput(FlinkKpiWindows.REJECTED).collectAsync();
    env.execute("servicekit-long-text"); // the job finishes: it would throw if it failed

    Map<String, RatingAccumulator> got = new TreeMap<>();
    w.forEachRemaining(
        x ->
            assertEquals(
                null, got.put(x.group() + "@" + x.start(), x.accumulator()), "emitted twice"));
    w.close();
    Map<String, RatingAccumulator> expected = Streams.windows(accepted);
    assertEquals(expected.keySet(), got.keySet());
    expected.forEach((k, acc) -> assertEquals(acc.result(), got.get(k).result(), k));
    assertTrue(got.keySet().stream().noneMatch(k -> k.startsWith("g\uD800")), "a lone group");
    assertTrue(expected.keySet().stream().anyMatch(k -> k.startsWith(emoji)), "a paired group");
    assertTrue(!late.hasNext(), "no observation is late");
    late.close();
    Map<RevisedObservation, Integer> rejectedOut = new HashMap<>();
    bad.forEachRemaining(o -> rejectedOut.merge(o, 1, Integer::sum));
    bad.close();
    Map<RevisedObservation, Integer> expectedRejected = new HashMap<>();
    rejected.forEach(o -> expectedRejected.merge(o, 1, Integer::sum));
    assertEquals(expectedRejected, rejectedOut);
  }
}
