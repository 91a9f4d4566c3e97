package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A ready-made definition's audit trail is the built-in metric's: for every targeted cycle the
 * segments (bounds, calendar, business and wall time, the events that opened and closed them, the
 * policy and target in force) are the same, and the same whatever the arrival order.
 */
class TwinAuditTrailProperties {

  @Provide
  Arbitrary<BuiltInDefinitionDifferentialProperties.Case> cases() {
    return new BuiltInDefinitionDifferentialProperties().cases();
  }

  @Property(tries = 200)
  void aTwinsAuditTrailIsTheBuiltInsAuditTrail(
      @ForAll("cases") BuiltInDefinitionDifferentialProperties.Case c) {
    List<TicketEvent> events = new ArrayList<>(c.history().events());
    SlaClock clock = Fixtures.clock(c.set(), "T");
    events.forEach(clock::accept);
    List<TicketEvent> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new Random(events.size()));
    shuffled.sort(
        (a, b) -> a instanceof TicketEvent.Created ? -1 : b instanceof TicketEvent.Created ? 1 : 0);
    SlaClock late = Fixtures.clock(c.set(), "T");
    shuffled.forEach(late::accept);
    SlaEvaluation e = clock.evaluate(c.now());
    for (SlaMetric builtIn : Mirrors.twinned(c.set())) {
      SlaMetric twin = Mirrors.twin(builtIn);
      for (MetricCycle m : e.cycles(builtIn)) {
        List<CycleSegment> want = clock.auditTrail(builtIn, m.cycle(), c.now());
        List<CycleSegment> got = clock.auditTrail(twin, m.cycle(), c.now());
        String why = builtIn + " cycle " + m + "\n" + events;
        assertEquals(want, got, why);
        assertEquals(want, late.auditTrail(twin, m.cycle(), c.now()), "shuffled " + why);
        assertEquals(want, late.auditTrail(builtIn, m.cycle(), c.now()), "shuffled " + why);
      }
    }
  }
}
