package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A transition's {@code state} is an enum value in JSON, like its {@code kind}: read in any letter
 * case (README, "Enum values in JSON"), written in upper case, so {@code toJson(fromJson(text))}
 * normalizes it.
 */
class SlaTransitionJsonEnumCaseTest {

  @Test
  void stateIsReadInAnyLetterCaseLikeKind() {
    for (SlaTransition.Kind kind : SlaTransition.Kind.values()) {
      for (CycleState state : CycleState.values()) {
        if (kind.stateReported().isPresent() && kind.stateReported().get() != state) {
          continue; // the constructor refuses another state for a state's kind
        }
        SlaTransition t =
            new SlaTransition(
                "T-1",
                SlaMetric.firstResponse(),
                0,
                "",
                kind,
                Instant.parse("2026-03-02T14:00:00Z"),
                kind == SlaTransition.Kind.WARNING ? 50 : 0,
                kind == SlaTransition.Kind.ESCALATED
                    ? Optional.of(EscalationLevel.of(1, 100, "lead"))
                    : Optional.empty(),
                Optional.of(state));
        String json = t.toJson();
        String upper = "\"state\":\"" + state.name() + "\"";
        String lower = "\"state\":\"" + state.name().toLowerCase(Locale.ROOT) + "\"";
        String mixed =
            "\"state\":\""
                + state.name().charAt(0)
                + state.name().substring(1).toLowerCase(Locale.ROOT)
                + "\"";
        for (String variant : new String[] {lower, mixed}) {
          String text = json.replace(upper, variant);
          SlaTransition read = SlaTransition.fromJson(text);
          assertEquals(t, read, text);
          assertEquals(json, read.toJson(), "written in upper case again");
        }
        // kind, the other enum of the form, was already read in any case
        String lowerKind =
            json.replace(
                "\"kind\":\"" + kind.name() + "\"",
                "\"kind\":\"" + kind.name().toLowerCase(Locale.ROOT) + "\"");
        assertEquals(t, SlaTransition.fromJson(lowerKind.replace(upper, lower)));
      }
    }
  }
}
