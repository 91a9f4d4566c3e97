package dev.servicekit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.kpi.BacklogAccumulator;
import dev.servicekit.kpi.GroupKey;
import dev.servicekit.kpi.KeyCodec;
import dev.servicekit.kpi.OutcomeAccumulator;
import dev.servicekit.kpi.OutcomeResult;
import dev.servicekit.kpi.PercentileAccumulator;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.kpi.RevisedValues;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import dev.servicekit.kpi.WindowedKpi;
import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.MetricRule;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaClockSnapshot;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TimeRange;
import dev.servicekit.sla.queue.QueuePolicy;
import dev.servicekit.sla.queue.SlaUrgency;
import dev.servicekit.sla.queue.WorkItem;
import dev.servicekit.sla.queue.WorkQueue;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A help desk plugin built from the README alone, through the public API: an agent's inbox by SLA
 * urgency with "due in" and "breached by", restarts through checkpoints (also across a policy
 * change that renames a status), and a team dashboard by day across the end of summer time, fed by
 * the same tickets with the source system's corrections. Every figure is computed by hand in a
 * comment, or against a brute-force recomputation.
 *
 * <p>The calendar: Europe/Berlin, weekdays 09:00-17:00, with a team holiday on Monday 26 October
 * 2026; summer time ends on Sunday 25 October (02:00-03:00 is lived twice), so Berlin is UTC+2
 * until then and UTC+1 after. Targets: first reply 4 h (urgent 1 h), resolution 16 h (urgent 4 h),
 * both on that calendar; resolution pauses in "pending". "Now" is Tuesday 27 October 11:00 Berlin
 * (10:00 UTC).
 */
class HelpdeskPluginTrialTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant NOW = Instant.parse("2026-10-27T10:00:00Z");
  private static final Map<String, BusinessCalendar> CALENDARS =
      Map.of(
          "team",
          BusinessCalendar.builder(BERLIN)
              .id("berlin-support")
              .weekdays(TimeRange.parse("09:00-17:00"))
              .holiday(LocalDate.of(2026, 10, 26))
              .build());

  private static SlaPolicySet policies(String waiting) {
    return SlaPolicySet.builder()
        .statuses("new", "open", waiting, "solved")
        .solvedStatuses("solved")
        .defaultPolicy(
            SlaPolicy.builder("std")
                .matrix(PriorityMatrix.constant("normal"))
                .target("normal", SlaMetric.firstResponse(), Duration.ofHours(4))
                .target("normal", SlaMetric.resolution(), Duration.ofHours(16))
                .target("urgent", SlaMetric.firstResponse(), Duration.ofHours(1))
                .target("urgent", SlaMetric.resolution(), Duration.ofHours(4))
                .rule(MetricRule.builder(SlaMetric.firstResponse()).calendar("team").build())
                .rule(
                    MetricRule.builder(SlaMetric.resolution())
                        .calendar("team")
                        .pauseOn(waiting)
                        .build())
                .build())
        .build();
  }

  private static final SlaPolicySet V1 = policies("pending");

  private static Instant z(String text) {
    return Instant.parse(text);
  }

  /**
   * T1, team red: created Friday 23 October 16:30 (14:30 UTC), answered Tuesday 10:00, pending
   * 10:05-10:35, solved 10:50.
   */
  private static final List<TicketEvent> T1 =
      List.of(
          TicketEvent.Created.byCustomer(
              "T1", "t1-1", z("2026-10-23T14:30:00Z"), Map.of("team", "red"), Set.of()),
          TicketEvent.AgentReply.publicReply("T1", "t1-2", z("2026-10-27T09:00:00Z")),
          new TicketEvent.StatusChanged("T1", "t1-3", z("2026-10-27T09:05:00Z"), "pending"),
          new TicketEvent.StatusChanged("T1", "t1-4", z("2026-10-27T09:35:00Z"), "open"),
          new TicketEvent.StatusChanged("T1", "t1-5", z("2026-10-27T09:50:00Z"), "solved"));

  /** T2, team red: created Saturday 10:00 (08:00 UTC), made urgent on Sunday, never answered. */
  private static final List<TicketEvent> T2 =
      List.of(
          TicketEvent.Created.byCustomer(
              "T2", "t2-1", z("2026-10-24T08:00:00Z"), Map.of("team", "red"), Set.of()),
          new TicketEvent.PriorityChanged("T2", "t2-2", z("2026-10-25T11:00:00Z"), "urgent"));

  /** T4, team blue: created Tuesday 09:00 (08:00 UTC), answered 10:30. */
  private static final List<TicketEvent> T4 =
      List.of(
          TicketEvent.Created.byCustomer(
              "T4", "t4-1", z("2026-10-27T08:00:00Z"), Map.of("team", "blue"), Set.of()),
          TicketEvent.AgentReply.publicReply("T4", "t4-3", z("2026-10-27T09:30:00Z")));

  /**
   * T5, team blue: created, answered and solved at one instant, the first 02:30 of Sunday 25
   * October (00:30 UTC), the events arriving in the wrong order.
   */
  private static final List<TicketEvent> T5 =
      List.of(
          new TicketEvent.StatusChanged("T5", "a", z("2026-10-25T00:30:00Z"), "solved"),
          TicketEvent.AgentReply.publicReply("T5", "b", z("2026-10-25T00:30:00Z")),
          TicketEvent.Created.byCustomer(
              "T5", "c", z("2026-10-25T00:30:00Z"), Map.of("team", "blue"), Set.of()));

  /** T6, team red: created Tuesday 09:30 (08:30 UTC), not answered yet. */
  private static final List<TicketEvent> T6 =
      List.of(
          TicketEvent.Created.byCustomer(
              "T6", "t6-1", z("2026-10-27T08:30:00Z"), Map.of("team", "red"), Set.of()));

  private static SlaClock clock(SlaPolicySet set, String ticket, List<TicketEvent> events) {
    SlaClock c = SlaClock.of(set, CALENDARS, ticket);
    events.forEach(c::accept);
    return c;
  }

  private static MetricCycle latest(SlaEvaluation e, SlaMetric metric) {
    return e.latest(metric).orElseThrow();
  }

  @Test
  void figuresOnTheHolidayAndSummerTimeCalendarAreTheHandComputedOnes() {
    // T1 first reply: Friday 16:30-17:00 (30 min), Monday a holiday, Tuesday 09:00-10:00 (1 h):
    // 1 h 30 of 4 h, due Tuesday 09:00 + 3 h 30 = 12:30 (11:30 UTC)
    SlaEvaluation t1 = clock(V1, "T1", T1).evaluate(NOW);
    MetricCycle reply = latest(t1, SlaMetric.firstResponse());
    assertEquals(CycleState.ACHIEVED, reply.state());
    assertEquals(Duration.ofMinutes(90), reply.elapsed());
    assertEquals(Optional.of(z("2026-10-27T11:30:00Z")), reply.deadline());
    assertEquals(Optional.of(Duration.ofMinutes(150)), reply.signedRemaining());
    // T1 resolution: 30 min Friday, 09:00-10:05 and 10:35-10:50 Tuesday = 1 h 50, 30 min paused;
    // kept due where 14 h 10 more from 10:50 end: 6 h 10 Tuesday, 8 h Wednesday, at its 17:00 close
    MetricCycle resolution = latest(t1, SlaMetric.resolution());
    assertEquals(CycleState.ACHIEVED, resolution.state());
    assertEquals(Duration.ofMinutes(110), resolution.elapsed());
    assertEquals(Duration.ofMinutes(30), resolution.pausedTime());
    assertEquals(Optional.of(z("2026-10-28T16:00:00Z")), resolution.deadline());

    // T2 first reply, re-targeted to urgent from its start: the weekend and the holiday count
    // nothing, so 1 h is used up Tuesday 10:00 (09:00 UTC); at 11:00 it is breached by 1 h
    SlaClock t2 = clock(V1, "T2", T2);
    assertEquals(
        Optional.of(z("2026-10-27T12:00:00Z")), // 4 h before the re-target: Tuesday 13:00
        latest(t2.evaluate(z("2026-10-24T09:00:00Z")), SlaMetric.firstResponse()).deadline());
    SlaEvaluation e2 = t2.evaluate(NOW);
    MetricCycle late = latest(e2, SlaMetric.firstResponse());
    assertEquals(CycleState.BREACHED, late.state());
    assertEquals(Optional.of(z("2026-10-27T09:00:00Z")), late.deadline());
    assertEquals(Duration.ofHours(1), late.breachedBy());
    assertEquals(Optional.of(Duration.ofHours(-1)), late.signedRemaining());
    assertEquals(Optional.of(z("2026-10-27T09:00:00.000000001Z")), late.breachedAt());
    // its urgent resolution (4 h): 2 h used, due Tuesday 13:00, breached 1 ns later
    assertEquals(Duration.ofHours(2), latest(e2, SlaMetric.resolution()).remaining());
    assertEquals(Optional.of(z("2026-10-27T12:00:00.000000001Z")), e2.nextTransition());

    // T5: created, answered and solved at one instant, whatever the arrival order: met at 0
    // elapsed, kept due where 4 h would end from the Sunday stop: Tuesday 13:00 (12:00 UTC)
    MetricCycle atOnce = latest(clock(V1, "T5", T5).evaluate(NOW), SlaMetric.firstResponse());
    assertEquals(CycleState.ACHIEVED, atOnce.state());
    assertEquals(Duration.ZERO, atOnce.elapsed());
    assertEquals(Optional.of(z("2026-10-27T12:00:00Z")), atOnce.deadline());

    // T6 resolution: 7 h 30 on Tuesday, 8 h Wednesday, 30 min Thursday: 09:30 (08:30 UTC)
    assertEquals(
        Optional.of(z("2026-10-29T08:30:00Z")),
        latest(clock(V1, "T6", T6).evaluate(NOW), SlaMetric.resolution()).deadline());
  }

  @Test
  void theInboxOrdersByTheEarliestRunningDeadlineAndSaysDueInOrBreachedBy() {
    Map<String, SlaClock> clocks =
        Map.of(
            "T1", clock(V1, "T1", T1),
            "T2", clock(V1, "T2", T2),
            "T4", clock(V1, "T4", T4),
            "T6", clock(V1, "T6", T6));
    WorkQueue inbox = WorkQueue.create(QueuePolicy.earliestDeadlineFirst());
    for (String id : List.of("T1", "T2", "T4", "T6")) {
      SlaClock c = clocks.get(id);
      inbox.offer(
          WorkItem.builder(id, "email", c.events().get(0).at())
              .deadline(SlaUrgency.of(c.evaluate(NOW)).deadline())
              .build());
    }
    for (String id : List.of("T1", "T2", "T4", "T6")) {
      inbox.apply(id, clocks.get(id).evaluate(NOW), V1); // T1 is solved: it leaves
    }
    List<String> order = new ArrayList<>();
    List<String> figures = new ArrayList<>();
    for (WorkItem item : inbox.items()) {
      order.add(item.id());
      SlaEvaluation e = clocks.get(item.id()).evaluate(NOW);
      // the cycle behind the item's deadline: the earliest running, targeted one
      MetricCycle urgent =
          e.cycles().stream()
              .filter(c -> c.running() && c.deadline().equals(item.deadline()))
              .findFirst()
              .orElseThrow();
      figures.add(
          urgent.state() == CycleState.BREACHED
              ? "breached by " + urgent.breachedBy()
              : "due in " + urgent.remaining());
    }
    // T2 urgent reply due 10:00 (breached by 1 h), T6 reply due 13:30 (2 h 30 left: created
    // 09:30, 1 h 30 used), T4 replied, resolution due Wednesday 17:00 (16 h - 2 h = 14 h left)
    assertEquals(List.of("T2", "T6", "T4"), order);
    assertEquals(List.of("breached by PT1H", "due in PT2H30M", "due in PT14H"), figures);
  }

  @Test
  void aCheckpointTakenMidPauseAndFedTheRestEqualsTheClockFedEverything() {
    SlaClock all = clock(V1, "T1", T1);
    SlaClock half = clock(V1, "T1", T1.subList(0, 3)); // pending since 10:05
    Instant mid = z("2026-10-27T09:20:00Z");
    MetricCycle paused = latest(half.evaluate(mid), SlaMetric.resolution());
    // 1 h 35 used, 15 min paused; if resumed at 10:20, 14 h 25 left: 6 h 40 Tuesday, then
    // Wednesday 09:00 + 7 h 45 = 16:45 (15:45 UTC)
    assertEquals(CycleState.PAUSED, paused.state());
    assertEquals(Duration.ofMinutes(95), paused.elapsed());
    assertEquals(Duration.ofMinutes(15), paused.pausedTime());
    assertEquals(Optional.of(z("2026-10-28T15:45:00Z")), paused.deadline());

    SlaClock fromBytes = SlaClockSnapshot.fromBytes(V1, CALENDARS, SlaClockSnapshot.toBytes(half));
    SlaClock fromJson = SlaClockSnapshot.fromJson(V1, CALENDARS, SlaClockSnapshot.toJson(half));
    assertEquals(half.evaluate(mid), fromBytes.evaluate(mid));
    assertEquals(half.evaluate(mid), fromJson.evaluate(mid));
    // the rest arrives after the restart, in the wrong order
    List<TicketEvent> rest = new ArrayList<>(T1.subList(3, 5));
    Collections.reverse(rest);
    rest.forEach(fromBytes::accept);
    rest.forEach(fromJson::accept);
    assertEquals(all.evaluate(NOW), fromBytes.evaluate(NOW));
    assertEquals(all.evaluate(NOW), fromJson.evaluate(NOW));
    assertEquals(
        all.auditTrail(SlaMetric.resolution(), 0, NOW),
        fromBytes.auditTrail(SlaMetric.resolution(), 0, NOW));
    // and every arrival order of the whole ticket gives the same
    Random random = new Random(20261025);
    for (int i = 0; i < 20; i++) {
      List<TicketEvent> shuffled = new ArrayList<>(T1);
      Collections.shuffle(shuffled, random);
      assertEquals(all.evaluate(NOW), clock(V1, "T1", shuffled).evaluate(NOW), shuffled::toString);
    }
  }

  @Test
  void aCheckpointCarriesAcrossAPolicyVersionThatRenamesThePauseStatus() {
    byte[] checkpoint = SlaClockSnapshot.toBytes(clock(V1, "T1", T1.subList(0, 3)));
    SlaPolicySet v2 = policies("waiting");
    String refused =
        assertThrows(
                IllegalArgumentException.class,
                () -> SlaClockSnapshot.fromBytes(v2, CALENDARS, checkpoint))
            .getMessage();
    assertTrue(refused.contains("status 'pending' is unknown"), refused);
    SlaClock migrated = SlaClock.of(v2, CALENDARS, "T1");
    for (TicketEvent e : SlaClockSnapshot.eventsFromBytes(checkpoint)) {
      migrated.accept(
          e instanceof TicketEvent.StatusChanged s && s.status().equals("pending")
              ? new TicketEvent.StatusChanged(s.ticketId(), s.id(), s.at(), "waiting")
              : e);
    }
    // the rest of the ticket under v2: the figures of v1 with the status renamed
    migrated.accept(T1.get(3));
    migrated.accept(T1.get(4));
    assertEquals(
        latest(clock(V1, "T1", T1).evaluate(NOW), SlaMetric.resolution()).elapsed(),
        latest(migrated.evaluate(NOW), SlaMetric.resolution()).elapsed());
    assertEquals(
        Duration.ofMinutes(30),
        latest(migrated.evaluate(NOW), SlaMetric.resolution()).pausedTime());
  }

  @Test
  void theSourceSystemsEditsAndDeletionsGiveTheClockOfTheCorrectedHistory() {
    // T4's first reply was sent at 09:20, then made internal, then deleted; the real reply came
    // at 10:30
    SlaClock t4 = SlaClock.of(V1, CALENDARS, "T4");
    t4.accept(T4.get(0));
    TicketEvent early = TicketEvent.AgentReply.publicReply("T4", "t4-2", z("2026-10-27T08:20:00Z"));
    t4.accept(early);
    assertEquals(
        Duration.ofMinutes(20), latest(t4.evaluate(NOW), SlaMetric.firstResponse()).elapsed());
    assertTrue(
        t4.replace(TicketEvent.AgentReply.internalNote("T4", "t4-2", z("2026-10-27T08:20:00Z"))));
    MetricCycle running = latest(t4.evaluate(NOW), SlaMetric.firstResponse());
    assertEquals(CycleState.ACTIVE, running.state());
    assertEquals(Duration.ofHours(2), running.remaining()); // 09:00-11:00 used of 4 h
    assertTrue(t4.retract("t4-2"));
    t4.accept(T4.get(1));
    SlaClock fresh = clock(V1, "T4", T4);
    assertEquals(fresh.evaluate(NOW), t4.evaluate(NOW));
    assertEquals(List.of(SlaClockSnapshot.toJson(fresh)), List.of(SlaClockSnapshot.toJson(t4)));

    // T2's priority change was a mistake: deleted, the reply is due 13:00 again, not breached
    SlaClock t2 = clock(V1, "T2", T2);
    assertTrue(t2.retract("t2-2"));
    assertEquals(clock(V1, "T2", T2.subList(0, 1)).evaluate(NOW), t2.evaluate(NOW));
    assertEquals(CycleState.ACTIVE, latest(t2.evaluate(NOW), SlaMetric.firstResponse()).state());

    // a ticket deleted in the source system: every event retracted leaves a new clock
    SlaClock t5 = clock(V1, "T5", T5);
    for (TicketEvent e : List.copyOf(t5.events())) {
      assertTrue(t5.retract(e.id()));
    }
    assertEquals(List.of(), t5.events());
    assertThrows(IllegalStateException.class, () -> t5.evaluate(NOW));
  }

  @Test
  void theTeamDashboardByDayAcrossTheEndOfSummerTime() {
    WindowSpec daily = WindowSpec.of(WindowUnit.DAY, BERLIN);
    // Sunday 25 October lasts 25 hours: 22:00 UTC on the 24th to 23:00 UTC on the 25th
    Instant sunday = z("2026-10-25T01:30:00Z"); // the second 02:30
    assertEquals(z("2026-10-24T22:00:00Z"), daily.start(sunday));
    assertEquals(z("2026-10-25T23:00:00Z"), daily.end(sunday));

    GroupKey red = GroupKey.of("team", "red");
    GroupKey blue = GroupKey.of("team", "blue");
    Map<String, List<TicketEvent>> tickets =
        Map.of("T1", T1, "T2", T2, "T4", T4, "T5", T5, "T6", T6);
    WindowedKpi<GroupKey, PercentileAccumulator> firstReply =
        WindowedKpi.create(PercentileAccumulator::create, daily, Duration.ofDays(2));
    WindowedKpi<GroupKey, OutcomeAccumulator> compliance =
        WindowedKpi.create(OutcomeAccumulator::create, daily, Duration.ofDays(2));
    WindowedKpi<GroupKey, BacklogAccumulator> backlog =
        WindowedKpi.create(BacklogAccumulator::create, daily, Duration.ofDays(2));
    Map<GroupKey, List<Long>> replyMillis = Map.of(red, new ArrayList<>(), blue, new ArrayList<>());
    for (String id : List.of("T1", "T2", "T4", "T5", "T6")) {
      SlaEvaluation e = clock(V1, id, tickets.get(id)).evaluate(NOW);
      TicketEvent.Created created =
          tickets.get(id).stream()
              .filter(TicketEvent.Created.class::isInstance)
              .map(TicketEvent.Created.class::cast)
              .findFirst()
              .orElseThrow();
      GroupKey team = GroupKey.of("team", created.attributes().get("team"));
      backlog.record(team, created.at(), BacklogAccumulator::opened);
      if (e.status().equals("solved")) {
        MetricCycle r = latest(e, SlaMetric.resolution());
        backlog.record(team, r.stop().orElseThrow(), BacklogAccumulator::closed);
      }
      MetricCycle reply = latest(e, SlaMetric.firstResponse());
      if (reply.stop().isPresent()) {
        firstReply.record(team, reply.stop().get(), a -> a.add(reply.elapsed()));
        replyMillis.get(team).add(reply.elapsed().toMillis());
        compliance.record(
            team, reply.stop().get(), a -> a.add(reply.state() == CycleState.ACHIEVED));
      } else if (reply.state() == CycleState.BREACHED) {
        compliance.record(team, reply.breachedAt().orElseThrow(), a -> a.add(false));
      }
    }
    // first reply percentiles against the sorted values (rank floor(q (n - 1)), 1 % accuracy)
    for (GroupKey team : List.of(red, blue)) {
      List<Long> sorted = new ArrayList<>(replyMillis.get(team));
      Collections.sort(sorted);
      for (double q : new double[] {0, 0.5, 0.9, 1}) {
        long expected = sorted.get((int) Math.floor(q * (sorted.size() - 1)));
        double actual = firstReply.allTime(team).quantileMillis(q).orElseThrow();
        assertTrue(Math.abs(actual - expected) <= 0.01 * expected, team + " q" + q + ": " + actual);
      }
    }
    assertEquals(List.of(5_400_000L), replyMillis.get(red)); // T1, 1 h 30
    assertEquals(List.of(0L, 5_400_000L), sortedCopy(replyMillis.get(blue))); // T5, T4
    // T5's reply counts on the 25-hour Sunday, T4's on Tuesday
    assertEquals(1L, firstReply.window(blue, daily.start(sunday)).orElseThrow().count());
    // compliance: red met T1, breached T2 (both Tuesday); blue met both
    assertEquals(new OutcomeResult(1, 1), compliance.allTime(red).result());
    assertEquals(new OutcomeResult(2, 0), compliance.allTime(blue).result());
    Instant tuesday = daily.start(NOW);
    assertEquals(new OutcomeResult(1, 1), compliance.window(red, tuesday).orElseThrow().result());
    // backlog: red opened T1 Friday, T2 Saturday, T6 Tuesday, closed T1 Tuesday; blue opened and
    // closed T5 on Sunday, opened T4 Tuesday
    assertEquals(2L, backlog.allTime(red).result());
    assertEquals(1L, backlog.allTime(blue).result());
    assertEquals(0L, backlog.window(blue, daily.start(sunday)).orElseThrow().result());

    // CSAT with a revision that arrives before the rating it revises, and a deleted survey
    RevisedValues<String, RatingAccumulator> csat =
        RevisedValues.create(RatingAccumulator.create(RatingScale.csatFivePoint()));
    assertEquals(RevisedValues.Outcome.ADDED, csat.apply("T1", 2, 5));
    assertEquals(RevisedValues.Outcome.STALE, csat.apply("T1", 1, 2));
    csat.apply("T5", 1, 4);
    csat.apply("T4", 1, 1);
    csat.remove("T4", 2);
    assertEquals(100.0, csat.target().result().satisfiedPercent().orElseThrow());

    // everything through a restart, as bytes and as JSON
    WindowedKpi<GroupKey, PercentileAccumulator> replyBack =
        WindowedKpi.fromBytes(
            firstReply.toBytes(GroupKey::toString),
            PercentileAccumulator::create,
            PercentileAccumulator.class,
            GroupKey::parse);
    assertEquals(
        firstReply.allTime(blue).quantileMillis(0.5), replyBack.allTime(blue).quantileMillis(0.5));
    WindowedKpi<GroupKey, BacklogAccumulator> backlogBack =
        WindowedKpi.fromJson(
            backlog.toJson(GroupKey::toString),
            BacklogAccumulator::create,
            BacklogAccumulator.class,
            GroupKey::parse);
    assertEquals(backlog.windows(red).keySet(), backlogBack.windows(red).keySet());
    RevisedValues<String, RatingAccumulator> csatBack =
        RevisedValues.fromBytes(
            csat.toBytes(KeyCodec.strings()), RatingAccumulator.class, KeyCodec.strings());
    assertEquals(csat.target().result(), csatBack.target().result());
    // the deleted survey stays deleted after the restart: its late first revision is stale
    assertEquals(RevisedValues.Outcome.STALE, csatBack.apply("T4", 1, 1));
  }

  private static List<Long> sortedCopy(List<Long> values) {
    List<Long> copy = new ArrayList<>(values);
    Collections.sort(copy);
    return copy;
  }
}
