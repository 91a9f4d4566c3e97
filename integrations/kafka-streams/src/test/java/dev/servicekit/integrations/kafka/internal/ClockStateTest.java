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
 * The clock store's value formats: version 2 (earlier builds, and any ticket without a release
 * deadline), version 3 (a finished ticket's release deadline), version 1 still read, and the
 * released marker.
 */
class ClockStateTest {

  static final Instant MAX_AT = Instant.parse("2026-03-02T09:20:00Z");
  static final Instant DUE = Instant.parse("2026-03-02T10:00:00.000000001Z");
  static final Instant RELEASE = Instant.parse("2026-03-02T10:20:00Z");

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
      if (v == 3) {
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
    s.reported.put("firstResponse#0", new int[] {1, 50, 2});
    s.snapshot = new byte[] {7, 8, 9};
    return s;
  }

  @Test
  void withoutAReleaseDeadlineTheVersion2BytesOfEarlierBuildsAreWritten() throws IOException {
    assertArrayEquals(written(2, DUE, null), state(DUE, null).toBytes());
    ClockState read = ClockState.fromBytes(written(2, DUE, null));
    assertEquals(DUE, read.due);
    assertNull(read.release);
    assertNull(read.released);
    assertArrayEquals(new int[] {1, 50, 2}, read.reported.get("firstResponse#0"));
  }

  @Test
  void aReleaseDeadlineIsWrittenAsVersion3AndReadBack() throws IOException {
    byte[] b = state(null, RELEASE).toBytes();
    assertArrayEquals(written(3, null, RELEASE), b);
    ClockState read = ClockState.fromBytes(b);
    assertEquals(RELEASE, read.release);
    assertEquals(RELEASE, read.timer());
    assertNull(read.due);
    assertEquals(MAX_AT, read.maxAt);
    assertArrayEquals(new byte[] {7, 8, 9}, read.snapshot);
    assertArrayEquals(new int[] {1, 50, 2}, read.reported.get("firstResponse#0"));
  }

  @Test
  void version1IsStillReadWithNoEscalationReported() throws IOException {
    ClockState read = ClockState.fromBytes(written(1, DUE, null));
    assertArrayEquals(new int[] {1, 50, 0}, read.reported.get("firstResponse#0"));
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
  void anUnknownVersionAndAVersion3WithoutDeadlineAreRefused() throws IOException {
    byte[] v4 = written(2, DUE, null);
    v4[0] = 4;
    assertEquals(
        "clock state version must be 1 to 3 or the released marker 127, was 4",
        assertThrows(IllegalArgumentException.class, () -> ClockState.fromBytes(v4)).getMessage());
    byte[] noDeadline = written(3, null, RELEASE);
    noDeadline[1 + 13 + 1] = 0; // the release instant's presence flag (after maxAt and due)
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ClockState.fromBytes(noDeadline));
    assertTrue(e.getMessage().contains("without a release deadline"), e.getMessage());
  }
}
