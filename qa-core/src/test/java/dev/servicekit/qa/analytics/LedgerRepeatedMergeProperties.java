package dev.servicekit.qa.analytics;

import dev.servicekit.qa.analytics.ScoreLedgerProperties.Call;
import dev.servicekit.qa.analytics.ScoreLedgerProperties.Chain;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Shards that keep receiving an at-least-once feed are merged into a global ledger again and again
 * (the same shard many times, as a periodic job does): merging again is as if its calls came again,
 * so at the end the global ledger counts each evaluation's last state once, exactly as a ledger fed
 * every call (the model: the final states not removed), and reads back from its snapshot. The
 * shards' share recorders count the same.
 */
class LedgerRepeatedMergeProperties {

  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  @Property(tries = 200)
  void repeatedMergesOfGrowingShardsCountEachEvaluationOnce(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 10) int n,
      @ForAll @IntRange(min = 1, max = 3) int shards) {
    Random r = new Random(seed);
    List<Chain> chains = ScoreLedgerProperties.chains(r, n);
    ScoreLedger global =
        mergedAgainAndAgain(
            r, chains, shards, () -> ScoreLedger.create(Granularity.WEEK, ZONE), true);
    ScoreLedgerProperties.assertSameScores(
        ScoreLedgerProperties.expected(chains, Granularity.WEEK), global.summaries(0.95, 5));
    ScoreLedgerProperties.assertSameScores(
        ScoreLedgerProperties.expected(chains, Granularity.WEEK),
        ScoreLedger.fromBytes(global.toBytes()).summaries(0.95, 5));
  }

  @Property(tries = 100)
  void repeatedMergesCountEachOutcomeOnce(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 10) int n,
      @ForAll @IntRange(min = 1, max = 3) int shards) {
    Random r = new Random(seed);
    List<Chain> chains = ScoreLedgerProperties.chains(r, n);
    ScoreLedger global =
        mergedAgainAndAgain(
            r,
            chains,
            shards,
            () ->
                ScoreLedger.create(
                    Granularity.WEEK,
                    ZONE,
                    ScoreLedgerSharesProperties.templates(Granularity.WEEK)),
            false);
    List<String> got = new ArrayList<>();
    for (OutcomeShares s : global.shares()) {
      got.add(ScoreLedgerSharesProperties.state(s));
    }
    org.junit.jupiter.api.Assertions.assertEquals(
        ScoreLedgerSharesProperties.expected(chains, Granularity.WEEK), got);
  }

  /**
   * The calls of {@code chains} fed to {@code shards} ledgers at random, a random shard merged into
   * a global ledger after about every third call (which, with {@code restore}, is now and then read
   * back from its own snapshot), and every shard merged in at the end: the global ledger.
   */
  private static ScoreLedger mergedAgainAndAgain(
      Random r, List<Chain> chains, int shards, Supplier<ScoreLedger> create, boolean restore) {
    List<Call> calls = ScoreLedgerProperties.calls(r, chains);
    List<ScoreLedger> parts = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      parts.add(create.get());
    }
    ScoreLedger global = create.get();
    for (Call c : calls) {
      ScoreLedgerProperties.apply(parts.get(r.nextInt(shards)), c);
      if (r.nextInt(3) == 0) {
        global.merge(parts.get(r.nextInt(shards)));
      }
      if (restore && r.nextInt(8) == 0) {
        global = ScoreLedger.fromBytes(global.toBytes());
      }
    }
    for (ScoreLedger p : parts) {
      global.merge(p);
    }
    return global;
  }
}
