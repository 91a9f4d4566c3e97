package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The triggers of a definition act once per group of events of one instant, whatever their ids:
 * changes of tags and attributes are judged on the state before and after the instant's changes,
 * and events of one kind group act stop first, then cancel, arm and start.
 */
class DefinitionInstantTest {

  private static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant TEN = Instant.parse("2026-03-02T10:00:00Z");
  private static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");

  private static SlaPolicySet set(MetricDefinition def) {
    return SlaPolicySet.builder()
        .statuses("open", "solved")
        .solvedStatuses("solved")
        .metric(def)
        .defaultPolicy(
            SlaPolicy.builder("p")
                .matrix(PriorityMatrix.constant("normal"))
                .target("normal", def.metric(), Duration.ofHours(4))
                .build())
        .build();
  }

  private static List<MetricCycle> cycles(SlaPolicySet set, TicketEvent... events) {
    SlaClock clock = Fixtures.clock(set, "T");
    for (TicketEvent e : events) {
      clock.accept(e);
    }
    return clock.evaluate(NOON).cycles(SlaMetric.custom("vip_care"));
  }

  @Test
  void aTagAddedAndAnAttributeLeftInOneUpdateStartWhateverTheirIds() {
    // Started by the vip tag, cancelled when the tier leaves gold: one CRM update does both.
    SlaPolicySet set =
        set(
            MetricDefinition.builder("vip_care")
                .startOn(MetricTrigger.tagAdded("vip"))
                .cancelOn(MetricTrigger.attributeLeft("tier", "gold"))
                .build());
    TicketEvent created =
        TicketEvent.Created.byCustomer("T", "c", NINE, Map.of("tier", "gold"), Set.of());
    for (String[] ids : new String[][] {{"a", "b"}, {"b", "a"}}) {
      List<MetricCycle> out =
          cycles(
              set,
              created,
              new TicketEvent.TagsChanged("T", ids[0], TEN, Set.of("vip")),
              new TicketEvent.AttributeChanged("T", ids[1], TEN, "tier", "silver"));
      // cancel (nothing runs yet), then start: one cycle running from 10:00, 2 h of 4 h
      assertEquals(1, out.size(), List.of(ids).toString());
      assertEquals(CycleState.ACTIVE, out.get(0).state());
      assertEquals(TEN, out.get(0).start());
      assertEquals(Duration.ofHours(2), out.get(0).elapsed());
    }
  }

  @Test
  void aTagAddedAndRemovedWithinOneInstantFiresNothing() {
    SlaPolicySet set =
        set(
            MetricDefinition.builder("vip_care")
                .startOn(MetricTrigger.tagAdded("vip"))
                .stopOn(MetricTrigger.tagRemoved("vip"))
                .build());
    List<MetricCycle> out =
        cycles(
            set,
            TicketEvent.Created.byCustomer("T", "c", NINE, Map.of(), Set.of()),
            new TicketEvent.TagsChanged("T", "a", TEN, Set.of("vip")),
            new TicketEvent.TagsChanged("T", "b", TEN, Set.of()));
    assertEquals(List.of(), out);
  }

  @Test
  void repliesOfOneInstantStopBeforeTheyStartWhateverTheirIds() {
    // Started by an internal note, stopped by a public reply: both at 10:00.
    SlaPolicySet set =
        set(
            MetricDefinition.builder("vip_care")
                .startOn(MetricTrigger.internalNote())
                .stopOn(MetricTrigger.publicReply())
                .cycles(MetricDefinition.Cycles.NEW_CYCLE)
                .build());
    for (String[] ids : new String[][] {{"a", "b"}, {"b", "a"}}) {
      List<MetricCycle> out =
          cycles(
              set,
              TicketEvent.Created.byCustomer("T", "c", NINE, Map.of(), Set.of()),
              TicketEvent.AgentReply.internalNote("T", ids[0], TEN),
              TicketEvent.AgentReply.publicReply("T", ids[1], TEN));
      assertEquals(1, out.size(), List.of(ids).toString());
      assertEquals(CycleState.ACTIVE, out.get(0).state());
      assertEquals(TEN, out.get(0).start());
    }
  }

  @Test
  void aCreationInAStatusOfItsOwnLeavesTheInitialStatusAsTheBuiltInStagesDo() {
    // Stage "triage" is the initial status "new"; the ticket is created straight in "open": the
    // built-in stage gets a zero-length cycle at the creation, and so does its ready-made twin.
    StageDefinition triage = StageDefinition.of("triage", "new");
    SlaMetric twin = SlaMetric.custom("triage_twin");
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("new", "open", "solved")
            .solvedStatuses("solved")
            .stage(triage)
            .metric(MetricDefinition.stage("triage_twin", triage))
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", SlaMetric.stage("triage"), Duration.ofHours(1))
                    .target("normal", twin, Duration.ofHours(1))
                    .build())
            .build();
    SlaClock clock = Fixtures.clock(set, "T");
    clock.accept(
        TicketEvent.Created.byCustomer("T", "c", NINE, Map.of(), Set.of()).withStatus("open"));
    SlaEvaluation e = clock.evaluate(NOON);
    List<MetricCycle> builtIn = e.cycles(SlaMetric.stage("triage"));
    assertEquals(1, builtIn.size());
    assertEquals(
        builtIn, e.cycles(twin).stream().map(m -> Mirrors.as(builtIn.get(0).metric(), m)).toList());
  }

  /**
   * A note that starts a metric and a reply that stops it at one instant, in either arrival order:
   * the cycle runs from 10:00 and its trail names the note, the event that started it (found by a
   * reviewer: a replayed step was named after the group's last event).
   */
  @Test
  void theTrailNamesTheEventThatStartedAReplayedStep() {
    MetricDefinition def =
        MetricDefinition.builder("vip_care")
            .startOn(MetricTrigger.internalNote())
            .stopOn(MetricTrigger.publicReply())
            .cycles(MetricDefinition.Cycles.NEW_CYCLE)
            .build();
    for (boolean noteFirst : new boolean[] {true, false}) {
      SlaClock clock = Fixtures.clock(set(def), "T");
      clock.accept(TicketEvent.Created.byCustomer("T", "c", NINE, Map.of(), Set.of()));
      TicketEvent note = TicketEvent.AgentReply.internalNote("T", "note", TEN);
      TicketEvent reply = TicketEvent.AgentReply.publicReply("T", "reply", TEN);
      clock.accept(noteFirst ? note : reply);
      clock.accept(noteFirst ? reply : note);
      List<MetricCycle> out = clock.evaluate(NOON).cycles(def.metric());
      assertEquals(1, out.size(), out.toString());
      assertEquals(TEN, out.get(0).start());
      assertEquals(
          "note",
          clock.auditTrail(def.metric(), 0, NOON).get(0).openedBy(),
          "note first " + noteFirst);
    }
  }
}
