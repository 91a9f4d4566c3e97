package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * A matrix that reads other attributes than an earlier policy's is located at that matrix, not at
 * the document's root.
 */
class SlaPolicyJsonMatrixShapeLocationTest {

  private static final String IMPACT =
      "{\"name\": \"a\", \"when\": {\"attributes\": {\"tier\": [\"g\"]}},"
          + " \"matrix\": {\"rows\": \"impact\", \"columns\": \"urgency\","
          + " \"cells\": [{\"impact\": \"1\", \"urgency\": \"1\", \"priority\": \"n\"}]},"
          + " \"targets\": {\"n\": {\"*\": {\"first_response\": \"PT1H\"}}}}";
  private static final String SEVERITY_MATRIX =
      "{\"cells\": [{\"severity\": \"1\", \"tier\": \"s\", \"priority\": \"n\"}]}";

  private static String read(String policies, String defaultMatrix) {
    String json =
        "{\"statuses\": [\"open\", \"solved\"], \"solvedStatuses\": [\"solved\"],\n"
            + " \"policies\": [\n  "
            + policies
            + "],\n \"defaultPolicy\": {\"name\": \"std\", \"matrix\": "
            + defaultMatrix
            + ", \"targets\": {\"n\": {\"*\": {\"first_response\": \"PT2H\"}}}}}";
    return assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(json))
        .getMessage();
  }

  @Test
  void aLaterPolicysMatrixOfOtherAttributesIsLocatedAtItsMatrix() {
    String second =
        "{\"name\": \"b\", \"when\": {\"attributes\": {\"tier\": [\"s\"]}}, \"matrix\": "
            + SEVERITY_MATRIX
            + ", \"targets\": {\"n\": {\"*\": {\"first_response\": \"PT1H\"}}}}";
    String m = read(IMPACT + ",\n  " + second, "{\"default\": \"n\"}");
    assertEquals(
        "policy b has a priority matrix of severity x tier but policy a one of impact x urgency:"
            + " every matrix of a set that lists cells must read the same rows and columns"
            + " (at $.policies[1].matrix, line 4, column 68)",
        m);
  }

  @Test
  void theDefaultPolicysMatrixOfOtherAttributesIsLocatedAtItsMatrix() {
    String m = read(IMPACT, SEVERITY_MATRIX);
    assertEquals(
        "policy std has a priority matrix of severity x tier but policy a one of impact x urgency:"
            + " every matrix of a set that lists cells must read the same rows and columns"
            + " (at $.defaultPolicy.matrix, line 4, column 45)",
        m);
  }
}
