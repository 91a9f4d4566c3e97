package dev.servicekit.integrations.flink.internal;

import dev.servicekit.integrations.flink.RevisedObservation;
import java.io.IOException;
import java.time.Instant;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Serializes a {@link RevisedObservation} field by field (no Kryo). */
public final class RevisedObservationSerializer
    extends TypeSerializerSingleton<RevisedObservation> {

  private static final long serialVersionUID = 1L;

  /** The one instance. */
  public static final RevisedObservationSerializer INSTANCE = new RevisedObservationSerializer();

  private RevisedObservationSerializer() {}

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public RevisedObservation createInstance() {
    return null;
  }

  @Override
  public RevisedObservation copy(RevisedObservation from) {
    return from;
  }

  @Override
  public RevisedObservation copy(RevisedObservation from, RevisedObservation reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(RevisedObservation o, DataOutputView out) throws IOException {
    out.writeUTF(o.group());
    out.writeUTF(o.id());
    out.writeLong(o.revision());
    out.writeInt(o.value());
    out.writeLong(o.at().getEpochSecond());
    out.writeInt(o.at().getNano());
  }

  @Override
  public RevisedObservation deserialize(DataInputView in) throws IOException {
    String group = in.readUTF();
    String id = in.readUTF();
    long revision = in.readLong();
    int value = in.readInt();
    Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
    return new RevisedObservation(group, id, revision, value, at);
  }

  @Override
  public RevisedObservation deserialize(RevisedObservation reuse, DataInputView in)
      throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public TypeSerializerSnapshot<RevisedObservation> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The serializer's configuration snapshot (it has no configuration). */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<RevisedObservation> {
    /** Creates the snapshot (called by Flink on restore). */
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
