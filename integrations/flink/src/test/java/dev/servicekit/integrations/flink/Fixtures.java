package dev.servicekit.integrations.flink;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.MetricRule;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import java.time.Duration;
import java.util.Map;

/** The policy set the Flink tests run: 24/7, warnings, a pause status. */
final class Fixtures {

  static final Map<String, BusinessCalendar> CALENDARS = Map.of();

  private Fixtures() {}

  /** First response 1h (warn 50, 80), next response 2h, resolution 8h paused on "pending". */
  static SlaPolicySet policySet() {
    SlaPolicy p =
        SlaPolicy.builder("standard")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
            .target("normal", SlaMetric.nextResponse(), Duration.ofHours(2))
            .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
            .rule(MetricRule.builder(SlaMetric.firstResponse()).warnAt(50, 80).build())
            .rule(MetricRule.builder(SlaMetric.resolution()).pauseOn("pending").warnAt(75).build())
            .build();
    return SlaPolicySet.builder()
        .statuses("new", "open", "pending", "solved")
        .solvedStatuses("solved")
        .defaultPolicy(p)
        .build();
  }
}
