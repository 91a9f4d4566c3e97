package dev.servicekit.sla;

import com.google.common.testing.NullPointerTester;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every public entry point of the SLA policy and clock API rejects null arguments eagerly. */
class SlaApiNullsTest {

  private static NullPointerTester tester() {
    SlaPolicySet set = Fixtures.tiered();
    return new NullPointerTester()
        .setDefault(SlaPolicySet.class, set)
        .setDefault(SlaPolicy.class, set.defaultPolicy())
        .setDefault(SlaMetric.class, SlaMetric.firstResponse())
        .setDefault(MetricRule.class, MetricRule.of(SlaMetric.firstResponse()))
        .setDefault(MatchCondition.class, MatchCondition.always())
        .setDefault(PriorityMatrix.class, PriorityMatrix.constant("normal"))
        .setDefault(StageDefinition.class, StageDefinition.of("analysis", "analysis"))
        .setDefault(EscalationLevel.class, EscalationLevel.of(1, 100, "lead"))
        .setDefault(int.class, 1)
        .setDefault(String.class, "k")
        .setDefault(Instant.class, Fixtures.mon(9, 0))
        .setDefault(Duration.class, Duration.ofHours(1))
        .setDefault(
            TicketEvent.class, new TicketEvent.CustomerMessage("T1", "x", Fixtures.mon(9, 0)))
        .setDefault(Map.class, Map.of())
        .setDefault(Set.class, Set.of())
        .setDefault(List.class, List.of());
  }

  @Test
  void staticFactoriesRejectNulls() {
    NullPointerTester t = tester();
    for (Class<?> c :
        List.of(
            SlaMetric.class,
            WarningThreshold.class,
            EscalationLevel.class,
            MetricRule.class,
            PriorityMatrix.class,
            MatchCondition.class,
            SlaPolicy.class,
            SlaPolicySet.class,
            StageDefinition.class,
            SlaPolicyJson.class,
            SlaClock.class)) {
      t.testAllPublicStaticMethods(c);
    }
  }

  @Test
  void constructorsAndInstanceMethodsRejectNulls() {
    NullPointerTester t = tester();
    for (Class<?> c :
        List.of(
            SlaMetric.class,
            EscalationLevel.class,
            MetricRule.class,
            MatchCondition.class,
            StageDefinition.class,
            TicketEvent.Created.class,
            TicketEvent.AgentReply.class,
            TicketEvent.StatusChanged.class,
            TicketEvent.AttributeChanged.class,
            TicketEvent.CallOffered.class,
            TicketEvent.CallAbandoned.class,
            PolicyChange.class,
            EventAnomaly.class)) {
      t.testAllPublicConstructors(c);
    }
    t.testAllPublicInstanceMethods(Fixtures.tiered());
    t.testAllPublicInstanceMethods(PriorityMatrix.builder());
    t.testAllPublicInstanceMethods(SlaPolicy.builder("p"));
    t.testAllPublicInstanceMethods(SlaPolicySet.builder());
    t.testAllPublicInstanceMethods(MetricRule.builder(SlaMetric.resolution()));
    t.testAllPublicInstanceMethods(MatchCondition.always());
  }
}
