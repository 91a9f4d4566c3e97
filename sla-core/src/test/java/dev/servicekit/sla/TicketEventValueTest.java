package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Events are value types: equal exactly when of one kind with equal components (including the
 * common ticket id, id and timestamp), with a consistent hash code and a record-like string.
 */
class TicketEventValueTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant T1 = T0.plusNanos(1);

  @Test
  void equalityCoversEveryComponentOfEveryKind() {
    EqualsTester t = new EqualsTester();
    // Each group: two separately built equal events. Groups differ in exactly one component or
    // in kind, so any component left out of equals merges two groups and fails.
    t.addEqualityGroup(
        created("T", "e", T0, "a", "1", "x", false), created("T", "e", T0, "a", "1", "x", false));
    t.addEqualityGroup(created("U", "e", T0, "a", "1", "x", false));
    t.addEqualityGroup(created("T", "f", T0, "a", "1", "x", false));
    t.addEqualityGroup(created("T", "e", T1, "a", "1", "x", false));
    t.addEqualityGroup(created("T", "e", T0, "b", "1", "x", false));
    t.addEqualityGroup(created("T", "e", T0, "a", "2", "x", false));
    t.addEqualityGroup(created("T", "e", T0, "a", "1", "y", false));
    t.addEqualityGroup(created("T", "e", T0, "a", "1", "x", true));
    t.addEqualityGroup(
        created("T", "e", T0, "a", "1", "x", false).withStatus("open"),
        created("T", "e", T0, "a", "1", "x", false).withStatus("open"));
    t.addEqualityGroup(created("T", "e", T0, "a", "1", "x", false).withStatus("pending"));
    t.addEqualityGroup(
        new TicketEvent.CustomerMessage("T", "e", T0),
        new TicketEvent.CustomerMessage("T", "e", T0));
    for (boolean pub : new boolean[] {true, false}) {
      for (boolean bot : new boolean[] {true, false}) {
        t.addEqualityGroup(
            TicketEvent.reply("T", "e", T0, pub, bot), TicketEvent.reply("T", "e", T0, pub, bot));
      }
    }
    t.addEqualityGroup(
        new TicketEvent.StatusChanged("T", "e", T0, "open"),
        new TicketEvent.StatusChanged("T", "e", T0, "open"));
    t.addEqualityGroup(new TicketEvent.StatusChanged("T", "e", T0, "pending"));
    t.addEqualityGroup(
        new TicketEvent.PriorityChanged("T", "e", T0, "open"),
        new TicketEvent.PriorityChanged("T", "e", T0, "open"));
    t.addEqualityGroup(
        new TicketEvent.AttributeChanged("T", "e", T0, "k", "v"),
        new TicketEvent.AttributeChanged("T", "e", T0, "k", "v"));
    t.addEqualityGroup(new TicketEvent.AttributeChanged("T", "e", T0, "k", "w"));
    t.addEqualityGroup(new TicketEvent.AttributeChanged("T", "e", T0, "j", "v"));
    t.addEqualityGroup(
        new TicketEvent.TagsChanged("T", "e", T0, Set.of("x")),
        new TicketEvent.TagsChanged("T", "e", T0, Set.of("x")));
    t.addEqualityGroup(new TicketEvent.TagsChanged("T", "e", T0, Set.of("x", "y")));
    t.addEqualityGroup(
        new TicketEvent.Assigned("T", "e", T0, "open"),
        new TicketEvent.Assigned("T", "e", T0, "open"));
    t.addEqualityGroup(
        new TicketEvent.Escalated("T", "e", T0, 1), new TicketEvent.Escalated("T", "e", T0, 1));
    t.addEqualityGroup(new TicketEvent.Escalated("T", "e", T0, 2));
    t.addEqualityGroup(
        new TicketEvent.CallOffered("T", "e", T0, "open"),
        new TicketEvent.CallOffered("T", "e", T0, "open"));
    t.addEqualityGroup(
        new TicketEvent.CallAnswered("T", "e", T0, "open"),
        new TicketEvent.CallAnswered("T", "e", T0, "open"));
    t.addEqualityGroup(new TicketEvent.CallAnswered("T", "e", T0, "c2"));
    t.addEqualityGroup(
        new TicketEvent.CallAbandoned("T", "e", T0, "open"),
        new TicketEvent.CallAbandoned("T", "e", T0, "open"));
    t.testEquals();
  }

  @Test
  void toStringNamesTheKindAndEveryComponent() {
    assertEquals(
        "AgentReply[ticketId=T, id=e1, at=2026-03-02T09:00:00Z, isPublic=true, automated=false]",
        TicketEvent.AgentReply.publicReply("T", "e1", T0).toString());
    assertEquals(
        "CustomerMessage[ticketId=T, id=e2, at=2026-03-02T09:00:00.000000001Z]",
        new TicketEvent.CustomerMessage("T", "e2", T1).toString());
    assertEquals(
        "Escalated[ticketId=T, id=e3, at=2026-03-02T09:00:00Z, level=2]",
        new TicketEvent.Escalated("T", "e3", T0, 2).toString());
  }

  private static TicketEvent.Created created(
      String ticket, String id, Instant at, String key, String value, String tag, boolean byAgent) {
    return TicketEvent.created(ticket, id, at, Map.of(key, value), Set.of(tag), byAgent, null);
  }

  @Test
  void theShortCreatedFactoriesHaveNoAttributesOrTags() {
    Instant at = Instant.parse("2026-03-02T09:00:00Z");
    TicketEvent.Created c = TicketEvent.Created.byCustomer("T-1", "e1", at);
    assertEquals(TicketEvent.Created.byCustomer("T-1", "e1", at, Map.of(), Set.of()), c);
    assertFalse(c.byAgent());
    TicketEvent.Created a = TicketEvent.Created.byAgent("T-1", "e1", at);
    assertEquals(TicketEvent.Created.byAgent("T-1", "e1", at, Map.of(), Set.of()), a);
    assertTrue(a.byAgent());
    assertThrows(NullPointerException.class, () -> TicketEvent.Created.byAgent("T-1", null, at));
  }
}
