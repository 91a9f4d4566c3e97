package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The instant range of {@link WindowSpec} and {@link WindowedKpi}: instants outside the
 * epoch-millisecond range, or whose window starts before it, are rejected with an {@link
 * IllegalArgumentException} naming the field and the rule, never a {@code DateTimeException} or
 * {@code ArithmeticException}.
 */
class WindowSpecRangeProperties {

  private static final List<ZoneId> ZONES =
      List.of(
          ZoneOffset.UTC,
          ZoneId.of("Europe/Berlin"),
          ZoneId.of("Pacific/Kiritimati"),
          ZoneId.of("Etc/GMT+12"),
          ZoneOffset.ofHours(18),
          ZoneOffset.ofHours(-18));

  private static final Instant FIRST_MILLI = Instant.ofEpochMilli(Long.MIN_VALUE);
  private static final Instant LAST_MILLI = Instant.ofEpochMilli(Long.MAX_VALUE);

  @Provide
  Arbitrary<WindowSpec> specs() {
    return Arbitraries.of(WindowUnit.class)
        .flatMap(u -> Arbitraries.of(ZONES).map(z -> WindowSpec.of(u, z)));
  }

  @Provide
  Arbitrary<Instant> extremeInstants() {
    Arbitrary<Instant> nearEdges =
        Arbitraries.longs()
            .between(0, 400L * 24 * 3600 * 1000)
            .flatMap(
                d ->
                    Arbitraries.of(
                        LAST_MILLI.minusMillis(d),
                        FIRST_MILLI.plusMillis(d),
                        LAST_MILLI.plusMillis(d + 1),
                        FIRST_MILLI.minusMillis(d + 1),
                        Instant.MAX.minusMillis(d),
                        Instant.MIN.plusMillis(d)));
    return Arbitraries.oneOf(
        nearEdges,
        Arbitraries.longs().map(Instant::ofEpochMilli),
        Arbitraries.of(Instant.MAX, Instant.MIN, FIRST_MILLI, LAST_MILLI));
  }

  private static boolean fitsMillis(Instant t) {
    return !t.isBefore(FIRST_MILLI) && !t.isAfter(LAST_MILLI.plusNanos(999_999));
  }

  @Property(tries = 2000)
  void startReturnsAWindowStartInRangeOrRejectsWithANamedRule(
      @ForAll("specs") WindowSpec spec, @ForAll("extremeInstants") Instant t) {
    Instant start;
    try {
      start = spec.start(t);
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage().startsWith("time " + t), e.getMessage());
      assertTrue(e.getMessage().contains("millisecond"), e.getMessage());
      assertTrue(e.getMessage().length() < 300, e.getMessage());
      return;
    }
    assertTrue(fitsMillis(t), "accepted only inside the epoch-millisecond range: " + t);
    assertTrue(fitsMillis(start), "the window start fits too: " + start);
    assertFalse(start.isAfter(t));
    assertTrue(spec.end(start).isAfter(t));
    assertEquals(start, spec.start(start), "a window start is its own window's start");
  }

  @Property(tries = 300)
  void everyInstantWellInsideTheRangeIsAccepted(
      @ForAll("specs") WindowSpec spec, @ForAll("extremeInstants") Instant t) {
    // a month is at most 31 days plus an offset of 18 hours: any instant 33 days inside works
    if (t.isAfter(FIRST_MILLI.plus(Duration.ofDays(33))) && !t.isAfter(LAST_MILLI)) {
      Instant start = spec.start(t);
      assertFalse(start.isAfter(t));
    }
  }

  @Example
  void instantMaxAndMinAreRejectedNamingTheFieldAndTheRule() {
    for (WindowUnit u : WindowUnit.values()) {
      WindowSpec spec = WindowSpec.of(u, ZoneId.of("Europe/Berlin"));
      for (Instant t : List.of(Instant.MAX, Instant.MIN, LAST_MILLI.plusMillis(1))) {
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> spec.start(t));
        assertTrue(e.getMessage().contains("epoch-millisecond range"), e.getMessage());
      }
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> spec.end(Instant.MAX));
      assertTrue(e.getMessage().startsWith("time "), e.getMessage());
    }
  }

  @Example
  void anEventBeforeTheSupportedRangeIsRejectedAndChangesNothing() {
    // review20 finding 8: Long.MIN_VALUE + 1 ms fits a long, but its window start does not; this
    // used to escape as a bare ArithmeticException: long overflow. Since s10user finding 5 event
    // times are bounded to [1900, 2300) before any window is computed.
    Instant early = Instant.ofEpochMilli(Long.MIN_VALUE + 1);
    for (WindowUnit u : WindowUnit.values()) {
      WindowedKpi<String, NpsAccumulator> kpi =
          WindowedKpi.create(
              NpsAccumulator::create, WindowSpec.of(u, ZoneOffset.UTC), Duration.ZERO);
      byte[] before = kpi.toBytes(g -> g);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> kpi.recordInt("g", early, NpsAccumulator::add, 5));
      assertTrue(e.getMessage().startsWith("eventTime " + early), e.getMessage());
      assertTrue(e.getMessage().contains("must be in [1900-01-01T00:00:00Z"), e.getMessage());
      assertTrue(kpi.groups().isEmpty());
      assertTrue(kpi.watermark().isEmpty());
      assertArrayEquals(before, kpi.toBytes(g -> g));
    }
  }

  @Example
  void theLastSupportedMillisecondIsAcceptedByWindowedKpiAndTheNextIsNot() {
    WindowedKpi<String, NpsAccumulator> kpi =
        WindowedKpi.create(
            NpsAccumulator::create, WindowSpec.of(WindowUnit.MONTH, ZoneOffset.UTC), Duration.ZERO);
    kpi.recordInt("g", WindowedKpi.SUPPORTED_END.minusMillis(1), NpsAccumulator::add, 9);
    assertEquals(1, kpi.allTime("g").result().promoters());
    assertThrows(
        IllegalArgumentException.class,
        () -> kpi.recordInt("g", WindowedKpi.SUPPORTED_END, NpsAccumulator::add, 9));
    assertThrows(
        IllegalArgumentException.class,
        () -> kpi.recordInt("g", LAST_MILLI, NpsAccumulator::add, 9));
  }
}
