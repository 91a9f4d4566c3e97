package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.integrations.kafka.OutOfRangeEventTimeTest.Contact;
import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.TopologyException;
import org.junit.jupiter.api.Test;

/**
 * Several SLA topologies and KPIs in one Kafka Streams topology ({@code addTo}): each one's output
 * is what it gives alone, its stores and metrics are its own, and two of one name are refused.
 */
class SeveralTopologiesTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static final Serde<Contact> CONTACTS = Contact.SERDE;

  private static SlaClockTopology.Builder sla() {
    return SlaClockTopology.builder(SlaFixtures.policySet(), SlaFixtures.CALENDARS)
        .inMemoryStores(true);
  }

  private static SlaClockTopology unnamedSla() {
    return sla().deadLetterTopic("sla-dead").build();
  }

  private static SlaClockTopology vipSla() {
    return sla()
        .name("vip")
        .inputTopic("vip-events")
        .outputTopic("vip-transitions")
        .deadLetterTopic("sla-dead") // shared with the unnamed one: two sinks, one topic
        .grace(Duration.ofMinutes(5))
        .build();
  }

  private static WindowedKpiTopology<Contact, DurationAccumulator> aht() {
    return WindowedKpiTopology.builder(
            CONTACTS,
            DurationAccumulator.class,
            DurationAccumulator::create,
            WindowSpec.of(WindowUnit.HOUR, ZoneId.of("UTC")))
        .name("aht")
        .groupBy(Contact::agent, Contact::at)
        .record((acc, c) -> acc.addMillis(c.handleMillis()))
        .deadLetterTopic("kpi-dead")
        .inMemoryStores(true)
        .build();
  }

  private static TopologyTestDriver open(Topology t) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "several");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return IsolatedTopologyTestDriver.open(t, p, T0);
  }

  /**
   * The instants of the records fed to every input, in feeding order. The test driver runs every
   * sub-topology in one task, so they share stream time: each input gets a record at each of these
   * instants in turn, so that each sees the stream time it would see alone.
   */
  private static final List<Instant> AT =
      List.of(
          T0,
          T0.plusSeconds(60),
          T0.plusSeconds(600),
          T0.plusSeconds(1200),
          T0.plusSeconds(300), // late
          T0.plus(Duration.ofDays(3)),
          T0.plus(Duration.ofDays(3)));

  /** Record {@code k} of an SLA input: two tickets' events, a late one, a closer, a bad record. */
  private static void feedSla(TopologyTestDriver d, String topic, String prefix, int k) {
    Instant at = AT.get(k);
    TicketEvent e =
        switch (k) {
          case 0 -> SlaClockTopologyTest.created(prefix + "1", at);
          case 1 -> SlaClockTopologyTest.created(prefix + "2", at);
          case 2 -> new TicketEvent.CustomerMessage(prefix + "1", "m1", at);
          case 3 -> TicketEvent.AgentReply.publicReply(prefix + "1", "r1", at);
          case 4 -> TicketEvent.AgentReply.publicReply(prefix + "2", "r2", at);
          case 5 -> SlaClockTopologyTest.created(prefix + "3", at);
          default -> null;
        };
    if (e != null) {
      d.createInputTopic(
              topic, Serdes.String().serializer(), ServicekitSerdes.ticketEvents().serializer())
          .pipeInput(e.ticketId(), e, at);
    } else {
      d.createInputTopic(topic, Serdes.String().serializer(), Serdes.String().serializer())
          .pipeInput(prefix + "9", "not an event", at);
    }
  }

  /** Record {@code k} of the KPI input: contacts of two agents, a bad record last. */
  private static void feedKpi(TopologyTestDriver d, int k) {
    Instant at = AT.get(k);
    if (k < AT.size() - 1) {
      d.createInputTopic("kpi-input", Serdes.String().serializer(), CONTACTS.serializer())
          .pipeInput("k", new Contact(k % 2 == 0 ? "a" : "b", at, 1000L * (k + 1)), at);
    } else {
      d.createInputTopic("kpi-input", Serdes.String().serializer(), Serdes.String().serializer())
          .pipeInput("k", "not a contact", at);
    }
  }

  /**
   * Each ticket's transitions in order. Across tickets the order may differ from a run alone: the
   * driver's shared stream time fires one processor's timers when another's record moves it
   * (separate tasks in an application), and Kafka orders records per key only.
   */
  private static Map<String, List<String>> transitions(TopologyTestDriver d, String topic) {
    Map<String, List<String>> out = new TreeMap<>();
    for (SlaTransition t :
        d.createOutputTopic(
                topic,
                Serdes.String().deserializer(),
                ServicekitSerdes.slaTransitions().deserializer())
            .readValuesToList()) {
      out.computeIfAbsent(t.ticketId(), k -> new ArrayList<>()).add(t.toString());
    }
    return out;
  }

  private static Map<String, String> windows(TopologyTestDriver d) {
    Map<String, String> out = new TreeMap<>();
    d.createOutputTopic(
            "kpi-windows",
            Serdes.String().deserializer(),
            ServicekitSerdes.kpi(DurationAccumulator.class).deserializer())
        .readKeyValuesToList()
        .forEach(kv -> out.put(kv.key, kv.value.result().toString()));
    return out;
  }

  private static int deadLetters(TopologyTestDriver d, String topic) {
    return d.createOutputTopic(
            topic, Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
        .readValuesToList()
        .size();
  }

  /** The task's {@code rejected-records-total} per {@code servicekit-id} tag. */
  private static Map<String, Double> rejected(TopologyTestDriver d) {
    Map<String, Double> out = new TreeMap<>();
    for (Map.Entry<MetricName, ? extends Metric> m : d.metrics().entrySet()) {
      if (m.getKey().name().equals("rejected-records-total")) {
        out.merge(
            m.getKey().tags().get("servicekit-id"),
            ((Number) m.getValue().metricValue()).doubleValue(),
            Double::sum);
      }
    }
    return out;
  }

  @Test
  void eachGivesInOneTopologyWhatItGivesAlone() {
    Map<String, List<String>> unnamedAlone;
    Map<String, List<String>> vipAlone;
    Map<String, String> ahtAlone;
    try (TopologyTestDriver d = open(unnamedSla().build())) {
      for (int k = 0; k < AT.size(); k++) {
        feedSla(d, "ticket-events", "T-", k);
      }
      unnamedAlone = transitions(d, "sla-transitions");
    }
    try (TopologyTestDriver d = open(vipSla().build())) {
      for (int k = 0; k < AT.size(); k++) {
        feedSla(d, "vip-events", "V-", k);
      }
      vipAlone = transitions(d, "vip-transitions");
    }
    try (TopologyTestDriver d = open(aht().build())) {
      for (int k = 0; k < AT.size(); k++) {
        feedKpi(d, k);
      }
      ahtAlone = windows(d);
    }
    assertFalse(unnamedAlone.isEmpty());
    assertFalse(vipAlone.isEmpty());
    assertFalse(ahtAlone.isEmpty());

    Topology all = new Topology();
    SlaClockTopology unnamed = unnamedSla();
    SlaClockTopology vip = vipSla();
    WindowedKpiTopology<Contact, DurationAccumulator> aht = aht();
    assertTrue(unnamed.addTo(all) == all);
    vip.addTo(all);
    aht.addTo(all);
    try (TopologyTestDriver d = open(all)) {
      for (int k = 0; k < AT.size(); k++) {
        feedSla(d, "ticket-events", "T-", k);
        feedSla(d, "vip-events", "V-", k);
        feedKpi(d, k);
      }
      assertEquals(unnamedAlone, transitions(d, "sla-transitions"));
      assertEquals(vipAlone, transitions(d, "vip-transitions"));
      assertEquals(ahtAlone, windows(d));
      assertEquals(2, deadLetters(d, "sla-dead")); // one bad record from each SLA input
      assertEquals(1, deadLetters(d, "kpi-dead"));
      assertEquals(
          Map.of("kpi-aht", 1.0, "sla-clocks", 1.0, "sla-vip", 1.0), rejected(d), "by tag");

      assertEquals(SlaClockTopology.CLOCK_STORE, unnamed.clockStoreName());
      assertEquals(SlaClockTopology.TIMER_STORE, unnamed.timerStoreName());
      assertEquals("servicekit-sla-vip-clocks", vip.clockStoreName());
      assertEquals("servicekit-sla-vip-timers", vip.timerStoreName());
      assertEquals("servicekit-kpi-aht", aht.storeName());
      assertNotNull(d.getKeyValueStore(unnamed.clockStoreName()).get("T-1"));
      assertEquals(null, d.getKeyValueStore(unnamed.clockStoreName()).get("V-1"));
      assertNotNull(d.getKeyValueStore(vip.clockStoreName()).get("V-1"));
      assertEquals(null, d.getKeyValueStore(vip.clockStoreName()).get("T-1"));
      assertNotNull(d.getKeyValueStore(vip.timerStoreName()));
      assertNotNull(d.getKeyValueStore(aht.storeName()));
    }
  }

  @Test
  void twoOfOneNameAreRefusedByKafkaStreams() {
    Topology t = new Topology();
    unnamedSla().addTo(t);
    SlaClockTopology second = sla().inputTopic("other-events").build();
    assertThrows(TopologyException.class, () -> second.addTo(t));

    Topology u = new Topology();
    vipSla().addTo(u);
    SlaClockTopology sameName = sla().name("vip").inputTopic("other-events").build();
    assertThrows(TopologyException.class, () -> sameName.addTo(u));

    Topology k = new Topology();
    aht().addTo(k);
    assertThrows(TopologyException.class, () -> aht().addTo(k));
  }

  @Test
  void theUnnamedOneAndOneNamedClocksWouldShareAMetricsTagAndAreRefused() {
    // Their nodes and stores differ, so Kafka Streams took both, and one's rejected records were
    // counted under the other's servicekit-id=sla-clocks too.
    SlaClockTopology clocks =
        sla().name("clocks").inputTopic("clocks-events").outputTopic("clocks-out").build();
    Topology t = new Topology();
    unnamedSla().addTo(t);
    TopologyException e = assertThrows(TopologyException.class, () -> clocks.addTo(t));
    assertTrue(e.getMessage().contains("servicekit-id=sla-clocks"), e.getMessage());
    Topology u = new Topology();
    clocks.addTo(u);
    assertThrows(TopologyException.class, () -> unnamedSla().addTo(u));
    // alone, or beside another name, each is fine
    assertNotNull(clocks.build());
    Topology v = new Topology();
    clocks.addTo(v);
    vipSla().addTo(v);
    assertEquals(2, v.describe().subtopologies().size());
    // the check reads the topology's description: one added to afterwards still runs in full
    Topology w = new Topology();
    aht().addTo(w);
    unnamedSla().addTo(w);
    try (TopologyTestDriver d = open(w)) {
      for (int k = 0; k < AT.size(); k++) {
        feedSla(d, "ticket-events", "T-", k);
        feedKpi(d, k);
      }
      assertFalse(transitions(d, "sla-transitions").isEmpty());
      assertFalse(windows(d).isEmpty());
    }
  }

  /**
   * Node names derive from the topology's name, so two can make the same one: one named "released"
   * beside the unnamed one with a retention (whose released sink, servicekit-sla-released-events,
   * is the named one's source). Kafka Streams refused it half-way, naming only the node, with the
   * named topology's first nodes already added; it is now refused before anything is added, naming
   * the topology and the clash.
   */
  @Test
  void aNameThatMakesAnotherTopologysNodeIsRefusedBeforeAnythingIsAdded() {
    Topology t = new Topology();
    sla().retention(Duration.ofHours(1)).build().addTo(t);
    String before = t.describe().toString();
    SlaClockTopology released =
        sla().name("released").inputTopic("released-events").outputTopic("released-out").build();
    TopologyException e = assertThrows(TopologyException.class, () -> released.addTo(t));
    assertTrue(
        e.getMessage()
            .contains(
                "the SLA topology named \"released\" would add the node"
                    + " servicekit-sla-released-events, which the topology already has"),
        e.getMessage());
    assertEquals(before, t.describe().toString());
  }

  @Test
  void aNameIsLettersDigitsAndDashes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> sla().name("vip clocks"));
    assertTrue(e.getMessage().contains("name must be 1-64 letters"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> sla().name(""));
    assertThrows(IllegalArgumentException.class, () -> sla().name("x".repeat(65)));
    assertThrows(NullPointerException.class, () -> sla().name(null));
    assertThrows(NullPointerException.class, () -> unnamedSla().addTo(null));
  }
}
