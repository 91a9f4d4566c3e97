package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A {@link WindowedKpi} checkpoints with a {@link KeyCodec}, as {@link RevisedValues} and {@link
 * RepeatContactTracker} do: the same bytes and text as the key writer {@code keys::encode}, read
 * back with the codec's decoder, its refusals located as the key reader's are.
 */
class WindowedKpiKeyCodecTest {

  private static final Supplier<RatingAccumulator> CSAT =
      () -> RatingAccumulator.create(RatingScale.csatFivePoint());
  private static final KeyCodec<GroupKey> GROUP_KEYS =
      KeyCodec.of(GroupKey::toString, GroupKey::parse);

  private static WindowedKpi<GroupKey, RatingAccumulator> table() {
    WindowSpec weeks =
        new WindowSpec(WindowUnit.WEEK, ZoneId.of("America/New_York"), DayOfWeek.SUNDAY);
    WindowedKpi<GroupKey, RatingAccumulator> t =
        WindowedKpi.create(CSAT, weeks, Duration.ofDays(1));
    Instant at = Instant.parse("2026-03-08T14:00:00Z");
    t.recordInt(GroupKey.of("team", "red", "agent", "anna"), at, RatingAccumulator::add, 5);
    t.recordInt(
        GroupKey.of("team", "blue", "agent", "bob"),
        at.plusSeconds(3_600),
        RatingAccumulator::add,
        2);
    return t;
  }

  @Test
  void aCodecWritesWhatItsEncoderWrites() {
    WindowedKpi<GroupKey, RatingAccumulator> t = table();
    assertArrayEquals(t.toBytes(GroupKey::toString), t.toBytes(GROUP_KEYS));
    assertEquals(t.toJson(GroupKey::toString), t.toJson(GROUP_KEYS));
  }

  @Test
  void aCodecReadsBackTheTable() {
    WindowedKpi<GroupKey, RatingAccumulator> t = table();
    WindowedKpi<GroupKey, RatingAccumulator> fromBytes =
        WindowedKpi.fromBytes(t.toBytes(GROUP_KEYS), CSAT, RatingAccumulator.class, GROUP_KEYS);
    WindowedKpi<GroupKey, RatingAccumulator> fromJson =
        WindowedKpi.fromJson(t.toJson(GROUP_KEYS), CSAT, RatingAccumulator.class, GROUP_KEYS);
    assertEquals(t.spec(), fromBytes.spec());
    assertEquals(t.toJson(GROUP_KEYS), fromBytes.toJson(GROUP_KEYS));
    assertEquals(t.toJson(GROUP_KEYS), fromJson.toJson(GROUP_KEYS));
  }

  @Test
  void aKeyTheCodecCannotDecodeIsRefusedAtItsPath() {
    KeyCodec<Long> longs = KeyCodec.longs();
    String json = table().toJson(GROUP_KEYS);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> WindowedKpi.fromJson(json, CSAT, RatingAccumulator.class, longs));
    assertTrue(e.getMessage().contains("groups[0].key"), e.getMessage());
  }
}
