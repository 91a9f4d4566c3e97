package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.TicketEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ImportedHistory} is one ticket's history: it took events of other tickets and negative
 * counts, and a null event or count failed with an unnamed {@code NullPointerException}.
 */
class ImportedHistoryComponentsTest {

  private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void anEventOfAnotherTicketOrANegativeCountIsRefused() {
    TicketEvent mine = new TicketEvent.CustomerMessage("T-1", "e1", AT);
    TicketEvent other = new TicketEvent.CustomerMessage("T-2", "e2", AT);
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () -> new ImportedHistory("T-1", List.of(mine, other), Map.of()))
            .getMessage();
    assertTrue(m.startsWith("events[1] 'e2' belongs to ticket 'T-2'"), m);
    String n =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new ImportedHistory("T-1", List.of(mine), Map.of("tag that is not a key", -1L)))
            .getMessage();
    assertTrue(n.endsWith("-1 must not be negative"), n);
    assertEquals(
        Map.of("x", 0L), new ImportedHistory("T-1", List.of(mine), Map.of("x", 0L)).ignored());
  }

  @Test
  void aNullEventOrCountIsNamed() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () ->
                new ImportedHistory(
                    "T-1",
                    Arrays.asList(new TicketEvent.CustomerMessage("T-1", "e1", AT), null),
                    Map.of()));
    assertEquals("events[1]", e.getMessage());
    Map<String, Long> ignored = new HashMap<>();
    ignored.put("x", null);
    assertEquals(
        "ignored[x]",
        assertThrows(
                NullPointerException.class, () -> new ImportedHistory("T-1", List.of(), ignored))
            .getMessage());
  }
}
