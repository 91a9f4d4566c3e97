package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.mon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link SlaPolicySet#creationStopOverridesStart()}: a cycle that the creating update both starts
 * and ends is not attached (ServiceNow, "Service Level Agreement (SLA) processing": "If the Start
 * condition is true and the Stop condition is true, do nothing. No SLA record is created").
 */
class CreationStopOverridesStartTest {

  private static final SlaMetric FIRST = SlaMetric.firstResponse();
  private static final SlaMetric RESOLUTION = SlaMetric.resolution();
  private static final SlaMetric STAGE = SlaMetric.stage("work");
  private static final SlaMetric OWN = SlaMetric.custom("own");
  private static final SlaMetric CALL = SlaMetric.answerTime();

  private final Fixtures.Ticket t = new Fixtures.Ticket("T");

  private static SlaPolicySet set(boolean overrides, ReopenRule reopen) {
    return SlaPolicySet.builder()
        .statuses("open", "pending", "solved")
        .solvedStatuses("solved")
        .resolutionReopen(reopen)
        .creationStopOverridesStart(overrides)
        .stage(StageDefinition.of("work", "open"))
        .metric(
            MetricDefinition.builder("own")
                .startOn(MetricTrigger.created(), MetricTrigger.reopened())
                .stopOn(MetricTrigger.solved())
                .cycles(MetricDefinition.Cycles.NEW_CYCLE)
                .build())
        .defaultPolicy(
            SlaPolicy.builder("support")
                .matrix(PriorityMatrix.constant("normal"))
                .target("normal", FIRST, Duration.ofHours(1))
                .target("normal", RESOLUTION, Duration.ofHours(8))
                .target("normal", STAGE, Duration.ofHours(8))
                .target("normal", OWN, Duration.ofHours(8))
                .target("normal", CALL, Duration.ofMinutes(1))
                .build())
        .build();
  }

  private static TicketEvent createdSolved(Instant at) {
    return TicketEvent.Created.byCustomer("T", "c1", at, Map.of(), Set.of()).withStatus("solved");
  }

  // Created already solved: by default every metric the creation starts reports a met cycle of
  // zero length; with the option none is attached, and the reopen at 10:00 starts each one's first
  // cycle (number 0), due 18:00, under every reopen rule of resolution.
  @Test
  void aTicketCreatedSolvedAttachesNothingUntilItIsReopened() {
    List<SlaMetric> started = List.of(FIRST, RESOLUTION, STAGE, OWN);
    SlaEvaluation plain =
        Fixtures.eval(set(false, ReopenRule.RESUME), List.of(createdSolved(mon(9, 0))), mon(9, 30));
    for (SlaMetric m : started) {
      assertEquals(Duration.ZERO, plain.latest(m).orElseThrow().elapsed(), m.toString());
    }
    for (ReopenRule reopen : ReopenRule.values()) {
      SlaPolicySet s = set(true, reopen);
      SlaEvaluation e = Fixtures.eval(s, List.of(createdSolved(mon(9, 0))), mon(9, 30));
      assertEquals(List.of(), e.cycles(), reopen.toString());
      List<TicketEvent> h = List.of(createdSolved(mon(9, 0)), t.status(mon(10, 0), "open"));
      SlaEvaluation later = Fixtures.eval(s, h, mon(11, 0));
      for (SlaMetric m : List.of(RESOLUTION, STAGE, OWN)) {
        List<MetricCycle> c = later.cycles(m);
        assertEquals(1, c.size(), reopen + " " + m + " " + c);
        assertEquals(0, c.get(0).cycle());
        assertEquals(mon(10, 0), c.get(0).start());
        assertEquals(Optional.of(mon(18, 0)), c.get(0).deadline());
      }
      assertEquals(List.of(), later.cycles(FIRST), "first reply is not started by a reopen");
    }
    // first reply is owed from the customer's next message, as on an agent-created ticket
    List<TicketEvent> h =
        List.of(createdSolved(mon(9, 0)), t.status(mon(10, 0), "open"), t.customer(mon(10, 15)));
    SlaEvaluation e = Fixtures.eval(set(true, ReopenRule.RESUME), h, mon(11, 0));
    MetricCycle first = e.latest(FIRST).orElseThrow();
    assertEquals(0, first.cycle());
    assertEquals(mon(10, 15), first.start());
    assertEquals(List.of(), e.cycles(SlaMetric.nextResponse()));
  }

  // A reply at the creation's instant: by default first reply met at 0 min (Zammad's outbound
  // ticket); with the option nothing is attached. A call offered and answered at the creation is
  // measured either way (a call's answer time measures the call).
  @Test
  void aReplyInTheCreatingUpdateLeavesNoFirstReplyButACallIsMeasured() {
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0)),
            t.reply(mon(9, 0)),
            t.offer(mon(9, 0), "k1"),
            t.answer(mon(9, 0), "k1"));
    SlaEvaluation plain = Fixtures.eval(set(false, ReopenRule.RESUME), h, mon(9, 30));
    assertEquals(CycleState.ACHIEVED, plain.latest(FIRST).orElseThrow().state());
    SlaEvaluation e = Fixtures.eval(set(true, ReopenRule.RESUME), h, mon(9, 30));
    assertEquals(List.of(), e.cycles(FIRST));
    assertEquals(1, e.cycles(CALL).size(), e.cycles().toString());
    assertEquals(CycleState.ACTIVE, e.latest(RESOLUTION).orElseThrow().state());
    // one instant later it is an ordinary reply
    List<TicketEvent> later = List.of(t.created(mon(9, 0)), t.reply(mon(9, 0).plusNanos(1)));
    assertEquals(
        CycleState.ACHIEVED,
        Fixtures.eval(set(true, ReopenRule.RESUME), later, mon(9, 30))
            .latest(FIRST)
            .orElseThrow()
            .state());
  }

  // The creation's state group is taken again at each of its events: a definition's withdrawn
  // cycle is attached again first. Created solved with attribute and tag changes, a reply and a
  // reopen-free status at the same instant, in every arrival order, read after each event: the
  // same evaluation as the batch one, with nothing attached.
  @Test
  void aWithdrawalIsUndoneAndTakenAgainWhateverTheOrderOfTheCreatingUpdate() {
    Instant c = mon(9, 0);
    List<TicketEvent> h =
        List.of(
            createdSolved(c),
            new TicketEvent.AttributeChanged("T", "u2", c, "k", "x"),
            new TicketEvent.AttributeChanged("T", "u1", c, "m", "y"),
            new TicketEvent.TagsChanged("T", "u3", c, Set.of("a")),
            TicketEvent.AgentReply.publicReply("T", "u0", c),
            t.status(mon(9, 30), "open"));
    SlaPolicySet s = set(true, ReopenRule.RESUME);
    SlaEvaluation expected = Fixtures.eval(s, h, mon(10, 0));
    assertEquals(0, expected.latest(OWN).orElseThrow().cycle());
    assertEquals(mon(9, 30), expected.latest(OWN).orElseThrow().start());
    Random r = new Random(11);
    for (int k = 0; k < 30; k++) {
      List<TicketEvent> arrival = new ArrayList<>(h.subList(1, h.size() - 1));
      Collections.shuffle(arrival, r);
      arrival.add(0, h.get(0));
      arrival.add(h.get(h.size() - 1));
      SlaClock clock = Fixtures.clock(s, "T");
      for (TicketEvent e : arrival) {
        clock.accept(e);
        assertEquals(List.of(), clock.evaluate(c).cycles(), arrival.toString());
      }
      assertEquals(expected, clock.evaluate(mon(10, 0)), arrival.toString());
    }
  }

  // A reply in the creating update withdraws first reply, which is then owed from the customer's
  // next message: arming is ignored until that message, as on an agent-created ticket, for every
  // arm of that update whatever the ids of its replies (found by
  // DefinitionOneUpdateOneResultProperties, seed -140: the note before the reply armed and started
  // a cycle, after it did not). So the creation's note starts nothing; after the message at 9:30
  // the note at 10:00 arms and starts the first cycle, in both id orders, batch or read after
  // each event.
  @Test
  void theCreatingUpdatesArmsAreJudgedAfterItsWithdrawalWhateverTheIds() {
    Instant c = mon(9, 0);
    SlaPolicySet s =
        SlaPolicySet.builder()
            .statuses("open", "pending", "solved")
            .solvedStatuses("solved")
            .creationStopOverridesStart(true)
            .metric(
                MetricDefinition.builder("noted")
                    .startOn(MetricTrigger.internalNote())
                    .armOn(MetricTrigger.internalNote())
                    .stopOn(MetricTrigger.automatedReply())
                    .cycles(MetricDefinition.Cycles.ONCE)
                    .build())
            .defaultPolicy(
                SlaPolicy.builder("support")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", SlaMetric.custom("noted"), Duration.ofHours(2))
                    .build())
            .build();
    for (boolean noteFirst : new boolean[] {true, false}) {
      List<TicketEvent> h =
          List.of(
              TicketEvent.Created.byCustomer("T", "e0", c, Map.of(), Set.of()),
              new TicketEvent.CustomerMessage("T", "c0", c),
              TicketEvent.AgentReply.publicReply("T", noteFirst ? "e2" : "e1", c),
              TicketEvent.AgentReply.internalNote("T", noteFirst ? "e1" : "e2", c),
              new TicketEvent.CustomerMessage("T", "c1", mon(9, 30)),
              TicketEvent.AgentReply.internalNote("T", "e3", mon(10, 0)),
              TicketEvent.AgentReply.automated("T", "e4", mon(11, 0)));
      SlaEvaluation e = Fixtures.eval(s, h, mon(12, 0));
      List<MetricCycle> noted = e.cycles(SlaMetric.custom("noted"));
      assertEquals(1, noted.size(), noteFirst + " " + noted);
      assertEquals(mon(10, 0), noted.get(0).start(), noteFirst + " " + noted);
      assertEquals(Optional.of(mon(11, 0)), noted.get(0).stop(), noteFirst + " " + noted);
      assertEquals(List.of(), e.cycles(FIRST));
      for (List<TicketEvent> arrival :
          List.of(
              h, List.of(h.get(0), h.get(1), h.get(3), h.get(2), h.get(4), h.get(5), h.get(6)))) {
        SlaClock clock = Fixtures.clock(s, "T");
        for (int k = 0; k < arrival.size(); k++) {
          clock.accept(arrival.get(k));
          assertEquals(
              Fixtures.eval(s, arrival.subList(0, k + 1), mon(12, 0)),
              clock.evaluate(mon(12, 0)),
              arrival.subList(0, k + 1).toString());
        }
        assertEquals(e, clock.evaluate(mon(12, 0)), arrival.toString());
      }
    }
  }

  @Test
  void theOptionIsReadAndWrittenAsJsonAndABadValueIsLocated() {
    SlaPolicySet s = set(true, ReopenRule.RESUME);
    String json = SlaPolicyJson.write(s);
    assertTrue(json.contains("\"creationStopOverridesStart\": true"), json);
    assertEquals(s, SlaPolicyJson.read(json));
    String plain = SlaPolicyJson.write(set(false, ReopenRule.RESUME));
    assertTrue(!plain.contains("creationStopOverridesStart"), plain);
    String bad =
        json.replace(
            "\"creationStopOverridesStart\": true", "\"creationStopOverridesStart\": \"yes\"");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(bad));
    assertTrue(e.getMessage().contains("$.creationStopOverridesStart"), e.getMessage());
    assertTrue(e.getMessage().contains("line "), e.getMessage());
  }

  // Zammad keeps it off: an outbound ticket's first response at its creation is a real figure.
  @Test
  void onlyTheServiceNowPresetSetsIt() {
    for (SlaPreset p : SlaPreset.values()) {
      SlaPolicySet s =
          p.policySet()
              .defaultPolicy(SlaPolicy.builder("x").matrix(PriorityMatrix.constant("p")).build())
              .build();
      assertEquals(p == SlaPreset.SERVICENOW, s.creationStopOverridesStart(), p.toString());
      assertEquals(
          p == SlaPreset.SERVICENOW ? StopRule.BEFORE_UPDATE : StopRule.AFTER_UPDATE,
          s.stopRule(),
          p.toString());
    }
  }
}
