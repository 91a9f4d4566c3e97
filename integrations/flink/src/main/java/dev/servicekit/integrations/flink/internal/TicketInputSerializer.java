package dev.servicekit.integrations.flink.internal;

import dev.servicekit.sla.EventCorrection;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketEventJson;
import dev.servicekit.sla.TicketInput;
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
 * Serializes a {@link TicketInput} (an event or an {@link EventCorrection}) as its versioned JSON
 * form ({@link TicketEventJson#readInput}), length-prefixed UTF-8: the layout of {@link
 * TicketInputSerializer}, whose bytes it reads too, with the same validation as every other reader.
 *
 * <p>Reading corrupted input fails with an {@link IOException} naming what is wrong (the length,
 * bytes that are not UTF-8, input that ends early) or the {@link IllegalArgumentException} of
 * {@link TicketEventJson#readInput}; memory grows only with the bytes actually read.
 */
public final class TicketInputSerializer extends TypeSerializerSingleton<TicketInput> {

  private static final long serialVersionUID = 1L;

  private static final String FIELD = "TicketInput JSON";

  /** The one instance. */
  public static final TicketInputSerializer INSTANCE = new TicketInputSerializer();

  private TicketInputSerializer() {}

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public TicketInput createInstance() {
    return null;
  }

  @Override
  public TicketInput copy(TicketInput from) {
    return from;
  }

  @Override
  public TicketInput copy(TicketInput from, TicketInput reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(TicketInput record, DataOutputView target) throws IOException {
    String json =
        record instanceof TicketEvent e
            ? TicketEventJson.write(e)
            : TicketEventJson.write((EventCorrection) record);
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    target.writeInt(b.length);
    target.write(b);
  }

  @Override
  public TicketInput deserialize(DataInputView source) throws IOException {
    byte[] b = Bytes.read(source, FIELD);
    String json;
    try {
      // Strict: a malformed byte is corruption, not a U+FFFD in an event id.
      json = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      throw new IOException(FIELD + " is not valid UTF-8 (corrupted)", e);
    }
    return TicketEventJson.readInput(json);
  }

  @Override
  public TicketInput deserialize(TicketInput reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    byte[] b = Bytes.read(source, FIELD);
    target.writeInt(b.length);
    target.write(b);
  }

  @Override
  public TypeSerializerSnapshot<TicketInput> snapshotConfiguration() {
    return new Snapshot();
  }

  /**
   * The serializer's configuration snapshot: it has no configuration. Version {@value #VERSION},
   * with no payload; any other version is refused with an {@link IOException}.
   */
  public static final class Snapshot implements TypeSerializerSnapshot<TicketInput> {

    /** The one version. */
    static final int VERSION = 1;

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
    public TypeSerializer<TicketInput> restoreSerializer() {
      return INSTANCE;
    }

    @Override
    public TypeSerializerSchemaCompatibility<TicketInput> resolveSchemaCompatibility(
        TypeSerializerSnapshot<TicketInput> old) {
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
