package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servicekit.integrations.flink.internal.GroupKeys;
import dev.servicekit.integrations.flink.internal.KpiWindowFunction;
import dev.servicekit.integrations.flink.internal.KpiWindowOperator;
import dev.servicekit.integrations.flink.internal.RevisedWindowFunction;
import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.KeyCodec;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.kpi.RevisedValues;
import dev.servicekit.kpi.WindowedKpi;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingTaskMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link FlinkKpiWindows#REJECTION_REASONS}: every record the KPI windows reject (the builder's and
 * {@code revised}'s) has exactly one reason, in the order of the rejected records, naming the
 * record's group (and id, revision, time) and carrying the message in-process kpi-core gives for
 * the same record: a fresh {@link WindowedKpi} table's {@code record}, the accumulator's, or {@link
 * RevisedValues}'s. Earlier builds sent the record alone: a user could not tell why.
 */
class KpiRejectionReasonsHarnessTest {

  private static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant FAR = Instant.parse("2999-01-01T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RatingScale CSAT = RatingScale.csatFivePoint();
  private static final TypeInformation<Contact> CONTACTS = TypeInformation.of(Contact.class);
  private static final OutputTag<Contact> LATE = new OutputTag<>("late", CONTACTS);
  private static final OutputTag<Contact> REJECTED = new OutputTag<>("rejected", CONTACTS);

  /** The group of a contact; the agent {@code boom} makes it throw. */
  private static final KeySelector<Contact, String> GROUP_OF =
      c -> {
        if ("boom".equals(c.agent())) {
          throw new IllegalStateException("no group for agent boom");
        }
        return c.agent();
      };

  /** The update: a channel starting with {@code !} makes it refuse the record with a long text. */
  private static final FlinkKpiWindows.Update<DurationAccumulator, Contact> UPDATE =
      (acc, c) -> {
        if (c.channel().startsWith("!")) {
          throw new IllegalArgumentException("refused in channel " + c.channel());
        }
        acc.addMillis(c.handleMillis());
      };

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

  /** The builder's operator as {@code aggregate} builds it, with {@code rejected} (or none). */
  private static KeyedOneInputStreamOperatorTestHarness<
          String, Contact, KpiWindow<DurationAccumulator>>
      builderHarness(
          Backend backend, OutputTag<Contact> rejected, InterceptingOperatorMetricGroup metrics)
          throws Exception {
    return backend.on(
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KpiWindowOperator<>(
                new KpiWindowFunction<Contact, DurationAccumulator>(
                    KpiWindowsEquivalenceTest.HOURLY,
                    Duration.ZERO,
                    DurationAccumulator.class,
                    DurationAccumulator::create,
                    GROUP_OF,
                    Contact::at,
                    UPDATE,
                    LATE,
                    rejected)),
            new GroupKeys<>(GROUP_OF, Contact::at),
            Types.STRING,
            env(metrics)));
  }

  private static KeyedOneInputStreamOperatorTestHarness<
          String, RevisedObservation, KpiWindow<RatingAccumulator>>
      revisedHarness(Backend backend, InterceptingOperatorMetricGroup metrics) throws Exception {
    return backend.on(
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KpiWindowOperator<>(
                new RevisedWindowFunction<>(
                    KpiWindowsEquivalenceTest.HOURLY,
                    Duration.ZERO,
                    RatingAccumulator.class,
                    () -> RatingAccumulator.create(CSAT))),
            new GroupKeys<>(RevisedObservation::group, RevisedObservation::at),
            Types.STRING,
            env(metrics)));
  }

  /**
   * What in-process kpi-core says of a contact, or null if it accepts it: a fresh table's {@code
   * record} with the same update, which checks the time before the group (a time beyond the
   * epoch-millisecond range too, in the table's words). The engines' own words where kpi-core has
   * no such input: a group selector that throws or gives null and a null time (kpi-core's table
   * takes a group and a time, not a record).
   */
  private static String kpiCore(Contact c) {
    String group;
    try {
      group = GROUP_OF.getKey(c);
    } catch (Exception e) {
      return "the group of a KPI record cannot be computed: " + e;
    }
    if (group == null) {
      return "group of a KPI record must not be null";
    }
    if (c.at() == null) {
      return "event time of a KPI record must not be null";
    }
    try {
      WindowedKpi.<String, DurationAccumulator>create(
              DurationAccumulator::create, KpiWindowsEquivalenceTest.HOURLY, Duration.ZERO)
          .record(group, c.at(), acc -> UPDATE.apply(acc, c));
      return null;
    } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
      return e.getMessage();
    }
  }

  /** What in-process kpi-core says of an observation (a table, then {@link RevisedValues}). */
  private static String kpiCore(RevisedObservation o) {
    try {
      WindowedKpi.<String, RatingAccumulator>create(
              () -> RatingAccumulator.create(CSAT), KpiWindowsEquivalenceTest.HOURLY, Duration.ZERO)
          .record(o.group(), o.at(), acc -> {});
      RevisedValues<String, RatingAccumulator> rv =
          RevisedValues.create(RatingAccumulator.create(CSAT));
      if (o.removed()) {
        rv.remove(o.id(), o.revision());
      } else {
        rv.apply(o.id(), o.revision(), o.value());
      }
      rv.toBytes(KeyCodec.strings());
      return null;
    } catch (IllegalArgumentException | ArithmeticException e) {
      return e.getMessage();
    }
  }

  /** A stream of good contacts in time order, with bad ones of every kind mixed in. */
  private static List<Contact> mixed(long seed) {
    Random r = new Random(seed);
    List<Contact> out = new ArrayList<>();
    Instant t = NINE;
    for (int i = 0; i < 300; i++) {
      t = t.plusSeconds(r.nextInt(60));
      String agent = "a" + r.nextInt(5);
      out.add(
          switch (i < 13 ? i : r.nextInt(3) == 0 ? r.nextInt(13) : 13) {
            case 0 -> contact(null, t, 1_000);
            case 1 -> contact("boom", t, 1_000);
            case 2 -> contact(List.of("", " ", "\u00a0", "\u200b").get(r.nextInt(4)), t, 1_000);
            case 3 -> contact(agent, null, 1_000);
            case 4 -> contact(agent, Instant.parse("2999-01-01T00:00:00Z"), 1_000);
            case 5 -> contact(agent, r.nextBoolean() ? Instant.MAX : Instant.MIN, 1_000);
            case 6 -> contact(agent, t, -1 - r.nextInt(1_000));
            case 7 -> contact("g\uD83D\uDE00".repeat(300) + i, t, -5); // long: cut in the reason
            case 8 -> contact(null, null, 1_000);
            // two faults: kpi-core names the time before the group, the group before the value
            case 9 -> contact(" ", List.of(Instant.MAX, Instant.MIN, FAR).get(r.nextInt(3)), -1);
            case 10 -> contact("\u200b", t, -1);
            // an unpaired surrogate: refused as kpi-core refuses it (earlier builds kept it), after
            // the time and before the value
            case 11 -> contact(List.of("a\uD800", "\uDC00", "b\uD83D").get(r.nextInt(3)), t, -1);
            case 12 -> contact("\uD800" + agent, List.of(Instant.MAX, FAR).get(r.nextInt(2)), 1);
            default -> contact(agent, t, 1 + r.nextInt(100_000));
          });
    }
    return out;
  }

  /** The reason's text field {@code field}, checked against {@code full} and the bound. */
  private static void assertText(JsonNode reason, String field, String full) {
    if (full == null) {
      assertFalse(reason.has(field), reason.toString());
      return;
    }
    String kept = reason.get(field).asText();
    if (full.length() <= 500) {
      assertEquals(full, kept);
      assertFalse(reason.has(field + "Chars"), reason.toString());
    } else {
      assertEquals(full.length(), reason.get(field + "Chars").asInt(), reason.toString());
      assertTrue(
          kept.length() == 500 || kept.length() == 499, "cut to 500 chars: " + kept.length());
      assertTrue(full.startsWith(kept), "a prefix");
      assertFalse(Character.isHighSurrogate(kept.charAt(kept.length() - 1)), "half a pair");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void everyRejectedRecordHasOneReasonInOrderWithKpiCoresMessage(Backend backend) throws Exception {
    for (long seed = 1; seed <= 3; seed++) {
      List<Contact> in = mixed(seed);
      List<Contact> expectedRejected = new ArrayList<>();
      InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
      try (var h = builderHarness(backend, REJECTED, metrics)) {
        h.open();
        for (Contact c : in) {
          h.processElement(c, NINE.toEpochMilli()); // the function reads the time of the record
          if (kpiCore(c) != null) {
            expectedRejected.add(c);
          }
        }
        List<Contact> rejected =
            h.getSideOutput(REJECTED).stream().map(StreamRecord::getValue).toList();
        List<String> reasons =
            h.getSideOutput(FlinkKpiWindows.REJECTION_REASONS).stream()
                .map(StreamRecord::getValue)
                .toList();
        assertEquals(expectedRejected, rejected);
        assertEquals(rejected.size(), reasons.size(), "one reason per rejected record");
        assertEquals(
            rejected.size(), ((Counter) metrics.get("servicekitRejectedRecords")).getCount());
        assertTrue(rejected.size() > 40, "rejected: " + rejected.size());
        for (int i = 0; i < rejected.size(); i++) {
          Contact c = rejected.get(i);
          JsonNode reason = JSON.readTree(reasons.get(i));
          assertEquals(kpiCore(c), reason.get("error").asText(), reasons.get(i));
          boolean computed = !"boom".equals(c.agent());
          assertText(reason, "group", computed ? c.agent() : null);
          assertEquals(
              computed && c.at() != null ? c.at().toString() : null,
              reason.has("at") ? reason.get("at").asText() : null,
              reasons.get(i));
          assertTrue(reasons.get(i).length() < 10_000, "bounded: " + reasons.get(i).length());
        }
      }
    }
  }

  @Test
  void withoutARejectedTagTheReasonsAreStillSentOnePerCountedRecord() throws Exception {
    List<Contact> in = mixed(7);
    InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
    List<String> expected = new ArrayList<>();
    try (var h = builderHarness(Backend.HASHMAP, null, metrics)) {
      h.open();
      for (Contact c : in) {
        h.processElement(c, NINE.toEpochMilli());
        String why = kpiCore(c);
        if (why != null) {
          expected.add(why);
        }
      }
      List<String> errors = new ArrayList<>();
      for (StreamRecord<String> r : h.getSideOutput(FlinkKpiWindows.REJECTION_REASONS)) {
        errors.add(JSON.readTree(r.getValue()).get("error").asText());
      }
      assertEquals(expected, errors);
      assertEquals(errors.size(), ((Counter) metrics.get("servicekitRejectedRecords")).getCount());
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void everyRejectedObservationHasOneReasonInOrderWithKpiCoresMessage(Backend backend)
      throws Exception {
    Random r = new Random(5);
    List<RevisedObservation> in = new ArrayList<>();
    Instant t = NINE;
    for (int i = 0; i < 300; i++) {
      t = t.plusSeconds(r.nextInt(60));
      String group = "a" + r.nextInt(5);
      String id = "S-" + r.nextInt(40);
      int rev = r.nextInt(5);
      in.add(
          switch (i < 13 ? i : r.nextInt(3) == 0 ? r.nextInt(13) : 13) {
            case 0 -> new RevisedObservation(List.of("", " ", "\u00a0").get(i % 3), id, rev, 4, t);
            case 1 -> RevisedObservation.removal(" ", id, rev, t);
            case 2 -> new RevisedObservation(group, id, rev, r.nextBoolean() ? 0 : 9, t);
            case 3 ->
                new RevisedObservation(group, id, rev, 3, Instant.parse("2999-01-01T00:00:00Z"));
            case 4 -> new RevisedObservation(group, " ", rev, 3, t); // a blank id
            case 5 -> new RevisedObservation(group, "S-\uD800", rev, 3, t); // not storable
            case 6 -> RevisedObservation.removal(group, "\u200b", rev, t);
            case 7 -> new RevisedObservation("x".repeat(700), "y".repeat(600), rev, 6, t);
            case 8 ->
                new RevisedObservation(group, id, rev, -1, Instant.parse("1899-12-31T23:59:59Z"));
            // several faults: kpi-core names the time, then the group, then the id or value
            case 9 ->
                new RevisedObservation(
                    "\u00a0", " ", rev, 0, List.of(Instant.MAX, Instant.MIN, FAR).get(i % 3));
            case 10 -> new RevisedObservation("", id, rev, 9, t);
            // a group with an unpaired surrogate, before a bad id or value
            case 11 -> new RevisedObservation("a\uDC00", " ", rev, 0, t);
            case 12 -> RevisedObservation.removal("\uD83D" + group, id, rev, t);
            default -> new RevisedObservation(group, id, rev, 1 + r.nextInt(5), t);
          });
    }
    InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
    try (var h = revisedHarness(backend, metrics)) {
      h.open();
      List<RevisedObservation> expectedRejected = new ArrayList<>();
      for (RevisedObservation o : in) {
        h.processElement(o, NINE.toEpochMilli());
        if (kpiCore(o) != null) {
          expectedRejected.add(o);
        }
      }
      List<RevisedObservation> rejected =
          h.getSideOutput(FlinkKpiWindows.REJECTED).stream().map(StreamRecord::getValue).toList();
      List<String> reasons =
          h.getSideOutput(FlinkKpiWindows.REJECTION_REASONS).stream()
              .map(StreamRecord::getValue)
              .toList();
      assertEquals(expectedRejected, rejected);
      assertEquals(rejected.size(), reasons.size(), "one reason per rejected observation");
      assertEquals(
          rejected.size(), ((Counter) metrics.get("servicekitRejectedObservations")).getCount());
      assertTrue(rejected.size() > 40, "rejected: " + rejected.size());
      for (int i = 0; i < rejected.size(); i++) {
        RevisedObservation o = rejected.get(i);
        JsonNode reason = JSON.readTree(reasons.get(i));
        assertEquals(kpiCore(o), reason.get("error").asText(), reasons.get(i));
        assertText(reason, "group", o.group());
        assertText(reason, "id", o.id());
        assertEquals(o.revision(), reason.get("revision").asLong());
        assertEquals(o.at().toString(), reason.get("at").asText());
        assertEquals(o.removed(), reason.get("removed").asBoolean());
      }
    }
  }

  @Test
  void aLongErrorAndALongGroupAreCutAndTheReasonStaysOneBoundedLine() throws Exception {
    String blank = "\u00a0".repeat(100_000); // kpi-core quotes an excerpt; the group is cut here
    String channel = "!" + "z\n".repeat(2_000);
    try (var h = builderHarness(Backend.HASHMAP, REJECTED, new InterceptingOperatorMetricGroup())) {
      h.open();
      h.processElement(contact(blank, NINE, 1_000), NINE.toEpochMilli());
      Contact refused = new Contact("a1", "t", channel, "normal", "gold", NINE, 1, 0, false);
      h.processElement(refused, NINE.toEpochMilli());
      List<String> lines =
          h.getSideOutput(FlinkKpiWindows.REJECTION_REASONS).stream()
              .map(StreamRecord::getValue)
              .toList();
      assertEquals(2, lines.size());
      JsonNode blankReason = JSON.readTree(lines.get(0));
      assertEquals(100_000, blankReason.get("groupChars").asInt());
      assertEquals(kpiCore(contact(blank, NINE, 1_000)), blankReason.get("error").asText());
      String error = JSON.readTree(lines.get(1)).get("error").asText();
      String full = "refused in channel " + channel;
      assertEquals(full.substring(0, 497) + "...", error);
      // 500 chars of group, of id and of error, each at most 6 ASCII chars once escaped
      for (String line : lines) {
        assertTrue(line.length() < 10_000, "bounded: " + line.length());
        assertFalse(line.contains("\n"), "one line: " + line);
      }
    }
  }

  @Test
  void theBuilderRefusesALateOrRejectedTagWithTheIdOfTheReasons() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    var input = env.fromData(List.of(contact("a", NINE, 1)), CONTACTS);
    OutputTag<Contact> clash = new OutputTag<>("servicekit-kpi-rejection-reasons", CONTACTS);
    Map<String, OutputTag<Contact>[]> cases = new LinkedHashMap<>();
    cases.put("late", tags(clash, null));
    cases.put("rejected", tags(LATE, clash));
    for (Map.Entry<String, OutputTag<Contact>[]> e : cases.entrySet()) {
      FlinkKpiWindows.Builder<Contact, DurationAccumulator> b =
          FlinkKpiWindows.<Contact, DurationAccumulator>builder(
                  DurationAccumulator.class,
                  DurationAccumulator::create,
                  KpiWindowsEquivalenceTest.HOURLY)
              .groupBy(Contact::agent, Contact::at)
              .record((acc, c) -> acc.addMillis(c.handleMillis()))
              .late(e.getValue()[0]);
      if (e.getValue()[1] != null) {
        b.rejected(e.getValue()[1]);
      }
      IllegalStateException x = assertThrows(IllegalStateException.class, () -> b.aggregate(input));
      assertTrue(
          x.getMessage().contains("servicekit-kpi-rejection-reasons")
              && x.getMessage().contains("REJECTION_REASONS"),
          e.getKey() + ": " + x.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static OutputTag<Contact>[] tags(OutputTag<Contact> late, OutputTag<Contact> rejected) {
    return new OutputTag[] {late, rejected};
  }
}
