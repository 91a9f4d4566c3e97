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

  @Example
  void clockStateRoundTripsAndRejectsTruncation() {
    ClockState s = new ClockState();
    s.snapshot = new byte[] {1, 2, 3};
    s.maxAt = Instant.parse("2026-03-02T09:00:00Z");
    s.due = Instant.parse("2026-03-02T10:00:00.000000001Z");
    s.reported.put("first_response#0", new int[] {3, 80});
    byte[] b = s.toBytes();
    ClockState r = ClockState.fromBytes(b);
    assertEquals(s.maxAt, r.maxAt);
    assertEquals(s.due, r.due);
    assertEquals(Arrays.toString(s.snapshot), Arrays.toString(r.snapshot));
    assertEquals("[3, 80]", Arrays.toString(r.reported.get("first_response#0")));
    for (int n = 0; n < b.length; n++) {
      byte[] cut = Arrays.copyOf(b, n);
      assertThrows(IllegalArgumentException.class, () -> ClockState.fromBytes(cut), "length " + n);
    }
  }
}
