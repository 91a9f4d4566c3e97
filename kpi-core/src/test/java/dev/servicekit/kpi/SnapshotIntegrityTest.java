package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The checksum and kind checks of the keyed and windowed snapshot formats (the accumulators' own
 * are a law of {@link AccumulatorContract}): every single-bit flip and every truncation is
 * rejected, exhaustively for a populated snapshot of each kind.
 */
class SnapshotIntegrityTest {

  private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

  private static RevisedValues<String, NpsAccumulator> revised() {
    RevisedValues<String, NpsAccumulator> r = RevisedValues.create(NpsAccumulator.create());
    r.apply("r-1", 1, 9);
    r.apply("r-2", 3, 2);
    r.apply("r-1", 2, 7);
    return r;
  }

  private static RepeatContactTracker<String> tracker() {
    RepeatContactTracker<String> t = RepeatContactTracker.create(Duration.ofDays(7));
    t.contact("c-1", T0);
    t.contact("c-1", T0.plusSeconds(3600));
    t.contact("c-2", T0.plusSeconds(60));
    return t;
  }

  private static WindowedKpi<String, DurationAccumulator> windows() {
    WindowedKpi<String, DurationAccumulator> w =
        WindowedKpi.create(
            DurationAccumulator::create,
            WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC),
            Duration.ofHours(1));
    w.recordLong("team-a", T0, DurationAccumulator::addMillis, 1200);
    w.recordLong("team-b", T0.plusSeconds(4000), DurationAccumulator::addMillis, 90_000);
    return w;
  }

  private static void assertRejected(Executable decode) {
    String m = assertThrows(IllegalArgumentException.class, decode).getMessage();
    assertTrue(m != null && !m.isEmpty() && m.length() <= 500, () -> "message: " + m);
  }

  private static void everyFlipAndTruncationRejected(byte[] b, Function<byte[], ?> decode) {
    decode.apply(b);
    for (int bit = 0; bit < b.length * 8; bit++) {
      byte[] flipped = b.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertRejected(() -> decode.apply(flipped));
    }
    for (int len = 0; len < b.length; len++) {
      byte[] prefix = Arrays.copyOf(b, len);
      assertRejected(() -> decode.apply(prefix));
    }
  }

  private static void everyJsonTruncationRejected(String json, Function<String, ?> decode) {
    decode.apply(json);
    for (int len = 0; len < json.length(); len++) {
      String prefix = json.substring(0, len);
      assertRejected(() -> decode.apply(prefix));
    }
  }

  /** A changed value behind an intact document is caught by the checksum. */
  private static void editedValueRejected(String json, Function<String, ?> decode) {
    int digit = json.indexOf("\"state\":");
    String edited = json.replaceFirst(":1([,}])", ":2$1");
    assertTrue(digit >= 0 && !edited.equals(json), json);
    String m =
        assertThrows(IllegalArgumentException.class, () -> decode.apply(edited)).getMessage();
    assertTrue(m.startsWith("snapshot is corrupted: its CRC32C is "), m);
  }

  @Test
  void revisedValuesSnapshotsRejectEveryFlipAndTruncation() {
    everyFlipAndTruncationRejected(
        revised().toBytes(KeyCodec.strings()),
        b -> RevisedValues.fromBytes(b, NpsAccumulator.class, KeyCodec.strings()));
    String json = revised().toJson(KeyCodec.strings());
    Function<String, ?> fromJson =
        j -> RevisedValues.fromJson(j, NpsAccumulator.class, KeyCodec.strings());
    everyJsonTruncationRejected(json, fromJson);
    editedValueRejected(json, fromJson);
  }

  @Test
  void repeatContactSnapshotsRejectEveryFlipAndTruncation() {
    everyFlipAndTruncationRejected(
        tracker().toBytes(KeyCodec.strings()),
        b -> RepeatContactTracker.fromBytes(b, KeyCodec.strings()));
    String json = tracker().toJson(KeyCodec.strings());
    Function<String, ?> fromJson = j -> RepeatContactTracker.fromJson(j, KeyCodec.strings());
    everyJsonTruncationRejected(json, fromJson);
    editedValueRejected(json, fromJson);
  }

  @Test
  void windowTableSnapshotsRejectEveryFlipAndTruncation() {
    everyFlipAndTruncationRejected(
        windows().toBytes(k -> k),
        b ->
            WindowedKpi.fromBytes(
                b, DurationAccumulator::create, DurationAccumulator.class, k -> k));
    String json = windows().toJson(k -> k);
    Function<String, ?> fromJson =
        j ->
            WindowedKpi.fromJson(j, DurationAccumulator::create, DurationAccumulator.class, k -> k);
    everyJsonTruncationRejected(json, fromJson);
    editedValueRejected(json, fromJson);
  }

  /** The keyed and windowed snapshot readers skip one leading byte order mark, as every reader. */
  @Test
  void keyedAndWindowedJsonReadersSkipOneLeadingByteOrderMark() {
    String rv = revised().toJson(KeyCodec.strings());
    assertEquals(
        rv,
        RevisedValues.fromJson("\uFEFF" + rv, NpsAccumulator.class, KeyCodec.strings())
            .toJson(KeyCodec.strings()));
    String rc = tracker().toJson(KeyCodec.strings());
    assertEquals(
        rc,
        RepeatContactTracker.fromJson("\uFEFF" + rc, KeyCodec.strings())
            .toJson(KeyCodec.strings()));
    String wk = windows().toJson(k -> k);
    assertEquals(
        wk,
        WindowedKpi.fromJson(
                "\uFEFF" + wk, DurationAccumulator::create, DurationAccumulator.class, k -> k)
            .toJson(k -> k));
    assertThrows(
        IllegalArgumentException.class,
        () -> RepeatContactTracker.fromJson("\uFEFF\uFEFF" + rc, KeyCodec.strings()));
  }

  @Test
  void aSnapshotOfAnotherKindSaysWhatWasExpectedAndWhatWasFound() {
    byte[] nps = NpsAccumulator.create().toBytes();
    assertEquals(
        "kind mismatch: expected \"duration\", found \"nps\"",
        assertThrows(
                IllegalArgumentException.class,
                () -> KpiSnapshots.fromBytes(nps, DurationAccumulator.class))
            .getMessage());
    assertEquals(
        "kind mismatch: expected \"repeatContacts\", found \"revisedValues\"",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    RepeatContactTracker.fromBytes(
                        revised().toBytes(KeyCodec.strings()), KeyCodec.strings()))
            .getMessage());
    assertEquals(
        "kind mismatch: expected \"windowTable\", found \"nps\"",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    WindowedKpi.fromBytes(
                        nps, NpsAccumulator::create, NpsAccumulator.class, k -> k))
            .getMessage());
    assertEquals(
        "kind mismatch: expected \"duration\", found \"nps\"",
        JsonErrors.asBefore(
            assertThrows(
                    IllegalArgumentException.class,
                    () ->
                        KpiSnapshots.fromJson(
                            KpiSnapshots.toJson(NpsAccumulator.create()),
                            DurationAccumulator.class))
                .getMessage()));
  }

  @Test
  void everySnapshotStartsWithTheFrameAndItsVersion() {
    for (byte[] b :
        List.of(
            NpsAccumulator.create().toBytes(),
            revised().toBytes(KeyCodec.strings()),
            tracker().toBytes(KeyCodec.strings()),
            windows().toBytes(k -> k))) {
      assertArrayEquals(new byte[] {'S', 'K'}, Arrays.copyOf(b, 2));
      assertEquals(KpiSnapshots.FORMAT_VERSION, b[3]);
    }
    assertTrue(KpiSnapshots.kinds().containsAll(List.of("nps", "duration", "productivity")));
  }

  @Test
  void aKindWithoutARegisteredCodecIsNamedWithTheKnownOnes() {
    byte[] name = "com.acme.unknown".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] payload = new byte[name.length + 1];
    payload[0] = (byte) (name.length * 2); // zig-zag length
    System.arraycopy(name, 0, payload, 1, name.length);
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () -> KpiSnapshots.fromBytes(Resealed.frame(0, payload)))
            .getMessage();
    assertTrue(
        m.startsWith(
            "kind is \"com.acme.unknown\" but no SnapshotCodec is registered for it; known kinds:"),
        m);
    assertTrue(m.contains("nps") && m.length() <= 500, m);
    String json =
        Resealed.json(
            "{\"format\":\"servicekit-kpi\",\"version\":2,\"kind\":\"com.acme.unknown\","
                + "\"state\":{}}");
    String j =
        assertThrows(IllegalArgumentException.class, () -> KpiSnapshots.fromJson(json))
            .getMessage();
    assertTrue(j.startsWith("kind is \"com.acme.unknown\" but no SnapshotCodec"), j);
  }
}
