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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingTaskMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A record whose group is blank (empty, or only spaces, no-break ones included, and invisible
 * format characters: what a CRM sends for a missing field) is rejected as kpi-core's {@code
 * WindowedKpi} refuses it: counted, on the rejected side output, and no state is written for it.
 * Earlier builds kept it as one nameless group pooling every record without a group. A checkpoint
 * of such a build holding a blank group's window restores: the window is emitted once at its close,
 * as it would have been, and cleared.
 */
class BlankKpiGroupHarnessTest {

  private static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");
  private static final List<String> BLANKS =
      List.of("", " ", "\t", "\u00a0", "\u2007 ", "\u200b", "\ufeff\u3000");
  private static final OutputTag<Contact> LATE =
      new OutputTag<>("late", TypeInformation.of(Contact.class));
  private static final OutputTag<Contact> REJECTED =
      new OutputTag<>("rejected", TypeInformation.of(Contact.class));

  private static Contact contact(String agent, Instant at, long handleMillis) {
    return new Contact(agent, "t", "chat", "normal", "gold", at, handleMillis, 0, false);
  }

  /** A mock environment whose operator metrics land in {@code metrics}. */
  private static MockEnvironment env(InterceptingOperatorMetricGroup metrics) {
    return new MockEnvironmentBuilder()
        .setMetricGroup(
            new InterceptingTaskMetricGroup() {
              @Override
              public InternalOperatorMetricGroup getOrAddOperator(
                  OperatorID id, String name, Map<String, String> additionalVariables) {
                return metrics;
              }
            })
        .build();
  }

  /** The builder's operator over {@code groupOf}, keyed by {@code keys}. */
  private static KeyedOneInputStreamOperatorTestHarness<
          String, Contact, KpiWindow<DurationAccumulator>>
      harness(
          KeySelector<Contact, String> groupOf,
          KeySelector<Contact, String> keys,
          MockEnvironment env)
          throws Exception {
    KpiWindowOperator<Contact, DurationAccumulator> op =
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
                REJECTED));
    return env == null
        ? new KeyedOneInputStreamOperatorTestHarness<>(op, keys, Types.STRING)
        : new KeyedOneInputStreamOperatorTestHarness<>(op, keys, Types.STRING, env);
  }

  /** The keys that hold KPI windows in the operator's keyed state, on either backend. */
  private static List<String> stateKeys(KeyedOneInputStreamOperatorTestHarness<String, ?, ?> h)
      throws Exception {
    try (Stream<String> keys =
        h.getOperator()
            .<String>getKeyedStateBackend()
            .getKeys("kpi-windows", VoidNamespace.INSTANCE)) {
      return keys.sorted().toList();
    }
  }

  private static void send(KeyedOneInputStreamOperatorTestHarness<String, Contact, ?> h, Contact c)
      throws Exception {
    h.processElement(c, c.at().toEpochMilli());
  }

  private static Map<String, DurationResult> windows(
      KeyedOneInputStreamOperatorTestHarness<String, Contact, KpiWindow<DurationAccumulator>> h) {
    Map<String, DurationResult> out = new HashMap<>();
    h.extractOutputValues()
        .forEach(
            w ->
                out.merge(
                    w.group() + "@" + w.start(),
                    w.accumulator().result(),
                    (a, b) -> {
                      throw new AssertionError("emitted twice: " + w.group() + "@" + w.start());
                    }));
    return out;
  }

  /** Contacts of agents a0..a3 over about three hours, slightly out of order. */
  private static List<Contact> stream(long seed, int n) {
    Random r = new Random(seed);
    List<Contact> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long t = i * 3L * 3_600_000 / n + r.nextInt(60_000);
      out.add(contact("a" + r.nextInt(4), NINE.plusMillis(t), 1 + r.nextInt(600_000)));
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void blankGroupsAreRejectedCountedAndWriteNoState(Backend backend) throws Exception {
    for (long seed = 1; seed <= 3; seed++) {
      List<Contact> clean = stream(seed, 80);
      Map<String, DurationResult> expected;
      try (var h =
          backend.on(harness(Contact::agent, new GroupKeys<>(Contact::agent, Contact::at), null))) {
        h.open();
        for (Contact c : clean) {
          send(h, c);
        }
        h.processWatermark(NINE.plusSeconds(86_400).toEpochMilli());
        expected = windows(h);
      }
      Random r = new Random(seed);
      List<Contact> dirty = new ArrayList<>(clean);
      List<Contact> blanks = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        Contact near = dirty.get(r.nextInt(dirty.size()));
        Contact b = contact(BLANKS.get(i % BLANKS.size()), near.at(), 1_000);
        dirty.add(dirty.indexOf(near) + 1, b);
        blanks.add(b);
      }
      InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
      KeySelector<Contact, String> groupOf = Contact::agent;
      try (var h =
          backend.on(harness(groupOf, new GroupKeys<>(groupOf, Contact::at), env(metrics)))) {
        h.open();
        List<Contact> rejectedInOrder = new ArrayList<>();
        for (Contact c : dirty) {
          List<String> before = stateKeys(h);
          send(h, c);
          if (blanks.contains(c)) {
            rejectedInOrder.add(c);
            assertEquals(before, stateKeys(h), "a blank group wrote state");
          }
        }
        h.processWatermark(NINE.plusSeconds(86_400).toEpochMilli());
        assertEquals(expected, windows(h));
        assertEquals(
            rejectedInOrder,
            List.copyOf(h.getSideOutput(REJECTED)).stream().map(StreamRecord::getValue).toList());
        assertEquals(
            blanks.size(), ((Counter) metrics.get("servicekitRejectedRecords")).getCount());
        assertEquals(List.of(), stateKeys(h), "every window emitted and cleared");
      }
    }
  }

  /**
   * State an earlier build wrote for a blank group, made here by keying a record under a blank key
   * while the function sees a group (the function keeps its windows under the current key, as the
   * earlier build did for a blank group).
   */
  @ParameterizedTest
  @EnumSource(Backend.class)
  void aCheckpointHoldingABlankGroupRestoresEmitsItOnceAtItsCloseAndClearsIt(Backend backend)
      throws Exception {
    for (String blank : BLANKS) {
      OperatorSubtaskState checkpoint;
      try (var h = backend.on(harness(c -> "legacy", c -> blank, null))) {
        h.open();
        send(h, contact("x", NINE.plusSeconds(60), 2_000));
        send(h, contact("x", NINE.plusSeconds(120), 4_000));
        checkpoint = h.snapshot(1L, 1L);
      }
      KeySelector<Contact, String> groupOf = Contact::agent;
      try (var h = backend.on(harness(groupOf, new GroupKeys<>(groupOf, Contact::at), null))) {
        h.initializeState(checkpoint);
        h.open();
        assertEquals(List.of(blank), stateKeys(h), "the restored window is in state");
        Contact more = contact(blank, NINE.plusSeconds(180), 9_000);
        send(h, more); // rejected: the restored window is not fed
        assertEquals(List.of(blank), stateKeys(h));
        send(h, contact("a1", NINE.plusSeconds(240), 1_000));
        h.processWatermark(NINE.plusSeconds(7_200).toEpochMilli());
        assertEquals(
            Map.of(
                blank + "@" + NINE, new DurationResult(2, 6_000),
                "a1@" + NINE, new DurationResult(1, 1_000)),
            windows(h));
        assertEquals(
            List.of(more),
            List.copyOf(h.getSideOutput(REJECTED)).stream().map(StreamRecord::getValue).toList());
        assertEquals(List.of(), stateKeys(h), "emitted and cleared");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRevisedObservationOfABlankGroupIsRejectedAndWritesNoState(Backend backend)
      throws Exception {
    InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
    try (var h =
        backend.on(
            new KeyedOneInputStreamOperatorTestHarness<>(
                new KpiWindowOperator<>(
                    new RevisedWindowFunction<>(
                        KpiWindowsEquivalenceTest.HOURLY,
                        Duration.ZERO,
                        RatingAccumulator.class,
                        () -> RatingAccumulator.create(RatingScale.csatFivePoint()))),
                RevisedObservation::group,
                Types.STRING,
                env(metrics)))) {
      h.open();
      RevisedObservation good = new RevisedObservation("agent-1", "S-1", 1, 4, NINE);
      h.processElement(good, NINE.toEpochMilli());
      List<String> before = stateKeys(h);
      List<RevisedObservation> bad = new ArrayList<>();
      for (String blank : BLANKS) {
        RevisedObservation o = new RevisedObservation(blank, "S-2", 1, 5, NINE.plusSeconds(1));
        h.processElement(o, o.at().toEpochMilli());
        bad.add(o);
        RevisedObservation r = RevisedObservation.removal(blank, "S-1", 2, NINE.plusSeconds(2));
        h.processElement(r, r.at().toEpochMilli());
        bad.add(r);
      }
      assertEquals(before, stateKeys(h));
      assertEquals(
          bad,
          List.copyOf(h.getSideOutput(FlinkKpiWindows.REJECTED)).stream()
              .map(StreamRecord::getValue)
              .toList());
      assertEquals(
          bad.size(), ((Counter) metrics.get("servicekitRejectedObservations")).getCount());
      h.processWatermark(NINE.plusSeconds(7_200).toEpochMilli());
      List<KpiWindow<RatingAccumulator>> out = h.extractOutputValues();
      assertEquals(1, out.size());
      assertEquals("agent-1", out.get(0).group());
      assertEquals(1, out.get(0).accumulator().result().count());
    }
  }
}
