package dev.servicekit.integrations.flink.internal;

import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.EscalationLevel;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.io.EOFException;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes an {@link SlaTransition} field by field (no Kryo); the ticket id, metric and key as
 * {@link Strings}, of any length; the kind's byte has its high bit set when the escalation reached
 * follows the warning percent (its level, percent and recipient), its next bit when the cycle's
 * state follows that (one byte), and its third bit when the cycle's deadline follows that (an
 * instant), so a transition with none of them has the bytes it had in snapshot version 4. The
 * formats before that are still read from savepoints ({@link Snapshot}): snapshot version 6 (no
 * deadline: read as none, as JSON version 3 is), version 5 (no state: read as the state its kind
 * reports, {@link SlaTransition.Kind#stateReported()}, as JSON version 2 is), version 4 (no
 * escalation either, read as none) and version 3 (also {@code writeUTF} strings of at most 65,535
 * bytes).
 *
 * <p>Reading corrupted input fails with an {@link IOException} naming the field (a string length or
 * chunk, the kind, an instant out of range, input that ends inside a field) or the {@link
 * IllegalArgumentException} of {@link SlaMetric#parse} or {@link SlaTransition}'s constructor
 * (prefixed {@code SlaTransition in Flink state: } and followed by a note on the rules: state of an
 * earlier build may hold a ticket id or a key that the constructor now refuses); memory grows only
 * with the bytes actually read.
 */
public final class SlaTransitionSerializer extends TypeSerializer<SlaTransition> {
  /** Said of a refused transition: why state that restored before may not restore now. */
  static final String RULE_NOTE =
      "; the id and key rules are newer than this format: state of an earlier build may hold a"
          + " ticket id or a key (of a transition built in code) they refuse, see the CHANGELOG";

  private static final long serialVersionUID = 3L;

  /** The snapshot version of the format with the escalation. */
  static final int ESCALATION = 5;

  /** The snapshot version of the format with the escalation and the state. */
  static final int STATE = 6;

  /**
   * The snapshot version of the current format: with the escalation, the state and the deadline.
   */
  static final int DEADLINE = 7;

  /** The serializer of the current format. */
  public static final SlaTransitionSerializer INSTANCE = new SlaTransitionSerializer(DEADLINE);

  /** The serializer of the format of snapshot version {@value #STATE}: no deadline. */
  static final SlaTransitionSerializer NO_DEADLINE = new SlaTransitionSerializer(STATE);

  /** The serializer of the format of snapshot version {@value #ESCALATION}: no state. */
  static final SlaTransitionSerializer NO_STATE = new SlaTransitionSerializer(ESCALATION);

  /** The serializer of the format of snapshot version {@value StringFormatSnapshot#LEGACY}. */
  static final SlaTransitionSerializer LEGACY =
      new SlaTransitionSerializer(StringFormatSnapshot.LEGACY);

  /**
   * The serializer of the format of snapshot version {@value StringFormatSnapshot#CURRENT}: no
   * escalation.
   */
  static final SlaTransitionSerializer NO_ESCALATION =
      new SlaTransitionSerializer(StringFormatSnapshot.CURRENT);

  /**
   * The kinds, in the order of their byte. Explicit, not {@code Kind.values()}: ESCALATED and
   * DEADLINE_CHANGED were added after the others, and a kind's byte must not change.
   */
  private static final SlaTransition.Kind[] KINDS = {
    SlaTransition.Kind.STARTED,
    SlaTransition.Kind.PAUSED,
    SlaTransition.Kind.RESUMED,
    SlaTransition.Kind.WARNING,
    SlaTransition.Kind.BREACHED,
    SlaTransition.Kind.ACHIEVED,
    SlaTransition.Kind.CANCELLED,
    SlaTransition.Kind.ESCALATED,
    SlaTransition.Kind.DEADLINE_CHANGED
  };

  private static final int[] BYTE_OF_KIND = new int[KINDS.length];

  /** The bit of the kind's byte saying that the escalation follows (from snapshot version 5). */
  private static final int ESCALATION_FOLLOWS = 0x80;

  /** The bit of the kind's byte saying that the state follows (from snapshot version 6). */
  private static final int STATE_FOLLOWS = 0x40;

  /** The bit of the kind's byte saying that the deadline follows (from snapshot version 7). */
  private static final int DEADLINE_FOLLOWS = 0x20;

  /** The states, in the order of their byte (explicit: a state's byte must not change). */
  private static final CycleState[] STATES = {
    CycleState.ACTIVE,
    CycleState.PAUSED,
    CycleState.ACHIEVED,
    CycleState.BREACHED,
    CycleState.CANCELLED
  };

  private static final int[] BYTE_OF_STATE = new int[STATES.length];

  static {
    for (int i = 0; i < KINDS.length; i++) {
      BYTE_OF_KIND[KINDS[i].ordinal()] = i;
    }
    for (int i = 0; i < STATES.length; i++) {
      BYTE_OF_STATE[STATES[i].ordinal()] = i;
    }
  }

  /** The snapshot version of the format. */
  private final int version;

  private final boolean legacy;

  private SlaTransitionSerializer(int version) {
    this.version = version;
    this.legacy = version == StringFormatSnapshot.LEGACY;
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
    if (version < ESCALATION && t.kind() == SlaTransition.Kind.ESCALATED) {
      // only in a migration's write-back, which always uses the current format
      throw new IOException(
          "SlaTransition.kind ESCALATED has no form in format version " + version);
    }
    if (version < STATE && !t.state().equals(t.kind().stateReported()) && t.state().isPresent()) {
      // only in a migration's write-back, which always uses the current format
      throw new IOException(
          "SlaTransition.state " + t.state().get() + " has no form in format version " + version);
    }
    if (version < DEADLINE
        && (t.kind() == SlaTransition.Kind.DEADLINE_CHANGED || t.deadline().isPresent())) {
      // only in a migration's write-back, which always uses the current format
      throw new IOException(
          "SlaTransition.kind DEADLINE_CHANGED and SlaTransition.deadline have no form in format"
              + " version "
              + version);
    }
    boolean escalated = version >= ESCALATION && t.escalation().isPresent();
    boolean stated = version >= STATE && t.state().isPresent();
    boolean due = t.deadline().isPresent();
    out.writeByte(
        BYTE_OF_KIND[t.kind().ordinal()]
            | (escalated ? ESCALATION_FOLLOWS : 0)
            | (stated ? STATE_FOLLOWS : 0)
            | (due ? DEADLINE_FOLLOWS : 0));
    Fields.writeInstant(t.at(), out);
    out.writeInt(t.warningPercent());
    if (escalated) {
      EscalationLevel e = t.escalation().get();
      out.writeInt(e.level());
      out.writeInt(e.percent());
      writeString(e.recipient(), out);
    }
    if (stated) {
      out.writeByte(BYTE_OF_STATE[t.state().get().ordinal()]);
    }
    if (due) {
      Fields.writeInstant(t.deadline().get(), out);
    }
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
      boolean escalated = version >= ESCALATION && (kind & ESCALATION_FOLLOWS) != 0;
      kind &= escalated ? ~ESCALATION_FOLLOWS : 0xFF;
      boolean stated = version >= STATE && (kind & STATE_FOLLOWS) != 0;
      kind &= stated ? ~STATE_FOLLOWS : 0xFF;
      boolean due = version >= DEADLINE && (kind & DEADLINE_FOLLOWS) != 0;
      kind &= due ? ~DEADLINE_FOLLOWS : 0xFF;
      int kinds =
          version >= DEADLINE
              ? KINDS.length
              : version >= ESCALATION ? KINDS.length - 1 : KINDS.length - 2;
      if (kind >= kinds) {
        throw new IOException(field + " must be below " + kinds + ", was " + kind);
      }
      field = "SlaTransition.at";
      Instant at = Fields.readInstant(in, field);
      field = "SlaTransition.warningPercent";
      int warning = in.readInt();
      Optional<EscalationLevel> escalation = Optional.empty();
      if (escalated) {
        field = "SlaTransition.escalation.level";
        int level = in.readInt();
        field = "SlaTransition.escalation.percent";
        int percent = in.readInt();
        field = "SlaTransition.escalation.recipient";
        String recipient = readString(in, field);
        try {
          escalation = Optional.of(EscalationLevel.of(level, percent, recipient));
        } catch (IllegalArgumentException e) {
          throw new IOException("SlaTransition.escalation: " + e.getMessage(), e);
        }
      }
      Optional<CycleState> state = KINDS[kind].stateReported(); // formats without the state
      if (stated) {
        field = "SlaTransition.state";
        int b = in.readUnsignedByte();
        if (b >= STATES.length) {
          throw new IOException(field + " must be below " + STATES.length + ", was " + b);
        }
        state = Optional.of(STATES[b]);
      }
      Optional<Instant> deadline = Optional.empty(); // formats without the deadline
      if (due) {
        field = "SlaTransition.deadline";
        deadline = Optional.of(Fields.readInstant(in, field));
      }
      try {
        return new SlaTransition(
            ticket, metric, cycle, key, KINDS[kind], at, warning, escalation, state, deadline);
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
    return o instanceof SlaTransitionSerializer s && s.version == version;
  }

  @Override
  public int hashCode() {
    return version;
  }

  @Override
  public TypeSerializerSnapshot<SlaTransition> snapshotConfiguration() {
    return StringFormatSnapshot.ofVersion(new Snapshot(), version);
  }

  /** The serializer's configuration snapshot: the format version. */
  public static final class Snapshot extends StringFormatSnapshot<SlaTransition> {
    /** Creates the snapshot (called by Flink on restore). */
    public Snapshot() {}

    @Override
    int latest() {
      return DEADLINE;
    }

    @Override
    SlaTransitionSerializer serializer(boolean legacy) {
      return legacy ? SlaTransitionSerializer.LEGACY : INSTANCE;
    }

    @Override
    SlaTransitionSerializer serializer(int version) {
      return version == DEADLINE
          ? INSTANCE
          : version == STATE
              ? NO_DEADLINE
              : version == ESCALATION
                  ? NO_STATE
                  : version == StringFormatSnapshot.CURRENT
                      ? NO_ESCALATION
                      : SlaTransitionSerializer.LEGACY;
    }
  }
}
