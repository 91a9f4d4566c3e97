package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link SlaEvaluation#upcoming()} against what a clock fed no further event shows: its instant is
 * {@link SlaEvaluation#nextTransition()}; evaluated one nanosecond before it, no cycle has changed
 * state, warning or escalation since the evaluation; evaluated at it, exactly the listed changes
 * have happened (every new warning level reached at that instant, the escalation rising through the
 * listed levels to the one reported, a breach from that instant), and {@link SlaTransition#between}
 * of the two evaluations reports exactly the listed kinds per cycle. Over the random histories of
 * {@link SlaClockProperties} under the stop, solve, reopen, re-target, breach and closing rule
 * variants, custom metrics and calls ringing across re-targets, each cut at one of its events (or
 * not), evaluated at the cut and later.
 */
class UpcomingTransitionProperties {

  @Provide
  Arbitrary<SlaClockProperties.History> histories() {
    return Combinators.combine(
            Arbitraries.longs(), Arbitraries.integers().between(0, 30), Arbitraries.longs())
        .as(
            (seed, size, defs) -> {
              SlaClockProperties.History h = SlaClockProperties.history(seed, size);
              if ((defs >> 1) % 3 == 0) {
                h = h.withRingingAcrossRetarget(new Random(~defs));
              }
              return defs % 2 == 0 ? h : h.withDefinitions(new Random(defs));
            });
  }

  @Property(tries = 300)
  void theUpcomingTransitionListsExactlyWhatAnEvaluationAtItShows(
      @ForAll("histories") SlaClockProperties.History h, @ForAll long seed) {
    Random r = new Random(seed);
    SlaPolicySet set = variant(r.nextBoolean() ? h.set() : dense(r), seed);
    SlaClock clock = Fixtures.clock(set, "T");
    List<TicketEvent> all = new ArrayList<>(h.events());
    all.sort(TicketEvent.ORDER);
    // the events up to a cut (the ticket as it was then: its cycles still running), or all
    Instant cut = r.nextInt(4) == 0 ? h.last() : all.get(r.nextInt(all.size())).at();
    List<TicketEvent> events = all.stream().filter(e -> !e.at().isAfter(cut)).toList();
    events.forEach(clock::accept);
    Instant t =
        switch (r.nextInt(3)) {
          case 0 -> cut;
          case 1 -> cut.plus(Duration.ofMinutes(r.nextInt(600)));
          default -> cut.plus(Duration.ofMinutes(r.nextInt(20_000)));
        };
    SlaEvaluation now = clock.evaluate(t);
    SlaEvaluation twin = clock.evaluate(t); // asked only after the clock has moved on
    Optional<UpcomingTransition> up = now.upcoming();
    assertEquals(now.nextTransition(), up.map(UpcomingTransition::at), "instant");
    Statistics.label("upcoming").collect(up.isPresent());
    if (up.isEmpty()) {
      return;
    }
    Instant at = up.get().at();
    List<UpcomingTransition.Change> changes = up.get().changes();
    Statistics.label("changes").collect(Math.min(changes.size(), 3));
    Statistics.label("kinds")
        .collect(changes.stream().map(c -> c.kind().toString()).distinct().sorted().toList());
    SlaEvaluation before = clock.evaluate(at.minusNanos(1));
    SlaEvaluation then = clock.evaluate(at);

    // one nanosecond before: nothing reported has changed since the evaluation
    assertEquals(levels(now), levels(before), "nothing changes before " + at);
    // the same answer however the evaluation was made: after more events, from a fresh clock
    clock.accept(new TicketEvent.CustomerMessage("T", "zz-late", at.plusSeconds(1)));
    assertEquals(up, twin.upcoming(), "as captured, whatever the clock accepted since");
    assertEquals(
        up,
        Fixtures.eval(set, events, t).upcoming(),
        "a fresh clock's evaluation at the same instant");

    Map<String, List<UpcomingTransition.Change>> listed = new HashMap<>();
    for (UpcomingTransition.Change c : changes) {
      listed.computeIfAbsent(c.metric() + "#" + c.cycle(), k -> new ArrayList<>()).add(c);
    }
    Map<String, MetricCycle> old = new HashMap<>();
    before.cycles().forEach(c -> old.put(c.metric() + "#" + c.cycle(), c));
    List<String> order = new ArrayList<>();
    for (MetricCycle c : then.cycles()) {
      String key = c.metric() + "#" + c.cycle();
      MetricCycle b = old.get(key);
      assertTrue(b != null, "no cycle starts without an event: " + key);
      List<UpcomingTransition.Change> mine = listed.getOrDefault(key, List.of());
      if (!mine.isEmpty()) {
        order.add(key);
      }
      List<UpcomingTransition.Change> expected = new ArrayList<>();
      for (WarningReached w : c.warnings()) {
        if (w.percent() > b.warningPercent()) {
          assertEquals(at, w.at(), key + " warning " + w.percent() + " reached at the instant");
          expected.add(UpcomingTransition.Change.warning(c, w.percent()));
        }
      }
      int from = SlaTransition.level(b.escalation());
      int to = SlaTransition.level(c.escalation());
      List<UpcomingTransition.Change> esc =
          mine.stream().filter(x -> x.kind() == SlaTransition.Kind.ESCALATED).toList();
      if (to > from) {
        assertFalse(esc.isEmpty(), key + " escalated to " + to + " but nothing listed");
        int prev = from;
        for (UpcomingTransition.Change x : esc) {
          int level = x.escalation().get().level();
          assertTrue(level > prev && level <= to, key + " levels " + esc);
          prev = level;
        }
        assertEquals(c.escalation(), esc.get(esc.size() - 1).escalation(), key + " highest");
        expected.addAll(esc);
      } else {
        assertEquals(List.of(), esc, key + " escalation did not change");
      }
      if (c.state() != b.state()) {
        assertEquals(CycleState.BREACHED, c.state(), key + " only a breach happens unprompted");
        assertEquals(Optional.of(at), c.breachedAt(), key + " breached at the instant");
        expected.add(UpcomingTransition.Change.breach(c));
      }
      assertEquals(expected, mine, key + " at " + at);
      // between reports the same kinds, one per kind
      TreeSet<SlaTransition.Kind> kinds = new TreeSet<>();
      mine.forEach(x -> kinds.add(x.kind()));
      TreeSet<SlaTransition.Kind> diffed = new TreeSet<>();
      SlaTransition.changes(then, c, b.state(), b.warningPercent(), from, b.deadline())
          .forEach(x -> diffed.add(x.kind()));
      assertEquals(diffed, kinds, key + " SlaTransition.changes");
    }
    // listed by cycle in the evaluation's order, each cycle's changes together
    List<String> seen = new ArrayList<>();
    for (UpcomingTransition.Change c : changes) {
      String key = c.metric() + "#" + c.cycle();
      if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(key)) {
        seen.add(key);
      }
    }
    assertEquals(order, seen, "order of the changes");
  }

  /** {@code set} under a breach rule, closing rule, stop, solve and re-target variant. */
  static SlaPolicySet variant(SlaPolicySet set, long seed) {
    set = SlaClockProperties.withSolveRule(set, (seed >>> 8) % 4);
    set = SlaClockProperties.withStopRule(set, ((seed >>> 12) & 1) == 0);
    set = SlaClockProperties.withCreationStop(set, Math.floorMod(seed >>> 16, 3) == 0);
    String json = SlaPolicyJson.write(set);
    if (((seed >>> 20) & 1) == 0) {
      json = json.replace("\"breachRule\": \"AFTER_DEADLINE\"", "\"breachRule\": \"AT_DEADLINE\"");
    }
    if (((seed >>> 21) & 1) == 0) {
      json = json.replace("\"closingRule\": \"AT_CLOSE\"", "\"closingRule\": \"AT_NEXT_OPENING\"");
    }
    if (((seed >>> 22) & 3) == 0) {
      json =
          json.replace("\"retargetRule\": \"RECALCULATE\"", "\"retargetRule\": \"KEEP_REACHED\"");
    }
    return SlaPolicyJson.read(json);
  }

  /**
   * A one-policy set whose every metric warns and escalates, often at 100 % (with the deadline) and
   * at close percentages, so that several changes share an instant.
   */
  static SlaPolicySet dense(Random r) {
    Map<SlaMetric, Duration> targets = new java.util.LinkedHashMap<>();
    List<MetricRule> rules = new ArrayList<>();
    for (SlaMetric m :
        List.of(
            SlaMetric.firstResponse(),
            SlaMetric.nextResponse(),
            SlaMetric.periodicUpdate(),
            SlaMetric.resolution(),
            SlaMetric.stage("analysis"))) {
      targets.put(m, Duration.ofMinutes(15L * (1 + r.nextInt(32))));
      MetricRule.Builder b =
          MetricRule.builder(m).calendar(r.nextBoolean() ? "team" : MetricRule.ALWAYS);
      if (r.nextBoolean()) {
        b.pauseOn("pending");
      }
      int pct = 0;
      for (int i = r.nextInt(4); i > 0 && pct < 100; i--) {
        pct = r.nextInt(3) == 0 ? 100 : pct + 1 + r.nextInt(100 - pct);
        b.warnAt(pct);
      }
      pct = 0;
      int level = 0;
      for (int i = r.nextInt(4); i > 0 && pct < 1000; i--) {
        pct = pct < 100 && r.nextBoolean() ? 100 : pct + 1 + r.nextInt(Math.min(150, 1000 - pct));
        level += 1 + r.nextInt(2);
        b.escalate(EscalationLevel.of(level, pct, "r" + level));
      }
      rules.add(b.build());
    }
    return Fixtures.single(targets, rules.toArray(MetricRule[]::new));
  }

  /** State, warning and escalation level of every cycle. */
  static List<String> levels(SlaEvaluation e) {
    List<String> out = new ArrayList<>();
    for (MetricCycle c : e.cycles()) {
      out.add(
          c.metric()
              + "#"
              + c.cycle()
              + " "
              + c.state()
              + " w"
              + c.warningPercent()
              + " e"
              + SlaTransition.level(c.escalation()));
    }
    return out;
  }
}
