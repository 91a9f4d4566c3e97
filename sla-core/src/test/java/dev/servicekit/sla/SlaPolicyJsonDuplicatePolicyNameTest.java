package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A policy name used twice is located at the second name, not at the document's root. */
class SlaPolicyJsonDuplicatePolicyNameTest {

  private static final String POLICY =
      "{\"name\": \"NAME\", \"when\": {\"attributes\": {\"tier\": [\"gold\"]}},"
          + " \"matrix\": {\"default\": \"n\"},"
          + " \"targets\": {\"n\": {\"*\": {\"first_response\": \"PT1H\"}}}}";

  private static String read(String first, String second, String fallback) {
    String json =
        "{\"statuses\": [\"open\", \"solved\"], \"solvedStatuses\": [\"solved\"],\n"
            + " \"policies\": [\n"
            + "  "
            + POLICY.replace("NAME", first)
            + ",\n  "
            + POLICY.replace("NAME", second)
            + "],\n"
            + " \"defaultPolicy\": {\"name\": \""
            + fallback
            + "\", \"matrix\": {\"default\": \"n\"},"
            + " \"targets\": {\"n\": {\"*\": {\"first_response\": \"PT2H\"}}}}}";
    return assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(json))
        .getMessage();
  }

  @Test
  void twoPoliciesOfOneNameAreLocatedAtTheSecondName() {
    assertEquals(
        "policy name vip is used twice (at $.policies[1].name, line 4, column 12)",
        read("vip", "vip", "standard"));
  }

  @Test
  void aDefaultPolicyNamedAsAnotherIsLocatedAtItsName() {
    assertEquals(
        "policy name vip is used twice (at $.defaultPolicy.name, line 5, column 28)",
        read("vip", "gold", "vip"));
  }
}
