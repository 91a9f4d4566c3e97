package dev.servicekit.integrations.flink.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.integrations.flink.internal.HostileSerializers.ReportedCycle;
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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
 * {@link Reported#diff} and {@link Reported#toBytes} against a plain per-evaluation path as the
 * oracle: decode the state's bytes, a new map with every cycle's key built (each cycle by {@link
 * SlaTransition#corrected}, each reported cycle the evaluation no longer has withdrawn unless
 * reported cancelled with nothing reached), every cycle encoded again. After every evaluation both
 * give the same transitions, in the same order, and the same state bytes, whether the state was
 * kept live between evaluations (the live clock cache) or read again from its bytes, a copy of
 * them, or their version 1 or 2 form (a restore of an older savepoint), or cleared; bytes once
 * returned are never changed afterwards (the heap backend keeps the array). Evaluations: random
 * tickets whose priority changes drop and bring back cycles' targets, arbitrary sequences of
 * evaluations of several tickets (cycles appearing, vanishing and changing places), and evaluations
 * built from their cycles shuffled, cut or mixed. (Cycles with warnings past what the state holds,
 * 0xFFFF, were drawn too until {@code MetricCycle} refused a warning percent above 100, the highest
 * threshold; the state still saturates there.)
 */
class ReportedDiffProperties {

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

  // ---- the oracle: the former path, on bytes -------------------------------------------------

  /**
   * The former evaluation step on the state's bytes: decoded (any version), diffed into a new map,
   * encoded (version 3).
   */
  private static byte[] oracle(byte[] state, SlaEvaluation ev, List<SlaTransition> out) {
    Map<String, int[]> reported = decode(state);
    Map<String, int[]> seen = new LinkedHashMap<>();
    for (MetricCycle c : ev.cycles()) {
      String id = c.metric() + "#" + c.cycle();
      int[] prev = reported.remove(id);
      out.addAll(
          prev == null
              ? SlaTransition.started(ev, c)
              : SlaTransition.corrected(
                  ev,
                  c,
                  STATES[prev[0]],
                  prev[1],
                  prev[2],
                  // an earlier version's state has no deadline: any matches
                  prev[3] == 2 ? c.deadline() : deadlineOf(prev)));
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
    return encode(reported);
  }

  /** A cycle's reported fields, plainly: state, warning, level, then its deadline or zeros. */
  private static int[] fields(MetricCycle c) {
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

  private static Optional<Instant> deadlineOf(int[] f) {
    return f[3] == 0
        ? Optional.empty()
        : Optional.of(Instant.ofEpochSecond(((long) f[4] << 32) | (f[5] & 0xFFFFFFFFL), f[6]));
  }

  private static Map<String, int[]> decode(byte[] b) {
    Map<String, int[]> r = new LinkedHashMap<>();
    if (b == null) {
      return r;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
      int v = in.readUnsignedByte();
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        String id = v == 1 ? in.readUTF() : Strings.read(in, "id");
        int state = in.readUnsignedByte();
        int warning = in.readUnsignedShort();
        int escalation = v < 3 ? 0 : in.readInt();
        int[] f = {state, warning, escalation, 2, 0, 0, 0};
        if (v >= 4) {
          f[3] = in.readUnsignedByte();
          long second = in.readLong();
          f[4] = (int) (second >>> 32);
          f[5] = (int) second;
          f[6] = in.readInt();
        }
        r.put(id, f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return r;
  }

  private static byte[] encode(Map<String, int[]> cycles) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(4);
      out.writeInt(cycles.size());
      for (Map.Entry<String, int[]> e : cycles.entrySet()) {
        Strings.write(e.getKey(), out);
        int[] f = e.getValue();
        out.writeByte(f[0]);
        out.writeShort(Math.min(f[1], 0xFFFF));
        out.writeInt(f[2]);
        out.writeByte(f[3]);
        out.writeLong(((long) f[4] << 32) | (f[5] & 0xFFFFFFFFL));
        out.writeInt(f[6]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  // ---- the subject, step by step --------------------------------------------------------------

  /** The state as the function holds it: the bytes in keyed state and the live value, if any. */
  private static final class Run {
    final Random r;
    byte[] state; // what keyed state holds (the subject's last bytes; the oracle's are the same)
    Reported live; // the decoded state kept with the live clock, or null
    final List<byte[]> returned = new ArrayList<>(); // every array toBytes gave, with a copy
    final List<byte[]> copies = new ArrayList<>();

    Run(Random r) {
      this.r = r;
    }

    /** One evaluation through both paths, after perhaps a restore of some kind. */
    void step(SlaEvaluation ev) {
      switch (r.nextInt(12)) {
        case 0 -> live = null; // the live clock evicted: decoded from the state's array again
        case 1 -> state = state == null ? null : state.clone(); // a backend's copy (RocksDB)
        case 2 -> state = legacy(state, 2); // a savepoint of a build that wrote version 2
        case 3 -> state = legacy(state, 1); // ... or version 1
        case 4 -> state = null; // cleared (released, TTL)
        default -> {} // the usual case: kept live
      }
      if (live != null && !live.isStateOf(state)) {
        live = null; // as the function: the state's bytes are no longer this value's
      }
      if (live == null) {
        live = Reported.fromBytes(state == null ? null : state.clone());
      }
      List<SlaTransition> got = new ArrayList<>();
      List<SlaTransition> want = new ArrayList<>();
      live.diff(ev, got);
      byte[] bytes = live.toBytes();
      byte[] expected = oracle(state, ev, want);
      assertEquals(want, got);
      assertArrayEquals(expected, bytes);
      assertTrue(live.isStateOf(bytes));
      assertTrue(live.isStateOf(bytes.clone()));
      state = bytes;
      returned.add(bytes);
      copies.add(bytes.clone());
      for (int i = 0; i < returned.size(); i++) {
        assertArrayEquals(copies.get(i), returned.get(i), "bytes returned earlier changed");
      }
    }

    /** The same state as {@code version} (1 or 2: no escalation levels) wrote it. */
    private byte[] legacy(byte[] b, int version) {
      if (b == null) {
        return null;
      }
      List<ReportedCycle> cycles = new ArrayList<>();
      decode(b).forEach((id, f) -> cycles.add(new ReportedCycle(id, f[0], f[1])));
      live = null; // rewritten behind the function's back
      return HostileSerializers.reportedBytes(version, cycles);
    }
  }

  // ---- evaluations ----------------------------------------------------------------------------

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

  /** Evaluations of a few random tickets at random instants after each event. */
  private static List<SlaEvaluation> pool(Random r) {
    List<SlaEvaluation> pool = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      SlaClock clock = SlaClock.of(SET, Map.of(), "T" + k);
      for (TicketEvent e : ticket(r, "T" + k, 1 + r.nextInt(40))) {
        clock.accept(e);
        pool.add(clock.evaluate(e.at().plusSeconds(r.nextInt(20_000))));
      }
    }
    return pool;
  }

  /**
   * An evaluation at the latest instant of the pool whose cycles are one evaluation's, shuffled,
   * cut at either end, or followed by another's new ones: the layouts the in-place path must hand
   * to the general one. Keys stay unique, as in every evaluation a clock makes.
   */
  private static SlaEvaluation mixed(Random r, List<SlaEvaluation> pool) {
    Instant at = pool.stream().map(SlaEvaluation::at).max(Instant::compareTo).orElseThrow();
    List<MetricCycle> cycles = new ArrayList<>(pool.get(r.nextInt(pool.size())).cycles());
    switch (r.nextInt(4)) {
      case 0 -> Collections.shuffle(cycles, r);
      case 1 -> cycles.subList(0, r.nextInt(cycles.size() + 1)).clear();
      case 2 -> cycles.subList(r.nextInt(cycles.size() + 1), cycles.size()).clear();
      default -> {
        for (MetricCycle c : pool.get(r.nextInt(pool.size())).cycles()) {
          if (cycles.stream()
              .noneMatch(d -> d.metric().equals(c.metric()) && d.cycle() == c.cycle())) {
            cycles.add(r.nextInt(cycles.size() + 1), c);
          }
        }
      }
    }
    return new SlaEvaluation(
        "T", at, "open", "p", Optional.empty(), cycles, List.of(), List.of(), Optional.empty());
  }

  @Property(tries = 300)
  void oneTicketEventByEventAsBefore(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 120) int n) {
    Random r = new Random(seed);
    SlaClock clock = SlaClock.of(SET, Map.of(), "T");
    Run run = new Run(r);
    for (TicketEvent e : ticket(r, "T", n)) {
      clock.accept(e);
      run.step(clock.evaluate(e.at().plusSeconds(r.nextInt(7200))));
    }
  }

  @Property(tries = 300)
  void anySequenceOfEvaluationsAsBefore(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int n) {
    Random r = new Random(seed);
    List<SlaEvaluation> pool = pool(r);
    Run run = new Run(r);
    for (int i = 0; i < n; i++) {
      run.step(r.nextInt(3) == 0 ? mixed(r, pool) : pool.get(r.nextInt(pool.size())));
    }
  }

  /** A long ticket kept live: the usual path, hundreds of cycles, never read from its bytes. */
  @Test
  void aLongTicketKeptLiveAsBefore() {
    Random r = new Random(7);
    SlaClock clock = SlaClock.of(SET, Map.of(), "T");
    Reported live = new Reported();
    byte[] state = null;
    List<TicketEvent> events = new ArrayList<>();
    Instant at = T0;
    events.add(TicketEvent.Created.byCustomer("T", "T/0", at));
    for (int i = 1; i < 800; i++) { // messages, replies, pending and open: never solved
      at = at.plusSeconds(60 + r.nextInt(3600));
      int k = r.nextInt(10);
      events.add(
          k < 4
              ? TicketEvent.AgentReply.publicReply("T", "T/" + i, at)
              : k < 7
                  ? new TicketEvent.CustomerMessage("T", "T/" + i, at)
                  : new TicketEvent.StatusChanged("T", "T/" + i, at, k < 9 ? "pending" : "open"));
    }
    for (TicketEvent e : events) {
      clock.accept(e);
      SlaEvaluation ev = clock.evaluate(e.at().plusSeconds(600));
      List<SlaTransition> got = new ArrayList<>();
      List<SlaTransition> want = new ArrayList<>();
      live.diff(ev, got);
      byte[] bytes = live.toBytes();
      assertArrayEquals(oracle(state, ev, want), bytes);
      assertEquals(want, got);
      state = bytes;
    }
    assertTrue(decode(state).size() > 100, "many cycles");
  }

  @Test
  void keysAreRecognisedWithoutBeingBuilt() {
    SlaClock clock = SlaClock.of(SET, Map.of(), "T");
    List<TicketEvent> events = ticket(new Random(3), "T", 200);
    events.forEach(clock::accept);
    for (MetricCycle c : clock.evaluate(events.get(199).at()).cycles()) {
      String key = c.metric() + "#" + c.cycle();
      assertEquals(key, Reported.key(c));
      assertTrue(Reported.isKeyOf(key, c));
      assertFalse(Reported.isKeyOf(key + "0", c));
      assertFalse(Reported.isKeyOf(c.metric() + "#0" + c.cycle(), c));
      assertFalse(Reported.isKeyOf(c.metric() + "#" + (c.cycle() + 1), c));
      assertFalse(Reported.isKeyOf("x" + key.substring(1), c));
      assertFalse(Reported.isKeyOf(key.replace('#', '$'), c));
    }
  }

  /**
   * Reported state of an earlier build (version 3: no deadline, read as unknown): the next
   * evaluation takes each cycle's deadline without a transition (a DEADLINE_CHANGED for every cycle
   * after an upgrade would be noise), writes it (version 4), and a later move is reported.
   */
  @Test
  void aCycleReportedByAnEarlierBuildTakesItsDeadlineWithoutATransition() {
    SlaClock clock = SlaClock.of(SET, Map.of(), "T");
    clock.accept(TicketEvent.Created.byCustomer("T", "c", T0));
    SlaEvaluation ev = clock.evaluate(T0.plusSeconds(60));
    List<HostileSerializers.ReportedCycle> old = new ArrayList<>();
    for (MetricCycle c : ev.cycles()) {
      old.add(new HostileSerializers.ReportedCycle(c.id(), c.state().ordinal(), 0));
    }
    Reported r = Reported.fromBytes(HostileSerializers.reportedBytes(3, old));
    List<SlaTransition> out = new ArrayList<>();
    r.diff(ev, out);
    assertEquals(List.of(), out);
    Map<String, int[]> written = decode(r.toBytes());
    assertArrayEquals(fields(ev.cycles().get(0)), written.get(ev.cycles().get(0).id()));
    clock.accept(new TicketEvent.PriorityChanged("T", "p", T0.plusSeconds(120), "low"));
    r.diff(clock.evaluate(T0.plusSeconds(120)), out);
    assertTrue(
        out.stream().anyMatch(t -> t.kind() == SlaTransition.Kind.DEADLINE_CHANGED), out::toString);
  }
}
