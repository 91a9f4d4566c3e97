package dev.servicekit.qa;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeded generator of random, valid checklists and answers for properties and benchmarks. */
final class RandomChecklists {

  private RandomChecklists() {}

  static Scale randomScale(Random r) {
    switch (r.nextInt(5)) {
      case 0:
        return Scale.binary();
      case 1:
        return Scale.threeLevel();
      case 2:
        return Scale.rating(2 + r.nextInt(6));
      case 3:
        int min = r.nextInt(3);
        return Scale.range(min, min + 1 + r.nextInt(10));
      default:
        int n = 1 + r.nextInt(4);
        List<AnswerOption> opts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          opts.add(new AnswerOption("o" + i, BigDecimal.valueOf(r.nextInt(21), 1)));
        }
        // above every other option (at most 2.0): a scale needs options with different points
        opts.add(new AnswerOption("top", BigDecimal.valueOf(21 + r.nextInt(10), 1)));
        return Scale.of(opts);
    }
  }

  static Checklist randomChecklist(Random r) {
    ScoringMode mode = ScoringMode.values()[r.nextInt(ScoringMode.values().length)];
    int sections = 1 + r.nextInt(4);
    int[] weights = new int[sections];
    if (r.nextBoolean()) {
      // percentages adding up to 100
      int left = 100;
      for (int s = 0; s < sections - 1; s++) {
        weights[s] = r.nextInt(left + 1);
        left -= weights[s];
      }
      weights[sections - 1] = left;
    } else {
      // any positive proportion
      for (int s = 0; s < sections; s++) {
        weights[s] = s == 0 ? 1 + r.nextInt(40) : r.nextInt(41);
      }
    }
    Checklist.Builder b = Checklist.builder("rnd", 1).mode(mode).bonusAbove100(r.nextInt(4) == 0);
    int id = 0;
    // the anchor (weight 1, not bonus) goes to a section of positive weight, so that every mode
    // has a scorable weight and the checklist builds
    int anchorSection = 0;
    while (weights[anchorSection] == 0) {
      anchorSection++;
    }
    for (int s = 0; s < sections; s++) {
      List<Criterion> cs = new ArrayList<>();
      int n = 1 + r.nextInt(5);
      for (int i = 0; i < n; i++) {
        Scale scale = randomScale(r);
        Criterion.Builder cb =
            Criterion.builder("c" + id++)
                .scale(scale)
                .weight(
                    r.nextInt(4) == 0
                        ? BigDecimal.valueOf(r.nextInt(400), 2)
                        : BigDecimal.valueOf(r.nextInt(11)))
                .naAllowed(r.nextInt(2) == 0);
        if (r.nextInt(10) == 0) {
          cb.bonus(true).required(false);
        } else if (r.nextInt(5) == 0) {
          cb.criticality(Criticality.values()[1 + r.nextInt(3)]);
          List<BigDecimal> positive = new ArrayList<>();
          for (AnswerOption o : scale.options()) {
            if (o.points().signum() > 0) {
              positive.add(o.points());
            }
          }
          cb.passAt(positive.get(r.nextInt(positive.size())));
        }
        cs.add(cb.build());
      }
      if (s == anchorSection) {
        cs.add(Criterion.builder("anchor" + s).scale(randomScale(r)).build());
      }
      b.section(Section.of("s" + s, weights[s], cs));
    }
    return b.bands(ChecklistScoringTest.issueBands()).build();
  }

  static Map<String, Answer> randomAnswers(Checklist c, Random r) {
    Map<String, Answer> m = new LinkedHashMap<>();
    for (Criterion cr : c.criteria()) {
      if (cr.naAllowed() && r.nextInt(5) == 0) {
        m.put(cr.id(), Answer.notApplicable());
      } else if (!cr.required() && r.nextInt(3) == 0) {
        continue;
      } else {
        List<AnswerOption> opts = cr.scale().options();
        m.put(cr.id(), Answer.of(opts.get(r.nextInt(opts.size())).id()));
      }
    }
    return m;
  }
}
