package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * KPI snapshots in JSON keep the README's rules for numbers of every JSON reader (a new user's
 * review): a number beyond a double's range is refused where it stands, where {@code 1e309} read as
 * Infinity (quoted {@code "Infinity"}) and {@code 1e-400} as 0.0; and an error quotes a number as
 * the document wrote it ({@code 1e0}, {@code 0.50}), where it quoted the double ({@code 1.0}). The
 * checksum, over the parsed tree's canonical text, is unchanged: snapshots written before still
 * read.
 */
class SnapshotJsonNumberLiteralTest {

  private static String refusal(Executable read) {
    return assertThrows(IllegalArgumentException.class, read).getMessage();
  }

  private static String nps() {
    NpsAccumulator n = NpsAccumulator.create();
    n.add(9);
    return n.toJson();
  }

  private static String percentile() {
    PercentileAccumulator p = PercentileAccumulator.create();
    p.addMillis(5);
    return p.toJson();
  }

  @Test
  void aNumberBeyondADoubleIsRefusedWhereItStands() {
    String range =
        " is out of range: a number must be one a double holds, at most 1.7976931348623157E308 in"
            + " magnitude and, unless 0, at least 4.9E-324";
    for (String v : new String[] {"1e309", "-1e309", "1e-400"}) {
      String doc =
          Resealed.jsonKeepingLiterals(
              percentile().replace("\"relativeAccuracy\":0.01", "\"relativeAccuracy\":" + v));
      assertEquals(
          "snapshot is not valid JSON: number "
              + v
              + range
              + " (at $.state.relativeAccuracy, line 1, column 88)",
          refusal(() -> PercentileAccumulator.fromJson(doc)));
    }
    String count =
        Resealed.jsonKeepingLiterals(nps().replace("\"promoters\":1", "\"promoters\":1e309"));
    assertEquals(
        "snapshot is not valid JSON: number 1e309"
            + range
            + " (at $.state.promoters, line 1, column 74)",
        refusal(() -> KpiSnapshots.fromJson(count)));
  }

  @Test
  void anErrorQuotesTheNumberAsTheDocumentWroteIt() {
    String count =
        Resealed.jsonKeepingLiterals(nps().replace("\"promoters\":1", "\"promoters\":1e0"));
    assertEquals(
        "promoters is 1e0 but must be an integer (at $.state.promoters, line 1, column 74)",
        refusal(() -> NpsAccumulator.fromJson(count)));
    String accuracy =
        Resealed.jsonKeepingLiterals(
            percentile().replace("\"relativeAccuracy\":0.01", "\"relativeAccuracy\":1e3"));
    assertEquals(
        "relativeAccuracy is 1e3 but must be in [1.0E-4, 0.5] (finer accuracies need unbounded"
            + " memory) (at $.state.relativeAccuracy, line 1, column 88)",
        refusal(() -> PercentileAccumulator.fromJson(accuracy)));

    RevisedValues<String, NpsAccumulator> rv = RevisedValues.create(NpsAccumulator.create());
    rv.apply("k", 1, 9);
    String stale =
        Resealed.jsonKeepingLiterals(
            rv.toJson(KeyCodec.strings()).replace("\"staleCount\":0", "\"staleCount\":0.50"));
    assertEquals(
        true,
        refusal(() -> RevisedValues.fromJson(stale, NpsAccumulator.class, KeyCodec.strings()))
            .startsWith("staleCount is 0.50 but must be an integer (at $.state.staleCount"));

    WindowedKpi<String, NpsAccumulator> w =
        WindowedKpi.create(
            NpsAccumulator::create, WindowSpec.of(WindowUnit.DAY, ZoneOffset.UTC), Duration.ZERO);
    w.recordInt("a", Instant.parse("2026-01-01T00:00:00Z"), NpsAccumulator::add, 9);
    String lateness =
        Resealed.jsonKeepingLiterals(
            w.toJson(k -> k)
                .replace("\"allowedLatenessMillis\":0", "\"allowedLatenessMillis\":1e0"));
    assertEquals(
        true,
        refusal(
                () ->
                    WindowedKpi.fromJson(
                        lateness, NpsAccumulator::create, NpsAccumulator.class, k -> k))
            .startsWith("allowedLatenessMillis is 1e0 but must be an integer"));
    // a negative count, refused as the binary reader refuses it (a review found it accepted)
    String dropped =
        Resealed.jsonKeepingLiterals(
            w.toJson(k -> k).replace("\"droppedLate\":0", "\"droppedLate\":-5"));
    assertEquals(
        true,
        refusal(
                () ->
                    WindowedKpi.fromJson(
                        dropped, NpsAccumulator::create, NpsAccumulator.class, k -> k))
            .startsWith("droppedLate is -5 but must be >= 0"));
  }

  @Test
  void snapshotsWrittenBeforeStillReadAndAnExponentWrittenByTheWriterToo() {
    // written by the writer before this change (unchanged): doubles as Jackson writes them
    String fine =
        "{\"format\":\"servicekit-kpi\",\"version\":2,\"kind\":\"percentile\",\"state\":"
            + "{\"relativeAccuracy\":1.0E-4,\"sketch\":\"BQKAfwLwnQYC\"},\"crc32c\":\"4c56e6fa\"}";
    PercentileAccumulator p = PercentileAccumulator.fromJson(fine);
    assertEquals(1e-4, p.relativeAccuracy());
    assertEquals(2, p.count());
    assertEquals(fine, p.toJson());
    String coarse =
        "{\"format\":\"servicekit-kpi\",\"version\":2,\"kind\":\"percentile\",\"state\":"
            + "{\"relativeAccuracy\":0.5,\"sketch\":\"BAI=\"},\"crc32c\":\"218b7d41\"}";
    assertEquals(coarse, PercentileAccumulator.fromJson(coarse).toJson());
    // the same value written another way reads as the same state
    String other = Resealed.jsonKeepingLiterals(coarse.replace("0.5,", "5e-1,"));
    assertEquals(coarse, PercentileAccumulator.fromJson(other).toJson());
  }
}
