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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.CRC32C;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link OutcomeShares#toJson()} and {@link OutcomeShares#fromJson(String, OutcomeShares)}: state
 * to JSON to state is the state; JSON and binary restore equal recorders; any state written both
 * ways is read by both readers alike (accepted into equal recorders, or refused with the same
 * message, the JSON one adding its path, line and column); corrupted text gives a recorder or a
 * located {@link IllegalArgumentException}, never another exception.
 */
class OutcomeSharesJsonProperties {

  private static final ZoneId ZONE = ZoneId.of("Asia/Tehran");
  private static final Instant T0 = Instant.parse("2026-02-20T08:00:00Z");
  // teams of any text: non-ASCII, an unpaired surrogate, JSON's special characters
  private static final Map<String, String> TEAMS =
      Map.of("ann", "red \u00e9\u4e2d", "bob", "blue\uD800", "cid", "\"q\\u\" / \t");
  private static final Function<String, String> TEAM = TEAMS::get;

  record Call(String agent, int hours, int points) {}

  @Provide
  Arbitrary<List<Call>> calls() {
    return Combinators.combine(
            Arbitraries.of("ann", "bob", "cid"),
            Arbitraries.integers().between(0, 24 * 40),
            Arbitraries.integers().between(-1, 100))
        .as(Call::new)
        .list()
        .ofMaxSize(50);
  }

  private static List<OutcomeShares> recorders(Granularity g, DayOfWeek first) {
    return List.of(
        OutcomeShares.bands(g, ZONE, first, TEAM),
        OutcomeShares.scriptCompliance(
            ScriptCompliance.of(List.of("points"), 0.9), g, ZONE, first, TEAM));
  }

  private static List<OutcomeShares> fed(List<Call> calls, Granularity g, DayOfWeek first) {
    List<OutcomeShares> rs = recorders(g, first);
    int i = 0;
    for (Call c : calls) {
      var e =
          PointsEvaluations.of(
              "c-" + i++, c.agent(), T0.plusSeconds(3600L * c.hours()), c.points());
      rs.forEach(r -> r.add(e));
    }
    return rs;
  }

  @Property(tries = 200)
  void stateToJsonToStateIsTheState(
      @ForAll("calls") List<Call> calls, @ForAll Granularity g, @ForAll DayOfWeek first) {
    List<OutcomeShares> rs = fed(calls, g, first);
    List<OutcomeShares> templates = recorders(g, first);
    for (int k = 0; k < rs.size(); k++) {
      String json = rs.get(k).toJson();
      assertTrue(json.chars().allMatch(ch -> ch < 128), "ASCII");
      OutcomeShares back = OutcomeShares.fromJson(json, templates.get(k));
      assertArrayEquals(rs.get(k).toBytes(), back.toBytes());
      assertEquals(json, back.toJson());
      assertEquals(rs.get(k).perTeam(0.95), back.perTeam(0.95));
      back.merge(rs.get(k));
    }
  }

  @Property(tries = 200)
  void jsonAndBinaryRestoreEqualRecorders(
      @ForAll("calls") List<Call> calls, @ForAll Granularity g, @ForAll DayOfWeek first) {
    List<OutcomeShares> rs = fed(calls, g, first);
    List<OutcomeShares> templates = recorders(g, first);
    for (int k = 0; k < rs.size(); k++) {
      OutcomeShares j = OutcomeShares.fromJson(rs.get(k).toJson(), templates.get(k));
      OutcomeShares b = OutcomeShares.fromBytes(rs.get(k).toBytes(), templates.get(k));
      assertArrayEquals(b.toBytes(), j.toBytes());
      assertEquals(b.perAgent(0.95), j.perAgent(0.95));
    }
  }

  /** A cell as a snapshot may hold it, valid or not: outcome names and counts in its order. */
  record Cell(String group, int day, List<String> outcomes, List<Long> counts) {}

  @Provide
  Arbitrary<List<Cell>> cells() {
    Arbitrary<String> names = Arbitraries.of("high", "low", "pass", "fail", "", "a\u0000");
    Arbitrary<Long> counts = Arbitraries.of(-1L, 0L, 1L, 2L, Long.MAX_VALUE);
    return Combinators.combine(
            Arbitraries.of("ann", "bob", "", "x\u2028"),
            Arbitraries.oneOf(
                Arbitraries.integers().between(0, 14), Arbitraries.of(200_000, -60_000)),
            names.list().ofMaxSize(3),
            counts.list().ofSize(3))
        .as(Cell::new)
        .list()
        .ofMaxSize(3);
  }

  @Property(tries = 1500)
  void binaryAndJsonReadersApplyTheSameRules(
      @ForAll("cells") List<Cell> agents,
      @ForAll("cells") List<Cell> teams,
      @ForAll boolean script,
      @ForAll boolean sunday,
      @ForAll boolean mirrored,
      @ForAll("skippedCounts") long skipped)
      throws IOException {
    // mirrored: teams count what agents count, so that the cells' own rules are reached often
    List<Cell> ts = mirrored ? agents : teams;
    DayOfWeek first = sunday ? DayOfWeek.SUNDAY : DayOfWeek.MONDAY;
    OutcomeShares template =
        script
            ? OutcomeShares.scriptCompliance(
                ScriptCompliance.of(List.of("points"), 0.9), Granularity.WEEK, ZONE, TEAM)
            : OutcomeShares.bands(Granularity.WEEK, ZONE, TEAM);
    byte[] bytes = binary(script, first, skipped, agents, ts);
    String json = json(script, first, skipped, agents, ts);
    OutcomeShares fromBytes;
    try {
      fromBytes = OutcomeShares.fromBytes(bytes, template);
    } catch (IllegalArgumentException refused) {
      IllegalArgumentException j =
          assertThrows(
              IllegalArgumentException.class, () -> OutcomeShares.fromJson(json, template));
      assertTrue(
          j.getMessage().startsWith(refused.getMessage() + " (at $"),
          () -> "binary: " + refused.getMessage() + "\njson:   " + j.getMessage());
      assertTrue(j.getMessage().contains(", line "), j::getMessage);
      return;
    }
    assertArrayEquals(fromBytes.toBytes(), OutcomeShares.fromJson(json, template).toBytes());
  }

  @Provide
  Arbitrary<Long> skippedCounts() {
    return Arbitraries.of(0L, 0L, 3L, -1L);
  }

  private static LocalDate day(Cell c) {
    return LocalDate.of(2026, 2, 22).plusDays(c.day());
  }

  static byte[] binary(boolean script, DayOfWeek first, long skipped, List<Cell> a, List<Cell> t)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {'S', 'K', 0x33, (byte) (first == DayOfWeek.MONDAY ? 1 : 2)});
    out.writeUTF("WEEK");
    out.writeUTF(ZONE.getId());
    if (first != DayOfWeek.MONDAY) {
      out.writeByte(first.getValue());
    }
    out.writeBoolean(script);
    out.writeInt(script ? 1 : 0);
    if (script) {
      OutcomeShares.writeString(out, "points");
    }
    out.writeLong(skipped);
    for (List<Cell> side : List.of(a, t)) {
      out.writeInt(side.size());
      for (Cell c : side) {
        OutcomeShares.writeString(out, c.group());
        out.writeLong(day(c).toEpochDay());
        out.writeInt(c.outcomes().size());
        for (int k = 0; k < c.outcomes().size(); k++) {
          OutcomeShares.writeString(out, c.outcomes().get(k));
          out.writeLong(c.counts().get(k));
        }
      }
    }
    out.flush();
    CRC32C crc = new CRC32C();
    crc.update(bytes.toByteArray());
    out.writeInt((int) crc.getValue());
    return bytes.toByteArray();
  }

  static String json(boolean script, DayOfWeek first, long skipped, List<Cell> a, List<Cell> t) {
    ObjectNode root = SnapshotJson.begin("outcomeShares", 1);
    root.put("granularity", "WEEK");
    root.put("zone", ZONE.getId());
    if (first != DayOfWeek.MONDAY) {
      root.put("firstDayOfWeek", first.name());
    }
    root.put("script", script);
    ArrayNode criteria = root.putArray("scriptCriteria");
    if (script) {
      criteria.add("points");
    }
    root.put("skipped", skipped);
    for (int side = 0; side < 2; side++) {
      ArrayNode cells = root.putArray(side == 0 ? "agents" : "teams");
      for (Cell c : side == 0 ? a : t) {
        ObjectNode n = cells.addObject();
        n.put("group", c.group());
        n.put("periodStart", day(c).toString());
        ArrayNode os = n.putArray("outcomes");
        for (int k = 0; k < c.outcomes().size(); k++) {
          os.addObject().put("outcome", c.outcomes().get(k)).put("count", c.counts().get(k));
        }
      }
    }
    return SnapshotJson.seal(root);
  }

  private static final String EDITS = "{}[]\",:0123456789eE-+ tfnaZ\\";

  @Property(tries = 2000)
  void corruptedTextGivesARecorderOrALocatedError(
      @ForAll("calls") List<Call> calls, @ForAll long seed) {
    OutcomeShares s = fed(calls, Granularity.WEEK, DayOfWeek.SATURDAY).get(0);
    OutcomeShares template = recorders(Granularity.WEEK, DayOfWeek.SATURDAY).get(0);
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder(s.toJson());
    for (int i = 1 + r.nextInt(3); i > 0 && b.length() > 0; i--) {
      int at = r.nextInt(b.length());
      switch (r.nextInt(4)) {
        case 0 -> b.setCharAt(at, EDITS.charAt(r.nextInt(EDITS.length())));
        case 1 -> b.deleteCharAt(at);
        case 2 -> b.insert(at, EDITS.charAt(r.nextInt(EDITS.length())));
        default -> b.setLength(at);
      }
    }
    try {
      OutcomeShares.fromJson(b.toString(), template).toBytes();
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage().length() <= 500, e::getMessage);
      assertTrue(e.getMessage().contains("(at $"), e::getMessage);
    } catch (RuntimeException e) {
      fail("not an IllegalArgumentException for " + b, e);
    }
  }

  @Example
  void errorsNameTheRuleThePathTheLineAndTheColumn() {
    OutcomeShares sunday = OutcomeShares.bands(Granularity.WEEK, ZONE, DayOfWeek.SUNDAY, TEAM);
    sunday.add(PointsEvaluations.of("c", "ann", T0, 70));
    String json = sunday.toJson();
    assertTrue(
        json.startsWith(
            "{\"format\":\"servicekit-qa\",\"kind\":\"outcomeShares\",\"version\":1,"
                + "\"granularity\":\"WEEK\",\"zone\":\"Asia/Tehran\",\"firstDayOfWeek\":\"SUNDAY\","
                + "\"script\":false,\"scriptCriteria\":[],\"skipped\":0,\"agents\":[{\"group\":"
                + "\"ann\",\"periodStart\":\"2026-02-15\",\"outcomes\":[{\"outcome\":\"high\","
                + "\"count\":1}]}],\"teams\":[{\"group\":\"red \\u00E9\\u4E2D\""),
        json);
    IllegalArgumentException other =
        assertThrows(
            IllegalArgumentException.class,
            () -> OutcomeShares.fromJson(json, OutcomeShares.bands(Granularity.WEEK, ZONE, TEAM)));
    assertEquals(
        "snapshot of a WEEK (starting SUNDAY)/Asia/Tehran score-band recorder does not fit a"
            + " WEEK/Asia/Tehran score-band recorder (at $, line 1, column 1)",
        other.getMessage());
    String unbalanced =
        json(
            false,
            DayOfWeek.MONDAY,
            0,
            List.of(new Cell("ann", 1, List.of("high"), List.of(2L, 0L, 0L))),
            List.of(new Cell("red", 1, List.of("high"), List.of(1L, 0L, 0L))));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                OutcomeShares.fromJson(
                    unbalanced, OutcomeShares.bands(Granularity.WEEK, ZONE, TEAM)));
    assertEquals(
        "snapshot agent and team cells differ for the period starting 2026-02-23 and outcome"
            + " 'high': agents count 1 more (every evaluation is counted once in its agent's cell"
            + " and once in its team's) (at $, line 1, column 1)",
        e.getMessage());
    String zero =
        json(
            false,
            DayOfWeek.MONDAY,
            0,
            List.of(new Cell("ann", 1, List.of("high"), List.of(0L, 0L, 0L))),
            List.of());
    IllegalArgumentException z =
        assertThrows(
            IllegalArgumentException.class,
            () -> OutcomeShares.fromJson(zero, OutcomeShares.bands(Granularity.WEEK, ZONE, TEAM)));
    assertTrue(
        z.getMessage()
            .startsWith(
                "snapshot agent cell 0 outcome 'high' count must be 1 or more, was 0 (at"
                    + " $.agents[0].outcomes[0].count, line 1, column "),
        z::getMessage);
  }
}
