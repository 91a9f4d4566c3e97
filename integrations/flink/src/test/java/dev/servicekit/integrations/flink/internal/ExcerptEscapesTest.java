package dev.servicekit.integrations.flink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A quoted value is one printable line: C1 controls (NEL, U+0085), the line and paragraph
 * separators and the bidirectional controls (U+202E reorders the rest of the line) are escaped, as
 * the cores escape them; letters of any script are kept.
 */
class ExcerptEscapesTest {

  @Test
  void c1SeparatorsAndBidiControlsAreEscaped() {
    assertEquals(
        "\"a\\u0085b\\u2028c\\u202ed\\u2069\u05d0\"",
        Strings.excerpt("a\u0085b\u2028c\u202ed\u2069\u05d0"));
  }
}
