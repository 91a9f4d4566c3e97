package dev.servicekit.integrations.flink.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.time.Instant;

/**
 * Fields of serialized records read strictly: an instant whose parts are out of range, or input
 * that ends inside a field, fails with an {@link IOException} naming the field ({@code
 * "SlaTransition.at"}), so a corrupted record in state or on the wire never becomes another value
 * or a runtime exception of the JDK.
 */
final class Fields {

  private static final long MIN_SECOND = Instant.MIN.getEpochSecond();
  private static final long MAX_SECOND = Instant.MAX.getEpochSecond();
  private static final int MAX_NANO = 999_999_999;

  private Fields() {}

  /** Writes an instant: its epoch second ({@code long}), then its nano of second ({@code int}). */
  static void writeInstant(Instant t, DataOutput out) throws IOException {
    out.writeLong(t.getEpochSecond());
    out.writeInt(t.getNano());
  }

  /**
   * Reads an instant written by {@link #writeInstant}.
   *
   * @param field what the instant is, for the message
   * @throws IOException if the second is outside {@link Instant}'s range or the nano outside [0,
   *     999,999,999] ({@link #writeInstant} writes neither), or the input ends
   */
  static Instant readInstant(DataInput in, String field) throws IOException {
    return instant(in.readLong(), in.readInt(), field);
  }

  /**
   * An instant from its epoch second and nano of second, as {@link #readInstant} reads them.
   *
   * @param field what the instant is, for the message
   * @throws IOException if the second is outside {@link Instant}'s range or the nano outside [0,
   *     999,999,999]
   */
  static Instant instant(long second, int nano, String field) throws IOException {
    if (second < MIN_SECOND || second > MAX_SECOND) {
      throw new IOException(
          field
              + " epoch second must be in ["
              + MIN_SECOND
              + ", "
              + MAX_SECOND
              + "], was "
              + second
              + " (corrupted)");
    }
    if (nano < 0 || nano > MAX_NANO) {
      throw new IOException(
          field + " nano must be in [0, " + MAX_NANO + "], was " + nano + " (corrupted)");
    }
    return Instant.ofEpochSecond(second, nano);
  }

  /**
   * The exception for input that ends inside {@code field}: Flink's input views throw an {@link
   * EOFException} without a message.
   *
   * @param field the field being read when the input ended
   * @param cause the input view's exception, or one of these already naming an inner field
   * @return an {@link EOFException} naming the field, caused by {@code cause}; {@code cause} itself
   *     if it already names a field (the innermost name is the most precise)
   */
  static EOFException truncated(String field, EOFException cause) {
    return cause instanceof Truncated ? cause : new Truncated(field, cause);
  }

  /** Input that ended inside a named field. */
  private static final class Truncated extends EOFException {
    private static final long serialVersionUID = 1L;

    Truncated(String field, EOFException cause) {
      super("input ends inside " + field + " (truncated or corrupted)");
      initCause(cause);
    }
  }
}
