package dev.servicekit.integrations.flink.internal;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.core.memory.DataInputView;

/** Length-prefixed byte arrays in serialized state. */
final class Bytes {

  /** The largest record accepted (64 MiB): a corrupted length fails fast instead of allocating. */
  static final int MAX = 64 << 20;

  /** The most bytes allocated before any is read: a record up to this size is read at once. */
  static final int FIRST = 64 << 10;

  private Bytes() {}

  /**
   * Reads a length-prefixed byte array. Memory grows with the bytes actually read (at most twice
   * them, plus {@value #FIRST}), so a corrupted length below {@link #MAX} fails at the end of the
   * input instead of allocating what it claims.
   *
   * @param field what the bytes are, for the message
   * @throws IOException if the length is negative or over {@link #MAX}, or the input ends first
   */
  static byte[] read(DataInputView source, String field) throws IOException {
    try {
      int n = source.readInt();
      if (n < 0 || n > MAX) {
        throw new IOException(field + " length must be in [0, " + MAX + "] bytes, was " + n);
      }
      byte[] b = new byte[Math.min(n, FIRST)];
      source.readFully(b);
      while (b.length < n) {
        int read = b.length;
        b = Arrays.copyOf(b, (int) Math.min(n, 2L * read));
        source.readFully(b, read, b.length - read);
      }
      return b;
    } catch (EOFException e) {
      throw Fields.truncated(field, e);
    }
  }
}
