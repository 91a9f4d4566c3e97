package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.CycleSegment.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Laws of the audit trail and the per-cycle outputs over random histories (the generator of {@link
 * SlaClockProperties}, under every breach and closing rule and both re-target rules).
 */
class AuditTrailProperties {

  /** A history, the set variant it runs under and an evaluation instant at or after its end. */
  record Case(SlaClockProperties.History history, SlaPolicySet set, Instant now, long seed) {}

  @Provide
  Arbitrary<Case> cases() {
    return Combinators.combine(
            Arbitraries.longs(),
            Arbitraries.integers().between(0, 25),
            Arbitraries.integers().between(0, 7),
            Arbitraries.integers().between(0, 96))
        .as(
            (seed, size, variant, later) -> {
              SlaClockProperties.History h = SlaClockProperties.history(seed, size);
              if (later % 3 == 0) { // per-call cycles re-attached across re-targets
                h = h.withRingingAcrossRetarget(new java.util.Random(~seed));
              }
              SlaPolicySet base = (variant & 4) != 0 ? Fixtures.tieredKeepReached() : h.set();
              if (later % 2 == 1) { // custom metrics too, with tag changes spliced in
                h = h.withDefinitions(new java.util.Random(seed));
                base = Mirrors.withTwinsAndExtras(base);
              }
              SlaPolicySet set =
                  withRules(
                      base,
                      (variant & 1) != 0 ? BreachRule.AT_DEADLINE : BreachRule.AFTER_DEADLINE,
                      (variant & 2) != 0 ? ClosingRule.AT_NEXT_OPENING : ClosingRule.AT_CLOSE);
              // A stop at a re-target's instant judged by the targeting before it, a third of the
              // time.
              set = SlaClockProperties.withStopRule(set, Math.floorMod(seed, 3) == 0);
              // The creating update's stops overriding its starts, a third of the time.
              set = SlaClockProperties.withCreationStop(set, Math.floorMod(seed >>> 4, 3) == 0);
              return new Case(h, set, h.last().plus(Duration.ofMinutes(15L * later)), seed);
            });
  }

  static SlaPolicySet withRules(SlaPolicySet set, BreachRule breach, ClosingRule closing) {
    String json =
        SlaPolicyJson.write(set)
            .replace("\"breachRule\": \"AFTER_DEADLINE\"", "\"breachRule\": \"" + breach + "\"")
            .replace("\"closingRule\": \"AT_CLOSE\"", "\"closingRule\": \"" + closing + "\"");
    SlaPolicySet out = SlaPolicyJson.read(json);
    assertEquals(breach, out.breachRule());
    assertEquals(closing, out.closingRule());
    return out;
  }

  private static SlaClock feed(SlaPolicySet set, List<TicketEvent> events) {
    SlaClock clock = Fixtures.clock(set, "T");
    events.forEach(clock::accept);
    return clock;
  }

  @Property(tries = 300)
  void everyDurationIsTheSumOfItsSegments(@ForAll("cases") Case c) {
    SlaClock clock = feed(c.set(), c.history().events());
    SlaEvaluation e = clock.evaluate(c.now());
    for (MetricCycle m : e.cycles()) {
      List<CycleSegment> trail = clock.auditTrail(m.metric(), m.cycle(), c.now());
      String what = m + " " + trail;
      Duration business = Duration.ZERO;
      Duration wall = Duration.ZERO;
      Duration paused = Duration.ZERO;
      for (int i = 0; i < trail.size(); i++) {
        CycleSegment s = trail.get(i);
        business = business.plus(s.business());
        if (s.kind() != Kind.STOPPED) {
          wall = wall.plus(s.wall());
        }
        if (s.kind() == Kind.PAUSED) {
          paused = paused.plus(s.wall());
        }
        if (s.kind() != Kind.RUNNING) {
          assertEquals(Duration.ZERO, s.business(), what);
        }
        if (i > 0) {
          assertEquals(trail.get(i - 1).to(), s.from(), what);
          assertEquals(trail.get(i - 1).closedBy().orElseThrow(), s.openedBy(), what);
        }
      }
      assertEquals(m.elapsed(), business, what);
      assertEquals(m.wallElapsed(), wall, what);
      assertEquals(m.pausedTime(), paused, what);
      assertEquals(m.start(), trail.get(0).from(), what);
      CycleSegment last = trail.get(trail.size() - 1);
      assertEquals(c.now(), last.to(), what);
      assertTrue(last.closedBy().isEmpty(), what);
      assertEquals(m.stop().isPresent(), last.kind() == Kind.STOPPED, what);
      assertEquals(m.running(), last.kind() == Kind.RUNNING, what); // paused while breached too
      if (m.stop().isPresent()) {
        // The stop begins the last stopped segment, or under RECALCULATE_ALL a stopped segment
        // after which each one begins where a re-target judged the cycle again. (A stop, resume
        // and stop at one instant also leaves two stopped segments in a row.)
        int at = trail.size() - 1;
        while (at > 0
            && !trail.get(at).from().equals(m.stop().get())
            && trail.get(at - 1).kind() == Kind.STOPPED) {
          at--;
        }
        assertEquals(m.stop().get(), trail.get(at).from(), what);
        java.util.Set<Instant> retargets = new java.util.HashSet<>();
        e.policyChanges().forEach(p -> retargets.add(p.at()));
        for (int i = at + 1; i < trail.size(); i++) {
          assertEquals(RetargetRule.RECALCULATE_ALL, c.set().retargetRule(), what);
          assertTrue(retargets.contains(trail.get(i).from()), what);
        }
      }
      assertEquals(m.target(), last.target(), what); // the targeting the cycle is measured by
      assertEquals(m.policy(), last.policy(), what);
    }
  }

  @Property(tries = 200)
  void theTrailIsTheSameWhateverTheArrivalOrder(@ForAll("cases") Case c) {
    SlaClock inOrder = feed(c.set(), c.history().events());
    List<TicketEvent> shuffled = new ArrayList<>(c.history().events());
    Random rnd = new Random(c.seed());
    for (int i = 0; i < shuffled.size() / 3; i++) {
      shuffled.add(shuffled.get(rnd.nextInt(shuffled.size()))); // duplicates
    }
    Collections.shuffle(shuffled, rnd);
    SlaClock anyOrder = feed(c.set(), shuffled);
    SlaEvaluation e = inOrder.evaluate(c.now());
    assertEquals(e, anyOrder.evaluate(c.now()));
    for (MetricCycle m : e.cycles()) {
      assertEquals(
          inOrder.auditTrail(m.metric(), m.cycle(), c.now()),
          anyOrder.auditTrail(m.metric(), m.cycle(), c.now()),
          m::toString);
    }
  }

  /**
   * A re-target inside a cycle's running or paused time starts a new segment there, opened by the
   * re-targeting event (or by another event of the same instant) and under the new policy, unless
   * later events of the same instant restore the targeting in force before it. A cycle re-attached
   * with a retroactive start is measured under its attach's targeting from its start, so re-targets
   * before its attach do not split it.
   */
  @Property(tries = 300)
  void aReTargetIsVisibleInTheTrail(@ForAll("cases") Case c) {
    SlaClock clock = feed(c.set(), c.history().events());
    SlaEvaluation e = clock.evaluate(c.now());
    List<PolicyChange> changes = e.policyChanges();
    boolean seen = false;
    java.util.Map<String, Instant> at = new java.util.HashMap<>();
    c.history().events().forEach(ev -> at.put(ev.id(), ev.at()));
    for (MetricCycle m : e.cycles()) {
      List<CycleSegment> trail = clock.auditTrail(m.metric(), m.cycle(), c.now());
      Instant attach = at.getOrDefault(trail.get(0).openedBy(), m.start());
      for (int k = 1; k < changes.size(); k++) {
        PolicyChange ch = changes.get(k);
        if (ch.at().isBefore(attach)) {
          continue; // before a retroactive cycle's attach: measured under the attach's targeting
        }
        boolean lastAtItsInstant =
            k + 1 == changes.size() || !changes.get(k + 1).at().equals(ch.at());
        int before = k - 1; // the targeting in force before the instant of ch
        while (before > 0 && changes.get(before).at().equals(ch.at())) {
          before--;
        }
        PolicyChange prev = changes.get(before);
        boolean changed =
            prev.at().equals(ch.at()) // ch's instant is the creation's
                || !prev.policy().equals(ch.policy())
                || !prev.priority().equals(ch.priority())
                || !prev.channel().equals(ch.channel());
        if (!lastAtItsInstant || !changed) {
          continue; // changes undone within their instant leave the targeting as it was
        }
        for (CycleSegment s : trail) {
          if (s.kind() != Kind.STOPPED && s.from().isBefore(ch.at()) && ch.at().isBefore(s.to())) {
            throw new AssertionError("re-target " + ch + " hidden inside " + s + " of " + m);
          }
          if (s.kind() != Kind.STOPPED && s.from().equals(ch.at())) {
            assertEquals(ch.policy(), s.policy(), () -> ch + " " + s);
            seen |= !s.from().equals(m.start());
          }
        }
      }
    }
    // Not vacuous: re-targets inside running or paused time occur in a fair share of histories.
    Statistics.label("re-target inside a cycle").collect(seen);
    Statistics.label("re-target inside a cycle")
        .coverage(k -> k.check(true).percentage(p -> p >= 5));
  }

  /** Warnings are reported lowest first, each reached no later than the next, never after now. */
  @Property(tries = 300)
  void warningInstantsAreOrderedAndAgreeWithTheHighestLevel(@ForAll("cases") Case c) {
    SlaEvaluation e = feed(c.set(), c.history().events()).evaluate(c.now());
    for (MetricCycle m : e.cycles()) {
      List<WarningReached> w = m.warnings();
      if (w.isEmpty()) {
        assertEquals(0, m.warningPercent(), m::toString);
        continue;
      }
      assertEquals(m.warningPercent(), w.get(w.size() - 1).percent(), m::toString);
      for (int i = 0; i < w.size(); i++) {
        assertTrue(
            !w.get(i).at().isAfter(c.now()) && !w.get(i).at().isBefore(m.start()), m::toString);
        if (i > 0) {
          assertTrue(w.get(i - 1).percent() < w.get(i).percent(), m::toString);
          assertTrue(!w.get(i - 1).at().isAfter(w.get(i).at()), m::toString);
        }
      }
    }
  }

  /**
   * Signed remaining is target minus elapsed; a running breached cycle was breached no earlier than
   * its deadline (unless KEEP_REACHED kept a breach of a tighter earlier target).
   */
  @Property(tries = 300)
  void signedRemainingAndTheDueInstantAgreeWithTheState(@ForAll("cases") Case c) {
    SlaEvaluation e = feed(c.set(), c.history().events()).evaluate(c.now());
    for (MetricCycle m : e.cycles()) {
      if (!m.targeted()) { // an untargeted (custom) cycle: measured, never due, never breached
        assertEquals(Optional.empty(), m.signedRemaining(), m::toString);
        assertEquals(Optional.empty(), m.deadline(), m::toString);
        assertTrue(m.state() != CycleState.BREACHED && m.warnings().isEmpty(), m::toString);
        continue;
      }
      Duration signed = m.signedRemaining().orElseThrow();
      assertEquals(m.target().orElseThrow().minus(m.elapsed()), signed, m::toString);
      assertEquals(signed.isNegative() ? Duration.ZERO : signed, m.remaining(), m::toString);
      boolean recalculated =
          c.set().retargetRule() == RetargetRule.RECALCULATE
              || c.set().retargetRule() == RetargetRule.RECALCULATE_ALL;
      if (recalculated && m.state() == CycleState.BREACHED && m.stop().isEmpty()) {
        assertTrue(!m.breachedAt().get().isBefore(m.deadline().orElseThrow()), m::toString);
      }
      if (m.state() == CycleState.ACHIEVED) {
        assertEquals(m.stop(), m.metAt(), m::toString);
      }
    }
  }
}
