package dev.servicekit.sla.holidays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.servicekit.sla.BusinessCalendar;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every production-calendar reader, and the builder they share, refuses years outside 1900..2299,
 * the years {@link BusinessCalendar} supports ({@link BusinessCalendar#SUPPORTED_START} to {@link
 * BusinessCalendar#SUPPORTED_END}), naming the field, the rule, the value and its line and column.
 * Before, the JSON and CSV readers took 1..9999 and the XML reader 0001..9999, so a calendar for
 * year 1066 or 9999 was read and failed only later, when applied to a business calendar (or, for
 * {@code builderForYears(..., Integer.MAX_VALUE)}, with a {@link java.time.DateTimeException}).
 */
class ProductionCalendarYearRangeTest {

  private static String message(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  @Test
  void theRangeIsBusinessCalendarsSupportedRange() {
    assertEquals(
        BusinessCalendar.SUPPORTED_START.atOffset(ZoneOffset.UTC).toLocalDate(),
        ProductionCalendar.FIRST_DATE);
    assertEquals(
        BusinessCalendar.SUPPORTED_END.atOffset(ZoneOffset.UTC).toLocalDate(),
        ProductionCalendar.END_DATE);
    assertEquals(1900, ProductionCalendar.FIRST_YEAR);
    assertEquals(2299, ProductionCalendar.LAST_YEAR);
  }

  @Test
  void theBuilderRefusesARangeReachingOutsideTheSupportedDates() {
    assertEquals(
        "start 1899-12-31 is outside the supported dates 1900-01-01..2299-12-31",
        message(
            () ->
                ProductionCalendar.builder(
                    "RU", LocalDate.of(1899, 12, 31), LocalDate.of(1900, 2, 1))));
    assertEquals(
        "end 2300-01-02 is after 2300-01-01, the end of the supported dates"
            + " 1900-01-01..2299-12-31",
        message(
            () ->
                ProductionCalendar.builder(
                    "RU", LocalDate.of(2299, 12, 1), LocalDate.of(2300, 1, 2))));
    ProductionCalendar widest =
        ProductionCalendar.empty("RU", LocalDate.of(1900, 1, 1), LocalDate.of(2300, 1, 1));
    assertEquals(LocalDate.of(2300, 1, 1), widest.end());
  }

  @Test
  void builderForYearsRefusesYearsOutsideTheRangeWithAnIllegalArgumentException() {
    assertEquals(
        "firstYear 1899 is outside the supported years 1900..2299",
        message(() -> ProductionCalendar.builderForYears("RU", 1899, 1900)));
    assertEquals(
        "lastYear 2300 is outside the supported years 1900..2299",
        message(() -> ProductionCalendar.builderForYears("RU", 2299, 2300)));
    // was a DateTimeException from LocalDate.of(lastYear + 1, 1, 1)
    assertEquals(
        "lastYear 2147483647 is outside the supported years 1900..2299",
        message(() -> ProductionCalendar.builderForYears("RU", 2000, Integer.MAX_VALUE)));
    assertEquals(
        LocalDate.of(2300, 1, 1),
        ProductionCalendar.builderForYears("RU", 2299, 2299).build().end());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 1066, 1899, 2300, 9999})
  void jsonYearsOutsideTheRangeAreRefusedAtTheirLineAndColumn(int year) {
    String json = "{\n  \"country\": \"RU\",\n  \"years\": [2000, " + year + "]\n}";
    assertEquals(
        "year "
            + year
            + " must be an integer between 1900 and 2299, the years a business calendar supports"
            + " (at $.years[1], line 3, column 19)",
        message(() -> ProductionCalendarJson.read(json)));
  }

  @Test
  void jsonDatesOutsideTheRangeAreRefusedAtTheirLineAndColumn() {
    // an object member's error is located at its value, as in every JSON reader here
    assertEquals(
        "from 1899-12-31 is outside the supported dates 1900-01-01..2299-12-31"
            + " (at $.from, line 2, column 11)",
        message(
            () ->
                ProductionCalendarJson.read(
                    "{\"country\":\"RU\",\n\"from\":   \"1899-12-31\",\"until\":\"1900-02-01\"}")));
    assertEquals(
        "until 2300-01-02 is after 2300-01-01, the end of the supported dates"
            + " 1900-01-01..2299-12-31 (at $.until, line 1, column 45)",
        message(
            () ->
                ProductionCalendarJson.read(
                    "{\"country\":\"RU\",\"from\":\"2299-01-01\",\"until\":\"2300-01-02\"}")));
    assertEquals(
        "until +10000-01-01 is after 2300-01-01, the end of the supported dates"
            + " 1900-01-01..2299-12-31 (at $.until, line 1, column 45)",
        message(
            () ->
                ProductionCalendarJson.read(
                    "{\"country\":\"RU\",\"from\":\"2299-01-01\",\"until\":\"+10000-01-01\"}")));
    CalendarCorrections widest =
        ProductionCalendarJson.read(
            "{\"country\":\"RU\",\"from\":\"1900-01-01\",\"until\":\"2300-01-01\"}");
    assertEquals(LocalDate.of(1900, 1, 1), widest.rules().start());
    assertEquals(LocalDate.of(2300, 1, 1), widest.rules().end());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 1899, 2300, 9999})
  void csvYearsOutsideTheRangeAreRefusedAtTheirLineAndColumn(int year) {
    String empty = ",".repeat(12);
    String csv =
        "Год/Месяц,Январь,Февраль,Март,Апрель,Май,Июнь,Июль,Август,Сентябрь,Октябрь,Ноябрь,Декабрь"
            + "\n"
            + year
            + empty
            + "\n";
    assertEquals(
        "year '"
            + year
            + "' must be 1900..2299, the years a business calendar supports"
            + " (line 2, column 1 'Год/Месяц')",
        message(() -> ProductionCalendarCsv.read(csv, "RU")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0001", "1899", "2300", "9999"})
  void xmlYearsOutsideTheRangeAreRefusedAtTheirLineAndColumn(String year) {
    String xml =
        "<?xml version=\"1.0\"?>\n<calendar year=\""
            + year
            + "\" country=\"ru\"><holidays/><days/></calendar>";
    assertEquals(
        "year "
            + year
            + " must be 1900..2299, the years a business calendar supports (calendar@year)"
            + " (line 2, column 36)",
        message(() -> ProductionCalendarXml.read(xml)));
  }

  @Test
  void aBareCarriageReturnInsideAQuotedCsvCellCountsAsALine() {
    // Outside quotes "\r", "\r\n" and "\n" each ended a line; inside a quoted cell only "\n"
    // counted, so every error after such a cell named a line too early.
    String empty = ",".repeat(12);
    String csv =
        "Год/Месяц,Январь,Февраль,Март,Апрель,Май,Июнь,Июль,Август,Сентябрь,Октябрь,Ноябрь,Декабрь,"
            + ProductionCalendarCsv.SOURCES
            + "\r2024"
            + empty
            + ",\"decree a\rdecree b\"\r20x5"
            + empty
            + ",\r";
    assertEquals(
        "year '20x5' must be 1900..2299, the years a business calendar supports"
            + " (line 4, column 1 'Год/Месяц')",
        message(() -> ProductionCalendarCsv.read(csv, "RU")));
  }
}
