package dev.servicekit.integrations.flink.internal;

import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketEventJson;
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
 * Serializes a {@link TicketEvent} as its versioned JSON form ({@link TicketEventJson}),
 * length-prefixed UTF-8: the same validation as every other reader of events.
 *
 * <p>Reading corrupted input fails with an {@link IOException} naming what is wrong (the length,
 * bytes that are not UTF-8, input that ends early) or the {@link IllegalArgumentException} of
 * {@link TicketEventJson#read}; memory grows only with the bytes actually read.
 */
public final class TicketEventSerializer extends TypeSerializerSingleton<TicketEvent> {

  private static final long serialVersionUID = 1L;

  private static final String FIELD = "TicketEvent JSON";

  /** The one instance. */
  public static final TicketEventSerializer INSTANCE = new TicketEventSerializer();

  private TicketEventSerializer() {}

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public TicketEvent createInstance() {
    return null;
  }

  @Override
  public TicketEvent copy(TicketEvent from) {
    return from;
  }

  @Override
  public TicketEvent copy(TicketEvent from, TicketEvent reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(TicketEvent record, DataOutputView target) throws IOException {
    byte[] b = TicketEventJson.write(record).getBytes(StandardCharsets.UTF_8);
    target.writeInt(b.length);
    target.write(b);
  }

  @Override
  public TicketEvent deserialize(DataInputView source) throws IOException {
    byte[] b = Bytes.read(source, FIELD);
    String json;
    try {
      // Strict: a malformed byte is corruption, not a U+FFFD in an event id.
      json = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      throw new IOException(FIELD + " is not valid UTF-8 (corrupted)", e);
    }
    return TicketEventJson.read(json);
  }

  @Override
  public TicketEvent deserialize(TicketEvent reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    byte[] b = Bytes.read(source, FIELD);
    target.writeInt(b.length);
    target.write(b);
  }

  @Override
  public TypeSerializerSnapshot<TicketEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /**
   * The serializer's configuration snapshot: it has no configuration. Version {@value #VERSION},
   * with no payload: the bytes that Flink's {@code SimpleTypeSerializerSnapshot} wrote for it in
   * earlier builds, so their savepoints restore; any other version is refused with an {@link
   * IOException} instead of being read as that class's older formats.
   */
  public static final class Snapshot implements TypeSerializerSnapshot<TicketEvent> {

    /** The one version. */
    static final int VERSION = 3;

    /** Creates the snapshot (called by Flink on restore). */
    public Snapshot() {}

    @Override
    public int getCurrentVersion() {
      return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) {
      // no configuration
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader loader)
        throws IOException {
      if (readVersion != VERSION) {
        throw new IOException(
            Snapshot.class.getName() + " version must be " + VERSION + ", was " + readVersion);
      }
    }

    @Override
    public TypeSerializer<TicketEvent> restoreSerializer() {
      return INSTANCE;
    }

    @Override
    public TypeSerializerSchemaCompatibility<TicketEvent> resolveSchemaCompatibility(
        TypeSerializerSnapshot<TicketEvent> old) {
      return old instanceof Snapshot
          ? TypeSerializerSchemaCompatibility.compatibleAsIs()
          : TypeSerializerSchemaCompatibility.incompatible();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Snapshot;
    }

    @Override
    public int hashCode() {
      return Snapshot.class.hashCode();
    }
  }
}
