package dev.servicekit.sla.holidays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.TimeRange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Production calendars" snippet, run as written against files in a temp folder. */
class ReadmeProductionCalendarSnippetTest {

  @TempDir Path dir;

  @Test
  void readmeSnippetLoadsNextYearAndMergesItWithTheBundledYears() throws IOException {
    ProductionCalendar.Builder y2027 = ProductionCalendar.builderForYears("RU", 2027, 2027);
    for (int d = 1; d <= 8; d++) {
      y2027.holiday(LocalDate.of(2027, 1, d), "Новогодние каникулы");
    }
    Files.writeString(dir.resolve("calendar-2027.xml"), ProductionCalendarXml.write(y2027.build()));
    Files.writeString(
        dir.resolve("calendar.csv"),
        ProductionCalendarCsv.write(BundledCalendars.russia(2023, 2024)));

    // --- README snippet (paths resolved against the temp folder) ---
    ProductionCalendar bundled = BundledCalendars.russia(2015, 2026);
    ProductionCalendar next;
    try (InputStream in = Files.newInputStream(dir.resolve("calendar-2027.xml"))) {
      next = ProductionCalendarXml.read(in);
    }
    ProductionCalendar fromCsv =
        ProductionCalendarCsv.read(Files.readString(dir.resolve("calendar.csv")), "RU");
    BusinessCalendar desk =
        BusinessCalendar.builder(ZoneId.of("Europe/Moscow"))
            .weekdays(TimeRange.parse("09:00-18:00"))
            .apply(bundled.merge(next))
            .build();
    // --- end of snippet ---

    assertEquals(LocalDate.of(2028, 1, 1), bundled.merge(next).end());
    assertEquals(LocalDate.of(2023, 1, 1), fromCsv.start());
    ZoneId moscow = ZoneId.of("Europe/Moscow");
    assertFalse(desk.isOpen(LocalDate.of(2027, 1, 4).atTime(12, 0).atZone(moscow).toInstant()));
    assertTrue(desk.isOpen(LocalDate.of(2027, 1, 11).atTime(12, 0).atZone(moscow).toInstant()));
    // 2024-11-02 is a working Saturday in the bundled data.
    assertTrue(desk.isOpen(LocalDate.of(2024, 11, 2).atTime(12, 0).atZone(moscow).toInstant()));
  }
}
