package dev.servicekit.integrations.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A quoted value writes C1 controls (NEL, U+0085, breaks a line for some log readers) and
 * bidirectional controls (U+202E reorders the rest of the line) as escapes, as the cores do.
 */
class QuotedBidiTest {

  @Test
  void c1AndBidiControlsAreEscapedLettersKept() {
    assertEquals(
        "\"a\\u0085b\\u202ec\\u2066\u05d0\"", Quoted.excerpt("a\u0085b\u202ec\u2066\u05d0"));
  }
}
