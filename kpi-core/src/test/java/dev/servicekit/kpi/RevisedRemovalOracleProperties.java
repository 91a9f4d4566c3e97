package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@link RevisedValues#remove(Object, long)} against a model written from its javadoc: a removal is
 * one more revision of its key, winning over a value of the same revision, so the key ends removed
 * exactly when its highest revision is a removal, whatever the arrival order, however the revisions
 * are split across shards and merged, and across snapshot round trips.
 */
class RevisedRemovalOracleProperties {

  /** One revision of a key: a value, or a removal ({@code value == null}). */
  private record Op(String key, long revision, Integer value) {
    /** The order of "last revision wins": revision, then a removal, then the larger value. */
    boolean beats(Op other) {
      if (revision != other.revision) {
        return revision > other.revision;
      }
      if (value == null || other.value == null) {
        return value == null && other.value != null;
      }
      return value > other.value;
    }
  }

  private static final RatingScale SCALE = RatingScale.csatFivePoint();

  private static List<Op> history(Random r) {
    List<Op> ops = new ArrayList<>();
    for (int i = r.nextInt(60); i > 0; i--) {
      String key = "k" + r.nextInt(5);
      long revision = r.nextInt(5);
      ops.add(new Op(key, revision, r.nextInt(3) == 0 ? null : 1 + r.nextInt(5)));
    }
    return ops;
  }

  private static void feed(RevisedValues<String, RatingAccumulator> rv, Op op) {
    if (op.value() == null) {
      rv.remove(op.key(), op.revision());
    } else {
      rv.apply(op.key(), op.revision(), op.value());
    }
  }

  private static RevisedValues<String, RatingAccumulator> roundTrip(
      RevisedValues<String, RatingAccumulator> rv, Random r) {
    return r.nextBoolean()
        ? RevisedValues.fromBytes(
            rv.toBytes(KeyCodec.strings()), RatingAccumulator.class, KeyCodec.strings())
        : RevisedValues.fromJson(
            rv.toJson(KeyCodec.strings()), RatingAccumulator.class, KeyCodec.strings());
  }

  @Property(tries = 300)
  void theKeyEndsAsItsHighestRevisionSaysWhateverTheOrderAndTheShards(@ForAll Random r) {
    List<Op> ops = history(r);
    Map<String, Op> last = new HashMap<>();
    for (Op op : ops) {
      last.merge(op.key(), op, (a, b) -> b.beats(a) ? b : a);
    }
    RatingAccumulator expected = RatingAccumulator.create(SCALE);
    long valued = last.values().stream().filter(o -> o.value() != null).count();
    last.values().stream().filter(o -> o.value() != null).forEach(o -> expected.add(o.value()));

    byte[] first = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      List<Op> shuffled = new ArrayList<>(ops);
      Collections.shuffle(shuffled, r);
      int shards = 1 + r.nextInt(3);
      List<RevisedValues<String, RatingAccumulator>> rvs = new ArrayList<>();
      for (int i = 0; i < shards; i++) {
        rvs.add(RevisedValues.create(RatingAccumulator.create(SCALE)));
      }
      for (Op op : shuffled) {
        int s = r.nextInt(shards);
        feed(rvs.get(s), op);
        if (r.nextInt(15) == 0) {
          rvs.set(s, roundTrip(rvs.get(s), r));
        }
      }
      Collections.shuffle(rvs, r);
      RevisedValues<String, RatingAccumulator> into = rvs.get(0);
      for (int i = 1; i < shards; i++) {
        into.merge(rvs.get(i));
      }
      into = roundTrip(into, r);
      assertEquals(expected.result(), into.target().result(), "ops " + ops);
      assertEquals(valued, into.size());
      assertEquals(last.size() - valued, into.removedSize());
      byte[] bytes = into.toBytes(KeyCodec.strings());
      if (first != null) {
        // the stale count depends on the order and the shards; the rest does not
        assertEquals(
            RevisedValues.fromBytes(first, RatingAccumulator.class, KeyCodec.strings())
                .toJson(KeyCodec.strings())
                .replaceAll("\"staleCount\":\\d+", "")
                .replaceAll("\"crc32c\":\"[0-9a-f]+\"", ""),
            into.toJson(KeyCodec.strings())
                .replaceAll("\"staleCount\":\\d+", "")
                .replaceAll("\"crc32c\":\"[0-9a-f]+\"", ""));
      }
      first = bytes;
    }
  }

  @Property(tries = 200)
  void outcomesFollowTheRuleAndARefusedRemovalChangesNothing(@ForAll Random r) {
    RevisedValues<String, RatingAccumulator> rv =
        RevisedValues.create(RatingAccumulator.create(SCALE));
    Map<String, Op> held = new HashMap<>();
    long stale = 0;
    for (Op op : history(r)) {
      Op before = held.get(op.key());
      RevisedValues.Outcome outcome;
      if (op.value() == null) {
        outcome = rv.remove(op.key(), op.revision());
        if (before == null || op.beats(before)) {
          assertEquals(RevisedValues.Outcome.REMOVED, outcome, op + " after " + before);
          held.put(op.key(), op);
        } else if (before.equals(op)) {
          assertEquals(RevisedValues.Outcome.DUPLICATE, outcome);
        } else {
          assertEquals(RevisedValues.Outcome.STALE, outcome, op + " after " + before);
          stale++;
        }
      } else {
        outcome = rv.apply(op.key(), op.revision(), op.value());
        if (before == null || op.beats(before)) {
          held.put(op.key(), op);
          assertTrue(
              outcome
                  == (before == null || before.value() == null
                      ? RevisedValues.Outcome.ADDED
                      : RevisedValues.Outcome.REPLACED),
              op + " after " + before + ": " + outcome);
        } else if (before.equals(op)) {
          assertEquals(RevisedValues.Outcome.DUPLICATE, outcome);
        } else {
          assertEquals(RevisedValues.Outcome.STALE, outcome);
          stale++;
        }
      }
      assertEquals(stale, rv.staleCount());
    }
    // a removal of a String key with an unpaired surrogate is refused before anything changes
    byte[] before = rv.toBytes(KeyCodec.strings());
    assertThrows(IllegalArgumentException.class, () -> rv.remove("bad\uD800", 1));
    assertArrayEquals(before, rv.toBytes(KeyCodec.strings()));
  }

  @Example
  void aDeletionOvertakenByItsEditStaysDeleted() {
    RevisedValues<String, RatingAccumulator> csat =
        RevisedValues.create(RatingAccumulator.create(SCALE));
    csat.apply("survey-1", 1, 1);
    // the survey was edited to 5 (revision 2), then deleted (revision 3); the edit arrives last
    assertEquals(RevisedValues.Outcome.REMOVED, csat.remove("survey-1", 3));
    assertEquals(RevisedValues.Outcome.STALE, csat.apply("survey-1", 2, 5));
    assertEquals(0, csat.target().result().count());
    assertEquals(1, csat.removedSize());
    // restored in the source system as revision 4
    assertEquals(RevisedValues.Outcome.ADDED, csat.apply("survey-1", 4, 4));
    assertEquals(1, csat.target().result().count());
    assertEquals(0, csat.removedSize());
    assertTrue(csat.forget("survey-1"));
    // remove(key) forgets a key kept as removed too
    csat.remove("survey-2", 7);
    assertTrue(csat.remove("survey-2"));
    assertEquals(0, csat.removedSize());
    assertTrue(!csat.remove("survey-2"));
  }

  @Example
  void aSnapshotWithoutRemovalsIsTheFormerBytesAndRemovalsAreChecked() {
    RevisedValues<String, RatingAccumulator> rv =
        RevisedValues.create(RatingAccumulator.create(SCALE));
    rv.apply("a", 1, 3);
    byte[] plain = rv.toBytes(KeyCodec.strings());
    assertTrue(!rv.toJson(KeyCodec.strings()).contains("removed"));
    rv.remove("b", 2);
    byte[] withRemoval = rv.toBytes(KeyCodec.strings());
    assertTrue(withRemoval.length > plain.length);
    String json = rv.toJson(KeyCodec.strings());
    assertTrue(json.contains("\"removed\":[{\"key\":\"b\",\"revision\":2}]"), json);
    String clash = Resealed.json(json.replace("\"key\":\"b\"", "\"key\":\"a\""));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RevisedValues.fromJson(clash, RatingAccumulator.class, KeyCodec.strings()));
    assertTrue(e.getMessage().contains("state.removed[0].key"), e.getMessage());
    assertTrue(e.getMessage().contains("repeats an earlier key"), e.getMessage());
  }
}
