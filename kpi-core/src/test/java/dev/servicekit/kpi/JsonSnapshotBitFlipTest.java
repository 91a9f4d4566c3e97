package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every single-bit flip of a JSON snapshot is rejected, or reads as the very state it was: the
 * checksum covers the document as parsed, so a flip that parses to the same document (an exponent's
 * {@code E} as {@code e}) is not a change (a new user's review found the README claiming every flip
 * rejected, which is true of binary snapshots only).
 */
class JsonSnapshotBitFlipTest {

  private static int sameStateFlips(String json, Function<String, String> readAndWrite) {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    int same = 0;
    for (int i = 0; i < b.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] c = b.clone();
        c[i] ^= (byte) (1 << bit);
        String flipped = new String(c, StandardCharsets.UTF_8);
        String back;
        try {
          back = readAndWrite.apply(flipped);
        } catch (IllegalArgumentException refused) {
          continue;
        }
        assertEquals(json, back, () -> "a flip read as another state: " + flipped);
        same++;
      }
    }
    return same;
  }

  @Test
  void everyFlipIsRejectedOrReadsAsTheSameState() {
    PercentileAccumulator fine = PercentileAccumulator.create(1e-4);
    fine.addMillis(5);
    NpsAccumulator nps = NpsAccumulator.create();
    nps.add(9);
    ServiceLevelAccumulator sl =
        ServiceLevelAccumulator.create(
            ServiceLevelPolicy.of(
                Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(30)));
    sl.answered(Duration.ofSeconds(12));
    int same = 0;
    for (KpiAccumulator<?, ?> a : List.of(fine, nps, sl)) {
      same += sameStateFlips(a.toJson(), s -> KpiSnapshots.fromJson(s).toJson());
    }
    assertEquals(1, same, "the E of 1.0E-4 flipped to e");

    WindowedKpi<String, NpsAccumulator> w =
        WindowedKpi.create(
            NpsAccumulator::create, WindowSpec.of(WindowUnit.DAY, ZoneOffset.UTC), Duration.ZERO);
    w.recordInt("a", Instant.parse("2026-01-01T00:00:00Z"), NpsAccumulator::add, 9);
    assertEquals(
        0,
        sameStateFlips(
            w.toJson(k -> k),
            s ->
                WindowedKpi.fromJson(s, NpsAccumulator::create, NpsAccumulator.class, k -> k)
                    .toJson(k -> k)));
  }
}
