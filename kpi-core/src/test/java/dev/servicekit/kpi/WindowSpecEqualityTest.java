package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two specs of the same windows are equal: the first day of the week defines only week windows, and
 * an hour, day or month spec given another day than Monday was unequal to {@link WindowSpec#of}'s,
 * so two shards' tables of identical windows refused to merge ("cannot merge windows of
 * WindowSpec[unit=HOUR, ..., firstDayOfWeek=SUNDAY] into windows of ..."). Likewise zones of equal
 * rules: a shard configured with {@code "UTC"} and one with {@link ZoneOffset#UTC} cut the same
 * windows, and their tables refused to merge.
 */
class WindowSpecEqualityTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @ParameterizedTest
  @EnumSource(
      value = WindowUnit.class,
      names = {"HOUR", "DAY", "MONTH"})
  void anyFirstDayGivesTheSameSpecForAUnitOtherThanWeek(WindowUnit unit) {
    for (DayOfWeek d : DayOfWeek.values()) {
      WindowSpec given = new WindowSpec(unit, BERLIN, d);
      assertEquals(WindowSpec.of(unit, BERLIN), given);
      assertEquals(DayOfWeek.MONDAY, given.firstDayOfWeek());
    }
  }

  @Test
  void weeksKeepTheirFirstDay() {
    WindowSpec sunday = new WindowSpec(WindowUnit.WEEK, BERLIN, DayOfWeek.SUNDAY);
    assertEquals(DayOfWeek.SUNDAY, sunday.firstDayOfWeek());
    assertNotEquals(WindowSpec.of(WindowUnit.WEEK, BERLIN), sunday);
    assertEquals(
        Instant.parse("2026-02-28T23:00:00Z"), sunday.start(Instant.parse("2026-03-04T12:00:00Z")));
  }

  @Test
  void tablesOfTheSameHourWindowsMergeWhateverDayTheirSpecsWereGiven() {
    Instant t = Instant.parse("2026-03-02T10:05:00Z");
    WindowedKpi<String, NpsAccumulator> a =
        WindowedKpi.create(
            NpsAccumulator::create, WindowSpec.of(WindowUnit.HOUR, BERLIN), Duration.ZERO);
    WindowedKpi<String, NpsAccumulator> b =
        WindowedKpi.create(
            NpsAccumulator::create,
            new WindowSpec(WindowUnit.HOUR, BERLIN, DayOfWeek.SUNDAY),
            Duration.ZERO);
    a.recordInt("g", t, NpsAccumulator::add, 10);
    b.recordInt("g", t, NpsAccumulator::add, 0);
    a.merge(b);
    assertEquals(2, a.window("g", a.spec().start(t)).orElseThrow().result().responses());
    WindowedKpi<String, NpsAccumulator> weeks =
        WindowedKpi.create(
            NpsAccumulator::create,
            new WindowSpec(WindowUnit.WEEK, BERLIN, DayOfWeek.SUNDAY),
            Duration.ZERO);
    WindowedKpi<String, NpsAccumulator> isoWeeks =
        WindowedKpi.create(
            NpsAccumulator::create, WindowSpec.of(WindowUnit.WEEK, BERLIN), Duration.ZERO);
    assertThrows(IllegalArgumentException.class, () -> weeks.merge(isoWeeks));
  }

  @ParameterizedTest
  @EnumSource(WindowUnit.class)
  void zonesOfEqualRulesGiveEqualSpecsThatKeepTheirGivenZone(WindowUnit unit) {
    List<ZoneId> utc =
        List.of(ZoneOffset.UTC, ZoneId.of("UTC"), ZoneId.of("Etc/UTC"), ZoneId.of("GMT"));
    for (ZoneId a : utc) {
      for (ZoneId b : utc) {
        WindowSpec x = WindowSpec.of(unit, a);
        WindowSpec y = WindowSpec.of(unit, b);
        assertEquals(x, y);
        assertEquals(x.hashCode(), y.hashCode());
        assertEquals(a, x.zone());
      }
    }
    assertEquals(
        WindowSpec.of(unit, ZoneId.of("Asia/Calcutta")),
        WindowSpec.of(unit, ZoneId.of("Asia/Kolkata")));
    assertNotEquals(WindowSpec.of(unit, BERLIN), WindowSpec.of(unit, ZoneOffset.ofHours(1)));
    assertNotEquals(WindowSpec.of(unit, BERLIN), WindowSpec.of(unit, ZoneId.of("Europe/London")));
  }

  @Test
  void tablesInZonesOfEqualRulesMergeAndWindowsOfOtherRulesAreRefused() {
    Instant t = Instant.parse("2026-03-02T10:05:00Z");
    WindowedKpi<String, NpsAccumulator> a =
        WindowedKpi.create(
            NpsAccumulator::create, WindowSpec.of(WindowUnit.DAY, ZoneId.of("UTC")), Duration.ZERO);
    WindowedKpi<String, NpsAccumulator> b =
        WindowedKpi.create(
            NpsAccumulator::create, WindowSpec.of(WindowUnit.DAY, ZoneOffset.UTC), Duration.ZERO);
    a.recordInt("g", t, NpsAccumulator::add, 10);
    b.recordInt("g", t, NpsAccumulator::add, 0);
    a.merge(b);
    assertEquals(2, a.window("g", a.spec().start(t)).orElseThrow().result().responses());
    assertEquals(ZoneId.of("UTC"), a.spec().zone());
    WindowedKpi<String, NpsAccumulator> plusOne =
        WindowedKpi.create(
            NpsAccumulator::create,
            WindowSpec.of(WindowUnit.DAY, ZoneOffset.ofHours(1)),
            Duration.ZERO);
    assertThrows(IllegalArgumentException.class, () -> a.merge(plusOne));
  }
}
