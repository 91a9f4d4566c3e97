package dev.servicekit.integrations.flink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.integrations.flink.KpiWindow;
import dev.servicekit.integrations.flink.RevisedObservation;
import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaTransition;
import java.io.EOFException;
import java.io.IOException;
import java.time.Instant;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Strings of every size, over 65,535 bytes in modified UTF-8 and with unpaired surrogates, survive
 * every serializer that writes caller-given text; a corrupted length fails with an {@link
 * IOException} after reading at most one chunk, never an allocation of the size it claims.
 */
class LongStringsProperties {

  /** Lengths around the edges: empty, one chunk, several, writeUTF's 65,535 bytes and beyond. */
  private static final Integer[] EDGES = {
    0,
    1,
    2,
    Strings.CHUNK - 1,
    Strings.CHUNK,
    Strings.CHUNK + 1,
    2 * Strings.CHUNK,
    2 * Strings.CHUNK + 1,
    65_535,
    65_536,
    3 * Strings.CHUNK + 7,
    100_000
  };

  /** Chars of every kind: ASCII, NUL, 2- and 3-byte, both halves of a surrogate pair alone. */
  private static final char[] CHARS = {
    'a', 'Z', '0', '\u0000', '\u007f', '\u0080', '\u00e9', '\u07ff', '\u0800', '\u20ac', '\uffff',
    '\ud83d', '\ude00', '\ud800', '\udfff'
  };

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<Integer> lengths =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, Arbitraries.of(EDGES)),
            net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 64)),
            net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 120_000)));
    return lengths.flatMap(
        n ->
            Arbitraries.randomValue(
                r -> {
                  char[] c = new char[n];
                  for (int i = 0; i < n; i++) {
                    // runs of one char, or any char at all, or one from the table
                    c[i] =
                        i > 0 && r.nextInt(4) == 0
                            ? c[i - 1]
                            : r.nextInt(8) == 0
                                ? (char) r.nextInt(0x10000)
                                : CHARS[r.nextInt(CHARS.length)];
                  }
                  return new String(c);
                }));
  }

  private static byte[] bytes(IoWriter w) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    w.write(out);
    return out.getCopyOfBuffer();
  }

  private interface IoWriter {
    void write(DataOutputSerializer out) throws IOException;
  }

  private static <T> T roundTrip(TypeSerializer<T> s, T value) throws IOException {
    byte[] b = bytes(out -> s.serialize(value, out));
    DataInputDeserializer in = new DataInputDeserializer(b);
    T back = s.deserialize(in);
    assertEquals(0, in.available(), "every byte read");
    // copying the serialized form gives the same bytes
    DataOutputSerializer copy = new DataOutputSerializer(64);
    s.copy(new DataInputDeserializer(b), copy);
    assertEquals(
        java.util.HexFormat.of().formatHex(b),
        java.util.HexFormat.of().formatHex(copy.getCopyOfBuffer()));
    return back;
  }

  @Property(tries = 300)
  void everyStringRoundTripsExactly(@ForAll("texts") String s, @ForAll("texts") String t)
      throws IOException {
    byte[] b =
        bytes(
            out -> {
              Strings.write(s, out);
              Strings.write(t, out);
            });
    DataInputDeserializer in = new DataInputDeserializer(b);
    assertEquals(s, Strings.read(in, "s"));
    assertEquals(t, Strings.read(in, "t"));
    assertEquals(0, in.available());
  }

  @Property(tries = 150)
  void revisedObservationsOfAnyGroupAndIdRoundTrip(
      @ForAll("texts") String group,
      @ForAll("texts") String id,
      @ForAll long revision,
      @ForAll int value,
      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
      @ForAll long seconds) {
    RevisedObservation o =
        new RevisedObservation(
            group,
            id,
            revision,
            value,
            Instant.ofEpochSecond(Math.floorMod(seconds, 1L << 40) - (1L << 39), nanos));
    assertEquals(o, assertRoundTrips(RevisedObservationSerializer.INSTANCE, o));
  }

  /**
   * Ticket ids within the id rule ({@link dev.servicekit.sla.TicketEvent#MAX_ID_CHARS} chars, no
   * control char or lone surrogate, not blank): from the table, with pairs and non-ASCII text.
   */
  @Provide
  Arbitrary<String> ticketIds() {
    return Arbitraries.integers()
        .between(0, dev.servicekit.sla.TicketEvent.MAX_ID_CHARS - 3)
        .flatMap(
            n ->
                Arbitraries.randomValue(
                    r -> {
                      StringBuilder b = new StringBuilder("T-");
                      while (b.length() < n + 2) {
                        switch (r.nextInt(4)) {
                          case 0 -> b.append('\u20ac');
                          case 1 -> b.append("\uD83D\uDE00");
                          case 2 -> b.append(' ');
                          default -> b.append((char) ('a' + r.nextInt(26)));
                        }
                      }
                      return b.toString();
                    }));
  }

  /**
   * Keys within the key rule of {@link SlaTransition} (empty, or 1 to 64 chars with single spaces
   * between others): 2- and 3-byte chars, pairs and spaces, as {@code texts} would break the rule.
   */
  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.integers()
        .between(0, 64)
        .flatMap(
            n ->
                Arbitraries.randomValue(
                    r -> {
                      StringBuilder b = new StringBuilder();
                      while (b.length() < n) {
                        int room = n - b.length();
                        switch (r.nextInt(5)) {
                          case 0 -> b.append('\u20ac');
                          case 1 -> b.append(room >= 2 ? "\uD83D\uDE00" : "x");
                          case 2 -> b.append('\u07ff');
                          case 3 ->
                              b.append(
                                  room >= 2 && b.length() > 0 && b.charAt(b.length() - 1) != ' '
                                      ? " "
                                      : "y");
                          default -> b.append((char) ('a' + r.nextInt(26)));
                        }
                      }
                      return b.toString();
                    }));
  }

  @Property(tries = 100)
  void slaTransitionsOfAnyKeyAndTicketIdWithinTheRuleRoundTrip(
      @ForAll("ticketIds") String ticket, @ForAll("keys") String key, @ForAll @IntRange int cycle) {
    SlaTransition t =
        new SlaTransition(
            ticket,
            SlaMetric.answerTime(),
            cycle,
            key,
            SlaTransition.Kind.WARNING,
            Instant.parse("2026-03-02T10:15:30.5Z"),
            75);
    assertEquals(t, assertRoundTrips(SlaTransitionSerializer.INSTANCE, t));
  }

  @Property(tries = 100)
  void kpiWindowsOfAnyGroupRoundTrip(@ForAll("texts") String group) {
    DurationAccumulator acc = DurationAccumulator.create();
    acc.addMillis(1_234);
    KpiWindow<DurationAccumulator> w =
        new KpiWindow<>(group, Instant.EPOCH, Instant.EPOCH.plusSeconds(3_600), acc, 3);
    KpiWindow<DurationAccumulator> back =
        assertRoundTrips(new KpiWindowSerializer<>(DurationAccumulator.class), w);
    assertEquals(group, back.group());
    assertEquals(w.start(), back.start());
    assertEquals(w.end(), back.end());
    assertEquals(w.stale(), back.stale());
    assertEquals(acc.result(), back.accumulator().result());
  }

  private static <T> T assertRoundTrips(TypeSerializer<T> s, T value) {
    try {
      return roundTrip(s, value);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * A corrupted length fails with an IOException, or, if it happens to be a whole number of chunks
   * shorter than the string, reads that prefix and leaves the rest unread (the record's next field
   * then fails): never other text, never more than was written.
   */
  @Property(tries = 200)
  void aCorruptedLengthFailsWithAnIoExceptionOrReadsAPrefixOfWholeChunks(
      @ForAll("texts") String s, @ForAll int corrupt) throws IOException {
    byte[] b = bytes(out -> Strings.write(s, out));
    if (corrupt == s.length()) {
      return;
    }
    b[0] = (byte) (corrupt >>> 24);
    b[1] = (byte) (corrupt >>> 16);
    b[2] = (byte) (corrupt >>> 8);
    b[3] = (byte) corrupt;
    DataInputDeserializer in = new DataInputDeserializer(b);
    String read;
    try {
      read = Strings.read(in, "group");
    } catch (EOFException e) {
      return;
    } catch (IOException e) {
      assertTrue(e.getMessage().startsWith("group "), e.toString());
      return;
    }
    assertTrue(corrupt >= 0 && corrupt < s.length() && corrupt % Strings.CHUNK == 0, "" + corrupt);
    assertEquals(s.substring(0, corrupt), read);
    assertTrue(in.available() > 0);
  }

  @Example
  void aLengthOfTwoBillionCharsOnAFewBytesFailsWithoutAllocatingIt() throws IOException {
    byte[] b = bytes(out -> Strings.write("short", out));
    b[0] = 0x7f; // Integer.MAX_VALUE - ...: 2^31 chars would take 4 GiB
    IOException e =
        assertThrows(IOException.class, () -> Strings.read(new DataInputDeserializer(b), "id"));
    assertTrue(
        e.getMessage().contains("must continue with a chunk of 21845 chars, was 5"),
        e.getMessage());
    b[0] = (byte) 0x80;
    assertTrue(
        assertThrows(IOException.class, () -> Strings.read(new DataInputDeserializer(b), "id"))
            .getMessage()
            .startsWith("id length must be zero or more chars, was -"));
  }

  @Example
  void aTruncatedStringFailsWithEof() throws IOException {
    byte[] b = bytes(out -> Strings.write("x".repeat(50_000), out));
    Random r = new Random(7);
    for (int i = 0; i < 20; i++) {
      int cut = r.nextInt(b.length);
      assertThrows(
          EOFException.class,
          () -> Strings.read(new DataInputDeserializer(java.util.Arrays.copyOf(b, cut)), "id"));
    }
  }
}
