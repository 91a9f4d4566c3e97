package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.Percent;
import dev.servicekit.kpi.internal.ResultChecks;
import java.util.OptionalDouble;

/**
 * The result of an {@link NpsAccumulator}.
 *
 * <p>NPS = 100 &times; (promoters &minus; detractors) / responses, in &minus;100..100, with
 * promoters scoring 9-10, passives 7-8 and detractors 0-6 (Bain &amp; Company's definition).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param promoters responses 9 or 10
 * @param passives responses 7 or 8
 * @param detractors responses 0..6
 */
public record NpsResult(long promoters, long passives, long detractors) {

  /**
   * Checks the counts, as an {@link NpsAccumulator}'s result holds them.
   *
   * @throws IllegalArgumentException if one is negative or their total overflows a long
   */
  public NpsResult {
    ResultChecks.nonNegative("promoters", promoters);
    ResultChecks.nonNegative("passives", passives);
    ResultChecks.nonNegative("detractors", detractors);
    ResultChecks.sumFits("promoters, passives and detractors", promoters, passives, detractors);
  }

  /**
   * Returns the number of responses.
   *
   * @return promoters + passives + detractors
   */
  public long responses() {
    return promoters + passives + detractors;
  }

  /**
   * Returns the Net Promoter Score.
   *
   * @return NPS in &minus;100..100, empty when there are no responses
   */
  public OptionalDouble score() {
    long n = responses();
    return n == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of(Percent.of(promoters - detractors, n));
  }
}
