package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * {@link SlaPolicyJson#write} is a right inverse of {@link SlaPolicyJson#read} on valid sets, and
 * writing what was read back changes nothing, over random policy sets from {@link RandomPolicySets}
 * (the seed of a failing case reproduces it).
 */
class SlaPolicyJsonRoundTripProperties {

  private static final int TRIES = 300;

  @Property(tries = TRIES)
  @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF) // coverage is still checked
  void readOfWriteGivesAnEqualSet(@ForAll long seed) {
    SlaPolicySet set = RandomPolicySets.of(new Random(seed));
    String json = SlaPolicyJson.write(set);
    assertEquals(set, SlaPolicyJson.read(json), json);
    coverage(set);
  }

  /** Fails the property if the generator stops producing one of the features it must cover. */
  private static void coverage(SlaPolicySet set) {
    List<SlaPolicy> all = new ArrayList<>(set.policies());
    all.add(set.defaultPolicy());
    Map<String, Boolean> seen = new LinkedHashMap<>();
    seen.put("several policies", set.policies().size() >= 2);
    seen.put("stages", !set.stages().isEmpty());
    seen.put("RESTART reopen", set.resolutionReopen() == ReopenRule.RESTART);
    seen.put("first reply paused while solved", set.firstResponseSolve() == SolveRule.PAUSE);
    seen.put("stops before the update", set.stopRule() == StopRule.BEFORE_UPDATE);
    seen.put("creation's stops override its starts", set.creationStopOverridesStart());
    seen.put("initial status not first", !set.initialStatus().equals(first(set.statuses())));
    seen.put("attribute condition", any(all, p -> !p.condition().attributes().isEmpty()));
    seen.put("tag condition", any(all, p -> !p.condition().tags().isEmpty()));
    seen.put("matrix without default", any(all, p -> p.matrix().defaultPriority().isEmpty()));
    seen.put(
        "matrix cells and default",
        any(
            all,
            p -> p.matrix().defaultPriority().isPresent() && !p.matrix().columnValues().isEmpty()));
    seen.put(
        "per-channel targets",
        any(
            all,
            p ->
                p.targetTable().values().stream()
                    .anyMatch(c -> c.keySet().stream().anyMatch(k -> !k.equals("*")))));
    for (SlaMetric.Kind k : SlaMetric.Kind.values()) {
      seen.put(
          "target " + k, any(all, p -> p.rules().keySet().stream().anyMatch(m -> m.kind() == k)));
    }
    seen.put("target calendar overrides", any(all, SlaPolicyJsonRoundTripProperties::overrides));
    seen.put("rule without target", any(all, p -> rules(p).anyMatch(r -> !hasTarget(p, r))));
    seen.put("pause statuses", any(all, p -> rules(p).anyMatch(r -> !r.pauseStatuses().isEmpty())));
    seen.put("warnings", any(all, p -> rules(p).anyMatch(r -> !r.warnings().isEmpty())));
    seen.put("escalations", any(all, p -> rules(p).anyMatch(r -> !r.escalations().isEmpty())));
    seen.put(
        "internal notes override",
        any(all, p -> rules(p).anyMatch(r -> r.internalNotesCount().isPresent())));
    seen.put(
        "automated replies override",
        any(all, p -> rules(p).anyMatch(r -> r.automatedRepliesCount().isPresent())));
    seen.put(
        "reply rule without override",
        any(
            all,
            p ->
                rules(p)
                    .anyMatch(
                        r ->
                            MetricRule.isReplyDriven(r.metric())
                                && r.internalNotesCount().isEmpty()
                                && r.automatedRepliesCount().isEmpty())));
    seen.forEach(
        (feature, present) -> {
          Statistics.label(feature).collect(present);
          Statistics.label(feature).coverage(c -> c.check(true).percentage(pc -> pc >= 5));
        });
  }

  private static boolean any(List<SlaPolicy> policies, Predicate<SlaPolicy> p) {
    return policies.stream().anyMatch(p);
  }

  private static Stream<MetricRule> rules(SlaPolicy p) {
    return p.rules().values().stream();
  }

  /** Whether some target counts on another calendar than its metric's rule. */
  private static boolean overrides(SlaPolicy p) {
    return p.targetTable().entrySet().stream()
        .anyMatch(
            byPriority ->
                byPriority.getValue().entrySet().stream()
                    .anyMatch(
                        byChannel ->
                            byChannel.getValue().keySet().stream()
                                .anyMatch(
                                    m ->
                                        !p.calendarFor(byPriority.getKey(), byChannel.getKey(), m)
                                            .orElseThrow()
                                            .equals(p.rules().get(m).calendar()))));
  }

  private static boolean hasTarget(SlaPolicy p, MetricRule r) {
    return p.targetTable().values().stream()
        .flatMap(c -> c.values().stream())
        .anyMatch(cell -> cell.containsKey(r.metric()));
  }

  private static String first(Set<String> s) {
    return s.iterator().next();
  }

  @Property(tries = TRIES)
  void writeOfReadIsAFixedPoint(@ForAll long seed) {
    String once = SlaPolicyJson.write(RandomPolicySets.of(new Random(seed)));
    assertEquals(once, SlaPolicyJson.write(SlaPolicyJson.read(once)));
  }

  @Property(tries = 1000)
  @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
  void matricesComeBackWithTheirSeveritiesAndTiersInOrder(@ForAll long seed) {
    // Sparse matrices (cells added in random order, with a default) are the case where listing
    // cells row by row would reorder tiers; equals compares both lists.
    PriorityMatrix m = RandomPolicySets.matrix(new Random(seed));
    SlaPolicy.Builder p = SlaPolicy.builder("p").matrix(m);
    m.priorities().forEach(pr -> p.target(pr, SlaMetric.firstResponse(), Duration.ofHours(1)));
    SlaPolicySet set = SlaPolicySet.builder().statuses("new").defaultPolicy(p.build()).build();
    PriorityMatrix back = SlaPolicyJson.read(SlaPolicyJson.write(set)).defaultPolicy().matrix();
    assertEquals(m.rowValues(), back.rowValues());
    assertEquals(m.columnValues(), back.columnValues());
    assertEquals(m, back);
    Set<String> rowMajorTiers = new LinkedHashSet<>();
    m.cells().values().forEach(row -> rowMajorTiers.addAll(row.keySet()));
    boolean notRowMajor = !List.copyOf(rowMajorTiers).equals(m.columnValues());
    Statistics.label("cells not listable row by row").collect(notRowMajor);
    Statistics.label("cells not listable row by row")
        .coverage(c -> c.check(true).percentage(pc -> pc >= 1));
  }
}
