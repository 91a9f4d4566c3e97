package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The built-in codecs' own messages, when {@code decode} is called directly, are bounded. */
class KeyCodecMessagesTest {

  @Test
  void longsQuotesABadKeyAsAnEscapedExcerpt() {
    String forged = "12\nERROR forged log line";
    String m =
        assertThrows(IllegalArgumentException.class, () -> KeyCodec.longs().decode(forged))
            .getMessage();
    assertEquals("\"12\\u000aERROR forged log line\" is not a decimal long", m);
    assertFalse(m.contains("\n"), m);
  }

  @Test
  void longsQuotesAHugeKeyCut() {
    String huge = "9".repeat(1_000_000);
    String m =
        assertThrows(IllegalArgumentException.class, () -> KeyCodec.longs().decode(huge))
            .getMessage();
    assertTrue(m.length() < 200, m);
    assertTrue(m.endsWith("...(1000000 chars)\" is not a decimal long"), m);
  }

  @Test
  void longsStillDecodesDecimalText() {
    assertEquals(-42L, KeyCodec.longs().decode("-42"));
  }
}
