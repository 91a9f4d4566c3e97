package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A {@link MetricRule.Builder} call that throws leaves the builder as it was. */
class MetricRuleBuilderTest {

  @Test
  void aWarnAtCallWithOneBadPercentAddsNoneOfItsPercents() {
    MetricRule.Builder b = MetricRule.builder(SlaMetric.resolution()).warnAt(25);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.warnAt(50, 75, 150));
    assertEquals("warning percent 150 must be between 1 and 100", e.getMessage());
    // 50 and 75 were added before 150 was refused: the rule then warned at 50 % and 75 % too
    assertEquals(List.of(WarningThreshold.of(25)), b.build().warnings());
    assertEquals(
        List.of(WarningThreshold.of(25), WarningThreshold.of(80)), b.warnAt(80).build().warnings());
  }
}
