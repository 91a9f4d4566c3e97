package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.EventCorrection;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaClockSnapshot;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketInput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * Corrections on the Flink SLA clock function ({@link FlinkSlaClocks#functionWithCorrections}), on
 * the operator harness in event time: events arriving out of order (the watermark passing none
 * still to come, unless late events are drawn) with retractions and replacements interleaved, each
 * after the event it corrects (waiting for the watermark or applied already), end with every
 * ticket's clock in state equal to a fresh core clock fed only the final corrected history, no
 * event left waiting, a consumer keeping the last transition per cycle holding exactly that clock's
 * cycles (state, warning, escalation; a cycle taken away last reported {@code CANCELLED}), and
 * every correction that matched nothing counted in {@code servicekitUnmatchedCorrections}. With and
 * without the live clock cache, and with a watermark that runs ahead so that events arrive late (a
 * warning a late event lowers is restated, a cycle it takes away withdrawn, as for a correction).
 * Before, the function took no corrections at all, and until the sixteenth session a late event
 * restated and withdrew nothing.
 */
class SlaCorrectionsHarnessProperties {

  static final Instant END = Streams.BASE.plus(Duration.ofDays(30));

  @Property(tries = 100)
  void aCorrectedStreamEndsAsFreshClocksOfTheFinalHistory(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 40) int corrections,
      @ForAll @IntRange(min = 1, max = 4) int watermarkEvery,
      @ForAll boolean liveClockCache,
      @ForAll boolean lateEvents)
      throws Exception {
    Random r = new Random(seed);
    // With redeliveries, originals redelivered after their corrections among them: the first
    // content of an id to arrive is the ticket's, in the waiting events too.
    List<TicketEvent> events = Streams.ticketEvents(r.nextLong(), 6);
    // With late events the watermark follows the latest event seen, so every event stamped
    // before it arrives late and is applied at once, re-deriving the clock.
    long disorder =
        lateEvents
            ? 0
            : Streams.maxDisorderMillis(
                events.stream().map(TicketEvent::at).collect(Collectors.toList()));
    List<TicketInput> inputs = inputs(r, events, corrections);
    Map<String, Map<String, TicketEvent>> model = new LinkedHashMap<>();
    long unmatched = 0;
    long refused = 0;
    for (TicketInput in : inputs) {
      switch (apply(model, in)) {
        case UNMATCHED -> unmatched++;
        case REFUSED -> refused++;
        default -> {}
      }
    }
    SlaPolicySet set = Fixtures.policySet();
    FlinkSlaClocks.Options options =
        liveClockCache
            ? FlinkSlaClocks.Options.defaults().liveClockCache(2)
            : FlinkSlaClocks.Options.defaults();
    Map<String, List<SlaTransition>> out = new TreeMap<>();
    try (Metered h =
        new Metered(
            FlinkSlaClocks.functionWithCorrections(
                set, Fixtures.CALENDARS, TimeMode.EVENT_TIME, options))) {
      h.harness.open();
      long maxSeen = Long.MIN_VALUE;
      long watermark = Long.MIN_VALUE;
      int i = 0;
      for (TicketInput in : inputs) {
        if (in instanceof TicketEvent e) {
          h.harness.processElement(e, e.at().toEpochMilli());
          maxSeen = Math.max(maxSeen, e.at().toEpochMilli());
        } else {
          h.harness.processElement(in, Math.max(maxSeen, 0)); // stamped "now": moves nothing
        }
        if (++i % watermarkEvery == 0 && maxSeen - disorder - 1 > watermark) {
          watermark = maxSeen - disorder - 1;
          h.harness.processWatermark(watermark);
        }
      }
      h.harness.processWatermark(Long.MAX_VALUE);
      for (SlaTransition t : h.harness.extractOutputValues()) {
        out.computeIfAbsent(t.ticketId(), k -> new ArrayList<>()).add(t);
      }
      assertEquals(unmatched, h.count("servicekitUnmatchedCorrections"), "unmatched corrections");
      // A refused content is counted when judged: at its arrival if late, when the watermark
      // reaches it, or when a correction of its id takes it while it waits.
      assertEquals(refused, h.count("servicekitRejectedEvents"), "an id reused, other content");
      // Each rejected event has its reason, in the same order, naming it.
      List<TicketEvent> rejectedEvents = sideOutput(h, FlinkSlaClocks.REJECTED);
      List<String> reasons = sideOutput(h, FlinkSlaClocks.REJECTION_REASONS);
      assertEquals(refused, rejectedEvents.size());
      assertEquals(rejectedEvents.size(), reasons.size());
      for (int k = 0; k < reasons.size(); k++) {
        TicketEvent e = rejectedEvents.get(k);
        com.fasterxml.jackson.databind.JsonNode n =
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(reasons.get(k));
        assertEquals(e.ticketId(), n.get("ticketId").asText());
        assertEquals(e.id(), n.get("eventId").asText());
        assertEquals(e.at().toString(), n.get("at").asText());
        assertTrue(n.get("error").asText().contains(e.id()), reasons.get(k));
      }
      for (Map.Entry<String, Map<String, TicketEvent>> t : model.entrySet()) {
        String ticket = t.getKey();
        Map<String, TicketEvent> history = t.getValue();
        byte[] stored = StateDump.clock(h.harness, ticket);
        List<SlaTransition> ts = out.getOrDefault(ticket, List.of());
        if (history.isEmpty()) {
          assertNull(stored, ticket + ": every event retracted, no state left");
          assertNull(StateDump.reported(h.harness, ticket), ticket);
          allWithdrawn(ticket, fold(ts));
          continue;
        }
        assertNotNull(stored, ticket);
        SlaClock kept = SlaClockSnapshot.fromBytes(set, Fixtures.CALENDARS, stored);
        SlaClock fresh = SlaClock.of(set, Fixtures.CALENDARS, ticket);
        history.values().forEach(fresh::accept);
        assertEquals(sorted(fresh.events()), sorted(kept.events()), ticket);
        SlaEvaluation expected = evaluate(fresh, END);
        if (expected == null) {
          assertNull(evaluate(kept, END), ticket);
          allWithdrawn(ticket, fold(ts));
          continue;
        }
        assertEquals(expected, kept.evaluate(END), ticket);
        Map<String, List<Integer>> cycles = new TreeMap<>();
        for (MetricCycle c : expected.cycles()) {
          cycles.put(
              c.id(),
              List.of(
                  c.state().ordinal(), c.warningPercent(), SlaTransition.level(c.escalation())));
        }
        Map<String, List<Integer>> folded = fold(ts);
        Map<String, List<Integer>> gone = new TreeMap<>(folded);
        gone.keySet().removeAll(cycles.keySet());
        folded.keySet().retainAll(cycles.keySet());
        assertEquals(cycles, folded, ticket + ": the consumer's last transition per cycle");
        allWithdrawn(ticket, gone);
      }
      assertEquals(Map.of(), pending(h), "no event left waiting");
    }
  }

  /**
   * A drawn stream (found by the property) in which an original waits for the watermark, a
   * replacement of it arrives, then the original is redelivered twice: both redeliveries are
   * refused and counted. Before, the waiting copies of one refused content were counted once.
   */
  @Example
  void eachCopyOfARefusedWaitingContentIsCounted() throws Exception {
    aCorrectedStreamEndsAsFreshClocksOfTheFinalHistory(-250, 29, 1, true, false);
  }

  /** The values of a side output, empty if nothing was sent to it (the harness gives null). */
  private static <T> List<T> sideOutput(Metered h, org.apache.flink.util.OutputTag<T> tag) {
    var q = h.harness.getSideOutput(tag);
    return q == null ? List.of() : q.stream().map(x -> x.getValue()).toList();
  }

  /**
   * The events with {@code n} corrections, each after the first arrival of the event it corrects
   * (or anywhere, for one that names no event).
   */
  static List<TicketInput> inputs(Random r, List<TicketEvent> events, int n) {
    List<TicketInput> out = new ArrayList<>(events);
    for (int k = 0; k < n; k++) {
      TicketEvent target = events.get(r.nextInt(events.size()));
      int first = out.indexOf(target);
      int at = first + 1 + r.nextInt(out.size() - first);
      int kind = r.nextInt(10);
      TicketInput c =
          switch (kind) {
            case 0, 1, 2, 3, 4 -> EventCorrection.retract(target.ticketId(), target.id());
            case 5, 6, 7 -> EventCorrection.replace(edited(target, r));
            case 8 -> target; // redelivered after its correction, if any
            default ->
                r.nextBoolean()
                    ? EventCorrection.retract(target.ticketId(), "no-such-event")
                    : EventCorrection.replace(
                        new TicketEvent.CustomerMessage("T-none", "e", target.at()));
          };
      out.add(at, c);
    }
    return out;
  }

  /** Other content under {@code e}'s ticket and id: another instant, kind or status. */
  static TicketEvent edited(TicketEvent e, Random r) {
    String t = e.ticketId();
    String id = e.id();
    Instant at = e.at().plusSeconds(60L * (r.nextInt(241) - 120));
    if (e instanceof TicketEvent.Created) {
      return r.nextBoolean()
          ? TicketEvent.Created.byCustomer(t, id, at, Map.of(), java.util.Set.of())
          : TicketEvent.Created.byAgent(t, id, at);
    }
    return switch (r.nextInt(5)) {
      case 0 -> new TicketEvent.CustomerMessage(t, id, at);
      case 1 -> TicketEvent.AgentReply.publicReply(t, id, at);
      case 2 -> TicketEvent.AgentReply.internalNote(t, id, at);
      case 3 -> new TicketEvent.StatusChanged(t, id, at, r.nextBoolean() ? "pending" : "solved");
      default -> new TicketEvent.StatusChanged(t, id, e.at(), "open");
    };
  }

  /** What an input did to the model. */
  enum Outcome {
    APPLIED,
    UNMATCHED,
    REFUSED
  }

  /**
   * Applies one input to the model of the final history, in arrival order by the clock's rules: an
   * event whose id holds other content is refused, a correction that names no event unmatched.
   */
  static Outcome apply(Map<String, Map<String, TicketEvent>> model, TicketInput in) {
    if (in instanceof TicketEvent e) {
      TicketEvent there =
          model.computeIfAbsent(e.ticketId(), k -> new LinkedHashMap<>()).putIfAbsent(e.id(), e);
      return there == null || there.equals(e) ? Outcome.APPLIED : Outcome.REFUSED;
    }
    EventCorrection c = (EventCorrection) in;
    Map<String, TicketEvent> h = model.get(c.ticketId());
    if (h == null || !h.containsKey(c.eventId())) {
      return Outcome.UNMATCHED;
    }
    if (c.isRetraction()) {
      h.remove(c.eventId());
    } else {
      h.put(c.eventId(), c.replacement().orElseThrow());
    }
    return Outcome.APPLIED;
  }

  private static SlaEvaluation evaluate(SlaClock clock, Instant at) {
    try {
      return clock.evaluate(at);
    } catch (IllegalStateException noCreated) {
      return null;
    }
  }

  private static List<TicketEvent> sorted(List<TicketEvent> events) {
    List<TicketEvent> s = new ArrayList<>(events);
    s.sort(TicketEvent.ORDER);
    return s;
  }

  /** Per cycle id, the state, warning and escalation level of its last transition. */
  static Map<String, List<Integer>> fold(List<SlaTransition> ts) {
    Map<String, List<Integer>> m = new HashMap<>();
    for (SlaTransition t : ts) {
      CycleState state =
          switch (t.kind()) {
            case STARTED, RESUMED -> CycleState.ACTIVE;
            case PAUSED -> CycleState.PAUSED;
            case BREACHED -> CycleState.BREACHED;
            case ACHIEVED -> CycleState.ACHIEVED;
            case CANCELLED -> CycleState.CANCELLED;
            case WARNING, ESCALATED, DEADLINE_CHANGED -> null;
          };
      String id = t.metric() + "#" + t.cycle();
      int s = state != null ? state.ordinal() : m.get(id).get(0);
      m.put(id, List.of(s, t.warningPercent(), SlaTransition.level(t.escalation())));
    }
    return m;
  }

  private static void allWithdrawn(String ticket, Map<String, List<Integer>> folded) {
    for (Map.Entry<String, List<Integer>> e : folded.entrySet()) {
      assertEquals(List.of(CycleState.CANCELLED.ordinal(), 0, 0), e.getValue(), ticket + " " + e);
    }
  }

  private static Map<String, String> pending(Metered h) throws Exception {
    Map<String, String> all = StateDump.of(h.harness, false);
    all.keySet().removeIf(k -> !k.startsWith("sla-pending "));
    return all;
  }

  /** {@link MeteredHarness} for a function of {@link TicketInput}s. */
  static final class Metered implements AutoCloseable {
    final KeyedOneInputStreamOperatorTestHarness<String, TicketInput, SlaTransition> harness;
    private final InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
    private final MockEnvironment env;

    Metered(
        org.apache.flink.streaming.api.functions.KeyedProcessFunction<
                String, TicketInput, SlaTransition>
            f)
        throws Exception {
      InterceptingOperatorMetricGroup operatorGroup = metrics;
      env =
          new MockEnvironmentBuilder()
              .setTaskName("MockTask")
              .setManagedMemorySize(3 * 1024 * 1024)
              .setMaxParallelism(1)
              .setParallelism(1)
              .setSubtaskIndex(0)
              .setMetricGroup(
                  new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(
                        OperatorID id, String name, Map<String, String> variables) {
                      return operatorGroup;
                    }
                  })
              .build();
      harness =
          new KeyedOneInputStreamOperatorTestHarness<>(
              new KeyedProcessOperator<>(f), TicketInput::ticketId, Types.STRING, env);
    }

    long count(String name) {
      Metric m = metrics.get(name);
      if (!(m instanceof Counter c)) {
        throw new AssertionError("no counter " + name + " registered, found " + m);
      }
      return c.getCount();
    }

    @Override
    public void close() throws Exception {
      try {
        harness.close();
      } finally {
        env.close();
      }
    }
  }
}
