package dev.servicekit.kpi.internal;

/**
 * Bounded excerpts of bad values for error messages, so that a 10 MB field in a snapshot gives a
 * short message rather than a 10 MB one. Not API. Stateless and thread-safe.
 */
public final class Excerpt {

  /** The longest excerpt of a value, in characters, before the elision note. */
  public static final int MAX_VALUE_CHARS = 80;

  /** The longest message built around excerpts (e.g. a parser's own message). */
  public static final int MAX_MESSAGE_CHARS = 300;

  private Excerpt() {}

  /**
   * Returns {@code String.valueOf(value)}, cut to {@value #MAX_VALUE_CHARS} characters with a note
   * of the full length when longer; control characters, line and paragraph separators,
   * bidirectional controls and surrogates are escaped ({@link #escapes}).
   *
   * @param value any value
   * @return the excerpt
   */
  public static String of(Object value) {
    return cut(String.valueOf(value), MAX_VALUE_CHARS);
  }

  /**
   * Cuts a whole message (e.g. from a JSON parser) to {@value #MAX_MESSAGE_CHARS} characters.
   *
   * @param message a message
   * @return the bounded message
   */
  public static String message(String message) {
    return cut(String.valueOf(message), MAX_MESSAGE_CHARS);
  }

  private static String cut(String s, int max) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 32);
    int i = 0;
    for (; i < s.length() && b.length() < max; i++) {
      char c = s.charAt(i);
      if (escapes(c)) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (i < s.length()) {
      b.append("...(").append(s.length()).append(" chars)");
    }
    return b.toString();
  }

  /**
   * Whether {@code c} is a bidirectional control (U+061C, U+200E, U+200F, U+202A-U+202E,
   * U+2066-U+2069): quoted raw, it would reorder how the rest of a log line is shown, so messages
   * write it as an escape.
   */
  public static boolean bidi(char c) {
    return (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200e
        || c == 0x200f
        || c == 0x061c;
  }

  /**
   * Whether a message writes {@code c} as an escape: C0 and C1 controls and the line and paragraph
   * separators could break or forge a line of the log a message ends up in, a bidirectional control
   * could reorder it, and a surrogate could be unpaired.
   */
  public static boolean escapes(char c) {
    return Character.isISOControl(c)
        || c == 0x2028
        || c == 0x2029
        || bidi(c)
        || Character.isSurrogate(c);
  }
}
