package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.h;
import static dev.servicekit.sla.Fixtures.mon;
import static dev.servicekit.sla.PresetScenarios.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link SlaPolicySet#defaultRules()}: a set-wide rule per metric for every policy that targets the
 * metric without a rule of its own, and the vendor presets' pause statuses carried by them.
 */
class DefaultRulesTest {

  private static final SlaMetric RESOLUTION = SlaMetric.resolution();
  private static final SlaMetric FIRST = SlaMetric.firstResponse();
  private final Fixtures.Ticket t = new Fixtures.Ticket("Z-1");

  private static SlaPolicy.Builder fourHours() {
    return SlaPolicy.builder("n")
        .matrix(PriorityMatrix.constant("n"))
        .target("n", RESOLUTION, Duration.ofHours(4));
  }

  /** Created 09:00, pending reminder 10:00-12:00, read at 12:00. */
  private final List<TicketEvent> pending =
      List.of(
          t.created(mon(9, 0)),
          t.status(mon(10, 0), "pending-reminder"),
          t.status(mon(12, 0), "open"));

  private List<TicketEvent> pendingTwoHours() {
    return pending;
  }

  // The new-user review's example: ZAMMAD's set and a policy with only a target. Its README row
  // says pending states accumulate no time "for every metric"; before default rules the pending
  // stretch counted (elapsed PT3H, paused PT0S).
  @Test
  void aZammadPolicyWithOnlyATargetPausesInPendingStates() {
    SlaPolicySet set = SlaPreset.ZAMMAD.policySet().defaultPolicy(fourHours().build()).build();
    MetricCycle c = only(Fixtures.eval(set, pendingTwoHours(), mon(12, 0)), RESOLUTION);
    assertEquals(h(1), c.elapsed());
    assertEquals(h(2), c.pausedTime());
    assertEquals(Optional.of(mon(15, 0)), c.deadline());
  }

  @Test
  void theSameSetWithTheRuleWrittenOutMeasuresAlike() {
    SlaPolicySet withDefault =
        SlaPreset.ZAMMAD.policySet().defaultPolicy(fourHours().build()).build();
    SlaPolicySet spelledOut =
        SlaPreset.ZAMMAD
            .policySet()
            .defaultPolicy(fourHours().rule(SlaPreset.ZAMMAD.rule(RESOLUTION).build()).build())
            .build();
    assertEquals(
        Fixtures.eval(spelledOut, pendingTwoHours(), mon(12, 0)),
        Fixtures.eval(withDefault, pendingTwoHours(), mon(12, 0)));
    // the same effective rules, but one given and one filled in: the policies differ, as they do
    // in a set with another default rule
    assertEquals(spelledOut.defaultPolicy().rules(), withDefault.defaultPolicy().rules());
    assertNotEquals(spelledOut.defaultPolicy(), withDefault.defaultPolicy());
    assertEquals(
        Map.of(RESOLUTION, SlaPreset.ZAMMAD.rule(RESOLUTION).build()),
        spelledOut.defaultPolicy().givenRules());
    assertEquals(Map.of(), withDefault.defaultPolicy().givenRules());
  }

  // A policy taken from one set's policies() into another set gets the other set's default rules,
  // not the first set's: the filled-in rule stays replaceable.
  @Test
  void aPolicyReusedInAnotherSetTakesThatSetsDefaultRules() {
    SlaPolicySet zammad = SlaPreset.ZAMMAD.policySet().defaultPolicy(fourHours().build()).build();
    SlaPolicy reused = zammad.defaultPolicy();
    assertEquals(SlaPreset.ZAMMAD.rule(RESOLUTION).build(), reused.rules().get(RESOLUTION));

    SlaPolicySet plain =
        SlaPolicySet.builder()
            .statuses("new", "open", "pending-reminder", "closed")
            .solvedStatuses("closed")
            .defaultPolicy(reused)
            .build();
    MetricCycle c = only(Fixtures.eval(plain, pendingTwoHours(), mon(12, 0)), RESOLUTION);
    assertEquals(h(3), c.elapsed()); // no default rule here: 24/7, nothing pauses
    assertEquals(MetricRule.of(RESOLUTION), plain.defaultPolicy().rules().get(RESOLUTION));

    SlaPolicySet other =
        SlaPolicySet.builder()
            .statuses("new", "open", "pending-reminder", "closed")
            .solvedStatuses("closed")
            .defaultRule(MetricRule.builder(RESOLUTION).pauseOn("new").build())
            .defaultPolicy(reused)
            .build();
    MetricCycle o = only(Fixtures.eval(other, pendingTwoHours(), mon(12, 0)), RESOLUTION);
    assertEquals(h(2), o.elapsed()); // this set's default: new pauses, pending counts
  }

  // review19, finding 1: a policy's own rule that equals the set's default rule stays its own
  // through a JSON round trip, so the policy read back behaves like the original in another set.
  @Test
  void anOwnRuleEqualToTheDefaultStaysOwnThroughJson() {
    SlaPolicy own = fourHours().rule(SlaPreset.ZAMMAD.rule(RESOLUTION).build()).build();
    SlaPolicySet set = SlaPreset.ZAMMAD.policySet().defaultPolicy(own).build();
    SlaPolicySet read = SlaPolicyJson.read(SlaPolicyJson.write(set));
    assertEquals(set, read);
    MetricRule other = MetricRule.builder(RESOLUTION).pauseOn("new").build();
    for (SlaPolicySet s : List.of(set, read)) {
      SlaPolicySet reused =
          SlaPolicySet.builder()
              .statuses("new", "open", "pending-reminder", "pending-close", "closed")
              .solvedStatuses("closed")
              .defaultRule(other)
              .defaultPolicy(s.defaultPolicy())
              .build();
      // its own rule (pending pauses), not this set's default (new pauses)
      assertEquals(
          SlaPreset.ZAMMAD.rule(RESOLUTION).build(),
          reused.defaultPolicy().rules().get(RESOLUTION));
      MetricCycle c = only(Fixtures.eval(reused, pendingTwoHours(), mon(12, 0)), RESOLUTION);
      assertEquals(h(1), c.elapsed());
    }
  }

  // session 5, "still weak": the writer wrote the filled-in 24/7 rule as the policy's own, so the
  // policy read back kept 24/7 in a set whose default rule pauses
  @Test
  void aFilledInRuleIsNotWrittenSoTheReadBackPolicyTakesAnotherSetsDefault() {
    SlaPolicySet plain = Fixtures.statusModel().defaultPolicy(fourHours().build()).build();
    String json = SlaPolicyJson.write(plain);
    assertTrue(!json.contains("\"metrics\""), json);
    SlaPolicySet read = SlaPolicyJson.read(json);
    assertEquals(plain, read);
    MetricRule pauses = MetricRule.builder(RESOLUTION).pauseOn("pending").build();
    for (SlaPolicySet s : List.of(plain, read)) {
      SlaPolicySet reused =
          Fixtures.statusModel().defaultRule(pauses).defaultPolicy(s.defaultPolicy()).build();
      assertEquals(pauses, reused.defaultPolicy().rules().get(RESOLUTION));
      assertEquals(Map.of(), reused.defaultPolicy().givenRules());
    }
  }

  @Test
  void aCalendarGivenToATargetWhoseRuleIsFilledInIsWrittenEvenWhenItIs247() {
    SlaPolicy pinned =
        SlaPolicy.builder("n")
            .matrix(PriorityMatrix.constant("n"))
            .target("n", RESOLUTION, Duration.ofHours(4), MetricRule.ALWAYS)
            .build();
    SlaPolicySet set = Fixtures.statusModel().defaultPolicy(pinned).build();
    String json = SlaPolicyJson.write(set);
    assertTrue(json.contains("{\"target\": \"PT4H\", \"calendar\": \"24/7\"}"), json);
    SlaPolicySet read = SlaPolicyJson.read(json);
    assertEquals(set, read);
    MetricRule team = MetricRule.builder(RESOLUTION).calendar("team").build();
    SlaPolicySet reused =
        Fixtures.statusModel().defaultRule(team).defaultPolicy(read.defaultPolicy()).build();
    assertEquals(
        Optional.of(MetricRule.ALWAYS), reused.defaultPolicy().calendarFor("n", "*", RESOLUTION));
  }

  // review19, finding 6: a calendar missing at SlaClock.of names the default rule that uses it
  @Test
  void aMissingCalendarOfADefaultRuleIsNamedWithItsRule() {
    SlaPolicySet set =
        SlaPreset.ZAMMAD
            .policySet()
            .defaultRule(SlaPreset.ZAMMAD.rule(RESOLUTION).calendar("team").build())
            .defaultPolicy(fourHours().build())
            .build();
    String m =
        assertThrows(IllegalArgumentException.class, () -> SlaClock.of(set, Map.of(), "Z-1"))
            .getMessage();
    assertTrue(
        m.contains("calendar 'team' used by the set's default rule for resolution is not among"),
        m);
  }

  @Test
  void aPolicysOwnRuleWinsEntirely() {
    // its own rule pauses on nothing and counts 24/7: nothing of the default is merged into it
    SlaPolicySet set =
        SlaPreset.ZAMMAD
            .policySet()
            .defaultPolicy(fourHours().rule(MetricRule.of(RESOLUTION)).build())
            .build();
    MetricCycle c = only(Fixtures.eval(set, pendingTwoHours(), mon(12, 0)), RESOLUTION);
    assertEquals(h(3), c.elapsed());
    assertEquals(Duration.ZERO, c.pausedTime());
  }

  @Test
  void aDefaultRuleAppliesOnlyToTheMetricsAPolicyTargets() {
    SlaPolicySet set =
        SlaPreset.ZAMMAD
            .policySet()
            .defaultPolicy(
                SlaPolicy.builder("n")
                    .matrix(PriorityMatrix.constant("n"))
                    .target("n", FIRST, h(1))
                    .build())
            .build();
    assertEquals(
        List.of(FIRST), List.copyOf(set.defaultPolicy().rules().keySet()), "no resolution rule");
    assertEquals(SlaPreset.ZAMMAD.rule(FIRST).build(), set.defaultPolicy().rule(FIRST).get());
  }

  @Test
  void aDefaultRuleCountsOnItsOwnCalendarAndATargetsOwnCalendarStillWins() {
    MetricRule team = MetricRule.builder(RESOLUTION).calendar("team").pauseOn("pending").build();
    SlaPolicy p =
        SlaPolicy.builder("p")
            .matrix(
                PriorityMatrix.builder().cell("s1", "gold", "urgent").defaultPriority("n").build())
            .target("n", RESOLUTION, h(4))
            .target("urgent", RESOLUTION, h(4), MetricRule.ALWAYS)
            .build();
    SlaPolicySet set = Fixtures.statusModel().defaultRule(team).defaultPolicy(p).build();
    assertEquals(Optional.of("team"), set.defaultPolicy().calendarFor("n", "*", RESOLUTION));
    assertEquals(
        Optional.of(MetricRule.ALWAYS), set.defaultPolicy().calendarFor("urgent", "*", RESOLUTION));
    // Monday 16:00 + 4 business hours on 09-17 is Tuesday 12:00; 24/7 it is Monday 20:00
    SlaEvaluation normal = Fixtures.eval(set, List.of(t.created(mon(16, 0))), mon(16, 30));
    assertEquals(Optional.of(mon(1, 12, 0)), only(normal, RESOLUTION).deadline());
    SlaEvaluation urgent =
        Fixtures.eval(
            set,
            List.of(new Fixtures.Ticket("U").created(mon(16, 0), "severity", "s1", "tier", "gold")),
            mon(16, 30));
    assertEquals(Optional.of(mon(20, 0)), only(urgent, RESOLUTION).deadline());
  }

  @Test
  void aLaterDefaultRuleOfTheSameMetricReplacesTheEarlierOne() {
    MetricRule team = SlaPreset.ZENDESK.rule(RESOLUTION).calendar("team").build();
    SlaPolicySet set =
        SlaPreset.ZENDESK.policySet().defaultRule(team).defaultPolicy(fourHours().build()).build();
    assertEquals(Map.of(RESOLUTION, team), set.defaultRules());
    assertEquals(team, set.defaultPolicy().rule(RESOLUTION).orElseThrow());
  }

  @Test
  void theJsonRecipeCarriesTheDefaultRulesAndReadsBackEqual() {
    SlaPolicySet set = SlaPreset.ZAMMAD.policySet().defaultPolicy(fourHours().build()).build();
    String json = SlaPolicyJson.write(set);
    assertTrue(json.contains("\"defaultRules\""), json);
    assertTrue(json.contains("\"pauseOn\": [\"pending-reminder\", \"pending-close\"]"), json);
    SlaPolicySet back = SlaPolicyJson.read(json);
    assertEquals(set, back);
    assertEquals(json, SlaPolicyJson.write(back));
    assertEquals(
        Fixtures.eval(set, pendingTwoHours(), mon(12, 0)),
        Fixtures.eval(back, pendingTwoHours(), mon(12, 0)));
  }

  @Test
  void aPolicysOwnRuleEqualToNothingOfTheDefaultSurvivesTheJsonRoundTrip() {
    SlaPolicySet set =
        SlaPreset.ZAMMAD
            .policySet()
            .defaultPolicy(fourHours().rule(MetricRule.of(RESOLUTION)).build())
            .build();
    SlaPolicySet back = SlaPolicyJson.read(SlaPolicyJson.write(set));
    assertEquals(set, back);
    assertEquals(MetricRule.of(RESOLUTION), back.defaultPolicy().rule(RESOLUTION).orElseThrow());
  }

  @Test
  void aRestoredSnapshotMeasuresWithTheDefaultRules() {
    SlaPolicySet set = SlaPreset.ZAMMAD.policySet().defaultPolicy(fourHours().build()).build();
    SlaClock clock = PresetScenarios.clockOf(set, pendingTwoHours());
    SlaClock restored = SlaClockSnapshot.fromBytes(set, Map.of(), SlaClockSnapshot.toBytes(clock));
    MetricCycle c = only(restored.evaluate(mon(12, 0)), RESOLUTION);
    assertEquals(h(2), c.pausedTime());
    assertEquals(clock.evaluate(mon(12, 0)), restored.evaluate(mon(12, 0)));
  }

  @Test
  void withoutDefaultRulesThePoliciesAreThoseGiven() {
    SlaPolicy p = fourHours().build();
    SlaPolicySet set = Fixtures.statusModel().defaultPolicy(p).build();
    assertSame(p, set.defaultPolicy());
    assertEquals(Map.of(), set.defaultRules());
  }

  @Test
  void aDefaultRuleOnAnUndeclaredStatusStageOrMetricIsRejected() {
    assertMessage(
        () ->
            Fixtures.statusModel()
                .defaultRule(MetricRule.builder(RESOLUTION).pauseOn("waiting").build())
                .defaultPolicy(fourHours().build())
                .build(),
        "defaultRules metric resolution pauseStatuses status 'waiting' is not declared in statuses");
    assertMessage(
        () ->
            Fixtures.statusModel()
                .defaultRule(MetricRule.of(SlaMetric.stage("review")))
                .defaultPolicy(fourHours().build())
                .build(),
        "defaultRules measures stage review which is not declared in stages");
    assertMessage(
        () ->
            Fixtures.statusModel()
                .defaultRule(MetricRule.of(SlaMetric.custom("handover")))
                .defaultPolicy(fourHours().build())
                .build(),
        "defaultRules measures metric custom:handover which is not defined in metrics []");
    assertThrows(NullPointerException.class, () -> SlaPolicySet.builder().defaultRule(null));
  }

  @Test
  void jsonRejectsTwoDefaultRulesOfOneMetricAndAnUndeclaredStatusWithItsPath() {
    String json =
        SlaPolicyJson.write(
            SlaPreset.ZAMMAD.policySet().defaultPolicy(fourHours().build()).build());
    String twice =
        json.replace(
            "\"defaultRules\": [",
            "\"defaultRules\": [{\"metric\": \"resolution\"}, {\"metric\": \"first_response\"},");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(twice))
            .getMessage()
            .contains("already has a default rule (at $.defaultRules["),
        twice);
    String unknown =
        json.replaceFirst(
            "\"pauseOn\": \\[\"pending-reminder\", \"pending-close\"\\]",
            "\"pauseOn\": [\"pending-reminder\", \"pending-closed\"]");
    String m =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(unknown))
            .getMessage();
    assertTrue(m.contains("defaultRules[0].pauseOn[1]"), m);
    // review19, finding 6: thresholds out of order are named at the element, not the rule
    String warn =
        json.replace(
            "\"defaultRules\": [",
            "\"defaultRules\": [{\"metric\": \"resolution\", \"warnAt\": [75, 50]},");
    String w =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(warn)).getMessage();
    assertTrue(w.contains("percent 50 must be greater than the previous 75"), w);
    assertTrue(w.contains("defaultRules[0].warnAt[1]"), w);
    String esc =
        json.replace(
            "\"defaultRules\": [",
            "\"defaultRules\": [{\"metric\": \"resolution\", \"escalations\": [{\"level\": 2,"
                + " \"percent\": 90, \"recipient\": \"lead\"}, {\"level\": 1, \"percent\": 100,"
                + " \"recipient\": \"head\"}]},");
    String x =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(esc)).getMessage();
    assertTrue(x.contains("defaultRules[0].escalations[1]"), x);
  }

  private static void assertMessage(Runnable r, String expected) {
    String m = assertThrows(IllegalArgumentException.class, r::run).getMessage();
    assertTrue(m.contains(expected), m);
  }
}
