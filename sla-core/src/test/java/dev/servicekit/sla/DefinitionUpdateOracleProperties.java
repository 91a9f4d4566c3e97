package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random metric definitions whose triggers read tags, statuses, attributes, {@code counted_reply}
 * and the creation, on histories where one update (one instant) carries several tag, attribute and
 * status changes, messages and replies under random event ids, on customer- and agent-created
 * tickets, on a Mon-Fri 09:00-17:00 Europe/Berlin calendar with a holiday (or 24/7), against a walk
 * written from "Defining metrics": the state group (creation, attribute and tag changes) is one
 * step judged on the state before the instant against the state after all of its writes (two writes
 * of one field ordered by id), each status change a step (by id), then the customer messages and
 * the agent replies, each a step, those that stop first, then cancel, arm, start. {@code
 * counted_reply} counts a note or a bot reply by the metric's rule under the policy in force (a
 * policy chosen by an attribute overrides both switches), else the set's. The same history is fed
 * in a shuffled order; the result may depend on the ids only through two writes of one field.
 */
class DefinitionUpdateOracleProperties {

  static final SlaMetric M = SlaMetric.custom("m");
  static final String[] STATUSES = {"new", "open", "pending", "solved", "closed"};
  static final Set<String> SOLVED = Set.of("solved", "closed");
  static final String[] TAGS = {"a", "b", "c"};
  static final String[] K1 = {"x", "y"};
  static final String[] K2 = {"u", "v", "w"};

  // ------------------------------------------------------------------ the drawn case

  /** An event: kind one of created, tags, k1, k2, status, message, public, note, bot. */
  record Ev(int minute, String id, String kind, String value, Set<String> tags) {}

  record Setup(
      MetricDefinition def,
      boolean byAgent,
      boolean notesCount,
      boolean botsCount,
      boolean vipNotes,
      boolean vipBots,
      long stdTarget,
      long vipTarget,
      String calendar,
      String vipCalendar,
      RetargetRule retarget,
      ReattachStart reattach,
      boolean retroPause,
      ScheduleRule schedule,
      ClosingRule closing,
      BreachRule breach,
      List<Ev> events,
      int evalMinute,
      LocalDate holiday) {

    Setup asOf(int minute) {
      return new Setup(
          def,
          byAgent,
          notesCount,
          botsCount,
          vipNotes,
          vipBots,
          stdTarget,
          vipTarget,
          calendar,
          vipCalendar,
          retarget,
          reattach,
          retroPause,
          schedule,
          closing,
          breach,
          events.stream().filter(e -> e.minute <= minute).toList(),
          minute,
          holiday);
    }

    String describe() {
      return def
          + " byAgent="
          + byAgent
          + " notes="
          + notesCount
          + " bots="
          + botsCount
          + " vipNotes="
          + vipNotes
          + " vipBots="
          + vipBots
          + " targets="
          + stdTarget
          + "/"
          + vipTarget
          + " "
          + calendar
          + "/"
          + vipCalendar
          + " "
          + retarget
          + " "
          + reattach
          + " retroPause="
          + retroPause
          + " "
          + schedule
          + " "
          + closing
          + " "
          + breach
          + " eval="
          + at(evalMinute)
          + " "
          + events.stream()
              .map(
                  e ->
                      at(e.minute)
                          + " "
                          + e.id
                          + ":"
                          + e.kind
                          + (e.value == null ? "" : "=" + e.value)
                          + (e.tags == null ? "" : e.tags))
              .toList();
    }
  }

  static Instant at(int minute) {
    return BusinessRetargetOracleProperties.at(minute);
  }

  static MetricTrigger trigger(Random r) {
    return switch (r.nextInt(16)) {
      case 0 -> MetricTrigger.created();
      case 1 -> MetricTrigger.createdByCustomer();
      case 2 -> MetricTrigger.customerMessage();
      case 3 -> MetricTrigger.publicReply();
      case 4 -> MetricTrigger.internalNote();
      case 5 -> MetricTrigger.automatedReply();
      case 6, 7 -> MetricTrigger.countedReply();
      case 8 -> MetricTrigger.statusEntered(some(r, STATUSES));
      case 9 -> MetricTrigger.statusLeft(some(r, STATUSES));
      case 10 -> MetricTrigger.solved();
      case 11 -> MetricTrigger.reopened();
      case 12 -> MetricTrigger.tagAdded(some(r, TAGS));
      case 13 -> MetricTrigger.tagRemoved(some(r, TAGS));
      case 14 ->
          r.nextBoolean()
              ? MetricTrigger.attributeEntered("k1", some(r, K1))
              : MetricTrigger.attributeEntered("k2", some(r, K2));
      default ->
          r.nextBoolean()
              ? MetricTrigger.attributeLeft("k1", some(r, K1))
              : MetricTrigger.attributeLeft("k2", some(r, K2));
    };
  }

  static String[] some(Random r, String[] from) {
    return DefinitionTriggerOracleProperties.some(r, from);
  }

  static List<MetricTrigger> triggers(Random r, int min, int max, Set<MetricTrigger> not) {
    int n = min + r.nextInt(max - min + 1);
    List<MetricTrigger> out = new ArrayList<>();
    for (int guard = 0; out.size() < n && guard < 50; guard++) {
      MetricTrigger t = trigger(r);
      if (!out.contains(t) && !not.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  static MetricDefinition definition(Random r) {
    MetricDefinition.Builder b = MetricDefinition.builder("m");
    List<MetricTrigger> start = triggers(r, 1, 2, Set.of());
    List<MetricTrigger> stop = triggers(r, 0, 2, Set.of());
    List<MetricTrigger> cancel = triggers(r, stop.isEmpty() ? 1 : 0, 2, new HashSet<>(stop));
    b.startOn(start.toArray(MetricTrigger[]::new));
    if (!stop.isEmpty()) {
      b.stopOn(stop.toArray(MetricTrigger[]::new));
    }
    if (!cancel.isEmpty()) {
      b.cancelOn(cancel.toArray(MetricTrigger[]::new));
    }
    if (r.nextInt(4) == 0) {
      b.armOn(triggers(r, 1, 1, Set.of()).toArray(MetricTrigger[]::new));
    }
    if (r.nextBoolean()) {
      b.pauseIn(some(r, new String[] {"new", "pending", "closed"}));
    }
    if (r.nextInt(3) == 0) {
      b.pauseWhileTag(some(r, TAGS));
    }
    if (r.nextInt(3) == 0) {
      b.pauseWhileAttribute("k2", some(r, K2));
    }
    b.cycles(MetricDefinition.Cycles.values()[r.nextInt(3)]);
    b.whenSolved(MetricDefinition.WhenSolved.values()[r.nextInt(3)]);
    return b.build();
  }

  static Setup draw(long seed) {
    Random r = new Random(seed);
    MetricDefinition def = definition(r);
    int start = 60 * r.nextInt(24 * 12) + 15 * r.nextInt(4);
    List<Ev> events = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Map<String, String> createdAttrs = new HashMap<>();
    if (r.nextBoolean()) {
      createdAttrs.put("k1", K1[r.nextInt(2)]);
    }
    if (r.nextBoolean()) {
      createdAttrs.put("k2", K2[r.nextInt(3)]);
    }
    Set<String> createdTags = new LinkedHashSet<>(List.of(some(r, TAGS)));
    if (r.nextBoolean()) {
      createdTags.clear();
    }
    events.add(
        new Ev(
            start,
            id(r, ids),
            "created",
            createdAttrs.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue())
                .reduce((a, b) -> a + "," + b)
                .orElse(""),
            createdTags));
    int m = start;
    int instants = r.nextInt(9);
    for (int i = 0; i < instants; i++) {
      if (i > 0 || r.nextInt(3) != 0) {
        m += 15 * (1 + r.nextInt(r.nextInt(3) == 0 ? 96 : 12));
      }
      int n = 1 + r.nextInt(4);
      for (int j = 0; j < n; j++) {
        String id = id(r, ids);
        events.add(
            switch (r.nextInt(9)) {
              case 0 -> {
                Set<String> t = new LinkedHashSet<>();
                for (String tag : TAGS) {
                  if (r.nextBoolean()) {
                    t.add(tag);
                  }
                }
                yield new Ev(m, id, "tags", null, t);
              }
              case 1 -> new Ev(m, id, "k1", K1[r.nextInt(2)], null);
              case 2 -> new Ev(m, id, "k2", K2[r.nextInt(3)], null);
              case 3, 4 -> new Ev(m, id, "status", STATUSES[r.nextInt(STATUSES.length)], null);
              case 5 -> new Ev(m, id, "message", null, null);
              case 6 -> new Ev(m, id, "public", null, null);
              case 7 -> new Ev(m, id, "note", null, null);
              default -> new Ev(m, id, "bot", null, null);
            });
      }
    }
    return new Setup(
        def,
        r.nextBoolean(),
        r.nextBoolean(),
        r.nextBoolean(),
        r.nextBoolean(),
        r.nextBoolean(),
        15L * (1 + r.nextInt(40)),
        15L * (1 + r.nextInt(40)),
        r.nextInt(3) == 0 ? MetricRule.ALWAYS : "team",
        r.nextInt(3) == 0 ? MetricRule.ALWAYS : "team",
        new RetargetRule[] {
              RetargetRule.RECALCULATE,
              RetargetRule.RECALCULATE_ALL,
              RetargetRule.CANCEL_AND_REATTACH
            }
            [r.nextInt(3)],
        ReattachStart.values()[r.nextInt(3)],
        r.nextBoolean(),
        r.nextBoolean() ? ScheduleRule.PER_PERIOD : ScheduleRule.LAST_SCHEDULE,
        r.nextBoolean() ? ClosingRule.AT_CLOSE : ClosingRule.AT_NEXT_OPENING,
        r.nextBoolean() ? BreachRule.AFTER_DEADLINE : BreachRule.AT_DEADLINE,
        events,
        m + 15 * r.nextInt(4 * 24 * 3),
        LocalDate.of(2026, 10, 19).plusDays(r.nextInt(16)));
  }

  static String id(Random r, Set<String> used) {
    while (true) {
      String id = String.format(Locale.ROOT, "e%03d", r.nextInt(1000));
      if (used.add(id)) {
        return id;
      }
    }
  }

  static SlaPolicySet set(Setup s) {
    PriorityMatrix matrix = PriorityMatrix.constant("normal");
    SlaPolicy vip =
        SlaPolicy.builder("vip")
            .when(MatchCondition.always().withAttribute("k1", "x"))
            .matrix(matrix)
            .target("normal", M, Duration.ofMinutes(s.vipTarget))
            .rule(
                MetricRule.builder(M)
                    .calendar(s.vipCalendar)
                    .internalNotesCount(s.vipNotes)
                    .automatedRepliesCount(s.vipBots)
                    .build())
            .build();
    SlaPolicy std =
        SlaPolicy.builder("std")
            .matrix(matrix)
            .target("normal", M, Duration.ofMinutes(s.stdTarget))
            .rule(MetricRule.builder(M).calendar(s.calendar).build())
            .build();
    return SlaPolicySet.builder()
        .statuses(STATUSES)
        .initialStatus("new")
        .solvedStatuses("solved", "closed")
        .internalNotesCount(s.notesCount)
        .automatedRepliesCount(s.botsCount)
        .closingRule(s.closing)
        .breachRule(s.breach)
        .retargetRule(s.retarget)
        .reattachStart(s.reattach)
        .retroactivePause(s.retroPause)
        .scheduleRule(s.schedule)
        .metric(s.def)
        .policy(vip)
        .defaultPolicy(std)
        .build();
  }

  static Map<String, BusinessCalendar> calendars(Setup s) {
    return Map.of("team", BusinessRetargetOracleProperties.team(s.holiday).build());
  }

  static List<TicketEvent> events(Setup s) {
    List<TicketEvent> out = new ArrayList<>();
    for (Ev e : s.events) {
      Instant a = at(e.minute);
      out.add(
          switch (e.kind) {
            case "created" -> {
              Map<String, String> attrs = new HashMap<>();
              if (!e.value.isEmpty()) {
                for (String kv : e.value.split(",")) {
                  String[] p = kv.split("=");
                  attrs.put(p[0], p[1]);
                }
              }
              yield s.byAgent
                  ? TicketEvent.Created.byAgent("T", e.id, a, attrs, e.tags)
                  : TicketEvent.Created.byCustomer("T", e.id, a, attrs, e.tags);
            }
            case "tags" -> new TicketEvent.TagsChanged("T", e.id, a, e.tags);
            case "k1", "k2" -> new TicketEvent.AttributeChanged("T", e.id, a, e.kind, e.value);
            case "status" -> new TicketEvent.StatusChanged("T", e.id, a, e.value);
            case "message" -> new TicketEvent.CustomerMessage("T", e.id, a);
            case "public" -> TicketEvent.AgentReply.publicReply("T", e.id, a);
            case "note" -> TicketEvent.AgentReply.internalNote("T", e.id, a);
            default -> TicketEvent.AgentReply.automated("T", e.id, a);
          });
    }
    return out;
  }

  // ------------------------------------------------------------------ the oracle

  static final class Ticket {
    String status;
    Set<String> tags = new LinkedHashSet<>();
    Map<String, String> attrs = new HashMap<>();

    Ticket copy() {
      Ticket t = new Ticket();
      t.status = status;
      t.tags = new LinkedHashSet<>(tags);
      t.attrs = new HashMap<>(attrs);
      return t;
    }

    boolean vip() {
      return "x".equals(attrs.get("k1"));
    }
  }

  static boolean fires(Setup s, MetricTrigger t, Ticket before, Ticket after, Ev e) {
    Set<String> v = t.values();
    return switch (t.on()) {
      case CREATED -> e.kind.equals("created");
      case CREATED_BY_CUSTOMER -> e.kind.equals("created") && !s.byAgent;
      case CUSTOMER_MESSAGE -> e.kind.equals("message");
      case PUBLIC_REPLY -> e.kind.equals("public");
      case INTERNAL_NOTE -> e.kind.equals("note");
      case AUTOMATED_REPLY -> e.kind.equals("bot");
      case COUNTED_REPLY ->
          switch (e.kind) {
            case "public" -> true;
            case "note" -> after.vip() ? s.vipNotes : s.notesCount;
            case "bot" -> after.vip() ? s.vipBots : s.botsCount;
            default -> false;
          };
      case STATUS_ENTERED ->
          !Objects.equals(before.status, after.status)
              && (before.status == null || !v.contains(before.status))
              && v.contains(after.status);
      case STATUS_LEFT ->
          before.status != null && v.contains(before.status) && !v.contains(after.status);
      case SOLVED ->
          before.status != null
              && !SOLVED.contains(before.status)
              && SOLVED.contains(after.status)
              && (v.isEmpty() || v.contains(after.status));
      case REOPENED ->
          before.status != null
              && SOLVED.contains(before.status)
              && !SOLVED.contains(after.status)
              && (v.isEmpty() || v.contains(before.status));
      case TAG_ADDED ->
          v.stream().anyMatch(x -> !before.tags.contains(x) && after.tags.contains(x));
      case TAG_REMOVED ->
          v.stream().anyMatch(x -> before.tags.contains(x) && !after.tags.contains(x));
      case ATTRIBUTE_ENTERED ->
          !v.contains(before.attrs.get(t.attribute()))
              && v.contains(after.attrs.get(t.attribute()));
      case ATTRIBUTE_LEFT ->
          v.contains(before.attrs.get(t.attribute()))
              && !v.contains(after.attrs.get(t.attribute()));
      default -> false;
    };
  }

  static boolean any(Setup s, List<MetricTrigger> ts, Ticket before, Ticket after, Ev e) {
    return ts.stream().anyMatch(t -> fires(s, t, before, after, e));
  }

  static final class Cyc {
    final int index;
    final int start;
    Integer stop;
    boolean cancelled;
    boolean stopVip;
    final List<Integer> runs = new ArrayList<>();

    Cyc(int index, int start) {
      this.index = index;
      this.start = start;
    }
  }

  /** One step's effect on the cycles. */
  static final class Machine {
    final Setup s;
    final MetricDefinition def;
    final List<Cyc> cycles = new ArrayList<>();
    boolean armed;
    boolean deferred;
    boolean awaitingCustomer;
    boolean messageWhileSolved; // the first message came while solved, not answered yet

    Machine(Setup s) {
      this.s = s;
      this.def = s.def;
      this.awaitingCustomer = s.byAgent;
    }

    Cyc last() {
      return cycles.isEmpty() ? null : cycles.get(cycles.size() - 1);
    }

    boolean running() {
      Cyc c = last();
      return c != null && c.stop == null;
    }

    /**
     * CANCEL_AND_REATTACH at a change of policy: the running (or paused) cycle ends cancelled under
     * the policy it ran under and a new one starts, at the change or retroactively.
     */
    void reattach(int m, boolean oldVip, int created, boolean[] pausedAt) {
      if (!running()) {
        return;
      }
      Cyc c = last();
      c.stop = m;
      c.cancelled = true;
      c.stopVip = oldVip;
      int from =
          switch (s.reattach) {
            case AT_CHANGE -> m;
            case AT_CREATION -> created;
            case AT_CANCELLED_START -> c.start;
          };
      Cyc n = new Cyc(cycles.size(), from);
      for (int x = from; x < m; x++) {
        if (!s.retroPause || !pausedAt[x]) {
          n.runs.add(x);
        }
      }
      cycles.add(n);
    }

    void step(int m, Ticket before, Ticket after, Ev... evs) {
      boolean stop = false;
      boolean cancel = false;
      boolean arm = false;
      boolean start = false;
      for (Ev e : evs) {
        stop |= any(s, def.stop(), before, after, e);
        cancel |= any(s, def.cancel(), before, after, e);
        arm |= any(s, def.arm(), before, after, e);
        start |= any(s, def.start(), before, after, e);
      }
      boolean reopen =
          before.status != null && SOLVED.contains(before.status) && !SOLVED.contains(after.status);
      if (running() && (stop || cancel)) {
        Cyc c = last();
        c.stop = m;
        c.cancelled = !stop;
        c.stopVip = after.vip();
      }
      if (stop) {
        deferred = false;
      }
      if (arm && !awaitingCustomer) {
        armed = true;
      }
      boolean go = false;
      if (!running() && start) {
        if (def.cycles() == MetricDefinition.Cycles.ONCE && last() != null) {
          go = false;
        } else if (SOLVED.contains(after.status)
            && def.whenSolved() != MetricDefinition.WhenSolved.START) {
          if (def.whenSolved() == MetricDefinition.WhenSolved.DEFER) {
            deferred = true;
          }
        } else {
          go = true;
        }
      } else if (!running() && reopen && deferred) {
        deferred = false;
        go = def.cycles() != MetricDefinition.Cycles.ONCE || last() == null;
      }
      if (go && (def.arm().isEmpty() || armed)) {
        armed = false;
        deferred = false;
        Cyc l = last();
        if (l != null && def.cycles() == MetricDefinition.Cycles.RESUME) {
          l.stop = null;
          l.cancelled = false;
        } else {
          cycles.add(new Cyc(cycles.size(), m));
        }
      }
    }
  }

  /**
   * The place of a message or reply among its group's steps: those that stop, then cancel, then
   * arm, then only start. The README leaves open the order of two events of one class that fire
   * different further triggers (a note that only cancels and a bot reply that cancels and starts):
   * within a class the events that fire fewer of start (1), stop (2), cancel (4), arm (8) go first,
   * which is independent of the ids, so a start fired beside a cancel survives it.
   */
  static int rank(Setup s, Ticket t, Ev e) {
    MetricDefinition d = s.def;
    int bits =
        (any(s, d.start(), t, t, e) ? 1 : 0)
            | (any(s, d.stop(), t, t, e) ? 2 : 0)
            | (any(s, d.cancel(), t, t, e) ? 4 : 0)
            | (any(s, d.arm(), t, t, e) ? 8 : 0);
    int k = (bits & 2) != 0 ? 0 : (bits & 4) != 0 ? 1 : (bits & 8) != 0 ? 2 : 3;
    return k * 16 + bits;
  }

  /** Whether a reply counts for the built-in first reply (the set's switches; no override). */
  static boolean countsForFirstReply(Setup s, Ev e) {
    return switch (e.kind) {
      case "public" -> true;
      case "note" -> s.notesCount;
      case "bot" -> s.botsCount;
      default -> false;
    };
  }

  static boolean paused(MetricDefinition d, Ticket t) {
    if (d.pauseStatuses().contains(t.status)) {
      return true;
    }
    for (String tag : d.pauseTags()) {
      if (t.tags.contains(tag)) {
        return true;
      }
    }
    for (Map.Entry<String, Set<String>> a : d.pauseAttributes().entrySet()) {
      if (a.getValue().contains(t.attrs.get(a.getKey()))) {
        return true;
      }
    }
    return false;
  }

  static List<String> oracle(Setup s, boolean[] stdOpen, boolean[] vipOpen) {
    Machine mc = new Machine(s);
    boolean[] pausedAt = new boolean[stdOpen.length];
    boolean[] vipAt = new boolean[stdOpen.length]; // the policy in force in each minute
    TreeMap<Integer, List<Ev>> byMinute = new TreeMap<>();
    for (Ev e : s.events) {
      byMinute.computeIfAbsent(e.minute, k -> new ArrayList<>()).add(e);
    }
    Ticket state = new Ticket();
    int start = s.events.get(0).minute;
    for (int m = start; m <= s.evalMinute; m++) {
      List<Ev> here = new ArrayList<>(byMinute.getOrDefault(m, List.of()));
      // the creation first (nothing is written to a ticket before it exists), then by id
      here.sort(Comparator.comparing((Ev e) -> !e.kind.equals("created")).thenComparing(Ev::id));
      // the state group: one step, each field's last write (by id) wins
      List<Ev> group = here.stream().filter(e -> isState(e.kind)).toList();
      if (!group.isEmpty()) {
        Ticket before = state.copy();
        Ticket after = state.copy();
        for (Ev e : group) {
          switch (e.kind) {
            case "created" -> {
              after.status = "new";
              after.tags = new LinkedHashSet<>(e.tags);
              if (!e.value.isEmpty()) {
                for (String kv : e.value.split(",")) {
                  String[] p = kv.split("=");
                  after.attrs.put(p[0], p[1]);
                }
              }
            }
            case "tags" -> after.tags = new LinkedHashSet<>(e.tags);
            default -> after.attrs.put(e.kind, e.value);
          }
        }
        if (s.retarget == RetargetRule.CANCEL_AND_REATTACH
            && before.status != null
            && before.vip() != after.vip()) {
          mc.reattach(m, before.vip(), start, pausedAt);
        }
        mc.step(m, before, after, group.toArray(Ev[]::new));
        state = after;
      }
      for (Ev e : here) {
        if (e.kind.equals("status")) {
          Ticket before = state.copy();
          Ticket after = state.copy();
          after.status = e.value;
          if (mc.messageWhileSolved
              && SOLVED.contains(before.status)
              && !SOLVED.contains(after.status)) {
            mc.awaitingCustomer = false; // the reopen starts the first reply that message waits for
          }
          mc.step(m, before, after, e);
          state = after;
        }
      }
      for (String group2 : List.of("message", "reply")) {
        Ticket t = state;
        List<Ev> steps =
            here.stream()
                .filter(
                    e ->
                        group2.equals("message")
                            ? e.kind.equals("message")
                            : Set.of("public", "note", "bot").contains(e.kind))
                .sorted(Comparator.comparingInt((Ev e) -> rank(s, t, e)))
                .toList();
        for (Ev e : steps) {
          if (e.kind.equals("message") && mc.awaitingCustomer) {
            if (SOLVED.contains(state.status)) {
              mc.messageWhileSolved = true;
            } else {
              mc.awaitingCustomer = false;
            }
          } else if (mc.awaitingCustomer && countsForFirstReply(s, e)) {
            mc.messageWhileSolved = false; // answered before the reopen: still awaiting
          }
          mc.step(m, state, state, e);
        }
      }
      pausedAt[m] = paused(s.def, state);
      vipAt[m] = state.vip();
      if (m < s.evalMinute && mc.running() && !paused(s.def, state)) {
        mc.last().runs.add(m);
      }
    }
    List<String> out = new ArrayList<>();
    Instant next = null;
    boolean vipNow = state.vip();
    for (Cyc c : mc.cycles) {
      boolean vip =
          c.stop == null || s.retarget == RetargetRule.RECALCULATE_ALL ? vipNow : c.stopVip;
      long target = vip ? s.vipTarget : s.stdTarget;
      boolean[] judged = vip ? vipOpen : stdOpen;
      // PER_PERIOD: a minute the cycle ran counts on the calendar of the policy in force then
      boolean perPeriod = s.schedule == ScheduleRule.PER_PERIOD;
      boolean[] open = judged.clone();
      for (int x : c.runs) {
        if (perPeriod) {
          open[x] = (vipAt[x] ? vipOpen : stdOpen)[x];
        }
      }
      int end = c.stop != null ? c.stop : s.evalMinute;
      long elapsed = c.runs.stream().filter(x -> x < end && open[x]).count();
      // deadline: the running minutes, then every minute from the stop or the evaluation on
      List<Integer> runs = c.runs.stream().filter(x -> x < end).toList();
      int total = runs.size() + (open.length - end);
      long count = 0;
      int idx = -1;
      for (int k = 0; k < total; k++) {
        int x = k < runs.size() ? runs.get(k) : end + (k - runs.size());
        if (open[x] && ++count == target) {
          idx = k;
          break;
        }
      }
      Integer deadline = null;
      for (int k = idx + 1; idx >= 0 && k < total; k++) {
        int x = k < runs.size() ? runs.get(k) : end + (k - runs.size());
        if (s.closing == ClosingRule.AT_CLOSE || open[x]) {
          deadline = x;
          break;
        }
      }
      boolean active = c.stop == null && !paused(s.def, state);
      boolean breached =
          deadline != null
              && (runs.contains(deadline)
                  || (s.breach == BreachRule.AT_DEADLINE && active && deadline == s.evalMinute));
      if (active && !breached && deadline != null) {
        Instant b = s.breach == BreachRule.AT_DEADLINE ? at(deadline) : at(deadline).plusNanos(1);
        next = next == null || b.isBefore(next) ? b : next;
      }
      String st =
          breached ? "BREACHED" : c.stop == null ? "OPEN" : c.cancelled ? "CANCELLED" : "ACHIEVED";
      out.add(
          BusinessRetargetOracleProperties.line(
              c.index,
              st,
              at(c.start),
              c.stop == null ? null : at(c.stop),
              elapsed,
              target,
              deadline == null ? null : at(deadline),
              breached
                  ? s.breach == BreachRule.AT_DEADLINE ? at(deadline) : at(deadline).plusNanos(1)
                  : null));
    }
    out.add("next=" + next);
    return out;
  }

  static boolean isState(String kind) {
    return kind.equals("created") || kind.equals("tags") || kind.equals("k1") || kind.equals("k2");
  }

  static List<String> engine(SlaEvaluation ev) {
    List<String> out = new ArrayList<>();
    for (MetricCycle c : ev.cycles()) {
      if (!c.metric().equals(M)) {
        continue;
      }
      String state =
          c.state() == CycleState.ACTIVE || c.state() == CycleState.PAUSED
              ? "OPEN"
              : c.state().name();
      Duration e = c.elapsed();
      out.add(
          BusinessRetargetOracleProperties.line(
              c.cycle(),
              state,
              c.start(),
              c.stop().orElse(null),
              e.toNanos() % 60_000_000_000L == 0 ? e.toMinutes() : -e.toNanos(),
              c.target().map(Duration::toMinutes).orElse(-1L),
              c.deadline().orElse(null),
              c.breachedAt().orElse(null)));
    }
    out.add("next=" + ev.nextTransition().orElse(null));
    return out;
  }

  static boolean[] open(Setup s, String calendar) {
    int count = BusinessRetargetOracleProperties.HORIZON_DAYS * 1440;
    if (calendar.equals(MetricRule.ALWAYS)) {
      boolean[] all = new boolean[count];
      java.util.Arrays.fill(all, true);
      return all;
    }
    return BusinessRetargetOracleProperties.team(s.holiday).minutes(count);
  }

  @Property(tries = 200)
  void definitionsOnUpdatesOfSeveralEventsAgreeWithTheWalk(@ForAll long seed) {
    Setup s = draw(seed);
    List<String> expected = oracle(s, open(s, s.calendar), open(s, s.vipCalendar));
    List<TicketEvent> events = events(s);
    SlaPolicySet set = set(s);
    Map<String, BusinessCalendar> cals = calendars(s);
    Instant now = at(s.evalMinute);
    SlaEvaluation batch = SlaClock.evaluate(set, cals, events, now);
    assertEquals(String.join("\n", expected), String.join("\n", engine(batch)), s.describe());
    // as of earlier instants: the deadlines found and a few others
    List<Integer> cuts = new ArrayList<>();
    for (String line : expected) {
      int i = line.indexOf("deadline=");
      if (i >= 0 && !line.startsWith("deadline=null", i)) {
        Instant d = Instant.parse(line.substring(i + 9, line.indexOf(' ', i)));
        cuts.add((int) Duration.between(BusinessRetargetOracleProperties.BASE, d).toMinutes());
      }
    }
    Random r = new Random(seed);
    int start = s.events.get(0).minute;
    for (int k = 0; k < 3; k++) {
      cuts.add(start + r.nextInt(s.evalMinute - start + 1));
    }
    for (int cut : cuts) {
      if (cut < start || cut > s.evalMinute) {
        continue;
      }
      Setup a = s.asOf(cut);
      List<String> exp = oracle(a, open(a, a.calendar), open(a, a.vipCalendar));
      SlaEvaluation asOf = SlaClock.evaluate(set, cals, events(a), at(cut));
      assertEquals(
          String.join("\n", exp),
          String.join("\n", engine(asOf)),
          "as of " + at(cut) + " " + s.describe());
    }
    // any arrival order, read once or after every event
    List<TicketEvent> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new Random(seed));
    SlaClock clock = SlaClock.of(set, cals, "T");
    boolean created = false;
    for (TicketEvent e : shuffled) {
      clock.accept(e);
      created |= e instanceof TicketEvent.Created;
      if (created) {
        clock.evaluate(now).cycles();
      }
    }
    assertEquals(batch, clock.evaluate(now), s.describe());
  }
}
