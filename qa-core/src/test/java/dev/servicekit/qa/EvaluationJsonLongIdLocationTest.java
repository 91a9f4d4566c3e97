package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two criterion ids that share their first 80 characters: an error in the second's value is located
 * at the second, not at the first whose excerpted path looked the same.
 */
class EvaluationJsonLongIdLocationTest {

  @Test
  void anErrorUnderTheSecondOfTwoLongIdsIsLocatedAtIt() {
    String a = "a".repeat(100) + "X";
    String b = "a".repeat(100) + "Y";
    Checklist c =
        Checklist.builder("calls", 1)
            .section(
                Section.of(
                    "s", 100, List.of(Criterion.builder(a).build(), Criterion.builder(b).build())))
            .build();
    ChecklistRegistry reg = new ChecklistRegistry();
    reg.register(c);
    Evaluation e =
        Evaluation.of(
            c,
            "call",
            "agent",
            "rev",
            Instant.parse("2026-01-05T10:00:00Z"),
            Map.of(a, Answer.of("no"), b, Answer.of("yes")),
            Map.of(a, "x", b, "y"),
            List.of(),
            List.of());
    String json = EvaluationJson.write(e);
    // comments: line 17 holds a's, line 18 b's; b's comment is made blank
    String[] lines = json.split("\n", -1);
    assertTrue(lines[17].contains(b + "\" : \"y\""), json);
    String hostile = json.replace("\"y\"", "\" \"");
    IllegalArgumentException ex =
        assertThrows(IllegalArgumentException.class, () -> EvaluationJson.read(hostile, reg));
    assertTrue(ex.getMessage().endsWith(", line 18, column 111)"), ex.getMessage());
    // an answer too: b's answer made N/A, which it does not allow (line 14 holds b's answer)
    assertTrue(lines[13].contains(b + "\" : \"yes\""), json);
    String na = json.replace("\"yes\"", "null");
    IllegalArgumentException answer =
        assertThrows(IllegalArgumentException.class, () -> EvaluationJson.read(na, reg));
    assertTrue(answer.getMessage().endsWith(", line 14, column 111)"), answer.getMessage());
  }
}
