package dev.servicekit.benchmarks.slaclock;

import dev.servicekit.sla.TicketEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
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
 * What the event's shape costs the clock's hot path: the benchmark's shuffled 20-event tickets as
 * {@code TicketEvent}s (common components in final fields of a sealed abstract class) against the
 * same tickets as Immutables-generated value classes ({@link ImmutablesEvents}: common components
 * behind abstract accessors). Operations: {@code SCAN} reads timestamp and id of every event, as
 * {@code SlaClock.accept} does; {@code SORT} sorts a ticket in event order, as the clock does on a
 * late event. Throughput in events per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventShapeBenchmark {

  private static final int TICKETS = 4096;

  /** How events are represented. */
  public enum Shape {
    HAND_WRITTEN,
    IMMUTABLES
  }

  /** What is done with each ticket. */
  public enum Operation {
    SCAN,
    SORT
  }

  @Param({"HAND_WRITTEN", "IMMUTABLES"})
  public Shape shape;

  @Param({"SCAN", "SORT"})
  public Operation operation;

  private TicketEvent[][] hand;
  private ImmutablesEvents.Event[][] generated;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Random r = new Random(42);
    hand = new TicketEvent[TICKETS][];
    generated = new ImmutablesEvents.Event[TICKETS][];
    for (int i = 0; i < TICKETS; i++) {
      List<TicketEvent> h = new ArrayList<>(SlaClockBenchmark.history("T" + i, r));
      Collections.shuffle(h, r);
      hand[i] = h.toArray(new TicketEvent[0]);
      generated[i] = new ImmutablesEvents.Event[h.size()];
      for (int k = 0; k < h.size(); k++) {
        generated[i][k] = mirror(h.get(k));
      }
    }
  }

  private static ImmutablesEvents.Event mirror(TicketEvent e) {
    if (e instanceof TicketEvent.Created c) {
      return ImmutableCreated.of(e.ticketId(), e.id(), e.at(), c.attributes());
    } else if (e instanceof TicketEvent.CustomerMessage) {
      return ImmutableCustomerMessage.of(e.ticketId(), e.id(), e.at());
    } else if (e instanceof TicketEvent.AgentReply a) {
      return ImmutableAgentReply.of(e.ticketId(), e.id(), e.at(), a.isPublic(), a.automated());
    } else if (e instanceof TicketEvent.StatusChanged s) {
      return ImmutableStatusChanged.of(e.ticketId(), e.id(), e.at(), s.status());
    } else if (e instanceof TicketEvent.AttributeChanged a) {
      return ImmutableAttributeChanged.of(e.ticketId(), e.id(), e.at(), a.key(), a.value());
    } else if (e instanceof TicketEvent.Assigned a) {
      return ImmutableAssigned.of(e.ticketId(), e.id(), e.at(), a.assignee());
    }
    throw new IllegalArgumentException("not a kind of the benchmark's tickets: " + e);
  }

  @Benchmark
  @OperationsPerInvocation(SlaClockBenchmark.EVENTS)
  public long ticket() {
    int i = next;
    next = (i + 1) & (TICKETS - 1);
    if (shape == Shape.HAND_WRITTEN) {
      TicketEvent[] t = hand[i];
      if (operation == Operation.SORT) {
        TicketEvent[] copy = Arrays.copyOf(t, t.length);
        Arrays.sort(copy, TicketEvent.ORDER);
        return copy[0].at().getEpochSecond();
      }
      long acc = 0;
      for (TicketEvent e : t) {
        acc += e.at().getEpochSecond() + e.id().hashCode() + e.ticketId().length();
      }
      return acc;
    }
    ImmutablesEvents.Event[] t = generated[i];
    if (operation == Operation.SORT) {
      ImmutablesEvents.Event[] copy = Arrays.copyOf(t, t.length);
      Arrays.sort(copy, ImmutablesEvents.ORDER);
      return copy[0].at().getEpochSecond();
    }
    long acc = 0;
    for (ImmutablesEvents.Event e : t) {
      acc += e.at().getEpochSecond() + e.id().hashCode() + e.ticketId().length();
    }
    return acc;
  }
}
