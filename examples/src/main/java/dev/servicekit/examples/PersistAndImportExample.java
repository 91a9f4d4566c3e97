package dev.servicekit.examples;

import dev.servicekit.sla.BusinessCalendar;
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
import dev.servicekit.sla.imports.ImportedHistory;
import dev.servicekit.sla.imports.ZendeskAudits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A CRM that keeps SLA clocks in its relational database between requests, and imports a ticket's
 * history from a Zendesk audits export. Each incoming event (a webhook) loads the ticket's
 * checkpoint, applies the event, and stores the checkpoint again, in one transaction; the report
 * then reads the last checkpoint. The database is H2 embedded in memory, reached through plain
 * JDBC, so any other database with a binary column works the same way.
 */
public final class PersistAndImportExample {

  private static final Map<String, BusinessCalendar> CALENDAR_HOURS = Map.of(); // 24/7

  private PersistAndImportExample() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   * @throws SQLException if the database fails
   */
  public static void main(String[] args) throws SQLException {
    SlaPolicySet policies = zendeskLikePolicies();
    ImportedHistory history;
    try (InputStream in =
        PersistAndImportExample.class.getResourceAsStream("/zendesk-audits.json")) {
      history = ZendeskAudits.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.printf(
        Locale.ROOT,
        "imported ticket %s: %d events; not mapped: %s%n",
        history.ticketId(),
        history.events().size(),
        history.ignored());

    try (Connection db = DriverManager.getConnection("jdbc:h2:mem:servicekit")) {
      try (var s = db.createStatement()) {
        s.execute(
            "CREATE TABLE sla_clock (ticket_id VARCHAR(64) PRIMARY KEY, checkpoint VARBINARY(65536))");
      }
      db.setAutoCommit(false);
      for (TicketEvent e : history.events()) { // one request per event, as webhooks arrive
        SlaClock clock =
            load(db, policies, e.ticketId())
                .orElseGet(() -> SlaClock.of(policies, CALENDAR_HOURS, e.ticketId()));
        clock.accept(e);
        save(db, clock);
        db.commit();
      }
      SlaClock clock = load(db, policies, history.ticketId()).orElseThrow();
      System.out.printf(
          Locale.ROOT,
          "checkpoint in the database: %d bytes for %d events%n",
          SlaClockSnapshot.toBytes(clock).length,
          clock.events().size());
      report(clock.evaluate(Instant.parse("2026-03-02T18:00:00Z")));
    }
  }

  private static Optional<SlaClock> load(Connection db, SlaPolicySet policies, String ticket)
      throws SQLException {
    try (PreparedStatement q =
        db.prepareStatement("SELECT checkpoint FROM sla_clock WHERE ticket_id = ?")) {
      q.setString(1, ticket);
      try (ResultSet r = q.executeQuery()) {
        return r.next()
            ? Optional.of(SlaClockSnapshot.fromBytes(policies, CALENDAR_HOURS, r.getBytes(1)))
            : Optional.empty();
      }
    }
  }

  private static void save(Connection db, SlaClock clock) throws SQLException {
    try (PreparedStatement u =
        db.prepareStatement(
            "MERGE INTO sla_clock (ticket_id, checkpoint) KEY (ticket_id) VALUES (?, ?)")) {
      u.setString(1, clock.ticketId());
      u.setBytes(2, SlaClockSnapshot.toBytes(clock));
      u.executeUpdate();
    }
  }

  private static void report(SlaEvaluation e) {
    System.out.printf(
        Locale.ROOT,
        "ticket %s at %s: status %s, priority %s%n",
        e.ticketId(),
        e.at(),
        e.status(),
        e.priority().orElse("-"));
    for (MetricCycle c : e.cycles()) {
      System.out.printf(
          Locale.ROOT,
          "  %-16s #%d %-9s elapsed %-8s target %-6s%s%n",
          c.metric(),
          c.cycle(),
          c.state(),
          hm(c.elapsed()),
          c.target().map(PersistAndImportExample::hm).orElse("none"),
          c.breachedBy().isZero() ? "" : " late by " + hm(c.breachedBy()));
    }
  }

  private static String hm(Duration d) {
    return d.toHours() + "h" + String.format(Locale.ROOT, "%02d", d.toMinutesPart()) + "m";
  }

  /**
   * Zendesk's metrics in calendar hours: first and next reply time (public agent comments; notes
   * and trigger comments do not count) and requester wait time (pauses in pending).
   */
  static SlaPolicySet zendeskLikePolicies() {
    String[] priorities = {"low", "normal", "high", "urgent"};
    long[] replyHours = {8, 4, 2, 1};
    PriorityMatrix.Builder m = PriorityMatrix.builder().defaultPriority("normal");
    for (String p : priorities) {
      m.cell(p, "any", p);
    }
    SlaPolicy.Builder p = SlaPolicy.builder("zendesk").matrix(m.build());
    for (int i = 0; i < priorities.length; i++) {
      p.target(priorities[i], SlaMetric.firstResponse(), Duration.ofHours(replyHours[i]));
      p.target(priorities[i], SlaMetric.nextResponse(), Duration.ofHours(replyHours[i]));
      p.target(priorities[i], SlaMetric.resolution(), Duration.ofHours(replyHours[i] * 4));
    }
    p.rule(MetricRule.builder(SlaMetric.resolution()).pauseOn("pending").build());
    return SlaPolicySet.builder()
        .statuses("new", "open", "pending", "hold", "solved", "closed")
        .solvedStatuses("solved", "closed")
        .internalNotesCount(false)
        .automatedRepliesCount(false)
        .defaultPolicy(p.build())
        .build();
  }
}
