package dev.servicekit.sla.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.sla.internal.clock.BusinessTime;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link Excerpt#requireId(String, String)} decides printable ASCII without Unicode lookups; the
 * rule stays the documented one: an id is refused if nothing in it shows (only whitespace, space
 * separators and format characters), if it has a lone surrogate, or a control character or a line
 * or paragraph separator. The oracle below states that rule code point by code point. Also the 24/7
 * calendar's elapsed time, computed from seconds and nanoseconds, against {@link Duration#between}.
 */
class ExcerptRequireIdProperties {

  /** What the rule says of {@code s}: null if accepted, else the broken rule's word. */
  private static String oracle(String s) {
    boolean shows = false;
    boolean control = false;
    boolean lone = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (Character.getType(cp) == Character.SURROGATE) {
        lone = true;
      }
      shows |=
          !(Character.isWhitespace(cp)
              || Character.isSpaceChar(cp)
              || Character.getType(cp) == Character.FORMAT);
      control |= Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029;
      i += Character.charCount(cp);
    }
    return !shows ? "blank" : lone ? "surrogate" : control ? "control" : null;
  }

  private static String actual(String s) {
    try {
      Excerpt.requireId(s, "id");
      return null;
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      return m.contains("blank")
          ? "blank"
          : m.contains("surrogate") ? "surrogate" : m.contains("control") ? "control" : m;
    }
  }

  @Test
  void everyCharAloneAndBetweenLetters() {
    for (int c = 0; c <= 0xFFFF; c++) {
      String one = String.valueOf((char) c);
      assertEquals(oracle(one), actual(one), "U+" + Integer.toHexString(c));
      String mid = "a" + (char) c + "b";
      assertEquals(oracle(mid), actual(mid), "a U+" + Integer.toHexString(c) + " b");
      String spaced = " " + (char) c;
      assertEquals(oracle(spaced), actual(spaced), "space U+" + Integer.toHexString(c));
    }
  }

  /** Supplementary code points whose low 16 bits look like a surrogate are whole, not lone. */
  @Test
  void supplementaryCodePointsAreNotLoneSurrogates() {
    for (int plane = 1; plane <= 0x10; plane++) {
      for (int low = 0xD800; low <= 0xDFFF; low += 0x7F) {
        String one = new String(Character.toChars((plane << 16) | low));
        assertEquals(oracle(one), actual(one), "U+" + Integer.toHexString((plane << 16) | low));
        assertEquals(null, oracle("a" + one), "oracle on U+" + Integer.toHexString(plane));
      }
    }
  }

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.oneOf(
            Arbitraries.strings().ascii().ofMaxLength(6),
            Arbitraries.strings().all().ofMaxLength(3),
            Arbitraries.of(
                " ", "\u00a0", "\u200b", "\u2028", "\t", "😀", "\ud83d", "x", "\udb36\udc00"))
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .map(l -> String.join("", l));
  }

  @Property(tries = 2000)
  void mixedIdsFollowTheRule(@ForAll("ids") String id) {
    assertEquals(oracle(id), actual(id), id);
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs()
        .between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
        .flatMap(
            s ->
                Arbitraries.integers()
                    .between(0, 999_999_999)
                    .map(n -> Instant.ofEpochSecond(s, n)));
  }

  @Property(tries = 1000)
  void alwaysIsElapsedTime(@ForAll("instants") Instant a, @ForAll("instants") Instant b) {
    Instant lo = a.isBefore(b) ? a : b;
    Instant hi = a.isBefore(b) ? b : a;
    assertEquals(Duration.between(lo, hi), BusinessTime.always().between(lo, hi));
  }
}
