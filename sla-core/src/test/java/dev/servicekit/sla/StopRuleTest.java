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
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link StopRule}: which targeting judges a cycle that an update ends while it also re-targets the
 * ticket. The default judges it by the targeting after the update; {@link StopRule#BEFORE_UPDATE}
 * by the one before, and under CANCEL_AND_REATTACH attaches nothing for it.
 */
class StopRuleTest {

  private static final SlaMetric FIRST = SlaMetric.firstResponse();
  private static final SlaMetric RESOLUTION = SlaMetric.resolution();
  private static final SlaMetric OWNED = SlaMetric.custom("owned");
  private static final SlaMetric WORK = SlaMetric.stage("work");
  private static final SlaMetric HANDLING = SlaMetric.custom("handling");

  private final Fixtures.Ticket t = new Fixtures.Ticket("T");

  /** Normal: first reply 4 h, resolution 8 h; urgent: 1 h and 2 h. */
  private static SlaPolicySet.Builder twoPriorities(RetargetRule retarget, StopRule stop) {
    return SlaPolicySet.builder()
        .statuses("open", "pending", "solved")
        .solvedStatuses("solved")
        .retargetRule(retarget)
        .stopRule(stop)
        .defaultPolicy(
            SlaPolicy.builder("support")
                .matrix(PriorityMatrix.constant("normal"))
                .target("normal", FIRST, Duration.ofHours(4))
                .target("normal", RESOLUTION, Duration.ofHours(8))
                .target("urgent", FIRST, Duration.ofHours(1))
                .target("urgent", RESOLUTION, Duration.ofHours(2))
                .build());
  }

  // A reply sent together with a new priority: by default measured against the new target (1 h
  // from 09:00, breached at 10:00), under BEFORE_UPDATE against the old one (4 h, met). The
  // resolution cycle the update does not stop is re-targeted either way: 2 h from 09:00.
  @Test
  void aReplySentWithANewPriorityIsJudgedByTheOldTargetUnderBeforeUpdate() {
    List<TicketEvent> h =
        List.of(t.created(mon(9, 0)), t.reply(mon(10, 30)), t.priority(mon(10, 30), "urgent"));
    for (RetargetRule rule : List.of(RetargetRule.RECALCULATE, RetargetRule.KEEP_REACHED)) {
      SlaEvaluation after =
          Fixtures.eval(twoPriorities(rule, StopRule.AFTER_UPDATE).build(), h, mon(10, 45));
      MetricCycle late = after.latest(FIRST).orElseThrow();
      assertEquals(CycleState.BREACHED, late.state(), rule.toString());
      assertEquals(Optional.of(Duration.ofHours(1)), late.target(), rule.toString());

      SlaEvaluation before =
          Fixtures.eval(twoPriorities(rule, StopRule.BEFORE_UPDATE).build(), h, mon(10, 45));
      MetricCycle met = before.latest(FIRST).orElseThrow();
      assertEquals(CycleState.ACHIEVED, met.state(), rule.toString());
      assertEquals(Optional.of(Duration.ofHours(4)), met.target(), rule.toString());
      assertEquals(Optional.of(mon(13, 0)), met.deadline(), rule.toString());
      MetricCycle resolution = before.latest(RESOLUTION).orElseThrow();
      assertEquals(Optional.of(mon(11, 0)), resolution.deadline(), rule.toString());
    }
  }

  /**
   * An update that re-targets the ticket and writes its status solved, open and solved again (ids
   * in that order) ends a cycle that ran up to it, as one that writes solved once does: under
   * BEFORE_UPDATE both are judged by the targeting before the update. The clock judged the first by
   * the new targeting, since the intermediate reopen resumed the cycle at the update's instant
   * (found by {@code BusinessFiguresOracleProperties}: urgent's 2 h, breached at 11:00, reported
   * met under normal's 8 h).
   */
  @Test
  void aCycleTheUpdateSolvesReopensAndSolvesAgainIsJudgedBeforeTheUpdate() {
    for (RetargetRule rule : List.of(RetargetRule.RECALCULATE, RetargetRule.CANCEL_AND_REATTACH)) {
      SlaPolicySet set =
          twoPriorities(rule, StopRule.BEFORE_UPDATE).resolutionReopen(ReopenRule.RESUME).build();
      List<TicketEvent> once =
          List.of(
              TicketEvent.Created.byCustomer("T", "e0", mon(9, 0)),
              new TicketEvent.PriorityChanged("T", "e1", mon(9, 0), "urgent"),
              new TicketEvent.PriorityChanged("T", "e2", mon(11, 30), "normal"),
              new TicketEvent.StatusChanged("T", "s3", mon(11, 30), "solved"));
      List<TicketEvent> thrice =
          List.of(
              TicketEvent.Created.byCustomer("T", "e0", mon(9, 0)),
              new TicketEvent.PriorityChanged("T", "e1", mon(9, 0), "urgent"),
              new TicketEvent.PriorityChanged("T", "e2", mon(11, 30), "normal"),
              new TicketEvent.StatusChanged("T", "s1", mon(11, 30), "solved"),
              new TicketEvent.StatusChanged("T", "s2", mon(11, 30), "open"),
              new TicketEvent.StatusChanged("T", "s3", mon(11, 30), "solved"));
      for (List<TicketEvent> h : List.of(once, thrice)) {
        MetricCycle r = Fixtures.eval(set, h, mon(12, 0)).latest(RESOLUTION).orElseThrow();
        String why = rule + " " + h.size() + " events";
        assertEquals(CycleState.BREACHED, r.state(), why);
        assertEquals(Optional.of(Duration.ofHours(2)), r.target(), why);
        assertEquals(Optional.of(mon(11, 30)), r.stop(), why);
        assertEquals(Optional.of(mon(11, 0).plusNanos(1)), r.breachedAt(), why);
        assertEquals(1, Fixtures.eval(set, h, mon(12, 0)).cycles(RESOLUTION).size(), why);
      }
      // reopened by the update and left running: measured by the new targeting
      List<TicketEvent> reopened = new java.util.ArrayList<>(thrice.subList(0, 5));
      MetricCycle running = Fixtures.eval(set, reopened, mon(12, 0)).latest(RESOLUTION).get();
      assertEquals(CycleState.ACTIVE, running.state(), rule.toString());
      assertEquals(Optional.of(Duration.ofHours(8)), running.target(), rule.toString());
    }
  }

  /**
   * Under CANCEL_AND_REATTACH and BEFORE_UPDATE, an update that re-targets the ticket and writes
   * its status solved then open (ids in that order) leaves it open under the new targeting: its net
   * effect is the re-target, so the running resolution cycle is cancelled and a new one attached at
   * the update, as the same update without the two writes (or under AFTER_UPDATE) does ("one
   * update, one result"). The clock withdrew the re-attach on the solve and the reopen then resumed
   * the old cycle, which ran on under urgent's 1 h from 09:00, breached at 10:00 before the update
   * that attached that target (found by {@code BusinessFiguresOracleProperties}). A stage and a
   * custom metric that resume on re-entry and reopen did the same. Whatever the events' ids (the
   * status writes keep their order) and arrival order, the result is the same.
   */
  @Test
  void anUpdateThatRetargetsSolvesAndReopensReattachesUnderBeforeUpdate() {
    SlaPolicySet.Builder b =
        SlaPolicySet.builder()
            .statuses("open", "pending", "solved")
            .solvedStatuses("solved")
            .retargetRule(RetargetRule.CANCEL_AND_REATTACH)
            .resolutionReopen(ReopenRule.RESUME)
            .stage(new StageDefinition("work", java.util.Set.of("open"), ReopenRule.RESUME))
            .metric(
                MetricDefinition.builder("handling")
                    .startOn(MetricTrigger.created(), MetricTrigger.reopened())
                    .stopOn(MetricTrigger.solved())
                    .cycles(MetricDefinition.Cycles.RESUME)
                    .build())
            .defaultPolicy(
                SlaPolicy.builder("support")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", RESOLUTION, Duration.ofHours(4))
                    .target("urgent", RESOLUTION, Duration.ofHours(1))
                    .target("normal", WORK, Duration.ofHours(4))
                    .target("urgent", WORK, Duration.ofHours(1))
                    .target("normal", HANDLING, Duration.ofHours(4))
                    .target("urgent", HANDLING, Duration.ofHours(1))
                    .build());
    SlaPolicySet before = b.stopRule(StopRule.BEFORE_UPDATE).build();
    SlaPolicySet after = b.stopRule(StopRule.AFTER_UPDATE).build();
    String[][] ids = {{"p", "s1", "s2"}, {"a", "s1", "s2"}, {"z", "b", "c"}, {"m", "a", "z"}};
    for (String[] id : ids) {
      List<TicketEvent> h =
          List.of(
              TicketEvent.Created.byCustomer("T", "e0", mon(9, 0)),
              new TicketEvent.PriorityChanged("T", id[0], mon(11, 0), "urgent"),
              new TicketEvent.StatusChanged("T", id[1], mon(11, 0), "solved"),
              new TicketEvent.StatusChanged("T", id[2], mon(11, 0), "open"));
      List<TicketEvent> plain = h.subList(0, 2);
      String why = String.join(",", id);
      for (SlaPolicySet set : List.of(before, after)) {
        for (List<TicketEvent> events : List.of(h, plain)) {
          for (SlaMetric metric : List.of(RESOLUTION, WORK, HANDLING)) {
            List<MetricCycle> cs = Fixtures.eval(set, events, mon(11, 30)).cycles(metric);
            String w = why + " " + set.stopRule() + " " + events.size() + " events " + metric;
            assertEquals(2, cs.size(), w);
            assertEquals(CycleState.CANCELLED, cs.get(0).state(), w);
            assertEquals(Optional.of(Duration.ofHours(4)), cs.get(0).target(), w);
            assertEquals(Optional.of(mon(11, 0)), cs.get(0).stop(), w);
            assertEquals(CycleState.ACTIVE, cs.get(1).state(), w);
            assertEquals(Optional.of(Duration.ofHours(1)), cs.get(1).target(), w);
            assertEquals(mon(11, 0), cs.get(1).start(), w);
            assertEquals(Optional.of(mon(12, 0)), cs.get(1).deadline(), w);
          }
        }
      }
      // a live clock, fed in any arrival order and read after every event, ends the same
      SlaEvaluation expected = Fixtures.eval(before, h, mon(11, 30));
      Random r = new Random(why.hashCode());
      for (int k = 0; k < 6; k++) {
        List<TicketEvent> arrival = new ArrayList<>(h);
        Collections.shuffle(arrival, r);
        SlaClock clock = Fixtures.clock(before, "T");
        boolean created = false;
        for (TicketEvent e : arrival) {
          clock.accept(e);
          created |= e instanceof TicketEvent.Created;
          if (created) {
            clock.evaluate(mon(11, 30)); // a read settles what was applied so far
          }
        }
        SlaEvaluation live = clock.evaluate(mon(11, 30));
        assertEquals(expected.cycles(RESOLUTION), live.cycles(RESOLUTION), why + " " + arrival);
        assertEquals(expected.cycles(WORK), live.cycles(WORK), why + " " + arrival);
        assertEquals(expected.cycles(HANDLING), live.cycles(HANDLING), why + " " + arrival);
      }
    }
  }

  // Under RECALCULATE_ALL a stopped cycle is judged again by the targeting in force: the rule
  // changes nothing there while the new targeting has a target for the metric.
  @Test
  void recalculateAllJudgesTheStoppedCycleAgainByTheNewTargeting() {
    List<TicketEvent> h =
        List.of(t.created(mon(9, 0)), t.reply(mon(10, 30)), t.priority(mon(10, 30), "urgent"));
    SlaEvaluation before =
        Fixtures.eval(
            twoPriorities(RetargetRule.RECALCULATE_ALL, StopRule.BEFORE_UPDATE).build(),
            h,
            mon(10, 45));
    SlaEvaluation after =
        Fixtures.eval(
            twoPriorities(RetargetRule.RECALCULATE_ALL, StopRule.AFTER_UPDATE).build(),
            h,
            mon(10, 45));
    assertEquals(after.cycles(), before.cycles());
    assertEquals(CycleState.BREACHED, before.latest(FIRST).orElseThrow().state());
  }

  // CANCEL_AND_REATTACH: a solve sent together with a new priority. By default the resolution
  // cycle is cancelled under the old target and a new one attached and met at once (zero length);
  // under BEFORE_UPDATE the solve completes the running cycle under the old target and nothing is
  // attached: one cycle, met at 10:30 (8 h). First reply likewise: one cycle, met by the solve.
  @Test
  void aSolveWithANewPriorityCompletesTheRunningCycleAndAttachesNothing() {
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0)),
            t.status(mon(10, 30), "solved"),
            t.priority(mon(10, 30), "urgent"));
    SlaEvaluation after =
        Fixtures.eval(
            twoPriorities(RetargetRule.CANCEL_AND_REATTACH, StopRule.AFTER_UPDATE).build(),
            h,
            mon(12, 0));
    assertEquals(2, after.cycles(RESOLUTION).size(), after.cycles().toString());
    assertEquals(CycleState.CANCELLED, after.cycles(RESOLUTION).get(0).state());
    assertEquals(Duration.ZERO, after.cycles(RESOLUTION).get(1).elapsed());

    SlaEvaluation before =
        Fixtures.eval(
            twoPriorities(RetargetRule.CANCEL_AND_REATTACH, StopRule.BEFORE_UPDATE).build(),
            h,
            mon(12, 0));
    for (SlaMetric m : List.of(FIRST, RESOLUTION)) {
      List<MetricCycle> c = before.cycles(m);
      assertEquals(1, c.size(), c.toString());
      assertEquals(CycleState.ACHIEVED, c.get(0).state(), m.toString());
      assertEquals(Optional.of(mon(10, 30)), c.get(0).stop(), m.toString());
    }
    assertEquals(Optional.of(Duration.ofHours(8)), before.cycles(RESOLUTION).get(0).target());
    // a reopen attaches a new cycle under the targeting in force (RESUME: the cycle resumes)
    List<TicketEvent> reopened = new ArrayList<>(h);
    reopened.add(t.status(mon(11, 0), "open"));
    SlaEvaluation later =
        Fixtures.eval(
            twoPriorities(RetargetRule.CANCEL_AND_REATTACH, StopRule.BEFORE_UPDATE).build(),
            reopened,
            mon(11, 15));
    MetricCycle resumed = later.latest(RESOLUTION).orElseThrow();
    assertEquals(0, resumed.cycle());
    assertEquals(Optional.of(Duration.ofHours(2)), resumed.target());
  }

  /**
   * A definition per group as a reset recipe under CANCEL_AND_REATTACH: started by the creation and
   * by leaving group a, stopped by leaving group a; policy a (1 h) while in group a, else b (4 h).
   */
  private static SlaPolicySet resetSet(StopRule stop) {
    return SlaPolicySet.builder()
        .statuses("open", "solved")
        .solvedStatuses("solved")
        .retargetRule(RetargetRule.CANCEL_AND_REATTACH)
        .stopRule(stop)
        .metric(
            MetricDefinition.builder("owned")
                .startOn(MetricTrigger.created(), MetricTrigger.attributeLeft("group", "a"))
                .stopOn(MetricTrigger.solved(), MetricTrigger.attributeLeft("group", "a"))
                .whenSolved(MetricDefinition.WhenSolved.SKIP)
                .build())
        .policy(
            SlaPolicy.builder("a")
                .when(MatchCondition.always().withAttribute("group", "a"))
                .matrix(PriorityMatrix.constant("p"))
                .target("p", OWNED, Duration.ofHours(1))
                .build())
        .defaultPolicy(
            SlaPolicy.builder("b")
                .matrix(PriorityMatrix.constant("p"))
                .target("p", OWNED, Duration.ofHours(4))
                .build())
        .build();
  }

  // The state group's step is taken again at each of its events (and the reply group's when its
  // events come out of order): what BEFORE_UPDATE withdrew is attached again first. At 10:30 the
  // group moves to b together with other attribute changes and replies, in every arrival order
  // and read after every event: always the cycle of group a stopped under its 1 h (breached) and
  // one cycle under b's 4 h.
  @Test
  void aWithdrawnReattachIsUndoneAndTakenAgainWhateverTheOrderOfTheUpdate() {
    Instant u = mon(10, 30);
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0), "group", "a"),
            new TicketEvent.AttributeChanged("T", "u2", u, "group", "b"),
            new TicketEvent.AttributeChanged("T", "u1", u, "note", "x"),
            new TicketEvent.AttributeChanged("T", "u3", u, "other", "y"),
            TicketEvent.AgentReply.publicReply("T", "u0", u),
            TicketEvent.AgentReply.internalNote("T", "u4", u));
    SlaPolicySet set = resetSet(StopRule.BEFORE_UPDATE);
    Random r = new Random(7);
    for (int k = 0; k < 30; k++) {
      List<TicketEvent> arrival = new ArrayList<>(h.subList(1, h.size()));
      Collections.shuffle(arrival, r);
      arrival.add(0, h.get(0));
      SlaClock clock = Fixtures.clock(set, "T");
      for (TicketEvent e : arrival) {
        clock.accept(e);
        clock.evaluate(e.at());
      }
      List<MetricCycle> c = clock.evaluate(mon(11, 0)).cycles(OWNED);
      assertEquals(2, c.size(), arrival + " " + c);
      assertEquals(CycleState.BREACHED, c.get(0).state(), c.toString());
      assertEquals(Optional.of(Duration.ofHours(1)), c.get(0).target(), c.toString());
      assertEquals(Optional.of(u), c.get(0).stop(), c.toString());
      assertEquals(1, c.get(1).cycle());
      assertEquals(Optional.of(mon(14, 30)), c.get(1).deadline(), c.toString());
      assertEquals(Fixtures.eval(set, h, mon(11, 0)), clock.evaluate(mon(11, 0)));
    }
  }

  // Two writes of the group at one instant that end where they began (a, then back to a, by id)
  // change nothing: no stop fires, and the re-attach is undone, under either rule.
  @Test
  void anUpdateThatEndsOnItsTargetingStopsAndAttachesNothing() {
    Instant u = mon(10, 30);
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0), "group", "a"),
            new TicketEvent.AttributeChanged("T", "u1", u, "group", "b"),
            new TicketEvent.AttributeChanged("T", "u2", u, "group", "a"));
    for (StopRule stop : StopRule.values()) {
      SlaPolicySet set = resetSet(stop);
      for (List<TicketEvent> arrival : List.of(h, List.of(h.get(0), h.get(2), h.get(1)))) {
        SlaClock clock = Fixtures.clock(set, "T");
        for (TicketEvent e : arrival) {
          clock.accept(e);
          clock.evaluate(e.at());
        }
        List<MetricCycle> c = clock.evaluate(mon(9, 45)).cycles(OWNED);
        assertEquals(1, c.size(), stop + " " + c);
        assertEquals(CycleState.ACTIVE, c.get(0).state(), stop + " " + c);
      }
    }
  }

  // The audit trail of a cycle stopped under BEFORE_UPDATE shows the policy and target it is
  // judged by in its stopped segment, and its durations are the sum of its segments.
  @Test
  void theTrailsStoppedSegmentShowsTheTargetingBeforeTheUpdate() {
    List<TicketEvent> h =
        List.of(t.created(mon(9, 0)), t.reply(mon(10, 30)), t.priority(mon(10, 30), "urgent"));
    SlaClock clock =
        Fixtures.clock(
            twoPriorities(RetargetRule.RECALCULATE, StopRule.BEFORE_UPDATE).build(), "T");
    h.forEach(clock::accept);
    List<CycleSegment> trail = clock.auditTrail(FIRST, 0, mon(11, 0));
    assertEquals(2, trail.size(), trail.toString());
    assertEquals(CycleSegment.Kind.RUNNING, trail.get(0).kind());
    assertEquals(Duration.ofMinutes(90), trail.get(0).business());
    assertEquals(CycleSegment.Kind.STOPPED, trail.get(1).kind());
    assertEquals(Optional.of(Duration.ofHours(4)), trail.get(1).target());
    assertEquals(mon(10, 30), trail.get(1).from());
  }

  @Test
  void theRuleIsReadAndWrittenAsJsonAndABadValueIsLocated() {
    SlaPolicySet set = twoPriorities(RetargetRule.RECALCULATE, StopRule.BEFORE_UPDATE).build();
    String json = SlaPolicyJson.write(set);
    assertTrue(json.contains("\"stopRule\": \"BEFORE_UPDATE\""), json);
    assertEquals(set, SlaPolicyJson.read(json));
    String plain =
        SlaPolicyJson.write(twoPriorities(RetargetRule.RECALCULATE, StopRule.AFTER_UPDATE).build());
    assertTrue(!plain.contains("stopRule"), "the default is not written: " + plain);
    String bad = json.replace("\"BEFORE_UPDATE\"", "\"FIRST\"");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(bad));
    assertTrue(e.getMessage().contains("$.stopRule"), e.getMessage());
    assertTrue(e.getMessage().contains("line "), e.getMessage());
    assertTrue(e.getMessage().contains("BEFORE_UPDATE"), e.getMessage());
    assertThrows(NullPointerException.class, () -> SlaPolicySet.builder().stopRule(null));
  }

  @Test
  void aDefinitionsOwnRuleIsReadAndWrittenAsJsonAndABadValueIsLocated() {
    MetricDefinition own =
        MetricDefinition.builder("handling")
            .startOn(MetricTrigger.created())
            .stopOn(MetricTrigger.solved())
            .stopRule(StopRule.BEFORE_UPDATE)
            .build();
    assertEquals(Optional.of(StopRule.BEFORE_UPDATE), own.stopRule());
    assertEquals(own, own.withCancelOn().withStopRule(StopRule.BEFORE_UPDATE));
    SlaPolicySet set =
        twoPriorities(RetargetRule.RECALCULATE, StopRule.AFTER_UPDATE).metric(own).build();
    String json = SlaPolicyJson.write(set);
    assertTrue(json.contains("\"stopRule\": \"BEFORE_UPDATE\""), json);
    assertEquals(set, SlaPolicyJson.read(json));
    MetricDefinition plain = own.withStopRule(StopRule.AFTER_UPDATE);
    assertTrue(
        SlaPolicyJson.write(
                    twoPriorities(RetargetRule.RECALCULATE, StopRule.AFTER_UPDATE)
                        .metric(
                            MetricDefinition.builder("handling")
                                .startOn(MetricTrigger.created())
                                .stopOn(MetricTrigger.solved())
                                .build())
                        .build())
                .indexOf("stopRule")
            < 0,
        "a definition without its own rule writes none");
    assertEquals(
        plain,
        SlaPolicyJson.read(
                SlaPolicyJson.write(
                    twoPriorities(RetargetRule.RECALCULATE, StopRule.AFTER_UPDATE)
                        .metric(plain)
                        .build()))
            .metrics()
            .get("handling"));
    String bad = json.replace("\"stopRule\": \"BEFORE_UPDATE\"", "\"stopRule\": \"FIRST\"");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(bad));
    assertTrue(e.getMessage().contains("$.metricDefinitions[0].stopRule"), e.getMessage());
    assertTrue(e.getMessage().contains("line "), e.getMessage());
    assertTrue(e.getMessage().contains("BEFORE_UPDATE"), e.getMessage());
    assertThrows(
        NullPointerException.class, () -> MetricDefinition.builder("handling").stopRule(null));
    assertThrows(NullPointerException.class, () -> own.withStopRule(null));
  }
}
