package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.internal.clock.BusinessTime;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link ScheduleRule}: the calendar of a running cycle changes mid-cycle (here the ticket's {@code
 * schedule} attribute selects a policy whose rule counts on another calendar).
 *
 * <p>Reference values: dbt_zendesk (fivetran/dbt_zendesk, DECISIONLOG.md, "Business Time Metrics",
 * https://github.com/fivetran/dbt_zendesk/blob/main/DECISIONLOG.md): ticket 941606 is created
 * Tuesday 2020-09-29 on schedule "Level 1 Chicago", switched to "Level 2 San Francisco" Wednesday
 * 2020-09-30 19:01 UTC and first replied to 21 seconds later. Summing each period on the schedule
 * in force then (dbt_zendesk's rule, {@link ScheduleRule#PER_PERIOD}) gives 959.46 business
 * minutes; counting the whole span on the last schedule (Zendesk Support's, {@link
 * ScheduleRule#LAST_SCHEDULE}) gives 689.46. The schedules are the log's minute-of-week intervals
 * (Sunday 00:00 UTC = 0). The log computes with the minute values 3902 (creation, 17:01:38
 * rounded), 5461.25 (the switch) and 5461.46 (the reply), writing seconds as hundredths; the test
 * uses the instants those minute values denote (17:02:00, 19:01:15, 19:01:27.6), so the published
 * totals come out exactly.
 */
class PerPeriodScheduleProperties {

  private static final int[][] CHICAGO = {
    {720, 1560}, {2160, 3000}, {3600, 4440}, {5040, 5880}, {6480, 7320}, {7920, 8760}, {9360, 10200}
  };
  private static final int[][] SAN_FRANCISCO = {
    {2340, 2910}, {3780, 4350}, {5220, 5790}, {6660, 7230}, {8100, 8670}
  };
  private static final int WEEK = 7 * 24 * 60;

  /** Minute-of-week intervals (Sunday 00:00 UTC = 0, may run past the week's end) as hours. */
  static WeeklyHours weekly(int[][] intervals) {
    WeeklyHours w = new WeeklyHours();
    for (int[] iv : intervals) {
      for (int m = iv[0]; m < iv[1]; ) {
        int day = (m % WEEK) / 1440; // 0 = Sunday
        int dayStart = m - (m % WEEK) % 1440;
        int end = Math.min(iv[1], dayStart + 1440);
        w.add(m - dayStart, end - dayStart, DayOfWeek.of(day == 0 ? 7 : day));
        m = end;
      }
    }
    return w;
  }

  static SlaPolicySet set(ScheduleRule rule, Duration target, String... pause) {
    SlaPolicy sf =
        SlaPolicy.builder("san-francisco")
            .when(MatchCondition.always().withAttribute("schedule", "sf"))
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.firstResponse(), target)
            .target("normal", SlaMetric.resolution(), target)
            .rule(MetricRule.builder(SlaMetric.firstResponse()).calendar("sf").build())
            .rule(MetricRule.builder(SlaMetric.resolution()).calendar("sf").pauseOn(pause).build())
            .build();
    SlaPolicy chicago =
        SlaPolicy.builder("chicago")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.firstResponse(), target)
            .target("normal", SlaMetric.resolution(), target)
            .rule(MetricRule.builder(SlaMetric.firstResponse()).calendar("chicago").build())
            .rule(
                MetricRule.builder(SlaMetric.resolution())
                    .calendar("chicago")
                    .pauseOn(pause)
                    .build())
            .build();
    return Fixtures.statusModel().scheduleRule(rule).policy(sf).defaultPolicy(chicago).build();
  }

  private static MetricCycle firstReply(ScheduleRule rule) {
    Instant created = Instant.parse("2020-09-29T17:02:00Z"); // minute 3902 of the week
    Instant switched = Instant.parse("2020-09-30T19:01:15Z"); // 5461.25
    Instant replied = Instant.parse("2020-09-30T19:01:27.600Z"); // 5461.46
    List<TicketEvent> h =
        List.of(
            TicketEvent.Created.byCustomer("941606", "c", created, Map.of(), Set.of()),
            new TicketEvent.AttributeChanged("941606", "s", switched, "schedule", "sf"),
            TicketEvent.AgentReply.publicReply("941606", "r", replied));
    Map<String, BusinessTime> cals =
        Map.of("chicago", weekly(CHICAGO), "sf", weekly(SAN_FRANCISCO));
    return SlaClock.evaluateTimes(
            set(rule, Duration.ofDays(2)), cals, h, replied.plus(Duration.ofDays(1)))
        .latest(SlaMetric.firstResponse())
        .orElseThrow();
  }

  @Test
  void perPeriodSumsEachScheduleAsDbtZendeskDoes() {
    assertEquals(
        Duration.ofMillis(Math.round(959.46 * 60_000)),
        firstReply(ScheduleRule.PER_PERIOD).elapsed());
  }

  @Test
  void lastScheduleCountsTheWholeSpanOnTheLastScheduleAsZendeskSupportDoes() {
    assertEquals(
        Duration.ofMillis(Math.round(689.46 * 60_000)),
        firstReply(ScheduleRule.LAST_SCHEDULE).elapsed());
  }

  @Test
  void theTrailCountsEachPeriodOnItsOwnCalendar() {
    SlaClock clock =
        new SlaClock(
            set(ScheduleRule.PER_PERIOD, Duration.ofDays(2)),
            Map.of("chicago", weekly(CHICAGO), "sf", weekly(SAN_FRANCISCO)),
            "941606");
    clock.accept(
        TicketEvent.Created.byCustomer(
            "941606", "c", Instant.parse("2020-09-29T17:02:00Z"), Map.of(), Set.of()));
    clock.accept(
        new TicketEvent.AttributeChanged(
            "941606", "s", Instant.parse("2020-09-30T19:01:15Z"), "schedule", "sf"));
    clock.accept(
        TicketEvent.AgentReply.publicReply(
            "941606", "r", Instant.parse("2020-09-30T19:01:27.600Z")));
    Instant now = Instant.parse("2020-10-01T00:00:00Z");
    List<CycleSegment> trail = clock.auditTrail(SlaMetric.firstResponse(), 0, now);
    assertEquals(3, trail.size(), trail.toString());
    assertEquals("chicago", trail.get(0).calendar());
    assertEquals(Duration.ofMillis(Math.round(959.25 * 60_000)), trail.get(0).business());
    assertEquals("sf", trail.get(1).calendar());
    assertEquals(Duration.ofMillis(Math.round(0.21 * 60_000)), trail.get(1).business());
    assertEquals(CycleSegment.Kind.STOPPED, trail.get(2).kind());
  }

  @Test
  void jsonReadsAndWritesTheRule() {
    SlaPolicySet set = set(ScheduleRule.PER_PERIOD, Duration.ofHours(4), "pending");
    String json = SlaPolicyJson.write(set);
    assertTrue(json.contains("\"scheduleRule\": \"PER_PERIOD\""), json);
    assertEquals(set, SlaPolicyJson.read(json));
  }

  /** Open minutes of the week of a calendar given as minute-of-week ranges on days. */
  private static boolean[] openMinutes(List<int[]> ranges) {
    boolean[] open = new boolean[WEEK];
    for (int[] x : ranges) { // {fromMinuteOfDay, toMinuteOfDay, isoDayOfWeek}
      int day = x[2] % 7; // Sunday = 0
      for (int m = x[0]; m < x[1]; m++) {
        open[day * 1440 + m] = true;
      }
    }
    return open;
  }

  private static int minuteOfWeek(Instant t) {
    long epochMinute = Math.floorDiv(t.getEpochSecond(), 60);
    // 1970-01-04 was a Sunday: epoch minute 3 * 1440 is a Sunday 00:00
    return (int) Math.floorMod(epochMinute - 3 * 1440, WEEK);
  }

  /**
   * Differential: under PER_PERIOD the resolution cycle's business elapsed and deadline equal a
   * minute-by-minute walk that counts a minute iff the ticket is not pending and the calendar of
   * the schedule in force in that minute is open; the deadline is where the count reaches the
   * target, walking on past now on the schedule in force now. Under {@link
   * ClosingRule#AT_NEXT_OPENING} a deadline at a close moves to the first minute from it that is
   * open on the schedule in force in that minute (not on the schedule of the period the target was
   * reached in). Events fall on 15-minute marks.
   */
  @Property(tries = 200)
  void perPeriodMatchesAMinuteWalk(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 12) int targetHours,
      @ForAll @IntRange(min = 0, max = 30) int size,
      @ForAll boolean atNextOpening) {
    Random r = new Random(seed);
    List<int[]> a = SlaClockProperties.randomRanges(r, 2 + r.nextInt(8));
    List<int[]> b = SlaClockProperties.randomRanges(r, 2 + r.nextInt(8));
    Map<String, BusinessTime> cals =
        Map.of("chicago", SlaClockProperties.hours(a), "sf", SlaClockProperties.hours(b));
    boolean[][] open = {openMinutes(a), openMinutes(b)};
    Duration target = Duration.ofHours(targetHours);
    SlaPolicySet set = set(ScheduleRule.PER_PERIOD, target, "pending");
    if (atNextOpening) {
      set = SlaPolicyJson.read(SlaPolicyJson.write(set).replace("AT_CLOSE", "AT_NEXT_OPENING"));
    }
    Fixtures.Ticket t = new Fixtures.Ticket("T");
    Instant created = Fixtures.mon(r.nextInt(7), r.nextInt(24), 15 * r.nextInt(4));
    List<TicketEvent> events = new ArrayList<>();
    boolean sfAtStart = r.nextBoolean();
    events.add(sfAtStart ? t.created(created, "schedule", "sf") : t.created(created));
    int slots = 4 * 24 * 6; // six days of 15-minute slots
    int[] schedAt = new int[slots + 1]; // -1 none, 0 chicago, 1 sf, per slot
    int[] pendingAt = new int[slots + 1];
    java.util.Arrays.fill(schedAt, -1);
    java.util.Arrays.fill(pendingAt, -1);
    for (int i = 0; i < size; i++) {
      int slot = 1 + r.nextInt(slots);
      Instant at = created.plus(Duration.ofMinutes(15L * slot));
      if (r.nextBoolean()) {
        boolean sf = r.nextBoolean();
        events.add(t.attr(at, "schedule", sf ? "sf" : "chicago"));
        schedAt[slot] = sf ? 1 : 0; // two writes in one slot: the one generated last
      } else {
        boolean pending = r.nextBoolean();
        events.add(t.status(at, pending ? "pending" : "open"));
        pendingAt[slot] = pending ? 1 : 0;
      }
    }
    // Two writes of one field at one instant are ordered by event id: ids grow in generation order.
    Instant now = created.plus(Duration.ofMinutes(15L * slots + 15L * r.nextInt(8)));
    MetricCycle m =
        SlaClock.evaluateTimes(set, cals, events, now).latest(SlaMetric.resolution()).orElseThrow();
    // the walk: up to now, then on past now (with the schedule and status in force now)
    long targetMinutes = target.toMinutes();
    long minutes = Duration.between(created, now).toMinutes();
    int mow0 = minuteOfWeek(created);
    long count = 0; // business minutes before now
    long total = 0; // and past now
    Instant reached = null;
    boolean[] runs = new boolean[(int) minutes]; // not pending in minute k, before now
    int sched = sfAtStart ? 1 : 0;
    boolean pending = false;
    for (long k = 0; k < minutes + 60L * WEEK; k++) {
      if (k % 15 == 0 && k / 15 <= slots) {
        int slot = (int) (k / 15);
        sched = schedAt[slot] >= 0 ? schedAt[slot] : sched;
        pending = pendingAt[slot] >= 0 ? pendingAt[slot] == 1 : pending;
      }
      if (k < minutes) {
        runs[(int) k] = !pending;
      }
      if (k >= minutes && (reached != null || pending)) {
        break;
      }
      if (!pending && open[sched][(int) ((mow0 + k) % WEEK)]) {
        total++;
        count += k < minutes ? 1 : 0;
        if (reached == null && total >= targetMinutes) {
          reached = created.plus(Duration.ofMinutes(k + 1));
        }
      }
    }
    long counted = count;
    // Due where the target was used up, or, if the cycle paused just then, where it ran again;
    // under AT_NEXT_OPENING moved to the next opening on the schedule in force then. Breached iff
    // it ran at or after that instant before now; paused and not breached: due if it resumed now.
    Instant due = null;
    boolean breached = false;
    if (reached != null) {
      long used = Duration.between(created, reached).toMinutes();
      long again = used;
      while (again < minutes && !runs[(int) again]) {
        again++;
      }
      Instant base =
          again > used && again < minutes ? created.plus(Duration.ofMinutes(again)) : reached;
      due =
          atNextOpening
              ? nextCounted(base, created, minutes, slots, schedAt, sfAtStart, open, mow0, runs)
              : base;
      for (long k = Duration.between(created, due).toMinutes(); k < minutes && !breached; k++) {
        breached = runs[(int) k];
      }
    }
    boolean pausedUsedUp = pending && reached != null && !breached;
    if (pausedUsedUp) {
      due =
          atNextOpening
              ? nextOpen(now, created, minutes, slots, schedAt, sfAtStart, open, mow0)
              : now;
    }
    assertEquals(Duration.ofMinutes(counted), m.elapsed(), () -> m + " " + events);
    if (pausedUsedUp) {
      Instant expected = due;
      assertEquals(Optional.of(expected), m.deadline(), () -> m + " " + events);
    } else if (!pending || due != null && !due.isAfter(now)) { // else paused: due if resumed now
      assertEquals(Optional.ofNullable(due), m.deadline(), () -> m + " " + events);
    }
  }

  /** The first minute from {@code t} open on the schedule in force in that minute. */
  private static Instant nextOpen(
      Instant t,
      Instant created,
      long minutes,
      int slots,
      int[] schedAt,
      boolean sfAtStart,
      boolean[][] open,
      int mow0) {
    long j = Duration.between(created, t).toMinutes();
    int sj = schedFor(j, slots, schedAt, sfAtStart);
    while (!open[sj][(int) ((mow0 + j) % WEEK)] && j < minutes + 60L * WEEK) {
      j++;
      sj = schedFor(j, slots, schedAt, sfAtStart);
    }
    return created.plus(Duration.ofMinutes(j));
  }

  /**
   * The first minute from {@code t} in which the cycle counts: not pending ({@code runs} before
   * now; past now the cycle runs, since a paused one is due if it resumed now) and open on the
   * schedule in force in that minute. Paused across the next opening, it is due when it resumes
   * (README: "paused from Monday 18:00 after using up 4 h at Monday's 17:00 close under
   * AT_NEXT_OPENING, it is due ... 10:00 if resumed at 10:00").
   */
  private static Instant nextCounted(
      Instant t,
      Instant created,
      long minutes,
      int slots,
      int[] schedAt,
      boolean sfAtStart,
      boolean[][] open,
      int mow0,
      boolean[] runs) {
    long j = Duration.between(created, t).toMinutes();
    while (j < minutes + 60L * WEEK) {
      int sj = schedFor(j, slots, schedAt, sfAtStart);
      if ((j >= minutes || runs[(int) j]) && open[sj][(int) ((mow0 + j) % WEEK)]) {
        break;
      }
      j++;
    }
    return created.plus(Duration.ofMinutes(j));
  }

  /** The schedule in force in minute {@code k} of the walk (0 chicago, 1 sf). */
  private static int schedFor(long k, int slots, int[] schedAt, boolean sfAtStart) {
    int sched = sfAtStart ? 1 : 0;
    for (int slot = 0; slot <= Math.min(slots, k / 15); slot++) {
      if (schedAt[slot] >= 0) {
        sched = schedAt[slot];
      }
    }
    return sched;
  }
}
