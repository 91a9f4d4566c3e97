package dev.servicekit.integrations.kafka;

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
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Corrections on the input topic ({@link EventCorrection}: {@code Retracted}, {@code Replaced}): a
 * stream of events (out of order, redelivered) with retractions and replacements interleaved, each
 * arriving after the event it corrects (the adapter applies records in arrival order), ends with
 * every ticket's stored clock equal to a fresh core clock fed only the final corrected history
 * (same events, same evaluation, same next transition, the timer index on it), with a consumer that
 * keeps the last transition per cycle holding exactly that clock's cycles (state, warning,
 * escalation; a cycle the corrections took away last reported {@code CANCELLED}), and with every
 * correction that matched nothing counted in {@code unmatched-corrections-total}. The model of the
 * final history is a map by id per ticket, fed by the clock's own rules (a reused id with other
 * content is rejected). With and without the live-clock cache. Two arrival modes: events in time
 * order (only corrections change the past) and shuffled with redeliveries (late events change it
 * too: a warning a late event lowers is restated, a cycle it takes away withdrawn, as for a
 * correction); the consumer's view is checked in full in both. Earlier builds rejected every
 * correction record as undecodable, and until the sixteenth session a late event restated nothing
 * and withdrew nothing.
 */
class SlaCorrectionsProperties {

  static final Instant END = SlaEquivalenceTest.START.plus(Duration.ofDays(6));

  /** One input record: the value and its record timestamp. */
  record In(TicketInput value, Instant timestamp) {}

  @Property(tries = 60)
  void aCorrectedStreamEndsAsFreshClocksOfTheFinalHistory(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 40) int corrections,
      @ForAll boolean liveClockCache,
      @ForAll boolean inOrder) {
    Random r = new Random(seed);
    List<TicketEvent> events = SlaEquivalenceTest.stream(r.nextLong(), 5);
    if (inOrder) { // no late event: only corrections change the past
      events = new ArrayList<>(new java.util.LinkedHashSet<>(events));
      events.sort(TicketEvent.ORDER);
    }
    List<In> inputs = inputs(r, events, corrections, !inOrder);
    Model model = new Model();
    inputs.forEach(in -> model.apply(in.value()));

    SlaPolicySet set = SlaFixtures.policySet();
    try (TopologyTestDriver d = driver(liveClockCache ? 3 : 0)) {
      TestInputTopic<String, TicketInput> topic =
          d.createInputTopic(
              "ticket-events",
              Serdes.String().serializer(),
              ServicekitSerdes.ticketInputs().serializer());
      for (In in : inputs) {
        topic.pipeInput(in.value().ticketId(), in.value(), in.timestamp());
      }
      // moves stream time to the end: every timer up to it fires
      topic.pipeInput(
          "zz", TicketEvent.Created.byCustomer("zz", "zz", END, Map.of(), Set.of()), END);
      Map<String, List<SlaTransition>> out = new TreeMap<>();
      for (SlaTransition t : SlaClockTopologyTest.out(d).readValuesToList()) {
        out.computeIfAbsent(t.ticketId(), k -> new ArrayList<>()).add(t);
      }
      KeyValueStore<String, byte[]> clocks = d.getKeyValueStore(SlaClockTopology.CLOCK_STORE);
      Set<String> timed = new TreeSet<>(SlaRetentionTopologyTest.timerTickets(d));
      for (String ticket : model.tickets.keySet()) {
        Map<String, TicketEvent> history = model.tickets.get(ticket);
        byte[] stored = clocks.get(ticket);
        if (history.isEmpty()) {
          assertNull(stored, ticket + ": every event retracted, no state left");
          assertTrue(!timed.contains(ticket), ticket);
          foldedMustAllBeWithdrawn(ticket, out.getOrDefault(ticket, List.of()));
          continue;
        }
        assertNotNull(stored, ticket);
        Stored st = Stored.of(stored);
        SlaClock kept = SlaClockSnapshot.fromBytes(set, SlaFixtures.CALENDARS, st.snapshot);
        SlaClock fresh = SlaClock.of(set, SlaFixtures.CALENDARS, ticket);
        history.values().forEach(fresh::accept);
        assertEquals(sorted(fresh.events()), sorted(kept.events()), ticket);
        assertEquals(
            history.values().stream().map(TicketEvent::at).max(Instant::compareTo).orElseThrow(),
            st.maxAt,
            ticket + ": latest event time of the final history");
        SlaEvaluation expected = evaluate(fresh, END);
        if (expected == null) { // no Created in the final history: an orphan
          assertNull(evaluate(kept, END), ticket);
          assertNull(st.due, ticket);
          foldedMustAllBeWithdrawn(ticket, out.getOrDefault(ticket, List.of()));
          continue;
        }
        assertEquals(expected, kept.evaluate(END), ticket);
        assertEquals(expected.nextTransition().orElse(null), st.due, ticket + ": timer");
        assertEquals(st.due != null, timed.contains(ticket), ticket + ": timer index");
        Map<String, List<Integer>> folded = fold(out.getOrDefault(ticket, List.of()));
        Map<String, List<Integer>> cycles = new TreeMap<>();
        for (MetricCycle c : expected.cycles()) {
          cycles.put(
              c.id(),
              List.of(
                  c.state().ordinal(), c.warningPercent(), SlaTransition.level(c.escalation())));
        }
        Map<String, List<Integer>> gone = new TreeMap<>(folded);
        gone.keySet().removeAll(cycles.keySet());
        folded.keySet().retainAll(cycles.keySet());
        assertEquals(cycles, folded, ticket + ": the consumer's last transition per cycle");
        for (Map.Entry<String, List<Integer>> g : gone.entrySet()) {
          assertEquals(
              List.of(CycleState.CANCELLED.ordinal(), 0, 0), g.getValue(), ticket + " " + g);
        }
      }
      assertEquals(
          (double) model.unmatched,
          SlaRetentionTopologyTest.metric(d, "unmatched-corrections-total"),
          "unmatched corrections");
      assertEquals(
          (double) model.rejected,
          RejectedKpiRecordsProperties.rejectedTotal(d, "sla-clocks"),
          "rejected: a redelivered original after its replacement");
    }
  }

  // ---- the stream ----

  /**
   * The events with {@code n} corrections placed after the first arrival of the event they correct
   * (or anywhere, for one that names no event), and with {@code redeliver} some originals
   * redelivered after them. A correction's record timestamp is the largest so far: it does not move
   * stream time.
   */
  static List<In> inputs(Random r, List<TicketEvent> events, int n, boolean redeliver) {
    List<TicketInput> out = new ArrayList<>(events);
    for (int k = 0; k < n; k++) {
      TicketEvent target = events.get(r.nextInt(events.size()));
      int first = out.indexOf(target);
      int at = first + 1 + r.nextInt(out.size() - first);
      int kind = r.nextInt(10);
      TicketInput c =
          switch (kind) {
            case 0, 1, 2, 3 -> EventCorrection.retract(target.ticketId(), target.id());
            case 4, 5, 6, 7 -> EventCorrection.replace(edited(target, r));
            case 8 ->
                redeliver // after its correction, if any
                    ? target
                    : EventCorrection.retract(target.ticketId(), target.id());
            default ->
                r.nextBoolean()
                    ? EventCorrection.retract(target.ticketId(), "no-such-event")
                    : EventCorrection.replace(
                        new TicketEvent.CustomerMessage("T-none", "e", target.at()));
          };
      out.add(at, c);
    }
    List<In> timed = new ArrayList<>();
    Instant streamTime = Instant.MIN;
    for (TicketInput in : out) {
      Instant ts;
      if (in instanceof TicketEvent e) {
        ts = e.at();
        streamTime = ts.isAfter(streamTime) ? ts : streamTime;
      } else {
        ts = streamTime;
        TicketEvent e = ((EventCorrection) in).replacement().orElse(null);
        if (e != null && e.at().isAfter(ts)) {
          // An edit is stamped at or before the moment it is made (the correction's record
          // timestamp). One stamped ahead of stream time is an event ahead of the task's time,
          // which timers due before it do not see (they evaluate at their own instant).
          in = EventCorrection.replace(restamped(e, ts));
        }
      }
      timed.add(new In(in, ts));
    }
    return timed;
  }

  /** {@code e}, one of {@link #edited}'s kinds, stamped at {@code at}. */
  static TicketEvent restamped(TicketEvent e, Instant at) {
    String t = e.ticketId();
    String id = e.id();
    if (e instanceof TicketEvent.Created c) {
      return c.byAgent()
          ? TicketEvent.Created.byAgent(t, id, at)
          : TicketEvent.Created.byCustomer(t, id, at, Map.of(), Set.of());
    } else if (e instanceof TicketEvent.AgentReply r) {
      return r.isPublic()
          ? TicketEvent.AgentReply.publicReply(t, id, at)
          : TicketEvent.AgentReply.internalNote(t, id, at);
    } else if (e instanceof TicketEvent.StatusChanged c) {
      return new TicketEvent.StatusChanged(t, id, at, c.status());
    }
    return new TicketEvent.CustomerMessage(t, id, at);
  }

  /** Other content under {@code e}'s ticket and id: another instant, kind or status. */
  static TicketEvent edited(TicketEvent e, Random r) {
    String t = e.ticketId();
    String id = e.id();
    Instant at = e.at().plusSeconds(60L * (r.nextInt(241) - 120));
    if (e instanceof TicketEvent.Created) {
      return r.nextBoolean()
          ? TicketEvent.Created.byCustomer(t, id, at, Map.of(), Set.of())
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

  /** The final history per ticket, by the clock's rules, and what the counters must show. */
  static final class Model {
    final Map<String, Map<String, TicketEvent>> tickets = new LinkedHashMap<>();
    long unmatched;
    long rejected;

    void apply(TicketInput in) {
      Map<String, TicketEvent> h = tickets.get(in.ticketId());
      if (in instanceof TicketEvent e) {
        h = tickets.computeIfAbsent(e.ticketId(), k -> new LinkedHashMap<>());
        TicketEvent there = h.get(e.id());
        if (there != null && !there.equals(e)) {
          rejected++; // an id reused with other content: a correction is always explicit
        } else {
          h.put(e.id(), e);
        }
        return;
      }
      EventCorrection c = (EventCorrection) in;
      if (h == null || !h.containsKey(c.eventId())) {
        unmatched++;
      } else if (c.isRetraction()) {
        h.remove(c.eventId());
      } else {
        h.put(c.eventId(), c.replacement().orElseThrow());
      }
    }
  }

  // ---- reading the results ----

  static TopologyTestDriver driver(int liveClockCache) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "sla-corrections");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return IsolatedTopologyTestDriver.open(
        SlaClockTopologyTest.topology()
            .inMemoryStores(true)
            .liveClockCache(liveClockCache)
            .build()
            .build(),
        p,
        SlaEquivalenceTest.START);
  }

  static SlaEvaluation evaluate(SlaClock clock, Instant at) {
    try {
      return clock.evaluate(at);
    } catch (IllegalStateException noCreated) {
      return null;
    }
  }

  static List<TicketEvent> sorted(List<TicketEvent> events) {
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
            case WARNING, ESCALATED, DEADLINE_CHANGED -> null; // the state stays
          };
      String id = t.metric() + "#" + t.cycle();
      List<Integer> prev = m.get(id);
      int s = state != null ? state.ordinal() : prev.get(0);
      m.put(id, List.of(s, t.warningPercent(), SlaTransition.level(t.escalation())));
    }
    return m;
  }

  private static void foldedMustAllBeWithdrawn(String ticket, List<SlaTransition> ts) {
    for (Map.Entry<String, List<Integer>> e : fold(ts).entrySet()) {
      assertEquals(List.of(CycleState.CANCELLED.ordinal(), 0, 0), e.getValue(), ticket + " " + e);
    }
  }

  /** The stored value's fields this test reads, in the layout {@code ClockState} documents. */
  record Stored(Instant maxAt, Instant due, byte[] snapshot) {
    static Stored of(byte[] b) {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
        int v = in.readUnsignedByte();
        assertTrue(v == 4 || v == 5, "version " + v);
        Instant maxAt = instant(in);
        Instant due = instant(in);
        if (v == 5) {
          instant(in); // the release deadline
        }
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
          in.readUTF();
          in.readUnsignedByte();
          in.readUnsignedShort();
          in.readInt();
          in.readNBytes(1 + 8 + 4); // the deadline reported
        }
        byte[] snapshot = in.readNBytes(in.readInt());
        assertEquals(0, in.available(), "nothing after the snapshot");
        return new Stored(maxAt, due, snapshot);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }

    private static Instant instant(DataInputStream in) throws IOException {
      return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }
  }
}
