package dev.servicekit.sla.holidays;

import com.google.common.testing.NullPointerTester;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Guava testlib audit of the calendar file formats and bundled data: nulls are rejected. */
class CalendarFormatsApiSanityTest {

  @Test
  void publicStaticMethodsRejectNulls() {
    NullPointerTester t =
        new NullPointerTester()
            .setDefault(InputStream.class, new ByteArrayInputStream(new byte[0]))
            .setDefault(Reader.class, new StringReader(""))
            .setDefault(String.class, "RU")
            .setDefault(ProductionCalendar.class, BundledCalendars.russia(2024));
    t.testAllPublicStaticMethods(ProductionCalendarXml.class);
    t.testAllPublicStaticMethods(ProductionCalendarCsv.class);
    t.testAllPublicStaticMethods(BundledCalendars.class);
  }
}
