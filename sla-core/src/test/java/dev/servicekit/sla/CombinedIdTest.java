package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The id of a union or intersection at its length limit (PIT: the limit's comparison, the hash and
 * the surrogate cut were unpinned): up to 256 characters the ids joined; beyond, the head of the
 * join, {@code ~} and the 64-bit FNV-1a hash of the whole join, 256 characters, never half a
 * surrogate pair. The hash is computed here independently.
 */
class CombinedIdTest {

  private static BusinessCalendar named(String id) {
    return BusinessCalendar.builder(ZoneOffset.UTC)
        .weekdays(TimeRange.parse("09:00-17:00"))
        .id(id)
        .build();
  }

  private static String fnv1a(String s) {
    long h = 0xcbf29ce484222325L;
    for (char c : s.toCharArray()) {
      h ^= c;
      h *= 0x100000001b3L;
    }
    return String.format(Locale.ROOT, "%016x", h);
  }

  @Test
  void idsUpTo256CharactersJoinBeyondThemTheHeadAndTheHash() {
    String a = "a".repeat(200);
    BusinessCalendar x = named(a);
    String join255 = x.union(named("b".repeat(55))).id();
    assertEquals(a + "|" + "b".repeat(55), join255);
    assertEquals(256, join255.length());
    String whole = a + "|" + "b".repeat(56);
    String hashed = x.union(named("b".repeat(56))).id();
    assertEquals(whole.substring(0, 239) + "~" + fnv1a(whole), hashed);
    assertEquals(256, hashed.length());
    assertEquals(hashed, x.union(named("b".repeat(56))).withId(hashed).id());
    String and = x.intersection(named("b".repeat(56))).id();
    String wholeAnd = a + "&" + "b".repeat(56);
    assertEquals(wholeAnd.substring(0, 239) + "~" + fnv1a(wholeAnd), and);
  }

  @Test
  void theHeadNeverEndsInHalfASurrogatePair() {
    String a = "a".repeat(238) + "\uD83D\uDE00" + "a".repeat(10); // the pair at 238..239
    String id = named(a).union(named("b".repeat(20))).id();
    assertEquals(a.substring(0, 238) + "~" + fnv1a(a + "|" + "b".repeat(20)), id);
    assertTrue(!Character.isHighSurrogate(id.charAt(237)));
  }
}
