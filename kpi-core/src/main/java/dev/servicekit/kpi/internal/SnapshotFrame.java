package dev.servicekit.kpi.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * The frame of kpi-core's snapshots, the same layout as sla-core's and qa-core's: {@code 'S' 'K'},
 * a kind byte, a version byte, the payload, and the CRC32C of everything before it in the last four
 * bytes (big-endian). A JSON snapshot carries a {@code "crc32c"} field: the CRC32C of the
 * document's compact form without that field. Opening checks length, checksum, magic and version
 * before any payload is read, so a corrupted or truncated snapshot is rejected with an {@link
 * IllegalArgumentException}. Not API.
 */
public final class SnapshotFrame {

  /** The version of the frame and of every kpi-core payload layout. */
  public static final int VERSION = 2;

  /** The fixed bytes around the payload: 4 of header, 4 of checksum. */
  public static final int OVERHEAD = 8;

  /** The JSON field that holds the checksum. */
  public static final String JSON_CRC = "crc32c";

  private SnapshotFrame() {}

  /**
   * Starts a snapshot of {@code kind}.
   *
   * @param kind the kind byte
   * @return a writer positioned at the payload
   */
  public static Binary.Writer begin(int kind) {
    Binary.Writer w = new Binary.Writer();
    w.writeByte('S').writeByte('K').writeByte(kind).writeByte(VERSION);
    return w;
  }

  /**
   * Appends the checksum.
   *
   * @param w a writer from {@link #begin(int)}
   * @return the snapshot
   */
  public static byte[] finish(Binary.Writer w) {
    byte[] b = w.toByteArray();
    CRC32C crc = new CRC32C();
    crc.update(b, 0, b.length);
    int c = (int) crc.getValue();
    byte[] out = Arrays.copyOf(b, b.length + 4);
    out[b.length] = (byte) (c >>> 24);
    out[b.length + 1] = (byte) (c >>> 16);
    out[b.length + 2] = (byte) (c >>> 8);
    out[b.length + 3] = (byte) c;
    return out;
  }

  /**
   * An opened snapshot: its kind byte and a reader over its payload.
   *
   * @param kind the kind byte
   * @param reader a reader over the payload (the checksum excluded)
   */
  public record Opened(int kind, Binary.Reader reader) {}

  /**
   * Checks length, checksum, magic, that the kind is not another core's, and version, in that
   * order.
   *
   * @param b the snapshot
   * @return its kind and payload
   * @throws IllegalArgumentException if any check fails
   */
  public static Opened open(byte[] b) {
    if (b.length < OVERHEAD) {
      throw new IllegalArgumentException(
          "snapshot is truncated: "
              + b.length
              + " bytes, a snapshot has at least "
              + OVERHEAD
              + " (header and CRC32C)");
    }
    CRC32C crc = new CRC32C();
    crc.update(b, 0, b.length - 4);
    int stored =
        ((b[b.length - 4] & 0xFF) << 24)
            | ((b[b.length - 3] & 0xFF) << 16)
            | ((b[b.length - 2] & 0xFF) << 8)
            | (b[b.length - 1] & 0xFF);
    if ((int) crc.getValue() != stored) {
      String text = textInsteadOfBinary(b);
      if (text != null) {
        throw new IllegalArgumentException(text);
      }
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "snapshot is corrupted or truncated: its CRC32C is %08x, the stored one %08x (%d"
                  + " bytes)",
              (int) crc.getValue(),
              stored,
              b.length));
    }
    if (b[0] != 'S' || b[1] != 'K') {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "not a servicekit snapshot: it starts with 0x%02x%02x, expected 0x534b ('SK')",
              b[0],
              b[1]));
    }
    // The three cores share the frame, each with kinds of its own: another core's snapshot is
    // named as such before its version, which follows that core's numbering, is looked at.
    int kind = b[2] & 0xFF;
    String other =
        switch (kind) {
          case 'S' -> "an sla-core SLA clock snapshot: read it with SlaClockSnapshot.fromBytes";
          case 0x31 ->
              "a qa-core score aggregator snapshot: read it with ScoreAggregator.fromBytes";
          case 0x32 -> "a qa-core score ledger snapshot: read it with ScoreLedger.fromBytes";
          case 0x33 -> "a qa-core outcome shares snapshot: read it with OutcomeShares.fromBytes";
          default -> null;
        };
    if (other != null) {
      throw new IllegalArgumentException(
          "kind is " + kind + ", " + other + ", not a kpi-core snapshot");
    }
    if ((b[3] & 0xFF) != VERSION) {
      throw new IllegalArgumentException(
          "version is " + (b[3] & 0xFF) + " but this library reads version " + VERSION);
    }
    return new Opened(b[2] & 0xFF, new Binary.Reader(b, 4, b.length - 4));
  }

  /**
   * Adds the {@value #JSON_CRC} field to a snapshot document.
   *
   * @param mapper the mapper that writes the document
   * @param root the document, without a checksum
   * @return {@code root}
   */
  public static ObjectNode sealJson(ObjectMapper mapper, ObjectNode root) {
    root.put(JSON_CRC, crcOf(mapper, root));
    return root;
  }

  /**
   * Checks and removes the {@value #JSON_CRC} field of a parsed snapshot document.
   *
   * @param mapper the mapper that parsed the document
   * @param root the document
   * @throws IllegalArgumentException if the field is missing or does not match
   */
  public static void unsealJson(ObjectMapper mapper, ObjectNode root) {
    JsonNode stored = root.remove(JSON_CRC);
    if (stored == null || !stored.isTextual()) {
      throw new IllegalArgumentException(
          JSON_CRC
              + " is "
              + (stored == null ? "missing" : Excerpt.of(stored))
              + " but must be the snapshot's CRC32C as 8 lowercase hex digits");
    }
    String actual = crcOf(mapper, root);
    if (!actual.equals(stored.textValue())) {
      throw new IllegalArgumentException(
          "snapshot is corrupted: its CRC32C is "
              + actual
              + ", the stored one "
              + Excerpt.of(stored));
    }
  }

  private static String crcOf(ObjectMapper mapper, ObjectNode root) {
    try {
      CRC32C crc = new CRC32C();
      crc.update(mapper.writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().toHexDigits((int) crc.getValue());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON snapshot", e);
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
