package dev.servicekit.integrations.kafka.internal;

import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaTransition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state-store value of one ticket: the clock's {@code SlaClockSnapshot} bytes, the latest event
 * time, the scheduled timer and the cycle states last reported (to emit only changes). Mutable; one
 * per processed record. Version 2 keeps each cycle's escalation level reported; version 1 (earlier
 * builds, which reported no escalation) is still read, as escalation level 0 (none reported).
 */
public final class ClockState {

  private static final int VERSION = 2;
  private static final CycleState[] STATES = CycleState.values();

  /** Clock checkpoint ({@code SlaClockSnapshot.toBytes}); null before the first event. */
  byte[] snapshot;

  /** Latest event time accepted, or null. */
  Instant maxAt;

  /** The scheduled timer, or null. */
  Instant due;

  /** Per cycle ("metric#cycle"): state ordinal, warning percent, escalation level last reported. */
  final Map<String, int[]> reported = new LinkedHashMap<>();

  /**
   * Appends to {@code out} the transitions from the reported states to {@code ev}, and records
   * {@code ev} as reported.
   */
  void diff(SlaEvaluation ev, List<SlaTransition> out) {
    Map<String, int[]> seen = new LinkedHashMap<>();
    for (MetricCycle c : ev.cycles()) {
      String id = c.metric() + "#" + c.cycle();
      int[] prev = reported.get(id);
      out.addAll(
          prev == null
              ? SlaTransition.started(ev, c)
              : SlaTransition.changes(ev, c, STATES[prev[0]], prev[1], prev[2]));
      seen.put(
          id,
          new int[] {c.state().ordinal(), c.warningPercent(), SlaTransition.level(c.escalation())});
    }
    reported.clear(); // a cycle that lost its target (re-target) is forgotten
    reported.putAll(seen);
  }

  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + snapshot.length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      writeInstant(out, maxAt);
      writeInstant(out, due);
      out.writeInt(reported.size());
      for (Map.Entry<String, int[]> e : reported.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeByte(e.getValue()[0]);
        out.writeShort(e.getValue()[1]);
        out.writeInt(e.getValue()[2]);
      }
      out.writeInt(snapshot.length);
      out.write(snapshot);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static ClockState fromBytes(byte[] b) {
    ClockState s = new ClockState();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
      int v = in.readUnsignedByte();
      if (v != 1 && v != VERSION) {
        throw new IllegalArgumentException(
            "clock state version must be 1 or " + VERSION + ", was " + v);
      }
      s.maxAt = readInstant(in);
      s.due = readInstant(in);
      int n = in.readInt();
      int states = CycleState.values().length;
      for (int i = 0; i < n; i++) {
        String id = in.readUTF();
        int state = in.readUnsignedByte();
        if (state >= states) {
          throw new IllegalArgumentException("clock state: cycle state " + state + " out of range");
        }
        int warning = in.readUnsignedShort();
        int escalation = v == 1 ? 0 : in.readInt();
        if (escalation < 0) {
          throw new IllegalArgumentException(
              "clock state: escalation level " + escalation + " is negative");
        }
        s.reported.put(id, new int[] {state, warning, escalation});
      }
      int len = in.readInt();
      if (len < 0 || len > b.length) {
        throw new IllegalArgumentException("clock state: snapshot length " + len + " out of range");
      }
      s.snapshot = in.readNBytes(len);
      if (s.snapshot.length != len) {
        throw new IllegalArgumentException("clock state: truncated snapshot");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("clock state is truncated (" + b.length + " bytes)", e);
    }
    return s;
  }

  private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
    out.writeBoolean(t != null);
    if (t != null) {
      out.writeLong(t.getEpochSecond());
      out.writeInt(t.getNano());
    }
  }

  private static Instant readInstant(DataInputStream in) throws IOException {
    return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
  }
}
