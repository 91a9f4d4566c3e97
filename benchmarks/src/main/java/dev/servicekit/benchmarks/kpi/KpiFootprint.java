package dev.servicekit.benchmarks.kpi;

import dev.servicekit.kpi.KpiAccumulator;
import dev.servicekit.kpi.KpiSnapshots;
import dev.servicekit.kpi.NpsAccumulator;
import dev.servicekit.kpi.PercentileAccumulator;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.kpi.ServiceLevelAccumulator;
import dev.servicekit.kpi.ServiceLevelPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Prints the snapshot size (binary and JSON bytes) of one group-window per accumulator kind, filled
 * with 10 000 events. Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.servicekit.benchmarks.kpi.KpiFootprint}.
 */
public final class KpiFootprint {

  private KpiFootprint() {}

  /**
   * Entry point.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    SplittableRandom r = new SplittableRandom(1);
    NpsAccumulator nps = NpsAccumulator.create();
    RatingAccumulator csat = RatingAccumulator.create(RatingScale.csatFivePoint());
    ServiceLevelAccumulator sl =
        ServiceLevelAccumulator.create(
            ServiceLevelPolicy.of(
                Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(30)));
    PercentileAccumulator p = PercentileAccumulator.create();
    for (int i = 0; i < 10_000; i++) {
      long w = (long) Math.exp(r.nextDouble(Math.log(1_000), Math.log(10_000_000)));
      nps.add(r.nextInt(11));
      csat.add(1 + r.nextInt(5));
      sl.answeredMillis(w / 1000);
      p.addMillis(w);
    }
    print("nps", nps);
    print("csat (5-point)", csat);
    print("serviceLevel", sl);
    print("percentile (1%, 1 s..3 h)", p);
  }

  private static void print(String name, KpiAccumulator<?, ?> a) {
    System.out.printf(
        "%-28s binary %5d B   json %5d B%n",
        name, a.toBytes().length, KpiSnapshots.toJson(a).getBytes(StandardCharsets.UTF_8).length);
  }
}
