package dev.servicekit.integrations.flink.internal;

import dev.servicekit.integrations.flink.KpiWindow;
import dev.servicekit.kpi.KpiAccumulator;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes a {@link KpiWindow}: its fields, the accumulator as its snapshot.
 *
 * @param <A> the accumulator type
 */
public final class KpiWindowSerializer<A extends KpiAccumulator<A, ?>>
    extends TypeSerializer<KpiWindow<A>> {

  private static final long serialVersionUID = 1L;

  private final Class<A> type;
  private final KpiAccumulatorSerializer<A> accumulators;

  /**
   * Creates the serializer.
   *
   * @param type the accumulator class
   */
  public KpiWindowSerializer(Class<A> type) {
    this.type = Objects.requireNonNull(type, "type");
    this.accumulators = new KpiAccumulatorSerializer<>(type);
  }

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public TypeSerializer<KpiWindow<A>> duplicate() {
    return this;
  }

  @Override
  public KpiWindow<A> createInstance() {
    return null;
  }

  @Override
  public KpiWindow<A> copy(KpiWindow<A> w) {
    return new KpiWindow<>(
        w.group(), w.start(), w.end(), accumulators.copy(w.accumulator()), w.stale());
  }

  @Override
  public KpiWindow<A> copy(KpiWindow<A> from, KpiWindow<A> reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(KpiWindow<A> w, DataOutputView out) throws IOException {
    out.writeUTF(w.group());
    writeInstant(w.start(), out);
    writeInstant(w.end(), out);
    out.writeLong(w.stale());
    accumulators.serialize(w.accumulator(), out);
  }

  @Override
  public KpiWindow<A> deserialize(DataInputView in) throws IOException {
    String group = in.readUTF();
    Instant start = readInstant(in);
    Instant end = readInstant(in);
    long stale = in.readLong();
    return new KpiWindow<>(group, start, end, accumulators.deserialize(in), stale);
  }

  @Override
  public KpiWindow<A> deserialize(KpiWindow<A> reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  private static void writeInstant(Instant t, DataOutputView out) throws IOException {
    out.writeLong(t.getEpochSecond());
    out.writeInt(t.getNano());
  }

  private static Instant readInstant(DataInputView in) throws IOException {
    return Instant.ofEpochSecond(in.readLong(), in.readInt());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KpiWindowSerializer<?> s && s.type.equals(type);
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + 7;
  }

  @Override
  public TypeSerializerSnapshot<KpiWindow<A>> snapshotConfiguration() {
    return new Snapshot<>(type);
  }

  /**
   * The configuration snapshot: the accumulator class.
   *
   * @param <A> the accumulator type
   */
  public static final class Snapshot<A extends KpiAccumulator<A, ?>>
      extends AccumulatorClassSnapshot<A, KpiWindow<A>> {

    /** Creates an empty snapshot (called by Flink on restore). */
    public Snapshot() {}

    Snapshot(Class<A> type) {
      super(type);
    }

    @Override
    public TypeSerializer<KpiWindow<A>> restoreSerializer() {
      return new KpiWindowSerializer<>(type());
    }
  }
}
