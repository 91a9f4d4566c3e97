package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    GroupKey k = GroupKey.of("agent", agent, "team", team, "channel", channel);
    assertEquals(k, GroupKey.parse(k.toString()));
  }

  @Test
  void projectionKeepsOnlyTheNamedDimensions() {
    GroupKey k = GroupKey.of("agent", "ann", "team", "billing", "channel", "chat");
    assertEquals(GroupKey.of("team", "billing"), k.only(Set.of("team", "queue")));
    assertEquals(GroupKey.empty(), k.only(Set.of()));
    assertEquals("agent=ann,channel=chat,team=billing", k.toString());
    assertThrows(IllegalArgumentException.class, () -> GroupKey.of("team", "a", "team", "b"));
    assertThrows(IllegalArgumentException.class, () -> GroupKey.parse("team=a%ZZ"));
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
