package dev.servicekit.qa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/**
 * Quoted values are printable: control characters, line and paragraph separators and lone
 * surrogates are escaped, a surrogate pair is kept.
 */
class ExcerptsTest {

  @Test
  void loneSurrogatesAreEscapedAndPairsKept() {
    assertEquals("a\\uD800b", Excerpts.printable("a\uD800b"));
    assertEquals("\\uDC00x", Excerpts.printable("\uDC00x"));
    assertEquals("x\\uD83D", Excerpts.cut("x\uD83D"));
    String pair = "face \uD83D\uDE00";
    assertSame(pair, Excerpts.printable(pair));
  }

  @Test
  void controlCharactersAndSeparatorsAreEscaped() {
    assertEquals("a\\u000Ab\\u2028", Excerpts.printable("a\nb\u2028"));
  }
}
