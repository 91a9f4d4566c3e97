package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.qa.Answer;
import dev.servicekit.qa.Checklist;
import dev.servicekit.qa.Criterion;
import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.ScoreBands;
import dev.servicekit.qa.Section;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Rejected input leaves the analytics exactly as they were; incompatible recorders do not merge;
 * means and deviations stay finite over the accepted score range.
 */
class AnalyticsRejectionProperties {

  private static final LocalDate D0 = LocalDate.of(2026, 3, 2);
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  record Add(String agent, LocalDate day, double score) {}

  @Provide
  Arbitrary<List<Add>> mixedAdds() {
    Arbitrary<Double> valid = Arbitraries.doubles().between(0, 120).ofScale(2);
    Arbitrary<Double> invalid =
        Arbitraries.of(
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            1e101,
            -Double.MAX_VALUE);
    return Combinators.combine(
            Arbitraries.of("ann", "bob", "cid"),
            Arbitraries.integers().between(0, 40),
            Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, valid), net.jqwik.api.Tuple.of(1, invalid)))
        .as((a, d, s) -> new Add(a, D0.plusDays(d), s))
        .list()
        .ofMaxSize(60);
  }

  @Property(tries = 200)
  void rejectedAddsLeaveTheAggregatorAsIfOnlyValidOnesWereFed(
      @ForAll("mixedAdds") List<Add> adds, @ForAll Granularity granularity) {
    ScoreAggregator mixed = ScoreAggregator.create(granularity, ZONE);
    ScoreAggregator validOnly = ScoreAggregator.create(granularity, ZONE);
    for (Add a : adds) {
      boolean valid = Double.isFinite(a.score()) && Math.abs(a.score()) <= 1e100;
      if (valid) {
        mixed.add(a.agent(), a.day(), a.score());
        validOnly.add(a.agent(), a.day(), a.score());
      } else {
        byte[] before = mixed.toBytes();
        IllegalArgumentException e =
            assertThrows(
                IllegalArgumentException.class, () -> mixed.add(a.agent(), a.day(), a.score()));
        assertTrue(e.getMessage().startsWith("score "), e.getMessage());
        assertArrayEquals(before, mixed.toBytes());
      }
    }
    assertArrayEquals(validOnly.toBytes(), mixed.toBytes());
    // readable, and every cell it has survives a snapshot and a merge into a healthy shard
    assertEquals(validOnly.summaries(0.95, 5), mixed.summaries(0.95, 5));
    ScoreAggregator healthy = ScoreAggregator.create(granularity, ZONE);
    healthy.add("dan", D0, 80);
    healthy.merge(ScoreAggregator.fromBytes(mixed.toBytes()));
    assertEquals(mixed.summaries(0.95, 5).size() + 1, healthy.summaries(0.95, 5).size());
  }

  @Test
  void aNanScoreOnAFreshAggregatorLeavesNoEmptyCell() {
    ScoreAggregator a = ScoreAggregator.create(Granularity.DAY, ZoneOffset.UTC);
    byte[] empty = a.toBytes();
    assertThrows(IllegalArgumentException.class, () -> a.add("agent-1", D0, Double.NaN));
    assertArrayEquals(empty, a.toBytes());
    assertTrue(a.summaries(0.95, 5).isEmpty());
  }

  /** A snapshot as older code wrote it after a rejected add: one cell with count 0. */
  private static byte[] snapshotWithAnEmptyCell() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {'S', 'K', (byte) ScoreAggregator.SNAPSHOT_KIND, 1});
    out.writeUTF("DAY");
    out.writeUTF("UTC");
    out.writeInt(1);
    out.writeUTF("agent-1");
    out.writeLong(D0.toEpochDay());
    out.writeLong(0);
    out.writeDouble(0);
    out.writeDouble(0);
    CRC32C crc = new CRC32C();
    crc.update(bytes.toByteArray());
    out.writeInt((int) crc.getValue());
    return bytes.toByteArray();
  }

  @Test
  void aSnapshotWithAnEmptyCellIsRejectedOnRead() throws IOException {
    byte[] b = snapshotWithAnEmptyCell();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ScoreAggregator.fromBytes(b));
    assertTrue(e.getMessage().contains("count 0"), e.getMessage());
  }

  @Property(tries = 300)
  void meanAndDeviationStayFiniteOverTheAcceptedRange(
      @ForAll @Size(min = 1, max = 30) List<@DoubleRange(min = -1e100, max = 1e100) Double> scores,
      @ForAll int split) {
    ScoreAccumulator all = new ScoreAccumulator();
    scores.forEach(all::add);
    int cut = Math.floorMod(split, scores.size() + 1);
    ScoreAccumulator left = new ScoreAccumulator();
    ScoreAccumulator right = new ScoreAccumulator();
    scores.subList(0, cut).forEach(left::add);
    scores.subList(cut, scores.size()).forEach(right::add);
    left.merge(right);
    double max = scores.stream().mapToDouble(Math::abs).max().orElseThrow();
    for (ScoreAccumulator acc : List.of(all, left)) {
      ScoreSummary s = acc.summary(0.95, 5);
      assertTrue(Double.isFinite(s.mean()), s::toString);
      assertTrue(Math.abs(s.mean()) <= max * (1 + 1e-12), s::toString);
      assertTrue(Double.isFinite(s.standardDeviation()), s::toString);
    }
  }

  @Test
  void extremeOppositeScoresAreRejectedInsteadOfOverflowing() {
    ScoreAccumulator acc = new ScoreAccumulator();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> acc.add(1e308));
    assertEquals("score 1.0E308 must be in [-1.0E100, 1.0E100]", e.getMessage());
    acc.add(1e100);
    acc.add(-1e100);
    assertEquals(0, acc.summary(0.95, 5).mean());
    assertTrue(Double.isFinite(acc.summary(0.95, 5).standardDeviation()));
  }

  private static final Checklist CHECKLIST =
      Checklist.builder("calls", 1)
          .section(Section.of("s", 1, List.of(Criterion.builder("greet").build())))
          .bands(ScoreBands.builder().band("low", 0, "coach").band("high", 75, "none").build())
          .build();

  private static Evaluation evaluation(Instant at) {
    return Evaluation.of(CHECKLIST, "i-1", "anna", "rev", at, Map.of("greet", Answer.of("yes")));
  }

  @Test
  void anEvaluationBeyondTheSupportedYearsIsRefusedNamingTheField() {
    // Instant.MAX used to be accepted here and then broke ScoreAggregator.add and
    // OutcomeShares.add with a DateTimeException (no date in the zone)
    for (Instant at : List.of(Instant.MAX, Instant.MIN, Instant.parse("2300-01-01T00:00:00Z"))) {
      IllegalArgumentException x =
          assertThrows(IllegalArgumentException.class, () -> evaluation(at));
      assertEquals(
          "evaluatedAt " + at + " must be in [1900-01-01T00:00:00Z, 2300-01-01T00:00:00Z)",
          x.getMessage());
    }
    Evaluation last = evaluation(Instant.parse("2299-12-31T23:59:59.999999999Z"));
    Evaluation first = evaluation(Instant.parse("1900-01-01T00:00:00Z"));
    ScoreAggregator agg = ScoreAggregator.create(Granularity.WEEK, ZoneId.of("Pacific/Kiritimati"));
    agg.add(last);
    agg.add(first);
    OutcomeShares shares =
        OutcomeShares.bands(Granularity.MONTH, ZoneId.of("Etc/GMT+12"), a -> "t");
    shares.add(last);
    shares.add(first);
    assertEquals(2, agg.summaries(0.95, 5).size());
    assertEquals(2, shares.perAgent(0.95).size());
    IllegalArgumentException x =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                last.revise(
                    CHECKLIST,
                    Map.of("greet", Answer.of("no")),
                    Map.of(),
                    "r",
                    Instant.MAX,
                    "why"));
    assertEquals(
        "revisedAt " + Instant.MAX + " must be in [1900-01-01T00:00:00Z, 2300-01-01T00:00:00Z)",
        x.getMessage());
  }

  @Test
  void outcomeSharesRefuseToMergeAnotherGranularityZoneOrOutcome() {
    ScriptCompliance script = ScriptCompliance.of(List.of("greet"), 0.9);
    ScriptCompliance other = ScriptCompliance.of(List.of("greet", "close"), 0.9);
    OutcomeShares daily = OutcomeShares.bands(Granularity.DAY, ZoneOffset.UTC, a -> "t");
    daily.add(evaluation(Instant.parse("2026-03-18T10:00:00Z")));
    var before = daily.perAgent(0.95);
    List<OutcomeShares> incompatible =
        List.of(
            OutcomeShares.bands(Granularity.MONTH, ZoneOffset.UTC, a -> "t"),
            OutcomeShares.bands(Granularity.DAY, ZoneId.of("Asia/Tokyo"), a -> "t"),
            OutcomeShares.scriptCompliance(script, Granularity.DAY, ZoneOffset.UTC, a -> "t"));
    for (OutcomeShares o : incompatible) {
      o.add(evaluation(Instant.parse("2026-03-18T10:00:00Z")));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> daily.merge(o));
      assertTrue(e.getMessage().startsWith("cannot merge a "), e.getMessage());
      assertEquals(before, daily.perAgent(0.95));
    }
    assertEquals(
        "cannot merge a MONTH/Z score-band recorder into a DAY/Z score-band recorder",
        assertThrows(IllegalArgumentException.class, () -> daily.merge(incompatible.get(0)))
            .getMessage());
    OutcomeShares s1 = OutcomeShares.scriptCompliance(script, Granularity.DAY, ZONE, a -> "t");
    OutcomeShares s2 = OutcomeShares.scriptCompliance(other, Granularity.DAY, ZONE, a -> "t");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> s1.merge(s2))
            .getMessage()
            .endsWith("their scripts have different criteria"));
    // the same outcome, granularity and zone merge, whatever the team function
    OutcomeShares same =
        OutcomeShares.bands(Granularity.DAY, ZoneOffset.UTC, a -> "another team function");
    same.add(evaluation(Instant.parse("2026-03-18T11:00:00Z")));
    daily.merge(same);
    assertEquals(
        2,
        daily
            .perAgent(0.95)
            .get(new GroupPeriod("anna", LocalDate.of(2026, 3, 18)))
            .get("high")
            .count());
    OutcomeShares sameScript =
        OutcomeShares.scriptCompliance(
            ScriptCompliance.of(List.of("greet"), 0.5), Granularity.DAY, ZONE, a -> "t");
    s1.merge(sameScript);
  }
}
