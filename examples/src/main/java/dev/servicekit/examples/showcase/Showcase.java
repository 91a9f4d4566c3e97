package dev.servicekit.examples.showcase;

import dev.servicekit.qa.Checklist;
import dev.servicekit.qa.ChecklistJson;
import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.CalendarJson;
import dev.servicekit.sla.SlaPolicyJson;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TimeRange;
import dev.servicekit.sla.holidays.BundledCalendars;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * The showcase: generates a few months of a support organisation (three teams in three time zones,
 * tickets on four channels, calls, surveys, QA reviews), runs it through servicekit as a CRM would,
 * prints a summary and writes one self-contained HTML report.
 *
 * <pre>
 * ./mvnw -q -pl examples -am package exec:java -DskipTests
 * ./mvnw -q -pl examples -am package exec:java -DskipTests -Dexample.args="--days 30 --seed 7"
 * </pre>
 */
public final class Showcase {

  /** The first day of the generated period: a Monday, before the Russian New Year holidays. */
  static final LocalDate FIRST_DAY = LocalDate.of(2025, 12, 1);

  /** The most days the bundled calendar data covers from {@link #FIRST_DAY}. */
  static final int MAX_DAYS = 365;

  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "Usage: Showcase [--days N] [--seed N] [--out FILE] [--help]",
          "  --days N    days of support to generate, 1.." + MAX_DAYS + " (default 90)",
          "  --seed N    random seed, any long (default 42); the same seed gives the same report",
          "  --out FILE  where to write the HTML report (default target/servicekit-showcase.html)",
          "  --help      print this help and exit");

  /** Where a developer goes from here: the code of this run, and how to embed the cores. */
  static final String NEXT =
      "This run's code is examples/src/main/java/dev/servicekit/examples/showcase;"
          + " README.md, \"Where to start\", shows how to embed servicekit in a CRM.";

  private Showcase() {}

  /** Parsed command line. */
  record Options(int days, long seed, Path out, boolean help) {}

  /**
   * Runs the showcase; exits with status 2 on a bad option.
   *
   * @param args the command line, see {@code --help}
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the showcase.
   *
   * @param args the command line
   * @param out where the summary goes
   * @param err where progress and errors go
   * @return 0 on success, 2 on a bad option
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      err.println("showcase: " + e.getMessage());
      err.println("Run with --help for the options.");
      return 2;
    }
    if (options.help()) {
      out.println(USAGE);
      return 0;
    }
    Path report = options.out().toAbsolutePath().normalize();
    if (Files.isDirectory(report)) { // known before the run: say so before the minutes of work
      err.println("showcase: --out " + report + " is a directory; give a file name");
      err.println("Run with --help for the options.");
      return 2;
    }
    String unwritable = unwritable(report); // likewise known before the run
    if (unwritable != null) {
      err.println("showcase: cannot write the report to " + report + ": " + unwritable);
      err.println("Run with --help for the options.");
      return 2;
    }
    Analysis analysis = analyse(options.days(), options.seed(), progress(err));
    Summary summary = Summary.of(analysis);
    out.println(
        "servicekit showcase: "
            + options.days()
            + " days from "
            + FIRST_DAY
            + ", seed "
            + options.seed());
    summary.print(out);
    String html = new HtmlReport(analysis, summary, options.seed()).render();
    try {
      if (report.getParent() != null) {
        Files.createDirectories(report.getParent());
      }
      Files.writeString(report, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("showcase: cannot write the report to " + report + ": " + why(e));
      return 1;
    }
    out.println();
    out.println("Report: " + report);
    // What to do next, beside the progress lines (stdout stays the summary and the report's path).
    err.println("Next: open " + report.toUri() + " in a browser. " + NEXT);
    return 0;
  }

  /**
   * Why the report cannot be written to {@code report}, or null if its folder can be made and a
   * file created in it: probed with a temporary file, which it deletes.
   */
  static String unwritable(Path report) {
    Path parent = report.getParent();
    if (parent == null) {
      return null;
    }
    try {
      Files.createDirectories(parent);
      Files.delete(Files.createTempFile(parent, ".servicekit-showcase", ".tmp"));
      return null;
    } catch (IOException | UnsupportedOperationException e) {
      return why(e);
    }
  }

  /** An I/O error as a reason: a file system error's message is often only the path. */
  private static String why(Exception e) {
    String reason =
        e instanceof java.nio.file.FileSystemException f && f.getReason() != null
            ? f.getReason()
            : null;
    return e.getClass().getSimpleName()
        + (reason != null
            ? " (" + reason + ")"
            : e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  static Options parse(String[] args) {
    int days = 90;
    long seed = 42;
    Path out = Path.of("target", "servicekit-showcase.html");
    boolean help = false;
    java.util.Set<String> given = new java.util.HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        value = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      }
      if ((arg.equals("--days") || arg.equals("--seed") || arg.equals("--out"))
          && !given.add(arg)) {
        throw new IllegalArgumentException(arg + " is given twice: give each option once");
      }
      switch (arg) {
        case "--help":
        case "-h":
          help = true;
          break;
        case "--days":
          value = value != null ? value : next(args, ++i, arg);
          days = (int) number(arg, value, 1, MAX_DAYS);
          break;
        case "--seed":
          value = value != null ? value : next(args, ++i, arg);
          seed = number(arg, value, Long.MIN_VALUE, Long.MAX_VALUE);
          break;
        case "--out":
          value = value != null ? value : next(args, ++i, arg);
          if (value.isBlank()) {
            throw new IllegalArgumentException("--out needs a file name, was empty");
          }
          try {
            out = Path.of(value);
          } catch (InvalidPathException e) {
            throw new IllegalArgumentException("--out is not a valid path: " + excerpt(value), e);
          }
          break;
        default:
          throw new IllegalArgumentException("unknown option " + excerpt(args[i]));
      }
    }
    return new Options(days, seed, out, help);
  }

  private static String next(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static long number(String option, String value, long min, long max) {
    long v;
    try {
      v = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option + " must be a whole number, was " + excerpt(value), e);
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException(option + " must be in " + min + ".." + max + ", was " + v);
    }
    return v;
  }

  private static String excerpt(String s) {
    String shown = s.length() <= 40 ? s : s.substring(0, 37) + "...";
    return "'" + shown + "'";
  }

  private static Generator.Progress progress(PrintStream err) {
    return (what, done, total) -> {
      // a line at every quarter, so a long run shows it is moving without flooding the console
      if (total >= 8 && (done * 4 / total) != ((done - 1) * 4 / total) || done == total) {
        err.printf(Locale.ROOT, "  [%s] %d/%d%n", what, done, total);
      }
    };
  }

  /** Generates the data and runs it through servicekit. */
  static Analysis analyse(int days, long seed, Generator.Progress progress) {
    SlaPolicySet policies;
    Checklist checklist;
    BusinessCalendar berlin;
    try (InputStream p = resource("sla-policy.json");
        InputStream c = resource("call-checklist.json");
        InputStream b = resource("berlin-calendar.json")) {
      policies = SlaPolicyJson.read(p);
      checklist = ChecklistJson.read(new String(c.readAllBytes(), StandardCharsets.UTF_8));
      berlin = CalendarJson.read(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    BusinessCalendar moscow =
        BusinessCalendar.builder(ZoneId.of("Europe/Moscow"))
            .id("moscow")
            .weekdays(TimeRange.parse("09:00-13:00"), TimeRange.parse("14:00-18:00"))
            .apply(BundledCalendars.russia(2025, 2026))
            .build();
    BusinessCalendar.Builder night =
        BusinessCalendar.builder(ZoneId.of("Asia/Novosibirsk")).id("novosibirsk-night");
    for (DayOfWeek d : DayOfWeek.values()) {
      night.hours(d, TimeRange.parse("20:00-08:00"));
    }
    List<Generator.Team> teams =
        List.of(
            new Generator.Team("moscow", moscow, 110, 380, 8),
            new Generator.Team("berlin", berlin, 70, 0, 6),
            new Generator.Team("novosibirsk-night", night.build(), 40, 0, 5));
    Generator.Dataset data = new Generator(seed, FIRST_DAY, days, teams).generate(progress);
    Analysis analysis = new Analysis(data, checklist);
    analysis.run(policies, progress);
    return analysis;
  }

  private static InputStream resource(String name) {
    InputStream in = Showcase.class.getResourceAsStream("/showcase/" + name);
    if (in == null) {
      throw new IllegalStateException("missing resource /showcase/" + name);
    }
    return in;
  }
}
