package dev.servicekit.integrations.flink.internal;

import dev.servicekit.kpi.KpiAccumulator;
import dev.servicekit.kpi.KpiSnapshots;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes a KPI accumulator as its versioned, checksummed snapshot ({@link KpiSnapshots}), so
 * Flink state and records carry exactly what the core checkpoints.
 *
 * <p>Reading corrupted input fails with an {@link IOException} naming what is wrong (the length,
 * input that ends early) or the {@link IllegalArgumentException} of {@link KpiSnapshots#fromBytes(
 * byte[], Class)} naming the snapshot field; memory grows only with the bytes actually read.
 *
 * @param <A> the accumulator type
 */
public final class KpiAccumulatorSerializer<A extends KpiAccumulator<?, ?>>
    extends TypeSerializer<A> {

  private static final long serialVersionUID = 1L;

  private final Class<A> type;

  /**
   * Creates the serializer of one accumulator class.
   *
   * @param type the accumulator class
   */
  public KpiAccumulatorSerializer(Class<A> type) {
    this.type = Objects.requireNonNull(type, "type");
  }

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public TypeSerializer<A> duplicate() {
    return this; // stateless
  }

  @Override
  public A createInstance() {
    return null;
  }

  @Override
  public A copy(A from) {
    return KpiSnapshots.fromBytes(KpiSnapshots.toBytes(from), type);
  }

  @Override
  public A copy(A from, A reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(A record, DataOutputView target) throws IOException {
    byte[] b = KpiSnapshots.toBytes(record);
    target.writeInt(b.length);
    target.write(b);
  }

  @Override
  public A deserialize(DataInputView source) throws IOException {
    return read(source, field());
  }

  /** Reads an accumulator; {@code field} names it in the messages. */
  A read(DataInputView source, String field) throws IOException {
    return KpiSnapshots.fromBytes(Bytes.read(source, field), type);
  }

  private String field() {
    return type.getSimpleName() + " snapshot";
  }

  @Override
  public A deserialize(A reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    byte[] b = Bytes.read(source, field());
    target.writeInt(b.length);
    target.write(b);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KpiAccumulatorSerializer<?> s && s.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public TypeSerializerSnapshot<A> snapshotConfiguration() {
    return new Snapshot<>(type);
  }

  /**
   * The configuration snapshot: the accumulator class.
   *
   * @param <A> the accumulator type
   */
  public static final class Snapshot<A extends KpiAccumulator<?, ?>>
      extends AccumulatorClassSnapshot<A, A> {

    /** Creates an empty snapshot (called by Flink on restore). */
    public Snapshot() {}

    Snapshot(Class<A> type) {
      super(type);
    }

    @Override
    public TypeSerializer<A> restoreSerializer() {
      return new KpiAccumulatorSerializer<>(type());
    }
  }
}
