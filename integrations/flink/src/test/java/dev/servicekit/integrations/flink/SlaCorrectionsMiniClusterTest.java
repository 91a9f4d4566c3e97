package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.EventCorrection;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketInput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
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

/**
 * Corrections through a real job on a local MiniCluster: events and corrections ({@link
 * TicketInput}, through {@link ServicekitTypes#ticketInputs()}'s serializer and the network stack),
 * out of order within the watermark bound, originals redelivered after their corrections, one
 * source in arrival order and the SLA operator at parallelism 2. A consumer keeping the last
 * transition per cycle ends holding exactly each ticket's fresh clock fed the final corrected
 * history, a cycle taken away last reported {@code CANCELLED}. The operator harness properties
 * ({@link SlaCorrectionsHarnessProperties}) prove the same on the function alone; this is the
 * serializers, the keyed exchange and the watermarks of a running job.
 */
class SlaCorrectionsMiniClusterTest {

  @RegisterExtension
  static final MiniClusterExtension CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  // The generated stream, read by the source's generator function in this JVM.
  static List<TicketInput> inputs;
  static long[] timestamps; // per input: the event's time, or for a correction the latest so far
  static Map<String, Map<String, TicketEvent>> model;
  static long disorderMillis;
  static final Instant END = Streams.BASE.plus(Duration.ofDays(30));

  @BeforeAll
  static void generate() {
    Random r = new Random(1606);
    List<TicketEvent> events = Streams.ticketEvents(r.nextLong(), 300);
    disorderMillis =
        Streams.maxDisorderMillis(
            events.stream().map(TicketEvent::at).collect(Collectors.toList()));
    inputs = SlaCorrectionsHarnessProperties.inputs(r, events, 800);
    timestamps = new long[inputs.size()];
    long latest = 0;
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i) instanceof TicketEvent e) {
        timestamps[i] = e.at().toEpochMilli();
        latest = Math.max(latest, timestamps[i]);
      } else {
        timestamps[i] = latest; // a correction is stamped "now": it moves nothing
      }
    }
    model = new LinkedHashMap<>();
    for (TicketInput in : inputs) {
      SlaCorrectionsHarnessProperties.apply(model, in);
    }
  }

  @Test
  void theStreamHasCorrectionsOfEveryKind() {
    assertTrue(
        inputs.stream().filter(i -> i instanceof EventCorrection c && c.isRetraction()).count()
            > 100);
    assertTrue(
        inputs.stream().filter(i -> i instanceof EventCorrection c && !c.isRetraction()).count()
            > 100);
    assertTrue(model.size() > 100, "tickets: " + model.size());
  }

  @Test
  void theConsumersLastTransitionPerCycleIsTheFreshClockOfTheFinalHistory() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    DataStream<TicketInput> in =
        env.fromSource(
                new DataGeneratorSource<>(
                    (GeneratorFunction<Long, TicketInput>) i -> inputs.get(i.intValue()),
                    inputs.size(),
                    ServicekitTypes.ticketInputs()),
                WatermarkStrategy.<TicketInput>forBoundedOutOfOrderness(
                        Duration.ofMillis(disorderMillis + 1))
                    .withTimestampAssigner((x, ts) -> stampOf(x)),
                "ticket-inputs")
            .setParallelism(1); // arrival order per ticket, as one partition gives it
    CloseableIterator<SlaTransition> out =
        FlinkSlaClocks.transitionsWithCorrections(
                in,
                Fixtures.policySet(),
                Fixtures.CALENDARS,
                TimeMode.EVENT_TIME,
                "sla-corrections",
                FlinkSlaClocks.Options.defaults().liveClockCache(64))
            .collectAsync();
    env.execute("servicekit-corrections");

    Map<String, List<SlaTransition>> byTicket = new TreeMap<>();
    out.forEachRemaining(
        t -> byTicket.computeIfAbsent(t.ticketId(), k -> new ArrayList<>()).add(t));
    out.close();
    int checked = 0;
    for (Map.Entry<String, Map<String, TicketEvent>> t : model.entrySet()) {
      String ticket = t.getKey();
      Map<String, List<Integer>> folded =
          SlaCorrectionsHarnessProperties.fold(byTicket.getOrDefault(ticket, List.of()));
      SlaClock fresh = SlaClock.of(Fixtures.policySet(), Fixtures.CALENDARS, ticket);
      t.getValue().values().forEach(fresh::accept);
      SlaEvaluation expected;
      try {
        expected = t.getValue().isEmpty() ? null : fresh.evaluate(END);
      } catch (IllegalStateException noCreated) {
        expected = null;
      }
      Map<String, List<Integer>> cycles = new TreeMap<>();
      if (expected != null) {
        for (MetricCycle c : expected.cycles()) {
          cycles.put(
              c.id(),
              List.of(
                  c.state().ordinal(), c.warningPercent(), SlaTransition.level(c.escalation())));
        }
      }
      Map<String, List<Integer>> gone = new TreeMap<>(folded);
      gone.keySet().removeAll(cycles.keySet());
      folded.keySet().retainAll(cycles.keySet());
      assertEquals(
          cycles, new TreeMap<>(folded), ticket + ": the consumer's last transition per cycle");
      for (Map.Entry<String, List<Integer>> g : gone.entrySet()) {
        assertEquals(List.of(CycleState.CANCELLED.ordinal(), 0, 0), g.getValue(), ticket + " " + g);
      }
      checked += cycles.size();
    }
    assertTrue(checked > 500, "cycles checked: " + checked);
  }

  /** The record timestamp of an input (a static lookup: the assigner runs in this JVM). */
  private static long stampOf(TicketInput x) {
    if (x instanceof TicketEvent e) {
      return e.at().toEpochMilli();
    }
    int i = inputs.indexOf(x);
    return timestamps[i];
  }
}
