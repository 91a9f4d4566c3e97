/**
 * Holiday and production-calendar data: dated day rules ({@link
 * dev.servicekit.sla.holidays.DayRule}) collected in an immutable {@link
 * dev.servicekit.sla.holidays.ProductionCalendar}, corrections read from JSON ({@link
 * dev.servicekit.sla.holidays.ProductionCalendarJson}), the published production-calendar formats
 * ({@link dev.servicekit.sla.holidays.ProductionCalendarXml}, {@link
 * dev.servicekit.sla.holidays.ProductionCalendarCsv}), bundled official data for Russia 2015-2026
 * ({@link dev.servicekit.sla.holidays.BundledCalendars}) and optional seeding from the jollyday
 * library ({@link dev.servicekit.sla.holidays.JollydayHolidays}).
 *
 * <p>Library holiday data is a starting point: national production calendars also move days off by
 * decree, add working Saturdays and shorten pre-holiday days, which generic holiday libraries do
 * not know. Correct library data with explicit entries ({@link
 * dev.servicekit.sla.holidays.ProductionCalendar#withOverride}, {@link
 * dev.servicekit.sla.holidays.CalendarCorrections}).
 */
package dev.servicekit.sla.holidays;
