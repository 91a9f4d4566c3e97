package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retention through the public entry point on a MiniCluster: {@code transitions(..., uid,
 * retention)} releases a finished ticket, its later event comes out of {@code
 * getSideOutput(RELEASED)}, and a ticket reopened within the retention runs on.
 */
class SlaRetentionMiniClusterTest {

  @RegisterExtension
  static final MiniClusterExtension CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(1)
              .build());

  static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  static Instant at(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  @Test
  void aReleasedTicketsLaterEventComesOutOfTheSideOutputAndAReopenedTicketRunsOn()
      throws Exception {
    // T-1 is solved at 10:20 and gets a message at 12:00, after its 1 h retention: whatever the
    // watermark's progress, its release timer (11:20) fires before the message's (12:00).
    // T-2 is solved at 10:30 and reopened at 11:00, within its retention: it runs on and breaches.
    TicketEvent message = new TicketEvent.CustomerMessage("T-1", "T-1-m", at(120));
    List<TicketEvent> events =
        List.of(
            new TicketEvent.Created("T-1", "T-1-c", T0, Map.of(), Set.of()),
            new TicketEvent.Created("T-2", "T-2-c", T0, Map.of(), Set.of()),
            TicketEvent.AgentReply.publicReply("T-1", "T-1-r", at(10)),
            new TicketEvent.StatusChanged("T-1", "T-1-s", at(20), "solved"),
            new TicketEvent.StatusChanged("T-2", "T-2-s", at(30), "solved"),
            new TicketEvent.StatusChanged("T-2", "T-2-o", at(60), "open"),
            message);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    DataStream<TicketEvent> in =
        env.fromData(events, ServicekitTypes.ticketEvents())
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<TicketEvent>forMonotonousTimestamps()
                    .withTimestampAssigner((e, ts) -> e.at().toEpochMilli()));
    SingleOutputStreamOperator<SlaTransition> out =
        FlinkSlaClocks.transitions(
            in,
            Fixtures.policySet(),
            Fixtures.CALENDARS,
            TimeMode.EVENT_TIME,
            "sla-clocks-retained",
            Duration.ofHours(1));
    CloseableIterator<TicketEvent> released =
        out.getSideOutput(FlinkSlaClocks.RELEASED).collectAsync();
    CloseableIterator<SlaTransition> transitions = out.collectAsync();
    env.execute("retention");
    List<SlaTransition> ts = new ArrayList<>();
    transitions.forEachRemaining(ts::add);
    List<TicketEvent> rel = new ArrayList<>();
    released.forEachRemaining(rel::add);
    assertEquals(List.of(message), rel);
    assertTrue(
        ts.stream().filter(t -> t.ticketId().equals("T-1")).allMatch(t -> t.at().isBefore(at(21))),
        "nothing of T-1 after its solve: " + ts);
    assertTrue(
        ts.stream()
            .anyMatch(
                t ->
                    t.ticketId().equals("T-2")
                        && t.kind() == SlaTransition.Kind.BREACHED
                        && t.metric().equals(dev.servicekit.sla.SlaMetric.resolution())),
        "T-2 reopened within the retention runs on to its breach: " + ts);
  }
}
