package dev.servicekit.examples.showcase;

import dev.servicekit.examples.showcase.Generator.Call;
import dev.servicekit.examples.showcase.Generator.Dataset;
import dev.servicekit.examples.showcase.Generator.ReviewedCall;
import dev.servicekit.examples.showcase.Generator.Survey;
import dev.servicekit.examples.showcase.Generator.Team;
import dev.servicekit.examples.showcase.Generator.TicketHistory;
import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.NpsAccumulator;
import dev.servicekit.kpi.OutcomeAccumulator;
import dev.servicekit.kpi.PercentileAccumulator;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.kpi.RevisedValues;
import dev.servicekit.kpi.ServiceLevelAccumulator;
import dev.servicekit.kpi.ServiceLevelPolicy;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import dev.servicekit.kpi.WindowedKpi;
import dev.servicekit.kpi.staffing.ErlangCResult;
import dev.servicekit.kpi.staffing.IntervalForecast;
import dev.servicekit.kpi.staffing.StaffingPlan;
import dev.servicekit.kpi.staffing.StaffingTarget;
import dev.servicekit.kpi.staffing.Workload;
import dev.servicekit.qa.Answer;
import dev.servicekit.qa.Checklist;
import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.analytics.AgentPeriod;
import dev.servicekit.qa.analytics.CriterionErrors;
import dev.servicekit.qa.analytics.ErrorAnalysis;
import dev.servicekit.qa.analytics.Granularity;
import dev.servicekit.qa.analytics.ScoreAggregator;
import dev.servicekit.qa.analytics.ScoreSummary;
import dev.servicekit.qa.calibration.Agreement;
import dev.servicekit.qa.calibration.AlphaMetric;
import dev.servicekit.qa.calibration.Calibration;
import dev.servicekit.qa.calibration.ReliabilityData;
import dev.servicekit.qa.calibration.ReviewerDeviation;
import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaClockSnapshot;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Runs a generated dataset through servicekit the way a CRM would: one shard per team (as if each
 * region ran its own node), every ticket event fed to that ticket's {@link SlaClock} as it arrives,
 * timers scheduled from {@link SlaEvaluation#nextTransition()}, a restart half-way through (every
 * clock held, solved ones included, checkpointed and restored), and the shards' KPI tables and QA
 * aggregates shipped as snapshots and merged. The results are plain values for the console and the
 * HTML report.
 */
final class Analysis {

  static final String[] PRIORITIES = {"urgent", "high", "normal", "low"};
  static final ZoneId REPORT_ZONE = ZoneId.of("Europe/Moscow");
  private static final SlaMetric[] REPLY_METRICS = {
    SlaMetric.firstResponse(), SlaMetric.nextResponse(), SlaMetric.resolution()
  };

  /** A transition of one ticket, kept for the timeline chart. */
  record TicketTimeline(
      String ticketId,
      String team,
      String channel,
      Instant created,
      Instant end,
      List<SlaTransition> transitions,
      String story) {}

  /** Per-shard state: one team's clocks and KPI tables. */
  private static final class Shard {
    final Team team;
    final Map<String, SlaClock> clocks = new HashMap<>();
    final Map<String, SlaEvaluation> reported = new HashMap<>();
    final Map<String, List<SlaTransition>> transitions = new HashMap<>();
    final WindowedKpi<String, OutcomeAccumulator> compliance;
    final WindowedKpi<String, PercentileAccumulator> firstResponse;
    final WindowedKpi<String, ServiceLevelAccumulator> serviceLevel;
    final ScoreAggregator scores = ScoreAggregator.create(Granularity.MONTH, REPORT_ZONE);
    int checkpointed;
    long checkpointBytes;

    Shard(Team team) {
      this.team = team;
      Duration lateness = Duration.ofDays(400);
      this.compliance =
          WindowedKpi.create(
              OutcomeAccumulator::create, WindowSpec.of(WindowUnit.WEEK, REPORT_ZONE), lateness);
      this.firstResponse =
          WindowedKpi.create(
              PercentileAccumulator::create, WindowSpec.of(WindowUnit.WEEK, REPORT_ZONE), lateness);
      this.serviceLevel =
          WindowedKpi.create(
              () -> ServiceLevelAccumulator.create(CALL_POLICY),
              WindowSpec.of(WindowUnit.DAY, REPORT_ZONE),
              lateness);
    }
  }

  static final ServiceLevelPolicy CALL_POLICY =
      ServiceLevelPolicy.of(Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(20));

  // ---- results, read by the console summary and the report
  final Dataset data;
  final Checklist checklist;
  long events;
  long timersFired;
  long transitionsTotal;
  final Map<SlaTransition.Kind, Long> transitionsByKind = new TreeMap<>();
  int clocksCheckpointed;
  long checkpointBytes;

  /** Tickets decided (solved, or breached) and breached, by priority and by team. */
  final Map<String, long[]> byPriority = new LinkedHashMap<>();

  final Map<String, long[]> byTeam = new LinkedHashMap<>();
  final Map<String, long[]> byMetric = new LinkedHashMap<>();
  long ticketsSolved;
  long ticketsOpen;
  long reopened;
  long escalated;
  long reprioritised;
  WindowedKpi<String, OutcomeAccumulator> compliance;
  WindowedKpi<String, PercentileAccumulator> firstResponse;
  WindowedKpi<String, ServiceLevelAccumulator> serviceLevel;
  final DurationAccumulator handleTime = DurationAccumulator.create();
  final SortedMap<Instant, double[]> surveyTrend = new TreeMap<>();
  RevisedValues<String, RatingAccumulator> csat;
  RevisedValues<String, NpsAccumulator> nps;
  final RatingAccumulator csatFirstAnswers = RatingAccumulator.create(RatingScale.csatFivePoint());
  final NpsAccumulator npsFirstAnswers = NpsAccumulator.create();
  long revisions;
  final List<Evaluation> evaluations = new ArrayList<>();
  ScoreAggregator scores;
  final Map<String, Double> agentMeans = new TreeMap<>();
  final Map<String, Long> agentCounts = new TreeMap<>();
  List<CriterionErrors> errors;
  List<ReviewerDeviation> deviations;
  double alpha;
  StaffingPlan<ErlangCResult> plan;
  final Map<LocalTime, ServiceLevelAccumulator> slBySlot = new TreeMap<>();
  final List<TicketTimeline> timelines = new ArrayList<>();

  Analysis(Dataset data, Checklist checklist) {
    this.data = data;
    this.checklist = checklist;
    for (String p : PRIORITIES) {
      byPriority.put(p, new long[2]);
    }
    for (Team t : data.teams()) {
      byTeam.put(t.id(), new long[2]);
    }
    for (SlaMetric m : REPLY_METRICS) {
      byMetric.put(name(m), new long[2]);
    }
    byMetric.put(name(SlaMetric.answerTime()), new long[2]);
  }

  static String name(SlaMetric metric) {
    return metric.kind().name().toLowerCase(java.util.Locale.ROOT);
  }

  void run(SlaPolicySet policies, Generator.Progress progress) {
    List<Shard> shards = new ArrayList<>();
    Instant restart = data.start().plus(Duration.between(data.start(), data.end()).dividedBy(2));
    int done = 0;
    for (Team team : data.teams()) {
      Shard shard = new Shard(team);
      shards.add(shard);
      runShard(shard, policies, restart);
      progress.step("SLA clocks", ++done, data.teams().size());
    }
    mergeShards(shards);
    calls(shards);
    surveys();
    qa(shards);
    staffing();
  }

  private void runShard(Shard shard, SlaPolicySet policies, Instant restart) {
    Map<String, BusinessCalendar> calendars = Map.of("team", shard.team.calendar());
    List<TicketHistory> tickets = new ArrayList<>();
    List<TicketEvent> feed = new ArrayList<>();
    for (TicketHistory t : data.tickets()) {
      if (t.team().equals(shard.team.id())) {
        tickets.add(t);
        feed.addAll(t.events());
      }
    }
    // what the CRM's message bus delivers: every ticket's events interleaved in time order
    feed.sort(Comparator.comparing(TicketEvent::at)); // stable: a ticket's order is kept
    PriorityQueue<Timer> timers = new PriorityQueue<>();
    boolean restarted = false;
    for (TicketEvent e : feed) {
      fireTimers(shard, timers, e.at());
      if (!restarted && !e.at().isBefore(restart)) {
        restartNode(shard, policies, calendars);
        restarted = true;
      }
      SlaClock clock =
          shard.clocks.computeIfAbsent(e.ticketId(), id -> SlaClock.of(policies, calendars, id));
      clock.accept(e);
      events++;
      report(shard, clock.evaluate(e.at()), timers);
    }
    fireTimers(shard, timers, data.end());
    for (TicketHistory t : tickets) {
      SlaEvaluation last = shard.clocks.get(t.id()).evaluate(data.end());
      report(shard, last, timers);
      account(shard, t, last);
    }
  }

  private record Timer(Instant due, String ticketId) implements Comparable<Timer> {
    @Override
    public int compareTo(Timer o) {
      int c = due.compareTo(o.due);
      return c != 0 ? c : ticketId.compareTo(o.ticketId);
    }
  }

  private void fireTimers(Shard shard, PriorityQueue<Timer> timers, Instant until) {
    while (!timers.isEmpty() && !timers.peek().due().isAfter(until)) {
      Timer t = timers.poll();
      SlaEvaluation last = shard.reported.get(t.ticketId());
      if (last.nextTransition().filter(t.due()::equals).isEmpty()) {
        continue; // superseded by a later event of the ticket
      }
      timersFired++;
      report(shard, shard.clocks.get(t.ticketId()).evaluate(t.due()), timers);
    }
  }

  private void report(Shard shard, SlaEvaluation now, PriorityQueue<Timer> timers) {
    SlaEvaluation before = shard.reported.put(now.ticketId(), now);
    List<SlaTransition> changes =
        before == null ? SlaTransition.from(now) : SlaTransition.between(before, now);
    if (!changes.isEmpty()) {
      shard.transitions.computeIfAbsent(now.ticketId(), k -> new ArrayList<>()).addAll(changes);
      for (SlaTransition c : changes) {
        transitionsByKind.merge(c.kind(), 1L, Long::sum);
      }
      transitionsTotal += changes.size();
    }
    now.nextTransition()
        .filter(due -> before == null || !before.nextTransition().equals(now.nextTransition()))
        .ifPresent(due -> timers.add(new Timer(due, now.ticketId())));
  }

  /** A node restart: every clock checkpointed to bytes, the clocks dropped and restored. */
  private void restartNode(
      Shard shard, SlaPolicySet policies, Map<String, BusinessCalendar> calendars) {
    Map<String, byte[]> store = new HashMap<>();
    for (Map.Entry<String, SlaClock> c : shard.clocks.entrySet()) {
      byte[] bytes = SlaClockSnapshot.toBytes(c.getValue());
      store.put(c.getKey(), bytes);
      shard.checkpointBytes += bytes.length;
    }
    shard.checkpointed = store.size();
    shard.clocks.clear();
    for (Map.Entry<String, byte[]> s : store.entrySet()) {
      shard.clocks.put(s.getKey(), SlaClockSnapshot.fromBytes(policies, calendars, s.getValue()));
    }
    clocksCheckpointed += shard.checkpointed;
    checkpointBytes += shard.checkpointBytes;
  }

  /** Final SLA outcome of one ticket into the shard's tables and the summary counts. */
  private void account(Shard shard, TicketHistory t, SlaEvaluation last) {
    boolean solved = last.status().equals("solved") || last.status().equals("closed");
    boolean breached = false;
    for (MetricCycle c : last.cycles()) {
      long[] m = byMetric.get(name(c.metric()));
      if (m != null && (c.state() == CycleState.ACHIEVED || c.state() == CycleState.BREACHED)) {
        m[0]++;
        if (c.state() == CycleState.BREACHED) {
          m[1]++;
        }
      }
      breached |= c.state() == CycleState.BREACHED;
    }
    Instant created = t.events().get(0).at();
    for (TicketEvent e : t.events()) {
      if (e instanceof TicketEvent.Escalated) {
        escalated++;
      } else if (e instanceof TicketEvent.AttributeChanged) {
        reprioritised++;
      }
    }
    long solves =
        t.events().stream()
            .filter(
                e ->
                    e instanceof TicketEvent.StatusChanged
                        && ((TicketEvent.StatusChanged) e).status().equals("solved"))
            .count();
    if (solves > 1) {
      reopened++;
    }
    if (solved) {
      ticketsSolved++;
    } else {
      ticketsOpen++;
    }
    if (solved || breached) {
      String priority = last.priority().orElse("normal");
      String group = shard.team.id() + "|" + priority;
      boolean met = !breached;
      shard.compliance.record(group, created, a -> a.add(met));
      long[] p = byPriority.computeIfAbsent(priority, k -> new long[2]);
      long[] tm = byTeam.get(shard.team.id());
      p[0]++;
      tm[0]++;
      if (breached) {
        p[1]++;
        tm[1]++;
      }
    }
    SlaMetric first =
        t.channel().equals("phone") ? SlaMetric.answerTime() : SlaMetric.firstResponse();
    last.cycles(first).stream()
        .findFirst()
        .filter(c -> c.state() == CycleState.ACHIEVED || c.state() == CycleState.BREACHED)
        .ifPresent(
            c ->
                shard.firstResponse.recordLong(
                    t.channel(),
                    created,
                    PercentileAccumulator::addMillis,
                    c.elapsed().toMillis()));
  }

  private void mergeShards(List<Shard> shards) {
    // each node ships its tables as snapshot bytes; the reporting node restores and merges them
    for (Shard s : shards) {
      WindowedKpi<String, OutcomeAccumulator> c =
          WindowedKpi.fromBytes(
              s.compliance.toBytes(k -> k),
              OutcomeAccumulator::create,
              OutcomeAccumulator.class,
              k -> k);
      WindowedKpi<String, PercentileAccumulator> f =
          WindowedKpi.fromBytes(
              s.firstResponse.toBytes(k -> k),
              PercentileAccumulator::create,
              PercentileAccumulator.class,
              k -> k);
      if (compliance == null) {
        compliance = c;
        firstResponse = f;
      } else {
        compliance.merge(c);
        firstResponse.merge(f);
      }
      for (Map.Entry<String, List<SlaTransition>> e : s.transitions.entrySet()) {
        considerForTimeline(s.team, e.getKey(), e.getValue());
      }
    }
  }

  private final Map<String, TicketTimeline> stories = new LinkedHashMap<>();

  /** Keeps a few tickets whose audit trail tells a story, one per kind of story. */
  private void considerForTimeline(Team team, String ticketId, List<SlaTransition> ts) {
    boolean paused = ts.stream().anyMatch(t -> t.kind() == SlaTransition.Kind.PAUSED);
    boolean warned = ts.stream().anyMatch(t -> t.kind() == SlaTransition.Kind.WARNING);
    boolean breached = ts.stream().anyMatch(t -> t.kind() == SlaTransition.Kind.BREACHED);
    boolean achieved = ts.stream().anyMatch(t -> t.kind() == SlaTransition.Kind.ACHIEVED);
    long metrics = ts.stream().map(SlaTransition::metric).distinct().count();
    String story = null;
    if (paused && warned && achieved && !breached && metrics >= 3) {
      story = "paused while waiting for the customer, warned, met";
    } else if (warned && breached && metrics >= 3) {
      story = "warnings, then a breach";
    } else if (ts.stream()
        .anyMatch(
            t ->
                t.metric().equals(SlaMetric.answerTime())
                    && t.kind() == SlaTransition.Kind.BREACHED)) { // the call's own breach
      story = "a call that waited past its target";
    }
    if (story == null || stories.containsKey(story) || stories.size() >= 3) {
      return;
    }
    TicketHistory t =
        data.tickets().stream().filter(h -> h.id().equals(ticketId)).findFirst().orElseThrow();
    Instant created = t.events().get(0).at();
    Instant last = ts.get(ts.size() - 1).at();
    Instant end = last.isAfter(created) ? last : created.plusSeconds(60);
    stories.put(
        story, new TicketTimeline(ticketId, team.id(), t.channel(), created, end, ts, story));
    timelines.add(stories.get(story));
  }

  private void calls(List<Shard> shards) {
    Map<String, Shard> byTeamId = new HashMap<>();
    for (Shard s : shards) {
      byTeamId.put(s.team.id(), s);
    }
    Team main = data.teams().get(0);
    for (Call c : data.calls()) {
      Shard s = byTeamId.get(c.team());
      if (c.answered()) {
        s.serviceLevel.recordLong(
            c.team(), c.offered(), ServiceLevelAccumulator::answeredMillis, c.waitMillis());
        handleTime.addMillis(c.handleMillis());
      } else {
        s.serviceLevel.recordLong(
            c.team(), c.offered(), ServiceLevelAccumulator::abandonedMillis, c.waitMillis());
      }
      if (c.team().equals(main.id())) {
        LocalTime slot = slotOf(c.offered(), main.calendar().zone());
        ServiceLevelAccumulator a =
            slBySlot.computeIfAbsent(slot, k -> ServiceLevelAccumulator.create(CALL_POLICY));
        if (c.answered()) {
          a.answeredMillis(c.waitMillis());
        } else {
          a.abandonedMillis(c.waitMillis());
        }
      }
    }
    for (Shard s : shards) {
      WindowedKpi<String, ServiceLevelAccumulator> restored =
          WindowedKpi.fromBytes(
              s.serviceLevel.toBytes(k -> k),
              () -> ServiceLevelAccumulator.create(CALL_POLICY),
              ServiceLevelAccumulator.class,
              k -> k);
      if (serviceLevel == null) {
        serviceLevel = restored;
      } else {
        serviceLevel.merge(restored);
      }
    }
  }

  static LocalTime slotOf(Instant t, ZoneId zone) {
    LocalTime local = t.atZone(zone).toLocalTime();
    return LocalTime.of(local.getHour(), local.getMinute() < 30 ? 0 : 30);
  }

  private void surveys() {
    Map<String, List<Survey>> byTeam = new LinkedHashMap<>();
    for (Survey s : data.surveys()) {
      byTeam.computeIfAbsent(s.team(), k -> new ArrayList<>()).add(s);
    }
    WindowSpec week = WindowSpec.of(WindowUnit.WEEK, REPORT_ZONE);
    Map<Instant, RevisedValues<String, RatingAccumulator>> csatWeeks = new TreeMap<>();
    Map<Instant, RevisedValues<String, NpsAccumulator>> npsWeeks = new TreeMap<>();
    Map<Instant, RatingAccumulator> csatFirst = new TreeMap<>();
    Map<Instant, NpsAccumulator> npsFirst = new TreeMap<>();
    for (List<Survey> shard : byTeam.values()) { // per shard, then merged per week
      Map<Instant, RevisedValues<String, RatingAccumulator>> c = new HashMap<>();
      Map<Instant, RevisedValues<String, NpsAccumulator>> n = new HashMap<>();
      for (Survey s : shard) {
        Instant w = week.start(s.at());
        RevisedValues<String, RatingAccumulator> cw =
            c.computeIfAbsent(
                w,
                k -> RevisedValues.create(RatingAccumulator.create(RatingScale.csatFivePoint())));
        RevisedValues<String, NpsAccumulator> nw =
            n.computeIfAbsent(w, k -> RevisedValues.create(NpsAccumulator.create()));
        // the revision may arrive first (the bus does not promise order): the revision number wins
        if (s.revised() && s.id().hashCode() % 2 == 0) {
          cw.apply(s.id(), 2, s.revisedCsat());
          nw.apply(s.id(), 2, s.revisedNps());
          cw.apply(s.id(), 1, s.csat());
          nw.apply(s.id(), 1, s.nps());
        } else {
          cw.apply(s.id(), 1, s.csat());
          nw.apply(s.id(), 1, s.nps());
          if (s.revised()) {
            cw.apply(s.id(), 2, s.revisedCsat());
            nw.apply(s.id(), 2, s.revisedNps());
          }
        }
        if (s.revised()) {
          revisions++;
        }
        csatFirst
            .computeIfAbsent(w, k -> RatingAccumulator.create(RatingScale.csatFivePoint()))
            .add(s.csat());
        npsFirst.computeIfAbsent(w, k -> NpsAccumulator.create()).add(s.nps());
        csatFirstAnswers.add(s.csat());
        npsFirstAnswers.add(s.nps());
      }
      for (Map.Entry<Instant, RevisedValues<String, RatingAccumulator>> e : c.entrySet()) {
        csatWeeks
            .computeIfAbsent(
                e.getKey(),
                k -> RevisedValues.create(RatingAccumulator.create(RatingScale.csatFivePoint())))
            .merge(e.getValue());
        npsWeeks
            .computeIfAbsent(e.getKey(), k -> RevisedValues.create(NpsAccumulator.create()))
            .merge(n.get(e.getKey()));
      }
    }
    csat = RevisedValues.create(RatingAccumulator.create(RatingScale.csatFivePoint()));
    nps = RevisedValues.create(NpsAccumulator.create());
    for (Instant w : csatWeeks.keySet()) {
      csat.merge(csatWeeks.get(w));
      nps.merge(npsWeeks.get(w));
      surveyTrend.put(
          w,
          new double[] {
            csatWeeks.get(w).target().result().satisfiedPercent().orElse(Double.NaN),
            csatFirst.get(w).result().satisfiedPercent().orElse(Double.NaN),
            npsWeeks.get(w).target().result().score().orElse(Double.NaN),
            npsFirst.get(w).result().score().orElse(Double.NaN)
          });
    }
  }

  private void qa(List<Shard> shards) {
    Map<String, Shard> byTeamId = new HashMap<>();
    for (Shard s : shards) {
      byTeamId.put(s.team.id(), s);
    }
    for (ReviewedCall r : data.reviews()) {
      for (Map.Entry<String, Map<String, String>> a : r.answersByReviewer().entrySet()) {
        Evaluation e = evaluation(r, a.getKey(), a.getValue());
        evaluations.add(e);
        byTeamId.get(r.team()).scores.add(e);
      }
    }
    scores = ScoreAggregator.create(Granularity.MONTH, REPORT_ZONE);
    for (Shard s : shards) {
      scores.merge(ScoreAggregator.fromBytes(s.scores.toBytes()));
    }
    Map<String, double[]> sums = new TreeMap<>();
    for (Map.Entry<AgentPeriod, ScoreSummary> e : scores.summaries(0.95, 5).entrySet()) {
      double[] s = sums.computeIfAbsent(e.getKey().agentId(), k -> new double[2]);
      s[0] += e.getValue().mean() * e.getValue().count();
      s[1] += e.getValue().count();
    }
    for (Map.Entry<String, double[]> e : sums.entrySet()) {
      agentMeans.put(e.getKey(), e.getValue()[0] / e.getValue()[1]);
      agentCounts.put(e.getKey(), (long) e.getValue()[1]);
    }
    errors = ErrorAnalysis.defaults().analyse(evaluations);
    List<Evaluation> session = new ArrayList<>();
    List<String> reviewers = new ArrayList<>(List.of(Generator.REVIEWERS));
    reviewers.add(Generator.LEAD);
    double[][] byReviewer = new double[reviewers.size()][data.calibration().size()];
    for (int i = 0; i < data.calibration().size(); i++) {
      ReviewedCall r = data.calibration().get(i);
      for (int k = 0; k < reviewers.size(); k++) {
        Evaluation e = evaluation(r, reviewers.get(k), r.answersByReviewer().get(reviewers.get(k)));
        session.add(e);
        byReviewer[k][i] = e.result().score().map(BigDecimal::doubleValue).orElse(Double.NaN);
      }
    }
    deviations = Calibration.deviationsFromReference(session, Generator.LEAD);
    alpha =
        session.isEmpty()
            ? Double.NaN
            : Agreement.krippendorffAlpha(
                ReliabilityData.ofReviewersByItems(byReviewer), AlphaMetric.INTERVAL);
  }

  private Evaluation evaluation(ReviewedCall r, String reviewer, Map<String, String> answers) {
    Map<String, Answer> a = new LinkedHashMap<>();
    answers.forEach((k, v) -> a.put(k, v.equals("n/a") ? Answer.notApplicable() : Answer.of(v)));
    return Evaluation.of(checklist, r.interactionId(), r.agent(), reviewer, r.at(), a);
  }

  /** Erlang C for the main team's phone line: the average working day's calls per interval. */
  private void staffing() {
    Team main = data.teams().get(0);
    Map<LocalTime, long[]> perSlot = new TreeMap<>();
    java.util.Set<java.time.LocalDate> days = new java.util.HashSet<>();
    for (Call c : data.calls()) {
      if (c.team().equals(main.id())) {
        perSlot.computeIfAbsent(slotOf(c.offered(), main.calendar().zone()), k -> new long[1])[0]++;
        days.add(c.offered().atZone(main.calendar().zone()).toLocalDate());
      }
    }
    if (days.isEmpty()) {
      return;
    }
    Duration aht = handleTime.result().average().orElse(Duration.ofSeconds(230));
    List<IntervalForecast> forecast = new ArrayList<>();
    for (Map.Entry<LocalTime, long[]> e : perSlot.entrySet()) {
      forecast.add(
          IntervalForecast.of(
              e.getKey(),
              Workload.of(e.getValue()[0] / (double) days.size(), Generator.SLOT, aht)));
    }
    plan =
        StaffingPlan.erlangC(
            forecast, StaffingTarget.of(0.80, Duration.ofSeconds(20)).withShrinkage(0.25));
  }

  static int rosterAt(int[] roster, LocalTime slot) {
    return roster[slot.getHour() * 2 + slot.getMinute() / 30];
  }
}
