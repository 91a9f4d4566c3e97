package dev.servicekit.benchmarks.qa;

import dev.servicekit.qa.analytics.AgentPeriod;
import dev.servicekit.qa.analytics.Granularity;
import dev.servicekit.qa.analytics.ScoreAggregator;
import dev.servicekit.qa.analytics.ScoreSummary;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Aggregates 1,000,000 evaluation scores per agent and day (200 agents x 30 days) into means with
 * Student t confidence intervals: the mergeable {@link ScoreAggregator} against a naive
 * group-into-lists-then-two-pass baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AggregateBenchmark {

  private static final int N = 1_000_000;

  private String[] agents;
  private LocalDate[] days;
  private double[] scores;

  /** Precomputes the 1M (agent, day, score) tuples. */
  @Setup
  public void setUp() {
    SplittableRandom r = new SplittableRandom(7);
    String[] agentIds = new String[200];
    for (int i = 0; i < agentIds.length; i++) {
      agentIds[i] = "agent-" + i;
    }
    LocalDate[] dayValues = new LocalDate[30];
    for (int d = 0; d < dayValues.length; d++) {
      dayValues[d] = LocalDate.of(2026, 3, 1).plusDays(d);
    }
    agents = new String[N];
    days = new LocalDate[N];
    scores = new double[N];
    for (int i = 0; i < N; i++) {
      agents[i] = agentIds[r.nextInt(agentIds.length)];
      days[i] = dayValues[r.nextInt(dayValues.length)];
      scores[i] = Math.round(r.nextDouble(40, 100) * 100) / 100.0;
    }
  }

  /**
   * Mergeable accumulators, then summaries with t intervals.
   *
   * @return the summaries
   */
  @Benchmark
  public SortedMap<AgentPeriod, ScoreSummary> aggregator() {
    ScoreAggregator agg = ScoreAggregator.create(Granularity.DAY, ZoneOffset.UTC);
    for (int i = 0; i < N; i++) {
      agg.add(agents[i], days[i], scores[i]);
    }
    return agg.summaries(0.95, 5);
  }

  /**
   * Baseline: group scores into lists, then mean and standard deviation in two passes (no
   * confidence interval).
   *
   * @return mean and standard deviation per agent and day
   */
  @Benchmark
  public Map<String, double[]> naiveGroupAndTwoPass() {
    Map<String, List<Double>> groups = new HashMap<>();
    for (int i = 0; i < N; i++) {
      groups.computeIfAbsent(agents[i] + "|" + days[i], k -> new ArrayList<>()).add(scores[i]);
    }
    Map<String, double[]> out = new HashMap<>();
    for (Map.Entry<String, List<Double>> e : groups.entrySet()) {
      double sum = 0;
      for (double s : e.getValue()) {
        sum += s;
      }
      double mean = sum / e.getValue().size();
      double ss = 0;
      for (double s : e.getValue()) {
        ss += (s - mean) * (s - mean);
      }
      out.put(e.getKey(), new double[] {mean, Math.sqrt(ss / (e.getValue().size() - 1))});
    }
    return out;
  }
}
