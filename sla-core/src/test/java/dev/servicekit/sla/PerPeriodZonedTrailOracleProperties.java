package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@link ScheduleRule#PER_PERIOD} with a ticket's calendar changing several times across DST
 * changes and holidays, for resolution and a stage (entry and re-entry by its {@link ReopenRule},
 * paused in one of its statuses, optionally {@code stopOn}), against an oracle written from the
 * javadoc of {@link ScheduleRule}, {@link StageDefinition} and {@link CycleSegment} and the README
 * ("SLA outputs, the breach instant and the audit trail", "Reopening"). The calendars are random
 * real calendars in DST zones (lunch breaks, night shifts, holidays, shortened and transferred
 * days) whose business time comes from the brute-force {@link Oracle}, not from the engine.
 *
 * <p>The oracle splits the time since creation at every update: in each piece the ticket has one
 * status and one schedule (the calendar of the policy its {@code schedule} attribute selects), and
 * a cycle counts the piece's business time on that schedule iff it runs in it. A cycle's target is
 * used up at the earliest instant {@code u} where that sum reaches the target. It is due at the
 * first instant at or after {@code u} at which it runs (not paused, not stopped); under {@link
 * ClosingRule#AT_NEXT_OPENING} at which it runs and the schedule in force then is open, or, if no
 * schedule in force opens again from some instant it runs at, at that instant. It breaches there
 * under {@link BreachRule#AT_DEADLINE} and one nanosecond later under {@link
 * BreachRule#AFTER_DEADLINE}. Every cycle's trail is contiguous from its start to the evaluation
 * instant, each segment of one kind and (while running or paused) one schedule and policy, its
 * business time the oracle's on that schedule, opened and closed by events at its bounds, and the
 * cycle's durations are the sums of its segments. The same holds at an earlier as-of instant, and
 * for a live clock fed the events in a random order with decoys accepted and retracted and events
 * first accepted with other content and then replaced. With no warnings configured, the
 * evaluation's next transition is the first breach to come of the cycles that run on with target
 * left. A quarter of the tries use {@link ScheduleRule#LAST_SCHEDULE} instead, where every piece
 * counts on the calendar in force last (at the stop for a stopped cycle) while each segment still
 * names the policy in force in it. Updates fall on quarter hours or, in a third of the tries, on
 * multiples of a random number of seconds.
 */
class PerPeriodZonedTrailOracleProperties {

  static final String[] STATUSES = {"new", "open", "wip", "blocked", "pending", "solved"};
  static final String[] CALS = {"c0", "c1", "c2"};
  static final String[] POLICIES = {"p0", "p1", "p2"};

  /** Dates a few days before DST changes of 2026 (US, EU, southern hemisphere). */
  static final LocalDate[] BASES = {
    LocalDate.of(2026, 3, 5),
    LocalDate.of(2026, 3, 26),
    LocalDate.of(2026, 4, 2),
    LocalDate.of(2026, 9, 24),
    LocalDate.of(2026, 10, 1),
    LocalDate.of(2026, 10, 22),
    LocalDate.of(2026, 10, 29)
  };

  static final int SLOTS = 4 * 24 * 7; // a week of 15-minute slots

  /** An update in the oracle's terms: at slot {@code slot}, a status or a schedule. */
  record Upd(int slot, String status, Integer schedule, String id) {}

  /** One piece of the timeline: [from, to) with one status and schedule. */
  record Piece(Instant from, Instant to, String status, int schedule, int policy) {}

  enum K {
    RUN,
    PAUSE,
    STOP
  }

  /** An oracle cycle: its kind in each piece from its start (STOP after it stopped). */
  static final class OCycle {
    final Instant start;
    final List<K> kinds = new ArrayList<>(); // per piece index from firstPiece
    final int firstPiece;
    Instant stop; // last stop, null while open
    boolean cancelled;

    OCycle(Instant start, int firstPiece) {
      this.start = start;
      this.firstPiece = firstPiece;
    }
  }

  @Property(tries = 200)
  void perPeriodStagesAndTrailsAgreeWithTheOracle(@ForAll long seed) {
    Random r = new Random(seed);
    LocalDate base = BASES[r.nextInt(BASES.length)];
    LocalDate from = base.minusDays(2);
    LocalDate to = base.plusDays(40);
    CalendarSpec[] specs = new CalendarSpec[3];
    Oracle[] oracles = new Oracle[3];
    Map<String, BusinessCalendar> calendars = new HashMap<>();
    for (int c = 0; c < 3; c++) {
      ZoneId zone = RandomCalendars.zone(r);
      int kind = 1 + r.nextInt(RandomCalendars.KINDS.length - 1); // not 24/7
      specs[c] = RandomCalendars.spec(r, kind, zone, base, base.plusDays(9));
      oracles[c] = new Oracle(specs[c], from, to);
      calendars.put(CALS[c], specs[c].build());
    }
    ReopenRule reentry = ReopenRule.values()[r.nextInt(3)];
    boolean stopOn = r.nextBoolean();
    StageDefinition stage = new StageDefinition("work", Set.of("wip", "blocked"), reentry);
    if (stopOn) {
      stage = stage.stopOn("solved", "pending");
    }
    // Quarter hours, so targets are often used up exactly at a close or at an update.
    Duration resolutionTarget = Duration.ofMinutes(15L * (1 + r.nextInt(4 * 40)));
    Duration stageTarget = Duration.ofMinutes(15L * (1 + r.nextInt(4 * 12)));
    ScheduleRule scheduleRule =
        r.nextInt(4) == 0 ? ScheduleRule.LAST_SCHEDULE : ScheduleRule.PER_PERIOD;
    BreachRule breachRule = BreachRule.values()[r.nextInt(BreachRule.values().length)];
    ClosingRule closingRule = ClosingRule.values()[r.nextInt(ClosingRule.values().length)];
    SlaPolicySet.Builder sb =
        SlaPolicySet.builder()
            .statuses(STATUSES)
            .solvedStatuses("solved")
            .stage(stage)
            .scheduleRule(scheduleRule)
            .breachRule(breachRule)
            .closingRule(closingRule);
    SlaPolicy[] policies = new SlaPolicy[3];
    for (int c = 0; c < 3; c++) {
      SlaPolicy.Builder p =
          SlaPolicy.builder(POLICIES[c])
              .matrix(PriorityMatrix.constant("normal"))
              .target("normal", SlaMetric.resolution(), resolutionTarget)
              .target("normal", stage.metric(), stageTarget)
              .rule(
                  MetricRule.builder(SlaMetric.resolution())
                      .calendar(CALS[c])
                      .pauseOn("pending")
                      .build())
              .rule(
                  MetricRule.builder(stage.metric()).calendar(CALS[c]).pauseOn("blocked").build());
      if (c > 0) {
        p.when(MatchCondition.always().withAttribute("schedule", CALS[c]));
      }
      policies[c] = p.build();
    }
    SlaPolicySet set =
        sb.policy(policies[1]).policy(policies[2]).defaultPolicy(policies[0]).build();

    // Updates on quarter hours (targets and calendars line up with them) or on odd seconds.
    long unit = r.nextInt(3) == 0 ? 1 + r.nextInt(900) : 900;
    Instant created =
        base.atStartOfDay(ZoneOffset.UTC)
            .toInstant()
            .plus(Duration.ofMinutes(15L * r.nextInt(192)));
    int initialSchedule = r.nextInt(3);
    List<TicketEvent> events = new ArrayList<>();
    events.add(
        TicketEvent.Created.byCustomer(
            "T",
            "e000",
            created,
            initialSchedule == 0 ? Map.of() : Map.of("schedule", CALS[initialSchedule]),
            Set.of()));
    // At most one status and one schedule update per slot, so no update is undone at its instant.
    Map<Integer, Upd> statusAt = new HashMap<>();
    Map<Integer, Upd> scheduleAt = new HashMap<>();
    int n = r.nextInt(40);
    for (int i = 0; i < n; i++) {
      int slot = 1 + r.nextInt(SLOTS);
      String id = String.format("e%03d", i + 1);
      Instant at = created.plus(Duration.ofSeconds(unit * slot));
      if (r.nextInt(3) == 0) {
        if (!scheduleAt.containsKey(slot)
            && (scheduleRule == ScheduleRule.PER_PERIOD || !statusAt.containsKey(slot))) {
          int s = r.nextInt(3);
          scheduleAt.put(slot, new Upd(slot, null, s, id));
          events.add(new TicketEvent.AttributeChanged("T", id, at, "schedule", CALS[s]));
        }
      } else if (!statusAt.containsKey(slot)
          && (scheduleRule == ScheduleRule.PER_PERIOD || !scheduleAt.containsKey(slot))) {
        String st = STATUSES[1 + r.nextInt(STATUSES.length - 1)];
        statusAt.put(slot, new Upd(slot, st, null, id));
        events.add(new TicketEvent.StatusChanged("T", id, at, st));
      }
    }
    Instant now = created.plus(Duration.ofSeconds(unit * r.nextInt(SLOTS + 8) + r.nextInt(900)));
    Instant asOf =
        created.plus(Duration.ofSeconds(unit * r.nextInt(SLOTS / 2) + (r.nextBoolean() ? 0 : 420)));
    String ctx =
        "seed "
            + seed
            + " specs "
            + List.of(specs)
            + " stage "
            + stage
            + " "
            + breachRule
            + " "
            + closingRule
            + " "
            + scheduleRule
            + " targets "
            + resolutionTarget
            + "/"
            + stageTarget
            + " created "
            + created
            + " initial "
            + initialSchedule
            + " events "
            + events;

    SlaClock batch = SlaClock.of(set, calendars, "T");
    for (TicketEvent e : events) {
      batch.accept(e);
    }
    // A live clock fed the events shuffled (late events), evaluated in between.
    List<TicketEvent> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, r);
    SlaClock live = SlaClock.of(set, calendars, "T");
    for (TicketEvent e : shuffled) {
      live.accept(e);
      if (r.nextInt(5) == 0
          && live.events().stream().anyMatch(x -> x instanceof TicketEvent.Created)) {
        live.evaluate(created.plus(Duration.ofMinutes(15L * r.nextInt(SLOTS)))).cycles();
      }
    }
    for (Instant at : new Instant[] {now, asOf}) {
      check(
          unit,
          batch,
          live,
          at,
          created,
          initialSchedule,
          statusAt,
          scheduleAt,
          stage,
          oracles,
          resolutionTarget,
          stageTarget,
          events,
          breachRule,
          closingRule,
          scheduleRule == ScheduleRule.LAST_SCHEDULE,
          ctx + " at " + at);
    }
  }

  private static void check(
      long unit,
      SlaClock batch,
      SlaClock live,
      Instant now,
      Instant created,
      int initialSchedule,
      Map<Integer, Upd> statusAt,
      Map<Integer, Upd> scheduleAt,
      StageDefinition stage,
      Oracle[] oracles,
      Duration resolutionTarget,
      Duration stageTarget,
      List<TicketEvent> events,
      BreachRule breachRule,
      ClosingRule closingRule,
      boolean lastSchedule,
      String ctx) {
    // The pieces: split at every update at or before now.
    List<Piece> pieces = new ArrayList<>();
    String status = "new";
    int sched = initialSchedule;
    Instant t = created;
    for (int slot = 1; slot <= SLOTS + 8; slot++) {
      Instant at = created.plus(Duration.ofSeconds(unit * slot));
      if (at.isAfter(now)) {
        break;
      }
      Upd su = statusAt.get(slot);
      Upd cu = scheduleAt.get(slot);
      if (su == null && cu == null) {
        continue;
      }
      pieces.add(new Piece(t, at, status, sched, sched));
      t = at;
      status = su != null ? su.status() : status;
      sched = cu != null ? cu.schedule() : sched;
    }
    pieces.add(new Piece(t, now, status, sched, sched));

    // Resolution: one cycle (RESUME); runs unless pending or solved, stopped while solved.
    OCycle res = new OCycle(created, 0);
    for (Piece p : pieces) {
      K k = p.status().equals("solved") ? K.STOP : p.status().equals("pending") ? K.PAUSE : K.RUN;
      res.kinds.add(k);
    }
    for (int i = 0; i < pieces.size(); i++) {
      boolean solvedHere = res.kinds.get(i) == K.STOP;
      boolean solvedBefore = i > 0 && res.kinds.get(i - 1) == K.STOP;
      if (solvedHere && !solvedBefore) {
        res.stop = pieces.get(i).from();
      }
      if (!solvedHere) {
        res.stop = null;
      }
    }
    // The stage, from the javadoc of StageDefinition and the README's "Reopening".
    List<OCycle> stageCycles = new ArrayList<>();
    OCycle last = null;
    String prev = null;
    for (int i = 0; i < pieces.size(); i++) {
      String st = pieces.get(i).status();
      boolean wasIn = prev != null && stage.statuses().contains(prev);
      boolean isIn = stage.statuses().contains(st);
      Instant at = pieces.get(i).from();
      if (wasIn && !isIn && last != null && last.stop == null) {
        last.stop = at;
        last.cancelled = !stage.stopsOn(st);
      } else if (!wasIn && isIn) {
        if (last == null || stage.reentry() == ReopenRule.RESTART) {
          last = new OCycle(at, i);
          stageCycles.add(last);
        } else if (stage.reentry() == ReopenRule.RESUME) {
          last.stop = null;
          last.cancelled = false;
        }
      }
      for (OCycle c : stageCycles) {
        if (i >= c.firstPiece) {
          boolean open = c == last && c.stop == null;
          c.kinds.add(!open ? K.STOP : st.equals("blocked") ? K.PAUSE : K.RUN);
        }
      }
      prev = st;
    }

    SlaEvaluation ev = batch.evaluate(now);
    assertEquals(ev.cycles(), live.evaluate(now).cycles(), "live clock: " + ctx);
    List<MetricCycle> resCycles = ev.cycles(SlaMetric.resolution());
    assertEquals(1, resCycles.size(), "resolution cycles: " + ctx);
    List<Instant> nexts = new ArrayList<>();
    nexts.add(
        compare(
            batch,
            live,
            resCycles.get(0),
            res,
            pieces,
            oracles,
            resolutionTarget,
            now,
            events,
            breachRule,
            closingRule,
            lastSchedule,
            "resolution: " + ctx));
    List<MetricCycle> sc = ev.cycles(stage.metric());
    assertEquals(stageCycles.size(), sc.size(), "stage cycles " + sc + ": " + ctx);
    for (int i = 0; i < sc.size(); i++) {
      nexts.add(
          compare(
              batch,
              live,
              sc.get(i),
              stageCycles.get(i),
              pieces,
              oracles,
              stageTarget,
              now,
              events,
              breachRule,
              closingRule,
              lastSchedule,
              "stage cycle " + i + ": " + ctx));
    }
    // No warnings or escalations: the next transition is the first breach to come.
    if (!nexts.contains(UNKNOWN)) {
      Instant first = null;
      for (Instant x : nexts) {
        if (x != null && (first == null || x.isBefore(first))) {
          first = x;
        }
      }
      assertEquals(Optional.ofNullable(first), ev.nextTransition(), "next transition: " + ctx);
    }
  }

  /** Returned by {@link #compare} when the oracle cannot tell the cycle's next breach. */
  static final Instant UNKNOWN = Instant.MIN;

  /**
   * Checks one cycle and returns its next breach instant if it runs on unbreached with target left
   * (null if none is to come, {@link #UNKNOWN} if the oracle cannot tell).
   */
  private static Instant compare(
      SlaClock batch,
      SlaClock live,
      MetricCycle m,
      OCycle o,
      List<Piece> pieces,
      Oracle[] oracles,
      Duration target,
      Instant now,
      List<TicketEvent> events,
      BreachRule breachRule,
      ClosingRule closingRule,
      boolean lastSchedule,
      String ctx) {
    if (lastSchedule) {
      // LAST_SCHEDULE: the whole cycle counts on the calendar in force last, an open cycle's now,
      // a stopped one's at its stop ("Stopped cycles keep what they stopped with")
      int fixed = pieces.get(pieces.size() - 1).policy();
      if (o.stop != null) {
        for (Piece p : pieces) {
          if (!p.from().isAfter(o.stop) && p.to().isAfter(o.stop)) {
            fixed = p.policy();
          }
        }
      }
      List<Piece> remapped = new ArrayList<>();
      for (Piece p : pieces) {
        remapped.add(new Piece(p.from(), p.to(), p.status(), fixed, p.policy()));
      }
      pieces = remapped;
    }
    // Business time per piece, the instant the target was used up, and the breach.
    Duration elapsed = Duration.ZERO;
    Duration wall = Duration.ZERO;
    Duration paused = Duration.ZERO;
    Instant usedUp = null;
    int usedIn = -1; // the schedule the target was used up on
    for (int j = 0; j < o.kinds.size(); j++) {
      Piece p = pieces.get(o.firstPiece + j);
      K k = o.kinds.get(j);
      Duration w = Duration.between(p.from(), p.to());
      if (k != K.STOP) {
        wall = wall.plus(w);
      }
      if (k == K.PAUSE) {
        paused = paused.plus(w);
      }
      if (k == K.RUN) {
        Duration b = oracles[p.schedule()].between(p.from(), p.to());
        if (usedUp == null && elapsed.plus(b).compareTo(target) >= 0) {
          usedUp = oracles[p.schedule()].plus(p.from(), target.minus(elapsed));
          usedIn = p.schedule();
        }
        elapsed = elapsed.plus(b);
      }
    }
    // Due at the first instant from the used-up one at which the cycle runs (README: "a cycle
    // paused at its deadline is due when it resumes"); under AT_NEXT_OPENING a target used up
    // exactly at a close is due at the first instant from it at which the cycle runs and the
    // calendar in force then is open.
    Instant due = null;
    if (usedUp != null) {
      // Under AT_NEXT_OPENING the first instant that counts: running and the calendar in force
      // open, also when the target was used up inside open hours as the cycle paused or stopped
      // and it resumes while closed (README, closingRule).
      boolean atClose = closingRule == ClosingRule.AT_NEXT_OPENING;
      for (int j = 0; j < o.kinds.size() && due == null; j++) {
        Piece p = pieces.get(o.firstPiece + j);
        boolean lastPiece = o.firstPiece + j == pieces.size() - 1;
        if (o.kinds.get(j) != K.RUN || p.to().isBefore(usedUp)) {
          continue;
        }
        Instant lo = p.from().isAfter(usedUp) ? p.from() : usedUp;
        Instant x = atClose ? oracles[p.schedule()].nextOpen(lo) : lo;
        if (x != null && (x.isBefore(p.to()) || lastPiece && x.equals(now))) {
          due = x;
        } else if (atClose && neverOpensAgain(pieces, oracles, lo)) {
          due = lo; // no opening to move to: due as it runs (README, closingRule)
        }
      }
    }
    Instant runsAgain = due;
    boolean breached =
        due != null
            && (breachRule == BreachRule.AT_DEADLINE ? !due.isAfter(now) : due.isBefore(now));
    boolean open = o.stop == null;
    Instant next = null;
    K kNow = o.kinds.get(o.kinds.size() - 1);
    CycleState state =
        breached
            ? CycleState.BREACHED
            : !open
                ? (o.cancelled ? CycleState.CANCELLED : CycleState.ACHIEVED)
                : kNow == K.PAUSE ? CycleState.PAUSED : CycleState.ACTIVE;
    String c =
        ctx
            + "\ncycle "
            + m
            + "\noracle usedUp "
            + usedUp
            + " on c"
            + usedIn
            + " due "
            + due
            + " elapsed "
            + elapsed;
    assertEquals(o.start, m.start(), "start: " + c);
    assertEquals(Optional.ofNullable(o.stop), m.stop(), "stop: " + c);
    assertEquals(elapsed, m.elapsed(), "elapsed: " + c);
    assertEquals(wall, m.wallElapsed(), "wall: " + c);
    assertEquals(paused, m.pausedTime(), "paused: " + c);
    assertEquals(state, m.state(), "state: " + c);
    if (breached) {
      assertEquals(
          Optional.of(breachRule == BreachRule.AT_DEADLINE ? runsAgain : runsAgain.plusNanos(1)),
          m.breachedAt(),
          "breachedAt: " + c);
      assertEquals(Optional.of(runsAgain), m.deadline(), "deadline: " + c);
    } else if (open && elapsed.compareTo(target) < 0) {
      // counting on from now on the schedule in force now (ScheduleRule.PER_PERIOD)
      Piece p = pieces.get(pieces.size() - 1);
      Instant ahead = oracles[p.schedule()].plus(now, target.minus(elapsed));
      if (ahead != null
          && closingRule == ClosingRule.AT_NEXT_OPENING
          && !oracles[p.schedule()].isOpen(ahead)) {
        ahead = oracles[p.schedule()].nextOpen(ahead);
      }
      if (ahead != null) {
        assertEquals(Optional.of(ahead), m.deadline(), "deadline: " + c);
      }
      if (kNow == K.RUN) {
        next =
            ahead == null
                ? UNKNOWN
                : breachRule == BreachRule.AT_DEADLINE ? ahead : ahead.plusNanos(1);
      }
    } else if (!open && !breached && elapsed.compareTo(target) < 0) {
      // stopped before its target: where it would have been used up counting on from the stop, on
      // the calendar it stopped with
      int at = -1;
      for (Piece p : pieces) {
        if (!p.from().isAfter(o.stop) && p.to().isAfter(o.stop)) {
          at = p.schedule();
        }
      }
      if (at < 0) {
        at = pieces.get(pieces.size() - 1).schedule();
      }
      Instant would = oracles[at].plus(o.stop, target.minus(elapsed));
      if (would != null
          && closingRule == ClosingRule.AT_NEXT_OPENING
          && !oracles[at].isOpen(would)) {
        would = oracles[at].nextOpen(would);
      }
      if (would != null) {
        assertEquals(Optional.of(would), m.deadline(), "stopped deadline: " + c);
      }
    } else if (open && kNow == K.RUN && !breached) {
      next = UNKNOWN; // target used up, breach to come at a resume or an opening
    }

    // The trail.
    List<CycleSegment> trail = batch.auditTrail(m.metric(), m.cycle(), now);
    assertEquals(trail, live.auditTrail(m.metric(), m.cycle(), now), "live trail: " + c);
    c = c + "\ntrail " + trail;
    assertTrue(!trail.isEmpty(), "empty trail: " + c);
    assertEquals(m.start(), trail.get(0).from(), "trail start: " + c);
    assertEquals(now, trail.get(trail.size() - 1).to(), "trail end: " + c);
    Duration sb = Duration.ZERO;
    Duration sw = Duration.ZERO;
    Duration sp = Duration.ZERO;
    for (int i = 0; i < trail.size(); i++) {
      CycleSegment s = trail.get(i);
      if (i > 0) {
        CycleSegment q = trail.get(i - 1);
        assertEquals(q.to(), s.from(), "contiguous at " + i + ": " + c);
        assertTrue(
            q.kind() != s.kind()
                || !q.calendar().equals(s.calendar())
                || !q.policy().equals(s.policy())
                || !q.target().equals(s.target()),
            "segment " + i + " continues the one before: " + c);
      }
      assertEquals(Duration.between(s.from(), s.to()), s.wall(), "wall of " + i + ": " + c);
      assertTrue(named(events, s.openedBy(), s.from()), "openedBy of " + i + ": " + c);
      if (i == trail.size() - 1) {
        assertEquals(Optional.empty(), s.closedBy(), "closedBy of the last: " + c);
      } else {
        assertTrue(
            s.closedBy().isPresent() && named(events, s.closedBy().get(), s.to()),
            "closedBy of " + i + ": " + c);
      }
      // the oracle's kind and schedule over every piece the segment covers
      K want =
          switch (s.kind()) {
            case RUNNING -> K.RUN;
            case PAUSED -> K.PAUSE;
            default -> K.STOP;
          };
      for (int j = 0; j < o.kinds.size(); j++) {
        Piece p = pieces.get(o.firstPiece + j);
        boolean overlaps =
            p.from().isBefore(s.to()) && s.from().isBefore(p.to())
                || p.from().equals(s.from()) && s.from().equals(s.to());
        if (!overlaps) {
          continue;
        }
        assertEquals(o.kinds.get(j), want, "kind of segment " + i + " over " + p + ": " + c);
        if (want != K.STOP) {
          assertEquals(
              CALS[p.schedule()],
              s.calendar(),
              "calendar of segment " + i + " over " + p + ": " + c);
          assertEquals(
              POLICIES[p.policy()], s.policy(), "policy of segment " + i + " over " + p + ": " + c);
        }
      }
      Duration business =
          s.kind() == CycleSegment.Kind.RUNNING
              ? oracles[indexOf(s.calendar())].between(s.from(), s.to())
              : Duration.ZERO;
      assertEquals(business, s.business(), "business of segment " + i + ": " + c);
      sb = sb.plus(s.business());
      if (s.kind() != CycleSegment.Kind.STOPPED) {
        sw = sw.plus(s.wall());
      }
      if (s.kind() == CycleSegment.Kind.PAUSED) {
        sp = sp.plus(s.wall());
      }
    }
    assertEquals(m.elapsed(), sb, "elapsed is the sum of the segments: " + c);
    assertEquals(m.wallElapsed(), sw, "wall is the sum of the segments: " + c);
    assertEquals(m.pausedTime(), sp, "paused is the sum of the segments: " + c);
    return next;
  }

  /** Whether no calendar in force opens at or after {@code t} (the last schedule for ever). */
  private static boolean neverOpensAgain(List<Piece> pieces, Oracle[] oracles, Instant t) {
    for (int i = 0; i < pieces.size(); i++) {
      Piece p = pieces.get(i);
      boolean last = i == pieces.size() - 1;
      if (!last && !p.to().isAfter(t)) {
        continue;
      }
      Instant x = oracles[p.schedule()].nextOpen(p.from().isAfter(t) ? p.from() : t);
      if (x != null && (last || x.isBefore(p.to()))) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(String cal) {
    for (int i = 0; i < CALS.length; i++) {
      if (CALS[i].equals(cal)) {
        return i;
      }
    }
    throw new AssertionError("unknown calendar " + cal);
  }

  /** Whether {@code id} names an event at {@code at}. */
  private static boolean named(List<TicketEvent> events, String id, Instant at) {
    for (TicketEvent e : events) {
      if (e.id().equals(id) && e.at().equals(at)) {
        return true;
      }
    }
    return false;
  }
}
