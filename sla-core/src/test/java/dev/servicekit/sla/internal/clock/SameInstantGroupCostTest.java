package dev.servicekit.sla.internal.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.MetricDefinition;
import dev.servicekit.sla.MetricTrigger;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a same-instant group of events costs the custom metrics, counted in steps ({@link
 * ClockEngine#stepsTaken()}), not timed. The groups here arrive against the order their steps are
 * taken in: agent replies by id alternate an internal note (a start) and a public reply (a stop,
 * which goes first), and calls are offered with call ids descending while their event ids ascend.
 * Each such event used to undo and retake every step of its group so far, about k^2/2 steps for k
 * events (12.5 million for 5,000); now a group read once costs each event's own steps plus one
 * re-take of the group when it ends or is read, and gives the same cycles as reading after every
 * event (which re-takes the group at each read, as before).
 */
class SameInstantGroupCostTest {

  private static final Instant CREATED = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant AT = CREATED.plus(Duration.ofHours(1));
  private static final SlaMetric TOUCH = SlaMetric.custom("touch");
  private static final SlaMetric NOTE_WAIT = SlaMetric.custom("note_wait");
  private static final SlaMetric ANSWER = SlaMetric.custom("answer");

  static SlaPolicySet set() {
    SlaPolicy.Builder p = SlaPolicy.builder("p").matrix(PriorityMatrix.constant("normal"));
    for (SlaMetric m : List.of(TOUCH, NOTE_WAIT, ANSWER)) {
      p.target("normal", m, Duration.ofMinutes(30));
    }
    return SlaPolicySet.builder()
        .statuses("open", "solved")
        .solvedStatuses("solved")
        // every agent touch starts a cycle, a public reply also stops the running one
        .metric(
            MetricDefinition.builder("touch")
                .startOn(MetricTrigger.internalNote(), MetricTrigger.publicReply())
                .stopOn(MetricTrigger.publicReply())
                .build())
        .metric(
            MetricDefinition.builder("note_wait")
                .startOn(MetricTrigger.internalNote())
                .stopOn(MetricTrigger.publicReply())
                .build())
        .metric(MetricDefinition.answerTime("answer"))
        .defaultPolicy(p.build())
        .build();
  }

  /** The creation, then k agent replies at one instant: even ids notes, odd ids public. */
  static List<TicketEvent> replies(int k) {
    List<TicketEvent> out = new ArrayList<>();
    out.add(TicketEvent.Created.byCustomer("T", "c", CREATED, Map.of(), Set.of()));
    for (int i = 0; i < k; i++) {
      String id = String.format(Locale.ROOT, "r%05d", i);
      out.add(
          i % 2 == 0
              ? TicketEvent.AgentReply.internalNote("T", id, AT)
              : TicketEvent.AgentReply.publicReply("T", id, AT));
    }
    return out;
  }

  /** The creation, then k calls offered at one instant, call ids descending as event ids ascend. */
  static List<TicketEvent> calls(int k) {
    List<TicketEvent> out = new ArrayList<>();
    out.add(TicketEvent.Created.byCustomer("T", "c", CREATED, Map.of(), Set.of()));
    for (int i = 0; i < k; i++) {
      out.add(
          new TicketEvent.CallOffered(
              "T",
              String.format(Locale.ROOT, "o%05d", i),
              AT,
              String.format(Locale.ROOT, "call-%05d", k - 1 - i)));
    }
    return out;
  }

  private static ClockEngine fed(List<TicketEvent> events, boolean readEach) {
    ClockEngine engine = new ClockEngine(ClockPlan.of(set(), Map.of()), "T");
    for (TicketEvent e : events) {
      engine.apply(e);
      if (readEach) {
        engine.capture(e.at());
      }
    }
    return engine;
  }

  private static List<MetricCycle> cycles(ClockEngine engine, Instant now) {
    return engine.capture(now).derive().cycles();
  }

  private static List<MetricCycle> of(List<MetricCycle> all, SlaMetric m) {
    return all.stream().filter(c -> c.metric().equals(m)).toList();
  }

  @Test
  void aGroupOfRepliesAgainstTheirStepOrderCostsLinearStepsWhenReadOnce() {
    int k = 5_000;
    ClockEngine engine = fed(replies(k), false);
    List<MetricCycle> all = cycles(engine, AT.plusSeconds(60));
    // each reply fires touch and note_wait: 2k steps, each taken once, when the group is re-taken
    // at the read (the first reply's two were taken, then undone, before the second arrived out of
    // order), plus the creation's three: 2k + 5, where each out-of-order reply used to re-take the
    // group so far (25,005,003 steps for k = 5,000)
    long steps = engine.stepsTaken();
    assertEquals(2L * k + 5, steps);
    // the public replies go first: each stops the touch cycle the one before started
    List<MetricCycle> touch = of(all, TOUCH);
    assertEquals(k / 2, touch.size());
    for (int i = 0; i < k / 2 - 1; i++) {
      assertEquals(CycleState.ACHIEVED, touch.get(i).state(), touch.get(i).toString());
      assertEquals(Duration.ZERO, touch.get(i).elapsed());
    }
    assertEquals(CycleState.ACTIVE, touch.get(k / 2 - 1).state());
    // nothing ran for the stops; then the first note starts note_wait, the others find it running
    List<MetricCycle> wait = of(all, NOTE_WAIT);
    assertEquals(1, wait.size());
    assertEquals(CycleState.ACTIVE, wait.get(0).state());
  }

  @Test
  void aGroupOfCallsAgainstCallIdOrderCostsLinearStepsWhenReadOnce() {
    int k = 5_000;
    ClockEngine engine = fed(calls(k), false);
    List<MetricCycle> answer = of(cycles(engine, AT.plusSeconds(10)), ANSWER);
    // one step per call, in the re-take at the read, plus the creation's three (was 12,502,503)
    long steps = engine.stepsTaken();
    assertEquals(k + 3L + 1, steps, "steps"); // the first offer's step, taken before the second
    assertEquals(k, answer.size());
    for (int i = 0; i < k; i++) {
      assertEquals(i, answer.get(i).cycle());
      assertEquals(
          String.format(Locale.ROOT, "call-%05d", i),
          answer.get(i).key()); // numbered in call-id order
    }
  }

  @Test
  void readOnceGivesWhatReadingAfterEveryEventGivesWhichRetakesTheGroupAtEachRead() {
    int k = 400;
    for (List<TicketEvent> events : List.of(replies(k), calls(k))) {
      ClockEngine once = fed(events, false);
      ClockEngine each = fed(events, true);
      Instant now = AT.plusSeconds(90);
      assertEquals(cycles(each, now), cycles(once, now));
      assertTrue(each.stepsTaken() > 20L * once.stepsTaken(), each.stepsTaken() + " steps");
    }
  }

  @Test
  void theAuditTrailOfAGroupTakenAtTheReadEqualsTheTrailReadAfterEveryEvent() {
    List<TicketEvent> events = new ArrayList<>(replies(40));
    events.addAll(calls(40).subList(1, 41));
    Instant now = AT.plusSeconds(60);
    ClockEngine once = ClockEngine.recording(ClockPlan.of(set(), Map.of()), "T");
    ClockEngine each = ClockEngine.recording(ClockPlan.of(set(), Map.of()), "T");
    for (TicketEvent e : events) {
      once.apply(e);
      each.apply(e);
      each.capture(e.at()); // re-takes the group at each read, as every event used to
    }
    int checked = 0;
    for (SlaMetric m : List.of(TOUCH, NOTE_WAIT, ANSWER)) {
      for (MetricCycle c : of(cycles(each, now), m)) {
        assertEquals(each.auditTrail(m, c.cycle(), now), once.auditTrail(m, c.cycle(), now));
        checked++;
      }
    }
    assertEquals(20 + 1 + 40, checked);
  }

  @Test
  void aFiveThousandEventGroupInAnyArrivalOrderEvaluatesLikeTheSortedFeed() {
    List<TicketEvent> events = new ArrayList<>(replies(4_000));
    events.addAll(calls(1_000).subList(1, 1_001));
    Instant now = AT.plusSeconds(120);
    List<TicketEvent> sorted = new ArrayList<>(events);
    sorted.sort(TicketEvent.ORDER);
    List<MetricCycle> expected = cycles(fed(sorted, false), now);
    Collections.shuffle(events, new Random(7));
    SlaClock clock = SlaClock.of(set(), Map.of(), "T");
    events.forEach(clock::accept);
    SlaEvaluation evaluation = clock.evaluate(now);
    List<MetricCycle> got = new ArrayList<>();
    for (SlaMetric m : List.of(TOUCH, NOTE_WAIT, ANSWER)) {
      got.addAll(evaluation.cycles(m));
    }
    List<MetricCycle> want = new ArrayList<>();
    for (SlaMetric m : List.of(TOUCH, NOTE_WAIT, ANSWER)) {
      want.addAll(of(expected, m));
    }
    assertEquals(want, got);
    assertEquals(2_000 + 1 + 1_000, got.size());
  }
}
