package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A checklist version beyond an int names the rule it breaks, not "must be >= 1". */
class EvaluationJsonVersionRangeTest {

  private static String json(ChecklistRegistry reg) {
    Checklist c =
        Checklist.builder("calls", 1)
            .section(Section.of("s", 100, List.of(Criterion.builder("greet").build())))
            .build();
    reg.register(c);
    Instant at = Instant.parse("2026-01-05T10:00:00Z");
    Evaluation e =
        Evaluation.of(c, "call", "agent", "rev", at, Map.of("greet", Answer.of("no")))
            .revise(c, Map.of("greet", Answer.of("yes")), Map.of(), "lead", at.plusSeconds(5), "r");
    return EvaluationJson.write(e);
  }

  @Test
  void aVersionBeyondAnIntIsRefusedNamingTheUpperBound() {
    ChecklistRegistry reg = new ChecklistRegistry();
    String json = json(reg);
    IllegalArgumentException top =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EvaluationJson.read(
                    json.replace("\"version\" : 1", "\"version\" : 3000000000"), reg));
    assertEquals(
        "checklist version 3000000000 must be at most 2147483647"
            + " (at $.checklist.version, line 10, column 17)",
        top.getMessage());
    IllegalArgumentException revision =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EvaluationJson.read(
                    json.replace("\"checklistVersion\" : 1", "\"checklistVersion\" : 2147483648"),
                    reg));
    assertEquals(
        "checklist version 2147483648 must be at most 2147483647"
            + " (at $.revisions[0].checklistVersion, line 19, column 26)",
        revision.getMessage());
    IllegalArgumentException zero =
        assertThrows(
            IllegalArgumentException.class,
            () -> EvaluationJson.read(json.replace("\"version\" : 1", "\"version\" : 0"), reg));
    assertEquals(
        "checklist version 0 must be >= 1 (at $.checklist.version, line 10, column 17)",
        zero.getMessage());
  }
}
