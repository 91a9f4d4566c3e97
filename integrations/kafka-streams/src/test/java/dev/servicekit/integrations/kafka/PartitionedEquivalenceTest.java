package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.kpi.PercentileAccumulator;
import dev.servicekit.kpi.PercentileResult;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingResult;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.kpi.WindowedKpi;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * Several input partitions give the results of one. Kafka Streams runs one task per input
 * partition, with its own stores and its own stream time, sharing nothing; here each partition is
 * one {@link TopologyTestDriver} (one task), and every record goes to the partition the Kafka
 * producer picks for its key ({@code murmur2(key) mod partitions}, {@link Utils#murmur2}).
 *
 * <ul>
 *   <li>KPIs keyed by group: the union of the partitions' windows equals one partition's windows
 *       and in-process {@link WindowedKpi}, for a stream whose disorder stays within the allowed
 *       lateness (beyond it, lateness is decided per partition's stream time: see the README).
 *   <li>SLA clocks keyed by ticket id: every ticket gets the same transitions, list for list, as on
 *       one partition, for a stream in event-time order with redeliveries.
 * </ul>
 */
class PartitionedEquivalenceTest {

  static final int PARTITIONS = 4;

  /** The partition the Kafka producer's default partitioner picks for a keyed record. */
  static int partitionOf(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
  }

  /** Records with their keys, split by partition, each partition in the stream's order. */
  static <T> List<List<T>> split(List<T> stream, Function<T, String> key) {
    List<List<T>> parts = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      parts.add(new ArrayList<>());
    }
    for (T t : stream) {
      parts.get(partitionOf(key.apply(t))).add(t);
    }
    for (List<T> part : parts) {
      assertTrue(part.size() > stream.size() / (3 * PARTITIONS), "a skewed partition");
    }
    return parts;
  }

  /** KPI surveys whose delay stays below the lateness: none is late on any partition. */
  static List<KpiEquivalenceTest.Survey> onTimeSurveys() {
    List<KpiEquivalenceTest.Survey> out = new ArrayList<>();
    Instant maxAt = Instant.MIN;
    for (KpiEquivalenceTest.Survey s : KpiEquivalenceTest.stream(23L, 8_000)) {
      if (maxAt.isAfter(s.at()) && Duration.between(s.at(), maxAt).toMinutes() >= 15) {
        continue; // later than the lateness: would be late (KpiEquivalenceTest covers those)
      }
      maxAt = maxAt.isAfter(s.at()) ? maxAt : s.at();
      out.add(s);
    }
    return out;
  }

  @Test
  void percentileAndRevisedRatingWindowsOnFourPartitionsEqualOnePartitionAndInProcess() {
    List<KpiEquivalenceTest.Survey> stream = onTimeSurveys();
    WindowedKpiTopology<KpiEquivalenceTest.Survey, PercentileAccumulator> handle =
        WindowedKpiTopology.builder(
                KpiEquivalenceTest.SURVEYS,
                PercentileAccumulator.class,
                PercentileAccumulator::create,
                KpiEquivalenceTest.HOURLY)
            .groupBy(KpiEquivalenceTest.Survey::byTeamChannel, KpiEquivalenceTest.Survey::at)
            .record((acc, s) -> acc.addMillis(s.handleMillis()))
            .allowedLateness(KpiEquivalenceTest.LATENESS)
            .inMemoryStores(true)
            .build();
    WindowedKpiTopology<KpiEquivalenceTest.Survey, RatingAccumulator> csat =
        WindowedKpiTopology.builder(
                KpiEquivalenceTest.SURVEYS,
                RatingAccumulator.class,
                () -> RatingAccumulator.create(RatingScale.csatFivePoint()),
                KpiEquivalenceTest.HOURLY)
            .groupBy(KpiEquivalenceTest.Survey::byAgent, KpiEquivalenceTest.Survey::at)
            .revised(
                KpiEquivalenceTest.Survey::response,
                KpiEquivalenceTest.Survey::revision,
                KpiEquivalenceTest.Survey::rating)
            .allowedLateness(KpiEquivalenceTest.LATENESS)
            .inMemoryStores(true)
            .build();

    // Percentiles keyed by (team, channel), the group itself.
    Map<String, PercentileResult> onePartition =
        results(
            handle,
            List.of(stream),
            KpiEquivalenceTest.Survey::byTeamChannel,
            PercentileAccumulator.class);
    Map<String, PercentileResult> fourPartitions =
        results(
            handle,
            split(stream, KpiEquivalenceTest.Survey::byTeamChannel),
            KpiEquivalenceTest.Survey::byTeamChannel,
            PercentileAccumulator.class);
    WindowedKpi<String, PercentileAccumulator> inProcess =
        WindowedKpi.create(
            PercentileAccumulator::create, KpiEquivalenceTest.HOURLY, KpiEquivalenceTest.LATENESS);
    for (KpiEquivalenceTest.Survey s : stream) {
      inProcess.recordLong(
          s.byTeamChannel(), s.at(), PercentileAccumulator::addMillis, s.handleMillis());
    }
    assertEquals(0, inProcess.droppedLate());
    Map<String, PercentileResult> expected = new HashMap<>();
    for (String g : inProcess.groups()) {
      inProcess.windows(g).forEach((start, acc) -> expected.put(g + "@" + start, acc.result()));
    }
    assertEquals(expected, onePartition);
    assertEquals(expected, fourPartitions);

    // Revised ratings keyed by a prefix of the group (the team): a (group, window) is still in
    // one partition, since every record of an agent carries the agent's team.
    Map<String, RatingResult> csatOne =
        results(csat, List.of(stream), s -> s.team(), RatingAccumulator.class);
    Map<String, RatingResult> csatFour =
        results(csat, split(stream, s -> s.team()), s -> s.team(), RatingAccumulator.class);
    assertEquals(csatOne, csatFour);
    assertTrue(csatOne.size() > 100, "windows: " + csatOne.size());
  }

  @SuppressWarnings("unchecked")
  private static <A extends dev.servicekit.kpi.KpiAccumulator<A, R>, R> Map<String, R> results(
      WindowedKpiTopology<KpiEquivalenceTest.Survey, A> topology,
      List<List<KpiEquivalenceTest.Survey>> partitions,
      Function<KpiEquivalenceTest.Survey, String> key,
      Class<A> type) {
    Map<String, R> out = new HashMap<>();
    for (List<KpiEquivalenceTest.Survey> part : partitions) {
      List<KpiEquivalenceTest.Survey> late = new ArrayList<>();
      Map<String, A> windows = KpiEquivalenceTest.run(topology, part, type, late, key);
      assertEquals(List.of(), late);
      windows.forEach(
          (k, v) -> assertEquals(null, out.put(k, v.result()), "in two partitions: " + k));
    }
    return out;
  }

  @Test
  void slaTransitionsOnFourPartitionsEqualOnePartitionTicketByTicket() {
    List<TicketEvent> stream = new ArrayList<>(SlaEquivalenceTest.stream(29L, 600));
    stream.sort(TicketEvent.ORDER.thenComparing(TicketEvent::ticketId)); // event-time order
    Map<String, List<SlaTransition>> one = transitions(List.of(stream));
    Map<String, List<SlaTransition>> four = transitions(split(stream, TicketEvent::ticketId));
    assertEquals(one.keySet(), four.keySet());
    for (String t : one.keySet()) {
      assertEquals(one.get(t), four.get(t), t);
    }
    assertTrue(
        one.values().stream()
            .flatMap(List::stream)
            .anyMatch(t -> t.kind() == SlaTransition.Kind.BREACHED));
  }

  private static Map<String, List<SlaTransition>> transitions(List<List<TicketEvent>> partitions) {
    Instant end = SlaEquivalenceTest.START.plus(Duration.ofDays(6));
    Map<String, List<SlaTransition>> out = new HashMap<>();
    for (List<TicketEvent> part : partitions) {
      try (TopologyTestDriver d =
          SlaClockTopologyTest.driver(
              SlaClockTopologyTest.topology().inMemoryStores(true).build())) {
        TestInputTopic<String, TicketEvent> in = SlaClockTopologyTest.in(d);
        for (TicketEvent e : part) {
          SlaClockTopologyTest.pipe(in, e);
        }
        // Later traffic on the partition moves its stream time to the end: every timer fires.
        SlaClockTopologyTest.pipe(
            in, TicketEvent.Created.byCustomer("zz-clock", "zz", end, Map.of(), Set.of()));
        for (SlaTransition t : SlaClockTopologyTest.out(d).readValuesToList()) {
          if (!t.ticketId().equals("zz-clock")) {
            out.computeIfAbsent(t.ticketId(), k -> new ArrayList<>()).add(t);
          }
        }
      }
    }
    return out;
  }
}
