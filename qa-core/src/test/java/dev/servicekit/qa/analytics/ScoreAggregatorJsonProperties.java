package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.qa.internal.SnapshotJson;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link ScoreAggregator#toJson()} and {@link ScoreAggregator#fromJson(String)}: state to JSON to
 * state is the state (bit for bit, the same bytes); JSON and binary restore equal aggregators; any
 * cell state written both ways is read by both readers alike, accepted into equal aggregators or
 * refused with the same message, the JSON one adding its path, line and column (the rules are
 * shared, not restated); corrupted text gives an aggregator or an {@link IllegalArgumentException}
 * with a bounded, located message, never another exception.
 */
class ScoreAggregatorJsonProperties {

  private static final LocalDate D0 = LocalDate.of(2026, 2, 20);

  record Score(String agent, int day, double score) {}

  @Provide
  Arbitrary<List<Score>> scores() {
    return Combinators.combine(
            Arbitraries.of("ann", "bob", "a\u00e9\u4e2d\"\\/\uD83D\uDE00"),
            Arbitraries.integers().between(0, 90),
            Arbitraries.oneOf(
                Arbitraries.doubles().between(0, 100).ofScale(2),
                Arbitraries.doubles().between(-1e100, 1e100),
                Arbitraries.of(0.0, -0.0, 1e-300, Double.MIN_VALUE, 1e100, -1e100)))
        .as(Score::new)
        .list()
        .ofMaxSize(40);
  }

  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of(
        ZoneId.of("UTC"), ZoneId.of("America/Chicago"), ZoneId.of("Asia/Tehran"), ZoneId.of("Z"));
  }

  private static ScoreAggregator fed(
      List<Score> scores, Granularity g, ZoneId zone, DayOfWeek first) {
    ScoreAggregator a = ScoreAggregator.create(g, zone, first);
    for (Score s : scores) {
      a.add(s.agent(), D0.plusDays(s.day()), s.score());
    }
    // a few retractions, so that states other than plain sums are written too
    for (int i = 0; i < scores.size(); i += 3) {
      Score s = scores.get(i);
      try {
        a.retract(s.agent(), D0.plusDays(s.day()), s.score());
      } catch (IllegalArgumentException refused) {
        // a retraction the rounding of extreme scores cannot explain: refused, nothing changed
      }
    }
    return a;
  }

  @Property(tries = 300)
  void stateToJsonToStateIsTheState(
      @ForAll("scores") List<Score> scores,
      @ForAll Granularity g,
      @ForAll("zones") ZoneId zone,
      @ForAll DayOfWeek first) {
    ScoreAggregator a = fed(scores, g, zone, first);
    String json = a.toJson();
    ScoreAggregator back = ScoreAggregator.fromJson(json);
    assertArrayEquals(a.toBytes(), back.toBytes(), "bit for bit");
    assertEquals(json, back.toJson(), "equal aggregators write equal text");
    back.merge(a); // the same granularity, week start and zone
  }

  @Property(tries = 300)
  void jsonAndBinaryRestoreEqualAggregators(
      @ForAll("scores") List<Score> scores,
      @ForAll Granularity g,
      @ForAll("zones") ZoneId zone,
      @ForAll DayOfWeek first) {
    ScoreAggregator a = fed(scores, g, zone, first);
    ScoreAggregator fromJson = ScoreAggregator.fromJson(a.toJson());
    ScoreAggregator fromBytes = ScoreAggregator.fromBytes(a.toBytes());
    assertArrayEquals(fromBytes.toBytes(), fromJson.toBytes());
    assertEquals(fromBytes.toJson(), fromJson.toJson());
    assertEquals(fromBytes.summaries(0.95, 5), fromJson.summaries(0.95, 5));
  }

  /** A cell as a snapshot may hold it, valid or not. */
  record Cell(String agent, int day, long count, double mean, double m2, double scale) {}

  @Provide
  Arbitrary<List<Cell>> cells() {
    return Combinators.combine(
            Arbitraries.of("ann", "bob", "", " ", "x\u0000y", "a".repeat(129)),
            Arbitraries.oneOf(
                Arbitraries.integers().between(0, 20), Arbitraries.of(200_000, -60_000)),
            Arbitraries.of(-1L, 0L, 1L, 2L, 3L, Long.MAX_VALUE),
            Arbitraries.of(0.0, 50.0, 85.5, -20.0, 2e100, 1e-300),
            Arbitraries.of(0.0, 12.5, -1.0, 1e300, 1e100),
            Arbitraries.of(0.0, 50.0, 85.5, 100.0, 2e100, -1.0))
        .as(Cell::new)
        .list()
        .ofMaxSize(4);
  }

  @Provide
  Arbitrary<String> granularityNames() {
    return Arbitraries.of("DAY", "WEEK", "MONTH", "YEAR");
  }

  @Provide
  Arbitrary<String> zoneIds() {
    return Arbitraries.of("UTC", "America/Chicago", "Mars/Olympus");
  }

  @Provide
  Arbitrary<Integer> declaredDays() {
    return Arbitraries.of(0, 0, 0, 1, 3, 7);
  }

  @Property(tries = 1000)
  void binaryAndJsonReadersApplyTheSameRules(
      @ForAll("cells") List<Cell> cells,
      @ForAll("granularityNames") String g,
      @ForAll("zoneIds") String zone,
      @ForAll("declaredDays") int declared)
      throws IOException {
    byte[] bytes = binary(cells, g, zone, declared);
    String json = json(cells, g, zone, declared);
    ScoreAggregator fromBytes;
    try {
      fromBytes = ScoreAggregator.fromBytes(bytes);
    } catch (IllegalArgumentException refused) {
      IllegalArgumentException j =
          assertThrows(IllegalArgumentException.class, () -> ScoreAggregator.fromJson(json));
      assertTrue(
          j.getMessage().startsWith(refused.getMessage() + " (at $"),
          () -> "binary: " + refused.getMessage() + "\njson:   " + j.getMessage());
      assertTrue(j.getMessage().contains(", line 1, column "), j::getMessage);
      return;
    }
    ScoreAggregator fromJson = ScoreAggregator.fromJson(json);
    assertArrayEquals(fromBytes.toBytes(), fromJson.toBytes());
  }

  /** A binary snapshot of {@code cells} as written: version 3 with a declared day, else 2. */
  static byte[] binary(List<Cell> cells, String g, String zone, int declared) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {'S', 'K', 0x31, (byte) (declared == 0 ? 2 : 3)});
    out.writeUTF(g);
    out.writeUTF(zone);
    if (declared != 0) {
      out.writeByte(declared);
    }
    out.writeInt(cells.size());
    for (Cell c : cells) {
      out.writeUTF(c.agent());
      out.writeLong(D0.plusDays(c.day()).toEpochDay());
      out.writeLong(c.count());
      out.writeDouble(c.mean());
      out.writeDouble(c.m2());
      out.writeDouble(c.scale());
    }
    out.flush();
    CRC32C crc = new CRC32C();
    crc.update(bytes.toByteArray());
    out.writeInt((int) crc.getValue());
    return bytes.toByteArray();
  }

  /** The same state as a JSON snapshot, sealed. */
  static String json(List<Cell> cells, String g, String zone, int declared) {
    ObjectNode root = SnapshotJson.begin("scoreAggregator", 1);
    root.put("granularity", g);
    root.put("zone", zone);
    if (declared != 0) {
      root.put("firstDayOfWeek", DayOfWeek.of(declared).name());
    }
    ArrayNode a = root.putArray("cells");
    for (Cell c : cells) {
      ObjectNode n = a.addObject();
      n.put("agentId", c.agent());
      n.put("periodStart", D0.plusDays(c.day()).toString());
      n.put("count", c.count());
      SnapshotJson.put(n, "mean", c.mean());
      SnapshotJson.put(n, "m2", c.m2());
      SnapshotJson.put(n, "scale", c.scale());
    }
    return SnapshotJson.seal(root);
  }

  private static final String EDITS = "{}[]\",:0123456789.eE-+ aZ\\\u0000\uD800";

  @Property(tries = 2000)
  void corruptedTextGivesAnAggregatorOrALocatedError(
      @ForAll("scores") List<Score> scores, @ForAll long seed) {
    ScoreAggregator a = fed(scores, Granularity.WEEK, ZoneId.of("UTC"), DayOfWeek.SUNDAY);
    String json = a.toJson();
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder(json);
    int edits = 1 + r.nextInt(3);
    for (int i = 0; i < edits && b.length() > 0; i++) {
      int at = r.nextInt(b.length());
      switch (r.nextInt(4)) {
        case 0 -> b.setCharAt(at, EDITS.charAt(r.nextInt(EDITS.length())));
        case 1 -> b.deleteCharAt(at);
        case 2 -> b.insert(at, "\"x\":1,[{".charAt(r.nextInt(8)));
        default -> b.setLength(at);
      }
    }
    try {
      ScoreAggregator.fromJson(b.toString()).toBytes();
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      assertTrue(m.length() <= 500, m);
      assertTrue(m.contains("(at $"), m);
    } catch (RuntimeException e) {
      fail("not an IllegalArgumentException for " + b, e);
    }
  }

  @Property(tries = 200)
  void anEditedValueWithItsChecksumRecomputedIsCheckedByTheRules(
      @ForAll("scores") List<Score> scores, @ForAll long seed) throws Exception {
    ScoreAggregator a = fed(scores, Granularity.WEEK, ZoneId.of("UTC"), DayOfWeek.SATURDAY);
    com.fasterxml.jackson.databind.ObjectMapper m =
        new com.fasterxml.jackson.databind.ObjectMapper();
    ObjectNode root = (ObjectNode) m.readTree(a.toJson());
    root.remove("crc32c");
    ArrayNode cells = (ArrayNode) root.get("cells");
    if (cells.isEmpty()) {
      return;
    }
    Random r = new Random(seed);
    ObjectNode c = (ObjectNode) cells.get(r.nextInt(cells.size()));
    switch (r.nextInt(6)) {
      case 0 ->
          c.put(
              "periodStart",
              LocalDate.parse(c.get("periodStart").asText()).plusDays(1 + r.nextInt(6)).toString());
      case 1 -> c.put("count", 0);
      case 2 -> c.put("mean", "NaN");
      case 3 -> c.put("m2", "-1.0");
      case 4 -> c.put("agentId", "");
      default -> cells.add(c.deepCopy());
    }
    String edited = SnapshotJson.seal(root);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ScoreAggregator.fromJson(edited));
    assertTrue(e.getMessage().contains("(at $.cells["), e::getMessage);
  }

  @Example
  void errorsNameTheRuleThePathTheLineAndTheColumn() {
    ScoreAggregator sunday =
        ScoreAggregator.create(Granularity.WEEK, ZoneId.of("UTC"), DayOfWeek.SUNDAY);
    sunday.add("ann", LocalDate.of(2026, 3, 4), 80);
    String json = sunday.toJson();
    assertEquals(
        "{\"format\":\"servicekit-qa\",\"kind\":\"scoreAggregator\",\"version\":1,"
            + "\"granularity\":\"WEEK\",\"zone\":\"UTC\",\"firstDayOfWeek\":\"SUNDAY\","
            + "\"cells\":[{\"agentId\":\"ann\",\"periodStart\":\"2026-03-01\",\"count\":1,"
            + "\"mean\":\"80.0\",\"m2\":\"0.0\",\"scale\":\"80.0\"}],\"crc32c\":\""
            + json.substring(json.length() - 10),
        json);
    // a Monday period in a Sunday-week snapshot, resealed
    String monday = json(List.of(new Cell("ann", 10, 1, 80, 0, 80)), "WEEK", "UTC", 7);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ScoreAggregator.fromJson(monday));
    assertEquals(
        "snapshot cell 0 starts on 2026-03-02 (MONDAY), not a WEEK (starting SUNDAY) start"
            + " (at $.cells[0].periodStart, line 1, column 164)",
        e.getMessage());
    // an edit without a new checksum
    IllegalArgumentException crc =
        assertThrows(
            IllegalArgumentException.class,
            () -> ScoreAggregator.fromJson(json.replace("\"80.0\",\"m2\"", "\"81.0\",\"m2\"")));
    assertTrue(
        crc.getMessage().startsWith("snapshot is corrupted: its CRC32C is ")
            && crc.getMessage().contains("(at $.crc32c, line 1, column "),
        crc::getMessage);
    // another kind
    IllegalArgumentException kind =
        assertThrows(
            IllegalArgumentException.class,
            () -> ScoreAggregator.fromJson(json.replace("scoreAggregator", "outcomeShares")));
    assertEquals(
        "expected a score aggregator snapshot (format \"servicekit-qa\", kind"
            + " \"scoreAggregator\"), found format \"servicekit-qa\" and kind \"outcomeShares\""
            + " (at $.kind, line 1, column 34)",
        kind.getMessage());
    // not JSON
    IllegalArgumentException text =
        assertThrows(IllegalArgumentException.class, () -> ScoreAggregator.fromJson("{\"a\":"));
    assertTrue(text.getMessage().startsWith("score aggregator snapshot is not valid JSON: "));
    // a declared Monday, which the writer never writes
    String declaredMonday = json(List.of(), "WEEK", "UTC", 1);
    IllegalArgumentException m =
        assertThrows(
            IllegalArgumentException.class, () -> ScoreAggregator.fromJson(declaredMonday));
    assertEquals(
        "snapshot firstDayOfWeek MONDAY is declared for WEEK periods: only weeks starting on another day"
            + " than MONDAY declare one (at $.firstDayOfWeek, line 1, column 115)",
        m.getMessage());
  }

  @Example
  void hostileDocumentsAreRefusedWithinBounds() {
    String deep = "[".repeat(100_000);
    IllegalArgumentException d =
        assertThrows(IllegalArgumentException.class, () -> ScoreAggregator.fromJson(deep));
    assertTrue(d.getMessage().length() <= 500);
    String huge = "\"" + "a".repeat(20 << 20) + "\"";
    IllegalArgumentException h =
        assertThrows(IllegalArgumentException.class, () -> ScoreAggregator.fromJson(huge));
    assertTrue(h.getMessage().length() <= 500);
    String longId = json(List.of(new Cell("x".repeat(60_000), 2, 1, 80, 0, 80)), "WEEK", "UTC", 0);
    IllegalArgumentException id =
        assertThrows(IllegalArgumentException.class, () -> ScoreAggregator.fromJson(longId));
    assertTrue(id.getMessage().length() <= 500, id::getMessage);
    assertTrue(id.getMessage().contains("(at $.cells[0].agentId, line 1, column "), id::getMessage);
    String bigNumber =
        json(List.of(), "WEEK", "UTC", 0).replace("\"version\":1", "\"version\":1e999999999");
    assertThrows(IllegalArgumentException.class, () -> ScoreAggregator.fromJson(bigNumber));
  }
}
