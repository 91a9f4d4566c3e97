package dev.servicekit.integrations.flink.internal;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last reported state and warning level of each cycle of one ticket, and the diff that turns a
 * new evaluation into transitions. Kept in keyed state as bytes ({@link #toBytes()}): version 2
 * writes each cycle id as {@link Strings} (any length); version 1, with {@code writeUTF} ids, is
 * still read.
 */
final class Reported {

  private static final int VERSION = 2;
  private static final CycleState[] STATES = CycleState.values();

  private final Map<String, int[]> cycles = new LinkedHashMap<>();

  static Reported fromBytes(byte[] b) {
    Reported r = new Reported();
    if (b == null) {
      return r;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
      int v = in.readUnsignedByte();
      if (v != 1 && v != VERSION) {
        throw new IllegalArgumentException("reported-state version must be 1 or 2, was " + v);
      }
      int n = in.readInt();
      if (n < 0 || n > b.length) {
        throw new IllegalArgumentException("reported-state count is corrupted: " + n);
      }
      for (int i = 0; i < n; i++) {
        String id = v == 1 ? in.readUTF() : Strings.read(in, "reported-state cycle id");
        int state = in.readUnsignedByte();
        int warn = in.readUnsignedShort();
        if (state >= STATES.length) {
          throw new IllegalArgumentException("reported-state cycle state is corrupted: " + state);
        }
        r.cycles.put(id, new int[] {state, warn});
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("reported-state bytes are truncated or corrupted", e);
    }
    return r;
  }

  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 24 * cycles.size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeInt(cycles.size());
      for (Map.Entry<String, int[]> e : cycles.entrySet()) {
        Strings.write(e.getKey(), out);
        out.writeByte(e.getValue()[0]);
        out.writeShort(Math.min(e.getValue()[1], 0xFFFF));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Appends the transitions from the reported state to {@code ev}, then reports {@code ev}. A new
   * cycle gives STARTED (then its state if not running); a higher warning gives WARNING; a changed
   * state gives the kind of the new state.
   */
  void diff(SlaEvaluation ev, List<SlaTransition> out) {
    Map<String, int[]> seen = new LinkedHashMap<>();
    for (MetricCycle c : ev.cycles()) {
      String id = c.metric() + "#" + c.cycle();
      int[] prev = cycles.get(id);
      out.addAll(
          prev == null
              ? SlaTransition.started(ev, c)
              : SlaTransition.changes(ev, c, STATES[prev[0]], prev[1]));
      seen.put(id, new int[] {c.state().ordinal(), c.warningPercent()});
    }
    cycles.clear(); // a cycle that lost its target (re-target) is forgotten
    cycles.putAll(seen);
  }
}
