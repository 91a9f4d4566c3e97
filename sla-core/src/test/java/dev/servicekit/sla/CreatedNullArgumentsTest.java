package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A null attribute map, key or value of a {@code Created} event is refused by name. */
class CreatedNullArgumentsTest {

  private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void aNullMapKeyOrValueIsNamed() {
    assertEquals(
        "attributes",
        assertThrows(
                NullPointerException.class,
                () -> TicketEvent.Created.byCustomer("T", "e", T, null, Set.of()))
            .getMessage());
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("tier", null);
    assertEquals(
        "attributes['tier']",
        assertThrows(
                NullPointerException.class,
                () -> TicketEvent.Created.byAgent("T", "e", T, nullValue, Set.of()))
            .getMessage());
    Map<String, String> nullKey = new HashMap<>();
    nullKey.put(null, "gold");
    assertEquals(
        "attributes: a key",
        assertThrows(
                NullPointerException.class,
                () -> TicketEvent.Created.byCustomer("T", "e", T, nullKey, Set.of()))
            .getMessage());
    assertEquals(
        "tags",
        assertThrows(
                NullPointerException.class,
                () -> TicketEvent.Created.byCustomer("T", "e", T, Map.of(), null))
            .getMessage());
  }
}
