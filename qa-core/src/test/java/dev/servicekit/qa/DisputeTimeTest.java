package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A dispute cannot be raised before the evaluation it disputes was made. */
class DisputeTimeTest {

  private static final Checklist LIST =
      Checklist.builder("calls", 1)
          .section(Section.of("s", 1, List.of(Criterion.builder("greet").build())))
          .build();
  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  private static Evaluation evaluation(List<Dispute> disputes) {
    return Evaluation.of(
        LIST,
        "call-1",
        "anna",
        "ivan",
        T0,
        Map.of("greet", Answer.of("yes")),
        Map.of(),
        disputes,
        List.of());
  }

  @Test
  void aDisputeRaisedBeforeTheEvaluationIsRefusedNamingItsIndexAndBothInstants() {
    Dispute ok = Dispute.open("anna", T0.plusSeconds(60), Optional.empty(), "why");
    Dispute early = Dispute.open("anna", T0.minusSeconds(1), Optional.of("greet"), "why");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> evaluation(List.of(ok, early)));
    assertTrue(
        e.getMessage().contains("disputes[1].raisedAt " + T0.minusSeconds(1)), e.getMessage());
    assertTrue(e.getMessage().contains("evaluatedAt (" + T0 + ")"), e.getMessage());

    Evaluation base = evaluation(List.of());
    assertThrows(IllegalArgumentException.class, () -> base.withDispute(early, LIST));
    assertTrue(base.disputes().isEmpty());
  }

  @Test
  void aDisputeRaisedAtTheEvaluationInstantIsAccepted() {
    Dispute same = Dispute.open("anna", T0, Optional.empty(), "why");
    assertEquals(List.of(same), evaluation(List.of(same)).disputes());
  }

  @Test
  void theJsonReaderGivesTheDisputesPathLineAndColumn() {
    ChecklistRegistry registry = new ChecklistRegistry();
    registry.register(LIST);
    Dispute later = Dispute.open("anna", T0.plusSeconds(60), Optional.empty(), "why");
    String json = EvaluationJson.write(evaluation(List.of(later)));
    assertEquals(evaluation(List.of(later)), EvaluationJson.read(json, registry));

    String early = T0.minusSeconds(3600).toString();
    String tampered = json.replace(T0.plusSeconds(60).toString(), early);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EvaluationJson.read(tampered, registry));
    assertTrue(e.getMessage().contains("disputes[0].raisedAt " + early), e.getMessage());
    assertTrue(e.getMessage().contains("at $.disputes[0].raisedAt, line "), e.getMessage());
    assertTrue(e.getMessage().contains(", column "), e.getMessage());
  }
}
