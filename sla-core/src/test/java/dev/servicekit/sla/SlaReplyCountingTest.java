package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.eval;
import static dev.servicekit.sla.Fixtures.h;
import static dev.servicekit.sla.Fixtures.m;
import static dev.servicekit.sla.Fixtures.mon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.Fixtures.Ticket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which replies count, per policy and metric.
 *
 * <p>Source: Zendesk, "Customizing your SLAs with advanced settings"
 * (support.zendesk.com/hc/en-us/articles/7412192349466): advanced settings exist for the first
 * reply time, next reply time and periodic update metrics, are set per policy, and change when a
 * metric is activated or fulfilled; the article's example measures periodic updates through
 * internal notes instead of only public replies. (Read through the search tool's stored copies; one
 * stored version of the page lists advanced settings for first reply time only, so the set of
 * metrics may differ by date or plan.) Zendesk's individual check boxes are not all modelled; our
 * two switches (internal notes, automated replies) are overridable per metric.
 */
class SlaReplyCountingTest {

  private final Ticket t = new Ticket("T1");

  private static MetricRule.Builder team(SlaMetric metric) {
    return MetricRule.builder(metric).calendar("team");
  }

  private static List<java.time.Instant> starts(SlaEvaluation e, SlaMetric metric) {
    return e.cycles(metric).stream().map(MetricCycle::start).toList();
  }

  /**
   * First reply 4h, next reply 1h, periodic update 2h, all on team hours; set-wide switches off.
   */
  private static SlaPolicySet replySet(MetricRule... rules) {
    return Fixtures.single(
        Map.of(
            SlaMetric.firstResponse(), h(4),
            SlaMetric.nextResponse(), h(1),
            SlaMetric.periodicUpdate(), h(2)),
        rules);
  }

  // The article's example: periodic update is measured through internal notes, while first reply
  // still needs a public reply.
  @Test
  void periodicUpdateCountsInternalNotesWhileFirstReplyNeedsAPublicReply() {
    SlaPolicySet set =
        replySet(
            team(SlaMetric.firstResponse()).build(),
            team(SlaMetric.nextResponse()).build(),
            team(SlaMetric.periodicUpdate()).internalNotesCount(true).build());
    List<TicketEvent> ev =
        List.of(
            t.created(mon(9, 0)),
            t.note(mon(9, 30)),
            t.note(mon(10, 30)),
            t.reply(mon(11, 0)),
            t.note(mon(12, 0)));
    SlaEvaluation e = eval(set, ev, mon(12, 30));
    MetricCycle first = e.cycles(SlaMetric.firstResponse()).get(0);
    assertEquals(Optional.of(mon(11, 0)), first.stop(), "notes do not answer the customer");
    assertEquals(h(2), first.elapsed());
    assertEquals(
        List.of(mon(9, 30), mon(10, 30), mon(11, 0), mon(12, 0)),
        starts(e, SlaMetric.periodicUpdate()),
        "every note and the public reply is an update");
    assertEquals(
        List.of(CycleState.ACHIEVED, CycleState.ACHIEVED, CycleState.ACHIEVED, CycleState.ACTIVE),
        e.cycles(SlaMetric.periodicUpdate()).stream().map(MetricCycle::state).toList());

    // Without the override the notes are no update: periodic update starts at the public reply.
    SlaEvaluation plain = eval(replySet(team(SlaMetric.firstResponse()).build()), ev, mon(12, 30));
    assertEquals(List.of(mon(11, 0)), starts(plain, SlaMetric.periodicUpdate()));
    assertEquals(Optional.of(mon(11, 0)), plain.cycles(SlaMetric.firstResponse()).get(0).stop());
  }

  // A bot's acknowledgement fulfils first reply (as configured for it), but is neither an update
  // nor an answer: it does not arm the next customer message, so the customer's follow-up before a
  // human reply starts no next-reply cycle.
  @Test
  void aBotReplyCountsForFirstReplyOnly() {
    SlaPolicySet set =
        replySet(
            team(SlaMetric.firstResponse()).automatedRepliesCount(true).build(),
            team(SlaMetric.nextResponse()).build());
    List<TicketEvent> ev =
        List.of(
            t.created(mon(9, 0)),
            t.bot(mon(9, 1)),
            t.customer(mon(9, 30)),
            t.reply(mon(10, 0)),
            t.customer(mon(10, 30)));
    SlaEvaluation e = eval(set, ev, mon(11, 0));
    MetricCycle first = e.cycles(SlaMetric.firstResponse()).get(0);
    assertEquals(CycleState.ACHIEVED, first.state());
    assertEquals(m(1), first.elapsed());
    assertEquals(List.of(mon(10, 0)), starts(e, SlaMetric.periodicUpdate()));
    assertEquals(List.of(mon(10, 30)), starts(e, SlaMetric.nextResponse()));
    assertEquals(CycleState.ACTIVE, e.cycles(SlaMetric.nextResponse()).get(0).state());

    // The set-wide switch instead: the bot counts for every reply metric and arms the follow-up.
    SlaPolicySet setWide =
        Fixtures.statusModel()
            .automatedRepliesCount(true)
            .defaultPolicy(replySet(team(SlaMetric.firstResponse()).build()).defaultPolicy())
            .build();
    SlaEvaluation all = eval(setWide, ev, mon(11, 0));
    assertEquals(m(1), all.cycles(SlaMetric.firstResponse()).get(0).elapsed());
    assertEquals(List.of(mon(9, 1), mon(10, 0)), starts(all, SlaMetric.periodicUpdate()));
    assertEquals(List.of(mon(9, 30), mon(10, 30)), starts(all, SlaMetric.nextResponse()));
  }

  // No override: the set-wide switch decides, also for a rule that overrides only the other one.
  @Test
  void theSetWideSwitchAppliesWhereNoOverrideSaysOtherwise() {
    SlaPolicySet set =
        Fixtures.statusModel()
            .internalNotesCount(true)
            .defaultPolicy(
                replySet(
                        team(SlaMetric.firstResponse()).automatedRepliesCount(true).build(),
                        team(SlaMetric.periodicUpdate()).internalNotesCount(false).build())
                    .defaultPolicy())
            .build();
    List<TicketEvent> ev =
        List.of(
            t.created(mon(9, 0)), t.note(mon(9, 20)), t.customer(mon(9, 40)), t.note(mon(10, 0)));
    SlaEvaluation e = eval(set, ev, mon(10, 30));
    assertEquals(
        Optional.of(mon(9, 20)),
        e.cycles(SlaMetric.firstResponse()).get(0).stop(),
        "first reply inherits the set-wide notes switch");
    // next reply has no rule at all: the set-wide switch lets the note arm and then answer.
    MetricCycle next = e.cycles(SlaMetric.nextResponse()).get(0);
    assertEquals(mon(9, 40), next.start());
    assertEquals(Optional.of(mon(10, 0)), next.stop());
    assertEquals(
        List.of(), e.cycles(SlaMetric.periodicUpdate()), "overridden: notes are no update");
  }

  // The rule of the policy in force when the reply is written decides; earlier replies are not
  // re-judged when the policy changes.
  @Test
  void thePolicyInForceAtTheReplyDecides() {
    SlaPolicy vip =
        SlaPolicy.builder("vip")
            .when(MatchCondition.always().withAttribute("tier", "gold"))
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.periodicUpdate(), h(2))
            .rule(team(SlaMetric.periodicUpdate()).internalNotesCount(true).build())
            .build();
    SlaPolicy standard =
        SlaPolicy.builder("standard")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.periodicUpdate(), h(2))
            .rule(team(SlaMetric.periodicUpdate()).build())
            .build();
    SlaPolicySet set = Fixtures.statusModel().policy(vip).defaultPolicy(standard).build();
    List<TicketEvent> ev =
        List.of(
            t.created(mon(9, 0)),
            t.note(mon(9, 30)),
            t.attr(mon(10, 0), "tier", "gold"),
            t.note(mon(10, 30)),
            t.attr(mon(11, 0), "tier", "silver"),
            t.note(mon(11, 30)));
    SlaEvaluation e = eval(set, ev, mon(12, 0));
    assertEquals(List.of(mon(10, 30)), starts(e, SlaMetric.periodicUpdate()));
    assertEquals(CycleState.ACTIVE, e.cycles(SlaMetric.periodicUpdate()).get(0).state());
  }

  // A customer message written while the ticket is solved is answered (the reopen then starts no
  // next-reply cycle for it) only by a reply that counts for next reply.
  @Test
  void aMessageWrittenWhileSolvedIsAnsweredOnlyByAReplyThatCountsForNextReply() {
    List<TicketEvent> ev =
        List.of(
            t.created(mon(9, 0)),
            t.reply(mon(9, 10)),
            t.status(mon(9, 20), "solved"),
            t.customer(mon(9, 30)),
            t.note(mon(9, 40)),
            t.status(mon(10, 0), "open"));
    SlaPolicySet notesAnswer =
        replySet(
            team(SlaMetric.firstResponse()).build(),
            team(SlaMetric.nextResponse()).internalNotesCount(true).build());
    assertEquals(List.of(), eval(notesAnswer, ev, mon(11, 0)).cycles(SlaMetric.nextResponse()));
    // Here the note counts for first reply (long stopped) but not for next reply: not an answer.
    SlaPolicySet notesDoNot =
        replySet(
            team(SlaMetric.firstResponse()).internalNotesCount(true).build(),
            team(SlaMetric.nextResponse()).build());
    assertEquals(
        List.of(mon(10, 0)), starts(eval(notesDoNot, ev, mon(11, 0)), SlaMetric.nextResponse()));
  }

  @Test
  void anOverrideOnAMetricThatIsNotReplyDrivenIsRejected() {
    IllegalArgumentException b =
        assertThrows(
            IllegalArgumentException.class,
            () -> MetricRule.builder(SlaMetric.resolution()).internalNotesCount(true));
    assertEquals(
        "internalNotesCount is set for metric resolution, but only first_response, next_response"
            + ", periodic_update and custom metrics count replies",
        b.getMessage());
    IllegalArgumentException c =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new MetricRule(
                    SlaMetric.stage("analysis"),
                    MetricRule.ALWAYS,
                    Set.of(),
                    List.of(),
                    List.of(),
                    Optional.empty(),
                    Optional.of(false),
                    Optional.empty(),
                    Set.of(),
                    Map.of(),
                    List.of()));
    assertTrue(
        c.getMessage().startsWith("automatedRepliesCount is set for metric stage:analysis"),
        c::getMessage);
    for (SlaMetric ok :
        List.of(SlaMetric.firstResponse(), SlaMetric.nextResponse(), SlaMetric.periodicUpdate())) {
      MetricRule r = MetricRule.builder(ok).internalNotesCount(false).build();
      assertEquals(Optional.of(false), r.internalNotesCount());
      assertEquals(Optional.empty(), r.automatedRepliesCount());
    }
    assertEquals(Optional.empty(), MetricRule.of(SlaMetric.firstResponse()).internalNotesCount());
  }

  private static final String JSON =
      "{\"statuses\": [\"new\", \"solved\"], \"solvedStatuses\": [\"solved\"],"
          + " \"defaultPolicy\": {\"name\": \"standard\", \"matrix\": {\"default\": \"normal\"},"
          + " \"targets\": {\"normal\": {\"*\": {\"periodic_update\": \"PT2H\"}}},"
          + " \"metrics\": [{\"metric\": \"resolution\"}, METRIC]}}";

  private static SlaPolicySet readWith(String metric) {
    return SlaPolicyJson.read(JSON.replace("METRIC", metric));
  }

  @Test
  void jsonReadsAndWritesAnOverrideOnlyWhereItIsSet() {
    SlaPolicySet set = readWith("{\"metric\": \"periodic_update\", \"internalNotesCount\": true}");
    MetricRule periodic = set.defaultPolicy().rule(SlaMetric.periodicUpdate()).orElseThrow();
    assertEquals(Optional.of(true), periodic.internalNotesCount());
    assertEquals(Optional.empty(), periodic.automatedRepliesCount());
    String written = SlaPolicyJson.write(set);
    // Written by hand from the documented format.
    assertTrue(
        written.contains(
            "{\"metric\": \"periodic_update\", \"calendar\": \"24/7\", \"internalNotesCount\":"
                + " true}"),
        written);
    assertTrue(written.contains("{\"metric\": \"resolution\", \"calendar\": \"24/7\"}"), written);
    assertEquals(set, SlaPolicyJson.read(written));
    SlaPolicySet both =
        readWith(
            "{\"metric\": \"first_response\", \"automatedRepliesCount\": false,"
                + " \"internalNotesCount\": false}");
    MetricRule first = both.defaultPolicy().rule(SlaMetric.firstResponse()).orElseThrow();
    assertEquals(Optional.of(false), first.internalNotesCount());
    assertEquals(Optional.of(false), first.automatedRepliesCount());
    assertEquals(both, SlaPolicyJson.read(SlaPolicyJson.write(both)));
  }

  @Test
  void jsonErrorsNameTheOptionTheMetricAndThePath() {
    IllegalArgumentException wrongMetric =
        assertThrows(
            IllegalArgumentException.class,
            () -> readWith("{\"metric\": \"answer_time\", \"internalNotesCount\": true}"));
    assertEquals(
        "internalNotesCount is set for metric answer_time, but only first_response, next_response"
            + ", periodic_update and custom metrics count replies"
            + " (at $.defaultPolicy.metrics[1].internalNotesCount, line 1, column 279)",
        wrongMetric.getMessage());
    IllegalArgumentException notBoolean =
        assertThrows(
            IllegalArgumentException.class,
            () -> readWith("{\"metric\": \"next_response\", \"automatedRepliesCount\": \"yes\"}"));
    assertEquals(
        "expected true or false but found \"yes\""
            + " (at $.defaultPolicy.metrics[1].automatedRepliesCount, line 1, column 284)",
        notBoolean.getMessage());
  }
}
