package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servicekit.sla.EventAnomaly;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * Anomalies on Kafka Streams: a ticket whose severity the matrix does not list got the matrix
 * default without a word on the stream (the in-process evaluation reported it in {@code
 * anomalies()}, the topology nowhere). Now each anomaly an applied record adds is counted in {@code
 * event-anomalies-total} and, with an anomalies topic, sent there as {@link
 * EventAnomaly#toJson(String)}; the in-process clock fed the same events is the oracle.
 */
class SlaAnomaliesTopologyTest {

  private static final Instant T0 = SlaClockTopologyTest.T0;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A severity x tier matrix with a default priority; first response 1 h, resolution 8 h. */
  static SlaPolicySet matrixPolicySet() {
    SlaPolicy p =
        SlaPolicy.builder("standard")
            .matrix(
                PriorityMatrix.builder()
                    .cell("s1", "gold", "urgent")
                    .cell("s2", "gold", "normal")
                    .cell("s1", "silver", "normal")
                    .cell("s2", "silver", "normal")
                    .defaultPriority("normal")
                    .build())
            .target("urgent", SlaMetric.firstResponse(), Duration.ofMinutes(15))
            .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
            .target("urgent", SlaMetric.resolution(), Duration.ofHours(4))
            .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
            .build();
    return SlaPolicySet.builder()
        .statuses("new", "open", "pending", "solved")
        .solvedStatuses("solved")
        .defaultPolicy(p)
        .build();
  }

  private static SlaClockTopology.Builder topology() {
    return SlaClockTopology.builder(matrixPolicySet(), Map.of());
  }

  private static TestOutputTopic<String, String> anomalies(TopologyTestDriver d) {
    return d.createOutputTopic(
        "sla-anomalies", Serdes.String().deserializer(), Serdes.String().deserializer());
  }

  private static TicketEvent created(String t, Instant at, String severity, String tier) {
    Map<String, String> attrs = new HashMap<>();
    if (severity != null) {
      attrs.put("severity", severity);
    }
    if (tier != null) {
      attrs.put("tier", tier);
    }
    return TicketEvent.Created.byCustomer(t, t + "-c", at, attrs, Set.of());
  }

  /** The anomalies of the in-process clock fed {@code events}, as the topic's JSON lines. */
  private static List<String> inProcess(String ticket, List<TicketEvent> events, Instant at) {
    SlaClock clock = SlaClock.of(matrixPolicySet(), Map.of(), ticket);
    events.forEach(clock::accept);
    return clock.evaluate(at).anomalies().stream().map(a -> a.toJson(ticket)).toList();
  }

  @Test
  void anUnknownSeverityIsSentToTheAnomaliesTopicAndCountedOnce() throws Exception {
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(topology().anomaliesTopic("sla-anomalies").build())) {
      var in = SlaClockTopologyTest.in(d);
      var out = anomalies(d);
      TicketEvent c = created("T-1", T0, "blocker", "gold");
      SlaClockTopologyTest.pipe(in, c);
      List<String> lines = out.readValuesToList();
      assertEquals(inProcess("T-1", List.of(c), T0), lines);
      assertFalse(lines.isEmpty(), "the unknown severity is an anomaly in process too");
      JsonNode first = JSON.readTree(lines.get(0));
      assertEquals("T-1", first.get("ticketId").textValue());
      assertEquals("T-1-c", first.get("eventId").textValue());
      assertEquals(T0.toString(), first.get("at").textValue());
      assertTrue(first.get("reason").textValue().contains("blocker"), lines.get(0));
      double counted = SlaRetentionTopologyTest.metric(d, "event-anomalies-total");
      assertEquals(lines.size(), counted);

      // A redelivery adds nothing; a reply adds nothing; neither is reported again.
      SlaClockTopologyTest.pipe(in, c);
      SlaClockTopologyTest.pipe(
          in, TicketEvent.AgentReply.publicReply("T-1", "r1", T0.plus(Duration.ofMinutes(5))));
      assertTrue(out.isEmpty());
      assertEquals(counted, SlaRetentionTopologyTest.metric(d, "event-anomalies-total"));
    }
  }

  @Test
  void aLateEventBeforeTheCreationIsReportedWhenItArrives() {
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(topology().anomaliesTopic("sla-anomalies").build())) {
      var in = SlaClockTopologyTest.in(d);
      var out = anomalies(d);
      TicketEvent c = created("T-2", T0.plus(Duration.ofMinutes(30)), "s1", "gold");
      SlaClockTopologyTest.pipe(in, c);
      assertTrue(out.isEmpty(), "known values: no anomaly");
      TicketEvent early = new TicketEvent.CustomerMessage("T-2", "m0", T0);
      in.pipeInput("T-2", early, T0.plus(Duration.ofMinutes(31)));
      List<String> lines = out.readValuesToList();
      assertEquals(inProcess("T-2", List.of(c, early), T0.plus(Duration.ofMinutes(31))), lines);
      assertEquals(1, lines.size(), lines.toString());
    }
  }

  /**
   * An anomaly of an event stamped before 1970 (supported from 1900): a Kafka record cannot carry a
   * negative timestamp, so stamping the anomaly with its event's time failed the producer and the
   * task. It carries the timestamp of the record that added it.
   */
  @Test
  void anAnomalyOfAnEventBefore1970CarriesItsRecordsTimestamp() {
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(topology().anomaliesTopic("sla-anomalies").build())) {
      var in = SlaClockTopologyTest.in(d);
      var out = anomalies(d);
      SlaClockTopologyTest.pipe(in, created("T-5", T0, "s1", "gold"));
      Instant recordTime = T0.plus(Duration.ofMinutes(1));
      TicketEvent ancient =
          new TicketEvent.CustomerMessage("T-5", "m-1965", Instant.parse("1965-05-01T08:00:00Z"));
      in.pipeInput("T-5", ancient, recordTime);
      var records = out.readRecordsToList();
      assertEquals(1, records.size(), records.toString());
      assertEquals(recordTime, records.get(0).getRecordTime());
      assertTrue(records.get(0).getValue().contains("1965-05-01T08:00:00Z"));
    }
  }

  @Test
  void withoutATopicAnomaliesAreOnlyCounted() {
    try (TopologyTestDriver d = SlaClockTopologyTest.driver(topology().build())) {
      var in = SlaClockTopologyTest.in(d);
      SlaClockTopologyTest.pipe(in, created("T-3", T0, "s1", "platinum"));
      SlaClockTopologyTest.pipe(in, created("T-4", T0, "s1", "gold"));
      assertEquals(
          inProcess("T-3", List.of(created("T-3", T0, "s1", "platinum")), T0).size(),
          SlaRetentionTopologyTest.metric(d, "event-anomalies-total"));
      assertTrue(SlaRetentionTopologyTest.metric(d, "event-anomalies-total") > 0);
    }
  }

  @Test
  void theAnomaliesTopicMustDifferFromTheOtherTopics() {
    for (String t : List.of("ticket-events", "sla-transitions", "dead")) {
      assertThrows(
          IllegalArgumentException.class,
          () -> topology().deadLetterTopic("dead").anomaliesTopic(t).build(),
          t);
    }
    assertThrows(NullPointerException.class, () -> topology().anomaliesTopic(null));
  }

  /**
   * Random tickets (severity and tier from known, unknown and absent values, changes, replies,
   * early messages), delivered shuffled with redeliveries: every anomaly of each ticket's final
   * in-process evaluation was sent (as many times at least), and the counter counts every line
   * sent.
   */
  @Test
  void everyFinalAnomalyOfRandomShuffledTicketsWasSent() {
    Random r = new Random(7);
    String[] severities = {"s1", "s2", "blocker", null};
    String[] tiers = {"gold", "silver", "platinum", null};
    for (int round = 0; round < 20; round++) {
      try (TopologyTestDriver d =
          SlaClockTopologyTest.driver(topology().anomaliesTopic("sla-anomalies").build())) {
        var in = SlaClockTopologyTest.in(d);
        var out = anomalies(d);
        Map<String, List<TicketEvent>> byTicket = new HashMap<>();
        List<TicketEvent> all = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          String id = "R" + round + "-" + t;
          List<TicketEvent> es = new ArrayList<>();
          Instant at = T0.plus(Duration.ofMinutes(r.nextInt(60)));
          es.add(
              created(
                  id,
                  at,
                  severities[r.nextInt(severities.length)],
                  tiers[r.nextInt(tiers.length)]));
          for (int k = 0; k < 6; k++) {
            Instant e = at.plus(Duration.ofMinutes(r.nextInt(240) - 30));
            String eid = id + "-" + k;
            es.add(
                switch (r.nextInt(3)) {
                  case 0 -> new TicketEvent.CustomerMessage(id, eid, e);
                  case 1 -> TicketEvent.AgentReply.publicReply(id, eid, e);
                  default -> {
                    String v = severities[r.nextInt(severities.length - 1)];
                    yield new TicketEvent.AttributeChanged(id, eid, e, "severity", v);
                  }
                });
          }
          byTicket.put(id, es);
          all.addAll(es);
          if (r.nextBoolean()) {
            all.add(es.get(r.nextInt(es.size()))); // a redelivery
          }
        }
        java.util.Collections.shuffle(all, r);
        Instant streamTime = Instant.MIN;
        for (TicketEvent e : all) {
          in.pipeInput(e.ticketId(), e, e.at());
          streamTime = e.at().isAfter(streamTime) ? e.at() : streamTime;
        }
        Map<String, Integer> sent = new HashMap<>();
        List<String> lines = out.readValuesToList();
        lines.forEach(l -> sent.merge(l, 1, Integer::sum));
        for (Map.Entry<String, List<TicketEvent>> t : byTicket.entrySet()) {
          Instant last =
              t.getValue().stream().map(TicketEvent::at).max(Instant::compareTo).orElseThrow();
          Instant at = streamTime.isAfter(last) ? streamTime : last;
          Map<String, Integer> fin = new HashMap<>();
          inProcess(t.getKey(), t.getValue(), at).forEach(l -> fin.merge(l, 1, Integer::sum));
          for (Map.Entry<String, Integer> a : fin.entrySet()) {
            assertTrue(
                sent.getOrDefault(a.getKey(), 0) >= a.getValue(),
                "round " + round + ": not sent: " + a.getKey() + " of " + lines);
          }
        }
        assertEquals(lines.size(), SlaRetentionTopologyTest.metric(d, "event-anomalies-total"));
      }
    }
  }
}
