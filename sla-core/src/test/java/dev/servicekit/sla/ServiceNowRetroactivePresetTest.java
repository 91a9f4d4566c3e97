package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.mon;
import static dev.servicekit.sla.PresetScenarios.only;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link SlaPreset#SERVICENOW} with the re-attach and due-date settings: retroactive start with or
 * without retroactive pause, and "Breach on Due Date". Expected values computed by hand.
 *
 * <p>Sources (ServiceNow's documentation sources, github.com/ServiceNow/ServiceNowDocs, {@code
 * markdown/it-service-management/service-level-management/}): [RETRO] {@code
 * t_UseSLARetroactiveStartAndPause.md}: "an incident is raised with priority 3 - Moderate and
 * changes to 1 - Critical after 3 hours. A priority 1 SLA is attached at that time. You can use
 * retroactive start to adjust the SLA timing to count from when the incident was created"; the
 * retroactive pause property "ensures the new task SLA record includes any pause time accumulated
 * between the retroactive start time and now, which increases the breach time accordingly". [DUR]
 * {@code c_SLADuration.md}: "if the SLA definition specifies a task SLA schedule as 08:00-16:00 and
 * the value in the Due Date field is Wednesday 11th Jan 2017 20:30, the breach time is set to
 * Thursday 12th 2017 Jan 08:00".
 */
class ServiceNowRetroactivePresetTest {

  private static final SlaMetric RESOLUTION = SlaMetric.resolution();
  private final Fixtures.Ticket t = new Fixtures.Ticket("INC0010009");

  private static SlaPolicySet retro(boolean retroactivePause) {
    SlaPolicySet preset = ServiceNowPresetTest.set(MetricRule.ALWAYS, Duration.ofDays(3));
    return SlaPreset.SERVICENOW
        .policySet()
        .reattachStart(ReattachStart.AT_CREATION)
        .retroactivePause(retroactivePause)
        .defaultPolicy(preset.defaultPolicy())
        .build();
  }

  // [RETRO] P3 at 09:00, on hold 10:00-11:00, P1 at 12:00 (3 h after creation). Retroactive start
  // without retroactive pause: the P1 SLA counts from 09:00 as one span, the hour on hold included:
  // due 17:00, 3 h counted at 12:00. With retroactive pause: the hour on hold pauses it: due 18:00,
  // 2 h counted.
  @Test
  void retroactiveStartCountsFromCreationAndRetroactivePauseSubtractsThePauses() {
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0)),
            t.status(mon(10, 0), "on-hold"),
            t.status(mon(11, 0), "in-progress"),
            t.priority(mon(12, 0), "1-critical"));
    for (boolean pause : new boolean[] {false, true}) {
      List<MetricCycle> r = Fixtures.eval(retro(pause), h, mon(12, 0)).cycles(RESOLUTION);
      assertEquals(2, r.size(), r.toString());
      assertEquals(CycleState.CANCELLED, r.get(0).state());
      MetricCycle attached = r.get(1);
      assertEquals(mon(9, 0), attached.start(), "retroactive start: Created");
      assertEquals(Optional.of(Duration.ofHours(8)), attached.target());
      assertEquals(Optional.of(pause ? mon(18, 0) : mon(17, 0)), attached.deadline());
      assertEquals(Duration.ofHours(pause ? 2 : 3), attached.elapsed());
    }
  }

  // [DUR] "Breach on Due Date" on an 08:00-16:00 schedule: due 20:30 on Wednesday 11 January 2017
  // is outside the schedule, so the breach time is Thursday 12 January 08:00.
  @Test
  void aDueDateOutsideTheScheduleBreachesAtTheNextScheduledTime() {
    SlaPolicySet s =
        SlaPreset.SERVICENOW
            .policySet()
            .defaultPolicy(
                SlaPolicy.builder("incident")
                    .matrix(PriorityMatrix.constant("3-moderate"))
                    .target("3-moderate", SlaMetric.firstResponse(), Duration.ofHours(1))
                    .rule(
                        SlaPreset.SERVICENOW
                            .rule(RESOLUTION)
                            .calendar("8-16")
                            .dueFrom("due_date")
                            .build())
                    .build())
            .build();
    WeeklyHours eightToFour =
        new WeeklyHours()
            .add(
                8 * 60,
                16 * 60,
                DayOfWeek.MONDAY,
                DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY);
    Instant opened = Instant.parse("2017-01-11T09:00:00Z");
    List<TicketEvent> h = List.of(t.created(opened, "due_date", "2017-01-11T20:30:00Z"));
    MetricCycle c =
        only(
            SlaClock.evaluateTimes(
                s, Map.of("8-16", eightToFour), h, Instant.parse("2017-01-11T12:00:00Z")),
            RESOLUTION);
    assertEquals(Optional.of(Instant.parse("2017-01-12T08:00:00Z")), c.deadline());
    assertEquals(Optional.of(Duration.ofHours(7)), c.target(), "09:00-16:00 of business time");
  }
}
