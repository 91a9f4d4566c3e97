package dev.servicekit.sla.holidays.internal;

import de.focus_shift.jollyday.core.CalendarHierarchy;
import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The only class that touches jollyday types; loaded only after the caller checked that jollyday is
 * present. Not API.
 */
public final class JollydayBridge {

  private JollydayBridge() {}

  /**
   * Returns jollyday's public holidays by observed date, names in English, for whole years: every
   * observed date inside the years, whichever year's holiday it observes.
   *
   * @param country lower-case country code
   * @param firstYear first year
   * @param lastYear last year
   * @param subdivisions hierarchy path below the country
   * @return sorted dates with the distinct names of the holidays on each
   */
  public static Map<LocalDate, List<String>> publicHolidays(
      String country, int firstYear, int lastYear, List<String> subdivisions) {
    HolidayManager manager;
    try {
      manager = HolidayManager.getInstance(ManagerParameters.create(country));
    } catch (IllegalStateException e) {
      String msg = String.valueOf(e.getMessage());
      if (msg.contains("datasource")) {
        throw new IllegalStateException(
            "jollyday-core is present but has no holiday data source: add"
                + " de.focus-shift:jollyday-jaxb (same version as jollyday-core)",
            e);
      }
      throw new UnknownRegionException(
          "country '" + country + "' has no jollyday holiday data: " + msg,
          UnknownRegionException.COUNTRY,
          e);
    }
    CalendarHierarchy level = manager.getCalendarHierarchy();
    StringBuilder path = new StringBuilder(country);
    for (int i = 0; i < subdivisions.size(); i++) {
      String s = subdivisions.get(i);
      CalendarHierarchy child = level.getChildren().get(s.toLowerCase(Locale.ROOT));
      if (child == null) {
        throw new UnknownRegionException(
            "subdivision '"
                + s
                + "' is not known to jollyday under "
                + path
                + "; known: "
                + new java.util.TreeSet<>(level.getChildren().keySet()),
            i,
            null);
      }
      path.append('/').append(s);
      level = child;
    }
    String[] args =
        subdivisions.stream().map(s -> s.toLowerCase(Locale.ROOT)).toArray(String[]::new);
    TreeMap<LocalDate, List<String>> out = new TreeMap<>();
    // A holiday is kept by the date it is observed on, which may lie in the year before or after
    // its own (New Year's Day on a Saturday is observed on 31 December): ask jollyday for the
    // neighbouring years too and keep the observed dates inside the years asked for.
    LocalDate from = LocalDate.of(firstYear, 1, 1);
    LocalDate until = LocalDate.of(lastYear + 1, 1, 1);
    for (int y = firstYear - 1; y <= lastYear + 1; y++) {
      for (Holiday h : manager.getHolidays(Year.of(y), HolidayType.PUBLIC_HOLIDAY, args)) {
        if (h.getDate().isBefore(from) || !h.getDate().isBefore(until)) {
          continue;
        }
        String name = h.getDescription(Locale.ENGLISH);
        if (!h.getDate().equals(h.getActualDate())) {
          name = name + " (observed, from " + h.getActualDate() + ")";
        }
        List<String> names = out.computeIfAbsent(h.getDate(), d -> new ArrayList<>());
        if (!names.contains(name)) {
          names.add(name);
        }
      }
    }
    for (List<String> names : out.values()) {
      names.sort(null);
    }
    return out;
  }

  /**
   * Returns jollyday's version as recorded in its jar manifest, or {@code "(unknown version)"}.
   *
   * @return the version text
   */
  public static String version() {
    Package p = HolidayManager.class.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    return v == null ? "(unknown version)" : v;
  }
}
