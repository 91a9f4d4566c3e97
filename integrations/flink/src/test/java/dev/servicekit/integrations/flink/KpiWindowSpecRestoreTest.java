package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.integrations.flink.internal.KpiWindowOperator;
import dev.servicekit.integrations.flink.internal.RevisedWindowFunction;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * A KPI job restored under another window spec: its open windows were cut by the old spec and were
 * emitted under the new one's bounds without a word (a day's ratings came out as an hour's window
 * keyed by the day's start). The Kafka topology refuses such a store at start; the Flink operator
 * now refuses such a checkpoint at restore, naming both specs. Specs of equal zone rules are the
 * same windows and restore.
 */
class KpiWindowSpecRestoreTest {

  private static final Instant DAY1 = Instant.parse("2026-03-02T08:00:00Z");

  private static KpiWindowOperator<RevisedObservation, RatingAccumulator> operator(
      WindowSpec spec) {
    return new KpiWindowOperator<>(
        new RevisedWindowFunction<>(
            spec,
            Duration.ZERO,
            RatingAccumulator.class,
            () -> RatingAccumulator.create(RatingScale.csatFivePoint())));
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, RevisedObservation, ?> harness(
      WindowSpec spec) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        operator(spec), RevisedObservation::group, Types.STRING);
  }

  /** A checkpoint of one open daily window in {@code zone}. */
  private static OperatorSubtaskState dailyCheckpoint(ZoneId zone) throws Exception {
    try (var h = harness(WindowSpec.of(WindowUnit.DAY, zone))) {
      h.open();
      RevisedObservation o = new RevisedObservation("agent-1", "S-1", 1, 4, DAY1);
      h.processElement(o, o.at().toEpochMilli());
      h.processWatermark(DAY1.plusSeconds(3600).toEpochMilli());
      return h.snapshot(1L, 1L);
    }
  }

  @Test
  void aCheckpointOfOtherWindowsIsRefusedNamingBoth() throws Exception {
    OperatorSubtaskState day = dailyCheckpoint(ZoneId.of("UTC"));
    for (WindowSpec other :
        List.of(
            WindowSpec.of(WindowUnit.HOUR, ZoneId.of("UTC")),
            WindowSpec.of(WindowUnit.DAY, ZoneId.of("Europe/Berlin")),
            new WindowSpec(WindowUnit.WEEK, ZoneId.of("UTC"), DayOfWeek.SUNDAY))) {
      try (var h = harness(other)) {
        Exception e = assertThrows(Exception.class, () -> h.initializeState(day));
        Throwable cause = e;
        while (!(cause instanceof IllegalStateException) && cause.getCause() != null) {
          cause = cause.getCause();
        }
        String m = cause.getMessage();
        assertTrue(cause instanceof IllegalStateException, e.toString());
        assertTrue(m.contains("DAY windows, zone UTC, weeks from MONDAY"), m);
        assertTrue(
            m.contains(
                other.unit()
                    + " windows, zone "
                    + other.zone().getId()
                    + ", weeks from "
                    + other.firstDayOfWeek()),
            m);
      }
    }
  }

  @Test
  void theSameWindowsRestoreAlsoInAZoneOfEqualRules() throws Exception {
    OperatorSubtaskState day = dailyCheckpoint(ZoneId.of("UTC"));
    for (ZoneId zone : List.of(ZoneId.of("UTC"), ZoneId.of("Z"), ZoneId.of("Etc/UTC"))) {
      try (var h = harness(WindowSpec.of(WindowUnit.DAY, zone))) {
        h.initializeState(day);
        h.open();
        h.processWatermark(Instant.parse("2026-03-03T00:00:00Z").toEpochMilli());
        assertEquals(1, h.extractOutputValues().size(), zone.getId());
      }
    }
  }
}
