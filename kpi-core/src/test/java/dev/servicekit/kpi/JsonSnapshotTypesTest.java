package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * JSON snapshots whose checksum was recomputed after an edit (a checksum is no signature): a sketch
 * given as an array or object is refused (it was read as an empty sketch, its observations lost),
 * and a key with a lone surrogate is refused where it is read (it was restored, and the next
 * checkpoint of the restored object then failed).
 */
class JsonSnapshotTypesTest {

  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  /**
   * The document with its crc32c field recomputed as the reader checks it: over the compact JSON of
   * the rest, encoded as UTF-8.
   */
  static String resealed(String json) {
    try {
      com.fasterxml.jackson.databind.ObjectMapper m =
          new com.fasterxml.jackson.databind.ObjectMapper();
      com.fasterxml.jackson.databind.node.ObjectNode n =
          (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(json);
      n.remove("crc32c");
      CRC32C crc = new CRC32C();
      crc.update(m.writeValueAsString(n).getBytes(StandardCharsets.UTF_8));
      String body = json.replaceFirst(",\\s*\"crc32c\"\\s*:\\s*\"[0-9a-f]{8}\"", "");
      int end = body.lastIndexOf('}');
      return body.substring(0, end)
          + ",\"crc32c\":\""
          + String.format(Locale.ROOT, "%08x", crc.getValue())
          + "\"}";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aSketchThatIsNotAStringIsRefusedNotReadAsEmpty() {
    PercentileAccumulator p = PercentileAccumulator.create();
    p.addMillis(100);
    p.addMillis(200);
    String json = KpiSnapshots.toJson(p).replaceAll("\\s+", "");
    assertEquals(json, resealed(json), "the test's checksum is the writer's");
    String sketch = json.replaceFirst(".*\"sketch\":(\"[^\"]*\").*", "$1");
    for (String wrong : new String[] {"[" + sketch + "]", "{}", "[]", "true", "12"}) {
      String edited = resealed(json.replace("\"sketch\":" + sketch, "\"sketch\":" + wrong));
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> PercentileAccumulator.fromJson(edited), wrong);
      assertTrue(e.getMessage().contains("must be a base64 string"), e.getMessage());
      assertTrue(e.getMessage().contains("$.state.sketch"), e.getMessage());
    }
  }

  @Test
  void aKeyWithALoneSurrogateIsRefusedWhereItIsRead() {
    RepeatContactTracker<String> tracker = RepeatContactTracker.create(Duration.ofDays(7));
    tracker.contact("c1", T0);
    String t = resealed(tracker.toJson(KeyCodec.strings()).replace("\"c1\"", "\"\\ud800\""));
    IllegalArgumentException a =
        assertThrows(
            IllegalArgumentException.class,
            () -> RepeatContactTracker.fromJson(t, KeyCodec.strings()));
    assertTrue(a.getMessage().contains("unpaired surrogate at index 0"), a.getMessage());
    assertTrue(a.getMessage().contains("$.state.customers[0].key"), a.getMessage());

    RevisedValues<String, NpsAccumulator> revised = RevisedValues.create(NpsAccumulator.create());
    revised.apply("a", 1, 9);
    String r = resealed(revised.toJson(KeyCodec.strings()).replace("\"a\"", "\"\\ud800\""));
    IllegalArgumentException b =
        assertThrows(
            IllegalArgumentException.class,
            () -> RevisedValues.fromJson(r, NpsAccumulator.class, KeyCodec.strings()));
    assertTrue(b.getMessage().contains("unpaired surrogate at index 0"), b.getMessage());

    WindowedKpi<String, DurationAccumulator> w = oneWindow();
    String wj = resealed(w.toJson(k -> k).replace("\"g1\"", "\"\\ud800\""));
    IllegalArgumentException c =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                WindowedKpi.fromJson(
                    wj, DurationAccumulator::create, DurationAccumulator.class, k -> k));
    assertTrue(c.getMessage().contains("unpaired surrogate at index 0"), c.getMessage());
    assertTrue(c.getMessage().contains("$.groups[0].key"), c.getMessage());
  }

  /**
   * A window table's zone, unit or first day given as a number is refused ("zone": -1 read as
   * -01:00).
   */
  @Test
  void aWindowSpecFieldThatIsNotAStringIsRefused() {
    WindowedKpi<String, DurationAccumulator> w = oneWindow();
    String json = w.toJson(k -> k);
    assertTrue(json.contains("\"zone\":\"Z\""), json);
    String edited = resealed(json.replace("\"zone\":\"Z\"", "\"zone\":-1"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                WindowedKpi.fromJson(
                    edited, DurationAccumulator::create, DurationAccumulator.class, k -> k));
    assertTrue(e.getMessage().startsWith("zone is -1 but must be a string"), e.getMessage());
    assertTrue(e.getMessage().contains("$.zone"), e.getMessage());
  }

  /** A day table holding one record of group g1. */
  private static WindowedKpi<String, DurationAccumulator> oneWindow() {
    WindowedKpi<String, DurationAccumulator> w =
        WindowedKpi.create(
            DurationAccumulator::create,
            WindowSpec.of(WindowUnit.DAY, ZoneOffset.UTC),
            Duration.ofHours(1));
    w.recordLong("g1", T0, DurationAccumulator::addMillis, 1000);
    return w;
  }
}
