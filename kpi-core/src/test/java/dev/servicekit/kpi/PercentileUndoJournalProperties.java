package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * A percentile {@link WindowedKpi}'s undo journal against a table fed only the accepted updates:
 * updates of adds, retractions, zeros and {@code Long.MAX_VALUE}, merges of the accumulator into
 * itself, of its copy and of another sketch, that throw an {@link IllegalArgumentException}, a
 * {@link NullPointerException} or an {@link Error} in the all-time or only in the window, late
 * events included, leave the table exactly as the accepted updates alone do.
 */
class PercentileUndoJournalProperties {

  private static final WindowSpec HOURLY = WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC);
  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
  private static final long[] VALUES = {0, 1, 2, 1_000, 1_005, 60_000, Long.MAX_VALUE};

  private static Consumer<PercentileAccumulator> update(Random r) {
    List<long[]> calls = new ArrayList<>();
    for (int c = 1 + r.nextInt(5); c > 0; c--) {
      calls.add(new long[] {r.nextInt(9), VALUES[r.nextInt(VALUES.length)]});
    }
    int[] runs = {0};
    return a -> {
      int run = runs[0]++;
      for (long[] call : calls) {
        long v = call[1];
        switch ((int) call[0]) {
          case 0, 1 -> a.addMillis(v);
          case 2 -> a.retractMillis(v);
          case 3 -> a.merge(a);
          case 4 -> a.merge(a.copy());
          case 5 -> {
            PercentileAccumulator other = PercentileAccumulator.create();
            other.addMillis(v);
            a.merge(other);
          }
          case 6 -> {
            if (run % 2 == 1 && v < 1_000) {
              throw new AssertionError("refused by the window only");
            }
          }
          case 7 -> {
            if (v == 1) {
              throw new NullPointerException("refused");
            }
          }
          default -> {
            if (v == 2) {
              throw new StackOverflowError();
            }
          }
        }
      }
    };
  }

  @Property(tries = 150)
  void aRefusedUpdateLeavesTheTableAsTheAcceptedOnesAlone(@ForAll Random r) {
    WindowedKpi<String, PercentileAccumulator> kpi =
        WindowedKpi.create(PercentileAccumulator::create, HOURLY, Duration.ofMinutes(30));
    WindowedKpi<String, PercentileAccumulator> accepted =
        WindowedKpi.create(PercentileAccumulator::create, HOURLY, Duration.ofMinutes(30));
    for (int step = r.nextInt(50); step > 0; step--) {
      long seed = r.nextLong();
      String group = "g" + r.nextInt(2);
      Instant at = T0.plusSeconds(r.nextInt(6 * 3600));
      String before = kpi.toJson(k -> k);
      try {
        kpi.record(group, at, update(new Random(seed)));
      } catch (Throwable refused) {
        assertEquals(before, kpi.toJson(k -> k), "refused: " + refused);
        continue;
      }
      accepted.record(group, at, update(new Random(seed)));
      assertEquals(accepted.toJson(k -> k), kpi.toJson(k -> k));
      if (r.nextInt(10) == 0) {
        assertEquals(kpi.evictClosed().size(), accepted.evictClosed().size());
      }
    }
  }

  /**
   * The journal costs nothing to a sketch that is never journaled (a copy, a snapshot read, a
   * stream adapter's window), and a journaled update of many changes leaves no large array behind.
   */
  @Property(tries = 20)
  void onlyAJournaledUpdateHoldsAJournalAndOnlyWhileItRuns(@ForAll Random r) {
    PercentileAccumulator a = PercentileAccumulator.create();
    a.addMillis(1 + r.nextInt(1_000));
    assertEquals(0, a.journalCapacity());
    assertEquals(0, a.copy().journalCapacity());
    assertEquals(0, PercentileAccumulator.fromBytes(a.toBytes()).journalCapacity());
    assertEquals(0, PercentileAccumulator.fromJson(a.toJson()).journalCapacity());
    int n = 1 + r.nextInt(500);
    a.startJournal();
    for (int i = 0; i < n; i++) {
      a.addMillis(r.nextInt(10_000));
    }
    assertTrue(a.journalCapacity() >= n);
    byte[] journaled = a.toBytes();
    a.undoJournal();
    assertEquals(1, a.count());
    assertTrue(a.journalCapacity() <= 64, "left " + a.journalCapacity());
    // a second undo (the journal already spent) changes nothing
    byte[] once = a.toBytes();
    a.undoJournal();
    assertEquals(java.util.Arrays.toString(once), java.util.Arrays.toString(a.toBytes()));
    assertTrue(journaled.length >= once.length);
  }
}
