package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every qa-core JSON text reader skips one leading byte order mark (U+FEFF), as sla-core's readers
 * and Jackson's stream readers do: a Windows editor writes one, and a file read into a String keeps
 * it. A second mark is content, and refused.
 */
class ByteOrderMarkTest {

  private static final Checklist CHECKLIST =
      Checklist.builder("calls", 1)
          .section(
              Section.of(
                  "s",
                  1,
                  List.of(Criterion.builder("greet").build(), Criterion.builder("solve").build())))
          .build();

  @Test
  void everyTextReaderSkipsOneLeadingMark() {
    String checklist = ChecklistJson.write(CHECKLIST);
    assertEquals(ChecklistJson.read(checklist), ChecklistJson.read("\uFEFF" + checklist));
    assertThrows(
        IllegalArgumentException.class, () -> ChecklistJson.read("\uFEFF\uFEFF" + checklist));

    String answers = "{\"greet\": \"yes\", \"solve\": \"no\"}";
    assertEquals(ChecklistJson.readAnswers(answers), ChecklistJson.readAnswers("\uFEFF" + answers));

    ChecklistRegistry registry = new ChecklistRegistry();
    registry.register(CHECKLIST);
    Evaluation e =
        Evaluation.of(
            CHECKLIST,
            "call-1",
            "anna",
            "ivan",
            Instant.parse("2026-01-05T10:00:00Z"),
            Map.of("greet", Answer.of("yes"), "solve", Answer.of("no")),
            Map.of(),
            List.of(),
            List.of());
    String evaluation = EvaluationJson.write(e);
    assertEquals(
        EvaluationJson.read(evaluation, registry),
        EvaluationJson.read("\uFEFF" + evaluation, registry));
    assertThrows(
        IllegalArgumentException.class,
        () -> EvaluationJson.read("\uFEFF\uFEFF" + evaluation, registry));
  }
}
