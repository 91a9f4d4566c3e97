package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.NullPointerTester;
import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaPolicySet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bad input is rejected with a message naming the field and the rule, and changes nothing. */
class QueueValidationTest {

  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private static final BusinessCalendar ALWAYS = BusinessCalendar.always(ZoneOffset.UTC);

  private static WorkRouter router() {
    WorkRouter r =
        WorkRouter.builder(QueuePolicy.earliestDeadlineFirst())
            .channel("chat", Duration.ofMinutes(10))
            .build();
    r.addAgent(
        Agent.builder("ann", ALWAYS, Capacity.builder().channel("chat", 2).build()).build(), NOW);
    r.submit(WorkItem.builder("t1", "chat", NOW).deadline(NOW.plusSeconds(60)).build());
    return r;
  }

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void namesFollowTheIdRuleSoTheyCannotForgeALogLine() {
    // review s10diffreview: the queue checked only blank and length, so an id could hold a newline
    assertEquals(
        "id 'id\\u000aforged line' must not contain control characters or line or paragraph"
            + " separators, found one at index 2",
        message(() -> WorkItem.builder("id\nforged line", "chat", NOW)));
    assertTrue(
        message(() -> WorkItem.builder("t", "chat", NOW).tier("t\u2028x")).startsWith("tier "));
    assertTrue(
        message(() -> WorkItem.builder("t", "chat", NOW).language("e\ud800n"))
            .contains("lone surrogate"));
    assertTrue(
        message(
                () ->
                    Agent.builder("ann", ALWAYS, Capacity.builder().channel("chat", 2).build())
                        .skills("bil\u0000ling"))
            .startsWith("skill "));
    assertTrue(message(() -> Capacity.builder().channel("ch\tat", 2)).startsWith("channel "));
    // an empty tier or language still means none
    assertEquals("", WorkItem.builder("t", "chat", NOW).tier("").build().tier());
  }

  @Test
  void itemBuilderNamesTheFieldAndBoundsTheExcerpt() {
    assertTrue(message(() -> WorkItem.builder(" ", "chat", NOW)).contains("id must not be blank"));
    String longId = "x".repeat(5000);
    String m = message(() -> WorkItem.builder(longId, "chat", NOW));
    assertTrue(m.contains("id") && m.contains("5000 chars") && m.length() < 200, m);
    assertTrue(
        message(() -> WorkItem.builder("t", "chat", NOW).priority(-1))
            .contains("priority -1 of item t must be in [0, 1000]"));
    assertTrue(
        message(() -> WorkItem.builder("t", "chat", NOW).handleTime(Duration.ZERO))
            .contains("handleTime of item t PT0S must be positive"));
  }

  @Test
  void itemInstantsOutsideTheSupportedRangeAreRefusedByTheBuilderWhateverThePolicy() {
    // before: Instant.MAX was accepted here and failed later, as a DateTimeException under the
    // weighted policy and as "b ... is outside the supported range" under least slack
    for (Instant bad :
        List.of(
            Instant.MAX,
            Instant.MIN,
            BusinessCalendar.SUPPORTED_END,
            BusinessCalendar.SUPPORTED_START.minusNanos(1))) {
      assertEquals(
          "deadline "
              + bad
              + " of item t is outside the supported range [1900-01-01T00:00:00Z,"
              + " 2300-01-01T00:00:00Z)",
          message(() -> WorkItem.builder("t", "chat", NOW).deadline(bad)));
      assertTrue(
          message(() -> WorkItem.builder("t", "chat", NOW).deadline(Optional.of(bad)))
              .startsWith("deadline " + bad + " of item t is outside"));
      assertTrue(
          message(() -> WorkItem.builder("t", "chat", bad))
              .startsWith("created " + bad + " of item t is outside"));
    }
    WorkItem first = WorkItem.builder("t", "chat", BusinessCalendar.SUPPORTED_START).build();
    Instant last = BusinessCalendar.SUPPORTED_END.minusNanos(1);
    WorkItem latest = first.toBuilder().deadline(last).priority(1000).keyAccount(true).build();
    BusinessCalendar always = BusinessCalendar.always(ZoneOffset.UTC);
    for (QueuePolicy p :
        List.of(
            QueuePolicy.earliestDeadlineFirst(),
            QueuePolicy.leastSlack(always),
            QueuePolicy.priorityThenAge(),
            QueuePolicy.weighted()
                .priorityStep(Duration.ofDays(366))
                .keyAccountBoost(Duration.ofDays(366))
                .build())) {
      WorkQueue q = WorkQueue.create(p);
      q.offer(latest);
      q.offer(
          WorkItem.builder("u", "chat", BusinessCalendar.SUPPORTED_START)
              .deadline(BusinessCalendar.SUPPORTED_START)
              .build());
      assertEquals(2, q.size(), p.toString());
    }
  }

  @Test
  void capacityAndPolicyBuildersRejectOutOfRangeValues() {
    assertTrue(
        message(() -> Capacity.builder().channel("chat", 0))
            .contains("limit of channel chat 0 must be in [1, 1000000]"));
    assertTrue(
        message(() -> Capacity.builder().channel("call", 1, 40).budget(30).build())
            .contains("weight 40 of channel call exceeds the budget 30"));
    assertTrue(message(() -> Capacity.builder().build()).contains("at least one channel"));
    assertTrue(
        message(() -> QueuePolicy.weighted().keyAccountBoost(Duration.ofHours(-1)))
            .contains("keyAccountBoost PT-1H must be in [PT0S, P366D]"));
    assertTrue(
        message(() -> WorkRouter.builder(QueuePolicy.priorityThenAge()).build())
            .contains("at least one channel"));
  }

  @Test
  void routerRejectsUnknownIdsChannelsDuplicatesAndTimeGoingBackAndStaysUnchanged() {
    WorkRouter r = router();
    String before = r.toString();
    List<WorkItem> waiting = r.waiting();
    assertTrue(
        message(() -> r.submit(WorkItem.builder("t2", "fax", NOW).build()))
            .contains("channel fax, which the router does not declare (declared: [chat])"));
    assertTrue(
        message(() -> r.submit(WorkItem.builder("t1", "chat", NOW).build()))
            .contains("item t1 is already in the router"));
    assertTrue(message(() -> r.pause("nope")).contains("item \"nope\" is not in the queue"));
    assertTrue(message(() -> r.goOffline("bob", NOW)).contains("agent bob is not registered"));
    assertTrue(
        message(
                () ->
                    r.addAgent(
                        Agent.builder("ann", ALWAYS, Capacity.builder().channel("chat", 1).build())
                            .build(),
                        NOW))
            .contains("agent ann is already registered"));
    assertTrue(
        message(
                () ->
                    r.addAgent(
                        Agent.builder("cy", ALWAYS, Capacity.builder().channel("call", 1).build())
                            .build(),
                        NOW))
            .contains("names channel call, which the router does not declare"));
    r.next(NOW.plusSeconds(10));
    assertTrue(message(() -> r.next(NOW)).contains("time only moves forward"));
    assertTrue(
        message(() -> r.forecast(NOW.plusSeconds(10), Duration.ZERO, ServicePoint.START))
            .contains("horizon PT0S must be positive"));
    assertTrue(
        message(
                () ->
                    r.forecast(
                        NOW.plusSeconds(10),
                        Duration.ofHours(1),
                        ServicePoint.START,
                        List.of(WorkItem.builder("early", "chat", NOW).build())))
            .contains("arrivals[0] early is created before"));
    assertEquals(1, r.openItems("ann", "chat"));
    assertEquals(List.of(), r.waiting());
    assertEquals(1, waiting.size());
    assertTrue(before.contains("1 waiting"));
  }

  @Test
  void anAssignedItemCannotChangeChannelSoNoAgentGoesOverALimit() {
    WorkRouter r =
        WorkRouter.builder(QueuePolicy.earliestDeadlineFirst())
            .channel("chat", Duration.ofMinutes(10))
            .channel("call", Duration.ofMinutes(5))
            .build();
    r.addAgent(
        Agent.builder(
                "ann", ALWAYS, Capacity.builder().channel("chat", 3).channel("call", 1).build())
            .build(),
        NOW);
    r.submit(WorkItem.builder("c1", "call", NOW).build());
    r.submit(WorkItem.builder("t1", "chat", NOW).build());
    assertEquals(2, r.assignAll(NOW).size());
    WorkItem asCall = WorkItem.builder("t1", "call", NOW).build();
    assertTrue(
        message(() -> r.update(asCall))
            .contains(
                "item t1 is assigned to agent ann on channel chat; its channel cannot change"));
    assertEquals(1, r.openItems("ann", "call"));
    assertEquals(1, r.openItems("ann", "chat"));
    r.update(WorkItem.builder("t1", "chat", NOW).priority(1).deadline(NOW).build());
    assertEquals(1, r.item("t1").orElseThrow().priority());
  }

  @Test
  void forecastDoesNotChangeTheRouter() {
    WorkRouter r = router();
    r.submit(WorkItem.builder("t2", "chat", NOW).deadline(NOW.plusSeconds(30)).build());
    r.submit(WorkItem.builder("t3", "chat", NOW).deadline(NOW.plusSeconds(90)).build());
    String before = r.toString();
    BreachForecast f = r.forecast(NOW, Duration.ofHours(2), ServicePoint.START);
    assertEquals(before, r.toString());
    assertEquals(3, r.waitingCount());
    // two slots: t2 and t1 start now, t3 waits for the first to finish at 10:10, past its 10:01:30
    assertEquals(List.of("t3"), f.breaches().stream().map(l -> l.item().id()).toList());
    assertEquals(NOW.plusSeconds(90), f.breaches().get(0).breachAt().orElseThrow());
    assertEquals(NOW.plus(Duration.ofMinutes(10)), f.breaches().get(0).start().orElseThrow());
  }

  @Test
  void publicMethodsRejectNulls() {
    NullPointerTester t =
        new NullPointerTester()
            .setDefault(Instant.class, NOW)
            .setDefault(Duration.class, Duration.ofMinutes(5))
            .setDefault(String.class, "chat")
            .setDefault(BusinessCalendar.class, ALWAYS)
            .setDefault(QueuePolicy.class, QueuePolicy.earliestDeadlineFirst())
            .setDefault(Capacity.class, Capacity.builder().channel("chat", 1).build())
            .setDefault(WorkItem.class, WorkItem.builder("x", "chat", NOW).build())
            .setDefault(PriorityLevels.class, PriorityLevels.of("normal"))
            .setDefault(SlaUrgency.class, new SlaUrgency(Optional.empty(), false))
            .setDefault(
                Agent.class,
                Agent.builder("zed", ALWAYS, Capacity.builder().channel("chat", 1).build()).build())
            .setDefault(
                SlaEvaluation.class,
                new SlaEvaluation(
                    "t1",
                    NOW,
                    "open",
                    "p",
                    Optional.empty(),
                    List.of(),
                    List.of(),
                    List.of(),
                    Optional.empty()))
            .setDefault(
                SlaPolicySet.class,
                SlaPolicySet.builder()
                    .statuses("open", "solved")
                    .solvedStatuses("solved")
                    .defaultPolicy(
                        dev.servicekit.sla.SlaPolicy.builder("p")
                            .matrix(dev.servicekit.sla.PriorityMatrix.constant("normal"))
                            .build())
                    .build());
    t.testAllPublicStaticMethods(WorkItem.class);
    t.testAllPublicStaticMethods(QueuePolicy.class);
    t.testAllPublicStaticMethods(Agent.class);
    t.testAllPublicStaticMethods(SlaUrgency.class);
    t.testAllPublicConstructors(SlaUrgency.class);
    t.testAllPublicStaticMethods(PriorityLevels.class);
    t.testAllPublicInstanceMethods(PriorityLevels.of("normal"));
    t.testAllPublicInstanceMethods(WorkItem.builder("x", "chat", NOW).build());
    t.testAllPublicInstanceMethods(
        WorkQueue.create(QueuePolicy.priorityThenAge(), PriorityLevels.of("normal")));
    t.testAllPublicInstanceMethods(WorkItem.builder("x", "chat", NOW));
    t.testAllPublicInstanceMethods(Capacity.builder());
    t.testAllPublicInstanceMethods(QueuePolicy.weighted());
    t.testAllPublicInstanceMethods(WorkQueue.create(QueuePolicy.priorityThenAge()));
    t.testAllPublicInstanceMethods(router());
    t.testAllPublicInstanceMethods(WorkRouter.builder(QueuePolicy.earliestDeadlineFirst()));
  }
}
