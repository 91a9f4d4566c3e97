package dev.servicekit.integrations.flink.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.integrations.flink.internal.HostileSerializers.SnapshotSubject;
import dev.servicekit.integrations.flink.internal.HostileSerializers.Subject;
import dev.servicekit.kpi.DurationAccumulator;
import java.io.EOFException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Every serializer ({@code deserialize} and {@code copy}, in every format it reads) and every
 * serializer snapshot ({@code readSnapshot}) of the module under hostile input: random bytes, every
 * truncation of valid records, bit flips (also inside the accumulators' checksummed snapshots,
 * resealed so the change reaches their fields), a length prefix of up to 2^31-1 anywhere, and
 * random snapshot versions and payloads. The outcomes allowed are those of {@link
 * HostileSerializers}: a value that survives a write and read, or an {@link IOException} or {@link
 * IllegalArgumentException} with a bounded one-line message; never another exception, and memory
 * that grows only with the bytes read. {@link SerializersFuzzTest} is the coverage-guided
 * counterpart.
 */
class SerializersHostileInputProperties {

  private static final List<Subject<?>> SUBJECTS = HostileSerializers.subjects();
  private static final List<SnapshotSubject<?>> SNAPSHOTS = HostileSerializers.snapshots();

  @Provide
  Arbitrary<Subject<?>> subjects() {
    return Arbitraries.of(SUBJECTS);
  }

  @Provide
  Arbitrary<SnapshotSubject<?>> snapshots() {
    return Arbitraries.of(SNAPSHOTS);
  }

  private static <T> byte[] valid(Subject<T> s, int index) {
    return s.write(s.values().get(Math.floorMod(index, s.values().size())));
  }

  private static <T> int blob(Subject<T> s, int index) {
    Integer n = s.snapshotBlob().apply(s.values().get(Math.floorMod(index, s.values().size())));
    return n == null ? 0 : n;
  }

  @Property(tries = 400)
  void randomBytesReadAsAValueOrADocumentedRejection(
      @ForAll("subjects") Subject<?> s, @ForAll @Size(max = 96) byte[] data) {
    HostileSerializers.read(s, data);
  }

  @Property(tries = 400)
  void bitFlipsInValidRecordsReadAsAValueOrADocumentedRejection(
      @ForAll("subjects") Subject<?> s,
      @ForAll int value,
      @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0) Integer> bits,
      @ForAll boolean reseal) {
    byte[] b = valid(s, value);
    for (int bit : bits) {
      int i = Math.floorMod(bit, b.length * 8);
      b[i / 8] ^= (byte) (1 << (i % 8));
    }
    HostileSerializers.read(s, reseal ? HostileSerializers.resealTail(b, blob(s, value)) : b);
  }

  @Property(tries = 300)
  void changedBytesInsideAnAccumulatorSnapshotReachItsFieldsAndAreRejectedOrRead(
      @ForAll("subjects") Subject<?> s,
      @ForAll int value,
      @ForAll @IntRange(min = 0) int at,
      @ForAll byte to) {
    int n = blob(s, value);
    if (n < 8) {
      return; // no checksummed snapshot in this subject
    }
    byte[] b = valid(s, value);
    // a byte of the payload, after the header ('S' 'K' kind version), before the checksum
    b[b.length - n + 4 + Math.floorMod(at, n - 8)] = to;
    HostileSerializers.read(s, HostileSerializers.resealTail(b, n));
  }

  /** Positions to cut a record at: all of a short one, both ends and a sample of a long one. */
  private static int[] cuts(int length) {
    return java.util.stream.IntStream.range(0, length)
        .filter(i -> length < 1024 || i < 300 || i > length - 300 || i % 1013 == 0)
        .toArray();
  }

  @Example
  void everyTruncationOfAValidRecordFailsNamingTheFieldItEndsIn() {
    for (Subject<?> s : SUBJECTS) {
      for (int v = 0; v < s.values().size(); v++) {
        byte[] b = valid(s, v);
        for (int cut : cuts(b.length)) {
          byte[] prefix = Arrays.copyOf(b, cut);
          String where = s.name() + " value " + v + " cut at " + cut + " of " + b.length;
          Throwable e =
              HostileSerializers.rejected(
                  where, () -> s.serializer().deserialize(new DataInputDeserializer(prefix)));
          assertInstanceOf(EOFException.class, e, where);
          assertTrue(
              e.getMessage().startsWith("input ends inside "), where + ": " + e.getMessage());
          HostileSerializers.rejected(
              where + " copy",
              () ->
                  s.serializer()
                      .copy(new DataInputDeserializer(prefix), new DataOutputSerializer(64)));
        }
      }
    }
  }

  private static final int[] HOSTILE_LENGTHS = {
    Integer.MAX_VALUE,
    Bytes.MAX + 1,
    Bytes.MAX,
    Bytes.MAX - 1,
    1 << 24,
    Strings.CHUNK + 1,
    -1,
    Integer.MIN_VALUE
  };

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  /**
   * A length prefix (of a string, an event's JSON, an accumulator's snapshot) is trusted only as
   * far as the input goes: written anywhere in a valid record, a huge or negative length is a
   * documented rejection, and reading allocates about what the input holds, not what the length
   * claims (the input here is at most a few hundred bytes; the limit, 4 MiB, is far below the 64
   * MiB a record may claim).
   */
  @Example
  void aHugeLengthPrefixAnywhereIsRejectedWithoutAllocatingWhatItClaims() {
    for (Subject<?> s : SUBJECTS) {
      for (int v = 0; v < s.values().size(); v++) {
        byte[] b = valid(s, v);
        if (b.length > 4096) {
          continue; // the long values only repeat the short ones' fields
        }
        for (int at = 0; at + 4 <= b.length; at++) {
          for (int length : HOSTILE_LENGTHS) {
            byte[] hostile = b.clone();
            ByteBuffer.wrap(hostile).putInt(at, length);
            long before = allocatedBytes();
            HostileSerializers.read(s, hostile);
            long allocated = allocatedBytes() - before;
            String where = s.name() + " value " + v + " length " + length + " at " + at;
            assertTrue(allocated < 4 << 20, where + ": allocated " + allocated + " bytes");
          }
        }
      }
    }
  }

  @Example
  void aLengthUpToTheMaximumWithFewBytesBehindItAllocatesOnlyWhatIsRead() throws IOException {
    for (int length : new int[] {Bytes.MAX, Bytes.MAX / 2 + 1, 1 << 20}) {
      byte[] b = ByteBuffer.allocate(4 + 100).putInt(length).array();
      for (Subject<?> s : SUBJECTS) {
        if (!(s.serializer() instanceof KpiAccumulatorSerializer<?>)
            && !(s.serializer() instanceof TicketEventSerializer)) {
          continue; // its first field is no byte array
        }
        long before = allocatedBytes();
        Throwable e =
            HostileSerializers.rejected(
                s.name(), () -> s.serializer().deserialize(new DataInputDeserializer(b)));
        long allocated = allocatedBytes() - before;
        assertInstanceOf(EOFException.class, e, s.name());
        assertTrue(
            allocated < 1 << 20, s.name() + " length " + length + ": allocated " + allocated);
      }
    }
  }

  @Example
  void byteArraysOfEveryLengthAroundTheFirstAllocationReadWhole() throws IOException {
    for (int n : new int[] {0, 1, Bytes.FIRST - 1, Bytes.FIRST, Bytes.FIRST + 1, 5 * Bytes.FIRST}) {
      byte[] data = new byte[n];
      new java.util.Random(n).nextBytes(data);
      DataOutputSerializer out = new DataOutputSerializer(n + 8);
      out.writeInt(n);
      out.write(data);
      out.writeByte(42);
      DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
      assertArrayEquals(data, Bytes.read(in, "test"), "length " + n);
      assertEquals(42, in.readByte(), "nothing more read");
    }
  }

  @Property(tries = 300)
  void randomSnapshotVersionsAndPayloadsAreReadOrRejectedLeavingTheSnapshotUnchanged(
      @ForAll("snapshots") SnapshotSubject<?> s,
      @ForAll @IntRange(min = -2, max = 6) int version,
      @ForAll @Size(max = 64) byte[] payload) {
    HostileSerializers.readSnapshot(s, version, payload);
  }

  @Property(tries = 300)
  void bitFlipsInValidSnapshotsAreReadOrRejectedLeavingTheSnapshotUnchanged(
      @ForAll("snapshots") SnapshotSubject<?> s,
      @ForAll @Size(min = 1, max = 3) List<@IntRange(min = 0) Integer> bits) {
    byte[] b = s.payload();
    if (b.length == 0) {
      HostileSerializers.readSnapshot(s, s.version(), new byte[] {(byte) bits.get(0).intValue()});
      return;
    }
    for (int bit : bits) {
      int i = Math.floorMod(bit, b.length * 8);
      b[i / 8] ^= (byte) (1 << (i % 8));
    }
    HostileSerializers.readSnapshot(s, s.version(), b);
  }

  @Example
  void everyValidSnapshotIsReadAndEveryTruncationOfOneIsRejected() {
    for (SnapshotSubject<?> s : SNAPSHOTS) {
      byte[] b = s.payload();
      assertTrue(HostileSerializers.readSnapshot(s, s.version(), b), s.name());
      for (int cut = 0; cut < b.length; cut++) {
        assertTrue(
            !HostileSerializers.readSnapshot(s, s.version(), Arrays.copyOf(b, cut)),
            s.name() + " cut at " + cut);
      }
    }
  }

  /**
   * A window's bounds and stale count overwritten with any valid instants and count, in every
   * format: read only as a window that ends after it starts, with no negative stale count (the
   * constructor's rule), else refused by that rule, naming the fields, before the accumulator.
   */
  @Property(tries = 300)
  void aDecodedWindowEndsAfterItStartsOrIsRefusedByTheConstructorsRule(
      @ForAll boolean legacy,
      @ForAll int value,
      @ForAll long startSecond,
      @ForAll @IntRange(min = 0, max = 999_999_999) int startNano,
      @ForAll long endSecond,
      @ForAll @IntRange(min = 0, max = 999_999_999) int endNano,
      @ForAll long stale,
      @ForAll boolean near) {
    Subject<?> s =
        SUBJECTS.stream()
            .filter(x -> x.name().equals(legacy ? "KpiWindow (legacy)" : "KpiWindow"))
            .findFirst()
            .orElseThrow();
    long min = Instant.MIN.getEpochSecond();
    long max = Instant.MAX.getEpochSecond();
    long start = min + Math.floorMod(startSecond, max - min + 1);
    // near: the end within a second of the start, so that equal and adjacent instants come up
    long end =
        near
            ? Math.max(min, Math.min(max, start + Math.floorMod(endSecond, 3) - 1))
            : min + Math.floorMod(endSecond, max - min + 1);
    byte[] b = valid(s, value);
    int at = b.length - blob(s, value) - 4 - 8 - 24; // start, end, stale, then the accumulator
    ByteBuffer.wrap(b)
        .putLong(at, start)
        .putInt(at + 8, startNano)
        .putLong(at + 12, end)
        .putInt(at + 20, endNano)
        .putLong(at + 24, near ? Math.floorMod(stale, 3) - 1 : stale);
    Object w = HostileSerializers.read(s, b);
    Instant from = Instant.ofEpochSecond(start, startNano);
    Instant to = Instant.ofEpochSecond(end, endNano);
    long staleRead = ByteBuffer.wrap(b).getLong(at + 24);
    if (to.isAfter(from) && staleRead >= 0) {
      assertNotNull(w, "a window within the rule reads");
      return;
    }
    Throwable e =
        HostileSerializers.rejected(
            s.name(), () -> s.serializer().deserialize(new DataInputDeserializer(b)));
    assertInstanceOf(IllegalArgumentException.class, e);
    assertEquals(
        to.isAfter(from)
            ? "KpiWindow.stale must be 0 or more, was " + staleRead
            : "KpiWindow.end " + to + " must be after KpiWindow.start " + from,
        e.getMessage());
  }

  /**
   * The rule is checked before the accumulator is read: with the bounds swapped and the
   * accumulator's bytes garbage, the refusal is about the bounds.
   */
  @Example
  void swappedBoundsAreRefusedBeforeTheAccumulatorIsRead() {
    for (Subject<?> s : SUBJECTS) {
      if (!s.name().startsWith("KpiWindow")) {
        continue;
      }
      byte[] b = valid(s, 0); // LegacyFormat.window: [AT, AT + 1 h), stale 2
      int at = b.length - blob(s, 0) - 4 - 8 - 24;
      ByteBuffer buf = ByteBuffer.wrap(b);
      long startSecond = buf.getLong(at);
      buf.putLong(at, buf.getLong(at + 12)).putLong(at + 12, startSecond);
      Arrays.fill(b, at + 24 + 8 + 4, b.length, (byte) 0x5a); // the accumulator's snapshot
      Throwable e =
          HostileSerializers.rejected(
              s.name(), () -> s.serializer().deserialize(new DataInputDeserializer(b)));
      assertEquals(
          "KpiWindow.end 2026-03-02T10:15:30.123456789Z must be after KpiWindow.start"
              + " 2026-03-02T11:15:30.123456789Z",
          e.getMessage(),
          s.name());
    }
  }

  // Reported state: the SLA clock function's per-ticket record of what it last reported, kept in
  // keyed state as bytes (Reported.toBytes), read back on every evaluation.

  private static final List<byte[]> REPORTED = HostileSerializers.reportedStates();

  @Property(tries = 300)
  void randomBytesAsReportedStateAreReadOrRejectedNamingTheField(
      @ForAll @IntRange(min = 0, max = 4) int version, @ForAll @Size(max = 64) byte[] data) {
    HostileSerializers.readReported(data);
    byte[] versioned = new byte[data.length + 1];
    versioned[0] = (byte) version; // past the version, so the bytes reach the fields
    System.arraycopy(data, 0, versioned, 1, data.length);
    HostileSerializers.readReported(versioned);
  }

  @Property(tries = 300)
  void bitFlipsInValidReportedStateAreReadOrRejectedNamingTheField(
      @ForAll int value, @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0) Integer> bits) {
    byte[] b = REPORTED.get(Math.floorMod(value, REPORTED.size())).clone();
    for (int bit : bits) {
      int i = Math.floorMod(bit, b.length * 8);
      b[i / 8] ^= (byte) (1 << (i % 8));
    }
    HostileSerializers.readReported(b);
  }

  @Example
  void everyValidReportedStateReadsAndEveryTruncationFailsNamingTheFieldItEndsIn() {
    for (int v = 0; v < REPORTED.size(); v++) {
      byte[] b = REPORTED.get(v);
      assertNotNull(HostileSerializers.readReported(b), "reported state " + v);
      for (int cut : cuts(b.length)) {
        String where = "reported state " + v + " cut at " + cut + " of " + b.length;
        Throwable e =
            HostileSerializers.rejected(where, () -> Reported.fromBytes(Arrays.copyOf(b, cut)));
        assertInstanceOf(IllegalArgumentException.class, e, where);
        assertTrue(
            e.getMessage().startsWith("input ends inside reported-state "),
            where + ": " + e.getMessage());
      }
    }
  }

  @Example
  void aHugeCountOrIdLengthAnywhereInReportedStateIsRejectedWithoutAllocatingWhatItClaims() {
    for (int v = 0; v < REPORTED.size(); v++) {
      byte[] b = REPORTED.get(v);
      if (b.length > 4096) {
        continue; // the long id only repeats the short ones' fields
      }
      for (int at = 0; at + 4 <= b.length; at++) {
        for (int length : HOSTILE_LENGTHS) {
          byte[] hostile = b.clone();
          ByteBuffer.wrap(hostile).putInt(at, length);
          long before = allocatedBytes();
          HostileSerializers.readReported(hostile);
          long allocated = allocatedBytes() - before;
          String where = "reported state " + v + " length " + length + " at " + at;
          assertTrue(allocated < 4 << 20, where + ": allocated " + allocated + " bytes");
        }
      }
    }
  }

  /** Earlier builds read the cycles and ignored what followed them. */
  @Example
  void reportedStateWithBytesAfterItsLastCycleIsRejected() {
    byte[] b = REPORTED.get(1);
    byte[] longer = Arrays.copyOf(b, b.length + 3);
    assertEquals(
        "reported-state has 3 bytes after its 1 cycles (corrupted)",
        HostileSerializers.rejected("trailing", () -> Reported.fromBytes(longer)).getMessage());
  }

  /** Earlier builds kept the last of two cycles with one id, silently dropping the first. */
  @Example
  void reportedStateRepeatingACycleIdIsRejected() {
    byte[] b =
        HostileSerializers.reportedBytes(
            2,
            List.of(
                new HostileSerializers.ReportedCycle("first_response#0", 0, 0),
                new HostileSerializers.ReportedCycle("first_response#0", 3, 80)));
    assertEquals(
        "reported-state cycle 1 id \"first_response#0\" repeats an earlier cycle's (corrupted)",
        HostileSerializers.rejected("repeated", () -> Reported.fromBytes(b)).getMessage());
  }

  /** Each rule of the layout, with the field it names. */
  @Example
  void reportedStateRejectionsNameTheFieldAndTheRule() {
    byte[] one = REPORTED.get(1); // version 4, one cycle "first_response#0" with a deadline
    byte[] v5 = one.clone();
    v5[0] = 5;
    byte[] count = one.clone();
    ByteBuffer.wrap(count).putInt(1, 4);
    byte[] countNegative = one.clone();
    ByteBuffer.wrap(countNegative).putInt(1, -1);
    byte[] state = one.clone();
    // the fields: state (1 byte), warning (2), escalation level (4), deadline flag (1), second (8)
    // and nano (4)
    state[one.length - 20] = 9;
    byte[] escalation = one.clone();
    ByteBuffer.wrap(escalation).putInt(one.length - 17, -1);
    byte[] flag = one.clone();
    flag[one.length - 13] = 3;
    byte[] absentButSet = one.clone();
    absentButSet[one.length - 13] = 0;
    byte[] nano = one.clone();
    ByteBuffer.wrap(nano).putInt(one.length - 4, -1);
    byte[] utf = one.clone();
    utf[1 + 4 + 4 + 2] = (byte) 0xff; // the first byte of the id's only chunk
    byte[] chunk = one.clone();
    ByteBuffer.wrap(chunk).putInt(5, 15); // the id claims 15 chars, its chunk holds 16
    byte[] negative = one.clone();
    ByteBuffer.wrap(negative).putInt(5, -2);
    Object[][] cases = {
      {v5, "reported-state version must be 1 to 4, was 5 (corrupted)"},
      {
        flag,
        "reported-state cycle 0 deadline must be absent (0 and zeros), present (1) or unknown (2"
            + " and zeros), was 3 1772442000 s 0 ns (corrupted)"
      },
      {
        absentButSet,
        "reported-state cycle 0 deadline must be absent (0 and zeros), present (1) or unknown (2"
            + " and zeros), was 0 1772442000 s 0 ns (corrupted)"
      },
      {nano, "reported-state cycle 0 deadline nano must be in [0, 999999999], was -1 (corrupted)"},
      {escalation, "reported-state cycle 0 escalation level must be 0 or more, was -1 (corrupted)"},
      {count, "input ends inside reported-state cycle 1 id (truncated or corrupted)"},
      {countNegative, "reported-state count must be 0 or more, was -1 (corrupted)"},
      {state, "reported-state cycle 0 state must be in [0, 4], was 9 (corrupted)"},
      {utf, "reported-state cycle 0 id is not modified UTF-8 (corrupted)"},
      {
        chunk,
        "reported-state cycle 0 id of 15 chars must continue with a chunk of 15 chars, was 16"
            + " (corrupted length or data)"
      },
      {negative, "reported-state cycle 0 id length must be zero or more chars, was -2 (corrupted)"},
      {new byte[0], "input ends inside reported-state version (truncated or corrupted)"},
    };
    for (Object[] c : cases) {
      byte[] b = (byte[]) c[0];
      assertEquals(
          c[1],
          HostileSerializers.rejected((String) c[1], () -> Reported.fromBytes(b)).getMessage());
    }
  }

  private static byte[] utf(String s) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    out.writeUTF(s);
    return out.getCopyOfBuffer();
  }

  /** Earlier builds accepted any class: the restored serializer then failed on its first record. */
  @Example
  void aSnapshotNamingAClassThatIsNoAccumulatorIsRejectedAndChangesNothing() throws IOException {
    for (SnapshotSubject<?> s : SNAPSHOTS.subList(3, 5)) {
      for (String name : List.of("java.lang.String", "[Ljava.lang.String;", "int")) {
        assertTrue(!HostileSerializers.readSnapshot(s, s.version(), utf(name)), s.name() + name);
      }
    }
    AccumulatorClassSnapshot<?, ?> fresh = new KpiAccumulatorSerializer.Snapshot<>();
    Throwable e =
        HostileSerializers.rejected(
            "snapshot",
            () ->
                fresh.readSnapshot(
                    1,
                    new DataInputDeserializer(utf("java.lang.String")),
                    getClass().getClassLoader()));
    assertEquals(
        "accumulator class \"java.lang.String\" must implement dev.servicekit.kpi.KpiAccumulator",
        e.getMessage());
    assertNull(fresh.type(), "a failed read changes nothing");
    assertEquals(1, fresh.getCurrentVersion());
  }

  @Example
  void aSnapshotNamingAnUnknownClassQuotesABoundedExcerptOfTheName() throws IOException {
    String name = "x.\n".repeat(20_000);
    Throwable e =
        HostileSerializers.rejected(
            "snapshot",
            () ->
                new KpiWindowSerializer.Snapshot<DurationAccumulator>()
                    .readSnapshot(
                        2, new DataInputDeserializer(utf(name)), getClass().getClassLoader()));
    assertTrue(e.getMessage().startsWith("accumulator class \"x.\\u000ax.\\u000a"), e.getMessage());
    assertTrue(e.getMessage().contains("... (60000 chars) not found"), e.getMessage());
  }

  /** An instant's second or nano outside its range, which no writer writes, is corruption. */
  @Example
  void anInstantOutOfRangeIsRejectedNamingItsField() {
    for (Subject<?> s : SUBJECTS) {
      if (!s.name().startsWith("SlaTransition")
          && !s.name().startsWith("RevisedObservation")
          && !s.name().startsWith("KpiWindow")) {
        continue;
      }
      byte[] b = valid(s, 0); // its instant (a window's start) is AT: find it in the bytes
      long second = LegacyFormat.AT.getEpochSecond();
      int nano = LegacyFormat.AT.getNano();
      ByteBuffer buf = ByteBuffer.wrap(b);
      int found = 0;
      for (int at = 0; at + 12 <= b.length; at++) {
        if (buf.getLong(at) != second || buf.getInt(at + 8) != nano) {
          continue;
        }
        found++;
        for (long[] bad :
            new long[][] {{Long.MAX_VALUE, 0}, {Long.MIN_VALUE, 0}, {second, 1_000_000_000}}) {
          byte[] hostile = b.clone();
          ByteBuffer.wrap(hostile).putLong(at, bad[0]).putInt(at + 8, (int) bad[1]);
          Throwable e =
              HostileSerializers.rejected(
                  s.name() + " at " + at + " " + Arrays.toString(bad),
                  () -> s.serializer().deserialize(new DataInputDeserializer(hostile)));
          assertInstanceOf(IOException.class, e);
          assertTrue(e.getMessage().startsWith(s.name().split(" ")[0] + "."), e.getMessage());
          assertTrue(e.getMessage().contains(bad[1] == 0 ? "epoch second" : "nano"));
        }
      }
      assertTrue(found > 0, s.name());
    }
  }

  /** Earlier builds decoded a malformed byte as U+FFFD and read an event with another id. */
  @Example
  void aTicketEventThatIsNotUtf8IsRejectedNotRepaired() {
    Subject<?> s = SUBJECTS.get(0);
    byte[] b = valid(s, 0);
    String text = new String(b, 4, b.length - 4, StandardCharsets.UTF_8);
    int at = 4 + text.indexOf("T-1") + 2; // the '1' of the ticket id
    b[at] = (byte) 0xff;
    Throwable e =
        HostileSerializers.rejected(
            "TicketEvent", () -> s.serializer().deserialize(new DataInputDeserializer(b)));
    assertEquals("TicketEvent JSON is not valid UTF-8 (corrupted)", e.getMessage());
  }
}
