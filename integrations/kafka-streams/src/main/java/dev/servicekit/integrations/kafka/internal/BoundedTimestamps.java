package dev.servicekit.integrations.kafka.internal;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The SLA topology's source timestamps when {@code maxTimestampAhead} is set: a record's own
 * timestamp, unless it is more than the bound ahead of the wall clock; then the partition's time
 * (the wall clock for a partition's first record), so that one record with a broken timestamp does
 * not move the task's stream time (and fire every timer of the partition). The record itself is
 * processed as any other. Not API. Stateless and thread-safe.
 */
public final class BoundedTimestamps implements TimestampExtractor {

  private final long maxAheadMillis;

  /**
   * An extractor with this bound.
   *
   * @param maxAheadMillis how far ahead of the wall clock a record timestamp may be, in ms
   */
  public BoundedTimestamps(long maxAheadMillis) {
    this.maxAheadMillis = maxAheadMillis;
  }

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    long ts = record.timestamp();
    long now = System.currentTimeMillis();
    long limit = now > Long.MAX_VALUE - maxAheadMillis ? Long.MAX_VALUE : now + maxAheadMillis;
    if (ts <= limit) {
      return ts; // a negative (missing) timestamp is left to Kafka's handling, as without a bound
    }
    return partitionTime >= 0 ? partitionTime : now;
  }
}
