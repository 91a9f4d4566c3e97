package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The SLA clock on a weekday 09:00-17:00 Europe/Berlin calendar across the spring DST change, with
 * several events per instant (attributes, priority, tags, status, messages, replies), under
 * KEEP_REACHED and RECALCULATE, with warnings and escalations: one result per instant whatever the
 * ids, nothing changes between an evaluation and its next transition, warnings reached at exactly
 * their share, and snapshots mid-history evaluate identically.
 */
class BerlinInstantProperties {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final BusinessCalendar TEAM =
      BusinessCalendar.builder(BERLIN).weekdays(TimeRange.parse("09:00-17:00")).build();
  static final Map<String, BusinessCalendar> CALS = Map.of("team", TEAM);
  private static final String[] STATUSES = {"open", "pending", "on-hold", "analysis", "solved"};
  private static final long[] MINUTES = {30, 60, 120, 240, 480, 960};

  static Instant berlin(int day, int hh, int mm) {
    return LocalDateTime.of(2026, 3, day, hh, mm).atZone(BERLIN).toInstant();
  }

  static SlaPolicySet set(Random r, RetargetRule rule) {
    PriorityMatrix matrix =
        PriorityMatrix.builder()
            .cell("s1", "gold", "urgent")
            .cell("s1", "silver", "high")
            .cell("s2", "gold", "high")
            .cell("s2", "silver", "normal")
            .build();
    SlaPolicy.Builder vip =
        SlaPolicy.builder("vip")
            .when(MatchCondition.always().withAttribute("tier", "gold"))
            .matrix(matrix);
    SlaPolicy.Builder tagged =
        SlaPolicy.builder("tagged").when(MatchCondition.always().withTags("hot")).matrix(matrix);
    SlaPolicy.Builder standard = SlaPolicy.builder("standard").matrix(matrix);
    List<SlaMetric> metrics =
        List.of(
            SlaMetric.firstResponse(),
            SlaMetric.nextResponse(),
            SlaMetric.periodicUpdate(),
            SlaMetric.resolution(),
            SlaMetric.stage("analysis"));
    for (SlaPolicy.Builder p : List.of(vip, tagged, standard)) {
      for (String prio : List.of("urgent", "high", "normal")) {
        for (SlaMetric m : metrics) {
          p.target(prio, m, Duration.ofMinutes(MINUTES[r.nextInt(MINUTES.length)]));
        }
      }
      for (SlaMetric m : metrics) {
        MetricRule.Builder b = MetricRule.builder(m).calendar("team");
        if (m.equals(SlaMetric.resolution()) && r.nextBoolean()) {
          b.pauseOn("pending");
        }
        int pct = 0;
        for (int i = r.nextInt(4); i > 0 && pct < 100; i--) {
          pct = r.nextInt(3) == 0 ? Math.max(pct + 1, 50) : pct + 1 + r.nextInt(100 - pct);
          pct = Math.min(pct, 100);
          b.warnAt(pct);
        }
        pct = 0;
        int level = 0;
        for (int i = r.nextInt(3); i > 0; i--) {
          pct = pct < 100 && r.nextBoolean() ? 100 : pct + 1 + r.nextInt(150);
          level++;
          b.escalate(EscalationLevel.of(level, pct, "r" + level));
        }
        p.rule(b.build());
      }
    }
    return Fixtures.statusModel()
        .retargetRule(rule)
        .breachRule(r.nextBoolean() ? BreachRule.AT_DEADLINE : BreachRule.AFTER_DEADLINE)
        .closingRule(r.nextBoolean() ? ClosingRule.AT_CLOSE : ClosingRule.AT_NEXT_OPENING)
        .policy(vip.build())
        .policy(tagged.build())
        .defaultPolicy(standard.build())
        .build();
  }

  /** Events grouped by instant, at most one write per field per instant. */
  static TreeMap<Instant, List<TicketEvent>> history(Random r) {
    TreeMap<Instant, List<TicketEvent>> out = new TreeMap<>();
    Instant at = berlin(26 + r.nextInt(3), 7 + r.nextInt(12), r.nextInt(4) * 15);
    String[] tiers = {"gold", "silver"};
    String[] sev = {"s1", "s2"};
    Map<String, String> attrs = new HashMap<>();
    attrs.put("tier", tiers[r.nextInt(2)]);
    attrs.put("severity", sev[r.nextInt(2)]);
    List<TicketEvent> first = new ArrayList<>();
    first.add(
        TicketEvent.created(
            "T", "x", at, attrs, r.nextBoolean() ? Set.of("hot") : Set.of(), false, null));
    out.put(at, first);
    int instants = 1 + r.nextInt(7);
    for (int i = 0; i < instants; i++) {
      List<TicketEvent> here = i == 0 && r.nextBoolean() ? first : new ArrayList<>();
      if (here != first) {
        long step = r.nextInt(3) == 0 ? 60L * (1 + r.nextInt(30)) : 15L * (1 + r.nextInt(12));
        at = at.plus(Duration.ofMinutes(step));
        out.put(at, here);
      }
      if (r.nextInt(3) == 0) {
        here.add(new TicketEvent.AttributeChanged("T", "x", at, "severity", sev[r.nextInt(2)]));
      }
      if (r.nextInt(3) == 0) {
        here.add(new TicketEvent.AttributeChanged("T", "x", at, "tier", tiers[r.nextInt(2)]));
      }
      if (r.nextInt(4) == 0) {
        here.add(
            new TicketEvent.PriorityChanged("T", "x", at, r.nextBoolean() ? "high" : "urgent"));
      }
      if (r.nextInt(3) == 0) {
        here.add(
            new TicketEvent.TagsChanged(
                "T", "x", at, r.nextBoolean() ? Set.of("hot") : Set.of("cold")));
      }
      if (r.nextInt(3) == 0) {
        here.add(new TicketEvent.StatusChanged("T", "x", at, STATUSES[r.nextInt(STATUSES.length)]));
      }
      for (int k = r.nextInt(3) == 0 ? 1 + r.nextInt(2) : 0; k > 0; k--) {
        here.add(new TicketEvent.CustomerMessage("T", "x", at));
      }
      for (int k = r.nextInt(3) == 0 ? 1 + r.nextInt(2) : 0; k > 0; k--) {
        here.add(TicketEvent.reply("T", "x", at, r.nextInt(3) > 0, r.nextInt(4) == 0));
      }
    }
    return out;
  }

  static SlaEvaluation eval(SlaPolicySet set, List<TicketEvent> events, Instant t) {
    return SlaClock.evaluate(set, CALS, events, t);
  }

  @Property(tries = 200)
  void anyPermutationOfIdsWithinAnInstantGivesTheSameEvaluation(
      @ForAll long seed, @ForAll boolean keep) {
    Random r = new Random(seed);
    SlaPolicySet set = set(r, keep ? RetargetRule.KEEP_REACHED : RetargetRule.RECALCULATE);
    TreeMap<Instant, List<TicketEvent>> h = history(r);
    List<TicketEvent> sorted = OneUpdateOneResultProperties.withIds(h, null);
    List<TicketEvent> permuted = OneUpdateOneResultProperties.withIds(h, new Random(seed * 31));
    for (int i = 0; i < 4; i++) {
      Instant t = h.lastKey().plus(Duration.ofMinutes(r.nextInt(4000)));
      assertEquals(
          OneUpdateOneResultProperties.withoutIds(eval(set, sorted, t)),
          OneUpdateOneResultProperties.withoutIds(eval(set, permuted, t)),
          "at " + t);
    }
    SlaClock clock = SlaClock.of(set, CALS, "T");
    for (TicketEvent e : permuted) {
      clock.accept(e);
      clock.evaluate(e.at());
    }
    Instant t = h.lastKey().plus(Duration.ofMinutes(r.nextInt(4000)));
    assertEquals(
        OneUpdateOneResultProperties.withoutIds(eval(set, sorted, t)),
        OneUpdateOneResultProperties.withoutIds(clock.evaluate(t)));
    // in any arrival order, late events included, read as they come
    List<TicketEvent> arrival = new ArrayList<>(permuted.subList(1, permuted.size()));
    java.util.Collections.shuffle(arrival, r);
    arrival.add(0, permuted.get(0));
    SlaClock late = SlaClock.of(set, CALS, "T");
    for (TicketEvent e : arrival) {
      late.accept(e);
      late.evaluate(e.at().plus(Duration.ofMinutes(r.nextInt(120))));
    }
    SlaEvaluation expected = eval(set, permuted, t);
    assertEquals(expected, late.evaluate(t), "arrival order");
    assertEquals(expected.nextTransition(), late.nextTransition(t), "nextTransition");
  }

  @Property(tries = 200)
  void nothingChangesBeforeTheNextTransitionAndSomethingChangesAtIt(
      @ForAll long seed, @ForAll boolean keep) {
    Random r = new Random(seed);
    SlaPolicySet set = set(r, keep ? RetargetRule.KEEP_REACHED : RetargetRule.RECALCULATE);
    TreeMap<Instant, List<TicketEvent>> h = history(r);
    List<TicketEvent> events = OneUpdateOneResultProperties.withIds(h, new Random(seed));
    List<Instant> cuts = new ArrayList<>(h.keySet());
    Instant cut = cuts.get(r.nextInt(cuts.size()));
    List<TicketEvent> upTo = events.stream().filter(e -> !e.at().isAfter(cut)).toList();
    Instant t = cut.plus(Duration.ofMinutes(r.nextInt(3) == 0 ? 0 : r.nextInt(3000)));
    SlaEvaluation now = eval(set, upTo, t);
    Optional<Instant> next = now.nextTransition();
    if (next.isEmpty()) {
      // nothing may change for a long time
      for (int i = 0; i < 5; i++) {
        Instant s = t.plus(Duration.ofMinutes(r.nextInt(20_000)));
        assertEquals(
            UpcomingTransitionProperties.levels(now),
            UpcomingTransitionProperties.levels(eval(set, upTo, s)),
            "no transition, yet at " + s);
      }
      return;
    }
    Instant n = next.get();
    assertTrue(n.isAfter(t));
    List<Instant> samples = new ArrayList<>();
    samples.add(n.minusNanos(1));
    long span = Duration.between(t, n).toSeconds();
    for (int i = 0; i < 8 && span > 0; i++) {
      samples.add(t.plusSeconds(1 + (long) (r.nextDouble() * (span - 1))));
    }
    Instant x = t;
    for (int i = 0; i < 6; i++) {
      Optional<Instant> c = TEAM.nextClose(x);
      Optional<Instant> o = TEAM.nextOpen(x);
      if (c.isPresent() && c.get().isAfter(t) && c.get().isBefore(n)) {
        samples.add(c.get());
        samples.add(c.get().minusNanos(1));
        samples.add(c.get().plusNanos(1));
      }
      if (o.isPresent() && o.get().isAfter(t) && o.get().isBefore(n)) {
        samples.add(o.get());
        samples.add(o.get().plusNanos(1));
      }
      Instant nx = c.orElse(n);
      if (!nx.isAfter(x)) {
        nx = x.plusSeconds(3600);
      }
      x = nx.plusNanos(1);
      if (x.isAfter(n)) {
        break;
      }
    }
    for (Instant s : samples) {
      if (s.isAfter(t) && s.isBefore(n)) {
        assertEquals(
            UpcomingTransitionProperties.levels(now),
            UpcomingTransitionProperties.levels(eval(set, upTo, s)),
            "changed at " + s + " before " + n);
      }
    }
    assertNotEquals(
        UpcomingTransitionProperties.levels(now),
        UpcomingTransitionProperties.levels(eval(set, upTo, n)),
        "nothing changes at " + n);
  }

  /**
   * Every warning reached by a cycle that ran unpaused under one targeting is reached at the first
   * instant its business time (on the Berlin calendar, from its start) reaches the share.
   */
  @Property(tries = 200)
  void warningsAreReachedAtTheFirstInstantTheShareIsUsedUp(
      @ForAll long seed, @ForAll boolean keep) {
    Random r = new Random(seed);
    SlaPolicySet set = set(r, keep ? RetargetRule.KEEP_REACHED : RetargetRule.RECALCULATE);
    TreeMap<Instant, List<TicketEvent>> h = history(r);
    List<TicketEvent> events = OneUpdateOneResultProperties.withIds(h, new Random(seed));
    Instant t = h.lastKey().plus(Duration.ofMinutes(r.nextInt(5000)));
    SlaEvaluation now = eval(set, events, t);
    for (MetricCycle c : now.cycles()) {
      if (!c.target().isPresent() || !sameTarget(set, events, c, t)) {
        continue; // re-targeted: under RECALCULATE measured again from the start, kept instants
      }
      for (WarningReached w : c.warnings()) {
        // the clock's own figures just before and at the instant
        MetricCycle ca = find(eval(set, events, w.at()), c);
        assertTrue(ca.warningPercent() >= w.percent(), c + " at " + w);
        if (w.at().isAfter(c.start())) {
          MetricCycle cb = find(eval(set, events, w.at().minusNanos(1)), c);
          assertTrue(cb == null || cb.warningPercent() < w.percent(), "already before: " + w);
        }
        // the brute-force oracle on cycles that ran unpaused and unstopped from their start
        if (ca.pausedTime().isZero()
            && ca.wallElapsed().equals(Duration.between(c.start(), w.at()))) {
          Duration share = share(ca.target().get(), w.percent());
          Instant expected = TEAM.plus(c.start(), share);
          assertEquals(expected, w.at(), c.metric() + "#" + c.cycle() + " " + w + " of " + ca);
          assertTrue(TEAM.between(c.start(), w.at().minusNanos(1)).compareTo(share) < 0);
        }
      }
    }
  }

  /** The targeting of {@code c} is its final one at its start and at every event until then. */
  private static boolean sameTarget(
      SlaPolicySet set, List<TicketEvent> events, MetricCycle c, Instant until) {
    MetricCycle s = find(eval(set, events, c.start()), c);
    if (s == null || !s.target().equals(c.target()) || !s.policy().equals(c.policy())) {
      return false;
    }
    // and no event between them at all changed the targeting: compare at every event instant
    for (TicketEvent e : events) {
      if (e.at().isAfter(c.start()) && !e.at().isAfter(until)) {
        MetricCycle m = find(eval(set, events, e.at()), c);
        if (m == null || !m.target().equals(s.target()) || !m.policy().equals(s.policy())) {
          return false;
        }
      }
    }
    return true;
  }

  /** The least business time whose share of {@code target} is at least {@code pct} percent. */
  static Duration share(Duration target, int pct) {
    long nanos = target.toNanos();
    long need = -Math.floorDiv(-Math.multiplyExact(nanos, (long) pct), 100L);
    return Duration.ofNanos(need);
  }

  static MetricCycle find(SlaEvaluation e, MetricCycle c) {
    for (MetricCycle x : e.cycles()) {
      if (x.metric().equals(c.metric()) && x.cycle() == c.cycle()) {
        return x;
      }
    }
    return null;
  }

  @Property(tries = 200)
  void aSnapshotMidHistoryEvaluatesIdentically(@ForAll long seed, @ForAll boolean keep) {
    Random r = new Random(seed);
    SlaPolicySet set = set(r, keep ? RetargetRule.KEEP_REACHED : RetargetRule.RECALCULATE);
    TreeMap<Instant, List<TicketEvent>> h = history(r);
    List<TicketEvent> events = OneUpdateOneResultProperties.withIds(h, new Random(seed));
    int cut = 1 + r.nextInt(events.size());
    SlaClock clock = SlaClock.of(set, CALS, "T");
    for (int i = 0; i < cut; i++) {
      clock.accept(events.get(i));
      if (r.nextBoolean()) {
        clock.evaluate(events.get(i).at().plus(Duration.ofMinutes(r.nextInt(600))));
      }
    }
    SlaClock bytes = SlaClockSnapshot.fromBytes(set, CALS, SlaClockSnapshot.toBytes(clock));
    SlaClock json = SlaClockSnapshot.fromJson(set, CALS, SlaClockSnapshot.toJson(clock));
    Instant mid = events.get(cut - 1).at().plus(Duration.ofMinutes(r.nextInt(600)));
    assertEquals(clock.evaluate(mid), bytes.evaluate(mid), "bytes mid");
    assertEquals(clock.evaluate(mid), json.evaluate(mid), "json mid");
    for (int i = cut; i < events.size(); i++) {
      clock.accept(events.get(i));
      bytes.accept(events.get(i));
      json.accept(events.get(i));
    }
    for (int k = 0; k < 3; k++) {
      Instant t = h.lastKey().plus(Duration.ofMinutes(r.nextInt(5000)));
      SlaEvaluation expected = clock.evaluate(t);
      assertEquals(expected, bytes.evaluate(t), "bytes at " + t);
      assertEquals(expected, json.evaluate(t), "json at " + t);
      assertEquals(expected.nextTransition(), bytes.nextTransition(t));
      assertEquals(expected.upcoming(), json.evaluate(t).upcoming());
      assertEquals(eval(set, events, t), expected, "batch at " + t);
    }
  }
}
