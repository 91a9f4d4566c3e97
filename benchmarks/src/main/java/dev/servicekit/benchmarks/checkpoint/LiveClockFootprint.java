package dev.servicekit.benchmarks.checkpoint;

import dev.servicekit.integrations.kafka.SlaClockTopology;
import dev.servicekit.integrations.kafka.internal.SlaClockProcessor;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketEventJson;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.openjdk.jol.info.GraphLayout;

/**
 * Prints what one entry of the Kafka adapter's live-clock cache holds in heap for tickets of 20 to
 * 10,000 events ({@link CheckpointCostBenchmark}'s ticket shape): each ticket is fed to the
 * topology's processor ({@link SlaClockProcessor}, cache on, in-memory stores, on a {@link
 * MockProcessorContext}), and its cache entry's live clock and parsed state are measured by JOL as
 * the difference between a graph of {@value #TICKETS} entries and a graph of one (so what they
 * share, the policy set and its compiled plan, is not counted). The stored value, which the entry
 * shares with an in-memory store (a copy with RocksDB), is printed apart. Run: {@code java
 * -Djdk.attach.allowAttachSelf=true -cp benchmarks/target/benchmarks.jar
 * dev.servicekit.benchmarks.checkpoint.LiveClockFootprint}.
 */
public final class LiveClockFootprint {

  private static final int TICKETS = 8;

  private LiveClockFootprint() {}

  /**
   * Entry point.
   *
   * @param args ignored
   * @throws ReflectiveOperationException if the processor's private fields moved (this tool reads
   *     them only to measure)
   */
  public static void main(String[] args) throws ReflectiveOperationException {
    SlaPolicySet set = CheckpointCostBenchmark.policySet();
    for (int n : new int[] {20, 200, 2_000, 10_000}) {
      MockProcessorContext<String, Object> context = new MockProcessorContext<>();
      SlaClockProcessor p = MockSlaProcessor.create(context, set, TICKETS);
      long streamTime = Long.MIN_VALUE;
      for (int i = 0; i < TICKETS; i++) {
        for (TicketEvent e : CheckpointCostBenchmark.ticket(new Random(18), "T-" + i, n)) {
          long ms = e.at().toEpochMilli();
          streamTime = Math.max(streamTime, ms);
          context.setCurrentStreamTimeMs(streamTime);
          p.process(
              new Record<>(
                  e.ticketId(), TicketEventJson.write(e).getBytes(StandardCharsets.UTF_8), ms));
        }
        context.resetForwards();
      }
      List<Object> clocksAndStates = new ArrayList<>();
      List<Object> clocksOnly = new ArrayList<>();
      for (Object entry : entries(p).values()) {
        dev.servicekit.benchmarks.slaclock.SlaClockFootprint.forgetDeriver(
            (dev.servicekit.sla.SlaClock) call(entry, "clock"));
        clocksAndStates.add(call(entry, "clock"));
        clocksAndStates.add(call(entry, "state"));
        clocksOnly.add(call(entry, "clock"));
      }
      long perEntry = perItem(clocksAndStates, 2);
      long perClock = perItem(clocksOnly, 1);
      // The cache's clocks keep their stopped cycles' states (SlaClock.keepStoppedCycleStates):
      // what the same clocks hold without them.
      for (Object c : clocksOnly) {
        ((dev.servicekit.sla.SlaClock) c).keepStoppedCycleStates(false);
      }
      long withoutKept = perItem(clocksOnly, 1);
      System.out.printf(
          "%,6d events: entry %,9d B (live clock %,9d B, %3.0f B per event, of which kept stopped"
              + " cycle states %,8d B; parsed state %,7d B), stored value %,8d B%n",
          n,
          perEntry,
          perClock,
          perClock / (double) n,
          perClock - withoutKept,
          perEntry - perClock,
          context
              .<KeyValueStore<String, byte[]>>getStateStore(SlaClockTopology.CLOCK_STORE)
              .get("T-0")
              .length);
    }
  }

  /**
   * Heap per item of a list of items made of {@code group} objects each, without what they share.
   */
  private static long perItem(List<Object> all, int group) {
    long many = GraphLayout.parseInstance(all.toArray()).totalSize();
    long one = GraphLayout.parseInstance(all.subList(0, group).toArray()).totalSize();
    return (many - one) / (all.size() / group - 1);
  }

  private static Map<?, ?> entries(SlaClockProcessor p) throws ReflectiveOperationException {
    Field live = SlaClockProcessor.class.getDeclaredField("live");
    live.setAccessible(true);
    Object cache = live.get(p);
    Field entries = cache.getClass().getDeclaredField("entries");
    entries.setAccessible(true);
    return (Map<?, ?>) entries.get(cache);
  }

  private static Object call(Object o, String accessor) throws ReflectiveOperationException {
    Method m = o.getClass().getDeclaredMethod(accessor);
    m.setAccessible(true);
    return m.invoke(o);
  }
}
