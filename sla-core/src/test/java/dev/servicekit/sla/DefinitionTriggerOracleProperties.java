package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random metric definitions (start, stop, cancel and arm triggers over event kinds, calls,
 * statuses, tags and attribute values, attributes set and cleared; every cycles rule, PER_CALL
 * included; every when-solved rule; pauses over statuses, tags and attribute values; targeted or
 * not) on random 24/7 histories (status changes, messages and replies sometimes several to an
 * update; calls answered, abandoned or cut off by a solve), against an independent reading of the
 * documented rules: the events are applied one by one to a plain ticket state in the documented
 * group and step order, the triggers are judged on the state before against the state after, and
 * the cycles are walked minute by minute. Also as of an earlier instant, and the audit trail:
 * contiguous, summing to the cycle's durations, the same in any arrival order.
 */
class DefinitionTriggerOracleProperties {

  static final String[] STATUSES = {"new", "open", "pending", "hold", "solved", "closed"};
  static final Set<String> SOLVED = Set.of("solved", "closed");
  static final String[] TAGS = {"a", "b"};
  static final String[] VALUES = {"x", "y", "z"};
  static final SlaMetric M = SlaMetric.custom("m");

  // ---------------------------------------------------------------- random definitions

  // Whether this try draws call triggers, PER_CALL and call events (set first by each property).
  static boolean calls;

  static MetricTrigger trigger(Random r) {
    return switch (r.nextInt(calls ? 18 : 15)) {
      case 15 -> MetricTrigger.callOffered();
      case 16 -> MetricTrigger.callAnswered();
      case 17 -> MetricTrigger.callAbandoned();
      case 0 -> MetricTrigger.created();
      case 1 -> MetricTrigger.customerMessage();
      case 2 -> MetricTrigger.publicReply();
      case 3 -> MetricTrigger.internalNote();
      case 4 -> MetricTrigger.automatedReply();
      case 5 -> MetricTrigger.statusEntered(some(r, STATUSES));
      case 6 -> MetricTrigger.statusLeft(some(r, STATUSES));
      case 7 -> MetricTrigger.solved();
      case 8 -> MetricTrigger.reopened();
      case 9 -> MetricTrigger.tagAdded(some(r, TAGS));
      case 10 -> MetricTrigger.tagRemoved(some(r, TAGS));
      case 11 -> MetricTrigger.attributeEntered("k", some(r, VALUES));
      case 12 -> MetricTrigger.attributeLeft("k", some(r, VALUES));
      case 13 -> MetricTrigger.solvedInto(r.nextBoolean() ? "solved" : "closed");
      default -> MetricTrigger.reopenedFrom(r.nextBoolean() ? "solved" : "closed");
    };
  }

  static String[] some(Random r, String[] from) {
    List<String> out = new ArrayList<>();
    for (String s : from) {
      if (r.nextInt(3) == 0) {
        out.add(s);
      }
    }
    if (out.isEmpty()) {
      out.add(from[r.nextInt(from.length)]);
    }
    return out.toArray(String[]::new);
  }

  static List<MetricTrigger> triggers(Random r, int min, int max, List<MetricTrigger> not) {
    int n = min + r.nextInt(max - min + 1);
    LinkedHashSet<MetricTrigger> out = new LinkedHashSet<>();
    for (int i = 0; i < 10 * n && out.size() < n; i++) {
      MetricTrigger t = trigger(r);
      if (!not.contains(t)) {
        out.add(t);
      }
    }
    return new ArrayList<>(out);
  }

  static MetricDefinition definition(Random r) {
    MetricDefinition.Builder d = MetricDefinition.builder("m");
    List<MetricTrigger> start = triggers(r, 1, 3, List.of());
    if (r.nextInt(3) == 0 && !start.contains(MetricTrigger.created())) {
      start.add(MetricTrigger.created());
    }
    List<MetricTrigger> stop = triggers(r, 0, 3, List.of());
    List<MetricTrigger> cancel = triggers(r, 0, 2, stop);
    if (stop.isEmpty() && cancel.isEmpty()) {
      stop = triggers(r, 1, 1, List.of());
    }
    d.startOn(start.toArray(MetricTrigger[]::new));
    d.stopOn(stop.toArray(MetricTrigger[]::new));
    d.cancelOn(cancel.toArray(MetricTrigger[]::new));
    if (r.nextInt(4) == 0) {
      d.armOn(triggers(r, 1, 2, List.of()).toArray(MetricTrigger[]::new));
    }
    MetricDefinition.Cycles cycles = MetricDefinition.Cycles.values()[r.nextInt(calls ? 4 : 3)];
    d.cycles(cycles);
    d.whenSolved(
        MetricDefinition.WhenSolved.values()[
            r.nextInt(cycles == MetricDefinition.Cycles.PER_CALL ? 2 : 3)]);
    if (r.nextInt(3) == 0) {
      d.pauseIn(some(r, new String[] {"pending", "hold", "solved"}));
    }
    if (r.nextInt(4) == 0) {
      d.pauseWhileTag(TAGS[r.nextInt(2)]);
    }
    if (r.nextInt(4) == 0) {
      d.pauseWhileAttribute("k", VALUES[r.nextInt(3)]);
    }
    return d.build();
  }

  static SlaPolicySet set(MetricDefinition def, Optional<Duration> target) {
    SlaPolicy.Builder p = SlaPolicy.builder("pol").matrix(PriorityMatrix.constant("n"));
    target.ifPresent(t -> p.target("n", M, t));
    return SlaPolicySet.builder()
        .statuses(STATUSES)
        .solvedStatuses("solved", "closed")
        .metric(def)
        .defaultPolicy(p.build())
        .build();
  }

  // ---------------------------------------------------------------- random histories

  static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

  static List<TicketEvent> history(Random r) {
    List<TicketEvent> out = new ArrayList<>();
    Map<String, String> attrs = new HashMap<>();
    if (r.nextBoolean()) {
      attrs.put("k", VALUES[r.nextInt(3)]);
    }
    Set<String> tags = new LinkedHashSet<>();
    for (String t : TAGS) {
      if (r.nextInt(3) == 0) {
        tags.add(t);
      }
    }
    out.add(TicketEvent.Created.byCustomer("T", "e000", T0, attrs, tags));
    Instant at = T0;
    int n = r.nextInt(14);
    List<String> ringing = new ArrayList<>();
    int callNo = 0;
    for (int i = 1; i <= n; i++) {
      String id = String.format("e%03d", i);
      if (r.nextInt(4) == 0) { // a second write of the update: a status change, message or reply
        out.add(
            switch (r.nextInt(5)) {
              case 0 -> new TicketEvent.StatusChanged("T", id, at, STATUSES[r.nextInt(6)]);
              case 1 -> new TicketEvent.CustomerMessage("T", id, at);
              case 2 -> TicketEvent.AgentReply.publicReply("T", id, at);
              case 3 -> TicketEvent.AgentReply.internalNote("T", id, at);
              default -> TicketEvent.AgentReply.automated("T", id, at);
            });
        continue;
      }
      at = at.plus(Duration.ofMinutes(1 + r.nextInt(r.nextBoolean() ? 10 : 120)));
      if (calls && r.nextInt(3) == 0) {
        if (!ringing.isEmpty() && r.nextBoolean()) {
          String call = ringing.remove(r.nextInt(ringing.size()));
          out.add(
              r.nextBoolean()
                  ? new TicketEvent.CallAnswered("T", id, at, call)
                  : new TicketEvent.CallAbandoned("T", id, at, call));
        } else {
          String call = "c" + callNo++;
          ringing.add(call);
          out.add(new TicketEvent.CallOffered("T", id, at, call));
        }
        continue;
      }
      out.add(
          switch (r.nextInt(8)) {
            case 0, 1 -> new TicketEvent.StatusChanged("T", id, at, STATUSES[r.nextInt(6)]);
            case 2 -> {
              Set<String> s = new LinkedHashSet<>();
              for (String t : TAGS) {
                if (r.nextBoolean()) {
                  s.add(t);
                }
              }
              yield new TicketEvent.TagsChanged("T", id, at, s);
            }
            case 3 ->
                r.nextInt(3) == 0
                    ? new TicketEvent.AttributeCleared("T", id, at, "k")
                    : new TicketEvent.AttributeChanged("T", id, at, "k", VALUES[r.nextInt(3)]);
            case 4 -> new TicketEvent.CustomerMessage("T", id, at);
            case 5 -> TicketEvent.AgentReply.publicReply("T", id, at);
            case 6 -> TicketEvent.AgentReply.internalNote("T", id, at);
            default -> TicketEvent.AgentReply.automated("T", id, at);
          });
    }
    return out;
  }

  // ---------------------------------------------------------------- the oracle

  /** A cycle as the oracle sees it. */
  static final class OCycle {
    final int index;
    final Instant start;
    String key = "";
    Instant stop;
    boolean cancelled;
    boolean open = true;
    long elapsed;
    long paused;
    long wall;
    Instant reached; // instant the elapsed time first exceeded the target (minute walk)

    OCycle(int index, Instant start) {
      this.index = index;
      this.start = start;
    }
  }

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
  }

  static boolean fires(MetricTrigger tr, Ticket before, Ticket after, TicketEvent e) {
    Set<String> v = tr.values();
    return switch (tr.on()) {
      case CREATED -> e instanceof TicketEvent.Created;
      case CREATED_BY_CUSTOMER -> e instanceof TicketEvent.Created c && !c.byAgent();
      case CUSTOMER_MESSAGE -> e instanceof TicketEvent.CustomerMessage;
      case PUBLIC_REPLY -> e instanceof TicketEvent.AgentReply a && a.isPublic() && !a.automated();
      case INTERNAL_NOTE ->
          e instanceof TicketEvent.AgentReply a && !a.isPublic() && !a.automated();
      case AUTOMATED_REPLY -> e instanceof TicketEvent.AgentReply a && a.automated();
      case STATUS_ENTERED ->
          v.contains(after.status) && (before.status == null || !v.contains(before.status));
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
          v.stream().anyMatch(t -> after.tags.contains(t) && !before.tags.contains(t));
      case TAG_REMOVED ->
          v.stream().anyMatch(t -> before.tags.contains(t) && !after.tags.contains(t));
      case ATTRIBUTE_ENTERED -> {
        String b = before.attrs.get(tr.attribute());
        String a = after.attrs.get(tr.attribute());
        yield a != null && v.contains(a) && (b == null || !v.contains(b));
      }
      case ATTRIBUTE_LEFT -> {
        String b = before.attrs.get(tr.attribute());
        String a = after.attrs.get(tr.attribute());
        yield b != null && v.contains(b) && (a == null || !v.contains(a));
      }
      case CALL_OFFERED -> e instanceof TicketEvent.CallOffered;
      case CALL_ANSWERED -> e instanceof TicketEvent.CallAnswered;
      case CALL_ABANDONED -> e instanceof TicketEvent.CallAbandoned;
      default -> throw new AssertionError(tr);
    };
  }

  static int rank(TicketEvent e) {
    if (e instanceof TicketEvent.StatusChanged) {
      return 1;
    }
    if (e instanceof TicketEvent.CustomerMessage) {
      return 2;
    }
    if (e instanceof TicketEvent.AgentReply) {
      return 3;
    }
    if (e instanceof TicketEvent.CallOffered) {
      return 4;
    }
    if (e instanceof TicketEvent.CallAnswered || e instanceof TicketEvent.CallAbandoned) {
      return 5;
    }
    return 0;
  }

  /**
   * An event's step order: by class, stop 0, cancel 1, arm 2, start only (or nothing) 3; within a
   * class by the other triggers it fires (start 1, stop 2, cancel 4, arm 8 as bits), so that an
   * event that only cancels goes before one that cancels and starts: a start of the instant comes
   * after its cancels, whatever the ids.
   */
  static int precedence(MetricDefinition def, Ticket s, TicketEvent e) {
    boolean stop = any(def.stop(), s, s, e);
    boolean cancel = any(def.cancel(), s, s, e);
    boolean arm = any(def.arm(), s, s, e);
    boolean start = any(def.start(), s, s, e);
    int bits = (start ? 1 : 0) | (stop ? 2 : 0) | (cancel ? 4 : 0) | (arm ? 8 : 0);
    int k = stop ? 0 : cancel ? 1 : arm ? 2 : 3;
    return (k << 4) | bits;
  }

  static String callOf(TicketEvent e) {
    if (e instanceof TicketEvent.CallOffered o) {
      return o.callId();
    }
    if (e instanceof TicketEvent.CallAnswered a) {
      return a.callId();
    }
    if (e instanceof TicketEvent.CallAbandoned a) {
      return a.callId();
    }
    return null;
  }

  static boolean any(List<MetricTrigger> list, Ticket b, Ticket a, TicketEvent e) {
    return list.stream().anyMatch(t -> fires(t, b, a, e));
  }

  static boolean paused(MetricDefinition def, Ticket s) {
    if (def.pauseStatuses().contains(s.status)) {
      return true;
    }
    if (def.pauseTags().stream().anyMatch(s.tags::contains)) {
      return true;
    }
    for (Map.Entry<String, Set<String>> en : def.pauseAttributes().entrySet()) {
      String v = s.attrs.get(en.getKey());
      if (v != null && en.getValue().contains(v)) {
        return true;
      }
    }
    return false;
  }

  /** The oracle's cycles at {@code now}; events are at distinct instants, in order. */
  static List<OCycle> oracle(
      MetricDefinition def, Optional<Duration> target, List<TicketEvent> events, Instant now) {
    List<OCycle> cycles = new ArrayList<>();
    Ticket state = new Ticket();
    boolean armed = false;
    boolean deferred = false;
    Set<String> ringing = new java.util.HashSet<>();
    int ei = 0;
    long tgt = target.map(Duration::toMinutes).orElse(-1L);
    for (Instant m = T0; !m.isAfter(now); m = m.plusSeconds(60)) {
      List<TicketEvent> here = new ArrayList<>();
      while (ei < events.size() && events.get(ei).at().equals(m)) {
        here.add(events.get(ei++));
      }
      // One update's events take effect group by group; within the message and reply groups the
      // events that stop go first, then those that cancel, arm, and only start.
      Ticket at = state;
      here.sort(
          java.util.Comparator.<TicketEvent>comparingInt(DefinitionTriggerOracleProperties::rank)
              .thenComparingInt(x -> rank(x) >= 2 ? precedence(def, at, x) : 0)
              .thenComparing(TicketEvent::id));
      for (TicketEvent e : here) {
        String callId = callOf(e);
        if (e instanceof TicketEvent.CallOffered) {
          ringing.add(callId);
        } else if (callId != null && !ringing.remove(callId)) {
          continue; // not ringing (cut off by a solve): an anomaly, without effect
        }
        Ticket before = state.copy();
        Ticket after = state.copy();
        if (e instanceof TicketEvent.Created c) {
          after.status = STATUSES[0];
          after.tags.addAll(c.tags());
          after.attrs.putAll(c.attributes());
        } else if (e instanceof TicketEvent.StatusChanged s) {
          after.status = s.status();
        } else if (e instanceof TicketEvent.TagsChanged t) {
          after.tags = new LinkedHashSet<>(t.tags());
        } else if (e instanceof TicketEvent.AttributeChanged a) {
          after.attrs.put(a.key(), a.value());
        } else if (e instanceof TicketEvent.AttributeCleared a) {
          after.attrs.remove(a.key()); // absent, as if never set
        }
        state = after;
        if (before.status != null
            && !SOLVED.contains(before.status)
            && SOLVED.contains(after.status)) {
          ringing.clear(); // nobody answers a call on a solved ticket
        }
        boolean stop = any(def.stop(), before, after, e);
        boolean cancel = any(def.cancel(), before, after, e);
        boolean arm = any(def.arm(), before, after, e);
        boolean start = any(def.start(), before, after, e);
        boolean reopen =
            before.status != null
                && SOLVED.contains(before.status)
                && !SOLVED.contains(after.status);
        if (def.cycles() == MetricDefinition.Cycles.PER_CALL) {
          String call = callOf(e);
          if (stop || cancel) {
            for (OCycle c : cycles) {
              if (c.open && (call == null || c.key.equals(call))) {
                c.open = false;
                c.stop = m;
                c.cancelled = !stop;
              }
            }
          }
          if (arm) {
            armed = true;
          }
          String key = call == null ? "" : call;
          boolean runs = cycles.stream().anyMatch(c -> c.open && c.key.equals(key));
          if (start
              && !runs
              && !(SOLVED.contains(after.status)
                  && def.whenSolved() != MetricDefinition.WhenSolved.START)
              && (def.arm().isEmpty() || armed)) {
            armed = false;
            OCycle c = new OCycle(cycles.size(), m);
            c.key = key;
            cycles.add(c);
          }
          continue;
        }
        OCycle last = cycles.isEmpty() ? null : cycles.get(cycles.size() - 1);
        boolean open = last != null && last.open;
        if (open && (stop || cancel)) {
          last.open = false;
          last.stop = m;
          last.cancelled = !stop;
          open = false;
        }
        if (stop) {
          deferred = false;
        }
        if (arm) {
          armed = true;
        }
        boolean go = false;
        if (!open && start) {
          if (def.cycles() == MetricDefinition.Cycles.ONCE && last != null) {
            go = false;
          } else if (SOLVED.contains(after.status)
              && def.whenSolved() != MetricDefinition.WhenSolved.START) {
            if (def.whenSolved() == MetricDefinition.WhenSolved.DEFER) {
              deferred = true;
            }
          } else {
            go = true;
          }
        } else if (!open && reopen && deferred) {
          deferred = false;
          go = def.cycles() != MetricDefinition.Cycles.ONCE || last == null;
        }
        if (go && (def.arm().isEmpty() || armed)) {
          armed = false;
          deferred = false;
          if (last != null && def.cycles() == MetricDefinition.Cycles.RESUME) {
            last.open = true;
            last.stop = null;
            last.cancelled = false;
          } else {
            cycles.add(new OCycle(cycles.size(), m));
          }
        }
      }
      if (m.equals(now)) {
        break;
      }
      boolean p = paused(def, state);
      for (OCycle c : cycles) {
        if (c.open) {
          c.wall++;
          if (p) {
            c.paused++;
          } else {
            c.elapsed++;
            if (tgt >= 0 && c.elapsed == tgt + 1 && c.reached == null) {
              c.reached = m; // elapsed passes the target during this minute
            }
          }
        }
      }
    }
    return cycles;
  }

  // ---------------------------------------------------------------- the comparison

  static String describe(MetricDefinition def, Optional<Duration> target, List<TicketEvent> h) {
    StringBuilder sb = new StringBuilder().append(def).append(" target ").append(target);
    for (TicketEvent e : h) {
      sb.append("\n  ").append(e);
    }
    return sb.toString();
  }

  static void compare(
      MetricDefinition def,
      Optional<Duration> target,
      List<TicketEvent> events,
      Instant now,
      SlaEvaluation ev) {
    List<OCycle> want = oracle(def, target, events, now);
    List<MetricCycle> got = ev.cycles().stream().filter(c -> c.metric().equals(M)).toList();
    String why = describe(def, target, events) + "\n now " + now + "\n got " + got;
    assertEquals(want.size(), got.size(), "cycles: " + why);
    long tgt = target.map(Duration::toMinutes).orElse(-1L);
    for (int i = 0; i < want.size(); i++) {
      OCycle w = want.get(i);
      MetricCycle g = got.get(i);
      String at = "cycle " + i + ": " + why;
      assertEquals(w.index, g.cycle(), at);
      assertEquals(w.start, g.start(), "start " + at);
      assertEquals(w.key, g.key(), "key " + at);
      assertEquals(Optional.ofNullable(w.stop), g.stop(), "stop " + at);
      assertEquals(Duration.ofMinutes(w.elapsed), g.elapsed(), "elapsed " + at);
      assertEquals(Duration.ofMinutes(w.paused), g.pausedTime(), "paused " + at);
      assertEquals(Duration.ofMinutes(w.wall), g.wallElapsed(), "wall " + at);
      assertEquals(target, g.target(), "target " + at);
      boolean breached = tgt >= 0 && w.elapsed > tgt;
      CycleState state =
          breached
              ? CycleState.BREACHED
              : w.open
                  ? (pausedNow(def, events, now) ? CycleState.PAUSED : CycleState.ACTIVE)
                  : w.cancelled ? CycleState.CANCELLED : CycleState.ACHIEVED;
      assertEquals(state, g.state(), "state " + at);
      if (tgt < 0) {
        assertEquals(Optional.empty(), g.deadline(), "deadline " + at);
      } else if (breached) {
        assertEquals(Optional.of(w.reached), g.deadline(), "deadline " + at);
        assertEquals(Optional.of(w.reached.plusNanos(1)), g.breachedAt(), "breachedAt " + at);
      } else if (w.elapsed < tgt) {
        Instant from = w.open ? now : w.stop;
        assertEquals(
            Optional.of(from.plus(Duration.ofMinutes(tgt - w.elapsed))),
            g.deadline(),
            "deadline " + at);
      }
    }
  }

  static boolean pausedNow(MetricDefinition def, List<TicketEvent> events, Instant now) {
    Ticket s = new Ticket();
    for (TicketEvent e : events) {
      if (!e.at().isAfter(now)) {
        if (e instanceof TicketEvent.Created c) {
          s.status = STATUSES[0];
          s.tags.addAll(c.tags());
          s.attrs.putAll(c.attributes());
        } else if (e instanceof TicketEvent.StatusChanged x) {
          s.status = x.status();
        } else if (e instanceof TicketEvent.TagsChanged t) {
          s.tags = new LinkedHashSet<>(t.tags());
        } else if (e instanceof TicketEvent.AttributeChanged a) {
          s.attrs.put(a.key(), a.value());
        } else if (e instanceof TicketEvent.AttributeCleared a) {
          s.attrs.remove(a.key());
        }
      }
    }
    return paused(def, s);
  }

  static Optional<Duration> target(Random r) {
    return r.nextInt(4) == 0
        ? Optional.empty()
        : Optional.of(Duration.ofMinutes(5 + r.nextInt(200)));
  }

  /**
   * A public reply that cancels and starts and an internal note that cancels, at one instant: the
   * note's cancel goes first, so the reply's new cycle runs (the oracle ordered the two by id, and
   * this seed failed about once in a few dozen full runs).
   */
  @net.jqwik.api.Example
  void aCancelOnlyEventGoesBeforeOneThatCancelsAndStarts() {
    definitionsMatchTheDocumentedRulesOnAMinuteWalk(-268050347449L);
  }

  @Property(tries = 200)
  void definitionsMatchTheDocumentedRulesOnAMinuteWalk(@ForAll long seed) {
    Random r = new Random(seed);
    calls = r.nextBoolean();
    MetricDefinition def = definition(r);
    Optional<Duration> target = target(r);
    SlaPolicySet set = set(def, target);
    List<TicketEvent> events = history(r);
    Instant last = events.get(events.size() - 1).at();
    Instant now = last.plus(Duration.ofMinutes(1 + r.nextInt(300)));
    SlaClock clock = SlaClock.of(set, Map.of(), "T");
    events.forEach(clock::accept);
    compare(def, target, events, now, clock.evaluate(now));
    // as of an earlier instant (not an event's): only the events before it
    Instant mid =
        T0.plus(Duration.ofMinutes(1 + r.nextInt((int) Duration.between(T0, now).toMinutes())));
    compare(def, target, events, mid, clock.evaluate(mid));
  }

  @Property(tries = 200)
  void theAuditTrailSumsToTheCycleAndFollowsTheWalk(@ForAll long seed) {
    Random r = new Random(seed);
    calls = r.nextBoolean();
    MetricDefinition def = definition(r);
    Optional<Duration> target = target(r);
    SlaPolicySet set = set(def, target);
    List<TicketEvent> events = history(r);
    Instant now = events.get(events.size() - 1).at().plus(Duration.ofMinutes(1 + r.nextInt(300)));
    SlaClock clock = SlaClock.of(set, Map.of(), "T");
    List<TicketEvent> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled.subList(1, shuffled.size()), r);
    SlaClock late = SlaClock.of(set, Map.of(), "T");
    events.forEach(clock::accept);
    shuffled.forEach(late::accept);
    SlaEvaluation ev = clock.evaluate(now);
    assertEquals(ev, late.evaluate(now));
    for (MetricCycle c : ev.cycles()) {
      if (!c.metric().equals(M)) {
        continue;
      }
      List<CycleSegment> trail = clock.auditTrail(M, c.cycle(), now);
      String why = describe(def, target, events) + "\n" + c + "\n" + trail;
      assertEquals(trail, late.auditTrail(M, c.cycle(), now), why);
      Duration business = Duration.ZERO;
      Duration wall = Duration.ZERO;
      Duration paused = Duration.ZERO;
      Instant prev = c.start();
      for (CycleSegment s : trail) {
        assertEquals(prev, s.from(), "contiguous " + why);
        prev = s.to();
        assertEquals(Duration.between(s.from(), s.to()), s.wall(), why);
        business = business.plus(s.business());
        if (s.kind() != CycleSegment.Kind.STOPPED) {
          wall = wall.plus(s.wall());
        }
        if (s.kind() == CycleSegment.Kind.PAUSED) {
          paused = paused.plus(s.wall());
        }
        if (s.kind() == CycleSegment.Kind.RUNNING) {
          assertEquals(s.wall(), s.business(), "24/7 " + why);
        } else {
          assertEquals(Duration.ZERO, s.business(), why);
        }
        assertEquals(target, s.target(), why);
      }
      assertEquals(now, prev, "ends now " + why);
      assertEquals(c.elapsed(), business, "elapsed " + why);
      assertEquals(c.wallElapsed(), wall, "wall " + why);
      assertEquals(c.pausedTime(), paused, "paused " + why);
    }
  }
}
