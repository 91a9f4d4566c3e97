package dev.servicekit.benchmarks.checkpoint;

import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.KeyCodec;
import dev.servicekit.kpi.KpiSnapshots;
import dev.servicekit.kpi.PercentileAccumulator;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.kpi.RevisedValues;
import dev.servicekit.kpi.ServiceLevelAccumulator;
import dev.servicekit.kpi.ServiceLevelPolicy;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaClockSnapshot;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.util.Random;

/**
 * Prints the checkpoint sizes the engines keep: per ticket (the clock snapshot, by number of
 * events) and per group-window (each accumulator's snapshot, by number of values). Run: {@code java
 * -cp benchmarks/target/benchmarks.jar dev.servicekit.benchmarks.checkpoint.CheckpointSizes}.
 */
public final class CheckpointSizes {

  private CheckpointSizes() {}

  /**
   * Prints the sizes.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    SlaPolicySet set = CheckpointCostBenchmark.policySet();
    Random r = new Random(18);
    System.out.println("per ticket: SlaClockSnapshot bytes (median of 200 tickets)");
    for (int n : new int[] {1, 5, 10, 20, 50}) {
      int[] sizes = new int[200];
      for (int t = 0; t < sizes.length; t++) {
        SlaClock clock = SlaClock.of(set, CheckpointCostBenchmark.CALENDARS, "T-" + t);
        for (TicketEvent e : CheckpointCostBenchmark.ticket(r, "T-" + t, n)) {
          clock.accept(e);
        }
        sizes[t] = SlaClockSnapshot.toBytes(clock).length;
      }
      java.util.Arrays.sort(sizes);
      System.out.printf("  %2d events: %5d B%n", n, sizes[sizes.length / 2]);
    }
    System.out.println("per group-window: KpiSnapshots bytes");
    for (int n : new int[] {0, 10, 100, 1_000, 10_000}) {
      PercentileAccumulator p = PercentileAccumulator.create();
      DurationAccumulator d = DurationAccumulator.create();
      RatingAccumulator rating = RatingAccumulator.create(RatingScale.csatFivePoint());
      ServiceLevelAccumulator sl =
          ServiceLevelAccumulator.create(
              ServiceLevelPolicy.of(
                  Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(60)));
      RevisedValues<String, RatingAccumulator> rv =
          RevisedValues.create(RatingAccumulator.create(RatingScale.csatFivePoint()));
      for (int i = 0; i < n; i++) {
        long ms = 30_000 + (long) (r.nextDouble() * r.nextDouble() * 1_800_000);
        p.addMillis(ms);
        d.addMillis(ms);
        rating.add(1 + r.nextInt(5));
        sl.answeredMillis(r.nextInt(90_000));
        rv.apply("R-" + (100_000 + i), 1, 1 + r.nextInt(5));
      }
      System.out.printf(
          "  %5d values: percentile %5d B, duration %3d B, rating %3d B, service level %3d B,"
              + " revised rating %7d B%n",
          n,
          KpiSnapshots.toBytes(p).length,
          KpiSnapshots.toBytes(d).length,
          KpiSnapshots.toBytes(rating).length,
          KpiSnapshots.toBytes(sl).length,
          rv.toBytes(KeyCodec.strings()).length);
    }
  }
}
