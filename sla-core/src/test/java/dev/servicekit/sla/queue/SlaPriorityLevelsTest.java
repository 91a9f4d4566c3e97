package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.MetricRule;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The bridge from an SLA evaluation's priority to a work item's priority level: {@link
 * PriorityLevels} maps the names, {@link WorkItem.Builder#urgency} makes an item from a ticket's
 * urgency, and a queue or router given the levels keeps the item's priority in step on {@code
 * apply}, so that a priority change moves the item; an unmapped priority is refused and changes
 * nothing.
 */
class SlaPriorityLevelsTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  /** Severity picks the priority; "vip" is a priority the levels below do not map. */
  private static final SlaPolicySet SET =
      SlaPolicySet.builder()
          .statuses("new", "open", "pending", "solved")
          .solvedStatuses("solved")
          .defaultPolicy(
              SlaPolicy.builder("standard")
                  .matrix(
                      PriorityMatrix.builder()
                          .cell("1", "any", "urgent")
                          .cell("3", "any", "normal")
                          .defaultPriority("low")
                          .build())
                  .target("urgent", SlaMetric.resolution(), Duration.ofHours(4))
                  .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
                  .target("low", SlaMetric.resolution(), Duration.ofHours(24))
                  .target("vip", SlaMetric.resolution(), Duration.ofHours(2))
                  .rule(MetricRule.builder(SlaMetric.resolution()).pauseOn("pending").build())
                  .build())
          .build();

  private static final PriorityLevels LEVELS = PriorityLevels.of("urgent", "normal", "low");

  private static SlaClock clock(String ticket, Instant created, String severity) {
    SlaClock clock = SlaClock.of(SET, Map.of(), ticket);
    clock.accept(
        TicketEvent.Created.byCustomer(
            ticket, ticket + "-c", created, Map.of("severity", severity, "tier", "any"), Set.of()));
    return clock;
  }

  @Test
  void levelsByRankAndByMap() {
    assertEquals(Map.of("urgent", 0, "normal", 1, "low", 2), LEVELS.levels());
    assertEquals(List.of("urgent", "normal", "low"), List.copyOf(LEVELS.levels().keySet()));
    assertEquals(1, LEVELS.level(Optional.of("normal")));
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("P1", 0);
    m.put("urgent", 0);
    m.put("P3", 10);
    PriorityLevels byMap = PriorityLevels.of(m);
    assertEquals(0, byMap.level(Optional.of("urgent")));
    assertEquals(10, byMap.level(Optional.of("P3")));
    assertEquals(OptionalInt.empty(), byMap.unprioritized());
    assertEquals(7, byMap.withUnprioritized(7).level(Optional.empty()));
    assertEquals(byMap, PriorityLevels.of(Map.of("P3", 10, "urgent", 0, "P1", 0)));
    assertFalse(byMap.equals(byMap.withUnprioritized(7)));
  }

  @Test
  void levelsRefuseBadInput() {
    assertEquals(
        "priority 'urgent' is listed twice in priorities",
        assertThrows(IllegalArgumentException.class, () -> PriorityLevels.of("urgent", "urgent"))
            .getMessage());
    assertEquals(
        "priority levels must name at least one priority",
        assertThrows(IllegalArgumentException.class, () -> PriorityLevels.of(Map.of()))
            .getMessage());
    assertEquals(
        "level of priority 'P1' 1001 must be in [0, 1000]",
        assertThrows(IllegalArgumentException.class, () -> PriorityLevels.of(Map.of("P1", 1001)))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> PriorityLevels.of(Map.of("P1", -1)));
    assertThrows(IllegalArgumentException.class, () -> PriorityLevels.of(" "));
    assertThrows(IllegalArgumentException.class, () -> LEVELS.withUnprioritized(1001));
    String[] many = new String[1002];
    for (int i = 0; i < many.length; i++) {
      many[i] = "p" + i;
    }
    assertEquals(
        "1002 priorities given; levels run from 0 to 1000, so at most 1001",
        assertThrows(IllegalArgumentException.class, () -> PriorityLevels.of(many)).getMessage());
    assertEquals(
        1000, PriorityLevels.of(java.util.Arrays.copyOf(many, 1001)).level(Optional.of("p1000")));
  }

  @Test
  @org.junit.jupiter.api.Timeout(10)
  void tooManyNamesAreRefusedBeforeTheyAreComparedWithEachOther() {
    // Comparing 300,000 names with each other took minutes before the count was checked first.
    String[] many = new String[300_000];
    for (int i = 0; i < many.length; i++) {
      many[i] = "p" + i;
    }
    assertEquals(
        "300000 priorities given; levels run from 0 to 1000, so at most 1001",
        assertThrows(IllegalArgumentException.class, () -> PriorityLevels.of(many)).getMessage());
  }

  @Test
  void namesThatCanNeverBeSlaPrioritiesAreRefused() {
    // An SLA priority is a key (1 to 64 characters, single spaces only between other characters):
    // a level for "urgent " or a 65-character name could never match an evaluation's priority.
    assertEquals(
        "priority 'urgent ' must not begin or end with a space or contain two spaces in a row",
        assertThrows(IllegalArgumentException.class, () -> PriorityLevels.of("high", "urgent "))
            .getMessage());
    assertEquals(
        "priority 'on\u00A0hold' must not contain whitespace other than single spaces, or control"
            + " characters",
        assertThrows(
                IllegalArgumentException.class, () -> PriorityLevels.of(Map.of("on\u00A0hold", 1)))
            .getMessage());
    String long65 = "p".repeat(65);
    assertEquals(
        "priority '" + long65 + "' must have between 1 and 64 characters",
        assertThrows(IllegalArgumentException.class, () -> PriorityLevels.of(long65)).getMessage());
    // A key with single inner spaces, as a CRM's "Very high", is a priority name.
    assertEquals(0, PriorityLevels.of("Very high", "low").level(Optional.of("Very high")));
    assertEquals(
        64, PriorityLevels.of(Map.of("p".repeat(64), 64)).level(Optional.of("p".repeat(64))));
  }

  @Test
  void anUnmappedOrMissingPriorityIsRefusedNamingItAndTheLevels() {
    assertEquals(
        "priority 'vip' has no level among the priority levels [urgent, normal, low]",
        assertThrows(IllegalArgumentException.class, () -> LEVELS.level(Optional.of("vip")))
            .getMessage());
    assertEquals(
        "no priority: the priority levels [urgent, normal, low] give no level for a ticket"
            + " without one (withUnprioritized)",
        assertThrows(IllegalArgumentException.class, () -> LEVELS.level(Optional.empty()))
            .getMessage());
    SlaClock clock = clock("T-9", T0, "1");
    clock.accept(new TicketEvent.PriorityChanged("T-9", "p", T0.plusSeconds(60), "vip"));
    SlaEvaluation e = clock.evaluate(T0.plusSeconds(60));
    assertEquals(Optional.of("vip"), e.priority());
    assertEquals(
        "priority 'vip' of ticket 'T-9' has no level among the priority levels [urgent, normal,"
            + " low]",
        assertThrows(IllegalArgumentException.class, () -> LEVELS.level(e)).getMessage());
  }

  @Test
  void anItemTakesTheDeadlineAndTheLevelOfItsTicketsPriority() {
    SlaClock clock = clock("T-1", T0, "1");
    SlaUrgency u = SlaUrgency.of(clock.evaluate(T0));
    assertEquals(Optional.of("urgent"), u.priority());
    WorkItem w = WorkItem.builder("T-1", "email", T0).urgency(u, LEVELS).build();
    assertEquals(0, w.priority());
    assertEquals(Optional.of(T0.plus(Duration.ofHours(4))), w.deadline());
    // the same urgency changes nothing; a lower priority changes both
    assertSame(w, w.withUrgency(u, LEVELS));
    SlaUrgency low = SlaUrgency.of(clock("T-1", T0, "5").evaluate(T0));
    WorkItem lowered = w.withUrgency(low, LEVELS);
    assertEquals(2, lowered.priority());
    assertEquals(Optional.of(T0.plus(Duration.ofHours(24))), lowered.deadline());
    // without a priority, the two-component urgency
    assertEquals(Optional.empty(), new SlaUrgency(Optional.empty(), false).priority());
  }

  @Test
  void aBuilderRefusesAnUnmappedPriorityAndStaysUnchanged() {
    WorkItem.Builder b = WorkItem.builder("T-2", "email", T0).priority(5);
    SlaUrgency vip = new SlaUrgency(Optional.of(T0.plusSeconds(60)), false, Optional.of("vip"));
    assertEquals(
        "priority 'vip' of item T-2 has no level among the priority levels [urgent, normal, low]",
        assertThrows(IllegalArgumentException.class, () -> b.urgency(vip, LEVELS)).getMessage());
    SlaUrgency none = new SlaUrgency(Optional.of(T0.plusSeconds(60)), false);
    assertThrows(IllegalArgumentException.class, () -> b.urgency(none, LEVELS));
    SlaUrgency tooLate =
        new SlaUrgency(
            Optional.of(Instant.parse("2300-01-01T00:00:00Z")), false, Optional.of("low"));
    assertThrows(IllegalArgumentException.class, () -> b.urgency(tooLate, LEVELS));
    WorkItem built = b.build();
    assertEquals(5, built.priority());
    assertEquals(Optional.empty(), built.deadline());
    assertEquals(9, b.urgency(none, LEVELS.withUnprioritized(9)).build().priority());
  }

  /**
   * Two tickets, the older one normal: under priority-then-age the older is served first, until the
   * newer one is raised to urgent; a queue given the levels follows, one without them does not.
   */
  @Test
  void aPriorityChangeAppliedToAQueueWithLevelsReordersIt() {
    SlaClock a = clock("A", T0, "3");
    SlaClock b = clock("B", T0.plusSeconds(60), "3");
    Instant now = T0.plusSeconds(120);
    WorkQueue withLevels = WorkQueue.create(QueuePolicy.priorityThenAge(), LEVELS);
    WorkQueue without = WorkQueue.create(QueuePolicy.priorityThenAge());
    for (WorkQueue q : List.of(withLevels, without)) {
      q.offer(
          WorkItem.builder("A", "email", T0)
              .urgency(SlaUrgency.of(a.evaluate(now)), LEVELS)
              .build());
      q.offer(
          WorkItem.builder("B", "email", T0.plusSeconds(60))
              .urgency(SlaUrgency.of(b.evaluate(now)), LEVELS)
              .build());
      assertEquals(List.of("A", "B"), ids(q.items()));
    }
    b.accept(new TicketEvent.PriorityChanged("B", "b-up", now, "urgent"));
    SlaEvaluation raised = b.evaluate(now);
    for (WorkQueue q : List.of(withLevels, without)) {
      assertEquals(Optional.empty(), q.apply("B", raised, SET));
      // the deadline follows in both (urgent: 4 h from B's creation)
      assertEquals(
          Optional.of(T0.plusSeconds(60).plus(Duration.ofHours(4))),
          q.get("B").orElseThrow().deadline());
    }
    assertEquals(List.of("B", "A"), ids(withLevels.items()));
    assertEquals(0, withLevels.get("B").orElseThrow().priority());
    assertEquals(List.of("A", "B"), ids(without.items()));
    assertEquals(1, without.get("B").orElseThrow().priority());
    assertEquals(Optional.of(LEVELS), withLevels.priorityLevels());
    assertEquals(Optional.empty(), without.priorityLevels());
  }

  @Test
  void aPausedItemKeepsItsNewLevelAndComesBackWithIt() {
    SlaClock a = clock("A", T0, "3");
    SlaClock b = clock("B", T0.plusSeconds(60), "3");
    WorkQueue q = WorkQueue.create(QueuePolicy.priorityThenAge(), LEVELS);
    Instant t = T0.plusSeconds(120);
    q.offer(
        WorkItem.builder("A", "email", T0).urgency(SlaUrgency.of(a.evaluate(t)), LEVELS).build());
    q.offer(
        WorkItem.builder("B", "email", T0.plusSeconds(60))
            .urgency(SlaUrgency.of(b.evaluate(t)), LEVELS)
            .build());
    b.accept(new TicketEvent.StatusChanged("B", "b-p", t, "pending"));
    b.accept(new TicketEvent.PriorityChanged("B", "b-up", t.plusSeconds(1), "urgent"));
    q.apply("B", b.evaluate(t.plusSeconds(1)), SET);
    assertTrue(q.isPaused("B"));
    assertEquals(0, q.get("B").orElseThrow().priority());
    b.accept(new TicketEvent.StatusChanged("B", "b-o", t.plusSeconds(2), "open"));
    q.apply("B", b.evaluate(t.plusSeconds(2)), SET);
    assertEquals(List.of("B", "A"), ids(q.items()));
  }

  @Test
  void anUnmappedPriorityOnApplyIsRefusedAndChangesNothing() {
    SlaClock a = clock("A", T0, "3");
    WorkQueue q = WorkQueue.create(QueuePolicy.priorityThenAge(), LEVELS);
    q.offer(
        WorkItem.builder("A", "email", T0).urgency(SlaUrgency.of(a.evaluate(T0)), LEVELS).build());
    WorkItem before = q.get("A").orElseThrow();
    // pending and vip at once: neither the pause nor the new deadline may be applied
    a.accept(new TicketEvent.StatusChanged("A", "a-p", T0.plusSeconds(60), "pending"));
    a.accept(new TicketEvent.PriorityChanged("A", "a-vip", T0.plusSeconds(61), "vip"));
    SlaEvaluation vip = a.evaluate(T0.plusSeconds(61));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> q.apply("A", vip, SET));
    assertEquals(
        "priority 'vip' of item A has no level among the priority levels [urgent, normal, low]",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> q.apply("A", vip));
    assertFalse(q.isPaused("A"));
    assertEquals(before, q.get("A").orElseThrow());
    // a solved ticket leaves whatever its priority: its level is not needed
    a.accept(new TicketEvent.StatusChanged("A", "a-s", T0.plusSeconds(62), "solved"));
    assertEquals(Optional.of(before), q.apply("A", a.evaluate(T0.plusSeconds(62)), SET));
  }

  /** The router: a raised priority moves a waiting item ahead under a weighted score. */
  @Test
  void aRouterWithLevelsReordersWaitingWorkOnAPriorityChange() {
    QueuePolicy weighted = QueuePolicy.weighted().priorityStep(Duration.ofHours(10)).build();
    WorkRouter withLevels =
        WorkRouter.builder(weighted)
            .channel("email", Duration.ofMinutes(10))
            .priorityLevels(LEVELS)
            .build();
    WorkRouter without =
        WorkRouter.builder(weighted).channel("email", Duration.ofMinutes(10)).build();
    SlaClock a = clock("A", T0, "3");
    SlaClock b = clock("B", T0.plusSeconds(60), "5"); // low: due in 24 h, 2 steps later
    Instant now = T0.plusSeconds(120);
    for (WorkRouter r : List.of(withLevels, without)) {
      r.submit(
          WorkItem.builder("A", "email", T0)
              .urgency(SlaUrgency.of(a.evaluate(now)), LEVELS)
              .build());
      r.submit(
          WorkItem.builder("B", "email", T0.plusSeconds(60))
              .urgency(SlaUrgency.of(b.evaluate(now)), LEVELS)
              .build());
      assertEquals(List.of("A", "B"), ids(r.waiting()));
    }
    b.accept(new TicketEvent.PriorityChanged("B", "b-up", now, "urgent"));
    for (WorkRouter r : List.of(withLevels, without)) {
      r.apply("B", b.evaluate(now), SET);
    }
    // with levels: B due T0+1m+4h at level 0 beats A due T0+8h at level 1 (+10 h)
    assertEquals(List.of("B", "A"), ids(withLevels.waiting()));
    // without: B keeps level 2 (+20 h), so A still leads although B is due first
    assertEquals(List.of("A", "B"), ids(without.waiting()));
    a.accept(new TicketEvent.PriorityChanged("A", "a-vip", now, "vip"));
    SlaEvaluation vip = a.evaluate(now);
    assertThrows(IllegalArgumentException.class, () -> withLevels.apply("A", vip, SET));
    assertEquals(1, withLevels.item("A").orElseThrow().priority());
    assertThrows(
        IllegalArgumentException.class,
        () -> WorkRouter.builder(weighted).priorityLevels(LEVELS).priorityLevels(LEVELS));
  }

  @Test
  void requireCoversNamesThePrioritiesWithoutALevel() {
    assertEquals(
        "priorities [vip] of the policy set have no level among the priority levels [urgent,"
            + " normal, low]",
        assertThrows(IllegalArgumentException.class, () -> LEVELS.requireCovers(SET)).getMessage());
    PriorityLevels all = PriorityLevels.of("vip", "urgent", "normal", "low");
    assertSame(all, all.requireCovers(SET));
    SlaPolicySet noDefault =
        SlaPolicySet.builder()
            .statuses("new", "solved")
            .solvedStatuses("solved")
            .defaultPolicy(
                SlaPolicy.builder("strict")
                    .matrix(
                        PriorityMatrix.builder()
                            .cell("1", "any", "urgent")
                            .cell("2", "any", "urgent")
                            .build())
                    .target("urgent", SlaMetric.resolution(), Duration.ofHours(4))
                    .build())
            .build();
    assertEquals(
        "policy 'strict''s priority matrix has no default priority, so a ticket whose attributes"
            + " miss its cells has no priority, and the priority levels give no level for that"
            + " (withUnprioritized)",
        assertThrows(IllegalArgumentException.class, () -> all.requireCovers(noDefault))
            .getMessage());
    all.withUnprioritized(3).requireCovers(noDefault);
    // and such a ticket indeed has no priority
    SlaClock c = SlaClock.of(noDefault, Map.of(), "X");
    c.accept(TicketEvent.Created.byCustomer("X", "x", T0, Map.of("severity", "9"), Set.of()));
    assertEquals(Optional.empty(), c.evaluate(T0).priority());
    assertEquals(3, all.withUnprioritized(3).level(c.evaluate(T0)));
  }

  private static List<String> ids(List<WorkItem> items) {
    return items.stream().map(WorkItem::id).toList();
  }
}
