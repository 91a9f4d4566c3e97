package dev.servicekit.benchmarks.slaclock;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaClockSnapshot;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.openjdk.jol.info.GraphLayout;

/**
 * Prints what a live SLA clock of the benchmark's 20-event tickets costs in heap, and what its
 * checkpoint costs in bytes: heap measured as a new user would (used heap after a full GC, before
 * and after building {@value #CLOCKS} clocks), and the same clocks' object graph by JOL, split into
 * the packed event log and the rest. Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.servicekit.benchmarks.slaclock.SlaClockFootprint}.
 */
public final class SlaClockFootprint {

  private static final int CLOCKS = 100_000;

  private SlaClockFootprint() {}

  /**
   * Entry point.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    SlaPolicySet set = SlaClockBenchmark.policySet();
    Map<String, BusinessCalendar> calendars = SlaClockBenchmark.calendars();
    Random r = new Random(42);
    long before = usedAfterGc();
    SlaClock[] clocks = new SlaClock[CLOCKS];
    long binary = 0;
    long json = 0;
    for (int i = 0; i < CLOCKS; i++) {
      List<TicketEvent> h = SlaClockBenchmark.history("T" + i, r);
      SlaClock c = SlaClock.of(set, calendars, "T" + i);
      h.forEach(c::accept);
      Instant last = h.get(h.size() - 1).at();
      c.evaluate(last.plus(Duration.ofHours(1))); // a user reads the state
      clocks[i] = c;
      if (i < 10_000) {
        binary += SlaClockSnapshot.toBytes(c).length;
        json += SlaClockSnapshot.toJson(c).getBytes(StandardCharsets.UTF_8).length;
      }
    }
    long after = usedAfterGc();
    System.out.printf(
        "live clocks: %d, heap per clock (used heap after GC) %.0f B%n",
        CLOCKS, (after - before) / (double) CLOCKS);

    int sample = 2_000;
    SlaClock[] some = java.util.Arrays.copyOf(clocks, sample);
    List<TicketEvent> events = new ArrayList<>();
    List<Object> logs = new ArrayList<>();
    for (SlaClock c : some) {
      events.addAll(c.events());
      logs.add(packedLog(c));
    }
    // one graph for all sampled clocks, so what they share (policy set, plan, calendars) counts
    // once
    GraphLayout all = GraphLayout.parseInstance((Object) some);
    GraphLayout shared = GraphLayout.parseInstance(set, calendars);
    long perClock = (all.totalSize() - shared.totalSize()) / sample;
    long perClockLog = GraphLayout.parseInstance(logs.toArray()).totalSize() / sample;
    long perClockEvents = GraphLayout.parseInstance(events.toArray()).totalSize() / sample;
    System.out.printf(
        "JOL: %d B per clock, of which the packed event log %d B (the same events as objects:"
            + " %d B), the rest (derived state) %d B%n",
        perClock, perClockLog, perClockEvents, perClock - perClockLog);
    System.out.printf(
        "snapshot of a 20-event ticket: binary %.1f B, json %.1f B (mean of 10000)%n",
        binary / 10_000.0, json / 10_000.0);
    // SlaClock.keepStoppedCycleStates: the same sampled clocks with the option on, each read once
    // (its cycles derived), then with it off again.
    long stopped = 0;
    for (SlaClock c : some) {
      c.keepStoppedCycleStates(true);
      List<TicketEvent> h = c.events();
      Instant last = h.get(h.size() - 1).at();
      for (dev.servicekit.sla.MetricCycle m : c.evaluate(last.plus(Duration.ofHours(1))).cycles()) {
        stopped += m.stop().isPresent() ? 1 : 0;
      }
      forgetDeriver(c);
    }
    long keptPerClock = (GraphLayout.parseInstance((Object) some).totalSize() - shared.totalSize());
    for (SlaClock c : some) {
      c.keepStoppedCycleStates(false);
    }
    long offAgain = (GraphLayout.parseInstance((Object) some).totalSize() - shared.totalSize());
    System.out.printf(
        "keepStoppedCycleStates on, after a read: %d B per clock (%+d B, %.1f stopped cycles per"
            + " clock: %.0f B each); off again: %d B%n",
        keptPerClock / sample,
        keptPerClock / sample - perClock,
        stopped / (double) sample,
        (keptPerClock / sample - perClock) / (stopped / (double) sample),
        offAgain / sample);
    if (clocks[CLOCKS - 1] == null) {
      throw new AssertionError(); // keeps the clocks reachable until here
    }
  }

  /**
   * Clears the clock engine's hint of the thread that derived its last evaluation (a shared {@code
   * Thread}, not the clock's memory), so that JOL does not walk into the thread's graph, which it
   * cannot parse (hidden classes). The hint only picks a scratch for the next derivation.
   *
   * @param c the clock
   */
  public static void forgetDeriver(dev.servicekit.sla.SlaClock c) {
    try {
      java.lang.reflect.Field f = dev.servicekit.sla.SlaClock.class.getDeclaredField("engine");
      f.setAccessible(true);
      Object engine = f.get(c);
      if (engine != null) {
        java.lang.reflect.Field d = engine.getClass().getDeclaredField("deriver");
        d.setAccessible(true);
        d.set(engine, null);
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The clock's packed event log (a private field: this tool only measures it). */
  private static Object packedLog(SlaClock c) {
    try {
      java.lang.reflect.Field f = SlaClock.class.getDeclaredField("log");
      f.setAccessible(true);
      return f.get(c);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
