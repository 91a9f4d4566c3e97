package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * s10user finding 5: one record stamped in the year 2999 was accepted, moved the watermark there,
 * and every later real record was late. Event times are now bounded to [1900, 2300) as in sla-core
 * and qa-core; late records stay counted, never silently dropped.
 */
class WindowedKpiEventTimeRangeTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  private static WindowedKpi<String, NpsAccumulator> table() {
    return WindowedKpi.create(
        NpsAccumulator::create,
        WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC),
        Duration.ofMinutes(10));
  }

  @Test
  void aRecordStampedInTheYear2999IsRefusedAndLaterRecordsStayInTime() {
    WindowedKpi<String, NpsAccumulator> w = table();
    assertTrue(w.recordInt("a", T0, NpsAccumulator::add, 9));
    byte[] before = w.toBytes(k -> k);
    Instant y2999 = Instant.parse("2999-01-01T00:00:00Z");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> w.recordInt("a", y2999, NpsAccumulator::add, 9));
    assertEquals(
        "eventTime 2999-01-01T00:00:00Z must be in [1900-01-01T00:00:00Z, 2300-01-01T00:00:00Z),"
            + " as every instant of servicekit: a mis-stamped event would move the watermark and"
            + " make every later event late",
        e.getMessage());
    assertArrayEquals(before, w.toBytes(k -> k));
    assertEquals(Optional.of(T0), w.watermark());
    assertTrue(w.recordInt("a", T0.plusSeconds(300), NpsAccumulator::add, 9));
    assertEquals(0, w.droppedLate());
    assertThrows(IllegalArgumentException.class, () -> w.advanceWatermark(y2999));
    assertThrows(
        IllegalArgumentException.class,
        () -> w.advanceWatermark(Instant.parse("1899-12-31T23:59:59.999Z")));
  }

  @Test
  void requireEventTimeAcceptsExactlyWhatATableRecords() {
    // the engines' adapters use it, so that they window exactly the times a table accepts
    for (Instant t :
        new Instant[] {
          WindowedKpi.SUPPORTED_START,
          WindowedKpi.SUPPORTED_START.minusNanos(1),
          WindowedKpi.SUPPORTED_END.minusNanos(1),
          WindowedKpi.SUPPORTED_END,
          Instant.parse("2999-01-01T00:00:00Z")
        }) {
      boolean recorded;
      try {
        recorded = table().recordInt("a", t, NpsAccumulator::add, 9);
      } catch (IllegalArgumentException e) {
        recorded = false;
        IllegalArgumentException same =
            assertThrows(IllegalArgumentException.class, () -> WindowedKpi.requireEventTime(t));
        assertTrue(
            same.getMessage().startsWith("eventTime " + t + " must be in ["), same.getMessage());
        continue;
      }
      assertTrue(recorded, t.toString());
      assertEquals(t, WindowedKpi.requireEventTime(t));
    }
  }

  @Test
  void theBoundsAreThoseOfSlaCoreAndQaCore() {
    WindowedKpi<String, NpsAccumulator> w = table();
    assertEquals(Instant.parse("1900-01-01T00:00:00Z"), WindowedKpi.SUPPORTED_START);
    assertEquals(Instant.parse("2300-01-01T00:00:00Z"), WindowedKpi.SUPPORTED_END);
    assertTrue(w.recordInt("a", WindowedKpi.SUPPORTED_START, NpsAccumulator::add, 9));
    assertThrows(
        IllegalArgumentException.class,
        () -> w.recordInt("a", WindowedKpi.SUPPORTED_START.minusNanos(1), NpsAccumulator::add, 9));
    w.recordInt("a", WindowedKpi.SUPPORTED_END.minusNanos(1), NpsAccumulator::add, 9);
    assertThrows(
        IllegalArgumentException.class,
        () -> w.recordInt("a", WindowedKpi.SUPPORTED_END, NpsAccumulator::add, 9));
  }

  @Test
  void aLateRecordIsCountedAndKeptInTheAllTimeAccumulator() {
    WindowedKpi<String, NpsAccumulator> w = table();
    w.recordInt("a", T0.plusSeconds(7200), NpsAccumulator::add, 9);
    assertFalse(w.recordInt("a", T0, NpsAccumulator::add, 3)); // its window closed at 11:10
    assertEquals(1, w.droppedLate());
    assertEquals(2, w.allTime("a").result().responses());
    assertTrue(w.windows("a").values().stream().allMatch(n -> n.result().responses() == 1));
  }

  @Test
  void aCheckpointWithAWatermarkOutsideTheRangeIsRefusedNamingIt() {
    WindowedKpi<String, NpsAccumulator> w = table();
    w.recordInt("a", T0, NpsAccumulator::add, 9);
    long y2999 = Instant.parse("2999-01-01T00:00:00Z").toEpochMilli();
    String json =
        w.toJson(k -> k)
            .replace("\"watermarkMillis\":" + T0.toEpochMilli(), "\"watermarkMillis\":" + y2999);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                WindowedKpi.fromJson(
                    Resealed.json(json), NpsAccumulator::create, NpsAccumulator.class, k -> k));
    assertTrue(e.getMessage().startsWith("watermarkMillis is " + y2999), e.getMessage());
    assertTrue(e.getMessage().contains("(at $.watermarkMillis"), e.getMessage());
  }
}
