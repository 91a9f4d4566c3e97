package dev.servicekit.integrations.flink.internal;

import dev.servicekit.kpi.KpiAccumulator;
import java.io.EOFException;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A serializer configuration snapshot that records only the accumulator class: the state formats
 * themselves are versioned by the cores' snapshots, so a serializer of the same kind over the same
 * class is compatible as is, or after migration when the snapshot was written by an older version
 * of the serializer's own format. Subclasses say which serializer to restore, and the latest
 * version of their format.
 *
 * @param <A> the accumulator type
 * @param <T> the serialized type
 */
public abstract class AccumulatorClassSnapshot<A extends KpiAccumulator<?, ?>, T>
    implements TypeSerializerSnapshot<T> {

  private Class<A> type;
  private int version;

  /** Creates an empty snapshot (Flink calls the subclass's no-argument constructor on restore). */
  protected AccumulatorClassSnapshot() {}

  AccumulatorClassSnapshot(Class<A> type) {
    this.type = type;
  }

  AccumulatorClassSnapshot(Class<A> type, int version) {
    this.type = type;
    this.version = version;
  }

  /** The latest version of the serializer's format: 1 unless a subclass's format changed. */
  int latestVersion() {
    return 1;
  }

  /** The accumulator class, read back by {@link #readSnapshot}. */
  Class<A> type() {
    return type;
  }

  /** The version of the serializer's format this snapshot describes (latest if not given). */
  int readVersion() {
    return version == 0 ? latestVersion() : version;
  }

  /** The version of the format this snapshot describes: the latest, unless read or made older. */
  @Override
  public int getCurrentVersion() {
    return readVersion();
  }

  @Override
  public void writeSnapshot(DataOutputView out) throws IOException {
    out.writeUTF(type.getName());
  }

  /**
   * Reads the accumulator class.
   *
   * @throws IOException if the version is not one of this format's, or the class is not found or is
   *     not a {@link KpiAccumulator} (the message quotes at most the first 60 chars of its name);
   *     the snapshot is then unchanged
   */
  @Override
  public void readSnapshot(int version, DataInputView in, ClassLoader loader) throws IOException {
    if (version < 1 || version > latestVersion()) {
      throw new IOException(
          getClass().getName()
              + " version must be in [1, "
              + latestVersion()
              + "], was "
              + version);
    }
    String name;
    try {
      name = in.readUTF();
    } catch (EOFException e) {
      throw Fields.truncated("the accumulator class name", e);
    }
    Class<?> t;
    try {
      t = Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IOException("accumulator class " + Strings.excerpt(name) + " not found", e);
    }
    if (!KpiAccumulator.class.isAssignableFrom(t)) {
      throw new IOException(
          "accumulator class "
              + Strings.excerpt(name)
              + " must implement "
              + KpiAccumulator.class.getName());
    }
    @SuppressWarnings("unchecked")
    Class<A> a = (Class<A>) t;
    this.type = a;
    this.version = version;
  }

  @Override
  public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
      TypeSerializerSnapshot<T> old) {
    if (old.getClass() != getClass() || !type.equals(((AccumulatorClassSnapshot<?, ?>) old).type)) {
      return TypeSerializerSchemaCompatibility.incompatible();
    }
    return ((AccumulatorClassSnapshot<?, ?>) old).readVersion() == readVersion()
        ? TypeSerializerSchemaCompatibility.compatibleAsIs()
        : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
  }
}
