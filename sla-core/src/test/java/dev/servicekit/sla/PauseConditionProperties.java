package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.sla.internal.clock.BusinessTime;
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
import net.jqwik.api.constraints.IntRange;

/**
 * Pause conditions over statuses, tags and attribute values, differentially against a minute-walk:
 * on random histories (status changes, tag sets, a {@code hold_reason} attribute set and cleared,
 * several events at one instant, reopens), a custom metric, a second one paused on conjunctions
 * ({@link PauseCondition#allOf}) and on an absent attribute, and the built-in resolution (whose
 * rule adds conditions of its own) count a minute iff the cycle runs, no pause condition holds
 * after the events up to that minute, and the random weekly calendar is open. Also: any order of
 * arrival and any permutation of the ids within an instant give the same evaluation and audit
 * trail, and an as-of evaluation equals a clock fed only the events up to it.
 */
class PauseConditionProperties {

  private static final int WEEK = 7 * 24 * 60;
  private static final String[] STATUSES = {"open", "pending", "on-hold", "analysis", "solved"};
  private static final String[] TAGS = {"vendor", "parked", "x"};
  private static final String[] HOLD = {"vendor", "customer", "none"};

  /** The custom metric: pending, tag vendor or parked, hold_reason vendor or customer. */
  private static final SlaMetric HELD = SlaMetric.custom("held");

  /**
   * The custom metric paused on conjunctions and absence: (on-hold and hold_reason vendor), or
   * hold_reason never set, or (tag parked and status analysis, from the policy's rule).
   */
  private static final SlaMetric CONJ = SlaMetric.custom("conj");

  static SlaPolicySet set(Duration target) {
    return Fixtures.statusModel()
        .resolutionReopen(ReopenRule.RESUME)
        .metric(
            MetricDefinition.builder("held")
                .startOn(MetricTrigger.created(), MetricTrigger.reopened())
                .stopOn(MetricTrigger.solved())
                .pauseIn("pending")
                .pauseWhileTag("vendor", "parked")
                .pauseWhileAttribute("hold_reason", "vendor", "customer")
                .cycles(MetricDefinition.Cycles.RESUME)
                .build())
        .metric(
            MetricDefinition.builder("conj")
                .startOn(MetricTrigger.created(), MetricTrigger.reopened())
                .stopOn(MetricTrigger.solved())
                .pauseWhile(
                    PauseCondition.allOf(
                        PauseCondition.status("on-hold"),
                        PauseCondition.attribute("hold_reason", "vendor")),
                    PauseCondition.attributeAbsent("hold_reason"))
                .cycles(MetricDefinition.Cycles.RESUME)
                .build())
        .defaultPolicy(
            SlaPolicy.builder("p")
                .matrix(PriorityMatrix.constant("n"))
                .target("n", SlaMetric.resolution(), target)
                .target("n", HELD, target)
                .target("n", CONJ, target)
                .rule(
                    MetricRule.builder(SlaMetric.resolution())
                        .calendar("team")
                        .pauseOn("on-hold")
                        .pauseWhileTag("parked")
                        .pauseWhileAttribute("hold_reason", "customer")
                        .build())
                .rule(
                    MetricRule.builder(HELD)
                        .calendar("team")
                        .pauseWhileTag("x") // adds to the definition's
                        .build())
                .rule(
                    MetricRule.builder(CONJ)
                        .calendar("team")
                        .pauseWhile(
                            PauseCondition.allOf(
                                PauseCondition.tag("parked"), PauseCondition.status("analysis")))
                        .build())
                .build())
        .build();
  }

  record Case(
      List<TicketEvent> events,
      Instant created,
      Instant now,
      Map<String, BusinessTime> calendars,
      boolean[] open,
      Duration target) {}

  static Case randomCase(long seed, int size) {
    Random r = new Random(seed);
    List<int[]> ranges = SlaClockProperties.randomRanges(r, 2 + r.nextInt(8));
    boolean[] open = new boolean[WEEK];
    for (int[] x : ranges) { // {fromMinuteOfDay, toMinuteOfDay, isoDayOfWeek}
      int day = x[2] % 7; // Sunday = 0
      for (int m = x[0]; m < x[1]; m++) {
        open[day * 1440 + m] = true;
      }
    }
    Instant created = Fixtures.mon(r.nextInt(7), r.nextInt(24), 15 * r.nextInt(4));
    List<TicketEvent> events = new ArrayList<>();
    Map<String, String> attrs = new HashMap<>();
    if (r.nextBoolean()) {
      attrs.put("hold_reason", HOLD[r.nextInt(HOLD.length)]);
    }
    events.add(new TicketEvent.Created("T", "c", created, attrs, tagSet(r)));
    int slots = 4 * 24 * 4; // four days of 15-minute slots
    for (int i = 0; i < size; i++) {
      // few slots on purpose: several events share an instant
      Instant at =
          created.plus(Duration.ofMinutes(15L * (1 + r.nextInt(r.nextBoolean() ? 8 : slots))));
      String id = "e" + r.nextInt(1000);
      switch (r.nextInt(4)) {
        case 0 ->
            events.add(
                new TicketEvent.StatusChanged("T", id, at, STATUSES[r.nextInt(STATUSES.length)]));
        case 1 -> events.add(new TicketEvent.TagsChanged("T", id, at, tagSet(r)));
        case 2 ->
            events.add(
                new TicketEvent.AttributeChanged("T", id, at, "hold_reason", HOLD[r.nextInt(3)]));
        default -> events.add(new TicketEvent.AttributeCleared("T", id, at, "hold_reason"));
      }
    }
    dedupIds(events);
    Instant now = created.plus(Duration.ofMinutes(15L * (slots + r.nextInt(16))));
    return new Case(
        events,
        created,
        now,
        Map.of("team", SlaClockProperties.hours(ranges)),
        open,
        Duration.ofHours(1 + r.nextInt(12)));
  }

  private static Set<String> tagSet(Random r) {
    Set<String> out = new LinkedHashSet<>();
    for (String g : TAGS) {
      if (r.nextInt(3) == 0) {
        out.add(g);
      }
    }
    return out;
  }

  /** Makes ids unique (a clock drops a repeated id as a duplicate). */
  private static void dedupIds(List<TicketEvent> events) {
    Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < events.size(); i++) {
      TicketEvent e = events.get(i);
      if (!seen.add(e.id())) {
        String id = e.id() + "_" + i;
        seen.add(id);
        events.set(i, withId(e, id));
      }
    }
  }

  private static TicketEvent withId(TicketEvent e, String id) {
    if (e instanceof TicketEvent.StatusChanged s) {
      return new TicketEvent.StatusChanged("T", id, s.at(), s.status());
    }
    if (e instanceof TicketEvent.TagsChanged g) {
      return new TicketEvent.TagsChanged("T", id, g.at(), g.tags());
    }
    if (e instanceof TicketEvent.AttributeCleared a) {
      return new TicketEvent.AttributeCleared("T", id, a.at(), a.key());
    }
    TicketEvent.AttributeChanged a = (TicketEvent.AttributeChanged) e;
    return new TicketEvent.AttributeChanged("T", id, a.at(), a.key(), a.value());
  }

  private static int minuteOfWeek(Instant t) {
    long epochMinute = Math.floorDiv(t.getEpochSecond(), 60);
    return (int) Math.floorMod(epochMinute - 3 * 1440, WEEK); // 1970-01-04 was a Sunday
  }

  /** The oracle's ticket state after a prefix of the sorted events. */
  private static final class State {
    String status = "new";
    Set<String> tags = Set.of();
    String hold;
    boolean running = true; // the resolution-like cycle (both metrics start at the creation)

    void apply(TicketEvent e) {
      if (e instanceof TicketEvent.Created c) {
        tags = c.tags();
        hold = c.attributes().get("hold_reason");
      } else if (e instanceof TicketEvent.StatusChanged s) {
        boolean wasSolved = status.equals("solved");
        status = s.status();
        boolean solved = status.equals("solved");
        if (!wasSolved && solved) {
          running = false;
        } else if (wasSolved && !solved) {
          running = true;
        }
      } else if (e instanceof TicketEvent.TagsChanged g) {
        tags = g.tags();
      } else if (e instanceof TicketEvent.AttributeChanged a) {
        hold = a.value();
      } else if (e instanceof TicketEvent.AttributeCleared) {
        hold = null; // as if never set: the absence condition holds again
      }
    }

    boolean pausedHeld() {
      return status.equals("pending")
          || tags.contains("vendor")
          || tags.contains("parked")
          || tags.contains("x")
          || "vendor".equals(hold)
          || "customer".equals(hold);
    }

    boolean pausedConj() {
      return status.equals("on-hold") && "vendor".equals(hold)
          || hold == null
          || tags.contains("parked") && status.equals("analysis");
    }

    boolean paused(SlaMetric m) {
      return m.equals(HELD) ? pausedHeld() : m.equals(CONJ) ? pausedConj() : pausedResolution();
    }

    boolean pausedResolution() {
      return status.equals("on-hold") || tags.contains("parked") || "customer".equals(hold);
    }
  }

  /**
   * Business minutes, paused wall minutes, the minute the cycle is due (when the target was
   * reached, or the resume if it paused or stopped just then; -1 if not reached), whether it runs
   * at now, and whether it ran on after reaching the target (breached), by a minute-walk.
   */
  private static long[] walk(Case c, SlaMetric metric) {
    List<TicketEvent> sorted = new ArrayList<>(c.events());
    sorted.sort(TicketEvent.ORDER);
    State st = new State();
    int next = 0;
    long minutes = Duration.between(c.created(), c.now()).toMinutes();
    long targetMinutes = c.target().toMinutes();
    int mow0 = minuteOfWeek(c.created());
    long count = 0;
    long paused = 0;
    long total = 0;
    long reached = -1;
    boolean ranOn = false;
    long resumed = -1;
    for (long k = 0; k < minutes + 60L * WEEK; k++) {
      Instant t = c.created().plus(Duration.ofMinutes(k));
      while (next < sorted.size() && !sorted.get(next).at().isAfter(t)) {
        st.apply(sorted.get(next++));
      }
      boolean isPaused = st.paused(metric);
      if (k >= minutes && (reached >= 0 || isPaused || !st.running)) {
        break;
      }
      if (!st.running) {
        continue;
      }
      if (isPaused) {
        paused += k < minutes ? 1 : 0;
        continue;
      }
      if (reached >= 0 && k >= reached && k < minutes && !ranOn) {
        ranOn = true;
        resumed = k; // the first minute it ran after using the target up
      }
      if (c.open()[(int) ((mow0 + k) % WEEK)]) {
        total++;
        count += k < minutes ? 1 : 0;
        if (reached < 0 && total >= targetMinutes) {
          reached = k + 1;
        }
      }
    }
    boolean runningNow = st.running && !st.paused(metric);
    // A target used up exactly as the cycle paused or stopped is due when it runs again.
    long due = resumed > reached ? resumed : reached;
    return new long[] {count, paused, due, runningNow ? 1 : 0, ranOn ? 1 : 0};
  }

  @Property(tries = 200)
  void elapsedPausedTimeAndDeadlineMatchAMinuteWalk(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 30) int size) {
    Case c = randomCase(seed, size);
    SlaEvaluation e = SlaClock.evaluateTimes(set(c.target()), c.calendars(), c.events(), c.now());
    for (SlaMetric metric : List.of(HELD, CONJ, SlaMetric.resolution())) {
      MetricCycle m = e.latest(metric).orElseThrow();
      long[] w = walk(c, metric);
      String why = m + " " + c.events();
      assertEquals(Duration.ofMinutes(w[0]), m.elapsed(), why);
      assertEquals(Duration.ofMinutes(w[1]), m.pausedTime(), why);
      Instant due = w[2] < 0 ? null : c.created().plus(Duration.ofMinutes(w[2]));
      if (w[3] == 0 && due != null && !due.isAfter(c.now()) && w[4] == 0) {
        // Paused or stopped with the target used up exactly, not breached: due if it resumed now,
        // or had kept counting from its stop.
        assertEquals(Optional.of(m.stop().orElse(c.now())), m.deadline(), why);
      } else if (w[3] == 1 || due != null && !due.isAfter(c.now())) {
        assertEquals(Optional.ofNullable(due), m.deadline(), why);
      }
    }
  }

  @Property(tries = 100)
  void arrivalOrderAndIdsWithinAnInstantDoNotMatter(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 30) int size, @ForAll long shuffle) {
    Case c = randomCase(seed, size);
    SlaPolicySet set = set(c.target());
    SlaClock inOrder = new SlaClock(set, c.calendars(), "T");
    List<TicketEvent> sorted = new ArrayList<>(c.events());
    sorted.sort(TicketEvent.ORDER);
    sorted.forEach(inOrder::accept);
    List<TicketEvent> shuffled = new ArrayList<>(c.events());
    Collections.shuffle(shuffled, new Random(shuffle));
    SlaClock anyOrder = new SlaClock(set, c.calendars(), "T");
    shuffled.forEach(anyOrder::accept);
    assertEquals(inOrder.evaluate(c.now()), anyOrder.evaluate(c.now()));
    for (SlaMetric m : List.of(HELD, CONJ, SlaMetric.resolution())) {
      assertEquals(inOrder.auditTrail(m, 0, c.now()), anyOrder.auditTrail(m, 0, c.now()));
    }
  }

  /**
   * The events of one instant that set different things (the status, the tags, the attribute) give
   * one result whatever their ids: ids are permuted within each instant among events of different
   * kinds and the evaluation and trail stay the same.
   */
  @Property(tries = 100)
  void permutingIdsAcrossKindsWithinAnInstantChangesNothing(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 30) int size, @ForAll long perm) {
    Case c = randomCase(seed, size);
    // keep one event per (instant, field): then any id order within the instant is one update (a
    // change and a clear of the attribute are two writes of one field, ordered by id)
    Map<String, TicketEvent> one = new java.util.LinkedHashMap<>();
    for (TicketEvent e : c.events()) {
      String field =
          e instanceof TicketEvent.AttributeCleared
              ? "AttributeChanged"
              : e.getClass().getSimpleName();
      one.put(e.at() + "/" + field, e);
    }
    List<TicketEvent> kept = new ArrayList<>(one.values());
    Map<Instant, List<Integer>> byInstant = new HashMap<>();
    for (int i = 1; i < kept.size(); i++) {
      byInstant.computeIfAbsent(kept.get(i).at(), k -> new ArrayList<>()).add(i);
    }
    List<TicketEvent> permuted = new ArrayList<>(kept);
    Random r = new Random(perm);
    for (List<Integer> idx : byInstant.values()) {
      List<String> ids = new ArrayList<>();
      idx.forEach(i -> ids.add(kept.get(i).id()));
      Collections.shuffle(ids, r);
      for (int j = 0; j < idx.size(); j++) {
        permuted.set(idx.get(j), withId(kept.get(idx.get(j)), ids.get(j)));
      }
    }
    SlaPolicySet set = set(c.target());
    SlaClock a = new SlaClock(set, c.calendars(), "T");
    kept.forEach(a::accept);
    SlaClock b = new SlaClock(set, c.calendars(), "T");
    permuted.forEach(b::accept);
    SlaEvaluation ea = a.evaluate(c.now());
    SlaEvaluation eb = b.evaluate(c.now());
    assertEquals(ea.cycles(), eb.cycles(), kept + " vs " + permuted);
    for (SlaMetric m : List.of(HELD, CONJ, SlaMetric.resolution())) {
      List<CycleSegment> ta = a.auditTrail(m, 0, c.now());
      List<CycleSegment> tb = b.auditTrail(m, 0, c.now());
      assertEquals(strip(ta), strip(tb), kept + " vs " + permuted);
    }
  }

  /** A trail without the event ids (which the permutation renames). */
  private static List<String> strip(List<CycleSegment> trail) {
    List<String> out = new ArrayList<>();
    for (CycleSegment s : trail) {
      out.add(s.kind() + " " + s.from() + " " + s.to() + " " + s.business() + " " + s.wall());
    }
    return out;
  }

  @Property(tries = 100)
  void asOfEqualsAClockFedOnlyTheEventsUpToIt(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 30) int size, @ForAll int cut) {
    Case c = randomCase(seed, size);
    SlaPolicySet set = set(c.target());
    SlaClock full = new SlaClock(set, c.calendars(), "T");
    c.events().forEach(full::accept);
    List<TicketEvent> sorted = new ArrayList<>(c.events());
    sorted.sort(TicketEvent.ORDER);
    Instant asOf = sorted.get(Math.floorMod(cut, sorted.size())).at();
    SlaClock prefix = new SlaClock(set, c.calendars(), "T");
    for (TicketEvent e : sorted) {
      if (!e.at().isAfter(asOf)) {
        prefix.accept(e);
      }
    }
    assertEquals(prefix.evaluate(asOf), full.evaluate(asOf));
    for (SlaMetric m : List.of(HELD, CONJ, SlaMetric.resolution())) {
      assertEquals(prefix.auditTrail(m, 0, asOf), full.auditTrail(m, 0, asOf));
    }
  }

  @Property(tries = 60)
  void aSnapshotRestoresTheSameEvaluation(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 30) int size) {
    Case c = randomCase(seed, size);
    SlaPolicySet set = set(c.target());
    SlaClock clock = new SlaClock(set, c.calendars(), "T");
    c.events().forEach(clock::accept);
    SlaClock back =
        SlaClockSnapshot.fromBytes(
            SlaClockSnapshot.toBytes(clock), id -> new SlaClock(set, c.calendars(), id));
    assertEquals(clock.evaluate(c.now()), back.evaluate(c.now()));
    SlaClock json =
        SlaClockSnapshot.fromJson(
            SlaClockSnapshot.toJson(clock), id -> new SlaClock(set, c.calendars(), id));
    assertEquals(clock.evaluate(c.now()), json.evaluate(c.now()));
  }
}
