package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.kpi.staffing.ErlangC;
import dev.servicekit.kpi.staffing.ErlangCResult;
import dev.servicekit.kpi.staffing.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The breach forecast for calls, fed Poisson arrivals with exponential handle times, is an M/M/N
 * queue served first come first served; its share of calls answered within the target and its mean
 * wait must match kpi-core's Erlang C ({@link ErlangC#evaluate}) within sampling error. Seeds are
 * fixed, so the test is deterministic. Each case pools four independent runs of 8,000 calls at an
 * occupancy of at most 0.77; the tolerances (3 points of service level, 25 % of ASA) are about
 * three standard errors of the pooled estimate, measured over further seeds.
 */
class ErlangCrossCheckTest {

  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

  @ParameterizedTest
  @CsvSource({
    // calls per 30 min, AHT seconds, agents, answer within seconds
    "100, 180, 14, 20",
    "60, 240, 10, 30"
  })
  void forecastOfAPoissonCallQueueMatchesErlangC(
      int callsPerHalfHour, int ahtSeconds, int agents, int answerWithin) {
    int runs = 4;
    int n = 8_000;
    int within = 0;
    double waitSum = 0;
    for (long seed = 1; seed <= runs; seed++) {
      BreachForecast f =
          simulate(new Random(seed), n, callsPerHalfHour, ahtSeconds, agents, answerWithin);
      int answered = 0;
      for (ForecastLine l : f.lines()) {
        if (l.start().isPresent()) {
          answered++;
          waitSum += Duration.between(l.item().created(), l.start().get()).toNanos() / 1e9;
          if (!l.breached()) {
            within++;
          }
        }
      }
      assertEquals(n, answered, "every call is answered within the horizon");
    }
    ErlangCResult erlang =
        ErlangC.evaluate(
            Workload.of(callsPerHalfHour, Duration.ofMinutes(30), Duration.ofSeconds(ahtSeconds)),
            agents,
            Duration.ofSeconds(answerWithin));
    double sl = (double) within / (runs * n);
    double asa = waitSum / (runs * n);
    double erlangAsa = erlang.averageSpeedOfAnswer().toNanos() / 1e9;
    assertEquals(erlang.serviceLevel(), sl, 0.03, "service level vs Erlang C");
    assertEquals(erlangAsa, asa, 0.25 * erlangAsa, "ASA vs Erlang C");
  }

  private static BreachForecast simulate(
      Random r, int n, int callsPerHalfHour, int ahtSeconds, int agents, int answerWithin) {
    double lambda = callsPerHalfHour / 1800.0;
    WorkRouter router =
        WorkRouter.builder(QueuePolicy.earliestDeadlineFirst())
            .channel("call", Duration.ofSeconds(ahtSeconds))
            .build();
    for (int i = 0; i < agents; i++) {
      router.addAgent(
          Agent.builder(
                  String.format(Locale.ROOT, "agent-%02d", i),
                  RandomWorlds.ALWAYS,
                  Capacity.builder().channel("call", 1).build())
              .build(),
          T0);
    }
    List<WorkItem> calls = new ArrayList<>(n);
    double t = 0;
    for (int i = 0; i < n; i++) {
      t += -Math.log(1 - r.nextDouble()) / lambda;
      Instant created = T0.plusNanos((long) (t * 1e9));
      long handleNanos = Math.max(1, (long) (-Math.log(1 - r.nextDouble()) * ahtSeconds * 1e9));
      calls.add(
          WorkItem.builder(String.format(Locale.ROOT, "call-%05d", i), "call", created)
              .deadline(created.plusSeconds(answerWithin))
              .handleTime(Duration.ofNanos(handleNanos))
              .build());
    }
    return router.forecast(T0, Duration.ofDays(30), ServicePoint.START, calls);
  }
}
