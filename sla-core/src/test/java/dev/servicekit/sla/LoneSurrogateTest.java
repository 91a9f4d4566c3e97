package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A lone surrogate is not a character: a binary checkpoint (UTF-8) would restore it as {@code ?},
 * so event ids, ticket ids and keys refuse it, naming the field and the index; pairs are accepted
 * and survive a binary checkpoint.
 */
class LoneSurrogateTest {

  private static final Instant AT = Instant.parse("2026-01-05T10:00:00Z");

  @Test
  void eventIdsTicketIdsAndKeysRefuseALoneSurrogate() {
    IllegalArgumentException id =
        assertThrows(
            IllegalArgumentException.class,
            () -> new TicketEvent.CustomerMessage("T", "e\uD83D", AT));
    assertEquals(
        // the lone surrogate is quoted escaped (session 8: a UTF-8 log would write '?')
        "event id 'e\\ud83d' has a lone surrogate at index 1: not a character", id.getMessage());
    IllegalArgumentException ticket =
        assertThrows(
            IllegalArgumentException.class,
            () -> new TicketEvent.CustomerMessage("\uDE00T", "e1", AT));
    assertEquals(
        "ticketId '\\ude00T' has a lone surrogate at index 0: not a character",
        ticket.getMessage());
    IllegalArgumentException value =
        assertThrows(
            IllegalArgumentException.class,
            () -> new TicketEvent.AttributeChanged("T", "e1", AT, "tier", "gold\uD83D\uD83D"));
    assertEquals(
        "attribute tier value 'gold\\ud83d\\ud83d' has a lone surrogate at index 4: not a"
            + " character",
        value.getMessage());
  }

  @Test
  void surrogatePairsAreCharactersAndSurviveABinaryCheckpoint() {
    SlaPolicySet set = Fixtures.tiered();
    SlaClock clock = Fixtures.clock(set, "T\uD83D\uDE00");
    clock.accept(
        new TicketEvent.Created(
            "T\uD83D\uDE00", "e\uD83D\uDE00", AT, Map.of("tier", "g\uD83D\uDE00"), Set.of()));
    SlaClock back =
        SlaClockSnapshot.fromBytes(SlaClockSnapshot.toBytes(clock), id -> Fixtures.clock(set, id));
    assertEquals(clock.events(), back.events());
  }
}
