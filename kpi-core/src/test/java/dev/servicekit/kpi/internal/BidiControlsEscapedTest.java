package dev.servicekit.kpi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.kpi.GroupKey;
import org.junit.jupiter.api.Test;

/**
 * A bidirectional control quoted in a message is written as an escape: raw, U+202E (right-to-left
 * override) reorders how the rest of the log line is shown. Every control of the set, and a message
 * from a public call.
 */
class BidiControlsEscapedTest {

  private static final char[] BIDI = {
    0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069
  };

  @Test
  void everyBidiControlIsEscapedAndLettersAreNot() {
    for (char c : BIDI) {
      assertTrue(Excerpt.escapes(c));
      assertEquals("a" + String.format("\\u%04x", (int) c) + "b", Excerpt.of("a" + c + "b"));
    }
    for (char c : new char[] {0x200d, 0x2065, 0x206a, 0x061b, 0x05d0, 'a'}) {
      assertFalse(Excerpt.escapes(c), Integer.toHexString(c));
    }
  }

  @Test
  void aGroupKeyTextWithAnOverrideIsQuotedEscaped() {
    IllegalArgumentException x =
        assertThrows(IllegalArgumentException.class, () -> GroupKey.parse("team\u202e"));
    assertFalse(x.getMessage().contains("\u202e"), x.getMessage());
    assertTrue(x.getMessage().contains("\\u202e"), x.getMessage());
  }
}
