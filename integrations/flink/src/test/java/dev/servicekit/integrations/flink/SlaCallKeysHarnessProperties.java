package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.EventCorrection;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketInput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Calls arriving out of order on the Flink SLA clock function, in event time (the watermark follows
 * the latest event seen, so every older event arrives late) and in processing time (events applied
 * as they arrive): a late call offered before others renumbers the calls' answer-time cycles, and
 * the reported state holds no call ids. After every input, the consumer's last transition for each
 * answer-time cycle of a fresh clock fed the history so far names that cycle's call; and every
 * transition the function emits changes the consumer's view of its cycle (state, warning,
 * escalation or call): a call's cycle is restated only when its number names another call (the
 * function restated every call's cycle after every late event in event time, and none in processing
 * time). With retractions of calls, and with and without the live clock cache.
 */
class SlaCallKeysHarnessProperties {

  static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

  @Property(tries = 80)
  void theConsumersLastTransitionPerCycleNamesTheRightCall(
      @ForAll long seed, @ForAll boolean eventTime, @ForAll boolean liveClockCache)
      throws Exception {
    Random r = new Random(seed);
    List<TicketInput> inputs = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      inputs.addAll(ticket("T-" + t, r));
    }
    Collections.shuffle(inputs, r);
    for (int k = r.nextInt(3); k > 0; k--) { // redeliveries
      inputs.add(r.nextInt(inputs.size()), inputs.get(r.nextInt(inputs.size())));
    }
    for (int k = r.nextInt(3); k > 0; k--) { // retractions, each after its event's arrival
      int i = r.nextInt(inputs.size());
      if (!(inputs.get(i) instanceof TicketEvent e)) {
        continue;
      }
      inputs.add(
          i + 1 + r.nextInt(inputs.size() - i), EventCorrection.retract(e.ticketId(), e.id()));
    }
    SlaPolicySet set = callPolicySet();
    FlinkSlaClocks.Options options =
        liveClockCache
            ? FlinkSlaClocks.Options.defaults().liveClockCache(2)
            : FlinkSlaClocks.Options.defaults();
    Map<String, Map<String, TicketEvent>> model = new LinkedHashMap<>();
    Map<String, Map<String, List<Object>>> view = new TreeMap<>();
    try (var m =
        new SlaCorrectionsHarnessProperties.Metered(
            FlinkSlaClocks.functionWithCorrections(
                set,
                Map.of(),
                eventTime ? TimeMode.EVENT_TIME : TimeMode.PROCESSING_TIME,
                options))) {
      var h = m.harness;
      h.open();
      long watermark = Long.MIN_VALUE;
      for (TicketInput in : inputs) {
        Map<String, TicketEvent> history =
            model.computeIfAbsent(in.ticketId(), k -> new LinkedHashMap<>());
        if (in instanceof TicketEvent e) {
          history.putIfAbsent(e.id(), e);
          h.processElement(in, e.at().toEpochMilli());
          watermark = Math.max(watermark, e.at().toEpochMilli());
        } else {
          history.remove(((EventCorrection) in).eventId());
          h.processElement(in, watermark);
        }
        if (eventTime) {
          h.processWatermark(watermark); // the event just seen is applied, older ones were late
        }
        for (SlaTransition t : h.extractOutputValues()) {
          applyAndCheckNews(view, t);
        }
        h.getOutput().clear();
        checkKeys(set, model, view, in);
      }
    }
  }

  /**
   * Every answer-time cycle of each ticket's fresh clock (fed the history so far) names the call of
   * the consumer's last transition for its id.
   */
  private static void checkKeys(
      SlaPolicySet set,
      Map<String, Map<String, TicketEvent>> model,
      Map<String, Map<String, List<Object>>> view,
      TicketInput in) {
    for (Map.Entry<String, Map<String, TicketEvent>> e : model.entrySet()) {
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
      Map<String, List<Object>> held = view.getOrDefault(e.getKey(), Map.of());
      for (MetricCycle c : ev.cycles()) {
        if (c.metric().equals(SlaMetric.answerTime())) {
          List<Object> last = held.get(c.id());
          assertEquals(
              c.key(),
              last == null ? null : last.get(3),
              e.getKey() + " " + c.id() + " after " + in);
        }
      }
    }
  }

  /**
   * Applies {@code t} to the consumer's view of its cycle (state, warning, escalation level, key)
   * and asserts that it changed it: the function emits no transition that tells nothing.
   */
  private static void applyAndCheckNews(
      Map<String, Map<String, List<Object>>> view, SlaTransition t) {
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

  /**
   * A ticket: created at the start, one to five calls offered within three hours (answered,
   * abandoned or left ringing; the target is 5 min, so some breach; now and then two at one
   * instant, numbered in call-id order), a customer message, and sometimes a solve that cuts
   * ringing calls off.
   */
  private static List<TicketInput> ticket(String t, Random r) {
    List<TicketInput> h = new ArrayList<>();
    h.add(TicketEvent.Created.byCustomer(t, t + "-c", START, Map.of(), Set.of()));
    Instant last = START;
    for (int k = 0, calls = 1 + r.nextInt(5); k < calls; k++) {
      String call = t + "-call-" + k;
      Instant offered =
          k > 0 && r.nextInt(5) == 0 ? last : START.plusSeconds(60L * (1 + r.nextInt(180)));
      last = offered;
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

  private static SlaPolicySet callPolicySet() {
    return SlaPolicySet.builder()
        .statuses("new", "open", "pending", "solved")
        .solvedStatuses("solved")
        .defaultPolicy(
            SlaPolicy.builder("p")
                .matrix(PriorityMatrix.constant("normal"))
                .target("normal", SlaMetric.answerTime(), Duration.ofMinutes(5))
                .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
                .build())
        .build();
  }
}
