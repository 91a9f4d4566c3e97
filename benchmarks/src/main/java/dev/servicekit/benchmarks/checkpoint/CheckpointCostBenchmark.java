package dev.servicekit.benchmarks.checkpoint;

import dev.servicekit.kpi.KeyCodec;
import dev.servicekit.kpi.KpiSnapshots;
import dev.servicekit.kpi.PercentileAccumulator;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.kpi.RevisedValues;
import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.MetricRule;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaClockSnapshot;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-event cost of keeping state as checkpoints, the way the engine adapters do it, against
 * applying the same event to live in-process state. Time per event ({@code ns/op}); each pair of
 * methods does the same work apart from the decode and encode.
 *
 * <ul>
 *   <li>{@code sla*}: a ticket of {@value #TICKET_EVENTS} events, one event at a time. {@code
 *       slaCheckpointed} is the adapters' path (Kafka's {@code SlaClockProcessor}, Flink's {@code
 *       SlaClockFunction}): restore the clock from its {@link SlaClockSnapshot} bytes, accept the
 *       event, evaluate, write the snapshot back. {@code slaInProcess} keeps one live {@link
 *       SlaClock}: accept and evaluate.
 *   <li>{@code percentile*}: one handle time into an hourly window's {@link PercentileAccumulator}
 *       holding {@value #WINDOW_VALUES} values; checkpointed is Kafka's {@code WindowedKpiTopology}
 *       fold and Flink's generic KPI window on RocksDB ({@link KpiSnapshots} bytes in, add, bytes
 *       out); Flink's heap backend keeps the live object, as {@code percentileInProcess}.
 *   <li>{@code revised*}: one rating revision into a window's {@link RevisedValues} over {@value
 *       #RESPONSES} responses; checkpointed is both adapters' revised windows (bytes in, apply,
 *       bytes out).
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CheckpointCostBenchmark {

  static final int TICKET_EVENTS = 20;
  static final int TICKETS = 64;
  static final int WINDOW_VALUES = 1_000;
  static final int RESPONSES = 500;
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  static final Map<String, BusinessCalendar> CALENDARS = Map.of();

  private SlaPolicySet set;
  private List<List<TicketEvent>> tickets;
  private int nextTicket;

  private PercentileAccumulator percentile;
  private byte[] percentileBytes;
  private long[] handleTimes;
  private int nextHandle;

  private RevisedValues<String, RatingAccumulator> revised;
  private byte[] revisedBytes;
  private long revision;
  private int nextResponse;
  private String[] responseIds;

  /**
   * First response 1 h (warnings 50/80), next response 2 h, resolution 8 h paused on "pending".
   *
   * @return the policy set
   */
  static SlaPolicySet policySet() {
    SlaPolicy p =
        SlaPolicy.builder("standard")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
            .target("normal", SlaMetric.nextResponse(), Duration.ofHours(2))
            .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
            .rule(MetricRule.builder(SlaMetric.firstResponse()).warnAt(50, 80).build())
            .rule(MetricRule.builder(SlaMetric.resolution()).pauseOn("pending").warnAt(75).build())
            .build();
    return SlaPolicySet.builder()
        .statuses("new", "open", "pending", "solved")
        .solvedStatuses("solved")
        .defaultPolicy(p)
        .build();
  }

  /**
   * A ticket's events in time order: created, then replies, customer messages, pending/open.
   *
   * @param r the random source
   * @param id the ticket id
   * @param n the number of events
   * @return the events
   */
  static List<TicketEvent> ticket(Random r, String id, int n) {
    List<TicketEvent> out = new ArrayList<>();
    Instant at = START.plusSeconds(r.nextInt(3600));
    out.add(new TicketEvent.Created(id, id + "-0", at, Map.of(), Set.of()));
    for (int i = 1; i < n; i++) {
      at = at.plusSeconds(60 + r.nextInt(3600));
      String eid = id + "-" + i;
      int k = r.nextInt(10);
      out.add(
          i == n - 1
              ? new TicketEvent.StatusChanged(id, eid, at, "solved")
              : k < 4
                  ? TicketEvent.AgentReply.publicReply(id, eid, at)
                  : k < 7
                      ? new TicketEvent.CustomerMessage(id, eid, at)
                      : new TicketEvent.StatusChanged(id, eid, at, k < 9 ? "pending" : "open"));
    }
    return out;
  }

  /** Builds the tickets and the filled windows. */
  @Setup
  public void setUp() {
    set = policySet();
    Random r = new Random(18);
    tickets = new ArrayList<>();
    for (int t = 0; t < TICKETS; t++) {
      tickets.add(ticket(r, "T-" + t, TICKET_EVENTS));
    }
    handleTimes = new long[4096];
    for (int i = 0; i < handleTimes.length; i++) {
      handleTimes[i] = 30_000 + (long) (r.nextDouble() * r.nextDouble() * 1_800_000);
    }
    percentile = PercentileAccumulator.create();
    for (int i = 0; i < WINDOW_VALUES; i++) {
      percentile.addMillis(handleTimes[i % handleTimes.length]);
    }
    percentileBytes = KpiSnapshots.toBytes(percentile);
    responseIds = new String[RESPONSES];
    revised = RevisedValues.create(RatingAccumulator.create(RatingScale.csatFivePoint()));
    for (int i = 0; i < RESPONSES; i++) {
      responseIds[i] = "R-" + i;
      revised.apply(responseIds[i], 1, 1 + r.nextInt(5));
    }
    revision = 1;
    revisedBytes = revised.toBytes(KeyCodec.strings());
  }

  private List<TicketEvent> nextTicket() {
    List<TicketEvent> t = tickets.get(nextTicket);
    nextTicket = (nextTicket + 1) % TICKETS;
    return t;
  }

  /**
   * The adapters' path: per event restore, accept, evaluate, snapshot.
   *
   * @return the last snapshot's length (consumed)
   */
  @Benchmark
  @OperationsPerInvocation(TICKET_EVENTS)
  public int slaCheckpointed() {
    List<TicketEvent> events = nextTicket();
    byte[] state = null;
    for (TicketEvent e : events) {
      SlaClock clock =
          state == null
              ? SlaClock.of(set, CALENDARS, e.ticketId())
              : SlaClockSnapshot.fromBytes(set, CALENDARS, state);
      clock.accept(e);
      SlaEvaluation ev = clock.evaluate(e.at());
      state = SlaClockSnapshot.toBytes(clock);
      if (ev.cycles().isEmpty()) {
        throw new AssertionError();
      }
    }
    return state.length;
  }

  /**
   * In process: one live clock, accept and evaluate per event.
   *
   * @return the number of cycles (consumed)
   */
  @Benchmark
  @OperationsPerInvocation(TICKET_EVENTS)
  public int slaInProcess() {
    List<TicketEvent> events = nextTicket();
    SlaClock clock = SlaClock.of(set, CALENDARS, events.get(0).ticketId());
    int cycles = 0;
    for (TicketEvent e : events) {
      clock.accept(e);
      cycles += clock.evaluate(e.at()).cycles().size();
    }
    return cycles;
  }

  /**
   * One value into a checkpointed percentile window.
   *
   * @return the new state's length (consumed)
   */
  @Benchmark
  public int percentileCheckpointed() {
    PercentileAccumulator a = KpiSnapshots.fromBytes(percentileBytes, PercentileAccumulator.class);
    a.addMillis(handleTimes[nextHandle++ & 4095]);
    percentileBytes = KpiSnapshots.toBytes(a);
    return percentileBytes.length;
  }

  /**
   * One value into a live percentile window.
   *
   * @return the count (consumed)
   */
  @Benchmark
  public long percentileInProcess() {
    percentile.addMillis(handleTimes[nextHandle++ & 4095]);
    return percentile.count();
  }

  /**
   * One rating revision into a checkpointed revised window.
   *
   * @return the new state's length (consumed)
   */
  @Benchmark
  public int revisedCheckpointed() {
    RevisedValues<String, RatingAccumulator> rv =
        RevisedValues.fromBytes(revisedBytes, RatingAccumulator.class, KeyCodec.strings());
    int i = nextResponse;
    nextResponse = (i + 1) % RESPONSES;
    if (i == 0) {
      revision++;
    }
    rv.apply(responseIds[i], revision, 1 + (int) (revision + i) % 5);
    revisedBytes = rv.toBytes(KeyCodec.strings());
    return revisedBytes.length;
  }

  /**
   * One rating revision into a live revised window.
   *
   * @return the stale count (consumed)
   */
  @Benchmark
  public long revisedInProcess() {
    int i = nextResponse;
    nextResponse = (i + 1) % RESPONSES;
    if (i == 0) {
      revision++;
    }
    revised.apply(responseIds[i], revision, 1 + (int) (revision + i) % 5);
    return revised.staleCount();
  }
}
