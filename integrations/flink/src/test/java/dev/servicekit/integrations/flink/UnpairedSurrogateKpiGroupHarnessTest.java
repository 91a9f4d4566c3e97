package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.integrations.flink.internal.GroupKeys;
import dev.servicekit.integrations.flink.internal.KpiWindowFunction;
import dev.servicekit.integrations.flink.internal.KpiWindowOperator;
import dev.servicekit.integrations.flink.internal.RevisedWindowFunction;
import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.DurationResult;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.kpi.WindowedKpi;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A record whose group has an unpaired surrogate is refused as kpi-core's {@code WindowedKpi} and
 * the Kafka adapter refuse it, in kpi-core's words; earlier builds kept it (Flink keys by the Java
 * string). A checkpoint of such a build holding that group's window restores: the window is emitted
 * once at its close, as it would have been, and cleared; records for the group are rejected from
 * the restore on without touching it.
 */
class UnpairedSurrogateKpiGroupHarnessTest {

  private static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");
  private static final List<String> LONE =
      List.of("\uD800", "a\uDC00", "agent-\uD83D", "\uDE00\uD83D\uDE00", "x\uDBFF\uDBFF");
  private static final OutputTag<Contact> LATE =
      new OutputTag<>("late", TypeInformation.of(Contact.class));
  private static final OutputTag<Contact> REJECTED =
      new OutputTag<>("rejected", TypeInformation.of(Contact.class));

  private static Contact contact(String agent, Instant at, long handleMillis) {
    return new Contact(agent, "t", "chat", "normal", "gold", at, handleMillis, 0, false);
  }

  private static KeyedOneInputStreamOperatorTestHarness<
          String, Contact, KpiWindow<DurationAccumulator>>
      harness(KeySelector<Contact, String> groupOf, KeySelector<Contact, String> keys)
          throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KpiWindowOperator<>(
            new KpiWindowFunction<Contact, DurationAccumulator>(
                KpiWindowsEquivalenceTest.HOURLY,
                Duration.ZERO,
                DurationAccumulator.class,
                DurationAccumulator::create,
                groupOf,
                Contact::at,
                (acc, c) -> acc.addMillis(c.handleMillis()),
                LATE,
                REJECTED)),
        keys,
        Types.STRING);
  }

  private static KeyedOneInputStreamOperatorTestHarness<
          String, RevisedObservation, KpiWindow<RatingAccumulator>>
      revisedHarness(KeySelector<RevisedObservation, String> keys) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KpiWindowOperator<>(
            new RevisedWindowFunction<>(
                KpiWindowsEquivalenceTest.HOURLY,
                Duration.ZERO,
                RatingAccumulator.class,
                () -> RatingAccumulator.create(RatingScale.csatFivePoint()))),
        keys,
        Types.STRING);
  }

  /** The keys holding windows in state {@code name}, on either backend. */
  private static List<String> stateKeys(
      KeyedOneInputStreamOperatorTestHarness<String, ?, ?> h, String name) throws Exception {
    try (Stream<String> keys =
        h.getOperator().<String>getKeyedStateBackend().getKeys(name, VoidNamespace.INSTANCE)) {
      return keys.sorted().toList();
    }
  }

  /** What in-process kpi-core says of a record of {@code group} at a good time. */
  private static String kpiCore(String group) {
    try {
      WindowedKpi.<String, DurationAccumulator>create(
              DurationAccumulator::create, KpiWindowsEquivalenceTest.HOURLY, Duration.ZERO)
          .record(group, NINE, acc -> acc.addMillis(1));
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static List<String> errors(KeyedOneInputStreamOperatorTestHarness<?, ?, ?> h)
      throws Exception {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<String> out = new java.util.ArrayList<>();
    for (StreamRecord<String> r : h.getSideOutput(FlinkKpiWindows.REJECTION_REASONS)) {
      out.add(json.readTree(r.getValue()).get("error").asText());
    }
    return out;
  }

  /**
   * State an earlier build wrote for such a group, made here by keying records under it while the
   * function sees a good group (the function keeps its windows under the current key, as the
   * earlier build did for a group it accepted).
   */
  @ParameterizedTest
  @EnumSource(Backend.class)
  void aCheckpointHoldingSuchAGroupRestoresEmitsItOnceAtItsCloseAndClearsIt(Backend backend)
      throws Exception {
    for (String lone : LONE) {
      OperatorSubtaskState checkpoint;
      try (var h = backend.on(harness(c -> "legacy", c -> lone))) {
        h.open();
        h.processElement(contact("x", NINE.plusSeconds(60), 2_000), NINE.toEpochMilli());
        h.processElement(contact("x", NINE.plusSeconds(120), 4_000), NINE.toEpochMilli());
        checkpoint = h.snapshot(1L, 1L);
      }
      KeySelector<Contact, String> groupOf = Contact::agent;
      try (var h = backend.on(harness(groupOf, new GroupKeys<>(groupOf, Contact::at)))) {
        h.initializeState(checkpoint);
        h.open();
        assertEquals(List.of(lone), stateKeys(h, "kpi-windows"), "the restored window");
        Contact more = contact(lone, NINE.plusSeconds(180), 9_000);
        h.processElement(more, NINE.toEpochMilli()); // rejected: the window is not fed
        assertEquals(List.of(lone), stateKeys(h, "kpi-windows"));
        h.processElement(contact("a1", NINE.plusSeconds(240), 1_000), NINE.toEpochMilli());
        h.processWatermark(NINE.plusSeconds(7_200).toEpochMilli());
        Map<String, DurationResult> got = new HashMap<>();
        h.extractOutputValues()
            .forEach(
                w ->
                    assertEquals(
                        null, got.put(w.group() + "@" + w.start(), w.accumulator().result())));
        assertEquals(
            Map.of(
                lone + "@" + NINE, new DurationResult(2, 6_000),
                "a1@" + NINE, new DurationResult(1, 1_000)),
            got);
        assertEquals(
            List.of(more),
            List.copyOf(h.getSideOutput(REJECTED)).stream().map(StreamRecord::getValue).toList());
        assertEquals(List.of(kpiCore(lone)), errors(h), "kpi-core's words");
        assertEquals(List.of(), stateKeys(h, "kpi-windows"), "emitted and cleared");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRevisedCheckpointHoldingSuchAGroupRestoresEmitsItOnceAtItsCloseAndClearsIt(Backend backend)
      throws Exception {
    for (String lone : LONE) {
      OperatorSubtaskState checkpoint;
      try (var h = backend.on(revisedHarness(o -> lone))) {
        h.open();
        h.processElement(
            new RevisedObservation("legacy", "S-1", 1, 4, NINE.plusSeconds(60)),
            NINE.toEpochMilli());
        h.processElement(
            new RevisedObservation("legacy", "S-2", 1, 2, NINE.plusSeconds(90)),
            NINE.toEpochMilli());
        checkpoint = h.snapshot(1L, 1L);
      }
      try (var h =
          backend.on(
              revisedHarness(new GroupKeys<>(RevisedObservation::group, RevisedObservation::at)))) {
        h.initializeState(checkpoint);
        h.open();
        String state = "kpi-windows";
        List<String> restored = stateKeys(h, state);
        assertEquals(List.of(lone), restored, "the restored window");
        RevisedObservation more = new RevisedObservation(lone, "S-1", 2, 5, NINE.plusSeconds(120));
        h.processElement(more, NINE.toEpochMilli()); // rejected: the window is not revised
        h.processWatermark(NINE.plusSeconds(7_200).toEpochMilli());
        List<KpiWindow<RatingAccumulator>> out = h.extractOutputValues();
        assertEquals(1, out.size());
        assertEquals(lone, out.get(0).group());
        assertEquals(NINE, out.get(0).start());
        assertEquals(2, out.get(0).accumulator().result().count());
        assertEquals(6, out.get(0).accumulator().result().sum());
        assertEquals(
            List.of(more),
            List.copyOf(h.getSideOutput(FlinkKpiWindows.REJECTED)).stream()
                .map(StreamRecord::getValue)
                .toList());
        assertEquals(List.of(kpiCore(lone)), errors(h), "kpi-core's words");
        assertEquals(List.of(), stateKeys(h, state), "emitted and cleared");
      }
    }
  }
}
