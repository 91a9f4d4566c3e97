package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link SlaPolicyJson#write}: the documented layout, orders, and round trips of real files. */
class SlaPolicyJsonWriteTest {

  /** The example policy shipped with the examples module (tests run in the module directory). */
  private static final Path EXAMPLE = Path.of("../examples/src/main/resources/sla-policy.json");

  private static void assertRoundTrips(SlaPolicySet set) {
    String json = SlaPolicyJson.write(set);
    assertEquals(set, SlaPolicyJson.read(json), json);
    assertEquals(json, SlaPolicyJson.write(SlaPolicyJson.read(json)));
  }

  @Test
  void examplePolicyFileRoundTrips() throws IOException {
    SlaPolicySet example = SlaPolicyJson.read(Files.readString(EXAMPLE, StandardCharsets.UTF_8));
    assertEquals(2, example.policies().size() + 1, "fixture changed: key-accounts + standard");
    assertRoundTrips(example);
  }

  @Test
  void tieredFixtureRoundTripsFromCodeAndFromItsFile() throws IOException {
    assertRoundTrips(Fixtures.tiered());
    try (InputStream in = SlaPolicyJsonTest.class.getResourceAsStream("tiered-policy.json")) {
      assertRoundTrips(SlaPolicyJson.read(in));
    }
  }

  @Test
  void writesEveryScalarAndLeavesOutEmptyCollections() {
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("new", "pending", "solved")
            .solvedStatuses("solved")
            .defaultPolicy(
                SlaPolicy.builder("standard")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", SlaMetric.firstResponse(), Duration.ofHours(4))
                    .build())
            .build();
    // Written by hand from the documented format, not copied from the writer's output.
    String expected =
        String.join(
            "\n",
            "{",
            "  \"statuses\": [\"new\", \"pending\", \"solved\"],",
            "  \"solvedStatuses\": [\"solved\"],",
            "  \"initialStatus\": \"new\",",
            "  \"resolutionReopen\": \"RESUME\",",
            "  \"retargetRule\": \"RECALCULATE\",",
            "  \"reattachStart\": \"AT_CHANGE\",",
            "  \"retroactivePause\": false,",
            "  \"scheduleRule\": \"LAST_SCHEDULE\",",
            "  \"breachRule\": \"AFTER_DEADLINE\",",
            "  \"closingRule\": \"AT_CLOSE\",",
            "  \"internalNotesCount\": false,",
            "  \"automatedRepliesCount\": false,",
            "  \"rejectUnknownKeys\": false,",
            "  \"defaultPolicy\": {",
            "    \"name\": \"standard\",",
            "    \"matrix\": {\"default\": \"normal\"},",
            "    \"targets\": {\"normal\": {\"*\": {\"first_response\": \"PT4H\"}}}",
            "  }",
            "}",
            "");
    assertEquals(expected, SlaPolicyJson.write(set));
  }

  private static SlaPolicySet conditioned(
      MatchCondition when, String[] pause, StageDefinition stage) {
    SlaPolicy p =
        SlaPolicy.builder("vip")
            .when(when)
            .matrix(PriorityMatrix.constant("high"))
            .target("high", SlaMetric.firstResponse(), Duration.ofHours(8))
            .rule(MetricRule.builder(SlaMetric.firstResponse()).pauseOn(pause).build())
            .build();
    SlaPolicy standard =
        SlaPolicy.builder("standard")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.stage("work"), Duration.ofHours(1))
            .build();
    return SlaPolicySet.builder()
        .statuses("new", "work", "pending", "on-hold", "solved")
        .stage(stage)
        .policy(p)
        .defaultPolicy(standard)
        .build();
  }

  @Test
  void unorderedSetsAreWrittenInOneCanonicalOrder() {
    SlaPolicySet a =
        conditioned(
            new MatchCondition(
                Map.of("tier", Set.of("gold", "bronze"), "queue", Set.of("vip")),
                Set.of("zeta", "alpha")),
            new String[] {"on-hold", "pending"},
            new StageDefinition(
                "work", new LinkedHashSet<>(List.of("work", "new")), ReopenRule.RESTART));
    SlaPolicySet b =
        conditioned(
            MatchCondition.always()
                .withAttribute("queue", "vip")
                .withAttribute("tier", "bronze", "gold")
                .withTags("alpha", "zeta"),
            new String[] {"pending", "on-hold"},
            StageDefinition.of("work", "new", "work"));
    assertEquals(a, b);
    String json = SlaPolicyJson.write(a);
    assertEquals(json, SlaPolicyJson.write(b));
    // attributes and tags sorted; status subsets in the order statuses are declared
    assertTrue(
        json.contains("\"attributes\": {\"queue\": [\"vip\"], \"tier\": [\"bronze\", \"gold\"]}"),
        json);
    assertTrue(json.contains("\"tags\": [\"alpha\", \"zeta\"]"), json);
    assertTrue(json.contains("\"pauseOn\": [\"pending\", \"on-hold\"]"), json);
    assertTrue(
        json.contains(
            "\"stages\": [{\"name\": \"work\", \"statuses\": [\"new\", \"work\"],"
                + " \"reentry\": \"RESTART\"}]"),
        json);
    assertRoundTrips(a);
  }

  @Test
  void sparseMatrixCellsAreListedSoTiersComeBackInTheirOrder() {
    // Built in this order the matrix lists tiers t1, t2, t3; row by row would give t1, t3, t2.
    PriorityMatrix m =
        PriorityMatrix.builder()
            .cell("s1", "t1", "p")
            .cell("s2", "t2", "p")
            .cell("s1", "t3", "q")
            .defaultPriority("p")
            .build();
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("new")
            .defaultPolicy(
                SlaPolicy.builder("standard")
                    .matrix(m)
                    .target("p", SlaMetric.firstResponse(), Duration.ofHours(8))
                    .target("q", SlaMetric.firstResponse(), Duration.ofHours(4))
                    .build())
            .build();
    String json = SlaPolicyJson.write(set);
    int c1 = json.indexOf("{\"severity\": \"s1\", \"tier\": \"t1\", \"priority\": \"p\"}");
    int c2 = json.indexOf("{\"severity\": \"s2\", \"tier\": \"t2\", \"priority\": \"p\"}");
    int c3 = json.indexOf("{\"severity\": \"s1\", \"tier\": \"t3\", \"priority\": \"q\"}");
    assertTrue(0 < c1 && c1 < c2 && c2 < c3, json);
    PriorityMatrix back = SlaPolicyJson.read(json).defaultPolicy().matrix();
    assertEquals(List.of("s1", "s2"), back.rowValues());
    assertEquals(List.of("t1", "t2", "t3"), back.columnValues());
    assertRoundTrips(set);
  }

  @Test
  void keysThatNeedEscapingRoundTrip() {
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("new", "wait\"ing", "back\\slash", "ümlaut", "日本")
            .solvedStatuses("日本")
            .defaultPolicy(
                SlaPolicy.builder("a.b[0]")
                    .matrix(PriorityMatrix.constant("$p"))
                    .target("$p", SlaMetric.resolution(), Duration.ofNanos(1))
                    .rule(
                        MetricRule.builder(SlaMetric.resolution())
                            .pauseOn("wait\"ing", "back\\slash")
                            .build())
                    .build())
            .build();
    String json = SlaPolicyJson.write(set);
    assertTrue(json.contains("[\"new\", \"wait\\\"ing\", \"back\\\\slash\", \"ümlaut\", \"日本\"]"));
    assertTrue(json.contains("\"resolution\": \"PT0.000000001S\""), json);
    assertRoundTrips(set);
  }

  /** A small set; {@code change} (0 = none) alters exactly one field that the writer must keep. */
  private static SlaPolicySet variant(int change) {
    PriorityMatrix.Builder m = PriorityMatrix.builder();
    if (change == 1) {
      m.cell("s1", "t2", "high").cell("s1", "t1", "high");
    } else {
      m.cell("s1", "t1", "high").cell("s1", "t2", "high");
    }
    MatchCondition when =
        MatchCondition.always()
            .withAttribute("queue", change == 3 ? Set.of("vip", "x") : Set.of("vip"))
            .withTags(change == 4 ? new String[] {"t", "u"} : new String[] {"t"});
    MetricRule.Builder rule =
        MetricRule.builder(SlaMetric.resolution())
            .calendar(change == 5 ? "other" : "team")
            .pauseOn(change == 6 ? new String[] {"pending"} : new String[] {"pending", "hold"})
            .warnAt(change == 7 ? new int[] {50} : new int[] {50, 90})
            .escalate(EscalationLevel.of(1, 100, change == 8 ? "boss" : "lead"));
    // 24-27: a reply metric overriding which replies count (absent, true and false all differ).
    MetricRule.Builder periodic = MetricRule.builder(SlaMetric.periodicUpdate());
    if (change == 32) {
      periodic.dueFrom("due_at");
    }
    if (change == 24 || change == 25) {
      periodic.internalNotesCount(change == 24);
    }
    if (change == 26 || change == 27) {
      periodic.automatedRepliesCount(change == 26);
    }
    PriorityMatrix matrix = m.defaultPriority(change == 2 ? "urgent" : "normal").build();
    SlaPolicy.Builder vip =
        SlaPolicy.builder("vip")
            .when(when)
            .matrix(matrix)
            .channels(
                change == 9 ? new String[] {"phone", "email"} : new String[] {"email", "phone"})
            .rule(rule.build())
            .rule(periodic.build());
    for (String p : matrix.priorities()) {
      // 21-23: a target counting on a calendar of its own (which key, which cell).
      String resolutionCalendar = change == 22 && p.equals("high") ? "night" : "team";
      String replyCalendar =
          change == 21 && p.equals("high") ? "night" : change == 23 ? "day" : MetricRule.ALWAYS;
      vip.target(
              p,
              "*",
              SlaMetric.resolution(),
              Duration.ofHours(change == 10 ? 5 : 4),
              resolutionCalendar)
          .target(p, "email", SlaMetric.firstResponse(), Duration.ofHours(1), replyCalendar);
    }
    if (change == 11) {
      vip.rule(MetricRule.of(SlaMetric.answerTime())); // a rule without a target
    }
    SlaPolicySet.Builder b =
        SlaPolicySet.builder()
            .statuses("new", "open", "pending", "hold", "solved")
            .solvedStatuses(
                change == 12 ? new String[] {"solved", "hold"} : new String[] {"solved"})
            .stage(
                new StageDefinition(
                    "work",
                    change == 13 ? Set.of("open", "hold") : Set.of("open"),
                    change == 14 ? ReopenRule.RESUME : ReopenRule.RESTART))
            .resolutionReopen(change == 15 ? ReopenRule.RESTART : ReopenRule.RESUME)
            .retargetRule(change == 28 ? RetargetRule.KEEP_REACHED : RetargetRule.RECALCULATE)
            .reattachStart(change == 29 ? ReattachStart.AT_CREATION : ReattachStart.AT_CHANGE)
            .retroactivePause(change == 30)
            .scheduleRule(change == 31 ? ScheduleRule.PER_PERIOD : ScheduleRule.LAST_SCHEDULE)
            .internalNotesCount(change == 16)
            .automatedRepliesCount(change == 17)
            .initialStatus(change == 18 ? "open" : "new")
            .firstResponseSolve(change == 33 ? SolveRule.PAUSE : SolveRule.END)
            .periodicUpdateFromCreation(change == 34);
    SlaPolicy standard =
        SlaPolicy.builder(change == 19 ? "basic" : "standard")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.stage("work"), Duration.ofHours(2))
            .build();
    if (change == 20) {
      b.policy(
          SlaPolicy.builder("first")
              .matrix(PriorityMatrix.constant("p"))
              .target("p", SlaMetric.nextResponse(), Duration.ofMinutes(30))
              .build());
    }
    return b.policy(vip.build()).defaultPolicy(standard).build();
  }

  @Test
  void everyFieldTakesPartInEqualityAndSurvivesTheRoundTrip() {
    // The round-trip properties compare with equals, so they are only as strong as equals: check
    // that a change to any one field makes an unequal set, and that each variant round trips.
    EqualsTester t = new EqualsTester();
    for (int change = 0; change <= 34; change++) {
      SlaPolicySet v = variant(change);
      t.addEqualityGroup(v, variant(change), SlaPolicyJson.read(SlaPolicyJson.write(v)));
      assertRoundTrips(v);
    }
    t.testEquals();
  }
}
