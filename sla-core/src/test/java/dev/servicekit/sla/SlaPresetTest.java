package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The {@link SlaPreset} API: fresh builders, complete JSON recipes, clear errors. */
class SlaPresetTest {

  private static final List<SlaMetric> REPLY_AND_RESOLUTION =
      List.of(
          SlaMetric.firstResponse(),
          SlaMetric.nextResponse(),
          SlaMetric.periodicUpdate(),
          SlaMetric.resolution());

  static SlaPolicySet example(SlaPreset preset) {
    SlaPolicy.Builder p = SlaPolicy.builder("standard").matrix(PriorityMatrix.constant("normal"));
    for (SlaMetric m : REPLY_AND_RESOLUTION) {
      p.target("normal", m, Duration.ofHours(4)).rule(preset.rule(m).calendar("team").build());
    }
    return preset.policySet().defaultPolicy(p.build()).build();
  }

  @ParameterizedTest
  @EnumSource(SlaPreset.class)
  void aPresetSetIsAnOrdinarySetThatJsonWritesAndReadsBack(SlaPreset preset) {
    SlaPolicySet set = example(preset);
    String recipe = SlaPolicyJson.write(set);
    assertEquals(set, SlaPolicyJson.read(recipe));
    assertTrue(recipe.contains("\"retargetRule\": \"" + set.retargetRule() + "\""), recipe);
    assertTrue(recipe.contains("\"breachRule\": \"" + set.breachRule() + "\""), recipe);
  }

  @ParameterizedTest
  @EnumSource(SlaPreset.class)
  void theStatusModelIsTheVendorsAndTheFirstStatusIsInitial(SlaPreset preset) {
    SlaPolicySet set = example(preset);
    assertEquals(List.copyOf(set.statuses()), preset.statuses());
    assertEquals(preset.statuses().get(0), set.initialStatus());
    assertEquals(preset.solvedStatuses(), set.solvedStatuses());
    assertTrue(preset.statuses().containsAll(preset.solvedStatuses()));
    assertThrows(UnsupportedOperationException.class, () -> preset.statuses().add("x"));
    for (SlaMetric m : REPLY_AND_RESOLUTION) {
      assertTrue(
          preset.statuses().containsAll(preset.rule(m).build().pauseStatuses()), preset + " " + m);
    }
  }

  @ParameterizedTest
  @EnumSource(SlaPreset.class)
  void everyCallReturnsANewBuilderThatCanBeOverridden(SlaPreset preset) {
    SlaPolicySet.Builder changed =
        preset
            .policySet()
            .breachRule(BreachRule.AT_DEADLINE)
            .retargetRule(RetargetRule.KEEP_REACHED);
    SlaPolicy p =
        SlaPolicy.builder("p")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.resolution(), Duration.ofHours(1))
            .build();
    SlaPolicySet overridden = changed.defaultPolicy(p).build();
    SlaPolicySet fresh = preset.policySet().defaultPolicy(p).build();
    assertEquals(RetargetRule.KEEP_REACHED, overridden.retargetRule());
    assertNotEquals(RetargetRule.KEEP_REACHED, fresh.retargetRule());
    String initial = preset.statuses().get(0);
    MetricRule.Builder r = preset.rule(SlaMetric.resolution()).pauseOn(initial);
    assertTrue(r.build().pauseStatuses().contains(initial));
    assertTrue(!preset.rule(SlaMetric.resolution()).build().pauseStatuses().contains(initial));
  }

  @Test
  void theVendorRulesAreTheDocumentedOnes() {
    SlaPolicySet z = example(SlaPreset.ZENDESK);
    assertEquals(RetargetRule.RECALCULATE, z.retargetRule());
    assertEquals(BreachRule.AFTER_DEADLINE, z.breachRule());
    assertEquals(ReopenRule.RESUME, z.resolutionReopen());
    assertEquals(ReopenRule.ONCE, example(SlaPreset.ZAMMAD).resolutionReopen());
    assertEquals(RetargetRule.RECALCULATE_ALL, example(SlaPreset.ZAMMAD).retargetRule());
    assertEquals(SolveRule.PAUSE, example(SlaPreset.ZAMMAD).firstResponseSolve());
    assertEquals(SolveRule.END, z.firstResponseSolve());
    SlaPolicySet j = example(SlaPreset.JIRA_SERVICE_MANAGEMENT);
    assertEquals(ReopenRule.RESTART, j.resolutionReopen());
    assertTrue(j.automatedRepliesCount());
    SlaPolicySet s = example(SlaPreset.SERVICENOW);
    assertEquals(RetargetRule.CANCEL_AND_REATTACH, s.retargetRule());
    assertEquals(BreachRule.AT_DEADLINE, s.breachRule());
    assertEquals(
        java.util.Set.of("resolved", "closed"),
        s.stages().get(SlaPreset.SERVICENOW_TASK_STAGE).stopStatuses());
    SlaPolicySet m = example(SlaPreset.ZAMMAD);
    assertEquals(BreachRule.AT_DEADLINE, m.breachRule());
    assertEquals(
        java.util.Set.of("pending-reminder", "pending-close"),
        SlaPreset.ZAMMAD.rule(SlaMetric.firstResponse()).build().pauseStatuses());
    for (SlaPolicySet set : List.of(z, j, s, m)) {
      assertEquals(ClosingRule.AT_CLOSE, set.closingRule());
      assertTrue(!set.internalNotesCount());
    }
  }

  @Test
  void aStageThePresetDoesNotDeclareIsRejectedByName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SlaPreset.ZENDESK.rule(SlaMetric.stage(SlaPreset.SERVICENOW_TASK_STAGE)));
    assertTrue(e.getMessage().contains("stage task-sla"), e.getMessage());
    assertTrue(e.getMessage().contains("ZENDESK"), e.getMessage());
    assertThrows(NullPointerException.class, () -> SlaPreset.ZAMMAD.rule(null));
  }
}
