package dev.servicekit.integrations.flink.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.servicekit.integrations.flink.KpiWindow;
import dev.servicekit.integrations.flink.RevisedObservation;
import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.KpiAccumulator;
import dev.servicekit.kpi.KpiSnapshots;
import dev.servicekit.kpi.NpsAccumulator;
import dev.servicekit.kpi.PercentileAccumulator;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.EventCorrection;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketEventJson;
import dev.servicekit.sla.TicketInput;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Every serializer and serializer snapshot of the module under hostile input, and the outcomes
 * allowed: a value that survives a write and read unchanged, or a rejection that is an {@link
 * IOException} (Flink's declared exception: framing, lengths, ranges, truncation) or an {@link
 * IllegalArgumentException} (the cores' validation), with a message of one line of at most {@value
 * #MAX_MESSAGE} chars. Anything else (a runtime exception of the JDK, an error) fails. Used by
 * {@link SerializersHostileInputProperties} (jqwik, every build) and {@link SerializersFuzzTest}
 * (Jazzer).
 */
final class HostileSerializers {

  static final int MAX_MESSAGE = 500;

  static final Instant AT = Instant.parse("2026-03-02T10:15:30.123456789Z");

  private static final HexFormat HEX = HexFormat.of();

  private HostileSerializers() {}

  /**
   * A serializer, valid values of its type, and what two values must share to be equal.
   *
   * @param name the subject, for messages
   * @param serializer the serializer under test
   * @param values valid values (the last may be long: over one {@link Strings#CHUNK})
   * @param comparable a form of a value with a value-based {@code equals}
   * @param snapshotBlob the length of the checksummed snapshot at the end of a serialized value
   *     (KPI accumulators and windows), else {@code null}
   */
  record Subject<T>(
      String name,
      TypeSerializer<T> serializer,
      List<T> values,
      Function<T, Object> comparable,
      Function<T, Integer> snapshotBlob) {

    byte[] write(T value) {
      try {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        return out.getCopyOfBuffer();
      } catch (IOException e) {
        throw new AssertionError(name + ": a valid value does not serialize", e);
      }
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * A serializer snapshot and the current serializer of its type.
   *
   * @param name the subject, for messages
   * @param fresh a new snapshot, as Flink makes one on restore (no-argument constructor)
   * @param current the serializer of the current format
   */
  record SnapshotSubject<T>(
      String name, Supplier<TypeSerializerSnapshot<T>> fresh, TypeSerializer<T> current) {

    /** The payload the current serializer's snapshot writes (after Flink's framing). */
    byte[] payload() {
      try {
        DataOutputSerializer out = new DataOutputSerializer(64);
        current.snapshotConfiguration().writeSnapshot(out);
        return out.getCopyOfBuffer();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }

    int version() {
      return current.snapshotConfiguration().getCurrentVersion();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<TicketEvent> events() {
    return List.of(
        TicketEvent.Created.byCustomer("T-1", "e1", AT),
        TicketEvent.AgentReply.publicReply("T-1", "r1", AT.plusSeconds(60)),
        new TicketEvent.StatusChanged("T-\u00e9", "s1", AT, "pending"),
        new TicketEvent.CustomerMessage("T-3", "m1", Instant.EPOCH),
        new TicketEvent.Created("T-4", "c-4", AT, Map.of("tier", "gold \uD83D\uDE00"), Set.of()));
  }

  /** Events and corrections, for the input serializer. */
  static List<TicketInput> inputs() {
    List<TicketInput> out = new ArrayList<>(events());
    out.add(EventCorrection.retract("T-1", "e1"));
    out.add(EventCorrection.retract("T-\u00e9\uD83D\uDE00", "r \u00e9"));
    out.add(EventCorrection.replace(new TicketEvent.StatusChanged("T-1", "s1", AT, "open")));
    return out;
  }

  static List<SlaTransition> transitions(boolean legacy) {
    List<SlaTransition> out = new ArrayList<>(LegacyFormat.transitions());
    out.add(
        new SlaTransition(
            "T-\u00e9\uD83D\uDE00",
            SlaMetric.stage("analysis"),
            0,
            "k \u00e9\uD83D\uDE00", // a key: NUL and other controls are refused since the key rule
            SlaTransition.Kind.WARNING,
            BusinessCalendar.SUPPORTED_END.minusNanos(1), // the last instant a transition may have
            80));
    if (!legacy) {
      out.add(
          new SlaTransition(
              "T-" + "x".repeat(TicketEvent.MAX_ID_CHARS - 2), // the longest ticket id
              SlaMetric.custom("answer"),
              3,
              "\u20ac".repeat(64), // the longest key (the key rule: at most 64 chars)
              SlaTransition.Kind.CANCELLED,
              BusinessCalendar.SUPPORTED_START,
              0));
      out.add(
          new SlaTransition(
              "T-5",
              SlaMetric.firstResponse(),
              1,
              "",
              SlaTransition.Kind.ESCALATED,
              AT,
              90,
              java.util.Optional.of(dev.servicekit.sla.EscalationLevel.of(2, 150, "head"))));
      out.add(
          new SlaTransition(
              "T-5",
              SlaMetric.firstResponse(),
              1,
              "",
              SlaTransition.Kind.BREACHED,
              AT,
              90,
              java.util.Optional.of(dev.servicekit.sla.EscalationLevel.of(1, 100, "duty lead"))));
    }
    return out;
  }

  static List<RevisedObservation> observations(boolean legacy) {
    List<RevisedObservation> out = new ArrayList<>(LegacyFormat.observations());
    if (!legacy) {
      out.add(
          new RevisedObservation(
              "g".repeat(Strings.CHUNK), "\uD800".repeat(Strings.CHUNK + 1), 1, -1, AT));
    }
    return out;
  }

  static DurationAccumulator duration(long... millis) {
    DurationAccumulator a = DurationAccumulator.create();
    for (long m : millis) {
      a.addMillis(m);
    }
    return a;
  }

  static List<KpiWindow<DurationAccumulator>> windows(boolean legacy) {
    List<KpiWindow<DurationAccumulator>> out = new ArrayList<>();
    out.add(LegacyFormat.window("team-a"));
    out.add(new KpiWindow<>("", Instant.MIN, Instant.MAX, duration(), 0));
    if (!legacy) {
      out.add(
          new KpiWindow<>(
              "\u00e9".repeat(Strings.CHUNK * 2), AT, AT.plusNanos(1), duration(1, 2, 3), 7));
    }
    return out;
  }

  private static String hex(KpiAccumulator<?, ?> a) {
    return HEX.formatHex(KpiSnapshots.toBytes(a));
  }

  private static <A extends KpiAccumulator<?, ?>> Subject<A> accumulator(
      Class<A> type, List<A> values) {
    return new Subject<>(
        type.getSimpleName(),
        new KpiAccumulatorSerializer<>(type),
        values,
        HostileSerializers::hex,
        a -> KpiSnapshots.toBytes(a).length);
  }

  private static Subject<KpiWindow<DurationAccumulator>> window(boolean legacy) {
    return new Subject<>(
        legacy ? "KpiWindow (legacy)" : "KpiWindow",
        new KpiWindowSerializer<>(DurationAccumulator.class, legacy),
        windows(legacy),
        w -> List.of(w.group(), w.start(), w.end(), w.stale(), hex(w.accumulator())),
        w -> KpiSnapshots.toBytes(w.accumulator()).length);
  }

  /** Every serializer of the module, in every format it reads. */
  static List<Subject<?>> subjects() {
    RatingAccumulator rating = RatingAccumulator.create(RatingScale.csatFivePoint());
    rating.add(4);
    rating.add(5);
    PercentileAccumulator percentiles = PercentileAccumulator.create();
    for (long m = 1; m < 5_000_000; m *= 3) {
      percentiles.addMillis(m);
    }
    NpsAccumulator nps = NpsAccumulator.create();
    nps.add(9);
    nps.add(3);
    return List.of(
        new Subject<>(
            "TicketEvent",
            TicketEventSerializer.INSTANCE,
            events(),
            TicketEventJson::write,
            e -> null),
        new Subject<>(
            "TicketInput",
            TicketInputSerializer.INSTANCE,
            inputs(),
            i ->
                i instanceof TicketEvent e
                    ? TicketEventJson.write(e)
                    : TicketEventJson.write((EventCorrection) i),
            i -> null),
        new Subject<>(
            "SlaTransition",
            SlaTransitionSerializer.INSTANCE,
            transitions(false),
            t -> t,
            t -> null),
        new Subject<>(
            "SlaTransition (legacy)",
            SlaTransitionSerializer.LEGACY,
            transitions(true),
            t -> t,
            t -> null),
        new Subject<>(
            "SlaTransition (no escalation)",
            SlaTransitionSerializer.NO_ESCALATION,
            transitions(true),
            t -> t,
            t -> null),
        new Subject<>(
            "RevisedObservation",
            RevisedObservationSerializer.INSTANCE,
            observations(false),
            o -> o,
            o -> null),
        new Subject<>(
            "RevisedObservation (legacy)",
            RevisedObservationSerializer.LEGACY,
            observations(true),
            o -> o,
            o -> null),
        accumulator(DurationAccumulator.class, List.of(duration(), duration(1_500, 90_000))),
        accumulator(RatingAccumulator.class, List.of(rating)),
        accumulator(PercentileAccumulator.class, List.of(percentiles)),
        accumulator(NpsAccumulator.class, List.of(nps)),
        window(false),
        window(true));
  }

  /** Every serializer snapshot of the module. */
  static List<SnapshotSubject<?>> snapshots() {
    return List.of(
        new SnapshotSubject<>(
            "TicketEventSerializer.Snapshot",
            TicketEventSerializer.Snapshot::new,
            TicketEventSerializer.INSTANCE),
        new SnapshotSubject<>(
            "SlaTransitionSerializer.Snapshot",
            SlaTransitionSerializer.Snapshot::new,
            SlaTransitionSerializer.INSTANCE),
        new SnapshotSubject<>(
            "RevisedObservationSerializer.Snapshot",
            RevisedObservationSerializer.Snapshot::new,
            RevisedObservationSerializer.INSTANCE),
        new SnapshotSubject<>(
            "KpiAccumulatorSerializer.Snapshot",
            KpiAccumulatorSerializer.Snapshot::new,
            new KpiAccumulatorSerializer<>(DurationAccumulator.class)),
        new SnapshotSubject<>(
            "KpiWindowSerializer.Snapshot",
            KpiWindowSerializer.Snapshot::new,
            new KpiWindowSerializer<>(DurationAccumulator.class)),
        new SnapshotSubject<>(
            "TicketInputSerializer.Snapshot",
            TicketInputSerializer.Snapshot::new,
            TicketInputSerializer.INSTANCE));
  }

  /**
   * One cycle of {@link Reported} state, as written: its id, state ordinal, warning percent and
   * escalation level (version 3 only).
   *
   * @param id the cycle id ({@code metric#cycle})
   * @param state the ordinal of its {@link dev.servicekit.sla.CycleState}
   * @param warning its warning percent
   * @param escalation its escalation level, 0 for none
   */
  record ReportedCycle(String id, int state, int warning, int escalation, Instant deadline) {
    ReportedCycle(String id, int state, int warning, int escalation) {
      this(id, state, warning, escalation, null);
    }

    ReportedCycle(String id, int state, int warning) {
      this(id, state, warning, 0);
    }
  }

  /**
   * Reported state in the layout of {@link Reported#toBytes()} (version 4: ids as {@link Strings},
   * escalation levels, deadlines) or of earlier builds (version 3: no deadline; version 2: no
   * escalation either; version 1: also {@code writeUTF} ids), written here from its description so
   * that a test can also write what the writer never does (a repeated id, a state out of range).
   */
  static byte[] reportedBytes(int version, List<ReportedCycle> cycles) {
    DataOutputSerializer out = new DataOutputSerializer(64);
    try {
      out.writeByte(version);
      out.writeInt(cycles.size());
      for (ReportedCycle c : cycles) {
        if (version == 1) {
          out.writeUTF(c.id());
        } else {
          Strings.write(c.id(), out);
        }
        out.writeByte(c.state());
        out.writeShort(c.warning());
        if (version >= 3) {
          out.writeInt(c.escalation());
        }
        if (version >= 4) {
          out.writeByte(c.deadline() == null ? 0 : 1);
          out.writeLong(c.deadline() == null ? 0 : c.deadline().getEpochSecond());
          out.writeInt(c.deadline() == null ? 0 : c.deadline().getNano());
        }
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.getCopyOfBuffer();
  }

  /** Valid reported state: none, one cycle, several, an id over one chunk, the old version. */
  static List<byte[]> reportedStates() {
    List<ReportedCycle> several =
        List.of(
            new ReportedCycle("first_response#0", 0, 0),
            new ReportedCycle("resolution#0", 1, 50),
            new ReportedCycle("custom:\u00e9\u0000#3", 4, 0xFFFF),
            new ReportedCycle(
                "stage:analysis#12", 3, 100, 2, Instant.parse("2026-03-02T10:00:00.5Z")));
    return List.of(
        reportedBytes(4, List.of()),
        reportedBytes(
            4,
            List.of(
                new ReportedCycle(
                    "first_response#0", 2, 75, 1, Instant.parse("2026-03-02T09:00:00Z")))),
        reportedBytes(4, several),
        reportedBytes(4, List.of(new ReportedCycle("custom:" + "x".repeat(Strings.CHUNK), 0, 0))),
        reportedBytes(3, several),
        reportedBytes(2, several),
        reportedBytes(1, several));
  }

  /**
   * Where a rejection of reported state says it stopped: the field ({@code "reported-state cycle 2
   * id"}), or the bytes after the last cycle.
   */
  private static final java.util.regex.Pattern REPORTED_FIELD =
      java.util.regex.Pattern.compile(
          "(input ends inside )?reported-state (version|count|cycle \\d+"
              + " (id|state|warning|escalation|deadline)"
              + "|has \\d+ bytes after its \\d+ cycles)");

  /**
   * Reads {@code data} as {@link Reported} state (kept by the SLA clock function in keyed state): a
   * rejection must be an {@link IllegalArgumentException} (the function's documented exception,
   * never an {@link IOException} or another exception) with a bounded one-line message naming the
   * field where reading stopped; a value must write and read back as the same bytes.
   *
   * @return the state read, or {@code null} if rejected
   */
  static Reported readReported(byte[] data) {
    Reported r;
    try {
      r = Reported.fromBytes(data);
    } catch (Throwable e) {
      if (!(e instanceof IllegalArgumentException)) {
        throw new AssertionError("reported state: not a documented rejection: " + e, e);
      }
      checkRejection("reported state", e);
      assertTrue(
          REPORTED_FIELD.matcher(e.getMessage()).lookingAt(),
          () -> "reported state: the rejection names no field: " + e.getMessage());
      return null;
    }
    byte[] again = r.toBytes();
    assertArrayEquals(again, Reported.fromBytes(again).toBytes(), "reported state: one form");
    return r;
  }

  /** Fails unless {@code e} is a documented rejection with a bounded, one-line message. */
  static void checkRejection(String subject, Throwable e) {
    if (!(e instanceof IOException) && !(e instanceof IllegalArgumentException)) {
      throw new AssertionError(subject + ": not a documented rejection: " + e, e);
    }
    String m = e.getMessage();
    assertTrue(m != null && !m.isBlank(), () -> subject + ": a rejection says why: " + e);
    assertTrue(
        m.length() <= MAX_MESSAGE,
        () -> subject + ": " + m.length() + " chars: " + m.substring(0, 200));
    assertFalse(
        m.contains("\n") || m.contains("\r"), () -> subject + ": one line: " + Strings.excerpt(m));
  }

  /**
   * Reads {@code data} with the subject's serializer, both by {@code deserialize} and by {@code
   * copy}: a rejection must be documented; a value must survive a write and read unchanged, and the
   * copy must read as the same value.
   *
   * @return the value read, or {@code null} if rejected
   */
  static <T> T read(Subject<T> s, byte[] data) {
    T value;
    try {
      value = s.serializer().deserialize(new DataInputDeserializer(data));
    } catch (Throwable e) {
      checkRejection(s.name(), e);
      value = null;
    }
    DataOutputSerializer copied = new DataOutputSerializer(data.length + 16);
    boolean copiedOk;
    try {
      s.serializer().copy(new DataInputDeserializer(data), copied);
      copiedOk = true;
    } catch (Throwable e) {
      checkRejection(s.name() + " copy", e);
      copiedOk = false;
    }
    if (value == null) {
      return null;
    }
    checkInvariants(s.name(), value);
    assertNotNull(s.comparable().apply(value));
    byte[] again = s.write(value);
    T reread = readValid(s, again);
    assertEquals(s.comparable().apply(value), s.comparable().apply(reread), s.name());
    assertArrayEquals(again, s.write(reread), s.name() + ": one form");
    assertTrue(copiedOk, s.name() + ": what deserializes also copies");
    assertEquals(
        s.comparable().apply(value),
        s.comparable().apply(readValid(s, copied.getCopyOfBuffer())),
        s.name() + ": the copy reads as the value");
    return value;
  }

  /**
   * Fails if a value read breaks a rule its public constructor enforces (a window that does not end
   * after it starts, a negative stale count): decoding must go through the same rules.
   */
  static void checkInvariants(String subject, Object value) {
    if (value instanceof KpiWindow<?> w) {
      assertTrue(
          w.end().isAfter(w.start()),
          () -> subject + ": read a window ending before it starts: " + w);
      assertTrue(w.stale() >= 0, () -> subject + ": read a negative stale count: " + w);
    }
  }

  private static <T> T readValid(Subject<T> s, byte[] b) {
    try {
      return s.serializer().deserialize(new DataInputDeserializer(b));
    } catch (IOException | RuntimeException e) {
      throw new AssertionError(s.name() + ": a written value does not read back", e);
    }
  }

  /**
   * Reads {@code payload} as a snapshot of {@code version}: a rejection must be documented and
   * leave the snapshot as it was; a snapshot read must restore a serializer and resolve its
   * compatibility with the current one without failing; a restored serializer equal to the current
   * one reads the current format.
   *
   * @return whether the snapshot was read
   */
  static <T> boolean readSnapshot(SnapshotSubject<T> s, int version, byte[] payload) {
    TypeSerializerSnapshot<T> snapshot = s.fresh().get();
    Object before = state(snapshot);
    try {
      snapshot.readSnapshot(
          version, new DataInputDeserializer(payload), HostileSerializers.class.getClassLoader());
    } catch (Throwable e) {
      checkRejection(s.name(), e);
      assertEquals(before, state(snapshot), s.name() + ": a failed read changes nothing");
      return false;
    }
    TypeSerializer<T> restored = snapshot.restoreSerializer();
    assertNotNull(restored, s.name());
    TypeSerializerSchemaCompatibility<T> c =
        s.current().snapshotConfiguration().resolveSchemaCompatibility(snapshot);
    assertNotNull(c, s.name());
    if (restored.equals(s.current())) {
      assertTrue(c.isCompatibleAsIs(), s.name() + ": " + c);
    }
    return true;
  }

  /** What a failed {@code readSnapshot} must leave unchanged. */
  private static Object state(TypeSerializerSnapshot<?> snapshot) {
    return snapshot instanceof AccumulatorClassSnapshot<?, ?> a
        ? List.of(a.getCurrentVersion(), String.valueOf(a.type()))
        : List.of(snapshot.getCurrentVersion());
  }

  /**
   * {@code b} with the checksummed snapshot in its last {@code blob} bytes resealed (its CRC32C
   * recomputed), so a change inside it reaches the core's field validation instead of its checksum.
   */
  static byte[] resealTail(byte[] b, int blob) {
    byte[] out = b.clone();
    int from = out.length - blob;
    if (blob < 4 || from < 0) {
      return out;
    }
    CRC32C crc = new CRC32C();
    crc.update(out, from, blob - 4);
    int c = (int) crc.getValue();
    for (int i = 0; i < 4; i++) {
      out[out.length - 4 + i] = (byte) (c >>> (24 - 8 * i));
    }
    return out;
  }

  /**
   * {@code b} with the accumulator snapshot at its end resealed, if {@code b} is a KPI accumulator
   * or window record whose snapshot length matches the rest of it; else {@code b}. So fuzzed bytes
   * reach the snapshot's fields instead of stopping at its checksum.
   */
  static byte[] resealed(Subject<?> s, byte[] b) {
    DataInputDeserializer in = new DataInputDeserializer(b);
    try {
      if (s.serializer() instanceof KpiWindowSerializer<?>) {
        if (s.name().contains("legacy")) {
          in.readUTF();
        } else {
          Strings.read(in, "group");
        }
        in.skipBytesToRead(28); // start, end, stale
      } else if (!(s.serializer() instanceof KpiAccumulatorSerializer<?>)) {
        return b;
      }
      int n = in.readInt();
      return n == in.available() ? resealTail(b, n) : b;
    } catch (IOException | RuntimeException e) {
      return b;
    }
  }

  /** Fails with the subject's name if {@code r} does not throw a documented rejection. */
  static Throwable rejected(String subject, ThrowingRunnable r) {
    try {
      r.run();
    } catch (Throwable e) {
      checkRejection(subject, e);
      return e;
    }
    return fail(subject + ": accepted");
  }

  /** A call that may throw anything. */
  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
