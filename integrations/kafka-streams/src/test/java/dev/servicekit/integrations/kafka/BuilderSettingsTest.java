package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * Builder settings no task could run with are refused where they are given, naming the setting:
 * durations longer than {@code Long.MAX_VALUE} ms (the processors hold them in milliseconds, so
 * such a setting failed every task at start-up with a bare {@code ArithmeticException: long
 * overflow}), blank topics, and an output topic that is the input topic.
 */
class BuilderSettingsTest {

  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

  static WindowedKpiTopology.Builder<Long, DurationAccumulator> kpi() {
    return WindowedKpiTopology.builder(
            Serdes.Long(),
            DurationAccumulator.class,
            DurationAccumulator::create,
            WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC))
        .groupBy(v -> "g", v -> T0)
        .record((acc, v) -> acc.addMillis(v));
  }

  static SlaClockTopology.Builder sla() {
    return SlaClockTopology.builder(SlaFixtures.policySet(), SlaFixtures.CALENDARS);
  }

  static Properties props() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "settings-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return p;
  }

  /**
   * A policy set whose rule names a calendar the map lacks: refused when the builder is made.
   * Before, the topology built and every record then failed the task (a crash loop in production).
   */
  @Test
  void aCalendarTheSetUsesAndTheMapLacksIsRefusedByTheBuilder() {
    dev.servicekit.sla.SlaPolicySet set =
        dev.servicekit.sla.SlaPolicySet.builder()
            .statuses("new", "open", "solved")
            .solvedStatuses("solved")
            .defaultPolicy(
                dev.servicekit.sla.SlaPolicy.builder("cal")
                    .matrix(dev.servicekit.sla.PriorityMatrix.constant("normal"))
                    .target(
                        "normal", dev.servicekit.sla.SlaMetric.firstResponse(), Duration.ofHours(1))
                    .rule(
                        dev.servicekit.sla.MetricRule.builder(
                                dev.servicekit.sla.SlaMetric.firstResponse())
                            .calendar("team")
                            .build())
                    .build())
            .build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SlaClockTopology.builder(set, java.util.Map.of()));
    assertTrue(e.getMessage().startsWith("calendar 'team' used by "), e.getMessage());
    assertTrue(e.getMessage().endsWith(" is not among the given calendars []"), e.getMessage());
  }

  /** A null calendar is named by its key, as the clock names it; Map.copyOf's NPE named nothing. */
  @Test
  void aNullCalendarIsNamedByItsKey() {
    java.util.Map<String, dev.servicekit.sla.BusinessCalendar> calendars =
        new java.util.HashMap<>();
    calendars.put("team", null);
    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () -> SlaClockTopology.builder(SlaFixtures.policySet(), calendars));
    assertEquals("calendars[team]", e.getMessage());
  }

  @Test
  void allowedLatenessBeyondLongMillisIsRefusedByTheBuilderNamingIt() {
    var b = kpi();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.allowedLateness(FOREVER));
    assertTrue(e.getMessage().startsWith("allowedLateness must be at most"), e.getMessage());
    // the builder is unchanged: its topology runs with no lateness
    try (TopologyTestDriver d =
        IsolatedTopologyTestDriver.open(b.inMemoryStores(true).build().build(), props(), T0)) {
      d.createInputTopic("kpi-input", Serdes.String().serializer(), Serdes.Long().serializer())
          .pipeInput("k", 5L, T0);
    }
  }

  @Test
  void theLongestAllowedLatenessRunsAndKeepsWindowsOpen() {
    var t = kpi().inMemoryStores(true).allowedLateness(Duration.ofMillis(Long.MAX_VALUE)).build();
    try (TopologyTestDriver d = IsolatedTopologyTestDriver.open(t.build(), props(), T0)) {
      var in =
          d.createInputTopic("kpi-input", Serdes.String().serializer(), Serdes.Long().serializer());
      in.pipeInput("k", 5L, T0);
      in.pipeInput("k", 6L, T0.plus(Duration.ofDays(3650)));
      assertTrue(
          d.createOutputTopic(
                  "kpi-windows", Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
              .isEmpty());
    }
  }

  @Test
  void graceAndPunctuationIntervalBeyondLongMillisAreRefusedNamingThem() {
    var b = sla();
    IllegalArgumentException grace =
        assertThrows(IllegalArgumentException.class, () -> b.grace(FOREVER));
    assertTrue(grace.getMessage().startsWith("grace must be at most"), grace.getMessage());
    IllegalArgumentException interval =
        assertThrows(IllegalArgumentException.class, () -> b.punctuationInterval(FOREVER));
    assertTrue(
        interval.getMessage().startsWith("punctuationInterval must be at most"),
        interval.getMessage());
    assertEquals(
        "punctuationInterval must be at least 1 ms, was PT0.000999999S",
        assertThrows(
                IllegalArgumentException.class,
                () -> b.punctuationInterval(Duration.ofNanos(999_999)))
            .getMessage());
    assertEquals(
        "grace must be zero or more, was PT-0.001S",
        assertThrows(IllegalArgumentException.class, () -> b.grace(Duration.ofMillis(-1)))
            .getMessage());
    try (TopologyTestDriver d =
        IsolatedTopologyTestDriver.open(b.inMemoryStores(true).build().build(), props(), T0)) {
      SlaClockTopologyTest.pipe(
          SlaClockTopologyTest.in(d), SlaClockTopologyTest.created("T-1", T0));
      assertTrue(!SlaClockTopologyTest.out(d).readValuesToList().isEmpty());
    }
  }

  /**
   * A retention of zero, below a millisecond, negative or beyond Long millis is refused by name.
   */
  @Test
  void retentionMustBeAtLeastAMillisecondAndAtMostLongMillis() {
    var b = sla();
    assertEquals(
        "retention must be at least 1 ms, was PT0S",
        assertThrows(IllegalArgumentException.class, () -> b.retention(Duration.ZERO))
            .getMessage());
    assertEquals(
        "retention must be at least 1 ms, was PT-1H",
        assertThrows(IllegalArgumentException.class, () -> b.retention(Duration.ofHours(-1)))
            .getMessage());
    assertEquals(
        "retention must be at least 1 ms, was PT0.000999999S",
        assertThrows(IllegalArgumentException.class, () -> b.retention(Duration.ofNanos(999_999)))
            .getMessage());
    IllegalArgumentException forever =
        assertThrows(IllegalArgumentException.class, () -> b.retention(FOREVER));
    assertTrue(forever.getMessage().startsWith("retention must be at most"), forever.getMessage());
    assertThrows(NullPointerException.class, () -> b.retention(null));
    assertEquals(
        "releasedTopic must not be blank",
        assertThrows(IllegalArgumentException.class, () -> b.releasedTopic(" ")).getMessage());
    assertEquals(
        "releasedTopic \"ticket-events\" must differ from the input topic: the topology would read"
            + " its own output back",
        assertThrows(
                IllegalArgumentException.class,
                () -> sla().retention(Duration.ofDays(7)).releasedTopic("ticket-events").build())
            .getMessage());
    // The refused calls left the builder as it was: it builds without retention.
    b.build();
  }

  /**
   * The KPI topology's punctuation interval is a setting (its javadoc stated the one-second default
   * with no way to change it), checked as the SLA topology's is: the window closed at 10:00 is
   * emitted on the first punctuation after it, which a 30-day interval holds back until stream time
   * has advanced 30 days.
   */
  @Test
  void theKpiPunctuationIntervalIsASettingCheckedByName() {
    assertEquals(
        "punctuationInterval must be at least 1 ms, was PT0S",
        assertThrows(IllegalArgumentException.class, () -> kpi().punctuationInterval(Duration.ZERO))
            .getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> kpi().punctuationInterval(FOREVER))
            .getMessage()
            .startsWith("punctuationInterval must be at most"));
    assertEquals(List.of(false, false, true), emittedAfter(Duration.ofDays(30)));
    assertEquals(List.of(true, true, true), emittedAfter(Duration.ofSeconds(1)));
  }

  /** Whether the 09:00 window was emitted after records at 10:01, 11:01 and 31 days later. */
  private static List<Boolean> emittedAfter(Duration interval) {
    var t =
        WindowedKpiTopology.builder(
                Serdes.Long(),
                DurationAccumulator.class,
                DurationAccumulator::create,
                WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC))
            .groupBy(v -> "g", v -> T0.plus(Duration.ofMinutes(v)))
            .record((acc, v) -> acc.addMillis(v))
            .punctuationInterval(interval)
            .inMemoryStores(true)
            .build();
    try (TopologyTestDriver d = IsolatedTopologyTestDriver.open(t.build(), props(), T0)) {
      var in =
          d.createInputTopic("kpi-input", Serdes.String().serializer(), Serdes.Long().serializer());
      var out =
          d.createOutputTopic(
              "kpi-windows", Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
      in.pipeInput("k", 0L, T0);
      in.pipeInput("k", 61L, T0.plus(Duration.ofMinutes(61)));
      boolean first = !out.isEmpty();
      in.pipeInput("k", 121L, T0.plus(Duration.ofMinutes(121)));
      boolean second = first || !out.isEmpty();
      in.pipeInput("k", 31 * 1440L, T0.plus(Duration.ofDays(31)));
      boolean third = second || !out.isEmpty();
      return List.of(first, second, third);
    }
  }

  @Test
  void kpiTopicsMustNotBeBlankAsTheDeadLetterTopicAndTheSlaTopicsMustNot() {
    var b = kpi();
    assertEquals(
        "input must not be blank",
        assertThrows(IllegalArgumentException.class, () -> b.topics(" ", "w", "l")).getMessage());
    assertEquals(
        "windows must not be blank",
        assertThrows(IllegalArgumentException.class, () -> b.topics("i", "", "l")).getMessage());
    assertEquals(
        "late must not be blank",
        assertThrows(IllegalArgumentException.class, () -> b.topics("i", "w", "\t")).getMessage());
    // a refused call changes nothing: the defaults stay
    assertTrue(b.build().build().describe().toString().contains("topics: [kpi-input]"));
  }

  @Test
  void aTopicNameKafkaRefusesIsRefusedWhereItIsGivenNamingTheSetting() {
    // A space, a name over 249 chars, "." or "..", a non-ASCII letter: Kafka can create none of
    // them; such a name used to be taken and to fail the application only against a broker.
    var sla = SlaClockTopology.builder(SlaFixtures.policySet(), SlaFixtures.CALENDARS);
    assertEquals(
        "inputTopic \"ticket events\" is not a Kafka topic name: 1-249 ASCII letters, digits, '.',"
            + " '_' or '-', and not \".\" or \"..\"",
        assertThrows(IllegalArgumentException.class, () -> sla.inputTopic("ticket events"))
            .getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> sla.outputTopic(" sla-transitions"))
            .getMessage()
            .startsWith("outputTopic \" sla-transitions\" is not a Kafka topic name"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> sla.deadLetterTopic("x".repeat(250)))
            .getMessage()
            .startsWith("deadLetterTopic \"" + "x".repeat(64) + "... (250 chars)\" is not"));
    assertThrows(IllegalArgumentException.class, () -> sla.releasedTopic(".."));
    assertThrows(IllegalArgumentException.class, () -> sla.anomaliesTopic("."));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> sla.anomaliesTopic("anomal\u00eda"))
            .getMessage()
            .startsWith("anomaliesTopic \"anomal\\u00eda\" is not a Kafka topic name"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> kpi().topics("i", "w:1", "l"))
            .getMessage()
            .startsWith("windows \"w:1\" is not a Kafka topic name"));
    assertThrows(IllegalArgumentException.class, () -> kpi().deadLetterTopic("dead letters"));
    // the legal alphabet and the longest name are taken
    String longest = "a".repeat(249);
    assertTrue(
        sla.inputTopic("Tickets_v2.eu-1")
            .outputTopic(longest)
            .build()
            .build()
            .describe()
            .toString()
            .contains("Tickets_v2.eu-1"));
  }

  @Test
  void anOutputTopicThatIsTheInputTopicIsRefusedWhenBuilt() {
    assertEquals(
        "windows topic \"x\" must differ from the input topic: the topology would read its own"
            + " output back",
        assertThrows(IllegalArgumentException.class, () -> kpi().topics("x", "x", "l").build())
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> kpi().topics("x", "w", "x").build());
    assertThrows(
        IllegalArgumentException.class,
        () -> kpi().topics("x", "w", "l").deadLetterTopic("x").build());
    assertEquals(
        "outputTopic \"x\" must differ from the input topic: the topology would read its own"
            + " output back",
        assertThrows(
                IllegalArgumentException.class,
                () -> sla().inputTopic("x").outputTopic("x").build())
            .getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> sla().inputTopic("ticket-events").deadLetterTopic("ticket-events").build());
    // late and dead-letter records may share a topic: both are the input's records
    kpi().topics("i", "w", "rejects").deadLetterTopic("rejects").build();
  }

  /**
   * A side topic that is the typed output topic is refused when built: released events or
   * dead-letter JSON in the transitions topic (or late records and dead-letter JSON in the windows
   * topic) would fail every reader of that topic, which decodes each record with the output's
   * serde. Earlier builds accepted {@code releasedTopic("sla-transitions")} and wrote raw ticket
   * events there.
   */
  @Test
  void aSideTopicThatIsTheOutputTopicIsRefusedWhenBuilt() {
    assertEquals(
        "releasedTopic \"sla-transitions\" must differ from the outputTopic: its records would be"
            + " mixed into the output and fail the output's readers",
        assertThrows(
                IllegalArgumentException.class,
                () -> sla().retention(Duration.ofDays(7)).releasedTopic("sla-transitions").build())
            .getMessage());
    assertEquals(
        "releasedTopic \"out\" must differ from the outputTopic: its records would be mixed into"
            + " the output and fail the output's readers",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    sla()
                        .outputTopic("out")
                        .retention(Duration.ofDays(7))
                        .releasedTopic("out")
                        .build())
            .getMessage());
    assertEquals(
        "deadLetterTopic \"sla-transitions\" must differ from the outputTopic: its records would"
            + " be mixed into the output and fail the output's readers",
        assertThrows(
                IllegalArgumentException.class,
                () -> sla().deadLetterTopic("sla-transitions").build())
            .getMessage());
    assertEquals(
        "late topic \"w\" must differ from the windows topic: its records would be mixed into the"
            + " output and fail the output's readers",
        assertThrows(IllegalArgumentException.class, () -> kpi().topics("i", "w", "w").build())
            .getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> kpi().topics("i", "w", "l").deadLetterTopic("w").build());
    // released and dead-letter records may share a topic, as late and dead-letter ones may
    sla().retention(Duration.ofDays(7)).releasedTopic("side").deadLetterTopic("side").build();
  }
}
