package dev.servicekit.integrations.flink.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Strings of any length in serialized records and state. {@link DataOutput#writeUTF} refuses a
 * string of more than 65,535 bytes in modified UTF-8, which failed a job on a long group or id;
 * here a string is its length in chars ({@code int}), then chunks of at most {@value #CHUNK} chars,
 * each in {@code writeUTF}'s form (at most 3 bytes a char, so never over its limit). Modified UTF-8
 * codes each char alone, so every string round-trips exactly, unpaired surrogates and {@code \0}
 * included, even when a chunk boundary splits a surrogate pair.
 *
 * <p>Reading is bounded: the text grows only by chunks actually read, each of which must decode to
 * exactly the chars its place requires, so a corrupted length fails on its first chunk with an
 * {@link IOException} instead of allocating for the length it claims.
 */
final class Strings {

  /** The most chars in one chunk: {@code 65_535 / 3}, so a chunk always fits {@code writeUTF}. */
  static final int CHUNK = 21_845;

  private Strings() {}

  static void write(String s, DataOutput out) throws IOException {
    int n = s.length();
    out.writeInt(n);
    for (int i = 0; i < n; i += CHUNK) {
      out.writeUTF(s.substring(i, Math.min(n, i + CHUNK))); // the whole string: no copy
    }
  }

  /**
   * Reads a string written by {@link #write}.
   *
   * @param field what the string is, for the message
   * @throws IOException if the length is negative, a chunk does not match it, or the input ends
   */
  static String read(DataInput in, String field) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException(
          field + " length must be zero or more chars, was " + n + " (corrupted)");
    }
    if (n <= CHUNK) {
      return n == 0 ? "" : chunk(in, field, n, n);
    }
    StringBuilder b = new StringBuilder(2 * CHUNK);
    for (int left = n; left > 0; left -= CHUNK) {
      b.append(chunk(in, field, n, Math.min(CHUNK, left)));
    }
    return b.toString();
  }

  private static String chunk(DataInput in, String field, int n, int expected) throws IOException {
    String c = in.readUTF();
    if (c.length() != expected) {
      throw new IOException(
          field
              + " of "
              + n
              + " chars must continue with a chunk of "
              + expected
              + " chars, was "
              + c.length()
              + " (corrupted length or data)");
    }
    return c;
  }

  /** The most chars of a value quoted in a message. */
  static final int EXCERPT = 60;

  /**
   * A value quoted for a message: its first {@value #EXCERPT} chars in double quotes (controls,
   * quotes, backslashes and surrogates escaped as a backslash, {@code u} and four hex digits), then
   * {@code "... (N chars)"} if cut: one printable line of at most {@code 6 * EXCERPT + 30} chars.
   */
  static String excerpt(String s) {
    int n = Math.min(s.length(), EXCERPT);
    StringBuilder b = new StringBuilder(n + 32).append('"');
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) // C0 and C1
          || c == '"'
          || c == '\\'
          || c == 0x2028
          || c == 0x2029
          || (c >= 0x202a && c <= 0x202e) // bidi controls: they reorder the text shown after them
          || (c >= 0x2066 && c <= 0x2069)
          || c == 0x200e
          || c == 0x200f
          || c == 0x061c
          || Character.isSurrogate(c)) {
        b.append(String.format("\\u%04x", (int) c));
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
