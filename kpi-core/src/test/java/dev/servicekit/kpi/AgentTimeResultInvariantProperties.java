package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalDouble;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * An {@code AgentTimeResult} holds what an {@code AgentTimeAccumulator}'s result holds (README,
 * "Percent or fraction": no time without observations): handle time is the time of handled
 * contacts, so {@code handleMillis} is 0 when {@code handled} is 0, as the accumulator's retraction
 * and snapshot reader require. Built by hand it took {@code new AgentTimeResult(0, 5_000, 0, 0,
 * 10_000)}, a figure no accumulator gives (occupancy 100 % and availability 50 % of no contact).
 */
class AgentTimeResultInvariantProperties {

  @Example
  void handleTimeWithoutAHandledContactIsRefusedByName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new AgentTimeResult(0, 5_000, 0, 0, 10_000));
    assertEquals("handleMillis 5000 must be 0 when handled is 0", e.getMessage());
  }

  @Example
  void statusTimeWithoutContactsIsAResult() {
    AgentTimeResult r = new AgentTimeResult(0, 0, 3_000, 3_600_000, 4_000);
    assertEquals(OptionalDouble.of(0.0), r.occupancyPercent());
    assertEquals(OptionalDouble.of(0.0), r.handledPerHour());
    assertEquals(OptionalDouble.of(75.0), r.availabilityPercent());
  }

  /**
   * Every result of a random history (adds, retractions, merges) is one the record accepts as built
   * by hand, and a hand-built one is accepted exactly when it follows the rule.
   */
  @Property(tries = 200)
  void theRecordAcceptsExactlyWhatAnAccumulatorHolds(@ForAll Random r) {
    AgentTimeAccumulator a = AgentTimeAccumulator.create();
    for (int i = r.nextInt(30); i > 0; i--) {
      long m = r.nextInt(4);
      switch (r.nextInt(4)) {
        case 0 -> a.addContactMillis(m);
        case 1 -> a.addTimeMillis(AgentTimeAccumulator.Bucket.values()[r.nextInt(3)], r.nextInt(5));
        case 2 -> {
          try {
            a.retractContactMillis(m);
          } catch (IllegalArgumentException refused) {
            // a retraction the accumulator cannot undo: state unchanged
          }
        }
        default -> a.merge(a.copy());
      }
      AgentTimeResult res = a.result();
      assertEquals(
          res,
          new AgentTimeResult(
              res.handled(),
              res.handleMillis(),
              res.idleMillis(),
              res.loggedInMillis(),
              res.scheduledMillis()));
    }
    long handled = r.nextInt(3);
    long handle = r.nextInt(3);
    if (handled == 0 && handle != 0) {
      assertThrows(
          IllegalArgumentException.class, () -> new AgentTimeResult(handled, handle, 1, 1, 1));
    } else {
      assertEquals(handle, new AgentTimeResult(handled, handle, 1, 1, 1).handleMillis());
    }
  }
}
