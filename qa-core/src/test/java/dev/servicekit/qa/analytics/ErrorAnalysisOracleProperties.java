package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.qa.Answer;
import dev.servicekit.qa.Checklist;
import dev.servicekit.qa.Criterion;
import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.Scale;
import dev.servicekit.qa.Section;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * {@link ErrorAnalysis} against its documented rule, recomputed in exact decimals: an agent is
 * affected when its error share {@code errors / applicable >= agentErrorShare} (and it erred); the
 * error is systemic when {@code agentsAffected / agentsObserved >= systemicAgentShare}, the
 * thresholds read as the decimals they are written as.
 */
class ErrorAnalysisOracleProperties {

  private static final Checklist CHECKLIST =
      Checklist.builder("errors", 1)
          .section(
              Section.of(
                  "s",
                  1,
                  List.of(
                      Criterion.builder("a").naAllowed(true).build(),
                      Criterion.builder("b").scale(Scale.threeLevel()).naAllowed(true).build())))
          .build();

  private static Evaluation eval(int i, String agent, String a, String b) {
    return Evaluation.of(
        CHECKLIST,
        "call-" + i,
        agent,
        "rev",
        Instant.parse("2026-03-02T10:00:00Z"),
        Map.of("a", answer(a), "b", answer(b)));
  }

  private static Answer answer(String s) {
    return s == null ? Answer.notApplicable() : Answer.of(s);
  }

  /** 7 of 50 agents affected is 14 %: at a systemic share of 0.14 the error is systemic. */
  @Test
  void sevenOfFiftyAgentsIsSystemicAtFourteenPercent() {
    List<Evaluation> evs = new ArrayList<>();
    for (int agent = 0; agent < 50; agent++) {
      evs.add(eval(agent, "agent-" + agent, agent < 7 ? "no" : "yes", "full"));
    }
    CriterionErrors a = ErrorAnalysis.of(0.2, 0.14).analyse(evs).get(0);
    assertEquals(50, a.agentsObserved());
    assertEquals(7, a.agentsAffected());
    // 7 / 50 = 0.14 >= 0.14 (the old code compared 7 >= 0.14 * 50 = 7.000000000000001)
    assertEquals(ErrorPattern.SYSTEMIC, a.pattern());
    // and so at 0.07 with 7 of 100, 0.035 with 7 of 200
    List<Evaluation> hundred = new ArrayList<>();
    for (int agent = 0; agent < 100; agent++) {
      hundred.add(eval(agent, "agent-" + agent, agent < 7 ? "no" : "yes", "full"));
    }
    assertEquals(
        ErrorPattern.SYSTEMIC, ErrorAnalysis.of(0.2, 0.07).analyse(hundred).get(0).pattern());
    assertEquals(
        ErrorPattern.INDIVIDUAL, ErrorAnalysis.of(0.2, 0.0701).analyse(hundred).get(0).pattern());
  }

  @Property(tries = 200)
  void everyFieldFollowsTheDocumentedRuleInExactDecimals(@ForAll long seed) {
    Random r = new Random(seed);
    int agents = 1 + r.nextInt(60);
    List<Evaluation> evs = new ArrayList<>();
    String[] aOpts = {"yes", "no", null};
    String[] bOpts = {"full", "partial", "none", null};
    int n = r.nextInt(200);
    for (int i = 0; i < n; i++) {
      evs.add(
          eval(
              i,
              "ag" + r.nextInt(agents),
              aOpts[r.nextInt(r.nextBoolean() ? 2 : 3)],
              bOpts[r.nextInt(4)]));
    }
    // thresholds written as short decimals, the way a caller writes them
    double agentShare = r.nextInt(101) / 100.0;
    double systemicShare = (1 + r.nextInt(1000)) / 1000.0;
    List<CriterionErrors> got = ErrorAnalysis.of(agentShare, systemicShare).analyse(evs);

    BigDecimal agentT = BigDecimal.valueOf(agentShare);
    BigDecimal systemicT = BigDecimal.valueOf(systemicShare);
    Map<String, List<CriterionErrors>> byId = new LinkedHashMap<>();
    got.forEach(c -> byId.computeIfAbsent(c.criterionId(), k -> new ArrayList<>()).add(c));
    for (String criterion : List.of("a", "b")) {
      if (evs.isEmpty()) {
        assertEquals(0, got.size());
        continue;
      }
      Map<String, long[]> perAgent = new TreeMap<>();
      for (Evaluation e : evs) {
        Answer ans = e.answers().get(criterion);
        if (ans.isNotApplicable()) {
          continue;
        }
        long[] c = perAgent.computeIfAbsent(e.agentId(), k -> new long[2]);
        c[0]++;
        String o = ans.optionId().orElseThrow();
        if (!(o.equals("yes") || o.equals("full"))) {
          c[1]++;
        }
      }
      long applicable = 0;
      long errors = 0;
      int affected = 0;
      for (long[] c : perAgent.values()) {
        applicable += c[0];
        errors += c[1];
        // errors / applicable >= t  <=>  errors >= t * applicable, exactly
        if (c[1] > 0
            && BigDecimal.valueOf(c[1]).compareTo(agentT.multiply(BigDecimal.valueOf(c[0]))) >= 0) {
          affected++;
        }
      }
      ErrorPattern expected =
          affected == 0
              ? ErrorPattern.NONE
              : BigDecimal.valueOf(affected)
                          .compareTo(systemicT.multiply(BigDecimal.valueOf(perAgent.size())))
                      >= 0
                  ? ErrorPattern.SYSTEMIC
                  : ErrorPattern.INDIVIDUAL;
      CriterionErrors c = byId.get(criterion).get(0);
      String label =
          criterion + " agentShare=" + agentShare + " systemicShare=" + systemicShare + " " + c;
      assertEquals(1, byId.get(criterion).size(), label);
      assertEquals(applicable, c.applicable(), label);
      assertEquals(errors, c.errors(), label);
      assertEquals(perAgent.size(), c.agentsObserved(), label);
      assertEquals(affected, c.agentsAffected(), label);
      assertEquals(expected, c.pattern(), label);
    }
  }
}
