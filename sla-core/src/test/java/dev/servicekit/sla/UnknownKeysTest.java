package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A severity, tier or channel the policy in force does not list is a fallback, never silent: it is
 * reported as an {@link EventAnomaly}, and a strict set ({@link SlaPolicySet#rejectUnknownKeys()})
 * rejects an event with a key no policy lists (issue 17, "severity=blocker").
 */
class UnknownKeysTest {

  private static final Instant T0 = Fixtures.mon(9, 0);

  static SlaPolicySet set(boolean strict) {
    PriorityMatrix matrix =
        PriorityMatrix.builder()
            .cell("s1", "gold", "urgent")
            .cell("s2", "gold", "high")
            .defaultPriority("normal")
            .build();
    SlaPolicy p =
        SlaPolicy.builder("standard")
            .matrix(matrix)
            .channels("email")
            .target("urgent", SlaMetric.firstResponse(), Duration.ofHours(1))
            .target("high", SlaMetric.firstResponse(), Duration.ofHours(2))
            .target("normal", SlaMetric.firstResponse(), Duration.ofHours(4))
            .build();
    return Fixtures.statusModel().rejectUnknownKeys(strict).defaultPolicy(p).build();
  }

  /** A ticket created with {@code attrs}, on channel email unless they name a channel. */
  private static TicketEvent created(String id, Map<String, String> attrs) {
    Map<String, String> withChannel = new java.util.HashMap<>(attrs);
    withChannel.putIfAbsent("channel", "email"); // an absent channel is a fallback too
    return new TicketEvent.Created("T", id, T0, withChannel, Set.of());
  }

  private static TicketEvent attr(String id, Instant at, String key, String value) {
    return new TicketEvent.AttributeChanged("T", id, at, key, value);
  }

  @Test
  void anUnlistedSeverityIsReportedAndGetsTheMatrixDefault() {
    SlaEvaluation e =
        Fixtures.eval(
            set(false),
            List.of(created("c", Map.of("severity", "blocker", "tier", "gold"))),
            Fixtures.mon(10, 0));
    assertEquals(Optional.of("normal"), e.priority());
    assertEquals(1, e.anomalies().size(), e.anomalies().toString());
    EventAnomaly a = e.anomalies().get(0);
    assertEquals("c", a.eventId());
    assertEquals(T0, a.at());
    assertEquals(
        "severity 'blocker' is not among the severity keys [s1, s2] of the priority matrix of"
            + " policy standard: its default priority 'normal' applies",
        a.reason());
  }

  @Test
  void aFallbackIsReportedWhenItBeginsNotAtEveryLaterChange() {
    List<TicketEvent> h =
        List.of(
            created("c", Map.of("severity", "blocker", "tier", "gold")),
            attr("d", Fixtures.mon(10, 0), "channel", "email"), // still a fallback: not again
            attr("e", Fixtures.mon(11, 0), "severity", "s1"), // listed: ends
            attr("f", Fixtures.mon(12, 0), "severity", "blocker")); // begins again
    SlaEvaluation e = Fixtures.eval(set(false), h, Fixtures.mon(13, 0));
    assertEquals(List.of("c", "f"), e.anomalies().stream().map(EventAnomaly::eventId).toList());
    // a second unlisted field begins its own fallback: reported, without the continuing one
    List<TicketEvent> more = new java.util.ArrayList<>(h);
    more.add(attr("g", Fixtures.mon(13, 0), "tier", "silver"));
    more.add(attr("h", Fixtures.mon(14, 0), "channel", "fax"));
    more.add(attr("i", Fixtures.mon(15, 0), "channel", "chat"));
    more.add(attr("j", Fixtures.mon(16, 0), "severity", "s3"));
    SlaEvaluation m = Fixtures.eval(set(false), more, Fixtures.mon(16, 0));
    String matrix =
        " of the priority matrix of policy standard: its default priority 'normal' applies";
    String channel =
        " is not among the channel keys [email] of policy standard: its '*' targets apply";
    assertEquals(
        List.of(
            new EventAnomaly(
                "c", T0, "severity 'blocker' is not among the severity keys [s1, s2]" + matrix),
            new EventAnomaly(
                "f",
                Fixtures.mon(12, 0),
                "severity 'blocker' is not among the severity keys [s1, s2]" + matrix),
            new EventAnomaly(
                "g",
                Fixtures.mon(13, 0),
                "tier 'silver' is not among the tier keys [gold]" + matrix),
            new EventAnomaly("h", Fixtures.mon(14, 0), "channel 'fax'" + channel),
            new EventAnomaly("i", Fixtures.mon(15, 0), "channel 'chat'" + channel),
            new EventAnomaly(
                "j",
                Fixtures.mon(16, 0),
                "severity 's3' is not among the severity keys [s1, s2]" + matrix)),
        m.anomalies());
  }

  @Test
  void aFallbackFixedAtTheSameInstantIsNotReported() {
    List<TicketEvent> h =
        List.of(
            created("c", Map.of("severity", "s2", "tier", "gold")),
            attr("a", Fixtures.mon(10, 0), "severity", "blocker"),
            attr("b", Fixtures.mon(10, 0), "severity", "s1"));
    // a then b: b's value wins; the instant ends on a listed severity
    SlaEvaluation e = Fixtures.eval(set(false), h, Fixtures.mon(11, 0));
    assertEquals(List.of(), e.anomalies());
    assertEquals(Optional.of("urgent"), e.priority());
  }

  @Test
  void anExplicitPriorityReplacesTheMatrixSoItsKeysDoNotFallBack() {
    List<TicketEvent> h =
        List.of(
            created("c", Map.of("severity", "s1", "tier", "gold")),
            new TicketEvent.PriorityChanged("T", "p", Fixtures.mon(10, 0), "high"),
            attr("a", Fixtures.mon(11, 0), "severity", "blocker"));
    assertEquals(List.of(), Fixtures.eval(set(false), h, Fixtures.mon(12, 0)).anomalies());
  }

  @Test
  void anUnlistedChannelIsReportedAndGetsTheAnyChannelTargets() {
    SlaEvaluation e =
        Fixtures.eval(
            set(false),
            List.of(created("c", Map.of("severity", "s1", "tier", "gold", "channel", "fax"))),
            Fixtures.mon(10, 0));
    assertEquals(1, e.anomalies().size());
    assertEquals(
        "channel 'fax' is not among the channel keys [email] of policy standard: its '*'"
            + " targets apply",
        e.anomalies().get(0).reason());
    assertEquals(Optional.of(Duration.ofHours(1)), e.cycles().get(0).target());
  }

  @Test
  void strictModeRejectsAKeyNoPolicyListsAndLeavesTheClockAsItWas() {
    SlaClock clock = Fixtures.clock(set(true), "T");
    clock.accept(created("c", Map.of("severity", "s1", "tier", "gold")));
    SlaEvaluation before = clock.evaluate(Fixtures.mon(12, 0));
    IllegalArgumentException x =
        assertThrows(
            IllegalArgumentException.class,
            () -> clock.accept(attr("a", Fixtures.mon(10, 0), "severity", "blocker")));
    assertEquals(
        "event 'a' severity 'blocker' is unknown to every policy of the set (rejectUnknownKeys):"
            + " expected one of [s1, s2]",
        x.getMessage());
    assertEquals(1, clock.events().size());
    assertEquals(before, clock.evaluate(Fixtures.mon(12, 0)));
    assertFalse(clock.events().stream().anyMatch(ev -> ev.id().equals("a")));
    // a Created event, a channel and an explicit priority are checked too
    SlaClock fresh = Fixtures.clock(set(true), "T");
    IllegalArgumentException c =
        assertThrows(
            IllegalArgumentException.class,
            () -> fresh.accept(created("c", Map.of("tier", "bronze"))));
    assertTrue(c.getMessage().contains("tier 'bronze'"), c.getMessage());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> clock.accept(attr("b", Fixtures.mon(10, 0), "channel", "fax")))
            .getMessage()
            .contains("expected one of [email]"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    clock.accept(
                        new TicketEvent.PriorityChanged("T", "p", Fixtures.mon(10, 0), "hgih")))
            .getMessage()
            .contains("priority 'hgih'"));
    // attributes that are no key, and keys every policy lists, pass
    assertTrue(clock.accept(attr("d", Fixtures.mon(10, 0), "product", "anything")));
    assertTrue(clock.accept(attr("e", Fixtures.mon(10, 0), "severity", "s2")));
  }

  @Test
  void strictModeIsReadAndWrittenAsJson() {
    SlaPolicySet strict = set(true);
    String json = SlaPolicyJson.write(strict);
    assertTrue(json.contains("\"rejectUnknownKeys\": true"), json);
    assertEquals(strict, SlaPolicyJson.read(json));
    assertFalse(
        SlaPolicyJson.read(
                json.replace("\"rejectUnknownKeys\": true", "\"rejectUnknownKeys\": false"))
            .rejectUnknownKeys());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SlaPolicyJson.read(
                    json.replace("\"rejectUnknownKeys\": true", "\"rejectUnknownKeys\": \"yes\"")));
    assertTrue(e.getMessage().contains("rejectUnknownKeys, line"), e.getMessage());
  }
}
