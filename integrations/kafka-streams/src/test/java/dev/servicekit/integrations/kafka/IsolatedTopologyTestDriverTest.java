package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.SlaMetric;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * The tests of this module open their drivers on a state directory of their own, so that two builds
 * at once (or two drivers of one application id) never share RocksDB stores.
 */
class IsolatedTopologyTestDriverTest {

  private static Properties config() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "sla-isolation");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return p;
  }

  private static List<String> firstResponse(TopologyTestDriver d) {
    var in = SlaClockTopologyTest.in(d);
    var out = SlaClockTopologyTest.out(d);
    SlaClockTopologyTest.pipe(in, SlaClockTopologyTest.created("T-1", SlaClockTopologyTest.T0));
    return SlaClockTopologyTest.kinds(out.readValuesToList(), SlaMetric.firstResponse());
  }

  @Test
  void twoDriversOfOneApplicationIdWithPersistentStoresRunAtOnceOnTheirOwnDirectories() {
    // RocksDB (the default): each driver opens its store under <state.dir>/<application.id>/0_0.
    // On one shared state.dir the second driver could not open (and its close would delete) the
    // first one's store; two builds at once are in the same position.
    try (TopologyTestDriver a =
            IsolatedTopologyTestDriver.open(
                SlaClockTopologyTest.topology().build().build(),
                config(),
                SlaClockTopologyTest.T0);
        TopologyTestDriver b =
            IsolatedTopologyTestDriver.open(
                SlaClockTopologyTest.topology().build().build(),
                config(),
                SlaClockTopologyTest.T0)) {
      Path dirA = ((IsolatedTopologyTestDriver) a).stateDir();
      Path dirB = ((IsolatedTopologyTestDriver) b).stateDir();
      assertNotEquals(dirA, dirB);
      List<String> want = List.of("STARTED@2026-03-02T09:00:00Z");
      assertEquals(want, firstResponse(a));
      assertEquals(want, firstResponse(b));
      assertTrue(Files.isDirectory(dirA.resolve("sla-isolation")), dirA + " holds the stores");
      assertTrue(Files.isDirectory(dirB.resolve("sla-isolation")), dirB + " holds the stores");
    }
  }

  @Test
  void closingTheDriverDeletesItsStateDirectory() {
    Path dir;
    try (TopologyTestDriver d =
        IsolatedTopologyTestDriver.open(
            SlaClockTopologyTest.topology().build().build(), config(), SlaClockTopologyTest.T0)) {
      dir = ((IsolatedTopologyTestDriver) d).stateDir();
      assertEquals(List.of("STARTED@2026-03-02T09:00:00Z"), firstResponse(d));
      assertTrue(Files.isDirectory(dir));
    }
    assertFalse(Files.exists(dir), dir + " is left behind");
  }

  @Test
  void aConfigurationThatSetsTheStateDirectoryIsRefused() {
    Properties p = config();
    p.put(StreamsConfig.STATE_DIR_CONFIG, "/tmp/kafka-streams");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                IsolatedTopologyTestDriver.open(
                    SlaClockTopologyTest.topology().build().build(), p, SlaClockTopologyTest.T0));
    assertEquals(
        "state.dir is /tmp/kafka-streams: an isolated driver makes its own temporary state"
            + " directory",
        e.getMessage());
  }

  @Test
  void noTestOfThisModuleOpensADriverOnTheSharedDefaultStateDirectory() throws IOException {
    // Surefire runs in the module's directory.
    Path tests = Path.of("src", "test", "java");
    assertTrue(Files.isDirectory(tests), tests.toAbsolutePath() + " is not the test source root");
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(tests)) {
      for (Path f :
          files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList())) {
        if (f.endsWith("IsolatedTopologyTestDriver.java")) {
          continue;
        }
        String text = Files.readString(f, StandardCharsets.UTF_8);
        if (text.contains("new " + "TopologyTestDriver(")
            || text.contains("new " + "KafkaStreams(")) {
          offenders.add(tests.relativize(f).toString());
        }
      }
    }
    assertEquals(List.of(), offenders, "open drivers with IsolatedTopologyTestDriver.open");
  }
}
