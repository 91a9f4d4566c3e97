package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.qa.Answer;
import dev.servicekit.qa.Checklist;
import dev.servicekit.qa.Criterion;
import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.Scale;
import dev.servicekit.qa.Section;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ReviewerDeviation#criteria()} is documented "in checklist order": a criterion that was N/A
 * in the first interaction compared, and answered in a later one, came after the others.
 */
class DeviationCriteriaOrderTest {

  private static final Checklist CHECKLIST =
      Checklist.builder("calls", 1)
          .section(
              Section.of(
                  "s",
                  100,
                  List.of(
                      Criterion.builder("greet").naAllowed(true).build(),
                      Criterion.builder("hold").naAllowed(true).build(),
                      Criterion.builder("solution").scale(Scale.rating(5)).build())))
          .build();

  private static Evaluation eval(String interaction, String reviewer, Answer greet, Answer hold) {
    return Evaluation.of(
        CHECKLIST,
        interaction,
        "agent-1",
        reviewer,
        Instant.EPOCH,
        Map.of("greet", greet, "hold", hold, "solution", Answer.of("5")));
  }

  @Test
  void criteriaFirstComparedLateStillComeInChecklistOrder() {
    Answer na = Answer.notApplicable();
    Answer yes = Answer.of("yes");
    Answer no = Answer.of("no");
    List<Evaluation> session =
        List.of(
            eval("i1", "expert", na, na), // only 'solution' compared on i1
            eval("i2", "expert", yes, na), // 'greet' first compared on i2
            eval("i3", "expert", yes, yes), // 'hold' first compared on i3
            eval("i1", "ann", na, na),
            eval("i2", "ann", no, na),
            eval("i3", "ann", yes, no));
    List<CriterionDeviation> criteria =
        Calibration.deviationsFromReference(session, "expert").get(0).criteria();
    assertEquals(
        List.of("greet", "hold", "solution"),
        criteria.stream().map(CriterionDeviation::criterionId).toList());
    assertEquals(2, criteria.get(0).count());
    assertEquals(1, criteria.get(1).count());
    assertEquals(3, criteria.get(2).count());
  }
}
