package dev.servicekit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.examples.EnginesAgreeOnSlaTransitionsTest.Bad;
import dev.servicekit.examples.EnginesAgreeOnSlaTransitionsTest.In;
import dev.servicekit.examples.EnginesAgreeOnSlaTransitionsTest.Oracle;
import dev.servicekit.examples.EnginesAgreeOnSlaTransitionsTest.Outcome;
import dev.servicekit.examples.EnginesAgreeOnSlaTransitionsTest.World;
import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.EscalationLevel;
import dev.servicekit.sla.EventCorrection;
import dev.servicekit.sla.MatchCondition;
import dev.servicekit.sla.MetricDefinition;
import dev.servicekit.sla.MetricRule;
import dev.servicekit.sla.MetricTrigger;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.RetargetRule;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.StageDefinition;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TimeRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The differential of {@link EnginesAgreeOnSlaTransitionsTest} (the same drivers, time points,
 * oracle and checks: per ticket the ordered transitions of Kafka's {@code SlaClockTopology}, of
 * Flink's function and of the core clock; the final clocks; the rejected records and their words)
 * over what that test's one policy leaves out: every metric kind a clock reports, several policies
 * and channels, and every re-target rule.
 *
 * <p>The policy set: two policies selected by the attribute {@code tier} (a move in or out of
 * {@code gold} is a policy change, judged at every update), the {@code vip} one listing channels
 * with a target cell and a calendar of their own (phone on a New York calendar, email on Berlin's,
 * chat on a night shift in Tokyo, and a {@code *} cell; an unlisted channel is an anomaly); the
 * built-in first and next reply, periodic update, resolution and call answer time; two stages (one
 * whose exit to anything but a solve cancels it); and four {@link MetricDefinition}s, all measured
 * as {@code custom:}: a requester wait that resumes on a reopen, a group ownership time started and
 * stopped by attribute triggers with a cycle per assignment, a per-call ringing time ({@code
 * PER_CALL}, cancelled by an abandon or a solve) and a task whose target is the ticket's due date
 * ({@code dueFrom("due_at")}), cancelled by a spam tag. Warnings and escalation levels on most. A
 * cancelled status ({@code canceled}) beside the solved one. The re-target rule is drawn per run
 * among all four ({@code RECALCULATE}, {@code RECALCULATE_ALL}, {@code KEEP_REACHED}, {@code
 * CANCEL_AND_REATTACH}).
 *
 * <p>The histories: the base test's kinds (messages, replies, notes, status changes through
 * pending, hold, solved, canceled and reopens, priority changes, an attribute pause) plus bot
 * replies, calls offered, answered, abandoned or left ringing (two at one instant now and then, a
 * late one renumbering the calls' cycles), tier, channel, group and due-date changes, and tags;
 * redeliveries, retractions and replacements, and the base test's bad records. The arrival modes
 * are the base test's (grace 0 with any disorder, 30 min with disorder within it).
 *
 * <p>Half the runs turn on both engines' live-clock caches (3 tickets of the 10), whose output the
 * README promises is that without them.
 *
 * <p>Still outside: more than one partition or parallel instance, retention ({@link
 * EnginesAgreeOnRetentionTest} compares it on the base test's histories), processing time,
 * sub-millisecond instants (see the base test); with a grace, several events of one ticket in one
 * millisecond are compared by what a consumer ends holding only ({@link
 * #withAGraceWhatAConsumerEndsHoldingIsTheSameWhenEventsShareAMillisecond}).
 *
 * <p>A cycle a late event or a re-target takes away is withdrawn by its id on both engines (no
 * key); one a correction takes away keeps its call, as {@link SlaTransition#reconcile} has it: the
 * oracle follows that (README, "Corrections on a stream").
 */
class EnginesAgreeOnRichPoliciesTest {

  static final Instant START = EnginesAgreeOnSlaTransitionsTest.START;

  static final Map<String, BusinessCalendar> CALENDARS =
      Map.of(
          "berlin",
          EnginesAgreeOnSlaTransitionsTest.CALENDARS.get("berlin"),
          "ny",
          BusinessCalendar.builder(ZoneId.of("America/New_York"))
              .id("ny")
              .weekdays(TimeRange.of(LocalTime.of(9, 0), LocalTime.of(17, 0)))
              .holiday(LocalDate.of(2026, 4, 3))
              .build(),
          "night",
          BusinessCalendar.builder(ZoneId.of("Asia/Tokyo"))
              .id("night")
              .weekdays(TimeRange.of(LocalTime.of(22, 0), LocalTime.of(6, 0)))
              .hours(DayOfWeek.SUNDAY, TimeRange.of(LocalTime.of(10, 0), LocalTime.of(12, 0)))
              .build());

  static final SlaMetric WAIT = SlaMetric.custom("requester_wait");
  static final SlaMetric OWNERSHIP = SlaMetric.custom("ownership");
  static final SlaMetric RING = SlaMetric.custom("ring");
  static final SlaMetric TASK = SlaMetric.custom("task");
  static final SlaMetric WORK = SlaMetric.stage("work");
  static final SlaMetric WAITING = SlaMetric.stage("waiting");

  static final Map<RetargetRule, World> WORLDS = new EnumMap<>(RetargetRule.class);

  static {
    for (RetargetRule rule : RetargetRule.values()) {
      WORLDS.put(rule, new World(policySet(rule), CALENDARS));
    }
  }

  static SlaPolicySet policySet(RetargetRule retarget) {
    SlaMetric first = SlaMetric.firstResponse();
    SlaMetric next = SlaMetric.nextResponse();
    SlaMetric update = SlaMetric.periodicUpdate();
    SlaMetric resolution = SlaMetric.resolution();
    SlaMetric answer = SlaMetric.answerTime();
    SlaPolicy.Builder vip =
        SlaPolicy.builder("vip")
            .when(MatchCondition.always().withAttribute("tier", "gold"))
            .matrix(PriorityMatrix.constant("normal"))
            .channels("phone", "email", "chat");
    for (String p : List.of("normal", "urgent")) {
      int k = p.equals("urgent") ? 2 : 1; // urgent: half the time
      vip.target(p, "phone", first, Duration.ofMinutes(60 / k), "ny")
          .target(p, "email", first, Duration.ofMinutes(120 / k), "berlin")
          .target(p, "chat", first, Duration.ofMinutes(40 / k), "night")
          .target(p, "*", first, Duration.ofMinutes(90 / k))
          .target(p, "*", next, Duration.ofMinutes(180 / k), "berlin")
          .target(p, "phone", next, Duration.ofMinutes(60 / k), "ny")
          .target(p, "*", update, Duration.ofMinutes(240 / k), "berlin")
          .target(p, "*", resolution, Duration.ofHours(16 / k))
          .target(p, "*", answer, Duration.ofMinutes(4 / k))
          .target(p, "phone", RING, Duration.ofMinutes(2 / k))
          .target(p, "*", RING, Duration.ofMinutes(6 / k), "berlin")
          .target(p, "*", WAIT, Duration.ofHours(10 / k))
          .target(p, "*", OWNERSHIP, Duration.ofMinutes(90 / k), "berlin")
          .target(p, "*", WORK, Duration.ofHours(3 / k), "berlin")
          .target(p, "*", WAITING, Duration.ofHours(20 / k))
          .target(p, "*", TASK, Duration.ofHours(1)); // dueFrom below: the due date rules
    }
    vip.rule(
            MetricRule.builder(first)
                .warnAt(50)
                .escalate(EscalationLevel.of(1, 100, "lead"))
                .build())
        .rule(MetricRule.builder(update).warnAt(75).build())
        .rule(
            MetricRule.builder(resolution)
                .pauseOn("pending")
                .pauseWhileAttribute("waiting_on", "vendor")
                .warnAt(60, 90)
                .escalate(EscalationLevel.of(1, 100, "duty"))
                .escalate(EscalationLevel.of(2, 130, "head"))
                .build())
        .rule(MetricRule.builder(answer).warnAt(50).build())
        .rule(MetricRule.builder(WAIT).warnAt(80).build())
        .rule(MetricRule.builder(TASK).dueFrom("due_at").warnAt(50).build());
    SlaPolicy.Builder standard =
        SlaPolicy.builder("standard").matrix(PriorityMatrix.constant("normal"));
    for (String p : List.of("normal", "urgent")) {
      int k = p.equals("urgent") ? 4 : 1;
      standard
          .target(p, first, Duration.ofMinutes(240 / k), "berlin")
          .target(p, next, Duration.ofMinutes(480 / k), "berlin")
          .target(p, resolution, Duration.ofHours(40 / k))
          .target(p, answer, Duration.ofMinutes(8 / k))
          .target(p, RING, Duration.ofMinutes(10 / k), "ny")
          .target(p, OWNERSHIP, Duration.ofHours(4 / k), "berlin")
          .target(p, WORK, Duration.ofHours(8 / k), "berlin")
          .target(p, TASK, Duration.ofHours(1));
      // no periodic update, requester wait or waiting stage target: measured untargeted or not
      // reported, so a policy change gives and takes targets away
    }
    standard
        .rule(
            MetricRule.builder(first)
                .warnAt(50, 80)
                .escalate(EscalationLevel.of(1, 100, "lead"))
                .escalate(EscalationLevel.of(2, 150, "head"))
                .build())
        .rule(MetricRule.builder(next).warnAt(75).build())
        .rule(MetricRule.builder(resolution).pauseOn("pending", "hold").warnAt(75).build())
        .rule(MetricRule.builder(OWNERSHIP).warnAt(50).build())
        .rule(MetricRule.builder(TASK).dueFrom("due_at").build());
    return SlaPolicySet.builder()
        .statuses("new", "open", "pending", "hold", "solved", "canceled")
        .solvedStatuses("solved", "canceled")
        .cancelledStatuses("canceled")
        .stage(StageDefinition.of("work", "open").stopOn("solved"))
        .stage(StageDefinition.of("waiting", "pending", "hold"))
        .metric(
            MetricDefinition.builder("requester_wait")
                .startOn(MetricTrigger.created(), MetricTrigger.reopened())
                .stopOn(MetricTrigger.solved())
                .pauseIn("pending")
                .cycles(MetricDefinition.Cycles.RESUME)
                .build())
        .metric(
            MetricDefinition.builder("ownership")
                .startOn(
                    MetricTrigger.attributeEntered("group", "l1"),
                    MetricTrigger.attributeEntered("group", "l2"),
                    MetricTrigger.reopened())
                .stopOn(
                    MetricTrigger.attributeLeft("group", "l1"),
                    MetricTrigger.attributeLeft("group", "l2"),
                    MetricTrigger.solved())
                .cycles(MetricDefinition.Cycles.NEW_CYCLE)
                .whenSolved(MetricDefinition.WhenSolved.SKIP)
                .build())
        .metric(
            MetricDefinition.builder("ring")
                .startOn(MetricTrigger.callOffered())
                .stopOn(MetricTrigger.callAnswered())
                .cancelOn(MetricTrigger.callAbandoned(), MetricTrigger.solved())
                .cycles(MetricDefinition.Cycles.PER_CALL)
                .whenSolved(MetricDefinition.WhenSolved.SKIP)
                .build())
        .metric(
            MetricDefinition.builder("task")
                .startOn(MetricTrigger.created())
                .stopOn(MetricTrigger.solved())
                .cancelOn(MetricTrigger.tagAdded("spam"))
                .build())
        .retargetRule(retarget)
        .policy(vip.build())
        .defaultPolicy(standard.build())
        .build();
  }

  // ---- the histories ----

  /**
   * One ticket's events; some fall on the instant of a transition of its own. With {@code
   * sameInstants} some share an instant (two calls offered at once, an update of several events),
   * else each is at least a minute after the one before.
   */
  static List<TicketEvent> history(Random r, String t, SlaPolicySet set, boolean sameInstants) {
    List<TicketEvent> h = new ArrayList<>();
    Instant at = START.plus(Duration.ofMinutes(r.nextInt(4 * 24 * 60)));
    Map<String, String> attributes = new LinkedHashMap<>();
    if (r.nextInt(3) > 0) {
      attributes.put("channel", pick(r, "phone", "email", "chat", "web"));
    }
    if (r.nextBoolean()) {
      attributes.put("tier", pick(r, "gold", "silver"));
    }
    if (r.nextInt(3) == 0) {
      attributes.put("group", pick(r, "l1", "l2"));
    }
    if (r.nextInt(3) == 0) {
      attributes.put("due_at", dueAt(r, at));
    }
    Set<String> tags = r.nextInt(5) == 0 ? Set.of("spam") : Set.of();
    h.add(
        r.nextInt(4) == 0
            ? TicketEvent.Created.byAgent(t, t + "-c", at, attributes, tags)
            : TicketEvent.Created.byCustomer(t, t + "-c", at, attributes, tags));
    SlaClock clock = SlaClock.of(set, CALENDARS, t);
    clock.accept(h.get(0));
    String status = "new";
    List<String> ringing = new ArrayList<>();
    int calls = 0;
    int n = 2 + r.nextInt(12);
    for (int i = 0; i < n; i++) {
      Instant previous = at;
      long gap =
          r.nextInt(3) == 0
              ? 30 + r.nextInt(6 * 60)
              : r.nextInt(20) == 0 && sameInstants ? 0 : 1 + r.nextInt(29);
      at = at.plus(Duration.ofMinutes(gap));
      if (r.nextInt(8) == 0) {
        at = at.plusMillis(r.nextInt(1000));
      }
      if (r.nextInt(4) == 0) { // on the ticket's next transition, as in the base test
        Optional<Instant> due = clock.evaluate(previous).nextTransition();
        if (due.isPresent() && due.get().isAfter(previous)) {
          Instant ms = Instant.ofEpochMilli(due.get().toEpochMilli());
          at =
              ms.isAfter(previous)
                  ? ms
                  : due.get().plusNanos(999_999).truncatedTo(ChronoUnit.MILLIS);
        }
      }
      String id = t + "-" + i;
      TicketEvent e =
          switch (r.nextInt(20)) {
            case 0, 1 -> new TicketEvent.CustomerMessage(t, id, at);
            case 2, 3 -> TicketEvent.AgentReply.publicReply(t, id, at);
            case 4 -> TicketEvent.AgentReply.internalNote(t, id, at);
            case 5 -> TicketEvent.AgentReply.automated(t, id, at);
            case 6, 7, 8 -> {
              String s =
                  switch (status) {
                    case "solved", "canceled" -> "open"; // a reopen
                    default -> pick(r, "open", "pending", "hold", "solved", "open", "canceled");
                  };
              status = s;
              yield new TicketEvent.StatusChanged(t, id, at, s);
            }
            case 9 -> new TicketEvent.PriorityChanged(t, id, at, pick(r, "urgent", "normal"));
            case 10 ->
                new TicketEvent.AttributeChanged(t, id, at, "tier", pick(r, "gold", "silver"));
            case 11 ->
                new TicketEvent.AttributeChanged(
                    t, id, at, "channel", pick(r, "phone", "email", "chat", "web"));
            case 12 ->
                new TicketEvent.AttributeChanged(t, id, at, "group", pick(r, "l1", "l2", "l3"));
            case 13 -> new TicketEvent.AttributeChanged(t, id, at, "due_at", dueAt(r, at));
            case 14 ->
                new TicketEvent.AttributeChanged(
                    t, id, at, "waiting_on", pick(r, "vendor", "customer"));
            case 15 ->
                new TicketEvent.TagsChanged(
                    t, id, at, r.nextBoolean() ? Set.of("spam") : Set.of("vip"));
            default -> {
              // a call: offered, or a ringing one answered or abandoned
              if (ringing.isEmpty() || r.nextInt(3) == 0) {
                String call = t + "-call-" + calls++;
                ringing.add(call);
                yield new TicketEvent.CallOffered(t, id, at, call);
              }
              String call = ringing.remove(r.nextInt(ringing.size()));
              yield r.nextInt(3) > 0
                  ? new TicketEvent.CallAnswered(t, id, at, call)
                  : new TicketEvent.CallAbandoned(t, id, at, call);
            }
          };
      h.add(e);
      clock.accept(e);
      if (e instanceof TicketEvent.CallOffered o && sameInstants && r.nextInt(4) == 0) {
        // a second call at the same instant, under a smaller call id now and then: calls of one
        // instant are numbered in call-id order
        String call = r.nextBoolean() ? t + "-call-" + calls++ : t + "-call-0" + calls++;
        ringing.add(call);
        TicketEvent twin = new TicketEvent.CallOffered(t, id + "b", o.at(), call);
        h.add(twin);
        clock.accept(twin);
      }
    }
    return h;
  }

  private static String dueAt(Random r, Instant at) {
    return at.plus(Duration.ofMinutes(-30 + r.nextInt(36 * 60)))
        .truncatedTo(ChronoUnit.MINUTES)
        .toString();
  }

  @SafeVarargs
  private static <T> T pick(Random r, T... xs) {
    return xs[r.nextInt(xs.length)];
  }

  /**
   * The records of a run. With a grace a ticket's events are a millisecond or more apart: Flink
   * applies the events of one millisecond that wait for the watermark together, in one evaluation,
   * while Kafka evaluates after each (README, "Scaling out"), so their lists may differ within the
   * instant; {@link #eventsOfOneInstantWaitingForTheWatermarkAreOneEvaluationOnFlink} shows it.
   */
  static List<In> inputs(long seed, RetargetRule rule, long graceMillis) {
    SlaPolicySet set = WORLDS.get(rule).set();
    return EnginesAgreeOnSlaTransitionsTest.inputs(
        seed, 10, graceMillis, (r, t) -> history(r, t, set, graceMillis == 0));
  }

  // ---- the property ----

  @Property(tries = 100)
  void kafkaFlinkAndTheCoreClockAgreeOnEveryMetricKind(
      @ForAll long seed,
      @ForAll RetargetRule rule,
      @ForAll boolean grace,
      @ForAll boolean liveClockCache)
      throws Exception {
    long g = grace ? Duration.ofMinutes(30).toMillis() : 0;
    // a cache of 3 tickets of 10: hits and evictions; the output is that without a cache (README)
    EnginesAgreeOnSlaTransitionsTest.compare(
        WORLDS.get(rule), inputs(seed, rule, g), g, liveClockCache ? 3 : 0);
  }

  @Example
  void aFixedSeedPerRetargetRule() throws Exception {
    for (RetargetRule rule : RetargetRule.values()) {
      for (long g : new long[] {0, Duration.ofMinutes(30).toMillis()}) {
        EnginesAgreeOnSlaTransitionsTest.compare(WORLDS.get(rule), inputs(1, rule, g), g);
      }
    }
  }

  /**
   * With a grace and several events of a ticket in one millisecond, where the lists may differ
   * (Flink evaluates such events once, Kafka after each), what a consumer ends holding is the same
   * (README, "Scaling out"): per cycle the last transition's state, warning, escalation level and
   * call, but for a cycle one engine saw in between and then withdrew ({@code CANCELLED} with
   * neither figure); and the same records rejected, the same final clocks.
   */
  @Property(tries = 15)
  void withAGraceWhatAConsumerEndsHoldingIsTheSameWhenEventsShareAMillisecond(
      @ForAll long seed, @ForAll RetargetRule rule) throws Exception {
    long g = Duration.ofMinutes(30).toMillis();
    World w = WORLDS.get(rule);
    List<In> in =
        EnginesAgreeOnSlaTransitionsTest.inputs(
            seed, 10, g, (r, t) -> history(r, t, w.set(), true));
    Outcome k = EnginesAgreeOnSlaTransitionsTest.kafka(w, in, g);
    Outcome f = EnginesAgreeOnSlaTransitionsTest.flink(w, in, g);
    List<String> flinkSide = new ArrayList<>(k.rejected());
    flinkSide.removeIf(x -> x.endsWith(" " + Bad.UNDECODABLE));
    assertEquals(flinkSide, f.rejected());
    assertEquals(k.reasons(), f.reasons());
    assertEquals(k.clocks().keySet(), f.clocks().keySet());
    for (String t : k.clocks().keySet()) {
      assertEquals(k.clocks().get(t).events(), f.clocks().get(t).events(), t);
    }
    Map<String, String> kv = view(k);
    Map<String, String> fv = view(f);
    java.util.Set<String> cycles = new java.util.TreeSet<>(kv.keySet());
    cycles.addAll(fv.keySet());
    for (String c : cycles) {
      String kc = kv.get(c);
      String fc = fv.get(c);
      if (kc == null || fc == null) {
        assertEquals("CANCELLED w0 e0 ", kc == null ? fc : kc, c + ": seen by one engine only");
      } else {
        assertEquals(kc, fc, c);
      }
    }
  }

  /** Per (ticket, metric, cycle), the last transition's state, warning, escalation and call. */
  private static Map<String, String> view(Outcome o) {
    Map<String, String> last = new TreeMap<>();
    for (List<SlaTransition> ts : o.transitions().values()) {
      for (SlaTransition t : ts) {
        last.put(
            t.ticketId() + " " + t.metric() + "#" + t.cycle(),
            t.state().map(Object::toString).orElse("-")
                + " w"
                + t.warningPercent()
                + " e"
                + SlaTransition.level(t.escalation())
                + " "
                + t.key());
      }
    }
    return last;
  }

  /**
   * Two calls offered at one instant, with a grace of 30 min: Kafka applies and evaluates each
   * offer on arrival, Flink applies both when the watermark reaches their millisecond and evaluates
   * once, so the four {@code STARTED} come in another order (Kafka: per offer; Flink: per metric).
   * Documented in the README ("Scaling out"); what a consumer ends holding is the same.
   */
  @Example
  void eventsOfOneInstantWaitingForTheWatermarkAreOneEvaluationOnFlink() throws Exception {
    Instant c = Instant.parse("2026-03-31T07:00:00Z");
    Instant rings = c.plus(Duration.ofMinutes(10));
    World w = WORLDS.get(RetargetRule.RECALCULATE);
    long grace = Duration.ofMinutes(30).toMillis();
    List<In> in =
        List.of(
            EnginesAgreeOnSlaTransitionsTest.ev(
                TicketEvent.Created.byCustomer(
                    "A", "A-c", c, Map.of("channel", "phone"), Set.of())),
            EnginesAgreeOnSlaTransitionsTest.ev(
                new TicketEvent.CallOffered("A", "A-1", rings, "k1")),
            EnginesAgreeOnSlaTransitionsTest.ev(
                new TicketEvent.CallOffered("A", "A-2", rings, "k2")));
    Outcome oracle = new Oracle(w).run(in, grace);
    Outcome kafka = EnginesAgreeOnSlaTransitionsTest.kafka(w, in, grace);
    Outcome flink = EnginesAgreeOnSlaTransitionsTest.flink(w, in, grace);
    assertEquals(brief(oracle.transitions().get("A")), brief(kafka.transitions().get("A")));
    List<String> k = calls(brief(kafka.transitions().get("A"))).subList(0, 4);
    List<String> f = calls(brief(flink.transitions().get("A"))).subList(0, 4);
    assertEquals(
        List.of(
            "answer_time#0 STARTED",
            "custom:ring#0 STARTED",
            "answer_time#1 STARTED",
            "custom:ring#1 STARTED"),
        k);
    assertEquals(
        List.of(
            "answer_time#0 STARTED",
            "answer_time#1 STARTED",
            "custom:ring#0 STARTED",
            "custom:ring#1 STARTED"),
        f);
    assertEquals(folded(kafka), folded(flink), "what a consumer ends holding");
  }

  private static List<String> calls(List<String> ts) {
    return ts.stream()
        .filter(t -> t.startsWith("answer_time") || t.startsWith("custom:ring"))
        .toList();
  }

  private static List<String> brief(List<SlaTransition> ts) {
    List<String> out = new ArrayList<>();
    for (SlaTransition t : ts) {
      out.add(t.metric() + "#" + t.cycle() + " " + t.kind());
    }
    return out;
  }

  /** The last transition per (ticket, metric, cycle), as a consumer keeps them. */
  private static Map<String, SlaTransition> folded(Outcome o) {
    Map<String, SlaTransition> last = new TreeMap<>();
    for (List<SlaTransition> ts : o.transitions().values()) {
      for (SlaTransition t : ts) {
        last.put(t.ticketId() + " " + t.metric() + "#" + t.cycle(), t);
      }
    }
    return last;
  }

  /**
   * The generated records hold what the class javadoc says (the oracle alone, over a few seeds per
   * re-target rule): transitions of every metric kind, of both policies' metrics and each kind of
   * transition; calls renumbered by a late offer; policy changes; due dates.
   */
  @Example
  void theGeneratedHistoriesHoldWhatTheTestClaims() {
    Map<String, Integer> seen = new TreeMap<>();
    for (RetargetRule rule : RetargetRule.values()) {
      for (long seed = 1; seed <= 6; seed++) {
        for (long grace : new long[] {0, Duration.ofMinutes(30).toMillis()}) {
          List<In> inputs = inputs(seed, rule, grace);
          Outcome o = new Oracle(WORLDS.get(rule)).run(inputs, grace);
          Map<String, String> keys = new HashMap<>();
          for (In in : inputs) {
            if (in.value() instanceof EventCorrection c && in.bad() == Bad.NONE) {
              seen.merge(c.isRetraction() ? "retraction" : "replacement", 1, Integer::sum);
            }
          }
          for (List<SlaTransition> ts : o.transitions().values()) {
            for (SlaTransition t : ts) {
              seen.merge(t.metric().toString(), 1, Integer::sum);
              seen.merge(t.kind().toString(), 1, Integer::sum);
              seen.merge(t.metric() + " " + t.kind(), 1, Integer::sum);
              if (!t.key().isEmpty()) {
                String id = t.ticketId() + " " + t.metric() + "#" + t.cycle();
                String before = keys.put(id, t.key());
                if (before != null && !before.equals(t.key())) {
                  seen.merge("a call's cycle renumbered", 1, Integer::sum);
                }
              }
              if (t.kind() == SlaTransition.Kind.CANCELLED
                  && rule == RetargetRule.CANCEL_AND_REATTACH) {
                seen.merge("cancelled under CANCEL_AND_REATTACH", 1, Integer::sum);
              }
            }
          }
        }
      }
    }
    for (String what :
        List.of(
            "first_response",
            "next_response",
            "periodic_update",
            "resolution",
            "answer_time",
            "stage:work",
            "stage:waiting",
            "custom:requester_wait",
            "custom:ownership",
            "custom:ring",
            "custom:task",
            "STARTED",
            "PAUSED",
            "RESUMED",
            "WARNING",
            "ESCALATED",
            "BREACHED",
            "ACHIEVED",
            "CANCELLED",
            "DEADLINE_CHANGED",
            "retraction",
            "replacement",
            "a call's cycle renumbered",
            "custom:task DEADLINE_CHANGED", // a due date changed
            "custom:task BREACHED", // a due date passed
            "custom:ownership ACHIEVED", // a group left
            "stage:work CANCELLED", // an exit to anything but a solve
            "answer_time CANCELLED",
            "custom:ring CANCELLED",
            "periodic_update WARNING",
            "cancelled under CANCEL_AND_REATTACH")) {
      assertTrue(seen.getOrDefault(what, 0) >= 3, what + ": " + seen);
    }
  }
}
