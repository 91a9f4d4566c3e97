package dev.servicekit.benchmarks.qa;

import dev.servicekit.qa.Answer;
import dev.servicekit.qa.AnswerOption;
import dev.servicekit.qa.Checklist;
import dev.servicekit.qa.CompiledChecklist;
import dev.servicekit.qa.Criterion;
import dev.servicekit.qa.Criticality;
import dev.servicekit.qa.Scale;
import dev.servicekit.qa.ScoringMode;
import dev.servicekit.qa.Section;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Scores a 50-criterion checklist (5 sections x 10 criteria, mixed scales, N/A, one critical): the
 * exact engine ({@code Checklist.score}, full result with per-criterion and per-section details)
 * against a naive double-precision weighted average over the same answer maps, and the compiled
 * scorer ({@code Checklist.compile()}, score only, answers by index) over the same answers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ScoreBenchmark {

  /** Scoring mode of the checklist. */
  @Param({"WEIGHTED_CRITERIA", "WEIGHTED_SECTIONS"})
  public ScoringMode mode;

  private Checklist checklist;
  private CompiledChecklist compiled;
  private int[][] indexed;
  private List<Map<String, Answer>> answers;
  private Map<String, Double> weights;
  private Map<String, Map<String, Double>> fractions;
  private int next;

  /** Builds the checklist and 1024 random answer sets. */
  @Setup
  public void setUp() {
    SplittableRandom r = new SplittableRandom(42);
    Checklist.Builder b = Checklist.builder("bench", 1).mode(mode);
    weights = new HashMap<>();
    fractions = new HashMap<>();
    for (int s = 0; s < 5; s++) {
      List<Criterion> cs = new ArrayList<>();
      for (int c = 0; c < 10; c++) {
        Scale scale =
            switch (c % 4) {
              case 0 -> Scale.binary();
              case 1 -> Scale.threeLevel();
              case 2 -> Scale.rating(5);
              default -> Scale.range(0, 10);
            };
        String id = "s" + s + "c" + c;
        int w = 1 + r.nextInt(5);
        Criterion.Builder cb = Criterion.builder(id).weight(w).scale(scale).naAllowed(c % 3 == 0);
        if (s == 0 && c == 0) {
          cb.criticality(Criticality.FAIL_FORM);
        }
        cs.add(cb.build());
        weights.put(id, (double) w);
        Map<String, Double> f = new HashMap<>();
        for (AnswerOption o : scale.options()) {
          f.put(o.id(), o.points().doubleValue() / scale.maxPoints().doubleValue());
        }
        fractions.put(id, f);
      }
      b.section(Section.of("s" + s, "s" + s, BigDecimal.valueOf(20), cs));
    }
    checklist = b.build();
    answers = new ArrayList<>();
    for (int i = 0; i < 1024; i++) {
      Map<String, Answer> a = new LinkedHashMap<>();
      for (Criterion c : checklist.criteria()) {
        if (c.naAllowed() && r.nextInt(5) == 0) {
          a.put(c.id(), Answer.notApplicable());
        } else {
          List<AnswerOption> opts = c.scale().options();
          // mostly good answers, as in practice
          int k = r.nextInt(4) == 0 ? r.nextInt(opts.size()) : 0;
          a.put(c.id(), Answer.of(opts.get(k).id()));
        }
      }
      answers.add(a);
    }
    compiled = checklist.compile();
    if (!compiled.allocationFree()) {
      throw new IllegalStateException("benchmark form must be allocation-free");
    }
    indexed = new int[answers.size()][];
    for (int i = 0; i < answers.size(); i++) {
      indexed[i] = compiled.indexAnswers(answers.get(i));
    }
  }

  private Map<String, Answer> nextAnswers() {
    next = (next + 1) & 1023;
    return answers.get(next);
  }

  /**
   * Exact engine with full result.
   *
   * @return the result
   */
  @Benchmark
  public Object exactEngine() {
    return checklist.score(nextAnswers());
  }

  /**
   * Compiled scorer: the same exact final score (in hundredths), answers by index, no allocation.
   *
   * @return the score in hundredths
   */
  @Benchmark
  public long compiledScore() {
    next = (next + 1) & 1023;
    return compiled.scoreHundredths(indexed[next]);
  }

  /**
   * Baseline: naive double weighted average of the criterion fractions (no validation, no sections,
   * no critical rules, no rounding).
   *
   * @return the score
   */
  @Benchmark
  public double naiveDouble() {
    Map<String, Answer> a = nextAnswers();
    double num = 0;
    double den = 0;
    for (Map.Entry<String, Answer> e : a.entrySet()) {
      Answer ans = e.getValue();
      if (ans.isNotApplicable()) {
        continue;
      }
      double w = weights.get(e.getKey());
      num += w * fractions.get(e.getKey()).get(ans.optionId().get());
      den += w;
    }
    return den == 0 ? 0 : 100 * num / den;
  }
}
