package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Keys may hold single interior spaces, so CRM values such as Jira's "Waiting for customer" or a
 * hold reason "Awaiting Vendor" are sent as they are (issue 17 review, finding 6); leading,
 * trailing and doubled spaces, other whitespace and control characters stay rejected.
 */
class KeysWithSpacesTest {

  private static final Instant T0 = Fixtures.mon(9, 0);

  static SlaPolicySet set() {
    PriorityMatrix matrix =
        PriorityMatrix.builder()
            .cell("Sev 1", "Key Account", "P1 Critical")
            .cell("Sev 2", "Key Account", "P3 Normal")
            .build();
    SlaPolicy p =
        SlaPolicy.builder("Enterprise support")
            .when(MatchCondition.always().withAttribute("tier", "Key Account"))
            .matrix(matrix)
            .channels("Web portal")
            .target("P1 Critical", "*", SlaMetric.firstResponse(), Duration.ofHours(1))
            .target("P3 Normal", "*", SlaMetric.firstResponse(), Duration.ofHours(4))
            .target("P1 Critical", SlaMetric.resolution(), Duration.ofHours(8))
            .target("P3 Normal", SlaMetric.resolution(), Duration.ofHours(24))
            .rule(
                MetricRule.builder(SlaMetric.resolution())
                    .pauseOn("Waiting for customer")
                    .pauseWhileAttribute("hold reason", "Awaiting Vendor")
                    .pauseWhileTag("on vendor")
                    .build())
            .build();
    return SlaPolicySet.builder()
        .statuses("Open", "Waiting for customer", "Resolved")
        .solvedStatuses("Resolved")
        .defaultPolicy(p)
        .build();
  }

  private static List<TicketEvent> history() {
    return List.of(
        TicketEvent.Created.byCustomer(
            "T",
            "e1",
            T0,
            Map.of("severity", "Sev 1", "tier", "Key Account", "channel", "Web portal"),
            Set.of("first contact")),
        new TicketEvent.StatusChanged("T", "e2", Fixtures.mon(10, 0), "Waiting for customer"),
        new TicketEvent.StatusChanged("T", "e3", Fixtures.mon(11, 0), "Open"),
        new TicketEvent.AttributeChanged(
            "T", "e4", Fixtures.mon(12, 0), "hold reason", "Awaiting Vendor"),
        new TicketEvent.AttributeChanged("T", "e5", Fixtures.mon(13, 0), "hold reason", "none"),
        new TicketEvent.TagsChanged("T", "e6", Fixtures.mon(14, 0), Set.of("on vendor")),
        new TicketEvent.TagsChanged("T", "e7", Fixtures.mon(15, 0), Set.of()),
        new TicketEvent.PriorityChanged("T", "e8", Fixtures.mon(15, 0), "P3 Normal"));
  }

  @Test
  void keysWithSingleInteriorSpacesDriveTheClock() {
    SlaEvaluation e = SlaClock.evaluateTimes(set(), Map.of(), history(), Fixtures.mon(16, 0));
    assertEquals(List.of(), e.anomalies());
    assertEquals(Optional.of("P3 Normal"), e.priority());
    assertEquals("Enterprise support", e.policy());
    MetricCycle resolution =
        e.cycles().stream()
            .filter(c -> c.metric().equals(SlaMetric.resolution()))
            .findFirst()
            .get();
    // 09:00-16:00 is 7 h, paused 10-11 (status), 12-13 (hold reason) and 14-15 (tag)
    assertEquals(Duration.ofHours(4), resolution.elapsed());
    assertEquals(Duration.ofHours(3), resolution.pausedTime());
  }

  @Test
  void aPolicySetWithSuchKeysRoundTripsThroughJson() {
    SlaPolicySet s = set();
    String json = SlaPolicyJson.write(s);
    assertTrue(json.contains("\"Waiting for customer\""), json);
    assertEquals(s, SlaPolicyJson.read(json));
  }

  @Test
  void eventsWithSuchKeysRoundTripThroughJson() {
    for (TicketEvent ev : history()) {
      assertEquals(ev, TicketEventJson.read(TicketEventJson.write(ev)));
    }
  }

  @Test
  void aClockWithSuchKeysRoundTripsThroughItsSnapshots() {
    SlaClock clock = new SlaClock(set(), Map.of(), "T");
    history().forEach(clock::accept);
    SlaEvaluation before = clock.evaluate(Fixtures.mon(16, 0));
    SlaClock packed =
        SlaClockSnapshot.fromBytes(
            SlaClockSnapshot.toBytes(clock), id -> new SlaClock(set(), Map.of(), id));
    assertEquals(clock.events(), packed.events());
    assertEquals(before, packed.evaluate(Fixtures.mon(16, 0)));
    SlaClock json =
        SlaClockSnapshot.fromJson(
            SlaClockSnapshot.toJson(clock), id -> new SlaClock(set(), Map.of(), id));
    assertEquals(before, json.evaluate(Fixtures.mon(16, 0)));
  }

  @Test
  void leadingTrailingAndDoubledSpacesOtherWhitespaceAndLongKeysAreRejected() {
    String doubled = "must not begin or end with a space or contain two spaces in a row";
    String other = "must not contain whitespace other than single spaces, or control characters";
    Map<String, String> cases =
        Map.of(
            " Open",
            doubled,
            "Open ",
            doubled,
            "Waiting  for customer",
            doubled,
            " ",
            doubled,
            "Waiting\tfor customer",
            other,
            "Waiting\nfor",
            other,
            "Waiting\u2003for",
            other,
            "Waiting\u0007",
            other,
            "x".repeat(65),
            "must have between 1 and 64 characters");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      IllegalArgumentException x =
          assertThrows(
              IllegalArgumentException.class,
              () -> new TicketEvent.StatusChanged("T", "e", T0, c.getKey()),
              c.getKey());
      assertTrue(x.getMessage().contains(c.getValue()), x.getMessage());
      assertThrows(
          IllegalArgumentException.class,
          () -> new TicketEvent.AttributeChanged("T", "e", T0, "hold reason", c.getKey()));
      assertThrows(
          IllegalArgumentException.class, () -> SlaPolicySet.builder().statuses(c.getKey()));
    }
    assertEquals(
        "a".repeat(31) + " " + "b".repeat(32),
        new TicketEvent.StatusChanged("T", "e", T0, "a".repeat(31) + " " + "b".repeat(32))
            .status());
  }
}
