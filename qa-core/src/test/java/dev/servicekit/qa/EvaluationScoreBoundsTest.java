package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

  /**
   * An integer field with an exponent beyond {@code int} ({@code 1e9999999991}, the hostile-input
   * sweep's garbage "1e999999999" inserted before a "1"; found enumerating that sweep's single
   * edits, session 10) is a float Jackson reads as a {@code BigDecimal}, which cannot hold it:
   * {@code NumberFormatException}, an internal subclass, used to escape. It is the documented
   * {@code IllegalArgumentException}, located at the field.
   */
  @Test
  void anIntegerFieldWithAnExponentBeyondIntIsRefusedAtItsPath() {
    Evaluation e =
        Evaluation.of(
            V1,
            "int-1",
            "agent-1",
            "rev-1",
            Instant.parse("2026-01-05T10:00:00Z"),
            Map.of("greet", Answer.of("no")),
            Map.of(),
            List.of(),
            List.of());
    String json = EvaluationJson.write(e);
    ChecklistRegistry registry = new ChecklistRegistry();
    registry.register(V1);
    for (String field : List.of("formatVersion", "version")) {
      String bad = json.replaceFirst("(\"" + field + "\"\\s*:\\s*)1", "$11e9999999991");
      assertTrue(!bad.equals(json), "the test document has a " + field + ": " + json);
      IllegalArgumentException x =
          assertThrows(IllegalArgumentException.class, () -> EvaluationJson.read(bad, registry));
      assertEquals(IllegalArgumentException.class, x.getClass(), "not an internal subclass");
      String m = x.getMessage();
      assertTrue(m.length() < 500, m.length() + " chars");
      assertTrue(m.contains("number 1e9999999991 is out of range"), m);
      assertTrue(
          m.matches(".*\\(at \\$\\.(checklist\\.)?" + field + ", line \\d+, column \\d+\\)"), m);
    }
  }
}
