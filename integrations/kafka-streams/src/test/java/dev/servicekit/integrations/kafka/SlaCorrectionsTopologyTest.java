package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servicekit.sla.EventCorrection;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketEventJson;
import dev.servicekit.sla.TicketInput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * Corrections on the SLA topology, case by case: what a consumer of the transitions sees when a
 * correction lifts a breach or takes a cycle away, and what happens to a correction that matches
 * nothing or that the clock rejects. Earlier builds rejected every correction record as
 * undecodable.
 */
class SlaCorrectionsTopologyTest {

  private static final Instant T0 = SlaClockTopologyTest.T0;

  private static TopologyTestDriver driver() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "sla-corrections-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return IsolatedTopologyTestDriver.open(
        SlaClockTopologyTest.topology().deadLetterTopic("sla-dead").build().build(), p, T0);
  }

  private static TestInputTopic<String, TicketInput> in(TopologyTestDriver d) {
    return d.createInputTopic(
        "ticket-events",
        Serdes.String().serializer(),
        ServicekitSerdes.ticketInputs().serializer());
  }

  private static void pipe(TestInputTopic<String, TicketInput> in, TicketInput v, Instant ts) {
    in.pipeInput(v.ticketId(), v, ts);
  }

  private static Instant min(int m) {
    return T0.plus(Duration.ofMinutes(m));
  }

  private static List<String> of(TopologyTestDriver d, String ticket, SlaMetric metric) {
    return SlaClockTopologyTest.kinds(
        SlaClockTopologyTest.out(d).readValuesToList().stream()
            .filter(t -> t.ticketId().equals(ticket))
            .toList(),
        metric);
  }

  @Test
  void aReplacementThatLiftsABreachEmitsTheCorrectedState() {
    try (TopologyTestDriver d = driver()) {
      var in = in(d);
      pipe(in, SlaClockTopologyTest.created("T-1", T0), T0);
      TicketEvent note = TicketEvent.AgentReply.internalNote("T-1", "r1", min(30));
      pipe(in, note, min(30));
      pipe(in, SlaClockTopologyTest.created("T-2", min(70)), min(70)); // stream time 10:10
      List<String> before = of(d, "T-1", SlaMetric.firstResponse());
      assertTrue(before.get(before.size() - 1).startsWith("BREACHED@"), before.toString());
      // The CRM: that 09:30 reply was public after all.
      pipe(
          in,
          EventCorrection.replace(TicketEvent.AgentReply.publicReply("T-1", "r1", min(30))),
          min(70));
      // Evaluated at the task's time, 10:10: achieved at 09:30, so no longer breached.
      assertEquals(
          List.of("ACHIEVED@2026-03-02T10:10:00Z"), of(d, "T-1", SlaMetric.firstResponse()));
    }
  }

  @Test
  void aRetractionThatTakesABreachedCycleAwayWithdrawsIt() {
    try (TopologyTestDriver d = driver()) {
      var in = in(d);
      pipe(in, SlaClockTopologyTest.created("T-1", T0), T0);
      pipe(in, TicketEvent.AgentReply.publicReply("T-1", "r1", min(10)), min(10));
      pipe(in, new TicketEvent.CustomerMessage("T-1", "m1", min(20)), min(20));
      pipe(in, SlaClockTopologyTest.created("T-2", min(200)), min(200)); // next reply breached
      List<String> before = of(d, "T-1", SlaMetric.nextResponse());
      assertTrue(before.get(before.size() - 1).startsWith("BREACHED@"), before.toString());
      // The customer's message is deleted in the CRM: there was nothing to reply to.
      pipe(in, EventCorrection.retract("T-1", "m1"), min(200));
      assertEquals(
          List.of("CANCELLED@2026-03-02T12:20:00Z"), of(d, "T-1", SlaMetric.nextResponse()));
      assertEquals(0.0, SlaRetentionTopologyTest.metric(d, "unmatched-corrections-total"));
    }
  }

  @Test
  void aRetractionOfAPauseMovesTheTimerAndTheBreachFollowsTheCorrectedClock() {
    try (TopologyTestDriver d = driver()) {
      var in = in(d);
      pipe(in, SlaClockTopologyTest.created("T-1", T0), T0);
      pipe(in, TicketEvent.AgentReply.publicReply("T-1", "r1", min(10)), min(10));
      pipe(in, new TicketEvent.StatusChanged("T-1", "p1", min(20), "pending"), min(20));
      // Paused from 09:20: resolution (8 h) is not breached at 17:30.
      pipe(in, SlaClockTopologyTest.created("T-2", min(510)), min(510));
      assertEquals(
          List.of(),
          of(d, "T-1", SlaMetric.resolution()).stream()
              .filter(k -> k.startsWith("BREACHED"))
              .toList());
      // The pending status was set by mistake: resolution ran all along, due at 17:00.
      pipe(in, EventCorrection.retract("T-1", "p1"), min(510));
      assertEquals(
          List.of("BREACHED@2026-03-02T17:30:00Z"),
          of(d, "T-1", SlaMetric.resolution()).stream()
              .filter(k -> !k.startsWith("WARNING"))
              .toList());
    }
  }

  @Test
  void aReplacementTheClockRefusesIsABadRecordAlsoForATicketNeverSeen() throws Exception {
    // Before: for a ticket with a stored clock such a replacement was rejected (validated first),
    // for a ticket never seen it was counted as a correction that matched nothing, not
    // dead-lettered; Flink rejects it in both cases.
    try (TopologyTestDriver d = driver()) {
      var in = in(d);
      pipe(in, SlaClockTopologyTest.created("T-1", T0), T0);
      EventCorrection known =
          EventCorrection.replace(new TicketEvent.StatusChanged("T-1", "s1", T0, "no-such"));
      EventCorrection unknown =
          EventCorrection.replace(new TicketEvent.StatusChanged("T-9", "s1", T0, "no-such"));
      pipe(in, known, T0);
      pipe(in, unknown, T0);
      assertEquals(0.0, SlaRetentionTopologyTest.metric(d, "unmatched-corrections-total"));
      assertEquals(2.0, RejectedKpiRecordsProperties.rejectedTotal(d, "sla-clocks"));
      var dead =
          d.createOutputTopic(
              "sla-dead", Serdes.String().deserializer(), Serdes.String().deserializer());
      List<String> keys = dead.readKeyValuesToList().stream().map(kv -> kv.key).toList();
      assertEquals(List.of("T-1", "T-9"), keys);
      assertNull(SlaRetentionTopologyTest.clocks(d).get("T-9"));
    }
  }

  @Test
  void correctionsThatMatchNothingAreCountedAndChangeNothing() {
    try (TopologyTestDriver d = driver()) {
      var in = in(d);
      pipe(in, SlaClockTopologyTest.created("T-1", T0), T0);
      KeyValueStore<String, byte[]> clocks = SlaRetentionTopologyTest.clocks(d);
      byte[] stored = clocks.get("T-1");
      SlaClockTopologyTest.out(d).readValuesToList();
      pipe(in, EventCorrection.retract("T-1", "no-such-event"), T0);
      pipe(in, EventCorrection.retract("T-9", "T-9-c"), T0); // a ticket never seen
      pipe(
          in, EventCorrection.replace(new TicketEvent.CustomerMessage("T-1", "later", min(5))), T0);
      assertEquals(3.0, SlaRetentionTopologyTest.metric(d, "unmatched-corrections-total"));
      assertEquals(0.0, RejectedKpiRecordsProperties.rejectedTotal(d, "sla-clocks"));
      assertArrayEquals(stored, clocks.get("T-1"));
      assertNull(clocks.get("T-9"));
      assertEquals(List.of(), SlaClockTopologyTest.out(d).readValuesToList());
    }
  }

  /**
   * A correction for a released ticket is routed as an event for it is: its record goes unchanged
   * to the released topic, counted, and nothing is emitted; a reader of that topic must read it
   * with {@code readInput} (README, "An event for a released ticket").
   */
  @Test
  void aCorrectionForAReleasedTicketGoesUnchangedToTheReleasedTopic() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "sla-corrections-released-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try (TopologyTestDriver d =
        IsolatedTopologyTestDriver.open(
            SlaClockTopologyTest.topology()
                .retention(SlaRetentionTopologyTest.RETENTION)
                .build()
                .build(),
            p,
            T0)) {
      var in = in(d);
      pipe(in, SlaClockTopologyTest.created("T-1", T0), T0);
      pipe(in, TicketEvent.AgentReply.publicReply("T-1", "r1", min(10)), min(10));
      pipe(in, new TicketEvent.StatusChanged("T-1", "s1", min(20), "solved"), min(20));
      pipe(in, SlaClockTopologyTest.created("T-2", min(180)), min(180)); // T-1 released
      assertTrue(
          SlaRetentionTopologyTest.isReleasedMarker(SlaRetentionTopologyTest.clocks(d).get("T-1")));
      SlaClockTopologyTest.out(d).readValuesToList();
      EventCorrection retraction = EventCorrection.retract("T-1", "r1");
      pipe(in, retraction, min(181));
      var rel = SlaRetentionTopologyTest.released(d).readRecord();
      assertEquals("T-1", rel.key());
      assertEquals(
          retraction, TicketEventJson.readInput(new String(rel.value(), StandardCharsets.UTF_8)));
      assertEquals(1.0, SlaRetentionTopologyTest.metric(d, "released-ticket-records-total"));
      assertEquals(0.0, SlaRetentionTopologyTest.metric(d, "unmatched-corrections-total"));
      assertEquals(List.of(), of(d, "T-1", SlaMetric.firstResponse()));
    }
  }

  @Test
  void retractingEveryEventDeletesTheTicketsStateAndTimer() {
    try (TopologyTestDriver d = driver()) {
      var in = in(d);
      pipe(in, SlaClockTopologyTest.created("T-1", T0), T0);
      pipe(in, new TicketEvent.CustomerMessage("T-1", "m1", min(5)), min(5));
      assertTrue(SlaRetentionTopologyTest.timerTickets(d).contains("T-1"));
      SlaClockTopologyTest.out(d).readValuesToList();
      pipe(in, EventCorrection.retract("T-1", "m1"), min(5));
      pipe(in, EventCorrection.retract("T-1", "T-1-c"), min(5));
      assertNull(SlaRetentionTopologyTest.clocks(d).get("T-1"));
      assertEquals(List.of(), SlaRetentionTopologyTest.timerTickets(d));
      List<SlaTransition> out = SlaClockTopologyTest.out(d).readValuesToList();
      assertTrue(
          out.stream().allMatch(t -> t.kind() == SlaTransition.Kind.CANCELLED), out.toString());
      assertEquals(2, out.size(), "first response and resolution withdrawn: " + out);
    }
  }

  @Test
  void aReplacementTheClockRejectsIsABadRecordAndChangesNothing() throws Exception {
    try (TopologyTestDriver d = driver()) {
      var in = in(d);
      pipe(in, SlaClockTopologyTest.created("T-1", T0), T0);
      pipe(in, new TicketEvent.StatusChanged("T-1", "s1", min(5), "open"), min(5));
      byte[] stored = SlaRetentionTopologyTest.clocks(d).get("T-1");
      pipe(
          in,
          EventCorrection.replace(new TicketEvent.StatusChanged("T-1", "s1", min(5), "closed")),
          min(5));
      // keyed other than its ticket
      in.pipeInput("T-2", EventCorrection.retract("T-1", "s1"), min(5));
      assertEquals(2.0, RejectedKpiRecordsProperties.rejectedTotal(d, "sla-clocks"));
      assertArrayEquals(stored, SlaRetentionTopologyTest.clocks(d).get("T-1"));
      var dead = RejectedSlaEventsProperties.deadLetters(d);
      ObjectMapper json = new ObjectMapper();
      String unknownStatus = json.readTree(dead.get(0).value()).get("error").asText();
      assertTrue(unknownStatus.contains("closed"), unknownStatus);
      String wrongKey = json.readTree(dead.get(1).value()).get("error").asText();
      assertTrue(
          wrongKey.contains("record key \"T-2\" is not the correction's ticketId \"T-1\""),
          wrongKey);
    }
  }

  /**
   * What the topology emits for a correction is {@link SlaTransition#reconcile} of the in-process
   * clock's evaluations at the task's time, before and after the same correction: the README's
   * claim that an in-process CRM gets the engines' transitions from it. Three corrections: a reply
   * made public (a breach lifted), a customer message retracted (a breached cycle withdrawn), a
   * pause retracted (a breach that now happened).
   */
  @Test
  void aCorrectionEmitsWhatReconcileGivesInProcess() {
    record Case(List<TicketEvent> events, EventCorrection correction, Instant at) {}
    List<Case> cases =
        List.of(
            new Case(
                List.of(
                    SlaClockTopologyTest.created("T-1", T0),
                    TicketEvent.AgentReply.internalNote("T-1", "r1", min(30))),
                EventCorrection.replace(TicketEvent.AgentReply.publicReply("T-1", "r1", min(30))),
                min(70)),
            new Case(
                List.of(
                    SlaClockTopologyTest.created("T-1", T0),
                    TicketEvent.AgentReply.publicReply("T-1", "r1", min(10)),
                    new TicketEvent.CustomerMessage("T-1", "m1", min(20))),
                EventCorrection.retract("T-1", "m1"),
                min(200)),
            new Case(
                List.of(
                    SlaClockTopologyTest.created("T-1", T0),
                    TicketEvent.AgentReply.publicReply("T-1", "r1", min(10)),
                    new TicketEvent.StatusChanged("T-1", "p1", min(20), "pending")),
                EventCorrection.retract("T-1", "p1"),
                min(510)));
    for (Case c : cases) {
      try (TopologyTestDriver d = driver()) {
        var in = in(d);
        for (TicketEvent e : c.events()) {
          pipe(in, e, e.at());
        }
        pipe(in, SlaClockTopologyTest.created("T-2", c.at()), c.at()); // the task's time
        SlaClockTopologyTest.out(d).readValuesToList();
        pipe(in, c.correction(), c.at());
        List<SlaTransition> emitted =
            SlaClockTopologyTest.out(d).readValuesToList().stream()
                .filter(t -> t.ticketId().equals("T-1"))
                .toList();

        SlaClock clock = SlaClock.of(SlaFixtures.policySet(), SlaFixtures.CALENDARS, "T-1");
        c.events().forEach(clock::accept);
        SlaEvaluation before = clock.evaluate(c.at());
        c.correction().applyTo(clock);
        SlaEvaluation after = clock.evaluate(c.at());
        List<SlaTransition> expected = SlaTransition.reconcile(before, after);
        assertFalse(expected.isEmpty(), c.toString());
        assertEquals(expected, emitted, c.toString());
      }
    }
  }
}
