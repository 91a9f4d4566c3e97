package dev.servicekit.sla.internal;

/**
 * Bounded quotations of user-supplied strings for exception messages, so that a 5 MB value never
 * ends up in a message: at most {@value #MAX_CHARS} characters, then an ellipsis and the full
 * length, e.g. {@code 'xxxx…' (5000000 chars)}.
 */
public final class Excerpt {

  /** Characters of a value quoted in a message before it is cut. */
  public static final int MAX_CHARS = 40;

  private Excerpt() {}

  /**
   * Returns {@code s} in single quotes, cut to {@value #MAX_CHARS} characters with its length when
   * longer; {@code null} for null.
   *
   * @param s the value, or null
   * @return the quoted, bounded excerpt
   */
  public static String of(String s) {
    if (s == null) {
      return "null";
    }
    if (s.length() <= MAX_CHARS) {
      return "'" + s + "'";
    }
    int cut = MAX_CHARS;
    if (Character.isHighSurrogate(s.charAt(cut - 1))) {
      cut--;
    }
    return "'" + s.substring(0, cut) + "…' (" + s.length() + " chars)";
  }

  /**
   * Checks that {@code value} has between 1 and {@code max} characters.
   *
   * @param value the value, not null
   * @param field the field, for the message
   * @param max the most characters allowed
   * @return {@code value}
   * @throws IllegalArgumentException naming the field, an excerpt and the bound otherwise
   */
  public static String requireLength(String value, String field, int max) {
    if (value.isEmpty() || value.length() > max) {
      throw new IllegalArgumentException(
          field + " " + of(value) + " must have between 1 and " + max + " characters");
    }
    return value;
  }
}
