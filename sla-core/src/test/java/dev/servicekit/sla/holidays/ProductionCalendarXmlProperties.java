package dev.servicekit.sla.holidays;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Laws of the XML production-calendar format: writing then reading is the identity on every
 * calendar the format can carry, and mutated documents are read or rejected with an {@link
 * IllegalArgumentException}, never another exception.
 */
class ProductionCalendarXmlProperties {

  private static final List<String> NAMES =
      List.of("Новый год", "A & B <c> \"d\" 'e'", "  spaced  ", "День\u00a0России", "x");

  @Property(tries = 300)
  void writeThenReadIsTheIdentity(
      @ForAll @IntRange(min = 1990, max = 2100) int year,
      @ForAll @IntRange(min = 0, max = 60) int size,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    ProductionCalendar cal = representable(year, size, rnd);
    assertEquals(cal, ProductionCalendarXml.read(ProductionCalendarXml.write(cal)));
    // with several sources, or none (review 18: 3 sources read back as 1)
    ProductionCalendar sourced = cal.withSources(sources(rnd));
    assertEquals(sourced, ProductionCalendarXml.read(ProductionCalendarXml.write(sourced)));
  }

  private static final List<String> SOURCES =
      List.of(
          "Постановление Правительства РФ от 04.10.2025 № 1466",
          "A & B <c> \"d\" 'e'",
          "  spaced  ",
          "tab\tand\nline\r\nbreaks",
          "https://xmlcalendar.ru/data/ru/2026/calendar.xml",
          "production calendar XML: country ru, year 2026");

  /** Zero to all of {@link #SOURCES}, in a random order. */
  static List<String> sources(Random rnd) {
    List<String> all = new java.util.ArrayList<>(SOURCES);
    java.util.Collections.shuffle(all, rnd);
    return all.subList(0, rnd.nextInt(all.size() + 1));
  }

  /**
   * A random calendar the XML format can carry, built without the code under test: a working day's
   * pattern is the weekday of the earliest day off naming it as its source, else Monday.
   */
  static ProductionCalendar representable(int year, int size, Random rnd) {
    LocalDate first = LocalDate.of(year, 1, 1);
    int days = first.lengthOfYear();
    TreeMap<LocalDate, DayRule> rules = new TreeMap<>();
    TreeMap<LocalDate, LocalDate> links = new TreeMap<>();
    for (int i = 0; i < size; i++) {
      LocalDate d = first.plusDays(rnd.nextInt(days));
      boolean weekend = d.getDayOfWeek().getValue() >= 6;
      switch (rnd.nextInt(5)) {
        case 0 -> rules.put(d, DayRule.holiday(NAMES.get(rnd.nextInt(NAMES.size()))));
        case 1 -> {
          if (rnd.nextBoolean()) {
            LocalDate from = first.plusDays(rnd.nextInt(days));
            rules.put(d, DayRule.dayOff("перенос выходного дня с " + from));
            links.put(d, from);
          } else {
            rules.put(d, DayRule.dayOff("нерабочий день"));
            links.remove(d); // a plain day off replaces a transfer on the same date
          }
        }
        case 2 -> {
          if (!weekend) {
            rules.put(d, DayRule.shortened(Duration.ofHours(1)));
          }
        }
        case 3 -> rules.put(d, DayRule.workingDay(DayOfWeek.MONDAY));
        default -> {
          if (weekend) {
            rules.put(d, DayRule.workingDay(DayOfWeek.MONDAY).withShortenedBy(Duration.ofHours(1)));
          }
        }
      }
    }
    links.keySet().removeIf(d -> !(rules.get(d) instanceof DayRule.DayOff));
    ProductionCalendar.Builder b =
        ProductionCalendar.builderForYears("RU", year, year)
            .source("production calendar XML: country ru, year " + year);
    for (Map.Entry<LocalDate, DayRule> e : rules.entrySet()) {
      DayRule r = e.getValue();
      if (r instanceof DayRule.WorkingDay w) {
        DayOfWeek pattern = DayOfWeek.MONDAY;
        for (Map.Entry<LocalDate, LocalDate> l : links.entrySet()) {
          if (l.getValue().equals(e.getKey())) {
            pattern = l.getKey().getDayOfWeek();
            break;
          }
        }
        r = new DayRule.WorkingDay(pattern, w.shortenedBy());
      }
      b.rule(e.getKey(), r);
    }
    return b.build();
  }

  private static final List<String> SEEDS =
      List.of(
          ProductionCalendarXml.write(BundledCalendars.russia(2024)),
          ProductionCalendarXml.write(BundledCalendars.russia(2021)));

  private static final String ALPHABET = "<>/=\"'&;!-?[]01239.tdhfy calendr\u0000é";

  @Property(tries = 400)
  void mutatedDocumentsAreReadOrRejectedWithIllegalArgumentException(
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
      ProductionCalendar read = ProductionCalendarXml.read(input);
      assertEquals(read, ProductionCalendarXml.read(ProductionCalendarXml.write(read)));
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
