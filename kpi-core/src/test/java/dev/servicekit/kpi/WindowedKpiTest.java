package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowedKpiTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static Instant paris(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
  }

  @Test
  void dayWindowOnSpringForwardDayIsTwentyThreeHours() {
    WindowSpec day = WindowSpec.of(WindowUnit.DAY, PARIS);
    Instant start = day.start(paris("2026-03-29T23:30"));
    assertEquals(paris("2026-03-29T00:00"), start);
    assertEquals(Duration.ofHours(23), Duration.between(start, day.end(start)));
    Instant fallBack = day.start(paris("2026-10-25T12:00"));
    assertEquals(Duration.ofHours(25), Duration.between(fallBack, day.end(fallBack)));
  }

  @Test
  void weekAndMonthWindowsFollowTheLocalCalendar() {
    WindowSpec week = WindowSpec.of(WindowUnit.WEEK, PARIS);
    // 2026-11-22 is a Sunday: its ISO week started Monday 2026-11-16
    assertEquals(paris("2026-11-16T00:00"), week.start(paris("2026-11-22T23:59")));
    WindowSpec month = WindowSpec.of(WindowUnit.MONTH, PARIS);
    Instant m = month.start(paris("2026-02-14T10:00"));
    assertEquals(paris("2026-02-01T00:00"), m);
    assertEquals(paris("2026-03-01T00:00"), month.end(m));
    WindowSpec hour = WindowSpec.of(WindowUnit.HOUR, ZoneId.of("Asia/Kolkata"));
    // UTC+05:30: local hours start at half past the UTC hour
    assertEquals(
        Instant.parse("2026-01-01T04:30:00Z"), hour.start(Instant.parse("2026-01-01T05:10:00Z")));
  }

  @Test
  void lateEventsJoinOpenWindowsAndAreCountedWhenTheWindowIsClosed() {
    WindowedKpi<String, NpsAccumulator> kpi =
        WindowedKpi.create(
            NpsAccumulator::create, WindowSpec.of(WindowUnit.DAY, PARIS), Duration.ofHours(2));
    assertTrue(kpi.recordInt("team-a", paris("2026-11-20T10:00"), NpsAccumulator::add, 10));
    assertTrue(kpi.recordInt("team-a", paris("2026-11-21T01:00"), NpsAccumulator::add, 9));
    // 1 h after the end of the 20th, within the 2 h lateness: accepted into the 20th
    assertTrue(kpi.recordInt("team-a", paris("2026-11-20T23:00"), NpsAccumulator::add, 0));
    assertEquals(
        new NpsResult(1, 0, 1),
        kpi.window("team-a", paris("2026-11-20T00:00")).orElseThrow().result());
    // watermark moves to 02:30 on the 21st: the 20th is closed
    kpi.advanceWatermark(paris("2026-11-21T02:30"));
    assertFalse(kpi.recordInt("team-a", paris("2026-11-20T22:00"), NpsAccumulator::add, 3));
    assertEquals(1, kpi.droppedLate());
    assertEquals(new NpsResult(2, 0, 2), kpi.allTime("team-a").result());
    List<WindowedKpi.ClosedWindow<String, NpsAccumulator>> closed = kpi.evictClosed();
    assertEquals(1, closed.size());
    assertEquals(paris("2026-11-20T00:00"), closed.get(0).start());
    assertEquals(new NpsResult(1, 0, 1), closed.get(0).accumulator().result());
    assertTrue(kpi.window("team-a", paris("2026-11-20T00:00")).isEmpty());
  }

  @Test
  void slidingRangeMergesPanesAndTotalRollsUpGroups() {
    WindowedKpi<String, DurationAccumulator> kpi =
        WindowedKpi.create(
            DurationAccumulator::create, WindowSpec.of(WindowUnit.HOUR, PARIS), Duration.ofDays(2));
    for (int h = 0; h < 5; h++) {
      kpi.recordLong("a", paris("2026-11-20T1" + h + ":15"), DurationAccumulator::addMillis, 1000);
      kpi.recordLong("b", paris("2026-11-20T1" + h + ":45"), DurationAccumulator::addMillis, 3000);
    }
    DurationResult last3h =
        kpi.range("a", paris("2026-11-20T12:00"), paris("2026-11-20T15:00")).result();
    assertEquals(new DurationResult(3, 3000), last3h);
    assertEquals(new DurationResult(2, 4000), kpi.total(paris("2026-11-20T13:00")).result());
    assertEquals(5, kpi.windows("b").size());
  }

  @Test
  void malformedCheckpointNamesTheJsonPath() {
    WindowedKpi<String, NpsAccumulator> kpi =
        WindowedKpi.create(
            NpsAccumulator::create, WindowSpec.of(WindowUnit.DAY, PARIS), Duration.ZERO);
    kpi.recordInt("a", paris("2026-11-20T10:00"), NpsAccumulator::add, 9);
    String bad = Resealed.json(kpi.toJson(g -> g).replace("\"promoters\":1", "\"promoters\":-4"));
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> WindowedKpi.fromJson(bad, NpsAccumulator::create, NpsAccumulator.class, k -> k));
    assertTrue(
        JsonErrors.asBefore(e.getMessage()).startsWith("groups[0].allTime.state.promoters is -4"),
        e.getMessage());
    var wrongType =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () ->
                WindowedKpi.fromJson(
                    kpi.toJson(g -> g),
                    OutcomeAccumulator::create,
                    OutcomeAccumulator.class,
                    k -> k));
    assertTrue(wrongType.getMessage().contains("groups[0].allTime.kind"), wrongType.getMessage());
  }
}
