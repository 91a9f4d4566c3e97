package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Shards of a score aggregator merge into what one node computes; snapshots travel intact. */
class ScoreAggregatorShardProperties {

  record Score(String agent, LocalDate day, double score, int shard) {}

  private static final LocalDate D0 = LocalDate.of(2026, 3, 2);
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  @Provide
  Arbitrary<List<Score>> scores() {
    return Combinators.combine(
            Arbitraries.of("ann", "bob", "cid"),
            Arbitraries.integers().between(0, 60),
            Arbitraries.doubles().between(0, 100).ofScale(2),
            Arbitraries.integers().between(0, 3))
        .as((a, d, s, shard) -> new Score(a, D0.plusDays(d), s, shard))
        .list()
        .ofMaxSize(200);
  }

  private static void assertSameCells(ScoreAggregator expected, ScoreAggregator actual) {
    SortedMap<AgentPeriod, ScoreSummary> e = expected.summaries(0.95, 5);
    SortedMap<AgentPeriod, ScoreSummary> a = actual.summaries(0.95, 5);
    assertEquals(e.keySet(), a.keySet());
    for (Map.Entry<AgentPeriod, ScoreSummary> x : e.entrySet()) {
      ScoreSummary y = a.get(x.getKey());
      assertEquals(x.getValue().count(), y.count());
      assertEquals(x.getValue().mean(), y.mean(), 1e-9);
      if (!Double.isNaN(x.getValue().standardDeviation())) {
        assertEquals(x.getValue().standardDeviation(), y.standardDeviation(), 1e-6);
      }
    }
  }

  @Property(tries = 200)
  void shardsMergedEqualOneNode(
      @ForAll("scores") List<Score> scores, @ForAll Granularity granularity) {
    ScoreAggregator one = ScoreAggregator.create(granularity, ZONE);
    List<ScoreAggregator> shards = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      shards.add(ScoreAggregator.create(granularity, ZONE));
    }
    for (Score s : scores) {
      one.add(s.agent(), s.day(), s.score());
      shards.get(s.shard()).add(s.agent(), s.day(), s.score());
    }
    ScoreAggregator merged = ScoreAggregator.create(granularity, ZONE);
    for (ScoreAggregator s : shards) {
      // each shard travels as a snapshot, as between nodes
      merged.merge(ScoreAggregator.fromBytes(s.toBytes()));
    }
    assertSameCells(one, merged);
  }

  @Property(tries = 100)
  void snapshotRoundTripIsExact(@ForAll("scores") List<Score> scores) {
    ScoreAggregator a = ScoreAggregator.create(Granularity.WEEK, ZONE);
    scores.forEach(s -> a.add(s.agent(), s.day(), s.score()));
    byte[] b = a.toBytes();
    ScoreAggregator back = ScoreAggregator.fromBytes(b);
    assertArrayEquals(b, back.toBytes());
    assertEquals(a.summaries(0.9, 3), back.summaries(0.9, 3));
  }

  @Property(tries = 60)
  void everyBitFlipAndTruncationIsRejected(
      @ForAll("scores") List<Score> scores, @ForAll @IntRange(min = 0, max = 1 << 20) int at) {
    ScoreAggregator a = ScoreAggregator.create(Granularity.DAY, ZONE);
    scores.forEach(s -> a.add(s.agent(), s.day(), s.score()));
    byte[] good = a.toBytes();
    byte[] flipped = good.clone();
    int bit = at % (good.length * 8);
    flipped[bit / 8] ^= (byte) (1 << (bit % 8));
    assertThrows(IllegalArgumentException.class, () -> ScoreAggregator.fromBytes(flipped));
    byte[] cut = Arrays.copyOf(good, at % good.length);
    assertThrows(IllegalArgumentException.class, () -> ScoreAggregator.fromBytes(cut));
  }

  @Test
  void aSnapshotOfAnotherKindIsNamed() {
    byte[] b = ScoreAggregator.create(Granularity.DAY, ZONE).toBytes();
    b[2] = 1;
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(b, 0, b.length - 4);
    java.nio.ByteBuffer.wrap(b, b.length - 4, 4).putInt((int) crc.getValue());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ScoreAggregator.fromBytes(b));
    assertEquals(
        "expected a score aggregator snapshot (kind 49), found kind 1 (a kpi-core snapshot:"
            + " KpiSnapshots.fromBytes)",
        e.getMessage());
  }
}
