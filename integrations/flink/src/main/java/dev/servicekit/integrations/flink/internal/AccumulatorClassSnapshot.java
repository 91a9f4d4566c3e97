package dev.servicekit.integrations.flink.internal;

import dev.servicekit.kpi.KpiAccumulator;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A serializer configuration snapshot that records only the accumulator class: the state formats
 * themselves are versioned by the cores' snapshots, so a serializer of the same kind over the same
 * class is compatible as is. Subclasses say which serializer to restore.
 *
 * @param <A> the accumulator type
 * @param <T> the serialized type
 */
public abstract class AccumulatorClassSnapshot<A extends KpiAccumulator<?, ?>, T>
    implements TypeSerializerSnapshot<T> {

  private Class<A> type;

  /** Creates an empty snapshot (Flink calls the subclass's no-argument constructor on restore). */
  protected AccumulatorClassSnapshot() {}

  AccumulatorClassSnapshot(Class<A> type) {
    this.type = type;
  }

  /** The accumulator class, read back by {@link #readSnapshot}. */
  Class<A> type() {
    return type;
  }

  @Override
  public int getCurrentVersion() {
    return 1;
  }

  @Override
  public void writeSnapshot(DataOutputView out) throws IOException {
    out.writeUTF(type.getName());
  }

  @Override
  public void readSnapshot(int version, DataInputView in, ClassLoader loader) throws IOException {
    if (version != 1) {
      throw new IOException("snapshot version must be 1, was " + version);
    }
    String name = in.readUTF();
    try {
      @SuppressWarnings("unchecked")
      Class<A> t = (Class<A>) Class.forName(name, false, loader);
      this.type = t;
    } catch (ClassNotFoundException e) {
      throw new IOException("accumulator class " + name + " not found", e);
    }
  }

  @Override
  public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
      TypeSerializerSnapshot<T> old) {
    return old.getClass() == getClass() && type.equals(((AccumulatorClassSnapshot<?, ?>) old).type)
        ? TypeSerializerSchemaCompatibility.compatibleAsIs()
        : TypeSerializerSchemaCompatibility.incompatible();
  }
}
