package dev.servicekit.benchmarks.slaclock;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.EscalationLevel;
import dev.servicekit.sla.MatchCondition;
import dev.servicekit.sla.MetricDefinition;
import dev.servicekit.sla.MetricRule;
import dev.servicekit.sla.MetricTrigger;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.ReopenRule;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the SLA clock in events per second: each invocation evaluates one synthetic ticket
 * of {@value #EVENTS} events (created, customer messages, public/internal/bot replies, status
 * changes through pending and solved, a reopen, severity and tier changes) on a 09:00-17:00
 * Europe/Berlin team calendar, then reads its state at the end.
 *
 * <p>Modes: {@code BATCH} = {@code SlaClock.evaluate} on the shuffled history (the production batch
 * face); {@code INCREMENTAL} = events fed one by one in time order to a clock; {@code OUT_OF_ORDER}
 * = fed in shuffled order (every late event re-derives); {@code INCREMENTAL_READ_EACH} = fed in
 * order with an evaluation made after every event and the last one read (a CRM keeping "due in"
 * current that reads the evaluations it shows; an evaluation is captured when made and derived on
 * its first read); {@code INCREMENTAL_READ_EACH_DERIVED} = the same with every evaluation read;
 * baseline {@code NAIVE_REEVALUATE} = that output without an incremental clock: re-run the batch
 * evaluation from scratch after every event and read it. Every mode reads (so derives) the
 * evaluations it reports.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SlaClockBenchmark {

  /** Events per synthetic ticket. */
  public static final int EVENTS = 20;

  /**
   * Distinct synthetic tickets cycled through (a power of two). The default, 4096 tickets of 20
   * events, is far larger than the CPU caches, so every event is read cold from memory, as events
   * that sat in a queue would be; 64 keeps the input cache-resident, as events deserialized right
   * before {@code accept} are. The headline figures use the default.
   */
  @Param({"4096"})
  public int tickets = 4096;

  /**
   * Whether the policy set also defines Zendesk's three resolution clocks as data ({@code
   * MetricDefinition}s: requester wait, agent work, total resolution, each targeted per priority on
   * the team calendar), measured on the same clock beside the built-ins. Off by default: the
   * headline figures are the built-ins'; {@code -p definitions=true} measures what definitions add.
   */
  @Param({"false"})
  public boolean definitions;

  /** What is measured. */
  public enum Mode {
    BATCH,
    INCREMENTAL,
    OUT_OF_ORDER,
    INCREMENTAL_READ_EACH,
    INCREMENTAL_READ_EACH_DERIVED,
    NAIVE_REEVALUATE
  }

  @Param({
    "BATCH",
    "INCREMENTAL",
    "OUT_OF_ORDER",
    "INCREMENTAL_READ_EACH",
    "INCREMENTAL_READ_EACH_DERIVED",
    "NAIVE_REEVALUATE"
  })
  public Mode mode;

  private SlaPolicySet set;
  private Map<String, BusinessCalendar> calendars;
  private List<List<TicketEvent>> sorted;
  private List<List<TicketEvent>> shuffled;
  private Instant[] now;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    set = policySet(definitions);
    calendars = calendars();
    Random r = new Random(42);
    if (tickets < 1 || Integer.bitCount(tickets) != 1) {
      throw new IllegalArgumentException("tickets must be a power of two: " + tickets);
    }
    sorted = new ArrayList<>(tickets);
    shuffled = new ArrayList<>(tickets);
    now = new Instant[tickets];
    for (int i = 0; i < tickets; i++) {
      List<TicketEvent> h = history("T" + i, r);
      List<TicketEvent> s = new ArrayList<>(h);
      s.sort(TicketEvent.ORDER);
      sorted.add(s);
      List<TicketEvent> sh = new ArrayList<>(h);
      Collections.shuffle(sh, r);
      shuffled.add(sh);
      now[i] = s.get(s.size() - 1).at().plus(Duration.ofHours(1));
    }
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public Object ticket() {
    int i = next;
    next = (i + 1) & (tickets - 1);
    switch (mode) {
      case BATCH:
        return read(SlaClock.evaluate(set, calendars, shuffled.get(i), now[i]));
      case INCREMENTAL:
        return feed(sorted.get(i), i);
      case OUT_OF_ORDER:
        return feed(shuffled.get(i), i);
      case INCREMENTAL_READ_EACH:
        {
          List<TicketEvent> s = sorted.get(i);
          SlaClock clock = SlaClock.of(set, calendars, s.get(0).ticketId());
          SlaEvaluation last = null;
          for (int k = 0; k < s.size(); k++) {
            clock.accept(s.get(k));
            last = clock.evaluate(s.get(k).at());
          }
          return read(last);
        }
      case INCREMENTAL_READ_EACH_DERIVED:
        {
          List<TicketEvent> s = sorted.get(i);
          SlaClock clock = SlaClock.of(set, calendars, s.get(0).ticketId());
          long sum = 0;
          for (int k = 0; k < s.size(); k++) {
            clock.accept(s.get(k));
            sum += read(clock.evaluate(s.get(k).at()));
          }
          return sum;
        }
      default:
        List<TicketEvent> s = sorted.get(i);
        long sum = 0;
        for (int k = 1; k <= s.size(); k++) {
          sum += read(SlaClock.evaluate(set, calendars, s.subList(0, k), s.get(k - 1).at()));
        }
        return sum;
    }
  }

  private long feed(List<TicketEvent> events, int i) {
    SlaClock clock = SlaClock.of(set, calendars, events.get(0).ticketId());
    for (int k = 0; k < events.size(); k++) {
      clock.accept(events.get(k));
    }
    return read(clock.evaluate(now[i]));
  }

  /**
   * Reads an evaluation (its cycles and next transition), so that it is derived: an evaluation made
   * by SlaClock is derived on its first read, and every mode reads the evaluations it reports.
   */
  private static long read(SlaEvaluation e) {
    return e.cycles().size() + (e.nextTransition().isPresent() ? 1 : 0);
  }

  /** The workload's one calendar: Mon-Fri 09:00-17:00, Europe/Berlin, under the key "team". */
  static Map<String, BusinessCalendar> calendars() {
    return Map.of(
        "team",
        BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
            .weekdays(TimeRange.parse("09:00-17:00"))
            .build());
  }

  static SlaPolicySet policySet() {
    return policySet(false);
  }

  /** The workload's policy set, with the three resolution clocks as definitions if asked. */
  static SlaPolicySet policySet(boolean definitions) {
    PriorityMatrix matrix =
        PriorityMatrix.builder()
            .cell("s1", "gold", "urgent")
            .cell("s1", "silver", "high")
            .cell("s2", "gold", "high")
            .cell("s2", "silver", "normal")
            .build();
    SlaPolicy.Builder vip =
        SlaPolicy.builder("vip")
            .when(MatchCondition.always().withAttribute("tier", "gold"))
            .matrix(matrix);
    SlaPolicy.Builder std = SlaPolicy.builder("standard").matrix(matrix);
    long[] hours = {1, 2, 4};
    String[] prios = {"urgent", "high", "normal"};
    for (int i = 0; i < 3; i++) {
      for (SlaPolicy.Builder b : List.of(vip, std)) {
        long f = b == vip ? 1 : 2;
        b.target(prios[i], SlaMetric.firstResponse(), Duration.ofHours(hours[i] * f));
        b.target(prios[i], SlaMetric.nextResponse(), Duration.ofHours(hours[i] * f));
        b.target(prios[i], SlaMetric.periodicUpdate(), Duration.ofHours(hours[i] * 2 * f));
        b.target(prios[i], SlaMetric.resolution(), Duration.ofHours(hours[i] * 8 * f));
      }
    }
    List<SlaMetric> defined =
        definitions
            ? List.of(
                SlaMetric.custom("requester_wait"),
                SlaMetric.custom("agent_work"),
                SlaMetric.custom("total_resolution"))
            : List.of();
    for (int i = 0; i < 3; i++) {
      for (SlaPolicy.Builder b : List.of(vip, std)) {
        long f = b == vip ? 1 : 2;
        for (SlaMetric m : defined) {
          b.target(prios[i], m, Duration.ofHours(hours[i] * 8 * f));
        }
      }
    }
    for (SlaPolicy.Builder b : List.of(vip, std)) {
      for (SlaMetric m : defined) {
        b.rule(MetricRule.builder(m).calendar("team").warnAt(50, 90).build());
      }
      b.rule(
          MetricRule.builder(SlaMetric.firstResponse())
              .calendar("team")
              .warnAt(50, 75, 90)
              .escalate(EscalationLevel.of(1, 100, "lead"))
              .build());
      b.rule(MetricRule.builder(SlaMetric.nextResponse()).calendar("team").warnAt(75).build());
      b.rule(MetricRule.builder(SlaMetric.periodicUpdate()).calendar("team").build());
      b.rule(
          MetricRule.builder(SlaMetric.resolution())
              .calendar("team")
              .pauseOn("pending", "on-hold")
              .warnAt(50, 90)
              .build());
    }
    SlaPolicySet.Builder set =
        SlaPolicySet.builder()
            .statuses("new", "open", "pending", "on-hold", "solved", "closed")
            .solvedStatuses("solved", "closed");
    if (definitions) {
      set.metric(
              MetricDefinition.builder("requester_wait")
                  .startOn(MetricTrigger.created(), MetricTrigger.reopened())
                  .stopOn(MetricTrigger.solved())
                  .pauseIn("pending")
                  .cycles(MetricDefinition.Cycles.RESUME)
                  .build())
          .metric(
              MetricDefinition.builder("agent_work")
                  .startOn(MetricTrigger.created(), MetricTrigger.reopened())
                  .stopOn(MetricTrigger.solved())
                  .pauseIn("pending", "on-hold")
                  .cycles(MetricDefinition.Cycles.RESUME)
                  .build())
          .metric(MetricDefinition.resolution("total_resolution", ReopenRule.RESUME));
    }
    return set.policy(vip.build()).defaultPolicy(std.build()).build();
  }

  static List<TicketEvent> history(String id, Random r) {
    List<TicketEvent> out = new ArrayList<>(EVENTS);
    Instant t =
        Instant.parse("2026-03-02T06:00:00Z").plus(Duration.ofMinutes(r.nextInt(60 * 24 * 20)));
    out.add(
        new TicketEvent.Created(
            id,
            "e0",
            t,
            Map.of(
                "tier", r.nextBoolean() ? "gold" : "silver",
                "severity", r.nextBoolean() ? "s1" : "s2",
                "channel", "email"),
            Set.of()));
    String[] statuses = {"open", "pending", "open", "on-hold", "open", "solved", "open"};
    int st = 0;
    for (int k = 1; k < EVENTS; k++) {
      t = t.plus(Duration.ofMinutes(5 + r.nextInt(240)));
      String eid = "e" + k;
      switch (r.nextInt(6)) {
        case 0:
          out.add(new TicketEvent.CustomerMessage(id, eid, t));
          break;
        case 1:
          out.add(TicketEvent.AgentReply.publicReply(id, eid, t));
          break;
        case 2:
          out.add(
              (r.nextBoolean()
                  ? TicketEvent.AgentReply.automated(id, eid, t)
                  : TicketEvent.AgentReply.internalNote(id, eid, t).asAutomated()));
          break;
        case 3:
          out.add(new TicketEvent.StatusChanged(id, eid, t, statuses[st++ % statuses.length]));
          break;
        case 4:
          out.add(
              new TicketEvent.AttributeChanged(
                  id, eid, t, "severity", r.nextBoolean() ? "s1" : "s2"));
          break;
        default:
          out.add(new TicketEvent.Assigned(id, eid, t, "agent" + r.nextInt(10)));
          break;
      }
    }
    return out;
  }
}
