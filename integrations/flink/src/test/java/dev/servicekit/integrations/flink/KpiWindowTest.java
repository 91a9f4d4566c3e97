package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.servicekit.kpi.DurationAccumulator;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The rule of a window's components, which its serializer applies to what it reads too. */
class KpiWindowTest {

  private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

  private static String refused(Instant start, Instant end, long stale) {
    return assertThrows(
            IllegalArgumentException.class,
            () -> new KpiWindow<>("team-a", start, end, DurationAccumulator.create(), stale))
        .getMessage();
  }

  @Test
  void aWindowMustEndAfterItStarts() {
    assertEquals(
        "end 2026-03-02T09:00:00Z must be after start 2026-03-02T10:00:00Z",
        refused(T, T.minusSeconds(3_600), 0));
    // [start, end) with end == start holds no instant
    assertEquals(
        "end 2026-03-02T10:00:00Z must be after start 2026-03-02T10:00:00Z", refused(T, T, 0));
    assertEquals(
        T.plusNanos(1),
        new KpiWindow<>("g", T, T.plusNanos(1), DurationAccumulator.create(), 0).end());
    assertEquals(
        Instant.MAX,
        new KpiWindow<>("", Instant.MIN, Instant.MAX, DurationAccumulator.create(), 0).end());
  }

  @Test
  void theStaleCountMustNotBeNegativeAndTheBoundsAreCheckedFirst() {
    assertEquals("stale must be 0 or more, was -1", refused(T, T.plusSeconds(1), -1));
    assertEquals(
        "end 2026-03-02T10:00:00Z must be after start 2026-03-02T10:00:00Z", refused(T, T, -1));
  }

  @Test
  void nullComponentsAreNamed() {
    DurationAccumulator a = DurationAccumulator.create();
    Instant e = T.plusSeconds(1);
    assertEquals(
        "group",
        assertThrows(NullPointerException.class, () -> new KpiWindow<>(null, T, e, a, 0))
            .getMessage());
    assertEquals(
        "start",
        assertThrows(NullPointerException.class, () -> new KpiWindow<>("g", null, e, a, 0))
            .getMessage());
    assertEquals(
        "end",
        assertThrows(NullPointerException.class, () -> new KpiWindow<>("g", T, null, a, 0))
            .getMessage());
    assertEquals(
        "accumulator",
        assertThrows(
                NullPointerException.class,
                () -> new KpiWindow<DurationAccumulator>("g", T, e, null, 0))
            .getMessage());
  }
}
