package dev.servicekit.integrations.flink.internal;

import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaTransition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last reported state, warning level and escalation level of each cycle of one ticket, and the
 * diff that turns a new evaluation into transitions. Kept in keyed state as bytes ({@link
 * #toBytes()}): version 3 writes each cycle id as {@link Strings} (any length) and its escalation
 * level; version 2 (no escalation level) and version 1 (also {@code writeUTF} ids) are still read,
 * as escalation level 0: earlier builds reported no escalation.
 */
final class Reported {

  private static final int VERSION = 3;
  private static final CycleState[] STATES = CycleState.values();

  private final Map<String, int[]> cycles = new LinkedHashMap<>();

  /**
   * Reads the bytes written by {@link #toBytes()} (version 3) or by earlier builds (versions 1, 2).
   *
   * @param b the bytes, or {@code null} for no state yet
   * @return the reported state (empty for {@code null})
   * @throws IllegalArgumentException if the bytes are not such state, naming the field where
   *     reading stopped and the rule ({@code "input ends inside reported-state cycle 2 id"}, {@code
   *     "reported-state cycle 0 state must be in [0, 4], was 9"}): an unknown version, a negative
   *     count, a count the bytes do not hold, an id that is not modified UTF-8 or does not match
   *     its length, a repeated cycle id, a state out of range, a negative escalation level, or
   *     bytes after the last cycle. Memory is a constant (a few hundred kilobytes at most) plus
   *     what the bytes given hold.
   */
  static Reported fromBytes(byte[] b) {
    Reported r = new Reported();
    if (b == null) {
      return r;
    }
    ByteArrayInputStream bytes = new ByteArrayInputStream(b);
    // where reading is, for a message: named only when one is thrown (this runs per evaluation)
    int cycle = -1;
    String part = "version";
    try (DataInputStream in = new DataInputStream(bytes)) {
      int v = in.readUnsignedByte();
      if (v < 1 || v > VERSION) {
        throw new IllegalArgumentException(
            "reported-state version must be 1, 2 or 3, was " + v + " (corrupted)");
      }
      part = "count";
      int n = in.readInt();
      if (n < 0) {
        // no upper bound needed: each cycle is read from the bytes, so a count larger than they
        // hold ends in "input ends inside", and memory grows only with the cycles actually read
        throw new IllegalArgumentException(
            "reported-state count must be 0 or more, was " + n + " (corrupted)");
      }
      for (cycle = 0; cycle < n; cycle++) {
        part = "id";
        String id = v == 1 ? in.readUTF() : Strings.read(in, "id");
        part = "state";
        int state = in.readUnsignedByte();
        if (state >= STATES.length) {
          throw new IllegalArgumentException(
              where(cycle, "state must be in [0, ")
                  + (STATES.length - 1)
                  + "], was "
                  + state
                  + " (corrupted)");
        }
        part = "warning";
        int warn = in.readUnsignedShort();
        part = "escalation";
        int escalation = v < 3 ? 0 : in.readInt();
        if (escalation < 0) {
          throw new IllegalArgumentException(
              where(cycle, "escalation level must be 0 or more, was ")
                  + escalation
                  + " (corrupted)");
        }
        if (r.cycles.putIfAbsent(id, new int[] {state, warn, escalation}) != null) {
          throw new IllegalArgumentException(
              where(cycle, "id ")
                  + Strings.excerpt(id)
                  + " repeats an earlier cycle's (corrupted)");
        }
      }
      if (bytes.available() > 0) {
        throw new IllegalArgumentException(
            "reported-state has "
                + bytes.available()
                + " bytes after its "
                + n
                + " cycles (corrupted)");
      }
    } catch (EOFException e) {
      throw new IllegalArgumentException(
          "input ends inside " + where(cycle, part) + " (truncated or corrupted)", e);
    } catch (UTFDataFormatException e) {
      throw new IllegalArgumentException(
          where(cycle, part) + " is not modified UTF-8 (corrupted)", e);
    } catch (IOException e) {
      // Strings.read's own rejections of the id ("id length must be ..."), named for the field
      throw new IllegalArgumentException(where(cycle, e.getMessage()), e);
    }
    return r;
  }

  /**
   * {@code text} after the name of the field: {@code "reported-state cycle 2 "} or {@code
   * "reported-state "} before the first cycle.
   */
  private static String where(int cycle, String text) {
    return cycle < 0 ? "reported-state " + text : "reported-state cycle " + cycle + " " + text;
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
        out.writeInt(e.getValue()[2]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Appends the transitions from the reported state to {@code ev}, then reports {@code ev}. A new
   * cycle gives STARTED (then its state if not running); a higher warning gives WARNING; a higher
   * escalation level gives ESCALATED; a changed state gives the kind of the new state.
   */
  void diff(SlaEvaluation ev, List<SlaTransition> out) {
    Map<String, int[]> seen = new LinkedHashMap<>();
    for (MetricCycle c : ev.cycles()) {
      String id = c.metric() + "#" + c.cycle();
      int[] prev = cycles.get(id);
      out.addAll(
          prev == null
              ? SlaTransition.started(ev, c)
              : SlaTransition.changes(ev, c, STATES[prev[0]], prev[1], prev[2]));
      seen.put(
          id,
          new int[] {c.state().ordinal(), c.warningPercent(), SlaTransition.level(c.escalation())});
    }
    cycles.clear(); // a cycle that lost its target (re-target) is forgotten
    cycles.putAll(seen);
  }
}
