package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Window boundaries, the per-group window cache and snapshot structure of {@link WindowedKpi}. */
class WindowedKpiEdgesTest {

  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
  private static final WindowSpec HOURLY = WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC);

  private static WindowedKpi<String, DurationAccumulator> table(Duration lateness) {
    return WindowedKpi.create(DurationAccumulator::create, HOURLY, lateness);
  }

  private static boolean add(
      WindowedKpi<String, DurationAccumulator> kpi, String group, Instant t, long millis) {
    return kpi.recordLong(group, t, DurationAccumulator::addMillis, millis);
  }

  private static DurationResult window(
      WindowedKpi<String, DurationAccumulator> kpi, String group, Instant start) {
    return kpi.window(group, start).orElseThrow().result();
  }

  @Test
  void recordLongUpdatesTheWindowAndTheAllTimeAccumulator() {
    WindowedKpi<String, DurationAccumulator> kpi = table(Duration.ZERO);
    assertEquals(HOURLY, kpi.spec());
    assertTrue(add(kpi, "a", T0.plusSeconds(60), 1200));
    assertEquals(new DurationResult(1, 1200), window(kpi, "a", T0));
    assertEquals(new DurationResult(1, 1200), kpi.allTime("a").result());
    // late: counted in the all-time accumulator and in droppedLate, not in a window
    assertTrue(add(kpi, "a", T0.plusSeconds(7200), 10));
    assertFalse(add(kpi, "a", T0.plusSeconds(120), 30));
    assertEquals(new DurationResult(1, 1200), window(kpi, "a", T0));
    assertEquals(new DurationResult(3, 1240), kpi.allTime("a").result());
    assertEquals(1, kpi.droppedLate());
  }

  @Test
  void aWindowClosesWhenTheWatermarkReachesItsEndPlusTheLateness() {
    WindowedKpi<String, DurationAccumulator> strict = table(Duration.ZERO);
    add(strict, "a", T0.plusSeconds(3600), 1); // watermark = end of the first hour
    assertFalse(add(strict, "b", T0.plusSeconds(3599), 1), "end + 0 ms is closed");
    WindowedKpi<String, DurationAccumulator> lenient = table(Duration.ofMillis(1));
    add(lenient, "a", T0.plusSeconds(3600), 1);
    assertTrue(add(lenient, "b", T0.plusSeconds(3599), 1), "end + 1 ms is still open");
  }

  @Test
  void anEventAtAWindowsEndStartsTheNextWindow() {
    WindowedKpi<String, DurationAccumulator> kpi = table(Duration.ofHours(2));
    add(kpi, "a", T0.plusSeconds(1800), 1);
    add(kpi, "a", T0.plusSeconds(3600), 2);
    assertEquals(new DurationResult(1, 1), window(kpi, "a", T0));
    assertEquals(new DurationResult(1, 2), window(kpi, "a", T0.plusSeconds(3600)));
  }

  @Test
  void aCachedWindowIsNotMovedByAnotherGroupsEvent() {
    // a's cached window is [0h, 1h); an event of b in another hour, then a hit on a's cache, must
    // leave a's cache on a's own window
    WindowedKpi<String, DurationAccumulator> kpi = table(Duration.ofHours(6));
    add(kpi, "a", T0.plusSeconds(1800), 1);
    add(kpi, "b", T0.plusSeconds(5 * 3600 + 1800), 10);
    add(kpi, "a", T0.plusSeconds(2400), 2);
    add(kpi, "a", T0.plusSeconds(5 * 3600 + 600), 4);
    assertEquals(new DurationResult(2, 3), window(kpi, "a", T0));
    assertEquals(new DurationResult(1, 4), window(kpi, "a", T0.plusSeconds(5 * 3600)));
    assertEquals(2, kpi.windows("a").size());
  }

  @Test
  void anEmptyRangeSelectsNothing() {
    WindowedKpi<String, DurationAccumulator> kpi = table(Duration.ofHours(6));
    add(kpi, "a", T0.plusSeconds(1800), 5);
    assertEquals(new DurationResult(0, 0), kpi.range("a", T0, T0).result());
    assertEquals(new DurationResult(1, 5), kpi.range("a", T0, T0.plusSeconds(1)).result());
  }

  @Test
  void aReversedRangeIsRefusedNamingBothBounds() {
    // before: swapped bounds gave an empty accumulator, read as "no events"
    WindowedKpi<String, DurationAccumulator> kpi = table(Duration.ofHours(6));
    add(kpi, "a", T0.plusSeconds(1800), 5);
    Instant later = T0.plusSeconds(3600);
    for (String group : new String[] {"a", "unknown"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> kpi.range(group, later, T0));
      assertEquals(
          "to "
              + T0
              + " must not be before from "
              + later
              + ": a range selects the panes starting in [from, to)",
          e.getMessage());
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> kpi.range("a", Instant.MAX, Instant.ofEpochMilli(Long.MAX_VALUE)));
  }

  private static WindowedKpi<String, DurationAccumulator> sample() {
    WindowedKpi<String, DurationAccumulator> kpi = table(Duration.ofHours(1));
    add(kpi, "team-a", T0, 1200);
    return kpi;
  }

  private static WindowedKpi<String, DurationAccumulator> fromJson(String json) {
    return WindowedKpi.fromJson(
        json, DurationAccumulator::create, DurationAccumulator.class, k -> k);
  }

  @Test
  void jsonSnapshotsRefuseUnknownFieldsAtEveryLevel() throws Exception {
    String json = sample().toJson(k -> k);
    assertEquals(sample().windows("team-a").keySet(), fromJson(json).windows("team-a").keySet());
    ObjectNode root = (ObjectNode) KpiSnapshots.mapper().readTree(json);
    root.put("extra", 1);
    assertMessageStarts("unknown field \"extra\"", () -> fromJson(Resealed.json(root.toString())));
    root.remove("extra");
    ObjectNode group = (ObjectNode) root.withArray("groups").get(0);
    group.put("extra", 1);
    assertMessageStarts(
        "unknown field \"extra\"; known: allTime, key, windows",
        () -> fromJson(Resealed.json(root.toString())));
    group.remove("extra");
    ((ObjectNode) group.withArray("windows").get(0)).put("extra", 1);
    assertMessageStarts(
        "unknown field \"extra\"; known: accumulator, start",
        () -> fromJson(Resealed.json(root.toString())));
  }

  @Test
  void jsonSnapshotsNameAGroupOrWindowThatIsNotAnObject() throws Exception {
    ObjectNode root = (ObjectNode) KpiSnapshots.mapper().readTree(sample().toJson(k -> k));
    ObjectNode group = (ObjectNode) root.withArray("groups").get(0);
    group.withArray("windows").set(0, KpiSnapshots.mapper().getNodeFactory().numberNode(5));
    assertMessageStarts(
        "groups[0].windows[0] is 5 but must be an object",
        () -> fromJson(Resealed.json(root.toString())));
    root.withArray("groups").set(0, KpiSnapshots.mapper().getNodeFactory().numberNode(5));
    assertMessageStarts(
        "groups[0] is 5 but must be an object", () -> fromJson(Resealed.json(root.toString())));
  }

  @Test
  void binarySnapshotsRefuseTrailingBytes() {
    byte[] b = sample().toBytes(k -> k);
    byte[] longer = Arrays.copyOf(b, b.length + 1);
    System.arraycopy(b, b.length - 4, longer, b.length - 3, 4); // one zero byte before the CRC
    longer[b.length - 4] = 0;
    byte[] resealed = Resealed.bytes(longer);
    assertMessageStarts(
        "snapshot has 1 trailing bytes after the last field",
        () ->
            WindowedKpi.fromBytes(
                resealed, DurationAccumulator::create, DurationAccumulator.class, k -> k));
    Map<Instant, DurationAccumulator> windows =
        WindowedKpi.fromBytes(b, DurationAccumulator::create, DurationAccumulator.class, k -> k)
            .windows("team-a");
    assertEquals(new DurationResult(1, 1200), windows.get(T0).result());
  }

  private static WindowedKpi<String, DurationAccumulator> twoWindows() {
    WindowedKpi<String, DurationAccumulator> kpi = table(Duration.ofHours(1));
    add(kpi, "team-a", T0, 1200);
    add(kpi, "team-a", T0.plusSeconds(3600), 300);
    return kpi;
  }

  /** The zig-zag varint of {@code v}, as the binary snapshots write a long. */
  private static byte[] varlong(long v) {
    long z = (v << 1) ^ (v >> 63);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    while ((z & ~0x7FL) != 0) {
      out.write((int) ((z & 0x7F) | 0x80));
      z >>>= 7;
    }
    out.write((int) z);
    return out.toByteArray();
  }

  @Test
  void aSnapshotThatRepeatsAWindowStartIsRefusedInsteadOfKeepingOnlyTheLastWindow()
      throws Exception {
    // before: the second window silently replaced the first, losing its events
    ObjectNode root = (ObjectNode) KpiSnapshots.mapper().readTree(twoWindows().toJson(k -> k));
    com.fasterxml.jackson.databind.node.ArrayNode windows =
        ((ObjectNode) root.withArray("groups").get(0)).withArray("windows");
    ((ObjectNode) windows.get(1)).put("start", windows.get(0).get("start").asText());
    assertMessageStarts(
        "groups[0].windows[1].start 2026-03-02T00:00:00Z repeats an earlier window of the group",
        () -> fromJson(Resealed.json(root.toString())));

    byte[] b = twoWindows().toBytes(k -> k);
    byte[] first = varlong(T0.toEpochMilli());
    byte[] second = varlong(T0.plusSeconds(3600).toEpochMilli());
    assertEquals(first.length, second.length);
    int at = -1; // the last occurrence: the watermark, written earlier, has the same value
    for (int i = b.length - second.length; i >= 0 && at < 0; i--) {
      if (Arrays.equals(Arrays.copyOfRange(b, i, i + second.length), second)) {
        at = i;
      }
    }
    assertTrue(at > 0, "the second window's start is in the snapshot");
    byte[] edited = b.clone();
    System.arraycopy(first, 0, edited, at, first.length);
    byte[] resealed = Resealed.bytes(edited);
    assertMessageStarts(
        "groups[0].windows[1].start 2026-03-02T00:00:00Z repeats an earlier window of the group",
        () ->
            WindowedKpi.fromBytes(
                resealed, DurationAccumulator::create, DurationAccumulator.class, k -> k));
    assertEquals(
        twoWindows().windows("team-a").keySet(),
        WindowedKpi.fromBytes(b, DurationAccumulator::create, DurationAccumulator.class, k -> k)
            .windows("team-a")
            .keySet());
  }

  /** The message, as {@link JsonErrors#asBefore} gives it, starts with {@code prefix}. */
  static void assertMessageStarts(String prefix, Executable call) {
    String m = JsonErrors.asBefore(assertThrows(IllegalArgumentException.class, call).getMessage());
    assertTrue(m.startsWith(prefix), () -> m + " does not start with " + prefix);
  }
}
