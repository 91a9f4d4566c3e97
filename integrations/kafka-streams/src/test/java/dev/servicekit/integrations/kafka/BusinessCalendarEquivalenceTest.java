package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.CalendarJson;
import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaPolicyJson;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * The topology's timers on a business calendar: a Berlin team calendar with a lunch break, the
 * Easter holidays and the change to summer time inside the stream's week, a severity x tier matrix,
 * a key-account policy chosen by tag whose urgent targets run 24/7, warnings, an escalation and a
 * pause status. Every other topology test runs 24/7 policies, where a deadline is the start plus
 * the target; here each timer the topology schedules from {@code nextTransition()} lands on
 * business time (after lunch, after the holiday weekend, an hour earlier in UTC after the clocks
 * change). The transitions, out of order and redelivered events included, equal the in-process
 * oracle's, and each cycle's last transition is its state in the batch evaluation. The policy and
 * priority are set at the creation (the oracle reports rises only, so no re-target lowers a warning
 * here; {@code SlaCorrectionsTopologyTest} covers restatements).
 */
class BusinessCalendarEquivalenceTest {

  static final Instant START = Instant.parse("2026-03-26T06:00:00Z");

  static final String CALENDAR =
      """
      {"id": "berlin-support", "zone": "Europe/Berlin",
       "week": {"MONDAY": ["09:00-13:00", "14:00-18:00"], "TUESDAY": ["09:00-13:00", "14:00-18:00"],
                "WEDNESDAY": ["09:00-13:00", "14:00-18:00"],
                "THURSDAY": ["09:00-13:00", "14:00-18:00"], "FRIDAY": ["09:00-13:00", "14:00-17:00"]},
       "holidays": ["2026-04-03", "2026-04-06"]}
      """;

  static final String POLICY =
      """
      {"statuses": ["new", "open", "pending", "solved"], "solvedStatuses": ["solved"],
       "policies": [{
         "name": "key-accounts", "when": {"tags": ["key-account"]},
         "matrix": {"cells": [
           {"severity": "critical", "tier": "gold", "priority": "urgent"},
           {"severity": "critical", "tier": "silver", "priority": "urgent"},
           {"severity": "minor", "tier": "gold", "priority": "high"}], "default": "high"},
         "targets": {
           "urgent": {"*": {"first_response": {"target": "PT30M", "calendar": "24/7"},
                            "resolution": {"target": "PT4H", "calendar": "24/7"}}},
           "high": {"*": {"first_response": "PT1H", "next_response": "PT2H", "resolution": "PT8H"}}},
         "metrics": [
           {"metric": "first_response", "calendar": "team", "warnAt": [50, 80]},
           {"metric": "next_response", "calendar": "team"},
           {"metric": "resolution", "calendar": "team", "pauseOn": ["pending"], "warnAt": [75],
            "escalations": [{"level": 1, "percent": 100, "recipient": "duty-lead"}]}]}],
       "defaultPolicy": {
         "name": "standard", "channels": ["email", "chat"],
         "matrix": {"cells": [
           {"severity": "critical", "tier": "gold", "priority": "high"},
           {"severity": "minor", "tier": "silver", "priority": "low"}], "default": "normal"},
         "targets": {
           "high": {"*": {"first_response": "PT2H", "resolution": "PT16H"},
                    "chat": {"first_response": "PT5M", "resolution": "PT8H"}},
           "normal": {"*": {"first_response": "PT4H", "next_response": "PT4H",
                            "resolution": "PT24H"}},
           "low": {"*": {"first_response": "PT8H", "resolution": "PT40H"}}},
         "metrics": [
           {"metric": "first_response", "calendar": "team", "warnAt": [75]},
           {"metric": "next_response", "calendar": "team"},
           {"metric": "resolution", "calendar": "team", "pauseOn": ["pending"]}]}}
      """;

  static final List<String> SEVERITIES = List.of("critical", "minor");
  static final List<String> TIERS = List.of("gold", "silver");

  /** Tickets over five days; each 4-20 events; 2% redelivered; local reordering. */
  static List<TicketEvent> stream(long seed, int tickets) {
    return stream(seed, tickets, false);
  }

  /** As above; with {@code retargets}, severity, key-account tag and priority changes too. */
  static List<TicketEvent> stream(long seed, int tickets, boolean retargets) {
    Random r = new Random(seed);
    List<TicketEvent> events = new ArrayList<>();
    for (int i = 0; i < tickets; i++) {
      String t = "T-" + i;
      Instant at = START.plusSeconds(r.nextInt(5 * 24 * 3600));
      events.add(
          TicketEvent.Created.byCustomer(
              t,
              t + "-c",
              at,
              Map.of(
                  "severity", SEVERITIES.get(r.nextInt(2)),
                  "tier", TIERS.get(r.nextInt(2)),
                  "channel", r.nextBoolean() ? "email" : "chat"),
              r.nextInt(4) == 0 ? Set.of("key-account") : Set.of()));
      int n = 3 + r.nextInt(17);
      for (int k = 0; k < n; k++) {
        at = at.plusSeconds(60 + r.nextInt(r.nextInt(8) == 0 ? 20 * 3600 : 50 * 60));
        String id = t + "-" + k;
        int kind = r.nextInt(12);
        TicketEvent e;
        if (k == n - 1 && r.nextInt(3) > 0) {
          e = new TicketEvent.StatusChanged(t, id, at, "solved");
        } else if (kind < 3) {
          e =
              r.nextInt(5) > 0
                  ? TicketEvent.AgentReply.publicReply(t, id, at)
                  : TicketEvent.AgentReply.internalNote(t, id, at);
        } else if (kind < 6) {
          e = new TicketEvent.CustomerMessage(t, id, at);
        } else if (kind < 10 && !(retargets && kind == 9)) {
          e = new TicketEvent.StatusChanged(t, id, at, r.nextBoolean() ? "pending" : "open");
        } else if (retargets && kind == 9) {
          e =
              switch (r.nextInt(3)) {
                case 0 ->
                    new TicketEvent.AttributeChanged(
                        t, id, at, "severity", SEVERITIES.get(r.nextInt(2)));
                case 1 ->
                    new TicketEvent.TagsChanged(
                        t, id, at, r.nextBoolean() ? Set.of("key-account") : Set.of());
                default ->
                    new TicketEvent.PriorityChanged(
                        t, id, at, List.of("urgent", "high", "normal").get(r.nextInt(3)));
              };
        } else {
          e = new TicketEvent.Assigned(t, id, at, "agent-" + r.nextInt(40));
        }
        events.add(e);
      }
    }
    events.sort(TicketEvent.ORDER.thenComparing(TicketEvent::ticketId));
    for (int i = 0; i < events.size(); i++) {
      if (r.nextInt(4) == 0) {
        int j = Math.min(events.size() - 1, i + 1 + r.nextInt(40));
        TicketEvent x = events.get(i);
        events.set(i, events.get(j));
        events.set(j, x);
      }
    }
    List<TicketEvent> out = new ArrayList<>(events.size() * 51 / 50);
    for (int i = 0; i < events.size(); i++) {
      out.add(events.get(i));
      if (r.nextInt(50) == 0 && i > 10) {
        out.add(events.get(i - r.nextInt(10)));
      }
    }
    return out;
  }

  @Test
  void timersOnALunchHolidayAndDstCalendarFireAtTheInProcessInstants() {
    SlaPolicySet set = SlaPolicyJson.read(POLICY);
    Map<String, BusinessCalendar> calendars = Map.of("team", CalendarJson.read(CALENDAR));
    List<TicketEvent> events = stream(29L, 1_200);
    Instant end = START.plus(Duration.ofDays(14));
    TicketEvent tick =
        TicketEvent.Created.byCustomer(
            "zz-clock", "zz", end, Map.of("severity", "minor", "tier", "silver"), Set.of());

    SlaFixtures.InProcess oracle = new SlaFixtures.InProcess(set, calendars);
    Map<String, List<SlaTransition>> viaKafka = new HashMap<>();
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(
            SlaClockTopology.builder(set, calendars).inMemoryStores(true).build())) {
      var in = SlaClockTopologyTest.in(d);
      var out = SlaClockTopologyTest.out(d);
      for (TicketEvent e : events) {
        SlaClockTopologyTest.pipe(in, e);
        oracle.accept(e);
      }
      SlaClockTopologyTest.pipe(in, tick); // stream time to the end: every timer fires
      oracle.accept(tick);
      for (SlaTransition t : out.readValuesToList()) {
        viaKafka.computeIfAbsent(t.ticketId(), k -> new ArrayList<>()).add(t);
      }
    }
    assertEquals(oracle.out.keySet(), viaKafka.keySet());
    Map<SlaTransition.Kind, Integer> byKind = new EnumMap<>(SlaTransition.Kind.class);
    int afterDst = 0;
    for (String t : oracle.out.keySet()) {
      assertEquals(oracle.out.get(t), viaKafka.get(t), t);
      for (SlaTransition x : viaKafka.get(t)) {
        byKind.merge(x.kind(), 1, Integer::sum);
        if (x.kind() == SlaTransition.Kind.BREACHED
            && x.at().isAfter(Instant.parse("2026-03-29T01:00:00Z"))) {
          afterDst++;
        }
      }
    }
    for (SlaTransition.Kind k : SlaTransition.Kind.values()) {
      if (k != SlaTransition.Kind.CANCELLED && k != SlaTransition.Kind.DEADLINE_CHANGED) {
        assertTrue(byKind.getOrDefault(k, 0) > 20, k + ": " + byKind);
      }
    }
    // without re-targets only a late event moves a deadline alone
    assertTrue(byKind.getOrDefault(SlaTransition.Kind.DEADLINE_CHANGED, 0) > 0, byKind::toString);
    assertTrue(afterDst > 100, "breaches timed in summer time: " + afterDst);

    Map<String, List<TicketEvent>> byTicket = new HashMap<>();
    for (TicketEvent e : events) {
      byTicket.computeIfAbsent(e.ticketId(), k -> new ArrayList<>()).add(e);
    }
    for (Map.Entry<String, List<TicketEvent>> e : byTicket.entrySet()) {
      SlaEvaluation batch =
          SlaClock.evaluate(
              set, calendars, new ArrayList<>(new LinkedHashSet<>(e.getValue())), end);
      Map<String, CycleState> expected = new HashMap<>();
      for (MetricCycle c : batch.cycles()) {
        expected.put(c.metric() + "/" + c.cycle(), c.state());
      }
      assertEquals(expected, fold(viaKafka.get(e.getKey())), e.getKey());
    }
  }

  /**
   * Re-targets on the same calendar (a severity or key-account tag change moves the ticket between
   * policies and priorities; a priority change overrides the matrix): a consumer that keeps the
   * last transition of each cycle holds the batch evaluation's state, warning and escalation of
   * every cycle, a cycle a re-target took away (its new priority has no target for the metric) last
   * reported {@code CANCELLED} and absent from the evaluation.
   */
  @Test
  void aConsumersLastTransitionPerCycleIsTheBatchEvaluationThroughReTargets() {
    SlaPolicySet set = SlaPolicyJson.read(POLICY);
    Map<String, BusinessCalendar> calendars = Map.of("team", CalendarJson.read(CALENDAR));
    List<TicketEvent> events = stream(31L, 600, true);
    Instant end = START.plus(Duration.ofDays(14));
    Map<String, Map<String, SlaTransition>> last = new HashMap<>();
    int withdrawn = 0;
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(
            SlaClockTopology.builder(set, calendars).inMemoryStores(true).build())) {
      var in = SlaClockTopologyTest.in(d);
      var out = SlaClockTopologyTest.out(d);
      for (TicketEvent e : events) {
        SlaClockTopologyTest.pipe(in, e);
      }
      SlaClockTopologyTest.pipe(
          in,
          TicketEvent.Created.byCustomer(
              "zz-clock", "zz", end, Map.of("severity", "minor", "tier", "silver"), Set.of()));
      for (SlaTransition t : out.readValuesToList()) {
        String id = t.metric() + "/" + t.cycle();
        if (t.kind() == SlaTransition.Kind.CANCELLED) {
          withdrawn++;
        }
        last.computeIfAbsent(t.ticketId(), k -> new HashMap<>()).put(id, t);
      }
    }
    assertTrue(withdrawn > 10, "withdrawn cycles: " + withdrawn);
    Map<String, List<TicketEvent>> byTicket = new HashMap<>();
    for (TicketEvent e : events) {
      byTicket.computeIfAbsent(e.ticketId(), k -> new ArrayList<>()).add(e);
    }
    for (Map.Entry<String, List<TicketEvent>> e : byTicket.entrySet()) {
      SlaEvaluation batch =
          SlaClock.evaluate(
              set, calendars, new ArrayList<>(new LinkedHashSet<>(e.getValue())), end);
      Map<String, String> expected = new HashMap<>();
      for (MetricCycle c : batch.cycles()) {
        expected.put(
            c.metric() + "/" + c.cycle(),
            c.state() + " " + c.warningPercent() + " " + c.escalation());
      }
      Map<String, String> held = new HashMap<>();
      last.getOrDefault(e.getKey(), Map.of())
          .forEach(
              (id, t) -> {
                if (t.kind() != SlaTransition.Kind.CANCELLED) {
                  held.put(
                      id,
                      t.state().orElseThrow() + " " + t.warningPercent() + " " + t.escalation());
                }
              });
      assertEquals(expected, held, e.getKey());
    }
  }

  private static Map<String, CycleState> fold(List<SlaTransition> ts) {
    Map<String, CycleState> m = new HashMap<>();
    for (SlaTransition t : ts) {
      t.state().ifPresent(s -> m.put(t.metric() + "/" + t.cycle(), s));
    }
    return m;
  }
}
