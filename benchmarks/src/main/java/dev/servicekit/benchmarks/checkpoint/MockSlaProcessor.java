package dev.servicekit.benchmarks.checkpoint;

import dev.servicekit.integrations.kafka.SlaClockTopology;
import dev.servicekit.integrations.kafka.internal.SlaClockProcessor;
import dev.servicekit.sla.SlaPolicySet;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The Kafka SLA processor as {@code SlaClockTopology.build()} makes it with its defaults, on a
 * {@link MockProcessorContext} with in-memory clock and timer stores (no changelog): the processor
 * alone, without a topology test driver, for the benchmarks that measure or weigh it.
 */
final class MockSlaProcessor {

  private MockSlaProcessor() {}

  /**
   * Adds the two stores to {@code context} and returns an initialised processor.
   *
   * @param context the mock context
   * @param set the policy set
   * @param liveClockCache the live-clock cache bound (0: off)
   * @return the processor
   */
  static SlaClockProcessor create(
      MockProcessorContext<String, Object> context, SlaPolicySet set, int liveClockCache) {
    KeyValueStore<String, byte[]> clocks =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(SlaClockTopology.CLOCK_STORE),
                Serdes.String(),
                Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    KeyValueStore<Bytes, byte[]> timers =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(SlaClockTopology.TIMER_STORE),
                Serdes.Bytes(),
                Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    clocks.init(context.getStateStoreContext(), clocks);
    timers.init(context.getStateStoreContext(), timers);
    context.addStateStore(clocks);
    context.addStateStore(timers);
    SlaClockProcessor processor =
        new SlaClockProcessor(
            set,
            CheckpointCostBenchmark.CALENDARS,
            SlaClockProcessor.Nodes.unnamed(false),
            false,
            Duration.ZERO,
            Duration.ofSeconds(1),
            null,
            null,
            liveClockCache,
            null);
    processor.init(context);
    return processor;
  }
}
