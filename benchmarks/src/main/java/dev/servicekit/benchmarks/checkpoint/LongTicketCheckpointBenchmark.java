package dev.servicekit.benchmarks.checkpoint;

import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaClockSnapshot;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The adapters' checkpoint path ({@link CheckpointCostBenchmark#slaCheckpointed}: restore the clock
 * from its snapshot, accept the event, evaluate and read, snapshot again) one event per operation,
 * on one ticket of {@code events} events replayed from its start when it ends: so an operation
 * costs the average step of that ticket, which restores half its events on average. The cost per
 * event grows with the ticket's length, so a ticket's total grows with its square.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LongTicketCheckpointBenchmark {

  /** Events in the ticket. */
  @Param({"20", "200", "2000"})
  public int events;

  private SlaPolicySet set;
  private List<TicketEvent> ticket;
  private int step;
  private byte[] state;

  /** Builds the ticket (the same shape as {@link CheckpointCostBenchmark}'s). */
  @Setup
  public void setUp() {
    set = CheckpointCostBenchmark.policySet();
    ticket = CheckpointCostBenchmark.ticket(new Random(18), "T-1", events);
  }

  /**
   * One event through the checkpoint path.
   *
   * @return the number of cycles (consumed)
   */
  @Benchmark
  public int step() {
    if (step == ticket.size()) {
      step = 0;
      state = null;
    }
    TicketEvent e = ticket.get(step++);
    SlaClock clock =
        state == null
            ? SlaClock.of(set, CheckpointCostBenchmark.CALENDARS, e.ticketId())
            : SlaClockSnapshot.fromBytes(set, CheckpointCostBenchmark.CALENDARS, state);
    clock.accept(e);
    SlaEvaluation ev = clock.evaluate(e.at());
    state = SlaClockSnapshot.toBytes(clock);
    return ev.cycles().size() + (ev.nextTransition().isPresent() ? 1 : 0);
  }
}
