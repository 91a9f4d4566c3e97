package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code shortAbandon <= threshold <= missedAfter}: a policy whose missed-call time is below its
 * threshold would count one answer as within the service level and as missed (s10user finding 12),
 * so it is refused in code and in a snapshot.
 */
class ServiceLevelPolicyConsistencyTest {

  private static final Duration TWENTY = Duration.ofSeconds(20);

  @Test
  void aMissedAfterBelowTheThresholdIsRefusedNamingBoth() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServiceLevelPolicy.of(TWENTY, Duration.ofSeconds(5), Duration.ofSeconds(10)));
    assertEquals(
        "missedAfter PT10S must be >= threshold PT20S: a call answered within the threshold"
            + " cannot be missed",
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ServiceLevelPolicy.of(TWENTY, Duration.ZERO, TWENTY.minusMillis(1)));
  }

  @Test
  void aMissedAfterEqualToTheThresholdCountsEveryLateAnswerAsMissed() {
    ServiceLevelAccumulator a =
        ServiceLevelAccumulator.create(ServiceLevelPolicy.of(TWENTY, Duration.ZERO, TWENTY));
    a.answered(TWENTY);
    a.answered(TWENTY.plusMillis(1));
    assertEquals(1, a.result().answeredWithinThreshold());
    assertEquals(1, a.result().missed());
  }

  @Test
  void aSnapshotWithAMissedAfterBelowTheThresholdIsRefusedNamingTheField() {
    ServiceLevelAccumulator a =
        ServiceLevelAccumulator.create(
            ServiceLevelPolicy.of(TWENTY, Duration.ofSeconds(5), Duration.ofSeconds(30)));
    String json =
        KpiSnapshots.toJson(a)
            .replaceFirst("\"missedAfterMillis\"\\s*:\\s*30000", "\"missedAfterMillis\":10000");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> KpiSnapshots.fromJson(Resealed.json(json), ServiceLevelAccumulator.class));
    assertTrue(
        e.getMessage().startsWith("missedAfterMillis is 10000 but missedAfter PT10S must be >="),
        e.getMessage());
    assertTrue(e.getMessage().contains("state.missedAfterMillis"), e.getMessage());
  }
}
