package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * Reading a window by an instant that is not a window start is refused: no window starts there, so
 * {@code window} answered empty and {@code total} an empty accumulator, which reads as "no events"
 * (the slip of passing an event time instead of {@code spec().start(time)}).
 */
class WindowStartReadTest {

  private static final WindowSpec HOURLY =
      WindowSpec.of(WindowUnit.HOUR, ZoneId.of("Asia/Kolkata"));
  private static final Instant ANSWERED = Instant.parse("2026-03-02T10:17:00Z");

  private static WindowedKpi<String, NpsAccumulator> table() {
    WindowedKpi<String, NpsAccumulator> kpi =
        WindowedKpi.create(NpsAccumulator::create, HOURLY, Duration.ZERO);
    kpi.recordInt("team", ANSWERED, NpsAccumulator::add, 9);
    return kpi;
  }

  @Test
  void aWindowIsReadByItsStartAndAnInstantInsideItIsRefusedNamingThatStart() {
    WindowedKpi<String, NpsAccumulator> kpi = table();
    Instant start = HOURLY.start(ANSWERED); // 10:00Z is 15:30 in Kolkata: the hour began 09:30Z
    assertEquals(Instant.parse("2026-03-02T09:30:00Z"), start);
    assertEquals(1, kpi.window("team", start).orElseThrow().result().promoters());
    assertEquals(1, kpi.total(start).result().promoters());
    String expected =
        "windowStart 2026-03-02T10:17:00Z is not the start of a HOUR window in Asia/Kolkata: the"
            + " window holding it starts at 2026-03-02T09:30:00Z (spec().start(time) gives a"
            + " window's start)";
    assertEquals(
        expected,
        assertThrows(IllegalArgumentException.class, () -> kpi.window("team", ANSWERED))
            .getMessage());
    assertEquals(
        expected,
        assertThrows(IllegalArgumentException.class, () -> kpi.total(ANSWERED)).getMessage());
    // a UTC hour start is no start in a half-hour zone either
    assertThrows(
        IllegalArgumentException.class,
        () -> kpi.window("team", Instant.parse("2026-03-02T10:00:00Z")));
    assertThrows(IllegalArgumentException.class, () -> kpi.window("unknown-group", ANSWERED));
  }
}
