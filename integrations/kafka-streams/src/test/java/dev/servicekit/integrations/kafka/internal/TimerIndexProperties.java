package dev.servicekit.integrations.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

class TimerIndexProperties {

  /** The punctuator's range scan relies on this: byte order of timer keys is (millis, ticket). */
  @Property
  void timerKeyByteOrderIsDueThenTicketOrder(
      @ForAll long a,
      @ForAll long b,
      @ForAll @StringLength(max = 12) String s,
      @ForAll @StringLength(max = 12) String t) {
    int bytes = SlaClockProcessor.timerKey(a, s).compareTo(SlaClockProcessor.timerKey(b, t));
    int expected =
        a != b
            ? Long.compare(a, b)
            : Arrays.compareUnsigned(
                s.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                t.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(Integer.signum(expected), Integer.signum(bytes));
  }

  @Property
  void ceilMillisIsTheSmallestMillisecondNotBeforeTheInstant(
      @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long seconds,
      @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
    Instant t = Instant.ofEpochSecond(seconds, nanos);
    long ms = SlaClockProcessor.ceilMillis(t);
    assertTrue(!Instant.ofEpochMilli(ms).isBefore(t));
    assertTrue(Instant.ofEpochMilli(ms - 1).isBefore(t));
  }

  /** Version 1, as earlier builds wrote it (no escalation level): read as level 0. */
  @Example
  void clockStateOfVersion1StillReadsWithNoEscalationReported() throws java.io.IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      out.writeByte(1);
      out.writeBoolean(true);
      out.writeLong(Instant.parse("2026-03-02T09:00:00Z").getEpochSecond());
      out.writeInt(0);
      out.writeBoolean(false);
      out.writeInt(1);
      out.writeUTF("first_response#0");
      out.writeByte(3);
      out.writeShort(80);
      out.writeInt(2);
      out.write(new byte[] {7, 8});
    }
    ClockState r = ClockState.fromBytes(bytes.toByteArray());
    // no escalation reported; the deadline unknown (2): earlier builds reported none
    assertEquals("[3, 80, 0, 2, 0, 0, 0]", Arrays.toString(r.reported.get("first_response#0")));
    assertEquals("[7, 8]", Arrays.toString(r.snapshot));
    assertEquals(Instant.parse("2026-03-02T09:00:00Z"), r.maxAt);
    assertEquals(null, r.due);
    byte[] v6 = r.toBytes();
    v6[0] = 6; // versions 3 to 5 exist since retention and deadlines: see ClockStateTest
    assertEquals(
        "clock state version must be 1 to 5 or the released marker 127, was 6",
        assertThrows(IllegalArgumentException.class, () -> ClockState.fromBytes(v6)).getMessage());
  }

  @Example
  void clockStateRoundTripsAndRejectsTruncation() {
    ClockState s = new ClockState();
    s.snapshot = new byte[] {1, 2, 3};
    s.maxAt = Instant.parse("2026-03-02T09:00:00Z");
    s.due = Instant.parse("2026-03-02T10:00:00.000000001Z");
    s.reported.put("first_response#0", new int[] {3, 80, 2, 1, 0, 1_772_442_000, 5});
    byte[] b = s.toBytes();
    ClockState r = ClockState.fromBytes(b);
    assertEquals(s.maxAt, r.maxAt);
    assertEquals(s.due, r.due);
    assertEquals(Arrays.toString(s.snapshot), Arrays.toString(r.snapshot));
    assertEquals(
        "[3, 80, 2, 1, 0, 1772442000, 5]", Arrays.toString(r.reported.get("first_response#0")));
    for (int n = 0; n < b.length; n++) {
      byte[] cut = Arrays.copyOf(b, n);
      assertThrows(IllegalArgumentException.class, () -> ClockState.fromBytes(cut), "length " + n);
    }
  }
}
