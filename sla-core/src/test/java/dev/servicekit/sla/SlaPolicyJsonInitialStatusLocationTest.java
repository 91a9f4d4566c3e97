package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** An initial status that is a solved status is located at {@code initialStatus}, not at $. */
class SlaPolicyJsonInitialStatusLocationTest {

  @Test
  void aSolvedInitialStatusIsLocatedAtTheField() {
    String json =
        "{\"statuses\": [\"new\", \"open\", \"solved\"], \"solvedStatuses\": [\"solved\"],\n"
            + " \"initialStatus\": \"solved\",\n"
            + " \"defaultPolicy\": {\"name\": \"p\", \"matrix\": {\"default\": \"n\"},"
            + " \"targets\": {\"n\": {\"*\": {\"first_response\": \"PT1H\"}}}}}";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(json));
    assertEquals(
        "initialStatus solved must not be a solved status (at $.initialStatus, line 2, column 19)",
        e.getMessage());
  }

  @Test
  void aSolvedFirstStatusTakenAsTheInitialOneIsLocatedAtIt() {
    String json =
        "{\"statuses\": [\"solved\", \"open\"], \"solvedStatuses\": [\"solved\"],\n"
            + " \"defaultPolicy\": {\"name\": \"p\", \"matrix\": {\"default\": \"n\"},"
            + " \"targets\": {\"n\": {\"*\": {\"first_response\": \"PT1H\"}}}}}";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(json));
    assertEquals(
        "initialStatus solved (the first of statuses, as no initialStatus is given) must not be a"
            + " solved status (at $.statuses[0], line 1, column 15)",
        e.getMessage());
  }
}
