package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@code ChecklistJson.read(write(c))} equals {@code c} for checklists whose decimals (weights,
 * points, pass marks, band bounds) come at any scale: {@code 2}, {@code 2.0}, {@code 2.50}, {@code
 * 1E+1}.
 */
class ChecklistJsonDecimalRoundTripProperties {

  private static BigDecimal odd(Random r, int unscaledBound) {
    BigDecimal v = BigDecimal.valueOf(r.nextInt(unscaledBound));
    switch (r.nextInt(4)) {
      case 0:
        return v;
      case 1:
        return v.setScale(1 + r.nextInt(3));
      case 2:
        return BigDecimal.valueOf(r.nextInt(unscaledBound * 10), 1).setScale(2);
      default:
        return new BigDecimal(v.toBigInteger(), 0).stripTrailingZeros();
    }
  }

  @Property(tries = 200)
  void decimalsOfAnyScaleRoundTrip(@ForAll long seed) {
    Random r = new Random(seed);
    Checklist.Builder b =
        Checklist.builder("calls", 1 + r.nextInt(5))
            .mode(ScoringMode.values()[r.nextInt(ScoringMode.values().length)]);
    int sections = 1 + r.nextInt(3);
    int id = 0;
    for (int s = 0; s < sections; s++) {
      List<Criterion> cs = new ArrayList<>();
      int n = 1 + r.nextInt(3);
      for (int i = 0; i < n; i++) {
        BigDecimal low = odd(r, 5);
        BigDecimal high = low.add(BigDecimal.ONE).add(odd(r, 5));
        Scale scale = Scale.of(List.of(new AnswerOption("lo", low), new AnswerOption("hi", high)));
        Criterion.Builder cb =
            Criterion.builder("c" + id++).weight(odd(r, 10).add(BigDecimal.ONE)).scale(scale);
        if (r.nextInt(3) == 0) {
          cb.criticality(Criticality.FAIL_FORM).passAt(high);
        }
        cs.add(cb.build());
      }
      b.section(Section.of("s" + s, "S" + s, odd(r, 50).add(BigDecimal.ONE), cs));
    }
    if (r.nextBoolean()) {
      b.bands(
          ScoreBands.builder()
              .band("red", BigDecimal.ZERO.setScale(r.nextInt(3)), "fix")
              .band("green", odd(r, 99).add(BigDecimal.ONE), "none")
              .build());
    }
    Checklist c = b.build();
    String json = ChecklistJson.write(c);
    Checklist back = ChecklistJson.read(json);
    assertEquals(c, back, json);
    assertEquals(json, ChecklistJson.write(back));
  }
}
