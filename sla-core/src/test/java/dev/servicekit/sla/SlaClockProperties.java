package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.internal.clock.BusinessTime;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Laws of the SLA clock over random ticket histories. */
class SlaClockProperties {

  private static final String[] STATUSES = {
    "new", "open", "pending", "on-hold", "analysis", "solved", "closed"
  };

  /**
   * A random history: events are generated from a seed so shrinking stays meaningful. {@code
   * notesCount} selects the set variant in which internal notes count as replies, {@code
   * targetCalendars} the variant in which some targets count on a calendar of their own, {@code
   * replyOverrides} the variant whose reply metrics override which replies count, {@code extra} one
   * of the {@link Fixtures#semantics} variants (0 = none) that replaces them, {@code definitions}
   * whether metric definitions are added.
   */
  record History(
      List<TicketEvent> events,
      Instant last,
      boolean notesCount,
      boolean targetCalendars,
      boolean replyOverrides,
      boolean definitions,
      int extra) {
    SlaPolicySet set() {
      SlaPolicySet base;
      if (extra != 0) {
        base = Fixtures.semantics(extra);
      } else if (targetCalendars) {
        base = Fixtures.tieredWithTargetCalendars();
      } else if (replyOverrides) {
        base = Fixtures.tieredWithReplyOverrides();
      } else {
        base = notesCount ? Fixtures.tieredNotesCount() : Fixtures.tiered();
      }
      return definitions ? Mirrors.withTwinsAndExtras(base) : base;
    }

    /** This history's set with other events. */
    History withEvents(List<TicketEvent> other) {
      return new History(
          other, last, notesCount, targetCalendars, replyOverrides, definitions, extra);
    }

    /**
     * This history under its set plus metric definitions ({@link Mirrors#withTwinsAndExtras}), with
     * tag changes (adding and removing {@code spam}) spliced in at instants of its events.
     */
    History withDefinitions(Random r) {
      List<TicketEvent> out = new ArrayList<>(events);
      int n = r.nextInt(4);
      for (int i = 0; i < n; i++) {
        Instant at = events.get(r.nextInt(events.size())).at();
        Set<String> tags = r.nextBoolean() ? Set.of("spam") : Set.of("x");
        out.add(new TicketEvent.TagsChanged("T", "g" + i, at, tags));
      }
      return new History(out, last, notesCount, targetCalendars, replyOverrides, true, extra);
    }

    /**
     * This history under cancel-and-reattach (at the change, from creation or from the cancelled
     * cycle's start: {@link Fixtures#semantics} 5, 2 or 3) with calls ringing across re-targets
     * spliced in: one to three calls offered at the instant of one of its events (call ids against
     * event-id order), one or two priority, channel or tier changes while they ring (the first
     * sometimes at the offers' very instant, so those calls start after it), sometimes a call
     * offered at a change's instant, and each call answered, abandoned or left ringing.
     */
    History withRingingAcrossRetarget(Random r) {
      List<TicketEvent> out = new ArrayList<>(events);
      Instant at = events.get(r.nextInt(events.size())).at();
      Instant end = last;
      List<String> calls = new ArrayList<>();
      for (int i = 1 + r.nextInt(3); i > 0; i--) {
        calls.add("r" + i); // descending: the first offer has the greatest call id
      }
      for (int i = 0; i < calls.size(); i++) {
        out.add(new TicketEvent.CallOffered("T", "ring-o" + i, at, calls.get(i)));
      }
      Instant change = at;
      for (int j = 1 + r.nextInt(2); j > 0; j--) {
        change = change.plusSeconds(j == 1 && r.nextInt(4) == 0 ? 0 : 5 + r.nextInt(20));
        String id = "ring-p" + j;
        out.add(
            switch (r.nextInt(4)) {
              case 0 -> new TicketEvent.AttributeChanged("T", id, change, "channel", "phone");
              case 1 -> new TicketEvent.AttributeChanged("T", id, change, "tier", "silver");
              default ->
                  new TicketEvent.PriorityChanged(
                      "T", id, change, new String[] {"normal", "high", "urgent"}[r.nextInt(3)]);
            });
        if (r.nextInt(3) == 0) {
          String call = "r0-" + j;
          calls.add(call);
          out.add(new TicketEvent.CallOffered("T", "ring-q" + j, change, call));
        }
      }
      for (int i = 0; i < calls.size(); i++) {
        Instant done = change.plusSeconds(r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(90));
        switch (r.nextInt(3)) {
          case 0 -> out.add(new TicketEvent.CallAnswered("T", "ring-a" + i, done, calls.get(i)));
          case 1 -> out.add(new TicketEvent.CallAbandoned("T", "ring-a" + i, done, calls.get(i)));
          default -> done = change; // left ringing
        }
        if (done.isAfter(end)) {
          end = done;
        }
      }
      if (change.isAfter(end)) {
        end = change;
      }
      int semantics = new int[] {5, 2, 3}[r.nextInt(3)];
      return new History(
          out, end, notesCount, targetCalendars, replyOverrides, definitions, semantics);
    }
  }

  /**
   * A random history of {@code size} events after the creation: messages, replies, notes, status
   * changes, severity and tier changes and clears, priority changes and clears, calls.
   */
  static History history(long seed, int size) {
    Random r = new Random(seed);
    Fixtures.Ticket t = new Fixtures.Ticket("T");
    List<TicketEvent> out = new ArrayList<>();
    Instant created = Fixtures.mon(r.nextInt(3), 6 + r.nextInt(12), r.nextInt(4) * 15);
    String[] tiers = {"gold", "silver"};
    String[] sev = {"s1", "s2"};
    String[] channels = {"email", "phone"};
    String[] attrs = {
      "tier", tiers[r.nextInt(2)], "severity", sev[r.nextInt(2)], "channel", channels[r.nextInt(2)]
    };
    boolean notesCount = r.nextInt(3) == 0;
    boolean targetCalendars = !notesCount && r.nextInt(2) == 0;
    boolean replyOverrides = !notesCount && !targetCalendars && r.nextBoolean();
    int extra = r.nextInt(4) == 0 ? Fixtures.SEMANTICS[r.nextInt(Fixtures.SEMANTICS.length)] : 0;
    if (r.nextBoolean()) { // a due date (read only by the due-date variant), sometimes malformed
      attrs = java.util.Arrays.copyOf(attrs, attrs.length + 2);
      attrs[attrs.length - 2] = "due_at";
      attrs[attrs.length - 1] = dueValue(r, created);
    }
    out.add(r.nextInt(4) == 0 ? t.createdByAgent(created, attrs) : t.created(created, attrs));
    Instant last = created;
    int calls = 0;
    for (int i = 0; i < size; i++) {
      // Several events share a timestamp on purpose (ties are ordered by id).
      Instant at = created.plus(Duration.ofMinutes(15L * r.nextInt(4 * 24 * 4)));
      if (at.isAfter(last)) {
        last = at;
      }
      switch (r.nextInt(extra == 1 ? 11 : 10)) { // due-date changes where a rule reads them
        case 10 -> out.add(t.attr(at, "due_at", dueValue(r, created)));
        case 0 -> out.add(t.customer(at));
        case 1 -> out.add(t.reply(at));
        case 2 -> out.add(r.nextBoolean() ? t.note(at) : t.bot(at));
        case 3, 4 -> out.add(t.status(at, STATUSES[1 + r.nextInt(STATUSES.length - 1)]));
        case 5 ->
            out.add(
                r.nextInt(10) == 0
                    ? t.clear(at, "severity")
                    : t.attr(at, "severity", sev[r.nextInt(2)]));
        case 6 ->
            out.add(
                r.nextInt(6) == 0 ? t.clear(at, "tier") : t.attr(at, "tier", tiers[r.nextInt(2)]));
        case 7 -> {
          String call = "c" + calls++;
          out.add(t.offer(at, call));
          int outcome = r.nextInt(3); // answered, abandoned, left ringing
          if (outcome < 2) {
            Instant end = at.plusSeconds(r.nextInt(60));
            out.add(outcome == 0 ? t.answer(end, call) : t.abandon(end, call));
            if (end.isAfter(last)) {
              last = end;
            }
          } else if (r.nextBoolean()) {
            Instant cut = at.plusSeconds(r.nextInt(60)); // solved while it rings
            out.add(t.status(cut, "solved"));
            if (cut.isAfter(last)) {
              last = cut;
            }
          }
        }
        case 8 -> {
          // a customer writing on a solved ticket, sometimes at the instant of the solve
          out.add(t.status(at, r.nextBoolean() ? "solved" : "closed"));
          Instant msg = at.plus(Duration.ofMinutes(15L * r.nextInt(3)));
          out.add(t.customer(msg));
          if (msg.isAfter(last)) {
            last = msg;
          }
        }
        default -> {
          String[] priorities = {"high", "urgent", "hgih"}; // the last is known to no policy
          out.add(
              r.nextInt(5) == 0 ? t.clearPriority(at) : t.priority(at, priorities[r.nextInt(3)]));
        }
      }
    }
    return new History(out, last, notesCount, targetCalendars, replyOverrides, false, extra);
  }

  /** A due date within a few days of {@code created} (sometimes before it), or a malformed one. */
  private static String dueValue(Random r, Instant created) {
    if (r.nextInt(8) == 0) {
      return "someday";
    }
    return created.plus(Duration.ofMinutes(15L * (r.nextInt(4 * 24 * 5) - 4 * 24))).toString();
  }

  /**
   * {@code set} with first reply paused while solved ({@link SolveRule#PAUSE}) if bit 0 of {@code
   * bits} is set, and then with {@code closed} declared cancelled too if bit 1 is; else {@code
   * set}.
   */
  static SlaPolicySet withSolveRule(SlaPolicySet set, long bits) {
    if ((bits & 1) == 0) {
      return set;
    }
    String json =
        SlaPolicyJson.write(set)
            .replace(
                "\"rejectUnknownKeys\"",
                "\"firstResponseSolve\": \"PAUSE\", \"rejectUnknownKeys\"");
    if ((bits & 2) != 0) {
      json =
          json.replaceFirst(
              "\"solvedStatuses\": \\[",
              "\"cancelledStatuses\": [\"closed\"], \"solvedStatuses\": [");
    }
    SlaPolicySet out = SlaPolicyJson.read(json);
    if (out.firstResponseSolve() != SolveRule.PAUSE) {
      throw new AssertionError("no PAUSE in " + json);
    }
    return out;
  }

  /**
   * {@code set} with {@link StopRule#BEFORE_UPDATE} (a stop at a re-target's instant judged by the
   * targeting before it) if {@code before}, else {@code set}; through the JSON form, which writes
   * the rule only when it is not the default.
   */
  static SlaPolicySet withStopRule(SlaPolicySet set, boolean before) {
    if (!before) {
      return set;
    }
    String json =
        SlaPolicyJson.write(set)
            .replace(
                "\"rejectUnknownKeys\"", "\"stopRule\": \"BEFORE_UPDATE\", \"rejectUnknownKeys\"");
    SlaPolicySet out = SlaPolicyJson.read(json);
    if (out.stopRule() != StopRule.BEFORE_UPDATE) {
      throw new AssertionError("no BEFORE_UPDATE in " + json);
    }
    return out;
  }

  /**
   * {@code set} with {@link SlaPolicySet#creationStopOverridesStart()} (a cycle the creating update
   * starts and ends is not attached) if {@code overrides}, else {@code set}; through the JSON form.
   */
  static SlaPolicySet withCreationStop(SlaPolicySet set, boolean overrides) {
    if (!overrides) {
      return set;
    }
    String json =
        SlaPolicyJson.write(set)
            .replace(
                "\"rejectUnknownKeys\"",
                "\"creationStopOverridesStart\": true, \"rejectUnknownKeys\"");
    SlaPolicySet out = SlaPolicyJson.read(json);
    if (!out.creationStopOverridesStart()) {
      throw new AssertionError("no creationStopOverridesStart in " + json);
    }
    return out;
  }

  @Provide
  Arbitrary<History> histories() {
    return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 25))
        .as(SlaClockProperties::history);
  }

  /** What must not change between transitions: state, warning and escalation of every cycle. */
  static List<String> observable(SlaEvaluation e) {
    List<String> out = new ArrayList<>();
    for (MetricCycle c : e.cycles()) {
      out.add(
          c.metric()
              + "#"
              + c.cycle()
              + c.key()
              + ":"
              + c.state()
              + "/"
              + c.warningPercent()
              + "/"
              + c.escalation().map(EscalationLevel::level).orElse(0));
    }
    return out;
  }

  /** {@link #histories}, every other one with metric definitions and tag changes. */
  @Provide
  Arbitrary<History> historiesWithDefinitions() {
    return Combinators.combine(
            Arbitraries.longs(), Arbitraries.integers().between(0, 25), Arbitraries.longs())
        .as(
            (seed, size, defs) -> {
              History h = history(seed, size);
              if ((defs >> 1) % 3 == 0) { // per-call cycles re-attached across re-targets
                h = h.withRingingAcrossRetarget(new Random(~defs));
              }
              return defs % 2 == 0 ? h : h.withDefinitions(new Random(defs));
            });
  }

  @Property(tries = 150)
  void incrementalInAnyOrderWithDuplicatesEqualsBatch(
      @ForAll("historiesWithDefinitions") History h,
      @ForAll long shuffleSeed,
      @ForAll @IntRange(min = 0, max = 3000) int afterMinutes) {
    SlaPolicySet set = withSolveRule(h.set(), afterMinutes % 4); // first reply paused while solved
    Instant now = h.last().plus(Duration.ofMinutes(afterMinutes));
    SlaEvaluation batch = Fixtures.eval(set, h.events(), now);

    List<TicketEvent> arrival = new ArrayList<>(h.events());
    Random r = new Random(shuffleSeed);
    for (int i = 0; i < 3 && !h.events().isEmpty(); i++) {
      arrival.add(h.events().get(r.nextInt(h.events().size())));
    }
    Collections.shuffle(arrival, r);
    SlaClock clock = Fixtures.clock(set, "T");
    for (TicketEvent e : arrival) {
      clock.accept(e);
    }
    assertEquals(batch, clock.evaluate(now));
    assertEquals(batch.nextTransition(), clock.nextTransition(now));
    assertEquals(
        batch, Fixtures.eval(set, arrival, now), "batch is independent of input order too");
  }

  /**
   * Long histories (past the clock's switch from scanning ids to a hash index) fed in a random
   * order, with duplicates and with reads in between (so in-order events are applied at once and
   * late ones re-derive), end in the batch result; every intermediate read equals the batch
   * evaluation of the events accepted so far.
   */
  @Property(tries = 40)
  void longHistoriesWithReadsInBetweenEqualBatch(
      @ForAll long seed,
      @ForAll @IntRange(min = 60, max = 140) int size,
      @ForAll long shuffleSeed) {
    History h = history(seed, size);
    SlaPolicySet set = withSolveRule(h.set(), size % 4); // first reply paused while solved
    List<TicketEvent> sorted = new ArrayList<>(h.events());
    sorted.sort(TicketEvent.ORDER);
    Random r = new Random(shuffleSeed);
    // Mostly in order, with some events delayed by a few places, plus duplicates.
    List<TicketEvent> arrival = new ArrayList<>(sorted);
    for (int i = 0; i < arrival.size() / 10; i++) {
      int from = r.nextInt(arrival.size());
      int to = Math.min(arrival.size() - 1, from + 1 + r.nextInt(8));
      arrival.add(to, arrival.remove(from));
    }
    for (int i = 0; i < 5; i++) {
      arrival.add(r.nextInt(arrival.size() + 1), sorted.get(r.nextInt(sorted.size())));
    }
    SlaClock clock = Fixtures.clock(set, "T");
    List<TicketEvent> accepted = new ArrayList<>();
    Instant lastSeen = null;
    for (TicketEvent e : arrival) {
      boolean isNew = clock.accept(e);
      assertEquals(!accepted.contains(e), isNew, "accept reports new events only: " + e);
      if (isNew) {
        accepted.add(e);
      }
      lastSeen = lastSeen == null || e.at().isAfter(lastSeen) ? e.at() : lastSeen;
      boolean hasCreated = accepted.stream().anyMatch(x -> x instanceof TicketEvent.Created);
      if (hasCreated && r.nextInt(4) == 0) {
        assertEquals(Fixtures.eval(set, accepted, lastSeen), clock.evaluate(lastSeen));
      }
    }
    List<TicketEvent> log = clock.events();
    assertEquals(sorted, log, "the clock's log is the sorted, de-duplicated history");
    assertEquals(Fixtures.eval(set, h.events(), h.last()), clock.evaluate(h.last()));
  }

  /**
   * Under {@link RetargetRule#KEEP_REACHED} nothing reached is ever retracted: evaluated after each
   * event in order, a cycle once breached stays breached and its warning and escalation levels
   * never drop, whatever re-targets happen; it reports at least what {@link
   * RetargetRule#RECALCULATE} reports; and the incremental clock fed in any order equals the batch
   * face.
   */
  @Property(tries = 120)
  void keepReachedNeverRetracts(@ForAll("histories") History h, @ForAll long shuffleSeed) {
    SlaPolicySet keep = Fixtures.tieredKeepReached();
    SlaPolicySet recalc = Fixtures.tiered();
    List<TicketEvent> sorted = new ArrayList<>(h.events());
    sorted.sort(TicketEvent.ORDER);
    java.util.Map<String, MetricCycle> seen = new java.util.HashMap<>();
    for (int k = 1; k <= sorted.size(); k++) {
      List<TicketEvent> prefix = sorted.subList(0, k);
      Instant at = prefix.get(k - 1).at();
      if (k < sorted.size() && sorted.get(k).at().equals(at)) {
        // One update, one result: the instant's changes act together, so a prefix that splits
        // them is a state the ticket never passed through.
        continue;
      }
      SlaEvaluation e = Fixtures.eval(keep, prefix, at);
      java.util.Map<String, MetricCycle> recalcByKey = byKey(Fixtures.eval(recalc, prefix, at));
      for (MetricCycle c : e.cycles()) {
        String key = c.metric() + "#" + c.cycle() + c.key();
        MetricCycle before = seen.put(key, c);
        if (before != null) {
          if (before.state() == CycleState.BREACHED) {
            assertEquals(
                CycleState.BREACHED,
                c.state(),
                key + " after " + prefix.get(k - 1) + ": " + before + " -> " + c);
          }
          assertTrue(c.warningPercent() >= before.warningPercent(), key + " warning dropped");
          assertTrue(level(c) >= level(before), key + " escalation dropped");
        }
        MetricCycle r = recalcByKey.get(key);
        if (r != null) {
          assertTrue(
              r.state() != CycleState.BREACHED || c.state() == CycleState.BREACHED,
              key + " breached under RECALCULATE only");
          assertTrue(c.warningPercent() >= r.warningPercent(), key);
          assertTrue(level(c) >= level(r), key);
        }
      }
    }
    Instant now = h.last();
    List<TicketEvent> arrival = new ArrayList<>(h.events());
    Collections.shuffle(arrival, new Random(shuffleSeed));
    SlaClock clock = Fixtures.clock(keep, "T");
    arrival.forEach(clock::accept);
    assertEquals(Fixtures.eval(keep, h.events(), now), clock.evaluate(now));
  }

  private static java.util.Map<String, MetricCycle> byKey(SlaEvaluation e) {
    java.util.Map<String, MetricCycle> out = new java.util.HashMap<>();
    for (MetricCycle c : e.cycles()) {
      out.put(c.metric() + "#" + c.cycle() + c.key(), c);
    }
    return out;
  }

  private static int level(MetricCycle c) {
    return c.escalation().map(EscalationLevel::level).orElse(0);
  }

  @Property(tries = 150)
  void nextTransitionIsInTheFutureAndNothingChangesBeforeIt(
      @ForAll("histories") History h, @ForAll @IntRange(min = 0, max = 3000) int afterMinutes) {
    SlaPolicySet set = h.set();
    SlaClock clock = Fixtures.clock(set, "T");
    h.events().forEach(clock::accept);
    Instant now = h.last().plus(Duration.ofMinutes(afterMinutes));
    Optional<Instant> next = clock.nextTransition(now);
    List<String> at = observable(clock.evaluate(now));
    if (next.isEmpty()) {
      assertEquals(at, observable(clock.evaluate(now.plus(Duration.ofDays(30)))));
      return;
    }
    Instant n = next.get();
    assertTrue(n.isAfter(now), () -> n + " is not after " + now);
    Instant mid = now.plus(Duration.between(now, n).dividedBy(2));
    for (Instant probe : List.of(now.plusNanos(1), mid, n.minusNanos(1))) {
      if (probe.isAfter(now) && probe.isBefore(n)) {
        assertEquals(at, observable(clock.evaluate(probe)), "changed at " + probe);
      }
    }
    assertNotEquals(at, observable(clock.evaluate(n)), "nothing changed at " + n);
  }

  /**
   * Reply clocks never run on a solved ticket (nothing could stop them there), and a CANCELLED
   * cycle is a stopped answer-time cycle within its target: no breach, and it keeps its due
   * instant, which is after its stop unless it used exactly its whole target.
   */
  @Property(tries = 150)
  void noReplyClockRunsOnASolvedTicketAndCancelledCallsKeepTheirDueInstant(
      @ForAll("histories") History h, @ForAll @IntRange(min = 0, max = 3000) int afterMinutes) {
    SlaEvaluation e =
        Fixtures.eval(h.set(), h.events(), h.last().plus(Duration.ofMinutes(afterMinutes)));
    boolean solved = h.set().solvedStatuses().contains(e.status());
    for (MetricCycle c : e.cycles()) {
      SlaMetric.Kind k = c.metric().kind();
      boolean reply =
          k == SlaMetric.Kind.FIRST_RESPONSE
              || k == SlaMetric.Kind.NEXT_RESPONSE
              || k == SlaMetric.Kind.PERIODIC_UPDATE;
      if (solved && reply) {
        assertTrue(c.stop().isPresent(), () -> "runs on a solved ticket: " + c);
      }
      if (c.state() == CycleState.CANCELLED
          && h.set().retargetRule() == RetargetRule.CANCEL_AND_REATTACH
          && k != SlaMetric.Kind.ANSWER_TIME) {
        continue; // cancelled by a re-target
      }
      if (c.state() == CycleState.CANCELLED) {
        assertEquals(SlaMetric.Kind.ANSWER_TIME, k);
        assertTrue(c.stop().isPresent());
        assertEquals(Duration.ZERO, c.breachedBy());
        assertEquals(Optional.empty(), c.breachedAt());
        Instant due = c.deadline().orElseThrow();
        Instant stop = c.stop().orElseThrow();
        // Used up its whole target: due when it used it up; else due after the stop.
        boolean usedUp = c.elapsed().equals(c.target().orElseThrow());
        assertEquals(usedUp, !due.isAfter(stop), () -> "due of " + c);
      }
    }
  }

  /** Slots of 30 minutes over 5 days from Monday 00:00: true = pending (paused). */
  static List<TicketEvent> pauses(boolean[] paused, Fixtures.Ticket t) {
    List<TicketEvent> out = new ArrayList<>();
    out.add(t.created(Fixtures.mon(8, 0)));
    boolean cur = false;
    for (int i = 0; i < paused.length; i++) {
      if (paused[i] != cur) {
        cur = paused[i];
        Instant at = Fixtures.mon(8, 0).plus(Duration.ofMinutes(30L * (i + 1)));
        out.add(t.status(at, cur ? "pending" : "open"));
      }
    }
    if (cur) {
      Instant at = Fixtures.mon(8, 0).plus(Duration.ofMinutes(30L * (paused.length + 1)));
      out.add(t.status(at, "open"));
    }
    return out;
  }

  @Property(tries = 200)
  void pausingNeverMakesADeadlineEarlier(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int targetHours) {
    Random r = new Random(seed);
    boolean[] fewer = new boolean[120];
    boolean[] more = new boolean[120];
    for (int i = 0; i < fewer.length; i++) {
      fewer[i] = r.nextInt(4) == 0;
      more[i] = fewer[i] || r.nextInt(4) == 0;
    }
    SlaPolicySet set =
        Fixtures.single(
            Map.of(SlaMetric.resolution(), Duration.ofHours(targetHours)),
            Fixtures.team(SlaMetric.resolution(), "pending"));
    Instant now = Fixtures.mon(5, 0, 0);
    MetricCycle a =
        Fixtures.eval(set, pauses(fewer, new Fixtures.Ticket("T")), now)
            .latest(SlaMetric.resolution())
            .orElseThrow();
    MetricCycle b =
        Fixtures.eval(set, pauses(more, new Fixtures.Ticket("T")), now)
            .latest(SlaMetric.resolution())
            .orElseThrow();
    // Both end running, so both have a deadline.
    assertTrue(
        !b.deadline().orElseThrow().isBefore(a.deadline().orElseThrow()),
        () -> "more pauses moved the deadline from " + a.deadline() + " to " + b.deadline());
    assertTrue(b.elapsed().compareTo(a.elapsed()) <= 0);
  }

  static List<int[]> randomRanges(Random r, int n) {
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int from = r.nextInt(48) * 30;
      int to = Math.min(24 * 60, from + 30 * (1 + r.nextInt(16)));
      out.add(new int[] {from, to, 1 + r.nextInt(7)});
    }
    return out;
  }

  static WeeklyHours hours(List<int[]> ranges) {
    WeeklyHours w = new WeeklyHours();
    for (int[] x : ranges) {
      w.add(x[0], x[1], DayOfWeek.of(x[2]));
    }
    return w;
  }

  static WeeklyHours randomHours(Random r, WeeklyHours unused, int n) {
    return hours(randomRanges(r, n));
  }

  @Property(tries = 100)
  void addingWorkingTimeNeverMakesADeadlineLater(
      @ForAll("histories") History h, @ForAll long calendarSeed) {
    Random r = new Random(calendarSeed);
    List<int[]> fewer = randomRanges(r, 1 + r.nextInt(10));
    List<int[]> more = new ArrayList<>(fewer);
    more.addAll(randomRanges(r, 1 + r.nextInt(5)));
    SlaPolicySet set = h.set();
    Instant now = h.last().plus(Duration.ofHours(1));
    List<MetricCycle> ca = eval(set, hours(fewer), h.events(), now).cycles();
    List<MetricCycle> cb = eval(set, hours(more), h.events(), now).cycles();
    assertEquals(ca.size(), cb.size());
    for (int i = 0; i < ca.size(); i++) {
      MetricCycle x = ca.get(i);
      MetricCycle y = cb.get(i);
      if (!x.target().equals(y.target())) {
        continue; // a due-date target is the business time up to the due date: it grows too
      }
      if (x.deadline().isPresent()) {
        assertTrue(y.deadline().isPresent(), () -> "lost deadline of " + y);
        assertTrue(
            !y.deadline().get().isAfter(x.deadline().get()),
            () ->
                "more hours moved " + x.metric() + " from " + x.deadline() + " to " + y.deadline());
      }
    }
  }

  private static SlaEvaluation eval(
      SlaPolicySet set, BusinessTime team, List<TicketEvent> events, Instant now) {
    return SlaClock.evaluateTimes(set, Map.of("team", team), events, now);
  }

  @Property(tries = 100)
  void resolutionElapsedMatchesMinuteByMinuteOracle(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int targetHours) {
    Random r = new Random(seed);
    WeeklyHours cal = randomHours(r, new WeeklyHours(), 1 + r.nextInt(8));
    Fixtures.Ticket t = new Fixtures.Ticket("T");
    Instant created = Fixtures.mon(r.nextInt(24), r.nextInt(60));
    List<TicketEvent> ev = new ArrayList<>();
    ev.add(t.created(created));
    String[] statuses = {"open", "pending", "on-hold", "solved", "new"};
    Instant at = created;
    for (int i = 0; i < r.nextInt(12); i++) {
      at = at.plus(Duration.ofMinutes(1 + r.nextInt(600)));
      ev.add(t.status(at, statuses[r.nextInt(statuses.length)]));
    }
    Instant now = at.plus(Duration.ofMinutes(r.nextInt(600)));
    SlaPolicySet set =
        Fixtures.single(
            Map.of(SlaMetric.resolution(), Duration.ofHours(targetHours)),
            Fixtures.team(SlaMetric.resolution(), "pending", "on-hold"));
    SlaEvaluation e = SlaClock.evaluateTimes(set, Map.of("team", cal), ev, now);

    // Oracle: count the minutes the ticket was unsolved, unpaused and in business hours
    // (RESUME on reopen = one cycle accumulating every such minute).
    long minutes = 0;
    long breachMinute = -1;
    int k = 0;
    String status = "new";
    for (Instant m = created; m.isBefore(now); m = m.plusSeconds(60)) {
      while (k + 1 < ev.size() && !ev.get(k + 1).at().isAfter(m)) {
        k++;
        status = ((TicketEvent.StatusChanged) ev.get(k)).status();
      }
      boolean counting =
          !Set.of("pending", "on-hold", "solved").contains(status)
              && cal.between(m, m.plusSeconds(60)).equals(Duration.ofMinutes(1));
      if (counting) {
        minutes++;
        if (minutes > targetHours * 60L && breachMinute < 0) {
          breachMinute = minutes;
        }
      }
    }
    MetricCycle c = e.latest(SlaMetric.resolution()).orElseThrow();
    assertEquals(Duration.ofMinutes(minutes), c.elapsed());
    if (minutes > targetHours * 60L) {
      assertEquals(CycleState.BREACHED, c.state());
    }
  }
}
