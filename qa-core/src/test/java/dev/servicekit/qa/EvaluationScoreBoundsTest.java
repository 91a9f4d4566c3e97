package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A revision's recorded score is a decimal string, which the JSON number limits do not reach: found
 * by qa-core's EveryReaderHostileInputProperties (100 times its tries), "37.5" with "1e999999999"
 * inserted was parsed, and the mismatch message printed it with {@code toPlainString}: a
 * 1,000,000,114-character message (about 2 GB) from a document of a few hundred bytes. The score is
 * now bounded like every other number (magnitude and decimals within 10^±400) before anything
 * prints it.
 */
class EvaluationScoreBoundsTest {

  private static final Checklist V1 =
      Checklist.builder("calls", 1)
          .section(Section.of("s", 1, List.of(Criterion.builder("greet").build())))
          .build();

  @Test
  void aHugeRecordedScoreIsRefusedBeforeItIsPrinted() {
    Instant t0 = Instant.parse("2026-01-05T10:00:00Z");
    Evaluation e =
        Evaluation.of(
                V1,
                "int-1",
                "agent-1",
                "rev-1",
                t0,
                Map.of("greet", Answer.of("no")),
                Map.of(),
                List.of(),
                List.of())
            .revise(
                V1,
                Map.of("greet", Answer.of("yes")),
                Map.of(),
                "lead-1",
                t0.plusSeconds(60),
                "recheck");
    String json = EvaluationJson.write(e);
    String huge = json.replaceFirst("\"score\"\\s*:\\s*\"[0-9.]+\"", "\"score\":\"1e9999999\"");
    assertTrue(!huge.equals(json), "the test document has a revision score: " + json);
    ChecklistRegistry registry = new ChecklistRegistry();
    registry.register(V1);
    String m =
        assertThrows(IllegalArgumentException.class, () -> EvaluationJson.read(huge, registry))
            .getMessage();
    assertTrue(m.length() < 500, m.length() + " chars");
    assertTrue(m.contains("score 1E+9999999 is out of range"), m);
    assertTrue(m.matches(".*revisions\\[0\\]\\.score.*line \\d+, column \\d+.*"), m);
  }
}
