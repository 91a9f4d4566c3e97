package dev.servicekit.kpi.internal;

/**
 * The rule for text that names a group, key, customer, sample or action: not blank (empty, or only
 * whitespace, space separators such as the no-break space, and invisible format characters such as
 * the zero-width space), as qa-core and sla-core ids are, and well-formed UTF-16 ({@link Utf16}). A
 * blank key is what a CRM sends for a missing field; taken as a key it would pool every record that
 * lacks one into one group, one survey or one customer. Not API. Stateless and thread-safe.
 */
public final class KeyText {

  /** The rule, for messages. */
  public static final String RULE =
      "must not be blank (empty, or only spaces and invisible format characters)";

  private KeyText() {}

  /**
   * Whether {@code s} shows nothing: every code point is whitespace, a space separator or an
   * invisible format character. O(length).
   *
   * @param s the text
   * @return whether it is blank
   */
  public static boolean blank(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (!(Character.isWhitespace(cp)
          || Character.isSpaceChar(cp)
          || Character.getType(cp) == Character.FORMAT)) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  /**
   * Returns {@code s} if it is neither blank nor ill-formed UTF-16. O(length).
   *
   * @param s the text
   * @param field names it in the message, e.g. {@code "group"}
   * @return {@code s}
   * @throws IllegalArgumentException naming the field, an escaped excerpt and the rule, e.g. {@code
   *     group ' ' must not be blank (empty, or only spaces and invisible format characters)}
   */
  public static String require(String s, String field) {
    if (blank(s)) {
      throw new IllegalArgumentException(problem(field, s));
    }
    return Utf16.require(s, field);
  }

  /**
   * The message for a blank {@code s}.
   *
   * @param field what {@code s} is
   * @param s the text
   * @return {@code <field> '<escaped excerpt>' must not be blank (...)}
   */
  public static String problem(String field, String s) {
    return field + " '" + Excerpt.of(s) + "' " + RULE;
  }
}
