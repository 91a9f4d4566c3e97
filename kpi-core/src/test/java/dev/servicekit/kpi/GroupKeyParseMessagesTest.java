package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link GroupKey#parse} quotes a bounded, printable excerpt of the text it rejects (found by
 * {@link EveryReaderHostileInputProperties}): it quoted the whole text, so a 100,000-character key
 * gave a 100,000-character message, and a line break or line separator in it went into the log line
 * raw.
 */
class GroupKeyParseMessagesTest {

  private static String message(String text) {
    return assertThrows(IllegalArgumentException.class, () -> GroupKey.parse(text)).getMessage();
  }

  @Test
  void aHugeKeyIsQuotedInAtMostEightyCharacters() {
    String m = message("x".repeat(100_000));
    assertEquals(
        "group key \"" + "x".repeat(80) + "...(100000 chars)\" part 0 is not name=value", m);
    String escape = message("q=" + "%41".repeat(30_000));
    assertTrue(escape.length() < 200, escape);
  }

  @Test
  void lineBreaksAndSeparatorsInAKeyAreEscaped() {
    assertEquals("group key \"a\\u000a\" part 0 is not name=value", message("a\n"));
    assertEquals("group key \"a\\u2028\" part 0 is not name=value", message("a\u2028"));
    assertEquals("group key \"a\\u0085\" part 0 is not name=value", message("a\u0085"));
  }
}
