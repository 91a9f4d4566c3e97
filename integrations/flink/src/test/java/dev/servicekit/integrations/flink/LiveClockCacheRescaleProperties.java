package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.integrations.flink.LiveClockCacheDifferentialTest.History;
import dev.servicekit.integrations.flink.LiveClockCacheDifferentialTest.Step;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A savepoint restored at another parallelism, with the live clock cache on, gives what one
 * instance without the cache gives: the histories of {@link LiveClockCacheDifferentialTest} (event
 * and processing time, late, duplicated and rejected events, orphans, retention, a skew bound) run
 * on 1 to 4 parallel instances of the function, each holding the key groups Flink assigns it (of a
 * maximum parallelism of 128), every event sent to the instance of its ticket's key group; at each
 * restore point every instance is snapshotted, the snapshots are merged and split again into the
 * key groups of the next parallelism (Flink's own redistribution, {@link
 * AbstractStreamOperatorTestHarness#repartitionOperatorState}), and new instances, with empty
 * caches, are restored from them. Per ticket, the transitions, rejected and released events (in
 * order), and the union of the instances' keyed state, timers and counters equal those of a single
 * instance without the cache restored at the same points.
 *
 * <p>All the function's state is keyed (clock, reported states, due timer, waiting events, release
 * deadline and marker, and its timers), so it is redistributed by key group and nothing of a ticket
 * stays with an instance that no longer owns it; the cache is per instance and starts empty.
 */
class LiveClockCacheRescaleProperties {

  static final int MAX_PARALLELISM = 128;

  /**
   * Runs the history with the parallelism of each of its segments (between restores) taken in turn
   * from {@code parallelisms}; returns per segment what a single instance would show.
   */
  static List<String> run(History hs, int cache, int[] parallelisms, Backend backend)
      throws Exception {
    FlinkSlaClocks.Options options = FlinkSlaClocks.Options.defaults().liveClockCache(cache);
    if (hs.retention() != null) {
      options = options.retention(hs.retention());
    }
    if (hs.skew() != null) {
      options = options.maxEventSkew(hs.skew());
    }
    List<String> transcript = new ArrayList<>();
    OperatorSubtaskState snapshot = null;
    int previous = 1;
    long now = Long.MIN_VALUE;
    int i = 0;
    int segment = 0;
    while (i < hs.steps().size()) {
      int p = parallelisms[segment % parallelisms.length];
      List<MeteredHarness> instances = new ArrayList<>();
      try {
        for (int k = 0; k < p; k++) {
          MeteredHarness h =
              new MeteredHarness(
                  FlinkSlaClocks.function(
                      Fixtures.policySet(), Fixtures.CALENDARS, hs.mode(), options),
                  MAX_PARALLELISM,
                  p,
                  k);
          instances.add(h);
          backend.on(h.harness);
          if (hs.mode() == TimeMode.PROCESSING_TIME && now != Long.MIN_VALUE) {
            h.harness.setProcessingTime(now);
          }
          if (snapshot != null) {
            h.harness.initializeState(
                AbstractStreamOperatorTestHarness.repartitionOperatorState(
                    snapshot, MAX_PARALLELISM, previous, p, k));
          }
          h.harness.open();
        }
        for (; i < hs.steps().size(); i++) {
          Step s = hs.steps().get(i);
          if (s.restore()) {
            break;
          }
          if (s.event() != null) {
            int owner =
                KeyGroupRangeAssignment.assignKeyToParallelOperator(
                    s.event().ticketId(), MAX_PARALLELISM, p);
            instances.get(owner).send(s.event());
          } else {
            for (MeteredHarness h : instances) {
              if (hs.mode() == TimeMode.EVENT_TIME) {
                h.harness.processWatermark(s.time());
              } else {
                h.harness.setProcessingTime(s.time());
              }
            }
            if (hs.mode() == TimeMode.PROCESSING_TIME) {
              now = s.time();
            }
          }
        }
        i++;
        transcript.addAll(segment(segment, instances, hs.retention() != null));
        OperatorSubtaskState[] parts = new OperatorSubtaskState[p];
        for (int k = 0; k < p; k++) {
          parts[k] = instances.get(k).harness.snapshot(i, i);
        }
        snapshot = AbstractStreamOperatorTestHarness.repackageState(parts);
        previous = p;
        segment++;
      } finally {
        for (MeteredHarness h : instances) {
          h.close();
        }
      }
    }
    return transcript;
  }

  /** What the instances showed in one segment, as one instance would show it, per ticket. */
  private static List<String> segment(int n, List<MeteredHarness> instances, boolean retention)
      throws Exception {
    Map<String, List<String>> perTicket = new TreeMap<>();
    Map<String, String> state = new TreeMap<>();
    long eventTimers = 0;
    long processingTimers = 0;
    Map<String, Long> counters = new TreeMap<>();
    List<String> names =
        new ArrayList<>(List.of("servicekitRejectedEvents", "servicekitOrphanTickets"));
    if (retention) {
      names.add("servicekitReleasedTickets");
      names.add("servicekitReleasedTicketEvents");
    }
    for (MeteredHarness h : instances) {
      for (SlaTransition t : h.harness.extractOutputValues()) {
        perTicket.computeIfAbsent(t.ticketId(), k -> new ArrayList<>()).add("out " + t);
      }
      side(h, FlinkSlaClocks.REJECTED, "rejected", perTicket);
      side(h, FlinkSlaClocks.RELEASED, "released", perTicket);
      state.putAll(StateDump.of(h.harness, retention));
      eventTimers += h.harness.numEventTimeTimers();
      processingTimers += h.harness.numProcessingTimeTimers();
      for (String c : names) {
        counters.merge(c, h.count(c), Long::sum);
      }
    }
    List<String> out = new ArrayList<>();
    out.add("segment " + n);
    perTicket.forEach((t, lines) -> lines.forEach(l -> out.add(t + " " + l)));
    state.forEach((k, v) -> out.add("state " + k + " = " + v));
    out.add("timers " + eventTimers + " " + processingTimers);
    counters.forEach((k, v) -> out.add(k + " " + v));
    return out;
  }

  private static void side(
      MeteredHarness h,
      OutputTag<TicketEvent> tag,
      String what,
      Map<String, List<String>> perTicket) {
    var q = h.harness.getSideOutput(tag);
    if (q == null) {
      return;
    }
    for (StreamRecord<TicketEvent> r : q) {
      TicketEvent e = r.getValue();
      perTicket.computeIfAbsent(e.ticketId(), k -> new ArrayList<>()).add(what + " " + e);
    }
  }

  /** One to four instances per segment, the parallelism changing at every restore. */
  static int[] parallelisms(long seed) {
    Random r = new Random(seed);
    int[] p = new int[4];
    p[0] = 1 + r.nextInt(4);
    for (int k = 1; k < p.length; k++) {
      p[k] = 1 + (p[k - 1] + r.nextInt(3)) % 4; // never the previous one
    }
    return p;
  }

  @Property(tries = 30)
  void restoringAtAnotherParallelismWithTheCacheOnChangesNothing(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int cache) throws Exception {
    History hs = LiveClockCacheDifferentialTest.history(seed);
    int[] p = parallelisms(seed);
    List<String> one = run(hs, 0, new int[] {1}, Backend.HASHMAP);
    List<String> rescaled = run(hs, cache, p, Backend.HASHMAP);
    assertEquals(one, rescaled, hs.shape() + ", parallelism " + java.util.Arrays.toString(p));
    Statistics.label("parallel").collect(p[0] > 1 || p[1] > 1);
  }

  @ParameterizedTest
  @CsvSource({"7, 2", "8, 64"})
  void restoringAtAnotherParallelismWithTheCacheOnChangesNothingOnRocksDb(long seed, int cache)
      throws Exception {
    History hs = LiveClockCacheDifferentialTest.history(seed);
    int[] p = {3, 1, 2, 4};
    List<String> one = run(hs, 0, new int[] {1}, Backend.ROCKSDB);
    List<String> rescaled = run(hs, cache, p, Backend.ROCKSDB);
    assertEquals(one, rescaled, hs.shape());
    assertTrue(one.stream().anyMatch(l -> l.startsWith("segment 1")), "restored at least once");
  }
}
