package dev.servicekit.sla.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A long message is cut to its bound without splitting an escape ({@code \\u0001}) or a surrogate
 * pair, at any offset of the cut.
 */
class BoundCutTest {

  private static final Pattern HALF_ESCAPE = Pattern.compile("\\\\(?!u[0-9A-Fa-f]{4})");

  @Test
  void noHalfEscapeAndNoHalfPairAtAnyOffset() {
    for (int shift = 0; shift < 8; shift++) {
      String escapes = "x".repeat(shift) + "\\u0001".repeat(200) + " (at $.a, line 1, column 2)";
      String cut = JsonInput.bound(escapes);
      assertTrue(cut.length() <= 500, cut);
      assertFalse(HALF_ESCAPE.matcher(cut).find(), cut);
      assertTrue(cut.endsWith("(at $.a, line 1, column 2)"), cut);
      String pairs = "x".repeat(shift) + "\uD83D\uDE00".repeat(400) + " (at $)";
      String c2 = JsonInput.bound(pairs);
      assertTrue(c2.length() <= 500, c2);
      for (int i = 0; i < c2.length(); i++) {
        char c = c2.charAt(i);
        if (Character.isHighSurrogate(c)) {
          assertTrue(i + 1 < c2.length() && Character.isLowSurrogate(c2.charAt(i + 1)), c2);
          i++;
        } else {
          assertFalse(Character.isLowSurrogate(c), c2);
        }
      }
    }
  }
}
