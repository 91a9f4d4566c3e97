package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link Keys#requireKey} decides printable ASCII without Unicode lookups; the rule stays the
 * documented one, stated below char by char as the oracle: 1 to 64 characters, single spaces only
 * between other characters, no other whitespace, space separator, control character, zero-width
 * space or byte order mark, and no lone surrogate.
 */
class KeysRuleProperties {

  private static String oracle(String s) {
    if (s.isEmpty() || s.length() > 64) {
      return "length";
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ') {
        if (i == 0 || i == s.length() - 1 || s.charAt(i - 1) == ' ') {
          return "space";
        }
      } else if (Character.isWhitespace(c)
          || Character.isSpaceChar(c)
          || Character.isISOControl(c)
          || c == '\u200B'
          || c == '\uFEFF') {
        return "whitespace";
      }
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "surrogate";
      }
    }
    return null;
  }

  private static String actual(String s) {
    try {
      assertEquals(s, Keys.requireKey(s, "key"));
      return null;
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      return m.contains("between 1 and 64")
          ? "length"
          : m.contains("two spaces")
              ? "space"
              : m.contains("whitespace") ? "whitespace" : m.contains("surrogate") ? "surrogate" : m;
    }
  }

  @Test
  void everyCharAloneAndBetweenLetters() {
    for (int c = 0; c <= 0xFFFF; c++) {
      for (String s :
          new String[] {String.valueOf((char) c), "a" + (char) c + "b", "a " + (char) c}) {
        assertEquals(oracle(s), actual(s), "U+" + Integer.toHexString(c) + " in " + s.length());
      }
    }
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.oneOf(
            Arbitraries.strings().ascii().ofMaxLength(8),
            Arbitraries.strings().all().ofMaxLength(2),
            Arbitraries.of(" ", "  ", "\u00a0", "\u200b", "\ufeff", "\t", "😀", "\udc00", "é"))
        .list()
        .ofMinSize(1)
        .ofMaxSize(12)
        .map(l -> String.join("", l));
  }

  @Property(tries = 2000)
  void mixedKeysFollowTheRule(@ForAll("keys") String key) {
    assertEquals(oracle(key), actual(key), key);
  }
}
