package dev.servicekit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.kpi.HandleTimeAccumulator;
import dev.servicekit.kpi.KeyCodec;
import dev.servicekit.kpi.OutcomeAccumulator;
import dev.servicekit.kpi.PercentileAccumulator;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.kpi.RepeatContactTracker;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import dev.servicekit.kpi.WindowedKpi;
import dev.servicekit.qa.Answer;
import dev.servicekit.qa.Checklist;
import dev.servicekit.qa.ChecklistJson;
import dev.servicekit.qa.ChecklistRegistry;
import dev.servicekit.qa.Criterion;
import dev.servicekit.qa.Criticality;
import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.EvaluationJson;
import dev.servicekit.qa.Scale;
import dev.servicekit.qa.ScoreBands;
import dev.servicekit.qa.ScoreResult;
import dev.servicekit.qa.ScoringMode;
import dev.servicekit.qa.Section;
import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.CalendarJson;
import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaClockSnapshot;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicyJson;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TimeRange;
import dev.servicekit.sla.queue.PriorityLevels;
import dev.servicekit.sla.queue.QueuePolicy;
import dev.servicekit.sla.queue.SlaUrgency;
import dev.servicekit.sla.queue.WorkItem;
import dev.servicekit.sla.queue.WorkQueue;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A CRM developer's trial of servicekit, written from the README and the public Javadoc alone: a
 * help desk with a Berlin team and a New York team, each on its own business hours (weekdays
 * 09:00-17:00 local) with a public holiday on Monday 25 May 2026 (Whit Monday in Germany, Memorial
 * Day in the USA); first-response and resolution SLAs per priority, resolution paused while waiting
 * on the customer; a queue ordered by urgency; a weekly dashboard per team (CSAT, FCR, AHT p90, SLA
 * compliance); QA scorecards with a critical criterion; and every piece of state saved as JSON in
 * "the database" (a map of text columns) and restored.
 *
 * <p>Every figure below is worked out by hand in a comment from the README's rules. Berlin is UTC+2
 * (CEST) and New York UTC-4 (EDT) all week; "B" tickets are Berlin's, "N" tickets New York's.
 */
class NewUserCrmTrialTest {

  // --- configuration, as the CRM stores it --------------------------------------------------

  /** The Berlin calendar as JSON (the CRM's admin screen writes it). */
  private static final String BERLIN_JSON =
      """
      {"id": "berlin", "zone": "Europe/Berlin",
       "week": {"MONDAY": ["09:00-17:00"], "TUESDAY": ["09:00-17:00"],
                "WEDNESDAY": ["09:00-17:00"], "THURSDAY": ["09:00-17:00"],
                "FRIDAY": ["09:00-17:00"]},
       "holidays": ["2026-05-25"]}
      """;

  /**
   * The policy set as JSON: one policy, a priority the CRM sets (the matrix gives "normal" until it
   * does), both metrics on the ticket's team calendar under the key "team".
   */
  private static final String POLICY_JSON =
      """
      {"statuses": ["new", "open", "waiting-on-customer", "solved", "closed"],
       "solvedStatuses": ["solved", "closed"],
       "initialStatus": "new",
       "defaultPolicy": {
         "name": "helpdesk",
         "matrix": {"default": "normal"},
         "targets": {
           "urgent": {"*": {"first_response": "PT1H", "resolution": "PT4H"}},
           "high":   {"*": {"first_response": "PT2H", "resolution": "PT8H"}},
           "normal": {"*": {"first_response": "PT4H", "resolution": "PT16H"}},
           "low":    {"*": {"first_response": "PT8H", "resolution": "PT40H"}}
         },
         "metrics": [
           {"metric": "first_response", "calendar": "team"},
           {"metric": "resolution", "calendar": "team", "pauseOn": ["waiting-on-customer"]}
         ]}}
      """;

  private static final ZoneId NEW_YORK_ZONE = ZoneId.of("America/New_York");
  private static final LocalDate HOLIDAY = LocalDate.of(2026, 5, 25);

  /** The New York calendar, built in code. */
  private static BusinessCalendar newYork() {
    return BusinessCalendar.builder(NEW_YORK_ZONE)
        .id("new-york")
        .weekdays(TimeRange.parse("09:00-17:00"))
        .holiday(HOLIDAY)
        .build();
  }

  private static Instant at(String utc) {
    return Instant.parse(utc);
  }

  // --- the tickets --------------------------------------------------------------------------

  /** One ticket of the trial: its team, customer and events. */
  private record Ticket(String id, String team, String customer, List<TicketEvent> events) {}

  private static final class TicketLog {
    private final String id;
    private final List<TicketEvent> events = new ArrayList<>();
    private int n;

    TicketLog(String id) {
      this.id = id;
    }

    private String next() {
      return id + "-" + ++n;
    }

    TicketLog created(String utc, String priority) {
      Instant t = at(utc);
      events.add(
          TicketEvent.Created.byCustomer(id, next(), t, Map.of("channel", "email"), Set.of()));
      if (priority != null) {
        // the CRM's own priority field, sent at the creation's instant (README: "sends its
        // initial value as a PriorityChanged at the creation's instant")
        events.add(new TicketEvent.PriorityChanged(id, next(), t, priority));
      }
      return this;
    }

    TicketLog reply(String utc) {
      events.add(TicketEvent.AgentReply.publicReply(id, next(), at(utc)));
      return this;
    }

    TicketLog customer(String utc) {
      events.add(new TicketEvent.CustomerMessage(id, next(), at(utc)));
      return this;
    }

    TicketLog status(String utc, String status) {
      events.add(new TicketEvent.StatusChanged(id, next(), at(utc), status));
      return this;
    }

    List<TicketEvent> events() {
      return List.copyOf(events);
    }
  }

  /**
   * The week's tickets. Targets: urgent 1 h / 4 h, high 2 h / 8 h, normal 4 h / 16 h, low 8 h / 40
   * h (first response / resolution), business hours 09:00-17:00 local, Monday 25 May closed.
   */
  private static List<Ticket> tickets() {
    return List.of(
        // B1 urgent, Fri 22 May 16:30 CEST. First response 1 h: 30 min Friday, Monday is the
        // holiday, 30 min Tuesday: due Tue 26 May 09:30 CEST (07:30Z); replied 09:10 (met, 40 min).
        // Resolution 4 h: Fri 30 min + Tue 09:00-09:10, paused 09:10-13:00 waiting on the
        // customer, then 13:00-15:00: 2 h 40 min, met at 15:00 CEST (13:00Z); had it kept counting,
        // the remaining 1 h 20 min would end at 16:20 CEST (14:20Z).
        new Ticket(
            "B1",
            "berlin",
            "c-anna",
            new TicketLog("B1")
                .created("2026-05-22T14:30:00Z", "urgent")
                .reply("2026-05-26T07:10:00Z")
                .status("2026-05-26T07:10:00Z", "waiting-on-customer")
                .customer("2026-05-26T11:00:00Z")
                .status("2026-05-26T11:00:00Z", "open")
                .reply("2026-05-26T12:00:00Z")
                .status("2026-05-26T13:00:00Z", "solved")
                .events()),
        // B2 no priority field: the matrix default, normal. Tue 26 May 10:00 CEST (08:00Z). First
        // response 4 h: due 14:00 CEST (12:00Z), replied 15:00 CEST: breached. Resolution 16 h:
        // Tue 7 h + Wed 8 h + Thu 1 h: due Thu 28 May 10:00 CEST (08:00Z); solved Wed 16:30 CEST
        // (14:30Z) after 7 h + 7 h 30 min = 14 h 30 min: met.
        new Ticket(
            "B2",
            "berlin",
            "c-bernd",
            new TicketLog("B2")
                .created("2026-05-26T08:00:00Z", null)
                .reply("2026-05-26T13:00:00Z")
                .status("2026-05-27T14:30:00Z", "solved")
                .events()),
        // B3 low, Wed 27 May 09:00 CEST (07:00Z), c-anna again (a repeat contact of B1 within 7
        // days). First response 8 h: exactly Wednesday's hours, due at the 17:00 close (15:00Z);
        // replied 16:30 CEST: met. Resolution 40 h: Wed, Thu, Fri (24 h), Mon 1 June (32 h), Tue 2
        // June 17:00 CEST: still open at the end of the week.
        new Ticket(
            "B3",
            "berlin",
            "c-anna",
            new TicketLog("B3")
                .created("2026-05-27T07:00:00Z", "low")
                .reply("2026-05-27T14:30:00Z")
                .events()),
        // N1 high, Tue 26 May 16:00 EDT (20:00Z). First response 2 h: 1 h Tuesday, 1 h Wednesday:
        // due Wed 10:00 EDT (14:00Z); replied 09:30 EDT (13:30Z): met, and waiting on the customer
        // from then. Resolution 8 h: Tue 1 h + Wed 30 min, paused until the customer writes Thu
        // 11:00 EDT (15:00Z), solved Thu 15:00 EDT (19:00Z): 1 h 30 + 4 h = 5 h 30 min, met; the
        // remaining 2 h 30 min would have ended Fri 29 May 09:30 EDT (13:30Z).
        new Ticket(
            "N1",
            "new-york",
            "c-carl",
            new TicketLog("N1")
                .created("2026-05-26T20:00:00Z", "high")
                .reply("2026-05-27T13:30:00Z")
                .status("2026-05-27T13:30:00Z", "waiting-on-customer")
                .customer("2026-05-28T15:00:00Z")
                .status("2026-05-28T15:00:00Z", "open")
                .status("2026-05-28T19:00:00Z", "solved")
                .events()),
        // N2 urgent, Thu 28 May 16:30 EDT (20:30Z). First response 1 h: 30 min Thursday, 30 min
        // Friday: due Fri 09:30 EDT (13:30Z); replied 10:00 EDT: breached. Resolution 4 h: solved
        // Fri 12:00 EDT (16:00Z) after 30 min + 3 h = 3 h 30 min: met.
        new Ticket(
            "N2",
            "new-york",
            "c-dora",
            new TicketLog("N2")
                .created("2026-05-28T20:30:00Z", "urgent")
                .reply("2026-05-29T14:00:00Z")
                .status("2026-05-29T16:00:00Z", "solved")
                .events()),
        // N3 normal, Wed 27 May 09:00 EDT (13:00Z), c-carl again (repeat of N1). First response
        // 4 h: due Wed 13:00 EDT (17:00Z); replied Thu 10:00 EDT (14:00Z): breached. Resolution 16
        // h: Wed 8 h + Thu 8 h, due Thu 17:00 EDT; solved Thu 16:00 EDT (20:00Z) after 15 h: met.
        new Ticket(
            "N3",
            "new-york",
            "c-carl",
            new TicketLog("N3")
                .created("2026-05-27T13:00:00Z", "normal")
                .reply("2026-05-28T14:00:00Z")
                .status("2026-05-28T20:00:00Z", "solved")
                .events()));
  }

  /** The end of the week in both zones (Sunday 31 May is over in New York at 04:00Z on 1 June). */
  private static final Instant END_OF_WEEK = at("2026-06-01T04:00:00Z");

  // --- the application ----------------------------------------------------------------------

  /** "The database": one text column per row key. */
  private final Map<String, String> db = new LinkedHashMap<>();

  private final SlaPolicySet policies = SlaPolicyJson.read(POLICY_JSON);
  private final Map<String, Map<String, BusinessCalendar>> calendarsByTeam =
      Map.of(
          "berlin", Map.of("team", CalendarJson.read(BERLIN_JSON)),
          "new-york", Map.of("team", newYork()));

  private SlaClock clockOf(Ticket t) {
    SlaClock clock = SlaClock.of(policies, calendarsByTeam.get(t.team()), t.id());
    t.events().forEach(clock::accept);
    return clock;
  }

  private static MetricCycle cycle(SlaEvaluation ev, SlaMetric metric) {
    return ev.latest(metric).orElseThrow(() -> new AssertionError("no " + metric));
  }

  @Test
  void slaClocksFollowBothTeamsHoursTheHolidayAndTheWaitingOnCustomerPause() {
    Map<String, SlaEvaluation> ev = new LinkedHashMap<>();
    for (Ticket t : tickets()) {
      ev.put(t.id(), clockOf(t).evaluate(END_OF_WEEK));
    }

    MetricCycle b1Reply = cycle(ev.get("B1"), SlaMetric.firstResponse());
    assertEquals(CycleState.ACHIEVED, b1Reply.state());
    assertEquals(Optional.of(at("2026-05-26T07:30:00Z")), b1Reply.deadline());
    assertEquals(Duration.ofMinutes(40), b1Reply.elapsed());
    MetricCycle b1Resolution = cycle(ev.get("B1"), SlaMetric.resolution());
    assertEquals(CycleState.ACHIEVED, b1Resolution.state());
    assertEquals(Duration.ofMinutes(160), b1Resolution.elapsed());
    assertEquals(Duration.ofMinutes(230), b1Resolution.pausedTime()); // 09:10-13:00
    assertEquals(Optional.of(at("2026-05-26T14:20:00Z")), b1Resolution.deadline());

    assertEquals(Optional.of("normal"), ev.get("B2").priority());
    MetricCycle b2Reply = cycle(ev.get("B2"), SlaMetric.firstResponse());
    assertEquals(CycleState.BREACHED, b2Reply.state());
    assertEquals(Optional.of(at("2026-05-26T12:00:00Z")), b2Reply.deadline());
    assertEquals(Duration.ofHours(1), b2Reply.breachedBy());
    MetricCycle b2Resolution = cycle(ev.get("B2"), SlaMetric.resolution());
    assertEquals(CycleState.ACHIEVED, b2Resolution.state());
    assertEquals(Duration.ofMinutes(14 * 60 + 30), b2Resolution.elapsed());

    assertEquals(
        Optional.of(at("2026-05-27T15:00:00Z")),
        cycle(ev.get("B3"), SlaMetric.firstResponse()).deadline());
    MetricCycle b3Resolution = cycle(ev.get("B3"), SlaMetric.resolution());
    assertEquals(CycleState.ACTIVE, b3Resolution.state());
    assertEquals(Optional.of(at("2026-06-02T15:00:00Z")), b3Resolution.deadline());

    MetricCycle n1Resolution = cycle(ev.get("N1"), SlaMetric.resolution());
    assertEquals(CycleState.ACHIEVED, n1Resolution.state());
    assertEquals(Duration.ofMinutes(330), n1Resolution.elapsed());
    assertEquals(Optional.of(at("2026-05-29T13:30:00Z")), n1Resolution.deadline());

    MetricCycle n2Reply = cycle(ev.get("N2"), SlaMetric.firstResponse());
    assertEquals(CycleState.BREACHED, n2Reply.state());
    assertEquals(Optional.of(at("2026-05-29T13:30:00Z")), n2Reply.deadline());
    assertEquals(Duration.ofMinutes(210), cycle(ev.get("N2"), SlaMetric.resolution()).elapsed());

    assertEquals(CycleState.BREACHED, cycle(ev.get("N3"), SlaMetric.firstResponse()).state());
    assertEquals(Duration.ofHours(15), cycle(ev.get("N3"), SlaMetric.resolution()).elapsed());
  }

  @Test
  void theQueueOrdersOpenTicketsOfBothTeamsByTheirEarliestRunningDeadline() {
    // Wed 27 May 14:00Z = 16:00 Berlin = 10:00 New York.
    Instant now = at("2026-05-27T14:00:00Z");
    PriorityLevels levels =
        PriorityLevels.of("urgent", "high", "normal", "low").requireCovers(policies);
    WorkQueue queue = WorkQueue.create(QueuePolicy.earliestDeadlineFirst(), levels);
    for (Ticket t : tickets()) {
      SlaClock clock = clockOf(t);
      if (t.events().get(0).at().isAfter(now)) {
        continue; // not created yet (N2)
      }
      SlaEvaluation ev = clock.evaluate(now); // as of now: later events do not count
      queue.offer(
          WorkItem.builder(t.id(), "email", t.events().get(0).at())
              .urgency(SlaUrgency.of(ev), levels)
              .build());
      queue.apply(t.id(), ev, policies); // solved: removed; waiting on the customer: paused
    }
    // B1 solved Tuesday: gone. N1 waits on the customer since 09:30 New York: paused.
    // B3 first response due 15:00Z, N3 first response due 17:00Z, B2 resolution due Thu 08:00Z.
    assertEquals(List.of("B3", "N3", "B2"), queue.items().stream().map(WorkItem::id).toList());
    assertTrue(queue.isPaused("N1"));
    assertEquals(1, queue.pausedCount());
    assertEquals(3, queue.get("B3").orElseThrow().priority()); // low
  }

  @Test
  void theWeeklyDashboardPerTeam() {
    // One table per KPI; the week is each team's local week (Monday 00:00 local).
    Map<String, ZoneId> zones =
        Map.of("berlin", ZoneId.of("Europe/Berlin"), "new-york", NEW_YORK_ZONE);
    Map<String, Dashboard> dashboards = new LinkedHashMap<>();
    zones.forEach((team, zone) -> dashboards.put(team, new Dashboard(zone)));

    // SLA compliance: every cycle that ended (met or breached), at the instant it ended.
    for (Ticket t : tickets()) {
      Dashboard d = dashboards.get(t.team());
      for (MetricCycle c : clockOf(t).evaluate(END_OF_WEEK).cycles()) {
        if (c.state() == CycleState.ACHIEVED || c.state() == CycleState.BREACHED) {
          Instant ended = c.stop().orElseThrow();
          d.sla.record(t.team(), ended, a -> a.add(c.state() == CycleState.ACHIEVED));
        }
      }
      d.fcr.contact(t.customer(), t.events().get(0).at());
    }
    // CSAT on 1-5 (4 and 5 satisfied): B1 5, B2 2; N1 4, N2 3, N3 5.
    record(dashboards, "berlin", "2026-05-26T15:00:00Z", 5);
    record(dashboards, "berlin", "2026-05-28T09:00:00Z", 2);
    record(dashboards, "new-york", "2026-05-28T20:00:00Z", 4);
    record(dashboards, "new-york", "2026-05-29T17:00:00Z", 3);
    record(dashboards, "new-york", "2026-05-29T18:00:00Z", 5);
    // Handle times (talk, hold, after-call work) of the week's calls.
    handled(dashboards, "berlin", "2026-05-26T10:00:00Z", 4, 6, 8, 10, 30);
    handled(dashboards, "new-york", "2026-05-27T15:00:00Z", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

    Dashboard berlin = dashboards.get("berlin");
    Instant berlinWeek = at("2026-05-24T22:00:00Z"); // Mon 25 May 00:00 CEST
    assertEquals(berlinWeek, berlin.spec.start(at("2026-05-27T12:00:00Z")));
    // Berlin cycles that ended in the week: B1 first response and resolution met, B2 first
    // response breached and resolution met, B3 first response met: 4 of 5.
    assertEquals(
        80.0,
        berlin
            .sla
            .window("berlin", berlinWeek)
            .orElseThrow()
            .result()
            .positivePercent()
            .orElseThrow(),
        1e-9);
    // CSAT: 1 of 2 satisfied.
    assertEquals(
        50.0,
        berlin
            .csat
            .window("berlin", berlinWeek)
            .orElseThrow()
            .result()
            .satisfiedPercent()
            .orElseThrow(),
        1e-9);
    // AHT p90 of 5 handle times {4, 6, 8, 10, 30} min: rank floor(0.9 * 4) = 3, 10 min, within
    // the sketch's 1 %.
    double p90 =
        berlin.ahtP90.window("berlin", berlinWeek).orElseThrow().quantileMillis(0.9).orElseThrow();
    assertEquals(600_000, p90, 6_000);
    // AHT: 58 min / 5 = 11 min 36 s.
    assertEquals(
        696_000,
        berlin
            .aht
            .window("berlin", berlinWeek)
            .orElseThrow()
            .result()
            .averageHandleMillis()
            .orElseThrow(),
        1e-6);
    // FCR within 7 days: c-anna's B1 (Fri 22 May) was followed by B3 (Wed 27 May): a repeat;
    // B2 and B3 resolved. 2 of 3 contacts. The tracker has no windows: this is all-time.
    assertEquals(2.0 * 100 / 3, berlin.fcr.result().positivePercent().orElseThrow(), 1e-9);

    Dashboard ny = dashboards.get("new-york");
    Instant nyWeek = at("2026-05-25T04:00:00Z"); // Mon 25 May 00:00 EDT
    // New York: N1 both met, N2 first response breached and resolution met, N3 first response
    // breached and resolution met: 4 of 6.
    assertEquals(
        4.0 * 100 / 6,
        ny.sla.window("new-york", nyWeek).orElseThrow().result().positivePercent().orElseThrow(),
        1e-9);
    assertEquals(
        2.0 * 100 / 3,
        ny.csat.window("new-york", nyWeek).orElseThrow().result().satisfiedPercent().orElseThrow(),
        1e-9);
    // p90 of 1..10 min: rank floor(0.9 * 9) = 8, 9 min.
    assertEquals(
        540_000,
        ny.ahtP90.window("new-york", nyWeek).orElseThrow().quantileMillis(0.9).orElseThrow(),
        5_400);
    // c-carl's N1 followed by N3 the next day: 2 of 3.
    assertEquals(2.0 * 100 / 3, ny.fcr.result().positivePercent().orElseThrow(), 1e-9);

    // Weekly FCR as the README says: each contact's outcome once its 7 days have passed (the
    // last, N2's, on 4 June), recorded at the contact's instant.
    // Berlin's week holds B2 and B3, both resolved (B1, the repeat, is in the week before):
    // 100 %. New York's holds N1 (repeated by N3), N2 and N3: 2 of 3.
    for (Ticket t : tickets()) {
      Instant contact = t.events().get(0).at();
      boolean repeated =
          tickets().stream()
              .map(u -> u.customer().equals(t.customer()) ? u.events().get(0).at() : null)
              .anyMatch(
                  u ->
                      u != null
                          && u.isAfter(contact)
                          && !u.isAfter(contact.plus(Duration.ofDays(7))));
      dashboards.get(t.team()).weeklyFcr.record(t.team(), contact, a -> a.add(!repeated));
    }
    assertEquals(
        100.0,
        berlin
            .weeklyFcr
            .window("berlin", berlinWeek)
            .orElseThrow()
            .result()
            .positivePercent()
            .orElseThrow(),
        1e-9);
    assertEquals(
        0.0,
        berlin
            .weeklyFcr
            .window("berlin", berlinWeek.minus(Duration.ofDays(7)))
            .orElseThrow()
            .result()
            .positivePercent()
            .orElseThrow(),
        1e-9);
    assertEquals(
        2.0 * 100 / 3,
        ny.weeklyFcr
            .window("new-york", nyWeek)
            .orElseThrow()
            .result()
            .positivePercent()
            .orElseThrow(),
        1e-9);

    // Saved as JSON and restored: the same figures.
    db.put("dashboard/berlin/sla", berlin.sla.toJson(KeyCodec.strings()));
    db.put("dashboard/berlin/fcr", berlin.fcr.toJson(KeyCodec.strings()));
    WindowedKpi<String, OutcomeAccumulator> sla =
        WindowedKpi.fromJson(
            db.get("dashboard/berlin/sla"),
            OutcomeAccumulator::create,
            OutcomeAccumulator.class,
            KeyCodec.strings());
    assertEquals(
        berlin.sla.window("berlin", berlinWeek).orElseThrow().result(),
        sla.window("berlin", berlinWeek).orElseThrow().result());
    RepeatContactTracker<String> fcr =
        RepeatContactTracker.fromJson(db.get("dashboard/berlin/fcr"), KeyCodec.strings());
    assertEquals(berlin.fcr.result(), fcr.result());
  }

  /** One team's weekly tables. */
  private static final class Dashboard {
    final WindowSpec spec;
    final WindowedKpi<String, OutcomeAccumulator> sla;
    final WindowedKpi<String, RatingAccumulator> csat;
    final WindowedKpi<String, PercentileAccumulator> ahtP90;
    final WindowedKpi<String, HandleTimeAccumulator> aht;
    final RepeatContactTracker<String> fcr = RepeatContactTracker.create(Duration.ofDays(7));
    final WindowedKpi<String, OutcomeAccumulator> weeklyFcr;

    Dashboard(ZoneId zone) {
      spec = WindowSpec.of(WindowUnit.WEEK, zone);
      Duration lateness = Duration.ofDays(7);
      sla = WindowedKpi.create(OutcomeAccumulator::create, spec, lateness);
      Supplier<RatingAccumulator> csatScale =
          () -> RatingAccumulator.create(RatingScale.csatFivePoint());
      csat = WindowedKpi.create(csatScale, spec, lateness);
      ahtP90 = WindowedKpi.create(PercentileAccumulator::create, spec, lateness);
      aht = WindowedKpi.create(HandleTimeAccumulator::create, spec, lateness);
      weeklyFcr = WindowedKpi.create(OutcomeAccumulator::create, spec, lateness);
    }
  }

  private static void record(Map<String, Dashboard> d, String team, String utc, int rating) {
    d.get(team).csat.recordInt(team, at(utc), RatingAccumulator::add, rating);
  }

  private static void handled(Map<String, Dashboard> d, String team, String utc, int... minutes) {
    for (int m : minutes) {
      // talk m - 1 min, hold 30 s, after-call work 30 s: handle m min
      Duration talk = Duration.ofMinutes(m).minusMinutes(1);
      Duration hold = Duration.ofSeconds(30);
      d.get(team).aht.record(team, at(utc), a -> a.add(talk, hold, hold));
      d.get(team).ahtP90.record(team, at(utc), a -> a.add(Duration.ofMinutes(m)));
    }
  }

  @Test
  void qaScorecardWithACriticalCriterion() {
    Checklist checklist =
        Checklist.builder("support-email", 1)
            .mode(ScoringMode.WEIGHTED_CRITERIA)
            .section(
                Section.of(
                    "email",
                    100,
                    List.of(
                        Criterion.builder("greeting").build(),
                        Criterion.builder("identity-verified")
                            .criticality(Criticality.FAIL_FORM)
                            .build(),
                        Criterion.builder("solution").weight(3).scale(Scale.rating(5)).build(),
                        Criterion.builder("empathy").scale(Scale.threeLevel()).build())))
            .bands(
                ScoreBands.builder()
                    .band("coaching", 0, "1:1 coaching")
                    .band("ok", 80, "none")
                    .build())
            .build();
    Instant reviewed = at("2026-05-29T10:00:00Z");
    // greeting 1/1, identity 1/1, solution "4" = 3 of 4 points, empathy partial = 1 of 2:
    // (1 + 1 + 3 * 0.75 + 0.5) / 6 = 4.75 / 6 = 79.1666... -> 79.17, band "coaching".
    Evaluation good =
        Evaluation.of(
            checklist,
            "B2",
            "agent-jonas",
            "qa-lead",
            reviewed,
            Map.of(
                "greeting", Answer.of("yes"),
                "identity-verified", Answer.of("yes"),
                "solution", Answer.of("4"),
                "empathy", Answer.of("partial")));
    ScoreResult r = good.result();
    assertEquals(new BigDecimal("79.17"), r.score().orElseThrow());
    assertEquals("coaching", r.band().orElseThrow().name());
    assertFalse(r.autoFailed());
    // The same answers but identity not verified: the critical criterion zeroes the form.
    Evaluation failed =
        Evaluation.of(
            checklist,
            "N3",
            "agent-mia",
            "qa-lead",
            reviewed,
            Map.of(
                "greeting", Answer.of("yes"),
                "identity-verified", Answer.of("no"),
                "solution", Answer.of("5"),
                "empathy", Answer.of("full")));
    assertTrue(failed.result().autoFailed());
    assertEquals(0, failed.result().score().orElseThrow().signum());
    // base score: (1 + 0 + 3 + 1) / 6 = 83.33
    assertEquals(new BigDecimal("83.33"), failed.result().baseScore().orElseThrow());
    assertEquals(
        List.of("identity-verified"),
        failed.result().criticalFailures().stream().map(c -> c.criterionId()).toList());

    // Saved as JSON and restored.
    db.put("qa/checklist/support-email/1", ChecklistJson.write(checklist));
    db.put("qa/evaluation/N3", EvaluationJson.write(failed));
    Checklist storedChecklist = ChecklistJson.read(db.get("qa/checklist/support-email/1"));
    assertEquals(checklist, storedChecklist);
    Evaluation storedEvaluation =
        EvaluationJson.read(db.get("qa/evaluation/N3"), ChecklistRegistry.of(storedChecklist));
    assertEquals(failed.result(), storedEvaluation.result());
  }

  @Test
  void everyPieceOfStateRoundTripsThroughJsonInTheDatabase() {
    // configuration
    db.put("config/policies", SlaPolicyJson.write(policies));
    db.put("config/calendar/berlin", CalendarJson.write(calendarsByTeam.get("berlin").get("team")));
    db.put(
        "config/calendar/new-york",
        CalendarJson.write(calendarsByTeam.get("new-york").get("team")));
    SlaPolicySet storedPolicies = SlaPolicyJson.read(db.get("config/policies"));
    assertEquals(policies, storedPolicies);
    assertEquals(
        calendarsByTeam.get("new-york").get("team"),
        CalendarJson.read(db.get("config/calendar/new-york")));

    // clocks: saved after every event, as a request handler does, restored before the next
    for (Ticket t : tickets()) {
      Map<String, BusinessCalendar> calendars =
          Map.of("team", CalendarJson.read(db.get("config/calendar/" + t.team())));
      for (TicketEvent e : t.events()) {
        String row = db.get("clock/" + t.id());
        SlaClock clock =
            row == null
                ? SlaClock.of(storedPolicies, calendars, t.id())
                : SlaClockSnapshot.fromJson(storedPolicies, calendars, row);
        clock.accept(e);
        db.put("clock/" + t.id(), SlaClockSnapshot.toJson(clock));
      }
      SlaEvaluation restored =
          SlaClockSnapshot.fromJson(storedPolicies, calendars, db.get("clock/" + t.id()))
              .evaluate(END_OF_WEEK);
      assertEquals(clockOf(t).evaluate(END_OF_WEEK), restored, t.id());
    }
  }
}
