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

  /**
   * A quote holds at most MAX_EXCERPT written characters, escapes counted as written: 44 lone
   * surrogates (a drawn id) were 264 characters of escapes, and their message passed 400.
   */
  @Test
  void aQuoteOfEscapedCharactersIsBoundedByWhatItWrites() {
    String q = Excerpts.quote("\uD800".repeat(44));
    assertEquals("'" + "\\uD800".repeat(13) + "'…(44 chars)", q);
    assertEquals("'" + "m".repeat(80) + "'…(81 chars)", Excerpts.quote("m".repeat(81)));
    assertEquals("'" + "m".repeat(80) + "'", Excerpts.quote("m".repeat(80)));
  }

  /** A cut holds at most its bound in printed characters, escapes counted as printed. */
  @Test
  void aCutOfEscapedCharactersIsBoundedByWhatItPrints() {
    assertEquals("\\u0001".repeat(13) + "…(44 chars)", Excerpts.cut("\u0001".repeat(44)));
    assertEquals("m".repeat(80) + "…(81 chars)", Excerpts.cut("m".repeat(81)));
    assertEquals("m".repeat(79) + "…(81 chars)", Excerpts.cut("m".repeat(79) + "\uD83D\uDE00"));
    assertEquals("m".repeat(78) + "\uD83D\uDE00", Excerpts.cut("m".repeat(78) + "\uD83D\uDE00"));
  }

  /** A bidirectional control (U+202E reorders the rest of a log line) is escaped, letters kept. */
  @Test
  void bidiControlsAreEscaped() {
    assertEquals("a\\u202Eb\\u2066\\u200F", Excerpts.printable("a\u202eb\u2066\u200f"));
    assertEquals("'x\\u061C'", Excerpts.quote("x\u061c"));
    String hebrew = "\u05d0\u05d1";
    assertSame(hebrew, Excerpts.printable(hebrew));
  }
}
