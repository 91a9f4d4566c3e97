package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Checkpoints of {@link RepeatContactTracker}: processing a stream in one go equals processing a
 * prefix, checkpointing (binary or JSON), restoring and processing the suffix; round trips are
 * identity; damaged snapshots fail with {@link IllegalArgumentException} only.
 */
class RepeatContactTrackerSnapshotProperties {

  /** Crosses the epoch, so negative epoch seconds are exercised too. */
  private static final Instant BASE = Instant.parse("1969-12-31T23:30:00Z");

  private static final Duration WINDOW = Duration.ofMinutes(10).plusNanos(500);

  sealed interface Op permits Contact, Evict {}

  record Contact(long customer, Instant at) implements Op {}

  record Evict(Instant cutoff) implements Op {}

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Instant> times =
        Combinators.combine(
                Arbitraries.integers().between(0, 3600), Arbitraries.of(0, 1, 500, 999_999_999))
            .as((s, n) -> BASE.plusSeconds(s).plusNanos(n));
    Arbitrary<Op> contact =
        Combinators.combine(Arbitraries.longs().between(-2, 3), times).as(Contact::new);
    return Arbitraries.frequencyOf(Tuple.of(9, contact), Tuple.of(1, times.map(Evict::new)))
        .list()
        .ofMaxSize(60);
  }

  private static List<Object> run(RepeatContactTracker<Long> t, List<Op> ops) {
    List<Object> seen = new ArrayList<>();
    for (Op op : ops) {
      if (op instanceof Contact c) {
        seen.add(t.contact(c.customer(), c.at()));
      } else if (op instanceof Evict e) {
        t.evictBefore(e.cutoff());
        seen.add("evicted");
      }
    }
    seen.add(t.outcomes().result());
    seen.add(t.window());
    return seen;
  }

  private static RepeatContactTracker<Long> fromBytes(byte[] b) {
    return RepeatContactTracker.fromBytes(b, KeyCodec.longs());
  }

  private static RepeatContactTracker<Long> fromJson(String j) {
    return RepeatContactTracker.fromJson(j, KeyCodec.longs());
  }

  @Property(tries = 300)
  void checkpointAnywhereThenContinueEqualsProcessingEverything(
      @ForAll("ops") List<Op> ops, @ForAll @IntRange(min = 0, max = 1000) int cutSeed) {
    int cut = cutSeed % (ops.size() + 1);
    RepeatContactTracker<Long> all = RepeatContactTracker.create(WINDOW);
    List<Object> expected = run(all, ops);
    List<Object> expectedSuffix = expected.subList(cut, expected.size());

    RepeatContactTracker<Long> before = RepeatContactTracker.create(WINDOW);
    run(before, ops.subList(0, cut));
    RepeatContactTracker<Long> viaBytes = fromBytes(before.toBytes(KeyCodec.longs()));
    RepeatContactTracker<Long> viaJson = fromJson(before.toJson(KeyCodec.longs()));

    List<Op> suffix = ops.subList(cut, ops.size());
    assertEquals(expectedSuffix, run(viaBytes, suffix));
    assertEquals(expectedSuffix, run(viaJson, suffix));
    assertArrayEquals(all.toBytes(KeyCodec.longs()), viaBytes.toBytes(KeyCodec.longs()));
    assertEquals(all.toJson(KeyCodec.longs()), viaJson.toJson(KeyCodec.longs()));
  }

  @Property(tries = 200)
  void roundTripsAreIdentity(@ForAll("ops") List<Op> ops) {
    RepeatContactTracker<Long> t = RepeatContactTracker.create(WINDOW);
    run(t, ops);
    byte[] b = t.toBytes(KeyCodec.longs());
    String j = t.toJson(KeyCodec.longs());
    assertArrayEquals(b, fromBytes(b).toBytes(KeyCodec.longs()));
    assertEquals(j, fromJson(j).toJson(KeyCodec.longs()));
    assertEquals(j, fromBytes(b).toJson(KeyCodec.longs()));
    assertArrayEquals(b, fromJson(j).toBytes(KeyCodec.longs()));
  }

  @Property(tries = 100)
  void everyTruncationIsReportedAsTruncated(@ForAll("ops") List<Op> ops) {
    RepeatContactTracker<Long> t = RepeatContactTracker.create(WINDOW);
    run(t, ops);
    byte[] b = t.toBytes(KeyCodec.longs());
    for (int len = 0; len < b.length; len++) {
      byte[] prefix = Arrays.copyOf(b, len);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> fromBytes(prefix));
      assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
  }

  @Property(tries = 300)
  void damagedBinaryFailsWithIllegalArgumentOrStaysUsable(
      @ForAll("ops") List<Op> ops,
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll byte replacement) {
    RepeatContactTracker<Long> t = RepeatContactTracker.create(WINDOW);
    run(t, ops);
    byte[] b = t.toBytes(KeyCodec.longs());
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
    RepeatContactTracker<Long> t = RepeatContactTracker.create(WINDOW);
    run(
        t,
        List.of(
            new Contact(-2, BASE.plusNanos(1)),
            new Contact(3, BASE.plusSeconds(60)),
            new Contact(-2, BASE.plusSeconds(600).plusNanos(999_999_999)),
            new Evict(BASE.plusSeconds(30)),
            new Contact(0, BASE.plusSeconds(3600))));
    byte[] good = t.toBytes(KeyCodec.longs());
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
    RepeatContactTracker<Long> r;
    try {
      r = fromBytes(Resealed.bytes(damaged));
    } catch (IllegalArgumentException expected) {
      assertNamesWhatIsWrong(expected, BINARY_ERROR);
      return;
    } catch (RuntimeException e) {
      fail("damaged snapshot raised " + e, e);
      return;
    }
    // Whatever decoded is internally consistent: further contacts never fail.
    for (long c = -2; c <= 3; c++) {
      for (int s = 0; s <= 3600; s += 300) {
        r.contact(c, BASE.plusSeconds(s).plusNanos(7));
      }
    }
  }

  @Property(tries = 300)
  void damagedJsonFailsWithIllegalArgumentOrStaysUsable(
      @ForAll("ops") List<Op> ops,
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll("jsonChars") char replacement) {
    RepeatContactTracker<Long> t = RepeatContactTracker.create(WINDOW);
    run(t, ops);
    char[] j = t.toJson(KeyCodec.longs()).toCharArray();
    j[position % j.length] = replacement;
    RepeatContactTracker<Long> r;
    try {
      r = fromJson(Resealed.json(new String(j)));
    } catch (IllegalArgumentException expected) {
      assertNamesWhatIsWrong(expected, JSON_ERROR);
      return;
    } catch (RuntimeException e) {
      fail("damaged snapshot raised " + e, e);
      return;
    }
    for (long c = -2; c <= 3; c++) {
      for (int s = 0; s <= 3600; s += 300) {
        r.contact(c, BASE.plusSeconds(s).plusNanos(7));
      }
    }
  }

  @Provide
  Arbitrary<Character> jsonChars() {
    return Arbitraries.of('"', '{', '}', '[', ']', ',', ':', '0', '9', '-', 'T', 'Z', 'P', ' ');
  }

  /**
   * A kind byte damaged into another core's kind (found by CI: 49 is qa-core's) is named as that
   * core's snapshot, and the message still matches {@link #BINARY_ERROR}.
   */
  @net.jqwik.api.Example
  void aKindByteOfAnotherCoreIsNamedAndMatchesTheErrorShape() {
    for (byte kind : new byte[] {'S', 0x31}) {
      RepeatContactTracker<Long> t = RepeatContactTracker.create(WINDOW);
      byte[] b = t.toBytes(KeyCodec.longs());
      b[2] = kind;
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> fromBytes(Resealed.bytes(b)));
      assertTrue(e.getMessage().contains("-core"), e.getMessage());
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
