package dev.servicekit.integrations.flink.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.integrations.flink.Backend;
import dev.servicekit.integrations.flink.KpiWindow;
import dev.servicekit.integrations.flink.RevisedObservation;
import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Values and keyed state written by servicekit before strings of any length (the fixtures in {@code
 * src/test/resources/legacy-format} were written by that code, at commit f8af1d1) still restore:
 * each old serializer snapshot gives a serializer that reads the old bytes, the new serializer is
 * compatible after migration, and keyed state restored from an old savepoint is migrated to the new
 * format.
 */
class LegacyFormatTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final Properties FIXTURES = new Properties();

  static {
    try (InputStream in =
        LegacyFormatTest.class.getResourceAsStream("/legacy-format/records.properties")) {
      FIXTURES.load(in);
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static byte[] fixture(String name) {
    return HEX.parseHex(FIXTURES.getProperty(name));
  }

  private static <T> byte[] write(TypeSerializer<T> s, T value) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    s.serialize(value, out);
    return out.getCopyOfBuffer();
  }

  private static <T> T read(TypeSerializer<T> s, byte[] b) throws IOException {
    DataInputDeserializer in = new DataInputDeserializer(b);
    T value = s.deserialize(in);
    assertEquals(0, in.available(), "every byte read");
    return value;
  }

  private static <T> TypeSerializerSnapshot<T> snapshot(byte[] b) throws IOException {
    return TypeSerializerSnapshot.readVersionedSnapshot(
        new DataInputDeserializer(b), LegacyFormatTest.class.getClassLoader());
  }

  private static <T> byte[] snapshotBytes(TypeSerializer<T> s) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, s.snapshotConfiguration());
    return out.getCopyOfBuffer();
  }

  /**
   * The old snapshot restores a serializer that reads every old record as the value it was written
   * from; the current serializer is compatible after migration; the kept old code path writes the
   * same bytes as the old code; the current format differs, and its own snapshot is compatible as
   * is.
   */
  private static <T, C> void assertOldRecordsRestore(
      String name,
      TypeSerializer<T> current,
      TypeSerializer<T> legacy,
      List<T> values,
      Function<T, C> comparable)
      throws IOException {
    TypeSerializerSnapshot<T> old = snapshot(fixture("snapshot." + name));
    TypeSerializerSchemaCompatibility<T> compatibility =
        current.snapshotConfiguration().resolveSchemaCompatibility(old);
    assertTrue(compatibility.isCompatibleAfterMigration(), compatibility.toString());
    TypeSerializer<T> restored = old.restoreSerializer();
    assertEquals(legacy, restored);
    for (int i = 0; i < values.size(); i++) {
      byte[] oldBytes = fixture(name + "." + i);
      T value = values.get(i);
      assertEquals(comparable.apply(value), comparable.apply(read(restored, oldBytes)), name + i);
      assertArrayEquals(oldBytes, write(legacy, value), "the old code path writes the old bytes");
      byte[] newBytes = write(current, value);
      assertFalse(java.util.Arrays.equals(oldBytes, newBytes), "the format changed");
      assertEquals(comparable.apply(value), comparable.apply(read(current, newBytes)));
    }
    TypeSerializerSnapshot<T> fresh = snapshot(snapshotBytes(current));
    assertTrue(
        current.snapshotConfiguration().resolveSchemaCompatibility(fresh).isCompatibleAsIs());
    assertEquals(current, fresh.restoreSerializer());
    // the old serializer's own snapshot says the old format, so it restores as itself
    assertEquals(legacy, snapshot(snapshotBytes(legacy)).restoreSerializer());
  }

  @Test
  void revisedObservationsOfTheOldFormatStillRestore() throws IOException {
    assertOldRecordsRestore(
        "revised-observation",
        RevisedObservationSerializer.INSTANCE,
        RevisedObservationSerializer.LEGACY,
        LegacyFormat.observations(),
        o -> o);
  }

  @Test
  void slaTransitionsOfTheOldFormatStillRestore() throws IOException {
    assertOldRecordsRestore(
        "sla-transition",
        SlaTransitionSerializer.INSTANCE,
        SlaTransitionSerializer.LEGACY,
        LegacyFormat.transitions(),
        t -> t);
  }

  /**
   * Transitions of the format before escalations (snapshot version 4, written here in its layout:
   * strings, cycle, kind byte, instant, warning) restore with no escalation; the current serializer
   * is compatible after migration, and writes the escalation.
   */
  @Test
  void slaTransitionsOfFormatVersionFourStillRestoreWithNoEscalation() throws IOException {
    DataOutputSerializer snap = new DataOutputSerializer(64);
    snap.writeUTF(SlaTransitionSerializer.Snapshot.class.getName());
    snap.writeInt(4);
    TypeSerializerSnapshot<SlaTransition> old = snapshot(snap.getCopyOfBuffer());
    assertTrue(
        SlaTransitionSerializer.INSTANCE
            .snapshotConfiguration()
            .resolveSchemaCompatibility(old)
            .isCompatibleAfterMigration());
    TypeSerializer<SlaTransition> restored = old.restoreSerializer();
    assertEquals(SlaTransitionSerializer.NO_ESCALATION, restored);
    DataOutputSerializer rec = new DataOutputSerializer(64);
    Strings.write("T-1", rec);
    Strings.write("first_response", rec);
    rec.writeInt(2);
    Strings.write("", rec);
    rec.writeByte(4); // BREACHED
    Fields.writeInstant(Instant.parse("2026-03-02T10:00:00Z"), rec);
    rec.writeInt(80);
    SlaTransition t =
        new SlaTransition(
            "T-1",
            dev.servicekit.sla.SlaMetric.firstResponse(),
            2,
            "",
            SlaTransition.Kind.BREACHED,
            Instant.parse("2026-03-02T10:00:00Z"),
            80,
            java.util.Optional.empty(),
            java.util.Optional.of(dev.servicekit.sla.CycleState.BREACHED)); // its kind's state
    assertEquals(t, read(restored, rec.getCopyOfBuffer()));
    assertArrayEquals(rec.getCopyOfBuffer(), write(restored, t));
    assertEquals(
        t, read(SlaTransitionSerializer.INSTANCE, write(SlaTransitionSerializer.INSTANCE, t)));
    // with no escalation, version 5 writes the bytes of version 4 (the kind byte's high bit clear)
    assertArrayEquals(rec.getCopyOfBuffer(), write(SlaTransitionSerializer.NO_STATE, t));
    // version 6 adds the state: bit 0x40 of the kind byte, and the state's byte (3: BREACHED) last
    byte[] stated = write(SlaTransitionSerializer.INSTANCE, t);
    byte[] v4 = rec.getCopyOfBuffer();
    assertEquals(v4.length + 1, stated.length);
    assertEquals(4 | 0x40, stated[(4 + 2 + 3) + (4 + 2 + 14) + 4 + 4]);
    assertEquals(3, stated[stated.length - 1]);
    stated[stated.length - 1] = 9;
    IOException bad =
        assertThrows(IOException.class, () -> read(SlaTransitionSerializer.INSTANCE, stated));
    assertEquals("SlaTransition.state must be below 5, was 9", bad.getMessage());
    // version 5 knows no state bit: a kind byte with it is refused
    stated[stated.length - 1] = 3;
    IOException old5 =
        assertThrows(IOException.class, () -> read(SlaTransitionSerializer.NO_STATE, stated));
    assertEquals("SlaTransition.kind must be below 8, was 68", old5.getMessage());
    // kind 7, ESCALATED, has no form in version 4
    byte[] escalated = rec.getCopyOfBuffer();
    escalated[(4 + 2 + 3) + (4 + 2 + 14) + 4 + 4] = 7; // after ticket, metric, cycle, key
    IOException e = assertThrows(IOException.class, () -> read(restored, escalated));
    assertEquals("SlaTransition.kind must be below 7, was 7", e.getMessage());
  }

  /**
   * Transitions of format version 6 (escalation and state, no deadline) restore with no deadline;
   * the current serializer (version 7) is compatible after migration, and writes the deadline (bit
   * 0x20 of the kind byte, then the instant) and DEADLINE_CHANGED (kind byte 8), which version 6
   * refuses.
   */
  @Test
  void slaTransitionsOfFormatVersionSixStillRestoreWithNoDeadline() throws IOException {
    DataOutputSerializer snap = new DataOutputSerializer(64);
    snap.writeUTF(SlaTransitionSerializer.Snapshot.class.getName());
    snap.writeInt(6);
    TypeSerializerSnapshot<SlaTransition> old = snapshot(snap.getCopyOfBuffer());
    assertTrue(
        SlaTransitionSerializer.INSTANCE
            .snapshotConfiguration()
            .resolveSchemaCompatibility(old)
            .isCompatibleAfterMigration());
    TypeSerializer<SlaTransition> restored = old.restoreSerializer();
    assertEquals(SlaTransitionSerializer.NO_DEADLINE, restored);
    Instant at = Instant.parse("2026-03-02T10:00:00Z");
    Instant due = Instant.parse("2026-03-02T11:00:00.25Z");
    SlaTransition withoutDeadline =
        new SlaTransition(
            "T-1",
            dev.servicekit.sla.SlaMetric.firstResponse(),
            2,
            "",
            SlaTransition.Kind.WARNING,
            at,
            80,
            java.util.Optional.empty(),
            java.util.Optional.of(dev.servicekit.sla.CycleState.ACTIVE));
    byte[] v6 = write(restored, withoutDeadline);
    assertEquals(withoutDeadline, read(restored, v6));
    // without a deadline, version 7 writes the bytes of version 6
    assertArrayEquals(v6, write(SlaTransitionSerializer.INSTANCE, withoutDeadline));
    SlaTransition moved =
        new SlaTransition(
            "T-1",
            dev.servicekit.sla.SlaMetric.firstResponse(),
            2,
            "",
            SlaTransition.Kind.DEADLINE_CHANGED,
            at,
            80,
            java.util.Optional.empty(),
            java.util.Optional.of(dev.servicekit.sla.CycleState.ACTIVE),
            java.util.Optional.of(due));
    byte[] v7 = write(SlaTransitionSerializer.INSTANCE, moved);
    assertEquals(moved, read(SlaTransitionSerializer.INSTANCE, v7));
    assertEquals(v6.length + 12, v7.length);
    int kind = (4 + 2 + 3) + (4 + 2 + 14) + 4 + 4; // after ticket, metric, cycle, key
    assertEquals(8 | 0x40 | 0x20, v7[kind]);
    // version 6 knows neither the deadline bit nor kind 8
    IOException e = assertThrows(IOException.class, () -> read(restored, v7));
    assertEquals("SlaTransition.kind must be below 8, was 40", e.getMessage());
    // a migration's write-back never uses version 6, which has no form for either
    assertThrows(IOException.class, () -> write(restored, moved));
    // a deadline out of Instant's range is refused naming it
    byte[] far = v7.clone();
    ByteBuffer.wrap(far).putLong(far.length - 12, Long.MAX_VALUE);
    IOException range =
        assertThrows(IOException.class, () -> read(SlaTransitionSerializer.INSTANCE, far));
    assertTrue(
        range.getMessage().startsWith("SlaTransition.deadline epoch second"), range.getMessage());
    // and one in Instant's range but past the supported range, where no clock's deadline lies
    byte[] year3000 = v7.clone();
    ByteBuffer.wrap(year3000)
        .putLong(year3000.length - 12, Instant.parse("3000-01-01T00:00:00Z").getEpochSecond());
    IllegalArgumentException past =
        assertThrows(
            IllegalArgumentException.class, () -> read(SlaTransitionSerializer.INSTANCE, year3000));
    assertTrue(
        past.getMessage()
            .startsWith(
                "SlaTransition in Flink state: deadline 3000-01-01T00:00:00.250Z is outside the"
                    + " supported range"),
        past.getMessage());
  }

  /**
   * A transition of the old format whose ticket id breaks the id rule (it holds a NUL; earlier
   * builds took any ticket id) is refused on restore with the constructor's message, which names
   * the field; it does not become another transition.
   */
  @Test
  void anOldTransitionWhoseTicketIdBreaksTheIdRuleIsRefused() throws IOException {
    TypeSerializer<SlaTransition> restored =
        LegacyFormatTest.<SlaTransition>snapshot(fixture("snapshot.sla-transition"))
            .restoreSerializer();
    byte[] old = fixture(LegacyFormat.REFUSED_TRANSITION);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> read(restored, old));
    assertTrue(
        e.getMessage()
            .startsWith(
                "SlaTransition in Flink state: ticketId 'T-\u00e9\\u0000' must not contain"
                    + " control characters or line or paragraph separators, found one at index 3;"
                    + " the id and key rules are newer than this format"),
        e.getMessage());
    assertTrue(e.getMessage().contains("CHANGELOG"), e.getMessage());
  }

  /**
   * A transition whose key breaks the key rule, as the builds before the constructor applied it
   * could write when a job built one in code (transitions made by servicekit carry call ids, which
   * always followed the rule): refused on restore in every format with the constructor's message,
   * which names the key and the rule, and the note on the rules; never read as another transition.
   * Written here in the layouts of snapshot versions 5 (the current one) and 3 ({@code writeUTF}).
   */
  @Test
  void aTransitionOfAnEarlierBuildWhoseKeyBreaksTheKeyRuleIsRefused() throws IOException {
    String bad = "call\n2026-12-06 ERROR forged";
    DataOutputSerializer current = new DataOutputSerializer(64);
    Strings.write("T-1", current);
    Strings.write("answer_time", current);
    current.writeInt(0);
    Strings.write(bad, current);
    current.writeByte(4); // BREACHED
    Fields.writeInstant(Instant.parse("2026-03-02T10:00:00Z"), current);
    current.writeInt(0);
    DataOutputSerializer legacy = new DataOutputSerializer(64);
    legacy.writeUTF("T-1");
    legacy.writeUTF("answer_time");
    legacy.writeInt(0);
    legacy.writeUTF(bad);
    legacy.writeByte(4);
    Fields.writeInstant(Instant.parse("2026-03-02T10:00:00Z"), legacy);
    legacy.writeInt(0);
    String expected =
        "SlaTransition in Flink state: key 'call\\u000a2026-12-06 ERROR forged' must not contain"
            + " whitespace other than single spaces, or control characters"
            + SlaTransitionSerializer.RULE_NOTE;
    for (var c :
        List.of(
            java.util.Map.entry(SlaTransitionSerializer.INSTANCE, current.getCopyOfBuffer()),
            java.util.Map.entry(SlaTransitionSerializer.NO_ESCALATION, current.getCopyOfBuffer()),
            java.util.Map.entry(SlaTransitionSerializer.LEGACY, legacy.getCopyOfBuffer()))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> read(c.getKey(), c.getValue()));
      assertEquals(expected, e.getMessage());
    }
  }

  /**
   * Keyed state of an earlier build holding a transition whose key breaks the key rule ({@code
   * keeper-state-free-key.snapshot}, written at f8af1d1 by a Keeper that kept the group {@code
   * "équipe \u0000 €"} as the key) is refused when the heap backend restores it, with the message
   * of the serializer, rather than restored as another transition or failing later.
   */
  @Test
  void keyedStateHoldingAKeyThatBreaksTheKeyRuleIsRefusedOnRestore() throws Exception {
    OperatorSubtaskState fixture =
        OperatorSnapshotUtil.readStateHandle(
            LegacyFormatTest.class
                .getResource("/legacy-format/keeper-state-free-key.snapshot")
                .getFile());
    Exception e =
        assertThrows(
            Exception.class,
            () -> restoreAndSend(Backend.HASHMAP, fixture, LegacyFormat.observations()));
    Throwable cause = e;
    while (cause != null
        && !(cause instanceof IllegalArgumentException
            && String.valueOf(cause.getMessage()).startsWith("SlaTransition in Flink state: "))) {
      cause = cause.getCause();
    }
    assertTrue(cause != null, () -> "no refusal of the key in " + stackOf(e));
    assertEquals(
        "SlaTransition in Flink state: key '\u00e9quipe \\u0000 \u20ac' must not contain whitespace"
            + " other than single spaces, or control characters"
            + SlaTransitionSerializer.RULE_NOTE,
        cause.getMessage());
  }

  private static String stackOf(Throwable t) {
    java.io.StringWriter w = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(w));
    return w.toString();
  }

  @Test
  void kpiWindowsOfTheOldFormatStillRestore() throws IOException {
    assertOldRecordsRestore(
        "kpi-window",
        new KpiWindowSerializer<>(DurationAccumulator.class),
        new KpiWindowSerializer<>(DurationAccumulator.class, true),
        List.of(LegacyFormat.window("team-a"), LegacyFormat.window("équipe \u0000 \uD83D\uDE00")),
        (KpiWindow<DurationAccumulator> w) ->
            List.of(w.group(), w.start(), w.end(), w.stale(), w.accumulator().result()));
    assertEquals(
        LegacyFormat.windowType().createSerializer(new SerializerConfigImpl()),
        new KpiWindowSerializer<>(DurationAccumulator.class));
  }

  @Test
  void reportedStateOfVersionsOneToThreeStillReadsAndIsWrittenAsVersionFourDeadlinesUnknown()
      throws IOException {
    // version 1, as the old Reported.toBytes wrote it: writeUTF ids
    ByteArrayOutputStream v1 = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(v1)) {
      out.writeByte(1);
      out.writeInt(2);
      out.writeUTF("first_response#1");
      out.writeByte(0);
      out.writeShort(0);
      out.writeUTF("custom:\u00e9\u0000#3");
      out.writeByte(2);
      out.writeShort(75);
    }
    // version 2: the same cycles, ids as Strings, no escalation level
    String longId = "custom:" + "\u20ac".repeat(30_000) + "\ud800#1"; // over 65,535 bytes
    ByteArrayOutputStream v2 = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(v2)) {
      out.writeByte(2);
      out.writeInt(3);
      Strings.write("first_response#1", out);
      out.writeByte(0);
      out.writeShort(0);
      Strings.write("custom:\u00e9\u0000#3", out);
      out.writeByte(2);
      out.writeShort(75);
      Strings.write(longId, out);
      out.writeByte(1);
      out.writeShort(50);
    }
    // version 3: escalation level 0 for each, as earlier builds reported no escalation
    ByteArrayOutputStream v3 = new ByteArrayOutputStream();
    // version 4: the same, each deadline unknown (2, then zeros): earlier builds reported none
    ByteArrayOutputStream v4 = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(v3);
        DataOutputStream out4 = new DataOutputStream(v4)) {
      out.writeByte(3);
      out4.writeByte(4);
      for (DataOutputStream o : List.of(out, out4)) {
        o.writeInt(3);
        for (Object[] c :
            new Object[][] {
              {"first_response#1", 0, 0}, {"custom:\u00e9\u0000#3", 2, 75}, {longId, 1, 50}
            }) {
          Strings.write((String) c[0], o);
          o.writeByte((int) c[1]);
          o.writeShort((int) c[2]);
          o.writeInt(0);
          if (o == out4) {
            o.writeByte(2);
            o.write(new byte[12]);
          }
        }
      }
    }
    byte[] expected = v4.toByteArray();
    assertArrayEquals(expected, Reported.fromBytes(v2.toByteArray()).toBytes());
    assertArrayEquals(expected, Reported.fromBytes(v3.toByteArray()).toBytes());
    assertArrayEquals(expected, Reported.fromBytes(expected).toBytes());
    // the first two cycles of v4, count 2
    ByteArrayOutputStream firstTwo = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(firstTwo)) {
      out.writeByte(4);
      out.writeInt(2);
      Strings.write("first_response#1", out);
      out.writeByte(0);
      out.writeShort(0);
      out.writeInt(0);
      out.writeByte(2);
      out.write(new byte[12]);
      Strings.write("custom:\u00e9\u0000#3", out);
      out.writeByte(2);
      out.writeShort(75);
      out.writeInt(0);
      out.writeByte(2);
      out.write(new byte[12]);
    }
    assertArrayEquals(firstTwo.toByteArray(), Reported.fromBytes(v1.toByteArray()).toBytes());
  }

  /** Restores {@link LegacyFormat.Keeper}'s state and sends one observation per old key. */
  private static List<String> restoreAndSend(
      Backend backend, OperatorSubtaskState state, List<RevisedObservation> in) throws Exception {
    try (var h = backend.on(keeper())) {
      h.initializeState(state);
      h.open();
      for (RevisedObservation o : in) {
        h.processElement(new StreamRecord<>(o, 2L));
      }
      return new ArrayList<>(h.extractOutputValues());
    }
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, RevisedObservation, String> keeper()
      throws Exception {
    return keeper(false);
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, RevisedObservation, String> keeper(
      boolean legacy) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new LegacyFormat.Keeper(legacy)),
        RevisedObservation::group,
        Types.STRING);
  }

  private static List<String> expectedOutput(List<RevisedObservation> stored) {
    List<String> out = new ArrayList<>();
    for (RevisedObservation o : stored) {
      out.add(o.toString());
      out.add(LegacyFormat.Keeper.transition(o).toString());
      KpiWindow<DurationAccumulator> w = LegacyFormat.window(o.group());
      out.add(LegacyFormat.Keeper.line(w));
    }
    return out;
  }

  /**
   * The old state (a heap backend checkpoint, whose format only the heap backend reads) as a
   * canonical savepoint, which every backend reads, of the same old-format values: restored with
   * the kept old-format serializers, which are compatible with it as is, and written by them.
   */
  private static OperatorSubtaskState asCanonicalSavepoint(OperatorSubtaskState old)
      throws Exception {
    try (var h = Backend.HASHMAP.on(keeper(true))) {
      h.initializeState(old);
      h.open();
      return h.snapshotWithLocalState(
              1L, 1L, SavepointType.savepoint(SavepointFormatType.CANONICAL))
          .getJobManagerOwnedState();
    }
  }

  /**
   * The old state was written by the heap backend. The heap backend restores that checkpoint,
   * reading it into objects with the old snapshots' serializers, and writes the new format at the
   * next checkpoint. RocksDB restores it as a canonical savepoint and migrates it eagerly: it reads
   * every stored value with the old snapshot's serializer and writes it with the new one before the
   * job starts.
   */
  @ParameterizedTest
  @EnumSource(Backend.class)
  void keyedStateOfAnOldSavepointRestoresAndIsMigratedToTheNewFormat(Backend backend)
      throws Exception {
    OperatorSubtaskState fixture =
        OperatorSnapshotUtil.readStateHandle(
            LegacyFormatTest.class.getResource("/legacy-format/keeper-state.snapshot").getFile());
    OperatorSubtaskState old = backend == Backend.HASHMAP ? fixture : asCanonicalSavepoint(fixture);
    List<RevisedObservation> stored = LegacyFormat.observations();
    List<RevisedObservation> next = new ArrayList<>();
    for (RevisedObservation o : stored) {
      next.add(new RevisedObservation(o.group(), o.id() + "\ud800".repeat(40_000), 9, 9, o.at()));
    }
    String longGroup = "\u20ac".repeat(30_000);
    next.add(new RevisedObservation(longGroup, "x".repeat(70_000), 1, 1, Instant.EPOCH));

    List<String> expected = expectedOutput(stored);
    expected.addAll(List.of("null", "null", "null")); // the new key had no state
    assertEquals(expected, restoreAndSend(backend, old, next));

    // the state written after the restore is in the new format: strings over 64 KB survive
    OperatorSubtaskState migrated;
    try (var h = backend.on(keeper())) {
      h.initializeState(old);
      h.open();
      for (RevisedObservation o : next) {
        h.processElement(new StreamRecord<>(o, 2L));
      }
      migrated = h.snapshot(2L, 2L);
    }
    assertEquals(expectedOutput(next), restoreAndSend(backend, migrated, next));
  }

  /**
   * The ticket-event serializer's snapshot was Flink's {@code SimpleTypeSerializerSnapshot} (class
   * name, version 3, no payload); it is now the module's own, which writes the same bytes and
   * refuses other versions with a message instead of reading them as that class's old format.
   */
  @Test
  void ticketEventSnapshotsOfEarlierBuildsStillRestore() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(b)) {
      out.writeUTF(TicketEventSerializer.Snapshot.class.getName());
      out.writeInt(3);
    }
    assertArrayEquals(b.toByteArray(), snapshotBytes(TicketEventSerializer.INSTANCE));
    TypeSerializerSnapshot<TicketEvent> old = snapshot(b.toByteArray());
    assertEquals(TicketEventSerializer.INSTANCE, old.restoreSerializer());
    assertTrue(
        TicketEventSerializer.INSTANCE
            .snapshotConfiguration()
            .resolveSchemaCompatibility(old)
            .isCompatibleAsIs());
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                new TicketEventSerializer.Snapshot()
                    .readSnapshot(2, new DataInputDeserializer(new byte[0]), null));
    assertEquals(
        TicketEventSerializer.Snapshot.class.getName() + " version must be 3, was 2",
        e.getMessage());
  }
}
