package dev.servicekit.integrations.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The clock store's value formats: version 4 (any ticket without a release deadline), version 5 (a
 * finished ticket's release deadline), both with each cycle's deadline reported; versions 1 to 3 of
 * earlier builds still read, with deadlines unknown; and the released marker.
 */
class ClockStateTest {

  static final Instant MAX_AT = Instant.parse("2026-03-02T09:20:00Z");
  static final Instant DUE = Instant.parse("2026-03-02T10:00:00.000000001Z");
  static final Instant RELEASE = Instant.parse("2026-03-02T10:20:00Z");
  static final Instant DEADLINE = Instant.parse("2026-03-02T11:00:00.5Z");

  /** The cycle's fields: state, warning, level and {@link #DEADLINE}, kept as two ints and nano. */
  static final int[] FIELDS = {
    1,
    50,
    2,
    1,
    (int) (DEADLINE.getEpochSecond() >>> 32),
    (int) DEADLINE.getEpochSecond(),
    500_000_000
  };

  /** Version {@code v} written field by field, as the format's description says. */
  static byte[] written(int v, Instant due, Instant release) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(b)) {
      out.writeByte(v);
      out.writeBoolean(true);
      out.writeLong(MAX_AT.getEpochSecond());
      out.writeInt(MAX_AT.getNano());
      out.writeBoolean(due != null);
      if (due != null) {
        out.writeLong(due.getEpochSecond());
        out.writeInt(due.getNano());
      }
      if (v == 3 || v == 5) {
        out.writeBoolean(true);
        out.writeLong(release.getEpochSecond());
        out.writeInt(release.getNano());
      }
      out.writeInt(1);
      out.writeUTF("firstResponse#0");
      out.writeByte(1);
      out.writeShort(50);
      if (v >= 2) {
        out.writeInt(2);
      }
      if (v >= 4) {
        out.writeByte(1);
        out.writeLong(DEADLINE.getEpochSecond());
        out.writeInt(DEADLINE.getNano());
      }
      out.writeInt(3);
      out.write(new byte[] {7, 8, 9});
    }
    return b.toByteArray();
  }

  static ClockState state(Instant due, Instant release) {
    ClockState s = new ClockState();
    s.maxAt = MAX_AT;
    s.due = due;
    s.release = release;
    s.reported.put("firstResponse#0", FIELDS.clone());
    s.snapshot = new byte[] {7, 8, 9};
    return s;
  }

  @Test
  void withoutAReleaseDeadlineVersion4IsWrittenAndVersion2OfEarlierBuildsIsRead()
      throws IOException {
    assertArrayEquals(written(4, DUE, null), state(DUE, null).toBytes());
    ClockState read = ClockState.fromBytes(written(4, DUE, null));
    assertEquals(DUE, read.due);
    assertNull(read.release);
    assertNull(read.released);
    assertArrayEquals(FIELDS, read.reported.get("firstResponse#0"));
    // earlier builds reported no deadline: unknown (2), taken from the next evaluation
    read = ClockState.fromBytes(written(2, DUE, null));
    assertEquals(DUE, read.due);
    assertArrayEquals(new int[] {1, 50, 2, 2, 0, 0, 0}, read.reported.get("firstResponse#0"));
    read = ClockState.fromBytes(written(3, DUE, RELEASE));
    assertEquals(RELEASE, read.release);
    assertArrayEquals(new int[] {1, 50, 2, 2, 0, 0, 0}, read.reported.get("firstResponse#0"));
  }

  @Test
  void aReleaseDeadlineIsWrittenAsVersion5AndReadBack() throws IOException {
    byte[] b = state(null, RELEASE).toBytes();
    assertArrayEquals(written(5, null, RELEASE), b);
    ClockState read = ClockState.fromBytes(b);
    assertEquals(RELEASE, read.release);
    assertEquals(RELEASE, read.timer());
    assertNull(read.due);
    assertEquals(MAX_AT, read.maxAt);
    assertArrayEquals(new byte[] {7, 8, 9}, read.snapshot);
    assertArrayEquals(FIELDS, read.reported.get("firstResponse#0"));
  }

  @Test
  void version1IsStillReadWithNoEscalationReported() throws IOException {
    ClockState read = ClockState.fromBytes(written(1, DUE, null));
    assertArrayEquals(new int[] {1, 50, 0, 2, 0, 0, 0}, read.reported.get("firstResponse#0"));
    assertNull(read.release);
  }

  @Test
  void theReleasedMarkerIsThirteenBytesAndHoldsOnlyTheReleaseInstant() {
    byte[] b = ClockState.releasedMarker(RELEASE);
    assertEquals(13, b.length);
    assertEquals(ClockState.RELEASED_MARKER, b[0]);
    ClockState read = ClockState.fromBytes(b);
    assertEquals(RELEASE, read.released);
    assertNull(read.snapshot);
    assertNull(read.timer());
    assertTrue(read.reported.isEmpty());
  }

  @Test
  void anUnknownVersionAndAVersion3Or5WithoutReleaseDeadlineAreRefused() throws IOException {
    byte[] v6 = written(4, DUE, null);
    v6[0] = 6;
    assertEquals(
        "clock state version must be 1 to 5 or the released marker 127, was 6",
        assertThrows(IllegalArgumentException.class, () -> ClockState.fromBytes(v6)).getMessage());
    for (int v : new int[] {3, 5}) {
      byte[] noDeadline = written(v, null, RELEASE);
      noDeadline[1 + 13 + 1] = 0; // the release instant's presence flag (after maxAt and due)
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ClockState.fromBytes(noDeadline));
      assertTrue(e.getMessage().contains("without a release deadline"), e.getMessage());
    }
  }

  @Test
  void aReportedDeadlineThatIsNeitherAbsentNorPresentIsRefusedNamingTheCycle() throws IOException {
    byte[] b = written(4, DUE, null);
    int flag = b.length - 4 - 3 - 13; // the deadline's flag: before its 12 bytes and the snapshot
    b[flag] = 3;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ClockState.fromBytes(b));
    assertTrue(e.getMessage().startsWith("clock state: cycle 0 deadline must be"), e.getMessage());
    byte[] c = written(4, DUE, null);
    c[flag] = 0; // absent, but its seconds are not zero
    e = assertThrows(IllegalArgumentException.class, () -> ClockState.fromBytes(c));
    assertTrue(e.getMessage().startsWith("clock state: cycle 0 deadline must be"), e.getMessage());
    byte[] d = written(4, DUE, null);
    d[flag + 9] = (byte) 0xFF; // nanos beyond a second
    e = assertThrows(IllegalArgumentException.class, () -> ClockState.fromBytes(d));
    assertTrue(e.getMessage().contains("cycle 0 deadline must be an Instant"), e.getMessage());
  }
}
