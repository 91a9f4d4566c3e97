package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The value semantics of the public types (equal values are equal with equal hash codes, any
 * differing component makes them unequal, {@code toString} names the value) and the guards that tie
 * an evaluation to its checklist.
 */
class ValueTypesAndGuardsTest {

  private static final Instant T0 = Instant.parse("2026-02-02T10:00:00Z");

  /** {@code same} equals {@code base}; each of {@code different} does not; hash codes agree. */
  private static void assertValueSemantics(Object base, Object same, List<?> different) {
    assertEquals(base, base);
    assertEquals(base, same);
    assertEquals(same, base);
    assertEquals(base.hashCode(), same.hashCode());
    assertNotEquals(base, null);
    assertNotEquals(base, "not a value");
    Set<Integer> hashes = new HashSet<>();
    hashes.add(base.hashCode());
    for (Object d : different) {
      assertNotEquals(base, d, d.toString());
      assertNotEquals(d, base, d.toString());
      hashes.add(d.hashCode());
    }
    assertTrue(hashes.size() > 1, "every hash code is " + hashes);
  }

  @Test
  void scalesAreValues() {
    assertValueSemantics(
        Scale.rating(5),
        Scale.rating(5),
        List.of(Scale.rating(4), Scale.binary(), Scale.range(0, 4), Scale.threeLevel()));
    assertEquals("Scale" + Scale.binary().options(), Scale.binary().toString());
  }

  @Test
  void scoreBandsAreValues() {
    ScoreBands b = ScoreBands.builder().band("low", 0, "coach").band("ok", 80, "none").build();
    assertValueSemantics(
        b,
        ScoreBands.builder().band("low", 0, "coach").band("ok", 80, "none").build(),
        List.of(
            ScoreBands.builder().band("low", 0, "coach").band("ok", 81, "none").build(),
            ScoreBands.builder().band("low", 0, "coach").band("ok", 80, "praise").build(),
            ScoreBands.unbanded()));
    assertTrue(b.toString().startsWith("ScoreBands["), b.toString());
    assertTrue(b.toString().contains("coach"), b.toString());
  }

  private static Criterion.Builder greet() {
    return Criterion.builder("greet");
  }

  @Test
  void criteriaAreValues() {
    assertValueSemantics(
        greet().weight(2).build(),
        greet().weight(2).build(),
        List.of(
            greet().build(),
            Criterion.builder("other").weight(2).build(),
            greet().weight(2).name("Greeting").build(),
            greet().weight(2).scale(Scale.threeLevel()).build(),
            greet().weight(2).naAllowed(true).build(),
            greet().weight(2).required(false).build(),
            greet().weight(2).criticality(Criticality.FAIL_FORM).build(),
            greet().weight(2).criticality(Criticality.FAIL_FORM).passAt(BigDecimal.ONE).build(),
            greet().weight(2).bonus(true).build()));
    assertEquals(
        "Criterion[greet, weight=2, " + Scale.binary() + "]", greet().weight(2).build().toString());
  }

  private static Checklist checklist(int version, Criterion... criteria) {
    return Checklist.builder("calls", version)
        .section(Section.of("s", 1, List.of(criteria)))
        .build();
  }

  private static final Criterion EXTRA = Criterion.builder("extra").required(false).build();

  @Test
  void checklistsAreValues() {
    Checklist c = checklist(1, greet().build(), EXTRA);
    assertValueSemantics(
        c,
        checklist(1, greet().build(), EXTRA),
        List.of(
            checklist(2, greet().build(), EXTRA),
            checklist(1, greet().build()),
            c.toBuilder(1).name("renamed").build(),
            c.toBuilder(1).mode(ScoringMode.TOTAL_POINTS).build(),
            c.toBuilder(1).bonusAbove100(true).build()));
    assertEquals("Checklist[calls v1, " + c.mode() + ", 1 sections]", c.toString());
  }

  private static Evaluation evaluation(Checklist c, String interaction, String answer) {
    return Evaluation.of(
        c,
        interaction,
        "anna",
        "ivan",
        T0,
        Map.of("greet", Answer.of(answer)),
        Map.of("greet", "g", "extra", "e"),
        List.of(),
        List.of());
  }

  @Test
  void evaluationsAreValues() {
    Checklist c = checklist(1, greet().build(), EXTRA);
    Evaluation e = evaluation(c, "call-1", "yes");
    assertValueSemantics(
        e,
        evaluation(c, "call-1", "yes"),
        List.of(
            evaluation(c, "call-2", "yes"),
            evaluation(c, "call-1", "no"),
            evaluation(checklist(2, greet().build(), EXTRA), "call-1", "yes")));
    assertTrue(e.toString().startsWith("Evaluation[call-1, agent=anna"), e.toString());
  }

  @Test
  void rescoringKeepsOnlyTheCommentsOnCriteriaTheNewVersionHas() {
    Checklist v1 = checklist(1, greet().build(), EXTRA);
    Checklist v2 = checklist(2, greet().build());
    Evaluation e = evaluation(v1, "call-1", "yes");
    assertEquals(Map.of("greet", "g", "extra", "e"), e.comments());
    Evaluation r = e.rescore(v2);
    assertEquals(Map.of("greet", "g"), r.comments());
    assertEquals(2, r.checklistVersion());
  }

  @Test
  void anEvaluationRefusesAnotherChecklist() {
    Checklist v1 = checklist(1, greet().build(), EXTRA);
    Evaluation e = evaluation(v1, "call-1", "yes");
    Checklist other =
        Checklist.builder("chats", 1)
            .section(Section.of("s", 1, List.of(greet().build(), EXTRA)))
            .build();
    IllegalArgumentException a =
        assertThrows(IllegalArgumentException.class, () -> e.rescore(other));
    assertTrue(a.getMessage().contains("'chats'"), a.getMessage());
    assertTrue(a.getMessage().startsWith("cannot rescore "), a.getMessage());
    IllegalArgumentException b =
        assertThrows(
            IllegalArgumentException.class,
            () -> e.revise(other, Map.of("greet", Answer.of("no")), Map.of(), "lead", T0, "x"));
    assertTrue(b.getMessage().contains("'chats'"), b.getMessage());
    // the call was revise: the message said "cannot rescore"
    assertTrue(b.getMessage().startsWith("cannot revise "), b.getMessage());
    Dispute d = Dispute.open("anna", T0.plusSeconds(1), Optional.of("greet"), "no");
    IllegalArgumentException c =
        assertThrows(IllegalArgumentException.class, () -> e.withDispute(d, other));
    assertTrue(c.getMessage().contains("is not the version of this evaluation"), c.getMessage());
    IllegalArgumentException v =
        assertThrows(
            IllegalArgumentException.class,
            () -> e.withDispute(d, checklist(2, greet().build(), EXTRA)));
    assertTrue(v.getMessage().contains("v2 is not the version"), v.getMessage());
  }
}
