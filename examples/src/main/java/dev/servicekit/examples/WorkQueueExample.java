package dev.servicekit.examples;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.MetricRule;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TimeRange;
import dev.servicekit.sla.queue.Agent;
import dev.servicekit.sla.queue.Assignment;
import dev.servicekit.sla.queue.BreachForecast;
import dev.servicekit.sla.queue.Capacity;
import dev.servicekit.sla.queue.ForecastLine;
import dev.servicekit.sla.queue.PriorityLevels;
import dev.servicekit.sla.queue.QueuePolicy;
import dev.servicekit.sla.queue.ServicePoint;
import dev.servicekit.sla.queue.SlaUrgency;
import dev.servicekit.sla.queue.WorkItem;
import dev.servicekit.sla.queue.WorkRouter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A follow-the-sun team (Moscow days, New York days) takes chats and emails: SLA clocks give each
 * ticket its deadline, a {@link WorkRouter} hands the most urgent work to the agent with the most
 * spare capacity on shift and says why, a key account goes to its account manager, an agent going
 * offline re-balances their work, a "pending" ticket leaves the queue, and a breach forecast shows
 * what will be late if nothing changes.
 */
public final class WorkQueueExample {

  private WorkQueueExample() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    BusinessCalendar moscow =
        BusinessCalendar.builder(ZoneId.of("Europe/Moscow"))
            .id("moscow")
            .weekdays(TimeRange.parse("09:00-18:00"))
            .build();
    BusinessCalendar newYork =
        BusinessCalendar.builder(ZoneId.of("America/New_York"))
            .id("new-york")
            .weekdays(TimeRange.parse("09:00-18:00"))
            .build();
    BusinessCalendar team = moscow.union(newYork).withId("team");

    SlaPolicySet sla =
        SlaPolicySet.builder()
            .statuses("new", "open", "pending", "solved")
            .solvedStatuses("solved")
            .defaultPolicy(
                SlaPolicy.builder("standard")
                    .matrix( // a key account's tickets are high priority
                        PriorityMatrix.builder()
                            .cell("normal", "key", "high")
                            .defaultPriority("normal")
                            .build())
                    .target("high", SlaMetric.firstResponse(), Duration.ofHours(1))
                    .target("normal", SlaMetric.firstResponse(), Duration.ofHours(2))
                    .rule(
                        MetricRule.builder(SlaMetric.firstResponse())
                            .calendar("team")
                            .pauseOn("pending")
                            .build())
                    .build())
            .build();

    // the SLA priority's level becomes the item's priority, which a priority-then-age or weighted
    // queue orders by (least slack reads the deadline: the key account's is an hour earlier);
    // apply keeps both in step
    PriorityLevels levels = PriorityLevels.of("high", "normal").requireCovers(sla);
    WorkRouter router =
        WorkRouter.builder(QueuePolicy.leastSlack(team))
            .channel("chat", Duration.ofMinutes(15))
            .channel("email", Duration.ofMinutes(40))
            .finishBeforeShiftEnd(true)
            .priorityLevels(levels)
            .build();
    Capacity desk = Capacity.builder().channel("chat", 3).channel("email", 10).build();
    Instant now = Instant.parse("2026-03-02T12:00:00Z"); // Monday 15:00 Moscow, 07:00 New York
    router.addAgent(Agent.builder("olga", moscow, desk).languages("ru", "en").build(), now);
    router.addAgent(
        Agent.builder("pavel", moscow, desk).languages("ru").skills("billing").build(), now);
    router.addAgent(Agent.builder("maria", newYork, desk).languages("en", "es").build(), now);

    Map<String, SlaClock> clocks = new LinkedHashMap<>();
    String[][] tickets = {
      // id, channel, language, skill, minutes ago, key account
      {"T-101", "email", "en", "", "100", "no"},
      {"T-102", "chat", "ru", "billing", "5", "no"},
      {"T-103", "email", "ru", "", "30", "yes"},
      {"T-104", "email", "es", "", "20", "no"},
      {"T-105", "chat", "en", "", "1", "no"},
    };
    for (String[] t : tickets) {
      Instant created = now.minus(Duration.ofMinutes(Long.parseLong(t[4])));
      SlaClock clock = SlaClock.of(sla, Map.of("team", team), t[0]);
      Map<String, String> attributes =
          Map.of("severity", "normal", "tier", t[5].equals("yes") ? "key" : "standard");
      clock.accept(new TicketEvent.Created(t[0], t[0] + "-1", created, attributes, Set.of()));
      clocks.put(t[0], clock);
      WorkItem.Builder w =
          WorkItem.builder(t[0], t[1], created)
              .language(t[2])
              .urgency(SlaUrgency.of(clock.evaluate(now)), levels); // deadline and priority level
      if (!t[3].isEmpty()) {
        w.skills(t[3]);
      }
      if (t[5].equals("yes")) {
        w.keyAccount(true).preferredAgents("olga");
      }
      router.submit(w.build());
    }

    WorkItem key = router.item("T-103").orElseThrow();
    System.out.println(
        "T-103 (key account): priority " + key.priority() + ", due " + key.deadline().get());
    System.out.println("15:00 Moscow: " + router.waitingCount() + " waiting");
    print(router.assignAll(now));

    // the customer of T-101 is asked for details: pending pauses the clock, the ticket leaves
    Instant later = now.plus(Duration.ofMinutes(20));
    clocks.get("T-101").accept(new TicketEvent.StatusChanged("T-101", "T-101-2", later, "pending"));
    router.apply("T-101", clocks.get("T-101").evaluate(later), sla); // solved would remove it
    System.out.println(
        "T-101 pending: "
            + router.pausedCount()
            + " paused, still with "
            + router.assignee("T-101").orElse("nobody"));

    System.out.println("olga goes offline at 15:20 Moscow; her work is re-balanced:");
    List<WorkItem> back = router.goOffline("olga", later);
    back.forEach(w -> System.out.println("  unassigned: " + w.id()));
    print(router.assignAll(later));

    BreachForecast forecast = router.forecast(later, Duration.ofHours(24), ServicePoint.FINISH);
    System.out.println("forecast if nothing changes (next 24 h):");
    for (ForecastLine l : forecast.lines()) {
      System.out.println(
          "  "
              + l.item().id()
              + " -> "
              + l.agentId().orElse("nobody")
              + l.finish().map(f -> " done " + f).orElse("")
              + (l.breached() ? " BREACH at " + l.breachAt().get() : " on time"));
    }
  }

  private static void print(List<Assignment> assignments) {
    for (Assignment a : assignments) {
      System.out.println("  " + a.item().id() + " -> " + a.agentId() + ": " + a.reason());
    }
  }
}
