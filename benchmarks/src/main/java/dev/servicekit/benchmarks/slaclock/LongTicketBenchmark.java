package dev.servicekit.benchmarks.slaclock;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * One long ticket of {@code events} events fed in order to a clock, with {@code nextTransition(at)}
 * read after every event (a handler rescheduling its one timer), on {@link SlaClockBenchmark}'s
 * policy set and calendar; milliseconds per ticket.
 *
 * <p>Shapes: {@code REPLIES} = customer messages and public replies in turn (a next reply and a
 * periodic update cycle per exchange, so stopped cycles pile up while resolution runs unpaused);
 * {@code MIXED} = message, reply, status change (open, pending, open, on-hold, open, solved, open)
 * and attribute change in turn, a minute apart (the long-ticket workload of the s11user2 review).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LongTicketBenchmark {

  /** Events on the ticket. */
  @Param({"1000", "10000"})
  public int events;

  /** The ticket's events. */
  public enum Shape {
    REPLIES,
    MIXED
  }

  @Param({"REPLIES", "MIXED"})
  public Shape shape;

  private SlaPolicySet set;
  private Map<String, BusinessCalendar> calendars;
  private List<TicketEvent> ticket;

  @Setup(Level.Trial)
  public void setUp() {
    set = SlaClockBenchmark.policySet();
    calendars = SlaClockBenchmark.calendars();
    ticket = ticket(shape, events);
  }

  /** The ticket, in order. */
  static List<TicketEvent> ticket(Shape shape, int n) {
    String id = "LONG";
    List<TicketEvent> out = new ArrayList<>(n);
    Instant t0 = Instant.parse("2026-03-02T06:00:00Z");
    out.add(
        TicketEvent.Created.byCustomer(
            id, "c", t0, Map.of("tier", "silver", "severity", "s2"), Set.of()));
    String[] st = {"open", "pending", "open", "on-hold", "open", "solved", "open"};
    for (int i = 1; i < n; i++) {
      Instant at = t0.plusSeconds(60L * i);
      int kind = shape == Shape.REPLIES ? (i % 2 == 0 ? 0 : 1) : i % 4;
      out.add(
          switch (kind) {
            case 0 -> new TicketEvent.CustomerMessage(id, "m" + i, at);
            case 1 -> TicketEvent.AgentReply.publicReply(id, "r" + i, at);
            case 2 -> new TicketEvent.StatusChanged(id, "s" + i, at, st[(i / 4) % st.length]);
            default -> new TicketEvent.AttributeChanged(id, "a" + i, at, "note", "v" + (i % 50));
          });
    }
    return out;
  }

  @Benchmark
  public long nextTransitionAfterEachEvent() {
    SlaClock clock = SlaClock.of(set, calendars, "LONG");
    long sum = 0;
    for (int k = 0; k < ticket.size(); k++) {
      TicketEvent e = ticket.get(k);
      clock.accept(e);
      sum += clock.nextTransition(e.at()).map(Instant::getEpochSecond).orElse(0L);
    }
    return sum;
  }
}
