package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A rule of the whole checklist (at least one section, at least one non-bonus criterion, weights
 * that can score) is about several values; a document that breaks it is refused at the most
 * specific path holding them all ({@code $.sections[0].criteria}, or the one weight when only one
 * counts), not at the document's root, in the one layout {@code <what> (at $.path, line L, column
 * C)}; the model's message starts with that path when the checklist is built in code too.
 */
class ChecklistJsonWholeChecklistRulesTest {

  /** A criterion: its weight and whether it is a bonus. */
  private record C(int weight, boolean bonus) {}

  /** A section: its weight and criteria. */
  private record S(int weight, List<C> criteria) {}

  /** The document: one field a line, so that a path's line is easy to tell. */
  private static String json(ScoringMode mode, List<S> sections) {
    StringBuilder b = new StringBuilder();
    b.append("{\n\"id\": \"calls\",\n\"version\": 1,\n\"mode\": \"").append(mode).append("\",\n");
    b.append("\"sections\": [");
    for (int s = 0; s < sections.size(); s++) {
      S sec = sections.get(s);
      b.append(s == 0 ? "\n" : ",\n")
          .append("{\"id\": \"s")
          .append(s)
          .append("\",\n\"weight\": ")
          .append(sec.weight())
          .append(",\n\"criteria\": [");
      for (int c = 0; c < sec.criteria().size(); c++) {
        C cr = sec.criteria().get(c);
        b.append(c == 0 ? "\n" : ",\n")
            .append("{\"id\": \"c")
            .append(s)
            .append('-')
            .append(c)
            .append("\",\n\"weight\": ")
            .append(cr.weight())
            .append(",\n\"bonus\": ")
            .append(cr.bonus())
            .append("}");
      }
      b.append("]}");
    }
    return b.append("]\n}\n").toString();
  }

  private static String refused(ScoringMode mode, List<S> sections) {
    return assertThrows(
            IllegalArgumentException.class, () -> ChecklistJson.read(json(mode, sections)))
        .getMessage();
  }

  private static void assertAt(String message, String path, int line, int column) {
    String model = path.substring(2); // the model's message starts with the path, without "$."
    assertTrue(message.startsWith(model + ": "), message);
    assertTrue(
        message.endsWith(" (at " + path + ", line " + line + ", column " + column + ")"), message);
  }

  private static final C ZERO = new C(0, false);
  private static final C ONE = new C(1, false);
  private static final C BONUS = new C(1, true);

  @Example
  void criterionWeightsAddingUpToZeroInOneSectionAreLocatedAtItsCriteria() {
    String m = refused(ScoringMode.WEIGHTED_CRITERIA, List.of(new S(1, List.of(ZERO, ZERO))));
    assertEquals(
        "sections[0].criteria: criterion weights of checklist 'calls' v1 add up to 0 but must have"
            + " a positive sum in WEIGHTED_CRITERIA mode (bonus criteria excluded; else every"
            + " evaluation would be unscored) (at $.sections[0].criteria, line 8, column 13)",
        m);
    // a bonus criterion does not count: the one scored criterion's weight is the culprit
    assertAt(
        refused(ScoringMode.WEIGHTED_CRITERIA, List.of(new S(1, List.of(BONUS, ZERO)))),
        "$.sections[0].criteria[1].weight",
        13,
        11);
    // across sections: the sections
    assertAt(
        refused(
            ScoringMode.WEIGHTED_CRITERIA,
            List.of(new S(1, List.of(ZERO)), new S(1, List.of(ZERO)))),
        "$.sections",
        5,
        13);
  }

  @Example
  void sectionWeightsAddingUpToZeroAreLocatedAtTheWeightOrTheSections() {
    assertAt(
        refused(ScoringMode.WEIGHTED_SECTIONS, List.of(new S(0, List.of(ONE)))),
        "$.sections[0].weight",
        7,
        11);
    String m =
        refused(
            ScoringMode.GROUP_WEIGHTED_POINTS,
            List.of(new S(0, List.of(ONE)), new S(0, List.of(ONE))));
    assertAt(m, "$.sections", 5, 13);
    assertTrue(m.contains(": section weights of checklist 'calls' v1 add up to 0"), m);
  }

  @Example
  void noScorableCriterionInWeightedSectionsIsLocatedAtTheZerosThatCause() {
    // the scored criterion of section 0 weighs 0, and section 1 weighs 0
    assertAt(
        refused(
            ScoringMode.WEIGHTED_SECTIONS,
            List.of(new S(1, List.of(ZERO)), new S(0, List.of(ONE)))),
        "$.sections",
        5,
        13);
    // both zeros in section 0: its criterion's weight
    assertAt(
        refused(
            ScoringMode.WEIGHTED_SECTIONS,
            List.of(new S(1, List.of(ZERO, BONUS)), new S(1, List.of(BONUS)))),
        "$.sections[0].criteria[0].weight",
        10,
        11);
  }

  @Example
  void onlyBonusCriteriaOrNoSectionAreLocatedAtTheFlagsOrTheSections() {
    assertAt(
        refused(ScoringMode.TOTAL_POINTS, List.of(new S(1, List.of(BONUS)))),
        "$.sections[0].criteria[0].bonus",
        11,
        10);
    assertAt(
        refused(ScoringMode.TOTAL_POINTS, List.of(new S(1, List.of(BONUS, BONUS)))),
        "$.sections[0].criteria",
        8,
        13);
    String m = refused(ScoringMode.TOTAL_POINTS, List.of());
    assertEquals(
        "sections: checklist 'calls' v1 must have at least one section"
            + " (at $.sections, line 5, column 13)",
        m);
  }

  @Example
  void theModelsMessageStartsWithThePathWhenBuiltInCode() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Checklist.builder("c", 1)
                    .section(
                        Section.of(
                            "a",
                            1,
                            List.of(
                                Criterion.builder("x").weight(0).build(),
                                Criterion.builder("y").weight(0).build())))
                    .build());
    assertTrue(
        e.getMessage().startsWith("sections[0].criteria: criterion weights of checklist 'c' v1"),
        e.getMessage());
  }

  @Example
  void theCommonPathEndsWhereAComponentDoes() {
    assertEquals(
        "sections[0].criteria",
        Checklist.commonPath(
            List.of("sections[0].criteria[1].weight", "sections[0].criteria[2].weight")));
    assertEquals(
        "sections", Checklist.commonPath(List.of("sections[1].weight", "sections[12].weight")));
    assertEquals(
        "sections[0]",
        Checklist.commonPath(List.of("sections[0].criteria[1].weight", "sections[0].weight")));
    assertEquals("sections[3].weight", Checklist.commonPath(List.of("sections[3].weight")));
    assertEquals("sections", Checklist.commonPath(List.of()));
  }

  @Provide
  Arbitrary<List<S>> checklists() {
    Arbitrary<C> criteria =
        Arbitraries.integers()
            .between(0, 3)
            .map(k -> new C(k & 1, (k & 2) != 0 && k != 2)); // 0, 1 or a bonus of weight 1
    Arbitrary<S> sections =
        net.jqwik.api.Combinators.combine(
                Arbitraries.integers().between(0, 1), criteria.list().ofMinSize(1).ofMaxSize(3))
            .as(S::new);
    return sections.list().ofMaxSize(3);
  }

  private static final Pattern AT =
      Pattern.compile(" \\(at (\\$[^,]*), line \\d+, column \\d+\\)$");

  /**
   * The oracle of the whole-checklist rules, over the generator's records and in the order the
   * model checks them ({@link ScoringMode}'s javadoc says which weights count): the paths of the
   * values that break the first broken rule, or empty if the checklist is valid. No section: no
   * value (the refusal is at {@code sections}). No non-bonus criterion: every {@code bonus} flag.
   * Section weights that count and add up to 0: every section weight. No non-bonus criterion that
   * can score: for each non-bonus criterion, the weight of 0 that keeps it from counting, its
   * section's if that one counts and is 0, else its own.
   */
  private static Optional<List<String>> culprits(ScoringMode mode, List<S> sections) {
    boolean sectionWeightsCount =
        mode == ScoringMode.WEIGHTED_SECTIONS
            || mode == ScoringMode.WEIGHTED_SECTION_POINTS
            || mode == ScoringMode.GROUP_WEIGHTED_POINTS;
    boolean criterionWeightsCount =
        mode == ScoringMode.WEIGHTED_CRITERIA || mode == ScoringMode.WEIGHTED_SECTIONS;
    if (sections.isEmpty()) {
      return Optional.of(List.of());
    }
    List<String> bonuses = new ArrayList<>();
    List<String> sectionWeights = new ArrayList<>();
    List<String> zeros = new ArrayList<>();
    boolean anyScored = false;
    int sectionSum = 0;
    boolean anyScorable = false;
    for (int s = 0; s < sections.size(); s++) {
      S sec = sections.get(s);
      sectionWeights.add("sections[" + s + "].weight");
      sectionSum += sec.weight();
      boolean sectionZero = sectionWeightsCount && sec.weight() == 0;
      for (int c = 0; c < sec.criteria().size(); c++) {
        C cr = sec.criteria().get(c);
        String at = "sections[" + s + "].criteria[" + c + "]";
        if (cr.bonus()) {
          bonuses.add(at + ".bonus");
          continue;
        }
        anyScored = true;
        boolean criterionZero = criterionWeightsCount && cr.weight() == 0;
        if (sectionZero) {
          zeros.add("sections[" + s + "].weight");
        } else if (criterionZero) {
          zeros.add(at + ".weight");
        } else {
          anyScorable = true;
        }
      }
    }
    if (!anyScored) {
      return Optional.of(bonuses);
    }
    if (sectionWeightsCount && sectionSum == 0) {
      return Optional.of(sectionWeights);
    }
    return anyScorable ? Optional.empty() : Optional.of(zeros);
  }

  /**
   * A path's components: {@code sections[0].weight} is {@code sections}, {@code [0]}, {@code
   * .weight}.
   */
  private static List<String> components(String path) {
    return List.of(path.split("(?=[.\\[])"));
  }

  /**
   * The oracle's common path: the longest common run of whole components, {@code sections} if there
   * is no path.
   */
  private static String longestCommonComponents(List<String> paths) {
    if (paths.isEmpty()) {
      return "sections";
    }
    List<String> common = components(paths.get(0));
    for (String p : paths) {
      List<String> q = components(p);
      int n = 0;
      while (n < Math.min(common.size(), q.size()) && common.get(n).equals(q.get(n))) {
        n++;
      }
      common = common.subList(0, n);
    }
    return String.join("", common);
  }

  /**
   * Whatever makes a checklist unscorable, the refusal names a path below the root, the model's
   * message starts with it, every weight or flag of the rule that is 0 or a bonus (the oracle's
   * culprits) lies under it, and it is their longest common prefix that ends at a path component. A
   * checklist the oracle finds valid is read.
   */
  @Property(tries = 400)
  void aWholeChecklistRuleIsNeverLocatedAtTheRoot(
      @ForAll ScoringMode mode, @ForAll("checklists") List<S> sections) {
    Optional<List<String>> culprits = culprits(mode, sections);
    String m;
    try {
      ChecklistJson.read(json(mode, sections));
      assertEquals(Optional.empty(), culprits, "read, but the oracle refuses it");
      return;
    } catch (IllegalArgumentException e) {
      m = e.getMessage();
    }
    assertTrue(culprits.isPresent(), () -> "the oracle reads it: " + m);
    Matcher x = AT.matcher(m);
    assertTrue(x.find(), m);
    String path = x.group(1);
    assertFalse(path.equals("$"), m);
    assertTrue(path.startsWith("$.sections"), m);
    String model = path.substring(2);
    assertTrue(m.startsWith(model + ": "), m);
    for (String culprit : culprits.get()) {
      assertTrue(
          culprit.equals(model)
              || culprit.startsWith(model + ".")
              || culprit.startsWith(model + "["),
          () -> culprit + " is not under " + path + ": " + m);
    }
    assertEquals(
        "$." + longestCommonComponents(culprits.get()),
        path,
        () -> "culprits " + culprits.get() + ": " + m);
  }
}
