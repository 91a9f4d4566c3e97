package dev.servicekit.sla.holidays;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Official production calendars shipped with servicekit as JSON resources, transcribed from the
 * government decrees and labour law named in each calendar's {@link ProductionCalendar#sources()}.
 *
 * <p>Bundled: Russia 2025 (Government decree No. 1335 of 4 October 2024) and 2026 (decree No. 1466
 * of 24 September 2025), with the holidays of Labour Code art. 112 and the one-hour pre-holiday
 * shortening of art. 95. For other years, supply the data with {@link ProductionCalendarJson}.
 *
 * <p>This class is stateless apart from a cache of parsed immutable calendars, and thread-safe.
 */
public final class BundledCalendars {

  private static final Set<Integer> RUSSIA_YEARS = Set.of(2025, 2026);
  private static final Map<String, ProductionCalendar> CACHE = new ConcurrentHashMap<>();

  private BundledCalendars() {}

  /**
   * Returns Russia's production calendar for one year: holidays, decreed transfers of days off,
   * working Saturdays and shortened pre-holiday days. O(1) after the first call per year.
   *
   * @param year a bundled year (2025 or 2026)
   * @return the calendar covering the whole year, region {@code RU}
   * @throws IllegalArgumentException if the year is not bundled
   */
  public static ProductionCalendar russia(int year) {
    if (!RUSSIA_YEARS.contains(year)) {
      throw new IllegalArgumentException(
          "year "
              + year
              + " of Russia's production calendar is not bundled; bundled years are "
              + new TreeSet<>(RUSSIA_YEARS)
              + "; supply the decree's data with ProductionCalendarJson");
    }
    return CACHE.computeIfAbsent("ru-" + year, BundledCalendars::load);
  }

  /**
   * Returns Russia's production calendar for consecutive bundled years, merged.
   *
   * @param firstYear first year
   * @param lastYear last year, not before {@code firstYear}
   * @return the merged calendar
   * @throws IllegalArgumentException if a year is not bundled or {@code lastYear < firstYear}
   */
  public static ProductionCalendar russia(int firstYear, int lastYear) {
    if (lastYear < firstYear) {
      throw new IllegalArgumentException(
          "lastYear " + lastYear + " must not be before firstYear " + firstYear);
    }
    ProductionCalendar result = russia(firstYear);
    for (int y = firstYear + 1; y <= lastYear; y++) {
      result = result.merge(russia(y));
    }
    return result;
  }

  /**
   * Returns the years for which Russia's production calendar is bundled.
   *
   * @return an unmodifiable set
   */
  public static Set<Integer> russiaYears() {
    return RUSSIA_YEARS;
  }

  private static ProductionCalendar load(String name) {
    String resource = name + ".json";
    try (InputStream in = BundledCalendars.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("bundled resource " + resource + " is missing");
      }
      CalendarCorrections c = ProductionCalendarJson.read(in);
      if (!c.removals().isEmpty()) {
        throw new IllegalStateException("bundled resource " + resource + " must not remove rules");
      }
      return c.rules();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
