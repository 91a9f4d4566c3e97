package dev.servicekit.integrations.flink.internal;

import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.io.EOFException;
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
 *
 * <p>Reading corrupted input fails with an {@link IOException} naming the field (a string length or
 * chunk, the kind, an instant out of range, input that ends inside a field) or the {@link
 * IllegalArgumentException} of {@link SlaMetric#parse} or {@link SlaTransition}'s constructor;
 * memory grows only with the bytes actually read.
 */
public final class SlaTransitionSerializer extends TypeSerializer<SlaTransition> {
  /** Said of a refused transition: why state that restored before may not restore now. */
  private static final String RULE_NOTE =
      "; the id rule is newer than this format: state of an earlier build may hold a ticket id it"
          + " refuses (blank, with a control character or separator, or longer than 256"
          + " characters), see the CHANGELOG";

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
    Fields.writeInstant(t.at(), out);
    out.writeInt(t.warningPercent());
  }

  @Override
  public SlaTransition deserialize(DataInputView in) throws IOException {
    String field = "SlaTransition.ticketId";
    try {
      String ticket = readString(in, field);
      if (ticket.length() > TicketEvent.MAX_ID_CHARS) { // refused before the rest is read
        throw new IllegalArgumentException(
            field
                + " must have at most "
                + TicketEvent.MAX_ID_CHARS
                + " characters (the id rule of every ticket id), has "
                + ticket.length()
                + RULE_NOTE);
      }
      field = "SlaTransition.metric";
      SlaMetric metric = SlaMetric.parse(readString(in, field));
      field = "SlaTransition.cycle";
      int cycle = in.readInt();
      field = "SlaTransition.key";
      String key = readString(in, field);
      field = "SlaTransition.kind";
      int kind = in.readUnsignedByte();
      if (kind >= KINDS.length) {
        throw new IOException(field + " must be below " + KINDS.length + ", was " + kind);
      }
      field = "SlaTransition.at";
      Instant at = Fields.readInstant(in, field);
      field = "SlaTransition.warningPercent";
      int warning = in.readInt();
      try {
        return new SlaTransition(ticket, metric, cycle, key, KINDS[kind], at, warning);
      } catch (IllegalArgumentException e) {
        // the id rule (or another rule of the constructor) refuses what an earlier build wrote:
        // named as Flink state, so a failed restore says what to look for
        throw new IllegalArgumentException(
            "SlaTransition in Flink state: " + e.getMessage() + RULE_NOTE, e);
      }
    } catch (EOFException e) {
      throw Fields.truncated(field, e);
    }
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
