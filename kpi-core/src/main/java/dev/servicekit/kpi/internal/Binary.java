package dev.servicekit.kpi.internal;

import java.util.Arrays;

/**
 * Compact binary encoding helpers: zig-zag variable-length longs (1 byte for small counts) and
 * length-prefixed byte blocks. Not API.
 */
public final class Binary {

  private Binary() {}

  /** A growing byte buffer. Not thread-safe. */
  public static final class Writer {
    private byte[] buf = new byte[32];
    private int len;

    /**
     * Appends one byte.
     *
     * @param b the byte
     * @return this writer
     */
    public Writer writeByte(int b) {
      ensure(1);
      buf[len++] = (byte) b;
      return this;
    }

    /**
     * Appends a zig-zag varint.
     *
     * @param value the value
     * @return this writer
     */
    public Writer writeLong(long value) {
      long v = (value << 1) ^ (value >> 63);
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[len++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[len++] = (byte) v;
      return this;
    }

    /**
     * Appends a double as its IEEE bits.
     *
     * @param value the value
     * @return this writer
     */
    public Writer writeDouble(double value) {
      long bits = Double.doubleToRawLongBits(value);
      ensure(8);
      for (int i = 0; i < 8; i++) {
        buf[len++] = (byte) (bits >>> (8 * i));
      }
      return this;
    }

    /**
     * Appends a length-prefixed block.
     *
     * @param bytes the block
     * @return this writer
     */
    public Writer writeBlock(byte[] bytes) {
      writeLong(bytes.length);
      ensure(bytes.length);
      System.arraycopy(bytes, 0, buf, len, bytes.length);
      len += bytes.length;
      return this;
    }

    /**
     * Appends a UTF-8 string block.
     *
     * @param s the string
     * @return this writer
     */
    public Writer writeString(String s) {
      // never the encoder's silent '?' for an unpaired surrogate: the text would change
      return writeBlock(Utf16.require(s, "text").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Returns the written bytes.
     *
     * @return a trimmed copy
     */
    public byte[] toByteArray() {
      return Arrays.copyOf(buf, len);
    }

    private void ensure(int n) {
      if (len + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
      }
    }
  }

  /** A bounds-checked reader; malformed input raises {@link IllegalArgumentException}. */
  public static final class Reader {
    private final byte[] buf;
    private final int end;
    private int pos;

    /**
     * Reads from {@code buf}.
     *
     * @param buf the bytes
     */
    public Reader(byte[] buf) {
      this(buf, 0, buf.length);
    }

    /**
     * Reads {@code buf[from..to)}.
     *
     * @param buf the bytes
     * @param from the first byte to read
     * @param to the end of the readable range
     */
    public Reader(byte[] buf, int from, int to) {
      this.buf = buf;
      this.pos = from;
      this.end = to;
    }

    /**
     * Reads one unsigned byte.
     *
     * @param field the field name for error messages
     * @return the byte, 0..255
     */
    public int readByte(String field) {
      if (pos >= end) {
        throw truncated(field);
      }
      return buf[pos++] & 0xFF;
    }

    /**
     * Reads a zig-zag varint.
     *
     * @param field the field name for error messages
     * @return the value
     */
    public long readLong(String field) {
      long v = 0;
      for (int shift = 0; shift < 70; shift += 7) {
        int b = readByte(field);
        if (shift == 63 && (b & 0x7E) != 0) {
          // the tenth byte holds bit 63 only: more bits would be dropped, a value past 64 bits
          throw new IllegalArgumentException(
              "snapshot field " + field + " is a varint past 64 bits (tenth byte " + b + ")");
        }
        v |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return (v >>> 1) ^ -(v & 1);
        }
      }
      throw new IllegalArgumentException(
          "snapshot field " + field + " is not a valid varint (more than 10 bytes)");
    }

    /**
     * Reads a non-negative varint.
     *
     * @param field the field name for error messages
     * @return the value, {@code >= 0}
     */
    public long readCount(String field) {
      long v = readLong(field);
      if (v < 0) {
        throw new IllegalArgumentException(
            "snapshot field " + field + " is " + v + " but must be >= 0");
      }
      return v;
    }

    /**
     * Reads a double.
     *
     * @param field the field name for error messages
     * @return the value
     */
    public double readDouble(String field) {
      long bits = 0;
      for (int i = 0; i < 8; i++) {
        bits |= (long) readByte(field) << (8 * i);
      }
      return Double.longBitsToDouble(bits);
    }

    /**
     * Reads a length-prefixed block.
     *
     * @param field the field name for error messages
     * @return the block
     */
    public byte[] readBlock(String field) {
      long n = readCount(field + ".length");
      if (n > end - pos) {
        throw truncated(field);
      }
      byte[] out = Arrays.copyOfRange(buf, pos, pos + (int) n);
      pos += (int) n;
      return out;
    }

    /**
     * Reads a UTF-8 string block, refusing bytes that are not well-formed UTF-8 (a lenient decode
     * would read them as U+FFFD: another text than the one written, e.g. another group key).
     *
     * @param field the field name for error messages
     * @return the string
     * @throws IllegalArgumentException if the block is not well-formed UTF-8
     */
    public String readString(String field) {
      int at = pos;
      byte[] block = readBlock(field);
      try {
        return java.nio.charset.StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
            .decode(java.nio.ByteBuffer.wrap(block))
            .toString();
      } catch (java.nio.charset.CharacterCodingException e) {
        throw new IllegalArgumentException(
            "snapshot field " + field + " at byte " + at + " is not valid UTF-8");
      }
    }

    /**
     * Tells whether bytes remain to be read.
     *
     * @return {@code true} before the end
     */
    public boolean hasMore() {
      return pos < end;
    }

    /** Fails if bytes remain. */
    public void expectEnd() {
      if (pos != end) {
        throw new IllegalArgumentException(
            "snapshot has " + (end - pos) + " trailing bytes after the last field");
      }
    }

    private IllegalArgumentException truncated(String field) {
      return new IllegalArgumentException(
          "snapshot is truncated at byte " + pos + " while reading field " + field);
    }
  }
}
