package dev.servicekit.kpi.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The internal helpers every snapshot decoder and every duration argument goes through: {@link
 * Binary} (varints, doubles, blocks), {@link Millis} (sign before truncation) and {@link Excerpt}
 * (bounded, escaped messages).
 */
class InternalCodecsTest {

  private static String failure(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  // ---- Binary ----

  @Property
  void varintsRoundTripEveryLong(@ForAll long value) {
    Binary.Reader r = new Binary.Reader(new Binary.Writer().writeLong(value).toByteArray());
    assertEquals(value, r.readLong("v"));
    r.expectEnd();
  }

  @Test
  void zigZagVarintsUseOneByteForSmallMagnitudesAndTenForTheExtremes() {
    assertArrayEquals(bytes(0), new Binary.Writer().writeLong(0).toByteArray());
    assertArrayEquals(bytes(1), new Binary.Writer().writeLong(-1).toByteArray());
    assertArrayEquals(bytes(2), new Binary.Writer().writeLong(1).toByteArray());
    assertArrayEquals(bytes(126), new Binary.Writer().writeLong(63).toByteArray());
    assertArrayEquals(bytes(0x80, 0x01), new Binary.Writer().writeLong(64).toByteArray());
    assertEquals(10, new Binary.Writer().writeLong(Long.MIN_VALUE).toByteArray().length);
    assertEquals(10, new Binary.Writer().writeLong(Long.MAX_VALUE).toByteArray().length);
  }

  @Property
  void doublesRoundTripBitForBit(@ForAll double value) {
    byte[] encoded = new Binary.Writer().writeDouble(value).toByteArray();
    assertEquals(8, encoded.length);
    double back = new Binary.Reader(encoded).readDouble("d");
    assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(back));
  }

  @Test
  void doublesAreLittleEndianIeeeBits() {
    // 1.0 = 0x3FF0000000000000: the high bytes come last
    assertArrayEquals(
        bytes(0, 0, 0, 0, 0, 0, 0xF0, 0x3F), new Binary.Writer().writeDouble(1.0).toByteArray());
    assertEquals(
        -2.5,
        new Binary.Reader(new Binary.Writer().writeDouble(-2.5).toByteArray()).readDouble("d"));
  }

  @Property
  void valuesRoundTripInSequenceAndTheBufferGrows(
      @ForAll String s, @ForAll byte[] block, @ForAll long n) {
    Binary.Writer w = new Binary.Writer().writeByte(7);
    // more than the initial 32-byte buffer in every case
    for (int i = 0; i < 5; i++) {
      w.writeLong(n).writeString(s).writeBlock(block).writeDouble(n);
    }
    w.writeByte(255);
    Binary.Reader r = new Binary.Reader(w.toByteArray());
    assertEquals(7, r.readByte("head"));
    for (int i = 0; i < 5; i++) {
      assertEquals(n, r.readLong("n"));
      assertEquals(new String(s.getBytes(UTF_8), UTF_8), r.readString("s"));
      assertArrayEquals(block, r.readBlock("b"));
      assertEquals((double) n, r.readDouble("d"));
    }
    assertEquals(255, r.readByte("tail"));
    r.expectEnd();
  }

  @Test
  void readingPastTheEndNamesTheFieldAndTheOffset() {
    Binary.Reader r = new Binary.Reader(bytes(5));
    assertEquals(5, r.readByte("first"));
    assertEquals(
        "snapshot is truncated at byte 1 while reading field second",
        failure(() -> r.readByte("second")));
    // a varint whose continuation bit promises another byte
    assertEquals(
        "snapshot is truncated at byte 1 while reading field count",
        failure(() -> new Binary.Reader(bytes(0x80)).readLong("count")));
    assertEquals(
        "snapshot is truncated at byte 3 while reading field sum",
        failure(() -> new Binary.Reader(bytes(1, 2, 3)).readDouble("sum")));
  }

  @Test
  void aBlockLongerThanTheRestIsTruncatedNotAllocated() {
    byte[] short3 = new Binary.Writer().writeLong(3).writeByte(1).writeByte(2).toByteArray();
    assertEquals(
        "snapshot is truncated at byte 1 while reading field key",
        failure(() -> new Binary.Reader(short3).readBlock("key")));
    byte[] huge = new Binary.Writer().writeLong(Long.MAX_VALUE).toByteArray();
    assertTrue(failure(() -> new Binary.Reader(huge).readBlock("key")).contains("truncated"));
    // exactly the rest is fine
    byte[] exact = new Binary.Writer().writeLong(2).writeByte(1).writeByte(2).toByteArray();
    Binary.Reader r = new Binary.Reader(exact);
    assertArrayEquals(bytes(1, 2), r.readBlock("key"));
    r.expectEnd();
  }

  @Test
  void aNegativeLengthOrCountIsRejectedWithTheValue() {
    byte[] minusOne = new Binary.Writer().writeLong(-1).toByteArray();
    assertEquals(
        "snapshot field count is -1 but must be >= 0",
        failure(() -> new Binary.Reader(minusOne).readCount("count")));
    assertEquals(
        "snapshot field key.length is -1 but must be >= 0",
        failure(() -> new Binary.Reader(minusOne).readBlock("key")));
    byte[] zero = new Binary.Writer().writeLong(0).toByteArray();
    assertEquals(0, new Binary.Reader(zero).readCount("count"));
    assertEquals(0, new Binary.Reader(zero).readBlock("key").length);
  }

  @Test
  void aVarintOfMoreThanTenBytesIsRejected() {
    byte[] eleven = new byte[11];
    Arrays.fill(eleven, (byte) 0x80);
    assertEquals(
        "snapshot field count is not a valid varint (more than 10 bytes)",
        failure(() -> new Binary.Reader(eleven).readLong("count")));
    // an eleventh byte that would end the number is still one byte too many
    byte[] endsAtEleven = new byte[11];
    Arrays.fill(endsAtEleven, (byte) 0x80);
    endsAtEleven[10] = 0x00;
    assertEquals(
        "snapshot field count is not a valid varint (more than 10 bytes)",
        failure(() -> new Binary.Reader(endsAtEleven).readLong("count")));
    // ten bytes with the last one ending the number is the longest valid varint
    byte[] ten = new byte[10];
    Arrays.fill(ten, (byte) 0xFF);
    ten[9] = 0x01;
    assertEquals(Long.MIN_VALUE, new Binary.Reader(ten).readLong("count"));
    // a tenth byte with bits past the 64th: refused (they were dropped, another number read)
    byte[] past = ten.clone();
    past[9] = 0x7E;
    assertEquals(
        "snapshot field count is a varint past 64 bits (tenth byte 126)",
        failure(() -> new Binary.Reader(past).readLong("count")));
  }

  @Test
  void trailingBytesAreCounted() {
    Binary.Reader r = new Binary.Reader(bytes(1, 2, 3));
    r.readByte("a");
    assertEquals("snapshot has 2 trailing bytes after the last field", failure(r::expectEnd));
  }

  // ---- Millis ----

  @Test
  void nonNegativeTruncatesOnlyPositiveSubMillisecondParts() {
    assertEquals(0, Millis.nonNegative(Duration.ZERO, "d"));
    assertEquals(0, Millis.nonNegative(Duration.ofNanos(999_999), "d"));
    assertEquals(1, Millis.nonNegative(Duration.ofMillis(1).plusNanos(999_999), "d"));
    assertEquals(Long.MAX_VALUE, Millis.nonNegative(Duration.ofMillis(Long.MAX_VALUE), "d"));
    assertEquals(
        "total PT-0.000000001S must be >= 0",
        failure(() -> Millis.nonNegative(Duration.ofNanos(-1), "total")));
  }

  @Test
  void nonNegativeRejectsDurationsBeyondLongMillisecondsWithAnIllegalArgument() {
    Duration tooLong = Duration.ofMillis(Long.MAX_VALUE).plusMillis(1);
    String message = failure(() -> Millis.nonNegative(tooLong, "wait"));
    assertTrue(message.startsWith("wait PT"), message);
    assertTrue(message.endsWith("must be at most " + Long.MAX_VALUE + " ms"), message);
    failure(() -> Millis.nonNegative(Duration.ofSeconds(Long.MAX_VALUE), "wait"));
    // just under the guard's threshold the plain conversion answers
    long seconds = Long.MAX_VALUE / 1000 - 1;
    assertEquals(seconds * 1000, Millis.nonNegative(Duration.ofSeconds(seconds), "wait"));
  }

  @Test
  void exactAcceptsWholeMillisecondsOnly() {
    assertEquals(1500, Millis.exact(Duration.ofMillis(1500), "threshold"));
    assertEquals(2000, Millis.exact(Duration.ofSeconds(2), "threshold"));
    assertEquals(
        "threshold PT0.001000001S must be a whole number of milliseconds",
        failure(() -> Millis.exact(Duration.ofNanos(1_000_001), "threshold")));
    assertTrue(
        failure(() -> Millis.exact(Duration.ofNanos(999_999), "threshold"))
            .contains("whole number of milliseconds"));
    assertTrue(
        failure(() -> Millis.exact(Duration.ofMillis(-1), "threshold")).contains("must be >= 0"));
  }

  // ---- Excerpt ----

  @Test
  void shortValuesAreKeptAsTheyAre() {
    assertEquals("abc", Excerpt.of("abc"));
    assertEquals("null", Excerpt.of(null));
    assertEquals("42", Excerpt.of(42));
    String exactly = "x".repeat(Excerpt.MAX_VALUE_CHARS);
    assertEquals(exactly, Excerpt.of(exactly));
    String message = "m".repeat(Excerpt.MAX_MESSAGE_CHARS);
    assertEquals(message, Excerpt.message(message));
  }

  @Test
  void longValuesAreCutWithTheirFullLength() {
    String longer = "y".repeat(Excerpt.MAX_VALUE_CHARS + 1);
    assertEquals("y".repeat(Excerpt.MAX_VALUE_CHARS) + "...(81 chars)", Excerpt.of(longer));
    String tenMillion = "z".repeat(10_000_000);
    assertEquals(
        "z".repeat(Excerpt.MAX_VALUE_CHARS) + "...(10000000 chars)", Excerpt.of(tenMillion));
    assertEquals(
        "z".repeat(Excerpt.MAX_MESSAGE_CHARS) + "...(10000000 chars)", Excerpt.message(tenMillion));
  }

  @Test
  void controlCharactersDeleteAndLoneSurrogatesAreEscaped() {
    assertEquals(
        "a\\u0000b\\u001bc\\u007fd\\ud800e\\u001f ~",
        Excerpt.of("a\u0000b\u001bc\u007fd\ud800e\u001f\u0020~"));
    // an escape counts its six characters towards the limit: 14 escapes reach 84 >= 80
    String controls = "\u0001".repeat(Excerpt.MAX_VALUE_CHARS);
    assertEquals("\\u0001".repeat(14) + "...(80 chars)", Excerpt.of(controls));
  }
}
