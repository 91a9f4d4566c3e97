package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.kpi.internal.Binary;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Contact times obey the rule of every instant of servicekit, {@code [1900-01-01T00:00:00Z,
 * 2300-01-01T00:00:00Z)}, as {@link WindowedKpi}'s event times: in {@code contact} and in both
 * snapshot readers. Before, {@code Instant.MAX} or the year 1000 was accepted and kept.
 */
class RepeatContactTrackerTimeRangeTest {

  private static final String RULE =
      " must be in [1900-01-01T00:00:00Z, 2300-01-01T00:00:00Z), as every instant of servicekit";

  @Test
  void aContactOutsideTheSupportedRangeIsRefusedNamingAtAndChangesNothing() {
    RepeatContactTracker<String> t = RepeatContactTracker.create(Duration.ofDays(7));
    t.contact("c1", Instant.parse("2026-12-01T09:00:00Z"));
    byte[] before = t.toBytes(KeyCodec.strings());
    for (Instant bad :
        List.of(
            Instant.MAX,
            Instant.MIN,
            Instant.parse("1000-01-01T00:00:00Z"),
            Instant.parse("1899-12-31T23:59:59.999999999Z"),
            Instant.parse("2300-01-01T00:00:00Z"))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> t.contact("c1", bad));
      assertEquals("at " + bad + RULE, e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> t.contact("new", bad));
      assertArrayEquals(before, t.toBytes(KeyCodec.strings()), "after " + bad);
    }
  }

  @Test
  void theEdgesOfTheRangeAreAccepted() {
    RepeatContactTracker<String> t = RepeatContactTracker.create(Duration.ofDays(7));
    assertTrue(t.contact("c1", Instant.parse("1900-01-01T00:00:00Z")));
    assertTrue(t.contact("c1", Instant.parse("2299-12-31T23:59:59.999999999Z")));
    assertEquals(2, t.outcomes().result().positive());
  }

  @Test
  void theJsonReaderRefusesAContactOutsideTheRangeWithItsPath() {
    RepeatContactTracker<String> t = RepeatContactTracker.create(Duration.ofDays(7));
    t.contact("c1", Instant.parse("2026-12-01T09:00:00Z"));
    String json =
        Resealed.json(
            t.toJson(KeyCodec.strings()).replace("2026-12-01T09:00:00Z", "1000-01-01T00:00:00Z"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RepeatContactTracker.fromJson(json, KeyCodec.strings()));
    assertTrue(
        e.getMessage().contains("\"1000-01-01T00:00:00Z\" but" + RULE), () -> e.getMessage());
    assertTrue(e.getMessage().contains("$.state.customers[0].contacts[0]"), () -> e.getMessage());
  }

  @Test
  void theBinaryReaderRefusesAContactOutsideTheRangeNamingTheField() {
    Instant ok = Instant.parse("2026-12-01T09:00:00Z");
    RepeatContactTracker<String> t = RepeatContactTracker.create(Duration.ofDays(7));
    t.contact("c1", ok);
    byte[] good = t.toBytes(KeyCodec.strings());
    // the snapshot ends with the only contact (seconds, then nanoseconds 0) and the checksum
    byte[] seconds = new Binary.Writer().writeLong(ok.getEpochSecond()).toByteArray();
    int at = good.length - 4 - 1 - seconds.length;
    assertArrayEquals(seconds, Arrays.copyOfRange(good, at, at + seconds.length));
    for (Instant bad : List.of(Instant.parse("1000-01-01T00:00:00Z"), Instant.MAX)) {
      byte[] tail =
          new Binary.Writer()
              .writeLong(bad.getEpochSecond())
              .writeLong(bad.getNano())
              .toByteArray();
      byte[] edited = Arrays.copyOf(good, at + tail.length + 4);
      System.arraycopy(tail, 0, edited, at, tail.length);
      byte[] bytes = Resealed.bytes(edited);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> RepeatContactTracker.fromBytes(bytes, KeyCodec.strings()));
      assertEquals(
          "snapshot field customers[0].contacts[0] is " + bad + " but" + RULE, e.getMessage());
    }
  }
}
