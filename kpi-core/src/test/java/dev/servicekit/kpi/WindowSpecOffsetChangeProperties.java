package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * HOUR windows around every kind of offset change of the time-zone database: each instant lies in
 * its window, the end is the next window's start, and nothing starts anew in between. Truncating
 * the local time to the hour broke this where an offset changes by other than a whole hour or not
 * at a whole local hour: on Lord Howe Island (30-minute DST, timeanddate.com "Lord Howe Island,
 * Australia: DST" 2026: clocks back from 02:00 to 01:30 on 5 April, forward from 02:00 to 02:30 on
 * 4 October) an event in time was dropped as late, and another went into the previous window;
 * historical changes (Los Angeles 1948, Hong Kong 1946, local mean time) gave a start after the
 * instant itself.
 */
class WindowSpecOffsetChangeProperties {

  private static final Instant FROM = WindowedKpi.SUPPORTED_START;
  private static final Instant TO = WindowedKpi.SUPPORTED_END;

  @Provide
  Arbitrary<Map.Entry<ZoneId, Instant>> timesNearChanges() {
    List<ZoneId> zones = ZoneId.getAvailableZoneIds().stream().sorted().map(ZoneId::of).toList();
    return Combinators.combine(
            Arbitraries.of(zones),
            Arbitraries.integers().between(0, 59),
            Arbitraries.longs().between(-3 * 3_600_000L, 3 * 3_600_000L))
        .as(
            (zone, index, offsetMillis) -> {
              ZoneRules rules = zone.getRules();
              Instant t = FROM;
              Instant change = FROM.plus(Duration.ofDays(index * 200L)); // fixed-offset zones
              for (int n = 0; n <= index; n++) {
                ZoneOffsetTransition c = rules.nextTransition(t);
                if (c == null || !c.getInstant().isBefore(TO)) {
                  break;
                }
                change = t = c.getInstant();
              }
              return Map.entry(zone, change.plusMillis(offsetMillis));
            });
  }

  @Property(tries = 20_000)
  void everyInstantLiesInItsHourWindowAndWindowsTile(
      @ForAll("timesNearChanges") Map.Entry<ZoneId, Instant> zoneAndTime) {
    WindowSpec hour = WindowSpec.of(WindowUnit.HOUR, zoneAndTime.getKey());
    Instant t = zoneAndTime.getValue();
    Instant start = hour.start(t);
    Instant end = hour.end(t);
    assertFalse(start.isAfter(t), () -> "start " + start + " after " + t);
    assertTrue(end.isAfter(t), () -> "end " + end + " not after " + t);
    assertEquals(start, hour.start(start), "a start is its own window's start");
    assertEquals(end, hour.end(start), "a time and its window's start share one end");
    assertEquals(end, hour.start(end), "the end is the next window's start");
    assertEquals(start, hour.start(end.minusMillis(1)), "nothing starts anew before the end");
    assertFalse(
        Duration.between(start, end).compareTo(Duration.ofHours(1)) > 0,
        "no hour window is longer than an hour");
  }

  @Example
  void lordHoweFallBackKeepsAnEventInTimeInAWindowThatHoldsIt() {
    WindowSpec hour = WindowSpec.of(WindowUnit.HOUR, ZoneId.of("Australia/Lord_Howe"));
    // 2026-04-04T15:00Z: 02:00 +11:00 becomes 01:30 +10:30; 15:10Z is 01:40 +10:30
    Instant t = Instant.parse("2026-04-04T15:10:00Z");
    assertEquals(Instant.parse("2026-04-04T15:00:00Z"), hour.start(t)); // the repeated half hour
    assertEquals(Instant.parse("2026-04-04T15:30:00Z"), hour.end(t)); // 02:00 +10:30
    assertEquals(
        Instant.parse("2026-04-04T15:00:00Z"), hour.end(Instant.parse("2026-04-04T14:00:00Z")));
    WindowedKpi<String, NpsAccumulator> nps =
        WindowedKpi.create(NpsAccumulator::create, hour, Duration.ZERO);
    nps.recordInt("desk", Instant.parse("2026-04-04T14:50:00Z"), NpsAccumulator::add, 9);
    // before: its window [14:00Z, 15:00Z) had ended, so it was dropped as late on arrival
    assertTrue(nps.recordInt("desk", t, NpsAccumulator::add, 9));
    assertEquals(0, nps.droppedLate());
  }

  @Example
  void lordHoweSpringForwardPutsEachEventInItsOwnWindow() {
    WindowSpec hour = WindowSpec.of(WindowUnit.HOUR, ZoneId.of("Australia/Lord_Howe"));
    // 2026-10-03T15:30Z: 02:00 +10:30 becomes 02:30 +11:00, so 02:30-03:00 is a 30-minute window
    WindowedKpi<String, NpsAccumulator> nps =
        WindowedKpi.create(NpsAccumulator::create, hour, Duration.ZERO);
    nps.recordInt("desk", Instant.parse("2026-10-03T15:40:00Z"), NpsAccumulator::add, 9);
    nps.recordInt("desk", Instant.parse("2026-10-03T16:10:00Z"), NpsAccumulator::add, 0);
    // before: the window starting 15:30Z ended at 16:30Z, so the second event went into it too
    assertEquals(
        List.of(Instant.parse("2026-10-03T15:30:00Z"), Instant.parse("2026-10-03T16:00:00Z")),
        List.copyOf(nps.windows("desk").keySet()));
    assertEquals(
        Instant.parse("2026-10-03T16:00:00Z"),
        WindowSpec.of(WindowUnit.HOUR, ZoneId.of("Australia/Lord_Howe"))
            .end(Instant.parse("2026-10-03T15:30:00Z")));
  }

  @Example
  void aGapThatStartsOffTheHourNoLongerGivesAStartAfterTheInstant() {
    // Los Angeles, 1948-03-14: 02:01 PST became 03:01 PDT (tzdb); 10:01Z was given start 11:00Z
    WindowSpec hour = WindowSpec.of(WindowUnit.HOUR, ZoneId.of("America/Los_Angeles"));
    Instant t = Instant.parse("1948-03-14T10:01:00Z");
    assertEquals(t, hour.start(t));
    assertEquals(Instant.parse("1948-03-14T11:00:00Z"), hour.end(t)); // 04:00 PDT
  }

  @Example
  void berlinsRepeatedHourIsStillTwoWindowsOfAnHour() {
    WindowSpec hour = WindowSpec.of(WindowUnit.HOUR, ZoneId.of("Europe/Berlin"));
    Instant first = Instant.parse("2026-10-25T00:30:00Z"); // 02:30 +02:00
    Instant second = Instant.parse("2026-10-25T01:30:00Z"); // 02:30 +01:00
    assertEquals(Instant.parse("2026-10-25T00:00:00Z"), hour.start(first));
    assertEquals(Instant.parse("2026-10-25T01:00:00Z"), hour.end(first));
    assertEquals(Instant.parse("2026-10-25T01:00:00Z"), hour.start(second));
    assertEquals(Instant.parse("2026-10-25T02:00:00Z"), hour.end(second));
  }
}
