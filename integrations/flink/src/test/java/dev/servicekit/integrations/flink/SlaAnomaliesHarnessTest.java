package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.EventCorrection;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketInput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Anomalies on Flink: a ticket whose severity the matrix does not list got the matrix default
 * without a word on the stream. Now each anomaly an applied record adds goes to {@link
 * FlinkSlaClocks#ANOMALIES} as {@link dev.servicekit.sla.EventAnomaly#toJson(String)} and is
 * counted in {@code servicekitEventAnomalies}; the in-process clock fed the same events is the
 * oracle.
 */
class SlaAnomaliesHarnessTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  /** A severity x tier matrix with a default priority; first response 1 h, resolution 8 h. */
  private static SlaPolicySet matrixPolicySet() {
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
            .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
            .build();
    return SlaPolicySet.builder()
        .statuses("new", "open", "pending", "solved")
        .solvedStatuses("solved")
        .defaultPolicy(p)
        .build();
  }

  private static MeteredHarness harness(TimeMode mode) throws Exception {
    MeteredHarness h =
        new MeteredHarness(FlinkSlaClocks.function(matrixPolicySet(), Map.of(), mode));
    h.harness.open();
    return h;
  }

  private static List<String> lines(
      KeyedOneInputStreamOperatorTestHarness<String, ?, ?> h, int from) {
    var q = h.getSideOutput(FlinkSlaClocks.ANOMALIES);
    List<String> all = q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
    return all.subList(Math.min(from, all.size()), all.size());
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

  private static List<String> inProcess(String ticket, List<TicketEvent> events, Instant at) {
    SlaClock clock = SlaClock.of(matrixPolicySet(), Map.of(), ticket);
    events.forEach(clock::accept);
    return clock.evaluate(at).anomalies().stream().map(a -> a.toJson(ticket)).toList();
  }

  @Test
  void anUnknownSeverityGoesToTheSideOutputWhenTheWatermarkAppliesIt() throws Exception {
    try (MeteredHarness h = harness(TimeMode.EVENT_TIME)) {
      TicketEvent c = created("T-1", T0, "blocker", "gold");
      h.send(c);
      assertEquals(List.of(), lines(h.harness, 0), "waiting for the watermark");
      h.harness.processWatermark(T0.toEpochMilli());
      List<String> sent = lines(h.harness, 0);
      assertEquals(inProcess("T-1", List.of(c), T0), sent);
      assertFalse(sent.isEmpty());
      assertTrue(sent.get(0).contains("blocker"), sent.get(0));
      assertEquals(sent.size(), h.count("servicekitEventAnomalies"));

      // A late redelivery and a reply add nothing; a late message before the creation adds one.
      h.send(c);
      h.send(TicketEvent.AgentReply.publicReply("T-1", "r1", T0.plusSeconds(1)));
      h.harness.processWatermark(T0.plusSeconds(60).toEpochMilli());
      assertEquals(List.of(), lines(h.harness, sent.size()));
      TicketEvent early = new TicketEvent.CustomerMessage("T-1", "m0", T0.minusSeconds(60));
      h.send(early);
      List<String> more = lines(h.harness, sent.size());
      List<String> all =
          inProcess(
              "T-1",
              List.of(c, TicketEvent.AgentReply.publicReply("T-1", "r1", T0.plusSeconds(1)), early),
              T0.plusSeconds(60));
      assertEquals(1, more.size(), more.toString());
      assertTrue(all.contains(more.get(0)), more + " not in " + all);
      assertEquals(sent.size() + 1, h.count("servicekitEventAnomalies"));
    }
  }

  @Test
  void inProcessingTimeTheEventItselfReportsIt() throws Exception {
    try (MeteredHarness h = harness(TimeMode.PROCESSING_TIME)) {
      h.harness.setProcessingTime(T0.toEpochMilli());
      TicketEvent c = created("T-2", T0, "s1", "platinum");
      h.send(c);
      assertEquals(inProcess("T-2", List.of(c), T0), lines(h.harness, 0));
      assertTrue(h.count("servicekitEventAnomalies") > 0);
    }
  }

  @Test
  void aReplacementThatSetsAnUnknownTierIsReported() throws Exception {
    var f =
        FlinkSlaClocks.functionWithCorrections(
            matrixPolicySet(), Map.of(), TimeMode.EVENT_TIME, FlinkSlaClocks.Options.defaults());
    try (var h =
        new KeyedOneInputStreamOperatorTestHarness<
            String, TicketInput, dev.servicekit.sla.SlaTransition>(
            new KeyedProcessOperator<>(f), TicketInput::ticketId, Types.STRING)) {
      h.open();
      TicketEvent c = created("T-3", T0, "s1", "gold");
      h.processElement(c, T0.toEpochMilli());
      h.processWatermark(T0.toEpochMilli());
      assertEquals(List.of(), lines(h, 0));
      TicketEvent fixed = created("T-3", T0, "s1", "diamond");
      h.processElement(EventCorrection.replace(fixed), T0.toEpochMilli());
      assertEquals(inProcess("T-3", List.of(fixed), T0), lines(h, 0));
      assertFalse(lines(h, 0).isEmpty());
    }
  }

  /**
   * Random tickets (known, unknown and absent severities and tiers, changes, replies, early
   * messages) sent shuffled with redeliveries under a watermark that lags a few minutes: every
   * anomaly of each ticket's final in-process evaluation was sent (as many times at least), and the
   * counter counts every line sent.
   */
  @Test
  void everyFinalAnomalyOfRandomShuffledTicketsWasSent() throws Exception {
    Random r = new Random(11);
    String[] severities = {"s1", "s2", "blocker", null};
    String[] tiers = {"gold", "silver", "platinum", null};
    for (int round = 0; round < 15; round++) {
      try (MeteredHarness h = harness(TimeMode.EVENT_TIME)) {
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
                  default ->
                      new TicketEvent.AttributeChanged(
                          id, eid, e, "severity", severities[r.nextInt(severities.length - 1)]);
                });
          }
          byTicket.put(id, es);
          all.addAll(es);
          if (r.nextBoolean()) {
            all.add(es.get(r.nextInt(es.size()))); // a redelivery
          }
        }
        Collections.shuffle(all, r);
        Instant max = Instant.MIN;
        for (TicketEvent e : all) {
          h.send(e);
          max = e.at().isAfter(max) ? e.at() : max;
          h.harness.processWatermark(max.minus(Duration.ofMinutes(5)).toEpochMilli());
        }
        h.harness.processWatermark(max.toEpochMilli());
        List<String> sent = lines(h.harness, 0);
        Map<String, Integer> counts = new HashMap<>();
        sent.forEach(l -> counts.merge(l, 1, Integer::sum));
        for (Map.Entry<String, List<TicketEvent>> t : byTicket.entrySet()) {
          Map<String, Integer> fin = new HashMap<>();
          inProcess(t.getKey(), t.getValue(), max).forEach(l -> fin.merge(l, 1, Integer::sum));
          for (Map.Entry<String, Integer> a : fin.entrySet()) {
            assertTrue(
                counts.getOrDefault(a.getKey(), 0) >= a.getValue(),
                "round " + round + ": not sent: " + a.getKey() + " of " + sent);
          }
        }
        assertEquals(sent.size(), h.count("servicekitEventAnomalies"));
      }
    }
  }
}
