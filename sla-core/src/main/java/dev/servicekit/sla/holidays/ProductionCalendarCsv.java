package dev.servicekit.sla.holidays;

import dev.servicekit.sla.holidays.internal.CalendarFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the open-data CSV of Russia's production calendar (one row a year):
 *
 * <pre>
 * Год/Месяц,Январь,Февраль,...,Декабрь,Всего рабочих дней,Всего праздничных и выходных дней,
 *   Количество рабочих часов при 40-часовой рабочей неделе,...
 * 2024,"1,2,3,4,5,6,7,8,13,14,20,21,27,28","3,4,10,11,17,18,22*,23,24,25",...,248,118,1979,...
 * </pre>
 *
 * <p>Years are 1900..2299, the years a {@code BusinessCalendar} supports. Each month cell lists the
 * days of the month that are not worked; {@code *} marks a pre-holiday working day shortened by one
 * hour, {@code +} a transferred day off. Mapping to {@link DayRule}s for a Monday-to-Friday week: a
 * listed Labour Code art. 112 date (1-8 January, 23 February, 8 March, 1 and 9 May, 12 June, 4
 * November) is a {@link DayRule.Holiday}; another listed weekday a {@link DayRule.DayOff}; a
 * weekday with {@code *} a one-hour {@link DayRule.Shortened} day; a Saturday or Sunday that is not
 * listed, or listed with {@code *}, a {@link DayRule.WorkingDay} with Monday's hours (shortened by
 * one hour with {@code *}). The file does not say which weekday a working Saturday replaces;
 * correct the pattern with {@link ProductionCalendar#withRule} where it matters.
 *
 * <p>An optional last column {@code "Источники данных"}, which {@link #write} adds, keeps the
 * calendar's {@link ProductionCalendar#sources() sources}, one a line in each row's cell (the
 * calendar's sources are those of all rows, in order, each once), so that a written calendar reads
 * back with the same sources; it is left out when they are the default below. A file without it (as
 * published) gets the one source {@code "production calendar CSV (open data)"}.
 *
 * <p>The totals columns are checked against the month cells: working days, days off and holidays,
 * and each "Количество рабочих часов при N-часовой рабочей неделе" as N / 5 hours a working day
 * minus one hour a shortened day (Ministry of Labour order No. 588n); a mismatch is rejected. Input
 * is capped at {@link #MAX_INPUT_CHARS}; every error is an {@link IllegalArgumentException} naming
 * the line, the column and a bounded excerpt of the value.
 *
 * <p>This class is stateless and thread-safe.
 */
public final class ProductionCalendarCsv {

  /** Largest accepted input in characters (a year's row is about 300). */
  public static final int MAX_INPUT_CHARS = 1 << 20;

  /** Reason of every day off read from the CSV, which names none. */
  static final String DAY_OFF = "выходной день по производственному календарю (CSV)";

  /** Source of a calendar read from a CSV without a sources column. */
  static final String SOURCE = "production calendar CSV (open data)";

  /** The header of the optional last column that lists the calendar's sources. */
  static final String SOURCES = "Источники данных";

  private static final int MAX_COLUMNS = 64;
  private static final String YEAR_HEADER = "Год/Месяц";
  private static final List<String> MONTHS =
      List.of(
          "Январь",
          "Февраль",
          "Март",
          "Апрель",
          "Май",
          "Июнь",
          "Июль",
          "Август",
          "Сентябрь",
          "Октябрь",
          "Ноябрь",
          "Декабрь");
  private static final String WORKING_DAYS = "Всего рабочих дней";
  private static final String DAYS_OFF = "Всего праздничных и выходных дней";
  private static final Pattern HOURS =
      Pattern.compile("Количество рабочих часов при (\\d{1,2}(?:[.,]\\d)?)-часовой рабочей неделе");
  private static final Pattern DAY_TOKEN = Pattern.compile("(\\d{1,2})([*+]?)");
  private static final Pattern INTEGER = Pattern.compile("\\d{1,6}");
  private static final Pattern DECIMAL = Pattern.compile("\\d{1,6}(?:[.,]\\d{1,3})?");
  private static final Duration ONE_HOUR = Duration.ofHours(1);
  private static final BigDecimal FIVE = BigDecimal.valueOf(5);
  private static final List<String> WRITTEN_WEEKS = List.of("40", "36", "24");
  // Stand-ins for the two day-count columns among the week lengths of the header (never a length).
  private static final BigDecimal WORKING_DAYS_COLUMN = BigDecimal.valueOf(-1);
  private static final BigDecimal DAYS_OFF_COLUMN = BigDecimal.valueOf(-2);

  private ProductionCalendarCsv() {}

  /**
   * Reads the rows of consecutive years. O(input).
   *
   * @param csv the CSV text, UTF-8 decoded; not closed
   * @param region the region of the calendar, e.g. {@code "RU"}
   * @return one calendar covering all the years of the file
   * @throws IllegalArgumentException if the text is too long, malformed, its years are not
   *     consecutive, or a total disagrees with the month cells; the message names line and column
   * @throws UncheckedIOException if reading fails
   */
  public static ProductionCalendar read(Reader csv, String region) {
    Objects.requireNonNull(csv, "csv");
    Objects.requireNonNull(region, "region");
    String text;
    try {
      text = CalendarFiles.readCapped(csv, MAX_INPUT_CHARS, "CSV");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parse(text, region);
  }

  /**
   * Reads the rows of consecutive years from text; see {@link #read(Reader, String)}.
   *
   * @param csv the CSV text
   * @param region the region of the calendar, e.g. {@code "RU"}
   * @return one calendar covering all the years of the file
   * @throws IllegalArgumentException if the text is too long, malformed or inconsistent
   */
  public static ProductionCalendar read(String csv, String region) {
    Objects.requireNonNull(csv, "csv");
    return read(new StringReader(csv), region);
  }

  /**
   * Writes a calendar of whole years as CSV with the totals for 40-, 36- and 24-hour weeks. The
   * format keeps only which days are worked, shortened by one hour or off: holiday names, day-off
   * reasons and working-day patterns are not written. The calendar's sources are written in a last
   * column, {@code "Источники данных"}, one a line in every row, unless they are the one source a
   * file without that column reads as. O(days).
   *
   * @param calendar a calendar covering whole calendar years
   * @return the CSV text, lines ending in {@code \n}
   * @throws IllegalArgumentException if the calendar does not cover whole years, shortens a day by
   *     other than one hour, or has a source containing a line break
   */
  public static String write(ProductionCalendar calendar) {
    Objects.requireNonNull(calendar, "calendar");
    if (calendar.start().getDayOfYear() != 1 || calendar.end().getDayOfYear() != 1) {
      throw new IllegalArgumentException(
          "the CSV format holds whole years, but the calendar covers ["
              + calendar.start()
              + ", "
              + calendar.end()
              + ")");
    }
    for (Map.Entry<LocalDate, DayRule> e : calendar.rules().entrySet()) {
      Duration by =
          e.getValue() instanceof DayRule.Shortened s
              ? s.reduction()
              : e.getValue() instanceof DayRule.WorkingDay w ? w.shortenedBy() : Duration.ZERO;
      if (!by.isZero() && !by.equals(ONE_HOUR)) {
        throw new IllegalArgumentException(
            "day "
                + e.getKey()
                + " is shortened by "
                + by
                + ", but the CSV format only knows a one-hour pre-holiday shortening (PT1H)");
      }
    }
    for (String source : calendar.sources()) {
      if (source.indexOf('\n') >= 0 || source.indexOf('\r') >= 0) {
        throw new IllegalArgumentException(
            "source "
                + CalendarFiles.excerpt(source)
                + " contains a line break, which the CSV format's sources column cannot carry");
      }
    }
    // a calendar as a published file reads (the one default source) is written as published
    boolean withSources = !calendar.sources().equals(List.of(SOURCE));
    String sourcesCell = '"' + String.join("\n", calendar.sources()).replace("\"", "\"\"") + '"';
    StringBuilder out = new StringBuilder(YEAR_HEADER);
    MONTHS.forEach(m -> out.append(',').append(m));
    out.append(',').append(WORKING_DAYS).append(',').append(DAYS_OFF);
    for (String w : WRITTEN_WEEKS) {
      out.append(",Количество рабочих часов при ").append(w).append("-часовой рабочей неделе");
    }
    out.append(withSources ? "," + SOURCES + "\n" : "\n");
    for (int year = calendar.start().getYear(); year < calendar.end().getYear(); year++) {
      out.append(year);
      int working = 0;
      int shortened = 0;
      for (int month = 1; month <= 12; month++) {
        List<String> tokens = new ArrayList<>();
        YearMonth ym = YearMonth.of(year, month);
        for (int day = 1; day <= ym.lengthOfMonth(); day++) {
          LocalDate d = ym.atDay(day);
          DayRule rule = calendar.rules().get(d);
          boolean weekend = isWeekend(d);
          if (rule instanceof DayRule.Holiday || rule instanceof DayRule.DayOff) {
            // '+' marks a weekday off that is not an art. 112 holiday, which is what reads back
            // as a day off.
            boolean transferred = !weekend && CalendarFiles.article112Holiday(d).isEmpty();
            tokens.add(day + (transferred ? "+" : ""));
          } else if (rule instanceof DayRule.WorkingDay w) {
            working++;
            if (!w.shortenedBy().isZero()) {
              shortened++;
              tokens.add(day + "*");
            }
          } else if (weekend) {
            tokens.add(String.valueOf(day));
          } else {
            working++;
            if (rule instanceof DayRule.Shortened) {
              shortened++;
              tokens.add(day + "*");
            }
          }
        }
        out.append(",\"").append(String.join(",", tokens)).append('"');
      }
      int days = LocalDate.of(year, 1, 1).lengthOfYear();
      out.append(',').append(working).append(',').append(days - working);
      for (String w : WRITTEN_WEEKS) {
        out.append(',').append(norm(new BigDecimal(w), working, shortened).toPlainString());
      }
      out.append(withSources ? "," + sourcesCell + "\n" : "\n");
    }
    return out.toString();
  }

  private static BigDecimal norm(BigDecimal weekHours, int working, int shortened) {
    return weekHours
        .multiply(BigDecimal.valueOf(working))
        .divide(FIVE)
        .subtract(BigDecimal.valueOf(shortened))
        .stripTrailingZeros();
  }

  private static boolean isWeekend(LocalDate d) {
    return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  /** One parsed CSV record: its cells and the line it starts on. */
  private record Row(List<String> cells, int line) {}

  private static ProductionCalendar parse(String text, String region) {
    List<Row> rows = records(text);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("CSV has no header line (line 1)");
    }
    Row header = rows.get(0);
    List<String> names = header.cells.stream().map(String::strip).toList();
    if (names.size() < 13 || !YEAR_HEADER.equals(names.get(0))) {
      throw new IllegalArgumentException(
          "header must start with '"
              + YEAR_HEADER
              + "' and the twelve months, got "
              + CalendarFiles.excerpt(String.join(",", names))
              + " (line "
              + header.line
              + ")");
    }
    for (int m = 0; m < 12; m++) {
      if (!MONTHS.get(m).equalsIgnoreCase(names.get(m + 1))) {
        throw new IllegalArgumentException(
            "column "
                + (m + 2)
                + " must be '"
                + MONTHS.get(m)
                + "', got "
                + CalendarFiles.excerpt(names.get(m + 1))
                + " (line "
                + header.line
                + ")");
      }
    }
    // an optional last column of sources
    int sourcesColumn = names.get(names.size() - 1).equals(SOURCES) ? names.size() - 1 : -1;
    List<BigDecimal> weeks = new ArrayList<>();
    for (int c = 13; c < (sourcesColumn < 0 ? names.size() : sourcesColumn); c++) {
      String n = names.get(c);
      Matcher hm = HOURS.matcher(n);
      BigDecimal week;
      if (n.equals(WORKING_DAYS)) {
        week = WORKING_DAYS_COLUMN;
      } else if (n.equals(DAYS_OFF)) {
        week = DAYS_OFF_COLUMN;
      } else if (hm.matches()) {
        week = new BigDecimal(hm.group(1).replace(',', '.'));
        if (week.signum() == 0) {
          throw new IllegalArgumentException(
              "column "
                  + CalendarFiles.excerpt(n)
                  + " names a week of no hours (line "
                  + header.line
                  + ", column "
                  + (c + 1)
                  + ")");
        }
      } else {
        throw new IllegalArgumentException(
            "unknown column "
                + CalendarFiles.excerpt(n)
                + ", expected '"
                + WORKING_DAYS
                + "', '"
                + DAYS_OFF
                + "' or 'Количество рабочих часов при N-часовой рабочей неделе' (line "
                + header.line
                + ", column "
                + (c + 1)
                + ")");
      }
      if (weeks.contains(week)) {
        throw new IllegalArgumentException(
            "column "
                + CalendarFiles.excerpt(n)
                + " is repeated (line "
                + header.line
                + ", column "
                + (c + 1)
                + ")");
      }
      weeks.add(week);
    }
    TreeMap<Integer, Row> byYear = new TreeMap<>();
    for (Row row : rows.subList(1, rows.size())) {
      if (row.cells.size() != names.size()) {
        throw new IllegalArgumentException(
            "row has "
                + row.cells.size()
                + " cells, the header "
                + names.size()
                + " (line "
                + row.line
                + ")");
      }
      String y = row.cells.get(0).strip();
      if (!INTEGER.matcher(y).matches()
          || Integer.parseInt(y) < ProductionCalendar.FIRST_YEAR
          || Integer.parseInt(y) > ProductionCalendar.LAST_YEAR) {
        throw cellError(
            "year "
                + CalendarFiles.excerpt(y)
                + " must be "
                + ProductionCalendar.FIRST_YEAR
                + ".."
                + ProductionCalendar.LAST_YEAR
                + ", the years a business calendar supports",
            row,
            0,
            names);
      }
      if (byYear.put(Integer.parseInt(y), row) != null) {
        throw cellError("year " + y + " is repeated", row, 0, names);
      }
    }
    if (byYear.isEmpty()) {
      throw new IllegalArgumentException("CSV has a header but no year rows (line 2)");
    }
    // a gap is located at the row of the first year after it, like every other cell error
    int previous = byYear.firstKey();
    for (Map.Entry<Integer, Row> e : byYear.tailMap(previous, false).entrySet()) {
      if (e.getKey() != previous + 1) {
        throw cellError(
            "years "
                + CalendarFiles.excerpt(byYear.keySet().toString())
                + " must be consecutive: a gap would be claimed as covered; year "
                + e.getKey()
                + " follows "
                + previous,
            e.getValue(),
            0,
            names);
      }
      previous = e.getKey();
    }
    ProductionCalendar.Builder builder =
        ProductionCalendar.builderForYears(region, byYear.firstKey(), byYear.lastKey());
    if (sourcesColumn < 0) {
      builder.source(SOURCE);
    } else {
      for (Row row : rows.subList(1, rows.size())) {
        String cell = row.cells.get(sourcesColumn);
        if (cell.isEmpty()) {
          continue;
        }
        for (String source : cell.split("\n", -1)) {
          // a line break inside the quoted cell may have become \r\n on the way
          String s = source.endsWith("\r") ? source.substring(0, source.length() - 1) : source;
          if (s.isBlank() || s.indexOf('\r') >= 0) {
            throw cellError(
                "source " + CalendarFiles.excerpt(s) + " must not be blank or hold a line break",
                row,
                sourcesColumn,
                names);
          }
          builder.source(s);
        }
      }
    }
    for (Map.Entry<Integer, Row> e : byYear.entrySet()) {
      year(builder, e.getKey(), e.getValue(), names, weeks);
    }
    return builder.build();
  }

  private static void year(
      ProductionCalendar.Builder builder,
      int year,
      Row row,
      List<String> names,
      List<BigDecimal> weeks) {
    int working = 0;
    int shortened = 0;
    for (int m = 1; m <= 12; m++) {
      YearMonth ym = YearMonth.of(year, m);
      char[] marks = new char[ym.lengthOfMonth() + 1]; // 0 = not listed
      String cell = row.cells.get(m).strip();
      if (!cell.isEmpty()) {
        for (String raw : cell.split(",", -1)) {
          String token = raw.strip();
          Matcher tm = DAY_TOKEN.matcher(token);
          if (!tm.matches()) {
            throw cellError(
                "day "
                    + CalendarFiles.excerpt(token)
                    + " must be a day of the month, optionally followed by * or +",
                row,
                m,
                names);
          }
          int day = Integer.parseInt(tm.group(1));
          if (day < 1 || day > ym.lengthOfMonth()) {
            throw cellError("day " + day + " is not a day of " + ym, row, m, names);
          }
          if (marks[day] != 0) {
            throw cellError("day " + day + " is listed twice", row, m, names);
          }
          marks[day] = tm.group(2).isEmpty() ? '-' : tm.group(2).charAt(0);
        }
      }
      for (int day = 1; day <= ym.lengthOfMonth(); day++) {
        LocalDate d = ym.atDay(day);
        boolean weekend = isWeekend(d);
        char mark = marks[day];
        DayRule rule = null;
        if (mark == '-' || mark == '+') {
          String holiday = CalendarFiles.article112Holiday(d).orElse(null);
          if (holiday != null) {
            rule = DayRule.holiday(holiday);
          } else if (!weekend) {
            rule = DayRule.dayOff(DAY_OFF);
          }
        } else {
          working++;
          if (mark == '*') {
            shortened++;
            rule =
                weekend
                    ? DayRule.workingDay(DayOfWeek.MONDAY).withShortenedBy(ONE_HOUR)
                    : DayRule.shortened(ONE_HOUR);
          } else if (weekend) {
            rule = DayRule.workingDay(DayOfWeek.MONDAY);
          }
        }
        if (rule != null) {
          builder.rule(d, rule);
        }
      }
    }
    int daysOff = LocalDate.of(year, 1, 1).lengthOfYear() - working;
    for (int c = 13; c < 13 + weeks.size(); c++) {
      String cell = row.cells.get(c).strip();
      if (cell.isEmpty()) {
        continue;
      }
      BigDecimal week = weeks.get(c - 13);
      BigDecimal expected =
          week.equals(WORKING_DAYS_COLUMN)
              ? BigDecimal.valueOf(working)
              : week.equals(DAYS_OFF_COLUMN)
                  ? BigDecimal.valueOf(daysOff)
                  : norm(week, working, shortened);
      if (!DECIMAL.matcher(cell).matches()) {
        throw cellError(
            "total " + CalendarFiles.excerpt(cell) + " must be a number", row, c, names);
      }
      BigDecimal given = new BigDecimal(cell.replace(',', '.'));
      if (given.compareTo(expected) != 0) {
        throw cellError(
            "total "
                + cell
                + " disagrees with the month cells of "
                + year
                + ", which give "
                + expected.toPlainString()
                + " ("
                + working
                + " working days, "
                + shortened
                + " shortened)",
            row,
            c,
            names);
      }
    }
  }

  private static IllegalArgumentException cellError(
      String message, Row row, int column, List<String> names) {
    return new IllegalArgumentException(
        message
            + " (line "
            + row.line
            + ", column "
            + (column + 1)
            + " "
            + CalendarFiles.excerpt(names.get(column))
            + ")");
  }

  /** Splits RFC 4180 text into records: commas, double-quoted cells, {@code ""} escapes. */
  private static List<Row> records(String text) {
    List<Row> rows = new ArrayList<>();
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    int line = 1;
    while (i < text.length()) {
      int start = line;
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      boolean wasQuoted = false;
      boolean end = false;
      while (i < text.length() && !end) {
        char c = text.charAt(i++);
        if (quoted) {
          if (c == '"') {
            if (i < text.length() && text.charAt(i) == '"') {
              cell.append('"');
              i++;
            } else {
              quoted = false;
            }
          } else {
            // a line break inside a quoted cell counts as the one outside does: "\n", "\r\n" or a
            // bare "\r"
            if (c == '\n' || (c == '\r' && (i == text.length() || text.charAt(i) != '\n'))) {
              line++;
            }
            cell.append(c);
          }
        } else if (c == '"') {
          if (cell.length() > 0 || wasQuoted) {
            throw new IllegalArgumentException(
                "quote inside an unquoted cell "
                    + CalendarFiles.excerpt(cell.toString())
                    + " (line "
                    + line
                    + ", column "
                    + (cells.size() + 1)
                    + ")");
          }
          quoted = true;
          wasQuoted = true;
        } else if (c == ',') {
          if (cells.size() == MAX_COLUMNS) {
            throw new IllegalArgumentException(
                "line has more than " + MAX_COLUMNS + " columns (line " + line + ")");
          }
          cells.add(cell.toString());
          cell.setLength(0);
          wasQuoted = false;
        } else if (c == '\n' || c == '\r') {
          if (c == '\r' && i < text.length() && text.charAt(i) == '\n') {
            i++;
          }
          line++;
          end = true;
        } else {
          if (wasQuoted && !Character.isWhitespace(c)) {
            throw new IllegalArgumentException(
                "text after a closing quote (line "
                    + line
                    + ", column "
                    + (cells.size() + 1)
                    + ")");
          }
          cell.append(c);
        }
      }
      if (quoted) {
        throw new IllegalArgumentException(
            "quoted cell is not closed (line " + start + ", column " + (cells.size() + 1) + ")");
      }
      cells.add(cell.toString());
      if (!(cells.size() == 1 && cells.get(0).isBlank())) {
        rows.add(new Row(List.copyOf(cells), start));
      }
    }
    return rows;
  }
}
