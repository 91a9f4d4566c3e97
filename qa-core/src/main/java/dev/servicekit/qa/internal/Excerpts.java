package dev.servicekit.qa.internal;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;

/**
 * The one way qa-core quotes a caller's value in an error message: bounded, whatever the value's
 * size, so a message is never longer than a few hundred characters.
 *
 * <p>Thread-safe; stateless.
 */
public final class Excerpts {

  /** Longest excerpt of a value in an error message, in characters. */
  public static final int MAX_EXCERPT = 80;

  /**
   * Largest decimal exponent of a number accepted by the Java API, as by the JSON readers ({@link
   * JsonInput#MAX_EXPONENT}): {@code |v| < 10^MAX_EXPONENT} with at most {@code MAX_EXPONENT}
   * decimals.
   */
  public static final int MAX_EXPONENT = JsonInput.MAX_EXPONENT;

  /** Unscaled values longer than this many bits are refused before anything else is computed. */
  private static final int MAX_UNSCALED_BITS = 400;

  private Excerpts() {}

  /**
   * {@code s} quoted: at most {@link #MAX_EXCERPT} characters written, control characters and
   * surrogates written as {@code \\uXXXX} (six each), a longer value cut with an ellipsis and its
   * length, e.g. {@code 'mmmm…(1000000 chars)'}.
   *
   * @param s the value
   * @return the quoted excerpt
   */
  public static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("'");
    int i = 0;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean escape =
          Character.isISOControl(c)
              || c == 0x2028
              || c == 0x2029
              || bidi(c)
              || Character.isSurrogate(c);
      // at most MAX_EXCERPT characters written, escapes counted as written (six each): 80
      // escaped characters were 480 and made a message past every bound
      if (b.length() - 1 + (escape ? 6 : 1) > MAX_EXCERPT) {
        break;
      }
      if (escape) {
        b.append(String.format("\\u%04X", (int) c));
      } else {
        b.append(c);
      }
    }
    b.append('\'');
    if (i < s.length()) {
      b.append("…(").append(s.length()).append(" chars)");
    }
    return b.toString();
  }

  /**
   * {@code s} itself (escaped, see {@link #printable}) if it prints in at most {@link #MAX_EXCERPT}
   * characters, else its start, an ellipsis and its length, e.g. {@code mmmm…(1000000 chars)};
   * unquoted, for values a message quotes itself.
   *
   * @param s the value
   * @return the excerpt
   */
  public static String cut(String s) {
    return cut(s, MAX_EXCERPT);
  }

  /**
   * {@code s} cut to {@code max} printed characters like {@link #cut(String)}.
   *
   * @param s the value
   * @param max the longest excerpt
   * @return the excerpt
   */
  public static String cut(String s, int max) {
    if (s == null) {
      return null;
    }
    // at most max characters as printed: an escaped one takes six (cut by source characters, 80
    // escaped ones printed 480)
    int end = 0;
    for (int width = 0; end < s.length(); end++) {
      width += escaped(s, end) ? 6 : 1;
      if (width > max) {
        break;
      }
    }
    if (end == s.length()) {
      return printable(s);
    }
    if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--; // not half a pair, which would print as an escape
    }
    return printable(s.substring(0, end)) + "…(" + s.length() + " chars)";
  }

  /**
   * {@code s} with control characters, the line and paragraph separators and lone surrogates
   * written as {@code \\uXXXX}, so that a quoted value cannot break or forge a line of the log a
   * message ends up in.
   *
   * @param s the text
   * @return the printable text, {@code s} itself when nothing needs escaping
   */
  public static String printable(String s) {
    int i = 0;
    while (i < s.length() && !escaped(s, i)) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (escaped(s, i)) {
        b.append(String.format("\\u%04X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * Whether char {@code i} of {@code s} is written escaped: a control character, a line or
   * paragraph separator, or half of a surrogate pair without its other half (which a UTF-8 log
   * writes as {@code ?}).
   */
  private static boolean escaped(String s, int i) {
    char c = s.charAt(i);
    if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || bidi(c)) {
      return true;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
  }

  /**
   * Values cut by {@link #cut(String)} in brackets, as many as fit in about {@link #MAX_EXCERPT}
   * characters, then the count of the rest, e.g. {@code [a, b, …(998 more)]}.
   *
   * @param values the values, in the order to show
   * @return the excerpt
   */
  public static String list(Collection<String> values) {
    StringBuilder b = new StringBuilder("[");
    Iterator<String> it = values.iterator();
    int shown = 0;
    while (it.hasNext()) {
      String q = cut(it.next());
      if (shown > 0 && b.length() + q.length() > MAX_EXCERPT) {
        b.append(", …(").append(values.size() - shown).append(" more)");
        break;
      }
      b.append(shown > 0 ? ", " : "").append(q);
      shown++;
    }
    return b.append(']').toString();
  }

  /**
   * A number for a message: its {@link BigDecimal#toString()} (scientific notation for large
   * exponents, so {@code 1E+100000000} stays short), cut like {@link #quote(String)} when it has
   * more digits than an excerpt holds.
   *
   * @param v the number
   * @return the excerpt
   */
  public static String number(BigDecimal v) {
    if (v.unscaledValue().bitLength() > MAX_UNSCALED_BITS) {
      return "a number of about "
          + (long) Math.ceil(v.unscaledValue().bitLength() * Math.log10(2))
          + " digits (scale "
          + v.scale()
          + ")";
    }
    return cut(v.toString());
  }

  /**
   * Refuses a number whose size alone would make arithmetic, formatting or storage expensive:
   * {@code |v|} must be below {@code 10^}{@value #MAX_EXPONENT} with at most {@value #MAX_EXPONENT}
   * decimals, checked in {@code O(1)} before any conversion.
   *
   * @param v the number
   * @param field names the value in the message, e.g. {@code "weight"}
   * @param owner what the value belongs to, e.g. {@code "criterion 'greet'"}, or null
   * @return {@code v}
   * @throws IllegalArgumentException naming the field, the rule and an excerpt of the value, e.g.
   *     {@code weight 1E+100000000 of criterion 'greet' is out of range: ...}
   */
  public static BigDecimal requireBounded(BigDecimal v, String field, String owner) {
    boolean ok =
        v.unscaledValue().bitLength() <= MAX_UNSCALED_BITS
            && v.scale() <= MAX_EXPONENT
            && (v.signum() == 0 || (long) v.precision() - v.scale() <= MAX_EXPONENT);
    if (!ok) {
      throw new IllegalArgumentException(
          field
              + " "
              + number(v)
              + (owner == null ? "" : " of " + owner)
              + " is out of range: magnitude below 10^"
              + MAX_EXPONENT
              + " and at most "
              + MAX_EXPONENT
              + " decimals");
    }
    return v;
  }

  /**
   * Whether {@code c} is a bidirectional control (U+061C, U+200E, U+200F, U+202A-U+202E,
   * U+2066-U+2069): quoted raw, it would reorder how the rest of a log line is shown, so messages
   * write it as an escape.
   */
  static boolean bidi(char c) {
    return (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200e
        || c == 0x200f
        || c == 0x061c;
  }
}
