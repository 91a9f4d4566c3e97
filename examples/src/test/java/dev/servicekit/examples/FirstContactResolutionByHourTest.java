package dev.servicekit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.kpi.KpiAccumulator;
import dev.servicekit.kpi.KpiSnapshots;
import dev.servicekit.kpi.NpsAccumulator;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import dev.servicekit.kpi.WindowedKpi;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A plugin accumulator travels like a built-in one: kpi-core finds its codec through ServiceLoader,
 * so it snapshots (binary and JSON), restores, merges across shards and checkpoints in a {@link
 * WindowedKpi}.
 */
class FirstContactResolutionByHourTest {

  @Test
  void theRegistryFindsThePluginKind() {
    assertTrue(KpiSnapshots.kinds().contains("dev.servicekit.examples.fcrByHour"));
    assertTrue(KpiSnapshots.kinds().contains("nps"), "built-in kinds stay registered");
  }

  @Test
  void shardsSnapshottedRestoredAndMergedEqualOneNode() {
    for (long seed = 0; seed < 50; seed++) {
      Random rnd = new Random(seed);
      long[] contacts = new long[24];
      long[] resolved = new long[24];
      FirstContactResolutionByHour a = FirstContactResolutionByHour.create();
      FirstContactResolutionByHour b = FirstContactResolutionByHour.create();
      int n = rnd.nextInt(200);
      for (int i = 0; i < n; i++) {
        int hour = rnd.nextInt(24);
        boolean fcr = rnd.nextInt(3) > 0;
        contacts[hour]++;
        resolved[hour] += fcr ? 1 : 0;
        (rnd.nextBoolean() ? a : b).add(hour, fcr);
      }
      // Each shard checkpoints, one as bytes and one as JSON; the restoring node knows no types.
      KpiAccumulator<?, ?> restoredA = KpiSnapshots.fromBytes(a.toBytes());
      FirstContactResolutionByHour restoredB =
          KpiSnapshots.fromJson(KpiSnapshots.toJson(b), FirstContactResolutionByHour.class);
      FirstContactResolutionByHour merged = (FirstContactResolutionByHour) restoredA;
      merged.merge(restoredB);
      for (int h = 0; h < 24; h++) {
        assertEquals(contacts[h], merged.result().contacts().get(h), "contacts " + h);
        assertEquals(resolved[h], merged.result().resolved().get(h), "resolved " + h);
      }
      assertArrayEquals(merged.toBytes(), KpiSnapshots.fromBytes(merged.toBytes()).toBytes());
    }
  }

  @Test
  void aWindowTableOfThePluginKindCheckpointsAndRestores() {
    WindowedKpi<String, FirstContactResolutionByHour> kpi =
        WindowedKpi.create(
            FirstContactResolutionByHour::create,
            WindowSpec.of(WindowUnit.DAY, ZoneOffset.UTC),
            Duration.ofHours(1));
    Instant t = Instant.parse("2026-12-01T09:15:00Z");
    kpi.record("tier-1", t, a -> a.add(9, true));
    kpi.record("tier-1", t.plusSeconds(600), a -> a.add(9, false));
    byte[] checkpoint = kpi.toBytes(k -> k);
    WindowedKpi<String, FirstContactResolutionByHour> restored =
        WindowedKpi.fromBytes(
            checkpoint,
            FirstContactResolutionByHour::create,
            FirstContactResolutionByHour.class,
            k -> k);
    assertArrayEquals(checkpoint, restored.toBytes(k -> k));
    assertEquals(kpi.toJson(k -> k), restored.toJson(k -> k));
  }

  @Test
  void aDamagedOrForeignSnapshotIsRejected() {
    FirstContactResolutionByHour a = FirstContactResolutionByHour.create();
    a.add(14, true);
    byte[] b = a.toBytes();
    for (int bit = 0; bit < b.length * 8; bit++) {
      byte[] flipped = b.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThrows(IllegalArgumentException.class, () -> KpiSnapshots.fromBytes(flipped));
    }
    assertEquals(
        "kind mismatch: expected \"nps\", found \"dev.servicekit.examples.fcrByHour\"",
        assertThrows(
                IllegalArgumentException.class,
                () -> KpiSnapshots.fromBytes(b, NpsAccumulator.class))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> a.add(24, true));
  }
}
