package dev.servicekit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servicekit.integrations.flink.FlinkKpiWindows;
import dev.servicekit.integrations.flink.KpiWindow;
import dev.servicekit.integrations.flink.RevisedObservation;
import dev.servicekit.integrations.kafka.ServicekitSerdes;
import dev.servicekit.integrations.kafka.WindowedKpiTopology;
import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.DurationResult;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingResult;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import dev.servicekit.kpi.WindowedKpi;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.OutputTag;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Differential: the same random KPI records through Kafka's {@link WindowedKpiTopology} and Flink's
 * {@link FlinkKpiWindows}, no in-process oracle between them. Times cluster on the edges (a
 * window's end, its end plus the lateness, 1 ms either side), arrive out of order, and some records
 * are bad (a negative handle time, or a blank group: empty, spaces, a no-break or zero-width space,
 * which both refuse as kpi-core does); groups hold {@code @}, non-ASCII and astral chars. Kafka's
 * record timestamps are the event times; Flink's watermark is the largest timestamp seen minus 1 ms
 * after every record (README, "Proof and cost"). Both give the same windows, the same late records
 * and the same rejected records, each with the same error: Kafka's dead-letter {@code error} is
 * Flink's {@code REJECTION_REASONS} error after the exception's simple class name, joined on the
 * record's group and time (and id and revision).
 */
class EnginesAgreeOnKpiWindowsTest {

  static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
  static final WindowSpec HOURLY = WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC);
  static final String[] GROUPS = {"a", "team@red", "équipe-\uD83D\uDE00"};

  /** Blank groups, a missing field: drawn for one record in 25, rejected by both engines. */
  static final String[] BLANK_GROUPS = {"", " ", "\u00a0", "\u200b", "\t "};

  /**
   * Groups with an unpaired surrogate (a high one alone or at the end, a low one alone or first,
   * beside a well-formed pair): refused by kpi-core and, in its words, by both engines.
   */
  static final String[] LONE_GROUPS = {
    "\uD800", "team-\uDC00", "\uDE00\uD83D\uDE00", "\u00e9quipe-\uD83D", " \uDBFF"
  };

  /**
   * A contact: its group, event time and handle time (negative: refused by the accumulator). The
   * ends of {@code long} stand for {@link Instant#MIN} and {@link Instant#MAX}: times beyond epoch
   * milliseconds, as a mis-decoded time may be.
   */
  record Rec(String group, long at, long handle) implements Serializable {
    Instant time() {
      return at == Long.MAX_VALUE
          ? Instant.MAX
          : at == Long.MIN_VALUE ? Instant.MIN : Instant.ofEpochMilli(at);
    }

    /**
     * The record's timestamp on both engines (Kafka's record timestamp, Flink's assigner): its
     * event time where kpi-core takes it, else {@link #START}, which moves neither stream time nor
     * a watermark (a Kafka timestamp cannot be before 1970, and a mis-stamped record's own
     * timestamp is the source's concern, not the KPI windows').
     */
    long ts() {
      Instant t = time();
      return t.isBefore(WindowedKpi.SUPPORTED_START) || !t.isBefore(WindowedKpi.SUPPORTED_END)
          ? START.toEpochMilli()
          : at;
    }
  }

  static final Serde<Rec> RECS =
      Serdes.serdeFrom(
          (topic, r) ->
              (r.handle() + "," + r.at() + "," + groupText(r.group()))
                  .getBytes(StandardCharsets.UTF_8),
          (topic, b) -> {
            String[] f = new String(b, StandardCharsets.UTF_8).split(",", 3);
            return new Rec(groupOf(f[2]), Long.parseLong(f[1]), Long.parseLong(f[0]));
          });

  /**
   * A group as ASCII that keeps every char (four hex digits each), so that a group with an unpaired
   * surrogate reaches Kafka's topology as itself (UTF-8 would write {@code '?'} for the surrogate);
   * {@code null} as {@code -}.
   */
  static String groupText(String group) {
    if (group == null) {
      return "-";
    }
    StringBuilder b = new StringBuilder("+");
    for (int i = 0; i < group.length(); i++) {
      b.append(String.format("%04x", (int) group.charAt(i)));
    }
    return b.toString();
  }

  /** The group {@link #groupText} wrote. */
  static String groupOf(String text) {
    if (text.equals("-")) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 1; i < text.length(); i += 4) {
      b.append((char) Integer.parseInt(text.substring(i, i + 4), 16));
    }
    return b.toString();
  }

  /** Whether {@code group} has an unpaired surrogate: the oracle, a round trip through UTF-8. */
  static boolean lone(String group) {
    return !new String(group.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
        .equals(group);
  }

  static List<Rec> generate(long seed, long latenessMillis) {
    Random r = new Random(seed);
    List<Rec> out = new ArrayList<>();
    long hour = 3_600_000L;
    for (int i = 0; i < 600; i++) {
      // time mostly advances, an hour every 75 records; a third of them reach back an hour
      long window = START.toEpochMilli() + hour * Math.max(0, i / 75 - (r.nextInt(3) == 0 ? 1 : 0));
      long base =
          switch (r.nextInt(4)) {
            case 0 -> window + hour; // the next window's start
            case 1 -> window + hour + latenessMillis; // this window's close
            case 2 -> window + hour - 1; // its last millisecond
            default -> window + (long) (r.nextDouble() * hour);
          };
      long at = base + r.nextInt(3) - 1;
      String group =
          r.nextInt(25) == 0
              ? BLANK_GROUPS[r.nextInt(BLANK_GROUPS.length)]
              : GROUPS[r.nextInt(GROUPS.length)];
      out.add(new Rec(group, at, r.nextInt(20) == 0 ? -1 : r.nextInt(9)));
    }
    return out;
  }

  record Outcome(
      Map<String, DurationResult> windows,
      List<Rec> late,
      List<Rec> rejected,
      List<String> reasons) {}

  /**
   * Kafka's dead-letter errors on {@code topic} as {@code <key of the record> -> <message>}: the
   * message is the error after its exception's simple class name and {@code ": "}.
   */
  static <T> List<String> deadLetterErrors(
      List<byte[]> envelopes, Serde<T> serde, Function<T, String> key) throws IOException {
    List<String> out = new ArrayList<>();
    for (byte[] envelope : envelopes) {
      var json = new ObjectMapper().readTree(envelope);
      T value =
          serde
              .deserializer()
              .deserialize("kpi-rejected", Base64.getDecoder().decode(json.get("value").asText()));
      String error = json.get("error").asText();
      Matcher m =
          Pattern.compile("([A-Z][A-Za-z]*(Exception|Error)): (.*)", Pattern.DOTALL).matcher(error);
      assertTrue(m.matches(), "a class name, then the message: " + error);
      out.add(key.apply(value) + " -> " + m.group(3));
    }
    return out;
  }

  /** Flink's rejection reasons as {@code <key of the record> -> <error>}. */
  static List<String> reasonErrors(List<String> lines, Function<JsonNode, String> key)
      throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      var json = new ObjectMapper().readTree(line);
      out.add(key.apply(json) + " -> " + json.get("error").asText());
    }
    return out;
  }

  static String recKey(Rec r) {
    return r.group() + "@" + r.time();
  }

  static String recKey(JsonNode reason) {
    // no group field: the group was null (or not computed), as recKey(Rec) writes "null"
    return (reason.has("group") ? reason.get("group").asText() : "null")
        + "@"
        + reason.get("at").asText();
  }

  /** The dead-letter records on {@code topic} (read once: the driver hands each out once). */
  static List<byte[]> envelopes(TopologyTestDriver d, String topic) {
    return d.createOutputTopic(
            topic, Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
        .readValuesToList();
  }

  /** The original values of dead-letter records of {@code topic}, decoded by {@code serde}. */
  static <T> List<T> deadLetters(List<byte[]> envelopes, String topic, Serde<T> serde) {
    List<T> out = new ArrayList<>();
    for (byte[] envelope : envelopes) {
      try {
        String value = new ObjectMapper().readTree(envelope).get("value").asText();
        out.add(serde.deserializer().deserialize(topic, Base64.getDecoder().decode(value)));
      } catch (java.io.IOException e) {
        throw new AssertionError("a dead-letter envelope is JSON", e);
      }
    }
    return out;
  }

  static Outcome kafka(List<Rec> recs, long latenessMillis, Path stateDir) throws IOException {
    WindowedKpiTopology<Rec, DurationAccumulator> topology =
        WindowedKpiTopology.builder(
                RECS, DurationAccumulator.class, DurationAccumulator::create, HOURLY)
            .name("diff")
            .deadLetterTopic("kpi-rejected")
            .groupBy(Rec::group, Rec::time)
            .record((acc, c) -> acc.addMillis(c.handle()))
            .allowedLateness(Duration.ofMillis(latenessMillis))
            .inMemoryStores(true)
            .build();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "diff");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    Map<String, DurationResult> windows = new HashMap<>();
    try (TopologyTestDriver d = new TopologyTestDriver(topology.build(), props, START)) {
      TestInputTopic<String, Rec> in =
          d.createInputTopic("kpi-input", Serdes.String().serializer(), RECS.serializer());
      for (Rec c : recs) {
        in.pipeInput(c.group(), c, c.ts());
      }
      Instant end = START.plus(Duration.ofDays(30));
      in.pipeInput("tick", new Rec("tick", end.toEpochMilli(), 0), end); // closes every window
      d.createOutputTopic(
              "kpi-windows",
              Serdes.String().deserializer(),
              ServicekitSerdes.kpi(DurationAccumulator.class).deserializer())
          .readKeyValuesToList()
          .forEach(kv -> assertEquals(null, windows.put(kv.key, kv.value.result()), kv.key));
      windows.keySet().removeIf(k -> k.startsWith("tick@"));
      List<Rec> late =
          d.createOutputTopic("kpi-late", Serdes.String().deserializer(), RECS.deserializer())
              .readValuesToList();
      List<byte[]> dead = envelopes(d, "kpi-rejected");
      List<Rec> rejected = deadLetters(dead, "kpi-rejected", RECS);
      List<String> reasons = deadLetterErrors(dead, RECS, EnginesAgreeOnKpiWindowsTest::recKey);
      return new Outcome(windows, late, rejected, reasons);
    }
  }

  static Outcome flink(List<Rec> recs, long latenessMillis) throws Exception {
    return flink(recs, latenessMillis, 2);
  }

  /**
   * As {@link #flink(List, long)} with the windows at {@code parallelism}, after a source and
   * watermarks of parallelism 1 (every subtask sees the same watermarks).
   */
  static Outcome flink(List<Rec> recs, long latenessMillis, int parallelism) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(parallelism);
    TypeInformation<Rec> type = TypeInformation.of(Rec.class);
    var in =
        env.fromData(recs, type)
            .setParallelism(1)
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<Rec>forGenerator(ctx -> new MaxSeen<>())
                    .withTimestampAssigner((c, ts) -> c.ts()))
            .setParallelism(1);
    OutputTag<Rec> lateTag = new OutputTag<>("late-diff", type);
    OutputTag<Rec> rejectedTag = new OutputTag<>("rejected-diff", type);
    SingleOutputStreamOperator<KpiWindow<DurationAccumulator>> windows =
        FlinkKpiWindows.<Rec, DurationAccumulator>builder(
                DurationAccumulator.class, DurationAccumulator::create, HOURLY)
            .name("diff")
            .groupBy(Rec::group, Rec::time)
            .record((acc, c) -> acc.addMillis(c.handle()))
            .allowedLateness(Duration.ofMillis(latenessMillis))
            .late(lateTag)
            .rejected(rejectedTag)
            .aggregate(in);
    CloseableIterator<KpiWindow<DurationAccumulator>> out = windows.collectAsync();
    CloseableIterator<Rec> late = windows.getSideOutput(lateTag).collectAsync();
    CloseableIterator<Rec> rejected = windows.getSideOutput(rejectedTag).collectAsync();
    CloseableIterator<String> reasons =
        windows.getSideOutput(FlinkKpiWindows.REJECTION_REASONS).collectAsync();
    env.execute("diff");
    Map<String, DurationResult> got = new HashMap<>();
    out.forEachRemaining(
        w -> assertEquals(null, got.put(w.group() + "@" + w.start(), w.accumulator().result())));
    List<Rec> lateRecs = new ArrayList<>();
    late.forEachRemaining(lateRecs::add);
    List<Rec> rejectedRecs = new ArrayList<>();
    rejected.forEachRemaining(rejectedRecs::add);
    List<String> reasonLines = new ArrayList<>();
    reasons.forEachRemaining(reasonLines::add);
    out.close();
    late.close();
    rejected.close();
    reasons.close();
    return new Outcome(
        got,
        lateRecs,
        rejectedRecs,
        reasonErrors(reasonLines, EnginesAgreeOnKpiWindowsTest::recKey));
  }

  @ParameterizedTest
  @CsvSource({"1, 0", "2, 1", "3, 600000"})
  void kafkaAndFlinkGiveTheSameWindowsLateAndRejectedRecords(
      long seed, long latenessMillis, @TempDir Path stateDir) throws Exception {
    List<Rec> recs = generate(seed, latenessMillis);
    Outcome k = kafka(recs, latenessMillis, stateDir);
    Outcome f = flink(recs, latenessMillis);
    assertTrue(k.windows().size() > 10, "windows: " + k.windows().size());
    assertTrue(
        k.rejected().stream().anyMatch(c -> c.handle() < 0), "some handle times are rejected");
    assertTrue(
        k.rejected().stream().anyMatch(c -> c.group().isBlank() || c.group().equals("\u200b")),
        "some blank groups are rejected");
    assertTrue(
        k.windows().keySet().stream().noneMatch(w -> w.startsWith("@") || w.startsWith(" @")),
        "no window of a blank group: " + k.windows().keySet());
    assertTrue(!k.late().isEmpty(), "some records are late");
    assertEquals(k.windows(), f.windows());
    // Flink's late output of a parallel job interleaves subtasks: compared as multisets
    assertEquals(sorted(k.late()), sorted(f.late()));
    // as late records, compared as multisets: the same records, not only as many
    assertEquals(sorted(k.rejected()), sorted(f.rejected()));
    // one reason per rejected record, with Kafka's message for the same record
    assertEquals(f.rejected().size(), f.reasons().size());
    assertEquals(k.rejected().size(), k.reasons().size());
    assertEquals(k.reasons().stream().sorted().toList(), f.reasons().stream().sorted().toList());
  }

  /**
   * Times kpi-core refuses: before 1900, at and after 2300 (within epoch milliseconds, which the
   * window spec would take), and beyond epoch milliseconds ({@code Instant.MIN}, {@code
   * Instant.MAX}), where the engines used to answer in the window spec's words.
   */
  static final long[] BAD_TIMES = {
    Instant.parse("1899-12-31T23:59:59.999Z").toEpochMilli(),
    Instant.parse("1000-06-01T00:00:00Z").toEpochMilli(),
    WindowedKpi.SUPPORTED_END.toEpochMilli(),
    Instant.parse("2999-01-01T10:00:00Z").toEpochMilli(),
    Long.MAX_VALUE - 1,
    Long.MIN_VALUE + 1,
    Long.MAX_VALUE, // Instant.MAX
    Long.MIN_VALUE, // Instant.MIN
  };

  /**
   * {@link #generate}'s records with faults on top: one in 8 gets a bad time (keeping its group and
   * handle time, so some have two or three faults), one in 20 a blank group, a bad time and a
   * negative handle time at once, one in 20 a blank group and a negative handle time, one in 20 a
   * group with an unpaired surrogate (keeping its time and handle time), one in 40 such a group, a
   * bad time and a negative handle time, one in 40 such a group and a negative handle time.
   */
  static List<Rec> generateWithFaults(long seed, long latenessMillis) {
    Random r = new Random(~seed);
    List<Rec> out = new ArrayList<>();
    for (Rec c : generate(seed, latenessMillis)) {
      long bad = BAD_TIMES[r.nextInt(BAD_TIMES.length)];
      String blank = BLANK_GROUPS[r.nextInt(BLANK_GROUPS.length)];
      String lone = LONE_GROUPS[r.nextInt(LONE_GROUPS.length)];
      out.add(
          switch (r.nextInt(40)) {
            case 0, 1, 2, 3, 4 -> new Rec(c.group(), bad, c.handle());
            case 5, 6 -> new Rec(blank, bad, -1 - r.nextInt(9));
            case 7, 8 -> new Rec(blank, c.at(), -1 - r.nextInt(9));
            case 9, 10 -> new Rec(lone, c.at(), c.handle());
            case 11 -> new Rec(lone, bad, -1 - r.nextInt(9));
            case 12 -> new Rec(lone, c.at(), -1 - r.nextInt(9));
            default -> c;
          });
    }
    return out;
  }

  /**
   * What in-process kpi-core says of a record, or null if it takes it: a fresh {@link WindowedKpi}
   * table's {@code record} with the engines' update (a fresh table has no watermark, so nothing is
   * late there).
   */
  static String kpiCore(Rec c, long latenessMillis) {
    WindowedKpi<String, DurationAccumulator> table =
        WindowedKpi.create(DurationAccumulator::create, HOURLY, Duration.ofMillis(latenessMillis));
    try {
      table.record(c.group(), c.time(), acc -> acc.addMillis(c.handle()));
      return null;
    } catch (IllegalArgumentException | ArithmeticException e) {
      return e.getMessage();
    }
  }

  /**
   * Bad times and records with several faults (a blank group or one with an unpaired surrogate, a
   * bad time, a negative handle time) are rejected by both engines with in-process kpi-core's
   * message for the same record: the time before the group (in kpi-core's words also beyond epoch
   * milliseconds, where both engines gave the window spec's), the group before the value. Every
   * record kpi-core refuses is rejected by both unless it was late first (its fault then is in its
   * value, which a late record never reaches).
   */
  @ParameterizedTest
  @CsvSource({"11, 0", "12, 600000"})
  void kafkaFlinkAndKpiCoreRefuseEachBadRecordInTheSameWords(
      long seed, long latenessMillis, @TempDir Path stateDir) throws Exception {
    List<Rec> recs = generateWithFaults(seed, latenessMillis);
    Outcome k = kafka(recs, latenessMillis, stateDir);
    Outcome f = flink(recs, latenessMillis);
    assertEquals(k.windows(), f.windows());
    assertEquals(sorted(k.late()), sorted(f.late()));
    assertEquals(sorted(k.rejected()), sorted(f.rejected()));
    // the rejected records are kpi-core's refused ones less those late first
    List<String> expectedRejected = new ArrayList<>();
    for (Rec c : recs) {
      if (kpiCore(c, latenessMillis) != null) {
        expectedRejected.add(c.toString());
      }
    }
    for (Rec c : k.late()) {
      expectedRejected.remove(c.toString()); // one occurrence: a late record is not rejected
    }
    assertEquals(expectedRejected.stream().sorted().toList(), sorted(k.rejected()));
    List<String> inProcess =
        k.rejected().stream()
            .map(c -> recKey(c) + " -> " + kpiCore(c, latenessMillis))
            .sorted()
            .toList();
    assertEquals(inProcess, k.reasons().stream().sorted().toList(), "Kafka's dead letters");
    assertEquals(inProcess, f.reasons().stream().sorted().toList(), "Flink's reasons");
    // the cases drawn: beyond epoch milliseconds, and a bad time with a blank group
    Map<String, Long> drawn = new java.util.TreeMap<>();
    for (Rec c : k.rejected()) {
      boolean badTime = c.ts() != c.at();
      boolean blank = List.of(BLANK_GROUPS).contains(c.group());
      String kind =
          (badTime ? "time" : "")
              + (blank ? "+group" : "")
              + (lone(c.group()) ? "+lone" : "")
              + (c.handle() < 0 ? "+value" : "")
              + (c.at() == Long.MAX_VALUE || c.at() == Long.MIN_VALUE ? "+beyond" : "");
      drawn.merge(kind, 1L, Long::sum);
    }
    for (String kind :
        List.of(
            "time",
            "time+beyond",
            "time+group+value",
            "time+group+value+beyond",
            "+group+value",
            "+lone",
            "time+lone+value",
            "+lone+value",
            "+value")) {
      assertTrue(drawn.getOrDefault(kind, 0L) > 0, kind + " drawn: " + drawn);
    }
    assertTrue(
        inProcess.stream().anyMatch(e -> e.contains(" -> eventTime +1000000000-12-31T23:59:59")),
        "Instant.MAX in kpi-core's words: " + inProcess);
    // a group with an unpaired surrogate in kpi-core's words, which Kafka gave in its own (group of
    // a KPI record must be valid UTF-16 ...) and Flink accepted, until now
    assertTrue(
        inProcess.stream()
            .anyMatch(
                e ->
                    e.matches(
                        "(?s).* -> group '.*' has an unpaired surrogate at index \\d+ but must be"
                            + " well-formed UTF-16 \\(snapshots store it as UTF-8\\)")),
        "an unpaired surrogate in kpi-core's words: " + inProcess);
  }

  /**
   * The one difference left on purpose: a {@code null} group. Both engines reject such a record as
   * bad data, {@code group of a KPI record must not be null}, before any other check (its time and
   * value are not looked at), while in-process kpi-core throws {@code
   * NullPointerException("group")} for it, as every servicekit API does for a {@code null}
   * argument: there it is a programming error, not a record (README, "Bad records").
   */
  @ParameterizedTest
  @CsvSource({"21, 0", "22, 600000"})
  void aNullGroupIsDataOnBothEnginesAndAProgrammingErrorInProcess(
      long seed, long latenessMillis, @TempDir Path stateDir) throws Exception {
    Random r = new Random(seed);
    List<Rec> recs = new ArrayList<>(generate(seed, latenessMillis));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Rec near = recs.get(r.nextInt(recs.size()));
      long at = i % 3 == 0 ? BAD_TIMES[r.nextInt(BAD_TIMES.length)] : near.at();
      Rec c = new Rec(null, at, i % 2 == 0 ? -1 : near.handle()); // also with other faults
      recs.add(recs.indexOf(near) + 1, c);
      expected.add(recKey(c) + " -> group of a KPI record must not be null");
      WindowedKpi<String, DurationAccumulator> table =
          WindowedKpi.create(
              DurationAccumulator::create, HOURLY, Duration.ofMillis(latenessMillis));
      NullPointerException inProcess =
          assertThrows(
              NullPointerException.class,
              () -> table.record(c.group(), c.time(), acc -> acc.addMillis(c.handle())));
      assertEquals("group", inProcess.getMessage());
    }
    Outcome k = kafka(recs, latenessMillis, stateDir);
    Outcome f = flink(recs, latenessMillis);
    assertEquals(k.windows(), f.windows());
    assertEquals(
        expected.stream().sorted().toList(),
        k.reasons().stream().filter(e -> e.startsWith("null@")).sorted().toList());
    assertEquals(
        expected.stream().sorted().toList(),
        f.reasons().stream().filter(e -> e.startsWith("null@")).sorted().toList());
  }

  private static List<String> sorted(List<Rec> recs) {
    return recs.stream().map(Rec::toString).sorted().toList();
  }

  /** A rating revision as Kafka reads it: every revision of an id carries the id's time. */
  record Obs(String group, String id, long revision, int rating, long at) {
    Instant time() {
      return Instant.ofEpochMilli(at);
    }

    RevisedObservation forFlink() {
      return new RevisedObservation(group, id, revision, rating, time());
    }

    static Obs of(RevisedObservation o) {
      return new Obs(o.group(), o.id(), o.revision(), o.value(), o.at().toEpochMilli());
    }
  }

  static final Serde<Obs> OBS =
      Serdes.serdeFrom(
          (topic, o) ->
              (o.revision() + "," + o.rating() + "," + o.at() + "," + o.id() + "," + o.group())
                  .getBytes(StandardCharsets.UTF_8),
          (topic, b) -> {
            String[] f = new String(b, StandardCharsets.UTF_8).split(",", 5);
            return new Obs(
                f[4], f[3], Long.parseLong(f[0]), Integer.parseInt(f[1]), Long.parseLong(f[2]));
          });

  static List<Obs> generateRevisions(long seed, long latenessMillis) {
    Random r = new Random(seed);
    List<Rec> times = generate(seed, latenessMillis);
    List<Obs> out = new ArrayList<>();
    for (int i = 0; i < times.size(); i++) {
      // an id is revised up to three more times later, each with the id's own time; revisions
      // arrive out of order and redelivered, and a rating of 0 is off the scale (rejected)
      Rec t = times.get(i);
      String id = (i % 7 == 0 ? "r\u00e9-\uD83D\uDE00-" : "r-") + i;
      int n = 1 + r.nextInt(3);
      for (int k = 0; k < n; k++) {
        out.add(
            new Obs(
                t.group(), id, r.nextInt(4), r.nextInt(20) == 0 ? 0 : 1 + r.nextInt(5), t.at()));
      }
    }
    // later revisions of an id move a little later in the stream
    for (int i = out.size() - 1; i > 0; i--) {
      if (r.nextInt(4) == 0) {
        int j = Math.min(out.size() - 1, i + r.nextInt(20));
        Obs o = out.remove(i);
        out.add(j, o);
      }
    }
    return out;
  }

  static final RatingScale CSAT = RatingScale.csatFivePoint();

  @ParameterizedTest
  @CsvSource({"4, 0", "5, 1", "6, 600000"})
  void kafkaAndFlinkGiveTheSameRevisedWindows(
      long seed, long latenessMillis, @TempDir Path stateDir) throws Exception {
    List<Obs> obs = generateRevisions(seed, latenessMillis);
    // Kafka
    WindowedKpiTopology<Obs, RatingAccumulator> topology =
        WindowedKpiTopology.builder(
                OBS, RatingAccumulator.class, () -> RatingAccumulator.create(CSAT), HOURLY)
            .name("diff-revised")
            .deadLetterTopic("kpi-rejected")
            .groupBy(Obs::group, Obs::time)
            .revised(Obs::id, Obs::revision, Obs::rating)
            .allowedLateness(Duration.ofMillis(latenessMillis))
            .inMemoryStores(true)
            .build();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "diff-revised");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    Map<String, RatingResult> kafka = new HashMap<>();
    List<String> kafkaLate;
    List<String> kafkaRejected;
    List<String> kafkaReasons;
    try (TopologyTestDriver d = new TopologyTestDriver(topology.build(), props, START)) {
      TestInputTopic<String, Obs> in =
          d.createInputTopic("kpi-input", Serdes.String().serializer(), OBS.serializer());
      for (Obs o : obs) {
        in.pipeInput(o.group(), o, o.at());
      }
      Instant end = START.plus(Duration.ofDays(30));
      in.pipeInput("tick", new Obs("tick", "t", 0, 5, end.toEpochMilli()), end);
      d.createOutputTopic(
              "kpi-windows",
              Serdes.String().deserializer(),
              ServicekitSerdes.kpi(RatingAccumulator.class).deserializer())
          .readKeyValuesToList()
          .forEach(kv -> assertEquals(null, kafka.put(kv.key, kv.value.result()), kv.key));
      kafka.keySet().removeIf(k -> k.startsWith("tick@"));
      kafkaLate =
          d
              .createOutputTopic("kpi-late", Serdes.String().deserializer(), OBS.deserializer())
              .readValuesToList()
              .stream()
              .map(Obs::toString)
              .sorted()
              .toList();
      List<byte[]> dead = envelopes(d, "kpi-rejected");
      kafkaRejected =
          deadLetters(dead, "kpi-rejected", OBS).stream().map(Obs::toString).sorted().toList();
      kafkaReasons =
          deadLetterErrors(
                  dead, OBS, o -> o.group() + "|" + o.id() + "|" + o.revision() + "|" + o.time())
              .stream()
              .sorted()
              .toList();
    }
    // Flink
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    var in =
        env.fromData(
                obs.stream().map(Obs::forFlink).toList(), FlinkKpiWindows.revisedObservations())
            .setParallelism(1)
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<RevisedObservation>forGenerator(ctx -> new MaxSeen<>())
                    .withTimestampAssigner((o, ts) -> o.at().toEpochMilli()))
            .setParallelism(1);
    SingleOutputStreamOperator<KpiWindow<RatingAccumulator>> windows =
        FlinkKpiWindows.revised(
            in,
            HOURLY,
            Duration.ofMillis(latenessMillis),
            RatingAccumulator.class,
            () -> RatingAccumulator.create(CSAT));
    CloseableIterator<KpiWindow<RatingAccumulator>> out = windows.collectAsync();
    CloseableIterator<RevisedObservation> late =
        windows.getSideOutput(FlinkKpiWindows.LATE).collectAsync();
    CloseableIterator<RevisedObservation> rejected =
        windows.getSideOutput(FlinkKpiWindows.REJECTED).collectAsync();
    CloseableIterator<String> reasons =
        windows.getSideOutput(FlinkKpiWindows.REJECTION_REASONS).collectAsync();
    env.execute("diff-revised");
    Map<String, RatingResult> flink = new HashMap<>();
    out.forEachRemaining(
        w -> assertEquals(null, flink.put(w.group() + "@" + w.start(), w.accumulator().result())));
    List<String> flinkLate = new ArrayList<>();
    late.forEachRemaining(o -> flinkLate.add(Obs.of(o).toString()));
    List<String> flinkRejected = new ArrayList<>();
    rejected.forEachRemaining(o -> flinkRejected.add(Obs.of(o).toString()));
    List<String> reasonLines = new ArrayList<>();
    reasons.forEachRemaining(reasonLines::add);
    out.close();
    late.close();
    rejected.close();
    reasons.close();
    List<String> flinkReasons =
        reasonErrors(
            reasonLines,
            j ->
                j.get("group").asText()
                    + "|"
                    + j.get("id").asText()
                    + "|"
                    + j.get("revision").asLong()
                    + "|"
                    + j.get("at").asText());
    assertTrue(kafka.size() > 10, "windows: " + kafka.size());
    assertTrue(
        kafkaRejected.stream()
            .anyMatch(
                o ->
                    List.of(BLANK_GROUPS).stream()
                        .anyMatch(b -> o.startsWith("Obs[group=" + b + ","))),
        "some observations of a blank group are rejected: " + kafkaRejected);
    assertTrue(!kafkaLate.isEmpty(), "some observations are late");
    assertEquals(kafka, flink);
    assertEquals(kafkaLate, flinkLate.stream().sorted().toList());
    assertEquals(kafkaRejected, flinkRejected.stream().sorted().toList());
    // one reason per rejected observation, with Kafka's message for the same observation
    assertEquals(flinkRejected.size(), flinkReasons.size());
    assertTrue(
        kafkaReasons.stream().anyMatch(r -> r.endsWith(" -> rating 0 is outside the scale 1..5")),
        "an off-scale rating's reason: " + kafkaReasons);
    assertEquals(kafkaReasons, flinkReasons.stream().sorted().toList());
  }

  /** The largest timestamp seen minus 1 ms, after every record. */
  static final class MaxSeen<T>
      implements org.apache.flink.api.common.eventtime.WatermarkGenerator<T> {
    private long max = Long.MIN_VALUE;

    @Override
    public void onEvent(
        T c, long timestamp, org.apache.flink.api.common.eventtime.WatermarkOutput o) {
      if (timestamp > max) {
        max = timestamp;
        o.emitWatermark(new org.apache.flink.api.common.eventtime.Watermark(max - 1));
      }
    }

    @Override
    public void onPeriodicEmit(org.apache.flink.api.common.eventtime.WatermarkOutput o) {}
  }
}
