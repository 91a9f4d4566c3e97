package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RevisionScoreScaleRoundTripTest {

  @Test
  void aRevisionScoreOfAnotherScaleRoundTrips() {
    Checklist c =
        Checklist.builder("calls", 1)
            .section(Section.of("s", 100, List.of(Criterion.builder("greet").build())))
            .build();
    ChecklistRegistry reg = new ChecklistRegistry();
    reg.register(c);
    Instant at = Instant.parse("2026-01-05T10:00:00Z");
    Revision old =
        new Revision(
            at.plusSeconds(60),
            "lead",
            "rescored",
            1,
            Map.of("greet", Answer.of("yes")),
            Optional.of(new BigDecimal("100")));
    Evaluation e =
        Evaluation.of(
            c,
            "call",
            "agent",
            "rev",
            at,
            Map.of("greet", Answer.of("no")),
            Map.of(),
            List.of(),
            List.of(old));
    assertEquals(e, EvaluationJson.read(EvaluationJson.write(e), reg));
  }
}
