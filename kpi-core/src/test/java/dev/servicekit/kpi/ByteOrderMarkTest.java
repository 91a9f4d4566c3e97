package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.servicekit.kpi.staffing.StaffingJson;
import org.junit.jupiter.api.Test;

/**
 * Every kpi-core JSON text reader skips one leading byte order mark (U+FEFF), as the other cores'
 * readers and Jackson's stream readers do; a second mark is content, and refused.
 */
class ByteOrderMarkTest {

  @Test
  void everyTextReaderSkipsOneLeadingMark() {
    NpsAccumulator nps = NpsAccumulator.create();
    nps.add(9);
    nps.add(3);
    String snapshot = KpiSnapshots.toJson(nps);
    assertEquals(
        KpiSnapshots.toJson(KpiSnapshots.fromJson(snapshot)),
        KpiSnapshots.toJson(KpiSnapshots.fromJson("\uFEFF" + snapshot)));
    assertEquals(
        KpiSnapshots.toJson(KpiSnapshots.fromJson(snapshot, NpsAccumulator.class)),
        KpiSnapshots.toJson(KpiSnapshots.fromJson("\uFEFF" + snapshot, NpsAccumulator.class)));
    assertThrows(
        IllegalArgumentException.class, () -> KpiSnapshots.fromJson("\uFEFF\uFEFF" + snapshot));

    String target = "{\"serviceLevel\": 0.9, \"answerWithin\": \"PT30S\"}";
    assertEquals(StaffingJson.readTarget(target), StaffingJson.readTarget("\uFEFF" + target));
    String forecast =
        "{\"intervalLength\": \"PT30M\", \"averageHandleTime\": \"PT3M\", \"intervals\": ["
            + "{\"start\": \"08:00\", \"calls\": 100}]}";
    assertEquals(
        StaffingJson.readForecast(forecast), StaffingJson.readForecast("\uFEFF" + forecast));
    assertThrows(
        IllegalArgumentException.class, () -> StaffingJson.readTarget("\uFEFF\uFEFF" + target));
  }

  /** A duration in months is refused saying why, as in sla-core (a review finding). */
  @Test
  void aDurationInMonthsSaysWhy() {
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () -> StaffingJson.readTarget("{\"serviceLevel\": 0.9, \"answerWithin\": \"P1M\"}"))
            .getMessage();
    org.junit.jupiter.api.Assertions.assertTrue(
        m.contains("is not an ISO-8601 duration such as PT20S: years, months and weeks have no"),
        m);
  }
}
