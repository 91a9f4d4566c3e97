package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

class ScoreAccumulatorProperties {

  @Property(tries = 300)
  void matchesTwoPassOracleAndMergeEqualsOneByOne(
      @ForAll @Size(min = 2, max = 60) List<@DoubleRange(min = 0, max = 100) Double> scores,
      @ForAll int split) {
    double mean = scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double ss = scores.stream().mapToDouble(s -> (s - mean) * (s - mean)).sum();
    double sd = Math.sqrt(ss / (scores.size() - 1));
    ScoreAccumulator all = new ScoreAccumulator();
    scores.forEach(all::add);
    int cut = Math.floorMod(split, scores.size() + 1);
    ScoreAccumulator left = new ScoreAccumulator();
    ScoreAccumulator right = new ScoreAccumulator();
    scores.subList(0, cut).forEach(left::add);
    scores.subList(cut, scores.size()).forEach(right::add);
    left.merge(right);
    for (ScoreAccumulator acc : List.of(all, left)) {
      ScoreSummary s = acc.summary(0.95, 5);
      assertEquals(scores.size(), s.count());
      assertEquals(mean, s.mean(), 1e-9);
      assertEquals(sd, s.standardDeviation(), 1e-7);
    }
  }
}
