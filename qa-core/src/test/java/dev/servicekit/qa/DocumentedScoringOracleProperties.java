package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Scoring against an oracle written from the documentation alone (ScoringMode, Criticality,
 * Criterion, ScoreResult, SectionScore, ScoreBands and README "qa-core: checklist scoring"), in
 * exact fractions, over checklists the other generators leave out: section and criterion weights
 * with up to 4 decimals and up to 1,000,000, option points and pass marks with decimals (a pass
 * mark between two options), bonus criteria with decimal weights, zero weights, and bands whose
 * bounds have 2 to 4 decimals and fall on scores such as 2/3. It checks every component of the
 * result, the compiled scorer and the checklist read back from its JSON.
 */
class DocumentedScoringOracleProperties {

  /** An exact non-negative fraction. */
  private record Q(BigInteger n, BigInteger d) {
    static final Q ZERO = new Q(BigInteger.ZERO, BigInteger.ONE);

    static Q of(BigDecimal v) {
      return v.scale() >= 0
          ? new Q(v.unscaledValue(), BigInteger.TEN.pow(v.scale()))
          : new Q(v.toBigIntegerExact(), BigInteger.ONE);
    }

    static Q div(Q a, Q b) {
      return new Q(a.n.multiply(b.d), a.d.multiply(b.n));
    }

    Q plus(Q o) {
      return new Q(n.multiply(o.d).add(o.n.multiply(d)), d.multiply(o.d));
    }

    Q times(Q o) {
      return new Q(n.multiply(o.n), d.multiply(o.d));
    }

    int compareTo(Q o) {
      return n.multiply(o.d).compareTo(o.n.multiply(d));
    }

    boolean isZero() {
      return n.signum() == 0;
    }

    /** {@code 100 * this}, rounded half-up to 2 decimals. */
    BigDecimal percent() {
      return new BigDecimal(n.multiply(BigInteger.valueOf(100)))
          .divide(new BigDecimal(d), 2, RoundingMode.HALF_UP);
    }

    /** {@code this} (already in percent) rounded half-up to 2 decimals. */
    BigDecimal rounded() {
      return new BigDecimal(n).divide(new BigDecimal(d), 2, RoundingMode.HALF_UP);
    }
  }

  private static final Q HUNDRED = new Q(BigInteger.valueOf(100), BigInteger.ONE);

  /** What the documentation says the result is. */
  private record Expected(
      Optional<BigDecimal> score,
      Optional<BigDecimal> baseScore,
      boolean autoFailed,
      Optional<String> band,
      List<Optional<BigDecimal>> sectionScores,
      List<Boolean> sectionFailed,
      List<Optional<BigDecimal>> percents,
      List<Boolean> full,
      List<Boolean> failed) {}

  static Expected oracle(Checklist c, Map<String, Answer> answers) {
    ScoringMode mode = c.mode();
    List<Optional<BigDecimal>> percents = new ArrayList<>();
    List<Boolean> full = new ArrayList<>();
    List<Boolean> failed = new ArrayList<>();
    List<Optional<BigDecimal>> sectionScores = new ArrayList<>();
    List<Boolean> sectionFailed = new ArrayList<>();
    boolean autoFail = false;
    // per section: earned and possible of the mode's own kind, and its weight
    List<Q> secNum = new ArrayList<>();
    List<Q> secDen = new ArrayList<>();
    List<Q> bonusOf = new ArrayList<>();
    for (Section s : c.sections()) {
      Q num = Q.ZERO;
      Q den = Q.ZERO;
      Q bonus = Q.ZERO;
      boolean sectionFails = false;
      for (Criterion cr : s.criteria()) {
        Answer a = answers.get(cr.id());
        if (a == null || a.isNotApplicable()) {
          percents.add(Optional.empty());
          full.add(false);
          failed.add(false);
          continue;
        }
        BigDecimal points = cr.scale().option(a.optionId().orElseThrow()).orElseThrow().points();
        BigDecimal max = cr.scale().maxPoints();
        Q share = Q.div(Q.of(points), Q.of(max)); // points / maxPoints
        boolean fails = cr.criticality() != Criticality.NONE && points.compareTo(cr.passAt()) < 0;
        percents.add(Optional.of(share.percent()));
        full.add(points.compareTo(max) == 0);
        failed.add(fails);
        if (cr.bonus()) {
          bonus = bonus.plus(Q.of(cr.weight()).times(share)); // percentage points
          continue;
        }
        autoFail |= fails && cr.criticality() == Criticality.FAIL_FORM;
        sectionFails |= fails && cr.criticality() == Criticality.FAIL_SECTION;
        switch (mode) {
          case TOTAL_POINTS, WEIGHTED_SECTION_POINTS -> {
            num = num.plus(Q.of(points));
            den = den.plus(Q.of(max));
          }
          case WEIGHTED_CRITERIA, WEIGHTED_SECTIONS -> {
            num = num.plus(Q.of(cr.weight()).times(share));
            den = den.plus(Q.of(cr.weight()));
          }
          case GROUP_WEIGHTED_POINTS -> {
            // a section of weight 0 does not count and reports no score
            if (s.weight().signum() > 0) {
              num = num.plus(Q.of(points));
              den = den.plus(Q.of(max));
            }
          }
        }
      }
      if (sectionFails) {
        num = Q.ZERO; // the section's score and its share of the total are 0, its bonus nothing
        bonus = Q.ZERO;
      }
      secNum.add(num);
      secDen.add(den);
      bonusOf.add(bonus);
      sectionFailed.add(sectionFails);
      sectionScores.add(den.isZero() ? Optional.empty() : Optional.of(Q.div(num, den).percent()));
    }
    Q base = null; // a fraction of 1
    switch (mode) {
      case TOTAL_POINTS, WEIGHTED_CRITERIA -> {
        Q n = Q.ZERO;
        Q d = Q.ZERO;
        for (int s = 0; s < secNum.size(); s++) {
          n = n.plus(secNum.get(s));
          d = d.plus(secDen.get(s));
        }
        base = d.isZero() ? null : Q.div(n, d);
      }
      case GROUP_WEIGHTED_POINTS -> {
        Q n = Q.ZERO;
        Q d = Q.ZERO;
        for (int s = 0; s < secNum.size(); s++) {
          Q w = Q.of(c.sections().get(s).weight());
          n = n.plus(w.times(secNum.get(s)));
          d = d.plus(w.times(secDen.get(s)));
        }
        base = d.isZero() ? null : Q.div(n, d);
      }
      case WEIGHTED_SECTIONS, WEIGHTED_SECTION_POINTS -> {
        // the section-weight average of the sections that have a score
        Q n = Q.ZERO;
        Q w = Q.ZERO;
        for (int s = 0; s < secNum.size(); s++) {
          if (!secDen.get(s).isZero()) {
            Q sw = Q.of(c.sections().get(s).weight());
            n = n.plus(sw.times(Q.div(secNum.get(s), secDen.get(s))));
            w = w.plus(sw);
          }
        }
        base = w.isZero() ? null : Q.div(n, w);
      }
    }
    if (base == null) {
      Optional<BigDecimal> zero = autoFail ? Optional.of(new BigDecimal("0.00")) : Optional.empty();
      return new Expected(
          zero,
          Optional.empty(),
          autoFail,
          zero.map(z -> bandOf(c, Q.ZERO)),
          sectionScores,
          sectionFailed,
          percents,
          full,
          failed);
    }
    Q fin;
    if (autoFail) {
      fin = Q.ZERO;
    } else {
      Q bonus = Q.ZERO;
      for (Q b : bonusOf) {
        bonus = bonus.plus(b);
      }
      fin = HUNDRED.times(base).plus(bonus);
      if (!c.bonusAbove100() && fin.compareTo(HUNDRED) > 0) {
        fin = HUNDRED;
      }
    }
    BigDecimal score = fin.rounded();
    return new Expected(
        Optional.of(score),
        Optional.of(base.percent()),
        autoFail,
        Optional.of(bandOf(c, Q.of(score.min(BigDecimal.valueOf(100))))),
        sectionScores,
        sectionFailed,
        percents,
        full,
        failed);
  }

  /** The last band whose lower bound is at most the (rounded, capped) score. */
  private static String bandOf(Checklist c, Q score) {
    String name = null;
    for (ScoreBand b : c.bands().bands()) {
      if (Q.of(b.from()).compareTo(score) <= 0) {
        name = b.name();
      }
    }
    return name;
  }

  // ---- generators ----------------------------------------------------------------------------

  private static BigDecimal decimal(Random r, long maxUnits, int maxScale) {
    int scale = r.nextInt(maxScale + 1);
    long units = (long) (r.nextDouble() * (maxUnits * Math.pow(10, scale)));
    return BigDecimal.valueOf(units, scale);
  }

  private static BigDecimal weight(Random r) {
    return switch (r.nextInt(8)) {
      case 0 -> BigDecimal.ZERO;
      case 1 -> BigDecimal.valueOf(1_000_000);
      case 2 -> new BigDecimal("0.0001");
      case 3 -> decimal(r, 1_000_000, 4);
      case 4 -> decimal(r, 100, 2);
      default -> BigDecimal.valueOf(1 + r.nextInt(5));
    };
  }

  private static Scale scale(Random r) {
    switch (r.nextInt(6)) {
      case 0:
        return Scale.binary();
      case 1:
        return Scale.threeLevel();
      case 2:
        return Scale.rating(2 + r.nextInt(9));
      case 3:
        int min = r.nextInt(4);
        return Scale.range(min, min + 1 + r.nextInt(20));
      default:
        List<AnswerOption> opts = new ArrayList<>();
        int n = 2 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
          opts.add(
              new AnswerOption(
                  "o" + i, decimal(r, r.nextBoolean() ? 3 : 1000, r.nextInt(3) == 0 ? 4 : 1)));
        }
        if (opts.stream().allMatch(o -> o.points().compareTo(opts.get(0).points()) == 0)
            || opts.stream().allMatch(o -> o.points().signum() == 0)) {
          opts.add(new AnswerOption("top", new BigDecimal("1000.5")));
        }
        return Scale.of(opts);
    }
  }

  static Checklist checklist(Random r) {
    ScoringMode mode = ScoringMode.values()[r.nextInt(ScoringMode.values().length)];
    Checklist.Builder b = Checklist.builder("oracle", 1).mode(mode).bonusAbove100(r.nextBoolean());
    int sections = 1 + r.nextInt(4);
    int id = 0;
    for (int s = 0; s < sections; s++) {
      List<Criterion> cs = new ArrayList<>();
      int n = 1 + r.nextInt(4);
      for (int i = 0; i < n; i++) {
        Scale scale = scale(r);
        Criterion.Builder cb =
            Criterion.builder("c" + id++)
                .scale(scale)
                .weight(weight(r))
                .naAllowed(r.nextInt(3) == 0)
                .required(r.nextInt(4) != 0);
        int kind = r.nextInt(8);
        if (kind == 0) {
          cb.bonus(true).weight(decimal(r, 30, 4));
        } else if (kind <= 3) {
          cb.criticality(Criticality.values()[1 + r.nextInt(3)]);
          if (r.nextBoolean()) {
            // any pass mark in (0, max]: on an option or between two
            BigDecimal max = scale.maxPoints();
            BigDecimal pass =
                r.nextBoolean()
                    ? scale.options().get(r.nextInt(scale.options().size())).points()
                    : max.multiply(BigDecimal.valueOf(1 + r.nextInt(100), 2))
                        .setScale(4, RoundingMode.DOWN);
            if (pass.signum() > 0) {
              cb.passAt(pass);
            }
          }
        }
        cs.add(cb.build());
      }
      BigDecimal sw = r.nextInt(3) == 0 ? BigDecimal.ZERO : weight(r);
      b.section(Section.of("s" + s, "s" + s, sw, cs));
    }
    ScoreBands.Builder bands = ScoreBands.builder().band("b0", BigDecimal.ZERO, "none");
    List<BigDecimal> bounds =
        List.of(
            new BigDecimal("33.33"),
            new BigDecimal("33.335"),
            new BigDecimal("50"),
            new BigDecimal("66.665"),
            new BigDecimal("66.67"),
            new BigDecimal("75"),
            new BigDecimal("99.995"),
            new BigDecimal("99.99"));
    BigDecimal last = BigDecimal.ZERO;
    int k = 1;
    for (BigDecimal bound : bounds.stream().sorted().toList()) {
      if (bound.compareTo(last) > 0 && r.nextInt(3) == 0) {
        bands.band("b" + k++, bound, "act");
        last = bound;
      }
    }
    return b.bands(bands.build()).build();
  }

  static Map<String, Answer> answers(Checklist c, Random r) {
    Map<String, Answer> m = new LinkedHashMap<>();
    boolean allNa = r.nextInt(10) == 0;
    for (Criterion cr : c.criteria()) {
      if (cr.naAllowed() && (allNa || r.nextInt(4) == 0)) {
        m.put(cr.id(), Answer.notApplicable());
      } else if (!cr.required() && (allNa || r.nextInt(3) == 0)) {
        continue;
      } else {
        List<AnswerOption> opts = cr.scale().options();
        // the top and the bottom often, to reach full marks and failures
        int pick =
            r.nextInt(3) == 0 ? 0 : r.nextInt(3) == 0 ? opts.size() - 1 : r.nextInt(opts.size());
        m.put(cr.id(), Answer.of(opts.get(pick).id()));
      }
    }
    return m;
  }

  @Property(tries = 2000)
  void scoringFollowsTheDocumentedFormulas(@ForAll long seed) {
    Random r = new Random(seed);
    Checklist c;
    try {
      c = checklist(r);
    } catch (IllegalArgumentException refused) {
      // the documented refusals only: nothing scorable, or beyond exact 64-bit scoring
      String m = refused.getMessage();
      assertTrue(
          m.contains("add up to 0")
              || m.contains("has no non-bonus criterion of positive weight")
              || m.contains("must have at least one non-bonus criterion")
              || m.contains("cannot be scored exactly in 64-bit arithmetic"),
          m);
      Assume.that(false);
      return;
    }
    for (int round = 0; round < 5; round++) {
      Map<String, Answer> answers = answers(c, r);
      Expected want = oracle(c, answers);
      ScoreResult got = c.score(answers);
      String where = c + " " + c.sections() + " " + answers;
      assertEquals(want.score(), got.score(), "score " + where);
      assertEquals(want.baseScore(), got.baseScore(), "baseScore " + where);
      assertEquals(want.autoFailed(), got.autoFailed(), "autoFailed " + where);
      assertEquals(want.band(), got.band().map(ScoreBand::name), "band " + where);
      List<Optional<BigDecimal>> sectionScores = new ArrayList<>();
      List<Boolean> sectionFailed = new ArrayList<>();
      for (SectionScore s : got.sections()) {
        sectionScores.add(s.score());
        sectionFailed.add(s.failed());
      }
      assertEquals(want.sectionScores(), sectionScores, "sections " + where);
      assertEquals(want.sectionFailed(), sectionFailed, "section failures " + where);
      List<Optional<BigDecimal>> percents = new ArrayList<>();
      List<Boolean> full = new ArrayList<>();
      List<Boolean> failed = new ArrayList<>();
      for (CriterionResult cr : got.criteria()) {
        percents.add(cr.percent());
        full.add(cr.fullMarks());
        failed.add(cr.criticalFailure());
      }
      assertEquals(want.percents(), percents, "percents " + where);
      assertEquals(want.full(), full, "full marks " + where);
      assertEquals(want.failed(), failed, "critical failures " + where);
      CompiledChecklist compiled = c.compile();
      assertEquals(
          want.score(), compiled.score(compiled.indexAnswers(answers)), "compiled " + where);
      Checklist back = ChecklistJson.read(ChecklistJson.write(c));
      assertEquals(c, back);
      assertEquals(got, back.score(answers), "from JSON " + where);
    }
  }
}
