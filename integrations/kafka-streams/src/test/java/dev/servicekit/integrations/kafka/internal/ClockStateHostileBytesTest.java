package dev.servicekit.integrations.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.integrations.kafka.SlaClockTopology;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A clock-store value that is not one the topology wrote (a corrupted changelog record, bytes
 * handed to {@link SlaClockTopology#clockOf}) is refused with an {@link IllegalArgumentException}
 * naming what is wrong, as the documented contract says, never another exception and never read as
 * some other state: instants out of range, a negative cycle count, a repeated cycle id, bytes after
 * the snapshot or after a released marker.
 */
class ClockStateHostileBytesTest {

  private interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] bytes(Body body) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(b)) {
      body.write(out);
    }
    return b.toByteArray();
  }

  private static String refused(byte[] value) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ClockState.fromBytes(value));
    assertEquals(IllegalArgumentException.class, e.getClass());
    IllegalArgumentException viaQuery =
        assertThrows(
            IllegalArgumentException.class,
            () -> SlaClockTopology.clockOf(value, LiveClocksTest.SET, Map.of()));
    assertEquals(e.getMessage(), viaQuery.getMessage());
    return e.getMessage();
  }

  /** Version 2 with the given instant (seconds, nanos) as its latest event time. */
  private static byte[] version2At(long seconds, int nanos) throws IOException {
    return bytes(
        out -> {
          out.writeByte(2);
          out.writeBoolean(true);
          out.writeLong(seconds);
          out.writeInt(nanos);
          out.writeBoolean(false); // no timer
          out.writeInt(0); // no cycles
          out.writeInt(0); // empty snapshot
        });
  }

  @Test
  void aReleasedMarkerOutOfTheInstantRangeIsRefusedByName() throws IOException {
    // before: java.time.DateTimeException from Instant.ofEpochSecond
    byte[] b =
        bytes(
            out -> {
              out.writeByte(ClockState.RELEASED_MARKER);
              out.writeLong(Long.MAX_VALUE);
              out.writeInt(0);
            });
    String m = refused(b);
    assertTrue(m.contains("released"), m);
  }

  @Test
  void anInstantOutOfRangeIsRefusedByName() throws IOException {
    // before: DateTimeException (seconds beyond Instant.MAX), ArithmeticException (nanos that
    // carry the seconds past Long.MAX_VALUE)
    assertTrue(refused(version2At(Long.MAX_VALUE, 0)).contains("maxAt"));
    assertTrue(refused(version2At(Long.MAX_VALUE, -1)).contains("maxAt"));
  }

  @Test
  void nanosOutsideASecondAreRefusedNotNormalised() throws IOException {
    // before: read as 1 s - 1 ns earlier or later, a value no writer produces
    assertTrue(refused(version2At(0, -1)).contains("maxAt"));
    assertTrue(refused(version2At(0, 1_000_000_000)).contains("maxAt"));
  }

  @Test
  void aNegativeCycleCountIsRefused() throws IOException {
    byte[] b =
        bytes(
            out -> {
              out.writeByte(2);
              out.writeBoolean(false);
              out.writeBoolean(false);
              out.writeInt(-1); // before: read as no cycles
              out.writeInt(0);
            });
    assertTrue(refused(b).contains("count"));
  }

  @Test
  void aRepeatedCycleIdIsRefused() throws IOException {
    byte[] b =
        bytes(
            out -> {
              out.writeByte(2);
              out.writeBoolean(false);
              out.writeBoolean(false);
              out.writeInt(2);
              for (int warning : new int[] {0, 50}) { // before: the second silently won
                out.writeUTF("firstResponse#0");
                out.writeByte(1);
                out.writeShort(warning);
                out.writeInt(0);
              }
              out.writeInt(0);
            });
    assertTrue(refused(b).contains("firstResponse#0"));
  }

  @Test
  void bytesAfterTheSnapshotOrTheMarkerAreRefused() throws IOException {
    byte[] good = ClockStateTest.written(2, ClockStateTest.DUE, null);
    byte[] longer = Arrays.copyOf(good, good.length + 1); // before: the extra byte was ignored
    assertTrue(refused(longer).contains("after"));
    byte[] marker = ClockState.releasedMarker(ClockStateTest.RELEASE);
    assertTrue(refused(Arrays.copyOf(marker, marker.length + 3)).contains("after"));
  }

  @Test
  void whatTheWriterWritesIsStillRead() {
    ClockState s = ClockStateTest.state(ClockStateTest.DUE, ClockStateTest.RELEASE);
    ClockState read = ClockState.fromBytes(s.toBytes());
    assertEquals(ClockStateTest.DUE, read.due);
    assertEquals(ClockStateTest.RELEASE, read.release);
    assertEquals(
        ClockStateTest.RELEASE,
        ClockState.fromBytes(ClockState.releasedMarker(ClockStateTest.RELEASE)).released);
  }

  @Property(tries = 400)
  void anyMutationOfAValueIsReadOrRefusedByName(@ForAll("mutated") byte[] value) {
    try {
      ClockState.fromBytes(value);
    } catch (IllegalArgumentException e) {
      assertEquals(IllegalArgumentException.class, e.getClass(), e::toString);
      assertTrue(e.getMessage() != null && e.getMessage().length() <= 500, e::getMessage);
    }
  }

  @Provide
  Arbitrary<byte[]> mutated() throws IOException {
    byte[] v3 = ClockStateTest.state(ClockStateTest.DUE, ClockStateTest.RELEASE).toBytes();
    byte[] v2 = ClockStateTest.written(2, ClockStateTest.DUE, null);
    byte[] marker = ClockState.releasedMarker(ClockStateTest.RELEASE);
    Arbitrary<byte[]> seeds = Arbitraries.of(v3, v2, marker);
    return seeds.flatMap(
        b ->
            Arbitraries.integers()
                .between(0, b.length - 1)
                .flatMap(
                    i ->
                        Arbitraries.bytes()
                            .map(
                                x -> {
                                  byte[] out = b.clone();
                                  out[i] = x;
                                  return out;
                                })));
  }
}
