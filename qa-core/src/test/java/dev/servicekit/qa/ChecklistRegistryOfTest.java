package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link ChecklistRegistry#of}: a registry from checklists in one call, as register does. */
class ChecklistRegistryOfTest {

  private static final Checklist V1 =
      Checklist.builder("calls", 1)
          .section(Section.of("s", 1, List.of(Criterion.builder("greet").build())))
          .build();
  private static final Checklist V2 = V1.toBuilder(2).name("calls v2").build();
  private static final Checklist OTHER =
      Checklist.builder("emails", 1)
          .section(Section.of("s", 1, List.of(Criterion.builder("sign-off").build())))
          .build();

  @Test
  void holdsWhatRegisteringEachInTurnHolds() {
    ChecklistRegistry of = ChecklistRegistry.of(V2, OTHER, V1, V1);
    ChecklistRegistry registered = new ChecklistRegistry();
    for (Checklist c : List.of(V2, OTHER, V1, V1)) {
      registered.register(c);
    }
    for (String id : List.of("calls", "emails", "chats")) {
      assertEquals(registered.versions(id), of.versions(id), id);
      assertEquals(registered.latest(id), of.latest(id), id);
    }
    assertEquals(List.of(V1, V2), of.versions("calls"));
    assertEquals(Optional.of(V2), of.latest("calls"));
    assertEquals(List.of(), ChecklistRegistry.of().versions("calls"));
  }

  @Test
  void readsAnEvaluationOfItsOnlyChecklist() {
    Evaluation e =
        Evaluation.of(
            V1,
            "call-1",
            "agent-anna",
            "qa-lead",
            Instant.parse("2026-05-29T10:00:00Z"),
            Map.of("greet", Answer.of("yes")));
    Evaluation back = EvaluationJson.read(EvaluationJson.write(e), ChecklistRegistry.of(V1));
    assertEquals(e.result(), back.result());
    assertEquals(e, back);
  }

  @Test
  void twoDifferentChecklistsOfOneVersionAreRefusedAsRegisterRefusesThem() {
    Checklist changed = V1.toBuilder(1).name("calls, edited").build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ChecklistRegistry.of(V1, changed));
    assertEquals(
        "checklist 'calls' v1 is already registered with different content; publish a new version",
        e.getMessage());
  }

  @Test
  void aNullChecklistIsNamedByItsIndex() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> ChecklistRegistry.of(V1, null));
    assertTrue(e.getMessage().contains("checklists[1]"), e.getMessage());
    assertThrows(NullPointerException.class, () -> ChecklistRegistry.of((Checklist[]) null));
  }
}
