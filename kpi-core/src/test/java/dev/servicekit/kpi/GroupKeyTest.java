package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class GroupKeyTest {

  @Property(tries = 200)
  void toStringThenParseIsIdentity(
      @ForAll String agent, @ForAll String team, @ForAll String channel) {
    if (BlankKeysTest.blank(agent) || BlankKeysTest.blank(team) || BlankKeysTest.blank(channel)) {
      assertThrows(
          IllegalArgumentException.class,
          () -> GroupKey.of("agent", agent, "team", team, "channel", channel));
      return;
    }
    GroupKey k = GroupKey.of("agent", agent, "team", team, "channel", channel);
    assertEquals(k, GroupKey.parse(k.toString()));
  }

  @Test
  void projectionKeepsOnlyTheNamedDimensions() {
    GroupKey k = GroupKey.of("agent", "ann", "team", "billing", "channel", "chat");
    assertEquals(GroupKey.of("team", "billing"), k.only(Set.of("team")));
    assertEquals(GroupKey.of("team", "billing"), k.onlyPresent(Set.of("team", "queue")));
    assertEquals(GroupKey.empty(), k.onlyPresent(Set.of("queue")));
    assertEquals(GroupKey.empty(), k.only(Set.of()));
    assertEquals("agent=ann,channel=chat,team=billing", k.toString());
    assertThrows(IllegalArgumentException.class, () -> GroupKey.of("team", "a", "team", "b"));
    assertThrows(IllegalArgumentException.class, () -> GroupKey.parse("team=a%ZZ"));
  }

  /**
   * {@code only} is {@code onlyPresent} on the key's own dimensions and refuses any other; {@code
   * onlyPresent} keeps exactly the requested dimensions the key has, with their values.
   */
  @Property(tries = 300)
  void onlyIsOnlyPresentRestrictedToTheKeysDimensions(
      @ForAll("dimensionSets") Set<String> keyDims, @ForAll("dimensionSets") Set<String> wanted) {
    String[] flat = new String[keyDims.size() * 2];
    int i = 0;
    for (String d : keyDims) {
      flat[i++] = d;
      flat[i++] = "v-" + d;
    }
    GroupKey k = GroupKey.of(flat);
    java.util.SortedMap<String, String> expected = new java.util.TreeMap<>(k.values());
    expected.keySet().retainAll(wanted);
    assertEquals(expected, k.onlyPresent(wanted).values());
    if (keyDims.containsAll(wanted)) {
      assertEquals(k.onlyPresent(wanted), k.only(wanted));
    } else {
      assertThrows(IllegalArgumentException.class, () -> k.only(wanted));
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Set<String>> dimensionSets() {
    return net.jqwik.api.Arbitraries.of("agent", "team", "channel", "queue", "tier").set();
  }

  /**
   * A new user's review: {@code only} ignored a dimension the key does not have, so a misspelt
   * {@code "taem"} rolled every agent into the empty key (one grand total) and the team's window
   * read as no data. It is now refused, naming the dimension and the key; {@code onlyPresent} keeps
   * the old behaviour for keys that legitimately lack some dimensions.
   */
  @Test
  void onlyRefusesADimensionTheKeyDoesNotHave() {
    GroupKey k = GroupKey.of("agent", "ann", "team", "billing");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> k.only(Set.of("taem")));
    assertEquals(
        "dimension \"taem\" of dimensions is not a dimension of group key"
            + " \"agent=ann,team=billing\" (its dimensions: [agent, team]); use onlyPresent to skip"
            + " dimensions some keys lack",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> k.only(Set.of("team", "queue")));
    // bounded excerpts: a long or control-character name and key are cut and escaped
    GroupKey big = GroupKey.of("agent", "a".repeat(10_000), "team", "t");
    String m =
        assertThrows(IllegalArgumentException.class, () -> big.only(Set.of("x\n".repeat(5_000))))
            .getMessage();
    assertTrue(m.length() < 1_000 && !m.contains("\n"), m);

    WindowSpec day = WindowSpec.of(WindowUnit.DAY, ZoneId.of("UTC"));
    WindowedKpi<GroupKey, DurationAccumulator> byAgent =
        WindowedKpi.create(DurationAccumulator::create, day, Duration.ofDays(1));
    byAgent.recordLong(
        k, Instant.parse("2026-11-20T09:00:00Z"), DurationAccumulator::addMillis, 60_000L);
    assertThrows(IllegalArgumentException.class, () -> byAgent.rollUp(g -> g.only(Set.of("taem"))));
    assertEquals(Set.of(k), byAgent.groups());
  }

  @Test
  void rollUpOfAgentTableEqualsTeamTable() {
    WindowSpec day = WindowSpec.of(WindowUnit.DAY, ZoneId.of("UTC"));
    WindowedKpi<GroupKey, DurationAccumulator> byAgent =
        WindowedKpi.create(DurationAccumulator::create, day, Duration.ofDays(1));
    WindowedKpi<GroupKey, DurationAccumulator> byTeam =
        WindowedKpi.create(DurationAccumulator::create, day, Duration.ofDays(1));
    String[][] rows = {
      {"ann", "billing", "2026-11-20T09:00:00Z", "60000"},
      {"bob", "billing", "2026-11-20T10:00:00Z", "120000"},
      {"cat", "tech", "2026-11-20T11:00:00Z", "30000"},
      {"ann", "billing", "2026-11-21T09:00:00Z", "90000"},
    };
    for (String[] r : rows) {
      Instant t = Instant.parse(r[2]);
      long ms = Long.parseLong(r[3]);
      byAgent.recordLong(
          GroupKey.of("agent", r[0], "team", r[1]), t, DurationAccumulator::addMillis, ms);
      byTeam.recordLong(GroupKey.of("team", r[1]), t, DurationAccumulator::addMillis, ms);
    }
    WindowedKpi<GroupKey, DurationAccumulator> rolled = byAgent.rollUp(k -> k.only(Set.of("team")));
    assertEquals(byTeam.groups(), rolled.groups());
    for (GroupKey g : byTeam.groups()) {
      assertEquals(byTeam.allTime(g).result(), rolled.allTime(g).result());
      byTeam
          .windows(g)
          .forEach((s, a) -> assertEquals(a.result(), rolled.window(g, s).orElseThrow().result()));
    }
  }
}
