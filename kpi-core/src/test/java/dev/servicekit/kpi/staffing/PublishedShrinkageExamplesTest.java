package dev.servicekit.kpi.staffing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Shrinkage as the staffing literature applies it: the agents to schedule are the agents needed on
 * the phones divided by the share of scheduled time left for contacts, {@code 1 - shrinkage},
 * rounded up (not the agents needed times {@code 1 + shrinkage}).
 */
class PublishedShrinkageExamplesTest {

  /**
   * Monet Software, "How can I calculate shrinkage at my contact center?"
   * (monetsoftware.com/how-can-i-calculate-shrinkage-at-my-contact-center/): "with a 40% shrinkage
   * rate and 100 call center agents on the day shift, you would divide 100 by (1 minus 0.4), for a
   * total of 167" (100 x 1.4 would be 140, of whom 40 % away leaves 84 on the phones).
   */
  @Test
  void hundredAgentsAtFortyPercentScheduleOneHundredSixtySeven() {
    Workload w = Workload.of(90, Duration.ofHours(1), Duration.ofHours(1));
    ErlangCResult hundred = ErlangC.evaluate(w, 100, Duration.ofSeconds(20));
    assertEquals(167, StaffingRequirement.of(hundred, 0.4).scheduledAgents());
  }

  /**
   * ccplanning.net's shrinkage calculator (ccplanning.net/calculators/shrinkage) grosses up the
   * same way, "Gross is net divided by one minus shrinkage", and Call Centre Helper's Erlang C
   * example schedules 14 agents at 30 % as 20 ({@link ErlangCTest}); with shrinkage on the target,
   * a plan gives the same.
   */
  @Test
  void targetShrinkageGrossesUpTheNetRequirement() {
    Workload cch = Workload.of(100, Duration.ofMinutes(30), Duration.ofSeconds(180));
    StaffingTarget target = StaffingTarget.of(0.8, Duration.ofSeconds(20));
    StaffingRequirement<ErlangCResult> net = ErlangC.requiredAgents(cch, target);
    StaffingRequirement<ErlangCResult> gross =
        ErlangC.requiredAgents(cch, target.withShrinkage(0.3));
    assertEquals(14, net.scheduledAgents());
    assertEquals(14, gross.agents());
    assertEquals(20, gross.scheduledAgents());
  }
}
