package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * A rule about one value of a checklist is located at that value, not at the object holding it: the
 * message is the one the model gives in code, then the value's path, line and column. The lines and
 * columns are counted by hand in the documents below (column 1 is a line's first character; a value
 * is located at its first character).
 */
class ChecklistJsonFieldLocationTest {

  private static String error(String json) {
    return assertThrows(IllegalArgumentException.class, () -> ChecklistJson.read(json))
        .getMessage();
  }

  private static String section(String sectionFields) {
    return """
        {
          "id": "calls",
          "version": 1,
          "sections": [
            {"id": "s", SECTION}
          ]
        }
        """
        .replace("SECTION", sectionFields);
  }

  @Test
  void aSectionWeightOutOfRangeIsLocatedAtTheWeight() {
    // line 5 is `    {"id": "s", "weight": -1, ...`: 4 spaces, `{"id": "s", ` (12) and `"weight": `
    // (10): the value starts at column 27
    assertEquals(
        "weight -1 of section 's' must be in [0, 1000000] with at most 4 decimals"
            + " (at $.sections[0].weight, line 5, column 27)",
        error(section("\"weight\": -1, \"criteria\": [{\"id\": \"g\"}]")));
    assertEquals(
        "weight 0.00001 of section 's' must be in [0, 1000000] with at most 4 decimals"
            + " (at $.sections[0].weight, line 5, column 27)",
        error(section("\"weight\": 0.00001, \"criteria\": [{\"id\": \"g\"}]")));
    assertEquals(
        "weight 1000001 of section 's' must be in [0, 1000000] with at most 4 decimals"
            + " (at $.sections[0].weight, line 5, column 27)",
        error(section("\"weight\": 1000001, \"criteria\": [{\"id\": \"g\"}]")));
  }

  @Test
  void aSectionWithoutCriteriaIsLocatedAtItsEmptyCriteria() {
    // `    {"id": "s", "criteria": []}`: 4 + 12 + `"criteria": ` (12): the array starts at column
    // 29
    assertEquals(
        "section 's' must have at least one criterion (at $.sections[0].criteria, line 5,"
            + " column 29)",
        error(section("\"criteria\": []")));
  }

  @Test
  void theSameRulesInCodeGiveTheSameMessages() {
    Criterion g = Criterion.builder("g").build();
    assertEquals(
        "weight -1 of section 's' must be in [0, 1000000] with at most 4 decimals",
        assertThrows(
                IllegalArgumentException.class,
                () -> Section.of("s", "s", java.math.BigDecimal.valueOf(-1), java.util.List.of(g)))
            .getMessage());
    assertEquals(
        "section 's' must have at least one criterion",
        assertThrows(IllegalArgumentException.class, () -> Section.of("s", 1, java.util.List.of()))
            .getMessage());
  }

  private static String criterion(String criterionFields) {
    return """
        {
          "id": "calls",
          "version": 1,
          "sections": [
            {"id": "s", "criteria": [
              {"id": "g", CRITERION}
            ]}
          ]
        }
        """
        .replace("CRITERION", criterionFields);
  }

  @Test
  void aPassMarkOutsideTheScaleIsLocatedAtThePassMark() {
    // line 6 is `      {"id": "g", "criticality": "FAIL_FORM", "passAt": 2}`: 6 spaces, `{"id":
    // "g", `
    // (12), `"criticality": "FAIL_FORM", ` (28) and `"passAt": ` (10): the value is at column 57
    assertEquals(
        "passAt 2 of criterion 'g' must be in (0, 1]"
            + " (at $.sections[0].criteria[0].passAt, line 6, column 57)",
        error(criterion("\"criticality\": \"FAIL_FORM\", \"passAt\": 2")));
    assertEquals(
        "passAt 0 of criterion 'g' must be in (0, 1]"
            + " (at $.sections[0].criteria[0].passAt, line 6, column 57)",
        error(criterion("\"criticality\": \"FAIL_FORM\", \"passAt\": 0")));
    // a rating of 5 has 4 points at most
    assertEquals(
        "passAt 4.5 of criterion 'g' must be in (0, 4]"
            + " (at $.sections[0].criteria[0].passAt, line 6, column 57)",
        error(
            criterion(
                "\"criticality\": \"FAIL_FORM\", \"passAt\": 4.5,"
                    + " \"scale\": {\"type\": \"rating\", \"points\": 5}")));
  }

  @Test
  void aPassMarkOnACriterionThatIsNotCriticalIsLocatedAtThePassMark() {
    // `      {"id": "g", "passAt": 1}`: 6 + 12 + `"passAt": ` (10): the value is at column 29
    assertEquals(
        "criterion 'g' sets passAt but is not critical"
            + " (at $.sections[0].criteria[0].passAt, line 6, column 29)",
        error(criterion("\"passAt\": 1")));
    assertEquals(
        "criterion 'g' sets passAt but is not critical"
            + " (at $.sections[0].criteria[0].passAt, line 6, column 29)",
        error(criterion("\"passAt\": 1, \"criticality\": \"NONE\"")));
  }

  @Test
  void aPassMarkInCodeGivesTheSameMessages() {
    assertEquals(
        "passAt 2 of criterion 'g' must be in (0, 1]",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    Criterion.builder("g")
                        .criticality(Criticality.FAIL_FORM)
                        .passAt(java.math.BigDecimal.valueOf(2))
                        .build())
            .getMessage());
    assertEquals(
        "criterion 'g' sets passAt but is not critical",
        assertThrows(
                IllegalArgumentException.class,
                () -> Criterion.builder("g").passAt(java.math.BigDecimal.ONE).build())
            .getMessage());
  }

  @Test
  void aBonusCriterionThatIsCriticalIsStillLocatedAtTheCriterion() {
    // a rule of two of its fields: the criterion holds both (`      {"id": "g", ...`: column 7)
    assertEquals(
        "bonus criterion 'g' cannot be critical (at $.sections[0].criteria[0], line 6, column 7)",
        error(criterion("\"criticality\": \"FAIL_FORM\", \"bonus\": true")));
  }

  @Test
  void anOptionsPointsOutOfRangeAreLocatedAtThePoints() {
    // line 6 is `      {"id": "g", "scale": {"type": "custom", "options": [{"id": "a", "points":
    // -1}, ...`:
    // 6 + 12, `"scale": {` (10), `"type": "custom", ` (18), `"options": [` (12), `{"id": "a", `
    // (12)
    // and `"points": ` (10): the value is at column 81
    String custom = "\"scale\": {\"type\": \"custom\", \"options\": [{\"id\": \"a\", \"points\": ";
    assertEquals(
        "points -1 of option 'a' must be >= 0"
            + " (at $.sections[0].criteria[0].scale.options[0].points, line 6, column 81)",
        error(criterion(custom + "-1}, {\"id\": \"b\", \"points\": 1}]}")));
    assertEquals(
        "points 0.00001 of option 'a' must have at most 4 decimals"
            + " (at $.sections[0].criteria[0].scale.options[0].points, line 6, column 81)",
        error(criterion(custom + "0.00001}, {\"id\": \"b\", \"points\": 1}]}")));
  }

  @Test
  void aRepeatedOptionIdIsLocatedAtTheSecondId() {
    // the first option starts at column 59 (6 + 12 + 10 + 18 + 12 = 58 characters before it), and
    // `{"id": "a", "points": 0}, ` is 26 long: the second id value is at 59 + 26 + `{"id": ` (7) =
    // 92
    String custom = "\"scale\": {\"type\": \"custom\", \"options\": [{\"id\": \"a\", \"points\": ";
    assertEquals(
        "answer option id 'a' is duplicated"
            + " (at $.sections[0].criteria[0].scale.options[1].id, line 6, column 92)",
        error(criterion(custom + "0}, {\"id\": \"a\", \"points\": 1}]}")));
    assertEquals(
        "answer option id 'a' is duplicated",
        assertThrows(
                IllegalArgumentException.class,
                () -> Scale.of(java.util.List.of(AnswerOption.of("a", 0), AnswerOption.of("a", 1))))
            .getMessage());
  }

  private static String band(String name, String action) {
    return """
        {
          "id": "calls",
          "version": 1,
          "sections": [{"id": "s", "criteria": [{"id": "g"}]}],
          "bands": [
            {"name": NAME, "from": 0, "action": ACTION}
          ]
        }
        """
        .replace("NAME", name)
        .replace("ACTION", action);
  }

  @Test
  void aBandNameBreakingItsRuleIsLocatedAtTheName() {
    // line 6 is `    {"name": " ", ...`: 4 spaces and `{"name": ` (9): the value is at column 14
    assertEquals(
        "bands[0].name must not be blank (at $.bands[0].name, line 6, column 14)",
        error(band("\" \"", "\"coach\"")));
  }

  @Test
  void aBandActionBreakingItsRuleIsLocatedAtTheAction() {
    // `    {"name": "red", "from": 0, "action": `: 4 + 16 + 11 + 10: the value is at column 42
    assertEquals(
        "bands[0].action 'x\\u0001' must not contain control characters or unpaired surrogates,"
            + " found one at index 1 (at $.bands[0].action, line 6, column 42)",
        error(band("\"red\"", "\"x\\u0001\"")));
  }

  @Test
  void aRangeBoundOutOfRangeIsLocatedAtTheBound() {
    // line 6 is `      {"id": "g", "scale": {"type": "range", "min": -1, "max": 5}}`: the scale
    // object
    // starts at 6 + 12 + `"scale": ` (9) + 1 = column 28, min's value at 28 + `{"type": "range", `
    // (18) + `"min": ` (7) = column 53, max's at 53 + `-1, ` (4) + `"max": ` (7) = column 64
    assertEquals(
        "range -1..5 must satisfy 0 <= min < max <= 1000"
            + " (at $.sections[0].criteria[0].scale.min, line 6, column 53)",
        error(criterion("\"scale\": {\"type\": \"range\", \"min\": -1, \"max\": 5}")));
    // `"min": 0, ` is one shorter than `"min": -1, `: max's value at column 63
    assertEquals(
        "range 0..1001 must satisfy 0 <= min < max <= 1000"
            + " (at $.sections[0].criteria[0].scale.max, line 6, column 63)",
        error(criterion("\"scale\": {\"type\": \"range\", \"min\": 0, \"max\": 1001}")));
    // two bounds that are fine alone but not together: the scale holding both
    assertEquals(
        "range 5..5 must satisfy 0 <= min < max <= 1000"
            + " (at $.sections[0].criteria[0].scale, line 6, column 28)",
        error(criterion("\"scale\": {\"type\": \"range\", \"min\": 5, \"max\": 5}")));
  }
}
