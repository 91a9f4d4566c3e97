package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The repeat-contact snapshot reader refuses a window written with two minus signs ({@code
 * -PT-168H}), which {@link Duration#parse} negates twice into a positive week, as the policy,
 * calendar and staffing readers do; one sign is still refused as not positive.
 */
class RepeatContactWindowSignTest {

  @Test
  void aDoublyNegatedWindowIsRefusedAtItsPath() {
    String json =
        RepeatContactTracker.<String>create(Duration.ofDays(7)).toJson(KeyCodec.strings());
    assertTrue(json.contains("\"window\":\"PT168H\""), json);
    String edited = Resealed.json(json.replace("\"PT168H\"", "\"-PT-168H\""));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RepeatContactTracker.fromJson(edited, KeyCodec.strings()));
    assertTrue(e.getMessage().contains("a minus before P and another"), e.getMessage());
    assertTrue(e.getMessage().contains("$.state.window"), e.getMessage());
    String oneSign = Resealed.json(json.replace("\"PT168H\"", "\"-PT168H\""));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> RepeatContactTracker.fromJson(oneSign, KeyCodec.strings()))
            .getMessage()
            .contains("must be positive"));
    assertEquals(
        Duration.ofDays(7), RepeatContactTracker.fromJson(json, KeyCodec.strings()).window());
  }
}
