package dev.servicekit.qa;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;

/**
 * Brute-force scorer straight from the documented definitions, with exact BigDecimal-backed
 * fractions; independent of the engine's common-denominator long arithmetic.
 */
final class ScoringOracle {

  private ScoringOracle() {}

  /** An exact non-negative fraction. */
  record Frac(BigInteger n, BigInteger d) {
    static final Frac ZERO = new Frac(BigInteger.ZERO, BigInteger.ONE);

    static Frac of(BigDecimal num, BigDecimal den) {
      int scale = Math.max(Math.max(num.scale(), den.scale()), 0);
      return new Frac(num.setScale(scale).unscaledValue(), den.setScale(scale).unscaledValue());
    }

    Frac plus(Frac o) {
      return new Frac(n.multiply(o.d).add(o.n.multiply(d)), d.multiply(o.d));
    }

    Frac times(Frac o) {
      return new Frac(n.multiply(o.n), d.multiply(o.d));
    }

    Frac over(Frac o) {
      return new Frac(n.multiply(o.d), d.multiply(o.n));
    }

    boolean isZero() {
      return n.signum() == 0;
    }

    BigDecimal percent() {
      return new BigDecimal(n.multiply(BigInteger.valueOf(100)))
          .divide(new BigDecimal(d), 2, RoundingMode.HALF_UP);
    }

    int compareTo(Frac o) {
      return n.multiply(o.d).compareTo(o.n.multiply(d));
    }
  }

  record Expected(Optional<BigDecimal> score, Optional<BigDecimal> base) {}

  static Expected score(Checklist c, Map<String, Answer> answers) {
    Frac totalNum = Frac.ZERO;
    Frac totalDen = Frac.ZERO;
    Frac sectionsNum = Frac.ZERO;
    Frac sectionsDen = Frac.ZERO;
    Frac bonus = Frac.ZERO;
    boolean autoFail = false;
    for (Section s : c.sections()) {
      Frac num = Frac.ZERO;
      Frac den = Frac.ZERO;
      Frac sectionBonus = Frac.ZERO;
      boolean sectionFail = false;
      for (Criterion cr : s.criteria()) {
        Answer a = answers.getOrDefault(cr.id(), Answer.notApplicable());
        if (a.isNotApplicable()) {
          continue;
        }
        BigDecimal p = cr.scale().option(a.optionId().orElseThrow()).orElseThrow().points();
        BigDecimal m = cr.scale().maxPoints();
        Frac f = Frac.of(p, m);
        boolean failed = cr.criticality() != Criticality.NONE && p.compareTo(cr.passAt()) < 0;
        if (failed && cr.criticality() == Criticality.FAIL_FORM) {
          autoFail = true;
        }
        if (failed && cr.criticality() == Criticality.FAIL_SECTION) {
          sectionFail = true;
        }
        if (cr.bonus()) {
          sectionBonus = sectionBonus.plus(f.times(Frac.of(cr.weight(), BigDecimal.ONE)));
          continue;
        }
        if (c.mode() == ScoringMode.TOTAL_POINTS
            || c.mode() == ScoringMode.WEIGHTED_SECTION_POINTS) {
          num = num.plus(Frac.of(p, BigDecimal.ONE));
          den = den.plus(Frac.of(m, BigDecimal.ONE));
        } else if (c.mode() == ScoringMode.GROUP_WEIGHTED_POINTS) {
          Frac g = Frac.of(s.weight(), BigDecimal.ONE);
          num = num.plus(g.times(Frac.of(p, BigDecimal.ONE)));
          den = den.plus(g.times(Frac.of(m, BigDecimal.ONE)));
        } else {
          Frac w = Frac.of(cr.weight(), BigDecimal.ONE);
          num = num.plus(w.times(f));
          den = den.plus(w);
        }
      }
      if (sectionFail) {
        num = Frac.ZERO; // a failed section's bonus criteria add nothing either
      } else {
        bonus = bonus.plus(sectionBonus);
      }
      totalNum = totalNum.plus(num);
      totalDen = totalDen.plus(den);
      if (!den.isZero() && s.weight().signum() > 0) {
        Frac sw = Frac.of(s.weight(), BigDecimal.ONE);
        sectionsNum = sectionsNum.plus(sw.times(num.over(den)));
        sectionsDen = sectionsDen.plus(sw);
      }
    }
    Frac base;
    if (c.mode() == ScoringMode.WEIGHTED_SECTIONS
        || c.mode() == ScoringMode.WEIGHTED_SECTION_POINTS) {
      if (sectionsDen.isZero()) {
        return unscored(autoFail);
      }
      base = sectionsNum.over(sectionsDen);
    } else {
      if (totalDen.isZero()) {
        return unscored(autoFail);
      }
      base = totalNum.over(totalDen);
    }
    Frac fin = base.plus(bonus.over(Frac.of(BigDecimal.valueOf(100), BigDecimal.ONE)));
    if (!c.bonusAbove100() && fin.compareTo(new Frac(BigInteger.ONE, BigInteger.ONE)) > 0) {
      fin = new Frac(BigInteger.ONE, BigInteger.ONE);
    }
    if (autoFail) {
      fin = Frac.ZERO;
    }
    return new Expected(Optional.of(fin.percent()), Optional.of(base.percent()));
  }

  /** Nothing to score: no score, unless a FAIL_FORM criterion failed, which scores the form 0. */
  private static Expected unscored(boolean autoFail) {
    return new Expected(
        autoFail ? Optional.of(Frac.ZERO.percent()) : Optional.empty(), Optional.empty());
  }
}
