package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link RetargetRule#RECALCULATE_ALL} against an independent formulation: a ticket whose tier and
 * severity change along the way is judged, every cycle of it, running or stopped, as the same
 * history with the final tier and severity given at the creation and never changed, under {@link
 * RetargetRule#RECALCULATE}; except a stopped cycle whose metric the final targeting leaves without
 * a target, which keeps the judgement {@link RetargetRule#RECALCULATE} gives it. Histories are
 * {@link SlaClockProperties#history}'s without priority changes (an explicit priority cannot be
 * given at the creation), with calls answered, abandoned and cut off, on the tiered policies with
 * and without target calendars (a re-target then changes a stopped cycle's calendar as well).
 */
class RecalculateAllProperties {

  @Property(tries = 300)
  void everyCycleIsJudgedAsIfTheFinalTargetingHadBeenInForceFromTheCreation(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 25) int size,
      @ForAll boolean targetCalendars,
      @ForAll @IntRange(min = 0, max = 3000) int afterMinutes) {
    SlaClockProperties.History h = SlaClockProperties.history(seed, size);
    List<TicketEvent> events = new ArrayList<>();
    for (TicketEvent e : h.events()) {
      if (!(e instanceof TicketEvent.PriorityChanged || e instanceof TicketEvent.PriorityCleared)) {
        events.add(e);
      }
    }
    SlaPolicySet recalc =
        targetCalendars ? Fixtures.tieredWithTargetCalendars() : Fixtures.tiered();
    SlaPolicySet all = Fixtures.recalculateAll(recalc);
    Instant now = h.last().plus(Duration.ofMinutes(afterMinutes));

    SlaEvaluation judged = Fixtures.eval(all, events, now);
    Map<String, MetricCycle> asRecalculated = byKey(Fixtures.eval(recalc, events, now));
    Map<String, MetricCycle> fromTheStart =
        byKey(Fixtures.eval(recalc, finalTargetingFromTheCreation(events), now));
    // A cycle is reported when the targeting it is measured by has a rule or target for its metric.
    Map<String, MetricCycle> actual = byKey(judged);
    java.util.Set<String> keys = new java.util.TreeSet<>(fromTheStart.keySet());
    keys.addAll(asRecalculated.keySet());
    keys.addAll(actual.keySet());
    for (String key : keys) {
      MetricCycle start = fromTheStart.get(key);
      MetricCycle recalculated = asRecalculated.get(key);
      MetricCycle any = start != null ? start : recalculated;
      assertNotNull(any, key + " reported by neither formulation");
      boolean keeps = any.stop().isPresent() && (start == null || !start.targeted());
      assertEquals(keeps ? recalculated : start, actual.get(key), key + " in " + events);
    }
    assertEquals(
        Fixtures.eval(recalc, finalTargetingFromTheCreation(events), now).nextTransition(),
        judged.nextTransition());
  }

  /**
   * Under {@link ScheduleRule#PER_PERIOD} each period before a stop keeps its own calendar, so the
   * elapsed time may differ from the final-targeting history's, but a stopped cycle is still judged
   * by the final targeting: its target and policy are that history's.
   */
  @Property(tries = 200)
  void perPeriodStoppedCyclesTakeTheFinalTargetAndPolicy(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 25) int size) {
    SlaClockProperties.History h = SlaClockProperties.history(seed, size);
    List<TicketEvent> events = new ArrayList<>();
    for (TicketEvent e : h.events()) {
      if (!(e instanceof TicketEvent.PriorityChanged || e instanceof TicketEvent.PriorityCleared)) {
        events.add(e);
      }
    }
    SlaPolicySet perPeriod = Fixtures.semantics(4);
    assertEquals(ScheduleRule.PER_PERIOD, perPeriod.scheduleRule());
    SlaPolicySet all = Fixtures.recalculateAll(perPeriod);
    Instant now = h.last().plus(Duration.ofHours(1));
    Map<String, MetricCycle> fromTheStart =
        byKey(Fixtures.eval(perPeriod, finalTargetingFromTheCreation(events), now));
    for (MetricCycle c : Fixtures.eval(all, events, now).cycles()) {
      MetricCycle start = fromTheStart.get(key(c));
      if (c.stop().isEmpty() || start == null || !start.targeted()) {
        continue;
      }
      assertEquals(start.target(), c.target(), key(c) + " in " + events);
      assertEquals(start.policy(), c.policy(), key(c) + " in " + events);
    }
  }

  /**
   * The same events in any arrival order, with the clock read after each, give the batch
   * evaluation: re-judging stopped cycles is order-free and as-of reads do not disturb it.
   */
  @Property(tries = 150)
  void anyArrivalOrderWithReadsInBetweenGivesTheBatchEvaluation(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 25) int size, @ForAll long order) {
    SlaClockProperties.History h = SlaClockProperties.history(seed, size);
    SlaPolicySet all = Fixtures.recalculateAll(Fixtures.tieredWithTargetCalendars());
    Instant now = h.last().plus(Duration.ofHours(1));
    List<TicketEvent> arrival = new ArrayList<>(h.events());
    java.util.Collections.shuffle(arrival, new Random(order));
    SlaClock clock = Fixtures.clock(all, "T");
    for (TicketEvent e : arrival) {
      clock.accept(e);
      if (clock.events().stream().anyMatch(x -> x instanceof TicketEvent.Created)) {
        clock.evaluate(e.at()).cycles(); // as of this event, derived (so the caches fill)
      }
    }
    assertEquals(Fixtures.eval(all, h.events(), now), clock.evaluate(now));
  }

  /** The events without tier and severity changes, the creation carrying the values they end on. */
  private static List<TicketEvent> finalTargetingFromTheCreation(List<TicketEvent> events) {
    List<TicketEvent> sorted = new ArrayList<>(events);
    sorted.sort(TicketEvent.ORDER);
    Map<String, String> last = new HashMap<>(); // a null value: cleared last
    for (TicketEvent e : sorted) {
      if (e instanceof TicketEvent.AttributeChanged a && targetingInput(a.key())) {
        last.put(a.key(), a.value());
      } else if (e instanceof TicketEvent.AttributeCleared a && targetingInput(a.key())) {
        last.put(a.key(), null);
      }
    }
    List<TicketEvent> out = new ArrayList<>();
    for (TicketEvent e : events) {
      if (e instanceof TicketEvent.AttributeChanged a && targetingInput(a.key())) {
        continue;
      }
      if (e instanceof TicketEvent.AttributeCleared a && targetingInput(a.key())) {
        continue;
      }
      if (e instanceof TicketEvent.Created c) {
        Map<String, String> attrs = new LinkedHashMap<>(c.attributes());
        last.forEach(
            (k, v) -> {
              if (v == null) {
                attrs.remove(k); // as if never set
              } else {
                attrs.put(k, v);
              }
            });
        TicketEvent.Created n =
            c.byAgent()
                ? TicketEvent.Created.byAgent(c.ticketId(), c.id(), c.at(), attrs, c.tags())
                : TicketEvent.Created.byCustomer(c.ticketId(), c.id(), c.at(), attrs, c.tags());
        e = c.status().isPresent() ? n.withStatus(c.status().get()) : n;
      }
      out.add(e);
    }
    return out;
  }

  private static boolean targetingInput(String key) {
    return key.equals("tier") || key.equals("severity");
  }

  private static Map<String, MetricCycle> byKey(SlaEvaluation e) {
    Map<String, MetricCycle> out = new LinkedHashMap<>();
    for (MetricCycle c : e.cycles()) {
      out.put(key(c), c);
    }
    return out;
  }

  private static String key(MetricCycle c) {
    return c.metric() + "#" + c.cycle() + "/" + c.key();
  }
}
