package dev.servicekit.integrations.flink.internal;

import dev.servicekit.integrations.flink.RevisedObservation;
import java.io.EOFException;
import java.io.IOException;
import java.time.Instant;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes a {@link RevisedObservation} field by field (no Kryo); the group and id as {@link
 * Strings}, of any length, and last whether it is a removal (snapshot version {@value #REMOVALS}).
 * The formats before that are still read from savepoints ({@link Snapshot}): version {@value
 * StringFormatSnapshot#CURRENT} (no removal flag: read as a value) and version {@value
 * StringFormatSnapshot#LEGACY} ({@code writeUTF} strings, which failed the job on a group or id
 * over 65,535 bytes).
 *
 * <p>Reading corrupted input fails with an {@link IOException} naming the field (a string length or
 * chunk, an instant out of range, input that ends inside a field); memory grows only with the bytes
 * actually read.
 */
public final class RevisedObservationSerializer extends TypeSerializer<RevisedObservation> {

  private static final long serialVersionUID = 3L;

  /** The snapshot version of the current format: with the removal flag. */
  static final int REMOVALS = 5;

  /** The serializer of the current format. */
  public static final RevisedObservationSerializer INSTANCE =
      new RevisedObservationSerializer(REMOVALS);

  /**
   * The serializer of the format of snapshot version {@value StringFormatSnapshot#CURRENT}: no
   * removal flag.
   */
  static final RevisedObservationSerializer NO_REMOVALS =
      new RevisedObservationSerializer(StringFormatSnapshot.CURRENT);

  /** The serializer of the format of snapshot version {@value StringFormatSnapshot#LEGACY}. */
  static final RevisedObservationSerializer LEGACY =
      new RevisedObservationSerializer(StringFormatSnapshot.LEGACY);

  private final int version;

  private RevisedObservationSerializer(int version) {
    this.version = version;
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
    if (version == StringFormatSnapshot.LEGACY) {
      out.writeUTF(o.group());
      out.writeUTF(o.id());
    } else {
      Strings.write(o.group(), out);
      Strings.write(o.id(), out);
    }
    if (o.removed() && version < REMOVALS) {
      // an earlier format has no way to say it: never written as a value
      throw new IOException(
          "RevisedObservation.removed cannot be written in snapshot version " + version);
    }
    out.writeLong(o.revision());
    out.writeInt(o.value());
    Fields.writeInstant(o.at(), out);
    if (version >= REMOVALS) {
      out.writeBoolean(o.removed());
    }
  }

  @Override
  public RevisedObservation deserialize(DataInputView in) throws IOException {
    boolean legacy = version == StringFormatSnapshot.LEGACY;
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
      Instant at = Fields.readInstant(in, field);
      boolean removed = false;
      if (version >= REMOVALS) {
        field = "RevisedObservation.removed";
        int flag = in.readUnsignedByte();
        if (flag > 1) {
          throw new IOException(field + " must be the byte 0 or 1, was " + flag);
        }
        removed = flag == 1;
        if (removed && value != 0) {
          throw new IOException("RevisedObservation.value must be 0 for a removal, was " + value);
        }
      }
      return new RevisedObservation(group, id, revision, value, at, removed);
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
    return o instanceof RevisedObservationSerializer s && s.version == version;
  }

  @Override
  public int hashCode() {
    return version;
  }

  @Override
  public TypeSerializerSnapshot<RevisedObservation> snapshotConfiguration() {
    return StringFormatSnapshot.ofVersion(new Snapshot(), version);
  }

  /** The serializer's configuration snapshot: the format version. */
  public static final class Snapshot extends StringFormatSnapshot<RevisedObservation> {
    /** Creates the snapshot (called by Flink on restore). */
    public Snapshot() {}

    @Override
    int latest() {
      return REMOVALS;
    }

    @Override
    RevisedObservationSerializer serializer(boolean legacy) {
      return legacy ? RevisedObservationSerializer.LEGACY : INSTANCE;
    }

    @Override
    RevisedObservationSerializer serializer(int version) {
      return version == REMOVALS
          ? INSTANCE
          : version == StringFormatSnapshot.CURRENT
              ? NO_REMOVALS
              : RevisedObservationSerializer.LEGACY;
    }
  }
}
