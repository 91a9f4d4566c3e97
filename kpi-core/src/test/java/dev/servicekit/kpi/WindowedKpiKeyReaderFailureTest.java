package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Whatever the caller's key reader throws while a table is read back is refused as an {@code
 * IllegalArgumentException} located at the group's key, with the reader's exception as its cause,
 * as every other field of the snapshot is; it used to escape as it was (an {@code
 * IllegalStateException} without a location).
 */
class WindowedKpiKeyReaderFailureTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static WindowedKpi<String, DurationAccumulator> table() {
    WindowedKpi<String, DurationAccumulator> w =
        WindowedKpi.create(
            DurationAccumulator::create,
            WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC),
            Duration.ofHours(1));
    w.recordLong("team-a", T0, DurationAccumulator::addMillis, 1200);
    w.recordLong("team-b", T0.plusSeconds(4000), DurationAccumulator::addMillis, 90_000);
    return w;
  }

  private static final IllegalStateException BOOM = new IllegalStateException("no team b");

  private static final Function<String, String> READER =
      k -> {
        if (k.equals("team-b")) {
          throw BOOM;
        }
        return k;
      };

  @Test
  void binary() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                WindowedKpi.fromBytes(
                    table().toBytes(k -> k),
                    DurationAccumulator::create,
                    DurationAccumulator.class,
                    READER));
    assertEquals(
        "groups[0].key 'team-b' cannot be read by the key reader:"
            + " java.lang.IllegalStateException: no team b",
        e.getMessage());
    assertSame(BOOM, e.getCause());
  }

  @Test
  void json() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                WindowedKpi.fromJson(
                    table().toJson(k -> k),
                    DurationAccumulator::create,
                    DurationAccumulator.class,
                    READER));
    assertEquals(
        "key 'team-b' cannot be read by the key reader: java.lang.IllegalStateException: no team"
            + " b (at $.groups[0].key, line 1, column 196)",
        e.getMessage());
    assertSame(BOOM, rootCause(e));
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
