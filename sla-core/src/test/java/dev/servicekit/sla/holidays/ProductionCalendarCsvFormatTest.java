package dev.servicekit.sla.holidays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The CSV layout itself: exact written text, line counting, quoting and header bounds. */
class ProductionCalendarCsvFormatTest {

  private static final String MONTHS =
      "Год/Месяц,Январь,Февраль,Март,Апрель,Май,Июнь,Июль,Август,Сентябрь,Октябрь,Ноябрь,Декабрь";
  private static final String HEADER =
      MONTHS
          + ",Всего рабочих дней,Всего праздничных и выходных дней,"
          + "Количество рабочих часов при 40-часовой рабочей неделе,"
          + "Количество рабочих часов при 36-часовой рабочей неделе,"
          + "Количество рабочих часов при 24-часовой рабочей неделе\n";

  // 2024 of the production calendar (decree No. 1314), as in ProductionCalendarCsvTest.
  private static final String MONTH_CELLS_2024 =
      "2024,\"1,2,3,4,5,6,7,8,13,14,20,21,27,28\",\"3,4,10,11,17,18,22*,23,24,25\","
          + "\"2,3,7*,8,9,10,16,17,23,24,30,31\",\"6,7,13,14,20,21,28,29+,30+\","
          + "\"1,4,5,8*,9,10+,11,12,18,19,25,26\",\"1,2,8,9,11*,12,15,16,22,23,29,30\","
          + "\"6,7,13,14,20,21,27,28\",\"3,4,10,11,17,18,24,25,31\",\"1,7,8,14,15,21,22,28,29\","
          + "\"5,6,12,13,19,20,26,27\",\"2*,3,4,9,10,16,17,23,24,30\","
          + "\"1,7,8,14,15,21,22,29,30+,31+\"";
  private static final String ROW_2024 = MONTH_CELLS_2024 + ",248,118,1979,1780.6,1185.4\n";

  private static ProductionCalendar read(String csv) {
    return ProductionCalendarCsv.read(csv, "RU");
  }

  private static String error(String csv) {
    return assertThrows(IllegalArgumentException.class, () -> read(csv)).getMessage();
  }

  @Test
  void writingThePublished2024RowGivesItBackCharacterForCharacter() {
    // '+' marks exactly the weekdays off that are not art. 112 holidays (29, 30 April, 10 May,
    // 30, 31 December), '*' the shortened days; the totals are the published ones.
    assertEquals(HEADER + ROW_2024, ProductionCalendarCsv.write(read(HEADER + ROW_2024)));
  }

  @Test
  void aHeaderOfTheTwelveMonthsAloneIsEnough() {
    ProductionCalendar months = read(MONTHS + "\n" + MONTH_CELLS_2024 + "\n");
    assertEquals(read(HEADER + ROW_2024).rules(), months.rules());
    assertEquals(
        "header must start with 'Год/Месяц' and the twelve months, got "
            + "'Год/Месяц,Январь,Февраль,Март,Апрель,Май…' (81 chars) (line 1)",
        error(MONTHS.replace(",Декабрь", "") + "\n2024,,,,,,,,,,,\n"));
  }

  @Test
  void headerErrorsNameTheColumnNumber() {
    assertEquals(
        "unknown column 'Прочее', expected 'Всего рабочих дней', 'Всего праздничных и выходных"
            + " дней' or 'Количество рабочих часов при N-часовой рабочей неделе' (line 1, column"
            + " 14)",
        error(HEADER.replace("Всего рабочих дней", "Прочее") + ROW_2024));
    assertEquals(
        "column 'Всего рабочих дней' is repeated (line 1, column 15)",
        error(
            MONTHS + ",Всего рабочих дней,Всего рабочих дней\n" + MONTH_CELLS_2024 + ",248,248\n"));
    assertEquals(
        "column 'Количество рабочих часов при 0-часовой р…' (53 chars) names a week of no hours"
            + " (line 1, column 14)",
        error(
            MONTHS
                + ",Количество рабочих часов при 0-часовой рабочей неделе\n"
                + MONTH_CELLS_2024
                + ",0\n"));
  }

  @Test
  void years1900To2299AreAcceptedAndNoOthers() {
    String empty = ",".repeat(12);
    assertEquals(LocalDate.of(1900, 1, 1), read(MONTHS + "\n1900" + empty + "\n").start());
    assertEquals(LocalDate.of(2300, 1, 1), read(MONTHS + "\n2299" + empty + "\n").end());
    assertEquals(
        "year '1899' must be 1900..2299, the years a business calendar supports"
            + " (line 2, column 1 'Год/Месяц')",
        error(MONTHS + "\n1899" + empty + "\n"));
    assertEquals(
        "year '2300' must be 1900..2299, the years a business calendar supports"
            + " (line 2, column 1 'Год/Месяц')",
        error(MONTHS + "\n2300" + empty + "\n"));
  }

  @Test
  void aYearWithNoMonthCellsWorksEveryDayIncludingWeekends() {
    ProductionCalendar cal = read(MONTHS + ",Всего рабочих дней\n2024" + ",".repeat(12) + ",366\n");
    assertEquals(
        new DayRule.WorkingDay(DayOfWeek.MONDAY, java.time.Duration.ZERO),
        cal.rule(LocalDate.of(2024, 1, 6)).orElseThrow());
    assertEquals(104, cal.rules().size()); // the 52 Saturdays and 52 Sundays of 2024
  }

  @Test
  void windowsAndOldMacLineEndsCountLinesLikeUnixOnes() {
    String twice = HEADER + ROW_2024 + ROW_2024;
    String message = "year 2024 is repeated (line 3, column 1 'Год/Месяц')";
    assertEquals(message, error(twice));
    assertEquals(message, error(twice.replace("\n", "\r\n")));
    assertEquals(message, error(twice.replace("\n", "\r")));
    assertEquals(read(HEADER + ROW_2024), read((HEADER + ROW_2024).replace("\n", "\r\n")));
    assertEquals(read(HEADER + ROW_2024), read((HEADER + ROW_2024).replace("\n", "\r")));
  }

  @Test
  void aLineBreakInsideAQuotedCellIsCountedForLaterLines() {
    String split = ROW_2024.replace("\"1,2,3,4,5,6,7,8,", "\"1,2,3,4,\n5,6,7,8,");
    assertEquals(read(HEADER + ROW_2024), read(HEADER + split));
    assertEquals(
        "year 2024 is repeated (line 4, column 1 'Год/Месяц')", error(HEADER + split + ROW_2024));
  }

  @Test
  void blankLinesAreSkippedButCounted() {
    assertEquals(read(HEADER + ROW_2024), read(HEADER + "\n  \n" + ROW_2024 + "\n"));
    assertEquals(
        "year 2024 is repeated (line 5, column 1 'Год/Месяц')",
        error(HEADER + ROW_2024 + "\n \n" + ROW_2024));
    assertEquals("row has 1 cells, the header 18 (line 3)", error(HEADER + ROW_2024 + "2025\n"));
  }

  @Test
  void aQuotedCellMayEndTheTextAndHoldEscapedQuotes() {
    assertEquals(
        read(MONTHS + "\n" + MONTH_CELLS_2024 + "\n"), read(MONTHS + "\n" + MONTH_CELLS_2024));
    assertEquals(
        "day '\"3' must be a day of the month, optionally followed by * or + (line 2, column 2"
            + " 'Январь')",
        error(MONTHS + "\n2024,\"\"\"3\",,,,,,,,,,,\n"));
  }

  @Test
  void anUnclosedQuoteNamesWhereTheCellStarts() {
    assertEquals(
        "quoted cell is not closed (line 2, column 3)",
        error(MONTHS + "\n2024,\"1\",\"3,\n4,\n5\n"));
  }
}
