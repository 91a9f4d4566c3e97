package dev.servicekit.integrations.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.MetricRule;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link ClockState#diff} against a plain oracle (a new map with every cycle's key built, per
 * evaluation; each cycle by {@link SlaTransition#corrected}, each reported cycle the evaluation no
 * longer has withdrawn, unless reported cancelled with nothing reached): the same transitions, in
 * the same order, and the same reported states in the same order, so the same stored bytes, after
 * every evaluation of random tickets whose priority changes drop and bring back cycles' targets;
 * and of arbitrary sequences of evaluations of several tickets into one state (cycles appearing,
 * vanishing and changing places).
 */
class ClockStateDiffProperties {

  private static final CycleState[] STATES = CycleState.values();
  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  /** "high" targets three metrics (with warnings), "low" only resolution: a change drops two. */
  private static final SlaPolicySet SET =
      SlaPolicySet.builder()
          .statuses("new", "open", "pending", "solved")
          .solvedStatuses("solved")
          .defaultPolicy(
              SlaPolicy.builder("p")
                  .matrix(PriorityMatrix.constant("high"))
                  .target("high", SlaMetric.firstResponse(), Duration.ofHours(1))
                  .target("high", SlaMetric.nextResponse(), Duration.ofMinutes(50))
                  .target("high", SlaMetric.resolution(), Duration.ofHours(8))
                  .target("low", SlaMetric.resolution(), Duration.ofHours(24))
                  .rule(MetricRule.builder(SlaMetric.firstResponse()).warnAt(50, 80).build())
                  .rule(
                      MetricRule.builder(SlaMetric.resolution())
                          .pauseOn("pending")
                          .warnAt(75)
                          .build())
                  .build())
          .build();

  /** The diff, plainly, on a map of its own. */
  private static void oracle(
      Map<String, int[]> reported, SlaEvaluation ev, List<SlaTransition> out) {
    Map<String, int[]> seen = new LinkedHashMap<>();
    for (MetricCycle c : ev.cycles()) {
      String id = c.metric() + "#" + c.cycle();
      int[] prev = reported.remove(id);
      out.addAll(
          prev == null
              ? SlaTransition.started(ev, c)
              : SlaTransition.corrected(
                  ev, c, STATES[prev[0]], prev[1], prev[2], deadlineOf(prev)));
      seen.put(id, fields(c));
    }
    for (Map.Entry<String, int[]> gone : reported.entrySet()) {
      int[] prev = gone.getValue();
      if (prev[0] != CycleState.CANCELLED.ordinal() || prev[1] != 0 || prev[2] != 0) {
        out.add(SlaTransition.withdrawn(ev.ticketId(), gone.getKey(), ev.at()));
      }
    }
    reported.clear();
    reported.putAll(seen);
  }

  /** A cycle's reported fields, plainly: state, warning, level, then its deadline or zeros. */
  static int[] fields(MetricCycle c) {
    Optional<Instant> d = c.deadline();
    long second = d.map(Instant::getEpochSecond).orElse(0L);
    return new int[] {
      c.state().ordinal(),
      c.warningPercent(),
      SlaTransition.level(c.escalation()),
      d.isPresent() ? 1 : 0,
      (int) (second >>> 32),
      (int) second,
      d.map(Instant::getNano).orElse(0)
    };
  }

  static Optional<Instant> deadlineOf(int[] f) {
    return f[3] == 0
        ? Optional.empty()
        : Optional.of(Instant.ofEpochSecond(((long) f[4] << 32) | (f[5] & 0xFFFFFFFFL), f[6]));
  }

  /** A random ticket in order: messages, replies, status and priority changes. */
  private static List<TicketEvent> ticket(Random r, String t, int n) {
    List<TicketEvent> out = new ArrayList<>();
    Instant at = T0.plusSeconds(r.nextInt(3600));
    out.add(TicketEvent.Created.byCustomer(t, t + "/0", at));
    for (int i = 1; i < n; i++) {
      at = at.plusSeconds(60L * r.nextInt(90));
      String id = t + "/" + i;
      out.add(
          switch (r.nextInt(6)) {
            case 0 -> new TicketEvent.CustomerMessage(t, id, at);
            case 1 -> TicketEvent.AgentReply.publicReply(t, id, at);
            case 2 ->
                new TicketEvent.StatusChanged(
                    t, id, at, new String[] {"open", "pending", "solved"}[r.nextInt(3)]);
            case 3 -> new TicketEvent.PriorityChanged(t, id, at, r.nextBoolean() ? "low" : "high");
            default -> new TicketEvent.CustomerMessage(t, id, at);
          });
    }
    return out;
  }

  /** Both diffs of one evaluation: the same transitions and the same state bytes. */
  private static void step(ClockState st, Map<String, int[]> expected, SlaEvaluation ev) {
    List<SlaTransition> got = new ArrayList<>();
    List<SlaTransition> want = new ArrayList<>();
    st.diff(ev, got);
    oracle(expected, ev, want);
    assertEquals(want, got);
    ClockState ref = new ClockState();
    ref.maxAt = st.maxAt;
    ref.snapshot = st.snapshot;
    ref.reported.putAll(expected);
    assertArrayEquals(ref.toBytes(), st.toBytes());
  }

  private static ClockState state() {
    ClockState st = new ClockState();
    st.maxAt = T0;
    st.snapshot = new byte[] {1, 2, 3};
    return st;
  }

  @Property(tries = 300)
  void oneTicketEventByEventAsBefore(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 120) int n) {
    Random r = new Random(seed);
    SlaClock clock = SlaClock.of(SET, Map.of(), "T");
    ClockState st = state();
    Map<String, int[]> expected = new LinkedHashMap<>();
    for (TicketEvent e : ticket(r, "T", n)) {
      clock.accept(e);
      step(st, expected, clock.evaluate(e.at().plusSeconds(r.nextInt(7200))));
    }
  }

  @Property(tries = 300)
  void anySequenceOfEvaluationsAsBefore(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int n) {
    Random r = new Random(seed);
    List<SlaEvaluation> pool = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      SlaClock clock = SlaClock.of(SET, Map.of(), "T" + k);
      for (TicketEvent e : ticket(r, "T" + k, 1 + r.nextInt(40))) {
        clock.accept(e);
        pool.add(clock.evaluate(e.at().plusSeconds(r.nextInt(20_000))));
      }
    }
    ClockState st = state();
    Map<String, int[]> expected = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      step(st, expected, pool.get(r.nextInt(pool.size())));
    }
  }

  /**
   * A priority change that takes the first reply's target away, in order: the cycle is no longer
   * reported, and the consumer's last transition for it becomes CANCELLED (before, the WARNING 50
   * it had reached stayed its last word).
   */
  @Test
  void aCycleWhoseTargetARetargetTookAwayIsWithdrawn() {
    SlaClock clock = SlaClock.of(SET, Map.of(), "T");
    clock.accept(TicketEvent.Created.byCustomer("T", "c", T0));
    ClockState st = state();
    List<SlaTransition> out = new ArrayList<>();
    st.diff(clock.evaluate(T0.plusSeconds(40 * 60)), out); // 40 of 60 min: warning 50
    assertEquals(
        List.of(SlaTransition.Kind.STARTED, SlaTransition.Kind.WARNING, SlaTransition.Kind.STARTED),
        out.stream().map(SlaTransition::kind).toList(),
        out.toString());
    out.clear();
    Instant change = T0.plusSeconds(45 * 60);
    clock.accept(new TicketEvent.PriorityChanged("T", "p", change, "low"));
    st.diff(clock.evaluate(change), out);
    assertEquals(
        List.of(
            // the resolution's target went from 8 h to 24 h: due a day after the creation
            new SlaTransition(
                "T",
                SlaMetric.resolution(),
                0,
                "",
                SlaTransition.Kind.DEADLINE_CHANGED,
                change,
                0,
                Optional.empty(),
                Optional.of(CycleState.ACTIVE),
                Optional.of(T0.plus(Duration.ofHours(24)))),
            new SlaTransition(
                "T",
                SlaMetric.firstResponse(),
                0,
                "",
                SlaTransition.Kind.CANCELLED,
                change,
                0,
                Optional.empty(),
                Optional.of(CycleState.CANCELLED))),
        out);
    assertEquals(List.of("resolution#0"), List.copyOf(st.reported.keySet()));
  }

  /**
   * A reported cycle id an earlier build stored that no metric's text form gives any more (a stage
   * name with a no-break space) is forgotten without a withdrawal, not a failure of the task.
   */
  @Test
  void anUnparsableStoredCycleIdIsForgottenWhenItsCycleIsGone() {
    SlaClock clock = SlaClock.of(SET, Map.of(), "T");
    clock.accept(TicketEvent.Created.byCustomer("T", "c", T0));
    ClockState st = state();
    st.reported.put("stage:on\u00A0hold#0", new int[] {0, 50, 0, 0, 0, 0, 0});
    List<SlaTransition> out = new ArrayList<>();
    st.diff(clock.evaluate(T0.plusSeconds(60)), out);
    assertFalse(st.reported.containsKey("stage:on\u00A0hold#0"));
    assertTrue(
        out.stream().noneMatch(t -> t.kind() == SlaTransition.Kind.CANCELLED), out.toString());
  }

  @Test
  void keysAreRecognisedWithoutBeingBuilt() {
    SlaClock clock = SlaClock.of(SET, Map.of(), "T");
    List<TicketEvent> events = ticket(new Random(3), "T", 200);
    events.forEach(clock::accept);
    for (MetricCycle c : clock.evaluate(events.get(199).at()).cycles()) {
      String key = c.metric() + "#" + c.cycle();
      assertEquals(key, ClockState.key(c));
      assertTrue(ClockState.isKeyOf(key, c));
      assertFalse(ClockState.isKeyOf(key + "0", c));
      assertFalse(ClockState.isKeyOf(c.metric() + "#0" + c.cycle(), c));
      assertFalse(ClockState.isKeyOf(c.metric() + "#" + (c.cycle() + 1), c));
      assertFalse(ClockState.isKeyOf("x" + key.substring(1), c));
      assertFalse(ClockState.isKeyOf(key.replace('#', '$'), c));
    }
  }

  /**
   * State of an earlier build reported no deadline (read as unknown): the next evaluation takes
   * each cycle's deadline without a transition (a DEADLINE_CHANGED for every cycle after an upgrade
   * would be noise), and a later move is reported.
   */
  @Test
  void aCycleReportedByAnEarlierBuildTakesItsDeadlineWithoutATransition() {
    SlaClock clock = SlaClock.of(SET, Map.of(), "T");
    clock.accept(TicketEvent.Created.byCustomer("T", "c", T0));
    ClockState st = state();
    SlaEvaluation ev = clock.evaluate(T0.plusSeconds(60));
    for (MetricCycle c : ev.cycles()) {
      st.reported.put(c.id(), new int[] {c.state().ordinal(), 0, 0, 2, 0, 0, 0});
    }
    List<SlaTransition> out = new ArrayList<>();
    st.diff(ev, out);
    assertEquals(List.of(), out);
    assertArrayEquals(fields(ev.cycles().get(0)), st.reported.get(ev.cycles().get(0).id()));
    clock.accept(new TicketEvent.PriorityChanged("T", "p", T0.plusSeconds(120), "low"));
    st.diff(clock.evaluate(T0.plusSeconds(120)), out);
    assertTrue(
        out.stream().anyMatch(t -> t.kind() == SlaTransition.Kind.DEADLINE_CHANGED), out::toString);
  }
}
