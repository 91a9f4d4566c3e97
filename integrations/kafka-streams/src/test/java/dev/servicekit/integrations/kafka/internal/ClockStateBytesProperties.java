package dev.servicekit.integrations.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link ClockState#toBytes()} writes exactly what it wrote through a {@link DataOutputStream}
 * before (kept here as the oracle), for every version, absent and present instants, and keys with
 * any chars: NUL, two- and three-byte chars, surrogates (modified UTF-8, as {@code writeUTF}).
 */
class ClockStateBytesProperties {

  /** The former writer. */
  private static byte[] oracle(ClockState s) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(s.release == null ? 4 : 5);
      instant(out, s.maxAt);
      instant(out, s.due);
      if (s.release != null) {
        instant(out, s.release);
      }
      out.writeInt(s.reported.size());
      for (Map.Entry<String, int[]> e : s.reported.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeByte(e.getValue()[0]);
        out.writeShort(e.getValue()[1]);
        out.writeInt(e.getValue()[2]);
        out.writeByte(e.getValue()[3]);
        out.writeInt(e.getValue()[4]);
        out.writeInt(e.getValue()[5]);
        out.writeInt(e.getValue()[6]);
      }
      out.writeInt(s.snapshot.length);
      out.write(s.snapshot);
    }
    return bytes.toByteArray();
  }

  private static void instant(DataOutputStream out, Instant t) throws IOException {
    out.writeBoolean(t != null);
    if (t != null) {
      out.writeLong(t.getEpochSecond());
      out.writeInt(t.getNano());
    }
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.longs()
            .between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
            .flatMap(
                s ->
                    Arbitraries.integers()
                        .between(0, 999_999_999)
                        .map(n -> Instant.ofEpochSecond(s, n))));
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.of("\u0000", "é", "߿", "ࠀ", "中", "😀", "\uD800", "\uDC00", "a", "#", "￿")
            .list()
            .ofMaxSize(12)
            .map(l -> String.join("", l)),
        Arbitraries.of("firstResponse#0", "resolution#12", "stage:triage#3"));
  }

  @Property(tries = 500)
  void writtenAsThroughADataOutputStream(
      @ForAll("instants") Instant maxAt,
      @ForAll("instants") Instant due,
      @ForAll("instants") Instant release,
      @ForAll List<@From("keys") String> keys,
      @ForAll int warning,
      @ForAll int escalation,
      @ForAll byte[] snapshot)
      throws IOException {
    ClockState s = new ClockState();
    s.maxAt = maxAt;
    s.due = due;
    s.release = release;
    s.snapshot = snapshot;
    int k = 0;
    for (String key : keys) {
      boolean dated = k % 3 != 0;
      s.reported.put(
          key,
          new int[] {
            k++ % 8,
            warning + k,
            escalation - k,
            dated ? 1 : 0,
            dated ? k : 0,
            dated ? -k : 0,
            dated ? 7 : 0
          });
    }
    byte[] written = s.toBytes();
    assertArrayEquals(oracle(s), written);
  }
}
