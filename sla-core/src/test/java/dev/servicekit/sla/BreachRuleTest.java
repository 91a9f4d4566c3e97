package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.h;
import static dev.servicekit.sla.Fixtures.mon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The two rules for the breach instant: breach at vs after the deadline ({@link BreachRule}), and
 * for a target used up exactly at a calendar close, deadline at the close vs at the next opening
 * ({@link ClosingRule}); in evaluation, in {@code nextTransition} and in JSON.
 */
class BreachRuleTest {

  private final Fixtures.Ticket t = new Fixtures.Ticket("T1");
  private static final SlaMetric FR = SlaMetric.firstResponse();

  /** First reply 1 h on the given calendar key ("team" is Mon-Fri 09:00-17:00 UTC). */
  private static SlaPolicySet set(String calendar, BreachRule breach, ClosingRule closing) {
    return Fixtures.statusModel()
        .breachRule(breach)
        .closingRule(closing)
        .defaultPolicy(
            SlaPolicy.builder("standard")
                .matrix(PriorityMatrix.constant("normal"))
                .target("normal", FR, h(1))
                .rule(MetricRule.builder(FR).calendar(calendar).build())
                .build())
        .build();
  }

  private static MetricCycle first(SlaClock clock, Instant now) {
    return clock.evaluate(now).cycles(FR).get(0);
  }

  private SlaClock clock(SlaPolicySet set, TicketEvent... events) {
    SlaClock c = Fixtures.clock(set, "T1");
    for (TicketEvent e : events) {
      c.accept(e);
    }
    return c;
  }

  // Default (and Zendesk's "breach after the target is exceeded"): at the deadline instant the
  // cycle is still within target; breached one nanosecond later, which is when the timer fires.
  @Test
  void afterDeadlineBreachesOneNanosecondAfterTheDeadline() {
    SlaClock c =
        clock(set(MetricRule.ALWAYS, BreachRule.AFTER_DEADLINE, ClosingRule.AT_CLOSE), created());
    assertEquals(CycleState.ACTIVE, first(c, mon(10, 0)).state());
    assertEquals(Optional.of(mon(10, 0).plusNanos(1)), c.nextTransition(mon(9, 30)));
    MetricCycle late = first(c, mon(10, 0).plusNanos(1));
    assertEquals(CycleState.BREACHED, late.state());
    assertEquals(Optional.of(mon(10, 0).plusNanos(1)), late.breachedAt());
  }

  // ServiceNow, "SLA duration types" (servicenow.com/docs, Washington DC release, Service Level
  // Management): the duration is "the length of time that an SLA must run before it is marked as
  // breached", so once it has run its whole duration (at the breach time) it is breached. Zammad
  // counts a ticket as escalated once its escalation_at is reached (the issue quotes
  // `escalation_at <= now`); the Zammad code we could read (app/models/ticket.rb,
  // Ticket.process_escalation) selects tickets with `escalation_at <= now + 15 minutes` and sends
  // the escalation notification for `escalation_at < now`, so only the selection, not the
  // notification, is documented at the instant itself.
  @Test
  void atDeadlineBreachesAtTheDeadlineInstantAndTheTimerFiresThen() {
    SlaClock c =
        clock(set(MetricRule.ALWAYS, BreachRule.AT_DEADLINE, ClosingRule.AT_CLOSE), created());
    assertEquals(CycleState.ACTIVE, first(c, mon(10, 0).minusNanos(1)).state());
    assertEquals(Optional.of(mon(10, 0)), c.nextTransition(mon(9, 30)));
    MetricCycle at = first(c, mon(10, 0));
    assertEquals(CycleState.BREACHED, at.state());
    assertEquals(Optional.of(mon(10, 0)), at.breachedAt());
    assertEquals(Optional.of(mon(10, 0)), at.deadline());
    assertEquals(Optional.of(Duration.ZERO), at.signedRemaining());
  }

  // A reply exactly at the deadline stops the cycle at that instant, so it no longer runs when the
  // deadline is reached: met under both rules (Zammad's first_response_diff_in_min is then 0,
  // not negative).
  @Test
  void aReplyExactlyAtTheDeadlineMeetsTheTargetUnderBothRules() {
    for (BreachRule rule : BreachRule.values()) {
      SlaClock c =
          clock(set(MetricRule.ALWAYS, rule, ClosingRule.AT_CLOSE), created(), replyAt(10, 0));
      MetricCycle m = first(c, mon(12, 0));
      assertEquals(CycleState.ACHIEVED, m.state(), rule.name());
      assertEquals(Optional.of(mon(10, 0)), m.metAt(), rule.name());
    }
  }

  // A cycle paused exactly at its deadline and resumed later breaches at the resume under both
  // rules: it was not running at the deadline instant.
  @Test
  void aCyclePausedAtItsDeadlineBreachesWhenItResumes() {
    SlaMetric res = SlaMetric.resolution();
    for (BreachRule rule : BreachRule.values()) {
      SlaPolicySet s =
          Fixtures.statusModel()
              .breachRule(rule)
              .defaultPolicy(
                  SlaPolicy.builder("standard")
                      .matrix(PriorityMatrix.constant("normal"))
                      .target("normal", res, h(1))
                      .rule(MetricRule.builder(res).pauseOn("pending").build())
                      .build())
              .build();
      Fixtures.Ticket tk = new Fixtures.Ticket("T1");
      SlaClock c = Fixtures.clock(s, "T1");
      c.accept(tk.created(mon(9, 0)));
      c.accept(tk.status(mon(10, 0), "pending"));
      assertEquals(CycleState.PAUSED, c.evaluate(mon(11, 0)).cycles(res).get(0).state());
      c.accept(tk.status(mon(11, 0), "open"));
      // due at the resume, so breached then under AT_DEADLINE and a nanosecond later otherwise
      MetricCycle m = c.evaluate(mon(11, 0)).cycles(res).get(0);
      assertEquals(Optional.of(mon(11, 0)), m.deadline(), rule.name());
      Instant breach = rule == BreachRule.AT_DEADLINE ? mon(11, 0) : mon(11, 0).plusNanos(1);
      MetricCycle later = c.evaluate(mon(11, 1)).cycles(res).get(0);
      assertEquals(CycleState.BREACHED, later.state(), rule.name());
      assertEquals(Optional.of(breach), later.breachedAt(), rule.name());
      assertEquals(
          rule == BreachRule.AT_DEADLINE ? CycleState.BREACHED : CycleState.ACTIVE,
          m.state(),
          rule.name());
    }
  }

  // dbt_zendesk (github.com/fivetran/dbt_zendesk, models/sla_policy/reply_time/
  // int_zendesk__reply_time_business_hours.sql): a reply-time SLA is flagged as breached in the
  // first schedule period where the remaining target goes strictly below zero after a period that
  // left it at zero or more, and sla_breach_at is that period's end plus the (negative) remaining
  // minutes. A target used up exactly at a period's end leaves zero, so the breach falls in the
  // next period, at its start: the next opening. (The same package's agent-work-time model counts
  // a remaining of exactly zero as breached in its own period: the close, our default.)
  @Test
  void aTargetUsedUpAtACloseIsDueAtTheNextOpeningUnderAtNextOpening() {
    // Monday 16:00 + 1 h of 09:00-17:00 time = Monday 17:00, the close.
    SlaClock atClose =
        clock(set("team", BreachRule.AFTER_DEADLINE, ClosingRule.AT_CLOSE), createdAt(16, 0));
    assertEquals(Optional.of(mon(17, 0)), first(atClose, mon(16, 30)).deadline());
    assertEquals(Optional.of(mon(17, 0).plusNanos(1)), atClose.nextTransition(mon(16, 30)));
    assertEquals(CycleState.BREACHED, first(atClose, mon(17, 30)).state());

    SlaClock nextOpening =
        clock(
            set("team", BreachRule.AFTER_DEADLINE, ClosingRule.AT_NEXT_OPENING), createdAt(16, 0));
    assertEquals(Optional.of(mon(1, 9, 0)), first(nextOpening, mon(16, 30)).deadline());
    assertEquals(CycleState.ACTIVE, first(nextOpening, mon(17, 30)).state());
    assertEquals(Optional.of(mon(1, 9, 0).plusNanos(1)), nextOpening.nextTransition(mon(17, 30)));
    MetricCycle late = first(nextOpening, mon(1, 9, 0).plusNanos(1));
    assertEquals(CycleState.BREACHED, late.state());
    assertEquals(Optional.of(mon(1, 9, 0).plusNanos(1)), late.breachedAt());
  }

  @Test
  void aReplyWhileClosedAfterAnExhaustedTargetIsOnTimeUnderAtNextOpening() {
    SlaPolicySet s = set("team", BreachRule.AT_DEADLINE, ClosingRule.AT_NEXT_OPENING);
    SlaClock c = clock(s, createdAt(16, 0), replyAt(20, 0));
    MetricCycle m = first(c, mon(1, 12, 0));
    assertEquals(CycleState.ACHIEVED, m.state());
    assertEquals(Optional.of(mon(1, 9, 0)), m.deadline());
    // With breach at the deadline, an unanswered ticket is breached at the opening itself.
    SlaClock open = clock(s, new Fixtures.Ticket("T1").created(mon(16, 0)));
    assertEquals(Optional.of(mon(1, 9, 0)), open.nextTransition(mon(18, 0)));
    assertEquals(CycleState.BREACHED, first(open, mon(1, 9, 0)).state());
  }

  @Test
  void aTargetUsedUpInsideOpenHoursIsUnaffectedByTheClosingRule() {
    for (ClosingRule rule : ClosingRule.values()) {
      SlaClock c = clock(set("team", BreachRule.AFTER_DEADLINE, rule), createdAt(10, 0));
      assertEquals(Optional.of(mon(11, 0)), first(c, mon(10, 0)).deadline(), rule.name());
    }
  }

  @Test
  void bothRulesRoundTripThroughJsonAndDefaultWhenAbsent() {
    SlaPolicySet s = set("team", BreachRule.AT_DEADLINE, ClosingRule.AT_NEXT_OPENING);
    String json = SlaPolicyJson.write(s);
    assertTrue(json.contains("\"breachRule\": \"AT_DEADLINE\""), json);
    assertTrue(json.contains("\"closingRule\": \"AT_NEXT_OPENING\""), json);
    assertEquals(s, SlaPolicyJson.read(json));
    SlaPolicySet defaults = set("team", BreachRule.AFTER_DEADLINE, ClosingRule.AT_CLOSE);
    String without =
        SlaPolicyJson.write(defaults)
            .replace("  \"breachRule\": \"AFTER_DEADLINE\",\n", "")
            .replace("  \"closingRule\": \"AT_CLOSE\",\n", "");
    assertEquals(defaults, SlaPolicyJson.read(without));
  }

  @Test
  void anUnknownRuleInJsonNamesTheFieldAndTheChoices() {
    String json =
        SlaPolicyJson.write(set("team", BreachRule.AFTER_DEADLINE, ClosingRule.AT_CLOSE))
            .replace("\"AFTER_DEADLINE\"", "\"ON_THE_DOT\"");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(json));
    assertTrue(
        e.getMessage().contains("'ON_THE_DOT' is not a breach rule; expected AFTER_DEADLINE or")
            && e.getMessage().contains("(at $.breachRule, line"),
        e.getMessage());
    String closing =
        SlaPolicyJson.write(set("team", BreachRule.AFTER_DEADLINE, ClosingRule.AT_CLOSE))
            .replace("\"AT_CLOSE\"", "true");
    IllegalArgumentException c =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(closing));
    assertTrue(c.getMessage().contains("closingRule"), c.getMessage());
  }

  @Test
  void theBuilderRejectsNullRules() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> SlaPolicySet.builder().breachRule(null));
    assertEquals("breachRule", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> SlaPolicySet.builder().closingRule(null));
    assertEquals("closingRule", e.getMessage());
  }

  private TicketEvent created() {
    return t.created(mon(9, 0));
  }

  private TicketEvent createdAt(int hh, int mm) {
    return t.created(mon(hh, mm));
  }

  private TicketEvent replyAt(int hh, int mm) {
    return t.reply(mon(hh, mm));
  }
}
