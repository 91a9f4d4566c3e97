package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A stale revision that would make the stale count overflow is refused with an {@link
 * ArithmeticException} naming the count (as a merge names it), not Math.addExact's bare "long
 * overflow"; nothing changes.
 */
class StaleCountOverflowMessageTest {

  @Test
  void aStaleRevisionPastTheLongLimitNamesTheStaleCount() {
    RevisedValues<String, RatingAccumulator> t =
        RevisedValues.create(RatingAccumulator.create(RatingScale.csatFivePoint()));
    t.apply("r1", 2, 4);
    assertEquals(RevisedValues.Outcome.STALE, t.apply("r1", 1, 3)); // stale count 1
    String json =
        Resealed.json(
            t.toJson(KeyCodec.strings())
                .replaceFirst("\"staleCount\":\\d+", "\"staleCount\":" + Long.MAX_VALUE));
    RevisedValues<String, RatingAccumulator> full =
        RevisedValues.fromJson(json, RatingAccumulator.class, KeyCodec.strings());
    assertEquals(Long.MAX_VALUE, full.staleCount());
    String before = full.toJson(KeyCodec.strings());
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> full.apply("r1", 1, 3));
    assertTrue(e.getMessage().contains("stale"), e.getMessage());
    assertEquals(before, full.toJson(KeyCodec.strings()));
  }
}
