package dev.servicekit.benchmarks.checkpoint;

import dev.servicekit.integrations.flink.FlinkSlaClocks;
import dev.servicekit.integrations.flink.TimeMode;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Flink SLA function's per-event path ({@code SlaClockFunction.processElement}: load the
 * ticket's clock, accept, evaluate, write the snapshot, emit) with the live clock cache off and on,
 * one event per operation, through Flink's keyed operator harness on the heap backend, processing
 * time (each event applied at once, evaluated at its own instant; no timer fires). Two tickets of
 * {@code events} events alternate, each replayed from its start (its state cleared) when it ends,
 * so an operation costs the average step of such a ticket. {@code cache}: {@code off} restores the
 * clock from its snapshot on every event (decode and replay of the ticket so far); {@code on} (64
 * tickets) finds the live clock; {@code misses} (1 ticket, the two alternating) never finds it and
 * pays the cache's bookkeeping on top of the restore: the worst case.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FlinkLiveClockCacheBenchmark {

  /** Events in each ticket. */
  @Param({"20", "200", "2000"})
  public int events;

  /** The cache: off, on (64 tickets), or too small for the two alternating tickets. */
  @Param({"off", "on", "misses"})
  public String cache;

  private static final String[] STATES = {"sla-clock", "sla-reported", "sla-due"};

  private List<TicketEvent> interleaved;
  private int step;
  private KeyedOneInputStreamOperatorTestHarness<String, TicketEvent, SlaTransition> harness;

  /** Builds the tickets and an open harness. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    List<TicketEvent> a = CheckpointCostBenchmark.ticket(new Random(18), "T-A", events);
    List<TicketEvent> b = CheckpointCostBenchmark.ticket(new Random(19), "T-B", events);
    interleaved = new ArrayList<>(2 * events);
    for (int i = 0; i < events; i++) {
      interleaved.add(a.get(i));
      interleaved.add(b.get(i));
    }
    int size =
        switch (cache) {
          case "off" -> 0;
          case "on" -> 64;
          case "misses" -> 1;
          default -> throw new IllegalArgumentException("cache must be off, on or misses");
        };
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                FlinkSlaClocks.function(
                    CheckpointCostBenchmark.policySet(),
                    CheckpointCostBenchmark.CALENDARS,
                    TimeMode.PROCESSING_TIME,
                    FlinkSlaClocks.Options.defaults().liveClockCache(size))),
            TicketEvent::ticketId,
            Types.STRING);
    harness.setProcessingTime(CheckpointCostBenchmark.START.toEpochMilli() - 3_600_000);
    harness.open();
  }

  /** Closes the harness. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    harness.close();
  }

  /**
   * One event through the function.
   *
   * @return the first transition the event emitted, or null (consumed)
   * @throws Exception from the harness
   */
  @Benchmark
  public Object step() throws Exception {
    if (step == interleaved.size()) {
      step = 0;
      clear("T-A");
      clear("T-B");
    }
    TicketEvent e = interleaved.get(step++);
    harness.processElement(e, e.at().toEpochMilli());
    // Emptied on every event (a few transitions at most): its size() would walk the whole queue.
    Object first = harness.getOutput().poll();
    harness.getOutput().clear();
    return first;
  }

  /** Clears a ticket's state, so that it starts again (a new clock, as without the cache). */
  private void clear(String ticket) throws Exception {
    KeyedStateBackend<String> b = harness.getOperator().getKeyedStateBackend();
    b.setCurrentKey(ticket);
    for (String name : STATES) {
      ValueStateDescriptor<?> d =
          name.equals("sla-due")
              ? new ValueStateDescriptor<>(name, Types.LONG)
              : new ValueStateDescriptor<>(
                  name, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
      b.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, d).clear();
    }
  }
}
