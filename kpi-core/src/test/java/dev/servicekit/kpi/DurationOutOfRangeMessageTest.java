package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.kpi.staffing.StaffingJson;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A syntactically valid ISO-8601 duration whose value overflows {@link Duration} is reported as out
 * of range, not as bad syntax, by kpi-core's JSON readers (review 18).
 */
class DurationOutOfRangeMessageTest {

  @Test
  void staffingJsonReportsAnOverflowingDurationAsOutOfRange() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                StaffingJson.readForecast(
                    "{\"intervalLength\": \"PT9999999999999999H\", \"intervals\": []}"));
    assertTrue(
        e.getMessage()
            .startsWith(
                "intervalLength \"PT9999999999999999H\" is out of range: valid ISO-8601, but"
                    + " longer than a java.time.Duration holds (about 292 billion years)"
                    + " (at $.intervalLength, line 1, column 20)"),
        e.getMessage());
  }

  @Test
  void aRepeatContactSnapshotReportsAnOverflowingWindowAsOutOfRange() {
    RepeatContactTracker<String> t = RepeatContactTracker.create(Duration.ofDays(7));
    String json = t.toJson(KeyCodec.strings());
    assertTrue(json.contains("\"PT168H\""), json);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RepeatContactTracker.fromJson(
                    Resealed.json(json.replace("\"PT168H\"", "\"PT99999999999999999999H\"")),
                    KeyCodec.strings()));
    assertEquals(
        "state.window is \"PT99999999999999999999H\" but is out of range: longer than a"
            + " java.time.Duration holds",
        JsonErrors.asBefore(e.getMessage()));
  }
}
