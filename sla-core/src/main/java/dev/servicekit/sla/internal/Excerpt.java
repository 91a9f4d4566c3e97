package dev.servicekit.sla.internal;

/**
 * Bounded quotations of user-supplied strings for the value types' exception messages, so that a 5
 * MB value never ends up in a message: {@link JsonInput#excerpt(String)} in single quotes, e.g.
 * {@code 'xxxx…(5000000 chars)'}.
 */
public final class Excerpt {

  private Excerpt() {}

  /**
   * Returns {@code s} in single quotes, cut to {@link JsonInput#MAX_EXCERPT} characters with its
   * length when longer; {@code null} for null.
   *
   * @param s the value, or null
   * @return the quoted, bounded excerpt
   */
  public static String of(String s) {
    return s == null ? "null" : "'" + JsonInput.excerpt(s) + "'";
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

  /**
   * Checks that {@code value} is well-formed UTF-16: every surrogate is half of a pair. A lone
   * surrogate is not a character; UTF-8 (a binary checkpoint, a log line) would replace it with
   * {@code ?} and silently change the value.
   *
   * @param value the value, not null
   * @param field the field, for the message
   * @return {@code value}
   * @throws IllegalArgumentException naming the field, an excerpt and the index of the lone
   *     surrogate otherwise
   */
  public static String requireWellFormed(String value, String field) {
    int n = value.length();
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (!Character.isSurrogate(c)) {
        continue;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++; // a pair
        continue;
      }
      throw new IllegalArgumentException(
          field + " " + of(value) + " has a lone surrogate at index " + i + ": not a character");
    }
    return value;
  }
}
