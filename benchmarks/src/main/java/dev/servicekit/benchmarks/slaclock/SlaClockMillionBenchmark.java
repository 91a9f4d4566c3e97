package dev.servicekit.benchmarks.slaclock;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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
 * The literal workload: one operation evaluates {@code tickets} distinct synthetic tickets
 * (default 1,000,000, about 20 events each, so 20 M events held in memory at once) through the
 * batch face, with each ticket's history in shuffled order. Where {@link SlaClockBenchmark} cycles
 * through 4096 tickets (about 80,000 events, beyond the CPU caches but small enough for a warm heap
 * layout), this walks a working set of about 2 GB, so it includes the cost of fetching every event
 * from memory at the scale of a large CRM. Report: seconds per operation; events per second =
 * {@code tickets x 20 / score}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class SlaClockMillionBenchmark {

  /** Distinct tickets per operation. */
  @Param({"1000000"})
  public int tickets;

  private SlaPolicySet set;
  private Map<String, BusinessCalendar> calendars;
  private List<List<TicketEvent>> histories;
  private Instant[] now;

  @Setup
  public void setUp() {
    set = SlaClockBenchmark.policySet();
    calendars = SlaClockBenchmark.calendars();
    Random r = new Random(7);
    histories = new ArrayList<>(tickets);
    now = new Instant[tickets];
    for (int i = 0; i < tickets; i++) {
      List<TicketEvent> h = SlaClockBenchmark.history("T" + i, r);
      Instant last = h.get(0).at();
      for (TicketEvent e : h) {
        last = e.at().isAfter(last) ? e.at() : last;
      }
      now[i] = last.plus(Duration.ofHours(1));
      Collections.shuffle(h, r);
      histories.add(Arrays.asList(h.toArray(new TicketEvent[0])));
    }
  }

  /**
   * Evaluates every ticket once.
   *
   * @return a checksum of the evaluations, so nothing is optimized away
   */
  @Benchmark
  public long evaluateAll() {
    long sum = 0;
    for (int i = 0; i < tickets; i++) {
      sum += SlaClock.evaluate(set, calendars, histories.get(i), now[i]).cycles().size();
    }
    return sum;
  }
}
