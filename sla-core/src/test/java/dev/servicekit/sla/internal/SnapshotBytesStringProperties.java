package dev.servicekit.sla.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The strings of {@link SnapshotBytes}: the writer's ASCII path and the reader's ASCII path give
 * exactly the bytes and strings of a plain UTF-8 encoding, whatever mix of ASCII and other
 * characters a string has and wherever the first non-ASCII one is; read errors name the item the
 * string belongs to.
 */
class SnapshotBytesStringProperties {

  /** Well-formed strings around the ASCII path's length limit, ASCII or with other characters. */
  @Provide
  Arbitrary<String> strings() {
    Arbitrary<String> piece =
        Arbitraries.oneOf(
            Arbitraries.strings().ascii().ofMaxLength(140),
            Arbitraries.of("é", "ÿ", "\u0080", "中", "😀", "\u007f", "\u0000"));
    return piece.list().ofMaxSize(4).map(l -> String.join("", l));
  }

  @Property(tries = 1000)
  void writtenAsUtf8AndReadBack(@ForAll("strings") String s) {
    SnapshotBytes.Writer w = new SnapshotBytes.Writer(4);
    w.header('S', 1);
    w.string(s);
    w.string("after");
    byte[] snapshot = w.finish();

    // the oracle: a varint of the UTF-8 length, then the UTF-8 bytes
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    SnapshotBytes.Writer expected = new SnapshotBytes.Writer(4);
    expected.header('S', 1);
    expected.uvarint(utf8.length);
    for (byte b : utf8) {
      expected.u8(b);
    }
    expected.string("after");
    assertArrayEquals(expected.finish(), snapshot);

    SnapshotBytes.Reader r = SnapshotBytes.Reader.open(snapshot, 'S', "a test", 1);
    assertEquals(s, r.string("s"));
    assertEquals("after", r.string("after"));
    r.end();
  }

  @Test
  void asciiAtTheLimitAndOnePast() {
    for (int n : new int[] {126, 127, 128, 129}) {
      String ascii = "a".repeat(n);
      writtenAsUtf8AndReadBack(ascii);
      writtenAsUtf8AndReadBack(ascii.substring(1) + "é"); // the first non-ASCII char last
    }
  }

  /**
   * A zig-zag varint's tenth byte holds bit 63 only: one with more bits set is refused (its bits
   * past 64 were dropped, so it read as another number), and every long still reads back.
   */
  @Test
  void aVarintPast64BitsIsRefused() {
    for (long v : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0}) {
      SnapshotBytes.Writer w = new SnapshotBytes.Writer(4);
      w.header('S', 1);
      w.svarlong(v);
      SnapshotBytes.Reader r = SnapshotBytes.Reader.open(w.finish(), 'S', "a test", 1);
      assertEquals(v, r.svarlong("at"));
    }
    SnapshotBytes.Writer w = new SnapshotBytes.Writer(4);
    w.header('S', 1);
    for (int i = 0; i < 9; i++) {
      w.u8(0x8E);
    }
    w.u8(0x7E); // bits 64 to 69
    SnapshotBytes.Reader r = SnapshotBytes.Reader.open(w.finish(), 'S', "a test", 1);
    assertEquals(
        "snapshot is corrupted at byte 14: at is not a valid varint",
        assertThrows(IllegalArgumentException.class, () -> r.svarlong("at")).getMessage());
  }

  @Test
  void readErrorsNameTheItem() {
    SnapshotBytes.Writer w = new SnapshotBytes.Writer(4);
    w.header('S', 1);
    w.uvarint(2);
    w.u8(0xC3); // a lead byte, then not a continuation byte
    w.u8('x');
    byte[] bad = w.finish();
    SnapshotBytes.Reader r = SnapshotBytes.Reader.open(bad, 'S', "a test", 1);
    r.item("event", 3);
    assertEquals(
        "snapshot is corrupted at byte 5: event 3 id is not valid UTF-8",
        assertThrows(IllegalArgumentException.class, () -> r.string("id")).getMessage());

    SnapshotBytes.Writer w2 = new SnapshotBytes.Writer(4);
    w2.header('S', 1);
    w2.uvarint(9); // nine bytes announced, none follow
    SnapshotBytes.Reader r2 = SnapshotBytes.Reader.open(w2.finish(), 'S', "a test", 1);
    r2.item("event", 0);
    assertEquals(
        "snapshot is corrupted at byte 5: event 0 runs past the end",
        assertThrows(IllegalArgumentException.class, () -> r2.string("")).getMessage());
    r2.item(null, 0);
    assertEquals("id", r2.label("id"));
  }
}
