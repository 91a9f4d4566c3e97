package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The live clock cache ({@link FlinkSlaClocks.Options#liveClockCache(int)}) changes nothing but the
 * cost: over generated histories (several tickets, long and short, orphans, in order or shuffled,
 * duplicated and rejected events, watermarks that leave events late, processing time, retention on
 * and off, a skew bound, checkpoints restored in the middle into new function instances), a
 * function with a small cache (frequent evictions) and one without emit the same transitions and
 * side outputs in the same order and hold byte-identical keyed state at every checkpoint and at the
 * end, on the heap backend and on RocksDB.
 */
class LiveClockCacheDifferentialTest {

  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  /** One step of a history: an event, the operator's time moving to {@code t}, or a restore. */
  record Step(TicketEvent event, long time, boolean restore) {
    static Step ofEvent(TicketEvent e) {
      return new Step(e, 0, false);
    }

    static Step ofTime(long t) {
      return new Step(null, t, false);
    }

    static Step ofRestore() {
      return new Step(null, 0, true);
    }
  }

  /** A generated history and the function's settings. */
  record History(
      List<Step> steps, TimeMode mode, Duration retention, Duration skew, String shape) {}

  static History history(long seed) {
    Random r = new Random(seed);
    TimeMode mode = r.nextInt(4) == 0 ? TimeMode.PROCESSING_TIME : TimeMode.EVENT_TIME;
    Duration retention = r.nextBoolean() ? Duration.ofHours(1 + r.nextInt(3)) : null;
    Duration skew = r.nextInt(4) == 0 ? Duration.ofHours(2) : null;
    boolean inOrder = r.nextInt(3) == 0;
    List<TicketEvent> all = new ArrayList<>();
    int tickets = 2 + r.nextInt(4);
    for (int t = 0; t < tickets; t++) {
      String id = "T-" + t;
      Instant at = T0.plusMillis(r.nextInt(3 * 3_600_000));
      if (r.nextInt(8) != 0) { // else an orphan: no Created ever comes
        all.add(new TicketEvent.Created(id, id + "-0", at, Map.of(), Set.of()));
      }
      int n = 1 + r.nextInt(r.nextBoolean() ? 40 : 8);
      for (int i = 1; i <= n; i++) {
        at = at.plusMillis(r.nextInt(5) == 0 ? 0 : 1 + r.nextInt(40 * 60_000));
        String eid = id + "-" + i;
        int k = r.nextInt(100);
        all.add(
            i == n && r.nextBoolean()
                ? new TicketEvent.StatusChanged(id, eid, at, "solved")
                : k < 30
                    ? TicketEvent.AgentReply.publicReply(id, eid, at)
                    : k < 55
                        ? new TicketEvent.CustomerMessage(id, eid, at)
                        : k < 75
                            ? new TicketEvent.StatusChanged(id, eid, at, "pending")
                            : k < 90
                                ? new TicketEvent.StatusChanged(id, eid, at, "open")
                                : new TicketEvent.StatusChanged(id, eid, at, "solved"));
      }
    }
    all.sort(TicketEvent.ORDER);
    if (!inOrder) {
      for (int i = 0; i < all.size(); i++) {
        Collections.swap(all, i, Math.min(all.size() - 1, i + r.nextInt(6)));
      }
    }
    List<Step> steps = new ArrayList<>();
    long maxSeen = T0.toEpochMilli();
    long now = T0.toEpochMilli() - 3_600_000;
    steps.add(Step.ofTime(now));
    int restores = 1 + r.nextInt(2);
    for (int i = 0; i < all.size(); i++) {
      TicketEvent e = all.get(i);
      steps.add(Step.ofEvent(e));
      maxSeen = Math.max(maxSeen, e.at().toEpochMilli());
      int dice = r.nextInt(100);
      if (dice < 6) { // a duplicate, now or later
        steps.add(Step.ofEvent(all.get(r.nextInt(i + 1))));
      } else if (dice < 10) { // an event reusing an id with other content: rejected
        TicketEvent prev = all.get(r.nextInt(i + 1));
        steps.add(
            Step.ofEvent(
                new TicketEvent.StatusChanged(
                    prev.ticketId(), prev.id(), prev.at().plusSeconds(1), "open")));
      }
      if (r.nextInt(100) < 30) { // time moves, sometimes past events still to come (late events)
        long lag = r.nextInt(3) == 0 ? 0 : r.nextInt(45 * 60_000);
        now = Math.max(now, maxSeen - lag);
        steps.add(Step.ofTime(now));
      }
      if (restores > 0 && r.nextInt(all.size()) < 2) {
        steps.add(Step.ofRestore());
        restores--;
      }
    }
    now = maxSeen + Duration.ofHours(2).toMillis();
    steps.add(Step.ofTime(now));
    steps.add(Step.ofRestore());
    // After the releases (with a retention): events for released tickets, and new ones.
    for (int i = 0; i < 4; i++) {
      String id = "T-" + r.nextInt(tickets + 1);
      steps.add(
          Step.ofEvent(
              new TicketEvent.CustomerMessage(
                  id, id + "-late-" + i, Instant.ofEpochMilli(now - r.nextInt(3_600_000)))));
    }
    steps.add(Step.ofTime(now + Duration.ofDays(2).toMillis()));
    return new History(
        steps, mode, retention, skew, (inOrder ? "in order" : "shuffled") + ", " + mode);
  }

  /** What a run showed: outputs, side outputs and state at each restore point and at the end. */
  record Run(List<String> transcript, long hits) {}

  static Run run(History hs, int cache, Backend backend) throws Exception {
    FlinkSlaClocks.Options options = FlinkSlaClocks.Options.defaults().liveClockCache(cache);
    if (hs.retention() != null) {
      options = options.retention(hs.retention());
    }
    if (hs.skew() != null) {
      options = options.maxEventSkew(hs.skew());
    }
    List<String> transcript = new ArrayList<>();
    long hits = 0;
    OperatorSubtaskState snapshot = null;
    long now = Long.MIN_VALUE;
    int i = 0;
    while (i < hs.steps().size()) {
      MeteredHarness h =
          new MeteredHarness(
              FlinkSlaClocks.function(
                  Fixtures.policySet(), Fixtures.CALENDARS, hs.mode(), options));
      try (h) {
        backend.on(h.harness);
        if (hs.mode() == TimeMode.PROCESSING_TIME && now != Long.MIN_VALUE) {
          h.harness.setProcessingTime(now);
        }
        if (snapshot != null) {
          h.harness.initializeState(snapshot);
        }
        h.harness.open();
        for (; i < hs.steps().size(); i++) {
          Step s = hs.steps().get(i);
          if (s.restore()) {
            break;
          }
          if (s.event() != null) {
            h.send(s.event());
          } else if (hs.mode() == TimeMode.EVENT_TIME) {
            h.harness.processWatermark(s.time());
          } else {
            h.harness.setProcessingTime(s.time());
            now = s.time();
          }
        }
        i++;
        transcript.add("step " + i);
        h.harness.extractOutputValues().forEach(t -> transcript.add(line(t)));
        transcript.add("rejected " + side(h, FlinkSlaClocks.REJECTED));
        transcript.add("released " + side(h, FlinkSlaClocks.RELEASED));
        transcript.add("state " + StateDump.of(h.harness, hs.retention() != null));
        transcript.add(
            "timers " + h.harness.numEventTimeTimers() + " " + h.harness.numProcessingTimeTimers());
        for (String c : List.of("servicekitRejectedEvents", "servicekitOrphanTickets")) {
          transcript.add(c + " " + h.count(c));
        }
        if (hs.retention() != null) {
          transcript.add("releasedTickets " + h.count("servicekitReleasedTickets"));
          transcript.add("releasedEvents " + h.count("servicekitReleasedTicketEvents"));
        }
        if (cache > 0) {
          hits += h.count("servicekitLiveClockHits");
        }
        snapshot = h.harness.snapshot(i, i);
      }
    }
    return new Run(transcript, hits);
  }

  private static String line(SlaTransition t) {
    return String.valueOf(t);
  }

  private static List<String> side(MeteredHarness h, OutputTag<TicketEvent> tag) {
    var q = h.harness.getSideOutput(tag);
    return q == null
        ? List.of()
        : q.stream().map(StreamRecord::getValue).map(String::valueOf).toList();
  }

  @Property(tries = 60)
  void aSmallCacheChangesNothingOnTheHeapBackend(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int cache) throws Exception {
    History hs = history(seed);
    Run off = run(hs, 0, Backend.HASHMAP);
    Run on = run(hs, cache, Backend.HASHMAP);
    assertEquals(off.transcript(), on.transcript(), hs.shape());
    Statistics.label("cache used").collect(on.hits() > 0);
    Statistics.label("cache used").coverage(c -> c.check(true).percentage(p -> p > 60));
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "2, 2", "3, 3", "4, 1", "5, 2", "6, 64"})
  void aSmallCacheChangesNothingOnRocksDb(long seed, int cache) throws Exception {
    History hs = history(seed);
    Run off = run(hs, 0, Backend.ROCKSDB);
    Run on = run(hs, cache, Backend.ROCKSDB);
    assertEquals(off.transcript(), on.transcript(), hs.shape());
    assertTrue(on.hits() > 0, "the cache was used");
  }
}
