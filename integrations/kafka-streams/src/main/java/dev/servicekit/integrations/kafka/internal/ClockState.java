package dev.servicekit.integrations.kafka.internal;

import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.MetricDefinition;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaTransition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state-store value of one ticket: the clock's {@code SlaClockSnapshot} bytes, the latest event
 * time, the scheduled timer and the cycle states last reported (to emit only changes). Mutable; one
 * per processed record. Version 2 keeps each cycle's escalation level reported; version 1 (earlier
 * builds, which reported no escalation) is still read, as escalation level 0 (none reported).
 * Version 3 is version 2 with the release deadline of a finished ticket (retention) after the
 * timer. Versions 4 and 5 are versions 2 and 3 with each cycle's deadline reported after its
 * escalation level (a byte: 1 if present, then its epoch second and nano; 0 if absent or 2 if
 * unknown, read from an earlier version and not evaluated since, then zeros); they are written now,
 * version 5 only while a release deadline is set. Versions 1 to 3 are still read, their cycles'
 * deadlines unknown: taken from the next evaluation without a transition, since earlier builds
 * reported none. A released ticket's value is the marker byte {@value #RELEASED_MARKER} and the
 * release instant: nothing else of the ticket is kept.
 */
public final class ClockState {

  private static final int VERSION = 4;
  private static final int VERSION_WITH_RELEASE = 5;
  private static final int VERSION_2_WITH_RELEASE = 3;

  /** First byte of a released ticket's marker value (not a version). */
  static final int RELEASED_MARKER = 0x7F;

  private static final CycleState[] STATES = CycleState.values();

  /** Clock checkpoint ({@code SlaClockSnapshot.toBytes}); null before the first event. */
  byte[] snapshot;

  /** Latest event time accepted, or null. */
  Instant maxAt;

  /** The scheduled timer, or null. */
  Instant due;

  /** When a finished ticket's state is released if nothing reopens it, or null. */
  Instant release;

  /** When the ticket's state was released (a marker value: nothing else is set), or null. */
  Instant released;

  /**
   * Per cycle ("metric#cycle"): state ordinal, warning percent, escalation level and deadline last
   * reported (see {@link #setDeadline}).
   */
  final Map<String, int[]> reported = new LinkedHashMap<>();

  /**
   * Appends to {@code out} the transitions from the reported states to {@code ev}, and records
   * {@code ev} as reported: afterwards {@link #reported} holds exactly the evaluation's cycles, in
   * its order. A cycle whose state, warning or escalation changed in either direction gets {@link
   * SlaTransition#corrected} (a late event or a re-target can lower a warning), and a reported
   * cycle the evaluation no longer has (a late event or a re-target took it away) gets {@link
   * SlaTransition#withdrawn(String, String, Instant)}, unless it was reported cancelled with no
   * warning or escalation already: the last transition per cycle always carries the clock's state.
   * {@code O(cycles)}; in the usual case (the cycles reported before are the evaluation's first
   * ones, in its order, and the rest are new) their entries are updated in place, with no key built
   * but the new cycles'.
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
    List<MetricCycle> cycles = ev.cycles();
    int n = cycles.size();
    // First, without changing anything: are the reported cycles the evaluation's first ones?
    Iterator<Map.Entry<String, int[]>> it = reported.entrySet().iterator();
    int i = 0;
    while (i < n && it.hasNext()) {
      if (!isKeyOf(it.next().getKey(), cycles.get(i))) {
        rebuild(ev, cycles, out, keysBefore); // another cycle in this place: one was taken away
        return;
      }
      i++;
    }
    String[] added = new String[n - i];
    for (int k = i; k < n; k++) {
      added[k - i] = key(cycles.get(k));
      if (reported.containsKey(added[k - i])) {
        rebuild(ev, cycles, out, keysBefore); // (keys are unique per evaluation: not seen)
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
    // The reported cycles, in place, then the new ones after them: the evaluation's order.
    it = reported.entrySet().iterator();
    for (int k = 0; k < i; k++) {
      MetricCycle c = cycles.get(k);
      int[] prev = it.next().getValue();
      int state = c.state().ordinal();
      int warning = c.warningPercent();
      int level = SlaTransition.level(c.escalation());
      // asked only when something changed (most cycles of a long ticket are stopped and unchanged)
      if (state != prev[0] || warning != prev[1] || level != prev[2] || !sameDeadline(prev, c)) {
        restate(ev, c, prev, out, keysBefore);
      } else if (rekeyed(c, keysBefore)) {
        out.add(SlaTransition.restated(ev, c));
      }
      record(prev, c);
    }
    for (int k = i; k < n; k++) {
      MetricCycle c = cycles.get(k);
      out.addAll(SlaTransition.started(ev, c));
      reported.put(added[k - i], record(new int[FIELDS], c));
    }
    if (gone != null) {
      for (Map.Entry<String, int[]> g : gone) {
        withdraw(ev, g.getKey(), g.getValue(), out);
      }
    }
  }

  /**
   * {@link #diff} in general: each cycle looked up by key, and the map built anew in the
   * evaluation's order; the reported cycles it no longer has are withdrawn.
   */
  private void rebuild(
      SlaEvaluation ev,
      List<MetricCycle> cycles,
      List<SlaTransition> out,
      Map<String, String> keysBefore) {
    Map<String, int[]> seen = new LinkedHashMap<>();
    for (MetricCycle c : cycles) {
      String id = key(c);
      int[] prev = reported.remove(id);
      restate(ev, c, prev, out, keysBefore);
      seen.put(id, record(new int[FIELDS], c));
    }
    for (Map.Entry<String, int[]> g : reported.entrySet()) {
      withdraw(ev, g.getKey(), g.getValue(), out);
    }
    reported.clear();
    reported.putAll(seen);
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
   * {@link #diff} after a correction of the ticket's history: each cycle of {@code ev} by {@link
   * SlaTransition#corrected} (so a lowered warning or escalation is restated), then {@link
   * SlaTransition#withdrawn} at {@code at} for each reported cycle {@code ev} no longer has, taken
   * from {@code before} (the clock's evaluation before the correction, null if it had none), unless
   * it was reported cancelled with no warning or escalation already; {@code ev} is then recorded as
   * reported. A null {@code ev} (the correction took the {@code Created} away) withdraws every
   * reported cycle and leaves none. {@code O(cycles)}.
   */
  void diffCorrected(
      String ticket, SlaEvaluation before, SlaEvaluation ev, Instant at, List<SlaTransition> out) {
    Map<String, int[]> seen = new LinkedHashMap<>();
    if (ev != null) {
      Map<String, String> keysBefore = keys(before);
      for (MetricCycle c : ev.cycles()) {
        String id = key(c);
        int[] prev = reported.remove(id);
        restate(ev, c, prev, out, keysBefore);
        seen.put(id, record(new int[FIELDS], c));
      }
    }
    if (!reported.isEmpty() && before != null) {
      for (MetricCycle c : before.cycles()) {
        int[] prev = reported.get(key(c));
        if (prev != null
            && !(prev[0] == CycleState.CANCELLED.ordinal() && prev[1] == 0 && prev[2] == 0)) {
          out.add(SlaTransition.withdrawn(ticket, c, at));
        }
      }
    }
    reported.clear();
    reported.putAll(seen);
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

  /**
   * Whether a reported cycle may have a key (a call's cycle: its id starts with one of {@code
   * keyedPrefixes}, from {@link #keyedPrefixes}): see {@link #keys}.
   */
  boolean reportsKeyed(String[] keyedPrefixes) {
    for (String id : reported.keySet()) {
      for (String prefix : keyedPrefixes) {
        if (id.startsWith(prefix)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The id prefixes of the cycles of {@code set} that carry a call's key: the built-in answer
   * time's and each {@link MetricDefinition.Cycles#PER_CALL} definition's. (Earlier builds looked
   * at the answer time only, so a late call renumbering a per-call definition's cycles restated
   * none of them on a ticket without an answer-time cycle reported.)
   */
  static String[] keyedPrefixes(dev.servicekit.sla.SlaPolicySet set) {
    List<String> prefixes = new ArrayList<>();
    prefixes.add(SlaMetric.answerTime() + "#");
    for (MetricDefinition d : set.metrics().values()) {
      if (d.cycles() == MetricDefinition.Cycles.PER_CALL) {
        prefixes.add(d.metric() + "#");
      }
    }
    return prefixes.toArray(new String[0]);
  }

  /**
   * Stores the cycle's state ordinal, warning percent, escalation level and deadline in {@code r}.
   */
  private static int[] record(int[] r, MetricCycle c) {
    r[0] = c.state().ordinal();
    r[1] = c.warningPercent();
    r[2] = SlaTransition.level(c.escalation());
    setDeadline(r, c.deadline());
    return r;
  }

  /** The ints kept per cycle: state, warning, escalation level, deadline (four). */
  private static final int FIELDS = 7;

  /** {@code r[3]}: the cycle has no deadline. */
  private static final int NONE = 0;

  /** {@code r[3]}: the deadline is {@code r[4..6]} (epoch second's high and low int, nano). */
  private static final int PRESENT = 1;

  /** {@code r[3]}: the deadline is unknown (state of an earlier build): any deadline matches. */
  private static final int UNKNOWN = 2;

  /** Keeps deadline {@code d} in {@code r[3..6]}. */
  private static void setDeadline(int[] r, Optional<Instant> d) {
    if (d.isEmpty()) {
      r[3] = NONE;
      r[4] = 0;
      r[5] = 0;
      r[6] = 0;
    } else {
      long second = d.get().getEpochSecond();
      r[3] = PRESENT;
      r[4] = (int) (second >>> 32);
      r[5] = (int) second;
      r[6] = d.get().getNano();
    }
  }

  /** Whether {@code r} keeps {@code c}'s deadline (an unknown one keeps any). */
  private static boolean sameDeadline(int[] r, MetricCycle c) {
    Optional<Instant> d = c.deadline();
    if (r[3] == UNKNOWN) {
      return true;
    }
    if (d.isEmpty()) {
      return r[3] == NONE;
    }
    Instant t = d.get();
    return r[3] == PRESENT && seconds(r) == t.getEpochSecond() && r[6] == t.getNano();
  }

  private static long seconds(int[] r) {
    return ((long) r[4] << 32) | (r[5] & 0xFFFFFFFFL);
  }

  /** The deadline {@code r} keeps, or {@code c}'s if unknown (so that it is not reported moved). */
  private static Optional<Instant> deadline(int[] r, MetricCycle c) {
    if (r[3] == UNKNOWN) {
      return c.deadline();
    }
    return r[3] == NONE ? Optional.empty() : Optional.of(Instant.ofEpochSecond(seconds(r), r[6]));
  }

  /** A cycle's key in {@link #reported}: "metric#cycle". */
  static String key(MetricCycle c) {
    return c.id();
  }

  /** Whether {@code key} is {@link #key}{@code (c)}, without building it. */
  static boolean isKeyOf(String key, MetricCycle c) {
    return c.hasId(key);
  }

  /** The timer this state indexes: the next transition, else the release deadline, or null. */
  Instant timer() {
    return due != null ? due : release;
  }

  /** The marker value of a ticket released at {@code at}. */
  static byte[] releasedMarker(Instant at) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(13);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(RELEASED_MARKER);
      out.writeLong(at.getEpochSecond());
      out.writeInt(at.getNano());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The stored value: the layout {@link DataOutputStream} writes (big-endian numbers, each key in
   * its {@code writeUTF} form: a two-byte length, then modified UTF-8), written straight into an
   * array of exactly its size, so the snapshot is copied once.
   */
  byte[] toBytes() {
    int n = reported.size();
    int[] keyBytes = new int[n];
    long size = 1 + instantSize(maxAt) + instantSize(due) + 4 + 4 + (long) snapshot.length;
    if (release != null) {
      size += instantSize(release);
    }
    int k = 0;
    for (String key : reported.keySet()) {
      int u = utfLength(key);
      if (u > 65535) { // as writeUTF refuses it
        throw new UncheckedIOException(
            new UTFDataFormatException("encoded string too long: " + u + " bytes"));
      }
      keyBytes[k++] = u;
      size += 2 + u + 1 + 2 + 4 + 1 + 8 + 4;
    }
    byte[] b = new byte[Math.toIntExact(size)];
    int p = 0;
    b[p++] = (byte) (release == null ? VERSION : VERSION_WITH_RELEASE);
    p = putInstant(b, p, maxAt);
    p = putInstant(b, p, due);
    if (release != null) {
      p = putInstant(b, p, release);
    }
    p = putInt(b, p, n);
    k = 0;
    for (Map.Entry<String, int[]> e : reported.entrySet()) {
      p = putUtf(b, p, e.getKey(), keyBytes[k++]);
      int[] v = e.getValue();
      b[p++] = (byte) v[0];
      b[p++] = (byte) (v[1] >>> 8);
      b[p++] = (byte) v[1];
      p = putInt(b, p, v[2]);
      boolean due = v[3] == PRESENT;
      b[p++] = (byte) v[3];
      p = putInt(b, p, due ? v[4] : 0);
      p = putInt(b, p, due ? v[5] : 0);
      p = putInt(b, p, due ? v[6] : 0);
    }
    p = putInt(b, p, snapshot.length);
    System.arraycopy(snapshot, 0, b, p, snapshot.length);
    return b;
  }

  private static int instantSize(Instant t) {
    return t == null ? 1 : 1 + 8 + 4;
  }

  /**
   * An instant or null into {@code b} at {@code p} (a boolean, then the seconds as a long and the
   * nanoseconds as an int); returns the position after it.
   */
  private static int putInstant(byte[] b, int p, Instant t) {
    b[p++] = (byte) (t != null ? 1 : 0);
    if (t != null) {
      long s = t.getEpochSecond();
      p = putInt(b, p, (int) (s >>> 32));
      p = putInt(b, p, (int) s);
      p = putInt(b, p, t.getNano());
    }
    return p;
  }

  private static int putInt(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 24);
    b[p + 1] = (byte) (v >>> 16);
    b[p + 2] = (byte) (v >>> 8);
    b[p + 3] = (byte) v;
    return p + 4;
  }

  /** The length of {@code s} in modified UTF-8 ({@link DataOutputStream#writeUTF}). */
  private static int utfLength(String s) {
    int u = s.length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || c == 0) {
        u += c >= 0x800 ? 2 : 1;
      }
    }
    return u;
  }

  /**
   * {@code writeUTF(s)}, whose modified UTF-8 takes {@code u} bytes; returns the position after.
   */
  private static int putUtf(byte[] b, int p, String s, int u) {
    b[p++] = (byte) (u >>> 8);
    b[p++] = (byte) u;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x01 && c < 0x80) {
        b[p++] = (byte) c;
      } else if (c >= 0x800) {
        b[p++] = (byte) (0xE0 | ((c >> 12) & 0x0F));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else {
        b[p++] = (byte) (0xC0 | ((c >> 6) & 0x1F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return p;
  }

  /**
   * The clock snapshot ({@code SlaClockSnapshot} bytes) a clock-store value holds, or null for a
   * released ticket's marker.
   *
   * @param b a value of the clock store
   * @return the snapshot bytes, or null
   * @throws IllegalArgumentException if the bytes are not a clock-store value
   */
  public static byte[] snapshotOf(byte[] b) {
    ClockState s = fromBytes(b);
    return s.released != null ? null : s.snapshot;
  }

  /**
   * Reads a clock-store value strictly: what {@link #toBytes()} or {@link #releasedMarker} wrote,
   * and nothing else. A value that is not one (a corrupted changelog record, bytes handed to {@code
   * SlaClockTopology.clockOf}) is refused with an {@link IllegalArgumentException} naming the
   * field: an instant out of {@link Instant}'s range or with nanos outside a second, a negative
   * cycle count, a repeated cycle id, bytes after the snapshot or the marker. Earlier builds threw
   * {@code DateTimeException} or {@code ArithmeticException} for the first, and took the others as
   * some other state.
   */
  static ClockState fromBytes(byte[] b) {
    ClockState s = new ClockState();
    ByteArrayInputStream bytes = new ByteArrayInputStream(b);
    try (DataInputStream in = new DataInputStream(bytes)) {
      int v = in.readUnsignedByte();
      if (v == RELEASED_MARKER) {
        s.released = instant(in, "released");
        requireEnd(bytes, "the released marker");
        return s;
      }
      if (v < 1 || v > VERSION_WITH_RELEASE) {
        throw new IllegalArgumentException(
            "clock state version must be 1 to "
                + VERSION_WITH_RELEASE
                + " or the released marker "
                + RELEASED_MARKER
                + ", was "
                + v);
      }
      s.maxAt = readInstant(in, "maxAt");
      s.due = readInstant(in, "due");
      if (v == VERSION_WITH_RELEASE || v == VERSION_2_WITH_RELEASE) {
        s.release = readInstant(in, "release");
        if (s.release == null) {
          throw new IllegalArgumentException(
              "clock state version " + v + " without a release deadline");
        }
      }
      boolean deadlines = v >= VERSION;
      int n = in.readInt();
      if (n < 0) {
        // no upper bound needed: a count the bytes do not hold ends in EOF, read cycle by cycle
        throw new IllegalArgumentException("clock state: cycle count must be 0 or more, was " + n);
      }
      int states = CycleState.values().length;
      for (int i = 0; i < n; i++) {
        String id;
        try {
          id = in.readUTF();
        } catch (UTFDataFormatException e) {
          throw new IllegalArgumentException(
              "clock state: cycle " + i + " id is not modified UTF-8", e);
        }
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
        int[] r = {state, warning, escalation, UNKNOWN, 0, 0, 0};
        if (deadlines) {
          int present = in.readUnsignedByte();
          long seconds = in.readLong();
          int nanos = in.readInt();
          if (present > UNKNOWN || (present != PRESENT && (seconds != 0 || nanos != 0))) {
            throw new IllegalArgumentException(
                "clock state: cycle "
                    + i
                    + " deadline must be absent (0 and zeros), present (1) or unknown (2 and"
                    + " zeros), was "
                    + present
                    + " "
                    + seconds
                    + " s "
                    + nanos
                    + " ns");
          }
          if (present == PRESENT) {
            setDeadline(r, Optional.of(instant(seconds, nanos, "cycle " + i + " deadline")));
          } else {
            r[3] = present;
          }
        }
        if (s.reported.putIfAbsent(id, r) != null) {
          throw new IllegalArgumentException(
              "clock state: cycle "
                  + i
                  + " id "
                  + Quoted.excerpt(id)
                  + " repeats an earlier cycle's");
        }
      }
      int len = in.readInt();
      if (len < 0 || len > b.length) {
        throw new IllegalArgumentException("clock state: snapshot length " + len + " out of range");
      }
      s.snapshot = in.readNBytes(len);
      if (s.snapshot.length != len) {
        throw new IllegalArgumentException("clock state: truncated snapshot");
      }
      requireEnd(bytes, "the snapshot");
    } catch (IOException e) {
      throw new IllegalArgumentException("clock state is truncated (" + b.length + " bytes)", e);
    }
    return s;
  }

  private static void requireEnd(ByteArrayInputStream bytes, String last) {
    if (bytes.available() > 0) {
      throw new IllegalArgumentException(
          "clock state has " + bytes.available() + " bytes after " + last);
    }
  }

  private static Instant readInstant(DataInputStream in, String field) throws IOException {
    return in.readBoolean() ? instant(in, field) : null;
  }

  /** An instant as written (seconds, then nanos of the second), refused by name if out of range. */
  private static Instant instant(DataInputStream in, String field) throws IOException {
    return instant(in.readLong(), in.readInt(), field);
  }

  /** Seconds and nanos as an instant, refused by name if out of range. */
  private static Instant instant(long seconds, int nanos, String field) {
    if (nanos < 0
        || nanos > 999_999_999
        || seconds < Instant.MIN.getEpochSecond()
        || seconds > Instant.MAX.getEpochSecond()) {
      throw new IllegalArgumentException(
          "clock state: "
              + field
              + " must be an Instant (epoch seconds in ["
              + Instant.MIN.getEpochSecond()
              + ", "
              + Instant.MAX.getEpochSecond()
              + "], nanos in [0, 999999999]), was "
              + seconds
              + " s "
              + nanos
              + " ns");
    }
    return Instant.ofEpochSecond(seconds, nanos);
  }
}
