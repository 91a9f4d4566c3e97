package dev.servicekit.qa.internal;

import java.util.Objects;

/**
 * The rule for every identifier of qa-core (checklist, section, criterion and option ids): not
 * blank (nor made only of spaces of any kind and invisible format characters), at most {@link
 * #MAX_LENGTH} characters, no control characters, line or paragraph separators and no unpaired
 * surrogate, so that an id can be stored, logged and written back as JSON unchanged. Stateless and
 * thread-safe.
 */
public final class Ids {
  /** Longest accepted id, in UTF-16 chars. */
  public static final int MAX_LENGTH = 128;

  private Ids() {}

  /**
   * Returns {@code id} if it follows the rule.
   *
   * @param id the id
   * @param what names the id in the message, e.g. {@code "criterion id"}
   * @return {@code id}
   * @throws IllegalArgumentException naming {@code what}, an excerpt of the id and the rule
   */
  public static String require(String id, String what) {
    Objects.requireNonNull(id, what);
    requireVisible(id, what);
    if (id.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          what + " " + show(id) + " must have at most " + MAX_LENGTH + " characters");
    }
    requirePrintable(id, what);
    return id;
  }

  /**
   * Returns {@code text} if it follows the rule for display text of qa-core (checklist, section and
   * criterion names, score band actions): the id rule without its length bound. Not blank, no
   * control characters (tab and line feed included), no line or paragraph separators, no unpaired
   * surrogate, so that the text reads back from {@code ChecklistJson.write} unchanged and prints on
   * one line.
   *
   * @param text the text
   * @param what names the text in the message, e.g. {@code "section 'opening' name"}
   * @return {@code text}
   * @throws IllegalArgumentException naming {@code what}, an escaped excerpt of the text and the
   *     rule
   */
  public static String requireText(String text, String what) {
    Objects.requireNonNull(text, what);
    requireVisible(text, what);
    requirePrintable(text, what);
    return text;
  }

  /**
   * Returns {@code text} if it prints on one line and reads back through UTF-8: no control
   * characters (tab and line feed included), no line or paragraph separators and no unpaired
   * surrogate; it may be empty or blank (a score band's action).
   *
   * @param text the text
   * @param what names the text in the message, e.g. {@code "bands[1].action"}
   * @return {@code text}
   * @throws IllegalArgumentException naming {@code what}, an escaped excerpt of the text and the
   *     rule
   */
  public static String requireLine(String text, String what) {
    Objects.requireNonNull(text, what);
    requirePrintable(text, what);
    return text;
  }

  /**
   * Whether {@code s} shows nothing: every code point is whitespace, a space separator or an
   * invisible format character (the blank of the id rule, which texts share).
   *
   * @param s a text
   * @return whether it is blank
   */
  public static boolean blank(String s) {
    return s.codePoints().allMatch(Ids::invisible);
  }

  private static void requireVisible(String s, String what) {
    if (blank(s)) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
  }

  /**
   * The index of the first unpaired surrogate of {@code s} (text UTF-8 cannot encode), or -1.
   *
   * @param s the text
   * @return the index, or -1 if {@code s} is well-formed UTF-16
   */
  public static int unpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static void requirePrintable(String s, String what) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean pair =
          Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1));
      if (pair) {
        i++; // a well-formed pair: skip its low half
      } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            what
                + " "
                + show(s)
                + " must not contain control characters or unpaired surrogates, found one at index "
                + i);
      } else if (c == '\u2028' || c == '\u2029') {
        throw new IllegalArgumentException(
            what
                + " "
                + show(s)
                + " must not contain line or paragraph separators, found one at index "
                + i);
      }
    }
  }

  /**
   * Whether a code point shows nothing: whitespace, any space separator (no-break spaces included)
   * or an invisible format character (zero-width space, byte order mark). An id made only of these
   * is blank.
   */
  private static boolean invisible(int cp) {
    return Character.isWhitespace(cp)
        || Character.isSpaceChar(cp)
        || Character.getType(cp) == Character.FORMAT;
  }

  /**
   * {@code s} quoted for a message: at most {@link JsonInput#MAX_EXCERPT} characters, control
   * characters and surrogates written as {@code \\uXXXX}, a longer value cut with an ellipsis and
   * its length.
   *
   * @param s the value
   * @return the quoted excerpt
   */
  public static String show(String s) {
    return Excerpts.quote(s);
  }
}
