package dev.servicekit.kpi.internal;

/**
 * Well-formed UTF-16 for the text a snapshot stores as UTF-8 (keys, ids, names): an unpaired
 * surrogate has no UTF-8 form, and Java's encoder writes {@code '?'} for it, which would silently
 * change the text. Not API. Stateless and thread-safe.
 */
public final class Utf16 {

  private Utf16() {}

  /**
   * The index of the first unpaired surrogate of {@code s}, or -1. O(length).
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

  /**
   * Returns {@code s} if it is well-formed UTF-16.
   *
   * @param s the text
   * @param field names it in the message, e.g. {@code "group"}
   * @return {@code s}
   * @throws IllegalArgumentException naming the field, an escaped excerpt, the index and the rule
   */
  public static String require(String s, String field) {
    int bad = unpairedSurrogate(s);
    if (bad >= 0) {
      throw new IllegalArgumentException(problem(field, s, bad));
    }
    return s;
  }

  /**
   * The message for an unpaired surrogate at {@code index} of {@code s}.
   *
   * @param field what {@code s} is
   * @param s the text
   * @param index where the surrogate is
   * @return {@code <field> '<escaped excerpt>' has an unpaired surrogate at index i but must be
   *     well-formed UTF-16 (snapshots store it as UTF-8)}
   */
  public static String problem(String field, String s, int index) {
    return field
        + " '"
        + Excerpt.of(s)
        + "' has an unpaired surrogate at index "
        + index
        + " but must be well-formed UTF-16 (snapshots store it as UTF-8)";
  }
}
