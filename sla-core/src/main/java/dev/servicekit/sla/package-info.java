/**
 * Business calendars and exact business-time arithmetic: {@link
 * dev.servicekit.sla.BusinessCalendar} (built in code with {@link
 * dev.servicekit.sla.BusinessCalendar.Builder} or read from JSON with {@link
 * dev.servicekit.sla.CalendarJson}), {@link dev.servicekit.sla.TimeRange} and {@link
 * dev.servicekit.sla.OpenPeriod}.
 */
package dev.servicekit.sla;
