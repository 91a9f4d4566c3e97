package dev.servicekit.examples;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.CalendarJson;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaPolicyJson;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Loads an SLA policy set and a team calendar from JSON, replays one key-account ticket's history
 * through an incremental {@link SlaClock}, and prints the clock after every event: what a CRM shows
 * as "due in 2h 10m" and the single timer it should schedule ({@code nextTransition}).
 */
public final class SlaClockExample {

  private SlaClockExample() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    SlaPolicySet policies;
    BusinessCalendar team;
    try (InputStream p = resource("/sla-policy.json");
        InputStream c = resource("/team-calendar.json")) {
      policies = SlaPolicyJson.read(p);
      team = CalendarJson.read(c);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SlaClock clock = SlaClock.of(policies, Map.of("team", team), "TCK-1042");

    // Tuesday 2026-03-03, Europe/Berlin (UTC+1): a gold customer reports a major incident.
    Instant t0 = Instant.parse("2026-03-03T08:40:00Z");
    List<TicketEvent> history =
        List.of(
            new TicketEvent.Created(
                "TCK-1042",
                "ev-1",
                t0,
                Map.of("channel", "email", "tier", "gold", "severity", "major"),
                Set.of()),
            TicketEvent.AgentReply.internalNote("TCK-1042", "ev-2", t0.plus(min(20))).asAutomated(),
            TicketEvent.AgentReply.publicReply("TCK-1042", "ev-3", t0.plus(min(45))),
            new TicketEvent.StatusChanged("TCK-1042", "ev-4", t0.plus(min(50)), "analysis"),
            new TicketEvent.AttributeChanged(
                "TCK-1042", "ev-5", t0.plus(min(70)), "severity", "critical"),
            new TicketEvent.StatusChanged("TCK-1042", "ev-6", t0.plus(min(200)), "pending"),
            new TicketEvent.CustomerMessage("TCK-1042", "ev-7", t0.plus(min(1500))),
            new TicketEvent.StatusChanged("TCK-1042", "ev-8", t0.plus(min(1500)), "open"),
            TicketEvent.AgentReply.publicReply("TCK-1042", "ev-9", t0.plus(min(1530))),
            new TicketEvent.StatusChanged("TCK-1042", "ev-10", t0.plus(min(1560)), "solved"));

    for (TicketEvent e : history) {
      clock.accept(e);
      print(e, clock.evaluate(e.at()));
    }
    // A duplicate delivery is a no-op.
    System.out.println("duplicate ev-3 accepted again? " + clock.accept(history.get(2)));
  }

  private static void print(TicketEvent e, SlaEvaluation s) {
    System.out.printf(
        Locale.ROOT,
        "%s %-17s status=%-8s policy=%s priority=%s%n",
        e.at(),
        e.getClass().getSimpleName(),
        s.status(),
        s.policy(),
        s.priority().orElse("-"));
    for (MetricCycle c : s.cycles()) {
      System.out.printf(
          Locale.ROOT,
          "    %-16s #%d %-8s elapsed=%-8s remaining=%-8s %5.1f%%%s%s%s%n",
          c.metric(),
          c.cycle(),
          c.state(),
          c.elapsed(),
          c.remaining(),
          c.percentConsumed(),
          c.deadline().map(d -> " due=" + d).orElse(""),
          c.warningPercent() > 0 ? " warn=" + c.warningPercent() + "%" : "",
          c.escalation().map(l -> " escalate=L" + l.level() + "->" + l.recipient()).orElse(""));
    }
    System.out.println(
        "    next timer: " + s.nextTransition().map(Instant::toString).orElse("none needed"));
  }

  private static Duration min(long minutes) {
    return Duration.ofMinutes(minutes);
  }

  private static InputStream resource(String name) {
    InputStream in = SlaClockExample.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing resource " + name);
    }
    return in;
  }
}
