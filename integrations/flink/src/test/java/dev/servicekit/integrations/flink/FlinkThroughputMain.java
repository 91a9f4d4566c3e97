package dev.servicekit.integrations.flink;

import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.legacy.DiscardingSink;

/**
 * Indicative throughput, not a test: the equivalence streams (about 100k ticket events and 100k
 * rating revisions) through a local Flink MiniCluster job at parallelism 2 against in-process
 * servicekit (the oracle of {@link FlinkEquivalenceTest}) on the same streams. Reports the median
 * of 5 runs after 2 warm-up runs, in events per second. Run from the repository root:
 *
 * <pre>{@code
 * ./mvnw -B -q -pl integrations/flink -am test-compile dependency:build-classpath -DskipTests \
 *   -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp integrations/flink/target/test-classes:integrations/flink/target/classes:$(cat /tmp/cp.txt) \
 *   dev.servicekit.integrations.flink.FlinkThroughputMain
 * }</pre>
 */
public final class FlinkThroughputMain {

  static List<TicketEvent> events;
  static List<RevisedObservation> ratings;

  private FlinkThroughputMain() {}

  /**
   * Runs the measurement.
   *
   * @param args ignored
   * @throws Exception if the job fails
   */
  public static void main(String[] args) throws Exception {
    events = Streams.ticketEvents(18L, 6_000);
    ratings = Streams.ratings(19L, 50_000, 60);
    long total = events.size() + ratings.size();
    long disorder =
        Math.max(
            Streams.maxDisorderMillis(
                events.stream().map(TicketEvent::at).collect(Collectors.toList())),
            Streams.maxDisorderMillis(
                ratings.stream().map(RevisedObservation::at).collect(Collectors.toList())));
    double[] inProcess = new double[5];
    double[] flink = new double[5];
    for (int i = -2; i < 5; i++) {
      long t0 = System.nanoTime();
      int sink = Streams.transitions(Fixtures.policySet(), events).size();
      sink += Streams.windows(ratings).size();
      long t1 = System.nanoTime();
      runFlink(disorder);
      long t2 = System.nanoTime();
      if (i >= 0) {
        inProcess[i] = total / ((t1 - t0) / 1e9);
        flink[i] = total / ((t2 - t1) / 1e9);
      }
      if (sink == 0) {
        throw new AssertionError("nothing computed");
      }
    }
    Arrays.sort(inProcess);
    Arrays.sort(flink);
    System.out.printf(
        "events=%d in-process median %.0f ev/s [%.0f..%.0f]; flink minicluster p=2 median %.0f ev/s"
            + " [%.0f..%.0f]; ratio flink/in-process %.3f%n",
        total,
        inProcess[2],
        inProcess[0],
        inProcess[4],
        flink[2],
        flink[0],
        flink[4],
        flink[2] / inProcess[2]);
  }

  private static void runFlink(long disorderMillis) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    Duration bound = Duration.ofMillis(disorderMillis + 1);
    var ticketEvents =
        env.fromSource(
            source(
                events.size(),
                (GeneratorFunction<Long, TicketEvent>) i -> events.get(i.intValue()),
                ServicekitTypes.ticketEvents()),
            WatermarkStrategy.<TicketEvent>forBoundedOutOfOrderness(bound)
                .withTimestampAssigner((e, ts) -> e.at().toEpochMilli()),
            "ticket-events");
    var observations =
        env.fromSource(
            source(
                ratings.size(),
                (GeneratorFunction<Long, RevisedObservation>) i -> ratings.get(i.intValue()),
                FlinkKpiWindows.revisedObservations()),
            WatermarkStrategy.<RevisedObservation>forBoundedOutOfOrderness(bound)
                .withTimestampAssigner((o, ts) -> o.at().toEpochMilli()),
            "ratings");
    FlinkSlaClocks.transitions(
            ticketEvents, Fixtures.policySet(), Fixtures.CALENDARS, TimeMode.EVENT_TIME)
        .addSink(new DiscardingSink<>());
    FlinkKpiWindows.revised(
            observations,
            Streams.DAILY,
            Duration.ZERO,
            RatingAccumulator.class,
            () -> RatingAccumulator.create(RatingScale.csatFivePoint()))
        .addSink(new DiscardingSink<>());
    env.execute("servicekit-throughput");
  }

  private static <T> DataGeneratorSource<T> source(
      int count, GeneratorFunction<Long, T> generator, TypeInformation<T> type) {
    return new DataGeneratorSource<>(generator, count, type);
  }
}
