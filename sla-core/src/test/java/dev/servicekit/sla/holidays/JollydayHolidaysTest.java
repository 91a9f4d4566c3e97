package dev.servicekit.sla.holidays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The jollyday adapter against real jollyday data (an optional dependency, on the test path). */
class JollydayHolidaysTest {

  /** Gregorian Easter Sunday by the anonymous (Meeus/Jones/Butcher) algorithm: an oracle. */
  static LocalDate easter(int year) {
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = ((h + l - 7 * m + 114) % 31) + 1;
    return LocalDate.of(year, month, day);
  }

  // Germany's nationwide public holidays (Feiertagsgesetze of the Länder; German Unity Day by the
  // Unification Treaty art. 2(2)); Easter-dependent dates from the algorithm above.
  private static Set<LocalDate> germanNational(int year) {
    LocalDate easter = easter(year);
    return new TreeSet<>(
        Set.of(
            LocalDate.of(year, 1, 1),
            easter.minusDays(2),
            easter.plusDays(1),
            LocalDate.of(year, 5, 1),
            easter.plusDays(39),
            easter.plusDays(50),
            LocalDate.of(year, 10, 3),
            LocalDate.of(year, 12, 25),
            LocalDate.of(year, 12, 26)));
  }

  @Test
  void easterOracleMatchesKnownDates() {
    // Published Easter dates: 2025-04-20, 2026-04-05 (e.g. the EKD and Vatican calendars).
    assertEquals(LocalDate.of(2025, 4, 20), easter(2025));
    assertEquals(LocalDate.of(2026, 4, 5), easter(2026));
  }

  @Test
  void germanyNationalHolidays2026() {
    ProductionCalendar de = JollydayHolidays.holidays("de", 2026, 2026);
    assertEquals("DE", de.region());
    assertEquals(germanNational(2026), de.rules().keySet());
    assertTrue(de.rules().values().stream().allMatch(r -> r instanceof DayRule.Holiday));
    assertEquals(
        DayRule.holiday("German Unity Day"), de.rule(LocalDate.of(2026, 10, 3)).orElseThrow());
    assertTrue(de.sources().get(0).startsWith("jollyday "), de.sources().toString());
  }

  @Test
  void bavariaAddsEpiphanyCorpusChristiAndAllSaints() {
    ProductionCalendar by = JollydayHolidays.holidays("DE", 2026, 2026, "by");
    assertEquals("DE-BY", by.region());
    TreeSet<LocalDate> onlyBavaria = new TreeSet<>(by.rules().keySet());
    onlyBavaria.removeAll(germanNational(2026));
    assertEquals(
        Set.of(
            LocalDate.of(2026, 1, 6), // Heilige Drei Könige
            easter(2026).plusDays(60), // Fronleichnam
            LocalDate.of(2026, 11, 1)), // Allerheiligen
        onlyBavaria);
    assertTrue(by.rules().keySet().containsAll(germanNational(2026)));
  }

  @Test
  void severalYearsAreCoveredAndMergeable() {
    ProductionCalendar both = JollydayHolidays.holidays("de", 2025, 2026);
    TreeSet<LocalDate> expected = new TreeSet<>(germanNational(2025));
    expected.addAll(germanNational(2026));
    assertEquals(expected, both.rules().keySet());
    assertEquals(
        both.rules(),
        JollydayHolidays.holidays("de", 2025, 2025)
            .merge(JollydayHolidays.holidays("de", 2026, 2026))
            .rules());
  }

  @Test
  void unknownCountryAndSubdivisionAreRejectedNotSilentlyIgnored() {
    IllegalArgumentException country =
        assertThrows(
            IllegalArgumentException.class, () -> JollydayHolidays.holidays("xx", 2026, 2026));
    assertTrue(country.getMessage().startsWith("country 'xx'"), country.getMessage());
    // jollyday itself returns the national holidays for an unknown subdivision; we refuse.
    IllegalArgumentException sub =
        assertThrows(
            IllegalArgumentException.class,
            () -> JollydayHolidays.holidays("de", 2026, 2026, "zz"));
    assertTrue(
        sub.getMessage().contains("'zz'") && sub.getMessage().contains("by"), sub.getMessage());
  }

  @Test
  void jollydayCoreWithoutJaxbFailsWithAMessageNamingTheMissingArtifact() throws Exception {
    URL classes = JollydayHolidays.class.getProtectionDomain().getCodeSource().getLocation();
    URL core =
        Class.forName("de.focus_shift.jollyday.core.HolidayManager")
            .getProtectionDomain()
            .getCodeSource()
            .getLocation();
    ClassLoader hiding =
        new ClassLoader(JollydayHolidaysTest.class.getClassLoader()) {
          @Override
          protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("de.focus_shift.") || name.startsWith("dev.servicekit.")) {
              throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
          }

          @Override
          public URL getResource(String name) {
            return name.startsWith("META-INF/services/de.focus_shift")
                ? null
                : super.getResource(name);
          }

          @Override
          public java.util.Enumeration<URL> getResources(String name) throws java.io.IOException {
            return name.startsWith("META-INF/services/de.focus_shift")
                ? java.util.Collections.emptyEnumeration()
                : super.getResources(name);
          }
        };
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader isolated = new URLClassLoader(new URL[] {classes, core}, hiding)) {
      thread.setContextClassLoader(isolated);
      Class<?> adapter = isolated.loadClass(JollydayHolidays.class.getName());
      assertTrue((Boolean) adapter.getMethod("isAvailable").invoke(null));
      Method holidays =
          adapter.getMethod("holidays", String.class, int.class, int.class, String[].class);
      InvocationTargetException e =
          assertThrows(
              InvocationTargetException.class,
              () -> holidays.invoke(null, "de", 2026, 2026, new String[0]));
      IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
      assertEquals(
          "jollyday-core is present but has no holiday data source: add"
              + " de.focus-shift:jollyday-jaxb (same version as jollyday-core)",
          cause.getMessage());
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Test
  void missingJollydayFailsWithAMessageNamingTheArtifacts() throws Exception {
    URL classes = JollydayHolidays.class.getProtectionDomain().getCodeSource().getLocation();
    ClassLoader hiding =
        new ClassLoader(JollydayHolidaysTest.class.getClassLoader()) {
          @Override
          protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("de.focus_shift.") || name.startsWith("dev.servicekit.")) {
              throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
          }
        };
    try (URLClassLoader isolated = new URLClassLoader(new URL[] {classes}, hiding)) {
      Class<?> adapter = isolated.loadClass(JollydayHolidays.class.getName());
      assertFalse((Boolean) adapter.getMethod("isAvailable").invoke(null));
      Method holidays =
          adapter.getMethod("holidays", String.class, int.class, int.class, String[].class);
      InvocationTargetException e =
          assertThrows(
              InvocationTargetException.class,
              () -> holidays.invoke(null, "de", 2026, 2026, new String[0]));
      IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
      assertTrue(
          cause.getMessage().contains("de.focus-shift:jollyday-core")
              && cause.getMessage().contains("de.focus-shift:jollyday-jaxb"),
          cause.getMessage());
    }
    assertTrue(JollydayHolidays.isAvailable());
  }
}
