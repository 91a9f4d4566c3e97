package dev.servicekit.qa.internal;

import dev.servicekit.qa.Answer;
import dev.servicekit.qa.AnswerOption;
import dev.servicekit.qa.Criterion;
import dev.servicekit.qa.CriterionResult;
import dev.servicekit.qa.Criticality;
import dev.servicekit.qa.ScoreBands;
import dev.servicekit.qa.ScoreResult;
import dev.servicekit.qa.ScoringMode;
import dev.servicekit.qa.Section;
import dev.servicekit.qa.SectionScore;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Precompiled, exact scoring of one checklist. Not API.
 *
 * <p>Every criterion's contribution per option is precomputed as a long numerator over a long
 * denominator sharing one common denominator ({@code lcm} of the scale maxima), so that summing is
 * exact; sections are combined and rounded with {@link BigInteger}. Thread-safe after construction.
 */
public final class ScoringEngine {

  private static final BigInteger TWENTY_THOUSAND = BigInteger.valueOf(20_000);
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  final String label;
  final ScoringMode mode;
  private final ScoreBands bands;
  final Map<String, Integer> index = new HashMap<>();
  final Criterion[] criteria;
  final int[] sectionOf;
  final String[] sectionIds;
  final long[] sectionWeight;
  final List<Map<String, Integer>> optionIndex = new ArrayList<>();
  final long[][] num;
  final long[] den;
  final boolean[][] fails;
  private final boolean[][] full;
  private final BigDecimal[][] percent;
  final long bonusDen;
  final long totalBonus;
  final boolean bonusAbove100;
  final boolean sectionWeighted;

  /**
   * The checklist's numbers do not fit 64-bit exact scoring; names the first criterion that
   * overflows.
   */
  public static final class TooLarge extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The id of the first criterion at which the arithmetic overflowed, or null for the totals. */
    private final String criterionId;

    TooLarge(String message, String criterionId, Throwable cause) {
      super(message, cause);
      this.criterionId = criterionId;
    }

    /**
     * The id of the criterion at which the arithmetic overflowed.
     *
     * @return the id, or null if only the totals overflow
     */
    public String criterionId() {
      return criterionId;
    }
  }

  /**
   * Compiles the checklist.
   *
   * @param label names the checklist in error messages
   * @param mode the scoring mode
   * @param sections the sections
   * @param bands the bands
   * @param bonusAbove100 whether bonus may lift the total above 100
   * @throws IllegalArgumentException if the numbers are too large to score exactly in 64 bits
   */
  public ScoringEngine(
      String label,
      ScoringMode mode,
      List<Section> sections,
      ScoreBands bands,
      boolean bonusAbove100) {
    this.label = label;
    this.mode = mode;
    this.bands = bands;
    this.bonusAbove100 = bonusAbove100;
    this.sectionWeighted =
        mode == ScoringMode.WEIGHTED_SECTIONS || mode == ScoringMode.WEIGHTED_SECTION_POINTS;
    boolean points =
        mode == ScoringMode.TOTAL_POINTS || mode == ScoringMode.WEIGHTED_SECTION_POINTS;
    List<Criterion> all = new ArrayList<>();
    List<Integer> secOf = new ArrayList<>();
    sectionIds = new String[sections.size()];
    sectionWeight = new long[sections.size()];
    int wScale = 0;
    int pScale = 0;
    for (int s = 0; s < sections.size(); s++) {
      Section sec = sections.get(s);
      sectionIds[s] = sec.id();
      wScale = Math.max(wScale, Math.max(0, sec.weight().scale()));
      for (Criterion c : sec.criteria()) {
        all.add(c);
        secOf.add(s);
        wScale = Math.max(wScale, Math.max(0, c.weight().scale()));
        for (AnswerOption o : c.scale().options()) {
          pScale = Math.max(pScale, Math.max(0, o.points().scale()));
        }
        pScale = Math.max(pScale, Math.max(0, c.passAt().scale()));
      }
    }
    for (int s = 0; s < sections.size(); s++) {
      sectionWeight[s] = units(sections.get(s).weight(), wScale);
    }
    criteria = all.toArray(Criterion[]::new);
    sectionOf = secOf.stream().mapToInt(Integer::intValue).toArray();
    int n = criteria.length;
    num = new long[n][];
    den = new long[n];
    fails = new boolean[n][];
    full = new boolean[n][];
    percent = new BigDecimal[n][];
    long lcm = 1;
    long lcmBonus = 1;
    Criterion at = null;
    try {
      for (Criterion c : criteria) {
        at = c;
        long m = units(c.scale().maxPoints(), pScale);
        if (c.bonus()) {
          lcmBonus = lcm(lcmBonus, m);
        } else if (!points && mode != ScoringMode.GROUP_WEIGHTED_POINTS) {
          // only the modes that add fractions points / maxPoints need a common denominator; the
          // points modes add points, and refused rubrics whose maxima have no lcm in a long
          lcm = lcm(lcm, m);
        }
      }
      bonusDen = Math.multiplyExact(lcmBonus, pow10(wScale));
      long totalDen = 0;
      long bonusSum = 0;
      for (int i = 0; i < n; i++) {
        Criterion c = criteria[i];
        at = c;
        index.put(c.id(), i);
        List<AnswerOption> opts = c.scale().options();
        Map<String, Integer> oi = new HashMap<>();
        long m = units(c.scale().maxPoints(), pScale);
        long w = units(c.weight(), wScale);
        long pass = units(c.passAt(), pScale);
        num[i] = new long[opts.size()];
        fails[i] = new boolean[opts.size()];
        full[i] = new boolean[opts.size()];
        percent[i] = new BigDecimal[opts.size()];
        for (int k = 0; k < opts.size(); k++) {
          AnswerOption o = opts.get(k);
          oi.put(o.id(), k);
          long p = units(o.points(), pScale);
          if (c.bonus()) {
            num[i][k] = Math.multiplyExact(Math.multiplyExact(w, p), lcmBonus / m);
          } else if (points) {
            num[i][k] = p;
          } else if (mode == ScoringMode.GROUP_WEIGHTED_POINTS) {
            num[i][k] = Math.multiplyExact(sectionWeight[sectionOf[i]], p);
          } else {
            num[i][k] = Math.multiplyExact(Math.multiplyExact(w, p), lcm / m);
          }
          fails[i][k] = c.criticality() != Criticality.NONE && p < pass;
          full[i][k] = p == m;
          percent[i][k] = round(BigInteger.valueOf(p), BigInteger.valueOf(m));
        }
        optionIndex.add(oi);
        if (c.bonus()) {
          bonusSum = Math.addExact(bonusSum, Math.multiplyExact(w, lcmBonus));
        } else {
          if (points) {
            den[i] = m;
          } else if (mode == ScoringMode.GROUP_WEIGHTED_POINTS) {
            den[i] = Math.multiplyExact(sectionWeight[sectionOf[i]], m);
          } else {
            den[i] = Math.multiplyExact(w, lcm);
          }
          totalDen = Math.addExact(totalDen, den[i]);
        }
      }
      // Numerators never exceed their denominators, so these sums bound every long accumulator.
      at = null;
      Math.multiplyExact(totalDen, 4L);
      Math.multiplyExact(bonusSum, 4L);
      totalBonus = bonusSum;
    } catch (ArithmeticException e) {
      throw new TooLarge(
          "checklist "
              + label
              + " cannot be scored exactly in 64-bit arithmetic"
              + (at == null ? "" : " from criterion '" + at.id() + "' on")
              + ": weights or scale maxima are too"
              + " large or too diverse (reduce decimals or use fewer distinct scale maxima)",
          at == null ? null : at.id(),
          e);
    }
  }

  /**
   * The criterion index of an id.
   *
   * @param criterionId the id
   * @return the index, or -1
   */
  public int indexOf(String criterionId) {
    Integer i = index.get(criterionId);
    return i == null ? -1 : i;
  }

  /**
   * Scores answers, {@code O(criteria + answers)}.
   *
   * @param answers answers by criterion id
   * @return the result
   * @throws IllegalArgumentException on a bad answer, naming the criterion
   */
  public ScoreResult score(Map<String, Answer> answers) {
    for (Map.Entry<String, Answer> e : answers.entrySet()) {
      String key = e.getKey();
      if (key == null || !index.containsKey(key)) {
        throw new IllegalArgumentException(
            "answers contain unknown criterion "
                + (key == null ? "null" : Excerpts.quote(key))
                + " (checklist "
                + label
                + ")");
      }
      if (e.getValue() == null) {
        throw nullAnswer(key);
      }
    }
    int n = criteria.length;
    int sections = sectionIds.length;
    long[] secNum = new long[sections];
    long[] secDen = new long[sections];
    boolean[] secFailed = new boolean[sections];
    long[] secBonus = new long[sections];
    boolean autoFail = false;
    List<CriterionResult> results = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Criterion c = criteria[i];
      Answer a = answers.get(c.id());
      if (a == null) {
        if (c.required()) {
          throw new IllegalArgumentException(
              "criterion '" + c.id() + "' requires an answer (checklist " + label + ")");
        }
        a = Answer.notApplicable();
      } else if (a.isNotApplicable() && !c.naAllowed()) {
        throw new IllegalArgumentException(
            "criterion '" + c.id() + "' does not allow N/A (checklist " + label + ")");
      }
      if (a.isNotApplicable()) {
        results.add(new CriterionResult(c.id(), a, Optional.empty(), false, false));
        continue;
      }
      String opt = a.optionId().orElseThrow();
      Integer k = optionIndex.get(i).get(opt);
      if (k == null) {
        throw new IllegalArgumentException(
            "answer "
                + Excerpts.quote(opt)
                + " for criterion '"
                + c.id()
                + "' is not on its scale "
                + Excerpts.list(optionIndex.get(i).keySet().stream().sorted().toList())
                + " (checklist "
                + label
                + ")");
      }
      boolean failed = fails[i][k];
      results.add(new CriterionResult(c.id(), a, Optional.of(percent[i][k]), full[i][k], failed));
      int s = sectionOf[i];
      if (c.bonus()) {
        secBonus[s] += num[i][k];
        continue;
      }
      secNum[s] += num[i][k];
      secDen[s] += den[i];
      if (failed) {
        if (c.criticality() == Criticality.FAIL_FORM) {
          autoFail = true;
        } else if (c.criticality() == Criticality.FAIL_SECTION) {
          secFailed[s] = true;
        }
      }
    }
    // a failed section takes all its points with it, its bonus criteria's included
    long bonusNum = 0;
    for (int s = 0; s < sections; s++) {
      if (!secFailed[s]) {
        bonusNum += secBonus[s];
      }
    }
    List<SectionScore> sectionScores = new ArrayList<>(sections);
    long totNum = 0;
    long totDen = 0;
    long wsWeight = 0;
    for (int s = 0; s < sections; s++) {
      if (secDen[s] == 0) {
        sectionScores.add(new SectionScore(sectionIds[s], Optional.empty(), secFailed[s]));
        continue;
      }
      long sn = secFailed[s] ? 0 : secNum[s];
      secNum[s] = sn;
      sectionScores.add(
          new SectionScore(sectionIds[s], Optional.of(round(sn, secDen[s])), secFailed[s]));
      totNum += sn;
      totDen += secDen[s];
      wsWeight += sectionWeight[s]; // weights are >= 0
    }
    long longNum;
    long longDen;
    BigInteger baseNum;
    BigInteger baseDen;
    if (sectionWeighted) {
      if (wsWeight == 0) {
        return unscored(sectionScores, results, autoFail);
      }
      // sum_s weight_s * num_s / den_s over scored sections, then / sum of their weights;
      // in long while it fits, else in BigInteger.
      long wn = 0;
      long wd = 1;
      try {
        for (int s = 0; s < sections; s++) {
          if (secDen[s] != 0 && sectionWeight[s] > 0) {
            wn =
                Math.addExact(
                    Math.multiplyExact(wn, secDen[s]),
                    Math.multiplyExact(Math.multiplyExact(sectionWeight[s], secNum[s]), wd));
            wd = Math.multiplyExact(wd, secDen[s]);
          }
        }
        wd = Math.multiplyExact(wd, wsWeight);
        longNum = wn;
        longDen = wd;
        baseNum = null;
        baseDen = null;
      } catch (ArithmeticException overflow) {
        BigInteger bn = BigInteger.ZERO;
        BigInteger bd = BigInteger.ONE;
        for (int s = 0; s < sections; s++) {
          if (secDen[s] != 0 && sectionWeight[s] > 0) {
            BigInteger sd = BigInteger.valueOf(secDen[s]);
            bn =
                bn.multiply(sd)
                    .add(
                        BigInteger.valueOf(sectionWeight[s])
                            .multiply(BigInteger.valueOf(secNum[s]))
                            .multiply(bd));
            bd = bd.multiply(sd);
          }
        }
        longNum = -1;
        longDen = -1;
        baseNum = bn;
        baseDen = bd.multiply(BigInteger.valueOf(wsWeight));
      }
    } else {
      if (totDen == 0) {
        return unscored(sectionScores, results, autoFail);
      }
      longNum = totNum;
      longDen = totDen;
      baseNum = null;
      baseDen = null;
    }
    BigDecimal base = baseNum == null ? round(longNum, longDen) : round(baseNum, baseDen);
    BigDecimal fin;
    if (autoFail) {
      fin = BigDecimal.valueOf(0, 2);
    } else {
      // fraction + bonusNum / (bonusDen * 100)  (bonus is in percentage points)
      if (bonusNum == 0) {
        fin = base;
      } else {
        if (baseNum == null) {
          baseNum = BigInteger.valueOf(longNum);
          baseDen = BigInteger.valueOf(longDen);
        }
        BigInteger bd = BigInteger.valueOf(bonusDen).multiply(BigInteger.valueOf(100));
        BigInteger fn = baseNum.multiply(bd).add(BigInteger.valueOf(bonusNum).multiply(baseDen));
        BigInteger fd = baseDen.multiply(bd);
        // capped at 100 % unless bonus may lift the total above it
        fin = round(bonusAbove100 ? fn : fn.min(fd), fd);
      }
    }
    return new ScoreResult(
        Optional.of(fin),
        Optional.of(base),
        autoFail,
        Optional.of(bands.bandFor(fin.min(HUNDRED))),
        sectionScores,
        results);
  }

  /**
   * The error for a null answer, which {@link #score} and the compiled scorer refuse alike.
   *
   * @param criterionId the criterion the answer is for
   * @return the error, naming the criterion
   */
  IllegalArgumentException nullAnswer(String criterionId) {
    return new IllegalArgumentException(
        "answer to criterion "
            + Excerpts.quote(criterionId)
            + " is null: leave it out or give Answer.notApplicable() (checklist "
            + label
            + ")");
  }

  /**
   * Nothing to score (every scored criterion N/A or weightless); a failed {@link
   * Criticality#FAIL_FORM} criterion still fails the form: 0, in the band of 0.
   */
  private ScoreResult unscored(
      List<SectionScore> sections, List<CriterionResult> results, boolean autoFail) {
    if (autoFail) {
      BigDecimal zero = BigDecimal.valueOf(0, 2);
      return new ScoreResult(
          Optional.of(zero),
          Optional.empty(),
          true,
          Optional.of(bands.bandFor(zero)),
          sections,
          results);
    }
    return new ScoreResult(
        Optional.empty(), Optional.empty(), false, Optional.empty(), sections, results);
  }

  /** As {@link #round(BigInteger, BigInteger)}, in long arithmetic when it cannot overflow. */
  static BigDecimal round(long num, long den) {
    if (num <= (Long.MAX_VALUE - den) / 20_000 && den <= Long.MAX_VALUE / 2) {
      return BigDecimal.valueOf((num * 20_000 + den) / (den * 2), 2);
    }
    return round(BigInteger.valueOf(num), BigInteger.valueOf(den));
  }

  /** {@code 100 * num / den} rounded half-up to 2 decimals; num, den >= 0, den > 0. */
  static BigDecimal round(BigInteger num, BigInteger den) {
    BigInteger hundredths = num.multiply(TWENTY_THOUSAND).add(den).divide(den.shiftLeft(1));
    return new BigDecimal(hundredths, 2);
  }

  private static long units(BigDecimal v, int scale) {
    return v.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
  }

  private static long pow10(int e) {
    long r = 1;
    for (int i = 0; i < e; i++) {
      r = Math.multiplyExact(r, 10);
    }
    return r;
  }

  private static long lcm(long a, long b) {
    return Math.multiplyExact(a / gcd(a, b), b);
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  @Override
  public String toString() {
    return "ScoringEngine[" + label + ", " + Arrays.toString(sectionIds) + "]";
  }
}
