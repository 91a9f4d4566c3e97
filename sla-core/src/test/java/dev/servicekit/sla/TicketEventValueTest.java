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

  /**
   * Equal events read the same however their attribute and tag collections were built: keys in
   * order. {@code Map.copyOf} iterates in an order that depends on insertion order and a per-JVM
   * seed, so a {@code Created} decoded from JSON and the one it was written from could quote
   * differently in a rejection message (Kafka and Flink worded one id reuse two ways).
   */
  @Test
  void attributesAndTagsReadInKeyOrderWhateverTheInsertionOrder() {
    java.util.Map<String, String> forward = new java.util.LinkedHashMap<>();
    java.util.Map<String, String> backward = new java.util.LinkedHashMap<>();
    java.util.List<String> tags = new java.util.ArrayList<>();
    StringBuilder attributes = new StringBuilder();
    for (int i = 0; i < 24; i++) {
      String k = String.format("k%02d", i);
      forward.put(k, "v" + i);
      attributes.append(i == 0 ? "" : ", ").append(k).append("=v").append(i);
      tags.add(String.format("t%02d", i));
    }
    for (int i = 23; i >= 0; i--) {
      String k = String.format("k%02d", i);
      backward.put(k, "v" + i);
    }
    TicketEvent a =
        TicketEvent.Created.byCustomer("T", "e", T0, forward, new java.util.LinkedHashSet<>(tags));
    java.util.Collections.reverse(tags);
    TicketEvent b =
        TicketEvent.Created.byCustomer("T", "e", T0, backward, new java.util.LinkedHashSet<>(tags));
    java.util.Collections.reverse(tags);
    assertEquals(a, b);
    assertEquals(
        "Created[ticketId=T, id=e, at=2026-03-02T09:00:00Z, attributes={"
            + attributes
            + "}, tags="
            + tags
            + ", byAgent=false]",
        a.toString());
    assertEquals(a.toString(), b.toString());
    TicketEvent.TagsChanged c =
        new TicketEvent.TagsChanged("T", "e", T0, new java.util.LinkedHashSet<>(tags));
    assertTrue(c.toString().endsWith("tags=" + tags + "]"), c.toString());
  }

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
