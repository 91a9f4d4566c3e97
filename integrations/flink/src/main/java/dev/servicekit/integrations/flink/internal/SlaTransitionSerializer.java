package dev.servicekit.integrations.flink.internal;

import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaTransition;
import java.io.IOException;
import java.time.Instant;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes an {@link SlaTransition} field by field (no Kryo); the ticket id, metric and key as
 * {@link Strings}, of any length. The format before that ({@code writeUTF} strings of at most
 * 65,535 bytes) is still read from savepoints ({@link Snapshot}).
 */
public final class SlaTransitionSerializer extends TypeSerializer<SlaTransition> {

  private static final long serialVersionUID = 2L;

  /** The serializer of the current format. */
  public static final SlaTransitionSerializer INSTANCE = new SlaTransitionSerializer(false);

  /** The serializer of the format of snapshot version {@value StringFormatSnapshot#LEGACY}. */
  static final SlaTransitionSerializer LEGACY = new SlaTransitionSerializer(true);

  private static final SlaTransition.Kind[] KINDS = SlaTransition.Kind.values();

  private final boolean legacy;

  private SlaTransitionSerializer(boolean legacy) {
    this.legacy = legacy;
  }

  @Override
  public TypeSerializer<SlaTransition> duplicate() {
    return this;
  }

  private void writeString(String s, DataOutputView out) throws IOException {
    if (legacy) {
      out.writeUTF(s);
    } else {
      Strings.write(s, out);
    }
  }

  private String readString(DataInputView in, String field) throws IOException {
    return legacy ? in.readUTF() : Strings.read(in, field);
  }

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
    writeString(t.ticketId(), out);
    writeString(t.metric().toString(), out);
    out.writeInt(t.cycle());
    writeString(t.key(), out);
    out.writeByte(t.kind().ordinal());
    out.writeLong(t.at().getEpochSecond());
    out.writeInt(t.at().getNano());
    out.writeInt(t.warningPercent());
  }

  @Override
  public SlaTransition deserialize(DataInputView in) throws IOException {
    String ticket = readString(in, "ticketId");
    SlaMetric metric = SlaMetric.parse(readString(in, "metric"));
    int cycle = in.readInt();
    String key = readString(in, "key");
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
  public boolean equals(Object o) {
    return o instanceof SlaTransitionSerializer s && s.legacy == legacy;
  }

  @Override
  public int hashCode() {
    return legacy ? 3 : 4;
  }

  @Override
  public TypeSerializerSnapshot<SlaTransition> snapshotConfiguration() {
    return legacy ? StringFormatSnapshot.legacy(new Snapshot()) : new Snapshot();
  }

  /** The serializer's configuration snapshot: the format version. */
  public static final class Snapshot extends StringFormatSnapshot<SlaTransition> {
    /** Creates the snapshot (called by Flink on restore). */
    public Snapshot() {}

    @Override
    SlaTransitionSerializer serializer(boolean legacy) {
      return legacy ? SlaTransitionSerializer.LEGACY : INSTANCE;
    }
  }
}
