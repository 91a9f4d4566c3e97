package dev.servicekit.integrations.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which Streams configurations the SLA and KPI processors warn about: every one that does not
 * commit output, state and offsets atomically, Kafka's default included (a failure can then lose
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

  private static WindowedKpiProcessor.Folder<String> folder(boolean idempotent) {
    return new WindowedKpiProcessor.Folder<>() {
      @Override
      public byte[] fold(byte[] state, String value) {
        return state;
      }

      @Override
      public Object result(byte[] state) {
        return state;
      }

      @Override
      public boolean idempotent() {
        return idempotent;
      }
    };
  }

  /**
   * Which KPI windows the KPI processor warns about: a plain window (a redelivered record counts
   * again) without exactly-once; not a revised one (its latest revision per response), and not
   * under exactly_once_v2 (KpiRedeliveryTest shows the double count).
   */
  @Test
  void plainKpiWindowsWithoutExactlyOnceAreWarnedAbout() {
    assertTrue(WindowedKpiProcessor.countsRedeliveriesUnder(Map.of(), folder(false)));
    assertTrue(
        WindowedKpiProcessor.countsRedeliveriesUnder(
            Map.of("processing.guarantee", "at_least_once"), folder(false)));
    assertFalse(WindowedKpiProcessor.countsRedeliveriesUnder(Map.of(), folder(true)));
    assertFalse(
        WindowedKpiProcessor.countsRedeliveriesUnder(
            Map.of("processing.guarantee", "exactly_once_v2"), folder(false)));
  }
}
