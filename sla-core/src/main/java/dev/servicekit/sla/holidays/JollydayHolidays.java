package dev.servicekit.sla.holidays;

import dev.servicekit.sla.holidays.internal.JollydayBridge;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds a {@link ProductionCalendar} with the public holidays of the optional <a
 * href="https://github.com/focus-shift/jollyday">jollyday</a> library.
 *
 * <p>jollyday knows holidays only: not decreed transfers of days off, working Saturdays or
 * shortened days. Treat its data as a starting point and correct it with {@link
 * ProductionCalendar#withOverride} or {@link CalendarCorrections}. Only jollyday's {@code
 * PUBLIC_HOLIDAY} entries are taken (not bank holidays or observances); a holiday that jollyday
 * moves off a weekend is placed on the date it is observed, its name saying so. Names are
 * jollyday's English descriptions; several holidays on one date are joined with {@code " / "}.
 *
 * <p>For Russia, prefer {@link BundledCalendars#russia(int)}: it carries the decreed transfers,
 * working Saturdays and shortened days that jollyday lacks, so it corrects jollyday's data (for
 * 2023 jollyday's working hours are wrong on 7 dates, for 2024 on 14). {@link
 * CalendarCorrections#between} computes the corrections from jollyday's data to the bundled one.
 *
 * <p>Requires {@code de.focus-shift:jollyday-core} and {@code de.focus-shift:jollyday-jaxb} at run
 * time (they are optional dependencies of sla-core). This class is stateless and thread-safe.
 */
public final class JollydayHolidays {
  private static final Logger LOG = LoggerFactory.getLogger(JollydayHolidays.class);

  private static final String MISSING =
      "jollyday is not on the class path or module path: add the dependencies"
          + " de.focus-shift:jollyday-core and de.focus-shift:jollyday-jaxb (same version) to use"
          + " JollydayHolidays; on the module path also resolve the module, since sla-core only"
          + " requires it statically, and export jollyday's parser package to its core, which"
          + " jollyday 2.19.0 does not do itself: --add-modules de.focus_shift.jollyday.core"
          + " --add-exports"
          + " de.focus_shift.jollyday.jaxb/de.focus_shift.jollyday.jaxb=de.focus_shift.jollyday.core";

  private JollydayHolidays() {}

  /**
   * Whether jollyday is available at run time.
   *
   * @return {@code true} if jollyday's core classes can be loaded
   */
  public static boolean isAvailable() {
    try {
      Class.forName(
          "de.focus_shift.jollyday.core.HolidayManager",
          false,
          JollydayHolidays.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Returns jollyday's public holidays for a country, or one of its subdivisions, for whole years.
   *
   * @param country ISO 3166-1 alpha-2 code as jollyday knows it, e.g. {@code "de"} or {@code "RU"}
   * @param firstYear first year
   * @param lastYear last year, not before {@code firstYear}
   * @param subdivisions jollyday's hierarchy path below the country, e.g. {@code "by"} for Bavaria
   * @return a calendar with region {@code COUNTRY[-SUBDIVISION...]} holding {@link DayRule.Holiday}
   *     rules only
   * @throws IllegalArgumentException if jollyday has no data for the country or a subdivision,
   *     {@code lastYear < firstYear} or a year is outside the supported years 1900..2299
   * @throws IllegalStateException if jollyday is missing at run time; the message names the
   *     artifacts to add
   */
  public static ProductionCalendar holidays(
      String country, int firstYear, int lastYear, String... subdivisions) {
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(subdivisions, "subdivisions");
    for (String s : subdivisions) {
      Objects.requireNonNull(s, "subdivisions element");
    }
    StringBuilder region = new StringBuilder(country.toUpperCase(Locale.ROOT));
    for (String s : subdivisions) {
      region.append('-').append(s.toUpperCase(Locale.ROOT));
    }
    ProductionCalendar.Builder builder =
        ProductionCalendar.builderForYears(region.toString(), firstYear, lastYear);
    if (!isAvailable()) {
      throw new IllegalStateException(MISSING);
    }
    Map<LocalDate, List<String>> names;
    try {
      names =
          JollydayBridge.publicHolidays(
              country.toLowerCase(Locale.ROOT), firstYear, lastYear, List.of(subdivisions));
    } catch (NoClassDefFoundError e) {
      throw new IllegalStateException(MISSING, e);
    }
    for (Map.Entry<LocalDate, List<String>> e : names.entrySet()) {
      builder.holiday(e.getKey(), String.join(" / ", e.getValue()));
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "jollyday {} holidays for {} in {}..{}: {} dates",
          JollydayBridge.version(),
          region,
          firstYear,
          lastYear,
          names.size());
    }
    return builder
        .source(
            "jollyday "
                + JollydayBridge.version()
                + " holiday data for "
                + country.toLowerCase(Locale.ROOT)
                + (subdivisions.length == 0
                    ? ""
                    : "/" + String.join("/", subdivisions).toLowerCase(Locale.ROOT)))
        .build();
  }
}
