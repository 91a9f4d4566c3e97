package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@link SlaEvaluation} is a value: reflexive equality (before and after it is derived), equal to
 * the evaluation built from its own components, and not equal to one at another instant.
 */
class SlaEvaluationValueTest {

  @Test
  void anEvaluationEqualsItselfAndTheEvaluationOfItsComponents() {
    SlaPolicySet set = Fixtures.tiered();
    Fixtures.Ticket t = new Fixtures.Ticket("T");
    SlaClock clock = Fixtures.clock(set, "T");
    clock.accept(t.created(Fixtures.mon(0, 9, 0), "tier", "gold", "severity", "s1"));
    Instant noon = Fixtures.mon(0, 12, 0);
    SlaEvaluation e = clock.evaluate(noon);
    assertTrue(e.equals(e), "reflexive before it is derived");
    SlaEvaluation copy =
        new SlaEvaluation(
            e.ticketId(),
            e.at(),
            e.status(),
            e.policy(),
            e.priority(),
            e.cycles(),
            e.policyChanges(),
            e.anomalies(),
            e.nextTransition());
    assertTrue(e.equals(e), "reflexive once derived");
    assertEquals(copy, e);
    assertEquals(copy.hashCode(), e.hashCode());
    assertEquals(copy.toString(), e.toString());
    assertNotEquals(clock.evaluate(noon.plusSeconds(60)), e);
    assertNotEquals(e, "T");
  }
}
