package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Formats, restore behaviour and error messages of the {@link RevisedValues} and {@link
 * RepeatContactTracker} snapshots.
 */
class KeyedSnapshotTest {

  private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

  private static String envelope(String kind, String state) {
    return "{\"format\":\"servicekit-kpi\",\"version\":2,\"kind\":\""
        + kind
        + "\",\"state\":"
        + state
        + "}";
  }

  private static String outcome(long positive, long negative) {
    return envelope("outcome", "{\"positive\":" + positive + ",\"negative\":" + negative + "}");
  }

  private static IllegalArgumentException trackerJsonFails(String state) {
    return asBefore(
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RepeatContactTracker.fromJson(
                    Resealed.json(envelope("repeatContacts", state)), KeyCodec.longs())));
  }

  /** The error with its message as {@link JsonErrors#asBefore} gives it. */
  private static IllegalArgumentException asBefore(IllegalArgumentException e) {
    return new IllegalArgumentException(JsonErrors.asBefore(e.getMessage()), e);
  }

  private static IllegalArgumentException revisedJsonFails(String state) {
    return asBefore(
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RevisedValues.fromJson(
                    Resealed.json(envelope("revisedValues", state)),
                    NpsAccumulator.class,
                    KeyCodec.strings())));
  }

  @Test
  void staleRevisionIsStillIgnoredAfterRestore() {
    RevisedValues<UUID, NpsAccumulator> t = RevisedValues.create(NpsAccumulator.create());
    UUID response = UUID.fromString("00000000-0000-0000-0000-000000000017");
    KeyCodec<UUID> codec = KeyCodec.of(UUID::toString, UUID::fromString);
    t.apply(response, 5, 10);
    RevisedValues<UUID, NpsAccumulator> fromBytes =
        RevisedValues.fromBytes(t.toBytes(codec), NpsAccumulator.class, codec);
    RevisedValues<UUID, NpsAccumulator> fromJson =
        RevisedValues.fromJson(t.toJson(codec), NpsAccumulator.class, codec);
    for (RevisedValues<UUID, NpsAccumulator> r : java.util.List.of(fromBytes, fromJson)) {
      assertEquals(RevisedValues.Outcome.STALE, r.apply(response, 4, 0));
      assertEquals(1, r.staleCount());
      assertEquals(1, r.target().result().promoters());
      assertEquals(RevisedValues.Outcome.REPLACED, r.apply(response, 6, 0));
      assertEquals(0, r.target().result().promoters());
      assertEquals(1, r.target().result().detractors());
    }
  }

  @Test
  void repeatContactIsStillDetectedAcrossRestore() {
    RepeatContactTracker<Long> t = RepeatContactTracker.create(Duration.ofDays(7));
    t.contact(42L, T0);
    assertEquals(new OutcomeResult(1, 0), t.outcomes().result());
    RepeatContactTracker<Long> fromBytes =
        RepeatContactTracker.fromBytes(t.toBytes(KeyCodec.longs()), KeyCodec.longs());
    RepeatContactTracker<Long> fromJson =
        RepeatContactTracker.fromJson(t.toJson(KeyCodec.longs()), KeyCodec.longs());
    for (RepeatContactTracker<Long> r : java.util.List.of(fromBytes, fromJson)) {
      assertEquals(Duration.ofDays(7), r.window());
      // Six days later: the first contact was not resolved; the second one is, for now.
      assertTrue(r.contact(42L, T0.plus(Duration.ofDays(6))));
      assertEquals(new OutcomeResult(1, 1), r.outcomes().result());
      // A redelivery of the first contact is still a duplicate.
      assertEquals(false, r.contact(42L, T0));
    }
  }

  @Test
  void trackerBinaryLayoutIsTheDocumentedOne() {
    RepeatContactTracker<Long> t = RepeatContactTracker.create(Duration.ofSeconds(60));
    t.contact(7L, Instant.ofEpochSecond(100));
    t.contact(7L, Instant.ofEpochSecond(130, 5));
    // Worked by hand from the format javadoc: 'S' 'K', kind 14, version 2, window 60 s (zig-zag
    // 120 = 0x78) 0 ns, outcomes block ['S' 'K' 5 2, positive 1, negative 1, its CRC32C] of
    // length 10 (zig-zag 20 = 0x14), 1 customer, key "7", 2 contacts: 100 s (zig-zag 200 = C8 01)
    // 0 ns, then +30 s (3C) 5 ns (0A); then the CRC32C of all that.
    byte[] b = t.toBytes(KeyCodec.longs());
    String hex = HexFormat.of().formatHex(b);
    byte[] inner = HexFormat.of().parseHex("534b05020202");
    assertEquals(
        "534b0e0278001453" + "4b05020202" + crcHex(inner) + "02023704c801003c0a",
        hex.substring(0, hex.length() - 8));
    assertEquals(crcHex(java.util.Arrays.copyOf(b, b.length - 4)), hex.substring(hex.length() - 8));
  }

  private static String crcHex(byte[] b) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(b);
    return String.format(Locale.ROOT, "%08x", crc.getValue());
  }

  /** The document with its checksum, computed here independently of the library. */
  private static String sealed(String json) {
    return json.substring(0, json.length() - 1)
        + ",\"crc32c\":\""
        + crcHex(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        + "\"}";
  }

  @Test
  void trackerJsonLayoutIsTheDocumentedOne() {
    RepeatContactTracker<Long> t = RepeatContactTracker.create(Duration.ofDays(7));
    t.contact(7L, T0);
    t.contact(7L, T0.plusSeconds(3600));
    t.contact(-3L, T0);
    assertEquals(
        sealed(
            envelope(
                "repeatContacts",
                "{\"window\":\"PT168H\",\"outcomes\":"
                    + outcome(2, 1)
                    + ",\"customers\":[{\"key\":\"-3\",\"contacts\":[\"2026-11-02T09:00:00Z\"]},"
                    + "{\"key\":\"7\",\"contacts\":[\"2026-11-02T09:00:00Z\","
                    + "\"2026-11-02T10:00:00Z\"]}]}")),
        t.toJson(KeyCodec.longs()));
  }

  @Test
  void revisedValuesJsonLayoutIsTheDocumentedOne() {
    RevisedValues<String, NpsAccumulator> t = RevisedValues.create(NpsAccumulator.create());
    t.apply("r-2", 3, 9);
    t.apply("r-1", 1, 6);
    t.apply("r-1", 0, 10);
    assertEquals(
        sealed(
            envelope(
                "revisedValues",
                "{\"target\":"
                    + envelope("nps", "{\"promoters\":1,\"passives\":0,\"detractors\":1}")
                    + ",\"staleCount\":1,\"entries\":[{\"key\":\"r-1\",\"revision\":1,\"value\":6},"
                    + "{\"key\":\"r-2\",\"revision\":3,\"value\":9}]}")),
        t.toJson(KeyCodec.strings()));
  }

  @Test
  void jsonErrorsNameThePathTheValueAndTheRule() {
    String nps1 = envelope("nps", "{\"promoters\":1,\"passives\":0,\"detractors\":0}");
    assertEquals(
        "state.entries[0].revision is \"x\" but must be an integer",
        revisedJsonFails(
                "{\"target\":"
                    + nps1
                    + ",\"staleCount\":0,"
                    + "\"entries\":[{\"key\":\"a\",\"revision\":\"x\",\"value\":9}]}")
            .getMessage());
    assertEquals(
        "state.entries[1].key is \"a\" but repeats an earlier key",
        revisedJsonFails(
                "{\"target\":"
                    + nps1
                    + ",\"staleCount\":0,\"entries\":["
                    + "{\"key\":\"a\",\"revision\":1,\"value\":9},"
                    + "{\"key\":\"a\",\"revision\":2,\"value\":9}]}")
            .getMessage());
    assertEquals(
        "state.entries[0].value is 4294967305 but must be an int",
        revisedJsonFails(
                "{\"target\":"
                    + nps1
                    + ",\"staleCount\":0,"
                    + "\"entries\":[{\"key\":\"a\",\"revision\":1,\"value\":4294967305}]}")
            .getMessage());
    assertEquals(
        "state.staleCount is -1 but must be >= 0",
        revisedJsonFails("{\"target\":" + nps1 + ",\"staleCount\":-1,\"entries\":[]}")
            .getMessage());
    assertEquals(
        "state.entries is missing",
        revisedJsonFails("{\"target\":" + nps1 + ",\"staleCount\":0}").getMessage());
    assertEquals(
        "state.target.state.promoters is -1 but must be >= 0",
        revisedJsonFails(
                "{\"target\":"
                    + envelope("nps", "{\"promoters\":-1,\"passives\":0,\"detractors\":0}")
                    + ",\"staleCount\":0,\"entries\":[]}")
            .getMessage());
    String inconsistent =
        revisedJsonFails(
                "{\"target\":"
                    + nps1
                    + ",\"staleCount\":0,"
                    + "\"entries\":[{\"key\":\"a\",\"revision\":1,\"value\":0}]}")
            .getMessage();
    assertTrue(
        inconsistent.startsWith("state.target is inconsistent but does not hold the value 0"),
        inconsistent);
    assertEquals(
        "kind mismatch: expected \"revisedValues\", found \"nps\"",
        JsonErrors.asBefore(
            assertThrows(
                    IllegalArgumentException.class,
                    () ->
                        RevisedValues.fromJson(
                            Resealed.json(nps1), NpsAccumulator.class, KeyCodec.strings()))
                .getMessage()));

    assertEquals(
        "state.customers[0].key is \"abc\" but cannot be decoded by KeyCodec[longs]: "
            + "\"abc\" is not a decimal long",
        trackerJsonFails(
                "{\"window\":\"PT1H\",\"outcomes\":"
                    + outcome(1, 0)
                    + ",\"customers\":["
                    + "{\"key\":\"abc\",\"contacts\":[\"2026-11-02T09:00:00Z\"]}]}")
            .getMessage());
    assertEquals(
        "state.customers[0].contacts[1] is \"2026-11-02T09:00:00Z\" but must be after the"
            + " previous contact 2026-11-02T09:00:00Z",
        trackerJsonFails(
                "{\"window\":\"PT1H\",\"outcomes\":"
                    + outcome(2, 0)
                    + ",\"customers\":["
                    + "{\"key\":\"1\",\"contacts\":[\"2026-11-02T09:00:00Z\","
                    + "\"2026-11-02T09:00:00Z\"]}]}")
            .getMessage());
    assertEquals(
        "state.customers[0].contacts[0] is \"yesterday\" but must be an ISO-8601 instant",
        trackerJsonFails(
                "{\"window\":\"PT1H\",\"outcomes\":"
                    + outcome(1, 0)
                    + ",\"customers\":["
                    + "{\"key\":\"1\",\"contacts\":[\"yesterday\"]}]}")
            .getMessage());
    assertEquals(
        "state.window is \"-PT1H\" but must be positive",
        trackerJsonFails(
                "{\"window\":\"-PT1H\",\"outcomes\":" + outcome(0, 0) + ",\"customers\":[]}")
            .getMessage());
    assertEquals(
        "state.outcomes is 1 positive, 0 negative but the retained contacts imply at least 1"
            + " positive and 1 negative",
        trackerJsonFails(
                "{\"window\":\"PT1H\",\"outcomes\":"
                    + outcome(1, 0)
                    + ",\"customers\":["
                    + "{\"key\":\"1\",\"contacts\":[\"2026-11-02T09:00:00Z\","
                    + "\"2026-11-02T09:30:00Z\"]}]}")
            .getMessage());
    assertEquals(
        "state.outcomes.kind mismatch: expected \"outcome\", found \"nps\"",
        trackerJsonFails("{\"window\":\"PT1H\",\"outcomes\":" + nps1 + ",\"customers\":[]}")
            .getMessage());
  }

  @Test
  void binaryErrorsNameTheField() {
    assertEquals(
        "kind mismatch: expected \"revisedValues\", found \"nps\"",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    RevisedValues.fromBytes(
                        NpsAccumulator.create().toBytes(),
                        NpsAccumulator.class,
                        KeyCodec.strings()))
            .getMessage());
    RevisedValues<String, RatingAccumulator> rating =
        RevisedValues.create(RatingAccumulator.create(RatingScale.csatFivePoint()));
    rating.apply("a", 1, 4);
    assertEquals(
        "snapshot field target: kind mismatch: expected \"nps\", found \"rating\"",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    RevisedValues.fromBytes(
                        rating.toBytes(KeyCodec.strings()),
                        NpsAccumulator.class,
                        KeyCodec.strings()))
            .getMessage());
    byte[] future = rating.toBytes(KeyCodec.strings());
    future[3] = 3;
    byte[] futureSealed = Resealed.bytes(future);
    assertEquals(
        "version is 3 but this library reads version 2",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    RevisedValues.fromBytes(
                        futureSealed, RatingAccumulator.class, KeyCodec.strings()))
            .getMessage());

    // Contacts 100 s and 130 s, then the delta rewritten to -30 s (zig-zag 59 = 3B).
    RepeatContactTracker<Long> t = RepeatContactTracker.create(Duration.ofSeconds(60));
    t.contact(7L, Instant.ofEpochSecond(100));
    t.contact(7L, Instant.ofEpochSecond(130));
    byte[] b = t.toBytes(KeyCodec.longs());
    assertEquals(0x3C, b[b.length - 6]);
    b[b.length - 6] = 0x3B;
    byte[] resealed = Resealed.bytes(b);
    assertEquals(
        "snapshot field customers[0].contacts[1] is 1970-01-01T00:01:10Z but must be after the"
            + " previous contact 1970-01-01T00:01:40Z",
        assertThrows(
                IllegalArgumentException.class,
                () -> RepeatContactTracker.fromBytes(resealed, KeyCodec.longs()))
            .getMessage());
  }

  @Test
  void binaryRestoreChecksOutcomesAgainstContactsAndKeysAgainstUtf8() {
    RepeatContactTracker<Long> t = RepeatContactTracker.create(Duration.ofSeconds(60));
    t.contact(7L, Instant.ofEpochSecond(100));
    t.contact(7L, Instant.ofEpochSecond(130));
    byte[] b = t.toBytes(KeyCodec.longs());
    // The outcomes' snapshot is the block at 7..17 (its own frame and checksum).
    assertEquals(2, b[12]); // the outcomes' negative count, zig-zag 1
    b[12] = 0;
    byte[] inner = Resealed.bytes(java.util.Arrays.copyOfRange(b, 7, 17));
    System.arraycopy(inner, 0, b, 7, inner.length);
    byte[] resealedOutcomes = Resealed.bytes(b);
    assertEquals(
        "snapshot field outcomes is 1 positive, 0 negative but the retained contacts imply at"
            + " least 1 positive and 1 negative",
        assertThrows(
                IllegalArgumentException.class,
                () -> RepeatContactTracker.fromBytes(resealedOutcomes, KeyCodec.longs()))
            .getMessage());

    byte[] k = t.toBytes(KeyCodec.longs());
    assertEquals('7', k[19]);
    k[19] = (byte) 0xC3; // a lone UTF-8 lead byte
    byte[] resealedKey = Resealed.bytes(k);
    assertEquals(
        "snapshot field customers[0].key is not valid UTF-8",
        assertThrows(
                IllegalArgumentException.class,
                () -> RepeatContactTracker.fromBytes(resealedKey, KeyCodec.longs()))
            .getMessage());
  }

  @Test
  void accumulatorDecoderPointsToTheKeyedDecoders() {
    RevisedValues<String, NpsAccumulator> t = RevisedValues.create(NpsAccumulator.create());
    String message =
        assertThrows(
                IllegalArgumentException.class,
                () -> KpiSnapshots.fromBytes(t.toBytes(KeyCodec.strings())))
            .getMessage();
    assertTrue(message.contains("RevisedValues.fromBytes"), message);
  }

  @Test
  void restoredExtremesFailLoudlyOrWorkInsteadOfOverflowing() {
    String nps1 = envelope("nps", "{\"promoters\":1,\"passives\":0,\"detractors\":0}");
    RevisedValues<String, NpsAccumulator> rv =
        RevisedValues.fromJson(
            Resealed.json(
                envelope(
                    "revisedValues",
                    "{\"target\":"
                        + nps1
                        + ",\"staleCount\":"
                        + Long.MAX_VALUE
                        + ",\"entries\":[{\"key\":\"a\",\"revision\":5,\"value\":9}]}")),
            NpsAccumulator.class,
            KeyCodec.strings());
    assertThrows(ArithmeticException.class, () -> rv.apply("a", 4, 9));

    // A window longer than the whole Instant range: contacts at both ends of the supported range
    // and eviction must still work (contact times outside it are refused:
    // RepeatContactTrackerTimeRangeTest).
    RepeatContactTracker<Long> t =
        RepeatContactTracker.fromJson(
            Resealed.json(
                envelope(
                    "repeatContacts",
                    "{\"window\":\"PT"
                        + Long.MAX_VALUE
                        + "S\",\"outcomes\":"
                        + outcome(1, 0)
                        + ",\"customers\":[{\"key\":\"1\",\"contacts\":[\"2299-12-31T23:59:59Z\"]}]}")),
            KeyCodec.longs());
    assertTrue(t.contact(1L, WindowedKpi.SUPPORTED_START));
    t.evictBefore(Instant.MAX);
    assertEquals(new OutcomeResult(1, 1), t.outcomes().result());
  }

  @Test
  void writingRejectsCodecsThatAreNotInjectiveAndTargetsWithoutSnapshots() {
    RevisedValues<String, NpsAccumulator> t = RevisedValues.create(NpsAccumulator.create());
    t.apply("a", 1, 9);
    t.apply("A", 1, 9);
    KeyCodec<String> lower = KeyCodec.of(k -> k.toLowerCase(java.util.Locale.ROOT), k -> k);
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> t.toBytes(lower))
            .getMessage()
            .contains("two keys encode to \"a\""));
    RevisedValues<String, IntRetractable> custom =
        RevisedValues.create(
            new IntRetractable() {
              @Override
              public void add(int value) {}

              @Override
              public void retract(int value) {}
            });
    assertThrows(IllegalArgumentException.class, () -> custom.toJson(KeyCodec.strings()));
  }

  @Test
  void emptyStatesRoundTrip() {
    RevisedValues<Long, NpsAccumulator> rv = RevisedValues.create(NpsAccumulator.create());
    assertArrayEquals(
        rv.toBytes(KeyCodec.longs()),
        RevisedValues.fromBytes(
                rv.toBytes(KeyCodec.longs()), NpsAccumulator.class, KeyCodec.longs())
            .toBytes(KeyCodec.longs()));
    RepeatContactTracker<String> t = RepeatContactTracker.create(Duration.ofNanos(1));
    assertEquals(
        t.toJson(KeyCodec.strings()),
        RepeatContactTracker.fromJson(t.toJson(KeyCodec.strings()), KeyCodec.strings())
            .toJson(KeyCodec.strings()));
  }
}
