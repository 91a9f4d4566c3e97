package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * s10user finding 12: a custom scale with one option, or with every option at the same points, was
 * accepted, and its criterion scored 100 % whatever the answer. It is refused in code and in JSON
 * (located at the options), since no documented use needs it (N/A is its own answer).
 */
class ScaleMustDiscriminateTest {

  @Test
  void aScaleWithOneOptionIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Scale.of(List.of(AnswerOption.of("done", 1))));
    assertEquals(
        "scale [done] must have options with different points: with every option at 1 points any"
            + " answer scores 100 %, so the criterion measures nothing",
        e.getMessage());
  }

  @Test
  void aScaleWhoseOptionsAllHaveEqualPointsIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Scale.of(
                    List.of(
                        new AnswerOption("good", new BigDecimal("2.50")),
                        new AnswerOption("fine", new BigDecimal("2.5")))));
    assertEquals(
        "scale [good, fine] must have options with different points: with every option at 2.5"
            + " points any answer scores 100 %, so the criterion measures nothing",
        e.getMessage());
    // two options with different points are a scale
    assertEquals(
        2,
        Scale.of(List.of(AnswerOption.of("good", 2), AnswerOption.of("fine", 1))).options().size());
  }

  @Test
  void theChecklistReaderLocatesTheRefusalAtTheOptions() {
    String json =
        "{\"id\":\"c\",\"version\":1,\"sections\":[{\"id\":\"s\",\"criteria\":[\n"
            + "{\"id\":\"a\",\"scale\":{\"type\":\"custom\",\"options\":\n"
            + "  [{\"id\":\"x\",\"points\":3},{\"id\":\"y\",\"points\":3}]}}]}]}";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ChecklistJson.read(json));
    assertTrue(
        e.getMessage()
            .endsWith(
                "scale [x, y] must have options with different points: with every option at 3"
                    + " points any answer scores 100 %, so the criterion measures nothing (at"
                    + " $.sections[0].criteria[0].scale.options, line 3, column 3)"),
        e.getMessage());
  }
}
