package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every message that quotes a caller's value stays short, however large the value: a long answer or
 * criterion id is cut to 80 characters with its length, a huge number is written in scientific
 * notation (or by its digit count), and a number too large to compute with is refused up front.
 */
class BoundedMessagesTest {

  private static final int BOUND = 400;
  private static final String HUGE = "m".repeat(1_000_000);
  private static final BigDecimal E100M = new BigDecimal("1e100000000");

  private static final Checklist CHECKLIST =
      Checklist.builder("c", 1)
          .section(Section.of("s", 1, List.of(Criterion.builder("greeting").build())))
          .build();

  private static String message(Executable call) {
    String m = assertThrows(IllegalArgumentException.class, call).getMessage();
    assertTrue(m.length() <= BOUND, () -> "message of " + m.length() + " chars");
    return m;
  }

  @Test
  void aMillionCharacterAnswerIsExcerptedByEveryScorer() {
    Map<String, Answer> answers = Map.of("greeting", Answer.of(HUGE));
    String expected =
        "answer '" + "m".repeat(80) + "'…(1000000 chars) for criterion 'greeting' is not on its";
    assertTrue(message(() -> CHECKLIST.score(answers)).startsWith(expected));
    assertTrue(
        message(() -> Evaluation.of(CHECKLIST, "i", "a", "r", Instant.EPOCH, answers))
            .startsWith(expected));
    assertTrue(message(() -> CHECKLIST.compile().optionIndex(0, HUGE)).startsWith(expected));
    assertTrue(
        message(() -> CHECKLIST.score(Map.of(HUGE, Answer.of("yes"))))
            .startsWith("answers contain unknown criterion '" + "m".repeat(80) + "'…(1000000"));
    assertTrue(
        message(() -> CHECKLIST.compile().criterionIndex(HUGE))
            .endsWith("has no criterion '" + "m".repeat(80) + "'…(1000000 chars)"));
  }

  @Test
  void longBandNamesAndUnknownCriteriaOfTheCompiledScorerAreExcerpted() {
    assertEquals(
        "bands[1].name '" + "m".repeat(80) + "'…(1000000 chars) is duplicated",
        message(() -> ScoreBands.builder().band(HUGE, 0, "a").band(HUGE, 50, "b").build()));
    assertEquals(
        "answers contain unknown criterion '" + "m".repeat(80) + "'…(1000000 chars)",
        message(() -> CHECKLIST.compile().indexAnswers(Map.of(HUGE, Answer.of("yes")))));
  }

  @Test
  void aScaleWithThousandsOfOptionsIsListedInPart() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      ids.add("option-" + i);
    }
    Scale scale =
        Scale.of(
            ids.stream().map(id -> AnswerOption.of(id, id.equals("option-0") ? 2 : 1)).toList());
    Checklist c =
        Checklist.builder("c", 1)
            .section(Section.of("s", 1, List.of(Criterion.builder("q").scale(scale).build())))
            .build();
    String m = message(() -> c.score(Map.of("q", Answer.of("nope"))));
    assertTrue(m.contains("[option-0, option-1, "), m);
    assertTrue(m.contains(" more)]"), m);
    String zero = message(() -> Scale.of(ids.stream().map(id -> AnswerOption.of(id, 0)).toList()));
    assertTrue(zero.endsWith(" more)] must have an option with points > 0"), zero);
  }

  @Test
  void hugeNumbersAreRefusedWithAShortMessageNamingTheField() {
    String rule = " is out of range: magnitude below 10^50 and at most 50 decimals";
    assertEquals(
        "weight 1E+100000000 of criterion 'x'" + rule,
        message(() -> Criterion.builder("x").weight(E100M).build()));
    assertEquals(
        "weight 1E+100000000 of section 's'" + rule,
        message(() -> Section.of("s", "s", E100M, List.of(Criterion.builder("x").build()))));
    assertEquals(
        "passAt 1E+100000000 of criterion 'x'" + rule,
        message(
            () -> Criterion.builder("x").criticality(Criticality.FAIL_FORM).passAt(E100M).build()));
    assertEquals(
        "points 1E+100000000 of option 'yes'" + rule,
        message(() -> new AnswerOption("yes", E100M)));
    assertEquals(
        "bands[1].from 1E+1000000" + rule,
        message(
            () ->
                ScoreBands.builder()
                    .band("low", 0, "coach")
                    .band("high", new BigDecimal("1e1000000"), "none")
                    .build()));
    assertEquals(
        "score 1E+1000000 must be in [0, 100]",
        message(
            () ->
                ScoreBands.builder()
                    .band("all", 0, "none")
                    .build()
                    .bandFor(new BigDecimal("1e1000000"))));
  }

  @Test
  void aNumberWithAHundredThousandDigitsIsRefusedBeforeAnyArithmetic() {
    // 0.1000...0 with 100,000 zeros: equal to 0.1, but stripping its zeros one division at a time
    // would take minutes; it is refused by its size before any arithmetic
    BigDecimal tenth = new BigDecimal(BigInteger.TEN.pow(100_000), 100_001);
    assertEquals(0, tenth.compareTo(new BigDecimal("0.1")));
    String m = message(() -> Criterion.builder("x").weight(tenth).build());
    assertTrue(
        m.startsWith("weight a number of about 100001 digits (scale 100001) of criterion 'x' is"),
        m);
    assertTrue(message(() -> new AnswerOption("o", tenth)).startsWith("points a number of about"));
  }

  @Test
  void numbersWithinTheBoundsAreStillAccepted() {
    assertEquals(
        new BigDecimal("0.5"),
        Criterion.builder("x").weight(new BigDecimal("0.5000000000")).build().weight());
    assertEquals(new BigDecimal("3"), new AnswerOption("o", new BigDecimal("3E+0")).points());
    ScoreBands.builder().band("a", 0, "n").band("b", new BigDecimal("99.99990000"), "n").build();
  }
}
