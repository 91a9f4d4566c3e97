package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Checkpoints of {@link RevisedValues}: processing a stream in one go equals processing a prefix,
 * checkpointing (binary or JSON), restoring and processing the suffix; round trips are identity;
 * damaged snapshots fail with {@link IllegalArgumentException} only.
 */
class RevisedValuesSnapshotProperties {

  /** One call on the tracker. */
  sealed interface Op permits Apply, Remove, Forget {}

  record Apply(String key, long revision, int rating) implements Op {}

  record Remove(String key) implements Op {}

  record Forget(String key) implements Op {}

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<String> keys = Arbitraries.of("a", "b", "c", "d", "e", "ü-ключ", "\uD83D\uDE00 key");
    Arbitrary<Op> apply =
        Combinators.combine(
                keys, Arbitraries.longs().between(-3, 5), Arbitraries.integers().between(1, 5))
            .as(Apply::new);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, apply),
            net.jqwik.api.Tuple.of(1, keys.map(Remove::new)),
            net.jqwik.api.Tuple.of(1, keys.map(Forget::new)))
        .list()
        .ofMaxSize(50);
  }

  private static RevisedValues<String, RatingAccumulator> fresh() {
    return RevisedValues.create(RatingAccumulator.create(RatingScale.csatFivePoint()));
  }

  /** Runs the ops; returns what each call answered, plus the final observable state. */
  private static List<Object> run(RevisedValues<String, RatingAccumulator> t, List<Op> ops) {
    List<Object> seen = new ArrayList<>();
    for (Op op : ops) {
      if (op instanceof Apply a) {
        seen.add(t.apply(a.key(), a.revision(), a.rating()));
      } else if (op instanceof Remove r) {
        seen.add(t.remove(r.key()));
      } else if (op instanceof Forget f) {
        seen.add(t.forget(f.key()));
      }
    }
    seen.add(t.target().result());
    seen.add(t.staleCount());
    seen.add(t.size());
    return seen;
  }

  private static byte[] bytes(RevisedValues<String, RatingAccumulator> t) {
    return t.toBytes(KeyCodec.strings());
  }

  private static String json(RevisedValues<String, RatingAccumulator> t) {
    return t.toJson(KeyCodec.strings());
  }

  private static RevisedValues<String, RatingAccumulator> fromBytes(byte[] b) {
    return RevisedValues.fromBytes(b, RatingAccumulator.class, KeyCodec.strings());
  }

  private static RevisedValues<String, RatingAccumulator> fromJson(String j) {
    return RevisedValues.fromJson(j, RatingAccumulator.class, KeyCodec.strings());
  }

  @Property(tries = 300)
  void checkpointAnywhereThenContinueEqualsProcessingEverything(
      @ForAll("ops") List<Op> ops, @ForAll @IntRange(min = 0, max = 1000) int cutSeed) {
    int cut = cutSeed % (ops.size() + 1);
    List<Op> prefix = ops.subList(0, cut);
    List<Op> suffix = ops.subList(cut, ops.size());

    RevisedValues<String, RatingAccumulator> all = fresh();
    List<Object> expected = run(all, ops);
    List<Object> expectedSuffix = expected.subList(cut, expected.size());

    RevisedValues<String, RatingAccumulator> before = fresh();
    run(before, prefix);
    RevisedValues<String, RatingAccumulator> viaBytes = fromBytes(bytes(before));
    RevisedValues<String, RatingAccumulator> viaJson = fromJson(json(before));

    assertEquals(expectedSuffix, run(viaBytes, suffix));
    assertEquals(expectedSuffix, run(viaJson, suffix));
    assertArrayEquals(bytes(all), bytes(viaBytes));
    assertEquals(json(all), json(viaJson));
  }

  @Property(tries = 200)
  void roundTripsAreIdentity(@ForAll("ops") List<Op> ops) {
    RevisedValues<String, RatingAccumulator> t = fresh();
    run(t, ops);
    byte[] b = bytes(t);
    String j = json(t);
    assertArrayEquals(b, bytes(fromBytes(b)));
    assertEquals(j, json(fromJson(j)));
    // Both formats carry the same state.
    assertEquals(j, json(fromBytes(b)));
    assertArrayEquals(b, bytes(fromJson(j)));
    // The restored target is a separate object.
    RevisedValues<String, RatingAccumulator> r =
        fromBytes(Resealed.bytes(b)); // damaged behind a valid checksum
    r.apply("new-key", 0, 3);
    assertArrayEquals(b, bytes(t));
  }

  @Property(tries = 100)
  void everyTruncationIsReportedAsTruncated(@ForAll("ops") List<Op> ops) {
    RevisedValues<String, RatingAccumulator> t = fresh();
    run(t, ops);
    byte[] b = bytes(t);
    for (int len = 0; len < b.length; len++) {
      byte[] prefix = Arrays.copyOf(b, len);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> fromBytes(prefix));
      assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> fromBytes(Arrays.copyOf(b, b.length + 1)));
    assertTrue(e.getMessage().contains("corrupted"), e.getMessage());
  }

  @Property(tries = 300)
  void damagedBinaryFailsWithIllegalArgumentOrStaysUsable(
      @ForAll("ops") List<Op> ops,
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll byte replacement) {
    RevisedValues<String, RatingAccumulator> t = fresh();
    run(t, ops);
    byte[] b = bytes(t);
    b[position % b.length] = replacement;
    assertFailsNamingWhatIsWrongOrStaysUsable(b);
  }

  /**
   * The whole space of the property above for one small snapshot: every byte replaced by every
   * value. CI met one of these cases by seed luck (kind byte 49, session 10); enumerated, no such
   * case waits for a seed.
   */
  @net.jqwik.api.Example
  void everyByteOfASmallSnapshotReplacedByEveryValueFailsNamedOrStaysUsable() {
    RevisedValues<String, RatingAccumulator> t = fresh();
    run(
        t,
        List.of(
            new Apply("a", 1, 4),
            new Apply("ü-ключ", -3, 2),
            new Apply("\uD83D\uDE00 key", 5, 5),
            new Apply("b", 2, 1),
            new Remove("a"),
            new Forget("b")));
    byte[] good = bytes(t);
    for (int p = 0; p < good.length; p++) {
      for (int v = 0; v < 256; v++) {
        byte[] b = good.clone();
        b[p] = (byte) v;
        assertFailsNamingWhatIsWrongOrStaysUsable(b);
      }
    }
  }

  /** Damaged behind a valid checksum: a named binary error, or a tracker that keeps working. */
  private static void assertFailsNamingWhatIsWrongOrStaysUsable(byte[] damaged) {
    RevisedValues<String, RatingAccumulator> r;
    try {
      r = fromBytes(Resealed.bytes(damaged));
    } catch (IllegalArgumentException expected) {
      assertNamesWhatIsWrong(expected, BINARY_ERROR);
      return;
    } catch (RuntimeException e) {
      fail("damaged snapshot raised " + e, e);
      return;
    }
    // Whatever decoded is internally consistent: further revisions never fail.
    for (String key : List.of("a", "b", "c", "d", "e", "ü-ключ", "\uD83D\uDE00 key")) {
      r.apply(key, 100, 2);
      r.apply(key, 101, 5);
      r.remove(key);
    }
  }

  @Property(tries = 300)
  void damagedJsonFailsWithIllegalArgumentOrStaysUsable(
      @ForAll("ops") List<Op> ops,
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll("jsonChars") char replacement) {
    RevisedValues<String, RatingAccumulator> t = fresh();
    run(t, ops);
    char[] j = json(t).toCharArray();
    j[position % j.length] = replacement;
    RevisedValues<String, RatingAccumulator> r;
    try {
      r = fromJson(Resealed.json(new String(j)));
    } catch (IllegalArgumentException expected) {
      assertNamesWhatIsWrong(expected, JSON_ERROR);
      return;
    } catch (RuntimeException e) {
      fail("damaged snapshot raised " + e, e);
      return;
    }
    for (String key : List.of("a", "b", "c", "d", "e", "ü-ключ", "\uD83D\uDE00 key")) {
      r.apply(key, 100, 2);
      r.apply(key, 101, 5);
      r.remove(key);
    }
  }

  @Provide
  Arbitrary<Character> jsonChars() {
    return Arbitraries.of('"', '{', '}', '[', ']', ',', ':', '0', '9', '-', 'a', ' ', '.', 'e');
  }

  @Property(tries = 100)
  void keysSurviveAnyUnicodeTextAndUnstorableTextIsRejected(@ForAll String key) {
    RevisedValues<String, RatingAccumulator> t = fresh();
    if (BlankKeysTest.blank(key)) {
      assertThrows(IllegalArgumentException.class, () -> t.apply(key, 1, 4));
      assertEquals(0, t.size());
      return;
    }
    t.apply(key, 1, 4);
    if (!StandardCharsets.UTF_8.newEncoder().canEncode(key)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bytes(t));
      assertTrue(e.getMessage().contains("unpaired surrogate"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> json(t));
      return;
    }
    for (RevisedValues<String, RatingAccumulator> r :
        List.of(fromBytes(bytes(t)), fromJson(json(t)))) {
      assertEquals(RevisedValues.Outcome.STALE, r.apply(key, 0, 5));
      assertEquals(RevisedValues.Outcome.DUPLICATE, r.apply(key, 1, 4));
      assertEquals(RevisedValues.Outcome.REPLACED, r.apply(key, 2, 1));
    }
  }

  /**
   * A kind byte damaged into another core's kind (found by CI: 49 is qa-core's) is named as that
   * core's snapshot, and the message still matches {@link #BINARY_ERROR}.
   */
  @net.jqwik.api.Example
  void aKindByteOfAnotherCoreIsNamedAndMatchesTheErrorShape() {
    // 0x32 and 0x33 (qa-core's score ledger and outcome shares) were "kind 50 is not a
    // RevisedValues
    // snapshot", naming no reader
    String[] readers = {
      "SlaClockSnapshot.fromBytes",
      "ScoreAggregator.fromBytes",
      "ScoreLedger.fromBytes",
      "OutcomeShares.fromBytes"
    };
    byte[] kinds = {'S', 0x31, 0x32, 0x33};
    for (int i = 0; i < kinds.length; i++) {
      RevisedValues<String, RatingAccumulator> t = fresh();
      byte[] b = bytes(t);
      b[2] = kinds[i];
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> fromBytes(Resealed.bytes(b)));
      assertTrue(e.getMessage().contains("-core"), e.getMessage());
      assertTrue(e.getMessage().contains(readers[i]), e.getMessage());
      assertNamesWhatIsWrong(e, BINARY_ERROR);
    }
  }

  /** Every binary error names a field, the truncation point, trailing bytes, version or kind. */
  static final java.util.regex.Pattern BINARY_ERROR =
      java.util.regex.Pattern.compile(
          "^(snapshot field \\S+|snapshot is truncated at byte \\d+ while reading field \\S+"
              + "|snapshot has \\d+ trailing bytes|version is \\d+|kind is \\d+|(\\S+\\.)?kind mismatch"
              + "|snapshot is corrupted|not a servicekit snapshot)([ :,].*)?",
          java.util.regex.Pattern.DOTALL);

  /** Every JSON error names a JSON path (or says the text is not JSON at all). */
  static final java.util.regex.Pattern JSON_ERROR =
      java.util.regex.Pattern.compile(
          // what is wrong, then the one layout's location
          "^\\S.* \\(at \\$.*, line \\d+, column \\d+\\)", java.util.regex.Pattern.DOTALL);

  static void assertNamesWhatIsWrong(IllegalArgumentException e, java.util.regex.Pattern p) {
    assertTrue(e.getMessage() != null && p.matcher(e.getMessage()).matches(), e.getMessage());
  }
}
