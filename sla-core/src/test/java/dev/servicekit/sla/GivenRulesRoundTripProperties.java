package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * {@link SlaPolicyJson} keeps which rules a policy was given and which were filled in (by the set's
 * default rule or as the implicit 24/7 rule): for random sets with and without default rules,
 * {@code read(write(set))} equals the set and evaluates identically, and a policy taken from the
 * read-back set into another set, with other default rules or none, behaves exactly like the
 * original policy taken there. (The writer used to write a filled-in 24/7 rule as the policy's own,
 * which then kept 24/7 where the original took the other set's default rule.)
 */
class GivenRulesRoundTripProperties {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] METRICS = {
    "first_response", "next_response", "periodic_update", "resolution"
  };

  /** Structure, over every feature of {@link RandomPolicySets}. */
  @Property(tries = 300)
  @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF) // coverage is still checked
  void aReadBackPolicyTakenIntoAnotherSetEqualsTheOriginalTakenThere(
      @ForAll long seed, @ForAll long otherSeed) {
    SlaPolicySet set = RandomPolicySets.of(new Random(seed));
    SlaPolicySet back = SlaPolicyJson.read(SlaPolicyJson.write(set));
    assertEquals(set, back);
    List<String> statuses = List.copyOf(set.statuses());
    List<MetricRule> others =
        RandomPolicySets.defaultRules(
            new Random(otherSeed), statuses, RandomPolicySets.metricsOf(set));
    SlaPolicySet original = transplant(set, set, others);
    SlaPolicySet readBack = transplant(set, back, others);
    assertSameMeasures(original, readBack);
    assertEquals(original, readBack);

    boolean filledIn = false;
    boolean replaced = false;
    for (SlaPolicy p : all(set)) {
      filledIn |= p.rules().size() > p.givenRules().size();
    }
    for (int i = 0; i < all(set).size(); i++) {
      replaced |= !all(set).get(i).rules().equals(all(original).get(i).rules());
    }
    Statistics.label("set has default rules").collect(!set.defaultRules().isEmpty());
    Statistics.label("a rule filled in").collect(filledIn);
    Statistics.label("a filled-in rule replaced in the other set").collect(replaced);
    Statistics.label("set has default rules").coverage(c -> c.check(true).percentage(p -> p >= 30));
    Statistics.label("a filled-in rule replaced in the other set")
        .coverage(c -> c.check(true).percentage(p -> p >= 10));
  }

  /**
   * Evaluation, on the random histories of {@link SlaClockProperties}: their sets with some rules
   * dropped and random default rules.
   */
  @Property(tries = 200)
  void aReadBackSetAndItsPoliciesTakenIntoAnotherSetEvaluateLikeTheOriginals(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 30) int size,
      @ForAll long ruleSeed,
      @ForAll long otherSeed)
      throws Exception {
    SlaClockProperties.History h = SlaClockProperties.history(seed, size);
    Random r = new Random(ruleSeed);
    ObjectNode root = (ObjectNode) JSON.readTree(SlaPolicyJson.write(h.set()));
    List<String> statuses = new ArrayList<>();
    root.get("statuses").forEach(s -> statuses.add(s.asText()));
    for (ObjectNode p : policies(root)) { // drop some rules, so that some are filled in
      JsonNode ms = p.get("metrics");
      if (ms != null) {
        ArrayNode kept = JSON.createArrayNode();
        ms.forEach(
            m -> {
              if (r.nextInt(3) != 0) {
                kept.add(m);
              }
            });
        p.set("metrics", kept);
      }
    }
    root.set("defaultRules", rules(r, statuses));
    SlaPolicySet set = SlaPolicyJson.read(JSON.writeValueAsString(root));
    SlaPolicySet back = SlaPolicyJson.read(SlaPolicyJson.write(set));
    assertEvaluateAlike(h, set, back);
    assertEquals(set, back);

    List<MetricRule> others = new ArrayList<>();
    Random o = new Random(otherSeed);
    for (JsonNode d : rules(o, statuses)) {
      MetricRule.Builder b = MetricRule.builder(SlaMetric.parse(d.get("metric").asText()));
      if (d.has("calendar")) {
        b.calendar(d.get("calendar").asText());
      }
      for (JsonNode s : d.path("pauseOn")) {
        b.pauseOn(s.asText());
      }
      if (d.has("warnAt")) {
        b.warnAt(50, 90);
      }
      others.add(b.build());
    }
    SlaPolicySet original = transplant(set, set, others);
    SlaPolicySet readBack = transplant(set, back, others);
    assertEvaluateAlike(h, original, readBack);
    assertEquals(original, readBack);
  }

  private static void assertEvaluateAlike(
      SlaClockProperties.History h, SlaPolicySet expected, SlaPolicySet actual) {
    for (int later : new int[] {0, 7, 40}) {
      Instant now = h.last().plus(Duration.ofMinutes(15L * later));
      assertEquals(
          Fixtures.eval(expected, h.events(), now),
          Fixtures.eval(actual, h.events(), now),
          h.events()::toString);
    }
  }

  /** What a set measures with: every policy's effective rules and every target's calendar. */
  private static void assertSameMeasures(SlaPolicySet expected, SlaPolicySet actual) {
    List<SlaPolicy> e = all(expected);
    List<SlaPolicy> a = all(actual);
    assertEquals(e.size(), a.size());
    for (int i = 0; i < e.size(); i++) {
      SlaPolicy p = e.get(i);
      SlaPolicy q = a.get(i);
      assertEquals(p.rules(), q.rules(), p.name());
      assertEquals(p.givenRules(), q.givenRules(), p.name());
      assertEquals(p.targetTable(), q.targetTable(), p.name());
      for (Map.Entry<String, Map<String, Map<SlaMetric, Duration>>> byPriority :
          p.targetTable().entrySet()) {
        for (Map.Entry<String, Map<SlaMetric, Duration>> byChannel :
            byPriority.getValue().entrySet()) {
          for (SlaMetric m : byChannel.getValue().keySet()) {
            assertEquals(
                p.calendarFor(byPriority.getKey(), byChannel.getKey(), m),
                q.calendarFor(byPriority.getKey(), byChannel.getKey(), m),
                p.name() + " " + byPriority.getKey() + "/" + byChannel.getKey() + " " + m);
          }
        }
      }
    }
  }

  /**
   * A set with {@code like}'s settings and {@code defaults} as its default rules, whose policies
   * are those of {@code from} (which has {@code like}'s statuses, stages and definitions).
   */
  static SlaPolicySet transplant(SlaPolicySet like, SlaPolicySet from, List<MetricRule> defaults) {
    SlaPolicySet.Builder b =
        SlaPolicySet.builder()
            .statuses(like.statuses())
            .solvedStatuses(like.solvedStatuses().toArray(String[]::new))
            .cancelledStatuses(like.cancelledStatuses().toArray(String[]::new))
            .initialStatus(like.initialStatus())
            .resolutionReopen(like.resolutionReopen())
            .retargetRule(like.retargetRule())
            .reattachStart(like.reattachStart())
            .retroactivePause(like.retroactivePause())
            .scheduleRule(like.scheduleRule())
            .breachRule(like.breachRule())
            .closingRule(like.closingRule())
            .internalNotesCount(like.internalNotesCount())
            .automatedRepliesCount(like.automatedRepliesCount())
            .periodicUpdateFromCreation(like.periodicUpdateFromCreation())
            .firstResponseSolve(like.firstResponseSolve())
            .rejectUnknownKeys(like.rejectUnknownKeys());
    like.stages().values().forEach(b::stage);
    like.metrics().values().forEach(b::metric);
    defaults.forEach(b::defaultRule);
    from.policies().forEach(b::policy);
    return b.defaultPolicy(from.defaultPolicy()).build();
  }

  private static List<SlaPolicy> all(SlaPolicySet set) {
    List<SlaPolicy> out = new ArrayList<>(set.policies());
    out.add(set.defaultPolicy());
    return out;
  }

  private static List<ObjectNode> policies(ObjectNode root) {
    List<ObjectNode> out = new ArrayList<>();
    if (root.has("policies")) {
      root.get("policies").forEach(p -> out.add((ObjectNode) p));
    }
    out.add((ObjectNode) root.get("defaultPolicy"));
    return out;
  }

  /**
   * No rules a third of the time, else random rules for some of the reply and resolution metrics.
   */
  private static ArrayNode rules(Random r, List<String> statuses) {
    ArrayNode out = JSON.createArrayNode();
    if (r.nextInt(3) == 0) {
      return out;
    }
    for (String metric : METRICS) {
      if (r.nextInt(4) != 0) {
        ObjectNode o = JSON.createObjectNode().put("metric", metric);
        if (r.nextBoolean()) {
          o.put("calendar", r.nextBoolean() ? "team" : MetricRule.ALWAYS);
        }
        ArrayNode pause = JSON.createArrayNode();
        for (String s : statuses) {
          if (r.nextInt(3) == 0) {
            pause.add(s);
          }
        }
        if (!pause.isEmpty()) {
          o.set("pauseOn", pause);
        }
        if (r.nextInt(3) == 0) {
          o.set("warnAt", JSON.createArrayNode().add(50).add(90));
        }
        out.add(o);
      }
    }
    return out;
  }
}
