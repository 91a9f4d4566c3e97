package dev.servicekit.sla;

import dev.servicekit.sla.internal.clock.BusinessTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Shared test fixtures: a status model, a policy set, calendars and a ticket event factory. */
final class Fixtures {

  private Fixtures() {}

  /** Monday 2026-01-05 at hh:mm UTC, plus {@code days}. */
  static Instant mon(int days, int hh, int mm) {
    return LocalDateTime.of(2026, 1, 5, hh, mm).plusDays(days).toInstant(ZoneOffset.UTC);
  }

  static Instant mon(int hh, int mm) {
    return mon(0, hh, mm);
  }

  static Duration h(long hours) {
    return Duration.ofHours(hours);
  }

  static Duration m(long minutes) {
    return Duration.ofMinutes(minutes);
  }

  static final Map<String, BusinessTime> CALENDARS = Map.of("team", WeeklyHours.nineToFive());

  static SlaPolicySet.Builder statusModel() {
    return SlaPolicySet.builder()
        .statuses("new", "open", "pending", "on-hold", "analysis", "solved", "closed")
        .solvedStatuses("solved", "closed")
        .stage(StageDefinition.of("analysis", "analysis"));
  }

  /** One policy, constant priority "normal", the given targets on the "team" calendar. */
  static SlaPolicySet single(Map<SlaMetric, Duration> targets, MetricRule... rules) {
    SlaPolicy.Builder p = SlaPolicy.builder("standard").matrix(PriorityMatrix.constant("normal"));
    for (Map.Entry<SlaMetric, Duration> e : targets.entrySet()) {
      p.target("normal", e.getKey(), e.getValue());
    }
    for (MetricRule r : rules) {
      p.rule(r);
    }
    return statusModel().defaultPolicy(p.build()).build();
  }

  static MetricRule team(SlaMetric metric, String... pause) {
    return MetricRule.builder(metric).calendar("team").pauseOn(pause).build();
  }

  /** A two-policy set: "vip" for tier gold with a severity x tier matrix, and a default. */
  static SlaPolicySet tiered() {
    return tiered(false);
  }

  /**
   * {@link #tiered()} where some targets count on a calendar of their own: urgent first reply and
   * resolution 24/7 (rules: team), vip's urgent periodic update and standard's phone answer time on
   * team (rules: the implicit 24/7).
   */
  static SlaPolicySet tieredWithTargetCalendars() {
    return tiered(true);
  }

  /**
   * {@link #tiered()} where internal notes count set-wide and the reply metrics override which
   * replies count: vip's first reply counts bot replies, vip's periodic update ignores notes,
   * standard's first reply ignores notes, standard's next reply counts bot replies.
   */
  static SlaPolicySet tieredWithReplyOverrides() {
    return tiered(false, true);
  }

  private static SlaPolicySet tiered(boolean overrides) {
    return tiered(overrides, false);
  }

  private static SlaPolicySet tiered(boolean overrides, boolean replies) {
    String always = overrides ? MetricRule.ALWAYS : null;
    String team = overrides ? "team" : null;
    PriorityMatrix matrix =
        PriorityMatrix.builder()
            .cell("s1", "gold", "urgent")
            .cell("s1", "silver", "high")
            .cell("s2", "gold", "high")
            .cell("s2", "silver", "normal")
            .build();
    SlaPolicy vip =
        SlaPolicy.builder("vip")
            .when(MatchCondition.always().withAttribute("tier", "gold"))
            .matrix(matrix)
            .target("urgent", "*", SlaMetric.firstResponse(), h(1), orRule(always))
            .target("urgent", "*", SlaMetric.resolution(), h(4), orRule(always))
            .target("high", SlaMetric.firstResponse(), h(2))
            .target("high", SlaMetric.resolution(), h(8))
            .target("normal", SlaMetric.firstResponse(), h(4))
            .target("normal", SlaMetric.resolution(), h(16))
            .target("urgent", "*", SlaMetric.periodicUpdate(), h(2), orImplicit(team))
            .target("high", SlaMetric.periodicUpdate(), h(3))
            .target("normal", SlaMetric.periodicUpdate(), h(4))
            .target("urgent", SlaMetric.stage("analysis"), h(1))
            .target("high", SlaMetric.stage("analysis"), h(2))
            .target("normal", SlaMetric.stage("analysis"), h(3))
            .rule(
                replies(
                    MetricRule.builder(SlaMetric.firstResponse())
                        .calendar("team")
                        .warnAt(50, 75, 90)
                        .escalate(EscalationLevel.of(1, 100, "lead"))
                        .escalate(EscalationLevel.of(2, 200, "manager")),
                    replies,
                    null,
                    true))
            .rule(
                MetricRule.builder(SlaMetric.resolution())
                    .calendar("team")
                    .pauseOn("pending", "on-hold")
                    .warnAt(75)
                    .build())
            .rule(team(SlaMetric.stage("analysis"), "on-hold"))
            .rule(replies(MetricRule.builder(SlaMetric.periodicUpdate()), replies, false, null))
            .build();
    SlaPolicy.Builder standardTargets =
        SlaPolicy.builder("standard")
            .matrix(matrix)
            .channels("email", "phone")
            .target("urgent", "*", SlaMetric.firstResponse(), h(2), orRule(always))
            .target("urgent", SlaMetric.resolution(), h(8))
            .target("high", SlaMetric.firstResponse(), h(4))
            .target("high", SlaMetric.resolution(), h(16))
            .target("normal", "email", SlaMetric.firstResponse(), h(8))
            .target("normal", "email", SlaMetric.nextResponse(), h(8))
            .target("normal", "email", SlaMetric.resolution(), h(40))
            .target("normal", "phone", SlaMetric.firstResponse(), h(4));
    if (team == null) { // no calendar given: the filled-in rule's, whatever a set makes it
      standardTargets.target("normal", "phone", SlaMetric.answerTime(), Duration.ofSeconds(20));
    } else {
      standardTargets.target(
          "normal", "phone", SlaMetric.answerTime(), Duration.ofSeconds(20), team);
    }
    SlaPolicy standard =
        standardTargets
            .rule(
                replies(
                    MetricRule.builder(SlaMetric.firstResponse()).calendar("team"),
                    replies,
                    false,
                    null))
            .rule(
                replies(
                    MetricRule.builder(SlaMetric.nextResponse()).calendar("team"),
                    replies,
                    null,
                    true))
            .rule(team(SlaMetric.resolution(), "pending", "on-hold"))
            .build();
    return statusModel().internalNotesCount(replies).policy(vip).defaultPolicy(standard).build();
  }

  /** Builds {@code b}, with the given reply overrides (null = none) if {@code apply}. */
  private static MetricRule replies(
      MetricRule.Builder b, boolean apply, Boolean notes, Boolean automated) {
    if (apply && notes != null) {
      b.internalNotesCount(notes);
    }
    if (apply && automated != null) {
      b.automatedRepliesCount(automated);
    }
    return b.build();
  }

  /** The key itself, or the rule's calendar "team" when null (no override). */
  private static String orRule(String key) {
    return key == null ? "team" : key;
  }

  /** The key itself, or the implicit rule's calendar when null (no override). */
  private static String orImplicit(String key) {
    return key == null ? MetricRule.ALWAYS : key;
  }

  /** The {@link #semantics} variants a random history picks from. */
  static final int[] SEMANTICS = {1, 2, 3, 4, 6};

  /**
   * Variants of {@link #tiered()} for the vendor semantics: 1 = vip's resolution takes its due date
   * from attribute {@code due_at}; 2 = cancel-and-reattach with retroactive start at creation,
   * without retroactive pause; 3 = cancel-and-reattach from the cancelled cycle's start, with
   * retroactive pause; 4 = {@link #tieredWithTargetCalendars()} (a priority change may change a
   * running cycle's calendar) counted per period; 5 (not among the {@link #SEMANTICS} a random
   * history picks) = cancel-and-reattach at the change; 6 = {@link #tieredWithTargetCalendars()}
   * under recalculate-all (a re-target judges stopped cycles again, on the new target's calendar
   * too).
   */
  static SlaPolicySet semantics(int variant) {
    SlaPolicySet base = variant == 4 || variant == 6 ? tieredWithTargetCalendars() : tiered();
    String json = SlaPolicyJson.write(base);
    switch (variant) {
      case 6 -> json = recalculateAll(json);
      case 4 ->
          json =
              json.replace(
                  "\"scheduleRule\": \"LAST_SCHEDULE\"", "\"scheduleRule\": \"PER_PERIOD\"");
      case 1 ->
          json =
              json.replaceFirst(
                  "\"metric\": \"resolution\",",
                  "\"metric\": \"resolution\", \"dueFrom\": \"due_at\",");
      case 5 ->
          json =
              json.replace(
                  "\"retargetRule\": \"RECALCULATE\"", "\"retargetRule\": \"CANCEL_AND_REATTACH\"");
      case 2, 3 ->
          json =
              json.replace(
                      "\"retargetRule\": \"RECALCULATE\"",
                      "\"retargetRule\": \"CANCEL_AND_REATTACH\"")
                  .replace(
                      "\"reattachStart\": \"AT_CHANGE\"",
                      variant == 2
                          ? "\"reattachStart\": \"AT_CREATION\""
                          : "\"reattachStart\": \"AT_CANCELLED_START\"")
                  .replace(
                      "\"retroactivePause\": false", "\"retroactivePause\": " + (variant == 3));
      default -> throw new IllegalArgumentException("variant " + variant);
    }
    SlaPolicySet set = SlaPolicyJson.read(json);
    if (set.equals(base)) {
      throw new AssertionError("variant " + variant + " changed nothing");
    }
    return set;
  }

  /** The policy set written as {@code json} with the re-target rule RECALCULATE_ALL. */
  static String recalculateAll(String json) {
    String out =
        json.replace("\"retargetRule\": \"RECALCULATE\"", "\"retargetRule\": \"RECALCULATE_ALL\"");
    if (out.equals(json)) {
      throw new AssertionError("no RECALCULATE rule to replace in " + json);
    }
    return out;
  }

  /** {@code set} with the re-target rule RECALCULATE_ALL instead of RECALCULATE. */
  static SlaPolicySet recalculateAll(SlaPolicySet set) {
    return SlaPolicyJson.read(recalculateAll(SlaPolicyJson.write(set)));
  }

  /** {@link #tiered()} with internal notes counting as replies. */
  static SlaPolicySet tieredNotesCount() {
    SlaPolicySet t = tiered();
    SlaPolicySet.Builder b =
        statusModel().internalNotesCount(true).defaultPolicy(t.defaultPolicy());
    t.policies().forEach(b::policy);
    return b.build();
  }

  /** {@link #tiered()} where what a running cycle reached survives a re-target. */
  static SlaPolicySet tieredKeepReached() {
    SlaPolicySet t = tiered();
    SlaPolicySet.Builder b =
        statusModel().retargetRule(RetargetRule.KEEP_REACHED).defaultPolicy(t.defaultPolicy());
    t.policies().forEach(b::policy);
    return b.build();
  }

  /** Event factory for one ticket; ids are e1, e2, ... in creation order of the events. */
  static final class Ticket {
    final String id;
    private int next;

    Ticket(String id) {
      this.id = id;
    }

    private String nid() {
      return String.format(Locale.ROOT, "e%03d", ++next);
    }

    TicketEvent created(Instant at, String... kv) {
      Map<String, String> attrs = new HashMap<>();
      for (int i = 0; i < kv.length; i += 2) {
        attrs.put(kv[i], kv[i + 1]);
      }
      return new TicketEvent.Created(id, nid(), at, attrs, Set.of());
    }

    /** A ticket created by an agent (outbound message, logged phone call). */
    TicketEvent createdByAgent(Instant at, String... kv) {
      Map<String, String> attrs = new HashMap<>();
      for (int i = 0; i < kv.length; i += 2) {
        attrs.put(kv[i], kv[i + 1]);
      }
      return TicketEvent.Created.byAgent(id, nid(), at, attrs, Set.of());
    }

    TicketEvent customer(Instant at) {
      return new TicketEvent.CustomerMessage(id, nid(), at);
    }

    TicketEvent reply(Instant at) {
      return TicketEvent.AgentReply.publicReply(id, nid(), at);
    }

    TicketEvent note(Instant at) {
      return TicketEvent.AgentReply.internalNote(id, nid(), at);
    }

    TicketEvent bot(Instant at) {
      return TicketEvent.AgentReply.automated(id, nid(), at);
    }

    TicketEvent status(Instant at, String status) {
      return new TicketEvent.StatusChanged(id, nid(), at, status);
    }

    TicketEvent attr(Instant at, String key, String value) {
      return new TicketEvent.AttributeChanged(id, nid(), at, key, value);
    }

    TicketEvent priority(Instant at, String priority) {
      return new TicketEvent.PriorityChanged(id, nid(), at, priority);
    }

    TicketEvent clear(Instant at, String key) {
      return new TicketEvent.AttributeCleared(id, nid(), at, key);
    }

    TicketEvent clearPriority(Instant at) {
      return new TicketEvent.PriorityCleared(id, nid(), at);
    }

    TicketEvent offer(Instant at, String call) {
      return new TicketEvent.CallOffered(id, nid(), at, call);
    }

    TicketEvent answer(Instant at, String call) {
      return new TicketEvent.CallAnswered(id, nid(), at, call);
    }

    TicketEvent abandon(Instant at, String call) {
      return new TicketEvent.CallAbandoned(id, nid(), at, call);
    }
  }

  static SlaEvaluation eval(SlaPolicySet set, List<TicketEvent> events, Instant now) {
    return SlaClock.evaluateTimes(set, CALENDARS, events, now);
  }

  static SlaClock clock(SlaPolicySet set, String ticket) {
    return new SlaClock(set, CALENDARS, ticket);
  }
}
