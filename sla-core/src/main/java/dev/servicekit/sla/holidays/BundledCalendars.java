package dev.servicekit.sla.holidays;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Official production calendars shipped with servicekit as JSON resources, transcribed from the
 * government decrees and labour law named in each calendar's {@link ProductionCalendar#sources()}.
 *
 * <p>Bundled: Russia 2015 to 2026, each year with the non-working holidays of Labour Code art. 112
 * (1-8 January, 23 February, 8 March, 1 and 9 May, 12 June, 4 November), the art. 112 part 2 move
 * of a holiday falling on a weekend to the next working day, the Government's decree on the
 * transfer of days off, and the one-hour pre-holiday shortening of art. 95. The decrees
 * (Постановление Правительства РФ «О переносе выходных дней в ... году»):
 *
 * <ul>
 *   <li>2015: No. 860 of 27 August 2014; 2016: No. 1017 of 24 September 2015; 2017: No. 756 of 4
 *       August 2016; 2018: No. 1250 of 14 October 2017; 2019: No. 1163 of 1 October 2018;
 *   <li>2020: No. 875 of 10 July 2019; 2021: No. 1648 of 10 October 2020; 2022: No. 1564 of 16
 *       September 2021; 2023: No. 1505 of 29 August 2022; 2024: No. 1314 of 10 August 2023;
 *   <li>2025: No. 1335 of 4 October 2024; 2026: No. 1466 of 24 September 2025.
 * </ul>
 *
 * <p>Not in {@link #russia(int)}: the paid non-working days decreed by the President (2020: decrees
 * No. 206, 239, 294, 345, 354; 2021: No. 242 and 595). They were not days off under the Labour
 * Code, and the Ministry of Labour's yearly working-time norms, which the tests check, do not count
 * them. They are bundled separately, flagged as such, in {@link
 * #russiaPresidentialNonWorkingDays()}.
 *
 * <p>The data corrects jollyday's Russian holidays (see {@link JollydayHolidays}), which lack the
 * decreed transfers, working Saturdays and shortened days. For a year not bundled, load the
 * published calendar with {@link ProductionCalendarXml}, {@link ProductionCalendarCsv} or {@link
 * ProductionCalendarJson}. The yearly totals (working days, days off, hours at 40 hours a week) are
 * checked in the tests against the published production calendars.
 *
 * <p>This class is stateless apart from a cache of parsed immutable calendars, and thread-safe.
 */
public final class BundledCalendars {
  private static final Logger LOG = LoggerFactory.getLogger(BundledCalendars.class);

  /** The first year of Russia's bundled production calendar. */
  public static final int FIRST_RUSSIA_YEAR = 2015;

  /** The last year of Russia's bundled production calendar. */
  public static final int LAST_RUSSIA_YEAR = 2026;

  private static final Set<Integer> RUSSIA_YEARS = russiaYearSet();
  private static final Map<String, ProductionCalendar> CACHE = new ConcurrentHashMap<>();

  private BundledCalendars() {}

  /**
   * Returns Russia's production calendar for one year: holidays, decreed transfers of days off,
   * working Saturdays and shortened pre-holiday days. O(1) after the first call per year.
   *
   * @param year a bundled year (2015 to 2026)
   * @return the calendar covering the whole year, region {@code RU}
   * @throws IllegalArgumentException if the year is not bundled
   */
  public static ProductionCalendar russia(int year) {
    if (!RUSSIA_YEARS.contains(year)) {
      throw new IllegalArgumentException(
          "year "
              + year
              + " of Russia's production calendar is not bundled; bundled years are "
              + FIRST_RUSSIA_YEAR
              + ".."
              + LAST_RUSSIA_YEAR
              + "; load the published calendar with ProductionCalendarXml, ProductionCalendarCsv"
              + " or ProductionCalendarJson");
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
   * Returns the paid non-working days decreed by the President of Russia in 2020 and 2021 (the
   * COVID-19 periods, the 2020 Victory parade and the 2020 constitutional vote), weekdays only, as
   * {@link DayRule.DayOff} rules whose reasons cite each decree: 2020 decrees No. 206 of 25 March,
   * No. 239 of 2 April, No. 294 of 28 April, No. 345 of 29 May and No. 354 of 1 June; 2021 decrees
   * No. 242 of 23 April and No. 595 of 20 October (federal days only, not the regional extensions).
   *
   * <p>They are not part of {@link #russia(int)} because they were not days off under the Labour
   * Code and do not change the published working-time norms. Where a desk was closed on them, apply
   * them with {@code russia(2020, 2021).withOverride(russiaPresidentialNonWorkingDays())} (explicit
   * wins: the shortened 8 May 2020 becomes a day off). O(1) after the first call.
   *
   * @return a calendar covering 2020 and 2021, region {@code RU}
   */
  public static ProductionCalendar russiaPresidentialNonWorkingDays() {
    return CACHE.computeIfAbsent("ru-presidential-non-working-days", BundledCalendars::load);
  }

  /**
   * Returns the years for which Russia's production calendar is bundled.
   *
   * @return an unmodifiable set, iterated in ascending order
   */
  public static Set<Integer> russiaYears() {
    return RUSSIA_YEARS;
  }

  private static Set<Integer> russiaYearSet() {
    TreeSet<Integer> years = new TreeSet<>();
    for (int y = FIRST_RUSSIA_YEAR; y <= LAST_RUSSIA_YEAR; y++) {
      years.add(y);
    }
    return Collections.unmodifiableSet(years);
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
      ProductionCalendar rules = c.rules();
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "bundled production calendar {} loaded: {} rules, sources {}",
            name,
            rules.rules().size(),
            rules.sources());
      }
      return rules;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
