package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.h;
import static dev.servicekit.sla.Fixtures.mon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A stage left without its stop condition is cancelled (ServiceNow, "SLA conditions": with "When to
 * cancel" at "Start conditions are not met", a task SLA whose start condition no longer matches is
 * cancelled unless its stop condition matched;
 * https://www.servicenow.com/docs/r/australia/it-service-management/service-level-management/c_SLAConditions.html).
 * Here the stage "work in progress" stops on "resolved" only.
 */
class StageStopStatusesTest {

  static SlaPolicySet set() {
    return SlaPolicySet.builder()
        .statuses("new", "in-progress", "on-hold", "resolved", "closed")
        .solvedStatuses("resolved", "closed")
        .stage(StageDefinition.of("work", "in-progress").stopOn("resolved"))
        .defaultPolicy(
            SlaPolicy.builder("incident")
                .matrix(PriorityMatrix.constant("p2"))
                .target("p2", SlaMetric.stage("work"), h(4))
                .build())
        .build();
  }

  @Test
  void leavingTheStageToAStopStatusAchievesItAndToAnyOtherCancelsIt() {
    Fixtures.Ticket t = new Fixtures.Ticket("T");
    List<TicketEvent> events =
        List.of(
            t.created(mon(9, 0)),
            t.status(mon(9, 0), "in-progress"),
            t.status(mon(10, 0), "on-hold"), // left without stop: cancelled
            t.status(mon(11, 0), "in-progress"),
            t.status(mon(12, 0), "resolved")); // stop: achieved
    List<MetricCycle> c = Fixtures.eval(set(), events, mon(13, 0)).cycles(SlaMetric.stage("work"));
    assertEquals(2, c.size(), c.toString());
    assertEquals(CycleState.CANCELLED, c.get(0).state());
    assertEquals(Optional.of(mon(10, 0)), c.get(0).stop());
    assertEquals(CycleState.ACHIEVED, c.get(1).state());
    assertEquals(Optional.of(mon(12, 0)), c.get(1).stop());
  }

  @Test
  void withoutStopStatusesEveryExitStops() {
    StageDefinition plain = StageDefinition.of("work", "in-progress");
    assertTrue(plain.stopsOn("on-hold") && plain.stopsOn("resolved"));
    StageDefinition strict = plain.stopOn("resolved");
    assertTrue(strict.stopsOn("resolved") && !strict.stopsOn("on-hold"));
  }

  @Test
  void aBreachedStageStaysBreachedWhenCancelled() {
    Fixtures.Ticket t = new Fixtures.Ticket("T");
    List<TicketEvent> events =
        List.of(
            t.created(mon(9, 0)),
            t.status(mon(9, 0), "in-progress"),
            t.status(mon(14, 0), "on-hold"));
    MetricCycle c =
        Fixtures.eval(set(), events, mon(15, 0)).latest(SlaMetric.stage("work")).orElseThrow();
    assertEquals(CycleState.BREACHED, c.state());
    assertEquals(Duration.ofHours(5), c.elapsed());
  }

  @Test
  void jsonReadsAndWritesStopOnAndRejectsBadStopStatuses() {
    SlaPolicySet set = set();
    String json = SlaPolicyJson.write(set);
    assertTrue(json.contains("\"stopOn\": [\"resolved\"]"), json);
    assertEquals(set, SlaPolicyJson.read(json));
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SlaPolicyJson.read(
                    json.replace("\"stopOn\": [\"resolved\"]", "\"stopOn\": [\"done\"]")));
    assertTrue(unknown.getMessage().contains("stages[0].stopOn[0]"), unknown.getMessage());
    IllegalArgumentException own =
        assertThrows(
            IllegalArgumentException.class,
            () -> StageDefinition.of("work", "in-progress").stopOn("in-progress"));
    assertEquals(
        "stage work stopStatuses lists in-progress, which is one of its own statuses",
        own.getMessage());
  }
}
