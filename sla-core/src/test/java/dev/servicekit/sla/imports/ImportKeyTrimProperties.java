package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The importers turn a helpdesk value into a key: trimmed, lower case, each run of whitespace one
 * {@code '-'}. Only {@link String#strip} whitespace was trimmed, so a value with a leading or
 * trailing no-break space (pasted from HTML), zero-width space or byte order mark kept a {@code
 * '-'} there ({@code gold-}), and a value of only such characters became the key {@code -}.
 */
class ImportKeyTrimProperties {

  private static final List<Character> SPACES =
      List.of(
          ' ', '\t', '\n', '\u00A0', '\u2007', '\u202F', '\u200B', '\uFEFF', '\u0001', '\u3000');

  @Provide
  Arbitrary<String> padding() {
    return Arbitraries.of(SPACES)
        .list()
        .ofMaxSize(4)
        .map(
            l -> {
              StringBuilder b = new StringBuilder();
              l.forEach(b::append);
              return b.toString();
            });
  }

  @Provide
  Arbitrary<String> words() {
    return Arbitraries.strings().withChars("abcXYZ019_.").ofMinLength(1).ofMaxLength(8);
  }

  /**
   * Oracle: the words in lower case, joined by one {@code '-'} where any space stood; the padding
   * around them changes nothing.
   */
  @Property(tries = 300)
  void paddingIsTrimmedWhateverSpaceItIsMadeOf(
      @ForAll("padding") String before,
      @ForAll("words") String first,
      @ForAll("padding") String between,
      @ForAll("words") String second,
      @ForAll("padding") String after) {
    String expected = (first + (between.isEmpty() ? "" : "-") + second).toLowerCase(Locale.ROOT);
    assertEquals(expected, ExportJson.key(first + between + second));
    assertEquals(expected, ExportJson.key(before + first + between + second + after));
  }

  @Test
  void aValueOfOnlySpacesIsNoKeyAndAPastedNoBreakSpaceIsTrimmed() {
    assertNull(ExportJson.key("\u00A0"));
    assertNull(ExportJson.key("\u200B\uFEFF"));
    assertEquals("gold", ExportJson.key("Gold\u00A0"));
    assertEquals("waiting-for-support", ExportJson.key("\u00A0Waiting for\u00A0support\u200B"));
  }
}
