package dev.servicekit.benchmarks.slaclock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The SLA clock benchmark's workload measures what it says: with {@code definitions=true} the three
 * resolution clocks defined as data run beside the built-ins (their cycles are reported), and the
 * incremental clock the benchmark feeds agrees with the batch evaluation on every ticket.
 */
class SlaClockWorkloadTest {

  @Test
  void theDefinedResolutionClocksRunBesideTheBuiltInsAndIncrementalEqualsBatch() {
    SlaPolicySet set = SlaClockBenchmark.policySet(true);
    Map<String, BusinessCalendar> calendars = SlaClockBenchmark.calendars();
    Random r = new Random(42);
    int custom = 0;
    for (int i = 0; i < 64; i++) {
      List<TicketEvent> h = new ArrayList<>(SlaClockBenchmark.history("T" + i, r));
      h.sort(TicketEvent.ORDER);
      Instant now = h.get(h.size() - 1).at().plus(Duration.ofHours(1));
      SlaEvaluation batch = SlaClock.evaluate(set, calendars, h, now);
      SlaClock clock = SlaClock.of(set, calendars, "T" + i);
      h.forEach(clock::accept);
      assertEquals(batch, clock.evaluate(now), "ticket T" + i);
      for (String name : List.of("requester_wait", "agent_work", "total_resolution")) {
        custom += batch.cycles(SlaMetric.custom(name)).size();
      }
      assertTrue(!batch.cycles(SlaMetric.resolution()).isEmpty(), "built-in resolution runs too");
    }
    assertTrue(custom >= 3 * 64, "every ticket has a cycle of each defined clock: " + custom);
  }

  @Test
  void withoutDefinitionsTheWorkloadHasNoCustomMetric() {
    assertTrue(SlaClockBenchmark.policySet(false).metrics().isEmpty());
    assertEquals(SlaClockBenchmark.policySet(), SlaClockBenchmark.policySet(false));
  }
}
