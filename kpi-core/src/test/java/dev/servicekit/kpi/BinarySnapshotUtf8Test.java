package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * s12user: kpi-core's binary snapshots decoded text leniently, so a snapshot (with a matching
 * checksum) whose action name, sample id or group key held bytes that are not UTF-8 restored
 * another text, U+FFFD in their place ({@code "\ufffdeply"} for {@code "reply"}), where sla-core's
 * clock snapshots refuse them. Such text is now refused naming the field.
 */
class BinarySnapshotUtf8Test {

  /** {@code b} with the first byte of the first {@code text} in it replaced by 0xFF, resealed. */
  private static byte[] broken(byte[] b, String text) {
    String latin = new String(b, StandardCharsets.ISO_8859_1);
    int i = latin.indexOf(text);
    assertTrue(i > 0, text);
    byte[] out = b.clone();
    out[i] = (byte) 0xFF;
    return Resealed.bytes(out);
  }

  @Test
  void textThatIsNotUtf8IsRefusedNamingTheField() {
    ProductivityAccumulator counts =
        ProductivityIndex.of(Map.of("reply", 1.0), 0, 0).newAccumulator();
    counts.add("reply");
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () -> ProductivityAccumulator.fromBytes(broken(counts.toBytes(), "reply")))
            .getMessage();
    assertTrue(
        m.contains("snapshot field action[0] at byte ") && m.endsWith("is not valid UTF-8"), m);

    WindowedKpi<String, NpsAccumulator> table =
        WindowedKpi.create(
            NpsAccumulator::create, WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC), Duration.ZERO);
    table.recordInt("team-red", Instant.parse("2026-03-02T10:00:00Z"), NpsAccumulator::add, 9);
    byte[] bytes = broken(table.toBytes(k -> k), "team-red");
    m =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    WindowedKpi.fromBytes(
                        bytes, NpsAccumulator::create, NpsAccumulator.class, k -> k))
            .getMessage();
    assertTrue(m.contains("groups[0].key") && m.contains("is not valid UTF-8"), m);

    // well-formed text, a four-byte character included, still reads back
    ProductivityAccumulator pair =
        ProductivityIndex.of(Map.of("reply\ud83d\ude00", 1.0), 0, 0).newAccumulator();
    assertEquals(pair.actions(), ProductivityAccumulator.fromBytes(pair.toBytes()).actions());
  }
}
