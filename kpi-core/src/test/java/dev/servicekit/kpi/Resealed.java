package dev.servicekit.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Test helper: gives a deliberately edited snapshot a matching checksum again, so a test reaches
 * the field validation behind the checksum (as a hostile writer, not a flipped bit, would).
 */
final class Resealed {

  private Resealed() {}

  /** {@code edited} with its last four bytes replaced by the CRC32C of the rest. */
  static byte[] bytes(byte[] edited) {
    if (edited.length < 8) {
      return edited;
    }
    byte[] b = Arrays.copyOf(edited, edited.length);
    CRC32C crc = new CRC32C();
    crc.update(b, 0, b.length - 4);
    int c = (int) crc.getValue();
    b[b.length - 4] = (byte) (c >>> 24);
    b[b.length - 3] = (byte) (c >>> 16);
    b[b.length - 2] = (byte) (c >>> 8);
    b[b.length - 1] = (byte) c;
    return b;
  }

  /** A payload (after the 4-byte header, before the checksum) framed as {@code kind}. */
  static byte[] frame(int kind, byte... payload) {
    byte[] b = new byte[payload.length + 8];
    b[0] = 'S';
    b[1] = 'K';
    b[2] = (byte) kind;
    b[3] = (byte) KpiSnapshots.FORMAT_VERSION;
    System.arraycopy(payload, 0, b, 4, payload.length);
    return bytes(b);
  }

  /**
   * {@code edited} JSON with a {@code crc32c} field that matches it; text that is not a JSON object
   * is returned unchanged.
   */
  static String json(String edited) {
    JsonNode root;
    try {
      root = KpiSnapshots.mapper().readTree(edited);
    } catch (Exception e) {
      return edited;
    }
    if (!(root instanceof ObjectNode o)) {
      return edited;
    }
    o.remove("crc32c");
    try {
      return KpiSnapshots.mapper()
          .writeValueAsString(
              dev.servicekit.kpi.internal.SnapshotFrame.sealJson(KpiSnapshots.mapper(), o));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code edited} JSON with the {@code crc32c} of the tree it parses to, its text otherwise as
   * written: a number literal such as {@code 1e0} or {@code 1e309} stays in the document (the
   * checksum covers the parsed tree's canonical text, so {@link #json} writes {@code 1.0} or {@code
   * "Infinity"} instead).
   */
  static String jsonKeepingLiterals(String edited) {
    String canonical = json(edited);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"crc32c\":\"([0-9a-f]{8})\"").matcher(canonical);
    if (!m.find()) {
      throw new IllegalStateException("no checksum in " + canonical);
    }
    return edited.replaceAll("\"crc32c\":\"[0-9a-f]{8}\"", "\"crc32c\":\"" + m.group(1) + "\"");
  }
}
