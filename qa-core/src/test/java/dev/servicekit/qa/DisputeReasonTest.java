package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A dispute's reason must say something: {@link String#isBlank} let a reason of only a no-break
 * space (pasted from HTML or Word) or a zero-width space pass, which no reviewer can read.
 */
class DisputeReasonTest {

  private static final Instant T = Instant.parse("2026-01-05T10:00:00Z");

  @ParameterizedTest
  @ValueSource(strings = {"\u00A0", " \u00A0 ", "\u2007", "\u202F", "\u200B", "\uFEFF", "\t\u3000"})
  void aReasonOfOnlyInvisibleCharactersIsBlank(String reason) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Dispute.open("anna", T, Optional.empty(), reason));
    assertTrue(e.getMessage().startsWith("reason must be non-blank"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "\u00A0why", "n\u200Bo", "\u2014"})
  void aReasonWithSomethingToReadIsKept(String reason) {
    assertEquals(reason, Dispute.open("anna", T, Optional.empty(), reason).reason());
  }
}
