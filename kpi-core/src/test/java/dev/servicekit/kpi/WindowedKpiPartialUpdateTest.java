package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * s12user: {@code record} promises "nothing changed then" when the update rejects the event, but it
 * relied on the update throwing before it changed anything. An update of two calls whose second is
 * refused (add 5, then add 6 on a 1..5 scale) left its first call in the all-time accumulator and
 * nothing in the window, so the all-time count was no longer the windows' sum; an update the window
 * refused part-way kept its first call in the window. Both accumulators are now restored from
 * copies taken before the update, also for a late event.
 */
class WindowedKpiPartialUpdateTest {

  private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

  private static WindowedKpi<String, RatingAccumulator> table() {
    return WindowedKpi.create(
        () -> RatingAccumulator.create(RatingScale.csatFivePoint()),
        WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC),
        Duration.ofMinutes(10));
  }

  @Test
  void anUpdateRefusedPartWayChangesNeitherTheWindowNorTheAllTimeAccumulator() {
    WindowedKpi<String, RatingAccumulator> w = table();
    w.recordInt("team", T, RatingAccumulator::add, 4);
    byte[] before = w.toBytes(k -> k);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            w.record(
                "team",
                T,
                acc -> {
                  acc.add(5);
                  acc.add(6); // outside the scale
                }));
    assertEquals(1, w.allTime("team").result().count());
    assertEquals(1, w.window("team", T).orElseThrow().result().count());
    assertArrayEquals(before, w.toBytes(k -> k));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            w.recordInt(
                "team",
                T,
                (acc, v) -> {
                  acc.add(v);
                  acc.retract(1); // never added
                },
                5));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            w.recordLong(
                "team",
                T,
                (acc, v) -> {
                  acc.add((int) v);
                  acc.add(0);
                },
                3));
    assertArrayEquals(before, w.toBytes(k -> k));
  }

  @Test
  void aLateEventsUpdateRefusedPartWayLeavesTheAllTimeAccumulatorAsItWas() {
    WindowedKpi<String, RatingAccumulator> w = table();
    w.recordInt("team", T, RatingAccumulator::add, 4);
    w.recordInt("team", T.plus(Duration.ofHours(3)), RatingAccumulator::add, 3); // closes 10:00
    byte[] before = w.toBytes(k -> k);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            w.record(
                "team",
                T,
                acc -> {
                  acc.add(5);
                  acc.add(6);
                }));
    assertEquals(2, w.allTime("team").result().count());
    assertEquals(0, w.droppedLate());
    assertArrayEquals(before, w.toBytes(k -> k));
  }

  @Test
  void anUpdateTheWindowRefusesPartWayChangesNeitherAccumulator() {
    WindowedKpi<String, RatingAccumulator> w = table();
    w.recordInt("team", T.minus(Duration.ofMinutes(30)), RatingAccumulator::add, 3); // 09:00 window
    w.recordInt("team", T, RatingAccumulator::add, 4); // 10:00 window
    byte[] before = w.toBytes(k -> k);
    // the all-time accumulator holds a 3 and accepts both calls; the 10:00 window accepts the first
    // and refuses the second, holding no 3
    assertThrows(
        IllegalArgumentException.class,
        () ->
            w.record(
                "team",
                T,
                acc -> {
                  acc.add(5);
                  acc.retract(3);
                }));
    assertEquals(1, w.window("team", T).orElseThrow().result().count());
    assertEquals(2, w.allTime("team").result().count());
    assertArrayEquals(before, w.toBytes(k -> k));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            w.recordInt(
                "team",
                T,
                (acc, v) -> {
                  acc.add(v);
                  acc.retract(3);
                },
                5));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            w.recordLong(
                "team",
                T,
                (acc, v) -> {
                  acc.add((int) v);
                  acc.retract(3);
                },
                5));
    assertArrayEquals(before, w.toBytes(k -> k));
  }
}
