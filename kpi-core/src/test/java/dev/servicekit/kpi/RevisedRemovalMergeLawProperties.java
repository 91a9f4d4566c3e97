package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@link RevisedValues#merge} with removals (tombstones), forgotten keys and keys forgotten with
 * their removal: over three shards, every order and grouping of the merges gives the same snapshot
 * bytes (the stale count included, as it is their sum), and a merge the target refuses changes
 * neither side.
 */
class RevisedRemovalMergeLawProperties {

  private static final RatingScale SCALE = RatingScale.csatFivePoint();

  private static RevisedValues<String, RatingAccumulator> shard(Random r) {
    RevisedValues<String, RatingAccumulator> rv =
        RevisedValues.create(RatingAccumulator.create(SCALE));
    for (int i = r.nextInt(30); i > 0; i--) {
      String key = "k" + r.nextInt(6);
      long revision = r.nextInt(4) - 1; // negative revisions included
      switch (r.nextInt(8)) {
        case 0, 1 -> rv.remove(key, revision);
        case 2 -> rv.forget(key);
        case 3 -> {
          if (r.nextInt(3) == 0) {
            rv.remove(key);
          }
        }
        default -> rv.apply(key, revision, 1 + r.nextInt(5));
      }
      if (r.nextInt(20) == 0) {
        rv = copy(rv);
      }
    }
    return rv;
  }

  private static RevisedValues<String, RatingAccumulator> copy(
      RevisedValues<String, RatingAccumulator> rv) {
    return RevisedValues.fromBytes(
        rv.toBytes(KeyCodec.strings()), RatingAccumulator.class, KeyCodec.strings());
  }

  private static byte[] bytes(RevisedValues<String, RatingAccumulator> rv) {
    return rv.toBytes(KeyCodec.strings());
  }

  @Property(tries = 300)
  void mergingThreeShardsInAnyOrderAndGroupingGivesTheSameBytes(@ForAll Random r) {
    List<RevisedValues<String, RatingAccumulator>> shards = List.of(shard(r), shard(r), shard(r));
    List<byte[]> originals = new ArrayList<>();
    shards.forEach(s -> originals.add(bytes(s)));
    int[][] orders = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
    byte[] expected = null;
    for (int[] o : orders) {
      // (x + y) + z
      RevisedValues<String, RatingAccumulator> left = copy(shards.get(o[0]));
      left.merge(shards.get(o[1]));
      left.merge(shards.get(o[2]));
      // x + (y + z)
      RevisedValues<String, RatingAccumulator> inner = copy(shards.get(o[1]));
      inner.merge(shards.get(o[2]));
      RevisedValues<String, RatingAccumulator> right = copy(shards.get(o[0]));
      right.merge(inner);
      if (expected == null) {
        expected = bytes(left);
      }
      assertArrayEquals(expected, bytes(left), "order " + o[0] + o[1] + o[2]);
      assertArrayEquals(expected, bytes(right), "order " + o[0] + "(" + o[1] + o[2] + ")");
    }
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(originals.get(i), bytes(shards.get(i)), "a merged shard changed");
    }
  }

  @Property(tries = 100)
  void aMergeTheTargetRefusesChangesNeitherSide(@ForAll Random r) {
    RevisedValues<String, RatingAccumulator> into = shard(r);
    RevisedValues<String, RatingAccumulator> other =
        RevisedValues.create(RatingAccumulator.create(RatingScale.of(0, 10, 9)));
    other.apply("k1", 1, 10);
    other.remove("k2", 5);
    byte[] before = bytes(into);
    byte[] otherBefore = other.toBytes(KeyCodec.strings());
    assertThrows(IllegalArgumentException.class, () -> into.merge(other));
    assertArrayEquals(before, bytes(into));
    assertArrayEquals(otherBefore, other.toBytes(KeyCodec.strings()));
    assertEquals(before.length, bytes(copy(into)).length);

    // refused part-way: the target's count would overflow at one of other's keys
    RevisedValues<String, RatingAccumulator> full =
        RevisedValues.create(RatingAccumulator.create(SCALE));
    full.remove("k2", 1);
    String json =
        Resealed.json(
            full.toJson(KeyCodec.strings())
                .replace("\"count5\":0", "\"count5\":" + Long.MAX_VALUE / 5));
    RevisedValues<String, RatingAccumulator> nearlyFull =
        RevisedValues.fromJson(json, RatingAccumulator.class, KeyCodec.strings());
    RevisedValues<String, RatingAccumulator> more = shard(r);
    more.remove("z3", 9);
    more.apply("z4", 0, 5);
    byte[] fullBefore = bytes(nearlyFull);
    byte[] moreBefore = bytes(more);
    assertThrows(ArithmeticException.class, () -> nearlyFull.merge(more));
    assertArrayEquals(fullBefore, bytes(nearlyFull));
    assertArrayEquals(moreBefore, bytes(more));
  }
}
