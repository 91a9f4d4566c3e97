package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * An error without a path from a JSON snapshot reader (a plugin codec's own) is located at the
 * document, with its message escaped and bounded, and kept as the cause.
 */
class PluginErrorMessageTest {

  private static IllegalArgumentException locate(IllegalArgumentException thrown) {
    return assertThrows(
        IllegalArgumentException.class,
        () ->
            KpiSnapshots.locating(
                "{\n \"kind\": \"x\"}",
                () -> {
                  throw thrown;
                }));
  }

  @Test
  void aPluginMessageIsEscapedBoundedAndKeptAsTheCause() {
    IllegalArgumentException plugin =
        new IllegalArgumentException("bad\nline 2026 ERROR forged" + "x".repeat(1000));
    IllegalArgumentException e = locate(plugin);
    String m = e.getMessage();
    assertTrue(m.startsWith("bad\\u000aline 2026 ERROR forged"), m);
    assertTrue(m.endsWith("(at $, line 1, column 1)"), m);
    assertTrue(m.length() <= 500, m);
    assertTrue(m.chars().noneMatch(c -> c < 0x20), m);
    Throwable cause = e;
    while (cause.getCause() != null && cause != plugin) {
      cause = cause.getCause();
    }
    assertSame(plugin, cause);
  }

  @Test
  void aPluginErrorWithoutAMessageIsNamedByItsClass() {
    String m = locate(new IllegalArgumentException()).getMessage();
    assertEquals("IllegalArgumentException (at $, line 1, column 1)", m);
  }
}
