package dev.servicekit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.examples.EnginesAgreeOnKpiWindowsTest.Rec;
import dev.servicekit.examples.EnginesAgreeOnSlaTransitionsTest.Bad;
import dev.servicekit.examples.EnginesAgreeOnSlaTransitionsTest.In;
import dev.servicekit.examples.EnginesAgreeOnSlaTransitionsTest.Outcome;
import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.DurationResult;
import dev.servicekit.kpi.WindowedKpi;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Scaling out keeps each key's output: the histories of {@link EnginesAgreeOnSlaTransitionsTest}
 * (corrections, redeliveries, bad and mis-keyed records, retention) and the KPI records of {@link
 * EnginesAgreeOnKpiWindowsTest}, run on 2 to 4 Kafka partitions or Flink subtasks against 1.
 *
 * <p>Kafka: one {@code TopologyTestDriver} per partition (a task: its own stores and stream time),
 * each record on the partition the producer's default partitioner picks for its key, each task's
 * stream time moved to the end once its records are in. Flink: one operator harness per subtask,
 * holding the key groups Flink assigns it (maximum parallelism 128), each record sent to its key's
 * subtask and every watermark to every subtask, as a {@code keyBy} after a source of parallelism 1
 * sends them.
 *
 * <p>What is invariant, and under which condition (README, "Keys and partitioning" and Flink's
 * "Parallelism"):
 *
 * <ul>
 *   <li>Flink, any disorder: per ticket the same transitions in the same order, the same rejected
 *       and released events, the same clocks in state, and the counters summed over the subtasks
 *       equal one subtask's. Every subtask sees the same watermarks, so an event is late on all or
 *       on none. Flink's KPI windows likewise, at parallelism 1 and 4 on a MiniCluster after a
 *       source of parallelism 1 ({@link #flinkKpiWindowsAtParallelismOneAndFourAreTheSame}).
 *   <li>Kafka, the same, for records that are never behind the task's time of one partition (a
 *       grace G at least the disorder, each ticket's events in time order, corrections and bad
 *       records stamped with the largest timestamp so far), with or without a retention. Each
 *       partition's stream time is at most one partition's, so an event on time there is on time on
 *       its own partition, and a timer fires at its exact instant whichever record moves time.
 *   <li>Kafka, late events (G = 0, some events hours late): a late event is evaluated at its own
 *       partition's time, which is earlier than one partition's, so the ticket's transitions may
 *       carry other instants ({@link #aLateEventIsEvaluatedAtItsOwnPartitionsTime}), exactly those
 *       of the oracle of {@link EnginesAgreeOnSlaTransitionsTest} run on each partition's records;
 *       every other ticket's list, each cycle's last transition (what a consumer ends holding), the
 *       clocks, the rejected records and the counters stay the same.
 *   <li>Kafka KPI windows: a record is late when its window's end plus the lateness has passed on
 *       its own partition, so a record late on one partition can be counted on several: the
 *       windows, late and rejected records equal an oracle applying {@code WindowedKpi}'s rule per
 *       partition, the late records on several partitions are a subset of those on one, and when no
 *       record is late on one partition all agree.
 * </ul>
 */
class EnginesScaleOutProperties {

  static final long GRACE = Duration.ofMinutes(30).toMillis();
  static final EnginesAgreeOnSlaTransitionsTest.World W = EnginesAgreeOnSlaTransitionsTest.WORLD;

  static Duration retention(int kind) {
    return switch (kind) {
      case 1 -> Duration.ofHours(2);
      case 2 -> Duration.ofHours(12);
      default -> null;
    };
  }

  @Property(tries = 25)
  void kafkaPartitionsGiveEveryTicketTheTransitionsOfOneWithinTheGrace(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 4) int partitions,
      @ForAll @IntRange(min = 0, max = 2) int retention,
      @ForAll boolean cache)
      throws Exception {
    List<In> inputs = EnginesAgreeOnSlaTransitionsTest.inputs(seed, 12, GRACE);
    assertEquals(Set.of(), lateTickets(inputs, GRACE), "the generator keeps within the grace");
    Duration r = retention(retention);
    Outcome one = EnginesAgreeOnSlaTransitionsTest.kafka(W, inputs, GRACE, r, 0, 1);
    Outcome many =
        EnginesAgreeOnSlaTransitionsTest.kafka(W, inputs, GRACE, r, cache ? 3 : 0, partitions);
    same(one, many, "Kafka, " + partitions + " partitions, retention " + r);
  }

  @Property(tries = 25)
  void flinkSubtasksGiveEveryTicketTheTransitionsOfOne(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 4) int parallelism,
      @ForAll boolean grace,
      @ForAll @IntRange(min = 0, max = 2) int retention,
      @ForAll boolean cache)
      throws Exception {
    long g = grace ? GRACE : 0; // without a grace, events arrive hours late
    List<In> inputs = EnginesAgreeOnSlaTransitionsTest.inputs(seed, 12, g);
    Duration r = retention(retention);
    Outcome one = EnginesAgreeOnSlaTransitionsTest.flink(W, inputs, g, r, 0, 1);
    Outcome many =
        EnginesAgreeOnSlaTransitionsTest.flink(W, inputs, g, r, cache ? 3 : 0, parallelism);
    same(one, many, "Flink, parallelism " + parallelism + ", grace " + g + ", retention " + r);
  }

  @Property(tries = 25)
  void kafkaPartitionsChangeOnlyTheInstantsOfTicketsWithLateEvents(
      @ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int partitions) throws Exception {
    List<In> inputs = EnginesAgreeOnSlaTransitionsTest.inputs(seed, 12, 0);
    Set<String> late = lateTickets(inputs, 0);
    Outcome one = EnginesAgreeOnSlaTransitionsTest.kafka(W, inputs, 0, null, 0, 1);
    Outcome many = EnginesAgreeOnSlaTransitionsTest.kafka(W, inputs, 0, null, 0, partitions);
    String what = "Kafka, " + partitions + " partitions, late tickets " + late;
    Set<String> tickets = new TreeSet<>(one.transitions().keySet());
    tickets.addAll(many.transitions().keySet());
    boolean differs = false;
    for (String t : tickets) {
      List<SlaTransition> a = one.transitions().getOrDefault(t, List.of());
      List<SlaTransition> b = many.transitions().getOrDefault(t, List.of());
      if (!late.contains(t)) {
        EnginesAgreeOnSlaTransitionsTest.sameList(what + ": " + t, a, b);
      } else {
        differs |= !a.equals(b);
      }
      assertEquals(held(a), held(b), what + ": " + t + ", what a consumer ends holding");
    }
    sameButTransitions(one, many, what);
    // each partition's lists are exactly the README's rule applied to its own records
    Outcome perPartition = oraclePerPartition(inputs, partitions);
    for (String t : tickets) {
      EnginesAgreeOnSlaTransitionsTest.sameList(
          what + ": " + t + ", the oracle on its partition (expected) and Kafka (actual)",
          perPartition.transitions().getOrDefault(t, List.of()),
          many.transitions().getOrDefault(t, List.of()));
    }
    Statistics.label("a late ticket's list differs").collect(differs);
  }

  /**
   * Corrections stamped below the largest timestamp their partition has seen (a CRM's edit queued
   * and sent late, or stamped with the time of the edited event): the README evaluates a correction
   * at the task's time (stream time minus grace, or the ticket's latest event if later), which such
   * a record does not move, so on 1 to 4 partitions each ticket's transitions, list for list, are
   * the oracle's on each partition's records (on one partition, those of the same corrections
   * stamped with the largest timestamp so far), and the rejected records, counters, clocks and what
   * a consumer ends holding are those of the corrections stamped so. With a grace within the
   * generator's disorder and without one (late events).
   */
  @Property(tries = 25)
  void kafkaCorrectionsStampedBehindTheirPartitionsTimeAreEvaluatedAtTheTasksTime(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int partitions, @ForAll boolean grace)
      throws Exception {
    long g = grace ? GRACE : 0;
    List<In> inputs = EnginesAgreeOnSlaTransitionsTest.inputs(seed, 12, g);
    List<In> behind = stampedBehind(inputs, partitions, new java.util.Random(seed));
    long moved = 0;
    for (int i = 0; i < inputs.size(); i++) {
      moved += inputs.get(i).timestamp() - behind.get(i).timestamp();
    }
    Outcome atTheTop = EnginesAgreeOnSlaTransitionsTest.kafka(W, inputs, g, null, 0, partitions);
    Outcome restamped = EnginesAgreeOnSlaTransitionsTest.kafka(W, behind, g, null, 0, partitions);
    String what = "Kafka, " + partitions + " partitions, grace " + g + ", corrections behind";
    if (partitions == 1) {
      same(atTheTop, restamped, what);
    } else { // stamped with the largest timestamp of all, a correction moves its partition's time
      sameButTransitions(atTheTop, restamped, what);
      for (String t : atTheTop.transitions().keySet()) {
        assertEquals(
            held(atTheTop.transitions().get(t)),
            held(restamped.transitions().getOrDefault(t, List.of())),
            what + ": " + t + ", what a consumer ends holding");
      }
    }
    Outcome oracle = oraclePerPartition(behind, partitions, g);
    Set<String> tickets = new TreeSet<>(oracle.transitions().keySet());
    tickets.addAll(restamped.transitions().keySet());
    for (String t : tickets) {
      EnginesAgreeOnSlaTransitionsTest.sameList(
          what + ": " + t + ", the oracle on its partition (expected) and Kafka (actual)",
          oracle.transitions().getOrDefault(t, List.of()),
          restamped.transitions().getOrDefault(t, List.of()));
    }
    assertEquals(oracle.rejected(), restamped.rejected(), what + ": the records rejected");
    Statistics.label("corrections moved behind").collect(moved > 0);
  }

  /**
   * {@code inputs} with every good correction re-stamped 0 to 6 hours behind the largest timestamp
   * its partition (of {@code partitions}) has seen so far, at most that timestamp: it moves no
   * partition's stream time.
   */
  static List<In> stampedBehind(List<In> inputs, int partitions, java.util.Random r) {
    long[] top = new long[partitions];
    java.util.Arrays.fill(top, Long.MIN_VALUE);
    List<In> out = new ArrayList<>();
    for (In in : inputs) {
      int p = EnginesAgreeOnSlaTransitionsTest.partitionOf(in.key(), partitions);
      if (in.bad() == Bad.NONE
          && in.value() instanceof dev.servicekit.sla.EventCorrection
          && top[p] != Long.MIN_VALUE) {
        long ts = top[p] - (long) (r.nextDouble() * Duration.ofHours(6).toMillis());
        out.add(new In(in.value(), in.key(), Math.min(ts, in.timestamp()), in.bad()));
      } else {
        out.add(in);
      }
      top[p] = Math.max(top[p], out.get(out.size() - 1).timestamp());
    }
    return out;
  }

  /** {@link EnginesAgreeOnSlaTransitionsTest.Oracle} run on each partition's records, merged. */
  static Outcome oraclePerPartition(List<In> inputs, int partitions) {
    return oraclePerPartition(inputs, partitions, 0);
  }

  /** As {@link #oraclePerPartition(List, int)}, with a grace. */
  static Outcome oraclePerPartition(List<In> inputs, int partitions, long graceMillis) {
    List<List<In>> parts = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      parts.add(new ArrayList<>());
    }
    for (In i : inputs) {
      parts.get(EnginesAgreeOnSlaTransitionsTest.partitionOf(i.key(), partitions)).add(i);
    }
    List<Outcome> each = new ArrayList<>();
    for (List<In> part : parts) {
      each.add(new EnginesAgreeOnSlaTransitionsTest.Oracle(W).run(part, graceMillis));
    }
    return EnginesAgreeOnSlaTransitionsTest.merged(each);
  }

  /** Checks everything {@code one} and {@code many} hold: they must be equal. */
  static void same(Outcome one, Outcome many, String what) {
    Set<String> tickets = new TreeSet<>(one.transitions().keySet());
    tickets.addAll(many.transitions().keySet());
    for (String t : tickets) {
      EnginesAgreeOnSlaTransitionsTest.sameList(
          what + ": " + t + ", one (expected) and several (actual)",
          one.transitions().getOrDefault(t, List.of()),
          many.transitions().getOrDefault(t, List.of()));
    }
    assertEquals(one.released(), many.released(), what + ": the events routed as released");
    sameButTransitions(one, many, what);
  }

  private static void sameButTransitions(Outcome one, Outcome many, String what) {
    assertEquals(one.rejected(), many.rejected(), what + ": the records rejected");
    assertEquals(one.reasons(), many.reasons(), what + ": in the same words");
    assertEquals(one.counters(), many.counters(), what + ": the counters, summed");
    assertEquals(one.clocks().keySet(), many.clocks().keySet(), what + ": the tickets held");
    for (Map.Entry<String, SlaClock> c : one.clocks().entrySet()) {
      SlaClock other = many.clocks().get(c.getKey());
      assertEquals(
          EnginesAgreeOnSlaTransitionsTest.sorted(c.getValue().events()),
          EnginesAgreeOnSlaTransitionsTest.sorted(other.events()),
          what + ": " + c.getKey());
      assertEquals(
          EnginesAgreeOnSlaTransitionsTest.evaluateOrNull(
              c.getValue(), EnginesAgreeOnSlaTransitionsTest.END),
          EnginesAgreeOnSlaTransitionsTest.evaluateOrNull(
              other, EnginesAgreeOnSlaTransitionsTest.END),
          what + ": " + c.getKey());
    }
  }

  /**
   * The tickets with an event that arrives behind one partition's task time (stream time, the
   * largest record timestamp so far, minus the grace): on another partition its time may be
   * earlier. Only first arrivals count: a redelivery is a duplicate, evaluated at nothing.
   */
  static Set<String> lateTickets(List<In> inputs, long graceMillis) {
    Set<String> late = new TreeSet<>();
    Set<TicketEvent> seen = new HashSet<>();
    long maxSeen = Long.MIN_VALUE;
    for (In in : inputs) {
      maxSeen = Math.max(maxSeen, in.timestamp());
      if (in.bad() == Bad.NONE
          && in.value() instanceof TicketEvent e
          && seen.add(e)
          && e.at().toEpochMilli() < maxSeen - graceMillis) {
        late.add(e.ticketId());
      }
    }
    return late;
  }

  /** Per cycle, its last transition's state, warning and escalation level. */
  static Map<String, String> held(List<SlaTransition> ts) {
    Map<String, String> m = new TreeMap<>();
    for (SlaTransition t : ts) {
      m.put(
          t.metric() + "#" + t.cycle(),
          t.state().map(Object::toString).orElse("-")
              + " "
              + t.warningPercent()
              + " "
              + SlaTransition.level(t.escalation()));
    }
    return m;
  }

  /** Two tickets whose keys go to different partitions of two. */
  static String[] twoPartitions() {
    String b = "T-b";
    for (int i = 0; ; i++) {
      String a = "T-a" + i;
      if (EnginesAgreeOnSlaTransitionsTest.partitionOf(a, 2)
              != EnginesAgreeOnSlaTransitionsTest.partitionOf(b, 2)
          && org.apache.flink.runtime.state.KeyGroupRangeAssignment.assignKeyToParallelOperator(
                  a, EnginesAgreeOnSlaTransitionsTest.MAX_PARALLELISM, 2)
              != org.apache.flink.runtime.state.KeyGroupRangeAssignment.assignKeyToParallelOperator(
                  b, EnginesAgreeOnSlaTransitionsTest.MAX_PARALLELISM, 2)) {
        return new String[] {a, b};
      }
    }
  }

  /**
   * Why Kafka's lists are per partition when events are late: ticket a is created at 07:00 and
   * arrives after ticket b's creation at 10:00 moved stream time. On one partition its creation is
   * evaluated at 10:00 (the task's time), on two, where b's record went elsewhere, at 07:00. Flink
   * evaluates it at the watermark, 10:00, on one subtask and on two: every subtask sees it.
   */
  @Example
  void aLateEventIsEvaluatedAtItsOwnPartitionsTime() throws Exception {
    String[] t = twoPartitions();
    Instant start = EnginesAgreeOnSlaTransitionsTest.START;
    TicketEvent b =
        TicketEvent.Created.byCustomer(
            t[1], "b", start.plus(Duration.ofHours(4)), Map.of(), Set.of());
    TicketEvent a =
        TicketEvent.Created.byCustomer(
            t[0], "a", start.plus(Duration.ofHours(1)), Map.of(), Set.of());
    List<In> inputs =
        List.of(EnginesAgreeOnSlaTransitionsTest.ev(b), EnginesAgreeOnSlaTransitionsTest.ev(a));
    assertEquals(Set.of(t[0]), lateTickets(inputs, 0));
    Outcome one = EnginesAgreeOnSlaTransitionsTest.kafka(W, inputs, 0, null, 0, 1);
    Outcome two = EnginesAgreeOnSlaTransitionsTest.kafka(W, inputs, 0, null, 0, 2);
    assertEquals(b.at(), one.transitions().get(t[0]).get(0).at(), "one partition: the task's time");
    assertEquals(a.at(), two.transitions().get(t[0]).get(0).at(), "two: its own partition's");
    assertNotEquals(one.transitions().get(t[0]), two.transitions().get(t[0]));
    assertEquals(held(one.transitions().get(t[0])), held(two.transitions().get(t[0])));
    assertEquals(one.transitions().get(t[1]), two.transitions().get(t[1]));
    Outcome flinkOne = EnginesAgreeOnSlaTransitionsTest.flink(W, inputs, 0, null, 0, 1);
    Outcome flinkTwo = EnginesAgreeOnSlaTransitionsTest.flink(W, inputs, 0, null, 0, 2);
    assertEquals(b.at(), flinkOne.transitions().get(t[0]).get(0).at(), "at the watermark");
    same(flinkOne, flinkTwo, "Flink");
  }

  /**
   * And why a late event can find its ticket released on one partition and not on another: ticket
   * a, solved at 06:10, is due for release at 08:10 (a retention of 2 h); b's record at 09:00 comes
   * first, then a's customer message stamped 07:00. One partition's time is 09:00, past a's
   * deadline: a is released and the message routed. On a's own partition it is 07:00: the message
   * is applied to a's clock (which a later release takes away with it). There is no grace: the
   * message is two hours late.
   */
  @Example
  void aLateEventCanFindItsTicketReleasedOnOnePartitionOnly() throws Exception {
    String[] t = twoPartitions();
    Instant start = EnginesAgreeOnSlaTransitionsTest.START;
    Duration retention = Duration.ofHours(2);
    TicketEvent message =
        new TicketEvent.CustomerMessage(t[0], "a2", start.plus(Duration.ofHours(1)));
    List<In> inputs =
        List.of(
            EnginesAgreeOnSlaTransitionsTest.ev(TicketEvent.Created.byAgent(t[0], "a0", start)),
            EnginesAgreeOnSlaTransitionsTest.ev(
                new TicketEvent.StatusChanged(
                    t[0], "a1", start.plus(Duration.ofMinutes(10)), "solved")),
            EnginesAgreeOnSlaTransitionsTest.ev(
                TicketEvent.Created.byAgent(t[1], "b0", start.plus(Duration.ofHours(3)))),
            EnginesAgreeOnSlaTransitionsTest.ev(message));
    assertEquals(Set.of(t[0]), lateTickets(inputs, 0));
    Outcome one = EnginesAgreeOnSlaTransitionsTest.kafka(W, inputs, 0, retention, 0, 1);
    Outcome two = EnginesAgreeOnSlaTransitionsTest.kafka(W, inputs, 0, retention, 0, 2);
    assertEquals(
        Map.of(t[0], List.of(EnginesAgreeOnSlaTransitionsTest.releasedText(message))),
        one.released());
    assertEquals(Map.of(), two.released());
    assertEquals(1L, one.counters().get("released-ticket-records-total"));
    assertEquals(0L, two.counters().get("released-ticket-records-total"), "applied: not routed");
    // Flink judges the message against the watermark, 09:00, on every subtask: released
    Outcome flinkOne = EnginesAgreeOnSlaTransitionsTest.flink(W, inputs, 0, retention, 0, 1);
    assertEquals(one.released(), flinkOne.released());
    same(flinkOne, EnginesAgreeOnSlaTransitionsTest.flink(W, inputs, 0, retention, 0, 2), "Flink");
  }

  /**
   * A finished ticket's release deadline is one of its timers: an event stamped after it, arriving
   * within the grace, finds the ticket released whatever other records moved the task's time.
   * Ticket a is solved at 06:10 (released at 08:10 under a retention of 2 h) and reopened at 08:25;
   * b's record at 08:50 comes first. On one partition the task's time is then 08:20, past the
   * deadline; on a's own partition 07:55, before it. Earlier builds applied the reopen there (a's
   * clock kept, its cycles reopened) and released a on one partition, where Flink releases it on
   * any number of subtasks (the event waits for the watermark, which passes the deadline first).
   */
  @Example
  void anEventAfterTheReleaseDeadlineFindsTheTicketReleasedOnEveryPartition() throws Exception {
    String[] t = twoPartitions();
    Instant start = EnginesAgreeOnSlaTransitionsTest.START;
    Duration retention = Duration.ofHours(2);
    TicketEvent created = TicketEvent.Created.byAgent(t[0], "a0", start);
    TicketEvent solved =
        new TicketEvent.StatusChanged(t[0], "a1", start.plus(Duration.ofMinutes(10)), "solved");
    TicketEvent other =
        TicketEvent.Created.byAgent(t[1], "b0", start.plus(Duration.ofMinutes(170)));
    TicketEvent reopened =
        new TicketEvent.StatusChanged(t[0], "a2", start.plus(Duration.ofMinutes(145)), "open");
    List<In> inputs =
        List.of(
            EnginesAgreeOnSlaTransitionsTest.ev(created),
            EnginesAgreeOnSlaTransitionsTest.ev(solved),
            EnginesAgreeOnSlaTransitionsTest.ev(other),
            EnginesAgreeOnSlaTransitionsTest.ev(reopened));
    assertEquals(Set.of(), lateTickets(inputs, GRACE), "within the grace");
    Outcome flink = EnginesAgreeOnSlaTransitionsTest.flink(W, inputs, GRACE, retention, 0, 1);
    assertEquals(
        Map.of(t[0], List.of(EnginesAgreeOnSlaTransitionsTest.releasedText(reopened))),
        flink.released(),
        "Flink routes the reopen");
    same(flink, EnginesAgreeOnSlaTransitionsTest.flink(W, inputs, GRACE, retention, 0, 2), "Flink");
    Outcome one = EnginesAgreeOnSlaTransitionsTest.kafka(W, inputs, GRACE, retention, 0, 1);
    Outcome two = EnginesAgreeOnSlaTransitionsTest.kafka(W, inputs, GRACE, retention, 0, 2);
    assertEquals(flink.released(), one.released(), "Kafka, one partition, routes it too");
    assertEquals(flink.transitions(), one.transitions(), "the same transitions on both engines");
    assertEquals(flink.clocks().keySet(), one.clocks().keySet(), "the same tickets held");
    same(one, two, "Kafka, two partitions");
  }

  // ---- KPI windows on Kafka partitions ----

  @Property(tries = 12)
  void kafkaKpiWindowsFollowEachPartitionsStreamTime(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 4) int partitions,
      @ForAll @IntRange(min = 0, max = 2) int latenessKind)
      throws Exception {
    long lateness = new long[] {0, 1, 600_000}[latenessKind];
    List<Rec> recs = EnginesAgreeOnKpiWindowsTest.generate(seed, lateness);
    EnginesAgreeOnKpiWindowsTest.Outcome one = kpiOnKafka(recs, lateness, 1);
    EnginesAgreeOnKpiWindowsTest.Outcome many = kpiOnKafka(recs, lateness, partitions);
    EnginesAgreeOnKpiWindowsTest.Outcome oracleOne = kpiOracle(recs, lateness, 1);
    EnginesAgreeOnKpiWindowsTest.Outcome oracleMany = kpiOracle(recs, lateness, partitions);
    assertSameKpi(oracleOne, one, "one partition");
    assertSameKpi(oracleMany, many, partitions + " partitions");
    List<String> lateOne = text(one.late());
    List<String> lateMany = new ArrayList<>(text(many.late()));
    for (String r : lateOne) {
      lateMany.remove(r);
    }
    assertEquals(List.of(), lateMany, "late on several partitions, on time on one");
    // Without the records late on one partition (which move no stream time: each is stamped before
    // its window's end, at or before stream time), nothing is late anywhere and all agree.
    List<String> lateText = text(oracleOne.late());
    List<Rec> onTime = recs.stream().filter(r -> !lateText.contains(r.toString())).toList();
    EnginesAgreeOnKpiWindowsTest.Outcome onTimeOne = kpiOnKafka(onTime, lateness, 1);
    assertEquals(List.of(), onTimeOne.late());
    assertSameKpi(onTimeOne, kpiOnKafka(onTime, lateness, partitions), "nothing late on one");
    Statistics.label("fewer late records on several partitions")
        .collect(many.late().size() < one.late().size());
  }

  /**
   * Flink's KPI windows after a source of parallelism 1 are the same at parallelism 1 and 4, late
   * and rejected records included: every subtask sees the same watermarks, so a record is late on
   * all or on none. (With a parallel source the watermark is the slowest source subtask's, and a
   * record beyond the bounded disorder may be late in one run and not in another; README, Flink's
   * "Parallelism".)
   */
  @Example
  void flinkKpiWindowsAtParallelismOneAndFourAreTheSame() throws Exception {
    long lateness = 600_000;
    List<Rec> recs = EnginesAgreeOnKpiWindowsTest.generate(7, lateness);
    EnginesAgreeOnKpiWindowsTest.Outcome one =
        EnginesAgreeOnKpiWindowsTest.flink(recs, lateness, 1);
    EnginesAgreeOnKpiWindowsTest.Outcome four =
        EnginesAgreeOnKpiWindowsTest.flink(recs, lateness, 4);
    assertSameKpi(one, four, "Flink at parallelism 4");
    assertSameKpi(kpiOracle(recs, lateness, 1), one, "Flink against WindowedKpi's rule");
    assertTrue(!one.late().isEmpty() && !one.rejected().isEmpty(), "some late and rejected");
  }

  private static EnginesAgreeOnKpiWindowsTest.Outcome kpiOnKafka(
      List<Rec> recs, long lateness, int partitions) throws java.io.IOException {
    List<List<Rec>> parts = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      parts.add(new ArrayList<>());
    }
    for (Rec r : recs) {
      parts.get(EnginesAgreeOnSlaTransitionsTest.partitionOf(r.group(), partitions)).add(r);
    }
    Map<String, DurationResult> windows = new HashMap<>();
    List<Rec> late = new ArrayList<>();
    List<Rec> rejected = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (List<Rec> part : parts) {
      Path dir = Files.createTempDirectory("scale-out-kpi"); // a task's own state directory
      EnginesAgreeOnKpiWindowsTest.Outcome o =
          EnginesAgreeOnKpiWindowsTest.kafka(part, lateness, dir);
      o.windows().forEach((k, v) -> assertEquals(null, windows.put(k, v), k + " in two tasks"));
      late.addAll(o.late());
      rejected.addAll(o.rejected());
      reasons.addAll(o.reasons());
    }
    return new EnginesAgreeOnKpiWindowsTest.Outcome(windows, late, rejected, reasons);
  }

  /**
   * The README's rule, per partition: a record whose group is blank is rejected; else it is late
   * when its window's end plus the lateness is at or before its partition's stream time (the
   * largest record timestamp there, its own included); else the accumulator rejects a negative
   * handle time, or it is counted in its window.
   */
  static EnginesAgreeOnKpiWindowsTest.Outcome kpiOracle(List<Rec> recs, long lateness, int n) {
    long[] streamTime = new long[n];
    java.util.Arrays.fill(streamTime, Long.MIN_VALUE);
    Map<String, DurationAccumulator> windows = new HashMap<>();
    List<Rec> late = new ArrayList<>();
    List<Rec> rejected = new ArrayList<>();
    for (Rec r : recs) {
      int p = EnginesAgreeOnSlaTransitionsTest.partitionOf(r.group(), n);
      streamTime[p] = Math.max(streamTime[p], r.at());
      try {
        WindowedKpi.requireNonBlankGroup(r.group());
      } catch (IllegalArgumentException blank) {
        rejected.add(r);
        continue;
      }
      Instant start = EnginesAgreeOnKpiWindowsTest.HOURLY.start(r.time());
      long end = EnginesAgreeOnKpiWindowsTest.HOURLY.end(start).toEpochMilli();
      if (end + lateness <= streamTime[p]) {
        late.add(r);
      } else if (r.handle() < 0) {
        rejected.add(r);
      } else {
        windows
            .computeIfAbsent(r.group() + "@" + start, k -> DurationAccumulator.create())
            .addMillis(r.handle());
      }
    }
    Map<String, DurationResult> results = new HashMap<>();
    windows.forEach((k, v) -> results.put(k, v.result()));
    return new EnginesAgreeOnKpiWindowsTest.Outcome(results, late, rejected, List.of());
  }

  private static void assertSameKpi(
      EnginesAgreeOnKpiWindowsTest.Outcome expected,
      EnginesAgreeOnKpiWindowsTest.Outcome actual,
      String what) {
    assertEquals(expected.windows(), actual.windows(), what + ": windows");
    assertEquals(text(expected.late()), text(actual.late()), what + ": late records");
    assertEquals(text(expected.rejected()), text(actual.rejected()), what + ": rejected records");
  }

  private static List<String> text(List<Rec> recs) {
    return recs.stream().map(Rec::toString).sorted().toList();
  }
}
