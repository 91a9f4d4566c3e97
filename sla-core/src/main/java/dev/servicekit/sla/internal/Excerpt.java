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
}
