package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PeopleAndCostKpiTest {

  /** An 8 h shift: 7.5 h logged in, 5 h on 40 contacts, 1.5 h idle. */
  @Test
  void handledPerHourOccupancyAndAvailability() {
    AgentTimeAccumulator a = AgentTimeAccumulator.create();
    for (int i = 0; i < 40; i++) {
      a.addContactMillis(450_000); // 7.5 min each = 5 h
    }
    a.addTimeMillis(AgentTimeAccumulator.Bucket.IDLE, 90 * 60_000L);
    a.addTimeMillis(AgentTimeAccumulator.Bucket.LOGGED_IN, 450 * 60_000L);
    a.addTimeMillis(AgentTimeAccumulator.Bucket.SCHEDULED, 480 * 60_000L);
    AgentTimeResult r = a.result();
    assertEquals(40 / 7.5, r.handledPerHour().getAsDouble(), 1e-9);
    assertEquals(100.0 * 300 / 390, r.occupancyPercent().getAsDouble(), 1e-9);
    assertEquals(100.0 * 390 / 480, r.availabilityPercent().getAsDouble(), 1e-9);
  }

  /**
   * Availability is a ratio to the schedule, not a share: overtime takes it past 100 % (README,
   * "Percent or fraction"), while occupancy, a share of the available time, stays within it.
   */
  @Test
  void availabilityPassesOneHundredWithOvertime() {
    AgentTimeAccumulator a = AgentTimeAccumulator.create();
    a.addContactMillis(50 * 60_000L);
    a.addTimeMillis(AgentTimeAccumulator.Bucket.IDLE, 20 * 60_000L);
    a.addTimeMillis(AgentTimeAccumulator.Bucket.SCHEDULED, 60 * 60_000L);
    assertEquals(100.0 * 70 / 60, a.result().availabilityPercent().getAsDouble(), 1e-9);
    assertEquals(100.0 * 50 / 70, a.result().occupancyPercent().getAsDouble(), 1e-9);
  }

  private static ProductivityIndex index() {
    Map<String, Double> w = new LinkedHashMap<>();
    w.put("reply", 1.0);
    w.put("closure", 2.0);
    w.put("call", 1.5);
    w.put("comment", 0.25);
    w.put("escalation", -0.5); // reducing coefficient
    return ProductivityIndex.of(w, 80, 20);
  }

  private static ProductivityIndex.Candidate agent(
      ProductivityIndex idx, int replies, int closures, int escalations, double qa) {
    ProductivityAccumulator a = idx.newAccumulator();
    for (int i = 0; i < replies; i++) {
      a.add("reply");
    }
    for (int i = 0; i < closures; i++) {
      a.add("closure");
    }
    for (int i = 0; i < escalations; i++) {
      a.add("escalation");
    }
    return new ProductivityIndex.Candidate(
        a, Double.isNaN(qa) ? OptionalDouble.empty() : OptionalDouble.of(qa));
  }

  @Test
  void leaderMustPassTheQualityGateAndTheThreshold() {
    ProductivityIndex idx = index();
    Map<String, ProductivityIndex.Candidate> agents = new LinkedHashMap<>();
    agents.put("ann", agent(idx, 10, 6, 2, 90)); // 10 + 12 - 1 = 21
    agents.put("bob", agent(idx, 20, 10, 0, 70)); // 40 but fails QA gate 80
    agents.put("cat", agent(idx, 5, 5, 0, 95)); // 15 < threshold 20
    agents.put("dan", agent(idx, 30, 0, 0, Double.NaN)); // no QA: not eligible
    assertEquals(21.0, idx.index(agents.get("ann").actions()));
    assertEquals(List.of("ann"), idx.leaders(agents));
    agents.remove("ann");
    assertTrue(idx.leaders(agents).isEmpty(), "nobody reaches the threshold: no leader");
  }

  @Test
  void tiesShareTheLead() {
    ProductivityIndex idx = index();
    Map<String, ProductivityIndex.Candidate> agents = new LinkedHashMap<>();
    agents.put("ann", agent(idx, 20, 0, 0, 85));
    agents.put("bob", agent(idx, 0, 10, 0, 99));
    assertEquals(List.of("ann", "bob"), idx.leaders(agents));
  }

  @Test
  void occupancyAndAvailabilityStayInRangeWhenHandlePlusIdleExceedsALong() {
    // a new user's review: handle + idle was summed in a long, so two valid totals above
    // Long.MAX_VALUE / 2 wrapped and gave occupancy -50 % and availability -100 %
    long half = Long.MAX_VALUE / 2 + 10;
    AgentTimeAccumulator a = AgentTimeAccumulator.create();
    a.addContactMillis(half);
    a.addTimeMillis(AgentTimeAccumulator.Bucket.IDLE, half);
    a.addTimeMillis(AgentTimeAccumulator.Bucket.SCHEDULED, Long.MAX_VALUE);
    assertEquals(50.0, a.result().occupancyPercent().getAsDouble(), 1e-9);
    assertEquals(100.0, a.result().availabilityPercent().getAsDouble(), 1e-9);
  }

  @Test
  void anAgentTimeResultRefusesANegativeComponentByName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new AgentTimeResult(1, 5, -1, 0, 0));
    assertEquals("idleMillis -1 must be >= 0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new AgentTimeResult(-1, 0, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new AgentTimeResult(0, 0, 0, 0, -2));
  }

  @Test
  void costPerContactAndRetention() {
    CostAccumulator c = CostAccumulator.create();
    c.addCost(1_250_000); // 12 500.00 in cents
    c.addContacts(2_500);
    assertEquals(500.0, c.result().costPerContactMinorUnits().getAsDouble());
    // CRR example: 200 at start, 180 at end, 30 new: (180 - 30) / 200 = 75 %
    assertEquals(75.0, new RetentionRate(200, 180, 30).percent().getAsDouble());
    assertEquals(
        new RetentionRate(300, 280, 40),
        new RetentionRate(200, 180, 30).plus(new RetentionRate(100, 100, 10)));
    assertThrows(IllegalArgumentException.class, () -> new RetentionRate(10, 5, 6));
  }

  @Test
  void retentionRefusesMoreRetainedCustomersThanThereWereAtTheStart() {
    // a new user's review: (100 - 0) / 10 read as a retention rate of 1000 %
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new RetentionRate(10, 100, 0));
    assertEquals(
        "atEnd 100 - acquired 0 = 100 retained customers must be <= atStart 10: a customer at the"
            + " end was either there at the start or acquired",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new RetentionRate(0, 1, 0));
    assertEquals(100.0, new RetentionRate(10, 15, 5).percent().getAsDouble(), "all kept");
    assertEquals(OptionalDouble.empty(), new RetentionRate(0, 4, 4).percent(), "nobody to keep");
  }

  @Test
  void backlogIsOpenedMinusClosedAcrossPartitions() {
    BacklogAccumulator p1 = BacklogAccumulator.create();
    BacklogAccumulator p2 = BacklogAccumulator.create();
    p1.opened();
    p1.opened();
    p1.opened();
    p2.closed();
    assertEquals(-1L, p2.result());
    p1.merge(p2);
    assertEquals(2L, p1.result());
  }
}
