package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import java.util.stream.Collectors;
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
 * Operator uids: each entry point takes a uid, so one job can run two SLA clock pipelines (two
 * regions, two policy sets) and two revised windows. With the fixed uids of earlier builds such a
 * job failed at execute: "Hash collision on user-specified ID "servicekit-sla-clocks"".
 */
class OperatorUidsTest {

  @RegisterExtension
  static final MiniClusterExtension CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  // Read by the sources' generator functions in this JVM.
  static List<TicketEvent> eu;
  static List<TicketEvent> us;
  static List<RevisedObservation> ratings;

  @Test
  void theDefaultUidsAreThoseOfEarlierBuildsSoSavepointsStillRestore() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    SingleOutputStreamOperator<SlaTransition> clocks =
        FlinkSlaClocks.transitions(
            env.fromData(List.<TicketEvent>of(), ServicekitTypes.ticketEvents()),
            Fixtures.policySet(),
            Fixtures.CALENDARS,
            TimeMode.EVENT_TIME);
    assertEquals("servicekit-sla-clocks", clocks.getTransformation().getUid());
    assertEquals("servicekit-sla-clocks", clocks.getName());
    SingleOutputStreamOperator<KpiWindow<RatingAccumulator>> windows =
        FlinkKpiWindows.revised(
            env.fromData(List.<RevisedObservation>of(), FlinkKpiWindows.revisedObservations()),
            Streams.DAILY,
            Duration.ZERO,
            RatingAccumulator.class,
            () -> RatingAccumulator.create(RatingScale.csatFivePoint()));
    assertEquals("servicekit-kpi-windows", windows.getTransformation().getUid());
    assertEquals("servicekit-kpi-windows", windows.getName());
  }

  @Test
  void aUidMustBeOneToSixtyFourLettersDigitsOrHyphens() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    DataStream<TicketEvent> events =
        env.fromData(List.<TicketEvent>of(), ServicekitTypes.ticketEvents());
    for (String bad : List.of("", " ", "eu sla", "eu\nsla", "x".repeat(65), "sla_eu")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  FlinkSlaClocks.transitions(
                      events, Fixtures.policySet(), Fixtures.CALENDARS, TimeMode.EVENT_TIME, bad));
      assertEquals(
          true,
          e.getMessage().startsWith("uid must be 1-64 letters, digits or '-'"),
          e.getMessage());
    }
    assertEquals(
        "uid must be 1-64 letters, digits or '-', was \"eu\\u000asla\"",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    FlinkSlaClocks.transitions(
                        events,
                        Fixtures.policySet(),
                        Fixtures.CALENDARS,
                        TimeMode.EVENT_TIME,
                        "eu\nsla"))
            .getMessage());
    assertThrows(
        NullPointerException.class,
        () ->
            FlinkSlaClocks.transitions(
                events, Fixtures.policySet(), Fixtures.CALENDARS, TimeMode.EVENT_TIME, null));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            FlinkKpiWindows.revised(
                env.fromData(List.<RevisedObservation>of(), FlinkKpiWindows.revisedObservations()),
                Streams.DAILY,
                Duration.ZERO,
                RatingAccumulator.class,
                () -> RatingAccumulator.create(RatingScale.csatFivePoint()),
                "csat per team"));
    SingleOutputStreamOperator<SlaTransition> named =
        FlinkSlaClocks.transitions(
            events, Fixtures.policySet(), Fixtures.CALENDARS, TimeMode.EVENT_TIME, "sla-eu-2");
    assertEquals("sla-eu-2", named.getTransformation().getUid());
    assertEquals("sla-eu-2", named.getName());
  }

  @Test
  void twoClockPipelinesAndTwoRevisedWindowsRunInOneJob() throws Exception {
    eu = Streams.ticketEvents(31L, 200);
    us = Streams.ticketEvents(32L, 200);
    ratings = Streams.ratings(33L, 2_000, 10);
    List<String> expectedEu = Streams.transitions(Fixtures.policySet(), eu);
    List<String> expectedUs =
        Streams.transitions(
            CombinedCalendarsTest.policySet(), CombinedCalendarsTest.calendars(), us);
    Map<String, RatingAccumulator> expectedWindows = Streams.windows(ratings);

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    DataStream<TicketEvent> euEvents =
        tickets(env, eu.size(), i -> eu.get(i.intValue()), disorder(eu), "eu");
    DataStream<TicketEvent> usEvents =
        tickets(env, us.size(), i -> us.get(i.intValue()), disorder(us), "us");
    long ratingsDisorder =
        Streams.maxDisorderMillis(
            ratings.stream().map(RevisedObservation::at).collect(Collectors.toList()));
    DataStream<RevisedObservation> observations =
        env.fromSource(
            new DataGeneratorSource<>(
                (GeneratorFunction<Long, RevisedObservation>) i -> ratings.get(i.intValue()),
                ratings.size(),
                FlinkKpiWindows.revisedObservations()),
            WatermarkStrategy.<RevisedObservation>forBoundedOutOfOrderness(
                    Duration.ofMillis(ratingsDisorder + 1))
                .withTimestampAssigner((o, ts) -> o.at().toEpochMilli()),
            "ratings");

    CloseableIterator<SlaTransition> euOut =
        FlinkSlaClocks.transitions(
                euEvents, Fixtures.policySet(), Fixtures.CALENDARS, TimeMode.EVENT_TIME, "sla-eu")
            .collectAsync();
    CloseableIterator<SlaTransition> usOut =
        FlinkSlaClocks.transitions(
                usEvents,
                CombinedCalendarsTest.policySet(),
                CombinedCalendarsTest.calendars(),
                TimeMode.EVENT_TIME,
                "sla-us")
            .collectAsync();
    CloseableIterator<KpiWindow<RatingAccumulator>> first = revised(observations, "csat-a");
    CloseableIterator<KpiWindow<RatingAccumulator>> second = revised(observations, "csat-b");
    env.execute("two-pipelines");

    assertEquals(expectedEu, lines(euOut));
    assertEquals(expectedUs, lines(usOut));
    assertEquals(results(expectedWindows), results(windows(first)));
    assertEquals(results(expectedWindows), results(windows(second)));
  }

  private static CloseableIterator<KpiWindow<RatingAccumulator>> revised(
      DataStream<RevisedObservation> observations, String uid) {
    return FlinkKpiWindows.revised(
            observations,
            Streams.DAILY,
            Duration.ZERO,
            RatingAccumulator.class,
            () -> RatingAccumulator.create(RatingScale.csatFivePoint()),
            uid)
        .collectAsync();
  }

  private static DataStream<TicketEvent> tickets(
      StreamExecutionEnvironment env,
      int count,
      GeneratorFunction<Long, TicketEvent> generator,
      long disorderMillis,
      String name) {
    return env.fromSource(
        new DataGeneratorSource<>(generator, count, ServicekitTypes.ticketEvents()),
        WatermarkStrategy.<TicketEvent>forBoundedOutOfOrderness(
                Duration.ofMillis(disorderMillis + 1))
            .withTimestampAssigner((e, ts) -> e.at().toEpochMilli()),
        name);
  }

  private static long disorder(List<TicketEvent> events) {
    return Streams.maxDisorderMillis(
        events.stream().map(TicketEvent::at).collect(Collectors.toList()));
  }

  private static List<String> lines(CloseableIterator<SlaTransition> it) throws Exception {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(t -> out.add(Streams.line(t)));
    it.close();
    Collections.sort(out);
    return out;
  }

  private static Map<String, RatingAccumulator> windows(
      CloseableIterator<KpiWindow<RatingAccumulator>> it) throws Exception {
    Map<String, RatingAccumulator> out = new TreeMap<>();
    it.forEachRemaining(w -> out.put(w.group() + "@" + w.start(), w.accumulator()));
    it.close();
    return out;
  }

  private static Map<String, Object> results(Map<String, RatingAccumulator> windows) {
    Map<String, Object> out = new TreeMap<>();
    windows.forEach((k, v) -> out.put(k, v.result()));
    return out;
  }
}
