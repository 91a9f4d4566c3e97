package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.rocksdb.RocksDB;

/**
 * The keyed state backends the restore and migration tests run on: Flink's heap backend, which
 * keeps live objects and serializes them only at checkpoints, and RocksDB, the backend of
 * production jobs, which serializes every value on every access, restores serialized bytes and
 * migrates them eagerly on a serializer change. A test on RocksDB is skipped, with the reason, if
 * its native library does not load on the machine.
 */
public enum Backend {
  /** {@link HashMapStateBackend}: objects on the heap. */
  HASHMAP,
  /** {@link EmbeddedRocksDBStateBackend} (full, not incremental, checkpoints): serialized bytes. */
  ROCKSDB;

  private static final String ROCKSDB_LOAD_ERROR = loadRocksDb();

  private static String loadRocksDb() {
    try {
      RocksDB.loadLibrary();
      return null;
    } catch (Throwable e) { // UnsatisfiedLinkError, or an error extracting the library
      return e.toString();
    }
  }

  private void assumeLoadable() {
    assumeTrue(
        this != ROCKSDB || ROCKSDB_LOAD_ERROR == null,
        () -> "RocksDB's native library does not load on this machine: " + ROCKSDB_LOAD_ERROR);
  }

  /**
   * Sets this backend on an operator test harness (before it is set up or restored).
   *
   * @param harness the harness
   * @param <H> its type
   * @return {@code harness}
   */
  public <H extends AbstractStreamOperatorTestHarness<?>> H on(H harness) {
    assumeLoadable();
    StateBackend backend =
        this == ROCKSDB ? new EmbeddedRocksDBStateBackend(false) : new HashMapStateBackend();
    harness.setStateBackend(backend);
    return harness;
  }

  /**
   * Sets this backend in a job's configuration.
   *
   * @param conf the configuration
   * @return {@code conf}
   */
  public Configuration on(Configuration conf) {
    assumeLoadable();
    conf.set(StateBackendOptions.STATE_BACKEND, this == ROCKSDB ? "rocksdb" : "hashmap");
    return conf;
  }
}
