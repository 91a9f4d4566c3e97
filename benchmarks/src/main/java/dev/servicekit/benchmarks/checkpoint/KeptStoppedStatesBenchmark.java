package dev.servicekit.benchmarks.checkpoint;

import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.TicketEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@link SlaClock#keepStoppedCycleStates} saves a thread that reads clocks in turn, as a
 * stream task interleaving tickets does, without the adapters around it: two tickets of {@code
 * events} events ({@link CheckpointCostBenchmark}'s shape) alternate, each event accepted by its
 * clock, which is then evaluated at the event's instant and its cycles read; at the end both clocks
 * start again (new clocks, so an operation costs the average step of such a ticket). {@code keep}:
 * the option off (the thread's cache of stopped cycles holds the other clock at every read, so each
 * read derives every stopped cycle) or on. Microseconds per event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeptStoppedStatesBenchmark {

  /** Events in each ticket. */
  @Param({"20", "200", "2000"})
  public int events;

  /** Whether the clocks keep their stopped cycles' states. */
  @Param({"false", "true"})
  public boolean keep;

  private List<TicketEvent> interleaved;
  private int step;
  private SlaClock a;
  private SlaClock b;

  /** Builds the tickets. */
  @Setup(Level.Trial)
  public void setUp() {
    List<TicketEvent> ta = CheckpointCostBenchmark.ticket(new Random(18), "T-A", events);
    List<TicketEvent> tb = CheckpointCostBenchmark.ticket(new Random(19), "T-B", events);
    interleaved = new ArrayList<>(2 * events);
    for (int i = 0; i < events; i++) {
      interleaved.add(ta.get(i));
      interleaved.add(tb.get(i));
    }
    restart();
  }

  private void restart() {
    step = 0;
    a = SlaClock.of(CheckpointCostBenchmark.policySet(), CheckpointCostBenchmark.CALENDARS, "T-A");
    b = SlaClock.of(CheckpointCostBenchmark.policySet(), CheckpointCostBenchmark.CALENDARS, "T-B");
    a.keepStoppedCycleStates(keep);
    b.keepStoppedCycleStates(keep);
  }

  /**
   * One event: accepted, then its clock evaluated at its instant and the cycles read.
   *
   * @return the evaluation's cycle count
   */
  @Benchmark
  public int step() {
    if (step == interleaved.size()) {
      restart();
    }
    TicketEvent e = interleaved.get(step++);
    SlaClock c = (step & 1) == 1 ? a : b;
    c.accept(e);
    SlaEvaluation ev = c.evaluate(e.at());
    return ev.cycles().size();
  }
}
