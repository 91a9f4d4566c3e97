package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.analytics.ScoreLedger.Outcome;
import dev.servicekit.qa.internal.SnapshotJson;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A team function that returns blank text (a CRM whose team lookup falls back to {@code ""}) is
 * refused, naming the team and the agent, and nothing is counted: every agent the lookup missed was
 * counted in one nameless team, as kpi-core refuses a blank group. The recorders' and the ledger's
 * snapshot readers refuse a blank team at its field, so a checkpoint holding one (written when such
 * a team was counted) is refused rather than restored. A team of any other text, spaces inside or a
 * no-break space before a name included, is counted as before.
 */
class BlankTeamTest {

  private static final ZoneId ZONE = ZoneId.of("America/New_York");
  private static final Instant SUNDAY = Instant.parse("2026-03-08T14:00:00Z");
  private static final List<String> BLANKS = List.of("", " ", "\u00a0\u200b", "\t");

  private static OutcomeShares shares(Function<String, String> team) {
    return OutcomeShares.bands(Granularity.WEEK, ZONE, DayOfWeek.SUNDAY, team);
  }

  @Test
  void aBlankTeamIsRefusedAndNothingIsCounted() {
    for (String blank : BLANKS) {
      OutcomeShares s = shares(a -> a.equals("ann") ? "red" : blank);
      Evaluation ann = PointsEvaluations.of("call-1", "ann", SUNDAY, 70);
      Evaluation bob = PointsEvaluations.of("call-2", "bob", SUNDAY, 70);
      s.add(ann);
      String before = s.toJson();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.add(bob));
      assertTrue(e.getMessage().startsWith("team '"), e.getMessage());
      assertTrue(
          e.getMessage().contains("' of agent 'bob' must not be blank (empty, or only spaces"),
          e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> s.retract(bob));
      assertEquals(before, s.toJson());

      ScoreLedger l =
          ScoreLedger.create(Granularity.WEEK, ZONE, DayOfWeek.SUNDAY, List.of(shares(a -> blank)));
      String empty = l.toJson();
      assertThrows(IllegalArgumentException.class, () -> l.put("rev-1", bob));
      assertEquals(empty, l.toJson());
    }
  }

  @Test
  void aTeamOfOtherTextIsCounted() {
    OutcomeShares s = shares(a -> "\u00a0red team ");
    assertTrue(s.add(PointsEvaluations.of("call-1", "ann", SUNDAY, 70)));
    assertEquals(s.toJson(), OutcomeShares.fromJson(s.toJson(), s).toJson());
  }

  @Test
  void aSnapshotHoldingABlankTeamIsRefusedAtItsField() throws Exception {
    OutcomeShares s = shares(a -> "red");
    s.add(PointsEvaluations.of("call-1", "ann", SUNDAY, 70));
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(s.toJson());
    root.remove("crc32c");
    ((ObjectNode) ((ArrayNode) root.get("teams")).get(0)).put("group", "");
    String edited = SnapshotJson.seal(root);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OutcomeShares.fromJson(edited, s));
    assertTrue(e.getMessage().contains("team '' must not be blank"), e.getMessage());
    assertTrue(e.getMessage().contains("(at $.teams[0].group"), e.getMessage());
  }

  @Test
  void aLedgerSnapshotHoldingABlankTeamIsRefusedAtItsField() throws Exception {
    List<OutcomeShares> templates = List.of(shares(a -> "red"));
    ScoreLedger l = ScoreLedger.create(Granularity.WEEK, ZONE, DayOfWeek.SUNDAY, templates);
    assertEquals(Outcome.ADDED, l.put("rev-1", PointsEvaluations.of("call-1", "ann", SUNDAY, 70)));
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(l.toJson());
    root.remove("crc32c");
    ObjectNode state = (ObjectNode) ((ArrayNode) root.get("ids")).get(0).get("state");
    ((ObjectNode) ((ArrayNode) state.get("outcomes")).get(0)).put("team", " ");
    String edited = SnapshotJson.seal(root);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ScoreLedger.fromJson(edited, templates));
    assertTrue(e.getMessage().contains("team ' ' of recorder 0 must not be blank"), e.getMessage());
    assertTrue(e.getMessage().contains("(at $.ids[0].state.outcomes[0].team"), e.getMessage());
  }
}
