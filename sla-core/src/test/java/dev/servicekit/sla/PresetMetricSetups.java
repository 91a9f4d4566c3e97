package dev.servicekit.sla;

import java.time.Duration;

/** Policies for preset tests that set only targets, so that the presets' default rules apply. */
final class PresetMetricSetups {

  private PresetMetricSetups() {}

  /** First reply 1 h and resolution 8 h for the one priority {@code priority}, and no rule. */
  static SlaPolicy onlyTargets(String priority) {
    return SlaPolicy.builder("support")
        .matrix(PriorityMatrix.constant(priority))
        .target(priority, SlaMetric.firstResponse(), Duration.ofHours(1))
        .target(priority, SlaMetric.resolution(), Duration.ofHours(8))
        .build();
  }
}
