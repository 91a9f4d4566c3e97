package dev.servicekit.sla;

import dev.servicekit.sla.internal.JsonInput;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/**
 * One working interval of a day in local time, from {@code start} (inclusive) to {@code end}
 * (exclusive), at whole-second resolution.
 *
 * <p>When {@code end <= start} the interval ends on the next day: {@code 22:00-06:00} is a night
 * shift, {@code 00:00-24:00} (that is {@code of(MIDNIGHT, MIDNIGHT)}) is a whole day. The text form
 * is {@code HH:mm[:ss]-HH:mm[:ss]}, with {@code 24:00} accepted as an end; an end at midnight is
 * always written {@code 24:00}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param start the local start time, whole seconds
 * @param end the local end time, whole seconds; {@code end <= start} means the next day
 */
public record TimeRange(LocalTime start, LocalTime end) implements Comparable<TimeRange> {

  private static final int DAY = 86_400;

  /**
   * Validates the fields; prefer {@link #of(LocalTime, LocalTime)}.
   *
   * @param start the local start time, whole seconds
   * @param end the local end time, whole seconds
   * @throws IllegalArgumentException if a time has a fraction of a second
   */
  public TimeRange {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.getNano() != 0) {
      throw new IllegalArgumentException(
          "TimeRange start " + start + " has a fraction of a second; whole seconds are required");
    }
    if (end.getNano() != 0) {
      throw new IllegalArgumentException(
          "TimeRange end " + end + " has a fraction of a second; whole seconds are required");
    }
  }

  /**
   * Obtains a range; {@code end <= start} means the range ends on the next day.
   *
   * @param start the local start time, whole seconds
   * @param end the local end time, whole seconds ({@code MIDNIGHT} for 24:00)
   * @return the range
   * @throws IllegalArgumentException if a time has a fraction of a second
   */
  public static TimeRange of(LocalTime start, LocalTime end) {
    return new TimeRange(start, end);
  }

  /**
   * Parses {@code HH:mm[:ss]-HH:mm[:ss]}, for example {@code 09:00-13:00}, {@code 22:00-06:00} or
   * {@code 18:00-24:00}. {@code 24:00} is accepted only as an end. Spaces around the times are
   * allowed ({@code 09:00 - 13:00}); any other character, a tab, a line break or a control
   * character included, is refused.
   *
   * @param text the text to parse
   * @return the range
   * @throws IllegalArgumentException naming the text and the rule if it is malformed
   */
  public static TimeRange parse(CharSequence text) {
    Objects.requireNonNull(text, "text");
    String s = spacesStripped(text.toString());
    String[] parts = s.split("-", -1);
    if (parts.length != 2) {
      throw malformed(s, FORMAT);
    }
    return of(
        parseTime(s, spacesStripped(parts[0]), false),
        parseTime(s, spacesStripped(parts[1]), true));
  }

  /**
   * {@code s} without its leading and trailing spaces (U+0020 only: {@link String#trim} also took
   * away control characters, so a NUL or a line break around a time was silently accepted).
   */
  private static String spacesStripped(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) == ' ') {
      from++;
    }
    while (to > from && s.charAt(to - 1) == ' ') {
      to--;
    }
    return s.substring(from, to);
  }

  private static LocalTime parseTime(String whole, String t, boolean isEnd) {
    int len = t.length();
    if ((len != 5 && len != 8) || t.charAt(2) != ':' || (len == 8 && t.charAt(5) != ':')) {
      throw malformed(whole, FORMAT);
    }
    int h = twoDigits(whole, t, 0);
    int m = twoDigits(whole, t, 3);
    int sec = len == 8 ? twoDigits(whole, t, 6) : 0;
    if (h == 24 && m == 0 && sec == 0) {
      if (!isEnd) {
        throw malformed(whole, "24:00 is only allowed as an end");
      }
      return LocalTime.MIDNIGHT;
    }
    if (h > 23 || m > 59 || sec > 59) {
      throw malformed(whole, "'" + JsonInput.excerpt(t) + "' is not a time of day");
    }
    return LocalTime.of(h, m, sec);
  }

  private static int twoDigits(String whole, String t, int at) {
    char a = t.charAt(at);
    char b = t.charAt(at + 1);
    if (a < '0' || a > '9' || b < '0' || b > '9') {
      throw malformed(whole, FORMAT);
    }
    return (a - '0') * 10 + (b - '0');
  }

  /**
   * The rule a malformed range breaks, with an example: a one-digit hour ({@code 9:00}) and an en
   * dash pasted from a document ({@code 09:00–17:00}) are the usual slips.
   */
  private static final String FORMAT =
      "expected HH:mm[:ss]-HH:mm[:ss], two digits each and a hyphen, such as 09:00-17:30";

  private static IllegalArgumentException malformed(String text, String rule) {
    return new IllegalArgumentException(
        "TimeRange '" + JsonInput.excerpt(text) + "' is not valid: " + rule);
  }

  /**
   * The start as seconds after the local midnight of the range's date, in {@code [0, 86400)}.
   *
   * @return the start second
   */
  public int startSecond() {
    return start.toSecondOfDay();
  }

  /**
   * The end as seconds after the local midnight of the range's date, in {@code (startSecond,
   * startSecond + 86400]}; above 86400 when the range ends on the next day.
   *
   * @return the end second
   */
  public int endSecond() {
    int s = start.toSecondOfDay();
    int e = end.toSecondOfDay();
    return e <= s ? e + DAY : e;
  }

  /**
   * The nominal length in local time (ignoring daylight-saving shifts), between 1 second and 24
   * hours.
   *
   * @return the nominal length
   */
  public Duration length() {
    return Duration.ofSeconds(endSecond() - startSecond());
  }

  /**
   * Whether this range and another, both on the same date, share a local second.
   *
   * @param other the other range
   * @return true if they overlap
   */
  public boolean overlaps(TimeRange other) {
    return startSecond() < other.endSecond() && other.startSecond() < endSecond();
  }

  /** Orders by start, then by end. */
  @Override
  public int compareTo(TimeRange o) {
    int c = Integer.compare(startSecond(), o.startSecond());
    return c != 0 ? c : Integer.compare(endSecond(), o.endSecond());
  }

  /**
   * The text form read by {@link #parse(CharSequence)}, for example {@code 22:00-06:00} or {@code
   * 18:00-24:00}.
   */
  @Override
  public String toString() {
    String e = end.equals(LocalTime.MIDNIGHT) ? "24:00" : format(end);
    return format(start) + "-" + e;
  }

  private static String format(LocalTime t) {
    StringBuilder b = new StringBuilder(8);
    pad(b, t.getHour()).append(':');
    pad(b, t.getMinute());
    if (t.getSecond() != 0) {
      pad(b.append(':'), t.getSecond());
    }
    return b.toString();
  }

  private static StringBuilder pad(StringBuilder b, int v) {
    return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }
}
