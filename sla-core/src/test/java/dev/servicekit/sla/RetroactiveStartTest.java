package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link ReattachStart} and {@link SlaPolicySet#retroactivePause()} under {@link
 * RetargetRule#CANCEL_AND_REATTACH}: ServiceNow's retroactive start, with or without retroactive
 * pause.
 *
 * <p>Source: ServiceNow product documentation, "Configure SLA retroactive start and pause" (read as
 * the ServiceNow/ServiceNowDocs markdown,
 * https://www.servicenow.com/docs/r/yokohama/it-service-management/service-level-management/t_UseSLARetroactiveStartAndPause.html):
 * "an incident is raised with priority 3 - Moderate and changes to 1 - Critical after 3 hours. A
 * priority 1 SLA is attached at that time. You can use retroactive start to adjust the SLA timing
 * to count from when the incident was created, rather than when the priority changed"; "select
 * Created to start the SLA when the task form was initially saved"; "Enabling this property
 * [Retroactive pause] ensures the new task SLA record includes any pause time accumulated between
 * the retroactive start time and now, which increases the breach time accordingly"; "When
 * retroactive start is enabled, it may result in task SLAs being breached as soon as they attach".
 * The 8 hour priority 1 target is ServiceNow's default "Priority 1 resolution (8 hour)" definition
 * (as in {@link CancelAndReattachTest}); the pending hour (10:00-11:00) is added for the test. The
 * schedule is 24x7.
 */
class RetroactiveStartTest {

  private static final Instant CREATED = Instant.parse("2026-03-02T09:00:00Z");

  private static Instant at(int hh, int mm) {
    return CREATED.plus(Duration.ofHours(hh - 9)).plus(Duration.ofMinutes(mm));
  }

  static SlaPolicySet set(ReattachStart start, boolean retroactivePause) {
    SlaPolicySet base = CancelAndReattachTest.set(RetargetRule.CANCEL_AND_REATTACH);
    SlaPolicySet.Builder b =
        Fixtures.statusModel()
            .retargetRule(RetargetRule.CANCEL_AND_REATTACH)
            .reattachStart(start)
            .retroactivePause(retroactivePause)
            .defaultPolicy(base.defaultPolicy());
    return b.build();
  }

  /** P3 at 09:00, pending 10:00-11:00, P1 at 12:00 (three hours after creation). */
  private static List<TicketEvent> incident() {
    List<TicketEvent> h = new ArrayList<>();
    h.add(TicketEvent.Created.byCustomer("INC1", "c", CREATED, Map.of(), Set.of()));
    h.add(new TicketEvent.StatusChanged("INC1", "w", at(10, 0), "pending"));
    h.add(new TicketEvent.StatusChanged("INC1", "o", at(11, 0), "open"));
    h.add(new TicketEvent.PriorityChanged("INC1", "p", at(12, 0), "1-critical"));
    return h;
  }

  private static MetricCycle attached(SlaPolicySet set, List<TicketEvent> h, Instant now) {
    List<MetricCycle> r = Fixtures.eval(set, h, now).cycles(SlaMetric.resolution());
    assertEquals(2, r.size(), r.toString());
    assertEquals(CycleState.CANCELLED, r.get(0).state());
    return r.get(1);
  }

  @Test
  void withoutRetroactiveStartTheNewSlaCountsFromTheChange() {
    MetricCycle m = attached(set(ReattachStart.AT_CHANGE, false), incident(), at(13, 0));
    assertEquals(at(12, 0), m.start());
    assertEquals(Duration.ofHours(1), m.elapsed());
    assertEquals(Optional.of(at(20, 0)), m.deadline());
  }

  @Test
  void retroactiveStartWithoutRetroactivePauseCountsTheWholeTimeSinceCreation() {
    MetricCycle m = attached(set(ReattachStart.AT_CREATION, false), incident(), at(13, 0));
    assertEquals(CREATED, m.start());
    assertEquals(Duration.ofHours(4), m.elapsed(), "09:00-13:00, the pending hour included");
    assertEquals(Duration.ZERO, m.pausedTime());
    assertEquals(Optional.of(at(17, 0)), m.deadline());
  }

  @Test
  void retroactivePauseSubtractsThePendingHourAndMovesTheBreachLater() {
    MetricCycle m = attached(set(ReattachStart.AT_CREATION, true), incident(), at(13, 0));
    assertEquals(CREATED, m.start());
    assertEquals(Duration.ofHours(3), m.elapsed());
    assertEquals(Duration.ofHours(1), m.pausedTime());
    assertEquals(Optional.of(at(18, 0)), m.deadline());
    // the same numbers as re-measuring from the original start (RECALCULATE)
    MetricCycle recalc =
        Fixtures.eval(CancelAndReattachTest.set(RetargetRule.RECALCULATE), incident(), at(13, 0))
            .latest(SlaMetric.resolution())
            .orElseThrow();
    assertEquals(recalc.elapsed(), m.elapsed());
    assertEquals(recalc.deadline(), m.deadline());
  }

  @Test
  void afterTheAttachPauseStatusesPauseEitherWay() {
    List<TicketEvent> h = incident();
    h.add(new TicketEvent.StatusChanged("INC1", "w2", at(14, 0), "pending"));
    h.add(new TicketEvent.StatusChanged("INC1", "o2", at(15, 0), "open"));
    assertEquals(
        Optional.of(at(18, 0)),
        attached(set(ReattachStart.AT_CREATION, false), h, at(16, 0)).deadline());
    assertEquals(
        Optional.of(at(19, 0)),
        attached(set(ReattachStart.AT_CREATION, true), h, at(16, 0)).deadline());
  }

  @Test
  void aRetroactiveStartMayBreachAsSoonAsItAttaches() {
    List<TicketEvent> h =
        List.of(
            TicketEvent.Created.byCustomer("INC1", "c", CREATED, Map.of(), Set.of()),
            new TicketEvent.PriorityChanged("INC1", "p", at(18, 0), "1-critical"));
    MetricCycle m = attached(set(ReattachStart.AT_CREATION, false), h, at(18, 0));
    assertEquals(CycleState.BREACHED, m.state());
    assertEquals(Optional.of(at(17, 0).plusNanos(1)), m.breachedAt());
  }

  @Test
  void atCancelledStartTheNewCycleStartsWhereTheCancelledOneDid() {
    // a next-reply cycle started by the customer's message at 10:30 is re-attached from 10:30
    SlaPolicy p =
        SlaPolicy.builder("incident")
            .matrix(PriorityMatrix.builder().cell("1", "1", "1").defaultPriority("3").build())
            .target("3", SlaMetric.nextResponse(), Duration.ofHours(8))
            .target("1", SlaMetric.nextResponse(), Duration.ofHours(1))
            .build();
    SlaPolicySet set =
        Fixtures.statusModel()
            .retargetRule(RetargetRule.CANCEL_AND_REATTACH)
            .reattachStart(ReattachStart.AT_CANCELLED_START)
            .defaultPolicy(p)
            .build();
    List<TicketEvent> h =
        List.of(
            TicketEvent.Created.byCustomer("INC1", "c", CREATED, Map.of(), Set.of()),
            TicketEvent.AgentReply.publicReply("INC1", "r", at(10, 0)),
            new TicketEvent.CustomerMessage("INC1", "m", at(10, 30)),
            new TicketEvent.PriorityChanged("INC1", "p", at(11, 0), "1"));
    List<MetricCycle> r = Fixtures.eval(set, h, at(11, 0)).cycles(SlaMetric.nextResponse());
    assertEquals(2, r.size(), r.toString());
    assertEquals(at(10, 30), r.get(1).start());
    assertEquals(Optional.of(at(11, 30)), r.get(1).deadline());
  }

  @Test
  void theTrailShowsTheRetroactiveSpanAndSumsToTheOutputs() {
    Instant now = at(13, 0);
    for (boolean pause : new boolean[] {false, true}) {
      SlaClock clock = Fixtures.clock(set(ReattachStart.AT_CREATION, pause), "INC1");
      incident().forEach(clock::accept);
      MetricCycle m = clock.evaluate(now).cycles(SlaMetric.resolution()).get(1);
      List<CycleSegment> trail = clock.auditTrail(SlaMetric.resolution(), 1, now);
      Duration business = Duration.ZERO;
      Duration paused = Duration.ZERO;
      for (CycleSegment s : trail) {
        business = business.plus(s.business());
        if (s.kind() == CycleSegment.Kind.PAUSED) {
          paused = paused.plus(s.wall());
        }
      }
      assertEquals(m.elapsed(), business, trail.toString());
      assertEquals(m.pausedTime(), paused, trail.toString());
      assertEquals(CREATED, trail.get(0).from());
      assertEquals("p", trail.get(0).openedBy(), "opened by the re-target");
      // split at the attach (12:00); the retroactive span shows the 8 h target the new cycle is
      // measured against, not the 3 days of the cancelled priority 3 cycle in force then
      assertEquals(pause ? 4 : 2, trail.size(), trail.toString());
      for (CycleSegment s : trail) {
        assertEquals(Optional.of(Duration.ofHours(8)), s.target(), trail.toString());
        assertEquals(m.policy(), s.policy(), trail.toString());
      }
      CycleSegment last = trail.get(trail.size() - 1);
      assertEquals(at(12, 0), last.from());
      assertEquals(Optional.of("p"), trail.get(trail.size() - 2).closedBy());
      if (pause) {
        assertEquals(CycleSegment.Kind.PAUSED, trail.get(1).kind());
        assertEquals(at(10, 0), trail.get(1).from());
        assertEquals("w", trail.get(1).openedBy());
        assertEquals(Optional.of("o"), trail.get(1).closedBy());
      }
    }
  }

  @Test
  void jsonReadsAndWritesBothSettings() {
    SlaPolicySet set = set(ReattachStart.AT_CREATION, true);
    String json = SlaPolicyJson.write(set);
    assertTrue(json.contains("\"reattachStart\": \"AT_CREATION\""), json);
    assertTrue(json.contains("\"retroactivePause\": true"), json);
    assertEquals(set, SlaPolicyJson.read(json));
    String bad = json.replace("\"AT_CREATION\"", "\"AT_OPENED\"");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(bad));
    assertTrue(e.getMessage().contains("reattachStart"), e.getMessage());
    assertTrue(e.getMessage().contains("line "), e.getMessage());
  }
}
