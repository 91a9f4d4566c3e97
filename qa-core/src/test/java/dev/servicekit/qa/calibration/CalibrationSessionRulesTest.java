package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.qa.Answer;
import dev.servicekit.qa.Checklist;
import dev.servicekit.qa.Criterion;
import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.Scale;
import dev.servicekit.qa.Section;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A calibration session is refused rather than read as something else: a reference reviewer who
 * evaluated nothing (a mistyped id gave an empty list, which reads as "no deviations"), and, for
 * alpha per criterion, evaluations made with different checklists or versions (their criteria were
 * pooled by id, as deviations from the reference already refuse).
 */
class CalibrationSessionRulesTest {

  static Checklist checklist(String id, int version) {
    return Checklist.builder(id, version)
        .section(
            Section.of(
                "s",
                100,
                List.of(
                    Criterion.builder("greet").build(),
                    Criterion.builder("solution").scale(Scale.rating(5)).build())))
        .build();
  }

  static Evaluation eval(Checklist c, String interaction, String reviewer, String solution) {
    return Evaluation.of(
        c,
        interaction,
        "agent-1",
        reviewer,
        Instant.EPOCH,
        Map.of("greet", Answer.of("yes"), "solution", Answer.of(solution)));
  }

  static final Checklist V1 = checklist("calls", 1);

  static List<Evaluation> session() {
    List<Evaluation> s = new ArrayList<>();
    for (String r : List.of("lead", "ann", "bob")) {
      s.add(eval(V1, "i1", r, "3"));
      s.add(eval(V1, "i2", r, r.equals("bob") ? "1" : "5"));
    }
    return s;
  }

  @Test
  void aReferenceReviewerWhoEvaluatedNothingIsRefusedNamingTheSessionsReviewers() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Calibration.deviationsFromReference(session(), "laed"));
    assertEquals(
        "referenceReviewerId 'laed' evaluated none of the 6 evaluations; their reviewers are"
            + " ['ann', 'bob', 'lead']",
        e.getMessage());
    assertEquals(2, Calibration.deviationsFromReference(session(), "lead").size());
  }

  @Test
  void anEmptySessionStillGivesNoDeviations() {
    assertEquals(List.of(), Calibration.deviationsFromReference(List.of(), "lead"));
  }

  @Test
  void theReviewerListInTheMessageIsBounded() {
    List<Evaluation> s = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      s.add(eval(V1, "i1", "r" + (100 + i), "3"));
    }
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () -> Calibration.deviationsFromReference(s, "lead"))
            .getMessage();
    assertTrue(m.endsWith("'r108', 'r109', ... (25 reviewers)]"), m);
  }

  @Test
  void alphaPerCriterionRefusesEvaluationsOfAnotherChecklistVersion() {
    List<Evaluation> s = session();
    s.add(eval(checklist("calls", 2), "i1", "cat", "5"));
    assertEquals(
        "evaluations[6] (reviewer 'cat', interaction 'i1') used checklist 'calls' v2 but"
            + " evaluations[0] used 'calls' v1: alpha per criterion needs one checklist version",
        assertThrows(
                IllegalArgumentException.class,
                () -> Calibration.alphaPerCriterion(s, AlphaMetric.INTERVAL))
            .getMessage());
  }

  @Test
  void alphaPerCriterionRefusesEvaluationsOfAnotherChecklistWithTheSameCriterionIds() {
    List<Evaluation> s = session();
    s.add(1, eval(checklist("chats", 1), "i1", "cat", "5"));
    assertThrows(
        IllegalArgumentException.class,
        () -> Calibration.alphaPerCriterion(s, AlphaMetric.INTERVAL));
    // one checklist version: accepted, as before
    assertEquals(
        List.of("greet", "solution"),
        List.copyOf(Calibration.alphaPerCriterion(session(), AlphaMetric.INTERVAL).keySet()));
  }
}
