package dev.servicekit.examples;

import dev.servicekit.kpi.DrillDownSample;
import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.KpiSnapshots;
import dev.servicekit.kpi.KpiTarget;
import dev.servicekit.kpi.NpsAccumulator;
import dev.servicekit.kpi.PercentileAccumulator;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.kpi.RevisedValues;
import dev.servicekit.kpi.ServiceLevelAccumulator;
import dev.servicekit.kpi.ServiceLevelPolicy;
import dev.servicekit.kpi.ServiceLevelVariant;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import dev.servicekit.kpi.WindowedKpi;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A small tour of kpi-core: CSAT with a revised rating, NPS per team and day, service-level
 * variants, first-response percentiles with a drill-down to the worst tickets, a target, and a
 * snapshot round trip. Run: {@code ./mvnw -q -pl examples -am package -DskipTests && java -cp ...
 * dev.servicekit.examples.KpiExample}, or from an IDE.
 */
public final class KpiExample {

  private KpiExample() {}

  /** A grouping key: any record works. */
  record TeamChannel(String team, String channel) {}

  /**
   * Runs the tour.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    // CSAT: a customer clicks 1 star by mistake, then changes it to 5; the change arrives first.
    RevisedValues<String, RatingAccumulator> csat =
        RevisedValues.create(RatingAccumulator.create(RatingScale.csatFivePoint()));
    csat.apply("survey-1", 2, 5);
    csat.apply("survey-1", 1, 1); // stale: ignored
    csat.apply("survey-2", 1, 3);
    System.out.println(
        "CSAT % = " + csat.target().result().satisfiedPercent().getAsDouble() + " (2 ratings)");

    // NPS per team and channel, in Paris days, with 2 h of allowed lateness.
    WindowedKpi<TeamChannel, NpsAccumulator> nps =
        WindowedKpi.create(
            NpsAccumulator::create,
            WindowSpec.of(WindowUnit.DAY, ZoneId.of("Europe/Paris")),
            Duration.ofHours(2));
    TeamChannel billingChat = new TeamChannel("billing", "chat");
    Instant t = Instant.parse("2026-11-20T09:00:00Z");
    for (int score : new int[] {10, 9, 9, 10, 9, 10, 8, 7, 6, 0}) {
      nps.recordInt(billingChat, t, NpsAccumulator::add, score);
    }
    System.out.println("NPS billing/chat all-time = " + nps.allTime(billingChat).result().score());

    // Service level, the same calls under two variants.
    ServiceLevelAccumulator calls =
        ServiceLevelAccumulator.create(
            ServiceLevelPolicy.of(
                Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(30)));
    calls.answered(Duration.ofSeconds(12));
    calls.answered(Duration.ofSeconds(45));
    calls.abandoned(Duration.ofSeconds(3));
    calls.answered(Duration.ofSeconds(8));
    for (ServiceLevelVariant v :
        new ServiceLevelVariant[] {
          ServiceLevelVariant.ABANDONS_COUNT_AS_MISSED, ServiceLevelVariant.SHORT_ABANDONS_EXCLUDED
        }) {
      System.out.println("SL " + v + " = " + calls.result().serviceLevelPercent(v));
    }

    // First response time: average, p90, and the worst tickets.
    DurationAccumulator frt = DurationAccumulator.create();
    PercentileAccumulator frtPct = PercentileAccumulator.create();
    DrillDownSample worst = DrillDownSample.create(3);
    long[] minutes = {4, 12, 95, 7, 33, 240, 15, 2};
    for (int i = 0; i < minutes.length; i++) {
      long ms = minutes[i] * 60_000;
      frt.addMillis(ms);
      frtPct.addMillis(ms);
      worst.add("ticket-" + (1000 + i), ms);
    }
    System.out.println("FRT average = " + frt.result().average().orElseThrow());
    System.out.println("FRT p90 ms ~ " + frtPct.result().p90Millis());
    System.out.println("worst FRT tickets = " + worst.result());
    KpiTarget target = KpiTarget.atMost("FRT average (ms)", 30 * 60_000);
    System.out.println("target: " + target.evaluate(frt.result().averageMillis()));

    // Checkpoint and restore.
    String json = KpiSnapshots.toJson(calls);
    ServiceLevelAccumulator restored = KpiSnapshots.fromJson(json, ServiceLevelAccumulator.class);
    System.out.println(
        "snapshot "
            + json.length()
            + " chars JSON, "
            + calls.toBytes().length
            + " bytes binary; restored equal = "
            + restored.result().equals(calls.result()));
  }
}
