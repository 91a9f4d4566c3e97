package dev.servicekit.sla.holidays.internal;

import dev.servicekit.sla.internal.JsonInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Helpers shared by the production-calendar file readers and writers: capped reading, bounded
 * excerpts for error messages, the Labour Code art. 112 holidays, and the date reference kept in a
 * day-off reason. Not API.
 */
public final class CalendarFiles {

  /** Longest excerpt of a bad value quoted in an error message. */
  public static final int EXCERPT = 40;

  private static final Pattern ISO_DATE = Pattern.compile("(?<!\\d)(\\d{4}-\\d{2}-\\d{2})(?!\\d)");

  private static final String NEW_YEAR = "Новогодние каникулы (New Year holidays)";

  private static final Map<MonthDay, String> ART_112 =
      Map.ofEntries(
          Map.entry(MonthDay.of(1, 1), NEW_YEAR),
          Map.entry(MonthDay.of(1, 2), NEW_YEAR),
          Map.entry(MonthDay.of(1, 3), NEW_YEAR),
          Map.entry(MonthDay.of(1, 4), NEW_YEAR),
          Map.entry(MonthDay.of(1, 5), NEW_YEAR),
          Map.entry(MonthDay.of(1, 6), NEW_YEAR),
          Map.entry(MonthDay.of(1, 7), "Рождество Христово (Orthodox Christmas)"),
          Map.entry(MonthDay.of(1, 8), NEW_YEAR),
          Map.entry(
              MonthDay.of(2, 23), "День защитника Отечества (Defender of the Fatherland Day)"),
          Map.entry(MonthDay.of(3, 8), "Международный женский день (International Women's Day)"),
          Map.entry(MonthDay.of(5, 1), "Праздник Весны и Труда (Spring and Labour Day)"),
          Map.entry(MonthDay.of(5, 9), "День Победы (Victory Day)"),
          Map.entry(MonthDay.of(6, 12), "День России (Russia Day)"),
          Map.entry(MonthDay.of(11, 4), "День народного единства (Unity Day)"));

  private CalendarFiles() {}

  /**
   * Reads at most {@code max} bytes.
   *
   * @param in the input, not closed
   * @param max the cap
   * @param what the format's name for the message
   * @return the bytes
   * @throws IllegalArgumentException if the input is longer than {@code max}
   * @throws IOException if reading fails
   */
  public static byte[] readCapped(InputStream in, int max, String what) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf, 0, Math.min(buf.length, max + 1 - out.size()))) > 0) {
      out.write(buf, 0, n);
      if (out.size() > max) {
        throw tooLong(what, max);
      }
    }
    return out.toByteArray();
  }

  /**
   * Reads at most {@code max} characters.
   *
   * @param in the input, not closed
   * @param max the cap
   * @param what the format's name for the message
   * @return the text
   * @throws IllegalArgumentException if the input is longer than {@code max}
   * @throws IOException if reading fails
   */
  public static String readCapped(Reader in, int max, String what) throws IOException {
    StringBuilder out = new StringBuilder();
    char[] buf = new char[8192];
    int n;
    while ((n = in.read(buf, 0, Math.min(buf.length, max + 1 - out.length()))) > 0) {
      out.append(buf, 0, n);
      if (out.length() > max) {
        throw tooLong(what, max);
      }
    }
    return out.toString();
  }

  private static IllegalArgumentException tooLong(String what, int max) {
    return new IllegalArgumentException(
        what + " input is longer than the limit of " + max + " (a year takes a few kilobytes)");
  }

  /**
   * Quotes at most {@link #EXCERPT} characters of {@code value}, control characters escaped.
   *
   * @param value any text
   * @return e.g. {@code 'abc'} or {@code 'abcdef…' (1200 chars)}
   */
  public static String excerpt(String value) {
    StringBuilder sb = new StringBuilder("'");
    int end = Math.min(value.length(), EXCERPT);
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || JsonInput.bidi(c)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('\'');
    if (value.length() > EXCERPT) {
      sb.insert(sb.length() - 1, '…').append(" (").append(value.length()).append(" chars)");
    }
    return sb.toString();
  }

  /**
   * Returns the name of the Labour Code art. 112 holiday on {@code date}, if it is one.
   *
   * @param date any date
   * @return the bilingual name used by the bundled data
   */
  public static Optional<String> article112Holiday(LocalDate date) {
    return Optional.ofNullable(ART_112.get(MonthDay.from(date)));
  }

  /**
   * Returns the first ISO date written in a day-off reason that lies in {@code year}: the date the
   * day off was transferred from, as the bundled data and the readers write it.
   *
   * @param reason a day-off reason
   * @param year the calendar year
   * @return the date, if the reason names a valid one in that year
   */
  public static Optional<LocalDate> transferredFrom(String reason, int year) {
    Matcher m = ISO_DATE.matcher(reason);
    while (m.find()) {
      try {
        LocalDate d = LocalDate.parse(m.group(1));
        if (d.getYear() == year) {
          return Optional.of(d);
        }
      } catch (java.time.DateTimeException e) {
        // not a date; keep looking
      }
    }
    return Optional.empty();
  }
}
