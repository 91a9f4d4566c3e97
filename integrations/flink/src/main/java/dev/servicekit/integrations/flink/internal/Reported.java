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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last reported state, warning level, escalation level and deadline of each cycle of one
 * ticket, and the diff that turns a new evaluation into transitions. Kept in keyed state as bytes
 * ({@link #toBytes()}): version 4 writes each cycle id as {@link Strings} (any length), its
 * escalation level and its deadline (or that it is unknown); version 3 (no deadline: read as
 * unknown, taken from the next evaluation without a transition, since earlier builds reported
 * none), version 2 (no escalation level either) and version 1 (also {@code writeUTF} ids) are still
 * read, as escalation level 0: earlier builds reported no escalation.
 */
final class Reported {

  private static final int VERSION = 4;
  private static final CycleState[] STATES = CycleState.values();

  private final Map<String, int[]> cycles = new LinkedHashMap<>();

  /**
   * The version 3 bytes this state was last read from or written as (null: unknown, the next {@link
   * #toBytes} encodes every cycle); never changed. {@link #fieldsAt}{@code [k]} is where cycle
   * {@code k}'s fields start in them, and their first {@link #kept} cycles are the map's first
   * ones, with the same ids.
   */
  private byte[] last;

  private int[] fieldsAt;
  private int kept;

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
            "reported-state version must be 1 to " + VERSION + ", was " + v + " (corrupted)");
      }
      part = "count";
      int n = in.readInt();
      if (n < 0) {
        // no upper bound needed: each cycle is read from the bytes, so a count larger than they
        // hold ends in "input ends inside", and memory grows only with the cycles actually read
        throw new IllegalArgumentException(
            "reported-state count must be 0 or more, was " + n + " (corrupted)");
      }
      // where each cycle's fields start, for a later toBytes to patch (version 4 only); sized by
      // what the bytes can hold (more than 11 bytes a cycle), not by the count they claim
      int[] fields = v == VERSION ? new int[Math.min(n, b.length / 11)] : null;
      for (cycle = 0; cycle < n; cycle++) {
        part = "id";
        String id = v == 1 ? in.readUTF() : Strings.read(in, "id");
        if (fields != null && cycle < fields.length) {
          fields[cycle] = b.length - bytes.available();
        }
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
        int[] f = {state, warn, escalation, UNKNOWN, 0, 0, 0};
        if (v == VERSION) {
          part = "deadline";
          int due = in.readUnsignedByte();
          long second = in.readLong();
          int nano = in.readInt();
          if (due > UNKNOWN || (due != PRESENT && (second != 0 || nano != 0))) {
            throw new IllegalArgumentException(
                where(
                        cycle,
                        "deadline must be absent (0 and zeros), present (1) or unknown (2 and"
                            + " zeros), was ")
                    + due
                    + " "
                    + second
                    + " s "
                    + nano
                    + " ns (corrupted)");
          }
          if (due == PRESENT) {
            // out of range: Fields' message, named for the cycle by the IOException handler below
            setDeadline(f, Optional.of(Fields.instant(second, nano, "deadline")));
          } else {
            f[3] = due;
          }
        }
        if (r.cycles.putIfAbsent(id, f) != null) {
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
      if (fields != null) {
        r.last = b;
        r.fieldsAt = fields;
        r.kept = n;
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

  /**
   * The state as bytes (version 4). {@code O(cycles)}; after {@link #diff}'s usual case, a copy of
   * the bytes last read or written with the kept cycles' fields patched and the new cycles encoded
   * after them: the same bytes as encoding every cycle. The array returned is never changed
   * afterwards (it may be kept by the state backend).
   */
  byte[] toBytes() {
    byte[] b = last != null ? patched() : encoded();
    last = b;
    kept = cycles.size();
    return b;
  }

  /** Every cycle encoded, recording where each one's fields are. */
  private byte[] encoded() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 24 * cycles.size());
    int[] fields = new int[cycles.size()];
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeInt(cycles.size());
      int k = 0;
      for (Map.Entry<String, int[]> e : cycles.entrySet()) {
        Strings.write(e.getKey(), out);
        fields[k++] = out.size();
        writeFields(e.getValue(), out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    fieldsAt = fields;
    return bytes.toByteArray();
  }

  /**
   * {@link #last}'s first {@link #kept} cycles with their current fields, then the cycles after
   * them encoded: {@link #encoded()}'s bytes, without encoding the kept cycles' ids again.
   */
  private byte[] patched() {
    int n = cycles.size();
    int end = kept == 0 ? 5 : fieldsAt[kept - 1] + FIELDS; // version byte and count: 5
    ByteArrayOutputStream tail = new ByteArrayOutputStream(24 * (n - kept));
    int[] fields = fieldsAt.length >= n ? fieldsAt : Arrays.copyOf(fieldsAt, Math.max(n, 16 + n));
    Iterator<Map.Entry<String, int[]>> it = cycles.entrySet().iterator();
    try (DataOutputStream out = new DataOutputStream(tail)) {
      for (int k = 0; k < kept; k++) {
        it.next();
      }
      for (int k = kept; k < n; k++) {
        Map.Entry<String, int[]> e = it.next();
        Strings.write(e.getKey(), out);
        fields[k] = end + out.size();
        writeFields(e.getValue(), out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] t = tail.toByteArray();
    byte[] b = Arrays.copyOf(last, end + t.length);
    System.arraycopy(t, 0, b, end, t.length);
    putInt(b, 1, n);
    it = cycles.entrySet().iterator();
    for (int k = 0; k < kept; k++) {
      int[] f = it.next().getValue();
      int at = fields[k];
      b[at] = (byte) f[0];
      int w = stored(f[1]);
      b[at + 1] = (byte) (w >>> 8);
      b[at + 2] = (byte) w;
      putInt(b, at + 3, f[2]);
      b[at + 7] = (byte) f[3];
      putInt(b, at + 8, f[3] == PRESENT ? f[4] : 0);
      putInt(b, at + 12, f[3] == PRESENT ? f[5] : 0);
      putInt(b, at + 16, f[3] == PRESENT ? f[6] : 0);
    }
    fieldsAt = fields;
    return b;
  }

  /**
   * A cycle's fields after its id: state (1 byte), warning (2), escalation level (4), then the
   * deadline: 1 and its epoch second (8) and nano (4), or 0 (none) or 2 (unknown: read from an
   * earlier version and not evaluated since) and twelve zero bytes.
   */
  private static final int FIELDS = 20;

  private static void writeFields(int[] f, DataOutputStream out) throws IOException {
    out.writeByte(f[0]);
    out.writeShort(stored(f[1]));
    out.writeInt(f[2]);
    boolean due = f[3] == PRESENT;
    out.writeByte(f[3]);
    out.writeInt(due ? f[4] : 0);
    out.writeInt(due ? f[5] : 0);
    out.writeInt(due ? f[6] : 0);
  }

  /** {@code f[3]}: the cycle has no deadline. */
  private static final int NONE = 0;

  /** {@code f[3]}: the deadline is {@code f[4..6]} (epoch second's high and low int, nano). */
  private static final int PRESENT = 1;

  /** {@code f[3]}: the deadline is unknown (state of an earlier build): any deadline matches. */
  private static final int UNKNOWN = 2;

  /** Keeps deadline {@code d} in {@code f[3..6]}. */
  private static void setDeadline(int[] f, Optional<Instant> d) {
    if (d.isEmpty()) {
      f[3] = NONE;
      f[4] = 0;
      f[5] = 0;
      f[6] = 0;
    } else {
      long second = d.get().getEpochSecond();
      f[3] = PRESENT;
      f[4] = (int) (second >>> 32);
      f[5] = (int) second;
      f[6] = d.get().getNano();
    }
  }

  /** Whether {@code f} keeps {@code c}'s deadline (an unknown one keeps any). */
  private static boolean sameDeadline(int[] f, MetricCycle c) {
    Optional<Instant> d = c.deadline();
    if (f[3] == UNKNOWN) {
      return true;
    }
    if (d.isEmpty()) {
      return f[3] == NONE;
    }
    Instant t = d.get();
    return f[3] == PRESENT
        && (((long) f[4] << 32) | (f[5] & 0xFFFFFFFFL)) == t.getEpochSecond()
        && f[6] == t.getNano();
  }

  /** The deadline {@code f} keeps, or {@code c}'s if unknown (so that it is not reported moved). */
  private static Optional<Instant> deadline(int[] f, MetricCycle c) {
    if (f[3] == UNKNOWN) {
      return c.deadline();
    }
    return f[3] == NONE
        ? Optional.empty()
        : Optional.of(Instant.ofEpochSecond(((long) f[4] << 32) | (f[5] & 0xFFFFFFFFL), f[6]));
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  /** The next {@link #toBytes} encodes every cycle. */
  private void forgetBytes() {
    last = null;
    fieldsAt = null;
    kept = 0;
  }

  /**
   * Whether {@code stored} are the bytes this state was last read from or written as (the same
   * array, or equal contents: a backend may return a copy), so that it can be used in their place.
   */
  boolean isStateOf(byte[] stored) {
    return last != null && (stored == last || Arrays.equals(stored, last));
  }

  /**
   * Appends the transitions from the reported state to {@code ev}, then reports {@code ev}: the
   * state holds exactly the evaluation's cycles, in its order. A new cycle gives STARTED (then its
   * state if not running); a cycle whose state, warning or escalation changed in either direction
   * gets {@link SlaTransition#corrected} (a higher warning gives WARNING, a higher escalation level
   * ESCALATED, a changed state the kind of the new state, and a warning or level a late event or a
   * re-target lowered is restated); a reported cycle the evaluation no longer has (a late event or
   * a re-target took it away) gets {@link SlaTransition#withdrawn(String, String,
   * java.time.Instant)}, unless it was reported cancelled with no warning or escalation already.
   * {@code O(cycles)}; in the usual case (the cycles reported before are the evaluation's first
   * ones, in its order, and the rest are new) their entries are updated in place with no key built
   * but the new cycles', and the next {@link #toBytes} patches the bytes last read or written
   * instead of encoding every cycle again.
   */
  void diff(SlaEvaluation ev, List<SlaTransition> out) {
    diff(ev, out, null);
  }

  /**
   * {@link #diff(SlaEvaluation, List)}, restating every cycle with a key (a call's answer time)
   * that nothing else changed and whose key is not the one {@code keysBefore} gives its id (see
   * {@link #keys}): after a late event a call's cycle number may name another call, and the
   * reported states do not hold keys. A null {@code keysBefore} restates nothing.
   */
  void diff(SlaEvaluation ev, List<SlaTransition> out, Map<String, String> keysBefore) {
    List<MetricCycle> evCycles = ev.cycles();
    int n = evCycles.size();
    // First, without changing anything: are the reported cycles the evaluation's first ones?
    Iterator<Map.Entry<String, int[]>> it = cycles.entrySet().iterator();
    int i = 0;
    while (i < n && it.hasNext()) {
      if (!isKeyOf(it.next().getKey(), evCycles.get(i))) {
        rebuild(ev, evCycles, out, keysBefore); // another cycle here: one was taken away
        return;
      }
      i++;
    }
    String[] added = new String[n - i];
    for (int k = i; k < n; k++) {
      added[k - i] = key(evCycles.get(k));
      if (cycles.containsKey(added[k - i])) {
        rebuild(ev, evCycles, out, keysBefore); // (keys are unique per evaluation)
        return;
      }
    }
    List<Map.Entry<String, int[]>> gone = null;
    while (it.hasNext()) { // (only if i == n) reported cycles the evaluation no longer has
      Map.Entry<String, int[]> e = it.next();
      gone = gone == null ? new ArrayList<>() : gone;
      gone.add(Map.entry(e.getKey(), e.getValue()));
      it.remove();
    }
    it = cycles.entrySet().iterator();
    for (int k = 0; k < i; k++) {
      MetricCycle c = evCycles.get(k);
      int[] prev = it.next().getValue();
      int state = c.state().ordinal();
      int warning = c.warningPercent(); // compared as it is, kept as the bytes hold it
      int level = SlaTransition.level(c.escalation());
      // asked only when something changed (most cycles of a long ticket are stopped, unchanged)
      if (state != prev[0] || warning != prev[1] || level != prev[2] || !sameDeadline(prev, c)) {
        restate(ev, c, prev, out, keysBefore);
      } else if (rekeyed(c, keysBefore)) {
        out.add(SlaTransition.restated(ev, c));
      }
      prev[0] = state;
      prev[1] = stored(warning);
      prev[2] = level;
      setDeadline(prev, c.deadline());
    }
    for (int k = i; k < n; k++) {
      MetricCycle c = evCycles.get(k);
      out.addAll(SlaTransition.started(ev, c));
      cycles.put(added[k - i], record(c));
    }
    if (gone != null) {
      for (Map.Entry<String, int[]> g : gone) {
        withdraw(ev, g.getKey(), g.getValue(), out);
      }
    }
    if (kept > i) {
      kept = i; // the bytes' cycles after the first i are gone (dropped, or not yet written)
    }
  }

  /**
   * {@link #diff} in general: each cycle looked up by key, and the map built anew in the
   * evaluation's order; the reported cycles it no longer has are withdrawn; the next {@link
   * #toBytes} encodes every cycle.
   */
  private void rebuild(
      SlaEvaluation ev,
      List<MetricCycle> evCycles,
      List<SlaTransition> out,
      Map<String, String> keysBefore) {
    Map<String, int[]> seen = new LinkedHashMap<>();
    for (MetricCycle c : evCycles) {
      String id = key(c);
      int[] prev = cycles.remove(id);
      restate(ev, c, prev, out, keysBefore);
      seen.put(id, record(c));
    }
    for (Map.Entry<String, int[]> g : cycles.entrySet()) {
      withdraw(ev, g.getKey(), g.getValue(), out);
    }
    cycles.clear();
    cycles.putAll(seen);
    forgetBytes();
  }

  /**
   * {@link #diff} after a correction of the ticket's history: each cycle of {@code ev} by {@link
   * SlaTransition#corrected} (so a lowered warning or escalation is restated), then {@link
   * SlaTransition#withdrawn} at {@code at} for each reported cycle {@code ev} no longer has, taken
   * from {@code before} (the clock's evaluation before the correction, null if it had none), unless
   * it was reported cancelled with no warning or escalation already; {@code ev} is then recorded as
   * reported. A null {@code ev} (no event left, or the {@code Created} taken away) withdraws every
   * reported cycle and leaves none. The same rule as the Kafka adapter's. {@code O(cycles)}.
   */
  void diffCorrected(
      String ticket,
      SlaEvaluation before,
      SlaEvaluation ev,
      java.time.Instant at,
      List<SlaTransition> out) {
    Map<String, int[]> seen = new LinkedHashMap<>();
    if (ev != null) {
      Map<String, String> keysBefore = keys(before);
      for (MetricCycle c : ev.cycles()) {
        String id = key(c);
        int[] prev = cycles.remove(id);
        restate(ev, c, prev, out, keysBefore);
        seen.put(id, record(c));
      }
    }
    if (!cycles.isEmpty() && before != null) {
      for (MetricCycle c : before.cycles()) {
        int[] prev = cycles.get(key(c));
        if (prev != null
            && !(prev[0] == CycleState.CANCELLED.ordinal() && prev[1] == 0 && prev[2] == 0)) {
          out.add(SlaTransition.withdrawn(ticket, c, at));
        }
      }
    }
    cycles.clear();
    cycles.putAll(seen);
    forgetBytes();
  }

  /** Whether no cycle is reported. */
  boolean isEmpty() {
    return cycles.isEmpty();
  }

  /**
   * A cycle's state ordinal, warning percent and escalation level as kept: the warning as the bytes
   * hold it, so that a cycle compares the same whether its state was just read or kept live.
   */
  private static int[] record(MetricCycle c) {
    int[] f = {
      c.state().ordinal(),
      stored(c.warningPercent()),
      SlaTransition.level(c.escalation()),
      0,
      0,
      0,
      0
    };
    setDeadline(f, c.deadline());
    return f;
  }

  /**
   * Appends what cycle {@code c} needs after its reported state {@code prev} (null: none): STARTED
   * and its state, or {@link SlaTransition#corrected}, or a restatement of a keyed cycle that
   * nothing but its deadline changed and whose key {@code keysBefore} does not give its id ({@link
   * #rekeyed}).
   */
  private static void restate(
      SlaEvaluation ev,
      MetricCycle c,
      int[] prev,
      List<SlaTransition> out,
      Map<String, String> keysBefore) {
    if (prev == null) {
      out.addAll(SlaTransition.started(ev, c));
      return;
    }
    List<SlaTransition> t =
        SlaTransition.corrected(ev, c, STATES[prev[0]], prev[1], prev[2], deadline(prev, c));
    if (SlaTransition.onlyDeadline(t) && rekeyed(c, keysBefore)) {
      out.add(SlaTransition.restated(ev, c)); // another call now: restated, deadline and all
    } else {
      out.addAll(t);
    }
  }

  /**
   * Appends the withdrawal of reported cycle {@code id} at {@code ev}'s instant, unless it was
   * reported cancelled with no warning or escalation already.
   */
  private static void withdraw(SlaEvaluation ev, String id, int[] prev, List<SlaTransition> out) {
    if (!(prev[0] == CycleState.CANCELLED.ordinal() && prev[1] == 0 && prev[2] == 0)) {
      SlaTransition t;
      try {
        t = SlaTransition.withdrawn(ev.ticketId(), id, ev.at());
      } catch (IllegalArgumentException unparsable) {
        // an id stored by an earlier build that no metric's text form gives any more (a stage
        // name with a no-break space): forgotten without a withdrawal, as earlier builds forgot
        // every cycle an evaluation no longer had, rather than failing the task at every restart
        return;
      }
      out.add(t);
    }
  }

  /**
   * The key of each keyed cycle of {@code ev} by its id (empty if {@code ev} is null): what the
   * consumer was last told each id is about, when {@code ev} is the evaluation last reported.
   */
  static Map<String, String> keys(SlaEvaluation ev) {
    if (ev == null) {
      return Map.of();
    }
    Map<String, String> keys = new HashMap<>();
    for (MetricCycle c : ev.cycles()) {
      if (!c.key().isEmpty()) {
        keys.put(key(c), c.key());
      }
    }
    return keys;
  }

  /**
   * Whether keyed cycle {@code c} is about another call than {@code keysBefore} says its id was.
   */
  private static boolean rekeyed(MetricCycle c, Map<String, String> keysBefore) {
    return keysBefore != null && !c.key().isEmpty() && !c.key().equals(keysBefore.get(key(c)));
  }

  /** A warning percent as {@link #toBytes} writes it (an unsigned short, saturated). */
  private static int stored(int warning) {
    return Math.min(warning, 0xFFFF);
  }

  /** A cycle's id in the state: "metric#cycle". */
  static String key(MetricCycle c) {
    return c.id();
  }

  /** Whether {@code key} is {@link #key}{@code (c)}, without building it. */
  static boolean isKeyOf(String key, MetricCycle c) {
    return c.hasId(key);
  }
}
