/**
 * Business calendars and exact business-time arithmetic: {@link
 * dev.servicekit.sla.BusinessCalendar} (built in code with {@link
 * dev.servicekit.sla.BusinessCalendar.Builder} or read from JSON with {@link
 * dev.servicekit.sla.CalendarJson}), {@link dev.servicekit.sla.TimeRange} and {@link
 * dev.servicekit.sla.OpenPeriod}.
 *
 * <pre>{@code
 * BusinessCalendar team = BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
 *     .id("support-eu")
 *     .weekdays(TimeRange.parse("09:00-13:00"), TimeRange.parse("14:00-18:00"))
 *     .holiday(LocalDate.of(2026, 12, 25))
 *     .shortenDay(LocalDate.of(2026, 12, 24), Duration.ofHours(1))
 *     .build();
 * BusinessCalendar customer = CalendarJson.read(json);          // same builder, same validation
 * BusinessCalendar both = team.intersection(customer);          // open when both are open
 * Instant due = both.plus(ticketCreated, Duration.ofHours(8));  // first-response deadline
 * Duration used = both.between(ticketCreated, Instant.now());   // business time elapsed
 * }</pre>
 */
package dev.servicekit.sla;
