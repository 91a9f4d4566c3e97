package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.qa.analytics.ScoreLedgerProperties.Call;
import dev.servicekit.qa.analytics.ScoreLedgerProperties.Chain;
import dev.servicekit.qa.internal.SnapshotJson;
import java.nio.ByteBuffer;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link ScoreLedger#toJson()} and {@link ScoreLedger#fromJson(String, List)}: state to JSON to
 * state is the state (the same bytes, the same text), with and without outcome share recorders,
 * closes and week starts; JSON and binary restore equal ledgers, which go on as the original;
 * states the binary reader refuses are refused in JSON with the same message at their path;
 * corrupted text gives a ledger or a located {@link IllegalArgumentException}.
 */
class ScoreLedgerJsonProperties {

  private static final ZoneId ZONE = ZoneId.of("America/New_York");
  private static final Function<String, String> TEAM =
      a -> a.endsWith("0") ? "red" : "blue \u00e9\uD800";

  static List<OutcomeShares> templates(DayOfWeek first) {
    return List.of(
        OutcomeShares.bands(Granularity.WEEK, ZONE, first, TEAM),
        OutcomeShares.scriptCompliance(
            ScriptCompliance.of(List.of("points"), 0.9), Granularity.WEEK, ZONE, first, TEAM));
  }

  /** A ledger fed a shuffled, repeated feed of chains, some of its periods closed. */
  static ScoreLedger fed(long seed, int n, DayOfWeek first, boolean withShares, int closeDay) {
    Random r = new Random(seed);
    List<Chain> chains = ScoreLedgerProperties.chains(r, n);
    ScoreLedger l =
        withShares
            ? ScoreLedger.create(Granularity.WEEK, ZONE, first, templates(first))
            : ScoreLedger.create(Granularity.WEEK, ZONE, first);
    List<Call> calls = ScoreLedgerProperties.calls(r, chains);
    for (int i = 0; i < calls.size(); i++) {
      if (i == calls.size() / 2 && closeDay > 0) {
        l.closeBefore(LocalDate.of(2026, 3, 1).plusDays(closeDay));
      }
      ScoreLedgerProperties.apply(l, calls.get(i));
    }
    return l;
  }

  private static List<OutcomeShares> templatesOf(boolean withShares, DayOfWeek first) {
    return withShares ? templates(first) : List.of();
  }

  @Property(tries = 150)
  void stateToJsonToStateIsTheState(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 30) int n,
      @ForAll DayOfWeek first,
      @ForAll boolean withShares,
      @ForAll @IntRange(min = 0, max = 20) int closeDay) {
    ScoreLedger l = fed(seed, n, first, withShares, closeDay);
    String json = l.toJson();
    assertTrue(json.chars().allMatch(c -> c < 128), "ASCII");
    ScoreLedger back = ScoreLedger.fromJson(json, templatesOf(withShares, first));
    assertArrayEquals(l.toBytes(), back.toBytes());
    assertEquals(json, back.toJson());
  }

  @Property(tries = 150)
  void jsonAndBinaryRestoreEqualLedgersThatGoOnAsTheOriginal(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 30) int n,
      @ForAll DayOfWeek first,
      @ForAll boolean withShares,
      @ForAll @IntRange(min = 0, max = 20) int closeDay) {
    ScoreLedger l = fed(seed, n, first, withShares, closeDay);
    List<OutcomeShares> t = templatesOf(withShares, first);
    ScoreLedger fromJson = ScoreLedger.fromJson(l.toJson(), t);
    ScoreLedger fromBytes = ScoreLedger.fromBytes(l.toBytes(), t);
    assertArrayEquals(fromBytes.toBytes(), fromJson.toBytes());
    // the same later calls, to the original and to both restored ledgers
    Random r = new Random(seed + 1);
    List<Chain> more =
        ScoreLedgerProperties.chains(r, 10).stream()
            .map(c -> new Chain("later-" + c.id(), c.states(), c.removed()))
            .toList();
    for (Call c : ScoreLedgerProperties.calls(r, more)) {
      ScoreLedger.Outcome o = ScoreLedgerProperties.apply(l, c);
      assertEquals(o, ScoreLedgerProperties.apply(fromJson, c));
      assertEquals(o, ScoreLedgerProperties.apply(fromBytes, c));
    }
    assertArrayEquals(l.toBytes(), fromJson.toBytes());
    assertArrayEquals(l.toBytes(), fromBytes.toBytes());
  }

  private static final String EDITS = "{}[]\",:0123456789eE-+ tfnaZ\\";

  @Property(tries = 1500)
  void corruptedTextGivesALedgerOrALocatedError(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 12) int n) {
    ScoreLedger l = fed(seed, n, DayOfWeek.SUNDAY, true, 5);
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder(l.toJson());
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
      ScoreLedger.fromJson(b.toString(), templates(DayOfWeek.SUNDAY)).toBytes();
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage().length() <= 500, e::getMessage);
      assertTrue(e.getMessage().contains("(at $"), e::getMessage);
    } catch (RuntimeException e) {
      fail("not an IllegalArgumentException for " + b, e);
    }
  }

  @Property(tries = 300)
  void editedStatesWithTheirChecksumRecomputedAreRefusedAtTheirPath(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int n) throws Exception {
    ScoreLedger l = fed(seed, n, DayOfWeek.SATURDAY, true, 0);
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(l.toJson());
    root.remove("crc32c");
    ArrayNode ids = (ArrayNode) root.get("ids");
    Random r = new Random(seed);
    int i = r.nextInt(ids.size());
    ObjectNode id = (ObjectNode) ids.get(i);
    ObjectNode state = (ObjectNode) id.get("state");
    String where;
    if (state == null || r.nextInt(4) == 0) {
      ids.add(id.deepCopy()); // a repeated id: out of order
      where = "$.ids[" + (ids.size() - 1) + "].id";
    } else {
      switch (r.nextInt(4)) {
        case 0 -> state.put("agentId", "");
        case 1 -> state.put("revisions", -1);
        case 2 -> state.put("evaluatedAt", "1800-01-01T00:00:00Z");
        default ->
            ((ObjectNode) ((ArrayNode) state.get("outcomes")).get(1)).put("outcome", "maybe");
      }
      where = "$.ids[" + i + "].state";
    }
    String edited = SnapshotJson.seal(root);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ScoreLedger.fromJson(edited, templates(DayOfWeek.SATURDAY)));
    assertTrue(e.getMessage().contains("(at " + where), e::getMessage);
  }

  @Example
  void aClosedBeforeOffTheWeekStartIsRefusedByBothReadersAlike() throws Exception {
    ScoreLedger l = ScoreLedger.create(Granularity.WEEK, ZONE, DayOfWeek.SATURDAY);
    l.closeBefore(LocalDate.of(2026, 3, 4));
    byte[] good = l.toBytes();
    int flagAt = 8 + ByteBuffer.wrap(good, 4, 4).getInt();
    byte[] day = new byte[8];
    ByteBuffer.wrap(day).putLong(LocalDate.of(2026, 3, 1).toEpochDay());
    byte[] bad = WeekStartProperties.edited(good, flagAt + 1, 8, day);
    String binary =
        assertThrows(IllegalArgumentException.class, () -> ScoreLedger.fromBytes(bad)).getMessage();
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(l.toJson());
    root.remove("crc32c");
    root.put("closedBefore", "2026-03-01");
    String json = SnapshotJson.seal(root);
    String located =
        assertThrows(IllegalArgumentException.class, () -> ScoreLedger.fromJson(json)).getMessage();
    assertEquals(
        "snapshot closedBefore 2026-03-01 (SUNDAY) is not a WEEK (starting SATURDAY) start",
        binary);
    assertTrue(located.startsWith(binary + " (at $.closedBefore, line 1, column "), located);
  }

  @Example
  void outcomesOfALedgerWithoutRecordersAreRefused() throws Exception {
    ScoreLedger l = ScoreLedger.create(Granularity.WEEK, ZONE);
    l.put(
        "r",
        PointsEvaluations.of("c", "agent0", java.time.Instant.parse("2026-03-04T12:00:00Z"), 70));
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(l.toJson());
    root.remove("crc32c");
    ((ObjectNode) ((ArrayNode) root.get("ids")).get(0).get("state")).putArray("outcomes");
    String json = SnapshotJson.seal(root);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ScoreLedger.fromJson(json));
    assertTrue(
        e.getMessage()
            .startsWith(
                "outcomes are given, but the ledger feeds no outcome share recorder: a state of"
                    + " such a ledger has none (at $.ids[0].state.outcomes, line 1, column "),
        e::getMessage);
  }

  @Example
  void templatesOfAnotherWeekStartAreRefusedNamingBoth() {
    ScoreLedger l =
        ScoreLedger.create(Granularity.WEEK, ZONE, DayOfWeek.SUNDAY, templates(DayOfWeek.SUNDAY));
    String json = l.toJson();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ScoreLedger.fromJson(json, templates(DayOfWeek.MONDAY)));
    assertTrue(
        e.getMessage()
            .startsWith(
                "shares 0 counts WEEK periods in America/New_York, the ledger WEEK (starting"
                    + " SUNDAY) periods in America/New_York (at $.shares[0], line 1, column "),
        e::getMessage);
  }
}
