package dev.servicekit.integrations.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.KpiSnapshots;
import dev.servicekit.kpi.PercentileAccumulator;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * A KPI task restarted on its store with another configuration (a review: the accumulator type
 * changed under the same name rejected good records as "kind mismatch" and then failed every
 * punctuation, on every restart; a longer lateness reopened and emitted again a window already
 * emitted). The store now records what its windows hold and up to where they were emitted: another
 * accumulator or window spec fails the task at start naming both; an emitted window stays closed.
 */
class KpiStoreLayoutTest {

  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final String STORE = "kpi-store";

  /** One task: a processor on a mock context over {@code store}. */
  static final class Task {
    final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
    final WindowedKpiProcessor<Long> processor;

    Task(
        KeyValueStore<Bytes, byte[]> store,
        String accumulator,
        WindowUnit unit,
        Duration lateness) {
      this(store, accumulator, unit, lateness, ZoneOffset.UTC);
    }

    Task(
        KeyValueStore<Bytes, byte[]> store,
        String accumulator,
        WindowUnit unit,
        Duration lateness,
        ZoneId zone) {
      context.addStateStore(store);
      WindowedKpiProcessor.Folder<Long> folder =
          new WindowedKpiProcessor.Folder<>() {
            @Override
            public byte[] fold(byte[] state, Long value) {
              DurationAccumulator a =
                  state == null
                      ? DurationAccumulator.create()
                      : KpiSnapshots.fromBytes(state, DurationAccumulator.class);
              a.addMillis(value);
              return KpiSnapshots.toBytes(a);
            }

            @Override
            public Object result(byte[] state) {
              return KpiSnapshots.fromBytes(state, DurationAccumulator.class);
            }
          };
      processor =
          new WindowedKpiProcessor<>(
              STORE,
              WindowSpec.of(unit, zone),
              lateness,
              Duration.ofSeconds(1),
              v -> "g",
              v -> T0.plus(Duration.ofMinutes(v)),
              folder,
              (topic, bytes) -> ByteBuffer.wrap(bytes).getLong(),
              "test",
              false,
              accumulator);
      processor.init(context);
    }

    /** A record for minute {@code m}, stream time moved to {@code streamMinute}. */
    void record(long m, long streamMinute) {
      context.setCurrentStreamTimeMs(T0.plus(Duration.ofMinutes(streamMinute)).toEpochMilli());
      processor.process(
          new Record<>(
              "k",
              ByteBuffer.allocate(8).putLong(m).array(),
              T0.plus(Duration.ofMinutes(m)).toEpochMilli()));
    }

    void punctuate() {
      context.scheduledPunctuators().get(0).getPunctuator().punctuate(0);
    }

    List<String> forwarded(String child) {
      return context.forwarded().stream()
          .filter(f -> f.childName().map(child::equals).orElse(false))
          .map(f -> String.valueOf(f.record().key()))
          .toList();
    }
  }

  static KeyValueStore<Bytes, byte[]> store() {
    KeyValueStore<Bytes, byte[]> s =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(STORE), Serdes.Bytes(), Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    MockProcessorContext<String, Object> c = new MockProcessorContext<>();
    s.init(c.getStateStoreContext(), s);
    return s;
  }

  @Test
  void anotherAccumulatorOrWindowSpecOnTheStoreFailsTheTaskAtStartNamingBoth() {
    KeyValueStore<Bytes, byte[]> store = store();
    Task first =
        new Task(store, DurationAccumulator.class.getName(), WindowUnit.HOUR, Duration.ZERO);
    first.record(5, 5); // an open 09:00 window
    IllegalStateException type =
        assertThrows(
            IllegalStateException.class,
            () ->
                new Task(
                    store, PercentileAccumulator.class.getName(), WindowUnit.HOUR, Duration.ZERO));
    assertEquals(
        "the store kpi-store holds dev.servicekit.kpi.DurationAccumulator in HOUR windows, zone Z,"
            + " weeks from MONDAY, but this topology keeps dev.servicekit.kpi.PercentileAccumulator"
            + " in HOUR windows, zone Z, weeks from MONDAY: its windows cannot be read so. Give the"
            + " KPI another name() (a new store), or reset the application's state"
            + " (kafka-streams-application-reset) to start over",
        type.getMessage());
    IllegalStateException spec =
        assertThrows(
            IllegalStateException.class,
            () ->
                new Task(
                    store, DurationAccumulator.class.getName(), WindowUnit.DAY, Duration.ZERO));
    assertTrue(spec.getMessage().contains("but this topology keeps"), spec.getMessage());
    assertTrue(spec.getMessage().contains("in DAY windows"), spec.getMessage());
    // the same configuration restarts, and its open window is emitted once when it closes
    Task again =
        new Task(store, DurationAccumulator.class.getName(), WindowUnit.HOUR, Duration.ZERO);
    again.record(70, 70);
    again.punctuate();
    assertEquals(
        List.of("g@2026-03-02T09:00:00Z"),
        again.forwarded(WindowedKpiProcessor.windowsChild("test")));
  }

  @Test
  void aWindowEmittedUnderAShorterLatenessStaysClosedWhenTheLatenessGrows() {
    KeyValueStore<Bytes, byte[]> store = store();
    String acc = DurationAccumulator.class.getName();
    Task first = new Task(store, acc, WindowUnit.HOUR, Duration.ZERO);
    first.record(20, 20);
    first.record(91, 91); // stream time 10:31: the 09:00 window closes
    first.punctuate();
    assertEquals(
        List.of("g@2026-03-02T09:00:00Z"),
        first.forwarded(WindowedKpiProcessor.windowsChild("test")));
    // restarted with three hours of lateness: 09:20 at 10:31 is within it, but its window was
    // emitted, so it is late (before, a fresh 09:00 window opened and was emitted a second time)
    Task second = new Task(store, acc, WindowUnit.HOUR, Duration.ofHours(3));
    second.record(20, 91);
    assertEquals(1, second.forwarded(WindowedKpiProcessor.lateChild("test")).size());
    assertEquals(1, second.processor.late());
    second.record(400, 400); // much later: every open window closes
    second.punctuate();
    assertEquals(
        List.of("g@2026-03-02T10:00:00Z"),
        second.forwarded(WindowedKpiProcessor.windowsChild("test")));
  }

  @Test
  void aZoneOfEqualRulesReadsTheStoreAndAnotherZoneIsRefused() {
    KeyValueStore<Bytes, byte[]> store = store();
    String acc = DurationAccumulator.class.getName();
    Task first = new Task(store, acc, WindowUnit.HOUR, Duration.ZERO, ZoneId.of("UTC"));
    first.record(5, 5); // an open 09:00 window
    // the same windows under another name of UTC: the store is read and its window emitted once
    Task again = new Task(store, acc, WindowUnit.HOUR, Duration.ZERO, ZoneId.of("Etc/UTC"));
    again.record(70, 70);
    again.punctuate();
    assertEquals(
        List.of("g@2026-03-02T09:00:00Z"),
        again.forwarded(WindowedKpiProcessor.windowsChild("test")));
    IllegalStateException other =
        assertThrows(
            IllegalStateException.class,
            () -> new Task(store, acc, WindowUnit.HOUR, Duration.ZERO, ZoneId.of("Europe/London")));
    assertTrue(other.getMessage().contains("zone Europe/London"), other.getMessage());
    assertThrows(
        IllegalStateException.class,
        () -> new Task(store, acc, WindowUnit.DAY, Duration.ZERO, ZoneOffset.UTC));
  }
}
