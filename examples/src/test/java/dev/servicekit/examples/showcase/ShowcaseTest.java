package dev.servicekit.examples.showcase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The showcase's command line, its console summary and the report file (without a browser). */
class ShowcaseTest {

  /** What one run printed and returned. */
  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Showcase.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The console summary's figures, label to value, read from the printed lines. */
  static Map<String, String> consoleFigures(String out) {
    Map<String, String> figures = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^  (.+?) \\.+  (.*)$").matcher(out);
    while (m.find()) {
      figures.put(m.group(1), m.group(2));
    }
    return figures;
  }

  /** The report's figures, data-metric key to value, read from the file's text. */
  static Map<String, String> pageFigures(String html) {
    Map<String, String> figures = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("<th>([^<]*)</th><td data-metric=\"([^\"]+)\">([^<]*)</td>").matcher(html);
    while (m.find()) {
      figures.put(unescape(m.group(1)), unescape(m.group(3)));
    }
    return figures;
  }

  static String unescape(String s) {
    return s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
  }

  @Test
  void helpPrintsTheOptionsAndExitsZero() {
    Run r = run("--help");
    assertEquals(0, r.status());
    for (String option : List.of("--days", "--seed", "--out", "--help")) {
      assertTrue(r.out().contains(option), r.out());
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--days x       | --days must be a whole number, was 'x'",
        "--days 0       | --days must be in 1..365, was 0",
        "--days 366     | --days must be in 1..365, was 366",
        "--days         | --days needs a value",
        "--seed 1.5     | --seed must be a whole number, was '1.5'",
        "--colour       | unknown option '--colour'",
        "--out=         | --out needs a file name, was empty",
        "--days 30 --days=60 | --days is given twice: give each option once",
        "--seed 1 --seed 2   | --seed is given twice: give each option once"
      })
  void badOptionsExitWithTwoAndSayWhatIsWrong(String args, String message, @TempDir Path dir) {
    Run r = run(args.trim().split(" "));
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains(message), r.err());
    assertTrue(r.err().contains("--help"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void aReportThatCannotBeWrittenIsRefusedBeforeTheRun(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    Run r = run("--out", file.resolve("report.html").toString()); // a folder inside a file
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains("cannot write the report to "), r.err());
    assertTrue(r.err().contains("FileAlreadyExistsException"), r.err());
    assertFalse(r.err().contains("[generating]"), "no run: " + r.err());
    assertEquals("", r.out());
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList()); // nothing left behind
    }
  }

  @Test
  void aLongBadValueIsQuotedOnlyInPart() {
    Run r = run("--days", "9".repeat(5000));
    assertEquals(2, r.status());
    assertTrue(r.err().length() < 300, r.err());
  }

  @Test
  void aShortRunPrintsTheSummaryAndWritesOneSelfContainedReport(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("sub/report.html");
    Run r = run("--days", "14", "--seed", "7", "--out", file.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().strip().endsWith("Report: " + file.toAbsolutePath()), r.out());
    assertTrue(r.err().contains("[generating] 14/14"), "progress: " + r.err());
    assertTrue(
        r.err().strip().endsWith("Next: open " + file.toUri() + " in a browser. " + Showcase.NEXT),
        "what to do next: " + r.err());
    // the places it names exist (paths from the repository root; tests run in examples/)
    assertTrue(Files.isDirectory(Path.of("src/main/java/dev/servicekit/examples/showcase")));
    assertTrue(Files.readString(Path.of("../README.md")).contains("**Where to start.**"));
    String html = Files.readString(file);
    for (String external : List.of("http:", "https:", "//", "<script", "src=", "url(", "@import")) {
      assertFalse(
          html.replace("http://www.w3.org/2000/svg", "").contains(external),
          "the report must not load anything: found " + external);
    }
    for (String chart :
        List.of(
            "sla-over-time",
            "ticket-timeline",
            "response-percentiles",
            "qa-distribution",
            "error-heatmap",
            "survey-trend",
            "staffing")) {
      assertTrue(html.contains("<svg data-chart=\"" + chart + "\""), chart);
    }
    Map<String, String> console = consoleFigures(r.out());
    Map<String, String> page = pageFigures(html);
    assertTrue(page.size() > 40, "figures in the page: " + page.size());
    assertEquals(console, page);
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "1, 2", "2, 3", "3, 4"})
  void veryShortRunsStillPrintAndWriteEveryFigure(int days, long seed, @TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("r.html");
    Run r =
        run(
            "--days",
            Integer.toString(days),
            "--seed",
            Long.toString(seed),
            "--out",
            file.toString());
    assertEquals(0, r.status(), r.err());
    assertEquals(consoleFigures(r.out()), pageFigures(Files.readString(file)));
  }

  @Test
  void theSameSeedGivesTheSameReportAndAnotherSeedAnotherOne(@TempDir Path dir) throws Exception {
    Run a = run("--days", "5", "--seed", "3", "--out", dir.resolve("a.html").toString());
    Run b = run("--days", "5", "--seed", "3", "--out", dir.resolve("b.html").toString());
    Run c = run("--days", "5", "--seed", "4", "--out", dir.resolve("c.html").toString());
    assertEquals(Files.readString(dir.resolve("a.html")), Files.readString(dir.resolve("b.html")));
    assertEquals(consoleFigures(a.out()), consoleFigures(b.out()));
    assertFalse(consoleFigures(a.out()).equals(consoleFigures(c.out())));
  }

  @Test
  void bandLabelsCloseOnlyTheLastBandAtOneHundredAndComplianceSaysWhatItCounts() {
    Analysis a = Showcase.analyse(3, 5, (what, done, total) -> {});
    List<Summary.Figure> figures = Summary.of(a).figures();
    List<dev.servicekit.qa.ScoreBand> bands = a.checklist.bands().bands();
    for (int i = 0; i < bands.size(); i++) {
      dev.servicekit.qa.ScoreBand b = bands.get(i);
      String expected =
          b.name()
              + " ["
              + b.from().intValue()
              + ", "
              + b.to().intValue()
              + (i == bands.size() - 1 ? "]" : ")");
      assertTrue(
          figures.stream()
              .anyMatch(f -> f.key().equals("qa.band." + b.name()) && f.label().equals(expected)),
          expected);
    }
    assertTrue(Summary.bandLabel(bands.get(bands.size() - 1)).endsWith(", 100]"));
    for (Summary.Figure f : figures) {
      if (f.key().startsWith("sla.priority.")
          || f.key().equals("sla.all")
          || f.key().startsWith("sla.team.")) {
        assertTrue(
            f.section()
                .endsWith("(share of solved, closed or breached tickets that had no breach)"),
            f.section());
      }
    }
  }

  @Test
  void figuresAgreeWithCountsTakenDirectlyFromTheGeneratedData() {
    Analysis a = Showcase.analyse(10, 11, (what, done, total) -> {});
    Map<String, String> f = HtmlReport.metricsOf(Summary.of(a));
    Generator.Dataset d = a.data;
    // brute force, without servicekit: calls offered and abandoned, revised surveys
    long abandoned = d.calls().stream().filter(c -> !c.answered()).count();
    assertEquals(Long.toString(d.calls().size()), f.get("kpi.calls"));
    assertEquals(
        String.format(java.util.Locale.ROOT, "%.1f %%", 100.0 * abandoned / d.calls().size()),
        f.get("kpi.calls.abandoned"));
    assertEquals(
        Long.toString(d.surveys().stream().filter(Generator.Survey::revised).count()),
        f.get("kpi.revised"));
    assertEquals(Integer.toString(d.tickets().size()), f.get("tickets.created"));
    assertEquals(
        d.tickets().size(),
        Long.parseLong(f.get("tickets.solved")) + Long.parseLong(f.get("tickets.open")));
    long events = d.tickets().stream().mapToLong(t -> t.events().size()).sum();
    assertEquals(Long.toString(events), f.get("sla.events"));
    // every decided ticket is counted once by priority and once by team
    long byPriority = a.byPriority.values().stream().mapToLong(v -> v[0]).sum();
    long byTeam = a.byTeam.values().stream().mapToLong(v -> v[0]).sum();
    assertEquals(byPriority, byTeam);
    long breachedP = a.byPriority.values().stream().mapToLong(v -> v[1]).sum();
    long breachedT = a.byTeam.values().stream().mapToLong(v -> v[1]).sum();
    assertEquals(breachedP, breachedT);
    assertTrue(breachedP > 0 && breachedP < byPriority, breachedP + " of " + byPriority);
  }

  @Test
  void firstResponseLabelsNameTheCalendarThePolicyCountsOn() throws Exception {
    dev.servicekit.sla.SlaPolicySet policies;
    try (java.io.InputStream in = Showcase.class.getResourceAsStream("/showcase/sla-policy.json")) {
      policies = dev.servicekit.sla.SlaPolicyJson.read(in);
    }
    List<dev.servicekit.sla.SlaPolicy> all = new java.util.ArrayList<>(policies.policies());
    all.add(policies.defaultPolicy());
    Analysis a = Showcase.analyse(3, 5, (what, done, total) -> {});
    for (Summary.Figure f : Summary.of(a).figures()) {
      if (!f.key().startsWith("kpi.frt.")) {
        continue;
      }
      String channel = f.key().substring("kpi.frt.".length());
      dev.servicekit.sla.SlaMetric metric =
          channel.equals("phone")
              ? dev.servicekit.sla.SlaMetric.answerTime()
              : dev.servicekit.sla.SlaMetric.firstResponse();
      java.util.Set<String> calendars = new java.util.TreeSet<>();
      for (dev.servicekit.sla.SlaPolicy p : all) {
        for (String priority : policies.priorities()) {
          p.calendarFor(priority, channel, metric).ifPresent(calendars::add);
        }
      }
      String expected =
          calendars.equals(java.util.Set.of(dev.servicekit.sla.MetricRule.ALWAYS))
              ? "(24/7)"
              : "(business time)";
      assertEquals(java.util.Set.of(calendars.iterator().next()), calendars, channel);
      assertTrue(f.label().endsWith(expected), f.label() + " counted on " + calendars);
    }
  }
}
