package dev.servicekit.qa.internal;

import dev.servicekit.qa.Answer;
import dev.servicekit.qa.Criterion;
import dev.servicekit.qa.Criticality;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;

/**
 * Score-only, index-based twin of {@link ScoringEngine}: the same precomputed numerators and
 * denominators flattened into arrays, summed section by section (criteria are stored section by
 * section, so no per-call scratch space is needed) and rounded with 128-bit integer arithmetic. Not
 * API.
 *
 * <p>Whether a checklist can always be scored in 64/128-bit integers is decided once, from
 * worst-case bounds; only checklists that fail that bound take a {@link BigInteger} path (still
 * exact, but allocating). Thread-safe after construction.
 */
public final class CompiledScorer {

  /** Answer index meaning an explicit N/A. */
  public static final int NOT_APPLICABLE = -1;

  /** Answer index meaning no answer (N/A for optional criteria, an error for required ones). */
  public static final int UNANSWERED = -2;

  /** Result of {@link #scoreHundredths} when every non-bonus criterion is N/A. */
  public static final long UNSCORED = -1;

  private static final long LIMIT = 1L << 61;
  private static final byte NONE = 0;
  private static final byte SECTION = 1;
  private static final byte FORM = 2;

  private final ScoringEngine engine;
  private final int n;
  private final int[] sectionStart;
  private final long[] sectionWeight;
  private final int[] base;
  private final int[] optionCount;
  private final long[] num;
  private final boolean[] fails;
  private final long[] den;
  private final boolean[] bonus;
  private final boolean[] naAllowed;
  private final boolean[] required;
  private final byte[] criticality;
  private final boolean sectionWeighted;
  private final boolean bonusAbove100;

  /** {@code engine.bonusDen * 100}, or -1 if that is beyond a long (then only {@link #slow}). */
  private final long bonusScale;

  private final BigInteger bigBonusScale;
  private final boolean fast;

  /**
   * Flattens a compiled engine.
   *
   * @param engine the engine
   */
  public CompiledScorer(ScoringEngine engine) {
    this.engine = engine;
    Criterion[] cs = engine.criteria;
    n = cs.length;
    int sections = engine.sectionIds.length;
    sectionStart = new int[sections + 1];
    for (int i = 0, s = 0; s <= sections; s++) {
      while (i < n && engine.sectionOf[i] < s) {
        i++;
      }
      sectionStart[s] = i;
    }
    sectionWeight = engine.sectionWeight.clone();
    base = new int[n];
    optionCount = new int[n];
    den = engine.den.clone();
    bonus = new boolean[n];
    naAllowed = new boolean[n];
    required = new boolean[n];
    criticality = new byte[n];
    int total = 0;
    for (int i = 0; i < n; i++) {
      base[i] = total;
      optionCount[i] = engine.num[i].length;
      total += optionCount[i];
      bonus[i] = cs[i].bonus();
      naAllowed[i] = cs[i].naAllowed();
      required[i] = cs[i].required();
      criticality[i] =
          cs[i].criticality() == Criticality.FAIL_FORM
              ? FORM
              : cs[i].criticality() == Criticality.FAIL_SECTION ? SECTION : NONE;
    }
    num = new long[total];
    fails = new boolean[total];
    for (int i = 0; i < n; i++) {
      System.arraycopy(engine.num[i], 0, num, base[i], optionCount[i]);
      System.arraycopy(engine.fails[i], 0, fails, base[i], optionCount[i]);
    }
    sectionWeighted = engine.sectionWeighted;
    bonusAbove100 = engine.bonusAbove100;
    // the engine needs bonusDen itself in a long, not bonusDen * 100: an lcm of bonus maxima near
    // 10^18 is scored exactly there, and wrapped around here
    bigBonusScale = BigInteger.valueOf(engine.bonusDen).multiply(BigInteger.valueOf(100));
    bonusScale = bigBonusScale.bitLength() < Long.SIZE ? bigBonusScale.longValue() : -1;
    fast = bonusScale > 0 && fitsInLongs(sections);
  }

  /** Worst-case bound of every intermediate numerator and denominator, checked once. */
  private boolean fitsInLongs(int sections) {
    try {
      long maxDen;
      if (sectionWeighted) {
        long product = 1;
        long weights = 0;
        for (int s = 0; s < sections; s++) {
          long secDen = 0;
          for (int i = sectionStart[s]; i < sectionStart[s + 1]; i++) {
            secDen = Math.addExact(secDen, bonus[i] ? 0 : den[i]);
          }
          if (secDen > 0 && sectionWeight[s] > 0) {
            product = Math.multiplyExact(product, secDen);
            weights = Math.addExact(weights, sectionWeight[s]);
          }
        }
        maxDen = Math.multiplyExact(product, Math.max(1, weights));
      } else {
        maxDen = 0;
        for (int i = 0; i < n; i++) {
          maxDen = Math.addExact(maxDen, bonus[i] ? 0 : den[i]);
        }
      }
      long bound =
          engine.totalBonus == 0
              ? maxDen
              : Math.multiplyExact(maxDen, Math.addExact(bonusScale, engine.totalBonus));
      return bound < LIMIT;
    } catch (ArithmeticException overflow) {
      return false;
    }
  }

  /**
   * Whether {@link #scoreHundredths} never allocates for this checklist.
   *
   * @return true if all arithmetic provably fits in 64-bit integers
   */
  public boolean allocationFree() {
    return fast;
  }

  /**
   * The score in hundredths ({@code 8567} for 85.67) or {@link #UNSCORED}, {@code O(criteria)}, no
   * allocation when {@link #allocationFree()}.
   *
   * @param answers one option index per criterion, or {@link #NOT_APPLICABLE} / {@link #UNANSWERED}
   * @return the final score in hundredths
   * @throws IllegalArgumentException on a wrong length or an answer the full engine would reject
   */
  public long scoreHundredths(int[] answers) {
    if (answers.length != n) {
      throw new IllegalArgumentException(
          "answers has length " + answers.length + " but the checklist has " + n + " criteria");
    }
    if (!fast) {
      return slow(answers);
    }
    long totNum = 0;
    long totDen = 0;
    long bonusNum = 0;
    long wn = 0;
    long wd = 1;
    long wsWeight = 0;
    boolean autoFail = false;
    int sections = sectionStart.length - 1;
    for (int s = 0; s < sections; s++) {
      long sn = 0;
      long sd = 0;
      long sb = 0;
      boolean failed = false;
      for (int i = sectionStart[s], end = sectionStart[s + 1]; i < end; i++) {
        int k = answers[i];
        if (k < 0 || k >= optionCount[i]) {
          check(i, k);
          continue;
        }
        int at = base[i] + k;
        if (bonus[i]) {
          sb += num[at];
          continue;
        }
        sn += num[at];
        sd += den[i];
        if (fails[at]) {
          if (criticality[i] == FORM) {
            autoFail = true;
          } else if (criticality[i] == SECTION) {
            failed = true;
          }
        }
      }
      if (!failed) {
        bonusNum += sb; // a failed section takes its bonus criteria's points with it
      }
      if (sd == 0) {
        continue;
      }
      if (failed) {
        sn = 0;
      }
      totNum += sn;
      totDen += sd;
      long w = sectionWeight[s];
      if (sectionWeighted && w > 0) {
        wn = wn * sd + w * sn * wd;
        wd *= sd;
        wsWeight += w;
      }
    }
    if (autoFail) {
      return 0; // a failed FAIL_FORM criterion fails the form, even with nothing else scored
    }
    long bn;
    long bd;
    if (sectionWeighted) {
      if (wsWeight == 0) {
        return UNSCORED;
      }
      bn = wn;
      bd = wd * wsWeight;
    } else {
      if (totDen == 0) {
        return UNSCORED;
      }
      bn = totNum;
      bd = totDen;
    }
    if (bonusNum == 0) {
      return roundHundredths(bn, bd);
    }
    long fn = bn * bonusScale + bonusNum * bd;
    long fd = bd * bonusScale;
    // capped at 100 % unless bonus may lift the total above it
    return roundHundredths(bonusAbove100 ? fn : Math.min(fn, fd), fd);
  }

  private void check(int i, int k) {
    if (k == NOT_APPLICABLE) {
      if (!naAllowed[i]) {
        throw new IllegalArgumentException(
            "criterion '" + engine.criteria[i].id() + "' does not allow N/A (answers[" + i + "])");
      }
    } else if (k == UNANSWERED) {
      if (required[i]) {
        throw new IllegalArgumentException(
            "criterion '" + engine.criteria[i].id() + "' requires an answer (answers[" + i + "])");
      }
    } else {
      throw new IllegalArgumentException(
          "answers["
              + i
              + "] = "
              + k
              + " is not an option index of criterion '"
              + engine.criteria[i].id()
              + "' (0.."
              + (optionCount[i] - 1)
              + ", -1 = N/A, -2 = unanswered)");
    }
  }

  /** The same computation in BigInteger, for checklists whose bounds exceed 64 bits. */
  private long slow(int[] answers) {
    BigInteger totNum = BigInteger.ZERO;
    BigInteger totDen = BigInteger.ZERO;
    BigInteger bonusNum = BigInteger.ZERO;
    BigInteger wn = BigInteger.ZERO;
    BigInteger wd = BigInteger.ONE;
    long wsWeight = 0;
    boolean autoFail = false;
    for (int s = 0; s < sectionStart.length - 1; s++) {
      BigInteger sn = BigInteger.ZERO;
      BigInteger sd = BigInteger.ZERO;
      BigInteger sb = BigInteger.ZERO;
      boolean failed = false;
      for (int i = sectionStart[s]; i < sectionStart[s + 1]; i++) {
        int k = answers[i];
        if (k < 0 || k >= optionCount[i]) {
          check(i, k);
          continue;
        }
        int at = base[i] + k;
        if (bonus[i]) {
          sb = sb.add(BigInteger.valueOf(num[at]));
          continue;
        }
        sn = sn.add(BigInteger.valueOf(num[at]));
        sd = sd.add(BigInteger.valueOf(den[i]));
        if (fails[at]) {
          autoFail |= criticality[i] == FORM;
          failed |= criticality[i] == SECTION;
        }
      }
      if (!failed) {
        bonusNum = bonusNum.add(sb); // a failed section takes its bonus points with it
      }
      if (sd.signum() == 0) {
        continue;
      }
      if (failed) {
        sn = BigInteger.ZERO;
      }
      totNum = totNum.add(sn);
      totDen = totDen.add(sd);
      long w = sectionWeight[s];
      // a section of weight 0 multiplies both wn and wd by sd here: the fraction is unchanged
      if (sectionWeighted) {
        wn = wn.multiply(sd).add(BigInteger.valueOf(w).multiply(sn).multiply(wd));
        wd = wd.multiply(sd);
        wsWeight += w;
      }
    }
    if (autoFail) {
      return 0; // a failed FAIL_FORM criterion fails the form, even with nothing else scored
    }
    BigInteger bn;
    BigInteger bd;
    if (sectionWeighted) {
      if (wsWeight == 0) {
        return UNSCORED;
      }
      bn = wn;
      bd = wd.multiply(BigInteger.valueOf(wsWeight));
    } else {
      if (totDen.signum() == 0) {
        return UNSCORED;
      }
      bn = totNum;
      bd = totDen;
    }
    BigInteger scale = bigBonusScale;
    BigInteger fn = bn.multiply(scale).add(bonusNum.multiply(bd));
    BigInteger fd = bd.multiply(scale);
    return ScoringEngine.round(bonusAbove100 ? fn : fn.min(fd), fd)
        .unscaledValue()
        .longValueExact();
  }

  /**
   * {@code floor((20000 n + d) / (2 d))}: {@code 100 n / d} in hundredths rounded half-up, exact
   * for {@code 0 <= n} and {@code 0 < d < 2^61}, without allocation.
   *
   * @param n numerator
   * @param d denominator
   * @return the rounded hundredths
   */
  public static long roundHundredths(long n, long d) {
    if (n <= (Long.MAX_VALUE - d) / 20_000) {
      return (n * 20_000 + d) / (2 * d);
    }
    // x = 20000 n + d as a 128-bit (hi, lo) pair; q is estimated in double and corrected exactly.
    long xh = Math.multiplyHigh(n, 20_000);
    long xl = n * 20_000;
    long sum = xl + d;
    if (Long.compareUnsigned(sum, xl) < 0) {
      xh++;
    }
    xl = sum;
    long d2 = 2 * d;
    long q = (long) ((20_000.0 * n + d) / (2.0 * d));
    while (q > 0 && greater(q, d2, xh, xl)) {
      q--;
    }
    while (!greater(q + 1, d2, xh, xl)) {
      q++;
    }
    return q;
  }

  /** Whether {@code q * d2 > (xh, xl)} in unsigned 128-bit arithmetic, for q, d2 >= 0. */
  private static boolean greater(long q, long d2, long xh, long xl) {
    long ph = Math.multiplyHigh(q, d2);
    long pl = q * d2;
    return ph != xh ? ph > xh : Long.compareUnsigned(pl, xl) > 0;
  }

  /**
   * Converts answers by id to answers by index (allocating; for loading, not the hot path).
   *
   * @param answers answers by criterion id
   * @return one option index per criterion
   * @throws IllegalArgumentException for an unknown criterion or option
   */
  public int[] indexAnswers(Map<String, Answer> answers) {
    for (Map.Entry<String, Answer> e : answers.entrySet()) {
      String key = e.getKey();
      if (engine.indexOf(key) < 0) {
        throw new IllegalArgumentException(
            "answers contain unknown criterion " + Excerpts.quote(key));
      }
      if (e.getValue() == null) {
        // refused as Checklist.score refuses it: read as unanswered, an optional criterion's null
        // answer scored as N/A where the checklist threw
        throw engine.nullAnswer(key);
      }
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      Answer a = answers.get(engine.criteria[i].id());
      out[i] = a == null ? UNANSWERED : a.isNotApplicable() ? NOT_APPLICABLE : option(i, a);
    }
    return out;
  }

  /**
   * The index of an option of a criterion.
   *
   * @param criterion the criterion index
   * @param optionId the option id
   * @return the option index
   * @throws IllegalArgumentException if the option is not on the criterion's scale
   */
  public int optionIndex(int criterion, String optionId) {
    Objects.checkIndex(criterion, n);
    Integer k = engine.optionIndex.get(criterion).get(optionId);
    if (k == null) {
      throw new IllegalArgumentException(
          "answer "
              + Excerpts.quote(optionId)
              + " for criterion '"
              + engine.criteria[criterion].id()
              + "' is not on its scale");
    }
    return k;
  }

  private int option(int i, Answer a) {
    return optionIndex(i, a.optionId().orElseThrow());
  }
}
