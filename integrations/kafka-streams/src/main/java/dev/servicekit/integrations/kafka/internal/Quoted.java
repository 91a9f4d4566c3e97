package dev.servicekit.integrations.kafka.internal;

/**
 * A text value quoted for an error message, as Flink's adapter quotes it: at most its first 60
 * chars, with control chars, quotes, backslashes and surrogates escaped ({@code \u000a}), so the
 * message is one line of whole characters (a cut never leaves half a surrogate pair, which no UTF-8
 * reader of a dead-letter envelope could decode), then the full length if cut.
 */
final class Quoted {

  static final int EXCERPT = 60;

  private Quoted() {}

  static String excerpt(String s) {
    int n = Math.min(s.length(), EXCERPT);
    StringBuilder b = new StringBuilder(n + 32).append('"');
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c)
          || c == '"'
          || c == '\\'
          || (c >= 0x202a && c <= 0x202e) // bidi controls: they reorder the text shown after them
          || (c >= 0x2066 && c <= 0x2069)
          || c == 0x200e
          || c == 0x200f
          || c == 0x061c
          || c == 0x2028
          || c == 0x2029
          || Character.isSurrogate(c)) {
        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    b.append('"');
    if (n < s.length()) {
      b.append("... (").append(s.length()).append(" chars)");
    }
    return b.toString();
  }
}
