package dev.servicekit.sla.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.MatchCondition;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A bidirectional control quoted in a message is written as an escape: raw, U+202E (right-to-left
 * override) in a value reorders how the rest of the log line is shown ("Trojan source" in logs).
 * Every control of the set, alone and inside a value, and a message from a public call.
 */
class BidiControlsEscapedTest {

  private static final char[] BIDI = {
    0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069
  };

  @Test
  void everyBidiControlIsEscapedAndItsNeighboursAreNot() {
    for (char c : BIDI) {
      assertTrue(JsonInput.bidi(c));
      assertEquals(
          "a" + String.format("\\u%04x", (int) c) + "b", JsonInput.printable("a" + c + "b"));
    }
    for (char c : new char[] {0x200d, 0x2029, 0x2065, 0x206a, 0x061b, 0x05d0}) {
      assertFalse(JsonInput.bidi(c), Integer.toHexString(c));
    }
    assertEquals("\u05d0\u05d1", JsonInput.printable("\u05d0\u05d1")); // Hebrew letters stay
  }

  @Test
  void aStatusWithAnOverrideIsQuotedEscaped() {
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("open", "solved")
            .solvedStatuses("solved")
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .when(MatchCondition.always())
                    .matrix(PriorityMatrix.constant("normal"))
                    .build())
            .build();
    SlaClock clock = SlaClock.of(set, Map.of(), "T");
    Instant t = Instant.parse("2026-03-02T10:00:00Z");
    clock.accept(TicketEvent.Created.byCustomer("T", "c", t));
    IllegalArgumentException x =
        assertThrows(
            IllegalArgumentException.class,
            () -> clock.accept(new TicketEvent.StatusChanged("T", "s", t, "ope\u202en")));
    assertTrue(x.getMessage().contains("ope\\u202en"), x.getMessage());
    assertFalse(x.getMessage().contains("\u202e"), x.getMessage());
  }
}
