package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.h;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The value contracts of the policy model (hash codes, string forms, ordering) and the exact
 * messages with which the builders and constructors reject a configuration.
 */
class ModelContractTest {

  private static final List<String> STATUSES = List.of("new", "open", "pending", "solved");

  private static String rejection(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  private static SlaPolicy standard() {
    return SlaPolicy.builder("standard")
        .matrix(PriorityMatrix.constant("normal"))
        .target("normal", SlaMetric.firstResponse(), h(1))
        .rule(MetricRule.builder(SlaMetric.firstResponse()).pauseOn("pending").build())
        .build();
  }

  private static SlaPolicy vip() {
    return SlaPolicy.builder("vip")
        .when(MatchCondition.always().withAttribute("tier", "gold"))
        .matrix(PriorityMatrix.constant("urgent"))
        .target("urgent", SlaMetric.firstResponse(), h(1))
        .build();
  }

  private static SlaPolicySet.Builder set() {
    return SlaPolicySet.builder().statuses(STATUSES).solvedStatuses("solved");
  }

  private static SlaPolicySet policySet(boolean notesCount) {
    return set().internalNotesCount(notesCount).policy(vip()).defaultPolicy(standard()).build();
  }

  // ---- hash codes and string forms -------------------------------------------------------------

  @Test
  void equalPolicySetsHashAlikeAndADifferentSwitchChangesTheHash() {
    assertEquals(policySet(false), policySet(false));
    assertEquals(policySet(false).hashCode(), policySet(false).hashCode());
    assertNotEquals(policySet(false), policySet(true));
    assertNotEquals(policySet(false).hashCode(), policySet(true).hashCode());
  }

  @Test
  void policySetStringNamesItsPoliciesAndTheDefault() {
    assertEquals(
        "SlaPolicySet[policies=[SlaPolicy[vip]], default=SlaPolicy[standard]]",
        policySet(false).toString());
  }

  @Test
  void equalPoliciesHashAlikeAndDifferentTargetsChangeTheHash() {
    SlaPolicy longer =
        SlaPolicy.builder("standard")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.firstResponse(), h(2))
            .rule(MetricRule.builder(SlaMetric.firstResponse()).pauseOn("pending").build())
            .build();
    assertEquals(standard(), standard());
    assertEquals(standard().hashCode(), standard().hashCode());
    assertNotEquals(standard(), longer);
    assertNotEquals(standard().hashCode(), longer.hashCode());
    assertEquals("SlaPolicy[standard]", standard().toString());
    assertEquals("SlaPolicy[vip]", vip().toString());
  }

  private static PriorityMatrix matrix(String fallback) {
    return PriorityMatrix.builder()
        .cell("s1", "gold", "urgent")
        .cell("s1", "silver", "high")
        .cell("s2", "gold", "high")
        .defaultPriority(fallback)
        .build();
  }

  @Test
  void equalMatricesHashAlikeAndADifferentDefaultChangesTheHash() {
    assertEquals(matrix("low"), matrix("low"));
    assertEquals(matrix("low").hashCode(), matrix("low").hashCode());
    assertNotEquals(matrix("low"), matrix("normal"));
    assertNotEquals(matrix("low").hashCode(), matrix("normal").hashCode());
  }

  @Test
  void matrixStringListsCellsBySeverityThenTierAndTheDefault() {
    assertEquals(
        "PriorityMatrix{s1={gold=urgent, silver=high}, s2={gold=high}} default low",
        matrix("low").toString());
    assertEquals(
        "PriorityMatrix{s1={gold=urgent}}",
        PriorityMatrix.builder().cell("s1", "gold", "urgent").build().toString());
  }

  private static final Instant AT = Instant.ofEpochSecond(1000);

  private static int hash(String ticket, String id, Instant at) {
    return new TicketEvent.CustomerMessage(ticket, id, at).hashCode();
  }

  @Test
  void equalEventsHashAlike() {
    assertEquals(
        new TicketEvent.StatusChanged("T", "e", AT, "open").hashCode(),
        new TicketEvent.StatusChanged("T", "e", AT, "open").hashCode());
    assertEquals(hash("T", "e", AT), hash("T", "e", AT));
  }

  /**
   * Each pair differs in one or two components whose hashes are close; a combination that drops a
   * factor 31 or subtracts a component instead of adding it makes the pair collide.
   */
  @Test
  void eventsDifferingInComponentsWithCloseHashesHashApart() {
    // ticket ids "a" and "b" (hashes 97 and 98)
    assertNotEquals(hash("a", "e", AT), hash("b", "e", AT));
    // ids "a" and "b" under one ticket
    assertNotEquals(hash("T", "a", AT), hash("T", "b", AT));
    // instants one second apart
    assertNotEquals(hash("T", "a", AT), hash("T", "a", AT.plusSeconds(1)));
    // ticket hash +1 with id hash +31 ("aa" and "ba" hash 31 apart)
    assertNotEquals(hash("a", "aa", AT), hash("b", "ba", AT));
    // id hash +1 with instant hash +31
    assertNotEquals(hash("T", "a", AT), hash("T", "b", AT.plusSeconds(31)));
    // instant hash +1 with component hash +31
    assertNotEquals(
        new TicketEvent.StatusChanged("T", "e", AT, "aa").hashCode(),
        new TicketEvent.StatusChanged("T", "e", AT.plusSeconds(1), "ba").hashCode());
  }

  @Test
  void everyEventKindNamesEachOfItsComponents() {
    List<TicketEvent> events =
        List.of(
            new TicketEvent.CustomerMessage("T", "e1", AT),
            new TicketEvent.StatusChanged("T", "e2", AT, "open"),
            new TicketEvent.AttributeChanged("T", "e3", AT, "tier", "gold"),
            TicketEvent.AgentReply.publicReply("T", "e4", AT));
    for (TicketEvent e : events) {
      String[] names = e.names();
      assertEquals(e.components().length, names.length, e::toString);
      for (String n : names) {
        Keys.requireKey(n, "component name");
      }
    }
    assertEquals(
        "CustomerMessage[ticketId=T, id=e1, at=1970-01-01T00:16:40Z]", events.get(0).toString());
    assertEquals(
        "StatusChanged[ticketId=T, id=e2, at=1970-01-01T00:16:40Z, status=open]",
        events.get(1).toString());
  }

  // ---- SlaPolicySet.Builder.build: every status and metric reference is checked ----------------

  private static final String DECLARED =
      "' is not declared in statuses [new, open, pending, solved]";

  @Test
  void unknownInitialStatusIsRejected() {
    SlaPolicySet.Builder b = set().initialStatus("triage").defaultPolicy(standard());
    assertEquals("initialStatus status 'triage" + DECLARED, rejection(b::build));
  }

  @Test
  void unknownSolvedStatusIsRejected() {
    SlaPolicySet.Builder b = set().solvedStatuses("closed").defaultPolicy(standard());
    assertEquals("solvedStatuses status 'closed" + DECLARED, rejection(b::build));
  }

  @Test
  void aCancelledStatusMustBeKnownAndSolved() {
    SlaPolicySet.Builder unknown = set().cancelledStatuses("closed").defaultPolicy(standard());
    assertEquals("cancelledStatuses status 'closed" + DECLARED, rejection(unknown::build));
    SlaPolicySet.Builder unsolved = set().cancelledStatuses("open").defaultPolicy(standard());
    assertEquals(
        "cancelledStatuses: status open must also be a solved status", rejection(unsolved::build));
    assertEquals(
        Set.of("solved"),
        set().cancelledStatuses("solved").defaultPolicy(standard()).build().cancelledStatuses());
  }

  @Test
  void unknownStageStatusIsRejected() {
    SlaPolicySet.Builder b =
        set().stage(StageDefinition.of("analysis", "analysis")).defaultPolicy(standard());
    assertEquals("stage analysis statuses status 'analysis" + DECLARED, rejection(b::build));
  }

  @Test
  void unknownStageStopStatusIsRejected() {
    SlaPolicySet.Builder b =
        set()
            .stage(StageDefinition.of("analysis", "open").stopOn("closed"))
            .defaultPolicy(standard());
    assertEquals("stage analysis stopStatuses status 'closed" + DECLARED, rejection(b::build));
  }

  @Test
  void unknownPauseStatusOfARuleIsRejected() {
    SlaPolicy p =
        SlaPolicy.builder("standard")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.resolution(), h(8))
            .rule(MetricRule.builder(SlaMetric.resolution()).pauseOn("on-hold").build())
            .build();
    SlaPolicySet.Builder b = set().defaultPolicy(p);
    assertEquals(
        "policy standard metric resolution pauseStatuses status 'on-hold" + DECLARED,
        rejection(b::build));
  }

  @Test
  void customMetricWithARuleButNoDefinitionIsRejected() {
    SlaPolicy p =
        SlaPolicy.builder("standard")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.firstResponse(), h(1))
            .rule(MetricRule.builder(SlaMetric.custom("handover")).dueFrom("due_at").build())
            .build();
    SlaPolicySet.Builder b = set().defaultPolicy(p);
    assertEquals(
        "policy standard measures metric custom:handover which is not defined in metrics []",
        rejection(b::build));
  }

  @Test
  void customMetricWithATargetButNoDefinitionIsRejected() {
    SlaPolicy p =
        SlaPolicy.builder("standard")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.custom("handover"), h(1))
            .build();
    SlaPolicySet.Builder b = set().policy(vip()).defaultPolicy(p);
    assertEquals(
        "policy standard measures metric custom:handover which is not defined in metrics []",
        rejection(b::build));
  }

  @Test
  void everyReferencedStatusIsAcceptedWhenDeclared() {
    SlaPolicySet s =
        set()
            .initialStatus("new")
            .stage(StageDefinition.of("waiting", "pending").stopOn("solved"))
            .defaultPolicy(standard())
            .build();
    assertEquals("new", s.initialStatus());
    assertEquals(Set.of("solved"), s.solvedStatuses());
  }

  // ---- MetricRule ------------------------------------------------------------------------------

  private static MetricRule rule(
      SlaMetric metric,
      List<WarningThreshold> warnings,
      List<EscalationLevel> escalations,
      Optional<Boolean> notes,
      Optional<Boolean> automated,
      Optional<String> dueFrom) {
    return new MetricRule(
        metric,
        MetricRule.ALWAYS,
        Set.of(),
        warnings,
        escalations,
        notes,
        automated,
        dueFrom,
        Set.of(),
        Map.of(),
        List.of());
  }

  private static MetricRule plain(SlaMetric metric, Optional<String> dueFrom) {
    return rule(metric, List.of(), List.of(), Optional.empty(), Optional.empty(), dueFrom);
  }

  @Test
  void ruleRejectsAnInvalidDueDateAttribute() {
    assertEquals(
        "dueFrom 'due\\u0009at' must not contain whitespace other than single spaces, or control"
            + " characters",
        rejection(() -> plain(SlaMetric.resolution(), Optional.of("due\tat"))));
    assertEquals(
        Optional.of("due_at"), plain(SlaMetric.resolution(), Optional.of("due_at")).dueFrom());
  }

  private static final String ONLY_REPLIES =
      " is set for metric resolution, but only first_response, next_response, periodic_update and"
          + " custom metrics count replies";

  @Test
  void replyOverridesAreRejectedOnMetricsThatCountNoReplies() {
    Optional<Boolean> yes = Optional.of(true);
    Optional<Boolean> none = Optional.empty();
    Optional<String> noDue = Optional.empty();
    SlaMetric res = SlaMetric.resolution();
    assertEquals(
        "internalNotesCount" + ONLY_REPLIES,
        rejection(() -> rule(res, List.of(), List.of(), yes, none, noDue)));
    assertEquals(
        "automatedRepliesCount" + ONLY_REPLIES,
        rejection(() -> rule(res, List.of(), List.of(), none, yes, noDue)));
    MetricRule.Builder b = MetricRule.builder(res);
    assertEquals("internalNotesCount" + ONLY_REPLIES, rejection(() -> b.internalNotesCount(true)));
    assertEquals(
        "automatedRepliesCount" + ONLY_REPLIES, rejection(() -> b.automatedRepliesCount(false)));
    assertEquals(MetricRule.of(res), b.build());
    for (SlaMetric m : List.of(SlaMetric.firstResponse(), SlaMetric.custom("handover"))) {
      MetricRule r =
          MetricRule.builder(m).internalNotesCount(true).automatedRepliesCount(false).build();
      assertEquals(Optional.of(true), r.internalNotesCount());
      assertEquals(Optional.of(false), r.automatedRepliesCount());
    }
  }

  @Test
  void warningsMustStrictlyIncrease() {
    SlaMetric res = SlaMetric.resolution();
    Supplier<List<WarningThreshold>> equal =
        () -> List.of(WarningThreshold.of(50), WarningThreshold.of(50));
    assertEquals(
        "warnings[1] percent 50 must be greater than the previous 50 (metric resolution)",
        rejection(() -> MetricRule.builder(res).warnAt(50, 50).build()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            rule(
                res, equal.get(), List.of(), Optional.empty(), Optional.empty(), Optional.empty()));
    assertEquals(
        List.of(WarningThreshold.of(50), WarningThreshold.of(51)),
        MetricRule.builder(res).warnAt(50, 51).build().warnings());
  }

  @Test
  void escalationsMustStrictlyIncreaseInLevelAndPercent() {
    SlaMetric res = SlaMetric.resolution();
    EscalationLevel first = EscalationLevel.of(1, 50, "lead");
    assertEquals(
        "escalations[1] (level 1, percent 60) must have a greater level and percent than the"
            + " previous (level 1, percent 50) (metric resolution)",
        rejection(
            () ->
                MetricRule.builder(res)
                    .escalate(first)
                    .escalate(EscalationLevel.of(1, 60, "manager"))
                    .build()));
    assertEquals(
        "escalations[1] (level 2, percent 50) must have a greater level and percent than the"
            + " previous (level 1, percent 50) (metric resolution)",
        rejection(
            () ->
                MetricRule.builder(res)
                    .escalate(first)
                    .escalate(EscalationLevel.of(2, 50, "manager"))
                    .build()));
    EscalationLevel next = EscalationLevel.of(2, 51, "manager");
    assertEquals(
        List.of(first, next),
        MetricRule.builder(res).escalate(first).escalate(next).build().escalations());
  }

  // ---- MetricTrigger ---------------------------------------------------------------------------

  @Test
  void exactlyTheStatusTagAndAttributeKindsTakeValues() {
    Set<MetricTrigger.On> withValues = EnumSet.noneOf(MetricTrigger.On.class);
    for (MetricTrigger.On on : MetricTrigger.On.values()) {
      if (MetricTrigger.takesValues(on)) {
        withValues.add(on);
        // a kind that takes values cannot be built without them
        assertThrows(IllegalArgumentException.class, () -> MetricTrigger.of(on));
      } else {
        assertEquals(on, MetricTrigger.of(on).on());
      }
    }
    assertEquals(
        EnumSet.of(
            MetricTrigger.On.STATUS_ENTERED,
            MetricTrigger.On.STATUS_LEFT,
            MetricTrigger.On.TAG_ADDED,
            MetricTrigger.On.TAG_REMOVED,
            MetricTrigger.On.ATTRIBUTE_ENTERED,
            MetricTrigger.On.ATTRIBUTE_LEFT),
        withValues);
  }

  @Test
  void triggerStringShowsKindAttributeAndSortedValues() {
    assertEquals("created", MetricTrigger.created().toString());
    assertEquals(
        "status_entered[on-hold, pending]",
        MetricTrigger.statusEntered("pending", "on-hold").toString());
    assertEquals(
        "attribute_left(type)[incident]",
        MetricTrigger.attributeLeft("type", "incident").toString());
  }

  // ---- the rest of the model -------------------------------------------------------------------

  @Test
  void policyReferencesThePauseStatusesOfAllItsRules() {
    SlaPolicy p =
        SlaPolicy.builder("standard")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.firstResponse(), h(1))
            .target("normal", SlaMetric.resolution(), h(8))
            .rule(MetricRule.builder(SlaMetric.firstResponse()).pauseOn("pending").build())
            .rule(MetricRule.builder(SlaMetric.resolution()).pauseOn("pending", "on-hold").build())
            .build();
    assertEquals(Set.of("pending", "on-hold"), p.referencedStatuses());
    assertEquals(Set.of(), vip().referencedStatuses());
  }

  @Test
  void transitionsOfDifferentTicketsAreRejectedNamingBothIds() {
    SlaPolicySet s = Fixtures.single(Map.of(SlaMetric.firstResponse(), h(1)));
    Instant t0 = Fixtures.mon(9, 0);
    SlaEvaluation a =
        Fixtures.eval(s, List.of(new Fixtures.Ticket("A-1").created(t0)), t0.plusSeconds(60));
    SlaEvaluation b =
        Fixtures.eval(s, List.of(new Fixtures.Ticket("B-2").created(t0)), t0.plusSeconds(60));
    assertEquals(
        "after.ticketId must equal before.ticketId \"A-1\", was \"B-2\"",
        rejection(() -> SlaTransition.between(a, b)));
  }

  @Test
  void presetRuleForAMetricThePresetDoesNotPauseIsPlain() {
    for (SlaPreset preset : SlaPreset.values()) {
      assertEquals(
          MetricRule.of(SlaMetric.custom("handover")),
          preset.rule(SlaMetric.custom("handover")).build(),
          preset::name);
      assertEquals(
          MetricRule.of(SlaMetric.answerTime()), preset.rule(SlaMetric.answerTime()).build());
    }
  }

  @Test
  void warningThresholdsOrderByPercent() {
    WarningThreshold w50 = WarningThreshold.of(50);
    WarningThreshold w75 = WarningThreshold.of(75);
    assertTrue(w50.compareTo(w75) < 0);
    assertTrue(w75.compareTo(w50) > 0);
    assertEquals(0, w50.compareTo(WarningThreshold.of(50)));
    List<WarningThreshold> sorted = new ArrayList<>(List.of(w75, WarningThreshold.of(1), w50));
    sorted.sort(null);
    assertEquals(List.of(WarningThreshold.of(1), w50, w75), sorted);
  }
}
