package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.DurationResult;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import dev.servicekit.kpi.WindowedKpi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * A record whose event time decodes but lies outside the window range (review20 finding 1: {@code
 * Instant.MAX} failed the task with a {@code DateTimeException}, a poison pill) is rejected like
 * any bad record: dead-lettered, counted, the windows as without it.
 */
class OutOfRangeEventTimeTest {

  private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
  private static final WindowSpec BERLIN_HOURS =
      WindowSpec.of(WindowUnit.HOUR, ZoneId.of("Europe/Berlin"));

  /** A contact as text {@code agent|instant|handleMillis}; the instant may be {@code null}. */
  record Contact(String agent, Instant at, long handleMillis) {
    String text() {
      return agent + "|" + at + "|" + handleMillis;
    }

    static Contact parse(String s) {
      String[] f = s.split("\\|", -1);
      return new Contact(
          f[0], f[1].equals("null") ? null : Instant.parse(f[1]), Long.parseLong(f[2]));
    }

    /** The serde of contacts as UTF-8 {@link #text()}. */
    static final Serde<Contact> SERDE =
        Serdes.serdeFrom(
            (t, c) -> c.text().getBytes(StandardCharsets.UTF_8),
            (t, b) -> Contact.parse(new String(b, StandardCharsets.UTF_8)));
  }

  private static final Serde<Contact> CONTACTS = Contact.SERDE;

  private static TopologyTestDriver driver(Duration lateness) {
    WindowedKpiTopology.Builder<Contact, DurationAccumulator> b =
        WindowedKpiTopology.builder(
                CONTACTS, DurationAccumulator.class, DurationAccumulator::create, BERLIN_HOURS)
            .name("aht")
            .groupBy(Contact::agent, Contact::at)
            .record((acc, c) -> acc.addMillis(c.handleMillis()))
            .allowedLateness(lateness)
            .deadLetterTopic("kpi-dead")
            .inMemoryStores(true);
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "kpi-range");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return IsolatedTopologyTestDriver.open(b.build().build(), p, START);
  }

  private static List<Contact> good() {
    List<Contact> out = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      out.add(new Contact("a" + (i % 3), START.plusSeconds(i * 600L), 1000L + i));
    }
    return out;
  }

  /** Pipes the records and one that closes every window, and returns the windows. */
  private static Map<String, DurationResult> run(TopologyTestDriver d, List<String> records) {
    TestInputTopic<String, String> in =
        d.createInputTopic("kpi-input", Serdes.String().serializer(), Serdes.String().serializer());
    for (String r : records) {
      Instant at = Contact.parse(r).at();
      boolean inRange = at != null && !at.isBefore(START) && at.isBefore(START.plusSeconds(86_400));
      in.pipeInput("k", r, inRange ? at : START); // a bad record still has a timestamp of its own
    }
    String closer = new Contact("a0", START.plusSeconds(86_400), 1).text();
    in.pipeInput("k", closer, START.plusSeconds(86_400));
    Map<String, DurationResult> windows = new TreeMap<>();
    d.createOutputTopic(
            "kpi-windows",
            Serdes.String().deserializer(),
            ServicekitSerdes.kpi(DurationAccumulator.class).deserializer())
        .readKeyValuesToList()
        .forEach(kv -> windows.put(kv.key, kv.value.result()));
    return windows;
  }

  @Test
  void recordsWithEventTimesOutOfRangeAreDeadLetteredAndCountedNotFatal() throws Exception {
    List<String> clean = new ArrayList<>();
    good().forEach(c -> clean.add(c.text()));
    List<Instant> badTimes =
        List.of(
            Instant.MAX,
            Instant.MIN,
            Instant.MAX.minusSeconds(3600),
            Instant.ofEpochMilli(Long.MAX_VALUE).plusMillis(1),
            Instant.ofEpochMilli(Long.MIN_VALUE).minusMillis(1),
            Instant.ofEpochMilli(Long.MIN_VALUE + 1)); // its window starts before the range
    List<String> dirty = new ArrayList<>(clean);
    for (int i = 0; i < badTimes.size(); i++) {
      dirty.add(3 + 5 * i, new Contact("a1", badTimes.get(i), 7).text());
    }
    dirty.add(35, "a2|null|7"); // no event time

    Map<String, DurationResult> expected;
    try (TopologyTestDriver d = driver(Duration.ZERO)) {
      expected = run(d, clean);
    }
    assertTrue(expected.size() > 5, expected.toString());
    try (TopologyTestDriver d = driver(Duration.ZERO)) {
      assertEquals(expected, run(d, dirty));
      assertEquals(badTimes.size() + 1.0, RejectedKpiRecordsProperties.rejectedTotal(d, "kpi-aht"));
      List<TestRecord<String, byte[]>> dead =
          d.createOutputTopic(
                  "kpi-dead", Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
              .readRecordsToList();
      assertEquals(badTimes.size() + 1, dead.size());
      for (int i = 0; i < badTimes.size(); i++) {
        // in kpi-core's words, not the window spec's (earlier builds said "time ... must be
        // within the epoch-millisecond range" here, where the in-process table names eventTime)
        String error = new ObjectMapper().readTree(dead.get(i).value()).get("error").asText();
        assertEquals("IllegalArgumentException: " + inProcess(badTimes.get(i)), error, "" + i);
        assertTrue(error.startsWith("IllegalArgumentException: eventTime " + badTimes.get(i)));
      }
      JsonNode noTime = new ObjectMapper().readTree(dead.get(badTimes.size()).value());
      assertTrue(noTime.get("error").asText().contains("event time"), noTime.toString());
    }
  }

  @Test
  void recordsTimedOutsideTheYears1900To2300AreDeadLetteredAsByTheInProcessTable()
      throws Exception {
    // WindowedKpi refuses them so that one mis-stamped record (the year 2999) cannot move stream
    // time so far that every later record is late; the processor windowed them
    List<String> clean = new ArrayList<>();
    good().forEach(c -> clean.add(c.text()));
    List<Instant> badTimes =
        List.of(Instant.parse("2999-01-01T10:00:00Z"), Instant.parse("1899-12-31T23:59:59Z"));
    List<String> dirty = new ArrayList<>(clean);
    for (int i = 0; i < badTimes.size(); i++) {
      dirty.add(3 + 5 * i, new Contact("a1", badTimes.get(i), 7).text());
    }
    Map<String, DurationResult> expected;
    try (TopologyTestDriver d = driver(Duration.ZERO)) {
      expected = run(d, clean);
    }
    try (TopologyTestDriver d = driver(Duration.ZERO)) {
      assertEquals(expected, run(d, dirty));
      assertEquals(badTimes.size(), RejectedKpiRecordsProperties.rejectedTotal(d, "kpi-aht"));
      List<TestRecord<String, byte[]>> dead =
          d.createOutputTopic(
                  "kpi-dead", Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
              .readRecordsToList();
      assertEquals(badTimes.size(), dead.size());
      for (int i = 0; i < badTimes.size(); i++) {
        String error = new ObjectMapper().readTree(dead.get(i).value()).get("error").asText();
        assertEquals("IllegalArgumentException: " + inProcess(badTimes.get(i)), error, "" + i);
      }
    }
  }

  /** What the in-process table says of a record of group {@code a1} at {@code at}. */
  private static String inProcess(Instant at) {
    return inProcess(new Contact("a1", at, 7));
  }

  @Test
  void aRecordWithABlankGroupAndAnOutOfRangeTimeIsRefusedForTheTimeAsInProcess() throws Exception {
    // kpi-core checks the time before the group; the processor checked the group first, so the
    // dead letter and the in-process table named different faults of one record
    List<Contact> bad =
        List.of(
            new Contact(" ", Instant.MAX, 7),
            new Contact("\u200b", Instant.parse("2999-01-01T10:00:00Z"), 7),
            new Contact("", Instant.MIN, -1),
            new Contact("\u00a0", START.plusSeconds(600), -1)); // the group, then the value
    List<String> dirty = new ArrayList<>();
    good().forEach(c -> dirty.add(c.text()));
    for (int i = 0; i < bad.size(); i++) {
      dirty.add(3 + 5 * i, bad.get(i).text());
    }
    try (TopologyTestDriver d = driver(Duration.ZERO)) {
      run(d, dirty);
      List<TestRecord<String, byte[]>> dead =
          d.createOutputTopic(
                  "kpi-dead", Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
              .readRecordsToList();
      assertEquals(bad.size(), dead.size());
      for (int i = 0; i < bad.size(); i++) {
        String error = new ObjectMapper().readTree(dead.get(i).value()).get("error").asText();
        assertEquals("IllegalArgumentException: " + inProcess(bad.get(i)), error, "" + i);
        String fault = i < bad.size() - 1 ? "eventTime " : "group '";
        assertTrue(error.startsWith("IllegalArgumentException: " + fault), error);
      }
    }
  }

  /** What the in-process table says of {@code c}, which it refuses. */
  private static String inProcess(Contact c) {
    WindowedKpi<String, DurationAccumulator> table =
        WindowedKpi.create(DurationAccumulator::create, BERLIN_HOURS, Duration.ZERO);
    return assertThrows(
            IllegalArgumentException.class,
            () -> table.record(c.agent(), c.at(), acc -> acc.addMillis(c.handleMillis())))
        .getMessage();
  }

  @Test
  void aDateTimeExceptionFromTheRecordFunctionIsARejectionAsOnFlink() throws Exception {
    // e.g. a time the record function parses from the record: the record's fault, refused
    WindowedKpiTopology.Builder<Contact, DurationAccumulator> b =
        WindowedKpiTopology.builder(
                CONTACTS, DurationAccumulator.class, DurationAccumulator::create, BERLIN_HOURS)
            .name("aht")
            .groupBy(Contact::agent, Contact::at)
            .record(
                (acc, c) -> {
                  if (c.handleMillis() == 7) {
                    throw new java.time.format.DateTimeParseException("unparsable", "soon", 0);
                  }
                  acc.addMillis(c.handleMillis());
                })
            .deadLetterTopic("kpi-dead")
            .inMemoryStores(true);
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "kpi-parse");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    List<String> clean = new ArrayList<>();
    good().forEach(c -> clean.add(c.text()));
    List<String> dirty = new ArrayList<>(clean);
    dirty.add(4, new Contact("a1", START.plusSeconds(1800), 7).text());
    Map<String, DurationResult> expected;
    try (TopologyTestDriver d = driver(Duration.ZERO)) {
      expected = run(d, clean);
    }
    try (TopologyTestDriver d = IsolatedTopologyTestDriver.open(b.build().build(), p, START)) {
      assertEquals(expected, run(d, dirty));
      assertEquals(1.0, RejectedKpiRecordsProperties.rejectedTotal(d, "kpi-aht"));
    }
  }

  @Test
  void theLongestLatenessKeepsWindowsOpenRatherThanOverflowingIntoLate() {
    // end + Long.MAX_VALUE ms used to wrap to a negative deadline: every record went to "late"
    try (TopologyTestDriver d = driver(Duration.ofMillis(Long.MAX_VALUE))) {
      List<String> texts = new ArrayList<>();
      good().forEach(c -> texts.add(c.text()));
      assertEquals(Map.of(), run(d, texts), "windows never close");
      List<TestRecord<String, String>> late =
          d.createOutputTopic(
                  "kpi-late", Serdes.String().deserializer(), Serdes.String().deserializer())
              .readRecordsToList();
      assertEquals(List.of(), late);
      assertEquals(0.0, RejectedKpiRecordsProperties.rejectedTotal(d, "kpi-aht"));
    }
  }
}
