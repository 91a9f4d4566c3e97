package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An {@link Assignment} built by hand took any counts, and {@link Assignment#reason()} printed
 * them: {@code highest spare capacity (9223372036854775807% of chat) among 0 eligible} for a limit
 * of 0, {@code 3 of -2 chat free among -1 eligible}, a shift that ended before the decision. They
 * are refused, naming the component.
 */
class AssignmentComponentsTest {

  private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");
  private static final WorkItem ITEM = WorkItem.builder("i", "chat", AT).build();

  private static Assignment of(
      String agent, int candidates, int openBefore, int limit, int spare, Optional<Instant> end) {
    return new Assignment(
        ITEM,
        agent,
        AT,
        AgentOrder.HIGHEST_SPARE_PERCENT,
        false,
        candidates,
        openBefore,
        limit,
        spare,
        end,
        ZoneOffset.UTC);
  }

  private static void refused(String field, Runnable build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
    assertTrue(e.getMessage().startsWith(field + " "), e.getMessage());
  }

  @Test
  void countsNoRouterMakesAreRefusedNamingTheComponent() {
    Optional<Instant> none = Optional.empty();
    refused("agentId", () -> of(" ", 1, 0, 3, 3, none));
    refused("agentId", () -> of("a\nb", 1, 0, 3, 3, none));
    refused("candidates", () -> of("x", 0, 0, 3, 3, none));
    refused("limit", () -> of("x", 1, 0, 0, 3, none));
    refused("limit", () -> of("x", 1, 0, Capacity.MAX + 1, 3, none));
    refused("openBefore", () -> of("x", 1, -1, 3, 3, none));
    refused("openBefore", () -> of("x", 1, 3, 3, 1, none));
    refused("spare", () -> of("x", 1, 1, 3, 3, none));
    refused("spare", () -> of("x", 1, 1, 3, 0, none));
    refused("shiftEnd", () -> of("x", 1, 0, 3, 3, Optional.of(AT)));
    refused("shiftEnd", () -> of("x", 1, 0, 3, 3, Optional.of(AT.minusSeconds(5))));
  }

  @Test
  void theBoundsThemselvesAreAccepted() {
    assertEquals(
        "highest spare capacity (33% of chat by the shared budget) among 1 eligible;"
            + " shift ends 09:00 Z",
        of("x", 1, 0, 3, 1, Optional.of(AT.plusNanos(1))).reason());
    assertEquals(
        "highest spare capacity (100% of chat) among 2 eligible; shift never ends",
        of("x", 2, 0, Capacity.MAX, Capacity.MAX, Optional.empty()).reason());
    assertEquals(
        "highest spare capacity (50% of chat) among 1 eligible; shift never ends",
        of("x", 1, 1, 2, 1, Optional.empty()).reason());
  }
}
