package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A null answer is refused naming its criterion (README, "qa-core: checklist scoring"), also in a
 * revision built in code: it was a NullPointerException saying only "answer".
 */
class RevisionNullAnswerTest {

  @Test
  void aNullAnswerInARevisionIsRefusedNamingItsCriterion() {
    Map<String, Answer> answers = new HashMap<>();
    answers.put("greet", null);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Revision(
                    Instant.parse("2026-01-05T10:00:00Z"),
                    "lead",
                    "dispute upheld",
                    1,
                    answers,
                    Optional.empty()));
    assertEquals(
        "answer to criterion 'greet' is null: leave it out or give Answer.notApplicable()",
        e.getMessage());
  }
}
