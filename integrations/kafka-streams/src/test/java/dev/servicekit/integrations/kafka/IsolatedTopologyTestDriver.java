package dev.servicekit.integrations.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * A {@link TopologyTestDriver} with a state directory of its own, deleted when the driver closes.
 * Every test of this module opens its drivers here.
 *
 * <p>Why: Kafka Streams' default {@code state.dir} is {@code ${java.io.tmpdir}/kafka-streams},
 * shared by every JVM of the machine. A driver of a topology with persistent stores opens its
 * RocksDB stores under {@code <state.dir>/<application.id>/<task>} and deletes that directory when
 * it closes, so two builds at once (CI jobs, helpers' worktrees) that run the same test open, lock
 * and delete each other's stores. See {@code StreamsConfig#STATE_DIR_CONFIG} in
 * https://kafka.apache.org/documentation/#streamsconfigs_state.dir.
 *
 * <p>Not thread-safe, like the driver it extends.
 */
final class IsolatedTopologyTestDriver extends TopologyTestDriver {

  private final Path stateDir;

  private IsolatedTopologyTestDriver(
      Topology topology, Properties config, Instant start, Path stateDir) {
    super(topology, config, start);
    this.stateDir = stateDir;
  }

  /**
   * Opens a driver whose {@code state.dir} is a new temporary directory.
   *
   * @param topology the topology to drive
   * @param config the Streams configuration, without {@code state.dir} (this method owns it)
   * @param start the initial wall-clock time of the driver
   * @return the driver; closing it deletes its state directory
   * @throws IllegalArgumentException if {@code config} sets {@code state.dir}
   */
  static TopologyTestDriver open(Topology topology, Properties config, Instant start) {
    Objects.requireNonNull(topology, "topology");
    Objects.requireNonNull(start, "start");
    if (config.containsKey(StreamsConfig.STATE_DIR_CONFIG)) {
      throw new IllegalArgumentException(
          StreamsConfig.STATE_DIR_CONFIG
              + " is "
              + config.get(StreamsConfig.STATE_DIR_CONFIG)
              + ": an isolated driver makes its own temporary state directory");
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("servicekit-kafka-streams-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Properties withDir = new Properties();
    withDir.putAll(config);
    withDir.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    try {
      return new IsolatedTopologyTestDriver(topology, withDir, start, dir);
    } catch (RuntimeException | Error e) {
      deleteRecursively(dir);
      throw e;
    }
  }

  /**
   * The state directory of this driver.
   *
   * @return the directory, which exists until {@link #close()}
   */
  Path stateDir() {
    return stateDir;
  }

  @Override
  public void close() {
    try {
      super.close();
    } finally {
      deleteRecursively(stateDir);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the state directory " + dir, e);
    }
  }
}
