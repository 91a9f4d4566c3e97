package dev.servicekit.examples.showcase;

import dev.servicekit.kpi.NpsResult;
import dev.servicekit.kpi.PercentileResult;
import dev.servicekit.kpi.RatingResult;
import dev.servicekit.kpi.ServiceLevelAccumulator;
import dev.servicekit.kpi.ServiceLevelResult;
import dev.servicekit.kpi.ServiceLevelVariant;
import dev.servicekit.kpi.staffing.ErlangCResult;
import dev.servicekit.kpi.staffing.IntervalStaffing;
import dev.servicekit.qa.ScoreBand;
import dev.servicekit.qa.analytics.CriterionErrors;
import dev.servicekit.qa.analytics.ErrorPattern;
import dev.servicekit.qa.calibration.ReviewerDeviation;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The figures of a run, each with a stable key, a section, a label and its printed value: the
 * console prints them, and the HTML report carries the same values in {@code data-metric}
 * attributes, so that the two can be compared.
 */
final class Summary {

  /** One figure. */
  record Figure(String key, String section, String label, String value) {}

  /** What the SLA compliance figures by priority and by team count. */
  static final String COUNTED = "share of solved, closed or breached tickets that had no breach";

  /**
   * A band's name and range, {@code "fine [76, 95)"}; the upper bound is closed where the band
   * contains it (100 on the last band).
   */
  static String bandLabel(ScoreBand b) {
    return b.name()
        + " ["
        + b.from().intValue()
        + ", "
        + b.to().intValue()
        + (b.contains(b.to()) ? "]" : ")");
  }

  private final List<Figure> figures = new ArrayList<>();

  List<Figure> figures() {
    return List.copyOf(figures);
  }

  private void add(String key, String section, String label, String value) {
    figures.add(new Figure(key, section, label, value));
  }

  static Summary of(Analysis a) {
    Summary s = new Summary();
    String t = "Tickets";
    s.add("tickets.created", t, "tickets created", Long.toString(a.data.tickets().size()));
    s.add("tickets.solved", t, "solved", Long.toString(a.ticketsSolved));
    s.add("tickets.open", t, "still open at the end", Long.toString(a.ticketsOpen));
    s.add("tickets.reopened", t, "reopened", Long.toString(a.reopened));
    s.add("tickets.reprioritised", t, "re-prioritised", Long.toString(a.reprioritised));
    s.add("tickets.escalated", t, "escalated by hand", Long.toString(a.escalated));
    s.add("sla.events", t, "events fed to SLA clocks", Long.toString(a.events));
    s.add("sla.timers", t, "timers fired (warnings, breaches)", Long.toString(a.timersFired));
    s.add("sla.transitions", t, "SLA transitions reported", Long.toString(a.transitionsTotal));
    s.add(
        "sla.checkpoint",
        t,
        "clocks checkpointed at the mid-run restart",
        a.clocksCheckpointed + " (" + (a.checkpointBytes + 1023) / 1024 + " KiB)");

    // Analysis counts a ticket once it is solved or closed, or as soon as it has a breach; an open
    // ticket without a breach is not decided yet and not counted.
    String p = "SLA compliance by priority (" + COUNTED + ")";
    long decided = 0;
    long breached = 0;
    for (Map.Entry<String, long[]> e : a.byPriority.entrySet()) {
      s.add("sla.priority." + e.getKey(), p, e.getKey(), compliance(e.getValue()));
      decided += e.getValue()[0];
      breached += e.getValue()[1];
    }
    s.add("sla.all", p, "all priorities", compliance(new long[] {decided, breached}));
    String tm = "SLA compliance by team (" + COUNTED + ")";
    for (Map.Entry<String, long[]> e : a.byTeam.entrySet()) {
      s.add("sla.team." + e.getKey(), tm, e.getKey(), compliance(e.getValue()));
    }
    String mt = "SLA compliance by metric (cycles met)";
    for (Map.Entry<String, long[]> e : a.byMetric.entrySet()) {
      s.add("sla.metric." + e.getKey(), mt, e.getKey(), compliance(e.getValue()));
    }

    String k = "KPIs";
    RatingResult csat = a.csat.target().result();
    NpsResult nps = a.nps.target().result();
    s.add(
        "kpi.csat",
        k,
        "CSAT, satisfied share (final answers)",
        pct(csat.satisfiedPercent()) + " of " + csat.count());
    s.add(
        "kpi.csat.first",
        k,
        "CSAT, satisfied share (first answers)",
        pct(a.csatFirstAnswers.result().satisfiedPercent()));
    s.add("kpi.nps", k, "NPS (final answers)", num(nps.score()));
    s.add("kpi.nps.first", k, "NPS (first answers)", num(a.npsFirstAnswers.result().score()));
    s.add("kpi.revised", k, "survey answers revised", Long.toString(a.revisions));
    for (String channel : Generator.CHANNELS) {
      PercentileResult r = a.firstResponse.allTime(channel).result();
      s.add(
          "kpi.frt." + channel,
          k,
          (channel.equals("phone") ? "answer time" : "first response")
              + " p50 / p90, "
              + channel
              // the policy counts a call's answer time around the clock, replies on team hours
              + (channel.equals("phone") ? " (24/7)" : " (business time)"),
          millis(r.medianMillis()) + " / " + millis(r.p90Millis()));
    }
    ServiceLevelAccumulator calls = ServiceLevelAccumulator.create(Analysis.CALL_POLICY);
    for (String team : a.serviceLevel.groups()) {
      calls.merge(a.serviceLevel.allTime(team));
    }
    ServiceLevelResult sl = calls.result();
    s.add("kpi.calls", k, "calls offered", Long.toString(sl.offered()));
    s.add(
        "kpi.calls.sl",
        k,
        "service level 80/20 (abandons count as missed)",
        pct(sl.serviceLevelPercent(ServiceLevelVariant.ABANDONS_COUNT_AS_MISSED)));
    s.add("kpi.calls.abandoned", k, "abandoned calls", pct(sl.abandonmentPercent()));
    s.add("kpi.calls.asa", k, "average speed of answer", millis(sl.averageSpeedOfAnswerMillis()));
    s.add("kpi.aht", k, "average handle time", millis(a.handleTime.result().averageMillis()));

    String q = "QA: agents by band (" + a.evaluations.size() + " evaluations)";
    Map<ScoreBand, List<String>> byBand = new TreeMap<>((x, y) -> y.from().compareTo(x.from()));
    for (ScoreBand b : a.checklist.bands().bands()) {
      byBand.put(b, new ArrayList<>());
    }
    for (Map.Entry<String, Double> e : a.agentMeans.entrySet()) {
      ScoreBand b = a.checklist.bands().bandFor(BigDecimal.valueOf(e.getValue()));
      byBand.get(b).add(e.getKey());
    }
    for (Map.Entry<ScoreBand, List<String>> e : byBand.entrySet()) {
      ScoreBand b = e.getKey();
      s.add(
          "qa.band." + b.name(),
          q,
          bandLabel(b),
          e.getValue().size()
              + (e.getValue().isEmpty() ? "" : " " + e.getValue())
              + "; action: "
              + b.action());
    }
    String er = "QA: systemic vs individual errors";
    for (CriterionErrors c : a.errors) {
      String who = c.pattern() == ErrorPattern.INDIVIDUAL ? " " + c.agentsAtOrAbove(0.2) : "";
      s.add(
          "qa.errors." + c.criterionId(),
          er,
          c.criterionId(),
          c.pattern()
              + ", "
              + pct(OptionalDouble.of(100 * c.errorShare()))
              + " of answers, "
              + c.agentsAffected()
              + " of "
              + c.agentsObserved()
              + " agents"
              + who);
    }
    String rv =
        "QA: reviewer agreement (calibration session, " + a.data.calibration().size() + " calls)";
    s.add(
        "qa.alpha",
        rv,
        "Krippendorff's alpha (interval, all four reviewers)",
        Double.isNaN(a.alpha) ? "n/a" : String.format(Locale.ROOT, "%.2f", a.alpha));
    for (ReviewerDeviation d : a.deviations) {
      s.add(
          "qa.reviewer." + d.reviewerId(),
          rv,
          d.reviewerId() + " vs " + Generator.LEAD,
          String.format(
              Locale.ROOT,
              "%+.1f points on average (mean |difference| %.1f)",
              d.meanSignedScoreDeviation(),
              d.meanAbsoluteScoreDeviation()));
    }

    String st = "Staffing (" + a.data.teams().get(0).id() + " phone line, Erlang C, 80/20)";
    if (a.plan != null) {
      IntervalStaffing<ErlangCResult> peak = a.plan.intervals().get(0);
      List<String> shortSlots = new ArrayList<>();
      int shortBy = 0;
      for (IntervalStaffing<ErlangCResult> i : a.plan.intervals()) {
        if (i.requirement().agents() > peak.requirement().agents()) {
          peak = i;
        }
        int rostered = Analysis.rosterAt(a.data.roster(), i.start());
        int gap = i.requirement().agents() - rostered;
        if (gap > 0) {
          shortSlots.add(i.start() + " +" + gap);
          shortBy = Math.max(shortBy, gap);
        }
      }
      s.add(
          "staffing.peak",
          st,
          "peak requirement",
          peak.requirement().agents()
              + " on the phones, "
              + peak.requirement().scheduledAgents()
              + " scheduled (25 % shrinkage) at "
              + peak.start());
      s.add(
          "staffing.short",
          st,
          "intervals short of agents on the phones",
          shortSlots.isEmpty() ? "none" : shortSlots.size() + ": " + String.join(", ", shortSlots));
      s.add(
          "staffing.suggestion",
          st,
          "suggestion",
          shortSlots.isEmpty()
              ? "the roster covers every interval"
              : "move or add up to " + shortBy + " agents into the intervals above");
      ServiceLevelAccumulator worst = null;
      LocalTime worstAt = null;
      for (Map.Entry<LocalTime, ServiceLevelAccumulator> e : a.slBySlot.entrySet()) {
        double v =
            e.getValue()
                .result()
                .serviceLevelPercent(ServiceLevelVariant.ABANDONS_COUNT_AS_MISSED)
                .orElse(100);
        if (worst == null
            || v
                < worst
                    .result()
                    .serviceLevelPercent(ServiceLevelVariant.ABANDONS_COUNT_AS_MISSED)
                    .orElse(100)) {
          worst = e.getValue();
          worstAt = e.getKey();
        }
      }
      if (worst != null) {
        s.add(
            "staffing.worst",
            st,
            "worst measured interval",
            worstAt
                + ", service level "
                + pct(
                    worst
                        .result()
                        .serviceLevelPercent(ServiceLevelVariant.ABANDONS_COUNT_AS_MISSED)));
      }
    }
    return s;
  }

  void print(PrintStream out) {
    String section = null;
    int width = 0;
    for (Figure f : figures) {
      width = Math.max(width, f.label().length());
    }
    for (Figure f : figures) {
      if (!f.section().equals(section)) {
        section = f.section();
        out.println();
        out.println("== " + section);
      }
      out.println("  " + pad(f.label(), width) + "  " + f.value());
    }
  }

  private static String pad(String s, int width) {
    StringBuilder b = new StringBuilder(s).append(' ');
    while (b.length() < width + 2) {
      b.append('.');
    }
    return b.toString();
  }

  static String compliance(long[] decidedBreached) {
    long n = decidedBreached[0];
    long b = decidedBreached[1];
    if (n == 0) {
      return "no tickets";
    }
    return String.format(Locale.ROOT, "%.1f %% (%d breached of %d)", 100.0 * (n - b) / n, b, n);
  }

  static String pct(OptionalDouble v) {
    return v.isPresent() ? String.format(Locale.ROOT, "%.1f %%", v.getAsDouble()) : "n/a";
  }

  static String num(OptionalDouble v) {
    return v.isPresent() ? String.format(Locale.ROOT, "%.1f", v.getAsDouble()) : "n/a";
  }

  static String millis(OptionalDouble v) {
    return v.isPresent() ? duration(Duration.ofMillis(Math.round(v.getAsDouble()))) : "n/a";
  }

  /** "12 s", "4 min 05 s", "3 h 20 min": what a team lead reads. */
  static String duration(Duration d) {
    long s = d.plusMillis(500).getSeconds(); // rounded to the second, not cut (4.57 s is "5 s")
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
  }
}
