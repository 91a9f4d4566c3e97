package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.servicekit.integrations.kafka.ScalingOutExampleTest.Csat;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * A revised KPI window with removals: a record whose rating is 0 (this test's convention) removes
 * its response as of its revision, so a deleted survey response stays deleted whatever the arrival
 * order, and an edit made after the deletion brings it back.
 */
class RevisedRemovalTopologyTest {

  private static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");
  private static final WindowSpec HOURS = WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC);

  private static final Serde<Csat> CSAT =
      Serdes.serdeFrom(
          (topic, v) ->
              (v.team()
                      + ","
                      + v.responseId()
                      + ","
                      + v.answeredAt()
                      + ","
                      + v.revision()
                      + ","
                      + v.rating())
                  .getBytes(StandardCharsets.UTF_8),
          (topic, b) -> {
            String[] f = new String(b, StandardCharsets.UTF_8).split(",");
            return new Csat(
                f[0], f[1], Instant.parse(f[2]), Long.parseLong(f[3]), Integer.parseInt(f[4]));
          });

  private static WindowedKpiTopology.Builder<Csat, RatingAccumulator> builder() {
    return WindowedKpiTopology.builder(
            CSAT,
            RatingAccumulator.class,
            () -> RatingAccumulator.create(RatingScale.csatFivePoint()),
            HOURS)
        .groupBy(Csat::team, Csat::answeredAt);
  }

  private static long countAfter(List<Csat> records) {
    var topology =
        builder()
            .revised(Csat::responseId, Csat::revision, Csat::rating)
            .removal(c -> c.rating() == 0)
            .inMemoryStores(true)
            .build();
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "kpi-removal");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    Topology t = topology.build();
    try (TopologyTestDriver d = IsolatedTopologyTestDriver.open(t, p, NINE)) {
      var in = d.createInputTopic("kpi-input", Serdes.String().serializer(), CSAT.serializer());
      for (Csat v : records) {
        in.pipeInput(v.team(), v, v.answeredAt());
      }
      // a record two hours on closes the 09:00 window
      Csat late = new Csat("red", "R-9", NINE.plusSeconds(7200), 1, 3);
      in.pipeInput(late.team(), late, late.answeredAt());
      var out =
          d.createOutputTopic(
                  "kpi-windows",
                  Serdes.String().deserializer(),
                  ServicekitSerdes.kpi(RatingAccumulator.class).deserializer())
              .readValuesToList();
      return out.get(0).result().count();
    }
  }

  @Test
  void aDeletionStaysWhateverTheOrderAndALaterEditRestores() {
    List<Csat> history =
        List.of(
            new Csat("red", "R-1", NINE, 1, 2),
            new Csat("red", "R-1", NINE, 2, 5), // edited
            new Csat("red", "R-1", NINE, 3, 0), // deleted
            new Csat("red", "R-2", NINE, 1, 4));
    Random r = new Random(7);
    for (int i = 0; i < 6; i++) {
      List<Csat> shuffled = new ArrayList<>(history);
      Collections.shuffle(shuffled, r);
      assertEquals(1, countAfter(shuffled), shuffled.toString());
    }
    List<Csat> restored = new ArrayList<>(history);
    restored.add(new Csat("red", "R-1", NINE, 4, 3)); // restored in the source, revision 4
    Collections.shuffle(restored, r);
    assertEquals(2, countAfter(restored), restored.toString());
  }

  @Test
  void removalNeedsRevisedFirst() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> builder().removal(c -> true));
    assertEquals("removal(...) needs revised(...) first", e.getMessage());
  }
}
