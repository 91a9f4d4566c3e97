package dev.servicekit.sla.internal;

import java.util.Objects;

/**
 * The rule of sla-core's customer-defined string keys (statuses, tiers, priorities, channels...).
 */
public final class KeyRule {

  private KeyRule() {}

  /**
   * Checks that {@code value} is a key: 1 to 64 characters, no lone surrogate, no control character
   * and no whitespace or Unicode space (no-break, narrow, figure, zero-width...) except single
   * spaces (U+0020) between other characters, so a CRM value such as {@code Waiting for customer}
   * is a key but {@code " hold"}, {@code "on hold"}, {@code "on\thold"} and {@code "on\u00A0hold"}
   * are not (a value pasted with a no-break space would otherwise silently never match). Nothing in
   * sla-core splits a key on spaces.
   *
   * @param value the value
   * @param field the field named by a refusal
   * @return {@code value}
   * @throws IllegalArgumentException naming the field, the rule and a bounded excerpt of the value
   */
  public static String requireKey(String value, String field) {
    Objects.requireNonNull(value, field);
    if (value.isEmpty() || value.length() > 64) {
      throw new IllegalArgumentException(
          field + " '" + JsonInput.excerpt(value) + "' must have between 1 and 64 characters");
    }
    int last = value.length() - 1;
    boolean ascii = true; // printable ASCII and spaces: no surrogate
    for (int i = 0; i <= last; i++) {
      char c = value.charAt(i);
      if (c > ' ' && c < 0x7F) {
        continue; // shows, and is neither whitespace nor a control character
      }
      if (c == ' ') {
        if (i == 0 || i == last || value.charAt(i - 1) == ' ') {
          throw new IllegalArgumentException(
              field
                  + " '"
                  + JsonInput.excerpt(value)
                  + "' must not begin or end with a space or contain two spaces in a row");
        }
      } else {
        ascii = false;
        if (Character.isWhitespace(c)
            || Character.isSpaceChar(c) // no-break and other Unicode spaces
            || Character.isISOControl(c)
            || c == '\u200B' // zero-width space
            || c == '\uFEFF') { // zero-width no-break space (byte order mark)
          throw new IllegalArgumentException(
              field
                  + " '"
                  + JsonInput.excerpt(value)
                  + "' must not contain whitespace other than single spaces, or control"
                  + " characters");
        }
      }
    }
    return ascii ? value : Excerpt.requireWellFormed(value, field);
  }
}
