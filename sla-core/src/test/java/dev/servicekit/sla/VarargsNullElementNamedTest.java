package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A null element given to a varargs builder method is refused by name, as the same list given as a
 * collection is (the varargs forms copied their arguments with {@code List.of}, whose {@code
 * NullPointerException} names nothing); and the builder is left as it was.
 */
class VarargsNullElementNamedTest {

  private static String npe(Executable call) {
    String m = assertThrows(NullPointerException.class, call).getMessage();
    assertNotNull(m, "the NullPointerException names no field");
    return m;
  }

  @Test
  void policySetStatuses() {
    SlaPolicySet.Builder b = SlaPolicySet.builder();
    assertEquals(
        npe(() -> b.statuses(Arrays.asList("open", null))), npe(() -> b.statuses("open", null)));
    assertEquals("statuses[1]", npe(() -> b.statuses("open", null)));
    assertEquals("solvedStatuses[1]", npe(() -> b.solvedStatuses("solved", null)));
    assertEquals("cancelledStatuses[1]", npe(() -> b.cancelledStatuses("void", null)));
    b.statuses("open").solvedStatuses("solved").cancelledStatuses("void"); // nothing was added
  }

  @Test
  void ruleAndDefinitionPauses() {
    MetricRule.Builder r = MetricRule.builder(SlaMetric.resolution());
    assertEquals(
        npe(() -> r.pauseOn(Arrays.asList("pending", null))),
        npe(() -> r.pauseOn("pending", null)));
    r.pauseOn("pending");
    MetricDefinition.Builder d = MetricDefinition.builder("m");
    assertEquals(
        npe(() -> d.pauseIn(Arrays.asList("pending", null))),
        npe(() -> d.pauseIn("pending", null)));
    d.pauseIn("pending");
    MetricDefinition res = MetricDefinition.resolution("res", ReopenRule.RESUME);
    npe(() -> res.withCancelOn(MetricTrigger.tagAdded("spam"), null));
  }

  /** A null array given for the varargs is named too (it read its length or iterated it). */
  @Test
  void aNullArrayIsNamed() {
    MetricDefinition.Builder d = MetricDefinition.builder("m");
    MetricRule.Builder r = MetricRule.builder(SlaMetric.resolution());
    assertEquals("startOn of metric m", npe(() -> d.startOn((MetricTrigger[]) null)));
    assertEquals("stopOn of metric m", npe(() -> d.stopOn((MetricTrigger[]) null)));
    assertEquals("cancelOn of metric m", npe(() -> d.cancelOn((MetricTrigger[]) null)));
    assertEquals("armOn of metric m", npe(() -> d.armOn((MetricTrigger[]) null)));
    assertEquals("pauseWhileTags of metric m", npe(() -> d.pauseWhileTag((String[]) null)));
    assertEquals(
        "metric m pauseWhileAttributes values",
        npe(() -> d.pauseWhileAttribute("k", (String[]) null)));
    assertEquals("pauseWhile of metric m", npe(() -> d.pauseWhile((PauseCondition[]) null)));
    assertEquals(
        "pauseWhileTags of metric resolution", npe(() -> r.pauseWhileTag((String[]) null)));
    assertEquals(
        "pauseWhileAttributes k values", npe(() -> r.pauseWhileAttribute("k", (String[]) null)));
    assertEquals("warnAt", npe(() -> r.warnAt((int[]) null)));
    assertEquals(
        "pauseWhile of metric resolution", npe(() -> r.pauseWhile((PauseCondition[]) null)));
    assertEquals("conditions", npe(() -> PauseCondition.allOf((PauseCondition[]) null)));
    assertEquals("statuses", npe(() -> SlaPolicySet.builder().statuses((String[]) null)));
    assertEquals("pauseOn", npe(() -> r.pauseOn((String[]) null)));
    assertEquals("pauseIn", npe(() -> d.pauseIn((String[]) null)));
  }
}
