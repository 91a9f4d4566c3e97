package dev.servicekit.integrations.flink.internal;

import java.util.Objects;

/** The rule for the operator uids and names the adapter's entry points accept. */
public final class OperatorIds {

  private static final int MAX_CHARS = 64;

  private OperatorIds() {}

  /**
   * Checks a uid or name: 1 to 64 ASCII letters, digits or {@code -}.
   *
   * @param field the parameter's name, for the message
   * @param value the value
   * @return the value
   * @throws IllegalArgumentException naming the field, the rule and a bounded, escaped excerpt
   */
  public static String check(String field, String value) {
    Objects.requireNonNull(value, field);
    boolean ok = !value.isEmpty() && value.length() <= MAX_CHARS;
    for (int i = 0; ok && i < value.length(); i++) {
      char c = value.charAt(i);
      ok = c == '-' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
    if (!ok) {
      throw new IllegalArgumentException(
          field + " must be 1-64 letters, digits or '-', was \"" + excerpt(value) + "\"");
    }
    return value;
  }

  /** The first 64 chars, each outside printable ASCII as a {@code \\uXXXX} escape. */
  private static String excerpt(String value) {
    StringBuilder b = new StringBuilder();
    int n = Math.min(MAX_CHARS, value.length());
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
        b.append(c);
      } else {
        b.append(String.format("\\u%04x", (int) c));
      }
    }
    if (value.length() > n) {
      b.append("... (").append(value.length()).append(" chars)");
    }
    return b.toString();
  }
}
