package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.servicekit.integrations.kafka.SlaCorrectionsProperties.In;
import dev.servicekit.integrations.kafka.SlaCorrectionsProperties.Model;
import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketInput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Calls arriving out of order: a late call offered before others renumbers the calls' answer-time
 * cycles ({@code answer_time#0} names another call), and the reported states hold no call ids. A
 * consumer keeping the last transition per cycle must still hold, for every cycle of a fresh clock
 * fed the final history, its state and its call ({@link SlaTransition#key()}), and for every cycle
 * taken away {@code CANCELLED}, after every record; and every transition the adapter emits changes
 * the consumer's view of its cycle (state, warning, escalation or call): a call's cycle is restated
 * only when its number names another call (the adapter used to restate every call's cycle after
 * every late event). Shuffled arrivals with redeliveries and corrections; with and without the
 * live-clock cache.
 */
class SlaCallKeysProperties {

  static final Instant START = SlaEquivalenceTest.START;
  static final Instant END = START.plus(Duration.ofDays(2));

  @Property(tries = 80)
  void theConsumersLastTransitionPerCycleNamesTheRightCall(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 6) int corrections,
      @ForAll boolean liveClockCache) {
    Random r = new Random(seed);
    List<TicketEvent> events = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      events.addAll(ticket("T-" + t, r));
    }
    Collections.shuffle(events, r);
    for (int k = r.nextInt(3); k > 0; k--) { // redeliveries
      events.add(r.nextInt(events.size()), events.get(r.nextInt(events.size())));
    }
    List<In> inputs = SlaCorrectionsProperties.inputs(r, events, corrections, true);
    Model model = new Model();
    SlaPolicySet set = SlaClockTopologyTest.callPolicySet();
    try (TopologyTestDriver d = driver(set, liveClockCache ? 2 : 0)) {
      TestInputTopic<String, TicketInput> topic =
          d.createInputTopic(
              "ticket-events",
              Serdes.String().serializer(),
              ServicekitSerdes.ticketInputs().serializer());
      var out = SlaClockTopologyTest.out(d);
      Map<String, Map<String, String>> consumerKeys = new TreeMap<>();
      Map<String, Map<String, List<Object>>> view = new TreeMap<>();
      for (In in : inputs) {
        model.apply(in.value());
        topic.pipeInput(in.value().ticketId(), in.value(), in.timestamp());
        for (SlaTransition t : out.readValuesToList()) {
          applyAndCheckNews(view, t);
          if (t.metric().equals(SlaMetric.answerTime())) {
            consumerKeys
                .computeIfAbsent(t.ticketId(), k -> new TreeMap<>())
                .put(t.metric() + "#" + t.cycle(), t.key());
          }
        }
        // after every record: each answer-time cycle the consumer holds names the clock's call
        checkKeys(set, model, consumerKeys, in);
      }
      topic.pipeInput(
          "zz", TicketEvent.Created.byCustomer("zz", "zz", END, Map.of(), Set.of()), END);
      List<SlaTransition> rest = out.readValuesToList();
      Map<String, List<SlaTransition>> all = new TreeMap<>();
      for (SlaTransition t : rest) {
        applyAndCheckNews(view, t);
        all.computeIfAbsent(t.ticketId(), k -> new ArrayList<>()).add(t);
      }
      for (String ticket : model.tickets.keySet()) {
        // the timers only change states: each call's key stays as checked above
        for (SlaTransition t : all.getOrDefault(ticket, List.of())) {
          if (t.metric().equals(SlaMetric.answerTime())) {
            assertEquals(
                consumerKeys.get(ticket).get(t.metric() + "#" + t.cycle()), t.key(), t.toString());
          }
        }
      }
    }
  }

  /**
   * Every answer-time cycle of each ticket's fresh clock (fed the model's final history up to now)
   * names the call the consumer last got for its id; a cycle it no longer has was last withdrawn
   * (checked by the corrections properties) and is skipped.
   */
  private static void checkKeys(
      SlaPolicySet set, Model model, Map<String, Map<String, String>> consumerKeys, In in) {
    for (Map.Entry<String, Map<String, TicketEvent>> e : model.tickets.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      SlaClock fresh = SlaClock.of(set, Map.of(), e.getKey());
      e.getValue().values().forEach(fresh::accept);
      Instant latest =
          e.getValue().values().stream().map(TicketEvent::at).max(Instant::compareTo).orElseThrow();
      SlaEvaluation ev;
      try {
        ev = fresh.evaluate(latest);
      } catch (IllegalStateException noCreated) {
        continue;
      }
      Map<String, String> held = consumerKeys.getOrDefault(e.getKey(), Map.of());
      for (MetricCycle c : ev.cycles()) {
        if (c.metric().equals(SlaMetric.answerTime())) {
          assertEquals(c.key(), held.get(c.id()), e.getKey() + " " + c.id() + " after " + in);
        }
      }
    }
  }

  /**
   * A ticket: created at the start, one to five calls offered within three hours (answered,
   * abandoned or left ringing; the target is 5 min, so some breach), a customer message, and
   * sometimes a solve that cuts ringing calls off.
   */
  static List<TicketEvent> ticket(String t, Random r) {
    List<TicketEvent> h = new ArrayList<>();
    h.add(TicketEvent.Created.byCustomer(t, t + "-c", START, Map.of(), Set.of()));
    int calls = 1 + r.nextInt(5);
    for (int k = 0; k < calls; k++) {
      String call = t + "-call-" + k;
      Instant offered = START.plusSeconds(60L * (1 + r.nextInt(180)));
      // two calls at one instant now and then: numbered in call-id order
      if (k > 0 && r.nextInt(5) == 0) {
        offered = h.get(h.size() - 1).at();
      }
      h.add(new TicketEvent.CallOffered(t, t + "-o" + k, offered, call));
      Instant end = offered.plusSeconds(60L * r.nextInt(12));
      switch (r.nextInt(3)) {
        case 0 -> h.add(new TicketEvent.CallAnswered(t, t + "-a" + k, end, call));
        case 1 -> h.add(new TicketEvent.CallAbandoned(t, t + "-x" + k, end, call));
        default -> {} // left ringing
      }
    }
    h.add(new TicketEvent.CustomerMessage(t, t + "-m", START.plusSeconds(60L * r.nextInt(200))));
    if (r.nextInt(3) == 0) {
      h.add(
          new TicketEvent.StatusChanged(
              t, t + "-s", START.plusSeconds(60L * (100 + r.nextInt(120))), "solved"));
    }
    return h;
  }

  static TopologyTestDriver driver(SlaPolicySet set, int liveClockCache) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "sla-call-keys");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return IsolatedTopologyTestDriver.open(
        SlaClockTopology.builder(set, Map.of())
            .inMemoryStores(true)
            .liveClockCache(liveClockCache)
            .build()
            .build(),
        p,
        START);
  }

  /**
   * Applies {@code t} to the consumer's view of its cycle (state, warning, escalation level, key)
   * and asserts that it changed it: the adapter emits no transition that tells nothing.
   */
  static void applyAndCheckNews(Map<String, Map<String, List<Object>>> view, SlaTransition t) {
    Map<String, List<Object>> cycles = view.computeIfAbsent(t.ticketId(), k -> new TreeMap<>());
    String id = t.metric() + "#" + t.cycle();
    List<Object> prev = cycles.get(id);
    CycleState state =
        switch (t.kind()) {
          case STARTED, RESUMED -> CycleState.ACTIVE;
          case PAUSED -> CycleState.PAUSED;
          case BREACHED -> CycleState.BREACHED;
          case ACHIEVED -> CycleState.ACHIEVED;
          case CANCELLED -> CycleState.CANCELLED;
          case WARNING, ESCALATED, DEADLINE_CHANGED -> (CycleState) prev.get(0); // the state stays
        };
    List<Object> now =
        List.of(
            state, t.warningPercent(), SlaTransition.level(t.escalation()), t.key(), t.deadline());
    assertNotEquals(prev, now, "a transition that changes nothing: " + t);
    cycles.put(id, now);
  }
}
