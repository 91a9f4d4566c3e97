package dev.servicekit.integrations.flink.internal;

import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaTransition;
import java.io.IOException;
import java.time.Instant;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Serializes an {@link SlaTransition} field by field (no Kryo). */
public final class SlaTransitionSerializer extends TypeSerializerSingleton<SlaTransition> {

  private static final long serialVersionUID = 1L;

  /** The one instance. */
  public static final SlaTransitionSerializer INSTANCE = new SlaTransitionSerializer();

  private static final SlaTransition.Kind[] KINDS = SlaTransition.Kind.values();

  private SlaTransitionSerializer() {}

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public SlaTransition createInstance() {
    return null;
  }

  @Override
  public SlaTransition copy(SlaTransition from) {
    return from;
  }

  @Override
  public SlaTransition copy(SlaTransition from, SlaTransition reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(SlaTransition t, DataOutputView out) throws IOException {
    out.writeUTF(t.ticketId());
    out.writeUTF(t.metric().toString());
    out.writeInt(t.cycle());
    out.writeUTF(t.key());
    out.writeByte(t.kind().ordinal());
    out.writeLong(t.at().getEpochSecond());
    out.writeInt(t.at().getNano());
    out.writeInt(t.warningPercent());
  }

  @Override
  public SlaTransition deserialize(DataInputView in) throws IOException {
    String ticket = in.readUTF();
    SlaMetric metric = SlaMetric.parse(in.readUTF());
    int cycle = in.readInt();
    String key = in.readUTF();
    int kind = in.readUnsignedByte();
    if (kind >= KINDS.length) {
      throw new IOException("transition kind must be below " + KINDS.length + ", was " + kind);
    }
    Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
    return new SlaTransition(ticket, metric, cycle, key, KINDS[kind], at, in.readInt());
  }

  @Override
  public SlaTransition deserialize(SlaTransition reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public TypeSerializerSnapshot<SlaTransition> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The serializer's configuration snapshot (it has no configuration). */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<SlaTransition> {
    /** Creates the snapshot (called by Flink on restore). */
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
