package dev.servicekit.sla.holidays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProductionCalendarCsvTest {

  private static final String HEADER =
      "Год/Месяц,Январь,Февраль,Март,Апрель,Май,Июнь,Июль,Август,Сентябрь,Октябрь,Ноябрь,Декабрь,"
          + "Всего рабочих дней,Всего праздничных и выходных дней,"
          + "Количество рабочих часов при 40-часовой рабочей неделе,"
          + "Количество рабочих часов при 36-часовой рабочей неделе,"
          + "Количество рабочих часов при 24-часовой рабочей неделе\n";

  // 2024 typed by hand from the production calendar (decree No. 1314) in the open-data layout;
  // totals 248 working days, 118 days off, 1979 h at 40 h/week (КонсультантПлюс 2024), 1780.6 h
  // at 36 h and 1185.4 h at 24 h (N / 5 h a day minus 5 shortened hours, order No. 588n).
  private static final String ROW_2024 =
      "2024,\"1,2,3,4,5,6,7,8,13,14,20,21,27,28\",\"3,4,10,11,17,18,22*,23,24,25\","
          + "\"2,3,7*,8,9,10,16,17,23,24,30,31\",\"6,7,13,14,20,21,28,29+,30+\","
          + "\"1,4,5,8*,9,10+,11,12,18,19,25,26\",\"1,2,8,9,11*,12,15,16,22,23,29,30\","
          + "\"6,7,13,14,20,21,27,28\",\"3,4,10,11,17,18,24,25,31\",\"1,7,8,14,15,21,22,28,29\","
          + "\"5,6,12,13,19,20,26,27\",\"2*,3,4,9,10,16,17,23,24,30\","
          + "\"1,7,8,14,15,21,22,29,30+,31+\",248,118,1979,1780.6,1185.4\n";

  @Test
  void handTypedPublished2024RowEqualsTheBundledYear() {
    ProductionCalendar read = ProductionCalendarCsv.read(HEADER + ROW_2024, "RU");
    assertEquals(asCsvReaderWouldName(BundledCalendars.russia(2024)).rules(), read.rules());
    assertEquals(List.of("production calendar CSV (open data)"), read.sources());
  }

  @Test
  void bundledYearsWrittenAndReadBackEqualTheBundledData() {
    ProductionCalendar all = BundledCalendars.russia(2015, 2026);
    String csv = ProductionCalendarCsv.write(all);
    ProductionCalendar read = ProductionCalendarCsv.read(new StringReader(csv), "RU");
    assertEquals(asCsvReaderWouldName(all).rules(), read.rules());
    assertEquals(LocalDate.of(2015, 1, 1), read.start());
    assertEquals(LocalDate.of(2027, 1, 1), read.end());
    // The written totals are the published ones (see RussiaYearlyTotalsTest for the sources).
    assertTrue(csv.contains("\n2024,"), csv);
    assertTrue(
        csv.lines()
            .anyMatch(l -> l.startsWith("2024,") && l.contains(",248,118,1979,1780.6,1185.4,\"")));
    assertTrue(
        csv.lines()
            .anyMatch(l -> l.startsWith("2015,") && l.contains(",247,118,1971,1773.4,1180.6,\"")));
  }

  @Test
  void writtenSourcesAreReadBackEveryOneInOrder() {
    ProductionCalendar all = BundledCalendars.russia(2025, 2026);
    assertTrue(all.sources().size() > 1, all.sources()::toString);
    ProductionCalendar read = ProductionCalendarCsv.read(ProductionCalendarCsv.write(all), "RU");
    assertEquals(all.sources(), read.sources());
    assertEquals(asCsvReaderWouldName(all).withSources(all.sources()), read);
    ProductionCalendar none = all.withSources(List.of());
    assertEquals(
        List.of(), ProductionCalendarCsv.read(ProductionCalendarCsv.write(none), "RU").sources());
  }

  @Test
  void theSourcesColumnIsOptionalAndItsCellsAreChecked() {
    String header = HEADER.strip() + ",Источники данных\n";
    assertEquals(
        List.of(ProductionCalendarCsv.SOURCE),
        ProductionCalendarCsv.read(HEADER + ROW_2024, "RU").sources());
    String row = ROW_2024.strip();
    assertEquals(
        List.of("decree No. 1314", "КонсультантПлюс"),
        ProductionCalendarCsv.read(header + row + ",\"decree No. 1314\r\nКонсультантПлюс\"\n", "RU")
            .sources());
    assertEquals(List.of(), ProductionCalendarCsv.read(header + row + ",\n", "RU").sources());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProductionCalendarCsv.read(header + row + ",\"a\n \"\n", "RU"));
    assertEquals(
        "source ' ' must not be blank or hold a line break (line 2, column 19 'Источники данных')",
        e.getMessage());
    IllegalArgumentException write =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ProductionCalendarCsv.write(
                    BundledCalendars.russia(2024).withSources(List.of("two\nlines"))));
    assertEquals(
        "source 'two\\u000alines' contains a line break, which the CSV format's sources column cannot"
            + " carry",
        write.getMessage());
  }

  /** Bundled data as the CSV can carry it: its own day-off reason, Monday's hours, no names. */
  private static ProductionCalendar asCsvReaderWouldName(ProductionCalendar cal) {
    ProductionCalendar out = cal;
    for (Map.Entry<LocalDate, DayRule> e : cal.rules().entrySet()) {
      if (e.getValue() instanceof DayRule.DayOff) {
        out = out.withRule(e.getKey(), DayRule.dayOff(ProductionCalendarCsv.DAY_OFF));
      } else if (e.getValue() instanceof DayRule.WorkingDay w) {
        out = out.withRule(e.getKey(), new DayRule.WorkingDay(DayOfWeek.MONDAY, w.shortenedBy()));
      }
    }
    return out;
  }

  @Test
  void aTotalThatDisagreesWithTheMonthsIsRejected() {
    String wrong = ROW_2024.replace(",1979,", ",1976,");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ProductionCalendarCsv.read(HEADER + wrong, "RU"));
    assertTrue(e.getMessage().contains("total 1976 disagrees"), e.getMessage());
    assertTrue(e.getMessage().contains("which give 1979"), e.getMessage());
    assertTrue(e.getMessage().contains("line 2, column 16"), e.getMessage());
    String days = ROW_2024.replace(",248,118,", ",247,118,");
    assertThrows(
        IllegalArgumentException.class, () -> ProductionCalendarCsv.read(HEADER + days, "RU"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"1,2,3,4,5,6,7,8,13,14,20,21,27,28\"|\"1,2,3,4,5,6,7,8,13,14,20,21,27,32\"|day 32 is not a day of 2024-01 (line 2, column 2",
        "\"3,4,10,11,17,18,22*,23,24,25\"|\"3,4,4,10\"|day 4 is listed twice (line 2, column 3",
        "\"3,4,10,11,17,18,22*,23,24,25\"|\"3,x4\"|day 'x4' must be a day of the month",
        "\"3,4,10,11,17,18,22*,23,24,25\"|\"3,4#\"|day '4#' must be a day of the month",
        "2024,|20x4,|year '20x4' must be 1900..2299, the years a business calendar supports (line 2, column 1",
        ",248,|,24a,|total '24a' must be a number",
        "\"1,2,3,4,5,6,7,8,13,14,20,21,27,28\"|\"1,2\"3|text after a closing quote (line 2, column 2)",
        "\"1,2,3,4,5,6,7,8,13,14,20,21,27,28\"|1\"2|quote inside an unquoted cell '1' (line 2, column 2)",
      })
  void badCellsAreRejectedNamingLineAndColumn(String good, String bad, String message) {
    String row = ROW_2024.replace(good, bad);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ProductionCalendarCsv.read(HEADER + row, "RU"));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void headerRowsAndYearsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> ProductionCalendarCsv.read("", "RU"));
    assertThrows(IllegalArgumentException.class, () -> ProductionCalendarCsv.read(HEADER, "RU"));
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ProductionCalendarCsv.read(
                    HEADER.replace("Всего рабочих дней", "Прочее") + ROW_2024, "RU"));
    assertTrue(unknown.getMessage().contains("unknown column 'Прочее'"), unknown.getMessage());
    IllegalArgumentException month =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProductionCalendarCsv.read(HEADER.replace("Март", "Марток") + ROW_2024, "RU"));
    assertTrue(month.getMessage().contains("column 4 must be 'Март'"), month.getMessage());
    IllegalArgumentException gap =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ProductionCalendarCsv.read(
                    HEADER
                        + ROW_2024
                        + ROW_2024.replace("2024,", "2026,").split(",\"")[0]
                        + ROW_2024.substring(4),
                    "RU"));
    assertTrue(
        gap.getMessage().contains("consecutive") || gap.getMessage().contains("total"),
        gap.getMessage());
    IllegalArgumentException repeated =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProductionCalendarCsv.read(HEADER + ROW_2024 + ROW_2024, "RU"));
    assertTrue(
        repeated.getMessage().contains("year 2024 is repeated (line 3"), repeated.getMessage());
    IllegalArgumentException shortRow =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProductionCalendarCsv.read(HEADER + "2024,\"1\"\n", "RU"));
    assertTrue(shortRow.getMessage().contains("row has 2 cells"), shortRow.getMessage());
    IllegalArgumentException open =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProductionCalendarCsv.read(HEADER + "2024,\"1,2", "RU"));
    assertTrue(open.getMessage().contains("not closed"), open.getMessage());
  }

  @Test
  void aLineWithTooManyColumnsIsRejectedEarly() {
    String wide = HEADER + "2024" + ",".repeat(100_000) + "\n";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ProductionCalendarCsv.read(wide, "RU"));
    assertTrue(e.getMessage().contains("more than 64 columns (line 2)"), e.getMessage());
  }

  @Test
  void inputLongerThanTheCapIsRejected() {
    String huge = HEADER + " ".repeat(ProductionCalendarCsv.MAX_INPUT_CHARS);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ProductionCalendarCsv.read(huge, "RU"));
    assertTrue(e.getMessage().contains("limit"), e.getMessage());
  }

  @Test
  void longBadValuesAreQuotedOnlyInPart() {
    String row = ROW_2024.replace("2024,", "9".repeat(5000) + ",");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ProductionCalendarCsv.read(HEADER + row, "RU"));
    assertTrue(e.getMessage().length() < 200, e.getMessage());
  }

  @Test
  void writerRejectsPartialYearsAndOtherReductions() {
    ProductionCalendar partial =
        ProductionCalendar.empty("RU", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 7, 1));
    assertThrows(IllegalArgumentException.class, () -> ProductionCalendarCsv.write(partial));
    ProductionCalendar twoHours =
        ProductionCalendar.builderForYears("RU", 2024, 2024)
            .shortened(LocalDate.of(2024, 3, 7), Duration.ofHours(2))
            .build();
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> ProductionCalendarCsv.write(twoHours))
            .getMessage()
            .contains("PT2H"));
  }

  /**
   * Years that are not consecutive are located at the row of the first year after the gap. Found
   * enumerating the single-character edits of EveryReaderHostileInputProperties' CSV seed (session
   * 10: 2024 changed to 2004): the message named "(column 1)" without a line, which the reader's
   * contract ("the message names line and column") and the sweep's location check refuse.
   */
  @Test
  void yearsWithAGapAreLocatedAtTheRowAfterTheGap() {
    String csv = ProductionCalendarCsv.write(BundledCalendars.russia(2024, 2025));
    for (String[] edit :
        new String[][] {
          {"\n2024,", "\n2004,", "2025", "2004"}, {"\n2025,", "\n2094,", "2094", "2024"}
        }) {
      String bad = csv.replace(edit[0], edit[1]);
      assertTrue(!bad.equals(csv), "the CSV has the row " + edit[0].strip());
      String m =
          assertThrows(IllegalArgumentException.class, () -> ProductionCalendarCsv.read(bad, "RU"))
              .getMessage();
      int line = bad.substring(0, bad.indexOf("\n" + edit[2] + ",") + 1).split("\n", -1).length;
      assertTrue(
          m.matches(
              "years '\\[.*\\]' must be consecutive: a gap would be claimed as covered; year "
                  + edit[2]
                  + " follows "
                  + edit[3]
                  + " \\(line "
                  + line
                  + ", column 1 .*\\)"),
          m);
    }
  }
}
