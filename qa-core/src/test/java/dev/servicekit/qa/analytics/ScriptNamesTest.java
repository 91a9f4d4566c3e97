package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.servicekit.qa.Answer;
import dev.servicekit.qa.Checklist;
import dev.servicekit.qa.Criterion;
import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.Section;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A new user's review: a misspelt criterion id in a script matched no criterion, so every
 * evaluation was "not counted" and the share read as no data. A script defined for its checklists
 * refuses an id none of them has, naming the id, its index and the checklist's criteria, and
 * refuses an evaluation of another checklist; a script of ids alone still takes any id (it cannot
 * know the checklists), as before.
 */
class ScriptNamesTest {

  private static final Checklist CALLS = checklist("calls", 1, "greeting", "identity-verified");
  private static final Checklist CALLS_V2 = checklist("calls", 2, "greeting", "recap");
  private static final Checklist CHATS = checklist("chats", 1, "greeting", "emoji-free");

  private static Checklist checklist(String id, int version, String... criteria) {
    return Checklist.builder(id, version)
        .section(
            Section.of(
                "s",
                1,
                java.util.Arrays.stream(criteria)
                    .map(c -> Criterion.builder(c).naAllowed(true).build())
                    .toList()))
        .build();
  }

  private static Evaluation eval(Checklist c, String interaction, String... answers) {
    Map<String, Answer> m = new java.util.HashMap<>();
    for (int i = 0; i < answers.length; i += 2) {
      m.put(answers[i], Answer.of(answers[i + 1]));
    }
    for (Criterion cr : c.criteria()) {
      m.putIfAbsent(cr.id(), Answer.notApplicable());
    }
    return Evaluation.of(c, interaction, "ann", "rev", Instant.parse("2026-01-05T12:00:00Z"), m);
  }

  @Test
  void aMisspeltCriterionIdIsRefusedNamingItsIndexAndTheChecklistsCriteria() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ScriptCompliance.of(CALLS, List.of("greeting", "identity-verifed"), 0.9));
    assertEquals(
        "criterionIds[1] 'identity-verifed' is not a criterion of checklist 'calls' v1, whose"
            + " criteria are [greeting, identity-verified]",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ScriptCompliance.of(List.of(CALLS, CHATS), List.of("emoji-free", "recap"), 0.9));
    assertEquals(
        "criterionIds[1] 'recap' is not a criterion of any of the checklists ['calls' v1, 'chats'"
            + " v1]",
        e.getMessage());
  }

  @Test
  void anExcerptOfALongOrControlCharacterIdIsBounded() {
    String long128 = "x".repeat(128);
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () -> ScriptCompliance.of(CALLS, List.of(long128), 0.9))
            .getMessage();
    assertEquals(
        "criterionIds[0] '"
            + "x".repeat(80)
            + "'…(128 chars) is not a criterion of checklist"
            + " 'calls' v1, whose criteria are [greeting, identity-verified]",
        m);
  }

  @Test
  void aBoundScriptScoresItsChecklistsEvaluationsOfAnyVersionAndRefusesOthers() {
    ScriptCompliance script =
        ScriptCompliance.of(CALLS, List.of("greeting", "identity-verified"), 0.9);
    assertEquals(java.util.Set.of("calls"), script.checklistIds());
    assertEquals(
        Optional.of(true),
        script.passes(eval(CALLS, "i-1", "greeting", "yes", "identity-verified", "yes")));
    assertEquals(
        Optional.of(false),
        script.passes(eval(CALLS, "i-2", "greeting", "yes", "identity-verified", "no")));
    // another version of the checklist: a criterion it lacks is absent, as N/A
    assertEquals(Optional.of(true), script.passes(eval(CALLS_V2, "i-3", "greeting", "yes")));
    Evaluation chat = eval(CHATS, "i-4", "greeting", "no");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> script.passes(chat));
    assertEquals(
        "evaluation of interaction 'i-4' was made with checklist 'chats', not one of the script's"
            + " checklists [calls]",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> script.share(List.of(chat), 0.95));
    // a recorder is unchanged by a refused evaluation
    OutcomeShares shares =
        OutcomeShares.scriptCompliance(script, Granularity.DAY, ZoneOffset.UTC, a -> "red");
    assertThrows(IllegalArgumentException.class, () -> shares.add(chat));
    assertEquals(0, shares.skipped());
    // over both checklists: either's evaluations
    ScriptCompliance both = ScriptCompliance.of(List.of(CALLS, CHATS), List.of("greeting"), 0.9);
    assertEquals(Optional.of(false), both.passes(chat));
  }

  @Test
  void aScriptOfIdsAloneStillTakesAnyIdAndCountsItAsAbsent() {
    ScriptCompliance loose = ScriptCompliance.of(List.of("identity-verifed"), 0.9);
    assertEquals(java.util.Set.of(), loose.checklistIds());
    assertEquals(
        Optional.empty(),
        loose.passes(eval(CALLS, "i-1", "greeting", "yes", "identity-verified", "no")));
    assertEquals(
        Optional.empty(), loose.passes(eval(CHATS, "i-2", "greeting", "yes", "emoji-free", "no")));
  }

  @Test
  void noChecklistIsRefused() {
    assertEquals(
        "checklists must not be empty",
        assertThrows(
                IllegalArgumentException.class,
                () -> ScriptCompliance.of(List.<Checklist>of(), List.of("greeting"), 0.9))
            .getMessage());
  }
}
