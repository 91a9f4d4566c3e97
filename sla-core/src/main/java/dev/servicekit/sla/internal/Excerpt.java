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

  /** The most characters of a collection {@link #list} renders before it counts the rest. */
  public static final int MAX_LIST_CHARS = 120;

  /**
   * Returns {@code values} as {@link java.util.AbstractCollection#toString} renders them ({@code
   * [new, open, solved]}), bounded for a message: each element excerpted as {@link
   * JsonInput#excerpt(String)} does, and after about {@value #MAX_LIST_CHARS} characters the number
   * of the rest instead of them ({@code [t0, t1, t2, …(1997 more)]}, as qa-core's messages list).
   * {@code O(shown elements)}.
   *
   * @param values the values (their {@code toString()})
   * @return the bounded rendering
   */
  public static String list(java.util.Collection<?> values) {
    StringBuilder b = new StringBuilder("[");
    int shown = 0;
    for (Object v : values) {
      if (b.length() > MAX_LIST_CHARS) {
        return b.append(", …(").append(values.size() - shown).append(" more)]").toString();
      }
      if (shown++ > 0) {
        b.append(", ");
      }
      b.append(JsonInput.excerpt(String.valueOf(v)));
    }
    return b.append(']').toString();
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

  /**
   * Checks an identifier (a ticket, event or calendar id) after its length: not blank (not made
   * only of whitespace, space separators and invisible format characters), no control character, no
   * line or paragraph separator ({@code \u2028}, {@code \u2029}) and no lone surrogate, so that an
   * id can be stored, logged and written back as JSON unchanged and cannot break or forge a log
   * line that quotes it.
   *
   * @param value the value, not null
   * @param field the field, for the message
   * @return {@code value}
   * @throws IllegalArgumentException naming the field, an escaped excerpt and the rule otherwise
   */
  public static String requireId(String value, String field) {
    // One pass (it runs for every event built): whether any code point shows, and the first
    // control character or separator; a lone surrogate is found by requireWellFormed, and the
    // rules are reported in the order blank, lone surrogate, control character.
    boolean shows = false;
    int control = -1;
    boolean ascii = true; // printable ASCII and spaces: no surrogate, decided without lookups
    for (int i = 0; i < value.length(); ) {
      char c = value.charAt(i);
      if (c >= 0x20 && c < 0x7F) {
        shows |= c != ' ';
        i++;
        continue;
      }
      ascii = false;
      int cp = value.codePointAt(i);
      shows |=
          !(Character.isWhitespace(cp)
              || Character.isSpaceChar(cp)
              || Character.getType(cp) == Character.FORMAT);
      if (control < 0 && (Character.isISOControl(cp) || cp == '\u2028' || cp == '\u2029')) {
        control = i;
      }
      i += Character.charCount(cp);
    }
    if (!shows) {
      throw new IllegalArgumentException(field + " " + blank(value) + " must not be blank");
    }
    if (!ascii) {
      requireWellFormed(value, field);
    }
    if (control >= 0) {
      throw new IllegalArgumentException(
          field
              + " "
              + of(value)
              + " must not contain control characters or line or paragraph separators, found one"
              + " at index "
              + control);
    }
    return value;
  }

  /**
   * {@link #requireLength} to {@code max} characters, then {@link #requireId(String, String)}: the
   * whole rule of a ticket, event or calendar id.
   *
   * @param value the value, not null
   * @param field the field, for the message
   * @param max the most characters allowed
   * @return {@code value}
   * @throws IllegalArgumentException naming the field, an excerpt and the rule broken
   */
  public static String requireId(String value, String field, int max) {
    return requireId(requireLength(value, field, max), field);
  }

  /**
   * A blank value for a message: its characters as code points ({@code [U+0020 U+200B]}), since
   * quoting them would print nothing readable; at most 8, then the length.
   *
   * @param value the blank value, not null
   * @return the description
   */
  public static String blank(String value) {
    if (value.isEmpty()) {
      return "''";
    }
    StringBuilder b = new StringBuilder("[");
    int[] cps = value.codePoints().limit(8).toArray();
    for (int k = 0; k < cps.length; k++) {
      b.append(k == 0 ? "" : " ").append(String.format("U+%04X", cps[k]));
    }
    long n = value.codePoints().count();
    return b.append(n > 8 ? " …(" + n + " code points)" : "").append(']').toString();
  }
}
