package dev.servicekit.integrations.kafka.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding: {@code new String(b, UTF_8)} replaces a malformed sequence by U+FFFD, and
 * so reads an id or a key that was never written.
 */
public final class Utf8 {

  private Utf8() {}

  /**
   * {@code b} decoded as strict UTF-8.
   *
   * @param b the bytes
   * @param what what they are, for the message, e.g. {@code the record value}
   * @return the text
   * @throws IllegalArgumentException if {@code b} is not valid UTF-8, naming the first bad byte
   */
  public static String strict(byte[] b, String what) {
    ByteBuffer in = ByteBuffer.wrap(b);
    String text = decode(in, b.length);
    if (text == null) {
      throw new IllegalArgumentException(
          what + " is not valid UTF-8 (byte " + (in.position() + 1) + " of " + b.length + ")");
    }
    return text;
  }

  /** {@code b} decoded as strict UTF-8, or null if it is not valid UTF-8. */
  static String strictOrNull(byte[] b) {
    return decode(ByteBuffer.wrap(b), b.length);
  }

  /** The text of {@code in}, or null with {@code in} at the first malformed byte. */
  private static String decode(ByteBuffer in, int length) {
    CharBuffer out = CharBuffer.allocate(length);
    return decoder().decode(in, out, true).isError() ? null : out.flip().toString();
  }

  private static CharsetDecoder decoder() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }
}
