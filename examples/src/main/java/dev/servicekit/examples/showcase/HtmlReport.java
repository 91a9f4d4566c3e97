package dev.servicekit.examples.showcase;

import dev.servicekit.kpi.OutcomeAccumulator;
import dev.servicekit.kpi.PercentileResult;
import dev.servicekit.kpi.WindowedKpi;
import dev.servicekit.kpi.staffing.ErlangCResult;
import dev.servicekit.kpi.staffing.IntervalStaffing;
import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.ScoreBand;
import dev.servicekit.qa.analytics.CriterionErrors;
import dev.servicekit.sla.SlaTransition;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes the report: one self-contained HTML file, no script, no external resource; every chart is
 * an inline SVG drawn here. Each chart is an {@code <svg data-chart="...">}; every figure of the
 * console summary is in an element with {@code data-metric="key"} whose text is the printed value.
 */
final class HtmlReport {

  private static final String[] SERIES = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#444"};
  private static final String[] BAND_COLOURS = {"#d62728", "#ff9f1c", "#8fbf4a", "#2ca02c"};
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

  private final Analysis a;
  private final Summary summary;
  private final long seed;
  private final StringBuilder out = new StringBuilder(200_000);

  HtmlReport(Analysis a, Summary summary, long seed) {
    this.a = a;
    this.summary = summary;
    this.seed = seed;
  }

  String render() {
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<title>servicekit showcase report</title>\n<style>\n")
        .append("body{font:14px/1.4 system-ui,sans-serif;margin:24px auto;max-width:1180px;")
        .append("color:#222;padding:0 16px}\n")
        .append("h1{font-size:24px;margin-bottom:4px}h2{font-size:18px;margin:28px 0 6px;")
        .append("border-bottom:1px solid #ddd}\n")
        .append(".grid{display:grid;grid-template-columns:1fr 1fr;gap:8px 32px}\n")
        .append("table{border-collapse:collapse;width:100%}td,th{padding:2px 6px;")
        .append("text-align:left;vertical-align:top;border-bottom:1px solid #eee}\n")
        .append("th{font-weight:normal;color:#555}caption{text-align:left;font-weight:bold;")
        .append("padding:8px 0 2px}\n")
        .append("svg{width:100%;height:auto;background:#fcfcfc;border:1px solid #eee}\n")
        .append("svg text{font:11px system-ui,sans-serif;fill:#333}\n")
        .append(".note{color:#666;font-size:12px}\n</style></head><body>\n");
    out.append("<h1>servicekit showcase</h1>\n<p class=\"note\">")
        .append(
            esc(
                a.data.tickets().size()
                    + " tickets, "
                    + a.data.calls().size()
                    + " calls, "
                    + a.data.surveys().size()
                    + " survey answers and "
                    + a.evaluations.size()
                    + " QA evaluations from "
                    + DAY.format(a.data.start().atZone(Analysis.REPORT_ZONE))
                    + " to "
                    + DAY.format(a.data.end().minusSeconds(1).atZone(Analysis.REPORT_ZONE))
                    + " ("
                    + Duration.between(a.data.start(), a.data.end()).toDays()
                    + " days, seed "
                    + seed
                    + "), generated and measured by servicekit. Teams: "))
        .append(esc(teamsLine()))
        .append("</p>\n");
    section("SLA compliance over time", "sla-over-time");
    slaOverTime();
    section("Per-ticket SLA timelines (from the clocks' transitions)", "ticket-timeline");
    timelines();
    out.append("<div class=\"grid\"><div>");
    section("Response times by channel", "response-percentiles");
    percentiles();
    out.append("</div><div>");
    section("NPS and CSAT by week, with revisions", "survey-trend");
    surveyTrend();
    out.append("</div><div>");
    section("QA score distribution and bands", "qa-distribution");
    qaDistribution();
    out.append("</div><div>");
    section("Required vs scheduled agents per interval", "staffing");
    staffing();
    out.append("</div></div>");
    section("QA error heatmap: error share per criterion and agent", "error-heatmap");
    heatmap();
    out.append("<h2>Summary (the console's figures)</h2>\n<div class=\"grid\">");
    figures();
    out.append(
        "</div>\n<p class=\"note\">Written by dev.servicekit.examples.showcase.Showcase."
            + " Self-contained: no script, no external resource.</p>\n</body></html>\n");
    return out.toString();
  }

  private String teamsLine() {
    List<String> parts = new ArrayList<>();
    for (Generator.Team t : a.data.teams()) {
      parts.add(t.id() + " (" + t.calendar().zone() + ")");
    }
    return String.join(", ", parts) + ".";
  }

  private void section(String title, String id) {
    out.append("<h2 id=\"").append(id).append("-title\">").append(esc(title)).append("</h2>\n");
  }

  private void figures() {
    String section = null;
    for (Summary.Figure f : summary.figures()) {
      if (!f.section().equals(section)) {
        if (section != null) {
          out.append("</table>");
        }
        section = f.section();
        out.append("<table><caption>").append(esc(section)).append("</caption>");
      }
      out.append("<tr><th>")
          .append(esc(f.label()))
          .append("</th><td data-metric=\"")
          .append(esc(f.key()))
          .append("\">")
          .append(esc(f.value()))
          .append("</td></tr>");
    }
    if (section != null) {
      out.append("</table>\n");
    }
  }

  // ---------------------------------------------------------------- charts

  private void slaOverTime() {
    WindowedKpi<String, OutcomeAccumulator> byPriority =
        a.compliance.rollUp(g -> g.substring(g.indexOf('|') + 1));
    TreeSet<Instant> weeks = new TreeSet<>();
    for (String p : byPriority.groups()) {
      weeks.addAll(byPriority.windows(p).keySet());
    }
    Svg svg = new Svg("sla-over-time", 1140, 300, 50, 20, 150, 40);
    if (weeks.isEmpty()) {
      svg.empty("no tickets decided");
      out.append(svg.end());
      return;
    }
    double x0 = weeks.first().toEpochMilli();
    double x1 = Math.max(x0 + 1, weeks.last().toEpochMilli());
    List<String> series = new ArrayList<>(List.of(Analysis.PRIORITIES));
    series.add("all");
    // the axis starts at 50 % or, if a week fell below it, at the tens below that week: no point
    // is drawn above its value (a 43.5 % week was drawn at 50 %)
    double lowest = 100;
    for (String p : series) {
      for (Instant w : weeks) {
        OutcomeAccumulator acc =
            p.equals("all") ? byPriority.total(w) : byPriority.window(p, w).orElse(null);
        if (acc != null && !acc.isEmpty()) {
          lowest = Math.min(lowest, acc.result().positivePercent().orElse(100));
        }
      }
    }
    double lo = Math.min(50, Math.max(0, Math.floor(lowest / 10) * 10));
    svg.yAxis(lo, 100, (int) Math.round((100 - lo) / 10), "%");
    for (Instant w : weeks) {
      svg.xTick(svg.x(w.toEpochMilli(), x0, x1), DAY.format(w.atZone(Analysis.REPORT_ZONE)));
    }
    for (int s = 0; s < series.size(); s++) {
      String p = series.get(s);
      List<double[]> pts = new ArrayList<>();
      for (Instant w : weeks) {
        OutcomeAccumulator acc =
            p.equals("all") ? byPriority.total(w) : byPriority.window(p, w).orElse(null);
        if (acc != null && !acc.isEmpty()) {
          double v = acc.result().positivePercent().orElse(Double.NaN);
          pts.add(new double[] {svg.x(w.toEpochMilli(), x0, x1), svg.y(v, lo, 100)});
        }
      }
      svg.polyline(pts, SERIES[s], p.equals("all") ? 3 : 1.5, null);
      svg.legend(s, SERIES[s], p.equals("all") ? "all priorities" : p);
    }
    svg.text(svg.left, 14, "share of tickets created that week with no breached SLA cycle", null);
    out.append(svg.end());
  }

  private void timelines() {
    int rows = 0;
    for (Analysis.TicketTimeline t : a.timelines) {
      rows += 1 + cycleKeys(t).size();
    }
    Svg svg = new Svg("ticket-timeline", 1140, Math.max(120, 40 + rows * 22 + 30), 170, 30, 20, 30);
    if (a.timelines.isEmpty()) {
      svg.empty("no ticket with a story in this run");
      out.append(svg.end());
      return;
    }
    int row = 0;
    for (Analysis.TicketTimeline t : a.timelines) {
      double t0 = t.created().toEpochMilli();
      double t1 = Math.max(t0 + 1, t.end().toEpochMilli());
      double y = svg.top + row * 22;
      svg.text(
          4,
          y + 14,
          t.ticketId()
              + " ("
              + t.channel()
              + ", "
              + t.team()
              + "): "
              + t.story()
              + "; "
              + TIME.format(t.created().atZone(Analysis.REPORT_ZONE))
              + " to "
              + TIME.format(t.end().atZone(Analysis.REPORT_ZONE))
              + " Moscow time",
          "bold");
      row++;
      for (String key : cycleKeys(t)) {
        y = svg.top + row * 22;
        svg.text(4, y + 14, key, null);
        Instant segStart = null;
        Instant pausedAt = null;
        boolean breached = false;
        for (SlaTransition tr : t.transitions()) {
          if (!key(tr).equals(key)) {
            continue;
          }
          double x = svg.x(tr.at().toEpochMilli(), t0, t1);
          switch (tr.kind()) {
            case STARTED:
            case RESUMED:
              if (pausedAt != null) {
                svg.bar(svg.x(pausedAt.toEpochMilli(), t0, t1), y + 7, x, 6, "#bbb");
                pausedAt = null;
              }
              segStart = tr.at();
              break;
            case PAUSED:
              if (segStart != null) {
                svg.bar(
                    svg.x(segStart.toEpochMilli(), t0, t1),
                    y + 4,
                    x,
                    12,
                    breached ? "#d62728" : "#4c9be8");
              }
              segStart = null;
              pausedAt = tr.at();
              break;
            case WARNING:
              // above the bar, so that a warning reached as the cycle is met or breached (or
              // within a pixel of it) is not hidden under that dot
              svg.marker(x, y + 1, 3, "#ff9f1c", "warning " + tr.warningPercent() + " %");
              break;
            case BREACHED:
              if (segStart != null) {
                svg.bar(svg.x(segStart.toEpochMilli(), t0, t1), y + 4, x, 12, "#4c9be8");
                segStart = tr.at();
              }
              breached = true;
              svg.marker(x, y + 10, "#d62728", "breached");
              break;
            default: // ACHIEVED, CANCELLED: the cycle stopped
              if (segStart != null) {
                svg.bar(
                    svg.x(segStart.toEpochMilli(), t0, t1),
                    y + 4,
                    x,
                    12,
                    breached ? "#d62728" : "#4c9be8");
              }
              segStart = null;
              svg.marker(
                  x,
                  y + 10,
                  tr.kind() == SlaTransition.Kind.ACHIEVED ? "#2ca02c" : "#888",
                  tr.kind().name().toLowerCase(Locale.ROOT));
          }
        }
        if (segStart != null) {
          svg.bar(
              svg.x(segStart.toEpochMilli(), t0, t1),
              y + 4,
              svg.left + svg.plotWidth(),
              12,
              breached ? "#d62728" : "#4c9be8");
        }
        row++;
      }
    }
    double ly = svg.height - 12;
    svg.rect(svg.left, ly - 9, 14, 10, "#4c9be8", null);
    svg.text(svg.left + 18, ly, "running", null);
    svg.rect(svg.left + 80, ly - 9, 14, 10, "#d62728", null);
    svg.text(svg.left + 98, ly, "running, breached", null);
    svg.rect(svg.left + 210, ly - 7, 14, 6, "#bbb", null);
    svg.text(svg.left + 228, ly, "paused", null);
    svg.text(
        svg.left + 290,
        ly,
        "dots: warning (orange), breach (red), met (green);"
            + " gaps: not running (e.g. no customer message waiting)",
        null);
    out.append(svg.end());
  }

  private static List<String> cycleKeys(Analysis.TicketTimeline t) {
    List<String> keys = new ArrayList<>();
    for (SlaTransition tr : t.transitions()) {
      if (!keys.contains(key(tr))) {
        keys.add(key(tr));
      }
    }
    return keys;
  }

  private static String key(SlaTransition tr) {
    return Analysis.name(tr.metric()) + " #" + (tr.cycle() + 1);
  }

  private void percentiles() {
    Svg svg = new Svg("response-percentiles", 560, 300, 60, 30, 20, 40);
    double lo = Math.log10(1_000); // 1 s
    double hi = Math.log10(48 * 3_600_000.0); // 48 h
    String[] ticks = {"1 s", "10 s", "1 min", "10 min", "1 h", "10 h"};
    double[] tickMillis = {1_000, 10_000, 60_000, 600_000, 3_600_000, 36_000_000};
    for (int i = 0; i < ticks.length; i++) {
      double y = svg.y(Math.log10(tickMillis[i]), lo, hi);
      svg.hline(y, "#eee");
      svg.text(4, y + 4, ticks[i], null);
    }
    String[] names = {"p50", "p90", "p99"};
    int c = 0;
    double groupW = svg.plotWidth() / Generator.CHANNELS.length;
    for (String channel : Generator.CHANNELS) {
      PercentileResult r = a.firstResponse.allTime(channel).result();
      double[] v = {
        r.medianMillis().orElse(Double.NaN),
        r.p90Millis().orElse(Double.NaN),
        r.p99Millis().orElse(Double.NaN)
      };
      double gx = svg.left + c * groupW;
      for (int i = 0; i < 3; i++) {
        if (Double.isNaN(v[i])) {
          continue;
        }
        double y = svg.y(Math.log10(Math.max(1_000, v[i])), lo, hi);
        double x = gx + 10 + i * (groupW - 20) / 3;
        svg.rect(
            x,
            y,
            (groupW - 20) / 3 - 4,
            svg.bottom() - y,
            SERIES[i],
            channel + " " + names[i] + " " + Summary.duration(Duration.ofMillis((long) v[i])));
      }
      svg.text(gx + 6, svg.bottom() + 16, channel + " (" + r.count() + ")", null);
      c++;
    }
    for (int i = 0; i < 3; i++) {
      svg.legendAt(svg.left + 280 + i * 50, 14, SERIES[i], names[i]);
    }
    svg.text(svg.left, 14, "first response per ticket, log scale", null);
    svg.text(
        svg.left, svg.bottom() + 32, "phone: the answer time of the ticket's first call", null);
    out.append(svg.end());
  }

  private void surveyTrend() {
    Svg svg = new Svg("survey-trend", 560, 300, 40, 30, 40, 40);
    if (a.surveyTrend.isEmpty()) {
      svg.empty("no survey answers");
      out.append(svg.end());
      return;
    }
    double x0 = a.surveyTrend.firstKey().toEpochMilli();
    double x1 = Math.max(x0 + 1, a.surveyTrend.lastKey().toEpochMilli());
    // CSAT % on the left, 0..100; NPS on the right on its own scale, -100..100 (a score can be
    // negative), the gridlines shared.
    svg.yAxis(0, 100, 5, "");
    for (int i = 0; i <= 5; i++) {
      double v = -100 + 200.0 * i / 5;
      svg.text(
          svg.left + svg.plotWidth() + 4,
          svg.y(v, -100, 100) + 4,
          String.format(Locale.ROOT, "%.0f", v),
          null);
    }
    svg.text(svg.left + svg.plotWidth() - 20, svg.top - 8, "NPS", null);
    svg.text(4, svg.top - 8, "CSAT %", null);
    String[] labels = {
      "CSAT % (final)", "CSAT % (first answers)", "NPS (final)", "NPS (first answers)"
    };
    String[] colours = {SERIES[0], SERIES[0], SERIES[1], SERIES[1]};
    for (int s = 0; s < 4; s++) {
      List<double[]> pts = new ArrayList<>();
      for (Map.Entry<Instant, double[]> e : a.surveyTrend.entrySet()) {
        double v = e.getValue()[s];
        if (!Double.isNaN(v)) {
          pts.add(
              new double[] {
                svg.x(e.getKey().toEpochMilli(), x0, x1),
                s < 2 ? svg.y(v, 0, 100) : svg.y(v, -100, 100)
              });
        }
      }
      svg.polyline(pts, colours[s], s % 2 == 0 ? 2.5 : 1.2, s % 2 == 0 ? null : "4 3");
      svg.legendAt(
          svg.left + 4 + (s % 2) * 150, svg.top + 12 + (s / 2) * 14, colours[s], labels[s]);
    }
    svg.text(
        svg.left,
        svg.bottom() + 16,
        DAY.format(a.surveyTrend.firstKey().atZone(Analysis.REPORT_ZONE)),
        null);
    svg.text(
        svg.left + svg.plotWidth() - 40,
        svg.bottom() + 16,
        DAY.format(a.surveyTrend.lastKey().atZone(Analysis.REPORT_ZONE)),
        null);
    out.append(svg.end());
  }

  private void qaDistribution() {
    Svg svg = new Svg("qa-distribution", 560, 300, 40, 30, 20, 40);
    int[] bins = new int[20];
    for (Evaluation e : a.evaluations) {
      e.result().score().ifPresent(s -> bins[Math.min(19, s.intValue() / 5)]++);
    }
    int max = 1;
    for (int b : bins) {
      max = Math.max(max, b);
    }
    List<ScoreBand> bands = a.checklist.bands().bands();
    double w = svg.plotWidth() / 20;
    for (int i = 0; i < 20; i++) {
      ScoreBand band = a.checklist.bands().bandFor(BigDecimal.valueOf(i * 5L));
      double y = svg.y(bins[i], 0, max);
      svg.rect(
          svg.left + i * w + 1,
          y,
          w - 2,
          svg.bottom() - y,
          BAND_COLOURS[bands.indexOf(band) % BAND_COLOURS.length],
          (i * 5) + "-" + (i * 5 + 5) + ": " + bins[i] + " evaluations");
      if (i % 2 == 0) {
        svg.text(svg.left + i * w, svg.bottom() + 14, Integer.toString(i * 5), null);
      }
    }
    for (int i = 0; i < bands.size(); i++) {
      ScoreBand b = bands.get(i);
      double x = svg.left + b.from().doubleValue() / 5 * w;
      svg.vline(x, "#555");
      svg.legendAt(
          svg.left + 4 + i * 120,
          svg.top - 14,
          BAND_COLOURS[i],
          b.name() + " >= " + b.from().intValue());
    }
    svg.text(4, svg.top + 8, Integer.toString(max), null);
    out.append(svg.end());
  }

  private void heatmap() {
    TreeSet<String> agents = new TreeSet<>(a.agentMeans.keySet());
    List<CriterionErrors> rows = a.errors;
    double cell = Math.min(40, 1000.0 / Math.max(1, agents.size()));
    Svg svg = new Svg("error-heatmap", 1140, 60 + rows.size() * 26 + 60, 170, 20, 20, 60);
    if (agents.isEmpty()) {
      svg.empty("no QA evaluations");
      out.append(svg.end());
      return;
    }
    int r = 0;
    for (CriterionErrors c : rows) {
      double y = svg.top + r * 26;
      svg.text(
          4,
          y + 16,
          c.criterionId() + " (" + c.pattern().name().toLowerCase(Locale.ROOT) + ")",
          null);
      int col = 0;
      for (String agent : agents) {
        Double share = c.agentErrorShares().get(agent);
        String colour = share == null ? "#f4f4f4" : heat(share);
        svg.rect(
            svg.left + col * cell,
            y,
            cell - 2,
            24,
            colour,
            agent
                + " "
                + c.criterionId()
                + ": "
                + (share == null ? "n/a" : Math.round(share * 100) + " % errors"));
        col++;
      }
      r++;
    }
    int col = 0;
    for (String agent : agents) {
      double x = svg.left + col * cell + cell / 2;
      double y = svg.top + rows.size() * 26 + 8;
      svg.rotated(x, y, agent);
      col++;
    }
    double ly = svg.height - 10;
    for (int i = 0; i <= 5; i++) {
      svg.rect(svg.left + i * 40, ly - 10, 38, 10, heat(i / 10.0), null);
      svg.text(svg.left + i * 40 + 4, ly - 13, (i * 10) + (i == 5 ? "+ %" : " %"), null);
    }
    out.append(svg.end());
  }

  private static String heat(double share) {
    double t = Math.min(1, share / 0.5);
    int red = 255;
    int green = (int) Math.round(245 - 180 * t);
    int blue = (int) Math.round(235 - 200 * t);
    return String.format(Locale.ROOT, "#%02x%02x%02x", red, green, blue);
  }

  private void staffing() {
    Svg svg = new Svg("staffing", 560, 300, 40, 30, 20, 40);
    if (a.plan == null) {
      svg.empty("no calls");
      out.append(svg.end());
      return;
    }
    List<IntervalStaffing<ErlangCResult>> iv = a.plan.intervals();
    int max = 1;
    for (IntervalStaffing<ErlangCResult> i : iv) {
      max = Math.max(max, i.requirement().scheduledAgents());
      max = Math.max(max, Analysis.rosterAt(a.data.roster(), i.start()));
    }
    int step = Math.max(1, (max + 6) / 7); // whole agents on the axis
    max = step * ((max + step - 1) / step);
    svg.yAxis(0, max, max / step, "");
    double w = svg.plotWidth() / iv.size();
    List<double[]> need = new ArrayList<>();
    List<double[]> sched = new ArrayList<>();
    for (int k = 0; k < iv.size(); k++) {
      IntervalStaffing<ErlangCResult> i = iv.get(k);
      int rostered = Analysis.rosterAt(a.data.roster(), i.start());
      double y = svg.y(rostered, 0, max);
      boolean shortOf = rostered < i.requirement().agents();
      svg.rect(
          svg.left + k * w + 2,
          y,
          w - 4,
          svg.bottom() - y,
          shortOf ? "#f4a6a6" : "#c7dcef",
          i.start()
              + ": "
              + rostered
              + " on the phones, "
              + i.requirement().agents()
              + " needed, "
              + i.requirement().scheduledAgents()
              + " to schedule");
      double cx = svg.left + k * w + w / 2;
      need.add(new double[] {cx, svg.y(i.requirement().agents(), 0, max)});
      sched.add(new double[] {cx, svg.y(i.requirement().scheduledAgents(), 0, max)});
      if (k % 3 == 0) {
        svg.text(svg.left + k * w, svg.bottom() + 14, i.start().toString(), null);
      }
    }
    svg.polyline(need, "#d62728", 2.5, null);
    svg.polyline(sched, "#555", 1.5, "4 3");
    svg.legendAt(svg.left + 4, svg.top - 14, "#c7dcef", "rostered (red: short)");
    svg.legendAt(svg.left + 160, svg.top - 14, "#d62728", "needed on phones");
    svg.legendAt(svg.left + 300, svg.top - 14, "#555", "to schedule (25 % shrinkage)");
    out.append(svg.end());
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<':
          b.append("&lt;");
          break;
        case '>':
          b.append("&gt;");
          break;
        case '&':
          b.append("&amp;");
          break;
        case '"':
          b.append("&quot;");
          break;
        default:
          b.append(c);
      }
    }
    return b.toString();
  }

  /** A tiny SVG canvas with a plot area. */
  private final class Svg {
    final int width;
    final int height;
    final double left;
    final double top;
    final double right;
    final double bottomMargin;
    final StringBuilder b = new StringBuilder();
    final StringBuilder overlay = new StringBuilder(); // markers, drawn above the bars

    Svg(String id, int width, int height, double left, double top, double right, double bottom) {
      this.width = width;
      this.height = height;
      this.left = left;
      this.top = top;
      this.right = right;
      this.bottomMargin = bottom;
      b.append("<svg data-chart=\"")
          .append(id)
          .append("\" viewBox=\"0 0 ")
          .append(width)
          .append(' ')
          .append(height)
          .append("\" role=\"img\" aria-labelledby=\"")
          .append(id)
          .append("-title\">");
    }

    double plotWidth() {
      return width - left - right;
    }

    double bottom() {
      return height - bottomMargin;
    }

    double x(double v, double v0, double v1) {
      return left + (v - v0) / (v1 - v0) * plotWidth();
    }

    double y(double v, double v0, double v1) {
      return bottom() - (v - v0) / (v1 - v0) * (bottom() - top);
    }

    void yAxis(double lo, double hi, int steps, String unit) {
      for (int i = 0; i <= steps; i++) {
        double v = lo + (hi - lo) * i / steps;
        double y = y(v, lo, hi);
        hline(y, "#e4e4e4");
        text(
            4,
            y + 4,
            String.format(Locale.ROOT, "%.0f%s", v, unit.isEmpty() ? "" : " " + unit),
            null);
      }
    }

    void xTick(double x, String label) {
      b.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" " + "stroke=\"#999\"/>",
              x,
              bottom(),
              x,
              bottom() + 4));
      text(x - 14, bottom() + 16, label, null);
    }

    void hline(double y, String colour) {
      b.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" " + "stroke=\"%s\"/>",
              left,
              y,
              left + plotWidth(),
              y,
              colour));
    }

    void vline(double x, String colour) {
      b.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                  + "stroke=\"%s\" stroke-dasharray=\"3 2\"/>",
              x,
              top,
              x,
              bottom(),
              colour));
    }

    void rect(double x, double y, double w, double h, String fill, String title) {
      b.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">",
              x,
              y,
              Math.max(w, 1),
              Math.max(h, 0.5),
              fill));
      if (title != null) {
        b.append("<title>").append(esc(title)).append("</title>");
      }
      b.append("</rect>");
    }

    void bar(double x0, double y, double x1, double h, String fill) {
      rect(x0, y, Math.max(1.5, x1 - x0), h, fill, null);
    }

    void marker(double x, double y, String fill, String title) {
      marker(x, y, 4.5, fill, title);
    }

    void marker(double x, double y, double r, String fill, String title) {
      overlay
          .append(
              String.format(
                  Locale.ROOT,
                  "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" stroke=\"#fff\"><title>",
                  x,
                  y,
                  r,
                  fill))
          .append(esc(title))
          .append("</title></circle>");
    }

    void polyline(List<double[]> pts, String colour, double width, String dash) {
      if (pts.isEmpty()) {
        return;
      }
      StringBuilder p = new StringBuilder();
      for (double[] pt : pts) {
        p.append(String.format(Locale.ROOT, "%.1f,%.1f ", pt[0], pt[1]));
      }
      b.append("<polyline fill=\"none\" stroke=\"")
          .append(colour)
          .append("\" stroke-width=\"")
          .append(width)
          .append('"');
      if (dash != null) {
        b.append(" stroke-dasharray=\"").append(dash).append('"');
      }
      b.append(" points=\"").append(p.toString().trim()).append("\"/>");
      for (double[] pt : pts) {
        b.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"%s\"/>",
                pt[0],
                pt[1],
                colour));
      }
    }

    void legend(int i, String colour, String label) {
      legendAt(width - right + 10, top + 10 + i * 16, colour, label);
    }

    void legendAt(double x, double y, String colour, String label) {
      rect(x, y - 8, 12, 8, colour, null);
      text(x + 16, y, label, null);
    }

    void text(double x, double y, String s, String cls) {
      b.append(
              String.format(
                  Locale.ROOT,
                  "<text x=\"%.1f\" y=\"%.1f\"%s>",
                  x,
                  y,
                  cls == null ? "" : " font-weight=\"bold\""))
          .append(esc(s))
          .append("</text>");
    }

    void rotated(double x, double y, String s) {
      b.append(
              String.format(
                  Locale.ROOT,
                  "<text x=\"%.1f\" y=\"%.1f\" transform=\"rotate(60 %.1f %.1f)\">",
                  x,
                  y,
                  x,
                  y))
          .append(esc(s))
          .append("</text>");
    }

    void empty(String why) {
      text(left, top + 20, why, null);
    }

    String end() {
      return b.append(overlay).append("</svg>\n").toString();
    }
  }

  static Map<String, String> metricsOf(Summary s) {
    Map<String, String> m = new TreeMap<>();
    for (Summary.Figure f : s.figures()) {
      m.put(f.key(), f.value());
    }
    return m;
  }
}
