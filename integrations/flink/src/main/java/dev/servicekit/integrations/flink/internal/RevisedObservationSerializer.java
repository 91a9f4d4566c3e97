package dev.servicekit.integrations.flink.internal;

import dev.servicekit.integrations.flink.RevisedObservation;
import java.io.EOFException;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes a {@link RevisedObservation} field by field (no Kryo); the group and id as {@link
 * Strings}, of any length. The format before that ({@code writeUTF} strings, which failed the job
 * on a group or id over 65,535 bytes) is still read from savepoints ({@link Snapshot}).
 *
 * <p>Reading corrupted input fails with an {@link IOException} naming the field (a string length or
 * chunk, an instant out of range, input that ends inside a field); memory grows only with the bytes
 * actually read.
 */
public final class RevisedObservationSerializer extends TypeSerializer<RevisedObservation> {

  private static final long serialVersionUID = 2L;

  /** The serializer of the current format. */
  public static final RevisedObservationSerializer INSTANCE =
      new RevisedObservationSerializer(false);

  /** The serializer of the format of snapshot version {@value StringFormatSnapshot#LEGACY}. */
  static final RevisedObservationSerializer LEGACY = new RevisedObservationSerializer(true);

  private final boolean legacy;

  private RevisedObservationSerializer(boolean legacy) {
    this.legacy = legacy;
  }

  @Override
  public TypeSerializer<RevisedObservation> duplicate() {
    return this;
  }

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
    if (legacy) {
      out.writeUTF(o.group());
      out.writeUTF(o.id());
    } else {
      Strings.write(o.group(), out);
      Strings.write(o.id(), out);
    }
    out.writeLong(o.revision());
    out.writeInt(o.value());
    Fields.writeInstant(o.at(), out);
  }

  @Override
  public RevisedObservation deserialize(DataInputView in) throws IOException {
    String field = "RevisedObservation.group";
    try {
      String group = legacy ? in.readUTF() : Strings.read(in, field);
      field = "RevisedObservation.id";
      String id = legacy ? in.readUTF() : Strings.read(in, field);
      field = "RevisedObservation.revision";
      long revision = in.readLong();
      field = "RevisedObservation.value";
      int value = in.readInt();
      field = "RevisedObservation.at";
      return new RevisedObservation(group, id, revision, value, Fields.readInstant(in, field));
    } catch (EOFException e) {
      throw Fields.truncated(field, e);
    }
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
  public boolean equals(Object o) {
    return o instanceof RevisedObservationSerializer s && s.legacy == legacy;
  }

  @Override
  public int hashCode() {
    return legacy ? 1 : 2;
  }

  @Override
  public TypeSerializerSnapshot<RevisedObservation> snapshotConfiguration() {
    return legacy ? StringFormatSnapshot.legacy(new Snapshot()) : new Snapshot();
  }

  /** The serializer's configuration snapshot: the format version. */
  public static final class Snapshot extends StringFormatSnapshot<RevisedObservation> {
    /** Creates the snapshot (called by Flink on restore). */
    public Snapshot() {}

    @Override
    RevisedObservationSerializer serializer(boolean legacy) {
      return legacy ? RevisedObservationSerializer.LEGACY : INSTANCE;
    }
  }
}
