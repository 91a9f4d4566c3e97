package dev.servicekit.integrations.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which Streams configurations the SLA processor warns about: every one that does not commit
 * output, state and offsets atomically, Kafka's default included (a failure can then lose
 * transitions; see LiveClockCacheFailoverProperties).
 */
class ProcessingGuaranteeTest {

  @Test
  void onlyExactlyOnceGuaranteesCountAsExactlyOnce() {
    assertTrue(SlaClockProcessor.exactlyOnce(Map.of("processing.guarantee", "exactly_once_v2")));
    assertTrue(SlaClockProcessor.exactlyOnce(Map.of("processing.guarantee", "exactly_once")));
    assertTrue(SlaClockProcessor.exactlyOnce(Map.of("processing.guarantee", "exactly_once_beta")));
    assertFalse(SlaClockProcessor.exactlyOnce(Map.of("processing.guarantee", "at_least_once")));
    assertFalse(SlaClockProcessor.exactlyOnce(Map.of())); // Kafka's default: at_least_once
    assertFalse(SlaClockProcessor.exactlyOnce(null));
  }
}
