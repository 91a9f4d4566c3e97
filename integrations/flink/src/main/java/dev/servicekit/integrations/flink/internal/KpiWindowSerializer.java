package dev.servicekit.integrations.flink.internal;

import dev.servicekit.integrations.flink.KpiWindow;
import dev.servicekit.kpi.KpiAccumulator;
import java.io.EOFException;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes a {@link KpiWindow}: its fields, the group as {@link Strings} of any length, the
 * accumulator as its snapshot. The format before that (the group as a {@code writeUTF} string of at
 * most 65,535 bytes, snapshot version 1) is still read from savepoints ({@link Snapshot}).
 *
 * <p>Reading corrupted input fails with an {@link IOException} naming the field (a string length or
 * chunk, an instant out of range, the accumulator's length, input that ends inside a field) or the
 * {@link IllegalArgumentException} of {@link KpiWindow}'s rule ({@link KpiWindowRule}: an end not
 * after the start, a negative stale count; checked as soon as those fields are read, before the
 * accumulator) or of {@link dev.servicekit.kpi.KpiSnapshots#fromBytes(byte[], Class)}; memory grows
 * only with the bytes actually read.
 *
 * @param <A> the accumulator type
 */
public final class KpiWindowSerializer<A extends KpiAccumulator<A, ?>>
    extends TypeSerializer<KpiWindow<A>> {

  private static final long serialVersionUID = 2L;

  private final Class<A> type;
  private final boolean legacy;
  private final KpiAccumulatorSerializer<A> accumulators;

  /**
   * Creates the serializer.
   *
   * @param type the accumulator class
   */
  public KpiWindowSerializer(Class<A> type) {
    this(type, false);
  }

  /** The serializer of the current format, or of snapshot version 1's if {@code legacy}. */
  KpiWindowSerializer(Class<A> type, boolean legacy) {
    this.type = Objects.requireNonNull(type, "type");
    this.legacy = legacy;
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
    if (legacy) {
      out.writeUTF(w.group());
    } else {
      Strings.write(w.group(), out);
    }
    Fields.writeInstant(w.start(), out);
    Fields.writeInstant(w.end(), out);
    out.writeLong(w.stale());
    accumulators.serialize(w.accumulator(), out);
  }

  @Override
  public KpiWindow<A> deserialize(DataInputView in) throws IOException {
    String field = "KpiWindow.group";
    try {
      String group = legacy ? in.readUTF() : Strings.read(in, field);
      field = "KpiWindow.start";
      Instant start = Fields.readInstant(in, field);
      field = "KpiWindow.end";
      Instant end = Fields.readInstant(in, field);
      field = "KpiWindow.stale";
      long stale = in.readLong();
      // the constructor's rule, checked before the accumulator is read (and allocated)
      KpiWindowRule.check("KpiWindow.", start, end, stale);
      field = "KpiWindow.accumulator";
      A accumulator = accumulators.read(in, field);
      return new KpiWindow<>(group, start, end, accumulator, stale);
    } catch (EOFException e) {
      throw Fields.truncated(field, e);
    }
  }

  @Override
  public KpiWindow<A> deserialize(KpiWindow<A> reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KpiWindowSerializer<?> s && s.type.equals(type) && s.legacy == legacy;
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + (legacy ? 7 : 8);
  }

  @Override
  public TypeSerializerSnapshot<KpiWindow<A>> snapshotConfiguration() {
    return new Snapshot<>(type, legacy ? 1 : Snapshot.CURRENT);
  }

  /**
   * The configuration snapshot: the accumulator class. Version 1: the group as a {@code writeUTF}
   * string; version 2: as {@link Strings}.
   *
   * @param <A> the accumulator type
   */
  public static final class Snapshot<A extends KpiAccumulator<A, ?>>
      extends AccumulatorClassSnapshot<A, KpiWindow<A>> {

    static final int CURRENT = 2;

    /** Creates an empty snapshot (called by Flink on restore). */
    public Snapshot() {}

    Snapshot(Class<A> type, int version) {
      super(type, version);
    }

    @Override
    int latestVersion() {
      return CURRENT;
    }

    @Override
    public TypeSerializer<KpiWindow<A>> restoreSerializer() {
      return new KpiWindowSerializer<>(type(), readVersion() == 1);
    }
  }
}
