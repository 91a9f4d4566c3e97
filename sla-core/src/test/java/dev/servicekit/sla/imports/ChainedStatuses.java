package dev.servicekit.sla.imports;

import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The status a clock ends in for an imported chain of statuses {@code s0 ... sN}. */
final class ChainedStatuses {

  private ChainedStatuses() {}

  static String finalStatus(List<TicketEvent> events, int n, Instant at) {
    String[] statuses = new String[n + 1];
    for (int i = 0; i <= n; i++) {
      statuses[i] = "s" + i;
    }
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses(statuses)
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", SlaMetric.firstResponse(), Duration.ofHours(8))
                    .build())
            .build();
    return SlaClock.evaluate(set, Map.of(), events, at).status();
  }
}
