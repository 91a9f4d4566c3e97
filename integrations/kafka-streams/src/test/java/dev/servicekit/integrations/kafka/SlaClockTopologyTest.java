package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.SlaTransition.Kind;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

class SlaClockTopologyTest {

  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  static TopologyTestDriver driver(SlaClockTopology topology) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "sla-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return IsolatedTopologyTestDriver.open(topology.build(), p, T0);
  }

  static SlaClockTopology.Builder topology() {
    return SlaClockTopology.builder(SlaFixtures.policySet(), SlaFixtures.CALENDARS);
  }

  static TestInputTopic<String, TicketEvent> in(TopologyTestDriver d) {
    return d.createInputTopic(
        "ticket-events",
        Serdes.String().serializer(),
        ServicekitSerdes.ticketEvents().serializer());
  }

  static TestOutputTopic<String, SlaTransition> out(TopologyTestDriver d) {
    return d.createOutputTopic(
        "sla-transitions",
        Serdes.String().deserializer(),
        ServicekitSerdes.slaTransitions().deserializer());
  }

  static void pipe(TestInputTopic<String, TicketEvent> in, TicketEvent e) {
    in.pipeInput(e.ticketId(), e, e.at());
  }

  static TicketEvent created(String t, Instant at) {
    return TicketEvent.Created.byCustomer(t, t + "-c", at, java.util.Map.of(), java.util.Set.of());
  }

  static List<String> kinds(List<SlaTransition> ts, SlaMetric metric) {
    return ts.stream()
        .filter(t -> t.metric().equals(metric))
        .map(t -> t.kind() + "@" + t.at())
        .collect(Collectors.toList());
  }

  /**
   * A late call renumbers the calls' answer-time cycles: {@code answer_time#0} was call A and is
   * now call C. Its state (breached) did not change, so only the key tells them apart; the adapter
   * restates every keyed cycle after a late event, and the consumer's last transition per cycle
   * names the right call (a review found call C never reported).
   */
  @Test
  void aLateCallThatRenumbersTheAnswerTimeCyclesRestatesThemWithTheirCalls() {
    SlaPolicySet set = callPolicySet();
    try (TopologyTestDriver d = driver(SlaClockTopology.builder(set, java.util.Map.of()).build())) {
      var in = in(d);
      var out = out(d);
      pipe(in, created("T-1", T0));
      pipe(in, new TicketEvent.CallOffered("T-1", "o-a", T0.plusSeconds(600), "call-A"));
      pipe(in, created("T-2", T0.plus(Duration.ofMinutes(30)))); // call A breaches
      pipe(in, new TicketEvent.CallOffered("T-1", "o-c", T0.plusSeconds(300), "call-C"));
      java.util.Map<String, SlaTransition> last = new java.util.TreeMap<>();
      for (SlaTransition t : out.readValuesToList()) {
        if (t.ticketId().equals("T-1") && t.metric().equals(SlaMetric.answerTime())) {
          last.put(t.metric() + "#" + t.cycle(), t);
        }
      }
      assertEquals("call-C", last.get("answer_time#0").key(), last.toString());
      assertEquals("call-A", last.get("answer_time#1").key(), last.toString());
      assertEquals(SlaTransition.Kind.BREACHED, last.get("answer_time#0").kind());
    }
  }

  /**
   * A call offered at the instant of another, under a smaller call id (not after the ticket's
   * latest event: late), renumbers the cycles of a per-call definition ({@code Cycles.PER_CALL}) on
   * a ticket with no answer-time cycle: {@code custom:ring#0} was call B and is now call A, in the
   * same state with the same deadline, and is restated. The adapter looked for a reported
   * answer-time cycle before restating any keyed cycle, so the consumer kept call B under {@code
   * #0} (found by {@code EnginesAgreeOnRichPoliciesTest}, where Flink and the core clock restated
   * it).
   */
  @Test
  void aLateCallRenumbersAPerCallDefinitionsCyclesWithoutAnAnswerTime() {
    SlaMetric ring = SlaMetric.custom("ring");
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("new", "open", "pending", "solved")
            .solvedStatuses("solved")
            .metric(
                dev.servicekit.sla.MetricDefinition.builder("ring")
                    .startOn(dev.servicekit.sla.MetricTrigger.callOffered())
                    .stopOn(dev.servicekit.sla.MetricTrigger.callAnswered())
                    .cancelOn(dev.servicekit.sla.MetricTrigger.callAbandoned())
                    .cycles(dev.servicekit.sla.MetricDefinition.Cycles.PER_CALL)
                    .build())
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", ring, Duration.ofMinutes(5))
                    .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
                    .build())
            .build();
    try (TopologyTestDriver d = driver(SlaClockTopology.builder(set, java.util.Map.of()).build())) {
      var in = in(d);
      var out = out(d);
      pipe(in, created("T-1", T0));
      pipe(in, new TicketEvent.CallOffered("T-1", "o-b", T0.plusSeconds(600), "call-B"));
      // at the same instant, under a smaller call id: numbered first, so #0 is now call A, ringing
      // since the same instant as call B was: nothing but the key tells them apart
      pipe(in, new TicketEvent.CallOffered("T-1", "o-a", T0.plusSeconds(600), "call-A"));
      java.util.Map<String, SlaTransition> last = new java.util.TreeMap<>();
      for (SlaTransition t : out.readValuesToList()) {
        if (t.metric().equals(ring)) {
          last.put(t.metric() + "#" + t.cycle(), t);
        }
      }
      assertEquals("call-A", last.get("custom:ring#0").key(), last.toString());
      assertEquals("call-B", last.get("custom:ring#1").key(), last.toString());
    }
  }

  /**
   * A late event that renumbers no call (a late customer message) restates no answer-time cycle:
   * only the cycles whose id now names another call are restated (the adapter restated every keyed
   * cycle after every late event, a duplicate per call).
   */
  @Test
  void aLateEventThatRenumbersNoCallRestatesNoAnswerTimeCycle() {
    SlaPolicySet set = callPolicySet();
    try (TopologyTestDriver d = driver(SlaClockTopology.builder(set, java.util.Map.of()).build())) {
      var in = in(d);
      var out = out(d);
      pipe(in, created("T-1", T0));
      pipe(in, new TicketEvent.CallOffered("T-1", "o-a", T0.plusSeconds(60), "call-A"));
      pipe(in, new TicketEvent.CallAnswered("T-1", "a-a", T0.plusSeconds(120), "call-A"));
      pipe(in, new TicketEvent.CallOffered("T-1", "o-b", T0.plusSeconds(600), "call-B"));
      pipe(in, new TicketEvent.CallAnswered("T-1", "a-b", T0.plusSeconds(660), "call-B"));
      out.readValuesToList();
      pipe(in, new TicketEvent.CustomerMessage("T-1", "m-1", T0.plusSeconds(300)));
      List<SlaTransition> after = out.readValuesToList();
      assertEquals(
          List.of(),
          after.stream().filter(t -> t.metric().equals(SlaMetric.answerTime())).toList(),
          after.toString());
      // a late call offered before both renumbers both: each is restated with its new call
      pipe(in, new TicketEvent.CallOffered("T-1", "o-c", T0.plusSeconds(30), "call-C"));
      pipe(in, new TicketEvent.CallAnswered("T-1", "a-c", T0.plusSeconds(40), "call-C"));
      java.util.Map<Integer, String> keys = new java.util.TreeMap<>();
      for (SlaTransition t : out.readValuesToList()) {
        if (t.metric().equals(SlaMetric.answerTime())) {
          keys.put(t.cycle(), t.key());
        }
      }
      assertEquals(java.util.Map.of(0, "call-C", 1, "call-A", 2, "call-B"), keys);
    }
  }

  static SlaPolicySet callPolicySet() {
    return SlaPolicySet.builder()
        .statuses("new", "open", "pending", "solved")
        .solvedStatuses("solved")
        .defaultPolicy(
            SlaPolicy.builder("p")
                .matrix(PriorityMatrix.constant("normal"))
                .target("normal", SlaMetric.answerTime(), Duration.ofMinutes(5))
                .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
                .build())
        .build();
  }

  @Test
  void breachFiresWhenStreamTimePassesTheDeadlineWithoutAnotherEventForTheTicket() {
    try (TopologyTestDriver d = driver(topology().build())) {
      var in = in(d);
      var out = out(d);
      pipe(in, created("T-1", T0));
      // Another ticket's event moves stream time to 10:30; T-1 receives nothing more.
      pipe(in, created("T-2", T0.plus(Duration.ofMinutes(90))));
      List<SlaTransition> t1 =
          out.readValuesToList().stream()
              .filter(t -> t.ticketId().equals("T-1"))
              .collect(Collectors.toList());
      assertEquals(
          List.of(
              "STARTED@2026-03-02T09:00:00Z",
              "WARNING@2026-03-02T09:30:00Z",
              "WARNING@2026-03-02T09:48:00Z",
              "BREACHED@" + firstBreach(t1)),
          kinds(t1, SlaMetric.firstResponse()));
      // The breach is the first instant strictly after the deadline, 10:00.
      assertTrue(firstBreach(t1).isAfter(Instant.parse("2026-03-02T10:00:00Z")));
      assertTrue(firstBreach(t1).isBefore(Instant.parse("2026-03-02T10:00:00.001Z")));
    }
  }

  /**
   * First response 1 h, escalations 100 % to duty-lead and 150 % to head: the timers at 10:00 and
   * 10:30 reach the output as ESCALATED naming the recipient (before, the topology woke at both and
   * emitted nothing for them).
   */
  @Test
  void anEscalationLevelReachedOnATimerReachesTheOutputWithItsRecipient() {
    dev.servicekit.sla.SlaPolicySet set =
        dev.servicekit.sla.SlaPolicySet.builder()
            .statuses("new", "open", "solved")
            .solvedStatuses("solved")
            .defaultPolicy(
                dev.servicekit.sla.SlaPolicy.builder("standard")
                    .matrix(dev.servicekit.sla.PriorityMatrix.constant("normal"))
                    .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
                    .rule(
                        dev.servicekit.sla.MetricRule.builder(SlaMetric.firstResponse())
                            .escalate(dev.servicekit.sla.EscalationLevel.of(1, 100, "duty-lead"))
                            .escalate(dev.servicekit.sla.EscalationLevel.of(2, 150, "head"))
                            .build())
                    .build())
            .build();
    try (TopologyTestDriver d =
        driver(SlaClockTopology.builder(set, SlaFixtures.CALENDARS).build())) {
      var in = in(d);
      var out = out(d);
      pipe(in, created("T-1", T0));
      // another ticket's event moves stream time to 11:00; T-1 receives nothing more
      pipe(in, created("T-2", T0.plus(Duration.ofHours(2))));
      List<String> t1 =
          out.readValuesToList().stream()
              .filter(t -> t.ticketId().equals("T-1"))
              .map(
                  t ->
                      t.kind()
                          + "@"
                          + t.at()
                          + t.escalation()
                              .map(e -> "/" + e.level() + ":" + e.recipient())
                              .orElse(""))
              .collect(Collectors.toList());
      assertEquals(
          List.of(
              "STARTED@2026-03-02T09:00:00Z",
              "ESCALATED@2026-03-02T10:00:00Z/1:duty-lead",
              "BREACHED@2026-03-02T10:00:00.000000001Z/1:duty-lead",
              "ESCALATED@2026-03-02T10:30:00Z/2:head"),
          t1);
    }
  }

  private static Instant firstBreach(List<SlaTransition> ts) {
    return ts.stream()
        .filter(t -> t.kind() == Kind.BREACHED && t.metric().equals(SlaMetric.firstResponse()))
        .map(SlaTransition::at)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void breachFiresOnWallClockTimeWithNoRecordAtAll() {
    try (TopologyTestDriver d = driver(topology().wallClock(true).build())) {
      var in = in(d);
      var out = out(d);
      pipe(in, created("T-1", T0));
      assertEquals(List.of(Kind.STARTED, Kind.STARTED), kindsOnly(out.readValuesToList()));
      d.advanceWallClockTime(Duration.ofMinutes(61));
      List<Kind> later =
          out.readValuesToList().stream()
              .filter(t -> t.metric().equals(SlaMetric.firstResponse()))
              .map(SlaTransition::kind)
              .collect(Collectors.toList());
      assertEquals(List.of(Kind.WARNING, Kind.WARNING, Kind.BREACHED), later);
    }
  }

  private static List<Kind> kindsOnly(List<SlaTransition> ts) {
    return ts.stream().map(SlaTransition::kind).collect(Collectors.toList());
  }

  @Test
  void replyInTimeIsAchievedAndPendingPausesAndResumesResolution() {
    try (TopologyTestDriver d = driver(topology().build())) {
      var in = in(d);
      var out = out(d);
      pipe(in, created("T-1", T0));
      pipe(in, TicketEvent.AgentReply.publicReply("T-1", "r1", T0.plusSeconds(600)));
      pipe(in, new TicketEvent.StatusChanged("T-1", "s1", T0.plusSeconds(700), "pending"));
      pipe(in, new TicketEvent.StatusChanged("T-1", "s2", T0.plusSeconds(900), "open"));
      List<SlaTransition> ts = out.readValuesToList();
      assertEquals(
          List.of("STARTED@2026-03-02T09:00:00Z", "ACHIEVED@2026-03-02T09:10:00Z"),
          kinds(ts, SlaMetric.firstResponse()));
      assertEquals(
          List.of(
              "STARTED@2026-03-02T09:00:00Z",
              "PAUSED@2026-03-02T09:11:40Z",
              "RESUMED@2026-03-02T09:15:00Z"),
          kinds(ts, SlaMetric.resolution()));
    }
  }

  @Test
  void duplicateAndEarlyEventsEmitNothingTwice() {
    try (TopologyTestDriver d = driver(topology().build())) {
      var in = in(d);
      var out = out(d);
      TicketEvent reply = TicketEvent.AgentReply.publicReply("T-1", "r1", T0.plusSeconds(60));
      pipe(in, reply); // before Created: buffered, nothing to report
      assertTrue(out.isEmpty());
      pipe(in, created("T-1", T0));
      pipe(in, reply);
      pipe(in, created("T-1", T0));
      assertEquals(
          List.of("STARTED@2026-03-02T09:01:00Z", "ACHIEVED@2026-03-02T09:01:00Z"),
          kinds(out.readValuesToList(), SlaMetric.firstResponse()));
    }
  }

  @Test
  void recordKeyOtherThanTheTicketIsRejectedCountedAndTheTaskGoesOn() {
    try (TopologyTestDriver d = driver(topology().build())) {
      var in = in(d);
      var out = out(d);
      in.pipeInput("T-9", created("T-1", T0), T0);
      assertEquals(List.of(), out.readValuesToList());
      assertEquals(1.0, RejectedKpiRecordsProperties.rejectedTotal(d, "sla-clocks"));
      pipe(in, created("T-1", T0));
      assertEquals(
          List.of("STARTED@2026-03-02T09:00:00Z"),
          kinds(out.readValuesToList(), SlaMetric.firstResponse()));
    }
  }

  @Test
  void rejectedEventWritesAndEmitsNothingAndTimersStillFireOnce() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "sla-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try (TopologyTestDriver d =
        IsolatedTopologyTestDriver.open(topology().build().build(), p, T0)) {
      var in = in(d);
      var out = out(d);
      pipe(in, created("T-1", T0));
      // Unknown status at 10:30: T-1's timers are due, the event is rejected.
      pipe(in, new TicketEvent.StatusChanged("T-1", "bad", T0.plusSeconds(5400), "no-such-status"));
      pipe(in, created("T-2", T0.plusSeconds(5500)));
      assertEquals(1.0, RejectedKpiRecordsProperties.rejectedTotal(d, "sla-clocks"));
      List<SlaTransition> t1 =
          out.readValuesToList().stream()
              .filter(t -> t.ticketId().equals("T-1"))
              .collect(Collectors.toList());
      assertEquals(
          List.of(Kind.STARTED, Kind.WARNING, Kind.WARNING, Kind.BREACHED),
          t1.stream()
              .filter(t -> t.metric().equals(SlaMetric.firstResponse()))
              .map(SlaTransition::kind)
              .collect(Collectors.toList()));
    }
  }

  @Test
  void builderRejectsBadSettings() {
    var b = topology();
    assertThrows(IllegalArgumentException.class, () -> b.grace(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> b.punctuationInterval(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.inputTopic(" "));
    assertThrows(NullPointerException.class, () -> b.outputTopic(null));
  }

  /**
   * With a grace of 30 minutes, a reply stamped 10:20 arrives when stream time minus grace is
   * 09:50, after the first response's deadline (10:00): the breach is stamped at the deadline, as
   * the ticket's timer would have fired it and as Flink does, and the reply's own evaluation at
   * 10:20 follows. Before, only the timers due by 09:50 fired, and the breach was stamped 10:20
   * (found by {@code EnginesAgreeOnSlaTransitionsTest}).
   */
  @Test
  void anEventAheadOfTheTaskTimeFirstFiresItsTicketsTimersDueBeforeIt() {
    try (TopologyTestDriver d = driver(topology().grace(Duration.ofMinutes(30)).build())) {
      var in = in(d);
      pipe(in, created("T-1", T0));
      pipe(in, created("T-2", T0.plus(Duration.ofMinutes(30))));
      pipe(in, TicketEvent.AgentReply.publicReply("T-1", "T-1-r", T0.plus(Duration.ofMinutes(80))));
      List<SlaTransition> t1 =
          out(d).readValuesToList().stream().filter(t -> t.ticketId().equals("T-1")).toList();
      assertEquals(
          List.of(
              "STARTED@2026-03-02T09:00:00Z",
              "WARNING@2026-03-02T09:30:00Z",
              "WARNING@2026-03-02T09:48:00Z",
              "BREACHED@2026-03-02T10:00:00.000000001Z"),
          kinds(t1, SlaMetric.firstResponse()));
    }
  }

  /**
   * An event, or a replacement, in the last millisecond before the clocks' range ends (2300) is
   * rejected as Flink rejects it, with the same message, the ticket unchanged: Flink's timer for it
   * (the millisecond its instant rounds up to) lies past the range. Before, Kafka applied it, so
   * the engines dead-lettered different records (found by {@code
   * EnginesAgreeOnSlaTransitionsTest}).
   */
  @Test
  void anEventInTheLastMillisecondBefore2300IsRejectedAsOnFlink() {
    Instant last = Instant.parse("2299-12-31T23:59:59.999500Z");
    try (TopologyTestDriver d = driver(topology().deadLetterTopic("sla-dead").build())) {
      var in =
          d.createInputTopic(
              "ticket-events",
              Serdes.String().serializer(),
              ServicekitSerdes.ticketInputs().serializer());
      TicketEvent created = created("T-1", T0);
      in.pipeInput("T-1", created, T0);
      in.pipeInput("T-1", TicketEvent.AgentReply.publicReply("T-1", "T-1-r", last), T0);
      in.pipeInput(
          "T-1",
          dev.servicekit.sla.EventCorrection.replace(
              TicketEvent.Created.byAgent("T-1", "T-1-c", last)),
          T0);
      in.pipeInput(
          "T-9",
          dev.servicekit.sla.EventCorrection.replace(
              TicketEvent.Created.byAgent("T-9", "T-9-c", last)),
          T0);
      List<String> dead =
          d.createOutputTopic(
                  "sla-dead", Serdes.String().deserializer(), Serdes.String().deserializer())
              .readValuesToList();
      assertEquals(3, dead.size(), dead::toString);
      for (String envelope : dead) {
        assertTrue(
            envelope.contains(
                "IllegalArgumentException: at 2299-12-31T23:59:59.999500Z is in the last millisecond"
                    + " before 2300-01-01T00:00:00Z: its timer lies past the clocks' supported range"),
            envelope);
      }
      byte[] stored = d.<String, byte[]>getKeyValueStore(SlaClockTopology.CLOCK_STORE).get("T-1");
      assertEquals(
          List.of(created),
          SlaClockTopology.clockOf(stored, SlaFixtures.policySet(), SlaFixtures.CALENDARS)
              .orElseThrow()
              .events());
    }
  }
}
