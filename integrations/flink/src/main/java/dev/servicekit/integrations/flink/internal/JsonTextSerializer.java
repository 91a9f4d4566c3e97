package dev.servicekit.integrations.flink.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A serializer of an immutable type as its versioned JSON form, length-prefixed UTF-8, read back
 * with the same validation as every other reader of that JSON. Reading corrupted input fails with
 * an {@link IOException} naming what is wrong (the length, bytes that are not UTF-8, input that
 * ends early) or the JSON reader's {@link IllegalArgumentException}; memory grows only with the
 * bytes actually read.
 *
 * @param <T> the serialized type
 */
public abstract class JsonTextSerializer<T> extends TypeSerializerSingleton<T> {

  private static final long serialVersionUID = 1L;

  /** Creates the serializer (subclasses have one instance). */
  JsonTextSerializer() {}

  /**
   * What the bytes hold, for messages (e.g. {@code "TicketEvent JSON"}).
   *
   * @return the name
   */
  abstract String field();

  /**
   * The JSON form of a record.
   *
   * @param record the record
   * @return its JSON
   */
  abstract String toJson(T record);

  /**
   * Reads a record from its JSON form.
   *
   * @param json the JSON
   * @return the record
   * @throws IllegalArgumentException if the JSON is not a valid record
   */
  abstract T fromJson(String json);

  @Override
  public final boolean isImmutableType() {
    return true;
  }

  @Override
  public final T createInstance() {
    return null;
  }

  @Override
  public final T copy(T from) {
    return from;
  }

  @Override
  public final T copy(T from, T reuse) {
    return from;
  }

  @Override
  public final int getLength() {
    return -1;
  }

  @Override
  public final void serialize(T record, DataOutputView target) throws IOException {
    byte[] b = toJson(record).getBytes(StandardCharsets.UTF_8);
    target.writeInt(b.length);
    target.write(b);
  }

  @Override
  public final T deserialize(DataInputView source) throws IOException {
    byte[] b = Bytes.read(source, field());
    String json;
    try {
      // Strict: a malformed byte is corruption, not a U+FFFD in an event id.
      json = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      throw new IOException(field() + " is not valid UTF-8 (corrupted)", e);
    }
    return fromJson(json);
  }

  @Override
  public final T deserialize(T reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public final void copy(DataInputView source, DataOutputView target) throws IOException {
    byte[] b = Bytes.read(source, field());
    target.writeInt(b.length);
    target.write(b);
  }

  /**
   * The configuration snapshot of a serializer without configuration: one version, with no payload;
   * any other version is refused with an {@link IOException}. Compatible as is with a snapshot of
   * its own class only. A subclass keeps its class name for good: savepoints name it.
   *
   * @param <T> the serialized type
   */
  public abstract static class NoConfigSnapshot<T> implements TypeSerializerSnapshot<T> {

    /** Creates the snapshot (Flink calls the subclass's constructor on restore). */
    protected NoConfigSnapshot() {}

    /**
     * The one version this snapshot writes and reads.
     *
     * @return the version
     */
    abstract int version();

    /**
     * The serializer this snapshot restores.
     *
     * @return the serializer's instance
     */
    abstract TypeSerializer<T> serializer();

    @Override
    public final int getCurrentVersion() {
      return version();
    }

    @Override
    public final void writeSnapshot(DataOutputView out) {
      // no configuration
    }

    @Override
    public final void readSnapshot(int readVersion, DataInputView in, ClassLoader loader)
        throws IOException {
      if (readVersion != version()) {
        throw new IOException(
            getClass().getName() + " version must be " + version() + ", was " + readVersion);
      }
    }

    @Override
    public final TypeSerializer<T> restoreSerializer() {
      return serializer();
    }

    @Override
    public final TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
        TypeSerializerSnapshot<T> old) {
      return old != null && old.getClass() == getClass()
          ? TypeSerializerSchemaCompatibility.compatibleAsIs()
          : TypeSerializerSchemaCompatibility.incompatible();
    }

    @Override
    public final boolean equals(Object o) {
      return o != null && o.getClass() == getClass();
    }

    @Override
    public final int hashCode() {
      return getClass().hashCode();
    }
  }
}
