package dev.servicekit.benchmarks.checkpoint;

import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaClockSnapshot;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import java.util.List;
import java.util.Random;
import org.openjdk.jol.info.GraphLayout;

/**
 * Prints what one entry of the Kafka adapter's live-clock cache holds in heap for tickets of 20 to
 * 10,000 events ({@link CheckpointCostBenchmark}'s ticket shape): the live clock, fed the events in
 * order and read after each as the processor does, measured by JOL as the difference between a
 * graph of {@value #CLOCKS} such clocks and a graph of one (so what they share, the policy set and
 * its compiled plan, is not counted), and the clock's snapshot bytes (the stored value is these
 * plus about 20 B per reported cycle; with RocksDB stores the cache keeps a copy of it). Run:
 * {@code java -Djdk.attach.allowAttachSelf=true -cp benchmarks/target/benchmarks.jar
 * dev.servicekit.benchmarks.checkpoint.LiveClockFootprint}.
 */
public final class LiveClockFootprint {

  private static final int CLOCKS = 8;

  private LiveClockFootprint() {}

  /**
   * Entry point.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    SlaPolicySet set = CheckpointCostBenchmark.policySet();
    for (int n : new int[] {20, 200, 2_000, 10_000}) {
      SlaClock[] clocks = new SlaClock[CLOCKS];
      long snapshot = 0;
      for (int i = 0; i < CLOCKS; i++) {
        List<TicketEvent> ticket = CheckpointCostBenchmark.ticket(new Random(18), "T-" + i, n);
        SlaClock c = SlaClock.of(set, CheckpointCostBenchmark.CALENDARS, "T-" + i);
        for (TicketEvent e : ticket) {
          c.accept(e);
          c.evaluate(e.at()).nextTransition(); // read, as the processor reads after each event
        }
        clocks[i] = c;
        snapshot += SlaClockSnapshot.toBytes(c).length;
      }
      long all = GraphLayout.parseInstance((Object) clocks).totalSize();
      long one = GraphLayout.parseInstance((Object) new SlaClock[] {clocks[0]}).totalSize();
      long perClock = (all - one) / (CLOCKS - 1);
      System.out.printf(
          "%,6d events: live clock %,9d B (%5.0f B per event), snapshot %,8d B%n",
          n, perClock, perClock / (double) n, snapshot / CLOCKS);
    }
  }
}
