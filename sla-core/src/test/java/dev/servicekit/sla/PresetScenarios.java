package dev.servicekit.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Helpers shared by the vendor preset scenario tests. */
final class PresetScenarios {

  private PresetScenarios() {}

  /**
   * A matrix whose priorities are {@code defaultPriority} plus {@code others}: each other priority
   * is reachable only by an explicit priority change (cells on a severity no ticket carries).
   */
  static PriorityMatrix priorities(String defaultPriority, String... others) {
    PriorityMatrix.Builder m = PriorityMatrix.builder();
    for (String p : others) {
      m.cell("sev-" + p, "any", p);
    }
    return m.defaultPriority(defaultPriority).build();
  }

  static SlaEvaluation eval(SlaPolicySet set, List<TicketEvent> events, Instant now) {
    return Fixtures.eval(set, events, now);
  }

  static MetricCycle only(SlaEvaluation e, SlaMetric metric) {
    List<MetricCycle> c = e.cycles(metric);
    if (c.size() != 1) {
      throw new AssertionError("expected one " + metric + " cycle, got " + c);
    }
    return c.get(0);
  }

  /** A live clock fed {@code events} in order. */
  static SlaClock clockOf(SlaPolicySet set, List<TicketEvent> events) {
    SlaClock c = Fixtures.clock(set, events.get(0).ticketId());
    for (TicketEvent e : events) {
      c.accept(e);
    }
    return c;
  }

  static Duration min(long minutes) {
    return Duration.ofMinutes(minutes);
  }

  static TicketEvent created(String ticket, String id, Instant at) {
    return TicketEvent.Created.byCustomer(ticket, id, at, Map.of(), Set.of());
  }
}
