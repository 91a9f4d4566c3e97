package dev.servicekit.sla.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The frame of servicekit's binary snapshots: {@code 'S' 'K'}, a kind byte, a version byte, the
 * payload, and the CRC32C of everything before it in the last four bytes (big-endian); plus LEB128
 * varints and length-prefixed UTF-8 strings for the payload. The reader checks length, checksum,
 * magic, kind and version before any payload is read, and bounds every length by the bytes left, so
 * a corrupted or hostile snapshot is rejected with an {@link IllegalArgumentException} and never
 * allocates more than its own size.
 */
public final class SnapshotBytes {

  /** The fixed bytes around the payload: 4 of header, 4 of checksum. */
  public static final int FRAME = 8;

  private SnapshotBytes() {}

  /** A rejected snapshot. */
  public static final class Corrupt extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Corrupt(String message) {
      super(message);
    }
  }

  /** Appends to a growing array. Not thread-safe. */
  public static final class Writer {
    private byte[] buf;
    private int n;

    /** A writer with room for {@code capacity} bytes before it grows. */
    public Writer(int capacity) {
      buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int more) {
      if (n + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
      }
    }

    /** Writes the magic, kind and version. */
    public void header(int kind, int version) {
      u8('S');
      u8('K');
      u8(kind);
      u8(version);
    }

    /** Sets the version byte of a header written before. */
    public void version(int version) {
      buf[3] = (byte) version;
    }

    /** Writes one byte. */
    public void u8(int b) {
      ensure(1);
      buf[n++] = (byte) b;
    }

    /** Writes a non-negative int as an unsigned LEB128 varint. */
    public void uvarint(int v) {
      if (v < 0) {
        throw new IllegalArgumentException("negative varint " + v);
      }
      uvarlong(v);
    }

    /** Writes a non-negative long as an unsigned LEB128 varint. */
    public void uvarlong(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[n++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[n++] = (byte) v;
    }

    /** Writes a long zig-zag encoded, so small negative values stay short. */
    public void svarlong(long v) {
      uvarlong((v << 1) ^ (v >> 63));
    }

    /** Writes a length-prefixed UTF-8 string. */
    public void string(String s) {
      int len = s.length();
      if (len < 0x80) { // ASCII, the usual case, is its own UTF-8: written without a copy
        ensure(1 + len);
        int start = n;
        buf[n++] = (byte) len;
        for (int i = 0; i < len; i++) {
          char c = s.charAt(i);
          if (c >= 0x80) {
            n = start;
            utf8(s);
            return;
          }
          buf[n++] = (byte) c;
        }
        return;
      }
      utf8(s);
    }

    private void utf8(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      uvarint(b.length);
      ensure(b.length);
      System.arraycopy(b, 0, buf, n, b.length);
      n += b.length;
    }

    /** Appends the checksum and returns the snapshot. */
    public byte[] finish() {
      CRC32C crc = new CRC32C();
      crc.update(buf, 0, n);
      int c = (int) crc.getValue();
      ensure(4);
      buf[n++] = (byte) (c >>> 24);
      buf[n++] = (byte) (c >>> 16);
      buf[n++] = (byte) (c >>> 8);
      buf[n++] = (byte) c;
      return Arrays.copyOf(buf, n);
    }

    /**
     * Returns the snapshot of this writer's bytes followed by {@code body}'s, with the checksum, in
     * one array of exactly that size: the bytes are copied once, nothing is encoded again. Both
     * writers are left as they are, so {@code body} can be appended to and framed again.
     *
     * @param body the rest of the payload
     * @return the snapshot
     */
    public byte[] finishWith(Writer body) {
      byte[] out = new byte[n + body.n + 4];
      System.arraycopy(buf, 0, out, 0, n);
      System.arraycopy(body.buf, 0, out, n, body.n);
      int len = n + body.n;
      CRC32C crc = new CRC32C();
      crc.update(out, 0, len);
      int c = (int) crc.getValue();
      out[len] = (byte) (c >>> 24);
      out[len + 1] = (byte) (c >>> 16);
      out[len + 2] = (byte) (c >>> 8);
      out[len + 3] = (byte) c;
      return out;
    }

    /** Returns the number of bytes written. */
    public int size() {
      return n;
    }

    /** Returns the capacity: the bytes this writer holds, written or not. */
    public int capacity() {
      return buf.length;
    }
  }

  /** Reads a checked snapshot's payload. Not thread-safe. */
  public static final class Reader {
    private final byte[] b;
    private final int end; // where the checksum starts
    private int pos;
    private String item; // what the reads belong to, for messages ("event"), or null
    private int itemIndex;

    private Reader(byte[] b) {
      this.b = b;
      this.end = b.length - 4;
      this.pos = 4;
    }

    /** Returns the version byte of the snapshot. */
    public int version() {
      return b[3] & 0xFF;
    }

    /**
     * Checks the frame of {@code b}: length, checksum, magic, kind and version, in that order.
     *
     * @param b the snapshot
     * @param kind the expected kind byte
     * @param kindName what that kind is, for messages ("an SLA clock")
     * @param version the version this reader reads
     * @return a reader positioned at the payload
     */
    public static Reader open(byte[] b, int kind, String kindName, int version) {
      return open(b, kind, kindName, version, version);
    }

    /**
     * Checks the frame of {@code b} like {@link #open(byte[], int, String, int)}, accepting any
     * version from {@code minVersion} to {@code maxVersion}; {@link #version()} tells which.
     *
     * @param b the snapshot
     * @param kind the expected kind byte
     * @param kindName what that kind is, for messages ("an SLA clock")
     * @param minVersion the oldest version this reader reads
     * @param maxVersion the newest version this reader reads
     * @return a reader positioned at the payload
     */
    public static Reader open(byte[] b, int kind, String kindName, int minVersion, int maxVersion) {
      if (b.length < FRAME) {
        throw new Corrupt(
            "snapshot is truncated: "
                + b.length
                + " bytes, a snapshot has at least "
                + FRAME
                + " (header and CRC32C)");
      }
      CRC32C crc = new CRC32C();
      crc.update(b, 0, b.length - 4);
      int t = b.length - 4;
      int stored =
          (b[t] & 0xFF) << 24
              | (b[t + 1] & 0xFF) << 16
              | (b[t + 2] & 0xFF) << 8
              | (b[t + 3] & 0xFF);
      if ((int) crc.getValue() != stored) {
        String text = textInsteadOfBinary(b);
        if (text != null) {
          throw new Corrupt(text);
        }
        throw new Corrupt(
            "snapshot is corrupted or truncated: its CRC32C is "
                + String.format("%08x", (int) crc.getValue())
                + ", the stored one "
                + String.format("%08x", stored)
                + " ("
                + b.length
                + " bytes)");
      }
      if (b[0] != 'S' || b[1] != 'K') {
        throw new Corrupt(
            String.format(
                "not a servicekit snapshot: it starts with 0x%02x%02x, expected 0x534b ('SK')",
                b[0], b[1]));
      }
      if (b[2] != kind) {
        throw new Corrupt(
            "expected "
                + kindName
                + " snapshot (kind "
                + kind
                + "), found kind "
                + (b[2] & 0xFF)
                + owner(b[2] & 0xFF));
      }
      int v = b[3] & 0xFF;
      if (v < minVersion || v > maxVersion) {
        throw new Corrupt(
            "snapshot version "
                + v
                + " is not supported: this reader reads version "
                + (minVersion == maxVersion ? "" + maxVersion : minVersion + " to " + maxVersion));
      }
      return new Reader(b);
    }

    /**
     * Whose snapshot kind {@code k} is, for messages: the three cores share the frame, each with
     * kinds of its own.
     */
    private static String owner(int k) {
      if (k == 'S') {
        return " (an sla-core SLA clock snapshot: SlaClockSnapshot.fromBytes)";
      }
      if (k == 0x31) {
        return " (a qa-core score aggregator snapshot: ScoreAggregator.fromBytes)";
      }
      if (k == 0x32) {
        return " (a qa-core score ledger snapshot: ScoreLedger.fromBytes)";
      }
      if (k == 0x33) {
        return " (a qa-core outcome shares snapshot: OutcomeShares.fromBytes)";
      }
      if (k <= 14 || k == 200) {
        return " (a kpi-core snapshot: KpiSnapshots.fromBytes)";
      }
      return "";
    }

    /** The exception for a payload that does not decode. */
    public Corrupt corrupt(String message) {
      return new Corrupt("snapshot is corrupted at byte " + pos + ": " + message);
    }

    /**
     * Names the item that the next reads belong to, such as event 3: their messages then read
     * "event 3 id ..." for the label "id". The name is built only for a message, so that reading an
     * item costs no string building. {@code null} names none.
     *
     * @param name the kind of item, or null
     * @param index its index
     */
    public void item(String name, int index) {
      item = name;
      itemIndex = index;
    }

    /**
     * Returns {@code what} prefixed with the current item ({@link #item}), as the read methods name
     * it in their messages.
     *
     * @param what a label or message, or "" for the item alone
     * @return the label
     */
    public String label(String what) {
      if (item == null) {
        return what;
      }
      String head = item + " " + itemIndex;
      return what.isEmpty() ? head : head + " " + what;
    }

    private void need(int k, String what) {
      if (k > end - pos) {
        throw corrupt(label(what) + " runs past the end");
      }
    }

    /** Reads one byte. */
    public int u8(String what) {
      need(1, what);
      return b[pos++] & 0xFF;
    }

    /** Reads an unsigned varint that fits an int. */
    public int uvarint(String what) {
      long v = uvarlong(what);
      if (v > Integer.MAX_VALUE) {
        throw corrupt(label(what) + " " + v + " is out of range");
      }
      return (int) v;
    }

    /** Reads an unsigned varint of at most 63 bits. */
    public long uvarlong(String what) {
      long v = 0;
      for (int shift = 0; shift < 63; shift += 7) {
        int x = u8(what);
        v |= (long) (x & 0x7F) << shift;
        if ((x & 0x80) == 0) {
          if (v < 0) {
            break;
          }
          return v;
        }
      }
      throw corrupt(label(what) + " is not a valid varint");
    }

    /** Reads a zig-zag varint. */
    public long svarlong(String what) {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int x = u8(what);
        if (shift == 63 && (x & 0x7E) != 0) {
          break; // the tenth byte holds bit 63 only: more bits would be dropped
        }
        v |= (long) (x & 0x7F) << shift;
        if ((x & 0x80) == 0) {
          return (v >>> 1) ^ -(v & 1);
        }
      }
      throw corrupt(label(what) + " is not a valid varint");
    }

    /** Reads a count of items of at least {@code minBytes} each, bounded by the bytes left. */
    public int count(String what, int minBytes) {
      int n = uvarint(what);
      if ((long) n * minBytes > end - pos) {
        throw corrupt(
            label(what) + " " + n + " exceeds what the " + (end - pos) + " bytes left can hold");
      }
      return n;
    }

    /** Reads a length-prefixed, well-formed UTF-8 string. */
    public String string(String what) {
      int len = uvarint(what);
      need(len, what);
      int stop = pos + len;
      boolean ascii = true;
      for (int i = pos; i < stop; i++) {
        if (b[i] < 0) {
          ascii = false;
          break;
        }
      }
      if (ascii) { // ASCII is well-formed UTF-8, and each byte its char
        String s = new String(b, pos, len, StandardCharsets.ISO_8859_1);
        pos = stop;
        return s;
      }
      try {
        String s =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(b, pos, len))
                .toString();
        pos += len;
        return s;
      } catch (CharacterCodingException e) {
        throw corrupt(label(what) + " is not valid UTF-8");
      }
    }

    /** Checks that the payload was read to its end. */
    public void end() {
      if (pos != end) {
        throw corrupt((end - pos) + " bytes follow the payload");
      }
    }
  }

  /**
   * Why bytes that fail the checksum are text rather than a damaged binary snapshot, or null: a
   * JSON snapshot (first non-blank byte '{') or the Base64 text of a binary one ("U0s", the Base64
   * of 'SK'). No single-bit flip or truncation of a binary snapshot, which starts with 'S', makes
   * either, so those still read as corrupted.
   */
  static String textInsteadOfBinary(byte[] b) {
    int i =
        b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF
            ? 3
            : 0;
    while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
      i++;
    }
    if (i < b.length && b[i] == '{') {
      return "not a servicekit snapshot in binary form: it is text starting with '{', as a JSON"
          + " snapshot is (read that with fromJson)";
    }
    // 'S' 'K' and a kind byte in Base64: "U0", then s, t, u or v by the kind's two high bits.
    if (b.length >= 3 && b[0] == 'U' && b[1] == '0' && b[2] >= 's' && b[2] <= 'v') {
      return "not a servicekit snapshot in binary form: it starts with 'U0"
          + (char) b[2]
          + "', the Base64 text of 'SK' (decode the Base64 first)";
    }
    return null;
  }
}
