package dev.servicekit.integrations.kafka.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Skip-and-count of records a processor rejects: each is counted in the sensor {@code
 * rejected-records} (metrics {@code rejected-records-total} and {@code rejected-records-rate} in
 * group {@code stream-servicekit-metrics}, tag {@code servicekit-id}) and, when the topology has a
 * dead-letter sink, forwarded to it keyed as the original record, its value a bounded JSON envelope
 * of the original value and the error message. A tombstone (a {@code null} value: a deliberate
 * delete marker, not bad data) is skipped and counted apart, in the sensor {@code
 * skipped-tombstones} (metrics {@code skipped-tombstones-total} and {@code
 * skipped-tombstones-rate}, same group and tag), and never dead-lettered.
 */
public final class Rejects {

  /** Longest error message kept in an envelope, in characters. */
  public static final int MAX_ERROR_CHARS = 500;

  /** Most bytes of the original value kept in an envelope. */
  public static final int MAX_VALUE_BYTES = 64 * 1024;

  /**
   * Most bytes of the original key a dead-letter record keeps: a longer key (never a ticket's) is
   * cut to its first bytes, so that the record fits a topic's default message size (1 MB), which a
   * key copied whole could pass and fail the task with every restart.
   */
  public static final int MAX_KEY_BYTES = 64 * 1024;

  private static final JsonFactory JSON = new JsonFactory();

  private final ProcessorContext<String, ?> context;
  private final String deadLetter; // the child, or null
  private final Sensor sensor;
  private final Sensor tombstoneSensor;
  private long count;
  private long tombstones;

  /**
   * Registers the sensor of one processor.
   *
   * @param context the processor's context
   * @param id the {@code servicekit-id} tag, e.g. {@code kpi-handle-time}
   * @param deadLetter the child name of the topology's dead-letter sink, or null if it has none
   */
  public Rejects(ProcessorContext<String, ?> context, String id, String deadLetter) {
    this.context = context;
    this.deadLetter = deadLetter;
    this.sensor = totalSensor(context, id, "rejected-records");
    this.tombstoneSensor = totalSensor(context, id, "skipped-tombstones");
  }

  /**
   * A sensor with a rate and a total ({@code <name>-rate}, {@code <name>-total}) in the group
   * {@code servicekit}, of processor {@code id}, recorded at level INFO: every counter of the
   * servicekit processors.
   */
  static Sensor totalSensor(ProcessorContext<?, ?> context, String id, String name) {
    return context.metrics().addRateTotalSensor("servicekit", id, name, Sensor.RecordingLevel.INFO);
  }

  /** Records rejected by this processor instance since it was created. */
  public long count() {
    return count;
  }

  /** Tombstones skipped by this processor instance since it was created. */
  public long tombstones() {
    return tombstones;
  }

  /** Counts a skipped tombstone (a record with a {@code null} value); nothing is forwarded. */
  public void tombstone() {
    tombstones++;
    tombstoneSensor.record();
  }

  /**
   * Counts a rejected record and sends it to the dead-letter sink, if any. Call only after the
   * processor's state is known unchanged.
   *
   * @param record the original record (value: its bytes as read)
   * @param error why it was rejected
   */
  public void reject(Record<String, byte[]> record, RuntimeException error) {
    count++;
    sensor.record();
    if (deadLetter != null) {
      @SuppressWarnings("unchecked")
      ProcessorContext<String, Object> c = (ProcessorContext<String, Object>) context;
      byte[] key = record.key() == null ? null : RawKeys.serializer().serialize(null, record.key());
      boolean cut = key != null && key.length > MAX_KEY_BYTES;
      Record<String, byte[]> kept =
          cut
              ? record.withKey(
                  RawKeys.deserializer().deserialize(null, Arrays.copyOf(key, MAX_KEY_BYTES)))
              : record;
      c.forward(
          kept.withValue(
              envelope(
                  record, error, context.recordMetadata().orElse(null), cut ? key.length : -1)),
          deadLetter);
    }
  }

  /**
   * The dead-letter value: a UTF-8 JSON object with {@code error} (the exception class and message,
   * at most {@value #MAX_ERROR_CHARS} characters), {@code topic}, {@code partition} and {@code
   * offset} of the original record when known, its {@code timestamp}, {@code valueBytes} (the
   * original length, absent for a null value), {@code value} (the original value in base64, at most
   * its first {@value #MAX_VALUE_BYTES} bytes) and {@code valueTruncated}; for a key cut to its
   * first {@value #MAX_KEY_BYTES} bytes, {@code keyBytes} (its original length) and {@code
   * keyTruncated} ({@code true}).
   */
  static byte[] envelope(Record<String, byte[]> record, RuntimeException error, RecordMetadata m) {
    return envelope(record, error, m, -1);
  }

  private static byte[] envelope(
      Record<String, byte[]> record, RuntimeException error, RecordMetadata m, int keyBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("error", bounded(error));
      if (m != null) {
        g.writeStringField("topic", m.topic());
        g.writeNumberField("partition", m.partition());
        g.writeNumberField("offset", m.offset());
      }
      g.writeNumberField("timestamp", record.timestamp());
      byte[] v = record.value();
      if (v != null) {
        g.writeNumberField("valueBytes", v.length);
        byte[] kept = v.length <= MAX_VALUE_BYTES ? v : Arrays.copyOf(v, MAX_VALUE_BYTES);
        g.writeStringField("value", Base64.getEncoder().encodeToString(kept));
        g.writeBooleanField("valueTruncated", kept.length < v.length);
      }
      if (keyBytes >= 0) {
        g.writeNumberField("keyBytes", keyBytes);
        g.writeBooleanField("keyTruncated", true);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toByteArray();
  }

  static String bounded(RuntimeException error) {
    String s = error.getClass().getSimpleName() + ": " + error.getMessage();
    if (s.length() <= MAX_ERROR_CHARS) {
      return s;
    }
    int end = MAX_ERROR_CHARS - 3;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--; // not half a pair, which no UTF-8 reader of the envelope could decode
    }
    return s.substring(0, end) + "...";
  }
}
