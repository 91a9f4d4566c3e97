package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Closed and open ends of every analytics parameter, each side of each inclusive comparison, and
 * the confidence checked before any early answer.
 */
class AnalyticsBoundariesTest {

  private static void refused(Executable call, String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(text), e.getMessage());
  }

  /**
   * A team name is any text and reaches snapshot error messages through this form: it is quoted as
   * a bounded excerpt with control characters escaped (a restored snapshot's 3,000-character name
   * with a line break gave a 3,118-character message that could forge a log line).
   */
  @Test
  void aGroupPeriodPrintsItsGroupAsABoundedEscapedExcerpt() {
    String hostile = "r\ne\u2028d\u0000" + "x".repeat(3000);
    String s = new GroupPeriod(hostile, java.time.LocalDate.parse("2026-03-02")).toString();
    assertTrue(s.length() < 200, s);
    assertFalse(s.chars().anyMatch(c -> c < 0x20 || c == 0x2028), s);
    assertTrue(s.startsWith("GroupPeriod[group='r\\u000Ae\\u2028d\\u0000x"), s);
    assertTrue(s.endsWith("(3006 chars), periodStart=2026-03-02]"), s);
  }

  @Test
  void errorAnalysisSharesAcceptTheirClosedEndsOnly() {
    ErrorAnalysis.of(0, 1);
    ErrorAnalysis.of(1, Double.MIN_VALUE);
    refused(() -> ErrorAnalysis.of(-1e-9, 0.5), "agentErrorShare");
    refused(() -> ErrorAnalysis.of(1 + 1e-9, 0.5), "agentErrorShare");
    refused(() -> ErrorAnalysis.of(Double.NaN, 0.5), "agentErrorShare");
    refused(() -> ErrorAnalysis.of(0.2, 0), "systemicAgentShare");
    refused(() -> ErrorAnalysis.of(0.2, 1 + 1e-9), "systemicAgentShare");
    refused(() -> ErrorAnalysis.of(0.2, Double.NaN), "systemicAgentShare");
  }

  @Test
  void scriptTargetIsAClosedIntervalAndItsComparisonsAreExact() {
    ScriptCompliance.of(List.of("a"), 0);
    ScriptCompliance.of(List.of("a"), 1);
    refused(() -> ScriptCompliance.of(List.of("a"), -1e-9), "target");
    refused(() -> ScriptCompliance.of(List.of("a"), 1 + 1e-9), "target");
    ScriptCompliance s = ScriptCompliance.of(List.of("a", "b", "a"), 0.5);
    assertEquals(Set.of("a", "b"), s.criteria());
    assertEquals(0.5, s.target());
    assertEquals("ScriptCompliance[2 criteria, target 0.5]", s.toString());
    // a share exactly at the target meets it
    assertTrue(s.meetsTarget(ShareEstimate.wilson(5, 10, 0.95)));
    assertFalse(s.meetsTarget(ShareEstimate.wilson(4, 10, 0.95)));
    assertFalse(s.meetsTarget(ShareEstimate.wilson(0, 0, 0.95)));
    // below beyond doubt only when the whole interval is under the target
    ShareEstimate low = ShareEstimate.wilson(1, 100, 0.95);
    assertTrue(s.clearlyBelowTarget(low));
    assertFalse(s.clearlyBelowTarget(ShareEstimate.wilson(4, 10, 0.95)));
    assertFalse(s.clearlyBelowTarget(ShareEstimate.wilson(0, 0, 0.95)));
    ScriptCompliance atUpper = ScriptCompliance.of(List.of("a"), low.upper());
    assertFalse(atUpper.clearlyBelowTarget(low));
    assertTrue(ScriptCompliance.of(List.of("a"), Math.nextUp(low.upper())).clearlyBelowTarget(low));
  }

  @Test
  void confidenceIsCheckedBeforeAnyEarlyAnswer() {
    ShareEstimate empty = ShareEstimate.wilson(0, 0, 0.95);
    ShareEstimate some = ShareEstimate.wilson(3, 10, 0.95);
    for (double bad : new double[] {0, 1, -0.5, 1.5, Double.NaN}) {
      refused(() -> Trend.betweenShares(empty, empty, bad), "confidence");
      refused(() -> Trend.betweenShares(some, some, bad), "confidence");
      refused(() -> ShareEstimate.wilson(0, 0, bad), "confidence");
      refused(() -> ShareEstimate.wilson(3, 10, bad), "confidence");
      refused(() -> new ShareEstimate(0, 0, Double.NaN, Double.NaN, Double.NaN, bad), "confidence");
    }
  }
}
