package dev.servicekit.integrations.flink.internal;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The configuration snapshot of a serializer without configuration whose record format changed
 * once: in earlier builds its strings were {@code writeUTF} strings of at most 65,535 bytes (the
 * snapshot was Flink's {@code SimpleTypeSerializerSnapshot}, version {@value #LEGACY}); from
 * version {@value #CURRENT} they are {@link Strings} of any length. A savepoint written in the old
 * format restores with the old-format serializer, and Flink migrates the state to the new format
 * ({@link TypeSerializerSchemaCompatibility#compatibleAfterMigration()}). A subclass whose format
 * changed again since has a later {@link #latest()} version, each earlier one still restored.
 *
 * @param <T> the serialized type
 */
public abstract class StringFormatSnapshot<T> implements TypeSerializerSnapshot<T> {

  /** The version written by {@code SimpleTypeSerializerSnapshot}: {@code writeUTF} strings. */
  static final int LEGACY = 3;

  /** The current version: strings of any length. */
  static final int CURRENT = 4;

  private int version = latest();

  /** Creates a snapshot of the current format (Flink calls the subclass's constructor). */
  protected StringFormatSnapshot() {}

  /**
   * The serializer of one format.
   *
   * @param legacy the format of version {@value #LEGACY}
   * @return the serializer
   */
  abstract TypeSerializer<T> serializer(boolean legacy);

  /**
   * The version of the format written now: {@value #CURRENT} unless a subclass's format changed
   * again (a constant: it is called during construction).
   *
   * @return the latest version
   */
  int latest() {
    return CURRENT;
  }

  /**
   * The serializer of one version of the format, {@value #LEGACY} to {@link #latest()}.
   *
   * @param version the version
   * @return the serializer
   */
  TypeSerializer<T> serializer(int version) {
    return serializer(version == LEGACY);
  }

  /**
   * Marks a snapshot as one of an earlier format (that format's serializer's own snapshot).
   *
   * @param snapshot a new snapshot
   * @param version the version, {@value #LEGACY} to {@link #latest()}
   * @param <S> its type
   * @return {@code snapshot}
   */
  static <S extends StringFormatSnapshot<?>> S ofVersion(S snapshot, int version) {
    ((StringFormatSnapshot<?>) snapshot).version = version;
    return snapshot;
  }

  /**
   * Marks a snapshot as one of the old format (the old-format serializer's own snapshot).
   *
   * @param snapshot a new snapshot
   * @param <S> its type
   * @return {@code snapshot}
   */
  static <S extends StringFormatSnapshot<?>> S legacy(S snapshot) {
    ((StringFormatSnapshot<?>) snapshot).version = LEGACY;
    return snapshot;
  }

  /** {@link #latest()}, or the version of an earlier format's snapshot. */
  @Override
  public int getCurrentVersion() {
    return version;
  }

  @Override
  public void writeSnapshot(DataOutputView out) {
    // no configuration: the version says the format
  }

  @Override
  public void readSnapshot(int readVersion, DataInputView in, ClassLoader loader)
      throws IOException {
    if (readVersion < LEGACY || readVersion > latest()) {
      throw new IOException(
          getClass().getName()
              + " version must be "
              + (latest() == CURRENT
                  ? LEGACY + " or " + CURRENT
                  : "from " + LEGACY + " to " + latest())
              + ", was "
              + readVersion);
    }
    this.version = readVersion;
  }

  @Override
  public TypeSerializer<T> restoreSerializer() {
    return serializer(version);
  }

  @Override
  public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
      TypeSerializerSnapshot<T> old) {
    if (old.getClass() != getClass()) {
      return TypeSerializerSchemaCompatibility.incompatible();
    }
    return ((StringFormatSnapshot<T>) old).version == version
        ? TypeSerializerSchemaCompatibility.compatibleAsIs()
        : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
  }

  @Override
  public boolean equals(Object o) {
    return o != null
        && o.getClass() == getClass()
        && ((StringFormatSnapshot<?>) o).version == version;
  }

  @Override
  public int hashCode() {
    return 31 * getClass().hashCode() + version;
  }
}
