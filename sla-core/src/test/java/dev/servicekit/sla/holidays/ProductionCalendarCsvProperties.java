package dev.servicekit.sla.holidays;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.sla.holidays.internal.CalendarFiles;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Laws of the open-data CSV format: writing then reading is the identity on calendars the format
 * can carry, writing is idempotent through a read for any calendar with one-hour shortenings, and
 * mutated files are read or rejected with an {@link IllegalArgumentException} only.
 */
class ProductionCalendarCsvProperties {

  private static final Duration HOUR = Duration.ofHours(1);

  @Property(tries = 150)
  void writeThenReadIsTheIdentityOnWhatTheFormatCarries(
      @ForAll @IntRange(min = 1990, max = 2100) int firstYear,
      @ForAll @IntRange(min = 0, max = 2) int extraYears,
      @ForAll @IntRange(min = 0, max = 80) int size,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    ProductionCalendar.Builder b =
        ProductionCalendar.builderForYears("RU", firstYear, firstYear + extraYears)
            .source(ProductionCalendarCsv.SOURCE);
    LocalDate first = LocalDate.of(firstYear, 1, 1);
    int days =
        (int) (LocalDate.of(firstYear + extraYears + 1, 1, 1).toEpochDay() - first.toEpochDay());
    // Every art. 112 date that is not worked carries its holiday; a generated date decides.
    TreeMap<LocalDate, DayRule> rules = new TreeMap<>();
    for (int i = 0; i < size; i++) {
      LocalDate d = first.plusDays(rnd.nextInt(days));
      boolean weekend = d.getDayOfWeek().getValue() >= 6;
      String holiday = CalendarFiles.article112Holiday(d).orElse(null);
      int kind = rnd.nextInt(3);
      DayRule rule;
      if (kind == 0) {
        rule =
            holiday != null
                ? DayRule.holiday(holiday)
                : weekend ? null : DayRule.dayOff(ProductionCalendarCsv.DAY_OFF);
      } else if (kind == 1) {
        rule =
            weekend
                ? DayRule.workingDay(DayOfWeek.MONDAY).withShortenedBy(HOUR)
                : DayRule.shortened(HOUR);
      } else {
        rule = weekend ? DayRule.workingDay(DayOfWeek.MONDAY) : null;
      }
      if (rule != null) {
        rules.put(d, rule);
      }
    }
    // A not-worked art. 112 date that no draw touched is listed, hence read as that holiday too.
    for (LocalDate d = first; d.isBefore(first.plusDays(days)); d = d.plusDays(1)) {
      String holiday = CalendarFiles.article112Holiday(d).orElse(null);
      boolean weekend = d.getDayOfWeek().getValue() >= 6;
      if (holiday != null && weekend && !rules.containsKey(d)) {
        rules.put(d, DayRule.holiday(holiday));
      }
    }
    rules.forEach(b::rule);
    ProductionCalendar cal = b.build();
    assertEquals(cal, ProductionCalendarCsv.read(ProductionCalendarCsv.write(cal), "RU"));
    // with several sources, or none (review 18: sources were replaced by the format's one)
    List<String> all =
        new java.util.ArrayList<>(
            List.of(
                "Постановление Правительства РФ от 04.10.2025 № 1466",
                "comma, \"quotes\" and 'apostrophes'",
                "  spaced  ",
                "tab\there",
                "https://data.gov.ru/opendata/7708660670-proizvcalendar",
                ProductionCalendarCsv.SOURCE));
    java.util.Collections.shuffle(all, rnd);
    ProductionCalendar sourced = cal.withSources(all.subList(0, rnd.nextInt(all.size() + 1)));
    assertEquals(sourced, ProductionCalendarCsv.read(ProductionCalendarCsv.write(sourced), "RU"));
  }

  @Property(tries = 150)
  void writingIsIdempotentThroughARead(
      @ForAll @IntRange(min = 1990, max = 2100) int year,
      @ForAll @IntRange(min = 0, max = 80) int size,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    ProductionCalendar.Builder b = ProductionCalendar.builderForYears("RU", year, year);
    LocalDate first = LocalDate.of(year, 1, 1);
    TreeMap<LocalDate, DayRule> rules = new TreeMap<>();
    for (int i = 0; i < size; i++) {
      LocalDate d = first.plusDays(rnd.nextInt(first.lengthOfYear()));
      DayOfWeek p = DayOfWeek.of(1 + rnd.nextInt(7));
      rules.put(
          d,
          switch (rnd.nextInt(5)) {
            case 0 -> DayRule.holiday("h" + rnd.nextInt(3));
            case 1 -> DayRule.dayOff("r" + rnd.nextInt(3));
            case 2 -> DayRule.shortened(HOUR);
            case 3 -> DayRule.workingDay(p);
            default -> DayRule.workingDay(p).withShortenedBy(HOUR);
          });
    }
    rules.forEach(b::rule);
    String once = ProductionCalendarCsv.write(b.build());
    ProductionCalendar read = ProductionCalendarCsv.read(once, "RU");
    assertEquals(once, ProductionCalendarCsv.write(read));
    LocalDate next = first.plusYears(1);
    assertEquals(
        WorkingTimeOracle.workingTime(b.build(), first, next, 8),
        WorkingTimeOracle.workingTime(read, first, next, 8));
  }

  private static final List<String> SEEDS =
      List.of(ProductionCalendarCsv.write(BundledCalendars.russia(2023, 2025)));

  private static final String ALPHABET = "\",*+0123456789\n\r -.Г/ Я\u0000é\uFEFF";

  @Property(tries = 400)
  void mutatedFilesAreReadOrRejectedWithIllegalArgumentException(
      @ForAll("seeds") String seed,
      @ForAll @IntRange(min = 0, max = 2) int mutation,
      @ForAll("fractions") double at,
      @ForAll("characters") char c) {
    int pos = (int) (at * seed.length());
    String input =
        switch (mutation) {
          case 0 -> seed.substring(0, pos) + seed.substring(Math.min(seed.length(), pos + 1));
          case 1 -> seed.substring(0, pos) + c + seed.substring(pos);
          default -> seed.substring(0, pos) + c + seed.substring(Math.min(seed.length(), pos + 1));
        };
    try {
      ProductionCalendar read = ProductionCalendarCsv.read(input, "RU");
      assertEquals(read, ProductionCalendarCsv.read(ProductionCalendarCsv.write(read), "RU"));
    } catch (IllegalArgumentException expected) {
      // rejected with a message; fine
    }
  }

  @Provide
  Arbitrary<String> seeds() {
    return Arbitraries.of(SEEDS);
  }

  @Provide
  Arbitrary<Double> fractions() {
    return Arbitraries.doubles().between(0, 1).filter(d -> d < 1);
  }

  @Provide
  Arbitrary<Character> characters() {
    return Arbitraries.of(ALPHABET.chars().mapToObj(i -> (char) i).toList());
  }
}
